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

/// Words in a shingle: a shared run this long is unlikely to be coincidence in news prose.
pub const SHINGLE_WORDS: usize = 8;
/// Keep one shingle hash in this many, so sketches stay small for long texts.
const SAMPLE: u64 = 4;

/// A sampled, sorted set of hashes of every run of [`SHINGLE_WORDS`] words in a folded
/// text. Two texts that share a long passage share many of these hashes.
pub fn sketch(folded: &str) -> Vec<u64> {
    // Each word (a run of alphanumeric characters) is hashed once (FNV-1a) as it is scanned;
    // a window's hash mixes its words' hashes by position. Bytes are classified by table;
    // only non-ASCII ones are decoded.
    const FNV: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    const SEPARATOR: u8 = 0;
    const ALNUM: u8 = 1;
    const WIDE: u8 = 2;
    const CLASS: [u8; 256] = {
        let mut t = [WIDE; 256];
        let mut b = 0;
        while b < 0x80 {
            t[b] = if (b as u8).is_ascii_alphanumeric() {
                ALNUM
            } else {
                SEPARATOR
            };
            b += 1;
        }
        t
    };
    let bytes = folded.as_bytes();
    let n = bytes.len();
    let mut window = [0u64; SHINGLE_WORDS];
    let mut words = 0usize;
    let mut out = Vec::with_capacity(n / 64);
    // The byte length of the character at `i`, and whether it is alphanumeric.
    let wide_alnum = |i: usize| -> (usize, bool) {
        folded
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .map_or((1, false), |c| (c.len_utf8(), c.is_alphanumeric()))
    };
    let mut i = 0;
    while i < n {
        while i < n && CLASS[usize::from(bytes[i])] == SEPARATOR {
            i += 1;
        }
        if i == n {
            break;
        }
        if CLASS[usize::from(bytes[i])] == WIDE {
            let (len, alnum) = wide_alnum(i);
            if !alnum {
                i += len;
                continue;
            }
        }
        // A word starts at `i`.
        let mut h = FNV;
        loop {
            while i < n && CLASS[usize::from(bytes[i])] == ALNUM {
                h = (h ^ u64::from(bytes[i])).wrapping_mul(PRIME);
                i += 1;
            }
            if i < n && CLASS[usize::from(bytes[i])] == WIDE {
                let (len, alnum) = wide_alnum(i);
                if alnum {
                    for &w in &bytes[i..i + len] {
                        h = (h ^ u64::from(w)).wrapping_mul(PRIME);
                    }
                    i += len;
                    continue;
                }
            }
            break;
        }
        window[words % SHINGLE_WORDS] = h;
        words += 1;
        if words >= SHINGLE_WORDS {
            let first = words - SHINGLE_WORDS;
            let mixed = (0..SHINGLE_WORDS).fold(0u64, |acc, k| {
                (acc.rotate_left(13) ^ window[(first + k) % SHINGLE_WORDS])
                    .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            });
            let mixed = mixed ^ (mixed >> 29);
            if mixed % SAMPLE == 0 {
                out.push(mixed);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::provenance::fold;

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

    /// The definition the streaming sketch must match: split into alphanumeric words, hash
    /// each, mix every window of eight, keep one in four.
    fn sketch_by_definition(folded: &str) -> Vec<u64> {
        let words: Vec<u64> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                w.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                })
            })
            .collect();
        let mut out: Vec<u64> = words
            .windows(SHINGLE_WORDS)
            .map(|w| {
                let h = w.iter().fold(0u64, |acc, &x| {
                    (acc.rotate_left(13) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                });
                h ^ (h >> 29)
            })
            .filter(|h| h % SAMPLE == 0)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn streaming_sketch_matches_its_definition() {
        let text = fold(&format!(
            "{TEXT} {TEXT} £7 billion, 25°C – naïve café ½ İstanbul {TEXT}"
        ));
        assert!(!sketch(&text).is_empty());
        assert_eq!(sketch(&text), sketch_by_definition(&text));
        assert_eq!(sketch(""), sketch_by_definition(""));
    }

    proptest::proptest! {
        #[test]
        fn streaming_sketch_matches_its_definition_on_any_text(
            text in "([a-zA-Z0-9]{1,6}|[ .,\n—–•é½İ’…\u{a0}\u{200b}]){0,120}"
        ) {
            let folded = fold(&text);
            proptest::prop_assert_eq!(sketch(&folded), sketch_by_definition(&folded));
        }
    }

    #[test]
    fn sketches_share_hashes_only_for_shared_passages() {
        let a = sketch(&fold(
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty",
        ));
        let b = sketch(&fold(
            "zero ONE two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty",
        ));
        let c = sketch(&fold(
            "entirely different words appear in this other text about something else entirely and nothing at all is shared here",
        ));
        let shared = |x: &[u64], y: &[u64]| x.iter().filter(|h| y.binary_search(h).is_ok()).count();
        assert_eq!(shared(&a, &b), a.len());
        assert_eq!(shared(&a, &c), 0);
    }

    const TEXT: &str = "The attack on January\u{a0}3 \u{2014} in Kerman \u{2014} claimed over 90 lives.\nIran\u{2019}s \u{201C}Revolutionary Guard\u{201D} said so.";
}
