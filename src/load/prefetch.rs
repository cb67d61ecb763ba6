//! A built-in playbook parsed on a second thread before it is needed.
//!
//! Parsing and checking a built-in playbook (about 30 KB of YAML) takes
//! about a millisecond, and it lies on the path to the call screen: a new
//! call uses the default playbook, and a resumed call nearly always ran on
//! it. [`start`] parses it on another thread while the main thread opens
//! the store and reads the unfinished call; [`parse`] hands that result to
//! the first parse of exactly the same text and parses anything else
//! itself. The text is compared byte for byte, so the result is the one a
//! parse on the spot gives (a failed parse is repeated on the spot, so its
//! diagnostics name the caller's file).

use crate::diagnostic::Diagnostic;
use crate::playbook::Playbook;
use std::sync::Mutex;
use std::thread::JoinHandle;

type Parsed = Result<Playbook, Vec<Diagnostic>>;

/// The parse under way: its text and the thread parsing it.
struct Pending {
    text: &'static str,
    thread: JoinHandle<Parsed>,
}

/// At most one parse under way (one per process: [`PENDING`]).
struct Slot(Mutex<Option<Pending>>);

static PENDING: Slot = Slot(Mutex::new(None));

/// Starts parsing the built-in playbook called `name` (its id or file
/// name) on another thread; nothing when it is not a built-in one or a
/// parse is already pending. A thread that cannot be started costs
/// nothing: the parse is then done when it is needed.
pub fn start(name: &str) {
    if let Some(&(_, _, text)) = crate::playbook::builtin::ALL
        .iter()
        .find(|(n, f, _)| *n == name || *f == name)
    {
        PENDING.start(text);
    }
}

/// Parses `bytes` (the content of `name`) as a playbook: the result of the
/// pending parse when it is of this very text (once), else a parse here.
pub fn parse(name: &str, bytes: &[u8]) -> Parsed {
    PENDING.parse(name, bytes)
}

impl Slot {
    fn start(&self, text: &'static str) {
        let Ok(mut pending) = self.0.lock() else {
            return;
        };
        if pending.is_some() {
            return;
        }
        let thread = std::thread::Builder::new()
            .name("playbook".into())
            .spawn(move || crate::playbook::load::parse("<built-in>", text.as_bytes()));
        if let Ok(thread) = thread {
            *pending = Some(Pending { text, thread });
        }
    }

    fn parse(&self, name: &str, bytes: &[u8]) -> Parsed {
        match self.take(bytes) {
            Some(playbook) => Ok(playbook),
            None => crate::playbook::load::parse(name, bytes),
        }
    }

    /// The pending parse's playbook when it is of `bytes` and succeeded.
    fn take(&self, bytes: &[u8]) -> Option<Playbook> {
        let pending = {
            let mut slot = self.0.lock().ok()?;
            if slot.as_ref()?.text.as_bytes() != bytes {
                return None;
            }
            slot.take()?
        };
        pending.thread.join().ok()?.ok()
    }

    #[cfg(test)]
    fn is_pending(&self) -> bool {
        self.0.lock().is_ok_and(|p| p.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pending_parse_serves_its_own_text_once_and_nothing_else() {
        let slot = Slot(Mutex::new(None));
        let (_, _, text) = crate::playbook::builtin::ALL[0];
        let (_, _, other) = crate::playbook::builtin::ALL[1];
        let on_the_spot = crate::playbook::load::parse("x", text.as_bytes());
        assert!(on_the_spot.is_ok());
        slot.start(text);
        assert!(slot.is_pending());
        // Another text is parsed here and leaves the pending parse alone.
        let english = slot.parse("en.yaml", other.as_bytes());
        assert_eq!(
            english,
            crate::playbook::load::parse("en.yaml", other.as_bytes())
        );
        assert!(slot.is_pending());
        // The same text takes it, equal to a parse on the spot.
        assert_eq!(slot.parse("nl.yaml", text.as_bytes()), on_the_spot);
        assert!(!slot.is_pending());
        // Broken text is parsed here, its diagnostics naming the caller's file.
        let broken = slot.parse("mine.yaml", b"id: [");
        assert!(broken.is_err_and(|d| d.iter().all(|d| d.file == "mine.yaml")));
    }

    #[test]
    fn only_built_in_names_are_prefetched() {
        let before = PENDING.is_pending();
        start("no-such-playbook");
        assert_eq!(PENDING.is_pending(), before);
    }
}
