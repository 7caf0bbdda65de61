//! `cargo check` after `--fix` gives no warning the code did not have: every fixture with a
//! `.fixed` file is compiled next to it, as two modules of one crate with rustc's default
//! warnings, and each warning of a `.fixed` module must be one its original has (an unused
//! variable left by a fix that stopped reading it, an unused import, ..).
//!
//! The crate is generated in the proof's own target folder, with this crate's manifest and
//! lock file, so it builds offline from the dependencies already there.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `.fixed` files and their originals, as (module name, original, fixed).
fn pairs(fixtures: &Path) -> Vec<(String, PathBuf, PathBuf)> {
    let mut pairs = Vec::new();
    for lint in std::fs::read_dir(fixtures).expect("fixtures/ is readable") {
        let lint = lint.expect("fixtures/ is readable").path();
        for case in std::fs::read_dir(&lint).expect("a fixture folder is readable") {
            let fixed = case.expect("a fixture folder is readable").path();
            if fixed.extension().is_some_and(|e| e == "fixed") {
                let name = format!(
                    "{}__{}",
                    lint.file_name().expect("a lint folder").to_string_lossy(),
                    fixed.file_stem().expect("a case").to_string_lossy()
                );
                pairs.push((name, fixed.with_extension("rs"), fixed));
            }
        }
    }
    pairs.sort();
    pairs
}

/// The warnings of each file, by message (the line moves when a fix adds an import).
type Warnings = BTreeMap<PathBuf, BTreeMap<String, usize>>;

fn warnings(output: &str) -> Warnings {
    let mut found = Warnings::new();
    for line in output.lines() {
        // `path:line:column: warning: message`
        let mut fields = line.splitn(4, ':');
        let (Some(path), Some(_), Some(_), Some(rest)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        if let Some(message) = rest.trim_start().strip_prefix("warning: ") {
            *found
                .entry(PathBuf::from(path))
                .or_default()
                .entry(message.to_string())
                .or_default() += 1;
        }
    }
    found
}

#[test]
fn fixes_add_no_warning() {
    let proof = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = proof
        .join("../../fixtures")
        .canonicalize()
        .expect("fixtures/");
    let krate = proof.join("target/no-new-warnings");
    std::fs::create_dir_all(krate.join("src")).expect("the target folder is writable");
    let manifest = std::fs::read_to_string(proof.join("Cargo.toml")).expect("Cargo.toml");
    let manifest = manifest.replace("build = \"build.rs\"\n", "");
    std::fs::write(krate.join("Cargo.toml"), manifest).expect("the target folder is writable");
    std::fs::copy(proof.join("Cargo.lock"), krate.join("Cargo.lock")).expect("Cargo.lock");
    let pairs = pairs(&fixtures);
    let mut lib = String::from("#![allow(deprecated, non_snake_case)]\n");
    for (name, original, fixed) in &pairs {
        let _ = writeln!(
            lib,
            "#[path = {:?}]\nmod original__{name};\n#[path = {:?}]\nmod fixed__{name};",
            original.display().to_string(),
            fixed.display().to_string()
        );
    }
    std::fs::write(krate.join("src/lib.rs"), lib).expect("the target folder is writable");
    let output = Command::new(env!("CARGO"))
        .args([
            "check",
            "--offline",
            "--locked",
            "--message-format",
            "short",
        ])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", krate.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the fixtures compile:\n{stderr}");
    let warnings = warnings(&stderr);
    assert!(
        !warnings.is_empty(),
        "the fixtures have warnings of their own (dead code): is the output read?\n{stderr}"
    );
    let none = BTreeMap::new();
    let mut new = Vec::new();
    for (_, original, fixed) in &pairs {
        let before = warnings.get(original).unwrap_or(&none);
        for (message, count) in warnings.get(fixed).unwrap_or(&none) {
            if before.get(message).unwrap_or(&0) < count {
                new.push(format!("{}: {message}", fixed.display()));
            }
        }
    }
    assert!(
        new.is_empty(),
        "warnings that fixes added:\n{}",
        new.join("\n")
    );
}
