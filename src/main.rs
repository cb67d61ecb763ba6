//! The `callcoach` binary: parses the command line and dispatches.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use callcoach::cli::{CallArgs, Cli, Command, LangArg};
use callcoach::commands;
use callcoach::config::{self, Settings};
use clap::FromArgMatches;
use std::process::ExitCode;

/// Exit statuses (see the README, "Exit codes"): 0 success, 1 failure,
/// 2 a usage error (clap's own), 141 (SIGPIPE) when the reader of the
/// output went away, as other Unix tools do.
fn main() -> ExitCode {
    // Shell completion (`COMPLETE=bash callcoach -- …`, set by the script
    // `callcoach completions SHELL` prints): answer and exit before anything else.
    clap_complete::CompleteEnv::with_factory(callcoach::help::command).complete();
    // Before parsing, so that `--help` and usage errors follow `--color`.
    if let Some(when) = callcoach::output::color_from_args(std::env::args_os()) {
        callcoach::output::set_color(when);
    }
    // The definition with the examples `--help` shows (see `help`).
    let cli = match Cli::from_arg_matches(&callcoach::help::command().get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    callcoach::output::set_color(cli.color);
    // Names resolve to the published cache of this run's data directory.
    callcoach::load::use_data_dir(cli.data_dir.clone());
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
    // Printing the schema, completions or the man page needs no settings
    // (and must work with a broken settings file).
    let needs_settings = !matches!(
        cli.command,
        Some(Command::Schema { .. } | Command::Completions { .. } | Command::Man { .. })
    );
    let file = if needs_settings {
        match config::load() {
            Ok(c) => c,
            Err(diags) => {
                eprintln!(
                    "{}",
                    callcoach::diagnostic::render_all(&diags, callcoach::output::stderr_color())
                        .trim_end()
                );
                anyhow::bail!("the settings file is broken; fix it or move it away");
            }
        }
    } else {
        config::Config::default()
    };
    let settings = Settings {
        data_dir: cli.data_dir,
        agent_arg: cli.agent,
        lang_arg: cli.lang.map(LangArg::language),
        file,
    };
    let data_dir = settings.data_dir.clone();
    match cli.command {
        None => commands::call::run(&settings, CallArgs::default()),
        Some(Command::Call(args)) => commands::call::run(&settings, args),
        Some(Command::Playbook(cmd)) => commands::playbook::run(cmd, settings.cli_lang()),
        Some(Command::Schema { kind }) => commands::schema::run(kind),
        Some(Command::Completions { shell }) => {
            match callcoach::load::complete::registration(&shell.to_string()) {
                Some(script) => {
                    let _ = callcoach::output::write_stdout(&script);
                    Ok(ExitCode::SUCCESS)
                }
                None => anyhow::bail!("no completion support for {shell}"),
            }
        }
        Some(Command::Man { dir }) => commands::man::run(dir.as_deref()),
        Some(Command::Calls(cmd)) => commands::calls::run(&settings, cmd),
        Some(Command::Followups(args)) => commands::calls::followups(&settings, args),
        Some(Command::Purge {
            older_than,
            dry_run,
        }) => commands::privacy::purge(data_dir, &older_than, dry_run, settings.cli_lang()),
        Some(Command::Erase { customer, dry_run }) => {
            commands::privacy::erase(data_dir, &customer, dry_run, settings.cli_lang())
        }
        Some(Command::Privacy) => commands::privacy::privacy(data_dir, settings.cli_lang()),
        Some(Command::Practice(mut args)) => {
            args.lang = settings.lang().map(LangArg::of);
            commands::practice::run(data_dir, args)
        }
        Some(Command::Scenario(cmd)) => {
            commands::practice::scenario(cmd, settings.lang(), settings.cli_lang())
        }
        Some(Command::Report(args)) if args.team => {
            commands::team::report(&args, settings.cli_lang())
        }
        Some(Command::Report(mut args)) => {
            args.lang = Some(LangArg::of(settings.cli_lang()));
            commands::practice::report(data_dir, args)
        }
        Some(Command::Team(callcoach::cli::TeamCommand::Live)) => commands::team::live(&settings),
        Some(Command::Team(cmd)) => commands::team::run(data_dir, cmd, settings.cli_lang()),
    }
}
