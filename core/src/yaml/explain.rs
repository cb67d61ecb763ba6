//! Turns a typed deserialization [`Error`] into a [`Diagnostic`] in a team
//! lead's words: what was found, what was expected, and a hint (a
//! did-you-mean for names, the form for values).

use super::de::{Error, ErrorKind, Found};
use super::node::Kind;
use super::parse::Document;
use crate::diagnostic::{Diagnostic, did_you_mean};

/// Longest message taken over from a type's own error (it can quote a
/// whole value).
const MAX_MESSAGE_CHARS: usize = 300;

fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_MESSAGE_CHARS {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(MAX_MESSAGE_CHARS).collect();
        format!("{cut}…")
    }
}

/// Builds the diagnostic for `err`, found while deserializing `doc` (the
/// parse of `text`, the content of `file`).
pub fn diagnose(file: &str, text: &str, err: &Error, doc: &Document) -> Diagnostic {
    let mut d = Diagnostic::file_level(file, "");
    match &err.kind {
        ErrorKind::UnknownField { found, .. } if found.is_empty() => {
            d.message = "a key is missing before `:`".into();
            d.expected = Some("a `key: value` line".into());
            d.hint = Some(
                "write the key in front of the colon, or quote a text that starts with `:`".into(),
            );
        }
        ErrorKind::UnknownField { found, expected } => {
            d.message = format!("unknown key `{found}`");
            d.expected = Some(if expected.is_empty() {
                "no keys here".into()
            } else {
                one_of(expected)
            });
            d.hint = Some(
                match (did_you_mean(found, expected), entry_above(doc, err)) {
                    (Some(m), _) => format!("did you mean `{m}`?"),
                    (None, Some((name, line))) => format!(
                        "if it belongs to `{name}:` above (line {line}), indent it to line up with the keys there; otherwise remove it or check its spelling"
                    ),
                    (None, None) => {
                        "remove it, or check its spelling and indentation (keys are case-sensitive)"
                            .into()
                    }
                },
            );
        }
        ErrorKind::MissingField(key) => {
            d.message = format!("missing key `{key}`");
            d.expected = Some(format!("a `{key}:` entry in this mapping"));
            d.hint = Some(missing_key_hint(key, &err.path, doc));
        }
        ErrorKind::DuplicateField(key) => {
            d.message = format!("key `{key}` appears twice in this mapping");
            d.expected = Some("each key at most once".into());
            d.hint = Some("remove or rename one of them; check the indentation if they belong to different entries".into());
        }
        ErrorKind::UnknownVariant { found, expected } => {
            d.message = shorten(&format!("unknown value `{found}`"));
            d.expected = Some(one_of(expected));
            d.hint = Some(match did_you_mean(found, expected) {
                Some(m) => format!("did you mean `{m}`?"),
                None => "use one of the expected values exactly as written".into(),
            });
        }
        ErrorKind::InvalidType { found, expected } => {
            let what = match found {
                Found::Unsigned(_) | Found::Signed(_) | Found::Float(_) => "invalid number",
                _ => "wrong type",
            };
            d.message = shorten(&format!("{what}: found {}", describe(found)));
            let expected = describe_expected(expected);
            d.hint = Some(type_hint(&expected, found).into());
            d.expected = Some(expected);
        }
        ErrorKind::InvalidValue { found, expected } => {
            d.message = shorten(&match found {
                Found::Unsigned(_) | Found::Signed(_) | Found::Float(_) => {
                    format!("invalid number: found {}", describe(found))
                }
                _ => format!("invalid value: {}", describe(found)),
            });
            let expected = describe_expected(expected);
            d.hint = Some(type_hint(&expected, found).into());
            d.expected = Some(expected);
        }
        ErrorKind::InvalidLength { len, expected } => {
            d.message = format!("wrong number of entries: {len}");
            d.expected = Some(describe_expected(expected));
            d.hint = Some("check the number of entries of this list".into());
        }
        ErrorKind::Custom(message) => {
            d.message = shorten(message);
            d.hint = Some("check the indentation and quoting around this line".into());
        }
    }
    let at = err.at.unwrap_or_else(|| doc.locate(&err.path).pos);
    d.at(text, at.line, at.column).with_path(err.path.clone())
}

/// For an unknown key: the entry just above it in the same mapping, when
/// that entry is itself a mapping the key may have been meant for (a key
/// indented too little lands one level up). Its name and line.
fn entry_above<'a>(doc: &'a Document, err: &Error) -> Option<(&'a str, usize)> {
    let map = doc.root.as_ref()?.find(&err.path)?;
    let Kind::Map(entries) = &map.kind else {
        return None;
    };
    let i = entries.iter().position(|(k, _)| Some(k.pos) == err.at)?;
    let (key, value) = entries.get(i.checked_sub(1)?)?;
    matches!(value.kind, Kind::Map(_)).then(|| (key.text().unwrap_or("?"), key.pos.line))
}

/// For a missing key: when the key exists one level up, it is probably
/// indented too little; say where.
fn missing_key_hint(key: &str, path: &str, doc: &Document) -> String {
    let parent = match path.rfind(['.', '[']) {
        Some(i) => &path[..i],
        None if path.is_empty() => return format!("add `{key}: …` (it is required)"),
        None => "",
    };
    let candidate = if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    };
    let found = doc.locate(&candidate);
    if found.exact {
        format!(
            "there is a `{key}:` at line {}, but it is indented as a key of `{}`; indent it to line up with the other keys here",
            found.pos.line,
            if parent.is_empty() {
                "the top level"
            } else {
                parent
            }
        )
    } else {
        format!("add `{key}: …` to this mapping (it is required)")
    }
}

fn one_of(names: &[&str]) -> String {
    let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match list.len() {
        0 => "nothing here".into(),
        1 => list[0].clone(),
        _ => format!("one of {}", list.join(", ")),
    }
}

/// A found value, in plain words.
fn describe(found: &Found) -> String {
    match found {
        Found::Mapping => "a mapping (`key: value` lines)".into(),
        Found::List => "a list".into(),
        Found::Nothing => "nothing (an empty value)".into(),
        Found::Unsigned(n) => format!("the number `{n}`"),
        Found::Signed(n) => format!("the number `{n}`"),
        Found::Float(f) => format!("the decimal number `{f}`"),
        Found::Bool(b) => format!("the value `{b}`"),
        Found::Text(t) => format!("the text {t:?}"),
        Found::Other(o) => o.clone(),
    }
}

/// serde's description of an expected value, in plain words.
fn describe_expected(expected: &str) -> String {
    match expected {
        "" => "something else".into(),
        "u32" | "u64" | "u16" | "u8" | "usize" => "a positive whole number".into(),
        "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "a string" => "a text".into(),
        "a sequence" => "a list".into(),
        "a boolean" => "`true` or `false`".into(),
        e if e.starts_with("struct ") || e == "a map" => "a mapping (`key: value` lines)".into(),
        e if e.starts_with("a sequence") => "a list".into(),
        e => e.to_owned(),
    }
}

fn type_hint(expected: &str, found: &Found) -> &'static str {
    if expected.contains("list") {
        "write a list: one entry per line, each starting with `- `"
    } else if expected.contains("mapping") {
        "write `key: value` lines indented under this key"
    } else if expected.contains("positive") && matches!(found, Found::Signed(_)) {
        "the number must be positive, e.g. 90"
    } else if expected.contains("whole number") && matches!(found, Found::Float(_)) {
        "write whole seconds, without a decimal point, e.g. 90"
    } else if expected.contains("whole number")
        && matches!(found, Found::Unsigned(_) | Found::Signed(_))
    {
        "the number is too large or too small here"
    } else if expected.contains("number") {
        "write a number without quotes, e.g. 90"
    } else if expected.contains("true") {
        "write `true` or `false` without quotes"
    } else if expected.contains("text") && matches!(found, Found::Mapping) {
        "a text containing `: ` must be put in quotes"
    } else if expected.contains("text") {
        "put the text in quotes"
    } else if expected.starts_with("one of") {
        "use one of the expected values exactly as written"
    } else {
        "check the value against the expected form"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_values_and_number_hints_in_plain_words() {
        assert_eq!(describe(&Found::Signed(-5)), "the number `-5`");
        assert_eq!(describe(&Found::Text("abc".into())), "the text \"abc\"");
        assert_eq!(describe(&Found::Mapping), "a mapping (`key: value` lines)");
        let expected = describe_expected("u32");
        assert_eq!(expected, "a positive whole number");
        assert_eq!(
            type_hint(&expected, &Found::Signed(-5)),
            "the number must be positive, e.g. 90"
        );
        assert!(type_hint(&expected, &Found::Float(1.5)).contains("without a decimal point"));
        assert!(type_hint(&expected, &Found::Text("soon".into())).contains("without quotes"));
        assert!(type_hint(&expected, &Found::Unsigned(1 << 40)).contains("too large"));
    }
}
