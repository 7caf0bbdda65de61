//! `--fix` end to end: what it writes, what it refuses, and that it never leaves a file
//! half-written or changes it twice.

use std::path::Path;
use std::process::Command;

mod common;
use common::{Scratch, datelint, git};

const AZURE_BUG: &str = "use chrono::{Datelike, NaiveDate};\n\
fn valid_to(from: NaiveDate) -> NaiveDate {\n    from.with_year(from.year() + 1).unwrap()\n}\n";

const FIXED: &str = "use chrono::{Months, NaiveDate};\n\
fn valid_to(from: NaiveDate) -> NaiveDate {\n    from.checked_add_months(Months::new(12)).unwrap()\n}\n";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("the file is readable")
}

/// A scratch folder that is a git repository with `files` committed.
fn repository(name: &str, files: &[(&str, &str)]) -> Scratch {
    let dir = Scratch::new(name);
    git(&dir.0, &["init", "-q"]);
    for (path, contents) in files {
        dir.file(path, contents);
    }
    git(&dir.0, &["add", "."]);
    git(&dir.0, &["commit", "-q", "-m", "start"]);
    dir
}

#[test]
fn fixes_a_committed_file_once_and_reports_what_remains() {
    let dir = repository("committed", &[("lib.rs", AZURE_BUG)]);
    let out = datelint(&["--fix", "lib.rs"], &dir.0);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("Fixed lib.rs (1 fix)"), "{stderr}");
    assert!(stderr.contains("no findings in 1 file"), "{stderr}");
    assert_eq!(read(&dir.0.join("lib.rs")), FIXED);
    // A second run finds nothing to fix and changes nothing.
    git(&dir.0, &["commit", "-q", "-am", "fixed"]);
    let again = datelint(&["--fix", "lib.rs"], &dir.0);
    assert_eq!(again.status.code(), Some(0));
    assert!(!text(&again.stderr).contains("Fixed"));
    assert_eq!(read(&dir.0.join("lib.rs")), FIXED);
}

#[test]
fn refuses_uncommitted_changes_unless_allowed() {
    let dir = repository("dirty", &[("lib.rs", "fn start() {}\n")]);
    let path = dir.file("lib.rs", AZURE_BUG);
    let out = datelint(&["--fix", "lib.rs"], &dir.0);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("lib.rs: not fixed: the file has uncommitted changes"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[datelint::naive_year_shift]"),
        "{stderr}"
    );
    assert_eq!(read(&path), AZURE_BUG);

    let allowed = datelint(&["--fix", "--allow-dirty", "lib.rs"], &dir.0);
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed.stderr));
    assert_eq!(read(&path), FIXED);
}

#[test]
fn refuses_files_outside_version_control_unless_allowed() {
    let dir = Scratch::new("no-vcs");
    let path = dir.file("lib.rs", AZURE_BUG);
    let out = datelint(&["--fix", "lib.rs"], &dir.0);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not under version control"), "{stderr}");
    assert_eq!(read(&path), AZURE_BUG);

    let allowed = datelint(&["--fix", "--allow-no-vcs", "lib.rs"], &dir.0);
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed.stderr));
    assert_eq!(read(&path), FIXED);
    // Nothing is left beside the file.
    let names: Vec<_> = std::fs::read_dir(&dir.0)
        .expect("readable")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["lib.rs"]);
}

#[test]
fn keeps_line_endings_and_permissions_and_follows_symlinks() {
    let dir = Scratch::new("crlf");
    let crlf = AZURE_BUG.replace('\n', "\r\n");
    let real = dir.file("real.rs", &crlf);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        std::os::unix::fs::symlink("real.rs", dir.0.join("link.rs")).expect("symlink");
    }
    let target = if cfg!(unix) { "link.rs" } else { "real.rs" };
    let out = datelint(&["--fix", "--allow-no-vcs", target], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(read(&real), FIXED.replace('\n', "\r\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&real)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
        assert!(
            std::fs::symlink_metadata(dir.0.join("link.rs"))
                .expect("the link is still there")
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn leaves_suggestions_that_are_not_exact() {
    let dir = Scratch::new("maybe");
    // chrono's deprecated `Date<Tz>` has `with_year` but no calendar arithmetic, so the
    // suggested `checked_add_months` may not compile.
    let source = "use chrono::{Date, Datelike, Utc};\n\
fn next(d: Date<Utc>) -> Option<Date<Utc>> {\n    d.with_year(d.year() + 1)\n}\n";
    let path = dir.file("lib.rs", source);
    let out = datelint(&["--fix", "--allow-no-vcs", "lib.rs"], &dir.0);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(read(&path), source);
}

#[test]
fn a_fix_killed_mid_way_leaves_every_file_old_or_new() {
    let dir = Scratch::new("killed");
    let count = 200;
    for i in 0..count {
        dir.file(&format!("f{i}.rs"), AZURE_BUG);
    }
    // Kill it later and later in its run, until a run ends by itself; after each, every file
    // must be whole.
    let mut delay = 20;
    loop {
        let mut child = Command::new(env!("CARGO_BIN_EXE_datelint"))
            .args(["--fix", "--allow-no-vcs", "-q", "."])
            .current_dir(&dir.0)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("datelint runs");
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let finished = child.try_wait().expect("waitable").is_some();
        let _ = child.kill();
        let _ = child.wait();
        every_file_is_whole(&dir.0);
        if finished {
            break;
        }
        delay *= 2;
    }
    assert_eq!(read(&dir.0.join("f0.rs")), FIXED);
}

fn every_file_is_whole(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".rs") {
            let text = read(&path);
            assert!(
                text == AZURE_BUG || text == FIXED,
                "{name} is half-written:\n{text}"
            );
        } else {
            // Only a temporary file of a killed run may be left, never a user's file.
            assert!(
                name.starts_with('.') && name.contains(".datelint-fix-"),
                "{name}"
            );
        }
    }
}
