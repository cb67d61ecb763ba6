//! `callcoach schema playbook|scenario|export`: JSON Schema for editors
//! and for programs reading the JSON export.
//!
//! Draft-07, because that is what yaml-language-server (VS Code's YAML
//! extension, Neovim's yamlls) reads. Generated from the same Rust types the
//! loader deserializes into, so schema and loader agree; descriptions come
//! from the types' doc comments, and `deny_unknown_fields` becomes
//! `additionalProperties: false`; the checker's ranges, lengths and
//! patterns come from `schemars` attributes on the model.
//!
//! Strict validators (ajv in strict mode) refuse formats draft-07 does not
//! define; schemars marks Rust integer types with `uint8`, `int8`,
//! `uint32` …, so those become the `minimum`/`maximum` they stand for.

use crate::cli::SchemaKind;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use serde_json::Value;
use std::process::ExitCode;

/// The draft-07 JSON Schema of `T`: the one way both schemas are made.
fn draft07<T: schemars::JsonSchema>() -> schemars::Schema {
    SchemaSettings::draft07()
        .with_transform(RecursiveTransform(integer_formats_to_ranges))
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The range of an integer `format` schemars uses; `None` for any other.
fn integer_range(format: &str) -> Option<(i64, i64)> {
    Some(match format {
        "uint8" => (0, u8::MAX.into()),
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "uint64" | "uint" => (0, i64::MAX),
        "int64" | "int" => (i64::MIN, i64::MAX),
        _ => return None,
    })
}

/// Replaces an integer `format` by its `minimum` and `maximum`, keeping
/// narrower bounds set by the model's attributes.
fn integer_formats_to_ranges(schema: &mut schemars::Schema) {
    let Some((min, max)) = schema
        .get("format")
        .and_then(Value::as_str)
        .and_then(integer_range)
    else {
        return;
    };
    schema.remove("format");
    if !schema
        .as_object()
        .is_some_and(|o| o.contains_key("minimum"))
    {
        schema.insert("minimum".into(), min.into());
    }
    if !schema
        .as_object()
        .is_some_and(|o| o.contains_key("maximum"))
    {
        schema.insert("maximum".into(), max.into());
    }
}

/// The JSON Schema of playbook files.
pub fn playbook_schema() -> schemars::Schema {
    draft07::<crate::playbook::Playbook>()
}

/// The JSON Schema of practice scenario files.
pub fn scenario_schema() -> schemars::Schema {
    draft07::<crate::scenario::Scenario>()
}

/// The JSON Schema of one call export (`calls export --format json`, and
/// each line of the JSON Lines of `--since`), moments as RFC 3339 strings.
pub fn export_schema() -> schemars::Schema {
    let mut v = draft07::<crate::export::json::CallExport>().to_value();
    crate::export::json::moment_schemas(&mut v);
    if let Value::Object(o) = &mut v {
        o.insert("title".into(), "callcoach call export".into());
    }
    // An object stays an object: the conversion cannot fail.
    schemars::Schema::try_from(v).unwrap_or_default()
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
        SchemaKind::Export => export_schema(),
        SchemaKind::Transcript => transcript_schema(),
    };
    crate::out!("{}", to_pretty_json(&schema)?);
    Ok(ExitCode::SUCCESS)
}
