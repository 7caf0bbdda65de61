//! The one diagnostic model every lint produces and every emitter renders.

use std::ops::Range;

use crate::lint::Lint;

/// How sure a suggestion is, in rustc's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    /// Exact on every day of the calendar; `--fix` may apply it.
    MachineApplicable,
    /// Shown to the user, never applied: it may change types or need a decision.
    MaybeIncorrect,
}

impl Applicability {
    /// The name rustc and cargo use in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::MachineApplicable => "MachineApplicable",
            Applicability::MaybeIncorrect => "MaybeIncorrect",
        }
    }
}

/// One change to a file: `text` replaces the bytes of `span` (an empty span inserts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub text: String,
}

/// A name a replacement needs in scope, and the edit that imports it: a `use` item of its
/// own, or the name added to a `use` item of its crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// The `use` item's tree as written alone (`chrono::Months`, `jiff::ToSpan as _`), which
    /// the human help names whatever the edit looks like.
    pub item: String,
    pub edit: Edit,
}

/// What to do about a finding; `replacement`, if any, replaces the finding's span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Help {
    pub message: String,
    pub replacement: Option<String>,
    pub applicability: Applicability,
    /// The names the replacement needs imported, elsewhere in the file.
    pub imports: Vec<Import>,
}

/// One finding of one lint, located by byte offsets into its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub lint: &'static Lint,
    /// Byte range of the primary span.
    pub span: Range<usize>,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// The label under the primary span.
    pub label: String,
    /// Why it is wrong: the day it breaks on.
    pub note: String,
    pub help: Help,
}

impl Diagnostic {
    /// Every edit of the suggestion, the replacement first; empty when there is none.
    pub fn edits(&self) -> Vec<Edit> {
        let Some(text) = &self.help.replacement else {
            return Vec::new();
        };
        let primary = Edit {
            span: self.span.clone(),
            text: text.clone(),
        };
        std::iter::once(primary)
            .chain(self.help.imports.iter().map(|import| import.edit.clone()))
            .collect()
    }

    /// The edits `--fix` may apply: those of a machine-applicable suggestion.
    pub fn fix(&self) -> Vec<Edit> {
        match self.help.applicability {
            Applicability::MachineApplicable => self.edits(),
            Applicability::MaybeIncorrect => Vec::new(),
        }
    }
}
