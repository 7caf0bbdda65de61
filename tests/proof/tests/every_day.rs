//! Runs every fix template of the `every_shift` and `every_rule` fixtures, as datelint's
//! `--fix` wrote them, on every day of a 400-year Gregorian cycle (146,097 days) with shifts
//! from -4 to +4 (and, for fixes written once for a variable amount, also ±5, ±8 and ±100),
//! and compares each result with the documented one: the same month and day,
//! except that a day the target month lacks becomes its last day (29 February + 1 year =
//! 28 February; 31 January + 1 month = the last day of February).

use chrono::{Datelike, NaiveDate};
use datelint_proof::incomplete_leap_year_check__every_rule as leap;
use datelint_proof::minute_month_mixup__chrono as minute_month;
use datelint_proof::naive_day_shift__every_shift as days;
use datelint_proof::naive_month_shift__every_shift as months;
use datelint_proof::naive_year_shift__every_shift as years;
use datelint_proof::naive_year_shift__every_shift_by_n as years_by_n;
use datelint_proof::week_year_with_month__chrono as week_year;

const CYCLE: u32 = 146_097;
const SHIFTS: [i32; 8] = [-4, -3, -2, -1, 1, 2, 3, 4];

type Ymd = (i32, u32, u32);

/// The number of days in a month, from whether each day exists (not from a formula that
/// could share a mistake with the code under test).
fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&day| NaiveDate::from_ymd_opt(year, month, day).is_some())
        .expect("every month has 28 days")
}

/// `n` months after `(y, m, d)`, the day clamped to the target month.
fn months_later((y, m, d): Ymd, n: i32) -> Ymd {
    let index = y * 12 + (m as i32 - 1) + n;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    (year, month, d.min(days_in_month(year, month)))
}

/// `n` days after `(y, m, d)`, counted one day at a time.
fn days_later((y, m, d): Ymd, n: i32) -> Ymd {
    let (mut y, mut m, mut d) = (y, m, d as i32 + n);
    while d > days_in_month(y, m) as i32 {
        d -= days_in_month(y, m) as i32;
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    while d < 1 {
        (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
        d += days_in_month(y, m) as i32;
    }
    (y, m, d as u32)
}

fn of_chrono(d: NaiveDate) -> Ymd {
    (d.year(), d.month(), d.day())
}

fn of_time(d: time::Date) -> Ymd {
    (d.year(), d.month() as u32, u32::from(d.day()))
}

fn of_jiff(d: jiff::civil::Date) -> Ymd {
    (i32::from(d.year()), d.month() as u32, d.day() as u32)
}

/// Every day of the cycle from 1 January 2000, in each crate's type.
fn every_day() -> impl Iterator<Item = (NaiveDate, time::Date, jiff::civil::Date)> {
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date");
    first.iter_days().take(CYCLE as usize).map(|d| {
        let month = time::Month::try_from(d.month() as u8).expect("a valid month");
        let t = time::Date::from_calendar_date(d.year(), month, d.day() as u8)
            .expect("the same date in time");
        let j = jiff::civil::date(d.year() as i16, d.month() as i8, d.day() as i8);
        (d, t, j)
    })
}

#[test]
fn the_cycle_has_146097_days_and_ends_on_31_december_2399() {
    let last = every_day().last().expect("days");
    assert_eq!(of_chrono(last.0), (2399, 12, 31));
    assert_eq!(of_time(last.1), (2399, 12, 31));
    assert_eq!(of_jiff(last.2), (2399, 12, 31));
}

/// A fix template: the date in each crate's type and the shift, to the result as (y, m, d).
type Template = (
    &'static str,
    fn(NaiveDate, time::Date, jiff::civil::Date, i32) -> Option<Ymd>,
);

/// Runs every template on every day of the cycle with every shift, against `want`.
fn on_every_day(unit: &str, want: fn(Ymd, i32) -> Ymd, templates: &[Template]) {
    for (c, t, j) in every_day() {
        let day = of_chrono(c);
        for n in SHIFTS {
            for (template, run) in templates {
                let got = run(c, t, j, n);
                assert_eq!(got, Some(want(day, n)), "{template}: {day:?} {n:+} {unit}");
            }
        }
    }
}

#[test]
fn year_shift_fixes_give_the_same_day_or_28_february() {
    let leap_days = every_day()
        .filter(|(c, ..)| (c.month(), c.day()) == (2, 29))
        .count();
    assert_eq!(leap_days, 97, "the cycle holds 97 leap days");
    on_every_day(
        "years",
        |day, n| months_later(day, 12 * n),
        &[
            ("chrono with_year", |c, _, _, n| {
                years::chrono_with_year(c, n).map(of_chrono)
            }),
            ("chrono from_ymd_opt", |c, _, _, n| {
                years::chrono_from_ymd(c, n).map(of_chrono)
            }),
            ("time from_calendar_date", |_, t, _, n| {
                years::time_from_calendar_date(t, n).ok().map(of_time)
            }),
            ("time replace_year", |_, t, _, n| {
                years::time_replace_year(t, n).ok().map(of_time)
            }),
            ("jiff with().year()", |_, _, j, n| {
                years::jiff_builder(j, n as i16).ok().map(of_jiff)
            }),
            ("jiff Date::new", |_, _, j, n| {
                years::jiff_new(j, n as i16).ok().map(of_jiff)
            }),
            ("jiff civil::date", |_, _, j, n| {
                Some(of_jiff(years::jiff_date(j, n as i16)))
            }),
            ("rcgen date_time_ymd", |_, t, _, n| {
                Some(of_time(years::rcgen_date_time_ymd(t, n).date()))
            }),
        ],
    );
}

#[test]
fn year_shift_fixes_by_a_variable_amount_give_the_same_day_or_28_february() {
    // The fix is written once for any `n`; it is run with every amount tried, including
    // whole 4- and 100-year spans that cross 2100.
    for n in [-100, -8, -5, 5, 8, 100] {
        for (_, t, _) in every_day() {
            let day = of_time(t);
            let want = Some(months_later(day, 12 * n));
            let got = years_by_n::time_from_calendar_date(t, n).ok().map(of_time);
            assert_eq!(got, want, "time from_calendar_date: {day:?} {n:+} years");
            let got = years_by_n::time_replace_year(t, n).ok().map(of_time);
            assert_eq!(got, want, "time replace_year: {day:?} {n:+} years");
            let got = Some(of_time(years_by_n::rcgen_date_time_ymd(t, n).date()));
            assert_eq!(got, want, "rcgen date_time_ymd: {day:?} {n:+} years");
        }
    }
    on_every_day(
        "years",
        |day, n| months_later(day, 12 * n),
        &[
            ("time from_calendar_date by n", |_, t, _, n| {
                years_by_n::time_from_calendar_date(t, n).ok().map(of_time)
            }),
            ("time replace_year by n", |_, t, _, n| {
                years_by_n::time_replace_year(t, n).ok().map(of_time)
            }),
            ("rcgen date_time_ymd by n", |_, t, _, n| {
                Some(of_time(years_by_n::rcgen_date_time_ymd(t, n).date()))
            }),
        ],
    );
}

#[test]
fn month_shift_fixes_carry_the_year_and_clamp_the_day() {
    on_every_day(
        "months",
        months_later,
        &[
            ("chrono with_month", |c, _, _, n| {
                months::chrono_with_month(c, n).map(of_chrono)
            }),
            ("chrono from_ymd_opt", |c, _, _, n| {
                months::chrono_from_ymd(c, n).map(of_chrono)
            }),
            ("jiff with().month()", |_, _, j, n| {
                months::jiff_builder(j, n as i8).ok().map(of_jiff)
            }),
        ],
    );
}

#[test]
fn day_shift_fixes_carry_the_month_and_year() {
    on_every_day(
        "days",
        days_later,
        &[
            ("chrono with_day", |c, _, _, n| {
                days::chrono_with_day(c, n).map(of_chrono)
            }),
            ("chrono from_ymd_opt", |c, _, _, n| {
                days::chrono_from_ymd(c, n).map(of_chrono)
            }),
            ("jiff with().day()", |_, _, j, n| {
                days::jiff_builder(j, n as i8).ok().map(of_jiff)
            }),
        ],
    );
}

#[test]
fn leap_year_fixes_agree_with_the_calendar() {
    for year in -800..2800_i32 {
        // A leap year is one whose 29 February exists.
        let leap_year = NaiveDate::from_ymd_opt(year, 2, 29).is_some();
        assert_eq!(leap::by_four(year), leap_year, "{year}");
        assert_eq!(leap::without_400(i64::from(year)), leap_year, "{year}");
        assert_eq!(leap::common_by_four(year), !leap_year, "{year}");
        if let Ok(unsigned) = u32::try_from(year) {
            assert_eq!(leap::multiples(unsigned), leap_year, "{year}");
        }
        if let Ok(short) = u16::try_from(year) {
            assert_eq!(leap::by_bits(&short), leap_year, "{year}");
        }
    }
}

/// The format fixes (`%G` to `%Y`, `%g` to `%y`, `%M` to `%m` between date parts, `%m` to
/// `%M` after an hour), as `--fix` wrote them, print the calendar date and the clock time on
/// every day of the cycle, the days around 1 January included.
#[test]
fn fixed_formats_print_the_calendar_date_on_every_day() {
    for (c, _, _) in every_day() {
        let (y, m, d) = of_chrono(c);
        let ymd = format!("{y}-{m:02}-{d:02}");
        let [stamp, slashed, named, compact] = week_year::format(c);
        assert_eq!((&stamp, &named), (&ymd, &ymd));
        assert_eq!(slashed, format!("{d:02}/{m:02}/{y}"));
        assert_eq!(compact, format!("{:02}{m:02}{d:02}", y % 100));
        let at = c.and_hms_opt(10, 7, 0).expect("a valid time");
        let [dashed, packed, clock, full, held] = minute_month::format(at);
        assert_eq!(dashed, ymd);
        assert_eq!(packed, format!("{y}{m:02}{d:02}"));
        assert_eq!(clock, "10:07");
        assert_eq!(full, format!("{ymd} 10:7:00"));
        assert_eq!(held, format!("{d:02}/{m:02}/{y}"));
    }
}
