//! `corroborate check`: validate, compare, fail on what is new; `--fix`, `--diff`, `--watch`.

use super::args::{CheckFormat, FailOn, LintArgs};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, analyze, configured, write_to};
use corroborate::config::{Config, RulePolicy};
use corroborate::fix;
use corroborate::load::FileLines;
use corroborate::model::Rule;
use corroborate::report::output::{self, CheckStyle, Checked};
use corroborate::text::plural;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One `check` as the flags and the configuration settle it.
pub struct CheckRun {
    format: CheckFormat,
    fail_on: FailOn,
    color: bool,
    policy: RulePolicy,
    lint: LintArgs,
    config: Option<PathBuf>,
}

impl CheckRun {
    /// The flags over the configuration over the defaults.
    pub fn new(
        cfg: &Config,
        color: bool,
        format: Option<CheckFormat>,
        fail_on: Option<FailOn>,
        lint: LintArgs,
    ) -> Result<CheckRun, u8> {
        Ok(CheckRun {
            policy: rule_policy(cfg, &lint)?,
            format: format
                .or_else(|| configured(cfg.check_format.as_deref()))
                .unwrap_or(CheckFormat::Human),
            fail_on: fail_on
                .or_else(|| configured(cfg.fail_on.as_deref()))
                .unwrap_or(FailOn::Error),
            color,
            lint,
            config: cfg.path.clone(),
        })
    }
}

fn parse_rules(flag: &str, codes: &[String]) -> Result<BTreeSet<Rule>, u8> {
    codes
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| {
            corroborate::config::parse_rule(c).map_err(|m| {
                eprintln!("error: {flag}: {m}");
                EXIT_ERROR
            })
        })
        .collect()
}

/// Which rules report and how seriously: the configuration, then the flags.
fn rule_policy(cfg: &Config, lint: &LintArgs) -> Result<RulePolicy, u8> {
    let mut p = cfg.rules.clone();
    let ignore = parse_rules("--ignore", &lint.ignore)?;
    if lint.select.is_empty() {
        p.ignore.extend(ignore);
    } else {
        // As in ruff: a selection on the command line starts afresh, dropping the configured
        // selection and its ignores.
        p.select = Some(parse_rules("--select", &lint.select)?);
        p.ignore = ignore;
    }
    Ok(p)
}

pub fn run(dir: PathBuf, run: CheckRun) -> u8 {
    if run.lint.statistics && !output::CheckFormat::from(run.format).has_statistics() {
        eprintln!("error: --statistics prints counts; it takes --format human, brief or json");
        return EXIT_ERROR;
    }
    if !run.lint.watch {
        return check_once(&dir, &run, run.lint.force, None);
    }
    let mut first = true;
    loop {
        let mut watched = corroborate::watch::Watched {
            claims: PathBuf::new(),
            files: run.config.iter().cloned().collect(),
        };
        // The output file is this loop's own after the first run.
        let code = check_once(&dir, &run, run.lint.force || !first, Some(&mut watched));
        first = false;
        if watched.claims.as_os_str().is_empty() {
            return code;
        }
        let ready = || {
            if !run.lint.quiet {
                eprintln!(
                    "watching for changes to claims, seeds and configuration (Ctrl-C to stop)"
                );
            }
        };
        match corroborate::watch::wait_for_change(&watched, &ready) {
            Ok(changed) => {
                if !run.lint.quiet {
                    let names: Vec<String> = changed
                        .iter()
                        .map(|p| {
                            p.strip_prefix(&watched.claims)
                                .unwrap_or(p)
                                .display()
                                .to_string()
                        })
                        .collect();
                    eprintln!("\nchanged: {}; checking again", names.join(", "));
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_ERROR;
            }
        }
    }
}

/// `--diff`: the safe fixes as a unified diff; exit 1 if there are any.
fn diff(analysis: &corroborate::pipeline::Analysis, run: &CheckRun, overwrite: bool) -> u8 {
    let lint = &run.lint;
    let fixes = fix::find_fixes(analysis, &run.policy);
    let plan = fix::plan(&analysis.loaded.root, fixes);
    for r in &plan.refused {
        eprintln!("warning: {r}");
    }
    let out: String = plan.files.iter().map(fix::diff).collect();
    if let Err(code) = write_to(lint.output.as_deref(), overwrite, |w| {
        w.write_all(out.as_bytes())
    }) {
        return code;
    }
    if !lint.quiet {
        if plan.count() == 0 {
            eprintln!("nothing to fix");
        } else {
            eprintln!(
                "{} in {}; `check --fix` applies them",
                plural(plan.count(), "fixable finding", "fixable findings"),
                plural(plan.files.len(), "file", "files")
            );
        }
    }
    if plan.count() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// `--fix`: applies the safe fixes and returns the analysis of the fixed dossier.
fn fix(
    dir: &Path,
    analysis: corroborate::pipeline::Analysis,
    run: &CheckRun,
) -> Result<corroborate::pipeline::Analysis, u8> {
    let quiet = run.lint.quiet;
    let (outcome, last) =
        match fix::fix_all(&run.policy, analysis, &mut || analyze(dir, false).ok()) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                return Err(EXIT_ERROR);
            }
        };
    for r in &outcome.refused {
        eprintln!("warning: {r}");
    }
    if !quiet && outcome.count() > 0 {
        for f in &outcome.files {
            for x in &f.fixes {
                eprintln!("fixed {}:{}: {}", f.name, x.loc().line, x.describe());
            }
        }
        eprintln!("fixed {}", plural(outcome.count(), "finding", "findings"));
    }
    let analysis = last.ok_or(EXIT_ERROR)?;
    let kept = fix::stale_kept(&analysis, &run.policy);
    if kept > 0 && !quiet {
        eprintln!(
            "kept {}: findings about unknown or unreadable claims remain, and may be hiding what they acknowledge",
            plural(kept, "stale acknowledgement", "stale acknowledgements")
        );
    }
    Ok(analysis)
}

/// One check; `watched` collects the files it read, for `--watch`.
fn check_once(
    dir: &Path,
    run: &CheckRun,
    overwrite: bool,
    watched: Option<&mut corroborate::watch::Watched>,
) -> u8 {
    let lint = &run.lint;
    let format = output::CheckFormat::from(run.format);
    let mut analysis = match analyze(dir, false) {
        Ok(a) => a,
        Err(code) => return code,
    };
    if lint.diff {
        return diff(&analysis, run, overwrite);
    }
    if lint.fix {
        analysis = match fix(dir, analysis, run) {
            Ok(a) => a,
            Err(code) => return code,
        };
    }
    run.policy.apply(&mut analysis.findings);
    if let Some(w) = watched {
        let root = &analysis.loaded.root;
        w.claims = root.join("claims");
        w.files.extend(
            analysis
                .loaded
                .dossier
                .sources
                .iter()
                .filter_map(|s| corroborate::load::resolve_seed(root, s.text.as_deref()?).ok()),
        );
    }
    let open: Vec<_> = analysis
        .findings
        .iter()
        .filter(|f| f.acknowledged.is_none())
        .cloned()
        .collect();
    let root = &analysis.loaded.root;
    // Only the formats that quote lines read them, and not to print counts.
    let quoted = format.shows_lines() && !lint.statistics;
    let lines = FileLines::for_findings(root, if quoted { &open } else { &[] });
    let here = corroborate::load::display_prefix(root, std::env::current_dir().ok().as_deref());
    // Finding the repository is a walk up the directories: only the CI formats need it.
    let repo = if format.repository_relative() {
        corroborate::load::repo_prefix(root)
    } else {
        String::new()
    };
    let checked = Checked {
        dossier: &analysis.loaded.dossier,
        findings: &analysis.findings,
        open: &open,
        lines: &lines,
        quotes_checked: analysis.loaded.stats.quotes_checked,
        seeds: analysis.loaded.stats.seeds,
        summary: analysis.summary(),
        here: &here,
        repo: &repo,
    };
    let style = CheckStyle {
        statistics: lint.statistics,
        quiet: lint.quiet,
        // Colour is for terminals, never for a file.
        color: run.color && lint.output.is_none(),
    };
    if let Err(code) = write_to(lint.output.as_deref(), overwrite, |w| {
        output::write_check(w, format, &checked, style)
    }) {
        return code;
    }
    let code = if analysis.has_input_errors() {
        EXIT_ERROR
    } else if run.fail_on.threshold().is_some_and(|t| analysis.fails(t)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    if lint.watch {
        // Watching runs again: the memory is needed back.
        return code;
    }
    super::exit_without_freeing(analysis, code)
}
