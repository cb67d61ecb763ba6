//! The scenario picker's state: the rows and the highlighted one.

use crate::playbook::Language;
use crate::tui::theme::Theme;

/// One row of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Scenario id.
    pub id: String,
    /// Its language code.
    pub lang: String,
    /// Its title (or why it does not load).
    pub title: String,
    /// Built-in or the file path.
    pub origin: String,
    /// False when the file has problems (not selectable).
    pub ok: bool,
}

/// The picker's state.
pub struct Picker {
    /// The rows.
    pub entries: Vec<Entry>,
    /// The highlighted row.
    pub selected: usize,
    /// Interface language.
    pub lang: Language,
    /// Styles.
    pub theme: Theme,
}

/// The outcome of a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picked {
    /// Keep going.
    Nothing,
    /// Start this entry.
    Start(usize),
    /// Leave.
    Quit,
}

impl Picker {
    /// A picker over `entries`, the first loadable one highlighted.
    pub fn new(entries: Vec<Entry>, lang: Language, theme: Theme) -> Picker {
        let selected = entries.iter().position(|e| e.ok).unwrap_or(0);
        Picker {
            entries,
            selected,
            lang,
            theme,
        }
    }
}
