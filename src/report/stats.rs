//! `check --statistics`: how many open findings each rule has, most frequent first.

use crate::model::{Finding, Rule, Severity};
use std::collections::BTreeMap;

/// Open findings counted by rule and severity (a rule's findings share a severity unless
/// the configuration re-grades it), most frequent first, then by rule code.
pub fn count(findings: &[Finding]) -> Vec<(Rule, Severity, usize)> {
    let mut by: BTreeMap<(Rule, Severity), usize> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.acknowledged.is_none()) {
        *by.entry((f.rule, f.severity)).or_default() += 1;
    }
    let mut v: Vec<_> = by.into_iter().map(|((r, s), n)| (r, s, n)).collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.code().cmp(b.0.code())));
    v
}

/// One line per rule: count, severity, code, what the rule means.
pub fn text(counts: &[(Rule, Severity, usize)]) -> String {
    let width = counts
        .iter()
        .map(|c| c.2.to_string().len())
        .max()
        .unwrap_or(1);
    let code_width = counts.iter().map(|c| c.0.code().len()).max().unwrap_or(0);
    let mut out = String::new();
    for (r, s, n) in counts {
        out.push_str(&format!(
            "{n:>width$}  {:<7}  {:<code_width$}  {}\n",
            s.name(),
            r.code(),
            r.summary()
        ));
    }
    out
}

pub fn json(counts: &[(Rule, Severity, usize)]) -> String {
    let v: Vec<serde_json::Value> = counts
        .iter()
        .map(|(r, s, n)| serde_json::json!({ "rule": r.code(), "severity": s.name(), "count": n }))
        .collect();
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_open_findings_by_rule() {
        let f = |r| Finding::new(r, None, "m".into(), "fp".into());
        let mut acked = f(Rule::Conflict);
        acked.acknowledged = Some("known".into());
        let c = count(&[
            f(Rule::QuoteNotFound),
            f(Rule::Conflict),
            f(Rule::QuoteNotFound),
            acked,
        ]);
        assert_eq!(
            c,
            vec![
                (Rule::QuoteNotFound, Severity::Error, 2),
                (Rule::Conflict, Severity::Error, 1)
            ]
        );
        assert!(text(&c).starts_with("2  error    quote-not-found"));
    }
}
