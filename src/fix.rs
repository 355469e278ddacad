//! `check --fix` and `--diff`: the fixes the tool can make without a person's judgement.
//!
//! - a subject, property or entity value that is not declared, when every suggestion names
//!   the same declared entry and the spelling is a few letters off (`Kerman atack`);
//! - a quote that is not found, when one passage of the seed differs from it by a few
//!   characters none of which is a digit (a changed figure may mean the value is wrong
//!   too, which is for a person to decide); the quote becomes the seed's passage;
//! - an acknowledgement that no longer matches anything, which is removed.
//!
//! Every fix is a text edit at the place the loader recorded, so comments, key order and
//! quoting style elsewhere survive. A fixed file is parsed again before it is written: if it
//! does not hold the same claims with only the fixed fields changed, it is left alone.

use crate::config::RulePolicy;
use crate::load::provenance::{FoldedText, fold};
use crate::load::{self, jsonl, yaml};
use crate::model::{Loc, Rule};
use crate::normalize::vocab::{Index, key};
use crate::pipeline::Analysis;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The claim field a fix replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Subject,
    Property,
    Value,
    Quote,
}

impl Field {
    pub fn key(self) -> &'static str {
        match self {
            Field::Subject => "subject",
            Field::Property => "property",
            Field::Value => "value",
            Field::Quote => "quote",
        }
    }
}

/// One fix for one finding.
#[derive(Debug, Clone, PartialEq)]
pub enum Fix {
    /// Replace the text of a claim's field.
    Replace {
        rule: Rule,
        loc: Loc,
        claim: String,
        field: Field,
        old: String,
        new: String,
    },
    /// Remove an entry of the acknowledged-findings file.
    RemoveAcknowledgement { loc: Loc, fingerprint: String },
}

impl Fix {
    pub fn loc(&self) -> &Loc {
        match self {
            Fix::Replace { loc, .. } | Fix::RemoveAcknowledgement { loc, .. } => loc,
        }
    }
    /// One line saying what the fix does.
    pub fn describe(&self) -> String {
        match self {
            Fix::Replace {
                claim,
                field,
                old,
                new,
                ..
            } => format!("{} of claim `{claim}`: `{old}` -> `{new}`", field.key()),
            Fix::RemoveAcknowledgement { fingerprint, .. } => {
                format!("removed stale acknowledgement `{fingerprint}`")
            }
        }
    }
}

/// A file with its fixes applied, not yet written.
#[derive(Debug, Clone)]
pub struct FileFix {
    /// Path relative to the dossier root, with `/`.
    pub name: String,
    pub path: PathBuf,
    pub before: String,
    pub after: String,
    pub fixes: Vec<Fix>,
}

/// What `--fix` would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub files: Vec<FileFix>,
    /// Fixes found but not applied, and why (a layout the text edit cannot handle safely).
    pub refused: Vec<String>,
}

impl Plan {
    pub fn count(&self) -> usize {
        self.files.iter().map(|f| f.fixes.len()).sum()
    }
}

/// The declared entry an unknown name was meant to be, if the choice is safe: the closest
/// suggestion is at most a few letters away, and no suggestion naming another entry is
/// nearly as close.
fn safe_target(index: &Index, name: &str) -> Option<u32> {
    let k = key(name);
    let mut scored: Vec<(usize, u32)> = index
        .suggest(name)
        .into_iter()
        .filter_map(|s| Some((strsim::levenshtein(&k, &key(&s)), index.get(&s)?)))
        .collect();
    scored.sort();
    let &(d, target) = scored.first()?;
    let rival = scored.iter().any(|s| s.1 != target && s.0 <= d + 1);
    (d <= 3 && d * 5 <= k.chars().count() && !rival).then_some(target)
}

/// Of an entry's id, name and aliases, the one spelt most like what was written (`Kerman
/// bombng` becomes the name `Kerman bombing`, not the id `kerman-bombing`).
fn closest_spelling<'a>(written: &str, names: impl Iterator<Item = &'a String>) -> Option<String> {
    let k = key(written);
    names
        .map(|n| {
            (
                strsim::levenshtein(&k, &key(n)),
                strsim::levenshtein(written, n),
                n,
            )
        })
        .min()
        .map(|(_, _, n)| n.clone())
}

fn entity_name(a: &Analysis, written: &str) -> Option<String> {
    let e = a
        .loaded
        .dossier
        .entities
        .get(safe_target(&a.vocab.entities, written)? as usize)?;
    closest_spelling(written, [&e.id, &e.name].into_iter().chain(&e.aliases))
}

fn property_name(a: &Analysis, written: &str) -> Option<String> {
    let p = a
        .loaded
        .dossier
        .properties
        .get(safe_target(&a.vocab.properties, written)? as usize)?;
    closest_spelling(written, [&p.id, &p.name].into_iter().chain(&p.aliases))
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The seed's passage for a quote that is a few characters off, with whitespace runs made
/// single spaces (matching ignores whitespace, and a claim file wants one line).
pub fn closest_passage(seed: &str, quote: &str) -> Option<String> {
    closest_passage_in(seed, &FoldedText::new(seed), quote)
}

/// [`closest_passage`] in a seed already folded (a source's broken quotes share one).
fn closest_passage_in(seed: &str, text: &FoldedText, quote: &str) -> Option<String> {
    let fq = fold(quote);
    let fq = fq.trim();
    let qlen = fq.len();
    // Short quotes match by accident; elided quotes have no single passage.
    if qlen < 12 || fq.contains("...") {
        return None;
    }
    if text.find(quote).is_ok() {
        return None;
    }
    let hay = text.folded.as_str();
    let max = 3.min(qlen / 10);
    if max == 0 {
        return None;
    }
    let bounds: Vec<usize> = fq.char_indices().map(|(i, _)| i).chain([qlen]).collect();
    // Longest prefix (and suffix) that occurs: occurrence is monotone in length.
    let longest = |find: &dyn Fn(usize) -> Option<usize>| -> Option<(usize, usize)> {
        let (mut lo, mut hi) = (0usize, bounds.len() - 1);
        let mut best = None;
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            match find(mid) {
                Some(pos) => {
                    best = Some((mid, pos));
                    lo = mid;
                }
                None => hi = mid - 1,
            }
        }
        best
    };
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    if let Some((_, start)) =
        longest(&|k| memchr::memmem::find(hay.as_bytes(), &fq.as_bytes()[..bounds[k]]))
    {
        for len in qlen.saturating_sub(max)..=qlen + max {
            let end = floor_boundary(hay, start + len);
            candidates.push((start, end));
        }
    }
    if let Some((k, at)) = longest(&|k| {
        memchr::memmem::rfind(
            hay.as_bytes(),
            &fq.as_bytes()[bounds[bounds.len() - 1 - k]..],
        )
    }) {
        let end = at + (qlen - bounds[bounds.len() - 1 - k]);
        for len in qlen.saturating_sub(max)..=qlen + max {
            let start = floor_boundary(hay, end.saturating_sub(len));
            candidates.push((start, end));
        }
    }
    let (start, end, d) = candidates
        .into_iter()
        .filter(|&(s, e)| e > s)
        .map(|(s, e)| (s, e, strsim::levenshtein(&hay[s..e], fq)))
        // Equally close windows: the one as long as the quote (a letter changed, not one
        // dropped at an edge), then the first.
        .min_by_key(|&(s, e, d)| (d, (e - s).abs_diff(qlen), s))?;
    let window = &hay[start..end];
    if d == 0 || d > max || digits(window) != digits(fq) {
        return None;
    }
    let (os, oe) = text.original_range(start, end);
    let raw = seed.get(os..oe)?;
    let passage = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    text.find(&passage).is_ok().then_some(passage)
}

/// Whether open findings of `rule` can hide the finding an acknowledgement names: a claim
/// that is not read, not recognised or not understood is not compared, so the conflict it
/// was part of is missing, not gone.
pub fn hides_findings(rule: Rule) -> bool {
    rule.is_input_error()
        || matches!(
            rule,
            Rule::UnknownEntity
                | Rule::UnknownProperty
                | Rule::UnknownSource
                | Rule::DuplicateId
                | Rule::AmbiguousAlias
                | Rule::EmptyValue
                | Rule::UnparsedValue
                | Rule::BadDate
                | Rule::SeedMissing
                | Rule::UnsafePath
        )
}

/// Stale acknowledgements that are kept because findings that can hide what they
/// acknowledge are still open (see [`hides_findings`]).
pub fn stale_kept(a: &Analysis, policy: &RulePolicy) -> usize {
    let open = || a.findings.iter().filter(|f| f.acknowledged.is_none());
    if !open().any(|f| hides_findings(f.rule)) {
        return 0;
    }
    open()
        .filter(|f| f.rule == Rule::StaleAcknowledgement && policy.enabled(f.rule))
        .count()
}

/// Every safe fix for the open findings of `a` whose rules `policy` enables (an ignored rule
/// is not fixed). A stale acknowledgement is removed only when nothing else is left to fix
/// and no open finding can be hiding what it acknowledges: otherwise fixing a misspelt
/// subject could bring back, unacknowledged, a conflict whose acknowledgement was just
/// removed.
pub fn find_fixes(a: &Analysis, policy: &RulePolicy) -> Vec<Fix> {
    let findings = &a.findings;
    let mut open: HashSet<(Rule, &str, u32, u32)> = HashSet::new();
    for f in findings
        .iter()
        .filter(|f| f.acknowledged.is_none() && policy.enabled(f.rule))
    {
        if let Some(l) = &f.loc {
            open.insert((f.rule, &l.file, l.line, l.column));
        }
    }
    let has = |rule: Rule, l: &Loc| open.contains(&(rule, &*l.file, l.line, l.column));
    let d = &a.loaded.dossier;
    let mut fixes = Vec::new();
    let mut seeds: BTreeMap<u32, Option<(String, FoldedText)>> = BTreeMap::new();
    for c in &d.claims {
        let mut replace = |rule, loc: Loc, field, old: &str, new: Option<String>| {
            if let Some(new) = new.filter(|n| n != old) {
                fixes.push(Fix::Replace {
                    rule,
                    loc,
                    claim: c.id.clone(),
                    field,
                    old: old.to_string(),
                    new,
                });
            }
        };
        if has(Rule::UnknownEntity, &c.locs.subject()) {
            let new = entity_name(a, &c.subject);
            replace(
                Rule::UnknownEntity,
                c.locs.subject(),
                Field::Subject,
                &c.subject,
                new,
            );
        }
        if has(Rule::UnknownProperty, &c.locs.property()) {
            let new = property_name(a, &c.property);
            replace(
                Rule::UnknownProperty,
                c.locs.property(),
                Field::Property,
                &c.property,
                new,
            );
        }
        if has(Rule::UnknownEntity, &c.locs.value()) {
            let new = entity_name(a, &c.value);
            replace(
                Rule::UnknownEntity,
                c.locs.value(),
                Field::Value,
                &c.value,
                new,
            );
        }
        if let Some(q) = &c.quote
            && has(Rule::QuoteNotFound, &c.locs.quote())
        {
            let seed = seeds.entry(c.source).or_insert_with(|| {
                let src = &d.sources[c.source as usize];
                let path = load::resolve_seed(&a.loaded.root, src.text.as_deref()?).ok()?;
                let raw = std::fs::read_to_string(path).ok()?;
                let folded = FoldedText::new(&raw);
                Some((raw, folded))
            });
            let new = seed
                .as_ref()
                .and_then(|(raw, folded)| closest_passage_in(raw, folded, q));
            replace(Rule::QuoteNotFound, c.locs.quote(), Field::Quote, q, new);
        }
    }
    let hiding = findings
        .iter()
        .any(|f| f.acknowledged.is_none() && hides_findings(f.rule));
    if !fixes.is_empty() || hiding || !policy.enabled(Rule::StaleAcknowledgement) {
        return fixes;
    }
    for f in findings
        .iter()
        .filter(|f| f.rule == Rule::StaleAcknowledgement)
    {
        // A stale acknowledgement's fingerprint is its rule's code, then the entry as written.
        let entry = f
            .fingerprint
            .strip_prefix(Rule::StaleAcknowledgement.code())
            .and_then(|rest| rest.strip_prefix(':'));
        if let (Some(loc), Some(fp)) = (&f.loc, entry) {
            fixes.push(Fix::RemoveAcknowledgement {
                loc: loc.clone(),
                fingerprint: fp.to_string(),
            });
        }
    }
    fixes
}

/// Applies `fixes` to the text of their files (read from `root`), checking each result.
pub fn plan(root: &Path, fixes: Vec<Fix>) -> Plan {
    let mut by_file: BTreeMap<String, Vec<Fix>> = BTreeMap::new();
    for f in fixes {
        by_file.entry(f.loc().file.to_string()).or_default().push(f);
    }
    let mut out = Plan::default();
    for (name, fixes) in by_file {
        let path = root.join(&name);
        // Replacing a link with a fixed copy would cut the link.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            out.refused.push(format!(
                "{name}: not fixed: it is a symbolic link; fix the file it points to"
            ));
            continue;
        }
        let before = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                out.refused.push(format!("{name}: cannot read: {e}"));
                continue;
            }
        };
        match fix_text(&name, &before, &fixes) {
            Ok(after) => out.files.push(FileFix {
                name,
                path,
                before,
                after,
                fixes,
            }),
            Err(why) => out.refused.push(format!("{name}: not fixed: {why}")),
        }
    }
    out
}

/// What `fix_all` did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every file written, once per round that changed it.
    pub files: Vec<FileFix>,
    pub refused: Vec<String>,
}

impl Outcome {
    pub fn count(&self) -> usize {
        self.files.iter().map(|f| f.fixes.len()).sum()
    }
}

/// Fixes until nothing is left to fix (a fix can make another one possible: a stale
/// acknowledgement is removed only once the names are fixed), at most a few rounds.
/// `analyze` reads the dossier afresh; the last analysis is returned with the outcome, or
/// `None` if reading failed.
pub fn fix_all(
    policy: &RulePolicy,
    first: Analysis,
    analyze: &mut dyn FnMut() -> Option<Analysis>,
) -> Result<(Outcome, Option<Analysis>), crate::write::WriteError> {
    let mut out = Outcome::default();
    let mut a = first;
    for _ in 0..4 {
        let fixes = find_fixes(&a, policy);
        if fixes.is_empty() {
            break;
        }
        let p = plan(&a.loaded.root, fixes);
        out.refused.extend(p.refused.iter().cloned());
        if p.files.is_empty() {
            break;
        }
        apply(&p)?;
        out.files.extend(p.files);
        match analyze() {
            Some(next) => a = next,
            None => return Ok((out, None)),
        }
    }
    Ok((out, Some(a)))
}

/// Writes every fixed file atomically; returns how many were written.
pub fn apply(plan: &Plan) -> Result<usize, crate::write::WriteError> {
    for f in &plan.files {
        crate::write::write_atomic(&f.path, f.after.as_bytes())?;
    }
    Ok(plan.files.len())
}

/// A byte range and its replacement.
type Edit = (usize, usize, String);

/// Applies the fixes of one file to its text and checks the result.
pub fn fix_text(name: &str, text: &str, fixes: &[Fix]) -> Result<String, String> {
    let jsonl = name.ends_with(".jsonl");
    let mut edits: Vec<Edit> = Vec::new();
    for f in fixes {
        let loc = f.loc();
        let edit = match f {
            Fix::Replace { field, new, .. } if jsonl => {
                json_field_edit(text, loc.line, *field, new)
            }
            Fix::Replace { new, .. } => yaml_scalar_edit(text, loc.line, loc.column, new),
            Fix::RemoveAcknowledgement { .. } => yaml_entry_removal(text, loc.line, loc.column),
        };
        edits.push(edit.ok_or_else(|| {
            format!(
                "line {}: the text there has a layout the fix cannot edit safely",
                loc.line
            )
        })?);
    }
    edits.sort_by_key(|e| e.0);
    if edits.windows(2).any(|w| w[0].1 > w[1].0) {
        return Err("two fixes overlap".into());
    }
    let mut after = apply_edits(text, &edits);
    if fixes
        .iter()
        .any(|f| matches!(f, Fix::RemoveAcknowledgement { .. }))
        && accepted(&after).is_none()
    {
        after = empty_list(&after).unwrap_or(after);
    }
    verify(name, text, &after, fixes)?;
    Ok(after)
}

fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, r) in edits {
        out.push_str(&text[at..*s]);
        out.push_str(r);
        at = *e;
    }
    out.push_str(&text[at..]);
    out
}

/// Byte offset of the start of 1-based `line`.
fn line_start(text: &str, line: u32) -> Option<usize> {
    if line == 1 {
        return Some(0);
    }
    memchr::memchr_iter(b'\n', text.as_bytes())
        .nth((line as usize).checked_sub(2)?)
        .map(|p| p + 1)
}

fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |p| from + p)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether `s` reads back as the same string when written as a plain YAML scalar.
fn plain_safe(s: &str) -> bool {
    let first = s.chars().next();
    // YAML's indicator characters cannot start a plain scalar; typographic quotes can.
    first.is_some_and(|c| {
        !c.is_whitespace() && !c.is_ascii_digit() && !"-?:,[]{}#&*!|>'\"%@`.+~".contains(c)
    }) && s.trim() == s
        && !s.contains(": ")
        && !s.ends_with(':')
        && !s.contains(" #")
        && !s.chars().any(crate::text::is_hidden)
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        )
}

/// Replaces the scalar that starts at `line`:`column` (characters), keeping its quoting
/// style where the new text allows it.
fn yaml_scalar_edit(text: &str, line: u32, column: u32, new: &str) -> Option<Edit> {
    let ls = line_start(text, line)?;
    let le = line_end(text, ls);
    let line_text = &text[ls..le];
    let start = ls
        + line_text
            .char_indices()
            .nth(column.checked_sub(1)? as usize)
            .map(|(i, _)| i)?;
    let b = text.as_bytes();
    // The one YAML scalar writer: it escapes what YAML forbids (DEL, C1, U+FFFE...).
    let double = || Some(crate::text::yaml_quoted(new));
    match b[start] {
        b'"' => {
            let mut i = start + 1;
            while i < b.len() {
                match b[i] {
                    b'\\' => i += 2,
                    b'"' => return Some((start, i + 1, double()?)),
                    _ => i += 1,
                }
            }
            None
        }
        b'\'' => {
            let mut i = start + 1;
            while i < b.len() {
                if b[i] == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    let r = if new.chars().any(crate::text::is_hidden) {
                        double()?
                    } else {
                        format!("'{}'", new.replace('\'', "''"))
                    };
                    return Some((start, i + 1, r));
                }
                i += 1;
            }
            None
        }
        b'|' | b'>' | b'[' | b'{' | b'&' | b'*' | b'!' => None,
        _ => {
            let rest = &text[start..le];
            let mut end = rest.find(" #").map_or(rest.len(), |p| p);
            end = rest[..end].trim_end().len();
            // A plain scalar continued on more indented lines is not one line's text.
            let key_indent = line_text.len() - line_text.trim_start_matches([' ', '-']).len();
            let next = text[le..].lines().skip(1).find(|l| {
                let t = l.trim();
                !t.is_empty() && !t.starts_with('#')
            });
            if next.is_some_and(|l| indent(l) > key_indent) {
                return None;
            }
            let r = if plain_safe(new) {
                new.to_string()
            } else {
                double()?
            };
            Some((start, start + end, r))
        }
    }
}

/// Removes the sequence entry whose first key is at `line`:`column`: its `- ` line and the
/// lines after it indented deeper, up to its last line of content (comments after it belong
/// to what follows).
fn yaml_entry_removal(text: &str, line: u32, column: u32) -> Option<Edit> {
    let ls = line_start(text, line)?;
    let le = line_end(text, ls);
    let first = &text[ls..le];
    let dash = indent(first);
    if !first[dash..].starts_with("- ") || column as usize <= dash + 1 {
        return None;
    }
    let mut end = (le + 1).min(text.len());
    let mut at = end;
    while at < text.len() {
        let e = line_end(text, at);
        let l = &text[at..e];
        let t = l.trim();
        let next = (e + 1).min(text.len());
        if t.is_empty() || t.starts_with('#') {
            at = next;
            continue;
        }
        if indent(l) <= dash {
            break;
        }
        end = next;
        at = next;
    }
    Some((ls, end, String::new()))
}

/// Replaces the string value of `field` in the JSON object on `line`.
fn json_field_edit(text: &str, line: u32, field: Field, new: &str) -> Option<Edit> {
    let ls = line_start(text, line)?;
    let le = line_end(text, ls);
    let b = &text.as_bytes()[ls..le];
    // String tokens of the top-level object, in order; a key is a string followed by `:`.
    let mut depth = 0usize;
    let mut i = 0;
    let mut pending_key: Option<bool> = None; // Some(true): the last key was `field`
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let s = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let e = (i + 1).min(b.len());
                let rest = &b[e..];
                let colon = rest.iter().position(|c| !c.is_ascii_whitespace());
                let is_key = depth == 1 && colon.is_some_and(|p| rest[p] == b':');
                if is_key {
                    let name: String = serde_json::from_slice(&b[s..e]).ok()?;
                    pending_key = Some(name == field.key());
                } else if depth == 1 && pending_key == Some(true) {
                    return Some((ls + s, ls + e, serde_json::to_string(new).ok()?));
                } else {
                    pending_key = None;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A claim's fields as one comparable record.
type Record = (String, String, String, String, Option<String>, String);

fn yaml_records(text: &str) -> Option<Vec<Record>> {
    let f: yaml::SourceFile =
        serde_saphyr::from_str_with_options(text, yaml::options(10_000 + text.len() / 4)).ok()?;
    Some(
        f.claims
            .into_iter()
            .map(|c| {
                let c = c.value;
                let rest = format!(
                    "{:?}|{:?}|{:?}|{:?}|{}|{:?}",
                    c.scope,
                    c.as_of.map(|a| a.value.0),
                    c.attribution,
                    c.hedge,
                    c.negated,
                    c.note
                );
                (
                    c.id.value.0,
                    c.subject.value,
                    c.property.value,
                    c.value.value.0,
                    c.quote.map(|q| q.value),
                    rest,
                )
            })
            .collect(),
    )
}

fn jsonl_records(text: &str) -> Option<Vec<Record>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: jsonl::ClaimLine = serde_json::from_str(l).ok()?;
            let rest = format!(
                "{}|{:?}|{:?}|{:?}|{:?}|{}|{:?}",
                c.source,
                c.scope,
                c.as_of.map(|a| a.0),
                c.attribution,
                c.hedge,
                c.negated,
                c.note
            );
            Some((c.id.0, c.subject, c.property, c.value.0, c.quote, rest))
        })
        .collect()
}

/// `accepted:` with every entry removed reads as null, not as a list: say `[]`.
fn empty_list(text: &str) -> Option<String> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if let Some(rest) = t.strip_prefix("accepted:")
            && (rest.trim().is_empty() || rest.trim_start().starts_with('#'))
        {
            let mut out = text[..at].to_string();
            out.push_str("accepted: []");
            out.push_str(rest);
            out.push_str(&line[t.len()..]);
            out.push_str(&text[at + line.len()..]);
            return Some(out);
        }
        at += line.len();
    }
    None
}

fn accepted(text: &str) -> Option<Vec<String>> {
    let f: yaml::AcceptedFile =
        serde_saphyr::from_str_with_options(text, yaml::options(10_000 + text.len() / 4)).ok()?;
    Some(
        f.accepted
            .into_iter()
            .map(|a| a.value.fingerprint)
            .collect(),
    )
}

/// The fixed text must read as the same file with exactly the fixed fields changed.
fn verify(name: &str, before: &str, after: &str, fixes: &[Fix]) -> Result<(), String> {
    let removed: Vec<&str> = fixes
        .iter()
        .filter_map(|f| match f {
            Fix::RemoveAcknowledgement { fingerprint, .. } => Some(fingerprint.as_str()),
            Fix::Replace { .. } => None,
        })
        .collect();
    if !removed.is_empty() {
        let old = accepted(before).ok_or("the file did not parse before the fix")?;
        let new = accepted(after).ok_or("the fixed file would not parse")?;
        let mut expected = old.clone();
        for r in &removed {
            if let Some(i) = expected.iter().position(|e| e == r) {
                expected.remove(i);
            }
        }
        return if new == expected {
            Ok(())
        } else {
            Err("removing the entry would change other entries".into())
        };
    }
    let records = if name.ends_with(".jsonl") {
        jsonl_records
    } else {
        yaml_records
    };
    let mut expected = records(before).ok_or("the file did not parse before the fix")?;
    let got = records(after).ok_or("the fixed file would not parse")?;
    for f in fixes {
        if let Fix::Replace {
            claim,
            field,
            old,
            new,
            ..
        } = f
        {
            let mut hit = false;
            for r in expected.iter_mut().filter(|r| &r.0 == claim) {
                let slot = match field {
                    Field::Subject => &mut r.1,
                    Field::Property => &mut r.2,
                    Field::Value => &mut r.3,
                    Field::Quote => match &mut r.4 {
                        Some(q) => q,
                        None => continue,
                    },
                };
                if slot == old {
                    *slot = new.clone();
                    hit = true;
                    break;
                }
            }
            if !hit {
                return Err(format!("claim `{claim}` was not where the fix expected it"));
            }
        }
    }
    if got == expected {
        Ok(())
    } else {
        Err("the edit would change more than the fixed fields".into())
    }
}

/// A unified diff of a fixed file, without context lines (`patch` applies it as is).
pub fn diff(f: &FileFix) -> String {
    let old: Vec<&str> = f.before.split_inclusive('\n').collect();
    let new: Vec<&str> = f.after.split_inclusive('\n').collect();
    // Edits change lines in place or remove whole lines: walk both from each end of a
    // differing stretch.
    let mut out = format!("--- a/{}\n+++ b/{}\n", f.name, f.name);
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            i += 1;
            j += 1;
            continue;
        }
        // Find the next line both share again, preferring the nearest.
        let mut resync = (old.len(), new.len());
        'search: for span in 0..=(old.len() - i).max(new.len() - j) {
            for di in 0..=span {
                let dj = span - di;
                if i + di < old.len() && j + dj < new.len() && old[i + di] == new[j + dj] {
                    resync = (i + di, j + dj);
                    break 'search;
                }
            }
        }
        let (oi, nj) = resync;
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            if oi > i { i + 1 } else { i },
            oi - i,
            if nj > j { j + 1 } else { j },
            nj - j
        ));
        for l in &old[i..oi] {
            out.push('-');
            out.push_str(l);
            if !l.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
        for l in &new[j..nj] {
            out.push('+');
            out.push_str(l);
            if !l.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
        i = oi;
        j = nj;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_stay_plain_where_yaml_allows() {
        assert!(plain_safe("\u{201c}Biden administration officials\u{201d}"));
        for s in [
            "95", "- x", "'a'", "\"a\"", "a: b", "a #b", "true", " a", "[a]", "@a",
        ] {
            assert!(!plain_safe(s), "{s}");
        }
    }

    #[test]
    fn scalars_keep_their_style() {
        let t = "a:\n  - id: x\n    subject: \"Kerman atack\"   # c\n    property: 'deth toll'\n    value: Israil # c\n";
        let e = yaml_scalar_edit(t, 3, 14, "Kerman attack").unwrap();
        assert_eq!(&t[e.0..e.1], "\"Kerman atack\"");
        assert_eq!(e.2, "\"Kerman attack\"");
        let e = yaml_scalar_edit(t, 4, 15, "death toll").unwrap();
        assert_eq!(&t[e.0..e.1], "'deth toll'");
        assert_eq!(e.2, "'death toll'");
        let e = yaml_scalar_edit(t, 5, 12, "Israel").unwrap();
        assert_eq!(&t[e.0..e.1], "Israil");
        assert_eq!(e.2, "Israel");
        let e = yaml_scalar_edit(t, 5, 12, "a: b").unwrap();
        assert_eq!(e.2, "\"a: b\"");
    }

    #[test]
    fn multi_line_plain_scalars_are_left_alone() {
        let t = "  - quote: The attack claimed\n      the lives of over 90\n    id: x\n";
        assert_eq!(yaml_scalar_edit(t, 1, 12, "x"), None);
        let t = "  - quote: >\n      folded\n";
        assert_eq!(yaml_scalar_edit(t, 1, 12, "x"), None);
    }

    #[test]
    fn json_fields_are_found_by_key_not_by_text() {
        let line = r#"{"source": "a", "quote": "the \"subject\": x", "subject": "Kerman atack", "id": "t"}"#;
        let (s, e, r) = json_field_edit(line, 1, Field::Subject, "Kerman attack").unwrap();
        assert_eq!(&line[s..e], "\"Kerman atack\"");
        assert_eq!(r, "\"Kerman attack\"");
    }

    #[test]
    fn entries_are_removed_with_their_lines_only() {
        let t = "accepted:\n  # first\n  - fingerprint: a\n    reason: r\n\n  # second\n  - fingerprint: b\n    reason: |\n      long\n  - fingerprint: c\n    reason: r\n";
        let (s, e, _) = yaml_entry_removal(t, 7, 5).unwrap();
        assert_eq!(&t[s..e], "  - fingerprint: b\n    reason: |\n      long\n");
        let (s, e, _) = yaml_entry_removal(t, 3, 5).unwrap();
        assert_eq!(&t[s..e], "  - fingerprint: a\n    reason: r\n");
    }

    #[test]
    fn closest_passages_differ_by_letters_not_figures() {
        let seed = "Officials said the bombing\nin Kerman on January 3 killed 95 people.\n";
        assert_eq!(
            closest_passage(seed, "the bombing in Kermn on January 3 killed").as_deref(),
            Some("the bombing in Kerman on January 3 killed")
        );
        assert_eq!(
            closest_passage(seed, "bombing in Kerman on January 3 killed 96"),
            None
        );
        assert_eq!(
            closest_passage(seed, "xhe bombing in Kerman on January 3").as_deref(),
            Some("the bombing in Kerman on January 3"),
            "a changed first letter is restored, not dropped"
        );
        assert_eq!(
            closest_passage(seed, "something else entirely, not in the text"),
            None
        );
        assert_eq!(
            closest_passage(seed, "the bombing in Kerman"),
            None,
            "found as is"
        );
    }

    #[test]
    fn diffs_show_changed_and_removed_lines() {
        let f = FileFix {
            name: "claims/a.yaml".into(),
            path: PathBuf::new(),
            before: "a\nb\nc\nd\n".into(),
            after: "a\nB\nd\n".into(),
            fixes: Vec::new(),
        };
        assert_eq!(
            diff(&f),
            "--- a/claims/a.yaml\n+++ b/claims/a.yaml\n@@ -2,2 +2,1 @@\n-b\n-c\n+B\n"
        );
    }
}
