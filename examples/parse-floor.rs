//! The floor for `check`: read and parse the same claim and vocabulary files, with the same
//! crates into the same structs and the same parallelism, read the seed texts, and do nothing
//! else.
//! `cargo run --release --example parse-floor -- DIR`

use corroborate::load::jsonl::{ClaimLine, EntityLine, SourceLine};
use corroborate::load::yaml::{self, EntitiesFile, PropertiesFile, SourceFile};
use rayon::prelude::*;
use std::io::BufRead;
use std::path::{Path, PathBuf};

fn yaml_file<T: serde::de::DeserializeOwned>(p: &Path) -> usize {
    let Ok(text) = std::fs::read_to_string(p) else {
        return 0;
    };
    let nodes = 10_000 + text.len() / 4;
    serde_saphyr::from_str_with_options::<T>(&text, yaml::options(nodes)).map_or(0, |_| 1)
}

fn jsonl_file(p: &Path) -> usize {
    let Ok(f) = std::fs::File::open(p) else {
        return 0;
    };
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let (sources, entities) = (name == "sources.jsonl", name == "entities.jsonl");
    let mut reader = std::io::BufReader::with_capacity(1 << 16, f);
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let Ok(line) = std::str::from_utf8(&buf) else {
            continue;
        };
        let ok = if sources {
            serde_json::from_str::<SourceLine>(line).is_ok()
        } else if entities {
            serde_json::from_str::<EntityLine>(line).is_ok()
        } else {
            serde_json::from_str::<ClaimLine>(line).is_ok()
        };
        n += usize::from(ok);
    }
    n
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let claims = dir.join("claims");
    let mut n = yaml_file::<PropertiesFile>(&claims.join("properties.yaml"));
    n += yaml_file::<EntitiesFile>(&claims.join("entities.yaml"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&claims)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        !matches!(name, "properties.yaml" | "entities.yaml" | "accepted.yaml")
    });
    files.sort();
    n += files
        .par_iter()
        .map(|p| match p.extension().and_then(|e| e.to_str()) {
            Some("jsonl") => jsonl_file(p),
            Some("yaml" | "yml") => yaml_file::<SourceFile>(p),
            _ => 0,
        })
        .sum::<usize>();
    // `check` reads every seed text as well; so does the floor (reading only).
    let seeds: Vec<PathBuf> = std::fs::read_dir(dir.join("seeds"))
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    let bytes: usize = seeds
        .par_iter()
        .map(|p| std::fs::read(p).map_or(0, |b| b.len()))
        .sum();
    println!("parsed {n} documents/lines, read {bytes} bytes of seeds");
}
