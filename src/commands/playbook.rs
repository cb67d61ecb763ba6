//! `callcoach playbook check|show|list|new`.

pub mod list;
pub mod new;
pub mod show;

use crate::cli::PlaybookCommand;
use crate::commands::say;
use crate::diagnostic::render_all;
use crate::i18n::library::library_words;
use crate::load;
use crate::output::{stderr_color, stdout_color};
use crate::playbook::Language;
use crate::text::sanitize_line;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `callcoach playbook …`, speaking `lang` (the interface language).
pub fn run(cmd: PlaybookCommand, lang: Language) -> anyhow::Result<ExitCode> {
    match cmd {
        PlaybookCommand::Check { files } => Ok(check(&files, lang)),
        PlaybookCommand::Show { playbook, sources } => Ok(show(playbook.as_deref(), sources, lang)),
        PlaybookCommand::List { ids: false } => Ok(list(lang)),
        PlaybookCommand::List { ids: true } => {
            let sources = load::Sources::standard(load::names::Kind::Playbook);
            for id in load::names::playbook_ids(&sources) {
                crate::outln!("{}", sanitize_line(&id));
            }
            Ok(ExitCode::SUCCESS)
        }
        PlaybookCommand::New { name, from, dir } => Ok(new(&name, &from, dir, lang)),
    }
}

fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

/// Checks every file; exit 0 when all are valid, 1 otherwise.
fn check(files: &[PathBuf], lang: Language) -> ExitCode {
    let w = library_words(lang);
    let color = stderr_color();
    let mut invalid = 0;
    for path in files {
        match load::load_playbook_file(path) {
            Ok(pb) => crate::outln!(
                "{}",
                say(
                    w.check_ok,
                    &[
                        ("path", &shown(path)),
                        ("title", &sanitize_line(&pb.title)),
                        ("version", &sanitize_line(&pb.version)),
                        ("lang", &pb.language.code()),
                    ]
                )
            ),
            Err(diags) => {
                invalid += 1;
                crate::errln!("{}\n", render_all(&diags, color));
                crate::errln!(
                    "{}\n",
                    say(
                        if diags.len() == 1 {
                            w.check_problem
                        } else {
                            w.check_problems
                        },
                        &[("path", &shown(path)), ("n", &diags.len())]
                    )
                );
            }
        }
    }
    if files.len() > 1 {
        crate::outln!(
            "{}",
            say(
                w.check_total,
                &[
                    ("n", &files.len()),
                    ("valid", &(files.len() - invalid)),
                    ("invalid", &invalid),
                ]
            )
        );
    }
    if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints a playbook (default: the built-in Dutch one) or its sources
/// table, with headings in `lang`.
fn show(spec: Option<&str>, sources: bool, lang: Language) -> ExitCode {
    let loaded = match spec {
        Some(s) => load::resolve(s).map(|(pb, _)| pb),
        None => load::default_playbook(),
    };
    match loaded {
        Ok(pb) => {
            let color = stdout_color();
            if sources {
                crate::out!("{}", show::render_sources(&pb, lang, color));
            } else {
                crate::out!("{}", show::render(&pb, lang, color));
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
fn list(lang: Language) -> ExitCode {
    let w = library_words(lang);
    let dir = load::user_dir();
    let published = load::Sources::standard(load::names::Kind::Playbook).published;
    crate::out!(
        "{}",
        list::table(
            &list::rows(dir.as_deref(), published.as_deref(), lang),
            lang
        )
    );
    match dir {
        Some(d) if d.is_dir() => {
            crate::outln!("\n{}", say(w.user_dir, &[("dir", &shown(&d))]));
        }
        Some(d) => crate::outln!("\n{}", say(w.user_dir_missing, &[("dir", &shown(&d))])),
        None => crate::outln!("\n{}", w.no_user_dir),
    }
    ExitCode::SUCCESS
}

/// Writes an editable copy of a playbook.
fn new(name: &str, from: &str, dir: Option<PathBuf>, lang: Language) -> ExitCode {
    let w = library_words(lang);
    let Some(dir) = dir.or_else(load::user_dir) else {
        crate::errln!("{}", w.no_home);
        return ExitCode::from(2);
    };
    match new::create(name, from, &dir) {
        Ok(path) => {
            let p = shown(&path);
            let from = sanitize_line(from);
            crate::outln!(
                "{}",
                say(w.wrote_playbook, &[("path", &p), ("from", &from)])
            );
            crate::outln!("{}", say(w.next_playbook, &[("path", &p)]));
            crate::outln!("{}", say(w.use_playbook, &[("path", &p)]));
            crate::outln!("{}", say(w.schema_beside, &[("file", &new::SCHEMA_FILE)]));
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::errln!("callcoach: {}", e.describe(lang));
            match e {
                new::NewError::BadName(..) | new::NewError::UnknownSource(..) => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}
