//! Inputs that must not crash, hang or mislead: encodings, line endings, wide characters,
//! deep nesting, huge files, odd paths and a closed stdout.

use std::io::Read;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;
use common::{Scratch, datelint};

/// Exit status 0 and no panic.
fn succeeds(out: &Output) {
    no_panic(out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn no_panic(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The start of the first finding in JSON: (line, column, byte).
fn first_span(out: &Output) -> (u64, u64, u64) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().next().expect("a finding");
    let record: Value = serde_json::from_str(line).expect("JSON");
    let span = &record["message"]["spans"][0];
    let n = |key: &str| span[key].as_u64().expect("a number");
    (n("line_start"), n("column_start"), n("byte_start"))
}

const BUG: &str = "d.with_year(d.year() + 1)";

#[test]
fn bom_crlf_tabs_and_wide_characters_keep_lines_and_columns_right() {
    let dir = Scratch::new("positions");
    let text = format!(
        "\u{feff}use chrono::{{Datelike, NaiveDate}};\r\nfn f(d: NaiveDate) {{\r\n\t let _日本 = \"🎉\"; {BUG};\r\n}}\r\n"
    );
    dir.file("a.rs", &text);
    let out = datelint(&["--message-format", "json", "a.rs"], &dir.0);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let (line, column, byte) = first_span(&out);
    assert_eq!(line, 3);
    // Tab, space, `let _日本 = "🎉"; ` are 17 characters before the finding.
    assert_eq!(column, 18);
    assert_eq!(&text[byte as usize..byte as usize + BUG.len()], BUG);
    let short = datelint(&["--message-format", "short", "a.rs"], &dir.0);
    assert!(String::from_utf8_lossy(&short.stdout).starts_with("a.rs:3:18: "));
    let human = datelint(&["a.rs"], &dir.0);
    assert!(String::from_utf8_lossy(&human.stderr).contains("┌─ a.rs:3:18"));
    let github = datelint(&["--message-format", "github", "a.rs"], &dir.0);
    let github = String::from_utf8_lossy(&github.stdout).into_owned();
    assert!(
        github.contains(",line=3,") && github.contains(",col=18,"),
        "{github}"
    );
    let sarif = datelint(&["--message-format", "sarif", "a.rs"], &dir.0);
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF");
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&3.into(), &18.into())
    );
}

#[test]
#[cfg(target_os = "linux")]
fn a_file_that_cannot_be_read_after_the_walk_is_named_and_the_rest_is_linted() {
    // On Linux, reading /proc/self/mem at offset 0 fails although the file exists: the same
    // path as a file that vanishes between the walk and the read.
    let dir = Scratch::new("unreadable");
    dir.file(
        "a.rs",
        format!("use chrono::{{Datelike, NaiveDate}};\nfn f(d: NaiveDate) {{ {BUG}; }}\n"),
    );
    let out = datelint(&["a.rs", "/proc/self/mem"], &dir.0);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: /proc/self/mem: "), "{stderr}");
    assert!(
        stderr.contains("error[datelint::naive_year_shift]"),
        "{stderr}"
    );
}

#[test]
fn an_empty_file_and_a_folder_named_like_a_file_are_fine() {
    let dir = Scratch::new("empty");
    dir.file("empty.rs", "");
    std::fs::create_dir_all(dir.0.join("folder.rs")).expect("folder");
    let out = datelint(&["empty.rs", "folder.rs", "."], &dir.0);
    succeeds(&out);
}

#[test]
fn deeply_nested_expressions_do_not_overflow_the_stack() {
    let dir = Scratch::new("deep");
    let depth = 15_000;
    dir.file(
        "parens.rs",
        format!(
            "fn f(d: NaiveDate) {{ let x = {}d.with_year(1){}; }}\n",
            "(".repeat(depth),
            ")".repeat(depth)
        ),
    );
    dir.file(
        "blocks.rs",
        format!(
            "fn f(d: NaiveDate) {}d.with_year(1){}\n",
            "{ ".repeat(depth),
            "}".repeat(depth)
        ),
    );
    dir.file(
        "sums.rs",
        format!(
            "fn f(d: NaiveDate) {{ let x = {}d.day(); }}\n",
            "1 + ".repeat(depth)
        ),
    );
    // Nesting without brackets (the fuzzer's find), and long chains and nests that lints
    // used to walk again at every level.
    let date = "fn f(d: NaiveDate) { d.with_year(1); }";
    let in_type = |open: &str, close: &str, n: usize| {
        format!(
            "type T = {}u8{};\n{date}\n",
            open.repeat(n),
            close.repeat(n)
        )
    };
    let around_call = |open: &str, close: &str, n: usize| {
        format!(
            "fn f(d: NaiveDate) {{ {}d.with_year(1){}; }}\n",
            open.repeat(n),
            close.repeat(n)
        )
    };
    let shapes = [
        ("refs.rs", in_type("&", "", depth)),
        ("generics.rs", in_type("V<", ">", depth / 2)),
        ("fn_types.rs", in_type("fn() -> ", "", depth / 3)),
        ("closures.rs", around_call("|| ", "", depth / 2)),
        ("ifs.rs", around_call("if if ", " {} {}", depth / 4)),
        ("vecs.rs", around_call("vec![", "]", depth / 2)),
        ("tries.rs", around_call("", ".with_day(1)?", depth / 2)),
    ];
    for (name, text) in shapes {
        dir.file(name, text);
    }
    let out = datelint(&["."], &dir.0);
    succeeds(&out);
}

#[test]
fn nesting_beyond_the_limit_is_reported_and_the_rest_is_linted() {
    let dir = Scratch::new("too-deep");
    let depth = 50_000;
    dir.file(
        "a_deep.rs",
        format!(
            "fn f(d: NaiveDate) {{ let x = {}d.with_year(1){}; }}\n",
            "(".repeat(depth),
            ")".repeat(depth)
        ),
    );
    dir.file(
        "b_bug.rs",
        format!("use chrono::{{Datelike, NaiveDate}};\nfn f(d: NaiveDate) {{ {BUG}; }}\n"),
    );
    // A million levels without brackets overflowed a 1 GiB stack before they were counted.
    dir.file(
        "a_deep_refs.rs",
        format!(
            "type T = {}u8;\nfn f(d: NaiveDate) {{ d.with_year(1); }}\n",
            "&".repeat(1_000_000)
        ),
    );
    let out = datelint(&["--message-format", "short", "."], &dir.0);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a_deep.rs: nests 50006 levels deep"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a_deep_refs.rs: nests 1000002 levels deep"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("b_bug.rs:2:"));
}

#[test]
fn a_100_000_line_file_is_linted_whole() {
    let dir = Scratch::new("huge");
    let mut text = String::from("use chrono::{Datelike, NaiveDate};\n");
    for i in 0..100_000 {
        let line = if i == 99_998 {
            format!("fn f{i}(d: NaiveDate) -> Option<NaiveDate> {{ {BUG} }}\n")
        } else {
            format!("fn f{i}(d: NaiveDate) -> u32 {{ d.day() + {i} }}\n")
        };
        text.push_str(&line);
    }
    dir.file("huge.rs", &text);
    let out = datelint(&["--message-format", "json", "huge.rs"], &dir.0);
    no_panic(&out);
    assert_eq!(first_span(&out).0, 100_000);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed_and_the_rest_is_linted() {
    let dir = Scratch::new("links");
    std::fs::create_dir_all(dir.0.join("src/inner")).expect("folder");
    std::os::unix::fs::symlink("..", dir.0.join("src/inner/up")).expect("symlink");
    std::fs::write(
        dir.0.join("src/lib.rs"),
        format!("use chrono::{{Datelike, NaiveDate}};\nfn f(d: NaiveDate) {{ {BUG}; }}\n"),
    )
    .expect("file");
    let out = datelint(&["--message-format", "short", "src"], &dir.0);
    no_panic(&out);
    // A symbolic link to a folder is not followed, so a loop ends nothing and costs nothing.
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1,
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let dir = Scratch::new("pipe");
    let mut text = String::from("use chrono::{Datelike, NaiveDate};\n");
    for i in 0..5_000 {
        text.push_str(&format!("fn f{i}(d: NaiveDate) {{ {BUG}; }}\n"));
    }
    dir.file("many.rs", &text);
    let mut child = Command::new(env!("CARGO_BIN_EXE_datelint"))
        .args(["--message-format", "json", "many.rs"])
        .current_dir(&dir.0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("datelint starts");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // Dropping the reading end closes the pipe, like `datelint | head -c 16`.
    let status = child.wait().expect("datelint ends");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(0), "{stderr}");
}

#[test]
fn extreme_integer_literals_do_not_overflow() {
    reports_without_panic(
        "extremes",
        "use chrono::{Datelike, NaiveDate};\nfn f(d: NaiveDate) {\n    d.with_day0(9223372036854775807);\n    d.with_month0(9223372036854775807).unwrap().with_day0(9223372036854775807);\n    NaiveDate::from_ymd_opt(-9223372036854775808, 1, 1);\n    d.with_year(d.year() + 9223372036854775807).unwrap();\n    let y = d.year() - 9223372036854775807 - 9223372036854775807;\n}\n",
    );
}

/// Lints `text` as a file of its own: datelint must not panic, and must report something.
fn reports_without_panic(name: &str, text: &str) {
    let dir = Scratch::new(name);
    dir.file("a.rs", text);
    let out = datelint(&["a.rs"], &dir.0);
    no_panic(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A string that only looks like a format may end a specifier with any character: nu's
/// tests hold `"!@#$%¨&*-+;,{}[]()"`, whose `%¨` once panicked the format lints.
#[test]
fn a_specifier_ending_in_a_wide_character_is_read_whole() {
    reports_without_panic(
        "wide-specifier",
        "fn f() { let _ = \"!@#$%¨&*\"; let _ = \"%Y-%M-%¨\"; let _ = \"%H:%m %ü\"; let _ = \"%m-%j%é\"; let _ = \"%G-%m-%€\"; }\nfn g(d: chrono::NaiveDate) -> String { d.format(\"%Y-%M-%¨\").to_string() }\n",
    );
}
