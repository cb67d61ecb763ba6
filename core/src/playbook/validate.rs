//! Semantic rules a playbook must satisfy beyond its shape (which serde and
//! `deny_unknown_fields` already enforce). Every broken rule becomes a
//! [`Problem`] at a YAML path; all problems are returned at once.
//!
//! The rules: ids well-formed and unique within their scope; every `source`
//! names an entry of `sources`; every text non-empty and free of control
//! characters; one-line fields on one line; time hints positive and sane;
//! one to nine decision questions; only known `{placeholders}`; detect cues
//! that can match and are not repeated.

use super::{
    ChecklistItem, EMAIL_PLACEHOLDERS, Outcome, PHRASE_PLACEHOLDERS, Phrase, Playbook,
    RecordAction, Reminder, Stage,
};
use std::collections::HashMap;

mod rules;

pub use crate::diagnostic::Problem;

/// Longest time hint accepted (one hour): a stage nudge beyond that is a typo.
pub const MAX_TIME_HINT_SECS: u32 = 3600;

/// Longest id accepted.
pub const MAX_ID_CHARS: usize = 64;

/// Longest one-line text (title, goal, subject …) accepted.
pub const MAX_LINE_CHARS: usize = 200;

/// Most decision questions.
pub const MAX_DECISION_QUESTIONS: usize = 9;

/// Checks every rule and returns all problems found (empty when valid).
pub fn validate(pb: &Playbook) -> Vec<Problem> {
    let mut v = Validator {
        pb,
        out: Vec::new(),
    };
    v.playbook();
    v.out
}

/// Whether a text may span several lines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    One,
    Many,
}

struct Validator<'a> {
    pb: &'a Playbook,
    out: Vec<Problem>,
}

impl Validator<'_> {
    fn push(&mut self, p: Problem) {
        self.out.push(p);
    }

    fn playbook(&mut self) {
        let pb = self.pb;
        self.id("id", &pb.id, false);
        self.text("title", &pb.title, Lines::One);
        self.text("version", &pb.version, Lines::One);
        self.text("description", &pb.description, Lines::Many);

        if pb.sources.is_empty() {
            self.push(
                Problem::new("sources", "no sources listed")
                    .expected("at least one source (the article or document the content comes from)")
                    .hint("add `- id: …`, `title:`, `author:`, `summary:`; every `source:` field names one"),
            );
        }
        let ids: Vec<(String, &str)> = pb
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("sources[{i}].id"), s.id.as_str()))
            .collect();
        self.unique("source", &ids);
        for (i, s) in pb.sources.iter().enumerate() {
            let at = format!("sources[{i}]");
            self.id(&format!("{at}.id"), &s.id, true);
            self.text(&format!("{at}.title"), &s.title, Lines::One);
            self.text(&format!("{at}.author"), &s.author, Lines::One);
            self.text(&format!("{at}.summary"), &s.summary, Lines::Many);
            if let Some(url) = &s.url {
                self.text(&format!("{at}.url"), url, Lines::One);
            }
        }

        for (i, r) in pb.mindset.iter().enumerate() {
            self.reminder(&format!("mindset[{i}]"), r);
        }
        for (id, stage) in pb.stages.iter() {
            self.stage(&format!("stages.{id}"), stage);
        }
        self.ticked_by();
        self.decision();
        self.evaluation();
        self.email();
        self.rubric();
        for (i, p) in pb.redact.iter().enumerate() {
            self.text(&format!("redact[{i}].name"), &p.name, Lines::One);
            if let Err(why) = crate::redact::Shape::parse(&p.shape) {
                self.push(
                    Problem::new(format!("redact[{i}].shape"), why)
                        .expected("a shape such as `KL-######`")
                        .hint("`#` a digit, `@` a letter, `?` a letter or digit, `\\x` the character x"),
                );
            }
        }
        if let Some(f) = &pb.customer_fallback {
            self.fallback("customer_fallback", f);
        }
        self.flare_up();
    }

    /// Each call-screen action satisfies at most one checklist item.
    fn ticked_by(&mut self) {
        let mut first: HashMap<RecordAction, String> = HashMap::new();
        for (stage, content) in self.pb.stages.iter() {
            for (i, item) in content.checklist.iter().enumerate() {
                let Some(action) = item.ticked_by else {
                    continue;
                };
                let at = format!("stages.{stage}.checklist[{i}].ticked_by");
                match first.get(&action) {
                    Some(earlier) => self.push(
                        Problem::new(
                            &at,
                            format!("`{}` already ticks another item", action.as_str()),
                        )
                        .expected("each action on at most one checklist item")
                        .hint(format!(
                            "it is already at `{earlier}`; keep it on the item the action really completes"
                        )),
                    ),
                    None => {
                        first.insert(action, at);
                    }
                }
            }
        }
    }

    /// A fallback for `{customer}`: may be empty; otherwise one clean line
    /// without placeholders.
    fn fallback(&mut self, at: &str, s: &str) {
        if !s.is_empty() && self.text(at, s, Lines::One) {
            self.placeholders(at, s, &[]);
        }
    }

    fn flare_up(&mut self) {
        let Some(f) = &self.pb.flare_up else {
            return;
        };
        if f.cues.is_empty() {
            self.push(
                Problem::new("flare_up.cues", "no flare-up cues listed")
                    .expected("one or more words a customer says when flaring up")
                    .hint("list cues like `[belachelijk, manager]`, or leave `flare_up:` out"),
            );
        }
        for (k, cue) in f.cues.iter().enumerate() {
            let at = format!("flare_up.cues[{k}]");
            if self.text(&at, cue, Lines::One) && crate::text::words(cue).is_empty() {
                self.push(
                    Problem::new(&at, format!("cue `{cue}` has no letters or digits"))
                        .expected("one or more words to listen for")
                        .hint("cues match whole words, ignoring case, accents and punctuation"),
                );
            }
        }
        self.source("flare_up.source", &f.source);
    }

    fn reminder(&mut self, at: &str, r: &Reminder) {
        self.text(&format!("{at}.text"), &r.text, Lines::Many);
        self.source(&format!("{at}.source"), &r.source);
    }

    fn stage(&mut self, at: &str, s: &Stage) {
        self.text(&format!("{at}.title"), &s.title, Lines::One);
        self.text(&format!("{at}.goal"), &s.goal, Lines::One);
        match s.time_hint_secs {
            Some(0) => self.push(
                Problem::new(format!("{at}.time_hint_secs"), "time hint of 0 seconds")
                    .expected("a positive number of seconds")
                    .hint("write e.g. `time_hint_secs: 90`, or leave the key out for no nudge"),
            ),
            Some(n) if n > MAX_TIME_HINT_SECS => self.push(
                Problem::new(
                    format!("{at}.time_hint_secs"),
                    format!("time hint of {n} seconds (over an hour)"),
                )
                .expected(format!("at most {MAX_TIME_HINT_SECS} seconds"))
                .hint("the hint is in seconds: 2 minutes is `120`"),
            ),
            _ => {}
        }
        let ids: Vec<(String, &str)> = s
            .checklist
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("{at}.checklist[{i}].id"), c.id.as_str()))
            .collect();
        self.unique("checklist item", &ids);
        let mut cues: HashMap<String, String> = HashMap::new();
        for (i, item) in s.checklist.iter().enumerate() {
            self.item(&format!("{at}.checklist[{i}]"), item, &mut cues);
        }
        for (i, p) in s.phrases.iter().enumerate() {
            self.phrase(&format!("{at}.phrases[{i}]"), p);
        }
        for (i, p) in s.pitfalls.iter().enumerate() {
            let at = format!("{at}.pitfalls[{i}]");
            self.text(&format!("{at}.text"), &p.text, Lines::Many);
            self.source(&format!("{at}.source"), &p.source);
        }
    }

    /// One checklist item; `cues` maps each folded cue of the stage to the
    /// path where it first appeared.
    fn item(&mut self, at: &str, item: &ChecklistItem, cues: &mut HashMap<String, String>) {
        self.id(&format!("{at}.id"), &item.id, true);
        self.text(&format!("{at}.text"), &item.text, Lines::One);
        if let Some(tip) = &item.tip {
            self.text(&format!("{at}.tip"), tip, Lines::Many);
        }
        for (k, cue) in item.detect.iter().enumerate() {
            let cue_at = format!("{at}.detect[{k}]");
            if !self.text(&cue_at, cue, Lines::One) {
                continue;
            }
            let words = crate::text::words(cue);
            if words.is_empty() {
                self.push(
                    Problem::new(&cue_at, format!("cue `{cue}` has no letters or digits"))
                        .expected("one or more words to look for in the notes")
                        .hint("cues match whole words, ignoring case, accents and punctuation"),
                );
                continue;
            }
            let key = words.join(" ");
            match cues.get(&key) {
                Some(first) => self.push(
                    Problem::new(&cue_at, format!("cue `{cue}` appears twice in this stage"))
                        .expected("each cue once per stage")
                        .hint(format!(
                            "it is already at `{first}`; one note would tick both items — remove one"
                        )),
                ),
                None => {
                    cues.insert(key, cue_at);
                }
            }
        }
        self.source(&format!("{at}.source"), &item.source);
    }

    fn phrase(&mut self, at: &str, p: &Phrase) {
        if self.text(&format!("{at}.text"), &p.text, Lines::Many) {
            self.placeholders(&format!("{at}.text"), &p.text, PHRASE_PLACEHOLDERS);
        }
        self.source(&format!("{at}.source"), &p.source);
    }

    fn decision(&mut self) {
        let d = &self.pb.decision;
        self.text("decision.title", &d.title, Lines::One);
        self.text("decision.intro", &d.intro, Lines::Many);
        self.source("decision.source", &d.source);
        let n = d.questions.len();
        if n == 0 || n > MAX_DECISION_QUESTIONS {
            self.push(
                Problem::new("decision.questions", format!("{n} decision questions"))
                    .expected(format!("1 to {MAX_DECISION_QUESTIONS} yes/no questions"))
                    .hint("the agent answers each with a key 1–9; `lastige-klant` has three"),
            );
        }
        let ids: Vec<(String, &str)> = d
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (format!("decision.questions[{i}].id"), q.id.as_str()))
            .collect();
        self.unique("decision question", &ids);
        for (i, q) in d.questions.iter().enumerate() {
            let at = format!("decision.questions[{i}]");
            self.id(&format!("{at}.id"), &q.id, true);
            self.text(&format!("{at}.text"), &q.text, Lines::One);
            if let Some(h) = &q.hint {
                self.text(&format!("{at}.hint"), h, Lines::Many);
            }
            self.source(&format!("{at}.source"), &q.source);
        }
        for (name, outcomes) in [
            ("first_time", &d.first_time),
            ("repeat_difficult", &d.repeat_difficult),
        ] {
            self.outcome(&format!("decision.{name}.keep"), &outcomes.keep);
            self.outcome(&format!("decision.{name}.part_ways"), &outcomes.part_ways);
        }
        if let Some(c) = &d.caution {
            self.reminder("decision.caution", c);
        }
    }

    fn outcome(&mut self, at: &str, o: &Outcome) {
        self.text(&format!("{at}.title"), &o.title, Lines::One);
        self.text(&format!("{at}.guidance"), &o.guidance, Lines::Many);
        for (i, p) in o.phrases.iter().enumerate() {
            self.phrase(&format!("{at}.phrases[{i}]"), p);
        }
        self.source(&format!("{at}.source"), &o.source);
    }

    fn evaluation(&mut self) {
        let e = &self.pb.evaluation;
        let ids: Vec<(String, &str)> = e
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (format!("evaluation.questions[{i}].id"), q.id.as_str()))
            .collect();
        self.unique("evaluation question", &ids);
        for (i, q) in e.questions.iter().enumerate() {
            let at = format!("evaluation.questions[{i}]");
            self.id(&format!("{at}.id"), &q.id, true);
            self.text(&format!("{at}.text"), &q.text, Lines::Many);
            self.source(&format!("{at}.source"), &q.source);
        }
        let ids: Vec<(String, &str)> = e
            .causes
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("evaluation.causes[{i}].id"), c.id.as_str()))
            .collect();
        self.unique("cause", &ids);
        for (i, c) in e.causes.iter().enumerate() {
            let at = format!("evaluation.causes[{i}]");
            self.id(&format!("{at}.id"), &c.id, true);
            self.text(&format!("{at}.label"), &c.label, Lines::One);
            self.source(&format!("{at}.source"), &c.source);
        }
    }

    fn rubric(&mut self) {
        let Some(r) = &self.pb.rubric else { return };
        for (key, w) in r.weights.set() {
            if w > super::MAX_CHECK_WEIGHT {
                self.push(Problem {
                    path: format!("rubric.weights.{key}"),
                    message: format!("{w} points is too many"),
                    expected: Some("0 … 100 points".into()),
                    hint: None,
                    offset: None,
                });
            }
        }
        for (i, m) in r.auto_fail.iter().flatten().enumerate() {
            if !m.is_anti() {
                self.push(Problem {
                    path: format!("rubric.auto_fail[{i}]"),
                    message: format!("`{m}` is a good move, not an anti-move"),
                    expected: Some("an anti-move: interrupt, explain_too_early, defend, blame_customer, lecture_customer, join_hysteria, overpromise".into()),
                    hint: None,
                    offset: None,
                });
            }
        }
    }

    fn email(&mut self) {
        let e = &self.pb.email;
        if self.text("email.subject", &e.subject, Lines::One) {
            self.placeholders("email.subject", &e.subject, EMAIL_PLACEHOLDERS);
        }
        if self.text("email.body", &e.body, Lines::Many) {
            self.placeholders("email.body", &e.body, EMAIL_PLACEHOLDERS);
        }
        if let Some(f) = &e.customer_fallback {
            self.fallback("email.customer_fallback", f);
        }
        self.source("email.source", &e.source);
    }
}

#[cfg(test)]
mod tests;
