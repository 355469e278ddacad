//! JSON Schemas of the dossier files, generated from the types the loader deserializes, so
//! editors validate and complete exactly what corroborate accepts.

use super::yaml::{AcceptedFile, EntitiesFile, PropertiesFile, RatesFile, ScopesFile, SourceFile};

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
