//! Certificates in the repository: X.509 certificates in `*.pem`, `*.crt`, `*.cer` and `*.der`
//! files and in Rust string literals, read into [`Certificate`]s for the certificate lints,
//! and the moment they are judged at (`--now`).

mod read;

use std::ops::Range;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use der::DateTime;

use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::Lint;

pub(crate) use read::{embedded, read_bytes, read_capped};

/// What the certificate lints read of one certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Certificate {
    /// The common name, or the whole subject when it has none.
    pub(crate) subject: String,
    /// Unix seconds, UTC.
    pub(crate) not_before: i64,
    pub(crate) not_after: i64,
    /// Who the certificate is: its issuer and serial number. A CA and the certificates it
    /// issued in the same file share the identity of the CA (see `read::share_issuers`).
    pub(crate) identity: (String, Vec<u8>),
    /// Its `BEGIN`..`END` lines, its string literal, or the whole file for DER.
    pub(crate) span: Range<usize>,
}

/// The file names datelint reads as certificates.
pub(crate) fn is_certificate_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["pem", "crt", "cer", "der"].contains(&e.to_ascii_lowercase().as_str()))
}

/// The moment certificates are judged at, and how near an expiry must be to be reported.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clock {
    /// Unix seconds, UTC.
    pub(crate) now: i64,
    pub(crate) warn_within_days: i64,
}

/// How close an expiry is reported by `certificate_expires_soon` unless configured.
pub(crate) const DEFAULT_WARN_WITHIN_DAYS: u32 = 90;

pub(crate) const SECONDS_PER_DAY: i64 = 86_400;

/// The system clock in unix seconds (0 if it reads before 1970).
pub(crate) fn system_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Whole days from `from` to `to`, rounded towards zero.
pub(crate) fn days_between(from: i64, to: i64) -> i64 {
    (to - from) / SECONDS_PER_DAY
}

/// The UTC date of unix seconds `at` as `YYYY-MM-DD`, through the X.509 crate's own calendar.
pub(crate) fn date(at: i64) -> String {
    let at = u64::try_from(at).unwrap_or(0);
    match DateTime::from_unix_duration(Duration::from_secs(at)) {
        Ok(t) => format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day()),
        Err(_) => format!("{at} seconds after 1970"),
    }
}

/// A count of days as messages say it: "less than a day", "1 day", "12 days".
pub(crate) fn days(n: i64) -> String {
    match n.abs() {
        0 => "less than a day".to_string(),
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

/// The finding of a certificate lint on `certificate`, whose help has no replacement: only
/// the certificate's owner can issue another.
pub(crate) fn finding(
    lint: &'static Lint,
    certificate: &Certificate,
    message: String,
    label: String,
    note: &str,
    help: String,
) -> Diagnostic {
    Diagnostic {
        lint,
        span: certificate.span.clone(),
        message,
        label,
        note: note.to_string(),
        help: Help {
            message: help,
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    }
}

/// Reads `--now`: an RFC 3339 date (`2026-05-01`, midnight UTC) or date-time in UTC
/// (`2026-05-01T12:00:00Z`), as unix seconds.
pub fn parse_now(text: &str) -> Result<i64, String> {
    // RFC 3339 allows a lowercase `t` and `z`; der reads only the uppercase ones.
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_ascii_uppercase()
    };
    full.parse::<DateTime>()
        .ok()
        .and_then(|t| i64::try_from(t.unix_duration().as_secs()).ok())
        .ok_or(format!(
            "`--now {text}`: expected an RFC 3339 date or date-time in UTC, such as `2026-05-01` or `2026-05-01T12:00:00Z`"
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_agree_with_the_time_crate_on_many_days() {
        // Every 7th day and a few hours across 1970..2200, against an independent calendar.
        let mut at = 0i64;
        while at < 7_258_118_400 {
            let t = time::OffsetDateTime::from_unix_timestamp(at).expect("in range");
            let expected = format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day());
            assert_eq!(date(at), expected, "{at}");
            at += 7 * SECONDS_PER_DAY + 3_600;
        }
    }

    #[test]
    fn now_reads_dates_and_utc_date_times_only() {
        assert_eq!(parse_now("1970-01-02"), Ok(SECONDS_PER_DAY));
        assert_eq!(parse_now("2024-02-29T12:00:00Z"), Ok(1_709_208_000));
        assert_eq!(parse_now("2024-02-29t12:00:00z"), Ok(1_709_208_000));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "tomorrow",
            "2024-02-29T12:00:00+02:00",
            "",
        ] {
            let error = parse_now(bad).expect_err(bad);
            assert!(error.contains("RFC 3339"), "{error}");
        }
    }
}
