//! Does a claim's quote occur in its source text?
//!
//! Both sides are folded the same way: runs of whitespace (non-breaking spaces included)
//! become one space, typographic quotes and dashes become ASCII, letters become lower case.
//! Nothing else is forgiven. An elision marker (`...` or `…`) joins verbatim pieces that must
//! occur in order.

mod fold;
mod index;

pub use fold::{FoldedText, fold};

use index::{pieces, prefix_key};
use memchr::memmem;

/// Where a quote was found: original byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
}

/// Why a quote was not found, and what the source says instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// 1-based line in the seed of the closest passage, if any passage resembles the quote.
    pub line: Option<u32>,
    pub explanation: String,
}

impl FoldedText {
    /// An occurrence of `piece` at or after `from`: with `indexed`, the first one at a word
    /// start if there is one (an earlier one inside a word may exist); otherwise, and always
    /// when nothing starts a word, the leftmost one.
    fn find_from(&self, piece: &str, from: usize, indexed: bool) -> Option<usize> {
        let hay = self.folded.as_bytes();
        if indexed
            && piece.len() >= 8
            && let Some(starts) = self.word_index.get(&prefix_key(piece.as_bytes()))
        {
            let lo = starts.partition_point(|&p| (p as usize) < from);
            // Many sentences of a text may start alike ("The minister said"): a candidate's
            // last eight bytes are compared first, as one word, before the whole piece.
            let pb = piece.as_bytes();
            let tail = prefix_key(&pb[pb.len() - 8..]);
            for &p in &starts[lo..] {
                let p = p as usize;
                let end = p + pb.len();
                if end <= hay.len() && prefix_key(&hay[end - 8..end]) == tail && hay[p..end] == *pb
                {
                    return Some(p);
                }
            }
        }
        memmem::find(&hay[from..], piece.as_bytes()).map(|at| from + at)
    }

    /// Finds `quote` (unfolded) in the text; pieces separated by an ellipsis must appear in order.
    pub fn find(&self, quote: &str) -> Result<Found, Miss> {
        self.find_folded(&fold(quote))
    }

    /// [`FoldedText::find`] for a quote already folded with [`fold`].
    pub fn find_folded(&self, folded_quote: &str) -> Result<Found, Miss> {
        self.find_folded_in(folded_quote, None)
    }

    /// [`FoldedText::find_folded`], with the original text this was folded from, so that a
    /// miss quotes the source as written (case, quotes and dashes), not its folded form.
    pub fn find_folded_in(&self, folded_quote: &str, raw: Option<&str>) -> Result<Found, Miss> {
        let pieces: Vec<&str> = pieces(folded_quote).collect();
        if pieces.is_empty() {
            return Err(Miss {
                line: None,
                explanation: "the quote is empty".into(),
            });
        }
        let mut from = 0;
        let mut start = None;
        // Pieces joined by an ellipsis must each be found leftmost, or a later occurrence of
        // one could leave no room for the next; a lone piece may be found anywhere.
        let indexed = pieces.len() == 1;
        for piece in &pieces {
            match self.find_from(piece, from, indexed) {
                Some(at) => {
                    start.get_or_insert(at);
                    from = at + piece.len();
                }
                None => return Err(self.explain_miss(piece, from, raw)),
            }
        }
        Ok(Found {
            start: self.original(start.unwrap_or(0)),
            end: self.original_end(from.saturating_sub(1)),
        })
    }

    /// Locates the passage closest to a piece that was not found: the longest prefix or
    /// suffix of the piece that does occur, and what follows it in the source.
    fn explain_miss(&self, piece: &str, from: usize, raw: Option<&str>) -> Miss {
        // The source as written after (or before) a folded offset, its whitespace collapsed,
        // falling back to the folded text.
        let after = |f: usize| -> String {
            let folded = &self.folded[f.min(self.folded.len())..];
            let text = raw
                .and_then(|r| r.get(self.original(f)..))
                .unwrap_or(folded);
            let end = text.char_indices().nth(200).map_or(text.len(), |(i, _)| i);
            collapse(&text[..end])
        };
        let before = |f: usize| -> String {
            let folded = &self.folded[..f.min(self.folded.len())];
            let text = raw
                .and_then(|r| r.get(..self.original(f)))
                .unwrap_or(folded);
            let start = text.char_indices().rev().nth(200).map_or(0, |(i, _)| i);
            collapse(&text[start..])
        };
        let hay = &self.folded.as_bytes()[from..];
        let bounds: Vec<usize> = piece
            .char_indices()
            .map(|(i, _)| i)
            .chain([piece.len()])
            .collect();
        // Occurrence is monotone in prefix length, so binary search finds the longest one.
        let longest = |f: &dyn Fn(usize) -> Option<usize>| -> (usize, usize) {
            let (mut lo, mut hi) = (0usize, bounds.len() - 1);
            let mut best = (0, 0);
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                match f(mid) {
                    Some(pos) => {
                        best = (mid, pos);
                        lo = mid;
                    }
                    None => hi = mid - 1,
                }
            }
            best
        };
        let (p, ppos) = longest(&|k| memmem::find(hay, &piece.as_bytes()[..bounds[k]]));
        let (s, spos) = longest(&|k| {
            let start = bounds[bounds.len() - 1 - k];
            memmem::rfind(hay, &piece.as_bytes()[start..])
        });
        let prefix_len = bounds[p];
        let suffix_len = piece.len() - bounds[bounds.len() - 1 - s];
        let min_useful = 12.min(piece.len());
        if prefix_len.max(suffix_len) < min_useful {
            return Miss {
                line: None,
                explanation: format!(
                    "no passage of the source resembles «{}»",
                    clip(piece, 60, false)
                ),
            };
        }
        if prefix_len >= suffix_len {
            // Show the difference from the start of the word where it begins ("90" vs "91",
            // not "0" vs "1").
            let prefix_len = match piece[..prefix_len].rfind(' ') {
                Some(sp) if prefix_len < piece.len() && sp > 0 => sp + 1,
                _ => prefix_len,
            };
            let at = from + ppos;
            let text_rest = after(at + prefix_len);
            let quote_rest = &piece[prefix_len..];
            Miss {
                line: Some(self.line_of(self.original(at))),
                explanation: format!(
                    "the source matches up to «{}», then has «{}» where the quote has «{}»",
                    clip(&piece[..prefix_len], 30, true),
                    clip(&text_rest, 30, false),
                    clip(quote_rest, 30, false)
                ),
            }
        } else {
            let end = from + spos;
            let quote_head = &piece[..piece.len() - suffix_len];
            let text_head = before(end);
            Miss {
                line: Some(self.line_of(self.original(end))),
                explanation: format!(
                    "the source has «{}» before «{}», where the quote has «{}»",
                    clip(&text_head, 30, true),
                    clip(&piece[piece.len() - suffix_len..], 30, false),
                    clip(quote_head, 30, true)
                ),
            }
        }
    }
}

/// Shortens text for a message, keeping its start or (with `tail`) its end.
/// `text` with each run of whitespace (line breaks among them) as one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn clip(text: &str, max_chars: usize, tail: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    if n <= max_chars {
        return text.to_string();
    }
    // Cut between words where one ends within reach, so the reader sees words, not pieces.
    if tail {
        let mut skip = n - max_chars;
        if !chars[skip - 1].is_whitespace()
            && let Some(k) = chars[skip..]
                .iter()
                .take(max_chars / 2)
                .position(|c| c.is_whitespace())
        {
            skip += k + 1;
        }
        format!("…{}", chars[skip..].iter().collect::<String>())
    } else {
        let mut take = max_chars;
        if !chars[take].is_whitespace()
            && let Some(k) = chars[..take]
                .iter()
                .rposition(|c| c.is_whitespace())
                .filter(|&k| k >= max_chars / 2)
        {
            take = k;
        }
        format!("{}…", chars[..take].iter().collect::<String>().trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_miss_quotes_the_source_as_written() {
        let raw = "Officials said “95”\n  died. The Council met.";
        let t = FoldedText::new(raw);
        let miss = t
            .find_folded_in(&fold("officials said \"96\" died"), Some(raw))
            .unwrap_err();
        assert!(
            miss.explanation.contains("«“95” died. The Council met.»"),
            "{}",
            miss.explanation
        );
    }

    #[test]
    fn clipped_excerpts_end_between_words() {
        assert_eq!(
            clip("12 people, officials said. the council blamed", 28, false),
            "12 people, officials said.…"
        );
        assert_eq!(
            clip(
                "engineers estimated that repairs would cost about",
                30,
                true
            ),
            "…that repairs would cost about"
        );
        assert_eq!(clip("short", 30, false), "short");
        // A single long word is still cut: there is no boundary to cut at.
        assert_eq!(
            clip(&"x".repeat(40), 10, false),
            format!("{}…", "x".repeat(10))
        );
    }

    proptest::proptest! {
        #[test]
        fn seed_texts_and_quotes_fold_alike(
            text in "([a-zA-Z0-9`]{1,5}|[ .,\n\t\r\u{1}—–é½İ’…\u{a0}\u{200b}]|  ){0,60}"
        ) {
            proptest::prop_assert_eq!(FoldedText::new(&text).folded, fold(&text));
        }

        #[test]
        fn a_found_quote_maps_back_to_text_that_folds_to_it(
            text in "([a-zA-Z0-9]{1,5}|[ .,\n\t—–é½İ’…\u{a0}\u{200b}]|  ){1,60}",
            a in 0usize..400,
            len in 1usize..60,
        ) {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let a = a % chars.len();
            let b = (a + len).min(chars.len());
            let start = chars[a].0;
            let end = chars.get(b).map_or(text.len(), |c| c.0);
            let quote = &text[start..end];
            let fq = fold(quote);
            // Quotes that fold to nothing or only to an elision marker are not searched.
            proptest::prop_assume!(fq.split("...").any(|p| !p.trim().is_empty()) && !fq.contains("..."));
            let t = FoldedText::new(&text);
            let f = t.find(quote);
            proptest::prop_assert!(f.is_ok(), "{quote:?} not found in {text:?}");
            let f = f.unwrap();
            proptest::prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            // A quote may match part of what one character folds to ("." in "…"), so the
            // text found folds to the quote or to something around it.
            let back = fold(&text[f.start..f.end]);
            proptest::prop_assert!(back.contains(fq.trim()), "{back:?} vs {fq:?}");
        }
    }

    const TEXT: &str = "The attack on January\u{a0}3 \u{2014} in Kerman \u{2014} claimed over 90 lives.\nIran\u{2019}s \u{201C}Revolutionary Guard\u{201D} said so.";

    #[test]
    fn folds_whitespace_quotes_dashes_and_case() {
        let t = FoldedText::new(TEXT);
        assert!(t.find("the attack on January 3 - in Kerman").is_ok());
        assert!(t.find("IRAN'S \"revolutionary   guard\"").is_ok());
        assert!(t.find("claimed over 90 lives. Iran").is_ok());
    }

    #[test]
    fn elision_joins_pieces_in_order_only() {
        let t = FoldedText::new(TEXT);
        assert!(t.find("The attack ... claimed over 90 lives").is_ok());
        assert!(t.find("The attack … said so").is_ok());
        assert!(t.find("claimed over 90 lives ... The attack").is_err());
    }

    #[test]
    fn nothing_else_is_forgiven() {
        let t = FoldedText::new(TEXT);
        let miss = t.find("claimed over 80 lives").unwrap_err();
        assert_eq!(miss.line, Some(1));
        assert!(miss.explanation.contains("«9"), "{}", miss.explanation);
        assert!(t.find("The attack on January 3, in Kerman").is_err());
    }

    #[test]
    fn the_word_index_finds_what_a_scan_finds() {
        let text: String = (0..300)
            .map(|i| format!("The minister said that figure {i} was right.\n"))
            .collect();
        let quotes: Vec<String> = (0..300)
            .step_by(7)
            .map(|i| fold(&format!("the minister said that figure {i} was right")))
            .chain([
                fold("the minister said that figure 999 was right"),
                fold("The minister said ... figure 14 was"),
                fold("figure 21 was right. The minister"),
            ])
            .collect();
        let refs: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let indexed = FoldedText::with_expected_quotes(&text, &refs);
        assert!(!indexed.word_index.is_empty());
        let scanned = FoldedText::new(&text);
        for q in &quotes {
            assert_eq!(indexed.find_folded(q), scanned.find_folded(q), "{q}");
        }
        assert!(indexed.find_folded(&quotes[quotes.len() - 3]).is_err());
    }

    #[test]
    fn a_match_inside_a_folded_character_maps_to_the_whole_character() {
        let text = "wait\u{2026} then";
        let f = FoldedText::new(text).find(".").unwrap();
        assert_eq!(&text[f.start..f.end], "\u{2026}");
    }

    #[test]
    fn found_range_maps_back_to_original_offsets() {
        let t = FoldedText::new(TEXT);
        let f = t.find("over 90 lives").unwrap();
        assert_eq!(&TEXT[f.start..f.end], "over 90 lives");
        let f = t.find("iran's").unwrap();
        assert_eq!(&TEXT[f.start..f.end], "Iran\u{2019}s");
        assert_eq!(t.line_of(f.start), 2);
    }

    #[test]
    fn a_quote_nothing_like_the_text_says_so() {
        let t = FoldedText::new(TEXT);
        let miss = t.find("zzzz qqqq wwww xxxx").unwrap_err();
        assert_eq!(miss.line, None);
    }
}
