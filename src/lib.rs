//! datelint finds date-arithmetic bugs in Rust source: code that breaks on 29 February, on
//! 31 December, or on the 31st of a month.
//!
//! The library lints files or source text into a [`Report`]; the binaries only parse the
//! command line and print. See `ARCHITECTURE.md` for the map of the modules.

pub mod baseline;
pub mod cargo;
mod certificates;
mod checker;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod emit;
mod engine;
pub mod fix;
pub mod lint;
mod lsp;
mod parse;
mod prefilter;
pub mod rules;
mod semantics;
pub mod source;
mod suppress;
mod walk;

pub use diagnostic::{Applicability, Diagnostic, Edit, Help};
pub use engine::{
    FileError, FileReport, Finding, Report, Settings, lint_bytes, lint_paths, lint_source,
};
pub use lint::{Group, Level, Lint};
pub use rules::LINTS;
pub use source::SourceFile;
