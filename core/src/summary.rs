//! The record of a call: everything the summary screen and the exports show,
//! derived from the playbook, the call state and the notes. Pure.
//!
//! Agreements come from two places: the agreement form (engine events) and
//! `A:` lines in the notes. Both are listed, form agreements first, so an
//! agent who only typed `A:` lines still gets them in the e-mail.

use crate::engine::{
    CallOutcome, CallState, Date, DecisionOutcome, FollowUp, FollowUpResult, StageStatus, Timestamp,
};
use crate::i18n::EmailWords as Words;
use crate::notes;
use crate::playbook::{Channel, Language, Playbook};
use crate::stage::StageId;
use crate::text::{self, sanitize, sanitize_line};
use serde::{Deserialize, Serialize};

/// One stage on the summary: its title, how it went and how long it took.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StageLine {
    /// The stage.
    pub stage: StageId,
    /// Its title in the playbook.
    pub title: String,
    /// Done, skipped, current or not reached.
    pub status: StageStatus,
    /// Talk time spent in it, in milliseconds.
    pub time_ms: i64,
}

/// A required item that was skipped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SkippedLine {
    /// Its stage.
    pub stage: StageId,
    /// Its id.
    pub item: String,
    /// Its text in the playbook (the id when the playbook no longer has it).
    pub text: String,
}

/// An agreement as listed on the summary and in the e-mail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AgreementLine {
    /// Who does it (may be empty for an `A:` line that did not say).
    pub who: String,
    /// What will be done.
    pub what: String,
    /// The deadline, if agreed.
    pub by_when: Option<Date>,
    /// True when it came from an `A:` line in the notes.
    pub from_notes: bool,
}

/// The keep-or-part-ways decision as answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DecisionSummary {
    /// Each question's text and answer (`None` = not answered).
    pub answers: Vec<(String, Option<bool>)>,
    /// The recommendation, once determined.
    pub outcome: Option<DecisionOutcome>,
    /// Whether the repeat-difficult variant applied.
    pub repeat_difficult: bool,
    /// The recommended outcome's title.
    pub title: Option<String>,
    /// The recommended outcome's guidance.
    pub guidance: Option<String>,
}

/// An evaluation question and its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EvaluationLine {
    /// Question id.
    pub id: String,
    /// Question text.
    pub question: String,
    /// The answer, if given.
    pub answer: Option<String>,
}

/// Everything worth keeping about one call. All text is sanitised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CallSummary {
    /// Playbook id.
    pub playbook_id: String,
    /// Playbook version.
    pub playbook_version: String,
    /// Playbook title.
    pub playbook_title: String,
    /// Content language.
    pub language: Language,
    /// Customer reference, if given.
    pub customer: Option<String>,
    /// Agent name, if given.
    pub agent: Option<String>,
    /// Phone or in person.
    pub channel: Channel,
    /// Start of the call.
    pub started_at: Timestamp,
    /// End of the call, if ended.
    pub ended_at: Option<Timestamp>,
    /// How it ended, if ended.
    pub outcome: Option<CallOutcome>,
    /// Talk time in milliseconds (pauses excluded).
    pub total_ms: i64,
    /// The current stage (or the last one, when ended).
    pub stage: StageId,
    /// The six stages in order.
    pub stages: Vec<StageLine>,
    /// Required items skipped with an override.
    pub skipped: Vec<SkippedLine>,
    /// The stage the call was in at each escalation.
    pub escalations: Vec<StageId>,
    /// The decision, when any question was answered.
    pub decision: Option<DecisionSummary>,
    /// The customer was marked difficult in this call.
    pub marked_difficult: bool,
    /// The customer had been marked difficult in an earlier call.
    pub difficult_before: bool,
    /// Agreements: form ones first, then `A:` lines.
    pub agreements: Vec<AgreementLine>,
    /// The planned follow-up.
    pub follow_up: Option<FollowUp>,
    /// The follow-up check's result.
    pub follow_up_result: Option<FollowUpResult>,
    /// `!` lines: the core of the complaint.
    pub complaint_core: Vec<String>,
    /// `?` lines: questions still open.
    pub open_questions: Vec<String>,
    /// The notes, sanitised.
    pub notes: String,
    /// The playbook's evaluation questions with any answers.
    pub evaluation: Vec<EvaluationLine>,
    /// Complaint-cause category `(id, label)`.
    pub cause: Option<(String, String)>,
    /// The date the summary was made (UTC from `now`; the shell may set the
    /// local date). Used as `{date}` in the e-mail.
    pub date: Date,
}

/// A rendered confirmation e-mail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Email {
    /// Subject line (single line).
    pub subject: String,
    /// Body text.
    pub body: String,
}

impl CallSummary {
    /// Derives the summary of a call.
    pub fn build(
        pb: &Playbook,
        state: &CallState,
        notes_text: &str,
        now: Timestamp,
        agent: Option<&str>,
    ) -> CallSummary {
        let markers = notes::markers(notes_text);
        let stages = StageId::ALL
            .iter()
            .map(|&s| StageLine {
                stage: s,
                title: sanitize_line(&pb.stage(s).title),
                status: state.status(s),
                time_ms: state.stage_time(s, now),
            })
            .collect();
        let skipped = state
            .skipped_items()
            .into_iter()
            .map(|i| SkippedLine {
                text: pb
                    .item(i.stage, &i.item)
                    .map_or_else(|| sanitize_line(&i.item), |it| sanitize_line(&it.text)),
                stage: i.stage,
                item: sanitize_line(&i.item),
            })
            .collect();
        let agreements = AgreementLine::all(&state.agreements, &markers.agreements);
        let evaluation = pb
            .evaluation
            .questions
            .iter()
            .map(|q| EvaluationLine {
                id: q.id.clone(),
                question: sanitize_line(&q.text),
                // An answer cleared in the form is no answer.
                answer: state
                    .evaluation
                    .get(&q.id)
                    .filter(|a| !a.trim().is_empty())
                    .map(|a| sanitize(a)),
            })
            .collect();
        let cause = state.cause.as_ref().map(|id| {
            let label = pb
                .evaluation
                .causes
                .iter()
                .find(|c| &c.id == id)
                .map_or_else(|| id.clone(), |c| c.label.clone());
            (sanitize_line(id), sanitize_line(&label))
        });
        CallSummary {
            playbook_id: sanitize_line(&pb.id),
            playbook_version: sanitize_line(&pb.version),
            playbook_title: sanitize_line(&pb.title),
            language: pb.language,
            customer: state.meta.customer.as_deref().map(sanitize_line),
            agent: agent.map(sanitize_line).filter(|a| !a.trim().is_empty()),
            channel: state.meta.channel,
            started_at: state.started_at,
            ended_at: state.ended.map(|(at, _)| at),
            outcome: state.ended.map(|(_, o)| o),
            total_ms: state.total_time(now),
            stage: state.stage,
            stages,
            skipped,
            escalations: state.escalations.iter().map(|(_, s)| *s).collect(),
            decision: decision_summary(pb, state),
            marked_difficult: state.marked_difficult,
            difficult_before: state.meta.difficult_before,
            agreements,
            follow_up: state.follow_up.as_ref().map(|f| FollowUp {
                due: f.due,
                what: sanitize_line(&f.what),
            }),
            follow_up_result: state.follow_up_result.as_ref().map(|r| FollowUpResult {
                still_open: sanitize(&r.still_open),
                ..r.clone()
            }),
            complaint_core: markers.core,
            open_questions: markers.questions,
            notes: sanitize(notes_text),
            evaluation,
            cause,
            date: date_of(now),
        }
    }

    /// Renders the playbook's confirmation e-mail template for this call.
    /// Unknown values become visible `[…]` gaps for the agent to fill in.
    pub fn email(&self, pb: &Playbook) -> Email {
        let w = Words::for_language(pb.language);
        let lookup = |name: &str| -> Option<String> {
            Some(match name {
                "customer" => self
                    .customer
                    .clone()
                    .unwrap_or_else(|| w.customer_gap.into()),
                "agent" => self.agent.clone().unwrap_or_else(|| w.agent_gap.into()),
                "agreements" => self.agreement_list(pb.language),
                "follow_up_date" => self.follow_up.as_ref().map_or_else(
                    || w.no_follow_up.into(),
                    |f| format_date(f.due, pb.language),
                ),
                "follow_up" => self
                    .follow_up
                    .as_ref()
                    .map_or_else(|| w.no_follow_up.into(), |f| f.what.clone()),
                "complaint" => {
                    if self.complaint_core.is_empty() {
                        w.complaint_gap.into()
                    } else {
                        self.complaint_core.join("; ")
                    }
                }
                "date" => format_date(self.date, pb.language),
                _ => return None,
            })
        };
        Email {
            subject: sanitize_line(&text::fill(&pb.email.subject, lookup)),
            body: sanitize(&text::fill(&pb.email.body, lookup)),
        }
    }

    /// The agreements as a bulleted list, one per line.
    pub fn agreement_list(&self, lang: Language) -> String {
        let w = Words::for_language(lang);
        if self.agreements.is_empty() {
            return format!("- {}", w.no_agreements);
        }
        self.agreements
            .iter()
            .map(|a| format!("- {}", a.text(lang)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl AgreementLine {
    /// The agreements recorded with the form, then those from `A:` lines,
    /// as one list (sanitised).
    pub fn all(
        recorded: &[crate::engine::Agreement],
        from_notes: &[notes::NoteAgreement],
    ) -> Vec<AgreementLine> {
        let recorded = recorded.iter().map(|a| AgreementLine {
            who: sanitize_line(&a.who),
            what: sanitize_line(&a.what),
            by_when: a.by_when,
            from_notes: false,
        });
        let noted = from_notes.iter().map(|a| AgreementLine {
            who: sanitize_line(&a.who),
            what: sanitize_line(&a.what),
            by_when: a.by_when,
            from_notes: true,
        });
        recorded.chain(noted).collect()
    }

    /// `who: what (by date)` in `lang`, as listed in summaries, the e-mail
    /// and the customer's history.
    pub fn text(&self, lang: Language) -> String {
        let w = Words::for_language(lang);
        let mut line = String::new();
        if !self.who.is_empty() {
            line.push_str(&self.who);
            line.push_str(": ");
        }
        line.push_str(&self.what);
        if let Some(d) = self.by_when {
            line.push_str(&format!(" ({} {})", w.by, format_date(d, lang)));
        }
        line
    }
}

fn decision_summary(pb: &Playbook, state: &CallState) -> Option<DecisionSummary> {
    if state.decision.is_empty() {
        return None;
    }
    let outcome = state.decision_outcome(pb);
    let repeat = state.repeat_difficult();
    let variant = if repeat {
        &pb.decision.repeat_difficult
    } else {
        &pb.decision.first_time
    };
    let chosen = outcome.map(|o| match o {
        DecisionOutcome::Keep => &variant.keep,
        DecisionOutcome::PartWays => &variant.part_ways,
    });
    Some(DecisionSummary {
        answers: pb
            .decision
            .questions
            .iter()
            .map(|q| (sanitize_line(&q.text), state.decision.get(&q.id).copied()))
            .collect(),
        outcome,
        repeat_difficult: repeat,
        title: chosen.map(|c| sanitize_line(&c.title)),
        guidance: chosen.map(|c| sanitize(&c.guidance)),
    })
}

/// The UTC calendar date of a timestamp (the epoch for out-of-range values).
pub fn date_of(ts: Timestamp) -> Date {
    jiff::Timestamp::from_millisecond(ts)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .unwrap_or_else(|_| jiff::civil::date(1970, 1, 1))
}

/// A date written out in the playbook's language: `1 december 2026` /
/// `1 December 2026`.
pub fn format_date(d: Date, lang: Language) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let months = match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    };
    let month = months[usize::from(d.month().unsigned_abs()).clamp(1, 12) - 1];
    format!("{} {} {}", d.day(), month, d.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{CallMeta, Command, Event, EventKind, ItemRef, TickSource, execute};
    use crate::playbook::load;

    fn fixture() -> Playbook {
        match load::parse(
            "minimal.yaml",
            include_bytes!("../../tests/fixtures/minimal.yaml"),
        ) {
            Ok(p) => p,
            Err(e) => panic!("fixture invalid: {e:?}"),
        }
    }

    fn call(pb: &Playbook) -> (CallState, Vec<Event>) {
        let meta = CallMeta {
            playbook_id: pb.id.clone(),
            playbook_version: pb.version.clone(),
            customer: Some("T-42\x1b[2J".into()),
            channel: Channel::Phone,
            difficult_before: false,
        };
        let state = CallState::start(meta.clone(), 0);
        (
            state,
            vec![Event {
                at: 0,
                kind: EventKind::Started(meta),
            }],
        )
    }

    #[test]
    fn summary_collects_everything_and_sanitises() {
        let pb = fixture();
        let (mut s, mut log) = call(&pb);
        let mut run = |cmd, at| execute(&mut s, &mut log, &pb, cmd, at).map(|_| ());
        assert!(
            run(
                Command::GoTo {
                    stage: StageId::Acknowledge,
                    force: true
                },
                60_000
            )
            .is_ok()
        );
        assert!(
            run(
                Command::Check(
                    ItemRef::new(StageId::Acknowledge, "understand"),
                    TickSource::Manual
                ),
                61_000
            )
            .is_ok()
        );
        assert!(run(Command::Escalate, 70_000).is_ok());
        let d = jiff::civil::date(2026, 12, 1);
        assert!(
            run(
                Command::RecordAgreement {
                    who: "we".into(),
                    what: "send a new coat".into(),
                    by_when: Some(d)
                },
                80_000
            )
            .is_ok()
        );
        assert!(
            run(
                Command::AnswerDecision {
                    question: "small_effort".into(),
                    yes: true
                },
                81_000
            )
            .is_ok()
        );
        assert!(
            run(
                Command::PlanFollowUp(FollowUp {
                    due: d,
                    what: "coat arrived?".into()
                }),
                82_000
            )
            .is_ok()
        );
        assert!(run(Command::End(CallOutcome::ResolvedWithFollowUp), 90_000).is_ok());
        let notes = "! coat torn after a week\nA: customer | sends a photo\n? receipt needed\x07";
        let sum = CallSummary::build(&pb, &s, notes, 100_000, Some("Eva"));
        assert_eq!(sum.customer.as_deref(), Some("T-42[2J"));
        assert_eq!(sum.total_ms, 90_000);
        assert_eq!(sum.stages[0].time_ms, 60_000 + 20_000);
        assert_eq!(sum.skipped.len(), 1);
        assert_eq!(sum.skipped[0].text, "Let the customer finish");
        assert_eq!(sum.escalations, vec![StageId::Acknowledge]);
        assert_eq!(sum.agreements.len(), 2);
        assert!(sum.agreements[1].from_notes);
        assert_eq!(sum.complaint_core, vec!["coat torn after a week"]);
        assert_eq!(sum.open_questions, vec!["receipt needed"]);
        assert!(!sum.notes.contains('\x07'));
        let dec = sum
            .decision
            .clone()
            .unwrap_or_else(|| panic!("decision missing"));
        assert_eq!(dec.outcome, Some(DecisionOutcome::Keep));
        assert_eq!(dec.title.as_deref(), Some("Save the relationship"));
        assert_eq!(sum.outcome, Some(CallOutcome::ResolvedWithFollowUp));
        assert_eq!(sum.evaluation[0].answer, None);
        // JSON round trip, as the export relies on
        let json = serde_json::to_string(&sum).unwrap_or_default();
        let back: Option<CallSummary> = serde_json::from_str(&json).ok();
        assert_eq!(back.as_ref(), Some(&sum));
    }

    #[test]
    fn email_lists_agreements_and_fills_gaps_visibly() {
        let pb = fixture();
        let (mut s, mut log) = call(&pb);
        let d = jiff::civil::date(2026, 12, 1);
        let r = execute(
            &mut s,
            &mut log,
            &pb,
            Command::RecordAgreement {
                who: "we".into(),
                what: "send a new coat".into(),
                by_when: Some(d),
            },
            1,
        );
        assert!(r.is_ok());
        let sum = CallSummary::build(&pb, &s, "A: you | send a photo", 2, None);
        let mail = sum.email(&pb);
        assert_eq!(mail.subject, "Our agreements");
        assert_eq!(
            mail.body,
            "Dear T-42[2J,\n\n- we: send a new coat (by 1 December 2026)\n- you: send a photo\n\nKind regards,\n[your name]"
        );
    }

    #[test]
    fn empty_call_has_clear_placeholders() {
        let pb = fixture();
        let (s, _) = call(&pb);
        let sum = CallSummary::build(&pb, &s, "", 0, None);
        assert_eq!(
            sum.agreement_list(Language::Nl),
            "- (nog geen afspraken vastgelegd)"
        );
        assert!(sum.decision.is_none());
        assert_eq!(sum.date, jiff::civil::date(1970, 1, 1));
    }

    #[test]
    fn dates_in_both_languages() {
        let d = jiff::civil::date(2026, 3, 9);
        assert_eq!(format_date(d, Language::Nl), "9 maart 2026");
        assert_eq!(format_date(d, Language::En), "9 March 2026");
        assert_eq!(date_of(1_795_000_000_000), jiff::civil::date(2026, 11, 18));
    }
}
