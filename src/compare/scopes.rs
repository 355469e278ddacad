//! Declared scopes: which declared scope each claim's `scope` names, and whether totals
//! agree with their parts.
//!
//! A claim's scope text that folds to a declared scope's id, name or alias counts that scope;
//! any other text stays a free-text scope, as before. Totals are checked with interval
//! arithmetic: the sum of the parts' intervals against the total's interval, a finding when
//! they are disjoint. Linear in claims: each part's claims are summarized once per source and
//! moment, then each total claim is checked against those summaries.

use super::Group;
use crate::model::hierarchy::Hierarchy;
use crate::model::{
    Assertion, AssertionKind, Dossier, Finding, Fingerprint, Hedge, Interval, Rule, Temporal,
    ValueKind, fmt_num,
};
use crate::normalize::vocab::key;
use rustc_hash::FxHashMap as HashMap;

/// Declared scopes by folded name, and their hierarchy.
pub struct ScopeIndex {
    by_key: HashMap<String, u32>,
    /// The scope claims without one count, if declared.
    pub unscoped: Option<u32>,
    pub hierarchy: Hierarchy,
}

impl ScopeIndex {
    pub fn new(d: &Dossier) -> ScopeIndex {
        let mut by_key = HashMap::default();
        for (i, s) in d.scopes.iter().enumerate() {
            for name in std::iter::once(&s.id)
                .chain(std::iter::once(&s.name))
                .chain(&s.aliases)
            {
                let k = key(name);
                if !k.is_empty() {
                    by_key.entry(k).or_insert(i as u32);
                }
            }
        }
        ScopeIndex {
            by_key,
            unscoped: d.scopes.iter().position(|s| s.unscoped).map(|i| i as u32),
            hierarchy: Hierarchy::of_scopes(&d.scopes),
        }
    }

    /// The declared scope a folded scope text names.
    pub fn get(&self, folded: &str) -> Option<u32> {
        self.by_key.get(folded).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// Claims whose scope is not declared, in a dossier that allows only declared scopes.
pub fn undeclared(d: &Dossier, index: &ScopeIndex) -> Vec<Finding> {
    if !d.only_declared_scopes {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in &d.claims {
        let Some(scope) = c.scope.as_deref() else {
            continue;
        };
        if index.get(&key(scope)).is_some() {
            continue;
        }
        let k = key(scope);
        let kr = &k;
        let near = d
            .scopes
            .iter()
            .flat_map(|s| {
                std::iter::once(&s.name)
                    .chain(&s.aliases)
                    .map(move |n| (strsim::jaro_winkler(kr, &key(n)), n))
            })
            .filter(|(s, _)| *s >= 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        let src = &d.sources[c.source as usize].id;
        out.push(
            Fingerprint::new(Rule::UnknownScope)
                .part(src)
                .part(&c.id)
                .part(k)
                .finding(
                    Some(c.locs.claim()),
                    format!(
                        "scope `{scope}` of claim `{}` is not declared in claims/scopes.yaml, which allows only declared scopes{near}",
                        c.id
                    ),
                )
                .with_help(Rule::UnknownScope.fix()),
        );
    }
    out
}

/// Whether figures of this property add up: counts and amounts, not percentages, ranks,
/// dates or durations.
fn additive(d: &Dossier, property: u32) -> bool {
    let p = &d.properties[property as usize];
    match p.kind {
        ValueKind::Money => true,
        ValueKind::Quantity => !matches!(
            p.unit.as_deref().map(str::trim),
            Some("%" | "percent" | "per cent" | "ordinal")
        ),
        _ => false,
    }
}

/// Contested voices do not make a total disagree with its parts.
fn counted(d: &Dossier, a: &[Assertion], c: u32) -> Option<Interval> {
    let claim = &d.claims[c as usize];
    if claim.negated
        || matches!(
            claim.hedge,
            Hedge::Claimed | Hedge::Alleged | Hedge::Speculated
        )
    {
        return None;
    }
    let x = &a[c as usize];
    if x.unit == Some("%") || x.kind == AssertionKind::Date {
        return None;
    }
    x.interval
}

fn hull(a: Interval, b: Interval) -> Interval {
    let (low, low_inclusive) = match (a.low, b.low) {
        (Some(x), Some(y)) if x < y => (Some(x), a.low_inclusive),
        (Some(x), Some(y)) if y < x => (Some(y), b.low_inclusive),
        (Some(x), Some(_)) => (Some(x), a.low_inclusive || b.low_inclusive),
        _ => (None, false),
    };
    let (high, high_inclusive) = match (a.high, b.high) {
        (Some(x), Some(y)) if x > y => (Some(x), a.high_inclusive),
        (Some(x), Some(y)) if y > x => (Some(y), b.high_inclusive),
        (Some(x), Some(_)) => (Some(x), a.high_inclusive || b.high_inclusive),
        _ => (None, false),
    };
    Interval {
        low,
        high,
        low_inclusive,
        high_inclusive,
    }
}

/// The interval of a sum: lows add, highs add (an open end makes the sum open there; counts
/// have no figure below zero).
pub fn sum(parts: &[Interval]) -> Interval {
    let mut out = Interval::point(0.0);
    for p in parts {
        out.low = Some(out.low.unwrap_or(0.0) + p.low.unwrap_or(0.0).max(0.0));
        out.low_inclusive &= p.low_inclusive || p.low.is_none();
        out.high = match (out.high, p.high) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
        out.high_inclusive &= p.high_inclusive;
    }
    out
}

/// The hull of some claims' intervals, with the claims behind it.
type Hull = (Interval, Vec<u32>);
/// Source, voice (attribution) and moment (`as_of`).
type VoiceKey = (u32, Option<String>, Option<String>);

/// A part's claims summarized: by (source, moment) and by moment alone, each the hull of the
/// claims' intervals, with the claims behind it.
#[derive(Default)]
struct Summary {
    /// Keyed by source, voice (attribution) and moment (`as_of`).
    by_source: HashMap<VoiceKey, Hull>,
    by_moment: HashMap<Option<String>, (Interval, Vec<u32>)>,
    /// Over every moment: for properties that do not change.
    all: Option<(Interval, Vec<u32>)>,
}

fn add(slot: &mut Option<(Interval, Vec<u32>)>, iv: Interval, c: u32) {
    match slot {
        Some((h, cs)) => {
            *h = hull(*h, iv);
            cs.push(c);
        }
        None => *slot = Some((iv, vec![c])),
    }
}

fn summarize(d: &Dossier, a: &[Assertion], g: &Group) -> Summary {
    let mut s = Summary::default();
    for &c in &g.claims {
        let Some(iv) = counted(d, a, c) else { continue };
        let claim = &d.claims[c as usize];
        let moment = claim.as_of.clone();
        let voice = (claim.source, claim.attribution.clone(), moment.clone());
        let mut slot = s.by_source.remove(&voice);
        add(&mut slot, iv, c);
        if let Some(v) = slot {
            s.by_source.insert(voice, v);
        }
        let mut slot = s.by_moment.remove(&moment);
        add(&mut slot, iv, c);
        if let Some(v) = slot {
            s.by_moment.insert(moment, v);
        }
        add(&mut s.all, iv, c);
    }
    s
}

/// Findings where a total disagrees with its parts: for every declared scope that is the
/// total of others (`total_of`), the parts' sum against each claim of the total; for every
/// scope that is part of another, a part larger than its whole. Within one source first
/// (the same `as_of`), then across sources (for changing properties only claims with the same
/// `as_of`; for fixed ones, all).
pub fn check_totals(
    d: &Dossier,
    index: &ScopeIndex,
    groups: &[Group],
    assertions: &[Assertion],
) -> Vec<Finding> {
    if d.scopes.is_empty() {
        return Vec::new();
    }
    let mut by_key: HashMap<(u32, u32, u32), u32> = HashMap::default();
    for (gi, g) in groups.iter().enumerate() {
        if let Some(s) = g.declared_scope {
            by_key.insert((g.subject, g.property, s), gi as u32);
        }
    }
    // The direct parts of each scope: its `total_of` (complete) and the scopes that list it
    // in `part_of` (maybe not all of them).
    let n = d.scopes.len();
    let mut children: Vec<Vec<u32>> = vec![Vec::new(); n];
    for s in 0..n as u32 {
        for &p in index.hierarchy.parents(s) {
            children[p as usize].push(s);
        }
    }
    let ids: HashMap<&str, u32> = d
        .scopes
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i as u32))
        .collect();
    let mut summaries: HashMap<u32, Summary> = HashMap::default();
    let mut findings = Vec::new();
    let mut keys: Vec<&(u32, u32, u32)> = by_key.keys().collect();
    keys.sort_unstable();
    for &(subject, property, total) in keys {
        if children[total as usize].is_empty() || !additive(d, property) {
            continue;
        }
        let tg = &groups[by_key[&(subject, property, total)] as usize];
        let complete: Vec<u32> = d.scopes[total as usize]
            .total_of
            .iter()
            .filter_map(|p| ids.get(p.as_str()).copied())
            .collect();
        let parts: Vec<(u32, u32)> = children[total as usize]
            .iter()
            .filter_map(|&p| by_key.get(&(subject, property, p)).map(|&g| (p, g)))
            .collect();
        if parts.is_empty() {
            continue;
        }
        for &(_, g) in &parts {
            summaries
                .entry(g)
                .or_insert_with(|| summarize(d, assertions, &groups[g as usize]));
        }
        let changing = d.properties[property as usize].temporal != Temporal::Fixed;
        for &t in &tg.claims {
            let Some(tiv) = counted(d, assertions, t) else {
                continue;
            };
            let tc = &d.claims[t as usize];
            let moment = tc.as_of.clone();
            let within = |g: u32| {
                summaries[&g]
                    .by_source
                    .get(&(tc.source, tc.attribution.clone(), moment.clone()))
                    .cloned()
            };
            let across = |g: u32| {
                let s = &summaries[&g];
                if changing {
                    moment
                        .as_ref()
                        .and_then(|m| s.by_moment.get(&Some(m.clone())).cloned())
                } else {
                    s.all.clone()
                }
            };
            let mut found = None;
            type Pick<'a> = &'a dyn Fn(u32) -> Option<(Interval, Vec<u32>)>;
            for (pick, one_source) in [(&within as Pick, true), (&across as Pick, false)] {
                let got: Vec<(u32, (Interval, Vec<u32>))> = parts
                    .iter()
                    .filter_map(|&(p, g)| pick(g).map(|x| (p, x)))
                    .collect();
                if got.is_empty() {
                    continue;
                }
                let all_complete = !complete.is_empty()
                    && complete.iter().all(|c| got.iter().any(|(p, _)| p == c));
                // Parts of a declared total are disjoint and add up; other parts may overlap,
                // so each alone is held against the whole.
                // Without every part, the parts stated are a lower bound of the total.
                let summed: Vec<(u32, (Interval, Vec<u32>))> = got
                    .iter()
                    .filter(|(p, _)| complete.contains(p))
                    .cloned()
                    .collect();
                let mut problem = None;
                if !summed.is_empty() {
                    let ivs: Vec<Interval> = summed.iter().map(|(_, (iv, _))| *iv).collect();
                    let s = sum(&ivs);
                    if tiv.is_before(&s) || (all_complete && s.is_before(&tiv)) {
                        problem = Some((s, summed.clone(), all_complete));
                    }
                }
                if problem.is_none() {
                    for x in got.iter().filter(|(p, _)| !complete.contains(p)) {
                        if tiv.is_before(&x.1.0) {
                            problem = Some((x.1.0, vec![x.clone()], false));
                            break;
                        }
                    }
                }
                if let Some(p) = problem {
                    found = Some((p, one_source));
                    break;
                }
            }
            let Some(((s, parts_used, complete_sum), one_source)) = found else {
                continue;
            };
            findings.push(total_finding(
                d,
                assertions,
                subject,
                property,
                total,
                t,
                s,
                &parts_used,
                complete_sum,
                one_source,
            ));
        }
    }
    findings
}

#[allow(clippy::too_many_arguments)]
fn total_finding(
    d: &Dossier,
    _assertions: &[Assertion],
    subject: u32,
    property: u32,
    total: u32,
    t: u32,
    s: Interval,
    parts: &[(u32, (Interval, Vec<u32>))],
    complete: bool,
    one_source: bool,
) -> Finding {
    let tc = &d.claims[t as usize];
    let src = &d.sources[tc.source as usize].id;
    let describe = |c: u32| {
        let cl = &d.claims[c as usize];
        format!("\"{}\" from {}", cl.value, d.sources[cl.source as usize].id)
    };
    let part_text: Vec<String> = parts
        .iter()
        .map(|(p, (_, cs))| {
            let vals: Vec<String> = cs.iter().take(4).map(|&c| describe(c)).collect();
            format!("{}: {}", d.scopes[*p as usize].name, vals.join(" or "))
        })
        .collect();
    let tiv = _assertions[t as usize].interval;
    let smaller = tiv.is_some_and(|x| x.is_before(&s));
    let relation = if complete {
        "its parts add up to"
    } else if parts.len() == 1 {
        "one of its parts alone is"
    } else {
        "some of its parts already add up to"
    };
    let whose = if one_source {
        match &tc.attribution {
            Some(a) => format!("as {src} reports {a}"),
            None => format!("as {src} itself states them"),
        }
    } else {
        "as other claims state them".to_string()
    };
    let subject_name = &d.entities[subject as usize].name;
    let prop = &d.properties[property as usize];
    let message = format!(
        "{subject_name} / {} for {}: \"{}\" from {} is {} than its parts: {relation} {} ({}), {whose}",
        prop.name,
        d.scopes[total as usize].name,
        tc.value,
        super::voice(d, tc),
        if smaller { "smaller" } else { "larger" },
        interval_text(s),
        part_text.join("; "),
    );
    let mut claims: Vec<u32> = vec![t];
    for (_, (_, cs)) in parts {
        claims.extend(cs.iter().copied());
    }
    let fp = crate::model::fact_fingerprint(
        Rule::TotalMismatch,
        &d.entities[subject as usize].id,
        &prop.id,
        &d.scopes[total as usize].id,
        claims.iter().map(|&c| {
            let cl = &d.claims[c as usize];
            (
                d.sources[cl.source as usize].id.as_str(),
                cl.id.as_str(),
                cl.value.as_str(),
            )
        }),
    );
    let mut f = Finding::new(Rule::TotalMismatch, Some(tc.locs.value()), message, fp)
        .with_help(Rule::TotalMismatch.fix());
    for (p, (_, cs)) in parts {
        for &c in cs.iter().take(4) {
            let cl = &d.claims[c as usize];
            f = f.with_related(
                cl.locs.value(),
                format!(
                    "{} for {}: \"{}\"",
                    d.sources[cl.source as usize].id, d.scopes[*p as usize].name, cl.value
                ),
            );
        }
    }
    f
}

fn interval_text(i: Interval) -> String {
    if i.is_point() {
        return fmt_num(i.low.unwrap_or(0.0));
    }
    i.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_of_hedged_figures() {
        let over = Interval {
            low: Some(90.0),
            high: None,
            low_inclusive: false,
            high_inclusive: false,
        };
        let s = sum(&[Interval::closed(23_250.0, 26_750.0), Interval::point(170.0)]);
        assert_eq!(s, Interval::closed(23_420.0, 26_920.0));
        let s = sum(&[over, Interval::point(10.0)]);
        assert_eq!((s.low, s.high, s.low_inclusive), (Some(100.0), None, false));
        assert!(Interval::point(50.0).is_before(&s));
    }

    #[test]
    fn hulls_keep_the_widest_ends() {
        let h = hull(Interval::closed(1.0, 2.0), Interval::closed(5.0, 9.0));
        assert_eq!(h, Interval::closed(1.0, 9.0));
    }
}
