//! The live transcript feed end to end: the real binary in a
//! pseudo-terminal reads a FIFO while the agent types. Spoken cues tick
//! items with the spoken mark, a customer's flare-up shows a suggestion and
//! does not escalate, a malformed line is counted, and typing goes on.

use crate::support::pty;

use pty::Term;
use std::io::Write;

fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.to_str().expect("utf-8 path")).expect("no NUL");
    // SAFETY: a valid C string; mkfifo only reads it.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

#[test]
fn a_fifo_feed_ticks_items_suggests_and_never_steals_typing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let fifo = dir.path().join("feed");
    mkfifo(&fifo);
    let mut t = Term::spawn(
        &[
            "--data-dir",
            data.to_str().expect("utf-8"),
            "call",
            "--lang",
            "nl",
            "--playbook",
            "klachtgesprek",
            "--customer",
            "K-15",
            "--transcript",
            fifo.to_str().expect("utf-8"),
        ],
        120,
        40,
    );
    t.wait_for("spraak: wacht op spraak");
    t.send("de klant belt over ");
    t.wait_for("de klant belt over");
    // The writer: a recogniser sending lines while the agent types.
    let mut w = std::fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .expect("open fifo");
    w.write_all(
        concat!(
            r#"{"v":1,"type":"partial","speaker":"customer","text":"dit is"}"#,
            "\n",
            r#"{"v":1,"type":"final","speaker":"customer","text":"Dit is belachelijk!"}"#,
            "\n",
            "{this is not json\n",
        )
        .as_bytes(),
    )
    .expect("write");
    w.flush().expect("flush");
    let screen = t.wait_for("Klant loopt op?");
    assert!(screen.contains("„belachelijk”"), "{screen}");
    assert!(screen.contains("1 onleesbaar"), "{screen}");
    assert!(screen.contains("spraak: luistert"), "{screen}");
    // Typing goes on, undisturbed, while lines arrive.
    t.send("een jas");
    w.write_all(
        concat!(
            r#"{"v":1,"type":"final","speaker":"agent","text":"Ik heb u laten uitpraten en alle feiten gehoord."}"#,
            "\n"
        )
        .as_bytes(),
    )
    .expect("write");
    w.flush().expect("flush");
    let screen = t.wait_for("[s] ! Laat de klant uitpraten");
    assert!(screen.contains("de klant belt over een jas"), "{screen}");
    assert!(
        screen.contains("[s]   Laat alles op tafel komen"),
        "{screen}"
    );
    // The suggestion did not escalate: still in listen, no escalation counted.
    assert!(screen.contains("▶ 1. Luisteren"), "{screen}");
    // The pane shows the lines with speaker labels (F12).
    t.send(pty::keys::F12);
    let screen = t.wait_for("Transcript");
    assert!(screen.contains("klant: Dit is belachelijk!"), "{screen}");
    assert!(screen.contains("jij: Ik heb u laten uitpraten"), "{screen}");
    // The writer goes away: the header says so, the screen stays.
    drop(w);
    t.wait_for("spraak: wacht op spraak");
    t.send("!");
    t.wait_for("de klant belt over een jas!");
    t.send(pty::keys::CTRL_Q);
    t.send(pty::keys::CTRL_Q);
    assert!(t.wait_exit(std::time::Duration::from_secs(10)).is_some());
    // The ticks are stored as spoken ticks; the transcript itself is not.
    let mut stored = String::new();
    for entry in std::fs::read_dir(&data).expect("data dir").flatten() {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        stored.push_str(&String::from_utf8_lossy(&bytes));
    }
    assert!(
        stored.contains("\"spoken\""),
        "spoken ticks are stored as events"
    );
    // (The single word is a cue in the playbook, whose text the store
    // keeps per version; the customer's sentence must not be there.)
    assert!(
        !stored.contains("Dit is belachelijk"),
        "the transcript is not stored"
    );
}

/// The settings file's `transcript:` section is the default source (no
/// `--transcript`), and with `store: true` the final lines are kept with
/// the call — masked — beside the spoken ticks.
#[test]
fn the_settings_file_feeds_the_call_and_may_store_the_transcript() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let fifo = dir.path().join("feed");
    mkfifo(&fifo);
    let config = dir.path().join("config.yaml");
    std::fs::write(
        &config,
        format!(
            "transcript:\n  source: {}\n  format: jsonl\n  store: true\n",
            fifo.display()
        ),
    )
    .expect("write config");
    let mut t = Term::spawn_env(
        &[
            "--data-dir",
            data.to_str().expect("utf-8"),
            "call",
            "--lang",
            "nl",
            "--playbook",
            "klachtgesprek",
            "--customer",
            "K-16",
        ],
        &[("CALLCOACH_CONFIG", config.to_str().expect("utf-8"))],
        120,
        40,
    );
    t.wait_for("spraak: wacht op spraak");
    let mut w = std::fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .expect("open fifo");
    w.write_all(
        concat!(
            r#"{"v":1,"type":"final","speaker":"customer","text":"CANARY-HEARD mijn rekening is NL91ABNA0417164300"}"#,
            "\n",
            r#"{"v":1,"type":"final","speaker":"agent","text":"Ik heb u laten uitpraten."}"#,
            "\n",
        )
        .as_bytes(),
    )
    .expect("write");
    w.flush().expect("flush");
    t.wait_for("[s] ! Laat de klant uitpraten");
    drop(w);
    t.send(pty::keys::CTRL_Q);
    t.send(pty::keys::CTRL_Q);
    assert!(t.wait_exit(std::time::Duration::from_secs(10)).is_some());
    let mut stored = String::new();
    for entry in std::fs::read_dir(&data).expect("data dir").flatten() {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        stored.push_str(&String::from_utf8_lossy(&bytes));
    }
    assert!(stored.contains("CANARY-HEARD"), "the transcript is stored");
    assert!(stored.contains("Ik heb u laten uitpraten."));
    assert!(stored.contains("\"spoken\""), "with the spoken ticks");
    assert!(
        !stored.contains("0417164300"),
        "numbers in speech are masked before they are stored"
    );
}
