//! Chains of setters on one date: `d.with_month(2)?.with_day(28)`, looking through the
//! `unwrap`, `?` and `ok_or(..)` links between them.

use syn::Expr;

/// The setters of a component that return `None` or an error when the result does not
/// exist: of the date, whose order in a chain matters, and of the time of day.
const SETTERS: &[&str] = &[
    "with_year",
    "with_month",
    "with_month0",
    "with_day",
    "with_day0",
    "replace_year",
    "replace_month",
    "replace_day",
    "with_hour",
    "with_minute",
    "with_second",
    "with_nanosecond",
    "replace_hour",
    "replace_minute",
    "replace_second",
    "replace_millisecond",
    "replace_microsecond",
    "replace_nanosecond",
];

/// Whether a method is one of `SETTERS`.
pub(crate) fn is_setter(method: &syn::Ident) -> bool {
    SETTERS.iter().any(|setter| method == setter)
}

/// One setter in a chain: its name and its argument.
pub(crate) struct Setter<'ast> {
    pub(crate) name: String,
    pub(crate) arg: &'ast Expr,
    pub(crate) call: &'ast Expr,
}

/// The setters of the chain that ends in `expr`, in the order they apply (innermost first);
/// empty if `expr` is not a setter call.
pub(crate) fn setter_chain(mut expr: &Expr) -> Vec<Setter<'_>> {
    let mut chain = Vec::new();
    loop {
        expr = match expr {
            Expr::Paren(e) => &e.expr,
            Expr::Try(e) => &e.expr,
            Expr::MethodCall(call) => {
                let name = call.method.to_string();
                if SETTERS.contains(&name.as_str()) && call.args.len() == 1 {
                    chain.push(Setter {
                        name,
                        arg: &call.args[0],
                        call: expr,
                    });
                } else if !matches!(
                    name.as_str(),
                    "unwrap"
                        | "expect"
                        | "ok_or"
                        | "ok_or_else"
                        | "context"
                        | "with_context"
                        | "map_err"
                ) {
                    break;
                }
                &call.receiver
            }
            _ => break,
        }
    }
    chain.reverse();
    chain
}
