//! A source file read once: its path, its text, and where its lines start.

use std::path::{Path, PathBuf};

/// One file's text with a line index for turning byte offsets into lines and columns.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and a 1-based column counted in characters, as rustc and cargo print them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> SourceFile {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        SourceFile {
            path,
            text,
            line_starts,
        }
    }

    /// The 0-based index of the line holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The text of the 0-based line `index`, without its line ending.
    pub fn line_text(&self, index: usize) -> &str {
        let start = self
            .line_starts
            .get(index)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// The byte offset where the 0-based line `index` starts.
    pub fn line_start(&self, index: usize) -> usize {
        self.line_starts
            .get(index)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The line and character column of byte `offset`. A BOM counts as no column.
    pub fn location(&self, offset: usize) -> Location {
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let offset = offset.min(self.text.len());
        let prefix = self.text.get(start..offset).unwrap_or("");
        let column = prefix.chars().filter(|&c| c != '\u{feff}').count() + 1;
        Location {
            line: line + 1,
            column,
        }
    }
}

/// `path` as datelint shows it (in every format, and in baseline keys): relative to `base`
/// (the workspace root in cargo mode, else the current folder) when it is below it, else
/// absolute; with no `.` or `..` component, so never empty and never with `./` or `//`.
pub fn shown_path(path: &Path, base: &Path) -> PathBuf {
    let absolute = |p: &Path| {
        crate::walk::normalize(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    let (path, base) = (absolute(path), absolute(base));
    match path.strip_prefix(&base) {
        Ok(relative) if !relative.as_os_str().is_empty() => relative.to_path_buf(),
        _ => path,
    }
}

/// A path with `/` separators, as SARIF and baselines write it on every system.
pub fn slash_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("a.rs".into(), "ab\r\n\u{e9}\u{e9}x\n".into());
        assert_eq!(file.location(0), Location { line: 1, column: 1 });
        assert_eq!(file.location(4), Location { line: 2, column: 1 });
        assert_eq!(file.location(8), Location { line: 2, column: 3 });
        assert_eq!(file.line_text(0), "ab");
    }
}
