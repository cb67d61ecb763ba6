//! The agent's notes: marker lines and checklist cues.
//!
//! Marker lines (documented in the README):
//! - `A:` an agreement, e.g. `A: wij sturen vrijdag een nieuwe jas`;
//!   `A: klant | stuurt foto's | 2026-12-01` gives who, what and a deadline;
//! - `!` the core of the complaint;
//! - `?` an open question to come back to.

use crate::engine::{Date, ItemRef};
use crate::playbook::Playbook;
use crate::text;

/// An agreement written as an `A:` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteAgreement {
    /// 0-based line number in the notes.
    pub line: usize,
    /// Who does it; empty when the line did not say.
    pub who: String,
    /// What will be done.
    pub what: String,
    /// Deadline, when the line gave a valid `YYYY-MM-DD` date.
    pub by_when: Option<Date>,
}

/// What the marker lines of the notes say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteMarkers {
    /// `A:` lines.
    pub agreements: Vec<NoteAgreement>,
    /// `!` lines: the core of the complaint.
    pub core: Vec<String>,
    /// `?` lines: open questions.
    pub questions: Vec<String>,
}

/// Reads the marker lines of `notes`.
pub fn markers(notes: &str) -> NoteMarkers {
    let mut m = NoteMarkers::default();
    for (line, raw) in notes.lines().enumerate() {
        let t = raw.trim();
        if let Some(rest) = t.strip_prefix("A:").or_else(|| t.strip_prefix("a:")) {
            if let Some(a) = parse_agreement(line, rest) {
                m.agreements.push(a);
            }
        } else if let Some(rest) = t.strip_prefix('!') {
            let rest = rest.trim();
            if !rest.is_empty() {
                m.core.push(text::sanitize_line(rest));
            }
        } else if let Some(rest) = t.strip_prefix('?') {
            let rest = rest.trim();
            if !rest.is_empty() {
                m.questions.push(text::sanitize_line(rest));
            }
        }
    }
    m
}

fn parse_agreement(line: usize, rest: &str) -> Option<NoteAgreement> {
    let parts: Vec<&str> = rest.split('|').map(str::trim).collect();
    let (who, what, date) = match parts.as_slice() {
        [what] => ("", *what, None),
        [who, what] => (*who, *what, None),
        [who, what, date, ..] => (*who, *what, Some(*date)),
        [] => return None,
    };
    if what.is_empty() {
        return None;
    }
    Some(NoteAgreement {
        line,
        who: text::sanitize_line(who),
        what: text::sanitize_line(what),
        by_when: date.and_then(|d| d.parse::<Date>().ok()),
    })
}

/// Checklist items whose `detect` cue phrases occur in `notes` (whole
/// words, ignoring case and accents), in playbook order.
pub fn cue_hits(pb: &Playbook, notes: &str) -> Vec<ItemRef> {
    let words = text::words(notes);
    pb.stages
        .iter()
        .flat_map(|(stage, content)| {
            content
                .checklist
                .iter()
                .filter(|item| {
                    item.detect
                        .iter()
                        .any(|cue| text::contains_phrase(&words, cue))
                })
                .map(move |item| ItemRef::new(stage, item.id.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_picked_up() {
        let n = "klant belt over jas\n! jas kapot na één week\nA: wij | nieuwe jas sturen | 2026-12-01\n  A: bellen vrijdag\n? bon nog nodig\nA:\nA: x | | 2026-01-01\n";
        let m = markers(n);
        assert_eq!(m.core, vec!["jas kapot na één week"]);
        assert_eq!(m.questions, vec!["bon nog nodig"]);
        assert_eq!(m.agreements.len(), 2);
        assert_eq!(m.agreements[0].who, "wij");
        assert_eq!(m.agreements[0].what, "nieuwe jas sturen");
        assert_eq!(
            m.agreements[0].by_when,
            Some(jiff::civil::date(2026, 12, 1))
        );
        assert_eq!(m.agreements[1].who, "");
        assert_eq!(m.agreements[1].what, "bellen vrijdag");
        assert_eq!(m.agreements[1].line, 3);
    }

    #[test]
    fn bad_dates_are_ignored_not_fatal() {
        let m = markers("A: wij | iets | 2026-13-45");
        assert_eq!(m.agreements[0].by_when, None);
    }
}
