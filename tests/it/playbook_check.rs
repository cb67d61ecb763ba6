//! `callcoach playbook check` on broken and hostile playbooks, through the
//! real binary: every one exits 1 with a located message, the expected text
//! and a hint — and never panics or hangs.

/// A frozen copy of the Dutch playbook: content edits do not break these tests.
const TEAM: &str = include_str!("../fixtures/team.yaml");
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn callcoach(args: &[&str], files: &[&Path]) -> Output {
    // English: the tests read the checker's sentences.
    Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .args(["--lang", "en"])
        .args(args)
        .args(files)
        .env("NO_COLOR", "1")
        .output()
        .expect("run callcoach")
}

/// 1-based line of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in text"))
        + 1
}

/// 1-based line of the `n`th (1-based) line containing `needle`.
fn nth_line_of(text: &str, needle: &str, n: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(n - 1)
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("`{needle}` not {n} times in text"))
}

/// Replaces the first occurrence of `from`, which must exist.
fn mutate(from: &str, to: &str) -> String {
    assert!(TEAM.contains(from), "`{from}` not in the fixture");
    TEAM.replacen(from, to, 1)
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    /// Expected line of the (first) diagnostic; `None` for file-level ones.
    line: Option<usize>,
    /// Whether the offending line is shown (not for unreadable content).
    snippet: bool,
    /// Texts the error output must contain.
    expect: Vec<&'static str>,
}

fn case(
    name: &'static str,
    bytes: impl Into<Vec<u8>>,
    line: Option<usize>,
    expect: &[&'static str],
) -> Case {
    Case {
        name,
        bytes: bytes.into(),
        line,
        snippet: true,
        expect: expect.to_vec(),
    }
}

// Pushes interleaved with the setup of each case read better than one `vec![]`.
#[allow(clippy::vec_init_then_push)]
fn cases() -> Vec<Case> {
    let mut v = Vec::new();

    // Hostile input.
    v.push(case("empty.yaml", "", Some(1), &["file is empty", "hint:"]));
    v.push(case(
        "comments.yaml",
        "# only a comment\n\n",
        Some(1),
        &["no content", "expected:"],
    ));
    v.push(case(
        "latin1.yaml",
        b"id: x\ntitle: caf\xe9\n".to_vec(),
        Some(2),
        &["invalid UTF-8", "byte offset 16", "save the file as UTF-8"],
    ));
    v.push(case(
        "utf16.yaml",
        b"\xff\xfei\x00d\x00".to_vec(),
        Some(1),
        &["UTF-16", "save the file as UTF-8"],
    ));
    v.last_mut().unwrap().snippet = false;
    v.push(case(
        "nul.yaml",
        b"id: x\nti\x00tle: y\n".to_vec(),
        Some(2),
        &["NUL byte", "binary"],
    ));
    let tabbed = mutate("\n    title: Luisteren", "\n\ttitle: Luisteren");
    let tab_line = line_of(&tabbed, "\ttitle: Luisteren");
    v.push(case(
        "tabs.yaml",
        tabbed,
        Some(tab_line),
        &["tab used for indentation", "YAML needs spaces"],
    ));
    v.push(case(
        "list.yaml",
        "- id: x\n- id: y\n",
        Some(1),
        &["the top level is a list", "remove the leading `- `"],
    ));
    v.push(case(
        "scalar.yaml",
        "just some words\n",
        Some(1),
        &["the top level is a single value"],
    ));
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    v.push(case(
        "alias-bomb.yaml",
        bomb,
        Some(5),
        &["aliases", "alias bomb"],
    ));
    v.push(case(
        "deep-flow.yaml",
        format!("id: {}\n", "[".repeat(10_000)),
        Some(1),
        &["nested too deeply", "levels of nesting"],
    ));
    // 1,000 levels of indentation fit in 1 MiB (10,000 would not).
    let deep_block: String = (0..1_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    v.push(case(
        "deep-block.yaml",
        deep_block,
        Some(65),
        &["nested more than 64 levels", "runaway indentation"],
    ));
    // Compact nested lists: 10,000 levels on one line.
    v.push(case(
        "deep-list.yaml",
        format!("id:\n{}x\n", "- ".repeat(10_000)),
        Some(2),
        &["nested more than 64 levels"],
    ));
    v.push(case(
        "deep-map.yaml",
        format!("id: {}\n", "{a: ".repeat(10_000)),
        Some(1),
        &["nested", "levels of nesting"],
    ));
    v.push(case(
        "too-big.yaml",
        format!("id: x\ndescription: \"{}\"\n", "a".repeat(1024 * 1024)),
        Some(1),
        &["file is too large", "the limit is 1 MiB"],
    ));
    v.last_mut().unwrap().snippet = false;
    v.push(case(
        "huge-scalar.yaml",
        format!("id: x\ndescription: {}\n", "word ".repeat(100_000)),
        Some(2),
        &["a value of", "values of at most 64 KiB"],
    ));
    let two_docs = format!("{TEAM}\n---\nid: again\n");
    v.push(case(
        "two-docs.yaml",
        two_docs.clone(),
        Some(two_docs.lines().position(|l| l == "---").unwrap() + 1),
        &["second YAML document", "split the file"],
    ));
    v.push(case(
        "syntax.yaml",
        "id: x\ntitle: \"unclosed\nversion: 1\n",
        None,
        &["YAML syntax error", "hint:"],
    ));

    // Shape mistakes (serde).
    let misspelled = mutate("\n    phrases:\n", "\n    phrasess:\n");
    v.push(case(
        "misspelled.yaml",
        misspelled.clone(),
        Some(line_of(&misspelled, "phrasess:")),
        &[
            "unknown key `phrasess`",
            "did you mean `phrases`?",
            "expected: one of `title`",
        ],
    ));
    let no_stage = {
        let start = TEAM.find("\n  follow_up:\n").expect("follow_up stage");
        let end = TEAM.find("\ndecision:").expect("decision");
        format!("{}{}", &TEAM[..start], &TEAM[end..])
    };
    v.push(case(
        "missing-stage.yaml",
        no_stage.clone(),
        Some(line_of(&no_stage, "stages:")),
        &["missing key `follow_up`", "(in stages)", "add `follow_up:"],
    ));
    let wrong_type = mutate("time_hint_secs: 120", "time_hint_secs: twee minuten");
    v.push(case(
        "wrong-type.yaml",
        wrong_type.clone(),
        Some(line_of(&wrong_type, "twee minuten")),
        &["wrong type", "a positive whole number", "without quotes"],
    ));
    v.push(case(
        "language.yaml",
        mutate("language: nl", "language: NL"),
        Some(line_of(TEAM, "language: nl")),
        &["unknown value `NL`", "did you mean `nl`?"],
    ));
    let dup_key = mutate("version: \"1.0\"", "version: \"1.0\"\nversion: \"1.1\"");
    v.push(case(
        "duplicate-key.yaml",
        dup_key,
        None,
        &["appears twice", "hint:"],
    ));

    // Semantic mistakes.
    let bad_source = mutate("source: hoofd-koel", "source: hoofd-koell");
    v.push(case(
        "unknown-source.yaml",
        bad_source.clone(),
        Some(line_of(&bad_source, "hoofd-koell")),
        &["unknown source `hoofd-koell`", "did you mean `hoofd-koel`?"],
    ));
    let dup_id = mutate("- id: listening_cues", "- id: let_finish");
    v.push(case(
        "duplicate-id.yaml",
        dup_id.clone(),
        Some(nth_line_of(&dup_id, "- id: let_finish", 2)),
        &["duplicate checklist item id `let_finish`", "rename one"],
    ));
    let control = mutate(
        "title: Klachtgesprek in zes stappen",
        "title: \"Klachtgesprek \\e[31min zes stappen\"",
    );
    v.push(case(
        "control-char.yaml",
        control.clone(),
        Some(line_of(&control, "\\e[31m")),
        &["control character U+001B", "remove it"],
    ));
    let placeholder = mutate("{customer}", "{klant}");
    v.push(case(
        "placeholder.yaml",
        placeholder.clone(),
        Some(line_of(&placeholder, "{klant}")),
        &[
            "unknown placeholder `{klant}`",
            "expected: one of {customer}, {agent}",
        ],
    ));
    let empty_text = mutate("title: Luisteren", "title: \"  \"");
    v.push(case(
        "empty-text.yaml",
        empty_text.clone(),
        Some(line_of(&empty_text, "title: \"  \"")),
        &["empty text", "hint:"],
    ));
    let zero = mutate("time_hint_secs: 120", "time_hint_secs: 0");
    v.push(case(
        "zero-time.yaml",
        zero.clone(),
        Some(line_of(&zero, "time_hint_secs: 0")),
        &["time hint of 0 seconds", "leave the key out"],
    ));
    let subject = mutate(
        "subject: Bevestiging van onze afspraken van {date}",
        "subject: \"Bevestiging\\nvan onze afspraken\"",
    );
    v.push(case(
        "subject.yaml",
        subject.clone(),
        Some(line_of(&subject, "subject:")),
        &["text spans several lines", "a single line"],
    ));
    v
}

fn write_cases(dir: &Path) -> Vec<(Case, PathBuf)> {
    cases()
        .into_iter()
        .map(|c| {
            let p = dir.join(c.name);
            std::fs::write(&p, &c.bytes).unwrap();
            (c, p)
        })
        .collect()
}

#[test]
fn every_broken_or_hostile_file_gets_a_located_actionable_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (c, path) in write_cases(dir.path()) {
        let out = callcoach(&["playbook", "check"], &[&path]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let mut fail = |what: String| failures.push(format!("{}: {what}\n{err}", c.name));
        if out.status.code() != Some(1) {
            fail(format!("exit code {:?}", out.status.code()));
        }
        if err.contains("panicked") {
            fail("panicked".into());
        }
        let shown = path.display().to_string();
        if let Some(line) = c.line {
            let loc = format!("{shown}:{line}:");
            if !err.contains(&loc) {
                fail(format!("expected location `{loc}`"));
            }
            // The offending line is shown with a marker.
            if c.snippet && (!err.contains(&format!("{line} |")) || !err.contains('^')) {
                fail("no snippet with marker".into());
            }
        } else if !err.contains(&shown) {
            fail("file not named".into());
        }
        for e in &c.expect {
            if !err.contains(e) {
                fail(format!("expected `{e}`"));
            }
        }
        if !err.contains("hint:") {
            fail("no hint".into());
        }
        // One screen: hostile input never floods the terminal.
        if err.lines().count() >= 40 || err.lines().any(|l| l.chars().count() >= 400) {
            fail("more than one screen".into());
        }
        if err.contains('\x1b') {
            fail("colour despite NO_COLOR".into());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn directories_and_missing_paths_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.yaml");
    for (path, text) in [
        (dir.path(), "is a directory"),
        (missing.as_path(), "no such file"),
    ] {
        let out = callcoach(&["playbook", "check"], &[path]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1));
        assert!(err.contains(text), "{err}");
        assert!(err.contains("hint:"), "{err}");
    }
}

#[test]
fn all_semantic_problems_in_a_file_are_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let text = TEAM
        .replacen("source: hoofd-koel", "source: nergens", 1)
        .replacen("- id: listening_cues", "- id: let_finish", 1)
        .replacen("{customer}", "{klant}", 1)
        .replacen("time_hint_secs: 120", "time_hint_secs: 0", 1);
    let path = dir.path().join("many.yaml");
    std::fs::write(&path, &text).unwrap();
    let out = callcoach(&["playbook", "check"], &[&path]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    for e in [
        "unknown source `nergens`",
        "duplicate checklist item id `let_finish`",
        "unknown placeholder `{klant}`",
        "time hint of 0 seconds",
    ] {
        assert!(err.contains(e), "missing `{e}` in\n{err}");
    }
    assert!(err.contains("4 problems found"), "{err}");
    // Reported top to bottom.
    let lines: Vec<usize> = err
        .lines()
        .filter_map(|l| {
            l.trim_start()
                .strip_prefix(&format!("--> {}:", path.display()))
        })
        .filter_map(|rest| rest.split(':').next()?.parse().ok())
        .collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
}

#[test]
fn valid_files_pass_and_one_invalid_file_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.yaml");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&good, TEAM).unwrap();
    std::fs::write(
        &bad,
        TEAM.replacen("\n    phrases:\n", "\n    phrasess:\n", 1),
    )
    .unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks");
    let nl = shipped.join("klachtgesprek.nl.yaml");
    let en = shipped.join("complaint-call.en.yaml");

    let out = callcoach(&["playbook", "check"], &[&nl, &en, &good]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("ok: ").count(), 3, "{stdout}");
    assert!(stdout.contains("3 files checked: 3 valid, 0 invalid"));

    let out = callcoach(&["playbook", "check"], &[&good, &bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 valid, 1 invalid"));
}

#[test]
fn usage_errors_exit_2() {
    let out = callcoach(&["playbook", "check"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let out = callcoach(&["playbook", "chek"], &[]);
    assert_eq!(out.status.code(), Some(2));
}
