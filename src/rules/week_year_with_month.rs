//! `week_year_with_month`: the ISO week-based year (`%G`, `[year base:iso_week]`) printed or
//! parsed beside a month or a day of the month, without the ISO week that gives it meaning.

use super::{Group, Lint, suggest};
use crate::diagnostic::Diagnostic;
use crate::semantics::formats;
use crate::semantics::formats::{Field, Format, Syntax};

pub(crate) static LINT: Lint = Lint {
    name: "week_year_with_month",
    group: Group::Correctness,
    summary: "a week-based year (`%G`, `[year base:iso_week]`) beside a month and day: wrong in the last and first days of a year",
    doc: include_str!("../../lints/week_year_with_month.md"),
    reports_in_tests: true,
    triggers: &[formats::FORMAT_TRIGGER],
};

/// The findings in one format string, with spans into its value.
pub(crate) fn check(format: &Format<'_>) -> Vec<Diagnostic> {
    let beside_month_or_day = [Field::Month, Field::Day, Field::Date]
        .into_iter()
        .any(|field| format.has(field));
    if !beside_month_or_day || format.has(Field::IsoWeek) {
        return Vec::new();
    }
    let week_years = format.specs.iter().filter(|s| s.field == Field::WeekYear);
    week_years
        .map(|spec| {
            let text = format.text(spec);
            let (calendar, example) = match format.syntax {
                Syntax::Time => (
                    text.replace("iso_week", "calendar"),
                    "on 30 December 2024 it is 2025",
                ),
                _ if text.ends_with('g') => (
                    format!("{}y", format.stem(spec)),
                    "on 30 December 2024 it is 25",
                ),
                _ => (
                    format!("{}Y", format.stem(spec)),
                    "on 30 December 2024 it is 2025",
                ),
            };
            Diagnostic {
                lint: &LINT,
                span: spec.range.clone(),
                message: format!("`{text}` is the ISO week-based year, not the calendar year"),
                label: "week-based year beside a month or day, with no ISO week".to_string(),
                note: format!(
                    "the week-based year differs from the calendar year in the days around \
                     1 January: {example}, so 2024-12-30 comes out as 2025-12-30"
                ),
                help: suggest(
                    &format!("use `{calendar}`, the calendar year"),
                    Some(super::Fix::new(calendar.clone(), true)),
                ),
            }
        })
        .collect()
}
