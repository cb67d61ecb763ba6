//! The JSON Schema for editors agrees with the loader: it is the committed
//! file, it accepts both shipped playbooks (checked by an independent
//! validator), and it rejects what the loader rejects.

use callcoach::commands::schema::{playbook_schema, to_pretty_json};
use callcoach::playbook::{builtin, load};
use serde_json::Value;

/// A frozen copy of the Dutch playbook to mutate (content edits do not
/// break these tests).
const TEAM: &str = include_str!("../fixtures/team.yaml");

fn schema_value() -> Value {
    serde_json::to_value(playbook_schema()).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema_value()).expect("the generated schema is valid draft-07")
}

fn yaml_to_json(yaml: &str) -> Value {
    serde_yaml::from_str(yaml).unwrap()
}

#[test]
fn committed_schema_is_up_to_date() {
    let generated = to_pretty_json(&playbook_schema()).unwrap();
    let committed = include_str!("../../schemas/playbook.schema.json");
    assert!(
        generated == committed,
        "schemas/playbook.schema.json is out of date with the playbook types; regenerate it with\n\n    cargo run -q -- schema playbook > schemas/playbook.schema.json\n"
    );
}

#[test]
fn schema_is_draft07_with_closed_objects_and_descriptions_everywhere() {
    let schema = schema_value();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    // Walk every object schema: closed, and every property described.
    let mut stack = vec![&schema];
    let mut objects = 0;
    while let Some(node) = stack.pop() {
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            objects += 1;
            assert_eq!(node["additionalProperties"], false, "open object: {node}");
            for (name, prop) in props {
                let desc = prop.get("description").and_then(Value::as_str);
                assert!(
                    desc.is_some_and(|d| !d.trim().is_empty()),
                    "property `{name}` has no description"
                );
            }
        }
        match node {
            Value::Object(m) => stack.extend(m.values()),
            Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    assert!(objects >= 15, "only {objects} object schemas found");
}

#[test]
fn shipped_playbooks_validate_against_the_schema() {
    let v = validator();
    for (name, _, yaml) in builtin::ALL {
        let instance = yaml_to_json(yaml);
        let errors: Vec<String> = v.iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn a_misspelled_key_is_rejected_by_schema_and_loader() {
    let v = validator();
    let good = TEAM;
    assert!(good.contains("\n    phrases:\n"));
    let bad = good.replacen("\n    phrases:\n", "\n    phrasess:\n", 1);

    assert!(v.is_valid(&yaml_to_json(good)));
    let instance = yaml_to_json(&bad);
    let errors: Vec<String> = v.iter_errors(&instance).map(|e| e.to_string()).collect();
    assert!(
        errors.iter().any(|e| e.contains("phrasess")),
        "schema did not name the misspelled key: {errors:?}"
    );

    let diags = load::parse("bad.yaml", bad.as_bytes()).unwrap_err();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].message, "unknown key `phrasess`");
    assert_eq!(diags[0].hint.as_deref(), Some("did you mean `phrases`?"));
}

#[test]
fn wrong_types_and_values_are_rejected_by_both() {
    let v = validator();
    for (from, to) in [
        ("language: nl", "language: de"),
        ("time_hint_secs: 60", "time_hint_secs: soon"),
    ] {
        assert!(TEAM.contains(from), "{from}");
        let bad = TEAM.replacen(from, to, 1);
        assert!(!v.is_valid(&yaml_to_json(&bad)), "schema accepted {to}");
        assert!(
            load::parse("bad.yaml", bad.as_bytes()).is_err(),
            "loader accepted {to}"
        );
    }
}
