//! The prefilter (`src/prefilter.rs`) must change no finding: each case here is linted with
//! and without it, at every level (`-W pedantic`), and must give the same findings. The cases
//! sit at the edges of its conditions; those marked `found` are ones a raw-text filter missed,
//! and must report something.

use datelint::{Level, Settings, lint_source};
use std::path::Path;

fn findings(text: &str, skip_prefilter: bool) -> Vec<(&'static str, std::ops::Range<usize>)> {
    findings_in("src/lib.rs", text, skip_prefilter)
}

fn findings_in(
    path: &str,
    text: &str,
    skip_prefilter: bool,
) -> Vec<(&'static str, std::ops::Range<usize>)> {
    let settings = Settings {
        overrides: vec![(Level::Warn, "pedantic".to_string())],
        skip_prefilter,
        ..Settings::default()
    };
    lint_source(Path::new(path), text, &settings)
        .expect("the case parses")
        .into_iter()
        .map(|f| (f.diagnostic.lint.name, f.diagnostic.span))
        .collect()
}

/// A table of `n` numbers, one of them 365 in hex: a year literal, in a list of literals.
fn table(n: usize) -> String {
    let mut numbers: Vec<String> = (0..n).map(|i| format!("0x{:04X}", 0x4E00 + i)).collect();
    numbers[n / 2] = "0x016D".into();
    format!(
        "static TABLE: [u16; {n}] = [\n    {}\n];\n",
        numbers.join(",\n    ")
    )
}

#[test]
fn the_prefilter_changes_no_finding_at_its_edges() {
    let found = [
        // Shorthand field of a shifted year.
        "struct Date { year: i32, month: u32, day: u32 }\n\
         fn next(d: Date) -> Date { let year = d.year + 1; Date { year, ..d } }\n",
        // Year names in any case, moduli in any base, in parentheses.
        "fn leap(Y: i32) -> bool { Y % 4 == 0 }\n",
        "fn leap(_yr: i32) -> bool { _yr % 0x4 == 0 }\n",
        "fn leap(year: i32) -> bool { year % (4) == 0 }\n",
        // Two moduli of the rule, of an operand that does not say year, in hex and through
        // a method.
        "fn f(n: i64) -> bool { n % 0x4 == 0 && n % (0x64) != 0 }\n",
        "fn f(n: u32) -> bool { n.is_multiple_of(4) && !n.is_multiple_of(100) }\n",
        // A month table in hex, and a February arm whose body is a constant.
        "const T: [u8; 12] = [0x1F, 0x1C, 0x1F, 30, 31, 30, 31, 31, 30, 31, 30, 31];\n",
        "const FEB: u32 = 28;\n\
         fn len(m: u32) -> u32 { match m { 2 => FEB, 4 | 6 | 9 | 11 => 30, _ => 31 } }\n",
        // Years of 365.25 days in floats, with suffixes and separators.
        "fn f(t: std::time::SystemTime, y: f64) -> std::time::SystemTime { t + std::time::Duration::from_secs_f64(y * 365.25 * 86_400.0) }\n",
        "fn f(t: std::time::SystemTime, y: f64) -> std::time::SystemTime { t + std::time::Duration::from_secs_f64(y * 3.15576e7_f64) }\n",
        // Clock differences and local times unwrapped; timestamps narrowed.
        "fn f(t: std::time::SystemTime) -> u64 { t.elapsed().unwrap().as_secs() }\n",
        "fn f(a: std::time::SystemTime, b: std::time::SystemTime) { a.duration_since(b).expect(\"x\"); }\n",
        "use chrono::{Local, TimeZone};\nfn f(n: chrono::NaiveDateTime) { Local.from_local_datetime(&n).unwrap(); }\n",
        "fn f(a: std::time::SystemTime, b: std::time::SystemTime) -> u64 { (a.duration_since(b.max(a))).unwrap().as_secs() }\n",
        "fn f() { time::OffsetDateTime::now_local().unwrap(); }\n",
        "#[allow(deprecated)]\nfn f() -> chrono::DateTime<chrono::Local> { chrono::Local::today().and_hms(2, 30, 0) }\n",
        "#[allow(deprecated)]\nfn f(d: chrono::Date<chrono::Local>, t: chrono::NaiveTime) { d.and_time(t).unwrap(); }\n",
        "use std::time::{SystemTime, UNIX_EPOCH};\nfn f(start: SystemTime) -> u64 { let a = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs(); let b = start.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs(); a - b }\n",
        "fn f() -> Option<chrono::NaiveDate> { \"2023-02-29\".parse::<chrono::NaiveDate>().ok() }\n",
        "use chrono::NaiveDate;\nfn f() -> Option<NaiveDate> { NaiveDate::parse_from_str(\"2023-04-31\", \"%Y-%m-%d\").ok() }\n",
        "fn f(t: chrono::DateTime<chrono::Local>) -> chrono::DateTime<chrono::Local> { t + chrono::Duration::days(1) }\n",
        "use jiff::ToSpan;\nfn f(t: &jiff::Zoned) -> jiff::Zoned { t + 24.hours() }\n",
        "fn f(t: chrono::DateTime<chrono::Local>) -> Option<chrono::DateTime<chrono::Local>> { t.checked_add_signed(chrono::TimeDelta::hours(48)) }\n",
        "fn f(t: chrono::DateTime<chrono::Utc>) -> i32 { t.timestamp() as i32 }\n",
        "fn f(t: chrono::DateTime<chrono::Utc>) -> u16 { u16::try_from(t.timestamp_millis()).unwrap() }\n",
        "fn f() -> u32 { std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_millis() as u32 }\n",
        // A year of seconds in hex.
        "fn f(t: u64) -> u64 { t + 0x1E13380 }\n",
        // A span read from input, with no date crate named: `-=` through an `if let`.
        "use std::time::Duration;\n\
         fn f(t: &mut std::time::SystemTime, s: &str) { if let Ok(n) = s.parse() { *t -= Duration::from_secs(n); } }\n",
        "fn f(b: [u8; 8]) -> std::time::Instant { std::time::Instant::now() + std::time::Duration::from_secs(u64::from_le_bytes(b)) }\n",
        // The amount through arithmetic, a negation and a cast in the constructor's call.
        "fn f(t: chrono::NaiveDateTime, s: &str) -> chrono::NaiveDateTime { let n: i64 = s.parse().unwrap_or(0); t - chrono::Duration::seconds(-n) }\n",
        "fn f(t: std::time::Instant, s: &str) -> std::time::Instant { let n: i64 = s.parse().unwrap_or(0); t + std::time::Duration::from_secs(n as u64) }\n",
        // A date check with its bounds in hex and as exclusive ends.
        "fn ok(m: u8, d: u8) -> bool { m > 0 && m < 0xD && d > 0 && d < 32 }\n",
        "const LAST: u8 = 31;\nfn ok(m: u8, d: u8) -> bool { 12 >= m && m > 0 && d <= LAST && d > 0 }\n",
        "fn ok(m: u8, d: u8) -> bool { (1..=12).contains(&m) && (1..=31).contains(&d) }\n",
        "fn ok(m: u8, d: u8) -> bool { m > 0 && 12 >= m && d > 0 && 32 > d }\n",
        // A span of 30-day months, the factor after the count and behind a comment.
        "fn f(d: chrono::NaiveDate, n: i64) -> chrono::NaiveDate { d + chrono::Duration::days(n * /* days */ 30) }\n",
        "fn f(d: std::time::SystemTime, n: u64) -> std::time::SystemTime { d + std::time::Duration::from_secs(0x278D00 * n) }\n",
        // Format strings: in the call, raw, in a constant defined after its use, through an
        // escape that pairs two `%` before `%G`, and in time's macro.
        "use chrono::NaiveDate;\n\
         fn f(d: NaiveDate) -> String { d.format(\"%G-%m-%d\").to_string() }\n",
        "fn f(d: jiff::civil::DateTime) -> String { d.strftime(r#\"%Y-%M-%d\"#).to_string() }\n",
        "fn f(s: &str) -> bool { chrono::NaiveDate::parse_from_str(s, FMT).is_ok() }\n\
         const FMT: &str = \"%Y-%m-%j\";\n",
        "use chrono::NaiveDate;\n\
         fn f(d: NaiveDate) -> String { d.format(\"\\x25%%G-%m\").to_string() }\n",
        "fn f() -> usize { time::macros::format_description!(\"[year base:iso_week]-[month]\").len() }\n",
        "fn f(d: chrono::NaiveDate) -> String { d.format(\"100%\").to_string() }\n",
        // Comments between the tokens of a condition.
        "fn f(d: chrono::NaiveDate, e: chrono::NaiveDate) -> bool {\n\
         use chrono::Datelike;\n d.day /* of month */ () == e.day() + 1 }\n",
    ];
    let silent = [
        "fn f(year: i32, m: u8) -> (i32, u8) { (year, m) }\n",
        "// d.with_year(d.year() + 1)\nfn f() {}\n",
        "const T: &[(i64, u8)] = &[(-31536000, 3), (-1, 2)];\n",
        "fn f() -> [u8; 365] { [0; 365] }\n",
        // Input read, but every span a literal: `-5`, a suffix, a float, a comment.
        "fn f(t: chrono::NaiveDateTime, s: &str) -> i64 { let n: i64 = s.parse().unwrap_or(0); (t - chrono::Duration::seconds(-5)).timestamp() + n }\n",
        "fn f(t: std::time::Instant, s: &str) -> (std::time::Instant, u64) { (t + std::time::Duration::from_secs(/* n */ 5_u64) + std::time::Duration::from_secs_f64(1.5e3), s.parse().unwrap_or(0)) }\n",
        // Shifts are not bounds of a month or a day.
        "fn f(x: u32) -> bool { x << 12 > 0 && x >> 31 < 2 }\n",
        // A format string where no date crate reads it, one written with an escape, and one
        // that is right.
        "fn f() -> String { format!(\"%G-%m-%d\") }\n",
        "struct T;\nimpl T { fn format(&self, s: &str) -> usize { s.len() } }\n\
         fn f(t: T) -> usize { t.format(\"%G-%m-%d\") }\n",
        "fn f(d: chrono::NaiveDate) -> String { d.format(\"\\x25G-%m\").to_string() }\n",
        "fn f(d: chrono::NaiveDate) -> String { d.format(\"%G-W%V-%u\").to_string() }\n",
    ];
    for case in found.iter().chain(&silent) {
        assert_eq!(findings(case, false), findings(case, true), "{case}");
        // In a test file, the prefilter reads only the triggers of lints that report there.
        let in_test = |skip| findings_in("tests/case.rs", case, skip);
        assert_eq!(in_test(false), in_test(true), "{case}");
    }
    for case in found {
        assert!(!findings(case, false).is_empty(), "no finding in:\n{case}");
    }
}

#[test]
fn blanking_lists_of_literals_keeps_every_finding() {
    // The year literal is only in the table; the span is computed elsewhere.
    let far = format!(
        "{}const DAY: u64 = 86_400;\n\
         fn f(t: u64) -> u64 {{ let y = 360 * DAY + 5 * DAY; t + y }}\n",
        table(2000)
    );
    // A difference inside a list is not a list of literals.
    let inside = format!(
        "{}static SPANS: [u64; 2] = [31536000 - 1, 2];\n",
        table(2000)
    );
    // Arithmetic, and no span of years.
    let none = format!("{}fn f(t: u64) -> u64 {{ t + 1 }}\n", table(2000));
    for case in [&far, &inside] {
        let with = findings(case, false);
        assert_eq!(with, findings(case, true));
        assert!(!with.is_empty());
    }
    assert_eq!(findings(&none, false), findings(&none, true));
}
