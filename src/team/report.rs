//! The team report: figures over every agent's synced calls and practice
//! sessions, computed by the team database (a lead's role reads all rows;
//! an agent's role sees only their own, so the same command gives an agent
//! their own figures).

use anyhow::Context as _;
use postgres::Client;
use serde::Serialize;
use std::fmt::Write as _;

use crate::playbook::Language;

/// Calls per agent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgentRow {
    /// The agent (their database login).
    pub agent: String,
    /// Calls synced.
    pub calls: i64,
    /// Calls that ended resolved (with or without a follow-up).
    pub resolved: i64,
    /// Escalations over those calls.
    pub escalations: i64,
    /// Required items skipped over those calls.
    pub skipped: i64,
}

/// Practice per trainee.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraineeRow {
    /// The agent whose machine recorded it.
    pub agent: String,
    /// The trainee.
    pub trainee: String,
    /// Sessions finished.
    pub sessions: i64,
    /// Sessions passed.
    pub passed: i64,
    /// Average score (0–100).
    pub average_score: i64,
}

/// A count by label (stage, item, cause).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Count {
    /// The label (an id from the playbook).
    pub label: String,
    /// How many (or milliseconds, for stage times).
    pub value: i64,
}

/// A follow-up past its due date and not yet checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overdue {
    /// The agent.
    pub agent: String,
    /// The call.
    pub call_id: String,
    /// The customer reference.
    pub customer: Option<String>,
    /// Due date.
    pub due: String,
}

/// The whole team report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TeamReport {
    /// Calls per agent.
    pub agents: Vec<AgentRow>,
    /// Average time per stage in milliseconds.
    pub stage_average_ms: Vec<Count>,
    /// Skipped items (`stage.item`) by count.
    pub skipped_items: Vec<Count>,
    /// Complaint causes by count.
    pub causes: Vec<Count>,
    /// Practice per trainee.
    pub practice: Vec<TraineeRow>,
    /// Overdue follow-ups across the team.
    pub overdue_follow_ups: Vec<Overdue>,
}

/// The first millisecond of local day `date` (`YYYY-MM-DD`).
pub fn date_start_ms(date: &str) -> anyhow::Result<i64> {
    let d: jiff::civil::Date = date.parse().with_context(|| {
        format!(
            "--since wants a date as YYYY-MM-DD, not {:?}",
            crate::text::sanitize_line(date)
        )
    })?;
    Ok(d.to_zoned(jiff::tz::TimeZone::system())?
        .timestamp()
        .as_millisecond())
}

const FILTER: &str =
    "($1::bigint IS NULL OR started_at >= $1) AND ($2::text IS NULL OR agent = $2)";

fn counts(
    client: &mut Client,
    sql: &str,
    since: Option<i64>,
    agent: Option<&str>,
) -> anyhow::Result<Vec<Count>> {
    Ok(client
        .query(sql, &[&since, &agent])?
        .iter()
        .map(|r| Count {
            label: r.get(0),
            value: r.get(1),
        })
        .collect())
}

/// Builds the report over calls started since `since` (ms) and practice
/// finished since then, optionally for one agent; `today` (`YYYY-MM-DD`)
/// decides which follow-ups are overdue.
pub fn build(
    client: &mut Client,
    since: Option<i64>,
    agent: Option<&str>,
    today: &str,
) -> anyhow::Result<TeamReport> {
    let agents = client
        .query(
            &format!(
                "SELECT agent, count(*), count(*) FILTER (WHERE outcome IN ('resolved', 'resolved_with_follow_up')), \
                 coalesce(sum(escalations), 0)::bigint, \
                 coalesce(sum(jsonb_array_length(skipped)), 0)::bigint \
                 FROM callcoach.calls WHERE {FILTER} GROUP BY agent ORDER BY agent"
            ),
            &[&since, &agent],
        )?
        .iter()
        .map(|r| AgentRow {
            agent: r.get(0),
            calls: r.get(1),
            resolved: r.get(2),
            escalations: r.get(3),
            skipped: r.get(4),
        })
        .collect();
    let stage_average_ms = counts(
        client,
        &format!(
            "SELECT s.key, round(avg(s.value::bigint))::bigint FROM callcoach.calls, \
             jsonb_each_text(stage_ms) AS s WHERE {FILTER} GROUP BY s.key \
             ORDER BY array_position(ARRAY['listen','acknowledge','ask','agree_solution',\
             'record_agreements','follow_up'], s.key), s.key"
        ),
        since,
        agent,
    )?;
    let skipped_items = counts(
        client,
        &format!(
            "SELECT (i->>'stage') || '.' || (i->>'item'), count(*) FROM callcoach.calls, \
             jsonb_array_elements(skipped) AS i WHERE {FILTER} GROUP BY 1 ORDER BY 2 DESC, 1"
        ),
        since,
        agent,
    )?;
    let causes = counts(
        client,
        &format!(
            "SELECT cause, count(*) FROM callcoach.calls WHERE cause IS NOT NULL AND {FILTER} \
             GROUP BY cause ORDER BY 2 DESC, 1"
        ),
        since,
        agent,
    )?;
    let practice = client
        .query(
            "SELECT agent, trainee, count(*), count(*) FILTER (WHERE passed), \
             round(avg(score))::bigint FROM callcoach.practice \
             WHERE ($1::bigint IS NULL OR finished_at >= $1) AND ($2::text IS NULL OR agent = $2) \
             GROUP BY agent, trainee ORDER BY agent, trainee",
            &[&since, &agent],
        )?
        .iter()
        .map(|r| TraineeRow {
            agent: r.get(0),
            trainee: r.get(1),
            sessions: r.get(2),
            passed: r.get(3),
            average_score: r.get(4),
        })
        .collect();
    // Overdue follow-ups are shown whenever the call started (an old
    // promise is exactly what must not be forgotten); only --agent applies.
    let overdue_follow_ups = client
        .query(
            "SELECT agent, call_id, customer, follow_up->>'due' FROM callcoach.calls \
             WHERE follow_up IS NOT NULL AND follow_up_result IS NULL \
             AND follow_up->>'due' < $1 AND ($2::text IS NULL OR agent = $2) \
             ORDER BY follow_up->>'due', agent, call_id",
            &[&today, &agent],
        )?
        .iter()
        .map(|r| Overdue {
            agent: r.get(0),
            call_id: r.get(1),
            customer: r.get(2),
            due: r.get(3),
        })
        .collect();
    Ok(TeamReport {
        agents,
        stage_average_ms,
        skipped_items,
        causes,
        practice,
        overdue_follow_ups,
    })
}

fn clean(s: &str) -> String {
    crate::text::sanitize_line(s)
}

/// One table row: the first `left` columns left-aligned, the others
/// right-aligned.
fn row(out: &mut String, left: usize, widths: &[usize], cells: &[String]) {
    let mut line = String::new();
    for (i, (w, c)) in widths.iter().zip(cells).enumerate() {
        if i > 0 {
            line.push(' ');
        }
        if i < left {
            let _ = write!(line, "{c:<w$}");
        } else {
            let _ = write!(line, "{c:>w$}");
        }
    }
    let _ = writeln!(out, "{}", line.trim_end());
}

/// Column widths: the usual ones, widened to fit the headings.
fn widths(usual: &[usize], header: &[&str]) -> Vec<usize> {
    usual
        .iter()
        .zip(header)
        .map(|(u, h)| (*u).max(h.chars().count()))
        .collect()
}

/// A stage key of the team database (`agree_solution`) by its name in
/// `lang`; an unknown key as it is (cleaned).
fn stage_label(key: &str, lang: Language) -> String {
    match crate::stage::StageId::parse(key) {
        Some(s) => crate::i18n::stage_name(s, lang).to_owned(),
        None => clean(key),
    }
}

/// What the team database stores as ids (checklist items, complaint
/// causes), by the words of the playbooks this machine knows, preferring
/// those in the report's language.
#[derive(Debug, Default)]
pub struct Names {
    /// `stage.item` → the item's text.
    items: std::collections::HashMap<String, String>,
    /// cause id → its label.
    causes: std::collections::HashMap<String, String>,
}

impl Names {
    /// The names from `playbooks`; for an id in several, the first in
    /// `lang` wins, else the first.
    pub fn from_playbooks(playbooks: &[crate::playbook::Playbook], lang: Language) -> Names {
        let mut names = Names::default();
        let ordered = playbooks
            .iter()
            .filter(|p| p.language == lang)
            .chain(playbooks.iter().filter(|p| p.language != lang));
        for pb in ordered {
            for stage in crate::stage::StageId::ALL {
                for item in &pb.stage(stage).checklist {
                    names
                        .items
                        .entry(format!("{}.{}", stage.as_str(), item.id))
                        .or_insert_with(|| clean(&item.text));
                }
            }
            for c in &pb.evaluation.causes {
                names
                    .causes
                    .entry(c.id.clone())
                    .or_insert_with(|| clean(&c.label));
            }
        }
        names
    }

    /// A cause by its label; an unknown one as stored (cleaned).
    fn cause(&self, id: &str) -> String {
        self.causes.get(id).cloned().unwrap_or_else(|| clean(id))
    }

    /// A skipped item (`stage.item`) with its stage named in `lang` and
    /// its text; an unknown one by its id.
    fn item(&self, key: &str, lang: Language) -> String {
        match key.split_once('.') {
            Some((stage, item)) => {
                let text = self.items.get(key).cloned().unwrap_or_else(|| clean(item));
                format!("{}: {text}", stage_label(stage, lang))
            }
            None => clean(key),
        }
    }
}

/// The report as aligned text tables, headed in `lang`, items and causes
/// named by `names`.
pub fn table(r: &TeamReport, lang: Language, names: &Names) -> String {
    let w = crate::i18n::team::words(lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}", w.report_calls);
    let cw = widths(&[20, 6, 9, 11, 8], &w.report_calls_header);
    row(&mut out, 1, &cw, &w.report_calls_header.map(str::to_owned));
    for a in &r.agents {
        let cells = [
            clean(&a.agent),
            a.calls.to_string(),
            a.resolved.to_string(),
            a.escalations.to_string(),
            a.skipped.to_string(),
        ];
        row(&mut out, 1, &cw, &cells);
    }
    let _ = writeln!(out, "\n{}", w.report_stage_time);
    for c in &r.stage_average_ms {
        let _ = writeln!(
            out,
            "{:<24} {:>6}s",
            stage_label(&c.label, lang),
            (c.value + 500) / 1000
        );
    }
    let skipped: Vec<(String, i64)> = r
        .skipped_items
        .iter()
        .map(|c| (names.item(&c.label, lang), c.value))
        .collect();
    let causes: Vec<(String, i64)> = r
        .causes
        .iter()
        .map(|c| (names.cause(&c.label), c.value))
        .collect();
    for (title, list) in [(w.report_skipped, skipped), (w.report_causes, causes)] {
        let _ = writeln!(out, "\n{title}");
        if list.is_empty() {
            let _ = writeln!(out, "{}", w.report_none);
        }
        for (label, value) in list {
            let _ = writeln!(out, "{label:<40} {value:>6}");
        }
    }
    let _ = writeln!(out, "\n{}", w.report_practice);
    let pw = widths(&[20, 20, 8, 7, 6], &w.report_practice_header);
    row(
        &mut out,
        2,
        &pw,
        &w.report_practice_header.map(str::to_owned),
    );
    for t in &r.practice {
        let cells = [
            clean(&t.agent),
            clean(&t.trainee),
            t.sessions.to_string(),
            t.passed.to_string(),
            t.average_score.to_string(),
        ];
        row(&mut out, 2, &pw, &cells);
    }
    let _ = writeln!(out, "\n{}", w.report_overdue);
    if r.overdue_follow_ups.is_empty() {
        let _ = writeln!(out, "{}", w.report_none);
    }
    for o in &r.overdue_follow_ups {
        let _ = writeln!(
            out,
            "{:<12} {:<20} {:<24} {}",
            o.due,
            clean(&o.agent),
            clean(&o.call_id),
            clean(o.customer.as_deref().unwrap_or("-"))
        );
    }
    out
}

/// Quotes a CSV field (RFC 4180), neutralising spreadsheet formulas.
fn field(s: &str) -> String {
    let s = clean(s);
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s
    };
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The report as CSV: one `section,agent,label,value` line per figure.
pub fn csv(r: &TeamReport) -> String {
    let mut out = String::from("section,agent,label,value\n");
    let mut line = |section: &str, agent: &str, label: &str, value: i64| {
        let _ = writeln!(out, "{section},{},{},{value}", field(agent), field(label));
    };
    for a in &r.agents {
        line("calls", &a.agent, "calls", a.calls);
        line("calls", &a.agent, "resolved", a.resolved);
        line("calls", &a.agent, "escalations", a.escalations);
        line("calls", &a.agent, "skipped", a.skipped);
    }
    for c in &r.stage_average_ms {
        line("stage_average_ms", "", &c.label, c.value);
    }
    for c in &r.skipped_items {
        line("skipped_item", "", &c.label, c.value);
    }
    for c in &r.causes {
        line("cause", "", &c.label, c.value);
    }
    for t in &r.practice {
        line("practice_sessions", &t.agent, &t.trainee, t.sessions);
        line("practice_passed", &t.agent, &t.trainee, t.passed);
        line(
            "practice_average_score",
            &t.agent,
            &t.trainee,
            t.average_score,
        );
    }
    for o in &r.overdue_follow_ups {
        line(
            "overdue_follow_up",
            &o.agent,
            &format!("{} {}", o.call_id, o.due),
            1,
        );
    }
    out
}

#[cfg(test)]
mod names_tests {
    use super::*;
    use crate::playbook::builtin;
    use crate::playbook::load::parse;

    fn builtins() -> Vec<crate::playbook::Playbook> {
        builtin::ALL
            .iter()
            .map(|(n, _, yaml)| parse(n, yaml.as_bytes()).unwrap())
            .collect()
    }

    #[test]
    fn items_and_causes_are_named_in_the_reports_language() {
        let nl = Names::from_playbooks(&builtins(), Language::Nl);
        let en = Names::from_playbooks(&builtins(), Language::En);
        assert_eq!(
            nl.item("listen.let_finish", Language::Nl),
            "Luisteren: Laat de klant uitpraten, zonder te onderbreken"
        );
        assert_eq!(
            en.item("listen.let_finish", Language::En),
            "Listen: Let the customer finish, without interrupting"
        );
        assert_eq!(
            nl.cause("out_of_scope"),
            "Werk buiten de afgesproken opdracht"
        );
        // Unknown ids stay readable, cleaned of control characters.
        assert_eq!(nl.cause("deliv\u{1b}ery"), "delivery");
        assert_eq!(nl.item("ask.gone", Language::Nl), "Vragen stellen: gone");
        let report = TeamReport {
            skipped_items: vec![Count {
                label: "listen.let_finish".into(),
                value: 2,
            }],
            causes: vec![Count {
                label: "out_of_scope".into(),
                value: 1,
            }],
            ..TeamReport::default()
        };
        let t = table(&report, Language::Nl, &nl);
        assert!(t.contains("Laat de klant uitpraten"), "{t}");
        assert!(t.contains("Werk buiten de afgesproken opdracht"), "{t}");
        assert!(
            !t.contains("let_finish") && !t.contains("out_of_scope"),
            "{t}"
        );
    }
}
