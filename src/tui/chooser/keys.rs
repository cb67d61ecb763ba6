//! The resume chooser's key table: the only place its keys are matched,
//! and the source of the key lines it prints. One row per language and
//! choice: F2/Alt-h(ervatten) or Alt-r(esume), F3/Alt-n, Esc/Ctrl-C. None of
//! them types text (function keys, Alt chords, Esc, a Ctrl chord), so an
//! agent who starts typing the complaint before noticing the chooser picks
//! nothing.

use crate::i18n::keys as k;
use crate::playbook::Language;
use crate::tui::keymap::{self, ALT, Binding, CTRL, NONE, c};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// What the agent chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Resume the unfinished call.
    Resume,
    /// Start a new call; the unfinished one stays stored as it is.
    New,
    /// Leave without opening a call.
    Stop,
}

/// A row of the chooser's key table (its context is the language).
pub type ChooserBinding = Binding<Language, Choice>;

macro_rules! b {
    ($lang:ident, [$($k:expr),* $(,)?], $choice:ident, $desc:expr) => {
        Binding {
            context: Language::$lang,
            keys: &[$($k),*],
            action: Choice::$choice,
            desc: $desc,
            footer: Some($desc),
        }
    };
}

/// The key table.
pub const TABLE: &[ChooserBinding] = &[
    b!(
        Nl,
        [(KeyCode::F(2), NONE), (c('h'), ALT)],
        Resume,
        k::RESUME_CALL
    ),
    b!(Nl, [(KeyCode::F(3), NONE), (c('n'), ALT)], New, k::NEW_CALL),
    b!(
        Nl,
        [(KeyCode::Esc, NONE), (c('c'), CTRL)],
        Stop,
        k::STOP_CHOOSER
    ),
    b!(
        En,
        [(KeyCode::F(2), NONE), (c('r'), ALT)],
        Resume,
        k::RESUME_CALL
    ),
    b!(En, [(KeyCode::F(3), NONE), (c('n'), ALT)], New, k::NEW_CALL),
    b!(
        En,
        [(KeyCode::Esc, NONE), (c('c'), CTRL)],
        Stop,
        k::STOP_CHOOSER
    ),
];

/// The rows of `lang`, in table order (resume, new, stop).
pub fn bindings(lang: Language) -> impl Iterator<Item = &'static ChooserBinding> {
    TABLE.iter().filter(move |b| b.context == lang)
}

/// The choice a key press makes, if it is one of the keys shown.
pub fn choice_for(lang: Language, key: &KeyEvent) -> Option<Choice> {
    keymap::lookup(TABLE, lang, key).map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventKind, KeyModifiers};

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn only_the_keys_shown_choose_and_typing_chooses_nothing() {
        let none = KeyModifiers::NONE;
        let alt = KeyModifiers::ALT;
        let nl = |code, m| choice_for(Language::Nl, &key(code, m));
        let en = |code, m| choice_for(Language::En, &key(code, m));
        assert_eq!(nl(KeyCode::F(2), none), Some(Choice::Resume));
        assert_eq!(nl(KeyCode::Char('h'), alt), Some(Choice::Resume));
        assert_eq!(nl(KeyCode::Char('H'), alt), Some(Choice::Resume));
        assert_eq!(nl(KeyCode::F(3), none), Some(Choice::New));
        assert_eq!(nl(KeyCode::Char('n'), alt), Some(Choice::New));
        assert_eq!(en(KeyCode::Char('r'), alt), Some(Choice::Resume));
        assert_eq!(en(KeyCode::Char('h'), alt), None, "Alt-h is Dutch only");
        // Any text an agent may type picks nothing: every printable
        // character, shifted or not, Enter, Tab, Backspace.
        for ch in (' '..='~').chain("éëĳ€".chars()) {
            assert_eq!(nl(KeyCode::Char(ch), none), None, "{ch}");
            assert_eq!(nl(KeyCode::Char(ch), KeyModifiers::SHIFT), None, "{ch}");
            assert_eq!(en(KeyCode::Char(ch), none), None, "{ch}");
        }
        for code in [
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::Backspace,
            KeyCode::F(1),
        ] {
            assert_eq!(nl(code, none), None);
        }
        assert_eq!(nl(KeyCode::F(2), KeyModifiers::SHIFT), None);
        assert_eq!(nl(KeyCode::Esc, none), Some(Choice::Stop));
        assert_eq!(
            en(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Choice::Stop)
        );
        let mut release = key(KeyCode::F(2), none);
        release.kind = KeyEventKind::Release;
        assert_eq!(choice_for(Language::Nl, &release), None);
    }

    #[test]
    fn labels_name_the_keys_once() {
        let labels: Vec<String> = bindings(Language::Nl).map(|b| b.label()).collect();
        assert_eq!(labels, ["F2/Alt-h", "F3/Alt-n", "Esc/Ctrl-C"]);
        let labels: Vec<String> = bindings(Language::En).map(|b| b.label()).collect();
        assert_eq!(labels, ["F2/Alt-r", "F3/Alt-n", "Esc/Ctrl-C"]);
    }
}
