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
use std::path::{Path, PathBuf};

pub use crate::playbook::load::{MAX_FILE_BYTES, builtin, default_playbook, parse};

/// Reads and loads the file at `path`: missing paths, directories and
/// oversized files are refused before the content is read.
pub fn load_yaml<T: DeserializeOwned>(
    path: &Path,
    validate: impl Fn(&T) -> Vec<Problem>,
) -> Result<T, Vec<Diagnostic>> {
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
    crate::yaml::load_str(&file, &bytes, validate)
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

/// Where a resolved playbook came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary; the built-in file name.
    Builtin(&'static str),
    /// Read from this file.
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Builtin(file) => write!(f, "built-in {file}"),
            Origin::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// The user's playbook directory (`$XDG_CONFIG_HOME/callcoach/playbooks`,
/// usually `~/.config/callcoach/playbooks`), if a home directory is known.
pub fn user_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("callcoach").join("playbooks"))
}

/// The `*.yaml`/`*.yml` files in `dir`, sorted by name (empty when the
/// directory does not exist).
pub fn playbook_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                })
        })
        .collect();
    files.sort();
    files
}

/// Finds a playbook given on the command line: a file path, a built-in name
/// (`klachtgesprek`, `complaint-call`), or the name of a file in the user's
/// playbook directory (`team` for `team.yaml`).
pub fn resolve(spec: &str) -> Result<(Playbook, Origin), Vec<Diagnostic>> {
    let path = Path::new(spec);
    let looks_like_path = spec.contains(std::path::MAIN_SEPARATOR)
        || spec.contains('/')
        || spec.ends_with(".yaml")
        || spec.ends_with(".yml");
    if looks_like_path || path.exists() {
        return load_playbook_file(path).map(|pb| (pb, Origin::File(path.to_owned())));
    }
    if let Some((_, file, _)) = crate::playbook::builtin::ALL
        .iter()
        .find(|(n, _, _)| *n == spec)
    {
        return crate::playbook::load::builtin(spec)
            .unwrap_or_else(crate::playbook::load::default_playbook)
            .map(|pb| (pb, Origin::Builtin(file)));
    }
    let user = user_dir().map(|d| playbook_files(&d)).unwrap_or_default();
    if let Some(p) = user
        .iter()
        .find(|p| p.file_stem().is_some_and(|s| s == spec))
    {
        return load_playbook_file(p).map(|pb| (pb, Origin::File(p.clone())));
    }
    let mut names: Vec<String> = crate::playbook::builtin::ALL
        .iter()
        .map(|(n, _, _)| (*n).to_owned())
        .collect();
    names.extend(
        user.iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned())),
    );
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = match crate::diagnostic::did_you_mean(spec, &refs) {
        Some(m) => format!("did you mean `{m}`?"),
        None => "`callcoach playbook list` shows the playbooks available".to_owned(),
    };
    Err(vec![
        Diagnostic::file_level(spec, "no playbook file or name like this")
            .with_expected(format!(
                "a file path, or one of {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .with_hint(hint),
    ])
}
/// Every playbook a scenario can name by id: the built-in ones, then the
/// valid files of the user's playbook directory (a file that does not load
/// is left out here; `callcoach playbook check` says why).
pub fn all_playbooks() -> Vec<Playbook> {
    let mut out: Vec<Playbook> = crate::playbook::builtin::ALL
        .iter()
        .filter_map(|(name, _, _)| crate::playbook::load::builtin(name).and_then(Result::ok))
        .collect();
    if let Some(dir) = user_dir() {
        out.extend(
            playbook_files(&dir)
                .iter()
                .filter_map(|p| load_playbook_file(p).ok()),
        );
    }
    out
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
