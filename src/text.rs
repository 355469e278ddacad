//! Small pure text utilities shared by several stages.

/// `1 source`, `2 sources`: a count with its noun in the right number.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Byte bounds of the sentence around `start..end`: cut at `.`, `!` or `?` followed by a
/// space, or at a line break, and at most ~300 bytes either side.
pub fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    // A period after a short capitalised word ("Jan.", "Gen.", "Dr.") or inside an initialism
    // ("U.S.") abbreviates; it does not end the sentence.
    let ends_sentence = |dot: usize| -> bool {
        let before = &text[..dot];
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        let abbreviation = word.contains('.')
            || (word.len() <= 3 && word.chars().next().is_some_and(char::is_uppercase));
        !abbreviation
    };
    let start = start.min(bytes.len());
    let end = end.clamp(start, bytes.len());
    let mut s = start;
    while s > 0 && start - s < 300 {
        let b = bytes[s - 1];
        if b == b'\n'
            || (matches!(b, b'.' | b'!' | b'?')
                && bytes.get(s) == Some(&b' ')
                && (b != b'.' || ends_sentence(s - 1)))
        {
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
        if matches!(b, b'.' | b'!' | b'?')
            && bytes.get(e).is_none_or(|&n| n == b' ' || n == b'\n')
            && (b != b'.' || ends_sentence(e - 1))
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

/// An id made of lower-case letters, digits and single dashes ("Outlet Name!" -> "outlet-name").
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_are_tidy() {
        assert_eq!(super::slug("  A1Books / Store!! "), "a1books-store");
        assert_eq!(super::slug("***"), "");
    }

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
    fn abbreviations_do_not_end_sentences() {
        let t = "Intro. People walk to the grave of Gen. Qassem Soleimani, Thursday, Jan. 4, 2024. Next one.";
        let a = t.find("Thursday").unwrap();
        let (s, e) = sentence_bounds(t, a, a + 8);
        assert_eq!(
            &t[s..e],
            "People walk to the grave of Gen. Qassem Soleimani, Thursday, Jan. 4, 2024."
        );
        let u = "He met U.S. officials today. Then left.";
        let (s, e) = sentence_bounds(u, 7, 11);
        assert_eq!(&u[s..e], "He met U.S. officials today.");
    }

    #[test]
    fn wide_whitespace_before_a_period_is_handled() {
        let t = "x\u{2007}Ab. More";
        let (s, e) = sentence_bounds(t, 0, 1);
        assert!(t.is_char_boundary(s) && t.is_char_boundary(e));
    }

    #[test]
    fn never_splits_a_character() {
        let t = "é".repeat(400);
        let (s, e) = sentence_bounds(&t, 300, 302);
        assert!(t.is_char_boundary(s) && t.is_char_boundary(e));
    }
}
