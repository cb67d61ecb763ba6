//! `callcoach schema playbook|scenario`: JSON Schema for editors.
//!
//! Draft-07, because that is what yaml-language-server (VS Code's YAML
//! extension, Neovim's yamlls) reads. Generated from the same Rust types the
//! loader deserializes into, so schema and loader agree; descriptions come
//! from the types' doc comments, and `deny_unknown_fields` becomes
//! `additionalProperties: false`.

use crate::cli::SchemaKind;
use schemars::generate::SchemaSettings;
use std::process::ExitCode;

/// The JSON Schema of playbook files.
pub fn playbook_schema() -> schemars::Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<crate::playbook::Playbook>()
}

/// The schema as the pretty-printed JSON committed in `schemas/`.
pub fn to_pretty_json(schema: &schemars::Schema) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(schema)? + "\n")
}

/// Prints the JSON Schema of `kind`.
pub fn run(kind: SchemaKind) -> anyhow::Result<ExitCode> {
    let schema = match kind {
        SchemaKind::Playbook => playbook_schema(),
        SchemaKind::Scenario => schemars::schema_for!(crate::scenario::Scenario),
    };
    print!("{}", to_pretty_json(&schema)?);
    Ok(ExitCode::SUCCESS)
}
