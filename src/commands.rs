//! The shell's commands: each turns parsed arguments into calls on the core,
//! the store and the terminal, and returns the process exit code.

pub mod call;
pub mod calls;
pub mod man;
pub mod playbook;
pub mod practice;
pub mod privacy;
pub mod schema;
pub mod team;

/// Fills a sentence's `{name}` placeholders from `values` (the playbook
/// and scenario commands' sentences, from `crate::i18n::library`).
pub(crate) fn say(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    crate::text::fill(template, |name| {
        values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    })
}
