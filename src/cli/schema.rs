//! `corroborate schema`: the JSON Schema of a dossier file.

use super::{EXIT_ERROR, print};

pub fn run(kind: &str) -> u8 {
    match corroborate::load::schema::schema(kind) {
        Some(s) => print(&s),
        None => EXIT_ERROR,
    }
}
