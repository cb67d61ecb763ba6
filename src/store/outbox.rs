//! The team outbox: what is still to be pushed to the team database.
//!
//! Used only when a team database is configured; a local-only store never
//! gets these tables. They carry their own versioned migrations (tracked in
//! `team_outbox_meta`, not in `user_version`), so they stay independent of
//! the store's own schema steps and only ever add tables.
//!
//! Each ended call and finished practice session gets a row keyed by
//! (kind, key) with the `version` it had when queued (a call's
//! `last_activity`, a practice result's `finished_at`). A row is marked
//! sent only after the team database committed that version, and only if
//! the version did not change meanwhile; the team database ignores rows it
//! already has (keyed by agent, call id and event sequence). So a push
//! interrupted at any point is simply repeated: nothing is lost and
//! nothing is stored twice.

use super::Store;
use crate::engine::Timestamp;
use anyhow::Context as _;
use rusqlite::{OptionalExtension as _, params};

/// The outbox's own migrations, each from version `index` to `index + 1`.
pub const MIGRATIONS: &[&str] = &[
    // v1: the queue and the last sync's outcome.
    "CREATE TABLE team_outbox (
        kind        TEXT NOT NULL,
        key         TEXT NOT NULL,
        version     INTEGER NOT NULL,
        queued_at   INTEGER NOT NULL,
        sent_at     INTEGER,
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE INDEX team_outbox_pending ON team_outbox(kind, key) WHERE sent_at IS NULL;
    CREATE TABLE team_sync_state (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        last_attempt INTEGER,
        last_success INTEGER,
        last_error   TEXT
    );",
];

/// What one outbox row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// An ended call (key: call id).
    Call,
    /// A finished practice session (key: the local result id).
    Practice,
}

impl ItemKind {
    fn tag(self) -> &'static str {
        match self {
            ItemKind::Call => "call",
            ItemKind::Practice => "practice",
        }
    }
}

/// One queued item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// Call or practice result.
    pub kind: ItemKind,
    /// Call id or practice result id.
    pub key: String,
    /// The version queued.
    pub version: i64,
}

/// The outbox at a glance (for `team status`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboxStatus {
    /// Calls waiting to be sent.
    pub pending_calls: u64,
    /// Practice results waiting to be sent.
    pub pending_practice: u64,
    /// Items sent so far.
    pub sent: u64,
    /// When a sync last ran.
    pub last_attempt: Option<Timestamp>,
    /// When a sync last finished without error.
    pub last_success: Option<Timestamp>,
    /// The last sync's error, if it failed (no notes text, no password).
    pub last_error: Option<String>,
}

/// Creates or updates the outbox tables (idempotent, safe in parallel).
fn migrate(conn: &mut rusqlite::Connection) -> anyhow::Result<()> {
    loop {
        let tx = super::write_tx(conn).context("could not lock the store for the team outbox")?;
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS team_outbox_meta (
                id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
             INSERT OR IGNORE INTO team_outbox_meta (id, version) VALUES (1, 0);",
        )?;
        let v: i64 = tx.query_row("SELECT version FROM team_outbox_meta", [], |r| r.get(0))?;
        if v as usize > MIGRATIONS.len() {
            anyhow::bail!("the team outbox was written by a newer callcoach; update callcoach");
        }
        if v as usize == MIGRATIONS.len() {
            tx.commit()?;
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[v as usize])?;
        tx.execute("UPDATE team_outbox_meta SET version = ?1", params![v + 1])?;
        tx.commit()?;
    }
}

impl Store {
    /// Prepares the outbox tables (run before any other outbox method).
    pub fn outbox_ready(&mut self) -> anyhow::Result<()> {
        migrate(self.conn_mut()?)
    }

    /// Queues every ended call and practice result not yet sent at its
    /// current version, and forgets entries whose call or result was erased
    /// locally. Returns how many are pending.
    pub fn outbox_enqueue(&mut self, now: Timestamp) -> anyhow::Result<u64> {
        let tx = super::write_tx(self.conn_mut()?)?;
        tx.execute(
            "INSERT INTO team_outbox (kind, key, version, queued_at)
             SELECT 'call', id, last_activity, ?1 FROM calls WHERE ended_at IS NOT NULL
             ON CONFLICT (kind, key) DO UPDATE SET version = excluded.version,
                 queued_at = excluded.queued_at, sent_at = NULL
             WHERE excluded.version <> team_outbox.version",
            params![now],
        )?;
        tx.execute(
            "INSERT INTO team_outbox (kind, key, version, queued_at)
             SELECT 'practice', CAST(id AS TEXT), finished_at, ?1 FROM practice_results WHERE true
             ON CONFLICT (kind, key) DO UPDATE SET version = excluded.version,
                 queued_at = excluded.queued_at, sent_at = NULL
             WHERE excluded.version <> team_outbox.version",
            params![now],
        )?;
        tx.execute(
            "DELETE FROM team_outbox WHERE (kind = 'call' AND key NOT IN (SELECT id FROM calls))
             OR (kind = 'practice' AND key NOT IN (SELECT CAST(id AS TEXT) FROM practice_results))",
            [],
        )?;
        let n: i64 = tx.query_row(
            "SELECT count(*) FROM team_outbox WHERE sent_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(n as u64)
    }

    /// The items waiting to be sent, calls first, oldest first.
    pub fn outbox_pending(&self) -> anyhow::Result<Vec<Pending>> {
        let mut stmt = self.conn()?.prepare(
            "SELECT kind, key, version FROM team_outbox WHERE sent_at IS NULL
             ORDER BY kind, queued_at, key",
        )?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(0)?;
            Ok(Pending {
                kind: if kind == "call" {
                    ItemKind::Call
                } else {
                    ItemKind::Practice
                },
                key: r.get(1)?,
                version: r.get(2)?,
            })
        })?;
        rows.collect::<Result<_, _>>()
            .context("could not read the team outbox")
    }

    /// Marks `item` sent, unless it changed since it was read.
    pub fn outbox_mark_sent(&self, item: &Pending, now: Timestamp) -> anyhow::Result<()> {
        self.conn_for_write()?.execute(
            "UPDATE team_outbox SET sent_at = ?1, last_error = NULL
             WHERE kind = ?2 AND key = ?3 AND version = ?4",
            params![now, item.kind.tag(), item.key, item.version],
        )?;
        Ok(())
    }

    /// Records a failed attempt at `item`.
    pub fn outbox_mark_failed(&self, item: &Pending, error: &str) -> anyhow::Result<()> {
        self.conn_for_write()?.execute(
            "UPDATE team_outbox SET attempts = attempts + 1, last_error = ?1
             WHERE kind = ?2 AND key = ?3",
            params![error, item.kind.tag(), item.key],
        )?;
        Ok(())
    }

    /// Records how a sync run ended (`error` is `None` on success).
    pub fn outbox_record_run(&self, now: Timestamp, error: Option<&str>) -> anyhow::Result<()> {
        self.conn_for_write()?.execute(
            "INSERT INTO team_sync_state (id, last_attempt, last_success, last_error)
             VALUES (1, ?1, CASE WHEN ?2 IS NULL THEN ?1 END, ?2)
             ON CONFLICT (id) DO UPDATE SET last_attempt = ?1,
                 last_success = CASE WHEN ?2 IS NULL THEN ?1 ELSE last_success END,
                 last_error = ?2",
            params![now, error],
        )?;
        Ok(())
    }

    /// The outbox at a glance.
    pub fn outbox_status(&self) -> anyhow::Result<OutboxStatus> {
        let conn = self.conn()?;
        let count = |sql: &str| -> rusqlite::Result<u64> {
            conn.query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
        };
        let mut st = OutboxStatus {
            pending_calls: count(
                "SELECT count(*) FROM team_outbox WHERE kind = 'call' AND sent_at IS NULL",
            )?,
            pending_practice: count(
                "SELECT count(*) FROM team_outbox WHERE kind = 'practice' AND sent_at IS NULL",
            )?,
            sent: count("SELECT count(*) FROM team_outbox WHERE sent_at IS NOT NULL")?,
            ..OutboxStatus::default()
        };
        if let Some((a, s, e)) = conn
            .query_row(
                "SELECT last_attempt, last_success, last_error FROM team_sync_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
        {
            st.last_attempt = a;
            st.last_success = s;
            st.last_error = e;
        }
        Ok(st)
    }

    /// One practice result by its local id (for the push).
    pub fn practice_by_id(&self, id: i64) -> anyhow::Result<Option<super::PracticeRecord>> {
        self.conn()?
            .query_row(
                &format!(
                    "SELECT {} FROM practice_results WHERE id = ?1",
                    super::practice::PRACTICE_COLUMNS
                ),
                params![id],
                super::practice::practice_from_row,
            )
            .optional()
            .context("could not read the practice result")
    }
}
