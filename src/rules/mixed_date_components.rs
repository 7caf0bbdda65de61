//! `mixed_date_components`: the year of one date with the month and day of another, which
//! fails for 29 February in common years.

use super::naive_year_shift::carries_feb29;
use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::semantics::apis;
use crate::semantics::apis::{DateCall, Shape};
use crate::semantics::guards::{Guard, chain_avoids_feb29};
use crate::semantics::values::{Origin, Part};

pub(crate) static LINT: Lint = Lint {
    name: "mixed_date_components",
    group: Group::Correctness,
    summary: "the year of one date with the month and day of another: fails for 29 February",
    doc: include_str!("../../lints/mixed_date_components.md"),
    reports_in_tests: true,
    triggers: &[&[apis::DATE_API]],
};

pub(crate) fn check(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Diagnostic> {
    if cx.guarded(Guard::Feb29) || cx.failure_handled() {
        return None;
    }
    let parts = call.parts();
    let year = cx.value(parts.year)?;
    let year_from = year.part_of(Part::Year)?.clone();
    let other = match call.api.shape {
        Shape::Ymd { .. } => {
            let (month, day) = (cx.value(parts.month)?, cx.value(parts.day)?);
            let may_be = (cx.may_be(parts.month, 2), cx.may_be(parts.day, 29));
            if !carries_feb29((&month, may_be.0), (&day, may_be.1)) {
                return None;
            }
            day.part_of(Part::Day)?.clone()
        }
        Shape::Set {
            part: Part::Year, ..
        }
        | Shape::Builder => {
            let receiver = call.receiver?;
            let pinned = call.setters.iter().any(|(name, _)| name != "year");
            if pinned || chain_avoids_feb29(receiver, cx.env) {
                return None;
            }
            Origin::Date(cx.env.date_identity(receiver))
        }
        _ => return None,
    };
    if other == year_from {
        return None;
    }
    let describe = |origin: &Origin| match origin {
        Origin::Date(text) | Origin::Field(text) => format!("`{text}`"),
    };
    Some(Diagnostic {
        lint: &LINT,
        span: span(call.expr),
        message: "the year of one date with the month and day of another fails for 29 February"
            .into(),
        label: format!(
            "month and day from {}, year from {}",
            describe(&other),
            describe(&year_from)
        ),
        note: "when the month and day are 29 February and the year is a common year (2025, 2026, \
               2027), the date does not exist"
            .into(),
        help: Help {
            message: "decide what 29 February means in a common year (28 February or 1 March) and \
                      clamp the day to the month's length in that year, for example with \
                      `checked_add_months` from the original date"
                .into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}
