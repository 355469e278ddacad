//! The loader never panics, whatever bytes a claim file holds.

use proptest::prelude::*;

fn dossier_with(claim_file: &[u8]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("claims")).unwrap();
    std::fs::create_dir_all(d.path().join("seeds")).unwrap();
    std::fs::write(d.path().join("seeds/a.txt"), "Some text with 90 people.").unwrap();
    std::fs::write(d.path().join("claims/a.yaml"), claim_file).unwrap();
    d
}

const TEMPLATE: &str = "source:\n  id: a\n  title: t\n  publisher: p\n  published: 2024\n  text: seeds/a.txt\nclaims:\n  - id: x\n    subject: s\n    property: p\n    value: over 90\n    quote: 90 people\n";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let d = dossier_with(&bytes);
        let _ = corroborate::pipeline::analyze(d.path());
    }

    #[test]
    fn mutated_claim_files_never_panic(pos in 0usize..TEMPLATE.len(), byte in any::<u8>(), cut in 0usize..TEMPLATE.len()) {
        let mut bytes = TEMPLATE.as_bytes().to_vec();
        bytes[pos] = byte;
        bytes.truncate(cut.max(pos + 1));
        let d = dossier_with(&bytes);
        let _ = corroborate::pipeline::analyze(d.path());
    }
}

/// Text drawn from pieces that exercise folding: ASCII words, case, runs of whitespace of
/// several kinds, typographic quotes and dashes, zero-width characters, other scripts.
fn seedish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z0-9,.;:'`\"-]{1,8}",
        Just(" ".to_string()),
        Just("  \t".to_string()),
        Just("\n".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{2014}".to_string()),
        Just("\u{201C}".to_string()),
        Just("\u{2019}".to_string()),
        Just("\u{2026}".to_string()),
        Just("İstanbul".to_string()),
        Just("Ελλάδα".to_string()),
        Just("\u{0B}".to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Seeds and quotes are folded by two code paths (one keeps offsets); they must agree.
    #[test]
    fn seed_and_quote_folding_agree(text in seedish()) {
        use corroborate::load::provenance::{fold, FoldedText};
        prop_assert_eq!(FoldedText::new(&text).folded, fold(&text));
    }

    /// Any passage cut from a seed at character boundaries is found in it, and the range
    /// reported covers original text that folds to (at least) the same words.
    #[test]
    fn every_passage_of_a_seed_is_found(text in seedish(), a in 0usize..400, len in 1usize..200) {
        use corroborate::load::provenance::{fold, FoldedText};
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let start = bounds[a % bounds.len()];
        let end = bounds[(bounds.iter().position(|&b| b == start).unwrap_or(0) + len).min(bounds.len() - 1)];
        let quote = &text[start..end];
        let folded_quote = fold(quote);
        prop_assume!(!folded_quote.is_empty() && !folded_quote.contains("..."));
        let seed = FoldedText::new(&text);
        let found = seed.find(quote);
        prop_assert!(found.is_ok(), "{quote:?} not found in {text:?}");
        let found = found.unwrap();
        // Whole characters: a match inside one character's folding ("." in "…") reports it all.
        prop_assert!(fold(&text[found.start..found.end]).contains(&folded_quote));
        // Enough expected quotes for the word index to be built: found through it too (it
        // may be a later occurrence that starts a word).
        let many = vec![folded_quote.as_str(); 4000];
        let indexed = FoldedText::with_expected_quotes(&text, &many).find(quote);
        prop_assert!(indexed.is_ok());
        let indexed = indexed.unwrap();
        prop_assert!(fold(&text[indexed.start..indexed.end]).contains(&folded_quote));
    }
}
