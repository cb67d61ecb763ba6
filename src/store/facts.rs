//! The report's per-call facts, cached in the database.
//!
//! `report` over thousands of calls must not replay and grade every call
//! each time. The facts of a call ([`CallFacts`]) are computed once from
//! its events and kept in `call_facts`, stamped with the number and the
//! time of the events they came from and with [`facts_key`] (rules
//! version and playbook); a call with new events, or a cached record of
//! other rules, is computed again. The table is derived data: it holds no
//! notes and no customer text, can be dropped at any time, and is created
//! when first needed (so it needs no schema version of its own). A store
//! that cannot be written still reports, computing what is not cached.

use super::Store;
use crate::engine::Event;
use crate::playbook::Playbook;
use crate::report::{CallFacts, facts_key};
use rusqlite::params;

const CREATE: &str = "CREATE TABLE IF NOT EXISTS call_facts (
        call_id TEXT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
        stamp   TEXT NOT NULL,
        key     TEXT NOT NULL,
        facts   TEXT NOT NULL
    ) WITHOUT ROWID";

/// One call as the facts query sees it.
struct Row {
    id: String,
    playbook_id: String,
    stamp: String,
    cached: Option<(String, String)>,
}

impl Store {
    /// The facts of every stored call, oldest first, each with its
    /// playbook among `playbooks` (matched by id) when there is one; calls
    /// whose events hold no call are left out, and an event that cannot be
    /// read is an error (as for every reading command).
    pub fn call_facts<'p>(
        &self,
        playbooks: &'p [Playbook],
    ) -> anyhow::Result<Vec<(CallFacts, Option<&'p Playbook>)>> {
        // A read-only store cannot create the cache: compute everything.
        let cache = self
            .conn_for_write()
            .is_ok_and(|c| c.execute_batch(CREATE).is_ok());
        let rows = self.fact_rows(cache)?;
        let mut out = Vec::with_capacity(rows.len());
        let mut fresh: Vec<(String, String, String, String)> = Vec::new();
        for row in rows {
            let pb = playbooks.iter().find(|p| p.id == row.playbook_id);
            let key = facts_key(pb);
            let cached = row
                .cached
                .as_ref()
                .filter(|(k, _)| *k == key)
                .and_then(|(_, json)| serde_json::from_str::<CallFacts>(json).ok());
            if let Some(f) = cached {
                out.push((f, pb));
                continue;
            }
            let events = self.call_events(&row.id)?;
            let Some(f) = CallFacts::of_call(&events, pb) else {
                continue;
            };
            if let Ok(json) = serde_json::to_string(&f) {
                fresh.push((row.id, row.stamp, key, json));
            }
            out.push((f, pb));
        }
        if cache && !fresh.is_empty() {
            // Best effort: a failed write only means computing them again.
            let _ = self.put_facts(&fresh);
        }
        Ok(out)
    }

    fn fact_rows(&self, cache: bool) -> anyhow::Result<Vec<Row>> {
        // The stamp: how many events, the last position and time.
        let sql = if cache {
            "SELECT c.id, c.playbook_id,
                    (SELECT COUNT(*) || ':' || IFNULL(MAX(e.seq), '') || ':' || IFNULL(MAX(e.at), '')
                       FROM events e WHERE e.call_id = c.id),
                    f.stamp, f.key, f.facts
               FROM calls c LEFT JOIN call_facts f ON f.call_id = c.id
              ORDER BY c.started_at, c.id"
        } else {
            "SELECT c.id, c.playbook_id, '', NULL, NULL, NULL
               FROM calls c ORDER BY c.started_at, c.id"
        };
        let mut stmt = self.conn()?.prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            let stamp: String = r.get(2)?;
            let cached_stamp: Option<String> = r.get(3)?;
            let key: Option<String> = r.get(4)?;
            let facts: Option<String> = r.get(5)?;
            Ok(Row {
                id: r.get(0)?,
                playbook_id: r.get(1)?,
                cached: key
                    .zip(facts)
                    .filter(|_| cached_stamp.as_ref() == Some(&stamp)),
                stamp,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn call_events(&self, id: &str) -> anyhow::Result<Vec<Event>> {
        let mut stmt = self
            .conn()?
            .prepare_cached("SELECT json FROM events WHERE call_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map(params![id], |r| r.get::<_, String>(0))?;
        let mut events = Vec::new();
        for (seq, json) in rows.enumerate() {
            let e = serde_json::from_str(&json?).map_err(|err| {
                // The position and the parser's complaint only: no stored text.
                anyhow::anyhow!(
                    "call {id}: stored event {seq} cannot be read (line {}, column {})",
                    err.line(),
                    err.column()
                )
            })?;
            events.push(e);
        }
        Ok(events)
    }

    fn put_facts(&self, fresh: &[(String, String, String, String)]) -> anyhow::Result<()> {
        let tx = self.conn_for_write()?.unchecked_transaction()?;
        {
            let mut stmt = tx.prepare(
                "INSERT OR REPLACE INTO call_facts (call_id, stamp, key, facts)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (id, stamp, key, json) in fresh {
                stmt.execute(params![id, stamp, key, json])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Forgets every cached fact (tests and diagnostics).
    #[doc(hidden)]
    pub fn clear_call_facts(&self) -> anyhow::Result<()> {
        self.conn()?
            .execute_batch("DELETE FROM call_facts")
            .or_else(|_| Ok::<(), rusqlite::Error>(()))?;
        Ok(())
    }
}
