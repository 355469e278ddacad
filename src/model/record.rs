//! The records of the dossier files as plain data, one definition each: what the JSON Lines
//! reader deserializes and what every writer of generated files (`import`, `extract`)
//! serializes. The YAML reader keeps its own span-carrying copies (`load::yaml`) because each
//! field a diagnostic may point at must carry its line and column; a test checks that both
//! describe the same format by comparing their JSON Schemas.
//!
//! Serialization leaves out what is absent (`None`, empty lists, `false`, defaults), so a
//! written file holds only what was said.

use super::{DateOrder, Hedge, Temporal, ValueKind};
use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A scalar a person may write with or without quotes (`value: 130` or `value: "130"`),
/// kept as the text they wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Text as the source writes it; a bare number is read as its digits.",
            "type": ["string", "number"]
        })
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                if v.is_finite() {
                    Ok(Text(v.to_string()))
                } else {
                    Err(E::custom(
                        "a non-finite number (NaN or infinity) is not a value a source states; quote it if you mean the text",
                    ))
                }
            }
        }
        d.deserialize_any(V)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}

/// A claim file: one source and what it claims.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    pub source: SourceHeader,
    #[serde(default)]
    // The YAML reader's list has no default in the schema; neither does this one.
    #[schemars(skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimRecord>,
}

// A source header: the `source:` of a YAML claim file, or one line of `claims/sources.jsonl`.
// (A `//` comment: a doc comment would change the committed schema.)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceHeader {
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `unknown`.
    pub published: Text,
    /// The article's text, relative to the dossier root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(!skip_serializing_if)]
    pub derived_from: Vec<String>,
    /// How the dossier's editor established what is not in the text (a date, an author).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    /// Stable id of the claim, unique within its source.
    pub id: Text,
    /// The entity the claim is about: an id, name or alias from claims/entities.yaml.
    pub subject: String,
    /// What is claimed: an id, name or alias from claims/properties.yaml.
    pub property: String,
    /// The value as the source states it, e.g. "approximately 25,000", "February 2022", "ISKP".
    pub value: Text,
    /// The verbatim words of the source the claim comes from; join non-adjacent pieces with "...".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub quote: Option<String>,
    /// What exactly is counted, e.g. "applicants" vs "applicants and their families".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub scope: Option<String>,
    /// When the figure held (YYYY-MM-DD, YYYY-MM or YYYY); differing as_of dates make a change a revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub as_of: Option<Text>,
    /// Who asserts it, when not the source itself: "a senior Iranian official", "ISKP".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub attribution: Option<String>,
    /// How strongly it is asserted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub hedge: Option<Hedge>,
    /// The source denies it.
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(!skip_serializing_if)]
    pub negated: bool,
    /// The source itself reports this figure as an earlier one ("initially put at 40"): it is ordered before that source's current figure.
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(!skip_serializing_if)]
    pub earlier: bool,
    /// Free text for the dossier's editors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub note: Option<String>,
}

impl ClaimRecord {
    /// A claim of `subject`'s `property` stated as `value`, nothing else said yet.
    pub fn new(id: String, subject: String, property: String, value: String) -> Self {
        ClaimRecord {
            id: Text(id),
            subject,
            property,
            value: Text(value),
            quote: None,
            scope: None,
            as_of: None,
            attribution: None,
            hedge: None,
            negated: false,
            earlier: false,
            note: None,
        }
    }
}

/// One claim of a JSON Lines claim file: the fields of a YAML claim plus the id of its source.
///
/// The claim's fields are repeated here rather than flattened in: serde cannot combine
/// `flatten` with `deny_unknown_fields`, and a flattened record is buffered field by field,
/// which a million-line file would pay for. [`ClaimLine::new`] and [`ClaimLine::split`]
/// convert between the two, and a test checks they list the same fields.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimLine {
    /// Id of the source (declared in a YAML claim file or in claims/sources.jsonl).
    pub source: String,
    pub id: Text,
    pub subject: String,
    pub property: String,
    pub value: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub as_of: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub attribution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub hedge: Option<Hedge>,
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(!skip_serializing_if)]
    pub negated: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(!skip_serializing_if)]
    pub earlier: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub note: Option<String>,
}

impl ClaimLine {
    /// `claim` as a line of a JSON Lines file, naming its `source`.
    pub fn new(source: String, claim: ClaimRecord) -> Self {
        let ClaimRecord {
            id,
            subject,
            property,
            value,
            quote,
            scope,
            as_of,
            attribution,
            hedge,
            negated,
            earlier,
            note,
        } = claim;
        ClaimLine {
            source,
            id,
            subject,
            property,
            value,
            quote,
            scope,
            as_of,
            attribution,
            hedge,
            negated,
            earlier,
            note,
        }
    }

    /// The source's id and the claim.
    pub fn split(self) -> (String, ClaimRecord) {
        let ClaimLine {
            source,
            id,
            subject,
            property,
            value,
            quote,
            scope,
            as_of,
            attribution,
            hedge,
            negated,
            earlier,
            note,
        } = self;
        (
            source,
            ClaimRecord {
                id,
                subject,
                property,
                value,
                quote,
                scope,
                as_of,
                attribution,
                hedge,
                negated,
                earlier,
                note,
            },
        )
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntitiesFile {
    #[serde(default)]
    // The YAML reader's list has no default in the schema; neither does this one.
    #[schemars(skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityRecord>,
}

// An entity of the vocabulary: an entry of `entities.yaml` or a line of `entities.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityRecord {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(!skip_serializing_if)]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(!skip_serializing_if)]
    pub part_of: Vec<String>,
    /// A party with a stake (a belligerent, a perpetrator): claims attributed to it are contested voices.
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(!skip_serializing_if)]
    pub party: bool,
}

impl EntityRecord {
    /// An entity with an id and a name, nothing else said yet.
    pub fn named(id: String, name: String) -> Self {
        EntityRecord {
            id,
            name: Some(name),
            aliases: Vec::new(),
            kind: None,
            part_of: Vec::new(),
            party: false,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PropertiesFile {
    /// Allow claims without quotes (for dossiers imported from tables).
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(!skip_serializing_if)]
    pub quotes_optional: bool,
    /// How the sources write all-numeric dates: `dmy` (04/05/2021 is 4 May), `mdy` (5 April)
    /// or `ymd`. Undeclared, a date that reads both ways is reported, never guessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub date_order: Option<DateOrder>,
    #[serde(default)]
    // The YAML reader's list has no default in the schema; neither does this one.
    #[schemars(skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<PropertyRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PropertyRecord {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(!skip_serializing_if)]
    pub aliases: Vec<String>,
    pub kind: ValueKind,
    /// For quantities: a unit the reader converts (`km`, `miles`, `%`) or what is counted
    /// (`people`); for durations: a unit of time (`years`); for money: a currency (`USD`).
    /// A bare number ("7") is read in it. Other kinds take no unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(!skip_serializing_if)]
    pub single_valued: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    #[schemars(!skip_serializing_if)]
    pub temporal: Temporal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub tolerance: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(!skip_serializing_if)]
    pub description: Option<String>,
}

impl PropertyRecord {
    /// A property with an id and a kind, nothing else said yet.
    pub fn new(id: String, kind: ValueKind) -> Self {
        PropertyRecord {
            id,
            name: None,
            aliases: Vec::new(),
            kind,
            unit: None,
            single_valued: false,
            temporal: Temporal::default(),
            tolerance: None,
            description: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn claim_file(texts: &[String]) -> SourceFile {
        let t = |i: usize| texts[i % texts.len()].clone();
        let mut claim = ClaimRecord::new(t(0), t(1), t(2), t(3));
        claim.quote = Some(t(4));
        claim.as_of = Some(Text(t(5)));
        claim.hedge = Some(Hedge::Reported);
        claim.negated = true;
        SourceFile {
            source: SourceHeader {
                id: t(6),
                title: t(7),
                publisher: t(8),
                published: Text(t(9)),
                text: Some(t(10)),
                url: None,
                derived_from: vec![t(11), t(12)],
                note: Some(t(13)),
            },
            claims: vec![claim.clone(), claim],
        }
    }

    fn json(v: &impl Serialize) -> serde_json::Value {
        serde_json::to_value(v).unwrap()
    }

    proptest! {
        /// What the writers' YAML serializer writes, the readers read back as the same record.
        #[test]
        fn written_yaml_reads_back_as_the_same_records(
            texts in proptest::collection::vec("[ -~\u{a0}-\u{2fff}]{0,12}|true|- x|#|123|null|: |'", 14)
        ) {
            let file = claim_file(&texts);
            let yaml = crate::text::yaml::to_string(&file).unwrap();
            let back: SourceFile = serde_saphyr::from_str(&yaml).unwrap();
            prop_assert_eq!(json(&back), json(&file), "{}", yaml);

            let mut entity = EntityRecord::named(texts[0].clone(), texts[1].clone());
            entity.aliases = vec![texts[2].clone(), texts[3].clone()];
            entity.part_of = vec![texts[4].clone()];
            let entities = EntitiesFile { entities: vec![entity] };
            let yaml = crate::text::yaml::to_string(&entities).unwrap();
            let back: EntitiesFile = serde_saphyr::from_str(&yaml).unwrap();
            prop_assert_eq!(json(&back), json(&entities), "{}", yaml);

            let properties = PropertiesFile {
                quotes_optional: true,
                date_order: Some(DateOrder::Dmy),
                properties: vec![PropertyRecord {
                    name: Some(texts[5].clone()),
                    unit: Some(texts[6].clone()),
                    single_valued: true,
                    temporal: Temporal::Cumulative,
                    tolerance: Some(0.05),
                    ..PropertyRecord::new(texts[7].clone(), ValueKind::Quantity)
                }],
            };
            let yaml = crate::text::yaml::to_string(&properties).unwrap();
            let back: PropertiesFile = serde_saphyr::from_str(&yaml).unwrap();
            prop_assert_eq!(json(&back), json(&properties), "{}", yaml);
        }
    }

    #[test]
    fn a_claim_line_holds_the_claim_and_its_source() {
        let mut claim = ClaimRecord::new("c1".into(), "s".into(), "p".into(), "3".into());
        claim.note = Some("n".into());
        let line = ClaimLine::new("src".into(), claim.clone());
        let text = serde_json::to_string(&line).unwrap();
        let (source, back) = serde_json::from_str::<ClaimLine>(&text).unwrap().split();
        assert_eq!(source, "src");
        assert_eq!(json(&back), json(&claim));
        // Absent fields are left out, not written as null or false.
        assert_eq!(
            text,
            r#"{"source":"src","id":"c1","subject":"s","property":"p","value":"3","note":"n"}"#
        );
    }
}
