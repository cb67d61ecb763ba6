//! Redaction on the way out of the call screen: notes, form events, the
//! clipboard and saved files are masked before they reach the store, the
//! journal, the terminal's clipboard or a file (see `core::redact`). When
//! something was masked, the screen shows the masked form too and a
//! one-line notice says what. The recorder masks again as a safety net.

use super::state::App;
use crate::engine::{CallState, Event};
use crate::i18n::safety_words;
use crate::redact::Kind;
use crate::store::redaction;

/// How long the masking notice stays.
const NOTICE_MS: i64 = 6000;

/// What was masked, in words, for the notice.
fn describe(app: &App, found: &[Kind]) -> String {
    let w = safety_words(app.setup.lang);
    let mut names: Vec<String> = Vec::new();
    for k in found {
        let name = match k {
            Kind::Card => w.card.to_owned(),
            Kind::SecurityCode => w.security_code.to_owned(),
            Kind::Iban => w.iban.to_owned(),
            Kind::Bsn => w.bsn.to_owned(),
            Kind::Custom(i) => app
                .pb()
                .redact
                .get(*i)
                .map(|p| crate::text::sanitize_line(&p.name))
                .unwrap_or_default(),
        };
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    w.masked.replace("{what}", &names.join(", "))
}

fn notify(app: &mut App, found: &[Kind]) {
    let text = describe(app, found);
    app.notice = Some((text, app.now + NOTICE_MS));
}

/// The notes as they may be stored: masked. When something was masked the
/// editor shows the masked form too (the cursor stays where it was; undo
/// cannot bring the number back) and a one-line notice says what.
pub fn notes_for_store(app: &mut App, text: &str) -> String {
    let (masked, found) = redaction::redact_text(text, &app.pb().redact_shapes());
    show_masked(app, text, &masked, &found);
    masked
}

/// After `text` was masked into `masked` (finding `found`): the editor
/// shows the masked form (the cursor stays where it was; undo cannot bring
/// the number back), and a one-line notice says what was masked. Masking
/// keeps every line, so a masked line replaces the editor's line at the
/// same place when that line is still as it was masked; a line edited
/// since (the saver works beside the typing) is left for the next save.
pub fn show_masked(app: &mut App, text: &str, masked: &str, found: &[Kind]) {
    if found.is_empty() {
        return;
    }
    let mut changed = false;
    let shown: Vec<&str> = {
        let lines = app.notes.lines();
        let mut pairs = text.split('\n').zip(masked.split('\n'));
        lines
            .iter()
            .map(|now| match pairs.next() {
                Some((was, m)) if was != m && was == now => {
                    changed = true;
                    m
                }
                _ => now.as_str(),
            })
            .collect()
    };
    if changed {
        let shown = shown.join("\n");
        app.notes.show_masked(&shown);
        app.markers = std::sync::Arc::new(crate::notes::markers(&shown));
    }
    notify(app, found);
}

/// Events as they may be stored: every text masked. When something was
/// masked, the call on screen (its log and state) shows the masked form.
pub fn events_for_store(app: &mut App, events: Vec<Event>) -> Vec<Event> {
    let shapes = app.pb().redact_shapes();
    let mut found = Vec::new();
    let redacted: Vec<Event> = events
        .iter()
        .map(|e| {
            let (r, f) = redaction::redact_event(e, &shapes);
            found.extend(f);
            r
        })
        .collect();
    if found.is_empty() {
        return redacted;
    }
    // Swap the masked forms in where the events are in the log (the last
    // ones, unless one update made several batches) and rebuild the state
    // from the log (replay equals live state).
    let n = redacted.len().min(app.log.len());
    let start = (0..=app.log.len() - n)
        .rev()
        .find(|&i| app.log[i..i + n] == events[..n])
        .unwrap_or(app.log.len() - n);
    for (slot, r) in app.log[start..start + n].iter_mut().zip(&redacted) {
        *slot = r.clone();
    }
    if let Some(state) = CallState::replay(&app.log) {
        app.state = state;
    }
    notify(app, &found);
    redacted
}

/// Text for the clipboard or a file: masked.
pub fn text_for_output(app: &App, text: &str) -> String {
    let shapes = app.pb().redact_shapes();
    // The call's own id (date, time, a number: 18 digits) can pass for a
    // card number; it names the call and is not the customer's. It is held
    // out of the masking and put back.
    match app.call_id.as_ref().map(|id| id.0.as_str()) {
        Some(id) if !id.is_empty() && text.contains(id) => {
            const HOLD: &str = "\u{E000}call-id\u{E001}";
            let masked = redaction::redact_text(&text.replace(id, HOLD), &shapes).0;
            masked.replace(HOLD, id)
        }
        _ => redaction::redact_text(text, &shapes).0,
    }
}
