//! `naive_month_shift`: `month ± n` passed to a date without carrying the year, which fails
//! every December (month 13) and on the 31st (31 February).

use super::{Cx, Group, Lint, shift_fix, span, suggest};
use crate::diagnostic::{Diagnostic, Help};
use crate::semantics::apis;
use crate::semantics::apis::{DateCall, Shape};
use crate::semantics::cases::{day_kept, month_overflow};
use crate::semantics::chains::setter_chain;
use crate::semantics::guards::{Guard, chain_avoids_feb29};
use crate::semantics::imports::Crate;
use crate::semantics::interval::Interval;
use crate::semantics::values::{Origin, Part, Shift, Value};

pub(crate) static LINT: Lint = Lint {
    name: "naive_month_shift",
    group: Group::Correctness,
    summary: "`month ± n` passed to a date without carrying the year: fails every December",
    doc: include_str!("../../lints/naive_month_shift.md"),
    reports_in_tests: true,
    triggers: &[&[apis::DATE_API]],
};

pub(crate) fn check(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Diagnostic> {
    if cx.failure_handled() {
        return None;
    }
    let parts = call.parts();
    let one = i64::from(call.is_zero_based());
    let month = cx.value(parts.month)?;
    // A computed year argument may carry the year (`y + (m0 + 1) / 12`): only a year taken
    // from a date, or a constant, shows that nothing does. A carry still keeps the day.
    // A setter's year is the receiver's, unless a setter before it in the chain sets it
    // (`d.with_day(1)?.with_year(y)?.with_month(m)`).
    let year = match call.api.shape {
        Shape::Ymd { .. } | Shape::Builder => parts.year,
        _ => call.receiver.and_then(|receiver| {
            setter_chain(receiver)
                .into_iter()
                .rev()
                .find(|setter| matches!(setter.name.as_str(), "with_year" | "replace_year"))
                .map(|setter| setter.arg)
        }),
    };
    let carried = match year.map(|year| cx.env.eval(year)) {
        Some(Value::Const(_)) | None => false,
        Some(year) => year.shifted(Part::Year).is_none(),
    };
    if let Value::WrappedMonth { moved, forward } = &month
        && !carried
    {
        let (message, label) = match forward.or_else(|| direction(moved)) {
            Some(true) => (
                "the month wraps from December to January without carrying the year",
                "after December this is January of the same year",
            ),
            Some(false) => (
                "the month wraps from January back to December without carrying the year",
                "before January this is December of the same year",
            ),
            None => (
                "the month wraps past the end of the year without carrying the year",
                "across the new year this stays in the same year",
            ),
        };
        return (!cx.guarded(Guard::MonthOverflow))
            .then(|| finding(cx, call, message.into(), label.into(), None));
    }
    if carried {
        return day_kept_after_a_carry(cx, call, &month);
    }
    let (origin, shift) = month.shifted(Part::Month)?;
    // A struct's `month` field may count from 0 (`struct tm`): only a date's own getter
    // says the month counts from 1.
    if !matches!(origin, Origin::Date(_)) {
        return None;
    }
    // The month as the date receives it, counted from 1.
    let shift = Shift {
        by: shift.by + one,
        ..shift.clone()
    };
    let range = cx.range(parts.month).add(Interval::exact(one));
    let outcome = cx.outcome(call);
    if !cx.guarded(Guard::MonthOverflow)
        && let Some((edge, asked, n)) =
            month_overflow(range, unshifted_month(cx, parts.month), &shift)
    {
        let verb = if n > 0 {
            "adding to"
        } else {
            "subtracting from"
        };
        return Some(finding(
            cx,
            call,
            format!(
                "{verb} the month without carrying the year {outcome} every date in {edge}{}",
                cx.when(&shift, n)
            ),
            format!("in {edge} this asks for month {asked}"),
            shift.var.is_none().then_some(shift.by),
        ));
    }
    if cx.guarded(Guard::MonthEnd) || !keeps_the_day(cx, call, origin) {
        return None;
    }
    let (from, to, n) = day_kept(&shift)?;
    Some(finding(
        cx,
        call,
        format!(
            "shifting the month keeps the day, which {outcome} {from}{}",
            cx.when(&shift, n)
        ),
        format!("on {from} this asks for {to}, which does not exist"),
        shift.var.is_none().then_some(shift.by),
    ))
}

/// The months the date's own month can be before `month` shifts it, under the guards in
/// scope: `date.month()` in `date.month() + n` (January to November where `date.month() ==
/// 12` was ruled out). Any month, where the unshifted month is not written out.
fn unshifted_month(cx: &Cx<'_>, month: Option<&syn::Expr>) -> Interval {
    let mut expr = month;
    while let Some(e) = expr {
        match e {
            syn::Expr::Paren(p) => expr = Some(&p.expr),
            syn::Expr::Cast(c) => expr = Some(&c.expr),
            syn::Expr::Binary(b) => {
                let own = |side: &syn::Expr| {
                    cx.value(Some(side))
                        .and_then(|v| v.shifted(Part::Month).map(|(_, shift)| shift.is_zero()))
                        .unwrap_or(false)
                };
                expr = [&*b.left, &*b.right].into_iter().find(|side| own(side));
                if let Some(side) = expr
                    && matches!(side, syn::Expr::MethodCall(_))
                {
                    return cx
                        .range(Some(side))
                        .meet(Interval::new(1, 12))
                        .unwrap_or(Interval::new(1, 12));
                }
            }
            _ => break,
        }
    }
    Interval::new(1, 12)
}

/// A month moved with the year carried by hand (`y + m / 12`, `m % 12 + 1`) and the day of
/// the original date kept: still 31 February from 31 January.
fn day_kept_after_a_carry(cx: &Cx<'_>, call: &DateCall<'_>, month: &Value) -> Option<Diagnostic> {
    let day = call.parts().day;
    let day_origin = cx.value(day)?.part_of(Part::Day)?.clone();
    let moved = match month {
        Value::WrappedMonth { moved, .. } => Some(&**moved),
        month => month
            .shifted(Part::Month)
            .filter(|(origin, shift)| **origin == day_origin && !shift.is_zero())
            .map(|(_, shift)| shift),
    }?;
    if !cx.may_be(day, 31) || cx.guarded(Guard::MonthEnd) {
        return None;
    }
    let (from, to, _) = day_kept(moved)?;
    Some(finding(
        cx,
        call,
        format!(
            "the year is carried but the day is kept, which {} {from}",
            cx.outcome(call)
        ),
        format!("on {from} this asks for {to}, which does not exist"),
        None,
    ))
}

/// Whether a month moved by `shift` moves forward (`Some(true)`) or back, if the model knows.
fn direction(shift: &Shift) -> Option<bool> {
    let total = shift.total();
    match (total.lo, total.hi) {
        (lo, _) if lo > 0 => Some(true),
        (_, hi) if hi < 0 => Some(false),
        _ if shift.var.is_some() && shift.by == 0 => Some(shift.sign > 0),
        _ => None,
    }
}

/// Returns true if the day of the shifted date is the day of the date the month came from,
/// which may be the 31st: an argument copied from it, or the receiver's own day.
fn keeps_the_day(cx: &Cx<'_>, call: &DateCall<'_>, origin: &Origin) -> bool {
    match call.api.shape {
        Shape::Ymd { .. } => {
            let day = call.parts().day;
            cx.value(day)
                .is_some_and(|v| v.part_of(Part::Day) == Some(origin))
                && cx.range(day).contains(31)
        }
        Shape::Set { .. } => call.receiver.is_some_and(|receiver| {
            *origin == Origin::Date(cx.env.date_identity(receiver))
                && !chain_avoids_feb29(receiver, cx.env)
        }),
        _ => false,
    }
}

fn finding(
    cx: &Cx<'_>,
    call: &DateCall<'_>,
    message: String,
    label: String,
    shift: Option<i64>,
) -> Diagnostic {
    Diagnostic {
        lint: &LINT,
        span: span(call.expr),
        message,
        label,
        note:
            "months do not carry into years by themselves, and the same day may not exist in the \
               new month (31 January + 1 month is not 31 February)"
                .into(),
        help: help(cx, call, shift),
    }
}

fn help(cx: &Cx<'_>, call: &DateCall<'_>, shift: Option<i64>) -> Help {
    let fix = shift.and_then(|shift| shift_fix(cx, call, Part::Month, "months", shift));
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
