//! Facts to resolve, built from the compared groups: each claim's exact value as one candidate,
//! author lists matched as lists, and the k×k similarities between candidates.

use super::*;

/// Identity of an exact value: claims with the same key state the same value.
#[derive(PartialEq, Eq, Hash)]
pub(super) enum ValueKey<'a> {
    Entity(u32),
    Text(&'a str),
    Figure(u64, u64, bool, bool, &'static str, &'static str),
    Raw(&'a str),
}

pub(super) fn value_key<'a>(a: &'a Assertion, stated: &'a str) -> ValueKey<'a> {
    if let Some(e) = a.entity {
        return ValueKey::Entity(e);
    }
    if let Some(t) = &a.text {
        return ValueKey::Text(t);
    }
    match a.interval {
        Some(i) => ValueKey::Figure(
            i.low.map_or(u64::MAX, f64::to_bits),
            i.high.map_or(u64::MAX, f64::to_bits),
            i.low_inclusive,
            i.high_inclusive,
            a.unit.unwrap_or(""),
            a.currency.unwrap_or(""),
        ),
        None => ValueKey::Raw(stated),
    }
}

pub(super) fn facts(d: &Dossier, assertions: &[Assertion], cmp: &Comparison) -> Vec<Fact> {
    let entities = Hierarchy::of_entities(&d.entities);
    cmp.groups
        .par_iter()
        .enumerate()
        // Only facts with one true value have a most likely value; a multi-valued property's
        // values are all kept as the sources state them.
        .filter(|(_, g)| d.properties[g.property as usize].single_valued)
        .filter_map(|(gi, g)| {
            let mut claims: Vec<u32> = g
                .values
                .iter()
                .flat_map(|v| v.claims.iter().copied())
                .filter(|&c| {
                    !d.claims[c as usize].negated
                        && assertions[c as usize].kind != AssertionKind::Unparsed
                })
                .collect();
            if claims.is_empty() {
                return None;
            }
            claims.sort_unstable();
            // Exact values, in the order of their first claim in the files: grouped by hashing,
            // since a large fact holds a hundred thousand claims and sorting their keys costs
            // more than the truth step.
            let mut candidates: Vec<Candidate> = Vec::new();
            let mut slot: FxHashMap<ValueKey, usize> = Default::default();
            for &c in &claims {
                let key = value_key(&assertions[c as usize], &d.claims[c as usize].value);
                let at = *slot.entry(key).or_insert_with(|| {
                    candidates.push(Candidate {
                        claims: Vec::new(),
                        sources: Vec::new(),
                    });
                    candidates.len() - 1
                });
                candidates[at].claims.push(c);
            }
            for cand in &mut candidates {
                cand.sources = cand
                    .claims
                    .iter()
                    .map(|&c| d.claims[c as usize].source)
                    .collect();
                cand.sources.sort_unstable();
                cand.sources.dedup();
            }
            if assertions[candidates[0].claims[0] as usize].kind == AssertionKind::NameList {
                candidates = same_lists(d, g, &candidates);
            }
            candidates.sort_by_key(|c| c.claims[0]);
            let k = candidates.len();
            let rep = |i: usize| &assertions[candidates[i].claims[0] as usize];
            let scale = scale_of(rep(0));
            let mut sim = Vec::new();
            let mut anc = Vec::new();
            if k > 1 && k <= SIM_MAX_K {
                sim = vec![0.0; k * k];
                anc = vec![false; k * k];
                for j in 0..k {
                    for i in 0..k {
                        if i != j {
                            sim[j * k + i] = similarity(&entities, rep(j), rep(i));
                            anc[j * k + i] = ancestor(&entities, rep(j), rep(i));
                        }
                    }
                }
            }
            let pos: Vec<f64> = if scale == Scale::None {
                Vec::new()
            } else {
                (0..k)
                    .map(|i| {
                        let a = rep(i);
                        a.stated
                            .or_else(|| a.interval.and_then(|x| x.center()))
                            .unwrap_or(0.0)
                    })
                    .collect()
            };
            Some(Fact {
                group: gi as u32,
                candidates,
                sim,
                anc,
                pos,
                scale,
            })
        })
        .collect()
}

/// Name lists are equal when they name the same people (misspellings and initials aside),
/// the kind's own rule of equality, which the comparison's value clusters already apply: each
/// cluster is one value, stated as its spelling with the most sources (then the first stated).
pub(super) fn same_lists(
    d: &Dossier,
    g: &crate::compare::Group,
    spellings: &[Candidate],
) -> Vec<Candidate> {
    let mut spelling_of: FxHashMap<u32, usize> = FxHashMap::default();
    for (i, c) in spellings.iter().enumerate() {
        for &claim in &c.claims {
            spelling_of.insert(claim, i);
        }
    }
    g.values
        .iter()
        .filter_map(|v| {
            let mut claims: Vec<u32> = v
                .claims
                .iter()
                .copied()
                .filter(|c| spelling_of.contains_key(c))
                .collect();
            let best = claims
                .iter()
                .map(|c| spelling_of[c])
                .min_by_key(|&i| (std::cmp::Reverse(spellings[i].sources.len()), i))?;
            claims.sort_by_key(|c| (spelling_of[c] != best, *c));
            let mut sources: Vec<u32> = claims
                .iter()
                .map(|&c| d.claims[c as usize].source)
                .collect();
            sources.sort_unstable();
            sources.dedup();
            Some(Candidate { claims, sources })
        })
        .collect()
}
