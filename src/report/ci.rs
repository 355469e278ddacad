//! Findings for CI systems: SARIF 2.1.0 (GitHub code scanning) and GitHub workflow commands.

use crate::model::{Finding, Loc, Rule, Severity};
use serde_json::{Value, json};

/// The SARIF result level of a severity.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(loc: &Loc, prefix: &str, message: Option<&str>) -> Value {
    let mut v = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": format!("{prefix}{}", loc.file), "uriBaseId": "%SRCROOT%" },
            "region": { "startLine": loc.line, "startColumn": loc.column }
        }
    });
    if let Some(m) = message {
        v["message"] = json!({ "text": m });
    }
    v
}

/// A SARIF 2.1.0 log with one rule per rule code and one result per finding. `prefix` is the
/// dossier root's path from the repository root (empty or ending in `/`), so locations are
/// repository-relative. Acknowledged findings carry an external suppression with the reason.
pub fn sarif(findings: &[Finding], prefix: &str, version: &str) -> String {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.code(),
                "name": r.code(),
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": r.summary() },
                "help": {
                    "text": format!("{} Fix: {}", r.summary(), r.fix()),
                    "markdown": format!("{}\n\n**How to fix or accept:** {}", r.summary(), r.fix())
                },
                "defaultConfiguration": { "level": level(r.default_severity()) }
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let index = Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0);
            let mut text = f.message.clone();
            if let Some(h) = &f.help {
                text.push_str(&format!(" ({h})"));
            }
            let mut r = json!({
                "ruleId": f.rule.code(),
                "ruleIndex": index,
                "level": level(f.severity),
                "message": { "text": text },
                "partialFingerprints": { "corroborate/v1": f.fingerprint },
            });
            if let Some(loc) = &f.loc {
                r["locations"] = json!([location(loc, prefix, None)]);
            }
            if !f.related.is_empty() {
                r["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, rel)| {
                            let mut l = location(&rel.loc, prefix, Some(&rel.message));
                            l["id"] = json!(i);
                            l
                        })
                        .collect(),
                );
            }
            if let Some(reason) = &f.acknowledged {
                r["suppressions"] = json!([{ "kind": "external", "justification": reason }]);
            }
            r
        })
        .collect();
    let mut driver = json!({ "name": "corroborate", "version": version, "rules": rules });
    // The crate is not published, so there is no registry page to point at; the manifest's
    // `repository`, once set, is the one real home a code-scanning user can follow.
    if let Some(home) = option_env!("CARGO_PKG_REPOSITORY").filter(|u| !u.is_empty()) {
        driver["informationUri"] = json!(home);
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

/// Escapes workflow-command data: `%`, CR and LF.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes workflow-command properties: data escapes plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub workflow commands, one per unacknowledged finding.
pub fn github(findings: &[Finding], prefix: &str) -> String {
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.acknowledged.is_none()) {
        let cmd = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![format!(
            "title={}",
            escape_property(&format!("corroborate {}", f.rule.code()))
        )];
        if let Some(loc) = &f.loc {
            props.insert(
                0,
                format!("file={}", escape_property(&format!("{prefix}{}", loc.file))),
            );
            props.insert(1, format!("line={}", loc.line));
            props.insert(2, format!("col={}", loc.column));
        }
        let mut msg = crate::report::sanitize(&f.message);
        if let Some(h) = &f.help {
            msg.push_str(&format!("\n{}", crate::report::sanitize(h)));
        }
        out.push_str(&format!(
            "::{cmd} {}::{}\n",
            props.join(","),
            escape_data(&msg)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn workflow_commands_are_escaped() {
        let file: Arc<str> = Arc::from("claims/a,b:c.yaml");
        let f = Finding::new(
            Rule::Conflict,
            Some(Loc::new(&file, 3, 5)),
            "100% wrong\nreally".into(),
            "fp".into(),
        );
        let out = github(&[f], "dossier/");
        assert_eq!(
            out,
            "::error file=dossier/claims/a%2Cb%3Ac.yaml,line=3,col=5,title=corroborate conflict::100%25 wrong%0Areally\n"
        );
    }

    #[test]
    fn sarif_has_a_rule_per_code_and_fingerprints() {
        let file: Arc<str> = Arc::from("claims/a.yaml");
        let mut f = Finding::new(
            Rule::QuoteNotFound,
            Some(Loc::new(&file, 7, 12)),
            "m".into(),
            "quote-not-found:a:x".into(),
        );
        f.acknowledged = Some("known".into());
        let v: Value = serde_json::from_str(&sarif(&[f], "", "0.1.0")).unwrap();
        let run = &v["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            Rule::ALL.len()
        );
        let r = &run["results"][0];
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            7
        );
        assert_eq!(
            r["partialFingerprints"]["corroborate/v1"],
            "quote-not-found:a:x"
        );
        assert_eq!(r["suppressions"][0]["justification"], "known");
    }
}
