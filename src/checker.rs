//! The single walk over a file's syntax tree. It keeps the facts of `semantics` current as it
//! goes (bindings, guards, how each result is used, test context) and offers every date call
//! and struct literal to the lints.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use quote::ToTokens;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Pat};

use crate::diagnostic::Diagnostic;
use crate::parse::macro_exprs;
use crate::rules::{self, Cx};
use crate::semantics::apis;
use crate::semantics::chains::{is_setter, setter_chain};
use crate::semantics::facts::FileFacts;
use crate::semantics::flow::{diverges, expr_diverges};
use crate::semantics::formats::{Format, FormatStrings, Literal};
use crate::semantics::guards::{self, Guard, guards_in, guards_in_match};
use crate::semantics::imports::{Imports, ModuleScope, zone_of_path};
use crate::semantics::interval::{Interval, type_range};
use crate::semantics::leap;
use crate::semantics::summaries::{Imported, Returns, Summaries};
use crate::semantics::usage::{Usage, builds_date, is_success_pattern, usage_of_method};
use crate::semantics::values::{
    Clock, Env, Value, file_consts, impl_type, is_compound_assignment, is_same_date,
};

/// What a name bound without a value of its own holds: nothing known.
const UNKNOWN: (Value, Interval) = (Value::Unknown, Interval::ANY);
use crate::suppress::{Suppression, from_attributes};

/// What checking a file gives: findings, the suppressions written as attributes, and the
/// named items (for the enclosing item of a finding).
pub(crate) struct Checked {
    pub(crate) findings: Vec<Diagnostic>,
    pub(crate) suppressions: Vec<Suppression>,
    pub(crate) items: Vec<(Range<usize>, String)>,
    /// What the file's visible functions return, for the other files of its crate.
    pub(crate) exports: Vec<(String, Returns)>,
    /// The functions it calls that another file of its crate may define.
    pub(crate) wanted: Vec<String>,
}

/// Lints one parsed file. `test_file` marks files under `tests/` or `benches/`;
/// `julian_file` a file whose path names the Julian calendar.
pub(crate) fn check_file(
    file: &syn::File,
    source: &str,
    test_file: bool,
    julian_file: bool,
    imported: Imported,
) -> Checked {
    let imports = Imports::of_file(file);
    let mut checker = Checker {
        converted_to: None,
        source,
        imports: &imports,
        env: {
            let consts = file_consts(file);
            let summaries = Summaries::of_file(file, &consts, imported);
            Env::with_consts(consts).with_summaries(summaries)
        },
        guards: Vec::new(),
        usages: HashMap::new(),
        in_test: test_file,
        in_julian: julian_file,
        function: None,
        should_panic: false,
        in_condition: false,
        macro_depth: 0,
        last_macro: None,
        setter_links: HashSet::new(),
        boolean_parent: false,
        in_error: false,
        part_of_a_test: false,
        let_scrutinee: false,
        facts: FileFacts::default(),
        formats: FormatStrings::default(),
        found: Vec::new(),
        pending: Vec::new(),
        withdrawn: HashSet::new(),
        suppressions: Vec::new(),
        items: Vec::new(),
        scopes: vec![ModuleScope::of(&file.items, source)],
        iteration: None,
    };
    checker.visit_file(file);
    let formats = format_findings(&checker.formats, source);
    checker.found.extend(formats);
    let (facts, withdrawn) = (checker.facts, checker.withdrawn);
    let found = checker
        .found
        .into_iter()
        .enumerate()
        .filter(|(index, finding)| !withdrawn.contains(index) && rules::stands(finding, &facts))
        .map(|(_, finding)| finding)
        .collect();
    let summaries = checker.env.summaries();
    Checked {
        findings: found,
        suppressions: checker.suppressions,
        items: checker.items,
        exports: summaries.exports.clone(),
        wanted: summaries.wanted.clone(),
    }
}

struct Checker<'a> {
    /// The expression whose value is converted to a known integer type, and the type: a
    /// typed `let`'s initializer, or the tail of a function that returns one. Compared by
    /// address, so nothing is printed or cloned to find it.
    converted_to: Option<(*const Expr, String)>,
    source: &'a str,
    imports: &'a Imports,
    env: Env,
    guards: Vec<Guard>,
    /// How the result of a call is used, recorded by its parent before the walk reaches it.
    /// Keyed by `call_key`, a byte range: bodies of macros are parsed into short-lived trees,
    /// so addresses could be reused.
    usages: HashMap<Range<usize>, Usage>,
    in_test: bool,
    /// Inside a module, type or function named for the Julian calendar, whose leap rule is
    /// `y % 4 == 0` alone.
    in_julian: bool,
    /// The byte range of the function being walked.
    function: Option<Range<usize>>,
    should_panic: bool,
    /// The walk is inside the condition of an `if` or `while`, or a `match`'s scrutinee.
    in_condition: bool,
    /// How many macro bodies around the walk were parsed from their tokens.
    macro_depth: usize,
    /// The expressions of the last macro walked, by its address: an assertion's are read
    /// again once its statement is walked, and need not be parsed twice.
    last_macro: Option<(*const syn::Macro, Vec<Expr>)>,
    /// Setter calls that are inner links of a longer chain, by `call_key`.
    setter_links: HashSet<Range<usize>>,
    /// The parent expression is a boolean operator: this one is part of a larger condition.
    boolean_parent: bool,
    /// The walk is inside the error of a failure (`Cx::in_error`).
    in_error: bool,
    /// The `let` being walked binds a part of a leap test that its block completes.
    part_of_a_test: bool,
    /// The parent expression is a `let` (in `if let` or a let chain): an `&&` put in place
    /// of this one would end it.
    let_scrutinee: bool,
    facts: FileFacts,
    /// The format strings of the file, judged once it has been read to the end (a `const`
    /// may be defined after its use).
    formats: FormatStrings,
    found: Vec<Diagnostic>,
    /// Findings on a result bound to a name (`let next = d.with_year(..);`), by that name: a
    /// later fallback on the name (`next.unwrap_or_else(..)`) withdraws them.
    pending: Vec<(String, usize)>,
    withdrawn: HashSet<usize>,
    suppressions: Vec<Suppression>,
    items: Vec<(Range<usize>, String)>,
    /// The modules around the walk, innermost last: where a suggestion's `use` items go.
    scopes: Vec<ModuleScope>,
    /// The values an iterator adapter gives the closure about to be walked:
    /// `(1..=12).map(|m| ..)`.
    iteration: Option<(Value, Interval)>,
}

impl Checker<'_> {
    /// Records a named item's span (for the enclosing item of findings) and its suppression
    /// attribute, if any. The span runs from the first attribute or `keyword` to `last`.
    fn note_item(
        &mut self,
        attrs: &[syn::Attribute],
        name: impl ToString,
        keyword: proc_macro2::Span,
        last: proc_macro2::Span,
    ) {
        let span = item_range(attrs, keyword, last);
        self.items.push((span.clone(), name.to_string()));
        self.suppressions.extend(from_attributes(attrs, span));
    }

    /// What lints may ask about `expr` here.
    fn cx(&self, expr: Option<&Expr>) -> Cx<'_> {
        let key = expr.and_then(call_key);
        Cx {
            env: &self.env,
            imports: self.imports,
            scope: self.scopes.last(),
            source: self.source,
            guards: &self.guards,
            usage: key
                .as_ref()
                .and_then(|k| self.usages.get(k))
                .copied()
                .unwrap_or(Usage::Passed),
            in_test: self.in_test,
            in_julian: self.in_julian,
            in_condition: self.in_condition,
            enclosing_fn: self
                .function
                .as_ref()
                .and_then(|range| self.source.get(range.clone())),
            should_panic: self.should_panic,
            in_setter_chain: key.is_some_and(|k| self.setter_links.contains(&k)),
            in_let_scrutinee: self.let_scrutinee,
            in_error: self.in_error,
        }
    }

    /// Walks a function body with its own bindings and guards. `free` marks a free
    /// function, whose calls in the file are summarized.
    fn function(
        &mut self,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        (body, free): (&syn::Block, bool),
    ) {
        let end = body.brace_token.span.close();
        let saved_fn = self
            .function
            .replace(sig.fn_token.span.byte_range().start..end.byte_range().end);
        let saved_env = self.env.enter_fn(body);
        let saved_guards = std::mem::take(&mut self.guards);
        let (saved_test, saved_panic, saved_julian) =
            (self.in_test, self.should_panic, self.in_julian);
        self.in_test |= attrs.iter().any(is_test_attr);
        self.in_julian |= names_julian(&sig.ident);
        self.should_panic = attrs.iter().any(|a| a.path().is_ident("should_panic"));
        // A private function called only with constants takes their interval.
        let known = match free {
            true => self
                .env
                .summaries()
                .get(&sig.ident.to_string())
                .map(|summary| summary.params.clone())
                .unwrap_or_default(),
            false => Vec::new(),
        };
        for (i, input) in sig.inputs.iter().enumerate() {
            if let syn::FnArg::Typed(arg) = input {
                let range = known.get(i).copied().flatten().unwrap_or(Interval::ANY);
                let value = match range.as_const() {
                    Some(n) => Value::Const(n),
                    None if range.is_bounded() => Value::Range(range.lo, range.hi),
                    None => Value::Unknown,
                };
                self.bind_pattern_or(&Pat::Type(arg.clone()), None, &(value, range));
            }
        }
        let tail = match body.stmts.last() {
            Some(syn::Stmt::Expr(tail, None)) => integer_type(&sig.output).map(|ty| (tail, ty)),
            _ => None,
        };
        let saved_conversion = std::mem::replace(
            &mut self.converted_to,
            tail.map(|(tail, ty)| (tail as *const Expr, ty)),
        );
        self.visit_block(body);
        self.converted_to = saved_conversion;
        self.env.leave_fn(saved_env);
        self.guards = saved_guards;
        (self.in_test, self.should_panic, self.in_julian) = (saved_test, saved_panic, saved_julian);
        self.function = saved_fn;
    }

    /// Binds the names of `pat` to what `init` holds (pairwise for tuples), or else to
    /// unknown (a parameter, whose name may say what it holds).
    fn bind_pattern(&mut self, pat: &Pat, init: Option<&Expr>) {
        self.bind_pattern_or(pat, init, &UNKNOWN);
    }

    fn bind_pattern_or(&mut self, pat: &Pat, init: Option<&Expr>, otherwise: &(Value, Interval)) {
        match (pat, init) {
            (Pat::Ident(ident), _) => {
                let binding = match init {
                    Some(e) if guards::chain_avoids_feb29(e, &self.env) => {
                        (Value::PinnedDate, Interval::ANY)
                    }
                    Some(e) => match self.env.binding_of(e) {
                        (Value::Unknown, range) if is_same_date(e) => {
                            (Value::SameDate(self.env.date_identity(e)), range)
                        }
                        binding => binding,
                    },
                    None => otherwise.clone(),
                };
                let mutable = ident.mutability.is_some();
                self.env.bind(ident.ident.to_string(), binding, mutable);
            }
            // A parameter or binding of an integer type holds a value of that type.
            (Pat::Type(typed), init) => {
                // A time zone or an instant is known by its type (`tz: &Tz`, `at: Instant`).
                match self.declared_value(&typed.ty) {
                    Some(zone) => self.bind_pattern_or(&typed.pat, None, &(zone, Interval::ANY)),
                    None => self.bind_pattern_or(&typed.pat, init, otherwise),
                }
                let bounds = match &*typed.ty {
                    syn::Type::Path(path) => path
                        .path
                        .get_ident()
                        .and_then(|ty| type_range(&ty.to_string())),
                    _ => None,
                };
                if let (Pat::Ident(ident), Some(bounds)) = (&*typed.pat, bounds) {
                    self.env.narrow(&ident.ident.to_string(), bounds);
                }
            }
            (Pat::Tuple(tuple), Some(Expr::Tuple(values)))
                if tuple.elems.len() == values.elems.len() =>
            {
                for (pat, value) in tuple.elems.iter().zip(&values.elems) {
                    self.bind_pattern_or(pat, Some(value), otherwise);
                }
            }
            // `let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };`
            (Pat::Tuple(tuple), Some(init)) => {
                for (i, pat) in tuple.elems.iter().enumerate() {
                    let element = match self.env.element_of(init, i) {
                        (Value::Unknown, Interval::ANY) => otherwise.clone(),
                        element => element,
                    };
                    self.bind_pattern_or(pat, None, &element);
                }
            }
            (Pat::Tuple(tuple), None) => tuple
                .elems
                .iter()
                .for_each(|p| self.bind_pattern_or(p, None, otherwise)),
            // `Some(n)` and `Ok(n)` hold what the value inside holds.
            (Pat::TupleStruct(tuple), Some(init))
                if tuple.elems.len() == 1
                    && tuple
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "Some" || s.ident == "Ok") =>
            {
                tuple
                    .elems
                    .iter()
                    .for_each(|p| self.bind_pattern_or(p, Some(init), otherwise));
            }
            (Pat::TupleStruct(tuple), _) => {
                tuple
                    .elems
                    .iter()
                    .for_each(|p| self.bind_pattern_or(p, None, otherwise));
            }
            (Pat::Struct(fields), _) => {
                fields
                    .fields
                    .iter()
                    .for_each(|f| self.bind_pattern_or(&f.pat, None, otherwise));
            }
            (Pat::Reference(reference), _) => self.bind_pattern_or(&reference.pat, None, otherwise),
            (Pat::Slice(slice), _) => slice
                .elems
                .iter()
                .for_each(|p| self.bind_pattern_or(p, None, otherwise)),
            _ => {}
        }
    }

    /// Records how `expr`'s result is used, looking through adapters such as `ok_or(..)`.
    fn record_usage(&mut self, mut expr: &Expr, usage: Usage) {
        self.withdraw_if_handled(expr, usage);
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
        if let Some(key) = call_key(expr) {
            self.usages.insert(key, usage);
        }
    }

    /// A fallback on a name withdraws the findings pending on the result bound to it.
    fn withdraw_if_handled(&mut self, mut expr: &Expr, usage: Usage) {
        if !matches!(
            usage,
            Usage::Fallback | Usage::Tested | Usage::Matched { fallback: true }
        ) {
            return;
        }
        while let Expr::MethodCall(call) = expr {
            if usage_of_method(&call.method.to_string()) != Some(None) {
                return;
            }
            expr = &call.receiver;
        }
        let Expr::Path(path) = expr else { return };
        let Some(name) = path.path.get_ident().map(ToString::to_string) else {
            return;
        };
        for (bound, index) in &self.pending {
            if *bound == name && rules::excused_by_fallback(&self.found[*index]) {
                self.withdrawn.insert(*index);
            }
        }
    }

    /// Walks the condition of an `if` or `while`, or what a `match` tests. The guards of a
    /// condition inside it are already among its own (it reads all of their tokens), and
    /// reading them again would take quadratic time in nested conditions.
    fn visit_condition(&mut self, condition: &Expr) {
        let outer = std::mem::replace(&mut self.in_condition, true);
        self.visit_expr(condition);
        self.in_condition = outer;
    }

    /// Walks the arguments that build the error of a failure (`Cx::in_error`).
    fn visit_error(&mut self, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) {
        let outer = std::mem::replace(&mut self.in_error, true);
        args.iter().for_each(|arg| self.visit_expr(arg));
        self.in_error = outer;
    }

    /// Binds the names of the `let` expressions of a condition (`if let Some(n) = x && ..`)
    /// for the block it guards.
    fn bind_lets(&mut self, condition: &Expr) {
        match condition {
            Expr::Let(test) => self.bind_pattern(&test.pat, Some(&test.expr)),
            Expr::Binary(e) if matches!(e.op, syn::BinOp::And(_)) => {
                self.bind_lets(&e.left);
                self.bind_lets(&e.right);
            }
            Expr::Paren(e) => self.bind_lets(&e.expr),
            _ => {}
        }
    }

    /// `assert!(cond)`, `debug_assert!(cond)`, anyhow's `ensure!(cond, ..)`, and
    /// `assert_ne!(a, b)`: what they check holds for the rest of the block.
    fn assume_asserted(&mut self, mac: &syn::Macro) {
        let Some(name) = mac.path.segments.last().map(|s| s.ident.to_string()) else {
            return;
        };
        let negated = match name.as_str() {
            "assert" | "debug_assert" | "ensure" => false,
            "assert_ne" | "debug_assert_ne" => true,
            _ => return,
        };
        let exprs = match self.last_macro.take() {
            Some((walked, exprs)) if std::ptr::eq(walked, mac) => exprs,
            _ => macro_exprs(mac),
        };
        match (negated, exprs.as_slice()) {
            (false, [condition, ..]) => self.env.assume(condition, true),
            (true, [a, b, ..]) => {
                let ne: Expr = syn::parse_quote!(#a != #b);
                self.env.assume(&ne, true);
            }
            _ => {}
        }
    }

    /// Records what an expression does with the results of its children, and the guards its
    /// condition establishes (they hold for the rest of the enclosing block).
    fn before_children(&mut self, expr: &Expr) {
        match expr {
            Expr::MethodCall(call) => {
                if let Some(Some(usage)) = usage_of_method(&call.method.to_string()) {
                    self.record_usage(&call.receiver, usage);
                }
                // Only the outermost setter of a chain walks it: walking from every link
                // would take quadratic time in long chains.
                let inner_link = call_key(expr).is_some_and(|k| self.setter_links.contains(&k));
                if is_setter(&call.method) && !inner_link {
                    let chain = setter_chain(expr);
                    let inner = &chain[..chain.len().saturating_sub(1)];
                    self.setter_links
                        .extend(inner.iter().filter_map(|link| call_key(link.call)));
                }
            }
            Expr::Try(e) => self.record_usage(&e.expr, Usage::Propagated),
            Expr::Match(m) => {
                let fallback = m
                    .arms
                    .iter()
                    .any(|arm| !is_success_pattern(&arm.pat) && builds_date(&arm.body));
                self.record_usage(&m.expr, Usage::Matched { fallback });
                if !self.in_condition {
                    self.guards
                        .extend(guards_in_match(&m.expr, &m.arms, &self.env));
                }
            }
            Expr::If(e) => {
                if let Expr::Let(test) = &*e.cond {
                    // `if let Some(d) = .. { return d; }` goes on to a fallback after it.
                    let fallback = match &e.else_branch {
                        Some((_, other)) => builds_date(other),
                        None => diverges(&e.then_branch),
                    };
                    self.record_usage(&test.expr, Usage::Matched { fallback });
                }
                if !self.in_condition {
                    self.guards.extend(guards_in(&e.cond, &self.env));
                }
            }
            Expr::While(e) if !self.in_condition => {
                self.guards.extend(guards_in(&e.cond, &self.env))
            }
            _ => {}
        }
    }

    fn offer_to_lints(&mut self, expr: &Expr) {
        let call = apis::recognize(expr, self.imports);
        // Only calls need the usage and chain facts, which are keyed by span.
        let cx = self.cx(call.as_ref().map(|_| expr));
        let finding = match &call {
            Some(call) => rules::check_call(&cx, call),
            None => rules::check_expr(&cx, expr),
        };
        let finding = finding.or_else(|| match &self.converted_to {
            Some((at, ty)) if std::ptr::eq(*at, expr) => rules::check_conversion(&cx, expr, ty),
            _ => None,
        });
        let boolean = (!self.boolean_parent && is_boolean(expr))
            .then(|| rules::check_boolean(&cx, expr))
            .flatten();
        let keeping_names = |finding| rules::keeping_names(&cx, finding);
        let found: Vec<Diagnostic> = finding
            .into_iter()
            .chain(boolean)
            .map(keeping_names)
            .collect();
        self.found.extend(found);
    }

    /// What a value of a declared type is known to be: `Value::Zone` for a time zone whose
    /// offset changes (chrono's `Local`, chrono-tz's `Tz`), `Value::InZone` for a date and
    /// time in one (`DateTime<Local>`, jiff's `Zoned`), `Value::DateIn` for a date in one
    /// (`Date<Local>`), and `Value::Monotonic` for an `Instant`, through
    /// references.
    fn declared_value(&self, ty: &syn::Type) -> Option<Value> {
        let syn::Type::Path(path) = ty else {
            return match ty {
                syn::Type::Reference(r) => self.declared_value(&r.elem),
                syn::Type::Paren(p) => self.declared_value(&p.elem),
                _ => None,
            };
        };
        if let Some(zone) = zone_of_path(self.imports, &path.path) {
            return Some(Value::Zone(zone));
        }
        let last = path.path.segments.last()?;
        let resolved = self.imports.resolve(&path.path);
        match (resolved.as_deref(), &last.arguments) {
            (Some("jiff::Zoned"), _) => Some(Value::InZone(Clock::Zone)),
            // std's, tokio's, quanta's, web-time's: every `Instant` is monotonic.
            _ if last.ident == "Instant" => Some(Value::Monotonic),
            (
                Some(ty @ ("chrono::DateTime" | "chrono::Date")),
                syn::PathArguments::AngleBracketed(args),
            ) => {
                let in_zone = if ty == "chrono::Date" {
                    Value::DateIn
                } else {
                    Value::InZone
                };
                match args.args.first()? {
                    syn::GenericArgument::Type(syn::Type::Path(zone)) => {
                        zone_of_path(self.imports, &zone.path).map(in_zone)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Keeps bindings current across `x = ..`, `x += n` and `x -= n`; any other compound
    /// assignment, or a `&mut x` (`mem::swap(&mut x, ..)`), leaves `x` unknown.
    fn after_children(&mut self, expr: &Expr) {
        const UNKNOWN: (Value, Interval) = (Value::Unknown, Interval::ANY);
        let (target, value) = match expr {
            Expr::Assign(assign) => (&*assign.left, self.env.binding_of(&assign.right)),
            Expr::Reference(e) if e.mutability.is_some() => (&*e.expr, UNKNOWN),
            Expr::Binary(binary) => {
                let op = match binary.op {
                    syn::BinOp::AddAssign(_) => syn::BinOp::Add(Default::default()),
                    syn::BinOp::SubAssign(_) => syn::BinOp::Sub(Default::default()),
                    op if is_compound_assignment(op) => {
                        return self.after_children_assigned(&binary.left, UNKNOWN);
                    }
                    _ => return,
                };
                let sum = syn::ExprBinary {
                    attrs: Vec::new(),
                    left: binary.left.clone(),
                    op,
                    right: binary.right.clone(),
                };
                (&*binary.left, self.env.binding_of(&Expr::Binary(sum)))
            }
            _ => return,
        };
        self.after_children_assigned(target, value);
    }

    fn after_children_assigned(&mut self, target: &Expr, value: (Value, Interval)) {
        if let Expr::Path(path) = target
            && let Some(name) = path.path.get_ident()
        {
            self.env.assign(&name.to_string(), value);
        }
    }
}

impl<'ast> Visit<'ast> for Checker<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        match item {
            syn::Item::Const(i) => {
                self.note_item(
                    &i.attrs,
                    &i.ident,
                    i.const_token.span,
                    i.semi_token.spans[0],
                );
            }
            syn::Item::Enum(i) => {
                self.note_item(
                    &i.attrs,
                    &i.ident,
                    i.enum_token.span,
                    i.brace_token.span.close(),
                );
            }
            syn::Item::Fn(i) => self.note_item(
                &i.attrs,
                &i.sig.ident,
                i.sig.fn_token.span,
                i.block.brace_token.span.close(),
            ),
            syn::Item::Impl(i) => self.note_item(
                &i.attrs,
                i.self_ty.to_token_stream().to_string().replace(' ', ""),
                i.impl_token.span,
                i.brace_token.span.close(),
            ),
            syn::Item::Mod(i) => {
                let last = match (&i.content, &i.semi) {
                    (Some((brace, _)), _) => brace.span.close(),
                    (None, Some(semi)) => semi.spans[0],
                    (None, None) => i.ident.span(),
                };
                self.note_item(&i.attrs, &i.ident, i.mod_token.span, last);
            }
            syn::Item::Static(i) => {
                self.note_item(
                    &i.attrs,
                    &i.ident,
                    i.static_token.span,
                    i.semi_token.spans[0],
                );
            }
            syn::Item::Struct(i) => {
                let last = match (&i.semi_token, &i.fields) {
                    (Some(semi), _) => semi.spans[0],
                    (None, syn::Fields::Named(fields)) => fields.brace_token.span.close(),
                    (None, _) => i.ident.span(),
                };
                self.note_item(&i.attrs, &i.ident, i.struct_token.span, last);
            }
            syn::Item::Trait(i) => {
                self.note_item(
                    &i.attrs,
                    &i.ident,
                    i.trait_token.span,
                    i.brace_token.span.close(),
                );
            }
            _ => {}
        }
        visit::visit_item(self, item);
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        match item {
            syn::ImplItem::Const(i) => {
                self.note_item(
                    &i.attrs,
                    &i.ident,
                    i.const_token.span,
                    i.semi_token.spans[0],
                );
            }
            syn::ImplItem::Fn(i) => self.note_item(
                &i.attrs,
                &i.sig.ident,
                i.sig.fn_token.span,
                i.block.brace_token.span.close(),
            ),
            _ => {}
        }
        visit::visit_impl_item(self, item);
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(&item.attrs, &item.sig, (&item.block, true));
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(&item.attrs, &item.sig, (&item.block, false));
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(block) = &item.default {
            self.function(&item.attrs, &item.sig, (block, false));
        }
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        if !self.in_test {
            self.facts.observe_name(&item.ident);
        }
        self.formats.observe_item(&item.ident, &item.expr);
        visit::visit_item_const(self, item);
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        if !self.in_test {
            self.facts.observe_name(&item.ident);
        }
        self.formats.observe_item(&item.ident, &item.expr);
        visit::visit_item_static(self, item);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        let (saved, saved_julian) = (self.in_test, self.in_julian);
        self.in_test |= item.attrs.iter().any(is_test_attr);
        self.in_julian |= names_julian(&item.ident);
        let inline = item.content.as_ref();
        if let Some((_, items)) = inline {
            self.scopes.push(ModuleScope::of(items, self.source));
        }
        visit::visit_item_mod(self, item);
        if inline.is_some() {
            self.scopes.pop();
        }
        (self.in_test, self.in_julian) = (saved, saved_julian);
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let (saved, saved_julian) = (self.in_test, self.in_julian);
        self.in_test |= item.attrs.iter().any(is_test_attr);
        if let syn::Type::Path(ty) = &*item.self_ty
            && let Some(last) = ty.path.segments.last()
        {
            self.in_julian |= names_julian(&last.ident);
        }
        let saved_ty = self.env.set_self_ty(impl_type(&item.self_ty));
        visit::visit_item_impl(self, item);
        self.env.set_self_ty(saved_ty);
        (self.in_test, self.in_julian) = (saved, saved_julian);
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        let guards = self.guards.len();
        self.env.push();
        // The remainders by a modulus of the leap rule in the block, once a `let` needs them.
        let mut in_block: Option<usize> = None;
        for stmt in &block.stmts {
            if let syn::Stmt::Local(local) = stmt
                && let Some(init) = &local.init
                && is_boolean(&init.expr)
            {
                let all = *in_block.get_or_insert_with(|| leap_remainders(&block.stmts));
                let own = leap_remainders(std::slice::from_ref(stmt));
                // A tuple or struct pattern takes parts of a value, not a test.
                self.part_of_a_test = all == usize::MAX
                    || all > own
                    || !matches!(strip_type(&local.pat), Pat::Ident(_));
            }
            self.visit_stmt(stmt);
            // What an early exit or an assertion rules out holds for the rest of the block.
            match stmt {
                syn::Stmt::Expr(Expr::If(e), _) => {
                    let other_diverges = e
                        .else_branch
                        .as_ref()
                        .is_some_and(|(_, other)| expr_diverges(other));
                    match (diverges(&e.then_branch), other_diverges) {
                        (true, false) => self.env.assume(&e.cond, false),
                        (false, true) => self.env.assume(&e.cond, true),
                        _ => {}
                    }
                }
                syn::Stmt::Expr(Expr::Match(m), _) => {
                    // `match m { 12 => return None, _ => {} }`: the rest never sees 12.
                    let exits: Vec<&Pat> = m
                        .arms
                        .iter()
                        .filter(|arm| !matches!(arm.pat, Pat::Guard(_)) && expr_diverges(&arm.body))
                        .map(|arm| &arm.pat)
                        .collect();
                    if !exits.is_empty() && exits.len() < m.arms.len() {
                        let rest = Pat::Wild(syn::PatWild {
                            attrs: Vec::new(),
                            underscore_token: Default::default(),
                        });
                        self.env.assume_arm(&m.expr, &rest, &exits);
                    }
                }
                syn::Stmt::Macro(stmt) => self.assume_asserted(&stmt.mac),
                syn::Stmt::Expr(Expr::Macro(e), _) => self.assume_asserted(&e.mac),
                _ => {}
            }
        }
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
        // `let by_four = y % 4 == 0;` is a part of a test, not a leap test of its own, if its
        // block takes other remainders of the rule (`let by_hundred = y % 100 == 0;`).
        let saved_boolean = self.boolean_parent;
        // Set only for a `let` of a boolean expression (`visit_block`).
        self.boolean_parent |= std::mem::take(&mut self.part_of_a_test);
        let before = self.found.len();
        let converted = match &local.pat {
            Pat::Type(typed) => {
                integer_type_of(&typed.ty).map(|ty| (&*init.expr as *const Expr, ty))
            }
            _ => None,
        };
        let saved_conversion = converted.map(|to| self.converted_to.replace(to));
        self.visit_expr(&init.expr);
        if let Some(saved) = saved_conversion {
            self.converted_to = saved;
        }
        self.boolean_parent = saved_boolean;
        let bound = strip_type(&local.pat);
        if let Pat::Ident(ident) = bound {
            self.formats.observe_local(&ident.ident, &init.expr);
        }
        if let Pat::Ident(ident) = &local.pat {
            let name = ident.ident.to_string();
            self.pending.retain(|(bound, _)| *bound != name);
            // The initializer's span is taken only if there are findings to compare with:
            // printing it into tokens at every `let` is quadratic in nested blocks.
            let init_span = (before < self.found.len()).then(|| init.expr.span().byte_range());
            let on_init: Vec<usize> = (before..self.found.len())
                .filter(|&i| Some(&self.found[i].span) == init_span.as_ref())
                .collect();
            self.pending
                .extend(on_init.into_iter().map(|i| (name.clone(), i)));
        }
        if let Some((_, other)) = &init.diverge {
            self.visit_expr(other);
        }
        self.guards.extend(guards::guards_of_binding(&init.expr));
        self.bind_pattern(&local.pat, Some(&init.expr));
    }

    fn visit_expr(&mut self, expr: &'ast Expr) {
        self.before_children(expr);
        self.offer_to_lints(expr);
        // The facts concern the lints that report outside tests, so test code has none.
        if !self.in_test {
            self.facts.observe(expr);
        }
        self.formats.observe_call(expr, self.imports);
        let (saved_boolean, saved_let) = (self.boolean_parent, self.let_scrutinee);
        self.let_scrutinee = matches!(expr, Expr::Let(_));
        self.boolean_parent = is_boolean(expr)
            || (self.boolean_parent && matches!(expr, Expr::Paren(_) | Expr::Block(_)))
            || matches!(expr, Expr::If(e) if returns_bool(&e.then_branch));
        match expr {
            Expr::Closure(closure) => {
                let iteration = self.iteration.take();
                self.env.enter_loop();
                self.env.push();
                match (closure.inputs.first(), iteration) {
                    (Some(pat), Some(values)) if closure.inputs.len() == 1 => {
                        self.bind_pattern_or(pat, None, &values)
                    }
                    _ => closure
                        .inputs
                        .iter()
                        .for_each(|p| self.bind_pattern(p, None)),
                }
                self.visit_expr(&closure.body);
                self.env.pop();
                self.env.leave_loop();
            }
            Expr::MethodCall(call) if is_error_method(&call.method) => {
                self.visit_expr(&call.receiver);
                self.visit_error(&call.args);
            }
            Expr::Call(call) if is_err(&call.func) => self.visit_error(&call.args),
            Expr::MethodCall(call) if is_adapter(&call.method) => {
                self.visit_expr(&call.receiver);
                let values = self.env.eval_range(&call.receiver);
                for arg in &call.args {
                    if matches!(arg, Expr::Closure(_)) && values.1 != Interval::ANY {
                        self.iteration = Some(values.clone());
                    }
                    self.visit_expr(arg);
                }
            }
            Expr::ForLoop(for_loop) => {
                self.visit_expr(&for_loop.expr);
                self.env.enter_loop();
                self.env.push();
                let values = self.env.eval_range(&for_loop.expr);
                self.bind_pattern_or(&for_loop.pat, None, &values);
                self.visit_block(&for_loop.body);
                self.env.pop();
                self.env.leave_loop();
            }
            Expr::If(e) => {
                self.visit_condition(&e.cond);
                self.env.push();
                self.bind_lets(&e.cond);
                self.env.assume(&e.cond, true);
                self.visit_block(&e.then_branch);
                if let Some((_, other)) = &e.else_branch {
                    // The `else` starts from what held before the `if`, not after `then`.
                    let exits = self.env.pop_branch();
                    self.env.push();
                    self.env.assume(&e.cond, false);
                    self.visit_expr(other);
                    self.env.pop();
                    self.env.join_exits(exits);
                } else {
                    self.env.pop();
                }
            }
            Expr::While(e) => {
                self.env.enter_loop();
                self.visit_condition(&e.cond);
                self.env.push();
                self.bind_lets(&e.cond);
                self.env.assume(&e.cond, true);
                self.visit_block(&e.body);
                self.env.pop();
                self.env.leave_loop();
            }
            Expr::Loop(e) => {
                self.env.enter_loop();
                self.visit_block(&e.body);
                self.env.leave_loop();
            }
            Expr::Match(m) => {
                self.visit_condition(&m.expr);
                let mut taken = Vec::new();
                // Each arm starts from what held before the `match`; what they leave is
                // joined after the last.
                let mut exits = Vec::new();
                for arm in &m.arms {
                    let (pat, guard) = match &arm.pat {
                        Pat::Guard(guarded) => (&*guarded.pat, Some(&*guarded.guard)),
                        pat => (pat, None),
                    };
                    self.env.push();
                    self.env.assume_arm(&m.expr, pat, &taken);
                    if let Pat::Ident(ident) = pat {
                        let binding = self.env.binding_of(&m.expr);
                        self.env.bind(ident.ident.to_string(), binding, false);
                    } else {
                        self.bind_pattern(pat, Some(&m.expr));
                    }
                    if let Some(guard) = guard {
                        self.env.assume(guard, true);
                    }
                    self.visit_arm(arm);
                    exits.extend(self.env.pop_branch());
                    if guard.is_none() {
                        taken.push(pat);
                    }
                }
                self.env.join_exits(exits);
            }
            _ => visit::visit_expr(self, expr),
        }
        (self.boolean_parent, self.let_scrutinee) = (saved_boolean, saved_let);
        self.after_children(expr);
    }

    fn visit_type_array(&mut self, array: &'ast syn::TypeArray) {
        self.found
            .extend(rules::check_array_type(&self.cx(None), array));
        visit::visit_type_array(self, array);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if mac.path.is_ident("macro_rules") || self.macro_depth >= MAX_MACRO_DEPTH {
            // An address may be reused once a body parsed before is freed.
            self.last_macro = None;
            return;
        }
        self.formats.observe_macro(mac, self.imports);
        let exprs = macro_exprs(mac);
        if mac.path.is_ident("vec") {
            let len = vec_repeat(mac).map(|(_, len)| len);
            self.found
                .extend(rules::check_vec(&self.cx(None), mac, len.as_ref(), &exprs));
            if len.is_none() && !self.in_test {
                self.facts.observe_list(&exprs);
            }
        }
        let asserts_failure = mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "assert_eq" || s.ident == "assert_ne")
            && exprs.iter().any(is_failure_literal);
        self.macro_depth += 1;
        for expr in &exprs {
            if asserts_failure {
                self.record_usage(expr, Usage::Tested);
            }
            self.visit_expr(expr);
        }
        self.macro_depth -= 1;
        self.last_macro = Some((mac, exprs));
    }
}

/// The findings of the format lints on the format strings of a file, each reported once,
/// at the specifier's bytes in the source; a specifier spelled with an escape is not
/// reported, since no span holds it.
fn format_findings(formats: &FormatStrings, source: &str) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = Vec::new();
    for (token, syntax) in formats.literals() {
        let Some(literal) = source.get(token.clone()).and_then(Literal::read) else {
            continue;
        };
        for mut finding in rules::check_format(&Format::parse(&literal.value, syntax)) {
            let Some(written) = literal.written_range(finding.span.clone()) else {
                continue;
            };
            finding.span = token.start + written.start..token.start + written.end;
            if !found.iter().any(|f| f.span == finding.span) {
                found.push(finding);
            }
        }
    }
    found
}

/// Returns true if an item is named for the Julian calendar (`julian`, `JulianDate`).
fn names_julian(ident: &syn::Ident) -> bool {
    ident.to_string().to_ascii_lowercase().contains("julian")
}

/// Methods whose argument is the error of a failure: `ok_or(Error::BadDate { .. })`.
fn is_error_method(method: &syn::Ident) -> bool {
    method == "ok_or" || method == "ok_or_else" || method == "map_err"
}

/// `Err` (or `Result::Err`), the constructor of a failure, as a call's function.
fn is_err(func: &Expr) -> bool {
    matches!(func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Err"))
}

/// Iterator adapters whose closure receives the iterator's items: `(1..=12).map(|m| ..)`.
fn is_adapter(method: &syn::Ident) -> bool {
    [
        "map",
        "for_each",
        "filter",
        "filter_map",
        "flat_map",
        "any",
        "all",
        "find",
        "find_map",
        "take_while",
        "skip_while",
        "inspect",
    ]
    .iter()
    .any(|name| method == name)
}

/// How many macro bodies deep the checker reads. Each body is parsed again from its tokens,
/// inner macros included, so reading a nest of any depth would take quadratic time
/// (`vec![vec![..]]` 10,000 deep took 21 s); real code nests a few levels.
const MAX_MACRO_DEPTH: usize = 32;

/// The key of a call's usage and chain facts: the span of its closing parenthesis, which no
/// other call shares. Only calls are looked up, so other expressions have none. A node's
/// whole span would print it into tokens, which made long chains (`x???..`) quadratic.
fn call_key(expr: &Expr) -> Option<Range<usize>> {
    match expr {
        Expr::Call(call) => Some(call.paren_token.span.close().byte_range()),
        Expr::MethodCall(call) => Some(call.paren_token.span.close().byte_range()),
        _ => None,
    }
}

/// An item's byte range, from its first attribute or its keyword to its last token: every
/// expression of the item lies inside it. syn's `Spanned` would print the whole item into
/// tokens to find the range, which costs a tenth of the check on a large file.
fn item_range(
    attrs: &[syn::Attribute],
    keyword: proc_macro2::Span,
    last: proc_macro2::Span,
) -> Range<usize> {
    let start = attrs
        .iter()
        .map(|attr| attr.pound_token.spans[0])
        .chain([keyword])
        .map(|span| span.byte_range().start)
        .min()
        .unwrap_or_default();
    start..last.byte_range().end
}

/// How many remainders by a modulus of the leap rule `stmts` take (`y % 100`, `y & 3`,
/// `y.is_multiple_of(400)`), or `usize::MAX` if they are too large to count: a block whose
/// walk would cost more than `MAX_WALK` nodes is taken to complete any test, which keeps
/// the check of nested blocks linear.
fn leap_remainders(stmts: &[syn::Stmt]) -> usize {
    const MAX_WALK: usize = 2_000;
    struct Remainders {
        found: usize,
        budget: usize,
    }
    impl<'ast> Visit<'ast> for Remainders {
        fn visit_expr(&mut self, expr: &'ast Expr) {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            self.found += usize::from(leap::takes_leap_remainder(expr));
            visit::visit_expr(self, expr);
        }
    }
    let mut remainders = Remainders {
        found: 0,
        budget: MAX_WALK,
    };
    for stmt in stmts {
        remainders.visit_stmt(stmt);
    }
    if remainders.budget == 0 {
        usize::MAX
    } else {
        remainders.found
    }
}

fn strip_type(pat: &Pat) -> &Pat {
    match pat {
        Pat::Type(typed) => &typed.pat,
        pat => pat,
    }
}

/// Returns true if `expr` is a boolean operation or an `if` that chooses between booleans:
/// the parts of one condition, which leap-year lints read as a whole.
fn is_boolean(expr: &Expr) -> bool {
    is_boolean_within(expr, 8)
}

/// `is_boolean`, looking through at most `ifs` nested `if` expressions: every `if` of a nest
/// asks, so looking through all would take quadratic time.
fn is_boolean_within(expr: &Expr, ifs: usize) -> bool {
    match expr {
        Expr::Binary(binary) => matches!(
            binary.op,
            syn::BinOp::And(_)
                | syn::BinOp::Or(_)
                | syn::BinOp::Eq(_)
                | syn::BinOp::Ne(_)
                | syn::BinOp::Lt(_)
                | syn::BinOp::Le(_)
                | syn::BinOp::Gt(_)
                | syn::BinOp::Ge(_)
        ),
        Expr::Unary(unary) => matches!(unary.op, syn::UnOp::Not(_)),
        Expr::MethodCall(call) => call.method == "is_multiple_of",
        // `match y % 4 { 0 => true, _ => false }`: every arm a boolean.
        Expr::Match(m) if ifs > 0 => m
            .arms
            .iter()
            .all(|arm| is_boolean_within(&arm.body, ifs - 1) || is_bool_literal(&arm.body)),
        Expr::If(e) if ifs > 0 => {
            let boolean = |expr: &Expr| is_boolean_within(expr, ifs - 1);
            let boolean_tail = |block: &syn::Block| match block.stmts.last() {
                Some(syn::Stmt::Expr(tail, None)) => boolean(tail) || is_bool_literal(tail),
                _ => false,
            };
            boolean_tail(&e.then_branch)
                && e.else_branch
                    .as_ref()
                    .is_some_and(|(_, other)| match &**other {
                        Expr::Block(block) => boolean_tail(&block.block),
                        other => boolean(other),
                    })
        }
        _ => false,
    }
}

/// `true`, `false`, or a length that says leap or common year (29 or 366, 28 or 365).
fn is_bool_literal(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(_),
            ..
        }) => true,
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(int),
            ..
        }) => {
            matches!(int.base10_digits(), "28" | "29" | "365" | "366")
        }
        _ => false,
    }
}

/// Returns true if `block` returns a boolean literal: `if y % 4 != 0 { return false; }` is a
/// step of a test written as early returns, not a test of its own.
fn returns_bool(block: &syn::Block) -> bool {
    block.stmts.iter().any(|stmt| match stmt {
        syn::Stmt::Expr(Expr::Return(ret), _) => ret.expr.as_deref().is_some_and(is_bool_literal),
        _ => false,
    })
}

/// The value and length of `vec![value; len]`.
fn vec_repeat(mac: &syn::Macro) -> Option<(Expr, Expr)> {
    mac.parse_body_with(|input: syn::parse::ParseStream<'_>| {
        let value: Expr = input.parse()?;
        input.parse::<syn::Token![;]>()?;
        let len: Expr = input.parse()?;
        Ok((value, len))
    })
    .ok()
}

/// `None`, `Err(..)` or `LocalResult::None`: what an assertion compares a failing call with.
fn is_failure_literal(expr: &Expr) -> bool {
    match expr {
        Expr::Path(path) => path.path.segments.last().is_some_and(|s| s.ident == "None"),
        Expr::Call(call) => is_err(&call.func),
        _ => false,
    }
}

/// Returns true if a `cfg` predicate names `test` outside any `not(..)`.
fn mentions_test(tokens: proc_macro2::TokenStream) -> bool {
    let mut after_not = false;
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Ident(ident) => {
                if ident == "test" {
                    return true;
                }
                after_not = ident == "not";
            }
            proc_macro2::TokenTree::Group(group) => {
                if !after_not && mentions_test(group.stream()) {
                    return true;
                }
                after_not = false;
            }
            _ => after_not = false,
        }
    }
    false
}

/// `#[test]`, `#[tokio::test]`, `#[bench]`, `#[rstest]` and `#[cfg(test)]` (not `cfg(not(test))`).
/// The primitive integer type a function returns, if it returns one.
fn integer_type(output: &syn::ReturnType) -> Option<String> {
    match output {
        syn::ReturnType::Type(_, ty) => integer_type_of(ty),
        syn::ReturnType::Default => None,
    }
}

/// The name of a primitive integer type (`i32`, `u64`).
fn integer_type_of(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let name = path.path.get_ident()?.to_string();
    type_range(&name).map(|_| name)
}

fn is_test_attr(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if path.is_ident("cfg") {
        return mentions_test(attr.meta.to_token_stream());
    }
    path.segments
        .last()
        .is_some_and(|s| matches!(s.ident.to_string().as_str(), "test" | "bench" | "rstest"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_ranges_run_from_the_first_attribute_or_keyword_to_the_last_token() {
        let source = "#[cfg_attr(datelint, allow(naive_year_shift))]\npub unsafe fn a() { 1 }\n\
            mod m { pub(crate) const C: u8 = 1; struct S { x: u8 } struct T(u8); }\n\
            impl S { #[inline] pub fn f(&self) {} const K: u8 = 2; }\nmod n;\n\
            trait Tr {} static X: u8 = 3; enum E { A }\n";
        let file = crate::parse::parse_file(source).expect("parses");
        let checked = check_file(&file, source, false, false, Imported::default());
        let texts: Vec<(&str, &str)> = checked
            .items
            .iter()
            .map(|(range, name)| (&source[range.clone()], name.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    "#[cfg_attr(datelint, allow(naive_year_shift))]\npub unsafe fn a() { 1 }",
                    "a"
                ),
                (
                    "mod m { pub(crate) const C: u8 = 1; struct S { x: u8 } struct T(u8); }",
                    "m"
                ),
                ("const C: u8 = 1;", "C"),
                ("struct S { x: u8 }", "S"),
                ("struct T(u8);", "T"),
                (
                    "impl S { #[inline] pub fn f(&self) {} const K: u8 = 2; }",
                    "S"
                ),
                ("#[inline] pub fn f(&self) {}", "f"),
                ("const K: u8 = 2;", "K"),
                ("mod n;", "n"),
                ("trait Tr {}", "Tr"),
                ("static X: u8 = 3;", "X"),
                ("enum E { A }", "E"),
            ]
        );
        assert_eq!(checked.suppressions.len(), 1);
        assert_eq!(
            checked.suppressions[0].covers,
            0..source.find("1 }").expect("in the source") + 3
        );
    }
}
