#![no_main]
//! Any bytes as a claim file (YAML, then JSON Lines), next to valid vocabularies: no panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims");
    std::fs::create_dir_all(&claims).unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    std::fs::write(dir.path().join("seeds/a.txt"), "Over 90 people died on January 3.").unwrap();
    std::fs::write(claims.join("properties.yaml"), "properties:\n  - id: toll\n    kind: quantity\n").unwrap();
    std::fs::write(claims.join("entities.yaml"), "entities:\n  - id: attack\n").unwrap();
    std::fs::write(claims.join("a.yaml"), data).unwrap();
    let _ = corroborate::pipeline::analyze(dir.path());
    std::fs::remove_file(claims.join("a.yaml")).unwrap();
    std::fs::write(claims.join("a.jsonl"), data).unwrap();
    let _ = corroborate::pipeline::analyze(dir.path());
});
