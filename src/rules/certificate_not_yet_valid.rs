//! `certificate_not_yet_valid`: a certificate in the repository whose notBefore is in the
//! future.

use super::{Group, Lint};
use crate::certificates::{self, Certificate, Clock};
use crate::diagnostic::Diagnostic;

pub(crate) static LINT: Lint = Lint {
    name: "certificate_not_yet_valid",
    group: Group::Suspicious,
    summary: "a committed certificate whose validity has not begun",
    doc: include_str!("../../lints/certificate_not_yet_valid.md"),
    // Read from certificate files and the PEM blocks of string literals, which the engine
    // finds before the prefilter.
    reports_in_tests: true,
    triggers: &[],
};

pub(crate) fn check(certificate: &Certificate, clock: Clock) -> Option<Diagnostic> {
    if certificate.not_before <= clock.now {
        return None;
    }
    let date = certificates::date(certificate.not_before);
    let wait = certificates::days(certificates::days_between(
        clock.now,
        certificate.not_before,
    ));
    Some(certificates::finding(
        &LINT,
        certificate,
        format!(
            "certificate `{}` is not valid before {date}, in {wait}",
            certificate.subject
        ),
        format!("not valid before {date}"),
        "TLS clients reject a certificate before its notBefore, so what uses it fails until then",
        "issue the certificate with a notBefore in the past, or check the clock it was made on"
            .into(),
    ))
}
