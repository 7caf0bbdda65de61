//! `day_of_year_table_365`: a per-day container of 365 slots in a file that indexes by day
//! of the year, which overflows on 31 December of a leap year.

use syn::Expr;
use syn::spanned::Spanned;

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::{Need, Token};
use crate::semantics::facts::{DAY_OF_YEAR, FileFacts};
use crate::semantics::values::Value;

pub(crate) static LINT: Lint = Lint {
    name: "day_of_year_table_365",
    group: Group::Suspicious,
    summary: "a per-day container of 365 slots indexed by day of year: overflows in leap years",
    doc: include_str!("../../lints/day_of_year_table_365.md"),
    reports_in_tests: false,
    triggers: &[&[Need::Token(Token::YearLiteral), Need::Word(DAY_OF_YEAR)]],
};

/// Judged at the end of the file: only where something is indexed by day of year, and no
/// 366-slot twin exists.
pub(crate) fn stands(facts: &FileFacts) -> bool {
    facts.indexes_by_day_of_year && !facts.has_366 && facts.has_year_literal
}

/// The length of `[x; 365]`, `[T; 365]` or `vec![x; 365]`.
pub(crate) fn check_len(cx: &Cx<'_>, len: &Expr, container: &dyn Spanned) -> Option<Diagnostic> {
    if cx.in_test || cx.env.eval(len) != Value::Const(365) {
        return None;
    }
    Some(Diagnostic {
        lint: &LINT,
        span: span(container),
        message: "a table of 365 days has no slot for the 366th day of a leap year".into(),
        label: "indexed by day of year, this overflows on 31 December 2028".into(),
        note: "a leap year has 366 days: its last day has ordinal 366".into(),
        help: Help {
            message: "give the table 366 slots".into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}
