//! The words of the live call screen, its overlays and its summary.

/// Every fixed word or sentence the call screen shows.
#[derive(Debug)]
pub struct Words {
    /// "customer" label in the header.
    pub customer: &'static str,
    /// Shown when no customer reference was given.
    pub no_customer: &'static str,
    /// Channel name: phone.
    pub phone: &'static str,
    /// Channel name: in person.
    pub in_person: &'static str,
    /// Label of the call timer.
    pub call_timer: &'static str,
    /// Label of the stage timer.
    pub stage_timer: &'static str,
    /// "earlier calls" count in the header (plural).
    pub earlier_calls: &'static str,
    /// "earlier call" (one).
    pub earlier_call: &'static str,
    /// Marked difficult before (header).
    pub difficult_before: &'static str,
    /// Title of the checklist pane.
    pub checklist: &'static str,
    /// Legend of the checklist marks.
    pub checklist_legend: &'static str,
    /// Shown when a stage has no checklist.
    pub no_items: &'static str,
    /// Title of the phrases pane.
    pub phrases: &'static str,
    /// Shown when a stage has no phrases for the channel.
    pub no_phrases: &'static str,
    /// Suffix for a phrase already used.
    pub used: &'static str,
    /// Title of the notes pane.
    pub notes: &'static str,
    /// Placeholder of the empty notes editor.
    pub notes_placeholder: &'static str,
    /// Title of the agreements pane.
    pub agreements: &'static str,
    /// Shown when there are no agreements yet.
    pub no_agreements: &'static str,
    /// Marks an agreement that comes from an `A:` line.
    pub from_notes: &'static str,
    /// Beside an `A:` line whose date has passed (no prompt: that would
    /// stop the typing).
    pub date_passed: &'static str,
    /// Prefix of the pitfall line.
    pub pitfall: &'static str,
    /// Nudge when the stage runs over its time hint (`{min}` minutes).
    pub over_time: &'static str,
    /// Nudge about skipping the first two steps.
    pub square_one: &'static str,
    /// Nudge when the time hint passed and required items were neither
    /// said (live transcript) nor noted (`{items}`: their texts).
    pub not_said: &'static str,
    /// Prefix of the mindset reminder.
    pub mindset: &'static str,
    /// Title of the help overlay.
    pub help_title: &'static str,
    /// Help overlay intro on note markers.
    pub help_markers: &'static str,
    /// "Close" hint.
    pub close: &'static str,
    /// Title of the skip confirmation.
    pub skip_title: &'static str,
    /// Skip confirmation text.
    pub skip_text: &'static str,
    /// Title of the agreement form.
    pub agreement_form: &'static str,
    /// Field label: who.
    pub who: &'static str,
    /// Field label: what.
    pub what: &'static str,
    /// Field label: by when.
    pub by_when: &'static str,
    /// Default value of "who" in the agreement form.
    pub we: &'static str,
    /// Title of the follow-up form.
    pub followup_form: &'static str,
    /// Field label: follow-up date.
    pub date: &'static str,
    /// Field label: what to check.
    pub check_what: &'static str,
    /// Hint in date fields.
    pub date_hint: &'static str,
    /// Error: a date could not be read.
    pub bad_date: &'static str,
    /// Error: a required field is empty.
    pub field_required: &'static str,
    /// Title of the follow-up result form.
    pub followup_result_form: &'static str,
    /// Field: agreements kept?
    pub agreements_kept: &'static str,
    /// Field: customer satisfied?
    pub customer_satisfied: &'static str,
    /// Field: still open.
    pub still_open: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// Not answered yet.
    pub unanswered: &'static str,
    /// Decision: the repeat-difficult variant is active.
    pub repeat_variant: &'static str,
    /// Decision: first-time variant.
    pub first_variant: &'static str,
    /// Decision: customer is marked difficult in this call.
    pub marked_difficult: &'static str,
    /// Decision: answer all questions first.
    pub decision_pending: &'static str,
    /// Recommended outcome label.
    pub recommended: &'static str,
    /// Title of the summary screen.
    pub summary_title: &'static str,
    /// Planned follow-up label.
    pub followup: &'static str,
    /// Nothing planned.
    pub none: &'static str,
    /// Escalations label.
    pub escalations: &'static str,
    /// Terminal too small.
    pub too_small: &'static str,
    /// Ctrl-C hint.
    pub ctrl_c: &'static str,
    /// Quit with unsaved notes (no store).
    pub unsaved_quit: &'static str,
    /// Copied to the clipboard.
    pub copied: &'static str,
    /// Saved to a file (`{path}`).
    pub saved_to: &'static str,
    /// A save went to the fallback file.
    pub save_fallback: &'static str,
    /// A save failed.
    pub save_failed: &'static str,
    /// The playbook was reloaded.
    pub reloaded: &'static str,
    /// The edited playbook is invalid.
    pub reload_error: &'static str,
    /// A resumed call (notice).
    pub resumed: &'static str,
    /// Action not possible (call ended etc.).
    pub not_now: &'static str,
    /// The call has ended.
    pub ended: &'static str,
    /// Paused.
    pub paused: &'static str,
    /// Esc prefix pending.
    pub esc_pending: &'static str,
    /// Agreement recorded.
    pub agreement_added: &'static str,
    /// Follow-up planned.
    pub followup_planned: &'static str,
    /// Follow-up result recorded.
    pub followup_closed: &'static str,
    /// Escalated notice.
    pub escalated: &'static str,
    /// Opened to check a follow-up.
    pub followup_open: &'static str,
    /// The last stage notice.
    pub last_stage: &'static str,
    /// `{customer}` when no reference was given.
    pub customer_fallback: &'static str,
    /// `{agent}` when no name was given.
    pub agent_fallback: &'static str,
    /// Legend of the stage rail marks.
    pub rail_legend: &'static str,
    /// Summary heading: core of the complaint.
    pub core_heading: &'static str,
    /// Summary: no `!` line.
    pub no_core: &'static str,
    /// Summary heading: stages.
    pub stages_heading: &'static str,
    /// Summary: a skipped item.
    pub skipped: &'static str,
    /// Summary heading: open questions.
    pub questions_heading: &'static str,
    /// Summary heading: evaluation.
    pub evaluation_heading: &'static str,
    /// Summary heading: the e-mail draft.
    pub email_heading: &'static str,
    /// E-mail subject label.
    pub subject: &'static str,
    /// Title of the history overlay.
    pub history_title: &'static str,
    /// F11 without earlier calls.
    pub no_history: &'static str,
    /// History: the customer was marked difficult in an earlier call.
    pub history_difficult: &'static str,
    /// History: this call marked the customer difficult.
    pub history_marked: &'static str,
    /// History: a call that was never ended.
    pub unfinished: &'static str,
    /// Summary: the outcome label.
    pub outcome_label: &'static str,
    /// Summary: the complaint cause label.
    pub cause_label: &'static str,
    /// Summary: no cause chosen yet.
    pub no_cause: &'static str,
    /// The playbook has no causes.
    pub no_causes: &'static str,
    /// The playbook has no evaluation questions.
    pub no_evaluation: &'static str,
    /// Title of the evaluation form.
    pub evaluation_form: &'static str,
    /// Notice after saving the evaluation.
    pub evaluation_saved: &'static str,
    /// Notice: a key typed on the summary went into the notes.
    pub typed_into_notes: &'static str,
    /// Help heading: the call screen.
    pub help_call: &'static str,
    /// Help heading: editing the notes and form fields.
    pub help_editor: &'static str,
    /// Help heading: the decision panel.
    pub help_decision: &'static str,
    /// Help heading: forms.
    pub help_forms: &'static str,
    /// Help heading: the skip prompt.
    pub help_confirm: &'static str,
    /// Help heading: the customer history.
    pub help_history: &'static str,
    /// Help heading: the summary screen.
    pub help_summary: &'static str,
    /// Scroll indicator: lines below (`{n}`).
    pub more_below: &'static str,
    /// Scroll indicator: lines above (`{n}`).
    pub more_above: &'static str,
    /// Checklist: items above the visible ones (`{n}`).
    pub items_above: &'static str,
    /// Checklist: items below the visible ones (`{n}`).
    pub items_below: &'static str,
    /// Alt-N for an item that is not on screen.
    pub item_not_visible: &'static str,
    /// Help heading: the current stage in full.
    pub help_stage: &'static str,
}
