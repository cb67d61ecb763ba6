//! Published playbooks and scenarios and the playbook version of each
//! call, as a user meets them: a team lead publishes, an agent syncs and
//! then works offline by id; an old call exports on the version it ran on.

use crate::support::pg;
use crate::support::pty::{self, Term};
use callcoach::engine::EventKind;
use callcoach::store::{CallSink as _, Store};
use std::path::Path;
use std::process::{Command, Output};

/// The built-in English playbook as `id`, its first stage titled `listen`.
fn playbook(id: &str, listen: &str) -> String {
    callcoach::playbook::builtin::ENGLISH
        .replacen("id: complaint-call", &format!("id: {id}"), 1)
        .replacen("    title: Listen\n", &format!("    title: {listen}\n"), 1)
}

/// `callcoach --data-dir DATA ARGS` with its own settings and config
/// directories, and the team URL only when given.
fn cc(data: &Path, home: &Path, url: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_callcoach"));
    c.arg("--data-dir").arg(data).args(team_in_english(args));
    c.env_remove("CALLCOACH_TEAM_URL")
        .env_remove("PGPASSWORD")
        .env("XDG_CONFIG_HOME", home)
        .env("CALLCOACH_CONFIG", home.join("none.yaml"))
        .env("CALLCOACH_RETENTION", "off");
    if let Some(u) = url {
        c.env("CALLCOACH_TEAM_URL", u);
    }
    c.output().unwrap()
}

/// The team commands' messages are matched in English: `--lang en` before
/// a `team` subcommand (the interface's default language is Dutch).
fn team_in_english<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = Vec::new();
    if args.first() == Some(&"team") {
        all.extend(["--lang", "en"]);
    }
    all.extend(args);
    all
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", text(&o));
    text(&o)
}

/// Takes one short call on playbook `id` in a pseudo-terminal and ends it.
fn take_call(data: &Path, home: &Path, id: &str, expect: &str) {
    let data_s = data.to_str().unwrap();
    let home_s = home.to_str().unwrap();
    let mut t = Term::spawn_env(
        &[
            "--data-dir",
            data_s,
            "--lang",
            "en",
            "call",
            "--playbook",
            id,
            "--customer",
            "K-9",
        ],
        &[("XDG_CONFIG_HOME", home_s)],
        120,
        40,
    );
    let screen = t.wait_for(expect);
    assert!(screen.contains(expect), "{screen}");
    t.send(pty::keys::F10);
    t.wait_for("Call summary");
    t.send(pty::keys::F10);
    assert!(t.wait_exit(pty::EXIT).is_some(), "the call did not end");
}

#[test]
fn a_lead_publishes_an_agent_fetches_and_calls_on_it_offline() {
    let db = pg::team_db();
    let lee = db.role("lee", "callcoach_lead");
    let ann = db.role("ann", "callcoach_agent");
    let (lee_url, ann_url) = (db.url_as(&lee), db.url_as(&ann));
    let tmp = tempfile::tempdir().unwrap();
    let (lead_dir, ann_dir, home) = (
        tmp.path().join("lee"),
        tmp.path().join("ann"),
        tmp.path().join("home"),
    );
    std::fs::create_dir_all(&home).unwrap();
    let v1 = tmp.path().join("team-call.yaml");
    std::fs::write(&v1, playbook("team-call", "Hear them out (v1)")).unwrap();
    let (_, scenario) = callcoach::scenario::load::BUILTIN
        .iter()
        .find(|(f, _)| *f == "sweat-stains.en.yaml")
        .unwrap();
    let drill = tmp.path().join("drill.yaml");
    std::fs::write(
        &drill,
        scenario.replacen("id: sweat-stains", "id: team-drill", 1),
    )
    .unwrap();

    // The lead publishes both; again is a no-op. An agent may not publish.
    let out = ok(cc(
        &lead_dir,
        &home,
        Some(&lee_url),
        &["team", "publish", v1.to_str().unwrap()],
    ));
    assert!(out.contains("Published playbook `team-call`"), "{out}");
    ok(cc(
        &lead_dir,
        &home,
        Some(&lee_url),
        &["team", "publish", drill.to_str().unwrap()],
    ));
    let out = ok(cc(
        &lead_dir,
        &home,
        Some(&lee_url),
        &["team", "publish", v1.to_str().unwrap()],
    ));
    assert!(out.contains("already published"), "{out}");
    let out = cc(
        &ann_dir,
        &home,
        Some(&ann_url),
        &["team", "publish", v1.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("only team leads may publish"),
        "{}",
        text(&out)
    );
    // The database itself enforces it: an agent's insert is refused, and a
    // lead cannot publish in someone else's name or change a publication.
    let row = "INSERT INTO callcoach.published (kind, id, language, version, hash, content, \
               published_by) VALUES ('playbook', 'x', 'en', '1', 'sha256:' || repeat('0', 64), \
               'x', $1)";
    assert!(db.connect_as(&ann).execute(row, &[&ann]).is_err());
    assert!(db.connect_as(&lee).execute(row, &[&ann]).is_err());
    assert!(
        db.connect_as(&lee)
            .execute("UPDATE callcoach.published SET content = 'x'", &[])
            .is_err()
    );
    assert_eq!(
        db.connect_as(&ann)
            .query("SELECT 1 FROM callcoach.published", &[])
            .unwrap()
            .len(),
        2,
        "agents read what is published"
    );
    let n: i64 = db
        .admin()
        .query_one("SELECT count(*) FROM callcoach.published", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 2);
    // A broken file is not published, with the located problem.
    let broken = tmp.path().join("broken.yaml");
    std::fs::write(&broken, "id: x\ntitel: y\n").unwrap();
    let out = cc(
        &lead_dir,
        &home,
        Some(&lee_url),
        &["team", "publish", broken.to_str().unwrap()],
    );
    assert!(
        !out.status.success() && text(&out).contains("broken.yaml:"),
        "{}",
        text(&out)
    );

    // The agent syncs: both are cached, privately.
    let out = ok(cc(&ann_dir, &home, Some(&ann_url), &["team", "sync"]));
    assert!(out.contains("2 updated"), "{out}");
    let cached = ann_dir.join("published/playbooks/team-call.yaml");
    assert_eq!(crate::support::store::mode(&cached), 0o600);
    assert_eq!(
        crate::support::store::mode(&ann_dir.join("published")),
        0o700
    );

    // Offline (no URL at all): found by id everywhere.
    let out = ok(cc(
        &ann_dir,
        &home,
        None,
        &["playbook", "show", "team-call"],
    ));
    assert!(out.contains("Hear them out (v1)"), "{out}");
    let out = ok(cc(
        &ann_dir,
        &home,
        None,
        &[
            "practice",
            "classify",
            "--scenario",
            "team-drill",
            "I understand",
        ],
    ));
    assert!(!out.is_empty());
    let out = ok(cc(&ann_dir, &home, None, &["playbook", "list", "--ids"]));
    assert!(out.lines().any(|l| l == "team-call"), "{out}");
    take_call(&ann_dir, &home, "team-call", "Hear them out (v1)");

    // The call recorded v1's hash; the lead publishes v2 and the agent syncs
    // (the call goes up with its hash, v2 comes down).
    let v1_hash = callcoach::load::content_hash(&std::fs::read(&v1).unwrap());
    std::fs::write(&v1, playbook("team-call", "Hear them out (v2)")).unwrap();
    ok(cc(
        &lead_dir,
        &home,
        Some(&lee_url),
        &["team", "publish", v1.to_str().unwrap()],
    ));
    ok(cc(&ann_dir, &home, Some(&ann_url), &["team", "sync"]));
    let team_hash: Option<String> = db
        .admin()
        .query_one("SELECT playbook_hash FROM callcoach.calls", &[])
        .unwrap()
        .get(0);
    assert_eq!(team_hash.as_deref(), Some(v1_hash.as_str()));
    let out = ok(cc(
        &ann_dir,
        &home,
        None,
        &["playbook", "show", "team-call"],
    ));
    assert!(out.contains("Hear them out (v2)"), "{out}");
    // The old call still exports on v1, without a notice.
    let out = cc(&ann_dir, &home, None, &["calls", "export", "last"]);
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("Hear them out (v1)") && !md.contains("(v2)"),
        "{md}"
    );
    assert!(out.stderr.is_empty(), "{}", text(&out));
}

#[test]
fn an_old_call_exports_on_the_version_it_ran_on_or_says_it_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, home) = (tmp.path().join("data"), tmp.path().join("home"));
    let dir = home.join("callcoach/playbooks");
    std::fs::create_dir_all(&dir).unwrap();
    let old = playbook("ours", "Listen (old)");
    let hash = callcoach::load::content_hash(old.as_bytes());
    let store = Store::open(&data).unwrap();
    store
        .remember_playbook(
            &hash,
            "ours",
            "1.0",
            &old,
            &callcoach::store::VersionFacts::of(
                &callcoach::playbook::load::parse("ours.yaml", old.as_bytes()).unwrap(),
            ),
            1,
        )
        .unwrap();
    let mut start = crate::support::store::started(Some("K-1"), crate::support::store::T0);
    if let EventKind::Started(m) = &mut start.kind {
        m.playbook_id = "ours".into();
        m.playbook_hash = Some(hash.clone());
    }
    let (mut rec, _) = store.start_call(&start);
    rec.append(&[crate::support::store::ended(
        crate::support::store::T0 + 5_000,
    )]);
    drop(rec);
    // The installed playbook of that id has changed since.
    std::fs::write(dir.join("ours.yaml"), playbook("ours", "Listen (new)")).unwrap();
    for format in ["markdown", "json"] {
        let out = cc(
            &data,
            &home,
            None,
            &["calls", "export", "last", "--format", format],
        );
        let body = String::from_utf8_lossy(&out.stdout);
        assert!(
            body.contains("Listen (old)") && !body.contains("Listen (new)"),
            "{body}"
        );
    }
    // Without that version in the store, the export says so plainly.
    store
        .conn_for_tests()
        .unwrap()
        .execute("DELETE FROM playbook_versions", [])
        .unwrap();
    let out = cc(&data, &home, None, &["calls", "export", "last"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not in the store") && err.contains("sha256:"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Listen (new)"));
}
