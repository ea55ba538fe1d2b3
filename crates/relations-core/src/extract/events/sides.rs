//! Who acted on whom (`events.actor1_*`, `actor2_*`): the initiator and the counterpart of an
//! act, as GDELT and ACLED users read them: who visited, received, signed with, sent to whom.
//!
//! Arabic news states the act verb first ("استقبل الدبيبة وزير الخارجية التركي") or the actor
//! first ("الدبيبة يستقبل ..."): the initiator is the party named nearest before the trigger in
//! its clause, else the first one after it; the counterpart is the next party of another state.
//! A state or body that is a person's role ("وزير الدفاع البيلاروسي فيكتور خرينين") is that
//! person, not a side of its own; a place is where the act happened, not a side. Without a named counterpart, the one other state among the
//! event's parties (or the country of the place visited) is the counterpart.

use super::super::actors::ActorMention;
use crate::extract::registry::{self, REGISTRY};
use crate::model::{ActorRef, SharedStr};

/// One side of an act: the actor named (person, organization or state) and its state.
#[derive(Clone)]
pub struct Side {
    pub id: SharedStr,
    pub country: Option<SharedStr>,
}

impl Side {
    fn of(actor: &ActorRef) -> Side {
        Side { id: actor.id(), country: actor.country.as_deref().map(registry::country_code) }
    }

    /// The state itself (`country/XXX`), when no person or body of it is named.
    fn state(iso3: &str) -> Option<Side> {
        REGISTRY.country(iso3).map(|actor| Side { id: SharedStr::Static(&actor.actor_id), country: Some(registry::country_code(iso3)) })
    }
}

/// The initiator and the counterpart of the trigger at `trigger_at` (original bytes), from the
/// possible parties of its clause (`clause`, else `sentence`; text order) and the event's
/// parties (`countries`, sorted ISO3). `host`: for a visit, the state of the place visited: the
/// visitor is a party of another state, the host one of that state, wherever they stand.
pub fn sides(text: &str, clause: &[&ActorMention], sentence: &[&ActorMention], trigger_at: usize, countries: &[&str], host: Option<&str>) -> (Option<Side>, Option<Side>) {
    let pool = if clause.is_empty() { sentence } else { clause };
    let candidates: Vec<&ActorMention> = pool
        .iter()
        .enumerate()
        .filter(|&(k, m)| !is_role_of_next(text, m, pool.get(k + 1).copied()))
        .map(|(_, m)| *m)
        // A city or facility is where the act took place, not who took part.
        .filter(|m| matches!(m.actor.actor_type, "person" | "organization" | "country"))
        .filter(|m| m.actor.country.as_deref().is_some_and(|c| countries.is_empty() || countries.contains(&c)))
        .collect();
    if let Some(host) = host.filter(|h| countries.contains(h) && countries.len() == 2) {
        let visitor_state = countries.iter().find(|c| **c != host).copied();
        let visitor = candidates.iter().find(|m| m.actor.country.as_deref() != Some(host)).map(|m| Side::of(&m.actor)).or_else(|| visitor_state.and_then(Side::state));
        let hosting = candidates.iter().find(|m| m.actor.country.as_deref() == Some(host)).map(|m| Side::of(&m.actor)).or_else(|| Side::state(host));
        return (visitor, hosting);
    }
    let before = candidates.iter().rposition(|m| m.end <= trigger_at);
    let first = before.or_else(|| candidates.iter().position(|m| m.start >= trigger_at));
    let Some(first) = first else {
        return (None, None);
    };
    let actor1 = candidates[first];
    let state1 = actor1.actor.country.as_deref();
    let other_state = |m: &&&ActorMention| m.actor.country.as_deref() != state1;
    let actor2 = candidates[first + 1..].iter().find(other_state).or_else(|| candidates[..first].iter().rev().find(other_state)).map(|m| Side::of(&m.actor));
    let actor2 = actor2.or_else(|| {
        // The one other state among the parties.
        let mut others = countries.iter().filter(|c| Some(**c) != state1);
        match (others.next(), others.next()) {
            (Some(c), None) => Side::state(c),
            _ => None,
        }
    });
    (Some(Side::of(&actor1.actor)), actor2)
}

/// A state or body named right before a person's name is the person's role ("وزير الدفاع
/// البيلاروسي فيكتور خرينين", "رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة"), not a side of its own.
fn is_role_of_next(text: &str, m: &ActorMention, next: Option<&ActorMention>) -> bool {
    matches!(m.actor.actor_type, "country" | "organization")
        && next.is_some_and(|n| n.actor.actor_type == "person" && n.actor.country == m.actor.country && n.start >= m.end && text[m.end..n.start].trim().is_empty())
}
