#![no_main]
//! Any bytes as a claim file, parsed as YAML and as JSON Lines (claims and sources) by the
//! loader's own parsers, without the filesystem: no panic. The `check` target covers the
//! whole pipeline on disk.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = corroborate::load::parse_claim_bytes(data);
});
