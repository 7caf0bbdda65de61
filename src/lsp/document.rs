//! An open document as the editor has it, and the conversion between byte offsets (what
//! datelint's spans are) and LSP positions (lines, and characters counted in the encoding
//! negotiated at `initialize`).

use lsp_types::{Position, TextDocumentContentChangeEvent};

/// How the `character` of an LSP position counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Encoding {
    Utf8,
    /// The protocol's default.
    Utf16,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

#[derive(Debug)]
pub(super) struct Document {
    pub(super) text: String,
    pub(super) version: i32,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

impl Document {
    pub(super) fn new(text: String, version: i32) -> Document {
        let line_starts = line_starts(&text);
        Document {
            text,
            version,
            line_starts,
        }
    }

    /// Applies one change of `didChange`: a range replaced, or the whole text without one.
    pub(super) fn apply(&mut self, change: TextDocumentContentChangeEvent, encoding: Encoding) {
        match change.range {
            Some(range) => {
                let start = self.offset(range.start, encoding);
                let end = self.offset(range.end, encoding).max(start);
                self.text.replace_range(start..end, &change.text);
            }
            None => self.text = change.text,
        }
        self.line_starts = line_starts(&self.text);
    }

    /// The byte offset of a position; positions past a line's end or the text's end are
    /// clamped to it, as the protocol asks.
    pub(super) fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line = &self.text[start..self.line_end(position.line as usize)];
        let mut units = 0;
        for (at, c) in line.char_indices() {
            if units >= position.character as usize {
                return start + at;
            }
            units += encoding.width(c);
        }
        start + line.len()
    }

    /// The position of a byte offset (clamped to the text).
    pub(super) fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let character = self.text[start..offset]
            .chars()
            .map(|c| encoding.width(c))
            .sum::<usize>();
        Position::new(line as u32, character as u32)
    }

    /// Where the line holding `offset` starts.
    pub(super) fn line_start(&self, offset: usize) -> usize {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        self.line_starts[line]
    }

    /// The end of line `index`, before its line break.
    fn line_end(&self, index: usize) -> usize {
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[self.line_starts[index]..end];
        self.line_starts[index] + line.strip_suffix('\r').unwrap_or(line).len()
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Range;

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        let doc = Document::new("ab\r\n𝄞é x\n".into(), 1);
        let x = doc.text.find('x').expect("x");
        assert_eq!(doc.position(x, Encoding::Utf16), Position::new(1, 4));
        assert_eq!(doc.position(x, Encoding::Utf8), Position::new(1, 7));
        assert_eq!(doc.offset(Position::new(1, 4), Encoding::Utf16), x);
        assert_eq!(doc.offset(Position::new(1, 7), Encoding::Utf8), x);
        // Past the end of a line: its end, before the line break.
        assert_eq!(doc.offset(Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(
            doc.offset(Position::new(9, 0), Encoding::Utf16),
            doc.text.len()
        );
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut doc = Document::new("let a = 1;\nlet b = 2;\n".into(), 1);
        let change = |range: Option<Range>, text: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.into(),
        };
        let range = |l1, c1, l2, c2| Some(Range::new(Position::new(l1, c1), Position::new(l2, c2)));
        doc.apply(change(range(1, 8, 1, 9), "22"), Encoding::Utf16);
        doc.apply(change(range(0, 0, 0, 0), "// é\n"), Encoding::Utf16);
        assert_eq!(doc.text, "// é\nlet a = 1;\nlet b = 22;\n");
        doc.apply(change(None, "fn main() {}\n"), Encoding::Utf16);
        assert_eq!(doc.text, "fn main() {}\n");
        assert_eq!(
            doc.position(doc.text.len(), Encoding::Utf16),
            Position::new(1, 0)
        );
    }
}
