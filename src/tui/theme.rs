//! Styles of the call screen. Only the terminal's named colours are used
//! (never a fixed background), so the palette the agent chose for a dark or
//! light background applies; every state also has a mark or word, never
//! colour alone. `NO_COLOR` turns colour off entirely.

use ratatui::style::{Color, Modifier, Style};

/// The styles used by the screens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Pane titles and headings.
    pub title: Style,
    /// Secondary text (legends, timers' labels).
    pub dim: Style,
    /// The current stage, selected rows.
    pub current: Style,
    /// Done / ticked.
    pub ok: Style,
    /// Nudges, pitfalls.
    pub warn: Style,
    /// Errors and failed saves.
    pub error: Style,
    /// Key labels in the footer.
    pub key: Style,
    /// Pane borders.
    pub border: Style,
    /// The notes cursor.
    pub cursor: Style,
}

impl Theme {
    /// Colours, unless `no_color`.
    pub fn new(no_color: bool) -> Theme {
        if no_color {
            return Theme::mono();
        }
        let bold = Modifier::BOLD;
        Theme {
            title: Style::new().add_modifier(bold),
            dim: Style::new().add_modifier(Modifier::DIM),
            current: Style::new().fg(Color::Cyan).add_modifier(bold),
            ok: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow).add_modifier(bold),
            error: Style::new()
                .fg(Color::Red)
                .add_modifier(bold | Modifier::REVERSED),
            key: Style::new().fg(Color::Cyan).add_modifier(bold),
            border: Style::new().fg(Color::DarkGray),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// No colour at all: bold, dim and reverse only.
    pub fn mono() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            current: bold.add_modifier(Modifier::UNDERLINED),
            ok: Style::new(),
            warn: bold,
            error: bold.add_modifier(Modifier::REVERSED),
            key: bold,
            border: Style::new(),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// From the environment: `NO_COLOR` set and non-empty disables colour.
    pub fn from_env() -> Theme {
        Theme::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_theme_has_no_colours() {
        let t = Theme::new(true);
        for s in [
            t.title, t.dim, t.current, t.ok, t.warn, t.error, t.key, t.border,
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        assert!(Theme::new(false).ok.fg.is_some());
    }
}
