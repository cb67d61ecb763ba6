//! Resuming a stored call: rebuilt first (under the call's lock, nothing
//! recorded), then continued and shown. The resume question's answer is
//! usually "resume", so the call is rebuilt and its screen made ready
//! while the agent reads the question ([`ahead`]); the time the call was
//! away is still counted up to the answer, since it goes on only in
//! [`open`].

use super::{START_NOTICE_MS, drive, language, setup, show_notices, watched};
use crate::cli::CallArgs;
use crate::engine::Timestamp;
use crate::i18n::cli::words;
use crate::playbook::Playbook;
use crate::stage::StageId;
use crate::store::{self, CallId, Recorder, Store};
use crate::text::sanitize_line;
use crate::tui::call::run::{self, now_ms};
use crate::tui::call::{App, History};
use crate::tui::term::Ready;
use anyhow::Context as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// A call read for the resume question, with the playbook version it ran
/// on (`None` when that could not be loaded).
pub(super) struct Loaded {
    pub call: store::StoredCall,
    pub playbook: Option<Playbook>,
    /// Its recorder, when it was made (under the call's lock) while the
    /// resume question was shown.
    pub recorder: Option<Recorder>,
}

/// A stored call rebuilt for its screen, not yet continued.
pub(super) struct Rebuilt {
    app: App,
    recorder: Recorder,
    /// The playbook file to watch, when the call runs on one.
    watch: Option<PathBuf>,
    /// The playbook asked for but not used (the call keeps its own), and
    /// the id of the one it keeps.
    refused: Option<(String, String)>,
    last_activity: Timestamp,
    /// Its screen, made ready while the question was shown.
    screen: Option<Ready>,
}

/// [`rebuild`] of the call in `loaded`, with its screen made ready: done
/// while the resume question is on screen.
pub(super) fn ahead(st: &Store, args: &CallArgs, loaded: Loaded) -> anyhow::Result<Rebuilt> {
    let id = loaded.call.id.clone();
    let mut rebuilt = rebuild(st, args, id, Some(loaded))?;
    rebuilt.screen = run::prepare(&mut rebuilt.app);
    Ok(rebuilt)
}

/// Rebuilds stored call `id` under its lock. `loaded`: the call as already
/// loaded (for the resume question), so a megabyte of notes is not read
/// again, nor its playbook parsed again.
pub(super) fn rebuild(
    st: &Store,
    args: &CallArgs,
    id: CallId,
    loaded: Option<Loaded>,
) -> anyhow::Result<Rebuilt> {
    let (mut stored, mut call_pb, recorder) = match loaded {
        Some(l) if l.call.id == id => (l.call, l.playbook, l.recorder),
        _ => (st.load_call(&id)?, None, None),
    };
    // Under the call's lock; reads the call again only when it changed
    // since (the recorder and the screen then take the new copy; its
    // playbook version, fixed by its start, stays).
    let recorder = match recorder {
        Some(r) => r,
        None => Recorder::resume_from(st, &mut stored)?,
    };
    // The call keeps the playbook it was made with: the one asked for only
    // when it is that playbook (a file keeps being watched), otherwise the
    // stored id (built-in or the user's playbook directory).
    let stored_id = stored.info.playbook_id.clone();
    let asked = args.playbook.as_deref().map(crate::load::resolve);
    let (pb, watch, refused) = match asked {
        Some(Ok((pb, origin))) if pb.id == stored_id => (pb, watched(origin), None),
        other => {
            let refused = args.playbook.clone().filter(|_| other.is_some());
            // The exact version the call started on, when the store has it.
            let pb = match call_pb.take() {
                Some(pb) => pb,
                None => crate::export::playbook_of_call(st, &stored)?.0,
            };
            (pb, None, refused.map(|asked| (asked, stored_id)))
        }
    };
    let lang = language(args.lang, &pb);
    // The agent who took the call signs for it; a call stored before agents
    // were recorded takes the current one.
    let agent = stored
        .meta()
        .and_then(|m| m.agent.clone())
        .or_else(|| args.agent.clone());
    let mut setup = setup(pb, watch.clone(), lang, agent.as_deref());
    if let Some(c) = &stored.info.customer {
        // This call is among them.
        setup.history = st
            .customer_history_except(c, Some(&id))
            .ok()
            .map(|h| History::from_store(h, Some(&id)));
    }
    // The notes are the recorder's copy (it keeps the latest for its
    // fallback journal); the editor takes its own lines from them.
    let mut app = App::restore(setup, stored.events, recorder.notes(), now_ms())
        .context("the stored call has no start event")?;
    app.call_id = Some(id);
    Ok(Rebuilt {
        app,
        recorder,
        watch,
        refused,
        last_activity: stored.last_activity,
        screen: None,
    })
}

/// Continues the rebuilt call now and runs its screen, optionally at stage
/// `at` (`follow_up` for `callcoach followups open ID`: its agreements are
/// listed, and F8 records the follow-up's result).
pub(super) fn open(
    st: &Store,
    args: &CallArgs,
    rebuilt: Rebuilt,
    at: Option<StageId>,
    notices: &[String],
) -> anyhow::Result<ExitCode> {
    let Rebuilt {
        mut app,
        mut recorder,
        watch,
        refused,
        last_activity,
        screen,
    } = rebuilt;
    let mut first = app.continue_at(last_activity, now_ms());
    let w = words(app.setup.lang);
    show_notices(&mut app, st, notices);
    first.extend(app.open_at(at));
    if let Some((asked, kept)) = refused {
        let text = w
            .playbook_kept
            .replace("{kept}", &sanitize_line(&kept))
            .replace("{asked}", &sanitize_line(&asked));
        app.notice = Some((text, app.now + START_NOTICE_MS));
    }
    // The store is not read again while the screen runs.
    st.shrink_memory();
    let dir = st.dir().to_path_buf();
    drive(&mut app, first, &mut recorder, watch, &dir, args, screen)
}
