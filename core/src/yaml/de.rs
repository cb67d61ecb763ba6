//! serde deserialization from the marked tree ([`Node`]): every error comes
//! back typed (unknown key, missing key, wrong type …, with serde's own
//! lists of valid names) and placed at the node it concerns, so nothing
//! has to be read back out of a message text.
//!
//! Scalars follow the YAML 1.2 core schema: only a plain (unquoted) value
//! can be null, a boolean or a number; a text field takes any value as
//! written (`version: 1.0` is the text `1.0`).

use super::node::{Kind, Node, Style};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::fmt;

mod error;

use error::Path;
pub use error::{Error, ErrorKind, Found};

/// Deserializes a `T` from `root`.
pub fn from_node<T: de::DeserializeOwned>(root: &Node) -> Result<T, Error> {
    T::deserialize(De {
        node: root,
        path: &Path::Root,
    })
}

/// A plain scalar's value under the YAML 1.2 core schema.
enum Plain {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text,
}

fn resolve(text: &str) -> Plain {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Plain::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Plain::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        _ => {}
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(hex) = text.strip_prefix("0x").filter(|h| digits(h, 16)) {
        return u64::from_str_radix(hex, 16).map_or(Plain::Text, Plain::Unsigned);
    }
    if let Some(oct) = text.strip_prefix("0o").filter(|o| digits(o, 8)) {
        return u64::from_str_radix(oct, 8).map_or(Plain::Text, Plain::Unsigned);
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    if digits(unsigned, 10) {
        return match unsigned.parse::<u64>() {
            Ok(n) => Plain::Unsigned(n),
            Err(_) => unsigned.parse().map_or(Plain::Text, Plain::Float),
        };
    }
    if let Some(neg) = text.strip_prefix('-').filter(|n| digits(n, 10)) {
        return match text.parse::<i64>() {
            Ok(n) => Plain::Signed(n),
            Err(_) => neg.parse::<f64>().map_or(Plain::Text, |f| Plain::Float(-f)),
        };
    }
    if is_float(text) {
        return text.parse().map_or(Plain::Text, Plain::Float);
    }
    Plain::Text
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = all_digits(int)
        && frac.is_none_or(all_digits)
        && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

/// The deserializer for one node.
#[derive(Clone, Copy)]
struct De<'a> {
    node: &'a Node,
    path: &'a Path<'a>,
}

impl<'a> De<'a> {
    fn plain(&self) -> Option<&'a str> {
        match &self.node.kind {
            Kind::Scalar {
                text,
                style: Style::Plain,
            } => Some(text),
            _ => None,
        }
    }

    fn place<T>(&self, r: Result<T, Error>) -> Result<T, Error> {
        r.map_err(|e| e.place(self.node.pos, self.path))
    }

    /// The error for a node that is not what `exp` wants.
    fn wrong(&self, exp: &dyn de::Expected) -> Error {
        let found = match &self.node.kind {
            Kind::Seq(_) => Found::List,
            Kind::Map(_) => Found::Mapping,
            Kind::Scalar { text, style } => match (style, resolve(text)) {
                (Style::Plain, Plain::Null) => Found::Nothing,
                (Style::Plain, Plain::Bool(b)) => Found::Bool(b),
                (Style::Plain, Plain::Unsigned(n)) => Found::Unsigned(n),
                (Style::Plain, Plain::Signed(n)) => Found::Signed(n),
                (Style::Plain, Plain::Float(f)) => Found::Float(f),
                _ => Found::Text(text.clone()),
            },
        };
        Error::new(ErrorKind::InvalidType {
            found,
            expected: exp.to_string(),
        })
        .place(self.node.pos, self.path)
    }

    fn visit_text<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Scalar { text, .. } => self.place(visitor.visit_str(text)),
            _ => Err(self.wrong(&visitor)),
        }
    }
}

impl<'de> de::Deserializer<'de> for De<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let r = match &self.node.kind {
            Kind::Seq(items) => visitor.visit_seq(SeqDe {
                items: items.iter().enumerate(),
                path: self.path,
            }),
            Kind::Map(entries) => visitor.visit_map(MapDe {
                entries: entries.iter(),
                value: None,
                path: self.path,
            }),
            Kind::Scalar { text, style } => match (style, resolve(text)) {
                (Style::Plain, Plain::Null) => visitor.visit_unit(),
                (Style::Plain, Plain::Bool(b)) => visitor.visit_bool(b),
                (Style::Plain, Plain::Unsigned(n)) => visitor.visit_u64(n),
                (Style::Plain, Plain::Signed(n)) => visitor.visit_i64(n),
                (Style::Plain, Plain::Float(f)) => visitor.visit_f64(f),
                _ => visitor.visit_str(text),
            },
        };
        self.place(r)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_text(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_text(visitor)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_text(visitor)
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_text(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain().map(resolve) {
            Some(Plain::Null) => self.place(visitor.visit_none()),
            _ => self.place(visitor.visit_some(self)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain().map(resolve) {
            Some(Plain::Null) => self.place(visitor.visit_unit()),
            _ => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.place(visitor.visit_newtype_struct(self))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Seq(_) => self.deserialize_any(visitor),
            _ => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            // A missing key is shown at the mapping that lacks it.
            Kind::Map(entries) => visitor
                .visit_map(MapDe {
                    entries: entries.iter(),
                    value: None,
                    path: self.path,
                })
                .map_err(|e| e.place(self.node.shown_at(), self.path)),
            _ => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Scalar { .. } => self.place(visitor.visit_enum(EnumDe {
                variant: self,
                content: None,
            })),
            Kind::Map(entries) if entries.len() == 1 => {
                let (k, v) = &entries[0];
                let key = k.text().unwrap_or("?");
                let path = Path::Key(self.path, key);
                let content = De {
                    node: v,
                    path: &path,
                };
                let variant = De {
                    node: k,
                    path: self.path,
                };
                self.place(visitor.visit_enum(EnumDe {
                    variant,
                    content: Some(content),
                }))
            }
            _ => Err(self.wrong(&OneOf(variants))),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 bytes byte_buf
    }
}

/// "one of `a`, `b`" for a value that must be one of a set of names.
struct OneOf(&'static [&'static str]);

impl de::Expected for OneOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.0.iter().map(|n| format!("`{n}`")).collect();
        write!(f, "one of {}", names.join(", "))
    }
}

struct SeqDe<'a> {
    items: std::iter::Enumerate<std::slice::Iter<'a, Node>>,
    path: &'a Path<'a>,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((i, node)) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, i);
        seed.deserialize(De { node, path: &path }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    value: Option<&'a (Node, Node)>,
    path: &'a Path<'a>,
}

impl<'de> de::MapAccess<'de> for MapDe<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        // An unknown key is reported at the key, as a problem of the mapping.
        let key = De {
            node: &entry.0,
            path: self.path,
        };
        key.place(seed.deserialize(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((k, v)) = self.value.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        let path = Path::Key(self.path, k.text().unwrap_or("?"));
        seed.deserialize(De {
            node: v,
            path: &path,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct EnumDe<'a> {
    variant: De<'a>,
    content: Option<De<'a>>,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumDe<'a> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let v = self.variant.place(seed.deserialize(self.variant))?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for EnumDe<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.content {
            None => Ok(()),
            Some(c) => de::Deserialize::deserialize(c),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.content {
            Some(c) => seed.deserialize(c),
            None => Err(self.variant.wrong(&"a value under the name")),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.content {
            Some(c) => de::Deserializer::deserialize_seq(c, visitor),
            None => Err(self.variant.wrong(&visitor)),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.content {
            Some(c) => de::Deserializer::deserialize_map(c, visitor),
            None => Err(self.variant.wrong(&visitor)),
        }
    }
}

impl<'de, 'a> IntoDeserializer<'de, Error> for De<'a> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: String,
        #[serde(default)]
        secs: Option<u32>,
        #[serde(default)]
        on: bool,
        #[serde(default)]
        mood: i8,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
        #[serde(default)]
        lang: Option<Lang>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Lang {
        Nl,
        En,
    }

    fn load(text: &str) -> Result<Doc, Error> {
        let doc = parse(text).unwrap();
        from_node(doc.root.as_ref().unwrap())
    }

    fn at(e: &Error) -> (usize, usize) {
        let p = e.at.unwrap();
        (p.line, p.column)
    }

    #[test]
    fn values_follow_the_core_schema_and_texts_take_anything() {
        let d =
            load("name: 1.0\nsecs: 0x10\non: True\nmood: -3\nitems:\n  - id: 12\n    lang: en\n")
                .unwrap();
        assert_eq!(d.name, "1.0");
        assert_eq!(d.secs, Some(16));
        assert!(d.on);
        assert_eq!(d.mood, -3);
        assert_eq!(d.items[0].id, "12");
        assert_eq!(d.items[0].lang, Some(Lang::En));
        let d = load("name: x\nsecs: ~\nitems:\n  - id: a\n    lang:\n").unwrap();
        assert_eq!((d.secs, d.items[0].lang.as_ref()), (None, None));
    }

    #[test]
    fn errors_are_typed_and_placed_at_their_node() {
        let e = load("name: x\nitems:\n  - idd: a\n").unwrap_err();
        assert!(
            matches!(&e.kind, ErrorKind::UnknownField { found, expected }
            if found == "idd" && expected == &["id", "lang"])
        );
        assert_eq!((at(&e), e.path.as_str()), ((3, 5), "items[0]"));

        let e = load("name: x\nitems:\n  - lang: nl\n").unwrap_err();
        assert_eq!(e.kind, ErrorKind::MissingField("id"));
        assert_eq!((at(&e), e.path.as_str()), ((3, 5), "items[0]"));

        let e = load("name: x\nsecs: twee minuten\n").unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::InvalidType {
                found: Found::Text("twee minuten".into()),
                expected: "u32".into()
            }
        );
        assert_eq!((at(&e), e.path.as_str()), ((2, 7), "secs"));

        let e = load("name: x\nsecs: \"120\"\n").unwrap_err();
        assert!(matches!(
            e.kind,
            ErrorKind::InvalidType {
                found: Found::Text(_),
                ..
            }
        ));

        let e = load("name: x\nsecs: -5\n").unwrap_err();
        assert!(matches!(
            e.kind,
            ErrorKind::InvalidValue {
                found: Found::Signed(-5),
                ..
            }
        ));

        let e = load("name: x\nmood: 300\n").unwrap_err();
        assert!(matches!(
            e.kind,
            ErrorKind::InvalidValue {
                found: Found::Unsigned(300),
                ..
            }
        ));

        let e = load("name: x\nitems:\n  - id: a\n    lang: NL\n").unwrap_err();
        assert!(matches!(&e.kind, ErrorKind::UnknownVariant { found, .. } if found == "NL"));
        assert_eq!((at(&e), e.path.as_str()), ((4, 11), "items[0].lang"));

        let e = load("name: x\nitems:\n  - id: a\n    lang: [nl]\n").unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::InvalidType {
                found: Found::List,
                expected: "one of `nl`, `en`".into()
            }
        );

        let e = load("name: [x]\n").unwrap_err();
        assert!(matches!(
            e.kind,
            ErrorKind::InvalidType {
                found: Found::List,
                ..
            }
        ));
        assert_eq!(at(&e), (1, 7));

        let e = load("name: x\nitems: x\n").unwrap_err();
        assert!(
            matches!(&e.kind, ErrorKind::InvalidType { expected, .. } if expected == "a sequence")
        );
    }

    #[test]
    fn a_missing_key_of_a_nested_mapping_is_shown_at_its_key() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            inner: Inner,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            a: u8,
            b: u8,
        }
        let doc = parse("# c\ninner:\n  a: 1\n").unwrap();
        let e = from_node::<Outer>(doc.root.as_ref().unwrap()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::MissingField("b"));
        assert_eq!((at(&e), e.path.as_str()), ((2, 1), "inner"));
    }

    #[test]
    fn plain_scalars_resolve_like_yaml_1_2() {
        assert!(matches!(resolve("12"), Plain::Unsigned(12)));
        assert!(matches!(resolve("+12"), Plain::Unsigned(12)));
        assert!(matches!(resolve("-12"), Plain::Signed(-12)));
        assert!(matches!(resolve("0o17"), Plain::Unsigned(15)));
        assert!(matches!(resolve("1.5e3"), Plain::Float(f) if f == 1500.0));
        assert!(matches!(resolve(".5"), Plain::Float(_)));
        assert!(matches!(resolve("1."), Plain::Float(_)));
        assert!(matches!(
            resolve("99999999999999999999999"),
            Plain::Float(_)
        ));
        for text in ["yes", "1.2.3", "e5", ".", "-", "0x", "1e", "twaalf"] {
            assert!(matches!(resolve(text), Plain::Text), "{text}");
        }
        assert!(matches!(resolve(""), Plain::Null));
        assert!(matches!(resolve("~"), Plain::Null));
    }
}
