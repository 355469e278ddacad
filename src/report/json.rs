//! The one JSON writer of the large outputs (`report`, `resolve` and `check` as JSON): a
//! top-level object written field by field, exactly as `serde_json::to_string_pretty` would
//! write it, its long arrays rendered in parallel batches so that only one batch is in memory
//! besides what the destination keeps.

use super::escape::{SafePretty, json_text};
use serde::Serialize;
use std::io::{self, Write};

/// Elements rendered at once: enough to keep every core busy, few enough to bound memory.
const BATCH: usize = 16_384;

/// A pretty-printed JSON object at the top level of a document, written one field at a time.
/// Every string in it is passed through [`json_text`], so the writer needs no further
/// escaping.
pub struct PrettyObject<'w> {
    w: &'w mut dyn Write,
    empty: bool,
}

impl<'w> PrettyObject<'w> {
    pub fn begin(w: &'w mut dyn Write) -> io::Result<PrettyObject<'w>> {
        w.write_all(b"{")?;
        Ok(PrettyObject { w, empty: true })
    }

    fn key(&mut self, key: &str) -> io::Result<()> {
        let sep: &[u8] = if self.empty { b"\n  " } else { b",\n  " };
        self.empty = false;
        self.w.write_all(sep)?;
        let key = serde_json::to_string(key).unwrap_or_default();
        self.w.write_all(json_text(&key).as_bytes())?;
        self.w.write_all(b": ")
    }

    /// A field rendered whole (a scalar or a small object).
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> io::Result<()> {
        self.key(key)?;
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
        // serde_json escapes newlines inside strings, so every raw newline is layout.
        self.w
            .write_all(json_text(&text.replace('\n', "\n  ")).as_bytes())
    }

    /// A field holding a long array, rendered in parallel.
    pub fn array<T: Serialize + Sync>(&mut self, key: &str, items: &[T]) -> io::Result<()> {
        self.key(key)?;
        write_pretty_array(self.w, items, 1)
    }

    pub fn end(self) -> io::Result<()> {
        self.w.write_all(if self.empty { b"}\n" } else { b"\n}\n" })
    }
}

/// Writes `items` as serde_json's pretty printer would write them as an array value at
/// nesting `depth` (two spaces per level), every string already passed through
/// [`json_text`] (so `w` needs no further escaping), in parallel batches.
pub fn write_pretty_array<T: Serialize + Sync>(
    w: &mut dyn Write,
    items: &[T],
    depth: usize,
) -> io::Result<()> {
    use rayon::prelude::*;
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    let inner = "  ".repeat(depth + 1);
    w.write_all(b"[\n")?;
    for (b, batch) in items.chunks(BATCH).enumerate() {
        let parts: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|item| {
                let mut one = Vec::with_capacity(512);
                let mut ser =
                    serde_json::Serializer::with_formatter(&mut one, SafePretty::at(depth + 1));
                if item.serialize(&mut ser).is_err() {
                    one = b"null".to_vec();
                }
                one
            })
            .collect();
        for (i, part) in parts.iter().enumerate() {
            if b > 0 || i > 0 {
                w.write_all(b",\n")?;
            }
            w.write_all(inner.as_bytes())?;
            w.write_all(part)?;
        }
    }
    write!(w, "\n{}]", "  ".repeat(depth))
}

/// `T` serialized through a `serde_json::Value`, whose objects list their keys in sorted
/// order: the layout `check --format json` has always had.
pub struct SortedKeys<'a, T>(pub &'a T);

impl<T: Serialize> Serialize for SortedKeys<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_json::to_value(self.0)
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_pretty_arrays_match_serde_json() {
        let mut items: Vec<serde_json::Value> = vec![
            serde_json::json!({"a": 1, "b": ["x\ny", {"c": null}], "d": {}, "##[e\u{202e}": "\u{200b}##[x"}),
            serde_json::json!([]),
            serde_json::json!("plain"),
        ];
        // Deeper than the indentation writer's block of spaces.
        let mut deep = serde_json::json!(1);
        for _ in 0..40 {
            deep = serde_json::json!([deep]);
        }
        items.push(deep);
        let whole = serde_json::to_string_pretty(&serde_json::json!({"k": items})).unwrap();
        let whole = json_text(&whole).into_owned();
        let mut spliced = b"{\n  \"k\": ".to_vec();
        write_pretty_array(&mut spliced, &items, 1).unwrap();
        spliced.extend_from_slice(b"\n}");
        assert_eq!(whole, String::from_utf8(spliced).unwrap());
        let mut empty = Vec::new();
        write_pretty_array::<u8>(&mut empty, &[], 3).unwrap();
        assert_eq!(empty, b"[]");
    }

    #[test]
    fn objects_written_field_by_field_match_serde_json() {
        #[derive(Serialize)]
        struct Doc {
            name: &'static str,
            inner: serde_json::Value,
            list: Vec<serde_json::Value>,
            none: Vec<u8>,
        }
        let doc = Doc {
            name: "a \"b\"",
            inner: serde_json::json!({"x": [1, 2], "y": {}}),
            list: vec![serde_json::json!({"z": "q\nr"}), serde_json::json!(3.5)],
            none: vec![],
        };
        let mut out = Vec::new();
        let mut o = PrettyObject::begin(&mut out).unwrap();
        o.field("name", &doc.name).unwrap();
        o.field("inner", &doc.inner).unwrap();
        o.array("list", &doc.list).unwrap();
        o.array("none", &doc.none).unwrap();
        o.end().unwrap();
        let whole = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        assert_eq!(String::from_utf8(out).unwrap(), whole);
        let mut empty = Vec::new();
        PrettyObject::begin(&mut empty).unwrap().end().unwrap();
        assert_eq!(empty, b"{}\n");
    }

    #[test]
    fn sorted_keys_are_the_value_layout() {
        #[derive(Serialize)]
        struct Rec {
            zeta: u8,
            alpha: &'static str,
        }
        let r = Rec {
            zeta: 1,
            alpha: "a",
        };
        assert_eq!(
            serde_json::to_string(&SortedKeys(&r)).unwrap(),
            r#"{"alpha":"a","zeta":1}"#
        );
    }
}
