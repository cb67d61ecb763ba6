//! Small drawing helpers every screen shares: word wrapping, truncation,
//! clocks, centred popups, bordered panes.

use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

/// Splits `text` into lines of at most `width` columns at spaces (a word
/// longer than a line is cut).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    // The same item texts are wrapped at the same widths frame after frame.
    thread_local! {
        static MEMO: std::cell::RefCell<crate::tui::memo::Memo<(String, usize), Vec<String>>> =
            const { std::cell::RefCell::new(crate::tui::memo::Memo::new(64)) };
    }
    MEMO.with_borrow_mut(|m| m.get((text.to_owned(), width), |(t, w)| wrap_words_now(t, *w)))
}

fn wrap_words_now(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let Some(cur) = lines.last_mut() else { break };
        let need = if cur.is_empty() {
            word.width()
        } else {
            cur.width() + 1 + word.width()
        };
        if need <= width {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        } else if cur.is_empty() {
            cur.push_str(&truncate(word, width));
        } else {
            lines.push(truncate(word, width));
        }
    }
    lines
}

/// Cuts `s` to `width` columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Formats milliseconds as `m:ss` or `h:mm:ss`.
pub fn clock(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clears a centred `w`×`h` box with a titled border; returns its inside.
pub fn popup(theme: &Theme, area: Rect, w: u16, h: u16, title: &str, buf: &mut Buffer) -> Rect {
    let r = centered(area, w, h);
    Clear.render(r, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.current)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(r);
    block.render(r, buf);
    inner
}

/// A bordered pane titled `title`.
pub fn pane<'a>(theme: &Theme, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(title, theme.title))
}

/// How a scrolled text is cut: the first line shown, and the lines above
/// and below the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scrolled {
    /// First wrapped line shown.
    pub top: u16,
    /// Lines above the view.
    pub above: usize,
    /// Lines below the view.
    pub below: usize,
}

/// Draws `lines` word-wrapped into `area` from wrapped line `scroll`
/// (clamped so the end stays in view). When they do not fit, the last row
/// says how many lines are above and below (`more_above`/`more_below`
/// with `{n}`), so a cut-off text is never mistaken for the whole.
pub fn scrolled(
    lines: Vec<Line<'static>>,
    area: Rect,
    scroll: u16,
    theme: &Theme,
    more_above: &str,
    more_below: &str,
    buf: &mut Buffer,
) -> Scrolled {
    let para = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = para.line_count(area.width.max(1));
    let height = usize::from(area.height);
    if total <= height {
        para.render(area, buf);
        return Scrolled {
            top: 0,
            above: 0,
            below: 0,
        };
    }
    let view = height.saturating_sub(1);
    let top = usize::from(scroll).min(total.saturating_sub(view));
    let below = total.saturating_sub(top + view);
    let top16 = u16::try_from(top).unwrap_or(u16::MAX);
    para.scroll((top16, 0)).render(
        Rect {
            height: area.height.saturating_sub(1),
            ..area
        },
        buf,
    );
    let mut parts = Vec::new();
    if top > 0 {
        parts.push(more_above.replace("{n}", &top.to_string()));
    }
    if below > 0 {
        parts.push(more_below.replace("{n}", &below.to_string()));
    }
    Paragraph::new(Line::styled(parts.join("  ·  "), theme.key)).render(
        Rect {
            y: area.y + area.height.saturating_sub(1),
            height: 1.min(area.height),
            ..area
        },
        buf,
    );
    Scrolled {
        top: top16,
        above: top,
        below,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_formats() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(65_000), "1:05");
        assert_eq!(clock(3_725_000), "1:02:05");
        assert_eq!(clock(-5), "0:00");
    }

    #[test]
    fn long_words_are_cut_and_lines_fit() {
        assert_eq!(wrap_words("een twee drie", 8), vec!["een twee", "drie"]);
        assert_eq!(truncate("telefoon", 5), "tele…");
    }
}
