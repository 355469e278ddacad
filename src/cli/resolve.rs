//! `corroborate resolve`: the most likely value of each fact and each source's reliability.

use super::args::ResolveArgs;
use super::{EXIT_ERROR, analyze, done, terminal_width, write_to};
use corroborate::report::{self, output};

pub fn run(args: &ResolveArgs) -> u8 {
    let Some(method) = corroborate::resolve::Method::from_name(&args.method) else {
        return EXIT_ERROR;
    };
    let analysis = match analyze(&args.dir, false) {
        Ok(a) => a,
        Err(code) => return code,
    };
    eprint!("{}", report::render::incomplete_of(&analysis.findings));
    let d = &analysis.loaded.dossier;
    let outcome =
        corroborate::resolve::resolve(d, &analysis.assertions, &analysis.comparison, method);
    let resolved = output::Resolved {
        dossier: d,
        assertions: &analysis.assertions,
        comparison: &analysis.comparison,
        outcome: &outcome,
    };
    let table = output::ResolveTable {
        all: args.all,
        limit: args.limit,
        width: terminal_width(),
    };
    if let Err(code) = write_to(None, false, |w| {
        output::write_resolve(w, args.format.into(), &resolved, table)
    }) {
        return code;
    }
    done(analysis)
}
