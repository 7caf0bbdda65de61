//! `certificate_expires_soon`: a certificate in the repository that expires within the
//! configured number of days (90 unless `[certificates] warn-within-days` says otherwise).

use super::{Group, Lint};
use crate::certificates::{self, Certificate, Clock, SECONDS_PER_DAY};
use crate::diagnostic::Diagnostic;

pub(crate) static LINT: Lint = Lint {
    name: "certificate_expires_soon",
    group: Group::Suspicious,
    summary: "a committed certificate that expires within 90 days (configurable)",
    doc: include_str!("../../lints/certificate_expires_soon.md"),
    // Read from certificate files and the PEM blocks of string literals, which the engine
    // finds before the prefilter.
    reports_in_tests: true,
    triggers: &[],
};

pub(crate) fn check(certificate: &Certificate, clock: Clock) -> Option<Diagnostic> {
    let left = certificate.not_after - clock.now;
    if left <= 0 || left > clock.warn_within_days.saturating_mul(SECONDS_PER_DAY) {
        return None;
    }
    let date = certificates::date(certificate.not_after);
    Some(certificates::finding(
        &LINT,
        certificate,
        format!(
            "certificate `{}` expires on {date}, in {}",
            certificate.subject,
            certificates::days(left / SECONDS_PER_DAY)
        ),
        format!(
            "not valid after {date}, within {} of now",
            certificates::days(clock.warn_within_days)
        ),
        "when a certificate expires, what uses it fails although nothing changed; Microsoft treats a production certificate within 3 months of expiry as an incident since its certificates expired all at once in 2013",
        format!("renew the certificate before {date}"),
    ))
}
