//! Times each pipeline stage on a dossier: `cargo run --release --example stages -- DIR`.
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Resident memory and minor page faults so far, to see which stage touches fresh memory.
fn mem() -> String {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let rss_pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let minflt: u64 = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().nth(7))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    format!("rss {:>5} MiB, faults {:>7}", rss_pages * 4 / 1024, minflt)
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let root = std::path::Path::new(&dir);
    let t = Instant::now();
    let loaded = match corroborate::load::load_sketching(
        root,
        &corroborate::load::Options {
            quote_contexts: false,
        },
        Some(corroborate::compare::relay::sketch),
    ) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    eprintln!(
        "load:       {:>8.1} ms  {}",
        t.elapsed().as_secs_f64() * 1e3,
        mem()
    );
    for (phase, took) in loaded.stats.timings {
        eprintln!(
            "  {:<9} {:>8.1} ms",
            format!("{phase}:"),
            took.as_secs_f64() * 1e3
        );
    }
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
    eprintln!(
        "names:      {:>8.1} ms  {}",
        t.elapsed().as_secs_f64() * 1e3,
        mem()
    );
    let t = Instant::now();
    let (assertions, _) = corroborate::normalize::assertions(&loaded.dossier, &vocab, &names);
    eprintln!(
        "normalize:  {:>8.1} ms  {}",
        t.elapsed().as_secs_f64() * 1e3,
        mem()
    );
    let t = Instant::now();
    let relays = corroborate::compare::relay::detect(&loaded.sketches);
    eprintln!(
        "relays:     {:>8.1} ms  {}",
        t.elapsed().as_secs_f64() * 1e3,
        mem()
    );
    let t = Instant::now();
    let c = corroborate::compare::compare(&loaded.dossier, &names, &assertions, relays);
    eprintln!(
        "compare:    {:>8.1} ms  {} ({} groups, {} findings)",
        t.elapsed().as_secs_f64() * 1e3,
        mem(),
        c.groups.len(),
        c.findings.len()
    );
    // What `check` does next: gather, order and render the findings.
    let t = Instant::now();
    let mut findings = loaded.findings.clone();
    findings.extend(c.findings.iter().cloned());
    corroborate::pipeline::sort_findings(&mut findings);
    eprintln!(
        "findings:   {:>8.1} ms  {}",
        t.elapsed().as_secs_f64() * 1e3,
        mem()
    );
    let t = Instant::now();
    let lines = corroborate::load::FileLines::for_findings(&loaded.root, &findings);
    let out = corroborate::report::diagnostics::human(&findings, &lines, false);
    eprintln!(
        "render:     {:>8.1} ms  {} ({} bytes)",
        t.elapsed().as_secs_f64() * 1e3,
        mem(),
        out.len()
    );
}
