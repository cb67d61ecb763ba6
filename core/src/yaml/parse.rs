//! The one parse of a YAML file: the parser's marked events become a
//! [`Node`] tree, without recursion, while the structural limits are
//! enforced (nesting depth, alias expansion, value size, one document) and
//! duplicate keys are caught with both their positions.

use super::node::{Kind, Node, Pos, Style};
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use std::collections::HashMap;

/// Deepest nesting of mappings and lists accepted (a playbook needs 6).
pub const MAX_DEPTH: usize = 64;

/// Most values that aliases (`*name`) may expand to in total; stops
/// "billion laughs" alias bombs.
pub const MAX_ALIAS_EXPANSION: u64 = 10_000;

/// Longest single value or key, in bytes.
pub const MAX_SCALAR_BYTES: usize = 64 * 1024;

/// A parsed document.
#[derive(Debug)]
pub struct Document {
    /// The top-level node; none when the file holds only comments.
    pub root: Option<Node>,
    /// Line ranges (inclusive) of block scalars (`|`, `>`), where tabs are
    /// content rather than indentation.
    pub block_scalars: Vec<(usize, usize)>,
}

impl Document {
    /// Finds `path` in the document (see [`Node::locate`]); the start of
    /// the file when there is no content.
    pub fn locate(&self, path: &str) -> super::node::Located {
        match &self.root {
            Some(root) => root.locate(path),
            None => super::node::Located {
                pos: Pos { line: 1, column: 1 },
                exact: path.is_empty(),
            },
        }
    }
}

/// A structural problem found while parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProblem {
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

fn pos(m: &saphyr_parser::Marker) -> Pos {
    Pos {
        line: m.line().max(1),
        column: m.col() + 1,
    }
}

/// A mapping or list being built.
struct Frame {
    pos: Pos,
    anchor: usize,
    /// Values inside, aliases expanded.
    size: u64,
    /// Levels of nesting inside (1 for an empty container).
    height: usize,
    body: Body,
}

enum Body {
    Seq(Vec<Node>),
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        /// Keys seen so far and where, to catch duplicates.
        seen: HashMap<String, Pos>,
    },
}

/// An anchored node, kept for its aliases.
struct Anchored {
    node: Node,
    size: u64,
    height: usize,
}

/// The builder's state between events.
struct Builder {
    frames: Vec<Frame>,
    anchors: HashMap<usize, Anchored>,
    expanded: u64,
    root: Option<Node>,
}

impl Builder {
    /// Adds a finished node (with its size and height) to the container
    /// being built, or makes it the root.
    fn attach(
        &mut self,
        mut node: Node,
        size: u64,
        height: usize,
        anchor: usize,
    ) -> Result<(), ParseProblem> {
        if anchor != 0 {
            self.anchors.insert(
                anchor,
                Anchored {
                    node: node.clone(),
                    size,
                    height,
                },
            );
        }
        let Some(frame) = self.frames.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        frame.size = frame.size.saturating_add(size);
        frame.height = frame.height.max(height + 1);
        match &mut frame.body {
            Body::Seq(items) => items.push(node),
            Body::Map { entries, key, seen } => match key.take() {
                None => {
                    if let Some(name) = node.text() {
                        if let Some(first) = seen.get(name) {
                            return Err(duplicate(name, node.pos, *first));
                        }
                        seen.insert(name.to_owned(), node.pos);
                    }
                    *key = Some(node);
                }
                Some(k) => {
                    node.key_pos = Some(k.pos);
                    entries.push((k, node));
                }
            },
        }
        Ok(())
    }
}

fn duplicate(name: &str, at: Pos, first: Pos) -> ParseProblem {
    ParseProblem {
        pos: at,
        message: format!("key `{name}` appears twice in this mapping"),
        expected: Some("each key at most once per mapping".into()),
        hint: Some(format!(
            "it is already at line {}; remove one, or check the indentation if they belong to different entries",
            first.line
        )),
        syntax: false,
    }
}

/// A `!!str` tag makes a plain scalar a text; other tags are ignored.
fn is_str_tag(tag: Option<&Tag>) -> bool {
    tag.is_some_and(|t| t.suffix == "str" || t.suffix == "tag:yaml.org,2002:str")
}

/// Parses `text` into a [`Document`], or returns the first structural
/// problem.
pub fn parse(text: &str) -> Result<Document, ParseProblem> {
    let mut parser = Parser::new_from_str(text);
    let mut b = Builder {
        frames: Vec::new(),
        anchors: HashMap::new(),
        expanded: 0,
        root: None,
    };
    let mut block_scalars = Vec::new();
    let mut documents = 0usize;

    while let Some(next) = parser.next_event() {
        let (event, span): (Event, Span) = next.map_err(syntax_problem)?;
        let at = pos(&span.start);
        let end = pos(&span.end);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
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
            }
            Event::Scalar(value, style, anchor, tag) => {
                if value.len() > MAX_SCALAR_BYTES {
                    return Err(limit(
                        at,
                        &format!("a value of {} KiB", value.len() / 1024),
                        &format!("values of at most {} KiB", MAX_SCALAR_BYTES / 1024),
                        "shorten it; a playbook text is a sentence or a paragraph",
                    ));
                }
                let style = match style {
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                    ScalarStyle::Plain if !is_str_tag(tag.as_deref()) => Style::Plain,
                    _ => Style::Quoted,
                };
                if matches!(style, Style::Literal | Style::Folded) {
                    block_scalars.push((at.line, end.line.max(at.line)));
                }
                let node = Node {
                    pos: at,
                    end,
                    key_pos: None,
                    kind: Kind::Scalar {
                        text: value.into_owned(),
                        style,
                    },
                };
                b.attach(node, 1, 0, anchor)?;
            }
            Event::Alias(id) => {
                let Some(anchored) = b.anchors.get(&id) else {
                    return Err(ParseProblem {
                        pos: at,
                        message: "YAML syntax error: alias to an unknown anchor".into(),
                        expected: None,
                        hint: Some(ALIAS_HINT.into()),
                        syntax: true,
                    });
                };
                b.expanded = b.expanded.saturating_add(anchored.size);
                if b.expanded > MAX_ALIAS_EXPANSION {
                    return Err(limit(
                        at,
                        "aliases (`*name`) that expand to too many values",
                        &format!("at most {MAX_ALIAS_EXPANSION} values copied through aliases"),
                        "write the content out instead of repeating anchors; this looks like an alias bomb",
                    ));
                }
                if b.frames.len() + anchored.height > MAX_DEPTH {
                    return Err(too_deep(at));
                }
                let (size, height) = (anchored.size, anchored.height);
                let mut node = anchored.node.clone();
                node.pos = at;
                node.end = end;
                b.attach(node, size, height, 0)?;
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                if b.frames.len() >= MAX_DEPTH {
                    return Err(too_deep(at));
                }
                let body = if matches!(event, Event::MappingStart(..)) {
                    Body::Map {
                        entries: Vec::new(),
                        key: None,
                        seen: HashMap::new(),
                    }
                } else {
                    Body::Seq(Vec::new())
                };
                b.frames.push(Frame {
                    pos: at,
                    anchor,
                    size: 1,
                    height: 1,
                    body,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let Some(done) = b.frames.pop() else { continue };
                let kind = match done.body {
                    Body::Seq(items) => Kind::Seq(items),
                    Body::Map { entries, .. } => Kind::Map(entries),
                };
                let node = Node {
                    pos: done.pos,
                    end,
                    key_pos: None,
                    kind,
                };
                b.attach(node, done.size, done.height, done.anchor)?;
            }
        }
    }
    Ok(Document {
        root: b.root,
        block_scalars,
    })
}

fn too_deep(at: Pos) -> ParseProblem {
    limit(
        at,
        &format!("mappings or lists nested more than {MAX_DEPTH} levels deep"),
        &format!("at most {MAX_DEPTH} levels of nesting"),
        "a playbook needs about 6 levels; check for runaway indentation or brackets",
    )
}

fn limit(at: Pos, found: &str, expected: &str, hint: &str) -> ParseProblem {
    ParseProblem {
        pos: at,
        message: format!("found {found}"),
        expected: Some(expected.to_owned()),
        hint: Some(hint.to_owned()),
        syntax: false,
    }
}

const ALIAS_HINT: &str = "an alias (`*name`) must refer to an anchor (`&name`) defined before it";

/// Turns a parser error into a problem with a hint a team lead can act on.
fn syntax_problem(e: ScanError) -> ParseProblem {
    let at = pos(e.marker());
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
        ALIAS_HINT
    } else {
        "check the indentation and quoting around this line"
    };
    ParseProblem {
        pos: at,
        message: format!("YAML syntax error: {info}"),
        expected: None,
        hint: Some(hint.to_owned()),
        syntax: true,
    }
}

#[cfg(test)]
mod tests {
    use super::super::node::Segment;
    use super::*;

    #[test]
    fn builds_a_marked_tree_of_keys_and_list_elements() {
        let text = "a: 1\nb:\n  - x: 2\n    y: [3, 4]\n";
        let d = parse(text).unwrap();
        assert!(matches!(d.root.as_ref().unwrap().kind, Kind::Map(_)));
        let at = |p: &str| d.locate(p);
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
        let e = parse(&flow).unwrap_err();
        assert!(e.message.contains("nested"), "{e:?}");
        let block: String = (0..1_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let e = parse(&block).unwrap_err();
        assert!(e.message.contains("nested"), "{e:?}");
    }

    #[test]
    fn aliases_cannot_nest_deeper_than_the_limit() {
        // Each anchor holds the previous one 40 levels further down: the
        // text is shallow, the expanded tree would not be.
        let mut text = String::new();
        for i in 0..4 {
            let inner = if i == 0 {
                "x".to_owned()
            } else {
                format!("*a{}", i - 1)
            };
            text.push_str(&format!(
                "a{i}: &a{i} {}{inner}{}\n",
                "[".repeat(40),
                "]".repeat(40)
            ));
        }
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("nested more than 64"), "{e:?}");
        assert_eq!(e.pos.line, 2);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("aliases"), "{e:?}");
        // A few aliases are fine, and copy the anchored value.
        let d = parse("a: &x [1, 2]\nb: *x\nc: *x\n").unwrap();
        let c = d.root.as_ref().unwrap().child(&Segment::Key("c".into()));
        assert!(matches!(&c.unwrap().kind, Kind::Seq(v) if v.len() == 2));
        assert_eq!(d.locate("c").pos.line, 3);
    }

    #[test]
    fn block_scalars_are_recorded_and_second_documents_refused() {
        let d = parse("a: |\n  one\n  two\nb: x\n").unwrap();
        assert_eq!(d.block_scalars.len(), 1);
        let (a, b) = d.block_scalars[0];
        assert!(a <= 2 && b >= 3, "{a}..{b}");
        let e = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(e.pos.line, 2);
    }

    #[test]
    fn duplicate_keys_are_located_at_the_second() {
        let e = parse("a: 1\nb:\n  c: 1\n  c: 2\n").unwrap_err();
        assert_eq!(e.pos, Pos { line: 4, column: 3 });
        assert!(e.message.contains("`c` appears twice"));
        assert!(e.hint.unwrap().contains("line 3"));
        // The same key in different mappings is fine.
        assert!(parse("a:\n  c: 1\nb:\n  c: 2\n").is_ok());
    }

    #[test]
    fn styles_tell_texts_from_plain_values() {
        let d = parse("a: 1\nb: '1'\nc: !!str 1\nd: |\n  x\n").unwrap();
        let root = d.root.as_ref().unwrap();
        let style = |k: &str| match root.child(&Segment::Key(k.into())).map(|n| &n.kind) {
            Some(Kind::Scalar { style, .. }) => *style,
            other => panic!("{k}: {other:?}"),
        };
        assert_eq!(style("a"), Style::Plain);
        assert_eq!(style("b"), Style::Quoted);
        assert_eq!(style("c"), Style::Quoted);
        assert_eq!(style("d"), Style::Literal);
    }

    #[test]
    fn syntax_errors_are_located_with_hints() {
        let e = parse("a: 1\n b: 2\nc: d: e\n").unwrap_err();
        assert!(e.syntax);
        assert!(e.pos.line >= 2);
        assert!(e.hint.is_some());
        let e = parse("a: *nope\n").unwrap_err();
        assert!(e.hint.unwrap().contains("anchor"), "{}", e.message);
    }
}
