//! Starting a call end to end (the real binary in a pseudo-terminal): an
//! unfinished call is offered, never resumed silently; `--customer` never
//! lands in another customer's call; the chooser takes only the keys it
//! shows; a resumed call keeps its own playbook; the new call asks for the
//! reference and the form of address.

use crate::support::pty::{self, EXIT, Term};
use callcoach::store::Store;
use std::path::Path;
use std::time::Duration;

fn spawn(dir: &Path, args: &[&str]) -> Term {
    let mut all = vec!["--data-dir", dir.to_str().expect("utf-8 path")];
    all.extend_from_slice(args);
    Term::spawn(&all, 120, 40)
}

fn quit(mut t: Term) {
    t.send(pty::keys::CTRL_Q);
    assert!(t.wait_exit(EXIT).is_some(), "no exit:\n{}", t.contents());
}

/// Customer reference → (notes, ended, address) of every stored call.
fn stored(dir: &Path) -> Vec<(String, String, bool, Option<String>)> {
    let store = Store::open(dir).unwrap();
    let mut out: Vec<_> = store
        .calls(&Default::default())
        .unwrap()
        .into_iter()
        .map(|c| {
            let call = store.load_call(&c.id).unwrap();
            let state = call.state().unwrap();
            (
                c.customer.clone().unwrap_or_default(),
                call.notes.clone(),
                c.ended_at.is_some(),
                state.address,
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_right_customer_always() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");

    // An unfinished call for KL-10442.
    let mut t = spawn(
        &dir,
        &[
            "call",
            "--customer",
            "KL-10442",
            "--playbook",
            "klachtgesprek",
        ],
    );
    t.wait_for("Notities");
    t.send("klant wil creditnota");
    t.wait_for("klant wil creditnota");
    quit(t);

    // Another customer: a new call at once, the other one left alone.
    let mut t = spawn(&dir, &["call", "--customer", "KL-99999"]);
    let screen = t.wait_for("Notities");
    assert!(screen.contains("klant KL-99999"), "{screen}");
    assert!(!screen.contains("creditnota"), "{screen}");
    assert!(
        screen.contains("Het onafgeronde gesprek van KL-10442 blijft bewaard"),
        "{screen}"
    );
    t.send("tweede klant");
    t.wait_for("tweede klant");
    quit(t);
    assert_eq!(
        stored(&dir),
        vec![
            (
                "KL-10442".into(),
                "klant wil creditnota".into(),
                false,
                None
            ),
            ("KL-99999".into(), "tweede klant".into(), false, None),
        ]
    );

    // Plain `callcoach`: the most recent unfinished call is shown, with one
    // key each; other keys (typing, Enter) do nothing; Esc stops.
    let mut t = spawn(&dir, &[]);
    let card = t.wait_for("dit gesprek hervatten");
    for part in [
        "KL-99999",
        "Luisteren",
        "tweede klant",
        "nog 1 onafgerond",
        "F2/Alt-h    dit gesprek hervatten",
        "F3/Alt-n    nieuw gesprek beginnen",
        "Esc/Ctrl-C  stoppen",
    ] {
        assert!(card.contains(part), "{part} missing:\n{card}");
    }
    // Typing meant for the notes (letters of the keys' words, Enter) picks nothing.
    t.send("hallo, nieuwe klant hier\r");
    t.wait_stable(Duration::from_millis(300), Duration::from_secs(3));
    let after = t.contents();
    assert!(after.contains("dit gesprek hervatten"), "{after}");
    assert!(
        !after.contains("Notities") && !after.contains("Klantreferentie"),
        "{after}"
    );
    t.send("\x1b");
    assert!(
        t.wait_exit(EXIT).is_some(),
        "Esc did not stop:\n{}",
        t.contents()
    );
    assert!(t.contents().contains("gestopt"), "{}", t.contents());
    assert_eq!(stored(&dir).len(), 2, "nothing changed");

    // The same customer with another playbook: offered, resumed with its
    // own playbook; the other playbook is reported, not swapped in.
    let mut t = spawn(
        &dir,
        &[
            "call",
            "--customer",
            "KL-10442",
            "--playbook",
            "complaint-call",
        ],
    );
    let card = t.wait_for("dit gesprek hervatten");
    assert!(
        card.contains("klant wil creditnota") && !card.contains("tweede"),
        "{card}"
    );
    t.send(pty::keys::F2);
    let screen = t.wait_for("Notities");
    assert!(screen.contains("klant wil creditnota"), "{screen}");
    assert!(screen.contains("klant KL-10442"), "{screen}");
    assert!(
        screen.contains("houdt zijn playbook klachtgesprek; --playbook complaint-call is niet"),
        "{screen}"
    );
    t.send(" en bon");
    t.wait_for("creditnota en bon");
    quit(t);

    // English: Alt-r resumes, the Dutch Alt-h does nothing.
    let mut t = spawn(&dir, &["--lang", "en"]);
    t.wait_for("resume this call");
    t.send("\x1bh");
    t.wait_stable(Duration::from_millis(300), Duration::from_secs(3));
    assert!(!t.contents().contains("Notes"), "{}", t.contents());
    t.send("\x1br");
    let screen = t.wait_for("Notes");
    assert!(screen.contains("creditnota en bon"), "{screen}");
    quit(t);

    // `n`: a new call; the reference and the form of address are asked.
    let mut t = spawn(&dir, &[]);
    t.wait_for("dit gesprek hervatten");
    t.send(pty::keys::F3);
    t.wait_for("Klantreferentie");
    t.send("KL-5\r");
    t.wait_for("Aanspreekvorm");
    t.send("mevrouw Jansen\r");
    let screen = t.wait_for("Notities");
    assert!(screen.contains("klant KL-5 (mevrouw Jansen)"), "{screen}");
    t.send("derde");
    t.wait_for("derde");
    quit(t);
    assert_eq!(
        stored(&dir),
        vec![
            (
                "KL-10442".into(),
                "klant wil creditnota en bon".into(),
                false,
                None
            ),
            (
                "KL-5".into(),
                "derde".into(),
                false,
                Some("mevrouw Jansen".into())
            ),
            ("KL-99999".into(), "tweede klant".into(), false, None),
        ],
        "each customer's notes in their own call"
    );
}
