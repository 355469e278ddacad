//! `corroborate init`: a new dossier to start from.

use super::{EXIT_CLEAN, EXIT_ERROR};
use corroborate::text::plural;
use std::path::Path;

pub fn run(dir: &Path) -> u8 {
    match corroborate::init::scaffold(dir) {
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
    }
}
