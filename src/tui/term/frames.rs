//! Frames that change only what was drawn: the call screen keeps its last
//! frame and redraws just the panes that changed (a keystroke: the notes),
//! so neither a fresh buffer nor a comparison of the whole screen is paid
//! per key. Rows the frame says it drew are compared with what the
//! terminal shows; a row that differs goes through ratatui's own diff, so
//! wide characters are handled exactly as in every other frame.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

/// What the terminal shows and the frame being drawn.
pub struct Frames {
    /// The cells on the terminal.
    pub shown: Buffer,
    /// The frame being drawn: the last frame until something draws over it.
    pub next: Buffer,
    /// Nothing was drawn yet (both frames are empty).
    pub fresh: bool,
}

impl Frames {
    /// Two empty frames of `area` (the terminal cleared).
    pub fn new(area: Rect) -> Frames {
        Frames {
            shown: Buffer::empty(area),
            next: Buffer::empty(area),
            fresh: true,
        }
    }

    /// Hands `send` the cells that make the terminal show `next`, when only
    /// `drawn` changed since `shown` was sent (`None`: anything may have
    /// changed); afterwards `shown` is `next`. A whole screen goes by
    /// reference, straight from ratatui's diff in one pass (a first frame:
    /// thousands of cells, neither copied nor compared row by row).
    pub fn send<E>(
        &mut self,
        drawn: Option<&[Rect]>,
        send: impl FnOnce(&mut dyn Iterator<Item = (u16, u16, &Cell)>) -> Result<(), E>,
    ) -> Result<(), E> {
        if let Some(rects) = drawn {
            let updates = self.changed(rects);
            return send(&mut updates.iter().map(|(x, y, c)| (*x, *y, c)));
        }
        let sent = send(&mut self.shown.diff(&self.next).into_iter());
        self.shown.content.clone_from_slice(&self.next.content);
        sent
    }

    /// The cells [`Frames::send`] hands on, as copies.
    pub fn updates(&mut self, drawn: Option<&[Rect]>) -> Vec<(u16, u16, Cell)> {
        if let Some(rects) = drawn {
            return self.changed(rects);
        }
        let mut out = Vec::new();
        let sent: Result<(), std::convert::Infallible> = self.send(drawn, |cells| {
            out.extend(cells.map(|(x, y, c)| (x, y, c.clone())));
            Ok(())
        });
        let Ok(()) = sent;
        out
    }

    /// The cells to send when only `rects` changed: the rows in which they
    /// differ, each through ratatui's own diff.
    fn changed(&mut self, rects: &[Rect]) -> Vec<(u16, u16, Cell)> {
        let area = self.next.area;
        let rows = changed_rows(&self.shown, &self.next, rects);
        let mut out = Vec::new();
        for y in rows {
            let (Some(before), Some(after)) = (row(&self.shown, y), row(&self.next, y)) else {
                continue;
            };
            if before == after {
                continue;
            }
            let line = Rect::new(area.x, y, area.width, 1);
            let mut prev = Buffer::empty(line);
            prev.content.clone_from_slice(before);
            let mut next = Buffer::empty(line);
            next.content.clone_from_slice(after);
            out.extend(
                prev.diff(&next)
                    .into_iter()
                    .map(|(x, y, c)| (x, y, c.clone())),
            );
            if let Some(shown) = row_mut(&mut self.shown, y) {
                shown.clone_from_slice(after);
            }
        }
        out
    }
}

/// The rows in which some cell of `rects` differs between the buffers.
fn changed_rows(shown: &Buffer, next: &Buffer, rects: &[Rect]) -> Vec<u16> {
    let area = next.area;
    let mut changed = vec![false; usize::from(area.height)];
    for r in rects {
        let r = r.intersection(area);
        for y in r.top()..r.bottom() {
            let i = usize::from(y - area.y);
            if changed.get(i).copied().unwrap_or(true) {
                continue;
            }
            let start = next.index_of(r.x, y);
            let span = start..start + usize::from(r.width);
            if shown.content.get(span.clone()) != next.content.get(span) {
                changed[i] = true;
            }
        }
    }
    (area.top()..area.bottom())
        .filter(|y| changed.get(usize::from(y - area.y)) == Some(&true))
        .collect()
}

fn row(b: &Buffer, y: u16) -> Option<&[Cell]> {
    let start = b.index_of(b.area.x, y);
    b.content.get(start..start + usize::from(b.area.width))
}

fn row_mut(b: &mut Buffer, y: u16) -> Option<&mut [Cell]> {
    let start = b.index_of(b.area.x, y);
    let width = usize::from(b.area.width);
    b.content.get_mut(start..start + width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Style};

    fn frames_copy(f: &Frames) -> Frames {
        Frames {
            shown: f.shown.clone(),
            next: f.next.clone(),
            fresh: f.fresh,
        }
    }

    /// A random edit of a buffer: a string (with wide characters) at a place.
    fn edit() -> impl Strategy<Value = (u16, u16, String, bool)> {
        (0u16..12, 0u16..5, "[a-c 犬é]{0,6}", any::<bool>())
    }

    proptest! {
        /// Sending the updates for the rows drawn (all edits lie in them),
        /// or for a frame that names none, leaves the terminal as ratatui's
        /// diff of the whole screen would, and `shown` becomes the frame.
        #[test]
        fn updates_of_the_drawn_rows_equal_a_whole_screen_diff(
            first in prop::collection::vec(edit(), 0..8),
            second in prop::collection::vec(edit(), 0..8),
            named in any::<[bool; 2]>(),
        ) {
            let area = Rect::new(0, 0, 12, 5);
            let mut frames = Frames::new(area);
            let mut by_rows = Buffer::empty(area);
            let mut by_screen = Buffer::empty(area);
            for (round, named) in [first, second].into_iter().zip(named) {
                let mut drawn = Vec::new();
                for (x, y, s, red) in round {
                    let style = if red { Style::default().fg(Color::Red) } else { Style::default() };
                    frames.next.set_string(x, y, &s, style);
                    drawn.push(Rect::new(x, y, (s.chars().count() as u16 * 2).min(12 - x), 1));
                }
                for (x, y, c) in frames.shown.diff(&frames.next) {
                    by_screen[(x, y)] = c.clone();
                }
                // Rows named, or anything may have changed (`None`); as
                // copies, and as the screen is sent.
                let rows = named.then_some(drawn.as_slice());
                let mut sent = by_rows.clone();
                let mut copy = frames_copy(&frames);
                for (x, y, c) in copy.updates(rows) {
                    by_rows[(x, y)] = c;
                }
                let ok: Result<(), ()> = frames.send(rows, |cells| {
                    for (x, y, c) in cells {
                        sent[(x, y)] = c.clone();
                    }
                    Ok(())
                });
                prop_assert!(ok.is_ok());
                prop_assert_eq!(&sent, &by_rows);
                prop_assert_eq!(&copy.shown, &frames.shown);
                prop_assert_eq!(&frames.shown, &frames.next);
                prop_assert_eq!(&by_rows, &by_screen);
            }
        }
    }
}
