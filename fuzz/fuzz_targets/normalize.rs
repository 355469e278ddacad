#![no_main]
//! Any value, read as every kind, with and without a reference date: no panic.
use corroborate::model::{Date, ValueKind};
use corroborate::normalize::{Context, date::Reference, normalize_value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let reference = Date::parse_iso("2024-09-05").map(|range| Reference { range, label: "publication date" });
    for expect in [None, Some(ValueKind::Quantity), Some(ValueKind::Money), Some(ValueKind::Date), Some(ValueKind::Duration), Some(ValueKind::NameList), Some(ValueKind::Time)] {
        for reference in [None, reference] {
            let _ = normalize_value(text, &Context { expect, reference, ..Context::default() });
        }
    }
});
