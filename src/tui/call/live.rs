//! The call screen's view of the live transcript feed: how its sources
//! are doing, the last lines heard, and a flare-up suggestion. Pure state;
//! reports are folded in by [`super::heard`] and drawn by the view.

use crate::engine::Timestamp;
use crate::transcript::{SourceStatus, Speaker};
use std::collections::VecDeque;

/// Lines kept for the transcript pane.
pub const KEEP_LINES: usize = 50;
/// How long a flare-up suggestion stays on screen (milliseconds).
pub const FLARE_MS: i64 = 20_000;

/// The live transcript as the screen knows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Live {
    /// Status of each source; empty when the call has no transcript.
    pub sources: Vec<SourceStatus>,
    /// The last final lines, oldest first.
    pub lines: VecDeque<(Speaker, String)>,
    /// The latest partial line (speech still going on).
    pub partial: Option<(Speaker, String)>,
    /// Lines that could not be read, in all sources.
    pub malformed: u64,
    /// Lines dropped because a source sent too many too fast.
    pub dropped: u64,
    /// The transcript pane is shown.
    pub pane: bool,
    /// A flare-up cue the customer said, shown until the moment given.
    pub flare: Option<(String, Timestamp)>,
    /// Final lines are stored with the call (as `Said` events); decided
    /// by the settings file or the playbook, off by default.
    pub store: bool,
}

impl Live {
    /// A feed of `sources` sources, none heard from yet.
    pub fn new(sources: usize) -> Live {
        Live {
            sources: vec![SourceStatus::Missing; sources],
            ..Live::default()
        }
    }

    /// True when the call has a transcript feed.
    pub fn active(&self) -> bool {
        !self.sources.is_empty()
    }

    /// The flare-up cue to show at `now`, if any.
    pub fn flare_at(&self, now: Timestamp) -> Option<&str> {
        self.flare
            .as_ref()
            .filter(|(_, until)| *until > now)
            .map(|(cue, _)| cue.as_str())
    }

    /// Keeps a final line for the pane.
    pub fn push_line(&mut self, speaker: Speaker, text: String) {
        if self.lines.len() == KEEP_LINES {
            self.lines.pop_front();
        }
        self.lines.push_back((speaker, text));
    }
}
