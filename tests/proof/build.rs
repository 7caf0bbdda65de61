//! Makes a module of every `fixtures/<lint>/<case>.fixed` file, so that adding a fixture adds
//! it to the proof without a list to keep.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    println!("cargo::rerun-if-changed={}", fixtures.display());
    let mut fixed = Vec::new();
    for lint in std::fs::read_dir(&fixtures).expect("fixtures/ is readable") {
        let lint = lint.expect("fixtures/ is readable").path();
        println!("cargo::rerun-if-changed={}", lint.display());
        for case in std::fs::read_dir(&lint).expect("a fixture folder is readable") {
            let case = case.expect("a fixture folder is readable").path();
            if case.extension().is_some_and(|e| e == "fixed") {
                fixed.push(case);
            }
        }
    }
    fixed.sort();
    let mut modules = String::new();
    for path in &fixed {
        let lint = path
            .parent()
            .and_then(Path::file_name)
            .expect("a lint folder");
        let case = path.file_stem().expect("a case name");
        let path = path.canonicalize().expect("the fixture exists");
        let _ = writeln!(
            modules,
            "#[path = {:?}]\npub mod {}__{};",
            path.display().to_string(),
            lint.to_string_lossy(),
            case.to_string_lossy()
        );
    }
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("fixed.rs"), modules).expect("OUT_DIR is writable");
}
