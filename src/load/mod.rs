//! Reading a dossier from disk: claim files, vocabularies and seed texts, with path safety,
//! size limits and quote provenance.
//!
//! Each claim file is read, parsed and checked against its seed in one pass (in parallel
//! across files), and its raw text is dropped afterwards, so memory holds the claims, not
//! the files.

pub mod provenance;
pub mod schema;
pub mod yaml;

use crate::model::{
    Claim, ClaimLocs, Date, Dossier, EntityDef, Finding, Loc, PropertyDef, Published, Related,
    Rule, Source,
};
use provenance::FoldedText;
use rayon::prelude::*;
use serde_saphyr::Spanned;
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

/// Reasons the dossier as a whole cannot be read (exit 2).
#[derive(Debug)]
pub enum LoadError {
    Root(PathBuf, std::io::Error),
    NoClaimsDir(PathBuf),
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
        }
    }
}

impl std::error::Error for LoadError {}

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
}

/// One entry of the acknowledged-findings file.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub fingerprint: String,
    pub reason: String,
    pub loc: Loc,
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

#[derive(Debug, Clone, Copy, Default)]
pub struct LoadStats {
    pub files: usize,
    pub seeds: usize,
    pub quotes_checked: usize,
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
    let rule = if [
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
        && !lower.contains("while scanning")
        && !lower.contains("while parsing")
    {
        Rule::Schema
    } else {
        Rule::YamlSyntax
    };
    let loc = Loc::new(
        name,
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    );
    let mut f = finding(rule, Some(loc), message, format!("{}:{name}", rule.code()));
    f.help = Some(rule.fix().to_string());
    f
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

/// Everything parsed out of one claim file.
struct FileResult {
    source: Option<Source>,
    claims: Vec<Claim>,
    findings: Vec<Finding>,
    contexts: Vec<(usize, QuoteContext)>,
    sketch: Option<Vec<u64>>,
    seed_read: bool,
    quotes_checked: usize,
}

fn opt_text(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

#[allow(clippy::result_large_err)]
fn parse_published(name: &Arc<str>, s: &Spanned<yaml::Text>) -> Result<Published, Finding> {
    let t = s.value.0.trim();
    if t.eq_ignore_ascii_case("unknown") {
        return Ok(Published::Unknown);
    }
    Date::parse_iso(t).map(Published::On).ok_or_else(|| {
        finding(
            Rule::BadDate,
            Some(yaml::loc(name, s)),
            format!("`published: {t}` is not a valid date"),
            format!("invalid-date:{name}:{t}"),
        )
    })
}

fn load_source_file(root: &Path, path: &Path, quotes_optional: bool) -> FileResult {
    let name = rel_name(root, path);
    let mut out = FileResult {
        source: None,
        claims: Vec::new(),
        findings: Vec::new(),
        contexts: Vec::new(),
        sketch: None,
        seed_read: false,
        quotes_checked: 0,
    };
    let text = match read_text(path, &name, MAX_CLAIM_FILE_BYTES) {
        Ok(t) => t,
        Err(f) => {
            out.findings.push(f);
            return out;
        }
    };
    // Each claim is ~15 nodes; the budget grows with the file instead of capping it.
    let max_nodes = 10_000 + text.len() / 4;
    let parsed: SourceFile =
        match serde_saphyr::from_str_with_options(&text, yaml::options(max_nodes)) {
            Ok(p) => p,
            Err(e) => {
                out.findings.push(yaml_finding(&name, &e));
                return out;
            }
        };
    drop(text);
    let header_loc = yaml::loc(&name, &parsed.source);
    let header = parsed.source.value;
    let published = match parse_published(&name, &header.published) {
        Ok(p) => p,
        Err(f) => {
            out.findings.push(f);
            Published::Unknown
        }
    };
    let source_id = header.id.value.trim().to_string();
    for (field, value) in [
        ("id", &header.id),
        ("title", &header.title),
        ("publisher", &header.publisher),
    ] {
        if value.value.trim().is_empty() {
            out.findings.push(finding(
                Rule::EmptyValue,
                Some(yaml::loc(&name, value)),
                format!("the source's `{field}` is empty"),
                format!("empty:{name}:source.{field}"),
            ));
        }
    }
    let source = Source {
        id: source_id.clone(),
        title: header.title.value.trim().to_string(),
        publisher: header.publisher.value.trim().to_string(),
        published,
        text: header.text.as_ref().map(|t| t.value.clone()),
        url: header.url.clone(),
        derived_from: header
            .derived_from
            .iter()
            .map(|d| d.value.trim().to_string())
            .collect(),
        note: opt_text(&header.note),
        loc: header_loc.clone(),
    };

    // Resolve and read the seed once for all of this source's claims.
    let mut seed: Option<FoldedText> = None;
    let mut raw_seed: Option<String> = None;
    if let Some(t) = &header.text {
        let tloc = yaml::loc(&name, t);
        match resolve_seed(root, &t.value) {
            Err(why) => {
                let mut f = finding(
                    Rule::UnsafePath,
                    Some(tloc),
                    why,
                    format!("unsafe-path:{source_id}:{}", t.value),
                );
                f.help = Some(Rule::UnsafePath.fix().into());
                out.findings.push(f);
            }
            Ok(p) => {
                let seed_name: Arc<str> = Arc::from(t.value.as_str());
                match std::fs::metadata(&p) {
                    Err(_) => out.findings.push(finding(
                        Rule::SeedMissing,
                        Some(tloc),
                        format!("seed text `{}` does not exist", t.value),
                        format!("seed-missing:{source_id}:{}", t.value),
                    )),
                    Ok(m) if !m.is_file() => out.findings.push(finding(
                        Rule::SeedMissing,
                        Some(tloc),
                        format!("seed text `{}` is not a regular file", t.value),
                        format!("seed-missing:{source_id}:{}", t.value),
                    )),
                    Ok(_) => match read_text(&p, &seed_name, MAX_SEED_BYTES) {
                        Ok(s) => {
                            seed = Some(FoldedText::new(&s));
                            raw_seed = Some(s);
                            out.seed_read = true;
                        }
                        Err(mut f) => {
                            // The problem is in the seed, but the fix starts at the claim file.
                            f.related.push(Related {
                                loc: tloc,
                                message: "the seed named here".into(),
                            });
                            out.findings.push(f);
                        }
                    },
                }
            }
        }
    } else if !quotes_optional {
        out.findings.push(finding(
            Rule::SeedMissing,
            Some(header_loc.clone()),
            format!("source `{source_id}` names no `text:` file, so its quotes cannot be checked"),
            format!("seed-missing:{source_id}:"),
        ));
    }
    if let Some(s) = &seed {
        out.sketch = Some(provenance::sketch(&s.folded));
    }

    for rec in parsed.claims {
        let claim_loc = yaml::loc(&name, &rec);
        let r: ClaimRecord = rec.value;
        let id = r.id.value.0.trim().to_string();
        for (field, v, l) in [
            ("id", r.id.value.0.as_str(), yaml::loc(&name, &r.id)),
            (
                "subject",
                r.subject.value.as_str(),
                yaml::loc(&name, &r.subject),
            ),
            (
                "property",
                r.property.value.as_str(),
                yaml::loc(&name, &r.property),
            ),
            (
                "value",
                r.value.value.0.as_str(),
                yaml::loc(&name, &r.value),
            ),
        ] {
            if v.trim().is_empty() {
                out.findings.push(finding(
                    Rule::EmptyValue,
                    Some(l),
                    format!("claim `{id}` has an empty `{field}`"),
                    format!("empty:{source_id}:{id}:{field}"),
                ));
            }
        }
        let quote_loc = r
            .quote
            .as_ref()
            .map_or(claim_loc.clone(), |q| yaml::loc(&name, q));
        let claim = Claim {
            id: id.clone(),
            source: 0,
            subject: r.subject.value.trim().to_string(),
            property: r.property.value.trim().to_string(),
            value: r.value.value.0.trim().to_string(),
            quote: r.quote.as_ref().map(|q| q.value.clone()),
            scope: opt_text(&r.scope),
            as_of: r.as_of.as_ref().map(|a| a.value.0.trim().to_string()),
            attribution: opt_text(&r.attribution),
            hedge: r.hedge.unwrap_or_default(),
            negated: r.negated,
            note: opt_text(&r.note),
            locs: ClaimLocs {
                claim: claim_loc.clone(),
                subject: yaml::loc(&name, &r.subject),
                property: yaml::loc(&name, &r.property),
                value: yaml::loc(&name, &r.value),
                quote: quote_loc.clone(),
            },
        };
        if let Some(a) = &r.as_of
            && Date::parse_iso(&a.value.0).is_none()
        {
            out.findings.push(finding(
                Rule::BadDate,
                Some(yaml::loc(&name, a)),
                format!("`as_of: {}` is not a valid date", a.value.0),
                format!("invalid-date:{source_id}:{id}"),
            ));
        }
        match (&claim.quote, &seed) {
            (None, _) if !quotes_optional => {
                let mut f = finding(
                    Rule::MissingQuote,
                    Some(claim_loc.clone()),
                    format!("claim `{id}` has no `quote`"),
                    format!("missing-quote:{source_id}:{id}"),
                );
                f.help = Some(Rule::MissingQuote.fix().into());
                out.findings.push(f);
            }
            (Some(q), Some(s)) => {
                out.quotes_checked += 1;
                match s.find(q) {
                    Ok(found) => {
                        if let Some(raw) = &raw_seed {
                            out.contexts.push((
                                out.claims.len(),
                                sentence_around(
                                    raw,
                                    found.start,
                                    found.end,
                                    s.line_of(found.start),
                                ),
                            ));
                        }
                    }
                    Err(miss) => {
                        let seed_name = header.text.as_ref().map_or("", |t| t.value.as_str());
                        let mut f = finding(
                            Rule::QuoteNotFound,
                            Some(quote_loc.clone()),
                            format!("the quote of claim `{id}` does not occur in {seed_name}"),
                            format!("quote-not-found:{source_id}:{id}"),
                        );
                        f.help = Some(match miss.line {
                            Some(l) => {
                                format!("closest passage: {seed_name}:{l}: {}", miss.explanation)
                            }
                            None => miss.explanation,
                        });
                        out.findings.push(f);
                    }
                }
            }
            _ => {}
        }
        out.claims.push(claim);
    }
    out.source = Some(source);
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

fn load_vocab<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
    findings: &mut Vec<Finding>,
) -> Option<(Arc<str>, T)> {
    if !path.exists() {
        return None;
    }
    let name = rel_name(root, path);
    let text = match read_text(path, &name, MAX_CLAIM_FILE_BYTES) {
        Ok(t) => t,
        Err(f) => {
            findings.push(f);
            return None;
        }
    };
    let max_nodes = 10_000 + text.len() / 4;
    match serde_saphyr::from_str_with_options::<T>(&text, yaml::options(max_nodes)) {
        Ok(v) => Some((name, v)),
        Err(e) => {
            findings.push(yaml_finding(&name, &e));
            None
        }
    }
}

fn is_yaml(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("yaml") | Some("yml")
    )
}

/// Lists the claim files of `claims/`, refusing links that lead outside the root.
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
        if !is_yaml(&path)
            || fname.starts_with('.')
            || [ENTITIES_FILE, PROPERTIES_FILE, ACCEPTED_FILE].contains(&fname.as_ref())
        {
            continue;
        }
        let is_link = entry.file_type().map(|t| t.is_symlink()).unwrap_or(false);
        if is_link {
            let inside = path.canonicalize().is_ok_and(|p| p.starts_with(root));
            if !inside {
                let name = rel_name(root, &path);
                findings.push(finding(
                    Rule::UnsafePath,
                    Some(Loc::new(&name, 1, 1)),
                    format!("{name} is a symbolic link that leads outside the dossier root; it was not read"),
                    format!("unsafe-path:{name}"),
                ));
                continue;
            }
        }
        out.push(path);
    }
    out.sort();
    out
}

/// Loads the dossier rooted at `root`.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    let root = root
        .canonicalize()
        .map_err(|e| LoadError::Root(root.to_path_buf(), e))?;
    let claims_dir = root.join("claims");
    if !claims_dir.is_dir() {
        return Err(LoadError::NoClaimsDir(root));
    }
    let mut findings = Vec::new();
    let props =
        load_vocab::<PropertiesFile>(&root, &claims_dir.join(PROPERTIES_FILE), &mut findings);
    let ents = load_vocab::<EntitiesFile>(&root, &claims_dir.join(ENTITIES_FILE), &mut findings);
    let quotes_optional = props.as_ref().is_some_and(|(_, p)| p.quotes_optional);
    let accepted =
        load_vocab::<yaml::AcceptedFile>(&root, &claims_dir.join(ACCEPTED_FILE), &mut findings)
            .map(|(name, f)| {
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
    let mut dossier = Dossier {
        quotes_optional,
        ..Dossier::default()
    };
    if let Some((name, p)) = props {
        dossier.properties = p
            .properties
            .into_iter()
            .map(|r| {
                let loc = yaml::loc(&name, &r);
                let r = r.value;
                let id = r.id.value.trim().to_string();
                PropertyDef {
                    name: r.name.unwrap_or_else(|| id.clone()),
                    id,
                    aliases: r.aliases.into_iter().map(|a| a.value).collect(),
                    kind: r.kind,
                    unit: r.unit,
                    single_valued: r.single_valued,
                    temporal: r.temporal,
                    tolerance: r.tolerance.filter(|t| t.is_finite() && *t >= 0.0),
                    description: r.description,
                    loc,
                }
            })
            .collect();
    }
    if let Some((name, e)) = ents {
        dossier.entities = e
            .entities
            .into_iter()
            .map(|r| {
                let loc = yaml::loc(&name, &r);
                let r = r.value;
                let id = r.id.value.trim().to_string();
                EntityDef {
                    name: r.name.unwrap_or_else(|| id.clone()),
                    id,
                    aliases: r.aliases.into_iter().map(|a| a.value).collect(),
                    kind: r.kind,
                    part_of: r.part_of.into_iter().map(|a| a.value).collect(),
                    loc,
                }
            })
            .collect();
    }

    let files = claim_files(&root, &claims_dir, &mut findings);
    let results: Vec<FileResult> = files
        .par_iter()
        .map(|p| load_source_file(&root, p, quotes_optional))
        .collect();

    let mut stats = LoadStats {
        files: files.len(),
        ..LoadStats::default()
    };
    let mut quote_contexts = HashMap::new();
    let mut sketches = Vec::new();
    let mut first_by_id: HashMap<String, Loc> = HashMap::new();
    for r in results {
        findings.extend(r.findings);
        stats.seeds += usize::from(r.seed_read);
        stats.quotes_checked += r.quotes_checked;
        let Some(source) = r.source else { continue };
        if let Some(prev) = first_by_id.get(&source.id) {
            let mut f = finding(
                Rule::DuplicateId,
                Some(source.loc.clone()),
                format!("source id `{}` is already declared", source.id),
                format!("duplicate-id:source:{}", source.id),
            );
            f.related.push(Related {
                loc: prev.clone(),
                message: "first declared here".into(),
            });
            findings.push(f);
            continue;
        }
        first_by_id.insert(source.id.clone(), source.loc.clone());
        let idx = u32::try_from(dossier.sources.len()).unwrap_or(u32::MAX);
        let base = dossier.claims.len();
        let mut seen: HashMap<&str, &Loc> = HashMap::new();
        for c in &r.claims {
            if let Some(prev) = seen.insert(c.id.as_str(), &c.locs.claim) {
                let mut f = finding(
                    Rule::DuplicateId,
                    Some(c.locs.claim.clone()),
                    format!(
                        "claim id `{}` is used twice in source `{}`",
                        c.id, source.id
                    ),
                    format!("duplicate-id:claim:{}:{}", source.id, c.id),
                );
                f.related.push(Related {
                    loc: prev.clone(),
                    message: "first used here".into(),
                });
                findings.push(f);
            }
        }
        for (i, ctx) in r.contexts {
            quote_contexts.insert(u32::try_from(base + i).unwrap_or(u32::MAX), ctx);
        }
        dossier.claims.extend(r.claims.into_iter().map(|mut c| {
            c.source = idx;
            c
        }));
        dossier.sources.push(source);
        sketches.push(r.sketch);
    }
    for s in &dossier.sources {
        for d in &s.derived_from {
            if !first_by_id.contains_key(d) {
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
    Ok(Loaded {
        root,
        dossier,
        findings,
        quote_contexts,
        sketches,
        accepted,
        stats,
    })
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
    cache: std::sync::Mutex<HashMap<String, Option<Arc<Vec<String>>>>>,
}

impl FileLines {
    pub fn new(root: &Path) -> FileLines {
        FileLines {
            root: root.to_path_buf(),
            cache: std::sync::Mutex::new(HashMap::new()),
        }
    }
}

impl crate::report::diagnostics::LineSource for FileLines {
    fn line(&self, file: &str, line: u32) -> Option<String> {
        let mut cache = self.cache.lock().ok()?;
        let lines = cache
            .entry(file.to_string())
            .or_insert_with(|| {
                // Same guards as loading: nothing outside the root, nothing oversized.
                let path = resolve_seed(&self.root, file).ok()?;
                let meta = std::fs::metadata(&path).ok()?;
                if !meta.is_file() || meta.len() > MAX_CLAIM_FILE_BYTES {
                    return None;
                }
                let bytes = std::fs::read(&path).ok()?;
                let text = String::from_utf8_lossy(&bytes);
                Some(Arc::new(text.lines().map(str::to_string).collect()))
            })
            .clone()?;
        lines.get((line as usize).checked_sub(1)?).cloned()
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
    fn sentence_context_is_cut_at_sentence_ends() {
        let text = "First one. The attack claimed over 90 lives. Next.";
        let start = text.find("over 90").unwrap();
        let ctx = sentence_around(text, start, start + 7, 1);
        assert_eq!(ctx.sentence, "The attack claimed over 90 lives.");
        assert_eq!(&ctx.sentence[ctx.start..ctx.end], "over 90");
    }
}
