//! `--message-format json`: the compiler messages of `cargo check --message-format json`.
//!
//! # Wire format
//!
//! One object per line: `{"reason":"compiler-message","package_id":..,"manifest_path":..,
//! "target":{..},"message":{..}}`, where `message` is a rustc diagnostic with
//! `code.code = "datelint::<lint>"`, one primary span (1-based lines, 1-based columns counted
//! in characters) and `note` and `help` children; the help carries `suggested_replacement`
//! when there is one. Outside cargo, the package is the nearest folder holding a
//! `Cargo.toml` (or the current folder), and `target` is synthesised for the file.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{human, level_word};
use crate::engine::{FileReport, Finding};
use crate::source::SourceFile;

pub(super) fn compiler_message(file: &FileReport, finding: &Finding) -> Value {
    let source = &file.source;
    let d = &finding.diagnostic;
    let span = |range: std::ops::Range<usize>, label: Option<&str>, replacement: Option<&str>| {
        span_json(
            source,
            range,
            label,
            replacement,
            d.help.applicability.as_str(),
        )
    };
    // One span per edit, as rustc does for a suggestion that also adds a `use` item.
    let help_spans: Vec<Value> = d
        .edits()
        .into_iter()
        .map(|edit| span(edit.span, None, Some(&edit.text)))
        .collect();
    let child = |level: &str, message: &str, spans: Vec<Value>| json!({"message": message, "code": null, "level": level, "spans": spans, "children": [], "rendered": null});
    let (package_id, manifest_path, target) = match &file.package {
        Some(package) => (
            package.package_id.clone(),
            package.manifest_path.clone(),
            package.target.clone(),
        ),
        None => synthesized_target(&source.path),
    };
    json!({
        "reason": "compiler-message",
        "package_id": package_id,
        "manifest_path": manifest_path,
        "target": target,
        "message": {
            "$message_type": "diagnostic",
            "message": d.message,
            "code": {"code": format!("datelint::{}", d.lint.name), "explanation": null},
            "level": level_word(finding),
            "spans": [span(d.span.clone(), Some(&d.label), None)],
            "children": [child("note", &d.note, Vec::new()), child("help", &d.help.message, help_spans)],
            "rendered": human::rendered(source, finding),
        }
    })
}

fn span_json(
    source: &SourceFile,
    range: std::ops::Range<usize>,
    label: Option<&str>,
    replacement: Option<&str>,
    applicability: &str,
) -> Value {
    let start = source.location(range.start);
    let end = source.location(range.end);
    let text: Vec<Value> = (start.line..=end.line)
        .map(|line| {
            let text = source.line_text(line - 1);
            let width = text.chars().count() + 1;
            let from = if line == start.line { start.column } else { 1 };
            let to = if line == end.line { end.column } else { width };
            json!({"text": text, "highlight_start": from, "highlight_end": to})
        })
        .collect();
    json!({
        "file_name": source.path.display().to_string(),
        "byte_start": range.start,
        "byte_end": range.end,
        "line_start": start.line,
        "line_end": end.line,
        "column_start": start.column,
        "column_end": end.column,
        "is_primary": true,
        "text": text,
        "label": label,
        "suggested_replacement": replacement,
        "suggestion_applicability": replacement.map(|_| applicability),
        "expansion": null,
    })
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Outside cargo mode: the package is the nearest folder holding a `Cargo.toml` (or the
/// current folder), and the target a library made of the file.
fn synthesized_target(path: &Path) -> (String, PathBuf, Value) {
    let (package_root, manifest_path) = package_of(path);
    let name = package_root.file_name().map_or_else(
        || "datelint-input".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let target = json!({
        "kind": ["lib"],
        "crate_types": ["lib"],
        "name": name,
        "src_path": absolute(path),
        "edition": "2021",
        "doc": false,
        "doctest": false,
        "test": false,
    });
    (
        format!("path+file://{}#{name}@0.0.0", package_root.display()),
        manifest_path,
        target,
    )
}

/// The folder of the nearest `Cargo.toml` above `path`, and that manifest's path; the
/// current folder when there is none.
fn package_of(path: &Path) -> (PathBuf, PathBuf) {
    let path = absolute(path);
    let root = path
        .ancestors()
        .skip(1)
        .find(|dir| dir.join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| absolute(Path::new(".")));
    let manifest = root.join("Cargo.toml");
    (root, manifest)
}
