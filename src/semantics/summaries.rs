//! Summaries of a file's free functions, computed once before the walk, so the value model
//! follows values across calls: what a function returns (a shifted component of one of its
//! parameters, input, a known interval, the wall clock), and, for a private function every
//! call of which passes constants, the interval of each parameter. What the visible functions
//! return is exported to the other files of the crate (see `engine::lint_paths`).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use syn::visit::Visit;
use syn::{Expr, Pat};

use super::guards;
use super::interval::Interval;
use super::values::{Clock, Env, Origin, Part, Shift, Value, impl_type, literal_value};

/// What a function's result is, in terms of its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Returns {
    /// A component of the date passed as parameter `param`, shifted: `d.year() + 1`.
    Part {
        part: Part,
        param: usize,
        shift: Shift,
        range: Interval,
    },
    /// A number read from outside the program.
    Input(Interval),
    /// A number in this interval.
    Range(Interval),
    /// The current time, from this clock.
    Now(Clock),
    /// A date whose day every month has: `d.with_day(1)`.
    PinnedDate,
}

/// What the visible free functions of the other files of a crate return, by name.
pub(crate) type Imported = Arc<HashMap<String, Returns>>;

#[derive(Clone, Debug, Default)]
pub(crate) struct Summary {
    pub(crate) returns: Option<Returns>,
    /// For a private function called only with constants: each parameter's interval.
    pub(crate) params: Vec<Option<Interval>>,
}

/// The summaries of the free functions of one file, by name, and of those of other files
/// of the crate that it calls.
#[derive(Clone, Debug, Default)]
pub(crate) struct Summaries {
    own: HashMap<String, Summary>,
    /// What the methods of the file's `impl` blocks return, by name, where the name is
    /// defined once and the result depends on no parameter: a number in a known interval
    /// (`fn next_minute(&self) -> Option<u32>` of a 60-bit map), input, the wall clock.
    methods: HashMap<String, Returns>,
    /// The names of all the methods the file's `impl` blocks define, summarized or not.
    method_names: HashSet<String>,
    imported: Imported,
    /// What this file's visible functions return, for the other files of the crate.
    pub(crate) exports: Vec<(String, Returns)>,
    /// The functions this file calls that it does not define or import from another crate:
    /// those another file of the crate may define.
    pub(crate) wanted: Vec<String>,
}

impl Summaries {
    /// Summarizes `file`'s functions; calls of functions it does not define resolve in
    /// `imported`.
    pub(crate) fn of_file(
        file: &syn::File,
        consts: &HashMap<String, Value>,
        imported: Imported,
    ) -> Summaries {
        let mut calls = Calls::default();
        calls.visit_file(file);
        let mut env = Env::with_consts(consts.clone());
        let mut own = HashMap::new();
        let mut exports = Vec::new();
        // A name defined twice (in two modules of the file) is looked up by name alone, so
        // neither is summarized.
        let mut defined: HashMap<String, usize> = HashMap::new();
        for function in &calls.functions {
            *defined.entry(function.sig.ident.to_string()).or_default() += 1;
        }
        for &function in &calls.functions {
            let name = function.sig.ident.to_string();
            if defined.get(&name).is_some_and(|&n| n > 1) {
                continue;
            }
            let params = param_names(&function.sig);
            let returns = returns(&function.block, &params, &mut env);
            let private = matches!(function.vis, syn::Visibility::Inherited);
            let params = match calls.args.get(&name) {
                Some(args) if private && calls.escapes.get(&name).is_none_or(|&n| n == 0) => (0
                    ..params.len())
                    .map(|i| {
                        args.iter()
                            .map(|call| call.get(i).copied().flatten())
                            .try_fold(None, |hull: Option<Interval>, n| {
                                let n = Interval::exact(n?);
                                Some(Some(hull.map_or(n, |h| h.join(n))))
                            })
                            .flatten()
                    })
                    .collect(),
                _ => Vec::new(),
            };
            if let Some(returns) = &returns
                && !private
            {
                exports.push((name.clone(), returns.clone()));
            }
            if returns.is_some() || params.iter().any(Option::is_some) {
                own.insert(name, Summary { returns, params });
            }
        }
        let mut names: HashMap<String, usize> = HashMap::new();
        for (_, method) in &calls.methods {
            *names.entry(method.sig.ident.to_string()).or_default() += 1;
        }
        let mut methods = HashMap::new();
        for (ty, method) in &calls.methods {
            let name = method.sig.ident.to_string();
            if names.get(&name).is_some_and(|&n| n > 1) || defined.contains_key(&name) {
                continue;
            }
            let params = param_names(&method.sig);
            let saved = env.set_self_ty(ty.clone());
            if let Some(
                returns @ (Returns::Range(_)
                | Returns::Input(_)
                | Returns::Now(_)
                | Returns::PinnedDate),
            ) = returns(&method.block, &params, &mut env)
            {
                methods.insert(name, returns);
            }
            env.set_self_ty(saved);
        }
        let foreign = calls.foreign();
        let mut wanted: Vec<String> = (calls.args.keys().chain(&calls.crate_paths))
            .filter(|name| !defined.contains_key(*name) && !foreign.contains(*name))
            .cloned()
            .collect();
        wanted.sort();
        wanted.dedup();
        Summaries {
            own,
            methods,
            method_names: names.into_keys().collect(),
            imported,
            exports,
            wanted,
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Summary> {
        self.own.get(name)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.own.is_empty() && self.methods.is_empty() && self.imported.is_empty()
    }

    /// Returns true if an `impl` block of the file defines a method `name`: a call of that
    /// name may be of the file's own type, not of the library type that has one too.
    pub(crate) fn defines_method(&self, name: &str) -> bool {
        self.method_names.contains(name)
    }

    /// What a call of the file's method `name` holds, if it is summarized.
    pub(crate) fn method(&self, name: &str) -> Option<(Value, Interval)> {
        Some(match self.methods.get(name)? {
            Returns::Input(range) => (Value::Input, *range),
            Returns::Range(range) => (Value::Unknown, *range),
            Returns::Now(clock) => (Value::Now(*clock), Interval::ANY),
            Returns::PinnedDate => (Value::PinnedDate, Interval::ANY),
            Returns::Part { .. } => return None,
        })
    }

    /// What a call of the function at `path`, named `name`, with `args` holds, as the caller's
    /// model sees it. A bare name or a path from `crate`, `self` or `super` is a function of
    /// the crate: this file's, or else another file's.
    pub(crate) fn call(
        &self,
        path: &syn::Path,
        name: &str,
        args: &[&Expr],
        env: &Env,
    ) -> Option<(Value, Interval)> {
        let local = path.leading_colon.is_none()
            && (path.segments.len() == 1
                || path.segments.first().is_some_and(|s| in_crate(&s.ident)));
        if !local {
            return None;
        }
        // Another file's summary only for a name this file wants: not one it defines, nor
        // one it imports from another crate.
        let returns = match self.own.get(name) {
            Some(summary) => summary.returns.as_ref()?,
            None if self
                .wanted
                .binary_search_by(|w| w.as_str().cmp(name))
                .is_ok() =>
            {
                self.imported.get(name)?
            }
            None => return None,
        };
        Some(match returns {
            Returns::Part {
                part,
                param,
                shift,
                range,
            } => {
                let date = args.get(*param)?;
                let value = Value::Part {
                    part: *part,
                    origin: Origin::Date(env.date_identity(date)),
                    shift: shift.clone(),
                };
                (value, *range)
            }
            Returns::Input(range) => (Value::Input, *range),
            Returns::Range(range) => (Value::Unknown, *range),
            Returns::Now(clock) => (Value::Now(*clock), Interval::ANY),
            Returns::PinnedDate => (Value::PinnedDate, Interval::ANY),
        })
    }
}

/// Returns true if the attribute is exactly `#[cfg(test)]`.
fn is_cfg_test(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("cfg")
        && attr
            .parse_args::<syn::Ident>()
            .is_ok_and(|ident| ident == "test")
}

/// The names of a function's parameters, in order (`_` for a pattern).
fn param_names(sig: &syn::Signature) -> Vec<String> {
    sig.inputs
        .iter()
        .map(|input| match input {
            syn::FnArg::Typed(arg) => match &*arg.pat {
                Pat::Ident(ident) => ident.ident.to_string(),
                _ => "_".to_string(),
            },
            syn::FnArg::Receiver(_) => "self".to_string(),
        })
        .collect()
}

/// What a body's tail returns, following its top-level `let` bindings of single names.
fn returns(block: &syn::Block, params: &[String], env: &mut Env) -> Option<Returns> {
    let (tail, lets) = block.stmts.split_last()?;
    let syn::Stmt::Expr(tail, None) = tail else {
        return None;
    };
    env.push();
    let summary = summarize(tail, lets, params, env);
    env.pop();
    summary
}

fn summarize(tail: &Expr, lets: &[syn::Stmt], params: &[String], env: &mut Env) -> Option<Returns> {
    for stmt in lets {
        if let syn::Stmt::Local(local) = stmt
            && let Pat::Ident(ident) = &local.pat
            && let Some(init) = &local.init
        {
            let binding = env.binding_of(&init.expr);
            env.bind(ident.ident.to_string(), binding, ident.mutability.is_some());
        }
    }
    if guards::chain_avoids_feb29(tail, env) {
        return Some(Returns::PinnedDate);
    }
    let (value, range) = env.binding_of(tail);
    match value {
        Value::Part {
            part,
            origin: Origin::Date(date),
            shift,
        } if shift.var.is_none() => {
            let param = params.iter().position(|p| *p == date)?;
            Some(Returns::Part {
                part,
                param,
                shift,
                range,
            })
        }
        Value::Input => Some(Returns::Input(range)),
        Value::Now(clock) => Some(Returns::Now(clock)),
        _ if range.is_bounded() => Some(Returns::Range(range)),
        _ => None,
    }
}

/// One walk over the file: its free functions; every call of a function by its bare name,
/// with each argument's value if it is a literal; how often each name is used otherwise
/// (passed as a value, so its calls cannot all be seen); the functions called by a path
/// into the crate (`crate::dates::next_year`); and the `use` items and the modules
/// declared, which tell the names imported from other crates.
#[derive(Default)]
struct Calls<'ast> {
    functions: Vec<&'ast syn::ItemFn>,
    /// The methods of `impl` blocks, with the type each is implemented for.
    methods: Vec<(Option<String>, &'ast syn::ImplItemFn)>,
    self_ty: Option<String>,
    args: HashMap<String, Vec<Vec<Option<i64>>>>,
    escapes: HashMap<String, usize>,
    crate_paths: HashSet<String>,
    uses: Vec<&'ast syn::UseTree>,
    modules: HashSet<String>,
}

/// Whether a path that starts with `ident` is a path into the current crate.
fn in_crate(ident: &syn::Ident) -> bool {
    ident == "crate" || ident == "self" || ident == "super"
}

impl Calls<'_> {
    /// The names the `use` items bring in from outside the crate: not through `crate`,
    /// `self`, `super` or a module the file declares (`mod input; use input::read;`).
    fn foreign(&self) -> HashSet<String> {
        let mut foreign = HashSet::new();
        for tree in &self.uses {
            foreign_names(tree, None, &self.modules, &mut foreign);
        }
        foreign
    }
}

/// Adds the names a `use` tree brings in from outside the crate to `foreign`; `local` says
/// whether the path so far is in the crate (`None` at its start).
fn foreign_names(
    tree: &syn::UseTree,
    local: Option<bool>,
    modules: &HashSet<String>,
    foreign: &mut HashSet<String>,
) {
    let from_crate = |ident: &syn::Ident| {
        local.unwrap_or_else(|| in_crate(ident) || modules.contains(&ident.to_string()))
    };
    match tree {
        syn::UseTree::Path(path) => {
            foreign_names(&path.tree, Some(from_crate(&path.ident)), modules, foreign)
        }
        syn::UseTree::Name(name) if !from_crate(&name.ident) => {
            foreign.insert(name.ident.to_string());
        }
        syn::UseTree::Rename(rename) if !from_crate(&rename.ident) => {
            foreign.insert(rename.rename.to_string());
        }
        syn::UseTree::Group(group) => {
            group
                .items
                .iter()
                .for_each(|item| foreign_names(item, local, modules, foreign));
        }
        _ => {}
    }
}

impl Calls<'_> {
    fn escape(&mut self, expr: &Expr) {
        if let Expr::Path(path) = expr
            && let Some(name) = path.path.get_ident()
        {
            *self.escapes.entry(name.to_string()).or_default() += 1;
        }
    }
}

impl<'ast> Visit<'ast> for Calls<'ast> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.functions.push(item);
        syn::visit::visit_item_fn(self, item);
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let saved = std::mem::replace(&mut self.self_ty, impl_type(&item.self_ty));
        syn::visit::visit_item_impl(self, item);
        self.self_ty = saved;
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.methods.push((self.self_ty.clone(), item));
        syn::visit::visit_impl_item_fn(self, item);
    }

    fn visit_expr(&mut self, expr: &'ast Expr) {
        if let Expr::Call(call) = expr
            && let Expr::Path(func) = &*call.func
            && let Some(name) = func.path.get_ident()
        {
            let args = call.args.iter().map(literal_value).collect();
            self.args.entry(name.to_string()).or_default().push(args);
            call.args.iter().for_each(|arg| {
                self.escape(arg);
                self.visit_expr(arg);
            });
            return;
        }
        if let Expr::Call(call) = expr
            && let Expr::Path(func) = &*call.func
            && func
                .path
                .segments
                .first()
                .is_some_and(|s| in_crate(&s.ident))
            && let Some(last) = func.path.segments.last()
        {
            self.crate_paths.insert(last.ident.to_string());
        }
        syn::visit::visit_expr(self, expr);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.uses.push(&item.tree);
    }

    /// A module compiled only for tests is left out: a helper of its own with a name of the
    /// file's, or a call of one of the file's functions from a test, changes nothing in the
    /// code that runs.
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.modules.insert(item.ident.to_string());
        if !item.attrs.iter().any(is_cfg_test) {
            syn::visit::visit_item_mod(self, item);
        }
    }

    /// A name passed as an argument (`map(f)`, `g(f)`) or bound (`let h = f;`) escapes:
    /// its calls cannot all be seen. Other uses of a function as a value are rare, and
    /// missing one only makes a parameter look narrower than it is.
    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        call.args.iter().for_each(|arg| self.escape(arg));
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init {
            self.escape(&init.expr);
        }
        syn::visit::visit_local(self, local);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summaries(source: &str) -> Summaries {
        let file = syn::parse_file(source).expect("test source parses");
        Summaries::of_file(&file, &HashMap::new(), Imported::default())
    }

    #[test]
    fn a_shifted_component_of_a_parameter_is_summarized() {
        let s = summaries("fn next_year(d: NaiveDate) -> i32 { let y = d.year(); y + 1 }");
        let Some(Returns::Part {
            part, param, shift, ..
        }) = s.get("next_year").and_then(|f| f.returns.clone())
        else {
            panic!("a part");
        };
        assert_eq!((part, param, shift.by), (Part::Year, 0, 1));
    }

    #[test]
    fn ranges_and_input_are_summarized() {
        let s = summaries(
            "fn month(raw: u16) -> u8 { ((raw >> 5) & 0x0f) as u8 }\n\
             fn days(b: [u8; 4]) -> i32 { i32::from_be_bytes(b) }",
        );
        assert_eq!(
            s.get("month").and_then(|f| f.returns.clone()),
            Some(Returns::Range(Interval::new(0, 15)))
        );
        assert!(matches!(
            s.get("days").and_then(|f| f.returns.clone()),
            Some(Returns::Input(_))
        ));
    }

    #[test]
    fn a_method_returns_what_its_guard_lets_through() {
        let source = "struct Minutes(u64);\n\
            impl Minutes {\n\
                const WIDTH: u32 = 60;\n\
                fn next(&self) -> Option<u32> {\n\
                    let found = self.0.trailing_zeros();\n\
                    if found < Self::WIDTH { Some(found) } else { None }\n\
                }\n\
            }\n\
            struct Hours(u32);\n\
            impl Hours { const WIDTH: u32 = 24; }";
        let file = syn::parse_file(source).expect("test source parses");
        let consts = crate::semantics::values::file_consts(&file);
        let s = Summaries::of_file(&file, &consts, Imported::default());
        assert_eq!(
            s.method("next"),
            Some((Value::Unknown, Interval::new(0, 59)))
        );
        // Two types define WIDTH: the bare name stands for neither.
        assert!(!consts.contains_key("WIDTH"));
        assert_eq!(consts.get("Hours::WIDTH"), Some(&Value::Const(24)));
    }

    #[test]
    fn readings_of_the_clock_are_summarized_with_their_zone() {
        let s = summaries(
            "pub fn now() -> DateTime<Utc> { chrono::Utc::now() }\n\
             fn local() -> NaiveDateTime { let t = Local::now(); t.naive_local() }\n\
             fn here() -> DateTime<Local> { Local::now() }\n\
             fn zoned(tz: Tz) -> DateTime<Tz> { Utc::now().with_timezone(&tz) }\n\
             fn started() -> SystemTime { SystemTime::now() }\n\
             fn monotonic() -> Instant { Instant::now() }",
        );
        let returns = |name: &str| s.get(name).and_then(|f| f.returns.clone());
        assert_eq!(returns("now"), Some(Returns::Now(Clock::Utc)));
        assert_eq!(returns("local"), Some(Returns::Now(Clock::System)));
        assert_eq!(returns("here"), Some(Returns::Now(Clock::Local)));
        assert_eq!(returns("zoned"), Some(Returns::Now(Clock::Zone)));
        assert_eq!(returns("started"), Some(Returns::Now(Clock::System)));
        assert_eq!(returns("monotonic"), None);
        assert_eq!(s.exports, [("now".to_string(), Returns::Now(Clock::Utc))]);
    }

    #[test]
    fn calls_of_functions_defined_elsewhere_are_wanted_unless_imported_from_another_crate() {
        let s = summaries(
            "use crate::dates::next_year; use other::{later, dates::soon as sooner};\n\
             fn f(d: NaiveDate) { next_year(d); later(d); sooner(d); here(d); \
             super::util::first(d); g(d); }\n\
             fn g(d: NaiveDate) {}",
        );
        assert_eq!(s.wanted, ["first", "here", "next_year"]);
    }

    #[test]
    fn private_functions_called_with_constants_know_their_parameters() {
        let s = summaries(
            "fn first(y: i32, m: u32) -> u32 { m } fn a() { first(2024, 1); first(2025, 12); }",
        );
        assert_eq!(
            s.get("first").map(|f| f.params.clone()),
            Some(vec![
                Some(Interval::new(2024, 2025)),
                Some(Interval::new(1, 12))
            ])
        );
        let public = summaries("pub fn first(m: u32) -> u32 { m } fn a() { first(1); }");
        assert!(public.get("first").is_none_or(|f| f.params.is_empty()));
        let escapes = summaries("fn f(m: u32) -> u32 { m } fn a() { f(1); g(f); }");
        assert!(escapes.get("f").is_none_or(|f| f.params.is_empty()));
    }
}
