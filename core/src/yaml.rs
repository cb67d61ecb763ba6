//! The generic located YAML loader used for playbooks and scenarios.
//!
//! Hostile or broken input gets a clear, located [`Diagnostic`] — never a
//! panic or a hang. The file is parsed once; the order of checks:
//! 1. size (1 MiB, before reading the whole file), UTF-8, NUL bytes, empty;
//! 2. the parse ([`parse`]) into a marked tree, enforcing nesting depth,
//!    alias expansion and value size without recursion;
//! 3. tabs used for indentation; a top level that is not a mapping;
//! 4. deserialization from the tree ([`de`]): unknown keys with
//!    did-you-mean, missing keys, wrong types — typed errors, each at the
//!    node it concerns ([`explain`]);
//! 5. the caller's semantic rules, every [`Problem`] located through the
//!    tree and all reported at once.

pub mod de;
pub mod explain;
pub mod indent;
pub mod node;
pub mod parse;

use crate::diagnostic::{Diagnostic, Problem};
use indent::{dedented_diagnostic, dedented_key, first_tab_indent, tab_diagnostic};
use node::{Kind, Node, Pos};
use parse::Document;
use serde::de::DeserializeOwned;

/// Largest file accepted, checked before parsing (and before reading).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The diagnostic for a file over [`MAX_FILE_BYTES`] (`size` bytes).
pub fn too_big(file: &str, size: u64) -> Diagnostic {
    Diagnostic::file_level(
        file,
        format!(
            "file is too large ({} KiB); the limit is 1 MiB ({MAX_FILE_BYTES} bytes)",
            size.div_ceil(1024)
        ),
    )
    .at_start()
    .with_expected("a YAML file of at most 1 MiB (a playbook is a few dozen KiB)")
    .with_hint("is this the right file? Split very long texts or remove pasted material")
}

/// Loads `bytes` (the content of `file_name`) as a `T`, then applies
/// `validate`; every problem comes back as a located [`Diagnostic`].
pub fn load_str<T: DeserializeOwned>(
    file_name: &str,
    bytes: &[u8],
    validate: impl Fn(&T) -> Vec<Problem>,
) -> Result<T, Vec<Diagnostic>> {
    let text = precheck(file_name, bytes)?;
    let doc = match parse::parse(text) {
        Ok(d) => d,
        Err(p) => {
            // A syntax error after tab indentation is almost always caused by it.
            if let Some(tab) = first_tab_indent(text, &[]).filter(|t| t.0 <= p.pos.line || p.syntax)
            {
                return Err(vec![tab_diagnostic(file_name, text, tab)]);
            }
            let lines: Vec<&str> = text.split('\n').collect();
            if let Some(key) = dedented_key(&lines, p.pos.line).filter(|_| p.syntax) {
                return Err(vec![dedented_diagnostic(
                    file_name, text, &lines, key, p.pos.line,
                )]);
            }
            let mut d =
                Diagnostic::file_level(file_name, p.message).at(text, p.pos.line, p.pos.column);
            d.expected = p.expected;
            d.hint = p.hint;
            return Err(vec![d]);
        }
    };
    if let Some(tab) = first_tab_indent(text, &doc.block_scalars) {
        return Err(vec![tab_diagnostic(file_name, text, tab)]);
    }
    let root = check_root(file_name, text, doc.root.as_ref())?;
    let value: T =
        de::from_node(root).map_err(|e| vec![explain::diagnose(file_name, text, &e, &doc)])?;
    let problems = validate(&value);
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(locate_problems(file_name, text, &doc, problems))
    }
}

/// Parses `text` as a `T` without semantic rules: for YAML embedded in the
/// program (default cue lists), where a failure is the program's own.
pub fn from_str<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Vec<Diagnostic>> {
    load_str(name, text.as_bytes(), |_| Vec::new())
}

/// Turns semantic problems into diagnostics, sorted top to bottom.
pub fn locate_problems(
    file_name: &str,
    text: &str,
    doc: &Document,
    problems: Vec<Problem>,
) -> Vec<Diagnostic> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| {
            let spot = p.offset.and_then(|offset| {
                let node = doc.root.as_ref()?.find(&p.path)?;
                node.char_pos(&lines, offset)
            });
            let pos = spot.unwrap_or_else(|| refine(&lines, doc.locate(&p.path).pos, &p.message));
            let mut d = Diagnostic::file_level(file_name, p.message)
                .at_in(&lines, pos.line, pos.column)
                .with_path(p.path);
            d.expected = p.expected;
            d.hint = p.hint;
            d
        })
        .collect();
    out.sort_by_key(|d| (d.line, d.column));
    out
}

/// A problem is located at the start of its value; when the message quotes
/// a token (`` `{klant}` ``) that appears later in that value — on its line
/// or, for a multi-line value, on the more-indented lines below — point at it.
fn refine(lines: &[&str], pos: Pos, message: &str) -> Pos {
    let Some(token) = message.split('`').nth(1).filter(|t| !t.is_empty()) else {
        return pos;
    };
    let Some(first) = lines.get(pos.line.saturating_sub(1)) else {
        return pos;
    };
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let key_indent = indent(first);
    let start = first
        .char_indices()
        .nth(pos.column.saturating_sub(1))
        .map_or(first.len(), |(b, _)| b);
    if let Some(b) = first[start..].find(token) {
        return Pos {
            line: pos.line,
            column: pos.column + first[start..start + b].chars().count(),
        };
    }
    // A block scalar's value starts on its own line: it continues while
    // lines keep that indentation. Otherwise while lines are indented
    // deeper than the key.
    let own_line = first[..start].trim().is_empty();
    let ends = |l: &str| {
        !l.trim().is_empty()
            && if own_line {
                indent(l) < pos.column.saturating_sub(1)
            } else {
                indent(l) <= key_indent
            }
    };
    for (i, l) in lines.iter().enumerate().skip(pos.line) {
        if ends(l) {
            break;
        }
        if let Some(b) = l.find(token) {
            return Pos {
                line: i + 1,
                column: l[..b].chars().count() + 1,
            };
        }
    }
    pos
}

/// Size, encoding, NUL bytes and emptiness; returns the text without BOM.
fn precheck<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Vec<Diagnostic>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![too_big(file, bytes.len() as u64)]);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(vec![
            Diagnostic::file_level(file, "file is encoded as UTF-16")
                .at_start()
                .with_expected("UTF-8 text")
                .with_hint("save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)"),
        ]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let (line, column) = line_col(&String::from_utf8_lossy(&bytes[..at]));
            let lossy = String::from_utf8_lossy(bytes);
            return Err(vec![
                Diagnostic::file_level(
                    file,
                    format!(
                        "invalid UTF-8: byte 0x{:02X} at byte offset {at}",
                        bytes[at]
                    ),
                )
                .at(&lossy, line, column)
                .with_expected("UTF-8 text")
                .with_hint("save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)"),
            ]);
        }
    };
    if let Some(at) = text.find('\0') {
        let (line, column) = line_col(&text[..at]);
        return Err(vec![
            Diagnostic::file_level(file, format!("NUL byte at byte offset {at}"))
                .at(text, line, column)
                .with_expected("text without NUL (\\0) bytes")
                .with_hint("this looks like a binary file; a playbook is plain UTF-8 text"),
        ]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::file_level(file, "file is empty")
            .at(text, 1, 1)
            .with_expected("a YAML mapping of `key: value` lines")
            .with_hint("see the format reference in the README, or start from a copy (`callcoach playbook new NAME`)")]);
    }
    Ok(text)
}

/// 1-based line and column of the position just after `prefix`.
fn line_col(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn check_root<'a>(
    file: &str,
    text: &str,
    root: Option<&'a Node>,
) -> Result<&'a Node, Vec<Diagnostic>> {
    let expected = "a mapping of `key: value` lines at the top level";
    let Some(root) = root else {
        return Err(vec![
            Diagnostic::file_level(file, "file has no content (only comments)")
                .at(text, 1, 1)
                .with_expected(expected)
                .with_hint("see the format reference in the README, or start from a copy (`callcoach playbook new NAME`)"),
        ]);
    };
    let (found, hint) = match root.kind {
        Kind::Map(_) => return Ok(root),
        Kind::Seq(_) => (
            "the top level is a list",
            "the file itself is one mapping: remove the leading `- ` and unindent",
        ),
        Kind::Scalar { .. } => (
            "the top level is a single value",
            "write `key: value` lines; a text containing `: ` must be quoted",
        ),
    };
    Err(vec![
        Diagnostic::file_level(file, found)
            .at(text, root.pos.line, root.pos.column)
            .with_expected(expected)
            .with_hint(hint),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: String,
        #[serde(default)]
        notes: String,
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
    }

    fn rules(d: &Doc) -> Vec<Problem> {
        d.items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.id == "bad")
            .map(|(n, _)| Problem::new(format!("items[{n}].id"), "bad id").hint("rename it"))
            .collect()
    }

    fn load(text: &str) -> Result<Doc, Vec<Diagnostic>> {
        load_str("doc.yaml", text.as_bytes(), rules)
    }

    #[test]
    fn semantic_problems_are_all_located_in_file_order() {
        let e = load("name: x\nitems:\n  - id: bad\n  - id: ok\n  - id: bad\n").unwrap_err();
        let at: Vec<(usize, usize)> = e.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(at, vec![(3, 9), (5, 9)]);
        assert_eq!(e[0].path.as_deref(), Some("items[0].id"));
        assert_eq!(e[0].hint.as_deref(), Some("rename it"));
    }

    #[test]
    fn problems_point_at_the_quoted_token_within_the_value() {
        let p = |line, column| Pos { line, column };
        let m = "unknown `{klant}`";
        assert_eq!(refine(&["  text: Hi {klant}!"], p(1, 9), m), p(1, 12));
        assert_eq!(refine(&["  text: Hi"], p(1, 9), m), p(1, 9));
        // Block scalars: the value starts on its own, indented line.
        let block = [
            "  body: |-",
            "    Dear",
            "    {klant},",
            "  source: x {klant}",
        ];
        assert_eq!(refine(&block, p(2, 5), m), p(3, 5));
        let block = ["  body: |-", "    Dear", "  source: x {klant}"];
        assert_eq!(refine(&block, p(2, 5), m), p(2, 5));
        // A plain value continued on deeper lines.
        let plain = ["  - text: Dear", "      {klant}", "  - text: {klant}"];
        assert_eq!(refine(&plain, p(1, 11), m), p(2, 7));
    }

    #[test]
    fn tabs_in_block_scalars_are_content_but_not_indentation() {
        let ok = load("name: x\nnotes: |\n  a\n  \tindented by a tab inside the text\nitems: []\n");
        let ok = ok.unwrap();
        assert_eq!(ok.name, "x");
        assert!(ok.notes.contains("\tindented"));
        let e = load("name: x\nitems:\n\t- id: a\n").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (3, 1));
        assert!(e[0].message.contains("tab"));
    }

    #[test]
    fn bom_is_accepted_and_unknown_keys_get_did_you_mean() {
        assert!(load("\u{feff}name: x\nitems: []\n").is_ok());
        let e = load("name: x\nitem: []\n").unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].column), (2, 1));
        assert_eq!(e[0].message, "unknown key `item`");
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `items`?"));
        assert_eq!(
            e[0].expected.as_deref(),
            Some("one of `name`, `notes`, `items`")
        );
    }

    #[test]
    fn missing_keys_point_at_the_mapping_that_lacks_them() {
        let e = load("name: x\nitems:\n  - idd: a\n").unwrap_err();
        assert_eq!(e[0].message, "unknown key `idd`");
        let e = load("name: x\nitems:\n  - {}\n").unwrap_err();
        assert_eq!(e[0].message, "missing key `id`");
        assert_eq!(e[0].line, 3);
    }
}
