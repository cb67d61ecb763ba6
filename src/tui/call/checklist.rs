//! Which checklist items the call screen shows, and how: every item wrapped
//! when they fit; otherwise the selected item in full and the others on
//! one line ending in …; when even that does not fit, a window around the
//! selected item with "▲ n more"/"▼ n more" rows. Pure: the view draws it,
//! and the update uses it so Alt-N ticks only an item the agent can see.

use super::state::App;
use crate::engine::ItemRef;
use crate::text::sanitize_line;
use crate::tui::widgets::{truncate, wrap_words};

/// Columns before a checklist item's text: `1 [x] ! `.
pub const ITEM_PREFIX: usize = 8;

/// The checklist as drawn in a pane's inside.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChecklistView {
    /// Shown items: index in the stage's checklist and the text lines.
    pub rows: Vec<(usize, Vec<String>)>,
    /// Items hidden above the shown ones.
    pub above: usize,
    /// Items hidden below.
    pub below: usize,
    /// Room for the legend line.
    pub legend: bool,
}

impl ChecklistView {
    /// True when item `index` is on screen.
    pub fn shows(&self, index: usize) -> bool {
        self.rows.iter().any(|(i, _)| *i == index)
    }

    /// Rows it takes (items, indicators, legend).
    pub fn height(&self) -> usize {
        self.rows.iter().map(|(_, l)| l.len()).sum::<usize>()
            + usize::from(self.above > 0)
            + usize::from(self.below > 0)
            + usize::from(self.legend)
    }
}

/// The selected item of the current stage: the one the agent moved to
/// (Alt-↑/Alt-↓), else the first open one.
pub fn selected(app: &App) -> usize {
    let stage = app.state.stage;
    let items = &app.pb().stage(stage).checklist;
    match app.checklist_cursor {
        Some((s, i)) if s == stage && i < items.len() => i,
        _ => items
            .iter()
            .position(|it| {
                !app.state
                    .checked
                    .contains_key(&ItemRef::new(stage, it.id.clone()))
            })
            .unwrap_or(0),
    }
}

fn texts(app: &App) -> Vec<String> {
    app.pb()
        .stage(app.state.stage)
        .checklist
        .iter()
        .map(|i| sanitize_line(&i.text))
        .collect()
}

/// Rows the checklist wants in a pane whose inside is `width` wide: every
/// item wrapped, and the legend.
pub fn wanted_rows(app: &App, width: u16) -> usize {
    let text_w = usize::from(width).saturating_sub(ITEM_PREFIX).max(1);
    texts(app)
        .iter()
        .map(|t| wrap_words(t, text_w).len())
        .sum::<usize>()
        .max(1)
        + 1
}

/// Rows it needs at least to show every item (the selected in full).
pub fn compact_rows(app: &App, width: u16) -> usize {
    let text_w = usize::from(width).saturating_sub(ITEM_PREFIX).max(1);
    let texts = texts(app);
    let sel = selected(app);
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i == sel {
                wrap_words(t, text_w).len()
            } else {
                1
            }
        })
        .sum::<usize>()
        .max(1)
}

/// The checklist in a pane whose inside is `width`×`height`.
pub fn view(app: &App, width: u16, height: u16) -> ChecklistView {
    let text_w = usize::from(width).saturating_sub(ITEM_PREFIX).max(1);
    let height = usize::from(height);
    let texts = texts(app);
    let n = texts.len();
    let wrapped: Vec<Vec<String>> = texts.iter().map(|t| wrap_words(t, text_w)).collect();
    let total: usize = wrapped.iter().map(Vec::len).sum();
    if total <= height {
        return ChecklistView {
            rows: wrapped.into_iter().enumerate().collect(),
            above: 0,
            below: 0,
            legend: total < height,
        };
    }
    let sel = selected(app).min(n.saturating_sub(1));
    let line = |i: usize| -> Vec<String> {
        if i == sel {
            wrapped[i].clone()
        } else {
            vec![truncate(&texts[i], text_w)]
        }
    };
    let sel_len = wrapped.get(sel).map_or(1, Vec::len);
    let fits = |start: usize, end: usize| {
        let indicators = usize::from(start > 0) + usize::from(end < n);
        sel_len + (end - start - 1) + indicators <= height
    };
    let (mut start, mut end) = (sel, (sel + 1).min(n));
    if n > 0 {
        loop {
            if end < n && fits(start, end + 1) {
                end += 1;
            } else if start > 0 && fits(start - 1, end) {
                start -= 1;
            } else {
                break;
            }
        }
    }
    let mut rows: Vec<(usize, Vec<String>)> = (start..end).map(|i| (i, line(i))).collect();
    let indicators = usize::from(start > 0) + usize::from(end < n);
    // Rows left over go to the other items in order, each wrapped in full.
    let mut left =
        height.saturating_sub(indicators + rows.iter().map(|(_, l)| l.len()).sum::<usize>());
    for (i, lines) in rows.iter_mut() {
        let extra = wrapped[*i].len().saturating_sub(lines.len());
        if *i != sel && extra > 0 && extra <= left {
            *lines = wrapped[*i].clone();
            left -= extra;
        }
    }
    // A selected item longer than the pane keeps what fits.
    if let Some((_, lines)) = rows.iter_mut().find(|(i, _)| *i == sel) {
        let room = height.saturating_sub(indicators + (end - start - 1)).max(1);
        if lines.len() > room {
            lines.truncate(room);
            if let Some(last) = lines.last_mut() {
                *last = truncate(&format!("{last} …"), text_w);
            }
        }
    }
    ChecklistView {
        rows,
        above: start,
        below: n - end,
        legend: left > 0,
    }
}

/// The checklist's legend for a pane `width` cells wide. The whole legend
/// when it fits; otherwise the entries for the marks on screen (`shown`,
/// e.g. `["!", "[a]"]`), as many as fit, so a narrow pane never ends in a
/// cut-off word. (The help, F1, always has the whole legend.)
pub fn legend(full: &str, shown: &[&str], width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if full.width() <= width {
        return full.to_owned();
    }
    let mut entries: Vec<&str> = full
        .split(" · ")
        .filter(|e| {
            e.split_whitespace()
                .next()
                .is_some_and(|mark| shown.contains(&mark))
        })
        .collect();
    loop {
        let text = entries.join(" · ");
        if text.width() <= width {
            return text;
        }
        entries.pop();
    }
}

#[cfg(test)]
mod legend_tests {
    use super::legend;
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthStr;

    const NL: &str = "! = verplicht · [x] hand · [a] notities · [s] gezegd";

    #[test]
    fn whole_when_it_fits_else_the_marks_on_screen() {
        assert_eq!(legend(NL, &[], 60), NL);
        assert_eq!(
            legend(NL, &["!", "[a]"], 36),
            "! = verplicht · [a] notities"
        );
        assert_eq!(
            legend(NL, &["!", "[x]", "[s]"], 40),
            "! = verplicht · [x] hand · [s] gezegd"
        );
        assert_eq!(
            legend(NL, &["!", "[x]", "[s]"], 36),
            "! = verplicht · [x] hand"
        );
        assert_eq!(legend(NL, &[], 36), "");
    }

    proptest! {
        /// Never wider than the pane, never a cut-off entry.
        #[test]
        fn fits_and_keeps_whole_entries(width in 0usize..70, mask in 0u8..16) {
            let marks = ["!", "[x]", "[a]", "[s]"];
            let shown: Vec<&str> = marks
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, m)| *m)
                .collect();
            let l = legend(NL, &shown, width);
            prop_assert!(l.width() <= width);
            for part in l.split(" · ").filter(|p| !p.is_empty()) {
                prop_assert!(NL.split(" · ").any(|e| e == part), "{part:?}");
            }
        }
    }
}
