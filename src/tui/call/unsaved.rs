//! The box shown when the agent quits while some of the call could be
//! saved nowhere (database, fallback journal and every emergency place
//! failed). It offers to copy all notes (OSC 52), to try saving again, to
//! go back to the call, and quits only on a second quit key — nothing typed
//! is thrown away without the agent's say-so. It takes only the keys it
//! shows (the `Unsaved` rows of the key table).

use super::keys::Action;
use super::state::{App, Effect, Overlay};
use crate::engine::Command;
use crate::i18n::safety_words;

/// Opens the box; `reason` says what failed (it holds no notes text).
pub(super) fn open(app: &mut App, reason: &str) {
    app.overlay = Some(Overlay::Unsaved {
        reason: crate::text::sanitize_line(reason),
        status: None,
        armed: false,
    });
}

/// Saving again failed too: say so in the box.
pub(super) fn still_unsaved(app: &mut App) {
    let w = safety_words(app.setup.lang);
    set_status(app, w.still_unsaved, false);
}

/// Back to the call: the clocks the quit stopped run again.
pub(super) fn back(app: &mut App, fx: &mut Vec<Effect>) {
    if app.state.is_paused() && !app.state.is_ended() {
        app.command(Command::Resume, fx).ok();
    }
}

/// The box's actions.
pub(super) fn act(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let w = safety_words(app.setup.lang);
    let armed = matches!(app.overlay, Some(Overlay::Unsaved { armed: true, .. }));
    match action {
        Action::CopyNotes => {
            // Masked on its way out by the shell, like every copy.
            let text = super::mask::text_for_output(app, &app.notes_text());
            let n = text.chars().count().to_string();
            fx.push(Effect::Clipboard(text));
            set_status(app, &w.copied.replace("{n}", &n), false);
        }
        Action::RetrySave => fx.push(Effect::Rescue),
        Action::QuitUnsaved if armed => fx.push(Effect::QuitUnsaved),
        Action::QuitUnsaved => set_status(app, w.quit_confirm, true),
        _ => {}
    }
}

fn set_status(app: &mut App, text: &str, arm: bool) {
    if let Some(Overlay::Unsaved { status, armed, .. }) = &mut app.overlay {
        *status = Some(text.to_owned());
        *armed = arm;
    }
}
