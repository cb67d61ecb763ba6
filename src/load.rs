//! Reading playbooks and scenarios from files and directories: the only
//! place the shell turns paths into core models. Parsing and validating
//! are the core's (`crate::yaml`, `crate::playbook`, `crate::scenario`);
//! this module adds what needs the file system — sizes checked before
//! reading, I/O errors as located diagnostics, the user's playbook
//! directory, and name resolution.

use crate::diagnostic::{Diagnostic, Problem};
use crate::playbook::Playbook;
use crate::scenario::Scenario;
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::Path;

pub mod complete;
pub mod names;

pub use crate::playbook::load::{MAX_FILE_BYTES, builtin, default_playbook, parse};
pub use names::{
    Origin, Resolved, Sources, all_playbooks, content_hash, playbook_files, resolve, resolve_in,
    use_data_dir, user_dir, user_scenario_dir,
};

/// Reads and loads the file at `path`: missing paths, directories and
/// oversized files are refused before the content is read.
pub fn load_yaml<T: DeserializeOwned>(
    path: &Path,
    validate: impl Fn(&T) -> Vec<Problem>,
) -> Result<T, Vec<Diagnostic>> {
    let bytes = read_limited(path)?;
    crate::yaml::load_str(&path.display().to_string(), &bytes, validate)
}

/// Reads the file at `path` whole, refusing missing paths, directories,
/// other non-files and files over the size limit before reading them.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| vec![io_problem(&file, &e)])?;
    if meta.is_dir() {
        return Err(vec![
            Diagnostic::file_level(&file, "is a directory, not a file")
                .with_expected("the path of a YAML file")
                .with_hint("give a file inside it, e.g. a `*.yaml` file"),
        ]);
    }
    if !meta.is_file() {
        return Err(vec![
            Diagnostic::file_level(&file, "is not a regular file")
                .with_expected("the path of a YAML file")
                .with_hint("save the content to a file first"),
        ]);
    }
    if meta.len() > crate::yaml::MAX_FILE_BYTES {
        return Err(vec![crate::yaml::too_big(&file, meta.len())]);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            f.take(crate::yaml::MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(|e| vec![io_problem(&file, &e)])?;
    Ok(bytes)
}

fn io_problem(file: &str, e: &std::io::Error) -> Diagnostic {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => Diagnostic::file_level(file, "no such file")
            .with_hint("check the path and its spelling"),
        ErrorKind::PermissionDenied => Diagnostic::file_level(file, "permission denied")
            .with_hint("check the file's permissions"),
        _ => Diagnostic::file_level(file, format!("cannot read the file: {e}")),
    }
}

/// Reads and parses a playbook file.
pub fn load_playbook_file(path: &Path) -> Result<Playbook, Vec<Diagnostic>> {
    load_yaml(path, crate::playbook::validate::validate)
}

/// Reads, parses and checks a scenario file.
pub fn load_scenario_file(path: &Path) -> Result<Scenario, Vec<Diagnostic>> {
    load_yaml(path, crate::scenario::load::rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Doc {}

    fn rules(_: &Doc) -> Vec<Problem> {
        Vec::new()
    }

    #[test]
    fn file_limits_are_checked_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.yaml");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(crate::yaml::MAX_FILE_BYTES + 1).unwrap();
        let e = load_yaml(&big, rules).unwrap_err();
        assert!(e[0].message.contains("the limit is 1 MiB"), "{}", e[0]);
        let e = load_yaml(dir.path(), rules).unwrap_err();
        assert!(e[0].message.contains("directory"));
        let e = load_yaml(&dir.path().join("missing.yaml"), rules).unwrap_err();
        assert_eq!(e[0].message, "no such file");
    }
}
