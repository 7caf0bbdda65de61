//! A byte-level test that skips parsing files which cannot produce any finding.
//!
//! Most Rust files contain no date code, and parsing is most of datelint's time, so a file
//! is parsed only if its text holds something every finding needs. The test is derived from
//! the lints, one condition per way a finding can arise. It reads the file's tokens as rustc
//! would (comments, string and character literals are skipped, since no lint looks inside
//! them; integer literals are read in every base, with any suffix), and each condition is a
//! superset of what the lint sees:
//!
//! - a suppression (which may be unused): `datelint` anywhere, comments included;
//! - a date API call: an identifier containing the name of a chrono, time or rcgen
//!   constructor or setter, or `jiff` (jiff's free functions are found only through a path
//!   or an import that names `jiff`);
//! - a clock difference unwrapped: `duration_since(..)` or `elapsed()` followed by only `)`
//!   and `.` up to `unwrap` or `expect`;
//! - two readings of the wall clock subtracted: `duration_since`, `UNIX_EPOCH` and a `+`,
//!   binary `-` or `/`;
//! - a local time unwrapped: `from_local_datetime`, `from_local_date`, `and_local_timezone`,
//!   `now_local` or `current_local_offset`, and `unwrap` or `expect`;
//! - a constant text parsed as a date: `parse_from_str`, or `parse` or `from_str` with
//!   `NaiveDate` or `NaiveDateTime` (jiff's dates need `jiff`, a date API call);
//! - a local time moved by days of 24 hours: `Local`, `Tz`, `Zoned`, `chrono_tz` or
//!   `with_timezone`, a duration type, a span constructor's name, and a `+` or binary `-`;
//! - a truncated timestamp: a timestamp method after a `.` (`timestamp_unit`: `timestamp`,
//!   `unix_timestamp`, `as_second`, ..), or `.as_secs`, `.as_millis`, .. with `UNIX_EPOCH`;
//!   and a narrowing: `as` before `i32`, `u32`, `i16`, `u16`, `i8` or `u8`, or `try_from`;
//! - a struct literal with a shifted year: a field `year` directly inside braces (`year:`, or
//!   shorthand `year,` / `year }`);
//! - a "tomorrow" comparison: a method call `.day(` or `.day0(` (or with a turbofish);
//! - a leap-year test: a year-like identifier (`year` in it, or `y`, `yr`, `yyyy` in any case
//!   after leading underscores) and a modulus-4 atom, which every test the lints read has:
//!   `% 4`, `& 3`, `rem_euclid(4)` or `is_multiple_of(4)` (parentheses allowed around the
//!   literal; the lints read only literal moduli);
//! - a month table: the twelve lengths `31, 28, 31, ..` or the cumulative `31, 59, 90, 120,
//!   151` as consecutive integer literals at one bracket depth; or a `match` arm for February,
//!   the literal `2` before `=>`, `|` or `if` (its body may be any constant of 28);
//! - a 365-day span or table: an integer literal that is 1 to 100 years of 365 days in days,
//!   hours, minutes, seconds or milliseconds (`is_year_literal`), or a float literal of 365 or
//!   365.25 days' years (`is_year_float`: `years * 365.25`); the lints themselves require
//!   one in the file (`FileFacts::has_year_literal`), and each finding also needs one of: a
//!   `+`, a binary `-` or a `/` (arithmetic on a span or a day count), a duration type
//!   (`..Duration..`, `TimeDelta`, `Days`, `Span`: `checked_add(Duration::days(365))`), or a
//!   day-of-year name (`ordinal`, `yday`, ..: what a 365-slot table is indexed by);
//! - a date moved by a span read from input: a call that reads input (`reads_input`), a
//!   duration type, a span constructor's name (`span_unit`), and a `+` or binary `-`;
//! - a span of 30-day months: a literal month (`is_month_literal`) next to a `*`, and a
//!   duration type;
//! - a date check with uniform bounds: the literals of a month's bound (12 or 13) and of a
//!   day's (31 or 32), which every bound the lint reads is made of;
//! - a misread format string: a plain or raw string literal on which a format lint reports
//!   when it is read in some crate's syntax (`rules::misleading_format`; only strings with a
//!   `%` or a `[` are read), and an identifier that names an API that takes a format
//!   (`format` not followed by `!`, `parse_from_str`, `format_description`, ..), which every
//!   call the lints read has in its path or its import, and the identifier `chrono`, `jiff`
//!   or `time`, without which no call is read as one of theirs.
//!
//! `tests/prefilter.rs` checks that the prefilter changes no finding of any fixture, nor of
//! variants written to hit each condition at its edge, and `benches/corpus.sh` compares all
//! findings with and without it on real code.

use crate::rules::misleading_format;
use crate::semantics::values::{reads_input, span_unit, timestamp_unit};

/// Names of constructors and setters that only date APIs have.
const API_NAMES: &[&str] = &[
    "jiff",
    "ymd",
    "from_hms",
    "and_hms",
    "with_hms",
    "with_year",
    "with_month",
    "with_day",
    "with_hour",
    "with_minute",
    "with_second",
    "replace_year",
    "replace_month",
    "replace_day",
    "replace_hour",
    "replace_minute",
    "replace_second",
    "from_calendar_date",
    "FixedOffset",
    "from_whole_seconds",
    "parse_from_str",
];

/// The tables `hardcoded_month_lengths` looks for, as the prefilter reads them.
// datelint:allow(hardcoded_month_lengths) -- the pattern the lint looks for, not a calendar
const MONTH_LENGTHS: [u128; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const CUMULATIVE_PREFIX: [u128; 5] = [31, 59, 90, 120, 151];

/// What the prefilter decides about a file.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Nothing any lint needs: no finding is possible.
    Skip,
    /// Parse and lint the file.
    Parse,
    /// The file's only condition is a year literal with arithmetic: only `year_as_365_days`
    /// may report, on a sum, a difference or a quotient. `without_literal_lists` can tell
    /// more cheaply than the whole file whether it does.
    YearArithmetic,
}

/// Decides whether `text` may produce a finding and must be parsed.
pub(crate) fn verdict(text: &str) -> Verdict {
    if text.contains("datelint") {
        Verdict::Parse
    } else {
        Scan::new(text).verdict()
    }
}

/// Returns true if `text` may produce a finding and must be parsed.
#[cfg(test)]
pub(crate) fn may_report(text: &str) -> bool {
    verdict(text) != Verdict::Skip
}

/// For a file of `Verdict::YearArithmetic`: the text with the contents of every list of
/// literals blanked (`[0x016D, -1, 'a', "b", (1, 2)]` becomes `[ .. spaces .. ]`), and a
/// year literal appended, if that blanks at least a quarter of the file. Each finding the
/// file can have is on a `+`, `-` or `/` outside such a list, and reads no list's elements
/// (a list evaluates to no constant); the appended literal keeps the file's year literal,
/// wherever it was. So the shorter text has a finding wherever the file has one, and no
/// finding in it means none in the file: generated tables of numbers need not be parsed.
pub(crate) fn without_literal_lists(text: &str) -> Option<String> {
    let mut scan = Scan::new(text);
    scan.lists = Some(Vec::new());
    scan.verdict();
    let lists = scan.lists.unwrap_or_default();
    let blanked: usize = lists.iter().map(|list| list.len()).sum();
    if blanked < text.len() / 4 {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for list in lists {
        for b in &mut bytes[list] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Only ASCII bytes were written over whole characters (a list's bytes are whole tokens).
    let mut shorter = String::from_utf8(bytes).ok()?;
    shorter.push_str("\nconst _: u16 = 365;\n");
    Some(shorter)
}

/// Returns true if the text before a literal ends in a comparison or a range (`<`, `>=`,
/// `..`, `..=`), where a bound is written, and not in `==`, `!=` or an assignment.
fn bounds_before(before: &str) -> bool {
    let before = before.trim_end();
    before.ends_with(['<', '>'])
        || before.ends_with("<=")
        || before.ends_with(">=")
        || before.ends_with("..")
        || before.ends_with("..=")
}

/// Returns true if `value` is a 30-day month in days, hours, minutes, seconds or
/// milliseconds: what a span of 30-day months is multiplied from.
pub(crate) fn is_month_literal(value: u128) -> bool {
    matches!(value, 30 | 720 | 43_200 | 2_592_000 | 2_592_000_000)
}

/// Returns true if `value` is 1 to 100 years of 365 days counted in days, hours, minutes,
/// seconds or milliseconds: what a 365-day year is written with.
pub(crate) fn is_year_literal(value: u128) -> bool {
    // Every unit is a multiple of 365: one remainder rules out almost every literal.
    if !value.is_multiple_of(365) {
        return false;
    }
    [
        365u128,
        365 * 24,
        365 * 24 * 60,
        365 * 24 * 60 * 60,
        365 * 24 * 60 * 60 * 1000,
    ]
    .iter()
    .any(|unit| value.is_multiple_of(*unit) && (1..=100).contains(&(value / unit)))
}

/// Returns true if the float literal `token` (`365.0`, `365.25`, `3.1536e7_f64`) is 1 to 100
/// years of 365 or 365.25 days counted in days, hours, minutes, seconds or milliseconds.
pub(crate) fn is_year_float(token: &str) -> bool {
    let digits: String = token
        .trim_end_matches("f64")
        .trim_end_matches("f32")
        .chars()
        .filter(|c| *c != '_')
        .collect();
    let Ok(value) = digits.parse::<f64>() else {
        return false;
    };
    [1.0, 24.0, 1440.0, 86_400.0, 86_400_000.0]
        .iter()
        .flat_map(|unit| [365.0 * unit, 365.25 * unit])
        .any(|year| {
            let years = value / year;
            years.fract() == 0.0 && (1.0..=100.0).contains(&years)
        })
}

/// What the previous token was, as far as the conditions that look at neighbours care.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Anything after which `-` is unary: an operator, an opening bracket, `,`, `;`, `=>`.
    Operator,
    /// Something that ends an operand (an identifier, a literal, `)`, `]`, `}`, `?`, `>`),
    /// after which `-` may be binary.
    Operand,
    Dot,
    /// `.day` or `.day0`.
    DotDay,
    /// The identifier `year`.
    Year,
    /// The literal `2`, exactly so written.
    Two,
}

/// Integer literals that follow one another at one bracket depth.
struct Run {
    depth: usize,
    last: [u128; 12],
    len: usize,
}

/// An open bracket.
struct Group {
    kind: u8,
    /// The index just past the bracket.
    inside: usize,
    /// Only literals, commas, unary minus and groups of the same have been seen inside.
    literals_only: bool,
    /// A `[` where an expression or a pattern starts (not an index: `x[1]`).
    list: bool,
}

/// One pass over the tokens of a file, remembering what the conditions need.
struct Scan<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    prev: Prev,
    /// The open brackets, innermost last.
    brackets: Vec<Group>,
    /// When recording: the insides of the lists of literals found so far.
    lists: Option<Vec<std::ops::Range<usize>>>,
    runs: Vec<Run>,
    /// The literal that completes a modulus-4 atom after `%` (4) or `&` (3), if one is open.
    modulus: Option<u128>,
    /// After `rem_euclid` or `is_multiple_of`, before its `(`.
    rem_method: bool,
    year_like: bool,
    modulus_four: bool,
    year_literal: bool,
    /// `+`, binary `-` or `/`.
    arithmetic: bool,
    span_type: bool,
    day_of_year: bool,
    /// A call that reads a number from outside the program (`parse`, `from_be_bytes`, ..).
    input: bool,
    /// The name of a span constructor (`from_secs`, `days`, `microseconds`, ..).
    span_unit: bool,
    /// The literals that bound a month (12, or 13 as an exclusive end) and a day (31, 32),
    /// next to a comparison, a range or an `=` (a constant's value).
    month_bound: bool,
    day_bound: bool,
    /// The previous token was `<`, `>`, `=` or `.`.
    after_compare: bool,
    /// The previous token was `*`.
    after_star: bool,
    /// A literal 30-day month in a product (`30 * n`), which a span of months needs.
    month_product: bool,
    /// After `duration_since` or `elapsed`: the bracket depth its `(` opens at; then, once
    /// that `)` closes, whether only `)` and `.` have followed (`.unwrap` completes it).
    clock_depth: Option<usize>,
    clock_closed: bool,
    /// `duration_since`, which with `UNIX_EPOCH` and a `-` may subtract two readings.
    since_read: bool,
    /// A local-time conversion; `unwrap` or `expect`.
    zone_read: bool,
    /// A zone whose offset changes, or a date and time in one (`Local`, `Tz`, `Zoned`).
    local_zone: bool,
    /// `parse` or `from_str`; a date type a text may be parsed as.
    parse_call: bool,
    date_type: bool,
    unwrapped: bool,
    /// A timestamp method; `as_secs` and the like; `UNIX_EPOCH`; the word before was `as`;
    /// `as` a narrow integer, or `try_from`.
    timestamp_read: bool,
    secs_read: bool,
    epoch: bool,
    after_as: bool,
    narrowed: bool,
    /// A string literal a format lint reports on, and the name of an API that takes one.
    misleading_format: bool,
    format_api: bool,
    /// The name of chrono, jiff or time, which the format lints need the file to import or
    /// name before they read a call.
    date_crate: bool,
}

impl<'t> Scan<'t> {
    fn new(text: &'t str) -> Scan<'t> {
        Scan {
            text,
            bytes: text.as_bytes(),
            at: 0,
            prev: Prev::Operator,
            brackets: Vec::new(),
            lists: None,
            runs: Vec::new(),
            modulus: None,
            rem_method: false,
            year_like: false,
            modulus_four: false,
            year_literal: false,
            arithmetic: false,
            span_type: false,
            day_of_year: false,
            input: false,
            span_unit: false,
            month_bound: false,
            day_bound: false,
            after_compare: false,
            after_star: false,
            month_product: false,
            clock_depth: None,
            clock_closed: false,
            since_read: false,
            zone_read: false,
            local_zone: false,
            parse_call: false,
            date_type: false,
            unwrapped: false,
            timestamp_read: false,
            secs_read: false,
            epoch: false,
            after_as: false,
            narrowed: false,
            misleading_format: false,
            format_api: false,
            date_crate: false,
        }
    }

    /// Reads the whole text, returning as soon as one condition that needs no more holds.
    fn verdict(&mut self) -> Verdict {
        while let Some(&b) = self.bytes.get(self.at) {
            let found = match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                    self.at += 1;
                    false
                }
                b'/' if self.peek(1) == Some(b'/') => {
                    self.line_comment();
                    false
                }
                b'/' if self.peek(1) == Some(b'*') => {
                    self.block_comment();
                    false
                }
                b'"' => {
                    let start = self.at;
                    self.at = skip_string(self.bytes, self.at + 1);
                    self.string(start);
                    false
                }
                b'\'' => {
                    self.quote();
                    false
                }
                b'0'..=b'9' => self.number(),
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.word(),
                0x80.. => {
                    if unicode_whitespace(&self.text[self.at..]) {
                        self.at += self.text[self.at..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8);
                        false
                    } else {
                        self.word()
                    }
                }
                _ => self.punct(b),
            };
            if found || self.found() {
                return Verdict::Parse;
            }
        }
        if self.year_literal && self.arithmetic {
            Verdict::YearArithmetic
        } else {
            Verdict::Skip
        }
    }

    /// The conditions that need several facts of the file together.
    fn found(&self) -> bool {
        (self.year_like && self.modulus_four)
            || (self.year_literal && (self.span_type || self.day_of_year))
            || (self.input && self.span_type && self.span_unit && self.arithmetic)
            || (self.month_bound && self.day_bound)
            || (self.month_product && self.span_type)
            || (self.zone_read && self.unwrapped)
            || (self.since_read && self.epoch && self.arithmetic)
            || (self.parse_call && self.date_type)
            || (self.local_zone && self.span_type && self.span_unit && self.arithmetic)
            || ((self.timestamp_read || (self.secs_read && self.epoch)) && self.narrowed)
            || (self.misleading_format && self.format_api && self.date_crate)
    }

    /// A plain or raw string literal from `start` to here has been skipped.
    fn string(&mut self, start: usize) {
        if !self.misleading_format {
            let token = &self.text[start..self.at];
            self.misleading_format = token.contains(['%', '[']) && misleading_format(token);
        }
        self.literal();
    }

    /// A token other than a literal, a comma or a unary minus: the groups around it are not
    /// lists of literals.
    fn not_a_literal(&mut self) {
        if let Some(group) = self.brackets.last_mut() {
            group.literals_only = false;
        }
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    fn line_comment(&mut self) {
        self.at = self.text[self.at..]
            .find('\n')
            .map_or(self.bytes.len(), |n| self.at + n);
    }

    fn block_comment(&mut self) {
        let mut nested = 0usize;
        while self.at < self.bytes.len() {
            if self.bytes[self.at..].starts_with(b"/*") {
                nested += 1;
                self.at += 2;
            } else if self.bytes[self.at..].starts_with(b"*/") {
                nested -= 1;
                self.at += 2;
                if nested == 0 {
                    return;
                }
            } else {
                self.at += 1;
            }
        }
    }

    /// A string, byte or character literal has been skipped.
    fn literal(&mut self) {
        self.after_compare = false;
        self.after_star = false;
        self.prev = Prev::Operand;
        self.modulus = None;
        self.rem_method = false;
    }

    /// A character literal (`'('`, `'\''`) or the quote of a lifetime or label (`'a`).
    fn quote(&mut self) {
        let rest = &self.text[self.at + 1..];
        if rest.starts_with('\\') {
            // An escape: `'\''`, `'\u{1F600}'`.
            let end = rest
                .char_indices()
                .skip(2)
                .find(|&(_, c)| c == '\'')
                .map_or(rest.len(), |(n, _)| n + 1);
            self.at += 1 + end;
            self.literal();
        } else if let Some(c) = rest.chars().next()
            && rest[c.len_utf8()..].starts_with('\'')
        {
            self.at += 1 + c.len_utf8() + 1;
            self.literal();
        } else {
            // A lifetime or label: its name is read as a word next.
            self.at += 1;
        }
    }

    /// An identifier or keyword, or the prefix of a byte, C or raw string literal.
    fn word(&mut self) -> bool {
        self.after_compare = false;
        self.after_star = false;
        let start = self.at;
        while let Some(&b) = self.bytes.get(self.at) {
            if b.is_ascii_alphanumeric() || b == b'_' {
                self.at += 1;
            } else if b >= 0x80 && !unicode_whitespace(&self.text[self.at..]) {
                self.at += self.text[self.at..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
            } else {
                break;
            }
        }
        let word = &self.text[start..self.at];
        if self.string_prefix(word) {
            return false;
        }
        // The names of the APIs that take a format string, as whole identifiers: `format`
        // (not the `format!` macro, which takes Rust's own format strings),
        // `format_description`, `parse_from_str`, `StrftimeItems`, jiff's `strftime`,
        // `strptime` and `fmt::strtime`.
        self.format_api |= match word {
            "format" => self.text[self.at..].trim_start().as_bytes().first() != Some(&b'!'),
            "format_description"
            | "parse_from_str"
            | "parse_and_remainder"
            | "datetime_from_str"
            | "StrftimeItems"
            | "strftime"
            | "strptime"
            | "strtime" => true,
            _ => false,
        };
        self.date_crate |= matches!(word, "chrono" | "jiff" | "time");
        let prev = self.prev;
        self.prev = Prev::Operand;
        self.modulus = None;
        self.not_a_literal();
        let (clock_closed, after_as) = (self.clock_closed, self.after_as);
        (self.clock_closed, self.after_as) = (false, false);
        // One `match` for every word a condition names: most identifiers are none of them.
        match word {
            "if" if prev == Prev::Two => return true,
            "day" | "day0" if prev == Prev::Dot => self.prev = Prev::DotDay,
            "year" if prev != Prev::Dot && self.brackets.last().is_some_and(|g| g.kind == b'{') => {
                self.prev = Prev::Year;
            }
            // A turbofish keeps the method waiting for its `(`: `rem_euclid::<i32>(4)`.
            "rem_euclid" | "is_multiple_of" => self.rem_method = true,
            "TimeDelta" | "Days" | "Span" => self.span_type = true,
            // The names of day-of-year values, as `FileFacts` knows them.
            "ordinal" | "ordinal0" | "day_of_year" | "yday" | "doy" | "tm_yday" => {
                self.day_of_year = true;
            }
            "unwrap" | "expect" if clock_closed && prev == Prev::Dot => return true,
            "unwrap" | "expect" => self.unwrapped = true,
            "duration_since" | "elapsed" => {
                self.clock_depth = Some(self.brackets.len());
                self.since_read |= word == "duration_since";
            }
            "from_local_datetime"
            | "from_local_date"
            | "and_local_timezone"
            | "now_local"
            | "current_local_offset" => self.zone_read = true,
            "parse" | "from_str" => self.parse_call = true,
            "NaiveDate" | "NaiveDateTime" => self.date_type = true,
            "Local" | "Tz" | "Zoned" | "with_timezone" | "chrono_tz" => self.local_zone = true,
            "as_secs" | "as_millis" | "as_micros" | "as_nanos" if prev == Prev::Dot => {
                self.secs_read = true;
            }
            "UNIX_EPOCH" => self.epoch = true,
            "try_from" => self.narrowed = true,
            "i32" | "u32" | "i16" | "u16" | "i8" | "u8" if after_as => self.narrowed = true,
            "as" => self.after_as = true,
            _ if prev == Prev::Dot => self.timestamp_read |= timestamp_unit(word).is_some(),
            _ => {}
        }
        let (api, year, duration) = substrings(word.as_bytes());
        if api && API_NAMES.iter().any(|name| word.contains(name)) {
            return true;
        }
        self.span_type |= duration;
        self.input |= reads_input(word);
        self.span_unit |= span_unit(word).is_some();
        self.year_like |= year || is_short_year_name(word);
        false
    }

    /// Skips a byte, C or raw string (or a byte character) whose prefix `word` has just been
    /// read; returns false if `word` is an ordinary identifier.
    fn string_prefix(&mut self, word: &str) -> bool {
        let next = self.bytes.get(self.at).copied();
        match (word, next) {
            ("b" | "c", Some(b'"')) => {
                self.at = skip_string(self.bytes, self.at + 1);
            }
            ("b", Some(b'\'')) => {
                self.quote();
                return true;
            }
            ("r" | "br" | "cr", Some(b'"' | b'#')) => {
                let token_start = self.at - word.len();
                let hashes = self.bytes[self.at..]
                    .iter()
                    .take_while(|&&b| b == b'#')
                    .count();
                if self.bytes.get(self.at + hashes) != Some(&b'"') {
                    // A raw identifier, `r#year`: `#` is read next, then the name.
                    return false;
                }
                let body = self.at + hashes + 1;
                let closing = format!("\"{}", "#".repeat(hashes));
                self.at = self.text[body..]
                    .find(&closing)
                    .map_or(self.bytes.len(), |n| body + n + closing.len());
                if word == "r" {
                    self.string(token_start);
                    return true;
                }
            }
            _ => return false,
        }
        self.literal();
        true
    }

    /// An integer or float literal.
    fn number(&mut self) -> bool {
        let start = self.at;
        let radix = matches!(self.bytes[start..], [b'0', b'x' | b'o' | b'b', ..]);
        self.skip_word_bytes();
        if !radix {
            // `1.5`, `1.` and `1e-5` are floats; `1..2`, `1.max(2)` and `x.0.1` are not.
            let after = self.peek(1);
            if self.peek(0) == Some(b'.')
                && after != Some(b'.')
                && !after.is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b >= 0x80)
            {
                self.at += 1;
                self.skip_word_bytes();
            }
            if matches!(self.bytes[self.at - 1], b'e' | b'E')
                && matches!(self.peek(0), Some(b'+' | b'-'))
            {
                self.at += 1;
                self.skip_word_bytes();
            }
        }
        let token = &self.text[start..self.at];
        let value = integer_value(token);
        let prev = self.prev;
        self.prev = if token == "2" {
            Prev::Two
        } else {
            Prev::Operand
        };
        let _ = prev;
        let modulus = self.modulus.take();
        self.rem_method = false;
        let Some(value) = value else {
            self.year_literal |= is_year_float(token);
            return false;
        };
        self.modulus_four |= modulus == Some(value);
        self.year_literal |= is_year_literal(value);
        let compared = std::mem::take(&mut self.after_compare)
            && bounds_before(&self.text[..start])
            || matches!(
                self.text[self.at..].trim_start().as_bytes().first(),
                Some(b'<' | b'>')
            )
            || (self.text[..start].trim_end().ends_with('=')
                && self.text[self.at..].trim_start().starts_with(';'));
        let multiplied = std::mem::take(&mut self.after_star)
            || self.text[self.at..].trim_start().starts_with('*');
        self.month_product |= multiplied && is_month_literal(value);
        self.month_bound |= compared && matches!(value, 12 | 13);
        self.day_bound |= compared && matches!(value, 31 | 32);
        self.push_int(value)
    }

    fn skip_word_bytes(&mut self) {
        while self
            .peek(0)
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.at += 1;
        }
    }

    /// Adds an integer literal to the run at the current depth; returns true if the run now
    /// ends with a month table.
    fn push_int(&mut self, value: u128) -> bool {
        let depth = self.brackets.len();
        if self.runs.last().is_none_or(|run| run.depth != depth) {
            self.runs.push(Run {
                depth,
                last: [0; 12],
                len: 0,
            });
        }
        let Some(run) = self.runs.last_mut() else {
            return false;
        };
        run.last.copy_within(1.., 0);
        run.last[11] = value;
        run.len += 1;
        (run.len >= 12 && run.last == MONTH_LENGTHS)
            || (run.len >= 5 && run.last[7..] == CUMULATIVE_PREFIX)
    }

    fn open(&mut self, kind: u8, prev: Prev) {
        self.brackets.push(Group {
            kind,
            inside: self.at,
            literals_only: true,
            list: kind == b'[' && prev != Prev::Operand,
        });
    }

    /// Closes the innermost group (the bracket has been read), recording it if it is a list
    /// of literals.
    fn close(&mut self) {
        let Some(group) = self.brackets.pop() else {
            return;
        };
        if group.literals_only
            && group.list
            && let Some(lists) = &mut self.lists
        {
            lists.push(group.inside..self.at - 1);
        }
        if !(group.literals_only && group.kind != b'{') {
            self.not_a_literal();
        }
    }

    /// Punctuation: one character, or `::`, `=>` and `->`, which must not be split.
    fn punct(&mut self, b: u8) -> bool {
        self.after_compare = matches!(b, b'<' | b'>' | b'=' | b'.');
        self.after_star = b == b'*';
        let next = self.peek(1);
        let prev = self.prev;
        let modulus = self.modulus.take();
        let rem_method = std::mem::take(&mut self.rem_method);
        self.at += 1;
        self.prev = Prev::Operator;
        let unary_minus = b == b'-' && next != Some(b'>') && prev == Prev::Operator;
        if !(b == b',' || unary_minus || matches!(b, b'(' | b'[' | b'{' | b')' | b']' | b'}')) {
            self.not_a_literal();
        }
        match (b, next) {
            (b':', Some(b':')) => {
                self.at += 1;
                self.rem_method = rem_method;
                return prev == Prev::DotDay;
            }
            (b'=', Some(b'>')) => {
                self.at += 1;
                return prev == Prev::Two;
            }
            (b'-', Some(b'>')) => self.at += 1,
            (b'-', _) => self.arithmetic |= prev != Prev::Operator,
            (b'+' | b'/', _) => self.arithmetic = true,
            (b'%', _) => self.modulus = Some(4),
            (b'&', _) => self.modulus = Some(3),
            (b'(', _) => {
                self.open(b, prev);
                if rem_method {
                    self.modulus = Some(4);
                } else {
                    self.modulus = modulus;
                }
                return prev == Prev::DotDay;
            }
            (b'[' | b'{', _) => self.open(b, prev),
            (b')' | b']' | b'}', _) => {
                self.close();
                let depth = self.brackets.len();
                if self.clock_depth == Some(depth) {
                    (self.clock_depth, self.clock_closed) = (None, true);
                } else if self.clock_depth.is_some_and(|d| d > depth) {
                    self.clock_depth = None;
                }
                self.clock_closed &= b == b')';
                while self.runs.last().is_some_and(|run| run.depth > depth) {
                    self.runs.pop();
                }
                self.prev = Prev::Operand;
                return b == b'}' && prev == Prev::Year;
            }
            (b'?' | b'>', _) => self.prev = Prev::Operand,
            (b'.', _) => {
                self.prev = Prev::Dot;
                return false;
            }
            (b'<', _) => self.rem_method = rem_method,
            (b',', _) => {
                self.rem_method = rem_method;
                return prev == Prev::Year;
            }
            (b':', _) => return prev == Prev::Year,
            (b'|', _) => return prev == Prev::Two,
            _ => {}
        }
        if b == b'>' {
            self.rem_method = rem_method;
        }
        self.clock_closed = false;
        false
    }
}

/// Whether the text starts with one of the non-ASCII characters Rust reads as whitespace.
fn unicode_whitespace(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        matches!(
            c,
            '\u{85}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
        )
    })
}

/// The index just past the closing quote of a string whose body starts at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// What one pass over an identifier's bytes finds: the stem of an API name (every name in
/// `API_NAMES` holds one; most identifiers hold none), `year` in any case, and `Duration`.
fn substrings(word: &[u8]) -> (bool, bool, bool) {
    let (mut api, mut year, mut duration) = (false, false, false);
    for (i, &b) in word.iter().enumerate() {
        let rest = &word[i..];
        match b {
            b'y' | b'Y' => {
                api |= rest.starts_with(b"ymd");
                year |= rest.len() >= 4 && rest[..4].eq_ignore_ascii_case(b"year");
            }
            b'h' => api |= rest.starts_with(b"hms"),
            b'j' => api |= rest.starts_with(b"jiff"),
            b'w' => api |= rest.starts_with(b"with_"),
            b'r' => api |= rest.starts_with(b"replace_"),
            b'f' => {
                api |= rest.starts_with(b"from_calendar_date")
                    || rest.starts_with(b"from_whole_seconds")
            }
            b'F' => api |= rest.starts_with(b"FixedOffset"),
            b'p' => api |= rest.starts_with(b"parse_from_str"),
            b'D' => duration |= rest.starts_with(b"Duration"),
            _ => {}
        }
    }
    (api, year, duration)
}

/// `y`, `yr` or `yyyy` in any case after leading underscores: names the leap-year test reads
/// as a year (names with `year` in them are found by `substrings`).
fn is_short_year_name(word: &str) -> bool {
    let name = word.trim_start_matches('_');
    name.len() <= 4
        && ["y", "yr", "yyyy"]
            .iter()
            .any(|short| name.eq_ignore_ascii_case(short))
}

/// The value of an integer literal token as syn reads it (`8_760u64`, `0x1F`, `0b100`), or
/// `None` for a float or a value beyond `u128`.
fn integer_value(token: &str) -> Option<u128> {
    let (radix, digits) = match token.as_bytes() {
        [b'0', b'x', ..] => (16, &token[2..]),
        [b'0', b'o', ..] => (8, &token[2..]),
        [b'0', b'b', ..] => (2, &token[2..]),
        _ => (10, token),
    };
    let mut value: u128 = 0;
    let mut has_digit = false;
    let mut rest = digits.bytes().peekable();
    while let Some(&b) = rest.peek() {
        let digit = match b {
            b'_' => {
                rest.next();
                continue;
            }
            b'.' if radix == 10 => return None,
            b'e' | b'E' if radix == 10 => {
                // An exponent with digits makes a float; otherwise `e..` is a suffix.
                let exponent = rest
                    .clone()
                    .skip(1)
                    .take_while(|b| b.is_ascii_digit() || *b == b'_');
                if exponent.clone().any(|b| b.is_ascii_digit()) {
                    return None;
                }
                break;
            }
            _ => match (b as char).to_digit(radix) {
                Some(d) => d,
                None if b.is_ascii_digit() => return None,
                None => break,
            },
        };
        value = value
            .checked_mul(u128::from(radix))?
            .checked_add(u128::from(digit))?;
        has_digit = true;
        rest.next();
    }
    has_digit.then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_code_passes_and_other_code_does_not() {
        assert!(may_report("d.with_year(d.year() + 1)"));
        assert!(may_report("use jiff::civil::date as d;"));
        assert!(may_report("if y % 4 == 0 {}"));
        assert!(may_report("Date { year: d.year + 1, ..d }"));
        assert!(may_report("d.day () == now.day() + 1"));
        assert!(may_report(
            "fn leap(y: u16) -> bool { y.rem_euclid( 4) == 0 }"
        ));
        assert!(!may_report("let y = x % 7; fn weekday() {}"));
        assert!(may_report("let secs = t + 31_536_000;"));
        assert!(may_report(
            "const T: [u8; 12] = [31, 28u8, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];"
        ));
        assert!(may_report("match m { 2 => 28, _ => 31 }"));
        assert!(!may_report(
            "fn main() { let x = vec![1, 2, 3]; println!(\"{x:?}\"); }"
        ));
        assert!(!may_report(
            "let xy = 4; let y2 = 5; let ms = 0.365; year::Kind::A;"
        ));
        assert!(!may_report("const A: [u8; 4] = [28, 31, 59, 12];"));
    }

    #[test]
    fn comments_and_strings_are_not_code() {
        assert!(!may_report("// d.with_year(d.year() + 1)\nfn f() {}"));
        assert!(!may_report(
            "/* outer /* d.with_year(1) */ still */ fn f() {}"
        ));
        assert!(!may_report(
            r##"let s = "d.with_year(1)"; let r = r#"with_day""#;"##
        ));
        assert!(!may_report(
            "let c = '\"'; let s = \"with_year\"; let b = b'\\'';"
        ));
        // A comment may sit between the tokens of a condition.
        assert!(may_report("d . /* the day */ day ( ) == e.day() + 1"));
        // A lifetime is not a character literal: the code after it is read.
        assert!(may_report("fn f<'a>(d: &'a D) { d.with_day(1); }"));
    }

    #[test]
    fn gaps_of_the_raw_text_filter_are_closed() {
        // Shorthand fields: `let year = d.year + 1; Date { year, ..d }`.
        assert!(may_report("let year = d.year + 1; Date { year, ..d }"));
        assert!(may_report("Date { month, year }"));
        // A parameter or a tuple element named `year` is no struct field.
        assert!(!may_report(
            "fn f(year: i32, month: u8) -> (i32, u8) { (year, month) }"
        ));
        // Year names in any case, and literals in any base.
        assert!(may_report("fn leap(Y: i32) -> bool { Y % 4 == 0 }"));
        assert!(may_report("fn leap(_yr: i32) -> bool { _yr % 0x4 == 0 }"));
        assert!(may_report("fn leap(year: i32) -> bool { year & (3) == 0 }"));
        assert!(may_report(
            "const T: [u8; 12] = [0x1F, 0x1C, 0x1F, 30, 31, 30, 31, 31, 30, 31, 30, 31];"
        ));
        assert!(may_report("fn f(t: u64) -> u64 { t + 0x1E13380 }"));
        // A February arm whose body is a named constant.
        assert!(may_report(
            "match m { 2 => FEB, 4 | 6 | 9 | 11 => 30, _ => 31 }"
        ));
        assert!(may_report("match m { 1 | 2 if x => FEB, _ => 31 }"));
        assert!(may_report("d.day::<u8>() == e.day() + 1"));
    }

    #[test]
    fn year_literals_need_arithmetic_a_duration_or_a_day_of_year() {
        // chrono-tz's generated table: a year of seconds, negated, in a tuple.
        assert!(!may_report(
            "const T: &[(i64, u8)] = &[(-31536000, 3), (-1, 2)]; fn f() -> u8 { 1 }"
        ));
        assert!(may_report(
            "const T: &[i64] = &[31536000]; fn f(a: i64) -> i64 { a - 1 }"
        ));
        assert!(may_report("let n = days / 365;"));
        assert!(may_report("d.checked_add(Duration::days(365))"));
        assert!(may_report("d.checked_add_days(Days::new(365))"));
        assert!(may_report("let t: [u8; 365] = x; t[ordinal]"));
        assert!(!may_report("let x: [u8; 365] = y; let z = -w;"));
        // `->` is an arrow, not a minus.
        assert!(!may_report("fn f() -> [u8; 365] { [0; 365] }"));
    }

    #[test]
    fn lists_of_literals_are_blanked_and_the_year_kept() {
        let text = "static T: [u16; 5] = [0x016D, -1, 'a', \"]\", (2, 3)];\nfn f(x: &[u8]) -> u8 { x[1] + 1 }";
        assert_eq!(verdict(text), Verdict::YearArithmetic);
        assert_eq!(
            without_literal_lists(text).as_deref(),
            Some(
                "static T: [u16; 5] = [                            ];\nfn f(x: &[u8]) -> u8 { x[1] + 1 }\nconst _: u16 = 365;\n"
            )
        );
        // Not lists of literals: an index, a repeat, a difference, a name.
        let text = "fn f(x: &[u64]) -> u64 { x[0x016D] + [0; 2][1] + [31536000 - 1][0] + [d][0] }";
        assert_eq!(without_literal_lists(text), None);
    }

    #[test]
    fn format_strings_pass_with_a_finding_a_format_api_and_a_date_crate() {
        assert!(may_report("use chrono::*; d.format(\"%G-%m-%d\")"));
        assert!(may_report("use jiff::Zoned; x.strftime(r#\"%H:%m\"#)"));
        assert!(may_report(
            "p(\"%Q\"); chrono::format::StrftimeItems::new(P)"
        ));
        assert!(may_report(
            "time::macros::format_description!(\"[year base:iso_week]-[month]\")"
        ));
        // Read as its value: an escaped `%` pairs with the next one, leaving `%G`.
        assert!(may_report("use chrono::*; d.format(\"\\x25%%G-%m\")"));
        // `format (` with a space is still a call.
        assert!(may_report("use chrono::*; d.format (\"%02d\")"));
        // No finding in any syntax, no API that takes a format, or no date crate.
        assert!(!may_report("use chrono::*; d.format(\"%Y-%m-%d %H:%M\")"));
        assert!(!may_report(
            "use chrono::*; d.format(\"%%G-%m\"); d.format(\"%G-W%V-%u\")"
        ));
        assert!(!may_report(
            "use chrono::*; let s = \"%G-%m-%d\"; let b = b\"%Q\";"
        ));
        // `format!` takes Rust's format strings.
        assert!(!may_report(
            "use chrono::*; let s = format!(\"%02d%s\", 1, x);"
        ));
        assert!(!may_report("d.format(\"%02d\")"));
    }

    #[test]
    fn integer_literals_are_read_as_syn_reads_them() {
        assert_eq!(integer_value("8_760u64"), Some(8760));
        assert_eq!(integer_value("0x1F"), Some(31));
        assert_eq!(integer_value("0o17"), Some(15));
        assert_eq!(integer_value("0b100"), Some(4));
        assert_eq!(integer_value("1e5"), None);
        assert_eq!(integer_value("1.5"), None);
        assert_eq!(integer_value("365_days"), Some(365));
        assert_eq!(
            integer_value("99999999999999999999999999999999999999999"),
            None
        );
    }
}
