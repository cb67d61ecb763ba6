//! The one key table: it dispatches keys, and the footer and the help
//! overlay are generated from it, so they cannot drift apart.
//!
//! Rule: in the call screen the notes editor gets every printable key.
//! Global actions use function keys, Ctrl/Alt chords, or Esc followed by a
//! key (for terminals that swallow Alt or F-keys): they never steal typing.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// The call screen (notes editor focused).
    Call,
    /// The notes editor itself (listed in help; handled by the editor).
    Notes,
    /// The keep-or-part-ways decision panel.
    Decision,
    /// A form (agreement, follow-up, follow-up result).
    Form,
    /// The skip confirmation.
    Confirm,
    /// The summary screen.
    Summary,
    /// The help overlay.
    Help,
    /// The customer's earlier calls.
    History,
    /// The recorded agreements, to edit or withdraw one.
    Agreements,
}

/// What a key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Show or hide the help overlay.
    Help,
    /// Go to the previous stage.
    PrevStage,
    /// Go to the next stage (guarded).
    NextStage,
    /// Tick or untick checklist item 1…9 (the digit is in the key).
    ToggleItem,
    /// Show the next suggested phrase.
    NextPhrase,
    /// Mark the shown phrase as used.
    UsePhrase,
    /// The customer flared up again: back to listen.
    Escalate,
    /// Open the decision panel.
    Decision,
    /// Open the agreement form.
    AgreementForm,
    /// Open the follow-up form.
    FollowUpForm,
    /// End the call and show the summary.
    EndCall,
    /// Save everything and quit.
    Quit,
    /// Ctrl-C: explain, quit on a second press.
    Interrupt,
    /// Ctrl-Z: suspend to the shell.
    Suspend,
    /// Close an overlay / go back.
    Close,
    /// Up in a list.
    Up,
    /// Down in a list.
    Down,
    /// Answer yes.
    Yes,
    /// Answer no.
    No,
    /// Mark the customer as difficult (toggle).
    MarkDifficult,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Submit a form / confirm.
    Confirm,
    /// Fill the follow-up date with today + N days (N in the key).
    DateShortcut,
    /// Copy the summary (OSC 52).
    CopySummary,
    /// Copy the e-mail draft (OSC 52).
    CopyEmail,
    /// Save the summary and e-mail to a file.
    SaveFile,
    /// Finish: leave the summary and quit.
    Finish,
    /// Show or hide the customer's earlier calls.
    History,
    /// Summary: choose the next outcome of the call.
    CycleOutcome,
    /// Summary: choose the next complaint cause.
    CycleCause,
    /// Summary: answer the evaluation questions.
    EvaluationForm,
    /// Editor key, only listed in help.
    EditorInfo,
    /// Open the form of address (how to address the customer).
    AddressForm,
    /// Open the list of recorded agreements (edit or withdraw).
    Agreements,
    /// Withdraw the selected agreement.
    Withdraw,
}

/// One key (code + exact modifiers).
pub type Key = (KeyCode, KeyModifiers);

const NONE: KeyModifiers = KeyModifiers::NONE;
const ALT: KeyModifiers = KeyModifiers::ALT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// A row of the key table.
#[derive(Debug)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// How the key is written in the footer and help.
    pub label: &'static str,
    /// What it does.
    pub action: Action,
    /// Description in Dutch.
    pub nl: &'static str,
    /// Description in English.
    pub en: &'static str,
    /// Short footer label (nl, en); `None` keeps the key out of the footer.
    pub footer: Option<(&'static str, &'static str)>,
}

macro_rules! b {
    ($ctx:ident, [$($k:expr),*], $label:expr, $action:ident, $nl:expr, $en:expr, $footer:expr) => {
        Binding {
            context: Context::$ctx,
            keys: &[$($k),*],
            label: $label,
            action: Action::$action,
            nl: $nl,
            en: $en,
            footer: $footer,
        }
    };
}

const fn c(ch: char) -> KeyCode {
    KeyCode::Char(ch)
}

/// The key table.
pub const TABLE: &[Binding] = &[
    // Call screen.
    b!(
        Call,
        [(KeyCode::F(1), NONE)],
        "F1",
        Help,
        "help: alle toetsen",
        "help: all keys",
        Some(("help", "help"))
    ),
    b!(
        Call,
        [(KeyCode::F(2), NONE), (KeyCode::Left, ALT)],
        "F2/Alt-←",
        PrevStage,
        "vorige fase",
        "previous stage",
        Some(("vorige", "previous"))
    ),
    b!(
        Call,
        [(KeyCode::F(3), NONE), (KeyCode::Right, ALT)],
        "F3/Alt-→",
        NextStage,
        "volgende fase (verplichte punten open: bevestigen)",
        "next stage (required items open: confirm)",
        Some(("volgende", "next"))
    ),
    b!(
        Call,
        [
            (c('1'), ALT),
            (c('2'), ALT),
            (c('3'), ALT),
            (c('4'), ALT),
            (c('5'), ALT),
            (c('6'), ALT),
            (c('7'), ALT),
            (c('8'), ALT),
            (c('9'), ALT)
        ],
        "Alt-1…9",
        ToggleItem,
        "checklistpunt afvinken/terugzetten",
        "tick/untick checklist item",
        Some(("vink", "tick"))
    ),
    b!(
        Call,
        [(KeyCode::F(4), NONE), (c('p'), ALT)],
        "F4/Alt-p",
        NextPhrase,
        "volgende voorgestelde zin",
        "next suggested phrase",
        Some(("zin", "phrase"))
    ),
    b!(
        Call,
        [(KeyCode::F(4), SHIFT), (c('u'), ALT)],
        "Shift-F4/Alt-u",
        UsePhrase,
        "zin markeren als gebruikt",
        "mark phrase as used",
        None
    ),
    b!(
        Call,
        [(KeyCode::F(5), NONE), (c('e'), ALT)],
        "F5/Alt-e",
        Escalate,
        "klant wordt weer boos: terug naar luisteren",
        "customer flares up: back to listen",
        Some(("escalatie", "flare-up"))
    ),
    b!(
        Call,
        [(KeyCode::F(6), NONE), (c('d'), ALT)],
        "F6/Alt-d",
        Decision,
        "beslissing: relatie redden of afscheid",
        "decision: keep or part ways",
        Some(("beslissing", "decision"))
    ),
    b!(
        Call,
        [(KeyCode::F(7), NONE), (c('a'), ALT)],
        "F7/Alt-a",
        AgreementForm,
        "afspraak vastleggen",
        "record an agreement",
        Some(("afspraak", "agreement"))
    ),
    b!(
        Call,
        [(KeyCode::F(7), SHIFT), (c('w'), ALT)],
        "Shift-F7/Alt-w",
        Agreements,
        "afspraak wijzigen of intrekken",
        "edit or withdraw an agreement",
        None
    ),
    b!(
        Call,
        [(c('n'), ALT)],
        "Alt-n",
        AddressForm,
        "aanspreekvorm van de klant (naam of aanhef)",
        "how to address the customer (name or salutation)",
        None
    ),
    b!(
        Call,
        [(KeyCode::F(8), NONE), (c('f'), ALT)],
        "F8/Alt-f",
        FollowUpForm,
        "opvolging plannen",
        "plan the follow-up",
        Some(("opvolging", "follow-up"))
    ),
    b!(
        Call,
        [(KeyCode::F(11), NONE), (c('h'), ALT)],
        "F11/Alt-h",
        History,
        "eerdere gesprekken van deze klant",
        "this customer's earlier calls",
        Some(("historie", "history"))
    ),
    b!(
        Call,
        [(KeyCode::F(10), NONE), (KeyCode::F(9), NONE), (c('x'), ALT)],
        "F10/Alt-x",
        EndCall,
        "gesprek beëindigen → samenvatting",
        "end the call → summary",
        Some(("einde", "end"))
    ),
    b!(
        Call,
        [(c('q'), CTRL)],
        "Ctrl-Q",
        Quit,
        "opslaan en afsluiten (gesprek blijft open)",
        "save and quit (call stays open)",
        Some(("afsluiten", "quit"))
    ),
    b!(
        Call,
        [(c('c'), CTRL)],
        "Ctrl-C",
        Interrupt,
        "stopt het gesprek niet; tweemaal = opslaan en afsluiten",
        "does not end the call; twice = save and quit",
        None
    ),
    b!(
        Call,
        [(c('z'), CTRL)],
        "Ctrl-Z",
        Suspend,
        "pauzeren naar de shell (fg om terug te gaan)",
        "suspend to the shell (fg to return)",
        None
    ),
    b!(
        Call,
        [],
        "Esc …",
        EditorInfo,
        "Esc en dan een toets = Alt-toets (bijv. Esc 3 = Alt-3)",
        "Esc then a key = Alt-key (e.g. Esc 3 = Alt-3)",
        None
    ),
    // Notes editor (handled by the editor; listed for help).
    b!(
        Notes,
        [],
        "Ctrl-U / Ctrl-R",
        EditorInfo,
        "ongedaan maken / opnieuw",
        "undo / redo",
        None
    ),
    b!(
        Notes,
        [],
        "Ctrl-Y",
        EditorInfo,
        "plakken wat geknipt is (plakken uit terminal werkt ook)",
        "paste what was cut (terminal paste works too)",
        None
    ),
    b!(
        Notes,
        [],
        "Ctrl-K / Ctrl-W",
        EditorInfo,
        "wis tot regeleinde / vorig woord",
        "delete to end of line / previous word",
        None
    ),
    b!(
        Notes,
        [],
        "PgUp/PgDn, wheel",
        EditorInfo,
        "notities scrollen",
        "scroll the notes",
        None
    ),
    // Decision panel.
    b!(
        Decision,
        [(KeyCode::Up, NONE)],
        "↑",
        Up,
        "vorige vraag",
        "previous question",
        Some(("vraag", "question"))
    ),
    b!(
        Decision,
        [(KeyCode::Down, NONE), (KeyCode::Tab, NONE)],
        "↓",
        Down,
        "volgende vraag",
        "next question",
        Some(("", ""))
    ),
    b!(
        Decision,
        [
            (c('y'), NONE),
            (c('Y'), SHIFT),
            (c('j'), NONE),
            (c('J'), SHIFT)
        ],
        "y/j",
        Yes,
        "ja",
        "yes",
        Some(("", ""))
    ),
    b!(
        Decision,
        [(c('n'), NONE), (c('N'), SHIFT)],
        "n",
        No,
        "nee",
        "no",
        Some(("", ""))
    ),
    b!(
        Decision,
        [(c('m'), NONE)],
        "m",
        MarkDifficult,
        "klant markeren als lastig (aan/uit)",
        "mark customer difficult (on/off)",
        Some(("lastig", "difficult"))
    ),
    b!(
        Decision,
        [
            (KeyCode::Esc, NONE),
            (KeyCode::F(6), NONE),
            (KeyCode::Enter, NONE)
        ],
        "Esc",
        Close,
        "sluiten",
        "close",
        Some(("", ""))
    ),
    // Forms.
    b!(
        Form,
        [(KeyCode::Tab, NONE), (KeyCode::Down, NONE)],
        "Tab/↓",
        NextField,
        "volgend veld",
        "next field",
        Some(("veld", "field"))
    ),
    b!(
        Form,
        [
            (KeyCode::BackTab, SHIFT),
            (KeyCode::BackTab, NONE),
            (KeyCode::Up, NONE)
        ],
        "Shift-Tab/↑",
        PrevField,
        "vorig veld",
        "previous field",
        Some(("vorig veld", "prev field"))
    ),
    b!(
        Form,
        [(c('1'), ALT), (c('3'), ALT), (c('7'), ALT)],
        "Alt-1/3/7",
        DateShortcut,
        "datum = vandaag + 1/3/7 dagen",
        "date = today + 1/3/7 days",
        Some(("+1/3/7 dagen", "+1/3/7 days"))
    ),
    b!(
        Form,
        [(KeyCode::Enter, NONE)],
        "Enter",
        Confirm,
        "opslaan",
        "save",
        Some(("", ""))
    ),
    b!(
        Form,
        [(KeyCode::Esc, NONE)],
        "Esc",
        Close,
        "annuleren",
        "cancel",
        Some(("", ""))
    ),
    // Skip confirmation.
    b!(
        Confirm,
        [
            (KeyCode::Enter, NONE),
            (KeyCode::F(3), NONE),
            (c('y'), NONE),
            (c('j'), NONE)
        ],
        "Enter/F3",
        Confirm,
        "toch doorgaan (vastgelegd als overgeslagen)",
        "move on anyway (recorded as skipped)",
        Some(("toch doorgaan", "move on anyway"))
    ),
    b!(
        Confirm,
        [(KeyCode::Esc, NONE), (c('n'), NONE)],
        "Esc",
        Close,
        "terug",
        "back",
        Some(("", ""))
    ),
    // Summary screen.
    b!(
        Summary,
        [(KeyCode::Esc, NONE), (KeyCode::F(2), NONE)],
        "Esc",
        Close,
        "terug naar het gesprek (heropenen)",
        "back to the call (reopen)",
        Some(("terug", "back"))
    ),
    b!(
        Summary,
        [(c('c'), NONE)],
        "c",
        CopySummary,
        "samenvatting kopiëren (OSC 52)",
        "copy the summary (OSC 52)",
        Some(("kopieer samenvatting", "copy summary"))
    ),
    b!(
        Summary,
        [(c('e'), NONE)],
        "e",
        CopyEmail,
        "e-mail kopiëren (OSC 52)",
        "copy the e-mail (OSC 52)",
        Some(("kopieer e-mail", "copy e-mail"))
    ),
    b!(
        Summary,
        [(c('s'), NONE)],
        "s",
        SaveFile,
        "samenvatting + e-mail opslaan in bestand",
        "save summary + e-mail to a file",
        Some(("opslaan", "save"))
    ),
    b!(
        Summary,
        [(c('o'), NONE)],
        "o",
        CycleOutcome,
        "afloop wijzigen (opgelost / met opvolging / afscheid / niet opgelost)",
        "change the outcome (resolved / with follow-up / parted ways / unresolved)",
        Some(("afloop", "outcome"))
    ),
    b!(
        Summary,
        [(c('r'), NONE)],
        "r",
        CycleCause,
        "oorzaak van de klacht kiezen (volgende)",
        "choose the complaint cause (next)",
        Some(("oorzaak", "cause"))
    ),
    b!(
        Summary,
        [(c('v'), NONE)],
        "v",
        EvaluationForm,
        "evaluatievragen beantwoorden",
        "answer the evaluation questions",
        Some(("evaluatie", "evaluation"))
    ),
    b!(
        Summary,
        [(KeyCode::Up, NONE), (c('k'), NONE), (KeyCode::PageUp, NONE)],
        "↑/PgUp",
        Up,
        "omhoog scrollen",
        "scroll up",
        None
    ),
    b!(
        Summary,
        [
            (KeyCode::Down, NONE),
            (c('j'), NONE),
            (KeyCode::PageDown, NONE)
        ],
        "↓/PgDn",
        Down,
        "omlaag scrollen",
        "scroll down",
        None
    ),
    b!(
        Summary,
        [
            (KeyCode::Enter, NONE),
            (c('q'), CTRL),
            (KeyCode::F(10), NONE)
        ],
        "Enter",
        Finish,
        "afronden en afsluiten",
        "finish and quit",
        Some(("afronden", "finish"))
    ),
    b!(
        Summary,
        [(KeyCode::F(1), NONE)],
        "F1",
        Help,
        "help",
        "help",
        None
    ),
    // History overlay.
    b!(
        History,
        [
            (KeyCode::Esc, NONE),
            (KeyCode::F(11), NONE),
            (c('h'), ALT),
            (KeyCode::Enter, NONE)
        ],
        "Esc",
        Close,
        "sluiten (gewoon doortypen kan ook)",
        "close (or just start typing)",
        Some(("", ""))
    ),
    b!(
        History,
        [(KeyCode::Up, NONE), (KeyCode::PageUp, NONE)],
        "↑/PgUp",
        Up,
        "omhoog",
        "up",
        None
    ),
    b!(
        History,
        [(KeyCode::Down, NONE), (KeyCode::PageDown, NONE)],
        "↓/PgDn",
        Down,
        "omlaag",
        "down",
        None
    ),
    // Recorded agreements (edit or withdraw).
    b!(
        Agreements,
        [(KeyCode::Up, NONE)],
        "↑",
        Up,
        "vorige afspraak",
        "previous agreement",
        Some(("kies", "select"))
    ),
    b!(
        Agreements,
        [(KeyCode::Down, NONE), (KeyCode::Tab, NONE)],
        "↓",
        Down,
        "volgende afspraak",
        "next agreement",
        Some(("", ""))
    ),
    b!(
        Agreements,
        [(KeyCode::Enter, NONE)],
        "Enter",
        Confirm,
        "wijzigen",
        "edit",
        Some(("", ""))
    ),
    b!(
        Agreements,
        [(KeyCode::Delete, NONE)],
        "Del",
        Withdraw,
        "intrekken",
        "withdraw",
        Some(("", ""))
    ),
    b!(
        Agreements,
        [(KeyCode::Esc, NONE), (KeyCode::F(7), SHIFT), (c('w'), ALT)],
        "Esc",
        Close,
        "sluiten (gewoon doortypen kan ook)",
        "close (or just keep typing)",
        Some(("", ""))
    ),
    // Help overlay.
    b!(
        Help,
        [(KeyCode::Esc, NONE), (KeyCode::F(1), NONE), (c('q'), NONE)],
        "Esc/F1",
        Close,
        "help sluiten",
        "close help",
        Some(("", ""))
    ),
    b!(
        Help,
        [(KeyCode::Up, NONE), (KeyCode::PageUp, NONE)],
        "↑",
        Up,
        "omhoog",
        "up",
        None
    ),
    b!(
        Help,
        [(KeyCode::Down, NONE), (KeyCode::PageDown, NONE)],
        "↓",
        Down,
        "omlaag",
        "down",
        None
    ),
];

/// Normalises a key event for matching: shifted letters keep their
/// upper-case char, `Shift` alone on a char is ignored (the char says it).
fn normalise(key: &KeyEvent) -> Key {
    let mut mods = key.modifiers & (ALT | CTRL | SHIFT);
    if let KeyCode::Char(ch) = key.code {
        if !ch.is_ascii_uppercase() {
            mods.remove(SHIFT);
        }
        // Ctrl chords arrive as lower-case letters on most terminals;
        // Ctrl-Shift-Q as upper-case: treat them alike.
        if mods.contains(CTRL) && ch.is_ascii_uppercase() {
            return (KeyCode::Char(ch.to_ascii_lowercase()), mods - SHIFT);
        }
    }
    (key.code, mods)
}

/// True for a key that only types text (no chord): such keys always reach
/// the notes editor first. AltGr arrives as Ctrl+Alt+char on some
/// terminals; that types too.
pub fn is_typing(key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Char(_) => {
            let m = key.modifiers;
            !(m.contains(CTRL) ^ m.contains(ALT))
        }
        _ => false,
    }
}

/// Finds the binding for `key` in `context`.
pub fn lookup(context: Context, key: &KeyEvent) -> Option<&'static Binding> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let k = normalise(key);
    TABLE
        .iter()
        .filter(|b| b.context == context)
        .find(|b| b.keys.contains(&k))
}

/// The digit 1…9 of a key, for [`Action::ToggleItem`] and [`Action::DateShortcut`].
pub fn digit(key: &KeyEvent) -> Option<usize> {
    match key.code {
        KeyCode::Char(ch @ '1'..='9') => ch.to_digit(10).map(|d| d as usize),
        _ => None,
    }
}

/// Bindings of `context`, in table order.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    TABLE.iter().filter(move |b| b.context == context)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn printable_keys_never_match_in_the_call_context() {
        for ch in ['a', 'é', 'ë', 'ĳ', '?', '!', '1', '9', 'q', 'Q', ' '] {
            let ev = k(KeyCode::Char(ch), NONE);
            assert!(lookup(Context::Call, &ev).is_none(), "{ch} was claimed");
            assert!(is_typing(&ev));
            let shifted = k(KeyCode::Char(ch.to_ascii_uppercase()), SHIFT);
            assert!(lookup(Context::Call, &shifted).is_none());
        }
        // AltGr (Ctrl+Alt) types as well.
        assert!(is_typing(&k(KeyCode::Char('@'), CTRL | ALT)));
        assert!(!is_typing(&k(KeyCode::Char('q'), CTRL)));
    }

    #[test]
    fn chords_and_function_keys_dispatch() {
        let find = |code, m| lookup(Context::Call, &k(code, m)).map(|b| b.action);
        assert_eq!(find(KeyCode::F(3), NONE), Some(Action::NextStage));
        assert_eq!(find(KeyCode::Char('3'), ALT), Some(Action::ToggleItem));
        assert_eq!(find(KeyCode::Char('q'), CTRL), Some(Action::Quit));
        assert_eq!(find(KeyCode::Char('Q'), CTRL | SHIFT), Some(Action::Quit));
        assert_eq!(find(KeyCode::Char('c'), CTRL), Some(Action::Interrupt));
        assert_eq!(digit(&k(KeyCode::Char('7'), ALT)), Some(7));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for a in TABLE {
            for b in TABLE {
                if std::ptr::eq(a, b) || a.context != b.context {
                    continue;
                }
                for key in a.keys {
                    assert!(
                        !b.keys.contains(key),
                        "{key:?} bound twice: {} / {}",
                        a.label,
                        b.label
                    );
                }
            }
        }
    }
}
