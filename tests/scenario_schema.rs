//! The committed scenario JSON Schema matches the model, and the shipped
//! scenarios validate against it with an independent validator.

use callcoach::scenario::Scenario;

fn generated() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Scenario)).expect("schema serialises")
}

#[test]
fn committed_schema_matches_the_model() {
    let committed: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/scenario.schema.json"))
            .expect("committed schema is JSON");
    assert_eq!(
        committed,
        generated(),
        "schemas/scenario.schema.json is stale: run `callcoach schema scenario > schemas/scenario.schema.json`"
    );
}

#[test]
fn shipped_scenarios_validate_against_the_schema() {
    let validator = jsonschema::validator_for(&generated()).expect("schema compiles");
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
        let yaml: serde_json::Value = serde_yaml::from_str(&text).expect("yaml");
        let errors: Vec<String> = validator
            .iter_errors(&yaml)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        seen += 1;
    }
    assert!(seen >= 2, "expected the shipped scenarios, found {seen}");

    // And the schema rejects what the loader rejects: an unknown key.
    let mut bad: serde_json::Value =
        serde_yaml::from_str(include_str!("../playbooks/scenarios/sweat-stains.en.yaml"))
            .expect("yaml");
    bad["beats"][0]["options"][0]["moov"] = serde_json::json!("listen");
    assert!(!validator.is_valid(&bad));
}
