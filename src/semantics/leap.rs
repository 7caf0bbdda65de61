//! Hand-written leap-year tests: a boolean expression over one year, evaluated on every year
//! of the 400-year Gregorian cycle and compared with the real rule.

use syn::spanned::Spanned;
use syn::{BinOp, Expr, Lit, UnOp};

use super::calendar::is_leap_year;
use super::values::normalized;
use crate::lint::{Need, Token, Trigger};

/// What a leap test needs, as the prefilter reads it: a remainder by 4 alone is one only of
/// a year; with another modulus of the rule, of any operand (`leap_test`).
pub(crate) const TRIGGERS: &[Trigger] = &[
    &[
        Need::Token(Token::YearName),
        Need::Token(Token::ModulusFour),
    ],
    &[
        Need::Token(Token::ModulusFour),
        Need::Token(Token::CenturyModulus),
    ],
];

/// How a hand-written test compares with the Gregorian rule over 400 years.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Exactly the rule (`leap` is true) or exactly its negation (`leap` is false).
    Correct { leap: bool },
    /// Close to the rule (or its negation) but wrong in the listed years of the cycle.
    Incomplete { leap: bool, wrong: Vec<i64> },
}

/// A leap-year test found in an expression: the year it tests and how it compares.
pub(crate) struct LeapTest<'e> {
    /// The year tested (`y`, `date.year()`), and its byte range.
    pub(crate) year: &'e Expr,
    pub(crate) year_span: std::ops::Range<usize>,
    /// Nothing but the year is tested, with `%`, `==`, `!=`, `!`, `&&` and `||`: the
    /// expression can be replaced by another test of the same year.
    pub(crate) plain: bool,
    pub(crate) verdict: Verdict,
}

/// A boolean formula over `year mod k` atoms.
#[derive(Clone)]
enum Formula {
    Const(bool),
    /// `year % modulus == residue`.
    Atom {
        modulus: i64,
        residue: i64,
    },
    Not(Box<Formula>),
    And(Box<Formula>, Box<Formula>),
    Or(Box<Formula>, Box<Formula>),
    /// A condition on something other than the year (`month == 2`).
    Other,
}

impl Formula {
    fn eval(&self, year: i64) -> Option<bool> {
        Some(match self {
            Formula::Const(b) => *b,
            Formula::Atom { modulus, residue } => year.rem_euclid(*modulus) == *residue,
            Formula::Not(f) => !f.eval(year)?,
            Formula::And(a, b) => a.eval(year)? && b.eval(year)?,
            Formula::Or(a, b) => a.eval(year)? || b.eval(year)?,
            Formula::Other => return None,
        })
    }

    /// Adds the distinct moduli of its atoms to `found`.
    fn moduli(&self, found: &mut Vec<i64>) {
        match self {
            Formula::Atom { modulus, .. } if !found.contains(modulus) => found.push(*modulus),
            Formula::Not(f) => f.moduli(found),
            Formula::And(a, b) | Formula::Or(a, b) => {
                a.moduli(found);
                b.moduli(found);
            }
            _ => {}
        }
    }

    fn has_other(&self) -> bool {
        match self {
            Formula::Other => true,
            Formula::Not(f) => f.has_other(),
            Formula::And(a, b) | Formula::Or(a, b) => a.has_other() || b.has_other(),
            Formula::Const(_) | Formula::Atom { .. } => false,
        }
    }

    fn has_modulus_four(&self) -> bool {
        match self {
            Formula::Atom { modulus, .. } => *modulus == 4,
            Formula::Not(f) => f.has_modulus_four(),
            Formula::And(a, b) | Formula::Or(a, b) => a.has_modulus_four() || b.has_modulus_four(),
            Formula::Const(_) | Formula::Other => false,
        }
    }

    /// Drops conjuncts that do not test the year: in `month == 2 && y % 4 == 0` the leap test
    /// is `y % 4 == 0`.
    fn year_part(self) -> Formula {
        match self {
            Formula::And(a, b) => match (a.year_part(), b.year_part()) {
                (Formula::Other, f) | (f, Formula::Other) => f,
                (a, b) => Formula::And(Box::new(a), Box::new(b)),
            },
            f => f,
        }
    }
}

/// Reads `expr` as a leap-year test, if it is one: every atom tests the same operand modulo
/// 4, 16, 25, 100 or 400, and at least one tests it modulo 4. A test modulo 4 alone is one
/// only of a year (`d.year()`, a `.year` field, a name that says year): `n % 4 == 0` is
/// many things; with a second modulus (`n % 4 == 0 && n % 100 != 0`) it is nothing else.
pub(crate) fn leap_test(expr: &Expr) -> Option<LeapTest<'_>> {
    let mut year = None;
    let formula = formula(expr, &mut year)?;
    let plain = is_plain(expr) && !formula.has_other();
    let formula = formula.year_part();
    let Operand {
        expr: year,
        span: year_span,
        says_year,
        ..
    } = year?;
    if !formula.has_modulus_four() {
        return None;
    }
    let mut moduli = Vec::new();
    formula.moduli(&mut moduli);
    if !says_year && moduli.len() < 2 {
        return None;
    }
    let (mut agree, mut wrong_leap, mut wrong_common) = (0, Vec::new(), Vec::new());
    for y in 2000..2400 {
        let says = formula.eval(y)?;
        if says == is_leap_year(y) {
            agree += 1;
            wrong_common.push(y);
        } else {
            wrong_leap.push(y);
        }
    }
    let verdict = match agree {
        400 => Verdict::Correct { leap: true },
        0 => Verdict::Correct { leap: false },
        388.. => Verdict::Incomplete {
            leap: true,
            wrong: wrong_leap,
        },
        ..=12 => Verdict::Incomplete {
            leap: false,
            wrong: wrong_common,
        },
        _ => return None,
    };
    Some(LeapTest {
        year,
        year_span,
        plain,
        verdict,
    })
}

fn formula<'e>(expr: &'e Expr, year: &mut Option<Operand<'e>>) -> Option<Formula> {
    Some(match expr {
        Expr::Paren(e) => formula(&e.expr, year)?,
        Expr::Lit(lit) => match &lit.lit {
            Lit::Bool(b) => Formula::Const(b.value),
            // The branches of `if leap { 366 } else { 365 }` or `{ 29 } else { 28 }`.
            Lit::Int(int) => match int.base10_digits() {
                "29" | "366" => Formula::Const(true),
                "28" | "365" => Formula::Const(false),
                _ => return None,
            },
            _ => return None,
        },
        Expr::Unary(e) if matches!(e.op, UnOp::Not(_)) => {
            Formula::Not(Box::new(formula(&e.expr, year)?))
        }
        Expr::Binary(e) => match e.op {
            BinOp::And(_) => Formula::And(
                Box::new(formula(&e.left, year)?),
                Box::new(formula(&e.right, year)?),
            ),
            BinOp::Or(_) => Formula::Or(
                Box::new(formula(&e.left, year)?),
                Box::new(formula(&e.right, year)?),
            ),
            BinOp::Eq(_)
            | BinOp::Ne(_)
            | BinOp::Gt(_)
            | BinOp::Ge(_)
            | BinOp::Lt(_)
            | BinOp::Le(_) => comparison(e, year).unwrap_or(Formula::Other),
            _ => return None,
        },
        Expr::MethodCall(call) if call.method == "is_multiple_of" && call.args.len() == 1 => {
            match (year_operand(&call.receiver, year), constant(&call.args[0])) {
                (Some(()), Some(modulus)) if is_leap_modulus(modulus) => Formula::Atom {
                    modulus,
                    residue: 0,
                },
                _ => Formula::Other,
            }
        }
        Expr::If(e) => {
            let (_, other) = e.else_branch.as_ref()?;
            // `if month == 2 && leap { 29 } else { 28 }` tests the year by its second half.
            let cond = formula(&e.cond, year)?.year_part();
            let then = tail(&e.then_branch).and_then(|t| formula(t, year))?;
            let other = match &**other {
                Expr::Block(block) => tail(&block.block).and_then(|t| formula(t, year))?,
                other => formula(other, year)?,
            };
            let not_cond = Formula::Not(Box::new(formula(&e.cond, year)?.year_part()));
            Formula::Or(
                Box::new(Formula::And(Box::new(cond), Box::new(then))),
                Box::new(Formula::And(Box::new(not_cond), Box::new(other))),
            )
        }
        Expr::Block(block) => formula(tail(&block.block)?, year)?,
        Expr::Match(m) => match_formula(m, year)?,
        _ => Formula::Other,
    })
}

/// `match year % 4 { 0 => true, _ => false }` and `match (y % 4, y % 100) { (0, 0) => .. }`:
/// each arm holds where its pattern (and guard) does and no earlier arm's did.
fn match_formula<'e>(m: &'e syn::ExprMatch, year: &mut Option<Operand<'e>>) -> Option<Formula> {
    let scrutinee: Vec<&Expr> = match &*m.expr {
        Expr::Tuple(tuple) => tuple.elems.iter().collect(),
        Expr::Paren(e) => vec![&*e.expr],
        e => vec![e],
    };
    let moduli = scrutinee
        .iter()
        .map(|e| remainder(e, year))
        .collect::<Option<Vec<i64>>>()?;
    let mut result = Formula::Const(false);
    for arm in m.arms.iter().rev() {
        let (pat, guard) = match &arm.pat {
            syn::Pat::Guard(guarded) => (&*guarded.pat, Some(&*guarded.guard)),
            pat => (pat, None),
        };
        let mut matched = pattern_formula(pat, &moduli)?;
        if let Some(guard) = guard {
            matched = Formula::And(Box::new(matched), Box::new(formula(guard, year)?));
        }
        let body = formula(&arm.body, year)?;
        result = Formula::Or(
            Box::new(Formula::And(Box::new(matched.clone()), Box::new(body))),
            Box::new(Formula::And(
                Box::new(Formula::Not(Box::new(matched))),
                Box::new(result),
            )),
        );
    }
    Some(result)
}

/// Where a pattern over `year % k` values matches: literal residues, `_`, names, tuples of
/// them, and `|`.
fn pattern_formula(pat: &syn::Pat, moduli: &[i64]) -> Option<Formula> {
    match (pat, moduli) {
        (syn::Pat::Wild(_) | syn::Pat::Ident(_), _) => Some(Formula::Const(true)),
        (syn::Pat::Paren(p), _) => pattern_formula(&p.pat, moduli),
        (syn::Pat::Or(or), _) => or
            .cases
            .iter()
            .try_fold(Formula::Const(false), |acc, case| {
                Some(Formula::Or(
                    Box::new(acc),
                    Box::new(pattern_formula(case, moduli)?),
                ))
            }),
        (syn::Pat::Tuple(tuple), _) if tuple.elems.len() == moduli.len() && moduli.len() > 1 => {
            tuple
                .elems
                .iter()
                .zip(moduli)
                .try_fold(Formula::Const(true), |acc, (pat, modulus)| {
                    let part = pattern_formula(pat, std::slice::from_ref(modulus))?;
                    Some(Formula::And(Box::new(acc), Box::new(part)))
                })
        }
        (syn::Pat::Lit(lit), [modulus]) => match &lit.lit {
            Lit::Int(int) => Some(Formula::Atom {
                modulus: *modulus,
                residue: int.base10_parse().ok()?,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Returns true if `expr` is built only of comparisons and boolean operators (no `if`, no
/// block, no literal branch).
fn is_plain(expr: &Expr) -> bool {
    match expr {
        Expr::Paren(e) => is_plain(&e.expr),
        Expr::Unary(e) => matches!(e.op, UnOp::Not(_)) && is_plain(&e.expr),
        Expr::Binary(e) => match e.op {
            BinOp::And(_) | BinOp::Or(_) => is_plain(&e.left) && is_plain(&e.right),
            _ => true,
        },
        Expr::MethodCall(_) => true,
        _ => false,
    }
}

/// The tail expression of a block with no other statements.
fn tail(block: &syn::Block) -> Option<&Expr> {
    match block.stmts.as_slice() {
        [syn::Stmt::Expr(expr, None)] => Some(expr),
        _ => None,
    }
}

/// `y % k == r`, `r != y % k`, `y.rem_euclid(k) > 0`, `y & 3 == 0`.
fn comparison<'e>(e: &'e syn::ExprBinary, year: &mut Option<Operand<'e>>) -> Option<Formula> {
    let (remainder, other) = match (remainder(&e.left, year), remainder(&e.right, year)) {
        (Some(m), None) => (m, &*e.right),
        (None, Some(m)) => (m, &*e.left),
        _ => return None,
    };
    let residue = constant(other)?;
    let atom = Formula::Atom {
        modulus: remainder,
        residue,
    };
    Some(match e.op {
        BinOp::Eq(_) => atom,
        BinOp::Ne(_) => Formula::Not(Box::new(atom)),
        BinOp::Gt(_) if residue == 0 => Formula::Not(Box::new(Formula::Atom {
            modulus: remainder,
            residue: 0,
        })),
        _ => return None,
    })
}

/// The modulus of `year % k`, `year.rem_euclid(k)` or `year & (k - 1)`.
fn remainder<'e>(expr: &'e Expr, year: &mut Option<Operand<'e>>) -> Option<i64> {
    if let Expr::Paren(e) = expr {
        return remainder(&e.expr, year);
    }
    let (operand, modulus) = leap_remainder(expr)?;
    year_operand(operand, year).map(|()| modulus)
}

/// Returns true if `expr` takes a remainder by a modulus of the leap rule, of anything:
/// `x % 100`, `x & 3`, `x.rem_euclid(400)`, `x.is_multiple_of(4)`.
pub(crate) fn takes_leap_remainder(expr: &Expr) -> bool {
    match expr {
        Expr::MethodCall(call) if call.method == "is_multiple_of" && call.args.len() == 1 => {
            constant(&call.args[0]).is_some_and(is_leap_modulus)
        }
        _ => leap_remainder(expr).is_some(),
    }
}

/// The operand and the modulus of `x % k`, `x.rem_euclid(k)` or `x & (k - 1)`, where `k` is
/// a modulus of the leap rule.
fn leap_remainder(expr: &Expr) -> Option<(&Expr, i64)> {
    let (operand, modulus) = match expr {
        Expr::Binary(e) if matches!(e.op, BinOp::Rem(_)) => (&*e.left, constant(&e.right)?),
        // A mask is a remainder only by a power of two: `y & 3` is `y % 4`, `y & 99` no
        // remainder at all.
        Expr::Binary(e) if matches!(e.op, BinOp::BitAnd(_)) => {
            let mask = constant(&e.right)?;
            (
                &*e.left,
                (mask > 0 && (mask + 1) & mask == 0).then_some(mask + 1)?,
            )
        }
        Expr::MethodCall(call) if call.method == "rem_euclid" && call.args.len() == 1 => {
            (&*call.receiver, constant(&call.args[0])?)
        }
        _ => return None,
    };
    is_leap_modulus(modulus).then_some((operand, modulus))
}

fn is_leap_modulus(modulus: i64) -> bool {
    matches!(modulus, 4 | 16 | 25 | 100 | 400)
}

/// The operand of a test's atoms.
struct Operand<'e> {
    expr: &'e Expr,
    text: String,
    span: std::ops::Range<usize>,
    /// `d.year()`, a `.year` field, a name that says year.
    says_year: bool,
}

/// Accepts `operand` if it is a name, a field or a getter, and the same as every other
/// atom's; notes whether it says it is a year.
fn year_operand<'e>(operand: &'e Expr, year: &mut Option<Operand<'e>>) -> Option<()> {
    let peeled = match operand {
        Expr::Paren(e) => &*e.expr,
        Expr::Cast(e) => &*e.expr,
        e => e,
    };
    // A name, a field or `year()`, which a rewritten test may read more often; another call
    // may give another value each time (`rng.next_u32()`).
    let says_year = match peeled {
        Expr::Path(p) => {
            let name = p.path.get_ident()?.to_string().to_ascii_lowercase();
            name.contains("year") || matches!(name.trim_start_matches('_'), "y" | "yr" | "yyyy")
        }
        Expr::MethodCall(call) if call.args.is_empty() && call.method == "year" => true,
        Expr::Field(field) => matches!(&field.member, syn::Member::Named(n) if n == "year"),
        _ => return None,
    };
    let text = normalized(peeled);
    match year {
        Some(seen) if seen.text != text => None,
        Some(_) => Some(()),
        None => {
            *year = Some(Operand {
                expr: peeled,
                text,
                span: peeled.span().byte_range(),
                says_year,
            });
            Some(())
        }
    }
}

fn constant(expr: &Expr) -> Option<i64> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(int) => int.base10_parse().ok(),
            _ => None,
        },
        Expr::Paren(e) => constant(&e.expr),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(source: &str) -> Option<Verdict> {
        let expr: Expr = syn::parse_str(source).expect("test expression parses");
        leap_test(&expr).map(|t| t.verdict)
    }

    #[test]
    fn the_full_rule_in_any_spelling_is_correct() {
        let correct = Some(Verdict::Correct { leap: true });
        assert_eq!(
            verdict("y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)"),
            correct
        );
        assert_eq!(
            verdict(
                "year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))"
            ),
            correct
        );
        assert_eq!(
            verdict("y % 4 == 0 && (y % 25 != 0 || y % 16 == 0)"),
            correct
        );
        assert_eq!(
            verdict("(y & 3) == 0 && ((y % 25) != 0 || (y & 15) == 0)"),
            correct
        );
        assert_eq!(
            verdict("if y % 400 == 0 { true } else if y % 100 == 0 { false } else { y % 4 == 0 }"),
            correct
        );
        assert_eq!(
            verdict("y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)"),
            Some(Verdict::Correct { leap: false })
        );
    }

    #[test]
    fn partial_rules_are_incomplete() {
        assert_eq!(
            verdict("year % 4 == 0"),
            Some(Verdict::Incomplete {
                leap: true,
                wrong: vec![2100, 2200, 2300]
            })
        );
        assert_eq!(
            verdict("y % 4 == 0 && y % 100 != 0"),
            Some(Verdict::Incomplete {
                leap: true,
                wrong: vec![2000]
            })
        );
        assert_eq!(
            verdict("d.year() % 4 != 0"),
            Some(Verdict::Incomplete {
                leap: false,
                wrong: vec![2100, 2200, 2300]
            })
        );
        assert_eq!(
            verdict("month == 2 && y.rem_euclid(4) == 0")
                .map(|v| matches!(v, Verdict::Incomplete { .. })),
            Some(true)
        );
    }

    #[test]
    fn other_tests_modulo_4_are_not_leap_tests() {
        assert_eq!(verdict("count % 4 == 0"), None);
        assert_eq!(verdict("y % 4 == 1"), None);
        assert_eq!(verdict("y % 100 == 0"), None);
    }
}
