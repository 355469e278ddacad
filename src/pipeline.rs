//! Runs the stages in order and gathers what each found.

use crate::load::{self, LoadError, Loaded};
use crate::model::{Finding, Severity};
use crate::normalize::{self, Names, vocab::Vocabulary};
use std::path::Path;

/// Everything known about a dossier after checking it.
pub struct Analysis {
    pub loaded: Loaded,
    pub vocab: Vocabulary,
    pub names: Vec<Names>,
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// Input errors mean the dossier could not be fully read.
    pub fn has_input_errors(&self) -> bool {
        self.findings.iter().any(|f| f.rule.is_input_error())
    }
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

pub fn analyze(root: &Path) -> Result<Analysis, LoadError> {
    let loaded = load::load(root)?;
    let vocab = Vocabulary::new(&loaded.dossier.entities, &loaded.dossier.properties);
    let (names, name_findings) = normalize::resolve_names(&loaded.dossier, &vocab);
    let mut findings = loaded.findings.clone();
    findings.extend(name_findings);
    sort_findings(&mut findings);
    Ok(Analysis {
        loaded,
        vocab,
        names,
        findings,
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
