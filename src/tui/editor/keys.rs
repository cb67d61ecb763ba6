//! The editor's key table: the keys that edit text, the same in the notes
//! and in every form field. The screens look here after their own table.

use super::Edit;
use crate::i18n::keys as k;
use crate::tui::keymap::{self, ALT, Binding, CTRL, NONE, c};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The editor has one context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// A text being edited.
    Text,
}

/// What an editor key does (typing itself is not in the table: every
/// printable key types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Apply this edit.
    Edit(Edit),
}

/// A row of the editor's key table.
pub type EditorBinding = Binding<Context, Action>;

macro_rules! b {
    ([$($k:expr),* $(,)?], $edit:ident, $desc:expr) => {
        Binding {
            context: Context::Text,
            keys: &[$($k),*],
            action: Action::Edit(Edit::$edit),
            desc: $desc,
            footer: None,
        }
    };
}

/// The key table.
pub const TABLE: &[EditorBinding] = &[
    b!([(c('u'), CTRL)], Undo, k::UNDO),
    b!([(c('r'), CTRL)], Redo, k::REDO),
    b!([(c('y'), CTRL)], Yank, k::YANK),
    b!([(c('k'), CTRL)], DeleteToEnd, k::KILL_LINE),
    b!(
        [
            (c('w'), CTRL),
            (KeyCode::Backspace, ALT),
            (KeyCode::Backspace, CTRL)
        ],
        DeleteWordBack,
        k::KILL_WORD
    ),
    b!(
        [(KeyCode::Delete, CTRL)],
        DeleteWordForward,
        k::KILL_NEXT_WORD
    ),
    b!(
        [(KeyCode::Backspace, NONE), (c('h'), CTRL)],
        Backspace,
        k::BACKSPACE
    ),
    b!([(KeyCode::Delete, NONE), (c('d'), CTRL)], Delete, k::DELETE),
    b!([(KeyCode::Left, NONE)], Left, k::CURSOR_LEFT),
    b!([(KeyCode::Right, NONE)], Right, k::CURSOR_RIGHT),
    b!([(KeyCode::Up, NONE)], Up, k::CURSOR_UP),
    b!([(KeyCode::Down, NONE)], Down, k::CURSOR_DOWN),
    b!([(KeyCode::Left, CTRL)], WordLeft, k::WORD_LEFT),
    b!([(KeyCode::Right, CTRL)], WordRight, k::WORD_RIGHT),
    b!([(KeyCode::Home, NONE), (c('a'), CTRL)], Home, k::LINE_START),
    b!([(KeyCode::End, NONE), (c('e'), CTRL)], End, k::LINE_END),
    b!([(KeyCode::Home, CTRL)], Top, k::TEXT_START),
    b!([(KeyCode::End, CTRL)], Bottom, k::TEXT_END),
    b!([(KeyCode::PageUp, NONE)], PageUp, k::PAGE_UP_TEXT),
    b!([(KeyCode::PageDown, NONE)], PageDown, k::PAGE_DOWN_TEXT),
    b!(
        [(KeyCode::Enter, NONE), (c('j'), CTRL), (c('m'), CTRL)],
        Newline,
        k::NEWLINE
    ),
    b!([(KeyCode::Tab, NONE)], Tab, k::INDENT),
];

/// The edit `key` asks for: a bound editing key, or the character a
/// printable key types.
pub fn edit_for(key: &KeyEvent) -> Option<Edit> {
    if let Some(b) = keymap::lookup(TABLE, Context::Text, key) {
        let Action::Edit(e) = b.action;
        return Some(e);
    }
    keymap::typed_char(key).map(Edit::Insert)
}

/// Bindings of the editor, in table order.
pub fn bindings() -> impl Iterator<Item = &'static EditorBinding> {
    TABLE.iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_become_edits() {
        let k = |code, m| edit_for(&KeyEvent::new(code, m));
        assert_eq!(k(c('u'), CTRL), Some(Edit::Undo));
        assert_eq!(k(c('x'), NONE), Some(Edit::Insert('x')));
        assert_eq!(k(c('@'), CTRL | ALT), Some(Edit::Insert('@')));
        assert_eq!(k(c('j'), CTRL), Some(Edit::Newline));
        assert_eq!(k(c('x'), ALT), None);
        assert_eq!(k(KeyCode::F(3), NONE), None);
    }
}
