//! The registry of lints and the dispatch from the checker's walk to each lint's `check`.
//!
//! One lint per file. Each file holds its `LINT` entry (whose documentation is
//! `lints/<name>.md`) and a `check` function that reads as the specification.

use std::ops::Range;
use std::path::PathBuf;

use syn::Expr;
use syn::spanned::Spanned;

use crate::certificates::{Certificate, Clock};
use crate::diagnostic::{Applicability, Diagnostic, Help, Import};
use crate::semantics::apis::{DateCall, Failure, Shape};
use crate::semantics::facts::FileFacts;
use crate::semantics::formats::{Format, Literal, Syntax};
use crate::semantics::guards::Guard;
use crate::semantics::imports::{Crate, Imports, ModuleScope};
use crate::semantics::interval::Interval;
use crate::semantics::leap::leap_test;
use crate::semantics::usage::Usage;
use crate::semantics::values::{Env, Origin, Part, Shift, Value};

mod certificate_expires_soon;
mod certificate_not_yet_valid;
mod certificates_expire_together;
mod chained_date_setters;
mod day_as_24_hours;
mod day_of_year_table_365;
mod day_of_year_with_month;
mod expired_certificate;
mod hardcoded_month_lengths;
mod incomplete_date_validation;
mod incomplete_leap_year_check;
mod invalid_constant_date;
mod manual_leap_year_check;
mod minute_month_mixup;
mod mixed_date_components;
mod month_as_30_days;
mod naive_day_shift;
mod naive_month_shift;
mod naive_year_shift;
mod truncated_timestamp;
mod unchecked_clock_difference;
mod unchecked_date_arithmetic;
mod unchecked_date_construction;
mod unchecked_local_time;
mod unknown_format_specifier;
mod unused_suppression;
mod week_year_with_month;
mod year_as_365_days;

pub use crate::lint::{Group, Level, Lint};

/// Every lint, in the order a call is offered to them: the most specific first, so that only
/// the most specific finding is reported for one expression.
pub static LINTS: &[&Lint] = &[
    &naive_year_shift::LINT,
    &mixed_date_components::LINT,
    &naive_month_shift::LINT,
    &naive_day_shift::LINT,
    &invalid_constant_date::LINT,
    &incomplete_leap_year_check::LINT,
    &incomplete_date_validation::LINT,
    &chained_date_setters::LINT,
    &unchecked_date_construction::LINT,
    &unchecked_date_arithmetic::LINT,
    &unchecked_clock_difference::LINT,
    &unchecked_local_time::LINT,
    &truncated_timestamp::LINT,
    &year_as_365_days::LINT,
    &day_as_24_hours::LINT,
    &month_as_30_days::LINT,
    &hardcoded_month_lengths::LINT,
    &day_of_year_table_365::LINT,
    &manual_leap_year_check::LINT,
    &unknown_format_specifier::LINT,
    &week_year_with_month::LINT,
    &minute_month_mixup::LINT,
    &day_of_year_with_month::LINT,
    &expired_certificate::LINT,
    &certificate_expires_soon::LINT,
    &certificate_not_yet_valid::LINT,
    &certificates_expire_together::LINT,
    &unused_suppression::LINT,
];

/// The findings of the certificate lints on the certificates of one file, judged at `clock`;
/// `elsewhere` holds those of the run's other files, which expiries are compared with.
pub(crate) fn check_certificates(
    here: &[Certificate],
    elsewhere: &[(PathBuf, Certificate)],
    clock: Clock,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for certificate in here {
        found.extend(
            expired_certificate::check(certificate, clock)
                .or_else(|| certificate_expires_soon::check(certificate, clock)),
        );
        found.extend(certificate_not_yet_valid::check(certificate, clock));
    }
    found.extend(certificates_expire_together::check(here, elsewhere, clock));
    found
}

/// Finds a lint by name, with or without the `datelint::` prefix.
pub fn find(name: &str) -> Option<&'static Lint> {
    let name = name.strip_prefix("datelint::").unwrap_or(name);
    LINTS.iter().copied().find(|lint| lint.name == name)
}

/// What a lint may ask about the place it looks at: values, guards in scope, how a result is
/// used, and the test context.
pub(crate) struct Cx<'a> {
    pub(crate) env: &'a Env,
    pub(crate) imports: &'a Imports,
    /// The innermost module around the place (`None` only in tests of lints).
    pub(crate) scope: Option<&'a ModuleScope>,
    pub(crate) source: &'a str,
    pub(crate) guards: &'a [Guard],
    /// How the result of the expression is used.
    pub(crate) usage: Usage,
    /// In a test function, a `#[cfg(test)]` module or a `tests/` or `benches/` folder.
    pub(crate) in_test: bool,
    /// In a `#[should_panic]` test.
    pub(crate) should_panic: bool,
    /// In a file, module, type or function named for the Julian calendar.
    pub(crate) in_julian: bool,
    /// In the condition of an `if` or `while`, or what a `match` tests.
    pub(crate) in_condition: bool,
    /// The text of the function around the place, if it is in one.
    pub(crate) enclosing_fn: Option<&'a str>,
    /// The expression is a link inside a longer chain of setters (reported at the chain).
    pub(crate) in_setter_chain: bool,
    /// The expression is the scrutinee of a `let` expression, which an `&&` would end.
    pub(crate) in_let_scrutinee: bool,
    /// The expression is the error of a failure (`Err(..)`, `ok_or(..)`, `map_err(..)`):
    /// a value built there describes a date that failed, it is not one in use.
    pub(crate) in_error: bool,
}

impl Cx<'_> {
    pub(crate) fn value(&self, expr: Option<&Expr>) -> Option<Value> {
        expr.map(|e| self.env.eval(e))
    }

    /// The interval `expr` lies in here, as the value model knows it.
    pub(crate) fn range(&self, expr: Option<&Expr>) -> Interval {
        expr.map_or(Interval::ANY, |e| self.env.range(e))
    }

    /// Returns true if `expr` may hold `n` here, as the value model knows it.
    pub(crate) fn may_be(&self, expr: Option<&Expr>, n: i64) -> bool {
        expr.is_none_or(|e| self.env.may_be(e, n))
    }

    /// How a shift's unknown amount reads in a message: "when `years` is 1", or nothing for
    /// a constant shift.
    pub(crate) fn when(&self, shift: &Shift, amount: i64) -> String {
        match shift
            .var
            .as_ref()
            .and_then(|(span, _)| self.source.get(span.clone()))
        {
            Some(text) if !text.contains('\n') => {
                format!(" when `{text}` is {}", shift.sign * (amount - shift.by))
            }
            Some(_) => format!(" when the shift is {amount}"),
            None => String::new(),
        }
    }

    /// What the call does to a valid date it cannot shift, as the surrounding code uses its
    /// result: "panics on" it, or "rejects" it by returning the failure.
    pub(crate) fn outcome(&self, call: &DateCall<'_>) -> &'static str {
        match (self.usage, call.api.failure) {
            (Usage::Panics, _) | (_, Failure::Panics) => "panics on",
            _ => "rejects",
        }
    }

    pub(crate) fn snippet(&self, node: &dyn Spanned) -> Option<&str> {
        snippet(self.source, node)
    }

    /// How to name `path` in a suggestion here, and the `use` item to add for it.
    pub(crate) fn import(&self, path: &str, is_trait: bool) -> (String, Option<Import>) {
        match self.scope {
            Some(scope) => scope.import(path, is_trait),
            None => (path.to_string(), None),
        }
    }

    pub(crate) fn guarded(&self, guard: Guard) -> bool {
        self.guards.contains(&guard)
    }

    /// Returns true if the failure of the result is handled without a panic or an error:
    /// a fallback, a test of the failure, or a `match` arm that builds another date.
    pub(crate) fn failure_handled(&self) -> bool {
        matches!(
            self.usage,
            Usage::Fallback | Usage::Tested | Usage::Matched { fallback: true }
        )
    }
}

/// The byte range of a node.
pub(crate) fn span(node: &dyn Spanned) -> Range<usize> {
    node.span().byte_range()
}

/// The user's own text for a node, or `None` if its span does not map to the file.
pub(crate) fn snippet<'s>(source: &'s str, node: &dyn Spanned) -> Option<&'s str> {
    let range = node.span().byte_range();
    if range.is_empty() {
        return None;
    }
    source.get(range)
}

/// For a constructor whose argument `index` is written `base ± n`: the function's text and
/// the argument list with `base` in its place, and `n`. Used to suggest "build the date, then
/// add with the crate's calendar arithmetic".
pub(crate) fn unshifted_call(
    cx: &Cx<'_>,
    call: &DateCall<'_>,
    index: usize,
) -> Option<(String, String, i64)> {
    let Expr::Call(function) = call.expr else {
        return None;
    };
    let func = snippet(cx.source, &function.func)?;
    let mut shifted = call.args.get(index).copied()?;
    while let Expr::Paren(inner) = shifted {
        shifted = &inner.expr;
    }
    let Expr::Binary(binary) = shifted else {
        return None;
    };
    let sign = match binary.op {
        syn::BinOp::Add(_) => 1,
        syn::BinOp::Sub(_) => -1,
        _ => return None,
    };
    let Value::Const(n) = cx.env.eval(&binary.right) else {
        return None;
    };
    // The base must be the component itself (`d.month()`, not `d.month0()`).
    let part = [Part::Year, Part::Month, Part::Day].get(index).copied()?;
    cx.env.eval(&binary.left).part_of(part)?;
    let mut args = Vec::new();
    for (i, arg) in call.args.iter().enumerate() {
        let text = if i == index { &binary.left } else { *arg };
        args.push(snippet(cx.source, text)?);
    }
    Some((func.to_string(), args.join(", "), sign * n))
}

/// A replacement for a finding's span, with the `use` items it names.
pub(crate) struct Fix {
    text: String,
    imports: Vec<Import>,
    /// Correct on every day and sure to compile: `--fix` may apply it.
    exact: bool,
}

impl Fix {
    pub(crate) fn new(text: String, exact: bool) -> Fix {
        Fix {
            text,
            imports: Vec::new(),
            exact,
        }
    }

    /// The same fix with its text wrapped (`f(step)`), keeping its imports.
    pub(crate) fn map(self, wrap: impl FnOnce(String) -> String) -> Fix {
        Fix {
            text: wrap(self.text),
            ..self
        }
    }
}

/// The help of a finding: `message`, and the fix if there is one.
pub(crate) fn suggest(message: &str, fix: Option<Fix>) -> Help {
    let (replacement, imports, exact) = match fix {
        Some(fix) => (Some(fix.text), fix.imports, fix.exact),
        None => (None, Vec::new(), false),
    };
    Help {
        message: message.into(),
        replacement,
        applicability: match exact {
            true => Applicability::MachineApplicable,
            false => Applicability::MaybeIncorrect,
        },
        imports,
    }
}

/// `finding` with its fix only suggested if the fix no longer reads a name its span read
/// (`d.with_day(day - 1)` becoming `d.checked_sub_days(Days::new(1))`): the binding may be
/// left unused, and rustc would warn where datelint fixed.
pub(crate) fn keeping_names(cx: &Cx<'_>, mut finding: Diagnostic) -> Diagnostic {
    let help = &mut finding.help;
    if help.applicability == Applicability::MachineApplicable
        && let Some(replacement) = &help.replacement
        && let Some(original) = cx.source.get(finding.span.clone())
    {
        let kept = names_read(replacement);
        if !names_read(original).iter().all(|name| kept.contains(name)) {
            help.applicability = Applicability::MaybeIncorrect;
        }
    }
    finding
}

/// The names an expression's text reads as values: identifiers that are not a method, a
/// field, a function called, a macro, a path's leading type or module, or a cast's type.
fn names_read(text: &str) -> Vec<String> {
    fn walk(stream: proc_macro2::TokenStream, names: &mut Vec<String>) {
        use proc_macro2::{Delimiter, TokenTree};
        let tokens: Vec<TokenTree> = stream.into_iter().collect();
        for (at, token) in tokens.iter().enumerate() {
            let punct = |t: Option<&TokenTree>, c: char| matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c);
            match token {
                TokenTree::Group(group) => walk(group.stream(), names),
                TokenTree::Ident(ident) => {
                    let before = at.checked_sub(1).and_then(|b| tokens.get(b));
                    let after = tokens.get(at + 1);
                    let called = matches!(after, Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis);
                    let name = ident.to_string();
                    let cast = matches!(before, Some(TokenTree::Ident(i)) if i == "as");
                    if !(punct(before, '.')
                        || cast
                        || punct(before, ':')
                        || punct(after, ':')
                        || punct(after, '!')
                        || called
                        || name == "self"
                        || crate::parse::is_keyword(&name))
                    {
                        names.push(name);
                    }
                }
                _ => {}
            }
        }
    }
    let mut names = Vec::new();
    if let Ok(stream) = text.parse() {
        walk(stream, &mut names);
    }
    names
}

/// chrono's calendar arithmetic moving `date` by `amount` whole `unit`s ("months" or
/// "days"): `date.checked_add_months(Months::new(12))`, `date.checked_sub_days(Days::new(1))`.
pub(crate) fn chrono_step(cx: &Cx<'_>, date: &str, unit: &str, amount: i64) -> Fix {
    let direction = if amount > 0 { "add" } else { "sub" };
    let mut kind = unit.to_string();
    kind[..1].make_ascii_uppercase();
    let (kind, import) = cx.import(&format!("chrono::{kind}"), false);
    Fix {
        text: format!(
            "{date}.checked_{direction}_{unit}({kind}::new({}))",
            amount.unsigned_abs()
        ),
        imports: import.into_iter().collect(),
        exact: true,
    }
}

/// [`chrono_step`] on a receiver of unknown type: exact unless it may be chrono's deprecated
/// `Date<Tz>`, which has `with_year` but no calendar arithmetic: the file names the type or
/// a constructor of it, or the receiver is `.date()` (of a `DateTime`, or of a
/// `NaiveDateTime`, which cannot be told apart).
pub(crate) fn chrono_receiver_step(cx: &Cx<'_>, receiver: &str, unit: &str, amount: i64) -> Fix {
    const OLD_DATE: &[&str] = &["Date<", "::today()", ".ymd(", ".ymd_opt("];
    let mut fix = chrono_step(cx, receiver, unit, amount);
    fix.exact =
        !receiver.ends_with(".date()") && !OLD_DATE.iter().any(|sign| cx.source.contains(sign));
    fix
}

/// jiff's span arithmetic moving `date` by `amount` `unit`s ("years", "months", "days"):
/// `date.checked_add(1.years())`, `date.saturating_sub(2.days())`.
pub(crate) fn jiff_step(cx: &Cx<'_>, date: &str, mode: &str, amount: i64, unit: &str) -> Fix {
    let direction = if amount > 0 { "add" } else { "sub" };
    let (_, import) = cx.import("jiff::ToSpan", true);
    Fix {
        text: format!(
            "{date}.{mode}_{direction}({}.{unit}())",
            amount.unsigned_abs()
        ),
        imports: import.into_iter().collect(),
        exact: true,
    }
}

/// The user's text of `expr` as the receiver of a method call: in parentheses unless it
/// binds tighter than `.` (`(now.day() as u8).min(..)`).
pub(crate) fn receiver_text(cx: &Cx<'_>, expr: &Expr) -> Option<String> {
    let text = cx.snippet(expr)?;
    Some(match expr {
        Expr::Path(_)
        | Expr::Field(_)
        | Expr::MethodCall(_)
        | Expr::Call(_)
        | Expr::Paren(_)
        | Expr::Index(_)
        | Expr::Macro(_)
        | Expr::Try(_) => text.to_string(),
        _ => format!("({text})"),
    })
}

/// Returns true if `binary` moves a value by another with `+`, `-`, `+=` or `-=` outside
/// tests: where a span of time is added to a point in time.
pub(crate) fn moves_in_code(cx: &Cx<'_>, binary: &syn::ExprBinary) -> bool {
    use syn::BinOp::{Add, AddAssign, Sub, SubAssign};
    !cx.in_test && matches!(binary.op, Add(_) | Sub(_) | AddAssign(_) | SubAssign(_))
}

/// Returns true if evaluating `expr` twice is the same as evaluating it once: names, fields,
/// literals, a date's getters, and arithmetic on them. A suggestion that repeats a
/// sub-expression is exact only if that sub-expression is pure.
pub(crate) fn is_pure(expr: &Expr) -> bool {
    const GETTERS: &[&str] = &[
        "year",
        "month",
        "day",
        "month0",
        "day0",
        "ordinal",
        "date",
        "date_naive",
        "naive_local",
        "naive_utc",
    ];
    match expr {
        Expr::Path(_) | Expr::Lit(_) => true,
        Expr::Field(e) => is_pure(&e.base),
        Expr::Paren(e) => is_pure(&e.expr),
        Expr::Group(e) => is_pure(&e.expr),
        Expr::Reference(e) => is_pure(&e.expr),
        Expr::Unary(e) => is_pure(&e.expr),
        Expr::Cast(e) => is_pure(&e.expr),
        Expr::Binary(e) => {
            use syn::BinOp::*;
            matches!(e.op, Add(_) | Sub(_) | Mul(_) | Div(_) | Rem(_))
                && is_pure(&e.left)
                && is_pure(&e.right)
        }
        Expr::MethodCall(e) => {
            e.args.is_empty()
                && GETTERS.contains(&e.method.to_string().as_str())
                && is_pure(&e.receiver)
        }
        _ => false,
    }
}

/// The exact fix of a month or day shift by `shift` `unit`s ("months", "days"): chrono's
/// calendar arithmetic on the receiver of a setter or on the unshifted date, jiff's span
/// arithmetic on a builder.
pub(crate) fn shift_fix(
    cx: &Cx<'_>,
    call: &DateCall<'_>,
    part: Part,
    unit: &str,
    shift: i64,
) -> Option<Fix> {
    let index = match part {
        Part::Month => 1,
        _ => 2,
    };
    match (call.api.krate, call.api.shape) {
        _ if shift == 0 => None,
        (Crate::Chrono, Shape::Set { .. }) => {
            receiver_of_own_part(cx, call, part).map(|r| chrono_receiver_step(cx, r, unit, shift))
        }
        (Crate::Chrono, Shape::Ymd { time: false, .. }) => {
            chrono_ymd_then(cx, call, index, unit, shift)
        }
        (Crate::Jiff, Shape::Builder) => {
            receiver_of_own_part(cx, call, part).map(|r| jiff_step(cx, r, "checked", shift, unit))
        }
        _ => None,
    }
}

/// chrono's `NaiveDate::from_ymd_opt(y, m, d ± n)`, with argument `index` shifted, as "build
/// the date unshifted, then move it": `from_ymd_opt(y, m, d).and_then(|date| step)`. A
/// panicking `from_ymd` becomes its checked twin with an `expect`, so the type stays. Exact
/// only if the unshifted arguments form a date that exists.
pub(crate) fn chrono_ymd_then(
    cx: &Cx<'_>,
    call: &DateCall<'_>,
    index: usize,
    unit: &str,
    amount: i64,
) -> Option<Fix> {
    if call.receiver.is_some() {
        return None;
    }
    let (func, args, _) = unshifted_call(cx, call, index)?;
    let (twin, expect) = match func.ends_with("from_ymd") {
        true => ("_opt", ".expect(\"a valid date\")"),
        false => ("", ""),
    };
    let mut fix = chrono_step(cx, "date", unit, amount)
        .map(|step| format!("{func}{twin}({args}).and_then(|date| {step}){expect}"));
    fix.exact = parts_of_one_date(cx, call);
    Some(fix)
}

/// Returns true if the year, month and day arguments, each shifted or not, are the
/// components of one date (or the day is one every month has): unshifted, they exist.
pub(crate) fn parts_of_one_date(cx: &Cx<'_>, call: &DateCall<'_>) -> bool {
    let parts = call.parts();
    let origin = |e, part| {
        cx.value(e)
            .and_then(|v| v.shifted(part).map(|(o, _)| o.clone()))
    };
    let year = origin(parts.year, Part::Year);
    let day_exists = year.is_some() && origin(parts.day, Part::Day) == year
        || cx.value(parts.day).is_some_and(|d| d.within(1, 28));
    matches!(year, Some(Origin::Date(_))) && origin(parts.month, Part::Month) == year && day_exists
}

/// For a setter whose argument is a component of the receiver itself (`d.with_day(d.day() + 1)`):
/// the receiver's text, so a suggestion can call the crate's arithmetic on it.
pub(crate) fn receiver_of_own_part<'s>(
    cx: &Cx<'s>,
    call: &DateCall<'_>,
    part: Part,
) -> Option<&'s str> {
    let receiver = call.receiver?;
    let arg = match call.api.shape {
        Shape::Builder if call.setters.len() == 1 => call.setters.first().map(|(_, v)| *v),
        Shape::Builder => None,
        _ => call.args.first().copied(),
    };
    let value = cx.value(arg)?;
    let (origin, _) = value.shifted(part)?;
    (*origin == Origin::Date(cx.env.date_identity(receiver))).then_some(())?;
    snippet(cx.source, receiver)
}

/// Offers a date call to the lints, most specific first; returns the first finding.
pub(crate) fn check_call(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Diagnostic> {
    naive_year_shift::check(cx, call)
        .or_else(|| mixed_date_components::check(cx, call))
        .or_else(|| naive_month_shift::check(cx, call))
        .or_else(|| naive_day_shift::check(cx, call))
        .or_else(|| invalid_constant_date::check(cx, call))
        .or_else(|| chained_date_setters::check(cx, call))
        .or_else(|| unchecked_date_construction::check(cx, call))
        .or_else(|| match call.expr {
            // `Local::today().and_hms(2, 30, 0)`: a date call that panics in a zone.
            Expr::MethodCall(method) => unchecked_local_time::check(cx, method),
            _ => None,
        })
}

/// Offers any other expression to the lints that look at its kind of node.
pub(crate) fn check_expr(cx: &Cx<'_>, expr: &Expr) -> Option<Diagnostic> {
    match expr {
        Expr::Struct(literal) => naive_year_shift::check_struct(cx, literal)
            .or_else(|| incomplete_date_validation::check_struct(cx, literal)),
        Expr::Binary(binary) => naive_day_shift::check_comparison(cx, binary)
            .or_else(|| unchecked_date_arithmetic::check(cx, binary))
            .or_else(|| year_as_365_days::check_binary(cx, binary))
            .or_else(|| month_as_30_days::check_binary(cx, binary))
            .or_else(|| day_as_24_hours::check(cx, binary))
            .or_else(|| unchecked_clock_difference::check_subtraction(cx, binary)),
        Expr::MethodCall(call) => year_as_365_days::check_method(cx, call)
            .or_else(|| month_as_30_days::check_method(cx, call))
            .or_else(|| day_as_24_hours::check_method(cx, call))
            .or_else(|| unchecked_clock_difference::check(cx, call))
            .or_else(|| unchecked_local_time::check(cx, call))
            .or_else(|| truncated_timestamp::check_unwrap(cx, call))
            .or_else(|| invalid_constant_date::check_text(cx, expr)),
        Expr::Call(_) => invalid_constant_date::check_text(cx, expr),
        Expr::Cast(cast) => truncated_timestamp::check_cast(cx, cast),
        Expr::Array(array) => hardcoded_month_lengths::check_list(cx, array.elems.iter(), array),
        Expr::Match(m) => hardcoded_month_lengths::check_match(cx, m),
        Expr::Repeat(repeat) => day_of_year_table_365::check_len(cx, &repeat.len, expr),
        _ => None,
    }
}

/// Offers the outermost boolean expression (a condition, a `bool` tail) to the leap lints.
pub(crate) fn check_boolean(cx: &Cx<'_>, expr: &Expr) -> Option<Diagnostic> {
    // The Julian calendar's leap rule is `y % 4 == 0` alone.
    let leap = (!cx.in_julian).then(|| leap_test(expr)).flatten();
    leap.and_then(|test| {
        incomplete_leap_year_check::check(cx, expr, &test)
            .or_else(|| manual_leap_year_check::check(cx, expr, &test))
    })
    .or_else(|| incomplete_date_validation::check_condition(cx, expr))
}

/// Offers an expression whose value becomes the integer type `ty` (a typed `let`, a
/// function's tail) to the lints.
pub(crate) fn check_conversion(cx: &Cx<'_>, expr: &Expr, ty: &str) -> Option<Diagnostic> {
    truncated_timestamp::check_into(cx, expr, ty)
}

/// Offers an array type (`[u32; 365]`) to the lints.
pub(crate) fn check_array_type(cx: &Cx<'_>, array: &syn::TypeArray) -> Option<Diagnostic> {
    day_of_year_table_365::check_len(cx, &array.len, array)
}

/// Offers `vec![value; len]` (with `len`) or `vec![a, b, ..]` (with the elements) to the lints.
pub(crate) fn check_vec(
    cx: &Cx<'_>,
    mac: &syn::Macro,
    len: Option<&Expr>,
    elements: &[Expr],
) -> Option<Diagnostic> {
    match len {
        Some(len) => day_of_year_table_365::check_len(cx, len, mac),
        None => hardcoded_month_lengths::check_list(cx, elements.iter(), mac),
    }
}

/// The findings of the format lints in one format string, with spans into its value: each
/// specifier is reported by one lint at most, an unknown one first.
pub(crate) fn check_format(format: &Format<'_>) -> Vec<Diagnostic> {
    let mut found = unknown_format_specifier::check(format);
    for finding in week_year_with_month::check(format)
        .into_iter()
        .chain(minute_month_mixup::check(format))
        .chain(day_of_year_with_month::check(format))
    {
        if !found.iter().any(|f| f.span == finding.span) {
            found.push(finding);
        }
    }
    found
}

/// Returns true if a string literal token may be a format string a format lint reports on,
/// read in any syntax: the prefilter's test for strings.
pub(crate) fn misleading_format(token: &str) -> bool {
    let Some(literal) = Literal::read(token) else {
        return false;
    };
    let value = literal.value.as_str();
    Syntax::ALL.into_iter().any(|syntax| {
        let marker = if syntax == Syntax::Time { '[' } else { '%' };
        value.contains(marker) && !check_format(&Format::parse(value, syntax)).is_empty()
    })
}

pub(crate) use unused_suppression::{
    malformed as malformed_suppression, report as unused_suppression,
};

/// Returns true if a fallback for the result withdraws this finding: the lints about dates
/// that fail to exist, not those about constants that never exist.
pub(crate) fn excused_by_fallback(finding: &Diagnostic) -> bool {
    [
        &naive_year_shift::LINT,
        &mixed_date_components::LINT,
        &naive_month_shift::LINT,
        &naive_day_shift::LINT,
    ]
    .into_iter()
    .any(|lint| std::ptr::eq(finding.lint, lint))
}

/// Returns true if a finding stands given what the whole file shows: tables are judged only
/// once the file has been read to the end.
pub(crate) fn stands(finding: &Diagnostic, facts: &FileFacts) -> bool {
    if std::ptr::eq(finding.lint, &hardcoded_month_lengths::LINT) {
        hardcoded_month_lengths::stands(facts)
    } else if std::ptr::eq(finding.lint, &day_of_year_table_365::LINT) {
        day_of_year_table_365::stands(facts)
    } else if std::ptr::eq(finding.lint, &year_as_365_days::LINT) {
        year_as_365_days::stands(facts)
    } else if std::ptr::eq(finding.lint, &month_as_30_days::LINT) {
        month_as_30_days::stands(facts)
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::names_read;

    #[test]
    fn names_read_are_values_not_methods_fields_calls_or_paths() {
        assert_eq!(names_read("d.with_day(day - 1)"), ["d", "day"]);
        assert_eq!(
            names_read("NaiveDate::from_ymd_opt(d.year(), m, self.day + n)"),
            ["d", "m", "n"]
        );
        assert_eq!(names_read("format!(\"{}\", x) as i32"), ["x"]);
        assert!(names_read("fn (").is_empty());
    }
}
