//! `naive_month_shift`: `month ± n` passed to a date without carrying the year, which fails
//! every December (month 13) and on the 31st (31 February).

use super::{Cx, Group, Lint, shift_fix, span, suggest};
use crate::diagnostic::{Diagnostic, Help};
use crate::semantics::apis::{DateCall, Shape};
use crate::semantics::guards::Guard;
use crate::semantics::imports::Crate;
use crate::semantics::values::{Part, Value};

pub(crate) static LINT: Lint = Lint {
    name: "naive_month_shift",
    group: Group::Correctness,
    summary: "`month ± n` passed to a date without carrying the year: fails every December",
    doc: include_str!("../../lints/naive_month_shift.md"),
};

pub(crate) fn check(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Diagnostic> {
    if cx.guarded(Guard::MonthOverflow) || cx.failure_handled() {
        return None;
    }
    let parts = call.parts();
    let zero_based = call.is_zero_based();
    let month = cx.value(parts.month)?;
    let shift = match &month {
        Value::WrappedMonth => 0,
        value => value.shifted(Part::Month)?.1 + i64::from(zero_based),
    };
    if shift == 0 && month != Value::WrappedMonth {
        return None;
    }
    if let Shape::Ymd { .. } = call.api.shape {
        // A computed year argument may carry the year (`y + (m0 + 1) / 12`): only a year taken
        // as it is, or a constant, shows that nothing does.
        match cx.value(parts.year)? {
            Value::Const(_) => {}
            year if year.shifted(Part::Year).is_some() => {}
            _ => return None,
        }
    }
    let (message, label) = if month == Value::WrappedMonth {
        (
            "the month wraps from December to January without carrying the year",
            "after December this is January of the same year",
        )
    } else if shift > 0 {
        (
            "adding to the month without carrying the year fails in December",
            "in December this asks for month 13",
        )
    } else {
        (
            "subtracting from the month without carrying the year fails in January",
            "in January this asks for month 0",
        )
    };
    Some(Diagnostic {
        lint: &LINT,
        span: span(call.expr),
        message: message.into(),
        label: label.into(),
        note:
            "months do not carry into years by themselves, and the same day may not exist in the \
               new month (31 January + 1 month is not 31 February)"
                .into(),
        help: help(cx, call, shift),
    })
}

fn help(cx: &Cx<'_>, call: &DateCall<'_>, shift: i64) -> Help {
    let fix = shift_fix(cx, call, Part::Month, "months", shift);
    let message = match call.api.krate {
        Crate::Chrono => {
            "add months with `checked_add_months`, which carries the year and clamps the day to the month's length"
        }
        Crate::Jiff => {
            "add months with span arithmetic, `checked_add(1.month())`, which carries the year and clamps the day"
        }
        _ => {
            "carry the year when the month passes December (or January), and clamp the day to the new month's length"
        }
    };
    suggest(message, fix)
}
