//! The agent's notes: marker lines and checklist cues.
//!
//! Marker lines (documented in the README):
//! - `A:` an agreement, e.g. `A: wij sturen vrijdag een nieuwe jas`;
//!   `A: klant | stuurt foto's | 2026-12-01` gives who, what and a deadline;
//! - `!` the core of the complaint;
//! - `?` an open question to come back to.

use crate::cue::Reader;
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

/// Checklist items whose `detect` cue phrases are heard in `notes`, in
/// playbook order. The matching is the typed-reply classifier's
/// ([`crate::cue`]): Snowball stems ("oplossingen" hears "oplossing"),
/// gaps (`neem ... contact ... op`), and negation — "onderdeel is ook niet
/// bezorgd" does not tick an item whose cue is "bezorgd".
pub fn cue_hits(pb: &Playbook, notes: &str) -> Vec<ItemRef> {
    cue_hits_with(Reader::shared(pb.language), pb, notes)
}

/// [`cue_hits`] with a ready reader (the playbook's language).
pub fn cue_hits_with(reader: &Reader, pb: &Playbook, notes: &str) -> Vec<ItemRef> {
    let a = reader.analyse(notes);
    pb.stages
        .iter()
        .flat_map(|(stage, content)| {
            content
                .checklist
                .iter()
                .filter(|item| reader.heard_any(&a, &item.detect))
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

    fn builtin(name: &str) -> Playbook {
        match crate::playbook::load::builtin(name) {
            Some(Ok(pb)) => pb,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn cues_are_negation_and_inflection_aware() {
        let pb = builtin("klachtgesprek");
        let concern = ItemRef::new(crate::stage::StageId::Listen, "underlying_concern");
        assert!(!cue_hits(&pb, "Onderdeel is ook niet bezorgd").contains(&concern));
        assert!(cue_hits(&pb, "klant is bezorgd over de kosten").contains(&concern));
        let facts = ItemRef::new(crate::stage::StageId::Listen, "all_facts");
        assert!(
            cue_hits(&pb, "het feit is dat").contains(&facts),
            "feiten → feit"
        );
    }

    /// The example lines of `tests/fixtures/notes_cues.txt` tick (or do not
    /// tick) their item as labelled, at least 95 % of them (the figure is in
    /// BENCHMARKS.md; the known miss is "oorzaak onbekend": a negation by
    /// prefix, which no word-level rule hears).
    #[test]
    fn example_lines_per_checklist_item() {
        let text = include_str!("../../tests/fixtures/notes_cues.txt");
        let pbs = [builtin("klachtgesprek"), builtin("complaint-call")];
        let (mut n, mut wrong) = (0, Vec::new());
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let parts: Vec<&str> = line.splitn(4, '|').collect();
            let [name, item, want, note] = parts[..] else {
                panic!("bad line {line}")
            };
            let pb = pbs.iter().find(|p| p.id == name).expect("playbook");
            let (stage, id) = item.split_once('.').expect("stage.item");
            let stage: crate::stage::StageId = serde_yaml::from_str(stage).expect("stage");
            assert!(pb.item(stage, id).is_some(), "{item}");
            let got = cue_hits(pb, note).contains(&ItemRef::new(stage, id));
            n += 1;
            if got != (want == "1") {
                wrong.push(line);
            }
        }
        assert!(n >= 80, "{n} example lines");
        assert!(
            wrong.len() * 20 <= n,
            "{} of {n} wrong: {wrong:#?}",
            wrong.len()
        );
    }

    #[test]
    fn bad_dates_are_ignored_not_fatal() {
        let m = markers("A: wij | iets | 2026-13-45");
        assert_eq!(m.agreements[0].by_when, None);
    }
}
