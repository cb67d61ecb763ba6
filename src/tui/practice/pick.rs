//! The scenario picker of `callcoach practice` in a terminal.

use crate::playbook::Language;
use crate::text::sanitize_line;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

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

    /// Handles a key.
    pub fn key(&mut self, k: KeyEvent) -> Picked {
        if k.kind == KeyEventKind::Release {
            return Picked::Nothing;
        }
        let n = self.entries.len();
        match k.code {
            KeyCode::Char('q') | KeyCode::Esc => Picked::Quit,
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => Picked::Quit,
            KeyCode::Down | KeyCode::Char('j') if n > 0 => {
                self.selected = (self.selected + 1) % n;
                Picked::Nothing
            }
            KeyCode::Up | KeyCode::Char('k') if n > 0 => {
                self.selected = (self.selected + n - 1) % n;
                Picked::Nothing
            }
            KeyCode::Char(d @ '1'..='9') => {
                let i = (d as usize) - ('1' as usize);
                self.start(i)
            }
            KeyCode::Enter => self.start(self.selected),
            _ => Picked::Nothing,
        }
    }

    fn start(&mut self, i: usize) -> Picked {
        match self.entries.get(i) {
            Some(e) if e.ok => Picked::Start(i),
            Some(_) => {
                self.selected = i;
                Picked::Nothing
            }
            None => Picked::Nothing,
        }
    }

    /// Draws the list.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let (title, footer) = match self.lang {
            Language::Nl => (
                "Kies een oefenscenario",
                "↑↓ kiezen · Enter of 1–9 starten · q stoppen   (✗: bestand met fouten — callcoach scenario check)",
            ),
            Language::En => (
                "Pick a practice scenario",
                "↑↓ move · Enter or 1–9 start · q quit   (✗: file with problems — callcoach scenario check)",
            ),
        };
        let [list, foot] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        let idw = self
            .entries
            .iter()
            .map(|e| e.id.chars().count())
            .max()
            .unwrap_or(0)
            .min(28);
        let lines: Vec<Line> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let key = if i < 9 {
                    format!("{} ", i + 1)
                } else {
                    "  ".into()
                };
                let mark = if e.ok { " " } else { "✗" };
                let style = if i == self.selected {
                    t.current
                } else if e.ok {
                    ratatui::style::Style::default()
                } else {
                    t.dim
                };
                let pointer = if i == self.selected { "▶ " } else { "  " };
                Line::from(vec![
                    Span::styled(pointer, t.current),
                    Span::styled(key, t.key),
                    Span::styled(mark, t.warn),
                    Span::styled(
                        format!(
                            " {:<idw$}  {}  {}",
                            sanitize_line(&e.id),
                            sanitize_line(&e.lang),
                            sanitize_line(&e.title)
                        ),
                        style,
                    ),
                    Span::styled(format!("  {}", sanitize_line(&e.origin)), t.dim),
                ])
            })
            .collect();
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_style(t.border)
                    .title(Span::styled(format!(" {title} "), t.title)),
            )
            .render(list, buf);
        Paragraph::new(Line::styled(footer, t.dim)).render(foot, buf);
    }
}
