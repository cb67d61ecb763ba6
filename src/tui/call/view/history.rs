//! The history overlay: a known customer's earlier calls — when, how they
//! ended, their agreements, and whether the customer was marked difficult.

use crate::i18n;
use crate::summary::AgreementLine;
use crate::text::sanitize_line;
use crate::tui::call::state::App;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Draws the customer's earlier calls, scrolled down `scroll` lines.
pub fn render(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let lang = app.setup.lang;
    let Some(history) = &app.setup.history else {
        return;
    };
    let mut lines = Vec::new();
    let customer = app
        .state
        .meta
        .customer
        .as_deref()
        .map_or_else(|| w.no_customer.to_owned(), sanitize_line);
    lines.push(Line::styled(
        format!(
            "{} {customer} · {}",
            w.customer,
            w.earlier_count(history.earlier_calls())
        ),
        t.title,
    ));
    if history.difficult_before {
        lines.push(Line::styled(format!("● {}", w.history_difficult), t.warn));
    }
    for call in &history.calls {
        lines.push(Line::default());
        let when = app.local_time(call.started_at).strftime("%Y-%m-%d %H:%M");
        let outcome = match (call.ended_at, call.outcome) {
            (Some(_), Some(o)) => i18n::outcome(o, lang),
            _ => w.unfinished,
        };
        let mut head = vec![Span::styled(format!("{when}  "), t.key), Span::raw(outcome)];
        if call.marked_difficult {
            head.push(Span::styled(format!(" · ● {}", w.history_marked), t.warn));
        }
        lines.push(Line::from(head));
        let agreements = AgreementLine::all(&call.agreements, &call.note_agreements);
        if agreements.is_empty() {
            lines.push(Line::styled(
                format!("  {}: {}", w.agreements, w.none),
                t.dim,
            ));
        }
        for a in &agreements {
            lines.push(Line::raw(format!("  - {}", a.text(lang))));
        }
    }
    let h = (lines.len() as u16).saturating_add(2);
    let inner = popup(&app.setup.theme, area, 90, h, w.history_title, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(inner, buf);
}
