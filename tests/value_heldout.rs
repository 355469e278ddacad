//! The value reader measured against the FIRST held-out corpus in `tests/data/values-heldout/`:
//! sentences labelled blind on 2026-12-02, after the reader had been tuned on
//! `tests/data/values/`. Its first run (91.0%, 20 confident misreads) was the figure for
//! unseen news text; on 2026-12-03 the reader was improved on the mechanisms its misreads
//! showed (never on a sentence: the tests beside the code use other wording), so it is now a
//! development set, and the blind figure is the third held-out corpus's
//! (`tests/value_heldout_3.rs`).
//!
//! A ratchet: no category's accuracy may fall, nor its share of confident misreads rise.
//! Never edit a label to fit an output. The table and the misreads: `cargo run --release
//! --example value-corpus -- --dir tests/data/values-heldout --misreads`.

mod value_scorer;

use value_scorer::heldout_dir;

/// (category, lowest accepted accuracy, highest accepted share of confident misreads), as
/// measured on the first run and raised where the reader has since improved (rounded down
/// and up to three decimals). Since 2026-12-03 this corpus is a development set: the reader
/// was improved on its misreads, so these figures no longer measure unseen text (the third
/// held-out corpus, `tests/value_heldout_3.rs`, does).
const THRESHOLDS: [(&str, f64, f64); 11] = [
    ("number", 1.000, 0.000),     // 88 of 88
    ("fraction", 0.666, 0.000),   // 2 of 3
    ("bound", 0.939, 0.061),      // 31 of 33, 2 misread (the span of "more than four times")
    ("range", 0.875, 0.000),      // 7 of 8
    ("vague", 0.956, 0.000),      // 22 of 23
    ("unit", 0.977, 0.000),       // 44 of 45
    ("money", 1.000, 0.000),      // 24 of 24
    ("date", 0.904, 0.000),       // 57 of 63; fiscal years unread
    ("time", 0.882, 0.000),       // 15 of 17
    ("duration", 0.937, 0.000),   // 15 of 16
    ("unreadable", 1.000, 0.000), // 14 of 14
];

/// Over all figures: 319 of 334 correct (95.5%), 2 confident misreads (first run, blind:
/// 304, 91.0%, 20 misreads).
const MIN_ACCURACY: f64 = 0.955;
const MAX_MISREADS: usize = 2;

#[test]
fn heldout_corpus_is_well_formed_and_large_enough() {
    value_scorer::assert_heldout_well_formed(&heldout_dir(), 300);
}

#[test]
fn reader_holds_its_heldout_accuracy() {
    value_scorer::assert_holds(
        &heldout_dir(),
        &THRESHOLDS,
        Some(MIN_ACCURACY),
        MAX_MISREADS,
    );
}
