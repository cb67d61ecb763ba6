//! Styles of the call screen. Only the terminal's named colours are used
//! (never a fixed background), so the palette the agent chose for a dark or
//! light background applies; every state also has a mark or word, never
//! colour alone. Whether there is colour at all is the same decision as
//! for the rest of the program's output ([`crate::output`], anstream's):
//! `--color always|never` wins; with `auto`, `NO_COLOR` turns colour off,
//! `CLICOLOR_FORCE` on, `CLICOLOR=0` off, and otherwise a terminal whose
//! `TERM` supports colour gets it. Without colour the screens keep bold,
//! underline and reverse where readability needs them.

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

    /// The theme for the terminal on standard output: colours exactly when
    /// the program's colour choice (`--color`, `NO_COLOR`, `CLICOLOR`,
    /// `CLICOLOR_FORCE`, `TERM`; see [`crate::output`]) gives standard
    /// output colour.
    pub fn from_env() -> Theme {
        let colour = crate::output::stdout_color();
        // crossterm reads `NO_COLOR` on its own when it writes a colour:
        // it follows the same decision (`--color always` wins).
        ratatui::crossterm::style::force_color_output(colour);
        Theme::new(!colour)
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
