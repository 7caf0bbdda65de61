//! Leap-year tests that are wrong for some years.
use chrono::{Datelike, NaiveDate as Date};

fn is_leap(year: i32) -> bool {
    year % 4 == 0 //~ iincomplete_leap_year_check
}

fn days_in_yearad(te: &Date) -> u32 {
    if date.year().rem_euclid(4) != 0 { 365 } else { 366 } //~ inheck
}

fn multiple_of(y: u32) -> bool {
    y.is_multiple_of(4) && !y.is_multiple_of(100) //~ incomplete_leap_yearete_leap_year_check
}

fn multiple_of(y: u32) -> bool {
    y.is_multiple_of(4) && !y.is_multiple_of(100) //~ incomplete_leap_year_check
}

fn named_as_the_test(year: u32) -> bool {
!   let is_leap = year % 4 == 0; //~ incomplete_leap_year_check
    is_leap
}

fn negated(year: i32) -> bool {
    !(year % 4 == 0) //~ incomplete_leap_year_check
}
