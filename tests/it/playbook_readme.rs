//! The README's playbook format reference stays true: its complete example
//! loads, its per-part examples use only real keys, and every key of the
//! format is documented.

use callcoach::playbook::load;

const README: &str = include_str!("../../README.md");

/// The fenced blocks of `lang` in the README section starting at `heading`
/// (up to the next heading of the same or a higher level).
fn blocks_in(heading: &str, lang: &str) -> Vec<String> {
    let start = README
        .find(heading)
        .unwrap_or_else(|| panic!("no `{heading}`"));
    let level = heading.chars().take_while(|c| *c == '#').count();
    let rest = &README[start + heading.len()..];
    // Headings outside code fences (a YAML comment is not a heading).
    let mut in_fence = false;
    let mut pos = 0;
    let mut end = rest.len();
    for l in rest.lines() {
        if l.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let hashes = l.chars().take_while(|c| *c == '#').count();
        if !in_fence && hashes > 0 && hashes <= level && l.chars().nth(hashes) == Some(' ') {
            end = pos;
            break;
        }
        pos += l.len() + 1;
    }
    let section = &rest[..end];
    let fence = format!("```{lang}\n");
    section
        .split(fence.as_str())
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .map(|b| b.trim_start_matches('\n').to_owned())
        .collect()
}

#[test]
fn the_complete_example_is_a_valid_playbook() {
    let blocks = blocks_in("### A complete minimal playbook", "yaml");
    assert_eq!(blocks.len(), 1);
    let pb = load::parse("README example", blocks[0].as_bytes())
        .unwrap_or_else(|d| panic!("{}", callcoach::diagnostic::render_all(&d, false)));
    assert_eq!(pb.id, "mini");
}

#[test]
fn the_top_of_the_readme_is_the_paragraph_and_the_two_commands() {
    let mut parts = README.splitn(3, "```sh\n");
    let intro = parts.next().unwrap();
    assert!(intro.starts_with("# callcoach\n\ncallcoach is "));
    assert_eq!(
        intro.matches("\n\n").count(),
        2,
        "one paragraph before the commands"
    );
    let commands = parts.next().unwrap();
    assert!(commands.starts_with("cargo run --release\ncargo test\n```"));
}

#[test]
fn every_key_of_the_format_is_documented() {
    let schema = serde_json::to_value(callcoach::commands::schema::playbook_schema()).unwrap();
    let section = &README[README.find("## Playbook format").unwrap()..];
    let mut stack = vec![&schema];
    let mut keys = std::collections::BTreeSet::new();
    while let Some(node) = stack.pop() {
        if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
            keys.extend(props.keys().cloned());
        }
        match node {
            serde_json::Value::Object(m) => stack.extend(m.values()),
            serde_json::Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    assert!(keys.len() > 30, "{keys:?}");
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| !section.contains(&format!("`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "keys not in the README's format reference: {missing:?}"
    );
}
