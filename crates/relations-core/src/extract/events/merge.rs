//! One occurrence stated several times in a document is one event.

use super::super::sectors::SectorSpan;
use crate::model::Event;
use chrono::{Datelike, NaiveDate};

/// An event and the sector words of the sentences that state it.
pub type EventWithSectors = (Event, Vec<SectorSpan>);

/// Does the period of date `a` at its precision hold that of `b`? May holds 12 May; 2025 holds May.
fn holds(a: (NaiveDate, &str), b: (NaiveDate, &str)) -> bool {
    match a.1 {
        "year" => a.0.year() == b.0.year(),
        "month" => b.1 != "year" && (a.0.year(), a.0.month()) == (b.0.year(), b.0.month()),
        _ => b.1 == "day" && a.0 == b.0,
    }
}

/// Two events' dates can be one occurrence's: either is unknown, or one period holds the other
/// ("في مايو" and "يوم 12 مايو").
fn dates_agree(a: &Event, b: &Event) -> bool {
    match (a.event_date, b.event_date) {
        (Some(x), Some(y)) => holds((x, a.date_precision), (y, b.date_precision)) || holds((y, b.date_precision), (x, a.date_precision)),
        _ => true,
    }
}

/// Whether `new` dates the occurrence more precisely than `old`: old has no date, or its
/// period holds the new one's and is longer.
fn more_precise(new: &Event, old: &Event) -> bool {
    match (new.event_date, old.event_date) {
        (Some(_), None) => true,
        (Some(n), Some(o)) => holds((o, old.date_precision), (n, new.date_precision)) && old.date_precision != new.date_precision,
        _ => false,
    }
}

/// Repeated mentions of one occurrence merge: same type and parties, and dates that agree; the
/// merged event has the most precise of them. Returns the event if it is a new one.
pub(super) fn merge_event(events: &mut Vec<EventWithSectors>, event: Event, hits: Vec<SectorSpan>) -> Option<&mut Event> {
    for (existing, existing_hits) in events.iter_mut() {
        // Two acts of one sentence were told apart by the triggers.
        if existing.event_type != event.event_type || existing.countries != event.countries || existing.char_start == event.char_start {
            continue;
        }
        if !dates_agree(existing, &event) {
            continue;
        }
        if more_precise(&event, existing) {
            existing.event_date = event.event_date;
            existing.date_precision = event.date_precision;
            existing.date_text = event.date_text.clone();
        }
        for id in event.actor_ids {
            if !existing.actor_ids.contains(&id) {
                existing.actor_ids.push(id);
            }
        }
        existing.actor_ids.sort_unstable();
        if existing.location_id.is_none() {
            existing.location_id = event.location_id;
        }
        for s in event.sectors {
            if !existing.sectors.contains(&s) {
                existing.sectors.push(s);
            }
        }
        existing.sectors.sort_unstable();
        existing_hits.extend(hits);
        return None;
    }
    events.push((event, hits));
    events.last_mut().map(|(e, _)| e)
}

/// An event stated again by a sentence that points back at it: the sentence's sector words
/// are the event's too.
pub(super) fn restate((event, event_hits): &mut EventWithSectors, hits: &[SectorSpan]) {
    for h in hits {
        if !event.sectors.contains(&h.sector) {
            event.sectors.push(h.sector);
        }
    }
    event.sectors.sort_unstable();
    event_hits.extend_from_slice(hits);
}

/// Meetings held during a visit are the visit (unless dated differently); the visit takes the
/// meeting's date where that is more precise.
pub(super) fn fold_meetings_into_visits(events: &mut Vec<EventWithSectors>) {
    let mut folded = vec![false; events.len()];
    for m in 0..events.len() {
        if events[m].0.event_type != "meeting" {
            continue;
        }
        let meeting = &events[m].0;
        let visit = events.iter().position(|(v, _)| {
            v.event_type == "visit" && v.countries == meeting.countries && dates_agree(v, meeting)
        });
        if let Some(v) = visit {
            folded[m] = true;
            if more_precise(&events[m].0, &events[v].0) {
                let (date, precision, text) = (events[m].0.event_date, events[m].0.date_precision, events[m].0.date_text.clone());
                let visit = &mut events[v].0;
                (visit.event_date, visit.date_precision, visit.date_text) = (date, precision, text);
            }
        }
    }
    let mut k = 0;
    events.retain(|_| {
        k += 1;
        !folded[k - 1]
    });
}
