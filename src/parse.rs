//! Parsing with syn: whole files, and the bodies of function-like macros as expressions.

use proc_macro2::TokenStream;
use syn::parse::ParseStream;
use syn::{Expr, Token};

/// A file that does not parse: the reason and the byte offset where syn gave up.
#[derive(Debug)]
pub(crate) struct ParseError {
    pub(crate) message: String,
    pub(crate) offset: usize,
}

/// Parses a whole file. The byte offsets of spans stay those of `text`: a BOM or a shebang
/// line is blanked with spaces rather than cut off (syn's `parse_file` would shift them).
pub(crate) fn parse_file(text: &str) -> Result<syn::File, ParseError> {
    let mut blanked = None;
    let mut prefix_len = 0;
    if text.starts_with('\u{feff}') {
        prefix_len = '\u{feff}'.len_utf8();
    }
    let rest = &text[prefix_len..];
    if rest.starts_with("#!") && !rest[2..].trim_start().starts_with('[') {
        prefix_len += rest.find('\n').unwrap_or(rest.len());
    }
    if prefix_len > 0 {
        blanked = Some(format!("{}{}", " ".repeat(prefix_len), &text[prefix_len..]));
    }
    syn::parse_str(blanked.as_deref().unwrap_or(text)).map_err(|error| ParseError {
        message: error.to_string(),
        offset: error.span().byte_range().start,
    })
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
