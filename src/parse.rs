//! Parsing with syn: whole files, and the bodies of function-like macros as expressions.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, TokenStream, TokenTree};
use syn::parse::ParseStream;
use syn::{Expr, Token};

/// A file that does not parse: the reason and the byte offset where syn gave up.
#[derive(Debug)]
pub(crate) struct ParseError {
    pub(crate) message: String,
    pub(crate) offset: usize,
}

/// Parses a whole file. The byte offsets of spans stay those of `text`: a BOM or a shebang
/// line is blanked with spaces rather than cut off (syn's `parse_file` would shift them),
/// and doc comments are read as plain comments (see `plain_comments`).
pub(crate) fn parse_file(text: &str) -> Result<syn::File, ParseError> {
    let mut blanked = plain_comments(text);
    let mut prefix_len = 0;
    if text.starts_with('\u{feff}') {
        prefix_len = '\u{feff}'.len_utf8();
    }
    let rest = &text[prefix_len..];
    if rest.starts_with("#!") && !rest[2..].trim_start().starts_with('[') {
        prefix_len += rest.find('\n').unwrap_or(rest.len());
    }
    if prefix_len > 0 {
        let text = blanked.as_deref().unwrap_or(text);
        blanked = Some(format!("{}{}", " ".repeat(prefix_len), &text[prefix_len..]));
    }
    let text = blanked.as_deref().unwrap_or(text);
    syn::parse_str(text)
        .or_else(|error| {
            // syn reads the Rust of 2018 on; code of 2015 that rustc still accepts is read
            // again in today's spelling, keeping its spans.
            respelled_2015(text)
                .and_then(|tokens| syn::parse2(tokens).ok())
                .ok_or(error)
        })
        .map_err(|error| ParseError {
            message: error.to_string(),
            offset: error.span().byte_range().start,
        })
}

/// `text` with each doc comment made a plain one, byte for byte (`/// x` becomes `//  x`,
/// `/** x */` becomes `/*  x */`), or `None` if it has none. syn turns every doc comment
/// into a `#[doc = ".."]` attribute, which is a third of the time it takes to parse
/// well-documented code, and no lint reads documentation. (A doc comment that documents
/// nothing, which rustc rejects, no longer stops the parse.)
fn plain_comments(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut docs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_ident_byte(b) || b >= 0x80 {
            let start = i;
            while i < bytes.len() && (is_ident_byte(bytes[i]) || bytes[i] >= 0x80) {
                i += 1;
            }
            if matches!(&text[start..i], "r" | "br" | "cr")
                && matches!(bytes.get(i), Some(b'"' | b'#'))
                && let Some(end) = comment_or_literal_end(text, i - 1)
            {
                i = end + 1;
            }
            continue;
        }
        match comment_or_literal_end(text, i) {
            Some(end) => {
                let marker = bytes.get(i + 2).copied();
                let after = bytes.get(i + 3).copied();
                let doc = match bytes.get(i + 1) {
                    Some(b'/') if b == b'/' => {
                        marker == Some(b'!') || (marker == Some(b'/') && after != Some(b'/'))
                    }
                    Some(b'*') if b == b'/' => {
                        marker == Some(b'!')
                            || (marker == Some(b'*') && !matches!(after, Some(b'*' | b'/')))
                    }
                    _ => false,
                };
                if doc {
                    docs.push(i + 2);
                }
                i = end + 1;
            }
            None => i += 1,
        }
    }
    if docs.is_empty() {
        return None;
    }
    let mut plain = text.as_bytes().to_vec();
    for at in docs {
        plain[at] = b' ';
    }
    // Only ASCII bytes were replaced, by ASCII.
    String::from_utf8(plain).ok()
}

/// The tokens of `text` with the forms of edition 2015 that syn rejects spelled as in later
/// editions, every token keeping its span in `text`: `async`, `await` and `try` as
/// identifiers become raw identifiers (`try!(x)` is `r#try!(x)`), and so does `dyn` where
/// no type follows it (`let dyn = 1;`), a bare trait object with
/// parenthesized arguments gets its `dyn` (`&Fn(u8)`, `Box<FnMut()>`), and an anonymous
/// parameter of a trait method gets the name `_` (`fn f(u8);`).
fn respelled_2015(text: &str) -> Option<TokenStream> {
    Some(respell(text.parse().ok()?, false))
}

fn respell(tokens: TokenStream, in_trait: bool) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    let mut trait_body_next = false;
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let not_a_type_next = match tokens.peek() {
                    None => true,
                    Some(TokenTree::Punct(p)) => {
                        matches!(p.as_char(), '=' | ',' | ';' | '.')
                            || (p.as_char() == ':' && p.spacing() == Spacing::Alone)
                    }
                    Some(_) => false,
                };
                if matches!(name.as_str(), "async" | "await" | "try")
                    || (name == "dyn" && not_a_type_next)
                {
                    out.push(Ident::new_raw(&name, ident.span()).into());
                    continue;
                }
                let parenthesized = matches!(tokens.peek(),
                    Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis);
                if matches!(name.as_str(), "Fn" | "FnMut" | "FnOnce")
                    && parenthesized
                    && starts_a_type(&out)
                {
                    out.push(Ident::new("dyn", ident.span()).into());
                }
                trait_body_next |= name == "trait";
                out.push(ident.into());
            }
            TokenTree::Group(group) => {
                let brace = group.delimiter() == Delimiter::Brace;
                let mut inner = respell(group.stream(), brace && trait_body_next);
                if in_trait && group.delimiter() == Delimiter::Parenthesis && follows_fn_name(&out)
                {
                    inner = name_anonymous_parameters(inner);
                }
                trait_body_next &= !brace;
                let mut respelled = Group::new(group.delimiter(), inner);
                respelled.set_span(group.span());
                out.push(respelled.into());
            }
            TokenTree::Punct(punct) => {
                trait_body_next &= punct.as_char() != ';';
                out.push(punct.into());
            }
            literal => out.push(literal),
        }
    }
    out.into_iter().collect()
}

/// Whether a type starts after `before`: after `&`, `&mut`, `&'a`, `<`, `as` or `*const`.
fn starts_a_type(before: &[TokenTree]) -> bool {
    match before {
        [.., TokenTree::Punct(p)] => matches!(p.as_char(), '&' | '<'),
        [.., TokenTree::Punct(tick), TokenTree::Ident(_)] if tick.as_char() == '\'' => true,
        [.., TokenTree::Ident(word)] => matches!(word.to_string().as_str(), "mut" | "as" | "const"),
        _ => false,
    }
}

/// Whether `before` ends with `fn name` or `fn name<..>`.
fn follows_fn_name(before: &[TokenTree]) -> bool {
    let mut end = before.len();
    if let Some(TokenTree::Punct(p)) = before.last()
        && p.as_char() == '>'
    {
        let mut depth = 0usize;
        for (at, token) in before.iter().enumerate().rev() {
            if let TokenTree::Punct(p) = token {
                match p.as_char() {
                    '>' => depth += 1,
                    '<' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if depth == 0 {
                    end = at;
                    break;
                }
            }
        }
    }
    matches!(before.get(..end), Some([.., TokenTree::Ident(f), TokenTree::Ident(_)]) if f == "fn")
}

/// A trait method's parameters with `_:` before each that has no name (`u8`, `&str`);
/// `self` in any form and named parameters are left as they are.
fn name_anonymous_parameters(parameters: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = parameters.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut angles = 0usize;
    let mut start = 0;
    for at in 0..=tokens.len() {
        let ends = match tokens.get(at) {
            None => true,
            Some(TokenTree::Punct(p)) => {
                match p.as_char() {
                    '<' => angles += 1,
                    '>' if !is_arrow_end(&tokens, at) => angles = angles.saturating_sub(1),
                    _ => {}
                }
                p.as_char() == ',' && angles == 0
            }
            Some(_) => false,
        };
        if !ends {
            continue;
        }
        let parameter = &tokens[start..at];
        let named = parameter.iter().enumerate().any(|(i, token)| {
            matches!(token, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Alone)
                && !matches!(i.checked_sub(1).and_then(|j| parameter.get(j)),
                    Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
        });
        let is_self = matches!(parameter.last(), Some(TokenTree::Ident(word)) if word == "self");
        if let Some(first) = parameter.first()
            && !named
            && !is_self
        {
            out.push(Ident::new("_", first.span()).into());
            let mut colon = Punct::new(':', Spacing::Alone);
            colon.set_span(first.span());
            out.push(colon.into());
        }
        out.extend(tokens[start..(at + 1).min(tokens.len())].iter().cloned());
        start = at + 1;
    }
    out.into_iter().collect()
}

/// Whether the `>` at `at` ends a `->`.
fn is_arrow_end(tokens: &[TokenTree], at: usize) -> bool {
    matches!(at.checked_sub(1).and_then(|i| tokens.get(i)),
        Some(TokenTree::Punct(p)) if p.as_char() == '-' && p.spacing() == Spacing::Joint)
}

/// An upper bound on how deeply the syntax of `text` nests, skipping comments and string and
/// character literals. syn, the checker and the tree's destructor recurse once per level, so
/// a file nested deeper than the worker's stack allows is reported instead of parsed.
///
/// Brackets are not the only nesting: `&&&&T`, `V<V<V<T>>>`, `fn() -> fn() -> T`,
/// `|| || x`, `return return x` and `a + b + c` nest without them. So each open bracket
/// counts one level, plus, inside it, every punctuation character and keyword since the last
/// place where what follows is a sibling of what came before: a `;`, a `,` outside `<..>` and
/// closure parameters, or an item, statement or arm that starts after a `}`. Identifiers and
/// literals are leaves and count nothing.
pub(crate) fn nesting_bound(text: &str) -> usize {
    let bytes = text.as_bytes();
    // The open brackets, the file itself first.
    let mut frames = vec![Frame::default()];
    // The sum of the open brackets and of the levels each has counted.
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    let mut after_block = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if let Some(end) = comment_or_literal_end(text, i) {
            // A comment keeps what came before it; a literal is a leaf.
            after_block &= b == b'/';
            i = end + 1;
            continue;
        }
        let block_ended = std::mem::take(&mut after_block);
        let Some(frame) = frames.last_mut() else {
            break;
        };
        if is_ident_byte(b) || b >= 0x80 {
            let start = i;
            while i < bytes.len() && (is_ident_byte(bytes[i]) || bytes[i] >= 0x80) {
                i += 1;
            }
            let word = &text[start..i];
            if matches!(word, "r" | "br" | "cr")
                && matches!(bytes.get(i), Some(b'"' | b'#'))
                && let Some(end) = comment_or_literal_end(text, i - 1)
            {
                // A raw string, skipped whole (a raw identifier `r#x` reads on as `#x`).
                i = end + 1;
                continue;
            }
            if block_ended && word != "else" && word != "as" {
                // An item, statement or arm that starts after a block.
                depth -= frame.reset();
            }
            if is_keyword(word) {
                frame.levels += 1;
                depth += 1;
            }
        } else {
            i += 1;
            match b {
                b'(' | b'[' | b'{' => {
                    frames.push(Frame::default());
                    depth += 1;
                }
                b')' | b']' | b'}' => {
                    if frames.len() > 1
                        && let Some(closed) = frames.pop()
                    {
                        depth -= 1 + closed.levels;
                    }
                    after_block = b == b'}';
                }
                b';' => {
                    depth -= frame.reset();
                    frame.angles = 0;
                }
                b',' if frame.angles == 0 && frame.bars % 2 == 0 => depth -= frame.reset(),
                b'#' if block_ended => depth -= frame.reset(),
                _ => {
                    match b {
                        b'<' => frame.angles += 1,
                        b'>' => match i.checked_sub(2).map(|j| bytes[j]) {
                            // A match arm's pattern ends: its `|` were alternatives.
                            Some(b'=') => frame.bars = 0,
                            Some(b'-') => {}
                            _ => frame.angles = frame.angles.saturating_sub(1),
                        },
                        b'|' => frame.bars += 1,
                        _ => {}
                    }
                    frame.levels += 1;
                    depth += 1;
                }
            }
        }
        deepest = deepest.max(depth);
    }
    deepest
}

/// One open bracket for `nesting_bound`: the levels counted in it since its last sibling
/// break, the `<` not yet closed, and the `|` of closure parameters seen.
#[derive(Default)]
struct Frame {
    levels: usize,
    angles: usize,
    bars: usize,
}

impl Frame {
    /// Starts counting afresh after a sibling break; returns the levels dropped.
    fn reset(&mut self) -> usize {
        self.bars = 0;
        std::mem::take(&mut self.levels)
    }
}

/// Rust's keywords, which may each open a level (`return`, `move`, `dyn`, `as`, ..).
pub(crate) fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "await"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
            | "become"
            | "do"
            | "gen"
            | "raw"
            | "safe"
    )
}

/// If a comment or a string or character literal starts at byte `i`, the index of its last
/// byte (the length of `text` if it is not closed). Byte-level scanners share it so that a
/// bracket or a word inside a comment or a string is never taken for code.
#[inline]
pub(crate) fn comment_or_literal_end(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    match *bytes.get(i)? {
        b'/' if bytes.get(i + 1) == Some(&b'/') => {
            Some(memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |end| i + end))
        }
        b'/' if bytes.get(i + 1) == Some(&b'*') => {
            let (mut i, mut nested) = (i, 0usize);
            while i < bytes.len() {
                if bytes[i..].starts_with(b"/*") {
                    nested += 1;
                    i += 1;
                } else if bytes[i..].starts_with(b"*/") {
                    nested -= 1;
                    i += 1;
                    if nested == 0 {
                        break;
                    }
                }
                // Comments are a good part of a file: skip to the next byte that may matter.
                i = memchr::memchr2(b'*', b'/', &bytes[i + 1..]).map_or(bytes.len(), |n| i + 1 + n);
            }
            Some(i)
        }
        b'"' => Some(skip_string(bytes, i + 1, 0)),
        b'r' if (i == 0 || !is_ident_byte(bytes[i - 1]) || matches!(bytes[i - 1], b'b' | b'c'))
            && matches!(bytes.get(i + 1), Some(b'"' | b'#')) =>
        {
            let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
            (bytes.get(i + 1 + hashes) == Some(&b'"'))
                .then(|| skip_string(bytes, i + 2 + hashes, hashes))
        }
        b'\'' => {
            // A character literal ('(', '\'') but not a lifetime ('a).
            if bytes.get(i + 1) == Some(&b'\\') {
                // Past the escaped character, which may itself be a quote ('\'').
                let mut i = i + 3;
                while i < bytes.len() && bytes[i] != b'\'' {
                    i += 1;
                }
                Some(i.min(bytes.len()))
            } else {
                let c = text.get(i + 1..).and_then(|rest| rest.chars().next())?;
                (bytes.get(i + 1 + c.len_utf8()) == Some(&b'\'')).then(|| i + 1 + c.len_utf8())
            }
        }
        _ => None,
    }
}

/// The index of the closing quote of a string starting at `i` (raw if `hashes` > 0 or the
/// caller says so through the `#` count).
fn skip_string(bytes: &[u8], mut i: usize, hashes: usize) -> usize {
    let raw = hashes > 0 || (i >= 2 && bytes[i - 2] == b'r');
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if !raw => i += 1,
            b'"' if bytes[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes =>
            {
                return i + hashes;
            }
            _ => {}
        }
        i += 1;
        // Skip to the next byte that may end the string.
        let rest = bytes.get(i..).unwrap_or_default();
        let next = match raw {
            true => memchr::memchr(b'"', rest),
            false => memchr::memchr2(b'"', b'\\', rest),
        };
        i = next.map_or(bytes.len().max(i), |n| i + n);
    }
    i
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The comma- or semicolon-separated expressions at the start of a macro's body:
/// `format!("{}", y + 1)`, `vec![x; 365]`, `assert_eq!(a, b)`. Parsing stops at the first
/// token that does not continue an expression, so `matches!(x, 1 | 2)` yields `x`.
pub(crate) fn macro_exprs(mac: &syn::Macro) -> Vec<Expr> {
    mac.parse_body_with(leading_exprs).unwrap_or_default()
}

fn leading_exprs(input: ParseStream<'_>) -> syn::Result<Vec<Expr>> {
    let mut exprs = Vec::new();
    while !input.is_empty() {
        match input.parse::<Expr>() {
            Ok(expr) => exprs.push(expr),
            Err(_) => break,
        }
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        } else if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
        } else {
            break;
        }
    }
    input.parse::<TokenStream>()?;
    Ok(exprs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comments_become_plain_comments_in_place() {
        let text = "//! crate\n/// item\n//// rule\n/** block */ /**/ /*** stars */\n/*! inner /* nested */ */\nfn f() -> &'static str { \"/// not a comment\" }\nconst R: &str = r#\"//! nor this\"#;\n";
        assert_eq!(
            plain_comments(text).as_deref(),
            Some(
                "//  crate\n//  item\n//// rule\n/*  block */ /**/ /*** stars */\n/*  inner /* nested */ */\nfn f() -> &'static str { \"/// not a comment\" }\nconst R: &str = r#\"//! nor this\"#;\n"
            )
        );
        assert_eq!(plain_comments("// plain\nfn f() {}"), None);
        // Spans keep their offsets, and a doc comment that documents nothing still parses.
        let file = parse_file("fn f() {\n    /// stray\n}\n").expect("parses");
        assert_eq!(file.items.len(), 1);
    }

    #[test]
    fn nesting_skips_comments_strings_and_characters() {
        assert_eq!(nesting_bound("fn f() { g((1)) }"), 4);
        assert_eq!(nesting_bound("// ((((\n/* ( /* ( */ */ fn f() {}"), 2);
        assert_eq!(nesting_bound("fn f() { g('\\'', '(') }"), 3);
        assert_eq!(
            nesting_bound(r##"let s = "(\"(("; let r = r#"(("#; let c = '('; let l: &'a [u8];"##),
            5
        );
    }

    #[test]
    fn nesting_without_brackets_counts() {
        let deep = |unit: &str, n: usize| format!("type T = {}u8;", unit.repeat(n));
        assert!(nesting_bound(&deep("&", 1000)) > 1000);
        assert!(nesting_bound(&deep("fn() -> ", 1000)) > 1000);
        assert!(
            nesting_bound(&format!(
                "type T = {}u8{};",
                "V<a, ".repeat(1000),
                ">".repeat(1000)
            )) > 1000
        );
        assert!(nesting_bound(&format!("fn f() {{ {}x }}", "|a, b| ".repeat(1000))) > 1000);
        assert!(nesting_bound(&format!("fn f() {{ {}x }}", "return ".repeat(1000))) > 1000);
        assert!(nesting_bound(&format!("fn f() {{ x{} }}", " + 1".repeat(1000))) > 1000);
        assert!(
            nesting_bound(&format!(
                "fn f() {{ if a {{}}{} }}",
                " else if a {}".repeat(1000)
            )) > 1000
        );
    }

    #[test]
    fn siblings_do_not_add_up() {
        let items = "#[inline] fn a() -> u8 { 1 } pub fn b() {}\n".repeat(1000);
        assert!(nesting_bound(&items) < 10);
        let table = format!("const T: [u8; 3000] = [{}];", "1, 2, -3, ".repeat(1000));
        assert!(nesting_bound(&table) < 10);
        let arms = format!(
            "match x {{ {} _ => {{}} }}",
            "A | B => 1, C(_) => {} ".repeat(1000)
        );
        assert!(nesting_bound(&arms) < 10);
        let statements = "let x: Vec<u8> = a.b()?; if x < y { z(); } f(|a, b| a + b);".repeat(1000);
        assert!(nesting_bound(&statements) < 20);
    }

    #[test]
    fn spans_keep_their_offsets_after_a_bom_and_a_shebang() {
        use syn::spanned::Spanned;
        let text = "\u{feff}#!/usr/bin/env run\nfn f() {}\n";
        let file = parse_file(text).expect("parses");
        let start = file.items[0].span().byte_range().start;
        assert_eq!(&text[start..start + 2], "fn");
    }

    #[test]
    fn macro_bodies_yield_their_leading_expressions() {
        let mac: syn::Macro =
            syn::parse_str("assert!(matches!(x, 1 | 2), \"msg {}\", y + 1)").expect("parses");
        assert_eq!(macro_exprs(&mac).len(), 3);
        let mac: syn::Macro = syn::parse_str("vec![0u8; 365]").expect("parses");
        assert_eq!(macro_exprs(&mac).len(), 2);
    }
}
