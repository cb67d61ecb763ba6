//! The scenario player: a practice session's state and the only two ways
//! it moves on — picking an option ([`Session::choose`]) or typing a reply
//! that the classifier maps onto one ([`Session::reply`]).
//!
//! Pure and deterministic: the same answers always give the same
//! transcript, stage progress and checklist ticks. Scoring reads a session
//! ([`crate::score`] imports this module; this module never imports it).
//!
//! With the playbook trained ([`Session::with_playbook`]) every good move
//! ticks the checklist items of its stage it satisfies: those the option
//! names under `ticks:`, else those whose `detect` cues are heard in what was
//! said (negation-aware, like the notes' auto-ticks), else the stage's first
//! required item.

use crate::classify::{self, Classification, Classifier};
use crate::cue::Reader;
use crate::engine::{ItemRef, StageStatus};
use crate::playbook::Playbook;
use crate::scenario::{EndingId, Move, Scenario};
use crate::stage::StageId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Who speaks a transcript line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// The scripted customer.
    Customer,
    /// The trainee.
    Trainee,
}

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// Who said it.
    pub speaker: Speaker,
    /// What was said (scenario text, or the trainee's typed reply).
    pub text: String,
}

/// One answer the trainee gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    /// 1-based turn number.
    pub number: usize,
    /// Id of the beat answered.
    pub beat: String,
    /// 1-based number of the option taken.
    pub option: usize,
    /// The move of that option.
    #[serde(rename = "move")]
    pub act: Move,
    /// The trainee's own words when typed; the option text otherwise.
    pub said: String,
    /// True when the reply was typed and classified.
    pub typed: bool,
    /// Mood before and after the answer.
    pub mood_before: u8,
    /// Mood after the answer.
    pub mood_after: u8,
    /// True when the answer sent the conversation back to listening.
    pub back_to_listen: bool,
    /// The option's feedback.
    pub feedback: String,
    /// The option's source id.
    pub source: String,
}

/// Why an answer could not be played.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlayError {
    /// The conversation has already ended.
    #[error("the conversation has already ended after {turns} answers")]
    Finished {
        /// Answers given.
        turns: usize,
    },
    /// No option with that number at this beat.
    #[error(
        "answer {given} at turn {turn}: there is no option {given} here (choose 1–{available})"
    )]
    NoSuchOption {
        /// 1-based turn.
        turn: usize,
        /// The number given.
        given: usize,
        /// How many options there are.
        available: usize,
    },
    /// The answers ran out before the conversation ended.
    #[error("too few answers: {given} given, the conversation is still going at turn {}", given + 1)]
    TooFewAnswers {
        /// Answers given.
        given: usize,
    },
}

/// The result of a typed reply.
#[derive(Clone, Debug, PartialEq)]
pub enum ReplyResult {
    /// The reply was taken along the option it matched.
    Taken(Classification),
    /// The classifier is not sure: the trainee should pick an option.
    Unsure(Classification),
}

/// A practice session in progress (or finished).
#[derive(Clone, Debug)]
pub struct Session<'a> {
    /// The scenario played.
    pub scenario: &'a Scenario,
    beat: Option<usize>,
    /// The customer's mood now, 0 calm … 10 furious.
    pub mood: u8,
    /// Answers so far.
    pub turns: Vec<Turn>,
    /// Everything said so far.
    pub transcript: Vec<Line>,
    /// The stage the conversation is in, from the moves made.
    pub stage: StageId,
    /// Stages reached by a move at least once.
    pub reached: BTreeSet<StageId>,
    /// True once the customer feels heard (an acknowledgement that was not
    /// undone by a flare-up).
    pub heard: bool,
    /// How the conversation ended, once it has.
    pub ending: Option<EndingId>,
    /// The playbook trained, when known: its checklist is ticked item by item.
    pub playbook: Option<&'a Playbook>,
    reader: Option<Reader>,
    /// Checklist items ticked so far, with the 1-based turn that ticked them.
    pub ticked: Vec<(ItemRef, usize)>,
}

impl<'a> Session<'a> {
    /// Starts `scenario` at its first beat (an invalid start yields a
    /// session that is already over without an ending; loading rejects that).
    pub fn new(scenario: &'a Scenario) -> Self {
        Session::with_playbook(scenario, None)
    }

    /// Starts `scenario` with the playbook it trains, whose checklist the
    /// moves then tick item by item.
    pub fn with_playbook(scenario: &'a Scenario, playbook: Option<&'a Playbook>) -> Self {
        let beat = scenario.beat_index(&scenario.start);
        let mut s = Session {
            scenario,
            beat,
            mood: scenario.mood.min(crate::scenario::MAX_MOOD),
            turns: Vec::new(),
            transcript: Vec::new(),
            stage: StageId::Listen,
            reached: BTreeSet::new(),
            heard: false,
            ending: None,
            playbook,
            reader: playbook.map(|p| Reader::builtin(p.language)),
            ticked: Vec::new(),
        };
        s.customer_speaks();
        s
    }

    /// True when the checklist item `item` of `stage` has been ticked.
    pub fn is_ticked(&self, stage: StageId, item: &str) -> bool {
        self.ticked
            .iter()
            .any(|(r, _)| r.stage == stage && r.item == item)
    }

    /// Ticks the items a good move satisfies (see the module docs).
    fn tick(&mut self, act: Move, said: &str, named: &[String], turn: usize) {
        let (Some(pb), Some(reader), Some(stage)) = (self.playbook, &self.reader, act.stage())
        else {
            return;
        };
        let items = &pb.stage(stage).checklist;
        let mut ids: Vec<&str> = items
            .iter()
            .filter(|i| named.contains(&i.id))
            .map(|i| i.id.as_str())
            .collect();
        if ids.is_empty() {
            let a = reader.analyse(said);
            ids = items
                .iter()
                .filter(|i| reader.heard_any(&a, &i.detect))
                .map(|i| i.id.as_str())
                .collect();
        }
        if ids.is_empty() {
            ids.extend(
                items
                    .iter()
                    .find(|i| i.required)
                    .or_else(|| items.first())
                    .map(|i| i.id.as_str()),
            );
        }
        let new: Vec<(ItemRef, usize)> = ids
            .into_iter()
            .filter(|id| !self.is_ticked(stage, id))
            .map(|id| (ItemRef::new(stage, id.to_owned()), turn))
            .collect();
        self.ticked.extend(new);
    }

    /// Plays `answers` (1-based option numbers) from the start; the
    /// conversation must end exactly with the last answer.
    pub fn play(scenario: &'a Scenario, answers: &[usize]) -> Result<Self, PlayError> {
        let mut s = Session::new(scenario);
        for &a in answers {
            if s.is_finished() {
                return Err(PlayError::Finished {
                    turns: s.turns.len(),
                });
            }
            s.choose(a.wrapping_sub(1))?;
        }
        if s.is_finished() {
            Ok(s)
        } else {
            Err(PlayError::TooFewAnswers {
                given: answers.len(),
            })
        }
    }

    fn customer_speaks(&mut self) {
        if let Some(b) = self.current_beat() {
            let lines: Vec<Line> = b
                .says
                .iter()
                .map(|t| Line {
                    speaker: Speaker::Customer,
                    text: t.clone(),
                })
                .collect();
            self.transcript.extend(lines);
        }
    }

    /// The beat waiting for an answer; `None` once finished.
    pub fn current_beat(&self) -> Option<&'a crate::scenario::Beat> {
        if self.ending.is_some() {
            return None;
        }
        let s: &'a Scenario = self.scenario;
        self.beat.and_then(|i| s.beats.get(i))
    }

    /// True when the conversation has ended.
    pub fn is_finished(&self) -> bool {
        self.current_beat().is_none()
    }

    /// Takes option `index` (0-based) of the current beat.
    pub fn choose(&mut self, index: usize) -> Result<&Turn, PlayError> {
        self.take(index, None)
    }

    /// Classifies a typed reply with `model` (see
    /// [`Classifier::for_scenario`]); when it clearly matches one option,
    /// continues along it.
    pub fn reply(&mut self, text: &str, model: &Classifier) -> Result<ReplyResult, PlayError> {
        let Some(beat) = self.current_beat() else {
            return Err(PlayError::Finished {
                turns: self.turns.len(),
            });
        };
        let c = classify::classify(text, beat, model);
        match c.option {
            Some(i) => {
                self.take(i, Some(text))?;
                Ok(ReplyResult::Taken(c))
            }
            None => Ok(ReplyResult::Unsure(c)),
        }
    }

    fn take(&mut self, index: usize, typed: Option<&str>) -> Result<&Turn, PlayError> {
        let turn_no = self.turns.len() + 1;
        let Some(beat) = self.current_beat() else {
            return Err(PlayError::Finished {
                turns: self.turns.len(),
            });
        };
        let Some(opt) = beat.options.get(index) else {
            return Err(PlayError::NoSuchOption {
                turn: turn_no,
                given: index.wrapping_add(1),
                available: beat.options.len(),
            });
        };
        let before = self.mood;
        let after = (i16::from(before) + i16::from(opt.mood))
            .clamp(0, i16::from(crate::scenario::MAX_MOOD)) as u8;
        let back = self.apply_move(opt.act);
        let said = typed.map_or_else(|| opt.text.clone(), str::to_owned);
        if !back {
            self.tick(opt.act, &said, &opt.ticks, turn_no);
        }
        self.transcript.push(Line {
            speaker: Speaker::Trainee,
            text: said.clone(),
        });
        self.mood = after;
        self.turns.push(Turn {
            number: turn_no,
            beat: beat.id.clone(),
            option: index + 1,
            act: opt.act,
            said,
            typed: typed.is_some(),
            mood_before: before,
            mood_after: after,
            back_to_listen: back,
            feedback: opt.feedback.clone(),
            source: opt.source.clone(),
        });
        match (&opt.next, opt.end) {
            (_, Some(end)) => {
                self.ending = Some(end);
                if let Some(e) = self.scenario.endings.get(end) {
                    self.transcript.push(Line {
                        speaker: Speaker::Customer,
                        text: e.says.clone(),
                    });
                }
            }
            (Some(next), None) => {
                self.beat = self.scenario.beat_index(next);
                self.customer_speaks();
            }
            (None, None) => self.beat = None,
        }
        let last = self.turns.len() - 1;
        Ok(&self.turns[last])
    }

    /// Updates stage progress for a move; returns true when it sent the
    /// conversation back to listening. Explaining or defending before the
    /// customer feels heard, and blaming, lecturing or joining the hysteria
    /// at any time, make the customer flare up (`zes-stappen`: "zo beland je
    /// al snel weer bij stap 1"; `lastige-klant`: olie op het vuur).
    fn apply_move(&mut self, m: Move) -> bool {
        let flare = (m.is_explaining() && !self.heard)
            || matches!(
                m,
                Move::BlameCustomer | Move::LectureCustomer | Move::JoinHysteria
            );
        if flare {
            self.stage = StageId::Listen;
            self.heard = false;
            return true;
        }
        if let Some(st) = m.stage() {
            self.reached.insert(st);
            if st > self.stage {
                self.stage = st;
            }
            if m == Move::Acknowledge {
                self.heard = true;
            }
        }
        false
    }

    /// How `stage` looks on the stage rail.
    pub fn stage_status(&self, stage: StageId) -> StageStatus {
        if stage == self.stage && !self.is_finished() {
            StageStatus::Current
        } else if self.reached.contains(&stage) {
            StageStatus::Done
        } else if stage < self.stage {
            StageStatus::Skipped
        } else {
            StageStatus::NotReached
        }
    }

    /// The option numbers taken so far (1-based).
    pub fn answers(&self) -> Vec<usize> {
        self.turns.iter().map(|t| t.option).collect()
    }
}

#[cfg(test)]
mod tests;
