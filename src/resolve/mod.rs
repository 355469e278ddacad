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

mod explain;
mod facts;
mod similarity;
mod steps;
use explain::*;
use facts::*;
use similarity::*;
pub use similarity::{clock_distance, precision_unit};
use steps::*;

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
