//! The `callcoach` binary: parses the command line and dispatches.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use callcoach::cli::{Cli, Command};
use callcoach::commands;
use clap::{CommandFactory, Parser};
use std::process::ExitCode;

/// Exit statuses (see the README, "Exit codes"): 0 success, 1 failure,
/// 2 a usage error (clap's own), 141 (SIGPIPE) when the reader of the
/// output went away, as other Unix tools do.
fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = run(cli);
    // Output that could not be written: say so (exit 1), or end quietly
    // when the reader closed the pipe.
    let written = callcoach::output::finish();
    let broken_pipe = matches!(written, Err(std::io::ErrorKind::BrokenPipe))
        || result
            .as_ref()
            .is_err_and(callcoach::output::is_broken_pipe);
    if broken_pipe {
        callcoach::output::die_of_broken_pipe();
    }
    match (result, written) {
        (Ok(code), Ok(())) => code,
        (Ok(_), Err(kind)) => {
            callcoach::errln!(
                "callcoach: could not write to standard output: {}",
                std::io::Error::from(kind)
            );
            ExitCode::FAILURE
        }
        (Err(e), _) => {
            // Errors never carry notes text; still, strip control characters.
            callcoach::errln!(
                "callcoach: {}",
                callcoach::text::sanitize(&format!("{e:#}"))
            );
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let data_dir = cli.data_dir;
    match cli.command {
        None => commands::call::run(data_dir, Default::default()),
        Some(Command::Call(args)) => commands::call::run(data_dir, args),
        Some(Command::Playbook(cmd)) => commands::playbook::run(cmd),
        Some(Command::Schema { kind }) => commands::schema::run(kind),
        // Both generated into memory first: written straight to standard
        // output, a failed write would panic in the generator.
        Some(Command::Completions { shell }) => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "callcoach", &mut buf);
            let _ = callcoach::output::write_stdout(&buf);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
            let _ = callcoach::output::write_stdout(&buf);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Calls(cmd)) => commands::calls::run(data_dir, cmd),
        Some(Command::Followups(args)) => commands::calls::followups(data_dir, args),
        Some(Command::Purge {
            older_than,
            dry_run,
        }) => commands::privacy::purge(data_dir, &older_than, dry_run),
        Some(Command::Erase { customer, dry_run }) => {
            commands::privacy::erase(data_dir, &customer, dry_run)
        }
        Some(Command::Privacy) => commands::privacy::privacy(data_dir),
        Some(Command::Practice(args)) => commands::practice::run(data_dir, args),
        Some(Command::Scenario(cmd)) => commands::practice::scenario(cmd),
        Some(Command::Report(args)) => commands::practice::report(data_dir, args),
    }
}
