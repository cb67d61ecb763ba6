//! The retention policy: ended calls are kept for a period and then
//! removed automatically, completely (as `purge` does), when the call
//! screen starts. Each run is logged in the database so `callcoach privacy`
//! can show when it last ran and what it removed.
//!
//! The period is the `retention` key of the settings file
//! (`$XDG_CONFIG_HOME/callcoach/config.yaml`, or the file
//! `CALLCOACH_CONFIG` names) — an age such as `90d`, `12w`, `6m`, `1y`, or
//! `off` — overridden by the `CALLCOACH_RETENTION` environment variable.
//! Without either it is [`DEFAULT`].
//!
//! Why 90 days by default: the Dutch data protection authority asks that
//! personal data be kept no longer than needed for its purpose, and that
//! the period be decided and written down. callcoach's notes are the
//! agent's working copy of a complaint call; the record that must last
//! (the complaint, the agreements) goes into the ticket system through the
//! summary export. What the notes are needed for afterwards is the
//! follow-up (planned days to weeks after the call) and the history panel
//! when the same customer calls again about the same complaint — which
//! happens within weeks, rarely months. Three months covers both; a call
//! whose follow-up has not been checked yet is kept until it has been.

use super::{Age, CallFilter, CallId, Store};
use crate::engine::Timestamp;
use anyhow::Context;
use rusqlite::params;
use std::path::PathBuf;

/// The retention period when none is configured.
pub const DEFAULT: &str = "90d";

/// How long ended calls are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Removed once their last activity is this old.
    Keep(Age),
    /// Kept until removed by hand (`purge`, `erase`).
    Off,
}

impl Policy {
    /// Parses `90d`, `12w`, `6m`, `1y` or `off` (also `never`).
    pub fn parse(s: &str) -> Result<Policy, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" | "never" | "none" => Ok(Policy::Off),
            _ => Age::parse(s)
                .map(Policy::Keep)
                .map_err(|e| format!("{e}, or `off` to keep calls until you remove them")),
        }
    }

    /// As written in the settings, e.g. `90d` or `off`.
    pub fn label(self) -> String {
        match self {
            Policy::Off => "off".into(),
            Policy::Keep(Age::Days(n)) => format!("{n}d"),
            Policy::Keep(Age::Weeks(n)) => format!("{n}w"),
            Policy::Keep(Age::Months(n)) => format!("{n}m"),
            Policy::Keep(Age::Years(n)) => format!("{n}y"),
        }
    }
}

/// Where the policy in effect comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The `CALLCOACH_RETENTION` environment variable.
    Environment,
    /// The `retention` key of this settings file.
    File(PathBuf),
    /// Nothing configured: [`DEFAULT`].
    Default,
}

/// The settings file: `CALLCOACH_CONFIG`, else
/// `$XDG_CONFIG_HOME/callcoach/config.yaml` (the same file as the agent's
/// name and default playbook).
pub fn settings_file() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    match std::env::var_os("CALLCOACH_CONFIG").filter(|p| !p.is_empty()) {
        Some(p) => Some(PathBuf::from(p)),
        None => etcetera::choose_base_strategy()
            .ok()
            .map(|s| s.config_dir().join("callcoach").join("config.yaml")),
    }
}

/// Only the `retention` key of the settings file; the other keys belong
/// to the settings module and are not looked at here.
#[derive(serde::Deserialize)]
struct RetentionKey {
    #[serde(default)]
    retention: Option<String>,
}

/// The policy in effect and where it comes from: `CALLCOACH_RETENTION`,
/// else the settings file's `retention`, else [`DEFAULT`]. A value that is
/// not a period is an error naming where it came from.
pub fn configured() -> anyhow::Result<(Policy, Source)> {
    if let Some(v) = std::env::var_os("CALLCOACH_RETENTION").filter(|v| !v.is_empty()) {
        let v = v.to_string_lossy();
        let p = Policy::parse(&v).map_err(|e| anyhow::anyhow!("CALLCOACH_RETENTION: {e}"))?;
        return Ok((p, Source::Environment));
    }
    if let Some(file) = settings_file().filter(|f| f.is_file()) {
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        if size > 1024 * 1024 {
            anyhow::bail!("{}: the settings file is over 1 MiB", file.display());
        }
        let bytes =
            std::fs::read(&file).with_context(|| format!("could not read {}", file.display()))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok((default_policy(), Source::Default));
        }
        let text = String::from_utf8_lossy(&bytes);
        let name = file.display().to_string();
        let key: RetentionKey = crate::yaml::from_str(&name, &text).map_err(|diags| {
            let first = diags.first().map(ToString::to_string).unwrap_or_default();
            anyhow::anyhow!("{}", first.lines().next().unwrap_or_default())
        })?;
        if let Some(v) = key.retention {
            // The one YAML parser gives any scalar as its text: `false` is off.
            let text = if v == "false" { "off".to_owned() } else { v };
            let p = Policy::parse(&text)
                .map_err(|e| anyhow::anyhow!("{}: retention: {e}", file.display()))?;
            return Ok((p, Source::File(file)));
        }
    }
    Ok((default_policy(), Source::Default))
}

fn default_policy() -> Policy {
    Policy::parse(DEFAULT).unwrap_or(Policy::Off)
}

/// One run of the policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// When it ran.
    pub at: Timestamp,
    /// The policy it applied (`90d`, `off`).
    pub policy: String,
    /// Calls last active before this were due (none when off).
    pub cutoff: Option<Timestamp>,
    /// Calls removed.
    pub calls: usize,
    /// Fallback journals removed.
    pub journals: usize,
    /// Saved exports in the data directory removed.
    pub exports: usize,
    /// Files outside the data directory that held removed calls (named to
    /// the agent, not deleted).
    pub outside: usize,
}

/// A day in milliseconds.
const DAY_MS: i64 = 86_400_000;

impl Store {
    /// Applies `policy` now: removes every ended call whose last activity
    /// is older than the period and whose follow-up (if any) was checked,
    /// completely (see [`Store::erase`]), and logs the run. Returns the
    /// run and the report of what was removed.
    pub fn apply_retention(
        &mut self,
        policy: Policy,
        now: &jiff::Zoned,
    ) -> anyhow::Result<(Run, super::EraseReport)> {
        let at = now.timestamp().as_millisecond();
        let mut run = Run {
            at,
            policy: policy.label(),
            cutoff: None,
            calls: 0,
            journals: 0,
            exports: 0,
            outside: 0,
        };
        let mut report = super::EraseReport::default();
        if let Policy::Keep(age) = policy {
            let cutoff = age.before(now)?;
            run.cutoff = Some(cutoff);
            let mut sel = self.select_older_than(cutoff)?;
            // Only ended calls, and not while a follow-up waits to be checked.
            sel.calls.retain(|c| {
                c.ended_at.is_some() && (c.follow_up_due.is_none() || c.follow_up_closed)
            });
            let kept: Vec<CallId> = sel.calls.iter().map(|c| c.id.clone()).collect();
            sel.journals
                .retain(|p| super::journal::call_of(p).is_some_and(|id| kept.contains(&id)));
            let ids: Vec<CallId> = sel.calls.iter().map(|c| c.id.clone()).collect();
            sel.outside = self.exports_of(&ids, None)?;
            if !sel.calls.is_empty() || !sel.exports.is_empty() {
                report = self.erase(&sel)?;
            }
            run.calls = report.calls;
            run.journals = report.journals;
            run.exports = report.exports;
            run.outside = report.outside.len();
        }
        // A run that removed nothing is logged at most once a day: it
        // happens at every call start, and each log row costs a write and
        // its fsyncs before the screen can open.
        if run.calls + run.journals + run.exports == 0
            && self.retention_runs(1)?.first().is_some_and(|last| {
                last.calls + last.journals + last.exports == 0
                    && last.policy == run.policy
                    && (0..DAY_MS).contains(&(run.at - last.at))
            })
        {
            return Ok((run, report));
        }
        self.conn_for_write()?.execute(
            "INSERT INTO retention_runs (at, policy, cutoff, calls, journals, exports, outside) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                run.at,
                run.policy,
                run.cutoff,
                run.calls as i64,
                run.journals as i64,
                run.exports as i64,
                run.outside as i64
            ],
        )?;
        Ok((run, report))
    }

    /// The latest `n` runs of the policy, newest first.
    pub fn retention_runs(&self, n: usize) -> anyhow::Result<Vec<Run>> {
        let conn = self.conn()?;
        let Ok(mut stmt) = conn.prepare(
            "SELECT at, policy, cutoff, calls, journals, exports, outside FROM retention_runs \
             ORDER BY at DESC, id DESC LIMIT ?1",
        ) else {
            return Ok(Vec::new());
        };
        let rows = stmt.query_map(params![n as i64], |r| {
            Ok(Run {
                at: r.get(0)?,
                policy: r.get(1)?,
                cutoff: r.get(2)?,
                calls: r.get::<_, i64>(3)?.max(0) as usize,
                journals: r.get::<_, i64>(4)?.max(0) as usize,
                exports: r.get::<_, i64>(5)?.max(0) as usize,
                outside: r.get::<_, i64>(6)?.max(0) as usize,
            })
        })?;
        rows.collect::<Result<_, _>>()
            .context("could not read the retention log")
    }

    /// How many calls are stored, and how many of them have ended.
    pub fn call_counts(&self) -> anyhow::Result<(usize, usize)> {
        let all = self.calls(&CallFilter::default())?;
        let ended = all.iter().filter(|c| c.ended_at.is_some()).count();
        Ok((all.len(), ended))
    }
}
