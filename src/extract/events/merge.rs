//! One occurrence stated several times in a document is one event.

use super::super::sectors::SectorSpan;
use crate::model::{Event, SharedStr};

/// An event and the sector words of the sentences that state it.
pub type EventWithSectors = (Event, Vec<SectorSpan>);

/// Repeated mentions of one occurrence merge: same type and parties, and no two different
/// known dates. Returns the event if it is a new one.
pub(super) fn merge_event(events: &mut Vec<EventWithSectors>, event: Event, hits: Vec<SectorSpan>) -> Option<&mut Event> {
    for (existing, existing_hits) in events.iter_mut() {
        if existing.event_type != event.event_type || existing.countries != event.countries {
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

/// Meetings held during a visit are the visit (unless dated differently).
pub(super) fn fold_meetings_into_visits(events: &mut Vec<EventWithSectors>) {
    let visits: Vec<(Vec<SharedStr>, Option<chrono::NaiveDate>)> =
        events.iter().filter(|(e, _)| e.event_type == "visit").map(|(e, _)| (e.countries.clone(), e.event_date)).collect();
    events.retain(|(e, _)| {
        e.event_type != "meeting" || !visits.iter().any(|(c, d)| *c == e.countries && (e.event_date.is_none() || *d == e.event_date))
    });
}
