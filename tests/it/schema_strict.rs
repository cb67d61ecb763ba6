//! The generated JSON Schemas (playbook, scenario, export) pass a strict draft-07 check, and say what
//! the checker says wherever JSON Schema can say it.
//!
//! Strictness here is what `ajv` in strict mode enforces, checked with the
//! jsonschema crate and a walk over the schema: the draft-07 meta-schema,
//! no keyword outside draft-07 (strictSchema), no `format` draft-07 does
//! not define (the generated `uint32`, `int8`, `uint8` were refused), a
//! type beside every type-specific keyword (strictTypes) and every
//! `required` name among the object's `properties` (strictRequired); the
//! patterns compile as regular expressions.
//!
//! Agreement: for ranges, list lengths, and — by property tests over
//! arbitrary strings — texts, ids and placeholders, the schema accepts a
//! value exactly when the checker does.

use callcoach::commands::schema::{export_schema, playbook_schema, scenario_schema};
use callcoach::playbook::{Playbook, validate as playbook_rules};
use callcoach::scenario::{self, Scenario};
use proptest::prelude::*;
use serde_json::Value;

const TEAM: &str = include_str!("../fixtures/team.yaml");
const SWEAT_STAINS: &str = include_str!("../../playbooks/scenarios/sweat-stains.en.yaml");

fn schemas() -> [(&'static str, Value); 3] {
    [
        ("playbook", serde_json::to_value(playbook_schema()).unwrap()),
        ("scenario", serde_json::to_value(scenario_schema()).unwrap()),
        ("export", serde_json::to_value(export_schema()).unwrap()),
    ]
}

/// The formats draft-07 defines.
const DRAFT07_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// The keywords of draft-07 (validation, applicators, annotations).
const DRAFT07_KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "$ref",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "definitions",
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "items",
    "additionalItems",
    "maxItems",
    "minItems",
    "uniqueItems",
    "contains",
    "maxProperties",
    "minProperties",
    "required",
    "properties",
    "patternProperties",
    "additionalProperties",
    "dependencies",
    "propertyNames",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "format",
    "contentMediaType",
    "contentEncoding",
];

/// Keywords that only apply to one type, and that type.
const TYPED_KEYWORDS: &[(&str, &str)] = &[
    ("minimum", "integer|number"),
    ("maximum", "integer|number"),
    ("minLength", "string"),
    ("maxLength", "string"),
    ("pattern", "string"),
    ("minItems", "array"),
    ("maxItems", "array"),
    ("items", "array"),
    ("properties", "object"),
    ("required", "object"),
    ("additionalProperties", "object"),
    ("minProperties", "object"),
];

/// Every schema object inside `schema` (keyword values that are schemas).
fn subschemas(schema: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut stack = vec![schema];
    while let Some(s) = stack.pop() {
        let Some(obj) = s.as_object() else { continue };
        out.push(s);
        for (k, v) in obj {
            match k.as_str() {
                "properties" | "definitions" | "patternProperties" => {
                    stack.extend(v.as_object().into_iter().flat_map(|m| m.values()));
                }
                "allOf" | "anyOf" | "oneOf" => {
                    stack.extend(v.as_array().into_iter().flatten());
                }
                "items" | "additionalProperties" | "not" | "if" | "then" | "else" => {
                    stack.push(v);
                }
                _ => {}
            }
        }
    }
    out
}

fn types_of(s: &Value) -> Vec<&str> {
    match &s["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn both_schemas_pass_a_strict_draft07_check() {
    for (name, schema) in schemas() {
        jsonschema::meta::validate(&schema)
            .unwrap_or_else(|e| panic!("{name}: not a valid draft-07 schema: {e}"));
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        let mut problems = Vec::new();
        for s in subschemas(&schema) {
            let obj = s.as_object().unwrap();
            for key in obj.keys() {
                if !DRAFT07_KEYWORDS.contains(&key.as_str()) {
                    problems.push(format!("unknown keyword `{key}` in {s}"));
                }
            }
            if let Some(f) = obj.get("format").and_then(Value::as_str)
                && !DRAFT07_FORMATS.contains(&f)
            {
                problems.push(format!("unknown format `{f}` in {s}"));
            }
            let types = types_of(s);
            for (key, wanted) in TYPED_KEYWORDS {
                if obj.contains_key(*key) && !wanted.split('|').any(|w| types.contains(&w)) {
                    problems.push(format!("`{key}` without type {wanted} in {s}"));
                }
            }
            if let Some(required) = obj.get("required").and_then(Value::as_array) {
                for r in required.iter().filter_map(Value::as_str) {
                    if obj["properties"].get(r).is_none() {
                        problems.push(format!("required `{r}` not among the properties of {s}"));
                    }
                }
            }
            if let Some(p) = obj.get("pattern").and_then(Value::as_str)
                && let Err(e) = regex::Regex::new(p)
            {
                problems.push(format!("pattern {p:?} does not compile: {e}"));
            }
        }
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
        // And the validator builds with formats and patterns checked.
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn the_old_integer_formats_would_have_failed_the_check() {
    // The check can fail: the schema as schemars writes it by default.
    let raw = serde_json::to_value(
        schemars::generate::SchemaSettings::draft07()
            .into_generator()
            .into_root_schema_for::<Scenario>(),
    )
    .unwrap();
    let formats: Vec<&str> = subschemas(&raw)
        .iter()
        .filter_map(|s| s.get("format").and_then(Value::as_str))
        .filter(|f| !DRAFT07_FORMATS.contains(f))
        .collect();
    assert!(
        formats.contains(&"int8") && formats.contains(&"uint8"),
        "{formats:?}"
    );
}

fn team() -> Playbook {
    callcoach::yaml::from_str("team.yaml", TEAM).unwrap()
}

fn sweat_stains() -> Scenario {
    callcoach::yaml::from_str("sweat-stains.en.yaml", SWEAT_STAINS).unwrap()
}

/// The JSON pointers of the schema's errors for `value`.
fn schema_errors(validator: &jsonschema::Validator, value: &impl serde::Serialize) -> Vec<String> {
    let json = serde_json::to_value(value).unwrap();
    validator
        .iter_errors(&json)
        .map(|e| e.instance_path().to_string())
        .collect()
}

fn playbook_validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&serde_json::to_value(playbook_schema()).unwrap()).unwrap()
}

fn scenario_validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&serde_json::to_value(scenario_schema()).unwrap()).unwrap()
}

/// Does the schema flag `pointer`, and does the checker flag `path`?
fn verdicts(schema: &[String], pointer: &str, checker: &[String], path: &str) -> (bool, bool) {
    (
        schema.iter().any(|p| p.starts_with(pointer)),
        checker.iter().any(|p| p == path),
    )
}

fn playbook_paths(pb: &Playbook) -> Vec<String> {
    playbook_rules::validate(pb)
        .into_iter()
        .map(|p| p.path)
        .collect()
}

fn scenario_paths(sc: &Scenario) -> Vec<String> {
    scenario::validate(sc).into_iter().map(|p| p.path).collect()
}

#[test]
fn numbers_and_list_lengths_agree_with_the_checker() {
    let pv = playbook_validator();
    for (secs, ok) in [(0, false), (1, true), (3600, true), (3601, false)] {
        let mut pb = team();
        pb.stages.listen.time_hint_secs = Some(secs);
        let (schema, checker) = verdicts(
            &schema_errors(&pv, &pb),
            "/stages/listen/time_hint_secs",
            &playbook_paths(&pb),
            "stages.listen.time_hint_secs",
        );
        assert_eq!((schema, checker), (!ok, !ok), "time_hint_secs {secs}");
    }
    for n in [0, 1, 9, 10] {
        let mut pb = team();
        let q = pb.decision.questions[0].clone();
        pb.decision.questions = (0..n)
            .map(|i| {
                let mut q = q.clone();
                q.id = format!("q{i}");
                q
            })
            .collect();
        let (schema, checker) = verdicts(
            &schema_errors(&pv, &pb),
            "/decision/questions",
            &playbook_paths(&pb),
            "decision.questions",
        );
        let bad = n == 0 || n > 9;
        assert_eq!((schema, checker), (bad, bad), "{n} questions");
    }

    let sv = scenario_validator();
    for (mood, ok) in [(0, true), (10, true), (11, false)] {
        let mut sc = sweat_stains();
        sc.mood = mood;
        let v = verdicts(
            &schema_errors(&sv, &sc),
            "/mood",
            &scenario_paths(&sc),
            "mood",
        );
        assert_eq!(v, (!ok, !ok), "mood {mood}");
    }
    for (mark, ok) in [(0, false), (1, true), (100, true), (101, false)] {
        let mut sc = sweat_stains();
        sc.pass_mark = Some(mark);
        let v = verdicts(
            &schema_errors(&sv, &sc),
            "/pass_mark",
            &scenario_paths(&sc),
            "pass_mark",
        );
        assert_eq!(v, (!ok, !ok), "pass_mark {mark}");
    }
    for (change, ok) in [(-6, false), (-5, true), (5, true), (6, false)] {
        let mut sc = sweat_stains();
        sc.beats[0].options[0].mood = change;
        let v = verdicts(
            &schema_errors(&sv, &sc),
            "/beats/0/options/0/mood",
            &scenario_paths(&sc),
            "beats[0].options[0].mood",
        );
        assert_eq!(v, (!ok, !ok), "mood change {change}");
    }
    for n in [1, 9, 10] {
        let mut sc = sweat_stains();
        let first = sc.beats[0].options[0].clone();
        sc.beats[0].options = vec![first; n];
        let v = verdicts(
            &schema_errors(&sv, &sc),
            "/beats/0/options",
            &scenario_paths(&sc),
            "beats[0].options",
        );
        assert_eq!(v.0, n > 9, "{n} options (schema)");
        assert_eq!(v.1, n > 9, "{n} options (checker)");
    }
    // Exactly one of `next` and `end`.
    let mut sc = sweat_stains();
    let opt = &mut sc.beats[0].options[0];
    assert!(opt.next.is_some() && opt.end.is_none());
    opt.end = Some(scenario::EndingId::Resolved);
    let errors = schema_errors(&sv, &sc);
    assert!(
        errors.iter().any(|p| p == "/beats/0/options/0"),
        "{errors:?}"
    );
    assert!(scenario_paths(&sc).contains(&"beats[0].options[0].end".to_owned()));
    let opt = &mut sc.beats[0].options[0];
    opt.next = None;
    opt.end = None;
    assert!(
        schema_errors(&sv, &sc)
            .iter()
            .any(|p| p == "/beats/0/options/0")
    );
}

/// A field to set: its JSON pointer, its checker path, and the setter.
type Field<T> = (&'static str, &'static str, fn(&mut T, String));

/// Strings that reach every branch of the text rules: words, spaces of
/// several kinds, line breaks, braces, placeholders, controls and bidi
/// marks, long runs.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Hallo".to_owned()),
        Just("é".to_owned()),
        Just(" ".to_owned()),
        Just("\t".to_owned()),
        Just("\n".to_owned()),
        Just("\r".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\u{1b}".to_owned()),
        Just("\u{85}".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("{{".to_owned()),
        Just("{customer}".to_owned()),
        Just("{agreements}".to_owned()),
        Just("{klant}".to_owned()),
        Just("-".to_owned()),
        Just("_".to_owned()),
        Just("A".to_owned()),
        Just("x".repeat(60)),
        "[a-z0-9]{1,3}",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Texts, one-line texts, placeholders and ids: the playbook schema
    /// flags a value exactly when the checker does.
    #[test]
    fn playbook_texts_and_ids_agree_with_the_checker(s in tricky_text()) {
        let pv = playbook_validator();
        let fields: [Field<Playbook>; 7] = [
            ("/title", "title", |pb, s| pb.title = s),
            ("/description", "description", |pb, s| pb.description = s),
            ("/stages/listen/phrases/0/text", "stages.listen.phrases[0].text", |pb, s| {
                pb.stages.listen.phrases[0].text = s
            }),
            ("/email/subject", "email.subject", |pb, s| pb.email.subject = s),
            ("/email/body", "email.body", |pb, s| pb.email.body = s),
            ("/id", "id", |pb, s| pb.id = s),
            ("/stages/listen/checklist/0/id", "stages.listen.checklist[0].id", |pb, s| {
                pb.stages.listen.checklist[0].id = format!("zz{s}")
            }),
        ];
        for (pointer, path, set) in fields {
            let mut pb = team();
            set(&mut pb, s.clone());
            let (schema, checker) =
                verdicts(&schema_errors(&pv, &pb), pointer, &playbook_paths(&pb), path);
            prop_assert_eq!(schema, checker, "{} = {:?}", path, s);
        }
    }

    /// The scenario's stricter one-line rule, and its ids.
    #[test]
    fn scenario_texts_and_ids_agree_with_the_checker(s in tricky_text()) {
        let sv = scenario_validator();
        let fields: [Field<Scenario>; 5] = [
            ("/title", "title", |sc, s| sc.title = s),
            ("/persona/situation", "persona.situation", |sc, s| sc.persona.situation = s),
            ("/beats/0/says/0", "beats[0].says[0]", |sc, s| sc.beats[0].says[0] = s),
            ("/beats/0/options/0/text", "beats[0].options[0].text", |sc, s| {
                sc.beats[0].options[0].text = s
            }),
            ("/id", "id", |sc, s| sc.id = s),
        ];
        for (pointer, path, set) in fields {
            let mut sc = sweat_stains();
            set(&mut sc, s.clone());
            let (schema, checker) =
                verdicts(&schema_errors(&sv, &sc), pointer, &scenario_paths(&sc), path);
            prop_assert_eq!(schema, checker, "{} = {:?}", path, s);
        }
    }
}
