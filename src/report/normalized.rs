//! Showing how values and articles are read: `normalize` and `extract` output.

use super::sanitize;
use crate::model::record::{ClaimLine, ClaimRecord, SourceFile, SourceHeader, Text};
use crate::model::{Assertion, DateRange, fmt_num};
use crate::model::{Interval, Precision};
use crate::normalize::Found;
use serde::Serialize;
use std::path::Path;

/// One figure as `extract --format jsonl` and `normalize --format json` show it.
#[derive(Debug, Clone, Serialize)]
pub struct Extracted<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub value: Option<f64>,
    pub low: serde_json::Value,
    pub high: serde_json::Value,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
    pub unit: Option<&'static str>,
    pub currency: Option<&'static str>,
    pub sentence: &'a str,
    pub rule: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unresolved: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property: Option<&'a str>,
}

impl<'a> Extracted<'a> {
    /// The figure `f` found in `article`.
    pub fn of(article: &'a str, f: &'a Found) -> Extracted<'a> {
        let a = &f.assertion;
        let p = Projection::of(a);
        Extracted {
            text: f.text(article),
            start: f.start,
            end: f.end,
            kind: p.kind,
            value: a
                .interval
                .filter(Interval::is_point)
                .and_then(|iv| iv.low)
                .filter(|_| a.date.is_none()),
            low: p.low,
            high: p.high,
            low_inclusive: p.low_inclusive,
            high_inclusive: p.high_inclusive,
            unit: p.unit,
            currency: p.currency,
            sentence: f.sentence(article),
            rule: &a.rule,
            unresolved: a.unresolved.as_deref(),
            property: f.property.as_deref(),
        }
    }
}

/// How a reading is shown in every JSON output (`report`, `resolve`, `extract`,
/// `normalize`): its kind, its two ends (ISO days for dates, numbers otherwise, null when
/// open), whether they are included, its unit and currency. Computed in this one place so that
/// the outputs cannot drift apart; each output picks the fields its format documents.
pub(crate) struct Projection {
    pub kind: &'static str,
    pub low: serde_json::Value,
    pub high: serde_json::Value,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
    pub unit: Option<&'static str>,
    pub currency: Option<&'static str>,
}

impl Projection {
    pub(crate) fn of(a: &Assertion) -> Projection {
        let end = |low: bool| {
            if let Some(d) = a.date {
                let v = if low { d.first } else { d.last };
                return v.map_or(serde_json::Value::Null, |d| {
                    serde_json::Value::String(d.to_string())
                });
            }
            let v = a.interval.and_then(|i| if low { i.low } else { i.high });
            v.map_or(serde_json::Value::Null, |x| serde_json::json!(x))
        };
        Projection {
            kind: a.kind.name(),
            low: end(true),
            high: end(false),
            low_inclusive: a.interval.is_none_or(|i| i.low_inclusive),
            high_inclusive: a.interval.is_none_or(|i| i.high_inclusive),
            unit: a.unit,
            currency: a.currency,
        }
    }
}

/// `normalize --format json`: the keys of `extract`'s objects, plus `rule`, precision and
/// any conversion check.
pub fn normalized_json(text: &str, a: &Assertion) -> String {
    let whole = Found {
        start: 0,
        end: text.len(),
        sentence: 0..text.len(),
        assertion: a.clone(),
        property: None,
    };
    let mut v = serde_json::to_value(Extracted::of(text, &whole)).unwrap_or_default();
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

/// The title and id of a draft's source: the article's file name without its extension, and
/// that name as an id.
fn draft_source(file: &Path) -> (String, String) {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "source".into());
    let id = crate::text::slug(&stem);
    (stem, id)
}

/// `extract --format jsonl`: one object per figure or date found.
pub fn extracted_jsonl(article: &str, found: &[Found]) -> String {
    let mut out = String::new();
    for f in found {
        out.push_str(&serde_json::to_string(&Extracted::of(article, f)).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// What a draft leaves for a person to fill in.
const TODO: &str = "TODO";

/// The draft claim of the `n`-th expression found (from 0).
fn draft_claim(n: usize, article: &str, f: &Found) -> ClaimRecord {
    let kind = f.assertion.kind.name();
    let mut claim = ClaimRecord::new(
        format!("{kind}-{}", n + 1),
        TODO.into(),
        f.property.clone().unwrap_or_else(|| TODO.into()),
        f.text(article).to_string(),
    );
    claim.quote = Some(f.sentence(article).to_string());
    claim.note = Some(format!("{kind} read as {}", f.assertion.rule));
    claim
}

/// Draft claims as JSON Lines, one per figure or date: the same fields as the YAML draft,
/// plus the `source` they belong to (named after the file), for machine-scale dossiers.
/// Keys are written in alphabetical order (through a `serde_json` map), as they always were.
pub fn extracted_claims_jsonl(article: &str, found: &[Found], file: &Path) -> String {
    let (_, source) = draft_source(file);
    let mut out = String::new();
    for (n, e) in found.iter().enumerate() {
        let line = ClaimLine::new(source.clone(), draft_claim(n, article, e));
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
pub fn extracted_yaml(
    article: &str,
    found: &[Found],
    file: &Path,
    published: Option<DateRange>,
) -> String {
    let (stem, id) = draft_source(file);
    let published = published.map_or("unknown".to_string(), |p| match p.precision {
        Precision::Year => p.first.map_or("unknown".into(), |d| d.year.to_string()),
        Precision::Month => p
            .first
            .map_or("unknown".into(), |d| format!("{}-{:02}", d.year, d.month)),
        _ => p.first.map_or("unknown".into(), |d| d.to_string()),
    });
    let draft = SourceFile {
        source: SourceHeader {
            id,
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
            .map(|(n, f)| draft_claim(n, article, f))
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
