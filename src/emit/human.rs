//! rustc-style diagnostics through codespan-reporting, and the closing summary.

use std::io::{self, Write};
use std::path::Path;

use anstream::AutoStream;

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{self, Ansi, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::engine::{FileError, Finding, Report};
use crate::fix::Summary;
use crate::lint::Level;
use crate::source::SourceFile;

/// When to colour human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stderr is a terminal, unless the environment says otherwise.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `--color auto` honours, in this order: `CLICOLOR_FORCE` (set and not 0: colour),
    /// `NO_COLOR` (set and not empty: none), `CARGO_TERM_COLOR` (`always` or `never`), and
    /// then what anstream decides: `CLICOLOR=0` or `TERM=dumb` (none), and whether stderr is
    /// a terminal that takes colour (on Windows, through the console API when needed).
    fn resolve(self) -> anstream::ColorChoice {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        match self {
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
            ColorChoice::Auto if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") => {
                anstream::ColorChoice::Always
            }
            ColorChoice::Auto if var("NO_COLOR").is_some() => anstream::ColorChoice::Never,
            ColorChoice::Auto => match var("CARGO_TERM_COLOR").as_deref() {
                Some("always") => anstream::ColorChoice::Always,
                Some("never") => anstream::ColorChoice::Never,
                _ => anstream::ColorChoice::Auto,
            },
        }
    }
}

/// Standard error for human output: codespan-reporting writes ANSI styles, which anstream
/// passes on, strips, or turns into console calls, as `color` and the terminal decide.
pub(super) fn stderr(color: ColorChoice) -> Ansi<AutoStream<io::Stderr>> {
    Ansi::new(AutoStream::new(io::stderr(), color.resolve()))
}

/// Prints `error: message` on stderr, as every error datelint reports starts.
pub(crate) fn error(color: ColorChoice, message: &str) {
    let mut err = stderr(color);
    // Nothing is left to tell the user if stderr itself cannot be written.
    let _ = write_error_prefix(&mut err).and_then(|()| writeln!(err, ": {message}"));
}

fn write_error_prefix(err: &mut dyn WriteColor) -> io::Result<()> {
    write_bold(err, termcolor::Color::Red, "error")
}

pub(super) fn emit(report: &Report, quiet: bool, err: &mut dyn WriteColor) -> io::Result<()> {
    let config = Config::default();
    for file in &report.files {
        let files = SimpleFile::new(
            file.source.path.display().to_string(),
            file.source.text.as_str(),
        );
        for finding in &file.findings {
            term::emit_to_write_style(err, &config, &files, &to_codespan(&file.source, finding))
                .map_err(io::Error::other)?;
        }
    }
    write_file_errors(err, &report.errors)?;
    if !quiet {
        write_summary(err, report)?;
    }
    err.flush()
}

/// What `--fix` wrote, as cargo prints it (`Fixed src/lib.rs (2 fixes)`), and what it
/// refused to touch.
pub(crate) fn fix_summary(summary: &Summary, color: ColorChoice) -> io::Result<()> {
    let mut err = stderr(color);
    for (path, count) in &summary.fixed {
        let plural = if *count == 1 { "" } else { "es" };
        write_status(
            &mut err,
            "Fixed",
            &format!("{} ({count} fix{plural})", path.display()),
        )?;
    }
    write_file_errors(&mut err, &summary.refused)
}

/// What `--write-baseline` wrote, as cargo prints what it did: `Wrote base.json (3 findings)`.
pub(crate) fn baseline_written(path: &Path, findings: usize, color: ColorChoice) -> io::Result<()> {
    let plural = if findings == 1 { "" } else { "s" };
    let what = format!("{} ({findings} finding{plural})", path.display());
    write_status(&mut stderr(color), "Wrote", &what)
}

/// One line of what was done, cargo's way: the verb right-aligned in bold green.
fn write_status(err: &mut dyn WriteColor, verb: &str, what: &str) -> io::Result<()> {
    write_bold(err, termcolor::Color::Green, &format!("{verb:>12}"))?;
    writeln!(err, " {what}")
}

/// `word` in bold `color`, as cargo writes `error` and its status verbs.
fn write_bold(err: &mut dyn WriteColor, color: termcolor::Color, word: &str) -> io::Result<()> {
    err.set_color(
        termcolor::ColorSpec::new()
            .set_fg(Some(color))
            .set_bold(true),
    )?;
    write!(err, "{word}")?;
    err.reset()
}

pub(super) fn write_file_errors(err: &mut dyn WriteColor, errors: &[FileError]) -> io::Result<()> {
    for error in errors {
        write_error_prefix(err)?;
        writeln!(err, ": {}: {}", error.path.display(), error.reason)?;
    }
    Ok(())
}

fn write_summary(err: &mut dyn WriteColor, report: &Report) -> io::Result<()> {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let (errors, warnings) = (
        report.count(Level::Deny) + report.count(Level::Forbid),
        report.count(Level::Warn),
    );
    let mut summary = if errors + warnings == 0 {
        format!("no findings in {}", plural(report.files_linted, "file"))
    } else {
        format!(
            "{} and {} in {} ({} linted)",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(report.files.len(), "file"),
            report.files_linted
        )
    };
    if report.baselined > 0 {
        summary.push_str(&format!(
            "; {} in the baseline",
            plural(report.baselined, "finding")
        ));
    }
    if !report.errors.is_empty() {
        summary.push_str(&format!(
            "; {} could not be linted",
            plural(report.errors.len(), "file")
        ));
    }
    err.set_color(termcolor::ColorSpec::new().set_bold(true))?;
    write!(err, "datelint")?;
    err.reset()?;
    writeln!(err, ": {summary}")
}

/// The finding as codespan-reporting renders it: message, code, primary label, a note saying
/// why, and the help with its replacement.
fn to_codespan(source: &SourceFile, finding: &Finding) -> Rendered<()> {
    let d = &finding.diagnostic;
    let severity = if finding.level.is_error() {
        Severity::Error
    } else {
        Severity::Warning
    };
    let span = d.span.start.min(source.text.len())..d.span.end.min(source.text.len());
    let mut help = match &d.help.replacement {
        Some(replacement) => format!("help: {}: `{replacement}`", d.help.message),
        None => format!("help: {}", d.help.message),
    };
    // The replacement names something the file may not import yet: say what to import.
    let imports: Vec<String> = d
        .help
        .imports
        .iter()
        .map(|import| format!("use {};", import.item))
        .collect();
    if !imports.is_empty() {
        help.push_str(&format!(", with `{}`", imports.join(" ")));
    }
    Rendered::new(severity)
        .with_code(format!("datelint::{}", d.lint.name))
        .with_message(&d.message)
        .with_labels(vec![Label::primary((), span).with_message(&d.label)])
        .with_notes(vec![format!("note: {}", d.note), help])
}

/// The plain-text rendering of one finding, as rustc puts it in JSON's `rendered`.
pub(super) fn rendered(source: &SourceFile, finding: &Finding) -> String {
    let files = SimpleFile::new(source.path.display().to_string(), source.text.as_str());
    term::emit_into_string(&Config::default(), &files, &to_codespan(source, finding))
        .unwrap_or_default()
}
