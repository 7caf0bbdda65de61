//! `year_as_365_days`: a fixed 365-day span used as a year, or a day count divided by 365 to
//! get years.

use quote::ToTokens;
use syn::{BinOp, Expr, ExprBinary, ExprMethodCall};

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::{Need, Token};
use crate::semantics::facts::FileFacts;
use crate::semantics::imports::Crate;
use crate::semantics::values;
use crate::semantics::values::Value;

pub(crate) static LINT: Lint = Lint {
    name: "year_as_365_days",
    group: Group::Suspicious,
    summary: "a fixed 365-day span used as a year, or days / 365 used as an age",
    doc: include_str!("../../lints/year_as_365_days.md"),
    reports_in_tests: false,
    triggers: &[
        &[Need::Token(Token::YearLiteral), values::SPAN_TYPE],
        &[
            Need::Token(Token::YearLiteral),
            Need::Token(Token::Arithmetic),
        ],
    ],
};

/// A span of 365-day years is built from a literal of whole years (365, 8760, 31_536_000):
/// the prefilter relies on it, so a file without one reports nothing here.
pub(crate) fn stands(facts: &FileFacts) -> bool {
    facts.has_year_literal
}

const SECONDS_PER_YEAR: i64 = 365 * 24 * 60 * 60;

/// How many of a duration constructor's units make 365 days.
fn units_per_year(name: &str) -> Option<i64> {
    Some(match name {
        "days" | "try_days" | "from_days" | "day" => 365,
        "hours" | "try_hours" | "from_hours" | "hour" => 365 * 24,
        "minutes" | "try_minutes" | "from_mins" | "minute" => 365 * 24 * 60,
        "seconds" | "try_seconds" | "from_secs" | "second" | "from_secs_f64" | "from_secs_f32"
        | "seconds_f64" | "seconds_f32" => SECONDS_PER_YEAR,
        "milliseconds" | "try_milliseconds" | "from_millis" | "millisecond" => {
            SECONDS_PER_YEAR * 1000
        }
        _ => return None,
    })
}

/// Type names whose constructors build a span of time.
fn is_duration_type(name: &str) -> bool {
    name.contains("Duration") || matches!(name, "TimeDelta" | "Days" | "Span")
}

/// `date + Duration::days(365)`, `timestamp + 31_536_000` and `days / 365`.
pub(crate) fn check_binary(cx: &Cx<'_>, binary: &ExprBinary) -> Option<Diagnostic> {
    if cx.in_test {
        return None;
    }
    match binary.op {
        BinOp::Add(_) | BinOp::Sub(_) | BinOp::AddAssign(_) | BinOp::SubAssign(_) => {
            // Only operands that can be a span are evaluated: a long chain `a + b + c + ..`
            // must not be walked again at every `+` (that would be quadratic).
            let finding = [&*binary.left, &*binary.right]
                .into_iter()
                .find_map(|side| span_finding(cx, side))
                .or_else(|| {
                    let seconds = [&*binary.left, &*binary.right].into_iter().find(|side| {
                        may_be_constant(side)
                            && matches!(cx.env.eval(side), Value::Const(n) if n > 0 && n % SECONDS_PER_YEAR == 0 && n / SECONDS_PER_YEAR <= 100)
                    })?;
                    (!names_days_not_years(seconds)).then(|| {
                        finding(
                            span(binary),
                            "adding 365 days' worth of seconds is not a year".into(),
                            "31,536,000 seconds: one day short of a year across 29 February".into(),
                        )
                    })
                })?;
            // A monotonic `Instant` has no calendar: a 365-day span from it is what it says.
            (cx.env.eval(&binary.left) != Value::Monotonic).then_some(finding)
        }
        BinOp::Div(_) => {
            let per_year = match cx.env.eval(&binary.right) {
                Value::Const(365) => "day",
                Value::Const(SECONDS_PER_YEAR) => "sec",
                _ => return None,
            };
            // A count of days or seconds read from a date or a duration (`(a - b).num_days()`,
            // `elapsed.as_secs()`): the remainder of a day count in a civil-date algorithm is
            // not an age.
            if !calls_method_containing(&binary.left, per_year) {
                return None;
            }
            let unit = if per_year == "day" { "day" } else { "second" };
            Some(finding(
                span(binary),
                format!("dividing a {unit} count by a 365-day year miscounts years"),
                "every leap day in the span makes this drift: an age is wrong around birthdays"
                    .into(),
            ))
        }
        _ => None,
    }
}

/// A literal, a constant's name, or a product of them (`365 * 24 * 3600`): what a span in
/// seconds is written as.
fn may_be_constant(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(_) | Expr::Path(_) => true,
        Expr::Paren(e) => may_be_constant(&e.expr),
        Expr::Binary(b) if matches!(b.op, BinOp::Mul(_)) => {
            may_be_constant(&b.left) && may_be_constant(&b.right)
        }
        _ => false,
    }
}

/// `date.checked_add(365.days())`, `d.checked_add_days(Days::new(365))`.
pub(crate) fn check_method(cx: &Cx<'_>, call: &ExprMethodCall) -> Option<Diagnostic> {
    let adds = matches!(
        call.method.to_string().as_str(),
        "checked_add"
            | "checked_sub"
            | "saturating_add"
            | "saturating_sub"
            | "checked_add_signed"
            | "checked_sub_signed"
            | "checked_add_days"
            | "checked_sub_days"
            | "add"
            | "sub"
    );
    if cx.in_test || !adds || call.args.len() != 1 {
        return None;
    }
    span_finding(cx, &call.args[0])
}

/// A finding if `expr` builds a span of a whole number of 365-day years, or names one the
/// value model knows (`let year = Duration::days(365)`, a `const`).
fn span_finding(cx: &Cx<'_>, expr: &Expr) -> Option<Diagnostic> {
    let (unit, arg) = match expr {
        Expr::Paren(e) => return span_finding(cx, &e.expr),
        Expr::Path(path) if path.path.segments.len() <= 2 => return bound_span(cx, expr),
        Expr::Call(call) if call.args.len() == 1 => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            let segments: Vec<String> = func
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let [.., ty, name] = segments.as_slice() else {
                return None;
            };
            if !is_duration_type(ty) {
                return None;
            }
            let unit = if ty == "Days" && name == "new" {
                365
            } else {
                units_per_year(name)?
            };
            (unit, &call.args[0])
        }
        Expr::MethodCall(call)
            if call.args.is_empty() && matches!(&*call.receiver, Expr::Lit(_)) =>
        {
            if !cx.imports.uses(Crate::Jiff) {
                return None;
            }
            (units_per_year(&call.method.to_string())?, &*call.receiver)
        }
        _ => return None,
    };
    let years = years_in(cx, arg, unit)?;
    let message = match years.as_str() {
        "n" => "a multiple of 365 days is not a number of years".to_string(),
        JULIAN => "a multiple of 365.25 days is not a number of years".to_string(),
        "1" => "365 days is not a year".to_string(),
        n => format!("{n} times 365 days is not {n} years"),
    };
    Some(finding(
        span(expr),
        message,
        "a span of 365-day years, added to a point in time".into(),
    ))
}

/// A name for a span the value model knows: a binding or a constant of 365-day years.
fn bound_span(cx: &Cx<'_>, expr: &Expr) -> Option<Diagnostic> {
    let Value::Span(time) = cx.env.eval(expr) else {
        return None;
    };
    let amount_text = cx.source.get(time.at.clone()).unwrap_or_default();
    let named = |text: &str| names_days_not_years_text(text);
    if time.float || named(amount_text) || cx.snippet(expr).is_some_and(named) {
        return None;
    }
    let year = i128::from(SECONDS_PER_YEAR);
    let seconds = |n: i64| i128::from(n) * i128::from(time.seconds) / i128::from(time.per.max(1));
    let message = match (time.amount.as_const(), time.multiple) {
        (Some(n), _) => {
            let total = seconds(n);
            let years = total / year;
            if total <= 0 || total % year != 0 || years > 100 {
                return None;
            }
            match years {
                1 => "365 days is not a year".to_string(),
                n => format!("{n} times 365 days is not {n} years"),
            }
        }
        (None, Some(k)) if seconds(k) == year => {
            "a multiple of 365 days is not a number of years".to_string()
        }
        _ => return None,
    };
    Some(finding(
        span(expr),
        message,
        "a span of 365-day years, added to a point in time".into(),
    ))
}

fn calls_method_containing(expr: &Expr, word: &str) -> bool {
    struct Finder<'w>(&'w str, bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder<'_> {
        fn visit_expr_method_call(&mut self, call: &'ast ExprMethodCall) {
            self.1 |= call.method.to_string().contains(self.0);
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut finder = Finder(word, false);
    syn::visit::Visit::visit_expr(&mut finder, expr);
    finder.1
}

/// What `years_in` says of a multiple of 365.25-day years.
const JULIAN: &str = "n of 365.25";

/// "1", "2" or "n" if `arg` is a whole or unknown number of 365-day years, `JULIAN` if it is
/// an unknown number of 365.25-day years (`years * 365.25`, in floats).
fn years_in(cx: &Cx<'_>, arg: &Expr, unit: i64) -> Option<String> {
    if names_days_not_years(arg) {
        return None;
    }
    if let Value::Const(n) = cx.env.eval(arg) {
        return (n > 0 && n % unit == 0 && n / unit <= 100).then(|| (n / unit).to_string());
    }
    let (factor, unknown) = literal_factor(cx, arg)?;
    let unit = unit as f64;
    let near = |a: f64, b: f64| (a - b).abs() <= b * 1e-9;
    match unknown {
        true if near(factor, unit) => Some("n".to_string()),
        true if near(factor, unit * 365.25 / 365.0) => Some(JULIAN.to_string()),
        false if factor > 0.0 && factor.fract() == 0.0 => {
            let years = factor / unit;
            (years.fract() == 0.0 && years <= 100.0).then(|| years.to_string())
        }
        _ => None,
    }
}

/// The product of the literal and constant factors of a multiplication, integers or floats,
/// through casts and rounding (`(years * 365.25 * 86_400.0) as i64` gives 31,557,600), and
/// whether another factor is unknown. `None` for anything but a product.
fn literal_factor(cx: &Cx<'_>, expr: &Expr) -> Option<(f64, bool)> {
    match expr {
        Expr::Paren(e) => literal_factor(cx, &e.expr),
        Expr::Cast(e) => literal_factor(cx, &e.expr),
        Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(
                    call.method.to_string().as_str(),
                    "round" | "floor" | "ceil" | "trunc"
                ) =>
        {
            literal_factor(cx, &call.receiver)
        }
        Expr::Binary(b) if matches!(b.op, BinOp::Mul(_)) => {
            let side = |e: &Expr| {
                literal_factor(cx, e).or_else(|| match cx.env.eval(e) {
                    Value::Const(n) => Some((n as f64, false)),
                    _ => Some((1.0, true)),
                })
            };
            let ((a, x), (b, y)) = (side(&b.left)?, side(&b.right)?);
            Some((a * b, x || y))
        }
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Float(float),
            ..
        }) => Some((float.base10_parse().ok()?, false)),
        _ => None,
    }
}

/// A span the code names in days (`VALIDITY_DAYS`) is a policy, not a year: silent unless the
/// name also says year (`DAYS_PER_YEAR`).
fn names_days_not_years(expr: &Expr) -> bool {
    names_days_not_years_text(&expr.to_token_stream().to_string())
}

fn names_days_not_years_text(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    let words = || text.split(|c: char| !c.is_alphanumeric() && c != '_');
    words().any(|w| w.contains("day") || w.contains("sec")) && !words().any(|w| w.contains("year"))
}

fn finding(span: std::ops::Range<usize>, message: String, label: String) -> Diagnostic {
    Diagnostic {
        lint: &LINT,
        span,
        message,
        label,
        note: "a year has 366 days when it spans a 29 February, so a year after 1 March 2027 is \
               366 days later"
            .into(),
        help: Help {
            message: "add calendar years (`checked_add_months(Months::new(12))` in chrono, \
                      `checked_add(1.year())` in jiff), or count years with `years_since`; if a \
                      fixed 365 days is the policy, name it in days"
                .into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    }
}
