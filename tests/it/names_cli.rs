//! Names work everywhere (issue 12 item 4): the one resolver behind
//! `call --playbook`, `playbook show`, `playbook new --from`, `practice`,
//! `scenario new`, and shell completion of playbook and scenario names.

use std::path::Path;
use std::process::{Command, Output};

fn cc(home: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_callcoach"));
    c.args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("CALLCOACH_DATA_DIR", home.join("data"))
        .env("CALLCOACH_CONFIG", home.join("none.yaml"))
        .env_remove("CALLCOACH_TEAM_URL")
        .env_remove("COMPLETE");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn out(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A home with the user's playbook `team-en` (file `mine.yaml`), copied
/// from a built-in with `playbook new --from`, and a scenario from `scenario new`.
fn home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    out(&cc(
        h,
        &[],
        &["playbook", "new", "team-en", "--from", "complaint-call"],
    ));
    // --from a name of the user's own, and from a file.
    out(&cc(
        h,
        &[],
        &["playbook", "new", "team-two", "--from", "team-en"],
    ));
    let file = h.join("config/callcoach/playbooks/team-two.yaml");
    let copy = std::fs::read_to_string(&file).unwrap();
    assert!(
        copy.contains("\nid: team-two\n") && copy.contains("copied from"),
        "{copy}"
    );
    out(&cc(
        h,
        &[],
        &[
            "playbook",
            "new",
            "team-three",
            "--from",
            file.to_str().unwrap(),
        ],
    ));
    let o = cc(h, &[], &["playbook", "new", "x", "--from", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    // scenario new: the skeleton and its schema beside it.
    let o = out(&cc(
        h,
        &[("CALLCOACH_LANG", "en")],
        &["scenario", "new", "my-drill"],
    ));
    let sdir = h.join("config/callcoach/scenarios");
    assert!(o.contains("my-drill.en.yaml"), "{o}");
    assert!(sdir.join("scenario.schema.json").is_file());
    let check = cc(
        h,
        &[],
        &[
            "scenario",
            "check",
            sdir.join("my-drill.en.yaml").to_str().unwrap(),
        ],
    );
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    home
}

#[test]
fn every_command_finds_the_same_names() {
    let home = home();
    let h = home.path();
    let show = out(&cc(h, &[], &["playbook", "show", "team-two"]));
    assert!(show.contains("Complaint call"), "{show}");
    let ids = out(&cc(h, &[], &["playbook", "list", "--ids"]));
    for id in [
        "klachtgesprek",
        "complaint-call",
        "team-en",
        "team-two",
        "team-three",
    ] {
        assert!(ids.lines().any(|l| l == id), "{id} missing: {ids}");
    }
    let ids = out(&cc(h, &[], &["scenario", "list", "--ids"]));
    assert!(ids.lines().any(|l| l == "my-drill"), "{ids}");
    let o = out(&cc(
        h,
        &[],
        &["practice", "classify", "--scenario", "my-drill", "I see"],
    ));
    assert!(!o.is_empty());
    // `call --playbook NAME` resolves as `playbook show NAME` does: it gets
    // past the playbook and stops only at the missing terminal.
    let o = cc(h, &[], &["call", "--playbook", "team-two"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("heeft een terminal nodig"), "{err}");
}

/// What the shell's completion function gets for `words`, asked the way
/// the generated script asks (clap_complete's `COMPLETE` protocol).
fn complete(h: &Path, shell: &str, words: &[&str]) -> Vec<String> {
    let index = (words.len() - 1).to_string();
    let mut args = vec!["--"];
    args.extend_from_slice(words);
    let o = cc(
        h,
        &[
            ("COMPLETE", shell),
            ("_CLAP_COMPLETE_INDEX", &index),
            ("_CLAP_IFS", "\n"),
        ],
        &args,
    );
    out(&o)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn shells_complete_playbook_and_scenario_names() {
    let home = home();
    let h = home.path();
    for shell in ["bash", "zsh", "fish"] {
        let got = complete(h, shell, &["callcoach", "call", "--playbook", "team-t"]);
        assert_eq!(got, ["team-three", "team-two"], "{shell}");
        let got = complete(h, shell, &["callcoach", "practice", "my"]);
        assert_eq!(got, ["my-drill"], "{shell}");
        let script = out(&cc(h, &[], &["completions", shell]));
        assert!(script.contains("COMPLETE="), "{shell}: {script}");
    }
    // In bash itself (always installed): the registered function fills
    // COMPREPLY from the binary.
    let bin = Path::new(env!("CARGO_BIN_EXE_callcoach")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = "source <(callcoach completions bash); \
                  COMP_WORDS=(callcoach playbook show team-); COMP_CWORD=3; COMP_TYPE=9; \
                  _clap_complete_callcoach callcoach team- show; printf '%s\\n' \"${COMPREPLY[@]}\"";
    let o = Command::new("bash")
        .args(["-c", script])
        .env("PATH", path)
        .env("HOME", h)
        .env("XDG_CONFIG_HOME", h.join("config"))
        .env("CALLCOACH_DATA_DIR", h.join("data"))
        .output()
        .unwrap();
    let got = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        got.lines().collect::<Vec<_>>(),
        ["team-en", "team-three", "team-two"],
        "{got}"
    );
}
