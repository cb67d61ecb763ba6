//! The terminal backend of every screen: crossterm's, writing a frame with
//! one `write` and leaving out what would change nothing.
//!
//! ratatui's `CrosstermBackend` on standard output flushes after every
//! cursor command (`execute!`) and its line-buffered writer passes a large
//! frame on in 1 KiB pieces, so one frame took several `write`s; and a
//! redraw whose buffer equals the last frame still sent the colour and
//! attribute resets and the cursor's hide or show. [`Quiet`] queues into
//! memory and hands the frame to the terminal in one `write_all` at
//! [`Backend::flush`]; an empty diff draws nothing, and the cursor is
//! hidden, shown or moved only when that changes something. A redraw of an
//! unchanged screen therefore writes no byte at all (`tools/latency.py`
//! counts late bytes as part of the first frame, and a terminal emulator
//! repaints for each one).

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::io::Write;

/// crossterm's backend over an in-memory queue, flushed to `out` (see the
/// module documentation).
pub struct Quiet<W: Write> {
    /// crossterm's own backend, writing into the queue.
    inner: CrosstermBackend<Vec<u8>>,
    /// Where a frame goes at `flush`.
    out: W,
    /// Whether the terminal's cursor is hidden; `None`: unknown.
    hidden: Option<bool>,
    /// Where the terminal's cursor is; `None`: unknown (drawing moved it).
    at: Option<Position>,
    /// The terminal's size as last asked (crossterm opens `/dev/tty` for
    /// every question, and ratatui asks before every frame).
    size: std::cell::Cell<Option<Size>>,
    /// Set when the terminal was resized: the next `size` asks again.
    resized: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl<W: Write> Quiet<W> {
    /// A backend writing to `out` (standard output in the program).
    pub fn new(out: W) -> Quiet<W> {
        Quiet {
            inner: CrosstermBackend::new(Vec::with_capacity(16 * 1024)),
            out,
            hidden: None,
            at: None,
            size: std::cell::Cell::new(None),
            resized: std::sync::Arc::default(),
        }
    }

    /// A flag to set when the terminal is resized (the input thread sets
    /// it before it passes the resize on, so the redraw sees the new size).
    pub fn resized_flag(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        std::sync::Arc::clone(&self.resized)
    }

    /// Forgets what the terminal shows (after giving it back to the shell).
    pub fn forget(&mut self) {
        self.hidden = None;
        self.at = None;
        self.size.set(None);
    }

    /// The bytes queued and not yet flushed (tests).
    #[cfg(test)]
    fn queued(&self) -> &[u8] {
        self.inner.writer()
    }

    /// The writer the frames went to (tests).
    #[cfg(test)]
    fn out(&self) -> &W {
        &self.out
    }
}

impl<W: Write> Backend for Quiet<W> {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        if content.peek().is_none() {
            // Nothing changed: not even the colour resets.
            return Ok(());
        }
        self.at = None;
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> std::io::Result<()> {
        if self.hidden != Some(true) {
            self.inner.hide_cursor()?;
            self.hidden = Some(true);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> std::io::Result<()> {
        if self.hidden != Some(false) {
            self.inner.show_cursor()?;
            self.hidden = Some(false);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> std::io::Result<Position> {
        self.flush()?;
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> std::io::Result<()> {
        let position = position.into();
        if self.at != Some(position) {
            self.inner.set_cursor_position(position)?;
            self.at = Some(position);
        }
        Ok(())
    }

    fn clear(&mut self) -> std::io::Result<()> {
        self.at = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> std::io::Result<()> {
        self.at = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> std::io::Result<Size> {
        let resized = self
            .resized
            .swap(false, std::sync::atomic::Ordering::AcqRel);
        if let (false, Some(size)) = (resized, self.size.get()) {
            return Ok(size);
        }
        let size = self.inner.size()?;
        self.size.set(Some(size));
        Ok(size)
    }

    fn window_size(&mut self) -> std::io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn append_lines(&mut self, n: u16) -> std::io::Result<()> {
        self.at = None;
        self.inner.append_lines(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let queued = self.inner.writer_mut();
        if queued.is_empty() {
            return Ok(());
        }
        let result = self.out.write_all(queued).and_then(|()| self.out.flush());
        queued.clear();
        if result.is_err() {
            // Whatever reached the terminal is unknown now.
            self.forget();
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::layout::Rect;
    use ratatui::widgets::Paragraph;

    /// A writer counting its `write` calls.
    #[derive(Default)]
    struct Counting {
        bytes: Vec<u8>,
        writes: usize,
    }

    impl Write for Counting {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.writes += 1;
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn terminal() -> Terminal<Quiet<Counting>> {
        let backend = Quiet::new(Counting::default());
        Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, 20, 3)),
            },
        )
        .unwrap()
    }

    fn written(t: &Terminal<Quiet<Counting>>) -> (usize, usize) {
        (t.backend().out().bytes.len(), t.backend().out().writes)
    }

    #[test]
    fn a_frame_is_one_write_and_an_unchanged_redraw_writes_nothing() {
        let mut t = terminal();
        let (bytes0, writes0) = written(&t);
        t.draw(|f| f.render_widget(Paragraph::new("hello\nworld"), f.area()))
            .unwrap();
        let (bytes1, writes1) = written(&t);
        assert!(bytes1 > bytes0);
        assert_eq!(writes1, writes0 + 1, "one write per frame");
        let text = String::from_utf8_lossy(&t.backend().out().bytes[bytes0..]).into_owned();
        assert!(text.contains("hello") && text.contains("world"));
        assert!(text.contains("\u{1b}[?25l"), "the cursor hidden once");
        // The same frame again: no byte.
        t.draw(|f| f.render_widget(Paragraph::new("hello\nworld"), f.area()))
            .unwrap();
        assert_eq!(written(&t), (bytes1, writes1));
        assert!(t.backend().queued().is_empty());
        // A changed cell: only it (and the resets), and no second hide.
        t.draw(|f| f.render_widget(Paragraph::new("hellO\nworld"), f.area()))
            .unwrap();
        let (bytes2, writes2) = written(&t);
        assert_eq!(writes2, writes1 + 1);
        let text = String::from_utf8_lossy(&t.backend().out().bytes[bytes1..]).into_owned();
        assert!(text.contains('O') && !text.contains("world"));
        assert!(!text.contains("\u{1b}[?25l"));
        assert!(bytes2 - bytes1 < 40, "{text:?}");
    }

    #[test]
    fn a_visible_cursor_is_moved_only_when_it_moves_or_a_frame_moved_it() {
        let mut t = terminal();
        let draw = |t: &mut Terminal<Quiet<Counting>>, s: &'static str, at: (u16, u16)| {
            t.draw(|f| {
                f.render_widget(Paragraph::new(s), f.area());
                f.set_cursor_position(at);
            })
            .unwrap();
        };
        draw(&mut t, "abc", (3, 0));
        let (bytes1, _) = written(&t);
        let text = String::from_utf8_lossy(&t.backend().out().bytes).into_owned();
        assert!(text.contains("\u{1b}[?25h") && text.ends_with("\u{1b}[1;4H"));
        // Nothing changed, the cursor stays: nothing written.
        draw(&mut t, "abc", (3, 0));
        assert_eq!(written(&t).0, bytes1);
        // The cursor moves alone: only the move.
        draw(&mut t, "abc", (1, 1));
        let text = String::from_utf8_lossy(&t.backend().out().bytes[bytes1..]).into_owned();
        assert_eq!(text, "\u{1b}[2;2H");
        let (bytes2, _) = written(&t);
        // A cell changes: drawing moved the terminal's cursor, so it is put back.
        draw(&mut t, "abcd", (1, 1));
        let text = String::from_utf8_lossy(&t.backend().out().bytes[bytes2..]).into_owned();
        assert!(
            text.contains('d') && text.ends_with("\u{1b}[2;2H"),
            "{text:?}"
        );
        assert!(!text.contains("\u{1b}[?25h"));
    }

    #[test]
    fn after_forget_the_cursor_state_is_sent_again() {
        let mut t = terminal();
        t.draw(|f| f.render_widget(Paragraph::new("x"), f.area()))
            .unwrap();
        let (bytes1, _) = written(&t);
        t.backend_mut().forget();
        t.draw(|f| f.render_widget(Paragraph::new("x"), f.area()))
            .unwrap();
        let text = String::from_utf8_lossy(&t.backend().out().bytes[bytes1..]).into_owned();
        assert_eq!(text, "\u{1b}[?25l");
    }
}
