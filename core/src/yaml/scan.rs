//! A pre-scan of the YAML event stream, before serde sees the text: it
//! enforces the structural limits (nesting depth, alias expansion, value
//! size, one document) without recursion, and builds the [`PathIndex`] used
//! to locate problems.

use super::index::{PathIndex, Pos, Segment};
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};
use std::collections::HashMap;

/// Deepest nesting of mappings and lists accepted (a playbook needs 6).
pub const MAX_DEPTH: usize = 64;

/// Most values that aliases (`*name`) may expand to in total; stops
/// "billion laughs" alias bombs.
pub const MAX_ALIAS_EXPANSION: u64 = 10_000;

/// Longest single value or key, in bytes.
pub const MAX_SCALAR_BYTES: usize = 64 * 1024;

/// What the document's top level is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RootKind {
    /// A mapping (what we want).
    Mapping,
    /// A list.
    Sequence,
    /// A single value (text, number, …).
    Scalar,
    /// An alias.
    Alias,
}

/// The result of a successful scan.
#[derive(Debug)]
pub struct Scan {
    /// Path → position.
    pub index: PathIndex,
    /// The kind and position of the top-level node; none when the file holds
    /// only comments.
    pub root: Option<(RootKind, Pos)>,
    /// Line ranges (inclusive) of block scalars (`|`, `>`), where tabs are
    /// content rather than indentation.
    pub block_scalars: Vec<(usize, usize)>,
}

/// A structural problem found by the scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanProblem {
    /// Where.
    pub pos: Pos,
    /// What was found.
    pub message: String,
    /// What was expected.
    pub expected: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
    /// True when it comes from the YAML syntax itself (not one of our limits).
    pub syntax: bool,
}

fn pos(span: &Span) -> Pos {
    Pos {
        line: span.start.line().max(1),
        column: span.start.col() + 1,
    }
}

enum Slot {
    Root,
    Key,
    Child(usize, Segment, Option<Pos>),
    Ignored,
}

struct Frame {
    /// Index node of this container; none inside a complex key.
    node: Option<usize>,
    /// For mappings: the next node is a key.
    expecting_key: Option<bool>,
    /// For mappings: the pending key and its position.
    key: Option<(String, Pos)>,
    /// For mappings: the keys seen so far and where, to catch duplicates.
    seen: HashMap<String, Pos>,
    /// For lists: the next index.
    next_index: usize,
    /// Values inside, aliases expanded.
    size: u64,
    /// Anchor id of this container (0 = none).
    anchor: usize,
}

impl Frame {
    fn new(node: Option<usize>, mapping: bool, anchor: usize) -> Self {
        Frame {
            node,
            expecting_key: mapping.then_some(true),
            key: None,
            seen: HashMap::new(),
            next_index: 0,
            size: 1,
            anchor,
        }
    }
}

/// Scans `text`, returning the index or the first structural problem.
pub fn scan(text: &str) -> Result<Scan, ScanProblem> {
    let mut parser = Parser::new_from_str(text);
    let mut frames: Vec<Frame> = Vec::new();
    let mut index: Option<PathIndex> = None;
    let mut root = None;
    let mut block_scalars = Vec::new();
    let mut anchor_sizes: HashMap<usize, u64> = HashMap::new();
    let mut expanded: u64 = 0;
    let mut documents = 0usize;

    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(syntax_problem)?;
        let at = pos(&span);
        let (is_container, is_mapping, anchor, own_size) = match &event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {
                continue;
            }
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(limit(
                        at,
                        "a second YAML document (`---`) in the file",
                        "one document per file",
                        "remove the `---` line, or split the file in two",
                    ));
                }
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let Some(done) = frames.pop() else { continue };
                if done.anchor != 0 {
                    anchor_sizes.insert(done.anchor, done.size);
                }
                if let Some(parent) = frames.last_mut() {
                    parent.size = parent.size.saturating_add(done.size);
                }
                continue;
            }
            Event::Scalar(value, style, anchor, _) => {
                if value.len() > MAX_SCALAR_BYTES {
                    return Err(limit(
                        at,
                        &format!("a value of {} KiB", value.len() / 1024),
                        &format!("values of at most {} KiB", MAX_SCALAR_BYTES / 1024),
                        "shorten it; a playbook text is a sentence or a paragraph",
                    ));
                }
                if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                    block_scalars.push((at.line, span.end.line().max(at.line)));
                }
                if *anchor != 0 {
                    anchor_sizes.insert(*anchor, 1);
                }
                (false, false, *anchor, 1u64)
            }
            Event::Alias(id) => {
                let size = anchor_sizes.get(id).copied().unwrap_or(1);
                expanded = expanded.saturating_add(size);
                if expanded > MAX_ALIAS_EXPANSION {
                    return Err(limit(
                        at,
                        "aliases (`*name`) that expand to too many values",
                        &format!("at most {MAX_ALIAS_EXPANSION} values copied through aliases"),
                        "write the content out instead of repeating anchors; this looks like an alias bomb",
                    ));
                }
                (false, false, 0, size)
            }
            Event::MappingStart(anchor, _) => (true, true, *anchor, 0),
            Event::SequenceStart(anchor, _) => (true, false, *anchor, 0),
        };

        // Where does this node go?
        let slot = match frames.last_mut() {
            None => Slot::Root,
            Some(f) if f.node.is_none() => Slot::Ignored,
            Some(f) => match f.expecting_key {
                Some(true) => Slot::Key,
                Some(false) => {
                    f.expecting_key = Some(true);
                    let (key, key_pos) = f.key.take().unwrap_or_else(|| (String::new(), at));
                    Slot::Child(f.node.unwrap_or(0), Segment::Key(key), Some(key_pos))
                }
                None => {
                    let i = f.next_index;
                    f.next_index += 1;
                    Slot::Child(f.node.unwrap_or(0), Segment::Index(i), None)
                }
            },
        };
        let node = match slot {
            Slot::Root => {
                let kind = match &event {
                    Event::MappingStart(..) => RootKind::Mapping,
                    Event::SequenceStart(..) => RootKind::Sequence,
                    Event::Alias(_) => RootKind::Alias,
                    _ => RootKind::Scalar,
                };
                root = Some((kind, at));
                index = Some(PathIndex::new(at, is_container));
                Some(PathIndex::ROOT)
            }
            Slot::Key => {
                if let Some(f) = frames.last_mut() {
                    f.expecting_key = Some(false);
                    let name = match &event {
                        Event::Scalar(v, ..) => v.to_string(),
                        _ => "?".to_owned(),
                    };
                    if let Event::Scalar(..) = &event {
                        if let Some(first) = f.seen.get(&name) {
                            return Err(ScanProblem {
                                pos: at,
                                message: format!("key `{name}` appears twice in this mapping"),
                                expected: Some("each key at most once per mapping".into()),
                                hint: Some(format!(
                                    "it is already at line {}; remove one, or check the indentation if they belong to different entries",
                                    first.line
                                )),
                                syntax: false,
                            });
                        }
                        f.seen.insert(name.clone(), at);
                    }
                    f.key = Some((name, at));
                }
                // Complex keys (a mapping or list as key) are not indexed.
                None
            }
            Slot::Child(parent, seg, key_pos) => index
                .as_mut()
                .map(|ix| ix.add(parent, seg, key_pos, at, is_container)),
            Slot::Ignored => None,
        };
        if is_container {
            if frames.len() >= MAX_DEPTH {
                return Err(limit(
                    at,
                    &format!("mappings or lists nested more than {MAX_DEPTH} levels deep"),
                    &format!("at most {MAX_DEPTH} levels of nesting"),
                    "a playbook needs about 6 levels; check for runaway indentation or brackets",
                ));
            }
            frames.push(Frame::new(node, is_mapping, anchor));
        } else if let Some(parent) = frames.last_mut() {
            parent.size = parent.size.saturating_add(own_size);
        }
    }
    Ok(Scan {
        index: index.unwrap_or_else(|| PathIndex::new(Pos { line: 1, column: 1 }, false)),
        root,
        block_scalars,
    })
}

fn limit(at: Pos, found: &str, expected: &str, hint: &str) -> ScanProblem {
    ScanProblem {
        pos: at,
        message: format!("found {found}"),
        expected: Some(expected.to_owned()),
        hint: Some(hint.to_owned()),
        syntax: false,
    }
}

/// Turns a parser error into a problem with a hint a team lead can act on.
fn syntax_problem(e: ScanError) -> ScanProblem {
    let m = e.marker();
    let at = Pos {
        line: m.line().max(1),
        column: m.col() + 1,
    };
    let info = e.info();
    if info.contains("recursion limit") {
        return limit(
            at,
            "brackets nested too deeply",
            &format!("at most {MAX_DEPTH} levels of nesting"),
            "a playbook needs about 6 levels; check for runaway `[` or `{`",
        );
    }
    let hint = if info.contains("tab") {
        "YAML needs spaces for indentation, not tabs"
    } else if info.contains("mapping values are not allowed") {
        "a text containing `: ` must be quoted, e.g. text: \"Note: …\"; otherwise check the indentation"
    } else if info.contains("did not find expected key") || info.contains("block mapping") {
        "keys of the same mapping must start in the same column; check the indentation of this line and the one above"
    } else if info.contains("block sequence") || info.contains("expected '-'") {
        "list entries (`- `) of one list must start in the same column"
    } else if info.contains("quoted scalar")
        || info.contains("unexpected end")
        || info.contains("eof")
    {
        "a quote or bracket opened here is not closed"
    } else if info.contains("cannot start any token") {
        "a value starting with `@`, `` ` ``, `%` or `*` must be quoted"
    } else if info.contains("anchor") || info.contains("alias") {
        "an alias (`*name`) must refer to an anchor (`&name`) defined before it"
    } else {
        "check the indentation and quoting around this line"
    };
    ScanProblem {
        pos: at,
        message: format!("YAML syntax error: {info}"),
        expected: None,
        hint: Some(hint.to_owned()),
        syntax: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_nested_keys_and_list_elements() {
        let text = "a: 1\nb:\n  - x: 2\n    y: [3, 4]\n";
        let s = scan(text).unwrap();
        assert_eq!(s.root.unwrap().0, RootKind::Mapping);
        let at = |p: &str| s.index.locate(p);
        assert_eq!(at("a").pos, Pos { line: 1, column: 4 });
        assert_eq!(at("b").pos, Pos { line: 2, column: 1 });
        assert_eq!(at("b[0]").pos, Pos { line: 3, column: 5 });
        assert_eq!(at("b[0].x").pos, Pos { line: 3, column: 8 });
        assert_eq!(
            at("b[0].y[1]").pos,
            Pos {
                line: 4,
                column: 12
            }
        );
        assert!(at("b[0].y[1]").exact);
        assert!(!at("b[1]").exact);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let flow = "a: ".to_owned() + &"[".repeat(10_000);
        let e = scan(&flow).unwrap_err();
        assert!(e.message.contains("nested"), "{e:?}");
        let block: String = (0..1_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let e = scan(&block).unwrap_err();
        assert!(e.message.contains("nested"), "{e:?}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let e = scan(&text).unwrap_err();
        assert!(e.message.contains("aliases"), "{e:?}");
        // A few aliases are fine.
        assert!(scan("a: &x [1, 2]\nb: *x\nc: *x\n").is_ok());
    }

    #[test]
    fn block_scalars_are_recorded_and_second_documents_refused() {
        let s = scan("a: |\n  one\n  two\nb: x\n").unwrap();
        assert_eq!(s.block_scalars.len(), 1);
        let (a, b) = s.block_scalars[0];
        assert!(a <= 2 && b >= 3, "{a}..{b}");
        let e = scan("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(e.pos.line, 2);
    }

    #[test]
    fn duplicate_keys_are_located_at_the_second() {
        let e = scan("a: 1\nb:\n  c: 1\n  c: 2\n").unwrap_err();
        assert_eq!(e.pos, Pos { line: 4, column: 3 });
        assert!(e.message.contains("`c` appears twice"));
        assert!(e.hint.unwrap().contains("line 3"));
        // The same key in different mappings is fine.
        assert!(scan("a:\n  c: 1\nb:\n  c: 2\n").is_ok());
    }

    #[test]
    fn syntax_errors_are_located_with_hints() {
        let e = scan("a: 1\n b: 2\nc: d: e\n").unwrap_err();
        assert!(e.syntax);
        assert!(e.pos.line >= 2);
        assert!(e.hint.is_some());
    }
}
