//! Small pure text utilities shared by several stages.

/// Byte bounds of the sentence around `start..end`: cut at `.`, `!` or `?` followed by a
/// space, or at a line break, and at most ~300 bytes either side.
pub fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let start = start.min(bytes.len());
    let end = end.clamp(start, bytes.len());
    let mut s = start;
    while s > 0 && start - s < 300 {
        let b = bytes[s - 1];
        if b == b'\n' || (matches!(b, b'.' | b'!' | b'?') && bytes.get(s) == Some(&b' ')) {
            break;
        }
        s -= 1;
    }
    let mut e = end;
    while e < bytes.len() && e - end < 300 {
        let b = bytes[e];
        if b == b'\n' {
            break;
        }
        e += 1;
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(e).is_none_or(|&n| n == b' ' || n == b'\n')
        {
            break;
        }
    }
    while s < bytes.len() && !text.is_char_boundary(s) {
        s += 1;
    }
    while e > s && !text.is_char_boundary(e) {
        e -= 1;
    }
    // Trim surrounding whitespace inside the bounds.
    let inner = &text[s..e];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    (s + lead, e - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_sentence_ends_and_lines() {
        let t = "First one. The attack claimed over 90 lives. Next.\nOther line";
        let a = t.find("over 90").unwrap();
        let (s, e) = sentence_bounds(t, a, a + 7);
        assert_eq!(&t[s..e], "The attack claimed over 90 lives.");
        let b = t.find("Other").unwrap();
        let (s, e) = sentence_bounds(t, b, b + 5);
        assert_eq!(&t[s..e], "Other line");
    }

    #[test]
    fn never_splits_a_character() {
        let t = "é".repeat(400);
        let (s, e) = sentence_bounds(&t, 300, 302);
        assert!(t.is_char_boundary(s) && t.is_char_boundary(e));
    }
}
