//! `corroborate report`: the discrepancy report, fact by fact.

use super::args::{ReportArgs, ReportFormat};
use super::{EXIT_ERROR, analyze, configured, done, terminal_width, write_to};
use corroborate::config::Config;
use corroborate::report::{self, output};

pub fn run(args: ReportArgs, cfg: &Config, color: bool) -> u8 {
    let format: output::ReportFormat = args
        .format
        .or_else(|| configured(cfg.report_format.as_deref()))
        .unwrap_or(ReportFormat::Table)
        .into();
    let filter = report::data::Filter {
        verdicts: args.verdict,
        subjects: args.subject,
        sources: args.source,
    };
    let analysis = match analyze(&args.dir, true) {
        Ok(a) => a,
        Err(code) => return code,
    };
    // Whatever the format and wherever it goes, the terminal hears that input was left out.
    eprint!("{}", report::render::incomplete_of(&analysis.findings));
    let unknown = filter.unknown_names(&analysis.loaded.dossier, &analysis.vocab.entities);
    if !unknown.is_empty() {
        for u in unknown {
            eprintln!("error: {u}");
        }
        return EXIT_ERROR;
    }
    let r = analysis.report(&filter);
    // Colour is for terminals, never for a file.
    let color = color && args.output.is_none();
    let width = terminal_width();
    if let Err(code) = write_to(args.output.as_deref(), args.force, |w| {
        output::write_report(w, format, &r, color, width)
    }) {
        return code;
    }
    std::mem::forget(r);
    done(analysis)
}
