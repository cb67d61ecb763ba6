//! Calls: writing events and notes (shared by the recorder and the journal
//! import), and reading them back for recovery, listing and history.

use super::{CallId, Store};
use crate::engine::{Agreement, CallOutcome, CallState, Event, EventKind, Timestamp};
use crate::playbook::Channel;
use rusqlite::{Connection, OptionalExtension, params};

/// One call's row: the facts fixed at the start and an index of what its
/// events say (outcome, follow-up). The call's state is rebuilt from the
/// events; these columns only serve listing and queries.
#[derive(
    Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct CallInfo {
    /// The call's id.
    pub id: CallId,
    /// Id of the playbook used.
    pub playbook_id: String,
    /// Version of the playbook used.
    pub playbook_version: String,
    /// Customer reference, if given.
    pub customer: Option<String>,
    /// Phone or in person.
    pub channel: Channel,
    /// When the call started (ms since the epoch).
    pub started_at: Timestamp,
    /// When it ended, if it has.
    pub ended_at: Option<Timestamp>,
    /// How it ended, if it has.
    pub outcome: Option<CallOutcome>,
    /// The customer was marked difficult in this call.
    pub marked_difficult: bool,
    /// Due date of the planned follow-up (`YYYY-MM-DD`), if any.
    pub follow_up_due: Option<String>,
    /// The follow-up check was done.
    pub follow_up_closed: bool,
    /// Latest event or notes save.
    pub last_activity: Timestamp,
}

impl CallInfo {
    /// True while the call has not ended (it may be live in another
    /// process, or was interrupted).
    pub fn is_unfinished(&self) -> bool {
        self.ended_at.is_none()
    }
}

/// Everything stored about one call.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredCall {
    /// The call's id.
    pub id: CallId,
    /// Its row.
    pub info: CallInfo,
    /// Its events in order (the first is `Started`).
    pub events: Vec<Event>,
    /// The notes as last saved (empty if never saved).
    pub notes: String,
    /// When the notes were last saved.
    pub notes_saved_at: Option<Timestamp>,
    /// Latest event or notes save.
    pub last_activity: Timestamp,
}

impl StoredCall {
    /// The call's state, rebuilt by replaying its events.
    pub fn state(&self) -> Option<CallState> {
        CallState::replay(&self.events)
    }

    /// The facts fixed at the call's start, as its `Started` event holds
    /// them (the same as its replayed state's, without the replay).
    pub fn meta(&self) -> Option<&crate::engine::CallMeta> {
        match &self.events.first()?.kind {
            crate::engine::EventKind::Started(meta) => Some(meta),
            _ => None,
        }
    }

    /// The content hash of the playbook version the call ran on.
    pub fn playbook_hash(&self) -> Option<&str> {
        self.meta()?.playbook_hash.as_deref()
    }
}

/// Which calls to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallFilter {
    /// Only this customer reference.
    pub customer: Option<String>,
    /// Only calls started at or after this moment.
    pub since: Option<Timestamp>,
}

/// One earlier call of a customer, for the history panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastCall {
    /// The call's id.
    pub id: CallId,
    /// When it started.
    pub started_at: Timestamp,
    /// When it ended, if it did.
    pub ended_at: Option<Timestamp>,
    /// How it ended.
    pub outcome: Option<CallOutcome>,
    /// Agreements recorded with the agreement form.
    pub agreements: Vec<Agreement>,
    /// Agreements written as `A:` lines in its notes.
    pub note_agreements: Vec<crate::notes::NoteAgreement>,
    /// The customer was marked difficult in it.
    pub marked_difficult: bool,
}

/// What is known about a customer from earlier calls.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerHistory {
    /// Earlier calls, newest first.
    pub calls: Vec<PastCall>,
    /// The customer was marked difficult in at least one earlier call.
    pub difficult_before: bool,
}

pub(crate) const INFO_COLUMNS: &str = "id, playbook_id, playbook_version, customer, channel, started_at, \
     ended_at, outcome, marked_difficult, follow_up_due, follow_up_closed, last_activity";

fn enum_from_str<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

pub(crate) fn info_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CallInfo> {
    let channel: String = r.get(4)?;
    let outcome: Option<String> = r.get(7)?;
    Ok(CallInfo {
        id: CallId(r.get(0)?),
        playbook_id: r.get(1)?,
        playbook_version: r.get(2)?,
        customer: r.get(3)?,
        channel: enum_from_str(&channel).unwrap_or_default(),
        started_at: r.get(5)?,
        ended_at: r.get(6)?,
        outcome: outcome.as_deref().and_then(enum_from_str),
        marked_difficult: r.get(8)?,
        follow_up_due: r.get(9)?,
        follow_up_closed: r.get(10)?,
        last_activity: r.get(11)?,
    })
}

/// The `type` tag of an event, stored beside its JSON for queries.
fn kind_tag(e: &Event) -> String {
    serde_json::to_value(e)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// How inserting one event went.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Inserted {
    /// New: stored.
    New,
    /// The same event was already stored at this position (a re-import).
    Duplicate,
}

/// Stores event `seq` of `call` and updates the call's row. A different
/// event already at `seq` is an error (never overwritten, never dropped).
pub(crate) fn insert_event(
    conn: &Connection,
    call: &CallId,
    seq: u64,
    e: &Event,
) -> rusqlite::Result<Inserted> {
    let json = serde_json::to_string(e)
        .map_err(|err| rusqlite::Error::ToSqlConversionFailure(Box::new(err)))?;
    let existing: Option<String> = conn
        .query_row(
            "SELECT json FROM events WHERE call_id = ?1 AND seq = ?2",
            params![call.as_str(), seq as i64],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(old) = existing {
        if old == json {
            return Ok(Inserted::Duplicate);
        }
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
            Some(format!(
                "call {call}: a different event is already stored at position {seq}"
            )),
        ));
    }
    // The row must exist before its first event (foreign key).
    if let EventKind::Started(meta) = &e.kind {
        conn.execute(
            "INSERT OR IGNORE INTO calls (id, playbook_id, playbook_version, customer, channel, \
             started_at, last_activity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                call.as_str(),
                meta.playbook_id,
                meta.playbook_version,
                meta.customer,
                meta.channel.as_str(),
                e.at
            ],
        )?;
    }
    conn.execute(
        "INSERT INTO events (call_id, seq, at, kind, json) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![call.as_str(), seq as i64, e.at, kind_tag(e), json],
    )?;
    project(conn, call, e)?;
    Ok(Inserted::New)
}

/// Keeps the call's index columns in step with one new event.
fn project(conn: &Connection, call: &CallId, e: &Event) -> rusqlite::Result<()> {
    let id = call.as_str();
    match &e.kind {
        EventKind::Ended { outcome } => {
            conn.execute(
                "UPDATE calls SET ended_at = ?2, outcome = ?3 WHERE id = ?1",
                params![id, e.at, outcome.as_str()],
            )?;
        }
        EventKind::Reopened => {
            conn.execute(
                "UPDATE calls SET ended_at = NULL, outcome = NULL WHERE id = ?1",
                params![id],
            )?;
        }
        EventKind::MarkedDifficult { difficult } => {
            conn.execute(
                "UPDATE calls SET marked_difficult = ?2 WHERE id = ?1",
                params![id, difficult],
            )?;
        }
        EventKind::FollowUpPlanned(f) => {
            conn.execute(
                "UPDATE calls SET follow_up_due = ?2, follow_up_closed = 0 WHERE id = ?1",
                params![id, f.due.to_string()],
            )?;
        }
        EventKind::FollowUpClosed(_) => {
            conn.execute(
                "UPDATE calls SET follow_up_closed = 1 WHERE id = ?1",
                params![id],
            )?;
        }
        _ => {}
    }
    touch(conn, call, e.at)
}

fn touch(conn: &Connection, call: &CallId, at: Timestamp) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE calls SET last_activity = max(last_activity, ?2) WHERE id = ?1",
        params![call.as_str(), at],
    )?;
    Ok(())
}

/// Saves the call's notes unless newer ones are already stored.
pub(crate) fn upsert_notes(
    conn: &Connection,
    call: &CallId,
    text: &str,
    at: Timestamp,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO notes (call_id, text, saved_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(call_id) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at
         WHERE excluded.saved_at >= notes.saved_at",
        params![call.as_str(), text, at],
    )?;
    touch(conn, call, at)
}

impl Store {
    /// Every stored call, oldest first (for reports over real calls).
    pub fn all_calls(&self) -> anyhow::Result<Vec<StoredCall>> {
        let mut infos = self.calls(&CallFilter::default())?;
        infos.reverse();
        infos.iter().map(|i| self.load_call(&i.id)).collect()
    }

    /// Earlier calls with customer `customer`, newest first, and whether
    /// the customer was marked difficult in any of them.
    pub fn customer_history(&self, customer: &str) -> anyhow::Result<CustomerHistory> {
        self.customer_history_except(customer, None)
    }

    /// [`Store::customer_history`] without call `except` (the call being
    /// resumed: its events and notes are not read again for it).
    pub fn customer_history_except(
        &self,
        customer: &str,
        except: Option<&CallId>,
    ) -> anyhow::Result<CustomerHistory> {
        let infos = self.calls(&CallFilter {
            customer: Some(customer.to_owned()),
            since: None,
        })?;
        let mut history = CustomerHistory::default();
        for info in infos.into_iter().filter(|i| Some(&i.id) != except) {
            let call = self.load_call(&info.id)?;
            let agreements = call.state().map(|s| s.agreements).unwrap_or_default();
            history.difficult_before |= info.marked_difficult;
            history.calls.push(PastCall {
                id: info.id,
                started_at: info.started_at,
                ended_at: info.ended_at,
                outcome: info.outcome,
                agreements,
                note_agreements: crate::notes::markers(&call.notes).agreements,
                marked_difficult: info.marked_difficult,
            });
        }
        Ok(history)
    }
}
