//! The whole pipeline on one input, with the properties that must hold for any text (and,
//! read as a certificate file, for any bytes): used by
//! the fuzz target (`fuzz/`) and by `tests/fuzz_regressions.rs`, which replays the inputs
//! the fuzzer found and the fixtures it was seeded with.
//!
//! A violated property panics, which is what the fuzzer looks for.

use std::path::Path;

use codespan_reporting::term::termcolor::NoColor;
use datelint::emit::{MessageFormat, write};
use datelint::fix::fix_source;
use datelint::{FileReport, Finding, Level, Report, Settings, SourceFile, lint_bytes, lint_source};

/// Lints `data`, renders the findings in every output format, applies the fixes and lints
/// the result again, on a thread with the stack datelint's workers have (1 GiB), since deep
/// nesting recurses as deep. A panic there is a panic here.
pub fn check(data: &[u8]) {
    let worker = std::thread::Builder::new().stack_size(1 << 30);
    let outcome = std::thread::scope(|scope| {
        worker
            .spawn_scoped(scope, || check_here(data))
            .map(|handle| handle.join())
    });
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        // No thread could be started: check here, on a smaller stack.
        Err(_) => check_here(data),
    }
}

fn settings() -> Settings {
    Settings {
        overrides: vec![(Level::Warn, "pedantic".to_string())],
        ..Settings::default()
    }
}

fn check_here(data: &[u8]) {
    check_certificates(data);
    // Files that are not UTF-8 are turned away before linting (tests/cli.rs).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let settings = settings();
    let path = Path::new("src/fuzzed.rs");
    let findings = match lint_source(path, text, &settings) {
        Ok(findings) => findings,
        // Text that does not parse, or nests too deep, is reported and skipped: fine. A
        // panic is caught and reported as an internal error: a bug.
        Err(reason) => {
            assert!(!reason.contains("internal error"), "{reason}");
            return;
        }
    };
    check_spans(text, &findings);
    render(
        SourceFile::new(path.to_path_buf(), text.to_string()),
        findings,
    );
    let (fixed, count) = fix_source(path, text, &settings).expect("fixing never fails");
    if count > 0 {
        syn::parse_file(&fixed).expect("fixed code parses");
        let (_, again) = fix_source(path, &fixed, &settings).expect("fixing never fails");
        assert_eq!(again, 0, "a second fix changes nothing:\n{fixed}");
    }
}

/// The bytes as a PEM and as a DER file: read or refused with a reason, never a panic, and
/// findings inside the text shown.
fn check_certificates(data: &[u8]) {
    for name in ["certs/fuzzed.pem", "certs/fuzzed.der"] {
        let path = Path::new(name);
        if let Ok((source, findings)) = lint_bytes(path, data.to_vec(), &settings()) {
            if !source.text.is_empty() {
                check_spans(&source.text, &findings);
            }
            render(source, findings);
        }
    }
}

fn check_spans(text: &str, findings: &[Finding]) {
    for finding in findings {
        let span = &finding.diagnostic.span;
        assert!(
            span.start <= span.end
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end),
            "a span outside the text: {span:?}"
        );
        for edit in finding.diagnostic.edits() {
            assert!(
                text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end),
                "an edit outside the text: {edit:?}"
            );
        }
    }
}

/// Renders the findings in every output format; machine formats must be JSON.
fn render(source: SourceFile, findings: Vec<Finding>) {
    let report = Report {
        files: vec![FileReport::new(source, findings)],
        files_linted: 1,
        ..Report::default()
    };
    for format in [
        MessageFormat::Human,
        MessageFormat::Short,
        MessageFormat::Json,
        MessageFormat::Github,
        MessageFormat::Sarif,
    ] {
        let (mut out, mut err) = (Vec::new(), NoColor::new(Vec::new()));
        write(&report, format, false, &mut out, &mut err).expect("rendering to memory works");
        let out = String::from_utf8(out).expect("output is UTF-8");
        match format {
            MessageFormat::Json => {
                for line in out.lines() {
                    serde_json::from_str::<serde_json::Value>(line).expect("each line is JSON");
                }
            }
            MessageFormat::Sarif => {
                serde_json::from_str::<serde_json::Value>(&out).expect("SARIF is JSON");
            }
            _ => {}
        }
    }
}
