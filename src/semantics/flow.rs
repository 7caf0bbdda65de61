//! Control flow the value model and the checker read: where a block or an expression never
//! finishes normally.

use syn::Expr;

/// Returns true if a block never finishes normally: it returns, breaks, continues, panics,
/// exits the process, or does one of these in every branch of a last `if` or `match`.
pub(crate) fn diverges(block: &syn::Block) -> bool {
    diverges_within(block, 8)
}

fn diverges_within(block: &syn::Block, depth: usize) -> bool {
    block.stmts.iter().any(|stmt| match stmt {
        syn::Stmt::Expr(e, _) => expr_diverges_within(e, depth),
        syn::Stmt::Macro(stmt) => is_panic(&stmt.mac),
        _ => false,
    })
}

pub(crate) fn expr_diverges(expr: &Expr) -> bool {
    expr_diverges_within(expr, 8)
}

fn expr_diverges_within(expr: &Expr, depth: usize) -> bool {
    let Some(depth) = depth.checked_sub(1) else {
        return false;
    };
    match expr {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Macro(e) => is_panic(&e.mac),
        Expr::Block(e) => diverges_within(&e.block, depth),
        Expr::If(e) => {
            diverges_within(&e.then_branch, depth)
                && e.else_branch
                    .as_ref()
                    .is_some_and(|(_, other)| expr_diverges_within(other, depth))
        }
        Expr::Match(m) => {
            !m.arms.is_empty()
                && m.arms
                    .iter()
                    .all(|arm| expr_diverges_within(&arm.body, depth))
        }
        // `Err(..)?`, `None?` and `std::process::exit(1)`.
        Expr::Try(e) => {
            matches!(&*e.expr, Expr::Call(call) if ends_with(&call.func, "Err"))
                || matches!(&*e.expr, Expr::Path(p) if p.path.is_ident("None"))
        }
        Expr::Call(call) => ends_with(&call.func, "exit"),
        _ => false,
    }
}

/// Returns true if `func` is a path whose last segment is `name`.
fn ends_with(func: &Expr, name: &str) -> bool {
    matches!(func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name))
}

fn is_panic(mac: &syn::Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "panic" | "unreachable" | "todo" | "unimplemented" | "bail"
        )
    })
}
