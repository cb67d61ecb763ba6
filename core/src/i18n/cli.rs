//! Words of the command-line outputs (`calls list/show/export`,
//! `followups`, `report`) and of the call's start-up (the prompts and the
//! resume chooser before the screen opens), in Dutch and English.

use crate::playbook::Language;

/// Every fixed word the command-line outputs print.
#[derive(Debug)]
pub struct CliWords {
    /// Column headings of `calls list`: id, started, customer, outcome, follow-up.
    pub list_header: [&'static str; 5],
    /// `calls list` without calls.
    pub no_calls: &'static str,
    /// A call that never ended.
    pub unfinished: &'static str,
    /// An unfinished call open in another window now.
    pub live: &'static str,
    /// An ended call without a recorded outcome.
    pub ended: &'static str,
    /// Marked difficult.
    pub difficult: &'static str,
    /// A follow-up that was done.
    pub done: &'static str,
    /// `calls show` of an unfinished call.
    pub resume_hint: &'static str,
    /// … that is open in another window.
    pub open_elsewhere: &'static str,
    /// The e-mail export is a draft.
    pub eml_draft: &'static str,
    /// A file was written (`{path}`).
    pub written_to: &'static str,
    /// The call's playbook is not available (`{id}`, `{used}`).
    pub not_builtin: &'static str,
    /// The exact playbook version a call ran on is not in the store
    /// (`{id}`, `{version}`, `{hash}`, `{used}`, `{used_version}`).
    pub version_missing: &'static str,
    /// Follow-ups due today.
    pub today: &'static str,
    /// Follow-ups overdue.
    pub overdue: &'static str,
    /// Follow-ups later.
    pub coming_up: &'static str,
    /// One day late.
    pub day_late: &'static str,
    /// `{n}` days late.
    pub days_late: &'static str,
    /// No follow-ups.
    pub no_followups: &'static str,
    /// How to open one.
    pub open_followup: &'static str,
    /// Report: the practice section.
    pub practice: &'static str,
    /// Report: no practice sessions.
    pub no_practice: &'static str,
    /// Report columns: trainee, scenario, attempts, best, last, passed, mistakes.
    pub report_header: [&'static str; 7],
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// Report: real calls (`{n}`).
    pub real_calls: &'static str,
    /// Report: average rubric score.
    pub avg_score: &'static str,
    /// Report: average time per stage.
    pub avg_stage_time: &'static str,
    /// Report: most skipped items.
    pub most_skipped: &'static str,
    /// Report: items skipped and completed later.
    pub completed_later: &'static str,
    /// Report: nothing in a list.
    pub none: &'static str,
    /// Report: complaint causes.
    pub causes: &'static str,
    /// Report: no causes recorded.
    pub no_causes: &'static str,
    /// Start-up: the customer reference prompt.
    pub customer_prompt: &'static str,
    /// Start-up: the form-of-address prompt.
    pub address_prompt: &'static str,
    /// After the screen closed (`{id}`, `{dir}`).
    pub saved: &'static str,
    /// The call went to the emergency file: `{id}`, `{file}`, `{dir}`.
    pub saved_rescue: &'static str,
    /// The call went to the fallback journal: `{id}`, `{file}`.
    pub saved_fallback: &'static str,
    /// The call could not be saved at all: `{reason}`.
    pub not_saved: &'static str,
    /// Chooser: first line.
    pub unfinished_title: &'static str,
    /// Chooser labels: customer, started, stage, last note.
    pub unfinished_labels: [&'static str; 4],
    /// Chooser: no customer reference.
    pub no_customer: &'static str,
    /// Chooser: no notes yet.
    pub no_notes: &'static str,
    /// Chooser: more unfinished calls (`{n}`).
    pub more_unfinished: &'static str,
    /// Chooser: the resume key's description.
    pub resume: &'static str,
    /// Chooser: the new-call key's description.
    pub new_call: &'static str,
    /// Chooser: the quit key's description.
    pub stop: &'static str,
    /// Chooser: stopped without opening a call.
    pub stopped: &'static str,
    /// A resumed call keeps its playbook (`{kept}`, `{asked}`).
    pub playbook_kept: &'static str,
    /// Another customer's unfinished call stays as it is (`{customer}`).
    pub other_customer: &'static str,
    /// `practice classify`: lines that could not be read (`{n}`).
    pub unreadable_lines: &'static str,
    /// `practice ID` of an unknown scenario (`{id}`, `{ids}`).
    pub no_scenario: &'static str,
    /// `practice` without a terminal and without `--answers`.
    pub practice_needs_terminal: &'static str,
    /// `call` without a terminal (and without `--plain`).
    pub call_needs_terminal: &'static str,
}

impl CliWords {
    /// Every word and sentence of the set (for tests that check an output
    /// holds no word of the other language).
    pub fn all(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        out.extend(self.list_header);
        out.push(self.no_calls);
        out.push(self.unfinished);
        out.push(self.live);
        out.push(self.ended);
        out.push(self.difficult);
        out.push(self.done);
        out.push(self.resume_hint);
        out.push(self.open_elsewhere);
        out.push(self.eml_draft);
        out.push(self.written_to);
        out.push(self.not_builtin);
        out.push(self.version_missing);
        out.push(self.today);
        out.push(self.overdue);
        out.push(self.coming_up);
        out.push(self.day_late);
        out.push(self.days_late);
        out.push(self.no_followups);
        out.push(self.open_followup);
        out.push(self.practice);
        out.push(self.no_practice);
        out.extend(self.report_header);
        out.push(self.yes);
        out.push(self.no);
        out.push(self.real_calls);
        out.push(self.avg_score);
        out.push(self.avg_stage_time);
        out.push(self.most_skipped);
        out.push(self.completed_later);
        out.push(self.none);
        out.push(self.causes);
        out.push(self.no_causes);
        out.push(self.customer_prompt);
        out.push(self.address_prompt);
        out.push(self.saved);
        out.push(self.unfinished_title);
        out.extend(self.unfinished_labels);
        out.push(self.no_customer);
        out.push(self.no_notes);
        out.push(self.more_unfinished);
        out.push(self.resume);
        out.push(self.new_call);
        out.push(self.stop);
        out.push(self.stopped);
        out.push(self.playbook_kept);
        out.push(self.other_customer);
        out.push(self.unreadable_lines);
        out.extend([
            self.no_scenario,
            self.practice_needs_terminal,
            self.call_needs_terminal,
        ]);
        out
    }
}

/// Dutch.
pub const NL: CliWords = CliWords {
    list_header: ["ID", "BEGONNEN", "KLANT", "AFLOOP", "OPVOLGING"],
    no_calls: "Geen gesprekken opgeslagen.",
    unfinished: "NIET AFGEROND",
    live: "NU OPEN (ander venster)",
    ended: "beëindigd",
    difficult: "lastig",
    done: "gedaan",
    resume_hint: "(niet afgerond: start `callcoach` om het te hervatten)",
    open_elsewhere: "(niet afgerond, en nu open in een ander callcoach-venster)",
    eml_draft: "dit is een concept: je mailprogramma vult de afzender in; voeg het adres van de klant toe en lees het na voor je het verstuurt",
    written_to: "geschreven naar {path} (alleen voor jou leesbaar)",
    not_builtin: "playbook `{id}` is niet beschikbaar; titels komen uit `{used}`",
    version_missing: "de versie van playbook `{id}` waarmee dit gesprek gevoerd is ({version}, {hash}) staat niet in de opslag; titels en teksten komen uit `{used}` versie {used_version} en kunnen afwijken",
    today: "Vandaag",
    overdue: "Te laat",
    coming_up: "Binnenkort",
    day_late: "1 dag te laat",
    days_late: "{n} dagen te laat",
    no_followups: "Geen opvolging gepland.",
    open_followup: "Open er een met `callcoach followups open ID`.",
    practice: "Oefenen",
    no_practice: "(geen oefensessies opgeslagen)",
    report_header: [
        "cursist",
        "scenario",
        "pogingen",
        "beste",
        "laatste",
        "geslaagd (laatste/ooit)",
        "meest gemaakte fouten",
    ],
    yes: "ja",
    no: "nee",
    real_calls: "Echte gesprekken: {n}",
    avg_score: "gemiddelde score",
    avg_stage_time: "gemiddelde tijd per fase",
    most_skipped: "vaakst overgeslagen punten",
    completed_later: "overgeslagen, later afgerond",
    none: "(geen)",
    causes: "oorzaken van klachten",
    no_causes: "(geen vastgelegd)",
    customer_prompt: "Klantreferentie (ticket- of klantnummer; Enter = overslaan): ",
    address_prompt: "Aanspreekvorm (bijv. mevrouw Jansen; Enter = geen, de zinnen lopen ook zonder): ",
    saved: "gesprek {id} opgeslagen in {dir}",
    saved_rescue: "de gegevensmap kon niet worden beschreven; gesprek {id} staat in het noodbestand {file} — zet het in {dir}, dan wordt het bij de volgende start ingelezen",
    saved_fallback: "gesprek {id} staat in het reservelogboek {file}; het gaat de database in zodra die weer beschreven kan worden",
    not_saved: "het gesprek kon niet worden opgeslagen: {reason}",
    unfinished_title: "Er staat nog een onafgerond gesprek open:",
    unfinished_labels: ["klant", "begonnen", "fase", "laatste notitie"],
    no_customer: "(geen referentie)",
    no_notes: "(geen notities)",
    more_unfinished: "(nog {n} onafgerond: `callcoach calls list`)",
    resume: "dit gesprek hervatten",
    new_call: "nieuw gesprek beginnen (dit gesprek blijft onafgerond bewaard)",
    stop: "stoppen",
    stopped: "gestopt; er is niets veranderd",
    playbook_kept: "Dit gesprek houdt zijn playbook {kept}; --playbook {asked} is niet toegepast",
    other_customer: "Het onafgeronde gesprek van {customer} blijft bewaard (callcoach calls list)",
    unreadable_lines: "{n} regel(s) konden niet gelezen worden (zie hun \"error\")",
    no_scenario: "geen scenario `{id}`; wel beschikbaar: {ids}",
    practice_needs_terminal: "het oefenscherm heeft een terminal nodig; speel zonder scherm met --answers 1,2,…",
    call_needs_terminal: "het gespreksscherm heeft een terminal nodig; `callcoach call --plain` werkt ook via een pijp, en `callcoach --help` toont de andere opdrachten",
};

/// English.
pub const EN: CliWords = CliWords {
    list_header: ["ID", "STARTED", "CUSTOMER", "OUTCOME", "FOLLOW-UP"],
    no_calls: "No calls stored.",
    unfinished: "UNFINISHED",
    live: "LIVE (open now)",
    ended: "ended",
    difficult: "difficult",
    done: "done",
    resume_hint: "(unfinished: run `callcoach` to resume it)",
    open_elsewhere: "(unfinished, and open in another callcoach window now)",
    eml_draft: "this is a draft: your mail client fills in the sender; add the customer's address and review it before sending",
    written_to: "written to {path} (readable by you only)",
    not_builtin: "playbook `{id}` is not available; titles are taken from `{used}`",
    version_missing: "the version of playbook `{id}` this call ran on ({version}, {hash}) is not in the store; titles and texts are taken from `{used}` version {used_version} and may differ",
    today: "Today",
    overdue: "Overdue",
    coming_up: "Coming up",
    day_late: "1 day late",
    days_late: "{n} days late",
    no_followups: "No follow-ups planned.",
    open_followup: "Open one with `callcoach followups open ID`.",
    practice: "Practice",
    no_practice: "(no practice sessions stored)",
    report_header: [
        "trainee",
        "scenario",
        "attempts",
        "best",
        "last",
        "passed (last/ever)",
        "most common mistakes",
    ],
    yes: "yes",
    no: "no",
    real_calls: "Real calls: {n}",
    avg_score: "average rubric score",
    avg_stage_time: "average time per stage",
    most_skipped: "most skipped items",
    completed_later: "skipped, completed later",
    none: "(none)",
    causes: "complaint causes",
    no_causes: "(none recorded)",
    customer_prompt: "Customer reference (ticket or account number; Enter = skip): ",
    address_prompt: "Form of address (e.g. Mrs Smith; Enter = none, phrases read fine without): ",
    saved: "call {id} saved in {dir}",
    saved_rescue: "the data directory could not be written; call {id} was saved to the emergency file {file} — move it into {dir} and it is imported at the next start",
    saved_fallback: "call {id} saved in the fallback journal {file}; it goes into the database as soon as that can be written",
    not_saved: "the call could not be saved: {reason}",
    unfinished_title: "An unfinished call is still open:",
    unfinished_labels: ["customer", "started", "stage", "last note"],
    no_customer: "(no reference)",
    no_notes: "(no notes)",
    more_unfinished: "({n} more unfinished: `callcoach calls list`)",
    resume: "resume this call",
    new_call: "start a new call (this one stays stored as unfinished)",
    stop: "quit",
    stopped: "stopped; nothing was changed",
    playbook_kept: "This call keeps its playbook {kept}; --playbook {asked} was not applied",
    other_customer: "The unfinished call of {customer} stays stored (callcoach calls list)",
    unreadable_lines: "{n} line(s) could not be read (see their \"error\")",
    no_scenario: "no scenario `{id}`; available: {ids}",
    practice_needs_terminal: "the practice screen needs a terminal; use --answers 1,2,… to play non-interactively",
    call_needs_terminal: "the live call screen needs a terminal; `callcoach call --plain` also works through a pipe, and `callcoach --help` shows the other commands",
};

/// The command-line words for `lang`.
pub fn words(lang: Language) -> &'static CliWords {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_keep_their_placeholders_in_both_languages() {
        for w in [&NL, &EN] {
            assert!(w.written_to.contains("{path}"));
            assert!(w.days_late.contains("{n}"));
            assert!(w.saved.contains("{id}") && w.saved.contains("{dir}"));
            assert!(w.playbook_kept.contains("{kept}") && w.playbook_kept.contains("{asked}"));
            assert!(w.real_calls.contains("{n}"));
        }
        assert_ne!(NL.resume, EN.resume);
    }
}
