//! The one table of date-crate entry points datelint knows (chrono 0.4, time 0.3, jiff 0.2,
//! rcgen), and the recogniser that turns a call expression into a [`DateCall`].
//!
//! Adding support for a crate version means adding rows here, not changing lints.

use syn::Expr;

use super::imports::{Crate, Imports};
use super::values::Part;
use crate::lint::Need;

/// A call of a date constructor or setter, as the prefilter reads it: a method of the table,
/// the last segment of one of its paths, or `jiff` (jiff's functions are found only through
/// a path or an import that names it), or `parse_from_str` and `FixedOffset`, which the
/// lints of constant dates and offsets read. Whole words: `symdifference` holds no `ymd`.
pub(crate) const DATE_API: Need = Need::Word(&[
    "jiff",
    // methods
    "and_hms",
    "and_hms_opt",
    "and_hms_milli",
    "and_hms_milli_opt",
    "and_hms_micro",
    "and_hms_micro_opt",
    "and_hms_nano",
    "and_hms_nano_opt",
    "ymd",
    "ymd_opt",
    "with_ymd_and_hms",
    "with_year",
    "with_month",
    "with_month0",
    "with_day",
    "with_day0",
    "with_hour",
    "with_minute",
    "with_second",
    "with_hms",
    "replace_year",
    "replace_month",
    "replace_day",
    "replace_hour",
    "replace_minute",
    "replace_second",
    // the last segments of paths
    "from_ymd",
    "from_ymd_opt",
    "from_hms",
    "from_hms_opt",
    "from_hms_milli",
    "from_hms_milli_opt",
    "from_hms_micro",
    "from_hms_micro_opt",
    "from_hms_nano",
    "from_hms_nano_opt",
    "from_calendar_date",
    "east",
    "west",
    "east_opt",
    "west_opt",
    "from_whole_seconds",
    "date_time_ymd",
    "from_timestamp",
    "from_timestamp_secs",
    "from_timestamp_millis",
    "from_timestamp_micros",
    "from_timestamp_opt",
    "timestamp_opt",
    "timestamp_millis_opt",
    "from_unix_timestamp",
    "parse_from_str",
    "FixedOffset",
]);

/// What happens when the arguments do not form a date or time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    Panics,
    Option,
    Result,
    /// chrono's `LocalResult`: its `unwrap` panics on `None` and on `Ambiguous`.
    LocalResult,
}

/// How the arguments map to date and time components.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `(year, month, day)`, then optionally hour, minute, second and a sub-second part.
    Ymd { time: bool, subsec: Subsec },
    /// `(hour, minute, second)` and optionally a sub-second part.
    Hms(Subsec),
    /// A method that replaces one component of its receiver (`with_day(d)`); `zero_based`
    /// for chrono's `with_month0` and `with_day0`.
    Set { part: Part, zero_based: bool },
    /// jiff's `date.with().year(..).day(..).build()`.
    Builder,
    /// An offset from UTC in seconds, valid up to `limit` either way: chrono's
    /// `FixedOffset::east(s)` (86,399), time's `UtcOffset::from_whole_seconds(s)` (93,599).
    Offset { limit: i64 },
    /// A point in time from a count of `unit`s since 1970 (`DateTime::from_timestamp(secs,
    /// nanos)`), valid from `lo` to `hi` of them; `args` counts the nanoseconds too.
    Timestamp {
        unit: &'static str,
        lo: i64,
        hi: i64,
        args: usize,
    },
}

/// The sub-second argument of a time constructor, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Subsec {
    None,
    Milli,
    Micro,
    Nano,
}

/// A known date or time constructor or setter.
#[derive(Debug)]
pub(crate) struct Api {
    pub(crate) krate: Crate,
    /// How messages name it: `NaiveDate::from_ymd_opt`, `with_year`.
    pub(crate) name: &'static str,
    /// The canonical path of a free or associated function; `None` for a method.
    path: Option<&'static str>,
    pub(crate) shape: Shape,
    pub(crate) failure: Failure,
    /// The checked twin of a deprecated panicking constructor.
    pub(crate) checked_twin: Option<&'static str>,
}

impl Api {
    /// The years the crate can represent.
    pub(crate) fn year_range(&self) -> (i64, i64) {
        match self.krate {
            Crate::Chrono => (-262_144, 262_143),
            Crate::Time | Crate::Jiff | Crate::Rcgen => (-9999, 9999),
        }
    }

    /// The exclusive upper bound of the sub-second argument. chrono allows a leap second
    /// through values of one second or more.
    pub(crate) fn subsec_limit(&self, subsec: Subsec) -> i64 {
        let leap = if self.krate == Crate::Chrono { 2 } else { 1 };
        leap * match subsec {
            Subsec::None => 0,
            Subsec::Milli => 1_000,
            Subsec::Micro => 1_000_000,
            Subsec::Nano => 1_000_000_000,
        }
    }

    /// Returns true if the month argument is a `time::Month`, which cannot be out of range.
    pub(crate) fn month_is_enum(&self) -> bool {
        self.krate == Crate::Time
    }
}

const fn path(
    krate: Crate,
    name: &'static str,
    full: &'static str,
    shape: Shape,
    failure: Failure,
) -> Api {
    Api {
        krate,
        name,
        path: Some(full),
        shape,
        failure,
        checked_twin: None,
    }
}

const fn method(krate: Crate, name: &'static str, shape: Shape, failure: Failure) -> Api {
    Api {
        krate,
        name,
        path: None,
        shape,
        failure,
        checked_twin: None,
    }
}

const fn panics(api: Api, twin: &'static str) -> Api {
    Api {
        checked_twin: Some(twin),
        failure: Failure::Panics,
        ..api
    }
}

const YMD: Shape = Shape::Ymd {
    time: false,
    subsec: Subsec::None,
};
const YMD_HMS: Shape = Shape::Ymd {
    time: true,
    subsec: Subsec::None,
};
const YMD_HMS_NANO: Shape = Shape::Ymd {
    time: true,
    subsec: Subsec::Nano,
};
const HMS: Shape = Shape::Hms(Subsec::None);
const CHRONO_OFFSET: Shape = Shape::Offset { limit: 86_399 };
/// chrono's range, years -262,144 to 262,143, in seconds since 1970.
const CHRONO_SECONDS: (i64, i64) = (-8_334_632_851_200, 8_210_298_412_799);
/// time's range (years -9,999 to 9,999) in seconds since 1970; jiff's is narrower by the
/// largest offset from UTC it allows, so that every instant has a civil time everywhere.
const TIME_SECONDS: (i64, i64) = (-377_705_116_800, 253_402_300_799);
const JIFF_SECONDS: (i64, i64) = (-377_705_023_201, 253_402_207_200);
const fn timestamp(
    unit: &'static str,
    per_second: i64,
    (lo, hi): (i64, i64),
    args: usize,
) -> Shape {
    Shape::Timestamp {
        unit,
        lo: lo * per_second,
        hi: hi * per_second + (per_second - 1),
        args,
    }
}
const SECONDS_AND_NANOS: &str = "seconds since 1970";
const TIME_OFFSET: Shape = Shape::Offset { limit: 93_599 };
const HMS_MILLI: Shape = Shape::Hms(Subsec::Milli);
const HMS_MICRO: Shape = Shape::Hms(Subsec::Micro);
const HMS_NANO: Shape = Shape::Hms(Subsec::Nano);
const fn set(part: Part) -> Shape {
    Shape::Set {
        part,
        zero_based: false,
    }
}
const fn set0(part: Part) -> Shape {
    Shape::Set {
        part,
        zero_based: true,
    }
}

use Crate::{Chrono, Jiff, Rcgen, Time};
use Failure::{LocalResult, Option as Opt, Result as Res};

#[rustfmt::skip]
static APIS: &[Api] = &[
    // chrono
    panics(path(Chrono, "NaiveDate::from_ymd", "chrono::NaiveDate::from_ymd", YMD, Opt), "from_ymd_opt"),
    path(Chrono, "NaiveDate::from_ymd_opt", "chrono::NaiveDate::from_ymd_opt", YMD, Opt),
    panics(path(Chrono, "NaiveTime::from_hms", "chrono::NaiveTime::from_hms", HMS, Opt), "from_hms_opt"),
    path(Chrono, "NaiveTime::from_hms_opt", "chrono::NaiveTime::from_hms_opt", HMS, Opt),
    panics(path(Chrono, "NaiveTime::from_hms_milli", "chrono::NaiveTime::from_hms_milli", HMS_MILLI, Opt), "from_hms_milli_opt"),
    path(Chrono, "NaiveTime::from_hms_milli_opt", "chrono::NaiveTime::from_hms_milli_opt", HMS_MILLI, Opt),
    panics(path(Chrono, "NaiveTime::from_hms_micro", "chrono::NaiveTime::from_hms_micro", HMS_MICRO, Opt), "from_hms_micro_opt"),
    path(Chrono, "NaiveTime::from_hms_micro_opt", "chrono::NaiveTime::from_hms_micro_opt", HMS_MICRO, Opt),
    panics(path(Chrono, "NaiveTime::from_hms_nano", "chrono::NaiveTime::from_hms_nano", HMS_NANO, Opt), "from_hms_nano_opt"),
    path(Chrono, "NaiveTime::from_hms_nano_opt", "chrono::NaiveTime::from_hms_nano_opt", HMS_NANO, Opt),
    panics(method(Chrono, "and_hms", HMS, Opt), "and_hms_opt"),
    method(Chrono, "and_hms_opt", HMS, Opt),
    panics(method(Chrono, "and_hms_milli", HMS_MILLI, Opt), "and_hms_milli_opt"),
    method(Chrono, "and_hms_milli_opt", HMS_MILLI, Opt),
    panics(method(Chrono, "and_hms_micro", HMS_MICRO, Opt), "and_hms_micro_opt"),
    method(Chrono, "and_hms_micro_opt", HMS_MICRO, Opt),
    panics(method(Chrono, "and_hms_nano", HMS_NANO, Opt), "and_hms_nano_opt"),
    method(Chrono, "and_hms_nano_opt", HMS_NANO, Opt),
    panics(method(Chrono, "ymd", YMD, LocalResult), "with_ymd_and_hms"),
    method(Chrono, "ymd_opt", YMD, LocalResult),
    method(Chrono, "with_ymd_and_hms", YMD_HMS, LocalResult),
    method(Chrono, "with_year", set(Part::Year), Opt),
    method(Chrono, "with_month", set(Part::Month), Opt),
    method(Chrono, "with_month0", set0(Part::Month), Opt),
    method(Chrono, "with_day", set(Part::Day), Opt),
    method(Chrono, "with_day0", set0(Part::Day), Opt),
    method(Chrono, "with_hour", set(Part::Hour), Opt),
    method(Chrono, "with_minute", set(Part::Minute), Opt),
    method(Chrono, "with_second", set(Part::Second), Opt),
    // time
    path(Time, "Date::from_calendar_date", "time::Date::from_calendar_date", YMD, Res),
    path(Time, "Time::from_hms", "time::Time::from_hms", HMS, Res),
    path(Time, "Time::from_hms_milli", "time::Time::from_hms_milli", HMS_MILLI, Res),
    path(Time, "Time::from_hms_micro", "time::Time::from_hms_micro", HMS_MICRO, Res),
    path(Time, "Time::from_hms_nano", "time::Time::from_hms_nano", HMS_NANO, Res),
    method(Time, "with_hms", HMS, Res),
    method(Time, "replace_year", set(Part::Year), Res),
    method(Time, "replace_month", set(Part::Month), Res),
    method(Time, "replace_day", set(Part::Day), Res),
    method(Time, "replace_hour", set(Part::Hour), Res),
    method(Time, "replace_minute", set(Part::Minute), Res),
    method(Time, "replace_second", set(Part::Second), Res),
    // jiff
    panics(path(Jiff, "civil::date", "jiff::civil::date", YMD, Res), "Date::new"),
    path(Jiff, "Date::new", "jiff::civil::Date::new", YMD, Res),
    panics(path(Jiff, "civil::time", "jiff::civil::time", HMS_NANO, Res), "Time::new"),
    path(Jiff, "Time::new", "jiff::civil::Time::new", HMS_NANO, Res),
    panics(path(Jiff, "civil::datetime", "jiff::civil::datetime", YMD_HMS_NANO, Res), "DateTime::new"),
    path(Jiff, "DateTime::new", "jiff::civil::DateTime::new", YMD_HMS_NANO, Res),
    method(Jiff, "with().build", Shape::Builder, Res),
    // points in time from a count since 1970
    path(Chrono, "DateTime::from_timestamp", "chrono::DateTime::from_timestamp", timestamp(SECONDS_AND_NANOS, 1, CHRONO_SECONDS, 2), Opt),
    path(Chrono, "DateTime::from_timestamp_secs", "chrono::DateTime::from_timestamp_secs", timestamp(SECONDS_AND_NANOS, 1, CHRONO_SECONDS, 1), Opt),
    path(Chrono, "DateTime::from_timestamp_millis", "chrono::DateTime::from_timestamp_millis", timestamp("milliseconds since 1970", 1_000, CHRONO_SECONDS, 1), Opt),
    path(Chrono, "DateTime::from_timestamp_micros", "chrono::DateTime::from_timestamp_micros", timestamp("microseconds since 1970", 1_000_000, CHRONO_SECONDS, 1), Opt),
    panics(path(Chrono, "NaiveDateTime::from_timestamp", "chrono::NaiveDateTime::from_timestamp", timestamp(SECONDS_AND_NANOS, 1, CHRONO_SECONDS, 2), Opt), "from_timestamp_opt"),
    path(Chrono, "NaiveDateTime::from_timestamp_opt", "chrono::NaiveDateTime::from_timestamp_opt", timestamp(SECONDS_AND_NANOS, 1, CHRONO_SECONDS, 2), Opt),
    path(Chrono, "NaiveDateTime::from_timestamp_millis", "chrono::NaiveDateTime::from_timestamp_millis", timestamp("milliseconds since 1970", 1_000, CHRONO_SECONDS, 1), Opt),
    method(Chrono, "timestamp_opt", timestamp(SECONDS_AND_NANOS, 1, CHRONO_SECONDS, 2), LocalResult),
    method(Chrono, "timestamp_millis_opt", timestamp("milliseconds since 1970", 1_000, CHRONO_SECONDS, 1), LocalResult),
    path(Time, "OffsetDateTime::from_unix_timestamp", "time::OffsetDateTime::from_unix_timestamp", timestamp(SECONDS_AND_NANOS, 1, TIME_SECONDS, 1), Res),
    path(Time, "UtcDateTime::from_unix_timestamp", "time::UtcDateTime::from_unix_timestamp", timestamp(SECONDS_AND_NANOS, 1, TIME_SECONDS, 1), Res),
    path(Jiff, "Timestamp::from_second", "jiff::Timestamp::from_second", timestamp(SECONDS_AND_NANOS, 1, JIFF_SECONDS, 1), Res),
    path(Jiff, "Timestamp::from_millisecond", "jiff::Timestamp::from_millisecond", timestamp("milliseconds since 1970", 1_000, JIFF_SECONDS, 1), Res),
    path(Jiff, "Timestamp::new", "jiff::Timestamp::new", timestamp(SECONDS_AND_NANOS, 1, JIFF_SECONDS, 2), Res),
    // offsets from UTC
    panics(path(Chrono, "FixedOffset::east", "chrono::FixedOffset::east", CHRONO_OFFSET, Opt), "east_opt"),
    panics(path(Chrono, "FixedOffset::west", "chrono::FixedOffset::west", CHRONO_OFFSET, Opt), "west_opt"),
    path(Chrono, "FixedOffset::east_opt", "chrono::FixedOffset::east_opt", CHRONO_OFFSET, Opt),
    path(Chrono, "FixedOffset::west_opt", "chrono::FixedOffset::west_opt", CHRONO_OFFSET, Opt),
    path(Time, "UtcOffset::from_whole_seconds", "time::UtcOffset::from_whole_seconds", TIME_OFFSET, Res),
    // rcgen: panics on a date that does not exist, and has no checked twin
    path(Rcgen, "date_time_ymd", "rcgen::date_time_ymd", YMD, Failure::Panics),
];

/// Returns true if some known API lives under `path` (used to resolve glob imports).
pub(crate) fn is_known_path_prefix(path: &str) -> bool {
    APIS.iter().filter_map(|api| api.path).any(|full| {
        full.strip_prefix(path)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
    })
}

/// A call to a known API, with its parts located in the syntax tree.
pub(crate) struct DateCall<'ast> {
    pub(crate) api: &'static Api,
    /// The whole call expression: what a finding points at and a fix replaces.
    pub(crate) expr: &'ast Expr,
    pub(crate) receiver: Option<&'ast Expr>,
    pub(crate) args: Vec<&'ast Expr>,
    /// For jiff's builder: the setters between `with()` and `build()`, innermost first.
    pub(crate) setters: Vec<(String, &'ast Expr)>,
}

/// The arguments of a call, by the component they give.
#[derive(Default)]
pub(crate) struct Parts<'ast> {
    pub(crate) year: Option<&'ast Expr>,
    pub(crate) month: Option<&'ast Expr>,
    pub(crate) day: Option<&'ast Expr>,
    pub(crate) hour: Option<&'ast Expr>,
    pub(crate) minute: Option<&'ast Expr>,
    pub(crate) second: Option<&'ast Expr>,
    pub(crate) subsec: Option<&'ast Expr>,
}

impl<'ast> DateCall<'ast> {
    /// Returns true for chrono's `with_month0` and `with_day0`, whose argument counts from 0.
    pub(crate) fn is_zero_based(&self) -> bool {
        matches!(
            self.api.shape,
            Shape::Set {
                zero_based: true,
                ..
            }
        )
    }

    pub(crate) fn parts(&self) -> Parts<'ast> {
        let arg = |i: usize| self.args.get(i).copied();
        match self.api.shape {
            Shape::Ymd { time, subsec } => Parts {
                year: arg(0),
                month: arg(1),
                day: arg(2),
                hour: if time { arg(3) } else { None },
                minute: if time { arg(4) } else { None },
                second: if time { arg(5) } else { None },
                subsec: if subsec == Subsec::None { None } else { arg(6) },
            },
            Shape::Hms(subsec) => Parts {
                hour: arg(0),
                minute: arg(1),
                second: arg(2),
                subsec: if subsec == Subsec::None { None } else { arg(3) },
                ..Parts::default()
            },
            Shape::Set { part, .. } => {
                let mut parts = Parts::default();
                *parts.slot(part) = arg(0);
                parts
            }
            Shape::Offset { .. } | Shape::Timestamp { .. } => Parts::default(),
            Shape::Builder => {
                let mut parts = Parts::default();
                for (name, value) in &self.setters {
                    if let Some(part) = Part::from_method(name) {
                        *parts.slot(part) = Some(value);
                    }
                }
                parts
            }
        }
    }

    /// The expected argument count of the shape, or `None` when any count fits.
    fn arity(shape: Shape) -> Option<usize> {
        match shape {
            Shape::Ymd { time, subsec } => {
                Some(3 + if time { 3 } else { 0 } + usize::from(subsec != Subsec::None))
            }
            Shape::Hms(subsec) => Some(3 + usize::from(subsec != Subsec::None)),
            Shape::Set { .. } | Shape::Offset { .. } => Some(1),
            Shape::Timestamp { args, .. } => Some(args),
            Shape::Builder => None,
        }
    }
}

impl<'ast> Parts<'ast> {
    fn slot(&mut self, part: Part) -> &mut Option<&'ast Expr> {
        match part {
            Part::Year => &mut self.year,
            Part::Month => &mut self.month,
            Part::Day => &mut self.day,
            Part::Hour => &mut self.hour,
            Part::Minute => &mut self.minute,
            Part::Second => &mut self.second,
            Part::Nanosecond => &mut self.subsec,
        }
    }
}

/// Recognises a call to a known API. Paths are resolved through the file's imports; methods,
/// which have no path, count only in files that use the crate they belong to.
pub(crate) fn recognize<'ast>(expr: &'ast Expr, imports: &Imports) -> Option<DateCall<'ast>> {
    let call = match expr {
        Expr::Call(call) => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            let full = imports.resolve(&func.path)?;
            let api = APIS.iter().find(|api| api.path == Some(full.as_str()))?;
            DateCall {
                api,
                expr,
                receiver: None,
                args: call.args.iter().collect(),
                setters: Vec::new(),
            }
        }
        Expr::MethodCall(call) if call.method == "build" && call.args.is_empty() => {
            if !imports.uses(Crate::Jiff) {
                return None;
            }
            let (root, setters) = builder_chain(&call.receiver)?;
            let api = APIS.iter().find(|api| api.shape == Shape::Builder)?;
            DateCall {
                api,
                expr,
                receiver: Some(root),
                args: Vec::new(),
                setters,
            }
        }
        // Most files that are parsed use no date crate: their method calls are no API's.
        Expr::MethodCall(call) if imports.uses_any() => {
            let name = call.method.to_string();
            let api = APIS
                .iter()
                .find(|api| api.path.is_none() && api.name == name && imports.uses(api.krate))?;
            DateCall {
                api,
                expr,
                receiver: Some(&call.receiver),
                args: call.args.iter().collect(),
                setters: Vec::new(),
            }
        }
        _ => return None,
    };
    (DateCall::arity(call.api.shape).is_none_or(|n| n == call.args.len())).then_some(call)
}

/// Walks `x.with().year(a).day(b)` down to `x`, collecting the one-argument setters.
fn builder_chain(mut expr: &Expr) -> Option<(&Expr, Vec<(String, &Expr)>)> {
    let mut setters = Vec::new();
    loop {
        let Expr::MethodCall(call) = expr else {
            return None;
        };
        if call.method == "with" && call.args.is_empty() {
            setters.reverse();
            return (!setters.is_empty()).then_some((&*call.receiver, setters));
        }
        if call.args.len() != 1 {
            return None;
        }
        setters.push((call.method.to_string(), &call.args[0]));
        expr = &call.receiver;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Imports` keeps only the globs of a crate's modules, since no other can name an API.
    #[test]
    fn every_api_path_starts_with_its_crate() {
        for api in APIS {
            if let Some(path) = api.path {
                assert!(
                    path.starts_with(&format!("{}::", api.krate.name())),
                    "`{path}`"
                );
            }
        }
    }

    #[test]
    fn every_api_is_a_word_of_the_prefilter() {
        let Need::Word(words) = DATE_API else {
            panic!("DATE_API is a list of words");
        };
        for api in APIS {
            let word = match (api.krate, api.path) {
                (Crate::Jiff, _) => "jiff",
                (_, Some(path)) => path.rsplit("::").next().unwrap_or(path),
                (_, None) => api.name,
            };
            assert!(
                words.contains(&word),
                "`{word}` ({}) is no trigger",
                api.name
            );
        }
    }
}
