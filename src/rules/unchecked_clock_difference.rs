//! `unchecked_clock_difference`: the time between two readings of the wall clock, unwrapped
//! or subtracted, which panics when the clock steps backwards.

use syn::{Expr, ExprMethodCall};

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::{Need, Token};
use crate::semantics::values::{Value, is_epoch, peel};

pub(crate) static LINT: Lint = Lint {
    name: "unchecked_clock_difference",
    group: Group::Suspicious,
    summary: "`duration_since(..)` or `elapsed()` of a SystemTime unwrapped: panics when the clock steps back",
    doc: include_str!("../../lints/unchecked_clock_difference.md"),
    reports_in_tests: false,
    triggers: &[
        &[Need::Unwrapped(
            &["duration_since", "elapsed"],
            &["unwrap", "expect"],
        )],
        &[
            Need::Word(&["duration_since"]),
            Need::Word(&["UNIX_EPOCH"]),
            Need::Token(Token::Arithmetic),
        ],
    ],
};

/// `a.duration_since(b).unwrap()`, `t.elapsed().expect(..)`: only `SystemTime` has these
/// methods returning a `Result` (`Instant`'s return a `Duration` and cannot be unwrapped).
pub(crate) fn check(cx: &Cx<'_>, call: &ExprMethodCall) -> Option<Diagnostic> {
    if cx.in_test || !matches!(call.method.to_string().as_str(), "unwrap" | "expect") {
        return None;
    }
    let Expr::MethodCall(inner) = peel(&call.receiver) else {
        return None;
    };
    // A type of the file with a method of that name (tai64's `Tai64N::duration_since`) may
    // be the receiver; its `Result` need not be the wall clock's.
    if cx.env.summaries().defines_method(&inner.method.to_string()) {
        return None;
    }
    let what = match (inner.method.to_string().as_str(), inner.args.first()) {
        ("elapsed", None) if !is_epoch(&inner.receiver) => {
            "the time elapsed since a reading of the wall clock"
        }
        // Before 1970 is the only failure of a difference from the epoch.
        ("duration_since", Some(earlier)) if !is_epoch(earlier) => {
            "the time between two readings of the wall clock"
        }
        _ => return None,
    };
    let receiver = cx.snippet(&call.receiver)?;
    Some(Diagnostic {
        lint: &LINT,
        span: span(call),
        message: format!("unwrapping {what} panics when the clock steps backwards"),
        label: "an `Err` here when the earlier time is later than the clock now".into(),
        note: "`SystemTime` is the wall clock: NTP corrections, a VM resumed from a snapshot, \
               a leap second or a hand-set clock move it backwards, and a time from a file or \
               another machine can be in the future"
            .into(),
        help: Help {
            message: "take zero when the clock went backwards (`unwrap_or_default()`), or \
                      measure intervals with `Instant`, which never goes backwards"
                .into(),
            replacement: Some(format!("{receiver}.unwrap_or_default()")),
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}

/// `now - start` where both are readings of the wall clock since 1970 as a `Duration`
/// (`duration_since(UNIX_EPOCH)`) or an unsigned count of it (`as_secs()`): the subtraction
/// panics (a `Duration`, or an integer in a debug build) when the clock stepped back between.
pub(crate) fn check_subtraction(cx: &Cx<'_>, binary: &syn::ExprBinary) -> Option<Diagnostic> {
    if cx.in_test || !matches!(binary.op, syn::BinOp::Sub(_) | syn::BinOp::SubAssign(_)) {
        return None;
    }
    let reading = |e: &Expr| {
        matches!(
            peel(e),
            Expr::Path(_) | Expr::MethodCall(_) | Expr::Field(_)
        ) && match cx.env.eval(e) {
            Value::SinceEpoch => true,
            Value::Epoch(_) => cx.range(Some(e)).lo >= 0,
            _ => false,
        }
    };
    if !(reading(&binary.left) && reading(&binary.right)) {
        return None;
    }
    let (left, right) = (cx.snippet(&binary.left)?, cx.snippet(&binary.right)?);
    let replacement =
        matches!(binary.op, syn::BinOp::Sub(_)).then(|| format!("{left}.saturating_sub({right})"));
    Some(Diagnostic {
        lint: &LINT,
        span: span(binary),
        message: "subtracting two readings of the wall clock panics when it stepped backwards \
                  between them"
            .into(),
        label: format!("`{right}` can be later than `{left}`: an overflow here"),
        note: "`SystemTime` is the wall clock: NTP corrections, a VM resumed from a snapshot or \
               a leap second move it backwards, and a `Duration` (or an unsigned count) cannot \
               be negative"
            .into(),
        help: Help {
            message: "take zero when the clock went backwards (`saturating_sub`), or measure \
                      intervals with `Instant`"
                .into(),
            replacement,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}
