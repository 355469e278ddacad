//! Which value of a fact is most likely true, and how far each source can be trusted.
//!
//! Three methods, all deterministic, each iteration linear in the number of claims:
//!
//! - `vote`: the value stated by the most sources wins (the baseline).
//! - `truthfinder` (Yin, Han and Yu, KDD 2007): a source is as trustworthy as the values it
//!   states are likely, and a value as likely as its sources are trustworthy; values that are
//!   compatible (overlapping intervals, a date and its month, lists naming the same people in
//!   part) lend each other support through the implication term instead of competing.
//! - `accu` (Dong, Berti-Equille and Srivastava, VLDB 2009, Accu with similarity and copying):
//!   Bayesian vote counts from source accuracies, with each source's vote discounted by the
//!   probability that it copied another source that states the same value. Copying is learnt
//!   from shared false values (sources that make the same mistakes), and is certain for
//!   declared `derived_from` and detected relays.

use crate::compare::Comparison;
use crate::model::{Assertion, AssertionKind, Dossier, Interval};
use crate::normalize::names;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Vote,
    TruthFinder,
    Accu,
}

impl Method {
    pub const ALL: [Method; 3] = [Method::Vote, Method::TruthFinder, Method::Accu];
    pub fn name(self) -> &'static str {
        match self {
            Method::Vote => "vote",
            Method::TruthFinder => "truthfinder",
            Method::Accu => "accu",
        }
    }
    pub fn from_name(s: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// One candidate value of a fact: the claims stating it and their (distinct) sources.
struct Candidate {
    claims: Vec<u32>,
    sources: Vec<u32>,
}

/// One fact with at least one readable value.
struct Fact {
    group: u32,
    candidates: Vec<Candidate>,
    /// Similarity between candidates (row-major, k×k); empty when k is 1.
    sim: Vec<f64>,
}

/// The chosen value of one fact.
#[derive(Debug, Clone, Serialize)]
pub struct Resolution {
    pub group: u32,
    /// Index of the chosen value cluster in the group's `values`.
    pub value: usize,
    pub confidence: f64,
    /// Sources stating the chosen value.
    pub sources: Vec<u32>,
    pub independent_sources: usize,
    /// One line on why this value and not the others.
    pub explanation: String,
}

pub struct Outcome {
    pub method: Method,
    pub resolutions: Vec<Resolution>,
    /// Estimated reliability of each source (0..1), by source index.
    pub reliability: Vec<f64>,
    pub iterations: usize,
    /// Likely copying between sources: (copier, original, probability), strongest first.
    pub copying: Vec<(u32, u32, f64)>,
}

/// Parameters, as published.
const TF_INITIAL: f64 = 0.9;
const TF_GAMMA: f64 = 0.3;
const TF_RHO: f64 = 0.5;
const TF_BASE_SIM: f64 = 0.5;
const ACCU_INITIAL: f64 = 0.8;
/// False values per fact, the `n` of Accu.
const ACCU_FALSE_VALUES: f64 = 100.0;
const ACCU_SIM_WEIGHT: f64 = 0.5;
const COPY_PRIOR: f64 = 0.2;
const COPY_RATE: f64 = 0.8;
/// Facts with more providers than this give no evidence of copying (all pairs would be
/// quadratic); their votes are still counted.
const COPY_MAX_PROVIDERS: usize = 200;
const MAX_ITERATIONS: usize = 20;
/// Reliabilities that move less than this between iterations have converged.
const CONVERGED: f64 = 1e-4;
/// Copying is re-estimated on these iterations only: it settles fast and costs a pass over
/// every pair of providers.
const COPY_ITERATIONS: [usize; 3] = [1, 3, 6];

/// How far value `a` supports value `b` (0..1). Symmetric for intervals, entities and text;
/// for name lists it is the share of `a`'s names that `b` contains, as TruthFinder's
/// implication for author lists: a partial list supports the full one, not the reverse.
fn similarity(d: &Dossier, ids: &FxHashMap<&str, u32>, a: &Assertion, b: &Assertion) -> f64 {
    match (a.kind, b.kind) {
        (AssertionKind::NameList, AssertionKind::NameList) => names::containment(
            &names::from_key(a.text.as_deref().unwrap_or("")),
            &names::from_key(b.text.as_deref().unwrap_or("")),
        ),
        (AssertionKind::Entity, AssertionKind::Entity) => match (a.entity, b.entity) {
            (Some(x), Some(y)) if x == y || crate::compare::part_of(&d.entities, ids, x, y) => 1.0,
            _ => 0.0,
        },
        (AssertionKind::Text, AssertionKind::Text) => {
            let wa: Vec<&str> = a.text.as_deref().unwrap_or("").split(' ').collect();
            let wb: Vec<&str> = b.text.as_deref().unwrap_or("").split(' ').collect();
            let common = wa.iter().filter(|w| wb.contains(w)).count();
            common as f64 / wa.len().max(wb.len()).max(1) as f64
        }
        _ => match (a.interval, b.interval) {
            (Some(x), Some(y)) => interval_similarity(&x, &y),
            _ => 0.0,
        },
    }
}

fn interval_similarity(x: &Interval, y: &Interval) -> f64 {
    if x.overlaps(y) {
        return 1.0;
    }
    let scale = x
        .center()
        .unwrap_or(0.0)
        .abs()
        .max(y.center().unwrap_or(0.0).abs())
        .max(1.0);
    (-10.0 * x.gap(y) / scale).exp()
}

fn facts(d: &Dossier, assertions: &[Assertion], cmp: &Comparison) -> Vec<Fact> {
    let ids = crate::compare::entity_index(&d.entities);
    cmp.groups
        .par_iter()
        .enumerate()
        // Only facts with one true value have a most likely value; a multi-valued property's
        // values are all kept as the sources state them.
        .filter(|(_, g)| d.properties[g.property as usize].single_valued)
        .filter_map(|(gi, g)| {
            let candidates: Vec<Candidate> = g
                .values
                .iter()
                .map(|v| {
                    let claims: Vec<u32> = v
                        .claims
                        .iter()
                        .copied()
                        .filter(|&c| {
                            let a = &assertions[c as usize];
                            !d.claims[c as usize].negated && a.kind != AssertionKind::Unparsed
                        })
                        .collect();
                    let mut sources: Vec<u32> = claims
                        .iter()
                        .map(|&c| d.claims[c as usize].source)
                        .collect();
                    sources.sort_unstable();
                    sources.dedup();
                    Candidate { claims, sources }
                })
                .filter(|c| !c.claims.is_empty())
                .collect();
            if candidates.is_empty() {
                return None;
            }
            let k = candidates.len();
            let mut sim = Vec::new();
            if k > 1 && k <= 200 {
                sim = vec![0.0; k * k];
                for i in 0..k {
                    for j in 0..k {
                        if i != j {
                            sim[i * k + j] = similarity(
                                d,
                                &ids,
                                &assertions[candidates[i].claims[0] as usize],
                                &assertions[candidates[j].claims[0] as usize],
                            );
                        }
                    }
                }
            }
            Some(Fact {
                group: gi as u32,
                candidates,
                sim,
            })
        })
        .collect()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Resolves every fact of a compared dossier with `method`.
// The loops index the k×k similarity matrix by row and column; iterators would hide that.
#[allow(clippy::needless_range_loop)]
pub fn resolve(d: &Dossier, assertions: &[Assertion], cmp: &Comparison, method: Method) -> Outcome {
    let facts = facts(d, assertions, cmp);
    let n_sources = d.sources.len();
    // Probability of each candidate, per fact.
    let mut prob: Vec<Vec<f64>> = facts
        .iter()
        .map(|f| vec![1.0 / f.candidates.len() as f64; f.candidates.len()])
        .collect();
    let mut reliability = vec![
        match method {
            Method::TruthFinder => TF_INITIAL,
            Method::Accu => ACCU_INITIAL,
            Method::Vote => 1.0,
        };
        n_sources
    ];
    let mut copying: FxHashMap<(u32, u32), f64> = FxHashMap::default();
    // Known copying: declared derived_from, and relays the comparison detected.
    let ids: FxHashMap<&str, u32> = d
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i as u32))
        .collect();
    let mut known: FxHashMap<(u32, u32), f64> = FxHashMap::default();
    for (i, s) in d.sources.iter().enumerate() {
        for up in &s.derived_from {
            if let Some(&j) = ids.get(up.as_str()) {
                known.insert(pair(i as u32, j), 1.0);
            }
        }
    }
    for r in &cmp.relays {
        known.insert(pair(r.a, r.b), 1.0);
    }

    let mut iterations = 0;
    match method {
        Method::Vote => {
            for (f, p) in facts.iter().zip(prob.iter_mut()) {
                let total: usize = f.candidates.iter().map(|c| c.sources.len()).sum();
                for (c, pc) in f.candidates.iter().zip(p.iter_mut()) {
                    *pc = c.sources.len() as f64 / total.max(1) as f64;
                }
            }
            iterations = 1;
        }
        Method::TruthFinder => {
            for it in 0..MAX_ITERATIONS {
                iterations = it + 1;
                let tau: Vec<f64> = reliability
                    .iter()
                    .map(|&t| -(1.0 - t.min(0.999_999)).ln())
                    .collect();
                facts
                    .par_iter()
                    .zip(prob.par_iter_mut())
                    .for_each(|(f, p)| {
                        let k = f.candidates.len();
                        let sigma: Vec<f64> = f
                            .candidates
                            .iter()
                            .map(|c| c.sources.iter().map(|&s| tau[s as usize]).sum())
                            .collect();
                        for i in 0..k {
                            let mut adjusted = sigma[i];
                            if !f.sim.is_empty() {
                                for j in 0..k {
                                    if i != j {
                                        adjusted +=
                                            TF_RHO * sigma[j] * (f.sim[j * k + i] - TF_BASE_SIM);
                                    }
                                }
                            }
                            p[i] = sigmoid(TF_GAMMA * adjusted);
                        }
                    });
                let next = source_average(&facts, &prob, n_sources, TF_INITIAL);
                let change = max_change(&reliability, &next);
                reliability = next;
                if change < CONVERGED {
                    break;
                }
            }
        }
        Method::Accu => {
            for it in 0..MAX_ITERATIONS {
                iterations = it + 1;
                if COPY_ITERATIONS.contains(&it) {
                    copying = detect_copying(&facts, &prob, &reliability, &known);
                }
                facts
                    .par_iter()
                    .zip(prob.par_iter_mut())
                    .for_each(|(f, p)| {
                        let k = f.candidates.len();
                        let mut count: Vec<f64> = f
                            .candidates
                            .iter()
                            .map(|c| vote_count(&c.sources, &reliability, &copying, &known))
                            .collect();
                        if !f.sim.is_empty() {
                            let base = count.clone();
                            for i in 0..k {
                                for j in 0..k {
                                    if i != j {
                                        count[i] += ACCU_SIM_WEIGHT * f.sim[j * k + i] * base[j];
                                    }
                                }
                            }
                        }
                        // Unobserved false values share the rest of the probability mass.
                        let unseen = (ACCU_FALSE_VALUES + 1.0 - k as f64).max(0.0);
                        let top = count.iter().copied().fold(0.0_f64, f64::max);
                        let z: f64 = count.iter().map(|c| (c - top).exp()).sum::<f64>()
                            + unseen * (-top).exp();
                        for i in 0..k {
                            p[i] = (count[i] - top).exp() / z;
                        }
                    });
                let next = source_average(&facts, &prob, n_sources, ACCU_INITIAL);
                let change = max_change(&reliability, &next);
                reliability = next;
                if change < CONVERGED && it > *COPY_ITERATIONS.last().unwrap_or(&0) {
                    break;
                }
            }
        }
    }

    let resolutions = facts
        .par_iter()
        .zip(prob.par_iter())
        .map(|(f, p)| explain(d, cmp, f, p, method, &copying, &known))
        .collect();
    let mut copies: Vec<(u32, u32, f64)> = copying
        .iter()
        .filter(|&(_, &v)| v >= 0.5)
        .map(|(&(a, b), &v)| (a, b, v))
        .collect();
    copies.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    Outcome {
        method,
        resolutions,
        reliability,
        iterations,
        copying: copies,
    }
}

fn pair(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

fn max_change(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// A source's reliability: the mean probability of the values it states.
fn source_average(facts: &[Fact], prob: &[Vec<f64>], n: usize, prior: f64) -> Vec<f64> {
    // Partial sums over fixed chunks of facts, in parallel, then added in chunk order: the
    // result does not depend on how many threads ran or how work was stolen.
    const CHUNK: usize = 8192;
    let partial: Vec<(Vec<f64>, Vec<u32>)> = facts
        .par_chunks(CHUNK)
        .zip(prob.par_chunks(CHUNK))
        .map(|(fs, ps)| {
            let mut sum = vec![0.0; n];
            let mut count = vec![0u32; n];
            for (f, p) in fs.iter().zip(ps) {
                for (c, &pc) in f.candidates.iter().zip(p) {
                    for &s in &c.sources {
                        sum[s as usize] += pc;
                        count[s as usize] += 1;
                    }
                }
            }
            (sum, count)
        })
        .collect();
    let mut sum = vec![0.0; n];
    let mut count = vec![0u64; n];
    for (ps, pc) in &partial {
        for i in 0..n {
            sum[i] += ps[i];
            count[i] += u64::from(pc[i]);
        }
    }
    sum.iter()
        .zip(&count)
        .map(|(&s, &c)| {
            if c == 0 {
                prior
            } else {
                (s / c as f64).clamp(0.01, 0.99)
            }
        })
        .collect()
}

/// Accu's vote count for one value: each source votes ln(n·A/(1−A)), discounted by the
/// probability that it copied a more accurate source stating the same value.
fn vote_count(
    sources: &[u32],
    acc: &[f64],
    copying: &FxHashMap<(u32, u32), f64>,
    known: &FxHashMap<(u32, u32), f64>,
) -> f64 {
    let mut order: Vec<u32> = sources.to_vec();
    order.sort_by(|&a, &b| acc[b as usize].total_cmp(&acc[a as usize]).then(a.cmp(&b)));
    let mut total = 0.0;
    for (i, &s) in order.iter().enumerate() {
        let a = acc[s as usize];
        let mut independent = 1.0;
        // Only the providers before this one (more accurate) can be what it copied; a long
        // list is cut at 50 so one vote stays cheap.
        for &earlier in order[..i].iter().rev().take(50) {
            let k = pair(s, earlier);
            let dep = known
                .get(&k)
                .or_else(|| copying.get(&k))
                .copied()
                .unwrap_or(0.0);
            independent *= 1.0 - COPY_RATE * dep;
        }
        total += independent * (ACCU_FALSE_VALUES * a / (1.0 - a)).ln();
    }
    total
}

/// Probability that two sources copy one another, from the values they share: sharing false
/// values is strong evidence, sharing true ones weak, differing counts against it.
fn detect_copying(
    facts: &[Fact],
    prob: &[Vec<f64>],
    acc: &[f64],
    known: &FxHashMap<(u32, u32), f64>,
) -> FxHashMap<(u32, u32), f64> {
    // (same and likely true, same and likely false, different), counted over chunks of facts
    // in parallel and then added up (integer counts: the order of addition does not matter).
    type Counts = FxHashMap<(u32, u32), (u32, u32, u32)>;
    let count_chunk = |fs: &[Fact], ps: &[Vec<f64>]| -> Counts {
        let mut counts = Counts::default();
        for (f, p) in fs.iter().zip(ps) {
            let providers: usize = f.candidates.iter().map(|c| c.sources.len()).sum();
            if !(2..=COPY_MAX_PROVIDERS).contains(&providers) {
                continue;
            }
            let best = p
                .iter()
                .copied()
                .enumerate()
                .fold((0, -1.0), |b, (i, x)| if x > b.1 { (i, x) } else { b })
                .0;
            for (ci, c) in f.candidates.iter().enumerate() {
                for (i, &a) in c.sources.iter().enumerate() {
                    for &b in &c.sources[i + 1..] {
                        let e = counts.entry(pair(a, b)).or_default();
                        if ci == best { e.0 += 1 } else { e.1 += 1 }
                    }
                    for other in &f.candidates[ci + 1..] {
                        for &b in &other.sources {
                            if a != b {
                                counts.entry(pair(a, b)).or_default().2 += 1;
                            }
                        }
                    }
                }
            }
        }
        counts
    };
    const CHUNK: usize = 32_768;
    let partial: Vec<Counts> = facts
        .par_chunks(CHUNK)
        .zip(prob.par_chunks(CHUNK))
        .map(|(fs, ps)| count_chunk(fs, ps))
        .collect();
    let mut partial = partial.into_iter();
    let mut counts = partial.next().unwrap_or_default();
    for more in partial {
        for (k, (t, f, d)) in more {
            let e = counts.entry(k).or_default();
            e.0 += t;
            e.1 += f;
            e.2 += d;
        }
    }
    let n = ACCU_FALSE_VALUES;
    let c = COPY_RATE;
    counts
        .into_iter()
        .filter(|(k, _)| !known.contains_key(k))
        .filter_map(|((a, b), (kt, kf, kd))| {
            if kf == 0 {
                return None;
            }
            let eps = 1.0 - (acc[a as usize] * acc[b as usize]).sqrt();
            let pt = (1.0 - eps) * (1.0 - eps);
            let pf = eps * eps / n;
            let pd = (1.0 - pt - pf).max(1e-9);
            let indep = f64::from(kt) * pt.ln() + f64::from(kf) * pf.ln() + f64::from(kd) * pd.ln();
            let dep = f64::from(kt) * ((1.0 - eps) * c + pt * (1.0 - c)).ln()
                + f64::from(kf) * (eps * c + pf * (1.0 - c)).ln()
                + f64::from(kd) * (pd * (1.0 - c)).ln();
            let log_odds = (COPY_PRIOR / (1.0 - COPY_PRIOR)).ln() + dep - indep;
            let p = sigmoid(log_odds);
            (p > 0.01).then_some(((a, b), p))
        })
        .collect()
}

fn explain(
    d: &Dossier,
    cmp: &Comparison,
    f: &Fact,
    p: &[f64],
    method: Method,
    copying: &FxHashMap<(u32, u32), f64>,
    known: &FxHashMap<(u32, u32), f64>,
) -> Resolution {
    let g = &cmp.groups[f.group as usize];
    // Highest probability; ties to more sources, then to the earlier value (stable order).
    let best = (0..f.candidates.len())
        .max_by(|&i, &j| {
            p[i].total_cmp(&p[j])
                .then(
                    f.candidates[i]
                        .sources
                        .len()
                        .cmp(&f.candidates[j].sources.len()),
                )
                .then(j.cmp(&i))
        })
        .unwrap_or(0);
    let chosen = &f.candidates[best];
    let value_index = g
        .values
        .iter()
        .position(|v| v.claims.contains(&chosen.claims[0]))
        .unwrap_or(0);
    let mut roots: Vec<u32> = chosen
        .sources
        .iter()
        .map(|&s| cmp.origin[s as usize])
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let stated = &d.claims[chosen.claims[0] as usize].value;
    let mut all: Vec<u32> = f
        .candidates
        .iter()
        .flat_map(|c| c.sources.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    let total_sources = all.len();
    let explanation = if f.candidates.len() == 1 {
        format!(
            "\"{stated}\" is the only value ({} source{}, {} independent)",
            chosen.sources.len(),
            if chosen.sources.len() == 1 { "" } else { "s" },
            roots.len()
        )
    } else {
        let runner = (0..f.candidates.len())
            .filter(|&i| i != best)
            .max_by(|&i, &j| p[i].total_cmp(&p[j]));
        let other = runner.map(|r| {
            let rc = &f.candidates[r];
            let copied: Vec<String> = rc
                .sources
                .iter()
                .flat_map(|&a| rc.sources.iter().map(move |&b| (a, b)))
                .filter(|&(a, b)| a < b)
                .filter_map(|(a, b)| {
                    let dep = known
                        .get(&(a, b))
                        .or_else(|| copying.get(&(a, b)))
                        .copied()?;
                    (dep >= 0.5).then(|| {
                        format!(
                            "{} and {} look copied (p={:.2})",
                            d.sources[a as usize].id, d.sources[b as usize].id, dep
                        )
                    })
                })
                .take(2)
                .collect();
            format!(
                "over \"{}\" ({} of {total_sources} sources{})",
                d.claims[rc.claims[0] as usize].value,
                rc.sources.len(),
                if copied.is_empty() {
                    String::new()
                } else {
                    format!("; {}", copied.join(", "))
                }
            )
        });
        let why = match method {
            Method::Vote => "more sources state it",
            Method::TruthFinder => {
                "its sources are more trustworthy and compatible values support it"
            }
            Method::Accu => "its independent, more accurate sources outweigh the rest",
        };
        format!(
            "chose \"{stated}\" ({} of {total_sources} sources, {} independent) {}: {why}",
            chosen.sources.len(),
            roots.len(),
            other.unwrap_or_default()
        )
    };
    Resolution {
        group: f.group,
        value: value_index,
        confidence: p[best],
        sources: chosen.sources.clone(),
        independent_sources: roots.len(),
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_intervals_are_fully_similar_and_distant_ones_not() {
        let a = Interval::closed(90.0, 100.0);
        assert_eq!(interval_similarity(&a, &Interval::point(95.0)), 1.0);
        assert!(interval_similarity(&a, &Interval::point(1000.0)) < 0.01);
    }

    #[test]
    fn copying_is_learnt_from_shared_false_values() {
        // Three facts; sources 1 and 2 share two minority (likely false) values.
        let cand = |sources: Vec<u32>| Candidate {
            claims: vec![0],
            sources,
        };
        let facts = vec![
            Fact {
                group: 0,
                candidates: vec![cand(vec![0, 3, 4]), cand(vec![1, 2])],
                sim: Vec::new(),
            },
            Fact {
                group: 1,
                candidates: vec![cand(vec![0, 3, 4]), cand(vec![1, 2])],
                sim: Vec::new(),
            },
            Fact {
                group: 2,
                candidates: vec![cand(vec![0, 1, 2, 3, 4])],
                sim: Vec::new(),
            },
        ];
        let prob = vec![vec![0.9, 0.1], vec![0.9, 0.1], vec![1.0]];
        let acc = vec![0.8; 5];
        let c = detect_copying(&facts, &prob, &acc, &FxHashMap::default());
        assert!(c.get(&(1, 2)).copied().unwrap_or(0.0) > 0.9, "{c:?}");
        assert!(
            !c.contains_key(&(0, 3)),
            "sharing only true values is no evidence: {c:?}"
        );
    }
}
