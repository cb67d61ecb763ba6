//! The recorder: the [`CallSink`] of one call. Every `append` and
//! `save_notes` is its own committed transaction. When the database cannot
//! be written (locked past the busy timeout, damaged, read-only, disk full)
//! the data goes to the call's fallback journal instead; when even that
//! fails it stays in memory and goes with the next save, and quitting
//! rescues it into an emergency file ([`Recorder::rescue`]). Nothing is
//! dropped.
//!
//! The recorder keeps the call's whole log and latest notes in memory, so
//! whatever it writes to can be given everything: the first journal write
//! of a session holds the whole call (a journal alone can rebuild it), and
//! a new connection — after the database was moved aside, or came back —
//! first writes the whole log again (positions already stored are
//! skipped). Before every database write the file is checked
//! ([`super::health`]); a damaged file is never written or checkpointed
//! into again in this session.

use super::health::{self, Db, Health};
use super::journal::{self, Entry, Payload};
use super::lock::{self, CallLock, LockError};
use super::redaction;
use super::{
    CallId, CallSink, Rescue, SaveStatus, Store, StoredCall, calls, files, now_ms, write_tx,
};
use crate::engine::{Event, Timestamp};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Records one call (see the module docs).
pub struct Recorder {
    dir: PathBuf,
    call: CallId,
    db: Option<Db>,
    /// Every event of the call, by position.
    log: BTreeMap<u64, Event>,
    /// The latest notes and when they were saved.
    notes: Option<(String, Timestamp)>,
    /// Bumped with every notes save.
    notes_version: u64,
    /// Positions below this are in the database through this connection;
    /// `None`: the database may lack any part (write the whole log).
    db_upto: Option<u64>,
    /// The notes version the database has.
    db_notes: u64,
    /// Positions below this are in our journal; `None`: the journal does
    /// not hold the whole call yet (its next write holds everything).
    journal_upto: Option<u64>,
    /// The notes version the journal has.
    journal_notes: u64,
    /// Our journal holds data the database may not have.
    journaled: bool,
    /// Why the database was given up for this session (damage seen).
    damaged: Option<String>,
    /// (next position, notes version) written to a rescue file.
    rescued: Option<(u64, u64)>,
    /// The last rescue file written.
    rescue_file: Option<PathBuf>,
    _lock: Option<CallLock>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("call", &self.call)
            .field("events", &self.log.len())
            .field("db_upto", &self.db_upto)
            .field("journal_upto", &self.journal_upto)
            .field("journaled", &self.journaled)
            .field("damaged", &self.damaged.is_some())
            .finish()
    }
}

impl Recorder {
    fn new(dir: &Path, call: CallId, lock: Option<CallLock>) -> Recorder {
        Recorder {
            dir: dir.to_path_buf(),
            call,
            db: None,
            log: BTreeMap::new(),
            notes: None,
            notes_version: 0,
            db_upto: None,
            db_notes: 0,
            journal_upto: None,
            journal_notes: 0,
            journaled: false,
            damaged: None,
            rescued: None,
            rescue_file: None,
            _lock: lock,
        }
    }

    /// Starts a new call in `dir` with its `Started` event. Never fails:
    /// the status says where the event went.
    pub fn start(dir: &Path, started: &Event) -> (Recorder, SaveStatus) {
        let call = CallId::generate(started.at);
        let lock = lock::try_lock(dir, &call).ok();
        let mut r = Recorder::new(dir, call, lock);
        let status = r.append(std::slice::from_ref(started));
        (r, status)
    }

    /// Continues recording `call` (after a crash, or to reopen it), from
    /// what the database and the fallback journals hold together. Fails
    /// when another process is recording it, or neither knows the call; a
    /// database that cannot be written (read-only, damaged, locked) does
    /// not stop it: the call goes on into the journal.
    pub fn resume(dir: &Path, call: &CallId) -> anyhow::Result<Recorder> {
        let lock = resume_lock(dir, call)?;
        Recorder::resume_locked(dir, call, lock)
    }

    /// Continues recording `call` as it was read earlier through `store`
    /// (the copy the resume question showed), without reading it a second
    /// time — a megabyte of notes costs milliseconds before the screen can
    /// show. Only when that copy is still exactly what the store holds
    /// ([`Store::is_current`], checked under the call's lock); otherwise
    /// (another window recorded into it meanwhile, a fallback journal holds
    /// a part) `call` is read again and the recorder reads it as
    /// [`Recorder::resume`] does, so the screen and the recorder continue
    /// the same call. Fails as [`Recorder::resume`] does. The notes move
    /// into the recorder: the screen takes them from [`Recorder::notes`].
    pub fn resume_from(store: &Store, call: &mut StoredCall) -> anyhow::Result<Recorder> {
        let dir = store.dir();
        let lock = resume_lock(dir, &call.id)?;
        if !store.is_current(call) {
            *call = store.load_call(&call.id)?;
            call.notes = String::new();
            return Recorder::resume_locked(dir, &call.id, lock);
        }
        let mut r = Recorder::new(dir, call.id.clone(), lock);
        // `is_current` checked that the store has them at positions 0, 1, ….
        r.log = (0u64..).zip(call.events.iter().cloned()).collect();
        if let Some(at) = call.notes_saved_at {
            r.notes = Some((std::mem::take(&mut call.notes), at));
            r.notes_version = 1;
        }
        Ok(r)
    }

    /// The latest notes the recorder holds (as resumed, or last saved).
    pub fn notes(&self) -> &str {
        self.notes.as_ref().map_or("", |(text, _)| text.as_str())
    }

    fn resume_locked(
        dir: &Path,
        call: &CallId,
        lock: Option<CallLock>,
    ) -> anyhow::Result<Recorder> {
        let view = Store::open_any(dir);
        let merged = view.load_merged(call)?;
        drop(view);
        let mut r = Recorder::new(dir, call.clone(), lock);
        r.log = merged.events;
        if let Some(notes) = merged.notes {
            r.notes = Some(notes);
            r.notes_version = 1;
        }
        // An earlier session's journal may hold what the database lacks.
        r.journaled = journal::path_for(dir, call).exists();
        Ok(r)
    }

    /// The call being recorded.
    pub fn call_id(&self) -> &CallId {
        &self.call
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The position the next event gets.
    fn next_seq(&self) -> u64 {
        self.log.keys().next_back().map_or(0, |s| s + 1)
    }

    fn db_has_all(&self) -> bool {
        self.db_upto == Some(self.next_seq()) && self.db_notes == self.notes_version
    }

    fn journal_has_all(&self) -> bool {
        self.journal_upto == Some(self.next_seq()) && self.journal_notes == self.notes_version
    }

    /// True when some data is only in memory (the last save failed).
    pub fn has_unsaved(&self) -> bool {
        !self.db_has_all()
            && !self.journal_has_all()
            && self.rescued != Some((self.next_seq(), self.notes_version))
    }

    /// True when some data is in the fallback journal, not yet in the database.
    pub fn in_fallback(&self) -> bool {
        self.journaled && !self.db_has_all()
    }

    /// The emergency file [`Recorder::rescue`] wrote last, if any.
    pub fn rescue_file(&self) -> Option<&Path> {
        self.rescue_file.as_deref()
    }

    /// Why the database was given up for this session, if it was.
    pub fn damage(&self) -> Option<&str> {
        self.damaged.as_deref()
    }

    /// Retries anything not yet in the database (and removes our journal
    /// once the database has everything again).
    pub fn flush(&mut self) -> SaveStatus {
        if self.db_has_all() && !self.journaled {
            return SaveStatus::Saved;
        }
        self.write()
    }

    /// Writes what the database lacks; else what the journal lacks; else
    /// keeps it in memory for the next try.
    fn write(&mut self) -> SaveStatus {
        let reason = match self.write_db() {
            Ok(()) => {
                if self.journaled {
                    // The database has the whole call now, the journal's
                    // part included (it came from this log) — unless the
                    // journal has lines this version cannot read: those
                    // are never thrown away.
                    let path = journal::path_for(&self.dir, &self.call);
                    let unreadable = journal::read(&path).is_ok_and(|r| r.unreadable > 0);
                    if unreadable || files::shred_and_remove(&path).is_ok() || !path.exists() {
                        self.journaled = false;
                        self.journal_upto = None;
                    }
                }
                return SaveStatus::Saved;
            }
            Err(reason) => reason,
        };
        match self.write_journal() {
            Ok(path) => SaveStatus::Fallback {
                path: path.display().to_string(),
                reason,
            },
            Err(e) => SaveStatus::Failed {
                reason: format!(
                    "{reason}; the fallback journal could not be written either ({e}); \
                     kept in memory, retrying with the next save"
                ),
            },
        }
    }

    /// One transaction with everything the database lacks (the whole log
    /// on a new connection).
    fn write_db(&mut self) -> Result<(), String> {
        if let Some(why) = &self.damaged {
            return Err(format!("the database is damaged ({why})"));
        }
        if self.db_has_all() {
            return Ok(());
        }
        if let Some(db) = &mut self.db {
            match db.health() {
                Health::Good => {}
                Health::Replaced => {
                    // Moved aside or replaced: write to the file there now,
                    // from the start.
                    self.db = None;
                }
                Health::Damaged(why) => {
                    db.mark_damaged();
                    self.db = None;
                    self.damaged = Some(why.clone());
                    return Err(format!("the database is damaged ({why})"));
                }
            }
        }
        if self.db.is_none() {
            let conn = super::open_connection(&self.dir).map_err(|e| short_reason(&e))?;
            self.db = Some(Db::new(conn, &self.dir));
            self.db_upto = None;
            self.db_notes = 0;
        }
        let from = self.db_upto.unwrap_or(0);
        let next = self.next_seq();
        let notes = (self.db_notes != self.notes_version)
            .then_some(self.notes.as_ref())
            .flatten();
        let Some(db) = self.db.as_mut() else {
            return Err("database not open".into());
        };
        let result = (|| -> rusqlite::Result<()> {
            let tx = write_tx(db.conn_mut())?;
            for (seq, e) in self.log.range(from..) {
                calls::insert_event(&tx, &self.call, *seq, e)?;
            }
            if let Some((text, at)) = notes {
                calls::upsert_notes(&tx, &self.call, text, *at)?;
            }
            tx.commit()
        })();
        match result {
            Ok(()) => {
                self.db_upto = Some(next);
                self.db_notes = self.notes_version;
                // The pages of a megabyte of notes stay in the connection's
                // cache (up to 2 MB) between saves a second apart; the next
                // save reads the few it needs from the file system's cache.
                if let Some(db) = &self.db {
                    super::shrink_memory(db.conn());
                }
                Ok(())
            }
            Err(e) => {
                if health::is_damage(&e) {
                    // A failed write counts as damage: no more writes, and
                    // no checkpoint into the file when the connection closes.
                    if let Some(db) = self.db.as_mut() {
                        db.mark_damaged();
                    }
                    self.db = None;
                    self.damaged = Some(e.to_string());
                }
                Err(e.to_string())
            }
        }
    }

    /// Appends what the journal lacks (the whole call on its first write).
    fn write_journal(&mut self) -> std::io::Result<PathBuf> {
        let from = self.journal_upto.unwrap_or(0);
        let mut entries = self.entries_from(from);
        if self.journal_upto.is_some() && self.journal_notes == self.notes_version {
            entries.retain(|e| matches!(e.payload, Payload::Event { .. }));
        }
        let path = journal::append(&self.dir, &self.call, &entries)?;
        self.journal_upto = Some(self.next_seq());
        self.journal_notes = self.notes_version;
        self.journaled = true;
        Ok(path)
    }

    /// Journal lines for the events from position `from` and the notes.
    fn entries_from(&self, from: u64) -> Vec<Entry> {
        let time = now_ms();
        let mut v: Vec<Entry> = self
            .log
            .range(from..)
            .map(|(seq, event)| Entry {
                call: self.call.clone(),
                time,
                payload: Payload::Event {
                    seq: *seq,
                    event: event.clone(),
                },
            })
            .collect();
        if let Some((text, at)) = &self.notes {
            v.push(Entry {
                call: self.call.clone(),
                time,
                payload: Payload::Notes {
                    text: text.clone(),
                    saved_at: *at,
                },
            });
        }
        v
    }

    /// Rescues data that is only in memory before the program ends: the
    /// database or journal if they work again, else the whole call as a
    /// journal file in the first place that can be written — the data
    /// directory, the config directory, `$TMPDIR`, the home directory.
    /// Moved into the data directory, that file is imported like any
    /// journal.
    pub fn rescue(&mut self) -> Rescue {
        let dirs = rescue_dirs(&self.dir);
        self.rescue_with(&dirs)
    }

    /// [`Recorder::rescue`] with the places to try given (tests).
    #[doc(hidden)]
    pub fn rescue_with(&mut self, dirs: &[PathBuf]) -> Rescue {
        if !self.has_unsaved() {
            return Rescue::NotNeeded;
        }
        let status = self.write();
        if !matches!(status, SaveStatus::Failed { .. }) {
            return Rescue::Saved(status);
        }
        let mut bytes = Vec::new();
        for e in self.entries_from(0) {
            if serde_json::to_writer(&mut bytes, &e).is_ok() {
                bytes.push(b'\n');
            }
        }
        let mut tried = Vec::new();
        for dir in dirs {
            let path = dir.join(journal::rescue_name(&self.call, now_ms()));
            match write_new(dir, &path, &bytes) {
                Ok(()) => {
                    self.rescued = Some((self.next_seq(), self.notes_version));
                    self.rescue_file = Some(path.clone());
                    return Rescue::Written(path);
                }
                Err(e) => tried.push(format!("{}: {e}", dir.display())),
            }
        }
        Rescue::Nowhere(tried.join("; "))
    }
}

/// Creates `path` in `dir` (0600) with `bytes`, synced; a part written
/// before a failure is removed.
fn write_new(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    if !dir.is_dir() {
        files::ensure_private_dir(dir).map_err(std::io::Error::other)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(files::FILE_MODE)
        .open(path)?;
    let r = f.write_all(bytes).and_then(|()| f.sync_all());
    if r.is_err() {
        drop(f);
        let _ = std::fs::remove_file(path);
    }
    r
}

/// Where a rescue file may go, in order: the data directory, callcoach's
/// config directory, `$TMPDIR` (else `/tmp`), the home directory.
pub fn rescue_dirs(data_dir: &Path) -> Vec<PathBuf> {
    let mut v = vec![data_dir.to_path_buf()];
    if let Ok(base) = etcetera::choose_base_strategy() {
        use etcetera::BaseStrategy;
        v.push(base.config_dir().join("callcoach"));
    }
    v.push(std::env::temp_dir());
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        v.push(PathBuf::from(home));
    }
    v.dedup();
    v
}

/// The first line of an error chain, cleaned for display (errors never
/// carry notes text; control characters are stripped anyway).
fn short_reason(e: &anyhow::Error) -> String {
    crate::text::sanitize_line(&format!("{e}"))
}

/// The lock of `call` for resuming it: an error when another process
/// records it; `None` when no lock file can be made (the call goes on).
fn resume_lock(dir: &Path, call: &CallId) -> anyhow::Result<Option<CallLock>> {
    match lock::try_lock(dir, call) {
        Ok(l) => Ok(Some(l)),
        Err(LockError::Held) => {
            anyhow::bail!("call {call} is open in another callcoach window; finish it there first")
        }
        Err(LockError::Io) => Ok(None),
    }
}

impl CallSink for Recorder {
    fn call_id(&self) -> Option<CallId> {
        Some(self.call.clone())
    }

    fn append(&mut self, events: &[Event]) -> SaveStatus {
        for e in events {
            let seq = self.next_seq();
            // The safety net: no card number, security code, IBAN or BSN
            // is ever kept, whatever the caller masked already.
            let (e, _) = redaction::redact_event(e, &[]);
            self.log.insert(seq, e);
        }
        self.write()
    }

    fn save_notes(&mut self, notes: &str, at: Timestamp) -> SaveStatus {
        let (notes, _) = redaction::redact_text(notes, &[]);
        self.notes = Some((notes, at));
        self.notes_version += 1;
        self.write()
    }

    fn unsaved(&self) -> bool {
        self.has_unsaved()
    }

    fn rescue(&mut self) -> Rescue {
        Recorder::rescue(self)
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        // A last try for anything only in memory.
        if self.has_unsaved() {
            let _ = self.write();
        }
    }
}
