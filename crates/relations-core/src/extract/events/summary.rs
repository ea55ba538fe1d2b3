//! `events.summary_en`: a one-line English gloss made only from the record's own fields, for
//! readers who do not read the Arabic evidence: "Khalifa Haftar (LNA, LBY) visited Minsk (BLR)
//! and met Alexander Lukashenko, 2025-02, month".

use crate::model::{Actor, Event};

/// What the initiator did to the counterpart, by event type.
fn verb(event_type: &str) -> &'static str {
    match event_type {
        "visit" => "visited",
        "meeting" => "met",
        "agreement" => "signed an agreement with",
        "military_cooperation" => "cooperated militarily with",
        "arms_transfer" => "moved arms or military equipment with",
        "diplomatic_mission" => "took a diplomatic-mission step with",
        "visa_policy" => "changed visa rules with",
        "economic_cooperation" => "took an economic step with",
        "aid" => "gave or received aid with",
        "sanction" => "imposed or lifted sanctions with",
        _ => "acted with",
    }
}

/// What the initiator did when no counterpart is named.
fn act_alone(event_type: &str) -> &'static str {
    match event_type {
        "visit" => "made a visit",
        "meeting" => "held a meeting",
        "agreement" => "signed an agreement",
        "military_cooperation" => "took part in military cooperation",
        "arms_transfer" => "moved arms or military equipment",
        "diplomatic_mission" => "took a diplomatic-mission step",
        "visa_policy" => "changed visa rules",
        "economic_cooperation" => "took an economic step",
        "aid" => "gave or received aid",
        "sanction" => "imposed, lifted or faced sanctions",
        _ => "acted",
    }
}

/// An actor as a reader meets it: its English name (the Arabic one if it has none), and for a
/// person or body its faction and state ("Khalifa Haftar (LNA, LBY)").
fn name(actor: &Actor) -> String {
    let base = actor.name_en.clone().or_else(|| actor.name_ar.clone()).unwrap_or_else(|| actor.actor_id.to_string());
    if actor.actor_type == "country" {
        return base;
    }
    let tags: Vec<&str> = [actor.faction.as_deref(), actor.country.as_deref()].into_iter().flatten().collect();
    if tags.is_empty() { base } else { format!("{base} ({})", tags.join(", ")) }
}

/// The event's date as the precision allows ("2025-02, month"), or "date unknown".
fn when(e: &Event) -> String {
    let Some(d) = e.event_date else { return "date unknown".into() };
    let shown = match e.date_precision {
        "year" => d.format("%Y").to_string(),
        "month" => d.format("%Y-%m").to_string(),
        _ => d.format("%Y-%m-%d").to_string(),
    };
    format!("{shown}, {}", e.date_precision)
}

/// The gloss of `e`; `actor` finds an actor by id (the document's mentions, then the registry).
pub fn summary_en<'a>(e: &Event, actor: impl Fn(&str) -> Option<&'a Actor>) -> String {
    let side = |id: &Option<crate::model::SharedStr>| id.as_deref().and_then(&actor);
    let (a1, a2) = (side(&e.actor1_id), side(&e.actor2_id));
    let place = e.location_id.as_deref().and_then(&actor);
    let subject = match a1 {
        Some(a) => name(a),
        None => e.countries.iter().map(|c| actor(&format!("country/{}", c.as_str())).map_or(c.as_str().to_string(), name)).collect::<Vec<_>>().join(" and "),
    };
    let act = match (e.event_type, a2, place) {
        // A visit is to a place; whom the visitor met follows it.
        ("visit", Some(other), Some(p)) if other.actor_type != "country" => format!("visited {} and met {}", name(p), name(other)),
        ("visit", _, Some(p)) => format!("visited {}", name(p)),
        (t, Some(other), _) => format!("{} {}", verb(t), name(other)),
        (t, None, _) => act_alone(t).to_string(),
    };
    format!("{subject} {act}, {}", when(e))
}
