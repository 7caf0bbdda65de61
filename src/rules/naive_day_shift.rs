//! `naive_day_shift`: `day ± n` passed to a date, or compared as "tomorrow", which fails at
//! the end of every month.

use syn::{BinOp, ExprBinary};

use super::{Cx, Group, Lint, shift_fix, span, suggest};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::Need;
use crate::semantics::apis;
use crate::semantics::apis::DateCall;
use crate::semantics::cases::day_overflow;
use crate::semantics::guards::Guard;
use crate::semantics::imports::Crate;
use crate::semantics::interval::Interval;
use crate::semantics::values::{Origin, Part, Shift};

pub(crate) static LINT: Lint = Lint {
    name: "naive_day_shift",
    group: Group::Correctness,
    summary: "`day ± n` passed to a date or compared as tomorrow: fails at the end of every month",
    doc: include_str!("../../lints/naive_day_shift.md"),
    reports_in_tests: true,
    triggers: &[&[apis::DATE_API], &[Need::MethodCall(&["day", "day0"])]],
};

const NOTE: &str =
    "days do not carry into months: the day after 31 January is 1 February, not 32 January";

pub(crate) fn check(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Diagnostic> {
    if cx.guarded(Guard::MonthEnd) || cx.failure_handled() {
        return None;
    }
    let parts = call.parts();
    let one = i64::from(call.is_zero_based());
    let day = cx.value(parts.day)?;
    let (origin, shift) = day.shifted(Part::Day)?;
    // A struct's `day` field may be an index from 0: only a date's own getter counts from 1.
    if !matches!(origin, Origin::Date(_)) {
        return None;
    }
    // The day as the date receives it, counted from 1.
    let shift = Shift {
        by: shift.by + one,
        ..shift.clone()
    };
    let range = cx.range(parts.day).add(Interval::exact(one));
    let (from, to, n) = day_overflow(range, &shift)?;
    let outcome = cx.outcome(call);
    Some(Diagnostic {
        lint: &LINT,
        span: span(call.expr),
        message: format!(
            "shifting the day without carrying the month {outcome} {from}{}",
            cx.when(&shift, n)
        ),
        label: format!("on {from} this asks for {to}"),
        note: NOTE.into(),
        help: help(cx, call, shift.var.is_none().then_some(shift.by)),
    })
}

/// `d.day() == now.day() + 1` meant as "tomorrow": never true on the last day of a month.
pub(crate) fn check_comparison(cx: &Cx<'_>, binary: &ExprBinary) -> Option<Diagnostic> {
    if !matches!(binary.op, BinOp::Eq(_) | BinOp::Ne(_)) || cx.guarded(Guard::MonthEnd) {
        return None;
    }
    if !may_be_a_day(&binary.left) || !may_be_a_day(&binary.right) {
        return None;
    }
    let (left, right) = (cx.env.eval(&binary.left), cx.env.eval(&binary.right));
    let (Some((a, p)), Some((b, q))) = (left.shifted(Part::Day), right.shifted(Part::Day)) else {
        return None;
    };
    let from_dates = matches!(a, Origin::Date(_)) && matches!(b, Origin::Date(_));
    if !from_dates || a == b || p == q {
        return None;
    }
    Some(Diagnostic {
        lint: &LINT,
        span: span(binary),
        message: "comparing days of the month as \"the next day\" fails at the end of every month".into(),
        label: "on 31 January this looks for 32 January and misses 1 February".into(),
        note: NOTE.into(),
        help: Help {
            message: "compare whole dates: `Some(d) == now.succ_opt()` (chrono), `d == now.next_day()` (time) or `now.tomorrow()` (jiff)".into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}

/// A day read from a date, possibly plus or minus a literal (`now.day() + 1`): the only
/// operands worth evaluating, so deep chains of comparisons stay linear.
fn may_be_a_day(expr: &syn::Expr) -> bool {
    use syn::Expr;
    match expr {
        Expr::MethodCall(call) => call.args.is_empty(),
        Expr::Field(_) | Expr::Path(_) | Expr::Lit(_) => true,
        Expr::Paren(e) => may_be_a_day(&e.expr),
        Expr::Cast(e) => may_be_a_day(&e.expr),
        Expr::Binary(b) => {
            matches!(b.op, BinOp::Add(_) | BinOp::Sub(_))
                && may_be_a_day(&b.left)
                && matches!(&*b.right, Expr::Lit(_))
        }
        _ => false,
    }
}

fn help(cx: &Cx<'_>, call: &DateCall<'_>, shift: Option<i64>) -> Help {
    let fix = shift.and_then(|shift| shift_fix(cx, call, Part::Day, "days", shift));
    let message = match call.api.krate {
        Crate::Chrono => "move by whole days with `succ_opt`, `pred_opt` or `checked_add_days`",
        Crate::Time => "move by whole days with `next_day()` or `previous_day()`",
        Crate::Jiff => {
            "move by whole days with `tomorrow()`, `yesterday()` or `checked_add(n.days())`"
        }
        Crate::Rcgen => {
            "compute the date with a date crate's day arithmetic first, then pass its parts"
        }
    };
    suggest(message, fix)
}
