//! Shell completion of playbook and scenario names: the candidates are
//! computed when the shell asks (clap_complete's dynamic completion,
//! registered by `callcoach completions SHELL`), so a playbook added or
//! published a moment ago is offered at once. Paths are offered too, as
//! every name argument also takes a file.

use super::names::{Kind, Sources, playbook_ids, scenario_ids};
use clap_complete::engine::{
    ArgValueCompleter, CompletionCandidate, PathCompleter, ValueCompleter,
};
use std::ffi::OsStr;

/// Completes a playbook name or file.
pub fn playbooks() -> ArgValueCompleter {
    ArgValueCompleter::new(Names(Kind::Playbook))
}

/// Completes a scenario id or file.
pub fn scenarios() -> ArgValueCompleter {
    ArgValueCompleter::new(Names(Kind::Scenario))
}

/// The names of `kind` starting with `current`, then matching paths when
/// `current` looks like one or no name matches.
struct Names(Kind);

impl ValueCompleter for Names {
    fn complete(&self, current: &OsStr) -> Vec<CompletionCandidate> {
        let cur = current.to_string_lossy();
        let sources = Sources::standard(self.0);
        let ids = match self.0 {
            Kind::Playbook => playbook_ids(&sources),
            Kind::Scenario => scenario_ids(&sources),
        };
        let mut out: Vec<CompletionCandidate> = ids
            .into_iter()
            .filter(|id| id.starts_with(cur.as_ref()))
            .map(CompletionCandidate::new)
            .collect();
        let pathish = cur.contains('/') || cur.starts_with('.') || cur.starts_with('~');
        if pathish || out.is_empty() {
            out.extend(candidate_paths(current));
        }
        out
    }
}

/// Directories and YAML files matching `current`.
fn candidate_paths(current: &OsStr) -> Vec<CompletionCandidate> {
    PathCompleter::any()
        .filter(|p| {
            p.is_dir()
                || p.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                })
        })
        .complete(current)
}

/// The script that registers dynamic completion for `shell` (the name
/// clap_complete knows: bash, zsh, fish, elvish, powershell).
pub fn registration(shell: &str) -> Option<Vec<u8>> {
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells.completer(shell)?;
    let mut buf = Vec::new();
    completer
        .write_registration("COMPLETE", "callcoach", "callcoach", "callcoach", &mut buf)
        .ok()?;
    Some(buf)
}
