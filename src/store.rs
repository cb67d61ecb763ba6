//! Persistence of calls in a local SQLite database.
//!
//! The live call screen talks to a [`CallSink`]; the [`Recorder`] implements
//! it (SQLite first, an append-only fallback journal when the database cannot
//! be written), and [`MemorySink`] stands in for it in tests. [`Store`] is
//! the read side and the maintenance side: recovery, history, follow-ups,
//! practice results, purge and erase.
//!
//! Layout of the data directory (0700; every file 0600):
//! - `callcoach.db` (+ `-wal`, `-shm`): the database, WAL mode;
//! - `journal-<call id>.jsonl`: fallback journals, imported and removed as
//!   soon as the database works again (`journal-<call id>~<time>.jsonl`: an
//!   emergency file written when quitting with nothing else writable, maybe
//!   elsewhere and moved here by the agent);
//! - `locks/<call id>.lock`: held by the process recording that call.

mod calls;
pub mod exports;
mod facts;
pub mod files;
mod followups;
mod health;
mod journal;
mod lock;
pub mod outbox;
mod practice;
mod privacy;
mod recorder;
pub mod redaction;
pub mod retention;
pub mod schema;
mod versions;
mod view;

pub use calls::{CallFilter, CallInfo, CustomerHistory, PastCall, StoredCall};
pub use exports::ExportRecord;
pub use followups::FollowUpEntry;
pub use lock::is_live_elsewhere;
pub use practice::{PracticeFilter, PracticeRecord};
pub use privacy::{Age, EraseReport, Selection};
pub use recorder::Recorder;
pub use recorder::rescue_dirs;
pub use versions::VersionFacts;

use crate::engine::{Event, Timestamp};
use anyhow::Context;
use health::Db;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database file's name in the data directory.
pub const DB_FILE: &str = "callcoach.db";

/// Where the call screen saves summaries inside the data directory
/// (kept private, and cleaned by purge and erase).
pub const EXPORTS_DIR: &str = "exports";

/// How long a write waits for another process's lock before giving up
/// (then the recorder falls back to the journal).
pub const BUSY_TIMEOUT: Duration = Duration::from_millis(1500);

/// The result of one save, shown to the agent when it is not [`SaveStatus::Saved`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Committed to the database.
    Saved,
    /// The database could not be written; the data went to a fallback file.
    Fallback {
        /// Where it went (shown to the agent).
        path: String,
        /// Why the database failed (no notes text in it).
        reason: String,
    },
    /// Nothing could be written anywhere; the data is still in memory.
    Failed {
        /// Why (no notes text in it).
        reason: String,
    },
}

/// What rescuing unsaved data at the end of a call did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rescue {
    /// Nothing was unsaved.
    NotNeeded,
    /// The database or the fallback journal worked again.
    Saved(SaveStatus),
    /// Written to this emergency file (a journal: moved into the data
    /// directory, it is imported at the next start).
    Written(PathBuf),
    /// Nowhere could be written; why, per place tried (no notes text).
    Nowhere(String),
}

/// Where a live call's events and notes go as they happen.
pub trait CallSink {
    /// Appends events (in order) to the call's log.
    fn append(&mut self, events: &[Event]) -> SaveStatus;
    /// Saves the full current notes text.
    fn save_notes(&mut self, notes: &str, at: Timestamp) -> SaveStatus;
    /// True when some data could be written nowhere yet (only in memory).
    fn unsaved(&self) -> bool {
        false
    }
    /// Tries everything to get unsaved data onto disk before the program
    /// ends (see [`Recorder::rescue`]).
    fn rescue(&mut self) -> Rescue {
        Rescue::NotNeeded
    }
    /// The id the call is stored under, once it is known (a new call's
    /// recorder makes it when it stores the `Started` event).
    fn call_id(&self) -> Option<CallId> {
        None
    }
}

/// An in-memory sink for tests and for running without a store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemorySink {
    /// Every event appended.
    pub events: Vec<Event>,
    /// The last notes saved and when.
    pub notes: Option<(String, Timestamp)>,
}

impl CallSink for MemorySink {
    fn append(&mut self, events: &[Event]) -> SaveStatus {
        self.events.extend_from_slice(events);
        SaveStatus::Saved
    }

    fn save_notes(&mut self, notes: &str, at: Timestamp) -> SaveStatus {
        self.notes = Some((notes.to_owned(), at));
        SaveStatus::Saved
    }
}

/// A call's identifier: its local start time plus a random suffix, e.g.
/// `20261122-143005-7f3a`. Made without the database, so a call can start
/// (into the fallback journal) even when the database is unavailable, and
/// two processes never pick the same one.
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct CallId(pub String);

impl CallId {
    /// A new id for a call started at `at`.
    pub fn generate(at: Timestamp) -> CallId {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        h.write_i64(at);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        let stamp = jiff::Timestamp::from_millisecond(at)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(local_zone())
            .strftime("%Y%m%d-%H%M%S")
            .to_string();
        CallId(format!("{stamp}-{:04x}", h.finish() & 0xffff))
    }

    /// True when `s` has the shape of an id (so it is safe in a file name).
    pub fn is_valid(s: &str) -> bool {
        !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CallId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad` so that width and alignment (`{:<22}`) work in tables.
        f.pad(&self.0)
    }
}

/// The default data directory: `$XDG_DATA_HOME/callcoach`
/// (`~/.local/share/callcoach` on Linux). `--data-dir` and
/// `CALLCOACH_DATA_DIR` override it; see [`resolve_data_dir`].
pub fn default_data_dir() -> anyhow::Result<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy()
        .context("could not find your home directory for the data directory; use --data-dir")?;
    Ok(base.data_dir().join("callcoach"))
}

/// The data directory to use: the one given (flag or environment), else the default.
pub fn resolve_data_dir(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match given {
        Some(d) => Ok(d),
        None => default_data_dir(),
    }
}

/// The local time zone, read once per process. `TimeZone::system()`
/// builds jiff's whole zone database first (a walk of the zoneinfo tree,
/// milliseconds before a call screen can show) to name the zone
/// `/etc/localtime` points at; the rules alone need only that file. So
/// without `TZ` the file is read directly, and anything unusual falls
/// back to jiff's search.
pub fn local_zone() -> jiff::tz::TimeZone {
    static ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| {
        if std::env::var_os("TZ").is_none()
            && let Ok(data) = std::fs::read("/etc/localtime")
            && let Ok(tz) = jiff::tz::TimeZone::tzif("Local", &data)
        {
            return tz;
        }
        jiff::tz::TimeZone::system()
    })
    .clone()
}

/// The current time in milliseconds since the Unix epoch (shell only).
pub fn now_ms() -> Timestamp {
    jiff::Timestamp::now().as_millisecond()
}

/// The local call store.
///
/// Opened for writing ([`Store::open`]) it imports fallback journals and
/// repairs file modes; opened for reading ([`Store::open_read`]) it falls
/// back to a read-only database when the files cannot be written, and
/// [`Store::open_any`] even to the fallback journals alone when the
/// database cannot be read at all (to resume a call). Every read merges the
/// journals still in the directory, so the newest text of a call is
/// whichever of the two has it.
pub struct Store {
    db: Option<Db>,
    writable: bool,
    dir: PathBuf,
    notices: Vec<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("writable", &self.writable)
            .finish()
    }
}

impl Store {
    /// Opens (creating if needed) the store in `dir` for writing: creates
    /// the directory 0700 and the database 0600, checks the database
    /// (`quick_check`), migrates the schema, and imports any fallback
    /// journals left by earlier runs. A damaged database is reported,
    /// never replaced.
    pub fn open(dir: &Path) -> anyhow::Result<Store> {
        let conn = open_connection(dir)?;
        let mut store = Store {
            db: Some(Db::new(conn, dir)),
            writable: true,
            dir: dir.to_path_buf(),
            notices: Vec::new(),
        };
        if let Some(db) = store.db.as_mut() {
            let report = journal::replay_all(db.conn_mut(), dir);
            store.notices.extend(report.notices());
        }
        Ok(store)
    }

    /// Opens the store for reading: for writing when that works (so
    /// journals are imported), else the database read-only, without
    /// touching any file or mode (e.g. a database owned by another user).
    pub fn open_read(dir: &Path) -> anyhow::Result<Store> {
        let write_error = match Store::open(dir) {
            Ok(st) => return Ok(st),
            Err(e) => e,
        };
        let conn = open_read_only(dir).map_err(|_| write_error)?;
        let journals = journal::list(dir).len();
        let mut notices = vec![format!(
            "the store cannot be written here, so it is shown read-only{}",
            if journals > 0 {
                format!(
                    "; {journals} fallback journal(s) are shown but not imported into the database"
                )
            } else {
                String::new()
            }
        )];
        notices.extend(journal::unreadable_notices(dir));
        Ok(Store {
            db: Some(Db::new(conn, dir)),
            writable: false,
            dir: dir.to_path_buf(),
            notices,
        })
    }

    /// Like [`Store::open_read`], but when the database cannot be read at
    /// all (damaged, unreadable) the store still shows the calls in the
    /// fallback journals, with why in [`Store::notices`]. Used to find a
    /// call to resume, so a damaged database never splits a call in two.
    pub fn open_any(dir: &Path) -> Store {
        match Store::open_read(dir) {
            Ok(st) => st,
            Err(e) => {
                let mut notices = vec![crate::text::sanitize_line(&format!("{e:#}"))];
                notices.extend(journal::unreadable_notices(dir));
                Store {
                    db: None,
                    writable: false,
                    dir: dir.to_path_buf(),
                    notices,
                }
            }
        }
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// True when opened for writing (see [`Store::open_read`]).
    pub fn is_writable(&self) -> bool {
        self.writable
    }

    /// One-line notices from opening (e.g. journals imported or left in
    /// place, a read-only store); no notes text in them.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The underlying connection (for this module's parts); an error when
    /// the database could not be opened ([`Store::open_any`]).
    pub(crate) fn conn(&self) -> anyhow::Result<&Connection> {
        match &self.db {
            Some(db) => Ok(db.conn()),
            None => anyhow::bail!("the database cannot be read (see the notices)"),
        }
    }

    /// The connection for writing: an error on a read-only store.
    pub(crate) fn conn_mut(&mut self) -> anyhow::Result<&mut Connection> {
        match (&mut self.db, self.writable) {
            (Some(db), true) => Ok(db.conn_mut()),
            _ => anyhow::bail!(
                "the store in {} cannot be written (read-only or damaged); nothing was changed",
                self.dir.display()
            ),
        }
    }

    /// The connection for a write through `&self`: an error on a
    /// read-only store.
    pub(crate) fn conn_for_write(&self) -> anyhow::Result<&Connection> {
        match (&self.db, self.writable) {
            (Some(db), true) => Ok(db.conn()),
            _ => anyhow::bail!(
                "the store in {} cannot be written (read-only or damaged); nothing was changed",
                self.dir.display()
            ),
        }
    }

    /// Gives back the memory of the connection's page cache (a resumed
    /// call's megabyte of notes read through it would otherwise stay there
    /// while the call screen runs).
    pub fn shrink_memory(&self) {
        if let Some(db) = &self.db {
            shrink_memory(db.conn());
        }
    }

    /// The connection, for integrity checks in tests.
    #[doc(hidden)]
    pub fn conn_for_tests(&self) -> Option<&Connection> {
        self.db.as_ref().map(Db::conn)
    }

    /// Starts recording a new call whose first event is `started` (a
    /// `Started` event). Shortcut for [`Recorder::start`] in this directory.
    pub fn start_call(&self, started: &Event) -> (Recorder, SaveStatus) {
        Recorder::start(&self.dir, started)
    }

    /// A recorder that continues `id` (after a crash, or to reopen it).
    pub fn recorder(&self, id: &CallId) -> anyhow::Result<Recorder> {
        Recorder::resume(&self.dir, id)
    }
}

/// Opens the database in `dir` read-only: no file is created, no mode
/// changed, nothing migrated; the database must pass `quick_check`.
fn open_read_only(dir: &Path) -> anyhow::Result<Connection> {
    let db = dir.join(DB_FILE);
    if !db.is_file() {
        anyhow::bail!("no database in {}", dir.display());
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(&db, flags).map_err(|e| damaged(&db, &e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if conn
        .query_row("PRAGMA schema_version", [], |_| Ok(()))
        .is_err()
    {
        // A WAL database needs its `-shm` file, which a read-only
        // directory cannot get. Without a write-ahead log (the file was
        // closed cleanly) the file alone is the whole database: read it as
        // immutable, without locks or shared memory.
        let wal = dir.join(format!("{DB_FILE}-wal"));
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            anyhow::bail!(
                "the database {} cannot be read here: its write-ahead log needs a \
                 writable directory",
                db.display()
            );
        }
        let uri = format!("file:{}?immutable=1", uri_path(&db));
        conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
            .map_err(|e| damaged(&db, &e))?;
    }
    if let Some(why) = health::quick_check(&conn) {
        return Err(damaged(&db, &why));
    }
    schema::check_readable(&conn)?;
    Ok(conn)
}

/// `path` for a `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.display().to_string().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Opens a connection with the store's settings, creating the directory and
/// the database file with private modes first, checks it (`quick_check`,
/// header) and migrates the schema.
pub(crate) fn open_connection(dir: &Path) -> anyhow::Result<Connection> {
    files::ensure_private_dir(dir)?;
    let db = dir.join(DB_FILE);
    // Create the file ourselves so it is 0600 from the first byte (SQLite
    // gives `-wal` and `-shm` the database file's mode). Only when missing:
    // opening and closing an existing database file outside SQLite would
    // drop this process's POSIX locks on it, held by other connections,
    // and let another process delete the WAL under them.
    files::create_private_if_missing(&db)?;
    files::restrict_if_exists(&db)?;
    if let Some(why) = health::header_problem(&db) {
        return Err(damaged(&db, &why));
    }
    let mut conn = Connection::open_with_flags(
        &db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damaged(&db, &e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        // SQLite opens a file it may not write read-only, silently.
        anyhow::bail!(
            "the database {} is read-only here (its permissions, or the file system); \
             calls go to fallback journals until it can be written",
            db.display()
        );
    }
    configure(&conn).map_err(|e| damaged(&db, &e))?;
    if let Some(why) = health::quick_check(&conn) {
        // Never checkpoint into it.
        let _ = conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        );
        return Err(damaged(&db, &why));
    }
    schema::migrate(&mut conn).map_err(|e| {
        let msg = format!("{e:#}");
        anyhow::anyhow!("{msg} (database {})", db.display())
    })?;
    restrict_db_files(dir)?;
    restrict_exports(dir);
    Ok(conn)
}

/// Frees what SQLite holds in memory for `conn` that it can read again
/// (its page cache); a failure only costs the memory.
pub(crate) fn shrink_memory(conn: &Connection) {
    let _ = conn.execute_batch("PRAGMA shrink_memory");
}

/// Begins a write transaction that takes SQLite's write lock at once
/// (`BEGIN IMMEDIATE`), waiting up to [`BUSY_TIMEOUT`] for another writer.
/// A deferred transaction that reads before it writes cannot wait: SQLite
/// refuses to upgrade it while another connection writes and answers
/// "database is locked" at once, so two windows saving at the same moment
/// sent saves to the fallback journal for nothing.
pub(crate) fn write_tx(conn: &mut Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
}

/// The per-connection settings: WAL, full sync (a committed note survives a
/// power cut), zeroing deleted content, foreign keys.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // On a file system without shared memory SQLite may refuse WAL; it then
    // keeps its rollback journal, which is still safe, so the answer is not checked.
    // Switching a new database to WAL needs it to itself, and SQLite does
    // not wait for that: when several windows open a new data directory at
    // once, retry for as long as a save would wait.
    let until = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
            Ok(_) => break,
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && std::time::Instant::now() < until =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(e),
        }
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Makes sure the database and its companions are 0600 (they may predate
/// this version, or have been created by SQLite with a looser mode).
pub(crate) fn restrict_db_files(dir: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        files::restrict_if_exists(&dir.join(format!("{DB_FILE}{suffix}")))?;
    }
    Ok(())
}

/// Keeps files saved into the data directory's `exports/` private even if
/// they were created under a permissive umask.
fn restrict_exports(dir: &Path) {
    let exports = dir.join(EXPORTS_DIR);
    if !exports.is_dir() {
        return;
    }
    let _ = files::set_mode(&exports, files::DIR_MODE);
    if let Ok(rd) = std::fs::read_dir(&exports) {
        for e in rd.filter_map(Result::ok) {
            let _ = files::restrict_if_exists(&e.path());
        }
    }
}

/// The error for a database SQLite cannot use.
fn damaged(db: &Path, e: &dyn std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!(
        "the database {} cannot be used ({e}); it has not been changed. If the file or its \
         directory is read-only, fix the permissions; if the file is damaged, move it aside \
         (rename it) to start a new one. Calls recorded meanwhile are kept in journal files \
         in the same directory and imported once the database works",
        db.display()
    )
}
