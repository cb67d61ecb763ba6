//! Drawing the live view: a pure function of its state.

use super::keys;
use super::state::{Link, LiveView};
use crate::i18n::{LiveWords, live_words, stage_name};
use crate::team::live::LiveRow;
use crate::text::sanitize_line;
use crate::tui::widgets::{clock, truncate};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Widget};

/// The columns: agent, customer, stage, time in stage, escalations, flags.
const COLUMNS: [Constraint; 6] = [
    Constraint::Fill(3),
    Constraint::Fill(3),
    Constraint::Fill(4),
    Constraint::Length(8),
    Constraint::Length(6),
    Constraint::Fill(5),
];

/// Draws the view into the frame.
pub fn draw(frame: &mut Frame, v: &LiveView) {
    v.render(frame.area(), frame.buffer_mut());
}

impl LiveView {
    /// Draws the view into `buf`.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let w = live_words(self.lang);
        let detail = match &self.link {
            Link::Lost { error, .. } => {
                Some(format!(" {} · {}", sanitize_line(error), w.stale_list))
            }
            _ => None,
        };
        let [head, more, list, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(detail.is_some())),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        if let Some(d) = detail {
            Paragraph::new(Line::styled(truncate(&d, usize::from(more.width)), t.error))
                .render(more, buf);
        }
        let title = w.title.replace("{n}", &self.rows.len().to_string());
        let (status, style) = self.link_text(w);
        let room = usize::from(head.width).saturating_sub(title.chars().count() + 3);
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {title}  "), t.title),
            Span::styled(truncate(&status, room), style),
        ]))
        .render(head, buf);
        let block = Block::bordered().border_style(t.border);
        if self.rows.is_empty() {
            Paragraph::new(Line::styled(format!(" {}", w.empty), t.dim))
                .block(block)
                .render(list, buf);
        } else {
            let inner = block.inner(list);
            let widths = Layout::horizontal(COLUMNS)
                .spacing(1)
                .split(inner.inner(ratatui::layout::Margin::new(0, 0)))
                .iter()
                .map(|r| usize::from(r.width))
                .collect::<Vec<_>>();
            self.table(w, block, &widths).render(list, buf);
        }
        let footer = truncate(&keys::footer(self.lang), usize::from(foot.width));
        Paragraph::new(Line::styled(footer, t.dim)).render(foot, buf);
    }

    /// The connection's line and its style.
    fn link_text(&self, w: &LiveWords) -> (String, Style) {
        let t = &self.theme;
        match &self.link {
            Link::Connecting => (w.connecting.to_owned(), t.dim),
            Link::Live => (format!("● {}", w.live), t.ok),
            Link::Lost { retry_at, .. } => {
                let secs = ((retry_at - self.now).max(0) + 999) / 1000;
                let text = if secs == 0 {
                    w.retrying.to_owned()
                } else {
                    w.lost.replace("{s}", &secs.to_string())
                };
                (format!("✗ {text}"), t.error)
            }
        }
    }

    /// The list of calls.
    fn table<'a>(&self, w: &LiveWords, block: Block<'a>, widths: &[usize]) -> Table<'a> {
        // Each cell cut to its column with an ellipsis, never silently.
        let fit = |i: usize, s: &str| truncate(s, widths.get(i).copied().unwrap_or(0));
        let t = &self.theme;
        let lost = matches!(self.link, Link::Lost { .. });
        let header = Row::new(
            [
                w.agent,
                w.customer,
                w.stage,
                w.in_stage,
                w.escalations,
                w.flags,
            ]
            .into_iter()
            .enumerate()
            .map(|(i, h)| Cell::from(fit(i, h)).style(t.title)),
        );
        let rows: Vec<Row> =
            self.rows
                .iter()
                .skip(self.scroll)
                .map(|r| {
                    let base = if lost { t.dim } else { Style::default() };
                    let flags = self.flags(r, w);
                    let stage = r
                        .stage
                        .map_or(w.unknown_stage, |s| stage_name(s, self.lang));
                    let customer = sanitize_line(r.customer.as_deref().unwrap_or(w.no_customer));
                    Row::new(vec![
                        Cell::from(fit(0, &sanitize_line(&r.agent))).style(base),
                        Cell::from(fit(1, &customer)).style(base),
                        Cell::from(fit(2, stage)).style(if lost { t.dim } else { t.current }),
                        Cell::from(fit(3, &clock(self.in_stage_ms(r)))).style(base),
                        Cell::from(fit(4, &r.escalations.to_string()))
                            .style(if r.escalations > 0 { t.warn } else { base }),
                        Cell::from(fit(5, &flags)).style(t.warn),
                    ])
                })
                .collect();
        Table::new(rows, COLUMNS)
            .header(header)
            .column_spacing(1)
            .block(block)
    }

    /// The flags of `r`, in words.
    fn flags(&self, r: &LiveRow, w: &LiveWords) -> String {
        let mut out: Vec<String> = Vec::new();
        if r.over_time {
            out.push(w.over_time.to_owned());
        }
        if r.skipped {
            out.push(w.skipped.to_owned());
        }
        if let Some(min) = self.stale_minutes(r) {
            out.push(w.no_news.replace("{min}", &min.to_string()));
        }
        out.join(", ")
    }
}
