//! `--message-format sarif`: one SARIF 2.1.0 log on stdout, for GitHub code scanning and
//! other SARIF consumers.
//!
//! # Wire format
//!
//! One run whose `tool.driver` names the project's home (`informationUri`) and whose `rules`
//! list every lint (id, short and full description, help from `lints/<lint>.md` and its
//! published URL in `helpUri`, default level), and whose `results` hold one result per
//! finding: `ruleId`, `level`, `message`, a location with a repository-relative URI and a
//! region in 1-based lines and Unicode code point columns (`columnKind`; bytes for a DER
//! certificate), a
//! `partialFingerprints.primaryLocationLineHash` that survives edits elsewhere in the file,
//! and `fixes` for machine-applicable suggestions.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Value, json};

use crate::engine::{Finding, Report};
use crate::lint::{Level, Lint};
use crate::rules::LINTS;
use crate::source::SourceFile;

pub(super) fn log(report: &Report) -> Value {
    let rules: Vec<Value> = LINTS.iter().map(|lint| rule(lint)).collect();
    let mut results = Vec::new();
    for file in &report.files {
        let mut occurrences: HashMap<String, usize> = HashMap::new();
        for finding in &file.findings {
            results.push(result(&file.source, finding, &mut occurrences));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "datelint",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_HOMEPAGE"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn rule(lint: &Lint) -> Value {
    let level = match lint.default_level() {
        Level::Deny | Level::Forbid => "error",
        Level::Warn => "warning",
        Level::Allow => "none",
    };
    json!({
        "id": format!("datelint::{}", lint.name),
        "name": lint.name,
        "shortDescription": {"text": lint.summary},
        "fullDescription": {"text": section(lint.doc, "### What it does")},
        "help": {"text": lint.doc, "markdown": lint.doc},
        "helpUri": lint.doc_url(),
        "defaultConfiguration": {"level": level},
        "properties": {"tags": [lint.group.name()]},
    })
}

/// The text of one `### ` section of a lint's documentation, on one line.
fn section(doc: &str, heading: &str) -> String {
    let Some(start) = doc.find(heading) else {
        return String::new();
    };
    let body = &doc[start + heading.len()..];
    let end = body.find("\n### ").unwrap_or(body.len());
    body[..end].split_whitespace().collect::<Vec<_>>().join(" ")
}

fn result(
    source: &SourceFile,
    finding: &Finding,
    occurrences: &mut HashMap<String, usize>,
) -> Value {
    let d = &finding.diagnostic;
    let region = region_of(source, d.span.clone());
    let uri = relative_uri(&source.path);
    let location =
        json!({"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}});
    let line = source.line_text(source.line_index(d.span.start)).trim();
    let hash = format!(
        "{:016x}",
        fnv1a(format!("{}\0{line}", d.lint.name).as_bytes())
    );
    let occurrence = occurrences.entry(hash.clone()).or_default();
    *occurrence += 1;
    let mut result = json!({
        "ruleId": format!("datelint::{}", d.lint.name),
        "ruleIndex": LINTS.iter().position(|l| std::ptr::eq(*l, d.lint)),
        "level": if finding.level.is_error() { "error" } else { "warning" },
        "message": {"text": format!("{}: {}. {}. Help: {}", d.message, d.label, d.note, d.help.message)},
        "locations": [location],
        "partialFingerprints": {"primaryLocationLineHash": format!("{hash}:{occurrence}")},
    });
    let edits = d.fix();
    if !edits.is_empty() {
        let replacements: Vec<Value> = edits
            .iter()
            .map(|e| json!({"deletedRegion": region_of(source, e.span.clone()), "insertedContent": {"text": e.text}}))
            .collect();
        result["fixes"] = json!([{
            "description": {"text": d.help.message},
            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        }]);
    }
    result
}

fn region_of(source: &SourceFile, span: std::ops::Range<usize>) -> Value {
    if source.text.is_empty() {
        // A binary file (a DER certificate): the region is its bytes.
        return json!({"byteOffset": span.start, "byteLength": span.len()});
    }
    let (start, end) = (source.location(span.start), source.location(span.end));
    json!({"startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column})
}

/// The path as a URI reference, relative as datelint shows it (to the workspace root in
/// cargo mode, else to the current folder: the repository root in CI), with `/` separators
/// and percent-encoding; a path outside that folder as a `file://` URI.
fn relative_uri(path: &Path) -> String {
    let text = crate::source::slash_path(path);
    let mut uri = String::from(if path.is_absolute() { "file://" } else { "" });
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// FNV-1a, 64 bits: a stable hash for fingerprints (std's hasher is not stable across runs).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
