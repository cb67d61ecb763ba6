//! `callcoach call`: the live call screen.

use crate::cli::CallArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the live call screen.
pub fn run(_data_dir: Option<PathBuf>, _args: CallArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the live call screen is not built yet")
}
