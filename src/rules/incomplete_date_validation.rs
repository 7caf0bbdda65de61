//! `incomplete_date_validation`: a date check that accepts the same days in every month
//! (`day <= 31`), or that has upper bounds only (day 0, month 0), before the triple is
//! used as a date.

use syn::{Expr, ExprStruct};

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::{Need, Token};
use crate::semantics::interval::Interval;

pub(crate) static LINT: Lint = Lint {
    name: "incomplete_date_validation",
    group: Group::Correctness,
    summary: "a date check with one day bound for every month (`day <= 31`): accepts 31 February",
    doc: include_str!("../../lints/incomplete_date_validation.md"),
    reports_in_tests: false,
    triggers: &[&[Need::Token(Token::MonthBound), Need::Token(Token::DayBound)]],
};

/// A returned condition that bounds one value to months (at most 12) and another to days
/// (at most 31), as it accepts or as it rejects: `m >= 1 && m <= 12 && d >= 1 && d <= 31`,
/// `(1..=31).contains(&d)`, `d > 31 || m > 12`. Which value is which comes from the bounds.
pub(crate) fn check_condition(cx: &Cx<'_>, condition: &Expr) -> Option<Diagnostic> {
    // The condition of an `if` is reported where what it let through is used as a date.
    if cx.in_test || cx.in_condition {
        return None;
    }
    let (month, day) = [true, false].into_iter().find_map(|truth| {
        let facts = cx.env.facts_if(condition, truth);
        let with_end = |end: i64| {
            facts
                .iter()
                .find(|(_, range)| range.hi == end && range.lo <= 1)
                .map(|(_, range)| *range)
        };
        Some((with_end(12)?, with_end(31)?))
    })?;
    report(cx, condition, month, day)
}

/// A struct literal whose `month` and `day` fields hold values checked only against 12 and
/// 31 on this path: `if day > 31 { return Err(..) } .. Ok(Date { year, month, day })`.
pub(crate) fn check_struct(cx: &Cx<'_>, literal: &ExprStruct) -> Option<Diagnostic> {
    // A value built as the error of a failure is no date in use.
    if cx.in_test || cx.in_error {
        return None;
    }
    let field = |name: &str| {
        literal.fields.iter().find_map(|f| match &f.member {
            syn::Member::Named(ident) if ident == name => cx.env.checked_range(&f.expr),
            _ => None,
        })
    };
    let (month, day) = (field("month")?, field("day")?);
    if month.hi != 12 || day.hi != 31 {
        return None;
    }
    report(cx, literal, month, day)
}

fn report(
    cx: &Cx<'_>,
    node: &dyn syn::spanned::Spanned,
    month: Interval,
    day: Interval,
) -> Option<Diagnostic> {
    if cx.enclosing_fn.is_some_and(knows_month_lengths) {
        return None;
    }
    let accepted = if month.lo < 1 {
        "month 0".to_string()
    } else if day.lo < 1 {
        "day 0".to_string()
    } else if month.contains(2) {
        "31 February".to_string()
    } else {
        "31 April".to_string()
    };
    Some(Diagnostic {
        lint: &LINT,
        span: span(node),
        message: format!("this date check accepts {accepted}"),
        label: "the day is checked against 31 whatever the month".into(),
        note: "months have 28 to 31 days, and February 29 only in a leap year: a check with \
               one bound for every month lets dates through that do not exist"
            .into(),
        help: Help {
            message: "check the day against the length of that month in that year (let the date \
                      crate do it: `NaiveDate::from_ymd_opt`, `Date::from_calendar_date`), and \
                      give every part a lower bound"
                .into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}

/// Returns true if the function consults month lengths somewhere: a look-up (`days_in_month`,
/// `is_leap_year`), a date crate's own check (`from_ymd_opt`), or the lengths 28 to 30.
fn knows_month_lengths(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "leap",
        "days_in",
        "month_days",
        "days_of",
        "days_per",
        "max_day",
        "month_len",
        "length",
        "last_day",
        "from_ymd",
        "calendar_date",
        "civil",
    ];
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|word| {
            let word = word.to_ascii_lowercase();
            WORDS.iter().any(|w| word.contains(w))
                || matches!(
                    word.trim_end_matches(|c: char| c.is_ascii_alphabetic()),
                    "28" | "29" | "30"
                )
        })
}
