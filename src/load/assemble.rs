//! Phase C: the parsed files put together into one dossier. Sources first (every file), then
//! claims, which may name a source of another file; ids are checked here: sources' across the
//! dossier, claims' within their source.

use super::Incomplete;
use super::findings::Reference;
use super::parse::{FileOut, SourceRef};
use crate::model::{Dossier, Finding, Problem, Source};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Moves the parsed files' sources and claims into `dossier`, with a finding for each
/// duplicate source id and unknown source; says what input errors left out.
pub(super) fn assemble(
    dossier: &mut Dossier,
    parsed: Vec<FileOut>,
    findings: &mut Vec<Finding>,
) -> Incomplete {
    let mut by_id: HashMap<String, u32> = HashMap::new();
    let total_claims: usize = parsed.iter().map(|f| f.claims.len()).sum();
    dossier.claims.reserve_exact(total_claims);
    let mut local: Vec<Vec<Option<u32>>> = Vec::with_capacity(parsed.len());
    let mut file_claims = Vec::with_capacity(parsed.len());
    let mut file_names = Vec::with_capacity(parsed.len());
    let mut incomplete = Incomplete::default();
    let mut partial_files: Vec<Arc<str>> = Vec::new();
    for f in parsed {
        if f.partial {
            incomplete
                .sources
                .extend(f.sources.iter().map(|s| s.id.clone()));
            partial_files.extend(f.sources.iter().map(|s| s.loc.file.clone()));
        }
        findings.extend(f.findings);
        let mut mine = Vec::with_capacity(f.sources.len());
        for source in f.sources {
            if let Some(&prev) = by_id.get(&source.id) {
                findings.push(
                    Reference::DuplicateSource { id: &source.id }
                        .finding(Some(source.loc.clone()))
                        .with_related(
                            dossier.sources[prev as usize].loc.clone(),
                            "first declared here",
                        ),
                );
                mine.push(None);
                continue;
            }
            let idx = u32::try_from(dossier.sources.len()).unwrap_or(u32::MAX);
            by_id.insert(source.id.clone(), idx);
            dossier.sources.push(source);
            mine.push(Some(idx));
        }
        local.push(mine);
        file_claims.push(f.claims);
        file_names.push(f.source_names);
    }
    for (fi, (claims, names)) in file_claims.into_iter().zip(file_names).enumerate() {
        // Each name a file's claims use is looked up once.
        let named: Vec<Option<u32>> = names.iter().map(|n| by_id.get(n).copied()).collect();
        let source_of = |r: &SourceRef| match *r {
            SourceRef::Local(i) => local[fi].get(i).copied().flatten(),
            SourceRef::Named(k) => named.get(k as usize).copied().flatten(),
        };
        if claims.iter().all(|p| source_of(&p.source).is_some()) {
            // The common case: every claim is kept, so the file's claims are moved into
            // place by both cores at once.
            dossier.claims.par_extend(claims.into_par_iter().map(|p| {
                let mut claim = p.claim;
                claim.source = source_of(&p.source).unwrap_or(0);
                claim
            }));
            continue;
        }
        for p in claims {
            let Some(idx) = source_of(&p.source) else {
                if let SourceRef::Named(k) = p.source {
                    let id = names.get(k as usize).map_or("", String::as_str);
                    findings.push(
                        Reference::UnknownClaimSource {
                            claim: &p.claim.id,
                            source: id,
                        }
                        .finding(Some(p.claim.locs.claim())),
                    );
                }
                continue;
            };
            let mut claim = p.claim;
            claim.source = idx;
            dossier.claims.push(claim);
        }
    }
    for s in &dossier.sources {
        for d in &s.derived_from {
            if !by_id.contains_key(d) {
                findings.push(
                    Reference::UnknownDerivedFrom {
                        source: &s.id,
                        derived: d,
                    }
                    .finding(Some(s.loc.clone())),
                );
            }
        }
    }

    incomplete.unknown = findings.iter().any(|f| {
        f.rule.is_input_error()
            && !f
                .loc
                .as_ref()
                .is_some_and(|l| partial_files.contains(&l.file))
    });
    incomplete
}

/// Claims of source `s` (its claims' indices) that reuse an id, each with where it was first
/// used.
pub(super) fn duplicate_claim_ids(d: &Dossier, s: &Source, claims: &[u32]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut ids: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    ids.reserve(claims.len());
    for &ci in claims {
        let c = &d.claims[ci as usize];
        match ids.entry(c.id.as_str()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let first = &d.claims[*first.get() as usize];
                out.push(
                    Reference::DuplicateClaim {
                        source: &s.id,
                        claim: &c.id,
                    }
                    .finding(Some(c.locs.claim()))
                    .with_related(first.locs.claim(), "first used here"),
                );
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(ci);
            }
        }
    }
    out
}
