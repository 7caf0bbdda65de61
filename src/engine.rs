//! The pipeline for a set of files or one text: read (UTF-8 checked), prefilter, parse,
//! check, suppressions and levels, into a [`Report`]. Worker threads with large stacks lint
//! files in parallel; a panic while linting one file becomes that file's error.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::Diagnostic;
use crate::lint::{Level, Lint};
use crate::source::SourceFile;
use crate::{cargo, checker, config, parse, prefilter, suppress, walk};

/// Which lints report, and at which level.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Skip parsing files that cannot produce a finding (see `prefilter.rs`). On unless
    /// turned off to check that it changes nothing.
    pub skip_prefilter: bool,
    /// The configuration file's levels (applied before `overrides`) and exclusions.
    pub config: config::Config,
    /// `-A`, `-W` and `-D` in command-line order: a lint name, a group name, or `warnings`
    /// (every lint at warn level at that point). Later entries win.
    pub overrides: Vec<(Level, String)>,
}

impl Settings {
    /// The level `lint` reports at after the overrides.
    pub fn level_of(&self, lint: &Lint) -> Level {
        self.config.levels.iter().chain(&self.overrides).fold(
            lint.default_level(),
            |level, (new, name)| {
                let applies = name == lint.name
                    || name == lint.group.name()
                    || (name == "warnings" && level == Level::Warn);
                if applies && level != Level::Forbid {
                    *new
                } else {
                    level
                }
            },
        )
    }
}

/// A finding with the level it reports at.
#[derive(Clone, Debug)]
pub struct Finding {
    pub level: Level,
    pub diagnostic: Diagnostic,
    /// The path of the items around it (`tests::renews::helper`); empty at file level.
    pub item: String,
}

/// A file that could not be linted, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub reason: String,
}

impl FileError {
    pub(crate) fn new(path: &Path, reason: impl Into<String>) -> FileError {
        FileError {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}

/// The findings of one file, with its text for rendering.
#[derive(Debug)]
pub struct FileReport {
    pub source: SourceFile,
    pub findings: Vec<Finding>,
    /// In cargo mode, the package and target the file belongs to.
    pub package: Option<std::sync::Arc<cargo::PackageTarget>>,
}

/// The result of linting a set of paths.
#[derive(Debug, Default)]
pub struct Report {
    /// Files with findings, in path order.
    pub files: Vec<FileReport>,
    /// Files that could not be linted, in path order.
    pub errors: Vec<FileError>,
    /// How many files were linted, with or without findings.
    pub files_linted: usize,
    /// How many findings a baseline accepted and so are not shown.
    pub baselined: usize,
}

impl Report {
    pub fn count(&self, level: Level) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.findings)
            .filter(|f| f.level == level)
            .count()
    }

    /// 2 if a file could not be linted, 1 if a finding is at error level, else 0.
    pub fn exit_code(&self) -> u8 {
        if !self.errors.is_empty() {
            2
        } else if self
            .files
            .iter()
            .flat_map(|f| &f.findings)
            .any(|f| f.level.is_error())
        {
            1
        } else {
            0
        }
    }
}

/// Each worker parses on a thread with a large stack: syn and the checker recurse once per
/// level of nesting, and generated code can nest thousands of levels deep. The memory is
/// reserved, not used, until a file nests that deep.
const WORKER_STACK: usize = 1024 * 1024 * 1024;

/// The deepest nesting datelint parses, as `parse::nesting_bound` counts it; a deeper file is
/// reported and skipped. Measured on 32 shapes of nesting, with brackets (`((..))`, `{{..}}`,
/// `[[..]]`) and without (`&&..T`, `V<V<..>>`, `fn() -> fn() -> ..`, `|| || ..`, `a + b + ..`):
/// an optimised build needs at most about 8 KiB of stack per level, a debug build up to
/// 35 KiB (`&&..T`); 20,000 levels fit in `WORKER_STACK` either way. Real code stays far
/// below: the deepest file of the 5,742 in `benches/corpus.sh` counts 407.
const MAX_NESTING: usize = 20_000;

/// Lints every Rust file under `paths`, on all cores.
pub fn lint_paths(paths: &[PathBuf], settings: &Settings) -> Report {
    let (mut files, mut errors) = walk::rust_files(paths);
    files.retain(|path| !settings.config.excludes(path));
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(files.len()));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let worker = || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(index) else { break };
                let outcome = lint_file(path, settings);
                results
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((index, outcome));
            };
            let spawned = std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, worker);
            if spawned.is_err() {
                // No thread could be started: the files left are linted by the ones that were.
                break;
            }
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut report = Report::default();
    if results.len() < files.len() {
        // Not even one worker could start: lint here, on this thread.
        let done: Vec<usize> = results.iter().map(|(i, _)| *i).collect();
        for (index, path) in files.iter().enumerate().filter(|(i, _)| !done.contains(i)) {
            results.push((index, lint_file(path, settings)));
        }
    }
    results.sort_by_key(|(index, _)| *index);
    for (_, outcome) in results {
        match outcome {
            Ok(Some(file)) => {
                report.files_linted += 1;
                report.files.push(file);
            }
            Ok(None) => report.files_linted += 1,
            Err(error) => errors.push(error),
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    report.errors = errors;
    report
}

/// Reads and lints one file; `Ok(None)` when it has no findings.
fn lint_file(path: &Path, settings: &Settings) -> Result<Option<FileReport>, FileError> {
    let bytes = std::fs::read(path).map_err(|e| FileError::new(path, walk::reason(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        FileError::new(
            path,
            format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        )
    })?;
    let findings =
        lint_source(path, &text, settings).map_err(|reason| FileError::new(path, reason))?;
    Ok((!findings.is_empty()).then(|| FileReport {
        source: SourceFile::new(path.to_path_buf(), text),
        findings,
        package: None,
    }))
}

/// Lints source text as if it were the file at `path` (which decides, for example, whether it
/// is test code). Returns the findings in source order, or why the text could not be linted.
///
/// Text may nest up to `MAX_NESTING` levels, and parsing recurses as deep: call this on a
/// thread with a large stack, as `lint_paths` and the language server do (1 GiB).
pub fn lint_source(path: &Path, text: &str, settings: &Settings) -> Result<Vec<Finding>, String> {
    if !settings.skip_prefilter {
        match prefilter::verdict(text) {
            prefilter::Verdict::Skip => return Ok(Vec::new()),
            prefilter::Verdict::YearArithmetic if !may_report_without_lists(path, text) => {
                return Ok(Vec::new());
            }
            _ => {}
        }
    }
    let depth = parse::nesting_bound(text);
    if depth > MAX_NESTING {
        return Err(format!(
            "nests {depth} levels deep (brackets and operators), more than datelint's limit of {MAX_NESTING} (file skipped)"
        ));
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let parsed = parse::parse_file(text);
        let result = match parsed {
            Ok(file) => {
                let mut checked =
                    checker::check_file(&file, text, is_test_path(path), is_julian_path(path));
                checked.suppressions.extend(suppress::comments(text));
                let findings = suppress::apply(checked.findings, &checked.suppressions);
                Ok((findings, checked.items))
            }
            Err(error) => {
                let at =
                    SourceFile::new(path.to_path_buf(), text.to_string()).location(error.offset);
                Err(format!(
                    "could not parse: {} at {}:{} (file skipped)",
                    error.message, at.line, at.column
                ))
            }
        };
        // Spans are byte ranges by now; free proc-macro2's per-thread source map.
        proc_macro2::extra::invalidate_current_thread_spans();
        result
    }));
    let (diagnostics, items) = match outcome {
        Ok(result) => result?,
        Err(_) => {
            proc_macro2::extra::invalidate_current_thread_spans();
            return Err(
                "internal error: datelint panicked on this file (file skipped); please report it"
                    .into(),
            );
        }
    };
    let mut findings: Vec<Finding> = diagnostics
        .into_iter()
        .map(|diagnostic| Finding {
            level: settings.level_of(diagnostic.lint),
            item: enclosing_item(&items, diagnostic.span.start),
            diagnostic,
        })
        .filter(|f| f.level != Level::Allow)
        .collect();
    findings.sort_by_key(|f| (f.diagnostic.span.start, f.diagnostic.span.end));
    Ok(findings)
}

/// For a file of `prefilter::Verdict::YearArithmetic`: whether the file with its lists of
/// literals blanked has a finding, which it has wherever the file has one (see
/// `prefilter::without_literal_lists`). A generated table of numbers costs syn about a hundred
/// times its size; without the table, the rest of the file is quick to check.
fn may_report_without_lists(path: &Path, text: &str) -> bool {
    let Some(shorter) = prefilter::without_literal_lists(text) else {
        return true;
    };
    if parse::nesting_bound(&shorter) > MAX_NESTING {
        return true;
    }
    let found = catch_unwind(AssertUnwindSafe(|| match parse::parse_file(&shorter) {
        Ok(file) => !checker::check_file(&file, &shorter, is_test_path(path), is_julian_path(path))
            .findings
            .is_empty(),
        Err(_) => true,
    }));
    proc_macro2::extra::invalidate_current_thread_spans();
    found.unwrap_or(true)
}

/// The names of the items whose spans hold `offset`, outermost first, joined with `::`.
fn enclosing_item(items: &[(std::ops::Range<usize>, String)], offset: usize) -> String {
    let mut around: Vec<_> = items
        .iter()
        .filter(|(span, _)| span.contains(&offset))
        .collect();
    around.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    around
        .iter()
        .map(|(_, name)| name.as_str())
        .collect::<Vec<_>>()
        .join("::")
}

/// Code under `tests/` or `benches/` is test code.
/// A file whose path names the Julian calendar, whose leap rule is `y % 4 == 0` alone.
fn is_julian_path(path: &Path) -> bool {
    path.to_string_lossy()
        .to_ascii_lowercase()
        .contains("julian")
}

fn is_test_path(path: &Path) -> bool {
    path.components()
        .any(|c| c.as_os_str() == "tests" || c.as_os_str() == "benches")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_gone_since_the_walk_is_an_error_that_names_it() {
        let gone = Path::new("tests/no such folder/gone.rs");
        let error = lint_file(gone, &Settings::default()).expect_err("the file is gone");
        assert_eq!(
            error,
            FileError::new(gone, "no such file or folder".to_string())
        );
    }
}
