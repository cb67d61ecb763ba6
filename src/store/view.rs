//! Reading calls: the database and the fallback journals together.
//!
//! A journal holds what could not go into the database: while another
//! program held the database's lock, while it was read-only, damaged or
//! the disk full. Until it is imported, the newest events and notes of a
//! call may be there and not in the database, so every read merges the
//! two: events by position (the database's where both have one), the notes
//! with the latest `saved_at`, and the call's row rebuilt from the merged
//! events. A call only in a journal (its database row never written) is
//! listed and can be resumed like any other.

use super::calls::{CallInfo, INFO_COLUMNS, StoredCall, info_from_row};
use super::journal::{self, JournalCall};
use super::{CallFilter, CallId, Store};
use crate::engine::{Event, EventKind, Timestamp};
use anyhow::Context;
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeMap;

/// A call as read from both sources, with its events' positions.
#[derive(Debug)]
pub(crate) struct Merged {
    /// The call's row (rebuilt from the events when a journal added some).
    pub info: CallInfo,
    /// Events by position.
    pub events: BTreeMap<u64, Event>,
    /// The newest notes and when they were saved.
    pub notes: Option<(String, Timestamp)>,
}

impl Store {
    /// Every row in the database (none when it cannot be read).
    fn db_infos(&self) -> anyhow::Result<Vec<CallInfo>> {
        let Ok(conn) = self.conn() else {
            return Ok(Vec::new());
        };
        let mut stmt = conn.prepare(&format!("SELECT {INFO_COLUMNS} FROM calls"))?;
        let rows = stmt.query_map([], info_from_row)?;
        rows.collect::<Result<_, _>>()
            .context("could not list the stored calls")
    }

    fn db_info(&self, id: &CallId) -> anyhow::Result<Option<CallInfo>> {
        let Ok(conn) = self.conn() else {
            return Ok(None);
        };
        let sql = format!("SELECT {INFO_COLUMNS} FROM calls WHERE id = ?1");
        Ok(conn
            .query_row(&sql, params![id.as_str()], info_from_row)
            .optional()?)
    }

    fn db_events(&self, id: &CallId) -> anyhow::Result<BTreeMap<u64, Event>> {
        let mut out = BTreeMap::new();
        let Ok(conn) = self.conn() else {
            return Ok(out);
        };
        let mut stmt =
            conn.prepare("SELECT seq, json FROM events WHERE call_id = ?1 ORDER BY seq")?;
        for row in stmt.query_map(params![id.as_str()], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })? {
            let (seq, json) = row?;
            let e: Event = serde_json::from_str(&json).map_err(|err| {
                // The position and the parser's complaint only: no stored text.
                anyhow::anyhow!(
                    "call {id}: stored event {seq} cannot be read (line {}, column {})",
                    err.line(),
                    err.column()
                )
            })?;
            out.insert(seq.max(0) as u64, e);
        }
        Ok(out)
    }

    fn db_notes(&self, id: &CallId) -> anyhow::Result<Option<(String, Timestamp)>> {
        let Ok(conn) = self.conn() else {
            return Ok(None);
        };
        Ok(conn
            .query_row(
                "SELECT text, saved_at FROM notes WHERE call_id = ?1",
                params![id.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// `id` read from the database and the journals (`journal` is what the
    /// journals hold about it). `None` when neither knows the call (or a
    /// journal has only a part of it, without its start).
    fn merge(&self, id: &CallId, journal: Option<&JournalCall>) -> anyhow::Result<Option<Merged>> {
        let db_info = self.db_info(id)?;
        let mut events = if db_info.is_some() {
            self.db_events(id)?
        } else {
            BTreeMap::new()
        };
        let mut notes = if db_info.is_some() {
            self.db_notes(id)?
        } else {
            None
        };
        let mut added = false;
        if let Some(j) = journal {
            for (seq, e) in &j.events {
                if !events.contains_key(seq) {
                    events.insert(*seq, e.clone());
                    added = true;
                }
            }
            if let Some((text, at)) = &j.notes
                && notes.as_ref().is_none_or(|(_, db_at)| at >= db_at)
            {
                notes = Some((text.clone(), *at));
                added = true;
            }
        }
        let info = match db_info {
            Some(info) if !added => info,
            db_info => {
                let Some(mut info) = project(id, events.values()) else {
                    return Ok(db_info.map(|info| Merged {
                        info,
                        events,
                        notes,
                    }));
                };
                if let Some(db) = &db_info {
                    info.last_activity = info.last_activity.max(db.last_activity);
                }
                if let Some((_, at)) = &notes {
                    info.last_activity = info.last_activity.max(*at);
                }
                info
            }
        };
        Ok(Some(Merged {
            info,
            events,
            notes,
        }))
    }

    /// Every call's row, merged with the journals.
    fn all_infos(&self) -> anyhow::Result<Vec<CallInfo>> {
        let overlay = journal::overlay(self.dir());
        let mut by_id: BTreeMap<CallId, CallInfo> = self
            .db_infos()?
            .into_iter()
            .map(|i| (i.id.clone(), i))
            .collect();
        for (id, j) in &overlay {
            if let Some(m) = self.merge(id, Some(j))? {
                by_id.insert(id.clone(), m.info);
            }
        }
        Ok(by_id.into_values().collect())
    }

    /// Calls matching `filter`, newest first; unfinished calls included.
    pub fn calls(&self, filter: &CallFilter) -> anyhow::Result<Vec<CallInfo>> {
        let mut v: Vec<CallInfo> = self
            .all_infos()?
            .into_iter()
            .filter(|c| filter.customer.is_none() || c.customer == filter.customer)
            .filter(|c| filter.since.is_none_or(|s| c.started_at >= s))
            .collect();
        v.sort_by(|a, b| b.started_at.cmp(&a.started_at).then(b.id.cmp(&a.id)));
        Ok(v)
    }

    /// Calls that have not ended (interrupted, or live in another process),
    /// most recently active first.
    pub fn unfinished_calls(&self) -> anyhow::Result<Vec<CallId>> {
        let mut v: Vec<CallInfo> = self
            .all_infos()?
            .into_iter()
            .filter(CallInfo::is_unfinished)
            .collect();
        v.sort_by(|a, b| b.last_activity.cmp(&a.last_activity).then(b.id.cmp(&a.id)));
        Ok(v.into_iter().map(|c| c.id).collect())
    }

    /// One call's row.
    pub fn call_info(&self, id: &CallId) -> anyhow::Result<Option<CallInfo>> {
        let overlay = journal::overlay(self.dir());
        match overlay.get(id) {
            // The database's row is the whole answer: its events and notes
            // (a megabyte of notes) need not be read.
            None => self.db_info(id),
            journal => Ok(self.merge(id, journal)?.map(|m| m.info)),
        }
    }

    /// Finds a call from what the user typed: `last` (the most recently
    /// started call), a full id, or an unambiguous beginning of one.
    pub fn find_call(&self, spec: &str) -> anyhow::Result<CallId> {
        let spec = spec.trim();
        let all = self.calls(&CallFilter::default())?;
        if spec.eq_ignore_ascii_case("last") {
            return all
                .into_iter()
                .next()
                .map(|c| c.id)
                .context("no calls are stored yet");
        }
        if !CallId::is_valid(spec) {
            anyhow::bail!(
                "`{}` is not a call id (see `callcoach calls list`)",
                crate::text::sanitize_line(spec)
            );
        }
        if let Some(exact) = all.iter().find(|c| c.id.as_str() == spec) {
            return Ok(exact.id.clone());
        }
        let matching: Vec<&CallInfo> = all
            .iter()
            .filter(|c| c.id.as_str().starts_with(spec))
            .collect();
        match matching.as_slice() {
            [] => anyhow::bail!("no stored call has id {spec} (see `callcoach calls list`)"),
            [one] => Ok(one.id.clone()),
            _ => anyhow::bail!("{spec} matches more than one call; type more of the id"),
        }
    }

    /// `id` with its events' positions, from the database and journals.
    pub(crate) fn load_merged(&self, id: &CallId) -> anyhow::Result<Merged> {
        let overlay = journal::overlay(self.dir());
        self.merge(id, overlay.get(id))?
            .with_context(|| format!("no stored call has id {id}"))
    }

    /// True when `call`, read earlier through this store, is still exactly
    /// what it holds: its events at positions 0, 1, … and no others, the
    /// same notes save, and no fallback journal of the call (whose part
    /// would have to be merged). `false` when that cannot be told (a
    /// database that cannot be read).
    pub fn is_current(&self, call: &StoredCall) -> bool {
        let Ok(conn) = self.conn() else {
            return false;
        };
        let id = call.id.as_str();
        let events = conn.query_row(
            "SELECT COUNT(*), MIN(seq), MAX(seq) FROM events WHERE call_id = ?1",
            params![id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ))
            },
        );
        let n = call.events.len() as i64;
        let same_events = match events {
            Ok((count, first, last)) => {
                count == n && (n == 0 || (first == Some(0) && last == Some(n - 1)))
            }
            Err(_) => false,
        };
        let saved_at = conn
            .query_row(
                "SELECT saved_at FROM notes WHERE call_id = ?1",
                params![id],
                |r| r.get::<_, Timestamp>(0),
            )
            .optional();
        let same_notes = matches!(saved_at, Ok(at) if at == call.notes_saved_at);
        let journaled = journal::list(self.dir())
            .iter()
            .any(|p| journal::call_of(p).as_ref() == Some(&call.id));
        same_events && same_notes && !journaled
    }

    /// Everything stored about `id`: events, notes, last activity (the
    /// database and the fallback journals together).
    pub fn load_call(&self, id: &CallId) -> anyhow::Result<StoredCall> {
        let m = self.load_merged(id)?;
        let (notes, notes_saved_at) = match m.notes {
            Some((t, at)) => (t, Some(at)),
            None => (String::new(), None),
        };
        Ok(StoredCall {
            id: id.clone(),
            last_activity: m.info.last_activity,
            info: m.info,
            events: m.events.into_values().collect(),
            notes,
            notes_saved_at,
        })
    }
}

/// A call's row rebuilt from its events (as the database keeps it in step
/// with each insert); `None` without a `Started` event.
pub(crate) fn project<'a>(
    id: &CallId,
    events: impl Iterator<Item = &'a Event>,
) -> Option<CallInfo> {
    let mut info: Option<CallInfo> = None;
    for e in events {
        if let EventKind::Started(meta) = &e.kind
            && info.is_none()
        {
            info = Some(CallInfo {
                id: id.clone(),
                playbook_id: meta.playbook_id.clone(),
                playbook_version: meta.playbook_version.clone(),
                customer: meta.customer.clone(),
                channel: meta.channel,
                started_at: e.at,
                ended_at: None,
                outcome: None,
                marked_difficult: false,
                follow_up_due: None,
                follow_up_closed: false,
                last_activity: e.at,
            });
        }
        let Some(i) = info.as_mut() else { continue };
        match &e.kind {
            EventKind::Ended { outcome } => {
                i.ended_at = Some(e.at);
                i.outcome = Some(*outcome);
            }
            EventKind::Reopened => {
                i.ended_at = None;
                i.outcome = None;
            }
            EventKind::MarkedDifficult { difficult } => i.marked_difficult = *difficult,
            EventKind::FollowUpPlanned(f) => {
                i.follow_up_due = Some(f.due.to_string());
                i.follow_up_closed = false;
            }
            EventKind::FollowUpClosed(_) => i.follow_up_closed = true,
            _ => {}
        }
        i.last_activity = i.last_activity.max(e.at);
    }
    info
}
