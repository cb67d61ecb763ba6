//! YAML → [`Playbook`], with located diagnostics (see [`crate::yaml`]).

use super::Playbook;
use crate::diagnostic::Diagnostic;

/// Largest playbook file accepted, checked before parsing.
pub use crate::yaml::MAX_FILE_BYTES;

/// Parses and validates a playbook from `bytes`; `name` is used in messages.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Playbook, Vec<Diagnostic>> {
    crate::yaml::load_str(name, bytes, super::validate::validate)
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
