//! `unknown_format_specifier`: a `%` that chrono or jiff reads as no specifier it knows, which
//! makes formatting fail (and `to_string()` panic) and parsing always fail.

use super::{Group, Lint, suggest};
use crate::diagnostic::Diagnostic;
use crate::semantics::formats;
use crate::semantics::formats::{Field, Format, Syntax};

pub(crate) static LINT: Lint = Lint {
    name: "unknown_format_specifier",
    group: Group::Correctness,
    summary: "a `%` specifier the date crate does not know: formatting panics in `to_string()`, parsing always fails",
    doc: include_str!("../../lints/unknown_format_specifier.md"),
    reports_in_tests: true,
    triggers: &[formats::FORMAT_TRIGGER],
};

/// The findings in one format string, with spans into its value.
pub(crate) fn check(format: &Format<'_>) -> Vec<Diagnostic> {
    let krate = format.syntax.krate();
    let what = match format.syntax {
        Syntax::Time => return Vec::new(),
        Syntax::Chrono => "`StrftimeItems` yields an error item",
        Syntax::Jiff => "jiff rejects the format",
    };
    let unknown = format.specs.iter().filter(|s| s.field == Field::Unknown);
    unknown
        .map(|spec| {
            let text = format.text(spec);
            Diagnostic {
                lint: &LINT,
                span: spec.range.clone(),
                message: format!("`{text}` is not a {krate} format specifier"),
                label: "unknown specifier".to_string(),
                note: format!(
                    "{what}: formatting returns an error, so `to_string()` and `format!` panic, \
                     and parsing fails on every input"
                ),
                help: suggest(
                    &format!("write `%%` for a literal `%`, or a specifier {krate} documents"),
                    None,
                ),
            }
        })
        .collect()
}
