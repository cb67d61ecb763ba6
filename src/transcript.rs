//! Live transcript sources: the shell half of the transcript feed. The
//! pure half — formats, adapters, bounds and what speech means — is the
//! core's `transcript` module, re-exported here.
//!
//! A source is read on its own thread; what it reads and how it is doing
//! arrive on the call screen's message channel as [`Report`]s, so a slow,
//! missing or closed source never delays typing. A source is
//! - a FIFO (`mkfifo`): opened for reading (waiting for a writer), read to
//!   its end, and opened again — a recogniser may stop and start;
//! - a regular file being appended to: followed like `tail -f` from its end
//!   at open, and read from the start again when it is replaced or
//!   truncated;
//! - `unix:PATH`: a Unix socket callcoach listens on at PATH; each
//!   connection is read as its own stream (one per recogniser);
//! - a path that does not exist yet: waited for.
//!
//! Never standard input: the terminal is the screen.

pub use callcoach_core::transcript::*;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How often a followed file is checked for new lines.
pub const FOLLOW_POLL: Duration = Duration::from_millis(20);
/// How often a missing source is looked for.
pub const MISSING_POLL: Duration = Duration::from_millis(500);

/// Where a transcript comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceSpec {
    /// The path (FIFO, file, or socket to listen on).
    pub path: PathBuf,
    /// Listen on a Unix socket at `path` (given as `unix:PATH`).
    pub listen: bool,
    /// The format it writes.
    pub format: Format,
    /// Who speaks in it (the adapters' lines; `jsonl` names its own).
    pub speaker: Speaker,
}

impl SourceSpec {
    /// Reads a `--transcript` argument: `unix:PATH` or a path.
    pub fn parse(arg: &str, format: Format, speaker: Speaker) -> SourceSpec {
        let (path, listen) = match arg.strip_prefix("unix:") {
            Some(p) => (p, true),
            None => (arg, false),
        };
        SourceSpec {
            path: PathBuf::from(path),
            listen,
            format,
            speaker,
        }
    }
}

/// How a source is doing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceStatus {
    /// The path does not exist (yet).
    Missing,
    /// Waiting for a writer (FIFO) or a connection (socket).
    Waiting,
    /// Reading.
    Open,
    /// The writer closed; waiting for the next one.
    Closed,
    /// The source cannot be read (the reason, sanitised by the screen).
    Failed(String),
}

/// What a source thread tells the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Report {
    /// Source `source` (its index) changed status.
    Status {
        /// Index of the source.
        source: usize,
        /// Its status.
        status: SourceStatus,
    },
    /// Source `source` read utterances; `stats` counts what this stream
    /// read since its previous report (add them up for totals).
    Heard {
        /// Index of the source.
        source: usize,
        /// What was said.
        utterances: Vec<Utterance>,
        /// Malformed and dropped lines in this stream so far.
        stats: Stats,
    },
}

/// Starts reading `spec` on its own thread, sending [`Report`]s to `tx`
/// until the receiver is gone. `now` is the clock (milliseconds).
pub fn spawn<M: From<Report> + Send + 'static>(
    source: usize,
    spec: SourceSpec,
    tx: Sender<M>,
    now: fn() -> i64,
) {
    let out = Out { source, tx, now };
    let _ = std::thread::Builder::new()
        .name(format!("transcript-{source}"))
        .spawn(move || {
            if spec.listen {
                listen(&spec, out);
            } else {
                follow_path(&spec, &out);
            }
        });
}

/// A thread's way to the screen.
struct Out<M> {
    source: usize,
    tx: Sender<M>,
    now: fn() -> i64,
}

impl<M: From<Report>> Out<M> {
    /// False when the screen is gone (the thread should stop).
    fn status(&self, status: SourceStatus) -> bool {
        let r = Report::Status {
            source: self.source,
            status,
        };
        self.tx.send(M::from(r)).is_ok()
    }

    /// Sends what a stream read since its last report (`last`: its
    /// counts then).
    fn heard(&self, utterances: Vec<Utterance>, stats: Stats, last: &mut Stats) -> bool {
        let delta = Stats {
            utterances: stats.utterances.saturating_sub(last.utterances),
            malformed: stats.malformed.saturating_sub(last.malformed),
            dropped: stats.dropped.saturating_sub(last.dropped),
        };
        if utterances.is_empty() && delta == Stats::default() {
            return true;
        }
        *last = stats;
        let r = Report::Heard {
            source: self.source,
            utterances,
            stats: delta,
        };
        self.tx.send(M::from(r)).is_ok()
    }
}

/// Reads `reader` to its end through a fresh feed; false when the screen is gone.
fn read_stream<M: From<Report>>(spec: &SourceSpec, mut reader: impl Read, out: &Out<M>) -> bool {
    let mut feed = Feed::new(spec.format, spec.speaker.clone());
    let mut last = Stats::default();
    let mut buf = vec![0u8; 8192];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let got = feed.push(&buf[..n], (out.now)());
                if !out.heard(got, feed.stats, &mut last) {
                    return false;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    let got = feed.close((out.now)());
    out.heard(got, feed.stats, &mut last)
}

fn follow_path<M: From<Report>>(spec: &SourceSpec, out: &Out<M>) {
    let mut first = true;
    loop {
        let meta = match std::fs::metadata(&spec.path) {
            Ok(m) => m,
            Err(_) => {
                // A file that appears later is read from its start.
                first = false;
                if !out.status(SourceStatus::Missing) {
                    return;
                }
                wait_for(&spec.path);
                continue;
            }
        };
        #[cfg(unix)]
        let fifo = {
            use std::os::unix::fs::FileTypeExt;
            meta.file_type().is_fifo()
        };
        #[cfg(not(unix))]
        let fifo = false;
        let alive = if fifo {
            if !out.status(SourceStatus::Waiting) {
                return;
            }
            // Blocks until a writer opens the FIFO.
            match std::fs::File::open(&spec.path) {
                Ok(f) => out.status(SourceStatus::Open) && read_stream(spec, f, out),
                Err(e) => fail(out, &e),
            }
        } else if meta.is_file() {
            follow_file(spec, out, std::mem::take(&mut first))
        } else {
            fail(out, &std::io::Error::other("not a FIFO or a file"))
        };
        if !alive || !out.status(SourceStatus::Closed) {
            return;
        }
    }
}

/// Reports a failure and waits before trying again; false when the screen is gone.
fn fail<M: From<Report>>(out: &Out<M>, e: &std::io::Error) -> bool {
    let ok = out.status(SourceStatus::Failed(e.to_string()));
    std::thread::sleep(MISSING_POLL);
    ok
}

fn wait_for(path: &Path) {
    while std::fs::metadata(path).is_err() {
        std::thread::sleep(MISSING_POLL);
    }
}

/// Follows a regular file (like `tail -f`): from its end when `at_end`,
/// else from its start. Returns (true) when the file was replaced or
/// truncated, false when the screen is gone.
fn follow_file<M: From<Report>>(spec: &SourceSpec, out: &Out<M>, at_end: bool) -> bool {
    use std::io::{Seek, SeekFrom};
    let mut f = match std::fs::File::open(&spec.path) {
        Ok(f) => f,
        Err(e) => return fail(out, &e),
    };
    let mut pos = if at_end {
        f.seek(SeekFrom::End(0)).unwrap_or(0)
    } else {
        0
    };
    let id = file_id(&f);
    if !out.status(SourceStatus::Open) {
        return false;
    }
    let mut feed = Feed::new(spec.format, spec.speaker.clone());
    let mut last = Stats::default();
    let mut buf = vec![0u8; 8192];
    loop {
        match f.read(&mut buf) {
            Ok(0) | Err(_) => {
                // Nothing new: replaced, truncated, or just quiet?
                let now_meta = std::fs::metadata(&spec.path);
                let replaced = match &now_meta {
                    Ok(m) => meta_id(m) != id || m.len() < pos,
                    Err(_) => true,
                };
                if replaced {
                    let got = feed.close((out.now)());
                    return out.heard(got, feed.stats, &mut last);
                }
                std::thread::sleep(FOLLOW_POLL);
            }
            Ok(n) => {
                pos += n as u64;
                let got = feed.push(&buf[..n], (out.now)());
                if !out.heard(got, feed.stats, &mut last) {
                    return false;
                }
            }
        }
    }
}

#[cfg(unix)]
fn meta_id(m: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn meta_id(_: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

fn file_id(f: &std::fs::File) -> (u64, u64) {
    f.metadata().map(|m| meta_id(&m)).unwrap_or((0, 0))
}

/// Listens on a Unix socket at the spec's path; every connection is read
/// on its own thread with its own feed.
#[cfg(unix)]
fn listen<M: From<Report> + Send + 'static>(spec: &SourceSpec, out: Out<M>) {
    use std::os::unix::fs::FileTypeExt;
    use std::os::unix::net::UnixListener;
    // A socket left behind by an earlier run is ours to replace; any other
    // file is not.
    if let Ok(m) = std::fs::symlink_metadata(&spec.path)
        && m.file_type().is_socket()
    {
        let _ = std::fs::remove_file(&spec.path);
    }
    let listener = match UnixListener::bind(&spec.path) {
        Ok(l) => l,
        Err(e) => {
            out.status(SourceStatus::Failed(e.to_string()));
            return;
        }
    };
    {
        // Speech is personal data: only this user may connect.
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&spec.path, std::fs::Permissions::from_mode(0o600));
    }
    if !out.status(SourceStatus::Waiting) {
        return;
    }
    let open = Arc::new(AtomicUsize::new(0));
    for conn in listener.incoming() {
        let Ok(conn) = conn else { continue };
        let (spec, open) = (spec.clone(), Arc::clone(&open));
        let out = Out {
            source: out.source,
            tx: out.tx.clone(),
            now: out.now,
        };
        open.fetch_add(1, Ordering::SeqCst);
        if !out.status(SourceStatus::Open) {
            return;
        }
        let _ = std::thread::Builder::new()
            .name(format!("transcript-{}-conn", out.source))
            .spawn(move || {
                let alive = read_stream(&spec, conn, &out);
                if open.fetch_sub(1, Ordering::SeqCst) == 1 && alive {
                    out.status(SourceStatus::Waiting);
                }
            });
    }
}

#[cfg(not(unix))]
fn listen<M: From<Report> + Send + 'static>(_: &SourceSpec, out: Out<M>) {
    out.status(SourceStatus::Failed(
        "Unix sockets need a Unix system".into(),
    ));
}

#[cfg(test)]
mod tests;
