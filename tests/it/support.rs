//! Harnesses shared by the integration tests.

pub mod pg;
pub mod pty;
pub mod store;
pub mod tls;
pub mod tui;
