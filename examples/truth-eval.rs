//! Accuracy and time of every `resolve` method on the generated data sets with known truth
//! (`tests/truthgen/`) and, when present, on the Books benchmark.
//!
//! `cargo run --release --example truth-eval -- [--small] [--keep DIR] [--books DIR]`
//!
//! `--keep DIR` leaves each imported dossier in DIR/<name> (for measuring `resolve` as a
//! command, memory included); `--small` uses the sizes of the test suite.

#[path = "../tests/truthgen/mod.rs"]
mod truthgen;

use corroborate::import::{ImportOptions, Role, import};
use corroborate::model::ValueKind;
use corroborate::normalize::names;
use corroborate::resolve::{Method, resolve};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let small = args.iter().any(|a| a == "--small");
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(PathBuf::from)
    };
    let keep = opt("--keep");
    let books = opt("--books").or_else(|| {
        let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets/books");
        p.join("book.txt").exists().then_some(p)
    });
    let sets = if small {
        vec![
            truthgen::numeric(300, 30, 1),
            truthgen::times(150, 30, 2),
            truthgen::hier(300, 30, 3),
        ]
    } else {
        vec![
            truthgen::numeric(1500, 40, 1),
            truthgen::times(800, 38, 2),
            truthgen::hier(1200, 30, 3),
        ]
    };
    println!(
        "| data set | claims | method | accuracy | within 10 min | resolve s | iterations | converged |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|---|");
    let tmp = std::env::temp_dir().join(format!("truth-eval-{}", std::process::id()));
    for set in &sets {
        let dir = keep.clone().unwrap_or_else(|| tmp.clone()).join(set.name);
        let _ = std::fs::remove_dir_all(&dir);
        match truthgen::evaluate(set, &dir) {
            Ok(scores) => {
                for s in scores {
                    println!(
                        "| {} | {} | {} | {:.3} | {} | {:.3} | {} | {} |",
                        set.name,
                        s.claims,
                        s.method.name(),
                        s.accuracy,
                        if set.kind == "time" {
                            format!("{:.3}", s.within_10)
                        } else {
                            String::new()
                        },
                        s.seconds,
                        s.iterations,
                        if s.converged { "yes" } else { "no" }
                    );
                }
            }
            Err(e) => eprintln!("{}: {e}", set.name),
        }
    }
    if let Some(books) = books {
        evaluate_books(&books, &keep.unwrap_or(tmp).join("books"));
    }
}

fn evaluate_books(books: &Path, dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let opts = ImportOptions {
        columns: Some(vec![Role::Source, Role::Object, Role::Ignore, Role::Value]),
        header: false,
        value_columns: Vec::new(),
        hierarchy: None,
        delimiter: Some(b'\t'),
        property: "authors".into(),
        kind: Some(ValueKind::NameList),
        overwrite: true,
    };
    if let Err(e) = import(&books.join("book.txt"), dir, &opts) {
        eprintln!("books: {e}");
        return;
    }
    let Ok(a) = corroborate::pipeline::analyze(dir) else {
        return;
    };
    let d = &a.loaded.dossier;
    let gold: HashMap<String, Vec<names::Person>> =
        std::fs::read_to_string(books.join("book_golden.txt"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(isbn, authors)| (isbn.trim().to_string(), names::parse(authors)))
            .collect();
    for m in Method::ALL {
        let start = Instant::now();
        let o = resolve(d, &a.assertions, &a.comparison, m);
        let secs = start.elapsed().as_secs_f64();
        let (mut right, mut total) = (0, 0);
        for r in &o.resolutions {
            let g = &a.comparison.groups[r.group as usize];
            let Some(want) = gold.get(&d.entities[g.subject as usize].name) else {
                continue;
            };
            total += 1;
            let chosen = a.assertions[r.claim as usize].text.as_deref().unwrap_or("");
            if names::same_list(&names::from_key(chosen), want) {
                right += 1;
            }
        }
        println!(
            "| books | {} | {} | {:.3} |  | {secs:.3} | {} | {} |",
            d.claims.len(),
            m.name(),
            right as f64 / total.max(1) as f64,
            o.iterations,
            if o.converged { "yes" } else { "no" }
        );
    }
}
