//! The team store: an optional PostgreSQL database shared by a team.
//!
//! Local-first: each agent's SQLite store stays the source of truth and a
//! call never waits on the network. When a team database is configured
//! ([`team_url`]), ended calls and finished practice sessions are queued in
//! the local outbox (`store::outbox`) and pushed by `callcoach team sync`,
//! which the call screen starts in the background after a call ends.
//! Without a configured URL nothing here runs and nothing touches the network.
//!
//! - [`conn`]: the URL (libpq style), `sslmode`, passwords from
//!   `PGPASSWORD` or `~/.pgpass`;
//! - [`schema`]: versioned migrations, roles and row-level security
//!   (`callcoach team init`);
//! - [`sync`]: pushing the outbox, exactly once;
//! - [`report`]: the team report over the team database.

pub mod conn;
pub mod live;
pub mod privacy;
pub mod report;
pub mod schema;
pub mod sync;

/// The environment variable holding the team database URL.
pub const URL_VAR: &str = "CALLCOACH_TEAM_URL";

/// The team database URL, if one is configured; `None` means local-only.
///
/// THE single place that decides where the team URL comes from. Today it is
/// `CALLCOACH_TEAM_URL` only (an empty value counts as unset); the config
/// file (`src/config.rs`, being landed separately) is to be consulted here
/// too, with the environment variable taking precedence.
pub fn team_url() -> Option<String> {
    std::env::var(URL_VAR)
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}
