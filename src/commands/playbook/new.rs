//! `callcoach playbook new NAME [--from NAME|FILE] [--dir DIR]`: an
//! editable copy of a playbook — built-in, published, the user's or any
//! file, found as `call --playbook` finds it — with the editor-schema
//! header and the new id, never overwriting an existing file.

use crate::commands::schema::{playbook_schema, to_pretty_json};
use crate::playbook::load;
use crate::text::sanitize_line;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Name of the schema file written next to user playbooks, so that the
/// `$schema` header works offline.
pub const SCHEMA_FILE: &str = "playbook.schema.json";

/// Why a copy could not be made.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// The name cannot be a playbook id / file name.
    #[error("invalid name `{0}`: use lower-case letters, digits and `-` (e.g. `{1}`)")]
    BadName(String, String),
    /// No playbook by that name, or the file does not load.
    #[error("cannot copy `{0}`:\n{1}")]
    UnknownSource(String, String),
    /// `scenario new`: no scenario by that id or file (the source, the ids known).
    #[error("cannot copy `{0}`: no scenario by that id or file; the ids known: {1}")]
    NoScenario(String, String),
    /// The target exists.
    #[error("{0} already exists; choose another name, or remove or rename that file first")]
    Exists(String),
    /// Anything else (I/O).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl NewError {
    /// The error in `lang` (the English `Display` is for logs and tests).
    pub fn describe(&self, lang: crate::playbook::Language) -> String {
        use crate::commands::say;
        let w = crate::i18n::library::library_words(lang);
        match self {
            Self::BadName(name, suggestion) => {
                say(w.bad_name, &[("name", name), ("suggestion", suggestion)])
            }
            Self::UnknownSource(from, problems) => {
                say(w.cannot_copy, &[("from", from), ("problems", problems)])
            }
            Self::NoScenario(from, ids) => say(w.no_scenario, &[("from", from), ("ids", ids)]),
            Self::Exists(path) => say(w.exists, &[("path", path)]),
            Self::Other(e) => format!("{e:#}"),
        }
    }
}

/// True when `name` is acceptable as a playbook id and file name.
pub fn valid_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The text of the copy: our header, then the source's content with its
/// own leading comment replaced and its `id` set to `name`.
pub fn copy_text(name: &str, path: &str, from: &str, version: &str, yaml: &str) -> String {
    let body: Vec<&str> = yaml
        .lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty())
        .collect();
    let mut out = format!(
        "# yaml-language-server: $schema=./{SCHEMA_FILE}\n\
         #\n\
         # Playbook `{name}`, copied from `{from}` (version {version}).\n\
         # Edit it freely, then check it:  callcoach playbook check {path}\n\
         # Use it in a call:               callcoach call --playbook {path}\n\
         # Every key is described under \"Playbook format\" in the callcoach README;\n\
         # editors with the YAML extension complete and check keys from the schema.\n"
    );
    let mut id_done = false;
    for line in body {
        if !id_done && line.starts_with("id:") {
            out.push_str(&format!("id: {name}\n"));
            id_done = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Writes the copy into `dir` (created if needed) and returns its path.
pub fn create(name: &str, from: &str, dir: &Path) -> Result<PathBuf, NewError> {
    if !valid_name(name) {
        let suggestion: String = name
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .trim_matches('-')
            .to_owned();
        let suggestion = if suggestion.is_empty() {
            "my-team".to_owned()
        } else {
            suggestion
        };
        return Err(NewError::BadName(sanitize_line(name), suggestion));
    }
    let sources = crate::load::Sources::standard(crate::load::names::Kind::Playbook);
    let source = crate::load::resolve_in(from, &sources).map_err(|d| {
        let text: Vec<String> = d.iter().map(ToString::to_string).collect();
        NewError::UnknownSource(sanitize_line(from), text.join("\n"))
    })?;
    let from_label = match &source.origin {
        crate::load::Origin::Builtin(_) => format!("the built-in {}", source.playbook.id),
        crate::load::Origin::Published(_) => format!("the published {}", source.playbook.id),
        crate::load::Origin::File(p) => p.display().to_string(),
    };
    let (bname, yaml, version) = (
        sanitize_line(&from_label),
        source.text.as_str(),
        sanitize_line(&source.playbook.version),
    );
    let path = dir.join(format!("{name}.yaml"));
    let shown = sanitize_line(&path.display().to_string());
    let text = copy_text(name, &shown, &bname, &version, yaml);
    // The copy must load; anything else is our bug, not the user's.
    if let Err(d) = load::parse(&format!("{name}.yaml"), text.as_bytes()) {
        return Err(NewError::Other(anyhow::anyhow!(
            "internal error: the copy does not load: {}",
            d.first().map(|d| d.summary()).unwrap_or_default()
        )));
    }
    // Keep the schema next to it current, so the header works offline.
    write_new(
        dir,
        &path,
        &text,
        (SCHEMA_FILE, &to_pretty_json(&playbook_schema())?),
    )?;
    Ok(path)
}

/// Writes a new file `path` in `dir` (never over an existing one, synced)
/// and keeps the schema file `schema_file` beside it current, so the
/// editor's schema header works offline. Shared by `playbook new` and
/// `scenario new`.
pub fn write_new(
    dir: &Path,
    path: &Path,
    text: &str,
    (schema_file, schema): (&str, &str),
) -> Result<(), NewError> {
    let shown = sanitize_line(&path.display().to_string());
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(NewError::Exists(shown));
        }
        Err(e) => {
            return Err(NewError::Other(
                anyhow::Error::new(e).context(format!("cannot create {shown}")),
            ));
        }
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {shown}"))?;
    let schema_path = dir.join(schema_file);
    if std::fs::read_to_string(&schema_path).ok().as_deref() != Some(schema) {
        std::fs::write(&schema_path, schema)
            .with_context(|| format!("cannot write {}", schema_path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_ids() {
        assert!(valid_name("team-nl"));
        assert!(valid_name("a1"));
        assert!(!valid_name("Team"));
        assert!(!valid_name("../x"));
        assert!(!valid_name(".hidden"));
        assert!(!valid_name(""));
    }

    #[test]
    fn copy_replaces_header_and_id_and_loads() {
        let text = copy_text(
            "team",
            "/x/team.yaml",
            "klachtgesprek",
            "1.0",
            crate::playbook::builtin::DUTCH,
        );
        assert!(text.starts_with("# yaml-language-server: $schema=./playbook.schema.json\n"));
        assert!(text.contains("\nid: team\n"));
        assert!(text.contains("callcoach playbook check /x/team.yaml\n"));
        assert!(!text.contains("\nid: klachtgesprek\n"));
        let pb = load::parse("team.yaml", text.as_bytes()).unwrap();
        assert_eq!(pb.id, "team");
    }
}
