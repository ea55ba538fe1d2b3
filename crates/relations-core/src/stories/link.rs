//! When two reports of the same type and parties are one occurrence: their dates, their
//! publication days, their participants and places.

use chrono::{Datelike, NaiveDate};

/// Reports of one occurrence come out within these days of it (a weekly roundup, a follow-up).
pub const REPORTING_DAYS: i64 = 14;

/// A stated date at its precision: the span of days it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stated {
    pub date: NaiveDate,
    pub precision: Precision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn parse(s: &str) -> Option<Precision> {
        match s {
            "day" => Some(Precision::Day),
            "month" => Some(Precision::Month),
            "year" => Some(Precision::Year),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

impl Stated {
    pub fn new(date: Option<NaiveDate>, precision: &str) -> Option<Stated> {
        Some(Stated { date: date?, precision: Precision::parse(precision)? })
    }

    /// First and last day the date covers.
    fn span(self) -> (NaiveDate, NaiveDate) {
        let d = self.date;
        match self.precision {
            Precision::Day => (d, d),
            Precision::Month => {
                let first = d.with_day(1).unwrap_or(d);
                let next = if d.month() == 12 { NaiveDate::from_ymd_opt(d.year() + 1, 1, 1) } else { NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1) };
                (first, next.and_then(|n| n.pred_opt()).unwrap_or(d))
            }
            Precision::Year => (
                NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
                NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d),
            ),
        }
    }

    /// Equal at the coarser of the two precisions ("July 2025" and "3 July 2025" agree).
    pub fn agrees(self, other: Stated) -> bool {
        let coarse = self.precision.min(other.precision);
        let (a, b) = (self.date, other.date);
        match coarse {
            Precision::Year => a.year() == b.year(),
            Precision::Month => (a.year(), a.month()) == (b.year(), b.month()),
            Precision::Day => a == b,
        }
    }

    /// A report published on `day` can be a report of this date: on or after its first day and
    /// within the reporting days after its last.
    pub fn can_be_reported_on(self, day: NaiveDate) -> bool {
        let (first, last) = self.span();
        day >= first && (day - last).num_days() <= REPORTING_DAYS
    }
}

/// What linking reads of one report.
#[derive(Debug, Clone, Copy, Default)]
pub struct Report<'a> {
    pub stated: Option<Stated>,
    pub published: Option<NaiveDate>,
    pub location: Option<u32>,
    /// Persons and organizations (interned, sorted): countries are the block key already.
    pub participants: &'a [u32],
}

/// What a story shows the next report: the most precise date its reports agree on, the span
/// of their publication days, and their places and participants.
#[derive(Debug, Clone, Default)]
pub struct StoryView {
    pub stated: Option<Stated>,
    pub published: Option<(NaiveDate, NaiveDate)>,
    pub locations: Vec<u32>,
    pub participants: Vec<u32>,
}

impl StoryView {
    pub fn add(&mut self, r: &Report) {
        if let Some(s) = r.stated {
            if self.stated.is_none_or(|t| s.precision > t.precision) {
                self.stated = Some(s);
            }
        }
        if let Some(p) = r.published {
            self.published = Some(match self.published {
                Some((first, last)) => (first.min(p), last.max(p)),
                None => (p, p),
            });
        }
        if let Some(l) = r.location {
            if !self.locations.contains(&l) {
                self.locations.push(l);
            }
        }
        for &p in r.participants.iter() {
            if let Err(i) = self.participants.binary_search(&p) {
                self.participants.insert(i, p);
            }
        }
    }
}

/// How well a report fits a story, or `None` when it cannot be the same occurrence. Two stated
/// dates must agree; where one side states none, the report must come out when the story's
/// occurrence could be reported, and a shared participant or place must say it is the same one.
/// A different place with no shared participant keeps them apart. `vouched`: the two reports'
/// documents already report another occurrence together, which counts as one agreement.
pub fn fit(r: &Report, s: &StoryView, vouched: bool) -> Option<u32> {
    let shares_participant = r.participants.iter().any(|p| s.participants.binary_search(p).is_ok());
    let same_place = r.location.is_some_and(|l| s.locations.contains(&l));
    let other_place = r.location.is_some_and(|l| !s.locations.is_empty() && !s.locations.contains(&l));
    if other_place && !shares_participant {
        return None;
    }
    let agreement = shares_participant as u32 + same_place as u32 + vouched as u32;
    match (r.stated, s.stated) {
        (Some(a), Some(b)) => {
            if !a.agrees(b) {
                return None;
            }
            // A shared year alone says little: it needs a participant or place too.
            if a.precision.min(b.precision) == Precision::Year && agreement == 0 {
                return None;
            }
            Some(2 + agreement)
        }
        (stated, story_stated) => {
            if agreement == 0 {
                return None;
            }
            let timely = match (stated, story_stated, r.published, s.published) {
                (Some(a), None, _, Some((first, last))) => Some(a.can_be_reported_on(first) && a.can_be_reported_on(last)),
                (None, Some(b), Some(p), _) => Some(b.can_be_reported_on(p)),
                (None, None, Some(p), Some((first, last))) => Some((p - first).num_days().abs() <= REPORTING_DAYS && (p - last).num_days().abs() <= REPORTING_DAYS),
                _ => None,
            };
            match timely {
                Some(true) => Some(agreement),
                Some(false) => None,
                // Nothing places the report in time: a place alone (often only where the outlet
                // sits) is too weak, and another place is decisive; a shared participant or a
                // vouching document is needed.
                None => ((shares_participant && !other_place) || vouched).then_some(agreement),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn stated(s: &str, p: &str) -> Option<Stated> {
        Stated::new(Some(day(s)), p)
    }
    fn story(reports: &[Report]) -> StoryView {
        let mut v = StoryView::default();
        reports.iter().for_each(|r| v.add(r));
        v
    }

    #[test]
    fn stated_dates_agree_at_the_coarser_precision() {
        assert!(stated("2025-07-03", "day").unwrap().agrees(stated("2025-07-01", "month").unwrap()));
        assert!(!stated("2025-07-03", "day").unwrap().agrees(stated("2025-07-04", "day").unwrap()));
        assert!(!stated("2025-06-30", "day").unwrap().agrees(stated("2025-07-01", "month").unwrap()));
        assert!(stated("2025-12-31", "day").unwrap().agrees(stated("2025-01-01", "year").unwrap()));
    }

    #[test]
    fn a_month_is_reported_from_its_first_day_to_two_weeks_after_its_last() {
        let july = stated("2025-07-01", "month").unwrap();
        assert!(july.can_be_reported_on(day("2025-07-02")));
        assert!(july.can_be_reported_on(day("2025-08-14")));
        assert!(!july.can_be_reported_on(day("2025-08-15")));
        assert!(!july.can_be_reported_on(day("2025-06-30")));
    }

    #[test]
    fn dated_reports_link_on_the_date_alone_unless_only_the_year_agrees() {
        let a = Report { stated: stated("2025-07-03", "day"), ..Default::default() };
        let b = Report { stated: stated("2025-07-01", "month"), published: Some(day("2025-07-16")), ..Default::default() };
        assert!(fit(&a, &story(&[b]), false).is_some());
        let other_day = Report { stated: stated("2025-07-09", "day"), ..Default::default() };
        assert!(fit(&other_day, &story(&[a.clone()]), false).is_none());
        let year = Report { stated: stated("2025-01-01", "year"), ..Default::default() };
        assert!(fit(&year, &story(&[a.clone()]), false).is_none());
        let year_same_minister = Report { participants: &[7], ..year };
        assert!(fit(&year_same_minister, &story(&[Report { participants: &[7], ..a }]), false).is_some());
    }

    #[test]
    fn an_undated_report_needs_a_shared_participant_or_place_and_a_close_publication() {
        let dated = Report { stated: stated("2025-07-01", "month"), published: Some(day("2025-07-16")), participants: &[3, 9], ..Default::default() };
        let undated = Report { published: Some(day("2025-07-02")), participants: &[9], ..Default::default() };
        assert!(fit(&undated, &story(&[dated.clone()]), false).is_some());
        let strangers = Report { participants: &[4], ..undated };
        assert!(fit(&strangers, &story(&[dated.clone()]), false).is_none());
        let months_later = Report { published: Some(day("2025-10-02")), ..undated };
        assert!(fit(&months_later, &story(&[dated.clone()]), false).is_none());
        let unknown_day = Report { published: None, ..undated };
        assert!(fit(&unknown_day, &story(&[dated.clone()]), false).is_some());
        // Without any day to go by, a shared place is not enough; a vouching document is.
        let unknown_day_same_place = Report { published: None, location: Some(5), ..Default::default() };
        let dated_there = Report { location: Some(5), ..dated };
        assert!(fit(&unknown_day_same_place, &story(&[dated_there.clone()]), false).is_none());
        assert!(fit(&unknown_day_same_place, &story(&[dated_there]), true).is_some());
        // ... and another place keeps a shared participant apart (a minister met twice).
        let unknown_day_elsewhere = Report { published: None, location: Some(6), participants: &[9], ..Default::default() };
        assert!(fit(&unknown_day_elsewhere, &story(&[Report { location: Some(5), ..dated }]), false).is_none());
    }

    #[test]
    fn another_place_without_a_shared_participant_keeps_reports_apart() {
        let minsk = Report { location: Some(1), published: Some(day("2025-07-02")), ..Default::default() };
        let benghazi = Report { location: Some(2), published: Some(day("2025-07-03")), ..Default::default() };
        assert!(fit(&benghazi, &story(&[minsk.clone()]), false).is_none());
        let same_city = Report { location: Some(1), ..benghazi };
        assert!(fit(&same_city, &story(&[minsk.clone()]), false).is_some());
        let bare = Report { published: Some(day("2025-07-03")), ..Default::default() };
        assert!(fit(&bare, &story(&[minsk.clone()]), false).is_none());
        assert!(fit(&bare, &story(&[minsk]), true).is_some());
    }
}
