//! Correcting the record: agreements edited and withdrawn, the form of
//! address, actions that tick the items they satisfy, skipped stages
//! completed later, past dates.

use super::*;

fn agree(c: &mut Call, what: &str, at: Timestamp) {
    let r = c.run(
        Command::RecordAgreement {
            who: "we".into(),
            what: what.into(),
            by_when: None,
        },
        at,
    );
    assert!(r.is_ok(), "{r:?}");
}

#[test]
fn an_agreement_is_corrected_in_place_and_withdrawn() {
    let mut c = Call::new();
    agree(&mut c, "send a coat", 1);
    agree(&mut c, "call back", 2);
    let d = jiff::civil::date(2026, 12, 1);
    let edit = |id, what: &str| Command::EditAgreement {
        id,
        who: " customer ".into(),
        what: what.into(),
        by_when: Some(d),
    };
    assert!(c.run(edit(1, "send a photo"), 3).is_ok());
    let list: Vec<(u32, &str, &str)> = c
        .state
        .agreements
        .iter()
        .map(|a| (a.id, a.who.as_str(), a.what.as_str()))
        .collect();
    assert_eq!(
        list,
        vec![(1, "customer", "send a photo"), (2, "we", "call back")]
    );
    assert_eq!(c.state.agreements[0].by_when, Some(d));
    assert_eq!(c.run(edit(1, "send a photo"), 4), Err(Refusal::NoChange));
    assert_eq!(c.run(edit(9, "x"), 4), Err(Refusal::UnknownAgreement(9)));
    assert_eq!(c.run(edit(1, "  "), 4), Err(Refusal::EmptyAgreement));
    assert!(c.run(Command::RemoveAgreement(1), 5).is_ok());
    assert_eq!(c.state.agreements.len(), 1);
    assert_eq!(
        c.run(edit(1, "again"), 6),
        Err(Refusal::UnknownAgreement(1))
    );
    // New agreements never reuse a withdrawn number.
    agree(&mut c, "third", 7);
    assert_eq!(c.state.agreements.last().map(|a| a.id), Some(3));
    assert_eq!(CallState::replay(&c.log), Some(c.state.clone()));
}

#[test]
fn the_form_of_address_starts_with_the_call_and_changes_even_after_the_end() {
    let mut m = meta();
    m.address = Some("mevrouw Jansen".into());
    m.agent = Some("Eva".into());
    let mut c = Call::with(pb(), m);
    assert_eq!(c.state.address.as_deref(), Some("mevrouw Jansen"));
    assert!(c.run(Command::End(CallOutcome::Resolved), 1).is_ok());
    assert!(
        c.run(Command::SetAddress(Some(" meneer De Vries ".into())), 2)
            .is_ok()
    );
    assert_eq!(c.state.address.as_deref(), Some("meneer De Vries"));
    assert_eq!(
        c.run(Command::SetAddress(Some("meneer De Vries".into())), 3),
        Err(Refusal::NoChange)
    );
    assert!(c.run(Command::SetAddress(Some("  ".into())), 4).is_ok());
    assert_eq!(c.state.address, None);
    let replayed = CallState::replay(&c.log);
    assert_eq!(replayed.as_ref(), Some(&c.state));
    assert_eq!(
        replayed.and_then(|s| s.meta.agent),
        Some("Eva".to_owned()),
        "the agent is stored with the call"
    );
}

#[test]
fn planning_a_follow_up_ticks_the_item_the_playbook_links_to_it() {
    let mut c = Call::with(linked_pb(), meta());
    let plan = ItemRef::new(StageId::FollowUp, "plan");
    let events = c
        .run(
            Command::PlanFollowUp(FollowUp {
                due: jiff::civil::date(2026, 12, 1),
                what: "coat arrived?".into(),
            }),
            5,
        )
        .unwrap_or_default();
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(c.state.checked.get(&plan), Some(&TickSource::Manual));
    // Re-planning does not tick twice; recording an agreement ticks its own item.
    let again = c.run(
        Command::PlanFollowUp(FollowUp {
            due: jiff::civil::date(2026, 12, 2),
            what: "coat arrived?".into(),
        }),
        6,
    );
    assert_eq!(again.map(|e| e.len()), Ok(1));
    agree(&mut c, "send a coat", 7);
    assert!(
        c.state
            .checked
            .contains_key(&ItemRef::new(StageId::RecordAgreements, "agreements"))
    );
    // Without the link nothing is ticked.
    let mut plain = Call::new();
    agree(&mut plain, "send a coat", 1);
    assert!(plain.state.checked.is_empty());
    assert_eq!(CallState::replay(&c.log), Some(c.state.clone()));
}

#[test]
fn a_skipped_stage_completed_later_says_so() {
    let mut c = Call::new();
    let r = c.run(
        Command::GoTo {
            stage: StageId::Ask,
            force: true,
        },
        1,
    );
    assert!(r.is_ok());
    assert_eq!(c.state.status(StageId::Listen), StageStatus::Skipped);
    assert_eq!(c.state.status(StageId::Acknowledge), StageStatus::Skipped);
    c.tick(StageId::Listen, "no_interrupt", 2);
    assert_eq!(c.state.status(StageId::Listen), StageStatus::CompletedLater);
    assert_eq!(c.state.status(StageId::Acknowledge), StageStatus::Skipped);
    let listen = ItemRef::new(StageId::Listen, "no_interrupt");
    assert!(c.state.completed_later(&listen));
    assert!(
        !c.state
            .completed_later(&ItemRef::new(StageId::Acknowledge, "understand"))
    );
    // Unticking it again makes it a plain skip; the skip itself stays recorded.
    assert!(c.run(Command::Uncheck(listen.clone()), 3).is_ok());
    assert_eq!(c.state.status(StageId::Listen), StageStatus::Skipped);
    assert_eq!(c.state.skipped_items().len(), 2);
    c.tick(StageId::Listen, "no_interrupt", 4);
    assert!(c.run(Command::End(CallOutcome::Resolved), 5).is_ok());
    assert_eq!(c.state.status(StageId::Listen), StageStatus::CompletedLater);
    assert_eq!(CallState::replay(&c.log), Some(c.state.clone()));
}

#[test]
fn past_dates_are_named_for_confirmation() {
    let today = jiff::civil::date(2026, 3, 10);
    let past = jiff::civil::date(2020, 1, 1);
    let agreement = |by_when| Command::RecordAgreement {
        who: "we".into(),
        what: "x".into(),
        by_when,
    };
    assert_eq!(agreement(Some(past)).past_date(today), Some(past));
    assert_eq!(agreement(Some(today)).past_date(today), None);
    assert_eq!(agreement(None).past_date(today), None);
    let plan = Command::PlanFollowUp(FollowUp {
        due: past,
        what: String::new(),
    });
    assert_eq!(plan.past_date(today), Some(past));
    assert_eq!(Command::Escalate.past_date(today), None);
}

#[test]
fn older_logs_without_agent_or_address_still_replay() {
    let json = r#"[{"at":0,"type":"started","playbook_id":"p","playbook_version":"1","customer":"C-1","channel":"phone","difficult_before":false}]"#;
    let log: Vec<Event> = serde_json::from_str(json).unwrap_or_default();
    let s = CallState::replay(&log);
    assert_eq!(s.as_ref().map(|s| s.meta.agent.is_none()), Some(true));
    assert_eq!(s.map(|s| s.address), Some(None));
}
