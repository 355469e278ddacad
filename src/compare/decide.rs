//! The verdict of one group, decided in one place.
//!
//! [`decide`] is a pure function of a group's members (what each claim reads as, when its
//! figure held, whose voice it is) and its property's policy. It returns the verdict, the
//! reason as data (rendered by the report), the value clusters and every pair worth a
//! finding. Nothing here formats text or reads the dossier.
//!
//! The steps, in order:
//! 1. contested voices (`claimed`, `alleged`, `speculated`, or a party's attribution) are set
//!    aside from the verdict when anyone else states the fact;
//! 2. claims that cannot be compared (unreadable, or in another unit or currency than the
//!    most common one) are set aside with their own note; for a fixed property, figures the
//!    source itself calls earlier are set aside as superseded;
//! 3. the rest are clustered by value; conflicts are looked for only between clusters
//!    adjacent in value order (one sort, never all pairs);
//! 4. for changing properties, claims are ordered in time: figures at the same moment are
//!    compared with each other, consecutive moments make the timeline.
//!
//! The verdict is then the first of [`PRECEDENCE`] whose condition holds.

use super::Verdict;
use crate::model::{Interval, Temporal};
use serde::Serialize;

/// The verdicts a decision can reach, most serious first: the first that applies wins.
/// (`scope-differs` is given later, by comparing groups with each other.)
pub const PRECEDENCE: [Verdict; 7] = [
    // Two values that cannot both hold at the same time.
    Verdict::Conflict,
    // Values differ, but when each held cannot be told apart.
    Verdict::OrderUnknown,
    // Values differ, in an order that time explains.
    Verdict::Revised,
    // Fewer than two comparable claims, because others were set aside.
    Verdict::NotComparable,
    // Only one source states it (among claims that are not contested).
    Verdict::SingleSource,
    // Values overlap but are not the same.
    Verdict::Compatible,
    // At least two readable claims, one value.
    Verdict::Agree,
];

/// The dimension a figure is measured in: figures of different dimensions are not compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Dim {
    pub unit: Option<&'static str>,
    pub currency: Option<&'static str>,
}

/// What a claim's value is, as far as comparing goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// A number, amount, duration, date or time of day, as an interval in its dimension.
    Interval { iv: Interval, dim: Dim },
    /// An entity, a text or a list of names, by its key; kinship comes from [`Kinship`].
    Category(String),
    /// Nothing comparable could be read.
    Unreadable,
}

/// When a figure held: days, ends included; `i64::MIN` / `i64::MAX` for open ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct When {
    pub first: i64,
    pub last: i64,
}

impl When {
    pub fn day(d: i64) -> When {
        When { first: d, last: d }
    }
    fn is_day(self) -> bool {
        self.first == self.last
    }
}

/// One claim of a group, as the decision sees it.
#[derive(Debug, Clone)]
pub struct Member {
    pub claim: u32,
    pub source: u32,
    pub reading: Reading,
    /// When the figure held; `None` when unknown. Read only for changing properties.
    pub when: Option<When>,
    /// The source itself reports this figure as an earlier one.
    pub earlier: bool,
    pub contested: bool,
    pub negated: bool,
}

/// What the property says about its values.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub single_valued: bool,
    pub temporal: Temporal,
    /// Declared relative tolerance; `None`: values as stated, no slack.
    pub tolerance: Option<f64>,
}

/// How categorical values relate, which only the vocabulary knows.
pub trait Kinship {
    /// Two different keys that name the same value (name lists spelled differently).
    fn same(&self, a: u32, b: u32) -> bool;
    /// Two different values that can both be true (one is part of the other, one's words
    /// contain the other's).
    fn related(&self, a: u32, b: u32) -> bool;
    /// Where a value sits in a chain of related values: parts (deeper entities) before their
    /// wholes, fewer words before more. Beyond [`PAIRWISE`] values only neighbours in this
    /// order are compared, which finds the same components when relations are transitive.
    fn chain_key(&self, _c: u32) -> (std::cmp::Reverse<usize>, usize) {
        (std::cmp::Reverse(0), 0)
    }
}

/// Up to this many distinct categorical values every pair is compared.
const PAIRWISE: usize = 64;

/// The root of `i` in a union-find forest, halving paths on the way.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Why a claim was left out of the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "why")]
pub enum SetAside {
    /// Its value could not be read as the property's kind.
    Unreadable,
    /// Measured in another unit or currency than the claims judged.
    OtherDimension { dim: Dim, judged: Dim },
    /// The source itself calls this figure an earlier one, and the fact does not change.
    Superseded,
}

/// Two claims a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
}

/// A contested voice and, when it disagrees with the fact, the claim it disputes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Contest {
    pub claim: u32,
    pub disputes: Option<u32>,
}

/// The reason for a verdict, as data; the report renders it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Reason {
    /// Every claim denies the value.
    AllDeny,
    /// `claims` readable claims state one value.
    Agree { claims: usize },
    /// Every claim allows `common`.
    Overlap { common: Interval },
    /// Different values that can all be true: pairs of claims whose values are kin, the
    /// first part of (or a detail of) the second.
    Related { pairs: Vec<Pair> },
    /// A property that takes several values; the sources name `values` of them.
    SeveralValues { values: usize },
    /// One claim affirms what another denies.
    Denied { affirmed: u32, denied: u32 },
    /// Values that cannot both hold at once: the first pair, and how many pairs of adjacent
    /// clusters conflict.
    Conflict { pair: Pair, conflicts: usize },
    /// Values differ and their times cannot be ordered.
    OrderUnknown { pair: Pair, count: usize },
    /// Values changed over time: one claim per moment, in time order.
    Revised { timeline: Vec<u32>, falls: usize },
    /// No two claims could be compared.
    TooFewComparable { readable: usize },
    /// Only one source (or one readable claim) states it.
    OneSource { claims: usize },
    /// Set by the comparison of groups: only this group's source counts this scope.
    ScopeDiffers { other: u32 },
}

/// The outcome for one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub verdict: Verdict,
    pub reason: Reason,
    /// Clusters of equal values among the claims judged, in value order.
    pub clusters: Vec<Vec<u32>>,
    pub set_aside: Vec<(u32, SetAside)>,
    pub contested: Vec<Contest>,
    /// Conflicting claims of adjacent clusters, from different sources, at the same time.
    pub conflicts: Vec<Pair>,
    /// One source stating two values at the same time.
    pub internal: Vec<Pair>,
    /// Differing values whose order in time is unknown.
    pub unordered: Vec<Pair>,
    /// A cumulative figure lower than the one before it: (before, after).
    pub falls: Vec<Pair>,
    /// Lowest upper end and highest lower end of the judged figures, when disjoint.
    pub extremes: Option<Pair>,
}

fn lo(i: &Interval) -> f64 {
    i.low.unwrap_or(f64::NEG_INFINITY)
}
fn hi(i: &Interval) -> f64 {
    i.high.unwrap_or(f64::INFINITY)
}

/// `a` lies wholly below `b`, once the slack of a declared tolerance is allowed.
fn below(a: &Interval, b: &Interval, slack: f64) -> bool {
    if slack > 0.0 {
        return match (a.high, b.low) {
            (Some(h), Some(l)) => l - h > slack,
            _ => false,
        };
    }
    a.is_before(b)
}

/// What both intervals allow, if anything.
fn meet(a: &Interval, b: &Interval) -> Option<Interval> {
    if a.is_before(b) || b.is_before(a) {
        return None;
    }
    let (low, low_inclusive) = if lo(a) > lo(b) || (lo(a) == lo(b) && !a.low_inclusive) {
        (a.low, a.low_inclusive)
    } else {
        (b.low, b.low_inclusive)
    };
    let (high, high_inclusive) = if hi(a) < hi(b) || (hi(a) == hi(b) && !a.high_inclusive) {
        (a.high, a.high_inclusive)
    } else {
        (b.high, b.high_inclusive)
    };
    Some(Interval {
        low,
        high,
        low_inclusive,
        high_inclusive,
    })
}

fn value_order(a: &Interval, b: &Interval) -> std::cmp::Ordering {
    lo(a)
        .total_cmp(&lo(b))
        .then(b.low_inclusive.cmp(&a.low_inclusive))
        .then(hi(a).total_cmp(&hi(b)))
        .then(a.high_inclusive.cmp(&b.high_inclusive))
}

fn interval(m: &Member) -> Interval {
    match &m.reading {
        Reading::Interval { iv, .. } => *iv,
        _ => Interval::point(0.0),
    }
}

fn distinct_sources(members: &[&Member]) -> usize {
    let mut s: Vec<u32> = members.iter().map(|m| m.source).collect();
    s.sort_unstable();
    s.dedup();
    s.len()
}

/// Decides a group. `members` in dossier order.
pub fn decide(policy: &Policy, members: &[Member], kin: &dyn Kinship) -> Decision {
    let mut out = Decision {
        verdict: Verdict::Agree,
        reason: Reason::Agree { claims: 0 },
        clusters: Vec::new(),
        set_aside: Vec::new(),
        contested: Vec::new(),
        conflicts: Vec::new(),
        internal: Vec::new(),
        unordered: Vec::new(),
        falls: Vec::new(),
        extremes: None,
    };
    let (negated, affirmed): (Vec<&Member>, Vec<&Member>) = members.iter().partition(|m| m.negated);
    if affirmed.is_empty() {
        out.clusters = vec![negated.iter().map(|m| m.claim).collect()];
        if distinct_sources(&negated) < 2 {
            out.verdict = Verdict::SingleSource;
            out.reason = Reason::OneSource {
                claims: negated.len(),
            };
        } else {
            out.reason = Reason::AllDeny;
        }
        return out;
    }
    let affirmed_all = affirmed.clone();
    // 1. Contested voices stand aside when anyone else states the fact.
    let (mut base, contested): (Vec<&Member>, Vec<&Member>) =
        if affirmed.iter().any(|m| !m.contested) {
            affirmed.iter().partition(|m| !m.contested)
        } else {
            (affirmed, Vec::new())
        };
    // 2. What cannot be compared.
    if policy.temporal == Temporal::Fixed {
        base.retain(|m| {
            if m.earlier {
                out.set_aside.push((m.claim, SetAside::Superseded));
            }
            !m.earlier
        });
    }
    let judged_dim = majority_dim(&base);
    base.retain(|m| {
        let why = match &m.reading {
            Reading::Unreadable => Some(SetAside::Unreadable),
            Reading::Interval { dim, .. } if Some(*dim) != judged_dim => {
                Some(SetAside::OtherDimension {
                    dim: *dim,
                    judged: judged_dim.unwrap_or(*dim),
                })
            }
            _ => None,
        };
        if let Some(why) = why {
            out.set_aside.push((m.claim, why));
        }
        why.is_none()
    });
    let numeric = base
        .first()
        .is_some_and(|m| matches!(m.reading, Reading::Interval { .. }));
    // 3. Clusters of equal values, in value order.
    let tol = match policy.tolerance {
        Some(t) if numeric => {
            let mut centers: Vec<f64> = base
                .iter()
                .filter_map(|m| interval(m).center())
                .map(f64::abs)
                .collect();
            centers.sort_by(f64::total_cmp);
            t * centers.get(centers.len() / 2).copied().unwrap_or(0.0)
        }
        _ => 0.0,
    };
    let clusters = if numeric {
        numeric_clusters(&base, tol)
    } else {
        category_clusters(&base, kin)
    };
    out.contested = contests(policy, &contested, &base, &clusters, kin);
    out.clusters = clusters
        .iter()
        .map(|c| c.iter().map(|&i| base[i].claim).collect())
        .collect();
    // A value one claim affirms and another denies: the same category, or a figure within
    // the denied one ("denied that the toll had reached 11,300" against "11,300"). Few claims
    // deny; each is checked against one claim per cluster.
    {
        for n in negated.iter().take(64) {
            let denied =
                clusters
                    .iter()
                    .map(|c| base[c[0]])
                    .find(|a| match (&a.reading, &n.reading) {
                        (Reading::Category(x), Reading::Category(y)) => x == y,
                        (Reading::Interval { iv, dim }, Reading::Interval { iv: d, dim: dd }) => {
                            dim == dd && d.contains_interval(iv)
                        }
                        _ => false,
                    });
            if let Some(a) = denied {
                let pair = Pair {
                    a: a.claim,
                    b: n.claim,
                };
                out.conflicts.push(pair);
                out.verdict = Verdict::Conflict;
                out.reason = Reason::Denied {
                    affirmed: a.claim,
                    denied: n.claim,
                };
                return out;
            }
        }
    }
    let sources = distinct_sources(&base);
    if base.len() < 2 || (sources < 2 && clusters.len() < 2) {
        let really_set_aside = out
            .set_aside
            .iter()
            .any(|(_, w)| *w != SetAside::Superseded);
        // One source alone cannot be corroborated, whatever could be read.
        if distinct_sources(&affirmed_all) < 2 {
            out.verdict = Verdict::SingleSource;
            out.reason = Reason::OneSource { claims: base.len() };
        } else if really_set_aside || base.is_empty() {
            out.verdict = Verdict::NotComparable;
            out.reason = Reason::TooFewComparable {
                readable: base.len(),
            };
        } else {
            out.verdict = Verdict::SingleSource;
            out.reason = Reason::OneSource { claims: base.len() };
        }
        return out;
    }
    if numeric {
        judge_intervals(policy, &base, &clusters, tol, &mut out);
    } else {
        judge_categories(policy, &base, &clusters, kin, &mut out);
    }
    // One source alone, with one value: uncorroborated. Its own revisions and
    // contradictions stay visible.
    if sources < 2 && matches!(out.verdict, Verdict::Agree | Verdict::Compatible) {
        out.verdict = Verdict::SingleSource;
        out.reason = Reason::OneSource { claims: base.len() };
    }
    out
}

/// The most common dimension among the figures (ties: the one met first).
fn majority_dim(base: &[&Member]) -> Option<Dim> {
    let mut counts: Vec<(Dim, usize)> = Vec::new();
    for m in base {
        if let Reading::Interval { dim, .. } = &m.reading {
            match counts.iter_mut().find(|(d, _)| d == dim) {
                Some((_, n)) => *n += 1,
                None => counts.push((*dim, 1)),
            }
        }
    }
    let mut best: Option<(Dim, usize)> = None;
    for (d, n) in counts {
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((d, n));
        }
    }
    best.map(|(d, _)| d)
}

/// Clusters of equal figures (within the declared tolerance) as indices into `base`,
/// in value order.
fn numeric_clusters(base: &[&Member], tol: f64) -> Vec<Vec<usize>> {
    let mut sorted: Vec<(Interval, usize)> = base
        .iter()
        .enumerate()
        .map(|(i, m)| (interval(m), i))
        .collect();
    sorted.sort_by(|a, b| value_order(&a.0, &b.0).then(a.1.cmp(&b.1)));
    let same = |a: &Interval, b: &Interval| {
        let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
            (Some(x), Some(y)) => (x - y).abs() <= tol,
            (None, None) => true,
            _ => false,
        };
        close(a.low, b.low)
            && close(a.high, b.high)
            && a.low_inclusive == b.low_inclusive
            && a.high_inclusive == b.high_inclusive
    };
    let mut clusters: Vec<(Interval, Vec<usize>)> = Vec::new();
    for (iv, i) in sorted {
        match clusters.last_mut() {
            Some((first, members)) if same(first, &iv) => members.push(i),
            _ => clusters.push((iv, vec![i])),
        }
    }
    clusters.into_iter().map(|(_, m)| m).collect()
}

fn category_clusters(base: &[&Member], kin: &dyn Kinship) -> Vec<Vec<usize>> {
    fn key(m: &Member) -> &str {
        match &m.reading {
            Reading::Category(k) => k.as_str(),
            _ => "",
        }
    }
    let mut sorted: Vec<(&str, usize)> =
        base.iter().enumerate().map(|(i, m)| (key(m), i)).collect();
    sorted.sort_unstable();
    let mut clusters: Vec<(&str, Vec<usize>)> = Vec::new();
    for (k, i) in sorted {
        match clusters.last_mut() {
            Some((last, members)) if *last == k => members.push(i),
            _ => clusters.push((k, vec![i])),
        }
    }
    let clusters: Vec<Vec<usize>> = clusters.into_iter().map(|(_, m)| m).collect();
    // Different spellings of the same value (name lists); pairwise, so only for few values.
    if clusters.len() > 200 {
        return clusters;
    }
    let mut merged: Vec<Vec<usize>> = Vec::new();
    for c in clusters {
        match merged
            .iter_mut()
            .find(|m| kin.same(base[m[0]].claim, base[c[0]].claim))
        {
            Some(m) => m.extend(c),
            None => merged.push(c),
        }
    }
    merged
}

/// Contested voices, each with the judged claim it disputes when it agrees with none.
fn contests(
    policy: &Policy,
    contested: &[&Member],
    base: &[&Member],
    clusters: &[Vec<usize>],
    kin: &dyn Kinship,
) -> Vec<Contest> {
    let reps: Vec<&Member> = clusters.iter().map(|c| base[c[0]]).collect();
    contested
        .iter()
        .map(|m| {
            let agrees = |r: &Member| match (&m.reading, &r.reading) {
                (Reading::Interval { iv, dim }, Reading::Interval { iv: j, dim: dj }) => {
                    dim != dj || iv.overlaps(j)
                }
                (Reading::Category(a), Reading::Category(b)) => {
                    a == b
                        || kin.same(m.claim, r.claim)
                        || kin.related(m.claim, r.claim)
                        || kin.related(r.claim, m.claim)
                }
                _ => true,
            };
            // A property that takes several values has room for every voice.
            let disagrees = policy.single_valued
                && !matches!(m.reading, Reading::Unreadable)
                && !reps.is_empty()
                && !reps.iter().any(|r| agrees(r));
            let nearest = || match &m.reading {
                Reading::Interval { iv, .. } => reps
                    .iter()
                    .min_by(|a, b| iv.gap(&interval(a)).total_cmp(&iv.gap(&interval(b))))
                    .map(|r| r.claim),
                _ => reps.first().map(|r| r.claim),
            };
            Contest {
                claim: m.claim,
                disputes: if disagrees { nearest() } else { None },
            }
        })
        .collect()
}

/// The order of two claims' times; `None` when it cannot be told.
fn time_order(a: &Member, b: &Member) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering::*;
    if a.source == b.source && a.earlier != b.earlier {
        return Some(if a.earlier { Less } else { Greater });
    }
    let (x, y) = (a.when?, b.when?);
    if x.last < y.first {
        Some(Less)
    } else if y.last < x.first {
        Some(Greater)
    } else if x == y && x.is_day() && a.earlier == b.earlier {
        Some(Equal)
    } else {
        None
    }
}

/// The claims of each moment (identical times; unknown times together), in time order,
/// as indices into `base`.
fn moments(policy: &Policy, base: &[&Member]) -> Vec<Vec<usize>> {
    if policy.temporal == Temporal::Fixed {
        return vec![(0..base.len()).collect()];
    }
    let key = |m: &Member| {
        let w = m.when.unwrap_or(When {
            first: i64::MAX,
            last: i64::MAX,
        });
        // An earlier figure sorts before its source's current one of the same date.
        (
            w.first,
            w.last,
            !m.earlier,
            if m.earlier { m.source } else { 0 },
        )
    };
    let mut sorted: Vec<usize> = (0..base.len()).collect();
    sorted.sort_by_key(|&i| (key(base[i]), i));
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in sorted {
        match out.last_mut() {
            Some(last) if key(base[last[0]]) == key(base[i]) => last.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// Conflicts among `idx` (indices into `base`): each pair of clusters adjacent in value
/// order that cannot both hold; when a wide value bridges every adjacent pair but the
/// values still share no point, the lowest upper end against the highest lower end. One
/// claim of each side, from two different sources when `cross`.
fn breaks(base: &[&Member], idx: &[usize], tol: f64, cross: bool) -> Vec<Pair> {
    let sub: Vec<&Member> = idx.iter().map(|&i| base[i]).collect();
    let clusters = numeric_clusters(&sub, tol);
    let mut out = Vec::new();
    let pick = |a: &[usize], b: &[usize]| {
        if cross {
            cross_pair(&sub, a, b).map(|(a, b)| Pair { a, b })
        } else {
            Some(Pair {
                a: sub[a[0]].claim,
                b: sub[b[0]].claim,
            })
        }
    };
    let mut disjoint = false;
    for w in clusters.windows(2) {
        if below(&interval(sub[w[0][0]]), &interval(sub[w[1][0]]), tol) {
            disjoint = true;
            out.extend(pick(&w[0], &w[1]));
        }
    }
    if !disjoint && clusters.len() > 1 {
        let (mut lowest_high, mut highest_low) = (0, 0);
        for (k, cl) in clusters.iter().enumerate() {
            let (i, l, h) = (
                interval(sub[cl[0]]),
                interval(sub[clusters[highest_low][0]]),
                interval(sub[clusters[lowest_high][0]]),
            );
            if lo(&i) > lo(&l) || (i.low == l.low && !i.low_inclusive && l.low_inclusive) {
                highest_low = k;
            }
            if hi(&i) < hi(&h) || (i.high == h.high && !i.high_inclusive && h.high_inclusive) {
                lowest_high = k;
            }
        }
        let (a, b) = (&clusters[lowest_high], &clusters[highest_low]);
        if below(&interval(sub[a[0]]), &interval(sub[b[0]]), tol) {
            out.extend(pick(a, b));
        }
    }
    out
}

/// A claim of `a` and a claim of `b` from two different sources, in linear time.
fn cross_pair(sub: &[&Member], a: &[usize], b: &[usize]) -> Option<(u32, u32)> {
    let (a0, b0) = (sub[a[0]], sub[b[0]]);
    if let Some(&j) = b.iter().find(|&&j| sub[j].source != a0.source) {
        return Some((a0.claim, sub[j].claim));
    }
    // Every claim of `b` is from a0's source.
    a.iter()
        .find(|&&i| sub[i].source != b0.source)
        .map(|&i| (sub[i].claim, b0.claim))
}

/// One source's own contradictions within a moment.
fn internal_breaks(base: &[&Member], idx: &[usize], tol: f64) -> Vec<Pair> {
    let mut by_source: Vec<usize> = idx.to_vec();
    by_source.sort_by_key(|&i| (base[i].source, i));
    by_source
        .chunk_by(|&a, &b| base[a].source == base[b].source)
        .filter(|run| run.len() > 1)
        .flat_map(|run| breaks(base, run, tol, false))
        .collect()
}

fn judge_intervals(
    policy: &Policy,
    base: &[&Member],
    clusters: &[Vec<usize>],
    tol: f64,
    out: &mut Decision,
) {
    // The highest lower end and the lowest upper end: disjoint when they cross.
    let (mut lo_m, mut hi_m) = (base[0], base[0]);
    for &m in base {
        let (i, l, h) = (interval(m), interval(lo_m), interval(hi_m));
        if lo(&i) > lo(&l) || (i.low == l.low && !i.low_inclusive && l.low_inclusive) {
            lo_m = m;
        }
        if hi(&i) < hi(&h) || (i.high == h.high && !i.high_inclusive && h.high_inclusive) {
            hi_m = m;
        }
    }
    let (low_end, high_start) = (interval(hi_m), interval(lo_m));
    if !below(&low_end, &high_start, tol) {
        if clusters.len() == 1 {
            out.verdict = Verdict::Agree;
            out.reason = Reason::Agree { claims: base.len() };
        } else {
            out.verdict = Verdict::Compatible;
            out.reason = Reason::Overlap {
                common: Interval {
                    low: high_start.low,
                    high: low_end.high,
                    low_inclusive: high_start.low_inclusive,
                    high_inclusive: low_end.high_inclusive,
                },
            };
        }
        return;
    }
    out.extremes = Some(Pair {
        a: hi_m.claim,
        b: lo_m.claim,
    });
    // 4. Moments in time order: within one, values must agree; from one to the next, a
    // change is a revision when the order is known.
    let mut timeline: Vec<u32> = Vec::new();
    let mut prev: Option<(&Member, Interval)> = None;
    for moment in moments(policy, base) {
        let first = base[moment[0]];
        let simultaneous = policy.temporal == Temporal::Fixed
            || (first.when.is_some_and(When::is_day) && !first.earlier);
        let between = breaks(base, &moment, tol, true);
        if simultaneous {
            out.conflicts.extend(between);
        } else {
            out.unordered.extend(between);
        }
        // A moment's claims share one time, so one source's differing figures in it are
        // stated at once (its publication, however coarse), whatever the others say.
        out.internal.extend(internal_breaks(base, &moment, tol));
        if policy.temporal == Temporal::Fixed {
            continue;
        }
        // The moment's figure: what all its claims allow, or the first when they conflict.
        let summary = moment
            .iter()
            .skip(1)
            .try_fold(interval(first), |acc, &i| meet(&acc, &interval(base[i])))
            .unwrap_or_else(|| interval(first));
        if let Some((p, pv)) = prev {
            let fell = below(&summary, &pv, tol);
            if fell || below(&pv, &summary, tol) {
                let pair = Pair {
                    a: p.claim,
                    b: first.claim,
                };
                match time_order(p, first) {
                    Some(std::cmp::Ordering::Less) => {
                        if timeline.last() != Some(&p.claim) {
                            timeline.push(p.claim);
                        }
                        timeline.push(first.claim);
                        if fell && policy.temporal == Temporal::Cumulative {
                            out.falls.push(pair);
                        }
                    }
                    Some(std::cmp::Ordering::Equal) => out.conflicts.push(pair),
                    _ => out.unordered.push(pair),
                }
            }
        }
        prev = Some((first, summary));
    }
    let found = !(out.conflicts.is_empty() && out.internal.is_empty() && out.unordered.is_empty());
    if !found && timeline.is_empty() {
        // Each moment agrees with the next, yet the figures share no point: the extremes.
        let pair = Pair {
            a: hi_m.claim,
            b: lo_m.claim,
        };
        match time_order(hi_m, lo_m) {
            Some(std::cmp::Ordering::Equal) => out.conflicts.push(pair),
            Some(order) => {
                let (first, then) = if order == std::cmp::Ordering::Less {
                    (hi_m, lo_m)
                } else {
                    (lo_m, hi_m)
                };
                timeline = vec![first.claim, then.claim];
                if policy.temporal == Temporal::Cumulative
                    && below(&interval(then), &interval(first), tol)
                {
                    out.falls.push(Pair {
                        a: first.claim,
                        b: then.claim,
                    });
                }
            }
            None => out.unordered.push(pair),
        }
    }
    if let Some(&pair) = out.conflicts.first().or(out.internal.first()) {
        out.verdict = Verdict::Conflict;
        out.reason = Reason::Conflict {
            pair,
            conflicts: out.conflicts.len() + out.internal.len(),
        };
    } else if let Some(&pair) = out.unordered.first() {
        out.verdict = Verdict::OrderUnknown;
        out.reason = Reason::OrderUnknown {
            pair,
            count: out.unordered.len(),
        };
    } else {
        // A cumulative figure that falls cannot have held at both times: the timeline is the
        // reason, the verdict a conflict.
        out.verdict = if out.falls.is_empty() {
            Verdict::Revised
        } else {
            Verdict::Conflict
        };
        out.reason = Reason::Revised {
            timeline,
            falls: out.falls.len(),
        };
    }
}

fn judge_categories(
    policy: &Policy,
    base: &[&Member],
    clusters: &[Vec<usize>],
    kin: &dyn Kinship,
    out: &mut Decision,
) {
    if clusters.len() == 1 {
        out.verdict = Verdict::Agree;
        out.reason = Reason::Agree { claims: base.len() };
        return;
    }
    if !policy.single_valued {
        out.verdict = Verdict::Compatible;
        out.reason = Reason::SeveralValues {
            values: clusters.len(),
        };
        return;
    }
    // Components of kin values, then conflicts between consecutive components. Few values
    // are compared pairwise; beyond [`PAIRWISE`], only neighbours in chain order, so a fact
    // with thousands of nested values (`t0`, `t0 t1`, ...) stays linear instead of cubic.
    let reps: Vec<u32> = clusters.iter().map(|c| base[c[0]].claim).collect();
    let mut component: Vec<usize> = (0..reps.len()).collect();
    let mut pairs = Vec::new();
    let candidates: Vec<(usize, usize)> = if reps.len() <= PAIRWISE {
        (0..reps.len())
            .flat_map(|i| (i + 1..reps.len()).map(move |j| (i, j)))
            .collect()
    } else {
        let mut order: Vec<usize> = (0..reps.len()).collect();
        order.sort_by_key(|&i| (kin.chain_key(reps[i]), i));
        order.windows(2).map(|w| (w[0], w[1])).collect()
    };
    for (i, j) in candidates {
        let (a, b) = (reps[i], reps[j]);
        let within = if kin.related(a, b) {
            Some(Pair { a, b })
        } else if kin.related(b, a) {
            Some(Pair { a: b, b: a })
        } else {
            None
        };
        if let Some(pair) = within {
            pairs.push(pair);
            // Union-find; the lower index becomes the root, so roots stay in value order.
            let (ci, cj) = (find(&mut component, i), find(&mut component, j));
            if ci != cj {
                component[ci.max(cj)] = ci.min(cj);
            }
        }
    }
    for i in 0..component.len() {
        let r = find(&mut component, i);
        component[i] = r;
    }
    let roots: Vec<usize> = (0..reps.len()).filter(|&i| component[i] == i).collect();
    if roots.len() == 1 {
        out.verdict = Verdict::Compatible;
        out.reason = Reason::Related { pairs };
        return;
    }
    for w in roots.windows(2) {
        if let Some((a, b)) = cross_pair(base, &clusters[w[0]], &clusters[w[1]]) {
            out.conflicts.push(Pair { a, b });
        }
    }
    // One source naming rival values: its own contradiction, whatever the others say.
    let mut of_member = vec![0usize; base.len()];
    for (k, cl) in clusters.iter().enumerate() {
        for &i in cl {
            of_member[i] = component[k];
        }
    }
    let mut by_source: Vec<usize> = (0..base.len()).collect();
    by_source.sort_by_key(|&i| (base[i].source, of_member[i], i));
    for run in by_source.chunk_by(|&a, &b| base[a].source == base[b].source) {
        for w in run.windows(2) {
            if of_member[w[0]] != of_member[w[1]] {
                out.internal.push(Pair {
                    a: base[w[0]].claim,
                    b: base[w[1]].claim,
                });
            }
        }
    }
    if let Some(&pair) = out.conflicts.first().or(out.internal.first()) {
        out.verdict = Verdict::Conflict;
        out.reason = Reason::Conflict {
            pair,
            conflicts: out.conflicts.len() + out.internal.len(),
        };
    }
}

#[cfg(test)]
mod tests;
