//! `callcoach call`: the live call screen.

use crate::cli::{CallArgs, ChannelArg, LangArg};
use crate::engine::CallMeta;
use crate::playbook::{Channel, Language, Playbook, load};
use crate::stage::StageId;
use crate::store::MemorySink;
use crate::text::sanitize_line;
use crate::tui::app::{App, Setup, detect_all_cues};
use crate::tui::run::{self, Options, now_ms};
use crate::tui::theme::Theme;
use anyhow::Context as _;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the live call screen.
pub fn run(data_dir: Option<PathBuf>, args: CallArgs) -> anyhow::Result<ExitCode> {
    let (pb, watch) = resolve_playbook(args.playbook.as_deref())?;
    let lang = language(args.lang, &pb);
    let customer = match &args.customer {
        Some(c) => clean_ref(c),
        None => ask_customer(lang)?,
    };
    let channel = match args.channel {
        Some(ChannelArg::InPerson) => Channel::InPerson,
        _ => Channel::Phone,
    };
    let meta = CallMeta {
        playbook_id: pb.id.clone(),
        playbook_version: pb.version.clone(),
        customer,
        channel,
        difficult_before: false,
    };
    let data_dir = resolve_data_dir(data_dir)?;
    let setup = setup(pb, watch.clone(), lang, args.agent.as_deref(), false);
    let now = now_ms();
    let (mut app, mut fx) = App::new_call(setup, meta, now);
    fx.extend(detect_all_cues(&mut app));
    let mut sink = MemorySink::default();
    let opts = Options {
        watch,
        save_dir: data_dir.join("exports"),
    };
    run::run(&mut app, fx, &mut sink, &opts)?;
    Ok(ExitCode::SUCCESS)
}

/// Reopens stored call `call` in the live screen, optionally at stage `at`
/// (e.g. `follow_up` for `callcoach followups open ID`).
pub fn open_existing(
    _data_dir: Option<PathBuf>,
    _call: String,
    _at: Option<StageId>,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("reopening a stored call needs the store, which is not available yet")
}

fn setup(
    playbook: Playbook,
    watch: Option<PathBuf>,
    lang: Language,
    agent: Option<&str>,
    persistent: bool,
) -> Setup {
    let utc_offset_secs = jiff::tz::TimeZone::system()
        .to_offset(jiff::Timestamp::now())
        .seconds();
    Setup {
        playbook,
        playbook_file: watch.map(|p| p.display().to_string()),
        lang,
        agent: agent.map(sanitize_line).filter(|a| !a.trim().is_empty()),
        persistent,
        history: None,
        utc_offset_secs,
        theme: Theme::from_env(),
    }
}

fn language(arg: Option<LangArg>, pb: &Playbook) -> Language {
    match arg {
        Some(LangArg::Nl) => Language::Nl,
        Some(LangArg::En) => Language::En,
        None => pb.language,
    }
}

/// A built-in name, or a file (returned for watching). Default: the Dutch built-in.
pub fn resolve_playbook(arg: Option<&str>) -> anyhow::Result<(Playbook, Option<PathBuf>)> {
    let show = |diags: Vec<crate::diagnostic::Diagnostic>| {
        let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("{}", text.join("\n"))
    };
    match arg {
        None => Ok((load::default_playbook().map_err(show)?, None)),
        Some(name) => match load::builtin(name) {
            Some(r) => Ok((r.map_err(show)?, None)),
            None => {
                let path = PathBuf::from(name);
                let pb = load::load_file(&path).map_err(show)?;
                Ok((pb, Some(path)))
            }
        },
    }
}

/// The data directory: `--data-dir`/`CALLCOACH_DATA_DIR`, else XDG.
fn resolve_data_dir(arg: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match arg {
        Some(d) => Ok(d),
        None => {
            use etcetera::BaseStrategy as _;
            let base = etcetera::choose_base_strategy().context("no home directory")?;
            Ok(base.data_dir().join("callcoach"))
        }
    }
}

/// A customer reference: one line, no control characters, not empty.
fn clean_ref(s: &str) -> Option<String> {
    let s = sanitize_line(s).trim().to_owned();
    (!s.is_empty()).then_some(s)
}

/// Asks for the customer reference on the terminal before the screen
/// opens; Enter skips. Not asked when input is not a terminal.
fn ask_customer(lang: Language) -> anyhow::Result<Option<String>> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Ok(None);
    }
    let prompt = match lang {
        Language::Nl => "Klantreferentie (ticket- of klantnummer; Enter = overslaan): ",
        Language::En => "Customer reference (ticket or account number; Enter = skip): ",
    };
    let mut err = std::io::stderr();
    write!(err, "{prompt}")?;
    err.flush()?;
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    Ok(clean_ref(&line))
}
