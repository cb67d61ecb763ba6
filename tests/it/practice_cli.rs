//! `callcoach practice --answers` and `callcoach scenario check`, through
//! the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn callcoach(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn good_and_bad_answers_give_clearly_different_scores_with_cited_feedback() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = callcoach(
        &[
            "practice",
            "sweat-stains",
            "--answers",
            "2,1,3,2,1,2",
            "--trainee",
            "Eva",
        ],
        dir.path(),
    );
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    let out = stdout(&good);
    assert!(
        out.contains("Score 100/100 — ✓ geslaagd (grens 70)"),
        "{out}"
    );
    assert!(
        out.contains("Jij [2 luisteren]: Vertelt u maar, ik luister."),
        "{out}"
    );
    assert!(
        out.contains("bron: zes-stappen — Zes stappen van klacht naar herstel"),
        "{out}"
    );

    let bad = callcoach(
        &[
            "practice",
            "sweat-stains",
            "--lang",
            "en",
            "--answers",
            "3,1",
            "--trainee",
            "Eva",
        ],
        dir.path(),
    );
    assert!(bad.status.success());
    let out = stdout(&bad);
    assert!(
        out.contains("Score 30/100 — ✗ not passed (pass mark 70)"),
        "{out}"
    );
    assert!(
        out.contains("turn 1: Fails outright (blame the customer): Blaming pours oil on the fire."),
        "{out}"
    );
    assert!(out.contains("source: lastige-klant"), "{out}");
}

#[test]
fn out_of_range_or_too_few_answers_exit_1_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = callcoach(
        &["practice", "sweat-stains", "--answers", "2,9"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("answer 9 at turn 2: there is no option 9 here (choose 1–3)"),
        "{err}"
    );

    let o = callcoach(&["practice", "sweat-stains", "--answers", "1"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("too few answers"));

    let o = callcoach(&["practice", "no-such", "--answers", "1"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("wel beschikbaar: sweat-stains (nl)"));
}

#[test]
fn practice_without_an_id_lists_builtin_and_own_scenarios() {
    let dir = tempfile::tempdir().expect("tempdir");
    let own = dir.path().join("config/callcoach/scenarios");
    std::fs::create_dir_all(&own).expect("mkdir");
    let yaml = include_str!("../../playbooks/scenarios/sweat-stains.en.yaml")
        .replace("id: sweat-stains", "id: my-own")
        .replace(
            "title: Blouse with sweat stains returned",
            "title: My own scenario",
        );
    std::fs::write(own.join("mine.yaml"), yaml).expect("write");
    std::fs::write(own.join("broken.yaml"), "id: [").expect("write");
    let o = callcoach(&["practice"], dir.path());
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("sweat-stains"), "{out}");
    assert!(out.contains("my-own"), "{out}");
    assert!(out.contains("My own scenario"), "{out}");
    assert!(out.contains("✗") && out.contains("broken.yaml"), "{out}");
    // …and the user's own plays.
    let o = callcoach(
        &["practice", "my-own", "--answers", "2,1,3,2,1,2"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("My own scenario"));
}

#[test]
fn scenario_check_prints_the_score_range_and_fails_unsound_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let nl = root.join("playbooks/scenarios/sweat-stains.nl.yaml");
    let o = callcoach(
        &["scenario", "check", nl.to_str().expect("utf-8")],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.starts_with("✓ "), "{out}");
    // The interface language (Dutch by default) words the range.
    assert!(
        out.contains("beste 100 / slechtste 20 / voldoende vanaf 70"),
        "{out}"
    );
    assert!(out.contains("alle paden doorzocht"), "{out}");

    // A scenario nobody can fail is an error: pass mark 5.
    let easy = dir.path().join("easy.yaml");
    std::fs::write(
        &easy,
        std::fs::read_to_string(&nl)
            .expect("read")
            .replace("pass_mark: 70", "pass_mark: 5")
            // Blaming, lecturing and joining the hysteria fail outright:
            // made mere interruptions, every path scores.
            .replace("move: blame_customer", "move: interrupt")
            .replace("move: lecture_customer", "move: interrupt")
            .replace("move: join_hysteria", "move: interrupt"),
    )
    .expect("write");
    let o = callcoach(
        &[
            "--lang",
            "en",
            "scenario",
            "check",
            easy.to_str().expect("utf-8"),
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("✗ "), "{out}");
    // Loops are searched to the end: going round them more often can score
    // lower than any path that passes a beat at most twice.
    assert!(out.contains("even the worst path scores 21"), "{out}");
    assert!(out.contains("best 100 / worst 21 / pass mark 5"), "{out}");
}

#[test]
fn the_readme_example_scenario_checks_and_plays() {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("A complete minimal example")
        .and_then(|i| readme[i..].find("```yaml\n").map(|j| i + j + 8))
        .expect("example in README");
    let end = start + readme[start..].find("```\n").expect("closing fence");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("late-parcel.yaml");
    std::fs::write(&file, &readme[start..end]).expect("write");
    let f = file.to_str().expect("utf-8");
    let o = callcoach(&["scenario", "check", f], dir.path());
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(!stdout(&o).contains("warning"), "{}", stdout(&o));
    let o = callcoach(&["practice", f, "--answers", "1,1,1,2"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        stdout(&o).contains("Score 84/100 — ✓ passed"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn report_covers_practice_sessions_and_real_calls() {
    use callcoach::engine::{CallMeta, CallOutcome, Event, EventKind, ItemRef};
    use callcoach::playbook::Channel;
    use callcoach::stage::StageId;
    use callcoach::store::{CallSink, Store};
    let dir = tempfile::tempdir().expect("tempdir");
    for (who, answers) in [("Eva", "2,1,3,2,1,2"), ("Eva", "3,1"), ("Bo", "3,1")] {
        let o = callcoach(
            &[
                "practice",
                "sweat-stains",
                "--answers",
                answers,
                "--trainee",
                who,
            ],
            dir.path(),
        );
        assert!(o.status.success());
    }
    // One real call on the built-in Dutch playbook: 90 s listening, the
    // required listen item skipped, a cause recorded.
    {
        let store = Store::open(dir.path()).expect("store");
        let meta = CallMeta {
            playbook_id: "klachtgesprek".into(),
            playbook_version: "1".into(),
            playbook_hash: None,
            customer: None,
            channel: Channel::Phone,
            difficult_before: false,
            agent: None,
            address: None,
        };
        let t0 = 1_700_000_000_000;
        let (mut rec, _) = store.start_call(&Event {
            at: t0,
            kind: EventKind::Started(meta),
        });
        rec.append(&[
            Event {
                at: t0 + 90_000,
                kind: EventKind::StageEntered {
                    stage: StageId::Acknowledge,
                    skipped: vec![ItemRef::new(StageId::Listen, "let_finish")],
                },
            },
            Event {
                at: t0 + 120_000,
                kind: EventKind::Ended {
                    outcome: CallOutcome::Unresolved,
                },
            },
            Event {
                at: t0 + 130_000,
                kind: EventKind::CauseSet {
                    cause: "expectations_mismatch".into(),
                },
            },
        ]);
    }
    let o = callcoach(&["report"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    // Dutch by default (the default playbook's language), stage names and
    // mistakes in words, not ids.
    assert!(
        out.contains("Eva      sweat-stains         2    100       30"),
        "{out}"
    );
    assert!(
        out.contains("Bo       sweat-stains         1     30       30"),
        "{out}"
    );
    assert!(out.contains("Echte gesprekken: 1"), "{out}");
    assert!(out.contains("Luisteren                1:30"), "{out}");
    assert!(out.contains("1× Luisteren: "), "{out}");
    assert!(out.contains("Eerst luisteren en begrip tonen ×2"), "{out}");
    assert!(
        out.contains("1× Verwachting anders dan wat geleverd is"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no chart or colours when piped");

    let o = callcoach(
        &["report", "--trainee", "Bo", "--format", "json"],
        dir.path(),
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["practice"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["practice"][0]["best"], 30);
    assert_eq!(json["calls"]["calls"], 1);

    let o = callcoach(
        &["report", "--scenario", "sweat-stains", "--format", "csv"],
        dir.path(),
    );
    let csv = stdout(&o);
    assert!(csv.starts_with("section,trainee,scenario,name,attempts,best,last,passed,value\n"));
    assert!(
        csv.contains("practice,Eva,sweat-stains,,2,100,30,false,"),
        "{csv}"
    );
    assert!(
        csv.contains("cause,,,Verwachting anders dan wat geleverd is,,,,,1"),
        "{csv}"
    );
}

#[test]
fn an_unknown_playbook_id_is_rejected_with_a_suggestion() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(root.join("playbooks/scenarios/wrong-delivery.en.yaml"))
        .expect("read");
    let file = dir.path().join("typo.yaml");
    std::fs::write(
        &file,
        src.replace("playbook: complaint-call", "playbook: complaint-cal"),
    )
    .expect("write");
    let f = file.to_str().expect("utf-8");
    let o = callcoach(&["scenario", "check", f], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("no playbook with id `complaint-cal`"), "{out}");
    assert!(out.contains("did you mean `complaint-call`?"), "{out}");
    // Practice refuses to start rather than showing raw stage ids.
    let o = callcoach(&["practice", f, "--answers", "3,3,1,3,3,1"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("did you mean `complaint-call`?"), "{err}");
}

#[test]
fn classify_prints_the_move_and_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = callcoach(
        &["practice", "classify", "Het is niet uw schuld"],
        dir.path(),
    );
    assert!(o.status.success());
    let out = stdout(&o);
    // The move by its name in the interface language, no raw id.
    assert!(out.starts_with("zet: begrip tonen ·"), "{out}");
    assert!(
        out.contains("'niet uw schuld' (ontkend: de klant de schuld geven) → begrip tonen"),
        "{out}"
    );
    let o = callcoach(
        &[
            "practice",
            "classify",
            "--lang",
            "en",
            "Sorry, but our policy says no",
        ],
        dir.path(),
    );
    let out = stdout(&o);
    assert!(out.starts_with("move: explain too early ·"), "{out}");
    assert!(!out.contains("explain_too_early"), "{out}");
    assert!(out.contains("'policy' (after 'but', ×2)"), "{out}");
    // With a scenario: its own cues count, in its language.
    let o = callcoach(
        &[
            "practice",
            "classify",
            "--scenario",
            "wrong-delivery",
            "--lang",
            "en",
            "you got light grey",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
