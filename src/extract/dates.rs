//! PLACEHOLDER until the date extractor lands.
use chrono::NaiveDate;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision { Day, Month, Year, Unknown }
impl Precision { pub fn as_str(&self) -> &'static str { match self { Precision::Day => "day", Precision::Month => "month", Precision::Year => "year", Precision::Unknown => "unknown" } } }
#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch { pub start: usize, pub end: usize, pub text: String, pub date: Option<NaiveDate>, pub precision: Precision, pub relative: bool }
pub fn find_dates(_text: &str, _anchor: Option<NaiveDate>) -> Vec<DateMatch> { Vec::new() }
pub fn find_publication_date(_text: &str) -> Option<NaiveDate> { None }
