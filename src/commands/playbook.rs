//! `callcoach playbook check|show|list|new`.

use crate::cli::PlaybookCommand;
use crate::diagnostic::{render_all, stderr_color};
use crate::playbook::load;
use crate::text::sanitize_line;
use std::path::PathBuf;
use std::process::ExitCode;

/// `callcoach playbook …`
pub fn run(cmd: PlaybookCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        PlaybookCommand::Check { files } => Ok(check(&files)),
        PlaybookCommand::Show { .. } => anyhow::bail!("not built yet"),
        PlaybookCommand::List => anyhow::bail!("not built yet"),
        PlaybookCommand::New { .. } => anyhow::bail!("not built yet"),
    }
}

/// Checks every file; exit 0 when all are valid, 1 otherwise.
fn check(files: &[PathBuf]) -> ExitCode {
    let color = stderr_color();
    let mut invalid = 0;
    for path in files {
        match load::load_file(path) {
            Ok(pb) => println!(
                "ok: {} — {} {} ({})",
                sanitize_line(&path.display().to_string()),
                sanitize_line(&pb.title),
                sanitize_line(&pb.version),
                pb.language.code()
            ),
            Err(diags) => {
                invalid += 1;
                eprintln!("{}\n", render_all(&diags, color));
                eprintln!(
                    "{}: {} problem{} found",
                    sanitize_line(&path.display().to_string()),
                    diags.len(),
                    if diags.len() == 1 { "" } else { "s" }
                );
            }
        }
    }
    if files.len() > 1 {
        println!(
            "{} file{} checked: {} valid, {} invalid",
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            files.len() - invalid,
            invalid
        );
    }
    if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
