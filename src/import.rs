//! `corroborate import`: a table of claims (CSV or TSV: object, property, value, source and
//! optionally time) turned into a dossier of JSON Lines claims with generated vocabularies,
//! so public benchmarks and other tools' exports can be checked and resolved.

use crate::model::ValueKind;
use crate::model::record::{
    ClaimLine, ClaimRecord, EntitiesFile, EntityRecord, PropertiesFile, PropertyRecord,
    SourceHeader, Text,
};
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
    /// The role a column name gives, from the names common exports use (`object`, `ObjectID`,
    /// `obj`, `PropertyValue`, `SourceID`, `src`, `timestamp`...); `-` ignores a column.
    /// `None` for a name nobody uses.
    pub fn from_name(s: &str) -> Option<Role> {
        let folded: String = s
            .trim()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Some(match folded.as_str() {
            "object" | "objectid" | "obj" | "subject" | "subjectid" | "entity" | "entityid"
            | "item" | "itemid" | "oid" => Role::Object,
            "property" | "propertyid" | "prop" | "attribute" | "attributeid" | "attr"
            | "predicate" | "pid" => Role::Property,
            "value" | "propertyvalue" | "val" | "claim" | "claimedvalue" => Role::Value,
            "source" | "sourceid" | "src" | "sid" | "provider" => Role::Source,
            "time" | "date" | "asof" | "timestamp" | "datetime" => Role::Time,
            "" | "ignore" | "skip" => Role::Ignore,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Column roles in order; `None` reads them from the header row.
    pub columns: Option<Vec<Role>>,
    /// The first row names the columns; with `columns` it is skipped. A first row made only of
    /// column names is recognised without it.
    pub header: bool,
    /// Wide tables: these header columns are each a property of the row's object, its values
    /// in the column.
    pub value_columns: Vec<String>,
    /// A hierarchy table (id, name, parent) whose rows become entities with `part_of`, so
    /// values naming them are places or categories within one another.
    pub hierarchy: Option<std::path::PathBuf>,
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
    pub hierarchy_nodes: usize,
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

/// Guesses a property's kind from all of its values: the first of time, date, money and
/// quantity that reads at least 80% of them (a column of town populations is not years because
/// a few towns have 1,790 people), else text.
fn guess_kind(values: &[&str]) -> ValueKind {
    let kinds = [
        ValueKind::Time,
        ValueKind::Date,
        ValueKind::Money,
        ValueKind::Quantity,
    ];
    let mut reads = [0usize; 4];
    for v in values {
        for (k, kind) in kinds.iter().enumerate() {
            // A time of day says so: a colon, a.m./p.m., noon or midnight; a bare "19" is not
            // a time.
            if *kind == ValueKind::Time && !looks_like_clock(v) {
                continue;
            }
            let a = normalize_value(
                v,
                &Context {
                    expect: Some(*kind),
                    ..Context::default()
                },
            );
            if a.kind != crate::model::AssertionKind::Unparsed && a.unresolved.is_none() {
                reads[k] += 1;
            }
        }
    }
    let n = values.len().max(1);
    kinds
        .iter()
        .zip(reads)
        .find(|(_, r)| r * 10 >= n * 8)
        .map_or(ValueKind::Text, |(k, _)| *k)
}

fn looks_like_clock(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    lower.contains(':')
        || lower.contains("noon")
        || lower.contains("midnight")
        || lower
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_digit() && (w[1] == b'a' || w[1] == b'p'))
        || lower.contains(" a.m")
        || lower.contains(" p.m")
        || lower.contains(" am")
        || lower.contains(" pm")
}

/// A CSV reader over `table`; `-` is standard input, as for most command-line tools.
fn reader(
    table: &Path,
    delimiter: u8,
) -> Result<csv::Reader<std::io::BufReader<Box<dyn std::io::Read>>>, ImportError> {
    let file: Box<dyn std::io::Read> = if table == Path::new("-") {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(table)
                .map_err(|e| ImportError::Read(format!("cannot read {}: {e}", table.display())))?,
        )
    };
    Ok(csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        // Tab-separated exports rarely quote; a stray `"` inside a title must stay text.
        .quoting(delimiter != b'\t')
        .from_reader(std::io::BufReader::new(file)))
}

fn delimiter_for(table: &Path, given: Option<u8>) -> u8 {
    given.unwrap_or_else(|| {
        let ext = table.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "tsv" | "txt" | "tab") {
            b'\t'
        } else {
            b','
        }
    })
}

/// One entity of a hierarchy table.
struct Node {
    id: String,
    name: String,
    source_id: String,
    parent: Option<String>,
}

/// Reads a hierarchy table: columns id, name, parent (by header names, or in that order), one
/// row per node; an empty parent is a root.
fn read_hierarchy(path: &Path, delimiter: Option<u8>) -> Result<Vec<Node>, ImportError> {
    let name = path.display().to_string();
    let mut rd = reader(path, delimiter_for(path, delimiter))?;
    let mut rows = rd.records();
    let mut cols = (0usize, 1usize, 2usize);
    let mut nodes = Vec::new();
    let mut first = true;
    for (i, rec) in rows.by_ref().enumerate() {
        let rec = rec.map_err(|e| ImportError::Read(format!("{name}: row {}: {e}", i + 1)))?;
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        if first {
            first = false;
            let lower: Vec<String> = cells.iter().map(|c| c.to_ascii_lowercase()).collect();
            let pos = |names: &[&str]| lower.iter().position(|c| names.contains(&c.as_str()));
            if let (Some(a), Some(b), Some(c)) = (
                pos(&["id", "node", "nodeid", "code"]),
                pos(&["name", "label", "title"]),
                pos(&["parent", "parentid", "parent_id", "part_of", "partof"]),
            ) {
                cols = (a, b, c);
                continue;
            }
        }
        let get = |c: usize| cells.get(c).cloned().unwrap_or_default();
        let id = get(cols.0);
        if id.is_empty() {
            return Err(ImportError::Columns(format!(
                "{name}: row {}: a hierarchy row needs an id (columns: id, name, parent)",
                i + 1
            )));
        }
        let label = get(cols.1);
        nodes.push(Node {
            name: if label.is_empty() { id.clone() } else { label },
            source_id: id.clone(),
            id,
            parent: Some(get(cols.2)).filter(|p| !p.is_empty()),
        });
    }
    let known: std::collections::HashSet<&str> =
        nodes.iter().map(|n| n.source_id.as_str()).collect();
    if let Some(n) = nodes
        .iter()
        .find(|n| n.parent.as_deref().is_some_and(|p| !known.contains(p)))
    {
        return Err(ImportError::Columns(format!(
            "{name}: the parent \"{}\" of \"{}\" is not an id of the table; give every parent its own row",
            n.parent.as_deref().unwrap_or(""),
            n.source_id
        )));
    }
    Ok(nodes)
}

/// Imports `table` into a new dossier at `out`. Refuses to overwrite unless told to.
pub fn import(table: &Path, out: &Path, opts: &ImportOptions) -> Result<ImportStats, ImportError> {
    let name = if table == Path::new("-") {
        "standard input".into()
    } else {
        table.to_string_lossy()
    };
    let delimiter = delimiter_for(table, opts.delimiter);
    let mut reader = reader(table, delimiter)?;
    let mut records = reader.records().enumerate().peekable();
    // The header row: required without --columns, skipped with --header, and recognised when
    // every cell is a column name.
    let first: Option<Vec<String>> = match records.peek() {
        Some((_, Ok(r))) => Some(r.iter().map(|c| c.trim().to_string()).collect()),
        _ => None,
    };
    let looks_like_header = first.as_ref().is_some_and(|cells| {
        cells.iter().all(|c| {
            Role::from_name(c).is_some_and(|r| r != Role::Ignore)
                || opts.value_columns.iter().any(|v| v == c)
        })
    });
    let has_header = opts.columns.is_none() || opts.header || looks_like_header;
    let header: Vec<String> = if has_header {
        records.next();
        first.clone().unwrap_or_default()
    } else {
        Vec::new()
    };
    let mut value_cols: Vec<(usize, String)> = Vec::new();
    for v in &opts.value_columns {
        match header.iter().position(|h| h == v) {
            Some(i) => value_cols.push((i, v.clone())),
            None => {
                return Err(ImportError::Columns(format!(
                    "{name}: no column named \"{v}\" for --value-columns; the header has: {}",
                    header.join(", ")
                )));
            }
        }
    }
    let roles: Vec<Role> = match &opts.columns {
        Some(c) => c.clone(),
        None => {
            let mut roles = Vec::new();
            let mut unknown = Vec::new();
            for (i, h) in header.iter().enumerate() {
                if value_cols.iter().any(|(c, _)| *c == i) {
                    roles.push(Role::Ignore);
                    continue;
                }
                match Role::from_name(h) {
                    Some(r) => roles.push(r),
                    None => {
                        unknown.push(format!("\"{h}\""));
                        roles.push(Role::Ignore);
                    }
                }
            }
            if !unknown.is_empty() {
                return Err(ImportError::Columns(format!(
                    "{name}: unknown column name(s) {} in the header; name each column object, property, value, source, time or - (ignored) with --columns ROLE,ROLE,... --header, or list the value columns of a wide table with --value-columns",
                    unknown.join(", ")
                )));
            }
            roles
        }
    };
    let col = |r: Role| roles.iter().position(|&x| x == r);
    let vc = col(Role::Value);
    let (Some(oc), Some(sc)) = (col(Role::Object), col(Role::Source)) else {
        return Err(ImportError::Columns(format!(
            "{name}: the table needs object, value and source columns (a header naming them, or --columns)"
        )));
    };
    if vc.is_none() && value_cols.is_empty() {
        return Err(ImportError::Columns(format!(
            "{name}: the table needs object, value and source columns (a header naming them, or --columns; --value-columns for a wide table)"
        )));
    }
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
    for (i, rec) in records {
        let line = i + 1;
        let rec = rec.map_err(|e| ImportError::Read(format!("{name}: row {line}: {e}")))?;
        stats.rows += 1;
        let get = |c: usize| rec.get(c).unwrap_or("").trim().to_string();
        let mut cells: Vec<(String, String)> = Vec::new();
        if let Some(vc) = vc {
            cells.push((
                pc.map(&get)
                    .filter(|p| !p.is_empty())
                    .unwrap_or_else(|| opts.property.clone()),
                get(vc),
            ));
        }
        for (c, prop) in &value_cols {
            cells.push((prop.clone(), get(*c)));
        }
        for (property, value) in cells {
            if value.is_empty() {
                stats.skipped_empty += 1;
                continue;
            }
            rows.push(Row {
                object: get(oc),
                property,
                value,
                source: get(sc),
                time: tc.map(&get).filter(|t| !t.is_empty()),
            });
        }
    }
    let nodes = match &opts.hierarchy {
        Some(h) => read_hierarchy(h, opts.delimiter)?,
        None => Vec::new(),
    };
    let node_names: std::collections::HashSet<String> = nodes
        .iter()
        .flat_map(|n| [crate::text::slug(&n.name), crate::text::slug(&n.source_id)])
        .collect();

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

    let mut properties = PropertiesFile {
        quotes_optional: true,
        ..PropertiesFile::default()
    };
    let mut prop_ids = BTreeMap::new();
    let mut ptaken = Ids::default();
    for (p, idx) in &props {
        let kind = opts.kind.unwrap_or_else(|| {
            // Values that name the hierarchy's nodes are entities within one another.
            let in_hierarchy = idx
                .iter()
                .filter(|&&i| node_names.contains(&crate::text::slug(&rows[i].value)))
                .count();
            if !nodes.is_empty() && in_hierarchy * 10 >= idx.len() * 8 {
                return ValueKind::Entity;
            }
            guess_kind(
                &idx.iter()
                    .map(|&i| rows[i].value.as_str())
                    .collect::<Vec<_>>(),
            )
        });
        let id = ptaken.make(p, "property");
        properties.properties.push(PropertyRecord {
            name: Some(p.clone()),
            single_valued: true,
            ..PropertyRecord::new(id.clone(), kind)
        });
        prop_ids.insert(p.clone(), id);
    }
    let mut entities = EntitiesFile::default();
    for (obj, id) in &object_ids {
        let name = if obj.is_empty() { id } else { obj };
        entities
            .entities
            .push(EntityRecord::named(id.clone(), name.clone()));
    }
    // The hierarchy's nodes, each part of its parent; the table's own id is an alias, so
    // values may name a node by either.
    let mut htaken = Ids::default();
    htaken.taken.extend(object_ids.values().cloned());
    let node_ids: BTreeMap<&str, String> = nodes
        .iter()
        .map(|n| (n.source_id.as_str(), htaken.make(&n.id, "node")))
        .collect();
    for n in &nodes {
        let mut e = EntityRecord::named(node_ids[n.source_id.as_str()].clone(), n.name.clone());
        if n.source_id != n.name {
            e.aliases.push(n.source_id.clone());
        }
        if let Some(p) = &n.parent {
            e.part_of.push(node_ids[p.as_str()].clone());
        }
        entities.entities.push(e);
    }
    stats.hierarchy_nodes = nodes.len();
    let mut sources = String::new();
    for (src, id) in &source_ids {
        let title = if src.is_empty() { id } else { src };
        json_line(
            &mut sources,
            &SourceHeader {
                id: id.clone(),
                title: title.clone(),
                publisher: title.clone(),
                published: Text("unknown".into()),
                text: None,
                url: None,
                derived_from: Vec::new(),
                note: None,
            },
        )?;
    }
    let mut claims = String::new();
    for (i, r) in rows.iter().enumerate() {
        let mut claim = ClaimRecord::new(
            format!("r{}", i + 1),
            object_ids[&r.object].clone(),
            prop_ids[&r.property].clone(),
            r.value.clone(),
        );
        if let Some(t) = &r.time {
            // An ISO date is when the value held; any other time stamp is kept as a note.
            if crate::model::Date::parse_iso(t).is_some() {
                claim.as_of = Some(Text(t.clone()));
            } else {
                claim.note = Some(format!("time: {t}"));
            }
        }
        json_line(
            &mut claims,
            &ClaimLine::new(source_ids[&r.source].clone(), claim),
        )?;
        stats.claims += 1;
    }
    let properties = yaml_file(
        "# yaml-language-server: $schema=../schema/properties.schema.json\n# Generated by `corroborate import`; imported tables carry no source texts.\n",
        &properties,
    )?;
    let entities = yaml_file(
        "# yaml-language-server: $schema=../schema/entities.schema.json\n# Generated by `corroborate import`: one entity per object of the table.\n",
        &entities,
    )?;
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

/// A generated YAML file: its header comments, then `record`.
fn yaml_file(header: &str, record: &impl serde::Serialize) -> Result<String, ImportError> {
    let body = crate::text::yaml::to_string(record)
        .map_err(|e| ImportError::Read(format!("cannot write a vocabulary: {e}")))?;
    Ok(format!("{header}{body}"))
}

/// Appends `record` to a JSON Lines text. Keys come out in alphabetical order (through a
/// `serde_json` map), as the files `import` writes always had them.
fn json_line(out: &mut String, record: &impl serde::Serialize) -> Result<(), ImportError> {
    let v = serde_json::to_value(record)
        .map_err(|e| ImportError::Read(format!("cannot write a record: {e}")))?;
    out.push_str(&v.to_string());
    out.push('\n');
    Ok(())
}

fn unique() -> u64 {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}
