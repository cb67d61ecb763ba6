//! Cheap checks that the database file is still the one a connection
//! opened and still looks like a database, and a connection wrapper that
//! never checkpoints into a file that fails them.
//!
//! SQLite cannot notice that another program overwrote its file (or the
//! write-ahead log) while a connection is open: the next commit goes to the
//! WAL as usual, and closing the connection copies the WAL into the
//! damaged file, which then is "not a database" and the notes are gone.
//! So before every write the recorder compares the file's identity (device
//! and inode) with the one opened, and reads the first bytes of the file
//! and of the WAL; opening runs `PRAGMA quick_check`. Any failure counts as
//! damage: the recorder switches to the fallback journal and the
//! connection is closed without a checkpoint.

use super::DB_FILE;
use rusqlite::Connection;
use rusqlite::config::DbConfig;
use std::io::Read as _;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The header every SQLite 3 database file starts with.
const DB_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The two valid magic numbers of a write-ahead log (big-endian).
const WAL_MAGIC: [[u8; 4]; 2] = [[0x37, 0x7f, 0x06, 0x82], [0x37, 0x7f, 0x06, 0x83]];

/// A file's identity: device and inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Identity {
    dev: u64,
    ino: u64,
}

/// The identity of the file at `path`, if there is one.
pub(crate) fn identity(path: &Path) -> Option<Identity> {
    std::fs::metadata(path).ok().map(|m| Identity {
        dev: m.dev(),
        ino: m.ino(),
    })
}

/// What the check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Health {
    /// The file is the one opened and looks like a database.
    Good,
    /// The file was removed or replaced by another file (e.g. moved aside
    /// by the agent): this connection writes to a file nobody reads.
    Replaced,
    /// The file or its WAL no longer looks like SQLite's (why, no content).
    Damaged(String),
}

/// Checks the database in `dir` against the identity `opened`.
pub(crate) fn check(dir: &Path, opened: Identity) -> Health {
    let db = dir.join(DB_FILE);
    match identity(&db) {
        None => return Health::Replaced,
        Some(id) if id != opened => return Health::Replaced,
        Some(_) => {}
    }
    if let Some(why) = header_problem(&db) {
        return Health::Damaged(why);
    }
    let wal = dir.join(format!("{DB_FILE}-wal"));
    match first_bytes::<4>(&wal) {
        Some(magic) if !WAL_MAGIC.contains(&magic) => {
            Health::Damaged("its write-ahead log (-wal) was overwritten".into())
        }
        _ => Health::Good,
    }
}

/// Why the file at `db` is not a database, if it is not (an empty file is
/// fine: SQLite has not written it yet).
pub(crate) fn header_problem(db: &Path) -> Option<String> {
    let len = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    if len == 0 {
        return None;
    }
    match db_header(db) {
        Some(h) if &h == DB_MAGIC => None,
        _ => Some("the file no longer starts with SQLite's header (overwritten?)".into()),
    }
}

/// Descriptors of database files read by [`db_header`], kept open for the
/// life of the process. Closing *any* descriptor of a file drops every
/// POSIX lock this process holds on it — SQLite's locks included, held for
/// this process's connections — and another program could then delete the
/// WAL under them. So a database file is opened outside SQLite once and
/// never closed while it is in use (a file that was deleted is let go).
static HEADER_FDS: Mutex<Vec<(Identity, std::fs::File)>> = Mutex::new(Vec::new());

/// The first 16 bytes of the database file at `db`, read through a
/// descriptor that stays open (see [`HEADER_FDS`]).
fn db_header(db: &Path) -> Option<[u8; 16]> {
    use std::os::unix::fs::FileExt as _;
    let id = identity(db)?;
    let mut fds = HEADER_FDS.lock().ok()?;
    // Let go of files that no longer have a name (nobody can use them).
    fds.retain(|(_, f)| f.metadata().is_ok_and(|m| m.nlink() > 0));
    if !fds.iter().any(|(i, _)| *i == id) {
        let f = std::fs::File::open(db).ok()?;
        fds.push((id, f));
    }
    let (_, f) = fds.iter().find(|(i, _)| *i == id)?;
    let mut buf = [0u8; 16];
    f.read_exact_at(&mut buf, 0).ok()?;
    Some(buf)
}

/// The first `N` bytes of `path`; `None` when it is missing or shorter.
/// Only for files SQLite does not lock (the write-ahead log).
fn first_bytes<const N: usize>(path: &Path) -> Option<[u8; N]> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut buf = [0u8; N];
    f.read_exact(&mut buf).ok()?;
    Some(buf)
}

/// `PRAGMA quick_check`: `None` when the database is consistent, else the
/// first complaint (page numbers, no content).
pub(crate) fn quick_check(conn: &Connection) -> Option<String> {
    match conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0)) {
        Ok(s) if s == "ok" => None,
        Ok(s) => Some(crate::text::sanitize_line(&s)),
        Err(e) => Some(e.to_string()),
    }
}

/// True for SQLite errors that mean the file cannot be trusted any more
/// (as opposed to a lock held elsewhere, a full disk or a read-only file,
/// which pass).
pub(crate) fn is_damage(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(
            C::DatabaseBusy
            | C::DatabaseLocked
            | C::DiskFull
            | C::ReadOnly
            | C::PermissionDenied
            | C::CannotOpen
            | C::ConstraintViolation,
        ) => false,
        Some(_) => true,
        None => false,
    }
}

/// A connection that remembers which file it opened and, when it is
/// dropped, lets SQLite checkpoint the WAL into the file only if the file
/// is still that one and still looks like a database.
pub(crate) struct Db {
    conn: Connection,
    dir: PathBuf,
    opened: Option<Identity>,
    /// Set once damage was seen: never checkpoint, whatever the file says now.
    damaged: bool,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("dir", &self.dir)
            .field("damaged", &self.damaged)
            .finish()
    }
}

impl Db {
    /// Wraps `conn`, opened on the database in `dir` a moment ago.
    pub(crate) fn new(conn: Connection, dir: &Path) -> Db {
        Db {
            conn,
            dir: dir.to_path_buf(),
            opened: identity(&dir.join(DB_FILE)),
            damaged: false,
        }
    }

    /// The connection.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection, mutably.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The file's health now (see [`check`]).
    pub(crate) fn health(&self) -> Health {
        if self.damaged {
            return Health::Damaged("damage was seen earlier in this session".into());
        }
        match self.opened {
            Some(id) => check(&self.dir, id),
            None => Health::Replaced,
        }
    }

    /// Marks the file as damaged: it is never checkpointed into.
    pub(crate) fn mark_damaged(&mut self) {
        self.damaged = true;
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if self.health() != Health::Good {
            // Closing would copy the WAL into a file that is not ours or
            // not a database any more: keep the WAL where it is.
            let _ = self
                .conn
                .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        }
    }
}
