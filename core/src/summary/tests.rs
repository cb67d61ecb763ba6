use super::*;
use crate::engine::{CallMeta, Command, Event, EventKind, ItemRef, TickSource, execute};
use crate::playbook::load;

fn fixture() -> Playbook {
    match load::parse(
        "minimal.yaml",
        include_bytes!("../../../tests/fixtures/minimal.yaml"),
    ) {
        Ok(p) => p,
        Err(e) => panic!("fixture invalid: {e:?}"),
    }
}

fn call(pb: &Playbook) -> (CallState, Vec<Event>) {
    let meta = CallMeta {
        playbook_id: pb.id.clone(),
        playbook_version: pb.version.clone(),
        playbook_hash: None,
        customer: Some("T-42\x1b[2J".into()),
        channel: Channel::Phone,
        difficult_before: false,
        agent: None,
        address: None,
    };
    let state = CallState::start(meta.clone(), 0);
    (
        state,
        vec![Event {
            at: 0,
            kind: EventKind::Started(meta),
        }],
    )
}

#[test]
fn summary_collects_everything_and_sanitises() {
    let pb = fixture();
    let (mut s, mut log) = call(&pb);
    let mut run = |cmd, at| execute(&mut s, &mut log, &pb, cmd, at).map(|_| ());
    assert!(
        run(
            Command::GoTo {
                stage: StageId::Acknowledge,
                force: true
            },
            60_000
        )
        .is_ok()
    );
    assert!(
        run(
            Command::Check(
                ItemRef::new(StageId::Acknowledge, "understand"),
                TickSource::Manual
            ),
            61_000
        )
        .is_ok()
    );
    assert!(run(Command::Escalate, 70_000).is_ok());
    let d = jiff::civil::date(2026, 12, 1);
    assert!(
        run(
            Command::RecordAgreement {
                who: "we".into(),
                what: "send a new coat".into(),
                by_when: Some(d)
            },
            80_000
        )
        .is_ok()
    );
    assert!(
        run(
            Command::AnswerDecision {
                question: "small_effort".into(),
                yes: true
            },
            81_000
        )
        .is_ok()
    );
    assert!(
        run(
            Command::PlanFollowUp(FollowUp {
                due: d,
                what: "coat arrived?".into()
            }),
            82_000
        )
        .is_ok()
    );
    assert!(run(Command::End(CallOutcome::ResolvedWithFollowUp), 90_000).is_ok());
    let notes = "! coat torn after a week\nA: customer | sends a photo\n? receipt needed\x07";
    let sum = CallSummary::build(&pb, &s, notes, 100_000, Some("Eva"));
    assert_eq!(sum.customer.as_deref(), Some("T-42[2J"));
    assert_eq!(sum.total_ms, 90_000);
    assert_eq!(sum.stages[0].time_ms, 60_000 + 20_000);
    assert_eq!(sum.skipped.len(), 1);
    assert_eq!(sum.skipped[0].text, "Let the customer finish");
    assert_eq!(sum.escalations, vec![StageId::Acknowledge]);
    assert_eq!(sum.agreements.len(), 2);
    assert!(sum.agreements[1].from_notes);
    assert_eq!(sum.complaint_core, vec!["coat torn after a week"]);
    assert_eq!(sum.open_questions, vec!["receipt needed"]);
    assert!(!sum.notes.contains('\x07'));
    let dec = sum
        .decision
        .clone()
        .unwrap_or_else(|| panic!("decision missing"));
    assert_eq!(dec.outcome, Some(DecisionOutcome::Keep));
    assert_eq!(dec.title.as_deref(), Some("Save the relationship"));
    assert_eq!(sum.outcome, Some(CallOutcome::ResolvedWithFollowUp));
    assert_eq!(sum.evaluation[0].answer, None);
    // JSON round trip, as the export relies on
    let json = serde_json::to_string(&sum).unwrap_or_default();
    let back: Option<CallSummary> = serde_json::from_str(&json).ok();
    assert_eq!(back.as_ref(), Some(&sum));
}

#[test]
fn email_lists_agreements_and_fills_gaps_visibly() {
    let pb = fixture();
    let (mut s, mut log) = call(&pb);
    let d = jiff::civil::date(2026, 12, 1);
    let r = execute(
        &mut s,
        &mut log,
        &pb,
        Command::RecordAgreement {
            who: "we".into(),
            what: "send a new coat".into(),
            by_when: Some(d),
        },
        1,
    );
    assert!(r.is_ok());
    let sum = CallSummary::build(&pb, &s, "A: you | send a photo", 2, None);
    let mail = sum.email(&pb);
    assert_eq!(mail.subject, "Our agreements");
    assert_eq!(
        mail.body,
        "Dear [customer name],\n\n- we: send a new coat (by 1 December 2026)\n- you: send a photo\n\nKind regards,\n[your name]"
    );
}

#[test]
fn the_reference_is_never_the_greeting() {
    // The customer reference is for the record; the e-mail greets by the
    // form of address or the playbook's fallback.
    let mut pb = fixture();
    let (s, _) = call(&pb);
    let sum = CallSummary::build(&pb, &s, "", 2, None);
    assert!(!sum.email(&pb).body.contains("T-42"));
    pb.email.customer_fallback = Some("customer".into());
    assert!(sum.email(&pb).body.starts_with("Dear customer,\n"));
    pb.email.customer_fallback = Some(String::new());
    assert!(sum.email(&pb).body.starts_with("Dear,\n"));
}

#[test]
fn the_email_greets_by_address_and_is_signed_by_the_calls_agent() {
    let pb = fixture();
    let (mut s, mut log) = call(&pb);
    s.meta.agent = Some("Eva".into());
    let r = execute(
        &mut s,
        &mut log,
        &pb,
        Command::SetAddress(Some("Mrs Smith".into())),
        1,
    );
    assert!(r.is_ok());
    // The agent exporting later (Bob) does not sign a call Eva took.
    let sum = CallSummary::build(&pb, &s, "", 2, Some("Bob"));
    assert_eq!(sum.address.as_deref(), Some("Mrs Smith"));
    assert_eq!(sum.agent.as_deref(), Some("Eva"));
    let body = sum.email(&pb).body;
    assert!(body.starts_with("Dear Mrs Smith,\n"), "{body}");
    assert!(body.ends_with("Kind regards,\nEva"), "{body}");
    // A call without a stored agent is signed by whoever makes the summary.
    s.meta.agent = None;
    let sum = CallSummary::build(&pb, &s, "", 2, Some("Bob"));
    assert_eq!(sum.agent.as_deref(), Some("Bob"));
}

#[test]
fn the_follow_up_note_stays_internal_and_unplanned_paragraphs_go() {
    let mut pb = fixture();
    pb.email.body = "Dear {customer},\n\nNext step: {follow_up} (by {follow_up_date}).\nI will check it myself.\n\nKind regards,\n{agent}".into();
    let (mut s, mut log) = call(&pb);
    s.meta.agent = Some("Eva".into());
    let unplanned = CallSummary::build(&pb, &s, "", 2, None).email(&pb).body;
    assert_eq!(unplanned, "Dear [customer name],\n\nKind regards,\nEva");
    let r = execute(
        &mut s,
        &mut log,
        &pb,
        Command::PlanFollowUp(FollowUp {
            due: jiff::civil::date(2026, 12, 1),
            what: "check whether the warehouse really shipped it".into(),
        }),
        1,
    );
    assert!(r.is_ok());
    let sum = CallSummary::build(&pb, &s, "", 2, None);
    let body = sum.email(&pb).body;
    assert!(!body.contains("warehouse"), "internal note leaked: {body}");
    assert!(
        body.contains("Next step: a call from Eva (by 1 December 2026).\nI will check it myself."),
        "{body}"
    );
    // The summary (for the agent) keeps the note.
    assert_eq!(
        sum.follow_up.map(|f| f.what),
        Some("check whether the warehouse really shipped it".to_owned())
    );
}

#[test]
fn phrases_address_by_name_or_read_without_one() {
    let mut pb = fixture();
    let t = "I hear you, {customer}. I am {agent}.";
    assert_eq!(
        fill_phrase(&pb, t, Some("Mrs Smith"), Some("Eva"), "[your name]"),
        "I hear you, Mrs Smith. I am Eva."
    );
    assert_eq!(
        fill_phrase(&pb, t, None, None, "[your name]"),
        "I hear you. I am [your name]."
    );
    pb.customer_fallback = Some("sir".into());
    assert_eq!(
        fill_phrase(&pb, t, Some(" "), None, "?"),
        "I hear you, sir. I am ?."
    );
    assert_eq!(
        fill_phrase(&pb, t, Some("\x1b[2Jx"), None, "?"),
        "I hear you, [2Jx. I am ?."
    );
}

#[test]
fn skipped_items_completed_later_say_so() {
    let pb = fixture();
    let (mut s, mut log) = call(&pb);
    let go = Command::GoTo {
        stage: StageId::Ask,
        force: true,
    };
    assert!(execute(&mut s, &mut log, &pb, go, 1).is_ok());
    let tick = Command::Check(
        ItemRef::new(StageId::Listen, "no_interrupt"),
        TickSource::Manual,
    );
    assert!(execute(&mut s, &mut log, &pb, tick, 2).is_ok());
    let sum = CallSummary::build(&pb, &s, "", 3, None);
    let later: Vec<(StageId, bool)> = sum
        .skipped
        .iter()
        .map(|k| (k.stage, k.completed_later))
        .collect();
    assert_eq!(
        later,
        vec![(StageId::Listen, true), (StageId::Acknowledge, false)]
    );
    assert_eq!(sum.stages[0].status, StageStatus::CompletedLater);
    assert_eq!(sum.stages[1].status, StageStatus::Skipped);
}

#[test]
fn empty_call_has_clear_placeholders() {
    let pb = fixture();
    let (s, _) = call(&pb);
    let sum = CallSummary::build(&pb, &s, "", 0, None);
    assert_eq!(
        sum.agreement_list(Language::Nl),
        "- (nog geen afspraken vastgelegd)"
    );
    assert!(sum.decision.is_none());
    assert_eq!(sum.date, jiff::civil::date(1970, 1, 1));
}

#[test]
fn dates_in_both_languages() {
    let d = jiff::civil::date(2026, 3, 9);
    assert_eq!(format_date(d, Language::Nl), "9 maart 2026");
    assert_eq!(format_date(d, Language::En), "9 March 2026");
    assert_eq!(date_of(1_795_000_000_000), jiff::civil::date(2026, 11, 18));
}
