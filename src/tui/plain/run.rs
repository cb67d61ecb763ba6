//! Line mode's loop: standard input read line by line (the terminal stays
//! in cooked mode, so the terminal's own line editing and echo work), the
//! signals that mean "save and stop", a tick once a second while a nudge
//! may become due, and the effects run against the same store as the full
//! screen. Ctrl-Z stops the clocks before the process stops, as on the
//! full screen. End of input (Ctrl-D) leaves like `/quit`: the notes are saved
//! and an open call stays open to resume.

use super::announce::{self, Seen};
use super::parse::{Cmd, Line, parse};
use super::session::{Reply, on_line};
use crate::engine::{Command, Timestamp};
use crate::store::{CallSink, Rescue};
use crate::tui::call::run::{Options, now_ms};
use crate::tui::call::{App, Effect, Msg, mask, update};
use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// What arrives from outside.
enum Input {
    /// A typed line, without its line end.
    Line(String),
    /// Standard input ended (Ctrl-D, or the pipe closed).
    Eof,
    /// SIGHUP, SIGTERM or SIGINT: save and stop.
    Hangup,
    /// Ctrl-Z (SIGTSTP): stop the clocks, then stop until `fg`.
    Suspend,
}

/// Runs the call in line mode until the agent leaves or input ends.
/// `first` are the effects of opening the call. `opts` is the full
/// screen's: line mode sends the live status to the team as it does, but
/// watches no playbook file and reads no transcript.
pub fn run(
    app: &mut App,
    first: Vec<Effect>,
    sink: &mut dyn CallSink,
    opts: &Options,
) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone())?;
    spawn_stdin(tx);
    let mut out = Out {
        prompt: std::io::stdin().is_terminal(),
        at_prompt: false,
    };
    let mut seen = Seen::default();
    out.say(&[announce::words(app).intro.to_owned()]);
    if !opts.transcripts.is_empty() {
        out.say(&[announce::words(app).no_transcript.to_owned()]);
    }
    let mut quit = apply(app, first, sink);
    out.say(&announce::changes(app, &mut seen));
    out.show_prompt(app);
    while !quit {
        if let Some(live) = &opts.live {
            // The team's live view, as from the full screen; never waits.
            live.offer(app.state.live_status(&app.setup.playbook, now_ms()));
        }
        let now = now_ms();
        let reply = match next(app, &rx, now) {
            Some(Input::Line(text)) => {
                // The terminal echoed the line and its Enter.
                out.at_prompt = false;
                on_line(app, parse(&text), now)
            }
            Some(Input::Eof | Input::Hangup) => on_line(app, Line::Command(Cmd::Quit), now),
            Some(Input::Suspend) => {
                out.at_prompt = false;
                Reply {
                    quit: suspend(app, sink, now),
                    ..Reply::default()
                }
            }
            None => Reply {
                effects: update(app, Msg::Tick, now),
                ..Reply::default()
            },
        };
        quit = apply(app, reply.effects, sink) || reply.quit;
        out.say(&reply.lines);
        out.say(&announce::changes(app, &mut seen));
        if quit {
            let w = announce::words(app);
            out.say(&[if app.state.is_ended() {
                w.bye_ended
            } else {
                w.bye_open
            }
            .to_owned()]);
        } else {
            out.show_prompt(app);
        }
    }
    // Saved somewhere, or the notes are shown so they are not lost.
    if sink.unsaved()
        && let Rescue::Nowhere(reason) = sink.rescue()
    {
        let w = announce::words(app);
        let mut lines = vec![w.unsaved.replace("{reason}", &reason)];
        lines.extend(app.notes_text().lines().map(crate::text::sanitize_line));
        out.say(&lines);
    }
    Ok(())
}

/// Standard output as lines; write errors are ignored (the terminal may be
/// gone, and then there is no one to tell).
struct Out {
    /// Show a prompt (only when a person types on a terminal).
    prompt: bool,
    /// The prompt is the last thing on the line.
    at_prompt: bool,
}

impl Out {
    fn say(&mut self, lines: &[String]) {
        if lines.is_empty() {
            return;
        }
        let mut text = String::new();
        if self.at_prompt {
            text.push('\n');
        }
        for l in lines {
            text.push_str(l);
            text.push('\n');
        }
        self.at_prompt = false;
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(text.as_bytes());
        let _ = o.flush();
    }

    fn show_prompt(&mut self, app: &App) {
        if !self.prompt || self.at_prompt {
            return;
        }
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(announce::words(app).prompt.as_bytes());
        let _ = o.flush();
        self.at_prompt = true;
    }
}

/// The next input, or `None` when it is time to look at the clocks: once a
/// second while the call runs (a nudge may become due), and when a notice
/// expires.
fn next(app: &App, rx: &Receiver<Input>, now: Timestamp) -> Option<Input> {
    let tick = app.wants_tick().then(|| now + 1000 - now.rem_euclid(1000));
    let deadline = match (tick, app.next_deadline()) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    match deadline {
        None => Some(rx.recv().unwrap_or(Input::Eof)),
        Some(at) => {
            let wait = u64::try_from((at - now).max(1)).unwrap_or(1);
            match rx.recv_timeout(Duration::from_millis(wait)) {
                Ok(i) => Some(i),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Input::Eof),
            }
        }
    }
}

/// Ctrl-Z: the clocks stop (stored, as on the full screen) and the process
/// stops; when the shell continues it (`fg`) the clocks run again. Time at
/// the shell is a pause, not talk time.
fn suspend(app: &mut App, sink: &mut dyn CallSink, now: Timestamp) -> bool {
    let paused = app.run_command(Command::Pause, now).unwrap_or_default();
    let was_running = !paused.is_empty();
    let mut quit = apply(app, paused, sink);
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    }
    if was_running {
        let resumed = app
            .run_command(Command::Resume, now_ms())
            .unwrap_or_default();
        quit |= apply(app, resumed, sink);
    }
    quit
}

/// Runs effects against the store, masked as on the full screen; says
/// whether the program should end.
fn apply(app: &mut App, fx: Vec<Effect>, sink: &mut dyn CallSink) -> bool {
    let mut quit = false;
    for e in fx {
        let status = match e {
            Effect::Persist(events) => {
                let events = mask::events_for_store(app, events);
                let status = sink.append(&events);
                if app.call_id.is_none() {
                    app.call_id = sink.call_id();
                }
                Some(status)
            }
            Effect::SaveNotes { text, at } => {
                let text = mask::notes_for_store(app, &text);
                Some(sink.save_notes(&text, at))
            }
            Effect::Quit | Effect::QuitUnsaved => {
                quit = true;
                None
            }
            // Nothing in line mode copies, saves files or suspends.
            Effect::Clipboard(_) | Effect::SaveFile { .. } | Effect::Suspend | Effect::Rescue => {
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

/// Reads standard input line by line; invalid UTF-8 is replaced, never
/// fatal. End of input or a read error ends the thread with [`Input::Eof`].
fn spawn_stdin(tx: Sender<Input>) {
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        loop {
            let mut buf = Vec::new();
            let input = match stdin.lock().read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => Input::Eof,
                Ok(_) => {
                    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                        buf.pop();
                    }
                    Input::Line(String::from_utf8_lossy(&buf).into_owned())
                }
            };
            let end = matches!(input, Input::Eof);
            if tx.send(input).is_err() || end {
                return;
            }
        }
    });
}

fn spawn_signals(tx: Sender<Input>) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use anyhow::Context as _;
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
        let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGTSTP])
            .context("cannot install signal handlers")?;
        std::thread::spawn(move || {
            for sig in signals.forever() {
                let input = if sig == SIGTSTP {
                    Input::Suspend
                } else {
                    Input::Hangup
                };
                if tx.send(input).is_err() {
                    return;
                }
            }
        });
    }
    #[cfg(not(unix))]
    let _ = tx;
    Ok(())
}
