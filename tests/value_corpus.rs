//! The value reader measured against the labelled corpus in `tests/data/values/`.
//!
//! A ratchet: each category's accuracy may not fall below what the reader measured when the
//! thresholds were last set, and its share of confident misreads may not rise above it.
//! Raise the floors (and lower the ceilings) when the reader improves. The table:
//! `cargo test --test value_corpus -- --nocapture`.

mod value_scorer;

use value_scorer::{CATEGORIES, Outcome, Reading, corpus_dir, judge, load, score};

/// (category, lowest accepted accuracy, highest accepted share of confident misreads), as the
/// reader measured when they were last set (rounded down and up to three decimals).
const THRESHOLDS: [(&str, f64, f64); 11] = [
    ("number", 1.000, 0.000),
    ("fraction", 0.968, 0.000),
    ("bound", 0.991, 0.000),
    ("range", 0.971, 0.000),
    ("vague", 0.987, 0.000),
    ("unit", 1.000, 0.000),
    ("money", 0.983, 0.000),
    ("date", 0.994, 0.000),
    ("time", 1.000, 0.000),
    ("duration", 1.000, 0.000),
    ("unreadable", 1.000, 0.000),
];

/// Confident misreads over the whole corpus: a value the reader cannot be sure of is
/// reported unread, never guessed.
const MAX_MISREADS: usize = 0;

/// Every category is large enough to measure.
const MIN_PER_CATEGORY: usize = 40;

#[test]
fn corpus_is_well_formed_and_large_enough() {
    let corpus = load(&corpus_dir()).unwrap_or_else(|e| panic!("corpus: {e}"));
    let figures = corpus.values.len()
        + corpus
            .sentences
            .iter()
            .map(|s| s.figures.len())
            .sum::<usize>();
    assert!(figures >= 600, "only {figures} labelled figures");
    assert!(
        corpus.sentences.len() >= 100,
        "only {} sentence items",
        corpus.sentences.len()
    );
    let s = score(&corpus);
    for c in CATEGORIES {
        let t = s.tally(c);
        assert!(
            t.n + t.skipped >= MIN_PER_CATEGORY,
            "category {c} has only {} labelled figures",
            t.n + t.skipped
        );
    }
}

#[test]
fn reader_holds_its_measured_accuracy() {
    value_scorer::assert_holds(&corpus_dir(), &THRESHOLDS, None, MAX_MISREADS);
}

#[test]
fn scorer_separates_correct_unread_and_misread() {
    let want = value_scorer::parse_date_label("2024-03").unwrap_or_else(|e| panic!("{e}"));
    let got =
        value_scorer::parse_date_label("2024-03-01..2024-03-31").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(judge(&want, &got), Outcome::Correct);
    assert_eq!(judge(&want, &Reading::Nothing), Outcome::Unread);
    let day = value_scorer::parse_date_label("2024-03-02").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(judge(&want, &day), Outcome::Misread);
    assert_eq!(judge(&Reading::Nothing, &day), Outcome::Misread);
    assert_eq!(
        judge(&Reading::Nothing, &Reading::Nothing),
        Outcome::Correct
    );
    let num = |s: &str, unit: Option<&str>| {
        let (low, high) = value_scorer::parse_interval(s).unwrap_or_else(|e| panic!("{e}"));
        Reading::Number {
            low,
            high,
            unit: unit.map(str::to_string),
            currency: None,
        }
    };
    assert_eq!(
        judge(&num("(90, .inf)", None), &num("(90.00001, .inf)", None)),
        Outcome::Correct
    );
    assert_eq!(
        judge(&num("(90, .inf)", None), &num("[90, .inf)", None)),
        Outcome::Misread
    );
    assert_eq!(
        judge(&num("1/3", None), &num("0.33333", None)),
        Outcome::Correct
    );
    assert_eq!(
        judge(&num("5", Some("km")), &num("5", None)),
        Outcome::Misread
    );
    assert_eq!(
        judge(&num("[2, 3]", None), &num("[2, 3.1]", None)),
        Outcome::Misread
    );
    assert!(value_scorer::parse_interval("[3, 2]").is_err());
    assert!(value_scorer::parse_date_label("2023-02-29").is_err());
}

#[test]
fn loader_names_the_file_item_and_problem() {
    let cases = [
        (
            "items:\n  - sentence: \"It rose 5%.\"\n    figures:\n      - {span: \"6%\", read: 6, unit: \"%\"}\n",
            "is not in the sentence",
        ),
        ("items:\n  - {text: \"x\", read: \"[3, 2]\"}\n", "reversed"),
        (
            "items:\n  - {text: \"x\", read: 3, unit: furlong}\n",
            "canonical unit",
        ),
        (
            "items:\n  - {text: \"x\", read: 3, date: 2021}\n",
            "exactly one of",
        ),
        (
            "items:\n  - {text: \"x\", date: 2023-02-29}\n",
            "bad ISO date",
        ),
        (
            "items:\n  - {text: \"x\", read: 3, colour: red}\n",
            "colour",
        ),
    ];
    for (body, want) in cases {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let text = format!("category: number\nkind: quantity\norigin: written\n{body}");
        std::fs::write(dir.path().join("bad.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
        let err = match load(dir.path()) {
            Ok(_) => panic!("accepted a bad corpus: {body}"),
            Err(e) => e,
        };
        assert!(err.contains("bad.yaml"), "{err}");
        assert!(err.contains(want), "{want:?} not in {err}");
    }
}
