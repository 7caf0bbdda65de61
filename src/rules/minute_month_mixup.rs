//! `minute_month_mixup`: `%M` (minute) where a date's month belongs, `%Y-%M-%d`, or `%m`
//! (month) where a time's minutes belong, `%H:%m`.

use super::{Fix, Group, Lint, suggest};
use crate::diagnostic::Diagnostic;
use crate::semantics::formats;
use crate::semantics::formats::{Field, Format, Syntax};

pub(crate) static LINT: Lint = Lint {
    name: "minute_month_mixup",
    group: Group::Correctness,
    summary: "`%M` (minute) between the parts of a date, or `%m` (month) after an hour",
    doc: include_str!("../../lints/minute_month_mixup.md"),
    reports_in_tests: true,
    triggers: &[formats::FORMAT_TRIGGER],
};

/// The findings in one format string, with spans into its value.
pub(crate) fn check(format: &Format<'_>) -> Vec<Diagnostic> {
    if format.syntax == Syntax::Time {
        return Vec::new();
    }
    // A month or minute that is itself in the other's place does not count: a format may
    // swap both (`%d.%M.%Y %H:%m`).
    let in_place = |field| {
        let mut specs = format.specs.iter().enumerate();
        specs.any(|(i, spec)| spec.field == field && !misplaced(format, i))
    };
    let has_month = in_place(Field::Month) || format.has(Field::Date);
    let has_minute = in_place(Field::Minute) || format.has(Field::Time);
    let mut found = Vec::new();
    for (index, spec) in format.specs.iter().enumerate() {
        let text = format.text(spec);
        let stem = format.stem(spec);
        let (meant, message, label, note) = match spec.field {
            Field::Minute if !has_month && format.among_date_parts(index) => (
                format!("{stem}m"),
                format!("`{text}` is the minute, not the month"),
                "minute between the parts of a date",
                "at 10:07 on 15 March 2024, `%Y-%M-%d` prints 2024-07-15, and parsing \
                 reads the month as minutes",
            ),
            Field::Month if !has_minute && format.among_time_parts(index) => (
                format!("{stem}M"),
                format!("`{text}` is the month, not the minute"),
                "month among the parts of a time",
                "at 10:07 on 15 March 2024, `%H:%m` prints 10:03, and parsing reads the \
                 minutes as a month",
            ),
            _ => continue,
        };
        let what = if meant.ends_with('m') {
            "month"
        } else {
            "minute"
        };
        found.push(Diagnostic {
            lint: &LINT,
            span: spec.range.clone(),
            message,
            label: label.to_string(),
            note: note.to_string(),
            help: suggest(
                &format!("use `{meant}`, the {what}"),
                Some(Fix::new(meant.clone(), true)),
            ),
        });
    }
    found
}

/// Returns true if the month or minute at `index` stands where the other belongs.
fn misplaced(format: &Format<'_>, index: usize) -> bool {
    match format.specs[index].field {
        Field::Month => format.among_time_parts(index),
        Field::Minute => format.among_date_parts(index),
        _ => false,
    }
}
