//! The call screen's event loop: the thin shell around [`update`] and
//! [`draw`], in the shared terminal [`Session`].
//!
//! One channel carries every message: an input thread (crossterm events),
//! a signal thread (SIGHUP, SIGTERM, SIGINT → save and quit) and the
//! playbook file watcher feed it. The loop updates the app, runs the
//! effects, and redraws only after a message; it wakes once a second only
//! while a timer is on screen, and otherwise sleeps until something
//! happens. A read error or end of input counts as a hang-up, so a closed
//! terminal never leaves the process spinning.

use super::saver::Saver;
use super::state::{App, Effect, Msg};
use super::update::update;
use super::view::draw_changed;
use crate::engine::Timestamp;
use crate::store::{CallSink, Rescue};
use crate::tui::term::{Input, Ready, Received, Session};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
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
    /// Live transcript sources, each read on its own thread.
    pub transcripts: Vec<crate::transcript::SourceSpec>,
    /// The data directory to sync to the team database (in a background
    /// process) once a call's end is saved; `None` never syncs.
    pub sync_dir: Option<PathBuf>,
    /// Sends the call's live status to the team (a background thread);
    /// `None` without a team database or with `team.live: false`.
    pub live: Option<crate::team::live::send::Sender>,
}

/// Runs the call screen until the agent quits or the terminal goes away.
/// `first` are the effects of opening the call (e.g. its `Started` event).
/// `sink` works on a saver thread while the screen runs (see
/// [`super::saver`]); every save handed to it is done when this returns.
/// `ready`: the screen made ready beforehand (see [`prepare`]).
pub fn run(
    app: &mut App,
    first: Vec<Effect>,
    sink: &mut (dyn CallSink + Send),
    opts: &Options,
    ready: Option<Ready>,
) -> anyhow::Result<()> {
    let mut session = Session::<Msg>::open_ready(true, ready)?;
    let _watcher = opts
        .watch
        .as_deref()
        .and_then(|p| watch(p, session.sender()));
    for (i, spec) in opts.transcripts.iter().enumerate() {
        crate::transcript::spawn(i, spec.clone(), session.sender(), now_ms);
    }
    let result = std::thread::scope(|scope| {
        let status = app.save_status.clone();
        let mut saver = Saver::spawn(scope, &mut *sink, session.sender(), status);
        // The saver ends (after its last job) when `saver` is dropped here.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            event_loop(&mut session, app, first, &mut saver, opts)
        }))
    });
    drop(session);
    match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            // Whatever went wrong, the notes are saved before we give up.
            let text = app.notes_text();
            let text = super::mask::notes_for_store(app, &text);
            sink.save_notes(&text, now_ms());
            Err(e)
        }
        Err(_) => {
            // The panic message is already printed by the hook; keep the notes.
            let text = app.notes_text();
            let text = super::mask::notes_for_store(app, &text);
            sink.save_notes(&text, now_ms());
            anyhow::bail!("internal error; your notes were saved")
        }
    }
}

/// The call screen of `app` made ready before it opens, while the agent
/// reads the resume question: its frames, and a rehearsal of the first
/// frame (layout and panes; the panes whose content stays the same are
/// copied, not drawn again, when the screen opens). `None` when the
/// terminal's size cannot be read; the screen then starts as usual.
pub fn prepare(app: &mut App) -> Option<Ready> {
    let mut ready = Ready::new().ok()?;
    // As the first message of the screen will (a size is all it sets).
    app.size = ready.size();
    ready.rehearse(|buf, fresh| draw_changed(app, buf, fresh));
    Some(ready)
}

impl From<crate::transcript::Report> for Msg {
    fn from(r: crate::transcript::Report) -> Msg {
        Msg::Transcript(r)
    }
}

impl From<Input> for Msg {
    fn from(input: Input) -> Msg {
        match input {
            Input::Key(k) => Msg::Key(k),
            Input::Paste(s) => Msg::Paste(s),
            Input::Mouse(m) => Msg::Mouse(m),
            Input::Resize(w, h) => Msg::Resize(w, h),
            Input::Hangup => Msg::Hangup,
        }
    }
}

fn event_loop(
    session: &mut Session<Msg>,
    app: &mut App,
    first: Vec<Effect>,
    sink: &mut Saver,
    opts: &Options,
) -> anyhow::Result<()> {
    if let Some((w, h)) = session.size() {
        update(app, Msg::Resize(w, h), now_ms());
    }
    // The first frame before the first effects: opening the recorder's
    // connection and storing the call's start (an fsync) must not keep the
    // screen waiting. A failed draw shows up again in the loop below.
    let _ = session.draw_changed(|buf, fresh| draw_changed(app, buf, fresh));
    let mut quit = run_effects(session, app, first, sink, opts) != End::Stay;
    while !quit {
        if let Some(live) = &opts.live {
            // The team's live view: a comparison unless something changed; never waits.
            live.offer(app.state.live_status(&app.setup.playbook, now_ms()));
        }
        // A failed draw means the terminal is gone (window closed before the
        // hang-up signal arrived): treat it as the hang-up — save and end.
        let msg = match session.draw_changed(|buf, fresh| draw_changed(app, buf, fresh)) {
            Ok(()) => next_message(app, session),
            Err(_) => Msg::Hangup,
        };
        let hangup = matches!(msg, Msg::Hangup);
        if hangup {
            // Keys typed just before the hang-up may still be on their way
            // from the terminal: take them into the notes before saving.
            for late in late_input(session) {
                let fx = update(app, late, now_ms());
                run_effects(session, app, fx, sink, opts);
            }
        }
        let fx = update(app, msg, now_ms());
        let end = run_effects(session, app, fx, sink, opts);
        quit = end != End::Stay;
        // Never quit with something saved nowhere without trying every
        // place and, if none works, the agent's say-so (the box of
        // unsaved notes offers a copy first). A closed window cannot ask.
        if end == End::Quit && !hangup && sink.unsaved() {
            quit = try_rescue(app, sink);
        }
    }
    Ok(())
}

/// Tries once more to get unsaved data onto disk (database, journal or an
/// emergency file); when nothing works, opens the box of unsaved notes.
/// Returns true when the program may end.
fn try_rescue(app: &mut App, sink: &mut Saver) -> bool {
    match sink.rescue() {
        Rescue::NotNeeded | Rescue::Saved(_) | Rescue::Written(_) => true,
        Rescue::Nowhere(reason) => {
            update(app, Msg::Unsaved(reason), now_ms());
            false
        }
    }
}

/// Typing that arrives within a moment after a hang-up (at most 300 ms in
/// all, 40 ms of silence ends it).
fn late_input(session: &Session<Msg>) -> Vec<Msg> {
    let start = std::time::Instant::now();
    let mut out = Vec::new();
    while start.elapsed() < Duration::from_millis(300) {
        match session.recv_timeout(Duration::from_millis(40)) {
            Received::Msg(m @ (Msg::Key(_) | Msg::Paste(_))) => out.push(m),
            Received::Msg(_) => {}
            Received::Timeout | Received::Closed => break,
        }
    }
    out
}

/// Waits for the next message, or a tick when a timer or deadline is due.
fn next_message(app: &App, session: &Session<Msg>) -> Msg {
    let now = now_ms();
    let tick = app.wants_tick().then(|| now + 1000 - now.rem_euclid(1000));
    let deadline = match (tick, app.next_deadline()) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let got = match deadline {
        None => session.recv().map_or(Received::Closed, Received::Msg),
        Some(at) => {
            let wait = u64::try_from((at - now).max(1)).unwrap_or(1);
            session.recv_timeout(Duration::from_millis(wait))
        }
    };
    match got {
        Received::Msg(msg) => msg,
        Received::Timeout => Msg::Tick,
        Received::Closed => Msg::Hangup,
    }
}

/// What the effects say about going on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// Go on.
    Stay,
    /// Quit (once everything is saved somewhere, or the agent confirms).
    Quit,
    /// Quit now: everything is saved, or the agent confirmed.
    Now,
}

/// Runs effects; says whether the program should end.
fn run_effects(
    session: &mut Session<Msg>,
    app: &mut App,
    fx: Vec<Effect>,
    sink: &mut Saver,
    opts: &Options,
) -> End {
    let mut quit = End::Stay;
    let mut queue: std::collections::VecDeque<Effect> = fx.into();
    while let Some(e) = queue.pop_front() {
        // Nothing leaves unmasked (see `safety`).
        let status = match e {
            Effect::Persist(events) => {
                let events = super::mask::events_for_store(app, events);
                let status = sink.append(&events);
                if app.call_id.is_none() {
                    app.call_id = sink.call_id();
                }
                let ended = events
                    .iter()
                    .any(|e| matches!(e.kind, crate::engine::EventKind::Ended { .. }));
                if ended && let Some(dir) = &opts.sync_dir {
                    // A detached process: the screen never waits on the network.
                    crate::team::sync::spawn_background(dir);
                }
                Some(status)
            }
            // Masked on the saver thread, which reports what it masked.
            Effect::SaveNotes { text, at } => {
                Some(sink.save_text(text, at, app.pb().redact_shapes()))
            }
            Effect::Clipboard(text) => {
                osc52(&super::mask::text_for_output(app, &text));
                None
            }
            Effect::SaveFile { name, contents } => {
                let contents = super::mask::text_for_output(app, &contents);
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
                if let Some((w, h)) = session.suspend() {
                    update(app, Msg::Resize(w, h), now_ms());
                }
                // Back from the shell: restart the clocks (and store that).
                queue.extend(update(app, Msg::Continued, now_ms()));
                None
            }
            Effect::Quit => {
                quit = End::Quit;
                None
            }
            Effect::QuitUnsaved => return End::Now,
            Effect::Rescue => {
                if !sink.unsaved() || !matches!(sink.rescue(), Rescue::Nowhere(_)) {
                    return End::Now;
                }
                update(app, Msg::StillUnsaved, now_ms());
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
/// with `set-clipboard on`), through crossterm's `CopyToClipboard`.
pub(crate) fn osc52(text: &str) {
    let mut out = std::io::stdout();
    let _ = crossterm::execute!(
        out,
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    );
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
