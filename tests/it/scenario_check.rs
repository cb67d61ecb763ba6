//! Broken scenarios give located errors (file:line:col) through
//! `callcoach scenario check`, and every shipped scenario is built in.

use std::path::Path;
use std::process::Command;

const GOOD: &str = include_str!("../../playbooks/scenarios/sweat-stains.en.yaml");

/// Writes `yaml` to a temp file, runs the check, returns (exit code, stdout).
fn check(yaml: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("s.yaml");
    std::fs::write(&file, yaml).expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .args(["scenario", "check"])
        .arg(&file)
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&o.stdout).replace(&file.display().to_string(), "s.yaml");
    (o.status.code(), out)
}

/// True when `out` reports `error: {message}` located at `--> {at}`
/// (rustc-style: the location on the line after the message).
fn reports(out: &str, message: &str, at: &str) -> bool {
    let lines: Vec<&str> = out.lines().collect();
    lines.windows(2).any(|w| {
        w[0].starts_with(&format!("error: {message}")) && w[1].trim_start() == format!("--> {at}")
    })
}

/// The 1-based line of the first occurrence of `needle` in `yaml`.
fn line_of(yaml: &str, needle: &str) -> usize {
    yaml.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .expect("needle present")
}

#[test]
fn a_dangling_next_is_located_with_a_suggestion() {
    let bad = GOOD.replacen("next: vent", "next: vnet", 1);
    let (code, out) = check(&bad);
    assert_eq!(code, Some(1));
    let line = line_of(&bad, "next: vnet");
    assert!(
        reports(&out, "no beat with id `vnet`", &format!("s.yaml:{line}:15")),
        "{out}"
    );
    assert!(out.contains("did you mean `vent`?"), "{out}");
}

#[test]
fn an_unknown_key_is_located() {
    let bad = GOOD.replacen("        feedback: >-", "        feedbak: >-", 1);
    let (code, out) = check(&bad);
    assert_eq!(code, Some(1));
    let line = line_of(&bad, "feedbak:");
    assert!(
        reports(&out, "unknown key `feedbak`", &format!("s.yaml:{line}:9")),
        "{out}"
    );
}

#[test]
fn bad_values_are_located_at_their_value() {
    let bad = GOOD.replacen("mood: 7", "mood: 12", 1).replacen(
        "        source: zes-stappen",
        "        source: zes-stapen",
        1,
    );
    let (code, out) = check(&bad);
    assert_eq!(code, Some(1));
    assert!(
        reports(
            &out,
            "mood 12 is out of range",
            &format!("s.yaml:{}:7", line_of(&bad, "mood: 12"))
        ),
        "{out}"
    );
    assert!(
        reports(
            &out,
            "unknown source `zes-stapen`",
            &format!("s.yaml:{}:17", line_of(&bad, "source: zes-stapen"))
        ),
        "{out}"
    );
}

#[test]
fn an_unreachable_beat_and_a_loop_without_exit_are_located() {
    // An island beat that nothing leads to (and that loops on itself).
    let island = "  - id: island\n    says: [\"…\"]\n    options:\n      - text: \"Hm.\"\n        move: listen\n        next: island\n        feedback: Loops.\n        source: zes-stappen\nendings:";
    let bad = GOOD.replacen("endings:", island, 1);
    let (code, out) = check(&bad);
    assert_eq!(code, Some(1));
    let line = line_of(&bad, "- id: island");
    assert!(
        reports(
            &out,
            "beat `island` can never be reached from `start`",
            &format!("s.yaml:{line}:9")
        ),
        "{out}"
    );
    // A reachable loop without exit: both options of `confirm` lead back to it.
    let looped = GOOD
        .replacen("        end: resolved_with_follow_up", "        next: confirm", 1)
        .replacen(
        "      - text: \"Then it's settled. Have a nice day!\"\n        move: make_agreement\n        mood: 0\n        end: resolved",
        "      - text: \"Then it's settled. Have a nice day!\"\n        move: make_agreement\n        mood: 0\n        next: confirm",
        1,
    );
    let (code, out) = check(&looped);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("error: no ending can be reached from beat `confirm`: a loop without an exit"),
        "{out}"
    );
}

#[test]
fn not_yaml_and_empty_files_are_clear_errors() {
    let (code, out) = check("id: [unclosed");
    assert_eq!(code, Some(1));
    assert!(out.starts_with("✗ s.yaml"), "{out}");
    let (code, out) = check("");
    assert_eq!(code, Some(1));
    assert!(out.contains("s.yaml"), "{out}");
}

#[test]
fn every_shipped_scenario_is_built_in_and_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks/scenarios");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut builtin: Vec<String> = callcoach::scenario::load::BUILTIN
        .iter()
        .map(|(f, _)| (*f).to_owned())
        .collect();
    builtin.sort();
    assert_eq!(
        files, builtin,
        "add new scenario files to callcoach::scenario::load::BUILTIN"
    );
    for f in &files {
        let (code, out) = check(&std::fs::read_to_string(dir.join(f)).expect("read"));
        assert_eq!(code, Some(0), "{f}: {out}");
        assert!(!out.contains("warning"), "{f}: {out}");
    }
}

/// The shipped scenario with the reply its best path takes moved to the
/// front of every beat on that path: valid, but "always press 1" wins.
fn always_first() -> String {
    use callcoach::check::soundness;
    use callcoach::scenario::Scenario;
    let mut sc: Scenario = serde_yaml::from_str(GOOD).expect("parses");
    let best = soundness(&sc).expect("followable").best_path;
    let mut beat = Some(sc.start.clone());
    for n in best {
        let Some(b) = sc.beats.iter_mut().find(|b| Some(&b.id) == beat.as_ref()) else {
            break;
        };
        let opt = b.options.remove(n - 1);
        beat = opt.next.clone();
        b.options.insert(0, opt);
    }
    serde_yaml::to_string(&sc).expect("serialises")
}

#[test]
fn a_best_path_always_on_the_same_number_is_a_warning_not_an_error() {
    let (code, out) = check(&always_first());
    assert_eq!(code, Some(0), "a warning does not fail the check: {out}");
    assert!(out.starts_with("✓ s.yaml"), "{out}");
    assert!(out.contains("best path 1,1,1,1,1,1,"), "{out}");
    assert!(
        out.contains("warning: the best path takes option 1 at every choice"),
        "{out}"
    );
    assert!(out.contains("hint: reorder the options"), "{out}");
    assert!(!out.contains("error:"), "{out}");
    // The shipped order varies: no warning.
    let (code, out) = check(GOOD);
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("warning"), "{out}");
}

#[test]
fn a_file_with_very_many_problems_shows_the_first_fifty_and_a_count() {
    // Sixty extra beats, each citing a source that does not exist.
    let extra: String = (0..60)
        .map(|i| {
            format!(
                "  - id: extra{i}\n    says: [\"…\"]\n    options:\n      - {{ text: \"Hm.\", move: listen, next: start, feedback: Hm., source: nope }}\n"
            )
        })
        .collect();
    let bad = GOOD.replacen("endings:", &format!("{extra}endings:"), 1);
    let (code, out) = check(&bad);
    assert_eq!(code, Some(1));
    assert_eq!(
        out.matches("error: unknown source `nope`").count(),
        50,
        "{out}"
    );
    assert!(
        out.contains("… and 10 more problems not shown; fix these first, then check again"),
        "{out}"
    );
}
