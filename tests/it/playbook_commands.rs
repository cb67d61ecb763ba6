//! `callcoach playbook new|list|show` through the real binary, with a
//! temporary home and config directory.

use std::path::Path;
use std::process::{Command, Output};

fn callcoach(home: &Path, args: &[&str]) -> Output {
    // English: the tests read the commands' sentences.
    Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .args(["--lang", "en"])
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run callcoach")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn new_writes_a_valid_copy_once_and_list_shows_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/callcoach/playbooks");

    let out = callcoach(home.path(), &["playbook", "new", "team"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let path = dir.join("team.yaml");
    let stdout = text(&out.stdout);
    assert!(stdout.contains(&path.display().to_string()), "{stdout}");
    assert!(
        stdout.contains("callcoach playbook check"),
        "no next step: {stdout}"
    );
    assert!(dir.join("playbook.schema.json").is_file());
    let copy = std::fs::read_to_string(&path).unwrap();
    assert!(copy.starts_with("# yaml-language-server: $schema=./playbook.schema.json\n"));

    let out = callcoach(home.path(), &["playbook", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // Never overwrites.
    std::fs::write(&path, "id: edited\n").unwrap();
    let out = callcoach(home.path(), &["playbook", "new", "team"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "id: edited\n");

    // Bad names and unknown built-ins are usage errors.
    let out = callcoach(home.path(), &["playbook", "new", "My Team"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`my-team`"));
    let out = callcoach(home.path(), &["playbook", "new", "x", "--from", "nope"]);
    assert_eq!(out.status.code(), Some(2));

    // An English copy elsewhere, then list: built-ins, the broken `team`
    // (with its first problem) and a valid one.
    let out = callcoach(
        home.path(),
        &["playbook", "new", "team-en", "--from", "complaint-call"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = callcoach(home.path(), &["playbook", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let list = text(&out.stdout);
    let line = |id: &str| {
        list.lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("no `{id}` in\n{list}"))
            .to_owned()
    };
    assert!(line("klachtgesprek").contains("(default)"));
    assert!(line("complaint-call").contains(" en "));
    assert!(line("team-en").contains("Complaint call"));
    assert!(
        line("team").contains("INVALID: line 1:1: missing key `language`"),
        "{list}"
    );
    assert!(!list.contains('\x1b'), "colour in a pipe");
}

#[test]
fn show_prints_stages_and_the_sources_table() {
    let home = tempfile::tempdir().unwrap();
    let out = callcoach(home.path(), &["playbook", "show"]);
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    for stage in [
        "[listen]",
        "[acknowledge]",
        "[ask]",
        "[agree_solution]",
        "[record_agreements]",
        "[follow_up]",
    ] {
        assert!(shown.contains(stage), "{stage}");
    }
    // The headings follow the interface language (English here), the
    // content stays the playbook's (Dutch).
    assert!(
        shown.contains("Decision:")
            && shown.contains("Evaluation")
            && shown.contains("Confirmation e-mail")
            && !shown.contains("Bevestigingsmail"),
        "{shown}"
    );

    let out = callcoach(
        home.path(),
        &["playbook", "show", "complaint-call", "--sources"],
    );
    assert_eq!(out.status.code(), Some(0));
    let table = text(&out.stdout);
    let pb = callcoach::playbook::load::builtin("complaint-call")
        .unwrap()
        .unwrap();
    assert_eq!(pb.sources.len(), 5);
    for s in &pb.sources {
        assert!(
            table.contains(&format!("\n{} — ", s.id)),
            "{} missing",
            s.id
        );
    }
    assert!(
        !table.contains("(0 elements)"),
        "a source feeds nothing:\n{table}"
    );

    let out = callcoach(home.path(), &["playbook", "show", "klachtgesprk"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("did you mean `klachtgesprek`?"));
}
