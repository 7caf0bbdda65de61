//! `naive_year_shift`: a date built from a shifted year with the same month and day, which
//! fails on 29 February (the 2012 Azure leap-day outage).

use syn::Expr;

use super::{
    Cx, Fix, Group, Lint, chrono_receiver_step, chrono_ymd_then, is_pure, jiff_step, receiver_text,
    span, suggest, unshifted_call,
};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::Need;
use crate::semantics::apis;
use crate::semantics::apis::{DateCall, Shape};
use crate::semantics::cases::{YearCase, year_shift};
use crate::semantics::guards::{Guard, chain_avoids_feb29, setter_avoids_feb29};
use crate::semantics::imports::Crate;
use crate::semantics::values::{Origin, Part, Shift, Value};

pub(crate) static LINT: Lint = Lint {
    name: "naive_year_shift",
    group: Group::Correctness,
    summary: "a date built from year ± n with the same month and day: fails on 29 February",
    doc: include_str!("../../lints/naive_year_shift.md"),
    reports_in_tests: true,
    triggers: &[&[apis::DATE_API], &[Need::Field(&["year"])]],
};

pub(crate) fn check(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Diagnostic> {
    if cx.guarded(Guard::Feb29) || cx.failure_handled() {
        return None;
    }
    let parts = call.parts();
    let year = cx.value(parts.year)?;
    let (origin, shift) = year.shifted(Part::Year)?;
    let case = year_shift(shift)?;
    match call.api.shape {
        Shape::Ymd { .. } => carries_feb29(
            (&cx.value(parts.month)?, cx.may_be(parts.month, 2)),
            (&cx.value(parts.day)?, cx.may_be(parts.day, 29)),
        )
        .then_some(())?,
        Shape::Set {
            part: Part::Year, ..
        } => {
            let receiver = call.receiver?;
            (*origin == Origin::Date(cx.env.date_identity(receiver))
                && !chain_avoids_feb29(receiver, cx.env)
                && cx.env.component_may_be(receiver, "month", 2)
                && cx.env.component_may_be(receiver, "day", 29))
            .then_some(())?
        }
        Shape::Builder => {
            let receiver = call.receiver?;
            let pinned = call
                .setters
                .iter()
                .any(|(name, value)| setter_avoids_feb29(name, &cx.env.eval(value)));
            (*origin == Origin::Date(cx.env.date_identity(receiver)) && !pinned).then_some(())?
        }
        _ => return None,
    }
    let outcome = cx.outcome(call);
    Some(Diagnostic {
        lint: &LINT,
        span: span(call.expr),
        message: format!(
            "shifting the year keeps the month and day, which {outcome} 29 February {}{}",
            case.from,
            cx.when(shift, case.years),
        ),
        label: format!(
            "this asks for 29 February {}, which does not exist",
            case.to
        ),
        note: why(&case),
        help: help(cx, call, shift),
    })
}

/// Struct literals that shift a `year` field and copy `month` and `day`, written out or
/// through `..base`: `Date { year: d.year + 1, ..d }`.
pub(crate) fn check_struct(cx: &Cx<'_>, literal: &syn::ExprStruct) -> Option<Diagnostic> {
    if cx.guarded(Guard::Feb29) || cx.in_error {
        return None;
    }
    let field = |name: &str| {
        literal.fields.iter().find_map(|f| match &f.member {
            syn::Member::Named(ident) if ident == name => Some(cx.env.eval(&f.expr)),
            _ => None,
        })
    };
    let year = field("year")?;
    let (origin, shift) = year.shifted(Part::Year)?;
    let case = year_shift(shift)?;
    let copied = |part| {
        let rest = literal.rest.as_deref()?;
        // A struct of the file holds a date if it has a month and a day; one declared
        // elsewhere, if its name says date.
        let is_date_type = literal.path.segments.last().is_some_and(|s| {
            let name = s.ident.to_string();
            cx.imports
                .calendar_struct(&name)
                .unwrap_or_else(|| name.to_ascii_lowercase().contains("date"))
        });
        let base = cx.env.date_identity(rest);
        let same = matches!(origin, Origin::Date(b) | Origin::Field(b) if *b == base);
        (is_date_type && same).then(|| Value::Part {
            part,
            origin: origin.clone(),
            shift: Shift::by(0),
        })
    };
    let month = field("month").or_else(|| copied(Part::Month))?;
    let day = field("day").or_else(|| copied(Part::Day))?;
    if !carries_feb29((&month, true), (&day, true)) {
        return None;
    }
    Some(Diagnostic {
        lint: &LINT,
        span: span(literal),
        message: "shifting the year keeps the month and day, which fails on 29 February".into(),
        label: format!(
            "from 29 February {}{} this holds 29 February {}, which does not exist",
            case.from,
            cx.when(shift, case.years),
            case.to
        ),
        note: why(&case),
        help: Help {
            message: "clamp the day to the length of the month in the new year (28 February in a \
                      common year), or derive the value from a calendar-aware date API"
                .into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}

/// Returns true if (month, day), each with whether the model allows it to be February and
/// the 29th here, may be 29 February carried over from a date into a year that may not have
/// it: copied from one date, or February with a copied day, or a copied month with day 29.
pub(super) fn carries_feb29(month: (&Value, bool), day: (&Value, bool)) -> bool {
    if !month.1 || !day.1 {
        return false;
    }
    match (month.0, day.0) {
        (Value::Const(2), Value::Const(29)) => true,
        (Value::Const(2), day) => day.part_of(Part::Day).is_some(),
        (month, Value::Const(29)) => month.part_of(Part::Month).is_some(),
        (month, day) => match (month.part_of(Part::Month), day.part_of(Part::Day)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
    }
}

fn why(case: &YearCase) -> String {
    let years = match case.years.abs() {
        1 => "one year".to_string(),
        n => format!("{n} years"),
    };
    let direction = if case.years > 0 { "later" } else { "earlier" };
    let exists = if case.years % 4 == 0 {
        "does not exist when that span crosses a century that is not a leap year (2100)"
    } else {
        "does not exist"
    };
    format!(
        "on 29 February of a leap year, the same day {years} {direction} {exists} (the 2012 Azure leap-day outage)"
    )
}

/// The suggestion, built from the user's own text: the crate's calendar arithmetic, which
/// turns 29 February into 28 February, keeping the type and failure of the original call.
fn help(cx: &Cx<'_>, call: &DateCall<'_>, shift: &Shift) -> Help {
    // chrono's and jiff's arithmetic take the amount itself; a clamp does not need it.
    let known = shift.var.is_none().then_some(shift.by);
    let fix = match (call.api.krate, call.api.shape, known) {
        (Crate::Chrono | Crate::Jiff, _, None) => None,
        (_, _, None) => clamped(cx, call),
        (_, _, Some(shift)) => by_amount(cx, call, shift),
    };
    let message = message(call, fix.is_some());
    suggest(message, fix)
}

/// The fixes that clamp the day, whatever the shift: time's `Month::length`, rcgen's 28th.
fn clamped(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Fix> {
    match (call.api.krate, call.api.shape) {
        (Crate::Time, Shape::Ymd { time: false, .. }) => time_clamped(cx, call),
        (Crate::Time, Shape::Set { .. }) => time_replace_year(cx, call),
        (Crate::Rcgen, Shape::Ymd { .. }) => rcgen_clamped(cx, call),
        _ => None,
    }
}

/// The fix for a shift by a known number of years: the crate's own calendar arithmetic.
fn by_amount(cx: &Cx<'_>, call: &DateCall<'_>, shift: i64) -> Option<Fix> {
    match (call.api.krate, call.api.shape) {
        (Crate::Chrono, Shape::Set { .. }) => call
            .receiver
            .and_then(|r| cx.snippet(r))
            .map(|r| chrono_receiver_step(cx, r, "months", 12 * shift)),
        (Crate::Chrono, Shape::Ymd { time: false, .. }) if one_origin(cx, call) => {
            chrono_ymd_then(cx, call, 0, "months", 12 * shift)
        }
        (Crate::Jiff, Shape::Builder) if call.setters.len() == 1 => call
            .receiver
            .and_then(|r| cx.snippet(r))
            .map(|r| jiff_step(cx, r, "checked", shift, "years")),
        (Crate::Jiff, Shape::Ymd { time: false, .. }) => {
            unshifted_call(cx, call, 0).map(|(func, args, _)| {
                let date = format!("{func}({args})");
                match call.api.checked_twin {
                    Some(_) => jiff_step(cx, &date, "saturating", shift, "years"),
                    None => jiff_step(cx, "date", "checked", shift, "years")
                        .map(|step| format!("{date}.and_then(|date| {step})")),
                }
            })
        }
        _ => clamped(cx, call),
    }
}

fn message(call: &DateCall<'_>, fixed: bool) -> &'static str {
    match call.api.krate {
        Crate::Chrono if fixed => {
            "add whole years with `checked_add_months`, which turns 29 February into 28 February"
        }
        Crate::Chrono => {
            "build the date in the original year, then add whole years with \
             `checked_add_months(Months::new(12))`, which turns 29 February into 28 February"
        }
        Crate::Time => {
            "clamp the day to the length of the month in the new year with `Month::length`"
        }
        Crate::Jiff => {
            "add whole years with jiff's span arithmetic, which turns 29 February into 28 February"
        }
        Crate::Rcgen if fixed => {
            "build the first of the month, then set the day, or the 28th where February is \
             shorter in the new year"
        }
        Crate::Rcgen => {
            "compute the new date with a calendar-aware API first (chrono's \
             `checked_add_months(Months::new(12))`, or a day clamped with time's `Month::length`), \
             then pass its year, month and day"
        }
    }
}

/// time's `Date::from_calendar_date(y, m, d)` with the day clamped to the month in year `y`.
fn time_clamped(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Fix> {
    let Expr::Call(c) = call.expr else {
        return None;
    };
    let parts = call.parts();
    let (y, m, d) = (parts.year?, parts.month?, parts.day?);
    let (func, ys, ms, mr, ds) = (
        cx.snippet(&c.func)?,
        cx.snippet(y)?,
        cx.snippet(m)?,
        receiver_text(cx, m)?,
        receiver_text(cx, d)?,
    );
    // A literal day would have no type to call `min` on.
    let exact = is_pure(y) && is_pure(m) && !matches!(d, Expr::Lit(_));
    Some(Fix::new(
        format!("{func}({ys}, {ms}, {ds}.min({mr}.length({ys})))"),
        exact,
    ))
}

/// time's `d.replace_year(y)` with the day first clamped to the month's length in year `y`.
fn time_replace_year(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Fix> {
    let (receiver, year) = (call.receiver?, *call.args.first()?);
    let (r, y) = (cx.snippet(receiver)?, cx.snippet(year)?);
    Some(Fix::new(
        format!(
            "{r}.replace_day({r}.day().min({r}.month().length({y}))).and_then(|clamped| clamped.replace_year({y}))"
        ),
        is_pure(receiver) && is_pure(year),
    ))
}

/// rcgen's `date_time_ymd(y, m, d)` (a `time::OffsetDateTime`) built on the first of the
/// month, with the day set after: where that day does not exist in the new year (29
/// February, as month and day come from a date that exists), the 28th. An expression
/// without a block, so that it fits wherever the call stood.
fn rcgen_clamped(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Fix> {
    let Expr::Call(c) = call.expr else {
        return None;
    };
    let parts = call.parts();
    let (y, m, d) = (parts.year?, parts.month?, parts.day?);
    let (func, ys, ms, ds) = (
        cx.snippet(&c.func)?,
        cx.snippet(y)?,
        cx.snippet(m)?,
        cx.snippet(d)?,
    );
    Some(Fix::new(
        format!(
            "{func}({ys}, {ms}, 1).replace_day({ds}).unwrap_or_else(|_| {func}({ys}, {ms}, 28))"
        ),
        is_pure(y) && is_pure(m),
    ))
}

/// Returns true if year, month and day come from one place, so that shifting the date built
/// from them is what the code means.
fn one_origin(cx: &Cx<'_>, call: &DateCall<'_>) -> bool {
    let parts = call.parts();
    let origin = |e, part| {
        cx.value(e)
            .and_then(|v: Value| v.shifted(part).map(|(o, _)| o.clone()))
    };
    let year = origin(parts.year, Part::Year);
    year.is_some()
        && year == origin(parts.month, Part::Month)
        && year == origin(parts.day, Part::Day)
}
