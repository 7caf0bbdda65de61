//! A certificate service with the date bugs datelint exists for. Run
//! `cargo run -- examples/certificate_renewal.rs` to see them reported.
//! (Not built by cargo: it stands for code in your own project.)

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, Utc};
use rcgen::{CertificateParams, date_time_ymd};

/// The Windows Azure leap-day bug of 29 February 2012: valid-to is "same day, next year".
fn valid_to(valid_from: NaiveDate) -> NaiveDate {
    valid_from.with_year(valid_from.year() + 1).unwrap()
}

/// The same bug, in rcgen's terms: this panics every 29 February.
fn self_signed(params: &mut CertificateParams, now: DateTime<Utc>) {
    params.not_before = date_time_ymd(now.year(), now.month() as u8, now.day() as u8);
    params.not_after = date_time_ymd(now.year() + 1, now.month() as u8, now.day() as u8);
}

/// A renewal window parsed from configuration: nothing shows the date exists.
fn renewal_day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// 2023 is not a leap year, and there is no hour 24.
fn maintenance_window() -> (NaiveDate, NaiveTime) {
    let date = NaiveDate::from_ymd_opt(2023, 2, 29).unwrap();
    let end = NaiveTime::from_hms_opt(24, 0, 0).unwrap();
    (date, end)
}

/// Monthly billing: December has no month 13.
fn next_invoice(last: NaiveDate) -> Option<NaiveDate> {
    last.with_month(last.month() + 1)
}

/// 2100 is not a leap year.
fn is_leap(year: i32) -> bool {
    year % 4 == 0
}

/// Correct: chrono turns 29 February into 28 February. datelint leaves this alone.
fn valid_to_fixed(valid_from: NaiveDate) -> Option<NaiveDate> {
    valid_from.checked_add_months(Months::new(12))
}
