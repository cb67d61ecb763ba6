//! `callcoach calls|followups|purge|erase`: the call records in the store.

use crate::cli::{CallsCommand, FollowupsArgs};
use std::path::PathBuf;
use std::process::ExitCode;

/// `callcoach calls …`
pub fn run(_data_dir: Option<PathBuf>, _cmd: CallsCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the store is not built yet")
}

/// `callcoach followups …`
pub fn followups(_data_dir: Option<PathBuf>, _args: FollowupsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the store is not built yet")
}

/// `callcoach purge …`
pub fn purge(
    _data_dir: Option<PathBuf>,
    _older_than: &str,
    _dry_run: bool,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the store is not built yet")
}

/// `callcoach erase …`
pub fn erase(
    _data_dir: Option<PathBuf>,
    _customer: &str,
    _dry_run: bool,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the store is not built yet")
}
