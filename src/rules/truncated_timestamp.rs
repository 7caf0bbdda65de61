//! `truncated_timestamp`: a Unix timestamp cast to, or unwrapped into, an integer too narrow
//! for it: seconds in an `i32` wrap in January 2038, milliseconds in 32 bits are wrong today.

use syn::{Expr, ExprCast, ExprMethodCall};

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::Need;
use crate::semantics::calendar::{days_in_month, is_leap_year, month_name};
use crate::semantics::interval::type_range;
use crate::semantics::values;
use crate::semantics::values::{Value, peel};

/// A conversion into a narrower integer: `as i32` and the like, `try_from`, or `try_into()`
/// unwrapped (into the type of a `let` or of the function's result).
const NARROWED: Need = Need::AnyOf(&[
    Need::Cast(&["i32", "u32", "i16", "u16", "i8", "u8"]),
    Need::Word(&["try_from"]),
    Need::Unwrapped(&["try_into"], &["unwrap", "expect"]),
]);

pub(crate) static LINT: Lint = Lint {
    name: "truncated_timestamp",
    group: Group::Correctness,
    summary: "a Unix timestamp in too narrow an integer: wraps in 2038, or is wrong already",
    doc: include_str!("../../lints/truncated_timestamp.md"),
    reports_in_tests: true,
    triggers: &[
        &[values::TIMESTAMP_METHOD, NARROWED],
        &[
            Need::Method(&["as_secs", "as_millis", "as_micros", "as_nanos"]),
            Need::Word(&["UNIX_EPOCH"]),
            NARROWED,
        ],
    ],
};

/// `t.timestamp() as i32`, `(now.duration_since(UNIX_EPOCH)?.as_millis()) as u32`.
pub(crate) fn check_cast(cx: &Cx<'_>, cast: &ExprCast) -> Option<Diagnostic> {
    let syn::Type::Path(ty) = &*cast.ty else {
        return None;
    };
    let ty = ty.path.get_ident()?.to_string();
    let inner = strip_parens(&cast.expr);
    let how = format!("`as {ty}`");
    finding(cx, inner, &ty, span(cast), &how, "wraps")
}

/// `i32::try_from(ts).unwrap()`, `u32::try_from(t.timestamp_millis()).expect(..)`.
pub(crate) fn check_unwrap(cx: &Cx<'_>, call: &ExprMethodCall) -> Option<Diagnostic> {
    if !matches!(call.method.to_string().as_str(), "unwrap" | "expect") {
        return None;
    }
    let Expr::Call(convert) = peel(&call.receiver) else {
        return None;
    };
    let Expr::Path(func) = &*convert.func else {
        return None;
    };
    let [ty, name] = func.path.segments.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    if name.ident != "try_from" || convert.args.len() != 1 {
        return None;
    }
    let ty = ty.ident.to_string();
    let how = format!("`{ty}::try_from(..)` unwrapped");
    finding(cx, &convert.args[0], &ty, span(call), &how, "panics")
}

/// `ts.try_into().unwrap()` where what it converts to is known, `ty`: the type of a `let`,
/// or the return type of the function whose value it is.
pub(crate) fn check_into(cx: &Cx<'_>, expr: &Expr, ty: &str) -> Option<Diagnostic> {
    let Expr::MethodCall(unwrap) = peel(expr) else {
        return None;
    };
    if !matches!(unwrap.method.to_string().as_str(), "unwrap" | "expect") {
        return None;
    }
    let Expr::MethodCall(into) = peel(&unwrap.receiver) else {
        return None;
    };
    if into.method != "try_into" || !into.args.is_empty() {
        return None;
    }
    let how = "`try_into()` unwrapped";
    finding(cx, &into.receiver, ty, span(expr), how, "panics")
}

fn strip_parens(mut expr: &Expr) -> &Expr {
    while let Expr::Paren(inner) = expr {
        expr = &inner.expr;
    }
    expr
}

/// A finding if `timestamp`, a count since 1970, reaches past `ty` on a day the model cannot
/// rule out: the first day it does, past or future.
fn finding(
    cx: &Cx<'_>,
    timestamp: &Expr,
    ty: &str,
    span: std::ops::Range<usize>,
    how: &str,
    fails: &str,
) -> Option<Diagnostic> {
    let Value::Epoch(per) = cx.env.eval(timestamp) else {
        return None;
    };
    let bounds = type_range(ty)?;
    // A bound checked before (`if ts > i32::MAX as i64 { .. }`) makes the cast safe: for a
    // signed type, the top alone, since its bottom is more than 68 years before 1970.
    let range = cx.range(Some(timestamp));
    if range.within(bounds.lo, bounds.hi) || (bounds.lo < 0 && range.hi <= bounds.hi) {
        return None;
    }
    let unit = match per {
        1 => "seconds",
        1_000 => "milliseconds",
        1_000_000 => "microseconds",
        _ => "nanoseconds",
    };
    // The first second at which the count leaves the type: before 1970 for an unsigned type.
    let seconds = (bounds.hi / per).saturating_add(1);
    let when = match seconds {
        s if s > 4_102_444_800 => return None, // after 2100: not this program's problem
        s if s < 1_000_000_000 => "already (2001 is past)".to_string(),
        s => format!("on {}", date_of(s)),
    };
    let snippet = cx.snippet(timestamp).unwrap_or("the timestamp");
    let before_1970 = bounds.lo == 0 && per == 1;
    Some(Diagnostic {
        lint: &LINT,
        span,
        message: format!("{unit} since 1970 in an `{ty}` {fails} {when}"),
        label: format!(
            "`{snippet}` counts {unit} since 1970: more than {} fits in `{ty}` {}",
            bounds.hi,
            if before_1970 {
                "(and none before 1970)"
            } else {
                ""
            }
        )
        .trim_end()
        .to_string(),
        note: format!(
            "an `{ty}` holds up to {}; {how} keeps the low bits of a larger count",
            bounds.hi
        ),
        help: Help {
            message: "keep the timestamp in an `i64` (or `u64`/`u128` for counts of a \
                      `Duration`), or convert with `try_from` and handle the error"
                .into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}

/// The UTC date of a count of seconds since 1970 (up to 2106), in words: "19 January 2038".
fn date_of(seconds: i64) -> String {
    let mut days = seconds / 86_400;
    let mut year = 1970;
    while days >= 365 + i64::from(is_leap_year(year)) {
        days -= 365 + i64::from(is_leap_year(year));
        year += 1;
    }
    let mut month = 1;
    while let Some(length) = days_in_month(year, month).filter(|&length| days >= length) {
        days -= length;
        month += 1;
    }
    format!("{} {} {year}", days + 1, month_name(month).unwrap_or("?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_32_bits_run_out_is_named() {
        assert_eq!(date_of(0), "1 January 1970");
        assert_eq!(date_of(i64::from(i32::MAX) + 1), "19 January 2038");
        assert_eq!(date_of(951_782_400), "29 February 2000");
        assert_eq!(date_of(i64::from(u32::MAX) + 1), "7 February 2106");
    }
}
