use super::*;
use crate::engine::ItemRef;
use crate::playbook::{Playbook, load};
use crate::stage::StageId;
use proptest::prelude::*;

const WHISPER: &str = include_str!("../../../tests/fixtures/transcript/whisper-stream.txt");
const VOSK: &str = include_str!("../../../tests/fixtures/transcript/vosk.txt");
const JSONL: &str = include_str!("../../../tests/fixtures/transcript/feed.jsonl");

fn builtin(name: &str) -> Playbook {
    match load::builtin(name) {
        Some(Ok(p)) => p,
        other => panic!("{name}: {other:?}"),
    }
}

fn feed_all(format: Format, speaker: Speaker, text: &str) -> (Vec<Utterance>, Stats) {
    let mut f = Feed::new(format, speaker);
    let mut out = f.push(text.as_bytes(), 0);
    out.extend(f.close(0));
    (out, f.stats)
}

#[test]
fn jsonl_lines_are_read_and_bad_ones_counted() {
    let (out, stats) = feed_all(Format::Jsonl, Speaker::Agent, JSONL);
    let texts: Vec<(&str, Kind, &Speaker)> = out
        .iter()
        .map(|u| (u.text.as_str(), u.kind, &u.speaker))
        .collect();
    assert_eq!(
        texts,
        vec![
            ("dit is", Kind::Partial, &Speaker::Customer),
            (
                "Dit is belachelijk, ik wil de manager.",
                Kind::Final,
                &Speaker::Customer
            ),
            (
                "Ik begrijp dat dit vervelend is.",
                Kind::Final,
                &Speaker::Agent
            ),
            ("hallo?", Kind::Final, &Speaker::Other("SPEAKER_02".into())),
        ]
    );
    assert_eq!(out[1].start, Some(0.4));
    assert_eq!(out[1].end, Some(2.9));
    assert_eq!(out[1].conf, Some(0.87));
    // "not json" and the version-2 line.
    assert_eq!(stats.malformed, 2);
    assert_eq!(stats.utterances, 4);
}

#[test]
fn jsonl_rejects_bad_confidence_and_missing_fields() {
    for bad in [
        r#"{"v":1,"type":"final","speaker":"agent","text":"x","conf":1.5}"#,
        r#"{"v":1,"type":"final","speaker":"agent"}"#,
        r#"{"v":1,"type":"spoken","speaker":"agent","text":"x"}"#,
        r#"{"v":1,"type":"final","speaker":"agent","text":"x","start":"soon"}"#,
    ] {
        let (out, stats) = feed_all(Format::Jsonl, Speaker::Agent, bad);
        assert!(out.is_empty(), "{bad}");
        assert_eq!(stats.malformed, 1, "{bad}");
    }
}

#[test]
fn control_characters_never_come_through() {
    let line = "{\"v\":1,\"type\":\"final\",\"speaker\":\"agent\\u001b[2J\",\"text\":\"hi \\u001b]52;c;x\\u0007 there\\u202e\"}\n";
    let (out, _) = feed_all(Format::Jsonl, Speaker::Agent, line);
    assert_eq!(out.len(), 1);
    assert!(!out[0].text.chars().any(crate::text::is_forbidden_char));
    match &out[0].speaker {
        Speaker::Other(l) => assert!(!l.chars().any(crate::text::is_forbidden_char)),
        s => panic!("{s:?}"),
    }
}

#[test]
fn vosk_pretty_printed_results_are_read() {
    let (out, stats) = feed_all(Format::Vosk, Speaker::Customer, VOSK);
    let got: Vec<(Kind, &str)> = out.iter().map(|u| (u.kind, u.text.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (Kind::Partial, "i under"),
            (Kind::Partial, "i understand that"),
            (Kind::Final, "i understand that"),
            (Kind::Final, "i am sorry about the delay"),
        ]
    );
    assert!(out.iter().all(|u| u.speaker == Speaker::Customer));
    assert_eq!(out[2].start, Some(0.39));
    assert_eq!(out[2].end, Some(1.5));
    let conf = out[2].conf.unwrap_or_default();
    assert!((conf - (1.0 + 0.981234 + 0.9) / 3.0).abs() < 1e-9, "{conf}");
    // The log line that strayed onto standard output.
    assert_eq!(stats.malformed, 1);
}

#[test]
fn vosk_alternatives_and_broken_objects() {
    let alt = r#"{"alternatives": [{"confidence": 212.3, "text": "good morning"}, {"text": "good mourning"}]}"#;
    let (out, _) = feed_all(Format::Vosk, Speaker::Agent, alt);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].text, "good morning");
    // An object cut off by the source closing, then an unbalanced brace.
    let (out, stats) = feed_all(Format::Vosk, Speaker::Agent, "{\n  \"text\" : \"hal");
    assert!(out.is_empty());
    assert_eq!(stats.malformed, 1);
    let (out, stats) = feed_all(Format::Vosk, Speaker::Agent, "{\"x\": 1}}\n{\"y\": 2}\n");
    assert!(out.is_empty());
    assert_eq!(stats.malformed, 2);
    // Braces inside strings do not confuse the object's end.
    let (out, _) = feed_all(
        Format::Vosk,
        Speaker::Agent,
        "{\n  \"text\" : \"a } b \\\" { c\"\n}\n",
    );
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].text, "a } b \" { c");
}

#[test]
fn whisper_stream_blocks_are_read() {
    let (out, stats) = feed_all(Format::WhisperStream, Speaker::Agent, WHISPER);
    let got: Vec<&str> = out.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(
        got,
        vec![
            "I understand, that must be really annoying for you.",
            "I'm sorry this happened.",
        ]
    );
    assert!(out.iter().all(|u| u.kind == Kind::Final));
    assert_eq!(out[1].start, Some(3.24));
    assert_eq!(out[1].end, Some(7.28));
    assert_eq!(stats.malformed, 0);
}

#[test]
fn whisper_stream_plain_lines_and_redraws() {
    // `-nt`: plain text inside a block; outside a block it is not ours.
    let nt = "### Transcription 4 START | t0 = 1 ms | t1 = 2 ms\n\n Good afternoon.\n### Transcription 4 END\nstray words\n### Transcription x START\n";
    let (out, stats) = feed_all(Format::WhisperStream, Speaker::Agent, nt);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].text, "Good afternoon.");
    assert_eq!(stats.malformed, 2);
    // A redrawn line counts by its last version.
    let redraw = "\u{1b}[2K\r[00:00:00.000 --> 00:00:01.000]   hel\u{1b}[2K\r[00:00:00.000 --> 00:00:02.000]   hello there\n";
    let (out, _) = feed_all(Format::WhisperStream, Speaker::Agent, redraw);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].text, "hello there");
    assert_eq!(out[0].end, Some(2.0));
}

#[test]
fn lines_split_across_reads_are_joined() {
    let mut f = Feed::new(Format::Jsonl, Speaker::Agent);
    let line = r#"{"v":1,"type":"final","speaker":"agent","text":"één twee"}"#;
    let bytes = format!("{line}\n").into_bytes();
    let mut out = Vec::new();
    // Byte by byte, splitting the UTF-8 of "één" too.
    for b in &bytes {
        out.extend(f.push(std::slice::from_ref(b), 0));
    }
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].text, "één twee");
}

#[test]
fn overlong_lines_are_dropped_whole_and_counted() {
    let mut f = Feed::new(Format::Jsonl, Speaker::Agent);
    let long = vec![b'x'; MAX_LINE_BYTES + 10];
    assert!(f.push(&long, 0).is_empty());
    assert!(f.push(&long, 0).is_empty());
    let ok = b"\n{\"v\":1,\"type\":\"final\",\"speaker\":\"agent\",\"text\":\"after\"}\n";
    let out = f.push(ok, 0);
    assert_eq!(out.len(), 1, "the line after the long one is read");
    assert_eq!(out[0].text, "after");
    assert_eq!(f.stats.malformed, 1);
}

#[test]
fn a_flood_is_bounded_and_the_rate_recovers() {
    let mut f = Feed::new(Format::Jsonl, Speaker::Agent);
    let line = "{\"v\":1,\"type\":\"partial\",\"speaker\":\"agent\",\"text\":\"x\"}\n";
    let flood = line.repeat(1000);
    let got = f.push(flood.as_bytes(), 1_000).len();
    assert_eq!(got, RATE_BURST as usize);
    assert_eq!(f.stats.dropped, 1000 - u64::from(RATE_BURST));
    // One second later, a second's worth is accepted again.
    let got = f.push(flood.as_bytes(), 2_000).len();
    assert_eq!(got, RATE_PER_SEC as usize);
    // A steady 20 lines a second is never dropped.
    let mut f = Feed::new(Format::Jsonl, Speaker::Agent);
    for i in 0..2_000 {
        assert_eq!(f.push(line.as_bytes(), i * 50).len(), 1);
    }
    assert_eq!(f.stats.dropped, 0);
}

#[test]
fn agent_speech_ticks_items_and_marks_phrases() {
    let pb = builtin("klachtgesprek");
    let said = Utterance {
        kind: Kind::Final,
        speaker: Speaker::Agent,
        text: "Ja, ik begrijp hoe vervelend dit voor u moet zijn, mevrouw Jansen.".into(),
        start: None,
        end: None,
        conf: None,
    };
    let h = heard(&pb, &said);
    assert!(
        h.items
            .contains(&ItemRef::new(StageId::Acknowledge, "show_understanding")),
        "{h:?}"
    );
    let phrase = pb
        .stage(StageId::Acknowledge)
        .phrases
        .iter()
        .position(|p| p.text.starts_with("Ik begrijp hoe vervelend"));
    assert!(phrase.is_some());
    assert!(
        h.phrases
            .contains(&(StageId::Acknowledge, phrase.unwrap_or(usize::MAX))),
        "{h:?}"
    );
    assert_eq!(h.flare_up, None, "the agent does not flare up");
    // A partial means nothing yet.
    let partial = Utterance {
        kind: Kind::Partial,
        ..said.clone()
    };
    assert_eq!(heard(&pb, &partial), Heard::default());
    // A few shared words are not the phrase.
    let short = Utterance {
        text: "ik vind dit voor u niet vervelend".into(),
        ..said
    };
    assert!(heard(&pb, &short).phrases.is_empty());
}

#[test]
fn customer_flare_up_cues_come_from_the_playbook() {
    let mut pb = builtin("klachtgesprek");
    let u = Utterance {
        kind: Kind::Final,
        speaker: Speaker::Customer,
        text: "Dit is BELACHELIJK!".into(),
        start: None,
        end: None,
        conf: None,
    };
    let h = heard(&pb, &u);
    assert_eq!(h.flare_up.as_deref(), Some("belachelijk"));
    assert!(h.items.is_empty(), "customer words tick nothing");
    pb.flare_up = None;
    assert_eq!(heard(&pb, &u).flare_up, None);
    let en = builtin("complaint-call");
    let u = Utterance {
        text: "This is ridiculous, get me your manager".into(),
        ..u
    };
    assert!(heard(&en, &u).flare_up.is_some());
}

#[test]
fn schema_example_line_round_trips() {
    let line = Line {
        v: 1,
        kind: Kind::Final,
        speaker: "agent".into(),
        text: "hi".into(),
        start: Some(1.0),
        end: None,
        conf: Some(0.5),
    };
    let s = serde_json::to_string(&line).unwrap_or_default();
    assert_eq!(
        s,
        r#"{"v":1,"type":"final","speaker":"agent","text":"hi","start":1.0,"conf":0.5}"#
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(
        chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..20),
        format in prop_oneof![Just(Format::Jsonl), Just(Format::Vosk), Just(Format::WhisperStream)],
        step in 0i64..200,
    ) {
        let pb = builtin("klachtgesprek");
        let mut f = Feed::new(format, Speaker::Agent);
        let mut n = 0u64;
        for (i, c) in chunks.iter().enumerate() {
            for u in f.push(c, i as i64 * step) {
                prop_assert!(u.text.chars().count() <= MAX_TEXT_CHARS);
                prop_assert!(!u.text.chars().any(crate::text::is_forbidden_char));
                let _ = heard(&pb, &u);
                n += 1;
            }
        }
        n += f.close(0).len() as u64;
        prop_assert_eq!(n, f.stats.utterances);
    }

    #[test]
    fn structured_noise_never_panics(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("{".to_owned()),
                Just("}".to_owned()),
                Just("### Transcription 1 START".to_owned()),
                Just("### Transcription 1 END".to_owned()),
                "\\[[0-9:.]{0,14} --> [0-9:.]{0,14}\\] [a-z ]{0,20}",
                "\\{\"(partial|text|result|alternatives)\" ?: ?(\"[a-z{}\\[\\] ]{0,10}\"|\\[|\\{|1)\\}?",
                "\\{\"v\":[0-9],\"type\":\"(final|partial)\",\"speaker\":\"[a-z]{0,8}\",\"text\":\"[a-z ]{0,10}\"\\}",
            ],
            0..40,
        ),
        format in prop_oneof![Just(Format::Jsonl), Just(Format::Vosk), Just(Format::WhisperStream)],
    ) {
        let mut f = Feed::new(format, Speaker::Customer);
        let text = lines.join("\n");
        let _ = f.push(text.as_bytes(), 0);
        let _ = f.close(0);
    }
}
