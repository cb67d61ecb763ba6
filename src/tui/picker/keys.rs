//! The scenario picker's key table: the only place its keys are matched,
//! and the source of its footer.

use crate::i18n::keys as k;
use crate::playbook::Language;
use crate::tui::keymap::{self, Binding, CTRL, NONE, c, digits};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// What a key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Highlight the row above.
    Up,
    /// Highlight the row below.
    Down,
    /// Start the highlighted scenario.
    Start,
    /// Start scenario N (the digit is in the key).
    StartNumber,
    /// Leave.
    Quit,
}

/// The picker has one context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// The list.
    List,
}

/// A row of the picker's key table.
pub type PickerBinding = Binding<Context, Action>;

const D: [keymap::Key; 9] = digits(NONE);

/// The key table.
pub const TABLE: &[PickerBinding] = &[
    Binding {
        context: Context::List,
        keys: &[(KeyCode::Up, NONE), (c('k'), NONE)],
        action: Action::Up,
        desc: k::LIST_UP,
        footer: None,
    },
    Binding {
        context: Context::List,
        keys: &[(KeyCode::Down, NONE), (c('j'), NONE)],
        action: Action::Down,
        desc: k::LIST_DOWN,
        footer: None,
    },
    Binding {
        context: Context::List,
        keys: &[(KeyCode::Enter, NONE)],
        action: Action::Start,
        desc: k::START,
        footer: Some(k::START),
    },
    Binding {
        context: Context::List,
        keys: &[D[0], D[1], D[2], D[3], D[4], D[5], D[6], D[7], D[8]],
        action: Action::StartNumber,
        desc: k::START_NUMBER,
        footer: Some(k::START_NUMBER),
    },
    Binding {
        context: Context::List,
        keys: &[(c('q'), NONE), (KeyCode::Esc, NONE), (c('c'), CTRL)],
        action: Action::Quit,
        desc: k::STOP_SHORT,
        footer: Some(k::STOP_SHORT),
    },
];

/// The binding of `key`.
pub fn lookup(key: &KeyEvent) -> Option<&'static PickerBinding> {
    keymap::lookup(TABLE, Context::List, key)
}

/// The footer: every key with what it does.
pub fn footer(lang: Language) -> String {
    let mut up_down: Vec<keymap::Key> = Vec::new();
    let mut parts = Vec::new();
    for b in TABLE {
        match b.footer {
            Some(f) => parts.push(format!("{} {}", b.label(), f.get(lang))),
            None => up_down.extend_from_slice(b.keys),
        }
    }
    // Up and down share one entry: `↑/k/↓/j move`.
    parts.insert(
        0,
        format!("{} {}", keymap::label(&up_down), k::MOVE.get(lang)),
    );
    parts.join(" · ")
}
