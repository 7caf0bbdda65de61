//! End-to-end tests of the binaries: exit codes, output formats, subcommands, bad files.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod common;
use common::{Scratch, datelint};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const AZURE_BUG: &str = "use chrono::{Datelike, NaiveDate};\n\
fn valid_to(from: NaiveDate) -> NaiveDate {\n    from.with_year(from.year() + 1).unwrap()\n}\n";

const UNCHECKED: &str = "use chrono::NaiveDate;\n\
fn parse(y: i32, m: u32, d: u32) -> NaiveDate {\n    NaiveDate::from_ymd_opt(y, m, d).unwrap()\n}\n";

const CLEAN: &str = "use chrono::{Months, NaiveDate};\n\
fn valid_to(from: NaiveDate) -> Option<NaiveDate> {\n    from.checked_add_months(Months::new(12))\n}\n";

#[test]
fn exit_status_is_0_when_clean_1_with_an_error_and_0_with_only_warnings() {
    let dir = Scratch::new("exit");
    dir.file("clean.rs", CLEAN);
    let clean = datelint(&["clean.rs"], &dir.0);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stderr));
    assert!(text(&clean.stderr).contains("no findings in 1 file"));

    dir.file("bug.rs", AZURE_BUG);
    let bug = datelint(&["bug.rs"], &dir.0);
    assert_eq!(bug.status.code(), Some(1));
    let stderr = text(&bug.stderr);
    assert!(
        stderr.contains("error[datelint::naive_year_shift]"),
        "{stderr}"
    );
    assert!(stderr.contains("bug.rs:3:5"), "{stderr}");
    assert!(
        stderr.contains("`from.checked_add_months(Months::new(12))`, with `use chrono::Months;`"),
        "the help names the import it needs: {stderr}"
    );
    assert!(
        stderr.contains("1 error and 0 warnings in 1 file"),
        "{stderr}"
    );

    dir.file("warn.rs", UNCHECKED);
    assert_eq!(datelint(&["warn.rs"], &dir.0).status.code(), Some(0));
    assert_eq!(
        datelint(&["-D", "warnings", "warn.rs"], &dir.0)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        datelint(&["-A", "naive_year_shift", "bug.rs"], &dir.0)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        datelint(&["-W", "correctness", "bug.rs"], &dir.0)
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn a_bad_command_line_exits_2() {
    let dir = Scratch::new("usage");
    assert_eq!(
        datelint(&["--message-format", "xml"], &dir.0).status.code(),
        Some(2)
    );
    let unknown = datelint(&["-A", "naive_year_shfit", "."], &dir.0);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("naive_year_shfit"));
}

#[test]
fn files_that_cannot_be_linted_are_named_and_the_others_still_linted() {
    let dir = Scratch::new("bad-files");
    // It names a date API: a file the prefilter skips is not parsed, so not reported.
    dir.file("src/a_broken.rs", "fn f(d: NaiveDate) { d.with_year( {");
    dir.file("src/b_latin1.rs", b"// caf\xe9\nfn f() {}\n");
    dir.file("src/c_bug.rs", AZURE_BUG);
    let out = datelint(&["--message-format", "json", "src", "missing.rs"], &dir.0);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("a_broken.rs: could not parse"), "{stderr}");
    assert!(stderr.contains("b_latin1.rs: not valid UTF-8"), "{stderr}");
    assert!(
        stderr.contains("missing.rs: no such file or folder"),
        "{stderr}"
    );
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "the good file is still linted: {stdout}"
    );
    assert!(stdout.contains("c_bug.rs"));
}

#[test]
fn folders_are_walked_as_ripgrep_walks_them() {
    let dir = Scratch::new("walk");
    dir.file(
        "Cargo.toml",
        "[package]\nname = \"x\"\nversion = \"0.1.0\"\n",
    );
    dir.file("src/lib.rs", AZURE_BUG);
    // A module named `target` is source; cargo's build output is not, wherever it is.
    dir.file("src/target/mod.rs", AZURE_BUG);
    dir.file("target/debug/build/out.rs", AZURE_BUG);
    dir.file(
        "build-output/CACHEDIR.TAG",
        "Signature: 8a477f597d28d172789f06886806bc55\n",
    );
    dir.file("build-output/debug/out.rs", AZURE_BUG);
    dir.file(".git/hooks/x.rs", AZURE_BUG);
    dir.file(".gitignore", "vendor/\n");
    dir.file("vendor/c/lib.rs", AZURE_BUG);
    dir.file(".ignore", "generated.rs\n");
    dir.file("src/generated.rs", AZURE_BUG);
    dir.file("src/notes.txt", AZURE_BUG);
    let outside = Scratch::new("walk-outside");
    outside.file("far.rs", AZURE_BUG);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside.0, dir.0.join("src/linked")).expect("symlink");
    let lines = |args: &[&str]| {
        let out = datelint(args, &dir.0);
        let stdout = text(&out.stdout);
        let mut files: Vec<String> = stdout
            .lines()
            .filter_map(|line| line.split(':').next().map(str::to_string))
            .collect();
        files.sort();
        files
    };
    assert_eq!(
        lines(&["--message-format", "short"]),
        ["src/lib.rs", "src/target/mod.rs"]
    );
    // A file named on the command line is linted, ignored or not.
    assert_eq!(
        lines(&[
            "--message-format",
            "short",
            "vendor/c/lib.rs",
            "src/generated.rs"
        ]),
        ["src/generated.rs", "vendor/c/lib.rs"]
    );
}

#[test]
fn paths_outside_the_current_folder_are_absolute_with_one_slash() {
    let dir = Scratch::new("absolute");
    let bug = dir.file("bug.rs", AZURE_BUG);
    dir.file("sub/keep", "");
    let absolute = bug.display().to_string();
    let out = datelint(
        &["--message-format", "short", &absolute],
        &dir.0.join("sub"),
    );
    assert!(
        text(&out.stdout).starts_with(&format!("{absolute}:3:5: error")),
        "{}",
        text(&out.stdout)
    );
    let sarif = datelint(
        &["--message-format", "sarif", &absolute],
        &dir.0.join("sub"),
    );
    let log: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri.as_str(), Some(format!("file://{absolute}").as_str()));
    let here = datelint(&["--message-format", "short", "./bug.rs"], &dir.0);
    assert!(text(&here.stdout).starts_with("bug.rs:3:5: error"));
}

#[test]
fn json_is_cargo_compiler_message_with_character_columns() {
    let dir = Scratch::new("json");
    // Two-byte characters before the finding: columns count characters, not bytes.
    let source = "use chrono::{Datelike, NaiveDate};\n\
fn f(d: NaiveDate) -> Option<NaiveDate> {\n    let _é = 1; let _ü = 2; d.with_year(d.year() + 1)\n}\n";
    dir.file("lib.rs", source);
    let out = datelint(&["--message-format", "json", "lib.rs"], &dir.0);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 1);
    let record = &lines[0];
    assert_eq!(record["reason"], "compiler-message");
    assert!(record["package_id"].is_string());
    assert!(
        record["manifest_path"]
            .as_str()
            .is_some_and(|p| p.ends_with("Cargo.toml"))
    );
    assert_eq!(record["target"]["kind"][0], "lib");
    assert!(
        record["target"]["src_path"]
            .as_str()
            .is_some_and(|p| p.ends_with("lib.rs"))
    );
    let message = &record["message"];
    assert_eq!(message["$message_type"], "diagnostic");
    assert_eq!(message["code"]["code"], "datelint::naive_year_shift");
    assert_eq!(message["level"], "error");
    assert!(
        message["rendered"]
            .as_str()
            .is_some_and(|r| r.starts_with("error[datelint::naive_year_shift]"))
    );
    let span = &message["spans"][0];
    let start = source
        .find("d.with_year")
        .expect("finding text is in the source");
    assert_eq!(span["byte_start"], start);
    assert_eq!(span["byte_end"], start + "d.with_year(d.year() + 1)".len());
    assert_eq!(span["line_start"], 3);
    assert_eq!(span["column_start"], 29);
    assert_eq!(span["column_end"], 29 + 25);
    assert_eq!(span["is_primary"], true);
    assert_eq!(span["text"][0]["highlight_start"], 29);
    let children = message["children"].as_array().expect("children");
    let help = children
        .iter()
        .find(|c| c["level"] == "help")
        .expect("a help child");
    assert_eq!(
        help["spans"][0]["suggested_replacement"],
        "d.checked_add_months(Months::new(12))"
    );
    assert_eq!(
        help["spans"][0]["suggestion_applicability"],
        "MachineApplicable"
    );
    // The name the replacement needs, added to the file's `use` item of chrono in order.
    let import = &help["spans"][1];
    assert_eq!(import["suggested_replacement"], "Months, ");
    assert_eq!(
        import["byte_start"],
        source.find("NaiveDate}").expect("NaiveDate")
    );
    assert_eq!(import["byte_start"], import["byte_end"]);
}

#[test]
fn explain_prints_the_lint_documentation() {
    let dir = Scratch::new("explain");
    let out = datelint(&["explain", "naive_year_shift"], &dir.0);
    assert_eq!(out.status.code(), Some(0));
    let doc = text(&out.stdout);
    assert!(
        doc.contains("### What it does") && doc.contains("29 February"),
        "{doc}"
    );
    assert_eq!(
        datelint(&["explain", "datelint::invalid_constant_date"], &dir.0)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        datelint(&["explain", "no_such_lint"], &dir.0).status.code(),
        Some(2)
    );
}

#[test]
fn rules_lists_every_lint_with_group_and_level() {
    let dir = Scratch::new("rules");
    let out = datelint(&["rules"], &dir.0);
    assert_eq!(out.status.code(), Some(0));
    let listing = text(&out.stdout);
    for lint in datelint::LINTS {
        let row = listing
            .lines()
            .find(|l| l.starts_with(lint.name))
            .expect("every lint is listed");
        assert!(
            row.contains(lint.group.name()) && row.contains(&lint.default_level().to_string()),
            "{row}"
        );
    }
}

#[test]
fn cargo_subcommand_drops_the_argument_cargo_passes() {
    let dir = Scratch::new("cargo");
    dir.file(
        "Cargo.toml",
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    dir.file("src/main.rs", AZURE_BUG);
    let out = Command::new(env!("CARGO_BIN_EXE_cargo-datelint"))
        .args(["datelint", "--message-format", "short"])
        .current_dir(&dir.0)
        .output()
        .expect("cargo-datelint runs");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("src/main.rs:3:5"));
    let help = Command::new(env!("CARGO_BIN_EXE_cargo-datelint"))
        .args(["datelint", "--help"])
        .output()
        .expect("cargo-datelint runs");
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("--workspace"));
}

#[test]
fn github_format_writes_escaped_workflow_commands() {
    let dir = Scratch::new("github");
    dir.file("src/lib.rs", AZURE_BUG);
    dir.file("src/warn.rs", UNCHECKED);
    let out = datelint(&["--message-format", "github", "src"], &dir.0);
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with(
            "::error file=src/lib.rs,line=3,endLine=3,col=5,endColumn=36,title=datelint%3A%3Anaive_year_shift::shifting the year"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("%0Anote: "), "{}", lines[0]);
    assert!(
        lines[1].starts_with("::warning file=src/warn.rs,line=3,"),
        "{}",
        lines[1]
    );
}

#[test]
fn colour_follows_the_environment_when_auto() {
    let dir = Scratch::new("colour");
    dir.file("bug.rs", AZURE_BUG);
    let run = |vars: &[(&str, &str)], args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_datelint"));
        command.args(args).arg("bug.rs").current_dir(&dir.0);
        for name in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CARGO_TERM_COLOR"] {
            command.env_remove(name);
        }
        command.envs(vars.iter().copied());
        text(&command.output().expect("datelint runs").stderr).contains('\u{1b}')
    };
    assert!(!run(&[], &[]), "not a terminal: no colour");
    assert!(run(&[("CLICOLOR_FORCE", "1")], &[]));
    assert!(run(&[("CARGO_TERM_COLOR", "always")], &[]));
    assert!(!run(
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        &["--color", "never"]
    ));
    assert!(!run(
        &[("NO_COLOR", "1"), ("CARGO_TERM_COLOR", "always")],
        &[]
    ));
    assert!(run(&[("NO_COLOR", "1")], &["--color", "always"]));
}

#[test]
fn sarif_lists_every_rule_and_locates_results_relative_to_the_repository() {
    let dir = Scratch::new("sarif");
    dir.file("src/lib.rs", AZURE_BUG);
    let out = datelint(&["--message-format", "sarif", "src"], &dir.0);
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), datelint::LINTS.len());
    assert!(rules.iter().all(|r| {
        r["shortDescription"]["text"].is_string()
            && r["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
            && r["help"]["markdown"].is_string()
            && r["defaultConfiguration"]["level"].is_string()
    }));
    assert_eq!(
        run["tool"]["driver"]["informationUri"],
        "https://github.com/datelint/datelint"
    );
    for rule in rules {
        let name = rule["name"].as_str().expect("rule name");
        assert_eq!(
            rule["helpUri"],
            format!("https://github.com/datelint/datelint/blob/main/lints/{name}.md")
        );
        // The URL names a page the repository has.
        let page = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("lints/{name}.md"));
        assert!(page.is_file(), "{}", page.display());
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "datelint::naive_year_shift");
    assert_eq!(result["level"], "error");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "src/lib.rs");
    assert_eq!(location["region"]["startLine"], 3);
    assert_eq!(location["region"]["startColumn"], 5);
    let fingerprint = result["partialFingerprints"]["primaryLocationLineHash"]
        .as_str()
        .expect("fingerprint");
    assert!(
        fingerprint.ends_with(":1") && fingerprint.len() == 18,
        "{fingerprint}"
    );
    // The machine-applicable fix: the replacement, then the name it needs, added to the
    // `use` item of chrono (`use chrono::{Datelike, NaiveDate};`) before `NaiveDate`.
    let replacements = &result["fixes"][0]["artifactChanges"][0]["replacements"];
    assert_eq!(
        replacements[0]["insertedContent"]["text"],
        "from.checked_add_months(Months::new(12))"
    );
    assert_eq!(replacements[1]["insertedContent"]["text"], "Months, ");
    assert_eq!(replacements[1]["deletedRegion"]["startLine"], 1);
    assert_eq!(replacements[1]["deletedRegion"]["startColumn"], 24);
    assert_eq!(replacements[1]["deletedRegion"]["endColumn"], 24);
}

#[test]
fn configuration_sets_levels_and_exclusions_and_the_command_line_wins() {
    let dir = Scratch::new("config");
    dir.file("src/lib.rs", AZURE_BUG);
    dir.file("src/generated/tables.rs", AZURE_BUG);
    dir.file(
        "datelint.toml",
        "exclude = [\"src/generated/**\"]\n\n[lints]\nnaive_year_shift = \"warn\"\n",
    );
    let out = datelint(&["--message-format", "short", "src"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "the excluded file is not linted: {stdout}"
    );
    assert!(
        stdout.contains("warning[datelint::naive_year_shift]"),
        "{stdout}"
    );
    assert_eq!(
        datelint(&["-D", "naive_year_shift", "src"], &dir.0)
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn cargo_metadata_configures_and_forbid_cannot_be_lowered() {
    let dir = Scratch::new("metadata");
    dir.file("src/lib.rs", AZURE_BUG);
    dir.file(
        "Cargo.toml",
        "[package]\nname = \"x\"\nversion = \"0.1.0\"\n\n[package.metadata.datelint.lints]\ncorrectness = \"forbid\"\n",
    );
    assert_eq!(
        datelint(&["-A", "naive_year_shift", "src"], &dir.0)
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn bad_configuration_is_an_error_that_names_the_file() {
    let dir = Scratch::new("bad-config");
    dir.file("src/lib.rs", CLEAN);
    dir.file("datelint.toml", "[lints]\nnaive_year_shfit = \"deny\"\n");
    let out = datelint(&["src"], &dir.0);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("datelint.toml") && stderr.contains("did you mean `naive_year_shift`?"),
        "{stderr}"
    );
    dir.file("datelint.toml", "levels = 1\n");
    let stderr = text(&datelint(&["src"], &dir.0).stderr);
    assert!(stderr.contains("unknown key `levels`"), "{stderr}");
    dir.file("datelint.toml", "[lints\n");
    let stderr = text(&datelint(&["src"], &dir.0).stderr);
    assert!(stderr.contains("datelint.toml: not valid TOML"), "{stderr}");
}

#[test]
fn a_baseline_hides_known_findings_even_after_edits_elsewhere() {
    let dir = Scratch::new("baseline");
    dir.file("src/lib.rs", AZURE_BUG);
    let written = datelint(&["--write-baseline", "baseline.json", "src"], &dir.0);
    assert_eq!(written.status.code(), Some(0), "{}", text(&written.stderr));
    assert!(
        text(&written.stderr).starts_with("       Wrote baseline.json (1 finding)\n"),
        "{}",
        text(&written.stderr)
    );
    let baseline = std::fs::read_to_string(dir.0.join("baseline.json")).expect("baseline written");
    assert!(
        baseline.contains("\"item\":\"valid_to\"") && baseline.contains("\"file\":\"src/lib.rs\""),
        "{baseline}"
    );

    // Lines added above move the old finding; a new function brings a new one.
    let edited = format!(
        "// a comment\n\n{AZURE_BUG}\nfn renew(d: NaiveDate) -> NaiveDate {{\n    d.with_year(d.year() + 2).unwrap()\n}}\n"
    );
    dir.file("src/lib.rs", edited);
    let out = datelint(
        &[
            "--baseline",
            "baseline.json",
            "--message-format",
            "short",
            "src",
        ],
        &dir.0,
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("src/lib.rs:9:5"),
        "only the new finding: {stdout}"
    );
    assert!(
        text(&datelint(&["--baseline", "baseline.json", "src"], &dir.0).stderr)
            .contains("1 finding in the baseline")
    );
    dir.file("broken.json", "{}");
    assert_eq!(
        datelint(&["--baseline", "broken.json", "src"], &dir.0)
            .status
            .code(),
        Some(2)
    );
}

/// The lint names `datelint --message-format short` reports in `dir`, with their files.
fn short_findings(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut full = vec!["--message-format", "short"];
    full.extend_from_slice(args);
    let output = datelint(&full, dir);
    text(&output.stdout)
        .lines()
        .filter_map(|line| {
            let file = line.split(':').next()?;
            let lint = line.split('[').nth(1)?.split(']').next()?;
            Some(format!("{file}: {lint}"))
        })
        .collect()
}

#[test]
fn a_call_into_another_file_of_the_crate_uses_what_that_function_returns() {
    let dir = Scratch::new("crate-summaries");
    dir.file("shop/Cargo.toml", "[package]\nname = \"shop\"\n");
    dir.file(
        "shop/src/dates.rs",
        "use chrono::{Datelike, NaiveDate};\n\
         pub fn next_year(d: &NaiveDate) -> i32 {\n    d.year() + 1\n}\n\
         pub fn now() -> chrono::DateTime<chrono::Utc> {\n    chrono::Utc::now()\n}\n",
    );
    let renew = "use chrono::{Datelike, NaiveDate};\nuse crate::dates::next_year;\n\
        pub fn renew(d: NaiveDate) -> NaiveDate {\n    \
        NaiveDate::from_ymd_opt(next_year(&d), d.month(), d.day()).unwrap()\n}\n\
        pub fn renew_by_path(d: NaiveDate) -> NaiveDate {\n    \
        NaiveDate::from_ymd_opt(crate::dates::next_year(&d), d.month(), d.day()).unwrap()\n}\n";
    dir.file("shop/src/renew.rs", renew);
    // The same call where `next_year` comes from another crate, or from a crate of its own.
    dir.file(
        "shop/src/foreign.rs",
        renew.replace("crate::dates", "other"),
    );
    dir.file("other/Cargo.toml", "[package]\nname = \"other\"\n");
    dir.file(
        "other/src/renew.rs",
        renew.replace("use crate::dates::next_year;\n", ""),
    );
    // Without the summary, an unknown year is only a possible failure.
    let unknown = ["unchecked_date_construction"; 2];
    let expected = |renew: [&str; 2]| {
        let files = [
            ("other/src/renew.rs", unknown),
            ("shop/src/foreign.rs", unknown),
        ];
        let mut all: Vec<String> = files
            .into_iter()
            .chain([("shop/src/renew.rs", renew)])
            .flat_map(|(file, lints)| lints.map(|lint| format!("{file}: datelint::{lint}")))
            .collect();
        all.sort();
        all
    };
    let mut found = short_findings(&dir.0, &["shop", "other"]);
    found.sort();
    assert_eq!(found, expected(["naive_year_shift"; 2]));
    // Defined in two files, the name says nothing.
    dir.file(
        "shop/src/twice.rs",
        "pub fn next_year(d: &chrono::NaiveDate) -> i32 {\n    2030\n}\n",
    );
    let mut found = short_findings(&dir.0, &["shop", "other"]);
    found.sort();
    assert_eq!(found, expected(unknown));
}

#[test]
fn input_read_in_another_file_reaches_a_file_with_no_date_api_of_its_own() {
    let dir = Scratch::new("crate-input");
    dir.file("app/Cargo.toml", "[package]\nname = \"app\"\n");
    dir.file(
        "app/src/input.rs",
        "use std::time::{Duration, Instant};\n\
         pub fn read_secs(s: &str) -> u64 {\n    s.trim().parse().unwrap_or(0)\n}\n\
         pub fn deadline(n: u64) -> Instant {\n    Instant::now() + Duration::from_secs(n)\n}\n",
    );
    // A module the file declares is of the crate, with or without `crate::`; the caller
    // reads no input itself, so the prefilter alone would skip it.
    dir.file(
        "app/src/lib.rs",
        "mod input;\nuse input::read_secs;\nuse std::time::{Duration, SystemTime};\n\
         pub fn later(s: &str) -> SystemTime {\n    \
         SystemTime::now() + Duration::from_secs(read_secs(s))\n}\n",
    );
    assert_eq!(
        short_findings(&dir.0, &["app"]),
        ["app/src/lib.rs: datelint::unchecked_date_arithmetic"]
    );
}

/// Runs `datelint` in `dir` with `input` on standard input.
fn datelint_with_stdin(args: &[&str], dir: &Path, input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_datelint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("datelint runs");
    // datelint may refuse the command line before it reads its input.
    let _ = child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes());
    child.wait_with_output().expect("datelint ends")
}

#[test]
fn cargo_mode_takes_lint_flags_after_a_double_dash_as_clippy_does() {
    let dir = Scratch::new("cargo-dashes");
    dir.file(
        "Cargo.toml",
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    dir.file("src/lib.rs", UNCHECKED);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_cargo-datelint"))
            .arg("datelint")
            .args(args)
            .current_dir(&dir.0)
            .env("NO_COLOR", "1")
            .output()
            .expect("cargo-datelint runs")
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    let denied = run(&["--", "-D", "warnings"]);
    assert_eq!(denied.status.code(), Some(1), "{}", text(&denied.stderr));
    assert_eq!(run(&["--", "-Dwarnings"]).status.code(), Some(1));
    assert_eq!(
        run(&[
            "-q",
            "--",
            "--deny=warnings",
            "-A",
            "unchecked_date_construction"
        ])
        .status
        .code(),
        Some(0)
    );
    let path = run(&["--", "src"]);
    assert_eq!(path.status.code(), Some(2));
    assert!(
        text(&path.stderr).starts_with("error: `src` after `--`"),
        "{}",
        text(&path.stderr)
    );
    let help = text(&run(&["--help"]).stdout);
    assert!(help.contains("Usage: cargo datelint"), "{help}");
}

#[test]
fn every_error_starts_with_error_and_names_get_a_suggestion() {
    let dir = Scratch::new("errors");
    dir.file("src/lib.rs", CLEAN);
    let explain = datelint(&["explain", "naive_year_shfit"], &dir.0);
    assert_eq!(explain.status.code(), Some(2));
    assert_eq!(
        text(&explain.stderr),
        "error: no lint named `naive_year_shfit`: did you mean `naive_year_shift`?\n"
    );
    let flag = datelint(&["-D", "datelint::year_as_356_days", "src"], &dir.0);
    assert_eq!(
        text(&flag.stderr),
        "error: unknown lint or group `year_as_356_days`: did you mean `year_as_365_days`?\n"
    );
    dir.file("datelint.toml", "[lints]\npedantik = \"warn\"\n");
    let config = text(&datelint(&["src"], &dir.0).stderr);
    assert!(
        config.starts_with("error: ") && config.contains("did you mean `pedantic`?"),
        "{config}"
    );
    std::fs::remove_file(dir.0.join("datelint.toml")).expect("config can be removed");
    let missing = text(&datelint(&["--baseline", "none.json", "src"], &dir.0).stderr);
    assert!(missing.starts_with("error: none.json"), "{missing}");
}

#[test]
fn check_names_a_folder_called_like_a_subcommand() {
    let dir = Scratch::new("check");
    dir.file("rules/lib.rs", AZURE_BUG);
    let out = datelint(&["check", "--message-format", "short", "rules"], &dir.0);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("rules/lib.rs:3:5: error"));
}

#[test]
fn a_dumb_terminal_gets_no_colour() {
    let dir = Scratch::new("dumb");
    dir.file("bug.rs", AZURE_BUG);
    // `script` gives datelint a terminal, where colour depends on what the terminal is.
    let on_terminal = |term: &str| {
        let out = Command::new("script")
            .args([
                "-qec",
                &format!("{} bug.rs", env!("CARGO_BIN_EXE_datelint")),
                "/dev/null",
            ])
            .current_dir(&dir.0)
            .env("TERM", term)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CARGO_TERM_COLOR")
            // anstream colours a CI log (`CI` set) whatever the terminal says.
            .env_remove("CI")
            .output()
            .expect("script runs");
        let shown = text(&out.stdout);
        assert!(shown.contains("naive_year_shift"), "{shown}");
        shown.contains('\u{1b}')
    };
    assert!(on_terminal("xterm-256color"));
    assert!(!on_terminal("dumb"));
}

#[test]
fn edition_2015_code_that_rustc_accepts_is_linted() {
    let dir = Scratch::new("edition2015");
    // The finding comes after the respelled forms, so its position shows that spans held.
    let source = format!(
        "trait Shape {{ fn area(&self, u32) -> f64; fn scale(f64); }}\n\
         fn apply(f: &Fn(u8) -> u8, g: Box<FnMut() + Send>, s: &Shape) -> u8 {{ f(1) }}\n\
         fn async() -> Result<u8, ()> {{ let dyn = 1; let x = try!(Ok(dyn)); Ok(x) }}\n{AZURE_BUG}"
    );
    dir.file("old.rs", &source);
    let out = datelint(&["--message-format", "short", "old.rs"], &dir.0);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "old.rs:6:5: error[datelint::naive_year_shift]: shifting the year keeps the month and day, which panics on 29 February 2024\n"
    );
    // A file that no edition accepts is still an error.
    dir.file("broken.rs", format!("{AZURE_BUG}fn f(u8) {{}}\n"));
    assert_eq!(datelint(&["broken.rs"], &dir.0).status.code(), Some(2));
}

#[test]
fn standard_input_is_linted_as_the_file_it_is_named() {
    let dir = Scratch::new("stdin");
    let out = datelint_with_stdin(&["--message-format", "short", "-"], &dir.0, AZURE_BUG);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("<stdin>:3:5: error"));
    let named = datelint_with_stdin(
        &[
            "--message-format",
            "short",
            "--stdin-filename",
            "src/renew.rs",
            "-",
        ],
        &dir.0,
        AZURE_BUG,
    );
    assert!(text(&named.stdout).starts_with("src/renew.rs:3:5: error"));
    dir.file("datelint.toml", "exclude = [\"src/generated/**\"]\n");
    let excluded = datelint_with_stdin(
        &["--stdin-filename", "src/generated/x.rs", "-"],
        &dir.0,
        AZURE_BUG,
    );
    assert_eq!(
        excluded.status.code(),
        Some(0),
        "{}",
        text(&excluded.stderr)
    );
    let fixed = datelint_with_stdin(&["--fix", "-"], &dir.0, AZURE_BUG);
    assert_eq!(fixed.status.code(), Some(0), "{}", text(&fixed.stderr));
    // `Datelike` served only the fixed call: its import goes, so rustc has nothing to warn of.
    assert_eq!(
        text(&fixed.stdout),
        "use chrono::{Months, NaiveDate};\nfn valid_to(from: NaiveDate) -> NaiveDate {\n    from.checked_add_months(Months::new(12)).unwrap()\n}\n"
    );
    let unchanged = datelint_with_stdin(&["--fix", "-"], &dir.0, CLEAN);
    assert_eq!(text(&unchanged.stdout), CLEAN);
    assert_eq!(
        datelint_with_stdin(&["-", "src"], &dir.0, CLEAN)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn exclude_globs_take_braces_and_classes_and_bad_ones_are_errors() {
    let dir = Scratch::new("globs");
    dir.file("src/v1.rs", AZURE_BUG);
    dir.file("src/v2.rs", AZURE_BUG);
    dir.file("src/gen/a.rs", AZURE_BUG);
    dir.file("src/keep.rs", AZURE_BUG);
    dir.file(
        "datelint.toml",
        "exclude = [\"src/v[12].rs\", \"src/{gen,other}\"]\n",
    );
    let out = datelint(&["--message-format", "short", "src"], &dir.0);
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("src/keep.rs:"), "{stdout}");
    let shown = text(&datelint(&["--show-config", "src/v1.rs"], &dir.0).stdout);
    assert!(
        shown.contains("configuration: ") && shown.contains("excluded: true"),
        "{shown}"
    );
    dir.file("datelint.toml", "exclude = [\"src/{a,b\"]\n");
    let bad = datelint(&["src"], &dir.0);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("`exclude`: invalid glob `src/{a,b`"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn forbid_wins_over_suppression_comments_and_attributes() {
    let dir = Scratch::new("forbid");
    let source = AZURE_BUG.replace(
        "    from.with_year",
        "    // datelint:allow(naive_year_shift) -- not allowed under forbid\n    from.with_year",
    );
    dir.file("bug.rs", &source);
    assert_eq!(datelint(&["bug.rs"], &dir.0).status.code(), Some(0));
    let out = datelint(
        &["-F", "correctness", "--message-format", "short", "bug.rs"],
        &dir.0,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("error[datelint::naive_year_shift]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("warning[datelint::unused_suppression]"),
        "{stdout}"
    );
    let attribute = "use chrono::{Datelike, NaiveDate};\n#[cfg_attr(datelint, allow(datelint::naive_year_shift))]\nfn valid_to(from: NaiveDate) -> NaiveDate {\n    from.with_year(from.year() + 1).unwrap()\n}\n";
    dir.file("attr.rs", attribute);
    assert_eq!(datelint(&["attr.rs"], &dir.0).status.code(), Some(0));
    assert_eq!(
        datelint(&["-F", "naive_year_shift", "attr.rs"], &dir.0)
            .status
            .code(),
        Some(1)
    );
    dir.file(
        "spaced.rs",
        AZURE_BUG.replace(
            "    from.with_year",
            "    // datelint: allow(naive_year_shift)\n    from.with_year",
        ),
    );
    dir.file(
        "typo.rs",
        AZURE_BUG.replace(
            "    from.with_year",
            "    // datelint:allow(naive_year_shfit)\n    from.with_year",
        ),
    );
    let typo = text(&datelint(&["typo.rs"], &dir.0).stderr);
    assert!(
        typo.contains(
            "no lint or group is named `naive_year_shfit`: did you mean `naive_year_shift`?"
        ),
        "{typo}"
    );
    let spaced = text(&datelint(&["--message-format", "short", "spaced.rs"], &dir.0).stdout);
    assert!(
        spaced.contains("spaced.rs:3:5: warning[datelint::unused_suppression]: this `datelint:` comment is not read")
            && spaced.contains("error[datelint::naive_year_shift]"),
        "{spaced}"
    );
}

#[test]
fn cargo_datelint_is_a_shim_that_runs_the_datelint_beside_it() {
    let dir = Scratch::new("shim");
    let alone = dir.0.join("cargo-datelint");
    std::fs::copy(env!("CARGO_BIN_EXE_cargo-datelint"), &alone).expect("the shim copies");
    let out = Command::new(&alone)
        .args(["datelint", "--help"])
        .env("PATH", "")
        .output()
        .expect("the shim runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("error: could not run `datelint`"),
        "{}",
        text(&out.stderr)
    );
    // Beside its datelint it is cargo mode, with cargo's usage line.
    let help = Command::new(env!("CARGO_BIN_EXE_cargo-datelint"))
        .args(["datelint", "--help"])
        .env("PATH", "")
        .output()
        .expect("the shim runs");
    assert!(text(&help.stdout).contains("Usage: cargo datelint"));
}
