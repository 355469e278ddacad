//! `corroborate rules`: every rule code, as text or as docs/rules.md.

use super::print;

pub fn run(markdown: bool) -> u8 {
    print(&if markdown {
        corroborate::report::rules_markdown()
    } else {
        corroborate::report::rules_text()
    })
}
