//! Certificates made at test time with chosen validity windows (rcgen), so that no test
//! holds a certificate that expires in real time. They are signed by a stand-in key: datelint
//! reads certificates, it never verifies them.

// Each test crate compiles this module and uses a part of it.
#![allow(dead_code)]

use rcgen::{
    CertificateParams, DistinguishedName, DnType, Issuer, PKCS_ED25519, PublicKeyData,
    SerialNumber, SignatureAlgorithm, SigningKey,
};

pub const DAY: i64 = 86_400;
/// 2026-01-01T00:00:00Z, the "now" of the tests.
pub const NOW: i64 = 1_767_225_600;

/// A key that signs with zeros.
struct StandIn;

impl PublicKeyData for StandIn {
    fn der_bytes(&self) -> &[u8] {
        &[7; 32]
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        &PKCS_ED25519
    }
}

impl SigningKey for StandIn {
    fn sign(&self, _: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
        Ok(vec![0; 64])
    }
}

/// The parameters of a certificate for `name`, valid between unix seconds `from` and `to`.
fn params(name: &str, serial: u64, from: i64, to: i64) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut subject = DistinguishedName::new();
    subject.push(DnType::CommonName, name);
    params.distinguished_name = subject;
    params.serial_number = Some(SerialNumber::from(serial));
    params.not_before = time::OffsetDateTime::from_unix_timestamp(from).expect("a valid time");
    params.not_after = time::OffsetDateTime::from_unix_timestamp(to).expect("a valid time");
    params
}

/// A self-signed certificate for `name`, valid between unix seconds `from` and `to`.
pub fn certificate(name: &str, serial: u64, from: i64, to: i64) -> rcgen::Certificate {
    params(name, serial, from, to)
        .self_signed(&StandIn)
        .expect("rcgen makes the certificate")
}

/// The PEM text of [`certificate`].
pub fn pem(name: &str, serial: u64, from: i64, to: i64) -> String {
    certificate(name, serial, from, to).pem()
}

/// A CA for `ca` and a certificate for `leaf` it issued, both valid between `from` and `to`,
/// as one PEM text (the leaf first, as servers send chains).
pub fn chain(ca: &str, leaf: &str, from: i64, to: i64) -> String {
    let issuer = Issuer::new(params(ca, 1, from, to), StandIn);
    let ca_pem = params(ca, 1, from, to)
        .self_signed(&StandIn)
        .expect("rcgen makes the CA")
        .pem();
    let leaf_pem = params(leaf, 2, from, to)
        .signed_by(&StandIn, &issuer)
        .expect("rcgen makes the leaf")
        .pem();
    format!("{leaf_pem}{ca_pem}")
}
