//! A byte-level test that skips parsing files which cannot produce any finding.
//!
//! Most Rust files contain no date code, and parsing is most of datelint's time, so a file
//! is parsed only if its text meets one of the triggers that the lints declare
//! (`Lint::triggers`: words, method names, casts, fields, string contents, and the facts of
//! `Token`). The declarations are compiled once into a table of words and a set of clauses,
//! one bit per distinct need; the scan reads the file's tokens as rustc would, skipping
//! comments and literals with the lexer the rest of datelint shares
//! (`parse::comment_or_literal_end`), and stops at the first clause whose needs are all met.
//! A first look (`Glance`) reads the same tokens without their context, so it finds more
//! needs met, never fewer; only the files it cannot rule out are scanned in context.
//! Adding a lint means declaring its triggers, not editing this file, unless it needs a fact
//! of the tokens that no `Token` names yet.
//!
//! `tests/prefilter.rs` checks that the prefilter changes no finding of any fixture, nor of
//! variants written to hit each condition at its edge; the tests here check that the first
//! look rules out no file that the scan passes; and `benches/corpus.sh` compares all
//! findings with and without the prefilter on real code.

use std::sync::OnceLock;

use crate::lint::{Need, Token};
use crate::parse::comment_or_literal_end;
use crate::rules::{LINTS, misleading_format};

/// The tables `hardcoded_month_lengths` looks for, as the prefilter reads them.
// datelint:allow(hardcoded_month_lengths) -- the pattern the lint looks for, not a calendar
const MONTH_LENGTHS: [u128; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const CUMULATIVE_PREFIX: [u128; 5] = [31, 59, 90, 120, 151];

/// The one trigger whose verdict waits for the end of the file (`Verdict::YearArithmetic`).
const YEAR_ARITHMETIC: [Need; 2] = [
    Need::Token(Token::YearLiteral),
    Need::Token(Token::Arithmetic),
];

/// What the prefilter decides about a file.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Nothing any lint needs: no finding is possible.
    Skip,
    /// Parse and lint the file.
    Parse,
    /// The file's only trigger met is a year literal with arithmetic: only
    /// `year_as_365_days` may report, on a sum, a difference or a quotient.
    /// `without_literal_lists` can tell more cheaply than the whole file whether it does.
    YearArithmetic,
}

/// Decides whether `text` may produce a finding and must be parsed; in a test file
/// (`in_tests`), only the triggers of the lints that report in tests count.
pub(crate) fn verdict(text: &str, in_tests: bool) -> Verdict {
    let table = Table::get(in_tests);
    if !Glance::new(text, table).may_trigger() {
        return Verdict::Skip;
    }
    Scan::new(text, table).verdict()
}

/// `verdict`, where each of `readers`, functions of the crate that return input, is read as
/// the word `parse` is: a call of one reads input as much as `parse()` does.
pub(crate) fn verdict_reading(text: &str, in_tests: bool, readers: &[&str]) -> Verdict {
    let mut scan = Scan::new(text, Table::get(in_tests));
    scan.readers = readers;
    scan.verdict()
}

/// Returns true if `text` may produce a finding and must be parsed.
#[cfg(test)]
pub(crate) fn may_report(text: &str) -> bool {
    verdict(text, false) != Verdict::Skip
}

/// For a file of `Verdict::YearArithmetic`: the text with the contents of every list of
/// literals blanked (`[0x016D, -1, 'a', "b", (1, 2)]` becomes `[ .. spaces .. ]`), and a
/// year literal appended, if that blanks at least a quarter of the file. Each finding the
/// file can have is on a `+`, `-` or `/` outside such a list, and reads no list's elements
/// (a list evaluates to no constant); the appended literal keeps the file's year literal,
/// wherever it was. So the shorter text has a finding wherever the file has one, and no
/// finding in it means none in the file: generated tables of numbers need not be parsed.
pub(crate) fn without_literal_lists(text: &str) -> Option<String> {
    let mut scan = Scan::new(text, Table::get(false));
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

/// A first look at a file, cheaper than `Scan`: it reads the tokens as `Scan` does, but
/// takes each word, number and string literal to meet every need it may meet in some
/// context (`Entry::anywhere`, `Glance::number_bits`), and `Token::Arithmetic` as met. So
/// the needs it finds are a superset of those `Scan` finds, and a file where they meet no
/// trigger is one `Scan` skips: 9 files in 10 of the corpus are skipped by this look alone.
struct Glance<'t> {
    text: &'t str,
    bytes: &'t [u8],
    table: &'static Table,
    met: u64,
    /// A 31, and a 28 or a 59: what a month table holds.
    seen: (bool, bool),
    /// A literal here may be the modulus of a remainder (`Glance::after_punct`).
    modulus: bool,
    after_star: bool,
}

impl<'t> Glance<'t> {
    fn new(text: &'t str, table: &'static Table) -> Glance<'t> {
        Glance {
            text,
            bytes: text.as_bytes(),
            table,
            met: table.texts_in(text) | table.token(Token::Arithmetic),
            seen: (false, false),
            modulus: false,
            after_star: false,
        }
    }

    /// Returns false if no trigger can be met in the text, deferred ones included.
    fn may_trigger(&mut self) -> bool {
        if self.table.triggered_or_deferred(self.met) {
            return true;
        }
        let mut at = 0;
        while let Some(&b) = self.bytes.get(at) {
            let before = self.met;
            at = match b {
                b'/' | b'"' | b'\'' => match comment_or_literal_end(self.text, at) {
                    Some(end) => {
                        let end = (end + 1).min(self.bytes.len());
                        if b == b'"' {
                            self.met |= self.table.string_bits(&self.text[at..end]);
                        }
                        // A comment changes nothing; a literal ends a remainder.
                        self.modulus &= b == b'/';
                        self.after_star &= b == b'/';
                        end
                    }
                    None => at + 1,
                },
                b'0'..=b'9' => {
                    let end = number_end(self.bytes, at);
                    self.met |= self.number_bits(at..end);
                    (self.modulus, self.after_star) = (false, false);
                    end
                }
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.word(at),
                0x80.. if unicode_whitespace(&self.text[at..]) => {
                    at + self.text[at..].chars().next().map_or(1, char::len_utf8)
                }
                0x80.. => self.word(at),
                // Whitespace and punctuation, in a run.
                _ => {
                    let mut end = at;
                    while let Some(&b) = self.bytes.get(end)
                        && self.table.classes[usize::from(b)] & PLAIN != 0
                    {
                        self.after_punct(b);
                        end += 1;
                    }
                    end.max(at + 1)
                }
            };
            if self.met != before && self.table.triggered_or_deferred(self.met) {
                return true;
            }
        }
        false
    }

    /// Follows a byte of punctuation or whitespace. `Scan` counts a literal as a modulus
    /// after `%` or `&`, or in the call of a remainder method, and only `(` (and `::`, `<`,
    /// `>`, `,` and words for a method) may come between: any other punctuation ends it.
    /// So does a literal after `*` (`Scan::after_star`).
    fn after_punct(&mut self, b: u8) {
        if b.is_ascii_whitespace() || b == 0x0b {
            return;
        }
        self.after_star = b == b'*';
        match b {
            b'%' | b'&' => self.modulus = true,
            b'(' | b':' | b'<' | b'>' | b',' => {}
            _ => self.modulus = false,
        }
    }

    /// The needs the number literal at `at` may meet, context aside but for what `Scan`
    /// reads around it: a superset of those `Scan::number` finds. A month table's twelve
    /// lengths hold 28 and 31, its cumulative start 31 and 59.
    fn number_bits(&mut self, at: std::ops::Range<usize>) -> u64 {
        let token = &self.text[at.clone()];
        let bit = |token| self.table.token(token);
        let Some(value) = integer_value(token) else {
            return if is_year_float(token) {
                bit(Token::YearLiteral)
            } else {
                0
            };
        };
        let bound = matches!(value, 12 | 13 | 31 | 32) && compared(self.text, at.clone(), true);
        let multiplied = self.after_star || self.text[at.end..].trim_start().starts_with('*');
        let mut met = 0;
        for (holds, token) in [
            (self.modulus && matches!(value, 3 | 4), Token::ModulusFour),
            (
                self.modulus && matches!(value, 15 | 16 | 25 | 100 | 400),
                Token::CenturyModulus,
            ),
            (is_year_literal(value), Token::YearLiteral),
            (value == 28, Token::FebruaryLength),
            (multiplied && is_month_literal(value), Token::MonthProduct),
            (bound && matches!(value, 12 | 13), Token::MonthBound),
            (bound && matches!(value, 31 | 32), Token::DayBound),
            (token == "2", Token::FebruaryArm),
        ] {
            if holds {
                met |= bit(token);
            }
        }
        self.seen.0 |= value == 31;
        self.seen.1 |= matches!(value, 28 | 59);
        if self.seen.0 && self.seen.1 {
            met |= bit(Token::MonthTable);
        }
        met
    }

    /// Reads the word at `start` as `Scan::word` does; returns where it ends.
    fn word(&mut self, start: usize) -> usize {
        let (end, classes) = word_end(self.text, start, &self.table.classes);
        let word = &self.text[start..end];
        if let Some((end, raw)) = string_after_prefix(self.text, word, end) {
            if raw {
                self.met |= self.table.string_bits(&self.text[start..end]);
            }
            (self.modulus, self.after_star) = (false, false);
            return end;
        }
        self.after_star = false;
        self.modulus |= matches!(word, "rem_euclid" | "is_multiple_of");
        if let Some(entry) = self.table.lookup(word) {
            self.met |= entry.anywhere();
        }
        if classes & MARK != 0 {
            self.met |= self.table.stem_bits(word.as_bytes());
        }
        end
    }
}

/// What a word of the table stands for, one mask of need bits per way of being read.
#[derive(Clone, Copy, Default)]
struct Entry {
    word: u64,
    macro_name: u64,
    method: u64,
    call: u64,
    cast: u64,
    field: u64,
    unwrapped_call: u64,
    unwrapped_by: u64,
    non_literal_call: u64,
}

/// The lints' triggers, compiled: a bit for each distinct need, the words that meet them
/// (an open-addressing table, probed once per identifier), the substrings of `WordWith`
/// indexed by first byte, the bits of `Token`s, and each trigger as a mask.
struct Table {
    /// The hash of the word in each slot of `slots`, 0 for an empty one: most identifiers
    /// are in no slot, and this is all a miss reads (8 KB, where the slots take 100 KB).
    keys: Vec<u64>,
    slots: Vec<Option<(&'static str, Entry)>>,
    /// The lengths (up to 63) of the words in `slots`, by first byte: most identifiers are
    /// told apart from every word without hashing them.
    lengths: [u64; 256],
    /// The stems, grouped by their first byte: `stem_groups[stem_start[b]]` for a byte `b`
    /// (group 0 is empty, for the bytes no stem starts with).
    stem_groups: Vec<Vec<(&'static [u8], u64)>>,
    stem_start: [u16; 256],
    /// What each byte is to a word: `IDENT` for the ASCII bytes of identifiers, `MARK` for
    /// those a stem or a year name (`year`, `y`, `yr`, `yyyy`, in any case) starts with:
    /// only words that hold one are searched for them.
    classes: [u8; 256],
    tokens: [u64; Token::ALL.len()],
    texts: Vec<(&'static str, u64)>,
    clauses: Vec<u64>,
    year_arithmetic: u64,
}

impl Entry {
    /// Every need the word may meet, wherever it is. An unwrapping method (`unwrapped_by`)
    /// meets a need only after a call whose name (`unwrapped_call`) meets it too.
    fn anywhere(&self) -> u64 {
        self.word
            | self.macro_name
            | self.method
            | self.call
            | self.cast
            | self.field
            | self.unwrapped_call
            | self.non_literal_call
    }

    /// Both entries' meanings.
    fn or(self, other: Entry) -> Entry {
        Entry {
            word: self.word | other.word,
            macro_name: self.macro_name | other.macro_name,
            method: self.method | other.method,
            call: self.call | other.call,
            cast: self.cast | other.cast,
            field: self.field | other.field,
            unwrapped_call: self.unwrapped_call | other.unwrapped_call,
            unwrapped_by: self.unwrapped_by | other.unwrapped_by,
            non_literal_call: self.non_literal_call | other.non_literal_call,
        }
    }
}

impl Table {
    /// The table of every lint's triggers, or (`in_tests`) of those that report in tests.
    fn get(in_tests: bool) -> &'static Table {
        static TABLES: [OnceLock<Table>; 2] = [OnceLock::new(), OnceLock::new()];
        TABLES[usize::from(in_tests)].get_or_init(|| {
            let lints = LINTS
                .iter()
                .filter(|lint| lint.reports_in_tests || !in_tests);
            Table::build(lints.flat_map(|lint| lint.triggers.iter().copied()))
        })
    }

    fn build<'a>(triggers: impl Iterator<Item = &'a [Need]>) -> Table {
        let mut table = Table {
            keys: vec![0; 1024],
            lengths: [0; 256],
            slots: vec![None; 1024],
            stem_groups: vec![Vec::new()],
            stem_start: [0; 256],
            classes: Self::byte_classes(),
            tokens: [0; Token::ALL.len()],
            texts: Vec::new(),
            clauses: Vec::new(),
            year_arithmetic: 0,
        };
        let mut needs: Vec<&Need> = Vec::new();
        let mut bit_of = |need: &'a Need, table: &mut Table| -> u64 {
            if let Some(at) = needs.iter().position(|known| *known == need) {
                return 1 << at;
            }
            assert!(
                needs.len() < 64,
                "more distinct needs than the prefilter's 64 bits"
            );
            needs.push(need);
            let bit = 1 << (needs.len() - 1);
            table.add(need, bit);
            bit
        };
        for trigger in triggers {
            if trigger.is_empty() {
                continue;
            }
            let mask = trigger
                .iter()
                .fold(0, |mask, need| mask | bit_of(need, &mut table));
            if trigger == YEAR_ARITHMETIC {
                table.year_arithmetic = mask;
            } else if !table.clauses.contains(&mask) {
                table.clauses.push(mask);
            }
        }
        table
    }

    /// Records where `need` is met, with `bit`.
    fn add(&mut self, need: &Need, bit: u64) {
        let words = |table: &mut Table, names: &[&'static str], set: fn(&mut Entry) -> &mut u64| {
            for name in names {
                *set(table.entry(name)) |= bit;
            }
        };
        match need {
            Need::Word(names) => words(self, names, |e| &mut e.word),
            Need::Macro(names) => words(self, names, |e| &mut e.macro_name),
            Need::Method(names) => words(self, names, |e| &mut e.method),
            Need::MethodCall(names) => words(self, names, |e| &mut e.call),
            Need::Cast(names) => words(self, names, |e| &mut e.cast),
            Need::CallOfNonLiteral(names) => words(self, names, |e| &mut e.non_literal_call),
            Need::Field(names) => words(self, names, |e| &mut e.field),
            Need::Unwrapped(calls, unwraps) => {
                words(self, calls, |e| &mut e.unwrapped_call);
                words(self, unwraps, |e| &mut e.unwrapped_by);
            }
            Need::WordWith(stems) => {
                for stem in stems.iter().map(|stem| stem.as_bytes()) {
                    let first = usize::from(stem[0]);
                    self.classes[first] |= MARK;
                    if self.stem_start[first] == 0 {
                        // At most 257 groups: one per byte and the empty one.
                        self.stem_start[first] = self.stem_groups.len() as u16;
                        self.stem_groups.push(Vec::new());
                    }
                    self.stem_groups[usize::from(self.stem_start[first])].push((stem, bit));
                }
            }
            Need::AnyOf(needs) => {
                for need in *needs {
                    self.add(need, bit);
                }
            }
            Need::Token(token) => {
                self.tokens[*token as usize] |= bit;
            }
            Need::Text(text) => self.texts.push((text, bit)),
        }
    }

    fn byte_classes() -> [u8; 256] {
        let mut classes = [0; 256];
        for b in 0..=u8::MAX {
            if b.is_ascii_alphanumeric() || b == b'_' {
                classes[usize::from(b)] = IDENT;
            } else if b.is_ascii() && !matches!(b, b'/' | b'"' | b'\'') {
                classes[usize::from(b)] = PLAIN;
            }
        }
        classes[usize::from(b'y')] |= MARK;
        classes[usize::from(b'Y')] |= MARK;
        classes
    }

    /// The entry of `name`, added if it is not in the table.
    fn entry(&mut self, name: &'static str) -> &mut Entry {
        self.lengths[usize::from(name.as_bytes()[0])] |= 1 << name.len().min(63);
        let hash = hash(name.as_bytes());
        let at = self.probe(name, hash);
        self.keys[at] = hash;
        &mut self.slots[at].get_or_insert((name, Entry::default())).1
    }

    /// The entry of `word`.
    fn lookup(&self, word: &str) -> Option<&Entry> {
        let (first, len) = (word.as_bytes()[0], word.len().min(63));
        if self.lengths[usize::from(first)] & 1 << len == 0 {
            return None;
        }
        let at = self.probe(word, hash(word.as_bytes()));
        self.slots[at].as_ref().map(|(_, entry)| entry)
    }

    /// The slot of `name`: the one that holds it, or the empty one where it would go.
    fn probe(&self, name: &str, hash: u64) -> usize {
        let mask = self.keys.len() - 1;
        let mut at = hash as usize & mask;
        while self.keys[at] != 0 {
            if self.keys[at] == hash && self.slots[at].as_ref().is_some_and(|(k, _)| *k == name) {
                break;
            }
            at = (at + 1) & mask;
        }
        at
    }

    fn token(&self, token: Token) -> u64 {
        self.tokens[token as usize]
    }

    /// The needs of `Need::Text` in `text`, which is found anywhere, comments and literals
    /// included.
    fn texts_in(&self, text: &str) -> u64 {
        self.texts
            .iter()
            .filter(|(needle, _)| {
                memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some()
            })
            .fold(0, |met, (_, bit)| met | bit)
    }

    /// Whether `met` holds all the needs of some trigger.
    fn triggered(&self, met: u64) -> bool {
        self.clauses.iter().any(|&clause| clause & !met == 0)
    }

    /// `triggered`, or the trigger whose verdict waits for the end of the file is met.
    fn triggered_or_deferred(&self, met: u64) -> bool {
        self.triggered(met) || (self.year_arithmetic != 0 && self.year_arithmetic & !met == 0)
    }

    /// `Token::MisleadingFormat` if the plain or raw string literal `token` is a format
    /// string on which a format lint reports.
    fn string_bits(&self, token: &str) -> u64 {
        let bit = self.token(Token::MisleadingFormat);
        if bit != 0 && token.contains(['%', '[']) && misleading_format(token) {
            bit
        } else {
            0
        }
    }

    /// The needs an identifier meets by the substrings of `WordWith` needs in it, and
    /// `Token::YearName`.
    fn stem_bits(&self, word: &[u8]) -> u64 {
        let mut met = 0;
        for (i, &b) in word.iter().enumerate() {
            let rest = &word[i..];
            if matches!(b, b'y' | b'Y')
                && rest.len() >= 4
                && rest[..4].eq_ignore_ascii_case(b"year")
            {
                met |= self.token(Token::YearName);
            }
            let group = self.stem_start[usize::from(b)];
            if group != 0 {
                for (stem, bit) in &self.stem_groups[usize::from(group)] {
                    if rest.starts_with(stem) {
                        met |= bit;
                    }
                }
            }
        }
        if is_short_year_name(word) {
            met |= self.token(Token::YearName);
        }
        met
    }
}

/// The classes of `Table::classes`.
const IDENT: u8 = 1;
const MARK: u8 = 2;
/// ASCII whitespace and punctuation that starts no comment or literal.
const PLAIN: u8 = 4;

/// The hash of a word, eight bytes at a time, never 0 (an empty slot's key).
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut hash = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = chunk
            .iter()
            .rev()
            .fold(0, |word, &b| word << 8 | u64::from(b));
        hash = (hash ^ word).wrapping_mul(K).rotate_left(31);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let word = rest
            .iter()
            .rev()
            .fold(0, |word, &b| word << 8 | u64::from(b));
        hash = (hash ^ word).wrapping_mul(K);
    }
    (hash ^ (hash >> 29)) | 1
}

/// Returns true if the literal at `at` is a bound or the value of a constant: next to a
/// comparison or a range (before it only `after_compare`, the previous token being `<`,
/// `>`, `=` or `.`), or between `=` and `;`.
fn compared(text: &str, at: std::ops::Range<usize>, after_compare: bool) -> bool {
    let (before, after) = (&text[..at.start], &text[at.end..]);
    after_compare && bounds_before(before)
        || bounds_after(after)
        || (before.trim_end().ends_with('=') && after.trim_start().starts_with(';'))
}

/// Returns true if the text before a literal ends in a comparison or a range (`<`, `>=`,
/// `..`, `..=`), where a bound is written, and not in `==`, `!=`, an assignment or a shift
/// (`x << 12`).
fn bounds_before(before: &str) -> bool {
    let before = before.trim_end();
    (before.ends_with(['<', '>']) && !before.ends_with("<<") && !before.ends_with(">>"))
        || before.ends_with("<=") && !before.ends_with("<<=")
        || before.ends_with(">=") && !before.ends_with(">>=")
        || before.ends_with("..")
        || before.ends_with("..=")
}

/// Returns true if the text after a literal starts with a comparison (`12 >= m`), not a shift.
fn bounds_after(after: &str) -> bool {
    let after = after.trim_start().as_bytes();
    matches!(after, [b'<' | b'>', ..]) && !matches!(after, [b'<', b'<', ..] | [b'>', b'>', ..])
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

/// What the previous token was, as far as the needs that look at neighbours care.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Anything after which `-` is unary: an operator, an opening bracket, `,`, `;`, `=>`.
    Operator,
    /// Something that ends an operand (an identifier, a literal, `)`, `]`, `}`, `?`, `>`),
    /// after which `-` may be binary.
    Operand,
    Dot,
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

/// One pass over the tokens of a file, remembering which needs are met.
struct Scan<'t> {
    text: &'t str,
    /// Names read as the word `parse` (`verdict_reading`).
    readers: &'t [&'t str],
    bytes: &'t [u8],
    table: &'static Table,
    at: usize,
    /// The bits of the needs met so far.
    met: u64,
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
    /// The previous token was `<`, `>`, `=` or `.`.
    after_compare: bool,
    /// The previous token was `*`.
    after_star: bool,
    /// The needs the next token completes: a field's `:`, `,` or `}`; a method's `(` or
    /// `::`; a cast's type after `as`.
    field: u64,
    call: u64,
    cast: bool,
    /// An unwrapped call: the needs of the call and the bracket depth its `(` opens at;
    /// then, once that `)` closes, the needs an unwrapping method completes while only `)`
    /// and `.` follow.
    unwrapped: Option<(u64, usize)>,
    unwrapped_closed: u64,
    /// The needs of a call of non-literals: after its name, until its `(`; then, with the
    /// bracket depth inside it, until a token other than a literal, `,` or unary `-` meets
    /// them or its `)` closes.
    args_of: u64,
    literal_args: Option<(u64, usize)>,
}

impl<'t> Scan<'t> {
    fn new(text: &'t str, table: &'static Table) -> Scan<'t> {
        Scan {
            text,
            readers: &[],
            bytes: text.as_bytes(),
            table,
            at: 0,
            met: table.texts_in(text),
            prev: Prev::Operator,
            brackets: Vec::new(),
            lists: None,
            runs: Vec::new(),
            modulus: None,
            rem_method: false,
            after_compare: false,
            after_star: false,
            field: 0,
            call: 0,
            cast: false,
            unwrapped: None,
            unwrapped_closed: 0,
            args_of: 0,
            literal_args: None,
        }
    }

    /// Reads the whole text, returning as soon as a trigger is met.
    fn verdict(&mut self) -> Verdict {
        if self.triggered() {
            return Verdict::Parse;
        }
        while let Some(&b) = self.bytes.get(self.at) {
            let before = self.met;
            let skipped = match b {
                b'/' | b'"' | b'\'' => comment_or_literal_end(self.text, self.at),
                _ => None,
            };
            if let Some(end) = skipped {
                let start = self.at;
                self.at = (end + 1).min(self.bytes.len());
                match b {
                    b'"' => self.string(start),
                    b'\'' => self.literal(),
                    _ => {}
                }
            } else {
                match b {
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                        // Indentation is a good part of a file: skip it in one go.
                        self.at += 1;
                        while self.bytes.get(self.at).is_some_and(|b| {
                            matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
                        }) {
                            self.at += 1;
                        }
                        continue;
                    }
                    b'\'' => {
                        // A lifetime or a label: its name is read as a word next.
                        self.at += 1;
                    }
                    b'0'..=b'9' => self.number(),
                    b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.word(),
                    0x80.. => {
                        if unicode_whitespace(&self.text[self.at..]) {
                            self.at += self.text[self.at..]
                                .chars()
                                .next()
                                .map_or(1, char::len_utf8);
                        } else {
                            self.word();
                        }
                    }
                    _ => self.punct(b),
                }
            }
            if self.met != before && self.triggered() {
                return Verdict::Parse;
            }
        }
        let deferred = self.table.year_arithmetic;
        if deferred != 0 && deferred & !self.met == 0 {
            Verdict::YearArithmetic
        } else {
            Verdict::Skip
        }
    }

    /// Whether all the needs of some trigger are met.
    fn triggered(&self) -> bool {
        self.table.triggered(self.met)
    }

    /// Marks `token` met.
    fn met(&mut self, token: Token) {
        self.met |= self.table.token(token);
    }

    /// A plain or raw string literal from `start` to here has been skipped.
    fn string(&mut self, start: usize) {
        if self.met & self.table.token(Token::MisleadingFormat) == 0 {
            self.met |= self.table.string_bits(&self.text[start..self.at]);
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

    /// The first byte of code after the current one, past whitespace and comments.
    fn next_code_byte(&self) -> Option<u8> {
        let mut at = self.at;
        while let Some(&b) = self.bytes.get(at) {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => at += 1,
                b'/' if matches!(self.bytes.get(at + 1), Some(b'/' | b'*')) => {
                    at = comment_or_literal_end(self.text, at)
                        .map_or(self.bytes.len(), |end| end + 1);
                }
                _ => return Some(b),
            }
        }
        None
    }

    /// A string, byte or character literal has been skipped.
    fn literal(&mut self) {
        self.argument(false);
        self.end_of_token();
        self.prev = Prev::Operand;
        self.modulus = None;
        self.rem_method = false;
    }

    /// What every token but punctuation resets: the needs that the next token completes.
    fn end_of_token(&mut self) {
        self.after_compare = false;
        self.after_star = false;
        self.field = 0;
        self.call = 0;
        self.unwrapped_closed = 0;
        self.args_of = 0;
    }

    /// A token inside the arguments of a call of non-literals, if one is open: anything but
    /// a literal number meets its needs.
    fn argument(&mut self, literal: bool) {
        if !literal && let Some((needs, _)) = self.literal_args.take() {
            self.met |= needs;
        }
    }

    /// An identifier or keyword, or the prefix of a byte, C or raw string literal.
    fn word(&mut self) {
        let start = self.at;
        let classes;
        (self.at, classes) = word_end(self.text, start, &self.table.classes);
        let word = &self.text[start..self.at];
        if self.string_prefix(word) {
            return;
        }
        let (prev, cast, unwrapped_closed) = (self.prev, self.cast, self.unwrapped_closed);
        self.argument(false);
        self.end_of_token();
        self.cast = word == "as";
        self.prev = Prev::Operand;
        self.modulus = None;
        self.not_a_literal();
        match word {
            "if" if prev == Prev::Two => self.met(Token::FebruaryArm),
            // A turbofish keeps the method waiting for its `(`: `rem_euclid::<i32>(4)`.
            "rem_euclid" | "is_multiple_of" => self.rem_method = true,
            _ => {}
        }
        let own = self.table.lookup(word).copied();
        // A reader of the crate keeps what its own name means (`from_secs`) and adds `parse`.
        let entry = match self.readers.contains(&word) {
            true => {
                let parse = self.table.lookup("parse").copied();
                Some(own.unwrap_or_default().or(parse.unwrap_or_default()))
            }
            false => own,
        };
        if let Some(entry) = entry {
            let bang =
                (entry.word | entry.macro_name) != 0 && self.next_code_byte() == Some(b'!') && {
                    let after = self.text[self.at..].trim_start();
                    !after.starts_with("!=")
                };
            self.met |= if bang { entry.macro_name } else { entry.word };
            if prev == Prev::Dot {
                self.met |= entry.method | (entry.unwrapped_by & unwrapped_closed);
                self.call = entry.call;
            } else if self.brackets.last().is_some_and(|g| g.kind == b'{') {
                self.field = entry.field;
            }
            if cast {
                self.met |= entry.cast;
            }
            if entry.unwrapped_call != 0 {
                self.unwrapped = Some((entry.unwrapped_call, self.brackets.len()));
            }
            self.args_of = entry.non_literal_call;
        }
        if classes & MARK != 0 {
            self.met |= self.table.stem_bits(word.as_bytes());
        }
    }

    /// Skips a byte, C or raw string (or a byte character) whose prefix `word` has just been
    /// read; returns false if `word` is an ordinary identifier.
    fn string_prefix(&mut self, word: &str) -> bool {
        let Some((end, raw)) = string_after_prefix(self.text, word, self.at) else {
            return false;
        };
        let start = self.at - word.len();
        self.at = end;
        if raw {
            self.string(start);
        } else {
            self.literal();
        }
        true
    }

    /// An integer or float literal.
    fn number(&mut self) {
        let start = self.at;
        self.at = number_end(self.bytes, start);
        let token = &self.text[start..self.at];
        let value = integer_value(token);
        let (after_compare, after_star) = (self.after_compare, self.after_star);
        self.argument(true);
        self.end_of_token();
        self.prev = if token == "2" {
            Prev::Two
        } else {
            Prev::Operand
        };
        let modulus = self.modulus.take();
        self.rem_method = false;
        let Some(value) = value else {
            if is_year_float(token) {
                self.met(Token::YearLiteral);
            }
            return;
        };
        if modulus == Some(value) {
            self.met(Token::ModulusFour);
        }
        // After `%` (4 stands for it) or `&` (3): the other moduli of the leap rule.
        let century = match modulus {
            Some(4) => matches!(value, 16 | 25 | 100 | 400),
            Some(3) => value == 15,
            _ => false,
        };
        if century {
            self.met(Token::CenturyModulus);
        }
        if is_year_literal(value) {
            self.met(Token::YearLiteral);
        }
        if value == 28 {
            self.met(Token::FebruaryLength);
        }
        let compared = compared(self.text, start..self.at, after_compare);
        let multiplied = after_star || self.text[self.at..].trim_start().starts_with('*');
        if multiplied && is_month_literal(value) {
            self.met(Token::MonthProduct);
        }
        if compared && matches!(value, 12 | 13) {
            self.met(Token::MonthBound);
        }
        if compared && matches!(value, 31 | 32) {
            self.met(Token::DayBound);
        }
        if self.push_int(value) {
            self.met(Token::MonthTable);
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
    fn punct(&mut self, b: u8) {
        self.after_compare = matches!(b, b'<' | b'>' | b'=' | b'.');
        self.after_star = b == b'*';
        let next = self.peek(1);
        let prev = self.prev;
        let modulus = self.modulus.take();
        let rem_method = std::mem::take(&mut self.rem_method);
        let (field, call, unwrapped_closed) = (self.field, self.call, self.unwrapped_closed);
        let args_of = std::mem::take(&mut self.args_of);
        (self.field, self.call, self.unwrapped_closed, self.cast) = (0, 0, 0, false);
        self.at += 1;
        self.prev = Prev::Operator;
        let unary_minus = b == b'-' && next != Some(b'>') && prev == Prev::Operator;
        if !(b == b',' || unary_minus || matches!(b, b'(' | b'[' | b'{' | b')' | b']' | b'}')) {
            self.not_a_literal();
        }
        if b != b')' {
            self.argument(b == b',' || unary_minus);
        }
        match (b, next) {
            (b':', Some(b':')) => {
                self.at += 1;
                self.rem_method = rem_method;
                self.met |= call;
            }
            (b'=', Some(b'>')) => {
                self.at += 1;
                if prev == Prev::Two {
                    self.met(Token::FebruaryArm);
                }
            }
            (b'-', Some(b'>')) => self.at += 1,
            (b'-', _) if prev != Prev::Operator => self.met(Token::Arithmetic),
            (b'+' | b'/', _) => self.met(Token::Arithmetic),
            (b'%', _) => self.modulus = Some(4),
            (b'&', _) => self.modulus = Some(3),
            (b'(', _) => {
                self.open(b, prev);
                if args_of != 0 {
                    self.literal_args = Some((args_of, self.brackets.len()));
                }
                self.modulus = if rem_method { Some(4) } else { modulus };
                self.met |= call;
            }
            (b'[' | b'{', _) => self.open(b, prev),
            (b')' | b']' | b'}', _) => {
                self.close();
                let depth = self.brackets.len();
                if self.literal_args.is_some_and(|(_, at)| at > depth) {
                    self.literal_args = None;
                }
                self.met |= field & if b == b'}' { u64::MAX } else { 0 };
                match self.unwrapped {
                    Some((needs, at)) if at == depth && b == b')' => {
                        self.unwrapped = None;
                        self.unwrapped_closed = needs;
                    }
                    Some((_, at)) if at >= depth => self.unwrapped = None,
                    _ => {
                        self.unwrapped_closed =
                            unwrapped_closed & if b == b')' { u64::MAX } else { 0 }
                    }
                }
                while self.runs.last().is_some_and(|run| run.depth > depth) {
                    self.runs.pop();
                }
                self.prev = Prev::Operand;
            }
            (b'?' | b'>', _) => {
                self.prev = Prev::Operand;
                self.rem_method = rem_method && b == b'>';
            }
            (b'.', _) => {
                self.prev = Prev::Dot;
                self.unwrapped_closed = unwrapped_closed;
            }
            (b'<', _) => self.rem_method = rem_method,
            (b',' | b':', _) => {
                self.rem_method = rem_method && b == b',';
                self.met |= field;
            }
            (b'|', _) if prev == Prev::Two => self.met(Token::FebruaryArm),
            _ => {}
        }
    }
}

/// The end of the identifier (or keyword, or string prefix) that starts at `start`, and the
/// `classes` of its bytes.
fn word_end(text: &str, start: usize, classes: &[u8; 256]) -> (usize, u8) {
    let (bytes, mut at, mut found) = (text.as_bytes(), start, 0);
    while let Some(&b) = bytes.get(at) {
        let class = classes[usize::from(b)];
        if class & IDENT != 0 {
            found |= class;
            at += 1;
        } else if b >= 0x80 && !unicode_whitespace(&text[at..]) {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        } else {
            break;
        }
    }
    (at, found)
}

/// If `word`, just read, is the prefix of a byte, C or raw string (or a byte character)
/// at `at`: the end of that literal, and whether it is a raw string of text.
fn string_after_prefix(text: &str, word: &str, at: usize) -> Option<(usize, bool)> {
    let end = match (word, text.as_bytes().get(at)) {
        ("b" | "c", Some(b'"' | b'\'')) => comment_or_literal_end(text, at),
        // The lexer reads a raw string from its `r`.
        ("r" | "br" | "cr", Some(b'"' | b'#')) => comment_or_literal_end(text, at - 1),
        _ => None,
    }?;
    // `r#year` is a raw identifier: `#` is read next, then the name.
    Some(((end + 1).min(text.len()), word == "r"))
}

/// The end of the number literal that starts at `start`.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let word_end = |at: usize| {
        at + bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count()
    };
    let mut at = word_end(start);
    if matches!(bytes[start..], [b'0', b'x' | b'o' | b'b', ..]) {
        return at;
    }
    // `1.5`, `1.` and `1e-5` are floats; `1..2`, `1.max(2)` and `x.0.1` are not.
    let after = bytes.get(at + 1).copied();
    if bytes.get(at) == Some(&b'.')
        && after != Some(b'.')
        && !after.is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b >= 0x80)
    {
        at = word_end(at + 1);
    }
    if matches!(bytes[at - 1], b'e' | b'E') && matches!(bytes.get(at), Some(b'+' | b'-')) {
        at = word_end(at + 1);
    }
    at
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

/// `y`, `yr` or `yyyy` in any case after leading underscores: names the leap-year test reads
/// as a year (names with `year` in them are found by `substrings`).
fn is_short_year_name(word: &[u8]) -> bool {
    let start = word.iter().take_while(|&&b| b == b'_').count();
    let name = &word[start..];
    name.len() <= 4
        && ["y", "yr", "yyyy"]
            .iter()
            .any(|short| name.eq_ignore_ascii_case(short.as_bytes()))
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

    /// The verdict of `text` under a prefilter built from `triggers` alone; where `Scan`
    /// reads a trigger, the first look must not rule it out.
    fn meets(triggers: &[&'static [Need]], text: &str) -> bool {
        let table = Box::leak(Box::new(Table::build(triggers.iter().copied())));
        let verdict = Scan::new(text, table).verdict();
        if verdict != Verdict::Skip {
            assert!(Glance::new(text, table).may_trigger(), "{text}");
        }
        verdict == Verdict::Parse
    }

    /// `Glance` skips no fixture that `Scan` passes, with either table.
    #[test]
    fn the_first_look_passes_every_file_the_scan_passes() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let mut read = 0;
        for entry in walkdir::WalkDir::new(fixtures).into_iter().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for in_tests in [false, true] {
                let table = Table::get(in_tests);
                if Scan::new(&text, table).verdict() != Verdict::Skip {
                    assert!(
                        Glance::new(&text, table).may_trigger(),
                        "{}",
                        entry.path().display()
                    );
                }
            }
            read += 1;
        }
        assert!(read > 100, "{read} fixtures read");
    }

    #[test]
    fn a_declared_trigger_is_all_a_new_lint_needs() {
        const CALL: &[Need] = &[Need::MethodCall(&["frobnicate"]), Need::Word(&["Widget"])];
        assert!(meets(&[CALL], "let w = Widget::new(); w.frobnicate();"));
        assert!(meets(&[CALL], "Widget; x.frobnicate::<u8>()"));
        // Each need on its own, in a comment or a string, or not called, is not enough.
        assert!(!meets(&[CALL], "x.frobnicate();"));
        assert!(!meets(
            &[CALL],
            "Widget; // x.frobnicate()\nlet s = \"x.frobnicate()\";"
        ));
        assert!(!meets(&[CALL], "Widget; x.frobnicate; frobnicate()"));
        const MACRO: &[Need] = &[Need::Macro(&["dates"]), Need::Cast(&["i16"])];
        assert!(meets(&[MACRO], "dates!(x) as i16"));
        assert!(!meets(&[MACRO], "dates(x) as i16"));
        assert!(!meets(&[MACRO], "dates!(x) as i32; i16"));
        const FIELD: &[Need] = &[Need::Field(&["hour"])];
        assert!(meets(&[FIELD], "T { hour: 1 }"));
        assert!(meets(&[FIELD], "T { minute, hour }"));
        assert!(!meets(&[FIELD], "t.hour; f(hour: u8) {} hour::X"));
        const UNWRAPPED: &[Need] = &[Need::Unwrapped(&["checked"], &["unwrap"])];
        assert!(meets(&[UNWRAPPED], "(a.checked(b.c(d))).unwrap()"));
        assert!(!meets(&[UNWRAPPED], "a.checked(b).map(f).unwrap()"));
        const NON_LITERAL: &[Need] = &[Need::CallOfNonLiteral(&["secs"])];
        for called in [
            "secs(n)",
            "secs(5 + n)",
            "secs(-n)",
            "secs((5))",
            "secs(5 as u64)",
        ] {
            assert!(meets(&[NON_LITERAL], called), "{called}");
        }
        for called in [
            "secs(5)",
            "secs(-1_000u64)",
            "secs(1.5e3, 2)",
            "secs",
            "secs(/* n */ 5)",
        ] {
            assert!(!meets(&[NON_LITERAL], called), "{called}");
        }
        assert!(!meets(&[NON_LITERAL], "secs(5); n"));
        assert!(!meets(&[NON_LITERAL], "secs n(x)"));
        const STEM: &[Need] = &[Need::WordWith(&["frob"]), Need::Text("needle")];
        assert!(meets(&[STEM], "refrobbed(); // needle"));
        assert!(!meets(&[STEM], "refrobbed();"));
    }

    #[test]
    fn every_lint_of_code_declares_a_trigger_and_the_needs_fit() {
        for lint in LINTS {
            let reads_certificates = lint.name.contains("certificate");
            assert_eq!(
                lint.triggers.is_empty(),
                reads_certificates,
                "{}",
                lint.name
            );
        }
        // `Table::token` indexes by the variant's number.
        for (at, token) in Token::ALL.into_iter().enumerate() {
            assert_eq!(token as usize, at);
        }
        assert!(Table::get(false).year_arithmetic != 0);
        // Only `year_as_365_days` has that trigger, and it is silent in tests.
        assert!(Table::get(true).year_arithmetic == 0);
        assert!(Table::get(true).clauses.len() < Table::get(false).clauses.len());
    }

    #[test]
    fn a_function_of_the_crate_may_read_input_as_parse_does() {
        let text = "fn later(s: &str) -> std::time::SystemTime {\n\
                    std::time::SystemTime::now() + std::time::Duration::from_secs(read_secs(s)) }";
        assert_eq!(verdict(text, false), Verdict::Skip);
        assert_eq!(verdict_reading(text, false, &["read_secs"]), Verdict::Parse);
        assert_eq!(verdict_reading(text, false, &["other"]), Verdict::Skip);
        // A reader named like a span constructor is still one.
        let text = "fn later(s: &str) -> std::time::SystemTime {\n\
                    std::time::SystemTime::now() + std::time::Duration::from_secs(from_secs(s)) }";
        assert_eq!(verdict_reading(text, false, &["from_secs"]), Verdict::Parse);
    }

    #[test]
    fn a_shift_is_not_a_bound() {
        assert!(!may_report("fn f(x: u32) -> u32 { (x << 12) + (x >> 31) }"));
        assert!(may_report(
            "fn f(m: u32, d: u32) -> bool { m < 12 && d <= 31 }"
        ));
        assert!(may_report(
            "fn f(m: u32, d: u32) -> bool { 13 > m && 32 > d }"
        ));
    }

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
    fn the_first_look_keeps_the_context_the_scan_reads() {
        // A comment, parentheses or a turbofish between an operator and its literal.
        assert!(may_report(
            "fn leap(year: i32) -> bool { year % /* four */ (4) == 0 }"
        ));
        assert!(may_report(
            "fn leap(year: i32) -> bool { year.rem_euclid::<i32>(4) == 0 }"
        ));
        assert!(may_report(
            "fn span(n: i64) -> Duration { Duration::days(n * /* a month */ 30) }"
        ));
        // A modulus after anything else, and a month's days not multiplied, are not read.
        assert!(!may_report("fn f(year: i32, v: [u8; 4]) -> u8 { v[3] }"));
        assert!(!may_report(
            "fn f(year: i32) -> i32 { year % 7 + 4 } fn g(d: Duration) -> i64 { 30 }"
        ));
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
        // A February arm whose body is a named constant, written in hex; but a match on 2
        // is no month table where no 28 is written.
        assert!(may_report(
            "const FEB: u32 = 0x1c; match m { 2 => FEB, 4 | 6 | 9 | 11 => 30, _ => 31 }"
        ));
        assert!(may_report(
            "const FEB: u32 = 2_8; match m { 1 | 2 if x => FEB, _ => 31 }"
        ));
        assert!(!may_report(
            "match n { 0 => None, 2 => Some(Pair), 4 | 6 => Some(Quad), _ => None }"
        ));
        // Date APIs are whole words: regex-syntax's `symdifference` holds no `ymd`.
        assert!(!may_report(
            "fn f(a: Set, b: Set) -> Set { a.symdifference(&b) }"
        ));
        assert!(may_report("fn f(d: D) -> Option<D> { d.with_day0(0) }"));
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
        assert_eq!(verdict(text, false), Verdict::YearArithmetic);
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
