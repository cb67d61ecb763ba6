//! Connecting to the team database: the libpq-style URL, TLS by `sslmode`
//! (rustls, in `conn/tls.rs`), and the password from `PGPASSWORD` or the
//! password file.
//!
//! The URL may be a `postgresql://` URL or `key=value` pairs, as libpq
//! accepts. A password written in the URL works but is discouraged: the
//! README tells teams to use `~/.pgpass` (or `PGPASSFILE`) or
//! `PGPASSWORD`. No password is ever stored, exported or printed: what the
//! program shows of the URL is [`redact`]ed.

use anyhow::Context as _;
use postgres::config::{Host, SslMode};
use std::path::{Path, PathBuf};
use std::str::FromStr as _;
use std::time::Duration;

use crate::i18n::team::{fill, words};
use crate::playbook::Language;

mod tls;

/// How the connection uses TLS (libpq's `sslmode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsMode {
    /// No TLS.
    Disable,
    /// TLS when the server offers it, without checking the certificate (libpq's default).
    Prefer,
    /// TLS always; the certificate is checked only when `sslrootcert` is given.
    Require,
    /// TLS, certificate chain checked, host name not.
    VerifyCa,
    /// TLS, certificate chain and host name checked.
    VerifyFull,
}

impl TlsMode {
    fn parse(s: &str, lang: Language) -> anyhow::Result<TlsMode> {
        Ok(match s {
            "disable" | "allow" => TlsMode::Disable,
            "prefer" => TlsMode::Prefer,
            "require" => TlsMode::Require,
            "verify-ca" => TlsMode::VerifyCa,
            "verify-full" => TlsMode::VerifyFull,
            other => anyhow::bail!(fill(
                words(lang).bad_sslmode,
                &[("mode", &format!("{:?}", crate::text::sanitize_line(other)))]
            )),
        })
    }
}

/// A parsed team database URL.
#[derive(Clone, Debug)]
pub struct Target {
    /// What the driver connects with (password included once resolved).
    pub config: postgres::Config,
    /// TLS mode.
    pub tls: TlsMode,
    /// `sslrootcert`, if given.
    pub root_cert: Option<PathBuf>,
}

/// The URL with any password replaced by `***`, safe to show or log.
pub fn redact(url: &str) -> String {
    let shown = if let Some(rest) = url
        .strip_prefix("postgresql://")
        .or_else(|| url.strip_prefix("postgres://"))
    {
        let scheme = &url[..url.len() - rest.len()];
        let (auth_end, _) = rest
            .char_indices()
            .find(|(_, c)| *c == '/' || *c == '?')
            .unwrap_or((rest.len(), ' '));
        let (authority, tail) = rest.split_at(auth_end);
        let authority = match authority.rsplit_once('@') {
            Some((userinfo, hosts)) => match userinfo.split_once(':') {
                Some((user, _)) => format!("{user}:***@{hosts}"),
                None => authority.to_owned(),
            },
            None => authority.to_owned(),
        };
        let tail = redact_pairs(tail, '&');
        format!("{scheme}{authority}{tail}")
    } else {
        redact_pairs(url, ' ')
    };
    crate::text::sanitize_line(&shown)
}

/// True when `url` carries a password (`user:password@` or a
/// `password=` parameter, in either form).
pub fn has_password(url: &str) -> bool {
    redact(url) != crate::text::sanitize_line(url)
}

/// Replaces the value of every `password=` pair separated by `sep`.
fn redact_pairs(s: &str, sep: char) -> String {
    let (head, query, qmark) = if sep == '&' {
        match s.split_once('?') {
            Some((h, q)) => (h, q, "?"),
            None => (s, "", ""),
        }
    } else {
        ("", s, "")
    };
    let parts: Vec<String> = query
        .split(sep)
        .map(|p| {
            if p.trim_start().to_ascii_lowercase().starts_with("password=") {
                "password=***".to_owned()
            } else {
                p.to_owned()
            }
        })
        .collect();
    format!("{head}{qmark}{}", parts.join(&sep.to_string()))
}

/// Takes `sslmode` and `sslrootcert` out of the URL (the driver knows only
/// some of libpq's modes; TLS is set up here), returning the rest.
fn split_tls(url: &str) -> (String, Option<String>, Option<String>) {
    let mut mode = None;
    let mut root = None;
    let mut take = |k: &str, v: &str| match k {
        "sslmode" => {
            mode = Some(v.to_owned());
            true
        }
        "sslrootcert" => {
            root = Some(v.to_owned());
            true
        }
        _ => false,
    };
    if url.starts_with("postgresql://") || url.starts_with("postgres://") {
        let Some((head, query)) = url.split_once('?') else {
            return (url.to_owned(), None, None);
        };
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| match p.split_once('=') {
                Some((k, v)) => !take(k, &percent_decode(v)),
                None => true,
            })
            .collect();
        let rest = if kept.is_empty() {
            head.to_owned()
        } else {
            format!("{head}?{}", kept.join("&"))
        };
        (rest, mode, root)
    } else {
        let kept: Vec<&str> = url
            .split_whitespace()
            .filter(|p| match p.split_once('=') {
                Some((k, v)) => !take(k.trim(), v.trim_matches('\'')),
                None => true,
            })
            .collect();
        (kept.join(" "), mode, root)
    }
}

/// Decodes `%XX` escapes (enough for paths in a query string).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(hex, 16)
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses `url` and fills in the password from the environment or the
/// password file when the URL has none. Errors are worded in `lang`.
pub fn parse(url: &str, lang: Language) -> anyhow::Result<Target> {
    let (rest, mode, root) = split_tls(url);
    let mut config = postgres::Config::from_str(&rest).map_err(|e| {
        anyhow::anyhow!(fill(
            words(lang).bad_url,
            &[("url", &redact(url)), ("error", &e.to_string())]
        ))
    })?;
    let tls = match mode.as_deref() {
        Some(m) => TlsMode::parse(m, lang)?,
        None => TlsMode::Prefer,
    };
    config.ssl_mode(match tls {
        TlsMode::Disable => SslMode::Disable,
        TlsMode::Prefer => SslMode::Prefer,
        _ => SslMode::Require,
    });
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    if config.get_application_name().is_none() {
        config.application_name("callcoach");
    }
    if config.get_password().is_none()
        && let Some(pw) = password_for(&config)
    {
        config.password(pw);
    }
    Ok(Target {
        config,
        tls,
        root_cert: root.map(PathBuf::from),
    })
}

/// The password for `config` from `PGPASSWORD`, else the password file.
fn password_for(config: &postgres::Config) -> Option<String> {
    if let Ok(pw) = std::env::var("PGPASSWORD")
        && !pw.is_empty()
    {
        return Some(pw);
    }
    let file = match std::env::var_os("PGPASSFILE") {
        Some(f) => PathBuf::from(f),
        None => std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass"))?,
    };
    let text = read_private(&file)?;
    let user = config
        .get_user()
        .map(str::to_owned)
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_default();
    let db = config.get_dbname().unwrap_or(&user).to_owned();
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let hosts: Vec<String> = match config.get_hosts() {
        [] => vec!["localhost".to_owned()],
        hs => hs
            .iter()
            .flat_map(|h| match h {
                Host::Tcp(n) => vec![n.clone()],
                // libpq: `localhost` in the file also matches socket connections.
                Host::Unix(p) => vec![p.display().to_string(), "localhost".to_owned()],
            })
            .collect(),
    };
    hosts
        .iter()
        .find_map(|h| pgpass_lookup(&text, h, &port, &db, &user))
}

/// Reads the password file if it is private (libpq ignores it otherwise).
fn read_private(file: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt as _;
    let meta = std::fs::metadata(file).ok()?;
    if meta.permissions().mode() & 0o077 != 0 {
        return None;
    }
    std::fs::read_to_string(file).ok()
}

/// The password of the first line of a `.pgpass` text matching the
/// connection (`host:port:database:user:password`, `*` matches anything,
/// `\:` and `\\` escape).
pub fn pgpass_lookup(text: &str, host: &str, port: &str, db: &str, user: &str) -> Option<String> {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        cur.push(n);
                    }
                }
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        fields.push(cur);
        let [h, p, d, u, pw] = fields.as_slice() else {
            continue;
        };
        let m = |pat: &str, v: &str| pat == "*" || pat == v;
        if m(h, host) && m(p, port) && m(d, db) && m(u, user) {
            return Some(pw.clone());
        }
    }
    None
}

/// Connects to the team database at `url`; errors are worded in `lang`
/// (PostgreSQL's own reason follows as it is).
pub fn connect(url: &str, lang: Language) -> anyhow::Result<postgres::Client> {
    let target = parse(url, lang)?;
    connect_target(&target, lang)
        .with_context(|| fill(words(lang).connect_failed, &[("url", &redact(url))]))
}

/// Connects with an already parsed target. A failure in TLS (no TLS
/// offered though `sslmode` needs it, a certificate that does not check
/// out) is worded in `lang`; PostgreSQL's own reasons are kept as they are.
pub fn connect_target(t: &Target, lang: Language) -> anyhow::Result<postgres::Client> {
    if t.tls == TlsMode::Disable {
        return Ok(t.config.connect(postgres::NoTls)?);
    }
    let root_cert = t.root_cert.as_deref();
    let connector = tls::connector(t.tls, root_cert, lang)?;
    t.config
        .connect(connector)
        .map_err(|e| match tls::worded_failure(&e, t.tls, root_cert, lang) {
            Some(words) => anyhow::anyhow!(words),
            None => e.into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_hides_passwords_in_both_forms() {
        assert_eq!(
            redact("postgresql://ann:s3cret@db.example:5432/team?sslmode=require"),
            "postgresql://ann:***@db.example:5432/team?sslmode=require"
        );
        assert_eq!(
            redact("postgres://db/team?user=ann&password=s3cret"),
            "postgres://db/team?user=ann&password=***"
        );
        assert_eq!(
            redact("host=db user=ann password=s3cret dbname=team"),
            "host=db user=ann password=*** dbname=team"
        );
        assert!(!redact("postgresql://a:b@c/d").contains('b'));
    }

    #[test]
    fn sslmode_is_taken_out_and_understood() {
        let (rest, mode, root) =
            split_tls("postgresql://ann@db/team?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem");
        assert_eq!(rest, "postgresql://ann@db/team");
        assert_eq!(mode.as_deref(), Some("verify-full"));
        assert_eq!(root.as_deref(), Some("/etc/ca.pem"));
        let (rest, mode, _) = split_tls("host=db sslmode=disable dbname=team");
        assert_eq!(rest, "host=db dbname=team");
        assert_eq!(mode.as_deref(), Some("disable"));
        let nl = TlsMode::parse("bogus", Language::Nl)
            .unwrap_err()
            .to_string();
        assert!(nl.contains("onbekende sslmode \"bogus\""), "{nl}");
        let en = TlsMode::parse("bogus", Language::En)
            .unwrap_err()
            .to_string();
        assert!(en.contains("unknown sslmode \"bogus\""), "{en}");
        let t = parse("postgresql://ann@db/team?sslmode=verify-ca", Language::En).unwrap();
        assert_eq!(t.tls, TlsMode::VerifyCa);
        let t = parse("host=/tmp dbname=x", Language::Nl).unwrap();
        assert_eq!(t.tls, TlsMode::Prefer);
    }

    #[test]
    fn pgpass_matches_like_libpq() {
        let text = "# comment\n\
                    other:5432:team:ann:wrong\n\
                    db:5432:team:ann:right\\:one\n\
                    *:*:*:bob:bobs\n";
        assert_eq!(
            pgpass_lookup(text, "db", "5432", "team", "ann").as_deref(),
            Some("right:one")
        );
        assert_eq!(
            pgpass_lookup(text, "x", "1", "y", "bob").as_deref(),
            Some("bobs")
        );
        assert_eq!(pgpass_lookup(text, "db", "5433", "team", "ann"), None);
    }
}
