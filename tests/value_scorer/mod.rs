//! Scores the value reader against the labelled corpus in `tests/data/values/*.yaml`.
//!
//! Shared by `tests/value_corpus.rs` (a ratchet on per-category accuracy) and
//! `examples/value-corpus.rs` (the table). The labels are read with their own small parsers,
//! independent of the library's; the library is called only through [`read_value`] and
//! [`read_sentence`], the two adapters to change if the reader's API changes.

#![allow(dead_code)]

use corroborate::model::{AssertionKind, Date, ValueKind};
use corroborate::normalize::date::Reference;
use corroborate::normalize::{Context, extract, normalize_value};
use corroborate::report::Extracted;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The categories, in table order.
pub const CATEGORIES: [&str; 11] = [
    "number",
    "fraction",
    "bound",
    "range",
    "vague",
    "unit",
    "money",
    "date",
    "time",
    "duration",
    "unreadable",
];

/// Relative tolerance on interval ends: labels are written to four or more significant
/// digits and unit factors are exact, so this only absorbs float rounding and 30.44-day months.
pub const EPSILON: f64 = 1e-3;

// ---------------------------------------------------------------------------------------
// The corpus files.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    category: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    origin: Option<String>,
    items: Vec<ItemDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemDoc {
    #[serde(default)]
    category: Option<String>,
    /// A value item: the value as a claim's `value:` would hold it.
    #[serde(default)]
    text: Option<String>,
    /// A sentence item: a whole sentence, and the figures in it.
    #[serde(default)]
    sentence: Option<String>,
    #[serde(default)]
    figures: Option<Vec<FigureDoc>>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    unit_hint: Option<String>,
    #[serde(default)]
    date_order: Option<String>,
    #[serde(default)]
    origin: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    read: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    unreadable: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureDoc {
    span: String,
    /// Another exact span that counts as this figure ("88" for "reached 88").
    #[serde(default)]
    or_span: Option<String>,
    #[serde(default)]
    occurrence: Option<usize>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    read: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    unreadable: Option<bool>,
}

/// One end of an expected or actual interval; `value: None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct End {
    pub value: Option<f64>,
    pub inclusive: bool,
}

/// What a value means (a label), or what the reader made of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// No reading: the value is reported unparsed.
    Nothing,
    Number {
        low: End,
        high: End,
        unit: Option<String>,
        currency: Option<String>,
    },
    /// First and last day (ISO), `None` for an open end.
    Date {
        first: Option<String>,
        last: Option<String>,
    },
}

impl Reading {
    pub fn is_nothing(&self) -> bool {
        matches!(self, Reading::Nothing)
    }
}

fn fmt_end(e: &End, low: bool) -> String {
    match e.value {
        None if low => "(-.inf".into(),
        None => ".inf)".into(),
        Some(v) if low => format!("{}{}", if e.inclusive { "[" } else { "(" }, v),
        Some(v) => format!("{}{}", v, if e.inclusive { "]" } else { ")" }),
    }
}

impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reading::Nothing => f.write_str("unread"),
            Reading::Number {
                low,
                high,
                unit,
                currency,
            } => {
                if low.value.is_some() && low.value == high.value && low.inclusive && high.inclusive
                {
                    write!(f, "{}", low.value.unwrap_or(0.0))?;
                } else {
                    write!(f, "{}, {}", fmt_end(low, true), fmt_end(high, false))?;
                }
                if let Some(u) = unit {
                    write!(f, " {u}")?;
                }
                if let Some(c) = currency {
                    write!(f, " {c}")?;
                }
                Ok(())
            }
            Reading::Date { first, last } => {
                let a = first.as_deref().unwrap_or("");
                let b = last.as_deref().unwrap_or("");
                if a == b {
                    write!(f, "{a}")
                } else {
                    write!(f, "{a}..{b}")
                }
            }
        }
    }
}

/// A labelled figure: the expected reading, or `Nothing` for "must stay unread".
#[derive(Debug, Clone)]
pub struct Label {
    pub category: String,
    pub expect: Reading,
    /// Why the item cannot be scored with the current API (counted as skipped).
    pub unscorable: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ValueItem {
    pub at: String,
    pub text: String,
    pub kind: ValueKind,
    pub reference: Option<String>,
    pub unit_hint: Option<String>,
    /// The dossier's declared order of all-numeric dates, if the item declares one.
    pub date_order: Option<corroborate::model::DateOrder>,
    pub label: Label,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub span: String,
    pub start: usize,
    pub end: usize,
    /// An alternative span accepted for the same reading.
    pub alt: Option<(usize, usize)>,
    pub label: Label,
}

#[derive(Debug, Clone)]
pub struct SentenceItem {
    pub at: String,
    pub category: String,
    pub sentence: String,
    pub reference: Option<String>,
    pub figures: Vec<Figure>,
}

#[derive(Debug, Default)]
pub struct Corpus {
    pub values: Vec<ValueItem>,
    pub sentences: Vec<SentenceItem>,
    /// Items per origin (`news-adapted`, `written`).
    pub origins: BTreeMap<String, usize>,
}

fn parse_number(s: &str) -> Result<Option<f64>, String> {
    let s = s.trim();
    match s {
        ".inf" | "+.inf" | "inf" | "-.inf" | "-inf" => return Ok(None),
        _ => {}
    }
    // "1/3", "2/3": fractions written exactly.
    if let Some((a, b)) = s.split_once('/') {
        let a: f64 = a.trim().parse().map_err(|_| format!("bad number `{s}`"))?;
        let b: f64 = b.trim().parse().map_err(|_| format!("bad number `{s}`"))?;
        return Ok(Some(a / b));
    }
    s.replace('_', "")
        .parse::<f64>()
        .map(Some)
        .map_err(|_| format!("bad number `{s}`"))
}

/// `"[a, b]"`, `"(a, .inf)"`, `"[a, b)"` or a lone number (a point).
pub fn parse_interval(s: &str) -> Result<(End, End), String> {
    let t = s.trim();
    let (Some(open), Some(close)) = (t.chars().next(), t.chars().last()) else {
        return Err("empty interval".into());
    };
    if !matches!(open, '[' | '(') {
        let v = parse_number(t)?.ok_or_else(|| format!("a point cannot be infinite: `{s}`"))?;
        let e = End {
            value: Some(v),
            inclusive: true,
        };
        return Ok((e, e));
    }
    if !matches!(close, ']' | ')') {
        return Err(format!("interval `{s}` must end with ] or )"));
    }
    let inner = &t[1..t.len() - 1];
    let (a, b) = inner
        .split_once(',')
        .ok_or_else(|| format!("interval `{s}` needs two ends separated by a comma"))?;
    let lo = parse_number(a)?;
    let hi = parse_number(b)?;
    if let (Some(l), Some(h)) = (lo, hi)
        && l > h
    {
        return Err(format!("interval `{s}` has its ends reversed"));
    }
    Ok((
        End {
            value: lo,
            inclusive: open == '[',
        },
        End {
            value: hi,
            inclusive: close == ']',
        },
    ))
}

fn days_in(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as its first and last day.
fn iso_span(s: &str) -> Result<(String, String), String> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let bad = || format!("bad ISO date `{s}`");
    let year: i32 = parts.first().ok_or_else(bad)?.parse().map_err(|_| bad())?;
    match parts.len() {
        1 => Ok((format!("{year:04}-01-01"), format!("{year:04}-12-31"))),
        2 | 3 => {
            let month: u32 = parts[1].parse().map_err(|_| bad())?;
            if !(1..=12).contains(&month) || parts[1].len() != 2 {
                return Err(bad());
            }
            if parts.len() == 2 {
                return Ok((
                    format!("{year:04}-{month:02}-01"),
                    format!("{year:04}-{month:02}-{:02}", days_in(year, month)),
                ));
            }
            let day: u32 = parts[2].parse().map_err(|_| bad())?;
            if day == 0 || day > days_in(year, month) || parts[2].len() != 2 {
                return Err(bad());
            }
            let d = format!("{year:04}-{month:02}-{day:02}");
            Ok((d.clone(), d))
        }
        _ => Err(bad()),
    }
}

/// `2021-03-17`, `2021-03` (the month), `2022-06..2022-10`, `2023-08-01..`, `..2019-12-31`.
pub fn parse_date_label(s: &str) -> Result<Reading, String> {
    match s.split_once("..") {
        None => {
            let (a, b) = iso_span(s)?;
            Ok(Reading::Date {
                first: Some(a),
                last: Some(b),
            })
        }
        Some((a, b)) => {
            let first = if a.trim().is_empty() {
                None
            } else {
                Some(iso_span(a)?.0)
            };
            let last = if b.trim().is_empty() {
                None
            } else {
                Some(iso_span(b)?.1)
            };
            if let (Some(x), Some(y)) = (&first, &last)
                && x > y
            {
                return Err(format!("date range `{s}` has its ends reversed"));
            }
            Ok(Reading::Date { first, last })
        }
    }
}

const UNITS: [&str; 10] = [
    "km",
    "km2",
    "l",
    "kg",
    "km/h",
    "°C",
    "day",
    "%",
    "minute-of-day",
    "ordinal",
];

fn label_of(
    category: &str,
    read: Option<&str>,
    unit: Option<&str>,
    currency: Option<&str>,
    date: Option<&str>,
    unreadable: Option<bool>,
) -> Result<Label, String> {
    if !CATEGORIES.contains(&category) {
        return Err(format!("unknown category `{category}`"));
    }
    if let Some(u) = unit
        && !UNITS.contains(&u)
    {
        return Err(format!("unit `{u}` is not a canonical unit ({UNITS:?})"));
    }
    if let Some(c) = currency
        && !(c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()))
    {
        return Err(format!("currency `{c}` is not an ISO 4217 code"));
    }
    let expect = match (read, date, unreadable) {
        (Some(r), None, None | Some(false)) => {
            let (low, high) = parse_interval(r)?;
            Reading::Number {
                low,
                high,
                unit: unit.map(str::to_string),
                currency: currency.map(str::to_string),
            }
        }
        (None, Some(d), None | Some(false)) => {
            if unit.is_some() || currency.is_some() {
                return Err("a date label takes no unit or currency".into());
            }
            parse_date_label(d)?
        }
        (None, None, Some(true)) => Reading::Nothing,
        _ => return Err("give exactly one of `read`, `date` or `unreadable: true`".into()),
    };
    Ok(Label {
        category: category.to_string(),
        expect,
        unscorable: None,
    })
}

fn value_kind(s: &str) -> Result<ValueKind, String> {
    Ok(match s {
        "quantity" => ValueKind::Quantity,
        "money" => ValueKind::Money,
        "date" => ValueKind::Date,
        "duration" => ValueKind::Duration,
        "time" => ValueKind::Time,
        other => {
            return Err(format!(
                "kind `{other}`: expected quantity, money, date, duration or time"
            ));
        }
    })
}

fn check_reference(r: &Option<String>) -> Result<(), String> {
    if let Some(r) = r {
        iso_span(r)?;
    }
    Ok(())
}

/// The corpus directory of this repository.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/values")
}

/// The held-out corpus: labelled blind, after the reader was tuned on `corpus_dir()`.
pub fn heldout_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/values-heldout")
}

/// The second held-out corpus: labelled blind on 2026-12-03; a development set since.
pub fn heldout_2_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/values-heldout-2")
}

/// The third held-out corpus: labelled blind on 2026-12-03, scored once, never tuned on.
pub fn heldout_3_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/values-heldout-3")
}

/// Reads every `*.yaml` of `dir`; an error names the file, the item and what is wrong.
pub fn load(dir: &Path) -> Result<Corpus, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    let mut corpus = Corpus::default();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        let doc: FileDoc = serde_saphyr::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
        for (n, it) in doc.items.into_iter().enumerate() {
            let at = format!("{name} item {}", n + 1);
            load_item(&mut corpus, &doc.category, &doc.kind, &doc.origin, it, &at)
                .map_err(|e| format!("{at}: {e}"))?;
        }
    }
    Ok(corpus)
}

fn load_item(
    corpus: &mut Corpus,
    file_category: &str,
    file_kind: &Option<String>,
    file_origin: &Option<String>,
    it: ItemDoc,
    at: &str,
) -> Result<(), String> {
    let category = it.category.as_deref().unwrap_or(file_category);
    let origin = it
        .origin
        .clone()
        .or_else(|| file_origin.clone())
        .ok_or("no `origin` (news-adapted or written) on the item or the file")?;
    if !matches!(origin.as_str(), "news-adapted" | "written") {
        return Err(format!(
            "origin `{origin}`: expected news-adapted or written"
        ));
    }
    if origin == "news-adapted" && it.source.is_none() {
        return Err("a news-adapted item names its `source`".into());
    }
    check_reference(&it.reference)?;
    *corpus.origins.entry(origin).or_default() += 1;
    match (it.text, it.sentence) {
        (Some(text), None) => {
            if it.figures.is_some() {
                return Err("`figures` belong to sentence items".into());
            }
            let kind = value_kind(
                it.kind
                    .as_deref()
                    .or(file_kind.as_deref())
                    .ok_or("a value item needs a `kind` (on the item or the file)")?,
            )?;
            let label = label_of(
                category,
                it.read.as_deref(),
                it.unit.as_deref(),
                it.currency.as_deref(),
                it.date.as_deref(),
                it.unreadable,
            )?;
            let date_order = match it.date_order.as_deref() {
                None => None,
                Some("dmy") => Some(corroborate::model::DateOrder::Dmy),
                Some("mdy") => Some(corroborate::model::DateOrder::Mdy),
                Some("ymd") => Some(corroborate::model::DateOrder::Ymd),
                Some(order) => {
                    return Err(format!("date_order `{order}`: expected dmy, mdy or ymd"));
                }
            };
            corpus.values.push(ValueItem {
                at: at.to_string(),
                text,
                kind,
                reference: it.reference,
                unit_hint: it.unit_hint,
                date_order,
                label,
            });
        }
        (None, Some(sentence)) => {
            if it.read.is_some() || it.date.is_some() || it.unreadable.is_some() {
                return Err("a sentence item labels its `figures`, not itself".into());
            }
            let figures = it.figures.ok_or("a sentence item needs `figures`")?;
            let mut out: Vec<Figure> = Vec::new();
            for f in figures {
                let occ = f.occurrence.unwrap_or(1);
                let start = sentence
                    .match_indices(f.span.as_str())
                    .nth(occ.saturating_sub(1))
                    .map(|(i, _)| i)
                    .ok_or_else(|| {
                        format!(
                            "span `{}` (occurrence {occ}) is not in the sentence",
                            f.span
                        )
                    })?;
                let end = start + f.span.len();
                if out.iter().any(|g| g.start < end && start < g.end) {
                    return Err(format!("span `{}` overlaps another figure", f.span));
                }
                // The alternative lies inside or around the span, never elsewhere.
                let alt = match &f.or_span {
                    None => None,
                    Some(a) => {
                        let inside = f
                            .span
                            .find(a.as_str())
                            .map(|i| (start + i, start + i + a.len()));
                        let around = sentence
                            .match_indices(a.as_str())
                            .map(|(i, _)| (i, i + a.len()))
                            .find(|&(s, e)| s <= start && end <= e);
                        Some(inside.or(around).ok_or_else(|| {
                            format!(
                                "or_span `{a}` neither lies inside nor contains `{}`",
                                f.span
                            )
                        })?)
                    }
                };
                let label = label_of(
                    f.category.as_deref().unwrap_or(category),
                    f.read.as_deref(),
                    f.unit.as_deref(),
                    f.currency.as_deref(),
                    f.date.as_deref(),
                    f.unreadable,
                )
                .map_err(|e| format!("figure `{}`: {e}", f.span))?;
                out.push(Figure {
                    span: f.span,
                    start,
                    end,
                    alt,
                    label,
                });
            }
            corpus.sentences.push(SentenceItem {
                at: at.to_string(),
                category: category.to_string(),
                sentence,
                reference: it.reference,
                figures: out,
            });
        }
        _ => return Err("give exactly one of `text` (a value) or `sentence`".into()),
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The adapters: the only code that knows the reader's API.

fn reference(r: &Option<String>) -> Option<Reference> {
    r.as_deref()
        .and_then(Date::parse_iso)
        .map(|range| Reference {
            range,
            label: "publication date",
            ahead: false,
        })
}

/// The reader's canonical unit names, in the labels' vocabulary.
fn label_unit(tool: Option<&str>) -> Option<String> {
    tool.map(|u| match u {
        // The current reader names minutes after midnight "minute".
        "minute" => "minute-of-day".to_string(),
        "days" => "day".to_string(),
        "km²" | "sq km" => "km2".to_string(),
        "litre" | "L" => "l".to_string(),
        other => other.to_string(),
    })
}

/// What the reader makes of one value of the given kind.
pub fn read_value(item: &ValueItem) -> Reading {
    // Fields the reader may gain later keep their defaults here.
    let ctx = Context {
        expect: Some(item.kind),
        unit: item.unit_hint.as_deref(),
        reference: reference(&item.reference),
        date_order: item.date_order,
        ..Context::default()
    };
    let a = normalize_value(&item.text, &ctx);
    // A value the reader flags as unresolved becomes an unparsed-value finding in `check`,
    // not a reading; a date keeps its days beside the flag (a weekday that does not match)
    // and is compared with them, so it stays a reading.
    let flagged = a.unresolved.is_some() && !(a.kind == AssertionKind::Date && a.date.is_some());
    if a.kind == AssertionKind::Unparsed || flagged {
        return Reading::Nothing;
    }
    if let Some(d) = a.date {
        return Reading::Date {
            first: d.first.map(|x| x.to_string()),
            last: d.last.map(|x| x.to_string()),
        };
    }
    match a.interval {
        Some(iv) => Reading::Number {
            low: End {
                value: iv.low,
                inclusive: iv.low_inclusive,
            },
            high: End {
                value: iv.high,
                inclusive: iv.high_inclusive,
            },
            unit: label_unit(a.unit),
            currency: a.currency.map(str::to_string),
        },
        None => Reading::Nothing,
    }
}

/// One span the reader found in a sentence, with its reading.
#[derive(Debug, Clone)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub reading: Reading,
}

fn found_of(e: &Extracted) -> Found {
    let reading = match (&e.low, &e.high) {
        _ if e.kind == "unparsed" => Reading::Nothing,
        // As for values: a date with days is read even when flagged; anything else flagged
        // is reported, not read.
        (serde_json::Value::String(_), _) | (_, serde_json::Value::String(_)) => Reading::Date {
            first: e.low.as_str().map(str::to_string),
            last: e.high.as_str().map(str::to_string),
        },
        // A date the reader found but could not place.
        (serde_json::Value::Null, serde_json::Value::Null) if e.kind == "date" => Reading::Nothing,
        _ if e.unresolved.is_some() => Reading::Nothing,
        (lo, hi) => Reading::Number {
            low: End {
                value: lo.as_f64(),
                inclusive: e.low_inclusive,
            },
            high: End {
                value: hi.as_f64(),
                inclusive: e.high_inclusive,
            },
            unit: label_unit(e.unit),
            currency: e.currency.map(str::to_string),
        },
    };
    Found {
        start: e.start,
        end: e.end,
        text: e.text.to_string(),
        reading,
    }
}

/// Every span the reader finds in a sentence, as `corroborate extract` reports them.
pub fn read_sentence(item: &SentenceItem) -> Vec<Found> {
    let published = item.reference.as_deref().and_then(Date::parse_iso);
    extract(&item.sentence, published)
        .iter()
        .map(|f| found_of(&Extracted::of(&item.sentence, f)))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Scoring.

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= EPSILON * a.abs().max(b.abs()) + 1e-9
}

fn same_end(want: &End, got: &End) -> bool {
    match (want.value, got.value) {
        (None, None) => true,
        (Some(a), Some(b)) => close(a, b) && want.inclusive == got.inclusive,
        // The reader may write an unbounded end as an infinity.
        (None, Some(b)) => b.is_infinite(),
        (Some(_), None) => false,
    }
}

/// Does the reader's reading match the label?
pub fn matches(want: &Reading, got: &Reading) -> bool {
    match (want, got) {
        (Reading::Nothing, Reading::Nothing) => true,
        (
            Reading::Number {
                low: wl,
                high: wh,
                unit: wu,
                currency: wc,
            },
            Reading::Number {
                low: gl,
                high: gh,
                unit: gu,
                currency: gc,
            },
        ) => same_end(wl, gl) && same_end(wh, gh) && wu == gu && wc == gc,
        (
            Reading::Date {
                first: wf,
                last: wl,
            },
            Reading::Date {
                first: gf,
                last: gl,
            },
        ) => wf == gf && wl == gl,
        _ => false,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Correct,
    /// A reading was expected; the reader reported none.
    Unread,
    /// The reader gave a wrong reading, or read what must stay unread.
    Misread,
    Skipped,
}

/// Is `sentence[end..found_end]` nothing but punctuation the reader swallowed after the figure
/// (a sentence's full stop, a comma)? Then the found span still names the figure.
fn swallowed(sentence: &str, end: usize, found_end: usize) -> bool {
    found_end >= end
        && sentence
            .get(end..found_end)
            .is_some_and(|rest| rest.chars().all(|c| matches!(c, '.' | ',' | ';' | ':')))
}

pub fn judge(want: &Reading, got: &Reading) -> Outcome {
    if matches(want, got) {
        Outcome::Correct
    } else if got.is_nothing() {
        Outcome::Unread
    } else {
        Outcome::Misread
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub n: usize,
    pub correct: usize,
    pub unread: usize,
    pub misread: usize,
    pub skipped: usize,
    /// Spans found in sentences that no label names.
    pub extra: usize,
    pub value_items: usize,
    pub sentence_figures: usize,
}

impl Tally {
    fn add(&mut self, o: Outcome) {
        match o {
            Outcome::Skipped => {
                self.skipped += 1;
                return;
            }
            Outcome::Correct => self.correct += 1,
            Outcome::Unread => self.unread += 1,
            Outcome::Misread => self.misread += 1,
        }
        self.n += 1;
    }
    /// Share of scored figures read right.
    pub fn accuracy(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.correct as f64 / self.n as f64
        }
    }
    pub fn misread_rate(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.misread as f64 / self.n as f64
        }
    }
}

/// One scored figure, for listing what went wrong.
#[derive(Debug, Clone)]
pub struct Case {
    pub at: String,
    pub category: String,
    pub text: String,
    /// The sentence, for sentence figures.
    pub context: Option<String>,
    pub want: Reading,
    pub got: Reading,
    /// For a sentence figure read through a different span: that span.
    pub got_span: Option<String>,
    pub outcome: Outcome,
}

#[derive(Debug, Default)]
pub struct Score {
    pub per_category: BTreeMap<String, Tally>,
    pub cases: Vec<Case>,
    /// Spans found in sentences that no label names: (item, category, span, reading).
    pub extras: Vec<(String, String, String, Reading)>,
}

impl Score {
    pub fn tally(&self, category: &str) -> Tally {
        self.per_category.get(category).copied().unwrap_or_default()
    }
    pub fn total(&self) -> Tally {
        let mut t = Tally::default();
        for x in self.per_category.values() {
            t.n += x.n;
            t.correct += x.correct;
            t.unread += x.unread;
            t.misread += x.misread;
            t.skipped += x.skipped;
            t.extra += x.extra;
            t.value_items += x.value_items;
            t.sentence_figures += x.sentence_figures;
        }
        t
    }
}

/// Scores the reader on every item of the corpus.
pub fn score(corpus: &Corpus) -> Score {
    let mut s = Score::default();
    for v in &corpus.values {
        let (got, outcome) = match &v.label.unscorable {
            Some(_) => (Reading::Nothing, Outcome::Skipped),
            None => {
                let got = read_value(v);
                let o = judge(&v.label.expect, &got);
                (got, o)
            }
        };
        let t = s.per_category.entry(v.label.category.clone()).or_default();
        t.add(outcome);
        t.value_items += 1;
        s.cases.push(Case {
            at: v.at.clone(),
            category: v.label.category.clone(),
            text: v.text.clone(),
            context: None,
            want: v.label.expect.clone(),
            got,
            got_span: None,
            outcome,
        });
    }
    for item in &corpus.sentences {
        let found = read_sentence(item);
        let mut used = vec![false; found.len()];
        for f in &item.figures {
            let overlapping: Vec<usize> = (0..found.len())
                .filter(|&k| found[k].start < f.end && f.start < found[k].end)
                .collect();
            for &k in &overlapping {
                used[k] = true;
            }
            let exact = overlapping.iter().copied().find(|&k| {
                let same = |(s, e): (usize, usize)| {
                    found[k].start == s && swallowed(&item.sentence, e, found[k].end)
                };
                same((f.start, f.end)) || f.alt.is_some_and(same)
            });
            let (got, got_span, outcome) = match (&f.label.expect, exact) {
                // Must stay unread: any reading over the span is a misread.
                (Reading::Nothing, _) => {
                    match overlapping
                        .iter()
                        .find(|&&k| !found[k].reading.is_nothing())
                    {
                        Some(&k) => (
                            found[k].reading.clone(),
                            Some(found[k].text.clone()),
                            Outcome::Misread,
                        ),
                        None => (Reading::Nothing, None, Outcome::Correct),
                    }
                }
                (want, Some(k)) => {
                    let got = found[k].reading.clone();
                    let o = judge(want, &got);
                    (got, None, o)
                }
                // Another span over the figure: read, but not as this figure.
                (_, None) => match overlapping
                    .iter()
                    .find(|&&k| !found[k].reading.is_nothing())
                {
                    Some(&k) => (
                        found[k].reading.clone(),
                        Some(found[k].text.clone()),
                        Outcome::Misread,
                    ),
                    None => (Reading::Nothing, None, Outcome::Unread),
                },
            };
            let t = s.per_category.entry(f.label.category.clone()).or_default();
            t.add(outcome);
            t.sentence_figures += 1;
            s.cases.push(Case {
                at: item.at.clone(),
                category: f.label.category.clone(),
                text: f.span.clone(),
                context: Some(item.sentence.clone()),
                want: f.label.expect.clone(),
                got,
                got_span,
                outcome,
            });
        }
        for (k, fd) in found.iter().enumerate() {
            if !used[k] {
                s.per_category
                    .entry(item.category.clone())
                    .or_default()
                    .extra += 1;
                s.extras.push((
                    item.at.clone(),
                    item.category.clone(),
                    fd.text.clone(),
                    fd.reading.clone(),
                ));
            }
        }
    }
    s
}

/// The per-category table, as printed by the example and the test.
pub fn table(score: &Score) -> String {
    let mut out = String::new();
    out.push_str(
        "| category | n | correct | accuracy | unread | confident misreads | skipped | extra spans |\n",
    );
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    let row = |name: &str, t: &Tally| {
        format!(
            "| {name} | {} | {} | {:.1}% | {} | {} | {} | {} |\n",
            t.n,
            t.correct,
            100.0 * t.accuracy(),
            t.unread,
            t.misread,
            t.skipped,
            t.extra
        )
    };
    for c in CATEGORIES {
        out.push_str(&row(c, &score.tally(c)));
    }
    out.push_str(&row("**all**", &score.total()));
    out
}

/// Every figure not read right, one line each.
pub fn misses(score: &Score, only: Option<Outcome>) -> String {
    let mut out = String::new();
    for c in &score.cases {
        if c.outcome == Outcome::Correct || only.is_some_and(|o| o != c.outcome) {
            continue;
        }
        let span = c
            .got_span
            .as_deref()
            .map(|s| format!(" via span \"{s}\""))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:?} [{}] {}: \"{}\" want {} got {}{span}\n",
            c.outcome, c.category, c.at, c.text, c.want, c.got
        ));
    }
    out
}

/// What a ratchet test finds wrong with a score: each category against its accuracy floor and
/// confident-misread-rate ceiling (written to three decimals, rounded in the reader's
/// disfavour), the whole against an optional accuracy floor and a misread count.
pub fn ratchet_failures(
    s: &Score,
    thresholds: &[(&str, f64, f64)],
    min_accuracy: Option<f64>,
    max_misreads: usize,
) -> Vec<String> {
    let mut failures = Vec::new();
    for &(c, floor, ceiling) in thresholds {
        let t = s.tally(c);
        if t.accuracy() + 1e-9 < floor {
            failures.push(format!(
                "{c}: accuracy {:.4} below {floor} ({} of {})",
                t.accuracy(),
                t.correct,
                t.n
            ));
        }
        if t.misread_rate() > ceiling + 1e-9 {
            failures.push(format!(
                "{c}: confident misreads {:.4} above {ceiling} ({} of {})",
                t.misread_rate(),
                t.misread,
                t.n
            ));
        }
    }
    let total = s.total();
    if let Some(min) = min_accuracy
        && total.accuracy() + 1e-9 < min
    {
        failures.push(format!(
            "overall accuracy {:.4} below {min} ({} of {})",
            total.accuracy(),
            total.correct,
            total.n
        ));
    }
    if total.misread > max_misreads {
        failures.push(format!(
            "{} confident misreads, at most {max_misreads} accepted",
            total.misread
        ));
    }
    failures
}

/// The ratchet test of the corpus in `dir`: scores it, prints its table, and fails naming every
/// threshold it breaks, with its confident misreads.
pub fn assert_holds(
    dir: &Path,
    thresholds: &[(&str, f64, f64)],
    min_accuracy: Option<f64>,
    max_misreads: usize,
) {
    let corpus = load(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let s = score(&corpus);
    println!("{}", table(&s));
    let failures = ratchet_failures(&s, thresholds, min_accuracy, max_misreads);
    assert!(
        failures.is_empty(),
        "{}\n\nmisreads:\n{}",
        failures.join("\n"),
        misses(&s, Some(Outcome::Misread))
    );
}

/// A held-out corpus loads, labels at least `min_figures` figures and values, and has a figure
/// in every category.
pub fn assert_heldout_well_formed(dir: &Path, min_figures: usize) {
    let corpus = load(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let figures: usize = corpus.sentences.iter().map(|s| s.figures.len()).sum();
    assert!(
        figures + corpus.values.len() >= min_figures,
        "only {figures} labelled figures"
    );
    let s = score(&corpus);
    for c in CATEGORIES {
        let t = s.tally(c);
        assert!(t.n + t.skipped > 0, "category {c} has no held-out figure");
    }
}
