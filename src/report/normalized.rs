//! Showing how values and articles are read: `normalize` and `extract` output.

use super::sanitize;
use crate::model::record::{ClaimLine, ClaimRecord, SourceFile, SourceHeader, Text};
use crate::model::{Assertion, DateRange, fmt_num};
use crate::normalize::Extracted;
use std::path::Path;

/// `normalize --format json`: the keys of `extract`'s objects, plus `rule`, precision and
/// any conversion check.
pub fn normalized_json(text: &str, a: &Assertion) -> String {
    let e = Extracted::new(text, 0, text.len(), text, a.clone());
    let mut v = serde_json::to_value(&e).unwrap_or_default();
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            "precision".into(),
            serde_json::json!(a.date.map(|d| d.precision)),
        );
        obj.insert("stated".into(), serde_json::json!(a.stated));
        obj.insert("resolution".into(), serde_json::json!(a.resolution));
        obj.insert("conversion".into(), serde_json::json!(a.conversion));
    }
    serde_json::to_string(&v).unwrap_or_default()
}

/// `normalize` for people.
pub fn normalized_text(text: &str, a: &Assertion) -> String {
    let mut out = format!(
        "value:     {}\nkind:      {}\n",
        sanitize(text),
        a.kind.name()
    );
    if let Some(d) = a.date {
        out.push_str(&format!("dates:     {d}\nprecision: {:?}\n", d.precision));
    } else if let Some(iv) = a.interval {
        out.push_str(&format!("interval:  {iv}\n"));
    }
    if let Some(s) = a.stated
        && a.date.is_none()
    {
        out.push_str(&format!("stated:    {}\n", fmt_num(s)));
    }
    if let Some(r) = a.resolution.filter(|r| *r > 0.0) {
        out.push_str(&format!(
            "rounding:  to the nearest {} as written (a scale word carries its last digit)\n",
            fmt_num(r)
        ));
    }
    if let Some(u) = a.unit {
        out.push_str(&format!("unit:      {u}\n"));
    }
    if let Some(c) = a.currency {
        out.push_str(&format!("currency:  {c}\n"));
    }
    if let Some(t) = &a.text {
        out.push_str(&format!("text:      {}\n", sanitize(t)));
    }
    if let Some(c) = &a.conversion {
        out.push_str(&format!(
            "restated:  {} = {} ({})\n",
            sanitize(&c.stated),
            c.interval,
            if c.consistent {
                "consistent"
            } else {
                "INCONSISTENT with the main figure"
            }
        ));
    }
    if !a.rule.is_empty() {
        out.push_str(&format!("rule:      {}\n", sanitize(&a.rule)));
    }
    if let Some(u) = &a.unresolved {
        out.push_str(&format!("note:      {}\n", sanitize(u)));
    }
    out
}

pub fn extracted_jsonl(found: &[Extracted]) -> String {
    let mut out = String::new();
    for e in found {
        out.push_str(&serde_json::to_string(e).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// What a draft leaves for a person to fill in.
const TODO: &str = "TODO";

/// The draft claim of the `n`-th expression found (from 0).
fn draft_claim(n: usize, e: &Extracted) -> ClaimRecord {
    let mut claim = ClaimRecord::new(
        format!("{}-{}", e.kind, n + 1),
        TODO.into(),
        e.property.clone().unwrap_or_else(|| TODO.into()),
        e.text.clone(),
    );
    claim.quote = Some(e.sentence.clone());
    claim.note = Some(format!("{} read as {}", e.kind, e.rule));
    claim
}

/// Draft claims as JSON Lines, one per figure or date: the same fields as the YAML draft,
/// plus the `source` they belong to (named after the file), for machine-scale dossiers.
/// Keys are written in alphabetical order (through a `serde_json` map), as they always were.
pub fn extracted_claims_jsonl(found: &[Extracted], file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "source".into());
    let source = crate::text::slug(&stem);
    let mut out = String::new();
    for (n, e) in found.iter().enumerate() {
        let line = ClaimLine::new(source.clone(), draft_claim(n, e));
        out.push_str(
            &serde_json::to_value(&line)
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
        out.push('\n');
    }
    out
}

/// A draft claim file: one claim per expression, its sentence as the quote, subject and
/// property left for a person to fill in.
pub fn extracted_yaml(found: &[Extracted], file: &Path, published: Option<DateRange>) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "source".into());
    let published = published.map_or("unknown".to_string(), |p| match p.precision {
        crate::model::Precision::Year => p.first.map_or("unknown".into(), |d| d.year.to_string()),
        crate::model::Precision::Month => p
            .first
            .map_or("unknown".into(), |d| format!("{}-{:02}", d.year, d.month)),
        _ => p.first.map_or("unknown".into(), |d| d.to_string()),
    });
    let draft = SourceFile {
        source: SourceHeader {
            id: crate::text::slug(&stem),
            title: stem,
            publisher: "unknown".into(),
            published: Text(published),
            text: Some(format!(
                "seeds/{}",
                file.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            )),
            url: None,
            derived_from: Vec::new(),
            note: None,
        },
        claims: found
            .iter()
            .enumerate()
            .map(|(n, e)| draft_claim(n, e))
            .collect(),
    };
    let mut out = String::from("# yaml-language-server: $schema=../schema/claims.schema.json\n");
    out.push_str(
        "# Draft written by `corroborate extract`: fill in each claim's subject and property.\n",
    );
    // The placeholders and the date (or `unknown`) are written bare, as a person would; the
    // rest is quoted so that no value reads back as a number or a boolean.
    let bare = |key: &str, v: &str| {
        key == "published"
            || (matches!(key, "subject" | "property") && v == TODO)
            || (key == "publisher" && v == "unknown")
    };
    out.push_str(&crate::text::yaml::to_string_with(&draft, bare).unwrap_or_default());
    out
}
