//! The stage engine: an event-sourced state machine over the six stages.
//!
//! Pure: no terminal, files or clock. Time arrives as a [`Timestamp`] with
//! every command. The shell calls [`CallState::decide`] with a [`Command`];
//! when the stage machine's rules allow it, that yields the [`Event`]s to
//! store, and [`CallState::apply`] folds each one into the state. `apply` is
//! total and never consults the playbook, so replaying a stored log always
//! reproduces exactly the live state, even after the playbook has changed.

mod apply;
mod command;
mod decide;
mod event;
mod live;
mod state;

pub use command::{Command, Refusal};
pub use event::{
    Agreement, CallMeta, CallOutcome, Date, DecisionOutcome, Event, EventKind, FollowUp,
    FollowUpResult, ItemRef, TickSource, Timestamp,
};
pub use live::LiveStatus;
pub use state::{CallState, SaidLine, Skip, StageStatus};

use crate::playbook::Playbook;

/// Applies `cmd` to `state`, appending the resulting events to `log`.
/// The one way the shell changes a call.
pub fn execute(
    state: &mut CallState,
    log: &mut Vec<Event>,
    pb: &Playbook,
    cmd: Command,
    now: Timestamp,
) -> Result<Vec<Event>, Refusal> {
    let events = state.decide(pb, cmd, now)?;
    for e in &events {
        state.apply(e);
        log.push(e.clone());
    }
    Ok(events)
}

#[cfg(test)]
mod tests;
