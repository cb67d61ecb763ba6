//! The README's key list matches the key table the program dispatches from.

use callcoach::tui::keys::TABLE;

#[test]
fn readme_lists_every_key_of_the_key_table() {
    let readme = include_str!("../../README.md");
    let keys = readme
        .split("## Keys")
        .nth(1)
        .expect("README has a Keys section");
    for b in TABLE {
        let label = format!("`{}`", b.label.replace('|', "\\|"));
        assert!(keys.contains(&label), "README Keys section lacks {label}");
        assert!(
            keys.contains(b.en),
            "README Keys section lacks the text {:?}",
            b.en
        );
    }
}
