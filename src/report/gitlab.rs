//! GitLab Code Quality JSON (the subset of the Code Climate issue format GitLab reads, as its
//! documentation lists it: description, check_name, fingerprint, severity, location).

use crate::model::{Finding, Severity};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// GitLab's scale is info, minor, major, critical, blocker; errors rank above warnings.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// One issue per unacknowledged finding. GitLab shows only the first issue of a fingerprint,
/// so ours (stable across line moves, see `accepted.yaml`) is hashed and, in the rare case
/// two findings share one, numbered.
pub fn gitlab(findings: &[Finding], prefix: &str) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<Value> = findings
        .iter()
        .filter(|f| f.acknowledged.is_none())
        .map(|f| {
            let n = seen.entry(f.fingerprint.clone()).or_default();
            let mut h = Sha256::new();
            h.update(f.fingerprint.as_bytes());
            if *n > 0 {
                h.update(format!("\0{n}").as_bytes());
            }
            *n += 1;
            let digest = h.finalize();
            let fingerprint: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
            let (path, line, column) = match &f.loc {
                Some(l) => (format!("{prefix}{}", l.file), l.line, l.column),
                None => (format!("{prefix}claims"), 1, 1),
            };
            let mut description = f.message.clone();
            if let Some(h) = &f.help {
                description.push_str(&format!(" ({h})"));
            }
            json!({
                "type": "issue",
                "description": description,
                "check_name": f.rule.code(),
                "fingerprint": fingerprint,
                "severity": severity(f.severity),
                "location": {
                    "path": path,
                    "lines": { "begin": line },
                    "positions": { "begin": { "line": line, "column": column } }
                }
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&Value::Array(issues)).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loc, Rule};
    use std::sync::Arc;

    #[test]
    fn fingerprints_are_unique_and_stable() {
        let file: Arc<str> = Arc::from("claims/a.yaml");
        let f = |line| {
            Finding::new(
                Rule::Conflict,
                Some(Loc::new(&file, line, 1)),
                "m".into(),
                "fp".into(),
            )
        };
        let v: Value = serde_json::from_str(&gitlab(&[f(3), f(9)], "")).unwrap();
        let a = v[0]["fingerprint"].as_str().unwrap();
        let b = v[1]["fingerprint"].as_str().unwrap();
        assert_ne!(a, b);
        let again: Value = serde_json::from_str(&gitlab(&[f(40)], "")).unwrap();
        assert_eq!(
            again[0]["fingerprint"].as_str().unwrap(),
            a,
            "lines do not matter"
        );
    }
}
