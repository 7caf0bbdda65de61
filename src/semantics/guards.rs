//! Guards: conditions and clamps showing that the code already handles the day that would
//! break it. A finding under such a guard is not reported.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::{BinOp, Expr};

use super::values::{self, Env, Part, Value};

/// A risk that a condition in scope shows the author handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Guard {
    /// 29 February: a test of the day against 28 or 29, a leap-year test, or a look-up of the
    /// month's length.
    Feb29,
    /// The end or start of a month: a test of the day against 28 to 31 or 1, or a look-up of
    /// the month's length.
    MonthEnd,
    /// December or January: a test of the month against 11 to 13 or 0 and 1, so the year is
    /// carried.
    MonthOverflow,
}

/// Functions whose call in a condition shows the author knew about month lengths or leap
/// years (the date crates' own, and the names such helpers are given). Words as general as
/// `length`, `num_days` or `is_valid` say nothing of the calendar.
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
    "is_valid_date",
];

/// The guards a condition (of an `if` or `while`) establishes: a call that knows month
/// lengths or leap years, or a comparison of a component read from a date with a number at
/// the edge of its range. Which component a value is comes from the value model.
pub(crate) fn guards_in(condition: &Expr, env: &Env) -> Vec<Guard> {
    let mut guards = leap_words(condition);
    collect(condition, env, 16, &mut guards);
    guards.dedup();
    guards
}

/// The guards a `match` on `scrutinee` establishes through the numbers its arms test.
pub(crate) fn guards_in_match(scrutinee: &Expr, arms: &[syn::Arm], env: &Env) -> Vec<Guard> {
    let mut guards = leap_words(scrutinee);
    for arm in arms {
        let pat = match &arm.pat {
            syn::Pat::Guard(guarded) => {
                collect(&guarded.guard, env, 16, &mut guards);
                &*guarded.pat
            }
            pat => pat,
        };
        pattern_guards(scrutinee, pat, env, &mut guards);
    }
    guards.sort_by_key(|g| *g as u8);
    guards.dedup();
    guards
}

fn pattern_guards(scrutinee: &Expr, pat: &syn::Pat, env: &Env, out: &mut Vec<Guard>) {
    match (scrutinee, pat) {
        (Expr::Paren(e), pat) => pattern_guards(&e.expr, pat, env, out),
        (Expr::Tuple(values), syn::Pat::Tuple(pats)) => {
            for (value, pat) in values.elems.iter().zip(&pats.elems) {
                pattern_guards(value, pat, env, out);
            }
        }
        (scrutinee, syn::Pat::Or(or)) => or
            .cases
            .iter()
            .for_each(|pat| pattern_guards(scrutinee, pat, env, out)),
        (scrutinee, syn::Pat::Lit(lit)) => {
            if let Ok(n) = syn::parse2::<syn::LitInt>(lit.to_token_stream())
                .and_then(|int| int.base10_parse::<i64>())
            {
                out.extend(edge_guards(&env.eval(scrutinee), n));
            }
        }
        _ => {}
    }
}

/// The guards a `let` establishes for the rest of its block: a value bound to a month's
/// length or a leap-year test (`let last = days_in_month(m, y);`) bounds what follows it.
pub(crate) fn guards_of_binding(init: &Expr) -> Vec<Guard> {
    let mut expr = init;
    loop {
        expr = match expr {
            Expr::Paren(e) => &e.expr,
            Expr::Try(e) => &e.expr,
            Expr::Cast(e) => &e.expr,
            Expr::MethodCall(call) if LEAP_WORDS.iter().any(|w| call.method == w) => break,
            Expr::MethodCall(call) => &call.receiver,
            Expr::Call(call) => match &*call.func {
                Expr::Path(path)
                    if path
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| LEAP_WORDS.iter().any(|w| s.ident == w)) =>
                {
                    break;
                }
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        }
    }
    vec![Guard::Feb29, Guard::MonthEnd]
}

/// A month-length or leap-year look-up anywhere in the condition.
fn leap_words(condition: &Expr) -> Vec<Guard> {
    fn scan(tokens: TokenStream) -> bool {
        tokens.into_iter().any(|token| match token {
            TokenTree::Group(group) => scan(group.stream()),
            TokenTree::Ident(ident) => LEAP_WORDS.iter().any(|word| ident == word),
            _ => false,
        })
    }
    match scan(condition.to_token_stream()) {
        true => vec![Guard::Feb29, Guard::MonthEnd],
        false => Vec::new(),
    }
}

fn collect(expr: &Expr, env: &Env, depth: usize, out: &mut Vec<Guard>) {
    let Some(depth) = depth.checked_sub(1) else {
        return;
    };
    match expr {
        Expr::Paren(e) => collect(&e.expr, env, depth, out),
        Expr::Unary(e) => collect(&e.expr, env, depth, out),
        Expr::Binary(e) => match e.op {
            BinOp::And(_) | BinOp::Or(_) => {
                collect(&e.left, env, depth, out);
                collect(&e.right, env, depth, out);
            }
            // `(d.month(), d.day()) == (2, 29)`: element by element.
            BinOp::Eq(_) | BinOp::Ne(_)
                if matches!((&*e.left, &*e.right), (Expr::Tuple(_), Expr::Tuple(_))) =>
            {
                if let (Expr::Tuple(a), Expr::Tuple(b)) = (&*e.left, &*e.right) {
                    for (side, other) in a.elems.iter().zip(&b.elems) {
                        if let Value::Const(n) = env.eval(other) {
                            out.extend(edge_guards(&env.eval(side), n));
                        }
                    }
                }
            }
            BinOp::Eq(_)
            | BinOp::Ne(_)
            | BinOp::Lt(_)
            | BinOp::Le(_)
            | BinOp::Gt(_)
            | BinOp::Ge(_) => {
                for (side, other) in [(&e.left, &e.right), (&e.right, &e.left)] {
                    if is_leap_remainder(side, env) {
                        out.push(Guard::Feb29);
                    }
                    match env.eval(other) {
                        Value::Const(n) => out.extend(edge_guards(&env.eval(side), n)),
                        // A day compared with a bound computed at run time (`d.day() ==
                        // last`): the author handles the end of the month.
                        Value::Part { .. } | Value::Range(..) | Value::Unknown | Value::Clamped
                            if env.eval(side).shifted(Part::Day).is_some() =>
                        {
                            out.push(Guard::MonthEnd)
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        },
        Expr::MethodCall(call)
            if call.method == "is_multiple_of"
                && year_of_a_date(&call.receiver, env)
                && call.args.first().map(|a| env.eval(a)) == Some(Value::Const(4)) =>
        {
            out.push(Guard::Feb29);
        }
        _ => {}
    }
}

/// `y % 4` or `y % 400` on a year read from a date.
fn is_leap_remainder(expr: &Expr, env: &Env) -> bool {
    match expr {
        Expr::Paren(e) => is_leap_remainder(&e.expr, env),
        Expr::Binary(e) if matches!(e.op, BinOp::Rem(_)) => {
            matches!(env.eval(&e.right), Value::Const(4 | 400)) && year_of_a_date(&e.left, env)
        }
        _ => false,
    }
}

fn year_of_a_date(expr: &Expr, env: &Env) -> bool {
    env.eval(expr).shifted(Part::Year).is_some()
}

/// What comparing `value` with `n` shows the author handled that an interval cannot say: a
/// day against 28 or 29 (often with `month == 2`), where 29 February is handled. Tests of
/// a day against the end of a month or of a month against December refine the value's
/// interval instead, so they cover exactly the values they rule out.
fn edge_guards(value: &Value, n: i64) -> Vec<Guard> {
    match value.shifted(Part::Day) {
        // `d.day0() == 27` tests the 28th.
        Some((_, shift)) if (28..=29).contains(&(n - shift.by)) => vec![Guard::Feb29],
        _ => Vec::new(),
    }
}

/// Returns true if a setter in the receiver chain already pins the day to one that exists in
/// every month (1 to 28) or the month to one other than February: `d.with_day(1)?.with_year(..)`.
pub(crate) fn chain_avoids_feb29(mut receiver: &Expr, env: &Env) -> bool {
    loop {
        receiver = match receiver {
            Expr::Paren(e) => &e.expr,
            Expr::Try(e) => &e.expr,
            Expr::MethodCall(call) => {
                let method = call.method.to_string();
                if let Some(arg) = call.args.first()
                    && setter_avoids_feb29(&method, &env.eval(arg))
                {
                    return true;
                }
                // A pinned day stays pinned through setters of other components, a time of
                // day given, and months added; not through a day moved (`pred_opt()`), a
                // zone changed, or a component read.
                if !values::keeps_the_date(&method)
                    && !method.starts_with("and_hms")
                    && method != "and_utc"
                    && !matches!(
                        method.as_str(),
                        "with_year"
                            | "replace_year"
                            | "year"
                            | "month"
                            | "build"
                            | "checked_add_months"
                            | "checked_sub_months"
                    )
                {
                    return false;
                }
                &call.receiver
            }
            Expr::Call(call) => {
                return constructed_off_feb29(call, env) || env.eval(receiver) == Value::PinnedDate;
            }
            _ => return env.eval(receiver) == Value::PinnedDate,
        }
    }
}

/// A date built as (year, month, day) with a day every month has (`from_ymd_opt(y, m, 1)`)
/// or a month other than February (`from_calendar_date(y, Month::June, 15)`).
fn constructed_off_feb29(call: &syn::ExprCall, env: &Env) -> bool {
    let Expr::Path(func) = &*call.func else {
        return false;
    };
    let builds_a_date = func.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "from_ymd" | "from_ymd_opt" | "from_calendar_date" | "date" | "new"
        )
    });
    let args: Vec<&Expr> = call.args.iter().collect();
    let [_, month, day, ..] = args.as_slice() else {
        return false;
    };
    builds_a_date
        && (env.range(day).within(1, 28)
            || matches!(env.eval(month), Value::Const(m) if (1..=12).contains(&m) && m != 2))
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

    fn guards(source: &str) -> Vec<Guard> {
        let expr: Expr = syn::parse_str(source).expect("test condition parses");
        guards_in(&expr, &Env::with_consts(Default::default()))
    }

    #[test]
    fn feb29_tests_and_leap_tests_guard() {
        assert!(guards("d.month() == 2 && d.day() == 29").contains(&Guard::Feb29));
        assert!(guards("d.day() > 28u32").contains(&Guard::Feb29));
        assert!(guards("is_leap_year(y + 1)").contains(&Guard::Feb29));
        assert!(guards("(d.year() % 4 == 0) && (d.year() % 100 != 0)").contains(&Guard::Feb29));
    }

    #[test]
    fn unrelated_conditions_and_names_do_not_guard() {
        assert_eq!(guards("d.month() == 2"), vec![]);
        assert_eq!(guards("count % 3 == 0"), vec![]);
        assert_eq!(guards("x == 4"), vec![]);
        assert_eq!(guards("items.len() > 28"), vec![]);
        assert_eq!(guards("i % 4 == 0"), vec![]);
        // A name is not a component: `day` may hold anything.
        assert_eq!(guards("day > 28 && month == 12"), vec![]);
    }

    #[test]
    fn month_end_and_december_tests_guard() {
        assert!(guards("d.day() == last_day_of_month(y, m)").contains(&Guard::MonthEnd));
        // December and the end of a month refine intervals instead.
        assert_eq!(guards("d.month() == 12"), vec![]);
        assert_eq!(guards("d.day() < 31"), vec![]);
    }
}
