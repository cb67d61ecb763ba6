//! The terminal session of the practice commands: raw mode and the
//! alternate screen, one input thread and signal handling (the call
//! screen's, see `tui::run`), shared by the scenario picker and the
//! practice screen so no key is lost between them.

use crate::tui::app::Msg;
use anyhow::Context as _;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, KeyEvent};
use ratatui::crossterm::execute;
use ratatui::{DefaultTerminal, Frame};
use std::sync::mpsc::Receiver;

/// What the trainee did.
pub enum Input {
    /// A key.
    Key(KeyEvent),
    /// Pasted text.
    Paste(String),
}

/// An open terminal; restored when dropped.
pub struct Term {
    /// Never dropped (see `tui::safety::close_terminal`).
    terminal: std::mem::ManuallyDrop<DefaultTerminal>,
    rx: Receiver<Msg>,
}

impl Term {
    /// Takes over the terminal.
    pub fn open() -> anyhow::Result<Term> {
        let (tx, rx) = std::sync::mpsc::channel::<Msg>();
        crate::tui::run::spawn_signals(tx.clone())?;
        let terminal = crate::tui::safety::open_terminal().context("cannot open the terminal")?;
        let _ = execute!(std::io::stdout(), EnableBracketedPaste);
        crate::tui::run::spawn_input(tx);
        Ok(Term {
            terminal: std::mem::ManuallyDrop::new(terminal),
            rx,
        })
    }

    /// Draws, then waits for the next key or paste (redrawing on resizes).
    /// `None` when the terminal went away or a signal asked to stop.
    pub fn next(&mut self, draw: impl Fn(&mut Frame)) -> anyhow::Result<Option<Input>> {
        loop {
            self.terminal.draw(&draw)?;
            match self.rx.recv() {
                Ok(Msg::Key(k)) => return Ok(Some(Input::Key(k))),
                Ok(Msg::Paste(s)) => return Ok(Some(Input::Paste(s))),
                Ok(Msg::Hangup) | Err(_) => return Ok(None),
                // Resizes just redraw; the call screen's other messages don't occur here.
                Ok(_) => {}
            }
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        // Printing nothing: the terminal may be gone.
        let _ = self.terminal.show_cursor();
        let _ = ratatui::try_restore();
    }
}
