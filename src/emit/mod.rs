//! Rendering a [`Report`]: one module per output format, all from the same [`Diagnostic`]s.
//!
//! Human output goes to stderr; machine formats go to stdout, one record per line.

mod github;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};

use codespan_reporting::term::termcolor::WriteColor;

pub use human::ColorChoice;
pub(crate) use human::{baseline_written, error, fix_summary};

use crate::engine::{FileReport, Finding, Report};

/// The output formats of `--message-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// rustc-style diagnostics with source snippets, on stderr.
    Human,
    /// One line per finding: `file:line:col: level[code]: message`, on stdout.
    Short,
    /// `cargo check --message-format json` compiler messages, one per line, on stdout.
    Json,
    /// GitHub Actions workflow commands (annotations), one per line, on stdout.
    Github,
    /// One SARIF 2.1.0 log, on stdout, for code scanning.
    Sarif,
}

/// Writes the report in `format`: human output on stderr, machine formats on stdout.
/// Per-file errors always go to stderr as text.
pub fn emit(
    report: &Report,
    format: MessageFormat,
    color: ColorChoice,
    quiet: bool,
) -> io::Result<()> {
    let mut err = human::stderr(color);
    write(report, format, quiet, &mut io::stdout().lock(), &mut err)
}

/// Writes the report in `format` to `out` (machine formats) and `err` (human output and
/// per-file errors).
pub fn write(
    report: &Report,
    format: MessageFormat,
    quiet: bool,
    out: &mut dyn Write,
    err: &mut dyn WriteColor,
) -> io::Result<()> {
    let line = |file: &FileReport, finding: &Finding| match format {
        MessageFormat::Json => json::compiler_message(file, finding).to_string(),
        MessageFormat::Github => github::workflow_command(&file.source, finding),
        _ => {
            let source = &file.source;
            let at = source.location(finding.diagnostic.span.start);
            format!(
                "{}:{}:{}: {}[datelint::{}]: {}",
                source.path.display(),
                at.line,
                at.column,
                level_word(finding),
                finding.diagnostic.lint.name,
                finding.diagnostic.message
            )
        }
    };
    match format {
        MessageFormat::Human => return human::emit(report, quiet, err),
        MessageFormat::Sarif => {
            human::write_file_errors(err, &report.errors)?;
            serde_json::to_writer_pretty(&mut *out, &sarif::log(report)).map_err(|e| {
                // Keep the kind, so that a closed pipe still ends quietly.
                e.io_error_kind()
                    .map_or_else(|| io::Error::other(e), io::Error::from)
            })?;
            writeln!(out)?;
        }
        MessageFormat::Short | MessageFormat::Json | MessageFormat::Github => {
            human::write_file_errors(err, &report.errors)?;
            for (file, finding) in findings(report) {
                writeln!(out, "{}", line(file, finding))?;
            }
        }
    }
    out.flush()
}

fn findings(report: &Report) -> impl Iterator<Item = (&FileReport, &Finding)> {
    report
        .files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |f| (file, f)))
}

/// `error` or `warning`, as rustc prints the level of a finding.
fn level_word(finding: &Finding) -> &'static str {
    if finding.level.is_error() {
        "error"
    } else {
        "warning"
    }
}
