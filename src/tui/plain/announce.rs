//! What line mode says, as plain lines: the stage and its checklist, the
//! phrases, the help, the summary, and — after every change — what changed
//! (a stage entered, an item ticked, a nudge, a notice, the save status).
//! Pure functions of the call's [`App`]; every text from a file or the
//! store is sanitised, so no line carries a control sequence.

use crate::engine::{ItemRef, TickSource};
use crate::i18n::plain::{self, PlainWords};
use crate::stage::StageId;
use crate::store::SaveStatus;
use crate::text::sanitize_line;
use crate::tui::call::App;
use crate::tui::call::summary::{self, Row};
use std::collections::BTreeMap;

/// The words of line mode in the call's interface language.
pub fn words(app: &App) -> &'static PlainWords {
    plain::words(app.setup.lang)
}

/// The current stage: heading, goal, numbered checklist, the phrase shown
/// and the main pitfall.
pub fn stage_lines(app: &App) -> Vec<String> {
    let w = words(app);
    let stage = app.state.stage;
    let content = app.pb().stage(stage);
    let mut out = vec![
        w.stage
            .replace("{n}", &(stage.index() + 1).to_string())
            .replace("{total}", &StageId::ALL.len().to_string())
            .replace("{title}", &sanitize_line(&content.title)),
        format!("{}: {}", w.goal, sanitize_line(&content.goal)),
    ];
    if content.checklist.is_empty() {
        out.push(format!("{}: {}", w.checklist, w.no_items));
    } else {
        out.push(format!("{}:", w.checklist));
    }
    for (i, item) in content.checklist.iter().enumerate() {
        let state = match app.state.checked.get(&ItemRef::new(stage, item.id.clone())) {
            None => w.open,
            Some(TickSource::Manual) => w.ticked,
            Some(TickSource::Cue | TickSource::Spoken) => w.ticked_auto,
        };
        let required = if item.required {
            format!(", {}", w.required)
        } else {
            String::new()
        };
        out.push(format!(
            "  {}. {}{required}: {}",
            i + 1,
            state,
            sanitize_line(&item.text)
        ));
    }
    if let Some((index, _, _)) = app.current_phrase() {
        let phrase = app.fill(&content.phrases[index].text);
        out.push(format!("{}: {}", w.phrase, sanitize_line(&phrase)));
    }
    if let Some(p) = content.pitfalls.first() {
        out.push(format!("{}: {}", w.pitfall, sanitize_line(&p.text)));
    }
    out
}

/// The current stage's phrases for the call's channel, numbered, with the
/// used ones marked.
pub fn phrase_lines(app: &App) -> Vec<String> {
    let w = words(app);
    let stage = app.state.stage;
    let idx = app.phrase_indices();
    if idx.is_empty() {
        return vec![w.no_phrases.to_owned()];
    }
    let mut out = vec![format!("{}:", w.phrases)];
    for (n, i) in idx.iter().enumerate() {
        let text = sanitize_line(&app.fill(&app.pb().stage(stage).phrases[*i].text));
        let used = if app.state.phrases_used.contains(&(stage, *i)) {
            format!(" ({})", w.used)
        } else {
            String::new()
        };
        out.push(format!("  {}. {text}{used}", n + 1));
    }
    out
}

/// Every command with what it does, in the interface language.
pub fn help_lines(app: &App) -> Vec<String> {
    let w = words(app);
    let mut out = vec![format!("{}:", w.help)];
    for c in &w.commands {
        let name = if c.arg.is_empty() {
            format!("/{}", c.name)
        } else {
            format!("/{} {}", c.name, c.arg)
        };
        out.push(format!("  {name} — {}", c.desc));
    }
    out.push(w.help_slash.to_owned());
    out
}

/// The summary screen's content as lines (the same rows the full screen
/// draws, without its keys).
pub fn summary_lines(app: &App) -> Vec<String> {
    let cw = app.words();
    // The screen's "no cause yet" names its key; line mode has none.
    let no_cause = format!("{}: {}", cw.cause_label, cw.no_cause);
    let mut out = vec![format!("{}:", words(app).summary)];
    out.extend(summary::rows(app).into_iter().filter_map(|r| match r {
        Row::Heading(h) => Some(format!("{h}:")),
        Row::Text(t) if t == no_cause => None,
        Row::Text(t) | Row::Warn(t) => Some(sanitize_line(&t)),
        Row::Blank => Some(String::new()),
    }));
    out
}

/// What was last announced, to say only what changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Seen {
    stage: Option<StageId>,
    checked: BTreeMap<ItemRef, TickSource>,
    nudge: Option<Nudge>,
    notice: Option<String>,
    save: Option<SaveStatus>,
    ended: bool,
}

/// Which nudge is due (announced once each time it appears, not again
/// every minute while it stays).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nudge {
    /// The stage runs past its time hint.
    OverTime,
    /// Listen or acknowledge were skipped.
    SquareOne,
}

/// The nudge the full screen shows in place of the pitfall, if any, with
/// its text: the stage runs past its time hint, or listen/acknowledge were
/// skipped.
pub fn nudge(app: &App) -> Option<(Nudge, String)> {
    let w = app.words();
    if app.state.is_ended() || app.state.is_paused() {
        return None;
    }
    if app.state.over_time_hint(app.pb(), app.now) {
        let min = app.state.current_stint(app.now) / 60_000;
        Some((
            Nudge::OverTime,
            w.over_time.replace("{min}", &min.to_string()),
        ))
    } else if app.state.square_one_risk() && !app.follow_up_mode {
        Some((Nudge::SquareOne, w.square_one.to_owned()))
    } else {
        None
    }
}

/// The lines announcing what changed since `seen` (which is brought up to
/// date): the new stage with its checklist; items ticked or opened again
/// in the current stage; a new nudge; a new notice; a changed save status.
pub fn changes(app: &App, seen: &mut Seen) -> Vec<String> {
    let w = words(app);
    let mut out = Vec::new();
    let stage = app.state.stage;
    let ended = app.state.is_ended();
    if ended && !seen.ended {
        // The summary is announced by the command that ended the call.
    } else if seen.stage != Some(stage) {
        out.extend(stage_lines(app));
    } else {
        for item in &app.pb().stage(stage).checklist {
            let r = ItemRef::new(stage, item.id.clone());
            let text = sanitize_line(&item.text);
            match (seen.checked.get(&r), app.state.checked.get(&r)) {
                (None, Some(TickSource::Manual)) => out.push(w.now_ticked.replace("{item}", &text)),
                (None, Some(_)) => out.push(w.now_ticked_auto.replace("{item}", &text)),
                (Some(_), None) => out.push(w.now_open.replace("{item}", &text)),
                _ => {}
            }
        }
    }
    let nudge = nudge(app);
    if let Some((kind, text)) = &nudge
        && seen.nudge != Some(*kind)
    {
        out.push(text.clone());
    }
    let notice = app.notice.as_ref().map(|(t, _)| sanitize_line(t));
    if notice.is_some() && notice != seen.notice {
        out.extend(notice.clone());
    }
    if seen.save.as_ref() != Some(&app.save_status) {
        let cw = app.words();
        match &app.save_status {
            SaveStatus::Saved => {}
            SaveStatus::Fallback { path, reason } => out.push(format!(
                "{}: {} ({})",
                cw.save_fallback,
                sanitize_line(path),
                sanitize_line(reason)
            )),
            SaveStatus::Failed { reason } => {
                out.push(format!("{} ({})", cw.save_failed, sanitize_line(reason)))
            }
        }
    }
    *seen = Seen {
        stage: Some(stage),
        checked: app.state.checked.clone(),
        nudge: nudge.map(|(kind, _)| kind),
        notice,
        save: Some(app.save_status.clone()),
        ended,
    };
    out
}

/// The hint for a command that needs a number: `index` is the command's
/// place in the words' table (its example is `/NAME 1`).
pub fn needs_number(app: &App, index: usize) -> String {
    let w = words(app);
    let name = w.commands.get(index).map_or("", |c| c.name);
    w.needs_number.replace("{example}", &format!("/{name} 1"))
}
