//! `callcoach call` (and plain `callcoach`): the live call screen.
//!
//! Before the screen opens: an unfinished call is never resumed silently.
//! The agent sees which call it is (customer, start, stage, last note line)
//! and chooses with one key to resume it or start a new call (the old one
//! stays stored as unfinished) — see [`chooser`]. With `--customer`, only
//! that customer's unfinished call is offered; another customer's stays as
//! it is. A resumed call keeps its own playbook and agent.

pub mod chooser;
pub mod feed;
mod resume;

use crate::cli::{CallArgs, ChannelArg, LangArg};
use crate::config::Settings;
use crate::engine::CallMeta;
use crate::i18n::cli::words;
use crate::playbook::{Language, Playbook};
use crate::stage::StageId;
use crate::store::{self, CallId, CallInfo, Recorder, SaveStatus, Store};
use crate::text::sanitize_line;
use crate::tui::call::run::{self, Options, now_ms};
use crate::tui::call::{App, Effect, History, Setup, detect_all_cues};
use crate::tui::theme::Theme;
use chooser::Choice;
use resume::Loaded;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The playbook of a call when none is asked for or set: the Dutch built-in.
const DEFAULT_PLAYBOOK: &str = "klachtgesprek";

/// How long a start-up notice (kept playbook, another customer's call)
/// stays on the call screen.
const START_NOTICE_MS: i64 = 10_000;

/// Opens the live call screen: offers an unfinished call first (see the
/// module documentation), else starts a new call.
pub fn run(settings: &Settings, mut args: CallArgs) -> anyhow::Result<ExitCode> {
    // `--plain` asked for explicitly also reads lines from a pipe.
    if !args.plain {
        require_terminal(settings.cli_lang())?;
    }
    args.plain = crate::tui::plain::wanted(args.plain);
    args.agent = settings.agent();
    args.lang = settings.lang().map(LangArg::of);
    feed::apply_config(&mut args, settings.file.transcript.as_ref());
    let dir = store::resolve_data_dir(settings.data_dir.clone())?;
    let mut opened = Store::open(&dir);
    // A store that cannot be written (read-only, damaged, locked) is still
    // read — database and fallback journals — so an unfinished call is
    // resumed, never split into a second one.
    let view = opened.is_err().then(|| Store::open_any(&dir));
    let customer = args.customer.as_deref().and_then(clean_ref);
    let mut notice = None;
    let mut found = None;
    if let Some(st) = opened.as_ref().ok().or(view.as_ref()) {
        let open = unfinished(st);
        let mine: Vec<&CallInfo> = open
            .iter()
            .filter(|c| customer.is_none() || c.customer == customer)
            .collect();
        if let Some(first) = mine.first() {
            let stored = st.load_call(&first.id)?;
            // What the card shows of the version the call ran on: kept
            // beside it in the store, else from the version parsed (as the
            // resumed screen will show it; parsed once, for the card, its
            // language and the screen).
            let facts = stored
                .playbook_hash()
                .and_then(|h| st.playbook_facts(h).ok().flatten());
            let call_pb = match facts {
                Some(_) => None,
                None => crate::export::playbook_of_call(st, &stored)
                    .ok()
                    .map(|(pb, _)| pb),
            };
            let facts = facts.or_else(|| call_pb.as_ref().map(store::VersionFacts::of));
            let lang = args
                .lang
                .map(LangArg::language)
                .unwrap_or_else(|| facts.as_ref().map_or(Language::Nl, |f| f.language));
            let card = chooser::Card::of(&stored, facts.as_ref(), open.len() - 1, lang);
            found = Some((card, lang, stored, call_pb));
        } else if let Some(other) = open.first() {
            // `--customer` for someone else: their call is left alone.
            notice = Some(other.customer.clone().unwrap_or_default());
        }
    }
    // The retention policy runs when the call screen starts, on the
    // connection the screen uses (it removes ended calls only, so it
    // cannot change which call is offered).
    let retention = |opened: &mut anyhow::Result<Store>| {
        crate::commands::privacy::apply_retention(opened.as_mut().ok(), settings.cli_lang())
    };
    let mut retention_ran = None;
    if let Some((card, lang, stored, call_pb)) = found {
        let mut loaded = Some(Loaded {
            call: stored,
            playbook: call_pb,
            recorder: None,
        });
        let (asked, retention, ahead) = if args.plain {
            let retention = retention(&mut opened);
            (chooser::ask_plain(&card, lang)?, retention, None)
        } else {
            chooser::show(&card, lang)?;
            let retention = retention(&mut opened);
            // While the agent reads the question: the retention policy,
            // and the call rebuilt under its lock with its screen made
            // ready (dropped, and the lock with it, when the answer is
            // another).
            let ahead = opened
                .as_ref()
                .ok()
                .or(view.as_ref())
                .zip(loaded.take())
                .map(|(st, l)| resume::ahead(st, &args, l));
            (chooser::wait(lang)?, retention, ahead)
        };
        match asked {
            Choice::Resume => {
                let Some(st) = opened.as_ref().ok().or(view.as_ref()) else {
                    anyhow::bail!("no store to resume the call from");
                };
                let rebuilt = match (ahead, loaded) {
                    (Some(rebuilt), _) => rebuilt?,
                    (None, Some(l)) => resume::rebuild(st, &args, l.call.id.clone(), Some(l))?,
                    (None, None) => anyhow::bail!("no store to resume the call from"),
                };
                return resume::open(st, &args, rebuilt, None, &retention);
            }
            Choice::New => retention_ran = Some(retention),
            Choice::Stop => {
                crate::errln!("callcoach: {}", words(lang).stopped);
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
    let retention = match retention_ran {
        Some(notices) => notices,
        None => retention(&mut opened),
    };
    let spec = args
        .playbook
        .clone()
        .or_else(|| settings.default_playbook());
    let resolved = resolve_playbook(spec.as_deref())?;
    let hash = resolved.hash();
    if let Ok(st) = &opened {
        // The exact text, so an export of this call can use this version
        // later (a failure only costs that; the call is not held up).
        let _ = st.remember_playbook(
            &hash,
            &resolved.playbook.id,
            &resolved.playbook.version,
            &resolved.text,
            &store::VersionFacts::of(&resolved.playbook),
            now_ms(),
        );
    }
    let watch = watched(resolved.origin);
    let pb = resolved.playbook;
    let lang = language(args.lang, &pb);
    let w = words(lang);
    let (customer, address) = match customer {
        Some(c) => (Some(c), args.address.as_deref().and_then(clean_ref)),
        None => {
            let c = ask_line(w.customer_prompt)?;
            let a = match &args.address {
                Some(a) => clean_ref(a),
                None => ask_line(w.address_prompt)?,
            };
            (c, a)
        }
    };
    let history = match (&opened, &customer) {
        (Ok(st), Some(c)) => st
            .customer_history(c)
            .ok()
            .map(|h| History::from_store(h, None)),
        _ => None,
    };
    let meta = CallMeta {
        playbook_id: pb.id.clone(),
        playbook_version: pb.version.clone(),
        playbook_hash: Some(hash),
        customer,
        channel: settings.channel(args.channel.map(ChannelArg::channel)),
        difficult_before: history.as_ref().is_some_and(|h| h.difficult_before),
        agent: args.agent.clone(),
        address,
    };
    let mut setup = setup(pb, watch.clone(), lang, args.agent.as_deref());
    setup.history = history;
    let (mut app, _started) = App::new_call(setup, meta, now_ms());
    if let Ok(st) = &opened {
        show_notices(&mut app, st, &retention);
    }
    if let Some(other) = notice {
        let text = w
            .other_customer
            .replace("{customer}", &sanitize_line(&other));
        app.notice = Some((text, app.now + START_NOTICE_MS));
    }
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
    drive(&mut app, first, &mut recorder, watch, &dir, &args, None)
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

    fn unsaved(&self) -> bool {
        self.recorder.as_ref().is_some_and(Recorder::has_unsaved)
    }

    fn rescue(&mut self) -> store::Rescue {
        self.recorder().0.rescue()
    }

    fn call_id(&self) -> Option<CallId> {
        self.recorder.as_ref().map(|r| r.call_id().clone())
    }
}

impl Recording for NewCall {
    fn flush(&mut self) -> SaveStatus {
        self.recorder().0.flush()
    }
    fn call_id(&mut self) -> String {
        self.recorder().0.call_id().to_string()
    }
    fn rescue_file(&mut self) -> Option<PathBuf> {
        Recorder::rescue_file(self.recorder().0).map(Into::into)
    }
}

/// What [`drive`] needs of a recorder besides storing (the screen saves
/// through it on a saver thread, hence `Send`).
trait Recording: store::CallSink + Send {
    fn flush(&mut self) -> SaveStatus;
    fn call_id(&mut self) -> String;
    /// The emergency file the call was rescued to, if it was.
    fn rescue_file(&mut self) -> Option<PathBuf>;
}

impl Recording for Recorder {
    fn flush(&mut self) -> SaveStatus {
        Recorder::flush(self)
    }
    fn rescue_file(&mut self) -> Option<PathBuf> {
        Recorder::rescue_file(self).map(Into::into)
    }
    fn call_id(&mut self) -> String {
        Recorder::call_id(self).to_string()
    }
}

/// Reopens stored call `call` in the live screen, optionally at stage `at`
/// (`follow_up` for `callcoach followups open ID`: its agreements are
/// listed, and F8 records the follow-up's result).
pub fn open_existing(
    settings: &Settings,
    call: CallId,
    at: Option<StageId>,
) -> anyhow::Result<ExitCode> {
    require_terminal(settings.cli_lang())?;
    let dir = store::resolve_data_dir(settings.data_dir.clone())?;
    let st = Store::open(&dir)?;
    let mut args = CallArgs {
        agent: settings.agent(),
        lang: settings.lang().map(LangArg::of),
        plain: crate::tui::plain::wanted(false),
        ..CallArgs::default()
    };
    feed::apply_config(&mut args, settings.file.transcript.as_ref());
    let rebuilt = resume::rebuild(&st, &args, call, None)?;
    resume::open(&st, &args, rebuilt, at, &[])
}

/// The call screen needs a terminal on both sides; checked before anything
/// is stored, so a piped run leaves no empty call behind.
fn require_terminal(lang: Language) -> anyhow::Result<()> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        anyhow::bail!("{}", crate::i18n::cli::words(lang).call_needs_terminal)
    }
}

/// The unfinished calls no other process has open, most recently active first.
fn unfinished(st: &Store) -> Vec<CallInfo> {
    let ids = st.unfinished_calls().unwrap_or_default();
    ids.into_iter()
        .filter(|id| !store::is_live_elsewhere(st.dir(), id))
        .filter_map(|id| st.call_info(&id).ok().flatten())
        .collect()
}

fn watched(origin: crate::load::Origin) -> Option<PathBuf> {
    match origin {
        crate::load::Origin::File(p) => Some(p),
        // A published copy is replaced by `team sync`, not edited: a call
        // keeps the version it started on; the next call takes the new one.
        crate::load::Origin::Builtin(_) | crate::load::Origin::Published(_) => None,
    }
}

/// Runs the call (full screen, or line mode with `args.plain`), then makes
/// sure everything is saved and says where.
fn drive(
    app: &mut App,
    first: Vec<Effect>,
    recorder: &mut dyn Recording,
    watch: Option<PathBuf>,
    dir: &std::path::Path,
    args: &CallArgs,
    screen: Option<crate::tui::term::Ready>,
) -> anyhow::Result<ExitCode> {
    let w = words(app.setup.lang);
    let transcripts = feed::sources(args);
    // Whether the transcript is kept: settings file, else playbook (`feed::store`).
    app.live = crate::tui::call::live::Live {
        store: feed::store(args, app.pb()) && !transcripts.is_empty(),
        ..crate::tui::call::live::Live::new(transcripts.len())
    };
    let opts = Options {
        watch,
        save_dir: dir.join("exports"),
        transcripts,
        sync_dir: Some(dir.to_path_buf()),
        live: crate::team::live::send::for_call(|| recorder.call_id()),
    };
    let result = if args.plain {
        crate::tui::plain::run(app, first, &mut *recorder, &opts)
    } else {
        run::run(app, first, &mut *recorder, &opts, screen)
    };
    // The screen may end with an error (e.g. drawing to a terminal that is
    // gone) before its final save: the notes typed so far are saved here.
    if app.notes_unsaved() {
        let text = app.notes_text();
        let text = crate::tui::call::mask::notes_for_store(app, &text);
        recorder.save_notes(&text, now_ms());
    }
    // Anything a failed save kept in memory gets one more try, then an
    // emergency file wherever one can be written.
    let mut status = recorder.flush();
    if recorder.unsaved() {
        recorder.rescue();
    }
    result?;
    if let Some(path) = recorder.rescue_file() {
        crate::errln!(
            "callcoach: {}",
            w.saved_rescue
                .replace("{id}", recorder.call_id().as_str())
                .replace("{file}", &path.display().to_string())
                .replace("{dir}", &dir.display().to_string())
        );
        status = SaveStatus::Saved;
    }
    match status {
        SaveStatus::Failed { reason } if recorder.unsaved() => {
            anyhow::bail!("{}", w.not_saved.replace("{reason}", &reason.to_string()))
        }
        SaveStatus::Fallback { path, .. } => crate::errln!(
            "callcoach: {}",
            w.saved_fallback
                .replace("{id}", recorder.call_id().as_str())
                .replace("{file}", &path.to_string())
        ),
        _ => crate::errln!(
            "callcoach: {}",
            w.saved
                .replace("{id}", recorder.call_id().as_str())
                .replace("{dir}", &dir.display().to_string())
        ),
    }
    // Notes saved after the end (on leaving the screen) go to the team too.
    if app.state.ended.is_some() {
        crate::team::sync::spawn_background(dir);
    }
    Ok(ExitCode::SUCCESS)
}

/// Shows the store's notices (journals imported or kept, a read-only or
/// damaged database) on the call screen, where the agent looks.
fn show_notices(app: &mut App, st: &Store, more: &[String]) {
    let all: Vec<&str> = more
        .iter()
        .chain(st.notices())
        .map(String::as_str)
        .collect();
    if all.is_empty() {
        return;
    }
    let text = all.join(" · ");
    crate::tui::call::update(app, crate::tui::call::Msg::Info(text), now_ms());
}

fn setup(playbook: Playbook, watch: Option<PathBuf>, lang: Language, agent: Option<&str>) -> Setup {
    let utc_offset_secs = crate::store::local_zone()
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

fn language(arg: Option<LangArg>, pb: &Playbook) -> Language {
    arg.map_or(pb.language, LangArg::language)
}

/// The playbook asked for (a path, a name from the user's playbook
/// directory, a published id or a built-in name; see `crate::load::names`
/// for the order), with its exact text. Default: the Dutch built-in.
pub fn resolve_playbook(arg: Option<&str>) -> anyhow::Result<crate::load::Resolved> {
    let show = |diags: Vec<crate::diagnostic::Diagnostic>| {
        let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("{}", text.join("\n"))
    };
    let sources = crate::load::Sources::standard(crate::load::names::Kind::Playbook);
    crate::load::resolve_in(arg.unwrap_or(DEFAULT_PLAYBOOK), &sources).map_err(show)
}

/// A customer reference or form of address: one line, no control
/// characters, not empty.
fn clean_ref(s: &str) -> Option<String> {
    let s = sanitize_line(s).trim().to_owned();
    (!s.is_empty()).then_some(s)
}

/// Asks one line on the terminal before the screen opens; Enter skips.
/// Not asked when input is not a terminal.
fn ask_line(prompt: &str) -> anyhow::Result<Option<String>> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Ok(None);
    }
    let mut err = std::io::stderr();
    write!(err, "{prompt}")?;
    err.flush()?;
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    Ok(clean_ref(&line))
}
