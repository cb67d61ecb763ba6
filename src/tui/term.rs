//! The one terminal session every screen runs in: raw mode and the
//! alternate screen, bracketed paste (and mouse capture when asked), one
//! input thread, and the signals that mean "save and stop" (SIGHUP,
//! SIGTERM, SIGINT). The call screen, the practice screen and the picker
//! share it, so no key is lost between screens and the terminal is
//! restored the same way everywhere (also on a panic, and when dropped).
//!
//! The session never aborts the process when the window is gone: nothing
//! here prints to the terminal while restoring it. (`ratatui::try_init`'s
//! panic hook and `Terminal`'s `Drop` print "Failed to show the cursor" to a
//! terminal that is gone; that print panics, inside the panic hook it
//! aborts — SIGABRT, and a core dump would carry the notes outside the data
//! directory.)

mod backend;
pub mod frames;

use anyhow::Context as _;
pub use backend::Quiet;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    KeyEvent, MouseEvent,
};
use ratatui::crossterm::execute;
use ratatui::{Frame, Terminal};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// What the terminal and the signals say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A key.
    Key(KeyEvent),
    /// Bracketed paste.
    Paste(String),
    /// A mouse event (only with mouse capture).
    Mouse(MouseEvent),
    /// The terminal was resized.
    Resize(u16, u16),
    /// SIGHUP, SIGTERM, SIGINT, or the input ended: save and stop.
    Hangup,
}

/// What waiting for a message gave.
#[derive(Debug)]
pub enum Received<M> {
    /// A message.
    Msg(M),
    /// Nothing came in time.
    Timeout,
    /// Every sender is gone.
    Closed,
}

/// An open terminal session delivering messages of type `M` (anything an
/// [`Input`] converts into; other threads may send more through
/// [`Session::sender`]). The terminal is restored when it is dropped.
pub struct Session<M> {
    /// Never dropped: its `Drop` prints to a terminal that may be gone.
    terminal: std::mem::ManuallyDrop<Screen>,
    rx: Receiver<M>,
    tx: Sender<M>,
    mouse: bool,
    /// The frames of [`Session::draw_changed`], once it drew.
    frames: Option<frames::Frames>,
}

impl<M: From<Input> + Send + 'static> Session<M> {
    /// Takes over the terminal; `mouse` turns on mouse capture.
    pub fn open(mouse: bool) -> anyhow::Result<Session<M>> {
        Session::open_ready(mouse, None)
    }

    /// [`Session::open`] with the terminal and frames of `ready`, when
    /// given (see [`Ready`]).
    pub fn open_ready(mouse: bool, ready: Option<Ready>) -> anyhow::Result<Session<M>> {
        let (tx, rx) = mpsc::channel();
        spawn_signals(tx.clone())?;
        install_panic_cleanup();
        let (terminal, frames) = match ready {
            Some(r) => {
                enter().context("cannot open the terminal")?;
                (r.terminal, Some(r.frames))
            }
            None => (open_terminal().context("cannot open the terminal")?, None),
        };
        // Best effort: terminals without mouse or paste support ignore these.
        enable(mouse);
        spawn_input(tx.clone(), terminal.backend().resized_flag());
        Ok(Session {
            terminal: std::mem::ManuallyDrop::new(terminal),
            rx,
            tx,
            mouse,
            frames,
        })
    }
}

/// A screen's terminal and frames made before the terminal is taken over,
/// while the agent reads a question: the few hundred kilobytes of cells
/// are then in place when the screen opens, and a rehearsal frame has
/// laid out and drawn what the first real frame shows. Nothing is written
/// to the terminal until [`Session::open_ready`].
pub struct Ready {
    terminal: Screen,
    frames: frames::Frames,
}

impl Ready {
    /// For the terminal's present size (a resize before the screen opens
    /// only costs the frames: the first frame then makes new ones).
    pub fn new() -> std::io::Result<Ready> {
        let terminal = Terminal::new(Quiet::new(std::io::stdout()))?;
        let size = terminal.size()?;
        let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
        Ok(Ready {
            terminal,
            frames: frames::Frames::new(area),
        })
    }

    /// The frames' size as (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        let area = self.frames.next.area;
        (area.width, area.height)
    }

    /// Draws a frame that is never shown, as [`Session::draw_changed`]'s
    /// first frame would (caches the screen keeps are filled by it), then
    /// empties the frame again.
    pub fn rehearse(&mut self, render: impl FnOnce(&mut ratatui::buffer::Buffer, bool) -> Drawn) {
        let _ = render(&mut self.frames.next, true);
        self.frames.next.reset();
    }
}

impl<M> Session<M> {
    /// A sender for other threads (the playbook watcher).
    pub fn sender(&self) -> Sender<M> {
        self.tx.clone()
    }

    /// The terminal's size as (columns, rows) (as last asked: a resize
    /// makes the next frame ask again).
    pub fn size(&self) -> Option<(u16, u16)> {
        self.terminal.size().ok().map(|s| (s.width, s.height))
    }

    /// Draws a frame. An error means the terminal is gone.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> std::io::Result<()> {
        if self.frames.take().is_some() {
            // `draw_changed` drew last: ratatui's idea of the screen is old.
            let size = self.terminal.size()?;
            self.terminal
                .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        }
        self.terminal.draw(render).map(|_| ())
    }

    /// Draws a frame that keeps the last one where nothing changed.
    /// `render` gets the frame's buffer and whether it is empty (a first
    /// frame, a resize, after a suspend); otherwise the buffer holds the
    /// last frame. It returns where the terminal's cursor goes and the
    /// areas it drew (`None`: anything may have changed); only those are
    /// compared with the screen. An error means the terminal is gone.
    pub fn draw_changed(
        &mut self,
        render: impl FnOnce(&mut ratatui::buffer::Buffer, bool) -> Drawn,
    ) -> std::io::Result<()> {
        use ratatui::backend::Backend as _;
        let size = self.terminal.backend().size()?;
        let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
        let backend = self.terminal.backend_mut();
        let frames = match &mut self.frames {
            Some(f) if f.shown.area == area => f,
            place => place.insert(frames::Frames::new(area)),
        };
        if frames.fresh {
            // A new screen: clear it and draw everything.
            backend.clear()?;
        }
        let fresh = std::mem::replace(&mut frames.fresh, false);
        let drawn = render(&mut frames.next, fresh);
        frames.send(drawn.areas.as_deref(), |cells| backend.draw(cells))?;
        match drawn.cursor {
            None => backend.hide_cursor()?,
            Some(at) => {
                backend.show_cursor()?;
                backend.set_cursor_position(at)?;
            }
        }
        ratatui::backend::Backend::flush(backend)
    }

    /// The next message; `None` when every sender is gone.
    pub fn recv(&self) -> Option<M> {
        self.rx.recv().ok()
    }

    /// The next message within `wait`.
    pub fn recv_timeout(&self, wait: Duration) -> Received<M> {
        match self.rx.recv_timeout(wait) {
            Ok(m) => Received::Msg(m),
            Err(RecvTimeoutError::Timeout) => Received::Timeout,
            Err(RecvTimeoutError::Disconnected) => Received::Closed,
        }
    }

    /// Ctrl-Z: gives the terminal back to the shell, stops, and comes back
    /// with a full redraw when the shell continues us (`fg`). Returns the
    /// terminal's size afterwards.
    pub fn suspend(&mut self) -> Option<(u16, u16)> {
        leave();
        #[cfg(unix)]
        {
            // SIGTSTP's default action stops the process; we continue here after SIGCONT.
            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        }
        let _ = ratatui::crossterm::terminal::enable_raw_mode();
        let _ = execute!(
            std::io::stdout(),
            ratatui::crossterm::terminal::EnterAlternateScreen
        );
        enable(self.mouse);
        // The shell may have shown the cursor and moved it.
        self.terminal.backend_mut().forget();
        // `Terminal::clear` asks the terminal for the cursor position, whose
        // answer the input thread would swallow (a 2 s stall and no redraw);
        // `resize` clears and forces a full redraw without asking anything.
        let size = self.terminal.size().ok()?;
        let _ = self
            .terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height));
        // The next `draw_changed` clears and draws everything too.
        self.frames = None;
        Some((size.width, size.height))
    }
}

/// What a frame of [`Session::draw_changed`] drew.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drawn {
    /// Where the terminal's cursor goes (`None`: hidden).
    pub cursor: Option<ratatui::layout::Position>,
    /// The areas drawn; `None`: anything may have changed.
    pub areas: Option<Vec<ratatui::layout::Rect>>,
}

/// The session of the practice commands (picker and practice screen).
pub type Term = Session<Input>;

impl Session<Input> {
    /// Draws, then waits for the next key or paste (redrawing on resizes).
    /// `None` when the terminal went away or a signal asked to stop.
    pub fn next_input(&mut self, render: impl Fn(&mut Frame)) -> anyhow::Result<Option<Input>> {
        loop {
            self.draw(&render)?;
            match self.recv() {
                Some(i @ (Input::Key(_) | Input::Paste(_))) => return Ok(Some(i)),
                Some(Input::Hangup) | None => return Ok(None),
                Some(Input::Mouse(_) | Input::Resize(..)) => {}
            }
        }
    }
}

impl<M> Drop for Session<M> {
    fn drop(&mut self) {
        // Errors ignored, nothing printed: the window may be gone. The
        // terminal itself is never dropped (see the module comment).
        let _ = self.terminal.show_cursor();
        let _ = ratatui::backend::Backend::flush(self.terminal.backend_mut());
        leave();
    }
}

/// The terminal every screen draws on: standard output through [`Quiet`].
type Screen = Terminal<Quiet<std::io::Stdout>>;

/// Raw mode, the alternate screen and a terminal on standard output, as
/// `ratatui::try_init` does but without its printing panic hook.
fn open_terminal() -> std::io::Result<Screen> {
    enter()?;
    Terminal::new(Quiet::new(std::io::stdout()))
}

/// Raw mode and the alternate screen.
fn enter() -> std::io::Result<()> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )
}

fn enable(mouse: bool) {
    if mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    } else {
        let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    }
}

/// Restores the terminal; harmless when it is already restored or gone.
fn leave() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    // `restore` would print (and so panic) when the terminal is gone.
    let _ = ratatui::try_restore();
}

/// Makes a panic restore the terminal first (mouse capture, bracketed
/// paste, raw mode, the screen), printing nothing while doing so; the
/// previous hook then reports the panic.
fn install_panic_cleanup() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// The input thread: every terminal event becomes a message. A read error
/// (the terminal is gone) is a hang-up, and the thread stops reading, so a
/// closed terminal never leaves the process spinning.
fn spawn_input<M: From<Input> + Send + 'static>(
    tx: Sender<M>,
    resized: std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    std::thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(event::Event::Key(k)) => Input::Key(k),
                Ok(event::Event::Paste(s)) => Input::Paste(s),
                Ok(event::Event::Mouse(m)) => Input::Mouse(m),
                Ok(event::Event::Resize(w, h)) => {
                    // Before the message: the redraw it causes asks the size again.
                    resized.store(true, std::sync::atomic::Ordering::Release);
                    Input::Resize(w, h)
                }
                Ok(_) => continue,
                Err(_) => {
                    let _ = tx.send(M::from(Input::Hangup));
                    return;
                }
            };
            if tx.send(M::from(input)).is_err() {
                return;
            }
        }
    });
}

fn spawn_signals<M: From<Input> + Send + 'static>(tx: Sender<M>) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])
            .context("cannot install signal handlers")?;
        std::thread::spawn(move || {
            for _ in signals.forever() {
                if tx.send(M::from(Input::Hangup)).is_err() {
                    return;
                }
            }
        });
    }
    #[cfg(not(unix))]
    let _ = tx;
    Ok(())
}
