//! The command-line interface: parse the arguments, settle the configuration, dispatch to the
//! command's module in `cli/`, exit with its code. All the work is in the library.

mod cli;

use clap::Parser;
use cli::args::{Cli, ColorChoice, Command, LintArgs, ReportFormat};
use cli::check::CheckRun;
use cli::report::ReportRun;
use cli::{configured, dossier_dir, settings, use_color};
use corroborate::config::Config;
use std::path::PathBuf;
use std::process::ExitCode;

// The pipeline allocates many small strings per claim; mimalloc is markedly faster than the
// system allocator at that (measured on the 1M-claim benchmark, see README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let code = match cli.command {
        None => match CheckRun::new(&cfg, color, None, None, LintArgs::default()) {
            Ok(run) => cli::check::run(start, run),
            Err(code) => code,
        },
        Some(Command::Check {
            dir,
            format,
            fail_on,
            lint,
        }) => match CheckRun::new(&cfg, color, format, fail_on, lint) {
            Ok(run) => cli::check::run(dir, run),
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
        }) => cli::report::run(
            &dir,
            ReportRun {
                format: format
                    .or_else(|| configured(cfg.report_format.as_deref()))
                    .unwrap_or(ReportFormat::Table)
                    .into(),
                filter: corroborate::report::data::Filter {
                    verdicts: verdict,
                    subjects: subject,
                    sources: source,
                },
                output,
                force,
                color,
            },
        ),
        Some(Command::Accept {
            dir,
            reason,
            fingerprints,
            rule,
        }) => cli::accept::run(&dir, &reason, &fingerprints, &rule),
        Some(Command::Normalize {
            text,
            as_of,
            kind,
            format,
        }) => cli::normalize::run(&text, as_of.as_deref(), kind, format),
        Some(Command::Extract {
            file,
            published,
            format,
            output,
            force,
        }) => cli::extract::run(&file, published.as_deref(), format, output, force),
        Some(Command::Rules { markdown }) => cli::rules::run(markdown),
        Some(Command::Schema { kind }) => cli::schema::run(&kind),
        Some(Command::Init { dir }) => cli::init::run(&dir),
        Some(Command::Resolve {
            dir,
            method,
            format,
            all,
            limit,
        }) => cli::resolve::run(&dir, &method, format, all, limit),
        Some(Command::Import {
            table,
            output,
            args,
        }) => cli::import::run(&table, &output, args),
        Some(Command::Completions { shell }) => cli::completions::run(shell),
        Some(Command::Man) => cli::man::run(),
    };
    ExitCode::from(code)
}
