//! Grouping claims about the same fact and judging each group.
//!
//! Every step is linear or n log n in the number of claims: groups come from hashing their
//! key, verdicts from the running extremes of the intervals (an empty common intersection is
//! a conflict between the claim with the lowest upper end and the one with the highest lower
//! end), value clusters from one sort, independence from a union-find over sources.

pub mod decide;
pub mod money;
pub mod relay;
pub mod scopes;

use crate::model::hierarchy::Hierarchy;
use crate::model::{
    Assertion, AssertionKind, Claim, Dossier, Finding, Fingerprint, Hedge, Interval, PropertyDef,
    Rule, Temporal, ValueKind, fmt_num,
};
use crate::normalize::Names;
use crate::normalize::vocab::key;
pub use decide::{Contest, Dim, Member, Pair, Policy, Reading, Reason, SetAside, When};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// What the sources say about one fact, judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Conflict,
    OrderUnknown,
    Revised,
    NotComparable,
    ScopeDiffers,
    Compatible,
    Agree,
    SingleSource,
}

impl Verdict {
    pub const ALL: [Verdict; 8] = [
        Verdict::Conflict,
        Verdict::OrderUnknown,
        Verdict::Revised,
        Verdict::NotComparable,
        Verdict::ScopeDiffers,
        Verdict::Compatible,
        Verdict::Agree,
        Verdict::SingleSource,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::OrderUnknown => "order-unknown",
            Verdict::Revised => "revised",
            Verdict::NotComparable => "not-comparable",
            Verdict::ScopeDiffers => "scope-differs",
            Verdict::Compatible => "compatible",
            Verdict::Agree => "agree",
            Verdict::SingleSource => "single-source",
        }
    }
    pub fn from_name(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.name() == s)
    }
}

/// Claims that state the same value, and how many independent sources stand behind it.
#[derive(Debug, Clone, Serialize)]
pub struct ValueCluster {
    /// The value as the first claim states it.
    pub stated: String,
    pub claims: Vec<u32>,
    pub sources: usize,
    pub independent_sources: usize,
}

/// A related group: same subject, near or equal property, different scope.
#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    pub group: u32,
    pub differs: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub absolute: f64,
    pub relative: f64,
    pub low_claim: u32,
    pub high_claim: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub subject: u32,
    pub property: u32,
    pub scope: Option<String>,
    pub claims: Vec<u32>,
    pub verdict: Verdict,
    /// Why, as data: the report renders it.
    pub reason: Reason,
    pub values: Vec<ValueCluster>,
    /// Claims left out of the verdict, and why.
    pub set_aside: Vec<(u32, SetAside)>,
    /// Contested voices, shown beside the fact, not counted in its verdict.
    pub contested: Vec<Contest>,
    pub sources: usize,
    pub independent_sources: usize,
    pub gap: Option<Gap>,
    pub related: Vec<Relation>,
    /// The declared scope (index into `Dossier::scopes`) the group's claims count, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_scope: Option<u32>,
    /// Amounts converted at declared rates, or set aside for want of one, said in words (the
    /// rate, its date and source, the band), for the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money: Option<String>,
}

/// The outcome of comparing a dossier.
pub struct Comparison {
    pub groups: Vec<Group>,
    pub findings: Vec<Finding>,
    /// Root of each source under `derived_from` and detected relaying.
    pub origin: Vec<u32>,
    pub relays: Vec<relay::Relay>,
}

/// Union-find over sources, so relayed sources count once.
struct Origins(Vec<u32>);

impl Origins {
    fn find(&mut self, x: u32) -> u32 {
        let mut r = x;
        while self.0[r as usize] != r {
            r = self.0[r as usize];
        }
        let mut c = x;
        while self.0[c as usize] != r {
            let n = self.0[c as usize];
            self.0[c as usize] = r;
            c = n;
        }
        r
    }
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb) as usize] = ra.min(rb);
        }
    }
}

/// Who asserts a claim, for reasons: the source itself, or the party it attributes it to.
pub fn voice(d: &Dossier, c: &Claim) -> String {
    let src = &d.sources[c.source as usize].id;
    match &c.attribution {
        Some(a) => format!("{a} (per {src})"),
        None => src.clone(),
    }
}

pub fn claim_label(d: &Dossier, i: u32) -> String {
    let c = &d.claims[i as usize];
    let hedge = match c.hedge {
        crate::model::Hedge::Stated => String::new(),
        h => format!(" [{}]", h.name()),
    };
    format!("\"{}\" from {}{hedge}", quoted(&c.value), voice(d, c))
}

/// A value quoted in a reason or a finding is cut after this many bytes.
const MAX_QUOTED: usize = 200;

/// A claim's value as a reason quotes it: cut after [`MAX_QUOTED`] bytes.
fn quoted(value: &str) -> std::borrow::Cow<'_, str> {
    if value.len() <= MAX_QUOTED {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut end = MAX_QUOTED;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    std::borrow::Cow::Owned(format!("{}… ({} bytes)", &value[..end], value.len()))
}

const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "for", "and", "in", "on", "with", "its", "their", "his", "her",
];

fn token_set(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text
        .split(' ')
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Compares the claims of a dossier.
pub fn compare(
    d: &Dossier,
    names: &[Names],
    assertions: &[Assertion],
    relays: Vec<relay::Relay>,
) -> Comparison {
    let mut origins = Origins((0..u32::try_from(d.sources.len()).unwrap_or(0)).collect());
    let source_ids: HashMap<&str, u32> = d
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i as u32))
        .collect();
    for (i, s) in d.sources.iter().enumerate() {
        for up in &s.derived_from {
            if let Some(&j) = source_ids.get(up.as_str()) {
                origins.union(i as u32, j);
            }
        }
    }
    for r in &relays {
        origins.union(r.a, r.b);
    }
    let origin: Vec<u32> = (0..d.sources.len() as u32)
        .map(|s| origins.find(s))
        .collect();

    let scope_index = scopes::ScopeIndex::new(d);
    let mut groups = group_claims(d, names, &scope_index);
    let entities = Hierarchy::of_entities(&d.entities);
    let parties = d
        .entities
        .iter()
        .filter(|e| e.party)
        .flat_map(|e| {
            std::iter::once(&e.id)
                .chain(std::iter::once(&e.name))
                .chain(e.aliases.iter())
                .map(|n| key(n))
        })
        .collect();
    let ctx = Ctx {
        d,
        assertions,
        origin: &origin,
        entities: &entities,
        parties,
    };
    // Groups are judged independently, in parallel; findings keep the groups' order.
    let mut findings: Vec<Finding> = {
        use rayon::prelude::*;
        groups
            .par_iter_mut()
            .flat_map_iter(|g| {
                let mut found = Vec::new();
                judge(&ctx, g, &mut found);
                found
            })
            .collect()
    };
    relate(d, &mut groups);
    findings.extend(scopes::undeclared(d, &scope_index));
    findings.extend(money::check_restatements(d, assertions));
    findings.extend(scopes::check_totals(d, &scope_index, &groups, assertions));
    // A lone figure whose fact other sources count with another scope: say so.
    for gi in 0..groups.len() {
        let counted = matches!(
            d.properties[groups[gi].property as usize].kind,
            ValueKind::Quantity | ValueKind::Money | ValueKind::Duration
        );
        if groups[gi].verdict != Verdict::SingleSource || !counted {
            continue;
        }
        let mine = d.claims[groups[gi].claims[0] as usize].source;
        let others: Vec<u32> = groups[gi]
            .related
            .iter()
            .filter(|r| r.differs.starts_with("scope"))
            .map(|r| r.group)
            .filter(|&o| {
                groups[o as usize]
                    .claims
                    .iter()
                    .any(|&c| d.claims[c as usize].source != mine)
            })
            .collect();
        if let Some(&o) = others.first() {
            groups[gi].verdict = Verdict::ScopeDiffers;
            groups[gi].reason = Reason::ScopeDiffers { other: o };
        }
    }
    for r in &relays {
        let (a, b) = (&d.sources[r.a as usize], &d.sources[r.b as usize]);
        if a.derived_from.contains(&b.id) || b.derived_from.contains(&a.id) {
            continue;
        }
        findings.push(
            Fingerprint::new(Rule::UndeclaredRelay)
                .part((&a.id).min(&b.id))
                .part((&a.id).max(&b.id))
                .finding(
                    Some(a.loc.clone()),
                    format!(
                        "the seed texts of {} and {} share long word-for-word passages ({} sampled 8-word runs); if one relays the other, declare it with derived_from",
                        a.id, b.id, r.shared
                    ),
                )
                .with_related(b.loc.clone(), "the other source"),
        );
    }
    Comparison {
        groups,
        findings,
        origin,
        relays,
    }
}

/// Claims grouped by (subject, property, scope): keys sorted in parallel rather than hashed
/// claim by claim, so a million claims cost one sort. Groups come in the order of their first
/// claim, each with its claims in dossier order.
fn group_claims(d: &Dossier, names: &[Names], declared: &scopes::ScopeIndex) -> Vec<Group> {
    use rayon::prelude::*;
    // Scopes are interned so the sort key stays small; 0 is "no scope" (or one that folds
    // to nothing). Few claims have one, so only those are folded.
    let scoped: Vec<(u32, String)> = d
        .claims
        .par_iter()
        .enumerate()
        .filter_map(|(ci, c)| {
            let k = key(c.scope.as_deref()?);
            (!k.is_empty()).then_some((ci as u32, k))
        })
        .collect();
    // Declared scopes take ids 1..=n, so every spelling of one groups together; free-text
    // scopes are interned after them.
    let n_declared = d.scopes.len() as u32;
    let mut scope_ids: HashMap<String, u32> = HashMap::default();
    let mut scope_of = vec![declared.unscoped.map_or(0, |u| u + 1); d.claims.len()];
    for (ci, k) in scoped {
        scope_of[ci as usize] = match declared.get(&k) {
            Some(s) => s + 1,
            None => {
                let next = n_declared + scope_ids.len() as u32 + 1;
                *scope_ids.entry(k).or_insert(next)
            }
        };
    }
    let mut keyed: Vec<(u32, u32, u32, u32)> = names
        .par_iter()
        .enumerate()
        .filter_map(|(ci, n)| {
            let ci = ci as u32;
            Some((n.subject?, n.property?, scope_of[ci as usize], ci))
        })
        .collect();
    keyed.par_sort_unstable();
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=keyed.len() {
        let (a, b) = (keyed.get(i), &keyed[i - 1]);
        if a.is_none_or(|a| (a.0, a.1, a.2) != (b.0, b.1, b.2)) {
            runs.push(start..i);
            start = i;
        }
    }
    runs.par_sort_unstable_by_key(|r| keyed[r.start].3);
    runs.par_iter()
        .map(|r| {
            let (s, p, scope, first) = keyed[r.start];
            Group {
                declared_scope: (1..=n_declared).contains(&scope).then(|| scope - 1),
                money: None,
                subject: s,
                property: p,
                scope: d.claims[first as usize].scope.clone(),
                claims: keyed[r.clone()].iter().map(|k| k.3).collect(),
                verdict: Verdict::SingleSource,
                reason: Reason::OneSource { claims: 0 },
                values: Vec::new(),
                set_aside: Vec::new(),
                contested: Vec::new(),
                sources: 0,
                independent_sources: 0,
                gap: None,
                related: Vec::new(),
            }
        })
        .collect()
}

pub struct Ctx<'a> {
    d: &'a Dossier,
    assertions: &'a [Assertion],
    origin: &'a [u32],
    /// The `part_of` hierarchy of the dossier's entities.
    entities: &'a Hierarchy,
    /// Folded names of the entities marked `party: true`.
    parties: rustc_hash::FxHashSet<String>,
}

fn count_sources(ctx: &Ctx, claims: &[u32]) -> (usize, usize) {
    // Most groups and clusters hold a handful of claims: count them on the stack.
    const SMALL: usize = 16;
    if claims.len() <= SMALL {
        let (mut srcs, mut roots) = ([0u32; SMALL], [0u32; SMALL]);
        let (mut ns, mut nr) = (0, 0);
        for &c in claims {
            let s = ctx.d.claims[c as usize].source;
            if !srcs[..ns].contains(&s) {
                srcs[ns] = s;
                ns += 1;
                let r = ctx.origin[s as usize];
                if !roots[..nr].contains(&r) {
                    roots[nr] = r;
                    nr += 1;
                }
            }
        }
        return (ns, nr);
    }
    let srcs = ctx.d.sources_of(claims);
    let mut roots: Vec<u32> = srcs.iter().map(|&s| ctx.origin[s as usize]).collect();
    roots.sort_unstable();
    roots.dedup();
    (srcs.len(), roots.len())
}

fn cluster(ctx: &Ctx, mut members: Vec<u32>) -> ValueCluster {
    members.sort_unstable();
    let (sources, independent_sources) = count_sources(ctx, &members);
    ValueCluster {
        stated: ctx.d.claims[members[0] as usize].value.clone(),
        claims: members,
        sources,
        independent_sources,
    }
}

/// The finding's fingerprint ([`crate::model::fact_fingerprint`]), and the one earlier
/// releases wrote (normalized readings instead of stated values), which still matches
/// acknowledgements made with them.
fn fingerprints(ctx: &Ctx, g: &Group, rule: Rule, claims: &[u32]) -> (String, String) {
    let subject = &ctx.d.entities[g.subject as usize].id;
    let property = &ctx.d.properties[g.property as usize].id;
    let scope = g.scope.as_deref().map(key).unwrap_or_default();
    let current = crate::model::fact_fingerprint(
        rule,
        subject,
        property,
        &scope,
        claims.iter().map(|&c| {
            let cl = &ctx.d.claims[c as usize];
            (
                ctx.d.sources[cl.source as usize].id.as_str(),
                cl.id.as_str(),
                cl.value.as_str(),
            )
        }),
    );
    let mut parts: Vec<String> = claims
        .iter()
        .map(|&c| {
            let cl = &ctx.d.claims[c as usize];
            let a = &ctx.assertions[c as usize];
            let v = a
                .date
                .map(|r| r.to_string())
                .or_else(|| a.interval.map(|i| i.to_string()))
                .or_else(|| a.entity.map(|e| ctx.d.entities[e as usize].id.clone()))
                .or_else(|| a.text.clone())
                .unwrap_or_else(|| key(&cl.value));
            format!("{}/{}={v}", ctx.d.sources[cl.source as usize].id, cl.id)
        })
        .collect();
    parts.sort();
    let legacy = Fingerprint::new(rule)
        .part(subject)
        .part(property)
        .part(scope)
        .part(parts.join(","))
        .into();
    (current, legacy)
}

fn fact_finding(
    ctx: &Ctx,
    g: &Group,
    rule: Rule,
    claims: &[u32],
    loc: Option<crate::model::Loc>,
    message: String,
) -> Finding {
    let (fp, legacy) = fingerprints(ctx, g, rule, claims);
    let mut f = Finding::new(rule, loc, message, fp);
    f.legacy_fingerprint = Some(legacy);
    f
}

/// Whether a hedge makes a claim a contested voice: asserted by someone with a stake, or not
/// asserted as fact at all.
pub fn contested_hedge(h: Hedge) -> bool {
    matches!(h, Hedge::Claimed | Hedge::Alleged | Hedge::Speculated)
}

/// When a claim's figure held, for changing properties: its `as_of`, else its source's
/// publication date with that date's precision; a figure the source calls earlier without an
/// `as_of` held at some time up to publication. `None` when unknown.
fn effective_time(ctx: &Ctx, c: u32) -> Option<When> {
    let claim = &ctx.d.claims[c as usize];
    let days = |r: crate::model::DateRange| When {
        first: r.first.map_or(i64::MIN, |d| d.to_days()),
        last: r.last.map_or(i64::MAX, |d| d.to_days()),
    };
    if let Some(r) = claim
        .as_of
        .as_deref()
        .and_then(crate::model::Date::parse_iso)
    {
        return Some(days(r));
    }
    let published = ctx.d.sources[claim.source as usize].published.range()?;
    let w = days(published);
    Some(if claim.earlier {
        When {
            first: i64::MIN,
            last: w.last,
        }
    } else {
        w
    })
}

fn conflict_finding(ctx: &Ctx, g: &Group, rule: Rule, a: u32, b: u32, message: String) -> Finding {
    let ca = &ctx.d.claims[a as usize];
    let cb = &ctx.d.claims[b as usize];
    fact_finding(ctx, g, rule, &[a, b], Some(ca.locs.value()), message)
        .with_related(
            cb.locs.value(),
            format!("{} states \"{}\"", voice(ctx.d, cb), cb.value),
        )
        .with_help(rule.fix())
}

/// How categorical values of one property relate: through the vocabulary and word sets.
struct Kin<'a> {
    ctx: &'a Ctx<'a>,
    kind: ValueKind,
    /// Entity depths in the `part_of` hierarchy, each computed once (chain order only).
    depths: std::cell::RefCell<HashMap<u32, usize>>,
}

impl Kin<'_> {
    /// The longest chain of wholes above entity `start` (a part is deeper than its whole).
    fn depth(&self, start: u32) -> usize {
        self.ctx
            .entities
            .depth(start, &mut self.depths.borrow_mut())
    }
}

impl decide::Kinship for Kin<'_> {
    fn chain_key(&self, c: u32) -> (std::cmp::Reverse<usize>, usize) {
        let a = &self.ctx.assertions[c as usize];
        match a.entity {
            Some(e) => (std::cmp::Reverse(self.depth(e)), 0),
            None => (
                std::cmp::Reverse(0),
                token_set(a.text.as_deref().unwrap_or("")).len(),
            ),
        }
    }
    fn same(&self, a: u32, b: u32) -> bool {
        if self.kind != ValueKind::NameList {
            return false;
        }
        let people = |c: u32| {
            crate::normalize::names::from_key(
                self.ctx.assertions[c as usize]
                    .text
                    .as_deref()
                    .unwrap_or(""),
            )
        };
        crate::normalize::names::same_list(&people(a), &people(b))
    }
    fn related(&self, a: u32, b: u32) -> bool {
        let (x, y) = (
            &self.ctx.assertions[a as usize],
            &self.ctx.assertions[b as usize],
        );
        match (x.entity, y.entity) {
            (Some(p), Some(w)) => self.ctx.entities.is_part_of(p, w),
            (None, None) if self.kind != ValueKind::NameList => {
                let ta = token_set(x.text.as_deref().unwrap_or(""));
                let tb = token_set(y.text.as_deref().unwrap_or(""));
                !ta.is_empty() && !tb.is_empty() && ta.iter().all(|w| tb.binary_search(w).is_ok())
            }
            _ => false,
        }
    }
}

/// One claim as the decision sees it. `money` holds the group's amounts converted into its
/// most common currency at declared rates; an amount without a rate keeps its currency and is
/// set aside by the decision as another dimension.
fn member(ctx: &Ctx, prop: &PropertyDef, money: Option<&money::Harmonized>, c: u32) -> Member {
    let claim = &ctx.d.claims[c as usize];
    let a = &ctx.assertions[c as usize];
    let reading = match prop.kind {
        ValueKind::Entity | ValueKind::Text | ValueKind::NameList => {
            Reading::Category(match (a.entity, &a.text) {
                (Some(e), _) => format!("e:{e}"),
                (None, Some(t)) if prop.kind == ValueKind::NameList => format!("n:{t}"),
                (None, Some(t)) => format!("t:{}", token_set(t).join(" ")),
                _ => format!("r:{}", key(&claim.value)),
            })
        }
        _ => match money
            .and_then(|m| Some((m.interval(c)?, m.target)))
            .map_or((a.interval, a.currency), |(iv, cur)| (Some(iv), cur))
        {
            (Some(iv), currency) => Reading::Interval {
                // Stated precision: a scale word rounds ("640 million" is 635-645 million).
                // `resolution` is the unit of the last significant digit (0 when every digit
                // is written out), so the figure stands for half of it either way.
                iv: match a.resolution.map(|r| r / 2.0) {
                    Some(r) if r > 0.0 && iv.is_point() => Interval {
                        low: iv.low.map(|x| x - r),
                        high: iv.high.map(|x| x + r),
                        ..iv
                    },
                    _ => iv,
                },
                dim: Dim {
                    unit: if a.kind == AssertionKind::Date {
                        None
                    } else {
                        a.unit
                    },
                    currency,
                },
            },
            (None, _) => Reading::Unreadable,
        },
    };
    let contested = contested_hedge(claim.hedge)
        || (!ctx.parties.is_empty()
            && claim
                .attribution
                .as_deref()
                .is_some_and(|who| ctx.parties.contains(&key(who))));
    Member {
        claim: c,
        source: claim.source,
        reading,
        when: if prop.temporal == Temporal::Fixed {
            None
        } else {
            effective_time(ctx, c)
        },
        earlier: claim.earlier,
        contested,
        negated: claim.negated,
    }
}

fn judge(ctx: &Ctx, g: &mut Group, findings: &mut Vec<Finding>) {
    let d = ctx.d;
    let prop: &PropertyDef = &d.properties[g.property as usize];
    let (sources, independent) = count_sources(ctx, &g.claims);
    g.sources = sources;
    g.independent_sources = independent;
    let money = if prop.kind == ValueKind::Money {
        money::harmonize(d, ctx.assertions, &g.claims)
    } else {
        None
    };
    g.money = money
        .as_ref()
        .map(|m| m.note(d, ctx.assertions))
        .filter(|n| !n.is_empty());
    let members: Vec<Member> = g
        .claims
        .iter()
        .map(|&c| member(ctx, prop, money.as_ref(), c))
        .collect();
    let policy = Policy {
        single_valued: prop.single_valued,
        temporal: prop.temporal,
        tolerance: prop.tolerance,
    };
    let kin = Kin {
        ctx,
        kind: prop.kind,
        depths: Default::default(),
    };
    let decision = decide::decide(&policy, &members, &kin);
    drop(members);
    g.verdict = decision.verdict;
    g.values = decision
        .clusters
        .iter()
        .map(|m| cluster(ctx, m.clone()))
        .collect();
    let iv = |c: u32| ctx.assertions[c as usize].interval;
    if let Some(ext) = decision.extremes
        && let (Some(low), Some(high)) = (iv(ext.a), iv(ext.b))
    {
        let gap_abs = low.gap(&high);
        let reference = high.low.unwrap_or(0.0).abs().max(f64::MIN_POSITIVE);
        g.gap = Some(Gap {
            absolute: gap_abs,
            relative: gap_abs / reference,
            low_claim: ext.a,
            high_claim: ext.b,
        });
    }
    g.reason = decision.reason;
    g.set_aside = decision.set_aside;
    g.contested = decision.contested;
    let subject = &d.entities[g.subject as usize].name;
    let label = |c: u32| claim_label(d, c);
    let is_date = prop.kind == ValueKind::Date;
    let unit = ctx.assertions[g.claims[0] as usize]
        .unit
        .filter(|_| !is_date)
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let gap_text = |a: u32, b: u32| match (iv(a), iv(b)) {
        (Some(x), Some(y)) => {
            let gap = x.gap(&y);
            if is_date {
                format!(" ({} days apart)", fmt_num(gap))
            } else {
                let larger = x.low.unwrap_or(0.0).max(y.low.unwrap_or(0.0));
                let reference = larger.abs().max(f64::MIN_POSITIVE);
                format!(
                    " (gap {}{unit}, {}% of the larger)",
                    fmt_num(gap),
                    fmt_num((gap / reference * 1000.0).round() / 10.0)
                )
            }
        }
        _ => String::new(),
    };
    let numeric = !matches!(
        prop.kind,
        ValueKind::Entity | ValueKind::Text | ValueKind::NameList
    );
    for p in &decision.conflicts {
        let (ca, cb) = (&d.claims[p.a as usize], &d.claims[p.b as usize]);
        let msg = if let decide::Reason::Denied { .. } = g.reason {
            format!(
                "{} affirms \"{}\" for {subject} / {}, but {} denies it",
                voice(d, ca),
                ca.value,
                prop.name,
                voice(d, cb)
            )
        } else if numeric {
            format!(
                "{subject} / {}: {} and {} cannot both be true{}",
                prop.name,
                label(p.a),
                label(p.b),
                gap_text(p.a, p.b)
            )
        } else {
            format!(
                "{} takes one value, but {} {} {}",
                prop.name,
                label(p.a),
                if ca.attribution != cb.attribution {
                    "is disputed by"
                } else {
                    "contradicts"
                },
                label(p.b)
            )
        };
        findings.push(conflict_finding(ctx, g, Rule::Conflict, p.a, p.b, msg));
    }
    for p in &decision.internal {
        let src = &d.sources[d.claims[p.a as usize].source as usize].id;
        let msg = format!(
            "{src} states two values of {subject} / {} at the same time: \"{}\" and \"{}\"{}",
            prop.name,
            d.claims[p.a as usize].value,
            d.claims[p.b as usize].value,
            if numeric {
                gap_text(p.a, p.b)
            } else {
                String::new()
            }
        );
        findings.push(conflict_finding(
            ctx,
            g,
            Rule::InternalConflict,
            p.a,
            p.b,
            msg,
        ));
    }
    for p in &decision.unordered {
        let msg = format!(
            "{subject} / {}: {} and {} differ, but which came first cannot be told ({} and {})",
            prop.name,
            label(p.a),
            label(p.b),
            time_label(ctx, p.a),
            time_label(ctx, p.b)
        );
        findings.push(conflict_finding(ctx, g, Rule::OrderUnknown, p.b, p.a, msg));
    }
    for p in &decision.falls {
        let msg = format!(
            "{subject} / {} is cumulative but falls from {} ({}) to {} ({})",
            prop.name,
            label(p.a),
            time_label(ctx, p.a),
            label(p.b),
            time_label(ctx, p.b)
        );
        findings.push(conflict_finding(ctx, g, Rule::FallingTotal, p.b, p.a, msg));
    }
    for c in &g.contested {
        match c.disputes {
            Some(other) => {
                let msg = format!(
                    "{subject} / {}: {}, a contested voice, disputes {}; it is set aside from the verdict",
                    prop.name,
                    label(c.claim),
                    label(other)
                );
                findings.push(conflict_finding(
                    ctx,
                    g,
                    Rule::Contested,
                    c.claim,
                    other,
                    msg,
                ));
            }
            None => {
                // A contested voice that agrees with the fact, or has nothing to dispute, is
                // still named, one severity lower.
                let msg = format!(
                    "{subject} / {}: {} is a contested voice, set aside from the verdict; it disputes no value the other claims state",
                    prop.name,
                    label(c.claim)
                );
                let mut f = fact_finding(
                    ctx,
                    g,
                    Rule::Contested,
                    &[c.claim],
                    Some(d.claims[c.claim as usize].locs.value()),
                    msg,
                );
                f.severity = crate::model::Severity::Info;
                findings.push(f);
            }
        }
    }
    if let Some(&(c, SetAside::OtherDimension { dim, judged })) = g
        .set_aside
        .iter()
        .find(|(_, w)| matches!(w, SetAside::OtherDimension { .. }))
    {
        let msg = format!(
            "{subject} / {}: {} is set aside: {}",
            prop.name,
            label(c),
            dimension_note(dim, judged)
        );
        let mut all: Vec<u32> = g.set_aside.iter().map(|s| s.0).collect();
        all.push(g.claims[0]);
        findings.push(fact_finding(
            ctx,
            g,
            Rule::NotComparable,
            &all,
            Some(d.claims[c as usize].locs.value()),
            msg,
        ));
    }
}

/// Why figures of two dimensions are not compared.
pub fn dimension_note(dim: Dim, judged: Dim) -> String {
    if dim.currency != judged.currency {
        format!(
            "amounts in {} and {} cannot be compared without exchange rates",
            dim.currency.unwrap_or("no currency"),
            judged.currency.unwrap_or("no currency")
        )
    } else {
        format!(
            "values in {} and {} are of different dimensions",
            dim.unit.unwrap_or("plain numbers"),
            judged.unit.unwrap_or("plain numbers")
        )
    }
}

/// When a claim's figure held, for people: its as_of, its source's date, or "date unknown".
pub fn time_label(ctx: &Ctx, c: u32) -> String {
    time_of(ctx.d, c)
}

/// When a claim's figure held, as the dossier says it.
pub fn time_of(d: &Dossier, c: u32) -> String {
    let claim = &d.claims[c as usize];
    let base = match (&claim.as_of, d.sources[claim.source as usize].published) {
        (Some(a), _) => a.clone(),
        (None, crate::model::Published::On(r)) => match r.precision {
            crate::model::Precision::Year => r.first.map_or(String::new(), |d| d.year.to_string()),
            crate::model::Precision::Month => r
                .first
                .map_or(String::new(), |d| format!("{}-{:02}", d.year, d.month)),
            _ => r.to_string(),
        },
        (None, crate::model::Published::Unknown) => "date unknown".into(),
    };
    if claim.earlier {
        format!("earlier, by {base}")
    } else {
        base
    }
}

pub fn date_interval(i: Interval) -> String {
    let f = |x: Option<f64>| {
        x.map_or("open".to_string(), |v| {
            crate::model::Date::from_days(v as i64).to_string()
        })
    };
    format!("{}..{}", f(i.low), f(i.high))
}

/// Links groups about the same subject whose properties are equal or alike (strsim), with
/// different scopes. Candidates come from a per-subject index, never from all pairs.
fn relate(d: &Dossier, groups: &mut [Group]) {
    use rayon::prelude::*;
    // Groups ordered by subject, then property, then position: each subject's groups are one
    // run, each of its properties a run within it, read in order instead of through maps.
    let mut order: Vec<(u32, u32, u32)> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.subject, g.property, i as u32))
        .collect();
    order.par_sort_unstable();
    let subjects: Vec<&[(u32, u32, u32)]> = order.chunk_by(|a, b| a.0 == b.0).collect();
    // Subjects are independent: each relates only its own groups. Whether two properties
    // read alike is remembered per parallel job, not per subject (a million-claim dossier
    // has tens of thousands of subjects but few properties).
    let found: Vec<Vec<(u32, Vec<Relation>)>> = subjects
        .par_iter()
        .map_init(HashMap::<(u32, u32), bool>::default, |alike, members| {
            relate_subject(d, groups, members, alike)
        })
        .collect();
    for (gi, r) in found.into_iter().flatten() {
        groups[gi as usize].related = r;
    }
}

/// The relations of one subject's groups (`members`, sorted by property then group), in the
/// order they are found; a group with [`MAX_RELATED`] already gets no more, so their
/// descriptions are not even formatted.
fn relate_subject(
    d: &Dossier,
    groups: &[Group],
    members: &[(u32, u32, u32)],
    alike: &mut HashMap<(u32, u32), bool>,
) -> Vec<(u32, Vec<Relation>)> {
    // (property, its groups) for each property of the subject.
    let by_prop: Vec<(u32, Vec<u32>)> = members
        .chunk_by(|a, b| a.1 == b.1)
        .map(|run| (run[0].1, run.iter().map(|m| m.2).collect()))
        .collect();
    let mut related: HashMap<u32, Vec<Relation>> = HashMap::default();
    let mut link = |a: u32, group: u32, differs: &dyn Fn() -> String| {
        let r = related.entry(a).or_default();
        if r.len() < MAX_RELATED {
            r.push(Relation {
                group,
                differs: differs(),
            });
        }
    };
    for (_, list) in &by_prop {
        // Each group links to at most MAX_RELATED others of its (subject, property).
        for &a in list {
            for &b in list.iter().filter(|&&b| b != a).take(MAX_RELATED) {
                let (ga, gb) = (&groups[a as usize], &groups[b as usize]);
                link(a, b, &|| {
                    format!(
                        "scope: \"{}\" vs \"{}\"",
                        ga.scope.as_deref().unwrap_or("(none)"),
                        gb.scope.as_deref().unwrap_or("(none)")
                    )
                });
            }
        }
    }
    // Very large subjects: relate only within the same property, not all pairs.
    if by_prop.len() <= 50 {
        for (i, (pa, la)) in by_prop.iter().enumerate() {
            for (pb, lb) in &by_prop[i + 1..] {
                let (pa, pb) = (*pa, *pb);
                let (na, nb) = (
                    &d.properties[pa as usize].name,
                    &d.properties[pb as usize].name,
                );
                let similar = *alike.entry((pa.min(pb), pa.max(pb))).or_insert_with(|| {
                    d.properties[pa as usize].kind == d.properties[pb as usize].kind
                        && strsim::normalized_levenshtein(na, nb) >= 0.75
                });
                if !similar {
                    continue;
                }
                for &a in la.iter().take(20) {
                    for &b in lb.iter().take(20) {
                        link(a, b, &|| format!("property: \"{na}\" vs \"{nb}\""));
                        link(b, a, &|| format!("property: \"{nb}\" vs \"{na}\""));
                    }
                }
            }
        }
    }
    related.into_iter().collect()
}

const MAX_RELATED: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_merge_relays() {
        let mut o = Origins(vec![0, 1, 2, 3]);
        o.union(3, 1);
        o.union(2, 3);
        assert_eq!(o.find(2), 1);
        assert_eq!(o.find(0), 0);
    }

    #[test]
    fn token_sets_ignore_order_and_small_words() {
        assert_eq!(
            token_set("minister of interior"),
            token_set("interior minister")
        );
    }
}
