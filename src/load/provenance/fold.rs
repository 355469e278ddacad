//! Folding: both a seed text and a quote are folded the same way (whitespace runs to one
//! space, typographic quotes and dashes to ASCII, letters to lower case), the seed with the
//! way back from each folded byte to the original text and its lines.

use super::index::{piece_keys, word_index};

/// A seed text folded once, with the way back to original byte offsets and lines.
pub struct FoldedText {
    pub folded: String,
    /// For the first eight bytes of each expected quote piece, where the text has them at a
    /// word start (ascending): finds a quote without scanning the whole text for each of a
    /// source's many quotes.
    pub(super) word_index: rustc_hash::FxHashMap<u64, Vec<u32>>,
    /// Where each byte of `folded` came from, kept only where the simple rule "one byte on,
    /// one byte on" breaks (collapsed whitespace, characters folded to other bytes): a few
    /// marks per paragraph instead of four bytes per byte of text.
    origin: Vec<OriginMark>,
    /// Length of the original text, the origin of the end of `folded`.
    original_len: u32,
    /// Original offset and byte length of every character wider than one byte, so a match
    /// that ends on one ends after all of its bytes.
    wide: Vec<(u32, u8)>,
    line_starts: Vec<u32>,
}

/// From folded offset `folded` on, folded bytes map to original bytes from `original` on,
/// one to one; or, when `fixed`, all to `original` itself (the bytes of one folded character).
#[derive(Debug, Clone, Copy)]
struct OriginMark {
    folded: u32,
    original: u32,
    fixed: bool,
}

fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => {
            out.push('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => out.push('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => out.push('-'),
        '\u{2026}' => out.push_str("..."),
        // Soft hyphen and zero-width characters are invisible in the article as read.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => {}
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// Bytes that fold to themselves but for case: visible ASCII other than the backtick.
const PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x21;
    while b < 0x7F {
        t[b] = b != 0x60;
        b += 1;
    }
    t
};

/// The end of the stretch starting at `start` of plain bytes with single spaces between
/// them (`start` itself if it starts none). Most news text is such ASCII words, which fold
/// to themselves in lower case: a stretch is found with one table lookup per byte, then
/// copied and lowered in one go.
#[inline(always)]
fn plain_stretch(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    loop {
        while i < bytes.len() && PLAIN[usize::from(bytes[i])] {
            i += 1;
        }
        if i > start && i + 1 < bytes.len() && bytes[i] == b' ' && PLAIN[usize::from(bytes[i + 1])]
        {
            i += 1;
            continue;
        }
        return i;
    }
}

/// Folds a short string (a quote) the same way seed texts are folded.
pub fn fold(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut i = 0;
    while i < bytes.len() {
        // Most quotes are one plain stretch.
        let start = i;
        i = plain_stretch(bytes, start);
        if i > start {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            let at = out.len();
            out.push_str(&text[start..i]);
            out[at..].make_ascii_lowercase();
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c.is_ascii_graphic() {
            // A backtick, the one visible ASCII character a stretch leaves out.
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(if c == '`' {
                '\''
            } else {
                c.to_ascii_lowercase()
            });
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        // Characters that fold to nothing (zero-width ones) neither end nor start a word.
        let before = out.len();
        fold_char(c, &mut out);
        if pending_space && out.len() > before {
            out.insert(before, ' ');
            pending_space = false;
        }
    }
    out
}

impl FoldedText {
    pub fn new(text: &str) -> FoldedText {
        Self::with_expected_quotes(text, &[])
    }

    /// Folds `text`, indexed for the `quotes` (already folded with [`fold`]) that will be
    /// looked up in it, when there are enough of them for an index to pay for itself.
    pub fn with_expected_quotes(text: &str, quotes: &[&str]) -> FoldedText {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut folded: Vec<u8> = Vec::with_capacity(n);
        let mut origin: Vec<OriginMark> = Vec::new();
        // The original offset the next folded byte has under the last mark, if it is linear.
        let mut expect: Option<u32> = None;
        let mut line_starts = vec![0u32];
        let mut wide = Vec::new();
        let mut pending_space: Option<u32> = None;
        let mut buf = String::new();
        let at32 = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        // Records that `len` folded bytes about to be pushed come from `at` on.
        let linear = |origin: &mut Vec<OriginMark>,
                      expect: &mut Option<u32>,
                      folded_len: usize,
                      at: u32,
                      len: usize| {
            if *expect != Some(at) {
                origin.push(OriginMark {
                    folded: at32(folded_len),
                    original: at,
                    fixed: false,
                });
            }
            *expect = Some(at.saturating_add(at32(len)));
        };
        let mut i = 0;
        while i < n {
            let start = i;
            i = plain_stretch(bytes, start);
            if i > start {
                if let Some(sp) = pending_space.take() {
                    linear(&mut origin, &mut expect, folded.len(), sp, 1);
                    folded.push(b' ');
                }
                linear(
                    &mut origin,
                    &mut expect,
                    folded.len(),
                    at32(start),
                    i - start,
                );
                let at = folded.len();
                folded.extend_from_slice(&bytes[start..i]);
                folded[at..].make_ascii_lowercase();
                continue;
            }
            let b = bytes[i];
            if b.is_ascii() {
                if b.is_ascii_whitespace() || b == 0x0B {
                    if b == b'\n' {
                        line_starts.push(at32(i + 1));
                    }
                    if !folded.is_empty() && pending_space.is_none() {
                        pending_space = Some(at32(i));
                    }
                    i += 1;
                    continue;
                }
                if let Some(sp) = pending_space.take() {
                    linear(&mut origin, &mut expect, folded.len(), sp, 1);
                    folded.push(b' ');
                }
                // What a plain stretch leaves: a backtick (folded to an apostrophe) with the
                // visible ASCII after it, or a control character, kept as it is.
                let run = i;
                while i < n && bytes[i].is_ascii_graphic() {
                    i += 1;
                }
                if i == run {
                    // An ASCII control character other than whitespace: kept as it is.
                    i += 1;
                }
                linear(&mut origin, &mut expect, folded.len(), at32(run), i - run);
                folded.extend(bytes[run..i].iter().map(|&c| {
                    if c == b'`' {
                        b'\''
                    } else {
                        c.to_ascii_lowercase()
                    }
                }));
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let at = at32(i);
            i += c.len_utf8();
            wide.push((at, u8::try_from(c.len_utf8()).unwrap_or(1)));
            if c.is_whitespace() {
                if !folded.is_empty() && pending_space.is_none() {
                    pending_space = Some(at);
                }
                continue;
            }
            buf.clear();
            fold_char(c, &mut buf);
            if buf.is_empty() {
                continue;
            }
            if let Some(sp) = pending_space.take() {
                linear(&mut origin, &mut expect, folded.len(), sp, 1);
                folded.push(b' ');
            }
            origin.push(OriginMark {
                folded: at32(folded.len()),
                original: at,
                fixed: true,
            });
            expect = None;
            folded.extend_from_slice(buf.as_bytes());
        }
        // Only whole characters were pushed, so this cannot fail; an empty text is the
        // harmless fallback.
        let folded = String::from_utf8(folded).unwrap_or_default();
        // Scanning costs about quotes × length; the index costs one pass over the words.
        // Build it only when scanning would cost more.
        let word_index = if quotes.len().saturating_mul(folded.len()) > 16 * folded.len().max(4096)
        {
            let mut keys = Vec::with_capacity(quotes.len());
            for q in quotes {
                piece_keys(q, &mut keys);
            }
            word_index(&folded, &keys)
        } else {
            rustc_hash::FxHashMap::default()
        };
        FoldedText {
            folded,
            word_index,
            origin,
            original_len: at32(n),
            wide,
            line_starts,
        }
    }

    /// The original byte range a folded range `[start, end)` came from (`end > start`).
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (
            self.original(start),
            self.original_end(end.saturating_sub(1)),
        )
    }

    /// 1-based line of an original byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        let off = u32::try_from(offset).unwrap_or(u32::MAX);
        let idx = self.line_starts.partition_point(|&s| s <= off);
        u32::try_from(idx).unwrap_or(u32::MAX).max(1)
    }

    /// The original offset just after the character that folded byte `folded_offset` came from.
    pub(super) fn original_end(&self, folded_offset: usize) -> usize {
        let o = self.original(folded_offset);
        let o32 = u32::try_from(o).unwrap_or(u32::MAX);
        match self.wide.binary_search_by_key(&o32, |&(at, _)| at) {
            Ok(i) => o + usize::from(self.wide[i].1),
            Err(_) => o + 1,
        }
    }

    pub(super) fn original(&self, folded_offset: usize) -> usize {
        if folded_offset >= self.folded.len() {
            // Just past the end of the folded text: the end of the last character it came from.
            return match folded_offset.checked_sub(1) {
                Some(last) => self.original_end(last),
                None => 0,
            };
        }
        let f = u32::try_from(folded_offset).unwrap_or(u32::MAX);
        let k = self.origin.partition_point(|m| m.folded <= f);
        match k.checked_sub(1).map(|k| self.origin[k]) {
            Some(m) if m.fixed => m.original as usize,
            Some(m) => (m.original + (f - m.folded)) as usize,
            None => 0,
        }
        .min(self.original_len as usize)
    }
}
