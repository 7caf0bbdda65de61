//! `invalid_constant_date`: constant arguments that never form a valid date or time.

use syn::Expr;

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::Need;
use crate::semantics::apis;
use crate::semantics::apis::{DateCall, Failure, Shape, Subsec};
use crate::semantics::calendar::{days_in_month, is_leap_year, max_days_in_month, month_name};
use crate::semantics::usage::Usage;
use crate::semantics::values::{Part, Value};

pub(crate) static LINT: Lint = Lint {
    name: "invalid_constant_date",
    group: Group::Correctness,
    summary: "constant components that never form a valid date or time (2023-02-29, month 13, hour 24)",
    doc: include_str!("../../lints/invalid_constant_date.md"),
    reports_in_tests: true,
    triggers: &[
        &[apis::DATE_API],
        &[
            Need::Word(&["parse", "from_str"]),
            Need::Word(&["NaiveDate", "NaiveDateTime"]),
        ],
    ],
};

/// What is wrong, which argument to point at, and what to suggest instead.
struct Problem<'ast> {
    message: String,
    label: String,
    at: Option<&'ast Expr>,
    help: String,
    replacement: Option<String>,
}

pub(crate) fn check(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Diagnostic> {
    let failure = call.api.failure;
    if cx.should_panic
        || cx.usage == Usage::Tested
        || (cx.in_test && failure != Failure::Panics && cx.usage == Usage::Passed)
    {
        return None;
    }
    let problem = find_problem(cx, call)?;
    let name = call.api.name;
    let note = match (failure, cx.usage) {
        (Failure::Panics, _) => format!("`{name}` panics on it, on every run"),
        (_, Usage::Panics) => "so this unwrap panics on every run".to_string(),
        (Failure::Option, _) => format!("so `{name}` always returns `None`"),
        _ => format!("so `{name}` always fails"),
    };
    let span = problem.at.map_or_else(|| span(call.expr), |e| span(e));
    Some(Diagnostic {
        lint: &LINT,
        span,
        message: problem.message,
        label: problem.label,
        note,
        help: Help {
            message: problem.help,
            replacement: problem.replacement,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}

fn find_problem<'ast>(cx: &Cx<'_>, call: &DateCall<'ast>) -> Option<Problem<'ast>> {
    let api = call.api;
    let parts = call.parts();
    let constant = |e: Option<&'ast Expr>| match e.map(|e| cx.env.eval(e)) {
        Some(Value::Const(n)) => Some(n),
        _ => None,
    };
    let zero_based = call.is_zero_based();
    let offset = i64::from(zero_based);
    let (year, month, day) = (
        constant(parts.year),
        if api.month_is_enum() && !matches!(api.shape, Shape::Set { .. }) {
            constant(parts.month)
        } else {
            constant(parts.month).map(|m| m.saturating_add(offset))
        },
        constant(parts.day).map(|d| d.saturating_add(offset)),
    );
    let (lo, hi) = api.year_range();
    if let Some(y) = year.filter(|y| !(lo..=hi).contains(y)) {
        return Some(Problem {
            message: format!("year {y} is out of range"),
            label: format!("{} represents years {lo} to {hi}", api.krate.name()),
            at: parts.year,
            help: format!("use a year from {lo} to {hi}"),
            replacement: None,
        });
    }
    // `with_month0` and `with_day0` count from 0: messages speak of what the user wrote.
    let counted = if zero_based { "zero-based " } else { "" };
    if let Some(m) = month.filter(|m| !(1..=12).contains(m)) {
        return Some(simple(
            format!("{counted}month {} does not exist", m.saturating_sub(offset)),
            &format!("{counted}months run from {} to {}", 1 - offset, 12 - offset),
            parts.month,
        ));
    }
    if let Some(d) = day.filter(|d| !(1..=31).contains(d)) {
        return Some(simple(
            format!("{counted}day {} does not exist", d.saturating_sub(offset)),
            &format!("{counted}days run from {} to {}", 1 - offset, 31 - offset),
            parts.day,
        ));
    }
    if let (Some(m), Some(d)) = (month, day) {
        let name = month_name(m).unwrap_or("that month");
        let longest = max_days_in_month(m).unwrap_or(31);
        let last = year.and_then(|y| days_in_month(y, m)).unwrap_or(longest);
        if d > longest {
            return Some(Problem {
                message: format!("{d} {name} does not exist"),
                label: format!("there are only {longest} days in {name}"),
                at: parts.day,
                help: format!("use the last day of {name}"),
                replacement: Some((last - offset).to_string()),
            });
        }
        if let Some(y) = year.filter(|&y| days_in_month(y, m).is_some_and(|n| d > n)) {
            let next_leap = (y + 1..).find(|&y| is_leap_year(y)).unwrap_or(y);
            return Some(Problem {
                message: format!("{y}-02-29 does not exist"),
                label: format!("{y} is not a leap year"),
                at: None,
                help: format!("use 28 February, or a leap year such as {next_leap}"),
                replacement: None,
            });
        }
    }
    let time_parts = [
        (
            parts.hour,
            "hour",
            23,
            "hours run from 0 to 23; the end of a day is 23:59:59 or the next day's 00:00",
        ),
        (parts.minute, "minute", 59, "minutes run from 0 to 59"),
        (parts.second, "second", 59, "seconds run from 0 to 59"),
    ];
    for (expr, unit, max, help) in time_parts {
        if let Some(v) = constant(expr).filter(|v| !(0..=max).contains(v)) {
            return Some(Problem {
                message: format!("{unit} {v} does not exist"),
                label: format!("{unit}s run from 0 to {max}"),
                at: expr,
                help: help.to_string(),
                replacement: None,
            });
        }
    }
    let subsec = match api.shape {
        Shape::Hms(s) | Shape::Ymd { subsec: s, .. } => s,
        Shape::Set {
            part: Part::Nanosecond,
            ..
        }
        | Shape::Builder => Subsec::Nano,
        Shape::Set { .. } | Shape::Offset { .. } | Shape::Timestamp { .. } => Subsec::None,
    };
    let limit = api.subsec_limit(subsec);
    if let Some(v) = constant(parts.subsec).filter(|v| limit > 0 && !(0..limit).contains(v)) {
        return Some(simple(
            format!("sub-second value {v} is out of range"),
            &format!("this argument must be less than {limit}"),
            parts.subsec,
        ));
    }
    None
}

fn simple<'ast>(message: String, label: &str, at: Option<&'ast Expr>) -> Problem<'ast> {
    Problem {
        message,
        label: label.to_string(),
        at,
        help: format!("use a value that exists: {label}"),
        replacement: None,
    }
}

/// A constant text parsed as a date that never parses: `"2023-02-29".parse::<NaiveDate>()`,
/// `NaiveDate::parse_from_str("2023-04-31", "%Y-%m-%d")`, `NaiveDate::from_str("2023-13-01")`.
pub(crate) fn check_text(cx: &Cx<'_>, expr: &Expr) -> Option<Diagnostic> {
    if cx.in_test {
        return None;
    }
    let (text, ty) = parsed_text(cx, expr)?;
    let problem = iso_problem(&text)?;
    Some(Diagnostic {
        lint: &LINT,
        span: span(expr),
        message: format!("\"{text}\" never parses as a `{ty}`: {problem}"),
        label: "a constant text that is no date".into(),
        note: "so the parse fails on every run".into(),
        help: Help {
            message: "write a date that exists".into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}

/// The text and date type of a parse of a string literal: `LIT.parse::<T>()`,
/// `T::from_str(LIT)`, or `T::parse_from_str(LIT, "%Y-%m-%d..")`.
fn parsed_text(cx: &Cx<'_>, expr: &Expr) -> Option<(String, String)> {
    let literal = |e: &Expr| match e {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    };
    let date_type = |path: &syn::Path| {
        let resolved = cx.imports.resolve(path)?;
        let ty = resolved.rsplit("::").next()?.to_string();
        let known = matches!(
            resolved.as_str(),
            "chrono::NaiveDate"
                | "chrono::NaiveDateTime"
                | "jiff::civil::Date"
                | "jiff::civil::DateTime"
        );
        known.then_some(ty)
    };
    match expr {
        Expr::MethodCall(call) if call.method == "parse" && call.args.is_empty() => {
            let turbofish = call.turbofish.as_ref()?;
            let Some(syn::GenericArgument::Type(syn::Type::Path(ty))) = turbofish.args.first()
            else {
                return None;
            };
            Some((literal(&call.receiver)?, date_type(&ty.path)?))
        }
        Expr::Call(call) => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            let name = &func.path.segments.last()?.ident;
            let mut path = func.path.clone();
            let before = func.path.segments.len().checked_sub(1)?;
            path.segments = func.path.segments.iter().take(before).cloned().collect();
            let ty = date_type(&path)?;
            let text = literal(call.args.first()?)?;
            match (name.to_string().as_str(), call.args.len()) {
                ("from_str", 1) => Some((text, ty)),
                ("parse_from_str", 2) => {
                    let format = literal(&call.args[1])?;
                    let iso = ["%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"];
                    iso.contains(&format.as_str()).then_some((text, ty))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Why an ISO 8601 date text (`YYYY-MM-DD`, then anything) names no day, if it names none.
fn iso_problem(text: &str) -> Option<String> {
    let number = |range: std::ops::Range<usize>| {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse::<i64>().ok())
            .flatten()
    };
    if text.get(4..5) != Some("-") || text.get(7..8) != Some("-") {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let name = month_name(month);
    match (name, days_in_month(year, month)) {
        (None, _) => Some(format!("month {month} does not exist")),
        (Some(name), Some(last)) if day > last || day == 0 => Some(match (month, day) {
            (2, 29) => format!("29 February {year} does not exist ({year} is not a leap year)"),
            _ => format!("{day} {name} does not exist"),
        }),
        _ => None,
    }
}
