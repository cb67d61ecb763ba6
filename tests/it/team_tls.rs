//! TLS to the team database by `sslmode`, end to end through
//! `team::conn::connect`: against a stand-in server in this process
//! (support/tls.rs: PostgreSQL's SSLRequest, a rustls handshake, a login)
//! on 127.0.0.1, since PostgreSQL does no TLS over the Unix socket the
//! test cluster listens on; and against that cluster for the fallback of
//! `prefer` and the refusal of `require` when no TLS is offered. The
//! system's trust store is tried through the real binary, whose
//! `SSL_CERT_FILE` stands in for it.

use crate::support::pg;
use crate::support::tls::{FakeServer, NO_SQL, Offer, ServerCert, Session, pem_file, root};
use callcoach::playbook::Language;
use callcoach::team::conn;
use std::path::Path;

/// Connects to `server` with `url` in `lang`: the error shown, if any,
/// and how the server saw the session.
fn attempt(server: FakeServer, url: &str, lang: Language) -> (Option<String>, Session) {
    let result = conn::connect(url, lang)
        .map(drop)
        .err()
        .map(|e| format!("{e:#}"));
    (result, server.finish())
}

#[test]
fn prefer_and_require_encrypt_without_checking_the_certificate() {
    let stranger = ServerCert::new("elsewhere.example", &root("unknown"));
    for mode in ["prefer", "require"] {
        let server = FakeServer::start(Offer::Tls(stranger.clone()));
        let url = server.url(mode, "");
        assert_eq!(
            attempt(server, &url, Language::En),
            (None, Session::Tls),
            "{mode}"
        );
    }
}

#[test]
fn prefer_falls_back_to_plain_and_require_refuses_when_no_tls_is_offered() {
    let server = FakeServer::start(Offer::NoTls);
    let url = server.url("prefer", "");
    assert_eq!(attempt(server, &url, Language::En), (None, Session::Plain));
    for (lang, words) in [
        (
            Language::En,
            "offers no TLS, but sslmode require asks for it",
        ),
        (
            Language::Nl,
            "biedt geen TLS aan, maar sslmode require vraagt erom",
        ),
    ] {
        let server = FakeServer::start(Offer::NoTls);
        let url = server.url("require", "");
        let (error, session) = attempt(server, &url, lang);
        let error = error.unwrap();
        assert!(error.contains(words), "{error}");
        assert_eq!(session, Session::Gone);
    }
}

#[test]
fn unchecked_modes_still_verify_the_handshake_signature() {
    // The certificate is fine for prefer, but the server does not hold its
    // key: the signature over the handshake fails.
    let impostor = ServerCert::new("localhost", &root("unknown")).with_foreign_key();
    for (mode, lang, words) in [
        (
            "prefer",
            Language::En,
            "a signature of the team database does not check out",
        ),
        (
            "require",
            Language::Nl,
            "een handtekening van de teamdatabase klopt niet",
        ),
    ] {
        let server = FakeServer::start(Offer::Tls(impostor.clone()));
        let url = server.url(mode, "");
        let (error, session) = attempt(server, &url, lang);
        let error = error.unwrap();
        assert!(error.contains(words), "{mode}: {error}");
        assert!(
            matches!(session, Session::HandshakeFailed(_)),
            "{session:?}"
        );
    }
}

#[test]
fn verify_ca_checks_the_chain_but_not_the_host_name() {
    let dir = tempfile::tempdir().unwrap();
    let ours = root("team root");
    let roots = pem_file(dir.path(), "roots.pem", &[&root("another root"), &ours]);
    let extra = format!("sslrootcert={}", roots.display());
    let other_host = ServerCert::new("elsewhere.example", &ours);
    // require with a root file is verify-ca (libpq).
    for mode in ["verify-ca", "require"] {
        let server = FakeServer::start(Offer::Tls(other_host.clone()));
        let url = server.url(mode, &extra);
        assert_eq!(
            attempt(server, &url, Language::En),
            (None, Session::Tls),
            "{mode}"
        );
    }
    let stranger = ServerCert::new("localhost", &root("unknown"));
    for mode in ["verify-ca", "require", "verify-full"] {
        let server = FakeServer::start(Offer::Tls(stranger.clone()));
        let url = server.url(mode, &extra);
        let (error, session) = attempt(server, &url, Language::En);
        let error = error.unwrap();
        let words = format!("is not signed by a root certificate of {}", roots.display());
        assert!(error.contains(&words), "{mode}: {error}");
        assert!(
            matches!(session, Session::HandshakeFailed(_)),
            "{session:?}"
        );
    }
}

#[test]
fn verify_full_checks_the_host_name_too() {
    let dir = tempfile::tempdir().unwrap();
    let ours = root("team root");
    let roots = pem_file(dir.path(), "root.pem", &[&ours]);
    let extra = format!("sslrootcert={}", roots.display());
    let server = FakeServer::start(Offer::Tls(ServerCert::new("localhost", &ours)));
    let url = server.url("verify-full", &extra);
    assert_eq!(attempt(server, &url, Language::En), (None, Session::Tls));
    for (lang, words) in [
        (Language::En, "is for another host name than the URL's"),
        (Language::Nl, "is voor een andere hostnaam dan in de URL"),
    ] {
        let server = FakeServer::start(Offer::Tls(ServerCert::new("elsewhere.example", &ours)));
        let url = server.url("verify-full", &extra);
        let (error, session) = attempt(server, &url, lang);
        let error = error.unwrap();
        assert!(error.contains(words), "{error}");
        assert!(
            matches!(session, Session::HandshakeFailed(_)),
            "{session:?}"
        );
    }
}

#[test]
fn the_real_server_over_its_unix_socket_falls_back_or_refuses() {
    // PostgreSQL answers the SSLRequest on a Unix socket with `N`.
    let db = pg::fresh_db();
    let url = |mode: &str| {
        format!(
            "host={} dbname={} user=root sslmode={mode}",
            db.host.display(),
            db.name
        )
    };
    let mut client = conn::connect(&url("prefer"), Language::En).unwrap();
    let one: i32 = client.query_one("SELECT 1", &[]).unwrap().get(0);
    assert_eq!(one, 1);
    let error = format!(
        "{:#}",
        conn::connect(&url("require"), Language::En).err().unwrap()
    );
    assert!(
        error.contains("offers no TLS, but sslmode require asks for it"),
        "{error}"
    );
}

/// `callcoach --lang LANG team init` against `url` with the system's trust
/// store replaced by `store` (`SSL_CERT_FILE`): what it printed.
fn init_with_store(url: &str, store: &Path, lang: &str) -> String {
    let data = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["--lang", lang, "team", "init"])
        .env("CALLCOACH_TEAM_URL", url)
        .env("SSL_CERT_FILE", store)
        .env_remove("SSL_CERT_DIR")
        .env_remove("PGPASSWORD")
        .output()
        .unwrap();
    assert!(!o.status.success());
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn without_sslrootcert_the_systems_trust_store_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let ours = root("system root");
    let store = pem_file(dir.path(), "store.pem", &[&ours]);
    let cert = ServerCert::new("localhost", &ours);
    // Trusted by the store: the handshake and login succeed, and the
    // stand-in's refusal of SQL is what fails `team init`.
    let server = FakeServer::start(Offer::Tls(cert.clone()));
    let out = init_with_store(&server.url("verify-full", ""), &store, "en");
    assert!(out.contains(NO_SQL), "{out}");
    assert_eq!(server.finish(), Session::Tls);
    // A store without our root.
    let other = pem_file(dir.path(), "other.pem", &[&root("another root")]);
    let server = FakeServer::start(Offer::Tls(cert));
    let out = init_with_store(&server.url("verify-ca", ""), &other, "nl");
    assert!(
        out.contains("niet ondertekend door een rootcertificaat uit de vertrouwde certificaten van het systeem"),
        "{out}"
    );
    assert!(matches!(server.finish(), Session::HandshakeFailed(_)));
    // An empty store: nothing to check against, said before connecting.
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let url = "host=localhost hostaddr=127.0.0.1 port=1 user=ann dbname=team sslmode=verify-full";
    let out = init_with_store(url, &empty, "en");
    assert!(
        out.contains("sslmode verify-full checks the team database's certificate, but the system's trust store holds no usable root certificate"),
        "{out}"
    );
}
