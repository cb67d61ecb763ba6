//! `callcoach practice|scenario|report`: practice sessions and results.

use crate::cli::{PracticeArgs, ReportArgs, ScenarioCommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// `callcoach practice …`
pub fn run(_data_dir: Option<PathBuf>, _args: PracticeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("practice mode is not built yet")
}

/// `callcoach scenario …`
pub fn scenario(_cmd: ScenarioCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("practice mode is not built yet")
}

/// `callcoach report …`
pub fn report(_data_dir: Option<PathBuf>, _args: ReportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("practice mode is not built yet")
}
