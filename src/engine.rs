//! The pipeline for a set of files or one text: read (UTF-8 checked), prefilter, parse,
//! check, suppressions and levels, into a [`Report`]. Worker threads with large stacks lint
//! files in parallel; a panic while linting one file becomes that file's error. A second pass
//! lints the files that call a function of another file of their crate again, with what that
//! function returns (see `semantics/summaries.rs`). Certificate
//! files take a path of their own (read, certificate lints, suppressions, levels), and the
//! files holding certificates are linted again with the others' certificates at the end,
//! for `certificates_expire_together`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::iter::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};

use crate::certificates::{self, Certificate, Clock};
use crate::diagnostic::Diagnostic;
use crate::lint::{Level, Lint};
use crate::semantics::summaries::{Imported, Returns};
use crate::source::SourceFile;
use crate::{cargo, checker, config, parse, prefilter, rules, suppress, walk};

/// Which lints report, and at which level.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Skip parsing files that cannot produce a finding (see `prefilter.rs`). On unless
    /// turned off to check that it changes nothing.
    pub skip_prefilter: bool,
    /// The configuration file's levels (applied before `overrides`) and exclusions: of every
    /// file, or of those above which `discovery` finds none.
    pub config: config::Config,
    /// When set, each file takes the nearest configuration above it (see `config.rs`).
    pub discovery: Option<Arc<config::Discovery>>,
    /// `-A`, `-W` and `-D` in command-line order: a lint name, a group name, or `warnings`
    /// (every lint at warn level at that point). Later entries win.
    pub overrides: Vec<(Level, String)>,
    /// The moment time-dependent lints judge at, in unix seconds (UTC): `--now`, or the
    /// system clock when `None`.
    pub now: Option<i64>,
}

impl Settings {
    /// The settings for the file at `path`: with its own configuration when `discovery`
    /// finds one, or why that configuration cannot be read.
    pub fn for_file(&self, path: &Path) -> Result<Cow<'_, Settings>, String> {
        let Some(discovery) = &self.discovery else {
            return Ok(Cow::Borrowed(self));
        };
        Ok(match discovery.nearest(path)? {
            Some(config) => Cow::Owned(Settings {
                config: (*config).clone(),
                ..self.clone()
            }),
            None => Cow::Borrowed(self),
        })
    }

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
    /// The summaries of other files' functions it was linted with, for `--fix` to use again.
    pub(crate) imported: Imported,
}

impl FileReport {
    pub fn new(source: SourceFile, findings: Vec<Finding>) -> FileReport {
        FileReport {
            source,
            findings,
            package: None,
            imported: Imported::default(),
        }
    }
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
    /// Names every file as datelint shows it: relative to `base` (see
    /// [`crate::source::shown_path`]). Done last, once no file is read or written again.
    pub fn show_paths_from(&mut self, base: &Path) {
        for file in &mut self.files {
            file.source.path = crate::source::shown_path(&file.source.path, base);
        }
        for error in &mut self.errors {
            error.path = crate::source::shown_path(&error.path, base);
        }
    }

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

/// Lints bytes held in memory (standard input) as the file at `path`: a report of that one
/// file, or of why it could not be linted.
pub fn lint_in_memory(path: &Path, bytes: Vec<u8>, settings: &Settings) -> Report {
    match with_large_stack(|| lint_bytes(path, bytes.clone(), settings)) {
        Ok((source, findings)) => Report {
            files: (!findings.is_empty())
                .then(|| FileReport::new(source, findings))
                .into_iter()
                .collect(),
            files_linted: 1,
            ..Report::default()
        },
        Err(reason) => Report {
            errors: vec![FileError::new(path, reason)],
            ..Report::default()
        },
    }
}

/// Runs `job` on a worker with the stack that parsing needs (see [`lint_source`]), or on
/// this thread if the pool could not start.
pub fn with_large_stack<T: Send>(job: impl FnOnce() -> T + Send) -> T {
    match workers() {
        Some(pool) => pool.install(job),
        None => job(),
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

/// Lints every Rust and certificate file under `paths`, on all cores, in two passes: the
/// first lints every file and collects what its visible functions return; the second lints
/// again, with those summaries, the few files that call a function another file of their
/// crate summarized.
pub fn lint_paths(paths: &[PathBuf], settings: &Settings) -> Report {
    let (mut files, mut errors) = walk::files(paths);
    // A file whose configuration cannot be read is kept, and named with the reason.
    files.retain(|path| {
        !settings
            .for_file(path)
            .is_ok_and(|s| s.config.excludes(path))
    });
    // The largest files first, so that no worker is left with a big one at the end while
    // the others wait.
    let mut all: Vec<(u64, usize)> = files
        .iter()
        .enumerate()
        .map(|(i, path)| (std::fs::metadata(path).map_or(0, |m| m.len()), i))
        .collect();
    all.sort_unstable_by(|a, b| b.cmp(a));
    let all: Vec<usize> = all.into_iter().map(|(_, i)| i).collect();
    let mut linted = in_parallel(&all, |i| {
        lint_file(&files[i], settings, Imported::default(), &[])
    });
    linted.sort_unstable_by_key(|(i, _)| *i);
    let mut results: Vec<Outcome> = linted.into_iter().map(|(_, outcome)| outcome).collect();
    let roots = crate_roots(&files);
    let mut crates = crate_exports(&roots, &results);
    summarize_skipped(&files, &roots, &results, settings, &mut crates);
    let mut again: Vec<(usize, Imported)> = results
        .iter()
        .enumerate()
        .filter_map(|(i, result)| {
            let wanted = &result.as_ref().ok()?.1.wanted;
            let exports = crates.get(&roots[i])?;
            let imported: HashMap<String, Returns> = wanted
                .iter()
                .filter_map(|name| Some((name.clone(), exports.get(name)?.clone()?)))
                .collect();
            (!imported.is_empty()).then(|| (i, Imported::new(imported)))
        })
        .collect();
    let parsed = again.len();
    again.extend(calling_input(&files, &roots, &results, &crates));
    let everything = Settings {
        skip_prefilter: true,
        ..settings.clone()
    };
    let jobs: Vec<usize> = (0..again.len()).collect();
    let relinted = in_parallel(&jobs, |j| {
        let (i, imported) = &again[j];
        let settings = if j < parsed { settings } else { &everything };
        lint_file(&files[*i], settings, imported.clone(), &[])
    });
    for ((i, _), (_, result)) in again.iter().zip(relinted) {
        results[*i] = result;
    }
    compare_certificates(&files, &mut results, settings);
    let mut report = Report::default();
    for outcome in results {
        match outcome {
            Ok((file, _)) => {
                report.files_linted += 1;
                report.files.extend(file);
            }
            Err(error) => errors.push(error),
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    report.errors = errors;
    report
}

/// The result of linting a file: its report if it has findings, and what the rest of the run
/// needs of it (its part in the crate's summaries, its certificates).
type Outcome = Result<(Option<FileReport>, Linted), FileError>;

/// What each crate's files export, by the crate's root: a name defined in two files of one
/// crate maps to `None`, since a call cannot tell which is meant.
fn crate_exports<'p>(
    roots: &[&'p Path],
    results: &[Outcome],
) -> HashMap<&'p Path, HashMap<String, Option<Returns>>> {
    let mut crates: HashMap<&Path, HashMap<String, Option<Returns>>> = HashMap::new();
    for (root, result) in roots.iter().zip(results) {
        if let Ok((_, linted)) = result
            && !linted.exports.is_empty()
        {
            add_exports(crates.entry(root).or_default(), &linted.exports);
        }
    }
    crates
}

/// Adds one file's exports to its crate's.
fn add_exports(names: &mut HashMap<String, Option<Returns>>, exports: &[(String, Returns)]) {
    for (name, returns) in exports {
        names
            .entry(name.clone())
            .and_modify(|known| {
                if known.as_ref() != Some(returns) {
                    *known = None;
                }
            })
            .or_insert_with(|| Some(returns.clone()));
    }
}

/// The files the prefilter skipped that it would pass if the functions of their crate that
/// return input read input as `parse()` does: the input that their trigger needs
/// (`values::READS_INPUT`) may be read in another file. They are linted again, parsed,
/// with their crate's summaries.
fn calling_input(
    files: &[PathBuf],
    roots: &[&Path],
    results: &[Outcome],
    crates: &HashMap<&Path, HashMap<String, Option<Returns>>>,
) -> Vec<(usize, Imported)> {
    let candidates: Vec<usize> = (0..files.len())
        .filter(|&i| {
            matches!(&results[i], Ok((_, linted)) if linted.skipped)
                && crates.get(roots[i]).is_some_and(|exports| {
                    exports
                        .values()
                        .any(|r| matches!(r, Some(Returns::Input(_))))
                })
        })
        .collect();
    let calling = in_parallel(&candidates, |i| {
        let exports = crates.get(roots[i])?;
        let text = std::fs::read_to_string(&files[i]).ok()?;
        let readers: Vec<&str> = exports
            .iter()
            .filter(|(_, r)| matches!(r, Some(Returns::Input(_))))
            .map(|(name, _)| name.as_str())
            .collect();
        let verdict = prefilter::verdict_reading(&text, is_test_path(&files[i]), &readers);
        (verdict != prefilter::Verdict::Skip).then(|| {
            let all = exports.iter();
            Imported::new(
                all.filter_map(|(n, r)| Some((n.clone(), r.clone()?)))
                    .collect(),
            )
        })
    });
    calling
        .into_iter()
        .filter_map(|(i, imported)| Some((i, imported?)))
        .collect()
}

/// Adds to `crates` the exports of the files the prefilter skipped that define a function
/// another file of their crate calls: a file need not touch a date API to return a shifted
/// year (`d.year() + 1`) or the time now. The file is parsed only for its summaries.
fn summarize_skipped<'p>(
    files: &[PathBuf],
    roots: &[&'p Path],
    results: &[Outcome],
    settings: &Settings,
    crates: &mut HashMap<&'p Path, HashMap<String, Option<Returns>>>,
) {
    let mut wanted: HashMap<&Path, HashSet<&str>> = HashMap::new();
    for (root, result) in roots.iter().zip(results) {
        if let Ok((_, linted)) = result
            && !linted.wanted.is_empty()
        {
            let names = wanted.entry(root).or_default();
            names.extend(linted.wanted.iter().map(String::as_str));
        }
    }
    let candidates: Vec<usize> = (0..files.len())
        .filter(|&i| match (&results[i], wanted.get(roots[i])) {
            (Ok((_, linted)), Some(names)) => linted
                .public_fns
                .iter()
                .any(|name| names.contains(name.as_str())),
            _ => false,
        })
        .collect();
    let everything = Settings {
        skip_prefilter: true,
        ..settings.clone()
    };
    let exports = in_parallel(&candidates, |i| {
        let text = std::fs::read_to_string(&files[i]).ok()?;
        let linted = lint_text(&files[i], &text, &everything, Imported::default(), &[]).ok()?;
        Some((roots[i], linted.exports))
    });
    for (root, exports) in exports.into_iter().filter_map(|(_, found)| found) {
        add_exports(crates.entry(root).or_default(), &exports);
    }
}

/// For each file, the folder of the nearest `Cargo.toml` above it: files under one are one
/// crate. Files under none share the empty path. Each folder is looked at once.
fn crate_roots(files: &[PathBuf]) -> Vec<&Path> {
    let mut manifests: HashMap<&Path, bool> = HashMap::new();
    files
        .iter()
        .map(|path| {
            path.ancestors()
                .skip(1)
                .find(|dir| {
                    *manifests
                        .entry(dir)
                        .or_insert_with(|| dir.join("Cargo.toml").is_file())
                })
                .unwrap_or(Path::new(""))
        })
        .collect()
}

/// Runs `lint` on each of `jobs` on the worker pool and returns the results in the order of
/// `jobs`; on this thread if the pool could not start.
fn in_parallel<T: Send>(jobs: &[usize], lint: impl Fn(usize) -> T + Sync) -> Vec<(usize, T)> {
    let each = |&job: &usize| (job, lint(job));
    match workers() {
        // One job a task: files differ a thousandfold in cost, and rayon's halving of the
        // list left one worker with the costly half while the other waited.
        Some(pool) => pool.install(|| jobs.par_iter().with_max_len(1).map(each).collect()),
        None => jobs.iter().map(each).collect(),
    }
}

/// The worker pool, started on first use and kept for the run (the language server lints
/// again and again): rayon's thread per core, each with [`WORKER_STACK`]. `None` if no
/// thread could be started.
fn workers() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(WORKER_STACK)
            .build()
            .ok()
    })
    .as_ref()
}

/// `certificates_expire_together` compares the certificates of the whole run: when it
/// reports, the files that hold certificates are linted again, each with the certificates
/// of all the others. Certificate files are few and small.
fn compare_certificates(files: &[PathBuf], results: &mut [Outcome], settings: &Settings) {
    let together = rules::find("certificates_expire_together");
    if together.is_none_or(|lint| settings.level_of(lint) == Level::Allow) {
        return;
    }
    let held: Vec<(usize, &Certificate)> = results
        .iter()
        .enumerate()
        .filter_map(|(index, outcome)| Some((index, &outcome.as_ref().ok()?.1.certificates)))
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
        lint_file(&files[index], settings, Imported::default(), &elsewhere)
    });
    for (index, outcome) in again {
        results[index] = outcome;
    }
}

/// Reads and lints one file, with the summaries of the functions it calls in other files of
/// its crate and `elsewhere` the certificates of the run's other files.
fn lint_file(
    path: &Path,
    settings: &Settings,
    imported: Imported,
    elsewhere: &[(PathBuf, Certificate)],
) -> Outcome {
    let settings = &*settings
        .for_file(path)
        .map_err(|reason| FileError::new(path, reason))?;
    let bytes = if certificates::is_certificate_file(path) {
        certificates::read_capped(path)
    } else {
        std::fs::read(path).map_err(|e| walk::reason(&e))
    };
    let (text, mut linted) = bytes
        .and_then(|bytes| lint_bytes_among(path, bytes, settings, imported.clone(), elsewhere))
        .map_err(|reason| FileError::new(path, reason))?;
    let findings = std::mem::take(&mut linted.findings);
    // Most files have no finding: their lines are never indexed.
    let report = (!findings.is_empty()).then(|| FileReport {
        imported,
        ..FileReport::new(SourceFile::new(path.to_path_buf(), text), findings)
    });
    Ok((report, linted))
}

/// Lints a file's bytes as the file at `path`: certificates if it is named `*.pem`, `*.crt`,
/// `*.cer` or `*.der`, else Rust source (UTF-8 checked). Returns the text the findings are
/// shown in (empty for DER) with the findings, or why the bytes could not be linted.
pub fn lint_bytes(
    path: &Path,
    bytes: Vec<u8>,
    settings: &Settings,
) -> Result<(SourceFile, Vec<Finding>), String> {
    lint_bytes_among(path, bytes, settings, Imported::default(), &[])
        .map(|(text, linted)| (SourceFile::new(path.to_path_buf(), text), linted.findings))
}

fn lint_bytes_among(
    path: &Path,
    bytes: Vec<u8>,
    settings: &Settings,
    imported: Imported,
    elsewhere: &[(PathBuf, Certificate)],
) -> Result<(String, Linted), String> {
    if certificates::is_certificate_file(path) {
        let (text, held) = certificates::read_bytes(&bytes)?;
        let diagnostics = rules::check_certificates(&held, elsewhere, settings.clock());
        let spans: Vec<_> = held.iter().map(|c| c.span.clone()).collect();
        let diagnostics =
            suppress::apply(diagnostics, &suppress::in_pem_text(&text, &spans), |lint| {
                settings.level_of(lint) == Level::Forbid
            });
        let linted = Linted {
            findings: with_levels(diagnostics, &[], settings),
            certificates: held,
            ..Linted::default()
        };
        return Ok((text, linted));
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()))?;
    let linted = lint_text(path, &text, settings, imported, elsewhere)?;
    Ok((text, linted))
}

/// What linting one text gives: its findings, and what the rest of the run needs of it.
#[derive(Debug, Default)]
pub(crate) struct Linted {
    pub(crate) findings: Vec<Finding>,
    /// The certificates in its string literals, for `certificates_expire_together`.
    certificates: Vec<Certificate>,
    /// What its visible functions return, for the other files of its crate.
    exports: Vec<(String, Returns)>,
    /// The functions it calls that another file of its crate may define.
    wanted: Vec<String>,
    /// For a file the prefilter skipped: the names of the public functions it may define.
    public_fns: Vec<String>,
    /// The prefilter skipped it: no trigger of it is met, and it was not parsed.
    skipped: bool,
}

/// Lints source text as if it were the file at `path` (which decides, for example, whether it
/// is test code). Returns the findings in source order, or why the text could not be linted.
///
/// Text may nest up to `MAX_NESTING` levels, and parsing recurses as deep: call this on a
/// thread with a large stack, as `lint_paths` and the language server do (1 GiB).
///
/// A file alone knows only its own functions; `lint_paths` also follows calls into the other
/// files of its crate.
pub fn lint_source(path: &Path, text: &str, settings: &Settings) -> Result<Vec<Finding>, String> {
    lint_text(path, text, settings, Imported::default(), &[]).map(|linted| linted.findings)
}

const PANICKED: &str =
    "internal error: datelint panicked on this file (file skipped); please report it";

/// `lint_source` with the summaries of the functions it calls in other files of its crate
/// and the certificates of the run's other files.
pub(crate) fn lint_text(
    path: &Path,
    text: &str,
    settings: &Settings,
    imported: Imported,
    elsewhere: &[(PathBuf, Certificate)],
) -> Result<Linted, String> {
    // Read whatever the prefilter says, since it skips string literals.
    let held = if memchr::memmem::find(text.as_bytes(), b"BEGIN CERTIFICATE").is_some() {
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
        // The prefilter reads format strings with the lints' own code, which must not take
        // the run down with it either.
        let verdict = catch_unwind(|| prefilter::verdict(text, is_test_path(path)))
            .map_err(|_| PANICKED.to_string())?;
        let quiet = match verdict {
            prefilter::Verdict::Skip => Some(Linted {
                public_fns: public_fns(text),
                skipped: true,
                ..Linted::default()
            }),
            prefilter::Verdict::YearArithmetic => quiet_without_lists(path, text, &imported),
            prefilter::Verdict::Parse => None,
        };
        if let Some(quiet) = quiet {
            // The text does not hold `datelint`, so no suppression applies.
            return Ok(Linted {
                findings: with_levels(found, &[], settings),
                certificates: held,
                ..quiet
            });
        }
    }
    within_nesting_limit(text)?;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let parsed = parse::parse_file(text);
        let result = match parsed {
            Ok(file) => {
                let mut checked = checker::check_file(
                    &file,
                    text,
                    is_test_path(path),
                    is_julian_path(path),
                    imported,
                );
                checked.findings.extend(found);
                let (comments, malformed) = suppress::comments(text);
                checked.suppressions.extend(comments);
                let mut findings =
                    suppress::apply(checked.findings, &checked.suppressions, |lint| {
                        settings.level_of(lint) == Level::Forbid
                    });
                findings.extend(malformed);
                Ok((findings, checked.items, checked.exports, checked.wanted))
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
    let (diagnostics, items, exports, wanted) = match outcome {
        Ok(result) => result?,
        Err(_) => {
            proc_macro2::extra::invalidate_current_thread_spans();
            return Err(PANICKED.into());
        }
    };
    Ok(Linted {
        findings: with_levels(diagnostics, &items, settings),
        certificates: held,
        exports,
        wanted,
        ..Linted::default()
    })
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

/// The public functions a file may export a summary of, read from the text without parsing
/// it: on unindented lines (so not methods) that start with `pub`, a function that returns
/// an integer or a date or time.
fn public_fns(text: &str) -> Vec<String> {
    const INTEGERS: [&str; 12] = [
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
    ];
    let mut names = Vec::new();
    let starts = memchr::memmem::find_iter(text.as_bytes(), b"\npub").map(|at| at + 1);
    for at in std::iter::once(0).chain(starts) {
        let line = &text[at..];
        let signature = line.split(['{', ';']).next().unwrap_or_default();
        let (true, Some((_, after)), Some((_, returns))) = (
            line.starts_with("pub"),
            signature.split_once("fn "),
            signature.rsplit_once("->"),
        ) else {
            continue;
        };
        let returns = returns.trim();
        let dated = ["Date", "Time", "Zoned", "Timestamp"]
            .iter()
            .any(|t| returns.contains(t));
        if !(dated || INTEGERS.contains(&returns)) {
            continue;
        }
        let name: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            names.push(name);
        }
    }
    names
}

/// For a file of `prefilter::Verdict::YearArithmetic`: what it gives if the file with its
/// lists of literals blanked has no finding, in which case neither has the file (see
/// `prefilter::without_literal_lists`). A generated table of numbers costs syn about a hundred
/// times its size; without the table, the rest of the file is quick to check.
fn quiet_without_lists(path: &Path, text: &str, imported: &Imported) -> Option<Linted> {
    let shorter = prefilter::without_literal_lists(text)?;
    if parse::nesting_bound(&shorter) > MAX_NESTING {
        return None;
    }
    let quiet = catch_unwind(AssertUnwindSafe(|| {
        let file = parse::parse_file(&shorter).ok()?;
        let checked = checker::check_file(
            &file,
            &shorter,
            is_test_path(path),
            is_julian_path(path),
            imported.clone(),
        );
        checked.findings.is_empty().then(|| Linted {
            exports: checked.exports,
            wanted: checked.wanted,
            ..Linted::default()
        })
    }));
    proc_macro2::extra::invalidate_current_thread_spans();
    quiet.ok().flatten()
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
    fn parallel_results_keep_the_order_of_the_jobs_and_run_on_large_stacks() {
        let jobs: Vec<usize> = (0..200).rev().collect();
        let results = in_parallel(&jobs, |job| {
            // The first jobs take longest, so that later ones finish first.
            std::thread::sleep(std::time::Duration::from_micros(job as u64 * 20));
            job * 2
        });
        let expected: Vec<(usize, usize)> = jobs.iter().map(|&job| (job, job * 2)).collect();
        assert_eq!(results, expected);
        // 64 MiB on the stack: more than any thread gets by default.
        let deep = with_large_stack(|| {
            let block = [1u8; 64 << 20];
            std::hint::black_box(&block)
                .iter()
                .map(|&b| b as usize)
                .sum::<usize>()
        });
        assert_eq!(deep, 64 << 20);
    }

    #[test]
    fn a_file_gone_since_the_walk_is_an_error_that_names_it() {
        let gone = Path::new("tests/no such folder/gone.rs");
        let error = lint_file(gone, &Settings::default(), Imported::default(), &[])
            .expect_err("the file is gone");
        assert_eq!(
            error,
            FileError::new(gone, "no such file or folder".to_string())
        );
    }
}
