//! The single walk over a file's syntax tree. It keeps the facts of `semantics` current as it
//! goes (bindings, guards, how each result is used, test context) and offers every date call
//! and struct literal to the lints.

use std::collections::HashMap;
use std::ops::Range;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Pat};

use crate::diagnostic::Diagnostic;
use crate::parse::macro_exprs;
use crate::rules::{self, CallCx};
use crate::semantics::apis;
use crate::semantics::guards::{Guard, guards_in};
use crate::semantics::imports::Imports;
use crate::semantics::usage::{Usage, builds_date, is_success_pattern, usage_of_method};
use crate::semantics::values::{Env, Value, file_consts};

/// Lints one parsed file. `test_file` marks files under `tests/` or `benches/`.
pub(crate) fn check_file(file: &syn::File, source: &str, test_file: bool) -> Vec<Diagnostic> {
    let imports = Imports::of_file(file);
    let mut checker = Checker {
        source,
        imports: &imports,
        env: Env::with_consts(file_consts(file)),
        guards: Vec::new(),
        usages: HashMap::new(),
        in_test: test_file,
        should_panic: false,
        found: Vec::new(),
    };
    checker.visit_file(file);
    checker.found
}

struct Checker<'a> {
    source: &'a str,
    imports: &'a Imports,
    env: Env,
    guards: Vec<Guard>,
    /// How the result of an expression is used, recorded by its parent before the walk
    /// reaches it. Keyed by byte range: bodies of macros are parsed into short-lived trees,
    /// so addresses could be reused.
    usages: HashMap<Range<usize>, Usage>,
    in_test: bool,
    should_panic: bool,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Walks a function body with its own bindings and guards.
    fn function(
        &mut self,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        walk: impl FnOnce(&mut Self),
    ) {
        let saved_env = self.env.enter_fn();
        let saved_guards = std::mem::take(&mut self.guards);
        let (saved_test, saved_panic) = (self.in_test, self.should_panic);
        self.in_test |= attrs.iter().any(is_test_attr);
        self.should_panic = attrs.iter().any(|a| a.path().is_ident("should_panic"));
        for input in &sig.inputs {
            if let syn::FnArg::Typed(arg) = input {
                self.bind_pattern(&arg.pat, None);
            }
        }
        walk(self);
        self.env.leave_fn(saved_env);
        self.guards = saved_guards;
        (self.in_test, self.should_panic) = (saved_test, saved_panic);
    }

    /// Binds the names of `pat` to what `init` holds (pairwise for tuples), or to unknown.
    fn bind_pattern(&mut self, pat: &Pat, init: Option<&Expr>) {
        match (pat, init) {
            (Pat::Ident(ident), _) => {
                let value = init.map_or(Value::Unknown, |e| self.env.eval(e));
                self.env.bind(ident.ident.to_string(), value);
            }
            (Pat::Type(typed), _) => self.bind_pattern(&typed.pat, init),
            (Pat::Tuple(tuple), Some(Expr::Tuple(values)))
                if tuple.elems.len() == values.elems.len() =>
            {
                for (pat, value) in tuple.elems.iter().zip(&values.elems) {
                    self.bind_pattern(pat, Some(value));
                }
            }
            (Pat::Tuple(tuple), _) => tuple.elems.iter().for_each(|p| self.bind_pattern(p, None)),
            (Pat::TupleStruct(tuple), _) => {
                tuple.elems.iter().for_each(|p| self.bind_pattern(p, None))
            }
            (Pat::Struct(fields), _) => {
                fields
                    .fields
                    .iter()
                    .for_each(|f| self.bind_pattern(&f.pat, None));
            }
            (Pat::Reference(reference), _) => self.bind_pattern(&reference.pat, None),
            (Pat::Slice(slice), _) => slice.elems.iter().for_each(|p| self.bind_pattern(p, None)),
            _ => {}
        }
    }

    /// Records how `expr`'s result is used, looking through adapters such as `ok_or(..)`.
    fn record_usage(&mut self, mut expr: &Expr, usage: Usage) {
        loop {
            expr = match expr {
                Expr::Paren(e) => &e.expr,
                Expr::Group(e) => &e.expr,
                Expr::MethodCall(call)
                    if usage_of_method(&call.method.to_string()) == Some(None) =>
                {
                    &call.receiver
                }
                _ => break,
            };
        }
        self.usages.insert(expr.span().byte_range(), usage);
    }

    /// Records what an expression does with the results of its children, and the guards its
    /// condition establishes (they hold for the rest of the enclosing block).
    fn before_children(&mut self, expr: &Expr) {
        match expr {
            Expr::MethodCall(call) => {
                if let Some(Some(usage)) = usage_of_method(&call.method.to_string()) {
                    self.record_usage(&call.receiver, usage);
                }
            }
            Expr::Try(e) => self.record_usage(&e.expr, Usage::Propagated),
            Expr::Match(m) => {
                let fallback = m
                    .arms
                    .iter()
                    .any(|arm| !is_success_pattern(&arm.pat) && builds_date(&arm.body));
                self.record_usage(&m.expr, Usage::Matched { fallback });
                let arm_guards = m.arms.iter().any(|arm| guards_in(&arm.pat).is_some());
                if let Some(guard) = guards_in(&m.expr).or(arm_guards.then_some(Guard::Feb29)) {
                    self.guards.push(guard);
                }
            }
            Expr::If(e) => {
                if let Expr::Let(test) = &*e.cond {
                    let fallback = e
                        .else_branch
                        .as_ref()
                        .is_some_and(|(_, other)| builds_date(other));
                    self.record_usage(&test.expr, Usage::Matched { fallback });
                }
                self.guards.extend(guards_in(&e.cond));
            }
            Expr::While(e) => self.guards.extend(guards_in(&e.cond)),
            _ => {}
        }
    }

    fn offer_to_lints(&mut self, expr: &Expr) {
        let feb29_guarded = self.guards.contains(&Guard::Feb29);
        if let Expr::Struct(literal) = expr {
            self.found.extend(rules::check_struct(
                literal,
                &self.env,
                feb29_guarded,
                self.source,
            ));
            return;
        }
        let Some(call) = apis::recognize(expr, self.imports) else {
            return;
        };
        let cx = CallCx {
            call: &call,
            env: &self.env,
            usage: self
                .usages
                .get(&expr.span().byte_range())
                .copied()
                .unwrap_or(Usage::Passed),
            feb29_guarded,
            in_test: self.in_test,
            should_panic: self.should_panic,
            source: self.source,
        };
        self.found.extend(rules::check_call(&cx));
    }

    /// Keeps bindings current across `x = ..`, `x += n` and `x -= n`.
    fn after_children(&mut self, expr: &Expr) {
        let (target, value) = match expr {
            Expr::Assign(assign) => (&*assign.left, self.env.eval(&assign.right)),
            Expr::Binary(binary) => {
                let op = match binary.op {
                    syn::BinOp::AddAssign(_) => syn::BinOp::Add(Default::default()),
                    syn::BinOp::SubAssign(_) => syn::BinOp::Sub(Default::default()),
                    _ => return,
                };
                let sum = syn::ExprBinary {
                    attrs: Vec::new(),
                    left: binary.left.clone(),
                    op,
                    right: binary.right.clone(),
                };
                (&*binary.left, self.env.eval(&Expr::Binary(sum)))
            }
            _ => return,
        };
        if let Expr::Path(path) = target
            && let Some(name) = path.path.get_ident()
        {
            self.env.assign(&name.to_string(), value);
        }
    }
}

impl<'ast> Visit<'ast> for Checker<'_> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(&item.attrs, &item.sig, |this| this.visit_block(&item.block));
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(&item.attrs, &item.sig, |this| this.visit_block(&item.block));
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(block) = &item.default {
            self.function(&item.attrs, &item.sig, |this| this.visit_block(block));
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        let saved = self.in_test;
        self.in_test |= item.attrs.iter().any(is_test_attr);
        visit::visit_item_mod(self, item);
        self.in_test = saved;
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let saved = self.in_test;
        self.in_test |= item.attrs.iter().any(is_test_attr);
        visit::visit_item_impl(self, item);
        self.in_test = saved;
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        let guards = self.guards.len();
        self.env.push();
        visit::visit_block(self, block);
        self.env.pop();
        self.guards.truncate(guards);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let Some(init) = &local.init else {
            self.bind_pattern(&local.pat, None);
            return;
        };
        if let Some((_, other)) = &init.diverge {
            self.record_usage(
                &init.expr,
                Usage::Matched {
                    fallback: builds_date(other),
                },
            );
        }
        self.visit_expr(&init.expr);
        if let Some((_, other)) = &init.diverge {
            self.visit_expr(other);
        }
        self.bind_pattern(&local.pat, Some(&init.expr));
    }

    fn visit_expr(&mut self, expr: &'ast Expr) {
        self.before_children(expr);
        self.offer_to_lints(expr);
        match expr {
            Expr::Closure(closure) => {
                self.env.push();
                closure
                    .inputs
                    .iter()
                    .for_each(|p| self.bind_pattern(p, None));
                self.visit_expr(&closure.body);
                self.env.pop();
            }
            Expr::ForLoop(for_loop) => {
                self.visit_expr(&for_loop.expr);
                self.env.push();
                let range = self.env.eval_range(&for_loop.expr);
                match &*for_loop.pat {
                    Pat::Ident(ident) => self.env.bind(ident.ident.to_string(), range),
                    pat => self.bind_pattern(pat, None),
                }
                self.visit_block(&for_loop.body);
                self.env.pop();
            }
            _ => visit::visit_expr(self, expr),
        }
        self.after_children(expr);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if mac.path.is_ident("macro_rules") {
            return;
        }
        let exprs = macro_exprs(mac);
        let asserts_failure = mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "assert_eq" || s.ident == "assert_ne")
            && exprs.iter().any(is_failure_literal);
        for expr in &exprs {
            if asserts_failure {
                self.record_usage(expr, Usage::Tested);
            }
            self.visit_expr(expr);
        }
    }
}

/// `None`, `Err(..)` or `LocalResult::None`: what an assertion compares a failing call with.
fn is_failure_literal(expr: &Expr) -> bool {
    match expr {
        Expr::Path(path) => path.path.segments.last().is_some_and(|s| s.ident == "None"),
        Expr::Call(call) => {
            matches!(&*call.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Err"))
        }
        _ => false,
    }
}

/// `#[test]`, `#[tokio::test]`, `#[bench]`, `#[rstest]` and `#[cfg(test)]` (not `cfg(not(test))`).
fn is_test_attr(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if path.is_ident("cfg") {
        let tokens = quote::ToTokens::to_token_stream(&attr.meta).to_string();
        return tokens
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|w| w == "test")
            && !tokens.contains("not");
    }
    path.segments
        .last()
        .is_some_and(|s| matches!(s.ident.to_string().as_str(), "test" | "bench" | "rstest"))
}
