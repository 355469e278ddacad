//! The value reader measured against the SECOND held-out corpus in
//! `tests/data/values-heldout-2/`: 285 figures in 113 sentences, labelled blind on 2026-12-03
//! and committed before the reader was first run on them. Its blind run (90.9%, 25 confident
//! misreads) is in the README; the reader was then improved on the mechanisms its misreads
//! showed (tests beside the code use other wording; no label changed), so it is now a
//! development set, and the blind figure is the third held-out corpus's
//! (`tests/value_heldout_3.rs`).
//!
//! A ratchet: no category's accuracy may fall, nor its share of confident misreads rise.
//! Never edit a label to fit an output. The table and the misreads: `cargo run --release
//! --example value-corpus -- --dir tests/data/values-heldout-2 --misreads`.

mod value_scorer;

use value_scorer::heldout_2_dir;

/// (category, lowest accepted accuracy, highest accepted share of confident misreads), as
/// measured after the improvements (rounded down and up to three decimals).
const THRESHOLDS: [(&str, f64, f64); 11] = [
    ("number", 1.000, 0.000),     // 44 of 44
    ("fraction", 0.750, 0.250),   // 3 of 4, 1 misread
    ("bound", 0.923, 0.077),      // 24 of 26, 2 misread
    ("range", 0.400, 0.600),      // 2 of 5, 3 misread
    ("vague", 1.000, 0.000),      // 34 of 34
    ("unit", 0.918, 0.082),       // 45 of 49, 4 misread
    ("money", 1.000, 0.000),      // 27 of 27
    ("date", 0.877, 0.103),       // 43 of 49, 5 misread
    ("time", 1.000, 0.000),       // 19 of 19
    ("duration", 1.000, 0.000),   // 16 of 16
    ("unreadable", 1.000, 0.000), // 12 of 12
];

/// Over all figures: 269 of 285 correct (94.4%), 15 confident misreads (blind run: 259,
/// 90.9%, 25 misreads).
const MIN_ACCURACY: f64 = 0.943;
const MAX_MISREADS: usize = 15;

#[test]
fn second_heldout_corpus_is_well_formed() {
    value_scorer::assert_heldout_well_formed(&heldout_2_dir(), 250);
}

#[test]
fn reader_holds_its_second_heldout_accuracy() {
    value_scorer::assert_holds(
        &heldout_2_dir(),
        &THRESHOLDS,
        Some(MIN_ACCURACY),
        MAX_MISREADS,
    );
}
