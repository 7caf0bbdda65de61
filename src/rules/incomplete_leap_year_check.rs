//! `incomplete_leap_year_check`: a leap-year test that is wrong for some years of the
//! Gregorian cycle (`y % 4 == 0` alone, or without `% 400`).

use syn::Expr;

use super::{Cx, Fix, Group, Lint, span, suggest};
use crate::diagnostic::Diagnostic;
use crate::semantics::interval::Interval;
use crate::semantics::leap::{self, LeapTest, Verdict};

pub(crate) static LINT: Lint = Lint {
    name: "incomplete_leap_year_check",
    group: Group::Correctness,
    summary: "a leap-year test that is wrong for some years (`y % 4 == 0` alone, no `% 400`)",
    doc: include_str!("../../lints/incomplete_leap_year_check.md"),
    reports_in_tests: true,
    triggers: leap::TRIGGERS,
};

pub(crate) fn check(cx: &Cx<'_>, expr: &Expr, test: &LeapTest) -> Option<Diagnostic> {
    let Verdict::Incomplete { leap, wrong } = &test.verdict else {
        return None;
    };
    // Only the years the value model lets the operand hold can fail: a test of a year
    // bounded to 1901..=2099 is right. A value that cannot reach 400 is no calendar year
    // but years since some base (a two-digit year, a 7-bit field), so no year can be named.
    let range = cx.range(Some(test.year));
    if range.hi < 400 {
        return None;
    }
    let years: Vec<String> = wrong
        .iter()
        .filter_map(|&y| failing_value(range, y))
        .map(|y| y.to_string())
        .collect();
    if years.is_empty() {
        return None;
    }
    let y = cx.source.get(test.year_span.clone())?;
    let (rule, what) = if *leap {
        (
            format!("{y} % 4 == 0 && ({y} % 100 != 0 || {y} % 400 == 0)"),
            "leap",
        )
    } else {
        (
            format!("{y} % 4 != 0 || ({y} % 100 == 0 && {y} % 400 != 0)"),
            "common",
        )
    };
    Some(Diagnostic {
        lint: &LINT,
        span: span(expr),
        message: format!(
            "this leap-year test is wrong for some years: {}",
            years.join(", ")
        ),
        label: format!("this treats {} as {what} years", years.join(", ")),
        note: "a year is a leap year if it is divisible by 4, except centuries, which must be \
               divisible by 400: 2000 was a leap year, 2100 will not be"
            .into(),
        // The full rule works on any integer type the year has; the crates' functions each
        // want their own.
        help: suggest(
            "test the full Gregorian rule, or call the date crate's own function",
            // Only where the test is itself a comparison or `&&`/`||`, and not what a `let`
            // tests, does the rule's `&&` bind as it should (a method call may be an operand
            // of `&`; `let x = a && b` is a let chain).
            Some(Fix::new(
                rule,
                test.plain && matches!(expr, Expr::Binary(_)) && !cx.in_let_scrutinee,
            )),
        ),
    })
}

/// A value in `range` that is `year` modulo 400, the years of the cycle `year` stands for:
/// `year` itself if it can be, else the first one.
fn failing_value(range: Interval, year: i64) -> Option<i64> {
    if range.contains(year) {
        return Some(year);
    }
    let first = range.lo.checked_add((year - range.lo).rem_euclid(400))?;
    (first <= range.hi).then_some(first)
}
