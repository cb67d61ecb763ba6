//! `callcoach playbook check|show|list|new`.

pub mod list;
pub mod new;
pub mod show;

use crate::cli::PlaybookCommand;
use crate::diagnostic::render_all;
use crate::load;
use crate::output::{stderr_color, stdout_color};
use crate::text::sanitize_line;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `callcoach playbook …`
pub fn run(cmd: PlaybookCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        PlaybookCommand::Check { files } => Ok(check(&files)),
        PlaybookCommand::Show { playbook, sources } => Ok(show(playbook.as_deref(), sources)),
        PlaybookCommand::List { ids: false } => Ok(list()),
        PlaybookCommand::List { ids: true } => {
            let sources = load::Sources::standard(load::names::Kind::Playbook);
            for id in load::names::playbook_ids(&sources) {
                crate::outln!("{}", sanitize_line(&id));
            }
            Ok(ExitCode::SUCCESS)
        }
        PlaybookCommand::New { name, from, dir } => Ok(new(&name, &from, dir)),
    }
}

fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

/// Checks every file; exit 0 when all are valid, 1 otherwise.
fn check(files: &[PathBuf]) -> ExitCode {
    let color = stderr_color();
    let mut invalid = 0;
    for path in files {
        match load::load_playbook_file(path) {
            Ok(pb) => crate::outln!(
                "ok: {} — {} {} ({})",
                shown(path),
                sanitize_line(&pb.title),
                sanitize_line(&pb.version),
                pb.language.code()
            ),
            Err(diags) => {
                invalid += 1;
                crate::errln!("{}\n", render_all(&diags, color));
                crate::errln!(
                    "{}: {} problem{} found\n",
                    shown(path),
                    diags.len(),
                    if diags.len() == 1 { "" } else { "s" }
                );
            }
        }
    }
    if files.len() > 1 {
        crate::outln!(
            "{} files checked: {} valid, {} invalid",
            files.len(),
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

/// Prints a playbook (default: the built-in Dutch one) or its sources table.
fn show(spec: Option<&str>, sources: bool) -> ExitCode {
    let loaded = match spec {
        Some(s) => load::resolve(s).map(|(pb, _)| pb),
        None => load::default_playbook(),
    };
    match loaded {
        Ok(pb) => {
            let color = stdout_color();
            if sources {
                crate::out!("{}", show::render_sources(&pb, color));
            } else {
                crate::out!("{}", show::render(&pb, color));
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            crate::errln!("{}", render_all(&diags, stderr_color()));
            ExitCode::FAILURE
        }
    }
}

/// Lists built-in and user playbooks.
fn list() -> ExitCode {
    let dir = load::user_dir();
    let published = load::Sources::standard(load::names::Kind::Playbook).published;
    crate::out!(
        "{}",
        list::table(&list::rows(dir.as_deref(), published.as_deref()))
    );
    match dir {
        Some(d) if d.is_dir() => crate::outln!("\nYour playbook directory: {}", shown(&d)),
        Some(d) => crate::outln!(
            "\nYour playbook directory: {} (does not exist yet; `callcoach playbook new NAME` creates it)",
            shown(&d)
        ),
        None => crate::outln!("\nNo home directory found, so there is no user playbook directory."),
    }
    ExitCode::SUCCESS
}

/// Writes an editable copy of a playbook.
fn new(name: &str, from: &str, dir: Option<PathBuf>) -> ExitCode {
    let Some(dir) = dir.or_else(load::user_dir) else {
        crate::errln!("callcoach: no home directory found; give a directory with --dir DIR");
        return ExitCode::from(2);
    };
    match new::create(name, from, &dir) {
        Ok(path) => {
            let p = shown(&path);
            crate::outln!("Wrote {p} (a copy of `{}`).", sanitize_line(from));
            crate::outln!("Next: edit it, then check it with `callcoach playbook check {p}`;");
            crate::outln!("use it in a call with `callcoach call --playbook {p}`.");
            crate::outln!(
                "Your editor can complete and check keys: {} is next to it.",
                new::SCHEMA_FILE
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::errln!("callcoach: {e}");
            match e {
                new::NewError::BadName(..) | new::NewError::UnknownSource(..) => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}
