//! The typed errors of deserializing from the marked tree: what went
//! wrong, what was found, and where.

use super::super::node::Pos;
use serde::de;
use std::fmt;

/// What went wrong, in serde's terms.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorKind {
    /// A key the type does not have; `expected` lists the keys it has.
    UnknownField {
        /// The key as written.
        found: String,
        /// The valid keys.
        expected: &'static [&'static str],
    },
    /// A required key is absent.
    MissingField(&'static str),
    /// A key given twice (the parser reports these first).
    DuplicateField(&'static str),
    /// A value that is not one of the allowed names.
    UnknownVariant {
        /// The value as written.
        found: String,
        /// The allowed values.
        expected: &'static [&'static str],
    },
    /// A value of the wrong type (a text where a number belongs …).
    InvalidType {
        /// What was found.
        found: Found,
        /// serde's description of what was expected (`u32`, `a sequence` …).
        expected: String,
    },
    /// A value of the right type but out of range.
    InvalidValue {
        /// What was found.
        found: Found,
        /// serde's description of what was expected.
        expected: String,
    },
    /// A list of the wrong length.
    InvalidLength {
        /// The length found.
        len: usize,
        /// serde's description of what was expected.
        expected: String,
    },
    /// Anything else a type's own deserializer says.
    Custom(String),
}

/// A value found where another was expected.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// A text.
    Text(String),
    /// A whole number.
    Unsigned(u64),
    /// A negative whole number.
    Signed(i64),
    /// A decimal number.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// An empty value or null.
    Nothing,
    /// A list.
    List,
    /// A mapping.
    Mapping,
    /// Something else, in serde's words.
    Other(String),
}

impl From<de::Unexpected<'_>> for Found {
    fn from(u: de::Unexpected<'_>) -> Self {
        use de::Unexpected as U;
        match u {
            U::Str(s) => Found::Text(s.to_owned()),
            U::Char(c) => Found::Text(c.to_string()),
            U::Unsigned(n) => Found::Unsigned(n),
            U::Signed(n) => Found::Signed(n),
            U::Float(f) => Found::Float(f),
            U::Bool(b) => Found::Bool(b),
            U::Unit | U::Option => Found::Nothing,
            U::Seq => Found::List,
            U::Map => Found::Mapping,
            other => Found::Other(other.to_string()),
        }
    }
}

/// A deserialization error: what, where, and at which path.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The node it concerns, once known.
    pub at: Option<Pos>,
    /// The path of the node it concerns (`stages.listen`); for an unknown
    /// or missing key, the mapping's path.
    pub path: String,
}

impl Error {
    pub(super) fn new(kind: ErrorKind) -> Self {
        Error {
            kind,
            at: None,
            path: String::new(),
        }
    }

    /// Places an error raised while reading `node` at `path`; an error that
    /// came up from deeper down keeps its own place.
    pub(super) fn place(mut self, at: Pos, path: &Path<'_>) -> Self {
        if self.at.is_none() {
            self.at = Some(at);
            self.path = path.to_string();
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.kind)?;
        if let Some(at) = self.at {
            write!(f, " at line {} column {}", at.line, at.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(ErrorKind::Custom(msg.to_string()))
    }
    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(ErrorKind::InvalidType {
            found: unexp.into(),
            expected: exp.to_string(),
        })
    }
    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(ErrorKind::InvalidValue {
            found: unexp.into(),
            expected: exp.to_string(),
        })
    }
    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Error::new(ErrorKind::InvalidLength {
            len,
            expected: exp.to_string(),
        })
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(ErrorKind::UnknownVariant {
            found: variant.to_owned(),
            expected,
        })
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(ErrorKind::UnknownField {
            found: field.to_owned(),
            expected,
        })
    }
    fn missing_field(field: &'static str) -> Self {
        Error::new(ErrorKind::MissingField(field))
    }
    fn duplicate_field(field: &'static str) -> Self {
        Error::new(ErrorKind::DuplicateField(field))
    }
}

/// The path of the node being read, as a chain up to the root; rendered
/// only when an error needs it.
#[derive(Clone, Copy)]
pub(super) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, k) => f.write_str(k),
            Path::Key(parent, k) => write!(f, "{parent}.{k}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}
