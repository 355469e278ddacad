//! Throughput benchmarks that need no extra crates:
//! `cargo run --release --example bench` prints extract MB/s, normalize calls per second,
//! and the time to compare one group of 100,000 claims.

use corroborate::compare;
use corroborate::compare::relay::sketch;
use corroborate::load::provenance::FoldedText;
use corroborate::model::*;
use corroborate::normalize::{Context, Names, extract, normalize_value};
use std::sync::Arc;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut text = String::new();
    for e in std::fs::read_dir(format!("{root}/seeds")).expect("seeds") {
        text.push_str(&std::fs::read_to_string(e.expect("entry").path()).expect("seed"));
        text.push('\n');
    }
    let mut corpus = String::new();
    while corpus.len() < 20 * 1024 * 1024 {
        corpus.push_str(&text);
    }
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let found = extract(&corpus, Date::parse_iso("2024-01"));
            std::hint::black_box(found.len());
            corpus.len() as f64 / 1e6 / t.elapsed().as_secs_f64()
        })
        .collect();
    println!(
        "extract: {:.1} MB/s of article text (median of 5 runs over {:.1} MB, one thread)",
        median(runs),
        corpus.len() as f64 / 1e6
    );

    // Quote checking folds every seed once and sketches it for relay detection.
    let mb = corpus.len() as f64 / 1e6;
    let mut folded = None;
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            folded = Some(FoldedText::new(&corpus));
            mb / t.elapsed().as_secs_f64()
        })
        .collect();
    println!(
        "fold: {:.1} MB/s of article text (median of 5, one thread)",
        median(runs)
    );
    let folded = folded.expect("folded at least once");
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(sketch(&folded.folded).len());
            mb / t.elapsed().as_secs_f64()
        })
        .collect();
    println!(
        "sketch: {:.1} MB/s of folded text (median of 5, one thread)",
        median(runs)
    );

    let values = [
        "approximately 25,000",
        "between 80,000 and 100,000",
        "over 90",
        "tens of thousands",
        "510 miles (820 kms)",
        "£7 billion",
        "February 2022",
        "nearly two years",
        "Thursday, Jan. 4, 2024",
        "around 6,900",
        "130",
        "last month",
    ];
    let ctx = Context {
        reference: Date::parse_iso("2025-08-14").map(|range| {
            corroborate::normalize::date::Reference {
                range,
                label: "publication date",
                ahead: false,
            }
        }),
        ..Context::default()
    };
    let n = 200_000;
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            for i in 0..n {
                std::hint::black_box(normalize_value(values[i % values.len()], &ctx));
            }
            n as f64 / t.elapsed().as_secs_f64()
        })
        .collect();
    println!(
        "normalize: {:.0} calls/s (median of 5 runs, {} mixed values, one thread)",
        median(runs),
        n
    );

    // One fact stated by 100,000 claims from 1,000 sources.
    let file: Arc<str> = Arc::from("claims/x.yaml");
    let loc = Loc::new(&file, 1, 1);
    let mut d = Dossier::default();
    d.entities.push(EntityDef {
        id: "e".into(),
        name: "e".into(),
        aliases: vec![],
        kind: None,
        part_of: vec![],
        party: false,
        loc: loc.clone(),
    });
    d.properties.push(PropertyDef {
        id: "p".into(),
        name: "p".into(),
        aliases: vec![],
        kind: ValueKind::Quantity,
        unit: None,
        single_valued: true,
        temporal: Temporal::Fixed,
        tolerance: None,
        description: None,
        loc: loc.clone(),
    });
    for s in 0..1_000 {
        d.sources.push(Source {
            id: format!("s{s}"),
            title: String::new(),
            publisher: String::new(),
            published: Published::Unknown,
            text: None,
            text_loc: None,
            url: None,
            derived_from: if s % 10 == 1 {
                vec![format!("s{}", s - 1)]
            } else {
                vec![]
            },
            note: None,
            loc: loc.clone(),
        });
    }
    let locs = ClaimLocs::new(&file, [(1, 1); 5]);
    let mut assertions = Vec::new();
    for i in 0..100_000u32 {
        let value = format!("about {}", 1000 + (i % 50));
        assertions.push(normalize_value(&value, &Context::default()));
        d.claims.push(Claim {
            id: format!("c{i}"),
            source: i % 1000,
            subject: "e".into(),
            property: "p".into(),
            value,
            quote: None,
            scope: None,
            as_of: None,
            attribution: None,
            hedge: Hedge::Stated,
            negated: false,
            earlier: false,
            note: None,
            locs: locs.clone(),
        });
    }
    let names = vec![
        Names {
            subject: Some(0),
            property: Some(0)
        };
        d.claims.len()
    ];
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let c = compare::compare(&d, &names, &assertions, Vec::new());
            std::hint::black_box(c.groups.len());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let c = compare::compare(&d, &names, &assertions, Vec::new());
    println!(
        "compare: one group of 100,000 claims from 1,000 sources in {:.1} ms (median of 5), verdict {}",
        median(runs),
        c.groups[0].verdict.name()
    );
}
