//! `corroborate normalize`: how one value is read.

use super::args::{KindArg, NormalizeArgs};
use super::{EXIT_CLEAN, EXIT_FINDINGS, parse_date_arg, write_to};
use corroborate::model::AssertionKind;
use corroborate::normalize::date::Reference;
use corroborate::normalize::{Context, normalize_value};
use corroborate::report::output;

pub fn run(args: &NormalizeArgs) -> u8 {
    let text = &args.text;
    let reference = match parse_date_arg("--as-of", args.as_of.as_deref()) {
        Ok(r) => r.map(|range| Reference {
            range,
            label: "as_of date",
            ahead: false,
        }),
        Err(code) => return code,
    };
    let ctx = Context {
        expect: args.kind.and_then(KindArg::kind),
        reference,
        ..Context::default()
    };
    let a = normalize_value(text, &ctx);
    let _ = write_to(None, false, |w| {
        output::write_normalized(w, args.format.into(), text, &a)
    });
    if a.kind == AssertionKind::Unparsed {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
