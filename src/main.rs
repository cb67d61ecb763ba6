//! The `callcoach` binary: parses the command line and dispatches.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use callcoach::cli::{Cli, Command};
use callcoach::commands;
use clap::{CommandFactory, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Errors never carry notes text; still, strip control characters.
            eprintln!(
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
        Some(Command::Completions { shell }) => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "callcoach",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Calls(cmd)) => commands::calls::run(data_dir, cmd),
        Some(Command::Followups(args)) => commands::calls::followups(data_dir, args),
        Some(Command::Purge {
            older_than,
            dry_run,
        }) => commands::calls::purge(data_dir, &older_than, dry_run),
        Some(Command::Erase { customer, dry_run }) => {
            commands::calls::erase(data_dir, &customer, dry_run)
        }
        Some(Command::Practice(args)) => commands::practice::run(data_dir, args),
        Some(Command::Scenario(cmd)) => commands::practice::scenario(cmd),
        Some(Command::Report(args)) if args.team => commands::team::report(&args),
        Some(Command::Report(args)) => commands::practice::report(data_dir, args),
        Some(Command::Team(cmd)) => commands::team::run(data_dir, cmd),
    }
}
