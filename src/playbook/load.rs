//! YAML → [`Playbook`], with located diagnostics.
//!
//! NOTE: interim implementation; the full loader (size/depth limits, spans for
//! semantic errors, did-you-mean hints) replaces it.

use super::Playbook;
use crate::diagnostic::Diagnostic;
use std::path::Path;

/// Largest playbook file accepted, checked before parsing.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Parses and validates a playbook from `bytes`; `name` is used in messages.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Playbook, Vec<Diagnostic>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| vec![Diagnostic::file_level(name, "file is not valid UTF-8")])?;
    let pb: Playbook = serde_yaml::from_str(text)
        .map_err(|e| vec![Diagnostic::file_level(name, e.to_string())])?;
    let problems = super::validate::validate(&pb);
    if problems.is_empty() {
        Ok(pb)
    } else {
        Err(problems
            .into_iter()
            .map(|p| Diagnostic::file_level(name, format!("{}: {}", p.path, p.message)))
            .collect())
    }
}

/// Reads and parses a playbook file.
pub fn load_file(path: &Path) -> Result<Playbook, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| vec![Diagnostic::file_level(&name, e.to_string())])?;
    parse(&name, &bytes)
}

/// Parses the built-in playbook `name` (see [`super::builtin::ALL`]).
pub fn builtin(name: &str) -> Option<Result<Playbook, Vec<Diagnostic>>> {
    super::builtin::ALL
        .iter()
        .find(|(n, file, _)| *n == name || *file == name)
        .map(|(_, file, yaml)| parse(&format!("<built-in {file}>"), yaml.as_bytes()))
}

/// The default (Dutch) built-in playbook.
pub fn default_playbook() -> Result<Playbook, Vec<Diagnostic>> {
    let (_, file, yaml) = super::builtin::ALL[0];
    parse(&format!("<built-in {file}>"), yaml.as_bytes())
}
