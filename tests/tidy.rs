//! Conventions every lint keeps: a registry entry, a doc with the fixed sections, fixtures
//! with both halves, and messages in rustc's style.

use std::path::Path;

use datelint::{LINTS, Settings, lint_source};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_rule_file_is_registered_and_every_lint_has_a_doc_and_fixtures() {
    for entry in std::fs::read_dir(root().join("src/rules")).expect("src/rules exists") {
        let path = entry.expect("src/rules is readable").path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if stem != "mod" {
            assert!(
                datelint::rules::find(stem).is_some(),
                "src/rules/{stem}.rs is not in LINTS"
            );
        }
    }
    for lint in LINTS {
        let doc_path = root().join("lints").join(format!("{}.md", lint.name));
        let doc = std::fs::read_to_string(&doc_path).expect("every lint has lints/<name>.md");
        assert_eq!(
            doc, lint.doc,
            "the registry includes lints/{}.md",
            lint.name
        );
        for section in [
            "### What it does",
            "### Why is this bad?",
            "### Example",
            "Use instead:",
        ] {
            assert!(
                doc.contains(section),
                "lints/{}.md lacks `{section}`",
                lint.name
            );
        }
        assert!(
            doc.starts_with(&format!("# {}\n", lint.name)),
            "lints/{}.md starts with its name",
            lint.name
        );

        let fixtures = root().join("fixtures").join(lint.name);
        let (mut bad, mut good) = (0, 0);
        let annotation = format!("//~ {}", lint.name);
        let above = format!("//~^ {}", lint.name);
        for entry in std::fs::read_dir(&fixtures).expect("every lint has fixtures/<name>/") {
            let text =
                std::fs::read_to_string(entry.expect("readable").path()).expect("UTF-8 fixture");
            if text.contains(&annotation) || text.contains(&above) {
                bad += 1;
            } else {
                good += 1;
            }
        }
        assert!(
            bad > 0,
            "fixtures/{} has no case the lint must flag",
            lint.name
        );
        assert!(
            good > 0,
            "fixtures/{} has no file of look-alikes the lint must leave alone",
            lint.name
        );
    }
}

#[test]
fn lint_names_describe_the_bad_pattern() {
    for lint in LINTS {
        let name = lint.name;
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{name} is snake_case"
        );
        for banned in ["avoid_", "use_", "prefer_", "consider_"] {
            assert!(
                !name.starts_with(banned),
                "{name} names a fix, not the bad pattern"
            );
        }
    }
}

#[test]
fn messages_follow_rustc_style() {
    for entry in walk(&root().join("fixtures")) {
        let text = std::fs::read_to_string(&entry).expect("UTF-8 fixture");
        let findings = lint_source(&entry, &text, &Settings::default()).expect("fixtures parse");
        for finding in findings {
            let d = &finding.diagnostic;
            for (what, message) in [
                ("message", &d.message),
                ("label", &d.label),
                ("help", &d.help.message),
            ] {
                let first = message.chars().next().unwrap_or(' ');
                assert!(!first.is_uppercase(), "{what} starts lowercase: {message}");
                assert!(
                    !message.ends_with('.'),
                    "{what} has no trailing period: {message}"
                );
            }
            assert!(!d.note.is_empty(), "every finding says why: {}", d.message);
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}
