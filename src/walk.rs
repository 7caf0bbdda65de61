//! Finding the files to lint under the paths the user gave: Rust files, and certificate
//! files (`*.pem`, `*.crt`, `*.cer`, `*.der`), found by name in the same walk.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use crate::engine::FileError;
use crate::{certificates, parse};

/// Whether `folder` is cargo's build output: a folder tagged as a cache (cargo writes
/// `CACHEDIR.TAG` into its target folder, wherever `CARGO_TARGET_DIR` puts it), or a `target`
/// beside a `Cargo.toml`. A module folder that happens to be named `target` is linted.
fn is_build_output(folder: &Path) -> bool {
    folder.join("CACHEDIR.TAG").is_file()
        || (folder.file_name().is_some_and(|name| name == "target")
            && folder
                .parent()
                .is_some_and(|parent| parent.join("Cargo.toml").is_file()))
}

/// The `.rs` files under `paths`, as [`files`] finds them, without the certificate files.
pub(crate) fn rust_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileError>) {
    let (mut files, errors) = files(paths);
    files.retain(|path| !certificates::is_certificate_file(path));
    (files, errors)
}

/// The `.rs` and certificate files under `paths`, sorted and without duplicates, and an
/// error for each path that could not be walked. A file named explicitly is linted whatever
/// its extension.
pub(crate) fn files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileError>) {
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

/// Walks a folder as ripgrep does (the `ignore` crate): what `.gitignore`, `.ignore` and
/// `.git/info/exclude` leave out is skipped (inside a git repository or not), so are hidden
/// files and folders and cargo's build output; a symbolic link to a folder is not followed,
/// so the walk stays in the tree, while one to a file is linted.
fn walk_folder(root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<FileError>) {
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_some_and(|t| t.is_dir())
                || !is_build_output(entry.path())
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file())
                    || (entry.path_is_symlink() && path.is_file());
                if is_file
                    && (path.extension().is_some_and(|e| e == "rs")
                        || certificates::is_certificate_file(path))
                {
                    files.push(entry.into_path());
                }
            }
            Err(error) => {
                let (path, why) = walk_error(root, &error);
                errors.push(FileError::new(&path, why));
            }
        }
    }
}

/// The path an error of the walk is about, and why, without the error's own path prefix.
fn walk_error(root: &Path, error: &ignore::Error) -> (PathBuf, String) {
    match error {
        ignore::Error::WithPath { path, err } => (path.clone(), walk_error(path, err).1),
        ignore::Error::WithLineNumber { line, err } => {
            let (path, why) = walk_error(root, err);
            (path, format!("line {line}: {why}"))
        }
        ignore::Error::WithDepth { err, .. } => walk_error(root, err),
        ignore::Error::Io(io) => (root.to_path_buf(), reason(io)),
        other => (root.to_path_buf(), other.to_string()),
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

/// The module files that `files` declare (`mod name;`, `#[path = "..."] mod name;`) but do
/// not hold: a `#[path]` out of the target's folder, a module in a folder the walk skips.
/// Files found are read in turn for their own modules. Each comes with the index of the
/// file that declares it, in `files` followed by the result; `crate_roots` are the targets'
/// own files. A module whose file does not exist is rustc's error to report, not datelint's.
pub(crate) fn declared_modules(
    files: &[PathBuf],
    crate_roots: &[PathBuf],
) -> Vec<(PathBuf, usize)> {
    let listed: HashSet<&Path> = files.iter().map(PathBuf::as_path).collect();
    // Each file to read, and whether it owns its folder (mod-rs) or has a folder of its own.
    let mut queue: Vec<(PathBuf, bool)> = files
        .iter()
        .map(|file| (file.clone(), is_mod_rs(file, crate_roots)))
        .collect();
    // Canonical paths of the files found: a symbolic link cannot make them go round forever.
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    let mut next = 0;
    while let Some((file, owns_folder)) = queue.get(next).cloned() {
        // A file that cannot be read is reported when it is linted.
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if next < files.len() && !may_name_unlisted(&file, &text) {
            next += 1;
            continue;
        }
        for declaration in declarations(&text) {
            for (candidate, mod_rs) in candidates(&file, owns_folder, &declaration) {
                let named = normalize(&candidate);
                if listed.contains(named.as_path()) {
                    break;
                }
                let Ok(canonical) = std::fs::canonicalize(&candidate) else {
                    continue;
                };
                if !canonical.is_file() {
                    continue;
                }
                if seen.insert(canonical.clone()) {
                    // Named without `..` unless a symbolic link makes that another file.
                    let same = std::fs::canonicalize(&named).is_ok_and(|c| c == canonical);
                    let path = if same { named } else { candidate };
                    found.push((path.clone(), next));
                    queue.push((path, mod_rs));
                }
                break;
            }
        }
        next += 1;
    }
    found
}

/// Whether a declaration in a listed `file` may name a file the walk did not list: only a
/// `#[path]` leaves the file's folder, and only a folder named `target` is skipped below it
/// (a module name cannot start with `.`). Exact and cheap, so most files are not scanned.
fn may_name_unlisted(file: &Path, text: &str) -> bool {
    file.file_stem().is_some_and(|stem| stem == "target")
        || whole_words(text, "target").next().is_some()
        || whole_words(text, "path").any(|at| text[..at].trim_end().ends_with('['))
}

/// The byte offsets where `word` stands as a whole word in `text`.
fn whole_words<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    let bytes = text.as_bytes();
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let before = at.checked_sub(1).and_then(|b| bytes.get(b)).copied();
            let after = bytes.get(at + word.len()).copied();
            !before.is_some_and(is_word_byte) && !after.is_some_and(is_word_byte)
        })
}

/// A crate root (a target's own file, `lib.rs`, `main.rs`) or a `mod.rs` declares its
/// modules beside itself; any other file, in the folder named after it.
fn is_mod_rs(file: &Path, crate_roots: &[PathBuf]) -> bool {
    crate_roots.iter().any(|root| root == file)
        || file
            .file_name()
            .is_some_and(|name| name == "lib.rs" || name == "main.rs" || name == "mod.rs")
}

/// A module declared without a body: `mod name;`.
#[derive(Debug)]
struct Declaration {
    name: String,
    /// Its `#[path = "..."]`.
    path: Option<String>,
    /// The inline modules around it (`mod a { mod name; }`), outermost first, each by its
    /// `#[path]` or its name: the folders they add.
    inline: Vec<String>,
}

/// Where rustc looks for the file of `declaration` made in `file`, in order, each with
/// whether that file owns its folder: the `#[path]`, else `name.rs` then `name/mod.rs`.
fn candidates(file: &Path, owns_folder: bool, declaration: &Declaration) -> Vec<(PathBuf, bool)> {
    let mut folder = file.parent().map(Path::to_path_buf).unwrap_or_default();
    // Only a `#[path]` outside inline modules is relative to the file's own folder.
    if !owns_folder && (declaration.path.is_none() || !declaration.inline.is_empty()) {
        folder.extend(file.file_stem());
    }
    folder.extend(&declaration.inline);
    match &declaration.path {
        // A file named by `#[path]` owns its folder, as rustc has it.
        Some(path) => vec![(folder.join(path), true)],
        None => vec![
            (folder.join(format!("{}.rs", declaration.name)), false),
            (folder.join(&declaration.name).join("mod.rs"), true),
        ],
    }
}

/// `path` with `.` and `..` folded away, so it compares equal to the walk's name for a file.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(normal.components().next_back(), Some(Component::Normal(_))) =>
            {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// What the last words were, while looking for `mod name ;` or `mod name {`.
#[derive(Clone, Copy)]
enum After<'t> {
    Other,
    Mod,
    Name(&'t str),
}

/// The modules `text` declares without a body, read with a byte-level scan rather than a
/// parse: this runs before linting starts, and the file is parsed only once, by the lint.
/// Declarations inside anything but inline modules (a function, a macro call) are skipped.
fn declarations(text: &str) -> Vec<Declaration> {
    let mut found = Vec::new();
    if !text.contains("mod") {
        return found;
    }
    let bytes = text.as_bytes();
    // One entry per open bracket: the folder an inline module's `{` adds, else None.
    let mut open: Vec<Option<String>> = Vec::new();
    // A `#[path]` waiting for the module it is on.
    let mut path: Option<String> = None;
    let mut after = After::Other;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if let Some(end) = parse::comment_or_literal_end(text, i) {
            if byte != b'/' {
                after = After::Other;
            }
            i = end + 1;
            continue;
        }
        if is_word_byte(byte) {
            let start = i;
            if bytes[i..].starts_with(b"r#") {
                i += 2;
            }
            while bytes.get(i).copied().is_some_and(is_word_byte) {
                i += 1;
            }
            let word = text.get(start..i).unwrap_or_default();
            after = match after {
                After::Mod => After::Name(word.strip_prefix("r#").unwrap_or(word)),
                _ if word == "mod" && open.iter().all(Option::is_some) => After::Mod,
                _ => After::Other,
            };
            continue;
        }
        match byte {
            b'#' => {
                if let Some((value, end)) = path_attribute(text, i) {
                    path = Some(value);
                    i = end;
                }
            }
            b';' => {
                if let After::Name(name) = after {
                    found.push(Declaration {
                        name: name.to_string(),
                        path: path.take(),
                        inline: open.iter().flatten().cloned().collect(),
                    });
                }
                path = None;
            }
            b'{' => {
                let folder = match after {
                    After::Name(name) => Some(path.take().unwrap_or_else(|| name.to_string())),
                    _ => None,
                };
                open.push(folder);
                path = None;
            }
            b'}' => {
                open.pop();
                path = None;
            }
            b'(' | b'[' => open.push(None),
            b')' | b']' => {
                open.pop();
            }
            _ => {}
        }
        after = After::Other;
        i += 1;
    }
    found
}

/// Bytes of identifiers and numbers; non-ASCII ones too, so a word never ends inside a
/// character.
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80
}

/// `#[path = "..."]` at the `#` at `i`: the path, and the index of the closing `]`.
fn path_attribute(text: &str, i: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let skip_space = |mut j: usize| {
        while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        j
    };
    let j = skip_space(i + 1);
    (bytes.get(j) == Some(&b'[')).then_some(())?;
    let j = skip_space(j + 1);
    let word = bytes.get(j..)?;
    (word.starts_with(b"path") && !word.get(4).copied().is_some_and(is_word_byte)).then_some(())?;
    let j = skip_space(j + 4);
    (bytes.get(j) == Some(&b'=')).then_some(())?;
    let (value, end) = string_literal(text, skip_space(j + 1))?;
    let j = skip_space(end + 1);
    (bytes.get(j) == Some(&b']')).then_some((value, j))
}

/// The value of the string literal (`"..."` or `r#"..."#`) at `i`, and the index of its
/// last byte.
fn string_literal(text: &str, i: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let hashes = match bytes.get(i)? {
        b'"' => None,
        b'r' => Some(
            bytes
                .get(i + 1..)?
                .iter()
                .take_while(|&&b| b == b'#')
                .count(),
        ),
        _ => return None,
    };
    let end = parse::comment_or_literal_end(text, i)?;
    let (start, close) = match hashes {
        None => (i + 1, end),
        Some(hashes) => (i + 2 + hashes, end.checked_sub(hashes)?),
    };
    (bytes.get(close) == Some(&b'"')).then_some(())?;
    let body = text.get(start..close)?;
    let value = match hashes {
        Some(_) => body.to_string(),
        None => unescape(body)?,
    };
    Some((value, end))
}

/// A string literal's text with its simple escapes resolved; None for escapes a path would
/// not hold.
fn unescape(body: &str) -> Option<String> {
    let mut value = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        value.push(match c {
            '\\' => match chars.next()? {
                '\\' => '\\',
                '"' => '"',
                '\'' => '\'',
                'n' => '\n',
                't' => '\t',
                _ => return None,
            },
            c => c,
        });
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(text: &str) -> Vec<(String, Option<String>, Vec<String>)> {
        declarations(text)
            .into_iter()
            .map(|d| (d.name, d.path, d.inline))
            .collect()
    }

    fn decl(
        name: &str,
        path: Option<&str>,
        inline: &[&str],
    ) -> (String, Option<String>, Vec<String>) {
        (
            name.to_string(),
            path.map(str::to_string),
            inline.iter().map(|s| s.to_string()).collect(),
        )
    }

    #[test]
    fn declarations_are_read_with_their_path_and_inline_modules() {
        let text = r###"
            //! mod in_a_comment;
            #[path = "../shared/util.rs"]
            #[cfg(test)]
            pub(crate) mod util;
            mod plain ; mod r#try;
            /* mod in_a_block_comment; */
            const S: &str = "mod in_a_string;";
            const R: &str = r#"mod in_a_raw_string;"#;
            mod outer {
                #[path = r"p.rs"] mod p;
                #[path = "q"] mod inner { mod deep; }
            }
            fn f() { mod in_a_function; let c = '{'; }
            m!(mod in_a_macro;);
            #[path = "with\\escape.rs"] mod escaped;
            mod inline_only {}
            mod last;
        "###;
        assert_eq!(
            declared(text),
            [
                decl("util", Some("../shared/util.rs"), &[]),
                decl("plain", None, &[]),
                decl("try", None, &[]),
                decl("p", Some("p.rs"), &["outer"]),
                decl("deep", None, &["outer", "q"]),
                decl("escaped", Some("with\\escape.rs"), &[]),
                decl("last", None, &[]),
            ]
        );
        assert!(declarations("fn main() {}").is_empty());
        // Unclosed literals and attributes end the scan without a panic.
        for text in [
            "mod",
            "mod x",
            "#[path = \"x",
            "#[path = r#\"x\"",
            "'\\",
            "mod a { mod",
        ] {
            declarations(text);
        }
    }

    #[test]
    fn modules_resolve_as_rustc_resolves_them() {
        // The layout checked against `rustc --emit dep-info`.
        let dir = std::env::temp_dir().join(format!("datelint-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
            std::fs::write(path, text).expect("file");
        };
        write(
            "src/lib.rs",
            "#[path = \"../outside/extra.rs\"] mod extra;\nmod a;\nmod missing;\nmod target;\n",
        );
        write("src/a.rs", "mod x { mod y; }\n");
        write("src/a/x/y.rs", "");
        // The walk skips folders named `target`; a module there is still followed.
        write("src/target/mod.rs", "");
        // A `#[path]` file owns its folder; a cycle back to it ends.
        write("outside/extra.rs", "mod inner;\nmod deeper;\n");
        write("outside/inner.rs", "#[path = \"extra.rs\"] mod again;\n");
        write(
            "outside/deeper/mod.rs",
            "#[path = \"../../src/lib.rs\"] mod root;\n",
        );
        let lib = dir.join("src/lib.rs");
        let files = vec![lib.clone(), dir.join("src/a.rs"), dir.join("src/a/x/y.rs")];
        let found = declared_modules(&files, std::slice::from_ref(&lib));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(
            found,
            [
                (dir.join("outside/extra.rs"), 0),
                (dir.join("src/target/mod.rs"), 0),
                (dir.join("outside/inner.rs"), 3),
                (dir.join("outside/deeper/mod.rs"), 3),
            ]
        );
    }

    #[test]
    fn only_a_path_or_a_target_folder_can_name_an_unlisted_file() {
        let file = Path::new("src/a.rs");
        assert!(!may_name_unlisted(
            file,
            "mod b; use std::path::Path; #[cfg(target_os = \"x\")] mod c;"
        ));
        assert!(may_name_unlisted(file, "# [ path = \"x.rs\"] mod b;"));
        assert!(may_name_unlisted(file, "pub mod target;"));
        assert!(may_name_unlisted(Path::new("src/target.rs"), "mod b;"));
    }

    #[test]
    fn non_mod_rs_files_declare_in_their_own_folder() {
        let file = Path::new("/p/src/a.rs");
        let d = |path: Option<&str>, inline: &[&str]| Declaration {
            name: "m".into(),
            path: path.map(str::to_string),
            inline: inline.iter().map(|s| s.to_string()).collect(),
        };
        let first = |owns, d: &Declaration| candidates(file, owns, d)[0].0.clone();
        assert_eq!(first(false, &d(None, &[])), Path::new("/p/src/a/m.rs"));
        assert_eq!(first(true, &d(None, &[])), Path::new("/p/src/m.rs"));
        assert_eq!(
            first(false, &d(Some("t.rs"), &[])),
            Path::new("/p/src/t.rs")
        );
        assert_eq!(
            first(false, &d(Some("t.rs"), &["x"])),
            Path::new("/p/src/a/x/t.rs")
        );
        assert_eq!(
            normalize(Path::new("/p/src/../outside/./e.rs")),
            Path::new("/p/outside/e.rs")
        );
    }
}
