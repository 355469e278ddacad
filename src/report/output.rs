//! The output layer of `check`, `report` and `resolve`: one emitter per format, chosen here and
//! nowhere else. Every emitter writes to an `io::Write`; the caller picks the destination
//! (standard output or a file) and never sees which renderer ran.

use super::data::{Report, Summary};
use super::{
    ci, diagnostics, escape, gitlab, html, json, junit, normalized, render, resolved, stats,
};
use crate::compare::Comparison;
use crate::model::{Assertion, DateRange, Dossier, Finding, LineSource, Severity};
use crate::normalize::Found;
use crate::resolve::Outcome;
use crate::text::plural;
use std::io::{self, Write};
use std::path::Path;

/// `check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Brief,
    Json,
    Sarif,
    Github,
    Junit,
    Gitlab,
}

impl CheckFormat {
    /// Formats that quote the lines a finding points at (the caller reads them).
    pub fn shows_lines(self) -> bool {
        matches!(self, CheckFormat::Human | CheckFormat::Github)
    }

    /// Formats for CI systems, whose paths start at the repository root (people's formats
    /// start where the user stands).
    pub fn repository_relative(self) -> bool {
        !matches!(self, CheckFormat::Human | CheckFormat::Brief)
    }

    /// Formats that can print `--statistics` instead of the findings.
    pub fn has_statistics(self) -> bool {
        matches!(
            self,
            CheckFormat::Human | CheckFormat::Brief | CheckFormat::Json
        )
    }
}

/// What one `check` run found, as every check format needs it.
pub struct Checked<'a> {
    pub dossier: &'a Dossier,
    /// Every finding after the rule policy, acknowledged ones included.
    pub findings: &'a [Finding],
    /// The findings nobody has acknowledged.
    pub open: &'a [Finding],
    /// The lines the open findings point at, for the formats that [show
    /// them](CheckFormat::shows_lines).
    pub lines: &'a (dyn LineSource + Sync),
    pub quotes_checked: usize,
    pub seeds: usize,
    pub summary: Summary,
    /// The dossier root as seen from the current directory (empty or ending in `/`): people
    /// open paths from where they stand.
    pub here: &'a str,
    /// The dossier root from the repository root (empty or ending in `/`): CI formats.
    pub repo: &'a str,
}

/// How `check` writes: `--statistics`, `--quiet`, colour.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckStyle {
    pub statistics: bool,
    pub quiet: bool,
    pub color: bool,
}

/// Writes `check`'s output in `format`.
pub fn write_check(
    w: &mut dyn Write,
    format: CheckFormat,
    c: &Checked,
    style: CheckStyle,
) -> io::Result<()> {
    let counts = || stats::count(c.findings);
    match format {
        CheckFormat::Human => {
            if style.statistics {
                w.write_all(stats::text(&counts()).as_bytes())?;
            } else {
                let shown = diagnostics::human_at(c.open, c.lines, style.color, c.here);
                w.write_all(shown.as_bytes())?;
            }
            if !style.quiet {
                w.write_all(human_summary(c).as_bytes())?;
            }
            Ok(())
        }
        CheckFormat::Brief if style.statistics => w.write_all(stats::text(&counts()).as_bytes()),
        CheckFormat::Brief => w.write_all(diagnostics::brief_at(c.open, c.here).as_bytes()),
        CheckFormat::Json if style.statistics => w.write_all(stats::json(&counts()).as_bytes()),
        CheckFormat::Json => check_json(w, c),
        CheckFormat::Sarif => {
            w.write_all(ci::sarif(c.findings, c.repo, env!("CARGO_PKG_VERSION")).as_bytes())
        }
        CheckFormat::Junit => {
            let files = junit::claim_files(c.dossier);
            w.write_all(junit::junit(c.findings, &files, c.repo).as_bytes())
        }
        CheckFormat::Gitlab => w.write_all(gitlab::gitlab(c.findings, c.repo).as_bytes()),
        CheckFormat::Github => {
            w.write_all(ci::github(c.findings, c.repo).as_bytes())?;
            // GitHub shows only the first few annotations of a step; the log keeps the rest.
            let log = diagnostics::human_at(c.open, c.lines, false, c.repo);
            w.write_all(escape::github_log(&log).as_bytes())?;
            if !style.quiet {
                let acknowledged = c.findings.len() - c.open.len();
                writeln!(w, "{}, {acknowledged} acknowledged", totals(c))?;
            }
            Ok(())
        }
    }
}

/// The verdict counts, then the open errors and warnings: the end of every summary of `check`.
fn totals(c: &Checked) -> String {
    let open = |s: Severity| c.open.iter().filter(|f| f.severity == s).count();
    format!(
        "{}\n{}, {}",
        render::summary_of(&c.summary),
        plural(open(Severity::Error), "error", "errors"),
        plural(open(Severity::Warning), "warning", "warnings"),
    )
}

/// `check`'s closing lines for people: what was read, the verdicts, what is left open.
fn human_summary(c: &Checked) -> String {
    let acknowledged = c.findings.len() - c.open.len();
    format!(
        "checked {}, {}, {} against {}\n{}{}\n",
        plural(c.dossier.sources.len(), "source", "sources"),
        plural(c.dossier.claims.len(), "claim", "claims"),
        plural(c.quotes_checked, "quote", "quotes"),
        plural(c.seeds, "seed text", "seed texts"),
        totals(c),
        if acknowledged > 0 {
            format!(
                ", {acknowledged} acknowledged in {}claims/accepted.yaml",
                c.here
            )
        } else {
            String::new()
        }
    )
}

/// `check --format json`: the counts and every finding, keys in sorted order as this format
/// has always listed them.
fn check_json(w: &mut dyn Write, c: &Checked) -> io::Result<()> {
    let findings: Vec<json::SortedKeys<Finding>> =
        c.findings.iter().map(json::SortedKeys).collect();
    let mut o = json::PrettyObject::begin(w)?;
    o.field("claims", &c.dossier.claims.len())?;
    o.array("findings", &findings)?;
    o.field("quotes_checked", &c.quotes_checked)?;
    o.field("sources", &c.dossier.sources.len())?;
    o.end()
}

/// `report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
    Html,
}

/// Writes the discrepancy report in `format`. `width` is the table's (none: the terminal's).
pub fn write_report(
    w: &mut dyn Write,
    format: ReportFormat,
    r: &Report,
    color: bool,
    width: Option<u16>,
) -> io::Result<()> {
    match format {
        ReportFormat::Table => w.write_all(render::table(r, color, width).as_bytes()),
        ReportFormat::Markdown => w.write_all(render::markdown(r).as_bytes()),
        // Streamed: the JSON report of a large dossier is larger than its claim files.
        ReportFormat::Json => render::write_json(r, w),
        ReportFormat::Html => w.write_all(html::html(r, "Discrepancy report").as_bytes()),
    }
}

/// `resolve --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResolveFormat {
    Table,
    Json,
}

/// What `resolve` found, with what it was found in.
pub struct Resolved<'a> {
    pub dossier: &'a Dossier,
    pub assertions: &'a [Assertion],
    pub comparison: &'a Comparison,
    pub outcome: &'a Outcome,
}

/// The table's choices: uncontested facts too (`all`), at most `limit` rows (0: all), `width`
/// columns (none: the terminal's).
#[derive(Debug, Clone, Copy)]
pub struct ResolveTable {
    pub all: bool,
    pub limit: usize,
    pub width: Option<u16>,
}

/// Writes `resolve`'s outcome in `format`.
pub fn write_resolve(
    w: &mut dyn Write,
    format: ResolveFormat,
    r: &Resolved,
    table: ResolveTable,
) -> io::Result<()> {
    match format {
        ResolveFormat::Json => {
            resolved::write_json(w, r.dossier, r.assertions, r.comparison, r.outcome)
        }
        ResolveFormat::Table => w.write_all(
            resolved::table(
                r.dossier,
                r.comparison,
                r.outcome,
                table.all,
                table.limit,
                table.width,
            )
            .as_bytes(),
        ),
    }
}

/// `normalize --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NormalizeFormat {
    Text,
    Json,
}

/// Writes how `text` was read.
pub fn write_normalized(
    w: &mut dyn Write,
    format: NormalizeFormat,
    text: &str,
    a: &Assertion,
) -> io::Result<()> {
    match format {
        NormalizeFormat::Text => w.write_all(normalized::normalized_text(text, a).as_bytes()),
        NormalizeFormat::Json => writeln!(w, "{}", normalized::normalized_json(text, a)),
    }
}

/// `extract --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractFormat {
    Jsonl,
    Yaml,
    ClaimsJsonl,
}

/// Writes what `extract` found in `article`, read from `file` (drafts name their source
/// after it).
pub fn write_extracted(
    w: &mut dyn Write,
    format: ExtractFormat,
    article: &str,
    found: &[Found],
    file: &Path,
    published: Option<DateRange>,
) -> io::Result<()> {
    let out = match format {
        ExtractFormat::Jsonl => normalized::extracted_jsonl(article, found),
        ExtractFormat::Yaml => normalized::extracted_yaml(article, found, file, published),
        ExtractFormat::ClaimsJsonl => normalized::extracted_claims_jsonl(article, found, file),
    };
    w.write_all(out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loc, Rule};
    use std::collections::BTreeMap;
    use std::sync::Arc;

    struct NoLines;
    impl LineSource for NoLines {
        fn line(&self, _: &str, _: u32) -> Option<String> {
            None
        }
    }

    fn checked<'a>(d: &'a Dossier, all: &'a [Finding], open: &'a [Finding]) -> Checked<'a> {
        Checked {
            dossier: d,
            findings: all,
            open,
            lines: &NoLines,
            quotes_checked: 7,
            seeds: 2,
            summary: Summary {
                sources: 0,
                claims: 0,
                groups: 3,
                verdicts: BTreeMap::from([("agree", 2), ("conflict", 1)]),
                contested: 0,
                input_errors: 0,
            },
            here: "d/",
            repo: "",
        }
    }

    fn render(format: CheckFormat, c: &Checked, style: CheckStyle) -> String {
        let mut out = Vec::new();
        write_check(&mut out, format, c, style).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn check_json_is_the_sorted_document_with_hidden_characters_escaped() {
        let file: Arc<str> = Arc::from("claims/a.yaml");
        let mut acked = Finding::new(Rule::Conflict, None, "known".into(), "c".into());
        acked.acknowledged = Some("reviewed".into());
        let all = vec![
            Finding::new(
                Rule::QuoteNotFound,
                Some(Loc::new(&file, 3, 5)),
                "quote \u{202e}missing ##[x]".into(),
                "q".into(),
            )
            .with_help("look"),
            acked,
        ];
        let d = Dossier::default();
        let c = checked(&d, &all, &all[..1]);
        let got = render(CheckFormat::Json, &c, CheckStyle::default());
        let whole = serde_json::to_string_pretty(&serde_json::json!({
            "sources": 0,
            "claims": 0,
            "quotes_checked": 7,
            "findings": all,
        }))
        .unwrap();
        assert_eq!(got, format!("{}\n", escape::json_text(&whole)));
        assert!(!got.contains('\u{202e}') && !got.contains("##["), "{got}");
    }

    #[test]
    fn check_summaries_share_their_totals() {
        let mut acked = Finding::new(Rule::Conflict, None, "known".into(), "c".into());
        acked.acknowledged = Some("reviewed".into());
        let all = vec![
            Finding::new(Rule::QuoteNotFound, None, "missing".into(), "q".into()),
            acked,
        ];
        let d = Dossier::default();
        let c = checked(&d, &all, &all[..1]);
        let human = render(CheckFormat::Human, &c, CheckStyle::default());
        assert!(
            human.ends_with(
                "checked 0 sources, 0 claims, 7 quotes against 2 seed texts\n\
                 3 groups from 0 claims in 0 sources: 2 agree, 1 conflict\n\
                 1 error, 0 warnings, 1 acknowledged in d/claims/accepted.yaml\n"
            ),
            "{human}"
        );
        let github = render(CheckFormat::Github, &c, CheckStyle::default());
        assert!(
            github.ends_with(
                "3 groups from 0 claims in 0 sources: 2 agree, 1 conflict\n\
                 1 error, 0 warnings, 1 acknowledged\n"
            ),
            "{github}"
        );
        let quiet = CheckStyle {
            quiet: true,
            ..CheckStyle::default()
        };
        assert!(!render(CheckFormat::Human, &c, quiet).contains("checked"));
        let stats = CheckStyle {
            statistics: true,
            quiet: true,
            ..CheckStyle::default()
        };
        assert!(render(CheckFormat::Brief, &c, stats).starts_with("1  error    quote-not-found"));
    }
}
