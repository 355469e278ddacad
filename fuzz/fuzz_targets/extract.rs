#![no_main]
//! Any article text: no panic, and every reported span is a valid slice equal to its text.
use corroborate::normalize::extract;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for e in extract(text, corroborate::model::Date::parse_iso("2024")) {
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert_eq!(&text[e.start..e.end], e.text);
    }
});
