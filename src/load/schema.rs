//! JSON Schemas of the dossier files, generated from the record types the loader deserializes
//! and the writers serialize, so editors validate and complete exactly what corroborate
//! accepts. Claim, entity and property files come from the plain records of
//! `model::record`; a test checks that the YAML reader's span-carrying types give the same
//! schemas.

use super::yaml::{AcceptedFile, RatesFile, ScopesFile};
use crate::model::record::{EntitiesFile, PropertiesFile, SourceFile};

/// The files that have a schema, with the name of the committed schema file.
pub const SCHEMAS: [(&str, &str); 6] = [
    ("claims", "claims.schema.json"),
    ("entities", "entities.schema.json"),
    ("properties", "properties.schema.json"),
    ("accepted", "accepted.schema.json"),
    ("scopes", "scopes.schema.json"),
    ("rates", "rates.schema.json"),
];

/// The schema of one kind of file, pretty-printed, or `None` for an unknown kind.
pub fn schema(kind: &str) -> Option<String> {
    let mut v = match kind {
        "claims" => serde_json::to_value(schemars::schema_for!(SourceFile)),
        "entities" => serde_json::to_value(schemars::schema_for!(EntitiesFile)),
        "properties" => serde_json::to_value(schemars::schema_for!(PropertiesFile)),
        "accepted" => serde_json::to_value(schemars::schema_for!(AcceptedFile)),
        "scopes" => serde_json::to_value(schemars::schema_for!(ScopesFile)),
        "rates" => serde_json::to_value(schemars::schema_for!(RatesFile)),
        _ => return None,
    }
    .ok()?;
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "title".into(),
            serde_json::Value::String(format!("corroborate {kind} file")),
        );
    }
    let mut s = serde_json::to_string_pretty(&v).ok()?;
    s.push('\n');
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;
    use crate::model::record::{ClaimLine, ClaimRecord};

    #[test]
    fn the_yaml_reader_and_the_plain_records_describe_one_format() {
        let pairs = [
            (
                schemars::schema_for!(SourceFile),
                schemars::schema_for!(yaml::SourceFile),
            ),
            (
                schemars::schema_for!(EntitiesFile),
                schemars::schema_for!(yaml::EntitiesFile),
            ),
            (
                schemars::schema_for!(PropertiesFile),
                schemars::schema_for!(yaml::PropertiesFile),
            ),
        ];
        for (plain, spanned) in pairs {
            assert_eq!(
                serde_json::to_value(&plain).unwrap(),
                serde_json::to_value(&spanned).unwrap()
            );
        }
    }

    #[test]
    fn a_claim_line_is_a_claim_and_its_source() {
        let fields = |s: schemars::Schema| -> Vec<String> {
            let v = serde_json::to_value(&s).unwrap();
            v["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect()
        };
        let mut claim = fields(schemars::schema_for!(ClaimRecord));
        claim.push("source".into());
        claim.sort();
        let mut line = fields(schemars::schema_for!(ClaimLine));
        line.sort();
        assert_eq!(claim, line);
    }

    #[test]
    fn the_files_init_writes_are_records_of_the_one_format() {
        let mut read_files = 0;
        for (path, text) in crate::init::files() {
            let read = match path.as_str() {
                "claims/properties.yaml" => {
                    serde_saphyr::from_str::<PropertiesFile>(&text).map(|_| ())
                }
                "claims/entities.yaml" => serde_saphyr::from_str::<EntitiesFile>(&text).map(|_| ()),
                "claims/example-source.yaml" => {
                    serde_saphyr::from_str::<SourceFile>(&text).map(|_| ())
                }
                _ => continue,
            };
            assert!(read.is_ok(), "{path}: {read:?}");
            read_files += 1;
        }
        assert_eq!(read_files, 3);
    }
}
