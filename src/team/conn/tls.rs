//! TLS to the team database by libpq's `sslmode`, with rustls and its
//! `ring` provider (no OpenSSL).
//!
//! - `prefer`, and `require` without `sslrootcert`: encrypted, the server's
//!   certificate not checked ([`NoCheck`]); the handshake's signatures are.
//! - `require` with `sslrootcert`, and `verify-ca`: the chain is checked
//!   against the roots, the host name not ([`ChainOnly`]).
//! - `verify-full`: chain and host name checked (rustls' own verifier).
//!
//! The roots are the certificates of the `sslrootcert` PEM file, else the
//! system's trust store (read with `rustls-native-certs` only when a mode
//! checks the chain). Whether the server offers TLS at all (`prefer` falls
//! back to plain, the others fail) is the driver's part; its `sslmode` is
//! set in [`super::parse`].

use anyhow::Context as _;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::path::Path;
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::TlsMode;
use crate::i18n::team::{fill, words};
use crate::playbook::Language;

/// The connector for `mode` with the roots of `root_cert` (or the
/// system's); errors (an unreadable or non-PEM `sslrootcert`, no system
/// roots) are worded in `lang`.
pub(super) fn connector(
    mode: TlsMode,
    root_cert: Option<&Path>,
    lang: Language,
) -> anyhow::Result<MakeRustlsConnect> {
    Ok(MakeRustlsConnect::new(client_config(
        mode, root_cert, lang,
    )?))
}

/// The rustls client configuration for `mode` (see the module's doc).
fn client_config(
    mode: TlsMode,
    root_cert: Option<&Path>,
    lang: Language,
) -> anyhow::Result<ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = verifier(mode, root_cert, &provider, lang)?;
    Ok(ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

/// The certificate check of `mode` (see the module's doc).
fn verifier(
    mode: TlsMode,
    root_cert: Option<&Path>,
    provider: &Arc<CryptoProvider>,
    lang: Language,
) -> anyhow::Result<Arc<dyn ServerCertVerifier>> {
    let chain = |roots: RootCertStore| -> anyhow::Result<Arc<WebPkiServerVerifier>> {
        Ok(
            WebPkiServerVerifier::builder_with_provider(Arc::new(roots), Arc::clone(provider))
                .build()?,
        )
    };
    Ok(match (mode, root_cert) {
        // disable never reaches TLS; should it, it checks nothing either.
        (TlsMode::Disable | TlsMode::Prefer, _) | (TlsMode::Require, None) => Arc::new(NoCheck {
            algorithms: provider.signature_verification_algorithms,
        }),
        (TlsMode::Require | TlsMode::VerifyCa, _) => Arc::new(ChainOnly {
            inner: chain(roots(mode, root_cert, lang)?)?,
        }),
        (TlsMode::VerifyFull, _) => chain(roots(mode, root_cert, lang)?)?,
    })
}

/// The trusted roots: those of the `sslrootcert` file, else the system's.
fn roots(mode: TlsMode, root_cert: Option<&Path>, lang: Language) -> anyhow::Result<RootCertStore> {
    match root_cert {
        Some(path) => file_roots(path, lang),
        None => system_roots(mode, lang),
    }
}

/// The certificates of a PEM file (one or more `CERTIFICATE` blocks).
fn file_roots(path: &Path, lang: Language) -> anyhow::Result<RootCertStore> {
    let shown = crate::text::sanitize_line(&path.display().to_string());
    let pem = std::fs::read(path)
        .with_context(|| fill(words(lang).rootcert_unreadable, &[("path", &shown)]))?;
    let not_pem = || anyhow::anyhow!(fill(words(lang).rootcert_not_pem, &[("path", &shown)]));
    let mut store = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&pem) {
        let cert = cert.map_err(|_| not_pem())?;
        store.add(cert).map_err(|_| not_pem())?;
    }
    if store.is_empty() {
        return Err(not_pem());
    }
    Ok(store)
}

/// The system's trust store; an error when it holds no usable root.
fn system_roots(mode: TlsMode, lang: Language) -> anyhow::Result<RootCertStore> {
    let found = rustls_native_certs::load_native_certs();
    let mut store = RootCertStore::empty();
    store.add_parsable_certificates(found.certs);
    if store.is_empty() {
        anyhow::bail!(fill(
            words(lang).no_system_roots,
            &[("mode", mode_name(mode))]
        ));
    }
    Ok(store)
}

/// libpq's name of `mode`.
fn mode_name(mode: TlsMode) -> &'static str {
    match mode {
        TlsMode::Disable => "disable",
        TlsMode::Prefer => "prefer",
        TlsMode::Require => "require",
        TlsMode::VerifyCa => "verify-ca",
        TlsMode::VerifyFull => "verify-full",
    }
}

/// The worded reason when `e` (a failed connection) failed in TLS: the
/// server offers none though `mode` needs it, or the handshake failed (the
/// certificate's usual faults worded, others with rustls' text). `None`
/// for any other failure (PostgreSQL's reason is shown as it is).
pub(super) fn worded_failure(
    e: &postgres::Error,
    mode: TlsMode,
    root_cert: Option<&Path>,
    lang: Language,
) -> Option<String> {
    let w = words(lang);
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        // tokio-postgres' own text when the server answers `N`.
        if err.to_string() == "server does not support TLS" {
            return Some(fill(w.tls_not_offered, &[("mode", mode_name(mode))]));
        }
        let rustls_error = err.downcast_ref::<rustls::Error>().or_else(|| {
            err.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if let Some(r) = rustls_error {
            return Some(word_rustls(r, root_cert, lang));
        }
        source = err.source();
    }
    None
}

/// A failed handshake in words.
fn word_rustls(e: &rustls::Error, root_cert: Option<&Path>, lang: Language) -> String {
    let w = words(lang);
    match e {
        rustls::Error::InvalidCertificate(c) => match c {
            CertificateError::UnknownIssuer => {
                let roots = match root_cert {
                    Some(p) => crate::text::sanitize_line(&p.display().to_string()),
                    None => w.system_roots.to_owned(),
                };
                fill(w.tls_untrusted, &[("roots", &roots)])
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                w.tls_wrong_host.to_owned()
            }
            CertificateError::Expired
            | CertificateError::ExpiredContext { .. }
            | CertificateError::NotValidYet
            | CertificateError::NotValidYetContext { .. } => w.tls_expired.to_owned(),
            CertificateError::BadSignature => w.tls_bad_signature.to_owned(),
            other => fill(w.tls_failed, &[("error", &other.to_string())]),
        },
        other => fill(w.tls_failed, &[("error", &other.to_string())]),
    }
}

/// `prefer`, and `require` without roots: any certificate is accepted (as
/// libpq does), but the handshake's signatures are still verified with the
/// provider's algorithms, so the peer must hold the certificate's key.
#[derive(Debug)]
struct NoCheck {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for NoCheck {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// `verify-ca` (and `require` with roots): rustls' verifier, except that a
/// certificate for another host name is accepted. rustls checks the chain
/// before the name, so that error means the chain is good; every other
/// error stands.
#[derive(Debug)]
struct ChainOnly {
    inner: Arc<WebPkiServerVerifier>,
}

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};

    /// A root named `name` able to sign leaf certificates.
    fn root(name: &str) -> CertifiedIssuer<'static, KeyPair> {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap()
    }

    /// A leaf certificate for `host` signed by `issuer`.
    fn leaf(host: &str, issuer: &CertifiedIssuer<'static, KeyPair>) -> CertificateDer<'static> {
        let key = KeyPair::generate().unwrap();
        CertificateParams::new(vec![host.to_owned()])
            .unwrap()
            .signed_by(&key, issuer)
            .unwrap()
            .der()
            .clone()
    }

    /// The certificates of `roots` in one PEM file.
    fn pem_file(dir: &Path, roots: &[&CertifiedIssuer<'static, KeyPair>]) -> std::path::PathBuf {
        let path = dir.join("root.pem");
        let text: String = roots.iter().map(|r| r.pem()).collect();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// What the verifier of `mode` with the roots of `file` says of `cert`
    /// presented for `host`.
    fn check(
        mode: TlsMode,
        file: &Path,
        cert: &CertificateDer<'_>,
        host: &str,
    ) -> Result<(), rustls::Error> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let v = verifier(mode, Some(file), &provider, Language::En).unwrap();
        v.verify_server_cert(
            cert,
            &[],
            &ServerName::try_from(host.to_owned()).unwrap(),
            &[],
            UnixTime::now(),
        )
        .map(|_| ())
    }

    #[test]
    fn verify_ca_checks_the_chain_and_verify_full_also_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let (ours, other) = (root("ours"), root("other"));
        let file = pem_file(dir.path(), &[&other, &ours]);
        let for_db = leaf("db.example", &ours);
        let for_other_host = leaf("elsewhere.example", &ours);
        for mode in [TlsMode::VerifyCa, TlsMode::VerifyFull, TlsMode::Require] {
            assert_eq!(
                check(mode, &file, &for_db, "db.example"),
                Ok(()),
                "{mode:?}"
            );
        }
        // Signed by a root of the file, but for another host name.
        assert_eq!(
            check(TlsMode::VerifyCa, &file, &for_other_host, "db.example"),
            Ok(())
        );
        assert_eq!(
            check(TlsMode::Require, &file, &for_other_host, "db.example"),
            Ok(())
        );
        assert!(matches!(
            check(TlsMode::VerifyFull, &file, &for_other_host, "db.example"),
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }
            ))
        ));
    }

    #[test]
    fn a_certificate_of_an_unknown_root_fails_every_checking_mode() {
        let dir = tempfile::tempdir().unwrap();
        let (ours, unknown) = (root("ours"), root("unknown"));
        let file = pem_file(dir.path(), &[&ours]);
        let stranger = leaf("db.example", &unknown);
        for mode in [TlsMode::Require, TlsMode::VerifyCa, TlsMode::VerifyFull] {
            assert_eq!(
                check(mode, &file, &stranger, "db.example"),
                Err(rustls::Error::InvalidCertificate(
                    CertificateError::UnknownIssuer
                )),
                "{mode:?}"
            );
        }
        // prefer checks nothing (the file is not even read).
        let missing = dir.path().join("missing.pem");
        assert_eq!(
            check(TlsMode::Prefer, &missing, &stranger, "other.example"),
            Ok(())
        );
        // Nor does require without a root file.
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let v = verifier(TlsMode::Require, None, &provider, Language::En).unwrap();
        assert!(
            v.verify_server_cert(
                &stranger,
                &[],
                &ServerName::try_from("other.example").unwrap(),
                &[],
                UnixTime::now()
            )
            .is_ok()
        );
    }

    #[test]
    fn the_unchecking_verifiers_still_verify_signatures_with_the_provider() {
        let dir = tempfile::tempdir().unwrap();
        let file = pem_file(dir.path(), &[&root("ours")]);
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let expected = provider
            .signature_verification_algorithms
            .supported_schemes();
        assert!(!expected.is_empty());
        for (mode, file) in [
            (TlsMode::Prefer, None),
            (TlsMode::Require, None),
            (TlsMode::VerifyCa, Some(file.as_path())),
        ] {
            let v = verifier(mode, file, &provider, Language::En).unwrap();
            assert_eq!(v.supported_verify_schemes(), expected, "{mode:?}");
        }
    }

    #[test]
    fn a_bad_root_file_is_worded_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let garbage = dir.path().join("garbage.pem");
        std::fs::write(&garbage, "not a certificate\n").unwrap();
        let bad_block = dir.path().join("bad-block.pem");
        std::fs::write(
            &bad_block,
            "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        let missing = dir.path().join("missing.pem");
        for (lang, not_pem, unreadable) in [
            (
                Language::En,
                "is not a PEM certificate",
                "could not read sslrootcert",
            ),
            (Language::Nl, "is geen PEM-certificaat", "kon sslrootcert"),
        ] {
            for file in [&garbage, &bad_block] {
                let e = connector(TlsMode::VerifyFull, Some(file), lang)
                    .err()
                    .unwrap();
                let shown = format!("{e:#}");
                assert!(shown.contains(not_pem), "{shown}");
                assert!(shown.contains(&file.display().to_string()), "{shown}");
            }
            let e = connector(TlsMode::VerifyCa, Some(&missing), lang)
                .err()
                .unwrap();
            assert!(e.to_string().contains(unreadable), "{e}");
        }
    }

    #[test]
    fn handshake_failures_are_worded() {
        let for_host = rustls::Error::InvalidCertificate(CertificateError::NotValidForName);
        assert!(word_rustls(&for_host, None, Language::En).contains("another host name"));
        assert!(word_rustls(&for_host, None, Language::Nl).contains("andere hostnaam"));
        let unknown = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        let en = word_rustls(&unknown, None, Language::En);
        assert!(en.contains("the system's trust store"), "{en}");
        let nl = word_rustls(&unknown, Some(Path::new("/etc/ca.pem")), Language::Nl);
        assert!(nl.contains("/etc/ca.pem"), "{nl}");
        let expired = rustls::Error::InvalidCertificate(CertificateError::Expired);
        assert!(word_rustls(&expired, None, Language::En).contains("expired"));
    }
}
