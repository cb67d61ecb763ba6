//! callcoach: a terminal call-coaching assistant for complaint calls.
//!
//! This crate is the shell: the terminal screens ([`tui`]), the store
//! ([`store`]), file loading ([`load`]), exports ([`export`]) and the
//! command line ([`cli`], [`commands`]). Everything that can be decided
//! without a terminal, a file or a clock lives in the `callcoach-core`
//! crate; its modules are re-exported here under their own names so the
//! shell reads `crate::engine`, `crate::playbook`, … (see ARCHITECTURE.md).

#![warn(missing_docs)]

pub use callcoach_core::{
    check, classify, diagnostic, engine, i18n, notes, playbook, practice, redact, report, scenario,
    score, stage, summary, text, yaml,
};

pub mod chart;
pub mod cli;
pub mod commands;
pub mod config;
pub mod export;
pub mod help;
pub mod load;
pub mod output;
pub mod store;
pub mod team;
pub mod transcript;
pub mod tui;
