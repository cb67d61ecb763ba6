//! What a key is, apart from what it is bound to: Esc, a Ctrl or Alt
//! chord, the next letter of a word, a bare line feed. The Esc prefix and
//! the typing rules of the call screen ask these.

use crate::tui::keymap::{self, ALT, CTRL, NONE, SHIFT, c};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// True for the plain Esc key (the Esc prefix ignores a second Esc).
pub fn is_esc(key: &KeyEvent) -> bool {
    keymap::normalise(key) == (KeyCode::Esc, NONE)
}

/// True for a Ctrl chord (kept as itself after the Esc prefix).
pub fn is_ctrl_chord(key: &KeyEvent) -> bool {
    key.modifiers.contains(CTRL)
}

/// `key` as its Alt chord (what Esc then `key` means).
pub fn with_alt(key: KeyEvent) -> KeyEvent {
    KeyEvent::new_with_kind_and_state(key.code, key.modifiers | ALT, key.kind, key.state)
}

/// The character of a chord's key (`Alt-e` → `e`).
pub fn chord_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) => Some(c),
        _ => None,
    }
}

/// True for a letter or digit typed without Ctrl or Alt: the next
/// character of a word (cue phrases are looked for once a word ends).
pub fn is_word_char(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(c) if c.is_alphanumeric())
        && (key.modifiers - SHIFT).is_empty()
}

/// Ctrl-J: some terminals and paste tools send it for a new line.
pub fn is_line_feed(key: &KeyEvent) -> bool {
    keymap::normalise(key) == (c('j'), CTRL)
}
