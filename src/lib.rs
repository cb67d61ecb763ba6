//! callcoach: a terminal call-coaching assistant for complaint calls.
//!
//! The pure core — [`playbook`] model, [`engine`] (the six-stage state
//! machine), [`notes`] cues and markers — knows nothing of terminals, files
//! or clocks. The shell (TUI, store, CLI) is a thin layer over it.

#![warn(missing_docs)]
// Nothing a user or a file can influence may panic the program: no unwrap or
// expect outside tests (tests may, to fail loudly).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod classify;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod engine;
pub mod export;
pub mod i18n;
pub mod notes;
pub mod playbook;
pub mod practice;
pub mod report;
pub mod scenario;
pub mod score;
pub mod stage;
pub mod store;
pub mod summary;
pub mod text;
pub mod tui;
pub mod yaml;
