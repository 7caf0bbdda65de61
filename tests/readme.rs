//! The README's examples, run, so that none goes stale: every command of its `sh` blocks and
//! every `run:` step of its workflow snippets that runs datelint, in a small package made of
//! `examples/certificate_renewal.rs`, and the finding it shows, against the real output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{Scratch, git};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md is readable")
}

/// The lines of the README's code blocks in `language`.
fn blocks(readme: &str, language: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut open: Option<Vec<String>> = None;
    for line in readme.lines() {
        match &mut open {
            None if line.trim_start() == format!("```{language}") => open = Some(Vec::new()),
            Some(_) if line.trim_start() == "```" => found.extend(open.take()),
            Some(lines) => lines.push(line.to_string()),
            None => {}
        }
    }
    found
}

/// Runs a shell command line in `dir`, with the built `datelint` and `cargo-datelint` first on
/// `PATH` (so `cargo datelint` finds its subcommand there) and without colour.
fn shell(line: &str, dir: &Path) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_datelint"))
        .parent()
        .expect("the binary has a folder")
        .to_path_buf();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin];
    paths.extend(std::env::split_paths(&path));
    Command::new("sh")
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", std::env::join_paths(paths).expect("PATH joins"))
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs")
}

/// A committed package whose library and example are the README's example.
fn package(name: &str) -> Scratch {
    let dir = Scratch::new(name);
    let example = std::fs::read_to_string(root().join("examples/certificate_renewal.rs"))
        .expect("the example is readable");
    dir.file(
        "Cargo.toml",
        "[package]\nname = \"renewal\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    dir.file("src/lib.rs", &example);
    dir.file("examples/certificate_renewal.rs", &example);
    git(&dir.0, &["init", "-q"]);
    git(&dir.0, &["add", "."]);
    git(&dir.0, &["commit", "-q", "-m", "example"]);
    dir
}

#[test]
fn every_datelint_command_of_the_readme_runs() {
    let dir = package("commands");
    let readme = readme();
    let mut commands: Vec<String> = blocks(&readme, "sh").into_iter().flatten().collect();
    for block in blocks(&readme, "yaml") {
        for line in block {
            if let Some(run) = line.trim_start().strip_prefix("- run: ") {
                commands.push(run.to_string());
            }
        }
    }
    let mut ran = 0;
    for line in commands {
        // `cargo run --` is datelint, built; `cargo test` is this.
        let line = line.replace("cargo run -- ", "datelint ");
        let (command, comment) = line.split_once(" #").unwrap_or((&line, ""));
        let command = command.trim();
        if !(command.starts_with("datelint ") || command.starts_with("cargo datelint")) {
            continue;
        }
        let out = shell(command, &dir.0);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let expected = comment
            .split_once("(exit ")
            .and_then(|(_, code)| code.trim_end_matches(')').parse::<i32>().ok());
        match expected {
            Some(code) => assert_eq!(out.status.code(), Some(code), "`{command}`: {stderr}"),
            None => assert_ne!(out.status.code(), Some(2), "`{command}`: {stderr}"),
        }
        assert!(!stderr.starts_with("error:"), "`{command}`: {stderr}");
        ran += 1;
    }
    assert!(ran >= 8, "only {ran} commands found in README.md");
}

#[test]
fn the_readme_shows_the_finding_and_counts_datelint_prints() {
    let dir = package("finding");
    let out = shell("datelint examples/certificate_renewal.rs", &dir.0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let readme = readme();
    let shown = blocks(&readme, "text")
        .into_iter()
        .find(|block| block[0].starts_with("error[datelint::naive_year_shift]"))
        .expect("the README shows a finding")
        .join("\n");
    assert!(
        stderr.contains(&shown),
        "README:\n{shown}\n\ndatelint:\n{stderr}"
    );
    // "6 errors, 1 warning" in the first command's comment.
    let first = blocks(&readme, "sh")[0][0].clone();
    let counts = first
        .split_once("example: ")
        .and_then(|(_, rest)| rest.split_once(" (exit"))
        .map(|(counts, _)| counts.replace(", ", " and "))
        .expect("the first command says what it finds");
    assert!(
        stderr.contains(&format!("{counts} in 1 file")),
        "{counts}: {stderr}"
    );
}

#[test]
fn every_configuration_the_readme_shows_is_read() {
    let dir = package("configurations");
    let mut read = 0;
    for block in blocks(&readme(), "toml") {
        let text = block.join("\n");
        // Helix's languages.toml is another program's configuration.
        if text.contains("[language-server") {
            continue;
        }
        dir.file("datelint.toml", &text);
        let out = shell("datelint --show-config src/lib.rs", &dir.0);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        read += 1;
    }
    assert!(read >= 2, "only {read} configurations found in README.md");
}
