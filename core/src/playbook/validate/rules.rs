//! The rules every field obeys, whatever its place: texts, ids, uniqueness,
//! cited sources and placeholders.

use super::{Lines, MAX_ID_CHARS, MAX_LINE_CHARS, Problem, Validator};
use crate::diagnostic::did_you_mean;
use std::collections::HashMap;

impl Validator<'_> {
    /// Non-empty, no control characters, one line where required, not
    /// absurdly long. Returns true when the text passed.
    pub(super) fn text(&mut self, at: &str, s: &str, lines: Lines) -> bool {
        if s.trim().is_empty() {
            self.push(
                Problem::new(at, "empty text")
                    .expected("a non-empty text")
                    .hint("write the text, or remove the entry"),
            );
            return false;
        }
        if let Some((i, c)) = crate::text::find_forbidden(s) {
            self.push(
                Problem::new(
                    at,
                    format!(
                        "control character U+{:04X} at character {}",
                        c as u32,
                        i + 1
                    ),
                )
                .expected("plain text without control or bidirectional-override characters")
                .hint(
                    "remove it; it may have come in with copy-and-paste or a `\\x…`/`\\u…` escape",
                ),
            );
            return false;
        }
        if lines == Lines::One {
            if s.trim_end().contains(['\n', '\r']) {
                self.push(
                    Problem::new(at, "text spans several lines")
                        .expected("a single line")
                        .hint(
                            "put it on one line; use a `tip` or `guidance` for longer explanations",
                        ),
                );
                return false;
            }
            let n = s.chars().count();
            if n > MAX_LINE_CHARS {
                self.push(
                    Problem::new(at, format!("one-line text of {n} characters"))
                        .expected(format!("at most {MAX_LINE_CHARS} characters"))
                        .hint("shorten it; longer explanations belong in a `tip`, `summary` or `guidance`"),
                );
                return false;
            }
        }
        true
    }

    /// An id: lower-case letters, digits and `-` (and `_` when `underscore`).
    pub(super) fn id(&mut self, at: &str, id: &str, underscore: bool) {
        let ok_char = |c: char| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (underscore && c == '_')
        };
        let starts_ok = id
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !starts_ok || !id.chars().all(ok_char) || id.chars().count() > MAX_ID_CHARS {
            let allowed = if underscore {
                "lower-case letters, digits, `_` and `-`"
            } else {
                "lower-case letters, digits and `-`"
            };
            let suggestion: String = id
                .trim()
                .to_lowercase()
                .chars()
                .map(|c| if ok_char(c) { c } else { '-' })
                .take(MAX_ID_CHARS)
                .collect();
            let mut p = Problem::new(at, format!("invalid id `{}`", id)).expected(format!(
                "{allowed}, starting with a letter or digit, at most {MAX_ID_CHARS} characters"
            ));
            if suggestion
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                p = p.hint(format!("e.g. `{suggestion}`"));
            } else {
                p = p.hint("ids are stored with every call; keep them short and stable");
            }
            self.push(p);
        }
    }

    /// Each id at most once within `ids` (paths and values).
    pub(super) fn unique(&mut self, what: &str, ids: &[(String, &str)]) {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (at, id) in ids {
            match seen.get(id) {
                Some(first) => self.push(
                    Problem::new(at, format!("duplicate {what} id `{id}`"))
                        .expected(format!("each {what} id once"))
                        .hint(format!("`{id}` is already used at `{first}`; rename one")),
                ),
                None => {
                    seen.insert(id, at);
                }
            }
        }
    }

    /// `source` names an entry of `sources`.
    pub(super) fn source(&mut self, at: &str, source: &str) {
        if self.pb.source(source).is_some() {
            return;
        }
        let known: Vec<&str> = self.pb.sources.iter().map(|s| s.id.as_str()).collect();
        let listed = if known.is_empty() {
            "the id of an entry in `sources` (there are none)".to_owned()
        } else {
            let names: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            format!("one of {}", names.join(", "))
        };
        let hint = match did_you_mean(source, &known) {
            Some(m) => format!("did you mean `{m}`?"),
            None => "add the article to `sources`, or cite one that is listed".to_owned(),
        };
        self.push(
            Problem::new(at, format!("unknown source `{source}`"))
                .expected(listed)
                .hint(hint),
        );
    }

    /// Only `allowed` placeholders, and every brace part of one (or
    /// doubled). Each problem is placed at its own brace, so that in a
    /// long e-mail body it is shown on its own line.
    pub(super) fn placeholders(&mut self, at: &str, s: &str, allowed: &[&str]) {
        let list = || {
            allowed
                .iter()
                .map(|a| format!("{{{a}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for brace in braces(s) {
            let problem = match brace {
                Brace::Placeholder { name, .. } if allowed.contains(&name) => continue,
                Brace::Placeholder { name, at: offset } => {
                    let hint = match did_you_mean(name, allowed) {
                        Some(m) => format!("did you mean `{{{m}}}`?"),
                        None => "use one of the placeholders above (filled in during the call), or write `{{` and `}}` for literal braces".to_owned(),
                    };
                    Problem::new(at, format!("unknown placeholder `{{{name}}}`"))
                        .expected(format!("one of {}", list()))
                        .hint(hint)
                        .at_char(offset)
                }
                Brace::Open(offset) => Problem::new(at, "a `{` that opens no placeholder")
                    .expected(format!("placeholders such as {}", list()))
                    .hint("close the placeholder on the same line, e.g. `{customer}`, or write `{{` for a literal brace")
                    .at_char(offset),
                Brace::Close(offset) => Problem::new(at, "a `}` that closes no placeholder")
                    .expected(format!("placeholders such as {}", list()))
                    .hint("remove it, or write `}}` for a literal brace")
                    .at_char(offset),
            };
            self.push(problem);
        }
    }
}

/// What a brace of a template is part of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Brace<'a> {
    /// `{name}`, starting at character `at`.
    Placeholder {
        /// The text between the braces.
        name: &'a str,
        /// Character offset of the `{`.
        at: usize,
    },
    /// A `{` not closed on its line (before another `{`), at this
    /// character offset.
    Open(usize),
    /// A `}` that closes nothing, at this character offset.
    Close(usize),
}

/// The placeholders and stray braces of `s`, in order; `{{` and `}}` are
/// literal braces. A placeholder closes on its own line.
pub(super) fn braces(s: &str) -> Vec<Brace<'_>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().enumerate().peekable();
    while let Some((n, (i, c))) = chars.next() {
        let doubled = chars.peek().is_some_and(|&(_, (_, next))| next == c);
        match c {
            '{' | '}' if doubled => {
                chars.next();
            }
            '}' => out.push(Brace::Close(n)),
            '{' => {
                let rest = &s[i + 1..];
                match rest.find(['{', '}', '\n']) {
                    Some(j) if rest[j..].starts_with('}') => {
                        out.push(Brace::Placeholder {
                            name: &rest[..j],
                            at: n,
                        });
                        // Skip the name and the closing brace.
                        for _ in 0..rest[..j].chars().count() + 1 {
                            chars.next();
                        }
                    }
                    _ => out.push(Brace::Open(n)),
                }
            }
            _ => {}
        }
    }
    out
}
