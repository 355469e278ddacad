//! Grouping claims about the same fact and judging each group.
//!
//! Every step is linear or n log n in the number of claims: groups come from hashing their
//! key, verdicts from the running extremes of the intervals (an empty common intersection is
//! a conflict between the claim with the lowest upper end and the one with the highest lower
//! end), value clusters from one sort, independence from a union-find over sources.

pub mod money;
pub mod relay;
pub mod scopes;

use crate::model::{
    Assertion, AssertionKind, Claim, Dossier, EntityDef, Finding, Interval, PropertyDef, Rule,
    Temporal, ValueKind, fmt_num,
};
use crate::normalize::Names;
use crate::normalize::vocab::key;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// What the sources say about one fact, judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Conflict,
    Revised,
    NotComparable,
    ScopeDiffers,
    Compatible,
    Agree,
    SingleSource,
}

impl Verdict {
    pub const ALL: [Verdict; 7] = [
        Verdict::Conflict,
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
    pub reason: String,
    pub values: Vec<ValueCluster>,
    pub sources: usize,
    pub independent_sources: usize,
    pub gap: Option<Gap>,
    pub related: Vec<Relation>,
    /// The declared scope (index into `Dossier::scopes`) the group's claims count, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_scope: Option<u32>,
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

fn claim_label(d: &Dossier, i: u32) -> String {
    let c = &d.claims[i as usize];
    let hedge = match c.hedge {
        crate::model::Hedge::Stated => String::new(),
        h => format!(" [{}]", h.name()),
    };
    format!("\"{}\" from {}{hedge}", c.value, voice(d, c))
}

/// Entity ids to indices, for [`part_of`].
pub fn entity_index(entities: &[EntityDef]) -> HashMap<&str, u32> {
    entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect()
}

/// Transitive `part_of`: is `a` part of `b`? ("ISKP" is part of "Islamic State".)
pub fn part_of(entities: &[EntityDef], ids: &HashMap<&str, u32>, a: u32, b: u32) -> bool {
    let mut stack = vec![a];
    let mut seen = 0usize;
    while let Some(x) = stack.pop() {
        seen += 1;
        if seen > 64 {
            return false;
        }
        for p in &entities[x as usize].part_of {
            if let Some(&pi) = ids.get(p.as_str()) {
                if pi == b {
                    return true;
                }
                stack.push(pi);
            }
        }
    }
    false
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
    let entity_ids = entity_index(&d.entities);
    let ctx = Ctx {
        d,
        assertions,
        origin: &origin,
        entity_ids: &entity_ids,
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
            let other = &groups[o as usize];
            let g = &groups[gi];
            let reason = format!(
                "only {} states this figure for scope \"{}\"; other sources count \"{}\" ({}), so the figures differ in what they count, not necessarily in fact",
                d.sources[mine as usize].id,
                g.scope.as_deref().unwrap_or("(none)"),
                other.scope.as_deref().unwrap_or("(none)"),
                other
                    .values
                    .iter()
                    .map(|v| v.stated.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            groups[gi].verdict = Verdict::ScopeDiffers;
            groups[gi].reason = reason;
        }
    }
    for r in &relays {
        let (a, b) = (&d.sources[r.a as usize], &d.sources[r.b as usize]);
        if a.derived_from.contains(&b.id) || b.derived_from.contains(&a.id) {
            continue;
        }
        findings.push(
            Finding::new(
                Rule::UndeclaredRelay,
                Some(a.loc.clone()),
                format!(
                    "the seed texts of {} and {} share long word-for-word passages ({} sampled 8-word runs); if one relays the other, declare it with derived_from",
                    a.id, b.id, r.shared
                ),
                format!("undeclared-relay:{}:{}", (&a.id).min(&b.id), (&a.id).max(&b.id)),
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
                subject: s,
                property: p,
                scope: d.claims[first as usize].scope.clone(),
                claims: keyed[r.clone()].iter().map(|k| k.3).collect(),
                verdict: Verdict::SingleSource,
                reason: String::new(),
                values: Vec::new(),
                sources: 0,
                independent_sources: 0,
                gap: None,
                related: Vec::new(),
            }
        })
        .collect()
}

struct Ctx<'a> {
    d: &'a Dossier,
    assertions: &'a [Assertion],
    origin: &'a [u32],
    entity_ids: &'a HashMap<&'a str, u32>,
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
    let mut srcs: Vec<u32> = claims
        .iter()
        .map(|&c| ctx.d.claims[c as usize].source)
        .collect();
    srcs.sort_unstable();
    srcs.dedup();
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

/// When a claim's figure held: its explicit `as_of` (start of the stated period). Publication
/// dates do not count: two reports a day apart that disagree on a total disagree.
fn effective_time(ctx: &Ctx, c: u32) -> Option<i64> {
    let claim = &ctx.d.claims[c as usize];
    let range = crate::model::Date::parse_iso(claim.as_of.as_deref()?)?;
    Some(range.first?.to_days())
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
    let legacy = format!(
        "{}:{subject}:{property}:{scope}:{}",
        rule.code(),
        parts.join(",")
    );
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

fn conflict_finding(ctx: &Ctx, g: &Group, a: u32, b: u32, message: String) -> Finding {
    let ca = &ctx.d.claims[a as usize];
    let cb = &ctx.d.claims[b as usize];
    fact_finding(
        ctx,
        g,
        Rule::Conflict,
        &[a, b],
        Some(ca.locs.value()),
        message,
    )
    .with_related(
        cb.locs.value(),
        format!("{} states \"{}\"", voice(ctx.d, cb), cb.value),
    )
    .with_help(Rule::Conflict.fix())
}

fn judge(ctx: &Ctx, g: &mut Group, findings: &mut Vec<Finding>) {
    let d = ctx.d;
    let prop: &PropertyDef = &d.properties[g.property as usize];
    let (sources, independent) = count_sources(ctx, &g.claims);
    g.sources = sources;
    g.independent_sources = independent;

    // Denials: a claim that one source affirms and another denies. Most groups have none,
    // and then the group's own list is the affirmed one.
    let claims = std::mem::take(&mut g.claims);
    let (affirmed, negated): (std::borrow::Cow<[u32]>, Vec<u32>) =
        if claims.iter().any(|&c| d.claims[c as usize].negated) {
            let (n, a) = claims.iter().partition(|&&c| d.claims[c as usize].negated);
            (std::borrow::Cow::Owned(a), n)
        } else {
            (std::borrow::Cow::Borrowed(&claims), Vec::new())
        };
    // A group from one source gets the single-source reason below: its sub-verdict's
    // reason is only worth writing where a finding quotes it.
    let quiet = sources == 1;
    match prop.kind {
        ValueKind::Entity | ValueKind::Text | ValueKind::NameList => {
            judge_categorical(ctx, g, prop, &affirmed, &negated, findings)
        }
        _ => judge_numeric(ctx, g, prop, &affirmed, quiet, findings),
    }
    drop(affirmed);
    g.claims = claims;
    if !negated.is_empty() && negated.len() == g.claims.len() {
        g.values = vec![cluster(ctx, negated)];
    }
    if independent < sources {
        // Name who relays whom, so "2 sources" is not read as two witnesses.
        let mut srcs: Vec<u32> = g
            .claims
            .iter()
            .map(|&c| d.claims[c as usize].source)
            .collect();
        srcs.sort_unstable();
        srcs.dedup();
        let relayed: Vec<String> = srcs
            .iter()
            .filter_map(|&s| {
                let src = &d.sources[s as usize];
                let up: Vec<&str> = srcs
                    .iter()
                    .filter(|&&o| o != s && ctx.origin[o as usize] == ctx.origin[s as usize])
                    .map(|&o| d.sources[o as usize].id.as_str())
                    .filter(|o| src.derived_from.iter().any(|x| x == o))
                    .collect();
                (!up.is_empty()).then(|| format!("{} relays {}", src.id, up.join(", ")))
            })
            .collect();
        let how = if relayed.is_empty() {
            "some share an origin".to_string()
        } else {
            relayed.join("; ")
        };
        g.reason.push_str(&format!(
            "; only {independent} of {sources} sources are independent ({how})"
        ));
    }
    if sources == 1 && g.verdict != Verdict::Conflict {
        let only = &d.sources[d.claims[g.claims[0] as usize].source as usize].id;
        let what = if g.claims.len() > 1 {
            format!(" ({} claims, {})", g.claims.len(), g.verdict.name())
        } else {
            String::new()
        };
        g.verdict = Verdict::SingleSource;
        g.reason = format!("only {only} states this{what}; uncorroborated");
    }
}

fn judge_categorical(
    ctx: &Ctx,
    g: &mut Group,
    prop: &PropertyDef,
    affirmed: &[u32],
    negated: &[u32],
    findings: &mut Vec<Finding>,
) {
    let d = ctx.d;
    // Cluster by entity or by folded word set.
    let value_key = |c: u32| -> String {
        let a = &ctx.assertions[c as usize];
        match (a.entity, &a.text) {
            (Some(e), _) => format!("e:{e}"),
            (None, Some(t)) => format!("t:{}", token_set(t).join(" ")),
            _ => format!("r:{}", key(&d.claims[c as usize].value)),
        }
    };
    let mut by_value: Vec<(String, u32)> = affirmed.iter().map(|&c| (value_key(c), c)).collect();
    by_value.sort();
    let mut clusters: Vec<Vec<u32>> = Vec::new();
    for (i, (k, c)) in by_value.iter().enumerate() {
        if i > 0 && by_value[i - 1].0 == *k {
            if let Some(v) = clusters.last_mut() {
                v.push(*c);
            }
        } else {
            clusters.push(vec![*c]);
        }
    }
    if prop.kind == ValueKind::NameList && clusters.len() <= 200 {
        // Lists that name the same people in other spellings are one value.
        let people: Vec<Vec<crate::normalize::names::Person>> = clusters
            .iter()
            .map(|c| {
                crate::normalize::names::from_key(
                    ctx.assertions[c[0] as usize].text.as_deref().unwrap_or(""),
                )
            })
            .collect();
        let mut merged: Vec<Vec<u32>> = Vec::new();
        let mut reps: Vec<usize> = Vec::new();
        for (i, c) in clusters.into_iter().enumerate() {
            match reps
                .iter()
                .position(|&r| crate::normalize::names::same_list(&people[r], &people[i]))
            {
                Some(k) => merged[k].extend(c),
                None => {
                    reps.push(i);
                    merged.push(c);
                }
            }
        }
        clusters = merged;
    }
    g.values = clusters.iter().map(|m| cluster(ctx, m.clone())).collect();

    // One source affirms what another denies.
    for &n in negated {
        let nk = value_key(n);
        if let Some(&a) = affirmed.iter().find(|&&a| value_key(a) == nk) {
            let msg = format!(
                "{} affirms \"{}\" for {} / {}, but {} denies it",
                voice(d, &d.claims[a as usize]),
                d.claims[a as usize].value,
                d.entities[g.subject as usize].name,
                prop.name,
                voice(d, &d.claims[n as usize])
            );
            g.verdict = Verdict::Conflict;
            g.reason = msg.clone();
            findings.push(conflict_finding(ctx, g, a, n, msg));
            return;
        }
    }
    match clusters.len() {
        0 => {
            g.verdict = Verdict::Agree;
            g.reason = "every claim denies it".into();
        }
        1 => {
            g.verdict = Verdict::Agree;
            g.reason = format!("all {} claims state the same value", affirmed.len());
        }
        _ => {
            // Pairs of distinct values: compatible when one is part of the other (entities)
            // or one's words contain the other's (text); else a conflict if single-valued.
            let reps: Vec<u32> = clusters.iter().map(|c| c[0]).collect();
            let mut worst: Option<(u32, u32)> = None;
            let mut explained = Vec::new();
            'outer: for (i, &a) in reps.iter().enumerate() {
                for &b in &reps[i + 1..] {
                    let (ea, eb) = (
                        ctx.assertions[a as usize].entity,
                        ctx.assertions[b as usize].entity,
                    );
                    let related = match (ea, eb) {
                        (Some(x), Some(y)) => [(x, y), (y, x)]
                            .into_iter()
                            .find(|&(p, w)| part_of(&d.entities, ctx.entity_ids, p, w))
                            .map(|(p, w)| {
                                explained.push(format!(
                                    "{} is part of {}",
                                    d.entities[p as usize].name, d.entities[w as usize].name
                                ))
                            })
                            .is_some(),
                        _ => {
                            let ta =
                                token_set(ctx.assertions[a as usize].text.as_deref().unwrap_or(""));
                            let tb =
                                token_set(ctx.assertions[b as usize].text.as_deref().unwrap_or(""));
                            let sub = |x: &[&str], y: &[&str]| {
                                x.iter().all(|w| y.binary_search(w).is_ok())
                            };
                            if !ta.is_empty() && !tb.is_empty() && (sub(&ta, &tb) || sub(&tb, &ta))
                            {
                                explained.push(format!(
                                    "\"{}\" and \"{}\" differ only in detail",
                                    d.claims[a as usize].value, d.claims[b as usize].value
                                ));
                                true
                            } else {
                                false
                            }
                        }
                    };
                    if !related && worst.is_none() {
                        worst = Some((a, b));
                        if prop.single_valued {
                            break 'outer;
                        }
                    }
                }
            }
            match worst {
                Some((a, b)) if prop.single_valued => {
                    let (ca, cb) = (&d.claims[a as usize], &d.claims[b as usize]);
                    let disputed = ca.attribution != cb.attribution;
                    let msg = format!(
                        "{} takes one value, but {} {}",
                        prop.name,
                        claim_label(d, a),
                        if disputed {
                            format!("is disputed by {}", claim_label(d, b))
                        } else {
                            format!("contradicts {}", claim_label(d, b))
                        }
                    );
                    g.verdict = Verdict::Conflict;
                    g.reason = msg.clone();
                    findings.push(conflict_finding(ctx, g, a, b, msg));
                }
                Some(_) => {
                    g.verdict = Verdict::Compatible;
                    g.reason = format!(
                        "{} can take several values; the sources name {} different ones",
                        prop.name,
                        clusters.len()
                    );
                }
                None => {
                    g.verdict = Verdict::Compatible;
                    g.reason = explained.join("; ");
                }
            }
        }
    }
}

fn judge_numeric(
    ctx: &Ctx,
    g: &mut Group,
    prop: &PropertyDef,
    affirmed: &[u32],
    quiet: bool,
    findings: &mut Vec<Finding>,
) {
    let d = ctx.d;
    let mut usable: Vec<u32> = affirmed
        .iter()
        .copied()
        .filter(|&c| ctx.assertions[c as usize].interval.is_some())
        .collect();
    let unusable = affirmed.len() - usable.len();
    let mut suffix = if unusable > 0 {
        format!(" ({unusable} claim(s) could not be read as numbers and were left out)")
    } else {
        String::new()
    };
    // Amounts in other currencies: converted at declared rates, or set aside.
    let money = money::harmonize(d, ctx.assertions, &usable).unwrap_or_default();
    if !money.set_aside.is_empty() && usable.len() - money.set_aside.len() >= 2 {
        let aside = money.set_aside[0];
        findings.push(fact_finding(
            ctx,
            g,
            Rule::NotComparable,
            &money.set_aside,
            Some(d.claims[aside as usize].locs.value()),
            format!(
                "{} / {}: {}",
                d.entities[g.subject as usize].name,
                prop.name,
                money.note(d, ctx.assertions)
            ),
        ));
        usable.retain(|c| !money.set_aside.contains(c));
    }
    if money.target.is_some() && money.set_aside.iter().all(|c| !usable.contains(c)) {
        suffix.push_str(&format!(" ({})", money.note(d, ctx.assertions)));
    }
    let currency_of = |c: u32| {
        if money.interval(c).is_some() {
            money.target
        } else {
            ctx.assertions[c as usize].currency
        }
    };
    if usable.is_empty() {
        g.values = affirmed.iter().map(|&c| cluster(ctx, vec![c])).collect();
        g.verdict = Verdict::NotComparable;
        g.reason = format!("no claim could be read as a {}{suffix}", prop.kind.name());
        return;
    }
    // Currencies and units must match.
    let first = &ctx.assertions[usable[0] as usize];
    let first_currency = currency_of(usable[0]);
    if let Some(&other) = usable.iter().find(|&&c| {
        let a = &ctx.assertions[c as usize];
        currency_of(c) != first_currency || (a.unit != first.unit && a.kind != AssertionKind::Date)
    }) {
        let a = &ctx.assertions[other as usize];
        g.values = usable.iter().map(|&c| cluster(ctx, vec![c])).collect();
        g.verdict = Verdict::NotComparable;
        g.reason = if currency_of(other) != first_currency {
            format!(
                "amounts in {} and {} cannot be compared without exchange rates (declare them in claims/rates.yaml)",
                first_currency.unwrap_or("no currency"),
                a.currency.unwrap_or("no currency")
            )
        } else {
            format!(
                "values in {} and {} are of different dimensions",
                first.unit.unwrap_or("plain numbers"),
                a.unit.unwrap_or("plain numbers")
            )
        };
        findings.push(fact_finding(
            ctx,
            g,
            Rule::NotComparable,
            &usable,
            Some(d.claims[other as usize].locs.value()),
            g.reason.clone(),
        ));
        return;
    }
    let iv = |c: u32| {
        money.interval(c).unwrap_or_else(|| {
            ctx.assertions[c as usize]
                .interval
                .unwrap_or(Interval::point(0.0))
        })
    };

    // Clusters of equal values: sort by (low, high) and join neighbours within tolerance.
    let mut sorted = usable.clone();
    let lowkey = |c: u32| iv(c).low.unwrap_or(f64::NEG_INFINITY);
    let highkey = |c: u32| iv(c).high.unwrap_or(f64::INFINITY);
    sorted.sort_by(|&a, &b| {
        lowkey(a)
            .total_cmp(&lowkey(b))
            .then(highkey(a).total_cmp(&highkey(b)))
    });
    let mut centers: Vec<f64> = usable
        .iter()
        .filter_map(|&c| iv(c).center())
        .map(f64::abs)
        .collect();
    centers.sort_by(f64::total_cmp);
    let median = centers.get(centers.len() / 2).copied().unwrap_or(0.0);
    let is_date = prop.kind == ValueKind::Date;
    let tol = if is_date {
        0.0
    } else {
        prop.tolerance.unwrap_or(0.01) * median
    };
    let same = |a: Interval, b: Interval| {
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
    let mut clusters: Vec<Vec<u32>> = Vec::new();
    for &c in &sorted {
        match clusters.last_mut() {
            Some(last) if same(iv(last[0]), iv(c)) => last.push(c),
            _ => clusters.push(vec![c]),
        }
    }
    let n_clusters = clusters.len();
    g.values = clusters.into_iter().map(|m| cluster(ctx, m)).collect();

    // Common intersection: the highest low end and the lowest high end.
    let mut lo_claim = usable[0];
    let mut hi_claim = usable[0];
    for &c in &usable {
        let i = iv(c);
        let lo_i = iv(lo_claim);
        if i.low.unwrap_or(f64::NEG_INFINITY) > lo_i.low.unwrap_or(f64::NEG_INFINITY)
            || (i.low == lo_i.low && !i.low_inclusive && lo_i.low_inclusive)
        {
            lo_claim = c;
        }
        let hi_i = iv(hi_claim);
        if i.high.unwrap_or(f64::INFINITY) < hi_i.high.unwrap_or(f64::INFINITY)
            || (i.high == hi_i.high && !i.high_inclusive && hi_i.high_inclusive)
        {
            hi_claim = c;
        }
    }
    let disjoint = iv(hi_claim).is_before(&iv(lo_claim));
    let unit = first.unit.map(|u| format!(" {u}")).unwrap_or_default();
    if !disjoint {
        if n_clusters == 1 {
            g.verdict = Verdict::Agree;
            g.reason = if quiet {
                String::new()
            } else if usable.len() == 1 {
                format!("one readable claim{suffix}")
            } else if is_date {
                format!("all {} claims state the same dates{suffix}", usable.len())
            } else {
                format!(
                    "all {} claims state the same value within {}% tolerance{suffix}",
                    usable.len(),
                    fmt_num(prop.tolerance.unwrap_or(0.01) * 100.0)
                )
            };
        } else {
            let common = Interval {
                low: iv(lo_claim).low,
                high: iv(hi_claim).high,
                low_inclusive: iv(lo_claim).low_inclusive,
                high_inclusive: iv(hi_claim).high_inclusive,
            };
            g.verdict = Verdict::Compatible;
            if quiet {
                return;
            }
            g.reason = format!(
                "the values overlap but are not the same: every claim allows {}{unit}{suffix}",
                if is_date {
                    date_interval(common)
                } else {
                    common.to_string()
                }
            );
        }
        return;
    }
    // Disjoint: a revision over time, or a conflict.
    let (low_c, high_c) = (hi_claim, lo_claim);
    let gap_abs = iv(low_c).gap(&iv(high_c));
    let reference = iv(high_c).low.unwrap_or(0.0).abs().max(f64::MIN_POSITIVE);
    g.gap = Some(Gap {
        absolute: gap_abs,
        relative: gap_abs / reference,
        low_claim: low_c,
        high_claim: high_c,
    });
    let (t_low, t_high) = (effective_time(ctx, low_c), effective_time(ctx, high_c));
    if prop.temporal != Temporal::Fixed && t_low.is_some() && t_high.is_some() && t_low != t_high {
        // Order by time; a cumulative figure should only grow.
        let mut timeline: Vec<(i64, u32)> = usable
            .iter()
            .filter_map(|&c| effective_time(ctx, c).map(|t| (t, c)))
            .collect();
        timeline.sort();
        let falls = prop.temporal == Temporal::Cumulative
            && timeline
                .windows(2)
                .any(|w| iv(w[1].1).is_before(&iv(w[0].1)));
        g.verdict = Verdict::Revised;
        g.reason = format!(
            "{} changes over time: {} → {}{}",
            prop.name,
            claim_label(d, timeline[0].1),
            claim_label(d, timeline[timeline.len() - 1].1),
            if falls {
                "; the total FALLS, which a cumulative figure should not"
            } else {
                ""
            }
        );
        if falls {
            let last = timeline[timeline.len() - 1].1;
            findings.push(fact_finding(
                ctx,
                g,
                Rule::FallingTotal,
                &usable,
                Some(d.claims[last as usize].locs.value()),
                g.reason.clone(),
            ));
        }
        return;
    }
    let gap_text = if is_date {
        format!("{} days apart", fmt_num(gap_abs))
    } else {
        format!(
            "gap {}{unit}, {}% of the larger",
            fmt_num(gap_abs),
            fmt_num((gap_abs / reference * 100.0 * 10.0).round() / 10.0)
        )
    };
    let msg = format!(
        "{} / {}: {} and {} cannot both be true ({gap_text}){suffix}",
        d.entities[g.subject as usize].name,
        prop.name,
        claim_label(d, low_c),
        claim_label(d, high_c),
    );
    g.verdict = Verdict::Conflict;
    g.reason = msg.clone();
    findings.push(conflict_finding(ctx, g, high_c, low_c, msg));
}

fn date_interval(i: Interval) -> String {
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
