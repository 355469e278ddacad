//! The discrepancy report as data: every renderer (table, Markdown, JSON, HTML) reads this.

use crate::compare::{Comparison, Verdict};
use crate::model::QuoteContext;
use crate::model::{Assertion, Dossier, Finding, Published};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Serialize)]
pub struct Report<'a> {
    pub summary: Summary,
    pub sources: Vec<SourceEntry>,
    pub groups: Vec<GroupEntry<'a>>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub sources: usize,
    pub claims: usize,
    pub groups: usize,
    /// Groups by verdict, every verdict listed (zero included).
    pub verdicts: BTreeMap<&'static str, usize>,
    /// Contested voices shown beside the facts (set aside from their verdicts).
    pub contested: usize,
    /// Files or parts of files that could not be read: the report leaves out what they say.
    pub input_errors: usize,
}

impl Report<'_> {
    /// The findings that mean part of the dossier could not be read.
    pub fn input_errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.rule.is_input_error())
    }
}

/// How one input error reads in a report: `file:line:col: rule: message`.
pub fn input_error_line(f: &Finding) -> String {
    let place = f
        .loc
        .as_ref()
        .map_or_else(|| "<dossier>".to_string(), |l| l.to_string());
    format!(
        "{place}: {}[{}] {}",
        f.severity.name(),
        f.rule.code(),
        f.message
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceEntry {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: String,
    pub url: Option<String>,
    pub derived_from: Vec<String>,
    /// Sources this one is not independent of (declared or detected relaying).
    pub same_origin_as: Vec<String>,
    pub claims: usize,
    /// Groups this source takes part in, by verdict.
    pub verdicts: BTreeMap<&'static str, usize>,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Key {
    pub subject: String,
    pub subject_name: String,
    pub property: String,
    pub property_name: String,
    pub scope: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Normalized {
    pub kind: &'static str,
    pub low: serde_json::Value,
    pub high: serde_json::Value,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
    pub unit: Option<&'static str>,
    pub currency: Option<&'static str>,
    pub entity: Option<String>,
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unresolved: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimEntry<'a> {
    pub source: &'a str,
    pub id: &'a str,
    pub stated: &'a str,
    pub normalized: Normalized,
    pub quote: Option<&'a str>,
    /// The sentence of the seed the quote sits in, with the quote's byte range in it.
    pub context: Option<Context<'a>>,
    pub file: &'a str,
    pub line: u32,
    pub attribution: Option<&'a str>,
    pub hedge: &'static str,
    pub negated: bool,
    /// The source itself calls this figure an earlier one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub earlier: bool,
    pub as_of: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Context<'a> {
    pub sentence: &'a str,
    pub start: usize,
    pub end: usize,
    pub seed_line: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueEntry {
    pub stated: String,
    /// Claim ids as `source/claim`.
    pub claims: Vec<String>,
    pub sources: usize,
    pub independent_sources: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedEntry {
    pub key: Key,
    pub verdict: Verdict,
    pub differs: String,
    /// Values with the claims stating them (`value (source/claim, ...)`).
    pub values: Vec<String>,
    /// The values alone, as stated.
    pub stated: Vec<String>,
    /// Index of the related group in `groups`.
    pub group: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct GapEntry {
    pub absolute: f64,
    pub relative: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupEntry<'a> {
    pub key: Key,
    pub kind: &'static str,
    pub verdict: Verdict,
    pub reason: String,
    pub sources: usize,
    pub independent_sources: usize,
    pub gap: Option<GapEntry>,
    pub values: Vec<ValueEntry>,
    /// Contested voices: set aside from the verdict, shown beside it.
    pub contested: Vec<ContestedEntry>,
    /// Claims left out of the verdict, and why.
    pub set_aside: Vec<SetAsideEntry>,
    pub claims: Vec<ClaimEntry<'a>>,
    pub related: Vec<RelatedEntry>,
    /// The reasons given in claims/accepted.yaml for this fact's findings (a conflict, a
    /// falling total...), when the editors acknowledged them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub acknowledged: Vec<String>,
    /// This fact's findings nobody acknowledged, counted when some others are.
    #[serde(skip_serializing_if = "is_zero")]
    pub unacknowledged: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl GroupEntry<'_> {
    /// `acknowledged` or `partly acknowledged`, when editors accepted this fact's findings.
    pub fn acknowledgement(&self) -> Option<&'static str> {
        match (self.acknowledged.is_empty(), self.unacknowledged) {
            (true, _) => None,
            (false, 0) => Some("acknowledged"),
            (false, _) => Some("partly acknowledged"),
        }
    }
}

/// A fact finding's fact: the `subject:property:scope` of its fingerprint
/// ([`crate::model::fact_fingerprint`]).
fn fact_of(f: &Finding) -> Option<&str> {
    use crate::model::Rule;
    if !matches!(
        f.rule,
        Rule::Conflict | Rule::FallingTotal | Rule::NotComparable
    ) {
        return None;
    }
    let rest = f
        .fingerprint
        .strip_prefix(f.rule.code())?
        .strip_prefix(':')?;
    let mut end = 0;
    for _ in 0..3 {
        end += rest[end..].find(':')? + 1;
    }
    Some(&rest[..end])
}

#[derive(Debug, Clone, Serialize)]
pub struct ContestedEntry {
    /// `source/claim`.
    pub claim: String,
    pub voice: String,
    pub hedge: &'static str,
    pub stated: String,
    /// Whether it disagrees with every value the other claims state.
    pub disputes: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SetAsideEntry {
    /// `source/claim`.
    pub claim: String,
    pub stated: String,
    #[serde(flatten)]
    pub why: crate::compare::SetAside,
}

/// Which groups a report shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub verdicts: Vec<Verdict>,
    /// Subject ids or names (any alias folds to the same key).
    pub subjects: Vec<String>,
    pub sources: Vec<String>,
}

impl Filter {
    /// A line for each name of the filter that matches nothing in the dossier, with a "did
    /// you mean": a typo must not pass for an empty result.
    pub fn unknown_names(
        &self,
        d: &Dossier,
        entities: &crate::normalize::vocab::Index,
    ) -> Vec<String> {
        use crate::normalize::vocab::{closest, did_you_mean};
        let mut out = Vec::new();
        for s in &self.subjects {
            if entities.get(s).is_none() {
                out.push(format!(
                    "--subject `{s}` names no entity of claims/entities.yaml{}",
                    did_you_mean(&entities.suggest(s))
                ));
            }
        }
        for s in &self.sources {
            if !d.sources.iter().any(|src| &src.id == s) {
                out.push(format!(
                    "--source `{s}` is not a source id of this dossier{}",
                    did_you_mean(&closest(s, d.sources.iter().map(|x| x.id.as_str())))
                ));
            }
        }
        out
    }
}

fn published(p: &Published) -> String {
    match p {
        Published::Unknown => "unknown".into(),
        Published::On(r) => match r.precision {
            crate::model::Precision::Year => r.first.map_or(String::new(), |d| d.year.to_string()),
            crate::model::Precision::Month => r
                .first
                .map_or(String::new(), |d| format!("{}-{:02}", d.year, d.month)),
            _ => r.to_string(),
        },
    }
}

fn normalized(d: &Dossier, a: &Assertion) -> Normalized {
    let p = super::normalized::Projection::of(a);
    Normalized {
        kind: p.kind,
        low: p.low,
        high: p.high,
        low_inclusive: p.low_inclusive,
        high_inclusive: p.high_inclusive,
        unit: p.unit,
        currency: p.currency,
        entity: a.entity.map(|e| d.entities[e as usize].id.clone()),
        rule: a.rule.clone(),
        unresolved: a.unresolved.clone(),
    }
}

/// Assembles the report. Groups come conflicts first, then by verdict, subject, property.
pub fn build<'a>(
    d: &'a Dossier,
    assertions: &[Assertion],
    comparison: &Comparison,
    contexts: &'a HashMap<u32, QuoteContext>,
    findings: &[Finding],
    filter: &Filter,
) -> Report<'a> {
    let key_of = |gi: usize| {
        let g = &comparison.groups[gi];
        let (s, p) = (
            &d.entities[g.subject as usize],
            &d.properties[g.property as usize],
        );
        Key {
            subject: s.id.clone(),
            subject_name: s.name.clone(),
            property: p.id.clone(),
            property_name: p.name.clone(),
            scope: g.scope.clone(),
        }
    };
    let claim_ref = |c: u32| {
        let cl = &d.claims[c as usize];
        format!("{}/{}", d.sources[cl.source as usize].id, cl.id)
    };
    let subject_keys: Vec<String> = filter
        .subjects
        .iter()
        .map(|s| crate::normalize::vocab::key(s))
        .collect();
    let wanted = |gi: usize| {
        let g = &comparison.groups[gi];
        (filter.verdicts.is_empty() || filter.verdicts.contains(&g.verdict))
            && (subject_keys.is_empty() || {
                let e = &d.entities[g.subject as usize];
                std::iter::once(&e.id)
                    .chain(std::iter::once(&e.name))
                    .chain(e.aliases.iter())
                    .any(|n| subject_keys.contains(&crate::normalize::vocab::key(n)))
            })
            && (filter.sources.is_empty()
                || g.claims.iter().any(|&c| {
                    filter
                        .sources
                        .contains(&d.sources[d.claims[c as usize].source as usize].id)
                }))
    };
    let mut order: Vec<usize> = (0..comparison.groups.len())
        .filter(|&gi| wanted(gi))
        .collect();
    order.sort_by_cached_key(|&gi| {
        let g = &comparison.groups[gi];
        (
            g.verdict,
            d.entities[g.subject as usize].name.to_lowercase(),
            d.properties[g.property as usize].name.clone(),
            g.scope.clone().unwrap_or_default(),
        )
    });
    let position: HashMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(pos, &gi)| (gi, pos))
        .collect();

    // Acknowledgements by fact; skipped when nothing is acknowledged (most large runs).
    let mut acks: HashMap<&str, (Vec<String>, usize)> = HashMap::new();
    if findings.iter().any(|f| f.acknowledged.is_some()) {
        for f in findings {
            if let Some(fact) = fact_of(f) {
                let e = acks.entry(fact).or_default();
                match &f.acknowledged {
                    Some(reason) if !e.0.contains(reason) => e.0.push(reason.clone()),
                    Some(_) => {}
                    None => e.1 += 1,
                }
            }
        }
    }
    // Groups are independent, and one group can hold most of a large dossier's claims: both
    // levels run in parallel (rayon splits small inputs no further than it pays).
    let groups: Vec<GroupEntry> = order
        .par_iter()
        .map(|&gi| {
            let g = &comparison.groups[gi];
            let claims = g
                .claims
                .par_iter()
                .map(|&c| {
                    let cl = &d.claims[c as usize];
                    // Borrowed from the dossier: a million-claim report would otherwise copy
                    // every quote and seed sentence once more before writing them.
                    ClaimEntry {
                        source: &d.sources[cl.source as usize].id,
                        id: &cl.id,
                        stated: &cl.value,
                        normalized: normalized(d, &assertions[c as usize]),
                        quote: cl.quote.as_deref(),
                        context: contexts.get(&c).map(|q| Context {
                            sentence: &q.sentence,
                            start: q.start,
                            end: q.end,
                            seed_line: q.line,
                        }),
                        file: &cl.locs.file,
                        line: cl.locs.claim().line,
                        attribution: cl.attribution.as_deref(),
                        hedge: cl.hedge.name(),
                        negated: cl.negated,
                        earlier: cl.earlier,
                        as_of: cl.as_of.as_deref(),
                        note: cl.note.as_deref(),
                    }
                })
                .collect();
            let related = g
                .related
                .iter()
                .filter_map(|r| {
                    let other = &comparison.groups[r.group as usize];
                    Some(RelatedEntry {
                        key: key_of(r.group as usize),
                        verdict: other.verdict,
                        differs: r.differs.clone(),
                        values: other
                            .values
                            .iter()
                            .map(|v| {
                                let srcs: Vec<String> =
                                    v.claims.iter().map(|&c| claim_ref(c)).collect();
                                format!("{} ({})", v.stated, srcs.join(", "))
                            })
                            .collect(),
                        stated: other.values.iter().map(|v| v.stated.clone()).collect(),
                        group: *position.get(&(r.group as usize))?,
                    })
                })
                .collect();
            let (acknowledged, unacknowledged) = if acks.is_empty() {
                (Vec::new(), 0)
            } else {
                let fact = format!(
                    "{}:{}:{}:",
                    d.entities[g.subject as usize].id,
                    d.properties[g.property as usize].id,
                    g.scope
                        .as_deref()
                        .map(crate::normalize::vocab::key)
                        .unwrap_or_default()
                );
                match acks.get(fact.as_str()) {
                    Some((reasons, open)) if !reasons.is_empty() => (reasons.clone(), *open),
                    _ => (Vec::new(), 0),
                }
            };
            GroupEntry {
                acknowledged,
                unacknowledged,
                key: key_of(gi),
                kind: d.properties[g.property as usize].kind.name(),
                verdict: g.verdict,
                reason: super::reason::render(d, comparison, gi),
                sources: g.sources,
                independent_sources: g.independent_sources,
                gap: g.gap.as_ref().map(|x| GapEntry {
                    absolute: x.absolute,
                    relative: x.relative,
                }),
                values: g
                    .values
                    .iter()
                    .map(|v| ValueEntry {
                        stated: v.stated.clone(),
                        claims: v.claims.iter().map(|&c| claim_ref(c)).collect(),
                        sources: v.sources,
                        independent_sources: v.independent_sources,
                    })
                    .collect(),
                contested: g
                    .contested
                    .iter()
                    .map(|c| {
                        let cl = &d.claims[c.claim as usize];
                        ContestedEntry {
                            claim: claim_ref(c.claim),
                            voice: crate::compare::voice(d, cl),
                            hedge: cl.hedge.name(),
                            stated: cl.value.clone(),
                            disputes: c.disputes.is_some(),
                        }
                    })
                    .collect(),
                set_aside: g
                    .set_aside
                    .iter()
                    .map(|&(c, why)| SetAsideEntry {
                        claim: claim_ref(c),
                        stated: d.claims[c as usize].value.clone(),
                        why,
                    })
                    .collect(),
                claims,
                related,
            }
        })
        .collect();

    let mut verdicts: BTreeMap<&'static str, usize> =
        Verdict::ALL.iter().map(|v| (v.name(), 0)).collect();
    for g in &groups {
        *verdicts.entry(g.verdict.name()).or_default() += 1;
    }
    let mut per_source: Vec<BTreeMap<&'static str, usize>> = vec![BTreeMap::new(); d.sources.len()];
    let mut claim_counts = vec![0usize; d.sources.len()];
    for c in &d.claims {
        claim_counts[c.source as usize] += 1;
    }
    for g in &comparison.groups {
        for s in d.sources_of(&g.claims) {
            *per_source[s as usize].entry(g.verdict.name()).or_default() += 1;
        }
    }
    // Sources by origin, to list relays without comparing every pair of sources.
    let mut by_origin: HashMap<u32, Vec<usize>> = HashMap::new();
    for i in 0..d.sources.len() {
        by_origin.entry(comparison.origin[i]).or_default().push(i);
    }
    let sources = d
        .sources
        .iter()
        .enumerate()
        .filter(|(_, s)| filter.sources.is_empty() || filter.sources.contains(&s.id))
        .map(|(i, s)| SourceEntry {
            id: s.id.clone(),
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            published: published(&s.published),
            url: s.url.clone(),
            derived_from: s.derived_from.clone(),
            same_origin_as: by_origin[&comparison.origin[i]]
                .iter()
                .filter(|&&j| j != i)
                .take(20)
                .map(|&j| d.sources[j].id.clone())
                .collect(),
            claims: claim_counts[i],
            verdicts: per_source[i].clone(),
            file: s.loc.file.to_string(),
        })
        .collect();
    Report {
        summary: Summary {
            sources: d.sources.len(),
            claims: d.claims.len(),
            groups: groups.len(),
            contested: groups.iter().map(|g| g.contested.len()).sum(),
            verdicts,
            input_errors: findings.iter().filter(|f| f.rule.is_input_error()).count(),
        },
        sources,
        groups,
        findings: findings.to_vec(),
    }
}
