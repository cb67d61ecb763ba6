//! Property tests: whatever bytes or YAML reach the loader, it returns `Ok`
//! or located diagnostics — never a panic.

use callcoach::diagnostic::Diagnostic;
use callcoach::playbook::{Playbook, builtin::DUTCH, load};
use proptest::prelude::*;

const FILE: &str = "prop.yaml";

/// Every diagnostic names the file; a positioned one has a line within
/// the text (plus one, for end of file) and a column; rendering works.
fn check_result(text_lines: usize, result: Result<Playbook, Vec<Diagnostic>>) {
    let Err(diags) = result else { return };
    assert!(!diags.is_empty(), "Err without diagnostics");
    for d in diags {
        assert_eq!(d.file, FILE);
        assert!(!d.message.trim().is_empty());
        if d.line > 0 {
            assert!(d.column >= 1, "{d}");
            assert!(
                d.line <= text_lines + 1,
                "line {} of {text_lines}: {d}",
                d.line
            );
        } else {
            assert!(d.snippet.is_none());
        }
        let rendered = d.to_string();
        assert!(rendered.starts_with("error: "), "{rendered}");
        assert!(rendered.contains(&format!("--> {FILE}")), "{rendered}");
        assert!(rendered.lines().count() < 12, "{rendered}");
    }
}

fn load_bytes(bytes: &[u8]) {
    let lines = String::from_utf8_lossy(bytes).split('\n').count();
    check_result(lines, load::parse(FILE, bytes));
}

/// Keys of the playbook format, so generated YAML reaches deep into serde.
const KEYS: &[&str] = &[
    "id",
    "language",
    "title",
    "version",
    "description",
    "sources",
    "mindset",
    "stages",
    "listen",
    "acknowledge",
    "ask",
    "agree_solution",
    "record_agreements",
    "follow_up",
    "goal",
    "time_hint_secs",
    "checklist",
    "text",
    "required",
    "detect",
    "tip",
    "source",
    "phrases",
    "channel",
    "pitfalls",
    "decision",
    "intro",
    "questions",
    "first_time",
    "repeat_difficult",
    "keep",
    "part_ways",
    "guidance",
    "caution",
    "evaluation",
    "causes",
    "label",
    "email",
    "subject",
    "body",
    "author",
    "summary",
    "url",
    "phrasess",
];

#[derive(Clone, Debug)]
enum Node {
    Scalar(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("nl".to_owned()),
        Just("phone".to_owned()),
        Just("true".to_owned()),
        Just("120".to_owned()),
        Just("-1".to_owned()),
        Just("~".to_owned()),
        Just("zes-stappen".to_owned()),
        "[a-zA-Z {}:#&*!|>'\"\\-]{0,20}",
    ]
}

fn node() -> impl Strategy<Value = Node> {
    scalar()
        .prop_map(Node::Scalar)
        .prop_recursive(6, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Node::List),
                prop::collection::vec(
                    (prop::sample::select(KEYS).prop_map(str::to_owned), inner),
                    0..7
                )
                .prop_map(Node::Map),
            ]
        })
}

fn to_value(n: &Node) -> serde_yaml::Value {
    match n {
        Node::Scalar(s) => serde_yaml::Value::String(s.clone()),
        Node::List(v) => serde_yaml::Value::Sequence(v.iter().map(to_value).collect()),
        Node::Map(m) => {
            let mut map = serde_yaml::Mapping::new();
            for (k, v) in m {
                map.insert(serde_yaml::Value::String(k.clone()), to_value(v));
            }
            serde_yaml::Value::Mapping(map)
        }
    }
}

/// Block-style YAML written by hand (scalars unquoted, so they may break
/// the syntax on purpose).
fn to_raw(n: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match n {
        Node::Scalar(s) => {
            out.push(' ');
            out.push_str(s);
            out.push('\n');
        }
        Node::List(v) => {
            out.push('\n');
            for item in v {
                out.push_str(&format!("{pad}-"));
                to_raw(item, indent + 2, out);
            }
        }
        Node::Map(m) => {
            out.push('\n');
            for (k, v) in m {
                out.push_str(&format!("{pad}{k}:"));
                to_raw(v, indent + 2, out);
            }
        }
    }
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Indent(usize, i8),
    Insert(usize, usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), -4i8..=4).prop_map(|(l, d)| Mutation::Indent(l, d)),
        (
            any::<usize>(),
            any::<usize>(),
            "[ -~\t\u{1b}\u{202e}éß{}]{1,4}"
        )
            .prop_map(|(l, c, s)| Mutation::Insert(l, c, s)),
    ]
}

fn apply(lines: &mut Vec<String>, m: &Mutation) {
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    match m {
        Mutation::Delete(l) => {
            lines.remove(l % n);
        }
        Mutation::Duplicate(l) => {
            let line = lines[l % n].clone();
            lines.insert(l % n, line);
        }
        Mutation::Indent(l, d) => {
            let line = &mut lines[l % n];
            if *d >= 0 {
                line.insert_str(0, &" ".repeat(*d as usize));
            } else {
                let strip = line.len() - line.trim_start_matches(' ').len();
                line.drain(..strip.min(d.unsigned_abs() as usize));
            }
        }
        Mutation::Insert(l, c, s) => {
            let line = &mut lines[l % n];
            let chars: Vec<char> = line.chars().collect();
            let at = c % (chars.len() + 1);
            let byte = chars[..at].iter().map(|c| c.len_utf8()).sum();
            line.insert_str(byte, s);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load_bytes(&bytes);
    }

    #[test]
    fn yaml_ish_text_never_panics(text in "[a-z0-9 :\\-\\[\\]{}&*!|>#'\",?%@`\n\t]{0,400}") {
        load_bytes(text.as_bytes());
    }

    #[test]
    fn mutated_playbooks_give_ok_or_located_errors(muts in prop::collection::vec(mutation(), 1..4)) {
        let mut lines: Vec<String> = DUTCH.lines().map(str::to_owned).collect();
        for m in &muts {
            apply(&mut lines, m);
        }
        let text = lines.join("\n");
        let result = load::parse(FILE, text.as_bytes());
        // A mutation may be harmless (e.g. in a comment) — but a broken file
        // is always reported with a position.
        if let Err(diags) = &result {
            prop_assert!(diags.iter().all(|d| d.line >= 1), "unlocated: {diags:?}");
        }
        check_result(lines.len(), result);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn generated_yaml_structures_never_panic(root in node()) {
        // Well-formed YAML from a serializer …
        if let Ok(text) = serde_yaml::to_string(&to_value(&root)) {
            load_bytes(text.as_bytes());
        }
        // … and hand-written block YAML with unquoted scalars.
        let mut raw = String::new();
        to_raw(&root, 0, &mut raw);
        load_bytes(raw.as_bytes());
    }
}

/// Every path of `v` (as the validators write them), depth first.
fn paths(v: &serde_yaml::Value, at: String, out: &mut Vec<String>) {
    match v {
        serde_yaml::Value::Mapping(m) => {
            for (k, child) in m {
                if let Some(k) = k.as_str() {
                    let p = if at.is_empty() {
                        k.to_owned()
                    } else {
                        format!("{at}.{k}")
                    };
                    out.push(p.clone());
                    paths(child, p, out);
                }
            }
        }
        serde_yaml::Value::Sequence(s) => {
            for (i, child) in s.iter().enumerate() {
                let p = format!("{at}[{i}]");
                out.push(p.clone());
                paths(child, p, out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// The marked tree knows every node of any document and places it on a
    /// real line.
    #[test]
    fn path_index_locates_every_node(root in node()) {
        let value = to_value(&root);
        let Ok(text) = serde_yaml::to_string(&value) else { return Ok(()) };
        let doc = callcoach::yaml::parse::parse(&text).expect("serializer output parses");
        let lines = text.lines().count();
        let mut all = Vec::new();
        paths(&value, String::new(), &mut all);
        for p in all {
            let at = doc.locate(&p);
            prop_assert!(at.exact, "{p} not indexed in\n{text}");
            prop_assert!(at.pos.line >= 1 && at.pos.line <= lines, "{p} at {:?}", at.pos);
        }
    }
}
