//! `callcoach playbook list`: the built-in playbooks and those in the
//! user's playbook directory. An invalid file is listed with its first
//! problem, never a crash.

use crate::commands::say;
use crate::diagnostic::Diagnostic;
use crate::i18n::library::{LibraryWords, library_words};
use crate::load;
use crate::playbook::{Language, Playbook, builtin};
use crate::text::sanitize_line;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

/// One row of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Playbook id (the file stem when invalid).
    pub id: String,
    /// Language code, `-` when invalid.
    pub language: String,
    /// Version, `-` when invalid.
    pub version: String,
    /// Title, or `INVALID: <first problem>` (in the interface language).
    pub title: String,
    /// `built-in …`, `published …` or the file path, in the interface
    /// language (listed before the title, which may be long).
    pub location: String,
}

fn row(pb: &Playbook, location: String) -> Row {
    Row {
        id: sanitize_line(&pb.id),
        language: pb.language.code().to_owned(),
        version: sanitize_line(&pb.version),
        title: sanitize_line(&pb.title),
        location,
    }
}

fn invalid_row(id: String, diags: &[Diagnostic], location: String, w: &LibraryWords) -> Row {
    // The path is in its own column; the problem's position and message here.
    let first = diags
        .first()
        .map(|d| {
            let at = if d.line > 0 {
                say(w.invalid_at, &[("line", &d.line), ("column", &d.column)])
            } else {
                String::new()
            };
            sanitize_line(&format!("{at}{}", d.message))
        })
        .unwrap_or_default();
    let more = match diags.len() {
        0 | 1 => String::new(),
        n => say(w.invalid_more, &[("n", &(n - 1))]),
    };
    Row {
        id,
        language: "-".into(),
        version: "-".into(),
        title: say(w.invalid, &[("problem", &first), ("more", &more)]),
        location,
    }
}

/// Rows for the built-ins, every playbook file in `dir` (the user's), and
/// the published cache `published`, with the words of `lang`.
pub fn rows(dir: Option<&Path>, published: Option<&Path>, lang: Language) -> Vec<Row> {
    let w = library_words(lang);
    let mut out = Vec::new();
    for (i, (name, file, _)) in builtin::ALL.iter().enumerate() {
        let mut location = say(w.builtin, &[("file", file)]);
        if i == 0 {
            location.push_str(w.default_mark);
        }
        match load::builtin(name) {
            Some(Ok(pb)) => out.push(row(&pb, location)),
            Some(Err(d)) => out.push(invalid_row((*name).to_owned(), &d, location, w)),
            None => {}
        }
    }
    let files = published
        .map(load::playbook_files)
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p, true))
        .chain(
            dir.map(load::playbook_files)
                .unwrap_or_default()
                .into_iter()
                .map(|p| (p, false)),
        );
    for (path, is_published) in files {
        let shown = sanitize_line(&path.display().to_string());
        let location = if is_published {
            say(w.published, &[("path", &shown)])
        } else {
            shown
        };
        let stem = path
            .file_stem()
            .map(|s| sanitize_line(&s.to_string_lossy()))
            .unwrap_or_default();
        match load::load_playbook_file(&path) {
            Ok(pb) => out.push(row(&pb, location)),
            Err(d) => out.push(invalid_row(stem, &d, location, w)),
        }
    }
    out
}

/// Formats rows as an aligned table with a header in `lang`.
pub fn table(rows: &[Row], lang: Language) -> String {
    let w = library_words(lang);
    let header = Row {
        id: w.col_id.into(),
        language: w.col_lang.into(),
        version: w.col_version.into(),
        title: w.col_title.into(),
        location: w.col_where.into(),
    };
    let all: Vec<&Row> = std::iter::once(&header).chain(rows).collect();
    let w = |f: fn(&Row) -> &str| all.iter().map(|r| f(r).width()).max().unwrap_or(0);
    let widths = [
        w(|r| &r.id),
        w(|r| &r.language),
        w(|r| &r.version),
        w(|r| &r.location),
    ];
    let pad = |s: &str, width: usize| {
        let fill = width.saturating_sub(s.width());
        format!("{s}{}", " ".repeat(fill))
    };
    let mut out = String::new();
    for r in all {
        out.push_str(&format!(
            "{}  {}  {}  {}  {}\n",
            pad(&r.id, widths[0]),
            pad(&r.language, widths[1]),
            pad(&r.version, widths[2]),
            pad(&r.location, widths[3]),
            r.title
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_places_follow_the_interface_language() {
        let nl = table(&rows(None, None, Language::Nl), Language::Nl);
        let en = table(&rows(None, None, Language::En), Language::En);
        let first = |t: &str| t.lines().next().unwrap_or_default().to_owned();
        assert!(first(&nl).starts_with("NAAM "), "{nl}");
        assert!(first(&en).starts_with("ID "), "{en}");
        assert!(
            nl.contains("ingebouwd klachtgesprek.nl.yaml (standaard)"),
            "{nl}"
        );
        assert!(
            en.contains("built-in klachtgesprek.nl.yaml (default)"),
            "{en}"
        );
        assert!(!nl.contains("built-in") && !en.contains("ingebouwd"));
    }

    #[test]
    fn an_invalid_file_is_named_in_the_interface_language() {
        let d = [Diagnostic::file_level("x.yaml", "boom")];
        let row = |lang| invalid_row("x".into(), &d, "here".into(), library_words(lang)).title;
        assert_eq!(row(Language::Nl), "ONGELDIG: boom");
        assert_eq!(row(Language::En), "INVALID: boom");
    }
}
