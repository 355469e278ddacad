//! Each source's seed text read once: its claims' quotes checked against it, the sentence
//! around each kept for reports, a sketch taken for relay detection.

use super::assemble::duplicate_claim_ids;
use super::files::{read_text, resolve_seed};
use super::findings::SeedProblem;
use super::provenance::{self, FoldedText};
use super::{MAX_SEED_BYTES, Options, QuoteContext, Sketcher};
use crate::model::{Dossier, Finding, Problem, Source};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// What checking every source's quotes produced.
pub(super) struct Seeds {
    pub findings: Vec<Finding>,
    pub contexts: HashMap<u32, QuoteContext>,
    /// Per source, the sketch of its seed text (with a sketcher).
    pub sketches: Vec<Option<Vec<u64>>>,
    /// Seeds read.
    pub read: usize,
    pub quotes_checked: usize,
}

/// Reads every source's seed once, in parallel, and checks its claims' quotes against it.
pub(super) fn check_seeds(
    root: &Path,
    dossier: &Dossier,
    opts: &Options,
    sketch: Option<Sketcher>,
) -> Seeds {
    let mut per_source: Vec<Vec<u32>> = vec![Vec::new(); dossier.sources.len()];
    for (ci, c) in dossier.claims.iter().enumerate() {
        per_source[c.source as usize].push(u32::try_from(ci).unwrap_or(u32::MAX));
    }
    let seeds: Vec<SeedOut> = dossier
        .sources
        .par_iter()
        .zip(per_source.par_iter())
        .map(|(s, claims)| check_seed(root, dossier, s, claims, opts, sketch))
        .collect();
    let mut out = Seeds {
        findings: Vec::new(),
        contexts: HashMap::new(),
        sketches: Vec::with_capacity(seeds.len()),
        read: 0,
        quotes_checked: 0,
    };
    for so in seeds {
        out.findings.extend(so.findings);
        out.read += usize::from(so.seed_read);
        out.quotes_checked += so.quotes_checked;
        out.contexts.extend(so.contexts);
        out.sketches.push(so.sketch);
    }
    out
}

/// What checking one source's quotes against its seed produced.
#[derive(Default)]
struct SeedOut {
    findings: Vec<Finding>,
    contexts: Vec<(u32, QuoteContext)>,
    sketch: Option<Vec<u64>>,
    seed_read: bool,
    quotes_checked: usize,
}

/// Phase D: read one source's seed once, check the quotes of its claims, sketch it.
fn check_seed(
    root: &Path,
    d: &Dossier,
    s: &Source,
    claims: &[u32],
    opts: &Options,
    sketch: Option<Sketcher>,
) -> SeedOut {
    // Claim ids are unique per source: checked here, where one source's claims are at hand,
    // rather than by sorting all claims of the dossier.
    let mut out = SeedOut {
        findings: duplicate_claim_ids(d, s, claims),
        ..SeedOut::default()
    };
    let mut seed: Option<(FoldedText, String)> = None;
    // Each quote folded once, for both the index and the search.
    let folded_quotes: Vec<Option<String>> = claims
        .iter()
        .map(|&ci| d.claims[ci as usize].quote.as_deref().map(provenance::fold))
        .collect();
    match (&s.text, &s.text_loc) {
        (Some(text), Some(tloc)) => match resolve_seed(root, text) {
            Err(why) => out.findings.push(
                SeedProblem::UnsafePath {
                    source: &s.id,
                    path: text,
                    why,
                }
                .finding(Some(tloc.clone())),
            ),
            Ok(p) => {
                let seed_name: Arc<str> = Arc::from(text.as_str());
                match std::fs::metadata(&p) {
                    Err(_) => out.findings.push(
                        SeedProblem::Missing {
                            source: &s.id,
                            path: text,
                        }
                        .finding(Some(tloc.clone())),
                    ),
                    Ok(m) if !m.is_file() => out.findings.push(
                        SeedProblem::NotAFile {
                            source: &s.id,
                            path: text,
                        }
                        .finding(Some(tloc.clone())),
                    ),
                    Ok(_) => match read_text(&p, &seed_name, MAX_SEED_BYTES) {
                        Ok(raw) => {
                            let quotes: Vec<&str> =
                                folded_quotes.iter().filter_map(|q| q.as_deref()).collect();
                            seed = Some((FoldedText::with_expected_quotes(&raw, &quotes), raw));
                            out.seed_read = true;
                        }
                        // The problem is in the seed, but the fix starts at the claim file.
                        Err(f) => out
                            .findings
                            .push(f.with_related(tloc.clone(), "the seed named here")),
                    },
                }
            }
        },
        _ if !d.quotes_optional => out
            .findings
            .push(SeedProblem::NoneNamed { source: &s.id }.finding(Some(s.loc.clone()))),
        _ => {}
    }
    if let (Some((folded, _)), Some(sketch)) = (&seed, sketch) {
        out.sketch = Some(sketch(&folded.folded));
    }
    for (&ci, folded_quote) in claims.iter().zip(&folded_quotes) {
        let c = &d.claims[ci as usize];
        match (folded_quote, &seed) {
            (None, _) if !d.quotes_optional => out.findings.push(
                SeedProblem::MissingQuote {
                    source: &s.id,
                    claim: &c.id,
                }
                .finding(Some(c.locs.claim())),
            ),
            (Some(q), Some((folded, raw))) => {
                out.quotes_checked += 1;
                match folded.find_folded_in(q, Some(raw)) {
                    Ok(found) => {
                        if opts.quote_contexts {
                            out.contexts.push((
                                ci,
                                sentence_around(
                                    raw,
                                    found.start,
                                    found.end,
                                    folded.line_of(found.start),
                                ),
                            ));
                        }
                    }
                    Err(miss) => {
                        let seed_name = s.text.as_deref().unwrap_or("");
                        let help = match miss.line {
                            Some(l) => {
                                format!("closest passage: {seed_name}:{l}: {}", miss.explanation)
                            }
                            None => miss.explanation,
                        };
                        out.findings.push(
                            SeedProblem::QuoteNotFound {
                                source: &s.id,
                                claim: &c.id,
                                seed: seed_name,
                            }
                            .finding(Some(c.locs.quote()))
                            .with_help(help),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The sentence containing a quote, for reports that show the quote in context.
fn sentence_around(text: &str, start: usize, end: usize, line: u32) -> QuoteContext {
    let (s, e) = crate::text::sentence_bounds(text, start, end);
    QuoteContext {
        line,
        sentence: text[s..e].to_string(),
        start: start.saturating_sub(s).min(e - s),
        end: end.saturating_sub(s).min(e - s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_context_is_cut_at_sentence_ends() {
        let text = "First one. The attack claimed over 90 lives. Next.";
        let start = text.find("over 90").unwrap();
        let ctx = sentence_around(text, start, start + 7, 1);
        assert_eq!(ctx.sentence, "The attack claimed over 90 lives.");
        assert_eq!(&ctx.sentence[ctx.start..ctx.end], "over 90");
    }
}
