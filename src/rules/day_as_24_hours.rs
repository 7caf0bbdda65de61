//! `day_as_24_hours`: a time in a zone with daylight saving time moved by whole days of 24
//! hours, which is not the same time of day across a change of the clocks.

use syn::{Expr, ExprBinary};

use super::{Cx, Group, Lint, moves_in_code, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::{Need, Token};
use crate::semantics::values;
use crate::semantics::values::{Clock, Value, peel};

pub(crate) static LINT: Lint = Lint {
    name: "day_as_24_hours",
    group: Group::Suspicious,
    summary: "a local time moved by days of 24 hours: 23 or 25 hours on the days clocks change",
    doc: include_str!("../../lints/day_as_24_hours.md"),
    triggers: &[&[
        Need::Word(&["Local", "Tz", "Zoned", "with_timezone", "chrono_tz"]),
        values::SPAN_TYPE,
        values::SPAN_CONSTRUCTOR,
        Need::Token(Token::Arithmetic),
    ]],
};

/// `Local::now() + Duration::days(1)`, `zoned_time - TimeDelta::hours(24 * n)`.
pub(crate) fn check(cx: &Cx<'_>, binary: &ExprBinary) -> Option<Diagnostic> {
    if !moves_in_code(cx, binary) {
        return None;
    }
    let (base, moved) = (&*binary.left, &*binary.right);
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
        span: span(binary),
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

/// Whether `expr` may be a span of time: only a constructor or a name is evaluated, so a
/// chain `a + b + c + ..` is not walked again at every `+`.
fn may_be_a_span(expr: &Expr) -> bool {
    matches!(peel(expr), Expr::Call(_) | Expr::Path(_))
}
