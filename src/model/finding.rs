//! Findings: what `check` reports, the catalogue of rules they belong to, and their
//! fingerprints (how an acknowledgement names a finding across edits and releases).

use super::Loc;
use serde::Serialize;
use std::fmt;

/// How serious a finding is. Ordered so that `>=` means "at least as serious".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary place that helps explain a finding (the other source of a conflict).
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub loc: Loc,
    pub message: String,
}

/// One thing `check` reports, with a stable rule code.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    pub loc: Option<Loc>,
    pub related: Vec<Related>,
    pub help: Option<String>,
    /// Stable across edits that move lines: rule, fact, claim ids and stated values (see
    /// [`fact_fingerprint`]).
    pub fingerprint: String,
    /// What earlier releases called the same finding (with normalized readings instead of
    /// stated values), so acknowledgements written by them still match.
    #[serde(skip)]
    pub legacy_fingerprint: Option<String>,
    /// The reason given in the acknowledged-findings file, when the finding is accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<String>,
}

/// The longest message a finding keeps, in bytes.
pub const MAX_MESSAGE: usize = 4096;

impl Finding {
    /// A finding. Its message and fingerprint are bounded here, once for every output: a
    /// message is cut after [`MAX_MESSAGE`] bytes, a fingerprint over 1,024 bytes keeps its
    /// start and a hash of the whole.
    pub fn new(rule: Rule, loc: Option<Loc>, message: String, fingerprint: String) -> Finding {
        let message = if message.len() > MAX_MESSAGE {
            let mut end = MAX_MESSAGE;
            while !message.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}… ({} more bytes)", &message[..end], message.len() - end)
        } else {
            message
        };
        let fingerprint = if fingerprint.len() > 1024 {
            bounded_for_fingerprint(fingerprint)
        } else {
            fingerprint
        };
        Finding {
            rule,
            severity: rule.default_severity(),
            message,
            loc,
            related: Vec::new(),
            help: None,
            fingerprint,
            legacy_fingerprint: None,
            acknowledged: None,
        }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }
    pub fn with_related(mut self, loc: Loc, message: impl Into<String>) -> Finding {
        self.related.push(Related {
            loc,
            message: message.into(),
        });
        self
    }
}

/// A finding's fingerprint, keyed by its rule: the rule's code, then the parts that tell this
/// finding from the rule's others, each after a `:` (`io-error:claims/a.yaml`,
/// `duplicate-id:claim:bbc:c1`). Every fingerprint starts with its rule's code, so that one
/// can be read, filtered and migrated by rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    rule: Rule,
    text: String,
}

impl Fingerprint {
    pub fn new(rule: Rule) -> Fingerprint {
        Fingerprint {
            rule,
            text: rule.code().to_string(),
        }
    }

    /// The rule it is keyed by.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// Adds a part (an id, a file name, a line number); parts are written as they are.
    pub fn part(mut self, part: impl fmt::Display) -> Fingerprint {
        use fmt::Write;
        // Writing to a String cannot fail.
        let _ = write!(self.text, ":{part}");
        self
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// A finding of this fingerprint's rule, at `loc`, saying `message`.
    pub fn finding(self, loc: Option<Loc>, message: String) -> Finding {
        Finding::new(self.rule, loc, message, self.text)
    }

    /// The current form of a fingerprint an earlier release wrote (into `accepted.yaml`):
    /// findings about files, empty values and stale acknowledgements were fingerprinted with a
    /// short prefix (`io:`, `size:`, `utf8:`, `empty:`, `stale:`) rather than their rule's
    /// code; the rest of the fingerprint is unchanged. Any other fingerprint is returned as it
    /// is.
    pub fn migrate(written: &str) -> std::borrow::Cow<'_, str> {
        for (old, rule) in LEGACY_PREFIXES {
            if let Some(rest) = written.strip_prefix(old).and_then(|r| r.strip_prefix(':')) {
                return format!("{}:{rest}", rule.code()).into();
            }
        }
        written.into()
    }
}

/// The prefixes earlier releases wrote instead of these rules' codes.
const LEGACY_PREFIXES: &[(&str, Rule)] = &[
    ("io", Rule::Io),
    ("size", Rule::FileTooLarge),
    ("utf8", Rule::BadEncoding),
    ("empty", Rule::EmptyValue),
    ("stale", Rule::StaleAcknowledgement),
];

impl From<Fingerprint> for String {
    fn from(f: Fingerprint) -> String {
        f.text
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A finding's data, one type per rule or rule family: its message rendered from the data, and
/// its fingerprint (which names its rule) built from the same data.
pub trait Problem {
    fn message(&self) -> String;
    fn fingerprint(&self) -> Fingerprint;
    /// What to do about it, when the rule's general advice is worth repeating here.
    fn help(&self) -> Option<String> {
        None
    }
    /// The finding, at `loc`.
    fn finding(&self, loc: Option<Loc>) -> Finding {
        let f = self.fingerprint().finding(loc, self.message());
        match self.help() {
            Some(h) => f.with_help(h),
            None => f,
        }
    }
}

/// A stated value folded for fingerprints: case, runs of whitespace (no-break spaces too),
/// typographic quotes, apostrophes and dashes. Nothing else: "£640m" and "$640m" stay apart.
pub fn fold_stated(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut space = false;
    for c in value.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The fingerprint of a finding about one fact: the rule code, the fact's key (subject and
/// property ids, scope) and each claim as `source/claim="stated value"` (folded, sorted).
/// Built from what the files say, never from how values are read, so a better reader does not
/// turn acknowledged findings stale; editing a value does make a new finding.
pub fn fact_fingerprint<'a>(
    rule: Rule,
    subject: &str,
    property: &str,
    scope: &str,
    claims: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
) -> String {
    let mut parts: Vec<String> = claims
        .into_iter()
        .map(|(source, claim, value)| {
            let folded = bounded_for_fingerprint(fold_stated(value))
                .replace('\\', "\\\\")
                .replace('"', "\\\"");
            format!("{source}/{claim}=\"{folded}\"")
        })
        .collect();
    parts.sort();
    Fingerprint::new(rule)
        .part(subject)
        .part(property)
        .part(scope)
        .part(parts.join(","))
        .into()
}

/// A folded value as a fingerprint holds it: a long value (over 256 bytes) keeps its first 200
/// bytes and a hash of the whole, so a huge value cannot make a huge fingerprint (they are
/// printed in every finding and written to `accepted.yaml`) while any edit still changes it.
fn bounded_for_fingerprint(folded: String) -> String {
    if folded.len() <= 256 {
        return folded;
    }
    // FNV-1a, 64 bits: stable across releases and platforms, unlike std's hasher.
    let hash = folded.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut end = 200;
    while !folded.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…#{hash:016x}", &folded[..end])
}

macro_rules! rules {
    ($( $variant:ident => $code:literal, $sev:ident, $input:literal, $summary:literal, $fix:literal; )*) => {
        /// Every rule `check` can report. Codes are stable: scripts and acknowledged findings
        /// refer to them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $( $variant, )* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )* ];
            pub fn code(self) -> &'static str {
                match self { $( Rule::$variant => $code, )* }
            }
            pub fn default_severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$sev, )* }
            }
            /// Input errors mean the tool could not read what it was given (exit 2), as
            /// opposed to findings about the dossier's content (exit 1).
            pub fn is_input_error(self) -> bool {
                match self { $( Rule::$variant => $input, )* }
            }
            pub fn summary(self) -> &'static str {
                match self { $( Rule::$variant => $summary, )* }
            }
            pub fn fix(self) -> &'static str {
                match self { $( Rule::$variant => $fix, )* }
            }
            pub fn from_code(code: &str) -> Option<Rule> {
                match code { $( $code => Some(Rule::$variant), )* _ => None }
            }
        }
    };
}

rules! {
    Io => "io-error", Error, true,
        "A file of the dossier could not be read.",
        "Check that the file exists, is readable and is not a directory.";
    YamlSyntax => "syntax-error", Error, true,
        "The file is not well-formed YAML (or a JSON Lines line is not valid JSON), or exceeds a parser limit (nesting, aliases, size).",
        "Fix the file at the reported position; in YAML, quote values that contain ': ' or start with special characters.";
    Schema => "invalid-field", Error, true,
        "A field is unknown, missing, or has the wrong type.",
        "Use only the documented fields (see `corroborate schema`), with the types they take.";
    BadEncoding => "bad-encoding", Error, true,
        "A claim file is not valid UTF-8 text.",
        "Save the file as UTF-8.";
    FileTooLarge => "file-too-large", Error, true,
        "A file exceeds the size limit corroborate reads.",
        "Split the file, or use JSON Lines for machine-generated claims.";
    UnsafePath => "unsafe-path", Error, false,
        "A path is absolute, contains `..`, or leads outside the dossier root through a link.",
        "Keep every seed under the dossier root and write its path relative to the root, e.g. `seeds/article.txt`.";
    SeedMissing => "seed-missing", Error, false,
        "A source's text file does not exist or is not a regular text file.",
        "Add the article's text under `seeds/`, or correct the `text:` path.";
    DuplicateId => "duplicate-id", Error, false,
        "Two sources, two claims of one source, two entities or two properties share an id.",
        "Give each one a unique id; claim ids must be unique within their source.";
    UnknownSource => "unknown-source", Error, false,
        "`derived_from` names a source id that the dossier does not declare.",
        "Declare that source, or correct the id.";
    UnknownProperty => "unknown-property", Error, false,
        "A claim's property is not declared in `claims/properties.yaml`.",
        "Use a declared property or alias, or declare the property.";
    UnknownEntity => "unknown-entity", Error, false,
        "A claim's subject, or an entity value, is not declared in `claims/entities.yaml`.",
        "Use a declared entity or alias, or declare the entity with its aliases.";
    AmbiguousAlias => "ambiguous-alias", Error, false,
        "One alias names two different entities or properties.",
        "Remove the alias from one of them.";
    EmptyValue => "empty-value", Error, false,
        "A required text field is empty.",
        "Write what the source states, or remove the claim.";
    QuoteNotFound => "quote-not-found", Error, false,
        "A claim's quote does not occur in its source text.",
        "Copy the words exactly from the seed; join non-adjacent pieces with `...`.";
    MissingQuote => "missing-quote", Error, false,
        "A claim has no quote and the dossier requires one.",
        "Add the verbatim sentence the claim comes from.";
    UnparsedValue => "unparsed-value", Warning, false,
        "A value could not be understood as the property's kind.",
        "Run `corroborate normalize \"VALUE\"` to see how it is read, and rephrase it as the source states it.";
    InconsistentConversion => "inconsistent-conversion", Warning, false,
        "A value with its own conversion (\"510 miles (820 km)\") disagrees with itself.",
        "Check the figures against the source; if the source is wrong, note it.";
    BadDate => "invalid-date", Error, false,
        "A date field (published, as_of) is not a valid date.",
        "Write YYYY-MM-DD, YYYY-MM, YYYY or `unknown`.";
    Conflict => "conflict", Error, false,
        "Sources state values of one fact that cannot both be true.",
        "Check both quotes. If the disagreement is real, acknowledge it with a reason; if a claim is wrong, fix it.";
    FallingTotal => "falling-total", Warning, false,
        "A cumulative figure (a death toll) is lower than the figure before it in time.",
        "Check the `as_of` dates and the quotes; a cumulative total should not fall.";
    OrderUnknown => "order-unknown", Info, false,
        "Figures of a changing fact differ, but when each held cannot be ordered (coarse or unknown dates), so it is neither a revision nor a conflict.",
        "Add `as_of` (YYYY-MM-DD) to the claims, or `earlier: true` where the source itself calls a figure an earlier one.";
    InternalConflict => "internal-conflict", Error, false,
        "One source states two different values for the same fact at the same time (a headline and a body that disagree).",
        "Check both quotes; if the source gives an earlier figure, mark that claim `earlier: true`.";
    Contested => "contested", Warning, false,
        "A contested voice (hedged claimed, alleged or speculated, or attributed to an entity marked `party: true`) disputes the value the other sources state; it is set aside from the fact's verdict.",
        "Nothing to fix if the dispute is real: acknowledge it with a reason. Check the hedge and attribution if it is not.";
    WrongWeekday => "wrong-weekday", Warning, false,
        "A date names a weekday that the day does not fall on (\"Saturday, 7 January 2024\" was a Sunday).",
        "Check the date against the source; one of the weekday and the day is wrong.";
    NotComparable => "not-comparable", Info, false,
        "Values of one fact cannot be compared (different currencies, incompatible units).",
        "Add exchange rates to the dossier, or state the unit the property takes.";
    UndeclaredRelay => "undeclared-relay", Warning, false,
        "Two seed texts share long passages word for word but neither declares `derived_from`.",
        "Add `derived_from` to the source that relays the other, so it does not count as independent.";
    StaleAcknowledgement => "stale-acknowledgement", Warning, false,
        "An acknowledged finding no longer occurs.",
        "Remove the entry from the acknowledged-findings file.";
    PartOfCycle => "part-of-cycle", Error, false,
        "Entities are, through `part_of`, part of themselves.",
        "Remove the `part_of` link that closes the cycle; a part cannot contain its whole.";
    UnknownScope => "unknown-scope", Error, false,
        "`claims/scopes.yaml` names a scope in `part_of` or `total_of` that it does not declare, or a claim's scope is undeclared where `only_declared: true`.",
        "Declare the scope (id, name, aliases), or correct the name; run without `only_declared` to allow free-text scopes.";
    ScopeCycle => "scope-cycle", Error, false,
        "Scopes are, through `part_of` or `total_of`, parts of themselves.",
        "Remove the link that closes the cycle; a part cannot contain its whole.";
    TotalMismatch => "total-mismatch", Warning, false,
        "A total disagrees with its parts: the parts' figures add up to more than the total, or a total of declared parts cannot be their sum.",
        "Check the figures and their scopes; if the counts are from different moments, give them `as_of` dates.";
    InvalidRate => "invalid-rate", Error, false,
        "An exchange rate names an unknown currency, is not a positive number, or has a bad date.",
        "Write `pair: GBP/USD` with ISO 4217 codes the reader knows, a positive `rate`, and `date: YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `FIRST..LAST`.";
    InvalidUnit => "invalid-unit", Error, false,
        "A property declares a unit its kind cannot use (a unit of time on a quantity, a currency on a duration, any unit on a date or text).",
        "Use a unit of the property's kind (`years` for a duration, `km` or `people` for a quantity, a currency code for money), or change the kind.";
    ValueNotInQuote => "value-not-in-quote", Warning, false,
        "No figure, date or name in a claim's quote supports its value.",
        "Check the value against the quote: copy the figure the source states, or quote the sentence that states it.";
}

impl Rule {
    /// A small example of what triggers the rule.
    pub fn example(self) -> &'static str {
        match self {
            Rule::Io => "claims/a.yaml is a directory, or unreadable",
            Rule::YamlSyntax => "title: [unclosed",
            Rule::Schema => "valeu: 90   (unknown field), or a list where text belongs",
            Rule::BadEncoding => "a claim file saved as Latin-1",
            Rule::FileTooLarge => "a 100 MiB YAML claim file",
            Rule::UnsafePath => "text: ../../etc/passwd",
            Rule::SeedMissing => "text: seeds/missing.txt",
            Rule::DuplicateId => "two claims with `id: death-toll` in one source",
            Rule::UnknownSource => "derived_from: [no-such-source]",
            Rule::UnknownProperty => "property: deathtoll   (did you mean `death-toll`?)",
            Rule::UnknownEntity => "subject: Kerman atack   (did you mean `Kerman attack`?)",
            Rule::PartOfCycle => "iskp part_of [islamic-state], islamic-state part_of [iskp]",
            Rule::AmbiguousAlias => {
                "alias IS given to both Islamic State and Iran's security forces"
            }
            Rule::EmptyValue => "value: ''",
            Rule::QuoteNotFound => "quote: claimed over 80 lives   (the article says over 90)",
            Rule::MissingQuote => "a claim without `quote:`",
            Rule::UnparsedValue => "value: umpteen   (for a quantity)",
            Rule::InconsistentConversion => "value: 510 miles (920 km)",
            Rule::BadDate => "published: 2024-02-31",
            Rule::Conflict => "death toll \"17\" in one source, \"over 90\" in another",
            Rule::FallingTotal => "death toll 95 as of 2024-01-04, then 85 as of 2024-01-10",
            Rule::NotComparable => "cost £7 billion in one source, $9 billion in another",
            Rule::OrderUnknown => {
                "death toll 40 in a source published 2024-01, 52 in one published 2024-01-04"
            }
            Rule::InternalConflict => "one article: 40 killed in its headline, 52 in its body",
            Rule::Contested => {
                "death toll \"more than 300\" claimed by the perpetrators, 95 from officials"
            }
            Rule::WrongWeekday => "value: Saturday, 7 January 2024",
            Rule::UndeclaredRelay => {
                "two seed texts sharing a 40-word paragraph, neither with derived_from"
            }
            Rule::StaleAcknowledgement => "an accepted conflict whose claim was since corrected",
            Rule::UnknownScope => "part_of: [deaths-in-lybia]   (did you mean `deaths-in-libya`?)",
            Rule::ScopeCycle => "in-derna part_of [libya], libya part_of [in-derna]",
            Rule::TotalMismatch => {
                "toll 12,000 in Derna and 170 outside Derna, but a total of 4,000 in the same article"
            }
            Rule::InvalidRate => "pair: GBP/XYZ   (no such currency)",
            Rule::InvalidUnit => "kind: duration, unit: km",
            Rule::ValueNotInQuote => "value: 1,500   quote: ...destroyed 1,200 homes",
        }
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fingerprints_start_with_their_rule_code() {
        use super::{Fingerprint, Rule};
        let fp = Fingerprint::new(Rule::Io).part("claims/a.yaml").part(3);
        assert_eq!(fp.as_str(), "io-error:claims/a.yaml:3");
        assert_eq!(
            String::from(Fingerprint::new(Rule::SeedMissing).part("bbc").part("")),
            "seed-missing:bbc:"
        );
    }

    #[test]
    fn legacy_fingerprints_migrate_to_their_rule_code() {
        use super::Fingerprint;
        for (old, new) in [
            ("io:claims/a.yaml", "io-error:claims/a.yaml"),
            ("io:claims", "io-error:claims"),
            ("size:claims/big.yaml", "file-too-large:claims/big.yaml"),
            ("size:claims/x.jsonl:7", "file-too-large:claims/x.jsonl:7"),
            ("utf8:seeds/latin1.txt", "bad-encoding:seeds/latin1.txt"),
            (
                "empty:claims/a.yaml:source.title",
                "empty-value:claims/a.yaml:source.title",
            ),
            ("empty:bbc:c1:value", "empty-value:bbc:c1:value"),
            (
                "stale:io:claims/a.yaml",
                "stale-acknowledgement:io:claims/a.yaml",
            ),
        ] {
            assert_eq!(Fingerprint::migrate(old), new, "{old}");
        }
        // Current fingerprints, and prefixes that only begin like a legacy one, stay.
        for same in [
            "io-error:claims/a.yaml",
            "conflict:s:p::a/y=\"90\"",
            "sizes:x",
            "empty-value:bbc:c1:id",
            "io",
        ] {
            assert_eq!(Fingerprint::migrate(same), same);
        }
    }

    #[test]
    fn stated_values_fold_typography_but_not_symbols() {
        use super::fold_stated;
        assert_eq!(
            fold_stated("  Approximately\u{a0}25,000 "),
            "approximately 25,000"
        );
        assert_eq!(
            fold_stated("Iran\u{2019}s \u{201C}IRGC\u{201D}"),
            "iran's \"irgc\""
        );
        assert_eq!(fold_stated("80,000\u{2013}100,000"), "80,000-100,000");
        assert_ne!(fold_stated("£640m"), fold_stated("$640m"));
    }

    #[test]
    fn fact_fingerprints_sort_claims_and_quote_values() {
        let fp = super::fact_fingerprint(
            super::Rule::Conflict,
            "s",
            "p",
            "",
            [("b", "x", "Over 90"), ("a", "y", "say \"90\"")],
        );
        assert_eq!(fp, r#"conflict:s:p::a/y="say \"90\"",b/x="over 90""#);
    }
}
