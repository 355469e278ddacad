//! Reading what can be read of a YAML file whose whole parse failed on a field: each item of
//! its list (claims, entities, properties) on its own, so that one wrong field costs one
//! item, not the file.

use super::parse::{shifted, yaml_finding};
use super::yaml::{self, EntitiesFile, PropertiesFile, SourceFile};
use crate::model::{Finding, Fingerprint, Loc};
use std::sync::Arc;

/// The outline of a claim or vocabulary file: where each item of its list starts, whatever
/// its fields hold.
#[derive(serde::Deserialize)]
pub(super) struct Outline {
    #[serde(default, alias = "entities", alias = "properties")]
    claims: Vec<serde_saphyr::Spanned<serde::de::IgnoredAny>>,
}

/// `quotes_optional` and `date_order` of a properties file whose properties are read one by
/// one.
#[derive(serde::Deserialize)]
pub(super) struct QuotesOptional {
    #[serde(default)]
    quotes_optional: bool,
    #[serde(default)]
    date_order: Option<crate::model::DateOrder>,
}

/// The source header alone, the claims left unread. Unknown top-level keys are let through
/// here: the whole file's error names them, and it is kept when no claim accounts for it.
#[derive(serde::Deserialize)]
pub(super) struct HeaderOnly {
    source: serde_saphyr::Spanned<yaml::SourceHeader>,
    #[serde(default)]
    #[allow(dead_code)]
    claims: serde::de::IgnoredAny,
}

/// A claim's id, read leniently to name a claim whose other fields are wrong.
#[derive(serde::Deserialize)]
pub(super) struct IdOnly {
    #[serde(default)]
    id: Option<yaml::Text>,
}

/// A claim file whose whole parse failed on a field: parses the header, then each claim on
/// its own (positions shifted back to the file's), and keeps the claims
/// that read. `None` when the header itself is wrong or the claims are not a block list.
pub(super) fn recover_claims(
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
pub(super) type Placed<T> = (u32, serde_saphyr::Spanned<T>);

/// The items of a file's list (claims, entities, properties) read one by one, each from its
/// own lines (positions shifted back to the file's): the items that read, and a
/// finding for each that does not, naming it (`noun` `id`). `None` when the list is not a
/// block list or every item reads (the file's error is elsewhere).
pub(super) fn recover_items<T: serde::de::DeserializeOwned>(
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

/// A missing field in a file that cannot be read claim by claim (a line indented wrongly
/// ends the claim early and breaks the file): the finding moves to the first line of the
/// claim it belongs to, names it, and points at the line the YAML parser stumbled on.
pub(super) fn place_missing_field(
    name: &Arc<str>,
    text: &str,
    max_nodes: usize,
    whole: Finding,
) -> Finding {
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
pub(super) fn claim_field_finding(
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
    f.fingerprint = Fingerprint::new(f.rule)
        .part(name)
        .part(claim_loc.line)
        .into();
    f
}

/// Rebuilds a file from its items read one by one, after a field error in one of them.
/// The file, the findings of the items that did not read, and each kept item's line offset.
pub(super) type Recovered<T> = (T, Vec<Finding>, Vec<u32>);
pub(super) type Recover<T> = fn(&Arc<str>, &str, usize, &Finding) -> Option<Recovered<T>>;

pub(super) fn no_recovery<T>(_: &Arc<str>, _: &str, _: usize, _: &Finding) -> Option<Recovered<T>> {
    None
}

/// A wrong field in one entity or property costs that one, not the whole vocabulary (which
/// would make every claim's name unknown).
pub(super) fn recover_entities(
    name: &Arc<str>,
    text: &str,
    max_nodes: usize,
    whole: &Finding,
) -> Option<Recovered<EntitiesFile>> {
    let (items, findings) = recover_items(name, text, max_nodes, whole, "entity")?;
    let (offsets, entities) = items.into_iter().unzip();
    Some((EntitiesFile { entities }, findings, offsets))
}

pub(super) fn recover_properties(
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
