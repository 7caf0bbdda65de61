//! `month_as_30_days`: a span of 30-day months (`Duration::days(30 * months)`) added to a
//! point in time as a number of calendar months.

use syn::{Expr, ExprBinary, ExprMethodCall};

use super::{Cx, Group, Lint, moves_in_code, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::{Need, Token};
use crate::semantics::facts::FileFacts;
use crate::semantics::values;
use crate::semantics::values::Value;

pub(crate) static LINT: Lint = Lint {
    name: "month_as_30_days",
    group: Group::Suspicious,
    summary: "`Duration::days(30 * months)` as a number of months: months have 28 to 31 days",
    doc: include_str!("../../lints/month_as_30_days.md"),
    reports_in_tests: false,
    triggers: &[&[Need::Token(Token::MonthProduct), values::SPAN_TYPE]],
};

/// Seconds in a 30-day month.
const MONTH_SECONDS: i128 = 30 * 86_400;

/// Every finding multiplies by a literal 30-day month (30, 720, 43,200, 2,592,000 or
/// 2,592,000,000 in days to milliseconds): the prefilter relies on it.
pub(crate) fn stands(facts: &FileFacts) -> bool {
    facts.has_month_product
}

/// `date + Duration::days(30 * months)`, `d - span` where `span` is one.
pub(crate) fn check_binary(cx: &Cx<'_>, binary: &ExprBinary) -> Option<Diagnostic> {
    if !moves_in_code(cx, binary) {
        return None;
    }
    [&*binary.left, &*binary.right]
        .into_iter()
        .find_map(|side| months(cx, side))
        .map(|at| finding(span(binary), at))
}

/// `d.checked_add_signed(Duration::days(30 * n))`.
pub(crate) fn check_method(cx: &Cx<'_>, call: &ExprMethodCall) -> Option<Diagnostic> {
    let moves = matches!(
        call.method.to_string().as_str(),
        "checked_add" | "checked_sub" | "checked_add_signed" | "checked_sub_signed"
    );
    if cx.in_test || !moves || call.args.len() != 1 {
        return None;
    }
    months(cx, &call.args[0]).map(|at| finding(span(call), at))
}

/// The text of the number of months, if `expr` is a span of an unknown number of 30-day
/// months. Only a call or a name can be one, so long sums are not evaluated again.
fn months<'s>(cx: &Cx<'s>, expr: &Expr) -> Option<&'s str> {
    if !matches!(expr, Expr::Call(_) | Expr::Path(_) | Expr::Paren(_)) {
        return None;
    }
    let Value::Span(time) = cx.env.eval(expr) else {
        return None;
    };
    let per_multiple =
        i128::from(time.multiple?) * i128::from(time.seconds) / i128::from(time.per.max(1));
    (per_multiple == MONTH_SECONDS && !time.float)
        .then(|| cx.source.get(time.at.clone()))
        .flatten()
}

fn finding(span: std::ops::Range<usize>, amount: &str) -> Diagnostic {
    Diagnostic {
        lint: &LINT,
        span,
        message: format!("`{amount}` counts months as 30 days each"),
        label: "a month has 28 to 31 days: this drifts from the calendar by up to 3 days a month"
            .into(),
        note: "one month after 31 January is 28 or 29 February, and after 1 February it is \
               1 March; 30 days after 1 February 2027 is 3 March"
            .into(),
        help: Help {
            message: "add calendar months (`checked_add_months(Months::new(n))` in chrono, \
                      `checked_add(n.months())` in jiff); if 30-day periods are the policy, \
                      name them in days"
                .into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    }
}
