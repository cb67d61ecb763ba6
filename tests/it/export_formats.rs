//! Exports: JSON round-trips, the e-mail and the calendar open in real parsers,
//! control characters never get through.

use crate::support::store as store_support;

use callcoach::export::{self, json::CallExport};
use callcoach::store::{CallSink, Store, StoredCall};
use callcoach::summary::Email;
use icalendar::Component;
use mail_parser::MessageParser;
use store_support::*;

const NOTES: &str = "! de rits van de jas is kapot\u{1b}[31m\n\
    A: wij | sturen een nieuwe jas | 2026-12-01\n\
    ? wil klant ook korting\u{202e}\n\
    gewone regel met é en ü";

fn stored_call() -> (tempfile::TempDir, StoredCall) {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let (mut rec, _) = store.start_call(&started(Some("K-\u{7}42"), T0));
    rec.append(&body(T0, "bel terug\u{1b}]52;c;evil\u{7} over levering"));
    rec.save_notes(NOTES, T0 + 5_000);
    rec.append(&[ended(T0 + 600_000)]);
    let id = rec.call_id().clone();
    drop(rec);
    let call = store.load_call(&id).unwrap();
    (tmp, call)
}

fn no_controls(s: &str) {
    for c in s.chars() {
        assert!(
            !callcoach::text::is_forbidden_char(c) || c == '\r',
            "control character {:?} in export",
            c
        );
    }
}

#[test]
fn json_export_round_trips_and_has_everything() {
    let (_tmp, call) = stored_call();
    let (pb, _) = export::playbook_for(&call.info.playbook_id).unwrap();
    let summary = export::summarize(&call, &pb, Some("Sanne")).unwrap();
    let exp = CallExport::new(&call, summary, T0 + 700_000).unwrap();
    let text = exp.to_json().unwrap();
    no_controls(&text);
    assert!(
        !text.contains("\\u001b"),
        "escaped controls are still controls"
    );
    let back = CallExport::from_json(&text).unwrap();
    assert_eq!(back, exp);
    assert_eq!(back.to_json().unwrap(), text);
    // Stable field names a ticket system may rely on.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for key in [
        "format",
        "format_version",
        "exported_at",
        "call",
        "summary",
        "events",
        "notes_saved_at",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["call"]["id"], call.id.as_str());
    assert_eq!(v["call"]["customer"], "K-42");
    assert_eq!(v["events"].as_array().unwrap().len(), call.events.len());
    assert_eq!(v["summary"]["agreements"].as_array().unwrap().len(), 2);
    assert!(
        v["summary"]["notes"]
            .as_str()
            .unwrap()
            .contains("gewone regel met é en ü")
    );
}

#[test]
fn markdown_has_the_parts_of_a_ticket() {
    let (_tmp, call) = stored_call();
    let (pb, _) = export::playbook_for(&call.info.playbook_id).unwrap();
    let summary = export::summarize(&call, &pb, None).unwrap();
    let md = export::markdown::render(&call.id, &summary);
    no_controls(&md);
    for part in [
        "# Gesprek",
        "Kern van de klacht",
        "de rits van de jas is kapot",
        "## Stappen",
        "## Afspraken",
        "sturen een nieuwe jas",
        "## Opvolging",
        "check delivery",
        "Open vragen",
        "## Notities",
    ] {
        assert!(md.contains(part), "missing {part:?} in\n{md}");
    }
}

#[test]
fn eml_opens_in_a_mail_parser_with_the_agreements() {
    let (_tmp, call) = stored_call();
    let (pb, _) = export::playbook_for(&call.info.playbook_id).unwrap();
    let summary = export::summarize(&call, &pb, Some("Sanne de Vries")).unwrap();
    let email = summary.email(&pb);
    let eml = export::eml::render(&call.id, &email, Some("Sanne de Vries"), T0 + 700_000);
    no_controls(&eml);
    assert!(eml.split("\r\n").all(|l| l.len() <= 998));
    assert!(!eml.replace("\r\n", "").contains('\n'), "bare LF");
    let msg = MessageParser::default()
        .parse(eml.as_bytes())
        .expect("parses");
    assert_eq!(msg.subject(), Some(email.subject.as_str()));
    assert!(msg.date().is_some());
    assert!(msg.message_id().unwrap().contains(call.id.as_str()));
    let body = msg.body_text(0).unwrap();
    assert!(body.contains("sturen een nieuwe jas"), "{body}");
    assert!(body.contains("bel terug"), "{body}");
    assert_eq!(body.replace("\r\n", "\n").trim_end(), email.body.trim_end());
    assert_eq!(
        msg.from().unwrap().first().unwrap().name(),
        Some("Sanne de Vries")
    );
}

#[test]
fn non_ascii_subject_and_sender_are_encoded() {
    let email = Email {
        subject: "Bevestiging: één nieuwe jas voor de heer Müller — levering vóór vrijdag".into(),
        body:
            "Beste heer Müller,\n\nAfspraak: één jas.\nRegel met = teken en spatie aan het eind \n"
                .into(),
    };
    let id = callcoach::store::CallId("20261122-143005-7f3a".into());
    let eml = export::eml::render(&id, &email, Some("Zoë Janssen"), T0);
    assert!(eml.is_ascii(), "everything encoded");
    let msg = MessageParser::default().parse(eml.as_bytes()).unwrap();
    assert_eq!(msg.subject(), Some(email.subject.as_str()));
    assert_eq!(
        msg.from().unwrap().first().unwrap().name(),
        Some("Zoë Janssen")
    );
    assert_eq!(msg.body_text(0).unwrap().replace("\r\n", "\n"), email.body);
}

#[test]
fn followups_calendar_parses() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    for (cust, what) in [
        ("K-1", "nieuwe jas, met korting; snel"),
        ("Ü-2", &*"lange tekst ".repeat(20)),
    ] {
        let (mut rec, _) = store.start_call(&started(Some(cust), T0));
        rec.append(&body(T0, what));
        rec.append(&[ended(T0 + 60_000)]);
    }
    let entries = store.all_followups().unwrap();
    assert_eq!(entries.len(), 2);
    let ics = export::ics::render(&entries, T0, |_| callcoach::playbook::Language::Nl);
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    assert!(!ics.replace("\r\n", "").contains('\n'));
    let todos = parse_todos(&ics);
    assert_eq!(todos.len(), 2);
    for (t, entry) in todos.iter().zip(&entries) {
        assert_eq!(
            t.get_uid(),
            Some(format!("followup-{}@callcoach.invalid", entry.call).as_str())
        );
        assert!(t.get_timestamp().is_some());
        let due = format!("{:?}", t.get_due().unwrap());
        assert!(due.contains("2026-12-02"), "{due}");
        assert!(t.get_summary().unwrap().contains("check delivery"));
        assert_eq!(t.get_status(), Some(icalendar::TodoStatus::NeedsAction));
        // The agreement's deadline is in the description.
        assert!(
            t.get_description()
                .unwrap()
                .contains("uiterlijk 2026-12-01")
        );
        assert!(ics.contains("BEGIN:VALARM\r\n"));
        assert!(ics.contains("TRIGGER;RELATED=END:PT32400S\r\n"), "{ics}");
    }
    assert!(
        todos
            .iter()
            .any(|t| t.get_description().unwrap().contains("lange tekst"))
    );
}

fn parse_todos(ics: &str) -> Vec<icalendar::Todo> {
    let unfolded = icalendar::parser::unfold(ics);
    let cal: icalendar::Calendar = icalendar::parser::read_calendar(&unfolded).unwrap().into();
    cal.components
        .iter()
        .filter_map(|c| c.as_todo())
        .cloned()
        .collect()
}

#[test]
fn closed_followups_leave_the_calendar_as_completed_or_cancelled() {
    use callcoach::engine::{EventKind, FollowUpResult};
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    for (cust, kept, open) in [
        ("K-1", true, ""),
        ("K-2", false, "jas nog niet binnen"),
        ("K-3", true, "-"),
    ] {
        let (mut rec, _) = store.start_call(&started(Some(cust), T0));
        rec.append(&body(T0, "nieuwe jas"));
        rec.append(&[ended(T0 + 60_000)]);
        if open != "-" {
            rec.append(&[ev(
                T0 + 86_400_000,
                EventKind::FollowUpClosed(FollowUpResult {
                    agreements_kept: kept,
                    customer_satisfied: kept,
                    still_open: open.into(),
                }),
            )]);
        }
    }
    assert_eq!(store.open_followups().unwrap().len(), 1);
    let entries = store.all_followups().unwrap();
    assert_eq!(entries.len(), 3);
    let ics = export::ics::render(&entries, T0, |_| callcoach::playbook::Language::En);
    let todos = parse_todos(&ics);
    let status_of = |cust: &str| {
        todos
            .iter()
            .find(|t| t.get_summary().unwrap().contains(cust))
            .unwrap()
            .clone()
    };
    let done = status_of("K-1");
    assert_eq!(done.get_status(), Some(icalendar::TodoStatus::Completed));
    assert!(done.get_completed().is_some());
    let broken = status_of("K-2");
    assert_eq!(broken.get_status(), Some(icalendar::TodoStatus::Cancelled));
    assert!(
        broken
            .get_description()
            .unwrap()
            .contains("Still open: jas nog niet binnen")
    );
    assert_eq!(
        status_of("K-3").get_status(),
        Some(icalendar::TodoStatus::NeedsAction)
    );
    assert_eq!(render_again(&entries), ics, "deterministic");
    // Only the open one reminds.
    assert_eq!(ics.matches("BEGIN:VALARM").count(), 1);
}

fn render_again(entries: &[callcoach::store::FollowUpEntry]) -> String {
    export::ics::render(entries, T0, |_| callcoach::playbook::Language::En)
}
