//! The rules a scenario must satisfy beyond its shape: ids, texts,
//! sources, beats and options, cue lists. Every problem is located by its
//! path so the loader can point at the line.

use super::{Choice, Cues, MAX_MOOD, MAX_MOOD_CHANGE, MAX_OPTIONS, Scenario};
use crate::playbook::validate::Problem;
use std::collections::{BTreeSet, HashSet};
/// True for a valid scenario id: lower-case ASCII letters, digits and `-`.
fn valid_id(s: &str, extra: &[char]) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || extra.contains(&c))
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
        expected: None,
        hint: None,
        offset: None,
    }
}

pub(crate) fn problem_x(
    path: impl Into<String>,
    message: impl Into<String>,
    expected: &str,
    hint: Option<&str>,
) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
        expected: Some(expected.into()),
        hint: hint.map(Into::into),
        offset: None,
    }
}

/// Checks a text field: non-empty, no control characters, one line unless
/// `multiline`.
fn check_text(out: &mut Vec<Problem>, path: String, text: &str, multiline: bool) {
    if text.trim().is_empty() {
        out.push(problem_x(path, "empty text", "a non-empty text", None));
    } else if let Some((i, c)) = crate::text::find_forbidden(text) {
        out.push(problem(
            path,
            format!(
                "control character U+{:04X} at character {}",
                c as u32,
                i + 1
            ),
        ));
    } else if !multiline && text.contains('\n') {
        out.push(problem_x(
            path,
            "line break in a one-line text",
            "one line",
            None,
        ));
    }
}

/// Checks every rule on shape and references (not reachability; see
/// [`soundness`]) and returns all problems found, each at its YAML path.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut out = Vec::new();
    if !valid_id(&s.id, &[]) {
        out.push(problem_x(
            "id",
            format!("invalid id `{}`", crate::text::sanitize_line(&s.id)),
            "lower-case letters, digits and `-`, e.g. `sweat-stains`",
            None,
        ));
    }
    check_text(&mut out, "title".into(), &s.title, false);
    if !valid_id(&s.playbook, &[]) {
        out.push(problem_x(
            "playbook",
            "invalid playbook id",
            "the id of a playbook, e.g. `klachtgesprek`",
            None,
        ));
    }
    check_text(&mut out, "persona.name".into(), &s.persona.name, false);
    check_text(
        &mut out,
        "persona.situation".into(),
        &s.persona.situation,
        true,
    );
    check_text(&mut out, "persona.wants".into(), &s.persona.wants, true);
    if s.mood > MAX_MOOD {
        out.push(problem_x(
            "mood",
            format!("mood {} is out of range", s.mood),
            "0 (calm) … 10 (furious)",
            None,
        ));
    }
    if let Some(p) = s.pass_mark
        && !(1..=100).contains(&p)
    {
        out.push(problem_x(
            "pass_mark",
            format!("pass mark {p} is out of range"),
            "1 … 100",
            None,
        ));
    }
    validate_sources(s, &mut out);
    validate_beats(s, &mut out);
    for (id, e) in s.endings.iter() {
        check_text(&mut out, format!("endings.{id}.says"), &e.says, true);
    }
    if s.endings.iter().next().is_none() {
        out.push(problem_x(
            "endings",
            "no ending defined",
            "at least one of resolved, resolved_with_follow_up, parted_respectfully, customer_lost",
            None,
        ));
    }
    validate_cues(&s.classifier, "classifier", &mut out);
    for (i, m) in s.auto_fail.iter().enumerate() {
        if !m.is_anti() {
            out.push(problem_x(
                format!("auto_fail[{i}]"),
                format!("`{m}` is a good move, not an anti-move"),
                "an anti-move: interrupt, explain_too_early, defend, blame_customer, lecture_customer, join_hysteria, overpromise",
                None,
            ));
        }
    }
    out
}

fn validate_sources(s: &Scenario, out: &mut Vec<Problem>) {
    if s.sources.is_empty() {
        out.push(problem_x(
            "sources",
            "no sources",
            "at least one source the feedback cites",
            None,
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, src) in s.sources.iter().enumerate() {
        if !valid_id(&src.id, &[]) {
            out.push(problem_x(
                format!("sources[{i}].id"),
                "invalid source id",
                "lower-case letters, digits and `-`, e.g. `lastige-klant`",
                None,
            ));
        } else if !seen.insert(src.id.as_str()) {
            out.push(problem(
                format!("sources[{i}].id"),
                format!("duplicate source id `{}`", src.id),
            ));
        }
        check_text(out, format!("sources[{i}].title"), &src.title, false);
        check_text(out, format!("sources[{i}].author"), &src.author, false);
        check_text(out, format!("sources[{i}].summary"), &src.summary, true);
        if let Some(url) = &src.url {
            check_text(out, format!("sources[{i}].url"), url, false);
        }
    }
}

fn validate_beats(s: &Scenario, out: &mut Vec<Problem>) {
    if s.beats.is_empty() {
        out.push(problem_x("beats", "no beats", "at least one beat", None));
    }
    let ids = Ids {
        list: s.beats.iter().map(|b| b.id.as_str()).collect(),
        set: s.beats.iter().map(|b| b.id.as_str()).collect(),
        suggestions_left: std::cell::Cell::new(MAX_SUGGESTIONS),
        sources: s.sources.iter().map(|x| x.id.as_str()).collect(),
    };
    if !ids.set.contains(s.start.as_str()) {
        out.push(unknown_beat("start", &s.start, &ids));
    }
    let mut seen = BTreeSet::new();
    for (bi, beat) in s.beats.iter().enumerate() {
        let at = format!("beats[{bi}]");
        if !valid_id(&beat.id, &['_']) {
            out.push(problem_x(
                format!("{at}.id"),
                "invalid beat id",
                "lower-case letters, digits, `_` and `-`",
                None,
            ));
        } else if !seen.insert(beat.id.as_str()) {
            out.push(problem(
                format!("{at}.id"),
                format!("duplicate beat id `{}`", beat.id),
            ));
        }
        if beat.says.is_empty() {
            out.push(problem_x(
                format!("{at}.says"),
                "the customer says nothing",
                "one or more lines",
                None,
            ));
        }
        for (li, line) in beat.says.iter().enumerate() {
            check_text(out, format!("{at}.says[{li}]"), line, false);
        }
        if beat.options.is_empty() || beat.options.len() > MAX_OPTIONS {
            out.push(problem_x(
                format!("{at}.options"),
                format!("{} options", beat.options.len()),
                "one to nine options",
                None,
            ));
        }
        for (oi, opt) in beat.options.iter().enumerate() {
            validate_option(s, &ids, &format!("{at}.options[{oi}]"), opt, out);
        }
    }
}

/// The beat ids of a scenario, for reference checks.
struct Ids<'a> {
    /// In file order (for suggestions).
    list: Vec<&'a str>,
    /// For membership in constant time.
    set: HashSet<&'a str>,
    /// How many more unknown references get a "did you mean" (each one
    /// compares against every id).
    suggestions_left: std::cell::Cell<usize>,
    /// The source ids.
    sources: HashSet<&'a str>,
}

/// Unknown beat references that get a "did you mean" suggestion; the rest
/// are reported without one, so a file full of them is still checked fast.
const MAX_SUGGESTIONS: usize = 100;

fn validate_option(s: &Scenario, ids: &Ids<'_>, at: &str, opt: &Choice, out: &mut Vec<Problem>) {
    check_text(out, format!("{at}.text"), &opt.text, false);
    check_text(out, format!("{at}.feedback"), &opt.feedback, true);
    if opt.mood.abs() > MAX_MOOD_CHANGE {
        out.push(problem_x(
            format!("{at}.mood"),
            format!("mood change {} is too large", opt.mood),
            "-5 … 5",
            None,
        ));
    }
    match (&opt.next, opt.end) {
        (Some(_), Some(_)) => out.push(problem_x(
            format!("{at}.end"),
            "both `next` and `end` given",
            "exactly one of `next` (a beat id) and `end` (an ending)",
            None,
        )),
        (None, None) => out.push(problem_x(
            at.to_owned(),
            "neither `next` nor `end` given",
            "exactly one of `next` (a beat id) and `end` (an ending)",
            None,
        )),
        (Some(next), None) if !ids.set.contains(next.as_str()) => {
            out.push(unknown_beat(&format!("{at}.next"), next, ids))
        }
        (None, Some(end)) if s.endings.get(end).is_none() => out.push(problem_x(
            format!("{at}.end"),
            format!("ending `{end}` is not defined under `endings`"),
            "an ending defined under `endings`",
            Some("add it under `endings:` with the customer's closing line"),
        )),
        _ => {}
    }
    if !ids.sources.contains(opt.source.as_str()) {
        let known: Vec<&str> = s.sources.iter().map(|x| x.id.as_str()).collect();
        out.push(problem_x(
            format!("{at}.source"),
            format!(
                "unknown source `{}`",
                crate::text::sanitize_line(&opt.source)
            ),
            &format!("one of the ids under `sources`: {}", known.join(", ")),
            None,
        ));
    }
    for (ci, cue) in opt.cues.iter().enumerate() {
        check_cue(out, format!("{at}.cues[{ci}]"), cue);
    }
}

fn check_cue(out: &mut Vec<Problem>, path: String, cue: &str) {
    if crate::text::words(cue).is_empty() {
        out.push(problem_x(
            path,
            "a cue without words never matches",
            "one or more words",
            None,
        ));
    } else {
        check_text(out, path, cue, false);
    }
}

/// Checks a cue table (scenario `classifier:` or a shipped defaults file).
pub fn validate_cues(cues: &Cues, prefix: &str, out: &mut Vec<Problem>) {
    for (m, list) in cues.iter() {
        for (i, cue) in list.iter().enumerate() {
            let path = if prefix.is_empty() {
                format!("{m}[{i}]")
            } else {
                format!("{prefix}.{m}[{i}]")
            };
            check_cue(out, path, cue);
        }
    }
}

fn unknown_beat(path: &str, id: &str, ids: &Ids<'_>) -> Problem {
    let left = ids.suggestions_left.get();
    ids.suggestions_left.set(left.saturating_sub(1));
    let best = ids
        .list
        .iter()
        .take(if left > 0 { usize::MAX } else { 0 })
        .map(|k| (strsim::levenshtein(k, id), *k))
        .filter(|(d, _)| *d <= 3)
        .min();
    Problem {
        path: path.to_owned(),
        message: format!("no beat with id `{}`", crate::text::sanitize_line(id)),
        expected: Some("the id of a beat under `beats`".into()),
        hint: best.map(|(_, k)| format!("did you mean `{k}`?")),
        offset: None,
    }
}
