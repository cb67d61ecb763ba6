//! The live view's state: the calls in progress as last read, the
//! connection's state and the clock.

use crate::engine::Timestamp;
use crate::playbook::Language;
use crate::team::live::LiveRow;
use crate::team::live::watch::Feed;
use crate::tui::term::Input;
use crate::tui::theme::Theme;

/// The connection as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// Connecting (first time or again).
    Connecting,
    /// Connected: changes arrive as they happen.
    Live,
    /// Lost; the next try is at `retry_at` (local clock).
    Lost {
        /// What went wrong, one clean line.
        error: String,
        /// When the reader tries again.
        retry_at: Timestamp,
    },
}

/// What the live view's update receives.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// From the terminal.
    Input(Input),
    /// From the reader thread.
    Feed(Feed),
    /// A second passed (time in stage moves on).
    Tick,
}

impl From<Input> for Msg {
    fn from(i: Input) -> Msg {
        Msg::Input(i)
    }
}

impl From<Feed> for Msg {
    fn from(f: Feed) -> Msg {
        Msg::Feed(f)
    }
}

/// What the loop should do after an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Leave the screen.
    Quit,
}

/// The live view.
#[derive(Clone, Debug)]
pub struct LiveView {
    /// Calls in progress, as last read.
    pub rows: Vec<LiveRow>,
    /// The server's clock minus ours, as of the last read (milliseconds).
    pub offset_ms: i64,
    /// The connection.
    pub link: Link,
    /// Now (local clock), from the last message.
    pub now: Timestamp,
    /// The first row shown.
    pub scroll: usize,
    /// Interface language.
    pub lang: Language,
    /// Styles.
    pub theme: Theme,
}

impl LiveView {
    /// An empty view, connecting.
    pub fn new(lang: Language, theme: Theme, now: Timestamp) -> LiveView {
        LiveView {
            rows: Vec::new(),
            offset_ms: 0,
            link: Link::Connecting,
            now,
            scroll: 0,
            lang,
            theme,
        }
    }

    /// Now on the server's clock (the clock of every row's times).
    pub fn server_now(&self) -> Timestamp {
        self.now + self.offset_ms
    }

    /// Milliseconds `row` has been in its stage.
    pub fn in_stage_ms(&self, row: &LiveRow) -> i64 {
        (self.server_now() - row.stage_entered_at).max(0)
    }

    /// Whole minutes since `row` was last updated, when that is longer
    /// than [`crate::team::live::STALE_MS`] ago.
    pub fn stale_minutes(&self, row: &LiveRow) -> Option<i64> {
        let age = self.server_now() - row.updated_at;
        (age > crate::team::live::STALE_MS).then_some(age / 60_000)
    }

    /// True while something on screen moves with the clock.
    pub fn wants_tick(&self) -> bool {
        !self.rows.is_empty() || matches!(self.link, Link::Lost { .. })
    }
}
