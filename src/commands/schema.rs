//! `callcoach schema playbook|scenario`: JSON Schema for editors.

use crate::cli::SchemaKind;
use std::process::ExitCode;

/// Prints the JSON Schema of `kind`.
pub fn run(kind: SchemaKind) -> anyhow::Result<ExitCode> {
    let schema = match kind {
        SchemaKind::Playbook => schemars::schema_for!(crate::playbook::Playbook),
        SchemaKind::Scenario => schemars::schema_for!(crate::scenario::Scenario),
    };
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(ExitCode::SUCCESS)
}
