//! `unchecked_date_arithmetic`: a date, time or instant moved with `+` or `-` by a span whose
//! amount is read from outside the program, which panics (or wraps) when the amount is large.

use syn::{Expr, ExprBinary};

use super::{Cx, Group, Lint, moves_in_code, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::{Need, Token};
use crate::semantics::values;
use crate::semantics::values::{TimeSpan, Value};

pub(crate) static LINT: Lint = Lint {
    name: "unchecked_date_arithmetic",
    group: Group::Suspicious,
    summary: "a date moved with `+` or `-` by an amount read from input: panics when it is large",
    doc: include_str!("../../lints/unchecked_date_arithmetic.md"),
    reports_in_tests: false,
    triggers: &[&[
        values::READS_INPUT,
        values::SPAN_TYPE,
        values::SPAN_OF_NON_LITERAL,
        Need::Token(Token::Arithmetic),
    ]],
};

/// The widest span any date type reaches: chrono's NaiveDate runs from year -262,144 to
/// 262,143, about 8.3e12 seconds either way of the epoch (time's and std's are narrower or
/// close); a larger move can only overflow.
const WIDEST_SECONDS: i128 = 262_143 * 31_556_952;

pub(crate) fn check(cx: &Cx<'_>, binary: &ExprBinary) -> Option<Diagnostic> {
    if !moves_in_code(cx, binary) {
        return None;
    }
    // Only a constructor call or a name can be a span: a long chain `a + b + c + ..` must not
    // be evaluated again at every `+`.
    let (span_of_time, base) = [
        (&*binary.right, &*binary.left),
        (&*binary.left, &*binary.right),
    ]
    .into_iter()
    .filter(|(side, _)| may_be_a_span(side))
    .find_map(|(side, base)| match cx.env.eval(side) {
        Value::Span(span) if span.input => Some((span, base)),
        _ => None,
    })?;
    let amount = cx.source.get(span_of_time.at.clone())?;
    if is_time_of_day(base) {
        // A time of day wraps past midnight: no panic, but another time than meant. The
        // first amount that does is a whole day (24:00:00, which PostgreSQL's TIME allows).
        failing_amount(&span_of_time, 86_399)?;
        let n = one_day_in(&span_of_time);
        return Some(finding(
            binary,
            format!("moving a time of day by `{amount}` read from input wraps when it is {n}"),
            format!("`{amount}` can be {n} here: more than a day, so another time of day"),
            amount,
        ));
    }
    let (message, label) = match failing_amount(&span_of_time, WIDEST_SECONDS) {
        _ if span_of_time.float => (
            format!(
                "moving a date by `{amount}` read from input panics when it is negative, \
                 infinite or NaN"
            ),
            "a float read from input reaches this unchecked".to_string(),
        ),
        Some(n) => (
            format!("moving a date by `{amount}` read from input panics when it is {n}"),
            format!("`{amount}` can be {n} here: no date is that far away"),
        ),
        None => return None,
    };
    Some(finding(binary, message, label, amount))
}

fn finding(binary: &ExprBinary, message: String, label: String, amount: &str) -> Diagnostic {
    Diagnostic {
        lint: &LINT,
        span: span(binary),
        message,
        label,
        note: "`+` and `-` on dates, times and instants panic on overflow (a time of day \
               wraps instead): a sentinel such as PostgreSQL's 'infinity' (the largest value \
               of its type) or a corrupt field reaches them unchecked"
            .into(),
        help: Help {
            message: format!(
                "bound `{amount}` first, or use the checked form (`checked_add_signed`, \
                 `checked_add`, `checked_sub`, `try_from_secs_f64`) and handle `None`"
            ),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    }
}

/// `NaiveTime::default()`, `Time::MIDNIGHT`, `dt.time()`: a time of day, which wraps.
fn is_time_of_day(expr: &Expr) -> bool {
    let is_time_type = |path: &syn::Path| {
        path.segments
            .iter()
            .rev()
            .nth(1)
            .is_some_and(|ty| ty.ident == "NaiveTime" || ty.ident == "Time")
    };
    match expr {
        Expr::Paren(e) => is_time_of_day(&e.expr),
        Expr::Path(path) => is_time_type(&path.path),
        Expr::Call(call) => matches!(&*call.func, Expr::Path(path) if is_time_type(&path.path)),
        Expr::MethodCall(call) => match call.method.to_string().as_str() {
            "time" | "naive_time" if call.args.is_empty() => true,
            "unwrap" | "expect" => is_time_of_day(&call.receiver),
            _ => false,
        },
        _ => false,
    }
}

/// A day in the span's units (`86_400_000_000` microseconds).
fn one_day_in(span: &TimeSpan) -> i64 {
    (86_400 * span.per.max(1) / span.seconds.max(1)).max(1)
}

/// An end of the span's range that moves further than `limit` seconds.
fn failing_amount(span: &TimeSpan, limit: i128) -> Option<i64> {
    let too_far = |amount: i64| {
        let seconds = i128::from(amount) * i128::from(span.seconds) / i128::from(span.per.max(1));
        seconds.abs() > limit
    };
    [span.amount.hi, span.amount.lo]
        .into_iter()
        .find(|&amount| too_far(amount))
}

fn may_be_a_span(expr: &Expr) -> bool {
    match expr {
        Expr::Call(_) | Expr::Path(_) | Expr::MethodCall(_) => true,
        Expr::Paren(e) => may_be_a_span(&e.expr),
        _ => false,
    }
}
