//! The value reader measured against the labelled corpus in `tests/data/values/`:
//! `cargo run --release --example value-corpus [-- --misses | --misreads | --unread | --extras]`
//! prints accuracy, unread figures and confident misreads per category, and with a flag
//! lists the figures concerned.

#[path = "../tests/value_scorer/mod.rs"]
mod value_scorer;

use value_scorer::{Outcome, corpus_dir, load, misses, score, table};

fn main() -> std::process::ExitCode {
    let corpus = match load(&corpus_dir()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: corpus: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let s = score(&corpus);
    let origins: Vec<String> = corpus
        .origins
        .iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect();
    println!(
        "{} value items, {} sentences ({} labelled figures); items by origin: {}\n",
        corpus.values.len(),
        corpus.sentences.len(),
        corpus
            .sentences
            .iter()
            .map(|x| x.figures.len())
            .sum::<usize>(),
        origins.join(", ")
    );
    print!("{}", table(&s));
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--misses" => print!("\n{}", misses(&s, None)),
            "--misreads" => print!("\n{}", misses(&s, Some(Outcome::Misread))),
            "--unread" => print!("\n{}", misses(&s, Some(Outcome::Unread))),
            "--extras" => {
                println!();
                for (at, cat, span, reading) in &s.extras {
                    println!("extra [{cat}] {at}: \"{span}\" read {reading}");
                }
            }
            other => {
                eprintln!(
                    "error: unknown argument {other}; expected --misses, --misreads, --unread or --extras"
                );
                return std::process::ExitCode::from(2);
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
