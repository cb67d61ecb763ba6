//! The call screen's key table: the only place its keys are matched, and
//! the only source of its footer, help overlay and hint lines.
//!
//! Rule: on the call screen the notes editor gets every printable key.
//! Global actions use function keys, Ctrl/Alt chords, or Esc followed by a
//! key (for terminals that swallow Alt or F-keys): they never steal typing.

use crate::i18n::keys as k;
use crate::tui::keymap::{self, ALT, Binding, CTRL, NONE, SHIFT, c, digits};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

mod kinds;

pub use kinds::{chord_char, is_ctrl_chord, is_esc, is_line_feed, is_word_char, with_alt};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// The call screen (notes editor focused).
    Call,
    /// The keep-or-part-ways decision panel.
    Decision,
    /// A form (agreement, follow-up, follow-up result, evaluation).
    Form,
    /// The skip confirmation.
    Confirm,
    /// The summary screen.
    Summary,
    /// The help overlay.
    Help,
    /// The customer's earlier calls.
    History,
    /// Quitting with notes saved nowhere.
    Unsaved,
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
    /// Select the checklist item above.
    SelectUp,
    /// Select the checklist item below.
    SelectDown,
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
    /// Esc: the next key counts as an Alt chord.
    EscPrefix,
    /// Close an overlay / go back.
    Close,
    /// Up in a list.
    Up,
    /// Down in a list.
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
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
    /// Copy all notes (OSC 52), when they could be saved nowhere.
    CopyNotes,
    /// Try saving again.
    RetrySave,
    /// Quit without saving (asks twice).
    QuitUnsaved,
    /// Open the form of address (how to address the customer).
    AddressForm,
    /// Open the list of recorded agreements (edit or withdraw).
    Agreements,
    /// Withdraw the selected agreement.
    Withdraw,
    /// Show or hide the live transcript pane.
    TranscriptPane,
}

/// A row of the call screen's key table.
pub type CallBinding = Binding<Context, Action>;

macro_rules! b {
    ($ctx:ident, [$($k:expr),* $(,)?], $action:ident, $desc:expr, $footer:expr) => {
        Binding {
            context: Context::$ctx,
            keys: &[$($k),*],
            action: Action::$action,
            desc: $desc,
            footer: $footer,
        }
    };
}

const fn fk(n: u8) -> KeyCode {
    KeyCode::F(n)
}
const ALT_DIGITS: [keymap::Key; 9] = digits(ALT);

/// The key table.
pub const TABLE: &[CallBinding] = &[
    // Call screen.
    b!(Call, [(fk(1), NONE)], Help, k::HELP, Some(k::HELP_SHORT)),
    b!(
        Call,
        [(fk(2), NONE), (KeyCode::Left, ALT)],
        PrevStage,
        k::PREV_STAGE,
        Some(k::PREV_STAGE_SHORT)
    ),
    b!(
        Call,
        [(fk(3), NONE), (KeyCode::Right, ALT)],
        NextStage,
        k::NEXT_STAGE,
        Some(k::NEXT_STAGE_SHORT)
    ),
    b!(
        Call,
        [
            ALT_DIGITS[0],
            ALT_DIGITS[1],
            ALT_DIGITS[2],
            ALT_DIGITS[3],
            ALT_DIGITS[4],
            ALT_DIGITS[5],
            ALT_DIGITS[6],
            ALT_DIGITS[7],
            ALT_DIGITS[8]
        ],
        ToggleItem,
        k::TOGGLE_ITEM,
        Some(k::TOGGLE_ITEM_SHORT)
    ),
    b!(Call, [(KeyCode::Up, ALT)], SelectUp, k::SELECT_UP, None),
    b!(
        Call,
        [(KeyCode::Down, ALT)],
        SelectDown,
        k::SELECT_DOWN,
        None
    ),
    b!(
        Call,
        [(fk(4), NONE), (c('p'), ALT)],
        NextPhrase,
        k::NEXT_PHRASE,
        Some(k::NEXT_PHRASE_SHORT)
    ),
    b!(
        Call,
        [(fk(4), SHIFT), (c('u'), ALT)],
        UsePhrase,
        k::USE_PHRASE,
        None
    ),
    b!(
        Call,
        [(fk(7), NONE), (c('a'), ALT)],
        AgreementForm,
        k::AGREEMENT,
        Some(k::AGREEMENT_SHORT)
    ),
    b!(
        Call,
        [(fk(7), SHIFT), (c('w'), ALT)],
        Agreements,
        k::AGREEMENTS,
        None
    ),
    b!(Call, [(c('k'), ALT)], AddressForm, k::ADDRESS, None),
    b!(
        Call,
        [(fk(8), NONE), (c('f'), ALT)],
        FollowUpForm,
        k::FOLLOW_UP,
        Some(k::FOLLOW_UP_SHORT)
    ),
    b!(
        Call,
        [(fk(10), NONE), (fk(9), NONE), (c('x'), ALT)],
        EndCall,
        k::END_CALL,
        Some(k::END_CALL_SHORT)
    ),
    b!(
        Call,
        [(fk(5), NONE), (c('e'), ALT)],
        Escalate,
        k::ESCALATE,
        Some(k::ESCALATE_SHORT)
    ),
    b!(
        Call,
        [(fk(6), NONE), (c('d'), ALT)],
        Decision,
        k::DECISION,
        Some(k::DECISION_SHORT)
    ),
    b!(
        Call,
        [(fk(11), NONE), (c('h'), ALT)],
        History,
        k::HISTORY,
        Some(k::HISTORY_SHORT)
    ),
    b!(
        Call,
        [(fk(12), NONE), (c('t'), ALT)],
        TranscriptPane,
        k::TRANSCRIPT,
        Some(k::TRANSCRIPT_SHORT)
    ),
    b!(Call, [(c('q'), CTRL)], Quit, k::QUIT, Some(k::QUIT_SHORT)),
    b!(Call, [(c('c'), CTRL)], Interrupt, k::INTERRUPT, None),
    b!(Call, [(c('z'), CTRL)], Suspend, k::SUSPEND, None),
    b!(Call, [(KeyCode::Esc, NONE)], EscPrefix, k::ESC_PREFIX, None),
    // Decision panel.
    b!(
        Decision,
        [(KeyCode::Up, NONE)],
        Up,
        k::PREV_QUESTION,
        Some(k::PREV_QUESTION_SHORT)
    ),
    b!(
        Decision,
        [(KeyCode::Down, NONE), (KeyCode::Tab, NONE)],
        Down,
        k::NEXT_QUESTION,
        Some(k::NEXT_QUESTION)
    ),
    b!(
        Decision,
        [(c('j'), ALT), (c('y'), ALT)],
        Yes,
        k::YES,
        Some(k::YES)
    ),
    b!(Decision, [(c('n'), ALT)], No, k::NO, Some(k::NO)),
    b!(
        Decision,
        [(c('m'), ALT)],
        MarkDifficult,
        k::MARK_DIFFICULT,
        Some(k::MARK_DIFFICULT_SHORT)
    ),
    b!(
        Decision,
        [(KeyCode::PageUp, NONE)],
        PageUp,
        k::PAGE_UP,
        None
    ),
    b!(
        Decision,
        [(KeyCode::PageDown, NONE)],
        PageDown,
        k::PAGE_DOWN,
        None
    ),
    b!(
        Decision,
        [(KeyCode::Esc, NONE), (fk(6), NONE), (KeyCode::Enter, NONE)],
        Close,
        k::CLOSE,
        Some(k::CLOSE)
    ),
    // Forms.
    b!(
        Form,
        [(KeyCode::Tab, NONE), (KeyCode::Down, NONE)],
        NextField,
        k::NEXT_FIELD,
        Some(k::NEXT_FIELD_SHORT)
    ),
    b!(
        Form,
        [
            (KeyCode::BackTab, SHIFT),
            (KeyCode::BackTab, NONE),
            (KeyCode::Up, NONE)
        ],
        PrevField,
        k::PREV_FIELD,
        Some(k::PREV_FIELD_SHORT)
    ),
    b!(
        Form,
        [(c('1'), ALT), (c('3'), ALT), (c('7'), ALT)],
        DateShortcut,
        k::DATE_SHORTCUT,
        Some(k::DATE_SHORTCUT_SHORT)
    ),
    b!(
        Form,
        [(KeyCode::Enter, NONE)],
        Confirm,
        k::SAVE,
        Some(k::SAVE)
    ),
    b!(
        Form,
        [(KeyCode::Esc, NONE)],
        Close,
        k::CANCEL,
        Some(k::CANCEL)
    ),
    // Skip confirmation.
    b!(
        Confirm,
        [(KeyCode::Enter, NONE), (fk(3), NONE)],
        Confirm,
        k::SKIP,
        Some(k::SKIP_SHORT)
    ),
    b!(
        Confirm,
        [(KeyCode::Esc, NONE)],
        Close,
        k::BACK,
        Some(k::BACK)
    ),
    // Summary screen.
    b!(
        Summary,
        [(KeyCode::Esc, NONE), (fk(2), NONE)],
        Close,
        k::REOPEN,
        Some(k::BACK)
    ),
    b!(
        Summary,
        [(fk(10), NONE), (c('q'), CTRL)],
        Finish,
        k::FINISH,
        Some(k::FINISH_SHORT)
    ),
    b!(Summary, [(fk(1), NONE)], Help, k::HELP, Some(k::HELP_SHORT)),
    b!(
        Summary,
        [(c('c'), ALT)],
        CopySummary,
        k::COPY_SUMMARY,
        Some(k::COPY_SUMMARY_SHORT)
    ),
    b!(
        Summary,
        [(c('e'), ALT)],
        CopyEmail,
        k::COPY_EMAIL,
        Some(k::COPY_EMAIL_SHORT)
    ),
    b!(
        Summary,
        [(c('s'), ALT)],
        SaveFile,
        k::SAVE_FILE,
        Some(k::SAVE)
    ),
    b!(
        Summary,
        [(c('o'), ALT)],
        CycleOutcome,
        k::OUTCOME,
        Some(k::OUTCOME_SHORT)
    ),
    b!(
        Summary,
        [(c('r'), ALT)],
        CycleCause,
        k::CAUSE,
        Some(k::CAUSE_SHORT)
    ),
    b!(
        Summary,
        [(c('v'), ALT)],
        EvaluationForm,
        k::EVALUATION,
        Some(k::EVALUATION_SHORT)
    ),
    b!(Summary, [(KeyCode::Up, NONE)], Up, k::SCROLL_UP, None),
    b!(Summary, [(KeyCode::Down, NONE)], Down, k::SCROLL_DOWN, None),
    b!(Summary, [(KeyCode::PageUp, NONE)], PageUp, k::PAGE_UP, None),
    b!(
        Summary,
        [(KeyCode::PageDown, NONE)],
        PageDown,
        k::PAGE_DOWN,
        None
    ),
    // Recorded agreements (edit or withdraw).
    b!(
        Agreements,
        [(KeyCode::Up, NONE)],
        Up,
        k::PREV_AGREEMENT,
        Some(k::PREV_AGREEMENT_SHORT)
    ),
    b!(
        Agreements,
        [(KeyCode::Down, NONE), (KeyCode::Tab, NONE)],
        Down,
        k::NEXT_AGREEMENT,
        None
    ),
    b!(
        Agreements,
        [(KeyCode::Enter, NONE)],
        Confirm,
        k::EDIT_AGREEMENT,
        Some(k::EDIT_AGREEMENT)
    ),
    b!(
        Agreements,
        [(KeyCode::Delete, NONE)],
        Withdraw,
        k::WITHDRAW,
        Some(k::WITHDRAW)
    ),
    b!(
        Agreements,
        [(KeyCode::Esc, NONE), (fk(7), SHIFT), (c('w'), ALT)],
        Close,
        k::CLOSE_HISTORY,
        Some(k::CLOSE_HISTORY)
    ),
    // History overlay.
    b!(
        History,
        [
            (KeyCode::Esc, NONE),
            (fk(11), NONE),
            (c('h'), ALT),
            (KeyCode::Enter, NONE)
        ],
        Close,
        k::CLOSE_HISTORY,
        Some(k::CLOSE_HISTORY)
    ),
    b!(History, [(KeyCode::Up, NONE)], Up, k::UP, Some(k::UP)),
    b!(
        History,
        [(KeyCode::Down, NONE)],
        Down,
        k::DOWN,
        Some(k::DOWN)
    ),
    b!(History, [(KeyCode::PageUp, NONE)], PageUp, k::PAGE_UP, None),
    b!(
        History,
        [(KeyCode::PageDown, NONE)],
        PageDown,
        k::PAGE_DOWN,
        None
    ),
    // Quitting with notes saved nowhere: only the keys it shows.
    b!(
        Unsaved,
        [(c('c'), ALT)],
        CopyNotes,
        k::COPY_NOTES,
        Some(k::COPY_NOTES)
    ),
    b!(
        Unsaved,
        [(c('r'), ALT)],
        RetrySave,
        k::RETRY_SAVE,
        Some(k::RETRY_SAVE)
    ),
    b!(
        Unsaved,
        [(KeyCode::Esc, NONE)],
        Close,
        k::BACK_TO_CALL,
        Some(k::BACK_TO_CALL)
    ),
    b!(
        Unsaved,
        [(c('q'), CTRL)],
        QuitUnsaved,
        k::QUIT_UNSAVED,
        Some(k::QUIT_UNSAVED)
    ),
    // Help overlay.
    b!(
        Help,
        [(KeyCode::Esc, NONE), (fk(1), NONE)],
        Close,
        k::CLOSE_HELP,
        Some(k::CLOSE_HELP)
    ),
    b!(Help, [(KeyCode::Up, NONE)], Up, k::UP, Some(k::UP)),
    b!(Help, [(KeyCode::Down, NONE)], Down, k::DOWN, Some(k::DOWN)),
    b!(
        Help,
        [(KeyCode::PageUp, NONE)],
        PageUp,
        k::PAGE_UP,
        Some(k::PAGE_UP)
    ),
    b!(
        Help,
        [(KeyCode::PageDown, NONE)],
        PageDown,
        k::PAGE_DOWN,
        Some(k::PAGE_DOWN)
    ),
];

/// The binding of `key` in `context`.
pub fn lookup(context: Context, key: &KeyEvent) -> Option<&'static CallBinding> {
    keymap::lookup(TABLE, context, key)
}

/// Bindings of `context`, in table order.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static CallBinding> {
    TABLE.iter().filter(move |b| b.context == context)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::is_typing;

    fn k(code: KeyCode, m: ratatui::crossterm::event::KeyModifiers) -> KeyEvent {
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
    }

    #[test]
    fn chords_and_function_keys_dispatch() {
        let find = |code, m| lookup(Context::Call, &k(code, m)).map(|b| b.action);
        assert_eq!(find(KeyCode::F(3), NONE), Some(Action::NextStage));
        assert_eq!(find(KeyCode::Char('3'), ALT), Some(Action::ToggleItem));
        assert_eq!(find(KeyCode::Char('q'), CTRL), Some(Action::Quit));
        assert_eq!(find(KeyCode::Char('Q'), CTRL | SHIFT), Some(Action::Quit));
        assert_eq!(find(KeyCode::Char('c'), CTRL), Some(Action::Interrupt));
        assert_eq!(keymap::digit(&k(KeyCode::Char('7'), ALT)), Some(7));
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
                        a.label(),
                        b.label()
                    );
                }
            }
        }
    }
}
