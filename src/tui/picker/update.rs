//! The scenario picker's pure update.

use super::keys::{self, Action};
use super::state::{Picked, Picker};
use crate::tui::keymap;
use ratatui::crossterm::event::KeyEvent;

impl Picker {
    /// Handles a key.
    pub fn key(&mut self, k: KeyEvent) -> Picked {
        let n = self.entries.len();
        match keys::lookup(&k).map(|b| b.action) {
            Some(Action::Quit) => Picked::Quit,
            Some(Action::Down) if n > 0 => {
                self.selected = (self.selected + 1) % n;
                Picked::Nothing
            }
            Some(Action::Up) if n > 0 => {
                self.selected = (self.selected + n - 1) % n;
                Picked::Nothing
            }
            Some(Action::StartNumber) => match keymap::digit(&k) {
                Some(d) => self.start(d - 1),
                None => Picked::Nothing,
            },
            Some(Action::Start) => self.start(self.selected),
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
}
