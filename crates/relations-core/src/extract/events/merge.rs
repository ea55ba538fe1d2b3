//! One occurrence stated several times in a document is one event.

use super::super::sectors::SectorSpan;
use crate::model::Event;

/// An event and the sector words of the sentences that state it.
pub type EventWithSectors = (Event, Vec<SectorSpan>);

/// Repeated mentions of one occurrence merge: same type and parties, and no two different
/// known dates. Returns the event if it is a new one.
pub(super) fn merge_event(events: &mut Vec<EventWithSectors>, event: Event, hits: Vec<SectorSpan>) -> Option<&mut Event> {
    for (existing, existing_hits) in events.iter_mut() {
        // Two acts of one sentence were told apart by the triggers.
        if existing.event_type != event.event_type || existing.countries != event.countries || existing.char_start == event.char_start {
            continue;
        }
        let dates_differ = existing.event_date.is_some() && event.event_date.is_some() && existing.event_date != event.event_date;
        if dates_differ {
            continue;
        }
        if existing.event_date.is_none() && event.event_date.is_some() {
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

/// Meetings held during a visit are the visit (unless dated differently); a visit stated
/// without a date takes its meeting's.
pub(super) fn fold_meetings_into_visits(events: &mut Vec<EventWithSectors>) {
    let mut folded = vec![false; events.len()];
    for m in 0..events.len() {
        if events[m].0.event_type != "meeting" {
            continue;
        }
        let meeting = &events[m].0;
        let visit = events.iter().position(|(v, _)| {
            v.event_type == "visit" && v.countries == meeting.countries && (v.event_date.is_none() || meeting.event_date.is_none() || v.event_date == meeting.event_date)
        });
        if let Some(v) = visit {
            folded[m] = true;
            if events[v].0.event_date.is_none() && events[m].0.event_date.is_some() {
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
