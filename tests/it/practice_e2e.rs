//! The real binary in a pseudo-terminal: a trainee plays a scenario to its
//! end with picked and typed answers; the result is stored and reported.

use crate::support::pty;

use pty::{BIN, EXIT, Term};

#[test]
fn a_trainee_plays_a_scenario_to_the_end_and_the_result_is_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8 path");
    let mut t = Term::spawn(
        &[
            "--data-dir",
            data,
            "practice",
            "sweat-stains",
            "--trainee",
            "Pty",
        ],
        80,
        24,
    );
    let s = t.wait_for("Jouw antwoord");
    assert!(s.contains("Stemming ███████░░░ 7/10"), "{s}");
    assert!(s.contains("▶ 1. Luisteren"), "{s}");
    t.send("2");
    t.wait_for("Zestig euro");
    // A typed reply, classified with its evidence.
    t.send("Wat vervelend, sorry!\r");
    t.wait_for("Ik wil gewoon mijn geld terug.");
    assert!(
        t.contents()
            .contains("gehoord: 'sorry' → begrip tonen, 'vervelend' → begrip tonen")
    );
    for (key, wait) in [
        ("3", "sollicitatiegesprek"),
        ("2", "nieuwe blouse is ook goed"),
        ("1", "graag per e-mail"),
    ] {
        t.send(key);
        t.wait_for(wait);
    }
    t.send("2");
    let s = t.wait_for("Score 100/100");
    assert!(s.contains("geslaagd"), "{s}");
    assert!(s.contains("Resultaat opgeslagen."), "{s}");
    t.send("q");
    assert!(t.wait_exit(EXIT).is_some(), "quits on q");

    let out = std::process::Command::new(BIN)
        .args(["--data-dir", data, "report", "--format", "csv"])
        .output()
        .expect("report runs");
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.contains("practice,Pty,sweat-stains,,1,100,100,true,"),
        "{csv}"
    );
}

#[test]
fn a_closed_terminal_ends_the_practice_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8 path");
    let mut t = Term::spawn(&["--data-dir", data, "practice", "sweat-stains"], 120, 40);
    t.wait_for("Jouw antwoord");
    t.signal(libc::SIGHUP);
    assert!(t.wait_exit(EXIT).is_some(), "exits on SIGHUP");
}
