//! `unchecked_local_time`: a local time turned into an instant in a zone with daylight saving
//! time, unwrapped, which panics for the times the change skips or repeats; and time's
//! `now_local()` unwrapped, which fails when the offset cannot be determined.

use syn::{Expr, ExprMethodCall};

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::Need;
use crate::semantics::imports::zone_of_path;
use crate::semantics::values::{Clock, Value, peel};

/// The names a zone whose offset changes is written with.
const ZONES: Need = Need::Word(&["Local", "Tz", "chrono_tz"]);

pub(crate) static LINT: Lint = Lint {
    name: "unchecked_local_time",
    group: Group::Suspicious,
    summary: "a local time in a zone with daylight saving time unwrapped: panics when clocks change",
    doc: include_str!("../../lints/unchecked_local_time.md"),
    reports_in_tests: false,
    triggers: &[
        &[
            Need::Word(&[
                "from_local_datetime",
                "from_local_date",
                "and_local_timezone",
                "now_local",
                "current_local_offset",
            ]),
            Need::Word(&["unwrap", "expect"]),
        ],
        // A `Date<Tz>` given a time; the zone is named in its type or by `Local::today()`.
        &[Need::Method(PANICKING_TIMES), ZONES],
        &[
            Need::Method(OPTIONAL_TIMES),
            ZONES,
            Need::Word(&["unwrap", "expect"]),
        ],
    ],
};

/// The times of day that chrono's `Date<Tz>` panics on where they do not exist.
const PANICKING_TIMES: &[&str] = &["and_hms", "and_hms_milli", "and_hms_micro", "and_hms_nano"];

/// The times of day that chrono's `Date<Tz>` gives as an `Option`.
const OPTIONAL_TIMES: &[&str] = &[
    "and_time",
    "and_hms_opt",
    "and_hms_milli_opt",
    "and_hms_micro_opt",
    "and_hms_nano_opt",
];

/// `Local.from_local_datetime(&n).unwrap()`, `n.and_local_timezone(tz).single().unwrap()`,
/// `OffsetDateTime::now_local().unwrap()`, `Local::today().and_hms_opt(2, 30, 0).unwrap()`.
pub(crate) fn check(cx: &Cx<'_>, call: &ExprMethodCall) -> Option<Diagnostic> {
    if cx.in_test {
        return None;
    }
    let method = call.method.to_string();
    if PANICKING_TIMES.contains(&method.as_str()) {
        return time_on_a_date(cx, call, call);
    }
    if !matches!(method.as_str(), "unwrap" | "expect") {
        return None;
    }
    let mut inner = peel(&call.receiver);
    // `earliest()` and `latest()` are `None` only in the gap; `single()` in both.
    let mut gap_only = false;
    if let Expr::MethodCall(pick) = inner
        && pick.args.is_empty()
    {
        match pick.method.to_string().as_str() {
            "earliest" | "latest" => gap_only = true,
            "single" => {}
            _ => return now_local(cx, call, inner),
        }
        inner = peel(&pick.receiver);
    }
    let Expr::MethodCall(conversion) = inner else {
        return now_local(cx, call, inner);
    };
    if OPTIONAL_TIMES.contains(&conversion.method.to_string().as_str()) {
        return time_on_a_date(cx, call, conversion);
    }
    let (zone, naive) = match (
        conversion.method.to_string().as_str(),
        conversion.args.first(),
    ) {
        ("from_local_datetime" | "from_local_date", Some(naive)) => {
            (zone_of(cx, &conversion.receiver)?, naive)
        }
        ("and_local_timezone", Some(zone)) => (zone_of(cx, zone)?, &*conversion.receiver),
        _ => return None,
    };
    // Clocks change between midnight and 04:00 local time: a constant time of day outside
    // those hours exists once on every day.
    if constant_hour(cx, naive).is_some_and(|hour| (5..=22).contains(&hour)) {
        return None;
    }
    Some(finding(
        span(call),
        "unwrapping a local time",
        zone,
        gap_only,
    ))
}

/// chrono's deprecated `Date<Tz>` given a time of day: `Local::today().and_hms(2, 30, 0)`,
/// or `and_hms_opt(..)` and `and_time(t)` unwrapped by `call`, panic in the gap and the
/// overlap.
fn time_on_a_date(
    cx: &Cx<'_>,
    call: &ExprMethodCall,
    given: &ExprMethodCall,
) -> Option<Diagnostic> {
    let zone = date_zone(cx, &given.receiver)?;
    let time = given.args.first()?;
    let hour = match given.method.to_string().as_str() {
        "and_time" => constant_hour(cx, time),
        _ => int_literal(time),
    };
    if hour.is_some_and(|hour| (5..=22).contains(&hour)) {
        return None;
    }
    // `Date::and_time` asks for the one time (`single()`): `None` in the gap and the overlap.
    let what = match std::ptr::eq(call, given) {
        true => format!("`{}` on a local date", given.method),
        false => "unwrapping a local time".to_string(),
    };
    Some(finding(span(call), &what, zone, false))
}

/// The zone of a `Date<Tz>` whose offset changes: one the model knows (`Local::today()`, a
/// `Date<Local>` parameter), or one built by the zone itself: `tz.ymd(2017, 11, 5)`,
/// `Local.ymd_opt(y, m, d).unwrap()`.
fn date_zone(cx: &Cx<'_>, date: &Expr) -> Option<Clock> {
    if let Value::DateIn(zone @ (Clock::Local | Clock::Zone)) = cx.env.eval(peel(date)) {
        return Some(zone);
    }
    let mut built = peel(date);
    if let Expr::MethodCall(unwrap) = built
        && matches!(
            unwrap.method.to_string().as_str(),
            "unwrap" | "expect" | "single"
        )
    {
        built = peel(&unwrap.receiver);
    }
    match built {
        Expr::MethodCall(ymd)
            if matches!(
                ymd.method.to_string().as_str(),
                "ymd" | "ymd_opt" | "yo" | "yo_opt" | "isoywd" | "isoywd_opt"
            ) =>
        {
            zone_of(cx, &ymd.receiver)
        }
        _ => None,
    }
}

/// Giving a time of day that panics when it falls where `zone` skips (or, unless `gap_only`,
/// repeats) an hour.
fn finding(at: std::ops::Range<usize>, what: &str, zone: Clock, gap_only: bool) -> Diagnostic {
    let zone = match zone {
        Clock::Local => "the system's time zone",
        _ => "a time zone with daylight saving time",
    };
    let (when, label) = match gap_only {
        true => (
            "skipped when clocks go forward",
            "`None` in the hour skipped when clocks go forward",
        ),
        false => (
            "skipped or repeated when clocks change",
            "`None` in the hour skipped when clocks go forward, two answers in the hour \
             repeated when they go back",
        ),
    };
    Diagnostic {
        lint: &LINT,
        span: at,
        message: format!("{what} in {zone} panics for a time {when}"),
        label: label.into(),
        note: "twice a year a zone with daylight saving time skips an hour (02:30 on the last \
               Sunday of March does not exist in Paris) and repeats one (02:30 on the last \
               Sunday of October happens twice)"
            .into(),
        help: Help {
            message: "handle the gap and the overlap: `.earliest()` (or `.latest()`) picks one \
                      of two times, and a time in the gap needs a decision, such as moving it \
                      forward by the gap"
                .into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    }
}

/// time's `OffsetDateTime::now_local()` or `UtcOffset::current_local_offset()`, unwrapped.
fn now_local(cx: &Cx<'_>, call: &ExprMethodCall, inner: &Expr) -> Option<Diagnostic> {
    let Expr::Call(local) = inner else {
        return None;
    };
    let Expr::Path(func) = &*local.func else {
        return None;
    };
    let resolved = cx.imports.resolve(&func.path)?;
    if !matches!(
        resolved.as_str(),
        "time::OffsetDateTime::now_local" | "time::UtcOffset::current_local_offset"
    ) {
        return None;
    }
    Some(Diagnostic {
        lint: &LINT,
        span: span(call),
        message: "unwrapping time's local offset panics when it cannot be determined".into(),
        label: "an `Err` on Unix once the process runs more than one thread".into(),
        note: "reading the local offset is unsound on Unix while other threads may change the \
               environment, so the `time` crate refuses, with `IndeterminateOffset`, whenever \
               the process has more than one thread"
            .into(),
        help: Help {
            message: "fall back to UTC (`.unwrap_or_else(|_| OffsetDateTime::now_utc())`), or \
                      read the offset once at startup, before any thread is spawned"
                .into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    })
}

/// The hour of a naive time the model knows (`d.and_hms_opt(8, 0, 0)`,
/// `NaiveTime::from_hms_opt(8, ..)`, a binding of one), or of a constant text parsed with a
/// constant format (`NaiveDateTime::parse_from_str("16.11.1984 8:00", "%d.%m.%Y %H:%M")`),
/// through references, `unwrap` and `expect`.
fn constant_hour(cx: &Cx<'_>, expr: &Expr) -> Option<i64> {
    if let Value::TimeOfDay(hour) = cx.env.eval(peel(expr)) {
        return Some(hour);
    }
    let text = |e: &Expr| match peel(e) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    };
    match peel(expr) {
        Expr::MethodCall(call)
            if matches!(call.method.to_string().as_str(), "unwrap" | "expect") =>
        {
            constant_hour(cx, &call.receiver)
        }
        Expr::Call(call) => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            let name = func.path.segments.last()?.ident.to_string();
            let arg = |i: usize| call.args.iter().nth(i);
            match name.as_str() {
                "parse_from_str" => hour_in(&text(arg(0)?)?, &text(arg(1)?)?),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The value of an integer literal, through parentheses and references.
fn int_literal(expr: &Expr) -> Option<i64> {
    match peel(expr) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(int),
            ..
        }) => int.base10_parse::<i64>().ok(),
        _ => None,
    }
}

/// Up to `most` leading ASCII digits of `text`, as a number, and the text after them.
fn digits(text: &str, most: usize) -> Option<(Option<i64>, &str)> {
    let n = text
        .chars()
        .take(most)
        .take_while(char::is_ascii_digit)
        .count();
    (n > 0).then(|| (text[..n].parse::<i64>().ok(), &text[n..]))
}

/// The hour `text` gives in `format`, for formats of digits, `%P`/`%p` and literal text.
fn hour_in(text: &str, format: &str) -> Option<i64> {
    let (mut rest, mut spec) = (text, format.chars());
    let (mut hour, mut pm) = (None, None);
    while let Some(c) = spec.next() {
        if c != '%' {
            rest = rest.strip_prefix(c)?;
            continue;
        }
        let kind = spec.next()?;
        match kind {
            'Y' => rest = digits(rest, 4)?.1,
            'm' | 'd' | 'M' | 'S' => rest = digits(rest, 2)?.1,
            'H' | 'I' => {
                let (value, after) = digits(rest, 2)?;
                (hour, rest) = (value, after);
            }
            'P' | 'p' => {
                let word = rest.get(..2)?.to_ascii_lowercase();
                pm = Some(word == "pm");
                rest = &rest[2..];
            }
            _ => return None,
        }
    }
    match (hour?, pm) {
        (12, Some(false)) => Some(0),
        (h, Some(true)) if h < 12 => Some(h + 12),
        (h, _) => Some(h),
    }
}

/// The zone of `expr` if its offset changes: `Local`, a chrono-tz zone, or a value the model
/// knows is one (`tz: &Tz`). `Utc` and `FixedOffset` never skip or repeat a time.
fn zone_of(cx: &Cx<'_>, expr: &Expr) -> Option<Clock> {
    match peel(expr) {
        Expr::Path(path) if path.path.get_ident().is_none_or(|i| i == "Local") => {
            zone_of_path(cx.imports, &path.path)
        }
        other => match cx.env.eval(other) {
            Value::Zone(zone) => Some(zone),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::hour_in;

    #[test]
    fn the_hour_of_a_constant_text_is_read_through_its_format() {
        assert_eq!(hour_in("16.11.1984 8:00 am", "%d.%m.%Y %H:%M %P"), Some(8));
        assert_eq!(hour_in("2024-03-31 02:30", "%Y-%m-%d %H:%M"), Some(2));
        assert_eq!(hour_in("12:15 AM", "%I:%M %p"), Some(0));
        assert_eq!(hour_in("3:00 pm", "%I:%M %P"), Some(15));
        assert_eq!(hour_in("2024-03-31", "%Y-%m-%d"), None);
        assert_eq!(hour_in("31/03", "%Y-%m-%d"), None);
    }
}
