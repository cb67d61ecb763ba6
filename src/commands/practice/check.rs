//! `callcoach scenario check`: validity, the playbook reference, soundness
//! and the score range of scenario files.

use super::emit;
use crate::cli::ScenarioCommand;
use crate::commands::say;
use crate::diagnostic::{Diagnostic, render_all};
use crate::output::stdout_color;
use crate::playbook::Language;
use crate::scenario::{Scenario, load};
use crate::text::sanitize_line;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

/// `callcoach scenario …`: `lang` is the `--lang` given (it picks among
/// scenarios of one id), `words` the interface language.
pub fn scenario(
    cmd: ScenarioCommand,
    lang: Option<Language>,
    words: Language,
) -> anyhow::Result<ExitCode> {
    match cmd {
        ScenarioCommand::Check { files } => check_files(&files, words),
        ScenarioCommand::List { ids } => super::new::list(ids, words),
        ScenarioCommand::New { name, from, dir } => {
            Ok(super::new::new(&name, &from, lang, dir, words))
        }
    }
}

/// `callcoach scenario check FILE…`: validity, soundness and score range.
fn check_files(files: &[std::path::PathBuf], lang: Language) -> anyhow::Result<ExitCode> {
    let color = stdout_color();
    let mut ok = true;
    for f in files {
        let (text, valid) = check_file(f, lang, color);
        emit(&text)?;
        ok &= valid;
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Checks one scenario file; returns the report text and whether it passed.
/// Errors fail the check; warnings (the best reply always at the same
/// position) are printed but do not. The range line is in `lang`; `color`
/// paints the diagnostics.
pub fn check_file(path: &Path, lang: Language, color: bool) -> (String, bool) {
    let w = crate::i18n::library::library_words(lang);
    let name = sanitize_line(&path.display().to_string());
    let playbooks = crate::load::all_playbooks();
    // The search runs once, inside the rules (its range problems are
    // located like the others), and its result is kept for the range line.
    type Found = (
        crate::check::Soundness,
        Option<crate::playbook::validate::Problem>,
        u8,
    );
    let found: std::cell::RefCell<Option<Found>> = Default::default();
    let strict = crate_yaml_load(path, |s: &Scenario| {
        let mut p = load::rules(s);
        p.extend(crate::scenario::refs::problems(s, &playbooks));
        if p.is_empty()
            && let Some(sound) = crate::check::soundness_with(s, &rubric_of(s, &playbooks))
        {
            p.extend(crate::check::range_problems(s, &sound));
            let warning = crate::check::position_warning(s, &sound);
            *found.borrow_mut() = Some((sound, warning, s.pass_mark()));
        }
        p
    });
    let mut out = String::new();
    let ok = strict.is_ok();
    match &strict {
        Ok(_) => {
            let _ = writeln!(out, "✓ {name}");
        }
        Err(diags) => {
            let _ = writeln!(out, "✗ {name}");
            let _ = writeln!(out, "{}", render_all(diags, color));
        }
    }
    // The score range, whenever the graph can be followed.
    if let Some((sound, warning, pass_mark)) = found.into_inner() {
        let search = say(
            if sound.bounded {
                w.searched_part
            } else {
                w.searched_all
            },
            &[("n", &sound.states)],
        );
        let _ = writeln!(
            out,
            "{}",
            say(
                w.range,
                &[
                    ("best", &sound.best),
                    ("worst", &sound.worst),
                    ("pass", &pass_mark),
                    ("search", &search),
                    ("best_path", &join_path(&sound.best_path)),
                    ("worst_path", &join_path(&sound.worst_path)),
                ]
            )
        );
        if let Some(w) = warning {
            let _ = writeln!(out, "{}", warning_text(&w, color));
        }
    }
    (out, ok)
}

/// The rubric sessions of `s` are graded with: its playbook's, when one
/// of `playbooks` is the one it names (the defaults otherwise).
fn rubric_of(s: &Scenario, playbooks: &[crate::playbook::Playbook]) -> crate::score::Rubric {
    crate::score::Rubric::of_playbook(playbooks.iter().find(|p| p.id == s.playbook))
}

/// A warning under the score range: `warning: …` with what is expected
/// and a hint, indented like the range line. The texts are the core's own.
fn warning_text(w: &crate::playbook::validate::Problem, color: bool) -> String {
    let label = if color {
        crate::output::warning("warning:")
    } else {
        "warning:".to_owned()
    };
    let mut text = format!("  {label} {}", w.message);
    for (what, value) in [("expected", &w.expected), ("hint", &w.hint)] {
        if let Some(v) = value {
            let _ = write!(text, "\n    = {what}: {v}");
        }
    }
    text
}

fn join_path(p: &[usize]) -> String {
    p.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn crate_yaml_load(
    path: &Path,
    rules: impl Fn(&Scenario) -> Vec<crate::playbook::validate::Problem>,
) -> Result<Scenario, Vec<Diagnostic>> {
    match std::fs::read(path) {
        Ok(bytes) => load::parse_with(&path.display().to_string(), &bytes, rules),
        Err(e) => Err(vec![Diagnostic::file_level(
            &path.display().to_string(),
            format!("cannot read: {e}"),
        )]),
    }
}
