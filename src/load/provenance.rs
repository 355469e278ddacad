//! Does a claim's quote occur in its source text?
//!
//! Both sides are folded the same way: runs of whitespace (non-breaking spaces included)
//! become one space, typographic quotes and dashes become ASCII, letters become lower case.
//! Nothing else is forgiven. An elision marker (`...` or `…`) joins verbatim pieces that must
//! occur in order.

use memchr::memmem;

/// A seed text folded once, with the way back to original byte offsets and lines.
pub struct FoldedText {
    pub folded: String,
    /// For the first eight bytes of each expected quote piece, where the text has them at a
    /// word start (ascending): finds a quote without scanning the whole text for each of a
    /// source's many quotes.
    word_index: rustc_hash::FxHashMap<u64, Vec<u32>>,
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

fn prefix_key(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(k) => u64::from_le_bytes(*k),
        None => {
            let mut k = [0u8; 8];
            k[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(k)
        }
    }
}

/// Word starts of a folded text whose eight bytes begin one of the `wanted` pieces: one pass
/// with a hash lookup per word, instead of sorting every word of the text.
fn word_index(folded: &str, wanted: &[u64]) -> rustc_hash::FxHashMap<u64, Vec<u32>> {
    let mut index: rustc_hash::FxHashMap<u64, Vec<u32>> =
        wanted.iter().map(|&k| (k, Vec::new())).collect();
    // A bit per 16-bit slice of a wanted key: nearly every word of the text is ruled out by
    // one bit test instead of a hash lookup.
    let mut maybe = vec![0u64; 1024];
    let slot = |k: u64| (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize;
    for &k in wanted {
        maybe[slot(k) / 64] |= 1 << (slot(k) % 64);
    }
    let b = folded.as_bytes();
    for (i, w) in b.windows(8).enumerate() {
        if i > 0 && b[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        let k = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        if maybe[slot(k) / 64] & (1 << (slot(k) % 64)) != 0
            && let Some(list) = index.get_mut(&k)
        {
            list.push(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
    index
}

/// The verbatim pieces of a folded quote, which an elision marker (`...`) separates.
fn pieces(folded: &str) -> impl Iterator<Item = &str> {
    // Most quotes have no elision: one piece, without a substring search per quote.
    let b = folded.as_bytes();
    let elided = memchr::memchr_iter(b'.', b).any(|i| b[i..].starts_with(b"..."));
    let (whole, split) = if elided {
        (None, Some(folded.split("...")))
    } else {
        (Some(folded), None)
    };
    whole
        .into_iter()
        .chain(split.into_iter().flatten())
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// The index keys of a folded quote: the first eight bytes of each of its pieces long enough.
fn piece_keys(folded: &str, out: &mut Vec<u64>) {
    out.extend(
        pieces(folded)
            .filter(|p| p.len() >= 8)
            .map(|p| prefix_key(p.as_bytes())),
    );
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
    fn original_end(&self, folded_offset: usize) -> usize {
        let o = self.original(folded_offset);
        let o32 = u32::try_from(o).unwrap_or(u32::MAX);
        match self.wide.binary_search_by_key(&o32, |&(at, _)| at) {
            Ok(i) => o + usize::from(self.wide[i].1),
            Err(_) => o + 1,
        }
    }

    fn original(&self, folded_offset: usize) -> usize {
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

    #[test]
    fn a_quote_nothing_like_the_text_says_so() {
        let t = FoldedText::new(TEXT);
        let miss = t.find("zzzz qqqq wwww xxxx").unwrap_err();
        assert_eq!(miss.line, None);
    }
}
