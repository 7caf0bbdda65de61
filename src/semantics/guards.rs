//! Guards: conditions and clamps showing that the code already handles the day that would
//! break it. A finding under such a guard is not reported.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::Expr;

use super::values::{Env, Value};

/// A risk that a condition in scope shows the author handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Guard {
    /// 29 February: a test of the day against 28 or 29, a leap-year test, or a look-up of the
    /// month's length.
    Feb29,
    /// The end or start of a month: a test of the day against 28 to 31 or 1, or a look-up of
    /// the month's length.
    MonthEnd,
    /// December or January: a test of the month against 11 to 13 or 0 and 1, so the year is
    /// carried.
    MonthOverflow,
}

/// Names whose presence in a condition shows the author knew about month lengths or leap
/// years.
const LEAP_WORDS: &[&str] = &[
    "is_leap_year",
    "is_leap",
    "leap_year",
    "in_leap_year",
    "isleap",
    "days_in_month",
    "num_days_in_month",
    "days_in_year",
    "last_day_of_month",
    "last_of_month",
    "length",
    "num_days",
    "is_valid",
    "is_valid_date",
];

/// The guards a condition (of an `if`, `while` or `match`) establishes.
pub(crate) fn guards_in(condition: &dyn ToTokens) -> Vec<Guard> {
    let mut seen = Seen::default();
    seen.scan(condition.to_token_stream());
    let mut guards = Vec::new();
    let day_number = |range: std::ops::RangeInclusive<u64>| {
        seen.day_word && seen.ints.iter().any(|n| range.contains(n))
    };
    if seen.leap_word || (seen.percent_four && seen.year_word) || day_number(28..=29) {
        guards.push(Guard::Feb29);
    }
    // The first of the month guards `day - 1` as the last guards `day + 1`.
    if seen.leap_word
        || (seen.month_end_word && seen.day_word)
        || day_number(28..=31)
        || day_number(0..=1)
    {
        guards.push(Guard::MonthEnd);
    }
    // January (1, or 0 counted from 0) guards `month - 1` as December guards `month + 1`.
    if seen.month_word && seen.ints.iter().any(|n| matches!(n, 0 | 1 | 11..=13)) {
        guards.push(Guard::MonthOverflow);
    }
    guards
}

#[derive(Default)]
struct Seen {
    ints: Vec<u64>,
    leap_word: bool,
    /// A name such as `last_day` or `month_len`: the day is compared with the month's end.
    month_end_word: bool,
    /// Names of the day, month and year: the numbers in the condition are about them.
    day_word: bool,
    month_word: bool,
    year_word: bool,
    percent_four: bool,
}

impl Seen {
    fn scan(&mut self, tokens: TokenStream) {
        let mut after_percent = false;
        for token in tokens {
            match &token {
                TokenTree::Group(group) => self.scan(group.stream()),
                TokenTree::Ident(ident) => {
                    let name = ident.to_string();
                    self.leap_word |= LEAP_WORDS.contains(&name.as_str());
                    let lower = name.to_ascii_lowercase();
                    self.day_word |= lower.contains("day") || lower == "d" || lower == "dd";
                    self.month_word |=
                        lower.contains("month") || lower == "m" || lower == "mon" || lower == "mm";
                    self.year_word |= lower.contains("year") || lower == "y" || lower == "yr";
                    self.month_end_word |= ["last", "len", "days_in", "end_of_month", "eom"]
                        .iter()
                        .any(|word| lower.contains(word));
                }
                TokenTree::Literal(lit) => {
                    let digits: String = lit
                        .to_string()
                        .chars()
                        .take_while(|c| c.is_ascii_digit())
                        .collect();
                    if let Ok(n) = digits.parse::<u64>() {
                        self.percent_four |= after_percent && (n == 4 || n == 400);
                        self.ints.push(n);
                    }
                }
                TokenTree::Punct(_) => {}
            }
            after_percent = matches!(&token, TokenTree::Punct(p) if p.as_char() == '%');
        }
    }
}

/// Returns true if a setter in the receiver chain already pins the day to one that exists in
/// every month (1 to 28) or the month to one other than February: `d.with_day(1)?.with_year(..)`.
pub(crate) fn chain_avoids_feb29(mut receiver: &Expr, env: &Env) -> bool {
    loop {
        receiver = match receiver {
            Expr::Paren(e) => &e.expr,
            Expr::Try(e) => &e.expr,
            Expr::MethodCall(call) => {
                if let Some(arg) = call.args.first()
                    && setter_avoids_feb29(&call.method.to_string(), &env.eval(arg))
                {
                    return true;
                }
                &call.receiver
            }
            _ => return env.eval(receiver) == Value::PinnedDate,
        }
    }
}

/// Returns true if setting the component named by `setter` to `value` rules out 29 February.
pub(crate) fn setter_avoids_feb29(setter: &str, value: &Value) -> bool {
    match setter {
        "with_day" | "replace_day" | "day" => value.within(1, 28) || *value == Value::Clamped,
        "with_day0" => value.within(0, 27),
        "with_month" | "replace_month" | "month" => {
            matches!(value, Value::Const(m) if (1..=12).contains(m) && *m != 2)
        }
        "with_month0" => matches!(value, Value::Const(m) if (0..=11).contains(m) && *m != 1),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guards(source: &str) -> Option<Guard> {
        let expr: Expr = syn::parse_str(source).expect("test condition parses");
        guards_in(&expr).first().copied()
    }

    #[test]
    fn feb29_tests_and_leap_tests_guard() {
        assert_eq!(guards("m == 2 && d == 29"), Some(Guard::Feb29));
        assert_eq!(guards("day > 28u32"), Some(Guard::Feb29));
        assert_eq!(guards("is_leap_year(y + 1)"), Some(Guard::Feb29));
        assert_eq!(guards("(y % 4 == 0) && (y % 100 != 0)"), Some(Guard::Feb29));
    }

    #[test]
    fn unrelated_conditions_do_not_guard() {
        assert_eq!(guards("m == 2"), None);
        assert_eq!(guards("count % 3 == 0"), None);
        assert_eq!(guards("x == 4"), None);
        assert_eq!(guards("items.len() > 28"), None);
        assert_eq!(guards("i % 4 == 0"), None);
    }

    #[test]
    fn month_end_and_december_tests_guard() {
        let expr: Expr = syn::parse_str("day == last_day_of_month(y, m)").expect("parses");
        assert!(guards_in(&expr).contains(&Guard::MonthEnd));
        let expr: Expr = syn::parse_str("month == 12").expect("parses");
        assert_eq!(guards_in(&expr), vec![Guard::MonthOverflow]);
    }
}
