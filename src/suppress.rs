//! Suppressions: `// datelint:allow(lint, lint) -- reason` on the line of a finding or the
//! line above, and `#[cfg_attr(datelint, allow(datelint::lint))]` on an item (inert for
//! rustc). A suppression that suppresses nothing is reported as `unused_suppression`.

use std::ops::Range;

use syn::punctuated::Punctuated;
use syn::{Attribute, Meta, Token};

use crate::diagnostic::Diagnostic;
use crate::lint::Lint;
use crate::rules::{self, LINTS};

/// One suppression: which lints, the bytes it covers, and where it is written.
#[derive(Debug)]
pub(crate) struct Suppression {
    pub(crate) lints: Vec<String>,
    pub(crate) covers: Range<usize>,
    pub(crate) at: Range<usize>,
}

const MARKER: &str = "datelint:allow(";

/// The `// datelint:allow(..)` comments of a file, each covering its own line and the next,
/// and a finding for each `datelint:` directive that is not one (`datelint: allow(x)`,
/// `datelint:allow x`, `datelint:deny(x)`). Comments are found by the lexer that the
/// nesting bound and the module scan share (`parse::comment_or_literal_end`), so nothing
/// inside a string or character literal counts.
pub(crate) fn comments(text: &str) -> (Vec<Suppression>, Vec<Diagnostic>) {
    // Every directive names datelint: most files need no lexing for them.
    if memchr::memmem::find(text.as_bytes(), b"datelint").is_none() {
        return (Vec::new(), Vec::new());
    }
    let line_comments = line_comments(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut line_starts = Vec::with_capacity(lines.len());
    let mut offset = 0;
    for line in &lines {
        line_starts.push(offset);
        offset += line.len();
    }
    let line_of = |at: usize| {
        line_starts
            .partition_point(|&start| start <= at)
            .saturating_sub(1)
    };
    // Where each line's plain comment starts, for the code before a trailing comment.
    let mut code_end: Vec<Option<usize>> = vec![None; lines.len()];
    for comment in &line_comments {
        let index = line_of(comment.start);
        code_end[index] = Some(comment.start - line_starts[index]);
    }
    let mut found = Vec::new();
    let mut malformed = Vec::new();
    for comment in &line_comments {
        let written = &text[comment.clone()];
        let at = comment.start..comment.start + written.trim_end().len();
        let lints = match directive(written[2..].trim_start()) {
            Directive::None => continue,
            Directive::Malformed(problem) => {
                malformed.push(rules::malformed_suppression(at, problem));
                continue;
            }
            Directive::Allow(lints) => lints,
        };
        let index = line_of(comment.start);
        let line_start = line_starts[index];
        let next = lines.get(index + 1).map_or(0, |l| l.len());
        // A comment after code covers the whole statement it ends, which rustfmt may have
        // spread over several lines.
        let trailing = !text[line_start..comment.start].trim().is_empty();
        let start = if trailing {
            statement_start(&lines, &code_end, index, line_start)
        } else {
            line_start
        };
        found.push(Suppression {
            lints,
            covers: start..line_start + lines[index].len() + next,
            at,
        });
    }
    (found, malformed)
}

/// The plain `//` comments of `text` (not doc comments, which describe rather than
/// suppress), each as the range from its `//` to the end of its line.
fn line_comments(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(end) = crate::parse::comment_or_literal_end(text, i) {
            let rest = &bytes[i..];
            let doc = (rest.starts_with(b"///") && !rest.starts_with(b"////"))
                || rest.starts_with(b"//!");
            if rest.starts_with(b"//") && !doc {
                found.push(i..end.min(bytes.len()));
            }
            i = end + 1;
        } else if is_word(bytes[i]) {
            // A word is passed whole, so that a `'` or `r"` inside it starts nothing; a raw
            // or byte string's prefix is a word that the string follows.
            let start = i;
            while i < bytes.len() && is_word(bytes[i]) {
                i += 1;
            }
            let prefix = &bytes[start..i];
            if matches!(prefix, b"r" | b"br" | b"cr" | b"b" | b"c")
                && let Some(end) = crate::parse::comment_or_literal_end(text, i - 1)
                    .or_else(|| crate::parse::comment_or_literal_end(text, i))
            {
                i = end + 1;
            }
        } else {
            i += 1;
        }
    }
    found
}

/// What a comment's text (after `//`) says to datelint.
enum Directive {
    None,
    Allow(Vec<String>),
    Malformed(&'static str),
}

/// Reads `datelint:allow(a, b) -- reason`; text that starts like a directive but is not one
/// is malformed, and prose that only mentions datelint is nothing.
fn directive(body: &str) -> Directive {
    if let Some(after) = body.strip_prefix(MARKER) {
        return match lint_list(after) {
            Some(lints) if !lints.is_empty() => Directive::Allow(lints),
            Some(_) => Directive::Malformed("names no lint: write `datelint:allow(lint)`"),
            None => {
                Directive::Malformed("has no closing parenthesis: write `datelint:allow(lint)`")
            }
        };
    }
    let Some(rest) = body.strip_prefix("datelint") else {
        return Directive::None;
    };
    let Some(rest) = rest.trim_start().strip_prefix(':') else {
        return Directive::None;
    };
    let rest = rest.trim_start();
    let word_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let (word, after) = rest.split_at(word_end);
    let call = after.trim_start().starts_with('(');
    match word {
        "allow" => Directive::Malformed("is not read: write `datelint:allow(lint)`, with no space"),
        "warn" | "deny" | "forbid" | "expect" if call => Directive::Malformed(
            "is not read: a comment can only allow; set levels in the configuration",
        ),
        _ => Directive::None,
    }
}

/// The lints named after `datelint:allow(`, up to the closing parenthesis.
fn lint_list(after_marker: &str) -> Option<Vec<String>> {
    let close = after_marker.find(')')?;
    Some(
        after_marker[..close]
            .split(',')
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect(),
    )
}

/// The `datelint:allow(..)` lines in the explanatory text of a PEM file (RFC 7468 allows
/// text around the blocks); each covers the text up to the end of the next certificate, of
/// the `certificates` spans.
pub(crate) fn in_pem_text(text: &str, certificates: &[Range<usize>]) -> Vec<Suppression> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let Some(at) = line.find(MARKER) else {
            continue;
        };
        if certificates.iter().any(|block| block.contains(&start)) {
            continue;
        }
        let Some(lints) = lint_list(&line[at + MARKER.len()..]) else {
            continue;
        };
        let end = certificates
            .iter()
            .filter(|block| block.start >= start)
            .map(|block| block.end)
            .min()
            .unwrap_or(start);
        found.push(Suppression {
            lints,
            covers: start..end,
            at: start + at..start + line.trim_end().len(),
        });
    }
    found
}

/// The byte offset where the statement ending on line `index` (starting at `line_start`)
/// begins: the first line after one that ends a statement or opens or closes a block.
/// `code_end` is where each line's comment starts.
fn statement_start(
    lines: &[&str],
    code_end: &[Option<usize>],
    index: usize,
    line_start: usize,
) -> usize {
    let mut start = line_start;
    for (line, end) in lines[..index].iter().zip(code_end).rev() {
        let code = line[..end.unwrap_or(line.len())].trim();
        if code.is_empty() || code.ends_with([';', '{', '}']) {
            break;
        }
        start -= line.len();
    }
    start
}

/// The suppression an item's attributes hold, covering `item`.
pub(crate) fn from_attributes(attrs: &[Attribute], item: Range<usize>) -> Option<Suppression> {
    attrs.iter().find_map(|attr| {
        if !attr.path().is_ident("cfg_attr") {
            return None;
        }
        let args = attr
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .ok()?;
        let mut args = args.iter();
        if !args.next()?.path().is_ident("datelint") {
            return None;
        }
        let Meta::List(allow) = args.next()? else {
            return None;
        };
        if !allow.path.is_ident("allow") {
            return None;
        }
        let paths = allow
            .parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
            .ok()?;
        let lints = paths
            .iter()
            .filter_map(|p| p.segments.last().map(|s| s.ident.to_string()))
            .collect();
        Some(Suppression {
            lints,
            covers: item.clone(),
            at: syn::spanned::Spanned::span(attr).byte_range(),
        })
    })
}

/// Drops the findings a suppression covers, and reports each suppression that covered none.
/// A finding of a lint that is `forbidden` is never dropped, as rustc has it: `forbid` wins
/// over comments and attributes alike.
pub(crate) fn apply(
    findings: Vec<Diagnostic>,
    suppressions: &[Suppression],
    forbidden: impl Fn(&Lint) -> bool,
) -> Vec<Diagnostic> {
    let mut used = vec![false; suppressions.len()];
    let mut kept: Vec<Diagnostic> = findings
        .into_iter()
        .filter(|finding| {
            if forbidden(finding.lint) {
                return true;
            }
            let mut suppressed = false;
            for (index, suppression) in suppressions.iter().enumerate() {
                let names_it = suppression.lints.iter().any(|name| {
                    let name = name.strip_prefix("datelint::").unwrap_or(name);
                    name == finding.lint.name || name == finding.lint.group.name()
                });
                if names_it && suppression.covers.contains(&finding.span.start) {
                    used[index] = true;
                    suppressed = true;
                }
            }
            !suppressed
        })
        .collect();
    for (suppression, used) in suppressions.iter().zip(used) {
        if !used {
            // The first name that is no lint or group, with the closest one that is.
            let unknown = suppression
                .lints
                .iter()
                .find(|name| crate::config::check_name(name).is_err())
                .map(|name| {
                    let known = LINTS.iter().flat_map(|l| [l.name, l.group.name()]);
                    (name.as_str(), crate::config::closest_name(name, known))
                });
            kept.push(rules::unused_suppression(
                suppression.at.clone(),
                &suppression.lints,
                unknown,
            ));
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comments_strings_and_prose_do_not_suppress() {
        let text = "/// Write `// datelint:allow(x)`.\nlet s = \"// datelint:allow(x)\";\n// see datelint:allow(x)\n";
        assert!(comments(text).0.is_empty());
    }

    #[test]
    fn comments_are_found_by_the_lexer_not_by_lines() {
        let text = "let s = \"a\n// datelint:allow(correctness)\nb\";\nlet r = r#\"\n// datelint:allow(x)\n\"#;\nlet c = '\"'; // datelint:allow(y)\nlet b = b'\\''; // datelint:allow(z)\n";
        let found = comments(text).0;
        let lints: Vec<&str> = found.iter().map(|s| s.lints[0].as_str()).collect();
        assert_eq!(lints, ["y", "z"]);
    }

    #[test]
    fn malformed_directives_are_reported_and_prose_is_not() {
        for text in [
            "// datelint: allow(x)\n",
            "// datelint :allow(x)\n",
            "// datelint:allow x\n",
            "// datelint:allow(x\n",
            "// datelint:allow()\n",
            "// datelint:deny(x)\n",
        ] {
            let (found, malformed) = comments(text);
            assert!(found.is_empty() && malformed.len() == 1, "{text}");
        }
        for text in ["// datelint: see the README\n", "// datelint finds bugs\n"] {
            let (found, malformed) = comments(text);
            assert!(found.is_empty() && malformed.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_trailing_comment_covers_its_whole_statement() {
        let text = "fn f() {\n    let r = issued\n        .with_year(1)\n        .unwrap(); // datelint:allow(x)\n}\n";
        let found = comments(text).0;
        assert_eq!(
            &text[found[0].covers.clone()],
            "    let r = issued\n        .with_year(1)\n        .unwrap(); // datelint:allow(x)\n}\n"
        );
    }

    #[test]
    fn a_line_of_pem_text_covers_the_next_certificate_only() {
        let text = "datelint:allow(expired_certificate) -- a test of expiry\n-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\nnext\n-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n";
        let block = |at: usize| at..at + text[at..].find("END CERTIFICATE-----").unwrap_or(0) + 20;
        let blocks = [
            block(text.find("-----BEGIN").unwrap_or(0)),
            block(text.rfind("-----BEGIN").unwrap_or(0)),
        ];
        let found = in_pem_text(text, &blocks);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].lints, ["expired_certificate"]);
        assert_eq!(found[0].covers, 0..blocks[0].end);
        assert_eq!(
            &text[found[0].at.clone()],
            "datelint:allow(expired_certificate) -- a test of expiry"
        );
    }

    #[test]
    fn comments_cover_their_line_and_the_next() {
        let text = "a\n// datelint:allow(naive_year_shift, year_as_365_days) -- why\nb\nc\n";
        let found = comments(text).0;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].lints, ["naive_year_shift", "year_as_365_days"]);
        assert_eq!(
            &text[found[0].covers.clone()],
            "// datelint:allow(naive_year_shift, year_as_365_days) -- why\nb\n"
        );
    }
}
