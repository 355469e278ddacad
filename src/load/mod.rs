//! Reading a dossier from disk: claim files, vocabularies and seed texts, with path safety,
//! size limits and quote provenance.
//!
//! Each claim file is read, parsed and checked against its seed in one pass (in parallel
//! across files), and its raw text is dropped afterwards, so memory holds the claims, not
//! the files.

mod assemble;
mod files;
mod findings;
mod git;
pub mod jsonl;
mod lines;
mod parse;
pub mod provenance;
mod recover;
pub mod schema;
mod seeds;
mod stream;
pub mod vocabulary;
pub mod yaml;

pub use crate::model::QuoteContext;
pub use files::{display_prefix, inside_root, resolve_seed};
pub use git::repo_prefix;
pub use lines::FileLines;
pub use parse::parse_claim_bytes;
pub use vocabulary::vocab_nodes;

use crate::model::{Dossier, Finding, Loc};
use files::{claim_files, extension};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use yaml::{EntitiesFile, PropertiesFile};

/// Deepest YAML nesting accepted; claim files need four levels.
pub const MAX_NESTING: usize = 32;
/// Most anchors/aliases in one file; claim files need none, so this only stops alias bombs.
pub const MAX_ALIASES: usize = 1_000;
/// Largest claim or vocabulary file read.
pub const MAX_CLAIM_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest seed text read.
pub const MAX_SEED_BYTES: u64 = 32 * 1024 * 1024;

pub const ENTITIES_FILE: &str = "entities.yaml";
pub const PROPERTIES_FILE: &str = "properties.yaml";
pub const ACCEPTED_FILE: &str = "accepted.yaml";
/// Source headers in JSON Lines, for dossiers whose claims are in JSON Lines.
pub const SOURCES_JSONL: &str = "sources.jsonl";
/// Entities as JSON Lines, for vocabularies too large to write (or parse quickly) as YAML.
pub const ENTITIES_JSONL: &str = "entities.jsonl";
/// Largest JSON Lines file read (it is streamed, so this bounds time, not memory).
pub const MAX_JSONL_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Reasons the dossier as a whole cannot be read (exit 2).
#[derive(Debug)]
pub enum LoadError {
    Root(PathBuf, std::io::Error),
    NoClaimsDir(PathBuf),
    /// `claims/` is a symbolic link that leads outside the dossier root.
    ClaimsOutside(PathBuf),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Root(p, e) => write!(f, "cannot open dossier root {}: {e}", p.display()),
            LoadError::NoClaimsDir(p) => write!(
                f,
                "{} has no claims/ folder: run corroborate in a dossier's root, pass its path, or create one with `corroborate init`",
                p.display()
            ),
            LoadError::ClaimsOutside(p) => write!(
                f,
                "{} is a symbolic link that leads outside the dossier root; it was not read (make claims/ a folder of the dossier)",
                crate::text::one_line(&p.display().to_string())
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// What loading produced: the dossier, and every problem found on the way.
pub struct Loaded {
    pub root: PathBuf,
    pub dossier: Dossier,
    pub findings: Vec<Finding>,
    /// Per source: the sentence around each claim's quote, by claim index, where found.
    pub quote_contexts: HashMap<u32, QuoteContext>,
    /// Per source, a compact sketch of its seed text for relay detection (`None` for each when
    /// loaded without a [`Sketcher`]).
    pub sketches: Vec<Option<Vec<u64>>>,
    /// Acknowledged findings: fingerprint, reason, where the entry is.
    pub accepted: Vec<Accepted>,
    pub stats: LoadStats,
    /// What could not be read, so that acknowledgements about it are not called stale.
    pub incomplete: Incomplete,
}

/// The parts of a dossier that input errors left out.
#[derive(Debug, Clone, Default)]
pub struct Incomplete {
    /// A file was left out whose sources are unknown (or a vocabulary): anything may be missing.
    pub unknown: bool,
    /// Sources whose files were read only in part.
    pub sources: Vec<String>,
}

impl Incomplete {
    /// Whether findings about this source may be missing because of input errors.
    pub fn covers(&self, source: &str) -> bool {
        self.unknown || self.sources.iter().any(|s| s == source)
    }
}

/// One entry of the acknowledged-findings file.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub fingerprint: String,
    pub reason: String,
    pub loc: Loc,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct LoadStats {
    pub files: usize,
    pub seeds: usize,
    pub quotes_checked: usize,
    /// Wall time of the loading phases (parsing files, assembling the dossier, checking
    /// quotes against seeds), for benchmarks and profiling.
    pub timings: [(&'static str, std::time::Duration); 3],
}

/// What loading can skip when the caller does not need it.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Keep the sentence around each quote (reports show it; `check` does not need it).
    pub quote_contexts: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            quote_contexts: true,
        }
    }
}

/// Loads the dossier rooted at `root`.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    load_with(root, &Options::default())
}

/// Loads the dossier rooted at `root`, skipping what `opts` says is not needed. Seeds are not
/// sketched: see [`load_sketching`].
pub fn load_with(root: &Path, opts: &Options) -> Result<Loaded, LoadError> {
    load_sketching(root, opts, None)
}

/// Sketches a folded seed text for comparing seeds with one another (relay detection, whose
/// concern it is, passes `compare::relay::sketch`): seeds are read once, while loading, and
/// dropped afterwards, so whatever later stages need of their text is taken then.
pub type Sketcher = fn(&str) -> Vec<u64>;

/// [`load_with`], with each seed text that was read also sketched by `sketch`, in
/// [`Loaded::sketches`].
pub fn load_sketching(
    root: &Path,
    opts: &Options,
    sketch: Option<Sketcher>,
) -> Result<Loaded, LoadError> {
    let root = root
        .canonicalize()
        .map_err(|e| LoadError::Root(root.to_path_buf(), e))?;
    let claims_dir = root.join("claims");
    if !claims_dir.is_dir() {
        return Err(LoadError::NoClaimsDir(root));
    }
    if !inside_root(&root, &claims_dir) {
        return Err(LoadError::ClaimsOutside(claims_dir));
    }
    let mut findings = Vec::new();
    let started = std::time::Instant::now();
    let files = claim_files(&root, &claims_dir, &mut findings);
    // Phases A and B: the vocabularies and every claim file, parsed in parallel; each file's
    // text is dropped once parsed. A large entity list is one YAML file, so it is parsed
    // beside the claim files rather than before them.
    let ((props, ents, accepted, scopes, rates), parsed) = rayon::join(
        || {
            let props = vocabulary::load_vocab::<PropertiesFile>(
                &root,
                &claims_dir.join(PROPERTIES_FILE),
                &mut findings,
                recover::recover_properties,
            );
            let mut ents = vocabulary::load_vocab::<EntitiesFile>(
                &root,
                &claims_dir.join(ENTITIES_FILE),
                &mut findings,
                recover::recover_entities,
            )
            .map(|(name, e, offsets)| vocabulary::entity_defs(&name, e, &offsets))
            .unwrap_or_default();
            ents.extend(stream::load_entity_lines(
                &root,
                &claims_dir.join(ENTITIES_JSONL),
                &mut findings,
            ));
            let accepted = vocabulary::load_vocab::<yaml::AcceptedFile>(
                &root,
                &claims_dir.join(ACCEPTED_FILE),
                &mut findings,
                recover::no_recovery,
            );
            let scopes = vocabulary::load_scopes(&root, &claims_dir, &mut findings);
            let rates = vocabulary::load_rates(&root, &claims_dir, &mut findings);
            (props, ents, accepted, scopes, rates)
        },
        || -> Vec<parse::FileOut> {
            files
                .par_iter()
                .map(|p| {
                    if extension(p) == Some("jsonl") {
                        stream::parse_jsonl_file(&root, p)
                    } else {
                        parse::parse_yaml_file(&root, p)
                    }
                })
                .collect()
        },
    );
    let quotes_optional = props.as_ref().is_some_and(|(_, p, _)| p.quotes_optional);
    let accepted = accepted
        .map(|(name, f, _)| {
            f.accepted
                .into_iter()
                .map(|e| Accepted {
                    loc: yaml::loc(&name, &e),
                    fingerprint: e.value.fingerprint.trim().to_string(),
                    reason: e.value.reason.trim().to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    let date_order = props.as_ref().and_then(|(_, p, _)| p.date_order);
    let mut dossier = Dossier {
        quotes_optional,
        date_order,
        scopes: scopes.scopes,
        only_declared_scopes: scopes.only_declared,
        rates,
        ..Dossier::default()
    };
    if let Some((name, p, offsets)) = props {
        dossier.properties = vocabulary::property_defs(&name, p, &offsets, &mut findings);
    }
    dossier.entities = ents;
    findings.extend(vocabulary::part_of_cycles(&dossier.entities));

    // Phase C: sources first (every file), then claims, which may name a source of another file.
    let mut stats = LoadStats {
        files: files.len(),
        ..LoadStats::default()
    };
    stats.timings[0] = ("parse", started.elapsed());
    let started = std::time::Instant::now();
    let incomplete = assemble::assemble(&mut dossier, parsed, &mut findings);
    stats.timings[1] = ("assemble", started.elapsed());
    let started = std::time::Instant::now();
    // Phase D: each seed read and folded once, its claims' quotes checked, then dropped.
    let seeds = seeds::check_seeds(&root, &dossier, opts, sketch);
    findings.extend(seeds.findings);
    stats.seeds = seeds.read;
    stats.quotes_checked = seeds.quotes_checked;
    let (quote_contexts, sketches) = (seeds.contexts, seeds.sketches);
    stats.timings[2] = ("seeds", started.elapsed());
    Ok(Loaded {
        root,
        dossier,
        findings,
        quote_contexts,
        sketches,
        accepted,
        stats,
        incomplete,
    })
}
