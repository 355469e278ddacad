//! The binary's commands, one module each, and what they share: finding the dossier and its
//! configuration, running the pipeline with a progress display, where output goes, colour and
//! width. All the work is in the library; these modules read arguments, call it, print what it
//! returns and choose the exit code.

pub mod accept;
pub mod args;
pub mod check;
pub mod completions;
pub mod extract;
pub mod import;
pub mod init;
pub mod man;
pub mod normalize;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod schema;

use args::ColorChoice;
use clap::ValueEnum;
use corroborate::config::Config;
use corroborate::model::DateRange;
use corroborate::pipeline;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Exit codes, documented in the README.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

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

pub fn use_color(choice: ColorChoice) -> bool {
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

/// Runs the pipeline on the dossier at `dir`. `contexts`: keep each quote's sentence (reports
/// show it; `check` and `resolve` do not need it).
pub fn analyze(dir: &Path, contexts: bool) -> Result<pipeline::Analysis, u8> {
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
pub fn dossier_dir(dir: PathBuf) -> PathBuf {
    if dir.join("claims").is_dir() {
        return dir;
    }
    corroborate::config::find_dossier(&dir).unwrap_or(dir)
}

/// The configuration: `--config FILE`, else the nearest corroborate.toml from `start` up to
/// the repository root, else none; `--isolated` reads none.
pub fn settings(start: &Path, config: Option<&Path>, isolated: bool) -> Result<Config, u8> {
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
pub fn configured<T: ValueEnum>(name: Option<&str>) -> Option<T> {
    name.and_then(|n| T::from_str(n, false).ok())
}

/// The width tables wrap to: `COLUMNS`, else the terminal's (none: comfy-table measures it),
/// else 120 in a pipe, so that output is reproducible.
pub fn terminal_width() -> Option<u16> {
    if let Some(w) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(w);
    }
    if std::io::stdout().is_terminal() {
        None
    } else {
        Some(120)
    }
}

pub fn parse_date_arg(flag: &str, value: Option<&str>) -> Result<Option<DateRange>, u8> {
    match value {
        None => Ok(None),
        Some(v) => match corroborate::model::Date::parse_iso(v) {
            Some(r) => Ok(Some(r)),
            None => {
                eprintln!("error: {flag} {v}: expected YYYY-MM-DD, YYYY-MM or YYYY");
                Err(EXIT_ERROR)
            }
        },
    }
}

/// Writes what `emit` produces to standard output, or to `output` (never over an existing
/// file unless `overwrite`; the file is written whole or not at all).
pub fn write_to(
    output: Option<&Path>,
    overwrite: bool,
    emit: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), u8> {
    match output {
        Some(path) => {
            let mut out = Vec::new();
            // Writing to memory cannot fail.
            let _ = emit(&mut out);
            corroborate::write::write_new(path, &out, overwrite).map_err(|e| {
                eprintln!("error: {e}");
                EXIT_ERROR
            })
        }
        None => {
            // Large outputs (a JSON report is larger than its claim files) are streamed.
            let mut stdout = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            let _ = emit(&mut stdout).and_then(|()| stdout.flush());
            Ok(())
        }
    }
}

/// Prints `text` on standard output.
pub fn print(text: &str) -> u8 {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    EXIT_CLEAN
}

/// The process is about to exit: freeing millions of small allocations one by one would
/// only delay it (a tenth of a second or more on a million claims), so the memory goes
/// back to the system with the process.
pub fn exit_without_freeing<T>(value: T, code: u8) -> u8 {
    std::mem::forget(value);
    code
}

/// The exit code of a command that reports rather than judges: 2 if the dossier could not be
/// fully read, else 0.
pub fn done(analysis: pipeline::Analysis) -> u8 {
    let code = if analysis.has_input_errors() {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    };
    exit_without_freeing(analysis, code)
}
