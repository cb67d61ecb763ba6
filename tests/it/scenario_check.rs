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
        .args(["--lang", "en", "scenario", "check"])
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

/// Hostile scenario graphs, as `benches/hostile_scenarios.py` writes them.
mod hostile {
    const MOVES: [&str; 13] = [
        "listen",
        "acknowledge",
        "ask",
        "propose_solution",
        "make_agreement",
        "plan_follow_up",
        "interrupt",
        "explain_too_early",
        "defend",
        "blame_customer",
        "lecture_customer",
        "join_hysteria",
        "overpromise",
    ];
    const ENDINGS: [&str; 4] = [
        "resolved",
        "resolved_with_follow_up",
        "parted_respectfully",
        "customer_lost",
    ];
    const HEAD: &str = "id: hostile\nlanguage: en\ntitle: Hostile graph\nplaybook: complaint-call\n\
        persona: {name: Pat, situation: \"A parcel is late.\", wants: \"The parcel.\"}\nmood: 6\n\
        sources:\n  - {id: s, title: Source, author: Someone, summary: Something.}\n\
        endings:\n  resolved: {says: \"Thanks.\"}\n  resolved_with_follow_up: {says: \"Thanks.\"}\n\
        \x20 parted_respectfully: {says: \"Goodbye.\"}\n  customer_lost: {says: \"Bye.\"}\n\
        start: b0\nbeats:\n";

    fn option(m: usize, mood: i64, to: Result<usize, usize>) -> String {
        let to = match to {
            Ok(t) => format!("next: b{t}"),
            Err(e) => format!("end: {}", ENDINGS[e % 4]),
        };
        format!(
            "{{text: x,move: {},mood: {mood},{to},feedback: f,source: s}}",
            MOVES[m % 13]
        )
    }

    fn beat(i: usize, options: Vec<String>) -> String {
        format!(
            "  - id: b{i}\n    says: [x]\n    options: [{}]\n",
            options.join(",")
        )
    }

    /// 1,100 beats × 9 options, every option to a later beat.
    pub fn wide() -> String {
        let n = 1100;
        let mut out = HEAD.to_owned();
        for i in 0..n {
            let opts = (0..9)
                .map(|j| {
                    let mood = (j % 11) as i64 - 5;
                    if i == n - 1 || (j == 0 && i % 7 == 6) {
                        option(i + j, mood, Err(i + j))
                    } else {
                        option(i * 3 + j, mood, Ok((i + 1 + j * (i % 13 + 1)).min(n - 1)))
                    }
                })
                .collect();
            out.push_str(&beat(i, opts));
        }
        out
    }

    /// A 5,000-beat chain where every beat also jumps back.
    pub fn chain() -> String {
        let n = 5000;
        let mut out = HEAD.to_owned();
        for i in 0..n {
            let first = if i < n - 1 {
                option(i, (i % 11) as i64 - 5, Ok(i + 1))
            } else {
                option(5, -1, Err(1))
            };
            let back = option(i + 5, ((i * 7) % 11) as i64 - 5, Ok((i * 31) % (i + 1)));
            out.push_str(&beat(i, vec![first, back]));
        }
        out
    }

    /// 1,500 beats × 9 options pointing all over the graph.
    pub fn dense() -> String {
        let n = 1500;
        let mut out = HEAD.to_owned();
        for i in 0..n {
            let opts = (0..9)
                .map(|j| {
                    if j == 0 && i % 5 == 4 {
                        option(i + j, (j % 11) as i64 - 5, Err(i))
                    } else {
                        option(
                            i + j,
                            ((i + j) % 11) as i64 - 5,
                            Ok((i * 7 + j * 3 + 1) % n),
                        )
                    }
                })
                .collect();
            out.push_str(&beat(i, opts));
        }
        out
    }
}

/// CPU time (user + system) of the children this process has waited for.
fn children_cpu() -> std::time::Duration {
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a valid rusage for the call to fill.
    assert_eq!(unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) }, 0);
    let tv = |t: libc::timeval| std::time::Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// Hostile graphs under the 1 MiB limit (they took 90 s, 135 s and over
/// five minutes to check, and `practice --answers 1` 19 s to over a
/// minute): the real binary checks each and plays one answer within a
/// bound on its CPU time — a second for a release build; the test's debug
/// build parses YAML several times slower, so it gets three.
#[test]
fn hostile_graphs_are_checked_and_played_within_a_second_of_cpu() {
    let limit = std::time::Duration::from_secs(if cfg!(debug_assertions) { 3 } else { 1 });
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, yaml) in [
        ("wide", hostile::wide()),
        ("chain", hostile::chain()),
        ("dense", hostile::dense()),
    ] {
        assert!(yaml.len() < 1024 * 1024, "{name}: {} bytes", yaml.len());
        let file = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&file, &yaml).expect("write");
        for args in [
            vec!["scenario", "check"],
            vec!["practice", "--answers", "1"],
        ] {
            let before = children_cpu();
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_callcoach"));
            cmd.arg("--data-dir").arg(dir.path().join("data"));
            if args[0] == "scenario" {
                cmd.args(["--lang", "en"]).args(&args).arg(&file);
            } else {
                cmd.arg("practice").arg(&file).args(&args[1..]);
            }
            let o = cmd.output().expect("runs");
            let spent = children_cpu() - before;
            let out = String::from_utf8_lossy(&o.stdout);
            eprintln!("{name} {args:?}: {spent:?} of CPU");
            assert!(spent < limit, "{name} {args:?}: {spent:?} of CPU");
            if args[0] == "scenario" {
                assert!(out.contains("best "), "{name}: {out}");
                assert!(out.contains("every path searched"), "{name}: {out}");
            } else {
                // One answer does not finish these conversations: a clear error.
                let err = String::from_utf8_lossy(&o.stderr);
                assert_eq!(o.status.code(), Some(1), "{name}: {out}{err}");
            }
        }
    }
}
