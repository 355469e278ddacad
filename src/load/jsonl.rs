//! The JSON Lines formats, for machine-generated claims: `claims/sources.jsonl` (one source
//! header per line), `claims/entities.jsonl` (one entity per line, beside or instead of
//! `entities.yaml`) and `claims/*.jsonl` (one claim per line, naming its source).

use super::yaml::Text;
use crate::model::Hedge;
use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceLine {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: Text,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub derived_from: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One claim: the fields of a YAML claim plus the id of its source.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimLine {
    /// Id of the source (declared in a YAML claim file or in claims/sources.jsonl).
    pub source: String,
    pub id: Text,
    pub subject: String,
    pub property: String,
    pub value: Text,
    #[serde(default)]
    pub quote: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub as_of: Option<Text>,
    #[serde(default)]
    pub attribution: Option<String>,
    #[serde(default)]
    pub hedge: Option<Hedge>,
    #[serde(default)]
    pub negated: bool,
    #[serde(default)]
    pub earlier: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// One entity of the vocabulary: the fields of an `entities.yaml` entry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityLine {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub part_of: Vec<String>,
    #[serde(default)]
    pub party: bool,
}
