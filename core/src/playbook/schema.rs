//! The checker's field rules that JSON Schema can express, for the
//! `schemars` attributes on the playbook and scenario models: patterns for
//! texts and ids (ECMA-262 syntax, which editors and `ajv` use, and which
//! the Rust `regex` crate reads the same), and the limits they share with
//! [`super::validate`]. Rules JSON Schema cannot express (unique ids,
//! references to sources and beats) stay the checker's alone.

use super::validate::MAX_ID_CHARS;

/// Characters no text may contain (see [`crate::text::is_forbidden_char`]),
/// as the inside of a regex character class: C0 controls but tab and line
/// feed, DEL, C1 controls, and bidirectional marks and overrides.
const FORBIDDEN: &str =
    r"\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069";

/// How many lines a text may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    /// Any number.
    Many,
    /// One line; line breaks at the end are tolerated (the playbook rule).
    One,
    /// One line and no line break at all (the scenario rule).
    Strict,
}

/// The pattern of a non-empty text without forbidden characters, of
/// `lines` lines, whose braces (when `placeholders` is given) are `{{`,
/// `}}` or one of those `{name}`s.
pub fn text(lines: Lines, placeholders: Option<&[&str]>) -> String {
    let f = FORBIDDEN;
    // What may stand between the first non-blank character and the end.
    let (braces, unit) = match placeholders {
        Some(names) => (
            "{}",
            format!(r"|\{{\{{|\}}\}}|\{{(?:{})\}}", names.join("|")),
        ),
        None => ("", String::new()),
    };
    let nl = if lines == Lines::Many { "" } else { r"\n" };
    let first = format!(r"(?:[^\s{braces}{f}]{unit})");
    let rest = format!(r"(?:[^{nl}{braces}{f}]{unit})*");
    let lead = format!(r"[^\S{nl}{f}]*");
    let tail = if lines == Lines::One {
        format!(r"[^\S{f}]*")
    } else {
        String::new()
    };
    format!("^{lead}{first}{rest}{tail}$")
}

/// A multi-line text.
pub fn any_text() -> String {
    text(Lines::Many, None)
}

/// A one-line text (playbook rule).
pub fn one_line() -> String {
    text(Lines::One, None)
}

/// A one-line text with no line break at all (scenario rule).
pub fn strict_line() -> String {
    text(Lines::Strict, None)
}

/// For a mapping of lists of one-line texts (a scenario's cue lists):
/// every list's items get the scenario's one-line pattern.
pub fn one_line_items(schema: &mut schemars::Schema) {
    let pattern = strict_line();
    let lists = schema
        .get_mut("properties")
        .and_then(|p| p.as_object_mut())
        .into_iter()
        .flat_map(|p| p.values_mut());
    for items in lists.filter_map(|list| list.get_mut("items")?.as_object_mut()) {
        items.insert("pattern".into(), pattern.clone().into());
    }
}

/// A playbook or scenario id, and the playbook a scenario names:
/// lower-case letters, digits and `-`, starting with a letter or digit.
pub const PLAYBOOK_ID: &str = "^[a-z0-9][a-z0-9-]*$";

/// An id inside a playbook (checklist items, questions, causes):
/// lower-case letters, digits, `_` and `-`, starting with a letter or digit.
pub const ITEM_ID: &str = "^[a-z0-9][a-z0-9_-]*$";

/// A scenario id and the playbook it names: lower-case letters, digits
/// and `-`.
pub const SCENARIO_ID: &str = "^[a-z0-9-]+$";

/// A source id (playbooks and scenarios share the type; this is what
/// both checkers accept) and a beat id: lower-case letters, digits, `_`
/// and `-`.
pub const SOURCE_ID: &str = "^[a-z0-9_-]+$";

/// Longest id, for `maxLength`.
pub const ID_MAX: usize = MAX_ID_CHARS;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_read_as_expected() {
        assert_eq!(
            text(Lines::Strict, Some(&["a", "b"])),
            format!(
                r"^[^\S\n{FORBIDDEN}]*(?:[^\s{{}}{FORBIDDEN}]|\{{\{{|\}}\}}|\{{(?:a|b)\}})(?:[^\n{{}}{FORBIDDEN}]|\{{\{{|\}}\}}|\{{(?:a|b)\}})*$"
            )
        );
        assert_eq!(
            any_text(),
            format!(r"^[^\S{FORBIDDEN}]*(?:[^\s{FORBIDDEN}])(?:[^{FORBIDDEN}])*$")
        );
    }
}
