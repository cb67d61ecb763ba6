//! Located problems in a YAML file (playbook or scenario), rendered for a
//! team lead: file:line:column, what was found, what was expected, a hint,
//! and the offending line with a marker.
//!
//! ```text
//! team.yaml:30:5: error: unknown key `phrasess` (in stages.listen)
//!     |
//!  30 |     phrasess:
//!     |     ^^^^^^^^
//!     = expected: one of `title`, `goal`, `time_hint_secs`, `checklist`, `phrases`, `pitfalls`
//!     = hint: did you mean `phrases`?
//! ```

use std::fmt;
use unicode_width::UnicodeWidthChar;

/// Longest excerpt of the offending line shown, in characters, so that a
/// 900 KB one-line file still gives a one-screen message.
const SNIPPET_WIDTH: usize = 100;

/// A rule broken at a YAML path such as `stages.listen.checklist[2].source`.
/// Validators produce these without knowing positions; the loader locates
/// them in the file (see [`crate::yaml::load_str`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Dotted path to the offending value (`[n]` for list elements).
    pub path: String,
    /// What is wrong (what was found).
    pub message: String,
    /// What was expected.
    pub expected: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
    /// For a problem at one spot of a longer text: the character offset
    /// into the value at `path`, so the loader can show that spot's own
    /// line and column rather than the start of the value.
    pub offset: Option<usize>,
}

impl Problem {
    /// A problem at `path` with `message` and no expectation or hint.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
            expected: None,
            hint: None,
            offset: None,
        }
    }

    /// Places the problem at character `offset` of the value's text.
    pub fn at_char(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Adds what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// An excerpt of the offending line, ready to draw with a marker under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The excerpt: sanitised (controls shown as `�`, tabs as `→`) and cut
    /// to a window around the marker (`…` where cut).
    pub text: String,
    /// Display cells before the marker within `text`.
    pub marker_offset: usize,
    /// Display cells the marker covers (at least 1).
    pub marker_width: usize,
}

impl Snippet {
    /// Builds the excerpt of `line` (one line of the file, without its line
    /// break) marking the token at 1-based character `column`.
    pub fn new(line: &str, column: usize) -> Self {
        let chars: Vec<char> = line.chars().collect();
        let col = column.max(1) - 1;
        let col = col.min(chars.len());
        // Window: keep the marker well inside the excerpt.
        let start = col.saturating_sub(SNIPPET_WIDTH / 2);
        let end = (start + SNIPPET_WIDTH).min(chars.len());
        let shown = |c: char| -> char {
            if c == '\t' {
                '→'
            } else if crate::text::is_forbidden_char(c) || c == '\r' {
                '�'
            } else {
                c
            }
        };
        let width = |c: char| UnicodeWidthChar::width(c).unwrap_or(1);
        let mut text = String::new();
        let mut marker_offset = 0;
        if start > 0 {
            text.push('…');
            marker_offset += 1;
        }
        for &c in &chars[start..col] {
            let s = shown(c);
            marker_offset += width(s);
            text.push(s);
        }
        // The marker covers the token: up to a separator, at least one cell.
        let token = chars[col..end]
            .iter()
            .enumerate()
            .take_while(|(i, c)| {
                *i == 0 || !(c.is_whitespace() || matches!(c, ':' | ',' | '[' | ']' | '{' | '}'))
            })
            .count();
        // A marked separator (tab, bracket) is marked alone.
        // A `{placeholder}` is marked whole.
        let placeholder = (chars.get(col) == Some(&'{'))
            .then(|| chars[col + 1..end].iter().position(|c| *c == '}'))
            .flatten()
            .filter(|&n| {
                n > 0
                    && chars[col + 1..col + 1 + n]
                        .iter()
                        .all(|c| c.is_alphanumeric() || *c == '_')
            })
            .map(|n| n + 2);
        let token = match (placeholder, chars.get(col)) {
            (Some(n), _) => n,
            (None, Some(c)) if c.is_whitespace() || matches!(c, '[' | ']' | '{' | '}' | ',') => 1,
            _ => token,
        };
        let mut marker_width = 0;
        for &c in &chars[col..end] {
            text.push(shown(c));
        }
        for &c in &chars[col..col + token] {
            marker_width += width(shown(c));
        }
        if end < chars.len() {
            text.push('…');
        }
        Snippet {
            text,
            marker_offset,
            marker_width: marker_width.max(1),
        }
    }
}

/// One problem found while loading or validating a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// File name as given by the user (or `<built-in …>`).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when unknown.
    pub column: usize,
    /// The YAML path of the offending node (`stages.listen.checklist[2]`),
    /// when known.
    pub path: Option<String>,
    /// What is wrong (what was found).
    pub message: String,
    /// What was expected instead, if that can be said.
    pub expected: Option<String>,
    /// A hint on how to fix it.
    pub hint: Option<String>,
    /// The offending line with its marker, if known.
    pub snippet: Option<Snippet>,
}

impl Diagnostic {
    /// A problem concerning the whole file.
    pub fn file_level(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: 0,
            column: 0,
            path: None,
            message: message.into(),
            expected: None,
            hint: None,
            snippet: None,
        }
    }

    /// Places the problem at 1-based `line` and `column` of `text` (the
    /// whole file), taking the offending line from it.
    pub fn at(self, text: &str, line: usize, column: usize) -> Self {
        let wanted = line.max(1) - 1;
        let source = text.split('\n').nth(wanted);
        self.at_line(source, line, column)
    }

    /// Like [`Diagnostic::at`], with the file already split into lines
    /// (`text.split('\n')`), for locating many problems in one file.
    pub fn at_in(self, lines: &[&str], line: usize, column: usize) -> Self {
        let source = lines.get(line.max(1) - 1).copied();
        self.at_line(source, line, column)
    }

    fn at_line(mut self, source: Option<&str>, line: usize, column: usize) -> Self {
        self.line = line.max(1);
        self.column = column.max(1);
        self.snippet = source.map(|l| Snippet::new(l.strip_suffix('\r').unwrap_or(l), self.column));
        self
    }

    /// Places the problem at the start of the file (line 1, column 1)
    /// without showing a line: for problems of the file as a whole whose
    /// content was not (or could not be) read as text.
    pub fn at_start(mut self) -> Self {
        self.line = 1;
        self.column = 1;
        self.snippet = None;
        self
    }

    /// Adds the YAML path of the offending node.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        self.path = (!path.is_empty()).then_some(path);
        self
    }

    /// Adds what was expected.
    pub fn with_expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// One line: `file:line:col: message`, for lists and logs.
    pub fn summary(&self) -> String {
        let loc = if self.line > 0 {
            format!("{}:{}:{}", self.file, self.line, self.column)
        } else {
            self.file.clone()
        };
        crate::text::sanitize_line(&format!("{loc}: {}", self.message))
    }

    /// Renders the diagnostic; with `color`, ANSI colours mark the parts.
    pub fn render(&self, color: bool) -> String {
        let paint = |code: &str, s: &str| {
            if color {
                format!("\x1b[{code}m{s}\x1b[0m")
            } else {
                s.to_owned()
            }
        };
        let clean = crate::text::sanitize_line;
        let loc = if self.line > 0 {
            format!("{}:{}:{}", self.file, self.line, self.column)
        } else {
            self.file.clone()
        };
        let mut out = format!(
            "{}: {} {}",
            paint("1", &clean(&loc)),
            paint("1;31", "error:"),
            paint("1", &clean(&self.message))
        );
        if let Some(path) = &self.path {
            out.push_str(&format!(" (in {})", clean(path)));
        }
        let num = if self.line > 0 {
            self.line.to_string()
        } else {
            String::new()
        };
        let pad = " ".repeat(num.len() + 1);
        if let Some(snip) = &self.snippet {
            out.push_str(&format!("\n{pad}{}", paint("34", "|")));
            out.push_str(&format!(
                "\n{} {} {}",
                paint("34", &num),
                paint("34", "|"),
                snip.text
            ));
            out.push_str(&format!(
                "\n{pad}{} {}{}",
                paint("34", "|"),
                " ".repeat(snip.marker_offset),
                paint("1;31", &"^".repeat(snip.marker_width))
            ));
        }
        if let Some(e) = &self.expected {
            out.push_str(&format!(
                "\n{pad}= {} {}",
                paint("1", "expected:"),
                clean(e)
            ));
        }
        if let Some(h) = &self.hint {
            out.push_str(&format!("\n{pad}= {} {}", paint("1;32", "hint:"), clean(h)));
        }
        out
    }
}

/// The closest of `candidates` to `found`, if it is close enough to be a
/// plausible misspelling.
pub fn did_you_mean<'a>(found: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = found.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&lower, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1) + 1 && *d < c.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Most diagnostics [`render_all`] shows for one file; a file with
/// thousands of problems must not flood the terminal.
pub const MAX_SHOWN: usize = 50;

/// Renders a list of diagnostics, separated by blank lines: the first
/// [`MAX_SHOWN`], then a line saying how many more there are.
pub fn render_all(diagnostics: &[Diagnostic], color: bool) -> String {
    let mut parts: Vec<String> = diagnostics
        .iter()
        .take(MAX_SHOWN)
        .map(|d| d.render(color))
        .collect();
    if diagnostics.len() > MAX_SHOWN {
        parts.push(format!(
            "… and {} more problems not shown; fix these first, then check again",
            diagnostics.len() - MAX_SHOWN
        ));
    }
    parts.join("\n\n")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_close_names_only() {
        let keys = ["title", "goal", "checklist", "phrases", "pitfalls"];
        assert_eq!(did_you_mean("phrasess", &keys), Some("phrases"));
        assert_eq!(did_you_mean("Phrases", &keys), Some("phrases"));
        assert_eq!(did_you_mean("checklst", &keys), Some("checklist"));
        assert_eq!(did_you_mean("tilte", &keys), Some("title"));
        assert_eq!(did_you_mean("colour", &keys), None);
        assert_eq!(did_you_mean("x", &keys), None);
    }

    #[test]
    fn renders_location_snippet_marker_expected_and_hint() {
        let text = "a: 1\nstages:\n  phrasess: []\n";
        let d = Diagnostic::file_level("x.yaml", "unknown key `phrasess`")
            .at(text, 3, 3)
            .with_path("stages")
            .with_expected("one of `phrases`, `pitfalls`")
            .with_hint("did you mean `phrases`?");
        let s = d.to_string();
        assert_eq!(
            s,
            "x.yaml:3:3: error: unknown key `phrasess` (in stages)\n  |\n3 |   phrasess: []\n  |   ^^^^^^^^\n  = expected: one of `phrases`, `pitfalls`\n  = hint: did you mean `phrases`?"
        );
        assert_eq!(d.summary(), "x.yaml:3:3: unknown key `phrasess`");
    }

    #[test]
    fn long_lines_are_windowed_and_controls_shown_safely() {
        let line = format!("{}\x1b[31mX{}", "a".repeat(500), "b".repeat(500));
        let snip = Snippet::new(&line, 506);
        assert!(snip.text.chars().count() <= SNIPPET_WIDTH + 2);
        assert!(snip.text.starts_with('…') && snip.text.ends_with('…'));
        assert!(!snip.text.contains('\x1b'));
        let marked: String = snip.text.chars().skip(snip.marker_offset).take(1).collect();
        assert_eq!(marked, "X");
    }

    #[test]
    fn placeholders_are_marked_whole() {
        let snip = Snippet::new("text: Hi {klant}, ok", 10);
        assert_eq!((snip.marker_offset, snip.marker_width), (9, 7));
        let snip = Snippet::new("a: {{ x", 4);
        assert_eq!(snip.marker_width, 1);
    }

    #[test]
    fn tabs_are_visible_and_marked() {
        let snip = Snippet::new("\ttitle: x", 1);
        assert_eq!(snip.text, "→title: x");
        assert_eq!(snip.marker_offset, 0);
    }

    #[test]
    fn render_all_caps_the_number_shown() {
        let many: Vec<Diagnostic> = (0..MAX_SHOWN + 7)
            .map(|i| Diagnostic::file_level("x.yaml", format!("problem {i}")))
            .collect();
        let out = render_all(&many, false);
        assert_eq!(out.matches("error: problem").count(), MAX_SHOWN);
        assert!(
            out.ends_with("… and 7 more problems not shown; fix these first, then check again")
        );
        assert!(!render_all(&many[..3], false).contains("more problems"));
    }

    #[test]
    fn file_level_has_no_snippet() {
        let d = Diagnostic::file_level("x.yaml", "file is empty").with_hint("write something");
        assert_eq!(
            d.to_string(),
            "x.yaml: error: file is empty\n = hint: write something"
        );
    }
}
