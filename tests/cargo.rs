//! `cargo datelint` on a real workspace: package selection, and JSON that the
//! cargo_metadata crate (the parser rust-analyzer uses) reads as compiler messages of the
//! right package and target.

use std::io::BufReader;
use std::process::Command;

use cargo_metadata::{Message, MetadataCommand};

mod common;
use common::Scratch;

const BUG: &str = "use chrono::{Datelike, NaiveDate};\npub fn f(d: NaiveDate) -> Option<NaiveDate> {\n    d.with_year(d.year() + 1)\n}\n";

fn workspace(name: &str) -> Scratch {
    let dir = Scratch::new(name);
    dir.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"alpha\", \"beta\"]\nresolver = \"2\"\n",
    );
    for name in ["alpha", "beta"] {
        dir.file(
            &format!("{name}/Cargo.toml"),
            format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        );
        dir.file(&format!("{name}/src/lib.rs"), BUG);
    }
    dir.file("beta/tests/renewal.rs", BUG);
    dir
}

fn cargo_datelint(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-datelint"))
        .arg("datelint")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cargo-datelint runs")
}

#[test]
fn json_messages_name_the_real_package_and_target() {
    let dir = workspace("json");
    let metadata = MetadataCommand::new()
        .manifest_path(dir.0.join("Cargo.toml"))
        .no_deps()
        .exec()
        .expect("cargo metadata runs");
    let out = cargo_datelint(&dir.0, &["--workspace", "--message-format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut seen = Vec::new();
    for message in Message::parse_stream(BufReader::new(out.stdout.as_slice())) {
        let Message::CompilerMessage(message) = message.expect("a message cargo_metadata reads")
        else {
            panic!("only compiler messages are printed");
        };
        let package = metadata
            .packages
            .iter()
            .find(|p| p.id == message.package_id)
            .expect("the package id is cargo's own");
        assert!(
            package.targets.contains(&message.target),
            "the target is cargo's own"
        );
        let code = message.message.code.as_ref().map(|c| c.code.clone());
        assert_eq!(code.as_deref(), Some("datelint::naive_year_shift"));
        seen.push(format!("{}/{}", package.name, message.target.name));
    }
    seen.sort();
    assert_eq!(seen, ["alpha/alpha", "beta/beta", "beta/renewal"]);
}

#[test]
fn packages_are_selected_like_cargo_does() {
    let dir = workspace("selection");
    let lines = |args: &[&str], from: &std::path::Path| {
        let out = cargo_datelint(from, &[args, &["--message-format", "short"]].concat());
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        lines(&["-p", "alpha"], &dir.0),
        [
            "alpha/src/lib.rs:3:5: error[datelint::naive_year_shift]: shifting the year keeps the month and day, which rejects 29 February 2024"
        ]
    );
    assert_eq!(
        lines(&["--workspace", "--exclude", "beta"], &dir.0).len(),
        1
    );
    assert_eq!(
        lines(&[], &dir.0.join("beta")).len(),
        2,
        "the package in the current folder"
    );
    assert_eq!(
        lines(&[], &dir.0).len(),
        3,
        "the default members of a virtual workspace"
    );
    let manifest = dir.0.join("alpha/Cargo.toml");
    assert_eq!(
        lines(
            &["--manifest-path", manifest.to_str().expect("UTF-8 path")],
            &dir.0
        )
        .len(),
        1
    );
    let unknown = cargo_datelint(&dir.0, &["-p", "gamma"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("package `gamma`"));
}

#[test]
fn modules_declared_outside_the_target_folder_are_linted_with_its_package() {
    let dir = Scratch::new("path-modules");
    dir.file(
        "Cargo.toml",
        "[package]\nname = \"gamma\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    dir.file(
        "src/lib.rs",
        "#[path = \"../outside/extra.rs\"]\nmod extra;\nmod missing;\n",
    );
    // A `#[path]` file declares its own modules beside itself; the cycle back ends.
    dir.file("outside/extra.rs", format!("mod inner;\n{BUG}"));
    dir.file(
        "outside/inner.rs",
        format!("#[path = \"extra.rs\"]\nmod again;\n{BUG}"),
    );
    let metadata = MetadataCommand::new()
        .manifest_path(dir.0.join("Cargo.toml"))
        .no_deps()
        .exec()
        .expect("cargo metadata runs");
    let package = &metadata.packages[0];
    let out = cargo_datelint(&dir.0, &["--message-format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a missing module is not datelint's error: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files = Vec::new();
    for message in Message::parse_stream(BufReader::new(out.stdout.as_slice())) {
        let Message::CompilerMessage(message) = message.expect("a message cargo_metadata reads")
        else {
            panic!("only compiler messages are printed");
        };
        assert_eq!(message.package_id, package.id);
        assert_eq!(message.target, package.targets[0]);
        files.push(message.message.spans[0].file_name.clone());
    }
    assert_eq!(files, ["outside/extra.rs", "outside/inner.rs"]);
}

#[test]
fn paths_are_relative_to_the_workspace_root_from_any_folder() {
    let dir = workspace("root-relative");
    let files = |from: &str, args: &[&str]| {
        let out = cargo_datelint(&dir.0.join(from), args);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut files: Vec<String> = stdout
            .lines()
            .filter_map(|line| line.split(':').next().map(str::to_string))
            .collect();
        files.sort();
        (out.status.code(), files)
    };
    // From inside a package, the package you stand in, as clippy does.
    assert_eq!(
        files("alpha/src", &["--message-format", "short"]),
        (Some(1), vec!["alpha/src/lib.rs".to_string()])
    );
    let all = [
        "alpha/src/lib.rs".to_string(),
        "beta/src/lib.rs".to_string(),
        "beta/tests/renewal.rs".to_string(),
    ];
    assert_eq!(
        files("beta/tests", &["--workspace", "--message-format", "short"]),
        (Some(1), all.to_vec())
    );
    assert_eq!(
        files(
            "alpha",
            &["-p", "alpha", "-p", "beta", "--message-format", "short"]
        ),
        (Some(1), all.to_vec())
    );
    let json = cargo_datelint(&dir.0.join("alpha"), &["--message-format", "json"]);
    let message: serde_json::Value = serde_json::from_slice(
        json.stdout
            .split(|&b| b == b'\n')
            .next()
            .unwrap_or_default(),
    )
    .expect("a JSON message");
    assert_eq!(
        message["message"]["spans"][0]["file_name"],
        "alpha/src/lib.rs"
    );
    // A baseline written at the root holds from a subfolder.
    let written = cargo_datelint(&dir.0, &["--workspace", "--write-baseline", "base.json"]);
    assert_eq!(written.status.code(), Some(0));
    let baseline = dir.0.join("base.json").display().to_string();
    assert_eq!(
        files(
            "beta/src",
            &[
                "--workspace",
                "--baseline",
                &baseline,
                "--message-format",
                "short"
            ]
        ),
        (Some(0), vec![])
    );
}

#[test]
fn each_file_takes_the_nearest_configuration_and_two_at_one_level_are_an_error() {
    let dir = workspace("nearest-config");
    dir.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"alpha\", \"beta\"]\nresolver = \"2\"\n\n[workspace.metadata.datelint.lints]\nnaive_year_shift = \"warn\"\n",
    );
    dir.file(
        "alpha/Cargo.toml",
        "[package]\nname = \"alpha\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[package.metadata.datelint.lints]\ncorrectness = \"allow\"\n",
    );
    for from in [".", "alpha/src", "beta"] {
        let out = cargo_datelint(
            &dir.0.join(from),
            &["--workspace", "--message-format", "short"],
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "from {from}: {stdout}");
        assert!(!stdout.contains("alpha/"), "from {from}: {stdout}");
        assert_eq!(
            stdout
                .matches("warning[datelint::naive_year_shift]")
                .count(),
            2,
            "from {from}: {stdout}"
        );
    }
    let shown = cargo_datelint(&dir.0, &["--show-config", "alpha/src/lib.rs"]);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.contains("alpha/Cargo.toml [package.metadata.datelint]")
            && shown.contains("naive_year_shift               allow"),
        "{shown}"
    );
    dir.file("datelint.toml", "[lints]\npedantic = \"warn\"\n");
    let out = cargo_datelint(&dir.0, &["--workspace"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains("datelint.toml: datelint is configured twice in one folder")
            && stderr.contains("Cargo.toml [workspace.metadata.datelint]"),
        "{stderr}"
    );
}
