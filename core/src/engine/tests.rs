use super::*;
use crate::playbook::Channel;
use crate::playbook::load;
use crate::stage::StageId;

fn pb() -> Playbook {
    match load::parse(
        "minimal.yaml",
        include_bytes!("../../../tests/fixtures/minimal.yaml"),
    ) {
        Ok(p) => p,
        Err(e) => panic!("fixture invalid: {e:?}"),
    }
}

fn meta() -> CallMeta {
    CallMeta {
        playbook_id: "test-playbook".into(),
        playbook_version: "1.0".into(),
        playbook_hash: None,
        customer: Some("C-1".into()),
        channel: Channel::Phone,
        difficult_before: false,
        agent: None,
        address: None,
    }
}

mod record;
mod transcript;

/// The fixture with the follow-up stage's "plan" item ticked by planning a
/// follow-up and "agreements" ticked by recording one.
fn linked_pb() -> Playbook {
    let mut pb = pb();
    pb.stages
        .follow_up
        .checklist
        .push(crate::playbook::ChecklistItem {
            id: "plan".into(),
            text: "Plan a moment to check".into(),
            required: true,
            detect: Vec::new(),
            tip: None,
            ticked_by: Some(crate::playbook::RecordAction::PlanFollowUp),
            source: "src".into(),
        });
    if let Some(i) = pb.stages.record_agreements.checklist.first_mut() {
        i.ticked_by = Some(crate::playbook::RecordAction::RecordAgreement);
    }
    pb
}

struct Call {
    pb: Playbook,
    state: CallState,
    log: Vec<Event>,
}

impl Call {
    fn new() -> Self {
        let start = Event {
            at: 0,
            kind: EventKind::Started(meta()),
        };
        Call {
            pb: pb(),
            state: CallState::start(meta(), 0),
            log: vec![start],
        }
    }
    fn with(pb: Playbook, meta: CallMeta) -> Self {
        let start = Event {
            at: 0,
            kind: EventKind::Started(meta.clone()),
        };
        Call {
            pb,
            state: CallState::start(meta, 0),
            log: vec![start],
        }
    }
    fn run(&mut self, cmd: Command, at: Timestamp) -> Result<Vec<Event>, Refusal> {
        execute(&mut self.state, &mut self.log, &self.pb, cmd, at)
    }
    fn tick(&mut self, stage: StageId, item: &str, at: Timestamp) {
        let r = self.run(
            Command::Check(ItemRef::new(stage, item), TickSource::Manual),
            at,
        );
        assert!(r.is_ok(), "{r:?}");
    }
}

#[test]
fn moving_on_with_required_items_open_is_refused_without_override() {
    let mut c = Call::new();
    let r = c.run(
        Command::GoTo {
            stage: StageId::Acknowledge,
            force: false,
        },
        1000,
    );
    assert_eq!(
        r,
        Err(Refusal::RequiredOpen(vec![ItemRef::new(
            StageId::Listen,
            "no_interrupt"
        )]))
    );
    assert_eq!(c.state.stage, StageId::Listen);
    assert!(
        c.run(
            Command::GoTo {
                stage: StageId::Acknowledge,
                force: true
            },
            1000
        )
        .is_ok()
    );
    assert_eq!(c.state.stage, StageId::Acknowledge);
    assert_eq!(c.state.status(StageId::Listen), StageStatus::Skipped);
    assert_eq!(
        c.state.skipped_items(),
        vec![ItemRef::new(StageId::Listen, "no_interrupt")]
    );
}

#[test]
fn done_stage_and_going_back_needs_no_override() {
    let mut c = Call::new();
    c.tick(StageId::Listen, "no_interrupt", 10);
    assert!(
        c.run(
            Command::GoTo {
                stage: StageId::Acknowledge,
                force: false
            },
            20
        )
        .is_ok()
    );
    assert_eq!(c.state.status(StageId::Listen), StageStatus::Done);
    assert_eq!(c.state.status(StageId::Acknowledge), StageStatus::Current);
    assert_eq!(c.state.status(StageId::Ask), StageStatus::NotReached);
    assert!(
        c.run(
            Command::GoTo {
                stage: StageId::Listen,
                force: false
            },
            30
        )
        .is_ok()
    );
    assert!(c.state.skips.is_empty());
}

#[test]
fn jumping_ahead_collects_open_items_of_every_stage_passed() {
    let mut c = Call::new();
    let r = c.run(
        Command::GoTo {
            stage: StageId::AgreeSolution,
            force: false,
        },
        5,
    );
    let Err(Refusal::RequiredOpen(items)) = r else {
        panic!("expected refusal, got {r:?}")
    };
    assert_eq!(items.len(), 3);
    assert!(
        c.run(
            Command::GoTo {
                stage: StageId::AgreeSolution,
                force: true
            },
            5
        )
        .is_ok()
    );
    assert!(c.state.square_one_risk());
}

#[test]
fn time_per_stage_excludes_pauses() {
    let mut c = Call::new();
    c.tick(StageId::Listen, "no_interrupt", 1_000);
    c.run(
        Command::GoTo {
            stage: StageId::Acknowledge,
            force: false,
        },
        60_000,
    )
    .ok();
    c.run(Command::Pause, 70_000).ok();
    c.run(Command::Resume, 170_000).ok();
    assert_eq!(c.state.stage_time(StageId::Listen, 200_000), 60_000);
    assert_eq!(
        c.state.stage_time(StageId::Acknowledge, 200_000),
        10_000 + 30_000
    );
    assert_eq!(c.state.total_time(200_000), 100_000);
    assert_eq!(c.state.paused_ms, 100_000);
}

#[test]
fn time_hint_nudges_after_the_hint() {
    let mut c = Call::new();
    assert!(!c.state.over_time_hint(&c.pb, 120_000));
    assert!(c.state.over_time_hint(&c.pb, 120_001));
    c.tick(StageId::Listen, "no_interrupt", 1);
    c.run(
        Command::GoTo {
            stage: StageId::Acknowledge,
            force: false,
        },
        2,
    )
    .ok();
    // acknowledge has no hint
    assert!(!c.state.over_time_hint(&c.pb, 10_000_000));
}

#[test]
fn escalation_goes_back_to_listen_and_resets_the_opening() {
    let mut c = Call::new();
    c.tick(StageId::Listen, "no_interrupt", 1);
    c.run(
        Command::GoTo {
            stage: StageId::Acknowledge,
            force: false,
        },
        2,
    )
    .ok();
    c.tick(StageId::Acknowledge, "understand", 3);
    c.run(
        Command::GoTo {
            stage: StageId::Ask,
            force: false,
        },
        4,
    )
    .ok();
    c.tick(StageId::Ask, "summarise", 5);
    assert!(c.run(Command::Escalate, 6).is_ok());
    assert_eq!(c.state.stage, StageId::Listen);
    assert_eq!(c.state.escalations, vec![(6, StageId::Ask)]);
    // the stages after listen have to be gone through again
    assert_eq!(
        c.state.status(StageId::Acknowledge),
        StageStatus::NotReached
    );
    assert_eq!(c.state.status(StageId::Ask), StageStatus::NotReached);
    assert!(
        !c.state
            .checked
            .contains_key(&ItemRef::new(StageId::Listen, "no_interrupt"))
    );
    assert!(
        c.state
            .checked
            .contains_key(&ItemRef::new(StageId::Ask, "summarise"))
    );
}

#[test]
fn unticked_cues_stay_dismissed() {
    let mut c = Call::new();
    let item = ItemRef::new(StageId::Listen, "no_interrupt");
    assert!(
        c.run(Command::Check(item.clone(), TickSource::Cue), 1)
            .is_ok()
    );
    assert_eq!(c.state.checked.get(&item), Some(&TickSource::Cue));
    assert!(c.run(Command::Uncheck(item.clone()), 2).is_ok());
    assert_eq!(
        c.run(Command::Check(item.clone(), TickSource::Cue), 3),
        Ok(vec![])
    );
    assert!(
        c.run(Command::Check(item.clone(), TickSource::Manual), 4)
            .is_ok()
    );
}

#[test]
fn unknown_things_are_refused() {
    let mut c = Call::new();
    assert!(matches!(
        c.run(
            Command::Check(ItemRef::new(StageId::Listen, "nope"), TickSource::Manual),
            1
        ),
        Err(Refusal::UnknownItem(_))
    ));
    assert_eq!(
        c.run(
            Command::UsePhrase {
                stage: StageId::Ask,
                index: 0
            },
            1
        ),
        Err(Refusal::UnknownPhrase)
    );
    assert!(matches!(
        c.run(
            Command::AnswerDecision {
                question: "x".into(),
                yes: true
            },
            1
        ),
        Err(Refusal::UnknownQuestion(_))
    ));
    assert_eq!(
        c.run(Command::RemoveAgreement(9), 1),
        Err(Refusal::UnknownAgreement(9))
    );
    assert_eq!(
        c.run(
            Command::RecordAgreement {
                who: "we".into(),
                what: "  ".into(),
                by_when: None
            },
            1
        ),
        Err(Refusal::EmptyAgreement)
    );
    assert_eq!(c.log.len(), 1, "refusals store nothing");
}

#[test]
fn decision_any_yes_keeps_all_no_parts_ways() {
    let mut c = Call::new();
    assert_eq!(c.state.decision_outcome(&c.pb), None);
    for q in ["share_blame", "small_effort"] {
        c.run(
            Command::AnswerDecision {
                question: q.into(),
                yes: false,
            },
            1,
        )
        .ok();
    }
    assert_eq!(c.state.decision_outcome(&c.pb), None);
    c.run(
        Command::AnswerDecision {
            question: "keep_customer".into(),
            yes: false,
        },
        2,
    )
    .ok();
    assert_eq!(
        c.state.decision_outcome(&c.pb),
        Some(DecisionOutcome::PartWays)
    );
    assert_eq!(c.state.suggested_outcome(&c.pb), CallOutcome::PartedWays);
    c.run(
        Command::AnswerDecision {
            question: "small_effort".into(),
            yes: true,
        },
        3,
    )
    .ok();
    assert_eq!(c.state.decision_outcome(&c.pb), Some(DecisionOutcome::Keep));
}

#[test]
fn agreements_get_stable_ids_and_outcome_follows() {
    let mut c = Call::new();
    assert_eq!(c.state.suggested_outcome(&c.pb), CallOutcome::Unresolved);
    let d = jiff::civil::date(2026, 12, 1);
    c.run(
        Command::RecordAgreement {
            who: "we".into(),
            what: "send a coat".into(),
            by_when: Some(d),
        },
        1,
    )
    .ok();
    c.run(
        Command::RecordAgreement {
            who: "customer".into(),
            what: "send photo".into(),
            by_when: None,
        },
        2,
    )
    .ok();
    c.run(Command::RemoveAgreement(1), 3).ok();
    c.run(
        Command::RecordAgreement {
            who: "we".into(),
            what: "call back".into(),
            by_when: None,
        },
        4,
    )
    .ok();
    let ids: Vec<u32> = c.state.agreements.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![2, 3]);
    assert_eq!(c.state.suggested_outcome(&c.pb), CallOutcome::Resolved);
    c.run(
        Command::PlanFollowUp(FollowUp {
            due: d,
            what: "coat arrived?".into(),
        }),
        5,
    )
    .ok();
    assert_eq!(
        c.state.suggested_outcome(&c.pb),
        CallOutcome::ResolvedWithFollowUp
    );
}

#[test]
fn ended_calls_refuse_changes_until_reopened() {
    let mut c = Call::new();
    c.run(Command::End(CallOutcome::Resolved), 10_000).ok();
    assert_eq!(c.run(Command::Escalate, 11_000), Err(Refusal::Ended));
    assert!(
        c.run(Command::SetCause("expectations".into()), 11_000)
            .is_ok()
    );
    assert_eq!(c.state.total_time(99_000), 10_000, "clocks stop at the end");
    assert!(c.run(Command::Reopen, 20_000).is_ok());
    assert_eq!(c.state.total_time(25_000), 15_000);
}

#[test]
fn opening_for_follow_up_is_not_a_skip() {
    let mut c = Call::new();
    c.run(Command::End(CallOutcome::ResolvedWithFollowUp), 10)
        .ok();
    let events = c.run(Command::OpenFollowUp, 1_000_000);
    assert_eq!(events.map(|e| e.len()), Ok(2));
    assert_eq!(c.state.stage, StageId::FollowUp);
    assert!(!c.state.is_ended());
    assert!(
        c.state.skips.is_empty(),
        "no skip recorded: {:?}",
        c.state.skips
    );
    assert_eq!(
        c.run(Command::OpenFollowUp, 1_000_001),
        Err(Refusal::NoChange)
    );
    assert_eq!(CallState::replay(&c.log), Some(c.state.clone()));
}

#[test]
fn replay_reproduces_live_state() {
    let mut c = Call::new();
    c.tick(StageId::Listen, "no_interrupt", 1);
    c.run(
        Command::GoTo {
            stage: StageId::Ask,
            force: true,
        },
        2,
    )
    .ok();
    c.run(Command::Escalate, 3).ok();
    c.run(
        Command::UsePhrase {
            stage: StageId::Listen,
            index: 1,
        },
        4,
    )
    .ok();
    c.run(Command::End(CallOutcome::Unresolved), 5).ok();
    assert_eq!(CallState::replay(&c.log), Some(c.state.clone()));
    // the log survives a JSON round trip, as the store keeps it
    let json = serde_json::to_string(&c.log).unwrap_or_default();
    let back: Vec<Event> = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, c.log);
}

#[test]
fn replay_needs_a_start() {
    assert_eq!(CallState::replay(&[]), None);
    let e = Event {
        at: 0,
        kind: EventKind::Escalated { from: StageId::Ask },
    };
    assert_eq!(CallState::replay(&[e]), None);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn stage() -> impl Strategy<Value = StageId> {
        (0usize..6).prop_map(|i| StageId::ALL[i])
    }

    fn date() -> impl Strategy<Value = Date> {
        (0i16..40).prop_map(|d| jiff::civil::date(2026, 1, 1) + jiff::Span::new().days(d))
    }

    fn command() -> impl Strategy<Value = Command> {
        let item = || {
            (
                stage(),
                prop_oneof![
                    Just("no_interrupt"),
                    Just("cues"),
                    Just("understand"),
                    Just("summarise"),
                    Just("ask_wish"),
                    Just("agreements"),
                    Just("plan"),
                    Just("bogus")
                ],
            )
                .prop_map(|(s, i)| ItemRef::new(s, i))
        };
        prop_oneof![
            (stage(), any::<bool>()).prop_map(|(stage, force)| Command::GoTo { stage, force }),
            (
                item(),
                prop_oneof![
                    Just(TickSource::Cue),
                    Just(TickSource::Spoken),
                    Just(TickSource::Manual)
                ]
            )
                .prop_map(|(i, by)| Command::Check(i, by)),
            item().prop_map(Command::Uncheck),
            item().prop_map(Command::Toggle),
            (stage(), 0usize..3).prop_map(|(stage, index)| Command::UsePhrase { stage, index }),
            Just(Command::Escalate),
            (prop_oneof![Just("agent"), Just("customer")], "[a-z ]{0,6}").prop_map(|(s, text)| {
                Command::Say {
                    speaker: s.into(),
                    text,
                }
            }),
            (
                prop_oneof![Just("share_blame"), Just("small_effort"), Just("x")],
                any::<bool>()
            )
                .prop_map(|(q, yes)| Command::AnswerDecision {
                    question: q.into(),
                    yes
                }),
            ("[a-z ]{0,6}", "[a-z ]{0,6}").prop_map(|(who, what)| Command::RecordAgreement {
                who,
                what,
                by_when: None
            }),
            (0u32..4).prop_map(Command::RemoveAgreement),
            (
                0u32..4,
                "[a-z ]{0,6}",
                "[a-z ]{0,6}",
                proptest::option::of(date())
            )
                .prop_map(|(id, who, what, by_when)| Command::EditAgreement {
                    id,
                    who,
                    what,
                    by_when
                }),
            proptest::option::of("[a-z ]{0,8}").prop_map(Command::SetAddress),
            (date(), "[a-z]{0,6}")
                .prop_map(|(due, what)| Command::PlanFollowUp(FollowUp { due, what })),
            Just(Command::Pause),
            Just(Command::Resume),
            Just(Command::End(CallOutcome::Resolved)),
            Just(Command::Reopen),
            Just(Command::OpenFollowUp),
        ]
    }

    proptest! {
        #[test]
        fn any_command_sequence_keeps_invariants(
            cmds in proptest::collection::vec((command(), 0i64..5_000), 0..60),
            linked in any::<bool>(),
        ) {
            // Half the runs on a playbook whose actions tick items.
            let mut c = if linked { Call::with(linked_pb(), meta()) } else { Call::new() };
            let mut now = 0;
            for (cmd, dt) in cmds {
                now += dt;
                let _ = c.run(cmd, now);
                let s = &c.state;
                // the current stage has been reached and is on the path
                prop_assert!(s.reached.contains(&s.stage));
                // a stage counts as passed only once reached, and never the current one
                prop_assert!(s.passed.iter().all(|p| s.reached.contains(p) && *p < StageId::FollowUp));
                prop_assert_eq!(s.path.last().map(|p| p.0), Some(s.stage));
                // talk time never exceeds wall time and never goes negative
                prop_assert!(s.total_time(now) >= 0);
                prop_assert!(s.total_time(now) + s.paused_ms <= now);
                // every skip was an override of real required items
                for skip in &s.skips {
                    prop_assert!(!skip.items.is_empty());
                    for i in &skip.items {
                        prop_assert!(c.pb.item(i.stage, &i.item).is_some_and(|x| x.required));
                    }
                }
                // only known items are ever ticked
                for k in s.checked.keys() {
                    prop_assert!(c.pb.item(k.stage, &k.item).is_some());
                }
                // agreement ids are unique
                let mut ids: Vec<u32> = s.agreements.iter().map(|a| a.id).collect();
                ids.dedup();
                prop_assert_eq!(ids.len(), s.agreements.len());
                // an item linked to an action is ticked once the action is recorded
                if let Some(Event { kind: EventKind::FollowUpPlanned(_), .. }) =
                    c.log.iter().rev().find(|e| !matches!(e.kind, EventKind::ItemChecked { .. }))
                    && linked
                {
                    prop_assert!(s.checked.contains_key(&ItemRef::new(StageId::FollowUp, "plan")));
                }
                // a stage reads "completed later" exactly when it was skipped
                // and every item skipped in it is ticked now
                for st in StageId::ALL {
                    let skipped: Vec<&ItemRef> =
                        s.skips.iter().flat_map(|k| &k.items).filter(|i| i.stage == st).collect();
                    let completed = !skipped.is_empty()
                        && skipped.iter().all(|i| s.checked.contains_key(*i));
                    if st != s.stage || s.is_ended() {
                        prop_assert_eq!(s.status(st) == StageStatus::CompletedLater, completed);
                    }
                }
                // escalation always lands on listen
                if let Some(Event { kind: EventKind::Escalated { .. }, .. }) = c.log.last() {
                    prop_assert_eq!(s.stage, StageId::Listen);
                }
            }
            // replaying the log reproduces the live state exactly
            prop_assert_eq!(CallState::replay(&c.log), Some(c.state.clone()));
        }

        #[test]
        fn the_live_status_follows_the_call_and_survives_a_resume(
            cmds in proptest::collection::vec((command(), 0i64..5_000), 0..60),
        ) {
            let mut c = Call::new();
            let mut now = 0;
            for (cmd, dt) in cmds {
                now += dt;
                let _ = c.run(cmd, now);
                let s = &c.state;
                let live = s.live_status(&c.pb, now);
                // an ended call leaves the live view; any other is on it
                prop_assert_eq!(live.is_none(), s.is_ended());
                let Some(live) = live else { continue };
                prop_assert_eq!(live.stage, s.stage);
                prop_assert_eq!(live.escalations as usize, s.escalations.len());
                prop_assert!(live.stage_entered_at <= now);
                prop_assert_eq!(Some(live.stage_entered_at), s.path.last().map(|p| p.1));
                prop_assert_eq!(
                    live.skipped,
                    s.skipped_items().iter().any(|i| !s.checked.contains_key(i))
                );
                prop_assert_eq!(live.over_time, s.over_time_hint(&c.pb, now));
                // a resumed call (its log replayed) sends the same status
                let again = CallState::replay(&c.log).and_then(|r| r.live_status(&c.pb, now));
                prop_assert_eq!(Some(live), again);
            }
        }
    }
}

#[test]
fn unticked_spoken_ticks_stay_dismissed_too() {
    let mut c = Call::new();
    let item = ItemRef::new(StageId::Listen, "no_interrupt");
    assert!(
        c.run(Command::Check(item.clone(), TickSource::Spoken), 1)
            .is_ok()
    );
    assert_eq!(c.state.checked.get(&item), Some(&TickSource::Spoken));
    assert!(c.run(Command::Uncheck(item.clone()), 2).is_ok());
    assert_eq!(
        c.run(Command::Check(item.clone(), TickSource::Spoken), 3),
        Ok(vec![])
    );
    assert_eq!(
        c.run(Command::Check(item.clone(), TickSource::Cue), 4),
        Ok(vec![])
    );
}

#[test]
fn live_status_follows_stage_flags_and_leaves_at_the_end() {
    let mut c = Call::new();
    let s = c.state.live_status(&c.pb, 1_000).unwrap();
    assert_eq!(s.stage, StageId::Listen);
    assert_eq!(s.stage_entered_at, 0);
    assert_eq!(s.customer.as_deref(), Some("C-1"));
    assert!(!s.over_time && !s.skipped);
    assert_eq!(s.escalations, 0);
    // Past listen's time hint (120 s in the fixture).
    assert!(c.state.live_status(&c.pb, 120_001).unwrap().over_time);
    // Moving on with listen's required item open: skipped, until ticked.
    c.run(
        Command::GoTo {
            stage: StageId::Acknowledge,
            force: true,
        },
        5_000,
    )
    .unwrap();
    let s = c.state.live_status(&c.pb, 6_000).unwrap();
    assert_eq!((s.stage, s.stage_entered_at), (StageId::Acknowledge, 5_000));
    assert!(s.skipped);
    c.tick(StageId::Listen, "no_interrupt", 7_000);
    assert!(!c.state.live_status(&c.pb, 8_000).unwrap().skipped);
    c.run(Command::Escalate, 9_000).unwrap();
    let s = c.state.live_status(&c.pb, 9_500).unwrap();
    assert_eq!((s.stage, s.escalations), (StageId::Listen, 1));
    assert_eq!(s.stage_entered_at, 9_000);
    c.run(Command::End(CallOutcome::Resolved), 10_000).unwrap();
    assert_eq!(c.state.live_status(&c.pb, 11_000), None);
}
