//! Interface words of the live call screen in Dutch and English.
//!
//! The playbook's language picks the set (`--lang` overrides). Content
//! (stage titles, phrases, pitfalls) comes from the playbook itself; only
//! the words of the interface around it live here.

use crate::engine::CallOutcome;
use crate::playbook::Language;

pub mod cli;
pub mod record;

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
    /// Prefix of the pitfall line.
    pub pitfall: &'static str,
    /// Nudge when the stage runs over its time hint (`{min}` minutes).
    pub over_time: &'static str,
    /// Nudge about skipping the first two steps.
    pub square_one: &'static str,
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
    /// Skip confirmation keys.
    pub skip_keys: &'static str,
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
    /// Form keys hint.
    pub form_keys: &'static str,
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
    /// Decision panel keys.
    pub decision_keys: &'static str,
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
    /// Summary keys.
    pub summary_keys: &'static str,
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
    /// Ctrl-Z not available.
    pub suspend_unavailable: &'static str,
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
    /// Required items open: moving on is guarded.
    pub required_open: &'static str,
    /// Action not possible (call ended etc.).
    pub not_now: &'static str,
    /// The call has ended.
    pub ended: &'static str,
    /// Paused.
    pub paused: &'static str,
    /// "more keys: F1".
    pub more_keys: &'static str,
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
    /// History: how to close it.
    pub history_keys: &'static str,
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
    /// Keys of the evaluation form.
    pub evaluation_keys: &'static str,
    /// Notice after saving the evaluation.
    pub evaluation_saved: &'static str,
}

/// Dutch interface words.
pub const NL: Words = Words {
    customer: "klant",
    no_customer: "klant onbekend",
    phone: "telefoon",
    in_person: "aan de balie",
    call_timer: "gesprek",
    stage_timer: "fase",
    earlier_calls: "eerdere gesprekken",
    earlier_call: "eerder gesprek",
    difficult_before: "eerder lastig",
    checklist: "Checklist",
    checklist_legend: "! = verplicht · [a] = via notities",
    no_items: "(geen punten in deze fase)",
    phrases: "Zinnen",
    no_phrases: "(geen zinnen voor dit kanaal)",
    used: "gebruikt",
    notes: "Notities",
    notes_placeholder: "Typ hier je notities.  A: afspraak   ! kern van de klacht   ? open vraag",
    agreements: "Afspraken",
    no_agreements: "(nog geen afspraken — F7 of een regel 'A: …' in de notities)",
    from_notes: "notitie",
    pitfall: "Valkuil",
    over_time: "Al {min} min in deze fase — tijd om verder te gaan?",
    square_one: "Luisteren/erkennen overgeslagen: de klant kan opnieuw boos worden.",
    mindset: "Mindset",
    help_title: "Toetsen",
    help_markers: "Notities: 'A: wat' of 'A: wie | wat | JJJJ-MM-DD' = afspraak, '! …' = kern van de klacht, '? …' = open vraag.",
    close: "Esc sluit",
    skip_title: "Verplichte punten staan nog open",
    skip_text: "Toch doorgaan? Dit wordt vastgelegd als overgeslagen:",
    skip_keys: "Enter/F3 = toch doorgaan   Esc = terug",
    agreement_form: "Afspraak vastleggen",
    who: "Wie",
    what: "Wat",
    by_when: "Wanneer",
    we: "wij",
    followup_form: "Opvolging plannen",
    date: "Datum",
    check_what: "Wat controleren",
    date_hint: "JJJJ-MM-DD of +1 / +3 / +7 (Alt-1, Alt-3, Alt-7)",
    form_keys: "Tab/↑↓ veld   Enter opslaan   Esc annuleren",
    bad_date: "Datum niet herkend (JJJJ-MM-DD of +N)",
    field_required: "Vul dit veld in",
    followup_result_form: "Resultaat van de opvolging",
    agreements_kept: "Afspraken nagekomen? (j/n)",
    customer_satisfied: "Klant tevreden? (j/n)",
    still_open: "Nog open",
    yes: "ja",
    no: "nee",
    unanswered: "?",
    decision_keys: "↑↓ vraag   j/n antwoord   m markeer klant als lastig   Esc sluit",
    repeat_variant: "Variant: klant was al eerder lastig",
    first_variant: "Variant: eerste keer lastig",
    marked_difficult: "Klant gemarkeerd als lastig",
    decision_pending: "Beantwoord de vragen: één keer ja is genoeg om de relatie te redden.",
    recommended: "Advies",
    summary_title: "Samenvatting van het gesprek",
    summary_keys: "Esc terug naar gesprek   c kopieer samenvatting   e kopieer e-mail   s opslaan   Enter afronden",
    followup: "Opvolging",
    none: "geen",
    escalations: "Escalaties",
    too_small: "Terminal te klein (minimaal 40×10)",
    ctrl_c: "Ctrl-C stopt het gesprek niet. Ctrl-Q sluit af; je notities worden bewaard. (Nogmaals Ctrl-C = afsluiten)",
    suspend_unavailable: "Pauzeren met Ctrl-Z werkt hier niet",
    unsaved_quit: "Let op: notities worden niet opgeslagen (geen opslag). Ctrl-Q nogmaals = toch afsluiten",
    copied: "Gekopieerd naar het klembord",
    saved_to: "Opgeslagen in {path}",
    save_fallback: "Database niet beschikbaar — opgeslagen in noodbestand",
    save_failed: "OPSLAAN MISLUKT — notities staan alleen nog in het geheugen",
    reloaded: "Playbook opnieuw geladen",
    reload_error: "Playbook fout, oude versie blijft actief",
    resumed: "Onafgerond gesprek hervat",
    required_open: "Verplichte punten open",
    not_now: "Niet mogelijk",
    ended: "Gesprek beëindigd",
    paused: "gepauzeerd",
    more_keys: "F1 alle toetsen",
    esc_pending: "Esc… (volgende toets als Alt-toets)",
    agreement_added: "Afspraak vastgelegd",
    followup_planned: "Opvolging gepland",
    followup_closed: "Opvolging afgerond",
    escalated: "Terug naar luisteren (escalatie geteld)",
    followup_open: "Opvolging: loop de afspraken na met de klant; F8 legt het resultaat vast",
    last_stage: "Dit is de laatste fase — F10 beëindigt het gesprek",
    customer_fallback: "meneer/mevrouw",
    agent_fallback: "[je naam]",
    rail_legend: "Fasen: ✓ klaar  ▶ huidig  ✗ overgeslagen  ↺ overgeslagen, later afgerond  · nog niet bereikt",
    core_heading: "Kern van de klacht",
    no_core: "(geen regel met '!' in de notities)",
    stages_heading: "Fasen",
    skipped: "overgeslagen",
    questions_heading: "Open vragen",
    evaluation_heading: "Evaluatie (na het gesprek)",
    email_heading: "Bevestigingsmail (concept — vraag eerst of de klant die wil)",
    subject: "Onderwerp",
    history_title: "Eerdere gesprekken met deze klant",
    no_history: "Geen eerdere gesprekken met deze klant",
    history_difficult: "Eerder als lastig gemarkeerd",
    history_marked: "lastig",
    unfinished: "niet afgerond",
    history_keys: "Esc sluit (of typ gewoon verder)   ↑↓ scrollen   F11/Alt-h opnieuw openen",
    outcome_label: "Afloop",
    cause_label: "Oorzaak",
    no_cause: "nog niet gekozen (r)",
    no_causes: "Dit playbook kent geen oorzaken",
    no_evaluation: "Dit playbook heeft geen evaluatievragen",
    evaluation_form: "Evaluatie na het gesprek",
    evaluation_keys: "Tab/↑↓ vraag   Enter opslaan   Esc annuleren",
    evaluation_saved: "Evaluatie opgeslagen",
};

/// English interface words.
pub const EN: Words = Words {
    customer: "customer",
    no_customer: "customer unknown",
    phone: "phone",
    in_person: "in person",
    call_timer: "call",
    stage_timer: "stage",
    earlier_calls: "earlier calls",
    earlier_call: "earlier call",
    difficult_before: "difficult before",
    checklist: "Checklist",
    checklist_legend: "! = required · [a] = from notes",
    no_items: "(no items in this stage)",
    phrases: "Phrases",
    no_phrases: "(no phrases for this channel)",
    used: "used",
    notes: "Notes",
    notes_placeholder: "Type your notes here.  A: agreement   ! core of the complaint   ? open question",
    agreements: "Agreements",
    no_agreements: "(no agreements yet — F7 or an 'A: …' line in the notes)",
    from_notes: "note",
    pitfall: "Pitfall",
    over_time: "{min} min in this stage — time to move on?",
    square_one: "Listen/acknowledge skipped: the customer may flare up again.",
    mindset: "Mindset",
    help_title: "Keys",
    help_markers: "Notes: 'A: what' or 'A: who | what | YYYY-MM-DD' = agreement, '! …' = core of the complaint, '? …' = open question.",
    close: "Esc closes",
    skip_title: "Required items are still open",
    skip_text: "Move on anyway? This is recorded as skipped:",
    skip_keys: "Enter/F3 = move on anyway   Esc = back",
    agreement_form: "Record an agreement",
    who: "Who",
    what: "What",
    by_when: "By when",
    we: "we",
    followup_form: "Plan the follow-up",
    date: "Date",
    check_what: "What to check",
    date_hint: "YYYY-MM-DD or +1 / +3 / +7 (Alt-1, Alt-3, Alt-7)",
    form_keys: "Tab/↑↓ field   Enter save   Esc cancel",
    bad_date: "Date not understood (YYYY-MM-DD or +N)",
    field_required: "Fill in this field",
    followup_result_form: "Result of the follow-up",
    agreements_kept: "Agreements kept? (y/n)",
    customer_satisfied: "Customer satisfied? (y/n)",
    still_open: "Still open",
    yes: "yes",
    no: "no",
    unanswered: "?",
    decision_keys: "↑↓ question   y/n answer   m mark customer difficult   Esc closes",
    repeat_variant: "Variant: customer was difficult before",
    first_variant: "Variant: difficult for the first time",
    marked_difficult: "Customer marked difficult",
    decision_pending: "Answer the questions: one yes is enough to save the relationship.",
    recommended: "Recommended",
    summary_title: "Call summary",
    summary_keys: "Esc back to the call   c copy summary   e copy e-mail   s save   Enter finish",
    followup: "Follow-up",
    none: "none",
    escalations: "Escalations",
    too_small: "Terminal too small (at least 40×10)",
    ctrl_c: "Ctrl-C does not end the call. Ctrl-Q quits; your notes are kept. (Ctrl-C again = quit)",
    suspend_unavailable: "Suspending with Ctrl-Z is not available here",
    unsaved_quit: "Careful: notes are not saved (no store). Ctrl-Q again = quit anyway",
    copied: "Copied to the clipboard",
    saved_to: "Saved to {path}",
    save_fallback: "Database unavailable — saved to the fallback file",
    save_failed: "SAVING FAILED — the notes are only in memory",
    reloaded: "Playbook reloaded",
    reload_error: "Playbook error, the previous version stays active",
    resumed: "Unfinished call resumed",
    required_open: "Required items open",
    not_now: "Not possible",
    ended: "Call ended",
    paused: "paused",
    more_keys: "F1 all keys",
    esc_pending: "Esc… (next key acts as Alt-key)",
    agreement_added: "Agreement recorded",
    followup_planned: "Follow-up planned",
    followup_closed: "Follow-up closed",
    escalated: "Back to listening (escalation counted)",
    followup_open: "Follow-up: go through the agreements with the customer; F8 records the result",
    last_stage: "This is the last stage — F10 ends the call",
    customer_fallback: "sir/madam",
    agent_fallback: "[your name]",
    rail_legend: "Stages: ✓ done  ▶ current  ✗ skipped  ↺ skipped, completed later  · not reached",
    core_heading: "Core of the complaint",
    no_core: "(no '!' line in the notes)",
    stages_heading: "Stages",
    skipped: "skipped",
    questions_heading: "Open questions",
    evaluation_heading: "Evaluation (after the call)",
    email_heading: "Confirmation e-mail (draft — ask the customer first)",
    subject: "Subject",
    history_title: "Earlier calls with this customer",
    no_history: "No earlier calls with this customer",
    history_difficult: "Marked difficult before",
    history_marked: "difficult",
    unfinished: "unfinished",
    history_keys: "Esc closes (or just keep typing)   ↑↓ scroll   F11/Alt-h opens it again",
    outcome_label: "Outcome",
    cause_label: "Cause",
    no_cause: "not chosen yet (r)",
    no_causes: "This playbook has no causes",
    no_evaluation: "This playbook has no evaluation questions",
    evaluation_form: "Evaluation after the call",
    evaluation_keys: "Tab/↑↓ question   Enter save   Esc cancel",
    evaluation_saved: "Evaluation saved",
};

/// The word set for `lang`.
pub fn words(lang: Language) -> &'static Words {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

impl Words {
    /// "3 earlier calls" / "1 earlier call".
    pub fn earlier_count(&self, n: usize) -> String {
        let noun = if n == 1 {
            self.earlier_call
        } else {
            self.earlier_calls
        };
        format!("{n} {noun}")
    }
}

/// How a call ended, in words: the one label the summary screen, the
/// history panel and the exports share.
pub fn outcome(o: CallOutcome, lang: Language) -> &'static str {
    match (o, lang) {
        (CallOutcome::Resolved, Language::Nl) => "opgelost",
        (CallOutcome::ResolvedWithFollowUp, Language::Nl) => "opgelost, opvolging gepland",
        (CallOutcome::PartedWays, Language::Nl) => "afscheid genomen",
        (CallOutcome::Unresolved, Language::Nl) => "nog niet opgelost",
        (CallOutcome::Resolved, Language::En) => "resolved",
        (CallOutcome::ResolvedWithFollowUp, Language::En) => "resolved, follow-up planned",
        (CallOutcome::PartedWays, Language::En) => "parted ways",
        (CallOutcome::Unresolved, Language::En) => "unresolved",
    }
}

/// The generic name of a stage, for outputs that span playbooks (reports,
/// lists) or whose playbook is unknown; the same names as the built-in
/// playbooks' stage titles.
pub fn stage_name(stage: crate::stage::StageId, lang: Language) -> &'static str {
    use crate::stage::StageId as S;
    match (stage, lang) {
        (S::Listen, Language::Nl) => "Luisteren",
        (S::Acknowledge, Language::Nl) => "Begrip tonen",
        (S::Ask, Language::Nl) => "Vragen stellen",
        (S::AgreeSolution, Language::Nl) => "Oplossing afstemmen",
        (S::RecordAgreements, Language::Nl) => "Afspraken maken",
        (S::FollowUp, Language::Nl) => "Uitvoering controleren",
        (S::Listen, Language::En) => "Listen",
        (S::Acknowledge, Language::En) => "Acknowledge",
        (S::Ask, Language::En) => "Ask",
        (S::AgreeSolution, Language::En) => "Agree a solution",
        (S::RecordAgreements, Language::En) => "Record agreements",
        (S::FollowUp, Language::En) => "Follow up",
    }
}

/// How a stage went, in words (rail legend, summaries, exports).
pub fn stage_status(status: crate::engine::StageStatus, lang: Language) -> &'static str {
    use crate::engine::StageStatus as S;
    match (status, lang) {
        (S::NotReached, Language::Nl) => "nog niet bereikt",
        (S::Current, Language::Nl) => "huidig",
        (S::Done, Language::Nl) => "klaar",
        (S::Skipped, Language::Nl) => "overgeslagen",
        (S::CompletedLater, Language::Nl) => "overgeslagen, later afgerond",
        (S::NotReached, Language::En) => "not reached",
        (S::Current, Language::En) => "current",
        (S::Done, Language::En) => "done",
        (S::Skipped, Language::En) => "skipped",
        (S::CompletedLater, Language::En) => "skipped, completed later",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_calls_are_counted_in_singular_and_plural() {
        assert_eq!(NL.earlier_count(1), "1 eerder gesprek");
        assert_eq!(NL.earlier_count(3), "3 eerdere gesprekken");
        assert_eq!(EN.earlier_count(1), "1 earlier call");
    }

    #[test]
    fn languages_differ_and_templates_keep_placeholders() {
        assert_ne!(words(Language::Nl).notes, words(Language::En).notes);
        for w in [&NL, &EN] {
            assert!(w.over_time.contains("{min}"));
            assert!(w.saved_to.contains("{path}"));
        }
    }
}
