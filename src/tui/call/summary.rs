//! The summary screen's content as rows: drawn on screen, and copied or
//! saved as plain text. Built from [`crate::summary::CallSummary`]; the
//! e-mail comes from its `email` (the playbook's template).

use super::state::App;
use crate::engine::StageStatus;
use crate::tui::widgets::clock;

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

/// The summary rows of the call.
pub fn rows(app: &App) -> Vec<Row> {
    let s = app.summary();
    let w = app.words();
    let mut out = Vec::new();
    let mut head = vec![s.playbook_title.clone()];
    if let Some(c) = &s.customer {
        head.push(format!("{} {c}", w.customer));
    }
    head.push(format!("{} {}", w.call_timer, clock(s.total_ms)));
    if let Some(o) = s.outcome {
        head.push(crate::i18n::outcome(o, app.setup.lang).to_owned());
    }
    out.push(Row::Heading(head.join(" · ")));
    out.push(Row::Blank);

    out.push(Row::Heading(w.core_heading.to_owned()));
    if s.complaint_core.is_empty() {
        out.push(Row::Text(w.no_core.to_owned()));
    }
    out.extend(s.complaint_core.iter().map(|c| Row::Text(format!("! {c}"))));
    out.push(Row::Blank);

    out.push(Row::Heading(w.stages_heading.to_owned()));
    for st in &s.stages {
        let mark = match st.status {
            StageStatus::Done => "✓",
            StageStatus::Current => "▶",
            StageStatus::Skipped => "✗",
            StageStatus::CompletedLater => "↺",
            StageStatus::NotReached => "·",
        };
        let mut row = format!("{mark} {:<28} {:>7}", st.title, clock(st.time_ms));
        if st.status == StageStatus::CompletedLater {
            row.push_str(&format!(
                "  ({})",
                crate::i18n::stage_status(st.status, app.setup.lang)
            ));
        }
        out.push(Row::Text(row));
    }
    for sk in &s.skipped {
        if sk.completed_later {
            let label = crate::i18n::stage_status(StageStatus::CompletedLater, app.setup.lang);
            out.push(Row::Text(format!("↺ {label}: {}", sk.text)));
        } else {
            out.push(Row::Warn(format!("✗ {}: {}", w.skipped, sk.text)));
        }
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
        out.push(Row::Heading(w.questions_heading.to_owned()));
        out.extend(s.open_questions.iter().map(|q| Row::Text(format!("? {q}"))));
        out.push(Row::Blank);
    }

    out.push(Row::Heading(w.evaluation_heading.to_owned()));
    if let Some(o) = s.outcome {
        out.push(Row::Text(format!(
            "{}: {}",
            w.outcome_label,
            crate::i18n::outcome(o, app.setup.lang)
        )));
    }
    if !app.pb().evaluation.causes.is_empty() {
        let cause = s.cause.as_ref().map_or(w.no_cause, |(_, label)| label);
        out.push(Row::Text(format!("{}: {cause}", w.cause_label)));
    }
    for e in &s.evaluation {
        let answer = e.answer.clone().unwrap_or_default();
        out.push(Row::Text(format!("- {} {answer}", e.question)));
    }
    out.push(Row::Blank);

    let email = s.email(app.pb());
    out.push(Row::Heading(w.email_heading.to_owned()));
    out.push(Row::Text(format!("{}: {}", w.subject, email.subject)));
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

/// The summary as the Markdown file the summary screen saves (Alt-s): the
/// Markdown export of the call (title, stages as a list with the screen's
/// marks, agreements and follow-up as lists, notes fenced) with headings in
/// the interface language, followed by the e-mail draft. No key hints.
pub fn markdown(app: &App) -> String {
    let mut s = app.summary();
    s.language = app.setup.lang;
    let id = app
        .call_id
        .clone()
        .unwrap_or_else(|| crate::store::CallId(app.today().to_string()));
    let mut out = crate::export::markdown::render(&id, &s);
    let w = app.words();
    let email = s.email(app.pb());
    out.push_str(&format!(
        "\n## {}\n\n**{}:** {}\n\n",
        w.email_heading,
        w.subject,
        crate::text::sanitize_line(&email.subject)
    ));
    out.push_str(&crate::export::markdown::fenced(&crate::text::sanitize(
        &email.body,
    )));
    out
}

/// The saved file's name: `call-ID-CUSTOMER.md` (the customer reference
/// made safe for a file name), `call-ID.md` without a reference, the date
/// instead of the id while the store has not named the call yet.
pub fn file_name(app: &App) -> String {
    let id = app
        .call_id
        .as_ref()
        .map_or_else(|| app.today().to_string(), |id| id.0.clone());
    let mut name = format!("call-{}", safe_name_part(&id));
    if let Some(c) = app.state.meta.customer.as_deref().map(safe_name_part)
        && !c.is_empty()
    {
        name.push('-');
        name.push_str(&c);
    }
    name.push_str(".md");
    name
}

/// Longest customer part of a file name, in characters.
const NAME_PART_CHARS: usize = 40;

/// `text` as part of a file name: letters, digits, `-`, `_` and `.` kept
/// (accented letters too), every run of anything else — path separators,
/// spaces, control characters — one `_`; no dot or `_` at either end (no
/// hidden file, no `..`), at most [`NAME_PART_CHARS`] characters.
pub fn safe_name_part(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let keep = c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
        // A second dot in a row would make `..`: it becomes a gap too.
        let c = if keep && !(c == '.' && (out.ends_with('.') || out.ends_with('_'))) {
            c
        } else {
            '_'
        };
        if c == '_' && out.ends_with('.') {
            out.pop();
        }
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    let out: String = out
        .trim_matches(|c| c == '.' || c == '_')
        .chars()
        .take(NAME_PART_CHARS)
        .collect();
    out.trim_end_matches(['.', '_']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::safe_name_part;
    use proptest::prelude::*;

    #[test]
    fn customer_references_become_safe_file_name_parts() {
        assert_eq!(safe_name_part("KL-10442"), "KL-10442");
        assert_eq!(safe_name_part("../../etc/passwd"), "etc_passwd");
        assert_eq!(safe_name_part("a/b\\c d"), "a_b_c_d");
        assert_eq!(safe_name_part("x\u{1b}[31my\n"), "x_31my");
        assert_eq!(safe_name_part(".hidden"), "hidden");
        assert_eq!(safe_name_part("Zoë"), "Zoë");
        assert_eq!(safe_name_part("///"), "");
    }

    #[test]
    fn dots_never_pile_up() {
        assert_eq!(safe_name_part("KL/10442 ../x"), "KL_10442_x");
        assert_eq!(safe_name_part("a...b"), "a_b");
        assert_eq!(safe_name_part("v1.2"), "v1.2");
    }

    proptest! {
        #[test]
        fn a_name_part_never_leaves_the_directory(text in any::<String>()) {
            let part = safe_name_part(&text);
            prop_assert!(!part.contains('/') && !part.contains('\\'));
            prop_assert!(!part.chars().any(char::is_control));
            prop_assert!(!part.starts_with('.') && !part.contains(".."));
            prop_assert!(part.chars().count() <= super::NAME_PART_CHARS);
        }
    }
}
