//! A byte-level test that skips parsing files which cannot produce any finding.
//!
//! Most Rust files contain no date code, and parsing is most of datelint's time, so a file
//! is parsed only if its text holds something every finding needs. The test is derived from
//! the lints, one condition per way a finding can arise; each is a superset of what the lint
//! sees, because it looks at raw text (comments and strings included):
//!
//! - a suppression (which may be unused): `datelint`;
//! - a date API call: the name of a chrono, time or rcgen constructor or setter, or `jiff`
//!   (jiff's free functions are found only through a path that starts with `jiff`);
//! - a struct literal with a shifted year: a field `year:`;
//! - a "tomorrow" comparison: a method call `.day()` or `.day0()` (spaces allowed);
//! - a leap-year test: a year-like name (`year` in it, or `y`, `yr`, `yyyy`) and a leap
//!   modulus: `%`, `rem_euclid(` or `is_multiple_of(` before 4, 16, 25, 100 or 400, or `&`
//!   before 3 or 15 (the lint reads only literal moduli);
//! - a month table: the integer literals 31, 28, 31 or 31, 59, 90 one after the other, or 2
//!   then 28 (a `2 => 28` arm);
//! - a 365-day span or table: an integer literal that is 1 to 100 years of 365 days in days,
//!   hours, minutes, seconds or milliseconds (`is_year_literal`). The lints themselves require
//!   one in the file (`FileFacts::has_year_literal`), so no span built from other numbers is
//!   reported either.
//!
//! The one gap: digits in a comment between two elements of a month table. `tests/fixtures.rs`
//! checks that the prefilter changes no finding of any fixture, and `benches/corpus.sh` compares
//! all findings with and without it on real code.

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
];

/// Returns true if `text` may produce a finding and must be parsed.
pub(crate) fn may_report(text: &str) -> bool {
    let words = Words::of(text);
    API_NAMES.iter().any(|name| text.contains(name))
        || text.contains("datelint")
        || followed_by(text, "year", ':')
        || is_method_call(text, "day")
        || is_method_call(text, "day0")
        || (words.year_like && has_leap_modulus(text))
        || words.month_table
        || words.year_literal
}

/// Returns true if `word` occurs followed, after optional whitespace, by `next` (and for
/// `:`, not by `::`).
fn followed_by(text: &str, word: &str, next: char) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let rest = text[at + word.len()..].trim_start();
        rest.starts_with(next) && !(next == ':' && rest.starts_with("::"))
    })
}

/// Returns true if `.name(` occurs, with optional whitespace around `name`.
fn is_method_call(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].trim_end();
        let after = text[at + name.len()..].trim_start();
        before.ends_with('.') && after.starts_with('(')
    })
}

/// Returns true if a remainder or a bit mask that a leap-year test uses occurs.
fn has_leap_modulus(text: &str) -> bool {
    let operand =
        |rest: &str| leading_integer(rest.trim_start().trim_start_matches('(').trim_start());
    let modulus = |rest: &str| operand(rest).is_some_and(|k| matches!(k, 4 | 16 | 25 | 100 | 400));
    text.match_indices('%')
        .any(|(at, _)| modulus(&text[at + 1..]))
        || ["rem_euclid", "is_multiple_of"].iter().any(|name| {
            text.match_indices(name)
                .any(|(at, _)| modulus(&text[at + name.len()..]))
        })
        || text
            .match_indices('&')
            .any(|(at, _)| matches!(operand(&text[at + 1..]), Some(3 | 15)))
}

/// The integer literal at the start of `text`, if any.
fn leading_integer(text: &str) -> Option<u128> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    let token = &text[..end];
    token
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| integer(token))
        .flatten()
}

/// Returns true if `value` is 1 to 100 years of 365 days counted in days, hours, minutes,
/// seconds or milliseconds: what a 365-day year is written with.
pub(crate) fn is_year_literal(value: u128) -> bool {
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

/// What one pass over the identifiers and integer literals of a text finds.
#[derive(Default)]
struct Words {
    year_like: bool,
    month_table: bool,
    year_literal: bool,
}

impl Words {
    fn of(text: &str) -> Words {
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut found = Words::default();
        let mut last_ints: [Option<u128>; 2] = [None, None];
        let mut i = 0;
        while i < bytes.len() {
            if !is_word(bytes[i]) || (i > 0 && (is_word(bytes[i - 1]) || bytes[i - 1] == b'.')) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && is_word(bytes[i]) {
                i += 1;
            }
            let token = &text[start..i];
            if token.as_bytes()[0].is_ascii_digit() {
                let Some(value) = integer(token) else {
                    continue;
                };
                found.year_literal |= is_year_literal(value);
                found.month_table |= matches!(
                    (last_ints, value),
                    ([Some(31), Some(28)], 31) | ([Some(31), Some(59)], 90) | ([_, Some(2)], 28)
                );
                last_ints = [last_ints[1], Some(value)];
            } else {
                found.year_like |= token
                    .as_bytes()
                    .windows(4)
                    .any(|w| w.eq_ignore_ascii_case(b"year"))
                    || matches!(token, "y" | "yr" | "yyyy");
            }
        }
        found
    }
}

/// The value of an integer literal token (`8_760u64`), if it is a decimal one.
fn integer(token: &str) -> Option<u128> {
    let digits: String = token
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '_')
        .filter(|c| *c != '_')
        .collect();
    let suffix = &token[token
        .find(|c: char| !c.is_ascii_digit() && c != '_')
        .unwrap_or(token.len())..];
    let plain_suffix = suffix.is_empty() || suffix.starts_with('u') || suffix.starts_with('i');
    if plain_suffix {
        digits.parse().ok()
    } else {
        None
    }
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
        assert!(may_report("let secs = 31_536_000;"));
        assert!(may_report("const T: [u8; 12] = [31, 28u8, 31, 30];"));
        assert!(may_report("match m { 2 => 28, _ => 31 }"));
        assert!(!may_report(
            "fn main() { let x = vec![1, 2, 3]; println!(\"{x:?}\"); }"
        ));
        assert!(!may_report(
            "let xy = 4; let y2 = 5; let ms = 0.365; year::Kind::A;"
        ));
        assert!(!may_report("const A: [u8; 4] = [28, 31, 59, 12];"));
    }
}
