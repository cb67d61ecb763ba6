//! Versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! `MIGRATIONS[i]` takes a database from version `i` to `i + 1`. Migrations
//! are only ever appended: a released step is never edited, so a database
//! of any earlier version migrates the same way on every machine.

use anyhow::Context;
use rusqlite::Connection;

/// Each step, from version `index` to `index + 1`.
pub const MIGRATIONS: &[&str] = &[
    // v1: calls, their append-only event log, and the current notes.
    // `calls` holds the facts fixed at the start plus a few columns that
    // index the event log (outcome, follow-up due date, …) for listing and
    // history queries; the call state itself is always rebuilt by replaying
    // `events`.
    "CREATE TABLE calls (
        id               TEXT PRIMARY KEY,
        playbook_id      TEXT NOT NULL,
        playbook_version TEXT NOT NULL,
        customer         TEXT,
        channel          TEXT NOT NULL,
        started_at       INTEGER NOT NULL,
        ended_at         INTEGER,
        outcome          TEXT,
        marked_difficult INTEGER NOT NULL DEFAULT 0,
        follow_up_due    TEXT,
        follow_up_closed INTEGER NOT NULL DEFAULT 0,
        last_activity    INTEGER NOT NULL
    );
    CREATE TABLE events (
        call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        seq     INTEGER NOT NULL,
        at      INTEGER NOT NULL,
        kind    TEXT NOT NULL,
        json    TEXT NOT NULL,
        PRIMARY KEY (call_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE notes (
        call_id  TEXT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
        text     TEXT NOT NULL,
        saved_at INTEGER NOT NULL
    );",
    // v2: results of practice sessions (the practice module owns the JSON).
    "CREATE TABLE practice_results (
        id             INTEGER PRIMARY KEY,
        trainee        TEXT NOT NULL,
        scenario_id    TEXT NOT NULL,
        started_at     INTEGER NOT NULL,
        finished_at    INTEGER NOT NULL,
        moves_json     TEXT NOT NULL,
        score          INTEGER NOT NULL,
        passed         INTEGER NOT NULL,
        breakdown_json TEXT NOT NULL
    );",
    // v3: indexes for history, listing and follow-up queries.
    "CREATE INDEX calls_by_customer ON calls(customer, started_at);
    CREATE INDEX calls_by_start ON calls(started_at);
    CREATE INDEX calls_by_follow_up ON calls(follow_up_due) WHERE follow_up_due IS NOT NULL;
    CREATE INDEX practice_by_trainee ON practice_results(trainee, scenario_id);",
    // v4: files written outside the data directory (`--output`), so erase
    // and purge can name them; and the runs of the retention policy.
    "CREATE TABLE exports (
        id         INTEGER PRIMARY KEY,
        path       TEXT NOT NULL,
        call_id    TEXT,
        customer   TEXT,
        written_at INTEGER NOT NULL
    );
    CREATE INDEX exports_by_call ON exports(call_id);
    CREATE INDEX exports_by_customer ON exports(customer);
    CREATE TABLE retention_runs (
        id       INTEGER PRIMARY KEY,
        at       INTEGER NOT NULL,
        policy   TEXT NOT NULL,
        cutoff   INTEGER,
        calls    INTEGER NOT NULL,
        journals INTEGER NOT NULL,
        exports  INTEGER NOT NULL,
        outside  INTEGER NOT NULL
    );",
    // v5: the playbook versions calls ran on, by content hash, with their
    // exact text (`store::versions`), so old calls export on their version.
    "CREATE TABLE playbook_versions (
        hash        TEXT PRIMARY KEY,
        playbook_id TEXT NOT NULL,
        version     TEXT NOT NULL,
        yaml        TEXT NOT NULL,
        first_used  INTEGER NOT NULL
    ) WITHOUT ROWID;",
    // v6: what the resume question shows of a playbook version (its
    // language and stage titles, JSON; `store::versions::VersionFacts`),
    // so the question needs no parse of the text. Empty for versions
    // stored before.
    "ALTER TABLE playbook_versions ADD COLUMN facts TEXT;",
];

/// The version that added `playbook_versions`.
pub const PLAYBOOK_VERSIONS: u32 = 5;

/// The version that added `playbook_versions.facts`.
pub const VERSION_FACTS: u32 = 6;

/// The schema version this build writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// The database's schema version.
pub fn version(conn: &Connection) -> anyhow::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .context("could not read the database's schema version")
}

/// Migrates `conn` up to `target` (each step in its own transaction).
/// Refuses a database written by a newer callcoach. Safe when several
/// processes open a new database at once: each step is decided under the
/// write lock, so a step another process just applied is not run twice.
pub fn migrate_to(conn: &mut Connection, target: u32) -> anyhow::Result<()> {
    let target = target.min(LATEST);
    // The common case (up to date) reads only and takes no write lock.
    if check_known(version(conn)?)? >= target {
        return Ok(());
    }
    loop {
        let tx = super::write_tx(conn).context("could not lock the database to migrate it")?;
        let v = check_known(version(&tx)?)?;
        if v >= target {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[v as usize])
            .with_context(|| format!("database migration to version {} failed", v + 1))?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
}

/// `v` itself, or an error when a newer callcoach wrote the database.
fn check_known(v: u32) -> anyhow::Result<u32> {
    if v > LATEST {
        anyhow::bail!(
            "the database has schema version {v}, newer than this callcoach knows \
             ({LATEST}); update callcoach to open it"
        );
    }
    Ok(v)
}

/// Checks that a database opened read-only can be read by this build
/// (a database written by a newer callcoach is refused, as when writing).
pub fn check_readable(conn: &Connection) -> anyhow::Result<()> {
    check_known(version(conn)?).map(|_| ())
}

/// Migrates `conn` to [`LATEST`].
pub fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    migrate_to(conn, LATEST)
}

/// The schema version of an open store (for tests and diagnostics).
pub fn version_of(store: &super::Store) -> anyhow::Result<u32> {
    version(store.conn()?)
}
