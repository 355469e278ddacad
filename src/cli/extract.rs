//! `corroborate extract`: every figure and date in an article, or draft claims for it.

use super::args::ExtractArgs;
use super::{EXIT_CLEAN, EXIT_ERROR, parse_date_arg, write_to};
use corroborate::report::output;
use std::path::Path;

/// The article's text, from `file` or (`-`) standard input.
fn read(file: &Path) -> std::io::Result<Vec<u8>> {
    if file == Path::new("-") {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b).map(|_| b)
    } else {
        std::fs::read(file)
    }
}

pub fn run(args: &ExtractArgs) -> u8 {
    let file = args.file.as_path();
    let published = match parse_date_arg("--published", args.published.as_deref()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let read = read(file);
    // Drafts name the source after the file; text from standard input is `stdin`.
    let file = if file == Path::new("-") {
        Path::new("stdin")
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
    if Path::new("claims/properties.yaml").is_file()
        && let Ok(loaded) = corroborate::load::load(Path::new("."))
    {
        corroborate::normalize::suggest_properties(&text, &mut found, &loaded.dossier.properties);
    }
    match write_to(args.output.as_deref(), args.force, |w| {
        output::write_extracted(w, args.format.into(), &text, &found, file, published)
    }) {
        Ok(()) => EXIT_CLEAN,
        Err(code) => code,
    }
}
