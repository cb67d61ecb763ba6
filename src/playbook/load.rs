//! YAML → [`Playbook`], with located diagnostics (see [`crate::yaml`]).

use super::Playbook;
use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

/// Largest playbook file accepted, checked before parsing.
pub use crate::yaml::MAX_FILE_BYTES;

/// Parses and validates a playbook from `bytes`; `name` is used in messages.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Playbook, Vec<Diagnostic>> {
    crate::yaml::load_str(name, bytes, super::validate::validate)
}

/// Reads and parses a playbook file.
pub fn load_file(path: &Path) -> Result<Playbook, Vec<Diagnostic>> {
    crate::yaml::load_file(path, super::validate::validate)
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
        return load_file(path).map(|pb| (pb, Origin::File(path.to_owned())));
    }
    if let Some((_, file, _)) = super::builtin::ALL.iter().find(|(n, _, _)| *n == spec) {
        return builtin(spec)
            .unwrap_or_else(default_playbook)
            .map(|pb| (pb, Origin::Builtin(file)));
    }
    let user = user_dir().map(|d| playbook_files(&d)).unwrap_or_default();
    if let Some(p) = user
        .iter()
        .find(|p| p.file_stem().is_some_and(|s| s == spec))
    {
        return load_file(p).map(|pb| (pb, Origin::File(p.clone())));
    }
    let mut names: Vec<String> = super::builtin::ALL
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
