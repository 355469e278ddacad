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
