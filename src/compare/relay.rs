//! Detecting sources that relay one another: seed texts that share long word-for-word
//! passages. Uses the sampled shingle sketches computed while loading, through an inverted
//! index (hash -> sources), so only pairs that share something are ever counted.

use std::collections::HashMap;

/// Two sources that share passages.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Relay {
    pub a: u32,
    pub b: u32,
    /// Shared sampled shingles (each stands for about four shared 8-word runs).
    pub shared: usize,
}

/// Sampled shingles two texts must share to count as relaying: about a dozen shared runs of
/// eight words, i.e. a passage of roughly twenty words or more.
pub const MIN_SHARED: usize = 3;
/// A shingle found in more sources than this is boilerplate ("Please enter your comment"),
/// not evidence of copying.
const MAX_POSTINGS: usize = 8;

pub fn detect(sketches: &[Option<Vec<u64>>]) -> Vec<Relay> {
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, s) in sketches.iter().enumerate() {
        for &h in s.iter().flatten() {
            postings.entry(h).or_default().push(i as u32);
        }
    }
    let mut pairs: HashMap<(u32, u32), usize> = HashMap::new();
    for list in postings.values() {
        if list.len() < 2 || list.len() > MAX_POSTINGS {
            continue;
        }
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                *pairs.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    let mut out: Vec<Relay> = pairs
        .into_iter()
        .filter(|&(_, n)| n >= MIN_SHARED)
        .map(|((a, b), shared)| Relay { a, b, shared })
        .collect();
    out.sort_by_key(|r| (r.a, r.b));
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
                       deputy commander of the law enforcement forces by the supreme leader himself";
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
