//! The command-line interface: argument parsing and exit codes. All work is in the library.

use clap::{Parser, Subcommand, ValueEnum};
use corroborate::load::FileLines;
use corroborate::model::Severity;
use corroborate::pipeline;
use corroborate::report::diagnostics;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

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
enum CheckFormat {
    Human,
    Brief,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the claim files, check every quote against its source text, report findings.
    Check {
        /// Dossier root (holds claims/ and seeds/).
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
    },
    /// List every rule code with what it means and how to fix it.
    Rules,
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

fn check(dir: PathBuf, format: CheckFormat, color: bool) -> u8 {
    let analysis = match pipeline::analyze(&dir) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let findings = &analysis.findings;
    let out = match format {
        CheckFormat::Human => {
            let lines = FileLines::new(&analysis.loaded.root);
            let mut s = diagnostics::human(findings, &lines, color);
            let st = analysis.loaded.stats;
            s.push_str(&format!(
                "checked {} sources, {} claims, {} quotes against {} seed texts: {} errors, {} warnings\n",
                analysis.loaded.dossier.sources.len(),
                analysis.loaded.dossier.claims.len(),
                st.quotes_checked,
                st.seeds,
                analysis.count(Severity::Error),
                analysis.count(Severity::Warning),
            ));
            s
        }
        CheckFormat::Brief => diagnostics::brief(findings),
        CheckFormat::Json => {
            let v = serde_json::json!({
                "sources": analysis.loaded.dossier.sources.len(),
                "claims": analysis.loaded.dossier.claims.len(),
                "quotes_checked": analysis.loaded.stats.quotes_checked,
                "findings": findings,
            });
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if analysis.has_input_errors() {
        EXIT_ERROR
    } else if analysis.count(Severity::Error) > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn rules() -> u8 {
    let mut out = String::new();
    for r in corroborate::model::Rule::ALL {
        out.push_str(&format!(
            "{} ({}{})\n  {}\n  fix: {}\n\n",
            r.code(),
            r.default_severity().name(),
            if r.is_input_error() { ", exit 2" } else { "" },
            r.summary(),
            r.fix()
        ));
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    EXIT_CLEAN
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = use_color(cli.color);
    let code = match cli.command {
        None => check(PathBuf::from("."), CheckFormat::Human, color),
        Some(Command::Check { dir, format }) => check(dir, format, color),
        Some(Command::Rules) => rules(),
    };
    ExitCode::from(code)
}
