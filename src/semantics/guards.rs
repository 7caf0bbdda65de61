//! Guards: conditions and clamps showing that the code already handles the day that would
//! break it. A finding under such a guard is not reported.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::Expr;

use super::values::{Env, Value};

/// A risk that a condition in scope shows the author handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Guard {
    /// 29 February: a test of the day against 28 or 29, a leap-year test, or a look-up of the
    /// month's length.
    Feb29,
}

/// Names whose presence in a condition shows the author knew about month lengths or leap
/// years.
const LEAP_WORDS: &[&str] = &[
    "is_leap_year",
    "is_leap",
    "leap_year",
    "in_leap_year",
    "isleap",
    "days_in_month",
    "num_days_in_month",
    "days_in_year",
    "last_day_of_month",
    "last_of_month",
    "length",
    "is_valid",
    "is_valid_date",
];

/// The guards a condition (of an `if`, `while` or `match`) establishes.
pub(crate) fn guards_in(condition: &dyn ToTokens) -> Option<Guard> {
    scan(condition.to_token_stream()).then_some(Guard::Feb29)
}

fn scan(tokens: TokenStream) -> bool {
    let mut after_percent = false;
    for token in tokens {
        let hit = match &token {
            TokenTree::Group(group) => scan(group.stream()),
            TokenTree::Ident(ident) => LEAP_WORDS.contains(&ident.to_string().as_str()),
            TokenTree::Literal(lit) => {
                let text = lit.to_string();
                let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
                digits == "28"
                    || digits == "29"
                    || (after_percent && (digits == "4" || digits == "400"))
            }
            TokenTree::Punct(_) => false,
        };
        if hit {
            return true;
        }
        after_percent = matches!(&token, TokenTree::Punct(p) if p.as_char() == '%');
    }
    false
}

/// Returns true if a setter in the receiver chain already pins the day to one that exists in
/// every month (1 to 28) or the month to one other than February: `d.with_day(1)?.with_year(..)`.
pub(crate) fn chain_avoids_feb29(mut receiver: &Expr, env: &Env) -> bool {
    loop {
        receiver = match receiver {
            Expr::Paren(e) => &e.expr,
            Expr::Try(e) => &e.expr,
            Expr::MethodCall(call) => {
                if let Some(arg) = call.args.first()
                    && setter_avoids_feb29(&call.method.to_string(), &env.eval(arg))
                {
                    return true;
                }
                &call.receiver
            }
            _ => return false,
        }
    }
}

/// Returns true if setting the component named by `setter` to `value` rules out 29 February.
pub(crate) fn setter_avoids_feb29(setter: &str, value: &Value) -> bool {
    match setter {
        "with_day" | "replace_day" | "day" => value.within(1, 28) || *value == Value::Clamped,
        "with_day0" => value.within(0, 27),
        "with_month" | "replace_month" | "month" => {
            matches!(value, Value::Const(m) if (1..=12).contains(m) && *m != 2)
        }
        "with_month0" => matches!(value, Value::Const(m) if (0..=11).contains(m) && *m != 1),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guards(source: &str) -> Option<Guard> {
        let expr: Expr = syn::parse_str(source).expect("test condition parses");
        guards_in(&expr)
    }

    #[test]
    fn feb29_tests_and_leap_tests_guard() {
        assert_eq!(guards("m == 2 && d == 29"), Some(Guard::Feb29));
        assert_eq!(guards("day > 28u32"), Some(Guard::Feb29));
        assert_eq!(guards("is_leap_year(y + 1)"), Some(Guard::Feb29));
        assert_eq!(guards("(y % 4 == 0) && (y % 100 != 0)"), Some(Guard::Feb29));
    }

    #[test]
    fn unrelated_conditions_do_not_guard() {
        assert_eq!(guards("m == 2"), None);
        assert_eq!(guards("count % 3 == 0"), None);
        assert_eq!(guards("x == 4"), None);
    }
}
