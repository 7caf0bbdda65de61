//! Suppressions: `// datelint:allow(lint, lint) -- reason` on the line of a finding or the
//! line above, and `#[cfg_attr(datelint, allow(datelint::lint))]` on an item (inert for
//! rustc). A suppression that suppresses nothing is reported as `unused_suppression`.

use std::ops::Range;

use syn::punctuated::Punctuated;
use syn::{Attribute, Meta, Token};

use crate::diagnostic::Diagnostic;
use crate::rules::{self, LINTS};

/// One suppression: which lints, the bytes it covers, and where it is written.
#[derive(Debug)]
pub(crate) struct Suppression {
    pub(crate) lints: Vec<String>,
    pub(crate) covers: Range<usize>,
    pub(crate) at: Range<usize>,
}

const MARKER: &str = "datelint:allow(";

/// The `// datelint:allow(..)` comments of a file; each covers its own line and the next.
pub(crate) fn comments(text: &str) -> Vec<Suppression> {
    let mut found = Vec::new();
    let mut line_start = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (index, line) in lines.iter().enumerate() {
        if let Some(comment) = comment_start(line)
            && let Some(body) = line[comment + 2..]
                .strip_prefix(' ')
                .or(Some(&line[comment + 2..]))
            && body.trim_start().starts_with(MARKER)
        {
            let open = line.len() - body.trim_start().len() + MARKER.len();
            if let Some(lints) = lint_list(&line[open..]) {
                let next = lines.get(index + 1).map_or(0, |l| l.len());
                // A comment after code covers the whole statement it ends, which rustfmt may
                // have spread over several lines.
                let trailing = !line[..comment].trim().is_empty();
                let start = if trailing {
                    statement_start(&lines, index, line_start)
                } else {
                    line_start
                };
                found.push(Suppression {
                    lints,
                    covers: start..line_start + line.len() + next,
                    at: line_start + comment..line_start + line.trim_end().len(),
                });
            }
        }
        line_start += line.len();
    }
    found
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
fn statement_start(lines: &[&str], index: usize, line_start: usize) -> usize {
    let mut start = line_start;
    for line in lines[..index].iter().rev() {
        let code = comment_start(line).map_or(*line, |at| &line[..at]).trim();
        if code.is_empty() || code.ends_with([';', '{', '}']) {
            break;
        }
        start -= line.len();
    }
    start
}

/// Where a plain `//` comment starts on a line: not a doc comment (`///`, `//!`), which
/// describes rather than suppresses, and not `//` inside a string literal.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '/' if !in_string && line[at..].starts_with("//") => {
                let doc = line[at + 2..].starts_with(['/', '!']);
                return (!doc).then_some(at);
            }
            _ => {}
        }
    }
    None
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
pub(crate) fn apply(findings: Vec<Diagnostic>, suppressions: &[Suppression]) -> Vec<Diagnostic> {
    let mut used = vec![false; suppressions.len()];
    let mut kept: Vec<Diagnostic> = findings
        .into_iter()
        .filter(|finding| {
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
            let known = suppression.lints.iter().all(|name| {
                rules::find(name).is_some() || LINTS.iter().any(|l| l.group.name() == name)
            });
            kept.push(rules::unused_suppression(
                suppression.at.clone(),
                &suppression.lints,
                known,
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
        assert!(comments(text).is_empty());
    }

    #[test]
    fn a_trailing_comment_covers_its_whole_statement() {
        let text = "fn f() {\n    let r = issued\n        .with_year(1)\n        .unwrap(); // datelint:allow(x)\n}\n";
        let found = comments(text);
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
        let found = comments(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].lints, ["naive_year_shift", "year_as_365_days"]);
        assert_eq!(
            &text[found[0].covers.clone()],
            "// datelint:allow(naive_year_shift, year_as_365_days) -- why\nb\n"
        );
    }
}
