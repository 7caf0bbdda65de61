//! Baselines, for adopting datelint in a large codebase: `--write-baseline FILE` records
//! today's findings, `--baseline FILE` reports only findings that are not in it.
//!
//! A finding is keyed by lint, file and enclosing item (`Renewal::next`), not by line, so
//! edits elsewhere in the file do not turn old findings into new ones; each key has a count,
//! so a second finding of the same kind in the same item is new.
//!
//! # File format
//!
//! ```json
//! {"datelint_baseline": 1, "findings": [
//!   {"lint": "naive_year_shift", "file": "src/cert.rs", "item": "Renewal::next", "count": 1}
//! ]}
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use crate::engine::Report;

type Key = (String, String, String);

/// How many findings of each (lint, file, item) a baseline accepts.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

fn key(report_path: &Path, lint: &str, item: &str) -> Key {
    (
        lint.to_string(),
        crate::source::slash_path(report_path),
        item.to_string(),
    )
}

impl Baseline {
    /// The findings of `report` as a baseline.
    pub fn of(report: &Report) -> Baseline {
        let mut counts = BTreeMap::new();
        for file in &report.files {
            for finding in &file.findings {
                *counts
                    .entry(key(
                        &file.source.path,
                        finding.diagnostic.lint.name,
                        &finding.item,
                    ))
                    .or_default() += 1;
            }
        }
        Baseline { counts }
    }

    pub fn to_json(&self) -> String {
        let findings: Vec<Value> = self
            .counts
            .iter()
            .map(|((lint, file, item), count)| json!({"lint": lint, "file": file, "item": item, "count": count}))
            .collect();
        let mut text = String::from("{\"datelint_baseline\": 1, \"findings\": [\n");
        let lines: Vec<String> = findings.iter().map(|f| format!("  {f}")).collect();
        text.push_str(&lines.join(",\n"));
        text.push_str("\n]}\n");
        text
    }

    /// Reads a baseline file; the error names the file and the problem.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let name = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{name}: {}", crate::walk::reason(&e)))?;
        let value: Value =
            serde_json::from_str(&text).map_err(|e| format!("{name}: not a baseline: {e}"))?;
        if value["datelint_baseline"] != 1 {
            return Err(format!("{name}: not a datelint baseline (version 1)"));
        }
        let mut counts = BTreeMap::new();
        for entry in value["findings"]
            .as_array()
            .ok_or(format!("{name}: `findings` must be a list"))?
        {
            let field = |k: &str| {
                entry[k]
                    .as_str()
                    .map(str::to_string)
                    .ok_or(format!("{name}: a finding lacks `{k}`"))
            };
            let count = entry["count"]
                .as_u64()
                .ok_or(format!("{name}: a finding lacks `count`"))?;
            let count =
                usize::try_from(count).map_err(|_| format!("{name}: `count` is too large"))?;
            *counts
                .entry((field("lint")?, field("file")?, field("item")?))
                .or_default() += count;
        }
        Ok(Baseline { counts })
    }

    /// Removes from `report` the findings the baseline accepts, and returns how many.
    pub fn filter(&self, report: &mut Report) -> usize {
        let mut left = self.counts.clone();
        let mut hidden = 0;
        for file in &mut report.files {
            let path = file.source.path.clone();
            file.findings.retain(|finding| {
                let known = left.get_mut(&key(&path, finding.diagnostic.lint.name, &finding.item));
                match known {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        hidden += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        report.files.retain(|file| !file.findings.is_empty());
        hidden
    }
}
