//! Writes serde records as YAML in the style of the files corroborate generates: block
//! mappings indented by two, lists of mappings as `- ` items, lists of scalars in flow style
//! (`[a, b]`), and every string double-quoted by [`yaml_quoted`](super::yaml_quoted) so that
//! no value is ever read back as a number, a boolean or a date. Booleans, numbers and enum
//! variants (a property's `kind`) are written bare. A caller may let a key's value be written
//! bare as well (the placeholders of a draft a person fills in).

use serde::Serialize;
use serde::ser::{self, Impossible};
use std::fmt;

/// Why a value could not be written as YAML (a shape the generated files never have).
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// `value` as YAML, every string quoted.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    to_string_with(value, |_, _| false)
}

/// `value` as YAML; `bare(key, text)` says whether the string `text` under `key` is written
/// without quotes.
pub fn to_string_with<T: Serialize + ?Sized>(
    value: &T,
    bare: impl Fn(&str, &str) -> bool,
) -> Result<String, Error> {
    let node = value.serialize(NodeSer)?;
    let Node::Map(fields) = node else {
        return Err(Error("a YAML file is written from a mapping".into()));
    };
    let mut out = String::new();
    write_map(&mut out, &fields, 0, None, &bare)?;
    Ok(out)
}

enum Node {
    Null,
    Str(String),
    /// Written as is: booleans, numbers, enum variants.
    Bare(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

fn scalar(key: &str, node: &Node, bare: &dyn Fn(&str, &str) -> bool) -> Option<String> {
    match node {
        Node::Str(s) if bare(key, s) => Some(s.clone()),
        Node::Str(s) => Some(super::yaml_quoted(s)),
        Node::Bare(s) => Some(s.clone()),
        Node::Null => Some("null".into()),
        Node::Seq(_) | Node::Map(_) => None,
    }
}

/// Writes `fields` at `indent`; `first_prefix` replaces the indentation of the first field
/// (the `- ` of a list item).
fn write_map(
    out: &mut String,
    fields: &[(String, Node)],
    indent: usize,
    first_prefix: Option<&str>,
    bare: &dyn Fn(&str, &str) -> bool,
) -> Result<(), Error> {
    let pad = " ".repeat(indent);
    for (i, (key, node)) in fields.iter().enumerate() {
        match (i, first_prefix) {
            (0, Some(p)) => out.push_str(p),
            _ => out.push_str(&pad),
        }
        out.push_str(key);
        out.push(':');
        if let Some(s) = scalar(key, node, bare) {
            out.push(' ');
            out.push_str(&s);
            out.push('\n');
            continue;
        }
        match node {
            Node::Map(inner) => {
                out.push('\n');
                write_map(out, inner, indent + 2, None, bare)?;
            }
            Node::Seq(items) if items.iter().all(|n| matches!(n, Node::Map(_))) => {
                out.push('\n');
                let dash = format!("{pad}  - ");
                for item in items {
                    if let Node::Map(inner) = item {
                        write_map(out, inner, indent + 4, Some(&dash), bare)?;
                    }
                }
            }
            Node::Seq(items) => {
                let flow = items
                    .iter()
                    .map(|n| {
                        scalar(key, n, bare).ok_or_else(|| {
                            Error(format!("`{key}` mixes lists or mappings with plain values"))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                out.push_str(" [");
                out.push_str(&flow.join(", "));
                out.push_str("]\n");
            }
            _ => {}
        }
    }
    Ok(())
}

struct NodeSer;

struct SeqSer(Vec<Node>);
struct MapSer(Vec<(String, Node)>, Option<String>);

impl ser::Serializer for NodeSer {
    type Ok = Node;
    type Error = Error;
    type SerializeSeq = SeqSer;
    type SerializeTuple = SeqSer;
    type SerializeTupleStruct = SeqSer;
    type SerializeTupleVariant = Impossible<Node, Error>;
    type SerializeMap = MapSer;
    type SerializeStruct = MapSer;
    type SerializeStructVariant = Impossible<Node, Error>;

    fn serialize_bool(self, v: bool) -> Result<Node, Error> {
        Ok(Node::Bare(v.to_string()))
    }
    fn serialize_i8(self, v: i8) -> Result<Node, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Node, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Node, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<Node, Error> {
        Ok(Node::Bare(v.to_string()))
    }
    fn serialize_u8(self, v: u8) -> Result<Node, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Node, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Node, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<Node, Error> {
        Ok(Node::Bare(v.to_string()))
    }
    fn serialize_f32(self, v: f32) -> Result<Node, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Node, Error> {
        if v.is_finite() {
            Ok(Node::Bare(v.to_string()))
        } else {
            Err(Error("a non-finite number has no YAML form here".into()))
        }
    }
    fn serialize_char(self, v: char) -> Result<Node, Error> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Node, Error> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Node, Error> {
        Err(Error("bytes have no YAML form here".into()))
    }
    fn serialize_none(self) -> Result<Node, Error> {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Node, Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, Error> {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Node, Error> {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Node, Error> {
        Ok(Node::Bare(variant.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Node, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<Node, Error> {
        Ok(Node::Map(vec![(variant.to_string(), v.serialize(self)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqSer, Error> {
        Ok(SeqSer(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSer, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqSer, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error("tuple variants have no YAML form here".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapSer, Error> {
        Ok(MapSer(Vec::new(), None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<MapSer, Error> {
        Ok(MapSer(Vec::new(), None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error("struct variants have no YAML form here".into()))
    }
}

impl ser::SerializeSeq for SeqSer {
    type Ok = Node;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.0.push(v.serialize(NodeSer)?);
        Ok(())
    }
    fn end(self) -> Result<Node, Error> {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqSer {
    type Ok = Node;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<Node, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqSer {
    type Ok = Node;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<Node, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for MapSer {
    type Ok = Node;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        match k.serialize(NodeSer)? {
            Node::Str(s) | Node::Bare(s) => {
                self.1 = Some(s);
                Ok(())
            }
            _ => Err(Error("a mapping key must be plain text".into())),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        let key = self
            .1
            .take()
            .ok_or_else(|| Error("a value without a key".into()))?;
        self.0.push((key, v.serialize(NodeSer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, Error> {
        Ok(Node::Map(self.0))
    }
}

impl ser::SerializeStruct for MapSer {
    type Ok = Node;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.0.push((key.to_string(), v.serialize(NodeSer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, Error> {
        Ok(Node::Map(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        id: String,
        tags: Vec<String>,
        on: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<String>,
    }

    #[derive(Serialize)]
    struct Doc {
        head: Item,
        items: Vec<Item>,
        none: Vec<Item>,
    }

    fn item(id: &str, tags: &[&str]) -> Item {
        Item {
            id: id.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            on: true,
            skipped: None,
        }
    }

    #[test]
    fn blocks_lists_and_quoting() {
        // An empty list is written as an empty key (read back as no items), as drafts always
        // wrote `claims:` with nothing found.
        let doc = Doc {
            head: item("a\"b", &["x"]),
            items: vec![item("1", &["p", "q: r"]), item("TODO", &[])],
            none: Vec::new(),
        };
        let yaml = to_string_with(&doc, |k, v| k == "id" && v == "TODO").unwrap();
        assert_eq!(
            yaml,
            "head:\n  id: \"a\\\"b\"\n  tags: [\"x\"]\n  on: true\nitems:\n  - id: \"1\"\n    tags: [\"p\", \"q: r\"]\n    on: true\n  - id: TODO\n    tags:\n    on: true\nnone:\n"
        );
        // What is written reads back as what was serialized.
        let back: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(back["items"][0]["id"], "1");
        assert_eq!(back["items"][0]["tags"][1], "q: r");
        assert_eq!(back["head"]["id"], "a\"b");
    }

    #[test]
    fn a_plain_value_at_the_top_is_refused() {
        assert!(to_string(&3).is_err());
    }
}
