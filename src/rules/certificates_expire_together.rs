//! `certificates_expire_together`: distinct certificates of the project that expire within
//! a day of each other, which fail together (the 2013 Azure Storage outage).

use std::path::{Path, PathBuf};

use super::{Group, Lint};
use crate::certificates::{self, Certificate, Clock, SECONDS_PER_DAY};
use crate::diagnostic::Diagnostic;

pub(crate) static LINT: Lint = Lint {
    name: "certificates_expire_together",
    group: Group::Pedantic,
    summary: "distinct certificates of the project that expire within a day of each other",
    doc: include_str!("../../lints/certificates_expire_together.md"),
    // Read from certificate files and the PEM blocks of string literals, which the engine
    // finds before the prefilter.
    reports_in_tests: true,
    triggers: &[],
};

/// One finding per certificate of `here` (the file linted) that expires within a day of a
/// distinct one, in this file or `elsewhere` (the other files of the run). Certificates
/// with the same identity (copies, or a CA and what it issued in one file) count once, and
/// are reported once per file; expired ones are `expired_certificate`'s.
pub(crate) fn check(
    here: &[Certificate],
    elsewhere: &[(PathBuf, Certificate)],
    clock: Clock,
) -> Vec<Diagnostic> {
    let all = || {
        here.iter()
            .map(|c| (None, c))
            .chain(elsewhere.iter().map(|(path, c)| (Some(path.as_path()), c)))
            .filter(|(_, c)| c.not_after > clock.now)
    };
    let mut reported: Vec<&(String, Vec<u8>)> = Vec::new();
    let mut found = Vec::new();
    for certificate in here.iter().filter(|c| c.not_after > clock.now) {
        if reported.contains(&&certificate.identity) {
            continue;
        }
        let mut partners: Vec<(Option<&Path>, &Certificate)> = Vec::new();
        for (path, other) in all() {
            let together = (other.not_after - certificate.not_after).abs() <= SECONDS_PER_DAY;
            if together
                && other.identity != certificate.identity
                && !partners.iter().any(|(_, p)| p.identity == other.identity)
            {
                partners.push((path, other));
            }
        }
        let Some((path, first)) = partners.first() else {
            continue;
        };
        reported.push(&certificate.identity);
        let date = certificates::date(certificate.not_after);
        let place = path.map_or("in this file".to_string(), |p| {
            format!("in {}", p.display())
        });
        let others = match partners.len() {
            1 => "1 other certificate".to_string(),
            n => format!("{n} other certificates"),
        };
        found.push(certificates::finding(
            &LINT,
            certificate,
            format!(
                "certificate `{}` expires on {date}, within a day of {others}",
                certificate.subject
            ),
            format!(
                "expires with `{}` ({place}), {} left",
                first.subject,
                certificates::days(certificates::days_between(clock.now, certificate.not_after))
            ),
            "certificates that expire at the same moment fail at the same moment: in 2013 Azure Storage was down worldwide for 12 hours when its certificates all expired at once",
            "spread the expiries: renew some of these certificates earlier than the others".into(),
        ));
    }
    found
}
