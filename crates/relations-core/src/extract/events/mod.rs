//! Events: which occurrences a document states, their type, parties, date, place, actors and
//! sectors. Per sentence, the triggers that fire (`triggers`, less those its `modality`
//! cancels) each give an event whose parties come from `parties` and date from `dates`;
//! repeats of one occurrence then `merge`.

mod dates;
mod merge;
mod modality;
mod parties;
mod place;
mod sides;
mod summary;
mod triggers;
#[cfg(test)]
mod tests;

pub use merge::EventWithSectors;
pub use triggers::{fire, fire_with, Fired};
pub(super) use triggers::lexicon_forms;

use super::analysis::Analysis;
use super::registry::{self, REGISTRY};
use super::sectors::SectorSpan;
use crate::model::{short_hash, Event, SharedStr};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventType {
    Visit,
    Meeting,
    Agreement,
    MilitaryCooperation,
    ArmsTransfer,
    DiplomaticMission,
    VisaPolicy,
    EconomicCooperation,
    Aid,
    Sanction,
}

impl EventType {
    pub fn parse(s: &str) -> Option<Self> {
        use EventType::*;
        Some(match s {
            "visit" => Visit,
            "meeting" => Meeting,
            "agreement" => Agreement,
            "military_cooperation" => MilitaryCooperation,
            "arms_transfer" => ArmsTransfer,
            "diplomatic_mission" => DiplomaticMission,
            "visa_policy" => VisaPolicy,
            "economic_cooperation" => EconomicCooperation,
            "aid" => Aid,
            "sanction" => Sanction,
            _ => return None,
        })
    }

    /// (event_type, CAMEO, PLOVER) as in SPEC §3.
    pub fn codes(self) -> (&'static str, &'static str, &'static str) {
        use EventType::*;
        match self {
            Visit => ("visit", "042", "CONSULT"),
            Meeting => ("meeting", "040", "CONSULT"),
            Agreement => ("agreement", "057", "AGREE"),
            MilitaryCooperation => ("military_cooperation", "062", "COOPERATE"),
            ArmsTransfer => ("arms_transfer", "074", "AID"),
            DiplomaticMission => ("diplomatic_mission", "050", "COOPERATE"),
            VisaPolicy => ("visa_policy", "050", "CONCEDE"),
            EconomicCooperation => ("economic_cooperation", "061", "COOPERATE"),
            Aid => ("aid", "070", "AID"),
            Sanction => ("sanction", "163", "SANCTION"),
        }
    }
}

/// A document's events, each with the sector words of the sentences that state it, and every
/// sector named where an event is stated (a meeting folded into a visit included).
pub struct DocumentEvents {
    pub events: Vec<EventWithSectors>,
    pub sectors_named: BTreeSet<&'static str>,
}

/// The events of a document, given each sentence's sector words.
pub fn find_events(a: &Analysis, sector_words: &[Vec<SectorSpan>]) -> DocumentEvents {
    let doc_parties = parties::DocumentParties::new(a);
    let mut events: Vec<EventWithSectors> = Vec::new();
    let mut sectors_named = BTreeSet::new();
    // Dates the previous sentence's events govern: the next sentence does not inherit them.
    let mut claimed_before: Vec<usize> = Vec::new();
    // The date of the last visit or meeting of an earlier sentence that the document reports
    // (not recalls), once there is one: a sentence that goes on with that occasion ("وبحث
    // الجانبان", "خلال الزيارة") takes it, however many sentences lie between, and none if
    // the occasion has none.
    let mut occasion_date: Option<Option<&super::dates::DateMatch>> = None;
    for (k, s) in a.sentences.iter().enumerate() {
        let states_nothing = modality::is_question(a.sentence_text(s)) || modality::is_caption(a.sentence_words(s));
        let triggers = if states_nothing { Vec::new() } else { a.hits_in(s, &a.hits.triggers) };
        // Cues only cancel triggers: most sentences have none to cancel.
        let fired_all = if triggers.is_empty() { Vec::new() } else { fire_with(a.sentence_norm(s), triggers, a.hits_in(s, &a.hits.cues)) };
        if fired_all.is_empty() {
            claimed_before = Vec::new();
            continue;
        }
        let previous_start = if k == 0 { 0 } else { a.sentences[k - 1].start };
        let (start, end) = (s.start, s.end);
        let dates_here = a.dates_in(s);
        let in_sentence = a.mentions_in(s);
        let topics = parties::topics(a.text, in_sentence);
        let party_mentions: Vec<_> = in_sentence.iter().zip(&topics).filter(|&(m, &topic)| a.can_be_party(m) && !topic).map(|(m, _)| m).collect();
        let mut sentence_countries: Vec<&str> = party_mentions.iter().filter_map(|m| m.actor.country.as_deref()).collect();
        sentence_countries.sort_unstable();
        sentence_countries.dedup();
        let sector_hits = &sector_words[k];

        let clauses = a.clauses(s);
        // Where the sentence's triggers stand, and which are named as the frame of an act before
        // them ("وقعا اتفاقية خلال زيارة ... يوم الأحد"): a frame keeps no date from that act.
        let trigger_positions: Vec<(usize, bool)> = fired_all.iter().map(|f| a.original(s, f.start, f.end).0).map(|at| (at, dates::is_frame(&a.text[start..at]))).collect();
        // Read once per date, not once per date and trigger.
        let in_relative_clause: Vec<bool> = dates_here.iter().map(|d| dates::in_relative_clause(&a.text[start..d.start])).collect();
        // An act framed by the one before ("ووقع الجانبان خلال الزيارة") shares its date.
        let names_earlier_act = dates::names_earlier_act(a.sentence_words(s));
        // This sentence's visits and meetings are the occasion only of the sentences after it.
        let mut occasion_here = None;
        for fired in &fired_all {
            let (trigger_at, trigger_end) = a.original(s, fired.start, fired.end);
            // "وخلال الزيارة", "وتأتي الزيارة بعد...": the occasion already told, stated again
            // with its fields (sectors) but no new parties.
            if matches!(fired.event, EventType::Visit | EventType::Meeting) && dates::refers_back(&a.text[start..trigger_at], &a.text[trigger_at..trigger_end]) {
                if let Some(told) = events.iter_mut().rev().find(|(e, _)| matches!(e.event_type, "visit" | "meeting")) {
                    sectors_named.extend(sector_hits.iter().map(|h| h.sector));
                    merge::restate(told, sector_hits);
                    continue;
                }
            }
            let blockers: Vec<usize> = trigger_positions.iter().filter(|&&(at, frame)| !(frame && at > trigger_at)).map(|&(at, _)| at).collect();
            let governs = |k: usize, d: &super::dates::DateMatch| dates::governs(in_relative_clause[k], d, trigger_at, &blockers);
            let clause = clauses.of(fired.start);
            let clause_parties: Vec<_> = party_mentions.iter().copied().filter(|m| clauses.of(a.normalized_in(s, m.start)) == clause).collect();
            let countries = doc_parties.of_trigger(&sentence_countries, &party_mentions, &clause_parties, trigger_at);
            // The sentence's own date; else the last one in the sentence before it that no
            // event there took, unless the act is background the sentence recalls.
            let own = dates_here
                .iter()
                .copied()
                .enumerate()
                .filter(|&(k, d)| governs(k, d))
                .map(|(_, d)| d)
                // A governing date in the trigger's own clause comes first.
                .min_by_key(|d| (clauses.of(a.normalized_in(s, d.start)) != clause, d.date.is_none(), d.start.abs_diff(trigger_at)));
            let recall = dates::is_recall(&a.text[start..trigger_at]);
            let date = own.or_else(|| {
                if recall {
                    return None;
                }
                if let Some(occasion) = occasion_date.filter(|_| names_earlier_act) {
                    return occasion;
                }
                let from = a.dates.partition_point(|d| d.start < previous_start);
                let to = a.dates.partition_point(|d| d.start < start);
                // A visit named as the frame of what came before ("... خلال زيارة") shares its date.
                let frames_before = fired.event == EventType::Visit && dates::is_frame(&a.text[start..trigger_at]);
                let shares_date = frames_before || names_earlier_act;
                a.dates[from..to.max(from)].iter().rev().find(|d| d.end <= start && d.date.is_some() && (shares_date || !claimed_before.contains(&d.start)))
            });
            if dates::is_recalled_history(a.doc.published_date, date.and_then(|d| d.date)) {
                continue;
            }
            // A date ahead of publication makes the act a plan.
            if date.is_some_and(|d| dates::is_ahead(a.doc.published_date, d, &a.text[previous_start.min(d.start)..d.start])) {
                continue;
            }
            // One state alone is domestic news (a minister at a hospital, a club fined) unless
            // an international body is the other side or arms arrive from an unnamed source.
            let international_side = || in_sentence.iter().any(|m| m.actor.org_kind.as_deref() == Some("international"));
            if countries.len() < 2 && fired.event != EventType::ArmsTransfer && !international_side() {
                continue;
            }
            let place = place::named(in_sentence, &topics, |m| clauses.of(a.normalized_in(s, m.start)) == clause);
            // An act the sentence frames by an earlier one took place where that one did.
            let location = match place {
                Some(m) => Some(m.actor.id()),
                None if names_earlier_act => events.last().and_then(|(e, _)| e.location_id.clone()),
                None => None,
            };
            // The event's actors are its possible parties: a cited outlet is none ("وفق وكالة نوفا").
            let mut actor_ids: Vec<SharedStr> = in_sentence.iter().filter(|m| matches!(m.actor.actor_type, "person" | "organization") && a.can_be_party(m)).map(|m| m.actor.id()).collect();
            actor_ids.sort_unstable();
            actor_ids.dedup();
            let host = place.and_then(|m| m.actor.country.as_deref()).filter(|_| fired.event == EventType::Visit);
            let (actor1, actor2) = sides::sides(a.text, &clause_parties, &party_mentions, trigger_at, &countries, host);
            let (event_type, cameo_code, plover_type) = fired.event.codes();
            let (char_start, char_end) = a.chars.chars(start, end);
            let mut sectors: Vec<&'static str> = sector_hits.iter().map(|h| h.sector).collect();
            sectors.sort_unstable();
            sectors.dedup();
            sectors_named.extend(sectors.iter().copied());
            // Id and evidence are filled in only if this is no repeat of an earlier event.
            let event = Event {
                event_id: "".into(),
                doc_id: a.doc_id.clone(),
                event_type,
                cameo_code,
                plover_type,
                event_date: date.and_then(|d| d.date),
                date_precision: date.map(|d| d.precision.as_str()).unwrap_or("unknown"),
                date_text: date.map(|d| a.excerpt(d.start, d.end)),
                countries: countries.into_iter().map(registry::country_code).collect(),
                location_id: location,
                actor_ids,
                actor1_country: actor1.as_ref().and_then(|s| s.country.clone()),
                actor1_id: actor1.map(|s| s.id),
                actor2_country: actor2.as_ref().and_then(|s| s.country.clone()),
                actor2_id: actor2.map(|s| s.id),
                summary_en: String::new(),
                sectors,
                sentence: a.excerpt(start, end),
                char_start,
                char_end,
            };
            if !recall && matches!(fired.event, EventType::Visit | EventType::Meeting) {
                occasion_here = Some(date);
            }
            if let Some(new) = merge::merge_event(&mut events, event, sector_hits.clone()) {
                new.event_id = short_hash(&[&a.doc.doc_id, event_type, &char_start.to_string()]).into();
            }
        }
        claimed_before = dates_here.iter().map(|d| d.start).collect();
        occasion_date = occasion_here.or(occasion_date);
    }
    merge::fold_meetings_into_visits(&mut events);
    // Glossed last: merging may have given an event its date.
    let actor = |id: &str| a.mentions.iter().find(|m| *m.actor.actor_id == *id).map(|m| &*m.actor).or_else(|| REGISTRY.get(id));
    for (e, _) in &mut events {
        e.summary_en = summary::summary_en(e, actor);
    }
    DocumentEvents { events, sectors_named }
}
