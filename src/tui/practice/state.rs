//! The practice screen's state: the session played, the reply being typed,
//! the classifier's last verdict and the coaching shown.

use crate::classify::{Classification, Classifier};
use crate::playbook::{Language, Playbook};
use crate::practice::Session;
use crate::scenario::Scenario;
use crate::score::Grade;
use crate::stage::StageId;
use crate::text::sanitize_line;
use crate::tui::theme::Theme;

/// What the shell should do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The session just finished: store the result.
    SaveResult,
    /// Leave the screen.
    Quit,
}

/// Feedback shown to the trainee after an answer (coached mode).
#[derive(Clone, Debug, PartialEq)]
pub struct Coaching {
    /// The option's feedback.
    pub feedback: String,
    /// Its source id.
    pub source: String,
}

/// The practice screen's state.
pub struct PracticeApp<'a> {
    /// The session played.
    pub session: Session<'a>,
    /// The playbook trained, for stage titles and checklists (if found).
    pub pb: Option<&'a Playbook>,
    /// Exam mode: no rail, no checklist, no feedback until the end.
    pub exam: bool,
    /// Styles.
    pub theme: Theme,
    /// The typed-reply classifier: the language's cue file plus the
    /// scenario's own cues.
    pub model: Classifier,
    /// The typed reply being written.
    pub input: String,
    /// The classifier's last verdict (shown with its evidence).
    pub heard: Option<Classification>,
    /// Feedback on the last answer (coached mode).
    pub coaching: Option<Coaching>,
    /// The grade, once finished.
    pub grade: Option<Grade>,
    /// Scroll offset of the score screen.
    pub scroll: u16,
    /// Outcome of storing the result, shown on the score screen.
    pub saved: Option<Result<(), String>>,
    /// Asked to confirm leaving an unfinished session.
    pub confirm_quit: bool,
    /// The classifier was unsure about the typed reply: digits now pick.
    pub awaiting_pick: bool,
}

impl<'a> PracticeApp<'a> {
    /// A new session of `scenario`.
    pub fn new(scenario: &'a Scenario, pb: Option<&'a Playbook>, exam: bool, theme: Theme) -> Self {
        PracticeApp {
            session: Session::with_playbook(scenario, pb),
            pb,
            exam,
            theme,
            model: Classifier::for_scenario(scenario),
            input: String::new(),
            heard: None,
            coaching: None,
            grade: None,
            scroll: 0,
            saved: None,
            confirm_quit: false,
            awaiting_pick: false,
        }
    }

    /// The scenario's language (the interface follows it).
    pub fn lang(&self) -> Language {
        self.session.scenario.language
    }

    /// A stage's title in the trained playbook (its id without one).
    pub fn stage_title(&self, st: StageId) -> String {
        self.pb.map_or_else(
            || crate::i18n::stage_name(st, self.lang()).to_owned(),
            |p| sanitize_line(&p.stage(st).title),
        )
    }

    /// A source id with its title.
    pub fn cite(&self, id: &str) -> String {
        cite(self.session.scenario, id)
    }
}

/// A source id with its title, as feedback cites it.
pub fn cite(sc: &Scenario, id: &str) -> String {
    match sc.source(id) {
        Some(s) => format!("{} — {}", sanitize_line(id), sanitize_line(&s.title)),
        None => sanitize_line(id),
    }
}
