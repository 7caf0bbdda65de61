//! Reading certificates: PEM blocks (RFC 7468) in a file or a string literal, or one DER
//! certificate. Blocks are found by their `-----BEGIN ..-----` and `-----END ..-----` lines,
//! their base64 is decoded without the line-length rule (real files wrap at 63, 64 or 76),
//! and the DER goes to `x509-cert`. Only `CERTIFICATE` blocks are read: keys, requests and
//! other blocks are left alone.

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use base64ct::{Base64, Encoding};
use der::Decode;
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use x509_cert::certificate::{CertificateInner, Raw};

use super::Certificate;

/// The largest certificate file read. A bundle of every public root CA is about 250 KiB; a
/// larger file is not a certificate file, and is not read whole.
const MAX_FILE: u64 = 1024 * 1024;

/// PEM labels of certificates (`X509 CERTIFICATE` is an older name).
const LABELS: [&str; 2] = ["CERTIFICATE", "X509 CERTIFICATE"];

/// Reads a certificate file, at most `MAX_FILE` bytes of it; the error is the reason.
pub(crate) fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| crate::walk::reason(&e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::walk::reason(&e))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!(
            "larger than {} KiB, too large for a certificate file (file skipped)",
            MAX_FILE / 1024
        ));
    }
    Ok(bytes)
}

/// The certificates of a file's bytes: PEM if it holds a `-----BEGIN` line, else one DER
/// certificate. Returns the text to show findings in (empty for DER) and the certificates; a
/// file of well-formed DER that is not a certificate (a key, a CRL) holds none. The error
/// says what is broken.
pub(crate) fn read_bytes(bytes: &[u8]) -> Result<(String, Vec<Certificate>), String> {
    if bytes.windows(11).any(|w| w == b"-----BEGIN ") {
        // Explanatory text may be in any encoding; offsets are into the text shown.
        let text = String::from_utf8_lossy(bytes).into_owned();
        let certificates = from_pem(&text)?;
        return Ok((text, certificates));
    }
    Ok((String::new(), from_der(bytes)?.into_iter().collect()))
}

/// The certificates of the PEM blocks in `text`, each spanning its `BEGIN`..`END` lines.
pub(crate) fn from_pem(text: &str) -> Result<Vec<Certificate>, String> {
    let mut found = Vec::new();
    for block in blocks(text) {
        let line = text[..block.span.start].matches('\n').count() + 1;
        if !LABELS.contains(&block.label) {
            continue;
        }
        let Some(body) = block.body else {
            return Err(format!(
                "line {line}: `-----BEGIN {}-----` has no END line (file skipped)",
                block.label
            ));
        };
        let base64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let der = Base64::decode_vec(&base64).map_err(|_| {
            format!("line {line}: the certificate's base64 is broken (file skipped)")
        })?;
        let read = decode(&der, block.span).map_err(|e| {
            format!("line {line}: the certificate's DER is broken: {e} (file skipped)")
        })?;
        found.push(read);
    }
    Ok(share_issuers(found))
}

/// A DER file: its certificate, or `None` for well-formed DER of another kind (a key, a CRL,
/// a request), which is left alone as PEM's other blocks are.
pub(crate) fn from_der(bytes: &[u8]) -> Result<Option<Certificate>, String> {
    match decode(bytes, 0..bytes.len()) {
        Ok(read) => Ok(share_issuers(vec![read]).pop()),
        Err(_) if der::Any::from_der(bytes).is_ok() => Ok(None),
        Err(error) => Err(format!(
            "not a certificate: neither PEM nor DER ({error}) (file skipped)"
        )),
    }
}

/// The certificates in the string literals of Rust source (`"-----BEGIN CERTIFICATE-----
/// \n.."`, raw and byte strings too, not doc comments), each spanning its literal. A literal
/// whose certificate cannot be read is left alone: tests of bad input hold such literals.
///
/// The text is tokenized, and tokenizing recurses as deep as the text nests: bound it first.
pub(crate) fn embedded(text: &str) -> Vec<Certificate> {
    if !text.contains("BEGIN CERTIFICATE") {
        return Vec::new();
    }
    let mut found = Vec::new();
    if let Ok(tokens) = text.parse::<TokenStream>() {
        let mut stack = vec![tokens.into_iter()];
        while let Some(tokens) = stack.last_mut() {
            let Some(token) = tokens.next() else {
                stack.pop();
                continue;
            };
            match token {
                TokenTree::Group(group) if !is_doc(&group) => {
                    stack.push(group.stream().into_iter());
                }
                TokenTree::Literal(literal) => {
                    let span = literal.span().byte_range();
                    let value = match syn::Lit::new(literal) {
                        syn::Lit::Str(s) => s.value(),
                        syn::Lit::ByteStr(b) => String::from_utf8_lossy(&b.value()).into_owned(),
                        _ => continue,
                    };
                    for mut certificate in from_pem(&value).unwrap_or_default() {
                        certificate.span = span.clone();
                        found.push(certificate);
                    }
                }
                _ => {}
            }
        }
    }
    proc_macro2::extra::invalidate_current_thread_spans();
    found
}

/// `[doc = ".."]`, a doc comment: documentation, not a certificate of the program.
fn is_doc(group: &proc_macro2::Group) -> bool {
    group.delimiter() == Delimiter::Bracket
        && matches!(group.stream().into_iter().next(), Some(TokenTree::Ident(i)) if i == "doc")
}

/// One PEM block: its label, its body (`None` without an END line) and its span.
struct Block<'t> {
    label: &'t str,
    body: Option<&'t str>,
    span: Range<usize>,
}

/// The PEM blocks of `text`, found by their encapsulation boundaries wherever they stand.
fn blocks(text: &str) -> Vec<Block<'_>> {
    const BEGIN: &str = "-----BEGIN ";
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(BEGIN).map(|at| from + at) {
        let label_start = at + BEGIN.len();
        let Some(label_len) = text[label_start..].find("-----") else {
            break;
        };
        let label = &text[label_start..label_start + label_len];
        let body_start = label_start + label_len + 5;
        let end = format!("-----END {label}-----");
        match text[body_start..].find(&end).map(|e| body_start + e) {
            Some(end_at) => {
                let span = at..end_at + end.len();
                found.push(Block {
                    label,
                    body: Some(&text[body_start..end_at]),
                    span: span.clone(),
                });
                from = span.end;
            }
            None => {
                found.push(Block {
                    label,
                    body: None,
                    span: at..body_start,
                });
                from = body_start;
            }
        }
    }
    found
}

/// A certificate as read, with the names that link it to its issuer.
struct Decoded {
    certificate: Certificate,
    subject: String,
    issuer: String,
}

fn decode(der: &[u8], span: Range<usize>) -> Result<Decoded, der::Error> {
    let parsed = CertificateInner::<Raw>::from_der(der)?;
    let tbs = parsed.tbs_certificate();
    let seconds = |t: x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    let validity = tbs.validity();
    let subject = tbs.subject().to_string();
    let issuer = tbs.issuer().to_string();
    let common_name = tbs.subject().common_name().ok().flatten().map(String::from);
    Ok(Decoded {
        certificate: Certificate {
            subject: common_name
                .filter(|cn| !cn.is_empty())
                .unwrap_or_else(|| subject.clone()),
            not_before: seconds(validity.not_before),
            not_after: seconds(validity.not_after),
            identity: (issuer.clone(), tbs.serial_number().as_bytes().to_vec()),
            span,
        },
        subject,
        issuer,
    })
}

/// Gives each certificate issued by another of the same file (directly or through a chain)
/// the identity of the topmost one, so that a CA and what it issued count once.
fn share_issuers(read: Vec<Decoded>) -> Vec<Certificate> {
    let issuer_of = |index: usize| {
        read.iter()
            .position(|r| r.subject == read[index].issuer)
            .filter(|&i| i != index)
    };
    (0..read.len())
        .map(|index| {
            let mut top = index;
            // A chain is at most as long as the file; a loop of issuers stops there.
            for _ in 0..read.len() {
                match issuer_of(top) {
                    Some(up) => top = up,
                    None => break,
                }
            }
            Certificate {
                identity: read[top].certificate.identity.clone(),
                ..read[index].certificate.clone()
            }
        })
        .collect()
}

/// The tests' certificate maker, shared with the end-to-end tests.
#[cfg(test)]
#[path = "../../tests/common/certs.rs"]
mod certs;

#[cfg(test)]
mod tests {
    use super::certs::{self, DAY, NOW};
    use super::*;

    #[test]
    fn a_pem_file_holds_several_certificates_and_keys_are_ignored() {
        let text = format!(
            "Explanatory text.\n{}-----BEGIN PRIVATE KEY-----\nnot even base64\n-----END PRIVATE KEY-----\n{}",
            certs::pem("first.example", 1, NOW - DAY, NOW + 10 * DAY),
            certs::pem("second.example", 2, NOW, NOW + 20 * DAY),
        );
        let found = from_pem(&text).expect("readable");
        let names: Vec<&str> = found.iter().map(|c| c.subject.as_str()).collect();
        assert_eq!(names, ["first.example", "second.example"]);
        assert_eq!(found[0].not_before, NOW - DAY);
        assert_eq!(found[1].not_after, NOW + 20 * DAY);
        let block = &text[found[1].span.clone()];
        assert!(
            block.starts_with("-----BEGIN CERTIFICATE-----\n"),
            "{block}"
        );
        assert!(block.ends_with("\n-----END CERTIFICATE-----"), "{block}");
    }

    #[test]
    fn broken_base64_der_and_a_missing_end_are_errors_that_say_where() {
        let good = certs::pem("a.example", 1, NOW, NOW + DAY);
        let body = good.find('\n').unwrap_or(0) + 1;
        let base64 = format!("{}*{}", &good[..body], &good[body + 1..]);
        let error = from_pem(&format!("x\n{base64}")).expect_err("broken base64");
        assert_eq!(
            error,
            "line 2: the certificate's base64 is broken (file skipped)"
        );
        let der = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let error = from_pem(der).expect_err("broken DER");
        assert!(
            error.starts_with("line 1: the certificate's DER is broken: "),
            "{error}"
        );
        let cut = &good[..good.find("-----END").unwrap_or(0)];
        let error = from_pem(cut).expect_err("no END");
        assert!(error.contains("has no END line"), "{error}");
    }

    #[test]
    fn der_is_a_certificate_another_structure_or_an_error() {
        let certificate = certs::certificate("der.example", 9, NOW, NOW + DAY);
        let der = certificate.der().to_vec();
        let read = from_der(&der).expect("readable").expect("a certificate");
        assert_eq!(
            (read.subject.as_str(), read.span.clone()),
            ("der.example", 0..der.len())
        );
        // An INTEGER: well-formed DER, as a key is, but not a certificate.
        assert_eq!(from_der(&[0x02, 0x01, 0x05]), Ok(None));
        let error = from_der(b"\x7fELF, not DER").expect_err("not DER");
        assert!(error.starts_with("not a certificate"), "{error}");
        let error = from_der(&der[..der.len() - 1]).expect_err("truncated");
        assert!(error.starts_with("not a certificate"), "{error}");
    }

    #[test]
    fn a_ca_and_what_it_issued_in_one_file_share_an_identity() {
        let text = certs::chain("Test CA", "leaf.example", NOW, NOW + DAY);
        let found = from_pem(&text).expect("readable");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].identity, found[1].identity);
        let apart = from_pem(&certs::pem("leaf.example", 2, NOW, NOW + DAY)).expect("readable");
        assert_ne!(apart[0].identity, found[1].identity);
    }

    #[test]
    fn certificates_in_string_literals_span_their_literal() {
        let pem = certs::pem("embedded.example", 3, NOW, NOW + DAY);
        let escaped = pem.replace('\n', "\\n");
        let text = format!(
            "/// -----BEGIN CERTIFICATE----- in a doc comment is not read\nconst A: &str = \"{escaped}\";\nconst B: &[u8] = br#\"{pem}\"#;\nfn f() {{ g(r\"{pem}\") }}\nconst BROKEN: &str = \"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\";\n"
        );
        let found = embedded(&text);
        let literals: Vec<&str> = found.iter().map(|c| &text[c.span.clone()]).collect();
        assert_eq!(literals.len(), 3, "{literals:?}");
        assert!(literals[0].starts_with("\"-----BEGIN") && literals[0].ends_with("\\n\""));
        assert!(literals[1].starts_with("br#\"") && literals[2].starts_with("r\""));
    }

    #[test]
    fn a_large_file_is_not_read_whole() {
        let path = std::env::temp_dir().join(format!("datelint-large-{}.pem", std::process::id()));
        let file = std::fs::File::create(&path).expect("a temporary file");
        file.set_len(100 * 1024 * 1024)
            .expect("a sparse 100 MB file");
        let outcome = read_capped(&path);
        let _ = std::fs::remove_file(&path);
        let error = outcome.expect_err("too large");
        assert!(
            error.contains("too large for a certificate file"),
            "{error}"
        );
    }
}
