//! Machine-readable output: `calls list --json`, `followups --json`,
//! `calls export --since DATE --format json` (JSON Lines) and the export's
//! JSON Schema (`callcoach schema export`), on the real binary.

use crate::support::store as store_support;

use callcoach::export::json::CallExport;
use callcoach::store::{CallSink, Store};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};
use store_support::*;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("CALLCOACH_AGENT")
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Two calls: a finished one with a follow-up and an unfinished one.
fn seed(dir: &Path) -> (String, String) {
    let store = Store::open(dir).unwrap();
    let (mut a, _) = store.start_call(&started(Some("K-100"), T0));
    a.append(&body(T0, "nieuwe jas sturen"));
    a.save_notes(
        "! rits kapot\nA: klant | stuurt foto | 2026-11-30",
        T0 + 5_000,
    );
    a.append(&[ended(T0 + 300_000)]);
    let (mut b, _) = store.start_call(&started(Some("K-\u{1b}200"), T0 + 1_000_000));
    b.save_notes("lopend gesprek", T0 + 1_000_500);
    (a.call_id().to_string(), b.call_id().to_string())
}

fn is_rfc3339(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.ends_with('Z') && s.parse::<jiff::Timestamp>().is_ok())
}

fn export_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&ok(&Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .args(["schema", "export"])
        .output()
        .unwrap()))
    .unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&schema)
        .expect("valid draft-07")
}

#[test]
fn calls_list_json_is_an_array_with_rfc3339_moments() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (a, b) = seed(&dir);
    let v: Value = serde_json::from_str(&ok(&run(&dir, &["calls", "list", "--json"]))).unwrap();
    let calls = v.as_array().unwrap();
    assert_eq!(calls.len(), 2);
    let ids: Vec<_> = calls.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&a.as_str()) && ids.contains(&b.as_str()));
    for c in calls {
        assert!(is_rfc3339(&c["started_at"]), "{c}");
        assert!(is_rfc3339(&c["last_activity"]), "{c}");
    }
    let unfinished = calls.iter().find(|c| c["id"] == b.as_str()).unwrap();
    assert!(unfinished["ended_at"].is_null());
    assert_eq!(unfinished["customer"], "K-200", "controls stripped");
    let finished = calls.iter().find(|c| c["id"] == a.as_str()).unwrap();
    assert!(is_rfc3339(&finished["ended_at"]));
    assert_eq!(finished["follow_up_due"], "2026-12-02");
    let none = ok(&run(
        &dir,
        &["calls", "list", "--json", "--since", "2099-01-01"],
    ));
    assert_eq!(none.trim(), "[]");
}

#[test]
fn followups_json_lists_the_open_ones_with_agreements() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (a, _) = seed(&dir);
    let v: Value = serde_json::from_str(&ok(&run(&dir, &["followups", "--json"]))).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 1);
    let f = &list[0];
    assert_eq!(f["call"], a.as_str());
    assert_eq!(f["due"], "2026-12-02");
    assert_eq!(f["what"], "check delivery");
    assert!(is_rfc3339(&f["started_at"]));
    let agreements = f["agreements"].as_array().unwrap();
    assert_eq!(agreements.len(), 2, "{f}");
    assert_eq!(agreements[0]["by_when"], "2026-12-01");
    assert_eq!(agreements[1]["from_notes"], true);
    assert_eq!(agreements[1]["by_when"], "2026-11-30");
    let both = run(&dir, &["followups", "--json", "--ics"]);
    assert!(!both.status.success());
}

#[test]
fn export_since_writes_json_lines_that_match_the_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (a, b) = seed(&dir);
    let out = ok(&run(
        &dir,
        &[
            "calls",
            "export",
            "--since",
            "2020-01-01",
            "--format",
            "json",
        ],
    ));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let validator = export_validator();
    for (line, id) in lines.iter().zip([&a, &b]) {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["call"]["id"], id.as_str(), "oldest first");
        assert_eq!(v["format_version"], 2);
        assert!(is_rfc3339(&v["exported_at"]));
        assert!(is_rfc3339(&v["events"][0]["at"]));
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        // Round trip through the program's own reader.
        let back = CallExport::from_json(line).unwrap();
        assert_eq!(back.to_json_line().unwrap(), format!("{line}\n"));
    }
    // A milliseconds number where a moment belongs is refused by the schema.
    let mut wrong: Value = serde_json::from_str(lines[0]).unwrap();
    wrong["exported_at"] = 1_790_000_000_000_i64.into();
    assert!(!validator.is_valid(&wrong));
    // The one-call export is the same document, pretty-printed.
    let one: Value = serde_json::from_str(&ok(&run(
        &dir,
        &["calls", "export", &a, "--format", "json"],
    )))
    .unwrap();
    assert!(validator.is_valid(&one));

    let none = ok(&run(
        &dir,
        &[
            "calls",
            "export",
            "--since",
            "2099-01-01",
            "--format",
            "json",
        ],
    ));
    assert!(none.is_empty());
    let md = run(&dir, &["calls", "export", "--since", "2020-01-01"]);
    assert!(!md.status.success());
    assert!(String::from_utf8_lossy(&md.stderr).contains("--format json"));
    let both = run(&dir, &["calls", "export", &a, "--since", "2020-01-01"]);
    assert!(!both.status.success());
}

#[test]
fn an_older_export_version_is_refused_with_a_reason() {
    let text = r#"{"format":"callcoach-call","format_version":1}"#;
    let err = CallExport::from_json(text).unwrap_err().to_string();
    assert!(err.contains("version 1"), "{err}");
}

#[test]
fn the_committed_export_schema_is_current() {
    let generated = ok(&Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .args(["schema", "export"])
        .output()
        .unwrap());
    assert!(
        generated == include_str!("../../schemas/export.schema.json"),
        "schemas/export.schema.json is out of date; regenerate it with\n\n    cargo run -q -- schema export > schemas/export.schema.json\n"
    );
}
