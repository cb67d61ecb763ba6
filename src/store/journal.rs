//! The fallback journal: when the database cannot be written, the recorder
//! appends each event and notes save as one JSON line to
//! `journal-<call id>.jsonl` (0600, synced) in the data directory. Opening
//! the store (or the recorder's next successful save) imports the lines in
//! one transaction and then removes the file.
//!
//! Line format (stable): `{"call": ID, "time": MS, "kind": "event",
//! "payload": {"seq": N, "event": EVENT}}` or `{"call": ID, "time": MS,
//! "kind": "notes", "payload": {"text": NOTES, "saved_at": MS}}`.

use super::calls::{self, Inserted};
use super::lock::{self, LockError};
use super::{CallId, files, write_tx};
use crate::engine::{Event, EventKind, Timestamp};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// File-name prefix and suffix of journals.
const PREFIX: &str = "journal-";
const SUFFIX: &str = ".jsonl";

/// What one journal line records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub(crate) enum Payload {
    /// Event number `seq` of the call.
    Event {
        /// Position in the call's log.
        seq: u64,
        /// The event.
        event: Event,
    },
    /// A full notes save.
    Notes {
        /// The notes.
        text: String,
        /// When they were saved.
        saved_at: Timestamp,
    },
}

/// One journal line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The call.
    pub call: CallId,
    /// When the line was written.
    pub time: Timestamp,
    /// What it records.
    #[serde(flatten)]
    pub payload: Payload,
}

/// The journal file of `call` in `dir`.
pub(crate) fn path_for(dir: &Path, call: &CallId) -> PathBuf {
    dir.join(format!("{PREFIX}{call}{SUFFIX}"))
}

/// Every journal file in `dir`, in name order.
pub(crate) fn list(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    v.sort();
    v
}

/// Appends `entries` to their call's journal as one write, then syncs.
pub(crate) fn append(dir: &Path, call: &CallId, entries: &[Entry]) -> std::io::Result<PathBuf> {
    let path = path_for(dir, call);
    let mut buf = Vec::new();
    for e in entries {
        serde_json::to_writer(&mut buf, e).map_err(std::io::Error::other)?;
        buf.push(b'\n');
    }
    let new = !path.exists();
    let mut f = files::open_append(&path)?;
    f.write_all(&buf)?;
    f.sync_data()?;
    if new {
        // Make the new file's directory entry durable too (power cut).
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(path)
}

/// What reading a journal found.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// The readable lines.
    pub entries: Vec<Entry>,
    /// A last line cut short (a crash mid-write): skipped.
    pub torn_tail: bool,
    /// Unreadable lines before the last (e.g. written by a newer version):
    /// the file must be kept.
    pub unreadable: usize,
}

/// Reads a journal's lines.
pub(crate) fn read(path: &Path) -> std::io::Result<Read> {
    let bytes = std::fs::read(path)?;
    let mut r = Read::default();
    let lines: Vec<&[u8]> = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .collect();
    let complete = bytes.ends_with(b"\n");
    for (i, line) in lines.iter().enumerate() {
        match serde_json::from_slice::<Entry>(line) {
            Ok(e) => r.entries.push(e),
            Err(_) if i + 1 == lines.len() && !complete => r.torn_tail = true,
            Err(_) => r.unreadable += 1,
        }
    }
    Ok(r)
}

/// The customer of the call a journal belongs to, if its `Started` event
/// is in it.
pub(crate) fn customer_of(entries: &[Entry]) -> Option<Option<String>> {
    entries.iter().find_map(|e| match &e.payload {
        Payload::Event { event, .. } => match &event.kind {
            EventKind::Started(meta) => Some(meta.customer.clone()),
            _ => None,
        },
        Payload::Notes { .. } => None,
    })
}

/// Imports one journal in a single transaction and removes it (kept when
/// some line could not be read, so nothing is thrown away).
pub(crate) fn import(conn: &mut Connection, path: &Path) -> anyhow::Result<ImportOutcome> {
    let r = read(path)?;
    let tx = write_tx(conn)?;
    let mut new = 0usize;
    for e in &r.entries {
        match &e.payload {
            Payload::Event { seq, event } => {
                if calls::insert_event(&tx, &e.call, *seq, event)? == Inserted::New {
                    new += 1;
                }
            }
            Payload::Notes { text, saved_at } => {
                calls::upsert_notes(&tx, &e.call, text, *saved_at)?;
                new += 1;
            }
        }
    }
    tx.commit()?;
    if r.unreadable > 0 {
        anyhow::bail!(
            "{} line(s) could not be read (written by a newer callcoach?); {new} other \
             change(s) imported",
            r.unreadable
        );
    }
    files::shred_and_remove(path)?;
    Ok(ImportOutcome {
        entries: new,
        unreadable: usize::from(r.torn_tail),
    })
}

/// What importing one journal did.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ImportOutcome {
    /// Lines that added or updated something.
    pub entries: usize,
    /// A last line cut short by a crash (0 or 1), skipped.
    pub unreadable: usize,
}

/// What importing every journal did.
#[derive(Debug, Default)]
pub(crate) struct ReplayReport {
    /// Imported journals with their outcome.
    pub imported: Vec<(PathBuf, ImportOutcome)>,
    /// Journals left in place, with why (no notes text).
    pub kept: Vec<(PathBuf, String)>,
}

impl ReplayReport {
    /// One-line notices for the agent.
    pub fn notices(&self) -> Vec<String> {
        let mut v = Vec::new();
        for (p, o) in &self.imported {
            if o.entries > 0 || o.unreadable > 0 {
                let mut s = format!(
                    "imported {} saved change(s) from the fallback journal {}",
                    o.entries,
                    p.display()
                );
                if o.unreadable > 0 {
                    s.push_str(&format!(" ({} incomplete line(s) skipped)", o.unreadable));
                }
                v.push(s);
            }
        }
        for (p, why) in &self.kept {
            v.push(format!(
                "fallback journal {} kept, not imported: {why}",
                p.display()
            ));
        }
        v
    }
}

/// What the journals in a directory hold about one call, for reading it
/// together with the database.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct JournalCall {
    /// Events by position.
    pub events: std::collections::BTreeMap<u64, Event>,
    /// The newest notes save (by `saved_at`; the later line on a tie).
    pub notes: Option<(String, Timestamp)>,
}

/// Everything readable in the journals of `dir`, per call (whatever the
/// file is called, each line names its call).
pub(crate) fn overlay(dir: &Path) -> std::collections::BTreeMap<CallId, JournalCall> {
    let mut out: std::collections::BTreeMap<CallId, JournalCall> = Default::default();
    for path in list(dir) {
        let Ok(r) = read(&path) else { continue };
        for e in r.entries {
            let jc = out.entry(e.call).or_default();
            match e.payload {
                Payload::Event { seq, event } => {
                    jc.events.entry(seq).or_insert(event);
                }
                Payload::Notes { text, saved_at } => {
                    if jc.notes.as_ref().is_none_or(|(_, at)| saved_at >= *at) {
                        jc.notes = Some((text, saved_at));
                    }
                }
            }
        }
    }
    out
}

/// Notices about journals with lines that cannot be read (a line cut short
/// by a crash, or written by a newer callcoach), for a store that does not
/// import them. No content, only counts and file names.
pub(crate) fn unreadable_notices(dir: &Path) -> Vec<String> {
    let mut v = Vec::new();
    for path in list(dir) {
        match read(&path) {
            Ok(r) if r.torn_tail || r.unreadable > 0 => v.push(format!(
                "fallback journal {}: {} line(s) could not be read and are skipped",
                path.display(),
                r.unreadable + usize::from(r.torn_tail)
            )),
            Ok(_) => {}
            Err(e) => v.push(format!(
                "fallback journal {} cannot be read: {e}",
                path.display()
            )),
        }
    }
    v
}

/// The call a journal file belongs to, from its name (`journal-ID.jsonl`,
/// or `journal-ID~STAMP.jsonl` for a rescue file).
pub(crate) fn call_of(path: &Path) -> Option<CallId> {
    let name = path.file_name()?.to_str()?;
    let id = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let id = id.split_once('~').map_or(id, |(id, _)| id);
    CallId::is_valid(id).then(|| CallId(id.to_owned()))
}

/// The name of a rescue file of `call` written at `at`: a journal that
/// does not clash with the call's own, imported like it once it is in the
/// data directory.
pub(crate) fn rescue_name(call: &CallId, at: Timestamp) -> String {
    format!("{PREFIX}{call}~{at}{SUFFIX}")
}

/// Imports every journal in `dir` whose call is not being recorded right
/// now (that recorder imports its own journal; taking it here could race
/// with its next append).
pub(crate) fn replay_all(conn: &mut Connection, dir: &Path) -> ReplayReport {
    let mut report = ReplayReport::default();
    for path in list(dir) {
        let Some(call) = call_of(&path) else {
            report
                .kept
                .push((path, "not a journal file name callcoach writes".into()));
            continue;
        };
        let _lock = match lock::try_lock(dir, &call) {
            Ok(l) => Some(l),
            Err(LockError::Held) => continue,
            Err(LockError::Io) => None,
        };
        match import(conn, &path) {
            Ok(o) => report.imported.push((path, o)),
            Err(e) => report.kept.push((path, format!("{e:#}"))),
        }
    }
    report
}
