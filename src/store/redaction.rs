//! Redaction at the store's door: every text an event or a notes save
//! carries goes through [`crate::redact`] before it reaches the database,
//! a journal or an emergency file. The call screen redacts first (with the
//! playbook's own patterns too, so the agent sees the masked form); this is
//! the safety net that holds whatever the caller did.

use crate::engine::{Event, EventKind};
use crate::redact::{Kind, Shape, redact};

/// `text` with card numbers, security codes, IBANs, BSNs and `shapes`
/// masked, and what was masked.
pub fn redact_text(text: &str, shapes: &[Shape]) -> (String, Vec<Kind>) {
    let r = redact(text, shapes);
    (r.text, r.found)
}

/// `e` with every text it carries redacted (see [`redact_text`]), and what
/// was masked. The start of a call (playbook, customer reference,
/// channel) is left as it is: those are references, not free text.
pub fn redact_event(e: &Event, shapes: &[Shape]) -> (Event, Vec<Kind>) {
    if matches!(e.kind, EventKind::Started(_)) {
        return (e.clone(), Vec::new());
    }
    let Ok(mut value) = serde_json::to_value(e) else {
        return (e.clone(), Vec::new());
    };
    let mut found = Vec::new();
    redact_value(&mut value, shapes, &mut found);
    if found.is_empty() {
        return (e.clone(), found);
    }
    match serde_json::from_value(value) {
        Ok(redacted) => (redacted, found),
        // Cannot happen (masking keeps every string a string); keep the
        // event rather than lose it.
        Err(_) => (e.clone(), Vec::new()),
    }
}

fn redact_value(v: &mut serde_json::Value, shapes: &[Shape], found: &mut Vec<Kind>) {
    use serde_json::Value;
    match v {
        Value::String(s) => {
            let r = redact(s, shapes);
            if !r.found.is_empty() {
                *s = r.text;
                found.extend(r.found);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| redact_value(x, shapes, found)),
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                // Tags and dates are not free text.
                if k != "type" && k != "at" {
                    redact_value(x, shapes, found);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Agreement, FollowUp};

    #[test]
    fn agreement_and_follow_up_texts_are_redacted() {
        let e = Event {
            at: 5,
            kind: EventKind::AgreementRecorded(Agreement {
                id: 1,
                who: "wij".into(),
                what: "terugboeken op NL91ABNA0417164300".into(),
                by_when: None,
            }),
        };
        let (r, found) = redact_event(&e, &[]);
        assert_eq!(found, vec![Kind::Iban]);
        match r.kind {
            EventKind::AgreementRecorded(a) => {
                assert_eq!(a.what, "terugboeken op NL************4300");
            }
            other => panic!("{other:?}"),
        }
        let f = Event {
            at: 6,
            kind: EventKind::FollowUpPlanned(FollowUp {
                due: "2026-12-01".parse().unwrap(),
                what: "kaart 4111 1111 1111 1111 geblokkeerd?".into(),
            }),
        };
        let (r, _) = redact_event(&f, &[]);
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("4111 1111 1111 1111"), "{json}");
        assert!(json.contains("2026-12-01"));
    }
}
