//! `corroborate.toml`: presentation and policy defaults (output formats, the failing
//! severity, colour, which rules run and how serious each is), found by walking up from the
//! dossier to the repository root, as typos and ruff find theirs.
//!
//! The file only says how findings are shown and judged. What the claims mean (date order,
//! exchange rates, scopes) lives in the dossier's own files, so a dossier reads the same
//! whoever checks it; and the file names no paths, so it cannot reach outside the dossier.
//!
//! The file is walked by hand over `toml`'s spanned document rather than deserialized into
//! structs: every error (an unknown key, a misspelt rule code, a wrong type) then points at
//! the line and column of the offending text and can suggest the name that was meant.

use crate::model::{Finding, Rule, Severity};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub const FILE_NAME: &str = "corroborate.toml";

/// Formats `check --format` takes (kept equal to the CLI's by a test in `main.rs`).
pub const CHECK_FORMATS: &[&str] = &[
    "human", "brief", "json", "sarif", "github", "junit", "gitlab",
];
/// Formats `report --format` takes.
pub const REPORT_FORMATS: &[&str] = &["table", "markdown", "json", "html"];
pub const FAIL_ON: &[&str] = &["error", "warning", "info", "never"];
pub const COLORS: &[&str] = &["auto", "always", "never"];
pub const SEVERITIES: &[&str] = &["error", "warning", "info"];

/// The settings of a configuration file; `None` where the file says nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file these settings came from.
    pub path: Option<PathBuf>,
    pub color: Option<String>,
    pub check_format: Option<String>,
    pub fail_on: Option<String>,
    pub report_format: Option<String>,
    pub rules: RulePolicy,
}

/// Which rules report findings, and at what severity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RulePolicy {
    /// Only these rules (`None`: all of them).
    pub select: Option<BTreeSet<Rule>>,
    pub ignore: BTreeSet<Rule>,
    pub severity: BTreeMap<Rule, Severity>,
}

impl RulePolicy {
    /// Whether findings of `rule` are reported.
    pub fn enabled(&self, rule: Rule) -> bool {
        // Input errors mean the dossier could not be read: hiding them would let a check
        // pass on files it never saw.
        rule.is_input_error()
            || (self.select.as_ref().is_none_or(|s| s.contains(&rule))
                && !self.ignore.contains(&rule))
    }

    /// Drops findings of rules that are not enabled and applies the configured severities.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        findings.retain(|f| self.enabled(f.rule));
        if self.severity.is_empty() {
            return;
        }
        for f in findings.iter_mut() {
            if let Some(&s) = self.severity.get(&f.rule) {
                f.severity = s;
            }
        }
    }
}

/// A rule code from a flag or the configuration; an unknown one gets a suggestion.
pub fn parse_rule(code: &str) -> Result<Rule, String> {
    if let Some(r) = Rule::from_code(code.trim()) {
        return Ok(r);
    }
    let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    Err(format!(
        "unknown rule code `{code}`{}; `corroborate rules` lists them all",
        did_you_mean(code, &codes)
    ))
}

/// " (did you mean `x`?)" when one known name is close to `got`, else nothing.
pub fn did_you_mean(got: &str, known: &[&str]) -> String {
    let best = known
        .iter()
        .map(|k| (strsim::jaro_winkler(&got.to_lowercase(), k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, k)) => format!(" (did you mean `{k}`?)"),
        None => String::new(),
    }
}

/// A configuration file that cannot be used: where, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and character column, when the problem has a place in the file.
    pub line: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some((l, c)) => write!(f, "{}:{l}:{c}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = 1 + before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, 1 + before[start..].chars().count())
}

/// The nearest directory at or above `start` that holds `claims/`, not looking above the
/// repository root (the first directory with `.git`). Running inside `claims/` finds the
/// dossier that holds it.
pub fn find_dossier(start: &Path) -> Option<PathBuf> {
    ancestors_to_repo_root(start)
        .into_iter()
        .find(|d| d.join("claims").is_dir())
}

/// The nearest `corroborate.toml` at or above `start`, up to the repository root.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    ancestors_to_repo_root(start)
        .into_iter()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

fn ancestors_to_repo_root(start: &Path) -> Vec<PathBuf> {
    // A directory that does not exist has no ancestors to search: a mistyped DIR must not
    // silently stand for the dossier around the current directory.
    let Ok(start) = std::fs::canonicalize(start) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in start.ancestors() {
        out.push(d.to_path_buf());
        if d.join(".git").exists() {
            break;
        }
    }
    out
}

/// Reads and checks a configuration file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: None,
        message: format!("cannot read the configuration: {e}"),
    })?;
    let mut c = parse(&text).map_err(|(at, message)| ConfigError {
        path: path.to_path_buf(),
        line: at.map(|o| line_col(&text, o)),
        message,
    })?;
    c.path = Some(path.to_path_buf());
    Ok(c)
}

/// A problem at a byte offset of the file.
type Problem = (Option<usize>, String);

fn at<T>(s: &Spanned<T>, message: String) -> Problem {
    (Some(s.span().start), message)
}

/// Parses the text of a configuration file.
pub fn parse(text: &str) -> Result<Config, Problem> {
    let doc = DeTable::parse(text).map_err(|e| {
        (
            e.span().map(|s| s.start),
            format!("not valid TOML: {}", e.message().trim()),
        )
    })?;
    let mut c = Config::default();
    for (key, value) in doc.get_ref().iter() {
        match key.get_ref().as_ref() {
            "color" => c.color = Some(choice(value, "color", COLORS)?),
            "check" => {
                for (k, v) in table(value, "check")? {
                    match k.get_ref().as_ref() {
                        "format" => c.check_format = Some(choice(v, "format", CHECK_FORMATS)?),
                        "fail-on" => c.fail_on = Some(choice(v, "fail-on", FAIL_ON)?),
                        "select" => c.rules.select = Some(rule_list(v, "select")?),
                        "ignore" => c.rules.ignore = rule_list(v, "ignore")?,
                        other => {
                            return Err(unknown_key(
                                k,
                                other,
                                "[check]",
                                &["format", "fail-on", "select", "ignore"],
                            ));
                        }
                    }
                }
            }
            "report" => {
                for (k, v) in table(value, "report")? {
                    match k.get_ref().as_ref() {
                        "format" => c.report_format = Some(choice(v, "format", REPORT_FORMATS)?),
                        other => return Err(unknown_key(k, other, "[report]", &["format"])),
                    }
                }
            }
            "rules" => {
                for (k, v) in table(value, "rules")? {
                    let rule = parse_rule(k.get_ref()).map_err(|m| at(k, m))?;
                    if rule.is_input_error() {
                        return Err(at(
                            k,
                            format!(
                                "`{}` means the input could not be read; its severity cannot be changed",
                                rule.code()
                            ),
                        ));
                    }
                    let sev = match choice(v, rule.code(), SEVERITIES)?.as_str() {
                        "error" => Severity::Error,
                        "warning" => Severity::Warning,
                        _ => Severity::Info,
                    };
                    c.rules.severity.insert(rule, sev);
                }
            }
            other => {
                return Err(unknown_key(
                    key,
                    other,
                    "the top level",
                    &["color", "check", "report", "rules"],
                ));
            }
        }
    }
    Ok(c)
}

fn unknown_key<T>(k: &Spanned<T>, name: &str, section: &str, known: &[&str]) -> Problem {
    at(
        k,
        format!(
            "unknown key `{name}` in {section}{}; known keys: {}",
            did_you_mean(name, known),
            known.join(", ")
        ),
    )
}

fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn table<'a, 'i>(v: &'a Spanned<DeValue<'i>>, name: &str) -> Result<&'a DeTable<'i>, Problem> {
    match v.get_ref() {
        DeValue::Table(t) => Ok(t),
        other => Err(at(
            v,
            format!("`{name}` must be a table ([{name}]), not {}", kind(other)),
        )),
    }
}

fn choice(v: &Spanned<DeValue<'_>>, name: &str, allowed: &[&str]) -> Result<String, Problem> {
    match v.get_ref() {
        DeValue::String(s) if allowed.contains(&s.as_ref()) => Ok(s.to_string()),
        DeValue::String(s) => Err(at(
            v,
            format!(
                "`{name}` cannot be `{s}`{}; one of {}",
                did_you_mean(s, allowed),
                allowed.join(", ")
            ),
        )),
        other => Err(at(
            v,
            format!(
                "`{name}` must be a string, one of {}, not {}",
                allowed.join(", "),
                kind(other)
            ),
        )),
    }
}

fn rule_list(v: &Spanned<DeValue<'_>>, name: &str) -> Result<BTreeSet<Rule>, Problem> {
    let DeValue::Array(items) = v.get_ref() else {
        return Err(at(
            v,
            format!(
                "`{name}` must be a list of rule codes, not {}",
                kind(v.get_ref())
            ),
        ));
    };
    let mut out = BTreeSet::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::String(s) => {
                out.insert(parse_rule(s).map_err(|m| at(item, m))?);
            }
            other => {
                return Err(at(
                    item,
                    format!("`{name}` lists rule codes (strings), not {}", kind(other)),
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
# presentation and policy defaults
color = "never"

[check]
format = "brief"
fail-on = "warning"
ignore = ["undeclared-relay"]

[report]
format = "markdown"

[rules]
falling-total = "error"
not-comparable = "warning"
"#;

    #[test]
    fn reads_every_setting() {
        let c = parse(EXAMPLE).unwrap();
        assert_eq!(c.color.as_deref(), Some("never"));
        assert_eq!(c.check_format.as_deref(), Some("brief"));
        assert_eq!(c.fail_on.as_deref(), Some("warning"));
        assert_eq!(c.report_format.as_deref(), Some("markdown"));
        assert!(c.rules.ignore.contains(&Rule::UndeclaredRelay));
        assert_eq!(
            c.rules.severity.get(&Rule::FallingTotal),
            Some(&Severity::Error)
        );
        assert!(c.rules.select.is_none());
    }

    fn error_at(text: &str) -> ((usize, usize), String) {
        let (offset, message) = parse(text).unwrap_err();
        (line_col(text, offset.unwrap()), message)
    }

    #[test]
    fn unknown_keys_point_at_the_line_and_suggest() {
        let (pos, m) = error_at("[check]\nformat = \"brief\"\nfail_on = \"warning\"\n");
        assert_eq!(pos, (3, 1));
        assert!(m.contains("did you mean `fail-on`?"), "{m}");
        let (pos, m) = error_at("colour = \"never\"\n");
        assert_eq!(pos, (1, 1));
        assert!(m.contains("did you mean `color`?"), "{m}");
    }

    #[test]
    fn bad_values_point_at_the_value() {
        let (pos, m) = error_at("[check]\nignore = [\"conflict\", \"stale-acknowledgment\"]\n");
        assert_eq!(pos, (2, 23));
        assert!(m.contains("did you mean `stale-acknowledgement`?"), "{m}");
        let (pos, m) = error_at("[check]\nformat = \"sarf\"\n");
        assert_eq!(pos, (2, 10));
        assert!(m.contains("did you mean `sarif`?"), "{m}");
        let (_, m) = error_at("[check]\nfail-on = 3\n");
        assert!(m.contains("not an integer"), "{m}");
        let (pos, m) = error_at("[rules]\nsyntax-error = \"info\"\n");
        assert_eq!(pos, (2, 1));
        assert!(m.contains("cannot be changed"), "{m}");
    }

    #[test]
    fn toml_syntax_errors_have_a_place() {
        let (offset, m) = parse("[check\nformat = 1\n").unwrap_err();
        assert!(offset.is_some(), "{m}");
        assert!(m.starts_with("not valid TOML"), "{m}");
        assert!(parse("a = 1\na = 2\n").is_err());
    }

    #[test]
    fn policy_never_hides_input_errors() {
        let mut p = RulePolicy {
            select: Some([Rule::Conflict].into()),
            ..RulePolicy::default()
        };
        assert!(p.enabled(Rule::Conflict));
        assert!(!p.enabled(Rule::QuoteNotFound));
        assert!(p.enabled(Rule::YamlSyntax));
        p.ignore.insert(Rule::Conflict);
        assert!(!p.enabled(Rule::Conflict));
    }

    #[test]
    fn discovery_walks_up_to_the_repository_root() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        let dossier = repo.join("dossier");
        std::fs::create_dir_all(dossier.join("claims")).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        // Above the repository root: never read.
        std::fs::write(tmp.path().join(FILE_NAME), "").unwrap();
        assert_eq!(find_config(&dossier.join("claims")), None);
        std::fs::write(repo.join(FILE_NAME), "").unwrap();
        let found = find_config(&dossier.join("claims")).unwrap();
        assert_eq!(found, std::fs::canonicalize(repo.join(FILE_NAME)).unwrap());
        assert_eq!(
            find_dossier(&dossier.join("claims")).unwrap(),
            std::fs::canonicalize(&dossier).unwrap()
        );
        assert_eq!(find_dossier(&repo), None);
        assert_eq!(find_dossier(&dossier.join("no-such-dir")), None);
    }
}
