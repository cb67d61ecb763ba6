//! Saving off the screen's thread: the call's [`CallSink`] (the recorder:
//! its database transaction, fsync and fallback journal) runs on a saver
//! thread, so typing never waits for a save — with a megabyte of notes a
//! save took tens of milliseconds, once a second while typing.
//!
//! The screen hands over events and a snapshot of the notes (one joined
//! `String`) and goes on; the saver masks the notes (the store's redaction
//! with the playbook's own numbers), stores them, and reports back through
//! the screen's channel: [`Msg::SaveResult`] when the status changed, and
//! [`Msg::NotesMasked`] when something was masked, so the editor shows the
//! masked form. When the saver is behind, only the newest notes are
//! written (older snapshots are superseded). The durability promise holds:
//! a snapshot reaches the saver the moment the screen decides to save (at
//! most a second after typing), and the saver is never more than one save
//! behind; on every way out the screen waits for the saver to finish
//! ([`Saver`] is dropped, the thread drains its queue and ends, the scope
//! joins it) before it reports anything as saved.

use super::state::Msg;
use crate::engine::{Event, Timestamp};
use crate::redact::Shape;
use crate::store::{CallId, CallSink, Rescue, SaveStatus, redaction};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};

/// A job for the saver thread.
enum Job {
    Append(Vec<Event>),
    Notes {
        text: String,
        at: Timestamp,
        shapes: Vec<Shape>,
    },
    Unsaved(Sender<bool>),
    Rescue(Sender<Rescue>),
    CallId(Sender<Option<CallId>>),
}

/// The screen's end of the saver thread; a [`CallSink`] that never waits
/// for a write (only [`CallSink::unsaved`] and [`CallSink::rescue`], asked
/// when quitting, wait for everything before them).
pub struct Saver {
    jobs: Sender<Job>,
    /// The status of the last completed save.
    last: Arc<Mutex<SaveStatus>>,
}

impl Saver {
    /// Starts the saver thread in `scope` around `sink`; it reports to the
    /// screen through `screen`. The thread ends when the `Saver` is dropped
    /// and every job before that is done.
    pub fn spawn<'scope, 'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        sink: &'scope mut (dyn CallSink + Send),
        screen: Sender<Msg>,
        status: SaveStatus,
    ) -> Saver {
        let (jobs, rx) = mpsc::channel();
        let last = Arc::new(Mutex::new(status));
        let shared = Arc::clone(&last);
        scope.spawn(move || work(sink, &rx, &screen, &shared));
        Saver { jobs, last }
    }

    /// Hands the notes `text` (as the editor holds them) to the saver, which
    /// masks them — the built-in numbers and the playbook's own `shapes` —
    /// and stores them. Returns at once, with the last status known.
    pub fn save_text(&mut self, text: String, at: Timestamp, shapes: Vec<Shape>) -> SaveStatus {
        self.send(Job::Notes { text, at, shapes })
    }

    fn last(&self) -> SaveStatus {
        self.last
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Sends `job`; when the thread is gone (it panicked) says so.
    fn send(&self, job: Job) -> SaveStatus {
        match self.jobs.send(job) {
            Ok(()) => self.last(),
            Err(_) => SaveStatus::Failed {
                reason: "internal error: the saver stopped".into(),
            },
        }
    }
}

impl CallSink for Saver {
    fn append(&mut self, events: &[Event]) -> SaveStatus {
        self.send(Job::Append(events.to_vec()))
    }

    /// `notes` is the editor's text as it is (the saver masks the
    /// built-in numbers; see [`Saver::save_text`]).
    fn save_notes(&mut self, notes: &str, at: Timestamp) -> SaveStatus {
        self.save_text(notes.to_owned(), at, Vec::new())
    }

    fn unsaved(&self) -> bool {
        let (tx, rx) = mpsc::channel();
        if self.jobs.send(Job::Unsaved(tx)).is_err() {
            return true;
        }
        rx.recv().unwrap_or(true)
    }

    /// Asked once the first events were handed over (the recorder of a new
    /// call starts with them); waits for the jobs before it.
    fn call_id(&self) -> Option<CallId> {
        let (tx, rx) = mpsc::channel();
        self.jobs.send(Job::CallId(tx)).ok()?;
        rx.recv().ok().flatten()
    }

    fn rescue(&mut self) -> Rescue {
        let (tx, rx) = mpsc::channel();
        if self.jobs.send(Job::Rescue(tx)).is_err() {
            return Rescue::Nowhere("internal error: the saver stopped".into());
        }
        rx.recv()
            .unwrap_or_else(|_| Rescue::Nowhere("internal error: the saver stopped".into()))
    }
}

/// The saver thread: jobs in order; of several notes snapshots waiting in
/// a row only the newest is written.
fn work(
    sink: &mut (dyn CallSink + Send),
    rx: &Receiver<Job>,
    screen: &Sender<Msg>,
    last: &Mutex<SaveStatus>,
) {
    let mut next = rx.recv().ok();
    let mut code_released = false;
    while let Some(job) = next.take() {
        let status = match job {
            Job::Append(events) => Some(sink.append(&events)),
            Job::Notes {
                mut text,
                mut at,
                mut shapes,
            } => {
                // Superseded snapshots are skipped; another job ends the run.
                loop {
                    match rx.try_recv() {
                        Ok(Job::Notes {
                            text: t,
                            at: a,
                            shapes: s,
                        }) => (text, at, shapes) = (t, a, s),
                        Ok(other) => {
                            next = Some(other);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                let (masked, found) = redaction::redact_text(&text, &shapes);
                let status = sink.save_notes(&masked, at);
                if found.is_empty() {
                    drop((text, masked));
                } else {
                    let _ = screen.send(Msg::NotesMasked {
                        from: text,
                        masked,
                        found,
                    });
                }
                Some(status)
            }
            Job::Unsaved(reply) => {
                let _ = reply.send(sink.unsaved());
                None
            }
            Job::Rescue(reply) => {
                let _ = reply.send(sink.rescue());
                None
            }
            Job::CallId(reply) => {
                let _ = reply.send(sink.call_id());
                None
            }
        };
        if let Some(status) = status {
            // After a save (and after the first, the resumed call's: its
            // loading freed copies of the notes on the screen's thread).
            give_back_memory();
            if !code_released {
                // The screen is up and the recorder's connection open: what
                // only starting up ran is not needed again.
                release_start_up_code();
                code_released = true;
            }
            let mut shared = last.lock().unwrap_or_else(PoisonError::into_inner);
            if *shared != status {
                *shared = status.clone();
                drop(shared);
                let _ = screen.send(Msg::SaveResult(status));
            }
        }
        if next.is_none() {
            next = rx.recv().ok();
        }
    }
}

/// Returns the memory a save freed to the system. A save of a megabyte of
/// notes makes and frees several copies of them (the snapshot, its masked
/// form, the store's own masked form); glibc keeps freed memory of this
/// thread's arena, which added megabytes to the resident size of a long call.
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free memory back to the system;
    // it takes glibc's arena locks itself and touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Unmaps the program's code and read-only data once the call screen
/// runs, so that only what is used from then on becomes resident again.
/// Most of the resident size of a call is the binary's code and constant
/// data that starting up touched once (argument parsing, opening and
/// checking the database, the YAML parser and the built-in playbooks, the
/// resume question), each touched page mapping 64 KB around it. Only the
/// executable's read-only mappings that hold no page of their own (smaps'
/// `Anonymous: 0 kB`: every page is the file's, never written — so not
/// the relocated data made read-only after start) are touched: for those
/// `MADV_DONTNEED` only drops the pages from this process; the kernel
/// keeps them in its page cache, and the next use maps them again (a page
/// fault, microseconds). Anything unexpected leaves everything as it is.
fn release_start_up_code() {
    #[cfg(target_os = "linux")]
    {
        let Ok(exe) = std::fs::read_link("/proc/self/exe") else {
            return;
        };
        let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
            return;
        };
        for (range, anonymous_kb) in clean_read_only_maps(&smaps, exe.to_str()) {
            if anonymous_kb != Some(0) {
                continue;
            }
            let (from, to) = range;
            // SAFETY: the range is a private, read-only mapping of the
            // executable file none of whose pages was ever written (no
            // anonymous page): `MADV_DONTNEED` only unmaps pages, which
            // later accesses fault in again from the file, unchanged.
            unsafe {
                libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_DONTNEED);
            }
        }
    }
}

/// The read-only mappings (`r-xp`, `r--p`) of the file `exe` in `smaps`,
/// with their `Anonymous` kilobytes (`None` when not listed).
fn clean_read_only_maps(smaps: &str, exe: Option<&str>) -> Vec<((usize, usize), Option<u64>)> {
    let mut out: Vec<((usize, usize), Option<u64>)> = Vec::new();
    let mut current = false;
    for line in smaps.lines() {
        let mut fields = line.split_whitespace();
        let first = fields.next().unwrap_or_default();
        if let Some((from, to)) = first.split_once('-')
            && let (Ok(from), Ok(to)) = (
                usize::from_str_radix(from, 16),
                usize::from_str_radix(to, 16),
            )
        {
            let perms = fields.next();
            // offset, device, inode, then the path.
            let path = fields.nth(3);
            current = matches!(perms, Some("r-xp" | "r--p"))
                && path.is_some()
                && path == exe
                && to > from;
            if current {
                out.push(((from, to), None));
            }
        } else if current
            && first == "Anonymous:"
            && let Some(last) = out.last_mut()
        {
            last.1 = fields.next().and_then(|kb| kb.parse().ok());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemorySink;

    #[test]
    fn only_the_executables_read_only_mappings_are_listed_with_their_anonymous_pages() {
        let smaps = "\
5600-5700 r--p 00000000 08:01 42 /usr/bin/cc
Rss:                 100 kB
Anonymous:             0 kB
5700-5900 r-xp 00001000 08:01 42 /usr/bin/cc
Anonymous:             0 kB
5900-5a00 r--p 00003000 08:01 42 /usr/bin/cc
Anonymous:             8 kB
5a00-5b00 rw-p 00004000 08:01 42 /usr/bin/cc
Anonymous:             4 kB
7f00-7f10 r-xp 00000000 08:01 7 /usr/lib/libc.so.6
Anonymous:             0 kB
7f20-7f30 rw-p 00000000 00:00 0
Anonymous:             4 kB
";
        assert_eq!(
            clean_read_only_maps(smaps, Some("/usr/bin/cc")),
            vec![
                ((0x5600, 0x5700), Some(0)),
                ((0x5700, 0x5900), Some(0)),
                ((0x5900, 0x5a00), Some(8)),
            ]
        );
        assert!(clean_read_only_maps(smaps, None).is_empty());
    }
    use std::time::Duration;

    /// A sink that takes its time and counts the notes it saved.
    #[derive(Default)]
    struct Slow {
        inner: MemorySink,
        saves: usize,
    }

    impl CallSink for Slow {
        fn append(&mut self, events: &[Event]) -> SaveStatus {
            self.inner.append(events)
        }
        fn save_notes(&mut self, notes: &str, at: Timestamp) -> SaveStatus {
            std::thread::sleep(Duration::from_millis(30));
            self.saves += 1;
            self.inner.save_notes(notes, at)
        }
    }

    #[test]
    fn notes_are_saved_masked_and_the_newest_wins_and_nothing_waits() {
        let mut sink = Slow::default();
        let (tx, rx) = mpsc::channel();
        std::thread::scope(|s| {
            let mut saver = Saver::spawn(s, &mut sink, tx, SaveStatus::Saved);
            let start = std::time::Instant::now();
            for i in 0..10 {
                saver.save_notes(&format!("notes {i} 4111 1111 1111 1111"), i);
            }
            // Ten saves of 30 ms each were handed over without waiting.
            assert!(start.elapsed() < Duration::from_millis(25));
            // Asking waits for everything before it.
            assert!(!saver.unsaved());
        });
        let (text, at) = sink.inner.notes.clone().unwrap();
        assert_eq!(at, 9);
        assert!(
            text.starts_with("notes 9 ") && !text.contains("4111 1111"),
            "{text}"
        );
        assert!(
            sink.saves < 10,
            "superseded snapshots skipped: {}",
            sink.saves
        );
        // The screen heard what was masked, from the text it had.
        let masked: Vec<Msg> = rx.try_iter().collect();
        assert!(masked.iter().any(|m| matches!(m,
            Msg::NotesMasked { from, masked, .. } if from.contains("4111 1111") && !masked.contains("4111 1111"))));
    }

    #[test]
    fn events_keep_their_order_and_a_status_change_is_reported() {
        struct Failing(Vec<u64>);
        impl CallSink for Failing {
            fn append(&mut self, events: &[Event]) -> SaveStatus {
                self.0.extend(events.iter().map(|e| e.at as u64));
                SaveStatus::Failed {
                    reason: "no".into(),
                }
            }
            fn save_notes(&mut self, _: &str, _: Timestamp) -> SaveStatus {
                SaveStatus::Saved
            }
        }
        let mut sink = Failing(Vec::new());
        let (tx, rx) = mpsc::channel();
        std::thread::scope(|s| {
            let mut saver = Saver::spawn(s, &mut sink, tx, SaveStatus::Saved);
            for at in 0..5 {
                let e = Event {
                    at,
                    kind: crate::engine::EventKind::Paused,
                };
                saver.append(&[e]);
            }
        });
        assert_eq!(sink.0, vec![0, 1, 2, 3, 4]);
        let statuses: Vec<Msg> = rx.try_iter().collect();
        assert_eq!(statuses.len(), 1, "reported once, when it changed");
        assert!(matches!(
            &statuses[0],
            Msg::SaveResult(SaveStatus::Failed { .. })
        ));
    }
}
