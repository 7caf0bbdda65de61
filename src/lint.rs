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
    /// The ways a finding of the lint can arise, as the prefilter reads a file: a file is
    /// parsed only if all the needs of some lint's trigger are met in it. Each need must hold
    /// in every file where the lint reports (a superset of what `check` reads), since a
    /// file that meets none is never linted.
    pub triggers: &'static [Trigger],
    /// Whether the lint reports in test code (a test function, a `#[cfg(test)]` module, a
    /// file under `tests/` or `benches/`). The prefilter does not read the triggers of one
    /// that does not in a test file; `tests/fixtures.rs` holds each to its word.
    pub reports_in_tests: bool,
}

/// One way a lint's finding can arise: every need of it met somewhere in the file.
pub type Trigger = &'static [Need];

/// Something a file must hold, read from its tokens as rustc reads them: comments and the
/// contents of literals are not code, except where a need says otherwise.
#[derive(Debug, PartialEq, Eq)]
pub enum Need {
    /// An identifier, not a macro's name (`format`, but not `format!`).
    Word(&'static [&'static str]),
    /// An identifier or macro name that holds one of these (`with_year_opt` holds
    /// `with_year`).
    WordWith(&'static [&'static str]),
    /// A method or field name after a `.`.
    Method(&'static [&'static str]),
    /// A method called: after a `.`, before `(` or a turbofish (`.day()`, `.day::<u8>()`).
    MethodCall(&'static [&'static str]),
    /// A macro's name, before its `!`.
    Macro(&'static [&'static str]),
    /// `as` followed by one of these types.
    Cast(&'static [&'static str]),
    /// A struct field in braces, not after a `.` and followed by `:`, `,` or `}`
    /// (`Date { year: .. }`, `Date { year, .. }`).
    Field(&'static [&'static str]),
    /// A call of one of these whose arguments hold more than integer and float literals
    /// (`from_secs(n)`, `from_secs(5 + n)`, not `from_secs(5)` nor `from_secs(-1_000)`): a
    /// call that can pass on a value read from input.
    CallOfNonLiteral(&'static [&'static str]),
    /// A call of the first list whose result is unwrapped at once by a method of the second:
    /// only `)` and `.` between them (`.elapsed().unwrap()`).
    Unwrapped(&'static [&'static str], &'static [&'static str]),
    /// Any one of these.
    AnyOf(&'static [Need]),
    /// A fact of the tokens that the prefilter's scanner computes.
    Token(Token),
    /// These bytes anywhere in the text, comments and literals included.
    Text(&'static str),
}

/// The facts of a file's tokens that take more than a word to see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// `+`, a binary `-` or `/`.
    Arithmetic,
    /// A literal of 1 to 100 years of 365 (or 365.25) days, counted in days, hours, minutes,
    /// seconds or milliseconds, in any base.
    YearLiteral,
    /// A name that the leap-year lints read as a year: `year` in it, in any case, or `y`,
    /// `yr`, `yyyy` after leading underscores.
    YearName,
    /// A remainder by 4 with a literal: `% 4`, `& 3`, `rem_euclid(4)`, `is_multiple_of(4)`
    /// (parentheses allowed around the literal).
    ModulusFour,
    /// A remainder by another modulus of the leap rule, with a literal: `% 100`, `% 400`,
    /// `% 16`, `% 25`, `& 15`, and so on as for `ModulusFour`.
    CenturyModulus,
    /// The twelve month lengths `31, 28, 31, ..`, or the cumulative `31, 59, 90, 120, 151`,
    /// as consecutive integer literals at one bracket depth.
    MonthTable,
    /// The literal `2` before `=>`, `|` or `if`: a `match` arm for February.
    FebruaryArm,
    /// The integer literal 28, in any base: February's length as a table writes it. A
    /// length computed from other numbers (`4 * 7`) is not one a reader sees either.
    FebruaryLength,
    /// 12 or 13 (and 31 or 32 for a day) next to a comparison or a range, or as the value of
    /// a constant: the bounds of a month and of a day.
    MonthBound,
    DayBound,
    /// A literal 30-day month (in days, hours, ..) next to a `*`.
    MonthProduct,
    /// A plain or raw string literal on which a format lint reports in some crate's syntax.
    MisleadingFormat,
}

impl Token {
    pub(crate) const ALL: [Token; 12] = [
        Token::Arithmetic,
        Token::YearLiteral,
        Token::YearName,
        Token::ModulusFour,
        Token::CenturyModulus,
        Token::MonthTable,
        Token::FebruaryArm,
        Token::FebruaryLength,
        Token::MonthBound,
        Token::DayBound,
        Token::MonthProduct,
        Token::MisleadingFormat,
    ];
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
