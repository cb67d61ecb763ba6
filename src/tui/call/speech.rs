//! The words and lines the live transcript puts on the call screen: the
//! header status, the flare-up suggestion and the pane's lines. Shared by
//! the layout (which sizes them) and the view (which draws them).

use super::keys::{self, Action, Context};
use super::state::App;
use crate::i18n::{self, SpeechWords};
use crate::transcript::{SourceStatus, Speaker};
use ratatui::text::{Line, Span};

fn words(app: &App) -> &'static SpeechWords {
    i18n::speech_words(app.setup.lang)
}

/// The feed's status for the header, e.g. `speech: listening · 2 unreadable`;
/// `None` without a transcript.
pub fn status_text(app: &App) -> Option<String> {
    let live = &app.live;
    if !live.active() {
        return None;
    }
    let w = words(app);
    // The best-off source speaks for all (one listening is enough).
    let rank = |s: &SourceStatus| match s {
        SourceStatus::Open => 0,
        SourceStatus::Waiting => 1,
        SourceStatus::Closed => 2,
        SourceStatus::Missing => 3,
        SourceStatus::Failed(_) => 4,
    };
    let best = live.sources.iter().min_by_key(|s| rank(s))?;
    let state = match best {
        SourceStatus::Open => w.open,
        SourceStatus::Waiting => w.waiting,
        SourceStatus::Closed => w.closed,
        SourceStatus::Missing => w.missing,
        SourceStatus::Failed(_) => w.failed,
    };
    let mut out = format!("{}: {state}", w.label);
    if live.malformed > 0 {
        out.push_str(&format!(" · {} {}", live.malformed, w.malformed));
    }
    if live.dropped > 0 {
        out.push_str(&format!(" · {} {}", live.dropped, w.dropped));
    }
    Some(out)
}

/// The flare-up suggestion for heard `cue`, naming the escalate key from
/// the key table.
pub fn flare_text(app: &App, cue: &str) -> String {
    let key = keys::bindings(Context::Call)
        .find(|b| b.action == Action::Escalate)
        .map(|b| b.first_label())
        .unwrap_or_default();
    words(app)
        .flare_up
        .replace(
            "{cue}",
            &i18n::quote(&crate::text::sanitize_line(cue), app.setup.lang),
        )
        .replace("{key}", &key)
}

/// The pane's lines, oldest first: `speaker: text`, the partial line last.
pub fn pane_lines(app: &App) -> Vec<Line<'static>> {
    let w = words(app);
    let t = &app.setup.theme;
    let label = |s: &Speaker| match s {
        Speaker::Agent => w.agent.to_owned(),
        Speaker::Customer => w.customer.to_owned(),
        Speaker::Other(l) => crate::text::sanitize_line(l),
    };
    let mut out: Vec<Line<'static>> = app
        .live
        .lines
        .iter()
        .map(|(s, text)| {
            Line::from(vec![
                Span::styled(format!("{}: ", label(s)), t.title),
                Span::raw(crate::text::sanitize_line(text)),
            ])
        })
        .collect();
    if let Some((s, text)) = &app.live.partial {
        out.push(Line::from(vec![
            Span::styled(format!("{}: ", label(s)), t.dim),
            Span::styled(format!("{} …", crate::text::sanitize_line(text)), t.dim),
        ]));
    }
    if out.is_empty() {
        out.push(Line::styled(w.nothing_yet, t.dim));
    }
    out
}

/// Title of the transcript pane.
pub fn pane_title(app: &App) -> String {
    format!("{} ", words(app).pane)
}
