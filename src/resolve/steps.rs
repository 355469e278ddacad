//! The update steps of the methods: per-source averages, Accu's vote counts and copy
//! detection, CRH's losses and weights, Investment's returns and beliefs, Hier's posteriors.

use super::*;

pub(super) fn pair(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

pub(super) fn max_change(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// Sums a per-claim quantity into per-source totals over fixed chunks of facts, in parallel,
/// then adds the chunks in order: the result does not depend on how many threads ran or how
/// work was stolen.
pub(super) fn per_source<F>(
    facts: &[Fact],
    prob: &[Vec<f64>],
    n: usize,
    each: F,
) -> (Vec<f64>, Vec<u64>)
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
pub(super) fn source_average(facts: &[Fact], prob: &[Vec<f64>], n: usize, prior: f64) -> Vec<f64> {
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
pub(super) fn vote_count(
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
pub(super) fn independence(
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
pub(super) fn detect_copying(
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
pub(super) fn crh_loss(f: &Fact, spread: f64, j: usize, i: usize) -> f64 {
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
pub(super) fn fact_spread(f: &Fact) -> f64 {
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
pub(super) fn crh_truth(f: &Fact, spread: f64, weight: &[f64], p: &mut [f64]) {
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
pub(super) fn crh_weights(facts: &[Fact], prob: &[Vec<f64>], spread: &[f64], n: usize) -> Vec<f64> {
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
pub(super) fn invest_returns(
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
pub(super) fn invest_beliefs(f: &Fact, trust: &[f64], stakes: &[u32], pooled: bool, b: &mut [f64]) {
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
pub(super) fn hier_posterior(
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
pub(super) fn hier_params(facts: &[Fact], prob: &[Vec<f64>], n: usize) -> Vec<[f64; 3]> {
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

pub(super) fn argmax(p: &[f64]) -> usize {
    // Highest value; ties to the earlier (first stated) value.
    let mut best = 0;
    for (i, &x) in p.iter().enumerate() {
        if x > p[best] {
            best = i;
        }
    }
    best
}
