//! What a call in progress tells the team's live view: a small status,
//! never the notes. The shell sends it (when a team database is configured
//! and the agent has not switched it off) and the team lead's `team live`
//! screen shows it.

use super::event::Timestamp;
use super::state::CallState;
use crate::playbook::Playbook;
use crate::stage::StageId;

/// The status of a call in progress, as the live view shows it. Everything
/// here is derived from the call's events and the playbook; notes,
/// agreements, the customer's address and the evaluation are not part of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveStatus {
    /// The customer reference (a ticket or account number), if given.
    pub customer: Option<String>,
    /// The current stage.
    pub stage: StageId,
    /// When the current stage was last entered (the agent's clock).
    pub stage_entered_at: Timestamp,
    /// Escalations so far (each one sent the call back to listening).
    pub escalations: u32,
    /// The current stage has run past the playbook's time hint.
    pub over_time: bool,
    /// Required items were skipped and are still open.
    pub skipped: bool,
}

impl CallState {
    /// The live status at `now`; `None` once the call has ended (an ended
    /// call leaves the live view).
    pub fn live_status(&self, pb: &Playbook, now: Timestamp) -> Option<LiveStatus> {
        if self.is_ended() {
            return None;
        }
        let stage_entered_at = self.path.last().map_or(self.started_at, |(_, at)| *at);
        let skipped = self
            .skips
            .iter()
            .flat_map(|s| &s.items)
            .any(|i| !self.checked.contains_key(i));
        Some(LiveStatus {
            customer: self.meta.customer.clone(),
            stage: self.stage,
            stage_entered_at,
            escalations: u32::try_from(self.escalations.len()).unwrap_or(u32::MAX),
            over_time: self.over_time_hint(pb, now),
            skipped,
        })
    }
}
