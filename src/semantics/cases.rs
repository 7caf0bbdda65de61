//! Failing cases: for a shift the value model found, one concrete day (and amount) on which
//! it produces a date that does not exist. A lint reports only what has such a case, and its
//! message names it.

use super::calendar::{days_in_month, is_leap_year, month_name};
use super::interval::Interval;
use super::values::Shift;

/// The amounts, nearest to zero first, that a shift may take: where the model knows the
/// shift only as an interval, the failing case uses the smallest amount that fails, in the
/// direction the code is written first (`month + n` fails for n = 2 from November before it
/// is read backwards from January).
fn amounts(shift: &Shift) -> impl Iterator<Item = i64> {
    let (total, by, step) = (shift.total(), shift.by, shift.step.max(1));
    let known = total.as_const();
    let written = if shift.sign < 0 { -1 } else { 1 };
    (1..100)
        .map(move |n| n * written)
        .chain((1..100).map(move |n| -n * written))
        .filter(move |&n| known.is_none_or(|k| k == n) && total.contains(n))
        .filter(move |&n| (n - by) % step == 0)
}

/// 29 February of a leap year whose counterpart `years` later does not exist.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct YearCase {
    pub(crate) from: i64,
    pub(crate) to: i64,
    pub(crate) years: i64,
}

/// The failing case of a year shift that keeps 29 February: the first leap year from 2024
/// on whose shifted year is common. A known shift of a multiple of 400 years, or of 100 or
/// more (converting a stored year, `1900 + y`), has none.
pub(crate) fn year_shift(shift: &Shift) -> Option<YearCase> {
    amounts(shift)
        .filter(|years| years % 400 != 0)
        .find_map(|years| {
            let from = (2024..2424)
                .step_by(4)
                .find(|&year| is_leap_year(year) && !is_leap_year(year + years))?;
            Some(YearCase {
                from,
                to: from + years,
                years,
            })
        })
}

/// The failing case of a month number (1-based, as it reaches the constructor) that lies in
/// `range` after a shift of `shift`, from a month in `base` before it: the last month it
/// asks past December from, or the first it asks before January from (`("November", 13,
/// 2)` when a guard leaves only January to November).
pub(crate) fn month_overflow(
    range: Interval,
    base: Interval,
    shift: &Shift,
) -> Option<(&'static str, i64, i64)> {
    amounts(shift).find_map(|n| {
        let from = match n {
            n if n > 0 && range.hi > 12 => base.hi.min(12),
            n if n < 0 && range.lo < 1 => base.lo.max(1),
            _ => return None,
        };
        let asked = from + n;
        (!(1..=12).contains(&asked)).then_some((month_name(from)?, asked, n))
    })
}

/// The failing case of a day of the month shifted by `shift` that lies in `range`: the day
/// before and the day it asks for, in words (`31 January`, `32 January`).
pub(crate) fn day_overflow(range: Interval, shift: &Shift) -> Option<(String, String, i64)> {
    amounts(shift).find_map(|n| {
        if n > 0 {
            // The last day of the month that `range` still reaches past.
            let (year, month) = [(2023, 1), (2023, 4), (2024, 2), (2023, 2)]
                .into_iter()
                .find(|&(year, month)| {
                    days_in_month(year, month).is_some_and(|last| range.hi > last)
                })?;
            let last = days_in_month(year, month)?;
            let (from, to) = (last, last + n);
            let name = month_name(month)?;
            let year = if month == 2 {
                format!(" {year}")
            } else {
                String::new()
            };
            (range.hi >= to).then(|| (format!("{from} {name}{year}"), format!("{to} {name}"), n))
        } else if range.lo < 1 {
            Some(("1 March".to_string(), format!("day {}", 1 + n), n))
        } else {
            None
        }
    })
}

/// The failing case of a month shift that keeps the day: 31 January moved by `n` months
/// lands on a day its month does not have.
pub(crate) fn day_kept(shift: &Shift) -> Option<(String, String, i64)> {
    amounts(shift).find_map(|n| {
        (1..=12).find_map(|month: i64| {
            let target = (month - 1 + n).rem_euclid(12) + 1;
            let (from, to) = (days_in_month(2023, month)?, days_in_month(2023, target)?);
            (from == 31 && to < 31).then_some((
                format!("31 {}", month_name(month)?),
                format!("31 {}", month_name(target)?),
                n,
            ))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_overflow_starts_from_the_last_month_the_guards_leave() {
        let all = Interval::new(1, 12);
        assert_eq!(
            month_overflow(Interval::new(2, 13), all, &Shift::by(1)),
            Some(("December", 13, 1))
        );
        // `date.month() == 12` ruled out: November needs two months to overflow.
        let up_to_november = Interval::new(1, 11);
        assert_eq!(
            month_overflow(Interval::new(3, 13), up_to_november, &Shift::by(2)),
            Some(("November", 13, 2))
        );
        assert_eq!(
            month_overflow(Interval::new(2, 12), up_to_november, &Shift::by(1)),
            None
        );
        assert_eq!(
            month_overflow(Interval::new(0, 11), all, &Shift::by(-1)),
            Some(("January", 0, -1))
        );
    }

    #[test]
    fn a_year_shift_fails_on_a_leap_day_unless_it_keeps_leap_years() {
        let case = year_shift(&Shift::by(1)).expect("one year fails");
        assert_eq!((case.from, case.to), (2024, 2025));
        let case = year_shift(&Shift::by(4)).expect("crosses 2100");
        assert_eq!((case.from, case.to), (2096, 2100));
        assert_eq!(year_shift(&Shift::by(400)), None);
        assert_eq!(year_shift(&Shift::by(0)), None);
        let any = Shift {
            by: 0,
            var: Some((0..1, Interval::ANY)),
            step: 1,
            sign: 1,
        };
        assert_eq!(year_shift(&any).map(|c| c.years), Some(1));
        // `d.year() - years`: the case is read in the direction written.
        let back = Shift {
            sign: -1,
            ..any.clone()
        };
        assert_eq!(year_shift(&back).map(|c| c.years), Some(-1));
        let cycles = Shift { step: 400, ..any };
        assert_eq!(year_shift(&cycles), None);
    }

    #[test]
    fn month_and_day_cases_name_the_day() {
        assert_eq!(
            month_overflow(Interval::new(2, 13), Interval::new(1, 12), &Shift::by(1)),
            Some(("December", 13, 1))
        );
        assert_eq!(
            month_overflow(Interval::new(2, 12), Interval::new(1, 12), &Shift::by(1)),
            None
        );
        assert_eq!(
            day_overflow(Interval::new(2, 32), &Shift::by(1)),
            Some(("31 January".into(), "32 January".into(), 1))
        );
        assert_eq!(
            day_overflow(Interval::new(2, 31), &Shift::by(1)),
            Some(("30 April".into(), "31 April".into(), 1))
        );
        assert_eq!(day_overflow(Interval::new(2, 28), &Shift::by(1)), None);
        assert_eq!(
            day_kept(&Shift::by(1)),
            Some(("31 January".into(), "31 February".into(), 1))
        );
    }
}
