//! What a local binding or an argument holds, as far as syntax can tell: a constant, a
//! component taken from a date (possibly shifted), a clamped value, or unknown.

use std::collections::HashMap;

use quote::ToTokens;
use syn::{BinOp, Expr, Lit, UnOp};

use super::calendar::MONTH_NAMES;

/// A component of a date or time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Nanosecond,
}

impl Part {
    /// The part read or set by a method of this name (`d.year()`, `.with().day(..)`).
    pub(crate) fn from_method(name: &str) -> Option<Part> {
        Some(match name {
            "year" => Part::Year,
            "month" => Part::Month,
            "day" => Part::Day,
            "hour" => Part::Hour,
            "minute" => Part::Minute,
            "second" => Part::Second,
            "nanosecond" | "subsec_nanosecond" => Part::Nanosecond,
            _ => return None,
        })
    }

    /// The part a variable of unknown origin most likely holds, judged by its name.
    pub(crate) fn from_name(name: &str) -> Option<Part> {
        let name = name.trim_start_matches('_').to_ascii_lowercase();
        if name.contains("_of_") {
            return None;
        }
        let is =
            |exact: &[&str], suffix: &str| exact.contains(&name.as_str()) || name.ends_with(suffix);
        if is(&["year", "y", "yr", "yyyy"], "_year") {
            Some(Part::Year)
        } else if is(&["month", "m", "mon", "mm", "mo"], "_month") {
            Some(Part::Month)
        } else if is(&["day", "d", "dd", "dom", "mday"], "_day") {
            Some(Part::Day)
        } else {
            None
        }
    }
}

/// Where a component came from. Two components with equal origins come from the same date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A method of a date value: `start.year()`; holds the normalised text of the date.
    Date(String),
    /// A field of a struct: `self.year`; holds the normalised text of the struct.
    Field(String),
    /// A variable of unknown origin whose name says what it holds (`year`, `m`, `day`).
    Named,
}

/// What an expression holds, as far as syntax can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Const(i64),
    /// Any value in an inclusive range, such as a `for d in 1..=28` loop variable.
    Range(i64, i64),
    Part {
        part: Part,
        origin: Origin,
        shift: i64,
    },
    /// A month computed modulo 12 (`(m0 + 1) % 12`, `month.next()`): it wraps from December to
    /// January, and the year must be carried by hand.
    WrappedMonth,
    /// Bounded by `min` or `clamp`: someone thought about the upper limit.
    Clamped,
    /// A date whose day is pinned to one that exists in every month (`d.with_day(1)?`).
    PinnedDate,
    /// Another name for a date (`let n = dt.naive_local();`): its components are those of
    /// the date named by the text.
    SameDate(String),
    /// A binding initialised with an expression datelint cannot follow: unlike a parameter,
    /// its name says nothing about what it holds (`let year = y + (m + 1) / 12`).
    Computed,
    Unknown,
}

impl Value {
    /// Returns true if every value this may hold lies in `lo..=hi`.
    pub(crate) fn within(&self, lo: i64, hi: i64) -> bool {
        match *self {
            Value::Const(n) => (lo..=hi).contains(&n),
            Value::Range(a, b) => lo <= a && b <= hi,
            _ => false,
        }
    }

    /// The component this holds, unshifted, if it was taken from a date or a named variable.
    pub(crate) fn part_of(&self, wanted: Part) -> Option<&Origin> {
        match self {
            Value::Part {
                part,
                origin,
                shift: 0,
            } if *part == wanted => Some(origin),
            _ => None,
        }
    }

    /// The shift applied to a component taken from somewhere, if it is one.
    pub(crate) fn shifted(&self, wanted: Part) -> Option<(&Origin, i64)> {
        match self {
            Value::Part {
                part,
                origin,
                shift,
            } if *part == wanted => Some((origin, *shift)),
            _ => None,
        }
    }

    fn add(self, delta: i64) -> Value {
        match self {
            Value::Const(n) => n.checked_add(delta).map_or(Value::Unknown, Value::Const),
            Value::Range(a, b) => match (a.checked_add(delta), b.checked_add(delta)) {
                (Some(a), Some(b)) => Value::Range(a, b),
                _ => Value::Unknown,
            },
            Value::Part {
                part,
                origin,
                shift,
            } => match shift.checked_add(delta) {
                Some(shift) => Value::Part {
                    part,
                    origin,
                    shift,
                },
                None => Value::Unknown,
            },
            Value::WrappedMonth => Value::WrappedMonth,
            Value::Clamped
            | Value::Computed
            | Value::PinnedDate
            | Value::SameDate(_)
            | Value::Unknown => Value::Unknown,
        }
    }
}

/// The bindings in scope while walking one function body, innermost scope last, and the
/// integer constants of the file.
#[derive(Default)]
pub(crate) struct Env {
    scopes: Vec<Vec<(String, Value)>>,
    consts: HashMap<String, i64>,
}

impl Env {
    pub(crate) fn with_consts(consts: HashMap<String, i64>) -> Env {
        Env {
            scopes: vec![Vec::new()],
            consts,
        }
    }

    pub(crate) fn push(&mut self) {
        self.scopes.push(Vec::new());
    }

    pub(crate) fn pop(&mut self) {
        self.scopes.pop();
    }

    /// Starts a function body: outer locals are not visible inside it.
    pub(crate) fn enter_fn(&mut self) -> Vec<Vec<(String, Value)>> {
        std::mem::replace(&mut self.scopes, vec![Vec::new()])
    }

    pub(crate) fn leave_fn(&mut self, saved: Vec<Vec<(String, Value)>>) {
        self.scopes = saved;
    }

    pub(crate) fn bind(&mut self, name: String, value: Value) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((name, value));
        }
    }

    /// Replaces the value of the innermost binding of `name` (an assignment).
    pub(crate) fn assign(&mut self, name: &str, value: Value) {
        let binding = self
            .scopes
            .iter_mut()
            .rev()
            .flat_map(|scope| scope.iter_mut().rev())
            .find(|(bound, _)| bound == name);
        if let Some((_, slot)) = binding {
            *slot = value;
        }
    }

    fn lookup(&self, name: &str) -> Value {
        let bound = self
            .scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .find(|(bound, _)| bound == name)
            .map(|(_, value)| value);
        match bound {
            Some(Value::Unknown) | None => {
                if bound.is_none()
                    && let Some(&n) = self.consts.get(name)
                {
                    return Value::Const(n);
                }
                match Part::from_name(name) {
                    Some(part) => Value::Part {
                        part,
                        origin: Origin::Named,
                        shift: 0,
                    },
                    None => Value::Unknown,
                }
            }
            Some(Value::Computed) => Value::Unknown,
            Some(value) => value.clone(),
        }
    }

    /// The date an expression is about, through conversions, setters of other components and
    /// local names for the same date: `n` after `let n = dt.naive_local();` is `dt`.
    pub(crate) fn date_identity(&self, expr: &Expr) -> String {
        let root = date_root(expr);
        match self
            .scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .find(|(name, _)| *name == root)
        {
            Some((_, Value::SameDate(target))) => target.clone(),
            _ => root,
        }
    }

    /// Evaluates `expr` as far as syntax allows.
    pub(crate) fn eval(&self, expr: &Expr) -> Value {
        match expr {
            Expr::Lit(lit) => match &lit.lit {
                Lit::Int(int) => int
                    .base10_parse::<i64>()
                    .map_or(Value::Unknown, Value::Const),
                _ => Value::Unknown,
            },
            Expr::Paren(e) => self.eval(&e.expr),
            Expr::Group(e) => self.eval(&e.expr),
            Expr::Cast(e) => self.eval(&e.expr),
            Expr::Reference(e) => self.eval(&e.expr),
            Expr::Try(e) => self.eval(&e.expr),
            Expr::Unary(e) if matches!(e.op, UnOp::Neg(_)) => match self.eval(&e.expr) {
                Value::Const(n) => n.checked_neg().map_or(Value::Unknown, Value::Const),
                _ => Value::Unknown,
            },
            Expr::Binary(e) => self.eval_binary(e),
            Expr::Path(path) => self.eval_path(&path.path),
            Expr::Field(field) => match &field.member {
                syn::Member::Named(name) => match Part::from_method(&name.to_string()) {
                    Some(part) => Value::Part {
                        part,
                        origin: Origin::Field(normalized(&field.base)),
                        shift: 0,
                    },
                    None => Value::Unknown,
                },
                syn::Member::Unnamed(_) => Value::Unknown,
            },
            Expr::MethodCall(call) => self.eval_method(call),
            Expr::Call(call) => self.eval_call(call),
            _ => Value::Unknown,
        }
    }

    fn eval_binary(&self, e: &syn::ExprBinary) -> Value {
        let (left, right) = (self.eval(&e.left), self.eval(&e.right));
        match (e.op, left, right) {
            (BinOp::Add(_), value, Value::Const(n)) | (BinOp::Add(_), Value::Const(n), value) => {
                value.add(n)
            }
            (BinOp::Sub(_), value, Value::Const(n)) => {
                n.checked_neg().map_or(Value::Unknown, |neg| value.add(neg))
            }
            (
                BinOp::Rem(_),
                Value::Part {
                    part: Part::Month, ..
                },
                Value::Const(12),
            ) => Value::WrappedMonth,
            (op, Value::Const(a), Value::Const(b)) => match op {
                BinOp::Mul(_) => a.checked_mul(b),
                BinOp::Div(_) => a.checked_div(b),
                BinOp::Rem(_) => a.checked_rem(b),
                _ => None,
            }
            .map_or(Value::Unknown, Value::Const),
            _ => Value::Unknown,
        }
    }

    fn eval_path(&self, path: &syn::Path) -> Value {
        let segments: Vec<_> = path.segments.iter().collect();
        match segments.as_slice() {
            [only] if only.arguments.is_empty() => self.lookup(&only.ident.to_string()),
            [.., ty, variant] if ty.ident == "Month" => MONTH_NAMES
                .iter()
                .position(|name| variant.ident == name)
                .map_or(Value::Unknown, |index| Value::Const(index as i64 + 1)),
            [ty, name] if ty.ident == "Self" => self
                .consts
                .get(&name.ident.to_string())
                .map_or(Value::Unknown, |&n| Value::Const(n)),
            _ => Value::Unknown,
        }
    }

    fn eval_method(&self, call: &syn::ExprMethodCall) -> Value {
        let method = call.method.to_string();
        match (method.as_str(), call.args.len()) {
            ("into" | "try_into" | "unwrap" | "expect" | "unwrap_or_default", _) => {
                self.eval(&call.receiver)
            }
            ("min" | "clamp", _) => Value::Clamped,
            ("checked_add" | "saturating_add" | "wrapping_add", 1) => {
                match call.args.first().map(|a| self.eval(a)) {
                    Some(Value::Const(n)) => self.eval(&call.receiver).add(n),
                    _ => Value::Unknown,
                }
            }
            ("checked_sub" | "saturating_sub" | "wrapping_sub", 1) => {
                match call.args.first().map(|a| self.eval(a)) {
                    Some(Value::Const(n)) => n
                        .checked_neg()
                        .map_or(Value::Unknown, |n| self.eval(&call.receiver).add(n)),
                    _ => Value::Unknown,
                }
            }
            ("next" | "previous" | "succ" | "pred", 0)
                if matches!(
                    self.eval(&call.receiver),
                    Value::Part {
                        part: Part::Month,
                        ..
                    }
                ) =>
            {
                Value::WrappedMonth
            }
            ("day" | "day0", 0) if self.eval(&call.receiver) == Value::PinnedDate => Value::Clamped,
            ("month0" | "day0", 0) => {
                let part = if method == "month0" {
                    Part::Month
                } else {
                    Part::Day
                };
                Value::Part {
                    part,
                    origin: Origin::Date(self.date_identity(&call.receiver)),
                    shift: -1,
                }
            }
            (_, 0) => match Part::from_method(&method) {
                Some(part) => Value::Part {
                    part,
                    origin: Origin::Date(self.date_identity(&call.receiver)),
                    shift: 0,
                },
                None => Value::Unknown,
            },
            _ => Value::Unknown,
        }
    }

    fn eval_call(&self, call: &syn::ExprCall) -> Value {
        let Expr::Path(func) = &*call.func else {
            return Value::Unknown;
        };
        let Some(last) = func.path.segments.last() else {
            return Value::Unknown;
        };
        match (last.ident.to_string().as_str(), call.args.len()) {
            ("from" | "try_from", 1) => call.args.first().map_or(Value::Unknown, |a| self.eval(a)),
            ("min", 2) => Value::Clamped,
            _ => Value::Unknown,
        }
    }

    /// The values a `for` loop over `expr` gives its variable, if it is a constant range.
    pub(crate) fn eval_range(&self, expr: &Expr) -> Value {
        match expr {
            Expr::Paren(e) => self.eval_range(&e.expr),
            Expr::MethodCall(call) if call.method == "rev" || call.method == "step_by" => {
                self.eval_range(&call.receiver)
            }
            Expr::Range(range) => {
                let bound = |e: &Option<Box<Expr>>| match e.as_deref().map(|e| self.eval(e)) {
                    Some(Value::Const(n)) => Some(n),
                    _ => None,
                };
                match (bound(&range.start), bound(&range.end), &range.limits) {
                    (Some(a), Some(b), syn::RangeLimits::Closed(_)) => Value::Range(a, b),
                    (Some(a), Some(b), syn::RangeLimits::HalfOpen(_)) => Value::Range(a, b - 1),
                    (Some(1), None, _)
                        if range.end.as_deref().is_some_and(names_a_month_length) =>
                    {
                        Value::Clamped
                    }
                    _ => Value::Computed,
                }
            }
            _ => Value::Computed,
        }
    }
}

/// `days_in_month(y, m)`, `d.num_days_in_month()`, `month.length(y)`: the end of a month.
fn names_a_month_length(expr: &Expr) -> bool {
    let text = expr.to_token_stream().to_string();
    [
        "days_in_month",
        "num_days_in_month",
        "length",
        "num_days",
        "last_day",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// Methods that keep the identity of the date they are called on: conversions, unwrapping,
/// and setters of other components. `d.date_naive().with_day(1).unwrap()` is still `d`.
const SAME_DATE_METHODS: &[&str] = &[
    "date_naive",
    "naive_local",
    "naive_utc",
    "date",
    "clone",
    "to_owned",
    "unwrap",
    "expect",
    "with_day",
    "with_day0",
    "with_month",
    "with_month0",
    "with_hour",
    "with_minute",
    "with_second",
    "with_nanosecond",
    "replace_day",
    "replace_month",
    "replace_time",
    "with_time",
    "and_time",
    "ok_or",
    "ok_or_else",
    "with",
];

/// Returns true if `expr` names a date through conversions only (`dt.naive_local()`, `*d`,
/// `today.clone()`), so a binding of it is another name for that date.
pub(crate) fn is_same_date(expr: &Expr) -> bool {
    let mut expr = expr;
    loop {
        expr = match expr {
            Expr::Paren(e) => &e.expr,
            Expr::Reference(e) => &e.expr,
            Expr::Unary(e) if matches!(e.op, UnOp::Deref(_)) => &e.expr,
            Expr::MethodCall(call)
                if call.args.is_empty()
                    && matches!(
                        call.method.to_string().as_str(),
                        "date_naive" | "naive_local" | "naive_utc" | "date" | "clone" | "to_owned"
                    ) =>
            {
                &call.receiver
            }
            Expr::Path(path) => return path.path.get_ident().is_some(),
            Expr::Field(_) => return true,
            _ => return false,
        }
    }
}

/// The date an expression is about, as normalised text: the receiver with conversions,
/// unwrapping and setters of other components peeled off.
pub(crate) fn date_root(mut expr: &Expr) -> String {
    loop {
        expr = match expr {
            Expr::Paren(e) => &e.expr,
            Expr::Group(e) => &e.expr,
            Expr::Reference(e) => &e.expr,
            Expr::Unary(e) if matches!(e.op, UnOp::Deref(_)) => &e.expr,
            Expr::Try(e) => &e.expr,
            Expr::MethodCall(call)
                if SAME_DATE_METHODS.contains(&call.method.to_string().as_str()) =>
            {
                &call.receiver
            }
            _ => return normalized(expr),
        }
    }
}

/// Token text of an expression, so that `a . b` and `a.b` compare equal.
pub(crate) fn normalized(expr: &Expr) -> String {
    expr.to_token_stream().to_string()
}

/// The integer constants a file defines (`const DAYS: i64 = 365;`), by name.
pub(crate) fn file_consts(file: &syn::File) -> HashMap<String, i64> {
    use syn::visit::Visit;

    struct Collector(HashMap<String, i64>);
    impl<'ast> Visit<'ast> for Collector {
        fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
            if let Value::Const(n) = Env::default().eval(&item.expr) {
                self.0.insert(item.ident.to_string(), n);
            }
        }
        fn visit_impl_item_const(&mut self, item: &'ast syn::ImplItemConst) {
            if let Value::Const(n) = Env::default().eval(&item.expr) {
                self.0.insert(item.ident.to_string(), n);
            }
        }
    }
    let mut collector = Collector(HashMap::new());
    collector.visit_file(file);
    collector.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(source: &str) -> Value {
        let expr: Expr = syn::parse_str(source).expect("test expression parses");
        Env::with_consts(HashMap::new()).eval(&expr)
    }

    #[test]
    fn a_shifted_year_remembers_its_date() {
        assert_eq!(
            eval("(now.year() + 1) as i32"),
            Value::Part {
                part: Part::Year,
                origin: Origin::Date("now".into()),
                shift: 1
            }
        );
        assert_eq!(
            eval("d.date_naive().year() - 2"),
            Value::Part {
                part: Part::Year,
                origin: Origin::Date("d".into()),
                shift: -2
            }
        );
    }

    #[test]
    fn zero_based_months_are_shifted_by_one() {
        assert_eq!(
            eval("d.month0() + 1"),
            Value::Part {
                part: Part::Month,
                origin: Origin::Date("d".into()),
                shift: 0
            }
        );
    }

    #[test]
    fn constants_and_month_names_evaluate() {
        assert_eq!(eval("-(3 * 4)"), Value::Const(-12));
        assert_eq!(eval("3 * 4 - 1"), Value::Const(11));
        assert_eq!(eval("Month::February"), Value::Const(2));
        assert_eq!(eval("u8::try_from(29).unwrap()"), Value::Const(29));
    }

    #[test]
    fn names_hint_at_components_and_clamps_hide_them() {
        assert_eq!(
            eval("year + 1"),
            Value::Part {
                part: Part::Year,
                origin: Origin::Named,
                shift: 1
            }
        );
        assert_eq!(eval("day_of_year"), Value::Unknown);
        assert_eq!(eval("day.min(last)"), Value::Clamped);
    }

    #[test]
    fn months_modulo_12_wrap() {
        assert_eq!(eval("(d.month0() + 1) % 12 + 1"), Value::WrappedMonth);
        assert_eq!(eval("d.month().next()"), Value::WrappedMonth);
    }
}
