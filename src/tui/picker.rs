//! The scenario picker of `callcoach practice`: its state, pure update,
//! key table and view, and [`run_picker`], its loop in the shared terminal
//! session.

pub mod keys;
pub mod state;
pub mod update;
pub mod view;

pub use state::{Entry, Picked, Picker};

use crate::tui::term::{Input, Term};

/// Runs the picker in `term`; the chosen entry's index, or `None`.
pub fn run_picker(term: &mut Term, picker: &mut Picker) -> anyhow::Result<Option<usize>> {
    while let Some(input) = term.next_input(|f| picker.render(f.area(), f.buffer_mut()))? {
        if let Input::Key(k) = input {
            match picker.key(k) {
                Picked::Start(i) => return Ok(Some(i)),
                Picked::Quit => return Ok(None),
                Picked::Nothing => {}
            }
        }
    }
    Ok(None)
}
