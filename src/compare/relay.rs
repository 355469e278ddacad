//! Detecting sources that relay one another: seed texts that share long word-for-word
//! passages. Uses the sampled shingle sketches computed while loading, through an inverted
//! index (hash -> sources), so only pairs that share something are ever counted.

use rayon::prelude::*;

/// Two sources that share passages.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Relay {
    pub a: u32,
    pub b: u32,
    /// Shared sampled shingles (each stands for about four shared 8-word runs).
    pub shared: usize,
}

/// Sampled shingles two texts must share to count as relaying: with one shingle in four kept,
/// about two dozen shared runs of eight words, i.e. a passage of thirty words or more. Fewer
/// is what two reports quoting the same short statement share.
pub const MIN_SHARED: usize = 6;
/// A shingle found in more sources than this is boilerplate ("Please enter your comment"),
/// not evidence of copying.
const MAX_POSTINGS: usize = 8;

/// A sampled shingle hash and the source whose text has it.
type Posting = (u64, u32);

pub fn detect(sketches: &[Option<Vec<u64>>]) -> Vec<Relay> {
    // (hash, source) pairs sorted by hash: each run of one hash lists the sources sharing it.
    // Millions of postings on a large dossier: each source's share of one buffer is filled
    // in parallel rather than appended on one thread.
    let total: usize = sketches.iter().flatten().map(Vec::len).sum();
    let mut postings: Vec<Posting> = vec![(0, 0); total];
    let mut parts: Vec<(u32, &[u64], &mut [Posting])> = Vec::with_capacity(sketches.len());
    let mut rest: &mut [Posting] = &mut postings;
    for (i, s) in sketches.iter().enumerate() {
        let hashes = s.as_deref().unwrap_or(&[]);
        let (mine, tail) = rest.split_at_mut(hashes.len());
        parts.push((i as u32, hashes, mine));
        rest = tail;
    }
    parts.into_par_iter().for_each(|(i, hashes, out)| {
        for (slot, &h) in out.iter_mut().zip(hashes) {
            *slot = (h, i);
        }
    });
    postings.par_sort_unstable();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    while i < postings.len() {
        let mut j = i + 1;
        while j < postings.len() && postings[j].0 == postings[i].0 {
            j += 1;
        }
        let run = &postings[i..j];
        if run.len() >= 2 && run.len() <= MAX_POSTINGS {
            for (k, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in &run[k + 1..] {
                    if a != b {
                        pairs.push((a.min(b), a.max(b)));
                    }
                }
            }
        }
        i = j;
    }
    pairs.par_sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i + 1;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        if j - i >= MIN_SHARED {
            out.push(Relay {
                a: pairs[i].0,
                b: pairs[i].1,
                shared: j - i,
            });
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::provenance::{fold, sketch};

    #[test]
    fn shared_passages_are_found_and_unrelated_texts_are_not() {
        let passage = "the attack claimed the lives of over ninety people with hundreds more injured \
                       and triggered calls for the dismissal of the interior minister who was appointed \
                       deputy commander of the law enforcement forces by the supreme leader himself; \
                       many of his peers in government are calling for his immediate removal while \
                       others argue that the confidence of the leadership will keep him in office";
        let a = sketch(&fold(&format!(
            "Analysis. {passage}. More analysis follows here."
        )));
        let b = sketch(&fold(&format!("News report: {passage}. Other news.")));
        let c = sketch(&fold(
            "A completely different article about elections, markets and the weather in spring.",
        ));
        let found = detect(&[Some(a), Some(b), Some(c), None]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].a, found[0].b), (0, 1));
    }
}
