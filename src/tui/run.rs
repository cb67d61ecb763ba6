//! The event loop: the thin shell around [`update`] and [`ui::draw`].
//!
//! One channel carries every message: an input thread (crossterm events),
//! a signal thread (SIGHUP, SIGTERM, SIGINT → save and quit) and the
//! playbook file watcher feed it. The loop updates the app, runs the
//! effects, and redraws only after a message; it wakes once a second only
//! while a timer is on screen, and otherwise sleeps until something
//! happens. A read error or end of input counts as a hang-up, so a closed
//! terminal never leaves the process spinning.

use super::app::{App, Effect, Msg, update};
use super::ui;
use crate::engine::Timestamp;
use crate::store::CallSink;
use anyhow::Context as _;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// Wall-clock milliseconds since the Unix epoch.
pub fn now_ms() -> Timestamp {
    jiff::Timestamp::now().as_millisecond()
}

/// What the loop needs besides the app.
pub struct Options {
    /// Playbook file to watch and reload, if any.
    pub watch: Option<PathBuf>,
    /// Where `s` on the summary screen writes files.
    pub save_dir: PathBuf,
}

/// Runs the call screen until the agent quits or the terminal goes away.
/// `first` are the effects of opening the call (e.g. its `Started` event).
pub fn run(
    app: &mut App,
    first: Vec<Effect>,
    sink: &mut dyn CallSink,
    opts: &Options,
) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone())?;
    let _watcher = opts.watch.as_deref().and_then(|p| watch(p, tx.clone()));
    install_panic_cleanup();
    let mut terminal = super::safety::open_terminal().context("cannot open the terminal")?;
    // Best effort: terminals without mouse or paste support ignore these.
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    spawn_input(tx);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, app, first, sink, opts, &rx)
    }));
    leave_terminal();
    // Never dropped: its `Drop` would print to a terminal that may be gone.
    super::safety::close_terminal(terminal);
    match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            // Whatever went wrong, the notes are saved before we give up.
            let text = app.notes_text();
            let text = super::safety::notes_for_store(app, &text);
            sink.save_notes(&text, now_ms());
            Err(e)
        }
        Err(_) => {
            // The panic message is already printed by the hook; keep the notes.
            let text = app.notes_text();
            let text = super::safety::notes_for_store(app, &text);
            sink.save_notes(&text, now_ms());
            anyhow::bail!("internal error; your notes were saved")
        }
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    first: Vec<Effect>,
    sink: &mut dyn CallSink,
    opts: &Options,
    rx: &Receiver<Msg>,
) -> anyhow::Result<()> {
    if let Ok(size) = terminal.size() {
        update(app, Msg::Resize(size.width, size.height), now_ms());
    }
    let mut quit = run_effects(terminal, app, first, sink, opts);
    while !quit {
        // A failed draw means the terminal is gone (window closed before the
        // hang-up signal arrived): treat it as the hang-up — save and end.
        let msg = match terminal.draw(|f| ui::draw(f, app)) {
            Ok(_) => next_message(app, rx),
            Err(_) => Msg::Hangup,
        };
        let hangup = matches!(msg, Msg::Hangup);
        if hangup {
            // Keys typed just before the hang-up may still be on their way
            // from the terminal: take them into the notes before saving.
            for late in late_input(rx) {
                let fx = update(app, late, now_ms());
                run_effects(terminal, app, fx, sink, opts);
            }
        }
        let fx = update(app, msg, now_ms());
        quit = run_effects(terminal, app, fx, sink, opts);
        // Never quit with notes saved nowhere without trying everything
        // and, if that fails, the agent's say-so.
        if quit && sink.unsaved() {
            quit = super::safety::before_quit(terminal, app, sink, rx, hangup);
        }
    }
    Ok(())
}

/// Typing that arrives within a moment after a hang-up (at most 300 ms in
/// all, 40 ms of silence ends it).
fn late_input(rx: &Receiver<Msg>) -> Vec<Msg> {
    let start = std::time::Instant::now();
    let mut out = Vec::new();
    while start.elapsed() < Duration::from_millis(300) {
        match rx.recv_timeout(Duration::from_millis(40)) {
            Ok(m @ (Msg::Key(_) | Msg::Paste(_))) => out.push(m),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    out
}

/// Waits for the next message, or a tick when a timer or deadline is due.
fn next_message(app: &App, rx: &Receiver<Msg>) -> Msg {
    let now = now_ms();
    let tick = app.wants_tick().then(|| now + 1000 - now.rem_euclid(1000));
    let deadline = match (tick, app.next_deadline()) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let got = match deadline {
        None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        Some(at) => {
            let wait = u64::try_from((at - now).max(1)).unwrap_or(1);
            rx.recv_timeout(Duration::from_millis(wait))
        }
    };
    match got {
        Ok(msg) => msg,
        Err(RecvTimeoutError::Timeout) => Msg::Tick,
        Err(RecvTimeoutError::Disconnected) => Msg::Hangup,
    }
}

/// Runs effects; returns true when the program should end.
fn run_effects(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    fx: Vec<Effect>,
    sink: &mut dyn CallSink,
    opts: &Options,
) -> bool {
    let mut quit = false;
    let mut queue: std::collections::VecDeque<Effect> = fx.into();
    while let Some(e) = queue.pop_front() {
        // Nothing leaves unmasked (see `safety`).
        let status = match e {
            Effect::Persist(events) => {
                let events = super::safety::events_for_store(app, events);
                Some(sink.append(&events))
            }
            Effect::SaveNotes { text, at } => {
                let text = super::safety::notes_for_store(app, &text);
                Some(sink.save_notes(&text, at))
            }
            Effect::Clipboard(text) => {
                osc52(&super::safety::text_for_output(app, &text));
                None
            }
            Effect::SaveFile { name, contents } => {
                let contents = super::safety::text_for_output(app, &contents);
                let msg = match save_file(&opts.save_dir, &name, &contents) {
                    Ok(path) => app
                        .words()
                        .saved_to
                        .replace("{path}", &path.display().to_string()),
                    Err(e) => format!("{}: {e}", app.words().not_now),
                };
                update(app, Msg::Info(msg), now_ms());
                None
            }
            Effect::Suspend => {
                suspend(terminal, app);
                // Back from the shell: restart the clocks (and store that).
                queue.extend(update(app, Msg::Continued, now_ms()));
                None
            }
            Effect::Quit => {
                quit = true;
                None
            }
        };
        if let Some(s) = status
            && s != app.save_status
        {
            update(app, Msg::SaveResult(s), now_ms());
        }
    }
    quit
}

/// Copies `text` to the clipboard with OSC 52 (works over SSH and in tmux
/// with `set-clipboard on`).
pub(crate) fn osc52(text: &str) {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b]52;c;{b64}\x07");
    let _ = out.flush();
}

/// Writes `contents` to `dir/name` (mode 0600), never overwriting: a
/// number is added to the name when it exists.
fn save_file(dir: &Path, name: &str, contents: &str) -> std::io::Result<PathBuf> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        // Exports hold personal data: private like the rest of the data directory.
        builder.mode(0o700);
    }
    builder.create(dir)?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "txt"));
    for n in 0..1000 {
        let file = if n == 0 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(file);
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(&path) {
            Ok(mut f) => {
                f.write_all(contents.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many files with that name"))
}

/// Ctrl-Z: give the terminal back to the shell, stop, and come back with a
/// full redraw when the shell continues us (`fg`).
fn suspend(terminal: &mut DefaultTerminal, app: &mut App) {
    leave_terminal();
    #[cfg(unix)]
    {
        // Default action of SIGTSTP stops the process; we continue here after SIGCONT.
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    }
    let _ = ratatui::crossterm::terminal::enable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    );
    // `Terminal::clear` asks the terminal for the cursor position, whose
    // answer the input thread would swallow (a 2 s stall and no redraw);
    // `resize` clears and forces a full redraw without asking anything.
    if let Ok(size) = terminal.size() {
        let _ = terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height));
        update(app, Msg::Resize(size.width, size.height), now_ms());
    }
}

fn leave_terminal() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    // `restore` would print (and so panic) when the terminal is gone.
    let _ = ratatui::try_restore();
}

/// Makes a panic also switch off mouse capture and bracketed paste (the
/// hook `ratatui::try_init` installs on top restores raw mode and the screen).
fn install_panic_cleanup() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste
        );
        previous(info);
    }));
}

pub(crate) fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(k)) => Msg::Key(k),
                Ok(Event::Paste(s)) => Msg::Paste(s),
                Ok(Event::Mouse(m)) => Msg::Mouse(m),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(_) => continue,
                Err(_) => {
                    // The terminal is gone: same as a hang-up; stop reading.
                    let _ = tx.send(Msg::Hangup);
                    return;
                }
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
}

pub(crate) fn spawn_signals(tx: Sender<Msg>) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])
            .context("cannot install signal handlers")?;
        std::thread::spawn(move || {
            for _ in signals.forever() {
                if tx.send(Msg::Hangup).is_err() {
                    return;
                }
            }
        });
    }
    Ok(())
}

/// Watches the playbook file's directory (editors often replace the file)
/// and reloads it when it changes.
fn watch(path: &Path, tx: Sender<Msg>) -> Option<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let file = path.to_path_buf();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = file.file_name().map(|n| n.to_os_string());
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        let ours = ev
            .paths
            .iter()
            .any(|p| p.file_name().map(|n| n.to_os_string()) == name);
        if !ours || ev.kind.is_access() {
            return;
        }
        let msg = match crate::load::load_playbook_file(&file) {
            Ok(pb) => Msg::PlaybookReloaded(Box::new(pb)),
            Err(diags) => Msg::ReloadFailed(
                diags
                    .first()
                    .map(|d| d.to_string().lines().next().unwrap_or_default().to_owned())
                    .unwrap_or_default(),
            ),
        };
        let _ = tx.send(msg);
    })
    .ok()?;
    watcher.watch(&dir, RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}
