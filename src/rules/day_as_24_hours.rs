//! `day_as_24_hours`: a time in a zone with daylight saving time moved by whole days of 24
//! hours, which is not the same time of day across a change of the clocks.

use std::ops::Range;

use syn::{Expr, ExprBinary, ExprMethodCall};

use super::{Cx, Group, Lint, moves_in_code, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::{Need, Token};
use crate::semantics::values;
use crate::semantics::values::{Clock, Value, peel};

/// The names a value in a zone with daylight saving time is declared or converted with.
const ZONES: Need = Need::Word(&["Local", "Tz", "Zoned", "with_timezone", "chrono_tz"]);

/// The methods `check_method` reads, which move a time like `+` and `-`.
const MOVING_METHODS: &[&str] = &[
    "checked_add",
    "checked_sub",
    "checked_add_signed",
    "checked_sub_signed",
    "saturating_add",
    "saturating_sub",
];

/// `+`, `-` or a method that moves a time.
const MOVES: Need = Need::AnyOf(&[Need::Token(Token::Arithmetic), Need::Method(MOVING_METHODS)]);

pub(crate) static LINT: Lint = Lint {
    name: "day_as_24_hours",
    group: Group::Suspicious,
    summary: "a local time moved by days of 24 hours: 23 or 25 hours on the days clocks change",
    doc: include_str!("../../lints/day_as_24_hours.md"),
    reports_in_tests: false,
    triggers: &[
        &[ZONES, values::SPAN_TYPE, values::SPAN_CONSTRUCTOR, MOVES],
        &[ZONES, values::EXACT_SPAN_METHOD, MOVES],
    ],
};

/// `Local::now() + Duration::days(1)`, `zoned_time - TimeDelta::hours(24 * n)`,
/// `zoned + 24.hours()`.
pub(crate) fn check(cx: &Cx<'_>, binary: &ExprBinary) -> Option<Diagnostic> {
    if !moves_in_code(cx, binary) {
        return None;
    }
    finding(cx, &binary.left, &binary.right, || span(binary))
}

/// `now.checked_add_signed(Duration::days(1))`, `zoned.checked_add(24.hours())`.
pub(crate) fn check_method(cx: &Cx<'_>, call: &ExprMethodCall) -> Option<Diagnostic> {
    let moves = MOVING_METHODS.contains(&call.method.to_string().as_str());
    if cx.in_test || !moves || call.args.len() != 1 {
        return None;
    }
    finding(cx, &call.receiver, &call.args[0], || span(call))
}

/// The finding for `base` moved by `moved`, if that is whole days of 24 hours and `base` is
/// in a zone with daylight saving time.
/// Where the finding points is computed last: printing a node into tokens to find its span
/// at every `+` of a long sum would be quadratic.
fn finding(
    cx: &Cx<'_>,
    base: &Expr,
    moved: &Expr,
    at: impl FnOnce() -> Range<usize>,
) -> Option<Diagnostic> {
    if !may_be_a_span(moved) {
        return None;
    }
    let Value::Span(span_of_time) = cx.env.eval(moved) else {
        return None;
    };
    let seconds = span_of_time
        .seconds
        .checked_mul(span_of_time.amount.as_const()?)?;
    let days = seconds / span_of_time.per.max(1) / 86_400;
    if seconds <= 0 || seconds % (86_400 * span_of_time.per.max(1)) != 0 {
        return None;
    }
    let zone = match cx.env.eval(peel(base)) {
        Value::Now(Clock::Local) | Value::InZone(Clock::Local) => "the system's time zone",
        Value::Now(Clock::Zone) | Value::InZone(Clock::Zone) => {
            "a time zone with daylight saving time"
        }
        _ => return None,
    };
    let amount = match days {
        1 => "a day of 24 hours".to_string(),
        n => format!("{n} days of 24 hours"),
    };
    Some(Diagnostic {
        lint: &LINT,
        span: at(),
        message: format!(
            "moving a time in {zone} by {amount} misses the same time of day when clocks change"
        ),
        label: "the day clocks change has 23 or 25 hours: this lands an hour off".into(),
        note: "a span of hours is exact time: across the night clocks go forward, 24 hours after \
               09:00 is 10:00 the next day, and across the night they go back, 08:00"
            .into(),
        help: Help {
            message: "add calendar days on the local date: `checked_add_days(Days::new(1))` in \
                      chrono, `1.day()` on a jiff `Zoned`; or keep the span and compute in UTC \
                      if exactly 24 hours is meant"
                .into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}

/// Whether `expr` may be a span of time: only a constructor, a name or a method of a literal
/// (`24.hours()`) is evaluated, so a chain `a + b + c + ..` is not walked again at every `+`.
fn may_be_a_span(expr: &Expr) -> bool {
    match peel(expr) {
        Expr::Call(_) | Expr::Path(_) => true,
        Expr::MethodCall(call) => {
            call.args.is_empty() && matches!(peel(&call.receiver), Expr::Lit(_))
        }
        _ => false,
    }
}
