//! The recorder: the [`CallSink`] of one call. Every `append` and
//! `save_notes` is its own committed transaction. When the database cannot
//! be written (locked past the busy timeout, damaged, read-only, disk full)
//! the data goes to the call's fallback journal instead; when even that
//! fails it stays in memory and goes with the next save. Nothing is dropped.

use super::journal::{self, Entry, Payload};
use super::lock::{self, CallLock, LockError};
use super::{CallId, CallSink, SaveStatus, calls, now_ms, open_connection, write_tx};
use crate::engine::{Event, Timestamp};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Records one call (see the module docs).
pub struct Recorder {
    dir: PathBuf,
    call: CallId,
    conn: Option<Connection>,
    next_seq: u64,
    /// Written nowhere yet (both the database and the journal failed).
    pending: Vec<Entry>,
    /// Our journal holds entries the database does not have yet.
    journaled: bool,
    _lock: Option<CallLock>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("call", &self.call)
            .field("next_seq", &self.next_seq)
            .field("pending", &self.pending.len())
            .field("journaled", &self.journaled)
            .finish()
    }
}

impl Recorder {
    /// Starts a new call in `dir` with its `Started` event. Never fails:
    /// the status says where the event went.
    pub fn start(dir: &Path, started: &Event) -> (Recorder, SaveStatus) {
        let call = CallId::generate(started.at);
        let lock = lock::try_lock(dir, &call).ok();
        let mut r = Recorder {
            dir: dir.to_path_buf(),
            call,
            conn: None,
            next_seq: 0,
            pending: Vec::new(),
            journaled: false,
            _lock: lock,
        };
        let status = r.append(std::slice::from_ref(started));
        (r, status)
    }

    /// Continues recording `call` (after a crash, or to reopen it). Fails
    /// when another process is recording it, or the database cannot be read.
    pub fn resume(dir: &Path, call: &CallId) -> anyhow::Result<Recorder> {
        let lock = match lock::try_lock(dir, call) {
            Ok(l) => Some(l),
            Err(LockError::Held) => anyhow::bail!(
                "call {call} is open in another callcoach window; finish it there first"
            ),
            Err(LockError::Io) => None,
        };
        let mut conn = open_connection(dir)?;
        // Our own journal first, so positions continue after it.
        let own = journal::path_for(dir, call);
        let mut journaled = false;
        if own.exists() && journal::import(&mut conn, &own).is_err() {
            journaled = true;
        }
        let in_db = calls::max_seq(&conn, call)?;
        let in_journal = journal::max_seq(dir, call);
        let next_seq = in_db.max(in_journal).map_or(0, |s| s + 1);
        Ok(Recorder {
            dir: dir.to_path_buf(),
            call: call.clone(),
            conn: Some(conn),
            next_seq,
            pending: Vec::new(),
            journaled,
            _lock: lock,
        })
    }

    /// The call being recorded.
    pub fn call_id(&self) -> &CallId {
        &self.call
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// True when some data is only in memory (the last save failed).
    pub fn has_unsaved(&self) -> bool {
        !self.pending.is_empty()
    }

    /// True when some data is in the fallback journal, not yet in the database.
    pub fn in_fallback(&self) -> bool {
        self.journaled
    }

    /// Retries anything not yet saved (and imports our journal into the
    /// database once it works again).
    pub fn flush(&mut self) -> SaveStatus {
        if self.pending.is_empty() && !self.journaled {
            return SaveStatus::Saved;
        }
        self.write()
    }

    fn queue(&mut self, payload: Payload) {
        if matches!(payload, Payload::Notes { .. }) {
            // Only the latest notes matter; events are all kept.
            self.pending
                .retain(|e| !matches!(e.payload, Payload::Notes { .. }));
        }
        self.pending.push(Entry {
            call: self.call.clone(),
            time: now_ms(),
            payload,
        });
    }

    /// Writes everything pending: the database, else the journal, else
    /// nothing (kept for the next try).
    fn write(&mut self) -> SaveStatus {
        let reason = match self.write_db() {
            Ok(()) => {
                self.pending.clear();
                return SaveStatus::Saved;
            }
            Err(reason) => reason,
        };
        // A broken connection may work again if reopened next time.
        self.conn = None;
        if self.pending.is_empty() {
            // Only the earlier journal is waiting; it is safe where it is.
            return SaveStatus::Fallback {
                path: journal::path_for(&self.dir, &self.call)
                    .display()
                    .to_string(),
                reason,
            };
        }
        match journal::append(&self.dir, &self.call, &self.pending) {
            Ok(path) => {
                self.pending.clear();
                self.journaled = true;
                SaveStatus::Fallback {
                    path: path.display().to_string(),
                    reason,
                }
            }
            Err(e) => SaveStatus::Failed {
                reason: format!(
                    "{reason}; the fallback journal could not be written either ({e}); \
                     kept in memory, retrying with the next save"
                ),
            },
        }
    }

    /// One transaction: our earlier journal (if any), then the pending entries.
    fn write_db(&mut self) -> Result<(), String> {
        if self.conn.is_none() {
            self.conn = Some(open_connection(&self.dir).map_err(|e| short_reason(&e))?);
        }
        let Some(conn) = self.conn.as_mut() else {
            return Err("database not open".into());
        };
        if self.journaled {
            let path = journal::path_for(&self.dir, &self.call);
            journal::import(conn, &path).map_err(|e| short_reason(&e))?;
            self.journaled = false;
        }
        let tx = write_tx(conn).map_err(|e| e.to_string())?;
        for e in &self.pending {
            match &e.payload {
                Payload::Event { seq, event } => {
                    calls::insert_event(&tx, &self.call, *seq, event).map_err(|e| e.to_string())?;
                }
                Payload::Notes { text, saved_at } => {
                    calls::upsert_notes(&tx, &self.call, text, *saved_at)
                        .map_err(|e| e.to_string())?;
                }
            }
        }
        tx.commit().map_err(|e| e.to_string())
    }
}

/// The first line of an error chain, cleaned for display (errors never
/// carry notes text; control characters are stripped anyway).
fn short_reason(e: &anyhow::Error) -> String {
    crate::text::sanitize_line(&format!("{e}"))
}

impl CallSink for Recorder {
    fn append(&mut self, events: &[Event]) -> SaveStatus {
        for e in events {
            let seq = self.next_seq;
            self.next_seq += 1;
            self.queue(Payload::Event {
                seq,
                event: e.clone(),
            });
        }
        self.write()
    }

    fn save_notes(&mut self, notes: &str, at: Timestamp) -> SaveStatus {
        self.queue(Payload::Notes {
            text: notes.to_owned(),
            saved_at: at,
        });
        self.write()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        // A last try for anything only in memory.
        if !self.pending.is_empty() {
            let _ = self.write();
        }
    }
}
