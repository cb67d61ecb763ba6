//! The practice screen: a scripted customer, a mood meter, the stage rail
//! and checklist of the playbook trained (hidden in exam mode), the options
//! and a typed-reply line; at the end, the score screen.
//!
//! Elm-style like the call screen: [`PracticeApp`] is the state
//! ([`state`]), [`PracticeApp::key`] the pure update ([`update`]) that
//! looks keys up in [`keys`], and [`render`] a pure function of the state
//! ([`view`]). [`run`] is the thin event loop.

pub mod keys;
pub mod state;
pub mod update;
pub mod view;

pub use state::{Coaching, Effect, PracticeApp, cite};
pub use view::{draw, render, result_lines};

use crate::practice::Session;
use crate::score::Grade;
use crate::tui::term::{Input, Term};

/// Runs the practice screen in `term` until the trainee leaves; `save`
/// stores a finished session and says whether that worked. Returns the grade
/// of a finished session.
pub fn run(
    term: &mut Term,
    app: &mut PracticeApp<'_>,
    save: &mut dyn FnMut(&Session<'_>, &Grade) -> Result<(), String>,
) -> anyhow::Result<Option<Grade>> {
    while let Some(input) = term.next_input(|f| draw(f, app))? {
        let fx = match input {
            Input::Key(k) => app.key(k),
            Input::Paste(s) => {
                app.paste(&s);
                vec![]
            }
            _ => vec![],
        };
        for e in fx {
            match e {
                Effect::SaveResult => {
                    if let Some(g) = &app.grade {
                        app.saved = Some(save(&app.session, g));
                    }
                }
                Effect::Quit => return Ok(app.grade.clone()),
            }
        }
    }
    Ok(app.grade.clone())
}
