//! Path → position index of a YAML document, so that a problem found on the
//! parsed model (`stages.listen.checklist[2].source`) can be shown at its
//! line and column.
//!
//! Nodes are stored as a tree (parent + one path segment each) rather than
//! as full path strings, so the index stays linear in the size of the file
//! even for long keys.

use std::collections::HashMap;

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// One step of a path: a mapping key or a list index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A 0-based list index.
    Index(usize),
}

#[derive(Clone, Debug)]
struct Node {
    /// Where the key of this node is (none for the root and list elements).
    key_pos: Option<Pos>,
    /// Where the value starts.
    value_pos: Pos,
    /// A mapping or list (shown at its key rather than its first child).
    container: bool,
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

/// The index. Node 0 is the document root.
#[derive(Clone, Debug)]
pub struct PathIndex {
    nodes: Vec<Node>,
    children: HashMap<(usize, Segment), usize>,
}

impl PathIndex {
    /// An index holding only the root, which starts at `root`.
    pub fn new(root: Pos, container: bool) -> Self {
        PathIndex {
            nodes: vec![Node {
                key_pos: None,
                value_pos: root,
                container,
            }],
            children: HashMap::new(),
        }
    }

    /// The root node's id.
    pub const ROOT: usize = 0;

    /// Adds a child of `parent`; returns its id. A repeated key keeps the
    /// first occurrence (the deserializer reports the duplicate).
    pub fn add(
        &mut self,
        parent: usize,
        segment: Segment,
        key_pos: Option<Pos>,
        value_pos: Pos,
        container: bool,
    ) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            key_pos,
            value_pos,
            container,
        });
        self.children.entry((parent, segment)).or_insert(id);
        id
    }

    /// Number of nodes indexed.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when only the root is indexed.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// Finds `path` (as in [`parse_path`]); when it does not exist, the
    /// nearest existing ancestor. A mapping or list is shown at its key, a
    /// plain value at the value itself.
    pub fn locate(&self, path: &str) -> Located {
        let mut node = Self::ROOT;
        let mut exact = true;
        for seg in parse_path(path) {
            match self.children.get(&(node, seg)) {
                Some(&child) => node = child,
                None => {
                    exact = false;
                    break;
                }
            }
        }
        let n = &self.nodes[node];
        let pos = if n.container || !exact {
            n.key_pos.unwrap_or(n.value_pos)
        } else {
            n.value_pos
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
        let mut ix = PathIndex::new(p(1, 1), true);
        let stages = ix.add(
            PathIndex::ROOT,
            Segment::Key("stages".into()),
            Some(p(1, 1)),
            p(2, 3),
            true,
        );
        let list = ix.add(
            stages,
            Segment::Key("checklist".into()),
            Some(p(2, 3)),
            p(3, 5),
            true,
        );
        let item = ix.add(list, Segment::Index(0), None, p(3, 5), true);
        ix.add(
            item,
            Segment::Key("source".into()),
            Some(p(3, 7)),
            p(3, 15),
            false,
        );
        // A scalar is shown at its value.
        assert_eq!(
            ix.locate("stages.checklist[0].source"),
            Located {
                pos: p(3, 15),
                exact: true
            }
        );
        // A mapping at its key.
        assert_eq!(
            ix.locate("stages.checklist"),
            Located {
                pos: p(2, 3),
                exact: true
            }
        );
        // A list element at its dash.
        assert_eq!(ix.locate("stages.checklist[0]").pos, p(3, 5));
        // A missing key: the nearest ancestor.
        assert_eq!(
            ix.locate("stages.checklist[0].tip"),
            Located {
                pos: p(3, 5),
                exact: false
            }
        );
        assert_eq!(
            ix.locate("nothing.here"),
            Located {
                pos: p(1, 1),
                exact: false
            }
        );
        assert_eq!(ix.locate("").pos, p(1, 1));
    }
}
