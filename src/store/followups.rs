//! Planned follow-ups (stage 6), derived from each call's events.

use super::{CallId, Store};
use crate::engine::{Agreement, Date, Timestamp};

/// An open (not yet checked) follow-up of one call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUpEntry {
    /// The call.
    pub call: CallId,
    /// Its customer reference.
    pub customer: Option<String>,
    /// Id of the playbook the call used (for the language of reminders).
    pub playbook_id: String,
    /// When the call started.
    pub call_started_at: Timestamp,
    /// The day to check.
    pub due: Date,
    /// What to check.
    pub what: String,
    /// The call's agreements recorded with the form, to check off.
    pub agreements: Vec<Agreement>,
    /// Agreements written as `A:` lines in the call's notes.
    pub note_agreements: Vec<crate::notes::NoteAgreement>,
}

impl Store {
    /// Every planned follow-up not yet checked, by due date (oldest first).
    /// The plan is read from the call's replayed events, not kept twice.
    pub fn open_followups(&self) -> anyhow::Result<Vec<FollowUpEntry>> {
        let ids: Vec<CallId> = self
            .calls(&super::CallFilter::default())?
            .into_iter()
            .filter(|c| c.follow_up_due.is_some() && !c.follow_up_closed)
            .map(|c| c.id)
            .collect();
        let mut out = Vec::new();
        for id in ids {
            let call = self.load_call(&id)?;
            let Some(state) = call.state() else { continue };
            let (Some(plan), None) = (state.follow_up.clone(), &state.follow_up_result) else {
                continue;
            };
            out.push(FollowUpEntry {
                call: id,
                customer: state.meta.customer.clone(),
                playbook_id: state.meta.playbook_id.clone(),
                call_started_at: state.started_at,
                due: plan.due,
                what: plan.what,
                agreements: state.agreements,
                note_agreements: crate::notes::markers(&call.notes).agreements,
            });
        }
        out.sort_by(|a, b| a.due.cmp(&b.due).then(a.call.cmp(&b.call)));
        Ok(out)
    }
}
