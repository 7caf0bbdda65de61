//! The baseline for `benches/corpus.sh`: parse every `.rs` file under a folder with syn
//! alone, with span locations, on all cores, and print the wall time. datelint cannot be
//! faster than this on files it parses.
//!
//! Run with `cargo bench --bench syn_only -- FOLDER`.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

fn main() {
    let Some(root) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench syn_only -- FOLDER");
        std::process::exit(2);
    };
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let started = Instant::now();
    let queue = Mutex::new(files.iter());
    let failed = Mutex::new(0usize);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let worker = || loop {
                let next = queue.lock().map(|mut q| q.next().cloned()).ok().flatten();
                let Some(path) = next else { break };
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if syn::parse_file(&text).is_err() {
                    *failed.lock().unwrap_or_else(|e| e.into_inner()) += 1;
                }
                proc_macro2::extra::invalidate_current_thread_spans();
            };
            let spawned = std::thread::Builder::new()
                .stack_size(1 << 30)
                .spawn_scoped(scope, worker);
            if spawned.is_err() {
                break;
            }
        }
    });
    let failed = *failed.lock().unwrap_or_else(|e| e.into_inner());
    println!(
        "syn alone: {} files in {:.2} s ({failed} did not parse)",
        files.len(),
        started.elapsed().as_secs_f64()
    );
}
