//! The command-line interface: argument parsing and exit codes. All work is in the library.

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use corroborate::compare::Verdict;
use corroborate::load::FileLines;
use corroborate::model::Severity;
use corroborate::model::{Date, DateRange, ValueKind};
use corroborate::normalize::date::Reference;
use corroborate::normalize::{Context, normalize_value};
use corroborate::pipeline;
use corroborate::report::{self, diagnostics};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
}

#[derive(Copy, Clone, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Copy, Clone, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Copy, Clone, ValueEnum)]
enum ReportFormat {
    Table,
    Markdown,
    Json,
    /// A self-contained page with a number-line chart per quantitative fact.
    Html,
}

fn verdict_parser(s: &str) -> Result<Verdict, String> {
    Verdict::from_name(s).ok_or_else(|| {
        format!(
            "unknown verdict `{s}`; one of {}",
            Verdict::ALL.map(|v| v.name()).join(", ")
        )
    })
}

#[derive(Copy, Clone, ValueEnum)]
enum CheckFormat {
    /// Diagnostics with the claim's lines, for people.
    Human,
    /// `path:line:col: severity[rule] message`, one line each.
    Brief,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations), then the human summary.
    Github,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the claim files, check every quote against its source text, compare the
    /// sources, and fail on what is new and unacknowledged.
    Check {
        /// Dossier root (holds claims/ and seeds/).
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// The lowest severity that fails the check (exit 1). Conflicts are errors, falling
        /// totals and unreadable values warnings, incomparable values info.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
    },
    /// Report, fact by fact, where the sources agree, are compatible or conflict, and why.
    Report {
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Show only groups with this verdict (repeatable).
        #[arg(long, value_parser = verdict_parser)]
        verdict: Vec<Verdict>,
        /// Show only groups about this subject (id or any alias; repeatable).
        #[arg(long)]
        subject: Vec<String>,
        /// Show only groups that involve this source id (repeatable).
        #[arg(long)]
        source: Vec<String>,
        /// Write to this file instead of stdout (replaces it atomically).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Acknowledge current findings in claims/accepted.yaml, with a reason, so that `check`
    /// stops failing on them.
    Accept {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Why the finding is accepted (required; it is shown in reports).
        #[arg(long)]
        reason: String,
        /// Fingerprints to accept (from `check --format json`); without any, every current
        /// unacknowledged finding of --rule is accepted.
        #[arg(long = "fingerprint")]
        fingerprints: Vec<String>,
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
        #[arg(long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
    },
    /// Find every quantity, amount of money, duration and date in a plain-text article.
    Extract {
        file: PathBuf,
        /// Publication date, for relative dates (YYYY-MM-DD, YYYY-MM or YYYY).
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
        /// Write to this file instead of stdout (never over an existing file without --force).
        #[arg(long, short)]
        output: Option<PathBuf>,
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
        #[arg(value_parser = ["claims", "entities", "properties", "accepted", "scopes", "rates"], default_value = "claims")]
        kind: String,
    },
    /// Create a new dossier: vocabularies, an example source with its claims and text, the
    /// acknowledged-findings file, JSON Schemas and a sample CI workflow. Never overwrites.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Estimate, for every fact, the most likely value and how far each source can be trusted.
    Resolve {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// vote (majority), truthfinder (compatible values support each other), accu (source
        /// accuracy with copying between sources discounted).
        #[arg(long, default_value = "accu", value_parser = ["vote", "truthfinder", "accu"])]
        method: String,
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
        table: PathBuf,
        #[arg(long, short)]
        output: PathBuf,
        /// Column roles in order, for a table without a header: object, property, value,
        /// source, time, or - to ignore (e.g. `source,object,-,value`).
        #[arg(long, value_delimiter = ',')]
        columns: Vec<String>,
        /// Field separator: tab or comma (default: from the file name).
        #[arg(long, value_parser = ["tab", "comma"])]
        delimiter: Option<String>,
        /// The property, when the table has no property column.
        #[arg(long, default_value = "value")]
        property: String,
        /// The kind of value (default: guessed from the values).
        #[arg(long, value_parser = ["quantity", "money", "date", "duration", "time", "text", "name-list"])]
        kind: Option<String>,
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff).
    Man,
}

#[derive(Copy, Clone, ValueEnum)]
enum TextFormat {
    Text,
    Json,
}

#[derive(Copy, Clone, ValueEnum)]
enum TextFormat2 {
    Table,
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
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
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

fn check(dir: PathBuf, format: CheckFormat, fail_on: FailOn, color: bool) -> u8 {
    let analysis = match analyze_with(&dir, false) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let open: Vec<_> = analysis
        .findings
        .iter()
        .filter(|f| f.acknowledged.is_none())
        .cloned()
        .collect();
    let acknowledged = analysis.findings.len() - open.len();
    let out = match format {
        CheckFormat::Human => {
            let lines = FileLines::for_findings(&analysis.loaded.root, &open);
            let mut s = diagnostics::human(&open, &lines, color);
            let st = analysis.loaded.stats;
            s.push_str(&format!(
                "checked {} sources, {} claims, {} quotes against {} seed texts\n{}\n{} errors, {} warnings{}\n",
                analysis.loaded.dossier.sources.len(),
                analysis.loaded.dossier.claims.len(),
                st.quotes_checked,
                st.seeds,
                report::render::summary_of(&analysis.summary()),
                analysis.count(Severity::Error),
                analysis.count(Severity::Warning),
                if acknowledged > 0 {
                    format!(", {acknowledged} acknowledged in claims/accepted.yaml")
                } else {
                    String::new()
                }
            ));
            s
        }
        CheckFormat::Brief => diagnostics::brief(&open),
        CheckFormat::Sarif => report::ci::sarif(
            &analysis.findings,
            &corroborate::load::repo_prefix(&analysis.loaded.root),
            env!("CARGO_PKG_VERSION"),
        ),
        CheckFormat::Github => {
            let prefix = corroborate::load::repo_prefix(&analysis.loaded.root);
            let lines = FileLines::for_findings(&analysis.loaded.root, &open);
            let mut s = report::ci::github(&analysis.findings, &prefix);
            // GitHub shows only the first few annotations of a step; the log keeps the rest.
            s.push_str(&diagnostics::human(&open, &lines, false));
            s.push_str(&format!(
                "{}\n{} errors, {} warnings, {acknowledged} acknowledged\n",
                report::render::summary_of(&analysis.summary()),
                analysis.count(Severity::Error),
                analysis.count(Severity::Warning),
            ));
            s
        }
        CheckFormat::Json => {
            let v = serde_json::json!({
                "sources": analysis.loaded.dossier.sources.len(),
                "claims": analysis.loaded.dossier.claims.len(),
                "quotes_checked": analysis.loaded.stats.quotes_checked,
                "findings": analysis.findings,
            });
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    let threshold = match fail_on {
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
    color: bool,
) -> u8 {
    let analysis = match analyze(&dir) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let filter = report::data::Filter {
        verdicts,
        subjects,
        sources,
    };
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
        Some(path) => match corroborate::write::write_atomic(&path, out.as_bytes()) {
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
                "acknowledged {n} finding(s) in claims/{}",
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
    let text = match std::fs::read(file) {
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
    let found = corroborate::normalize::extract(&text, published);
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

fn import_cmd(
    table: PathBuf,
    output: PathBuf,
    columns: Vec<String>,
    delimiter: Option<String>,
    property: String,
    kind: Option<String>,
    force: bool,
) -> u8 {
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
    let opts = ImportOptions {
        columns: (!columns.is_empty())
            .then(|| columns.iter().map(|c| Role::from_name(c)).collect()),
        delimiter: delimiter.map(|d| if d == "tab" { b'\t' } else { b',' }),
        property,
        kind,
        overwrite: force,
    };
    match import(&table, &output, &opts) {
        Ok(s) => {
            eprintln!(
                "imported {} claims ({} rows, {} without a value skipped) from {} sources about {} objects into {}",
                s.claims,
                s.rows,
                s.skipped_empty,
                s.sources,
                s.objects,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = use_color(cli.color);
    let code = match cli.command {
        None => check(PathBuf::from("."), CheckFormat::Human, FailOn::Error, color),
        Some(Command::Check {
            dir,
            format,
            fail_on,
        }) => check(dir, format, fail_on, color),
        Some(Command::Report {
            dir,
            format,
            verdict,
            subject,
            source,
            output,
        }) => report_cmd(dir, format, verdict, subject, source, output, color),
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
                    "created a dossier with {} files in {}; run `corroborate check {}`",
                    files.len(),
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
            columns,
            delimiter,
            property,
            kind,
            force,
        }) => import_cmd(table, output, columns, delimiter, property, kind, force),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "corroborate", &mut out);
            print(&String::from_utf8_lossy(&out))
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => print(&String::from_utf8_lossy(&out)),
                Err(e) => {
                    eprintln!("error: {e}");
                    EXIT_ERROR
                }
            }
        }
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
