//! How the result of a fallible date call is used: unwrapped, propagated, tested, or given
//! a fallback. The checker records it from the parent expression before visiting the call.

use syn::Expr;
use syn::visit::Visit;

/// What the surrounding code does with a call's `Option`, `Result` or `LocalResult`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Usage {
    /// `unwrap()` or `expect(..)`: a panic when the date does not exist.
    Panics,
    /// `?`, possibly after `ok_or`, `context` or `map_err`.
    Propagated,
    /// `unwrap_or(..)`, `unwrap_or_else(..)`, `or_else(..)`: the failure has a fallback.
    Fallback,
    /// `is_none()`, `is_err()`, or compared with `None` in an assertion: the failure is the point.
    Tested,
    /// `match`, `if let` or `let .. else`; `fallback` if a failure arm builds another date.
    Matched { fallback: bool },
    /// Returned, bound, or passed on as it is.
    Passed,
}

/// The usage a method called on a fallible result establishes, or `None` for an adapter
/// (`ok_or`, `map_err`, `single`) that passes the failure on to the next link of the chain.
pub(crate) fn usage_of_method(method: &str) -> Option<Option<Usage>> {
    Some(match method {
        "unwrap" | "expect" | "unwrap_unchecked" => Some(Usage::Panics),
        // A default date (1970-01-01) is no fallback: the failure goes unnoticed.
        "unwrap_or_default" => Some(Usage::Passed),
        "unwrap_or" | "unwrap_or_else" | "or" | "or_else" | "map_or" | "map_or_else" => {
            Some(Usage::Fallback)
        }
        "is_none" | "is_some" | "is_err" | "is_ok" => Some(Usage::Tested),
        "ok_or" | "ok_or_else" | "map_err" | "context" | "with_context" | "ok" | "single"
        | "earliest" | "latest" | "map" | "and_then" => None,
        _ => return None,
    })
}

/// Names of calls that build a date: a failure arm that calls one of them has a fallback.
const BUILDERS: &[&str] = &[
    "from_ymd",
    "from_ymd_opt",
    "from_calendar_date",
    "date",
    "with_year",
    "with_month",
    "with_day",
    "replace_year",
    "replace_month",
    "replace_day",
    "checked_add_months",
    "checked_sub_months",
    "checked_add_days",
    "checked_sub_days",
    "checked_add",
    "checked_sub",
    "saturating_add",
    "saturating_sub",
    "succ_opt",
    "pred_opt",
    "ymd_opt",
    "with_ymd_and_hms",
    "last_of_month",
    "first_of_month",
    "date_time_ymd",
];

/// Returns true if `node` builds a date somewhere inside it.
pub(crate) fn builds_date(node: &Expr) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            self.0 |= BUILDERS.contains(&call.method.to_string().as_str());
            syn::visit::visit_expr_method_call(self, call);
        }
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            if let Expr::Path(path) = &*call.func {
                self.0 |= path
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| BUILDERS.contains(&s.ident.to_string().as_str()));
            }
            syn::visit::visit_expr_call(self, call);
        }
    }
    let mut finder = Finder(false);
    finder.visit_expr(node);
    finder.0
}

/// Returns true if a `match` arm pattern is the success case (`Some(..)`, `Ok(..)`,
/// `LocalResult::Single(..)`).
pub(crate) fn is_success_pattern(pat: &syn::Pat) -> bool {
    let path = match pat {
        syn::Pat::TupleStruct(p) => &p.path,
        _ => return false,
    };
    path.segments
        .last()
        .is_some_and(|s| matches!(s.ident.to_string().as_str(), "Some" | "Ok" | "Single"))
}
