//! The pipeline for a set of files or one text: read (UTF-8 checked), prefilter, parse,
//! check, suppressions and levels, into a [`Report`]. Worker threads with large stacks lint
//! files in parallel; a panic while linting one file becomes that file's error. Certificate
//! files take a path of their own (read, certificate lints, suppressions, levels), and the
//! files holding certificates are linted again with the others' certificates at the end,
//! for `certificates_expire_together`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::certificates::{self, Certificate, Clock};
use crate::diagnostic::Diagnostic;
use crate::lint::{Level, Lint};
use crate::source::SourceFile;
use crate::{cargo, checker, config, parse, prefilter, rules, suppress, walk};

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
    /// The moment time-dependent lints judge at, in unix seconds (UTC): `--now`, or the
    /// system clock when `None`.
    pub now: Option<i64>,
}

impl Settings {
    pub(crate) fn clock(&self) -> Clock {
        Clock {
            now: self.now.unwrap_or_else(certificates::system_now),
            warn_within_days: i64::from(
                self.config
                    .certificate_warn_days
                    .unwrap_or(certificates::DEFAULT_WARN_WITHIN_DAYS),
            ),
        }
    }

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

/// Lints every Rust and certificate file under `paths`, on all cores.
pub fn lint_paths(paths: &[PathBuf], settings: &Settings) -> Report {
    let (mut files, mut errors) = walk::files(paths);
    files.retain(|path| !settings.config.excludes(path));
    let all: Vec<usize> = (0..files.len()).collect();
    let mut results = in_parallel(&all, |index| lint_file(&files[index], settings, &[]));
    compare_certificates(&files, &mut results, settings);
    let mut report = Report::default();
    for (_, outcome) in results {
        match outcome {
            Ok(linted) => {
                report.files_linted += 1;
                report.files.extend(linted.report);
            }
            Err(error) => errors.push(error),
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    report.errors = errors;
    report
}

/// Runs `lint` on each of `jobs` on worker threads with large stacks, and returns the
/// results in the order of `jobs`.
fn in_parallel<T: Send>(jobs: &[usize], lint: impl Fn(usize) -> T + Sync) -> Vec<(usize, T)> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(jobs.len()));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let worker = || loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(&job) = jobs.get(at) else { break };
                let outcome = lint(job);
                results
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((at, job, outcome));
            };
            let spawned = std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, worker);
            if spawned.is_err() {
                // No thread could be started: the jobs left are done by the ones that were.
                break;
            }
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    if results.len() < jobs.len() {
        // Not even one worker could start: lint here, on this thread.
        let done: Vec<usize> = results.iter().map(|(at, ..)| *at).collect();
        for (at, &job) in jobs.iter().enumerate().filter(|(at, _)| !done.contains(at)) {
            results.push((at, job, lint(job)));
        }
    }
    results.sort_by_key(|(at, ..)| *at);
    results
        .into_iter()
        .map(|(_, job, outcome)| (job, outcome))
        .collect()
}

/// `certificates_expire_together` compares the certificates of the whole run: when it
/// reports, the files that hold certificates are linted again, each with the certificates
/// of all the others. Certificate files are few and small.
fn compare_certificates(
    files: &[PathBuf],
    results: &mut [(usize, Result<Linted, FileError>)],
    settings: &Settings,
) {
    let together = rules::find("certificates_expire_together");
    if together.is_none_or(|lint| settings.level_of(lint) == Level::Allow) {
        return;
    }
    let held: Vec<(usize, &Certificate)> = results
        .iter()
        .filter_map(|(index, outcome)| Some((*index, &outcome.as_ref().ok()?.certificates)))
        .flat_map(|(index, held)| held.iter().map(move |c| (index, c)))
        .collect();
    let mut holders: Vec<usize> = held.iter().map(|(index, _)| *index).collect();
    holders.dedup();
    if holders.len() < 2 {
        return;
    }
    let again = in_parallel(&holders, |index| {
        let elsewhere: Vec<(PathBuf, Certificate)> = held
            .iter()
            .filter(|(other, _)| *other != index)
            .map(|(other, c)| (files[*other].clone(), (*c).clone()))
            .collect();
        lint_file(&files[index], settings, &elsewhere)
    });
    for (index, outcome) in again {
        if let Some(slot) = results.iter_mut().find(|(i, _)| *i == index) {
            slot.1 = outcome;
        }
    }
}

/// What linting one file gives: its report when it has findings, and the certificates it
/// holds, which `certificates_expire_together` compares across files.
#[derive(Debug)]
struct Linted {
    report: Option<FileReport>,
    certificates: Vec<Certificate>,
}

/// Reads and lints one file, with `elsewhere` the certificates of the run's other files.
fn lint_file(
    path: &Path,
    settings: &Settings,
    elsewhere: &[(PathBuf, Certificate)],
) -> Result<Linted, FileError> {
    let bytes = if certificates::is_certificate_file(path) {
        certificates::read_capped(path)
    } else {
        std::fs::read(path).map_err(|e| walk::reason(&e))
    };
    let (source, findings, certificates) = bytes
        .and_then(|bytes| lint_bytes_among(path, bytes, settings, elsewhere))
        .map_err(|reason| FileError::new(path, reason))?;
    Ok(Linted {
        report: (!findings.is_empty()).then_some(FileReport {
            source,
            findings,
            package: None,
        }),
        certificates,
    })
}

/// Lints a file's bytes as the file at `path`: certificates if it is named `*.pem`, `*.crt`,
/// `*.cer` or `*.der`, else Rust source (UTF-8 checked). Returns the text the findings are
/// shown in (empty for DER) with the findings, or why the bytes could not be linted.
pub fn lint_bytes(
    path: &Path,
    bytes: Vec<u8>,
    settings: &Settings,
) -> Result<(SourceFile, Vec<Finding>), String> {
    lint_bytes_among(path, bytes, settings, &[]).map(|(source, findings, _)| (source, findings))
}

fn lint_bytes_among(
    path: &Path,
    bytes: Vec<u8>,
    settings: &Settings,
    elsewhere: &[(PathBuf, Certificate)],
) -> Result<(SourceFile, Vec<Finding>, Vec<Certificate>), String> {
    if certificates::is_certificate_file(path) {
        let (text, held) = certificates::read_bytes(&bytes)?;
        let diagnostics = rules::check_certificates(&held, elsewhere, settings.clock());
        let spans: Vec<_> = held.iter().map(|c| c.span.clone()).collect();
        let diagnostics = suppress::apply(diagnostics, &suppress::in_pem_text(&text, &spans));
        let findings = with_levels(diagnostics, &[], settings);
        return Ok((SourceFile::new(path.to_path_buf(), text), findings, held));
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()))?;
    let (findings, held) = lint_text(path, &text, settings, elsewhere)?;
    Ok((SourceFile::new(path.to_path_buf(), text), findings, held))
}

/// Lints source text as if it were the file at `path` (which decides, for example, whether it
/// is test code). Returns the findings in source order, or why the text could not be linted.
///
/// Text may nest up to `MAX_NESTING` levels, and parsing recurses as deep: call this on a
/// thread with a large stack, as `lint_paths` and the language server do (1 GiB).
pub fn lint_source(path: &Path, text: &str, settings: &Settings) -> Result<Vec<Finding>, String> {
    lint_text(path, text, settings, &[]).map(|(findings, _)| findings)
}

const PANICKED: &str =
    "internal error: datelint panicked on this file (file skipped); please report it";

/// `lint_source` with the certificates of the run's other files; also returns the
/// certificates in the text's string literals.
fn lint_text(
    path: &Path,
    text: &str,
    settings: &Settings,
    elsewhere: &[(PathBuf, Certificate)],
) -> Result<(Vec<Finding>, Vec<Certificate>), String> {
    // Read whatever the prefilter says, since it skips string literals.
    let held = if text.contains("BEGIN CERTIFICATE") {
        within_nesting_limit(text)?;
        catch_unwind(AssertUnwindSafe(|| certificates::embedded(text))).map_err(|_| {
            proc_macro2::extra::invalidate_current_thread_spans();
            PANICKED.to_string()
        })?
    } else {
        Vec::new()
    };
    let found = rules::check_certificates(&held, elsewhere, settings.clock());
    if !settings.skip_prefilter {
        let skip = match prefilter::verdict(text) {
            prefilter::Verdict::Skip => true,
            prefilter::Verdict::YearArithmetic => !may_report_without_lists(path, text),
            prefilter::Verdict::Parse => false,
        };
        if skip {
            // The text does not hold `datelint`, so no suppression applies.
            return Ok((with_levels(found, &[], settings), held));
        }
    }
    within_nesting_limit(text)?;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let parsed = parse::parse_file(text);
        let result = match parsed {
            Ok(file) => {
                let mut checked =
                    checker::check_file(&file, text, is_test_path(path), is_julian_path(path));
                checked.findings.extend(found);
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
            return Err(PANICKED.into());
        }
    };
    Ok((with_levels(diagnostics, &items, settings), held))
}

/// A file nested deeper than `MAX_NESTING` is not parsed (nor tokenized): parsing recurses
/// once per level.
fn within_nesting_limit(text: &str) -> Result<(), String> {
    let depth = parse::nesting_bound(text);
    if depth > MAX_NESTING {
        return Err(format!(
            "nests {depth} levels deep (brackets and operators), more than datelint's limit of {MAX_NESTING} (file skipped)"
        ));
    }
    Ok(())
}

/// The findings at their levels (allowed ones dropped), with their enclosing items, in
/// source order.
fn with_levels(
    diagnostics: Vec<Diagnostic>,
    items: &[(std::ops::Range<usize>, String)],
    settings: &Settings,
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = diagnostics
        .into_iter()
        .map(|diagnostic| Finding {
            level: settings.level_of(diagnostic.lint),
            item: enclosing_item(items, diagnostic.span.start),
            diagnostic,
        })
        .filter(|f| f.level != Level::Allow)
        .collect();
    findings.sort_by_key(|f| (f.diagnostic.span.start, f.diagnostic.span.end));
    findings
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
        let error = lint_file(gone, &Settings::default(), &[]).expect_err("the file is gone");
        assert_eq!(
            error,
            FileError::new(gone, "no such file or folder".to_string())
        );
    }
}
