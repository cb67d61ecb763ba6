//! The record of a call: everything the summary screen and the exports show,
//! derived from the playbook, the call state and the notes. Pure.
//!
//! Agreements come from two places: the agreement form (engine events) and
//! `A:` lines in the notes. Both are listed, form agreements first, so an
//! agent who only typed `A:` lines still gets them in the e-mail.

use crate::engine::{
    CallOutcome, CallState, Date, DecisionOutcome, FollowUp, FollowUpResult, SaidLine, StageStatus,
    Timestamp,
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
    /// Ticked later in the call: "skipped, completed later".
    #[serde(default)]
    pub completed_later: bool,
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
    /// Customer reference (ticket or account), if given.
    pub customer: Option<String>,
    /// How the customer is addressed (`{customer}` in the e-mail), if given.
    #[serde(default)]
    pub address: Option<String>,
    /// The agent who took the call (else the one making the summary), if known.
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
    /// The stored live transcript, oldest first: empty unless the call
    /// stored it (settings file or playbook `transcript: {store: true}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transcript: Vec<SaidLine>,
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
    /// Derives the summary of a call. `agent` signs it only when the call
    /// itself does not name its agent (calls recorded before agents were
    /// stored).
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
                completed_later: state.completed_later(&i),
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
            address: state.address.as_deref().map(sanitize_line),
            agent: state
                .meta
                .agent
                .as_deref()
                .or(agent)
                .map(sanitize_line)
                .filter(|a| !a.trim().is_empty()),
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
            transcript: state
                .transcript
                .iter()
                .map(|l| SaidLine {
                    at: l.at,
                    speaker: sanitize_line(&l.speaker),
                    text: sanitize_line(&l.text),
                })
                .collect(),
            date: date_of(now),
        }
    }

    /// Renders the playbook's confirmation e-mail template for this call.
    /// `{customer}` is the form of address (else the playbook's fallback,
    /// else a visible gap); `{follow_up}` says who will contact the customer
    /// (the agent's own note of what to check stays out); paragraphs about
    /// the follow-up are left out when none is planned. Other unknown values
    /// become visible `[…]` gaps for the agent to fill in.
    pub fn email(&self, pb: &Playbook) -> Email {
        let w = Words::for_language(pb.language);
        let lookup = |name: &str| -> Option<String> {
            Some(match name {
                "customer" => match (&self.address, &pb.email.customer_fallback) {
                    (Some(a), _) => a.clone(),
                    (None, Some(f)) => sanitize_line(f),
                    (None, None) => w.customer_gap.into(),
                },
                "agent" => self.agent.clone().unwrap_or_else(|| w.agent_gap.into()),
                "agreements" => self.agreement_list(pb.language),
                "follow_up_date" => self.follow_up.as_ref().map_or_else(
                    || w.no_follow_up.into(),
                    |f| format_date(f.due, pb.language),
                ),
                "follow_up" => self.follow_up_for_customer(pb.language),
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
        let body = if self.follow_up.is_some() {
            pb.email.body.clone()
        } else {
            without_follow_up(&pb.email.body)
        };
        Email {
            subject: sanitize_line(&text::fill_dropping_empty(&pb.email.subject, lookup)),
            body: sanitize(&text::fill_dropping_empty(&body, lookup)),
        }
    }

    /// What the customer should know of the follow-up: who will be in
    /// touch ("a call from Eva"); the date is `{follow_up_date}`.
    fn follow_up_for_customer(&self, lang: Language) -> String {
        let w = Words::for_language(lang);
        if self.follow_up.is_none() {
            return w.no_follow_up.into();
        }
        let who = self.agent.as_deref().unwrap_or(w.us);
        let template = match self.channel {
            Channel::Phone => w.call_from,
            Channel::InPerson => w.talk_with,
        };
        template.replace("{agent}", who)
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

/// The e-mail body without its paragraphs (blocks between blank lines)
/// that speak of the follow-up, for a call that has none planned.
fn without_follow_up(body: &str) -> String {
    body.split("\n\n")
        .filter(|p| !p.contains("{follow_up}") && !p.contains("{follow_up_date}"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Fills a phrase of `pb` for the call: `{customer}` is the form of address
/// (else the playbook's `customer_fallback`; empty or absent leaves it out
/// with its comma), `{agent}` the agent's name (else `agent_gap`). One
/// sanitised line.
pub fn fill_phrase(
    pb: &Playbook,
    template: &str,
    address: Option<&str>,
    agent: Option<&str>,
    agent_gap: &str,
) -> String {
    let address = address
        .map(sanitize_line)
        .filter(|a| !a.trim().is_empty())
        .or_else(|| pb.customer_fallback.as_deref().map(sanitize_line))
        .unwrap_or_default();
    let agent = agent
        .map(sanitize_line)
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| agent_gap.to_owned());
    sanitize_line(&text::fill_dropping_empty(template, |name| match name {
        "customer" => Some(address.clone()),
        "agent" => Some(agent.clone()),
        _ => None,
    }))
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
mod tests;
