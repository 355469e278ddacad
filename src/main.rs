//! The command-line interface: argument parsing and exit codes. All work is in the library.

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use corroborate::compare::Verdict;
use corroborate::config::{Config, RulePolicy};
use corroborate::fix;
use corroborate::load::FileLines;
use corroborate::model::Rule;
use corroborate::model::Severity;
use corroborate::model::{Date, DateRange, ValueKind};
use corroborate::normalize::date::Reference;
use corroborate::normalize::{Context, normalize_value};
use corroborate::pipeline;
use corroborate::report::{self, diagnostics};
use corroborate::text::plural;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// The pipeline allocates many small strings per claim; mimalloc is markedly faster than the
// system allocator at that (measured on the 1M-claim benchmark, see README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, documented in the README.
const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "corroborate",
    version,
    about = "Cross-reference factual claims across sources: where they agree, where they are compatible, where they conflict."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// When to use colour [default: auto, or `color` in corroborate.toml].
    #[arg(long, value_enum, global = true)]
    color: Option<ColorChoice>,
    /// Read settings from this file instead of the corroborate.toml found by walking up from
    /// the dossier to the repository root.
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore every configuration file: flags and built-in defaults only.
    #[arg(long, global = true)]
    isolated: bool,
}

#[derive(Copy, Clone, ValueEnum)]
enum ColorChoice {
    /// Colour on a terminal (or with FORCE_COLOR), unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Copy, Clone, ValueEnum)]
enum FailOn {
    /// Fail on errors.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail on findings (input errors still exit 2).
    Never,
}

#[derive(Copy, Clone, ValueEnum)]
enum ReportFormat {
    /// A table for the terminal.
    Table,
    /// Markdown, for a pull-request comment or a published dossier.
    Markdown,
    /// Every group, claim and finding, for programs.
    Json,
    /// A self-contained page with a number-line chart per quantitative fact.
    Html,
}

fn verdict_parser(s: &str) -> Result<Verdict, String> {
    Verdict::from_name(s).ok_or_else(|| {
        let names = Verdict::ALL.map(|v| v.name());
        format!(
            "unknown verdict `{s}`{} (verdicts: {})",
            corroborate::normalize::vocab::did_you_mean(&corroborate::normalize::vocab::closest(
                s, names
            )),
            names.join(", ")
        )
    })
}

#[derive(Copy, Clone, ValueEnum)]
enum CheckFormat {
    /// Diagnostics with the claim's lines, for people.
    Human,
    /// `path:line:col: severity[rule] message`, one line each.
    Brief,
    /// One JSON document: counts and every finding, acknowledged ones with their reason.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations), then the human summary.
    Github,
    /// JUnit XML: a test case per claim file, a failure per finding.
    Junit,
    /// GitLab Code Quality JSON (artifacts:reports:codequality).
    Gitlab,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the claim files, check every quote against its source text, compare the
    /// sources, and fail on what is new and unacknowledged.
    Check {
        /// Dossier root (holds claims/ and seeds/), or a folder inside it such as claims/.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output format [default: human, or `format` in corroborate.toml's [check]].
        #[arg(long, value_enum)]
        format: Option<CheckFormat>,
        /// The lowest severity that fails the check (exit 1). Conflicts are errors, falling
        /// totals and unreadable values warnings, incomparable values info [default: error,
        /// or `fail-on` in [check]].
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        #[command(flatten)]
        lint: LintArgs,
    },
    /// Report, fact by fact, where the sources agree, are compatible or conflict, and why.
    Report {
        /// Dossier root (holds claims/ and seeds/).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output format [default: table, or `format` in corroborate.toml's [report]].
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Show only groups with this verdict (repeatable).
        #[arg(long, value_parser = verdict_parser)]
        verdict: Vec<Verdict>,
        /// Show only groups about this subject (id or any alias; repeatable).
        #[arg(long)]
        subject: Vec<String>,
        /// Show only groups that involve this source id (repeatable).
        #[arg(long)]
        source: Vec<String>,
        /// Write to this file instead of stdout (never over an existing file without --force).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the --output file if it exists (a link is written through, not replaced).
        #[arg(long)]
        force: bool,
    },
    /// Acknowledge current findings in claims/accepted.yaml, with a reason, so that `check`
    /// stops failing on them.
    Accept {
        /// Dossier root (holds claims/ and seeds/).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Why the finding is accepted (required; it is shown in reports).
        #[arg(long)]
        reason: String,
        /// Fingerprints to accept (from `check --format json`); without any, every current
        /// unacknowledged finding of --rule is accepted.
        #[arg(long = "fingerprint")]
        fingerprints: Vec<String>,
        /// Without --fingerprint, accept every current finding of this rule code (see
        /// `corroborate rules`).
        #[arg(long, default_value = "conflict")]
        rule: String,
    },
    /// Show how a value is understood: kind, interval, unit, precision, the rule applied.
    Normalize {
        /// The value as a source states it, e.g. "approximately 25,000".
        text: String,
        /// Reference date for relative dates (YYYY-MM-DD, YYYY-MM or YYYY).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Read the value as this kind instead of guessing.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Text for people, or JSON.
        #[arg(long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
    },
    /// Find every quantity, amount of money, duration and date in a plain-text article.
    Extract {
        /// The article as plain UTF-8 text; `-` reads standard input.
        file: PathBuf,
        /// Publication date, for relative dates (YYYY-MM-DD, YYYY-MM or YYYY).
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// What to write.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
        /// Write to this file instead of stdout (never over an existing file without --force).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the --output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List every rule code with what it means, an example, and how to fix or accept it.
    Rules {
        /// Print the rules as Markdown (docs/rules.md is this output).
        #[arg(long)]
        markdown: bool,
    },
    /// Print the JSON Schema of a dossier file kind (for editors and validators).
    Schema {
        /// Which file: claims (a source's claim file), entities, properties, accepted, scopes or rates.
        #[arg(value_parser = ["claims", "entities", "properties", "accepted", "scopes", "rates"], default_value = "claims")]
        kind: String,
    },
    /// Create a new dossier: vocabularies, an example source with its claims and text, the
    /// acknowledged-findings file, JSON Schemas and a sample CI workflow. Never overwrites.
    Init {
        /// Where to create the dossier (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Estimate, for every fact, the most likely value and how far each source can be trusted.
    Resolve {
        /// Dossier root (holds claims/ and seeds/).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// hier (the default: most specific supported value, ancestor claims supporting their
        /// descendants, copying discounted), vote (majority), truthfinder (compatible values
        /// support each other), accu (source accuracy with copying discounted), crh (source weights from
        /// per-type losses), investment and pooled-investment (sources invest trust in their
        /// values).
        #[arg(long, default_value = "hier", value_parser = corroborate::resolve::Method::NAMES)]
        method: String,
        /// A table for people, or JSON with every fact.
        #[arg(long, value_enum, default_value_t = TextFormat2::Table)]
        format: TextFormat2,
        /// In the table, list uncontested facts too.
        #[arg(long)]
        all: bool,
        /// In the table, show at most this many facts (0: no limit); the JSON has them all.
        #[arg(long, default_value_t = 1000)]
        limit: usize,
    },
    /// Turn a table of claims (CSV or TSV with object, property, value, source and optionally
    /// time columns) into a dossier of JSON Lines claims.
    Import {
        /// The CSV or TSV file; `-` reads standard input (comma-separated unless
        /// --delimiter tab).
        table: PathBuf,
        /// The dossier folder to write (claims/ with JSON Lines and vocabularies).
        #[arg(long, short)]
        output: PathBuf,
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// `check`'s linter conventions, as in ruff.
#[derive(clap::Args, Default)]
struct LintArgs {
    /// Report only these rule codes (comma-separated or repeated); replaces `select` and
    /// `ignore` of the configuration. Input errors (exit 2) are always reported.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// Do not report these rule codes (comma-separated or repeated); adds to `ignore` in the
    /// configuration.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// Apply the safe fixes (a misspelt declared name, a quote a few letters off its seed, a
    /// stale acknowledgement), then report what remains.
    #[arg(long)]
    fix: bool,
    /// Print the safe fixes as a unified diff instead of applying them (exit 1 if there are
    /// any).
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Check again whenever a claim file, vocabulary, acknowledgement, seed text or the
    /// configuration changes (until interrupted).
    #[arg(long, conflicts_with = "diff")]
    watch: bool,
    /// Print findings only: no summary, no messages about fixes.
    #[arg(long, short)]
    quiet: bool,
    /// Print how many findings each rule has instead of the findings (formats human, brief
    /// and json).
    #[arg(long)]
    statistics: bool,
    /// Write the output to this file instead of stdout (never over an existing file without
    /// --force).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Let --output replace an existing file.
    #[arg(long, requires = "output")]
    force: bool,
}

#[derive(Copy, Clone, ValueEnum)]
enum TextFormat {
    /// For people.
    Text,
    /// One JSON object.
    Json,
}

#[derive(Copy, Clone, ValueEnum)]
enum TextFormat2 {
    /// For people.
    Table,
    /// Every fact and source, for programs.
    Json,
}

#[derive(Copy, Clone, ValueEnum)]
enum ExtractFormat {
    /// What was found: one JSON object per figure or date, with its reading.
    Jsonl,
    /// A draft YAML claim file for the article.
    Yaml,
    /// Draft claims as JSON Lines, one per figure or date, for a `claims/*.jsonl` file (the
    /// source they name goes in `claims/sources.jsonl`).
    ClaimsJsonl,
}

#[derive(Copy, Clone, ValueEnum)]
enum KindArg {
    Quantity,
    Money,
    Date,
    Duration,
    Text,
    NameList,
    Time,
}

/// A spinner on stderr naming the current stage. It starts hidden and appears only if the run
/// is still going after 1.5 s and stderr is a terminal, so quick runs and pipes stay silent.
struct Progress {
    bar: indicatif::ProgressBar,
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Progress {
    fn new() -> Progress {
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        if std::io::stderr().is_terminal() {
            let (bar, done) = (bar.clone(), std::sync::Arc::clone(&done));
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(1500));
                if !done.load(std::sync::atomic::Ordering::Relaxed) {
                    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(std::time::Duration::from_millis(120));
                }
            });
        }
        Progress { bar, done }
    }

    fn stage(&self, name: &'static str) {
        self.bar.set_message(name);
    }

    fn finish(&self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
        self.bar.finish_and_clear();
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // NO_COLOR (no-color.org) wins; FORCE_COLOR asks for colour in a pipe (CI logs,
        // `| less -R`) unless it is `0` or `false`.
        ColorChoice::Auto => {
            let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
            let forced = set("FORCE_COLOR")
                && std::env::var("FORCE_COLOR").map_or(true, |v| v != "0" && v != "false");
            !set("NO_COLOR") && (forced || std::io::stdout().is_terminal())
        }
    }
}

fn analyze(dir: &std::path::Path) -> Result<pipeline::Analysis, u8> {
    analyze_with(dir, true)
}

/// `contexts`: keep each quote's sentence (reports show it; `check` does not need it).
fn analyze_with(dir: &std::path::Path, contexts: bool) -> Result<pipeline::Analysis, u8> {
    let opts = corroborate::load::Options {
        quote_contexts: contexts,
    };
    let progress = Progress::new();
    let result = pipeline::analyze_reporting(dir, &opts, &|stage| progress.stage(stage));
    progress.finish();
    result.map_err(|e| {
        eprintln!("error: {e}");
        EXIT_ERROR
    })
}

/// The dossier a directory belongs to: the directory itself when it holds `claims/`, else
/// the nearest one above it that does (so running inside `claims/` checks its dossier).
fn dossier_dir(dir: PathBuf) -> PathBuf {
    if dir.join("claims").is_dir() {
        return dir;
    }
    corroborate::config::find_dossier(&dir).unwrap_or(dir)
}

/// The configuration: `--config FILE`, else the nearest corroborate.toml from `start` up to
/// the repository root, else none; `--isolated` reads none.
fn settings(start: &Path, config: Option<&Path>, isolated: bool) -> Result<Config, u8> {
    if isolated {
        return Ok(Config::default());
    }
    let path = match config {
        Some(p) => Some(p.to_path_buf()),
        None => corroborate::config::find_config(start),
    };
    match path {
        None => Ok(Config::default()),
        Some(p) => corroborate::config::load(&p).map_err(|e| {
            eprintln!("error: {e}");
            EXIT_ERROR
        }),
    }
}

/// A value named in the configuration (already checked against the same names).
fn configured<T: ValueEnum>(name: Option<&str>) -> Option<T> {
    name.and_then(|n| T::from_str(n, false).ok())
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

struct CheckRun {
    format: CheckFormat,
    fail_on: FailOn,
    color: bool,
    policy: RulePolicy,
    lint: LintArgs,
    config: Option<PathBuf>,
}

fn check(dir: PathBuf, run: CheckRun) -> u8 {
    if run.lint.statistics
        && !matches!(
            run.format,
            CheckFormat::Human | CheckFormat::Brief | CheckFormat::Json
        )
    {
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

/// Writes output to stdout, or to `--output` (refusing to replace a file unless allowed).
fn emit(out: &str, lint: &LintArgs, overwrite: bool) -> Result<(), u8> {
    match &lint.output {
        Some(path) => corroborate::write::write_new(path, out.as_bytes(), overwrite).map_err(|e| {
            eprintln!("error: {e}");
            EXIT_ERROR
        }),
        None => {
            let _ = std::io::stdout().lock().write_all(out.as_bytes());
            Ok(())
        }
    }
}

/// One check; `watched` collects the files it read, for `--watch`.
fn check_once(
    dir: &Path,
    run: &CheckRun,
    overwrite: bool,
    watched: Option<&mut corroborate::watch::Watched>,
) -> u8 {
    let (format, color, lint) = (run.format, run.color, &run.lint);
    let color = color && lint.output.is_none();
    let mut analysis = match analyze_with(dir, false) {
        Ok(a) => a,
        Err(code) => return code,
    };
    if lint.diff {
        let fixes = fix::find_fixes(&analysis, &run.policy);
        let plan = fix::plan(&analysis.loaded.root, fixes);
        for r in &plan.refused {
            eprintln!("warning: {r}");
        }
        let out: String = plan.files.iter().map(fix::diff).collect();
        if let Err(code) = emit(&out, lint, overwrite) {
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
        return if plan.count() > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        };
    }
    if lint.fix {
        let (outcome, last) =
            match fix::fix_all(&run.policy, analysis, &mut || analyze_with(dir, false).ok()) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: {e}");
                    return EXIT_ERROR;
                }
            };
        for r in &outcome.refused {
            eprintln!("warning: {r}");
        }
        if !lint.quiet && outcome.count() > 0 {
            for f in &outcome.files {
                for x in &f.fixes {
                    eprintln!("fixed {}:{}: {}", f.name, x.loc().line, x.describe());
                }
            }
            eprintln!("fixed {}", plural(outcome.count(), "finding", "findings"));
        }
        analysis = match last {
            Some(a) => a,
            None => return EXIT_ERROR,
        };
        let kept = fix::stale_kept(&analysis, &run.policy);
        if kept > 0 && !lint.quiet {
            eprintln!(
                "kept {}: findings about unknown or unreadable claims remain, and may be hiding what they acknowledge",
                plural(kept, "stale acknowledgement", "stale acknowledgements")
            );
        }
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
    let acknowledged = analysis.findings.len() - open.len();
    let prefix = || corroborate::load::repo_prefix(&analysis.loaded.root);
    let counts = || report::stats::count(&analysis.findings);
    // People jump to paths from where they stand; CI formats stay repository-relative.
    let here = corroborate::load::display_prefix(
        &analysis.loaded.root,
        std::env::current_dir().ok().as_deref(),
    );
    let out = match format {
        CheckFormat::Human => {
            let mut s = if lint.statistics {
                report::stats::text(&counts())
            } else {
                let lines = FileLines::for_findings(&analysis.loaded.root, &open);
                diagnostics::human_at(&open, &lines, color, &here)
            };
            let st = analysis.loaded.stats;
            if !lint.quiet {
                s.push_str(&format!(
                    "checked {}, {}, {} against {}\n{}\n{}, {}{}\n",
                    plural(analysis.loaded.dossier.sources.len(), "source", "sources"),
                    plural(analysis.loaded.dossier.claims.len(), "claim", "claims"),
                    plural(st.quotes_checked, "quote", "quotes"),
                    plural(st.seeds, "seed text", "seed texts"),
                    report::render::summary_of(&analysis.summary()),
                    plural(analysis.count(Severity::Error), "error", "errors"),
                    plural(analysis.count(Severity::Warning), "warning", "warnings"),
                    if acknowledged > 0 {
                        format!(", {acknowledged} acknowledged in {here}claims/accepted.yaml")
                    } else {
                        String::new()
                    }
                ));
            }
            s
        }
        CheckFormat::Brief if lint.statistics => report::stats::text(&counts()),
        CheckFormat::Brief => diagnostics::brief_at(&open, &here),
        CheckFormat::Sarif => {
            report::ci::sarif(&analysis.findings, &prefix(), env!("CARGO_PKG_VERSION"))
        }
        CheckFormat::Junit => report::junit::junit(
            &analysis.findings,
            &report::junit::claim_files(&analysis.loaded.dossier),
            &prefix(),
        ),
        CheckFormat::Gitlab => report::gitlab::gitlab(&analysis.findings, &prefix()),
        CheckFormat::Github => {
            let prefix = prefix();
            let lines = FileLines::for_findings(&analysis.loaded.root, &open);
            let mut s = report::ci::github(&analysis.findings, &prefix);
            // GitHub shows only the first few annotations of a step; the log keeps the rest.
            s.push_str(&report::escape::github_log(&diagnostics::human_at(
                &open, &lines, false, &prefix,
            )));
            if !lint.quiet {
                s.push_str(&format!(
                    "{}\n{}, {}, {acknowledged} acknowledged\n",
                    report::render::summary_of(&analysis.summary()),
                    plural(analysis.count(Severity::Error), "error", "errors"),
                    plural(analysis.count(Severity::Warning), "warning", "warnings"),
                ));
            }
            s
        }
        CheckFormat::Json if lint.statistics => report::stats::json(&counts()),
        CheckFormat::Json => {
            let v = serde_json::json!({
                "sources": analysis.loaded.dossier.sources.len(),
                "claims": analysis.loaded.dossier.claims.len(),
                "quotes_checked": analysis.loaded.stats.quotes_checked,
                "findings": analysis.findings,
            });
            let text = serde_json::to_string_pretty(&v).unwrap_or_default();
            format!("{}\n", report::escape::json_text(&text))
        }
    };
    if let Err(code) = emit(&out, lint, overwrite) {
        return code;
    }
    let threshold = match run.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let code = if analysis.has_input_errors() {
        EXIT_ERROR
    } else if threshold.is_some_and(|t| analysis.fails(t)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    if lint.watch {
        // Watching runs again: the memory is needed back.
        return code;
    }
    exit_without_freeing(analysis, code)
}

/// The process is about to exit: freeing millions of small allocations one by one would
/// only delay it (a tenth of a second or more on a million claims), so the memory goes
/// back to the system with the process.
fn exit_without_freeing(analysis: pipeline::Analysis, code: u8) -> u8 {
    std::mem::forget(analysis);
    code
}

/// The exit code of a command that reports rather than judges: 2 if the dossier could not be
/// fully read, else 0.
fn done(analysis: pipeline::Analysis) -> u8 {
    let code = if analysis.has_input_errors() {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    };
    exit_without_freeing(analysis, code)
}

#[allow(clippy::too_many_arguments)]
fn report_cmd(
    dir: PathBuf,
    format: ReportFormat,
    verdicts: Vec<Verdict>,
    subjects: Vec<String>,
    sources: Vec<String>,
    output: Option<PathBuf>,
    force: bool,
    color: bool,
) -> u8 {
    let analysis = match analyze(&dir) {
        Ok(a) => a,
        Err(code) => return code,
    };
    // Whatever the format and wherever it goes, the terminal hears that input was left out.
    eprint!("{}", report::render::incomplete_of(&analysis.findings));
    let filter = report::data::Filter {
        verdicts,
        subjects,
        sources,
    };
    let unknown = filter.unknown_names(&analysis.loaded.dossier, &analysis.vocab.entities);
    if !unknown.is_empty() {
        for u in unknown {
            eprintln!("error: {u}");
        }
        return EXIT_ERROR;
    }
    let r = analysis.report(&filter);
    let color = color && output.is_none();
    if matches!(format, ReportFormat::Json) && output.is_none() {
        // Streamed: the JSON report of a large dossier is larger than its claim files.
        let mut stdout = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
        let _ = report::render::write_json(&r, &mut stdout).and_then(|()| stdout.flush());
        drop(stdout);
        std::mem::forget(r);
        return done(analysis);
    }
    let out = match format {
        ReportFormat::Table => {
            let width = terminal_width();
            report::render::table(&r, color, width)
        }
        ReportFormat::Markdown => report::render::markdown(&r),
        ReportFormat::Json => report::render::json(&r),
        ReportFormat::Html => report::html::html(&r, "Discrepancy report"),
    };
    match output {
        Some(path) => match corroborate::write::write_new(&path, out.as_bytes(), force) {
            Ok(()) => {}
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_ERROR;
            }
        },
        None => {
            let _ = std::io::stdout().lock().write_all(out.as_bytes());
        }
    }
    done(analysis)
}

fn terminal_width() -> Option<u16> {
    if let Some(w) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(w);
    }
    // comfy-table measures the terminal itself when stdout is one; a pipe gets a fixed width
    // so output is reproducible.
    if std::io::stdout().is_terminal() {
        None
    } else {
        Some(120)
    }
}

fn accept(dir: PathBuf, reason: String, fingerprints: Vec<String>, rule: String) -> u8 {
    if reason.trim().is_empty() {
        eprintln!("error: --reason must say why the finding is accepted");
        return EXIT_ERROR;
    }
    if fingerprints.is_empty() && corroborate::model::Rule::from_code(&rule).is_none() {
        let codes = corroborate::model::Rule::ALL.iter().map(|r| r.code());
        eprintln!(
            "error: --rule `{rule}` is not a rule code{} (`corroborate rules` lists them)",
            corroborate::normalize::vocab::did_you_mean(&corroborate::normalize::vocab::closest(
                &rule, codes
            ))
        );
        return EXIT_ERROR;
    }
    let analysis = match analyze(&dir) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let open: Vec<&corroborate::model::Finding> = analysis
        .findings
        .iter()
        .filter(|f| f.acknowledged.is_none())
        .collect();
    let chosen: Vec<&corroborate::model::Finding> = if fingerprints.is_empty() {
        open.into_iter().filter(|f| f.rule.code() == rule).collect()
    } else {
        let mut v = Vec::new();
        for fp in &fingerprints {
            match open.iter().find(|f| &f.fingerprint == fp) {
                Some(f) => v.push(*f),
                None => {
                    eprintln!("error: no current unacknowledged finding has fingerprint `{fp}`");
                    return EXIT_ERROR;
                }
            }
        }
        v
    };
    let entries: Vec<corroborate::acknowledge::Entry> = chosen
        .iter()
        .map(|f| corroborate::acknowledge::Entry {
            fingerprint: f.fingerprint.clone(),
            rule: f.rule.code().to_string(),
            reason: reason.clone(),
            note: Some(f.message.clone()),
        })
        .collect();
    let path = analysis
        .loaded
        .root
        .join("claims")
        .join(corroborate::load::ACCEPTED_FILE);
    match corroborate::acknowledge::append(&path, &entries) {
        Ok(n) => {
            eprintln!(
                "acknowledged {} in claims/{}",
                plural(n, "finding", "findings"),
                corroborate::load::ACCEPTED_FILE
            );
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}

fn rules(markdown: bool) -> u8 {
    let out = if markdown {
        report::rules_markdown()
    } else {
        report::rules_text()
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    EXIT_CLEAN
}

fn print(out: &str) -> u8 {
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    EXIT_CLEAN
}

fn parse_date_arg(flag: &str, value: Option<&str>) -> Result<Option<DateRange>, u8> {
    match value {
        None => Ok(None),
        Some(v) => match Date::parse_iso(v) {
            Some(r) => Ok(Some(r)),
            None => {
                eprintln!("error: {flag} {v}: expected YYYY-MM-DD, YYYY-MM or YYYY");
                Err(EXIT_ERROR)
            }
        },
    }
}

fn normalize(text: &str, as_of: Option<&str>, kind: Option<KindArg>, format: TextFormat) -> u8 {
    let reference = match parse_date_arg("--as-of", as_of) {
        Ok(r) => r.map(|range| Reference {
            range,
            label: "as_of date",
        }),
        Err(code) => return code,
    };
    let expect = kind.map(|k| match k {
        KindArg::Quantity => ValueKind::Quantity,
        KindArg::Money => ValueKind::Money,
        KindArg::Date => ValueKind::Date,
        KindArg::Duration => ValueKind::Duration,
        KindArg::Text => ValueKind::Text,
        KindArg::NameList => ValueKind::NameList,
        KindArg::Time => ValueKind::Time,
    });
    let ctx = Context {
        expect,
        reference,
        ..Context::default()
    };
    let a = normalize_value(text, &ctx);
    let out = match format {
        TextFormat::Json => format!("{}\n", report::normalized_json(text, &a)),
        TextFormat::Text => report::normalized_text(text, &a),
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if a.kind == corroborate::model::AssertionKind::Unparsed {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn extract(
    file: &std::path::Path,
    published: Option<&str>,
    format: ExtractFormat,
    output: Option<PathBuf>,
    force: bool,
) -> u8 {
    let published = match parse_date_arg("--published", published) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let stdin = file == std::path::Path::new("-");
    let read = if stdin {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b).map(|_| b)
    } else {
        std::fs::read(file)
    };
    // Drafts name the source after the file; text from standard input is `stdin`.
    let file = if stdin {
        std::path::Path::new("stdin")
    } else {
        file
    };
    let text = match read {
        Ok(b) => match String::from_utf8(b) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("error: {} is not UTF-8 text", file.display());
                return EXIT_ERROR;
            }
        },
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return EXIT_ERROR;
        }
    };
    let mut found = corroborate::normalize::extract(&text, published);
    // Run inside a dossier, draft claims suggest its properties from the words around them.
    if std::path::Path::new("claims/properties.yaml").is_file()
        && let Ok(loaded) = corroborate::load::load(std::path::Path::new("."))
    {
        corroborate::normalize::suggest_properties(&mut found, &loaded.dossier.properties);
    }
    let out = match format {
        ExtractFormat::Jsonl => report::extracted_jsonl(&found),
        ExtractFormat::Yaml => report::extracted_yaml(&found, file, published),
        ExtractFormat::ClaimsJsonl => report::extracted_claims_jsonl(&found, file),
    };
    match output {
        None => {
            let _ = std::io::stdout().lock().write_all(out.as_bytes());
            EXIT_CLEAN
        }
        Some(path) => match corroborate::write::write_new(&path, out.as_bytes(), force) {
            Ok(()) => EXIT_CLEAN,
            Err(e) => {
                eprintln!("error: {e}");
                EXIT_ERROR
            }
        },
    }
}

fn resolve_cmd(dir: PathBuf, method: &str, format: TextFormat2, all: bool, limit: usize) -> u8 {
    let Some(method) = corroborate::resolve::Method::from_name(method) else {
        return EXIT_ERROR;
    };
    let analysis = match analyze_with(&dir, false) {
        Ok(a) => a,
        Err(code) => return code,
    };
    eprint!("{}", report::render::incomplete_of(&analysis.findings));
    let d = &analysis.loaded.dossier;
    let outcome =
        corroborate::resolve::resolve(d, &analysis.assertions, &analysis.comparison, method);
    let out = match format {
        TextFormat2::Json => {
            report::resolved::json(d, &analysis.assertions, &analysis.comparison, &outcome)
        }
        TextFormat2::Table => report::resolved::table(
            d,
            &analysis.comparison,
            &outcome,
            all,
            limit,
            terminal_width(),
        ),
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    done(analysis)
}

/// `import`'s options, as the library's [`ImportOptions`](corroborate::import::ImportOptions)
/// takes them once parsed.
#[derive(clap::Args)]
struct ImportArgs {
    /// Column roles in order: object, property, value, source, time, or - to ignore
    /// (e.g. `source,object,-,value`). A first row of column names is skipped.
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    columns: Vec<String>,
    /// The first row is a header: with --columns, skip it.
    #[arg(long)]
    header: bool,
    /// Wide tables: each of these header columns is a property of the row's object
    /// (e.g. `sched_dep,act_dep`).
    #[arg(long, value_delimiter = ',')]
    value_columns: Vec<String>,
    /// A hierarchy table (columns id, name, parent) read into entities with part_of, for
    /// values that are places or categories within one another.
    #[arg(long)]
    hierarchy: Option<PathBuf>,
    /// Field separator: tab or comma (default: from the file name).
    #[arg(long, value_parser = ["tab", "comma"])]
    delimiter: Option<String>,
    /// The property, when the table has no property column.
    #[arg(long, default_value = "value")]
    property: String,
    /// The kind of value (default: guessed from the values).
    #[arg(long, value_parser = ["quantity", "money", "date", "duration", "time", "text", "name-list"])]
    kind: Option<String>,
    /// Replace an existing dossier's claims/ folder (the new one is written beside it and
    /// swapped in whole).
    #[arg(long)]
    force: bool,
}

fn import_cmd(table: PathBuf, output: PathBuf, args: ImportArgs) -> u8 {
    let ImportArgs {
        columns,
        header,
        value_columns,
        hierarchy,
        delimiter,
        property,
        kind,
        force,
    } = args;
    use corroborate::import::{ImportOptions, Role, import};
    let kind = kind.map(|k| match k.as_str() {
        "quantity" => ValueKind::Quantity,
        "money" => ValueKind::Money,
        "date" => ValueKind::Date,
        "duration" => ValueKind::Duration,
        "time" => ValueKind::Time,
        "name-list" => ValueKind::NameList,
        _ => ValueKind::Text,
    });
    let mut roles = Vec::new();
    for c in &columns {
        match Role::from_name(if c.trim() == "-" { "" } else { c }) {
            Some(r) => roles.push(r),
            None => {
                eprintln!(
                    "error: unknown column role \"{c}\" in --columns; use object, property, value, source, time or - (ignored)"
                );
                return EXIT_ERROR;
            }
        }
    }
    let opts = ImportOptions {
        columns: (!roles.is_empty()).then_some(roles),
        header,
        value_columns,
        hierarchy,
        delimiter: delimiter.map(|d| if d == "tab" { b'\t' } else { b',' }),
        property,
        kind,
        overwrite: force,
    };
    match import(&table, &output, &opts) {
        Ok(s) => {
            eprintln!(
                "imported {} ({}, {} without a value skipped) from {} about {}{} into {}",
                plural(s.claims, "claim", "claims"),
                plural(s.rows, "row", "rows"),
                s.skipped_empty,
                plural(s.sources, "source", "sources"),
                plural(s.objects, "object", "objects"),
                if s.hierarchy_nodes > 0 {
                    format!(
                        ", with a hierarchy of {}",
                        plural(s.hierarchy_nodes, "node", "nodes")
                    )
                } else {
                    String::new()
                },
                output.display()
            );
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}

/// The man page: one page for the whole tool, each command in its own subsection (there are
/// no separate corroborate-check(1) pages to refer to), then exit status and environment.
fn man_page() -> std::io::Result<String> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands() {
        let name = format!("corroborate {}", sub.get_name());
        let page = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
        let mut part = Vec::new();
        page.render_synopsis_section(&mut part)?;
        page.render_description_section(&mut part)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            page.render_options_section(&mut part)?;
        }
        out.extend_from_slice(format!(".SS \"{name}\"\n").as_bytes());
        for line in String::from_utf8_lossy(&part).lines() {
            // Each command's parts become paragraphs of its subsection.
            let line = match line {
                ".SH SYNOPSIS" => continue,
                ".SH DESCRIPTION" => ".PP",
                ".SH OPTIONS" => ".PP\nOptions:",
                other => other,
            };
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
    out.extend_from_slice(MAN_TAIL.as_bytes());
    man.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

const MAN_TAIL: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Clean: nothing at or above the \fB\-\-fail\-on\fR severity that is not acknowledged; for
commands that do not judge (report, resolve...), done.
.TP
\fB1\fR
Findings: invalid claims, quotes not found, new conflicts (check); a value that cannot be
read (normalize).
.TP
\fB2\fR
corroborate could not do its job: bad arguments (an unknown \fB\-\-subject\fR,
\fB\-\-source\fR, \fB\-\-verdict\fR or \fB\-\-rule\fR), unreadable or malformed input
(YAML syntax, unknown or missing fields, wrong types, bad encoding, oversized files), no
claims/ folder. report still writes what it could read, and names every input error.
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
When set and not empty, no colour (with \fB\-\-color auto\fR). Wins over FORCE_COLOR.
.TP
\fBFORCE_COLOR\fR
When set and not \fB0\fR or \fBfalse\fR, colour even when the output is not a terminal.
.TP
\fBCOLUMNS\fR
The width tables wrap to; without it, the terminal's width, or 120 columns in a pipe.
.TP
\fBCORROBORATE_BOOKS\fR, \fBCORROBORATE_REQUIRE_BROWSER\fR
For the test suite only: make the absence of the Books benchmark or of a headless browser a
failure instead of a skipped test.
"#;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    // Commands that read a dossier find it (and its configuration) from their directory;
    // the others from the current one.
    let start = match &mut cli.command {
        None => Some(dossier_dir(PathBuf::from("."))),
        Some(
            Command::Check { dir, .. }
            | Command::Report { dir, .. }
            | Command::Accept { dir, .. }
            | Command::Resolve { dir, .. },
        ) => {
            *dir = dossier_dir(std::mem::take(dir));
            Some(dir.clone())
        }
        // Commands that read no dossier have nothing to configure: a broken configuration
        // file must not stop `man` or `normalize`.
        Some(_) => None,
    };
    let cfg = match &start {
        Some(start) => match settings(start, cli.config.as_deref(), cli.isolated) {
            Ok(c) => c,
            Err(code) => return ExitCode::from(code),
        },
        None => Config::default(),
    };
    let start = start.unwrap_or_else(|| PathBuf::from("."));
    let color = use_color(
        cli.color
            .or_else(|| configured(cfg.color.as_deref()))
            .unwrap_or(ColorChoice::Auto),
    );
    let check_run = |format: Option<CheckFormat>, fail_on: Option<FailOn>, lint: LintArgs| {
        rule_policy(&cfg, &lint).map(|policy| CheckRun {
            format: format
                .or_else(|| configured(cfg.check_format.as_deref()))
                .unwrap_or(CheckFormat::Human),
            fail_on: fail_on
                .or_else(|| configured(cfg.fail_on.as_deref()))
                .unwrap_or(FailOn::Error),
            color,
            policy,
            lint,
            config: cfg.path.clone(),
        })
    };
    let code = match cli.command {
        None => match check_run(None, None, LintArgs::default()) {
            Ok(run) => check(start, run),
            Err(code) => code,
        },
        Some(Command::Check {
            dir,
            format,
            fail_on,
            lint,
        }) => match check_run(format, fail_on, lint) {
            Ok(run) => check(dir, run),
            Err(code) => code,
        },
        Some(Command::Report {
            dir,
            format,
            verdict,
            subject,
            source,
            output,
            force,
        }) => report_cmd(
            dir,
            format
                .or_else(|| configured(cfg.report_format.as_deref()))
                .unwrap_or(ReportFormat::Table),
            verdict,
            subject,
            source,
            output,
            force,
            color,
        ),
        Some(Command::Accept {
            dir,
            reason,
            fingerprints,
            rule,
        }) => accept(dir, reason, fingerprints, rule),
        Some(Command::Rules { markdown }) => rules(markdown),
        Some(Command::Schema { kind }) => match corroborate::load::schema::schema(&kind) {
            Some(s) => print(&s),
            None => EXIT_ERROR,
        },
        Some(Command::Init { dir }) => match corroborate::init::scaffold(&dir) {
            Ok(files) => {
                eprintln!(
                    "created a dossier with {} in {}; run `corroborate check {}`",
                    plural(files.len(), "file", "files"),
                    dir.display(),
                    dir.display()
                );
                EXIT_CLEAN
            }
            Err(e) => {
                eprintln!("error: {e}");
                EXIT_ERROR
            }
        },
        Some(Command::Resolve {
            dir,
            method,
            format,
            all,
            limit,
        }) => resolve_cmd(dir, &method, format, all, limit),
        Some(Command::Import {
            table,
            output,
            args,
        }) => import_cmd(table, output, args),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "corroborate", &mut out);
            print(&String::from_utf8_lossy(&out))
        }
        Some(Command::Man) => match man_page() {
            Ok(page) => print(&page),
            Err(e) => {
                eprintln!("error: {e}");
                EXIT_ERROR
            }
        },
        Some(Command::Normalize {
            text,
            as_of,
            kind,
            format,
        }) => normalize(&text, as_of.as_deref(), kind, format),
        Some(Command::Extract {
            file,
            published,
            format,
            output,
            force,
        }) => extract(&file, published.as_deref(), format, output, force),
    };
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_argument_is_described() {
        let cmd = Cli::command();
        let mut missing = Vec::new();
        for c in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
            for a in c.get_arguments() {
                if a.get_help().is_none() && !matches!(a.get_id().as_str(), "help" | "version") {
                    missing.push(format!("{} {}", c.get_name(), a.get_id()));
                }
            }
        }
        assert!(missing.is_empty(), "arguments without help: {missing:?}");
    }

    fn names<T: ValueEnum>() -> Vec<String> {
        T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|p| p.get_name().to_string())
            .collect()
    }

    #[test]
    fn configuration_names_match_the_flags() {
        use corroborate::config;
        assert_eq!(names::<CheckFormat>(), config::CHECK_FORMATS);
        assert_eq!(names::<ReportFormat>(), config::REPORT_FORMATS);
        assert_eq!(names::<FailOn>(), config::FAIL_ON);
        assert_eq!(names::<ColorChoice>(), config::COLORS);
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
