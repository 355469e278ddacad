//! `corroborate normalize`: how one value is read.

use super::args::{KindArg, NormalizeFormat};
use super::{EXIT_CLEAN, EXIT_FINDINGS, parse_date_arg, write_to};
use corroborate::model::AssertionKind;
use corroborate::normalize::date::Reference;
use corroborate::normalize::{Context, normalize_value};
use corroborate::report::output;

pub fn run(text: &str, as_of: Option<&str>, kind: Option<KindArg>, format: NormalizeFormat) -> u8 {
    let reference = match parse_date_arg("--as-of", as_of) {
        Ok(r) => r.map(|range| Reference {
            range,
            label: "as_of date",
        }),
        Err(code) => return code,
    };
    let ctx = Context {
        expect: kind.and_then(KindArg::kind),
        reference,
        ..Context::default()
    };
    let a = normalize_value(text, &ctx);
    let _ = write_to(None, false, |w| {
        output::write_normalized(w, format.into(), text, &a)
    });
    if a.kind == AssertionKind::Unparsed {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
