//! Issue 15, privacy and nudges: the transcript is kept with a call only
//! when the settings file or the playbook allow it (as `Said` events,
//! redacted on the way to the store); `calls show` and the Markdown and
//! JSON exports include it; erase and purge remove it. The ticks speech
//! causes are stored either way. The "not said" nudge on the call screen.

use crate::support::store::{T0 as S0, ended, found_anywhere, started};
use crate::support::tui::{self as tui, T0, render};
use callcoach::engine::{Event, EventKind, TickSource};
use callcoach::playbook::Language;
use callcoach::store::{CallSink, Store};
use callcoach::transcript::{Kind, Report, Speaker, Stats, Utterance};
use callcoach::tui::call::{App, Effect, Msg, mask, update};
use std::path::Path;
use std::process::{Command, Output};

fn said(speaker: Speaker, text: &str) -> Utterance {
    Utterance {
        kind: Kind::Final,
        speaker,
        text: text.into(),
        start: None,
        end: None,
        conf: None,
    }
}

fn hear(app: &mut App, u: Utterance, at: i64) -> Vec<Event> {
    let r = Report::Heard {
        source: 0,
        utterances: vec![u],
        stats: Stats::default(),
    };
    update(app, Msg::Transcript(r), at)
        .into_iter()
        .flat_map(|e| match e {
            Effect::Persist(ev) => ev,
            _ => Vec::new(),
        })
        .collect()
}

fn live_app(store: bool) -> App {
    let mut a = tui::app();
    a.live = callcoach::tui::call::live::Live::new(1);
    a.live.store = store;
    a
}

#[test]
fn lines_become_said_events_only_when_stored() {
    for store in [false, true] {
        let mut a = live_app(store);
        let ev = hear(
            &mut a,
            said(Speaker::Agent, "I will let them finish first."),
            T0 + 1_000,
        );
        let kinds: Vec<&EventKind> = ev.iter().map(|e| &e.kind).collect();
        // The tick is stored either way, marked as spoken.
        assert!(
            kinds.iter().any(|k| matches!(
                k,
                EventKind::ItemChecked {
                    by: TickSource::Spoken,
                    ..
                }
            )),
            "{kinds:?}"
        );
        let lines: Vec<&EventKind> = kinds
            .iter()
            .copied()
            .filter(|k| matches!(k, EventKind::Said { .. }))
            .collect();
        if store {
            assert_eq!(
                lines,
                vec![&EventKind::Said {
                    speaker: "agent".into(),
                    text: "I will let them finish first.".into()
                }]
            );
            // The line comes before the tick it caused.
            assert!(matches!(ev[0].kind, EventKind::Said { .. }), "{ev:?}");
        } else {
            assert!(lines.is_empty(), "not stored by default: {lines:?}");
            assert!(a.state.transcript.is_empty());
        }
    }
}

#[test]
fn stored_lines_are_redacted_before_the_store() {
    let mut a = live_app(true);
    let ev = hear(
        &mut a,
        said(
            Speaker::Customer,
            "mijn rekening is NL91ABNA0417164300 en kaart 4111 1111 1111 1111",
        ),
        T0 + 2_000,
    );
    let masked = mask::events_for_store(&mut a, ev);
    let json = serde_json::to_string(&masked).unwrap_or_default();
    assert!(!json.contains("NL91ABNA0417164300"), "{json}");
    assert!(!json.contains("4111 1111 1111 1111"), "{json}");
    assert!(json.contains("NL**"), "{json}");
    // The call on screen (its state, from the log) holds the masked form.
    let line = &a.state.transcript[0];
    assert_eq!(line.speaker, "customer");
    assert!(!line.text.contains("0417164300"), "{}", line.text);
}

/// The nudge once listen's time hint (120 s) has passed with its
/// required item neither said nor noted, in both languages.
#[test]
fn not_said_nudge_snapshots() {
    for lang in [Language::Nl, Language::En] {
        for (w, h) in [(120, 40), (80, 24), (60, 20)] {
            let mut a = App::new_call(tui::setup(lang), tui::meta(false), T0).0;
            a.now = T0 + 130_000;
            let screen = render(&mut a, w, h);
            let want = match lang {
                Language::Nl => "Nog niet gezegd",
                Language::En => "Not said or noted yet",
            };
            assert!(screen.contains(want), "{w}x{h}:\n{screen}");
            insta::assert_snapshot!(format!("not_said_{}_{w}x{h}", lang.code()), screen);
        }
    }
}

#[test]
fn the_nudge_goes_once_the_item_is_said() {
    let mut a = live_app(false);
    a.now = T0 + 130_000;
    assert!(render(&mut a, 120, 40).contains("Nog niet gezegd"));
    hear(
        &mut a,
        said(Speaker::Agent, "Let them finish."),
        T0 + 131_000,
    );
    let screen = render(&mut a, 120, 40);
    assert!(!screen.contains("Nog niet gezegd"), "{screen}");
    // The legend names all three marks.
    assert!(screen.contains("[s] gezegd"), "{screen}");
}

fn cli(dir: &Path, args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("CALLCOACH_AGENT")
        .env(
            "CALLCOACH_CONFIG",
            "/nonexistent/callcoach-test/config.yaml",
        )
        .env("CALLCOACH_RETENTION", "off")
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(
        o.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A stored call with two transcript lines (one with an IBAN the recorder
/// masks) and a spoken tick.
fn seed(dir: &Path, customer: &str, at: i64) -> String {
    let store = Store::open(dir).unwrap_or_else(|e| panic!("{e:#}"));
    let (mut rec, _) = store.start_call(&started(Some(customer), at));
    rec.append(&[
        Event {
            at: at + 5_000,
            kind: EventKind::Said {
                speaker: "customer".into(),
                text: "CANARY-SPOKEN dit is belachelijk, rekening NL91ABNA0417164300".into(),
            },
        },
        Event {
            at: at + 9_000,
            kind: EventKind::Said {
                speaker: "agent".into(),
                text: "Ik laat u eerst uitpraten.".into(),
            },
        },
        Event {
            at: at + 9_000,
            kind: EventKind::ItemChecked {
                item: callcoach::engine::ItemRef::new(
                    callcoach::stage::StageId::Listen,
                    "uitpraten",
                ),
                by: TickSource::Spoken,
            },
        },
    ]);
    rec.append(&[ended(at + 60_000)]);
    rec.call_id().to_string()
}

#[test]
fn exports_and_calls_show_include_a_stored_transcript() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("data");
    let id = seed(&dir, "K-15", S0);
    // Masked in the store: the number is nowhere in the data directory.
    assert!(found_anywhere(&dir, b"NL91ABNA0417164300").is_empty());

    let show = text(&cli(&dir, &["calls", "show", &id]));
    assert!(show.contains("## Transcript"), "{show}");
    assert!(
        show.contains(
            "[0:05] Klant: CANARY-SPOKEN dit is belachelijk, rekening NL************4300"
        ),
        "{show}"
    );
    assert!(
        show.contains("[0:09] Medewerker: Ik laat u eerst uitpraten."),
        "{show}"
    );
    let md = text(&cli(&dir, &["calls", "export", &id]));
    assert!(md.contains("## Transcript"), "{md}");

    let json = text(&cli(&dir, &["calls", "export", &id, "--format", "json"]));
    let v: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let lines = v["summary"]["transcript"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(lines.len(), 2, "{json}");
    assert_eq!(lines[1]["speaker"], "agent");
    assert_eq!(lines[1]["text"], "Ik laat u eerst uitpraten.");
    let said = v["events"]
        .as_array()
        .map_or(0, |e| e.iter().filter(|e| e["type"] == "said").count());
    assert_eq!(said, 2, "{json}");

    // The customer's e-mail never carries the transcript.
    let eml = text(&cli(&dir, &["calls", "export", &id, "--format", "eml"]));
    assert!(!eml.contains("CANARY-SPOKEN"), "{eml}");
}

#[test]
fn a_call_without_a_stored_transcript_shows_no_section() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("data");
    let store = Store::open(&dir).unwrap_or_else(|e| panic!("{e:#}"));
    let (mut rec, _) = store.start_call(&started(Some("K-1"), S0));
    rec.append(&[ended(S0 + 1_000)]);
    let id = rec.call_id().to_string();
    drop(rec);
    let show = text(&cli(&dir, &["calls", "show", &id]));
    assert!(!show.contains("Transcript"), "{show}");
    let json = text(&cli(&dir, &["calls", "export", &id, "--format", "json"]));
    assert!(!json.contains("\"transcript\""), "{json}");
}

#[test]
fn erase_and_purge_remove_the_transcript() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("data");
    seed(&dir, "K-15", S0);
    assert!(!found_anywhere(&dir, b"CANARY-SPOKEN").is_empty());
    cli(&dir, &["erase", "--customer", "K-15"]);
    assert_eq!(
        found_anywhere(&dir, b"CANARY-SPOKEN"),
        Vec::<std::path::PathBuf>::new()
    );

    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("data");
    seed(&dir, "K-16", S0);
    cli(&dir, &["purge", "--older-than", "1d"]);
    assert_eq!(
        found_anywhere(&dir, b"CANARY-SPOKEN"),
        Vec::<std::path::PathBuf>::new()
    );
}

/// `schemas/transcript.schema.json` is what `callcoach schema transcript`
/// prints, and an independent validator agrees with our reader on the
/// recorded feed: the lines we read are valid, the malformed ones are not.
#[test]
fn the_committed_transcript_schema_is_current_and_agrees_with_the_reader() {
    let o = Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .args(["schema", "transcript"])
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(o.status.success());
    let committed = include_str!("../../schemas/transcript.schema.json");
    assert!(
        o.stdout == committed.as_bytes(),
        "schemas/transcript.schema.json is out of date; regenerate it with\n\n    cargo run -q -- schema transcript > schemas/transcript.schema.json\n"
    );
    let schema: serde_json::Value =
        serde_json::from_str(committed).unwrap_or_else(|e| panic!("{e}"));
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{e}"));
    let feed = include_str!("../fixtures/transcript/feed.jsonl");
    let (mut valid, mut invalid) = (0, 0);
    for line in feed.lines().filter(|l| !l.trim().is_empty()) {
        let ours =
            callcoach::transcript::Feed::new(callcoach::transcript::Format::Jsonl, Speaker::Agent)
                .push(format!("{line}\n").as_bytes(), 0)
                .len();
        let theirs =
            serde_json::from_str::<serde_json::Value>(line).is_ok_and(|v| validator.is_valid(&v));
        // An empty text is valid JSON for the schema but says nothing.
        let blank = serde_json::from_str::<serde_json::Value>(line)
            .is_ok_and(|v| v["text"].as_str().is_some_and(|t| t.trim().is_empty()));
        if !blank {
            assert_eq!(ours == 1, theirs, "reader and schema disagree on {line}");
        }
        if theirs {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    assert!(
        valid >= 2 && invalid >= 2,
        "{valid} valid, {invalid} invalid"
    );
}

/// One update may hand the store several batches of events; masking one
/// batch swaps the masked form in where that batch is in the log and
/// keeps what came after it (here a spoken tick).
#[test]
fn masking_a_batch_keeps_the_events_after_it() {
    let mut a = live_app(false);
    let line = Event {
        at: T0 + 1_000,
        kind: EventKind::Said {
            speaker: "customer".into(),
            text: "rekening NL91ABNA0417164300".into(),
        },
    };
    a.log.push(line.clone());
    let ticks = hear(&mut a, said(Speaker::Agent, "Let them finish."), T0 + 1_000);
    assert_eq!(ticks.len(), 1, "{ticks:?}");
    let masked = mask::events_for_store(&mut a, vec![line]);
    assert!(!format!("{masked:?}").contains("0417164300"));
    assert_eq!(a.log.len(), 3);
    assert!(matches!(a.log[2].kind, EventKind::ItemChecked { .. }));
    assert_eq!(a.state.checked.len(), 1, "the tick after it survives");
    assert!(!a.state.transcript[0].text.contains("0417164300"));
}
