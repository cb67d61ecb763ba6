//! A stand-in PostgreSQL server for the TLS tests, in this process.
//!
//! It listens on 127.0.0.1 (a free port) for one connection and speaks just
//! enough of PostgreSQL's protocol for the driver's `connect` to succeed:
//! it answers the SSLRequest with `S` (then a rustls handshake with the
//! given certificate and key) or `N`, reads the startup message and sends
//! AuthenticationOk and ReadyForQuery; every query after that gets an
//! error ([`NO_SQL`]). [`FakeServer::finish`] tells how the session went.
//! The certificates are made with rcgen.
#![allow(dead_code)]

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// A root certificate authority.
pub type Root = CertifiedIssuer<'static, KeyPair>;

/// A root named `name`.
pub fn root(name: &str) -> Root {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap()
}

/// What the server presents: its certificate and the key it signs with.
#[derive(Clone)]
pub struct ServerCert {
    cert: CertificateDer<'static>,
    key: Vec<u8>,
}

impl ServerCert {
    /// A certificate for `host` signed by `root`, with its own key.
    pub fn new(host: &str, root: &Root) -> Self {
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec![host.to_owned()])
            .unwrap()
            .signed_by(&key, root)
            .unwrap();
        ServerCert {
            cert: cert.der().clone(),
            key: key.serialize_der(),
        }
    }

    /// The same certificate, but the server signs with another key (a
    /// server that does not own the certificate it shows).
    pub fn with_foreign_key(&self) -> Self {
        ServerCert {
            cert: self.cert.clone(),
            key: KeyPair::generate().unwrap().serialize_der(),
        }
    }
}

/// Writes the certificates of `roots` into one PEM file `dir/name`.
pub fn pem_file(dir: &Path, name: &str, roots: &[&Root]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, roots.iter().map(|r| r.pem()).collect::<String>()).unwrap();
    path
}

/// The server's certificate whatever the client asks (rustls' own
/// `with_single_cert` would refuse a key that does not match).
#[derive(Debug)]
struct Fixed(Arc<CertifiedKey>);

impl ResolvesServerCert for Fixed {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(Arc::clone(&self.0))
    }
}

/// What the server offers.
pub enum Offer {
    /// TLS with this certificate.
    Tls(ServerCert),
    /// No TLS (answers `N`, as PostgreSQL with `ssl = off`).
    NoTls,
}

/// How the one session went, seen from the server.
#[derive(Debug, PartialEq, Eq)]
pub enum Session {
    /// The client logged in over TLS.
    Tls,
    /// The client logged in without TLS.
    Plain,
    /// The TLS handshake failed (rustls' reason).
    HandshakeFailed(String),
    /// The client went away before its startup message.
    Gone,
}

/// The server, serving one connection in a thread.
pub struct FakeServer {
    /// Its port on 127.0.0.1.
    pub port: u16,
    thread: JoinHandle<Session>,
}

impl FakeServer {
    /// Starts the server with `offer`.
    pub fn start(offer: Offer) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let thread = std::thread::spawn(move || serve(&listener, offer));
        FakeServer { port, thread }
    }

    /// A libpq URL reaching this server under the name `localhost`, with
    /// `sslmode=mode` and `extra` pairs.
    pub fn url(&self, mode: &str, extra: &str) -> String {
        format!(
            "host=localhost hostaddr=127.0.0.1 port={} user=ann dbname=team sslmode={mode} {extra}",
            self.port
        )
    }

    /// Waits for the session to end and tells how it went.
    pub fn finish(self) -> Session {
        self.thread.join().unwrap()
    }
}

/// Serves one connection.
fn serve(listener: &TcpListener, offer: Offer) -> Session {
    let (mut sock, _) = listener.accept().unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut request = [0u8; 8];
    sock.read_exact(&mut request).unwrap();
    // Length 8, code 80877103: PostgreSQL's SSLRequest.
    assert_eq!(request, [0, 0, 0, 8, 4, 210, 22, 47], "not an SSLRequest");
    let cert = match offer {
        Offer::NoTls => {
            sock.write_all(b"N").unwrap();
            return log_in(&mut sock, Session::Plain);
        }
        Offer::Tls(cert) => cert,
    };
    sock.write_all(b"S").unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.key));
    let signer = provider.key_provider.load_private_key(key).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_cert_resolver(Arc::new(Fixed(Arc::new(CertifiedKey::new(
            vec![cert.cert],
            signer,
        )))));
    let mut conn = rustls::ServerConnection::new(Arc::new(config)).unwrap();
    while conn.is_handshaking() {
        if let Err(e) = conn.complete_io(&mut sock) {
            return Session::HandshakeFailed(e.to_string());
        }
    }
    log_in(&mut rustls::Stream::new(&mut conn, &mut sock), Session::Tls)
}

/// Reads the startup message and lets the client in; `outcome` when it
/// came, [`Session::Gone`] when the client left first.
fn log_in(stream: &mut impl ReadWrite, outcome: Session) -> Session {
    let mut len = [0u8; 4];
    if stream.read_exact(&mut len).is_err() {
        return Session::Gone;
    }
    let mut startup = vec![0u8; (u32::from_be_bytes(len) as usize).saturating_sub(4)];
    stream.read_exact(&mut startup).unwrap();
    // AuthenticationOk, then ReadyForQuery (idle).
    stream
        .write_all(&[b'R', 0, 0, 0, 8, 0, 0, 0, 0, b'Z', 0, 0, 0, 5, b'I'])
        .unwrap();
    stream.flush().unwrap();
    refuse_queries(stream);
    outcome
}

/// What the stand-in answers every query with (an ErrorResponse's text).
pub const NO_SQL: &str = "stand-in server: no SQL here";

/// Answers each simple query (`Q`) and each extended-protocol `Sync` with
/// an ErrorResponse ([`NO_SQL`]) and ReadyForQuery, until the client
/// terminates (`X`) or hangs up.
fn refuse_queries(stream: &mut impl ReadWrite) {
    let mut error = Vec::new();
    for (field, value) in [(b'S', "ERROR"), (b'C', "XX000"), (b'M', NO_SQL)] {
        error.push(field);
        error.extend_from_slice(value.as_bytes());
        error.push(0);
    }
    error.push(0);
    let mut reply = vec![b'E'];
    reply.extend_from_slice(&(error.len() as u32 + 4).to_be_bytes());
    reply.extend_from_slice(&error);
    reply.extend_from_slice(&[b'Z', 0, 0, 0, 5, b'I']);
    let mut head = [0u8; 5];
    while stream.read_exact(&mut head).is_ok() && head[0] != b'X' {
        let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
        let mut body = vec![0u8; len.saturating_sub(4)];
        if stream.read_exact(&mut body).is_err() {
            return;
        }
        if matches!(head[0], b'Q' | b'S') && stream.write_all(&reply).is_err() {
            return;
        }
    }
}

/// A byte stream both ways.
trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}
