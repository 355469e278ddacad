//! Runs the stages in order and gathers what each found.

use crate::compare::{self, Comparison};
use crate::load::{self, LoadError, Loaded};
use crate::model::{Assertion, Finding, Fingerprint, Rule, Severity};
use crate::normalize::{self, Names, vocab::Vocabulary};
use std::path::Path;

/// Everything known about a dossier after checking it.
pub struct Analysis {
    pub loaded: Loaded,
    pub vocab: Vocabulary,
    pub names: Vec<Names>,
    pub assertions: Vec<Assertion>,
    pub comparison: Comparison,
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// Input errors mean the dossier could not be fully read.
    pub fn has_input_errors(&self) -> bool {
        self.findings.iter().any(|f| f.rule.is_input_error())
    }
    /// Findings of this severity that nobody has acknowledged.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity && f.acknowledged.is_none())
            .count()
    }
    /// Whether an unacknowledged finding at or above `threshold` exists.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.findings
            .iter()
            .any(|f| f.acknowledged.is_none() && f.severity >= threshold)
    }
    /// Counts by verdict without building the report.
    pub fn summary(&self) -> crate::report::data::Summary {
        let mut verdicts: std::collections::BTreeMap<&'static str, usize> =
            crate::compare::Verdict::ALL
                .iter()
                .map(|v| (v.name(), 0))
                .collect();
        for g in &self.comparison.groups {
            *verdicts.entry(g.verdict.name()).or_default() += 1;
        }
        crate::report::data::Summary {
            sources: self.loaded.dossier.sources.len(),
            claims: self.loaded.dossier.claims.len(),
            groups: self.comparison.groups.len(),
            contested: self
                .comparison
                .groups
                .iter()
                .map(|g| g.contested.len())
                .sum(),
            verdicts,
            input_errors: self
                .findings
                .iter()
                .filter(|f| f.rule.is_input_error())
                .count(),
        }
    }
    pub fn report(&self, filter: &crate::report::data::Filter) -> crate::report::data::Report<'_> {
        crate::report::data::build(
            &self.loaded.dossier,
            &self.assertions,
            &self.comparison,
            &self.loaded.quote_contexts,
            &self.findings,
            filter,
        )
    }
}

pub fn analyze(root: &Path) -> Result<Analysis, LoadError> {
    analyze_with(root, &load::Options::default())
}

pub fn analyze_with(root: &Path, opts: &load::Options) -> Result<Analysis, LoadError> {
    analyze_reporting(root, opts, &|_| {})
}

/// Runs the stages, telling `stage` the name of each as it starts (for a progress display; the
/// library itself never prints).
pub fn analyze_reporting(
    root: &Path,
    opts: &load::Options,
    stage: &dyn Fn(&'static str),
) -> Result<Analysis, LoadError> {
    stage("reading claim files and checking quotes");
    let loaded = load::load_sketching(root, opts, Some(compare::relay::sketch))?;
    stage("resolving names and reading values");
    // Relay detection needs only the seed sketches: it runs beside normalization, whose
    // stages each have stretches on one thread.
    let (relays, (vocab, (names, name_findings), (assertions, value_findings))) = rayon::join(
        || compare::relay::detect(&loaded.sketches),
        || {
            let vocab = Vocabulary::new(&loaded.dossier.entities, &loaded.dossier.properties);
            let names = normalize::resolve_names(&loaded.dossier, &vocab);
            let assertions = normalize::assertions(&loaded.dossier, &vocab, &names.0);
            (vocab, names, assertions)
        },
    );
    stage("comparing sources");
    let comparison = compare::compare(&loaded.dossier, &names, &assertions, relays);
    let mut findings = loaded.findings.clone();
    findings.extend(name_findings);
    findings.extend(value_findings);
    findings.extend(comparison.findings.iter().cloned());
    acknowledge(&loaded.accepted, &loaded.incomplete, &mut findings);
    sort_findings(&mut findings);
    Ok(Analysis {
        loaded,
        vocab,
        names,
        assertions,
        comparison,
        findings,
    })
}

/// Marks findings the editors accepted, and reports accepted entries that no longer match.
/// An entry about a source that input errors left (partly) unread is not stale: its finding
/// may well still be there once the file reads. An entry is matched in its current form: one
/// an earlier release wrote with a prefix other than its rule's code is migrated first
/// ([`Fingerprint::migrate`]).
fn acknowledge(
    accepted: &[load::Accepted],
    incomplete: &load::Incomplete,
    findings: &mut Vec<Finding>,
) {
    let current: Vec<std::borrow::Cow<str>> = accepted
        .iter()
        .map(|a| Fingerprint::migrate(&a.fingerprint))
        .collect();
    let by_fp: std::collections::HashMap<&str, &load::Accepted> =
        current.iter().map(|fp| fp.as_ref()).zip(accepted).collect();
    let mut used = std::collections::HashSet::new();
    for f in findings.iter_mut() {
        // An entry written by an earlier release carries the legacy fingerprint; it keeps
        // acknowledging the same finding (README, "Acknowledged findings").
        let found = by_fp.get(f.fingerprint.as_str()).or_else(|| {
            f.legacy_fingerprint
                .as_deref()
                .and_then(|legacy| by_fp.get(legacy))
        });
        if let Some(a) = found {
            f.acknowledged = Some(a.reason.clone());
            used.insert(Fingerprint::migrate(&a.fingerprint));
        }
    }
    for (a, fp) in accepted.iter().zip(&current) {
        if !used.contains(fp) && !unread(incomplete, &a.fingerprint) {
            // The entry as written, so that `--fix` finds it in the file.
            findings.push(
                Fingerprint::new(Rule::StaleAcknowledgement)
                    .part(&a.fingerprint)
                    .finding(
                        Some(a.loc.clone()),
                        format!("acknowledged finding `{}` no longer occurs", a.fingerprint),
                    )
                    .with_help(Rule::StaleAcknowledgement.fix()),
            );
        }
    }
}

/// Whether an acknowledged fingerprint names a claim of a source input errors left unread
/// (fact fingerprints list their claims as `source/claim="value"`).
fn unread(incomplete: &load::Incomplete, fingerprint: &str) -> bool {
    incomplete.unknown
        || fingerprint.split([':', ',']).any(|part| {
            part.split_once('/')
                .is_some_and(|(source, _)| incomplete.covers(source))
        })
}

/// Orders findings by place, so output is stable whatever order threads finished in.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.loc
            .cmp(&b.loc)
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.message.cmp(&b.message))
    });
}
