//! The value model of a function body: for every integer and date expression, its origin
//! (a component of which date, shifted by how much; a constant; or unknown) and the interval
//! it lies in on the path being walked, refined by the conditions, early exits, assertions
//! and loops around it. Lints ask [`Env::eval`] and [`Env::range`]; names decide nothing.

use std::collections::HashMap;
use std::ops::Range;

use proc_macro2::TokenTree;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{BinOp, Expr, Lit, UnOp};

use super::calendar::MONTH_NAMES;
use super::flow;
use super::interval::{Interval, type_range};
use super::summaries::Summaries;
use crate::lint::Need;

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
}

/// The values a date or time accessor of this name returns: chrono's `Datelike` and
/// `Timelike`, time's and jiff's getters (`month()` is 1..=12 as a number or as an enum cast
/// to one). A year has no useful bound.
fn accessor_range(method: &str) -> Option<Interval> {
    Some(match method {
        "month" => Interval::new(1, 12),
        "month0" => Interval::new(0, 11),
        "day" => Interval::new(1, 31),
        "day0" => Interval::new(0, 30),
        "hour" => Interval::new(0, 23),
        "minute" | "second" => Interval::new(0, 59),
        "nanosecond" | "subsec_nanosecond" => Interval::new(0, 1_999_999_999),
        "ordinal" => Interval::new(1, 366),
        "ordinal0" => Interval::new(0, 365),
        "number_from_monday" | "number_from_sunday" => Interval::new(1, 7),
        "num_days_from_monday" | "num_days_from_sunday" => Interval::new(0, 6),
        "week" | "iso_week_number" | "sunday_based_week" | "monday_based_week" => {
            Interval::new(0, 53)
        }
        "week0" => Interval::new(0, 52),
        "local_minus_utc" | "utc_minus_local" => Interval::new(-86_399, 86_399),
        "whole_seconds" => Interval::new(-93_599, 93_599),
        _ => return None,
    })
}

/// Where a component came from. Two components with equal origins come from the same date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A method of a date value: `start.year()`; holds the normalised text of the date.
    Date(String),
    /// A field of a struct: `self.year`; holds the normalised text of the struct.
    Field(String),
}

/// How far a component is moved from the date it was read from: a constant, plus possibly an
/// amount the model knows only as an interval (`d.year() + years`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Shift {
    pub(crate) by: i64,
    /// The amount of unknown value: its span in the source and the values it may take.
    pub(crate) var: Option<(Range<usize>, Interval)>,
    /// The unknown amount is a multiple of this (`400 * cycles`).
    pub(crate) step: i64,
    /// -1 if the unknown amount is subtracted (`d.year() - years`).
    pub(crate) sign: i64,
}

impl Shift {
    pub(crate) const fn by(by: i64) -> Shift {
        Shift {
            by,
            var: None,
            step: 1,
            sign: 1,
        }
    }

    /// Every value the whole shift may take.
    pub(crate) fn total(&self) -> Interval {
        let by = Interval::exact(self.by);
        self.var.as_ref().map_or(by, |(_, range)| range.add(by))
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.total() == Interval::exact(0)
    }
}

/// What an expression holds, as far as syntax can tell. Its interval comes with it from
/// [`Env::range`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Const(i64),
    /// Any value in an inclusive range, such as a `for d in 1..=28` loop variable or a field
    /// masked to four bits.
    Range(i64, i64),
    Part {
        part: Part,
        origin: Origin,
        shift: Shift,
    },
    /// A month computed modulo 12 (`(m0 + 1) % 12`, `month.next()`, `if m < 1 { m += 12 }`):
    /// it wraps from December to January (or back), and the year must be carried by hand.
    /// Holds how far the month was moved before it wrapped, and which way it wraps where
    /// the code says (`next()`, or `+= 12` on the path where the month fell below 1).
    WrappedMonth {
        moved: Box<Shift>,
        forward: Option<bool>,
    },
    /// Bounded by `min` or `clamp`: someone thought about the upper limit.
    Clamped,
    /// A date whose day is pinned to one that exists in every month (`d.with_day(1)?`).
    PinnedDate,
    /// A time (naive, or a date at a time) whose hour is known: `d.and_hms_opt(8, 0, 0)`,
    /// `NaiveTime::from_hms_opt(8, 30, 0)`, `d.and_time(t)` of such a `t`.
    TimeOfDay(i64),
    /// Another name for a date (`let n = dt.naive_local();`): its components are those of
    /// the date named by the text.
    SameDate(String),
    /// Computed from date components (`(m + n - 1) / 12`, a carry): not an amount to shift by.
    Derived,
    /// An unknown multiple of a constant: `400 * cycles`.
    Multiple(i64),
    /// A number read from outside the program: parsed text, decoded bytes, a database row,
    /// and what is computed from it (`(raw >> 5) & 0x0f`). Its interval says what it can be.
    Input,
    /// A span of time built from an amount: `Duration::days(n)`, `Duration::from_secs(s)`.
    Span(Box<TimeSpan>),
    /// The current time read from a wall clock (`Utc::now()`, `SystemTime::now()`, or a
    /// function that returns one), which can step backwards between two readings.
    Now(Clock),
    /// A time zone whose offset changes (`Local`, a `chrono_tz::Tz`), by its declared type.
    Zone(Clock),
    /// A date and time in such a zone, by its declared type (`DateTime<Local>`, `Zoned`).
    InZone(Clock),
    /// A date without a time of day in a zone: chrono's deprecated `Date<Tz>`, from
    /// `Local::today()` or its declared type. Days added to it are calendar days; a time of
    /// day given to it may fall in the hour a change of the clocks skips.
    DateIn(Clock),
    /// An instant of a monotonic clock (`Instant::now()`, a value declared `Instant`, one
    /// moved by a span): it has no calendar and never goes backwards.
    Monotonic,
    /// The `Duration` since 1970 of a time (`t.duration_since(UNIX_EPOCH)`).
    SinceEpoch,
    /// A count of `1 / per` seconds since 1970 (`timestamp()` is 1, `timestamp_millis()`
    /// 1000): a Unix timestamp.
    Epoch(i64),
    Unknown,
}

/// The wall clock a reading of the current time comes from, by the zone it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Clock {
    Utc,
    /// The system's time zone, whose offset changes with daylight saving time.
    Local,
    /// An instant with no zone: `SystemTime`, jiff's `Timestamp`.
    System,
    /// Another time zone (`with_timezone(&tz)`).
    Zone,
}

impl Clock {
    /// The clock read by `Type::function()`, if it reads one.
    fn read_by(ty: &str, function: &str) -> Option<Clock> {
        Some(match (ty, function) {
            ("Utc", "now") | ("OffsetDateTime" | "UtcDateTime", "now_utc") => Clock::Utc,
            ("Local", "now") | ("OffsetDateTime", "now_local") | ("Zoned", "now") => Clock::Local,
            ("SystemTime" | "Timestamp", "now") => Clock::System,
            _ => return None,
        })
    }
}

/// A span of time as the model knows it: its unit and the amount of units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TimeSpan {
    /// Seconds per unit, as a fraction `seconds / per` (a millisecond is 1 / 1000).
    pub(crate) seconds: i64,
    pub(crate) per: i64,
    pub(crate) amount: Interval,
    /// The amount was read from outside the program.
    pub(crate) input: bool,
    /// The amount is a floating-point number (`from_secs_f64`), which may be negative,
    /// infinite or NaN.
    pub(crate) float: bool,
    /// Where the amount is written.
    pub(crate) at: Range<usize>,
    /// The amount is an unknown multiple of this (`365 * years`).
    pub(crate) multiple: Option<i64>,
}

/// The duration constructors of chrono's `TimeDelta` (`Duration`), std's `Duration` and
/// time's `Duration`: seconds per unit (as `seconds / per`), and whether it takes a float.
const SPAN_UNITS: [(&str, (i64, i64, bool)); 26] = [
    ("weeks", (604_800, 1, false)),
    ("try_weeks", (604_800, 1, false)),
    ("from_weeks", (604_800, 1, false)),
    ("days", (86_400, 1, false)),
    ("try_days", (86_400, 1, false)),
    ("from_days", (86_400, 1, false)),
    ("hours", (3_600, 1, false)),
    ("try_hours", (3_600, 1, false)),
    ("from_hours", (3_600, 1, false)),
    ("minutes", (60, 1, false)),
    ("try_minutes", (60, 1, false)),
    ("from_mins", (60, 1, false)),
    ("seconds", (1, 1, false)),
    ("try_seconds", (1, 1, false)),
    ("from_secs", (1, 1, false)),
    ("milliseconds", (1, 1_000, false)),
    ("try_milliseconds", (1, 1_000, false)),
    ("from_millis", (1, 1_000, false)),
    ("microseconds", (1, 1_000_000, false)),
    ("from_micros", (1, 1_000_000, false)),
    ("nanoseconds", (1, 1_000_000_000, false)),
    ("from_nanos", (1, 1_000_000_000, false)),
    ("from_secs_f64", (1, 1, true)),
    ("from_secs_f32", (1, 1, true)),
    ("seconds_f64", (1, 1, true)),
    ("seconds_f32", (1, 1, true)),
];

/// The methods that make an exact span of a number (`24.hours()`), jiff's `ToSpan` and
/// time's `NumericalDuration`, with their units as in `SPAN_UNITS`. Days and weeks are left
/// out: on a jiff `Zoned` they are calendar days, not 24 hours.
const EXACT_UNIT_METHODS: [(&str, (i64, i64)); 12] = [
    ("hours", (3_600, 1)),
    ("hour", (3_600, 1)),
    ("minutes", (60, 1)),
    ("minute", (60, 1)),
    ("seconds", (1, 1)),
    ("second", (1, 1)),
    ("milliseconds", (1, 1_000)),
    ("millisecond", (1, 1_000)),
    ("microseconds", (1, 1_000_000)),
    ("microsecond", (1, 1_000_000)),
    ("nanoseconds", (1, 1_000_000_000)),
    ("nanosecond", (1, 1_000_000_000)),
];

/// A span made by a method of a number, as the prefilter reads it.
pub(crate) const EXACT_SPAN_METHOD: Need = Need::Method(&names(EXACT_UNIT_METHODS));

fn exact_unit_method(name: &str) -> Option<(i64, i64)> {
    lookup(&EXACT_UNIT_METHODS, name)
}

/// A span constructor called, as the prefilter reads it.
pub(crate) const SPAN_CONSTRUCTOR: Need = Need::Word(&names(SPAN_UNITS));

/// A span constructor called with more than literals: the only span that can hold an amount
/// read from input (`Duration::from_secs(n)`; `eval_call` makes `TimeSpan::input` of nothing
/// else).
pub(crate) const SPAN_OF_NON_LITERAL: Need = Need::CallOfNonLiteral(&names(SPAN_UNITS));

/// A type of span: `Duration` in a name (chrono's, std's, time's, `SignedDuration`),
/// chrono's `TimeDelta` and `Days`, jiff's `Span`.
pub(crate) const SPAN_TYPE: Need = Need::AnyOf(&[
    Need::WordWith(&["Duration"]),
    Need::Word(&["TimeDelta", "Days", "Span"]),
]);

pub(crate) fn span_unit(name: &str) -> Option<(i64, i64, bool)> {
    lookup(&SPAN_UNITS, name)
}

/// Calls whose result is read from outside the program: parsing text and decoding bytes
/// or rows.
const READERS: [&str; 34] = [
    "parse",
    "from_str",
    "from_str_radix",
    "from_be_bytes",
    "from_le_bytes",
    "from_ne_bytes",
    "decode",
    "try_decode",
    "try_get",
    "read_u8",
    "read_u16",
    "read_u32",
    "read_u64",
    "read_i8",
    "read_i16",
    "read_i32",
    "read_i64",
    "read_f32",
    "read_f64",
    "get_u8",
    "get_u16",
    "get_u32",
    "get_u64",
    "get_i8",
    "get_i16",
    "get_i32",
    "get_i64",
    "get_u16_le",
    "get_u32_le",
    "get_u64_le",
    "get_i16_le",
    "get_i32_le",
    "get_i64_le",
    "get_f64",
];

/// A call that reads input, as the prefilter reads it.
pub(crate) const READS_INPUT: Need = Need::Word(&READERS);

pub(crate) fn reads_input(name: &str) -> bool {
    READERS.contains(&name)
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

    /// The component this holds, unshifted, if it was taken from a date.
    pub(crate) fn part_of(&self, wanted: Part) -> Option<&Origin> {
        match self {
            Value::Part {
                part,
                origin,
                shift,
            } if *part == wanted && shift.is_zero() => Some(origin),
            _ => None,
        }
    }

    /// What a name or an expression holds where two paths meet, one with `self` and one with
    /// `other`. A month on one path and the same month moved by 12 on the other is a month
    /// wrapped by hand (`if m < 1 { m += 12 }`, `if m > 12 { m - 12 } else { m }`): the year
    /// must be carried with it.
    pub(crate) fn join(self, other: Value) -> Value {
        if self == other {
            return self;
        }
        match (&self, &other) {
            (
                Value::Part {
                    part: Part::Month,
                    origin,
                    shift,
                },
                Value::Part {
                    part: Part::Month,
                    origin: other_origin,
                    shift: other_shift,
                },
            ) if origin == other_origin
                && (shift.by - other_shift.by).abs() == 12
                && (shift.step, shift.sign) == (other_shift.step, other_shift.sign)
                && shift.var.as_ref().map(|(at, _)| at)
                    == other_shift.var.as_ref().map(|(at, _)| at) =>
            {
                // The move is the smaller of the two; the other is it wrapped, forward if
                // 12 was taken away.
                let (moved, wrapped) = if shift.by.abs() <= other_shift.by.abs() {
                    (shift, other_shift)
                } else {
                    (other_shift, shift)
                };
                Value::WrappedMonth {
                    moved: Box::new(moved.clone()),
                    forward: Some(wrapped.by < moved.by),
                }
            }
            // Joining again (a branch's block, then the branch) keeps the wrap.
            (wrapped @ Value::WrappedMonth { .. }, month)
            | (month, wrapped @ Value::WrappedMonth { .. })
                if month.shifted(Part::Month).is_some() =>
            {
                wrapped.clone()
            }
            _ => Value::Unknown,
        }
    }

    /// The shift applied to a component taken from a date, if it is one.
    pub(crate) fn shifted(&self, wanted: Part) -> Option<(&Origin, &Shift)> {
        match self {
            Value::Part {
                part,
                origin,
                shift,
            } if *part == wanted => Some((origin, shift)),
            _ => None,
        }
    }

    /// Returns true if this may be used as an amount to shift a component by: a number that
    /// is not itself read from a date.
    fn is_amount(&self) -> bool {
        matches!(
            self,
            Value::Const(_) | Value::Range(..) | Value::Unknown | Value::Multiple(_) | Value::Input
        )
    }

    /// This value moved by `delta`, the value of the expression at `span`.
    fn add(self, delta: (&Value, Interval), span: impl FnOnce() -> Range<usize>) -> Value {
        self.add_signed(delta, span, false)
    }

    /// [`Value::add`] of an amount that is subtracted (`delta` is already negated).
    fn add_signed(
        self,
        delta: (&Value, Interval),
        span: impl FnOnce() -> Range<usize>,
        negated: bool,
    ) -> Value {
        let (amount, delta) = delta;
        let step = match amount {
            Value::Multiple(k) => *k,
            _ => 1,
        };
        match (self, delta.as_const()) {
            (Value::Const(n), Some(d)) => n.checked_add(d).map_or(Value::Unknown, Value::Const),
            (
                Value::Part {
                    part,
                    origin,
                    mut shift,
                },
                known,
            ) => {
                match (known, &mut shift.var) {
                    (Some(d), _) => match shift.by.checked_add(d) {
                        Some(by) => shift.by = by,
                        None => return Value::Unknown,
                    },
                    (None, Some((_, range))) => {
                        *range = range.add(delta);
                        shift.step = 1;
                    }
                    (None, None) => (shift.var, shift.step) = (Some((span(), delta)), step),
                }
                // Subtracting a constant (`d.month() + n - 12`) leaves the sign of the
                // unknown amount as it was.
                if known.is_none() && negated {
                    shift.sign = -1;
                }
                Value::Part {
                    part,
                    origin,
                    shift,
                }
            }
            (wrapped @ Value::WrappedMonth { .. }, _) => wrapped,
            (Value::Derived, _) => Value::Derived,
            _ => Value::Unknown,
        }
    }

    /// Returns true if this was read from a date or computed from something that was.
    fn is_date_derived(&self) -> bool {
        matches!(
            self,
            Value::Part { .. } | Value::WrappedMonth { .. } | Value::Derived
        )
    }
}

/// A local binding: what it holds, and the loop whose current iteration that is true in.
struct Binding {
    name: String,
    value: Value,
    range: Interval,
    /// The values of its declared type, which no assignment or loop can leave.
    bounds: Interval,
    /// What it was bound to: where a counter that only grows (or only shrinks) starts.
    start: Interval,
    mutable: bool,
    /// The innermost loop (or closure) when the value was bound or last assigned: a mutable
    /// binding read in another loop may hold whatever an earlier iteration left in it.
    epoch: u32,
}

/// A fact a condition established: the expression with this text lies in `range`.
struct Fact {
    key: String,
    range: Interval,
    /// A value ruled out inside the range (`!= 2`), which an interval cannot hold.
    except: Option<i64>,
    epoch: u32,
}

/// What a function body does not see of the code around it, kept for when it ends.
pub(crate) struct Outer {
    scopes: Vec<Scope>,
    loops: Vec<u32>,
    facts: usize,
    writes: HashMap<String, Writes>,
}

impl Fact {
    /// Makes facts of `(key, range, except)` triples established in the loop `epoch`.
    fn at(epoch: u32) -> impl Fn((String, Interval, Option<i64>)) -> Fact {
        move |(key, range, except)| Fact {
            key,
            range,
            except,
            epoch,
        }
    }
}

#[derive(Default)]
struct Scope {
    bindings: Vec<Binding>,
    facts: Vec<Fact>,
    /// Bindings of outer scopes assigned in this one, with what they held before: when the
    /// scope ends, the value is either (a branch may not have run).
    assigned: Vec<(String, Value, Interval)>,
}

/// The value model of one function body while the checker walks it: the bindings in scope,
/// the facts that conditions, early exits and assertions established on this path, the
/// loops around the walk, and the integer constants of the file.
#[derive(Default)]
pub(crate) struct Env {
    scopes: Vec<Scope>,
    /// The constants of the file: integers and spans of time.
    consts: HashMap<String, Value>,
    /// What the file's functions return and take.
    summaries: Summaries,
    /// Facts that hold only inside the branch of an `if` or `match` expression being
    /// evaluated (`if m == 12 { 1 } else { m + 1 }`).
    overlay: std::cell::RefCell<Vec<Fact>>,
    /// The loops and closures around the walk, innermost last, by epoch.
    loops: Vec<u32>,
    /// How the function being walked writes to each name.
    writes: HashMap<String, Writes>,
    epochs: u32,
    facts: usize,
    /// The type of the `impl` being walked: what `Self::NAME` names.
    self_ty: Option<String>,
}

/// How a function writes to a name, over all of its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Writes {
    /// Only sets it to constants in this interval.
    Set(Interval),
    /// Only adds constants of zero or more (`+= 1`), or sets it to constants in the interval.
    Up(Option<Interval>),
    /// Only subtracts constants of zero or more, or sets it to constants in the interval.
    Down(Option<Interval>),
    /// Any other way: a computed value, `&mut name`, both directions, or inside a macro.
    Any,
}

impl Writes {
    fn then(self, other: Writes) -> Writes {
        let join = |a: Option<Interval>, b: Interval| Some(a.map_or(b, |a| a.join(b)));
        let both = |a: Option<Interval>, b: Option<Interval>| b.map_or(a, |b| join(a, b));
        match (self, other) {
            (Writes::Set(a), Writes::Set(b)) => Writes::Set(a.join(b)),
            (Writes::Set(a), Writes::Up(r)) | (Writes::Up(r), Writes::Set(a)) => {
                Writes::Up(join(r, a))
            }
            (Writes::Set(a), Writes::Down(r)) | (Writes::Down(r), Writes::Set(a)) => {
                Writes::Down(join(r, a))
            }
            (Writes::Up(a), Writes::Up(b)) => Writes::Up(both(a, b)),
            (Writes::Down(a), Writes::Down(b)) => Writes::Down(both(a, b)),
            _ => Writes::Any,
        }
    }
}

/// One walk over a function body: how it writes to each name, before the body is walked.
#[derive(Default)]
struct WriteScan(HashMap<String, Writes>);

impl WriteScan {
    fn write(&mut self, target: &Expr, writes: Writes) {
        if let Expr::Path(path) = peel(target)
            && let Some(name) = path.path.get_ident()
        {
            let name = name.to_string();
            let merged = self.0.get(&name).map_or(writes, |old| old.then(writes));
            self.0.insert(name, merged);
        }
    }
}

/// `x += ..`, `x *= ..` and the other operators that assign to their left side.
pub(crate) fn is_compound_assignment(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

/// The value of an integer literal, possibly negated or in parentheses.
pub(crate) fn literal_value(expr: &Expr) -> Option<i64> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => int.base10_parse().ok(),
        Expr::Unary(e) if matches!(e.op, UnOp::Neg(_)) => literal_value(&e.expr)?.checked_neg(),
        Expr::Paren(e) => literal_value(&e.expr),
        _ => None,
    }
}

impl<'ast> syn::visit::Visit<'ast> for WriteScan {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        let step = |e: &syn::ExprBinary| literal_value(&e.right).filter(|n| *n >= 0);
        match expr {
            Expr::Assign(e) => {
                let writes = literal_value(&e.right)
                    .map_or(Writes::Any, |n| Writes::Set(Interval::exact(n)));
                self.write(&e.left, writes);
            }
            Expr::Binary(e) if matches!(e.op, BinOp::AddAssign(_)) && step(e).is_some() => {
                self.write(&e.left, Writes::Up(None));
            }
            Expr::Binary(e) if matches!(e.op, BinOp::SubAssign(_)) && step(e).is_some() => {
                self.write(&e.left, Writes::Down(None));
            }
            Expr::Binary(e) if is_compound_assignment(e.op) => self.write(&e.left, Writes::Any),
            Expr::Reference(e) if e.mutability.is_some() => self.write(&e.expr, Writes::Any),
            _ => {}
        }
        syn::visit::visit_expr(self, expr);
    }

    /// A name followed by `=` or a compound assignment in a macro's tokens is written in any
    /// way (comparisons such as `==` and `<=` are taken as writes too, which only loses
    /// precision).
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let tokens: Vec<TokenTree> = mac.tokens.clone().into_iter().collect();
        for (i, token) in tokens.iter().enumerate() {
            let punct = |at: usize| match tokens.get(at) {
                Some(TokenTree::Punct(p)) => Some(p.as_char()),
                _ => None,
            };
            if let TokenTree::Ident(name) = token
                && (punct(i + 1) == Some('=')
                    || punct(i + 2) == Some('=') && punct(i + 1).is_some())
            {
                self.0.insert(name.to_string(), Writes::Any);
            }
        }
    }
}

/// How many facts one function body keeps at once (see `Env::add_facts`).
const MAX_FACTS: usize = 256;

/// How deep an expression is evaluated: deeper parts are unknown, so evaluation stays linear.
const MAX_DEPTH: usize = 48;

impl Env {
    pub(crate) fn with_consts(consts: HashMap<String, Value>) -> Env {
        Env {
            scopes: vec![Scope::default()],
            consts,
            ..Env::default()
        }
    }

    /// Lets calls of the file's functions evaluate to what their summaries say.
    pub(crate) fn with_summaries(mut self, summaries: Summaries) -> Env {
        self.summaries = summaries;
        self
    }

    /// Sets the type `Self` stands for (the `impl` being walked); returns the one before.
    pub(crate) fn set_self_ty(&mut self, ty: Option<String>) -> Option<String> {
        std::mem::replace(&mut self.self_ty, ty)
    }

    /// The file's function summaries.
    pub(crate) fn summaries(&self) -> &Summaries {
        &self.summaries
    }

    pub(crate) fn push(&mut self) {
        self.scopes.push(Scope::default());
    }

    /// Ends a branch beside which another runs (an `if`'s `then`, before its `else`): the
    /// names it assigned get back what they held before it, for the other branch, and what
    /// they hold at its end is returned, to be joined in after both (`join_exits`).
    pub(crate) fn pop_branch(&mut self) -> Vec<(String, Value, Interval)> {
        let Some(scope) = self.scopes.pop() else {
            return Vec::new();
        };
        self.facts -= scope.facts.len();
        let mut exits = Vec::new();
        for (name, before, range_before) in scope.assigned {
            let Some(binding) = self.binding_mut(&name) else {
                continue;
            };
            let value = std::mem::replace(&mut binding.value, before.clone());
            let range = std::mem::replace(&mut binding.range, range_before);
            exits.push((name.clone(), value, range));
            self.propagate_assigned(name, before, range_before);
        }
        exits
    }

    /// Joins what a branch ended with (`pop_branch`) into what the names hold now.
    pub(crate) fn join_exits(&mut self, exits: Vec<(String, Value, Interval)>) {
        for (name, value, range) in exits {
            if let Some(binding) = self.binding_mut(&name) {
                let now = std::mem::replace(&mut binding.value, Value::Unknown);
                binding.value = now.join(value);
                binding.range = binding.range.join(range);
            }
        }
    }

    /// The outer scope, if it is a branch too, must join in turn what an inner one assigned.
    fn propagate_assigned(&mut self, name: String, before: Value, range_before: Interval) {
        if let Some(outer) = self.scopes.last_mut()
            && !outer.bindings.iter().any(|b| b.name == name)
            && !outer.assigned.iter().any(|(n, ..)| *n == name)
        {
            outer.assigned.push((name, before, range_before));
        }
    }

    pub(crate) fn pop(&mut self) {
        let Some(scope) = self.scopes.pop() else {
            return;
        };
        self.facts -= scope.facts.len();
        for (name, before, range_before) in scope.assigned {
            let Some(binding) = self.binding_mut(&name) else {
                continue;
            };
            let after = std::mem::replace(&mut binding.value, Value::Unknown);
            binding.value = before.clone().join(after);
            binding.range = binding.range.join(range_before);
            self.propagate_assigned(name, before, range_before);
        }
    }

    fn binding_mut(&mut self, name: &str) -> Option<&mut Binding> {
        self.scopes
            .iter_mut()
            .rev()
            .flat_map(|scope| scope.bindings.iter_mut().rev())
            .find(|binding| binding.name == name)
    }

    /// Starts a function body: outer locals, facts and loops are not visible inside it.
    pub(crate) fn enter_fn(&mut self, body: &syn::Block) -> Outer {
        let mut writes = WriteScan::default();
        syn::visit::Visit::visit_block(&mut writes, body);
        Outer {
            scopes: std::mem::replace(&mut self.scopes, vec![Scope::default()]),
            loops: std::mem::take(&mut self.loops),
            facts: std::mem::take(&mut self.facts),
            writes: std::mem::replace(&mut self.writes, writes.0),
        }
    }

    pub(crate) fn leave_fn(&mut self, outer: Outer) {
        (self.scopes, self.loops, self.facts, self.writes) =
            (outer.scopes, outer.loops, outer.facts, outer.writes);
    }

    /// Enters the body of a loop or closure, which may run any number of times.
    pub(crate) fn enter_loop(&mut self) {
        self.epochs += 1;
        self.loops.push(self.epochs);
    }

    pub(crate) fn leave_loop(&mut self) {
        self.loops.pop();
    }

    fn epoch(&self) -> u32 {
        self.loops.last().copied().unwrap_or(0)
    }

    pub(crate) fn bind(&mut self, name: String, (value, range): (Value, Interval), mutable: bool) {
        // A new binding of a name shadows the old one, and what was known of it.
        self.forget(&name);
        let epoch = self.epoch();
        if let Some(scope) = self.scopes.last_mut() {
            scope.bindings.push(Binding {
                name,
                value,
                range,
                bounds: Interval::ANY,
                start: range,
                mutable,
                epoch,
            });
        }
    }

    /// Replaces the value of the innermost binding of `name` (an assignment); the facts about
    /// it no longer hold.
    pub(crate) fn assign(&mut self, name: &str, (value, range): (Value, Interval)) {
        let epoch = self.epoch();
        let local = self
            .scopes
            .last()
            .is_some_and(|scope| scope.bindings.iter().any(|b| b.name == name));
        let Some(binding) = self.binding_mut(name) else {
            return;
        };
        let before = (binding.value.clone(), binding.range);
        let range = range.meet(binding.bounds).unwrap_or(binding.bounds);
        (binding.value, binding.range, binding.epoch) = (value, range, epoch);
        if !local
            && let Some(scope) = self.scopes.last_mut()
            && !scope.assigned.iter().any(|(n, ..)| n == name)
        {
            scope.assigned.push((name.to_string(), before.0, before.1));
        }
        self.forget(name);
    }

    /// Drops the facts about `name` and what is read through it (`name.month`).
    fn forget(&mut self, name: &str) {
        if self.facts > 0 {
            for scope in &mut self.scopes {
                let before = scope.facts.len();
                scope.facts.retain(|fact| root(&fact.key) != name);
                self.facts -= before - scope.facts.len();
            }
        }
    }

    /// Narrows the innermost binding of `name` to `bounds`: the values of its declared type.
    pub(crate) fn narrow(&mut self, name: &str, bounds: Interval) {
        if let Some(binding) = self.binding_mut(name) {
            binding.range = binding.range.meet(bounds).unwrap_or(bounds);
            binding.start = binding.start.meet(bounds).unwrap_or(bounds);
            binding.bounds = bounds;
        }
    }

    fn binding(&self, name: &str) -> Option<&Binding> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.bindings.iter().rev())
            .find(|binding| binding.name == name)
    }

    /// Returns true if `binding` may hold another value than its last one here: it is mutable
    /// and the walk is in another iteration of a loop than where it was set.
    fn stale(&self, binding: &Binding) -> bool {
        binding.mutable && binding.epoch != self.epoch()
    }

    fn lookup(&self, name: &str) -> (Value, Interval) {
        match self.binding(name) {
            Some(binding) if self.stale(binding) => (Value::Unknown, self.widened(binding)),
            Some(binding) => (binding.value.clone(), binding.range),
            None => self.constant(name),
        }
    }

    /// What a mutable binding may hold in any iteration of a loop: its type's values, or,
    /// for a counter the function only moves one way (`day += 1`, `day = 1`), the values from
    /// where it starts (or was reset) to its type's bound.
    fn widened(&self, binding: &Binding) -> Interval {
        let (bounds, start) = (binding.bounds, binding.start);
        let from = |reset: Option<Interval>| reset.map_or(start, |r| start.join(r));
        match self.writes.get(&binding.name) {
            Some(Writes::Set(reset)) => start.join(*reset),
            Some(Writes::Up(reset)) => Interval::new(from(*reset).lo, bounds.hi),
            Some(Writes::Down(reset)) => Interval::new(bounds.lo, from(*reset).hi),
            _ => bounds,
        }
    }

    fn constant(&self, name: &str) -> (Value, Interval) {
        match self.consts.get(name) {
            Some(&Value::Const(n)) => (Value::Const(n), Interval::exact(n)),
            Some(value) => (value.clone(), Interval::ANY),
            None => (Value::Unknown, Interval::ANY),
        }
    }

    /// The date an expression is about, through conversions, setters of other components and
    /// local names for the same date: `n` after `let n = dt.naive_local();` is `dt`.
    pub(crate) fn date_identity(&self, expr: &Expr) -> String {
        let root = date_root(expr);
        match self.binding(&root) {
            Some(Binding {
                value: Value::SameDate(target),
                ..
            }) => target.clone(),
            _ => root,
        }
    }

    /// Evaluates `expr`: what it holds, with a number of unknown origin and known interval as
    /// a `Range` (or a `Const`).
    pub(crate) fn eval(&self, expr: &Expr) -> Value {
        let (value, range) = self.eval_full(expr, MAX_DEPTH);
        match value {
            Value::Unknown | Value::Derived | Value::Range(..) | Value::Multiple(_) => {
                match range.as_const() {
                    Some(n) => Value::Const(n),
                    None if range.is_bounded() => Value::Range(range.lo, range.hi),
                    None => Value::Unknown,
                }
            }
            value => value,
        }
    }

    /// The interval `expr` lies in on this path.
    pub(crate) fn range(&self, expr: &Expr) -> Interval {
        self.eval_full(expr, MAX_DEPTH).1
    }

    /// What a binding initialised with `expr` holds: its value, as the model keeps it, and
    /// its interval.
    pub(crate) fn binding_of(&self, expr: &Expr) -> (Value, Interval) {
        self.eval_full(expr, MAX_DEPTH)
    }

    fn eval_full(&self, expr: &Expr, depth: usize) -> (Value, Interval) {
        const UNKNOWN: (Value, Interval) = (Value::Unknown, Interval::ANY);
        let Some(depth) = depth.checked_sub(1) else {
            return UNKNOWN;
        };
        let (value, range) = match expr {
            Expr::Lit(lit) => match &lit.lit {
                Lit::Int(int) => int
                    .base10_parse::<i64>()
                    .map_or(UNKNOWN, |n| (Value::Const(n), Interval::exact(n))),
                _ => UNKNOWN,
            },
            Expr::Paren(e) => self.eval_full(&e.expr, depth),
            Expr::Group(e) => self.eval_full(&e.expr, depth),
            Expr::Reference(e) => self.eval_full(&e.expr, depth),
            Expr::Unary(e) if matches!(e.op, UnOp::Deref(_)) => self.eval_full(&e.expr, depth),
            Expr::Try(e) => self.eval_full(&e.expr, depth),
            Expr::Cast(e) => {
                let (value, range) = self.eval_full(&e.expr, depth);
                let cast = range.cast(&type_name(&e.ty));
                match value {
                    Value::Const(_) if cast != range => (Value::Unknown, cast),
                    value => (value, cast),
                }
            }
            Expr::Unary(e) if matches!(e.op, UnOp::Neg(_)) => {
                let (value, range) = self.eval_full(&e.expr, depth);
                let value = match value {
                    Value::Const(n) => n.checked_neg().map_or(Value::Unknown, Value::Const),
                    // Negated, input is still input: `-n` is as large as `n`.
                    Value::Input => Value::Input,
                    v if v.is_date_derived() => Value::Derived,
                    _ => Value::Unknown,
                };
                (value, range.neg())
            }
            Expr::Binary(e) => self.eval_binary(e, depth),
            Expr::Path(path) => self.eval_path(&path.path),
            Expr::Field(field) => match &field.member {
                syn::Member::Named(name) => match Part::from_method(&name.to_string()) {
                    Some(part) => (
                        Value::Part {
                            part,
                            origin: Origin::Field(normalized(&field.base)),
                            shift: Shift::by(0),
                        },
                        Interval::ANY,
                    ),
                    None => UNKNOWN,
                },
                syn::Member::Unnamed(_) => UNKNOWN,
            },
            Expr::MethodCall(call) => self.eval_method(call, depth),
            Expr::Call(call) => self.eval_call(call, depth),
            Expr::Block(block) => self.eval_tail(&block.block, depth),
            Expr::If(_) | Expr::Match(_) => self
                .eval_branches(expr, depth, &|e, depth| self.eval_full(e, depth))
                .unwrap_or(UNKNOWN),
            _ => UNKNOWN,
        };
        let range = match self.refinement(expr) {
            Some(fact) => range.meet(fact).unwrap_or(range),
            None => range,
        };
        // A name for a date's component is refined by what is known of the component.
        let range = match (expr, getter_key(&value)) {
            (Expr::Path(_), Some(key)) if self.facts > 0 => {
                match self
                    .live_facts(&key)
                    .try_fold(range, |r, fact| r.meet(fact.range))
                {
                    Some(refined) => refined,
                    None => range,
                }
            }
            _ => range,
        };
        match (value, range.as_const()) {
            (Value::Unknown | Value::Range(..) | Value::Multiple(_), Some(n)) => {
                (Value::Const(n), range)
            }
            (value, _) => (value, range),
        }
    }

    /// An `if` or `match` expression evaluated branch by branch under its condition or
    /// pattern, with `leaf` for each branch's value, joined; `None` for another expression
    /// or an `if` without `else`.
    fn eval_branches(
        &self,
        expr: &Expr,
        depth: usize,
        leaf: &dyn Fn(&Expr, usize) -> (Value, Interval),
    ) -> Option<(Value, Interval)> {
        let tail = |block: &syn::Block, depth| match block.stmts.last() {
            Some(syn::Stmt::Expr(tail, None)) => leaf(tail, depth),
            _ => (Value::Unknown, Interval::ANY),
        };
        match expr {
            Expr::If(e) => match &e.else_branch {
                Some((_, other)) => {
                    let facts = |truth| {
                        let mut out = Vec::new();
                        self.facts_of(&e.cond, (truth, false), 16, &mut out);
                        out
                    };
                    // A branch with no value (`None`, an error, an exit) adds none to the join.
                    let then_tail = match e.then_branch.stmts.last() {
                        Some(syn::Stmt::Expr(tail, None)) => Some(tail),
                        _ => None,
                    };
                    match (then_tail.is_some_and(has_no_value), has_no_value(other)) {
                        (true, true) => return None,
                        (true, false) => {
                            return Some(self.under(facts(false), || leaf(other, depth)));
                        }
                        (false, true) => {
                            return Some(self.under(facts(true), || tail(&e.then_branch, depth)));
                        }
                        (false, false) => {}
                    }
                    let (a, r) = self.under(facts(true), || tail(&e.then_branch, depth));
                    let (b, s) = self.under(facts(false), || leaf(other, depth));
                    let a = self.under(facts(true), || self.as_moved_month(a, &b));
                    let b = self.under(facts(false), || self.as_moved_month(b, &a));
                    Some((a.join(b), r.join(s)))
                }
                None => None,
            },
            Expr::Match(m) => {
                let mut taken: Vec<&syn::Pat> = Vec::new();
                let mut arms = Vec::new();
                for arm in &m.arms {
                    let (pat, guarded) = match &arm.pat {
                        syn::Pat::Guard(g) => (&*g.pat, true),
                        pat => (pat, false),
                    };
                    if has_no_value(&arm.body) {
                        if !guarded {
                            taken.push(pat);
                        }
                        continue;
                    }
                    let mut facts = self.arm_facts(&m.expr, pat, &taken);
                    // `m => m - 1` names what the scrutinee holds in this arm.
                    if let syn::Pat::Ident(name) = pat {
                        let range = self.under(facts.clone(), || self.range(&m.expr));
                        facts.push((name.ident.to_string(), range, None));
                    }
                    let (b, s) = self.under(facts.clone(), || leaf(&arm.body, depth));
                    arms.push((facts, b, s));
                    if !guarded {
                        taken.push(pat);
                    }
                }
                // A month moved on one arm is what a constant month on another is compared with.
                let moved = arms
                    .iter()
                    .find(|(_, value, _)| value.shifted(Part::Month).is_some())
                    .map(|(_, value, _)| value.clone());
                arms.into_iter()
                    .map(|(facts, value, range)| match &moved {
                        Some(moved) => (
                            self.under(facts, || self.as_moved_month(value, moved)),
                            range,
                        ),
                        None => (value, range),
                    })
                    .reduce(|(a, r), (b, s)| (a.join(b), r.join(s)))
            }
            _ => None,
        }
    }

    /// The `index`th element of a tuple-valued expression (`if c { (y + 1, 1) } else { (y, m
    /// + 1) }`), evaluated branch by branch.
    pub(crate) fn element_of(&self, expr: &Expr, index: usize) -> (Value, Interval) {
        self.element(expr, index, MAX_DEPTH)
    }

    fn element(&self, expr: &Expr, index: usize, depth: usize) -> (Value, Interval) {
        const UNKNOWN: (Value, Interval) = (Value::Unknown, Interval::ANY);
        let Some(depth) = depth.checked_sub(1) else {
            return UNKNOWN;
        };
        match expr {
            Expr::Tuple(t) => t
                .elems
                .iter()
                .nth(index)
                .map_or(UNKNOWN, |e| self.eval_full(e, depth)),
            Expr::Paren(e) => self.element(&e.expr, index, depth),
            Expr::Block(b) => match b.block.stmts.last() {
                Some(syn::Stmt::Expr(tail, None)) => self.element(tail, index, depth),
                _ => UNKNOWN,
            },
            _ => self
                .eval_branches(expr, depth, &|e, depth| self.element(e, index, depth))
                .unwrap_or(UNKNOWN),
        }
    }

    /// The tail expression of a block, which a block expression evaluates to.
    fn eval_tail(&self, block: &syn::Block, depth: usize) -> (Value, Interval) {
        match block.stmts.last() {
            Some(syn::Stmt::Expr(tail, None)) => self.eval_full(tail, depth),
            _ => (Value::Unknown, Interval::ANY),
        }
    }

    fn eval_binary(&self, e: &syn::ExprBinary, depth: usize) -> (Value, Interval) {
        let (left, lr) = self.eval_full(&e.left, depth);
        let (right, rr) = self.eval_full(&e.right, depth);
        let range = match e.op {
            BinOp::Add(_) => lr.add(rr),
            BinOp::Sub(_) => lr.sub(rr),
            BinOp::Mul(_) => lr.mul(rr),
            BinOp::Div(_) => lr.div(rr),
            BinOp::Rem(_) => lr.rem(rr),
            BinOp::BitAnd(_) => lr.and(rr),
            BinOp::Shr(_) => lr.shr(rr),
            BinOp::Shl(_) => lr.shl(rr),
            _ => Interval::ANY,
        };
        let value = match (e.op, left, right) {
            (BinOp::Add(_), part @ Value::Part { .. }, amount) if amount.is_amount() => {
                part.add((&amount, rr), || span_of(&e.right))
            }
            (BinOp::Add(_), amount, part @ Value::Part { .. }) if amount.is_amount() => {
                part.add((&amount, lr), || span_of(&e.left))
            }
            (BinOp::Sub(_), part @ Value::Part { .. }, amount) if amount.is_amount() => {
                part.add_signed((&amount, rr.neg()), || span_of(&e.right), true)
            }
            (_, Value::Input, right) if !right.is_date_derived() => Value::Input,
            (_, left, Value::Input) if !left.is_date_derived() => Value::Input,
            (BinOp::Mul(_), Value::Const(k), amount) | (BinOp::Mul(_), amount, Value::Const(k))
                if amount.is_amount() && range.as_const().is_none() =>
            {
                Value::Multiple(k)
            }
            // `(m0 + 1) % 12 + 1`: what is added after the wrap moves the month too.
            (
                op @ (BinOp::Add(_) | BinOp::Sub(_)),
                Value::WrappedMonth { mut moved, forward },
                right,
            ) => {
                if let Value::Const(k) = right {
                    let k = if matches!(op, BinOp::Sub(_)) { -k } else { k };
                    moved.by = moved.by.saturating_add(k);
                }
                Value::WrappedMonth { moved, forward }
            }
            // An instant moved by a span; `later - earlier` is a span.
            (BinOp::Add(_) | BinOp::Sub(_), Value::Monotonic, right)
                if right != Value::Monotonic =>
            {
                Value::Monotonic
            }
            (
                BinOp::Rem(_),
                Value::Part {
                    part: Part::Month,
                    shift,
                    ..
                },
                Value::Const(12),
            ) => Value::WrappedMonth {
                moved: Box::new(shift),
                forward: None,
            },
            (_, left, right) if left.is_date_derived() || right.is_date_derived() => Value::Derived,
            _ => Value::Unknown,
        };
        (value, range)
    }

    fn eval_path(&self, path: &syn::Path) -> (Value, Interval) {
        let constant = |n: i64| (Value::Const(n), Interval::exact(n));
        let segments: Vec<_> = path.segments.iter().collect();
        match segments.as_slice() {
            [only] if only.arguments.is_empty() => self.lookup(&only.ident.to_string()),
            [.., ty, variant] if ty.ident == "Month" => MONTH_NAMES
                .iter()
                .position(|name| variant.ident == name)
                .map_or((Value::Unknown, Interval::new(1, 12)), |index| {
                    constant(index as i64 + 1)
                }),
            [ty, bound] if bound.ident == "MAX" || bound.ident == "MIN" => {
                match type_range(&ty.ident.to_string()) {
                    Some(range) if bound.ident == "MAX" => constant(range.hi),
                    Some(range) => constant(range.lo),
                    None => (Value::Unknown, Interval::ANY),
                }
            }
            [ty, name] if ty.ident == "Self" => match &self.self_ty {
                Some(ty) => self.constant(&format!("{ty}::{}", name.ident)),
                None => self.constant(&name.ident.to_string()),
            },
            [ty, name] => self.constant(&format!("{}::{}", ty.ident, name.ident)),
            _ => (Value::Unknown, Interval::ANY),
        }
    }

    fn eval_method(&self, call: &syn::ExprMethodCall, depth: usize) -> (Value, Interval) {
        const UNKNOWN: (Value, Interval) = (Value::Unknown, Interval::ANY);
        let method = call.method.to_string();
        let receiver = || self.eval_full(&call.receiver, depth);
        let arg = |i: usize| {
            call.args
                .iter()
                .nth(i)
                .map_or(UNKNOWN, |a| self.eval_full(a, depth))
        };
        match (method.as_str(), call.args.len()) {
            (
                "into" | "try_into" | "unwrap" | "expect" | "clone" | "to_owned" | "unwrap_or_else"
                | "ok_or" | "ok_or_else" | "ok" | "map_err" | "context" | "with_context",
                _,
            ) => receiver(),
            // chrono's `Month::December.number_from_month()` is 12: the month its receiver
            // names, or one of the twelve.
            ("number_from_month", 0) => match receiver() {
                constant @ (Value::Const(_), _) => constant,
                _ => (Value::Unknown, Interval::new(1, 12)),
            },
            // `s.parse::<u16>()` reads a value of that type.
            (name, _) if reads_input(name) => {
                let ty = call.turbofish.as_ref().and_then(|t| match t.args.first() {
                    Some(syn::GenericArgument::Type(ty)) => type_range(&type_name(ty)),
                    _ => None,
                });
                (Value::Input, ty.unwrap_or(Interval::ANY))
            }
            (name, 3..) if name.starts_with("and_hms") => match arg(0).0 {
                Value::Const(hour) => (Value::TimeOfDay(hour), Interval::ANY),
                _ => UNKNOWN,
            },
            ("and_time", 1) => match arg(0).0 {
                time @ Value::TimeOfDay(_) => (time, Interval::ANY),
                _ => UNKNOWN,
            },
            // `24.hours()`: jiff's `ToSpan` and time's `NumericalDuration` on a literal (a
            // date's `minute()` is its minute).
            (name, 0)
                if let Some((seconds, per)) = exact_unit_method(name)
                    && matches!(peel(&call.receiver), Expr::Lit(_)) =>
            {
                let range = receiver().1;
                let span = TimeSpan {
                    seconds,
                    per,
                    amount: range,
                    input: false,
                    float: false,
                    at: span_of(&call.receiver),
                    multiple: None,
                };
                (Value::Span(Box::new(span)), Interval::ANY)
            }
            ("unwrap_or_default", 0) => {
                let (value, range) = receiver();
                (value, range.join(Interval::exact(0)))
            }
            ("unwrap_or", 1) => {
                let (value, range) = receiver();
                (value, range.join(arg(0).1))
            }
            ("min", 1) => (Value::Clamped, receiver().1.min(arg(0).1)),
            ("max", 1) => (Value::Unknown, receiver().1.max(arg(0).1)),
            ("clamp", 2) => (Value::Clamped, receiver().1.max(arg(0).1).min(arg(1).1)),
            ("rem_euclid", 1) => {
                let ((value, range), (by, by_range)) = (receiver(), arg(0));
                let value = match (value, by) {
                    (
                        Value::Part {
                            part: Part::Month,
                            shift,
                            ..
                        },
                        Value::Const(12),
                    ) => Value::WrappedMonth {
                        moved: Box::new(shift),
                        forward: None,
                    },
                    _ => Value::Unknown,
                };
                (value, range.rem_euclid(by_range))
            }
            // A count of the bits of an integer of at most 128 of them.
            ("count_ones" | "count_zeros" | "leading_zeros" | "trailing_zeros", 0) => {
                (Value::Unknown, Interval::new(0, 128))
            }
            ("len", 0) => (Value::Unknown, Interval::new(0, i64::MAX)),
            ("checked_add" | "saturating_add" | "wrapping_add", 1) => {
                let ((value, range), (amount, by)) = (receiver(), arg(0));
                match amount.is_amount() {
                    true => (
                        value.add((&amount, by), || span_of(&call.args[0])),
                        range.add(by),
                    ),
                    false => (Value::Derived, range.add(by)),
                }
            }
            ("checked_sub" | "saturating_sub" | "wrapping_sub", 1) => {
                let ((value, range), (amount, by)) = (receiver(), arg(0));
                match amount.is_amount() {
                    true => (
                        value.add_signed((&amount, by.neg()), || span_of(&call.args[0]), true),
                        range.sub(by),
                    ),
                    false => (Value::Derived, range.sub(by)),
                }
            }
            ("next" | "previous" | "succ" | "pred", 0)
                if matches!(
                    receiver().0,
                    Value::Part {
                        part: Part::Month,
                        ..
                    }
                ) =>
            {
                let by = if matches!(method.as_str(), "next" | "succ") {
                    1
                } else {
                    -1
                };
                (
                    Value::WrappedMonth {
                        moved: Box::new(Shift::by(by)),
                        forward: Some(by > 0),
                    },
                    Interval::new(1, 12),
                )
            }
            // The same reading of the clock, in another form: a naive one has no zone, so a
            // day of it always has 24 hours.
            ("naive_local" | "naive_utc" | "date_naive" | "fixed_offset" | "to_utc", 0)
                if let (Value::Now(clock), _) = receiver() =>
            {
                let clock = match method.as_str() {
                    "naive_local" | "naive_utc" | "date_naive" => Clock::System,
                    "to_utc" => Clock::Utc,
                    _ => clock,
                };
                (Value::Now(clock), Interval::ANY)
            }
            ("with_timezone" | "to_offset" | "to_timezone", 1)
                if let (Value::Now(_), _) = receiver() =>
            {
                let zone = match peel(&call.args[0]) {
                    Expr::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
                    _ => None,
                };
                let clock = match zone.as_deref() {
                    Some("Utc" | "UTC") => Clock::Utc,
                    Some("Local") => Clock::Local,
                    _ => Clock::Zone,
                };
                (Value::Now(clock), Interval::ANY)
            }
            ("duration_since", 1) if is_epoch(&call.args[0]) => (Value::SinceEpoch, Interval::ANY),
            ("as_secs" | "as_millis" | "as_micros" | "as_nanos", 0)
                if receiver().0 == Value::SinceEpoch =>
            {
                let per = match method.as_str() {
                    "as_secs" => 1,
                    "as_millis" => 1_000,
                    "as_micros" => 1_000_000,
                    _ => 1_000_000_000,
                };
                (Value::Epoch(per), Interval::new(0, i64::MAX))
            }
            (name, 0) if let Some(per) = timestamp_unit(name) => (Value::Epoch(per), Interval::ANY),
            ("day" | "day0", 0) if receiver().0 == Value::PinnedDate => {
                (Value::Clamped, Interval::new(0, 28))
            }
            (_, 0) => {
                let range = accessor_range(&method).unwrap_or(Interval::ANY);
                let part = match method.as_str() {
                    "month0" => Some((Part::Month, -1)),
                    "day0" => Some((Part::Day, -1)),
                    other => Part::from_method(other).map(|part| (part, 0)),
                };
                match part {
                    Some((part, shift)) => (
                        Value::Part {
                            part,
                            origin: Origin::Date(self.date_identity(&call.receiver)),
                            shift: Shift::by(shift),
                        },
                        range,
                    ),
                    None if range == Interval::ANY => {
                        self.summaries.method(&method).unwrap_or(UNKNOWN)
                    }
                    None => (Value::Unknown, range),
                }
            }
            // A method of the file's own, last: a date's getters keep their meaning.
            (name, _) => self.summaries.method(name).unwrap_or(UNKNOWN),
        }
    }

    fn eval_call(&self, call: &syn::ExprCall, depth: usize) -> (Value, Interval) {
        const UNKNOWN: (Value, Interval) = (Value::Unknown, Interval::ANY);
        let Expr::Path(func) = &*call.func else {
            return UNKNOWN;
        };
        let Some(last) = func.path.segments.last() else {
            return UNKNOWN;
        };
        let arg = |i: usize| {
            call.args
                .iter()
                .nth(i)
                .map_or(UNKNOWN, |a| self.eval_full(a, depth))
        };
        // The type a function is called on: `Month` in `Month::try_from(m)`.
        let ty = func.path.segments.iter().rev().nth(1);
        let on = |name: &str| ty.is_some_and(|ty| ty.ident == name);
        match (last.ident.to_string().as_str(), call.args.len()) {
            // An `Option` or `Result` holds what it wraps, for whoever unwraps it.
            ("Some" | "Ok", 1) if func.path.segments.len() == 1 => arg(0),
            // A `Month` converted from a number is one of the twelve, or no value at all.
            ("try_from" | "from_u32" | "from_u64" | "from_i32" | "from_i64", 1) if on("Month") => {
                (arg(0).0, Interval::new(1, 12))
            }
            ("from" | "try_from", 1) => {
                let (value, range) = arg(0);
                match ty.and_then(|ty| type_range(&ty.ident.to_string())) {
                    Some(bounds) => (value, range.meet(bounds).unwrap_or(bounds)),
                    None => (value, range),
                }
            }
            ("min", 2) => (Value::Clamped, arg(0).1.min(arg(1).1)),
            ("max", 2) => (Value::Unknown, arg(0).1.max(arg(1).1)),
            // `NaiveTime::from_hms_opt(8, 0, 0)`, `NaiveDateTime::new(date, time)`.
            (name, 3..) if name.starts_with("from_hms") => match arg(0).0 {
                Value::Const(hour) => (Value::TimeOfDay(hour), Interval::ANY),
                _ => UNKNOWN,
            },
            ("new", 2) if matches!(arg(1).0, Value::TimeOfDay(_)) => (arg(1).0, Interval::ANY),
            ("now", 0) if on("Instant") => (Value::Monotonic, Interval::ANY),
            (name, 0)
                if let Some(ty) = ty
                    && let Some(clock) = Clock::read_by(&ty.ident.to_string(), name) =>
            {
                (Value::Now(clock), Interval::ANY)
            }
            // chrono's deprecated `Utc::today()` and `Local::today()`: a date in the zone.
            ("today", 0) if let Some(ty) = ty => {
                match Clock::read_by(&ty.ident.to_string(), "now") {
                    Some(clock @ (Clock::Utc | Clock::Local)) => {
                        (Value::DateIn(clock), Interval::ANY)
                    }
                    _ => UNKNOWN,
                }
            }
            (name, _)
                if !self.summaries.is_empty()
                    && let Some(result) = {
                        let args: Vec<&Expr> = call.args.iter().collect();
                        self.summaries.call(&func.path, name, &args, self)
                    } =>
            {
                result
            }
            (name, _) if reads_input(name) => {
                let bounds = ty.and_then(|ty| type_range(&ty.ident.to_string()));
                (Value::Input, bounds.unwrap_or(Interval::ANY))
            }
            (name, 1) => {
                let is_duration = ty.is_some_and(|ty| {
                    let ty = ty.ident.to_string();
                    ty.contains("Duration") || ty == "TimeDelta"
                });
                match span_unit(name).filter(|_| is_duration) {
                    Some((seconds, per, float)) => {
                        let (amount, range) = arg(0);
                        let span = TimeSpan {
                            seconds,
                            per,
                            amount: range,
                            input: amount == Value::Input,
                            float,
                            at: span_of(&call.args[0]),
                            multiple: match amount {
                                Value::Multiple(k) => Some(k),
                                _ => None,
                            },
                        };
                        (Value::Span(Box::new(span)), Interval::ANY)
                    }
                    None => UNKNOWN,
                }
            }
            _ => UNKNOWN,
        }
    }

    /// The values a `for` loop over `expr` (or an iterator adapter on it) gives its
    /// variable, if it is a range with bounds the model knows.
    pub(crate) fn eval_range(&self, expr: &Expr) -> (Value, Interval) {
        match expr {
            Expr::Paren(e) => self.eval_range(&e.expr),
            Expr::MethodCall(call)
                if matches!(
                    call.method.to_string().as_str(),
                    "rev" | "step_by" | "into_iter" | "iter" | "skip" | "take"
                ) =>
            {
                self.eval_range(&call.receiver)
            }
            Expr::Range(range) => {
                let bound = |e: &Option<Box<Expr>>| e.as_deref().map(|e| self.range(e));
                let to_month_end = range.end.as_deref().is_some_and(names_a_month_length);
                match (bound(&range.start), bound(&range.end), &range.limits) {
                    (Some(a), _, _) if a == Interval::exact(1) && to_month_end => {
                        (Value::Clamped, Interval::new(1, 31))
                    }
                    (Some(a), Some(b), limits) => {
                        let end = match limits {
                            syn::RangeLimits::Closed(_) => b.hi,
                            syn::RangeLimits::HalfOpen(_) => b.hi.saturating_sub(1),
                        };
                        let range = Interval::new(a.lo, end);
                        let value = match range.as_const() {
                            Some(n) => Value::Const(n),
                            None if a.is_bounded() && b.is_bounded() => Value::Range(a.lo, end),
                            None => Value::Unknown,
                        };
                        (value, range)
                    }
                    _ => (Value::Unknown, Interval::ANY),
                }
            }
            _ => (Value::Unknown, Interval::ANY),
        }
    }

    /// Records what holds where `condition` evaluated to `truth`, for the rest of the
    /// innermost scope: `if d.minute() < 59 {` makes `d.minute()` lie in 0..=58 inside.
    pub(crate) fn assume(&mut self, condition: &Expr, truth: bool) {
        let mut facts = Vec::new();
        self.facts_of(condition, (truth, false), 16, &mut facts);
        // A value ruled out inside a range (`m != 11 && m != 12`) may narrow it once the
        // other facts hold: read the condition again.
        let again = facts.iter().any(|(_, _, except)| except.is_some());
        self.add_facts(facts);
        if again {
            let mut facts = Vec::new();
            self.facts_of(condition, (truth, false), 16, &mut facts);
            self.add_facts(facts);
        }
    }

    fn add_facts(&mut self, mut facts: Vec<(String, Interval, Option<i64>)>) {
        // Each look-up reads the facts in scope: a bound on them keeps a function of
        // thousands of checks linear. Past it, later checks refine nothing (so they can
        // only let findings through, never hide them).
        if self.facts >= MAX_FACTS {
            return;
        }
        // A fact about `m` after `let m = d.month();` is also one about `d.month()`.
        let aliases: Vec<_> = facts
            .iter()
            .filter_map(|(key, range, except)| {
                let binding = self.binding(key).filter(|b| !self.stale(b))?;
                Some((getter_key(&binding.value)?, *range, *except))
            })
            .collect();
        facts.extend(aliases);
        let epoch = self.epoch();
        if let Some(scope) = self.scopes.last_mut() {
            self.facts += facts.len();
            scope.facts.extend(facts.into_iter().map(Fact::at(epoch)));
        }
    }

    /// The facts of `condition == truth`; with `written`, only those against bounds written
    /// as constants (`m <= 12`, not `a.month() == b.month()`).
    fn facts_of(
        &self,
        condition: &Expr,
        (truth, written): (bool, bool),
        depth: usize,
        out: &mut Vec<(String, Interval, Option<i64>)>,
    ) {
        let Some(depth) = depth.checked_sub(1) else {
            return;
        };
        match condition {
            Expr::Paren(e) => self.facts_of(&e.expr, (truth, written), depth, out),
            Expr::Unary(e) if matches!(e.op, UnOp::Not(_)) => {
                self.facts_of(&e.expr, (!truth, written), depth, out)
            }
            Expr::Binary(e) => match (e.op, truth) {
                (BinOp::And(_), true) | (BinOp::Or(_), false) => {
                    self.facts_of(&e.left, (truth, written), depth, out);
                    self.facts_of(&e.right, (truth, written), depth, out);
                }
                (op, truth) => {
                    let constant = |e: &Expr| !written || matches!(self.eval(e), Value::Const(_));
                    let fact = if constant(&e.right) {
                        self.compare(&e.left, op, &e.right, truth)
                    } else {
                        None
                    };
                    let fact = fact.or_else(|| {
                        constant(&e.left)
                            .then(|| self.compare(&e.right, mirror(op), &e.left, truth))
                            .flatten()
                    });
                    out.extend(fact);
                }
            },
            // `(1..=12).contains(&m)`
            Expr::MethodCall(call) if call.method == "contains" && call.args.len() == 1 => {
                let (Some(key), (_, within)) =
                    (fact_key(&call.args[0]), self.eval_range(&call.receiver))
                else {
                    return;
                };
                let constant = |end: &Option<Box<Expr>>| {
                    end.as_deref()
                        .is_some_and(|e| matches!(self.eval(e), Value::Const(_)))
                };
                let written_range = match &*call.receiver {
                    Expr::Paren(p) => match &*p.expr {
                        Expr::Range(r) => constant(&r.start) && constant(&r.end),
                        _ => false,
                    },
                    Expr::Range(r) => constant(&r.start) && constant(&r.end),
                    _ => false,
                };
                if truth && within.is_bounded() && (!written || written_range) {
                    let current = self.range(&call.args[0]);
                    if let Some(range) = current.meet(within) {
                        out.push((key, range, None));
                    }
                }
            }
            _ => {}
        }
    }

    /// The facts `condition == truth` would establish against bounds written as constants,
    /// by the text of what they are about.
    pub(crate) fn facts_if(&self, condition: &Expr, truth: bool) -> Vec<(String, Interval)> {
        let mut facts = Vec::new();
        self.facts_of(condition, (truth, true), 16, &mut facts);
        // `m >= 1 && m <= 12` is one fact about `m`: 1..=12.
        let mut merged: Vec<(String, Interval)> = Vec::new();
        for (key, range, except) in facts {
            if except.is_some() {
                continue;
            }
            match merged.iter_mut().find(|(k, _)| *k == key) {
                Some((_, r)) => *r = r.meet(range).unwrap_or(*r),
                None => merged.push((key, range)),
            }
        }
        merged
    }

    /// The interval facts on this path give `expr`, if any fact is about it.
    pub(crate) fn checked_range(&self, expr: &Expr) -> Option<Interval> {
        let key = fact_key(expr)?;
        self.live_facts(&key).next()?;
        Some(self.range(expr))
    }

    /// Records what a `match` arm with pattern `pat` establishes about the scrutinee, after
    /// the arms `taken` (without guards) did not match: `12 => .., _ => m + 1` leaves 1..=11.
    pub(crate) fn assume_arm(&mut self, scrutinee: &Expr, pat: &syn::Pat, taken: &[&syn::Pat]) {
        let facts = self.arm_facts(scrutinee, pat, taken);
        self.add_facts(facts);
    }

    /// Evaluates `f` with `facts` holding, for an expression's branch.
    fn under<T>(&self, facts: Vec<(String, Interval, Option<i64>)>, f: impl FnOnce() -> T) -> T {
        let epoch = self.epoch();
        let base = self.overlay.borrow().len();
        self.overlay
            .borrow_mut()
            .extend(facts.into_iter().map(Fact::at(epoch)));
        let result = f();
        self.overlay.borrow_mut().truncate(base);
        result
    }

    /// The facts a `match` arm's pattern establishes about the scrutinee.
    fn arm_facts(
        &self,
        scrutinee: &Expr,
        pat: &syn::Pat,
        taken: &[&syn::Pat],
    ) -> Vec<(String, Interval, Option<i64>)> {
        let Some(key) = fact_key(scrutinee) else {
            return Vec::new();
        };
        let mut range = self.range(scrutinee);
        let mut excepts = Vec::new();
        match pattern_range(pat) {
            Some(within) => range = range.meet(within).unwrap_or(range),
            None if matches!(pat, syn::Pat::Wild(_) | syn::Pat::Ident(_)) => {
                let excluded: Vec<Interval> =
                    taken.iter().filter_map(|pat| pattern_range(pat)).collect();
                // Each arm narrows only at an end; two passes take `1 | 12` in any order.
                for _ in 0..2 {
                    for &taken in &excluded {
                        range = range.without_range(taken).unwrap_or(range);
                    }
                }
                excepts.extend(
                    excluded
                        .into_iter()
                        .filter_map(Interval::as_const)
                        .filter(|&n| range.contains(n)),
                );
            }
            None => return Vec::new(),
        }
        std::iter::once(None)
            .chain(excepts.into_iter().map(Some))
            .map(|except| (key.clone(), range, except))
            .collect()
    }

    /// Returns true if `expr` may hold `n` here: its interval holds it and no fact on this
    /// path rules it out.
    pub(crate) fn may_be(&self, expr: &Expr, n: i64) -> bool {
        self.range(expr).contains(n) && !self.ruled_out(fact_key(expr), n)
    }

    /// [`Env::may_be`] for the component `method` of the date `date` (`d.day()`), as facts
    /// about it are written.
    pub(crate) fn component_may_be(&self, date: &Expr, method: &str, n: i64) -> bool {
        let key = format!("{} . {method} ()", normalized(date));
        let range = self
            .live_facts(&key)
            .try_fold(accessor_range(method).unwrap_or(Interval::ANY), |r, f| {
                r.meet(f.range)
            });
        range.is_some_and(|r| r.contains(n)) && !self.ruled_out(Some(key), n)
    }

    fn ruled_out(&self, key: Option<String>, n: i64) -> bool {
        key.is_some_and(|key| self.live_facts(&key).any(|fact| fact.except == Some(n)))
    }

    /// The facts about the expression with text `key` that hold here.
    fn live_facts<'k>(&'k self, key: &'k str) -> impl Iterator<Item = &'k Fact> + 'k {
        let epoch = self.epoch();
        let mutable = self.binding(root(key)).is_some_and(|b| b.mutable);
        self.scopes
            .iter()
            .flat_map(|scope| scope.facts.iter())
            .filter(move |fact| fact.key == key && (fact.epoch == epoch || !mutable))
    }

    /// The fact `subject op other == truth` establishes about `subject`.
    fn compare(
        &self,
        subject: &Expr,
        op: BinOp,
        other: &Expr,
        truth: bool,
    ) -> Option<(String, Interval, Option<i64>)> {
        // `days.abs() > 3650` bounds `days` both ways.
        if let Expr::MethodCall(call) = peel(subject)
            && call.args.is_empty()
            && (call.method == "abs" || call.method == "unsigned_abs")
        {
            let op = if truth { op } else { negate(op)? };
            let limit = self.range(other);
            let hi = match op {
                BinOp::Lt(_) => limit.hi.checked_sub(1)?,
                BinOp::Le(_) => limit.hi,
                _ => return None,
            };
            if !limit.is_bounded() || hi < 0 {
                return None;
            }
            let key = fact_key(&call.receiver)?;
            let range = self.range(&call.receiver).meet(Interval::new(-hi, hi))?;
            return Some((key, range, None));
        }
        // The key is printed last: most comparisons are with values of unknown bounds.
        root_ident(peel(subject))?;
        let bound = self.range(other);
        if !bound.is_bounded() {
            return None;
        }
        let key = fact_key(subject)?;
        let current = self.range(subject);
        let op = if truth { op } else { negate(op)? };
        if let BinOp::Ne(_) = op {
            let n = bound.as_const()?;
            let range = current.without(n)?;
            let except = (range == current).then_some(n);
            return Some((key, range, except));
        }
        let range = match op {
            BinOp::Eq(_) => current.meet(bound)?,
            BinOp::Lt(_) => current.meet(Interval::new(i64::MIN, bound.hi.checked_sub(1)?))?,
            BinOp::Le(_) => current.meet(Interval::new(i64::MIN, bound.hi))?,
            BinOp::Gt(_) => current.meet(Interval::new(bound.lo.checked_add(1)?, i64::MAX))?,
            BinOp::Ge(_) => current.meet(Interval::new(bound.lo, i64::MAX))?,
            _ => return None,
        };
        Some((key, range, None))
    }

    /// What the facts on this path say about `expr`, if it is something facts are kept about.
    fn refinement(&self, expr: &Expr) -> Option<Interval> {
        let overlay = self.overlay.borrow();
        if (self.facts == 0 && overlay.is_empty())
            || !matches!(expr, Expr::Path(_) | Expr::Field(_) | Expr::MethodCall(_))
        {
            return None;
        }
        // Printing the key is the cost: first ask whether any fact is about its root name.
        let name = root_ident(expr)?;
        let about = |fact: &Fact| name == root(&fact.key);
        if !self
            .scopes
            .iter()
            .any(|scope| scope.facts.iter().any(about))
            && !overlay.iter().any(about)
        {
            return None;
        }
        let key = fact_key(expr)?;
        self.known(&key)
    }

    /// What the facts on this path say of the value under `key`, here and in the branch
    /// being evaluated.
    fn known(&self, key: &str) -> Option<Interval> {
        let overlay = self.overlay.borrow();
        let branch = overlay.iter().filter(|fact| fact.key == key);
        self.live_facts(key)
            .chain(branch)
            .try_fold(Interval::ANY, |range, fact| range.meet(fact.range))
    }

    /// A constant month on a path where the date's own month is known exactly is that month
    /// moved: `1` where `d.month() == 12` is `d.month() - 11`, so that `if d.month() == 12 {
    /// 1 } else { d.month() + 1 }` joins as the month wrapped by hand, as `(m0 + 1) % 12`
    /// does. `other` is the value of another branch, a month moved from that date.
    fn as_moved_month(&self, value: Value, other: &Value) -> Value {
        let (Value::Const(n), Some((origin, _))) = (&value, other.shifted(Part::Month)) else {
            return value;
        };
        let own = Value::Part {
            part: Part::Month,
            origin: origin.clone(),
            shift: Shift::by(0),
        };
        match getter_key(&own)
            .and_then(|key| self.known(&key))
            .and_then(Interval::as_const)
        {
            Some(month) => Value::Part {
                part: Part::Month,
                origin: origin.clone(),
                shift: Shift::by(n - month),
            },
            None => value,
        }
    }
}

/// The values a literal or range pattern matches: `12`, `1..=28`, `29 | 30`.
fn pattern_range(pat: &syn::Pat) -> Option<Interval> {
    let int = |expr: &Expr| match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => int.base10_parse::<i64>().ok(),
        Expr::Unary(e) if matches!(e.op, UnOp::Neg(_)) => match &*e.expr {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Int(int), ..
            }) => int.base10_parse::<i64>().ok().map(|n| -n),
            _ => None,
        },
        _ => None,
    };
    match pat {
        syn::Pat::Lit(lit) => int(&Expr::Lit(lit.clone())).map(Interval::exact),
        syn::Pat::Range(range) => {
            let lo = match &range.start {
                Some(e) => int(e)?,
                None => i64::MIN,
            };
            let hi = match (&range.end, &range.limits) {
                (Some(e), syn::RangeLimits::Closed(_)) => int(e)?,
                (Some(e), syn::RangeLimits::HalfOpen(_)) => int(e)?.checked_sub(1)?,
                (None, _) => i64::MAX,
            };
            (lo <= hi).then_some(Interval::new(lo, hi))
        }
        syn::Pat::Or(or) => or
            .cases
            .iter()
            .map(pattern_range)
            .reduce(|a, b| Some(a?.join(b?)))?,
        syn::Pat::Paren(paren) => pattern_range(&paren.pat),
        syn::Pat::Ident(syn::PatIdent {
            subpat: Some((_, pat)),
            ..
        }) => pattern_range(pat),
        _ => None,
    }
}

/// The text facts about `expr` are kept under: a name, a field, or a getter chain on one
/// (`d.minute()`, `self.start.day()`), looking through casts and references.
fn fact_key(expr: &Expr) -> Option<String> {
    fn simple(expr: &Expr, depth: usize) -> bool {
        depth > 0
            && match expr {
                Expr::Path(path) => path.path.get_ident().is_some(),
                Expr::Field(field) => simple(&field.base, depth - 1),
                Expr::MethodCall(call) => call.args.is_empty() && simple(&call.receiver, depth - 1),
                _ => false,
            }
    }
    let expr = peel(expr);
    simple(expr, 4).then(|| normalized(expr))
}

/// How many parts of a second the timestamp a method returns counts in: `timestamp()` (chrono),
/// `unix_timestamp()` (time) and `as_second()` (jiff) count seconds.
const TIMESTAMP_UNITS: [(&str, i64); 11] = [
    ("timestamp", 1),
    ("unix_timestamp", 1),
    ("as_second", 1),
    ("timestamp_millis", 1_000),
    ("as_millisecond", 1_000),
    ("timestamp_micros", 1_000_000),
    ("as_microsecond", 1_000_000),
    ("timestamp_nanos", 1_000_000_000),
    ("timestamp_nanos_opt", 1_000_000_000),
    ("unix_timestamp_nanos", 1_000_000_000),
    ("as_nanosecond", 1_000_000_000),
];

/// A timestamp read by a method, as the prefilter reads it.
pub(crate) const TIMESTAMP_METHOD: Need = Need::Method(&names(TIMESTAMP_UNITS));

pub(crate) fn timestamp_unit(method: &str) -> Option<i64> {
    lookup(&TIMESTAMP_UNITS, method)
}

/// The first elements of a table's rows: what the prefilter looks for, from the one table
/// the model reads.
const fn names<T: Copy, const N: usize>(table: [(&'static str, T); N]) -> [&'static str; N] {
    let mut names = [""; N];
    let mut at = 0;
    while at < N {
        names[at] = table[at].0;
        at += 1;
    }
    names
}

/// The value of `name` in a table of names.
fn lookup<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    table
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, value)| *value)
}

/// `UNIX_EPOCH`, `SystemTime::UNIX_EPOCH`, `std::time::UNIX_EPOCH`, by reference or not.
pub(crate) fn is_epoch(expr: &Expr) -> bool {
    match peel(expr) {
        Expr::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "UNIX_EPOCH"),
        _ => false,
    }
}

/// An expression without the parentheses, casts, references and dereferences around it.
pub(crate) fn peel(mut expr: &Expr) -> &Expr {
    while let Expr::Paren(syn::ExprParen { expr: inner, .. })
    | Expr::Cast(syn::ExprCast { expr: inner, .. })
    | Expr::Reference(syn::ExprReference { expr: inner, .. })
    | Expr::Unary(syn::ExprUnary {
        op: UnOp::Deref(_),
        expr: inner,
        ..
    }) = expr
    {
        expr = inner;
    }
    expr
}

/// The text facts about a date's component are kept under (`d . day ()`), for a value that
/// is that component unshifted.
fn getter_key(value: &Value) -> Option<String> {
    let Value::Part {
        part,
        origin: Origin::Date(date),
        shift,
    } = value
    else {
        return None;
    };
    if !shift.is_zero() {
        return None;
    }
    let method = match part {
        Part::Year => "year",
        Part::Month => "month",
        Part::Day => "day",
        Part::Hour => "hour",
        Part::Minute => "minute",
        Part::Second => "second",
        Part::Nanosecond => "nanosecond",
    };
    Some(format!("{date} . {method} ()"))
}

/// The name a getter chain starts with: `d` in `d.date().minute()`.
fn root_ident(mut expr: &Expr) -> Option<&syn::Ident> {
    loop {
        expr = match expr {
            Expr::Path(path) => return path.path.get_ident(),
            Expr::Field(field) => &field.base,
            Expr::MethodCall(call) => &call.receiver,
            _ => return None,
        };
    }
}

/// The name a fact's key starts with: `d` for `d.minute()`.
fn root(key: &str) -> &str {
    key.split([' ', '.']).next().unwrap_or(key)
}

/// `a op b` as `b op' a`.
fn mirror(op: BinOp) -> BinOp {
    match op {
        BinOp::Lt(t) => BinOp::Gt(syn::Token![>](t.span)),
        BinOp::Le(t) => BinOp::Ge(syn::Token![>=](t.spans)),
        BinOp::Gt(t) => BinOp::Lt(syn::Token![<](t.span)),
        BinOp::Ge(t) => BinOp::Le(syn::Token![<=](t.spans)),
        op => op,
    }
}

/// The comparison that holds where `op` does not.
fn negate(op: BinOp) -> Option<BinOp> {
    Some(match op {
        BinOp::Eq(t) => BinOp::Ne(syn::Token![!=](t.spans)),
        BinOp::Ne(t) => BinOp::Eq(syn::Token![==](t.spans)),
        BinOp::Lt(t) => BinOp::Ge(syn::Token![>=]([t.span, t.span])),
        BinOp::Le(t) => BinOp::Gt(syn::Token![>](t.spans[0])),
        BinOp::Gt(t) => BinOp::Le(syn::Token![<=]([t.span, t.span])),
        BinOp::Ge(t) => BinOp::Lt(syn::Token![<](t.spans[0])),
        _ => return None,
    })
}

/// The name of a cast's target type (`u8` in `x as u8`).
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => path
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default(),
        syn::Type::Group(group) => type_name(&group.elem),
        syn::Type::Paren(paren) => type_name(&paren.elem),
        _ => String::new(),
    }
}

/// The byte range of a (small) expression: an amount a component is shifted by.
fn span_of(expr: &Expr) -> Range<usize> {
    expr.span().byte_range()
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

/// Returns true if `expr` yields no value to whoever unwraps it: `None`, an `Err(..)`, or
/// something that never finishes (`return`, a panic), or a block ending in one of these.
fn has_no_value(expr: &Expr) -> bool {
    match expr {
        Expr::Path(path) => path.path.is_ident("None"),
        Expr::Call(call) => matches!(&*call.func, Expr::Path(f) if f.path.is_ident("Err")),
        Expr::Paren(e) => has_no_value(&e.expr),
        Expr::Block(block) => match block.block.stmts.last() {
            Some(syn::Stmt::Expr(tail, None)) => has_no_value(tail),
            _ => flow::expr_diverges(expr),
        },
        _ => flow::expr_diverges(expr),
    }
}

/// The name of the type an `impl` block is for: `Minutes` in `impl Trait for Minutes`.
pub(crate) fn impl_type(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Returns true if the method keeps the identity of the date it is called on.
pub(crate) fn keeps_the_date(method: &str) -> bool {
    SAME_DATE_METHODS.contains(&method)
}

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
            Expr::MethodCall(call) if keeps_the_date(&call.method.to_string()) => &call.receiver,
            _ => return normalized(expr),
        }
    }
}

/// Token text of an expression, so that `a . b` and `a.b` compare equal.
pub(crate) fn normalized(expr: &Expr) -> String {
    expr.to_token_stream().to_string()
}

/// The constants a file defines, by name: integers (`const DAYS: i64 = 365;`) and spans of
/// time (`const YEAR: Duration = Duration::days(365);`). A constant may use one defined
/// above it.
pub(crate) fn file_consts(file: &syn::File) -> HashMap<String, Value> {
    use syn::visit::Visit;

    /// The constants so far; the type of the `impl` being walked, whose constants are
    /// also kept as `Type::NAME`; the names two of them define differently.
    #[derive(Default)]
    struct Collector {
        consts: HashMap<String, Value>,
        impl_ty: Option<String>,
        ambiguous: std::collections::HashSet<String>,
    }
    impl Collector {
        fn add(&mut self, name: &syn::Ident, expr: &Expr) {
            let mut env = Env::with_consts(std::mem::take(&mut self.consts));
            env.set_self_ty(self.impl_ty.clone());
            let value = env.eval(expr);
            self.consts = env.consts;
            if !matches!(value, Value::Const(_) | Value::Span(_)) {
                return;
            }
            let name = name.to_string();
            if let Some(ty) = &self.impl_ty {
                self.consts.insert(format!("{ty}::{name}"), value.clone());
            }
            // `Minutes::BITS` and `Hours::BITS`: the bare name stands for neither.
            match self.consts.get(&name) {
                Some(known) if *known != value => {
                    self.consts.remove(&name);
                    self.ambiguous.insert(name);
                }
                _ if self.ambiguous.contains(&name) => {}
                _ => {
                    self.consts.insert(name, value);
                }
            }
        }
    }
    impl<'ast> Visit<'ast> for Collector {
        fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
            self.add(&item.ident, &item.expr);
        }
        fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
            let saved = std::mem::replace(&mut self.impl_ty, impl_type(&item.self_ty));
            syn::visit::visit_item_impl(self, item);
            self.impl_ty = saved;
        }
        fn visit_impl_item_const(&mut self, item: &'ast syn::ImplItemConst) {
            self.add(&item.ident, &item.expr);
        }
    }
    let mut collector = Collector::default();
    collector.visit_file(file);
    collector.consts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(source: &str) -> Value {
        let expr: Expr = syn::parse_str(source).expect("test expression parses");
        Env::with_consts(HashMap::new()).eval(&expr)
    }

    fn range(source: &str) -> Interval {
        let expr: Expr = syn::parse_str(source).expect("test expression parses");
        Env::with_consts(HashMap::new()).range(&expr)
    }

    fn part(part: Part, date: &str, by: i64) -> Value {
        Value::Part {
            part,
            origin: Origin::Date(date.into()),
            shift: Shift::by(by),
        }
    }

    #[test]
    fn a_shifted_year_remembers_its_date() {
        assert_eq!(eval("(now.year() + 1) as i32"), part(Part::Year, "now", 1));
        assert_eq!(eval("d.date_naive().year() - 2"), part(Part::Year, "d", -2));
    }

    #[test]
    fn a_shift_by_a_variable_keeps_its_span_and_range() {
        let Value::Part { shift, .. } = eval("d.year() + n") else {
            panic!("a part");
        };
        assert_eq!(shift.by, 0);
        assert_eq!(shift.total(), Interval::ANY);
        let Value::Part { shift, .. } = eval("d.year() - i32::from(years) + 1") else {
            panic!("a part");
        };
        assert_eq!(shift.total(), Interval::new(-2_147_483_646, 2_147_483_649));
        // A carry computed from the month is not an amount.
        assert_eq!(eval("d.year() + (d.month() + 1) / 12"), Value::Unknown);
    }

    #[test]
    fn zero_based_months_are_shifted_by_one() {
        assert_eq!(eval("d.month0() + 1"), part(Part::Month, "d", 0));
    }

    #[test]
    fn constants_and_month_names_evaluate() {
        assert_eq!(eval("-(3 * 4)"), Value::Const(-12));
        assert_eq!(eval("3 * 4 - 1"), Value::Const(11));
        assert_eq!(eval("Month::February"), Value::Const(2));
        assert_eq!(eval("u8::try_from(29).unwrap()"), Value::Const(29));
        assert_eq!(eval("i32::MAX"), Value::Const(i64::from(i32::MAX)));
    }

    #[test]
    fn names_say_nothing_and_clamps_hide_parts() {
        assert_eq!(eval("year + 1"), Value::Unknown);
        assert_eq!(eval("day_of_year"), Value::Unknown);
        assert_eq!(eval("day.min(last)"), Value::Clamped);
    }

    #[test]
    fn accessors_masks_and_casts_have_ranges() {
        assert_eq!(range("d.minute() + 1"), Interval::new(1, 60));
        assert_eq!(range("(raw >> 5) & 0x0f"), Interval::new(0, 15));
        assert_eq!(eval("((raw as u16) >> 5) & 0x0f"), Value::Range(0, 15));
        assert_eq!(range("d.month0() as u8 + 1"), Interval::new(1, 12));
        assert_eq!(range("x % 60"), Interval::new(-59, 59));
        assert_eq!(range("x.rem_euclid(24)"), Interval::new(0, 23));
        assert_eq!(range("d.day().min(28)"), Interval::new(1, 28));
        assert_eq!(range("if c { 1 } else { 12 }"), Interval::new(1, 12));
    }

    #[test]
    fn months_modulo_12_wrap() {
        let moved = |source| match eval(source) {
            Value::WrappedMonth { moved, .. } => Some((moved.by, moved.var.is_some())),
            _ => None,
        };
        assert_eq!(moved("(d.month0() + 1) % 12 + 1"), Some((1, false)));
        assert_eq!(moved("d.month().next()"), Some((1, false)));
        assert_eq!(moved("d.month().pred()"), Some((-1, false)));
        assert_eq!(moved("(d.month() + n) % 12"), Some((0, true)));
        // A month moved by 12 on one path of the two: wrapped by hand, by the smaller move.
        assert_eq!(
            moved("if d.month() + 3 > 12 { d.month() + 3 - 12 } else { d.month() + 3 }"),
            Some((3, false))
        );
        assert_eq!(
            moved("if d.month() + 5 > 12 { d.month() - 7 } else { d.month() + 6 }"),
            None
        );
        // Subtracting a constant keeps the sign of an amount added before it.
        let Value::Part { shift, .. } = eval("d.month() + n - 12") else {
            panic!("a part");
        };
        assert_eq!((shift.by, shift.sign), (-12, 1));
    }

    fn assumed(condition: &str, truth: bool, subject: &str) -> Interval {
        let mut env = Env::with_consts(HashMap::new());
        let condition: Expr = syn::parse_str(condition).expect("test condition parses");
        env.assume(&condition, truth);
        let subject: Expr = syn::parse_str(subject).expect("test subject parses");
        env.range(&subject)
    }

    #[test]
    fn facts_are_bounded_per_function() {
        let mut env = Env::with_consts(HashMap::new());
        let condition: Expr = syn::parse_str("d.day() < 30").expect("parses");
        for _ in 0..10 * MAX_FACTS {
            env.assume(&condition, true);
        }
        assert!(env.facts <= MAX_FACTS + 2);
        let subject: Expr = syn::parse_str("d.day()").expect("parses");
        assert_eq!(env.range(&subject), Interval::new(1, 29));
    }

    #[test]
    fn conditions_refine_what_they_test() {
        let cases = [
            ("d.minute() < 59", true, "d.minute() + 1", (1, 59)),
            ("d.minute() < 59", false, "d.minute()", (59, 59)),
            ("d.month() == 12", false, "d.month() + 1", (2, 12)),
            ("!(d.day() > 28)", true, "d.day()", (1, 28)),
            ("28 >= d.day() as i32", true, "d.day()", (1, 28)),
            ("m >= 1 && m <= 12", true, "m", (1, 12)),
            ("(1..=12).contains(&m)", true, "m", (1, 12)),
            ("m < 1 || m > 12", false, "m", (1, 12)),
        ];
        for (condition, truth, subject, (lo, hi)) in cases {
            let got = assumed(condition, truth, subject);
            assert_eq!(
                got,
                Interval::new(lo, hi),
                "{condition} is {truth}: {subject}"
            );
        }
        // A disjunction that holds says nothing of either side.
        assert_eq!(assumed("m < 1 || m > 12", true, "m"), Interval::ANY);
    }
}
