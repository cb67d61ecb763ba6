//! The settings file and the agent: a broken file is reported with file,
//! line and column; the agent (file, `--agent` or `CALLCOACH_AGENT`, in
//! every command, plain `callcoach` too) is stored with the call and signs
//! its e-mail when it is exported later by someone else.

use crate::support::pty::{self, EXIT, Term};
use callcoach::store::Store;
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, config: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_callcoach"));
    cmd.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("CALLCOACH_AGENT")
        .env_remove("CALLCOACH_LANG")
        .env("CALLCOACH_CONFIG", config);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[test]
fn a_broken_settings_file_names_file_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.yaml");
    std::fs::write(&config, "agent: Eva\nlanguag: en\n").unwrap();
    let o = run(tmp.path(), &config, &[], &["calls", "list"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("config.yaml:2:1"), "{err}");
    assert!(err.contains("did you mean `language`?"), "{err}");
    assert!(o.stdout.is_empty());
    // A wrong value is located too.
    std::fs::write(&config, "channel: fax\n").unwrap();
    let err =
        String::from_utf8_lossy(&run(tmp.path(), &config, &[], &["report"]).stderr).into_owned();
    assert!(err.contains("config.yaml:1:"), "{err}");
    // Printing the schema does not need the settings.
    assert!(
        run(tmp.path(), &config, &[], &["schema", "playbook"])
            .status
            .success()
    );
    // A good file sets the language of the listings.
    std::fs::write(&config, "agent: Eva\nlanguage: en\n").unwrap();
    let o = run(tmp.path(), &config, &[], &["calls", "list"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "No calls stored.\n");
    let o = run(tmp.path(), &config, &[], &["--lang", "nl", "calls", "list"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "Geen gesprekken opgeslagen.\n"
    );
}

/// The agent and form of address of the one call with reference `customer`.
fn stored_people(dir: &Path, customer: &str) -> (Option<String>, Option<String>, String) {
    let store = Store::open(dir).unwrap();
    let info = store
        .calls(&Default::default())
        .unwrap()
        .into_iter()
        .find(|c| c.customer.as_deref() == Some(customer))
        .unwrap();
    let state = store.load_call(&info.id).unwrap().state().unwrap();
    (state.meta.agent, state.address, info.id.to_string())
}

#[test]
fn the_calls_agent_signs_an_email_exported_later_by_someone_else() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let config = tmp.path().join("config.yaml");
    std::fs::write(&config, "agent: Eva de Vries\nlanguage: nl\n").unwrap();
    let config_s = config.to_str().unwrap();
    let data = dir.to_str().unwrap();

    // Plain `callcoach`: the agent from the settings file; reference and
    // form of address asked before the screen opens.
    let mut t = Term::spawn_env(
        &["--data-dir", data],
        &[("CALLCOACH_CONFIG", config_s)],
        120,
        40,
    );
    t.wait_for("Klantreferentie");
    t.send("KL-77\r");
    t.wait_for("Aanspreekvorm");
    t.send("meneer De Vries\r");
    t.wait_for("Notities");
    t.send("A: wij | nieuwe jas sturen\r");
    t.wait_for("nieuwe jas sturen");
    t.send(pty::keys::F10);
    t.wait_for("Samenvatting van het gesprek");
    t.send(pty::keys::F10);
    assert!(t.wait_exit(EXIT).is_some(), "{}", t.contents());
    let (agent, address, id) = stored_people(&dir, "KL-77");
    assert_eq!(agent.as_deref(), Some("Eva de Vries"));
    assert_eq!(address.as_deref(), Some("meneer De Vries"));

    // Later, Bob exports it: Eva signs.
    let out = tmp.path().join("mail.eml");
    let o = run(
        &dir,
        &tmp.path().join("none.yaml"),
        &[("CALLCOACH_AGENT", "Bob")],
        &[
            "calls",
            "export",
            &id,
            "--format",
            "eml",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let raw = std::fs::read(&out).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let from = msg
        .from()
        .and_then(|f| f.first())
        .and_then(|a| a.name())
        .unwrap_or_default();
    assert_eq!(from, "Eva de Vries");
    let body = msg.body_text(0).unwrap();
    assert!(body.starts_with("Beste meneer De Vries,"), "{body}");
    assert!(body.trim_end().ends_with("Eva de Vries"), "{body}");
    assert!(!body.contains("Bob") && !body.contains("KL-77"), "{body}");

    // `CALLCOACH_AGENT` reaches plain `callcoach` too, over the file.
    let mut t = Term::spawn_env(
        &["--data-dir", data],
        &[("CALLCOACH_CONFIG", config_s), ("CALLCOACH_AGENT", "Bob")],
        120,
        40,
    );
    t.wait_for("Klantreferentie");
    t.send("KL-78\r");
    t.wait_for("Aanspreekvorm");
    t.send("\r");
    t.wait_for("Notities");
    t.send(pty::keys::CTRL_Q);
    assert!(t.wait_exit(EXIT).is_some());
    assert_eq!(stored_people(&dir, "KL-78").0.as_deref(), Some("Bob"));
}
