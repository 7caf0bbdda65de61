//! `unchecked_date_construction`: a date or time built from computed values and unwrapped,
//! or built with a constructor that panics, with nothing to show the values form a date.

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::semantics::apis;
use crate::semantics::apis::{DateCall, Failure, Shape};
use crate::semantics::calendar::days_in_month;
use crate::semantics::guards::chain_avoids_feb29;
use crate::semantics::imports::Crate;
use crate::semantics::interval::Interval;
use crate::semantics::usage::Usage;
use crate::semantics::values::{Origin, Part, Value};

pub(crate) static LINT: Lint = Lint {
    name: "unchecked_date_construction",
    group: Group::Suspicious,
    summary: "a date built from computed values and unwrapped, or built by a panicking constructor",
    doc: include_str!("../../lints/unchecked_date_construction.md"),
    reports_in_tests: false,
    triggers: &[&[apis::DATE_API]],
};

pub(crate) fn check(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Diagnostic> {
    let api = call.api;
    // An inner link of a setter chain is reported, if at all, at the chain.
    if cx.in_test
        || cx.in_setter_chain
        || (api.failure != Failure::Panics && cx.usage != Usage::Panics)
    {
        return None;
    }
    // A guard in scope (a leap test, a month-end or December check) shows the author thought
    // about which dates exist.
    // The links a chain is built on are unwrapped too: any of them may fail.
    let links = links_before(cx, call);
    if !cx.guards.is_empty()
        || (provably_valid(cx, call) && links.iter().all(|link| provably_valid(cx, link)))
    {
        return None;
    }
    let what = match api.shape {
        Shape::Hms(_)
        | Shape::Set {
            part: Part::Hour | Part::Minute | Part::Second,
            ..
        } => "time",
        Shape::Offset { .. } => "offset",
        Shape::Timestamp { .. } => "timestamp",
        _ => "date",
    };
    let name = api.name;
    let subject = match api.shape {
        Shape::Timestamp { .. } => "the timestamp read".to_string(),
        _ => format!("the computed {what}"),
    };
    // In a chain of setters, the first link that can fail names the value.
    let bad = links
        .iter()
        .chain([call])
        .find_map(|link| out_of_range(cx, link));
    let (message, help, replacement) = if api.failure == Failure::Panics {
        let twin = api.checked_twin;
        (
            format!("`{name}` panics when {subject} {}", fails(what)),
            match twin {
                Some(twin) => format!(
                    "use `{twin}`, which reports the failure instead of panicking, and handle it"
                ),
                None => format!(
                    "check the {what} with a fallible constructor first, and handle the failure"
                ),
            },
            twin.and_then(|twin| twin_call(cx, call, twin)),
        )
    } else {
        let failure = match api.failure {
            Failure::Option => "`None`",
            Failure::LocalResult => "`LocalResult::None` or `Ambiguous`",
            _ => "an error",
        };
        (
            format!("unwrapping `{name}` panics when {subject} {}", fails(what)),
            format!(
                "handle {failure} instead of unwrapping: return it to the caller (`ok_or(..)?`, \
                 `?`) or choose a fallback"
            ),
            None,
        )
    };
    Some(Diagnostic {
        lint: &LINT,
        span: span(call.expr),
        message,
        label: match bad {
            Some((part, value)) => format!("the {part} can be {value} here"),
            None => month_end(cx, call)
                .unwrap_or_else(|| format!("nothing shows that this {what} exists")),
        },
        note: match call.api.shape {
            Shape::Offset { limit } => format!(
                "the offset is computed at run time, and an offset from UTC must stay within \
                 {limit} seconds either way"
            ),
            Shape::Timestamp { .. } => {
                let (first, last) = call.api.year_range();
                format!(
                    "a count read from outside the program can be any number, and `{}` takes \
                     only times from the year {first} to the year {last}",
                    call.api.name
                )
            }
            _ => format!(
                "the arguments are computed at run time, and some values (the 31st of a 30-day \
                 month, 29 February of a common year, month 13) make no {what}"
            ),
        },
        help: Help {
            message: help,
            replacement,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}

/// How a value of this kind fails: a date or time does not exist, an offset is too large.
fn fails(what: &str) -> &'static str {
    match what {
        "offset" | "timestamp" => "is out of range",
        _ => "does not exist",
    }
}

/// A component whose interval reaches past what the API accepts: its name and a value that
/// fails (`("month", 0)` for a 4-bit field, `("month", 13)` for a month nothing bounds).
/// The setters that `call` is chained on through `unwrap` or `expect`, innermost first: in
/// `d.with_day(1).unwrap().with_month(m).unwrap().with_day(day)`, `with_day(1)` and
/// `with_month(m)`. A link whose failure is propagated (`?`) ends the chain.
fn links_before<'ast>(cx: &Cx<'_>, call: &DateCall<'ast>) -> Vec<DateCall<'ast>> {
    let mut links = Vec::new();
    let mut receiver = call.receiver;
    while let Some(expr) = receiver {
        let inner = unwrapped(expr);
        let Some(link) = apis::recognize(inner, cx.imports)
            .filter(|link| matches!(link.api.shape, Shape::Set { .. }))
        else {
            break;
        };
        receiver = link.receiver;
        links.push(link);
    }
    links.reverse();
    links
}

/// `expr` without the parentheses and the `unwrap()` or `expect(..)` around it.
fn unwrapped(mut expr: &syn::Expr) -> &syn::Expr {
    loop {
        expr = match expr {
            syn::Expr::Paren(e) => &e.expr,
            syn::Expr::MethodCall(m) if m.method == "unwrap" || m.method == "expect" => &m.receiver,
            _ => return expr,
        };
    }
}

fn out_of_range(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<(&'static str, i64)> {
    let parts = call.parts();
    let one = i64::from(call.is_zero_based());
    let mut checks = vec![
        ("month", parts.month, 1, 12),
        ("day", parts.day, 1, 31),
        ("hour", parts.hour, 0, 23),
        ("minute", parts.minute, 0, 59),
        ("second", parts.second, 0, 59),
    ];
    if let Shape::Offset { limit } = call.api.shape {
        checks = vec![(
            "offset in seconds",
            call.args.first().copied(),
            -limit,
            limit,
        )];
    } else if let Shape::Timestamp { unit, lo, hi, .. } = call.api.shape {
        checks = vec![(unit, call.args.first().copied(), lo, hi)];
    } else if let Shape::Set { part, .. } = call.api.shape {
        let (name, lo, hi) = match part {
            Part::Month => ("month", 1, 12),
            Part::Day => ("day", 1, 31),
            Part::Hour => ("hour", 0, 23),
            Part::Minute => ("minute", 0, 59),
            Part::Second => ("second", 0, 59),
            _ => return None,
        };
        checks = vec![(name, call.args.first().copied(), lo, hi)];
    }
    checks.into_iter().find_map(|(name, expr, lo, hi)| {
        let range = cx.range(Some(expr?)).add(Interval::exact(one));
        // Past the top first: a month or day carried too far (13, 32) is the common
        // failure, and a cast of a signed value widens the bottom to 0 where it may not be.
        match (range.lo < lo, range.hi > hi) {
            (_, true) => Some((name, range.hi.min(hi + 1))),
            (true, _) => Some((name, range.lo.max(lo - 1))),
            _ => None,
        }
    })
}

/// A day and month each in range that make no date together, when the model allows both:
/// "the day can be 31 while the month is 4".
fn month_end(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<String> {
    let parts = call.parts();
    let (month, day) = (parts.month?, parts.day?);
    let one = i64::from(call.is_zero_based());
    let days = cx.range(Some(day)).add(Interval::exact(one));
    [4, 6, 9, 11, 2].into_iter().find_map(|m| {
        let last = if m == 2 { 28 } else { 30 };
        let month_may_be = cx.may_be(Some(month), m - one);
        (month_may_be && days.hi > last).then(|| match (m, days.hi) {
            (2, 29) => "the day can be 29 while the month is 2, in a common year".to_string(),
            _ => format!("the day can be {} while the month is {m}", last + 1),
        })
    })
}

/// Returns true if every component is known to be in range for every date it could be
/// combined with: constants that always exist, loop ranges, clamped values, or components
/// copied unchanged from one existing date.
fn provably_valid(cx: &Cx<'_>, call: &DateCall<'_>) -> bool {
    let api = call.api;
    let parts = call.parts();
    let value = |e| cx.value(e).unwrap_or(Value::Unknown);
    let from_a_date = |v: &Value, part| matches!(v.part_of(part), Some(Origin::Date(_)));
    let time_ok = |e, part, max| {
        let v = value(e);
        e.is_none() || cx.range(e).within(0, max) || v == Value::Clamped || from_a_date(&v, part)
    };
    let times_ok = time_ok(parts.hour, Part::Hour, 23)
        && time_ok(parts.minute, Part::Minute, 59)
        && time_ok(parts.second, Part::Second, 59)
        && (parts.subsec.is_none() || {
            // The sub-second unit's own limit; chrono's leap second counts as in range.
            let subsec = match api.shape {
                Shape::Hms(s) | Shape::Ymd { subsec: s, .. } => s,
                _ => crate::semantics::apis::Subsec::Nano,
            };
            cx.range(parts.subsec)
                .within(0, api.subsec_limit(subsec) - 1)
        });
    match api.shape {
        Shape::Ymd { .. } => {
            let (year, month, day) = (value(parts.year), value(parts.month), value(parts.day));
            let month_ok = api.month_is_enum()
                || cx.range(parts.month).within(1, 12)
                || month == Value::Clamped
                || from_a_date(&month, Part::Month);
            let day_range = cx.range(parts.day);
            times_ok && month_ok && (day_range.within(1, 28) || day_fits(&year, &month, &day))
        }
        Shape::Hms(_) => times_ok,
        // An offset is reported only when it is read from outside the program: offsets
        // computed from tables and fields are what time-zone code is made of.
        Shape::Offset { limit } => {
            let arg = call.args.first().copied();
            cx.value(arg) != Some(Value::Input) || cx.range(arg).within(-limit, limit)
        }
        // Likewise a timestamp: one computed from the clock or from fields is in range.
        Shape::Timestamp { lo, hi, .. } => {
            let arg = call.args.first().copied();
            cx.value(arg) != Some(Value::Input) || cx.range(arg).within(lo, hi)
        }
        Shape::Set { part, zero_based } => {
            let Some(receiver) = call.receiver else {
                return false;
            };
            let arg = call.args.first().copied();
            let mut v = value(arg);
            let one = i64::from(zero_based);
            if zero_based {
                v = match v {
                    Value::Const(n) => Value::Const(n.saturating_add(1)),
                    other => other,
                };
            }
            let range = cx.range(arg).add(Interval::exact(one));
            let copied = matches!(v.part_of(part), Some(Origin::Date(d)) if *d == cx.env.date_identity(receiver));
            copied
                || match part {
                    // An earlier day of the receiver's own month exists if it is not 0.
                    Part::Day => {
                        range.within(1, 28)
                            || v == Value::Clamped
                            || (range.lo >= 1
                                && v.shifted(Part::Day).is_some_and(|(o, shift)| {
                                    *o == Origin::Date(cx.env.date_identity(receiver))
                                        && shift.total().hi <= 0
                                }))
                    }
                    Part::Month => {
                        matches!(v, Value::Const(1 | 3 | 5 | 7 | 8 | 10 | 12))
                            || (range.within(1, 12) && chain_avoids_feb29(receiver, cx.env))
                    }
                    Part::Year => {
                        matches!(v, Value::Const(y) if crate::semantics::calendar::is_leap_year(y))
                            || chain_avoids_feb29(receiver, cx.env)
                    }
                    Part::Hour => time_ok(Some(call.args[0]), Part::Hour, 23),
                    Part::Minute => time_ok(Some(call.args[0]), Part::Minute, 59),
                    Part::Second => time_ok(Some(call.args[0]), Part::Second, 59),
                    Part::Nanosecond => true,
                }
        }
        Shape::Builder => true,
    }
}

/// Returns true if `day` exists in `month` of `year` whatever values they hold.
fn day_fits(year: &Value, month: &Value, day: &Value) -> bool {
    if day.within(1, 28) || *day == Value::Clamped {
        return true;
    }
    if let (Some(a), Some(b), Some(c)) = (
        year.part_of(Part::Year),
        month.part_of(Part::Month),
        day.part_of(Part::Day),
    ) {
        return matches!(a, Origin::Date(_)) && a == b && b == c;
    }
    match (year, month, day) {
        (Value::Const(y), Value::Const(m), Value::Const(d)) => {
            days_in_month(*y, *m).is_some_and(|n| (1..=n).contains(d))
        }
        (_, Value::Const(m), d) => days_in_month(2023, *m).is_some_and(|n| d.within(1, n)),
        _ => false,
    }
}

/// The call with the panicking function's name replaced by its checked twin, when the twin
/// takes the same arguments.
fn twin_call(cx: &Cx<'_>, call: &DateCall<'_>, twin: &str) -> Option<String> {
    let ident = match call.expr {
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(path) => &path.path.segments.last()?.ident,
            _ => return None,
        },
        syn::Expr::MethodCall(call) => &call.method,
        _ => return None,
    };
    let same_arguments = twin.ends_with("_opt") || call.api.krate == Crate::Jiff;
    if !same_arguments {
        return None;
    }
    let whole = span(call.expr);
    let name = ident.span().byte_range();
    let before = cx.source.get(whole.start..name.start)?;
    let after = cx.source.get(name.end..whole.end)?;
    let twin = if call.api.krate == Crate::Jiff {
        twin.to_string()
    } else {
        twin.rsplit("::").next().unwrap_or(twin).to_string()
    };
    Some(format!("{before}{twin}{after}"))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::{Settings, lint_source};

    /// The labels of the findings of `text`.
    fn labels(text: &str) -> Vec<String> {
        lint_source(Path::new("src/lib.rs"), text, &Settings::default())
            .expect("the case parses")
            .into_iter()
            .map(|finding| finding.diagnostic.label)
            .collect()
    }

    #[test]
    fn a_chain_names_the_first_link_that_can_fail() {
        // chronoutil's `shift_months` before its fix: December plus one month is month 13.
        let shift = "use chrono::Datelike;\n\
            fn shift<D: Datelike>(date: D, months: i32) -> D {\n\
                let mut year = date.year() + months / 12;\n\
                let mut month = date.month() as i32 + months % 12;\n\
                if month < 1 { year -= 1; month += 12; }\n\
                date.with_day(1).unwrap().with_year(year).unwrap().with_month(month as u32).unwrap().with_day(1).unwrap()\n\
            }\n";
        assert_eq!(labels(shift), ["the month can be 13 here"]);
        // Without the year set in the chain, the month wrapped back to December stays in
        // the same year.
        let same_year = shift.replace(".with_year(year).unwrap()", "");
        assert_eq!(
            labels(&same_year),
            [
                "before January this is December of the same year",
                "the month can be 13 here"
            ]
        );
        // The last link pins the day; the one before takes any month.
        let month = "use chrono::Datelike;\n\
            fn first(d: chrono::NaiveDate, m: u32) -> chrono::NaiveDate {\n\
                d.with_day(1).unwrap().with_month(m).unwrap().with_day(1).unwrap()\n\
            }\n";
        assert_eq!(labels(month), ["the month can be 13 here"]);
        // A link whose failure is propagated ends the chain.
        let propagated = "use chrono::Datelike;\n\
            fn first(d: chrono::NaiveDate, m: u32) -> Option<chrono::NaiveDate> {\n\
                Some(d.with_day(1)?.with_month(m)?.with_day(1).unwrap())\n\
            }\n";
        assert!(labels(propagated).is_empty());
        // A chain of a time's setters is one finding too.
        let time = "use chrono::Timelike;\n\
            fn at(d: chrono::NaiveDateTime, h: u32, m: u32) -> chrono::NaiveDateTime {\n\
                d.with_hour(h).unwrap().with_minute(m).unwrap().with_second(0).unwrap()\n\
            }\n";
        assert_eq!(labels(time), ["the hour can be 24 here"]);
    }

    #[test]
    fn a_month_converted_to_the_enum_is_one_of_twelve() {
        // The conversion fails on 13 before the constructor sees it: the day is what fails.
        let time = "fn read(m: u8, d: u8) -> time::Date {\n\
                let month = time::Month::try_from(m).unwrap();\n\
                time::Date::from_calendar_date(2024, month, d).unwrap()\n\
            }\n";
        assert_eq!(labels(time), ["the day can be 32 here"]);
        let chrono = "fn read(m: u32, d: u32) -> chrono::NaiveDate {\n\
                let month = chrono::Month::try_from(m as u8).ok()?;\n\
                chrono::NaiveDate::from_ymd_opt(2024, month.number_from_month(), d).unwrap()\n\
            }\n";
        assert_eq!(labels(chrono), ["the day can be 32 here"]);
    }
}
