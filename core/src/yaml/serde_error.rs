//! Turns a `serde_yaml` error into a [`Diagnostic`]: the location from the
//! error (or from the path index), the message in a team lead's words, the
//! expected keys or values, and a did-you-mean hint.

use super::index::PathIndex;
use crate::diagnostic::{Diagnostic, did_you_mean};

/// Longest message taken over from serde (it can quote a whole value).
const MAX_MESSAGE_CHARS: usize = 300;

/// Message heads serde produces; whatever precedes one (before `: `) is the
/// path serde_yaml prefixes.
const HEADS: &[&str] = &[
    "unknown field `",
    "missing field `",
    "duplicate field `",
    "unknown variant `",
    "invalid type: ",
    "invalid value: ",
    "invalid length ",
];

/// The names between backticks in `s` (serde's `expected one of …` list).
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_MESSAGE_CHARS {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(MAX_MESSAGE_CHARS).collect();
        format!("{cut}…")
    }
}

/// Splits serde_yaml's `path: message at line L column C`.
fn split_message(full: &str) -> (Option<String>, String) {
    let body = match full.rfind(" at line ") {
        Some(i) if full[i..].contains(" column ") => &full[..i],
        _ => full,
    };
    let head = HEADS.iter().filter_map(|h| body.find(h)).min().unwrap_or(0);
    // `get`: the bytes before `head` may be part of a multi-byte character.
    if head >= 2 && body.get(head - 2..head) == Some(": ") {
        (Some(body[..head - 2].to_owned()), body[head..].to_owned())
    } else {
        (None, body.to_owned())
    }
}

fn first_backticked(s: &str) -> String {
    backticked(s).first().copied().unwrap_or("").to_owned()
}

/// Builds the diagnostic for `err` found while deserializing `text`.
pub fn diagnose(file: &str, text: &str, err: &serde_yaml::Error, index: &PathIndex) -> Diagnostic {
    let (path, body) = split_message(&err.to_string());
    let mut d = Diagnostic::file_level(file, shorten(&body));

    if let Some(rest) = body.strip_prefix("unknown field `") {
        let found = rest.split('`').next().unwrap_or("");
        let valid = backticked(rest.get(found.len() + 1..).unwrap_or(""));
        d.message = format!("unknown key `{found}`");
        if valid.is_empty() {
            d.expected = Some("no keys here".into());
        } else {
            d.expected = Some(one_of(&valid));
        }
        d.hint = Some(match did_you_mean(found, &valid) {
            Some(m) => format!("did you mean `{m}`?"),
            None => {
                "remove it, or check its spelling and indentation (keys are case-sensitive)".into()
            }
        });
    } else if body.starts_with("missing field `") {
        let key = first_backticked(&body);
        d.message = format!("missing key `{key}`");
        d.expected = Some(format!("a `{key}:` entry in this mapping"));
        d.hint = Some(missing_key_hint(&key, path.as_deref(), index));
    } else if body.starts_with("duplicate field `") {
        let key = first_backticked(&body);
        d.message = format!("key `{key}` appears twice in this mapping");
        d.expected = Some("each key at most once".into());
        d.hint = Some("remove or rename one of them; check the indentation if they belong to different entries".into());
    } else if let Some(rest) = body.strip_prefix("unknown variant `") {
        let found = rest.split('`').next().unwrap_or("");
        let valid = backticked(rest.get(found.len() + 1..).unwrap_or(""));
        d.message = format!("unknown value `{found}`");
        d.expected = Some(one_of(&valid));
        d.hint = Some(match did_you_mean(found, &valid) {
            Some(m) => format!("did you mean `{m}`?"),
            None => "use one of the expected values exactly as written".into(),
        });
    } else if let Some(rest) = body.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let what = if found.starts_with("integer") || found.starts_with("floating") {
            "invalid number"
        } else {
            "wrong type"
        };
        d.message = shorten(&format!("{what}: found {}", describe(found)));
        let expected = describe_expected(expected);
        d.hint = Some(type_hint(&expected, found).into());
        d.expected = Some(expected);
    } else if let Some(rest) = body.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        d.message = shorten(&format!("invalid value: {}", describe(found)));
        let expected = describe_expected(expected);
        d.hint = Some(type_hint(&expected, found).into());
        d.expected = Some(expected);
    } else if body.contains("recursion limit") {
        d.hint = Some("the file is nested too deeply".into());
    } else if body.contains("repetition limit") {
        d.hint = Some("too many aliases (`*name`); write the content out instead".into());
    } else {
        d.hint = Some("check the indentation and quoting around this line".into());
    }

    // A missing key is shown at the mapping that lacks it (serde points at
    // the mapping's first entry).
    let at_mapping = body.starts_with("missing field `");
    match err.location() {
        Some(loc) if loc.line() > 0 && !at_mapping => d = d.at(text, loc.line(), loc.column()),
        loc => {
            let l = index.locate(path.as_deref().filter(|p| *p != ".").unwrap_or(""));
            if path.is_some() || loc.is_none() {
                d = d.at(text, l.pos.line, l.pos.column);
            } else if let Some(loc) = loc {
                d = d.at(text, loc.line(), loc.column());
            }
        }
    }
    if let Some(p) = path.filter(|p| p != ".") {
        d = d.with_path(p);
    }
    d
}

/// For a missing key: when the key exists one level up, it is probably
/// indented too little; say where.
fn missing_key_hint(key: &str, path: Option<&str>, index: &PathIndex) -> String {
    let path = path.filter(|p| *p != ".").unwrap_or("");
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
    let found = index.locate(&candidate);
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

/// serde's description of a found value, in plain words.
fn describe(found: &str) -> String {
    if found == "map" {
        "a mapping (`key: value` lines)".into()
    } else if found == "sequence" {
        "a list".into()
    } else if found == "unit value" {
        "nothing (an empty value)".into()
    } else if let Some(n) = found.strip_prefix("integer ") {
        format!("the number {n}")
    } else if let Some(n) = found.strip_prefix("floating point ") {
        format!("the decimal number {n}")
    } else if let Some(b) = found.strip_prefix("boolean ") {
        format!("the value {b}")
    } else {
        found.replace("string ", "the text ")
    }
}

fn describe_expected(expected: &str) -> String {
    match expected {
        "" => "something else".into(),
        "u32" | "u64" | "u16" | "u8" | "usize" => "a positive whole number".into(),
        "i32" | "i64" => "a whole number".into(),
        "a string" => "a text".into(),
        "a sequence" => "a list".into(),
        "a boolean" => "`true` or `false`".into(),
        e if e.starts_with("struct ") || e == "a map" => "a mapping (`key: value` lines)".into(),
        e if e.starts_with("a sequence") => "a list".into(),
        e => e.to_owned(),
    }
}

fn type_hint(expected: &str, found: &str) -> &'static str {
    if expected.contains("list") {
        "write a list: one entry per line, each starting with `- `"
    } else if expected.contains("mapping") {
        "write `key: value` lines indented under this key"
    } else if expected.contains("number") && found.starts_with("integer `-") {
        "the number must be positive, e.g. 90"
    } else if expected.contains("whole number") && found.starts_with("floating point") {
        "write whole seconds, without a decimal point, e.g. 90"
    } else if expected.contains("number") {
        "write a number without quotes, e.g. 90"
    } else if expected.contains("true") {
        "write `true` or `false` without quotes"
    } else if expected.contains("text") && found.starts_with("map") {
        "a text containing `: ` must be put in quotes"
    } else if expected.contains("text") {
        "put the text in quotes"
    } else {
        "check the value against the expected form"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_values_and_number_hints_in_plain_words() {
        assert_eq!(describe("integer `-5`"), "the number `-5`");
        assert_eq!(describe("string \"abc\""), "the text \"abc\"");
        assert_eq!(describe("map"), "a mapping (`key: value` lines)");
        let expected = describe_expected("u32");
        assert_eq!(expected, "a positive whole number");
        assert_eq!(
            type_hint(&expected, "integer `-5`"),
            "the number must be positive, e.g. 90"
        );
        assert!(type_hint(&expected, "floating point `1.5`").contains("without a decimal point"));
        assert!(type_hint(&expected, "string \"soon\"").contains("without quotes"));
    }

    #[test]
    fn splits_serde_yaml_messages() {
        let (p, m) = split_message(
            "stages.listen: unknown field `phrasess`, expected one of `title`, `goal` at line 3 column 5",
        );
        assert_eq!(p.as_deref(), Some("stages.listen"));
        assert_eq!(
            m,
            "unknown field `phrasess`, expected one of `title`, `goal`"
        );
        let (p, _) = split_message("€unknown field `x`, expected `y`");
        assert_eq!(p, None);
        let (p, m) = split_message("invalid type: string \"a: b\", expected u32");
        assert_eq!(p, None);
        assert_eq!(m, "invalid type: string \"a: b\", expected u32");
    }
}
