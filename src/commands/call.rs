//! `callcoach call`: the live call screen.

use crate::cli::{CallArgs, ChannelArg, LangArg};
use crate::engine::CallMeta;
use crate::load;
use crate::playbook::{Channel, Language, Playbook};
use crate::stage::StageId;
use crate::store::{self, CallId, Recorder, SaveStatus, Store};
use crate::text::sanitize_line;
use crate::tui::call::run::{self, Options, now_ms};
use crate::tui::call::{App, Effect, History, Setup, detect_all_cues};
use crate::tui::theme::Theme;
use anyhow::Context as _;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the live call screen. An unfinished call in the store (the program
/// ended without the call being ended) is resumed instead of starting a new one.
pub fn run(data_dir: Option<PathBuf>, args: CallArgs) -> anyhow::Result<ExitCode> {
    require_terminal()?;
    let dir = store::resolve_data_dir(data_dir)?;
    let opened = Store::open(&dir);
    if let Ok(st) = &opened
        && let Some(id) = resumable(st)
    {
        return open_call(st, &args, id, None);
    }
    let (pb, watch) = resolve_playbook(args.playbook.as_deref())?;
    let lang = language(args.lang, &pb);
    let customer = match &args.customer {
        Some(c) => clean_ref(c),
        None => ask_customer(lang)?,
    };
    let history = match (&opened, &customer) {
        (Ok(st), Some(c)) => st
            .customer_history(c)
            .ok()
            .map(|h| History::from_store(h, None)),
        _ => None,
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
        difficult_before: history.as_ref().is_some_and(|h| h.difficult_before),
    };
    let mut setup = setup(pb, watch.clone(), lang, args.agent.as_deref());
    setup.history = history;
    let (mut app, _started) = App::new_call(setup, meta, now_ms());
    // The recorder (its connection and the fsync of the `Started` event)
    // starts right after the first frame is drawn: the screen shows at
    // once, and the event is stored before any key is handled.
    let mut first = vec![Effect::Persist(Vec::new())];
    first.extend(detect_all_cues(&mut app));
    let mut recorder = NewCall {
        dir: dir.clone(),
        started: app.log[0].clone(),
        recorder: None,
        // Why the store could not be opened (no notes text in that message).
        open_error: opened
            .err()
            .map(|e| crate::text::sanitize_line(&format!("{e:#}"))),
    };
    drive(&mut app, first, &mut recorder, watch, &dir)
}

/// The recorder of a new call, started by the first events stored (the
/// first effects, run after the first frame).
struct NewCall {
    dir: PathBuf,
    started: crate::engine::Event,
    recorder: Option<Recorder>,
    open_error: Option<String>,
}

impl NewCall {
    /// The recorder, and the status of storing the `Started` event when
    /// this call started it.
    fn recorder(&mut self) -> (&mut Recorder, Option<SaveStatus>) {
        let mut started = None;
        let rec = self.recorder.get_or_insert_with(|| {
            // The recorder stores the `Started` event itself (database or journal).
            let (rec, mut status) = Recorder::start(&self.dir, &self.started);
            // The recorder's own fallback status says more; otherwise say
            // why the store could not be opened.
            if let (Some(reason), SaveStatus::Saved) = (&self.open_error, &status) {
                status = SaveStatus::Fallback {
                    path: self.dir.display().to_string(),
                    reason: reason.clone(),
                };
            }
            started = Some(status);
            rec
        });
        (rec, started)
    }
}

impl store::CallSink for NewCall {
    fn append(&mut self, events: &[crate::engine::Event]) -> SaveStatus {
        let (rec, started) = self.recorder();
        match started {
            Some(status) if events.is_empty() => status,
            _ => store::CallSink::append(rec, events),
        }
    }

    fn save_notes(&mut self, notes: &str, at: crate::engine::Timestamp) -> SaveStatus {
        store::CallSink::save_notes(self.recorder().0, notes, at)
    }
}

impl Recording for NewCall {
    fn flush(&mut self) -> SaveStatus {
        self.recorder().0.flush()
    }
    fn call_id(&mut self) -> String {
        self.recorder().0.call_id().to_string()
    }
}

/// What [`drive`] needs of a recorder besides storing.
trait Recording: store::CallSink {
    fn flush(&mut self) -> SaveStatus;
    fn call_id(&mut self) -> String;
}

impl Recording for Recorder {
    fn flush(&mut self) -> SaveStatus {
        Recorder::flush(self)
    }
    fn call_id(&mut self) -> String {
        Recorder::call_id(self).to_string()
    }
}

/// Reopens stored call `call` in the live screen, optionally at stage `at`
/// (`follow_up` for `callcoach followups open ID`: its agreements are
/// listed, and F8 records the follow-up's result).
pub fn open_existing(
    data_dir: Option<PathBuf>,
    call: CallId,
    at: Option<StageId>,
) -> anyhow::Result<ExitCode> {
    require_terminal()?;
    let dir = store::resolve_data_dir(data_dir)?;
    let st = Store::open(&dir)?;
    open_call(&st, &CallArgs::default(), call, at)
}

/// The call screen needs a terminal on both sides; checked before anything
/// is stored, so a piped run leaves no empty call behind.
fn require_terminal() -> anyhow::Result<()> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        anyhow::bail!(
            "the live call screen needs a terminal; see `callcoach --help` for the other commands"
        )
    }
}

/// The most recently active unfinished call that no other process has open.
fn resumable(st: &Store) -> Option<CallId> {
    st.unfinished_calls()
        .ok()?
        .into_iter()
        .find(|id| !store::is_live_elsewhere(st.dir(), id))
}

fn open_call(
    st: &Store,
    args: &CallArgs,
    id: CallId,
    at: Option<StageId>,
) -> anyhow::Result<ExitCode> {
    let dir = st.dir().to_path_buf();
    let stored = st.load_call(&id)?;
    let mut recorder = Recorder::resume(&dir, &id)?;
    // The playbook asked for, else the built-in the call was made with.
    let (pb, watch) = match args.playbook.as_deref() {
        Some(p) => resolve_playbook(Some(p))?,
        None => resolve_playbook(Some(stored.info.playbook_id.as_str()))
            .or_else(|_| resolve_playbook(None))?,
    };
    let lang = language(args.lang, &pb);
    let mut setup = setup(pb, watch.clone(), lang, args.agent.as_deref());
    if let Some(c) = &stored.info.customer {
        // This call is among them.
        setup.history = st
            .customer_history(c)
            .ok()
            .map(|h| History::from_store(h, Some(&id)));
    }
    let last = stored.last_activity;
    let (mut app, mut first) = App::resume(setup, stored.events, &stored.notes, last, now_ms())
        .context("the stored call has no start event")?;
    first.extend(app.open_at(at));
    drive(&mut app, first, &mut recorder, watch, &dir)
}

fn drive(
    app: &mut App,
    first: Vec<Effect>,
    recorder: &mut dyn Recording,
    watch: Option<PathBuf>,
    dir: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let opts = Options {
        watch,
        save_dir: dir.join("exports"),
    };
    let result = run::run(app, first, &mut *recorder, &opts);
    // The screen may end with an error (e.g. drawing to a terminal that is
    // gone) before its final save: the notes typed so far are saved here.
    if app.notes_unsaved() {
        recorder.save_notes(&app.notes_text(), now_ms());
    }
    // Anything a failed save kept in memory gets one more try.
    let status = recorder.flush();
    result?;
    if let SaveStatus::Failed { reason } = status {
        anyhow::bail!("the call could not be saved: {reason}");
    }
    eprintln!(
        "callcoach: call {} saved in {}",
        recorder.call_id(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn setup(playbook: Playbook, watch: Option<PathBuf>, lang: Language, agent: Option<&str>) -> Setup {
    let utc_offset_secs = local_time_zone()
        .to_offset(jiff::Timestamp::now())
        .seconds();
    Setup {
        playbook,
        playbook_file: watch.map(|p| p.display().to_string()),
        lang,
        agent: agent.map(sanitize_line).filter(|a| !a.trim().is_empty()),
        persistent: true,
        history: None,
        utc_offset_secs,
        theme: Theme::from_env(),
    }
}

/// The local time zone. `TimeZone::system()` walks the whole zoneinfo
/// tree to name the zone /etc/localtime points at (milliseconds of the
/// start-up); the offset needs only its rules, so without `TZ` the file is
/// read directly, and anything unusual falls back to jiff's search.
fn local_time_zone() -> jiff::tz::TimeZone {
    if std::env::var_os("TZ").is_none()
        && let Ok(data) = std::fs::read("/etc/localtime")
        && let Ok(tz) = jiff::tz::TimeZone::tzif("Local", &data)
    {
        return tz;
    }
    jiff::tz::TimeZone::system()
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
                let pb = load::load_playbook_file(&path).map_err(show)?;
                Ok((pb, Some(path)))
            }
        },
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
