//! Facts about a whole file, gathered during the walk, that decide whether some findings
//! stand: a month table is fine in a file that adjusts February for leap years.

use quote::ToTokens;
use syn::{BinOp, Expr, Lit};

use super::calendar::{LEAP_CUMULATIVE_PREFIX, LEAP_MONTH_LENGTHS, int_elements};

/// What the file shows it knows about leap years and days of the year.
#[derive(Default, Debug)]
pub(crate) struct FileFacts {
    /// A leap-year test or function, a leap month table, or 366.
    pub(crate) leap_aware: bool,
    /// The literal 366 (a leap-year twin of a 365-day table).
    pub(crate) has_366: bool,
    /// An integer literal of whole 365-day years (365, 8760, 31_536_000), which every span or
    /// table of them is built from (see `prefilter.rs`).
    pub(crate) has_year_literal: bool,
    /// Something indexed by a day of the year (`table[d.ordinal0() as usize]`).
    pub(crate) indexes_by_day_of_year: bool,
    /// A product with a literal 30-day month (`30 * n`, `2_592_000 * n`), which every span of
    /// 30-day months is built from (see `prefilter.rs`).
    pub(crate) has_month_product: bool,
}

/// Names of day-of-year values.
pub(crate) const DAY_OF_YEAR: &[&str] = &[
    "ordinal",
    "ordinal0",
    "day_of_year",
    "yday",
    "doy",
    "tm_yday",
];

impl FileFacts {
    pub(crate) fn observe(&mut self, expr: &Expr) {
        // Names are read only until the file shows it knows leap years.
        let leap_unknown = !self.leap_aware;
        match expr {
            Expr::Binary(binary) if matches!(binary.op, BinOp::Mul(_)) => {
                self.has_month_product |= [&*binary.left, &*binary.right].into_iter().any(|e| {
                    matches!(e, Expr::Lit(syn::ExprLit { lit: Lit::Int(int), .. })
                        if int.base10_parse::<u128>().is_ok_and(crate::prefilter::is_month_literal))
                });
            }
            Expr::Lit(lit) => {
                if let Lit::Float(float) = &lit.lit {
                    self.has_year_literal |= crate::prefilter::is_year_float(float.base10_digits());
                }
                if let Lit::Int(int) = &lit.lit
                    && let Ok(value) = int.base10_parse::<u128>()
                {
                    self.has_year_literal |= crate::prefilter::is_year_literal(value);
                    if value == 366 {
                        self.has_366 = true;
                        self.leap_aware = true;
                    }
                }
            }
            Expr::Call(call) if leap_unknown => {
                if let Expr::Path(path) = &*call.func {
                    self.leap_aware |= path.path.segments.iter().any(|s| mentions_leap(&s.ident));
                }
            }
            Expr::MethodCall(call) => {
                self.leap_aware |= leap_unknown && mentions_leap(&call.method);
                if call.method == "get" || call.method == "get_mut" {
                    self.indexes_by_day_of_year |= call.args.iter().any(names_day_of_year);
                }
            }
            Expr::Path(path) if leap_unknown => {
                self.leap_aware |= path.path.segments.iter().any(|s| mentions_leap(&s.ident))
            }
            Expr::Binary(binary) if leap_unknown && matches!(binary.op, BinOp::Rem(_)) => {
                let text = binary.right.to_token_stream().to_string();
                self.leap_aware |= text == "400" || text == "4";
            }
            Expr::Index(index) => self.indexes_by_day_of_year |= names_day_of_year(&index.index),
            Expr::Array(array) => self.observe_list(array.elems.iter()),
            _ => {}
        }
    }

    /// The name of a constant: `DAYS_IN_MONTHS_NORMAL_YEAR` says its February is the common one.
    pub(crate) fn observe_name(&mut self, name: &syn::Ident) {
        let name = name.to_string();
        self.leap_aware |= ["leap", "normal_year", "common_year"]
            .iter()
            .any(|word| contains_ignoring_case(&name, word));
    }

    /// The elements of an array or `vec![..]`: a leap month table shows leap awareness.
    pub(crate) fn observe_list<'a>(&mut self, elements: impl IntoIterator<Item = &'a Expr>) {
        let elements = int_elements(elements.into_iter());
        self.leap_aware |= elements.windows(12).any(|w| w == LEAP_MONTH_LENGTHS)
            || elements.windows(3).any(|w| w == LEAP_CUMULATIVE_PREFIX);
    }
}

fn mentions_leap(ident: &syn::Ident) -> bool {
    contains_ignoring_case(&ident.to_string(), "leap")
}

/// `haystack` contains `needle` (lowercase ASCII) in any case, without allocating.
fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A day-of-year index, unless it is clamped (`ordinal0().min(364)`).
fn names_day_of_year(expr: &Expr) -> bool {
    let text = expr.to_token_stream().to_string();
    let clamped = text.contains("min") || text.contains("clamp");
    !clamped
        && text
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|word| DAY_OF_YEAR.contains(&word))
}
