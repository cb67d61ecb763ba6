//! Located problems in a YAML file (playbook or scenario), rendered for a
//! team lead in the style of rustc's diagnostics (by `annotate-snippets`):
//! what is wrong, file:line:column, the offending line with the spot
//! marked, what was expected, and a hint.
//!
//! ```text
//! error: unknown key `phrasess` (in stages.listen)
//!   --> team.yaml:30:5
//!    |
//! 30 |     phrasess:
//!    |     ^^^^^^^^
//!    |
//!    = expected: one of `title`, `goal`, `time_hint_secs`, `checklist`, `phrases`, `pitfalls`
//!    = hint: did you mean `phrases`?
//! ```

use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer};
use std::fmt;

/// Characters of the offending line kept after the marked spot, so that a
/// 900 KB one-line file still gives a one-screen message (the renderer
/// trims the line to the terminal's width around the spot).
const SNIPPET_TAIL: usize = 100;

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

/// The offending line, ready to draw with the marked spot under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The line up to a little after the spot, sanitised character for
    /// character (controls shown as `�`, tabs as `→`, so columns still
    /// count), `…` where the rest was cut.
    pub text: String,
    /// Characters before the marked spot within `text`.
    pub start: usize,
    /// Characters the mark covers (at least 1 unless the line is empty).
    pub len: usize,
}

impl Snippet {
    /// Builds the excerpt of `line` (one line of the file, without its line
    /// break) marking the token at 1-based character `column`.
    pub fn new(line: &str, column: usize) -> Self {
        let col = column.max(1) - 1;
        let byte = |n: usize| line.char_indices().nth(n).map(|(b, _)| b);
        let at = byte(col).unwrap_or(line.len());
        let end = line[at..]
            .char_indices()
            .nth(SNIPPET_TAIL)
            .map(|(b, _)| at + b);
        let kept_line = &line[..end.unwrap_or(line.len())];
        // Only bytes that can start a tab, control or bidi character need
        // the character-by-character pass (a long line usually has none).
        let suspicious = kept_line
            .bytes()
            .any(|b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xd8 || b == 0xe2);
        let mut text = if suspicious {
            kept_line
                .chars()
                .map(|c| {
                    if c == '\t' {
                        '→'
                    } else if crate::text::is_forbidden_char(c) || c == '\r' {
                        '�'
                    } else {
                        c
                    }
                })
                .collect()
        } else {
            kept_line.to_owned()
        };
        if end.is_some() {
            text.push('…');
        }
        let kept: Vec<char> = line[at..].chars().take(SNIPPET_TAIL).collect();
        let col = if at < line.len() {
            col
        } else {
            line.chars().count()
        };
        // The mark covers the token: up to a separator, at least one
        // character; a marked separator (tab, bracket) alone; a
        // `{placeholder}` whole.
        let token = kept
            .iter()
            .enumerate()
            .take_while(|(i, c)| {
                *i == 0 || !(c.is_whitespace() || matches!(c, ':' | ',' | '[' | ']' | '{' | '}'))
            })
            .count();
        let placeholder = (kept.first() == Some(&'{'))
            .then(|| kept.iter().skip(1).position(|c| *c == '}'))
            .flatten()
            .filter(|&n| {
                n > 0
                    && kept[1..1 + n]
                        .iter()
                        .all(|c| c.is_alphanumeric() || *c == '_')
            })
            .map(|n| n + 2);
        let len = match (placeholder, kept.first()) {
            (Some(n), _) => n,
            (None, Some(c)) if c.is_whitespace() || matches!(c, '[' | ']' | '{' | '}' | ',') => 1,
            _ => token,
        };
        Snippet {
            text,
            start: col,
            len,
        }
    }

    /// The marked byte range of `text`.
    fn span(&self) -> std::ops::Range<usize> {
        let byte = |n: usize| {
            self.text
                .char_indices()
                .nth(n)
                .map_or(self.text.len(), |(b, _)| b)
        };
        byte(self.start)..byte(self.start + self.len)
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

    /// Renders the diagnostic in rustc's style; with `color`, ANSI
    /// colours mark the parts. Text from the file is sanitised first.
    pub fn render(&self, color: bool) -> String {
        let clean = crate::text::sanitize_line;
        let mut title = clean(&self.message);
        if let Some(path) = &self.path {
            title.push_str(&format!(" (in {})", clean(path)));
        }
        let file = clean(&self.file);
        let place: Element = match &self.snippet {
            Some(snip) if self.line > 0 => annotate_snippets::Snippet::source(snip.text.as_str())
                .line_start(self.line)
                .path(file)
                .annotation(AnnotationKind::Primary.span(snip.span()))
                .into(),
            _ if self.line > 0 => Origin::path(file)
                .line(self.line)
                .char_column(self.column)
                .into(),
            _ => Origin::path(file).into(),
        };
        let mut group: Group = Level::ERROR.primary_title(title).element(place);
        if let Some(e) = &self.expected {
            group = group.element(Level::NOTE.with_name("expected").message(clean(e)));
        }
        if let Some(h) = &self.hint {
            group = group.element(Level::HELP.with_name("hint").message(clean(h)));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
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
        assert_eq!(
            d.to_string(),
            "error: unknown key `phrasess` (in stages)\n --> x.yaml:3:3\n  |\n3 |   phrasess: []\n  |   ^^^^^^^^\n  |\n  = expected: one of `phrases`, `pitfalls`\n  = hint: did you mean `phrases`?"
        );
        assert_eq!(d.summary(), "x.yaml:3:3: unknown key `phrasess`");
        // Colour only when asked for.
        assert!(!d.render(false).contains('\x1b'));
        assert!(d.render(true).contains("\x1b["));
    }

    #[test]
    fn long_lines_keep_their_column_and_controls_are_shown_safely() {
        let line = format!("{}\x1b[31mX{}", "a".repeat(500), "b".repeat(500));
        let snip = Snippet::new(&line, 506);
        assert!(snip.text.chars().count() <= 506 + SNIPPET_TAIL);
        assert!(snip.text.ends_with('…'));
        assert!(!snip.text.contains('\x1b'));
        let marked: String = snip.text.chars().skip(snip.start).take(snip.len).collect();
        assert!(marked.starts_with("Xbbb"), "{marked}");
        let d = Diagnostic::file_level("x.yaml", "control character").at(&line, 1, 506);
        let out = d.to_string();
        assert!(out.contains("--> x.yaml:1:506"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn placeholders_are_marked_whole() {
        let snip = Snippet::new("text: Hi {klant}, ok", 10);
        assert_eq!((snip.start, snip.len), (9, 7));
        let snip = Snippet::new("a: {{ x", 4);
        assert_eq!(snip.len, 1);
    }

    #[test]
    fn tabs_are_visible_and_marked() {
        let snip = Snippet::new("\ttitle: x", 1);
        assert_eq!(snip.text, "→title: x");
        assert_eq!((snip.start, snip.len), (0, 1));
        let d = Diagnostic::file_level("x.yaml", "tab").at("\ttitle: x", 1, 1);
        assert!(d.to_string().ends_with("1 | →title: x\n  | ^"), "{d}");
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
            "error: file is empty\n--> x.yaml\n = hint: write something"
        );
    }
}
