//! `callcoach practice|scenario|report`: practice sessions and results.
//!
//! Thin shell: finding and loading scenario files, printing, the store.
//! Playing, classifying and scoring are the pure core's
//! ([`crate::practice`], [`crate::classify`], [`crate::score`]).

pub mod check;
pub mod classify;
pub mod new;

pub use check::{check_file, scenario};

use crate::cli::{LangArg, PracticeArgs, PracticeCommand, ReportArgs, ReportFormat};
use crate::diagnostic::{Diagnostic, render_all};
use crate::playbook::Language;
use crate::practice::{Session, Speaker};
use crate::scenario::Scenario;
use crate::score::{self, Grade};
use crate::text::sanitize_line;
use anyhow::Context;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use crate::load::names::{FoundScenario as Found, user_scenario_dir};

/// Every scenario for listing: built-in, then published (the team's, from
/// `team sync`), then the user's own in `user_dir` (`*.yaml`, sorted by name).
pub fn all_scenarios(user_dir: Option<&Path>) -> Vec<Found> {
    crate::load::names::all_scenarios(&sources(user_dir))
}

/// The standard places, with `user_dir` as the user's own.
fn sources(user_dir: Option<&Path>) -> crate::load::Sources {
    crate::load::Sources {
        user: user_dir.map(Path::to_path_buf),
        ..crate::load::Sources::standard(crate::load::names::Kind::Scenario)
    }
}

/// Finds a scenario by file path or id (see `crate::load::names` for the
/// order: path, the user's, published, built-in); with several of one id
/// (one per language), `lang` picks, else the first.
pub fn find_scenario(
    which: &str,
    lang: Option<Language>,
    user_dir: Option<&Path>,
) -> anyhow::Result<Scenario> {
    let s = sources(user_dir);
    match crate::load::names::find_scenario(which, lang, &s).map_err(diagnostics_error)? {
        Some(sc) => Ok(sc),
        None => {
            let ids: Vec<String> = crate::load::names::all_scenarios(&s)
                .iter()
                .filter_map(|f| f.loaded.as_ref().ok())
                .map(|s| format!("{} ({})", s.id, s.language.code()))
                .collect();
            let w = crate::i18n::cli::words(lang.unwrap_or(Language::Nl));
            anyhow::bail!(
                "{}",
                crate::text::fill(w.no_scenario, |k| match k {
                    "id" => Some(sanitize_line(which)),
                    "ids" => Some(ids.join(", ")),
                    _ => None,
                })
            )
        }
    }
}

fn diagnostics_error(d: Vec<Diagnostic>) -> anyhow::Error {
    anyhow::anyhow!("{}", render_all(&d, false))
}

pub(crate) fn lang_of(arg: Option<LangArg>) -> Option<Language> {
    arg.map(|l| match l {
        LangArg::Nl => Language::Nl,
        LangArg::En => Language::En,
    })
}

/// `callcoach practice …`
pub fn run(data_dir: Option<PathBuf>, args: PracticeArgs) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal as _;
    if let Some(PracticeCommand::Classify(c)) = &args.command {
        return classify::run(c);
    }
    let user_dir = user_scenario_dir();
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let trainee = args
        .trainee
        .as_deref()
        .map(sanitize_line)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(default_trainee);
    let Some(which) = args.scenario.as_deref() else {
        let all = all_scenarios(user_dir.as_deref());
        if !interactive || args.answers.is_some() {
            emit(&list_text(&all, lang_of(args.lang).unwrap_or(Language::Nl)))?;
            return Ok(ExitCode::SUCCESS);
        }
        return pick_and_play(data_dir, &args, &trainee, &all);
    };
    let sc = find_scenario(which, lang_of(args.lang), user_dir.as_deref())?;
    let playbooks = crate::load::all_playbooks();
    let pb = playbook_of(&sc, &playbooks)?;
    match &args.answers {
        Some(answers) => {
            let started = crate::store::now_ms();
            let session = Session::play(&sc, answers).map_err(|e| anyhow::anyhow!("{e}"))?;
            let grade = score::grade_session_with(&session, &score::Rubric::of_playbook(Some(pb)));
            emit(&session_text(&session, &grade))?;
            save_result(
                data_dir,
                &trainee,
                &session,
                &grade,
                started,
                crate::store::now_ms(),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            if !interactive {
                let lang = args.lang.map(LangArg::language).unwrap_or(sc.language);
                anyhow::bail!("{}", crate::i18n::cli::words(lang).practice_needs_terminal);
            }
            let mut term = crate::tui::term::Term::open(false)?;
            let grade = play(&mut term, data_dir, &args, &trainee, &sc, pb)?;
            drop(term);
            print_grade(&sc, grade)
        }
    }
}

/// `callcoach practice` in a terminal: pick from the list, then play.
fn pick_and_play(
    data_dir: Option<PathBuf>,
    args: &PracticeArgs,
    trainee: &str,
    all: &[Found],
) -> anyhow::Result<ExitCode> {
    use crate::tui::picker::{Entry, Picker};
    let lang = lang_of(args.lang).unwrap_or(Language::Nl);
    let w = crate::i18n::library::library_words(lang);
    let entries = all
        .iter()
        .map(|f| match &f.loaded {
            Ok(s) => Entry {
                id: s.id.clone(),
                lang: s.language.code().into(),
                title: s.title.clone(),
                origin: f.place_label(lang),
                ok: true,
            },
            Err(d) => Entry {
                id: "?".into(),
                lang: "  ".into(),
                title: crate::commands::say(w.problems, &[("n", &d.len())]),
                origin: f.place_label(lang),
                ok: false,
            },
        })
        .collect();
    let theme = crate::tui::theme::Theme::from_env();
    let mut picker = Picker::new(entries, lang, theme);
    let mut term = crate::tui::term::Term::open(false)?;
    let Some(i) = crate::tui::picker::run_picker(&mut term, &mut picker)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let Some(Ok(sc)) = all.get(i).map(|f| &f.loaded) else {
        return Ok(ExitCode::SUCCESS);
    };
    let playbooks = crate::load::all_playbooks();
    let pb = match playbook_of(sc, &playbooks) {
        Ok(pb) => pb,
        Err(e) => {
            drop(term);
            return Err(e);
        }
    };
    let grade = play(&mut term, data_dir, args, trainee, sc, pb)?;
    drop(term);
    print_grade(sc, grade)
}

/// Plays `sc` on the practice screen, storing the result when it finishes.
fn play(
    term: &mut crate::tui::term::Term,
    data_dir: Option<PathBuf>,
    args: &PracticeArgs,
    trainee: &str,
    sc: &Scenario,
    pb: &crate::playbook::Playbook,
) -> anyhow::Result<Option<Grade>> {
    let mut app = crate::tui::practice::PracticeApp::new(
        sc,
        Some(pb),
        args.exam,
        crate::tui::theme::Theme::from_env(),
    );
    let started = crate::store::now_ms();
    let mut save = |s: &Session<'_>, g: &Grade| {
        save_result(
            data_dir.clone(),
            trainee,
            s,
            g,
            started,
            crate::store::now_ms(),
        )
        .map_err(|e| format!("{e:#}"))
    };
    crate::tui::practice::run(term, &mut app, &mut save)
}

/// The playbook `sc` trains (built-in or the user's), or an error naming
/// the ids known and the nearest one.
pub fn playbook_of<'p>(
    sc: &Scenario,
    playbooks: &'p [crate::playbook::Playbook],
) -> anyhow::Result<&'p crate::playbook::Playbook> {
    match crate::scenario::refs::find(sc, playbooks) {
        Some(pb) => Ok(pb),
        None => {
            let p = crate::scenario::refs::problems(sc, playbooks);
            let detail: Vec<String> = p
                .iter()
                .flat_map(|x| {
                    [Some(x.message.clone()), x.expected.clone(), x.hint.clone()]
                        .into_iter()
                        .flatten()
                })
                .collect();
            anyhow::bail!(
                "scenario `{}` cannot be practised: {}",
                sanitize_line(&sc.id),
                detail.join("; ")
            )
        }
    }
}

/// One line after leaving the screen.
fn print_grade(sc: &Scenario, grade: Option<Grade>) -> anyhow::Result<ExitCode> {
    if let Some(g) = grade {
        emit(&format!(
            "{}: {}/100 ({})\n",
            sanitize_line(&sc.title),
            g.score,
            if g.passed { "passed" } else { "not passed" }
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to standard output; a closed pipe (`| head`) is not an error.
pub(crate) fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("could not write to standard output"))
        }
        _ => Ok(()),
    }
}

fn default_trainee() -> String {
    std::env::var("USER")
        .ok()
        .map(|u| sanitize_line(&u))
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "trainee".into())
}

/// Stores a finished session (see [`practice_record_json`] for the content).
fn save_result(
    data_dir: Option<PathBuf>,
    trainee: &str,
    session: &Session<'_>,
    grade: &Grade,
    started: i64,
    finished: i64,
) -> anyhow::Result<()> {
    let record = practice_record(trainee, session, grade, started, finished)?;
    let dir = crate::store::resolve_data_dir(data_dir)?;
    let store = crate::store::Store::open(&dir)?;
    store.record_practice(&record)?;
    crate::team::sync::spawn_background(&dir);
    Ok(())
}

/// The stored form of a finished session.
pub fn practice_record(
    trainee: &str,
    session: &Session<'_>,
    grade: &Grade,
    started: i64,
    finished: i64,
) -> anyhow::Result<crate::store::PracticeRecord> {
    let (moves_json, breakdown_json) = practice_record_json(session, grade)?;
    Ok(crate::store::PracticeRecord {
        trainee: trainee.to_owned(),
        scenario_id: session.scenario.id.clone(),
        started_at: started,
        finished_at: finished,
        moves_json,
        score: grade.score,
        passed: grade.passed,
        breakdown_json,
    })
}

/// The JSON content of a stored practice result: `(moves_json,
/// breakdown_json)`. Moves: the turns as played. Breakdown: the grade.
pub fn practice_record_json(
    session: &Session<'_>,
    grade: &Grade,
) -> anyhow::Result<(String, String)> {
    let moves = serde_json::to_string(&serde_json::json!({
        "language": session.scenario.language,
        "ending": session.ending,
        "final_mood": session.mood,
        "turns": session.turns,
    }))
    .context("could not encode the moves")?;
    let breakdown = serde_json::to_string(grade).context("could not encode the breakdown")?;
    Ok((moves, breakdown))
}

/// The scenario list of `callcoach practice` and `scenario list`, in `lang`.
pub fn list_text(all: &[Found], lang: Language) -> String {
    let w = crate::i18n::library::library_words(lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}", w.scenarios);
    for f in all {
        match &f.loaded {
            Ok(s) => {
                let _ = writeln!(
                    out,
                    "  {:<22} {}  {}  [{}]",
                    sanitize_line(&s.id),
                    s.language.code(),
                    sanitize_line(&s.title),
                    sanitize_line(&f.place_label(lang))
                );
            }
            Err(d) => {
                let _ = writeln!(
                    out,
                    "{}",
                    crate::commands::say(
                        w.scenario_broken,
                        &[("file", &sanitize_line(&f.origin)), ("n", &d.len())]
                    )
                );
            }
        }
    }
    out
}

/// The printed result of a session: transcript, score, breakdown, feedback.
pub fn session_text(session: &Session<'_>, grade: &Grade) -> String {
    let sc = session.scenario;
    let lang = sc.language;
    let w = crate::i18n::PracticeWords::for_language(lang);
    let name = sanitize_line(&sc.persona.name);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} ({})",
        sanitize_line(&sc.title),
        sanitize_line(&sc.id),
        lang.code()
    );
    let _ = writeln!(out, "{}\n", sanitize_line(&sc.persona.situation));
    let mut turn = 0usize;
    for line in &session.transcript {
        match line.speaker {
            Speaker::Customer => {
                let _ = writeln!(out, "{name}: {}", sanitize_line(&line.text));
            }
            Speaker::Trainee => {
                let t = session.turns.get(turn);
                turn += 1;
                let tag = t.map_or(String::new(), |t| {
                    format!(" [{} {}]", t.option, t.act.label(lang))
                });
                let _ = writeln!(out, "{}{tag}: {}", w.you, sanitize_line(&line.text));
            }
        }
    }
    out.push('\n');
    let theme = crate::tui::theme::Theme::mono();
    for line in crate::tui::practice::result_lines(session, grade, &theme, None) {
        let text: String = line.spans.iter().map(|sp| sp.content.as_ref()).collect();
        let _ = writeln!(out, "{}", text.trim_end());
    }
    out
}

/// `callcoach report …`
pub fn report(data_dir: Option<PathBuf>, args: ReportArgs) -> anyhow::Result<ExitCode> {
    use crate::report;
    use std::io::IsTerminal as _;
    let dir = crate::store::resolve_data_dir(data_dir)?;
    let store = crate::store::Store::open(&dir)?;
    let filter = crate::store::PracticeFilter {
        trainee: args.trainee.clone(),
        scenario_id: args.scenario.clone(),
    };
    let attempts: Vec<report::Attempt> = store
        .practice_records(&filter)?
        .iter()
        .map(|r| {
            report::Attempt::from_stored(
                &r.trainee,
                &r.scenario_id,
                r.finished_at,
                r.score,
                r.passed,
                &r.breakdown_json,
            )
        })
        .collect();
    // Playbooks by id, for item and cause labels (built-in ones only).
    let playbooks: Vec<crate::playbook::Playbook> = crate::playbook::builtin::ALL
        .iter()
        .filter_map(|(name, _, _)| crate::playbook::load::builtin(name).and_then(Result::ok))
        .collect();
    // Each call's facts are cached in the store when first computed.
    let facts = store.call_facts(&playbooks)?;
    let rep = report::Report {
        practice: report::practice_rows(&attempts),
        calls: report::figures_from_facts(&facts),
    };
    match args.format {
        ReportFormat::Json => emit(&format!("{}\n", serde_json::to_string_pretty(&rep)?))?,
        ReportFormat::Csv => emit(&report::csv(&rep))?,
        ReportFormat::Table => {
            emit(&report::table(
                &rep,
                args.lang
                    .map_or(crate::playbook::Language::Nl, LangArg::language),
            ))?;
            if std::io::stdout().is_terminal() && !rep.practice.is_empty() {
                let term = crossterm::terminal::size()
                    .map(|(w, _)| w)
                    .ok()
                    .filter(|w| *w >= 40)
                    .unwrap_or(80);
                let width = term.min(crate::chart::width_for(&rep));
                let chart = if crate::output::stdout_color() {
                    crate::chart::ansi(&rep, width)
                } else {
                    crate::chart::plain(&rep, width)
                };
                emit(&format!("\n{chart}"))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
