//! The Markdown summary an agent pastes into a ticket (also what
//! `calls show` prints): complaint core, stages with times, skipped items,
//! decision, agreements, follow-up, open questions, evaluation, notes, and
//! the live transcript when the call stored it.

use super::{duration, local_time};
use crate::engine::StageStatus;
use crate::playbook::Language;
use crate::store::CallId;
use crate::summary::{CallSummary, format_date};
use std::fmt::Write;

/// Headings and labels in the playbook's language.
struct Words {
    title: &'static str,
    customer: &'static str,
    address: &'static str,
    agent: &'static str,
    started: &'static str,
    talk_time: &'static str,
    outcome: &'static str,
    unfinished: &'static str,
    difficult: &'static str,
    difficult_before: &'static str,
    core: &'static str,
    stages: &'static str,
    skipped: &'static str,
    escalations: &'static str,
    decision: &'static str,
    agreements: &'static str,
    none: &'static str,
    follow_up: &'static str,
    result: &'static str,
    kept: &'static str,
    satisfied: &'static str,
    still_open: &'static str,
    questions: &'static str,
    evaluation: &'static str,
    cause: &'static str,
    notes: &'static str,
    transcript: &'static str,
    yes: &'static str,
    no: &'static str,
    from_notes: &'static str,
}

const NL: Words = Words {
    title: "Gesprek",
    customer: "Klant",
    address: "Aanspreekvorm",
    agent: "Medewerker",
    started: "Begonnen",
    talk_time: "Gesprekstijd",
    outcome: "Afloop",
    unfinished: "niet afgerond",
    difficult: "Klant gemarkeerd als lastig",
    difficult_before: "Klant eerder als lastig gemarkeerd",
    core: "Kern van de klacht",
    stages: "Stappen",
    skipped: "Overgeslagen",
    escalations: "Opnieuw opgelaaid in",
    decision: "Beslissing",
    agreements: "Afspraken",
    none: "geen",
    follow_up: "Opvolging",
    result: "Resultaat controle",
    kept: "afspraken nagekomen",
    satisfied: "klant tevreden",
    still_open: "nog open",
    questions: "Open vragen",
    evaluation: "Evaluatie",
    cause: "Oorzaak",
    notes: "Notities",
    transcript: "Transcript (minuut:seconde na het begin)",
    yes: "ja",
    no: "nee",
    from_notes: "uit notities",
};

const EN: Words = Words {
    title: "Call",
    customer: "Customer",
    address: "Form of address",
    agent: "Agent",
    started: "Started",
    talk_time: "Talk time",
    outcome: "Outcome",
    unfinished: "not finished",
    difficult: "Customer marked difficult",
    difficult_before: "Customer marked difficult before",
    core: "Core of the complaint",
    stages: "Stages",
    skipped: "Skipped",
    escalations: "Flared up again in",
    decision: "Decision",
    agreements: "Agreements",
    none: "none",
    follow_up: "Follow-up",
    result: "Follow-up result",
    kept: "agreements kept",
    satisfied: "customer satisfied",
    still_open: "still open",
    questions: "Open questions",
    evaluation: "Evaluation",
    cause: "Cause",
    notes: "Notes",
    transcript: "Transcript (minute:second from the start)",
    yes: "yes",
    no: "no",
    from_notes: "from notes",
};

fn words(lang: Language) -> &'static Words {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

fn status_mark(s: StageStatus) -> &'static str {
    match s {
        StageStatus::Done => "✓",
        StageStatus::Skipped => "✗",
        StageStatus::CompletedLater => "↺",
        StageStatus::Current => "▶",
        StageStatus::NotReached => "·",
    }
}

/// Renders the summary of call `id` as Markdown.
pub fn render(id: &CallId, s: &CallSummary) -> String {
    let lang = s.language;
    let w = words(lang);
    let yn = |b: bool| if b { w.yes } else { w.no };
    let mut out = String::new();
    let _ = writeln!(out, "# {} {id}\n", w.title);
    if let Some(c) = &s.customer {
        let _ = writeln!(out, "- **{}:** {c}", w.customer);
    }
    if let Some(a) = &s.address {
        let _ = writeln!(out, "- **{}:** {a}", w.address);
    }
    if let Some(a) = &s.agent {
        let _ = writeln!(out, "- **{}:** {a}", w.agent);
    }
    let _ = writeln!(out, "- **{}:** {}", w.started, local_time(s.started_at));
    let _ = writeln!(out, "- **{}:** {}", w.talk_time, duration(s.total_ms));
    let outcome = s
        .outcome
        .map_or(w.unfinished, |o| crate::i18n::outcome(o, lang));
    let _ = writeln!(out, "- **{}:** {outcome}", w.outcome);
    let _ = writeln!(
        out,
        "- **Playbook:** {} {}",
        s.playbook_id, s.playbook_version
    );
    if s.marked_difficult {
        let _ = writeln!(out, "- {}", w.difficult);
    }
    if s.difficult_before {
        let _ = writeln!(out, "- {}", w.difficult_before);
    }

    if !s.complaint_core.is_empty() {
        let _ = writeln!(out, "\n## {}\n", w.core);
        for l in &s.complaint_core {
            let _ = writeln!(out, "- {l}");
        }
    }

    let _ = writeln!(out, "\n## {}\n", w.stages);
    let title = |stage| {
        s.stages.iter().find(|l| l.stage == stage).map_or_else(
            || crate::i18n::stage_name(stage, lang),
            |l| l.title.as_str(),
        )
    };
    for st in &s.stages {
        let mut line = format!(
            "- {} {} ({})",
            status_mark(st.status),
            st.title,
            duration(st.time_ms)
        );
        if st.status == StageStatus::CompletedLater {
            let _ = write!(line, " — {}", crate::i18n::stage_status(st.status, lang));
        }
        let _ = writeln!(out, "{line}");
    }
    if !s.skipped.is_empty() {
        let _ = writeln!(out, "\n**{}:**\n", w.skipped);
        for k in &s.skipped {
            let mut line = format!("- {} ({})", k.text, title(k.stage));
            if k.completed_later {
                let later = crate::i18n::stage_status(StageStatus::CompletedLater, lang);
                let _ = write!(line, " — {later}");
            }
            let _ = writeln!(out, "{line}");
        }
    }
    if !s.escalations.is_empty() {
        let list: Vec<&str> = s.escalations.iter().map(|e| title(*e)).collect();
        let _ = writeln!(out, "\n{}: {}", w.escalations, list.join(", "));
    }

    if let Some(d) = &s.decision {
        let _ = writeln!(out, "\n## {}\n", w.decision);
        for (q, a) in &d.answers {
            let a = a.map_or("–", yn);
            let _ = writeln!(out, "- {q} **{a}**");
        }
        if let Some(t) = &d.title {
            let _ = writeln!(out, "\n**{t}**");
        }
        if let Some(g) = &d.guidance {
            let _ = writeln!(out, "\n{g}");
        }
    }

    let _ = writeln!(out, "\n## {}\n", w.agreements);
    if s.agreements.is_empty() {
        let _ = writeln!(out, "- {}", w.none);
    }
    for a in &s.agreements {
        let mut line = String::from("- ");
        if !a.who.is_empty() {
            let _ = write!(line, "{}: ", a.who);
        }
        line.push_str(&a.what);
        if let Some(d) = a.by_when {
            let _ = write!(line, " ({})", format_date(d, lang));
        }
        if a.from_notes {
            let _ = write!(line, " _({})_", w.from_notes);
        }
        let _ = writeln!(out, "{line}");
    }

    if let Some(f) = &s.follow_up {
        let _ = writeln!(out, "\n## {}\n", w.follow_up);
        let _ = writeln!(out, "- {}: {}", format_date(f.due, lang), f.what);
    }
    if let Some(r) = &s.follow_up_result {
        let _ = writeln!(out, "\n## {}\n", w.result);
        let _ = writeln!(out, "- {}: {}", w.kept, yn(r.agreements_kept));
        let _ = writeln!(out, "- {}: {}", w.satisfied, yn(r.customer_satisfied));
        if !r.still_open.trim().is_empty() {
            let _ = writeln!(out, "- {}: {}", w.still_open, r.still_open.trim());
        }
    }

    if !s.open_questions.is_empty() {
        let _ = writeln!(out, "\n## {}\n", w.questions);
        for q in &s.open_questions {
            let _ = writeln!(out, "- {q}");
        }
    }

    let answered: Vec<_> = s.evaluation.iter().filter(|e| e.answer.is_some()).collect();
    if !answered.is_empty() || s.cause.is_some() {
        let _ = writeln!(out, "\n## {}\n", w.evaluation);
        if let Some((_, label)) = &s.cause {
            let _ = writeln!(out, "- {}: {label}", w.cause);
        }
        for e in answered {
            let _ = writeln!(
                out,
                "- {}: {}",
                e.question,
                e.answer.as_deref().unwrap_or_default()
            );
        }
    }

    if !s.notes.trim().is_empty() {
        let _ = writeln!(out, "\n## {}\n", w.notes);
        out.push_str(&fenced(&s.notes));
    }
    if !s.transcript.is_empty() {
        let _ = writeln!(out, "\n## {}\n", w.transcript);
        let lines: Vec<String> = s
            .transcript
            .iter()
            .map(|l| {
                let who = match l.speaker.as_str() {
                    "agent" => w.agent,
                    "customer" => w.customer,
                    other => other,
                };
                format!("[{}] {who}: {}", duration(l.at - s.started_at), l.text)
            })
            .collect();
        let text = lines.join("\n");
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let _ = writeln!(out, "{fence}text\n{text}\n{fence}");
    }
    out
}

/// `text` as a fenced code block (with its closing newline): a fence longer
/// than any backtick run in the text keeps it verbatim.
pub fn fenced(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{}\n{fence}\n", text.trim_end())
}
