//! The practice screen's key table: the only place its keys are matched,
//! and the source of its footers.

use crate::i18n::keys as k;
use crate::tui::keymap::{self, ALT, Binding, CTRL, NONE, SHIFT, c, digits};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Playing: options and the reply line.
    Play,
    /// Asked whether to stop without a result.
    ConfirmQuit,
    /// The score screen.
    Result,
}

/// What a key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Pick option N (the digit is in the key).
    Pick,
    /// Send the typed reply.
    Submit,
    /// Clear the reply; with an empty reply, ask to stop.
    Clear,
    /// Delete the last character of the reply.
    Backspace,
    /// Ask to stop.
    Stop,
    /// Stop without a result.
    StopYes,
    /// Keep practising.
    GoOn,
    /// Leave the score screen.
    Leave,
    /// Scroll the score a line up.
    Up,
    /// Scroll a line down.
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// Back to the top.
    Top,
}

/// A row of the practice key table.
pub type PracticeBinding = Binding<Context, Action>;

const D: [keymap::Key; 9] = digits(NONE);
const AD: [keymap::Key; 9] = digits(ALT);

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

/// The key table.
pub const TABLE: &[PracticeBinding] = &[
    b!(
        Play,
        [
            D[0], D[1], D[2], D[3], D[4], D[5], D[6], D[7], D[8], AD[0], AD[1], AD[2], AD[3],
            AD[4], AD[5], AD[6], AD[7], AD[8]
        ],
        Pick,
        k::PICK_OPTION,
        Some(k::PICK_OPTION_SHORT)
    ),
    b!(
        Play,
        [(KeyCode::Enter, NONE)],
        Submit,
        k::SEND_ANSWER,
        Some(k::SEND_ANSWER_SHORT)
    ),
    b!(
        Play,
        [(KeyCode::Esc, NONE)],
        Clear,
        k::CLEAR_ANSWER,
        Some(k::CLEAR_ANSWER_SHORT)
    ),
    b!(
        Play,
        [(KeyCode::Backspace, NONE)],
        Backspace,
        k::BACKSPACE,
        None
    ),
    b!(
        Play,
        [(c('c'), CTRL), (c('q'), CTRL)],
        Stop,
        k::STOP,
        Some(k::STOP_SHORT)
    ),
    b!(
        ConfirmQuit,
        [
            (c('y'), NONE),
            (c('Y'), SHIFT),
            (c('j'), NONE),
            (c('J'), SHIFT)
        ],
        StopYes,
        k::STOP_YES,
        Some(k::STOP_YES)
    ),
    b!(
        ConfirmQuit,
        [(c('n'), NONE), (KeyCode::Esc, NONE)],
        GoOn,
        k::GO_ON,
        Some(k::GO_ON)
    ),
    b!(
        Result,
        [(KeyCode::Down, NONE), (c('j'), NONE)],
        Down,
        k::SCROLL_DOWN,
        Some(k::SCROLL_DOWN)
    ),
    b!(
        Result,
        [(KeyCode::Up, NONE), (c('k'), NONE)],
        Up,
        k::SCROLL_UP,
        Some(k::SCROLL_UP)
    ),
    b!(
        Result,
        [(KeyCode::PageDown, NONE), (c(' '), NONE)],
        PageDown,
        k::PAGE_DOWN,
        None
    ),
    b!(Result, [(KeyCode::PageUp, NONE)], PageUp, k::PAGE_UP, None),
    b!(Result, [(KeyCode::Home, NONE)], Top, k::TOP, None),
    b!(
        Result,
        [
            (c('q'), NONE),
            (KeyCode::Esc, NONE),
            (KeyCode::Enter, NONE),
            (c('c'), CTRL)
        ],
        Leave,
        k::LEAVE,
        Some(k::LEAVE)
    ),
];

/// The binding of `key` in `context`.
pub fn lookup(context: Context, key: &KeyEvent) -> Option<&'static PracticeBinding> {
    keymap::lookup(TABLE, context, key)
}

/// Bindings of `context`, in table order.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static PracticeBinding> {
    TABLE.iter().filter(move |b| b.context == context)
}

/// True when `key` carries Alt (Alt-digits pick even while typing).
pub fn has_alt(key: &KeyEvent) -> bool {
    key.modifiers.contains(ALT)
}
