//! Times each pipeline stage on a dossier: `cargo run --release --example stages -- DIR`.
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let root = std::path::Path::new(&dir);
    let t = Instant::now();
    let loaded = match corroborate::load::load_with(
        root,
        &corroborate::load::Options {
            quote_contexts: false,
        },
    ) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    eprintln!("load:       {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let vocab = corroborate::normalize::vocab::Vocabulary::new(
        &loaded.dossier.entities,
        &loaded.dossier.properties,
    );
    eprintln!(
        "vocabulary: {:>8.1} ms ({} entity names)",
        t.elapsed().as_secs_f64() * 1e3,
        vocab.entities.len()
    );
    let t = Instant::now();
    let (names, _) = corroborate::normalize::resolve_names(&loaded.dossier, &vocab);
    eprintln!("names:      {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let (assertions, _) = corroborate::normalize::assertions(&loaded.dossier, &vocab, &names);
    eprintln!("normalize:  {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let relays = corroborate::compare::relay::detect(&loaded.sketches);
    eprintln!("relays:     {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let c = corroborate::compare::compare(&loaded.dossier, &names, &assertions, relays);
    eprintln!(
        "compare:    {:>8.1} ms ({} groups, {} findings)",
        t.elapsed().as_secs_f64() * 1e3,
        c.groups.len(),
        c.findings.len()
    );
}
