//! From a claim file's records to sources and claims: the YAML glue (errors worded for the
//! file's author), the fields every format shares (empty values, dates), and a parse of
//! bytes for fuzzing.

use super::MAX_CLAIM_FILE_BYTES;
use super::files::{read_text, rel_name};
use super::findings::FieldProblem;
use super::recover::place_missing_field;
use super::recover::recover_claims;
use super::stream::parse_jsonl_lines;
use super::yaml::{self, SourceFile};
use crate::model::record::{ClaimRecord, EntityRecord, SourceHeader};
use crate::model::{
    Claim, ClaimLocs, Date, EntityDef, Finding, Fingerprint, Loc, Problem, Published, Rule, Source,
};
use std::path::Path;
use std::sync::Arc;

/// Turns a YAML parse or schema error into a finding at its position.
pub(super) fn yaml_finding(name: &Arc<str>, err: &serde_saphyr::Error) -> Finding {
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
    Fingerprint::new(rule)
        .part(name)
        .finding(Some(loc), message)
        .with_help(rule.fix())
}

/// `unknown field `valeu`, expected one of ...` (or `unknown variant` for a value such as a
/// property's `kind`) gets a "did you mean" from the names the parser lists (serde-saphyr and serde_json word the list alike, with or without backticks).
pub(super) fn with_field_hint(message: String) -> String {
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
pub(super) fn strip_location_suffix(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg).trim();
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

/// A claim before its source is known to exist (JSON Lines claims name it by id).
pub(super) struct Pending {
    pub(super) source: SourceRef,
    pub(super) claim: Claim,
}

pub(super) enum SourceRef {
    /// The n-th source declared in the same file (YAML: the file's own source).
    Local(usize),
    /// The n-th of the file's `source_names` (JSON Lines claims name their source by id).
    Named(u32),
}

/// Everything parsed out of one file.
#[derive(Default)]
pub(super) struct FileOut {
    pub(super) sources: Vec<Source>,
    pub(super) claims: Vec<Pending>,
    /// The source ids that claims of this file name, each once.
    pub(super) source_names: Vec<String>,
    pub(super) findings: Vec<Finding>,
    /// Some claims of the file could not be read; the rest were.
    pub(super) partial: bool,
}

#[allow(clippy::result_large_err)]
pub(super) fn parse_published(t: &str, loc: Loc, name: &str) -> Result<Published, Finding> {
    let t = t.trim();
    if t.eq_ignore_ascii_case("unknown") {
        return Ok(Published::Unknown);
    }
    Date::parse_iso(t).map(Published::On).ok_or_else(|| {
        FieldProblem::BadPublished {
            file: name,
            value: t,
        }
        .finding(Some(loc))
    })
}

/// An entity of the vocabulary from its record (an `entities.yaml` entry or an
/// `entities.jsonl` line); unnamed, it is called by its id.
pub(super) fn entity_def(r: EntityRecord, loc: Loc) -> EntityDef {
    let id = r.id.trim().to_string();
    EntityDef {
        name: r.name.unwrap_or_else(|| id.clone()),
        id,
        aliases: r.aliases,
        kind: r.kind,
        part_of: r.part_of,
        party: r.party,
        loc,
    }
}

/// Where a source header and its fields are, for diagnostics (YAML spans, or the columns of
/// a JSON line's keys).
pub(super) struct HeaderLocs {
    pub(super) header: Loc,
    pub(super) id: Loc,
    pub(super) title: Loc,
    pub(super) publisher: Loc,
    pub(super) published: Loc,
    /// Only when the header has a text.
    pub(super) text: Option<Loc>,
}

pub(super) fn make_source(
    h: SourceHeader,
    at: HeaderLocs,
    name: &Arc<str>,
    findings: &mut Vec<Finding>,
) -> Source {
    let published = match parse_published(&h.published.0, at.published, name) {
        Ok(p) => p,
        Err(f) => {
            findings.push(f);
            Published::Unknown
        }
    };
    for (field, value, loc) in [
        ("id", &h.id, &at.id),
        ("title", &h.title, &at.title),
        ("publisher", &h.publisher, &at.publisher),
    ] {
        if value.trim().is_empty() {
            findings.push(
                FieldProblem::EmptySourceField { file: name, field }.finding(Some(loc.clone())),
            );
        }
    }
    Source {
        id: trimmed(h.id),
        title: trimmed(h.title),
        publisher: trimmed(h.publisher),
        published,
        text_loc: h.text.as_ref().and(at.text),
        text: h.text,
        url: h.url,
        derived_from: h.derived_from.into_iter().map(trimmed).collect(),
        note: opt_trimmed(h.note),
        loc: at.header,
    }
}

/// `s` without surrounding whitespace, reusing its allocation when there is none.
pub(super) fn trimmed(s: String) -> String {
    let t = s.trim();
    if t.len() == s.len() { s } else { t.to_string() }
}

pub(super) fn opt_trimmed(s: Option<String>) -> Option<String> {
    s.map(trimmed).filter(|t| !t.is_empty())
}

/// A claim from its record; `as_of` is where its `as_of` is, when it has one. Each string is
/// moved out of the record, so it is allocated once.
pub(super) fn make_claim(
    c: ClaimRecord,
    locs: ClaimLocs,
    as_of: Option<Loc>,
    source_hint: &str,
    findings: &mut Vec<Finding>,
) -> Claim {
    let id = trimmed(c.id.0);
    let subject = trimmed(c.subject);
    let property = trimmed(c.property);
    let value = trimmed(c.value.0);
    // The location is only built for a finding: this runs for every claim.
    type Place = fn(&ClaimLocs) -> Loc;
    for (field, v, place) in [
        ("id", &id, ClaimLocs::claim as Place),
        ("subject", &subject, ClaimLocs::subject),
        ("property", &property, ClaimLocs::property),
        ("value", &value, ClaimLocs::value),
    ] {
        if v.is_empty() {
            findings.push(
                FieldProblem::EmptyClaimField {
                    source: source_hint,
                    claim: &id,
                    field,
                }
                .finding(Some(place(&locs))),
            );
        }
    }
    if let Some(a) = &c.as_of
        && Date::parse_iso(&a.0).is_none()
    {
        findings.push(
            FieldProblem::BadAsOf {
                source: source_hint,
                claim: &id,
                value: &a.0,
            }
            .finding(Some(as_of.unwrap_or_else(|| locs.claim()))),
        );
    }
    Claim {
        id,
        source: 0,
        subject,
        property,
        value,
        quote: c.quote,
        scope: opt_trimmed(c.scope),
        as_of: c.as_of.map(|a| trimmed(a.0)),
        attribution: opt_trimmed(c.attribution),
        hedge: c.hedge.unwrap_or_default(),
        negated: c.negated,
        earlier: c.earlier,
        note: opt_trimmed(c.note),
        locs,
    }
}

/// Phase A: one YAML claim file, its source and its claims.
pub(super) fn parse_yaml_file(root: &Path, path: &Path) -> FileOut {
    let name = rel_name(root, path);
    match read_text(path, &name, MAX_CLAIM_FILE_BYTES) {
        Ok(text) => parse_yaml_text(&name, text),
        Err(f) => FileOut {
            findings: vec![f],
            ..FileOut::default()
        },
    }
}

/// `loc` moved down `offset` lines: from a piece of a file to the file.
pub(super) fn shifted(mut loc: Loc, offset: u32) -> Loc {
    loc.line = loc.line.saturating_add(offset);
    loc
}

/// Parses the text of a YAML claim file named `name` (no filesystem access).
pub(super) fn parse_yaml_text(name: &Arc<str>, text: String) -> FileOut {
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
    let h = parsed.source.value;
    let at = HeaderLocs {
        header: header_loc,
        id: yaml::loc(&name, &h.id),
        title: yaml::loc(&name, &h.title),
        publisher: yaml::loc(&name, &h.publisher),
        published: yaml::loc(&name, &h.published),
        text: h.text.as_ref().map(|t| yaml::loc(&name, t)),
    };
    let header = SourceHeader {
        id: h.id.value,
        title: h.title.value,
        publisher: h.publisher.value,
        published: h.published.value,
        text: h.text.map(|t| t.value),
        url: h.url,
        derived_from: h.derived_from.into_iter().map(|d| d.value).collect(),
        note: h.note,
    };
    let source = make_source(header, at, &name, &mut out.findings);
    let hint = source.id.clone();
    out.sources.push(source);
    for (i, rec) in parsed.claims.into_iter().enumerate() {
        // Claims read one by one (after an error) carry their distance from the file's top.
        let offset = offsets.get(i).copied().unwrap_or(0);
        let at = |loc: Loc| shifted(loc, offset);
        let claim_loc = at(yaml::loc(&name, &rec));
        let r: yaml::ClaimRecord = rec.value;
        let locs = ClaimLocs::from_locs([
            claim_loc.clone(),
            at(yaml::loc(&name, &r.subject)),
            at(yaml::loc(&name, &r.property)),
            at(yaml::loc(&name, &r.value)),
            r.quote
                .as_ref()
                .map_or(claim_loc, |q| at(yaml::loc(&name, q))),
        ]);
        let as_of_loc = r.as_of.as_ref().map(|a| at(yaml::loc(&name, a)));
        let record = ClaimRecord {
            id: r.id.value,
            subject: r.subject.value,
            property: r.property.value,
            value: r.value.value,
            quote: r.quote.map(|q| q.value),
            scope: r.scope,
            as_of: r.as_of.map(|a| a.value),
            attribution: r.attribution,
            hedge: r.hedge,
            negated: r.negated,
            earlier: r.earlier,
            note: r.note,
        };
        let claim = make_claim(record, locs, as_of_loc, &hint, &mut out.findings);
        out.claims.push(Pending {
            source: SourceRef::Local(0),
            claim,
        });
    }
    out
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
