//! What the end-to-end tests share: a scratch folder and a way to run the binary.

// Each test crate compiles this module and uses a part of it.
#![allow(dead_code)]

pub mod certs;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh folder for one test, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let test = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("datelint-{test}-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp folder can be created");
        Scratch(dir)
    }

    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder can be created");
        }
        std::fs::write(&path, contents).expect("file can be written");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `datelint` with `args` in `dir`, without colour.
pub fn datelint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_datelint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("datelint runs")
}

/// Runs git with `args` in `dir` as a throwaway identity, and requires it to succeed.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
