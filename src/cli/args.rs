//! The command line: every command, argument and option, as clap parses them. Nothing here
//! runs anything; `main` dispatches to the commands' modules.

use clap::{Parser, Subcommand, ValueEnum};
use corroborate::compare::Verdict;
use corroborate::model::ValueKind;
use corroborate::report::output;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "corroborate",
    version,
    about = "Cross-reference factual claims across sources: where they agree, where they are compatible, where they conflict."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// When to use colour [default: auto, or `color` in corroborate.toml].
    #[arg(long, value_enum, global = true)]
    pub color: Option<ColorChoice>,
    /// Read settings from this file instead of the corroborate.toml found by walking up from
    /// the dossier to the repository root.
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file: flags and built-in defaults only.
    #[arg(long, global = true)]
    pub isolated: bool,
}

#[derive(Copy, Clone, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal (or with FORCE_COLOR), unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Copy, Clone, ValueEnum)]
pub enum FailOn {
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
pub enum ReportFormat {
    /// A table for the terminal.
    Table,
    /// Markdown, for a pull-request comment or a published dossier.
    Markdown,
    /// Every group, claim and finding, for programs.
    Json,
    /// A self-contained page with a number-line chart per quantitative fact.
    Html,
}

pub fn verdict_parser(s: &str) -> Result<Verdict, String> {
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
pub enum CheckFormat {
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
pub enum Command {
    /// Validate the claim files, check every quote against its source text, compare the
    /// sources, and fail on what is new and unacknowledged.
    Check(CheckArgs),
    /// Report, fact by fact, where the sources agree, are compatible or conflict, and why.
    Report(ReportArgs),
    /// Acknowledge current findings in claims/accepted.yaml, with a reason, so that `check`
    /// stops failing on them.
    Accept(AcceptArgs),
    /// Show how a value is understood: kind, interval, unit, precision, the rule applied.
    Normalize(NormalizeArgs),
    /// Find every quantity, amount of money, duration and date in a plain-text article.
    Extract(ExtractArgs),
    /// List every rule code with what it means, an example, and how to fix or accept it.
    Rules(RulesArgs),
    /// Print the JSON Schema of a dossier file kind (for editors and validators).
    Schema(SchemaArgs),
    /// Create a new dossier: vocabularies, an example source with its claims and text, the
    /// acknowledged-findings file, JSON Schemas and a sample CI workflow. Never overwrites.
    Init(InitArgs),
    /// Estimate, for every fact, the most likely value and how far each source can be trusted.
    Resolve(ResolveArgs),
    /// Turn a table of claims (CSV or TSV with object, property, value, source and optionally
    /// time columns) into a dossier of JSON Lines claims.
    Import(ImportCmd),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

// `corroborate check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Dossier root (holds claims/ and seeds/), or a folder inside it such as claims/.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format [default: human, or `format` in corroborate.toml's [check]].
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// The lowest severity that fails the check (exit 1). Conflicts are errors, falling
    /// totals and unreadable values warnings, incomparable values info [default: error,
    /// or `fail-on` in [check]].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    #[command(flatten)]
    pub lint: LintArgs,
}

// `corroborate report`.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// Dossier root (holds claims/ and seeds/).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format [default: table, or `format` in corroborate.toml's [report]].
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Show only groups with this verdict (repeatable).
    #[arg(long, value_parser = verdict_parser)]
    pub verdict: Vec<Verdict>,
    /// Show only groups about this subject (id or any alias; repeatable).
    #[arg(long)]
    pub subject: Vec<String>,
    /// Show only groups that involve this source id (repeatable).
    #[arg(long)]
    pub source: Vec<String>,
    /// Write to this file instead of stdout (never over an existing file without --force).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists (a link is written through, not replaced).
    #[arg(long)]
    pub force: bool,
}

// `corroborate accept`.
#[derive(clap::Args)]
pub struct AcceptArgs {
    /// Dossier root (holds claims/ and seeds/).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Why the finding is accepted (required; it is shown in reports).
    #[arg(long)]
    pub reason: String,
    /// Fingerprints to accept (from `check --format json`); without any, every current
    /// unacknowledged finding of --rule is accepted.
    #[arg(long = "fingerprint")]
    pub fingerprints: Vec<String>,
    /// Without --fingerprint, accept every current finding of this rule code (see
    /// `corroborate rules`).
    #[arg(long, default_value = "conflict")]
    pub rule: String,
}

// `corroborate normalize`.
#[derive(clap::Args)]
pub struct NormalizeArgs {
    /// The value as a source states it, e.g. "approximately 25,000".
    pub text: String,
    /// Reference date for relative dates (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Read the value as this kind instead of guessing.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Text for people, or JSON.
    #[arg(long, value_enum, default_value_t = NormalizeFormat::Text)]
    pub format: NormalizeFormat,
}

// `corroborate extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// The article as plain UTF-8 text; `-` reads standard input.
    pub file: PathBuf,
    /// Publication date, for relative dates (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// What to write.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Write to this file instead of stdout (never over an existing file without --force).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists.
    #[arg(long)]
    pub force: bool,
}

// `corroborate rules`.
#[derive(clap::Args)]
pub struct RulesArgs {
    /// Print the rules as Markdown (docs/rules.md is this output).
    #[arg(long)]
    pub markdown: bool,
}

// `corroborate schema`.
#[derive(clap::Args)]
pub struct SchemaArgs {
    /// Which file: claims (a source's claim file), entities, properties, accepted, scopes or rates.
    #[arg(value_parser = ["claims", "entities", "properties", "accepted", "scopes", "rates"], default_value = "claims")]
    pub kind: String,
}

// `corroborate init`.
#[derive(clap::Args)]
pub struct InitArgs {
    /// Where to create the dossier (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

// `corroborate resolve`.
#[derive(clap::Args)]
pub struct ResolveArgs {
    /// Dossier root (holds claims/ and seeds/).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// hier (the default: most specific supported value, ancestor claims supporting their
    /// descendants, copying discounted), vote (majority), truthfinder (compatible values
    /// support each other), accu (source accuracy with copying discounted), crh (source weights from
    /// per-type losses), investment and pooled-investment (sources invest trust in their
    /// values).
    #[arg(long, default_value = "hier", value_parser = corroborate::resolve::Method::NAMES)]
    pub method: String,
    /// A table for people, or JSON with every fact.
    #[arg(long, value_enum, default_value_t = ResolveFormat::Table)]
    pub format: ResolveFormat,
    /// In the table, list uncontested facts too.
    #[arg(long)]
    pub all: bool,
    /// In the table, show at most this many facts (0: no limit); the JSON has them all.
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,
}

// `corroborate import`.
#[derive(clap::Args)]
pub struct ImportCmd {
    /// The CSV or TSV file; `-` reads standard input (comma-separated unless
    /// --delimiter tab).
    pub table: PathBuf,
    /// The dossier folder to write (claims/ with JSON Lines and vocabularies).
    #[arg(long, short)]
    pub output: PathBuf,
    #[command(flatten)]
    pub args: ImportArgs,
}

// `corroborate completions`.
#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

/// `check`'s linter conventions, as in ruff.
#[derive(clap::Args, Default)]
pub struct LintArgs {
    /// Report only these rule codes (comma-separated or repeated); replaces `select` and
    /// `ignore` of the configuration. Input errors (exit 2) are always reported.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Do not report these rule codes (comma-separated or repeated); adds to `ignore` in the
    /// configuration.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Apply the safe fixes (a misspelt declared name, a quote a few letters off its seed, a
    /// stale acknowledgement), then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Print the safe fixes as a unified diff instead of applying them (exit 1 if there are
    /// any).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Check again whenever a claim file, vocabulary, acknowledgement, seed text or the
    /// configuration changes (until interrupted).
    #[arg(long, conflicts_with = "diff")]
    pub watch: bool,
    /// Print findings only: no summary, no messages about fixes.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how many findings each rule has instead of the findings (formats human, brief
    /// and json).
    #[arg(long)]
    pub statistics: bool,
    /// Write the output to this file instead of stdout (never over an existing file without
    /// --force).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Let --output replace an existing file.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Copy, Clone, ValueEnum)]
pub enum NormalizeFormat {
    /// For people.
    Text,
    /// One JSON object.
    Json,
}

#[derive(Copy, Clone, ValueEnum)]
pub enum ResolveFormat {
    /// For people.
    Table,
    /// Every fact and source, for programs.
    Json,
}

#[derive(Copy, Clone, ValueEnum)]
pub enum ExtractFormat {
    /// What was found: one JSON object per figure or date, with its reading.
    Jsonl,
    /// A draft YAML claim file for the article.
    Yaml,
    /// Draft claims as JSON Lines, one per figure or date, for a `claims/*.jsonl` file (the
    /// source they name goes in `claims/sources.jsonl`).
    ClaimsJsonl,
}

#[derive(Copy, Clone, ValueEnum)]
pub enum KindArg {
    Quantity,
    Money,
    Date,
    Duration,
    Text,
    NameList,
    Time,
}

/// `import`'s options, as the library's [`ImportOptions`](corroborate::import::ImportOptions)
/// takes them once parsed.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// Column roles in order: object, property, value, source, time, or - to ignore
    /// (e.g. `source,object,-,value`). A first row of column names is skipped.
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    pub columns: Vec<String>,
    /// The first row is a header: with --columns, skip it.
    #[arg(long)]
    pub header: bool,
    /// Wide tables: each of these header columns is a property of the row's object
    /// (e.g. `sched_dep,act_dep`).
    #[arg(long, value_delimiter = ',')]
    pub value_columns: Vec<String>,
    /// A hierarchy table (columns id, name, parent) read into entities with part_of, for
    /// values that are places or categories within one another.
    #[arg(long)]
    pub hierarchy: Option<PathBuf>,
    /// Field separator: tab or comma (default: from the file name).
    #[arg(long, value_parser = ["tab", "comma"])]
    pub delimiter: Option<String>,
    /// The property, when the table has no property column.
    #[arg(long, default_value = "value")]
    pub property: String,
    /// The kind of value (default: guessed from the values).
    #[arg(long, value_parser = ["quantity", "money", "date", "duration", "time", "text", "name-list"])]
    pub kind: Option<String>,
    /// Replace an existing dossier's claims/ folder (the new one is written beside it and
    /// swapped in whole).
    #[arg(long)]
    pub force: bool,
}

impl From<CheckFormat> for output::CheckFormat {
    fn from(f: CheckFormat) -> output::CheckFormat {
        match f {
            CheckFormat::Human => output::CheckFormat::Human,
            CheckFormat::Brief => output::CheckFormat::Brief,
            CheckFormat::Json => output::CheckFormat::Json,
            CheckFormat::Sarif => output::CheckFormat::Sarif,
            CheckFormat::Github => output::CheckFormat::Github,
            CheckFormat::Junit => output::CheckFormat::Junit,
            CheckFormat::Gitlab => output::CheckFormat::Gitlab,
        }
    }
}

impl From<ReportFormat> for output::ReportFormat {
    fn from(f: ReportFormat) -> output::ReportFormat {
        match f {
            ReportFormat::Table => output::ReportFormat::Table,
            ReportFormat::Markdown => output::ReportFormat::Markdown,
            ReportFormat::Json => output::ReportFormat::Json,
            ReportFormat::Html => output::ReportFormat::Html,
        }
    }
}

impl From<ResolveFormat> for output::ResolveFormat {
    fn from(f: ResolveFormat) -> output::ResolveFormat {
        match f {
            ResolveFormat::Table => output::ResolveFormat::Table,
            ResolveFormat::Json => output::ResolveFormat::Json,
        }
    }
}

impl From<NormalizeFormat> for output::NormalizeFormat {
    fn from(f: NormalizeFormat) -> output::NormalizeFormat {
        match f {
            NormalizeFormat::Text => output::NormalizeFormat::Text,
            NormalizeFormat::Json => output::NormalizeFormat::Json,
        }
    }
}

impl From<ExtractFormat> for output::ExtractFormat {
    fn from(f: ExtractFormat) -> output::ExtractFormat {
        match f {
            ExtractFormat::Jsonl => output::ExtractFormat::Jsonl,
            ExtractFormat::Yaml => output::ExtractFormat::Yaml,
            ExtractFormat::ClaimsJsonl => output::ExtractFormat::ClaimsJsonl,
        }
    }
}

impl KindArg {
    /// The library's kind of the same name.
    pub fn kind(self) -> Option<ValueKind> {
        ValueKind::from_name(self.to_possible_value()?.get_name())
    }
}

/// The severity `--fail-on` names (none: never fail on findings).
impl FailOn {
    pub fn threshold(self) -> Option<corroborate::model::Severity> {
        use corroborate::model::Severity;
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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
    fn every_kind_flag_names_a_kind() {
        for k in KindArg::value_variants() {
            assert!(k.kind().is_some());
        }
        let import = Cli::command();
        let kinds = import
            .find_subcommand("import")
            .and_then(|c| c.get_arguments().find(|a| a.get_id() == "kind"))
            .map(|a| a.get_possible_values())
            .unwrap_or_default();
        assert!(!kinds.is_empty());
        for k in kinds {
            assert!(
                ValueKind::from_name(k.get_name()).is_some(),
                "{}",
                k.get_name()
            );
        }
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
