//! `hardcoded_month_lengths`: a month-length table with February = 28 in a file that never
//! adjusts it for leap years.

use syn::spanned::Spanned;
use syn::{Expr, ExprMatch, Pat};

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::{Need, Token};
use crate::semantics::calendar::{CUMULATIVE_PREFIX, MONTH_LENGTHS, int_elements};
use crate::semantics::facts::FileFacts;
use crate::semantics::values::Value;

pub(crate) static LINT: Lint = Lint {
    name: "hardcoded_month_lengths",
    group: Group::Suspicious,
    summary: "a month-length table with February = 28 and no leap-year adjustment",
    doc: include_str!("../../lints/hardcoded_month_lengths.md"),
    reports_in_tests: false,
    triggers: &[
        &[Need::Token(Token::MonthTable)],
        &[
            Need::Token(Token::FebruaryArm),
            Need::Token(Token::FebruaryLength),
        ],
    ],
};

/// Judged at the end of the file: a table is fine where the file adjusts February.
pub(crate) fn stands(facts: &FileFacts) -> bool {
    !facts.leap_aware
}

/// `[31, 28, 31, 30, ...]` and cumulative `[0, 31, 59, 90, ...]`, as an array or in
/// `vec![..]`.
pub(crate) fn check_list<'a>(
    cx: &Cx<'_>,
    elements: impl Iterator<Item = &'a Expr>,
    list: &dyn Spanned,
) -> Option<Diagnostic> {
    // Tests hold expected values, not calendars.
    if cx.in_test {
        return None;
    }
    let elements = int_elements(elements);
    let lengths = elements.windows(12).any(|w| w == MONTH_LENGTHS);
    let cumulative = elements.len() >= 11 && elements.windows(5).any(|w| w == CUMULATIVE_PREFIX);
    if !lengths && !cumulative {
        return None;
    }
    let what = if lengths {
        "month lengths"
    } else {
        "days before each month"
    };
    Some(finding(
        span(list),
        format!("this table of {what} has a 28-day February"),
    ))
}

/// `match month { 2 => 28, 4 | 6 | 9 | 11 => 30, _ => 31 }`.
pub(crate) fn check_match(cx: &Cx<'_>, m: &ExprMatch) -> Option<Diagnostic> {
    if cx.in_test {
        return None;
    }
    let value = |e: &Expr| match cx.env.eval(e) {
        Value::Const(n) => Some(n),
        _ => None,
    };
    let february = m
        .arms
        .iter()
        .find(|arm| matches_two(&arm.pat) && value(&arm.body) == Some(28))?;
    let others = m
        .arms
        .iter()
        .filter_map(|arm| value(&arm.body))
        .filter(|n| *n == 30 || *n == 31)
        .count();
    if others == 0 {
        return None;
    }
    Some(finding(
        span(february),
        "this gives February 28 days in every year".into(),
    ))
}

fn matches_two(pat: &Pat) -> bool {
    match pat {
        Pat::Lit(lit) => quote::ToTokens::to_token_stream(lit).to_string() == "2",
        Pat::Or(or) => or.cases.iter().any(matches_two),
        _ => false,
    }
}

fn finding(span: std::ops::Range<usize>, message: String) -> Diagnostic {
    Diagnostic {
        lint: &LINT,
        span,
        message,
        label: "in leap years February has 29 days".into(),
        note: "nothing in this file adjusts February for leap years, so 29 February (2028, 2032) \
               is out of range and every later day of a leap year is off by one"
            .into(),
        help: Help {
            message: "ask the date crate for the month's length (`num_days_in_month()` in chrono, \
                      `Month::length(year)` in time, `days_in_month()` in jiff), or add a day to \
                      February in leap years"
                .into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    }
}
