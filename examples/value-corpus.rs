//! The value reader measured against the labelled corpus in `tests/data/values/`:
//! `cargo run --release --example value-corpus [-- --misses | --misreads | --unread | --extras]`
//! prints accuracy, unread figures and confident misreads per category, and with a flag
//! lists the figures concerned. `--dir DIR` scores another corpus of the same schema, such as
//! the held-out one: `-- --dir tests/data/values-heldout`.

#[path = "../tests/value_scorer/mod.rs"]
mod value_scorer;

use value_scorer::{Outcome, corpus_dir, load, misses, score, table};

fn main() -> std::process::ExitCode {
    let mut dir = corpus_dir();
    let mut flags = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--dir" {
            match args.next() {
                Some(d) => dir = std::path::PathBuf::from(d),
                None => {
                    eprintln!("error: --dir needs a directory of corpus YAML files");
                    return std::process::ExitCode::from(2);
                }
            }
        } else if let Some(d) = arg.strip_prefix("--dir=") {
            dir = std::path::PathBuf::from(d);
        } else {
            flags.push(arg);
        }
    }
    let corpus = match load(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: corpus: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    println!("corpus: {}", dir.display());
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
    for arg in &flags {
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
                    "error: unknown argument {other}; expected --dir DIR, --misses, --misreads, --unread or --extras"
                );
                return std::process::ExitCode::from(2);
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
