//! Certificates end to end: the binary on a folder of certificate files and Rust source,
//! judged at a chosen `--now`, in every output format, with configuration, suppressions and
//! bad files. Every certificate is made when the test runs (`common/certs.rs`).

use serde_json::Value;

mod common;
use common::certs::{self, DAY, NOW};
use common::{Scratch, datelint};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder with an expired, an expiring, a valid, a DER and an embedded certificate.
fn project(name: &str) -> Scratch {
    let dir = Scratch::new(name);
    dir.file(
        "certs/expired.pem",
        certs::pem("expired.example", 1, NOW - 400 * DAY, NOW - 10 * DAY),
    );
    let expiring = certs::pem("expiring.example", 2, NOW - 300 * DAY, NOW + 30 * DAY);
    dir.file(
        "certs/bundle.crt",
        format!("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n{expiring}"),
    );
    dir.file(
        "certs/valid.pem",
        certs::pem("valid.example", 3, NOW - DAY, NOW + 300 * DAY),
    );
    let der = certs::certificate("der.example", 4, NOW - DAY, NOW - 2 * 3_600);
    dir.file("certs/server.der", der.der());
    let embedded = certs::pem("embedded.example", 5, NOW + 2 * DAY, NOW + 400 * DAY);
    dir.file(
        "src/lib.rs",
        format!("pub const CERT: &str = r\"{embedded}\";\n"),
    );
    dir
}

fn json_findings(stdout: &[u8]) -> Vec<Value> {
    text(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

#[test]
fn each_certificate_is_judged_at_now_with_a_real_span() {
    let dir = project("judged");
    let out = datelint(
        &["--now", "2026-01-01", "--message-format", "json", "."],
        &dir.0,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        text(&out.stderr),
        text(&out.stdout)
    );
    let mut found: Vec<(String, String, String)> = json_findings(&out.stdout)
        .iter()
        .map(|m| {
            let span = &m["message"]["spans"][0];
            (
                span["file_name"].as_str().unwrap_or_default().to_string(),
                m["message"]["code"]["code"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                m["message"]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    found.sort();
    let expected = [
        (
            "certs/bundle.crt",
            "datelint::certificate_expires_soon",
            "certificate `expiring.example` expires on 2026-01-31, in 30 days",
        ),
        (
            "certs/expired.pem",
            "datelint::expired_certificate",
            "certificate `expired.example` expired on 2025-12-22, 10 days ago",
        ),
        (
            "certs/server.der",
            "datelint::expired_certificate",
            "certificate `der.example` expired on 2025-12-31, less than a day ago",
        ),
        (
            "src/lib.rs",
            "datelint::certificate_not_yet_valid",
            "certificate `embedded.example` is not valid before 2026-01-03, in 2 days",
        ),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, expected);

    // The span of a PEM certificate is its block, lines and bytes.
    let bundle = json_findings(&out.stdout)
        .into_iter()
        .find(|m| m["message"]["spans"][0]["file_name"] == "certs/bundle.crt")
        .expect("a finding in the bundle");
    let span = &bundle["message"]["spans"][0];
    assert_eq!(span["line_start"], 4);
    assert_eq!(span["text"][0]["text"], "-----BEGIN CERTIFICATE-----");
    let bytes = std::fs::read(dir.0.join("certs/bundle.crt")).expect("written");
    let (start, end) = (
        span["byte_start"].as_u64().unwrap_or(0) as usize,
        span["byte_end"].as_u64().unwrap_or(0) as usize,
    );
    assert!(bytes[start..end].ends_with(b"-----END CERTIFICATE-----"));
}

#[test]
fn now_moves_the_verdicts_and_the_window_is_configurable() {
    let dir = project("now");
    // A year later, everything but the embedded certificate has expired.
    let later = datelint(
        &[
            "--now",
            "2027-01-01T00:00:00Z",
            "--message-format",
            "short",
            ".",
        ],
        &dir.0,
    );
    let stdout = text(&later.stdout);
    assert_eq!(stdout.matches("expired_certificate").count(), 4, "{stdout}");
    assert!(
        stdout.contains("`embedded.example` expires on 2027-02-05, in 35 days"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 5, "{stdout}");
    // A 20-day window leaves out the certificate that expires in 30 days.
    dir.file("datelint.toml", "[certificates]\nwarn-within-days = 20\n");
    let narrow = datelint(
        &["--now", "2026-01-01", "--message-format", "short", "."],
        &dir.0,
    );
    assert!(
        !text(&narrow.stdout).contains("expires_soon"),
        "{}",
        text(&narrow.stdout)
    );
    dir.file("datelint.toml", "[certificates]\nwarn-within-days = -1\n");
    let bad = datelint(&["--now", "2026-01-01", "."], &dir.0);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("warn-within-days"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn levels_suppressions_excludes_and_together() {
    let dir = project("levels");
    let allowed = datelint(
        &[
            "--now",
            "2026-01-01",
            "-A",
            "expired_certificate",
            "--message-format",
            "short",
            ".",
        ],
        &dir.0,
    );
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed.stdout));
    // A suppression in the explanatory text before the block, with a reason.
    let expired = certs::pem("expired.example", 1, NOW - 400 * DAY, NOW - 10 * DAY);
    dir.file(
        "certs/expired.pem",
        format!("datelint:allow(expired_certificate) -- a test of expiry handling\n{expired}"),
    );
    dir.file("datelint.toml", "exclude = [\"certs/server.der\"]\n");
    let quiet = datelint(
        &["--now", "2026-01-01", "--message-format", "short", "."],
        &dir.0,
    );
    assert_eq!(quiet.status.code(), Some(0), "{}", text(&quiet.stdout));
    assert!(!text(&quiet.stdout).contains("expired_certificate"));
    // Two distinct certificates a few hours apart, in two files, expire together.
    dir.file(
        "certs/twin.pem",
        certs::pem("twin.example", 6, NOW - DAY, NOW + 30 * DAY + 5 * 3_600),
    );
    let together = datelint(
        &[
            "--now",
            "2026-01-01",
            "-W",
            "certificates_expire_together",
            "--message-format",
            "short",
            ".",
        ],
        &dir.0,
    );
    let stdout = text(&together.stdout);
    assert_eq!(
        stdout.matches("certificates_expire_together").count(),
        2,
        "{stdout}"
    );
    assert!(stdout.contains("certs/twin.pem"), "{stdout}");
}

#[test]
fn bad_certificate_files_are_named_and_the_others_still_linted() {
    let dir = project("bad");
    let good = certs::pem("broken.example", 7, NOW - DAY, NOW + 300 * DAY);
    let body = good.find('\n').unwrap_or(0) + 1;
    dir.file(
        "certs/broken.pem",
        format!("{}!{}", &good[..body], &good[body + 1..]),
    );
    dir.file("certs/random.der", b"\x00\x01binary, not DER\xff");
    dir.file("certs/key.der", [0x02, 0x01, 0x05]);
    let out = datelint(
        &["--now", "2026-01-01", "--message-format", "short", "."],
        &dir.0,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "certs/broken.pem: line 1: the certificate's base64 is broken (file skipped)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("certs/random.der: not a certificate"),
        "{stderr}"
    );
    assert!(!stderr.contains("key.der"), "{stderr}");
    assert_eq!(
        text(&out.stdout).lines().count(),
        4,
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn sarif_and_github_carry_certificate_findings() {
    let dir = project("formats");
    let sarif = datelint(
        &["--now", "2026-01-01", "--message-format", "sarif", "."],
        &dir.0,
    );
    let log: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), 4);
    let der = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "certs/server.der"
        })
        .expect("the DER finding");
    let region = &der["locations"][0]["physicalLocation"]["region"];
    let size = std::fs::metadata(dir.0.join("certs/server.der")).map_or(0, |m| m.len());
    assert_eq!(
        (region["byteOffset"].as_u64(), region["byteLength"].as_u64()),
        (Some(0), Some(size))
    );
    let github = datelint(
        &["--now", "2026-01-01", "--message-format", "github", "."],
        &dir.0,
    );
    assert!(
        text(&github.stdout).contains("::error file=certs/expired.pem,line=1,endLine="),
        "{}",
        text(&github.stdout)
    );
}
