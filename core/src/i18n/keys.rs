//! What each key does, as the key tables of the screens describe it in the
//! help overlay, the footer and the hint lines. One constant per binding
//! (`…_SHORT`: the footer's shorter form).

use super::Tr;

const fn tr(nl: &'static str, en: &'static str) -> Tr {
    Tr { nl, en }
}

// Call screen.
/// F1.
pub const HELP: Tr = tr("help: alle toetsen", "help: all keys");
/// F1 in the footer.
pub const HELP_SHORT: Tr = tr("help", "help");
/// Previous stage.
pub const PREV_STAGE: Tr = tr("vorige fase", "previous stage");
/// Previous stage, footer.
pub const PREV_STAGE_SHORT: Tr = tr("vorige", "previous");
/// Next stage.
pub const NEXT_STAGE: Tr = tr(
    "volgende fase (verplichte punten open: bevestigen)",
    "next stage (required items open: confirm)",
);
/// Next stage, footer.
pub const NEXT_STAGE_SHORT: Tr = tr("volgende", "next");
/// Tick an item.
pub const TOGGLE_ITEM: Tr = tr(
    "checklistpunt afvinken/terugzetten",
    "tick/untick checklist item",
);
/// Tick, footer.
pub const TOGGLE_ITEM_SHORT: Tr = tr("vink", "tick");
/// Next phrase.
pub const NEXT_PHRASE: Tr = tr("volgende voorgestelde zin", "next suggested phrase");
/// Next phrase, footer.
pub const NEXT_PHRASE_SHORT: Tr = tr("zin", "phrase");
/// Mark the phrase used.
pub const USE_PHRASE: Tr = tr("zin markeren als gebruikt", "mark phrase as used");
/// Escalation.
pub const ESCALATE: Tr = tr(
    "klant wordt weer boos: terug naar luisteren",
    "customer flares up: back to listen",
);
/// Escalation, footer.
pub const ESCALATE_SHORT: Tr = tr("escalatie", "flare-up");
/// Decision panel.
pub const DECISION: Tr = tr(
    "beslissing: relatie redden of afscheid",
    "decision: keep or part ways",
);
/// Decision, footer.
pub const DECISION_SHORT: Tr = tr("beslissing", "decision");
/// Agreement form.
pub const AGREEMENT: Tr = tr("afspraak vastleggen", "record an agreement");
/// Agreement, footer.
pub const AGREEMENT_SHORT: Tr = tr("afspraak", "agreement");
/// Follow-up form.
pub const FOLLOW_UP: Tr = tr("opvolging plannen", "plan the follow-up");
/// Follow-up, footer.
pub const FOLLOW_UP_SHORT: Tr = tr("opvolging", "follow-up");
/// The list of recorded agreements.
pub const AGREEMENTS: Tr = tr(
    "afspraak wijzigen of intrekken",
    "edit or withdraw an agreement",
);
/// The form of address.
pub const ADDRESS: Tr = tr(
    "aanspreekvorm van de klant (naam of aanhef)",
    "how to address the customer (name or salutation)",
);
/// History overlay.
pub const HISTORY: Tr = tr(
    "eerdere gesprekken van deze klant",
    "this customer's earlier calls",
);
/// History, footer.
pub const HISTORY_SHORT: Tr = tr("historie", "history");
/// Transcript pane.
pub const TRANSCRIPT: Tr = tr(
    "transcript (live spraak) tonen of verbergen",
    "show or hide the transcript (live speech)",
);
/// Transcript pane, footer.
pub const TRANSCRIPT_SHORT: Tr = tr("transcript", "transcript");
/// End the call.
pub const END_CALL: Tr = tr(
    "gesprek beëindigen → samenvatting",
    "end the call → summary",
);
/// End, footer.
pub const END_CALL_SHORT: Tr = tr("einde", "end");
/// Quit.
pub const QUIT: Tr = tr(
    "opslaan en afsluiten (gesprek blijft open)",
    "save and quit (call stays open)",
);
/// Quit, footer.
pub const QUIT_SHORT: Tr = tr("afsluiten", "quit");
/// Ctrl-C.
pub const INTERRUPT: Tr = tr(
    "stopt het gesprek niet; tweemaal = opslaan en afsluiten",
    "does not end the call; twice = save and quit",
);
/// Ctrl-Z.
pub const SUSPEND: Tr = tr(
    "pauzeren naar de shell (fg om terug te gaan)",
    "suspend to the shell (fg to return)",
);
/// The Esc prefix.
pub const ESC_PREFIX: Tr = tr(
    "Esc en binnen 1 s één toets = Alt-toets (Esc 3 = Alt-3); typ je meteen door, of later, dan is het gewoon tekst",
    "Esc then within 1 s a single key = Alt-key (Esc 3 = Alt-3); keep typing, or type later, and it is just text",
);

// Notes editor.
/// Undo.
pub const UNDO: Tr = tr("ongedaan maken", "undo");
/// Redo.
pub const REDO: Tr = tr("opnieuw", "redo");
/// Paste what was cut.
pub const YANK: Tr = tr(
    "plakken wat geknipt is (plakken uit terminal werkt ook)",
    "paste what was cut (terminal paste works too)",
);
/// Delete to the end of the line.
pub const KILL_LINE: Tr = tr("wis tot regeleinde", "delete to end of line");
/// Delete the previous word.
pub const KILL_WORD: Tr = tr("wis vorig woord", "delete previous word");
/// Scroll the notes.
pub const SCROLL_NOTES: Tr = tr(
    "notities scrollen (muiswiel ook)",
    "scroll the notes (mouse wheel too)",
);

// Decision panel.
/// Previous question.
pub const PREV_QUESTION: Tr = tr("vorige vraag", "previous question");
/// Previous question, footer.
pub const PREV_QUESTION_SHORT: Tr = tr("vraag", "question");
/// Next question.
pub const NEXT_QUESTION: Tr = tr("volgende vraag", "next question");
/// Yes.
pub const YES: Tr = tr("ja", "yes");
/// No.
pub const NO: Tr = tr("nee", "no");
/// Mark difficult.
pub const MARK_DIFFICULT: Tr = tr(
    "klant markeren als lastig (aan/uit)",
    "mark customer difficult (on/off)",
);
/// Mark difficult, footer.
pub const MARK_DIFFICULT_SHORT: Tr = tr("lastig", "difficult");
/// Close.
pub const CLOSE: Tr = tr("sluiten", "close");

// Forms.
/// Next field.
pub const NEXT_FIELD: Tr = tr("volgend veld", "next field");
/// Next field, footer.
pub const NEXT_FIELD_SHORT: Tr = tr("veld", "field");
/// Previous field.
pub const PREV_FIELD: Tr = tr("vorig veld", "previous field");
/// Previous field, footer.
pub const PREV_FIELD_SHORT: Tr = tr("vorig veld", "prev field");
/// Date shortcuts.
pub const DATE_SHORTCUT: Tr = tr("datum = vandaag + 1/3/7 dagen", "date = today + 1/3/7 days");
/// Date shortcuts, footer.
pub const DATE_SHORTCUT_SHORT: Tr = tr("+1/3/7 dagen", "+1/3/7 days");
/// Save a form.
pub const SAVE: Tr = tr("opslaan", "save");
/// Cancel a form.
pub const CANCEL: Tr = tr("annuleren", "cancel");
/// Delete the character before the cursor.
pub const BACKSPACE: Tr = tr("wis teken", "delete character");

// Skip confirmation.
/// Move on anyway.
pub const SKIP: Tr = tr(
    "toch doorgaan (vastgelegd als overgeslagen)",
    "move on anyway (recorded as skipped)",
);
/// Move on anyway, footer.
pub const SKIP_SHORT: Tr = tr("toch doorgaan", "move on anyway");
/// Back.
pub const BACK: Tr = tr("terug", "back");

// Summary screen.
/// Back to the call.
pub const REOPEN: Tr = tr(
    "terug naar het gesprek (heropenen)",
    "back to the call (reopen)",
);
/// Copy the summary.
pub const COPY_SUMMARY: Tr = tr(
    "samenvatting kopiëren (OSC 52)",
    "copy the summary (OSC 52)",
);
/// Copy summary, footer.
pub const COPY_SUMMARY_SHORT: Tr = tr("kopieer samenvatting", "copy summary");
/// Copy the e-mail.
pub const COPY_EMAIL: Tr = tr("e-mail kopiëren (OSC 52)", "copy the e-mail (OSC 52)");
/// Copy e-mail, footer.
pub const COPY_EMAIL_SHORT: Tr = tr("kopieer e-mail", "copy e-mail");
/// Save to a file.
pub const SAVE_FILE: Tr = tr(
    "samenvatting + e-mail opslaan in bestand",
    "save summary + e-mail to a file",
);
/// Change the outcome.
pub const OUTCOME: Tr = tr(
    "afloop wijzigen (opgelost / met opvolging / afscheid / niet opgelost)",
    "change the outcome (resolved / with follow-up / parted ways / unresolved)",
);
/// Outcome, footer.
pub const OUTCOME_SHORT: Tr = tr("afloop", "outcome");
/// Choose the cause.
pub const CAUSE: Tr = tr(
    "oorzaak van de klacht kiezen (volgende)",
    "choose the complaint cause (next)",
);
/// Cause, footer.
pub const CAUSE_SHORT: Tr = tr("oorzaak", "cause");
/// Evaluation form.
pub const EVALUATION: Tr = tr(
    "evaluatievragen beantwoorden",
    "answer the evaluation questions",
);
/// Evaluation, footer.
pub const EVALUATION_SHORT: Tr = tr("evaluatie", "evaluation");
/// Scroll up.
pub const SCROLL_UP: Tr = tr("omhoog scrollen", "scroll up");
/// Scroll down.
pub const SCROLL_DOWN: Tr = tr("omlaag scrollen", "scroll down");
/// A page up.
pub const PAGE_UP: Tr = tr("pagina omhoog", "page up");
/// A page down.
pub const PAGE_DOWN: Tr = tr("pagina omlaag", "page down");
/// To the top.
pub const TOP: Tr = tr("naar het begin", "to the top");
/// Finish.
pub const FINISH: Tr = tr("afronden en afsluiten", "finish and quit");
/// Finish, footer.
pub const FINISH_SHORT: Tr = tr("afronden", "finish");

// Recorded agreements (edit or withdraw).
/// Previous agreement.
pub const PREV_AGREEMENT: Tr = tr("vorige afspraak", "previous agreement");
/// Previous agreement, footer.
pub const PREV_AGREEMENT_SHORT: Tr = tr("kies", "select");
/// Next agreement.
pub const NEXT_AGREEMENT: Tr = tr("volgende afspraak", "next agreement");
/// Edit the selected agreement.
pub const EDIT_AGREEMENT: Tr = tr("wijzigen", "edit");
/// Withdraw the selected agreement.
pub const WITHDRAW: Tr = tr("intrekken", "withdraw");

// Resume chooser (before the call screen).
/// Resume the unfinished call.
pub const RESUME_CALL: Tr = tr("dit gesprek hervatten", "resume this call");
/// Start a new call.
pub const NEW_CALL: Tr = tr(
    "nieuw gesprek beginnen (dit gesprek blijft onafgerond bewaard)",
    "start a new call (this one stays stored as unfinished)",
);
/// Stop.
pub const STOP_CHOOSER: Tr = tr("stoppen", "quit");

// History and help overlays.
/// Close the history.
pub const CLOSE_HISTORY: Tr = tr(
    "sluiten (gewoon doortypen kan ook)",
    "close (or just start typing)",
);
/// Close the help.
pub const CLOSE_HELP: Tr = tr("help sluiten", "close help");
/// Up.
pub const UP: Tr = tr("omhoog", "up");
/// Down.
pub const DOWN: Tr = tr("omlaag", "down");

// Practice screen.
/// Pick an option.
pub const PICK_OPTION: Tr = tr(
    "optie kiezen (cijfers alleen zolang er niets getypt is)",
    "pick an option (digits only while nothing is typed)",
);
/// Pick, footer.
pub const PICK_OPTION_SHORT: Tr = tr("kies", "pick");
/// Send the typed answer.
pub const SEND_ANSWER: Tr = tr("eigen antwoord versturen", "send your own answer");
/// Send, footer.
pub const SEND_ANSWER_SHORT: Tr = tr("eigen antwoord", "own answer");
/// Clear the reply (or stop when empty).
pub const CLEAR_ANSWER: Tr = tr(
    "antwoord wissen (leeg: stoppen)",
    "clear the answer (empty: stop)",
);
/// Clear, footer.
pub const CLEAR_ANSWER_SHORT: Tr = tr("wissen", "clear");
/// Stop practising.
pub const STOP: Tr = tr("stoppen (vraagt eerst)", "stop (asks first)");
/// Stop, footer.
pub const STOP_SHORT: Tr = tr("stoppen", "stop");
/// Confirm stopping.
pub const STOP_YES: Tr = tr("ja, stoppen", "yes, stop");
/// Keep going.
pub const GO_ON: Tr = tr("nee, verder", "no, go on");
/// Leave the score screen.
pub const LEAVE: Tr = tr("afsluiten", "quit");

// Scenario picker.
/// Move up the list.
pub const LIST_UP: Tr = tr("omhoog", "up");
/// Move down the list.
pub const LIST_DOWN: Tr = tr("omlaag", "down");
/// Start the highlighted scenario.
pub const START: Tr = tr("starten", "start");
/// Start scenario N.
pub const START_NUMBER: Tr = tr("scenario N starten", "start scenario N");
/// Move through a list.
pub const MOVE: Tr = tr("kiezen", "move");

// Editor (the notes and every form field).
/// Delete the next word.
pub const KILL_NEXT_WORD: Tr = tr("wis volgend woord", "delete next word");
/// Delete the character under the cursor.
pub const DELETE: Tr = tr(
    "wis teken onder de cursor",
    "delete character under the cursor",
);
/// Cursor left.
pub const CURSOR_LEFT: Tr = tr("cursor naar links", "cursor left");
/// Cursor right.
pub const CURSOR_RIGHT: Tr = tr("cursor naar rechts", "cursor right");
/// Cursor up.
pub const CURSOR_UP: Tr = tr("regel omhoog", "line up");
/// Cursor down.
pub const CURSOR_DOWN: Tr = tr("regel omlaag", "line down");
/// Word left.
pub const WORD_LEFT: Tr = tr("woord naar links", "word left");
/// Word right.
pub const WORD_RIGHT: Tr = tr("woord naar rechts", "word right");
/// Start of the line.
pub const LINE_START: Tr = tr("begin van de regel", "start of the line");
/// End of the line.
pub const LINE_END: Tr = tr("eind van de regel", "end of the line");
/// Start of the text.
pub const TEXT_START: Tr = tr("begin van de tekst", "start of the text");
/// End of the text.
pub const TEXT_END: Tr = tr("eind van de tekst", "end of the text");
/// Page up in the text.
pub const PAGE_UP_TEXT: Tr = tr("pagina omhoog (muiswiel ook)", "page up (mouse wheel too)");
/// Page down in the text.
pub const PAGE_DOWN_TEXT: Tr = tr(
    "pagina omlaag (muiswiel ook)",
    "page down (mouse wheel too)",
);
/// New line.
pub const NEWLINE: Tr = tr(
    "nieuwe regel (in een formulier: opslaan)",
    "new line (in a form: save)",
);
/// Indent.
pub const INDENT: Tr = tr(
    "inspringen (in een formulier: volgend veld)",
    "indent (in a form: next field)",
);
/// Select the checklist item above.
pub const SELECT_UP: Tr = tr(
    "vorig checklistpunt kiezen (dat staat dan helemaal in beeld)",
    "select the checklist item above (it is then shown in full)",
);
/// Select the checklist item below.
pub const SELECT_DOWN: Tr = tr(
    "volgend checklistpunt kiezen",
    "select the checklist item below",
);

// Quitting with notes saved nowhere.
/// Copy all notes to the clipboard.
pub const COPY_NOTES: Tr = tr(
    "alle notities naar het klembord kopiëren",
    "copy all notes to the clipboard",
);
/// Try saving again.
pub const RETRY_SAVE: Tr = tr("opnieuw proberen op te slaan", "try saving again");
/// Back to the call.
pub const BACK_TO_CALL: Tr = tr("terug naar het gesprek", "back to the call");
/// Quit without saving.
pub const QUIT_UNSAVED: Tr = tr(
    "stoppen zonder opslaan (twee keer drukken)",
    "quit without saving (press twice)",
);
