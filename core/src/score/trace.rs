//! Turning a practice session or a real call's event log into a [`Trace`].

use super::{Moment, Step, Tip, Trace};
use crate::engine::{CallOutcome, Event, EventKind, Timestamp};
use crate::playbook::{Language, Playbook};
use crate::practice::Session;
use crate::scenario::{EndingId, Move};
use crate::stage::StageId;

impl Trace {
    /// The trace of a (finished or unfinished) practice session.
    pub fn from_session(s: &Session<'_>) -> Trace {
        let mut steps = Vec::new();
        let mut skipped = Vec::new();
        let mut highest: Option<StageId> = None;
        let mut seen = std::collections::BTreeSet::new();
        for t in &s.turns {
            let moment = Moment::Turn {
                number: t.number,
                beat: t.beat.clone(),
            };
            if let Some(st) = t.act.stage() {
                // Stages between the highest reached and this one were jumped over.
                // Listen and acknowledge are judged by the stage-order check,
                // follow-up by its own.
                let from = highest.map_or(0, |h| h.index() + 1);
                for i in from..st.index() {
                    if let Some(gap) = StageId::from_index(i)
                        && !seen.contains(&gap)
                        && gap > StageId::Acknowledge
                        && gap != StageId::FollowUp
                    {
                        let name = crate::i18n::stage_name(gap, s.scenario.language);
                        skipped.push((moment.clone(), name.to_owned()));
                        seen.insert(gap);
                    }
                }
                seen.insert(st);
                highest = highest.max(Some(st));
            }
            steps.push(Step {
                act: t.act,
                moment,
                tip: Some(Tip {
                    text: t.feedback.clone(),
                    source: t.source.clone(),
                }),
            });
        }
        Trace {
            lang: s.scenario.language,
            steps,
            flare_ups: Vec::new(),
            skipped,
            completed_later: Vec::new(),
            anti_moves_known: true,
            final_mood: Some(s.mood),
            ending: s.ending,
            sources: s.scenario.sources.iter().map(|x| x.id.clone()).collect(),
        }
    }

    /// The trace of a real call's event log. `pb` (when given) supplies the
    /// texts of skipped checklist items; `lang` the message language.
    pub fn from_events(events: &[Event], pb: Option<&Playbook>, lang: Language) -> Trace {
        let start: Timestamp = events.first().map_or(0, |e| e.at);
        let mut stage = StageId::Listen;
        let mut steps: Vec<Step> = Vec::new();
        let mut flare_ups = Vec::new();
        let mut skipped = Vec::new();
        let mut completed_later = Vec::new();
        // The call as it stands: which skipped items were ticked since.
        let last = crate::engine::CallState::replay(events);
        let mut ending = None;
        let mut has_follow_up = false;
        for e in events {
            let moment = Moment::Call {
                offset_ms: e.at - start,
                stage,
            };
            match &e.kind {
                EventKind::Started(_) => steps.push(Step {
                    act: Move::Listen,
                    moment,
                    tip: None,
                }),
                EventKind::StageEntered {
                    stage: to,
                    skipped: s,
                } => {
                    for item in s {
                        // A stage whose required items were skipped was not
                        // really done: drop its move.
                        let m = Move::of_stage(item.stage);
                        steps.retain(|st| st.act != m);
                        let text = pb.and_then(|p| p.item(item.stage, &item.item)).map_or_else(
                            || {
                                format!(
                                    "{}/{}",
                                    crate::i18n::stage_name(item.stage, lang),
                                    item.item
                                )
                            },
                            |i| crate::text::sanitize_line(&i.text),
                        );
                        if last.as_ref().is_some_and(|st| st.completed_later(item)) {
                            completed_later.push((moment.clone(), text));
                        } else {
                            skipped.push((moment.clone(), text));
                        }
                    }
                    stage = *to;
                    let m = Move::of_stage(*to);
                    // Agreements and follow-ups count when recorded, not on entering.
                    if !matches!(m, Move::MakeAgreement | Move::PlanFollowUp) {
                        steps.push(Step {
                            act: m,
                            moment: Moment::Call {
                                offset_ms: e.at - start,
                                stage,
                            },
                            tip: None,
                        });
                    }
                }
                EventKind::Escalated { .. } => {
                    flare_ups.push(moment);
                    stage = StageId::Listen;
                }
                EventKind::AgreementRecorded(_) => steps.push(Step {
                    act: Move::MakeAgreement,
                    moment,
                    tip: None,
                }),
                EventKind::FollowUpPlanned(_) => {
                    has_follow_up = true;
                    steps.push(Step {
                        act: Move::PlanFollowUp,
                        moment,
                        tip: None,
                    });
                }
                EventKind::Ended { outcome } => {
                    ending = match outcome {
                        CallOutcome::Resolved if has_follow_up => {
                            Some(EndingId::ResolvedWithFollowUp)
                        }
                        CallOutcome::Resolved => Some(EndingId::Resolved),
                        CallOutcome::ResolvedWithFollowUp => Some(EndingId::ResolvedWithFollowUp),
                        CallOutcome::PartedWays => Some(EndingId::PartedRespectfully),
                        CallOutcome::Unresolved => None,
                    }
                }
                EventKind::Reopened => ending = None,
                _ => {}
            }
        }
        Trace {
            lang,
            steps,
            flare_ups,
            skipped,
            completed_later,
            anti_moves_known: false,
            final_mood: None,
            ending,
            sources: pb
                .map(|p| p.sources.iter().map(|x| x.id.clone()).collect())
                .unwrap_or_default(),
        }
    }
}
