//! `callcoach playbook check|show|list|new`.

use crate::cli::PlaybookCommand;
use std::process::ExitCode;

/// `callcoach playbook …`
pub fn run(_cmd: PlaybookCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
