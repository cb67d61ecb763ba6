//! The live view of calls in progress: each agent's callcoach keeps one
//! small status row per call in `callcoach.live_calls` ([`send`]), and a
//! team lead's `callcoach team live` watches that table ([`watch`]),
//! woken by PostgreSQL's LISTEN/NOTIFY on [`CHANNEL`].
//!
//! What is sent is exactly [`crate::engine::LiveStatus`] plus the call id:
//! customer reference, stage, when the stage was entered, the number of
//! escalations and the over-time and skipped flags — never notes,
//! agreements, the customer's name or address, or the evaluation. The
//! notification itself carries nothing (LISTEN knows no row-level
//! security); a view reads the rows its role may see.

pub mod send;
pub mod watch;

use crate::stage::StageId;
use postgres::GenericClient;

/// The notification channel a change of `live_calls` wakes.
pub const CHANNEL: &str = "callcoach_live";

/// How often a sender refreshes its row while nothing changes, so a view
/// can tell a quiet call from a program that was killed.
pub const HEARTBEAT_MS: i64 = 30_000;

/// A row not refreshed for this long is shown as "no news".
pub const STALE_MS: i64 = 90_000;

/// Whether this agent's calls send their live status: on unless the
/// settings file says `team: {live: false}` (a broken file counts as on;
/// the call screen reports the file's problems itself). Without a team
/// database nothing is sent either way.
pub fn enabled() -> bool {
    crate::config::load()
        .ok()
        .and_then(|c| c.team)
        .and_then(|t| t.live)
        .unwrap_or(true)
}

/// One call in progress as the team database has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveRow {
    /// The agent (their database login).
    pub agent: String,
    /// The call's id on the agent's machine.
    pub call_id: String,
    /// The customer reference, if given.
    pub customer: Option<String>,
    /// The stage; `None` when this version does not know the stored id.
    pub stage: Option<StageId>,
    /// When the stage was entered (milliseconds, the server's clock).
    pub stage_entered_at: i64,
    /// Escalations so far.
    pub escalations: i32,
    /// Past the stage's time hint.
    pub over_time: bool,
    /// Required items skipped and still open.
    pub skipped: bool,
    /// Last update (milliseconds, the server's clock).
    pub updated_at: i64,
}

/// What a view reads at once: the rows and the server's clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// Calls in progress, by agent and call id.
    pub rows: Vec<LiveRow>,
    /// The server's clock when read (milliseconds).
    pub server_now: i64,
}

/// Reads every live row the connection's role may see.
pub fn fetch(client: &mut impl GenericClient) -> anyhow::Result<Snapshot> {
    let ms = |col: &str| format!("(extract(epoch FROM {col}) * 1000)::bigint");
    let rows = client.query(
        &format!(
            "SELECT agent, call_id, customer, stage, {}, escalations, over_time, skipped, {}, \
             {} FROM callcoach.live_calls ORDER BY agent, call_id",
            ms("stage_entered_at"),
            ms("updated_at"),
            ms("clock_timestamp()")
        ),
        &[],
    )?;
    let server_now = match rows.first() {
        Some(r) => r.try_get(9)?,
        None => client
            .query_one(&format!("SELECT {}", ms("clock_timestamp()")), &[])?
            .try_get(0)?,
    };
    let rows = rows
        .iter()
        .map(|r| {
            Ok(LiveRow {
                agent: r.try_get(0)?,
                call_id: r.try_get(1)?,
                customer: r.try_get(2)?,
                stage: StageId::parse(r.try_get(3)?),
                stage_entered_at: r.try_get(4)?,
                escalations: r.try_get(5)?,
                over_time: r.try_get(6)?,
                skipped: r.try_get(7)?,
                updated_at: r.try_get(8)?,
            })
        })
        .collect::<Result<Vec<_>, postgres::Error>>()?;
    Ok(Snapshot { rows, server_now })
}
