//! Runs every lint on every `fixtures/<lint>/*.rs` and checks that the findings are exactly
//! the lines annotated in rustc's UI-test style:
//!
//! - `code //~ lint` expects a finding of `lint` on this line;
//! - `//~^ lint` on its own line expects it on the line above (`//~^^` two lines above);
//! - `//~| lint` expects a second finding on the same line as the annotation before it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use datelint::fix::fix_source;
use datelint::{Level, Settings, SourceFile, lint_source};

/// The moment certificate fixtures are judged at, 2026-01-01T00:00:00Z, so that their
/// certificates never expire under the tests.
const NOW: i64 = 1_767_225_600;

/// A (1-based line, lint name) pair, counted: the same lint may fire twice on one line.
type Expectations = BTreeMap<(usize, String), usize>;

fn expectations(text: &str) -> Result<Expectations, String> {
    let mut expected = Expectations::new();
    let mut last_target = None;
    for (index, line) in text.lines().enumerate() {
        let Some(at) = line.find("//~") else { continue };
        let annotation = &line[at + 3..];
        let (target, rest) = if let Some(rest) = annotation.strip_prefix('|') {
            (
                last_target.ok_or(format!("line {}: `//~|` with nothing before it", index + 1))?,
                rest,
            )
        } else {
            let carets = annotation.chars().take_while(|&c| c == '^').count();
            let target = (index + 1).checked_sub(carets).filter(|&t| t > 0);
            (
                target.ok_or(format!("line {}: `//~^` points above the file", index + 1))?,
                &annotation[carets..],
            )
        };
        let lint = rest
            .split_whitespace()
            .next()
            .ok_or(format!("line {}: annotation without a lint", index + 1))?;
        if datelint::rules::find(lint).is_none() {
            return Err(format!("line {}: unknown lint `{lint}`", index + 1));
        }
        *expected.entry((target, lint.to_string())).or_default() += 1;
        last_target = Some(target);
    }
    Ok(expected)
}

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    for lint_dir in std::fs::read_dir(&root).expect("fixtures/ exists") {
        let lint_dir = lint_dir.expect("fixtures/ is readable").path();
        for entry in std::fs::read_dir(&lint_dir).expect("fixture folder is readable") {
            let path = entry.expect("fixture folder is readable").path();
            if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Compares the findings of one fixture with its annotations; returns a report of the
/// differences, or `None` when they agree.
fn check_fixture(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).expect("fixture is readable UTF-8");
    let relative = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path);
    let expected = match expectations(&text) {
        Ok(expected) => expected,
        Err(error) => return Some(format!("{}: {error}\n", relative.display())),
    };
    // Every lint runs on every fixture, pedantic ones included, as clippy's UI tests do.
    let settings = Settings {
        overrides: vec![(Level::Warn, "pedantic".to_string())],
        now: Some(NOW),
        ..Settings::default()
    };
    let findings = match lint_source(relative, &text, &settings) {
        Ok(findings) => findings,
        Err(error) => return Some(format!("{}: {error}\n", relative.display())),
    };
    let source = SourceFile::new(relative.to_path_buf(), text.clone());
    let mut actual = Expectations::new();
    for finding in &findings {
        let line = source.location(finding.diagnostic.span.start).line;
        *actual
            .entry((line, finding.diagnostic.lint.name.to_string()))
            .or_default() += 1;
    }
    let mut report = String::new();
    for ((line, lint), &count) in &expected {
        let found = actual.get(&(*line, lint.clone())).copied().unwrap_or(0);
        if found < count {
            let _ = writeln!(
                report,
                "{}:{line}: expected `{lint}`, found none\n    {}",
                relative.display(),
                source.line_text(line - 1).trim()
            );
        }
    }
    for finding in &findings {
        let line = source.location(finding.diagnostic.span.start).line;
        let key = (line, finding.diagnostic.lint.name.to_string());
        let wanted = expected.get(&key).copied().unwrap_or(0);
        if actual.get(&key).copied().unwrap_or(0) > wanted {
            let _ = writeln!(
                report,
                "{}:{line}: unexpected `{}`: {}\n    {}",
                relative.display(),
                finding.diagnostic.lint.name,
                finding.diagnostic.message,
                source.line_text(line - 1).trim()
            );
        }
    }
    (!report.is_empty()).then_some(report)
}

#[test]
fn every_fixture_produces_exactly_its_annotated_findings() {
    let files = fixture_files();
    assert!(!files.is_empty(), "no fixtures found");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| check_fixture(path))
        .collect();
    assert!(
        failures.is_empty(),
        "fixtures disagree with their annotations:\n{}",
        failures.concat()
    );
}

/// Compares `--fix` on one fixture with its `.fixed` file: present exactly when something is
/// fixable, equal to the fixed text, and fixed for good (a second fix changes nothing). With
/// `DATELINT_BLESS=1` the `.fixed` files are written instead.
fn check_fixed(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).expect("fixture is readable UTF-8");
    let settings = Settings {
        overrides: vec![(Level::Warn, "pedantic".to_string())],
        now: Some(NOW),
        ..Settings::default()
    };
    let expected_path = path.with_extension("fixed");
    let (fixed, count) = match fix_source(path, &text, &settings) {
        Ok(outcome) => outcome,
        Err(error) => return Some(format!("{}: {error}\n", path.display())),
    };
    if std::env::var_os("DATELINT_BLESS").is_some() {
        let _ = match count {
            0 => std::fs::remove_file(&expected_path),
            _ => std::fs::write(&expected_path, &fixed),
        };
        return None;
    }
    let expected = std::fs::read_to_string(&expected_path).ok();
    match (count, expected) {
        (0, None) => None,
        (0, Some(_)) => Some(format!(
            "{}: nothing is fixable, but the .fixed file exists\n",
            path.display()
        )),
        (_, None) => Some(format!(
            "{}: {count} fixes, but no .fixed file (DATELINT_BLESS=1 writes it)\n",
            path.display()
        )),
        (_, Some(expected)) if expected != fixed => Some(format!(
            "{}: the fixed text differs from the .fixed file (DATELINT_BLESS=1 rewrites it)\n",
            path.display()
        )),
        (_, Some(_)) => match fix_source(path, &fixed, &settings) {
            Ok((_, 0)) => None,
            Ok((_, again)) => Some(format!(
                "{}: a second --fix applies {again} more fixes\n",
                path.display()
            )),
            Err(error) => Some(format!("{}: {error}\n", path.display())),
        },
    }
}

#[test]
fn every_fixable_fixture_is_fixed_as_its_fixed_file_says() {
    let failures: Vec<String> = fixture_files()
        .iter()
        .filter_map(|path| check_fixed(path))
        .collect();
    assert!(failures.is_empty(), "{}", failures.concat());
}

#[test]
fn every_fixed_file_has_its_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for lint_dir in std::fs::read_dir(&root).expect("fixtures/ exists") {
        let lint_dir = lint_dir.expect("fixtures/ is readable").path();
        for entry in std::fs::read_dir(&lint_dir).expect("fixture folder is readable") {
            let path = entry.expect("fixture folder is readable").path();
            if path.extension().is_some_and(|e| e == "fixed") {
                assert!(
                    path.with_extension("rs").exists(),
                    "{} has no fixture",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_prefilter_changes_no_finding() {
    let every_lint = |skip_prefilter| Settings {
        overrides: vec![(Level::Warn, "pedantic".to_string())],
        skip_prefilter,
        now: Some(NOW),
        ..Settings::default()
    };
    for path in fixture_files() {
        let text = std::fs::read_to_string(&path).expect("fixture is readable UTF-8");
        // Each fixture also as a test file, where the prefilter reads fewer triggers.
        let as_test = Path::new("tests").join(path.file_name().expect("a fixture file"));
        for path in [&path, &as_test] {
            let spans = |skip| {
                lint_source(path, &text, &every_lint(skip))
                    .expect("fixtures parse")
                    .into_iter()
                    .map(|f| (f.diagnostic.lint, f.diagnostic.span))
                    .collect::<Vec<_>>()
            };
            let found = spans(false);
            assert_eq!(found, spans(true), "{}", path.display());
            if path == &as_test {
                for (lint, _) in found {
                    assert!(lint.reports_in_tests, "{} in {}", lint.name, path.display());
                }
            }
        }
    }
}

#[test]
fn annotations_are_parsed_like_rustc_ui_tests() {
    let expected = expectations(
        "a //~ naive_year_shift\nb\n//~^ invalid_constant_date\n//~| invalid_constant_date\n",
    )
    .expect("annotations parse");
    assert_eq!(expected.get(&(1, "naive_year_shift".to_string())), Some(&1));
    assert_eq!(
        expected.get(&(2, "invalid_constant_date".to_string())),
        Some(&2)
    );
    assert!(expectations("//~^ naive_year_shift").is_err());
    assert!(expectations("x //~ no_such_lint").is_err());
}
