//! The report's bar chart (best and last score per trainee and scenario),
//! drawn with ratatui into an off-screen buffer and printed as text with
//! colours, so it needs no terminal queries and leaves the scrollback intact.

use crate::report::{PracticeRow, Report};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Widget};

/// Height of the chart in rows.
pub const HEIGHT: u16 = 14;

/// A group's label: trainee and scenario.
fn label(p: &PracticeRow) -> String {
    crate::text::sanitize_line(&format!("{} · {}", p.trainee, p.scenario))
}

/// Bar width so that a group (two bars and a gap) fits its label, 5–11.
fn bar_width(r: &Report) -> u16 {
    let longest = r
        .practice
        .iter()
        .map(|p| unicode_width::UnicodeWidthStr::width(label(p).as_str()))
        .max()
        .unwrap_or(0);
    u16::try_from(longest.saturating_sub(1) / 2 + 1)
        .unwrap_or(11)
        .clamp(5, 11)
}

/// The width the chart needs: two bars and a gap per trainee and scenario.
pub fn width_for(r: &Report) -> u16 {
    let groups = u16::try_from(r.practice.len()).unwrap_or(u16::MAX);
    let group = bar_width(r) * 2 + 1 + GROUP_GAP;
    groups.saturating_mul(group).saturating_add(2).max(40)
}

const GROUP_GAP: u16 = 3;

/// Renders the chart into a buffer `width` columns wide.
pub fn render(r: &Report, width: u16) -> Buffer {
    let area = Rect::new(0, 0, width.max(20), HEIGHT);
    let mut buf = Buffer::empty(area);
    let bw = bar_width(r);
    let groups: Vec<BarGroup> = r
        .practice
        .iter()
        .map(|p| {
            let label = crate::tui::widgets::truncate(&label(p), usize::from(bw * 2 + 1));
            let colour = |passed: bool| if passed { Color::Green } else { Color::Red };
            BarGroup::default()
                .label(ratatui::text::Line::from(label))
                .bars(&[
                    Bar::default()
                        .value(u64::from(p.best))
                        .style(Style::default().fg(colour(p.ever_passed)))
                        .text_value(format!("{}", p.best)),
                    Bar::default()
                        .value(u64::from(p.last))
                        .style(Style::default().fg(colour(p.last_passed)))
                        .text_value(format!("{}", p.last)),
                ])
        })
        .collect();
    let mut chart = BarChart::default()
        .block(Block::bordered().title(" best | last score (green: passed) "))
        .bar_width(bw)
        .bar_gap(1)
        .group_gap(GROUP_GAP)
        .max(100);
    for g in groups {
        chart = chart.data(g);
    }
    chart.render(area, &mut buf);
    buf
}

/// The chart as lines of text with ANSI colours.
pub fn ansi(r: &Report, width: u16) -> String {
    use crossterm::style::{ResetColor, SetForegroundColor};
    let buf = render(r, width);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut current: Option<Color> = None;
        for x in 0..buf.area.width {
            let Some(cell) = buf.cell((x, y)) else {
                continue;
            };
            if cell.fg != current.unwrap_or(Color::Reset) {
                current = Some(cell.fg);
                out.push_str(&SetForegroundColor(to_crossterm(cell.fg)).to_string());
            }
            out.push_str(cell.symbol());
        }
        out.push_str(&ResetColor.to_string());
        out.push('\n');
    }
    out
}

fn to_crossterm(c: Color) -> crossterm::style::Color {
    match c {
        Color::Green => crossterm::style::Color::Green,
        Color::Red => crossterm::style::Color::Red,
        _ => crossterm::style::Color::Reset,
    }
}

/// The chart as plain text, without colours (`--color never`, NO_COLOR …).
pub fn plain(r: &Report, width: u16) -> String {
    let buf = render(r, width);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width)
            .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_owned()))
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Attempt, CallFigures, practice_rows};

    fn attempt(trainee: &str, scenario: &str, at: i64, score: u8, _m: &[()]) -> Attempt {
        Attempt {
            trainee: trainee.into(),
            scenario: scenario.into(),
            finished_at: at,
            score,
            passed: score >= 70,
            mistakes: Vec::new(),
        }
    }

    #[test]
    fn the_bar_chart_shows_best_and_last_per_trainee_and_scenario() {
        let rows = practice_rows(&[
            attempt("eva", "sweat-stains", 1, 100, &[]),
            attempt("eva", "sweat-stains", 2, 40, &[]),
        ]);
        let r = Report {
            practice: rows,
            calls: CallFigures::default(),
        };
        let text = plain(&r, width_for(&r));
        assert!(text.contains("best | last score"), "{text}");
        assert!(text.contains("eva · sweat-stains"), "{text}");
        assert!(text.contains("100") && text.contains("40"), "{text}");
        // "eva · sweat-stains" is 18 wide: bars of 9, the best at columns
        // 1–9, the last at 11–19; the best is taller.
        let filled = |col: usize| {
            text.lines()
                .filter(|l| l.chars().nth(col).is_some_and(|c| c == '█'))
                .count()
        };
        assert!(filled(2) > filled(13), "{text}");
        assert!(filled(13) > 0, "{text}");
        let ansi = ansi(&r, 40);
        assert!(ansi.contains("\u{1b}["), "coloured");
    }
}
