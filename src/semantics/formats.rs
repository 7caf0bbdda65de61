//! Date format strings: which calls take one and in whose syntax (chrono's and jiff's
//! strftime, time's format descriptions), what each specifier stands for, and where its
//! bytes were written in the source.

use std::collections::HashMap;
use std::ops::Range;

use syn::Expr;

use super::imports::{Crate, Imports};
use crate::lint::{Need, Token};

/// Where a format lint can report, as the prefilter reads a file: a string it reports on, a
/// call that takes a format (every call the lints read has one of these names in its path or
/// its import; `format` but not `format!`, which takes Rust's own format strings), and the
/// name of a date crate, without which no call is read as one of theirs.
pub(crate) const FORMAT_TRIGGER: &[Need] = &[
    Need::Token(Token::MisleadingFormat),
    Need::AnyOf(&[
        Need::Word(&[
            "format",
            "format_description",
            "parse_from_str",
            "parse_and_remainder",
            "datetime_from_str",
            "StrftimeItems",
            "strftime",
            "strptime",
            "strtime",
        ]),
        Need::Macro(&["format_description"]),
    ]),
    Need::Word(&["chrono", "jiff", "time"]),
];

/// Whose syntax a format string is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Syntax {
    /// chrono's strftime: `format`, `parse_from_str`, `StrftimeItems::new`.
    Chrono,
    /// jiff's strtime: `strftime`, `strptime`, `fmt::strtime::{format, parse}`.
    Jiff,
    /// time's format descriptions: `format_description::parse`, `format_description!`.
    Time,
}

impl Syntax {
    pub(crate) const ALL: [Syntax; 3] = [Syntax::Chrono, Syntax::Jiff, Syntax::Time];

    pub(crate) fn krate(self) -> &'static str {
        match self {
            Syntax::Chrono => "chrono",
            Syntax::Jiff => "jiff",
            Syntax::Time => "time",
        }
    }
}

/// What a specifier stands for, as far as the format lints care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Year,
    /// The ISO 8601 week-based year: `%G`, `%g`, `[year base:iso_week]`.
    WeekYear,
    /// The month, as a number or a name.
    Month,
    /// The day of the month.
    Day,
    /// The day of the year: `%j`, `[ordinal]`.
    DayOfYear,
    /// The ISO 8601 week: `%V`, `[week_number]` (ISO unless another `repr` is given).
    IsoWeek,
    Hour,
    Minute,
    Second,
    /// A shorthand for a whole date, month and day included: `%F`, `%D`, `%x`, `%c`.
    Date,
    /// A shorthand for a time of day: `%R`, `%T`, `%X`, `%r`.
    Time,
    Other,
    /// What follows `%` is no specifier of the crate: formatting and parsing both fail.
    Unknown,
}

impl Field {
    fn is_date_part(self) -> bool {
        matches!(
            self,
            Field::Year | Field::WeekYear | Field::Day | Field::Date
        )
    }

    fn is_time_part(self) -> bool {
        matches!(self, Field::Hour | Field::Second | Field::Time)
    }
}

/// One specifier of a format string.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Spec {
    /// Its bytes in the string's value: `%-G`, `%:z`, `[year base:iso_week]`.
    pub(crate) range: Range<usize>,
    pub(crate) field: Field,
}

/// A format string read in one syntax. `%%` and `[[` are text, not specifiers.
pub(crate) struct Format<'v> {
    pub(crate) value: &'v str,
    pub(crate) syntax: Syntax,
    pub(crate) specs: Vec<Spec>,
}

impl<'v> Format<'v> {
    pub(crate) fn parse(value: &'v str, syntax: Syntax) -> Format<'v> {
        let specs = match syntax {
            Syntax::Time => description(value),
            _ => strftime(value, syntax),
        };
        Format {
            value,
            syntax,
            specs,
        }
    }

    pub(crate) fn text(&self, spec: &Spec) -> &'v str {
        &self.value[spec.range.clone()]
    }

    /// A specifier's text without its conversion, the last character (`%-` of `%-M`),
    /// which may be any character in a string that only looks like a format (`"%¨"`).
    pub(crate) fn stem(&self, spec: &Spec) -> &'v str {
        let text = self.text(spec);
        text.char_indices()
            .last()
            .map_or(text, |(at, _)| &text[..at])
    }

    pub(crate) fn has(&self, field: Field) -> bool {
        self.specs.iter().any(|s| s.field == field)
    }

    /// The specifiers just before and after `spec`, each with the text between them.
    fn neighbours(&self, index: usize) -> [Option<(Field, &'v str)>; 2] {
        let spec = &self.specs[index];
        let before = index.checked_sub(1).and_then(|i| self.specs.get(i));
        [
            before.map(|b| (b.field, &self.value[b.range.end..spec.range.start])),
            self.specs
                .get(index + 1)
                .map(|a| (a.field, &self.value[spec.range.end..a.range.start])),
        ]
    }

    /// Returns true if the specifier at `index` sits among the parts of a date: next to a
    /// year or a day of the month (not across a `:`), and next to no hour or second.
    pub(crate) fn among_date_parts(&self, index: usize) -> bool {
        let neighbours = self.neighbours(index);
        neighbours
            .iter()
            .flatten()
            .any(|(field, between)| field.is_date_part() && !between.contains(':'))
            && !neighbours
                .iter()
                .flatten()
                .any(|(field, _)| field.is_time_part() || *field == Field::Minute)
    }

    /// Returns true if the specifier at `index` sits where minutes go: right after an hour,
    /// or right before a second, alone or across a `:`.
    pub(crate) fn among_time_parts(&self, index: usize) -> bool {
        let [before, after] = self.neighbours(index);
        let clock = |between: &str| between.is_empty() || between == ":";
        before.is_some_and(|(f, between)| f == Field::Hour && clock(between))
            || after.is_some_and(|(f, between)| f == Field::Second && clock(between))
    }

    /// Returns true if a neighbour of the specifier at `index` is a month.
    pub(crate) fn beside_month(&self, index: usize) -> bool {
        self.neighbours(index)
            .iter()
            .flatten()
            .any(|(field, _)| *field == Field::Month)
    }
}

/// The specifiers of a chrono or jiff strftime string.
fn strftime(value: &str, syntax: Syntax) -> Vec<Spec> {
    let mut specs = Vec::new();
    let mut at = 0;
    while let Some(offset) = value[at..].find('%') {
        let start = at + offset;
        let (end, field) = match syntax {
            Syntax::Jiff => jiff_spec(value, start + 1),
            _ => chrono_spec(value, start + 1),
        };
        if let Some(field) = field {
            specs.push(Spec {
                range: start..end,
                field,
            });
        }
        at = end;
    }
    specs
}

/// The field of a letter both chrono and jiff know, and whether chrono reads it as a number
/// (which alone takes a padding flag).
fn letter_field(letter: char) -> Option<(Field, bool)> {
    Some(match letter {
        'Y' | 'C' | 'y' => (Field::Year, true),
        'G' | 'g' => (Field::WeekYear, true),
        'm' => (Field::Month, true),
        'b' | 'B' | 'h' => (Field::Month, false),
        'd' | 'e' => (Field::Day, true),
        'j' => (Field::DayOfYear, true),
        'V' => (Field::IsoWeek, true),
        'H' | 'I' | 'k' | 'l' => (Field::Hour, true),
        'M' => (Field::Minute, true),
        'S' => (Field::Second, true),
        'U' | 'W' | 'u' | 'w' | 'q' | 's' | 'f' => (Field::Other, true),
        'D' | 'F' | 'x' | 'c' => (Field::Date, false),
        'R' | 'T' | 'X' | 'r' => (Field::Time, false),
        'a' | 'A' | 'P' | 'p' | 'Z' | 'z' | 'n' | 't' => (Field::Other, false),
        _ => return None,
    })
}

/// Reads one chrono specifier whose `%` ends just before `at` (as `StrftimeItems` does):
/// where it ends, and its field (`None` for `%%`).
fn chrono_spec(value: &str, at: usize) -> (usize, Option<Field>) {
    let rest = &value[at..];
    let flag = rest.starts_with(['-', '0', '_', '#']);
    let letter_at = at + usize::from(flag);
    let Some(letter) = value[letter_at..].chars().next() else {
        return (value.len(), Some(Field::Unknown));
    };
    let after = letter_at + letter.len_utf8();
    let tail = &value[after..];
    // `%:` and `%.` are reported with the character that does not complete them.
    let unknown = match letter {
        ':' | '.' => (
            after + tail.chars().next().map_or(0, char::len_utf8),
            Some(Field::Unknown),
        ),
        _ => (after, Some(Field::Unknown)),
    };
    let (end, field, numeric) = match letter {
        '%' => (after, None, false),
        'v' | '+' => (after, Some(Field::Date), false),
        ':' => match ["::z", ":z", "z"].iter().find(|z| tail.starts_with(**z)) {
            Some(z) => (after + z.len(), Some(Field::Other), false),
            None => return unknown,
        },
        '.' => match ["3f", "6f", "9f", "f"]
            .iter()
            .find(|f| tail.starts_with(**f))
        {
            Some(f) => (after + f.len(), Some(Field::Other), false),
            None => return unknown,
        },
        '3' | '6' | '9' if tail.starts_with('f') => (after + 1, Some(Field::Other), false),
        _ => match letter_field(letter) {
            Some((field, numeric)) => (after, Some(field), numeric),
            None => return unknown,
        },
    };
    // `#` is only for `%#z`; padding only for numbers.
    let alternate = rest.starts_with('#');
    if (alternate && letter != 'z') || (flag && !alternate && !numeric) {
        return (end, Some(Field::Unknown));
    }
    (end, field)
}

/// Reads one jiff directive whose `%` ends just before `at`: a flag, a width, up to three
/// colons, then the directive (jiff's `Extension`).
fn jiff_spec(value: &str, at: usize) -> (usize, Option<Field>) {
    let bytes = value.as_bytes();
    let mut i = at;
    if bytes
        .get(i)
        .is_some_and(|b| matches!(b, b'_' | b'0' | b'-' | b'^' | b'#'))
    {
        i += 1;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let colons = bytes[i..]
        .iter()
        .take(3)
        .take_while(|&&b| b == b':')
        .count();
    i += colons;
    let Some(letter) = value[i..].chars().next() else {
        return (value.len(), Some(Field::Unknown));
    };
    let after = i + letter.len_utf8();
    match letter {
        '%' => (after, None),
        '.' => {
            let digits = bytes[after..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            match bytes.get(after + digits) {
                Some(b'f') => (after + digits + 1, Some(Field::Other)),
                _ => (after + digits, Some(Field::Unknown)),
            }
        }
        'N' | 'Q' => (after, Some(Field::Other)),
        _ => (
            after,
            Some(letter_field(letter).map_or(Field::Unknown, |(field, _)| field)),
        ),
    }
}

/// The components of a time format description (`[year]-[month]`, `[[` for a bracket).
/// The bodies of `[optional [..]]` and `[first [..]]` are read as components too.
fn description(value: &str) -> Vec<Spec> {
    let bytes = value.as_bytes();
    let mut specs = Vec::new();
    let mut at = 0;
    while let Some(offset) = value[at..].find('[') {
        let start = at + offset;
        if bytes.get(start + 1) == Some(&b'[') {
            at = start + 2;
            continue;
        }
        let end = value[start + 1..]
            .find([']', '['])
            .map_or(value.len(), |n| start + 1 + n);
        let mut words = value[start + 1..end].split_whitespace();
        let name = words.next().unwrap_or_default();
        let modifiers: Vec<&str> = words.collect();
        let has = |modifier: &str| modifiers.contains(&modifier);
        let field = match name {
            "year" if has("base:iso_week") => Field::WeekYear,
            "year" => Field::Year,
            "month" => Field::Month,
            "day" => Field::Day,
            "ordinal" => Field::DayOfYear,
            "week_number" if !modifiers.iter().any(|m| m.starts_with("repr:")) => Field::IsoWeek,
            "week_number" if has("repr:iso") => Field::IsoWeek,
            "hour" => Field::Hour,
            "minute" => Field::Minute,
            "second" => Field::Second,
            _ => Field::Other,
        };
        let closed = bytes.get(end) == Some(&b']');
        at = end + usize::from(closed);
        specs.push(Spec {
            range: start..at,
            field,
        });
    }
    specs
}

/// A string literal as written: its value, and for each byte of the value the offset in the
/// token where that byte is written as itself (`None` where it comes from an escape).
pub(crate) struct Literal {
    pub(crate) value: String,
    written: Vec<Option<usize>>,
}

impl Literal {
    /// Reads a plain or raw string literal token (`"%Y\n"`, `r#"%Y"#`); `None` for any other
    /// token.
    pub(crate) fn read(token: &str) -> Option<Literal> {
        if let Some(raw) = token.strip_prefix('r') {
            let hashes = raw.bytes().take_while(|&b| b == b'#').count();
            let body = raw.get(hashes + 1..raw.len().checked_sub(hashes + 1)?)?;
            return Some(Literal {
                value: body.to_string(),
                written: (0..body.len()).map(|i| Some(2 + hashes + i)).collect(),
            });
        }
        let body = token.strip_prefix('"')?.strip_suffix('"')?;
        let mut literal = Literal {
            value: String::with_capacity(body.len()),
            written: Vec::with_capacity(body.len()),
        };
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let decoded = match c {
                '\\' => match chars.next().map(|(_, e)| e) {
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('t') => '\t',
                    Some('0') => '\0',
                    Some(e @ ('\\' | '\'' | '"')) => e,
                    Some('x') => {
                        let hex: String = (0..2)
                            .filter_map(|_| chars.next())
                            .map(|(_, h)| h)
                            .collect();
                        char::from(u8::from_str_radix(&hex, 16).ok()?)
                    }
                    Some('u') => {
                        let hex: String = chars
                            .by_ref()
                            .map(|(_, h)| h)
                            .take_while(|&h| h != '}')
                            .filter(|&h| h != '{' && h != '_')
                            .collect();
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    // A line continuation: the newline and the whitespace after it vanish.
                    Some('\n' | '\r') => {
                        while chars.next_if(|(_, w)| w.is_whitespace()).is_some() {}
                        continue;
                    }
                    _ => return None,
                },
                '\r' if chars.peek().is_some_and(|(_, n)| *n == '\n') => continue,
                c => {
                    literal.value.push(c);
                    literal
                        .written
                        .extend((0..c.len_utf8()).map(|k| Some(1 + i + k)));
                    continue;
                }
            };
            literal.value.push(decoded);
            literal
                .written
                .extend((0..decoded.len_utf8()).map(|_| None));
        }
        Some(literal)
    }

    /// The range of the token that spells the bytes `value` of the value, if they are written
    /// as themselves, in one piece.
    pub(crate) fn written_range(&self, value: Range<usize>) -> Option<Range<usize>> {
        let offsets = self.written.get(value)?;
        let first = (*offsets.first()?)?;
        let contiguous = offsets
            .iter()
            .enumerate()
            .all(|(k, offset)| *offset == Some(first + k));
        contiguous.then(|| first..first + offsets.len())
    }
}

/// The format strings of a file, gathered during the walk: the literals passed to a format
/// API, and the `const` and `static` string items, which a call may name before they appear.
#[derive(Default)]
pub(crate) struct FormatStrings {
    /// The literal of each string item by name; `None` if two items share the name.
    items: HashMap<String, Option<Range<usize>>>,
    uses: Vec<(Argument, Syntax)>,
}

enum Argument {
    Literal(Range<usize>),
    Named(String),
}

impl FormatStrings {
    /// Notes `expr` if it passes a format string to chrono, jiff or time.
    pub(crate) fn observe_call(&mut self, expr: &Expr, imports: &Imports) {
        let chrono = || imports.uses(Crate::Chrono);
        let jiff = || imports.uses(Crate::Jiff);
        let (argument, syntax) = match expr {
            Expr::MethodCall(call) => {
                let args: Vec<&Expr> = call.args.iter().collect();
                match (call.method.to_string().as_str(), args.as_slice()) {
                    ("format", [f]) if chrono() => (*f, Syntax::Chrono),
                    ("parse_from_str" | "parse_and_remainder" | "datetime_from_str", [_, f])
                        if chrono() =>
                    {
                        (*f, Syntax::Chrono)
                    }
                    ("strftime", [f]) if jiff() => (*f, Syntax::Jiff),
                    _ => return,
                }
            }
            Expr::Call(call) => {
                let Expr::Path(func) = &*call.func else {
                    return;
                };
                let args: Vec<&Expr> = call.args.iter().collect();
                let Some(last) = func.path.segments.last() else {
                    return;
                };
                let resolved = || imports.resolve(&func.path).unwrap_or_default();
                match (last.ident.to_string().as_str(), args.as_slice()) {
                    ("parse_from_str" | "parse_and_remainder", [_, f]) if chrono() => {
                        (*f, Syntax::Chrono)
                    }
                    ("new" | "new_with_locale", [f, ..])
                        if resolved().starts_with("chrono::StrftimeItems::") =>
                    {
                        (*f, Syntax::Chrono)
                    }
                    ("strptime", [f, _]) if jiff() => (*f, Syntax::Jiff),
                    ("format" | "parse", [f, _])
                        if resolved().starts_with("jiff::fmt::strtime::") =>
                    {
                        (*f, Syntax::Jiff)
                    }
                    // A file may import both the module and the macro named
                    // `format_description`, which the import map merges.
                    ("parse" | "parse_borrowed" | "parse_owned", [f])
                        if resolved().starts_with("time::")
                            && resolved().contains("format_description::") =>
                    {
                        (*f, Syntax::Time)
                    }
                    _ => return,
                }
            }
            _ => return,
        };
        if let Some(argument) = argument_of(argument) {
            self.uses.push((argument, syntax));
        }
    }

    /// Notes time's `format_description!("..")` (also `version = 2, ".."`).
    pub(crate) fn observe_macro(&mut self, mac: &syn::Macro, imports: &Imports) {
        let Some(last) = mac.path.segments.last() else {
            return;
        };
        let from_time = imports
            .resolve(&mac.path)
            .is_some_and(|path| path.starts_with("time::"))
            || imports.uses(Crate::Time);
        if last.ident != "format_description" || !from_time {
            return;
        }
        let literal = mac
            .tokens
            .clone()
            .into_iter()
            .filter_map(|tree| match tree {
                proc_macro2::TokenTree::Literal(lit) => Some(lit),
                _ => None,
            });
        if let Some(lit) = literal.last() {
            self.uses
                .push((Argument::Literal(lit.span().byte_range()), Syntax::Time));
        }
    }

    /// Notes a `const` or `static` item whose value is a string literal.
    pub(crate) fn observe_item(&mut self, name: &syn::Ident, value: &Expr) {
        if let Some(Argument::Literal(range)) = argument_of(value) {
            self.items
                .entry(name.to_string())
                .and_modify(|seen| *seen = None)
                .or_insert(Some(range));
        }
    }

    /// Notes a local binding (`let fmt = "%Y-%m-%d";`) as a string item of its name. A name
    /// bound to anything else, or to two different strings, is read as no string at all.
    pub(crate) fn observe_local(&mut self, name: &syn::Ident, value: &Expr) {
        match argument_of(value) {
            Some(Argument::Literal(range)) => {
                let same = |seen: &Option<Range<usize>>| seen.as_ref() == Some(&range);
                self.items
                    .entry(name.to_string())
                    .and_modify(|seen| {
                        if !same(seen) {
                            *seen = None;
                        }
                    })
                    .or_insert(Some(range));
            }
            _ => {
                self.items.insert(name.to_string(), None);
            }
        }
    }

    /// Each literal used as a format string, with its syntax, once: the byte range of its
    /// token.
    pub(crate) fn literals(&self) -> Vec<(Range<usize>, Syntax)> {
        let mut found: Vec<(Range<usize>, Syntax)> = self
            .uses
            .iter()
            .filter_map(|(argument, syntax)| match argument {
                Argument::Literal(range) => Some((range.clone(), *syntax)),
                Argument::Named(name) => self
                    .items
                    .get(name)
                    .cloned()
                    .flatten()
                    .map(|r| (r, *syntax)),
            })
            .collect();
        found.sort_by_key(|(range, syntax)| (range.start, range.end, *syntax));
        found.dedup();
        found
    }
}

/// A string literal (`"..."`, `&"..."`) or a bare name, where a format string is passed.
fn argument_of(mut expr: &Expr) -> Option<Argument> {
    loop {
        match expr {
            Expr::Reference(e) => expr = &e.expr,
            Expr::Paren(e) => expr = &e.expr,
            Expr::Group(e) => expr = &e.expr,
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(lit),
                ..
            }) => return Some(Argument::Literal(lit.span().byte_range())),
            Expr::Path(path) => {
                return path
                    .path
                    .get_ident()
                    .map(|i| Argument::Named(i.to_string()));
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(value: &str, syntax: Syntax) -> Vec<(&str, Field)> {
        let format = Format::parse(value, syntax);
        format
            .specs
            .iter()
            .map(|s| (format.text(s), s.field))
            .collect()
    }

    #[test]
    fn chrono_specifiers_with_flags_colons_and_precision() {
        use Field::*;
        assert_eq!(
            fields(
                "%-d/%_m %0e %:z%::z%:::z %#z %.3f%3f%.f %%G %G",
                Syntax::Chrono
            ),
            [
                ("%-d", Day),
                ("%_m", Month),
                ("%0e", Day),
                ("%:z", Other),
                ("%::z", Other),
                ("%:::z", Other),
                ("%#z", Other),
                ("%.3f", Other),
                ("%3f", Other),
                ("%.f", Other),
                ("%G", WeekYear),
            ]
        );
        // Unknown letters, padding on a name, `#` on anything but `z`, a `%` at the end.
        assert_eq!(
            fields("%Q %-B %#Y %.2f %", Syntax::Chrono),
            [
                ("%Q", Unknown),
                ("%-B", Unknown),
                ("%#Y", Unknown),
                ("%.2", Unknown),
                ("%", Unknown)
            ]
        );
    }

    #[test]
    fn jiff_directives_with_flags_widths_and_colons() {
        use Field::*;
        assert_eq!(
            fields("%^5B %_3d %:Q %.6f %N %v %", Syntax::Jiff),
            [
                ("%^5B", Month),
                ("%_3d", Day),
                ("%:Q", Other),
                ("%.6f", Other),
                ("%N", Other),
                ("%v", Unknown),
                ("%", Unknown)
            ]
        );
    }

    #[test]
    fn time_components_with_modifiers_and_escapes() {
        use Field::*;
        assert_eq!(
            fields(
                "[[x] [year base:iso_week]-W[week_number] [optional [ordinal]] [week_number repr:sunday]",
                Syntax::Time
            ),
            [
                ("[year base:iso_week]", WeekYear),
                ("[week_number]", IsoWeek),
                ("[optional ", Other),
                ("[ordinal]", DayOfYear),
                ("[week_number repr:sunday]", Other),
            ]
        );
    }

    #[test]
    fn literals_map_the_value_to_the_bytes_written() {
        let plain = Literal::read(r#""a\n%G\x25m \u{25}d""#).expect("a string literal");
        assert_eq!(plain.value, "a\n%G%m %d");
        assert_eq!(plain.written_range(2..4), Some(4..6));
        // Written with an escape: no range.
        assert_eq!(plain.written_range(4..6), None);
        let continued = Literal::read("\"%Y-\\\n    %m\"").expect("a string literal");
        assert_eq!(continued.value, "%Y-%m");
        assert_eq!(continued.written_range(3..5), Some(10..12));
        let raw = Literal::read(r###"r#"%G"#"###).expect("a raw literal");
        assert_eq!(
            (raw.value.as_str(), raw.written_range(0..2)),
            ("%G", Some(3..5))
        );
        assert!(Literal::read("b\"%G\"").is_none());
    }
}
