//! The live transcript in the engine: stored lines (`Say` → `Said`) and
//! the "not said" nudge.

use super::*;

fn go(c: &mut Call, stage: StageId, at: Timestamp) {
    let r = c.run(Command::GoTo { stage, force: true }, at);
    assert!(r.is_ok(), "{r:?}");
}

#[test]
fn said_lines_are_events_that_replay() {
    let mut c = Call::new();
    let ev = c.run(
        Command::Say {
            speaker: "customer".into(),
            text: "  dit is belachelijk ".into(),
        },
        5,
    );
    assert_eq!(
        ev,
        Ok(vec![Event {
            at: 5,
            kind: EventKind::Said {
                speaker: "customer".into(),
                text: "dit is belachelijk".into()
            }
        }])
    );
    assert_eq!(
        c.state.transcript,
        vec![SaidLine {
            at: 5,
            speaker: "customer".into(),
            text: "dit is belachelijk".into()
        }]
    );
    // Nothing else changes: no tick, no stage, no escalation.
    assert!(c.state.checked.is_empty() && c.state.escalations.is_empty());
    assert_eq!(CallState::replay(&c.log), Some(c.state.clone()));
    // Blank speech is nothing; an ended call hears nothing more.
    let blank = Command::Say {
        speaker: "agent".into(),
        text: " ".into(),
    };
    assert_eq!(c.run(blank, 6), Err(Refusal::NoChange));
    assert!(c.run(Command::End(CallOutcome::Resolved), 7).is_ok());
    let late = Command::Say {
        speaker: "agent".into(),
        text: "hallo".into(),
    };
    assert!(c.run(late, 8).is_err());
    assert_eq!(c.state.transcript.len(), 1);
}

#[test]
fn not_said_waits_for_the_time_hint() {
    let c = Call::new();
    let open = vec![ItemRef::new(StageId::Listen, "no_interrupt")];
    // listen's hint is 120 s: nothing before, the open required item after.
    assert!(c.state.not_said(&c.pb, 0).is_empty());
    assert!(c.state.not_said(&c.pb, 120_000).is_empty());
    assert_eq!(c.state.not_said(&c.pb, 120_001), open);
    // `cues` is optional and has no detect cues: never nudged.
    assert!(
        !c.state
            .not_said(&c.pb, 999_999)
            .iter()
            .any(|r| r.item == "cues")
    );
}

#[test]
fn said_typed_or_ticked_items_are_not_nudged() {
    for by in [TickSource::Spoken, TickSource::Cue, TickSource::Manual] {
        let mut c = Call::new();
        let item = ItemRef::new(StageId::Listen, "no_interrupt");
        assert!(c.run(Command::Check(item.clone(), by), 1).is_ok());
        assert!(c.state.not_said(&c.pb, 200_000).is_empty(), "{by:?}");
        // An automatic tick taken back was still heard: no nudge either.
        assert!(c.run(Command::Uncheck(item), 2).is_ok());
        let nudged = c.state.not_said(&c.pb, 200_000);
        assert_eq!(nudged.is_empty(), by.is_automatic(), "{by:?}: {nudged:?}");
    }
}

#[test]
fn not_said_follows_the_current_stage_and_stops_at_the_end() {
    let mut c = Call::new();
    go(&mut c, StageId::Acknowledge, 1_000);
    // acknowledge has no time hint: never nudged, however long.
    assert!(c.state.not_said(&c.pb, 10_000_000).is_empty());
    // Back in listen the clock starts again from the moment it was entered.
    go(&mut c, StageId::Listen, 2_000);
    assert!(c.state.not_said(&c.pb, 2_000 + 120_000).is_empty());
    assert_eq!(c.state.not_said(&c.pb, 2_000 + 120_001).len(), 1);
    assert!(c.run(Command::End(CallOutcome::Resolved), 3_000).is_ok());
    assert!(c.state.not_said(&c.pb, 10_000_000).is_empty());
}
