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
    ChecklistItem, EMAIL_PLACEHOLDERS, Outcome, PHRASE_PLACEHOLDERS, Phrase, Playbook, Reminder,
    Stage,
};
use crate::diagnostic::did_you_mean;
use std::collections::HashMap;

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
        self.decision();
        self.evaluation();
        self.email();
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

    fn email(&mut self) {
        let e = &self.pb.email;
        if self.text("email.subject", &e.subject, Lines::One) {
            self.placeholders("email.subject", &e.subject, EMAIL_PLACEHOLDERS);
        }
        if self.text("email.body", &e.body, Lines::Many) {
            self.placeholders("email.body", &e.body, EMAIL_PLACEHOLDERS);
        }
        self.source("email.source", &e.source);
    }

    /// Non-empty, no control characters, one line where required, not
    /// absurdly long. Returns true when the text passed.
    fn text(&mut self, at: &str, s: &str, lines: Lines) -> bool {
        if s.trim().is_empty() {
            self.push(
                Problem::new(at, "empty text")
                    .expected("a non-empty text")
                    .hint("write the text, or remove the entry"),
            );
            return false;
        }
        if let Some((i, c)) = crate::text::find_forbidden(s) {
            self.push(
                Problem::new(
                    at,
                    format!(
                        "control character U+{:04X} at character {}",
                        c as u32,
                        i + 1
                    ),
                )
                .expected("plain text without control or bidirectional-override characters")
                .hint(
                    "remove it; it may have come in with copy-and-paste or a `\\x…`/`\\u…` escape",
                ),
            );
            return false;
        }
        if lines == Lines::One {
            if s.trim_end().contains(['\n', '\r']) {
                self.push(
                    Problem::new(at, "text spans several lines")
                        .expected("a single line")
                        .hint(
                            "put it on one line; use a `tip` or `guidance` for longer explanations",
                        ),
                );
                return false;
            }
            let n = s.chars().count();
            if n > MAX_LINE_CHARS {
                self.push(
                    Problem::new(at, format!("one-line text of {n} characters"))
                        .expected(format!("at most {MAX_LINE_CHARS} characters"))
                        .hint("shorten it; longer explanations belong in a `tip`, `summary` or `guidance`"),
                );
                return false;
            }
        }
        true
    }

    /// An id: lower-case letters, digits and `-` (and `_` when `underscore`).
    fn id(&mut self, at: &str, id: &str, underscore: bool) {
        let ok_char = |c: char| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (underscore && c == '_')
        };
        let starts_ok = id
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !starts_ok || !id.chars().all(ok_char) || id.chars().count() > MAX_ID_CHARS {
            let allowed = if underscore {
                "lower-case letters, digits, `_` and `-`"
            } else {
                "lower-case letters, digits and `-`"
            };
            let suggestion: String = id
                .trim()
                .to_lowercase()
                .chars()
                .map(|c| if ok_char(c) { c } else { '-' })
                .take(MAX_ID_CHARS)
                .collect();
            let mut p = Problem::new(at, format!("invalid id `{}`", id)).expected(format!(
                "{allowed}, starting with a letter or digit, at most {MAX_ID_CHARS} characters"
            ));
            if suggestion
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                p = p.hint(format!("e.g. `{suggestion}`"));
            } else {
                p = p.hint("ids are stored with every call; keep them short and stable");
            }
            self.push(p);
        }
    }

    /// Each id at most once within `ids` (paths and values).
    fn unique(&mut self, what: &str, ids: &[(String, &str)]) {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (at, id) in ids {
            match seen.get(id) {
                Some(first) => self.push(
                    Problem::new(at, format!("duplicate {what} id `{id}`"))
                        .expected(format!("each {what} id once"))
                        .hint(format!("`{id}` is already used at `{first}`; rename one")),
                ),
                None => {
                    seen.insert(id, at);
                }
            }
        }
    }

    /// `source` names an entry of `sources`.
    fn source(&mut self, at: &str, source: &str) {
        if self.pb.source(source).is_some() {
            return;
        }
        let known: Vec<&str> = self.pb.sources.iter().map(|s| s.id.as_str()).collect();
        let listed = if known.is_empty() {
            "the id of an entry in `sources` (there are none)".to_owned()
        } else {
            let names: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            format!("one of {}", names.join(", "))
        };
        let hint = match did_you_mean(source, &known) {
            Some(m) => format!("did you mean `{m}`?"),
            None => "add the article to `sources`, or cite one that is listed".to_owned(),
        };
        self.push(
            Problem::new(at, format!("unknown source `{source}`"))
                .expected(listed)
                .hint(hint),
        );
    }

    /// Only `allowed` placeholders, and braces balanced.
    fn placeholders(&mut self, at: &str, s: &str, allowed: &[&str]) {
        let list = || {
            allowed
                .iter()
                .map(|a| format!("{{{a}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for name in crate::text::placeholders(s) {
            if !allowed.contains(&name) {
                let hint = match did_you_mean(name, allowed) {
                    Some(m) => format!("did you mean `{{{m}}}`?"),
                    None => "use one of the placeholders above (filled in during the call), or write `{{` and `}}` for literal braces".to_owned(),
                };
                self.push(
                    Problem::new(at, format!("unknown placeholder `{{{name}}}`"))
                        .expected(format!("one of {}", list()))
                        .hint(hint),
                );
            }
        }
        if unbalanced_brace(s) {
            self.push(
                Problem::new(at, "a `{` or `}` that does not belong to a placeholder")
                    .expected(format!("placeholders such as {}", list()))
                    .hint("close the placeholder, or write `{{` / `}}` for a literal brace"),
            );
        }
    }
}

/// True when `s` has a brace outside `{{`, `}}` and `{name}`.
fn unbalanced_brace(s: &str) -> bool {
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        if let Some(r) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            rest = r;
        } else if tail.starts_with('}') {
            return true;
        } else {
            match tail[1..].find(['{', '}']) {
                Some(j) if tail.as_bytes()[j + 1] == b'}' => rest = &tail[j + 2..],
                _ => return true,
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::Playbook;

    fn fixture() -> Playbook {
        serde_yaml::from_str(include_str!("../../../tests/fixtures/minimal.yaml")).unwrap()
    }

    fn paths(pb: &Playbook) -> Vec<String> {
        validate(pb).into_iter().map(|p| p.path).collect()
    }

    #[test]
    fn fixture_and_shipped_playbooks_are_valid() {
        assert_eq!(validate(&fixture()), vec![]);
        for (_, _, yaml) in crate::playbook::builtin::ALL {
            let pb: Playbook = serde_yaml::from_str(yaml).unwrap();
            assert_eq!(validate(&pb), vec![]);
        }
    }

    #[test]
    fn unknown_sources_are_reported_everywhere_with_did_you_mean() {
        let mut pb = fixture();
        pb.stages.listen.checklist[1].source = "scr".into();
        pb.email.source = "other".into();
        pb.decision.first_time.part_ways.source = "nope".into();
        let problems = validate(&pb);
        assert_eq!(
            paths(&pb),
            vec![
                "stages.listen.checklist[1].source",
                "decision.first_time.part_ways.source",
                "email.source"
            ]
        );
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `src`?"));
        assert_eq!(problems[0].expected.as_deref(), Some("one of `src`"));
    }

    #[test]
    fn duplicate_ids_within_scope_only() {
        let mut pb = fixture();
        pb.stages.listen.checklist[1].id = "no_interrupt".into();
        // The same id in another stage is fine.
        pb.stages.ask.checklist[0].id = "no_interrupt".into();
        pb.decision.questions[2].id = "share_blame".into();
        pb.evaluation.causes.push(pb.evaluation.causes[0].clone());
        pb.sources.push(pb.sources[0].clone());
        let p = paths(&pb);
        assert_eq!(
            p,
            vec![
                "sources[1].id",
                "stages.listen.checklist[1].id",
                "decision.questions[2].id",
                "evaluation.causes[1].id"
            ]
        );
    }

    #[test]
    fn texts_must_be_non_empty_clean_and_one_line_where_required() {
        let mut pb = fixture();
        pb.title = "  ".into();
        pb.mindset[0].text = "calm\u{1b}[31m".into();
        pb.stages.listen.goal = "two\nlines".into();
        pb.stages.listen.phrases[1].text = "\u{202e}reversed".into();
        pb.email.subject = "x".repeat(MAX_LINE_CHARS + 1);
        let problems = validate(&pb);
        let p: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            p,
            vec![
                "title",
                "mindset[0].text",
                "stages.listen.goal",
                "stages.listen.phrases[1].text",
                "email.subject"
            ]
        );
        assert!(problems[1].message.contains("U+001B"));
        assert!(problems[3].message.contains("U+202E"));
    }

    #[test]
    fn time_hints_ids_and_question_counts() {
        let mut pb = fixture();
        pb.stages.listen.time_hint_secs = Some(0);
        pb.stages.ask.time_hint_secs = Some(MAX_TIME_HINT_SECS + 1);
        pb.id = "My Playbook".into();
        pb.stages.ask.checklist[0].id = "Summarise!".into();
        pb.decision.questions.clear();
        let problems = validate(&pb);
        let p: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            p,
            vec![
                "id",
                "stages.listen.time_hint_secs",
                "stages.ask.time_hint_secs",
                "stages.ask.checklist[0].id",
                "decision.questions"
            ]
        );
        assert_eq!(problems[0].hint.as_deref(), Some("e.g. `my-playbook`"));
        let mut pb = fixture();
        let q = pb.decision.questions[0].clone();
        pb.decision.questions = (0..10)
            .map(|i| {
                let mut q = q.clone();
                q.id = format!("q{i}");
                q
            })
            .collect();
        assert_eq!(paths(&pb), vec!["decision.questions"]);
    }

    #[test]
    fn placeholders_are_checked_per_context() {
        let mut pb = fixture();
        pb.stages.listen.phrases[0].text = "Hello {custmer}, see {agreements}".into();
        pb.email.body = "Dear {customer}, {agreements} {follow_up_date} {{literal}}".into();
        pb.email.subject = "About {complaint".into();
        let problems = validate(&pb);
        let msgs: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.path.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            msgs,
            vec![
                (
                    "stages.listen.phrases[0].text",
                    "unknown placeholder `{custmer}`"
                ),
                (
                    "stages.listen.phrases[0].text",
                    "unknown placeholder `{agreements}`"
                ),
                (
                    "email.subject",
                    "a `{` or `}` that does not belong to a placeholder"
                ),
            ]
        );
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean `{customer}`?")
        );
        assert!(!unbalanced_brace("a {x} {{ }} b"));
        assert!(unbalanced_brace("a } b"));
        assert!(unbalanced_brace("a {x"));
        assert!(unbalanced_brace("a {x{y}"));
    }

    #[test]
    fn detect_cues_must_match_something_once_per_stage() {
        let mut pb = fixture();
        pb.stages.listen.checklist[0].detect = vec!["Let them finish".into(), "  ".into()];
        pb.stages.listen.checklist[1].detect = vec!["let them FINISH!".into(), "?!".into()];
        let p = paths(&pb);
        assert_eq!(
            p,
            vec![
                "stages.listen.checklist[0].detect[1]",
                "stages.listen.checklist[1].detect[0]",
                "stages.listen.checklist[1].detect[1]"
            ]
        );
    }
}
