//! Gregorian calendar facts, in one place, so every lint agrees on what a valid date is.

/// Returns true if and only if `year` is a leap year in the proleptic Gregorian calendar.
pub(crate) fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// The number of days in `month` (1 to 12) of `year`; `None` for a month out of range.
pub(crate) fn days_in_month(year: i64, month: i64) -> Option<i64> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => return None,
    })
}

/// The longest `month` ever gets (29 for February); `None` for a month out of range.
pub(crate) fn max_days_in_month(month: i64) -> Option<i64> {
    days_in_month(2000, month)
}

/// Days per month in a common year, and in a leap year.
pub(crate) const MONTH_LENGTHS: [i64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
pub(crate) const LEAP_MONTH_LENGTHS: [i64; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/// The start of a cumulative table of days before each month, common and leap.
pub(crate) const CUMULATIVE_PREFIX: [i64; 5] = [31, 59, 90, 120, 151];
pub(crate) const LEAP_CUMULATIVE_PREFIX: [i64; 3] = [31, 60, 91];

/// The integer literals of an array's elements, in order; stops at the first element that is
/// not one.
pub(crate) fn int_elements<'a>(elements: impl Iterator<Item = &'a syn::Expr>) -> Vec<i64> {
    elements
        .map_while(|e| match e {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(int),
                ..
            }) => int.base10_parse().ok(),
            _ => None,
        })
        .collect()
}

/// English month names, for messages that must read like a calendar.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of `month` (1 to 12), or `None`.
pub(crate) fn month_name(month: i64) -> Option<&'static str> {
    usize::try_from(month - 1)
        .ok()
        .and_then(|index| MONTH_NAMES.get(index).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_follow_the_gregorian_rules() {
        assert!(is_leap_year(2024));
        assert!(is_leap_year(2000));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2023));
        assert!(is_leap_year(-4));
        assert!(!is_leap_year(-100));
    }

    #[test]
    fn february_has_29_days_only_in_leap_years() {
        assert_eq!(days_in_month(2024, 2), Some(29));
        assert_eq!(days_in_month(2100, 2), Some(28));
        assert_eq!(days_in_month(2023, 4), Some(30));
        assert_eq!(days_in_month(2023, 13), None);
        assert_eq!(max_days_in_month(2), Some(29));
    }
}
