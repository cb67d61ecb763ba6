//! The README's key tables match the key tables the program dispatches
//! from: every binding of every screen is a row `| keys | what it does |`.

use callcoach::tui::keymap::Binding;
use callcoach::tui::{call, picker, practice};

fn row<C, A>(b: &Binding<C, A>) -> String {
    format!("| `{}` | {} |", b.label().replace('|', "\\|"), b.desc.en)
}

fn rows() -> Vec<String> {
    let mut out: Vec<String> = call::keys::TABLE.iter().map(row).collect();
    out.extend(practice::keys::TABLE.iter().map(row));
    out.extend(picker::keys::TABLE.iter().map(row));
    out.extend(callcoach::tui::editor::keys::TABLE.iter().map(row));
    out
}

#[test]
fn readme_lists_every_key_of_every_key_table() {
    let readme = include_str!("../../README.md");
    let keys = readme
        .split("## Keys")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has a Keys section");
    let missing: Vec<String> = rows()
        .into_iter()
        .filter(|r| !keys.lines().any(|l| l == r))
        .collect();
    assert!(
        missing.is_empty(),
        "README Keys section lacks these rows:\n{}",
        missing.join("\n")
    );
}
