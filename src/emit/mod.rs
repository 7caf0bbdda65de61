//! Rendering a [`Report`]: one module per output format, all from the same [`Diagnostic`]s.
//!
//! Human output goes to stderr; machine formats go to stdout, one record per line.

mod human;
mod json;

use std::io::{self, Write};

pub use human::ColorChoice;

use crate::{Finding, Report, SourceFile};

/// The output formats of `--message-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// rustc-style diagnostics with source snippets, on stderr.
    Human,
    /// One line per finding: `file:line:col: level[code]: message`, on stdout.
    Short,
    /// `cargo check --message-format json` compiler messages, one per line, on stdout.
    Json,
}

/// Writes the report in `format`. Per-file errors always go to stderr as text.
pub fn emit(
    report: &Report,
    format: MessageFormat,
    color: ColorChoice,
    quiet: bool,
) -> io::Result<()> {
    match format {
        MessageFormat::Human => human::emit(report, color, quiet),
        MessageFormat::Short => {
            human::file_errors(report, color)?;
            let mut out = io::stdout().lock();
            for (source, finding) in findings(report) {
                let at = source.location(finding.diagnostic.span.start);
                writeln!(
                    out,
                    "{}:{}:{}: {}[datelint::{}]: {}",
                    source.path.display(),
                    at.line,
                    at.column,
                    level_word(finding),
                    finding.diagnostic.lint.name,
                    finding.diagnostic.message
                )?;
            }
            out.flush()
        }
        MessageFormat::Json => {
            human::file_errors(report, color)?;
            let mut out = io::stdout().lock();
            for (source, finding) in findings(report) {
                writeln!(out, "{}", json::compiler_message(source, finding))?;
            }
            out.flush()
        }
    }
}

fn findings(report: &Report) -> impl Iterator<Item = (&SourceFile, &Finding)> {
    report
        .files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |f| (&file.source, f)))
}

/// `error` or `warning`, as rustc prints the level of a finding.
fn level_word(finding: &Finding) -> &'static str {
    match finding.level {
        crate::Level::Deny => "error",
        _ => "warning",
    }
}
