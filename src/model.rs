//! The data every stage shares: sources, claims, vocabulary, normalized values and findings.
//!
//! This module depends on nothing else in the crate, so every stage can use it and no stage
//! can sneak I/O or policy into the shared vocabulary of types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

mod finding;
pub mod hierarchy;
pub mod record;

pub use finding::*;

/// A position in a dossier file, 1-based, as editors count.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Loc {
    /// Path relative to the dossier root, with `/` separators.
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
}

impl Loc {
    pub fn new(file: &Arc<str>, line: u32, column: u32) -> Self {
        Loc {
            file: Arc::clone(file),
            line,
            column,
        }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Where a quote sits in its seed, for reports that show it in context.
#[derive(Debug, Clone)]
pub struct QuoteContext {
    pub line: u32,
    pub sentence: String,
    /// Byte range of the quote inside `sentence`.
    pub start: usize,
    pub end: usize,
}

/// Supplies the text of line `line` of a dossier file, if it can be read. Defined here, not
/// in `report`, because `load` (which caches the files) implements it and `report` (which
/// shows the lines) uses it, and neither may import the other.
pub trait LineSource {
    fn line(&self, file: &str, line: u32) -> Option<String>;
}

/// A calendar date. Hand-rolled because claims need partial dates with a precision, which
/// is a thin layer over a proleptic Gregorian day count, not a time-zone library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `None` for impossible dates such as 31 February or month 13.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(-9999..=9999).contains(&year) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's civil-from-days inverse).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Monday = 0 .. Sunday = 6.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u8
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` into the interval it denotes.
    pub fn parse_iso(text: &str) -> Option<DateRange> {
        let mut parts = text.trim().split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let Some(m) = parts.next() else {
            return DateRange::year(year);
        };
        let month: u8 = m.parse().ok()?;
        let Some(d) = parts.next() else {
            return DateRange::month(year, month);
        };
        let day: u8 = d.parse().ok()?;
        if parts.next().is_some() || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(year, month, day).map(DateRange::day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// How finely a date was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    Day,
    Week,
    Month,
    /// "early 2022", "mid-October": a third of the enclosing unit.
    PartOfPeriod,
    Quarter,
    Year,
    Decade,
    /// Open-ended ("before 2020", "since March").
    Unbounded,
}

/// A closed interval of days that a stated date covers: "February 2022" is 1-28 Feb 2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct DateRange {
    /// `None` when open towards the past ("before 2020").
    #[serde(serialize_with = "ser_opt_date")]
    pub first: Option<Date>,
    /// `None` when open towards the future ("since March").
    #[serde(serialize_with = "ser_opt_date")]
    pub last: Option<Date>,
    pub precision: Precision,
}

fn ser_opt_date<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

impl DateRange {
    pub fn day(d: Date) -> DateRange {
        DateRange {
            first: Some(d),
            last: Some(d),
            precision: Precision::Day,
        }
    }
    pub fn month(year: i32, month: u8) -> Option<DateRange> {
        let first = Date::new(year, month, 1)?;
        let last = Date::new(year, month, days_in_month(year, month))?;
        Some(DateRange {
            first: Some(first),
            last: Some(last),
            precision: Precision::Month,
        })
    }
    pub fn year(year: i32) -> Option<DateRange> {
        Some(DateRange {
            first: Some(Date::new(year, 1, 1)?),
            last: Some(Date::new(year, 12, 31)?),
            precision: Precision::Year,
        })
    }
    pub fn span(first: Date, last: Date, precision: Precision) -> DateRange {
        DateRange {
            first: Some(first),
            last: Some(last),
            precision,
        }
    }
    /// Day numbers of both ends, open ends as infinities, for interval arithmetic.
    pub fn as_interval(&self) -> Interval {
        Interval {
            low: self.first.map(|d| d.to_days() as f64),
            high: self.last.map(|d| d.to_days() as f64),
            low_inclusive: true,
            high_inclusive: true,
        }
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.first, self.last) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (Some(a), Some(b)) => write!(f, "{a}..{b}"),
            (Some(a), None) => write!(f, "{a}.."),
            (None, Some(b)) => write!(f, "..{b}"),
            (None, None) => f.write_str(".."),
        }
    }
}

/// A set of real numbers with optional, open or closed ends. `None` means unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
}

impl Interval {
    pub fn point(x: f64) -> Interval {
        Interval::closed(x, x)
    }
    pub fn closed(low: f64, high: f64) -> Interval {
        Interval {
            low: Some(low),
            high: Some(high),
            low_inclusive: true,
            high_inclusive: true,
        }
    }
    pub fn is_point(&self) -> bool {
        matches!((self.low, self.high), (Some(a), Some(b)) if a == b)
    }
    pub fn scale(&self, factor: f64) -> Interval {
        // A negative factor never occurs for unit conversions; keep ends in place.
        Interval {
            low: self.low.map(|x| x * factor),
            high: self.high.map(|x| x * factor),
            ..*self
        }
    }
    /// A representative value: the midpoint, or the finite end of a half-open interval.
    pub fn center(&self) -> Option<f64> {
        match (self.low, self.high) {
            (Some(a), Some(b)) => Some((a + b) / 2.0),
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(b),
            (None, None) => None,
        }
    }
    pub fn overlaps(&self, other: &Interval) -> bool {
        !self.is_before(other) && !other.is_before(self)
    }
    /// True when every point of `self` lies below every point of `other`.
    pub fn is_before(&self, other: &Interval) -> bool {
        match (self.high, other.low) {
            (Some(h), Some(l)) => {
                h < l || (h == l && !(self.high_inclusive && other.low_inclusive))
            }
            _ => false,
        }
    }
    /// Distance between two disjoint intervals (0 when they touch or overlap).
    pub fn gap(&self, other: &Interval) -> f64 {
        if self.is_before(other) {
            other.low.unwrap_or(0.0) - self.high.unwrap_or(0.0)
        } else if other.is_before(self) {
            self.low.unwrap_or(0.0) - other.high.unwrap_or(0.0)
        } else {
            0.0
        }
    }
    pub fn contains_interval(&self, other: &Interval) -> bool {
        let low_ok = match (self.low, other.low) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => a < b || (a == b && (self.low_inclusive || !other.low_inclusive)),
        };
        let high_ok = match (self.high, other.high) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => {
                a > b || (a == b && (self.high_inclusive || !other.high_inclusive))
            }
        };
        low_ok && high_ok
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(a), Some(b)) = (self.low, self.high)
            && a == b
        {
            return f.write_str(&fmt_num(a));
        }
        let open = if self.low_inclusive { '[' } else { '(' };
        let close = if self.high_inclusive { ']' } else { ')' };
        let low = self.low.map_or("-inf".to_string(), fmt_num);
        let high = self.high.map_or("inf".to_string(), fmt_num);
        write!(f, "{open}{low}, {high}{close}")
    }
}

/// Formats a number for people: thousands separators, at most 3 decimals, no trailing zeros.
pub fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let neg = x < 0.0;
    let rounded = (x.abs() * 1000.0).round() / 1000.0;
    let int = rounded.trunc();
    let frac = rounded - int;
    // Integers below 2^53 print exactly as integers, far faster than float formatting.
    let digits = if int < 9.0e15 {
        (int as u64).to_string()
    } else {
        format!("{int:.0}")
    };
    let mut out = String::with_capacity(digits.len() + 8);
    if neg && rounded != 0.0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if frac > 0.0 {
        // `rounded` has at most three decimals, so `frac` is within rounding error of a
        // whole number of thousandths.
        // Far from zero a float's spacing exceeds a thousandth (at 3.7e14 it is 1/16), and
        // `frac` can sit half-way between two thousandths, where only float formatting's own
        // rounding gives the defined text.
        let scaled = frac * 1000.0;
        let millis = scaled.round() as u32;
        if (scaled - scaled.round()).abs() < 1e-6 && (1..1000).contains(&millis) {
            let f = format!("{millis:03}");
            out.push('.');
            out.push_str(f.trim_end_matches('0'));
        } else {
            let f = format!("{frac:.3}");
            out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
        }
    }
    out
}

/// What a normalized value turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssertionKind {
    Number,
    Range,
    Money,
    Quantity,
    Duration,
    Date,
    Entity,
    Text,
    /// A list of person names, compared as sets of (surname, initial).
    NameList,
    /// A time of day, in minutes after midnight.
    Time,
    /// Nothing could be understood; `Assertion::unresolved` says why.
    Unparsed,
}

impl AssertionKind {
    pub fn name(self) -> &'static str {
        match self {
            AssertionKind::Number => "number",
            AssertionKind::Range => "range",
            AssertionKind::Money => "money",
            AssertionKind::Quantity => "quantity",
            AssertionKind::Duration => "duration",
            AssertionKind::Date => "date",
            AssertionKind::Entity => "entity",
            AssertionKind::Text => "text",
            AssertionKind::NameList => "name-list",
            AssertionKind::Time => "time",
            AssertionKind::Unparsed => "unparsed",
        }
    }
}

/// A value stated alongside its own conversion ("510 miles (820 kms)"), and whether the two
/// agree once rounding is allowed for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conversion {
    pub stated: String,
    pub interval: Interval,
    pub consistent: bool,
    /// The restatement's currency when it differs from the value's ("640-million-pound ($810
    /// million)"): such a restatement can only be checked against a declared exchange rate,
    /// which the comparison does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'static str>,
}

/// What a claim's value means, in a form that can be compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assertion {
    pub kind: AssertionKind,
    /// Numbers in the canonical unit of their dimension (km, days); for dates, day numbers.
    pub interval: Option<Interval>,
    /// The central figure as stated, in the canonical unit, before any hedge widened it.
    pub stated: Option<f64>,
    /// Canonical unit: `km`, `day`, `%`, `ordinal`; `None` for plain counts.
    pub unit: Option<&'static str>,
    /// ISO 4217 code for money.
    pub currency: Option<&'static str>,
    pub date: Option<DateRange>,
    /// Index into the dossier's entities for entity values.
    pub entity: Option<u32>,
    /// Folded text for text values.
    pub text: Option<String>,
    /// The policy that produced the interval, for reports that explain themselves.
    pub rule: String,
    pub conversion: Option<Conversion>,
    /// Why the value could not be (fully) resolved.
    pub unresolved: Option<String>,
    /// For figures: the rounding the way of writing implies, in the canonical unit. Digits
    /// written out are exact (0: "640,000,000", "twenty-one", "300"); a scale word carries the
    /// unit of its figure's last significant digit ("640 million": 10 million, so 635 to 645
    /// million; "1.2bn": 100 million). `None` for values that are not figures.
    pub resolution: Option<f64>,
    /// A date naming a weekday it did not fall on ("Saturday, 7 January 2024").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub wrong_weekday: bool,
}

impl Assertion {
    pub fn unparsed(reason: impl Into<String>) -> Assertion {
        Assertion {
            kind: AssertionKind::Unparsed,
            interval: None,
            stated: None,
            unit: None,
            currency: None,
            date: None,
            entity: None,
            text: None,
            rule: String::new(),
            conversion: None,
            unresolved: Some(reason.into()),
            resolution: None,
            wrong_weekday: false,
        }
    }
    pub fn of_kind(kind: AssertionKind, rule: impl Into<String>) -> Assertion {
        Assertion {
            kind,
            unresolved: None,
            rule: rule.into(),
            ..Assertion::unparsed("")
        }
    }
}

/// What kind of value a property takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ValueKind {
    /// A count or measurement, with the unit in [`PropertyDef::unit`].
    Quantity,
    Money,
    Date,
    Duration,
    Entity,
    Text,
    /// A list of person names (authors, officials): order-insensitive, tolerant of initials
    /// and misspellings.
    NameList,
    /// A time of day ("7:10 a.m.", "19:10").
    Time,
}

impl ValueKind {
    pub const ALL: [ValueKind; 8] = [
        ValueKind::Quantity,
        ValueKind::Money,
        ValueKind::Date,
        ValueKind::Duration,
        ValueKind::Entity,
        ValueKind::Text,
        ValueKind::NameList,
        ValueKind::Time,
    ];

    /// The kind of this name, as `properties.yaml` and the command line write it.
    pub fn from_name(name: &str) -> Option<ValueKind> {
        ValueKind::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            ValueKind::Quantity => "quantity",
            ValueKind::Money => "money",
            ValueKind::Date => "date",
            ValueKind::Duration => "duration",
            ValueKind::Entity => "entity",
            ValueKind::Text => "text",
            ValueKind::NameList => "name-list",
            ValueKind::Time => "time",
        }
    }
}

/// How a property's true value may move over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Temporal {
    /// The value does not change: differing figures are a conflict.
    #[default]
    Fixed,
    /// Only grows (a death toll, a count of arrests): a later, larger figure is a revision.
    Cumulative,
    /// May move either way over time (a population, a price).
    Varying,
}

/// A property declared in `claims/properties.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct PropertyDef {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: ValueKind,
    /// Canonical unit for quantities (`people`, `km`, `attacks`).
    pub unit: Option<String>,
    /// At most one true value (Wikidata's single-value constraint).
    pub single_valued: bool,
    pub temporal: Temporal,
    /// Relative tolerance for `agree` between quantities; the default is 1%.
    pub tolerance: Option<f64>,
    pub description: Option<String>,
    pub loc: Loc,
}

/// An entity declared in `claims/entities.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct EntityDef {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    /// Entities this one is part of (a province of a country, a branch of an organisation).
    pub part_of: Vec<String>,
    /// A party with a stake: claims attributed to it are contested voices.
    pub party: bool,
    pub loc: Loc,
}

/// How strongly a claim is asserted by whoever asserts it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Default,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Hedge {
    Confirmed,
    /// Stated as fact without qualification (the default).
    #[default]
    Stated,
    Reported,
    Estimated,
    Claimed,
    Alleged,
    Speculated,
}

impl Hedge {
    pub const ALL: [Hedge; 7] = [
        Hedge::Confirmed,
        Hedge::Stated,
        Hedge::Reported,
        Hedge::Estimated,
        Hedge::Claimed,
        Hedge::Alleged,
        Hedge::Speculated,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Hedge::Confirmed => "confirmed",
            Hedge::Stated => "stated",
            Hedge::Reported => "reported",
            Hedge::Estimated => "estimated",
            Hedge::Claimed => "claimed",
            Hedge::Alleged => "alleged",
            Hedge::Speculated => "speculated",
        }
    }
}

/// When the source was published, or that nobody knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Published {
    On(DateRange),
    Unknown,
}

impl Published {
    pub fn range(&self) -> Option<DateRange> {
        match self {
            Published::On(r) => Some(*r),
            Published::Unknown => None,
        }
    }
}

/// Index of a source in [`Dossier::sources`].
pub type SourceIdx = u32;

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: Published,
    /// Seed text path relative to the dossier root, as written in the claim file.
    pub text: Option<String>,
    /// Where `text` is written, for findings about the seed.
    pub text_loc: Option<Loc>,
    pub url: Option<String>,
    pub derived_from: Vec<String>,
    pub note: Option<String>,
    /// The claim file this source was declared in.
    pub loc: Loc,
}

/// Where the fields of a claim sit in its file, for diagnostics that point at the right line.
/// One file and five places in it: a million claims do not each hold five file names.
#[derive(Debug, Clone)]
pub struct ClaimLocs {
    pub file: Arc<str>,
    /// Line and column of the claim itself, then of its subject, property, value and quote.
    places: [(u32, u32); 5],
}

impl ClaimLocs {
    /// The places of a claim's fields in `file`: claim, subject, property, value, quote.
    pub fn new(file: &Arc<str>, places: [(u32, u32); 5]) -> Self {
        ClaimLocs {
            file: file.clone(),
            places,
        }
    }
    /// From five locations in one file (the first one's file is kept).
    pub fn from_locs(locs: [Loc; 5]) -> Self {
        let places = [0, 1, 2, 3, 4].map(|i| (locs[i].line, locs[i].column));
        let [first, ..] = locs;
        ClaimLocs {
            file: first.file,
            places,
        }
    }
    fn at(&self, i: usize) -> Loc {
        let (line, column) = self.places[i];
        Loc::new(&self.file, line, column)
    }
    pub fn claim(&self) -> Loc {
        self.at(0)
    }
    pub fn subject(&self) -> Loc {
        self.at(1)
    }
    pub fn property(&self) -> Loc {
        self.at(2)
    }
    pub fn value(&self) -> Loc {
        self.at(3)
    }
    pub fn quote(&self) -> Loc {
        self.at(4)
    }
}

impl Serialize for ClaimLocs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ClaimLocs", 5)?;
        st.serialize_field("claim", &self.claim())?;
        st.serialize_field("subject", &self.subject())?;
        st.serialize_field("property", &self.property())?;
        st.serialize_field("value", &self.value())?;
        st.serialize_field("quote", &self.quote())?;
        st.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub id: String,
    pub source: SourceIdx,
    pub subject: String,
    pub property: String,
    pub value: String,
    /// Verbatim words of the source; `None` only where the dossier allows quote-less claims.
    pub quote: Option<String>,
    pub scope: Option<String>,
    pub as_of: Option<String>,
    pub attribution: Option<String>,
    pub hedge: Hedge,
    pub negated: bool,
    /// The source reports this figure as an earlier one than its current figure.
    pub earlier: bool,
    pub note: Option<String>,
    pub locs: ClaimLocs,
}

/// A scope declared in `claims/scopes.yaml`: what exactly a figure counts, with the names
/// claims give it, what it is part of, and the parts it is the total of.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeDef {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Ids of the scopes this one is part of ("deaths in Derna" of "deaths in Libya").
    pub part_of: Vec<String>,
    /// Ids of the scopes this one is exactly the sum of.
    pub total_of: Vec<String>,
    /// Claims that give no scope count this one (the overall figure).
    pub unscoped: bool,
    pub loc: Loc,
}

/// An exchange rate declared in `claims/rates.yaml`: one `from` is worth `rate` of `to`
/// over the days `first..=last` (`None`: undated).
#[derive(Debug, Clone, Serialize)]
pub struct RateDef {
    pub from: &'static str,
    pub to: &'static str,
    pub rate: f64,
    #[serde(serialize_with = "ser_opt_date")]
    pub first: Option<Date>,
    #[serde(serialize_with = "ser_opt_date")]
    pub last: Option<Date>,
    /// The date or period as written, for reasons.
    pub when: Option<String>,
    pub source: String,
    /// Relative uncertainty of conversions at this rate.
    pub band: f64,
    pub loc: Loc,
}

/// The whole loaded dossier. Vocabularies may be empty when their files are absent.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Dossier {
    pub sources: Vec<Source>,
    pub claims: Vec<Claim>,
    pub entities: Vec<EntityDef>,
    pub properties: Vec<PropertyDef>,
    /// Declared scopes (`claims/scopes.yaml`); claims may still use free-text scopes.
    pub scopes: Vec<ScopeDef>,
    /// Declared exchange rates (`claims/rates.yaml`).
    pub rates: Vec<RateDef>,
    /// Claims may only use declared scopes (`only_declared: true` in `claims/scopes.yaml`).
    pub only_declared_scopes: bool,
    /// Whether claims may come without quotes (imported tables have no text).
    pub quotes_optional: bool,
    /// How the dossier's sources write all-numeric dates ("04/05/2021"), when declared.
    pub date_order: Option<DateOrder>,
}

impl Dossier {
    /// The distinct sources (indices, ascending) of `claims`.
    pub fn sources_of(&self, claims: &[u32]) -> Vec<u32> {
        let mut srcs: Vec<u32> = claims
            .iter()
            .map(|&c| self.claims[c as usize].source)
            .collect();
        srcs.sort_unstable();
        srcs.dedup();
        srcs
    }
}

/// The order of day, month and year in all-numeric dates. Undeclared, a date like
/// "04/05/2021" that reads either way is reported, never guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// 04/05/2021 is 4 May 2021 (British, most of the world).
    Dmy,
    /// 04/05/2021 is 5 April 2021 (American).
    Mdy,
    /// 2021/05/04 is 4 May 2021 (ISO order; East Asian styles).
    Ymd,
}

#[cfg(test)]
mod tests {

    use super::*;

    /// The plain definition `fmt_num` must match: float formatting throughout.
    fn fmt_num_by_definition(x: f64) -> String {
        if !x.is_finite() {
            return x.to_string();
        }
        let rounded = (x.abs() * 1000.0).round() / 1000.0;
        let (int, frac) = (rounded.trunc(), rounded - rounded.trunc());
        let digits = format!("{int:.0}");
        let groups: Vec<&str> = digits
            .as_bytes()
            .rchunks(3)
            .rev()
            .map(|g| std::str::from_utf8(g).unwrap_or(""))
            .collect();
        let sign = if x < 0.0 && rounded != 0.0 { "-" } else { "" };
        let mut out = format!("{sign}{}", groups.join(","));
        if frac > 0.0 {
            let f = format!("{frac:.3}");
            out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn numbers_print_as_their_definition(
            x in proptest::num::f64::ANY,
            scaled in -1.0e7f64..1.0e7,
            millis in -100_000i64..100_000,
        ) {
            for v in [x, scaled, millis as f64 / 1000.0, 1.0e16 + scaled, 367_891_605_835_714.3] {
                proptest::prop_assert_eq!(fmt_num(v), fmt_num_by_definition(v), "{}", v);
            }
        }
    }

    #[test]
    fn days_round_trip_across_eras() {
        for days in (-800_000..800_000).step_by(997) {
            let d = Date::from_days(days);
            assert_eq!(d.to_days(), days, "{d}");
            assert!(Date::new(d.year, d.month, d.day).is_some());
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(2024, 1, 4).unwrap().weekday(), 3, "a Thursday");
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::new(2024, 4, 31).is_none());
        assert!(Date::parse_iso("2024-02-31").is_none());
        assert_eq!(
            Date::parse_iso("2022-02").unwrap().last,
            Date::new(2022, 2, 28)
        );
    }

    #[test]
    fn interval_relations() {
        let over90 = Interval {
            low: Some(90.0),
            high: None,
            low_inclusive: false,
            high_inclusive: false,
        };
        assert!(over90.overlaps(&Interval::point(91.0)));
        assert!(!over90.overlaps(&Interval::point(90.0)));
        assert!(Interval::closed(1.0, 2.0).is_before(&Interval::closed(3.0, 4.0)));
        assert_eq!(
            Interval::closed(1.0, 2.0).gap(&Interval::closed(3.0, 4.0)),
            1.0
        );
        assert!(Interval::closed(0.0, 10.0).contains_interval(&Interval::point(10.0)));
    }

    #[test]
    fn numbers_format_for_people() {
        assert_eq!(fmt_num(25000.0), "25,000");
        assert_eq!(fmt_num(1.15), "1.15");
        assert_eq!(fmt_num(-1234567.5), "-1,234,567.5");
        assert_eq!(fmt_num(0.0), "0");
        // A binary tie in the thousandths of a large number, as float formatting rounds it.
        let tie = -142_753_288_704_577.06;
        assert_eq!(fmt_num(tie), fmt_num_by_definition(tie));
    }
}
