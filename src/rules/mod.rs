//! The registry of lints and the dispatch from the checker's walk to each lint's `check`.
//!
//! One lint per file. Each file holds its `LINT` entry (whose documentation is
//! `lints/<name>.md`) and a `check` function that reads as the specification.

use std::fmt;
use std::ops::Range;

use syn::Expr;
use syn::spanned::Spanned;

use crate::diagnostic::Diagnostic;
use crate::semantics::apis::DateCall;
use crate::semantics::usage::Usage;
use crate::semantics::values::{Env, Value};

mod invalid_constant_date;
mod naive_year_shift;
mod unchecked_date_construction;

/// A lint group, as in clippy; the group sets the default level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Code that is wrong on some date. Deny by default.
    Correctness,
    /// Code that is very likely wrong. Warn by default.
    Suspicious,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Correctness => "correctness",
            Group::Suspicious => "suspicious",
        }
    }

    pub fn default_level(self) -> Level {
        match self {
            Group::Correctness => Level::Deny,
            Group::Suspicious => Level::Warn,
        }
    }
}

/// How a finding of a lint is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        })
    }
}

/// A lint's registry entry.
#[derive(Debug, PartialEq, Eq)]
pub struct Lint {
    /// snake_case, names the bad pattern; the code is `datelint::<name>`.
    pub name: &'static str,
    pub group: Group,
    /// One line for `datelint rules`.
    pub summary: &'static str,
    /// The Markdown documentation from `lints/<name>.md`.
    pub doc: &'static str,
}

impl Lint {
    pub fn default_level(&self) -> Level {
        self.group.default_level()
    }
}

/// Every lint, in the order a call is offered to them: the most specific first, so that only
/// the most specific finding is reported for one expression.
pub static LINTS: &[&Lint] = &[
    &naive_year_shift::LINT,
    &invalid_constant_date::LINT,
    &unchecked_date_construction::LINT,
];

/// Finds a lint by name, with or without the `datelint::` prefix.
pub fn find(name: &str) -> Option<&'static Lint> {
    let name = name.strip_prefix("datelint::").unwrap_or(name);
    LINTS.iter().copied().find(|lint| lint.name == name)
}

/// What a lint may ask about a date call: its parts' values, how its result is used, and the
/// guards and test context around it.
pub(crate) struct CallCx<'a, 'ast> {
    pub(crate) call: &'a DateCall<'ast>,
    pub(crate) env: &'a Env,
    pub(crate) usage: Usage,
    pub(crate) feb29_guarded: bool,
    /// In a test function, a `#[cfg(test)]` module or a `tests/` or `benches/` folder.
    pub(crate) in_test: bool,
    /// In a `#[should_panic]` test.
    pub(crate) should_panic: bool,
    pub(crate) source: &'a str,
}

impl CallCx<'_, '_> {
    pub(crate) fn value(&self, expr: Option<&Expr>) -> Option<Value> {
        expr.map(|e| self.env.eval(e))
    }

    pub(crate) fn snippet(&self, node: &dyn Spanned) -> Option<&str> {
        snippet(self.source, node)
    }

    pub(crate) fn span(&self) -> Range<usize> {
        self.call.expr.span().byte_range()
    }
}

/// The user's own text for a node, or `None` if its span does not map to the file.
pub(crate) fn snippet<'s>(source: &'s str, node: &dyn Spanned) -> Option<&'s str> {
    let range = node.span().byte_range();
    if range.is_empty() {
        return None;
    }
    source.get(range)
}

/// Offers a date call to the lints, most specific first; returns the first finding.
pub(crate) fn check_call(cx: &CallCx<'_, '_>) -> Option<Diagnostic> {
    naive_year_shift::check(cx)
        .or_else(|| invalid_constant_date::check(cx))
        .or_else(|| unchecked_date_construction::check(cx))
}

/// Offers a struct literal to the lints that look at them.
pub(crate) fn check_struct(
    literal: &syn::ExprStruct,
    env: &Env,
    feb29_guarded: bool,
    source: &str,
) -> Option<Diagnostic> {
    if feb29_guarded {
        return None;
    }
    naive_year_shift::check_struct(literal, env, source)
}
