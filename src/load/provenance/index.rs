//! The word index of a folded seed text: where the words that begin expected quote pieces
//! start, so that a source's many quotes are found without a scan of the text for each.

pub(super) fn prefix_key(bytes: &[u8]) -> u64 {
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
pub(super) fn word_index(folded: &str, wanted: &[u64]) -> rustc_hash::FxHashMap<u64, Vec<u32>> {
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
pub(super) fn pieces(folded: &str) -> impl Iterator<Item = &str> {
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
pub(super) fn piece_keys(folded: &str, out: &mut Vec<u64>) {
    out.extend(
        pieces(folded)
            .filter(|p| p.len() >= 8)
            .map(|p| prefix_key(p.as_bytes())),
    );
}
