//! What a lint is to the rest of the program: its registry entry, its group and the level
//! it reports at. The lints themselves live in `rules/`.

use std::fmt;

/// A lint group, as in clippy; the group sets the default level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Code that is wrong on some date. Deny by default.
    Correctness,
    /// Code that is very likely wrong. Warn by default.
    Suspicious,
    /// Correct but fragile, or a matter of taste. Allow by default.
    Pedantic,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Correctness => "correctness",
            Group::Suspicious => "suspicious",
            Group::Pedantic => "pedantic",
        }
    }

    pub fn default_level(self) -> Level {
        match self {
            Group::Correctness => Level::Deny,
            Group::Suspicious => Level::Warn,
            Group::Pedantic => Level::Allow,
        }
    }
}

/// How a finding of a lint is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Allow,
    Warn,
    Deny,
    /// Deny, and no later setting may lower it.
    Forbid,
}

impl Level {
    /// Returns true for the levels reported as errors (and exit status 1).
    pub fn is_error(self) -> bool {
        self >= Level::Deny
    }

    /// The level a configuration or `-A/-W/-D/-F` name stands for.
    pub fn from_name(name: &str) -> Option<Level> {
        Some(match name {
            "allow" => Level::Allow,
            "warn" => Level::Warn,
            "deny" => Level::Deny,
            "forbid" => Level::Forbid,
            _ => return None,
        })
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
            Level::Forbid => "forbid",
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

    /// Where the lint's documentation (`lints/<name>.md`) is published, so that SARIF's
    /// `helpUri` (and later the language server's `codeDescription`) link to one page per lint.
    pub fn doc_url(&self) -> String {
        format!(
            "{}/blob/main/lints/{}.md",
            env!("CARGO_PKG_REPOSITORY"),
            self.name
        )
    }
}
