//! The accessible line mode (`callcoach call --plain`, and whenever
//! `TERM=dumb`): the live call for screen readers and terminals without
//! cursor addressing. Nothing is drawn — no alternate screen, no cursor
//! movement, no colour — and the terminal stays in its ordinary (cooked)
//! line mode, so the cursor is always where the agent types.
//!
//! Every typed line goes into the notes and is saved at once, through the
//! same recorder as the full screen. A line whose first character is `/`
//! is a command (`/next`, `/tick 2`, `/agree …`, `/end`, `/help`; Dutch
//! names too); a note that starts with `/` is typed as `//` ([`parse`]).
//! The current stage and its checklist, items ticked, nudges and notices
//! are announced as lines when they change ([`announce`]). The lines drive
//! the call screen's own state and engine ([`session`]); [`run`] is the
//! thin loop around it: standard input, signals, a once-a-second tick and
//! the store.

pub mod announce;
pub mod parse;
pub mod resume;
mod run;
pub mod session;

pub use run::run;

/// True when line mode should be used: asked for with `--plain`, or the
/// terminal says it cannot address the cursor (`TERM=dumb`).
pub fn wanted(asked: bool) -> bool {
    asked || std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

#[cfg(test)]
mod tests;
