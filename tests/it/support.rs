//! Harnesses shared by the integration tests.

pub mod pty;
pub mod store;
pub mod tui;
