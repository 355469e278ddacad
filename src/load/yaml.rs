//! The YAML file formats, as serde sees them, and their conversion into model types.
//!
//! Every field a diagnostic may point at is `Spanned`, so errors name the exact line. The
//! plain records of the same files (`model::record`), which the writers serialize, are
//! checked against these by comparing their JSON Schemas: the two must describe one format.

use crate::model::{Hedge, Loc, Temporal, ValueKind};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::sync::Arc;

pub use crate::model::record::Text;

/// A claim file: one source and what it claims.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    #[schemars(with = "SourceHeader")]
    pub source: Spanned<SourceHeader>,
    #[serde(default)]
    #[schemars(with = "Vec<ClaimRecord>")]
    pub claims: Vec<Spanned<ClaimRecord>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceHeader {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    #[schemars(with = "String")]
    pub publisher: Spanned<String>,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `unknown`.
    #[schemars(with = "Text")]
    pub published: Spanned<Text>,
    /// The article's text, relative to the dossier root.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub text: Option<Spanned<String>>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub derived_from: Vec<Spanned<String>>,
    /// How the dossier's editor established what is not in the text (a date, an author).
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    /// Stable id of the claim, unique within its source.
    #[schemars(with = "Text")]
    pub id: Spanned<Text>,
    /// The entity the claim is about: an id, name or alias from claims/entities.yaml.
    #[schemars(with = "String")]
    pub subject: Spanned<String>,
    /// What is claimed: an id, name or alias from claims/properties.yaml.
    #[schemars(with = "String")]
    pub property: Spanned<String>,
    /// The value as the source states it, e.g. "approximately 25,000", "February 2022", "ISKP".
    #[schemars(with = "Text")]
    pub value: Spanned<Text>,
    /// The verbatim words of the source the claim comes from; join non-adjacent pieces with "...".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub quote: Option<Spanned<String>>,
    /// What exactly is counted, e.g. "applicants" vs "applicants and their families".
    #[serde(default)]
    pub scope: Option<String>,
    /// When the figure held (YYYY-MM-DD, YYYY-MM or YYYY); differing as_of dates make a change a revision.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub as_of: Option<Spanned<Text>>,
    /// Who asserts it, when not the source itself: "a senior Iranian official", "ISKP".
    #[serde(default)]
    pub attribution: Option<String>,
    /// How strongly it is asserted.
    #[serde(default)]
    pub hedge: Option<Hedge>,
    /// The source denies it.
    #[serde(default)]
    pub negated: bool,
    /// The source itself reports this figure as an earlier one ("initially put at 40"): it is ordered before that source's current figure.
    #[serde(default)]
    pub earlier: bool,
    /// Free text for the dossier's editors.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntitiesFile {
    #[serde(default)]
    #[schemars(with = "Vec<EntityRecord>")]
    pub entities: Vec<Spanned<EntityRecord>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityRecord {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub part_of: Vec<Spanned<String>>,
    /// A party with a stake (a belligerent, a perpetrator): claims attributed to it are contested voices.
    #[serde(default)]
    pub party: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PropertiesFile {
    /// Allow claims without quotes (for dossiers imported from tables).
    #[serde(default)]
    pub quotes_optional: bool,
    /// How the sources write all-numeric dates: `dmy` (04/05/2021 is 4 May), `mdy` (5 April)
    /// or `ymd`. Undeclared, a date that reads both ways is reported, never guessed.
    #[serde(default)]
    pub date_order: Option<crate::model::DateOrder>,
    #[serde(default)]
    #[schemars(with = "Vec<PropertyRecord>")]
    pub properties: Vec<Spanned<PropertyRecord>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PropertyRecord {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    pub kind: ValueKind,
    /// For quantities: a unit the reader converts (`km`, `miles`, `%`) or what is counted
    /// (`people`); for durations: a unit of time (`years`); for money: a currency (`USD`).
    /// A bare number ("7") is read in it. Other kinds take no unit.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub unit: Option<Spanned<String>>,
    #[serde(default)]
    pub single_valued: bool,
    #[serde(default)]
    pub temporal: Temporal,
    #[serde(default)]
    pub tolerance: Option<f64>,
    #[serde(default)]
    pub description: Option<String>,
}

/// Converts a serde-saphyr position into ours. Unknown positions (line 0) become line 1 so
/// that a diagnostic still names the file.
pub fn loc<T>(file: &Arc<str>, s: &Spanned<T>) -> Loc {
    let l = s.referenced;
    Loc::new(
        file,
        u32::try_from(l.line()).unwrap_or(u32::MAX).max(1),
        u32::try_from(l.column()).unwrap_or(u32::MAX).max(1),
    )
}

/// The parser limits corroborate sets instead of trusting the input.
pub fn options(max_nodes: usize) -> serde_saphyr::Options {
    let budget = serde_saphyr::budget! {
        max_depth: super::MAX_NESTING,
        max_nodes: max_nodes,
        max_events: max_nodes.saturating_mul(4),
        max_aliases: super::MAX_ALIASES,
        max_anchors: super::MAX_ALIASES,
        max_documents: 1,
    };
    serde_saphyr::options! {
        budget: budget,
    }
}

/// `claims/accepted.yaml`: findings the editors reviewed and accept.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptedFile {
    #[serde(default)]
    #[schemars(with = "Vec<AcceptedRecord>")]
    pub accepted: Vec<Spanned<AcceptedRecord>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptedRecord {
    pub fingerprint: String,
    #[serde(default)]
    pub rule: Option<String>,
    pub reason: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// `claims/scopes.yaml`: what figures may count, declared once instead of copied as text.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopesFile {
    /// Every claim's scope must be a declared one (otherwise free-text scopes stay valid).
    #[serde(default)]
    pub only_declared: bool,
    #[serde(default)]
    #[schemars(with = "Vec<ScopeRecord>")]
    pub scopes: Vec<Spanned<ScopeRecord>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeRecord {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// How claims usually write it, e.g. "deaths in Derna".
    #[serde(default)]
    pub name: Option<String>,
    /// Other ways claims write it; a claim's `scope` matching the id, name or an alias
    /// (after folding case and punctuation) counts this scope.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    /// Ids of the scopes this one is part of: its figure cannot exceed theirs.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub part_of: Vec<Spanned<String>>,
    /// Ids of the scopes this one is exactly the total of: its figure is their sum.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub total_of: Vec<Spanned<String>>,
    /// Claims that give no scope count this one (typically the overall total).
    #[serde(default)]
    pub unscoped: bool,
}

/// `claims/rates.yaml`: exchange rates for comparing amounts in different currencies.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatesFile {
    #[serde(default)]
    #[schemars(with = "Vec<RateRecord>")]
    pub rates: Vec<Spanned<RateRecord>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateRecord {
    /// `FROM/TO` in ISO 4217 codes, e.g. `GBP/USD`: one FROM is worth `rate` TO.
    #[schemars(with = "String")]
    pub pair: Spanned<String>,
    #[schemars(with = "f64")]
    pub rate: Spanned<f64>,
    /// The day or period the rate held: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `FIRST..LAST`.
    /// Undated rates apply to any date, after dated ones.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub date: Option<Spanned<Text>>,
    /// Where the rate comes from (a central bank's reference rate, an article's own
    /// conversion).
    pub source: String,
    /// Relative uncertainty of a conversion at this rate (default 0.03: 3%).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub band: Option<Spanned<f64>>,
}
