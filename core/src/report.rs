//! The results report: practice attempts per trainee and scenario, and
//! figures across real calls. Pure aggregation and rendering to text,
//! CSV and JSON; the shell reads the store and draws the bar chart.

use crate::engine::Event;
use crate::playbook::{Language, Playbook};
use crate::score::{Check, Grade};
use crate::stage::StageId;

use serde::Serialize;

mod facts;
pub use facts::{CallFacts, facts_key};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One stored practice attempt, as the report needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    /// Trainee name.
    pub trainee: String,
    /// Scenario id.
    pub scenario: String,
    /// When it finished (ms since the epoch), for "last".
    pub finished_at: i64,
    /// Score 0–100.
    pub score: u8,
    /// Passed?
    pub passed: bool,
    /// The checks the attempt lost points on (one entry per mistake).
    pub mistakes: Vec<Check>,
}

impl Attempt {
    /// Builds an attempt from the stored columns; an unreadable breakdown
    /// just means no mistakes are known for it.
    pub fn from_stored(
        trainee: &str,
        scenario: &str,
        finished_at: i64,
        score: u8,
        passed: bool,
        breakdown_json: &str,
    ) -> Attempt {
        let mistakes = serde_json::from_str::<Grade>(breakdown_json)
            .map(|g| g.mistakes.into_iter().map(|m| m.check).collect())
            .unwrap_or_default();
        Attempt {
            trainee: trainee.to_owned(),
            scenario: scenario.to_owned(),
            finished_at,
            score,
            passed,
            mistakes,
        }
    }
}

/// A trainee's results on one scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PracticeRow {
    /// Trainee name.
    pub trainee: String,
    /// Scenario id.
    pub scenario: String,
    /// Number of attempts.
    pub attempts: usize,
    /// Best score.
    pub best: u8,
    /// Score of the latest attempt.
    pub last: u8,
    /// Did the latest attempt pass?
    pub last_passed: bool,
    /// Has any attempt passed?
    pub ever_passed: bool,
    /// Most common mistakes (check id, times), most frequent first, at most three.
    pub common_mistakes: Vec<(Check, usize)>,
}

/// Figures across real calls.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CallFigures {
    /// Number of calls.
    pub calls: usize,
    /// Average seconds spent per stage, over the calls that spent time in it.
    pub avg_stage_secs: Vec<(StageId, f64)>,
    /// Required checklist items skipped and still open at the end (text,
    /// times), most first.
    pub skipped_items: Vec<(String, usize)>,
    /// Required items skipped and ticked later in the call (text, times).
    #[serde(default)]
    pub completed_later_items: Vec<(String, usize)>,
    /// Complaint causes from the evaluation (label, calls), most first.
    pub causes: Vec<(String, usize)>,
    /// Average rubric score of the ended calls, if any.
    pub avg_score: Option<u8>,
}

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Per trainee and scenario, sorted by trainee then scenario.
    pub practice: Vec<PracticeRow>,
    /// Across real calls.
    pub calls: CallFigures,
}

/// Groups attempts per (trainee, scenario).
pub fn practice_rows(attempts: &[Attempt]) -> Vec<PracticeRow> {
    let mut groups: BTreeMap<(String, String), Vec<&Attempt>> = BTreeMap::new();
    for a in attempts {
        groups
            .entry((a.trainee.clone(), a.scenario.clone()))
            .or_default()
            .push(a);
    }
    groups
        .into_iter()
        .filter_map(|((trainee, scenario), mut list)| {
            list.sort_by_key(|a| a.finished_at);
            let last = list.last()?;
            let mut counts: BTreeMap<Check, usize> = BTreeMap::new();
            for a in &list {
                for c in &a.mistakes {
                    *counts.entry(*c).or_insert(0) += 1;
                }
            }
            let mut common: Vec<(Check, usize)> = counts.into_iter().collect();
            common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            common.truncate(3);
            Some(PracticeRow {
                attempts: list.len(),
                best: list.iter().map(|a| a.score).max().unwrap_or(0),
                last: last.score,
                last_passed: last.passed,
                ever_passed: list.iter().any(|a| a.passed),
                common_mistakes: common,
                trainee,
                scenario,
            })
        })
        .collect()
}

/// Figures over real calls: each call's events, with its playbook when
/// known (for item and cause labels).
pub fn call_figures(calls: &[(Vec<Event>, Option<&Playbook>)]) -> CallFigures {
    let facts: Vec<(CallFacts, Option<&Playbook>)> = calls
        .iter()
        .filter_map(|(events, pb)| Some((CallFacts::of_call(events, *pb)?, *pb)))
        .collect();
    figures_from_facts(&facts)
}

/// [`call_figures`] from each call's [`CallFacts`] (computed now or cached).
pub fn figures_from_facts(calls: &[(CallFacts, Option<&Playbook>)]) -> CallFigures {
    let mut stage_sum = [0i64; 6];
    let mut stage_n = [0usize; 6];
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut later: BTreeMap<String, usize> = BTreeMap::new();
    let mut causes: BTreeMap<String, usize> = BTreeMap::new();
    let mut scores = Vec::new();
    for (facts, pb) in calls {
        for st in StageId::ALL {
            let ms = facts.stage_ms[st.index()];
            if ms > 0 {
                stage_sum[st.index()] += ms;
                stage_n[st.index()] += 1;
            }
        }
        let lang = pb.map_or(Language::En, |p| p.language);
        let all = facts.skipped.iter().map(|i| (i, false));
        for (item, is_later) in all.chain(facts.completed_later.iter().map(|i| (i, true))) {
            let stage = pb.map_or_else(
                || crate::i18n::stage_name(item.stage, lang).to_owned(),
                |p| crate::text::sanitize_line(&p.stage(item.stage).title),
            );
            let label = pb.and_then(|p| p.item(item.stage, &item.item)).map_or_else(
                || format!("{stage}: {}", crate::text::sanitize_line(&item.item)),
                |i| format!("{stage}: {}", crate::text::sanitize_line(&i.text)),
            );
            let list = if is_later { &mut later } else { &mut skipped };
            *list.entry(label).or_insert(0) += 1;
        }
        if let Some(cause) = &facts.cause {
            let label = pb
                .and_then(|p| p.evaluation.causes.iter().find(|c| &c.id == cause))
                .map_or_else(|| cause.clone(), |c| c.label.clone());
            *causes
                .entry(crate::text::sanitize_line(&label))
                .or_insert(0) += 1;
        }
        if let Some(score) = facts.score {
            scores.push(u32::from(score));
        }
    }
    let avg_stage_secs = StageId::ALL
        .into_iter()
        .filter(|s| stage_n[s.index()] > 0)
        .map(|s| {
            (
                s,
                stage_sum[s.index()] as f64 / stage_n[s.index()] as f64 / 1000.0,
            )
        })
        .collect();
    let ranked = |m: BTreeMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(10);
        v
    };
    let avg_score = u32::try_from(scores.len())
        .ok()
        .and_then(|len| scores.iter().sum::<u32>().checked_div(len))
        .map(|v| v.min(100) as u8);
    CallFigures {
        calls: calls.len(),
        avg_stage_secs,
        skipped_items: ranked(skipped),
        completed_later_items: ranked(later),
        causes: ranked(causes),
        avg_score,
    }
}

/// `s` padded with spaces to `width` display columns.
fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn fmt_secs(s: f64) -> String {
    let s = s.round() as i64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The most common mistakes of a row: ids (`stage_order ×2`) for CSV.
fn mistakes_text(row: &PracticeRow) -> String {
    row.common_mistakes
        .iter()
        .map(|(c, n)| format!("{} ×{n}", c.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The most common mistakes of a row in words of `lang`.
fn mistakes_words(row: &PracticeRow, lang: Language) -> String {
    row.common_mistakes
        .iter()
        .map(|(c, n)| format!("{} ×{n}", c.label(lang)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The report as a plain-text table in `lang` (for pipes and as the
/// interactive table).
pub fn table(r: &Report, lang: Language) -> String {
    let w = crate::i18n::cli::words(lang);
    let h = &w.report_header;
    let yn = |b: bool| if b { w.yes } else { w.no };
    let mut out = String::new();
    let _ = writeln!(out, "{}", w.practice);
    if r.practice.is_empty() {
        let _ = writeln!(out, "  {}", w.no_practice);
    } else {
        let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let tw = r
            .practice
            .iter()
            .map(|p| width(&p.trainee))
            .max()
            .unwrap_or(0)
            .max(width(h[0]));
        let sw = r
            .practice
            .iter()
            .map(|p| width(&p.scenario))
            .max()
            .unwrap_or(0)
            .max(width(h[1]));
        // Number columns as wide as their headings (at least 4).
        let (aw, bw, lw, pw) = (
            width(h[2]).max(8),
            width(h[3]).max(4),
            width(h[4]).max(4),
            width(h[5]),
        );
        let _ = writeln!(
            out,
            "  {}  {}  {:>aw$}  {:>bw$}  {:>lw$}  {}  {}",
            pad(h[0], tw),
            pad(h[1], sw),
            h[2],
            h[3],
            h[4],
            pad(h[5], pw),
            h[6]
        );
        for p in &r.practice {
            let _ = writeln!(
                out,
                "  {}  {}  {:>aw$}  {:>bw$}  {:>lw$}  {}  {}",
                pad(&crate::text::sanitize_line(&p.trainee), tw),
                pad(&crate::text::sanitize_line(&p.scenario), sw),
                p.attempts,
                p.best,
                p.last,
                pad(&format!("{}/{}", yn(p.last_passed), yn(p.ever_passed)), pw),
                mistakes_words(p, lang)
            );
        }
    }
    let c = &r.calls;
    let _ = writeln!(
        out,
        "\n{}",
        w.real_calls.replace("{n}", &c.calls.to_string())
    );
    if c.calls > 0 {
        if let Some(s) = c.avg_score {
            let _ = writeln!(out, "  {}: {s}", w.avg_score);
        }
        let _ = writeln!(out, "  {}:", w.avg_stage_time);
        for (st, secs) in &c.avg_stage_secs {
            let name = crate::i18n::stage_name(*st, lang);
            let _ = writeln!(out, "    {name:<24} {}", fmt_secs(*secs));
        }
        for (title, list, empty) in [
            (w.most_skipped, &c.skipped_items, w.none),
            (w.completed_later, &c.completed_later_items, w.none),
            (w.causes, &c.causes, w.no_causes),
        ] {
            let _ = writeln!(out, "  {title}:");
            if list.is_empty() {
                let _ = writeln!(out, "    {empty}");
            }
            for (item, n) in list {
                let _ = writeln!(out, "    {n:>3}× {item}");
            }
        }
    }
    out
}

/// A CSV field: quoted when needed; a leading `= + - @` is neutralised so a
/// spreadsheet never runs a name as a formula.
fn csv_field(s: &str) -> String {
    let mut s = crate::text::sanitize_line(s);
    if s.starts_with(['=', '+', '-', '@']) {
        s.insert(0, '\'');
    }
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The report as CSV: one header, one row per fact; `section` says which.
pub fn csv(r: &Report) -> String {
    let mut out = String::from("section,trainee,scenario,name,attempts,best,last,passed,value\n");
    for p in &r.practice {
        let _ = writeln!(
            out,
            "practice,{},{},,{},{},{},{},{}",
            csv_field(&p.trainee),
            csv_field(&p.scenario),
            p.attempts,
            p.best,
            p.last,
            p.last_passed,
            csv_field(&mistakes_text(p))
        );
    }
    for (st, secs) in &r.calls.avg_stage_secs {
        let _ = writeln!(out, "stage_avg_secs,,,{},,,,,{secs:.1}", st.as_str());
    }
    for (item, n) in &r.calls.skipped_items {
        let _ = writeln!(out, "skipped_item,,,{},,,,,{n}", csv_field(item));
    }
    for (item, n) in &r.calls.completed_later_items {
        let _ = writeln!(out, "completed_later_item,,,{},,,,,{n}", csv_field(item));
    }
    for (cause, n) in &r.calls.causes {
        let _ = writeln!(out, "cause,,,{},,,,,{n}", csv_field(cause));
    }
    out
}

#[cfg(test)]
mod tests;
