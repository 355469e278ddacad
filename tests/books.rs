//! Evaluation on the public Books truth-discovery benchmark (`../shared/datasets/books/`):
//! import the store listings, resolve with each method, and score the chosen author lists
//! against the 100 gold books with one rule for every method (`normalize::names::same_list`:
//! same number of authors, each matched by surname within Jaro-Winkler 0.92 and by first
//! initial when both are known; order ignored).
//!
//! Opt-in: the data is not part of the repository. With `../shared/datasets/books/` beside
//! the clone the test runs; without it, it says so and skips, unless `CORROBORATE_BOOKS=1`
//! asks for it (as `.ci/run` does), which makes missing data a failure.

mod common;

use corroborate::import::{ImportOptions, Role, import};
use corroborate::model::ValueKind;
use corroborate::normalize::names;
use corroborate::resolve::{Method, resolve};
use std::collections::HashMap;
use std::path::PathBuf;

fn dataset() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets/books");
    p.join("book.txt").exists().then_some(p)
}

/// Accuracy of each method on the gold books, as (method, correct, total).
pub fn evaluate(books: &std::path::Path) -> Vec<(Method, usize, usize)> {
    let out = tempfile::tempdir().unwrap();
    let opts = ImportOptions {
        columns: Some(vec![Role::Source, Role::Object, Role::Ignore, Role::Value]),
        header: false,
        value_columns: Vec::new(),
        hierarchy: None,
        delimiter: Some(b'\t'),
        property: "authors".into(),
        kind: Some(ValueKind::NameList),
        overwrite: false,
    };
    import(&books.join("book.txt"), out.path(), &opts).unwrap();
    let a = corroborate::pipeline::analyze(out.path()).unwrap();
    let d = &a.loaded.dossier;
    let gold: HashMap<String, Vec<names::Person>> =
        std::fs::read_to_string(books.join("book_golden.txt"))
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(isbn, authors)| (isbn.trim().to_string(), names::parse(authors)))
            .collect();
    assert_eq!(gold.len(), 100);
    Method::ALL
        .into_iter()
        .map(|m| {
            let o = resolve(d, &a.assertions, &a.comparison, m);
            let mut correct = 0;
            let mut total = 0;
            for r in &o.resolutions {
                let g = &a.comparison.groups[r.group as usize];
                let isbn = &d.entities[g.subject as usize].name;
                let Some(want) = gold.get(isbn) else { continue };
                total += 1;
                let chosen = a.assertions[r.claim as usize].text.as_deref().unwrap_or("");
                if names::same_list(&names::from_key(chosen), want) {
                    correct += 1;
                } else if std::env::var_os("BOOKS_DEBUG").is_some() && m == Method::Accu {
                    let alts: Vec<String> = g
                        .values
                        .iter()
                        .map(|v| {
                            format!(
                                "{}x{}",
                                v.claims.len(),
                                a.assertions[v.claims[0] as usize]
                                    .text
                                    .as_deref()
                                    .unwrap_or("")
                            )
                        })
                        .collect();
                    eprintln!(
                        "{isbn}: chose [{chosen}] gold [{}] alts {alts:?}",
                        names::key(want)
                    );
                }
            }
            (m, correct, total)
        })
        .collect()
}

#[test]
fn every_method_keeps_its_measured_accuracy_and_the_default_reaches_0_96() {
    let Some(books) = dataset() else {
        assert!(
            std::env::var_os("CORROBORATE_BOOKS").is_none_or(|v| v == "0"),
            "CORROBORATE_BOOKS is set but the Books benchmark is missing: expected ../shared/datasets/books/book.txt beside the repository"
        );
        common::skip(
            "books",
            "the Books benchmark is not beside the clone (../shared/datasets/books/); set CORROBORATE_BOOKS=1 to require it",
        );
        return;
    };
    let results = evaluate(&books);
    println!("| method | correct | gold books | accuracy |\n|---|---:|---:|---:|");
    for (m, c, t) in &results {
        println!(
            "| {} | {c} | {t} | {:.2} |",
            m.name(),
            *c as f64 / *t as f64
        );
    }
    let acc = |m: Method| {
        results
            .iter()
            .find(|r| r.0 == m)
            .map(|r| r.1 as f64 / r.2 as f64)
            .unwrap()
    };
    let best = results
        .iter()
        .map(|r| r.1 as f64 / r.2 as f64)
        .fold(0.0, f64::max);
    assert!(
        results.iter().all(|r| r.2 == 100),
        "every gold book is in the data: {results:?}"
    );
    assert!(best > acc(Method::Vote), "{results:?}");
    // Measured (README): the default method, hier, must keep 0.96; every other method keeps
    // what it reached when it was last measured.
    for (m, floor) in [
        (Method::Hier, 0.96),
        (Method::Accu, 0.95),
        (Method::TruthFinder, 0.95),
        (Method::PooledInvestment, 0.91),
        (Method::Vote, 0.81),
        (Method::Crh, 0.80),
        (Method::Investment, 0.69),
    ] {
        assert!(acc(m) >= floor - 1e-9, "{}: {results:?}", m.name());
    }
}
