//! The marked YAML tree: every mapping, list and value with the position it
//! was read at. Built once from the parser's events ([`super::parse`]); the
//! model is deserialized from it ([`super::de`]) and problems found on the
//! model (`stages.listen.checklist[2].source`) are located through it.

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// One node of the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// Where the value ends (just after it).
    pub end: Pos,
    /// Where its key is, for a value of a mapping.
    pub key_pos: Option<Pos>,
    /// What it is.
    pub kind: Kind,
}

/// The kinds of node.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A single value, as written (escapes resolved, lines folded).
    Scalar {
        /// The text of the value.
        text: String,
        /// How it was written.
        style: Style,
    },
    /// A list.
    Seq(Vec<Node>),
    /// A mapping: key and value nodes in file order.
    Map(Vec<(Node, Node)>),
}

/// How a scalar was written; only a plain scalar can be a number, a
/// boolean or null.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Unquoted.
    Plain,
    /// `'single'` or `"double"` quoted, or tagged `!!str`.
    Quoted,
    /// A literal block (`|`): line breaks kept.
    Literal,
    /// A folded block (`>`): line breaks become spaces.
    Folded,
}

/// One step of a path: a mapping key or a list index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A 0-based list index.
    Index(usize),
}

/// Where a path was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    /// The position to show.
    pub pos: Pos,
    /// True when the whole path exists; false when only an ancestor does
    /// (for example a missing optional key), whose position is given.
    pub exact: bool,
}

impl Node {
    /// The text of a scalar; `None` for a list or mapping.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// True for a list or mapping.
    pub fn is_container(&self) -> bool {
        !matches!(self.kind, Kind::Scalar { .. })
    }

    /// Where to show this node: a mapping or list at its key (the line that
    /// names it), a value at the value itself.
    pub fn shown_at(&self) -> Pos {
        if self.is_container() {
            self.key_pos.unwrap_or(self.pos)
        } else {
            self.pos
        }
    }

    /// The child at `segment`; the first of repeated keys.
    pub fn child(&self, segment: &Segment) -> Option<&Node> {
        match (&self.kind, segment) {
            (Kind::Map(entries), Segment::Key(k)) => entries
                .iter()
                .find(|(key, _)| key.text() == Some(k.as_str()))
                .map(|(_, v)| v),
            (Kind::Seq(items), Segment::Index(i)) => items.get(*i),
            _ => None,
        }
    }

    /// The node at `path` (as in [`parse_path`]), if it exists.
    pub fn find(&self, path: &str) -> Option<&Node> {
        parse_path(path)
            .iter()
            .try_fold(self, |node, seg| node.child(seg))
    }

    /// Where character `offset` of this scalar's text is in the file
    /// (`lines`: the file split at `\n`). The value's non-blank characters
    /// are matched in order against the file from the value's start, so
    /// indentation, folded line breaks and quotes are stepped over; `None`
    /// when it is not a scalar or the character cannot be matched (an
    /// escape sequence such as `\e`).
    pub fn char_pos(&self, lines: &[&str], offset: usize) -> Option<Pos> {
        let Kind::Scalar { text, style } = &self.kind else {
            return None;
        };
        let (mut line, mut col) = (self.pos.line, self.pos.column);
        // A block scalar's text starts on the line after its `|` or `>`.
        let first = lines.get(line.checked_sub(1)?)?;
        if matches!(style, Style::Literal | Style::Folded)
            && matches!(first.chars().nth(col - 1), Some('|' | '>'))
        {
            (line, col) = (line + 1, 1);
        }
        // The file's characters from (line, col) on, with their positions.
        let mut source = lines
            .iter()
            .enumerate()
            .skip(line - 1)
            .take_while(|(i, _)| *i < self.end.line)
            .flat_map(|(i, l)| {
                let skip = if i + 1 == line { col - 1 } else { 0 };
                l.chars().enumerate().skip(skip).map(move |(c, ch)| {
                    (
                        Pos {
                            line: i + 1,
                            column: c + 1,
                        },
                        ch,
                    )
                })
            });
        for (n, ch) in text.chars().enumerate().take(offset + 1) {
            if ch.is_whitespace() {
                continue;
            }
            let mut probe = source.clone();
            match probe.find(|&(_, c)| c == ch) {
                Some((at, _)) if n == offset => return Some(at),
                Some(_) => source = probe,
                // Not written as itself (an escape): step over it.
                None if n == offset => return None,
                None => {}
            }
        }
        None
    }

    /// Finds `path` (as in [`parse_path`]); when it does not exist, the
    /// nearest existing ancestor. A mapping or list is shown at its key, a
    /// plain value at the value itself ([`Node::shown_at`]); a missing path
    /// at its nearest ancestor's key.
    pub fn locate(&self, path: &str) -> Located {
        let mut node = self;
        let mut exact = true;
        for seg in parse_path(path) {
            match node.child(&seg) {
                Some(child) => node = child,
                None => {
                    exact = false;
                    break;
                }
            }
        }
        let pos = if exact {
            node.shown_at()
        } else {
            node.key_pos.unwrap_or(node.pos)
        };
        Located { pos, exact }
    }
}

/// Splits a path such as `stages.listen.checklist[2].source` into segments.
/// An empty path is the root.
pub fn parse_path(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Segment::Key(key.to_owned()));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let Some(close) = r.find(']') else { break };
            match r[..close].parse() {
                Ok(i) => out.push(Segment::Index(i)),
                Err(_) => out.push(Segment::Key(r[..close].to_owned())),
            }
            rest = &r[close + 1..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }

    fn scalar(at: Pos, key_pos: Option<Pos>, text: &str) -> Node {
        Node {
            pos: at,
            end: at,
            key_pos,
            kind: Kind::Scalar {
                text: text.into(),
                style: Style::Plain,
            },
        }
    }

    #[test]
    fn characters_of_a_value_are_found_on_their_own_line() {
        use super::super::parse::parse;
        let text = "a: x\nbody: |-\n  Dear {c},\n\n  stray } here\n    {deeper\nb: \"q\\e{x}\"\nc: >\n  folded\n  } line\n";
        let lines: Vec<&str> = text.split('\n').collect();
        let doc = parse(text).unwrap();
        let root = doc.root.as_ref().unwrap();
        let at = |path: &str, needle: &str| {
            let node = root.find(path).unwrap();
            let offset = node.text().unwrap().find(needle).unwrap();
            let chars = node.text().unwrap()[..offset].chars().count();
            node.char_pos(&lines, chars).map(|p| (p.line, p.column))
        };
        assert_eq!(at("body", "{c}"), Some((3, 8)));
        assert_eq!(at("body", "}"), Some((3, 10)));
        assert_eq!(at("body", "} here"), Some((5, 9)));
        assert_eq!(at("body", "{deeper"), Some((6, 5)));
        assert_eq!(at("b", "{x}"), Some((7, 8)));
        assert_eq!(at("b", "\u{1b}"), None);
        assert_eq!(at("c", "}"), Some((10, 3)));
        assert_eq!(root.find("a").unwrap().char_pos(&lines, 9), None);
        assert!(root.find("body.x").is_none());
    }

    #[test]
    fn parses_keys_and_indices() {
        use Segment::*;
        assert_eq!(
            parse_path("stages.listen.checklist[2].source"),
            vec![
                Key("stages".into()),
                Key("listen".into()),
                Key("checklist".into()),
                Index(2),
                Key("source".into())
            ]
        );
        assert_eq!(
            parse_path("a[0][1]"),
            vec![Key("a".into()), Index(0), Index(1)]
        );
        assert_eq!(parse_path(""), vec![]);
    }

    #[test]
    fn locates_exact_values_containers_and_ancestors() {
        // stages:            (1,1)
        //   checklist:       (2,3)
        //     - source: x    item (3,7), key (3,7), value (3,15)
        let item = Node {
            pos: p(3, 7),
            end: p(3, 16),
            key_pos: None,
            kind: Kind::Map(vec![(
                scalar(p(3, 7), None, "source"),
                scalar(p(3, 15), Some(p(3, 7)), "x"),
            )]),
        };
        let list = Node {
            pos: p(3, 5),
            end: p(3, 16),
            key_pos: Some(p(2, 3)),
            kind: Kind::Seq(vec![item]),
        };
        let stages = Node {
            pos: p(2, 3),
            end: p(3, 16),
            key_pos: Some(p(1, 1)),
            kind: Kind::Map(vec![(scalar(p(2, 3), None, "checklist"), list)]),
        };
        let root = Node {
            pos: p(1, 1),
            end: p(3, 16),
            key_pos: None,
            kind: Kind::Map(vec![(scalar(p(1, 1), None, "stages"), stages)]),
        };
        // A scalar is shown at its value.
        assert_eq!(
            root.locate("stages.checklist[0].source"),
            Located {
                pos: p(3, 15),
                exact: true
            }
        );
        // A mapping or list at its key.
        assert_eq!(
            root.locate("stages.checklist"),
            Located {
                pos: p(2, 3),
                exact: true
            }
        );
        // A list element (no key) where it starts.
        assert_eq!(root.locate("stages.checklist[0]").pos, p(3, 7));
        // A missing key: the nearest ancestor.
        assert_eq!(
            root.locate("stages.checklist[0].tip"),
            Located {
                pos: p(3, 7),
                exact: false
            }
        );
        assert_eq!(
            root.locate("nothing.here"),
            Located {
                pos: p(1, 1),
                exact: false
            }
        );
        assert_eq!(root.locate("").pos, p(1, 1));
    }
}
