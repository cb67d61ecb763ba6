//! The live view's key table: the only place its keys are matched, and
//! the source of its footer.

use crate::i18n::keys as k;
use crate::playbook::Language;
use crate::tui::keymap::{self, Binding, CTRL, NONE, c};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// What a key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Scroll the list up a row.
    Up,
    /// Scroll the list down a row.
    Down,
    /// Leave.
    Quit,
}

/// The live view has one context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// The list.
    List,
}

/// A row of the live view's key table.
pub type LiveBinding = Binding<Context, Action>;

/// The key table.
pub const TABLE: &[LiveBinding] = &[
    Binding {
        context: Context::List,
        keys: &[(KeyCode::Up, NONE), (c('k'), NONE)],
        action: Action::Up,
        desc: k::SCROLL_UP,
        footer: None,
    },
    Binding {
        context: Context::List,
        keys: &[(KeyCode::Down, NONE), (c('j'), NONE)],
        action: Action::Down,
        desc: k::SCROLL_DOWN,
        footer: None,
    },
    Binding {
        context: Context::List,
        keys: &[(c('q'), NONE), (KeyCode::Esc, NONE), (c('c'), CTRL)],
        action: Action::Quit,
        desc: k::QUIT_SHORT,
        footer: Some(k::QUIT_SHORT),
    },
];

/// The binding of `key`.
pub fn lookup(key: &KeyEvent) -> Option<&'static LiveBinding> {
    keymap::lookup(TABLE, Context::List, key)
}

/// The footer: every key with what it does.
pub fn footer(lang: Language) -> String {
    let mut scroll: Vec<keymap::Key> = Vec::new();
    let mut parts = Vec::new();
    for b in TABLE {
        match b.footer {
            Some(f) => parts.push(format!("{} {}", b.label(), f.get(lang))),
            None => scroll.extend_from_slice(b.keys),
        }
    }
    parts.insert(
        0,
        format!(
            "{} {}",
            keymap::label(&scroll),
            crate::i18n::LIVE_SCROLL.get(lang)
        ),
    );
    parts.join(" · ")
}
