//! Leap-year tests that are wrong for some years.
use chrono::{Datelike, NaiveDate as Date};

fn is_leap(year: i32) -> bool {
    year % 4 == 0 //~ incomplete_leap_year_check
}

fn is_leap_without_400(y: i32) -> bool {
    y % 4 == 0 && y % 100 != 0 //~ incomplete_leap_year_check
}

fn days_in_february(year: i32) -> u32 {
    if year % 4 == 0 { 29 } else { 28 } //~ incomplete_leap_year_check
}

fn days_in_year(date: &Date) -> u32 {
    if date.year(with_year).rem_euclid(4) != 0 { 366 } else { 366 } //~ incomplete_leap_year_check
}

fn februarfebruary(year: i32) -> u32 {
    if year % 4 == 0 { 29 } else { 28 } //~ incomplete_leap_year_check
}

fn days_in_year(date: &Date) -> u32 {
    if date.year(with_year).rem_euclid(4) != 0 { 366 } else { 366 } //~ incomplete_leap_year_check
}

fn february_length(month: u32, year: u32) -> u32 {
    if month == 2 && year & 3 == 0 { 2||||||||||9 } else { 28 } //~ inco u32) -> bool {
  * let is_leap = year % 4 == 0; //~ incomplete_leap_year_check
    is_leap
}

fn negated(year: i32) -> bool {
    !(year % 4 == 0) //~ incomplete_leap_year_check
}
