//! `day_of_year_with_month`: the day of the year (`%j`, `[ordinal]`) next to a month, in a
//! format with no day of the month.

use super::{Fix, Group, Lint, suggest};
use crate::diagnostic::Diagnostic;
use crate::semantics::formats;
use crate::semantics::formats::{Field, Format, Syntax};

pub(crate) static LINT: Lint = Lint {
    name: "day_of_year_with_month",
    group: Group::Suspicious,
    summary: "the day of the year (`%j`, `[ordinal]`) next to a month where the day of the month belongs",
    doc: include_str!("../../lints/day_of_year_with_month.md"),
    reports_in_tests: true,
    triggers: &[formats::FORMAT_TRIGGER],
};

/// The findings in one format string, with spans into its value.
pub(crate) fn check(format: &Format<'_>) -> Vec<Diagnostic> {
    if format.has(Field::Day) || format.has(Field::Date) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (index, spec) in format.specs.iter().enumerate() {
        if spec.field != Field::DayOfYear || !format.beside_month(index) {
            continue;
        }
        let text = format.text(spec);
        let day = match format.syntax {
            Syntax::Time => text.replace("ordinal", "day"),
            _ => format!("{}d", format.stem(spec)),
        };
        found.push(Diagnostic {
            lint: &LINT,
            span: spec.range.clone(),
            message: format!("`{text}` is the day of the year, not the day of the month"),
            label: "day of the year next to a month".to_string(),
            note: "on 15 March 2024 the day of the year is 075, so `%m-%j` prints 03-075"
                .to_string(),
            help: suggest(
                &format!("use `{day}`, the day of the month"),
                Some(Fix::new(day.clone(), false)),
            ),
        });
    }
    found
}
