//! Everything corroborate shows: diagnostics for findings and the discrepancy report.
//! Renderers turn the same data into text; none of them does I/O.

pub mod data;
pub mod diagnostics;
pub mod normalized;
pub mod render;

pub use normalized::{extracted_jsonl, extracted_yaml, normalized_json, normalized_text};

/// Escapes control characters (terminal escape sequences among them) in text that came
/// from dossier files, so that a claim cannot drive the reader's terminal.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}
