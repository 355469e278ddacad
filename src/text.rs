//! Small pure text utilities shared by several stages.

use std::borrow::Cow;

pub mod yaml;

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

/// Whether `text` holds a character [`is_hidden`] names (newlines allowed when
/// `newlines_ok`), scanning plain ASCII bytewise and decoding only the rest.
pub fn any_hidden(text: &str, newlines_ok: bool) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII sixteen bytes at a time: the fold has no early exit, so it compiles
        // to vector compares; a block with anything else is looked at byte by byte.
        if let Some(block) = bytes.get(i..i + 16)
            && block
                .iter()
                .fold(true, |ok, &b| ok & (b.wrapping_sub(0x20) < 0x5f))
        {
            i += 16;
            continue;
        }
        let b = bytes[i];
        if b < 0x80 {
            if (b < 0x20 && !(newlines_ok && b == b'\n')) || b == 0x7f {
                return true;
            }
            i += 1;
            continue;
        }
        match text[i..].chars().next() {
            Some(c) if is_hidden(c) => return true,
            Some(c) => i += c.len_utf8(),
            None => break,
        }
    }
    false
}

/// Characters that change how text reads without being seen: controls (C0, DEL, C1), bidi
/// embeddings, overrides and isolates, zero-width and other format characters, fillers that
/// render as blanks, variation selectors, tag characters and noncharacters.
pub fn is_hidden(c: char) -> bool {
    // Most text is ASCII, where only the controls hide; this runs on every character of
    // every output (hundreds of megabytes for a million-claim JSON report).
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    let u = u32::from(c);
    c.is_control()
        || matches!(
            u,
            0x00AD
                | 0x034F
                | 0x0600..=0x0605
                | 0x061C
                | 0x06DD
                | 0x070F
                | 0x0890..=0x0891
                | 0x08E2
                | 0x115F..=0x1160
                | 0x17B4..=0x17B5
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x2028..=0x202E
                | 0x2060..=0x206F
                | 0x2800
                | 0x3164
                | 0xFDD0..=0xFDEF
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFA0
                | 0xFFF0..=0xFFFB
                | 0x110BD
                | 0x110CD
                | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0000..=0xE0FFF
        )
        // The two noncharacters at the end of every plane.
        || (u & 0xFFFE) == 0xFFFE
}

fn escape_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
        }
    }
}

fn escape_where(text: &str, hide: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&hide) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hide(c) {
            escape_char(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for a terminal or a log, line breaks kept: every hidden character is shown as
/// `\u{202E}` (tabs as `\t`).
pub fn visible(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && is_hidden(c))
}

/// Text that must stay on one line (a diagnostic's title, a `brief` line, a file name): line
/// breaks are shown as `\n` too, so a value can never start a line of its own.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape_where(text, is_hidden)
}

/// A YAML double-quoted scalar holding exactly `text`, the one way every writer (extract,
/// import, accept) puts text into YAML. Quotes, backslashes and every character YAML forbids
/// or a reader could trip on (controls, DEL, C1, line separators, bidi and zero-width
/// characters, noncharacters) are written as escapes, so the file is printable and loads back
/// to the same string.
pub fn yaml_quoted(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if crate::text::is_hidden(c) => {
                let u = u32::from(c);
                if u <= 0xFFFF {
                    let _ = write!(out, "\\u{u:04X}");
                } else {
                    let _ = write!(out, "\\U{u:08X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
    fn any_hidden_matches_its_definition() {
        for t in [
            "plain ascii",
            "line\nbreak",
            "tab\there",
            "del\u{7f}",
            "bidi \u{202E}x",
            "caf\u{e9} \u{2014} ok",
            "zero\u{200B}width",
            "\u{85}c1",
            "",
            "日本語",
        ] {
            for nl in [false, true] {
                let plain = t.chars().any(|c| (!nl || c != '\n') && super::is_hidden(c));
                assert_eq!(super::any_hidden(t, nl), plain, "{t:?} {nl}");
            }
        }
    }

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
