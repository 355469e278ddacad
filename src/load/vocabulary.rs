//! The optional vocabulary files beside entities and properties: declared scopes
//! (`claims/scopes.yaml`) and exchange rates (`claims/rates.yaml`), and the check that each
//! property's declared unit suits its kind. Every problem is a finding at its line.

use super::yaml::{self, RatesFile, ScopesFile};
use super::{finding, load_vocab, no_recovery};
use crate::model::hierarchy::Hierarchy;
use crate::model::{Date, Finding, Loc, PropertyDef, RateDef, Rule, ScopeDef};
use crate::normalize::{declared, vocab::key};
use std::collections::HashMap;
use std::path::Path;

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
                finding(
                    Rule::DuplicateId,
                    Some(s.loc.clone()),
                    format!("scope id `{}` is declared twice", s.id),
                    format!("duplicate-id:scope:{}", s.id),
                )
                .with_related(scopes[first as usize].loc.clone(), "first declared here"),
            );
        } else {
            ids.insert(s.id.as_str(), i as u32);
        }
    }
    let unscoped: Vec<&ScopeDef> = scopes.iter().filter(|s| s.unscoped).collect();
    if let [first, second, ..] = unscoped.as_slice() {
        findings.push(
            finding(
                Rule::DuplicateId,
                Some(second.loc.clone()),
                format!(
                    "scopes `{}` and `{}` both say `unscoped: true`; claims without a scope can count only one",
                    first.id, second.id
                ),
                format!("duplicate-id:scope-unscoped:{}", second.id),
            )
            .with_related(first.loc.clone(), "first declared here"),
        );
    }
    for (i, list) in refs.iter().enumerate() {
        for (target, loc, field) in list {
            if !ids.contains_key(target.as_str()) {
                let near = suggest(target, scopes.iter().map(|s| s.id.as_str()));
                findings.push(
                    finding(
                        Rule::UnknownScope,
                        Some(loc.clone()),
                        format!(
                            "scope `{}` lists `{target}` in `{field}`, but no scope has that id{}",
                            scopes[i].id,
                            near.map(|n| format!("; did you mean `{n}`?"))
                                .unwrap_or_default()
                        ),
                        format!("unknown-scope:{}:{target}", scopes[i].id),
                    )
                    .with_help(Rule::UnknownScope.fix()),
                );
            }
        }
    }
    for cycle in Hierarchy::of_scopes(&scopes).cycles() {
        let name = |c: u32| scopes[c as usize].id.as_str();
        let names: Vec<&str> = cycle.iter().map(|&c| name(c)).collect();
        let first = &scopes[cycle[0] as usize];
        findings.push(
            finding(
                Rule::ScopeCycle,
                Some(first.loc.clone()),
                format!(
                    "scopes are parts of themselves: {}",
                    Hierarchy::cycle_path(&cycle, name, usize::MAX)
                ),
                format!("scope-cycle:{}", names.join(",")),
            )
            .with_help(Rule::ScopeCycle.fix()),
        );
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
            finding(
                Rule::InvalidRate,
                Some(loc),
                msg,
                format!("invalid-rate:{}:{what}", r.pair.value.trim()),
            )
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
        finding(
            Rule::InvalidUnit,
            Some(unit_loc.unwrap_or(&p.loc).clone()),
            format!("property `{}` declares `unit: {unit}`, but {why}", p.id),
            format!("invalid-unit:{}", p.id),
        )
        .with_help(Rule::InvalidUnit.fix()),
    )
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
