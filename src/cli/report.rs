//! `corroborate report`: the discrepancy report, fact by fact.

use super::{EXIT_ERROR, analyze, done, terminal_width, write_to};
use corroborate::report::{self, output};
use std::path::{Path, PathBuf};

/// What to show, and where.
pub struct ReportRun {
    pub format: output::ReportFormat,
    pub filter: report::data::Filter,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub color: bool,
}

pub fn run(dir: &Path, run: ReportRun) -> u8 {
    let analysis = match analyze(dir, true) {
        Ok(a) => a,
        Err(code) => return code,
    };
    // Whatever the format and wherever it goes, the terminal hears that input was left out.
    eprint!("{}", report::render::incomplete_of(&analysis.findings));
    let unknown = run
        .filter
        .unknown_names(&analysis.loaded.dossier, &analysis.vocab.entities);
    if !unknown.is_empty() {
        for u in unknown {
            eprintln!("error: {u}");
        }
        return EXIT_ERROR;
    }
    let r = analysis.report(&run.filter);
    // Colour is for terminals, never for a file.
    let color = run.color && run.output.is_none();
    let width = terminal_width();
    if let Err(code) = write_to(run.output.as_deref(), run.force, |w| {
        output::write_report(w, run.format, &r, color, width)
    }) {
        return code;
    }
    std::mem::forget(r);
    done(analysis)
}
