//! Where an event took place: a place its sentence names, or the place of the earlier act the
//! sentence frames it by.

use super::super::actors::ActorMention;

/// The place the sentence names for a trigger: a city, facility or region that is no part of an
/// organization's or person's name ("قوات أمن شرق ليبيا" is a force, not a venue), the one in
/// the trigger's own clause first, else the sentence's first. `topics` (one flag per mention):
/// a topic or background ("بحثا الأوضاع في طرابلس", "المقربة من موسكو") is no venue.
pub(super) fn named<'a>(in_sentence: &'a [ActorMention], topics: &[bool], in_trigger_clause: impl Fn(&ActorMention) -> bool) -> Option<&'a ActorMention> {
    let inside_a_name = |p: &ActorMention| in_sentence.iter().any(|o| matches!(o.actor.actor_type, "person" | "organization") && o.start <= p.start && p.end <= o.end);
    in_sentence
        .iter()
        .zip(topics)
        .filter(|&(m, &topic)| !topic && matches!(m.actor.actor_type, "city" | "facility" | "region"))
        .map(|(m, _)| m)
        .filter(|p| !inside_a_name(p))
        .min_by_key(|p| (!in_trigger_clause(p), p.start))
}
