//! Reading a dossier from disk: claim files, vocabularies and seed texts, with path safety,
//! size limits and quote provenance.
//!
//! Each claim file is read, parsed and checked against its seed in one pass (in parallel
//! across files), and its raw text is dropped afterwards, so memory holds the claims, not
//! the files.

pub mod jsonl;
pub mod provenance;
pub mod schema;
pub mod vocabulary;
pub mod yaml;

use crate::model::hierarchy::Hierarchy;
use crate::model::{
    Claim, ClaimLocs, Date, Dossier, EntityDef, Finding, Hedge, Loc, PropertyDef, Published, Rule,
    Source,
};
use provenance::FoldedText;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use yaml::{ClaimRecord, EntitiesFile, PropertiesFile, SourceFile};

/// Deepest YAML nesting accepted; claim files need four levels.
pub const MAX_NESTING: usize = 32;
/// Most anchors/aliases in one file; claim files need none, so this only stops alias bombs.
pub const MAX_ALIASES: usize = 1_000;
/// Largest claim or vocabulary file read.
pub const MAX_CLAIM_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest seed text read.
pub const MAX_SEED_BYTES: u64 = 32 * 1024 * 1024;

pub const ENTITIES_FILE: &str = "entities.yaml";
pub const PROPERTIES_FILE: &str = "properties.yaml";
pub const ACCEPTED_FILE: &str = "accepted.yaml";
/// Source headers in JSON Lines, for dossiers whose claims are in JSON Lines.
pub const SOURCES_JSONL: &str = "sources.jsonl";
/// Entities as JSON Lines, for vocabularies too large to write (or parse quickly) as YAML.
pub const ENTITIES_JSONL: &str = "entities.jsonl";
/// Largest JSON Lines file read (it is streamed, so this bounds time, not memory).
pub const MAX_JSONL_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Reasons the dossier as a whole cannot be read (exit 2).
#[derive(Debug)]
pub enum LoadError {
    Root(PathBuf, std::io::Error),
    NoClaimsDir(PathBuf),
    /// `claims/` is a symbolic link that leads outside the dossier root.
    ClaimsOutside(PathBuf),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Root(p, e) => write!(f, "cannot open dossier root {}: {e}", p.display()),
            LoadError::NoClaimsDir(p) => write!(
                f,
                "{} has no claims/ folder: run corroborate in a dossier's root, pass its path, or create one with `corroborate init`",
                p.display()
            ),
            LoadError::ClaimsOutside(p) => write!(
                f,
                "{} is a symbolic link that leads outside the dossier root; it was not read (make claims/ a folder of the dossier)",
                crate::text::one_line(&p.display().to_string())
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// The one path policy for every file corroborate discovers in a dossier or that a dossier
/// file names: its real path, with every symbolic link resolved, lies inside the (canonical)
/// root. Links that stay inside are fine. A path that does not exist passes (reading it then
/// fails with its own message); nothing outside is ever opened.
pub fn inside_root(root: &Path, path: &Path) -> bool {
    match path.canonicalize() {
        Ok(real) => real.starts_with(root),
        Err(_) => std::fs::symlink_metadata(path).is_err(),
    }
}

fn outside_finding(name: &Arc<str>) -> Finding {
    finding(
        Rule::UnsafePath,
        Some(Loc::new(name, 1, 1)),
        format!("{name} is a symbolic link that leads outside the dossier root; it was not read"),
        format!("unsafe-path:{name}"),
    )
    .with_help(Rule::UnsafePath.fix())
}

/// What loading produced: the dossier, and every problem found on the way.
pub struct Loaded {
    pub root: PathBuf,
    pub dossier: Dossier,
    pub findings: Vec<Finding>,
    /// Per source: the sentence around each claim's quote, by claim index, where found.
    pub quote_contexts: HashMap<u32, QuoteContext>,
    /// Per source, a compact sketch of its seed text for relay detection.
    pub sketches: Vec<Option<Vec<u64>>>,
    /// Acknowledged findings: fingerprint, reason, where the entry is.
    pub accepted: Vec<Accepted>,
    pub stats: LoadStats,
    /// What could not be read, so that acknowledgements about it are not called stale.
    pub incomplete: Incomplete,
}

/// The parts of a dossier that input errors left out.
#[derive(Debug, Clone, Default)]
pub struct Incomplete {
    /// A file was left out whose sources are unknown (or a vocabulary): anything may be missing.
    pub unknown: bool,
    /// Sources whose files were read only in part.
    pub sources: Vec<String>,
}

impl Incomplete {
    /// Whether findings about this source may be missing because of input errors.
    pub fn covers(&self, source: &str) -> bool {
        self.unknown || self.sources.iter().any(|s| s == source)
    }
}

/// One entry of the acknowledged-findings file.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub fingerprint: String,
    pub reason: String,
    pub loc: Loc,
}

pub use crate::model::QuoteContext;

#[derive(Debug, Clone, Copy, Default)]
pub struct LoadStats {
    pub files: usize,
    pub seeds: usize,
    pub quotes_checked: usize,
    /// Wall time of the loading phases (parsing files, assembling the dossier, checking
    /// quotes against seeds), for benchmarks and profiling.
    pub timings: [(&'static str, std::time::Duration); 3],
}

fn finding(rule: Rule, loc: Option<Loc>, message: String, fingerprint: String) -> Finding {
    Finding::new(rule, loc, message, fingerprint)
}

fn rel_name(root: &Path, path: &Path) -> Arc<str> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Arc::from(s.join("/"))
}

/// Reads a file under the size limit as UTF-8, with a finding naming it otherwise.
// The error is a finding that goes straight into the report; it is rare, so its size is moot.
#[allow(clippy::result_large_err)]
fn read_text(path: &Path, name: &Arc<str>, limit: u64) -> Result<String, Finding> {
    let file_loc = Some(Loc::new(name, 1, 1));
    let meta = std::fs::metadata(path).map_err(|e| {
        finding(
            Rule::Io,
            file_loc.clone(),
            format!("cannot read {name}: {e}"),
            format!("io:{name}"),
        )
    })?;
    if !meta.is_file() {
        return Err(finding(
            Rule::Io,
            file_loc,
            format!("{name} is not a regular file"),
            format!("io:{name}"),
        ));
    }
    if meta.len() > limit {
        return Err(finding(
            Rule::FileTooLarge,
            file_loc,
            format!("{name} is {} bytes; the limit is {limit} bytes", meta.len()),
            format!("size:{name}"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        finding(
            Rule::Io,
            file_loc.clone(),
            format!("cannot read {name}: {e}"),
            format!("io:{name}"),
        )
    })?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        let col = 1 + at
            - bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
        finding(
            Rule::BadEncoding,
            Some(Loc::new(
                name,
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(col).unwrap_or(u32::MAX),
            )),
            format!("{name} is not valid UTF-8 (first bad byte at offset {at})"),
            format!("utf8:{name}"),
        )
    })?;
    // A byte-order mark is an editor's habit, not content.
    if text.starts_with('\u{FEFF}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Turns a YAML parse or schema error into a finding at its position.
fn yaml_finding(name: &Arc<str>, err: &serde_saphyr::Error) -> Finding {
    let inner = err.without_snippet();
    let (line, col) = inner
        .location()
        .map(|l| (l.line(), l.column()))
        .filter(|&(l, _)| l > 0)
        .unwrap_or((1, 1));
    let raw = inner.render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    let mut message = strip_location_suffix(&raw);
    if message == "expected mapping start" {
        message =
            "expected a mapping (`key: value` lines) here, found a list or a plain value".into();
    } else if message == "expected sequence start" {
        message = "expected a list (`- item` lines) here, found a mapping or a plain value".into();
    }
    // The parser's hint is for library developers; tell the file's author what to do.
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        message = format!("the key `{key}` appears twice in one mapping; keep one");
    }
    let lower = message.to_ascii_lowercase();
    let type_error = [
        "unknown field",
        "missing field",
        "invalid type",
        "invalid value",
        "unknown variant",
        "non-finite",
        "expected",
        "null",
    ]
    .iter()
    .any(|k| lower.contains(k))
        || lower.starts_with("invalid ");
    let rule =
        if type_error && !lower.contains("while scanning") && !lower.contains("while parsing") {
            Rule::Schema
        } else {
            Rule::YamlSyntax
        };
    // After the rule is chosen from the parser's own words.
    let message = with_field_hint(message);
    let loc = Loc::new(
        name,
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    );
    let mut f = finding(rule, Some(loc), message, format!("{}:{name}", rule.code()));
    f.help = Some(rule.fix().to_string());
    f
}

/// `unknown field `valeu`, expected one of ...` (or `unknown variant` for a value such as a
/// property's `kind`) gets a "did you mean" from the names the parser lists (serde-saphyr and serde_json word the list alike, with or without backticks).
fn with_field_hint(message: String) -> String {
    let (what, rest) = if let Some(rest) = message.strip_prefix("unknown field `") {
        ("field", rest)
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        ("value", rest)
    } else {
        return message;
    };
    let Some((field, after)) = rest.split_once('`') else {
        return message;
    };
    let list = after
        .strip_prefix(", expected one of ")
        .or_else(|| after.strip_prefix(", expected "))
        .unwrap_or("");
    let fields: Vec<&str> = list.split(", ").map(|f| f.trim_matches('`')).collect();
    let hint = crate::normalize::vocab::did_you_mean(&crate::normalize::vocab::closest(
        field,
        fields.iter().copied().filter(|f| !f.is_empty()),
    ));
    if hint.is_empty() {
        return message;
    }
    let list = if what == "field" { "fields" } else { "one of" };
    format!(
        "unknown {what} `{field}`{hint} ({list}: {})",
        fields.join(", ")
    )
}

/// serde-saphyr appends " at line X, column Y"; our diagnostics carry the position already.
fn strip_location_suffix(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg).trim();
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

/// Validates a seed path and resolves it inside the root, without touching anything outside.
pub fn resolve_seed(root: &Path, text: &str) -> Result<PathBuf, String> {
    let rel = Path::new(text);
    if text.trim().is_empty() {
        return Err("the seed path is empty".into());
    }
    if text.contains('\\') || text.contains('\0') {
        return Err(format!(
            "seed path `{text}` must use `/` separators and no control characters"
        ));
    }
    for c in rel.components() {
        match c {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => {
                return Err(format!("seed path `{text}` contains `..`"));
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!(
                    "seed path `{text}` is absolute; write it relative to the dossier root"
                ));
            }
        }
    }
    let joined = root.join(rel);
    // canonicalize resolves symbolic links; a link that leads outside is refused before
    // anything is opened.
    match joined.canonicalize() {
        Ok(real) if real.starts_with(root) => Ok(real),
        Ok(_) => Err(format!(
            "seed path `{text}` leads outside the dossier root through a symbolic link"
        )),
        Err(_) => Ok(joined),
    }
}

/// A claim before its source is known to exist (JSON Lines claims name it by id).
struct Pending {
    source: SourceRef,
    claim: Claim,
}

enum SourceRef {
    /// The n-th source declared in the same file (YAML: the file's own source).
    Local(usize),
    /// The n-th of the file's `source_names` (JSON Lines claims name their source by id).
    Named(u32),
}

/// Everything parsed out of one file.
#[derive(Default)]
struct FileOut {
    sources: Vec<Source>,
    claims: Vec<Pending>,
    /// The source ids that claims of this file name, each once.
    source_names: Vec<String>,
    findings: Vec<Finding>,
    /// Some claims of the file could not be read; the rest were.
    partial: bool,
}

fn opt_text(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

#[allow(clippy::result_large_err)]
fn parse_published(t: &str, loc: Loc, name: &str) -> Result<Published, Finding> {
    let t = t.trim();
    if t.eq_ignore_ascii_case("unknown") {
        return Ok(Published::Unknown);
    }
    Date::parse_iso(t).map(Published::On).ok_or_else(|| {
        finding(
            Rule::BadDate,
            Some(loc),
            format!("`published: {t}` is not a valid date"),
            format!("invalid-date:{name}:{t}"),
        )
    })
}

/// The fields of a source header, wherever they came from.
struct HeaderFields<'a> {
    id: (&'a str, Loc),
    title: (&'a str, Loc),
    publisher: (&'a str, Loc),
    published: (&'a str, Loc),
    text: Option<(&'a str, Loc)>,
    url: Option<&'a String>,
    derived_from: Vec<String>,
    note: &'a Option<String>,
    loc: Loc,
}

fn make_source(h: HeaderFields, name: &Arc<str>, findings: &mut Vec<Finding>) -> Source {
    let published = match parse_published(h.published.0, h.published.1.clone(), name) {
        Ok(p) => p,
        Err(f) => {
            findings.push(f);
            Published::Unknown
        }
    };
    for (field, (value, loc)) in [
        ("id", &h.id),
        ("title", &h.title),
        ("publisher", &h.publisher),
    ] {
        if value.trim().is_empty() {
            findings.push(finding(
                Rule::EmptyValue,
                Some(loc.clone()),
                format!("the source's `{field}` is empty"),
                format!("empty:{name}:source.{field}"),
            ));
        }
    }
    Source {
        id: h.id.0.trim().to_string(),
        title: h.title.0.trim().to_string(),
        publisher: h.publisher.0.trim().to_string(),
        published,
        text: h.text.as_ref().map(|(t, _)| t.to_string()),
        text_loc: h.text.map(|(_, l)| l),
        url: h.url.cloned(),
        derived_from: h.derived_from,
        note: opt_text(h.note),
        loc: h.loc,
    }
}

/// The fields of a claim, wherever they came from, moved out of the parsed record so that
/// each string is allocated once.
struct ClaimFields {
    id: String,
    subject: String,
    property: String,
    value: String,
    quote: Option<String>,
    scope: Option<String>,
    as_of: Option<(String, Loc)>,
    attribution: Option<String>,
    hedge: Option<Hedge>,
    negated: bool,
    earlier: bool,
    note: Option<String>,
    locs: ClaimLocs,
}

/// `s` without surrounding whitespace, reusing its allocation when there is none.
fn trimmed(s: String) -> String {
    let t = s.trim();
    if t.len() == s.len() { s } else { t.to_string() }
}

fn opt_trimmed(s: Option<String>) -> Option<String> {
    s.map(trimmed).filter(|t| !t.is_empty())
}

fn make_claim(c: ClaimFields, source_hint: &str, findings: &mut Vec<Finding>) -> Claim {
    let id = trimmed(c.id);
    let subject = trimmed(c.subject);
    let property = trimmed(c.property);
    let value = trimmed(c.value);
    // The location is only built for a finding: this runs for every claim.
    type Place = fn(&ClaimLocs) -> Loc;
    for (field, v, place) in [
        ("id", &id, ClaimLocs::claim as Place),
        ("subject", &subject, ClaimLocs::subject),
        ("property", &property, ClaimLocs::property),
        ("value", &value, ClaimLocs::value),
    ] {
        if v.is_empty() {
            findings.push(finding(
                Rule::EmptyValue,
                Some(place(&c.locs)),
                format!("claim `{id}` has an empty `{field}`"),
                format!("empty:{source_hint}:{id}:{field}"),
            ));
        }
    }
    if let Some((a, loc)) = &c.as_of
        && Date::parse_iso(a).is_none()
    {
        findings.push(finding(
            Rule::BadDate,
            Some(loc.clone()),
            format!("`as_of: {a}` is not a valid date"),
            format!("invalid-date:{source_hint}:{id}"),
        ));
    }
    Claim {
        id,
        source: 0,
        subject,
        property,
        value,
        quote: c.quote,
        scope: opt_trimmed(c.scope),
        as_of: c.as_of.map(|(a, _)| trimmed(a)),
        attribution: opt_trimmed(c.attribution),
        hedge: c.hedge.unwrap_or_default(),
        negated: c.negated,
        earlier: c.earlier,
        note: opt_trimmed(c.note),
        locs: c.locs,
    }
}

/// Phase A: one YAML claim file, its source and its claims.
fn parse_yaml_file(root: &Path, path: &Path) -> FileOut {
    let name = rel_name(root, path);
    match read_text(path, &name, MAX_CLAIM_FILE_BYTES) {
        Ok(text) => parse_yaml_text(&name, text),
        Err(f) => FileOut {
            findings: vec![f],
            ..FileOut::default()
        },
    }
}

/// The outline of a claim or vocabulary file: where each item of its list starts, whatever
/// its fields hold.
#[derive(serde::Deserialize)]
struct Outline {
    #[serde(default, alias = "entities", alias = "properties")]
    claims: Vec<serde_saphyr::Spanned<serde::de::IgnoredAny>>,
}

/// `quotes_optional` and `date_order` of a properties file whose properties are read one by
/// one.
#[derive(serde::Deserialize)]
struct QuotesOptional {
    #[serde(default)]
    quotes_optional: bool,
    #[serde(default)]
    date_order: Option<crate::model::DateOrder>,
}

/// The source header alone, the claims left unread. Unknown top-level keys are let through
/// here: the whole file's error names them, and it is kept when no claim accounts for it.
#[derive(serde::Deserialize)]
struct HeaderOnly {
    source: serde_saphyr::Spanned<yaml::SourceHeader>,
    #[serde(default)]
    #[allow(dead_code)]
    claims: serde::de::IgnoredAny,
}

/// A claim's id, read leniently to name a claim whose other fields are wrong.
#[derive(serde::Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<yaml::Text>,
}

/// A claim file whose whole parse failed on a field: parses the header, then each claim on
/// its own (positions shifted back to the file's), and keeps the claims
/// that read. `None` when the header itself is wrong or the claims are not a block list.
fn recover_claims(
    name: &Arc<str>,
    text: &str,
    max_nodes: usize,
    whole: &Finding,
) -> Option<(SourceFile, Vec<Finding>, Vec<u32>)> {
    let header: HeaderOnly =
        serde_saphyr::from_str_with_options(text, yaml::options(max_nodes)).ok()?;
    let (items, findings) = recover_items(name, text, max_nodes, whole, "claim")?;
    let (offsets, claims) = items.into_iter().unzip();
    Some((
        SourceFile {
            source: header.source,
            claims,
        },
        findings,
        offsets,
    ))
}

/// An item read on its own, with the line offset of its piece in the file.
type Placed<T> = (u32, serde_saphyr::Spanned<T>);

/// The items of a file's list (claims, entities, properties) read one by one, each from its
/// own lines (positions shifted back to the file's): the items that read, and a
/// finding for each that does not, naming it (`noun` `id`). `None` when the list is not a
/// block list or every item reads (the file's error is elsewhere).
fn recover_items<T: serde::de::DeserializeOwned>(
    name: &Arc<str>,
    text: &str,
    max_nodes: usize,
    whole: &Finding,
    noun: &str,
) -> Option<(Vec<Placed<T>>, Vec<Finding>)> {
    let opts = || yaml::options(max_nodes);
    let outline: Outline = serde_saphyr::from_str_with_options(text, opts()).ok()?;
    let lines: Vec<&str> = text.split('\n').collect();
    let starts: Vec<(usize, usize)> = outline
        .claims
        .iter()
        .map(|c| {
            (
                usize::try_from(c.referenced.line()).unwrap_or(0),
                usize::try_from(c.referenced.column()).unwrap_or(0),
            )
        })
        .collect();
    // Flow lists (`claims: [{...}]`) put claims on one line: not cut into pieces here.
    if starts
        .iter()
        .any(|&(l, c)| l == 0 || c == 0 || l > lines.len())
        || starts.windows(2).any(|w| w[0].0 >= w[1].0)
    {
        return None;
    }
    let mut claims = Vec::with_capacity(starts.len());
    let mut findings = Vec::new();
    let mut covered = false;
    let whole_line = whole.loc.as_ref().map_or(0, |l| l.line as usize);
    for &(line, col) in &starts {
        let indent = col - 1;
        let first = lines[line - 1];
        let before = first.get(..indent).unwrap_or("").trim_end();
        let listed = before.ends_with('-');
        if !listed && !before.is_empty() {
            return None;
        }
        let mut end = line;
        while end < lines.len() {
            let l = lines[end];
            let t = l.trim_start();
            if !t.is_empty() && !t.starts_with('#') && l.len() - t.len() < indent {
                break;
            }
            end += 1;
        }
        covered |= (line..=end).contains(&whole_line);
        // Parsed on its own, positions counted from its first line: `offset` lines are added
        // back (padding each piece with the lines before it would cost quadratic time on a
        // long file).
        let offset = u32::try_from(line - 1).unwrap_or(u32::MAX);
        let mut piece = String::new();
        for l in &lines[line - 1..end] {
            piece.push_str(l);
            piece.push('\n');
        }
        let one = if listed {
            serde_saphyr::from_str_with_options::<Vec<serde_saphyr::Spanned<T>>>(&piece, opts())
                .map(|mut v| v.pop())
        } else {
            serde_saphyr::from_str_with_options::<serde_saphyr::Spanned<T>>(&piece, opts())
                .map(Some)
        };
        match one {
            Ok(Some(c)) => claims.push((offset, c)),
            Ok(None) => {}
            Err(e) => {
                let id = if listed {
                    serde_saphyr::from_str::<Vec<IdOnly>>(&piece)
                        .ok()
                        .and_then(|mut v| v.pop())
                } else {
                    serde_saphyr::from_str::<IdOnly>(&piece).ok()
                }
                .and_then(|i| i.id)
                .map(|t| t.0);
                let claim_loc = Loc::new(
                    name,
                    u32::try_from(line).unwrap_or(u32::MAX),
                    u32::try_from(col).unwrap_or(u32::MAX),
                );
                findings.push(claim_field_finding(
                    name,
                    &e,
                    id.as_deref(),
                    claim_loc,
                    (noun, offset),
                ));
            }
        }
    }
    if !covered {
        // The error is outside the claims (a top-level key): it stands as it is.
        findings.push(whole.clone());
    }
    if findings.is_empty() {
        return None;
    }
    Some((claims, findings))
}

/// `loc` moved down `offset` lines: from a piece of a file to the file.
fn shifted(mut loc: Loc, offset: u32) -> Loc {
    loc.line = loc.line.saturating_add(offset);
    loc
}

/// A missing field in a file that cannot be read claim by claim (a line indented wrongly
/// ends the claim early and breaks the file): the finding moves to the first line of the
/// claim it belongs to, names it, and points at the line the YAML parser stumbled on.
fn place_missing_field(name: &Arc<str>, text: &str, max_nodes: usize, whole: Finding) -> Finding {
    let Some(rest) = whole.message.strip_prefix("missing field ") else {
        return whole;
    };
    let Some(at) = whole.loc.as_ref().map(|l| l.line as usize) else {
        return whole;
    };
    let lines: Vec<&str> = text.lines().collect();
    let is_item = |l: &str| {
        let t = l.trim_start();
        t == "-" || t.starts_with("- ")
    };
    let Some(start) = (0..at.min(lines.len())).rev().find(|&i| is_item(lines[i])) else {
        return whole;
    };
    let item_indent = lines[start].len() - lines[start].trim_start().len();
    let first = lines[start].trim_start();
    let col = item_indent + first.len() - first[1..].trim_start().len() + 1;
    let id = lines[start..]
        .iter()
        .enumerate()
        .take_while(|(k, l)| *k == 0 || !is_item(l))
        .find_map(|(k, l)| {
            let t = l.trim_start();
            let t = if k == 0 { t[1..].trim_start() } else { t };
            t.strip_prefix("id:")
                .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
        })
        .filter(|v| !v.is_empty());
    let who = id.map_or_else(|| "a claim".to_string(), |i| format!("claim `{i}`"));
    let mut f = whole.clone();
    f.message = format!(
        "{who} has no {rest}; every claim needs `id`, `subject`, `property` and `value`, indented alike"
    );
    f.loc = Some(Loc::new(
        name,
        u32::try_from(start + 1).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(1),
    ));
    if let Err(e) =
        serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(text, yaml::options(max_nodes))
    {
        let syntax = yaml_finding(name, &e);
        if let Some(loc) = syntax.loc {
            f = f.with_related(loc, format!("the YAML breaks here: {}", syntax.message));
        }
    }
    f
}

/// A field error inside one claim, naming the claim; a missing field is placed at the
/// claim's first line, where it belongs, not at whichever line the parser stopped.
fn claim_field_finding(
    name: &Arc<str>,
    err: &serde_saphyr::Error,
    id: Option<&str>,
    claim_loc: Loc,
    (noun, offset): (&str, u32),
) -> Finding {
    let mut f = yaml_finding(name, err);
    f.loc = f.loc.map(|l| shifted(l, offset));
    let who = id.map_or_else(|| format!("a {noun}"), |i| format!("{noun} `{i}`"));
    if let Some(rest) = f.message.strip_prefix("missing field ") {
        f.message = if noun == "claim" {
            format!(
                "{who} has no {rest}; every claim needs `id`, `subject`, `property` and `value`, indented alike"
            )
        } else {
            format!("{who} has no {rest}")
        };
        f.loc = Some(claim_loc.clone());
    } else {
        f.message = format!("{who}: {}", f.message);
    }
    f.fingerprint = format!("{}:{name}:{}", f.rule.code(), claim_loc.line);
    f
}

/// Parses the text of a YAML claim file named `name` (no filesystem access).
fn parse_yaml_text(name: &Arc<str>, text: String) -> FileOut {
    let name = name.clone();
    let mut out = FileOut::default();
    // Each claim is ~15 nodes; the budget grows with the file instead of capping it.
    let max_nodes = 10_000 + text.len() / 4;
    let (parsed, offsets): (SourceFile, Vec<u32>) =
        match serde_saphyr::from_str_with_options(&text, yaml::options(max_nodes)) {
            Ok(p) => (p, Vec::new()),
            Err(e) => {
                let whole = yaml_finding(&name, &e);
                // A wrong field in one claim should not cost the file's other claims: read
                // them one by one, each error at its own claim.
                if whole.rule == Rule::Schema
                    && let Some((parsed, findings, offsets)) =
                        recover_claims(&name, &text, max_nodes, &whole)
                {
                    out.findings = findings;
                    out.partial = true;
                    (parsed, offsets)
                } else {
                    out.findings
                        .push(place_missing_field(&name, &text, max_nodes, whole));
                    return out;
                }
            }
        };
    drop(text);
    let header_loc = yaml::loc(&name, &parsed.source);
    let h = &parsed.source.value;
    let source = make_source(
        HeaderFields {
            id: (&h.id.value, yaml::loc(&name, &h.id)),
            title: (&h.title.value, yaml::loc(&name, &h.title)),
            publisher: (&h.publisher.value, yaml::loc(&name, &h.publisher)),
            published: (&h.published.value.0, yaml::loc(&name, &h.published)),
            text: h
                .text
                .as_ref()
                .map(|t| (t.value.as_str(), yaml::loc(&name, t))),
            url: h.url.as_ref(),
            derived_from: h
                .derived_from
                .iter()
                .map(|d| d.value.trim().to_string())
                .collect(),
            note: &h.note,
            loc: header_loc.clone(),
        },
        &name,
        &mut out.findings,
    );
    let hint = source.id.clone();
    out.sources.push(source);
    for (i, rec) in parsed.claims.into_iter().enumerate() {
        // Claims read one by one (after an error) carry their distance from the file's top.
        let offset = offsets.get(i).copied().unwrap_or(0);
        let at = |loc: Loc| shifted(loc, offset);
        let claim_loc = at(yaml::loc(&name, &rec));
        let r: ClaimRecord = rec.value;
        let locs = ClaimLocs::from_locs([
            claim_loc.clone(),
            at(yaml::loc(&name, &r.subject)),
            at(yaml::loc(&name, &r.property)),
            at(yaml::loc(&name, &r.value)),
            r.quote
                .as_ref()
                .map_or(claim_loc, |q| at(yaml::loc(&name, q))),
        ]);
        let as_of = r.as_of.map(|a| {
            let loc = at(yaml::loc(&name, &a));
            (a.value.0, loc)
        });
        let claim = make_claim(
            ClaimFields {
                id: r.id.value.0,
                subject: r.subject.value,
                property: r.property.value,
                value: r.value.value.0,
                quote: r.quote.map(|q| q.value),
                scope: r.scope,
                as_of,
                attribution: r.attribution,
                hedge: r.hedge,
                negated: r.negated,
                earlier: r.earlier,
                note: r.note,
                locs,
            },
            &hint,
            &mut out.findings,
        );
        out.claims.push(Pending {
            source: SourceRef::Local(0),
            claim,
        });
    }
    out
}

/// Finds the columns of fields' keys in JSON lines: one prepared searcher per key, built once
/// per file rather than a scan per key and line. A key is the quoted name with both its
/// quotes; the same name quoted inside a value is escaped (`\"subject\"`), so it never matches.
struct KeyColumns<const N: usize>([memchr::memmem::Finder<'static>; N]);

impl<const N: usize> KeyColumns<N> {
    fn new(keys: [&str; N]) -> Self {
        KeyColumns(
            keys.map(|k| memchr::memmem::Finder::new(format!("\"{k}\"").as_bytes()).into_owned()),
        )
    }
    /// 1-based character column of key `k` in `line`, or 1 if it is not there.
    fn column(&self, line: &str, k: usize) -> u32 {
        column_at(line, self.0[k].find(line.as_bytes()))
    }
    /// The columns of the first `M` keys.
    fn columns<const M: usize>(&self, line: &str) -> [u32; M] {
        const { assert!(M <= N) };
        std::array::from_fn(|k| self.column(line, k))
    }
}

/// 1-based character column of a byte offset in `line`, or 1 without one.
fn column_at(line: &str, at: Option<usize>) -> u32 {
    let chars = match at.and_then(|q| line.get(..q)) {
        Some(prefix) if prefix.is_ascii() => prefix.len(),
        Some(prefix) => prefix.chars().count(),
        None => return 1,
    };
    u32::try_from(chars + 1).unwrap_or(1)
}

/// Phase B: a JSON Lines file, read line by line so the whole file is never in memory.
/// `sources.jsonl` holds source headers; any other `.jsonl` file holds claims.
fn parse_jsonl_file(root: &Path, path: &Path) -> FileOut {
    let name = rel_name(root, path);
    let is_sources = path.file_name().is_some_and(|n| n == SOURCES_JSONL);
    match std::fs::File::open(path) {
        Ok(f) => parse_jsonl_lines(
            &name,
            is_sources,
            std::io::BufReader::with_capacity(1 << 16, f),
        ),
        Err(e) => FileOut {
            findings: vec![finding(
                Rule::Io,
                Some(Loc::new(&name, 1, 1)),
                format!("cannot read {name}: {e}"),
                format!("io:{name}"),
            )],
            ..FileOut::default()
        },
    }
}

/// Calls `each` with every non-blank line of a JSON Lines stream and its 1-based number,
/// after the checks every JSON Lines file gets (size limit, UTF-8, a leading BOM).
fn each_json_line(
    name: &Arc<str>,
    mut reader: impl std::io::BufRead,
    findings: &mut Vec<Finding>,
    mut each: impl FnMut(&str, u32, &mut Vec<Finding>),
) {
    let mut buf = Vec::with_capacity(1024);
    let mut line_no: u32 = 0;
    let mut total: u64 = 0;
    loop {
        buf.clear();
        // One line is read into memory at most up to the size of a claim file: a longer line
        // is reported and skipped without being held, so a huge line cannot exhaust memory.
        let read = std::io::BufRead::read_until(
            &mut std::io::Read::take(&mut reader, MAX_CLAIM_FILE_BYTES + 1),
            b'\n',
            &mut buf,
        );
        if matches!(read, Ok(n) if n as u64 > MAX_CLAIM_FILE_BYTES && buf.last() != Some(&b'\n')) {
            line_no = line_no.saturating_add(1);
            buf.clear();
            let mut skipped = MAX_CLAIM_FILE_BYTES + 1;
            loop {
                let (done, used) = match reader.fill_buf() {
                    Ok([]) => (true, 0),
                    Ok(chunk) => match memchr::memchr(b'\n', chunk) {
                        Some(i) => (true, i + 1),
                        None => (false, chunk.len()),
                    },
                    Err(_) => (true, 0),
                };
                reader.consume(used);
                skipped += used as u64;
                if done {
                    break;
                }
            }
            total += skipped;
            findings.push(finding(
                Rule::FileTooLarge,
                Some(Loc::new(name, line_no, 1)),
                format!("line {line_no} of {name} is {skipped} bytes long; the limit for one line is {MAX_CLAIM_FILE_BYTES} bytes"),
                format!("size:{name}:{line_no}"),
            ));
            if total > MAX_JSONL_FILE_BYTES {
                break;
            }
            continue;
        }
        match read {
            Ok(0) => break,
            Ok(n) => total += n as u64,
            Err(e) => {
                findings.push(finding(
                    Rule::Io,
                    Some(Loc::new(name, line_no + 1, 1)),
                    format!("cannot read {name}: {e}"),
                    format!("io:{name}"),
                ));
                break;
            }
        }
        line_no = line_no.saturating_add(1);
        if total > MAX_JSONL_FILE_BYTES {
            findings.push(finding(
                Rule::FileTooLarge,
                Some(Loc::new(name, line_no, 1)),
                format!("{name} exceeds {MAX_JSONL_FILE_BYTES} bytes; split it into several files"),
                format!("size:{name}"),
            ));
            break;
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l.trim_end_matches(['\n', '\r']),
            Err(e) => {
                findings.push(finding(
                    Rule::BadEncoding,
                    Some(Loc::new(
                        name,
                        line_no,
                        u32::try_from(e.valid_up_to() + 1).unwrap_or(1),
                    )),
                    format!("line {line_no} of {name} is not valid UTF-8"),
                    format!("utf8:{name}:{line_no}"),
                ));
                continue;
            }
        };
        let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        each(line, line_no, findings);
    }
}

/// Parses JSON Lines from `reader`, line by line (no filesystem access).
fn parse_jsonl_lines(name: &Arc<str>, is_sources: bool, reader: impl std::io::BufRead) -> FileOut {
    let name = name.clone();
    let mut out = FileOut::default();
    let mut sources = Vec::new();
    let mut claims = Vec::new();
    let mut source_names: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
    let mut names_in_order: Vec<String> = Vec::new();
    let source_keys = KeyColumns::new(["id", "title", "publisher", "published", "text"]);
    let claim_keys = KeyColumns::new(["subject", "property", "value", "quote", "as_of"]);
    each_json_line(
        &name,
        reader,
        &mut out.findings,
        |line, line_no, findings| {
            let at = |keys: &KeyColumns<5>, k| Loc::new(&name, line_no, keys.column(line, k));
            let line_loc = Loc::new(&name, line_no, 1);
            if is_sources {
                match serde_json::from_str::<jsonl::SourceLine>(line) {
                    Ok(h) => {
                        let src = make_source(
                            HeaderFields {
                                id: (&h.id, at(&source_keys, 0)),
                                title: (&h.title, at(&source_keys, 1)),
                                publisher: (&h.publisher, at(&source_keys, 2)),
                                published: (&h.published.0, at(&source_keys, 3)),
                                text: h.text.as_deref().map(|t| (t, at(&source_keys, 4))),
                                url: h.url.as_ref(),
                                derived_from: h
                                    .derived_from
                                    .iter()
                                    .map(|d| d.trim().to_string())
                                    .collect(),
                                note: &h.note,
                                loc: line_loc,
                            },
                            &name,
                            findings,
                        );
                        sources.push(src);
                    }
                    Err(e) => findings.push(json_finding(&name, line_no, &e)),
                }
            } else {
                match serde_json::from_str::<jsonl::ClaimLine>(line) {
                    Ok(r) => {
                        let [subject, property, value, quote] =
                            claim_keys.columns::<4>(line).map(|col| (line_no, col));
                        let locs =
                            ClaimLocs::new(&name, [(line_no, 1), subject, property, value, quote]);
                        let source = trimmed(r.source);
                        let as_of = r.as_of.map(|a| (a.0, at(&claim_keys, 4)));
                        let claim = make_claim(
                            ClaimFields {
                                id: r.id.0,
                                subject: r.subject,
                                property: r.property,
                                value: r.value.0,
                                quote: r.quote,
                                scope: r.scope,
                                as_of,
                                attribution: r.attribution,
                                hedge: r.hedge,
                                negated: r.negated,
                                earlier: r.earlier,
                                note: r.note,
                                locs,
                            },
                            &source,
                            findings,
                        );
                        // A file's claims name few sources: each name is kept once.
                        let named = match source_names.get(&source) {
                            Some(&k) => k,
                            None => {
                                let k = u32::try_from(names_in_order.len()).unwrap_or(u32::MAX);
                                names_in_order.push(source.clone());
                                source_names.insert(source, k);
                                k
                            }
                        };
                        claims.push(Pending {
                            source: SourceRef::Named(named),
                            claim,
                        });
                    }
                    Err(e) => findings.push(json_finding(&name, line_no, &e)),
                }
            }
        },
    );
    out.sources = sources;
    out.claims = claims;
    out.source_names = names_in_order;
    out
}

fn json_finding(name: &Arc<str>, line: u32, e: &serde_json::Error) -> Finding {
    let rule = if e.is_syntax() || e.is_eof() {
        Rule::YamlSyntax
    } else {
        Rule::Schema
    };
    let msg = e.to_string();
    // serde_json appends " at line 1 column N"; the position is in the location instead.
    let msg = msg
        .rfind(" at line ")
        .map_or(msg.as_str(), |i| &msg[..i])
        .to_string();
    let message = if rule == Rule::YamlSyntax {
        format!("line {line} is not valid JSON: {msg}")
    } else {
        with_field_hint(msg)
    };
    finding(
        rule,
        Some(Loc::new(
            name,
            line,
            u32::try_from(e.column()).unwrap_or(1).max(1),
        )),
        message,
        format!("{}:{name}:{line}", rule.code()),
    )
    .with_help(rule.fix())
}

/// Parses the bytes of one claim file as YAML and as JSON Lines, without touching the
/// filesystem, and returns how many claims and findings came out. For fuzzing the parsers at
/// speed; `load` is the entry point for dossiers.
pub fn parse_claim_bytes(bytes: &[u8]) -> (usize, usize) {
    let name: Arc<str> = Arc::from("claims/fuzz.yaml");
    let mut claims = 0;
    let mut findings = 0;
    if let Ok(text) = std::str::from_utf8(bytes) {
        let out = parse_yaml_text(&name, text.to_string());
        claims += out.claims.len();
        findings += out.findings.len();
    }
    for is_sources in [false, true] {
        let out = parse_jsonl_lines(&name, is_sources, bytes);
        claims += out.claims.len();
        findings += out.findings.len();
    }
    (claims, findings)
}

/// What checking one source's quotes against its seed produced.
#[derive(Default)]
struct SeedOut {
    findings: Vec<Finding>,
    contexts: Vec<(u32, QuoteContext)>,
    sketch: Option<Vec<u64>>,
    seed_read: bool,
    quotes_checked: usize,
}

/// Phase D: read one source's seed once, check the quotes of its claims, sketch it.
fn check_seed(root: &Path, d: &Dossier, s: &Source, claims: &[u32], opts: &Options) -> SeedOut {
    let mut out = SeedOut::default();
    // Claim ids are unique per source: checked here, where one source's claims are at hand,
    // rather than by sorting all claims of the dossier.
    let mut ids: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    ids.reserve(claims.len());
    for &ci in claims {
        let c = &d.claims[ci as usize];
        match ids.entry(c.id.as_str()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let first = &d.claims[*first.get() as usize];
                out.findings.push(
                    finding(
                        Rule::DuplicateId,
                        Some(c.locs.claim()),
                        format!("claim id `{}` is used twice in source `{}`", c.id, s.id),
                        format!("duplicate-id:claim:{}:{}", s.id, c.id),
                    )
                    .with_related(first.locs.claim(), "first used here"),
                );
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(ci);
            }
        }
    }
    let mut seed: Option<(FoldedText, String)> = None;
    // Each quote folded once, for both the index and the search.
    let folded_quotes: Vec<Option<String>> = claims
        .iter()
        .map(|&ci| d.claims[ci as usize].quote.as_deref().map(provenance::fold))
        .collect();
    match (&s.text, &s.text_loc) {
        (Some(text), Some(tloc)) => match resolve_seed(root, text) {
            Err(why) => out.findings.push(
                finding(
                    Rule::UnsafePath,
                    Some(tloc.clone()),
                    why,
                    format!("unsafe-path:{}:{text}", s.id),
                )
                .with_help(Rule::UnsafePath.fix()),
            ),
            Ok(p) => {
                let seed_name: Arc<str> = Arc::from(text.as_str());
                match std::fs::metadata(&p) {
                    Err(_) => out.findings.push(finding(
                        Rule::SeedMissing,
                        Some(tloc.clone()),
                        format!("seed text `{text}` does not exist"),
                        format!("seed-missing:{}:{text}", s.id),
                    )),
                    Ok(m) if !m.is_file() => out.findings.push(finding(
                        Rule::SeedMissing,
                        Some(tloc.clone()),
                        format!("seed text `{text}` is not a regular file"),
                        format!("seed-missing:{}:{text}", s.id),
                    )),
                    Ok(_) => match read_text(&p, &seed_name, MAX_SEED_BYTES) {
                        Ok(raw) => {
                            let quotes: Vec<&str> =
                                folded_quotes.iter().filter_map(|q| q.as_deref()).collect();
                            seed = Some((FoldedText::with_expected_quotes(&raw, &quotes), raw));
                            out.seed_read = true;
                        }
                        // The problem is in the seed, but the fix starts at the claim file.
                        Err(f) => out
                            .findings
                            .push(f.with_related(tloc.clone(), "the seed named here")),
                    },
                }
            }
        },
        _ if !d.quotes_optional => out.findings.push(finding(
            Rule::SeedMissing,
            Some(s.loc.clone()),
            format!(
                "source `{}` names no `text:` file, so its quotes cannot be checked",
                s.id
            ),
            format!("seed-missing:{}:", s.id),
        )),
        _ => {}
    }
    if let Some((folded, _)) = &seed {
        out.sketch = Some(provenance::sketch(&folded.folded));
    }
    for (&ci, folded_quote) in claims.iter().zip(&folded_quotes) {
        let c = &d.claims[ci as usize];
        match (folded_quote, &seed) {
            (None, _) if !d.quotes_optional => out.findings.push(
                finding(
                    Rule::MissingQuote,
                    Some(c.locs.claim()),
                    format!("claim `{}` has no `quote`", c.id),
                    format!("missing-quote:{}:{}", s.id, c.id),
                )
                .with_help(Rule::MissingQuote.fix()),
            ),
            (Some(q), Some((folded, raw))) => {
                out.quotes_checked += 1;
                match folded.find_folded_in(q, Some(raw)) {
                    Ok(found) => {
                        if opts.quote_contexts {
                            out.contexts.push((
                                ci,
                                sentence_around(
                                    raw,
                                    found.start,
                                    found.end,
                                    folded.line_of(found.start),
                                ),
                            ));
                        }
                    }
                    Err(miss) => {
                        let seed_name = s.text.as_deref().unwrap_or("");
                        let help = match miss.line {
                            Some(l) => {
                                format!("closest passage: {seed_name}:{l}: {}", miss.explanation)
                            }
                            None => miss.explanation,
                        };
                        out.findings.push(
                            finding(
                                Rule::QuoteNotFound,
                                Some(c.locs.quote()),
                                format!(
                                    "the quote of claim `{}` does not occur in {seed_name}",
                                    c.id
                                ),
                                format!("quote-not-found:{}:{}", s.id, c.id),
                            )
                            .with_help(help),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The sentence containing a quote, for reports that show the quote in context.
fn sentence_around(text: &str, start: usize, end: usize, line: u32) -> QuoteContext {
    let (s, e) = crate::text::sentence_bounds(text, start, end);
    QuoteContext {
        line,
        sentence: text[s..e].to_string(),
        start: start.saturating_sub(s).min(e - s),
        end: end.saturating_sub(s).min(e - s),
    }
}

/// Rebuilds a file from its items read one by one, after a field error in one of them.
/// The file, the findings of the items that did not read, and each kept item's line offset.
type Recovered<T> = (T, Vec<Finding>, Vec<u32>);
type Recover<T> = fn(&Arc<str>, &str, usize, &Finding) -> Option<Recovered<T>>;

pub(super) fn no_recovery<T>(_: &Arc<str>, _: &str, _: usize, _: &Finding) -> Option<Recovered<T>> {
    None
}

/// A wrong field in one entity or property costs that one, not the whole vocabulary (which
/// would make every claim's name unknown).
fn recover_entities(
    name: &Arc<str>,
    text: &str,
    max_nodes: usize,
    whole: &Finding,
) -> Option<Recovered<EntitiesFile>> {
    let (items, findings) = recover_items(name, text, max_nodes, whole, "entity")?;
    let (offsets, entities) = items.into_iter().unzip();
    Some((EntitiesFile { entities }, findings, offsets))
}

fn recover_properties(
    name: &Arc<str>,
    text: &str,
    max_nodes: usize,
    whole: &Finding,
) -> Option<Recovered<PropertiesFile>> {
    let quotes: QuotesOptional =
        serde_saphyr::from_str_with_options(text, yaml::options(max_nodes)).ok()?;
    let (items, findings) = recover_items(name, text, max_nodes, whole, "property")?;
    let (offsets, properties) = items.into_iter().unzip();
    Some((
        PropertiesFile {
            quotes_optional: quotes.quotes_optional,
            date_order: quotes.date_order,
            properties,
        },
        findings,
        offsets,
    ))
}

pub(super) fn load_vocab<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
    findings: &mut Vec<Finding>,
    recover: Recover<T>,
) -> Option<(Arc<str>, T, Vec<u32>)> {
    if std::fs::symlink_metadata(path).is_err() {
        return None;
    }
    let name = rel_name(root, path);
    if !inside_root(root, path) {
        findings.push(outside_finding(&name));
        return None;
    }
    let text = match read_text(path, &name, MAX_CLAIM_FILE_BYTES) {
        Ok(t) => t,
        Err(f) => {
            findings.push(f);
            return None;
        }
    };
    let max_nodes = vocab_nodes(text.len());
    match serde_saphyr::from_str_with_options::<T>(&text, yaml::options(max_nodes)) {
        Ok(v) => Some((name, v, Vec::new())),
        Err(e) => {
            let whole = yaml_finding(&name, &e);
            if whole.rule == Rule::Schema
                && let Some((v, found, offsets)) = recover(&name, &text, max_nodes, &whole)
            {
                findings.extend(found);
                return Some((name, v, offsets));
            }
            findings.push(whole);
            None
        }
    }
}

/// The YAML node budget of a vocabulary file of `len` bytes (hostile files stop there; any
/// honest file fits).
pub fn vocab_nodes(len: usize) -> usize {
    10_000 + len / 4
}

/// Every cycle of `part_of` links (an entity that is, through its wholes, part of itself), one
/// finding per cycle, found in one depth-first walk: linear in entities and links.
fn part_of_cycles(entities: &[EntityDef]) -> Vec<Finding> {
    let hierarchy = Hierarchy::by_name(
        entities.iter().map(|e| e.id.as_str()),
        entities.iter().map(|e| e.part_of.iter().map(|p| p.trim())),
    );
    let name = |i: u32| entities[i as usize].id.as_str();
    hierarchy
        .cycles()
        .into_iter()
        .map(|cycle| {
            let start = &entities[cycle[0] as usize];
            let first = cycle.iter().map(|&m| name(m)).min().unwrap_or("");
            finding(
                Rule::PartOfCycle,
                Some(start.loc.clone()),
                format!(
                    "`{}` is part of itself through part_of: {}",
                    start.id,
                    Hierarchy::cycle_path(&cycle, name, 12)
                ),
                format!("part-of-cycle:{first}"),
            )
            .with_help(Rule::PartOfCycle.fix())
        })
        .collect()
}

fn entity_defs(name: &Arc<str>, e: EntitiesFile, offsets: &[u32]) -> Vec<EntityDef> {
    e.entities
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let loc = shifted(yaml::loc(name, &r), offsets.get(i).copied().unwrap_or(0));
            let r = r.value;
            let id = r.id.value.trim().to_string();
            EntityDef {
                name: r.name.unwrap_or_else(|| id.clone()),
                id,
                aliases: r.aliases.into_iter().map(|a| a.value).collect(),
                kind: r.kind,
                part_of: r.part_of.into_iter().map(|a| a.value).collect(),
                party: r.party,
                loc,
            }
        })
        .collect()
}

/// `claims/entities.jsonl`, streamed: one entity per line.
fn load_entity_lines(root: &Path, path: &Path, findings: &mut Vec<Finding>) -> Vec<EntityDef> {
    if std::fs::symlink_metadata(path).is_err() {
        return Vec::new();
    }
    let name = rel_name(root, path);
    if !inside_root(root, path) {
        findings.push(outside_finding(&name));
        return Vec::new();
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            findings.push(finding(
                Rule::Io,
                Some(Loc::new(&name, 1, 1)),
                format!("cannot read {name}: {e}"),
                format!("io:{name}"),
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    each_json_line(
        &name,
        std::io::BufReader::with_capacity(1 << 16, file),
        findings,
        |line, line_no, findings| match serde_json::from_str::<jsonl::EntityLine>(line) {
            Ok(r) => {
                let id = r.id.trim().to_string();
                out.push(EntityDef {
                    name: r.name.unwrap_or_else(|| id.clone()),
                    id,
                    aliases: r.aliases,
                    kind: r.kind,
                    part_of: r.part_of,
                    party: r.party,
                    loc: Loc::new(&name, line_no, 1),
                });
            }
            Err(e) => findings.push(json_finding(&name, line_no, &e)),
        },
    );
    out
}

fn extension(p: &Path) -> Option<&str> {
    p.extension().and_then(|e| e.to_str())
}

/// Lists the claim files of `claims/` (YAML and JSON Lines), refusing links that lead outside
/// the root.
fn claim_files(root: &Path, claims: &Path, findings: &mut Vec<Finding>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(claims) {
        Ok(e) => e,
        Err(e) => {
            findings.push(finding(
                Rule::Io,
                None,
                format!("cannot list claims/: {e}"),
                "io:claims".into(),
            ));
            return out;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let fname = entry.file_name();
        let fname = fname.to_string_lossy();
        if !matches!(extension(&path), Some("yaml" | "yml" | "jsonl"))
            || fname.starts_with('.')
            || [
                ENTITIES_FILE,
                ENTITIES_JSONL,
                PROPERTIES_FILE,
                ACCEPTED_FILE,
                vocabulary::SCOPES_FILE,
                vocabulary::RATES_FILE,
            ]
            .contains(&fname.as_ref())
        {
            continue;
        }
        let is_link = entry.file_type().map(|t| t.is_symlink()).unwrap_or(false);
        if is_link && !inside_root(root, &path) {
            findings.push(outside_finding(&rel_name(root, &path)));
            continue;
        }
        out.push(path);
    }
    out.sort();
    out
}

/// What loading can skip when the caller does not need it.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Keep the sentence around each quote (reports show it; `check` does not need it).
    pub quote_contexts: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            quote_contexts: true,
        }
    }
}

/// Loads the dossier rooted at `root`.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    load_with(root, &Options::default())
}

pub fn load_with(root: &Path, opts: &Options) -> Result<Loaded, LoadError> {
    let root = root
        .canonicalize()
        .map_err(|e| LoadError::Root(root.to_path_buf(), e))?;
    let claims_dir = root.join("claims");
    if !claims_dir.is_dir() {
        return Err(LoadError::NoClaimsDir(root));
    }
    if !inside_root(&root, &claims_dir) {
        return Err(LoadError::ClaimsOutside(claims_dir));
    }
    let mut findings = Vec::new();
    let started = std::time::Instant::now();
    let files = claim_files(&root, &claims_dir, &mut findings);
    // Phases A and B: the vocabularies and every claim file, parsed in parallel; each file's
    // text is dropped once parsed. A large entity list is one YAML file, so it is parsed
    // beside the claim files rather than before them.
    let ((props, ents, accepted, scopes, rates), parsed) = rayon::join(
        || {
            let props = load_vocab::<PropertiesFile>(
                &root,
                &claims_dir.join(PROPERTIES_FILE),
                &mut findings,
                recover_properties,
            );
            let mut ents = load_vocab::<EntitiesFile>(
                &root,
                &claims_dir.join(ENTITIES_FILE),
                &mut findings,
                recover_entities,
            )
            .map(|(name, e, offsets)| entity_defs(&name, e, &offsets))
            .unwrap_or_default();
            ents.extend(load_entity_lines(
                &root,
                &claims_dir.join(ENTITIES_JSONL),
                &mut findings,
            ));
            let accepted = load_vocab::<yaml::AcceptedFile>(
                &root,
                &claims_dir.join(ACCEPTED_FILE),
                &mut findings,
                no_recovery,
            );
            let scopes = vocabulary::load_scopes(&root, &claims_dir, &mut findings);
            let rates = vocabulary::load_rates(&root, &claims_dir, &mut findings);
            (props, ents, accepted, scopes, rates)
        },
        || -> Vec<FileOut> {
            files
                .par_iter()
                .map(|p| {
                    if extension(p) == Some("jsonl") {
                        parse_jsonl_file(&root, p)
                    } else {
                        parse_yaml_file(&root, p)
                    }
                })
                .collect()
        },
    );
    let quotes_optional = props.as_ref().is_some_and(|(_, p, _)| p.quotes_optional);
    let accepted = accepted
        .map(|(name, f, _)| {
            f.accepted
                .into_iter()
                .map(|e| Accepted {
                    loc: yaml::loc(&name, &e),
                    fingerprint: e.value.fingerprint.trim().to_string(),
                    reason: e.value.reason.trim().to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    let date_order = props.as_ref().and_then(|(_, p, _)| p.date_order);
    let mut dossier = Dossier {
        quotes_optional,
        date_order,
        scopes: scopes.scopes,
        only_declared_scopes: scopes.only_declared,
        rates,
        ..Dossier::default()
    };
    if let Some((name, p, offsets)) = props {
        dossier.properties = p
            .properties
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let loc = shifted(yaml::loc(&name, &r), offsets.get(i).copied().unwrap_or(0));
                let r = r.value;
                let id = r.id.value.trim().to_string();
                let unit_loc = r.unit.as_ref().map(|u| yaml::loc(&name, u));
                let p = PropertyDef {
                    name: r.name.unwrap_or_else(|| id.clone()),
                    id,
                    aliases: r.aliases.into_iter().map(|a| a.value).collect(),
                    kind: r.kind,
                    unit: r.unit.map(|u| u.value),
                    single_valued: r.single_valued,
                    temporal: r.temporal,
                    tolerance: r.tolerance.filter(|t| t.is_finite() && *t >= 0.0),
                    description: r.description,
                    loc,
                };
                findings.extend(vocabulary::check_unit(&p, unit_loc.as_ref()));
                p
            })
            .collect();
    }
    dossier.entities = ents;
    findings.extend(part_of_cycles(&dossier.entities));

    // Phase C: sources first (every file), then claims, which may name a source of another file.
    let mut stats = LoadStats {
        files: files.len(),
        ..LoadStats::default()
    };
    stats.timings[0] = ("parse", started.elapsed());
    let started = std::time::Instant::now();
    let mut by_id: HashMap<String, u32> = HashMap::new();
    let total_claims: usize = parsed.iter().map(|f| f.claims.len()).sum();
    dossier.claims.reserve_exact(total_claims);
    let mut local: Vec<Vec<Option<u32>>> = Vec::with_capacity(parsed.len());
    let mut file_claims = Vec::with_capacity(parsed.len());
    let mut file_names = Vec::with_capacity(parsed.len());
    let mut incomplete = Incomplete::default();
    let mut partial_files: Vec<Arc<str>> = Vec::new();
    for f in parsed {
        if f.partial {
            incomplete
                .sources
                .extend(f.sources.iter().map(|s| s.id.clone()));
            partial_files.extend(f.sources.iter().map(|s| s.loc.file.clone()));
        }
        findings.extend(f.findings);
        let mut mine = Vec::with_capacity(f.sources.len());
        for source in f.sources {
            if let Some(&prev) = by_id.get(&source.id) {
                findings.push(
                    finding(
                        Rule::DuplicateId,
                        Some(source.loc.clone()),
                        format!("source id `{}` is already declared", source.id),
                        format!("duplicate-id:source:{}", source.id),
                    )
                    .with_related(
                        dossier.sources[prev as usize].loc.clone(),
                        "first declared here",
                    ),
                );
                mine.push(None);
                continue;
            }
            let idx = u32::try_from(dossier.sources.len()).unwrap_or(u32::MAX);
            by_id.insert(source.id.clone(), idx);
            dossier.sources.push(source);
            mine.push(Some(idx));
        }
        local.push(mine);
        file_claims.push(f.claims);
        file_names.push(f.source_names);
    }
    for (fi, (claims, names)) in file_claims.into_iter().zip(file_names).enumerate() {
        // Each name a file's claims use is looked up once.
        let named: Vec<Option<u32>> = names.iter().map(|n| by_id.get(n).copied()).collect();
        let source_of = |r: &SourceRef| match *r {
            SourceRef::Local(i) => local[fi].get(i).copied().flatten(),
            SourceRef::Named(k) => named.get(k as usize).copied().flatten(),
        };
        if claims.iter().all(|p| source_of(&p.source).is_some()) {
            // The common case: every claim is kept, so the file's claims are moved into
            // place by both cores at once.
            dossier.claims.par_extend(claims.into_par_iter().map(|p| {
                let mut claim = p.claim;
                claim.source = source_of(&p.source).unwrap_or(0);
                claim
            }));
            continue;
        }
        for p in claims {
            let Some(idx) = source_of(&p.source) else {
                if let SourceRef::Named(k) = p.source {
                    let id = names.get(k as usize).map_or("", String::as_str);
                    findings.push(finding(
                        Rule::UnknownSource,
                        Some(p.claim.locs.claim()),
                        format!("claim `{}` names source `{id}`, which is not declared (in a YAML claim file or claims/{SOURCES_JSONL})", p.claim.id),
                        format!("unknown-source:{id}:{}", p.claim.id),
                    ));
                }
                continue;
            };
            let mut claim = p.claim;
            claim.source = idx;
            dossier.claims.push(claim);
        }
    }
    for s in &dossier.sources {
        for d in &s.derived_from {
            if !by_id.contains_key(d) {
                findings.push(finding(
                    Rule::UnknownSource,
                    Some(s.loc.clone()),
                    format!(
                        "source `{}` is derived from `{d}`, which is not declared",
                        s.id
                    ),
                    format!("unknown-source:{}:{d}", s.id),
                ));
            }
        }
    }

    incomplete.unknown = findings.iter().any(|f| {
        f.rule.is_input_error()
            && !f
                .loc
                .as_ref()
                .is_some_and(|l| partial_files.contains(&l.file))
    });
    stats.timings[1] = ("assemble", started.elapsed());
    let started = std::time::Instant::now();
    // Phase D: each seed read and folded once, its claims' quotes checked, then dropped.
    let mut per_source: Vec<Vec<u32>> = vec![Vec::new(); dossier.sources.len()];
    for (ci, c) in dossier.claims.iter().enumerate() {
        per_source[c.source as usize].push(u32::try_from(ci).unwrap_or(u32::MAX));
    }
    let seeds: Vec<SeedOut> = dossier
        .sources
        .par_iter()
        .zip(per_source.par_iter())
        .map(|(s, claims)| check_seed(&root, &dossier, s, claims, opts))
        .collect();
    let mut quote_contexts = HashMap::new();
    let mut sketches = Vec::with_capacity(seeds.len());
    for so in seeds {
        findings.extend(so.findings);
        stats.seeds += usize::from(so.seed_read);
        stats.quotes_checked += so.quotes_checked;
        quote_contexts.extend(so.contexts);
        sketches.push(so.sketch);
    }
    stats.timings[2] = ("seeds", started.elapsed());
    Ok(Loaded {
        root,
        dossier,
        findings,
        quote_contexts,
        sketches,
        accepted,
        stats,
        incomplete,
    })
}

/// How to write the dossier root `dir` (as given on the command line) before its files' names
/// so that they are relative to the current directory `cwd`: empty for the current
/// directory, `mydossier/` for a subfolder, `../x/` when it is beside, the absolute path when
/// it is elsewhere. Always ends with `/` unless empty.
pub fn display_prefix(dir: &Path, cwd: Option<&Path>) -> String {
    let relative = if dir.is_absolute() {
        let real = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        match cwd.and_then(|c| c.canonicalize().ok()) {
            Some(c) => relative_to(&real, &c).unwrap_or(real),
            None => real,
        }
    } else {
        dir.to_path_buf()
    };
    let mut parts: Vec<String> = Vec::new();
    for c in relative.components() {
        match c {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    if parts.is_empty() {
        return String::new();
    }
    if parts == [""] {
        return "/".into();
    }
    format!("{}/", parts.join("/"))
}

/// `target` as seen from `base` (both absolute): `sub/dir`, `..`, `../other`; `None` when
/// they share nothing but the filesystem root, where the absolute path reads better.
fn relative_to(target: &Path, base: &Path) -> Option<PathBuf> {
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common <= 1 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

/// The dossier root's path from the enclosing git repository's root, with a trailing `/`
/// (empty when the dossier is the repository root or not in one), so that CI formats can
/// give repository-relative paths.
pub fn repo_prefix(root: &Path) -> String {
    let mut dir = Some(root);
    while let Some(d) = dir {
        if d.join(".git").exists() {
            let rel = root.strip_prefix(d).unwrap_or(Path::new(""));
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            return if parts.is_empty() {
                String::new()
            } else {
                format!("{}/", parts.join("/"))
            };
        }
        dir = d.parent();
    }
    String::new()
}

/// Reads lines of dossier files on demand for diagnostics, one file at a time, and only
/// files that have something to show.
pub struct FileLines {
    root: PathBuf,
    /// Lines read ahead for a known set of findings: file -> line -> text.
    wanted: HashMap<Arc<str>, HashMap<u32, String>>,
    cache: std::sync::Mutex<LineCache>,
}

/// Files read so far, each with when it was last used. Findings of one file come together
/// but point at lines of others, so files are kept until a byte budget is spent, then the
/// least recently used are dropped.
#[derive(Default)]
struct LineCache {
    files: HashMap<Arc<str>, (u64, Option<Arc<LineText>>)>,
    clock: u64,
    bytes: usize,
}

const FILE_LINES_BUDGET: usize = 512 * 1024 * 1024;

/// One file's text with the byte offset where each line starts.
struct LineText {
    text: String,
    starts: Vec<usize>,
}

impl LineText {
    fn new(text: String) -> LineText {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineText { text, starts }
    }

    fn line(&self, line: u32) -> Option<&str> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let end = self.starts.get(i + 1).map_or(self.text.len(), |&e| e - 1);
        if start > end {
            return None;
        }
        Some(self.text[start..end].trim_end_matches('\r'))
    }

    fn size(&self) -> usize {
        self.text.len() + self.starts.len() * std::mem::size_of::<usize>()
    }
}

impl FileLines {
    pub fn new(root: &Path) -> FileLines {
        FileLines {
            root: root.to_path_buf(),
            wanted: HashMap::new(),
            cache: std::sync::Mutex::new(LineCache::default()),
        }
    }

    /// Reads, once per file and in parallel, just the lines these findings point at (their
    /// own and their related places), so that showing them keeps only those lines in memory
    /// rather than whole claim files.
    pub fn for_findings(root: &Path, findings: &[Finding]) -> FileLines {
        let mut per_file: HashMap<Arc<str>, Vec<u32>> = HashMap::new();
        for f in findings {
            for loc in f.loc.iter().chain(f.related.iter().map(|r| &r.loc)) {
                per_file.entry(loc.file.clone()).or_default().push(loc.line);
            }
        }
        let files: Vec<(Arc<str>, Vec<u32>)> = per_file
            .into_iter()
            .map(|(file, mut lines)| {
                lines.sort_unstable();
                lines.dedup();
                (file, lines)
            })
            .collect();
        let mut lines = FileLines::new(root);
        lines.wanted = files
            .par_iter()
            .map(|(file, wanted)| {
                let text = lines.read(file);
                let found = wanted
                    .iter()
                    .filter_map(|&l| Some((l, text.as_ref()?.line(l)?.to_string())))
                    .collect();
                (file.clone(), found)
            })
            .collect();
        lines
    }

    fn read(&self, file: &str) -> Option<Arc<LineText>> {
        // Same guards as loading: nothing outside the root, nothing oversized.
        let path = resolve_seed(&self.root, file).ok()?;
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > MAX_CLAIM_FILE_BYTES {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        Some(Arc::new(LineText::new(text)))
    }
}

impl crate::model::LineSource for FileLines {
    fn line(&self, file: &str, line: u32) -> Option<String> {
        if let Some(text) = self.wanted.get(file).and_then(|f| f.get(&line)) {
            return Some(text.clone());
        }
        let mut cache = self.cache.lock().ok()?;
        cache.clock += 1;
        let now = cache.clock;
        if let Some(entry) = cache.files.get_mut(file) {
            entry.0 = now;
            let text = entry.1.clone()?;
            return text.line(line).map(str::to_string);
        }
        let text = self.read(file);
        let size = text.as_ref().map_or(0, |t| t.size());
        while cache.bytes + size > FILE_LINES_BUDGET && !cache.files.is_empty() {
            let oldest = cache
                .files
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(f, _)| f.clone());
            let Some(oldest) = oldest else { break };
            if let Some((_, Some(t))) = cache.files.remove(&oldest) {
                cache.bytes -= t.size();
            }
        }
        cache.bytes += size;
        cache.files.insert(Arc::from(file), (now, text.clone()));
        text?.line(line).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_paths_must_stay_inside() {
        let root = std::env::temp_dir();
        assert!(
            resolve_seed(&root, "../etc/passwd")
                .unwrap_err()
                .contains("..")
        );
        assert!(
            resolve_seed(&root, "/etc/passwd")
                .unwrap_err()
                .contains("absolute")
        );
        assert!(resolve_seed(&root, "seeds/ok.txt").is_ok());
        assert!(resolve_seed(&root, "").is_err());
    }

    #[test]
    fn an_overlong_json_line_is_reported_and_skipped_unheld() {
        use std::io::Read;
        let long = std::io::repeat(b'x').take(MAX_CLAIM_FILE_BYTES + 10);
        let reader =
            std::io::BufReader::new(b"{\"a\":1}\n".chain(long).chain(&b"\n{\"b\":2}\n"[..]));
        let name: Arc<str> = Arc::from("claims/x.jsonl");
        let mut findings = Vec::new();
        let mut seen = Vec::new();
        each_json_line(&name, reader, &mut findings, |line, n, _| {
            seen.push((n, line.to_string()))
        });
        assert_eq!(
            seen,
            vec![(1, "{\"a\":1}".to_string()), (3, "{\"b\":2}".to_string())]
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, Rule::FileTooLarge);
        assert!(findings[0].message.contains("line 2 of claims/x.jsonl"));
    }

    #[test]
    fn json_columns_count_characters_up_to_the_key() {
        let line = r#"{"id":"c1","value":"é \"subject\"","subject":"x"}"#;
        let keys = KeyColumns::new(["id", "value", "subject", "quote"]);
        assert_eq!(keys.column(line, 0), 2);
        assert_eq!(keys.column(line, 1), 12);
        // The key, not an earlier value that happens to contain its name in quotes.
        let key_at = line.rfind("\"subject\"").unwrap();
        assert_eq!(
            keys.column(line, 2),
            line[..key_at].chars().count() as u32 + 1
        );
        assert_eq!(keys.column(line, 3), 1);
        assert_eq!(
            keys.columns::<4>(line),
            [2, 12, line[..key_at].chars().count() as u32 + 1, 1]
        );
    }

    #[test]
    fn display_prefixes_are_relative_to_the_current_directory() {
        assert_eq!(display_prefix(Path::new("."), None), "");
        assert_eq!(display_prefix(Path::new("mydossier"), None), "mydossier/");
        assert_eq!(display_prefix(Path::new("./a/b/"), None), "a/b/");
        assert_eq!(display_prefix(Path::new("../x"), None), "../x/");
        let here = std::env::temp_dir().canonicalize().unwrap();
        assert_eq!(display_prefix(&here, Some(&here)), "");
        let inner = here.join("corroborate-prefix-test");
        std::fs::create_dir_all(&inner).unwrap();
        assert_eq!(
            display_prefix(&inner, Some(&here)),
            "corroborate-prefix-test/"
        );
        assert_eq!(display_prefix(&here, Some(&inner)), "../");
    }

    #[test]
    fn file_lines_gives_each_line_without_its_ending() {
        let t = LineText::new("one\r\ntwo\n\nfour".to_string());
        assert_eq!(t.line(1), Some("one"));
        assert_eq!(t.line(2), Some("two"));
        assert_eq!(t.line(3), Some(""));
        assert_eq!(t.line(4), Some("four"));
        assert_eq!(t.line(5), None);
        assert_eq!(t.line(0), None);
    }

    #[test]
    fn sentence_context_is_cut_at_sentence_ends() {
        let text = "First one. The attack claimed over 90 lives. Next.";
        let start = text.find("over 90").unwrap();
        let ctx = sentence_around(text, start, start + 7, 1);
        assert_eq!(ctx.sentence, "The attack claimed over 90 lives.");
        assert_eq!(&ctx.sentence[ctx.start..ctx.end], "over 90");
    }
}
