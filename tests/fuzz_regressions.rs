//! Replays every input in `fuzz/regressions/` (one per bug the fuzzer found) and every
//! fixture (the fuzzer's seeds) through the whole pipeline: see `tests/pipeline/mod.rs`.

use std::path::Path;

mod pipeline;

fn files_in(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).expect("the folder is readable") {
        let path = entry.expect("the folder is readable").path();
        if path.is_dir() {
            files.extend(files_in(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn every_regression_and_seed_goes_through_the_pipeline() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let regressions = files_in(&root.join("fuzz/regressions"));
    let seeds = files_in(&root.join("fixtures"));
    assert!(!seeds.is_empty());
    for path in regressions.iter().chain(&seeds) {
        let data = std::fs::read(path).expect("the input is readable");
        let outcome = std::panic::catch_unwind(|| pipeline::check(&data));
        assert!(outcome.is_ok(), "{} fails the pipeline", path.display());
    }
}
