//! Cells of panes drawn in an earlier frame, reused when a pane's content
//! and place are unchanged.
//!
//! ratatui draws every frame from an empty buffer and compares it with the
//! previous one, so a keystroke in the notes used to wrap and draw the
//! checklist, the phrase, the rail and the rest again although only the
//! notes changed (half of a keystroke's work). A pane drawn through
//! [`PaneCache::draw`] is drawn once per change of its key — the values
//! that decide every cell of it, e.g. its paragraph — and copied from the
//! cache otherwise. The key is compared by value, never by a hash, so a
//! reused pane is always the pane that would have been drawn.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use std::any::Any;

/// What one pane looked like when it was last drawn.
struct Entry {
    area: Rect,
    key: Box<dyn Any>,
    /// The area's cells, row by row.
    cells: Vec<Cell>,
    /// The frame's buffer still holds these cells (drawn since the last
    /// full frame began, nothing drawn over them).
    shown: bool,
}

/// One entry per pane slot: memory stays bounded by the screen.
#[derive(Default)]
pub struct PaneCache {
    slots: Vec<Option<Entry>>,
    /// What the last frame was (see [`PaneCache::same_frame`]).
    frame: Option<Box<dyn Any>>,
    /// While a frame draws only what changed: the areas drawn.
    changed: Option<Vec<Rect>>,
}

impl PaneCache {
    /// Draws a pane into `area` of `buf`: copies the cells drawn for the
    /// same `key` in the same `area` before, or calls `draw` and keeps
    /// what it drew. `draw` must draw only inside `area`, and what it
    /// draws must follow from `key` and `area` alone (the buffer under the
    /// area is empty, as in every ratatui frame). True when the area was
    /// left as it was (a frame drawing only what changed, the pane shown).
    pub fn draw<K: Any + PartialEq>(
        &mut self,
        slot: usize,
        key: K,
        area: Rect,
        buf: &mut Buffer,
        draw: impl FnOnce(&K, &mut Buffer),
    ) -> bool {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return false;
        }
        if self.slots.len() <= slot {
            self.slots.resize_with(slot + 1, || None);
        }
        let Some(place) = self.slots.get_mut(slot) else {
            return false;
        };
        if let Some(e) = place.as_mut()
            && e.area == area
            && e.key.downcast_ref::<K>() == Some(&key)
        {
            if self.changed.is_some() && e.shown {
                // Still on screen, and in the buffer: nothing to do.
                return true;
            }
            copy_in(&e.cells, area, buf);
            e.shown = true;
            if let Some(c) = &mut self.changed {
                c.push(area);
            }
            return false;
        }
        if let Some(c) = &mut self.changed {
            reset(area, buf);
            c.push(area);
        }
        draw(&key, buf);
        *place = Some(Entry {
            area,
            key: Box::new(key),
            cells: copy_out(area, buf),
            shown: true,
        });
        false
    }

    /// Says whether a frame keyed `key` (`None`: one that cannot draw
    /// only what changed, e.g. with something over the panes) follows a
    /// frame of the same key, and remembers the key.
    pub fn same_frame<K: Any + PartialEq>(&mut self, key: Option<K>) -> bool {
        let same = match (&key, &self.frame) {
            (Some(k), Some(f)) => f.downcast_ref::<K>() == Some(k),
            _ => false,
        };
        self.frame = key.map(|k| Box::new(k) as Box<dyn Any>);
        same
    }

    /// Begins a frame. A frame drawing only what changed gets a buffer
    /// holding the last frame: panes still shown are left alone, others
    /// are cleared and drawn, and [`PaneCache::finish`] names the areas
    /// drawn. Any other frame starts from an empty buffer: every pane is
    /// drawn or copied.
    pub fn begin(&mut self, only_changes: bool) {
        if only_changes {
            self.changed = Some(Vec::new());
        } else {
            self.changed = None;
            for e in self.slots.iter_mut().flatten() {
                e.shown = false;
            }
        }
    }

    /// Marks `area` of a frame drawing only what changed as drawn outside
    /// the cache (the notes, which draw only their changed rows).
    pub fn drawn_outside(&mut self, area: Rect) {
        if let Some(c) = &mut self.changed {
            c.push(area);
        }
    }

    /// Ends a frame: the areas drawn when it drew only what changed.
    pub fn finish(&mut self) -> Option<Vec<Rect>> {
        self.changed.take()
    }

    /// Forgets every pane (the next frame draws them all).
    pub fn clear(&mut self) {
        self.slots.clear();
        self.frame = None;
        self.changed = None;
    }
}

/// Empties the cells of `area` (what a fresh frame holds there).
fn reset(area: Rect, buf: &mut Buffer) {
    for r in rows(area, buf) {
        if let Some(cells) = buf.content.get_mut(r) {
            cells.iter_mut().for_each(Cell::reset);
        }
    }
}

fn rows(area: Rect, buf: &Buffer) -> impl Iterator<Item = std::ops::Range<usize>> + use<> {
    let width = usize::from(area.width);
    let starts: Vec<usize> = (area.top()..area.bottom())
        .map(|y| buf.index_of(area.x, y))
        .collect();
    starts.into_iter().map(move |s| s..s + width)
}

fn copy_out(area: Rect, buf: &Buffer) -> Vec<Cell> {
    let mut out = Vec::with_capacity(usize::from(area.width) * usize::from(area.height));
    for r in rows(area, buf) {
        if let Some(cells) = buf.content.get(r) {
            out.extend_from_slice(cells);
        }
    }
    out
}

fn copy_in(cells: &[Cell], area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    for (r, from) in rows(area, buf).zip(cells.chunks(width.max(1))) {
        if let Some(to) = buf.content.get_mut(r) {
            to.clone_from_slice(from);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

    fn para(text: &str) -> Paragraph<'static> {
        Paragraph::new(Line::raw(text.to_owned()))
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL))
    }

    /// Draws `text` into `area` through the cache, in a fresh frame.
    fn frame(cache: &mut PaneCache, text: &str, area: Rect, drawn: &mut usize) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 8));
        cache.draw(0, para(text), area, &mut buf, |p, b| {
            *drawn += 1;
            p.render(area, b);
        });
        buf
    }

    #[test]
    fn a_cached_pane_equals_a_fresh_drawing_and_a_change_draws_again() {
        let mut cache = PaneCache::default();
        let mut drawn = 0;
        let area = Rect::new(2, 1, 20, 5);
        let fresh = |text: &str, area: Rect| {
            let mut buf = Buffer::empty(Rect::new(0, 0, 30, 8));
            para(text).render(area, &mut buf);
            buf
        };
        let a = "de klant wil een nieuwe jas";
        assert_eq!(frame(&mut cache, a, area, &mut drawn), fresh(a, area));
        assert_eq!(frame(&mut cache, a, area, &mut drawn), fresh(a, area));
        assert_eq!(drawn, 1, "the second frame copies");
        let b = "de klant wil zijn geld terug";
        assert_eq!(frame(&mut cache, b, area, &mut drawn), fresh(b, area));
        assert_eq!(drawn, 2, "another text draws again");
        let moved = Rect::new(3, 1, 20, 5);
        assert_eq!(frame(&mut cache, b, moved, &mut drawn), fresh(b, moved));
        assert_eq!(drawn, 3, "another place draws again");
        cache.clear();
        assert_eq!(frame(&mut cache, b, moved, &mut drawn), fresh(b, moved));
        assert_eq!(drawn, 4);
    }

    #[test]
    fn an_area_outside_the_buffer_is_cut_and_an_empty_one_draws_nothing() {
        let mut cache = PaneCache::default();
        let mut drawn = 0;
        let big = Rect::new(20, 4, 20, 10);
        let first = frame(&mut cache, "x", big, &mut drawn);
        assert_eq!(frame(&mut cache, "x", big, &mut drawn), first);
        assert_eq!(drawn, 1);
        frame(&mut cache, "x", Rect::new(40, 40, 5, 5), &mut drawn);
        assert_eq!(drawn, 1);
    }
}
