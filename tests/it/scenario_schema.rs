//! The committed scenario JSON Schema is the generated draft-07 one (what
//! yaml-language-server reads), the shipped scenarios validate against it
//! with an independent draft-07 validator, and it rejects what the loader
//! rejects.

use callcoach::commands::schema::{scenario_schema, to_pretty_json};
use callcoach::scenario::load;
use serde_json::Value;

const SWEAT_STAINS: &str = include_str!("../../playbooks/scenarios/sweat-stains.en.yaml");

fn schema_value() -> Value {
    serde_json::to_value(scenario_schema()).expect("schema serialises")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema_value()).expect("the generated schema is valid draft-07")
}

fn yaml_to_json(yaml: &str) -> Value {
    serde_yaml::from_str(yaml).expect("yaml")
}

#[test]
fn committed_schema_is_up_to_date_and_draft07() {
    let generated = to_pretty_json(&scenario_schema()).expect("json");
    assert!(
        generated == include_str!("../../schemas/scenario.schema.json"),
        "schemas/scenario.schema.json is out of date with the scenario types; regenerate it with\n\n    cargo run -q -- schema scenario > schemas/scenario.schema.json\n"
    );
    let schema = schema_value();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    // Draft-07 keeps shared definitions under `definitions`, not `$defs`.
    assert!(schema.get("$defs").is_none(), "2020-12 style `$defs`");
    assert!(schema["definitions"]["Beat"].is_object(), "{schema}");
}

#[test]
fn shipped_scenarios_validate_against_the_schema() {
    let validator = validator();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks/scenarios");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("scenario dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        assert!(
            text.starts_with(
                "# yaml-language-server: $schema=../../schemas/scenario.schema.json\n"
            ),
            "{} lacks the schema modeline",
            path.display()
        );
        let errors: Vec<String> = validator
            .iter_errors(&yaml_to_json(&text))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        seen += 1;
    }
    assert_eq!(seen, load::BUILTIN.len(), "every shipped scenario checked");
}

#[test]
fn a_misspelled_key_is_rejected_by_schema_and_loader() {
    let validator = validator();
    assert!(validator.is_valid(&yaml_to_json(SWEAT_STAINS)));
    // `feedbak:` for `feedback:` in the first option.
    let bad = SWEAT_STAINS.replacen("        feedback: >-", "        feedbak: >-", 1);
    assert_ne!(bad, SWEAT_STAINS);
    let instance = yaml_to_json(&bad);
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.iter().any(|e| e.contains("feedbak")),
        "the schema names the misspelled key: {errors:?}"
    );
    let loaded = load::parse("bad.yaml", bad.as_bytes());
    assert!(
        loaded.is_err_and(|d| d
            .iter()
            .any(|d| d.message.contains("unknown key `feedbak`"))),
        "the loader rejects it too"
    );
    // A wrong enum value at the top level too.
    let bad = SWEAT_STAINS.replacen("language: en", "language: de", 1);
    assert!(!validator.is_valid(&yaml_to_json(&bad)));
}
