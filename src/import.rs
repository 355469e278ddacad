//! `corroborate import`: a table of claims (CSV or TSV: object, property, value, source and
//! optionally time) turned into a dossier of JSON Lines claims with generated vocabularies,
//! so public benchmarks and other tools' exports can be checked and resolved.

use crate::model::ValueKind;
use crate::normalize::{Context, normalize_value};
use crate::write::{WriteError, write_new};
use std::collections::BTreeMap;
use std::path::Path;

/// The roles a column can play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Object,
    Property,
    Value,
    Source,
    Time,
    Ignore,
}

impl Role {
    pub fn from_name(s: &str) -> Role {
        match s.trim().to_ascii_lowercase().as_str() {
            "object" | "subject" | "entity" | "item" => Role::Object,
            "property" | "attribute" => Role::Property,
            "value" => Role::Value,
            "source" => Role::Source,
            "time" | "date" | "as_of" => Role::Time,
            _ => Role::Ignore,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Column roles in order; `None` reads them from the header row.
    pub columns: Option<Vec<Role>>,
    /// Field separator; `None` guesses from the file name and first line.
    pub delimiter: Option<u8>,
    /// The property when the table has no property column.
    pub property: String,
    /// The kind of value the properties take; `None` guesses from the values.
    pub kind: Option<ValueKind>,
    pub overwrite: bool,
}

#[derive(Debug)]
pub enum ImportError {
    Read(String),
    Columns(String),
    Write(WriteError),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Read(e) | ImportError::Columns(e) => f.write_str(e),
            ImportError::Write(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ImportError {}

#[derive(Debug, Default, Clone, Copy)]
pub struct ImportStats {
    pub rows: usize,
    pub claims: usize,
    pub skipped_empty: usize,
    pub sources: usize,
    pub objects: usize,
}

/// Ids made of letters, digits and dashes, each unique: a name's slug, or `prefix` when the
/// name has no ASCII letter or digit, then `-2`, `-3`... The next free suffix of every base is
/// remembered, so 40,000 names that share a base take linear time, not quadratic.
#[derive(Default)]
struct Ids {
    taken: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl Ids {
    fn make(&mut self, text: &str, prefix: &str) -> String {
        let s = crate::text::slug(text);
        let base: String = if s.is_empty() {
            prefix.to_string()
        } else {
            s.chars().take(60).collect()
        };
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            // A slug can itself end in `-2` ("a 2"), so a candidate may be taken already.
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Guesses a property's kind from a sample of its values: the kind most of them read as.
fn guess_kind(values: &[&str]) -> ValueKind {
    let mut votes: BTreeMap<&'static str, usize> = BTreeMap::new();
    for v in values.iter().take(200) {
        for kind in [
            ValueKind::Time,
            ValueKind::Date,
            ValueKind::Money,
            ValueKind::Quantity,
        ] {
            let a = normalize_value(
                v,
                &Context {
                    expect: Some(kind),
                    ..Context::default()
                },
            );
            let ok = a.kind != crate::model::AssertionKind::Unparsed && a.unresolved.is_none();
            if ok {
                *votes.entry(kind.name()).or_default() += 1;
                break;
            }
        }
    }
    let sample = values.len().clamp(1, 200);
    match votes.iter().max_by_key(|(_, n)| **n) {
        Some((&k, &n)) if n * 10 >= sample * 8 => match k {
            "time" => ValueKind::Time,
            "date" => ValueKind::Date,
            "money" => ValueKind::Money,
            _ => ValueKind::Quantity,
        },
        _ => ValueKind::Text,
    }
}

/// Imports `table` into a new dossier at `out`. Refuses to overwrite unless told to.
pub fn import(table: &Path, out: &Path, opts: &ImportOptions) -> Result<ImportStats, ImportError> {
    let name = table.to_string_lossy();
    let file = std::fs::File::open(table)
        .map_err(|e| ImportError::Read(format!("cannot read {name}: {e}")))?;
    let delimiter = opts.delimiter.unwrap_or_else(|| {
        let ext = table.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "tsv" | "txt" | "tab") {
            b'\t'
        } else {
            b','
        }
    });
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(opts.columns.is_none())
        .flexible(true)
        // Tab-separated exports rarely quote; a stray `"` inside a title must stay text.
        .quoting(delimiter != b'\t')
        .from_reader(std::io::BufReader::new(file));
    let roles: Vec<Role> = match &opts.columns {
        Some(c) => c.clone(),
        None => reader
            .headers()
            .map_err(|e| ImportError::Read(format!("{name}: {e}")))?
            .iter()
            .map(Role::from_name)
            .collect(),
    };
    let col = |r: Role| roles.iter().position(|&x| x == r);
    let (Some(oc), Some(vc), Some(sc)) = (col(Role::Object), col(Role::Value), col(Role::Source))
    else {
        return Err(ImportError::Columns(format!(
            "{name}: the table needs object, value and source columns (a header naming them, or --columns)"
        )));
    };
    let pc = col(Role::Property);
    let tc = col(Role::Time);

    struct Row {
        object: String,
        property: String,
        value: String,
        source: String,
        time: Option<String>,
    }
    let mut rows = Vec::new();
    let mut stats = ImportStats::default();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| ImportError::Read(format!("{name}: row {}: {e}", i + 1)))?;
        stats.rows += 1;
        let get = |c: usize| rec.get(c).unwrap_or("").trim().to_string();
        let value = get(vc);
        if value.is_empty() {
            stats.skipped_empty += 1;
            continue;
        }
        rows.push(Row {
            object: get(oc),
            property: pc
                .map(&get)
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| opts.property.clone()),
            value,
            source: get(sc),
            time: tc.map(&get).filter(|t| !t.is_empty()),
        });
    }

    if rows.is_empty() {
        return Err(ImportError::Columns(format!(
            "{name}: the table has no row with a value ({} rows read); nothing to import",
            stats.rows
        )));
    }
    let mut taken = Ids::default();
    let mut source_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut object_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut props: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        if !source_ids.contains_key(&r.source) {
            let id = taken.make(&r.source, "source");
            source_ids.insert(r.source.clone(), id);
        }
        if !object_ids.contains_key(&r.object) {
            let id = format!("o{}", object_ids.len() + 1);
            object_ids.insert(r.object.clone(), id);
        }
        props.entry(r.property.clone()).or_default().push(i);
    }
    stats.sources = source_ids.len();
    stats.objects = object_ids.len();

    let mut properties = String::from(
        "# yaml-language-server: $schema=../schema/properties.schema.json\n# Generated by `corroborate import`; imported tables carry no source texts.\nquotes_optional: true\nproperties:\n",
    );
    let mut prop_ids = BTreeMap::new();
    let mut ptaken = Ids::default();
    for (p, idx) in &props {
        let kind = opts.kind.unwrap_or_else(|| {
            guess_kind(
                &idx.iter()
                    .map(|&i| rows[i].value.as_str())
                    .collect::<Vec<_>>(),
            )
        });
        let id = ptaken.make(p, "property");
        properties.push_str(&format!(
            "  - id: {}\n    name: {}\n    kind: {}\n    single_valued: true\n",
            crate::text::yaml_quoted(&id),
            crate::text::yaml_quoted(p),
            kind.name()
        ));
        prop_ids.insert(p.clone(), id);
    }
    let mut entities = String::from(
        "# yaml-language-server: $schema=../schema/entities.schema.json\n# Generated by `corroborate import`: one entity per object of the table.\nentities:\n",
    );
    for (obj, id) in &object_ids {
        entities.push_str(&format!(
            "  - id: {}\n    name: {}\n",
            crate::text::yaml_quoted(id),
            crate::text::yaml_quoted(if obj.is_empty() { id } else { obj })
        ));
    }
    let mut sources = String::new();
    for (src, id) in &source_ids {
        let title = if src.is_empty() {
            id.as_str()
        } else {
            src.as_str()
        };
        sources.push_str(&serde_json::json!({"id": id, "title": title, "publisher": title, "published": "unknown"}).to_string());
        sources.push('\n');
    }
    let mut claims = String::new();
    for (i, r) in rows.iter().enumerate() {
        let mut obj = serde_json::json!({
            "source": source_ids[&r.source],
            "id": format!("r{}", i + 1),
            "subject": object_ids[&r.object],
            "property": prop_ids[&r.property],
            "value": r.value,
        });
        if let Some(t) = &r.time {
            // An ISO date is when the value held; any other time stamp is kept as a note.
            if crate::model::Date::parse_iso(t).is_some() {
                obj["as_of"] = serde_json::json!(t);
            } else {
                obj["note"] = serde_json::json!(format!("time: {t}"));
            }
        }
        claims.push_str(&obj.to_string());
        claims.push('\n');
        stats.claims += 1;
    }
    let files = [
        ("claims/properties.yaml", properties),
        ("claims/entities.yaml", entities),
        ("claims/sources.jsonl", sources),
        ("claims/claims.jsonl", claims),
    ];
    let claims_dir = out.join("claims");
    let exists = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    if !opts.overwrite
        && let Some((p, _)) = files.iter().find(|(p, _)| exists(&out.join(p)))
    {
        return Err(ImportError::Write(WriteError::Exists(out.join(p))));
    }
    let create = |dir: &Path| {
        std::fs::create_dir_all(dir)
            .map_err(|e| ImportError::Read(format!("cannot create {}: {e}", dir.display())))
    };
    if !opts.overwrite || !exists(&claims_dir) {
        create(&claims_dir)?;
        for (p, content) in files {
            write_new(&out.join(p), content.as_bytes(), false).map_err(ImportError::Write)?;
        }
        return Ok(stats);
    }
    // Over an existing dossier: the whole new claims/ is written beside the old one and then
    // swapped in, so a killed import leaves the old dossier or the new one, never new
    // vocabularies beside old claims.
    let tag = format!("{}-{}", std::process::id(), unique());
    let fresh = out.join(format!(".claims.import-{tag}"));
    let old = out.join(format!(".claims.replaced-{tag}"));
    let io = |what: &Path, e: std::io::Error| {
        ImportError::Read(format!("cannot write {}: {e}", what.display()))
    };
    let result = (|| {
        create(&fresh)?;
        for (p, content) in &files {
            let name = p.trim_start_matches("claims/");
            write_new(&fresh.join(name), content.as_bytes(), false).map_err(ImportError::Write)?;
        }
        std::fs::rename(&claims_dir, &old).map_err(|e| io(&claims_dir, e))?;
        if let Err(e) = std::fs::rename(&fresh, &claims_dir) {
            let _ = std::fs::rename(&old, &claims_dir);
            return Err(io(&claims_dir, e));
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&fresh);
        return result.map(|()| stats);
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(stats)
}

fn unique() -> u64 {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}
