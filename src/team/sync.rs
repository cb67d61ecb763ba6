//! Pushing the outbox to the team database, exactly once.
//!
//! Each item is pushed in one PostgreSQL transaction; the local outbox row
//! is marked sent only after that commit. Rows already in the team
//! database are kept as they are (`ON CONFLICT DO NOTHING`, keyed by agent,
//! call id and event sequence), so an item pushed but not yet marked (the
//! process was killed in between, or the network dropped the commit's
//! answer) is pushed again harmlessly.

use crate::engine::Event;
use crate::stage::StageId;
use crate::store::outbox::{ItemKind, Pending};
use crate::store::{PracticeRecord, Store, StoredCall, now_ms};
use anyhow::Context as _;
use postgres::Client;
use std::path::Path;

/// What one sync run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Calls pushed.
    pub calls: u64,
    /// Practice results pushed.
    pub practice: u64,
    /// Items that failed (left pending).
    pub failed: u64,
    /// Items still pending after the run.
    pub pending: u64,
}

/// Queues what is new and pushes everything pending. `after_commit` runs
/// after each item's team commit and before it is marked sent locally (the
/// tests stop the run there to prove a repeated push changes nothing).
pub fn run(
    store: &mut Store,
    client: &mut Client,
    after_commit: &mut dyn FnMut(&Pending),
) -> anyhow::Result<SyncReport> {
    store.outbox_ready()?;
    store.outbox_enqueue(now_ms())?;
    super::schema::require_current(client)?;
    let mut report = SyncReport::default();
    let mut first_error: Option<String> = None;
    for item in store.outbox_pending()? {
        let pushed = match item.kind {
            ItemKind::Call => push_call(store, client, &item),
            ItemKind::Practice => push_practice(store, client, &item),
        };
        match pushed {
            Ok(()) => {
                after_commit(&item);
                store.outbox_mark_sent(&item, now_ms())?;
                match item.kind {
                    ItemKind::Call => report.calls += 1,
                    ItemKind::Practice => report.practice += 1,
                }
            }
            Err(e) => {
                let msg = crate::text::sanitize_line(&format!("{e:#}"));
                store.outbox_mark_failed(&item, &msg)?;
                report.failed += 1;
                first_error.get_or_insert(msg);
                if client.is_closed() {
                    break;
                }
            }
        }
    }
    report.pending = store.outbox_enqueue(now_ms())?;
    store.outbox_record_run(now_ms(), first_error.as_deref())?;
    match first_error {
        Some(e) => Err(anyhow::anyhow!("{e}")),
        None => Ok(report),
    }
}

/// Records a sync that could not start (no connection, …) for `team status`.
pub fn record_failure(store: &mut Store, error: &anyhow::Error) {
    let msg = crate::text::sanitize_line(&format!("{error:#}"));
    let _ = store.outbox_ready();
    let _ = store.outbox_enqueue(now_ms());
    let _ = store.outbox_record_run(now_ms(), Some(&msg));
}

/// The event's `type` tag.
fn kind_tag(e: &Event) -> String {
    serde_json::to_value(e)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// Pushes one call (row and every event) in one transaction.
fn push_call(store: &Store, client: &mut Client, item: &Pending) -> anyhow::Result<()> {
    let id = crate::store::CallId(item.key.clone());
    let call = store.load_call(&id)?;
    let row = CallRow::from_stored(&call)?;
    let mut tx = client.transaction()?;
    tx.execute(
        "INSERT INTO callcoach.calls (call_id, playbook_id, playbook_version, playbook_hash, \
         customer, channel, started_at, ended_at, outcome, cause, marked_difficult, escalations, \
         notes, agreements, follow_up, follow_up_result, evaluation, stage_ms, skipped, \
         last_activity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
         $14::text::jsonb, $15::text::jsonb, $16::text::jsonb, $17::text::jsonb, \
         $18::text::jsonb, $19::text::jsonb, $20) \
         ON CONFLICT (agent, call_id) DO UPDATE SET ended_at = excluded.ended_at, \
         outcome = excluded.outcome, cause = excluded.cause, \
         marked_difficult = excluded.marked_difficult, escalations = excluded.escalations, \
         notes = excluded.notes, agreements = excluded.agreements, \
         follow_up = excluded.follow_up, follow_up_result = excluded.follow_up_result, \
         evaluation = excluded.evaluation, stage_ms = excluded.stage_ms, \
         skipped = excluded.skipped, last_activity = excluded.last_activity, synced_at = now() \
         WHERE callcoach.calls.last_activity < excluded.last_activity",
        &[
            &row.call_id,
            &row.playbook_id,
            &row.playbook_version,
            &row.playbook_hash,
            &row.customer,
            &row.channel,
            &row.started_at,
            &row.ended_at,
            &row.outcome,
            &row.cause,
            &row.marked_difficult,
            &row.escalations,
            &row.notes,
            &row.agreements,
            &row.follow_up,
            &row.follow_up_result,
            &row.evaluation,
            &row.stage_ms,
            &row.skipped,
            &row.last_activity,
        ],
    )?;
    let (mut seqs, mut ats, mut kinds, mut bodies) = (vec![], vec![], vec![], vec![]);
    for (seq, e) in call.events.iter().enumerate() {
        seqs.push(seq as i64);
        ats.push(e.at);
        kinds.push(kind_tag(e));
        bodies.push(serde_json::to_string(e)?);
    }
    tx.execute(
        "INSERT INTO callcoach.events (call_id, seq, at, kind, body) \
         SELECT $1, s, a, k, b::jsonb FROM unnest($2::bigint[], $3::bigint[], $4::text[], \
         $5::text[]) AS t(s, a, k, b) ON CONFLICT DO NOTHING",
        &[&row.call_id, &seqs, &ats, &kinds, &bodies],
    )?;
    tx.commit()
        .with_context(|| format!("could not push call {}", row.call_id))?;
    Ok(())
}

/// Pushes one practice result.
fn push_practice(store: &Store, client: &mut Client, item: &Pending) -> anyhow::Result<()> {
    let id: i64 = item
        .key
        .parse()
        .context("bad practice result id in the outbox")?;
    let Some(r) = store.practice_by_id(id)? else {
        // Erased locally since it was queued: nothing to send.
        return Ok(());
    };
    insert_practice(client, &r)
}

/// Inserts one practice result unless the team database has it.
pub fn insert_practice(client: &mut Client, r: &PracticeRecord) -> anyhow::Result<()> {
    client.execute(
        "INSERT INTO callcoach.practice (trainee, scenario_id, started_at, finished_at, score, \
         passed, moves, breakdown) VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, \
         $8::text::jsonb) ON CONFLICT DO NOTHING",
        &[
            &r.trainee,
            &r.scenario_id,
            &r.started_at,
            &r.finished_at,
            &i32::from(r.score),
            &r.passed,
            &r.moves_json,
            &r.breakdown_json,
        ],
    )?;
    Ok(())
}

/// A call as the team database stores it (JSON columns as text).
#[derive(Clone, Debug, PartialEq)]
pub struct CallRow {
    call_id: String,
    playbook_id: String,
    playbook_version: String,
    playbook_hash: Option<String>,
    customer: Option<String>,
    channel: String,
    started_at: i64,
    ended_at: Option<i64>,
    outcome: Option<String>,
    cause: Option<String>,
    marked_difficult: bool,
    escalations: i32,
    notes: String,
    agreements: String,
    follow_up: Option<String>,
    follow_up_result: Option<String>,
    evaluation: String,
    stage_ms: String,
    skipped: String,
    last_activity: i64,
}

impl CallRow {
    /// The row for a stored call, its state rebuilt from the events.
    pub fn from_stored(call: &StoredCall) -> anyhow::Result<CallRow> {
        let state = call
            .state()
            .with_context(|| format!("call {} has no start event", call.id))?;
        let end = state.ended.map_or(call.last_activity, |(at, _)| at);
        let stage_ms: serde_json::Map<String, serde_json::Value> = StageId::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), state.stage_time(*s, end).into()))
            .collect();
        let opt_json = |v: Option<serde_json::Value>| v.map(|v| v.to_string());
        Ok(CallRow {
            call_id: call.id.as_str().to_owned(),
            playbook_id: state.meta.playbook_id.clone(),
            playbook_version: state.meta.playbook_version.clone(),
            // Empty for calls recorded before hashes were kept.
            playbook_hash: state.meta.playbook_hash.clone(),
            customer: state.meta.customer.clone(),
            channel: state.meta.channel.as_str().to_owned(),
            started_at: state.started_at,
            ended_at: state.ended.map(|(at, _)| at),
            outcome: state.ended.map(|(_, o)| o.as_str().to_owned()),
            cause: state.cause.clone(),
            marked_difficult: state.marked_difficult,
            escalations: i32::try_from(state.escalations.len()).unwrap_or(i32::MAX),
            notes: call.notes.clone(),
            agreements: serde_json::to_string(&state.agreements)?,
            follow_up: opt_json(
                serde_json::to_value(&state.follow_up)
                    .ok()
                    .filter(|v| !v.is_null()),
            ),
            follow_up_result: opt_json(
                serde_json::to_value(&state.follow_up_result)
                    .ok()
                    .filter(|v| !v.is_null()),
            ),
            evaluation: serde_json::to_string(&state.evaluation)?,
            stage_ms: serde_json::Value::Object(stage_ms).to_string(),
            skipped: serde_json::to_string(&state.skipped_items())?,
            last_activity: call.last_activity,
        })
    }
}

/// Holds the data directory's sync lock while alive.
#[derive(Debug)]
pub struct SyncLock {
    _file: std::fs::File,
}

/// Takes the sync lock of data directory `dir` without waiting; `None`
/// when another sync holds it.
pub fn try_lock(dir: &Path) -> anyhow::Result<Option<SyncLock>> {
    let path = dir.join("team-sync.lock");
    let file = crate::store::files::open_append(&path)
        .with_context(|| format!("could not open {}", path.display()))?;
    // The std file lock (flock on Unix), released when the file closes.
    match file.try_lock() {
        Ok(()) => Ok(Some(SyncLock { _file: file })),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("could not lock {}", path.display()))
        }
    }
}

/// Starts `callcoach team sync --quiet` for `dir` as a detached process
/// (its own process group, no terminal), so the caller never waits on the
/// network. Does nothing unless a team database is configured.
pub fn spawn_background(dir: &Path) {
    use std::os::unix::process::CommandExt as _;
    if super::team_url().is_none() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let child = std::process::Command::new(exe)
        .arg("--data-dir")
        .arg(dir)
        .args(["team", "sync", "--quiet"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn();
    if let Ok(mut child) = child {
        // Reap it when it ends so no zombie is left while the screen stays open.
        std::thread::spawn(move || {
            let _ = child.wait();
        });
    }
}
