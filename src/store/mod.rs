//! Persistence of calls. The live call screen talks to a [`CallSink`]; the
//! SQLite store (with its fallback journal) implements it, and
//! [`MemorySink`] stands in for it in tests.
//!
//! NOTE: interface only so far; the SQLite store fills this module.

use crate::engine::{Event, Timestamp};

/// The result of one save, shown to the agent when it is not [`SaveStatus::Saved`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Committed to the database.
    Saved,
    /// The database could not be written; the data went to a fallback file.
    Fallback {
        /// Where it went (shown to the agent).
        path: String,
        /// Why the database failed (no notes text in it).
        reason: String,
    },
    /// Nothing could be written anywhere; the data is still in memory.
    Failed {
        /// Why (no notes text in it).
        reason: String,
    },
}

/// Where a live call's events and notes go as they happen.
pub trait CallSink {
    /// Appends events (in order) to the call's log.
    fn append(&mut self, events: &[Event]) -> SaveStatus;
    /// Saves the full current notes text.
    fn save_notes(&mut self, notes: &str, at: Timestamp) -> SaveStatus;
}

/// An in-memory sink for tests and for running without a store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemorySink {
    /// Every event appended.
    pub events: Vec<Event>,
    /// The last notes saved and when.
    pub notes: Option<(String, Timestamp)>,
}

impl CallSink for MemorySink {
    fn append(&mut self, events: &[Event]) -> SaveStatus {
        self.events.extend_from_slice(events);
        SaveStatus::Saved
    }

    fn save_notes(&mut self, notes: &str, at: Timestamp) -> SaveStatus {
        self.notes = Some((notes.to_owned(), at));
        SaveStatus::Saved
    }
}
