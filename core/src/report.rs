//! The results report: practice attempts per trainee and scenario, and
//! figures across real calls. Pure aggregation and rendering to text,
//! CSV and JSON; the shell reads the store and draws the bar chart.

use crate::engine::Event;
use crate::playbook::Playbook;
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
    /// Required checklist items skipped most (text, times), most first.
    pub skipped_items: Vec<(String, usize)>,
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
        for item in &facts.skipped {
            let label = pb.and_then(|p| p.item(item.stage, &item.item)).map_or_else(
                || format!("{}/{}", item.stage, item.item),
                |i| format!("{}: {}", item.stage, crate::text::sanitize_line(&i.text)),
            );
            *skipped.entry(label).or_insert(0) += 1;
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
        causes: ranked(causes),
        avg_score,
    }
}

fn fmt_secs(s: f64) -> String {
    let s = s.round() as i64;
    format!("{}:{:02}", s / 60, s % 60)
}

fn mistakes_text(row: &PracticeRow) -> String {
    row.common_mistakes
        .iter()
        .map(|(c, n)| format!("{} ×{n}", c.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as a plain-text table (for pipes and as the interactive table).
pub fn table(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Practice");
    if r.practice.is_empty() {
        let _ = writeln!(out, "  (no practice sessions stored)");
    } else {
        let tw = r
            .practice
            .iter()
            .map(|p| p.trainee.chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        let sw = r
            .practice
            .iter()
            .map(|p| p.scenario.chars().count())
            .max()
            .unwrap_or(0)
            .max(8);
        let _ = writeln!(
            out,
            "  {:<tw$}  {:<sw$}  attempts  best  last  passed (last/ever)  most common mistakes",
            "trainee", "scenario"
        );
        for p in &r.practice {
            let _ = writeln!(
                out,
                "  {:<tw$}  {:<sw$}  {:>8}  {:>4}  {:>4}  {:<18}  {}",
                crate::text::sanitize_line(&p.trainee),
                crate::text::sanitize_line(&p.scenario),
                p.attempts,
                p.best,
                p.last,
                format!(
                    "{}/{}",
                    if p.last_passed { "yes" } else { "no" },
                    if p.ever_passed { "yes" } else { "no" }
                ),
                mistakes_text(p)
            );
        }
    }
    let c = &r.calls;
    let _ = writeln!(out, "\nReal calls: {}", c.calls);
    if c.calls > 0 {
        if let Some(s) = c.avg_score {
            let _ = writeln!(out, "  average rubric score: {s}");
        }
        let _ = writeln!(out, "  average time per stage:");
        for (st, secs) in &c.avg_stage_secs {
            let _ = writeln!(out, "    {:<18} {}", st.as_str(), fmt_secs(*secs));
        }
        let _ = writeln!(out, "  most skipped items:");
        if c.skipped_items.is_empty() {
            let _ = writeln!(out, "    (none)");
        }
        for (item, n) in &c.skipped_items {
            let _ = writeln!(out, "    {n:>3}× {item}");
        }
        let _ = writeln!(out, "  complaint causes:");
        if c.causes.is_empty() {
            let _ = writeln!(out, "    (none recorded)");
        }
        for (cause, n) in &c.causes {
            let _ = writeln!(out, "    {n:>3}× {cause}");
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
    for (cause, n) in &r.calls.causes {
        let _ = writeln!(out, "cause,,,{},,,,,{n}", csv_field(cause));
    }
    out
}

#[cfg(test)]
mod tests;
