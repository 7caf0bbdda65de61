//! `expired_certificate`: a certificate in the repository whose notAfter is in the past.

use super::{Group, Lint};
use crate::certificates::{self, Certificate, Clock};
use crate::diagnostic::Diagnostic;

pub(crate) static LINT: Lint = Lint {
    name: "expired_certificate",
    group: Group::Correctness,
    summary: "a committed certificate that has expired",
    doc: include_str!("../../lints/expired_certificate.md"),
    // Read from certificate files and the PEM blocks of string literals, which the engine
    // finds before the prefilter.
    reports_in_tests: true,
    triggers: &[],
};

pub(crate) fn check(certificate: &Certificate, clock: Clock) -> Option<Diagnostic> {
    if certificate.not_after > clock.now {
        return None;
    }
    let date = certificates::date(certificate.not_after);
    let ago = certificates::days(certificates::days_between(certificate.not_after, clock.now));
    Some(certificates::finding(
        &LINT,
        certificate,
        format!("certificate `{}` expired on {date}, {ago} ago", certificate.subject),
        format!("not valid after {date}"),
        "TLS clients reject an expired certificate: what uses it fails on a day when nothing changed",
        "issue a new certificate, or generate it when the tests run with a validity window around the present".into(),
    ))
}
