//! The findings loading reports, as data: one type per family (a file as a file, a field's
//! value, ids and the references between sources, seeds and quotes). Each renders its
//! message and builds its fingerprint, keyed by its rule, from the same data.

use super::{MAX_CLAIM_FILE_BYTES, MAX_JSONL_FILE_BYTES, SOURCES_JSONL};
use crate::model::{Fingerprint, Problem, Rule};

/// What is wrong with a file as a file.
pub(super) enum FileProblem<'a> {
    /// Its metadata or its bytes could not be read.
    Unreadable(&'a std::io::Error),
    /// The folder could not be listed.
    Unlisted(&'a std::io::Error),
    NotAFile,
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// Not UTF-8: the first bad byte's offset.
    NotUtf8 {
        offset: usize,
    },
    /// A JSON Lines line over the limit of one claim file.
    LineTooLong {
        line: u32,
        bytes: u64,
    },
    /// A JSON Lines file over its limit.
    StreamTooLarge,
    LineNotUtf8 {
        line: u32,
    },
    /// A symbolic link that leads outside the dossier root.
    Outside,
}

impl<'a> FileProblem<'a> {
    /// This problem, of the file named `file` (relative to the dossier root).
    pub(super) fn of(self, file: &'a str) -> InFile<'a> {
        InFile {
            file,
            problem: self,
        }
    }
}

/// A [`FileProblem`] of one file.
pub(super) struct InFile<'a> {
    file: &'a str,
    problem: FileProblem<'a>,
}

impl Problem for InFile<'_> {
    fn message(&self) -> String {
        let name = self.file;
        match &self.problem {
            FileProblem::Unreadable(e) => format!("cannot read {name}: {e}"),
            FileProblem::Unlisted(e) => format!("cannot list {name}/: {e}"),
            FileProblem::NotAFile => format!("{name} is not a regular file"),
            FileProblem::TooLarge { bytes, limit } => {
                format!("{name} is {bytes} bytes; the limit is {limit} bytes")
            }
            FileProblem::NotUtf8 { offset } => {
                format!("{name} is not valid UTF-8 (first bad byte at offset {offset})")
            }
            FileProblem::LineTooLong { line, bytes } => format!(
                "line {line} of {name} is {bytes} bytes long; the limit for one line is {MAX_CLAIM_FILE_BYTES} bytes"
            ),
            FileProblem::StreamTooLarge => {
                format!("{name} exceeds {MAX_JSONL_FILE_BYTES} bytes; split it into several files")
            }
            FileProblem::LineNotUtf8 { line } => {
                format!("line {line} of {name} is not valid UTF-8")
            }
            FileProblem::Outside => format!(
                "{name} is a symbolic link that leads outside the dossier root; it was not read"
            ),
        }
    }

    fn fingerprint(&self) -> Fingerprint {
        let fp = |rule| Fingerprint::new(rule).part(self.file);
        match &self.problem {
            FileProblem::Unreadable(_) | FileProblem::Unlisted(_) | FileProblem::NotAFile => {
                fp(Rule::Io)
            }
            FileProblem::TooLarge { .. } | FileProblem::StreamTooLarge => fp(Rule::FileTooLarge),
            FileProblem::LineTooLong { line, .. } => fp(Rule::FileTooLarge).part(line),
            FileProblem::NotUtf8 { .. } => fp(Rule::BadEncoding),
            FileProblem::LineNotUtf8 { line } => fp(Rule::BadEncoding).part(line),
            FileProblem::Outside => fp(Rule::UnsafePath),
        }
    }

    fn help(&self) -> Option<String> {
        matches!(self.problem, FileProblem::Outside).then(|| Rule::UnsafePath.fix().to_string())
    }
}

/// A field whose value is empty or not a date.
pub(super) enum FieldProblem<'a> {
    /// A source header's `id`, `title` or `publisher` in claim file `file`.
    EmptySourceField {
        file: &'a str,
        field: &'a str,
    },
    EmptyClaimField {
        source: &'a str,
        claim: &'a str,
        field: &'a str,
    },
    BadPublished {
        file: &'a str,
        value: &'a str,
    },
    BadAsOf {
        source: &'a str,
        claim: &'a str,
        value: &'a str,
    },
}

impl Problem for FieldProblem<'_> {
    fn message(&self) -> String {
        match self {
            FieldProblem::EmptySourceField { field, .. } => {
                format!("the source's `{field}` is empty")
            }
            FieldProblem::EmptyClaimField { claim, field, .. } => {
                format!("claim `{claim}` has an empty `{field}`")
            }
            FieldProblem::BadPublished { value, .. } => {
                format!("`published: {value}` is not a valid date")
            }
            FieldProblem::BadAsOf { value, .. } => format!("`as_of: {value}` is not a valid date"),
        }
    }

    fn fingerprint(&self) -> Fingerprint {
        match self {
            FieldProblem::EmptySourceField { file, field } => Fingerprint::new(Rule::EmptyValue)
                .part(file)
                .part(format_args!("source.{field}")),
            FieldProblem::EmptyClaimField {
                source,
                claim,
                field,
            } => Fingerprint::new(Rule::EmptyValue)
                .part(source)
                .part(claim)
                .part(field),
            FieldProblem::BadPublished { file, value } => {
                Fingerprint::new(Rule::BadDate).part(file).part(value)
            }
            FieldProblem::BadAsOf { source, claim, .. } => {
                Fingerprint::new(Rule::BadDate).part(source).part(claim)
            }
        }
    }
}

/// Ids used twice, and sources named but not declared.
pub(super) enum Reference<'a> {
    DuplicateSource {
        id: &'a str,
    },
    DuplicateClaim {
        source: &'a str,
        claim: &'a str,
    },
    /// A JSON Lines claim names a source no file declares.
    UnknownClaimSource {
        claim: &'a str,
        source: &'a str,
    },
    UnknownDerivedFrom {
        source: &'a str,
        derived: &'a str,
    },
}

impl Problem for Reference<'_> {
    fn message(&self) -> String {
        match self {
            Reference::DuplicateSource { id } => format!("source id `{id}` is already declared"),
            Reference::DuplicateClaim { source, claim } => {
                format!("claim id `{claim}` is used twice in source `{source}`")
            }
            Reference::UnknownClaimSource { claim, source } => format!(
                "claim `{claim}` names source `{source}`, which is not declared (in a YAML claim file or claims/{SOURCES_JSONL})"
            ),
            Reference::UnknownDerivedFrom { source, derived } => {
                format!("source `{source}` is derived from `{derived}`, which is not declared")
            }
        }
    }

    fn fingerprint(&self) -> Fingerprint {
        match self {
            Reference::DuplicateSource { id } => {
                Fingerprint::new(Rule::DuplicateId).part("source").part(id)
            }
            Reference::DuplicateClaim { source, claim } => Fingerprint::new(Rule::DuplicateId)
                .part("claim")
                .part(source)
                .part(claim),
            Reference::UnknownClaimSource { claim, source } => {
                Fingerprint::new(Rule::UnknownSource)
                    .part(source)
                    .part(claim)
            }
            Reference::UnknownDerivedFrom { source, derived } => {
                Fingerprint::new(Rule::UnknownSource)
                    .part(source)
                    .part(derived)
            }
        }
    }
}

/// What is wrong with a source's seed text or a claim's quote.
pub(super) enum SeedProblem<'a> {
    /// The `text:` path is refused (`why` says how).
    UnsafePath {
        source: &'a str,
        path: &'a str,
        why: String,
    },
    Missing {
        source: &'a str,
        path: &'a str,
    },
    NotAFile {
        source: &'a str,
        path: &'a str,
    },
    /// The source names no seed, and the dossier requires quotes.
    NoneNamed {
        source: &'a str,
    },
    MissingQuote {
        source: &'a str,
        claim: &'a str,
    },
    QuoteNotFound {
        source: &'a str,
        claim: &'a str,
        seed: &'a str,
    },
}

impl Problem for SeedProblem<'_> {
    fn message(&self) -> String {
        match self {
            SeedProblem::UnsafePath { why, .. } => why.clone(),
            SeedProblem::Missing { path, .. } => format!("seed text `{path}` does not exist"),
            SeedProblem::NotAFile { path, .. } => {
                format!("seed text `{path}` is not a regular file")
            }
            SeedProblem::NoneNamed { source } => {
                format!("source `{source}` names no `text:` file, so its quotes cannot be checked")
            }
            SeedProblem::MissingQuote { claim, .. } => format!("claim `{claim}` has no `quote`"),
            SeedProblem::QuoteNotFound { claim, seed, .. } => {
                format!("the quote of claim `{claim}` does not occur in {seed}")
            }
        }
    }

    fn fingerprint(&self) -> Fingerprint {
        match self {
            SeedProblem::UnsafePath { source, path, .. } => {
                Fingerprint::new(Rule::UnsafePath).part(source).part(path)
            }
            SeedProblem::Missing { source, path } | SeedProblem::NotAFile { source, path } => {
                Fingerprint::new(Rule::SeedMissing).part(source).part(path)
            }
            SeedProblem::NoneNamed { source } => {
                Fingerprint::new(Rule::SeedMissing).part(source).part("")
            }
            SeedProblem::MissingQuote { source, claim } => Fingerprint::new(Rule::MissingQuote)
                .part(source)
                .part(claim),
            SeedProblem::QuoteNotFound { source, claim, .. } => {
                Fingerprint::new(Rule::QuoteNotFound)
                    .part(source)
                    .part(claim)
            }
        }
    }

    fn help(&self) -> Option<String> {
        match self {
            SeedProblem::UnsafePath { .. } => Some(Rule::UnsafePath.fix().to_string()),
            SeedProblem::MissingQuote { .. } => Some(Rule::MissingQuote.fix().to_string()),
            _ => None,
        }
    }
}

/// What is wrong in a vocabulary: scopes, units, `part_of` links.
pub(super) enum VocabProblem<'a> {
    DuplicateScope {
        id: &'a str,
    },
    /// A second scope says `unscoped: true`.
    SecondUnscoped {
        first: &'a str,
        second: &'a str,
    },
    UnknownScope {
        scope: &'a str,
        target: &'a str,
        field: &'a str,
        /// A declared scope id close to `target`.
        near: Option<&'a str>,
    },
    /// Scopes that are, through their links, parts of themselves, in order.
    ScopeCycle {
        scopes: Vec<&'a str>,
    },
    InvalidUnit {
        property: &'a str,
        unit: &'a str,
        why: String,
    },
    /// An entity that is part of itself: the path shown (at most 12 links, `more` left out),
    /// and the cycle's smallest id, which names it whichever entity it is found from.
    PartOfCycle {
        entity: &'a str,
        path: Vec<&'a str>,
        more: usize,
        first: &'a str,
    },
}

impl Problem for VocabProblem<'_> {
    fn message(&self) -> String {
        match self {
            VocabProblem::DuplicateScope { id } => format!("scope id `{id}` is declared twice"),
            VocabProblem::SecondUnscoped { first, second } => format!(
                "scopes `{first}` and `{second}` both say `unscoped: true`; claims without a scope can count only one"
            ),
            VocabProblem::UnknownScope {
                scope,
                target,
                field,
                near,
            } => format!(
                "scope `{scope}` lists `{target}` in `{field}`, but no scope has that id{}",
                near.map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default()
            ),
            VocabProblem::ScopeCycle { scopes } => format!(
                "scopes are parts of themselves: {} -> {}",
                scopes.join(" -> "),
                scopes.first().copied().unwrap_or("")
            ),
            VocabProblem::InvalidUnit {
                property,
                unit,
                why,
            } => format!("property `{property}` declares `unit: {unit}`, but {why}"),
            VocabProblem::PartOfCycle {
                entity, path, more, ..
            } => format!(
                "`{entity}` is part of itself through part_of: {}{}",
                path.join(" -> "),
                if *more > 0 {
                    format!(" (and {more} more)")
                } else {
                    String::new()
                }
            ),
        }
    }

    fn fingerprint(&self) -> Fingerprint {
        match self {
            VocabProblem::DuplicateScope { id } => {
                Fingerprint::new(Rule::DuplicateId).part("scope").part(id)
            }
            VocabProblem::SecondUnscoped { second, .. } => Fingerprint::new(Rule::DuplicateId)
                .part("scope-unscoped")
                .part(second),
            VocabProblem::UnknownScope { scope, target, .. } => {
                Fingerprint::new(Rule::UnknownScope)
                    .part(scope)
                    .part(target)
            }
            VocabProblem::ScopeCycle { scopes } => {
                Fingerprint::new(Rule::ScopeCycle).part(scopes.join(","))
            }
            VocabProblem::InvalidUnit { property, .. } => {
                Fingerprint::new(Rule::InvalidUnit).part(property)
            }
            VocabProblem::PartOfCycle { first, .. } => {
                Fingerprint::new(Rule::PartOfCycle).part(first)
            }
        }
    }

    fn help(&self) -> Option<String> {
        let rule = match self {
            VocabProblem::DuplicateScope { .. } | VocabProblem::SecondUnscoped { .. } => {
                return None;
            }
            VocabProblem::UnknownScope { .. } => Rule::UnknownScope,
            VocabProblem::ScopeCycle { .. } => Rule::ScopeCycle,
            VocabProblem::InvalidUnit { .. } => Rule::InvalidUnit,
            VocabProblem::PartOfCycle { .. } => Rule::PartOfCycle,
        };
        Some(rule.fix().to_string())
    }
}
