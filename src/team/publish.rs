//! Published playbooks and scenarios: `callcoach team publish FILE` (a
//! team lead) stores a validated file's exact text in the team database,
//! content-addressed by its SHA-256; `team sync` (and the background sync
//! after a call) fetches the latest publication of each and keeps it in
//! the data directory (`published/playbooks`, `published/scenarios`; the
//! directories 0700, the files 0600), where `call --playbook ID`,
//! `practice ID` and the other commands find them offline (see
//! `crate::load::names` for the order of precedence).
//!
//! Fetched text is untrusted: it is checked again (hash, size, the
//! playbook or scenario rules, a safe file name) before it is cached.

use crate::diagnostic::Diagnostic;
use crate::load::names::{Kind, published_root};
use anyhow::Context as _;
use postgres::Client;
use std::path::Path;

/// One publication: a file's exact text and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publication {
    /// Playbook or scenario.
    pub kind: Kind,
    /// Its id.
    pub id: String,
    /// Its language code (`nl`, `en`).
    pub language: String,
    /// Its `version` (scenarios have none: empty).
    pub version: String,
    /// SHA-256 of the text (`sha256:…`).
    pub hash: String,
    /// The exact text.
    pub content: String,
}

fn kind_tag(k: Kind) -> &'static str {
    match k {
        Kind::Playbook => "playbook",
        Kind::Scenario => "scenario",
    }
}

/// Checks `bytes` (named `name` in messages) as a playbook, else as a
/// scenario; the diagnostics of the kind it looks like when neither loads.
pub fn prepare(name: &str, bytes: &[u8]) -> Result<Publication, Vec<Diagnostic>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| vec![Diagnostic::file_level(name, "is not UTF-8 text")])?;
    let hash = crate::load::content_hash(bytes);
    let playbook = crate::playbook::load::parse(name, bytes);
    if let Ok(pb) = &playbook {
        return Ok(Publication {
            kind: Kind::Playbook,
            id: pb.id.clone(),
            language: pb.language.code().to_owned(),
            version: pb.version.clone(),
            hash,
            content: text.to_owned(),
        });
    }
    let scenario = crate::scenario::load::parse(name, bytes);
    match (playbook, scenario) {
        (_, Ok(sc)) => Ok(Publication {
            kind: Kind::Scenario,
            id: sc.id.clone(),
            language: sc.language.code().to_owned(),
            version: String::new(),
            hash,
            content: text.to_owned(),
        }),
        (Err(p), Err(s)) => {
            let looks_like_scenario = text.lines().any(|l| l.starts_with("persona:"));
            Err(if looks_like_scenario { s } else { p })
        }
        (Ok(_), Err(s)) => Err(s),
    }
}

/// Reads and checks the file at `path` for publishing.
pub fn prepare_file(path: &Path) -> Result<Publication, Vec<Diagnostic>> {
    let bytes = crate::load::read_limited(path)?;
    prepare(&path.display().to_string(), &bytes)
}

/// What [`publish`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Published {
    /// Stored as the new current version.
    New,
    /// The current version already has exactly this text.
    AlreadyCurrent,
}

/// Stores `p` as the current version of its kind, id and language.
/// Only team leads may (row-level security); for anyone else the error
/// says so (in `lang`).
pub fn publish(
    client: &mut Client,
    p: &Publication,
    lang: crate::playbook::Language,
) -> anyhow::Result<Published> {
    let mut tx = client.transaction()?;
    // Said up front (the database enforces it anyway: only leads may insert).
    let lead: bool = tx
        .query_one(
            "SELECT pg_has_role(current_user, $1, 'MEMBER')",
            &[&super::schema::LEAD_ROLE],
        )?
        .get(0);
    if !lead {
        anyhow::bail!("{}", not_a_lead(lang));
    }
    let current: Option<String> = tx
        .query_opt(
            "SELECT hash FROM callcoach.published WHERE kind = $1 AND id = $2 AND language = $3 \
             ORDER BY seq DESC LIMIT 1",
            &[&kind_tag(p.kind), &p.id, &p.language],
        )?
        .map(|r| r.get(0));
    if current.as_deref() == Some(p.hash.as_str()) {
        tx.commit()?;
        return Ok(Published::AlreadyCurrent);
    }
    let inserted = tx.execute(
        "INSERT INTO callcoach.published (kind, id, language, version, hash, content) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &kind_tag(p.kind),
            &p.id,
            &p.language,
            &p.version,
            &p.hash,
            &p.content,
        ],
    );
    match inserted {
        Ok(_) => {}
        Err(e) if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) => {
            anyhow::bail!("{}", not_a_lead(lang))
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit()?;
    Ok(Published::New)
}

fn not_a_lead(lang: crate::playbook::Language) -> String {
    crate::i18n::team::fill(
        crate::i18n::team::words(lang).not_a_lead,
        &[("role", super::schema::LEAD_ROLE)],
    )
}

/// The current publication of every kind, id and language.
pub fn latest(client: &mut Client) -> anyhow::Result<Vec<Publication>> {
    let rows = client.query(
        "SELECT DISTINCT ON (kind, id, language) kind, id, language, version, hash, content \
         FROM callcoach.published ORDER BY kind, id, language, seq DESC",
        &[],
    )?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let kind = match r.get::<_, &str>(0) {
                "playbook" => Kind::Playbook,
                "scenario" => Kind::Scenario,
                _ => return None,
            };
            Some(Publication {
                kind,
                id: r.get(1),
                language: r.get(2),
                version: r.get(3),
                hash: r.get(4),
                content: r.get(5),
            })
        })
        .collect())
}

/// A name safe as a file name: `[a-z0-9][a-z0-9_-]*`, at most 64 long.
fn safe_name(s: &str) -> bool {
    s.len() <= 64
        && s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The cache file name of a publication, if its id and language are safe.
fn file_name(p: &Publication) -> Option<String> {
    if !safe_name(&p.id) || !safe_name(&p.language) {
        return None;
    }
    Some(match p.kind {
        Kind::Playbook => format!("{}.yaml", p.id),
        Kind::Scenario => format!("{}.{}.yaml", p.id, p.language),
    })
}

/// True when a fetched publication is what it says: its hash matches its
/// text and the text loads as its kind with its id and language.
fn trustworthy(p: &Publication) -> bool {
    if crate::load::content_hash(p.content.as_bytes()) != p.hash {
        return false;
    }
    match prepare("<published>", p.content.as_bytes()) {
        Ok(q) => q.kind == p.kind && q.id == p.id && q.language == p.language,
        Err(_) => false,
    }
}

/// What [`cache`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cached {
    /// Files written (new or changed).
    pub updated: usize,
    /// Publications left out (bad hash, invalid text, unsafe name).
    pub refused: usize,
}

/// Writes the publications into the published cache of data directory
/// `data` (directories 0700, files 0600), replacing older versions.
pub fn cache(data: &Path, pubs: &[Publication]) -> anyhow::Result<Cached> {
    let mut out = Cached::default();
    for p in pubs {
        let Some(name) = file_name(p).filter(|_| trustworthy(p)) else {
            out.refused += 1;
            continue;
        };
        let dir = published_root(data).join(p.kind.folder());
        crate::store::files::ensure_private_dir(&dir)?;
        let path = dir.join(name);
        if std::fs::read(&path).ok().as_deref() == Some(p.content.as_bytes()) {
            continue;
        }
        // Written aside, then renamed: a reader sees the old or the new file.
        let tmp = dir.join(format!(".{}.tmp", p.hash.trim_start_matches("sha256:")));
        crate::store::files::write_private(&tmp, p.content.as_bytes())?;
        std::fs::rename(&tmp, &path)
            .with_context(|| format!("could not update {}", path.display()))?;
        out.updated += 1;
    }
    Ok(out)
}

/// Fetches the current publications and caches them in `data`.
pub fn refresh(client: &mut Client, data: &Path) -> anyhow::Result<Cached> {
    let pubs = latest(client).context("could not fetch the published playbooks")?;
    cache(data, &pubs)
}

#[cfg(test)]
mod tests;
