//! The pure core of callcoach: everything that can be decided without a
//! terminal, a file or a clock.
//!
//! The modules form one direction — each uses only those listed before it:
//! [`stage`] → [`text`] → [`redact`] → [`diagnostic`] → [`yaml`] → [`playbook`] →
//! [`cue`] → [`engine`] → [`notes`] → [`transcript`] → [`i18n`] → [`summary`] → [`scenario`] →
//! [`classify`] → [`practice`] → [`score`] → [`check`] → [`report`].
//!
//! Time enters as timestamps inside events; text enters as `&str`/`&[u8]`.
//! The shell (`callcoach` crate) reads files, owns the terminal and the
//! store, and calls into this crate. The crate's dependencies contain no
//! terminal, database, file-watching or path crate, so a violation of that
//! rule is a compile error.

#![warn(missing_docs)]

pub mod check;
pub mod classify;
pub mod cue;
pub mod diagnostic;
pub mod engine;
pub mod i18n;
pub mod notes;
pub mod playbook;
pub mod practice;
pub mod redact;
pub mod report;
pub mod scenario;
pub mod score;
pub mod stage;
pub mod summary;
pub mod text;
pub mod transcript;
pub mod yaml;
