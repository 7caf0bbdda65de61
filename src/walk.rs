//! Finding the Rust files to lint under the paths the user gave.

use std::path::{Path, PathBuf};

use crate::FileError;

/// Folders never linted: build output, and hidden folders such as `.git`.
fn is_skipped_folder(name: &str) -> bool {
    name == "target" || (name.starts_with('.') && name != "." && name != "..")
}

/// The `.rs` files under `paths`, sorted and without duplicates, and an error for each path
/// that could not be walked. A file named explicitly is linted whatever its extension.
pub(crate) fn rust_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(error) => errors.push(FileError::new(root, reason(&error))),
            Ok(meta) if !meta.is_dir() => files.push(root.clone()),
            Ok(_) => walk_folder(root, &mut files, &mut errors),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk_folder(root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<FileError>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || !is_skipped_folder(&entry.file_name().to_string_lossy())
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file()
                    && entry.path().extension().is_some_and(|e| e == "rs")
                {
                    files.push(entry.into_path());
                }
            }
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                let why = if error.loop_ancestor().is_some() {
                    "symbolic link loop (skipped)".to_string()
                } else {
                    error.io_error().map_or_else(|| error.to_string(), reason)
                };
                errors.push(FileError::new(&path, why));
            }
        }
    }
}

/// An I/O error as a short reason, without the "(os error 2)" suffix.
pub(crate) fn reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}
