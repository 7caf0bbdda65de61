//! `naive_year_shift`: a date built from a shifted year with the same month and day, which
//! fails on 29 February (the 2012 Azure leap-day outage).

use syn::Expr;

use super::{
    Cx, Fix, Group, Lint, chrono_receiver_step, chrono_ymd_then, is_pure, jiff_step, receiver_text,
    span, suggest, unshifted_call,
};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::semantics::apis::{DateCall, Failure, Shape};
use crate::semantics::guards::{Guard, chain_avoids_feb29, setter_avoids_feb29};
use crate::semantics::imports::Crate;
use crate::semantics::usage::Usage;
use crate::semantics::values::{Origin, Part, Value};

pub(crate) static LINT: Lint = Lint {
    name: "naive_year_shift",
    group: Group::Correctness,
    summary: "a date built from year ± n with the same month and day: fails on 29 February",
    doc: include_str!("../../lints/naive_year_shift.md"),
};

pub(crate) fn check(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Diagnostic> {
    if cx.guarded(Guard::Feb29) || cx.failure_handled() {
        return None;
    }
    let parts = call.parts();
    let year = cx.value(parts.year)?;
    let (origin, shift) = year.shifted(Part::Year)?;
    if !is_date_shift(shift) {
        return None;
    }
    match call.api.shape {
        Shape::Ymd { .. } => {
            carries_feb29(&cx.value(parts.month)?, &cx.value(parts.day)?).then_some(())?
        }
        Shape::Set {
            part: Part::Year, ..
        } => {
            let receiver = call.receiver?;
            (*origin == Origin::Date(cx.env.date_identity(receiver))
                && !chain_avoids_feb29(receiver, cx.env))
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
    Some(Diagnostic {
        lint: &LINT,
        span: span(call.expr),
        message: "shifting the year keeps the month and day, which fails on 29 February".into(),
        label: match (cx.usage, call.api.failure) {
            (Usage::Panics, _) | (_, Failure::Panics) => {
                "this panics when the date is 29 February".into()
            }
            (Usage::Propagated, _) => "this fails every 29 February".into(),
            _ => "this has no valid result on 29 February".into(),
        },
        note: why(shift),
        help: help(cx, call, shift),
    })
}

/// Struct literals that shift a `year` field and copy `month` and `day`, written out or
/// through `..base`: `Date { year: d.year + 1, ..d }`.
pub(crate) fn check_struct(cx: &Cx<'_>, literal: &syn::ExprStruct) -> Option<Diagnostic> {
    if cx.guarded(Guard::Feb29) {
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
    if !is_date_shift(shift) {
        return None;
    }
    let copied = |part| {
        let rest = literal.rest.as_deref()?;
        let is_date_type = literal
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident.to_string().to_ascii_lowercase().contains("date"));
        let base = cx.env.date_identity(rest);
        let same = matches!(origin, Origin::Date(b) | Origin::Field(b) if *b == base);
        (is_date_type && same).then(|| Value::Part {
            part,
            origin: origin.clone(),
            shift: 0,
        })
    };
    let month = field("month").or_else(|| copied(Part::Month))?;
    let day = field("day").or_else(|| copied(Part::Day))?;
    if !carries_feb29(&month, &day) {
        return None;
    }
    Some(Diagnostic {
        lint: &LINT,
        span: span(literal),
        message: "shifting the year keeps the month and day, which fails on 29 February".into(),
        label: "this holds a date that does not exist when the original is 29 February".into(),
        note: why(shift),
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

/// Returns true if (month, day) is copied from one date, or pinned to February and copied
/// day, so that 29 February carries over into a year that may not have it.
pub(super) fn carries_feb29(month: &Value, day: &Value) -> bool {
    match (month, day) {
        (Value::Const(2), Value::Const(29)) => true,
        (Value::Const(2), day) => day.part_of(Part::Day).is_some(),
        (month, Value::Const(29)) => month.part_of(Part::Month).is_some(),
        (month, day) => match (month.part_of(Part::Month), day.part_of(Part::Day)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
    }
}

/// A shift of a year by 1 to 99 moves a date; `2000 + yy` and `year + 1900` convert a stored
/// year, and a multiple of 400 years always keeps 29 February.
fn is_date_shift(shift: i64) -> bool {
    (1..100).contains(&shift.abs()) && shift % 400 != 0
}

fn why(shift: i64) -> String {
    let years = match shift.abs() {
        1 => "one year".to_string(),
        n => format!("{n} years"),
    };
    let direction = if shift > 0 { "later" } else { "earlier" };
    let exists = if shift % 4 == 0 {
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
fn help(cx: &Cx<'_>, call: &DateCall<'_>, shift: i64) -> Help {
    let fix = match (call.api.krate, call.api.shape) {
        (Crate::Chrono, Shape::Set { .. }) => call
            .receiver
            .and_then(|r| cx.snippet(r))
            .map(|r| chrono_receiver_step(cx, r, "months", 12 * shift)),
        (Crate::Chrono, Shape::Ymd { time: false, .. }) if one_origin(cx, call) => {
            chrono_ymd_then(cx, call, 0, "months", 12 * shift)
        }
        (Crate::Time, Shape::Ymd { time: false, .. }) => time_clamped(cx, call),
        (Crate::Time, Shape::Set { .. }) => time_replace_year(cx, call),
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
        (Crate::Rcgen, Shape::Ymd { .. }) => rcgen_clamped(cx, call),
        _ => None,
    };
    let message = match call.api.krate {
        Crate::Chrono if fix.is_some() => {
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
        Crate::Rcgen if fix.is_some() => {
            "build the first of the month, then set the day, or the 28th where February is \
             shorter in the new year"
        }
        Crate::Rcgen => {
            "compute the new date with a calendar-aware API first (chrono's \
             `checked_add_months(Months::new(12))`, or a day clamped with time's `Month::length`), \
             then pass its year, month and day"
        }
    };
    suggest(message, fix)
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
