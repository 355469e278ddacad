//! Which value of a fact is most likely true, and how far each source can be trusted.
//!
//! The truth step works on exact values: claims whose normalized values are identical are one
//! candidate, and nearby or compatible values support each other through a similarity
//! (directional: a broader value supports the narrower ones it contains, not the reverse),
//! never by being merged. The reported value is the candidate with the most support, stated
//! as its sources state it.
//!
//! Seven methods, all deterministic, each iteration linear in the number of claims (plus the
//! k×k similarities of facts with at most [`SIM_MAX_K`] candidates):
//!
//! - `vote`: the value stated by the most sources wins (the baseline).
//! - `truthfinder` (Yin, Han and Yu, KDD 2007): a source is as trustworthy as the values it
//!   states are likely, and a value as likely as its sources are trustworthy; compatible
//!   values lend each other support through the implication term.
//! - `accu` (Dong, Berti-Equille and Srivastava, VLDB 2009, Accu with similarity and copying):
//!   Bayesian vote counts from source accuracies, each vote discounted by the probability that
//!   its source copied another stating the same value.
//! - `crh` (Li et al., SIGMOD 2014): source weights from each source's loss against the current
//!   truths, with a loss per type of value (0/1 for entities and texts, distance over the
//!   fact's spread for numbers, dates and circular times of day); truths are weighted medoids.
//! - `investment` and `pooled-investment` (Pasternack and Roth, COLING 2010): sources invest
//!   their trust evenly in their claims and are paid back in proportion to the claims'
//!   beliefs, which grow non-linearly (G(x) = x^1.2 and x^1.4); the pooled variant shares
//!   each fact's belief among its values.
//! - `hier` (in the spirit of Beretta et al., EDBT 2019, truth discovery with hierarchies):
//!   a source states either the truth, an ancestor of it (a country for a city, a year for a
//!   day) or a wrong value, each with its own learnt probability, so an ancestor claim
//!   supports its descendants and the most specific supported value wins.

use crate::compare::Comparison;
use crate::model::hierarchy::Hierarchy;
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
    Crh,
    Investment,
    PooledInvestment,
    Hier,
}

impl Method {
    pub const ALL: [Method; 7] = [
        Method::Vote,
        Method::TruthFinder,
        Method::Accu,
        Method::Crh,
        Method::Investment,
        Method::PooledInvestment,
        Method::Hier,
    ];
    pub const NAMES: [&'static str; 7] = [
        "vote",
        "truthfinder",
        "accu",
        "crh",
        "investment",
        "pooled-investment",
        "hier",
    ];
    pub fn name(self) -> &'static str {
        match self {
            Method::Vote => "vote",
            Method::TruthFinder => "truthfinder",
            Method::Accu => "accu",
            Method::Crh => "crh",
            Method::Investment => "investment",
            Method::PooledInvestment => "pooled-investment",
            Method::Hier => "hier",
        }
    }
    pub fn from_name(s: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// One candidate value of a fact: the claims stating exactly it and their (distinct) sources.
struct Candidate {
    claims: Vec<u32>,
    sources: Vec<u32>,
}

/// How values of a fact are compared when one is a figure.
#[derive(Clone, Copy, PartialEq)]
enum Scale {
    /// Categorical: entities, texts, name lists.
    None,
    /// Numbers, by their stated precision.
    Linear,
    /// Days.
    Days,
    /// Minutes after midnight, on a circle of 1,440.
    Clock,
}

/// One fact with at least one readable value.
struct Fact {
    group: u32,
    candidates: Vec<Candidate>,
    /// `sim[j * k + i]`: how far value j supports value i (0..1); empty when k is 1 or above
    /// [`SIM_MAX_K`].
    sim: Vec<f64>,
    /// `anc[j * k + i]`: value j is a strict ancestor of value i (a broader place or period).
    anc: Vec<bool>,
    /// Each candidate's representative figure, for CRH's losses (empty when categorical).
    pos: Vec<f64>,
    scale: Scale,
}

/// The chosen value of one fact.
#[derive(Debug, Clone, Serialize)]
pub struct Resolution {
    pub group: u32,
    /// Index of the comparison's value cluster that holds the chosen value.
    pub value: usize,
    /// A claim stating exactly the chosen value (its first in file order).
    pub claim: u32,
    pub confidence: f64,
    /// Sources stating exactly the chosen value.
    pub sources: Vec<u32>,
    pub independent_sources: usize,
    /// The best value and the runner-up have the same number of sources.
    pub tie: bool,
    /// One line on why this value and not the others.
    pub explanation: String,
}

pub struct Outcome {
    pub method: Method,
    pub resolutions: Vec<Resolution>,
    /// Estimated reliability of each source (0..1), by source index.
    pub reliability: Vec<f64>,
    pub iterations: usize,
    /// Whether the source estimates settled before the iteration cap.
    pub converged: bool,
    /// The largest change of a source's estimate at the last iteration.
    pub last_change: f64,
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
/// Investment's and PooledInvestment's belief growth exponents.
const INVEST_G: f64 = 1.2;
const POOLED_G: f64 = 1.4;
/// Weight of similar values' pooled trust in PooledInvestment.
const INVEST_SIM_WEIGHT: f64 = 0.5;
/// CRH: prior claims of average loss given to every source, so a source with one claim does
/// not get an unbounded weight.
const CRH_PRIOR_CLAIMS: f64 = 2.0;
/// Hier: initial probabilities that a source states the truth, an ancestor of it, or a wrong
/// value; and the pseudo-counts that keep the learnt ones away from 0.
const HIER_INITIAL: [f64; 3] = [0.7, 0.2, 0.1];
const HIER_PRIOR: f64 = 2.0;
/// Facts with more providers than this give no evidence of copying (all pairs would be
/// quadratic); their votes are still counted.
const COPY_MAX_PROVIDERS: usize = 200;
/// Similarities are computed for facts with at most this many distinct values.
pub const SIM_MAX_K: usize = 200;
const MAX_ITERATIONS: usize = 20;
/// Reliabilities that move less than this between iterations have converged.
const CONVERGED: f64 = 1e-4;
/// Copying is re-estimated on these iterations only: it settles fast and costs a pass over
/// every pair of providers.
const COPY_ITERATIONS: [usize; 3] = [1, 3, 6];
/// Similarity of two times of day this many minutes apart is 1/e.
const CLOCK_SCALE: f64 = 3.0;
/// Similarity of two disjoint dates this many days apart is 1/e.
const DAY_SCALE: f64 = 1.0;

/// The unit of the last significant digit of a stated figure: 1,000 for 25,000, 1 for 25,417,
/// 0.01 for 7.25.
pub fn precision_unit(x: f64) -> f64 {
    let x = x.abs();
    if !x.is_finite() || x == 0.0 {
        return 1.0;
    }
    if x.fract() == 0.0 {
        let mut p = 1.0;
        while p * 10.0 <= x && (x / (p * 10.0)).fract() == 0.0 {
            p *= 10.0;
        }
        p
    } else {
        let mut p = 1.0;
        while p > 1e-6 && ((x / p) - (x / p).round()).abs() > 1e-9 * (x / p).abs().max(1.0) {
            p /= 10.0;
        }
        p
    }
}

/// Distance between two times of day (minutes after midnight) around the clock.
pub fn clock_distance(a: f64, b: f64) -> f64 {
    let d = (a - b).abs() % 1440.0;
    d.min(1440.0 - d)
}

fn scale_of(a: &Assertion) -> Scale {
    match a.kind {
        AssertionKind::Entity | AssertionKind::Text | AssertionKind::NameList => Scale::None,
        AssertionKind::Time => Scale::Clock,
        AssertionKind::Date => Scale::Days,
        _ => Scale::Linear,
    }
}

/// Is value `a` strictly broader than `b` and containing it (a country and one of its cities,
/// a year and one of its days)?
fn ancestor(entities: &Hierarchy, a: &Assertion, b: &Assertion) -> bool {
    match (a.kind, b.kind) {
        (AssertionKind::Entity, AssertionKind::Entity) => match (a.entity, b.entity) {
            (Some(x), Some(y)) => x != y && entities.is_part_of(y, x),
            _ => false,
        },
        (AssertionKind::Date, AssertionKind::Date) => match (a.interval, b.interval) {
            (Some(x), Some(y)) => x.contains_interval(&y) && !y.contains_interval(&x),
            _ => false,
        },
        // A partial author list is the broader statement: every name it gives is in the
        // fuller list.
        (AssertionKind::NameList, AssertionKind::NameList) => {
            let x = names::from_key(a.text.as_deref().unwrap_or(""));
            let y = names::from_key(b.text.as_deref().unwrap_or(""));
            !x.is_empty() && x.len() < y.len() && names::containment(&x, &y) == 1.0
        }
        _ => false,
    }
}

/// How far value `a` supports value `b` (0..1). An ancestor supports its descendants fully
/// and a descendant its ancestors not at all (the truth is the most specific supported value).
/// Figures support each other by their distance in units of their stated precision; times of
/// day and dates by absolute distances, times around the clock. For name lists it is the share
/// of `a`'s names that `b` contains, as TruthFinder's implication for author lists.
fn similarity(entities: &Hierarchy, a: &Assertion, b: &Assertion) -> f64 {
    match (a.kind, b.kind) {
        (AssertionKind::NameList, AssertionKind::NameList) => {
            if ancestor(entities, b, a) {
                // The fuller list does not speak for the partial one.
                0.0
            } else {
                names::containment(
                    &names::from_key(a.text.as_deref().unwrap_or("")),
                    &names::from_key(b.text.as_deref().unwrap_or("")),
                )
            }
        }
        (AssertionKind::Entity, AssertionKind::Entity) => {
            if ancestor(entities, a, b) {
                1.0
            } else {
                0.0
            }
        }
        (AssertionKind::Text, AssertionKind::Text) => {
            let wa: Vec<&str> = a.text.as_deref().unwrap_or("").split(' ').collect();
            let wb: Vec<&str> = b.text.as_deref().unwrap_or("").split(' ').collect();
            let common = wa.iter().filter(|w| wb.contains(w)).count();
            common as f64 / wa.len().max(wb.len()).max(1) as f64
        }
        (AssertionKind::Time, AssertionKind::Time) => match (a.interval, b.interval) {
            (Some(x), Some(y)) => match (x.center(), y.center()) {
                (Some(p), Some(q)) => (-clock_distance(p, q) / CLOCK_SCALE).exp(),
                _ => 0.0,
            },
            _ => 0.0,
        },
        (AssertionKind::Date, AssertionKind::Date) => match (a.interval, b.interval) {
            (Some(x), Some(y)) => {
                if ancestor(entities, b, a) {
                    0.0
                } else if x.overlaps(&y) {
                    1.0
                } else {
                    (-x.gap(&y) / DAY_SCALE).exp()
                }
            }
            _ => 0.0,
        },
        _ => match (a.interval, b.interval) {
            (Some(x), Some(y)) => {
                let unit = precision_unit(a.stated.or(x.center()).unwrap_or(0.0))
                    .max(precision_unit(b.stated.or(y.center()).unwrap_or(0.0)));
                interval_similarity(&x, &y, unit)
            }
            _ => 0.0,
        },
    }
}

/// Overlapping intervals are fully similar; disjoint ones fade with their gap counted in units
/// of the coarser stated precision (a typo in the last digit of 25,417 is one unit away; 24,000
/// against 25,417 is more than one unit of the thousands).
fn interval_similarity(x: &Interval, y: &Interval, unit: f64) -> f64 {
    if x.overlaps(y) {
        return 1.0;
    }
    (-x.gap(y) / unit.max(1e-9)).exp()
}

/// Identity of an exact value: claims with the same key state the same value.
#[derive(PartialEq, Eq, Hash)]
enum ValueKey<'a> {
    Entity(u32),
    Text(&'a str),
    Figure(u64, u64, bool, bool, &'static str, &'static str),
    Raw(&'a str),
}

fn value_key<'a>(a: &'a Assertion, stated: &'a str) -> ValueKey<'a> {
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

fn facts(d: &Dossier, assertions: &[Assertion], cmp: &Comparison) -> Vec<Fact> {
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
fn same_lists(d: &Dossier, g: &crate::compare::Group, spellings: &[Candidate]) -> Vec<Candidate> {
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

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Resolves every fact of a compared dossier with `method`.
// The loops index the k×k similarity matrix by row and column; iterators would hide that.
#[allow(clippy::needless_range_loop)]
pub fn resolve(d: &Dossier, assertions: &[Assertion], cmp: &Comparison, method: Method) -> Outcome {
    let facts = facts(d, assertions, cmp);
    let n_sources = d.sources.len();
    // Probability (or belief share) of each candidate, per fact.
    let mut prob: Vec<Vec<f64>> = facts
        .iter()
        .map(|f| vec![1.0 / f.candidates.len() as f64; f.candidates.len()])
        .collect();
    let mut reliability = vec![
        match method {
            Method::TruthFinder => TF_INITIAL,
            Method::Accu => ACCU_INITIAL,
            Method::Hier => HIER_INITIAL[0],
            _ => 1.0,
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
    let mut converged = false;
    let mut last_change = 0.0;
    match method {
        Method::Vote => {
            for (f, p) in facts.iter().zip(prob.iter_mut()) {
                let total: usize = f.candidates.iter().map(|c| c.sources.len()).sum();
                for (c, pc) in f.candidates.iter().zip(p.iter_mut()) {
                    *pc = c.sources.len() as f64 / total.max(1) as f64;
                }
            }
            iterations = 1;
            converged = true;
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
                last_change = max_change(&reliability, &next);
                reliability = next;
                if last_change < CONVERGED {
                    converged = true;
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
                last_change = max_change(&reliability, &next);
                reliability = next;
                if last_change < CONVERGED && it > *COPY_ITERATIONS.last().unwrap_or(&0) {
                    converged = true;
                    break;
                }
            }
        }
        Method::Crh => {
            let spread: Vec<f64> = facts.par_iter().map(fact_spread).collect();
            let mut weight = vec![1.0; n_sources];
            for it in 0..MAX_ITERATIONS {
                iterations = it + 1;
                facts
                    .par_iter()
                    .zip(prob.par_iter_mut())
                    .zip(spread.par_iter())
                    .for_each(|((f, p), &sp)| crh_truth(f, sp, &weight, p));
                let next = crh_weights(&facts, &prob, &spread, n_sources);
                last_change = max_change(&weight, &next);
                weight = next;
                if last_change < CONVERGED {
                    converged = true;
                    break;
                }
            }
            let top = weight.iter().copied().fold(0.0_f64, f64::max).max(1e-12);
            reliability = weight.iter().map(|w| w / top).collect();
        }
        Method::Investment | Method::PooledInvestment => {
            let pooled = method == Method::PooledInvestment;
            // How many values each source invests in.
            let mut stakes = vec![0u32; n_sources];
            for f in &facts {
                for c in &f.candidates {
                    for &s in &c.sources {
                        stakes[s as usize] += 1;
                    }
                }
            }
            let mut trust = vec![1.0; n_sources];
            let mut belief: Vec<Vec<f64>> = facts
                .iter()
                .map(|f| vec![1.0; f.candidates.len()])
                .collect();
            for it in 0..MAX_ITERATIONS {
                iterations = it + 1;
                let next = invest_returns(&facts, &belief, &trust, &stakes, n_sources);
                last_change = max_change(&trust, &next);
                trust = next;
                facts
                    .par_iter()
                    .zip(belief.par_iter_mut())
                    .for_each(|(f, b)| invest_beliefs(f, &trust, &stakes, pooled, b));
                // Beliefs are compared within a fact only; keep their scale bounded.
                let top = belief
                    .iter()
                    .flat_map(|b| b.iter().copied())
                    .fold(0.0_f64, f64::max);
                if top > 0.0 {
                    belief
                        .par_iter_mut()
                        .for_each(|b| b.iter_mut().for_each(|x| *x /= top));
                }
                if last_change < CONVERGED {
                    converged = true;
                    break;
                }
            }
            for (p, b) in prob.iter_mut().zip(&belief) {
                let z: f64 = b.iter().sum();
                for (pi, bi) in p.iter_mut().zip(b) {
                    *pi = if z > 0.0 { bi / z } else { 0.0 };
                }
            }
            reliability = trust;
        }
        Method::Hier => {
            let mut phi = vec![HIER_INITIAL; n_sources];
            for it in 0..MAX_ITERATIONS {
                iterations = it + 1;
                if COPY_ITERATIONS.contains(&it) {
                    let acc: Vec<f64> = phi.iter().map(|p| (p[0] + p[1]).min(0.99)).collect();
                    copying = detect_copying(&facts, &prob, &acc, &known);
                }
                let acc: Vec<f64> = phi.iter().map(|p| (p[0] + p[1]).min(0.99)).collect();
                facts
                    .par_iter()
                    .zip(prob.par_iter_mut())
                    .for_each(|(f, p)| hier_posterior(f, &phi, &acc, &copying, &known, p));
                let next = hier_params(&facts, &prob, n_sources);
                last_change = phi
                    .iter()
                    .zip(&next)
                    .map(|(a, b)| (a[0] - b[0]).abs().max((a[1] - b[1]).abs()))
                    .fold(0.0, f64::max);
                phi = next;
                if last_change < CONVERGED && it > *COPY_ITERATIONS.last().unwrap_or(&0) {
                    converged = true;
                    break;
                }
            }
            // A source is reliable when what it states is true, exactly or as an ancestor.
            reliability = phi.iter().map(|p| p[0] + p[1]).collect();
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
        converged,
        last_change,
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

/// Sums a per-claim quantity into per-source totals over fixed chunks of facts, in parallel,
/// then adds the chunks in order: the result does not depend on how many threads ran or how
/// work was stolen.
fn per_source<F>(facts: &[Fact], prob: &[Vec<f64>], n: usize, each: F) -> (Vec<f64>, Vec<u64>)
where
    F: Fn(usize, &Fact, &[f64], usize) -> f64 + Sync,
{
    const CHUNK: usize = 8192;
    let partial: Vec<(Vec<f64>, Vec<u32>)> = facts
        .par_chunks(CHUNK)
        .zip(prob.par_chunks(CHUNK))
        .enumerate()
        .map(|(ci, (fs, ps))| {
            let mut sum = vec![0.0; n];
            let mut count = vec![0u32; n];
            for (fi, (f, p)) in fs.iter().zip(ps).enumerate() {
                for i in 0..f.candidates.len() {
                    let x = each(ci * CHUNK + fi, f, p, i);
                    for &s in &f.candidates[i].sources {
                        sum[s as usize] += x;
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
    (sum, count)
}

/// A source's reliability: the mean probability of the values it states.
fn source_average(facts: &[Fact], prob: &[Vec<f64>], n: usize, prior: f64) -> Vec<f64> {
    let (sum, count) = per_source(facts, prob, n, |_, _, p, i| p[i]);
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
    independence(sources, acc, copying, known)
        .into_iter()
        .map(|(s, independent)| {
            let a = acc[s as usize];
            independent * (ACCU_FALSE_VALUES * a / (1.0 - a)).ln()
        })
        .sum()
}

/// Each source of one value with the probability that it did not copy a more accurate source
/// stating the same value.
fn independence(
    sources: &[u32],
    acc: &[f64],
    copying: &FxHashMap<(u32, u32), f64>,
    known: &FxHashMap<(u32, u32), f64>,
) -> Vec<(u32, f64)> {
    let mut order: Vec<u32> = sources.to_vec();
    if copying.is_empty() && known.is_empty() {
        return order.into_iter().map(|s| (s, 1.0)).collect();
    }
    order.sort_by(|&a, &b| acc[b as usize].total_cmp(&acc[a as usize]).then(a.cmp(&b)));
    order
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let mut independent = 1.0;
            // Only the providers before this one (more accurate) can be what it copied; a
            // long list is cut at 50 so one vote stays cheap.
            for &earlier in order[..i].iter().rev().take(50) {
                let k = pair(s, earlier);
                let dep = known
                    .get(&k)
                    .or_else(|| copying.get(&k))
                    .copied()
                    .unwrap_or(0.0);
                independent *= 1.0 - COPY_RATE * dep;
            }
            (s, independent)
        })
        .collect()
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

/// Distance between two of a fact's values for CRH: on the fact's own scale for figures,
/// 1 − similarity for categorical values.
fn crh_loss(f: &Fact, spread: f64, j: usize, i: usize) -> f64 {
    if i == j {
        return 0.0;
    }
    let k = f.candidates.len();
    match f.scale {
        Scale::None => {
            if f.sim.is_empty() {
                1.0
            } else {
                1.0 - f.sim[j * k + i]
            }
        }
        Scale::Clock => clock_distance(f.pos[i], f.pos[j]) / spread,
        Scale::Linear | Scale::Days => (f.pos[i] - f.pos[j]).abs() / spread,
    }
}

/// A fact's spread: the standard deviation of its figures (at least their precision), the
/// normaliser of CRH's losses for figures.
fn fact_spread(f: &Fact) -> f64 {
    if f.scale == Scale::None || f.pos.len() < 2 {
        return 1.0;
    }
    let w: Vec<f64> = f.candidates.iter().map(|c| c.claims.len() as f64).collect();
    let n: f64 = w.iter().sum();
    let sd = if f.scale == Scale::Clock {
        // Around the clock: distances to the first value, which is as good a centre as any
        // for a spread.
        let m: f64 = f
            .pos
            .iter()
            .zip(&w)
            .map(|(p, w)| w * clock_distance(*p, f.pos[0]).powi(2))
            .sum::<f64>()
            / n;
        m.sqrt()
    } else {
        let mean = f.pos.iter().zip(&w).map(|(p, w)| p * w).sum::<f64>() / n;
        (f.pos
            .iter()
            .zip(&w)
            .map(|(p, w)| w * (p - mean).powi(2))
            .sum::<f64>()
            / n)
            .sqrt()
    };
    let floor = match f.scale {
        Scale::Linear => f.pos.iter().map(|&p| precision_unit(p)).fold(0.0, f64::max),
        _ => 1.0,
    };
    sd.max(floor).max(1e-9)
}

/// CRH's truth for one fact: the value whose weighted loss against every claim is least
/// (a weighted median for figures, a weighted vote for categories). `p` gets each value's
/// share of support, 1 − its loss over the total weight.
#[allow(clippy::needless_range_loop)]
fn crh_truth(f: &Fact, spread: f64, weight: &[f64], p: &mut [f64]) {
    let k = f.candidates.len();
    let w: Vec<f64> = f
        .candidates
        .iter()
        .map(|c| c.sources.iter().map(|&s| weight[s as usize]).sum())
        .collect();
    let total: f64 = w.iter().sum::<f64>().max(1e-12);
    let pairwise = k <= SIM_MAX_K;
    for i in 0..k {
        let cost: f64 = if pairwise {
            (0..k)
                .map(|j| w[j] * crh_loss(f, spread, j, i).min(1.0))
                .sum()
        } else {
            total - w[i]
        };
        p[i] = (1.0 - cost / total).clamp(0.0, 1.0);
    }
}

/// CRH's source weights: −ln of each source's mean loss against the current truths relative to
/// the sum of all sources' mean losses.
fn crh_weights(facts: &[Fact], prob: &[Vec<f64>], spread: &[f64], n: usize) -> Vec<f64> {
    let truths: Vec<usize> = prob.iter().map(|p| argmax(p)).collect();
    let (sum, count) = per_source(facts, prob, n, |fi, f, _, i| {
        let t = truths[fi];
        if f.candidates.len() > SIM_MAX_K {
            f64::from(u8::from(i != t))
        } else {
            crh_loss(f, spread[fi], i, t).min(1.0)
        }
    });
    let claims: u64 = count.iter().sum();
    let mean_all = sum.iter().sum::<f64>() / (claims.max(1) as f64);
    let mean: Vec<f64> = sum
        .iter()
        .zip(&count)
        .map(|(&s, &c)| (s + CRH_PRIOR_CLAIMS * mean_all) / (c as f64 + CRH_PRIOR_CLAIMS) + 1e-6)
        .collect();
    let total: f64 = mean.iter().sum();
    mean.iter().map(|m| -(m / total).ln()).collect()
}

/// Investment: what each source earns back from the values it invested in, in proportion to
/// its stake in each value's belief; normalised so the most trusted source has 1.
fn invest_returns(
    facts: &[Fact],
    belief: &[Vec<f64>],
    trust: &[f64],
    stakes: &[u32],
    n: usize,
) -> Vec<f64> {
    let stake = |s: u32| trust[s as usize] / f64::from(stakes[s as usize].max(1));
    let (sum, _) = per_source(facts, belief, n, |_, f, b, i| {
        let pool: f64 = f.candidates[i].sources.iter().map(|&s| stake(s)).sum();
        if pool > 0.0 { b[i] / pool } else { 0.0 }
    });
    // Each source's return is its stake times the belief per unit staked.
    let ret: Vec<f64> = sum
        .iter()
        .enumerate()
        .map(|(s, x)| x * stake(s as u32))
        .collect();
    let top = ret.iter().copied().fold(0.0_f64, f64::max);
    if top > 0.0 {
        ret.iter().map(|r| r / top).collect()
    } else {
        ret
    }
}

/// Investment's beliefs: G of the trust invested in each value; PooledInvestment shares each
/// fact's G-belief among its values in proportion to the trust invested. Similar values lend
/// part of their invested trust.
#[allow(clippy::needless_range_loop)]
fn invest_beliefs(f: &Fact, trust: &[f64], stakes: &[u32], pooled: bool, b: &mut [f64]) {
    let k = f.candidates.len();
    let mut h: Vec<f64> = f
        .candidates
        .iter()
        .map(|c| {
            c.sources
                .iter()
                .map(|&s| trust[s as usize] / f64::from(stakes[s as usize].max(1)))
                .sum()
        })
        .collect();
    if !f.sim.is_empty() {
        let base = h.clone();
        for i in 0..k {
            for j in 0..k {
                if i != j {
                    h[i] += INVEST_SIM_WEIGHT * f.sim[j * k + i] * base[j];
                }
            }
        }
    }
    if pooled {
        let g: Vec<f64> = h.iter().map(|x| x.powf(POOLED_G)).collect();
        let z: f64 = g.iter().sum();
        for i in 0..k {
            b[i] = if z > 0.0 { h[i] * g[i] / z } else { 0.0 };
        }
    } else {
        for i in 0..k {
            b[i] = h[i].powf(INVEST_G);
        }
    }
}

/// Hier: the posterior of each value being the truth, given that each source states the truth
/// with probability φ₁, one of its ancestors with φ₂ (each ancestor alike) and a wrong value
/// with φ₃ (each alike). A source that likely copied another stating the same value counts
/// only as far as it is independent (its log-likelihood is tempered by that probability).
#[allow(clippy::needless_range_loop)]
fn hier_posterior(
    f: &Fact,
    phi: &[[f64; 3]],
    acc: &[f64],
    copying: &FxHashMap<(u32, u32), f64>,
    known: &FxHashMap<(u32, u32), f64>,
    p: &mut [f64],
) {
    let k = f.candidates.len();
    if k == 1 {
        p[0] = 1.0;
        return;
    }
    let hier = !f.anc.is_empty();
    let weights: Vec<Vec<(u32, f64)>> = f
        .candidates
        .iter()
        .map(|c| independence(&c.sources, acc, copying, known))
        .collect();
    // Σ over every claim of ln φ₃: each value's log-likelihood starts from "all wrong" and
    // corrects for the claims that state it or an ancestor.
    let all_wrong: f64 = weights
        .iter()
        .flatten()
        .map(|&(s, w)| w * phi[s as usize][2].ln())
        .sum();
    let claim_weight: f64 = weights.iter().flatten().map(|&(_, w)| w).sum();
    let mut ll = vec![0.0; k];
    for t in 0..k {
        let ancestors: Vec<usize> = if hier {
            (0..k).filter(|&j| f.anc[j * k + t]).collect()
        } else {
            Vec::new()
        };
        let wrong_values = (k - 1 - ancestors.len()).max(1) as f64;
        let mut l = all_wrong - claim_weight * wrong_values.ln();
        for &(s, w) in &weights[t] {
            let ph = phi[s as usize];
            l += w * (ph[0].ln() - (ph[2] / wrong_values).ln());
        }
        let n_anc = ancestors.len().max(1) as f64;
        for &j in &ancestors {
            for &(s, w) in &weights[j] {
                let ph = phi[s as usize];
                l += w * ((ph[1] / n_anc).ln() - (ph[2] / wrong_values).ln());
            }
        }
        ll[t] = l;
    }
    let top = ll.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let z: f64 = ll.iter().map(|l| (l - top).exp()).sum();
    for t in 0..k {
        p[t] = (ll[t] - top).exp() / z;
    }
}

/// Hier: each source's probabilities of stating the truth, an ancestor of it, or a wrong value,
/// as the expected shares over its claims, smoothed towards the initial values.
fn hier_params(facts: &[Fact], prob: &[Vec<f64>], n: usize) -> Vec<[f64; 3]> {
    let (exact, count) = per_source(facts, prob, n, |_, _, p, i| p[i]);
    let (general, _) = per_source(facts, prob, n, |_, f, p, i| {
        let k = f.candidates.len();
        if f.anc.is_empty() {
            return 0.0;
        }
        (0..k).filter(|&t| f.anc[i * k + t]).map(|t| p[t]).sum()
    });
    (0..n)
        .map(|s| {
            let c = count[s] as f64 + HIER_PRIOR;
            let e = (exact[s] + HIER_PRIOR * HIER_INITIAL[0]) / c;
            let g = (general[s] + HIER_PRIOR * HIER_INITIAL[1]) / c;
            let w = (1.0 - e - g).max(1e-3);
            [e.max(1e-3), g.max(1e-3), w]
        })
        .collect()
}

fn argmax(p: &[f64]) -> usize {
    // Highest value; ties to the earlier (first stated) value.
    let mut best = 0;
    for (i, &x) in p.iter().enumerate() {
        if x > p[best] {
            best = i;
        }
    }
    best
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
    let k = f.candidates.len();
    // Highest probability; among equals, the more specific value (Hier), then more sources,
    // then the earlier value (stable order).
    let depth = |i: usize| -> usize {
        if f.anc.is_empty() {
            0
        } else {
            (0..k).filter(|&j| f.anc[j * k + i]).count()
        }
    };
    let best = (0..k)
        .max_by(|&i, &j| {
            p[i].total_cmp(&p[j])
                .then(depth(i).cmp(&depth(j)))
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
    let claim = chosen.claims[0];
    let value_index = g
        .values
        .iter()
        .position(|v| v.claims.contains(&claim))
        .unwrap_or(0);
    let mut roots: Vec<u32> = chosen
        .sources
        .iter()
        .map(|&s| cmp.origin[s as usize])
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let stated = &d.claims[claim as usize].value;
    let mut all: Vec<u32> = f
        .candidates
        .iter()
        .flat_map(|c| c.sources.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    let total_sources = all.len();
    let mut tie = false;
    let explanation = if k == 1 {
        format!(
            "\"{stated}\" is the only value ({} source{}, {} independent)",
            chosen.sources.len(),
            if chosen.sources.len() == 1 { "" } else { "s" },
            roots.len()
        )
    } else {
        // The runner-up: the most probable other value, then the one with most sources.
        let runner = (0..k)
            .filter(|&i| i != best)
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
            .unwrap_or(best);
        let most_other = (0..k)
            .filter(|&i| i != best)
            .map(|i| f.candidates[i].sources.len())
            .max()
            .unwrap_or(0);
        let mine = chosen.sources.len();
        tie = mine == most_other;
        let rc = &f.candidates[runner];
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
        let other = format!(
            "over \"{}\" ({} of {total_sources} sources{})",
            d.claims[rc.claims[0] as usize].value,
            rc.sources.len(),
            if copied.is_empty() {
                String::new()
            } else {
                format!("; {}", copied.join(", "))
            }
        );
        let supported_by_similar = !f.sim.is_empty()
            && (0..k).any(|j| j != best && f.sim[j * k + best] > 0.5)
            && mine <= most_other;
        let why: String = if tie && method == Method::Vote {
            format!("a tie, {mine} vs {most_other} sources: chose the value stated first")
        } else if tie {
            format!("a tie, {mine} vs {most_other} sources: chose \"{stated}\" by source trust")
        } else if mine > most_other && method == Method::Vote {
            "more sources state it".into()
        } else if method == Method::Hier && depth(best) > 0 && mine <= most_other {
            "its sources and those stating a broader value that contains it outweigh the rest"
                .into()
        } else if supported_by_similar {
            "its sources, with those stating close or compatible values, outweigh the rest".into()
        } else {
            match method {
                Method::Vote => "more sources state it".into(),
                Method::TruthFinder => {
                    "its sources are more trustworthy and compatible values support it".into()
                }
                Method::Accu => "its independent, more accurate sources outweigh the rest".into(),
                Method::Crh => "its sources have the least loss against the estimated truths, \
                                so they weigh more"
                    .into(),
                Method::Investment | Method::PooledInvestment => {
                    "its sources earned more trust from the values they invested in".into()
                }
                Method::Hier => "its sources state the truth more often".into(),
            }
        };
        format!(
            "chose \"{stated}\" ({mine} of {total_sources} sources, {} independent) {other}: {why}",
            roots.len(),
        )
    };
    Resolution {
        group: f.group,
        value: value_index,
        claim,
        confidence: p[best],
        sources: chosen.sources.clone(),
        independent_sources: roots.len(),
        tie,
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_intervals_are_fully_similar_and_distant_ones_not() {
        let a = Interval::closed(90.0, 100.0);
        assert_eq!(interval_similarity(&a, &Interval::point(95.0), 1.0), 1.0);
        assert!(interval_similarity(&a, &Interval::point(1000.0), 1.0) < 0.01);
    }

    #[test]
    fn figures_are_close_by_their_stated_precision_not_by_their_size() {
        assert_eq!(precision_unit(25_000.0), 1000.0);
        assert_eq!(precision_unit(25_417.0), 1.0);
        assert_eq!(precision_unit(7.25), 0.01);
        // A typo in the last digit is one unit away; a stale round figure is far.
        let typo = interval_similarity(&Interval::point(25_417.0), &Interval::point(25_418.0), 1.0);
        let stale = interval_similarity(
            &Interval::point(24_000.0),
            &Interval::point(25_417.0),
            1000.0,
        );
        assert!(typo > 0.3 && stale < 0.3, "{typo} {stale}");
    }

    #[test]
    fn times_of_day_are_compared_around_the_clock() {
        assert_eq!(clock_distance(23.0 * 60.0 + 56.0, 1.0), 5.0);
        assert_eq!(clock_distance(30.0, 20.0), 10.0);
        assert_eq!(clock_distance(0.0, 720.0), 720.0);
    }

    fn cand(sources: Vec<u32>) -> Candidate {
        Candidate {
            claims: vec![0],
            sources,
        }
    }

    fn fact(candidates: Vec<Candidate>) -> Fact {
        Fact {
            group: 0,
            candidates,
            sim: Vec::new(),
            anc: Vec::new(),
            pos: Vec::new(),
            scale: Scale::None,
        }
    }

    #[test]
    fn copying_is_learnt_from_shared_false_values() {
        // Three facts; sources 1 and 2 share two minority (likely false) values.
        let facts = vec![
            fact(vec![cand(vec![0, 3, 4]), cand(vec![1, 2])]),
            fact(vec![cand(vec![0, 3, 4]), cand(vec![1, 2])]),
            fact(vec![cand(vec![0, 1, 2, 3, 4])]),
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

    #[test]
    fn hier_prefers_the_most_specific_supported_value() {
        // Value 0 (a country) is the ancestor of value 1 (a city in it); value 2 is another
        // country. Three sources say the country, two the city, one the other country.
        let mut f = fact(vec![cand(vec![0, 1, 2]), cand(vec![3, 4]), cand(vec![5])]);
        f.anc = vec![false; 9];
        f.anc[1] = true; // 0 is an ancestor of 1
        f.sim = vec![0.0; 9];
        let phi = vec![HIER_INITIAL; 6];
        let acc = vec![0.9; 6];
        let none = FxHashMap::default();
        let mut p = vec![0.0; 3];
        hier_posterior(&f, &phi, &acc, &none, &none, &mut p);
        assert!(p[1] > p[0] && p[1] > p[2], "{p:?}");
        // Without the hierarchy, the country's three sources win.
        f.anc = vec![false; 9];
        hier_posterior(&f, &phi, &acc, &none, &none, &mut p);
        assert!(p[0] > p[1], "{p:?}");
    }

    #[test]
    fn crh_picks_the_weighted_median_of_figures() {
        let mut f = fact(vec![
            cand(vec![0]),
            cand(vec![1, 2]),
            cand(vec![3]),
            cand(vec![4]),
        ]);
        f.scale = Scale::Linear;
        f.pos = vec![100.0, 101.0, 102.0, 500.0];
        f.sim = vec![0.0; 16];
        let spread = fact_spread(&f);
        let mut p = vec![0.0; 4];
        crh_truth(&f, spread, &[1.0; 5], &mut p);
        assert_eq!(argmax(&p), 1, "{p:?}");
    }

    #[test]
    fn pooled_investment_rewards_the_value_of_trusted_sources() {
        let f = fact(vec![cand(vec![0]), cand(vec![1, 2])]);
        let mut b = vec![0.0; 2];
        invest_beliefs(&f, &[1.0, 0.2, 0.2], &[1, 1, 1], true, &mut b);
        assert!(b[0] > b[1], "{b:?}");
        invest_beliefs(&f, &[1.0, 1.0, 1.0], &[1, 1, 1], true, &mut b);
        assert!(b[1] > b[0], "{b:?}");
    }
}
