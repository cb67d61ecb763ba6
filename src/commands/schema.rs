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

/// The draft-07 JSON Schema of `T`: the one way both schemas are made.
fn draft07<T: schemars::JsonSchema>() -> schemars::Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The JSON Schema of playbook files.
pub fn playbook_schema() -> schemars::Schema {
    draft07::<crate::playbook::Playbook>()
}

/// The JSON Schema of practice scenario files.
pub fn scenario_schema() -> schemars::Schema {
    draft07::<crate::scenario::Scenario>()
}

/// The JSON Schema of one line of the live transcript feed.
pub fn transcript_schema() -> schemars::Schema {
    draft07::<crate::transcript::Line>()
}

/// The schema as the pretty-printed JSON committed in `schemas/`.
pub fn to_pretty_json(schema: &schemars::Schema) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(schema)? + "\n")
}

/// Prints the JSON Schema of `kind`.
pub fn run(kind: SchemaKind) -> anyhow::Result<ExitCode> {
    let schema = match kind {
        SchemaKind::Playbook => playbook_schema(),
        SchemaKind::Scenario => scenario_schema(),
        SchemaKind::Transcript => transcript_schema(),
    };
    print!("{}", to_pretty_json(&schema)?);
    Ok(ExitCode::SUCCESS)
}
