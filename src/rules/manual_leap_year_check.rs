//! `manual_leap_year_check`: a correct hand-written leap-year test in a file that uses a date
//! crate offering one.

use syn::Expr;

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::semantics::imports::Crate;
use crate::semantics::leap::{self, LeapTest, Verdict};

pub(crate) static LINT: Lint = Lint {
    name: "manual_leap_year_check",
    group: Group::Pedantic,
    summary: "a hand-written leap-year test where the date crate offers one",
    doc: include_str!("../../lints/manual_leap_year_check.md"),
    reports_in_tests: true,
    triggers: leap::TRIGGERS,
};

pub(crate) fn check(cx: &Cx<'_>, expr: &Expr, test: &LeapTest) -> Option<Diagnostic> {
    let Verdict::Correct { leap } = test.verdict else {
        return None;
    };
    let y = cx.source.get(test.year_span.clone())?;
    let call = if cx.imports.uses(Crate::Time) {
        format!("time::util::is_leap_year({y})")
    } else if cx.imports.uses(Crate::Chrono) {
        format!("chrono::NaiveDate::from_yo_opt({y}, 1).is_some_and(|d| d.leap_year())")
    } else if cx.imports.uses(Crate::Jiff) {
        format!("jiff::civil::Date::new({y} as i16, 1, 1).is_ok_and(|d| d.in_leap_year())")
    } else {
        return None;
    };
    let replacement = if leap { call } else { format!("!{call}") };
    Some(Diagnostic {
        lint: &LINT,
        span: span(expr),
        message: "hand-written leap-year test".into(),
        label: "the date crate already has this test".into(),
        note: "the crate's function is tested and says what it means; hand-written copies of the \
               rule invite the incomplete variants"
            .into(),
        help: Help {
            message: "call the date crate's leap-year function".into(),
            replacement: Some(replacement),
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}
