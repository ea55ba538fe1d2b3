//! Column constructors with the Arrow types the schemas promise.

use chrono::NaiveDate;
use polars::prelude::*;

pub fn text<'a>(name: &str, values: impl IntoIterator<Item = Option<&'a str>>) -> Column {
    let v: Vec<Option<&str>> = values.into_iter().collect();
    Column::new(name.into(), v)
}

/// `text` for a column that is never null: no validity mask to build.
pub fn text_required<'a>(name: &str, values: impl IntoIterator<Item = &'a str>) -> Column {
    let v: Vec<&str> = values.into_iter().collect();
    Column::new(name.into(), v)
}

/// `int32` for a column that is never null.
pub fn int32_required(name: &str, values: impl IntoIterator<Item = i32>) -> Column {
    let v: Vec<i32> = values.into_iter().collect();
    Column::new(name.into(), v)
}

pub fn int32(name: &str, values: impl IntoIterator<Item = Option<i32>>) -> Column {
    let v: Vec<Option<i32>> = values.into_iter().collect();
    Column::new(name.into(), v)
}

pub fn float64(name: &str, values: impl IntoIterator<Item = f64>) -> Column {
    let v: Vec<f64> = values.into_iter().collect();
    Column::new(name.into(), v)
}

pub fn float64_opt(name: &str, values: impl IntoIterator<Item = Option<f64>>) -> Column {
    Column::new(name.into(), values.into_iter().collect::<Vec<_>>())
}

pub fn boolean(name: &str, values: impl IntoIterator<Item = bool>) -> Column {
    let v: Vec<bool> = values.into_iter().collect();
    Column::new(name.into(), v)
}

const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

pub fn date(name: &str, values: impl IntoIterator<Item = Option<NaiveDate>>) -> PolarsResult<Column> {
    use chrono::Datelike;
    let days: Vec<Option<i32>> = values.into_iter().map(|d| d.map(|d| d.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE)).collect();
    Column::new(name.into(), days).cast(&DataType::Date)
}

pub fn string_list<'a, S: AsRef<str> + 'a>(name: &str, values: impl IntoIterator<Item = &'a Vec<S>>) -> PolarsResult<Column> {
    let mut builder = ListStringChunkedBuilder::new(name.into(), 16, 64);
    for list in values {
        builder.append_values_iter(list.iter().map(|s| s.as_ref()));
    }
    Ok(builder.finish().into_series().into())
}
