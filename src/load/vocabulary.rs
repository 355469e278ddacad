//! The optional vocabulary files beside entities and properties: declared scopes
//! (`claims/scopes.yaml`) and exchange rates (`claims/rates.yaml`), and the check that each
//! property's declared unit suits its kind. Every problem is a finding at its line.

use super::MAX_CLAIM_FILE_BYTES;
use super::files::{inside_root, outside_finding, read_text, rel_name};
use super::findings::VocabProblem;
use super::parse::{shifted, yaml_finding};
use super::recover::{Recover, no_recovery};
use super::yaml::{self, RatesFile, ScopesFile};
use super::yaml::{EntitiesFile, PropertiesFile};
use crate::model::hierarchy::Hierarchy;
use crate::model::{
    Date, EntityDef, Finding, Fingerprint, Loc, Problem, PropertyDef, RateDef, Rule, ScopeDef,
};
use crate::normalize::{declared, vocab::key};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

pub const SCOPES_FILE: &str = "scopes.yaml";
pub const RATES_FILE: &str = "rates.yaml";

/// Relative uncertainty of a conversion when the rate declares none: a reference rate is
/// one day's (or one period's average), while a writer converts at whatever rate they used,
/// days or weeks away; 3% covers a month's movement of the major pairs in ordinary times.
pub const DEFAULT_BAND: f64 = 0.03;

/// Declared scopes and whether claims must use them.
pub struct Scopes {
    pub scopes: Vec<ScopeDef>,
    pub only_declared: bool,
}

pub fn load_scopes(root: &Path, claims: &Path, findings: &mut Vec<Finding>) -> Scopes {
    let Some((name, file, _)) =
        load_vocab::<ScopesFile>(root, &claims.join(SCOPES_FILE), findings, no_recovery)
    else {
        return Scopes {
            scopes: Vec::new(),
            only_declared: false,
        };
    };
    // References are checked here, where their lines are known.
    let mut refs: Vec<Vec<(String, Loc, &'static str)>> = Vec::new();
    let mut scopes = Vec::with_capacity(file.scopes.len());
    for r in file.scopes {
        let loc = yaml::loc(&name, &r);
        let r = r.value;
        let id = r.id.value.trim().to_string();
        let mut mine = Vec::new();
        for (field, list) in [("part_of", &r.part_of), ("total_of", &r.total_of)] {
            for x in list {
                mine.push((x.value.trim().to_string(), yaml::loc(&name, x), field));
            }
        }
        refs.push(mine);
        scopes.push(ScopeDef {
            name: r.name.map_or_else(|| id.clone(), |n| n.trim().to_string()),
            id,
            aliases: r.aliases.into_iter().map(|a| a.value).collect(),
            part_of: r
                .part_of
                .into_iter()
                .map(|a| a.value.trim().to_string())
                .collect(),
            total_of: r
                .total_of
                .into_iter()
                .map(|a| a.value.trim().to_string())
                .collect(),
            unscoped: r.unscoped,
            loc,
        });
    }
    let mut ids: HashMap<&str, u32> = HashMap::new();
    for (i, s) in scopes.iter().enumerate() {
        if let Some(&first) = ids.get(s.id.as_str()) {
            findings.push(
                VocabProblem::DuplicateScope { id: &s.id }
                    .finding(Some(s.loc.clone()))
                    .with_related(scopes[first as usize].loc.clone(), "first declared here"),
            );
        } else {
            ids.insert(s.id.as_str(), i as u32);
        }
    }
    let unscoped: Vec<&ScopeDef> = scopes.iter().filter(|s| s.unscoped).collect();
    if let [first, second, ..] = unscoped.as_slice() {
        findings.push(
            VocabProblem::SecondUnscoped {
                first: &first.id,
                second: &second.id,
            }
            .finding(Some(second.loc.clone()))
            .with_related(first.loc.clone(), "first declared here"),
        );
    }
    for (i, list) in refs.iter().enumerate() {
        for (target, loc, field) in list {
            if !ids.contains_key(target.as_str()) {
                let near = suggest(target, scopes.iter().map(|s| s.id.as_str()));
                findings.push(
                    VocabProblem::UnknownScope {
                        scope: &scopes[i].id,
                        target,
                        field,
                        near,
                    }
                    .finding(Some(loc.clone())),
                );
            }
        }
    }
    for cycle in Hierarchy::of_scopes(&scopes).cycles() {
        let name = |c: u32| scopes[c as usize].id.as_str();
        let names: Vec<&str> = cycle.iter().map(|&c| name(c)).collect();
        let first = &scopes[cycle[0] as usize];
        findings.push(VocabProblem::ScopeCycle { scopes: names }.finding(Some(first.loc.clone())));
    }
    Scopes {
        scopes,
        only_declared: file.only_declared,
    }
}

fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(&key(name), &key(c)), c))
        .filter(|(s, _)| *s >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

pub fn load_rates(root: &Path, claims: &Path, findings: &mut Vec<Finding>) -> Vec<RateDef> {
    let Some((name, file, _)) =
        load_vocab::<RatesFile>(root, &claims.join(RATES_FILE), findings, no_recovery)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for r in file.rates {
        let loc = yaml::loc(&name, &r);
        let r = r.value;
        let pair_loc = yaml::loc(&name, &r.pair);
        let bad = |loc: Loc, msg: String, what: &str| {
            Fingerprint::new(Rule::InvalidRate)
                .part(r.pair.value.trim())
                .part(what)
                .finding(Some(loc), msg)
                .with_help(Rule::InvalidRate.fix())
        };
        let codes: Vec<&str> = r
            .pair
            .value
            .split(['/', ' ', ':'])
            .filter(|x| !x.is_empty())
            .collect();
        let [from, to] = codes.as_slice() else {
            findings.push(bad(
                pair_loc,
                format!(
                    "`pair: {}` is not two currencies; write it `FROM/TO`, e.g. `GBP/USD`",
                    r.pair.value
                ),
                "pair",
            ));
            continue;
        };
        let mut ok = true;
        let mut known = |code: &str| {
            let c = declared::currency(code);
            if c.is_none() {
                findings.push(bad(
                    pair_loc.clone(),
                    format!(
                        "`{code}` in `pair: {}` is not a currency the reader knows, so no amount could be in it",
                        r.pair.value
                    ),
                    code,
                ));
                ok = false;
            }
            c
        };
        let (from, to) = (known(from), known(to));
        let rate = r.rate.value;
        if !(rate.is_finite() && rate > 0.0) {
            findings.push(bad(
                yaml::loc(&name, &r.rate),
                format!("`rate: {rate}` is not a positive number"),
                "rate",
            ));
            ok = false;
        }
        let band = match &r.band {
            Some(b) if !(b.value.is_finite() && (0.0..1.0).contains(&b.value)) => {
                findings.push(bad(
                    yaml::loc(&name, b),
                    format!(
                        "`band: {}` is not a fraction between 0 and 1 (0.03 is 3%)",
                        b.value
                    ),
                    "band",
                ));
                ok = false;
                DEFAULT_BAND
            }
            Some(b) => b.value,
            None => DEFAULT_BAND,
        };
        let (mut first, mut last) = (None, None);
        if let Some(d) = &r.date {
            match period(&d.value.0) {
                Some((a, b)) => (first, last) = (Some(a), Some(b)),
                None => {
                    findings.push(bad(
                        yaml::loc(&name, d),
                        format!(
                            "`date: {}` is not a date or period; write YYYY-MM-DD, YYYY-MM, YYYY or FIRST..LAST",
                            d.value.0
                        ),
                        "date",
                    ));
                    ok = false;
                }
            }
        }
        if let (true, Some(from), Some(to)) = (ok, from, to) {
            if from == to {
                findings.push(bad(
                    pair_loc,
                    format!("`pair: {}` converts a currency into itself", r.pair.value),
                    "pair",
                ));
                continue;
            }
            out.push(RateDef {
                from,
                to,
                rate,
                first,
                last,
                when: r.date.map(|d| d.value.0.trim().to_string()),
                source: r.source.trim().to_string(),
                band,
                loc,
            });
        }
    }
    out
}

/// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or two of them joined by `..`: the first and last day.
fn period(text: &str) -> Option<(Date, Date)> {
    let t = text.trim();
    let (a, b) = match t.split_once("..") {
        Some((a, b)) => (Date::parse_iso(a)?, Date::parse_iso(b)?),
        None => {
            let d = Date::parse_iso(t)?;
            (d, d)
        }
    };
    let (first, last) = (a.first?, b.last?);
    (first <= last).then_some((first, last))
}

/// A declared unit that its property's kind cannot use, at the `unit:` line.
pub fn check_unit(p: &PropertyDef, unit_loc: Option<&Loc>) -> Option<Finding> {
    let unit = p.unit.as_deref()?;
    let why = declared::check(p.kind, unit).err()?;
    Some(
        VocabProblem::InvalidUnit {
            property: &p.id,
            unit,
            why,
        }
        .finding(Some(unit_loc.unwrap_or(&p.loc).clone())),
    )
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
pub(super) fn part_of_cycles(entities: &[EntityDef]) -> Vec<Finding> {
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
            let path: Vec<&str> = cycle
                .iter()
                .take(12)
                .map(|&m| name(m))
                .chain(std::iter::once(start.id.as_str()))
                .collect();
            VocabProblem::PartOfCycle {
                entity: &start.id,
                path,
                more: cycle.len().saturating_sub(12),
                first: cycle.iter().map(|&m| name(m)).min().unwrap_or(""),
            }
            .finding(Some(start.loc.clone()))
        })
        .collect()
}

pub(super) fn entity_defs(name: &Arc<str>, e: EntitiesFile, offsets: &[u32]) -> Vec<EntityDef> {
    e.entities
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let loc = shifted(yaml::loc(name, &r), offsets.get(i).copied().unwrap_or(0));
            let r = r.value;
            let record = crate::model::record::EntityRecord {
                id: r.id.value,
                name: r.name,
                aliases: r.aliases.into_iter().map(|a| a.value).collect(),
                kind: r.kind,
                part_of: r.part_of.into_iter().map(|a| a.value).collect(),
                party: r.party,
            };
            super::parse::entity_def(record, loc)
        })
        .collect()
}

/// The properties of `claims/properties.yaml`, each unit checked against its kind; `offsets`
/// are the line offsets of properties read one by one after an error.
pub(super) fn property_defs(
    name: &Arc<str>,
    p: PropertiesFile,
    offsets: &[u32],
    findings: &mut Vec<Finding>,
) -> Vec<PropertyDef> {
    p.properties
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let loc = shifted(yaml::loc(name, &r), offsets.get(i).copied().unwrap_or(0));
            let r = r.value;
            let id = r.id.value.trim().to_string();
            let unit_loc = r.unit.as_ref().map(|u| yaml::loc(name, u));
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
            findings.extend(check_unit(&p, unit_loc.as_ref()));
            p
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let d = |s: &str| Date::parse_iso(s).and_then(|r| r.first);
        assert_eq!(
            period("2023-09"),
            Some((d("2023-09-01").unwrap(), d("2023-09-30").unwrap()))
        );
        assert_eq!(
            period("2023-09-01..2023-09-15"),
            Some((d("2023-09-01").unwrap(), d("2023-09-15").unwrap()))
        );
        assert_eq!(period("2023-09-15..2023-09-01"), None);
        assert_eq!(period("last week"), None);
    }
}
