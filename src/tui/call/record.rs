//! Correcting the record from the call screen: the form of address, the
//! recorded agreements (edit or withdraw), dates in the past, the phrase
//! marked as used. Engine changes go through `App::command` as always.

use super::form::Form;
use super::state::{App, Effect, Overlay};
use crate::engine::{Command, Date};
use crate::i18n::record::{RecordWords, words};

fn rw(app: &App) -> &'static RecordWords {
    words(app.setup.lang)
}

/// Marks the phrase on screen as used and leaves it there, so the mark is
/// seen on it (F4 moves to the next one).
pub(super) fn use_phrase(app: &mut App, fx: &mut Vec<Effect>) {
    let Some((index, _, _)) = app.current_phrase() else {
        return;
    };
    let stage = app.state.stage;
    let text = match app.command(Command::UsePhrase { stage, index }, fx) {
        Ok(()) => rw(app).phrase_marked,
        Err(_) => rw(app).phrase_already,
    };
    app.notify(text);
}

/// Opens the form of address, filled with the current one.
pub(super) fn open_address(app: &mut App) {
    let form = Form::address(
        app.state.address.as_deref(),
        rw(app).address_label,
        app.words(),
    );
    app.overlay = Some(Overlay::Form(form));
}

/// Opens the list of recorded agreements (or says there are none).
pub(super) fn open_agreements(app: &mut App) {
    if app.state.agreements.is_empty() {
        let text = rw(app).no_recorded;
        app.notify(text);
    } else {
        app.overlay = Some(Overlay::Agreements { selected: 0 });
    }
}

/// Moves the selection in the list of agreements by one, wrapping around.
pub(super) fn select(app: &mut App, down: bool) {
    let n = app.state.agreements.len().max(1);
    if let Some(Overlay::Agreements { selected }) = &mut app.overlay {
        *selected = if down {
            (*selected + 1) % n
        } else {
            (*selected + n - 1) % n
        };
    }
}

/// Withdraws the selected agreement; the list stays open while any remain.
pub(super) fn withdraw(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(Overlay::Agreements { selected }) = app.overlay else {
        return;
    };
    let Some(id) = app.state.agreements.get(selected).map(|a| a.id) else {
        return;
    };
    if app.command(Command::RemoveAgreement(id), fx).is_err() {
        let text = app.words().not_now;
        app.notify(text);
        return;
    }
    let text = rw(app).withdrawn.replace("{n}", &id.to_string());
    app.notify(&text);
    let left = app.state.agreements.len();
    app.overlay = (left > 0).then(|| Overlay::Agreements {
        selected: selected.min(left - 1),
    });
}

/// Opens the edit form of the agreement at `selected`.
pub(super) fn edit_selected(app: &mut App, selected: usize) {
    if let Some(a) = app.state.agreements.get(selected) {
        let form = Form::edit_agreement(a, app.words());
        app.overlay = Some(Overlay::Form(form));
    }
}

/// True when `cmds` record a date before `today` that the agent has not
/// confirmed yet: the form then says so, and the next Enter saves it.
pub(super) fn past_date_unconfirmed(
    app: &App,
    form: &mut Form,
    cmds: &[Command],
    today: Date,
) -> bool {
    if form.past_ok {
        return false;
    }
    match cmds.iter().find_map(|c| c.past_date(today)) {
        Some(d) => {
            form.past_ok = true;
            form.error = Some(rw(app).past_date.replace("{date}", &d.to_string()));
            true
        }
        None => false,
    }
}

/// The notice after the address or edit form was saved.
pub(super) fn done_text(app: &App, cmds: &[Command]) -> String {
    let w = rw(app);
    match cmds.first() {
        Some(Command::SetAddress(Some(a))) => w
            .address_set
            .replace("{address}", &crate::text::sanitize_line(a)),
        Some(Command::SetAddress(None)) => w.address_cleared.to_owned(),
        Some(Command::EditAgreement { id, .. }) => w.changed.replace("{n}", &id.to_string()),
        _ => String::new(),
    }
}
