//! The summary screen's content as rows: drawn on screen, and copied or
//! saved as plain text. Built from [`crate::summary::CallSummary`]; the
//! e-mail comes from its `email` (the playbook's template).

use super::app::App;
use super::ui::clock;
use crate::engine::{CallOutcome, StageStatus};
use crate::playbook::Language;

/// One row of the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A section heading.
    Heading(String),
    /// A line of text.
    Text(String),
    /// A line that deserves attention (skips, escalations).
    Warn(String),
    /// An empty line.
    Blank,
}

fn outcome_word(o: CallOutcome, lang: Language) -> &'static str {
    match (o, lang) {
        (CallOutcome::Resolved, Language::Nl) => "opgelost",
        (CallOutcome::ResolvedWithFollowUp, Language::Nl) => "opgelost, opvolging gepland",
        (CallOutcome::PartedWays, Language::Nl) => "afscheid genomen",
        (CallOutcome::Unresolved, Language::Nl) => "nog niet opgelost",
        (CallOutcome::Resolved, Language::En) => "resolved",
        (CallOutcome::ResolvedWithFollowUp, Language::En) => "resolved, follow-up planned",
        (CallOutcome::PartedWays, Language::En) => "parted ways",
        (CallOutcome::Unresolved, Language::En) => "unresolved",
    }
}

/// The summary rows of the call.
pub fn rows(app: &App) -> Vec<Row> {
    let s = app.summary();
    let w = app.words();
    let nl = app.setup.lang == Language::Nl;
    let tr = |a: &str, b: &str| if nl { a.to_owned() } else { b.to_owned() };
    let mut out = Vec::new();
    let mut head = vec![s.playbook_title.clone()];
    if let Some(c) = &s.customer {
        head.push(format!("{} {c}", w.customer));
    }
    head.push(format!("{} {}", w.call_timer, clock(s.total_ms)));
    if let Some(o) = s.outcome {
        head.push(outcome_word(o, app.setup.lang).to_owned());
    }
    out.push(Row::Heading(head.join(" · ")));
    out.push(Row::Blank);

    out.push(Row::Heading(tr(
        "Kern van de klacht",
        "Core of the complaint",
    )));
    if s.complaint_core.is_empty() {
        out.push(Row::Text(tr(
            "(geen regel met '!' in de notities)",
            "(no '!' line in the notes)",
        )));
    }
    out.extend(s.complaint_core.iter().map(|c| Row::Text(format!("! {c}"))));
    out.push(Row::Blank);

    out.push(Row::Heading(tr("Fasen", "Stages")));
    for st in &s.stages {
        let mark = match st.status {
            StageStatus::Done => "✓",
            StageStatus::Current => "▶",
            StageStatus::Skipped => "✗",
            StageStatus::NotReached => "·",
        };
        out.push(Row::Text(format!(
            "{mark} {:<28} {:>7}",
            st.title,
            clock(st.time_ms)
        )));
    }
    for sk in &s.skipped {
        out.push(Row::Warn(format!(
            "✗ {}: {}",
            tr("overgeslagen", "skipped"),
            sk.text
        )));
    }
    if !s.escalations.is_empty() {
        out.push(Row::Warn(format!(
            "{}: {}",
            w.escalations,
            s.escalations.len()
        )));
    }
    out.push(Row::Blank);

    if let Some(d) = &s.decision {
        out.push(Row::Heading(app.pb().decision.title.clone()));
        for (q, a) in &d.answers {
            let a = match a {
                Some(true) => w.yes,
                Some(false) => w.no,
                None => w.unanswered,
            };
            out.push(Row::Text(format!("{q} — {a}")));
        }
        if let (Some(title), Some(guidance)) = (&d.title, &d.guidance) {
            out.push(Row::Text(format!(
                "{}: {title} — {guidance}",
                w.recommended
            )));
        }
        out.push(Row::Blank);
    }
    if s.marked_difficult {
        out.push(Row::Warn(w.marked_difficult.to_owned()));
        out.push(Row::Blank);
    }

    out.push(Row::Heading(w.agreements.to_owned()));
    out.extend(
        s.agreement_list(app.setup.lang)
            .lines()
            .map(|l| Row::Text(l.to_owned())),
    );
    out.push(Row::Blank);
    out.push(Row::Heading(w.followup.to_owned()));
    match &s.follow_up {
        Some(f) => out.push(Row::Text(format!("{} — {}", f.due, f.what))),
        None => out.push(Row::Text(w.none.to_owned())),
    }
    if let Some(r) = &s.follow_up_result {
        let yn = |b: bool| if b { w.yes } else { w.no };
        out.push(Row::Text(format!(
            "{} {}; {} {}; {}: {}",
            w.agreements_kept,
            yn(r.agreements_kept),
            w.customer_satisfied,
            yn(r.customer_satisfied),
            w.still_open,
            if r.still_open.is_empty() {
                w.none
            } else {
                &r.still_open
            }
        )));
    }
    out.push(Row::Blank);

    if !s.open_questions.is_empty() {
        out.push(Row::Heading(tr("Open vragen", "Open questions")));
        out.extend(s.open_questions.iter().map(|q| Row::Text(format!("? {q}"))));
        out.push(Row::Blank);
    }

    out.push(Row::Heading(tr(
        "Evaluatie (na het gesprek)",
        "Evaluation (after the call)",
    )));
    for e in &s.evaluation {
        let answer = e.answer.clone().unwrap_or_default();
        out.push(Row::Text(format!("- {} {answer}", e.question)));
    }
    out.push(Row::Blank);

    let email = s.email(app.pb());
    out.push(Row::Heading(tr(
        "Bevestigingsmail (concept — vraag eerst of de klant die wil)",
        "Confirmation e-mail (draft — ask the customer first)",
    )));
    out.push(Row::Text(format!(
        "{}: {}",
        tr("Onderwerp", "Subject"),
        email.subject
    )));
    out.push(Row::Blank);
    out.extend(email.body.lines().map(|l| Row::Text(l.to_owned())));
    out.push(Row::Blank);

    out.push(Row::Heading(w.notes.to_owned()));
    out.extend(s.notes.lines().map(|l| Row::Text(l.to_owned())));
    out
}

/// The summary as plain text (for the clipboard and the saved file).
pub fn summary_text(app: &App) -> String {
    let mut out = String::new();
    for r in rows(app) {
        match r {
            Row::Heading(h) => {
                out.push_str("## ");
                out.push_str(&h);
            }
            Row::Text(t) | Row::Warn(t) => out.push_str(&t),
            Row::Blank => {}
        }
        out.push('\n');
    }
    out
}
