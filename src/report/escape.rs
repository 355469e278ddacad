//! One escaping layer per output channel. Everything a dossier supplies (values, names, file
//! names, seed sentences) is untrusted: it may carry terminal escape sequences, bidirectional
//! overrides that reorder what a reviewer reads, zero-width characters, workflow commands that
//! a CI runner would execute, or Markdown and HTML that a pull-request comment would render.
//! Each channel's renderer passes every such string through exactly one function here.

use std::borrow::Cow;

pub use crate::text::{is_hidden, one_line, visible};

/// Makes a log safe for a GitHub Actions runner, which executes a line that starts (after
/// spaces) with `::` and any `##[` it sees. The text's hidden characters are expected to be
/// escaped already; this only breaks the two command markers, visibly.
pub fn github_log(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("::") {
            out.push_str("> ");
        }
        if line.contains("##[") {
            out.push_str(&line.replace("##[", "##\\["));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The same data in JSON text with hidden characters and `##[` written as `\u` escapes, so a
/// JSON report shown in a terminal or a CI log carries nothing that acts there. JSON's
/// structure is ASCII, so every such character is inside a string, where the escape is the
/// same value.
pub fn json_text(text: &str) -> Cow<'_, str> {
    if !crate::text::any_hidden(text, true) && !has_command_marker(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("##[") {
            out.push_str("#\\u0023[");
            rest = &rest[3..];
            continue;
        }
        if c != '\n' && is_hidden(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                use std::fmt::Write as _;
                let _ = write!(out, "\\u{:04x}", u);
            }
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// Whether `text` holds `##[`. Runs on every string of a report, mostly short ones, where a
/// byte search for the rare `#` beats a general substring search.
fn has_command_marker(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        rest = &rest[at + 1..];
        if rest.starts_with("#[") {
            return true;
        }
    }
    false
}

/// serde_json's pretty layout (two spaces per level) for a value that sits `base` levels deep
/// in a larger document, with every string written through [`json_text`]: one pass renders an
/// element of a long report array, already indented and safe, instead of pretty-printing,
/// re-indenting and scanning the result again.
pub(crate) struct SafePretty {
    base: usize,
    level: usize,
    has_value: bool,
}

impl SafePretty {
    pub(crate) fn at(base: usize) -> Self {
        SafePretty {
            base,
            level: 0,
            has_value: false,
        }
    }

    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        w.write_all(b"\n")?;
        let mut n = 2 * (self.base + self.level);
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(b)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for SafePretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    // serde_json hands over the runs between the characters it escapes itself (quotes,
    // backslashes, C0 controls), so `##[` and hidden characters arrive whole in one run.
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        w.write_all(json_text(fragment).as_bytes())
    }
}

/// A word GitHub would turn into a link or a notification: a URL, a `www.` address, an
/// `@mention` or an e-mail address.
fn autolinks(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    word.contains('@') || lower.contains("://") || lower.contains("www.")
}

/// Text for a cell or a line of a Markdown document (a pull-request comment, a published
/// report): hidden characters made visible, Markdown and HTML syntax escaped, line breaks as
/// `<br>`, and URLs and `@mentions` shown as code so they neither link nor notify.
pub fn markdown(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len() + 16);
    let mut word_start = None;
    let flush_word = |out: &mut String, word: &str| {
        if autolinks(word) {
            // A code span: no links, no mentions, no HTML. Its fence is longer than any run of
            // backticks inside; a table still splits on `|`, so that stays escaped.
            let mut run = 0;
            let mut max_run = 0;
            for c in word.chars() {
                run = if c == '`' { run + 1 } else { 0 };
                max_run = max_run.max(run);
            }
            let fence = "`".repeat(max_run + 1);
            let pad = if word.starts_with('`') || word.ends_with('`') {
                " "
            } else {
                ""
            };
            out.push_str(&fence);
            out.push_str(pad);
            out.push_str(&word.replace('|', "\\|"));
            out.push_str(pad);
            out.push_str(&fence);
        } else {
            for c in word.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                        out.push('\\');
                        out.push(c);
                    }
                    c => out.push(c),
                }
            }
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = word_start.take() {
                flush_word(&mut out, &text[s..i]);
            }
            if c == '\n' {
                out.push_str("<br>");
            } else {
                out.push(c);
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(s) = word_start {
        flush_word(&mut out, &text[s..]);
    }
    out
}

/// A relative path as the path of a URL: everything but unreserved characters and `/`
/// percent-encoded (so spaces, parentheses and brackets cannot end a Markdown link).
pub fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            use std::fmt::Write as _;
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Cuts `text` to at most `max` bytes (on a character boundary), saying how much was left out,
/// so one huge value cannot make a reason, a diagnostic or a table row huge.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!(
        "{}… ({} more bytes)",
        &text[..end],
        text.len() - end
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_markers_are_found_wherever_they_start() {
        for (t, want) in [
            ("##[", true),
            ("a###[b", true),
            ("x ##[group]", true),
            ("#", false),
            ("##", false),
            ("#[#", false),
            ("#a#[", false),
            ("", false),
        ] {
            assert_eq!(has_command_marker(t), want, "{t:?}");
            assert_eq!(has_command_marker(t), t.contains("##["), "{t:?}");
        }
    }

    #[test]
    fn hidden_characters_are_shown() {
        assert_eq!(
            visible("a\u{202E}b\x1b[31m\nc"),
            "a\\u{202E}b\\u{1B}[31m\nc"
        );
        assert_eq!(one_line("x\n::error::y"), "x\\n::error::y");
        assert_eq!(
            visible("zero\u{200B}width\u{E0041}"),
            "zero\\u{200B}width\\u{E0041}"
        );
        assert_eq!(visible("plain café 25 000"), "plain café 25 000");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn logs_cannot_carry_commands() {
        let log = github_log("ok\n  ::add-mask::x\nsee ##[command]rm\n::: claims/a.yaml\n");
        for line in log.lines() {
            assert!(!line.trim_start().starts_with("::"), "{line}");
            assert!(!line.contains("##["), "{line}");
        }
        assert!(log.contains("::add-mask::x"), "still readable: {log}");
    }

    #[test]
    fn json_escapes_are_the_same_data() {
        let raw =
            serde_json::to_string(&serde_json::json!({"v": "a\u{202E}b ##[x] \u{E0041}"})).unwrap();
        let safe = json_text(&raw);
        assert!(
            !safe.contains('\u{202E}') && !safe.contains("##["),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["v"], "a\u{202E}b ##[x] \u{E0041}");
    }

    #[test]
    fn markdown_is_inert() {
        let md = markdown("<img src=x> | fake | row\n@octocat see https://evil.example/(x) [a](b)");
        assert!(!md.contains("<img"), "{md}");
        assert!(!md.contains(" | "), "{md}");
        assert!(md.contains("`@octocat`"), "{md}");
        assert!(md.contains("`https://evil.example/(x)`"), "{md}");
        assert!(md.contains("\\[a\\](b)"), "{md}");
        assert_eq!(markdown("x`@y`"), "`` x`@y` ``");
    }

    #[test]
    fn url_paths_are_encoded() {
        assert_eq!(url_path("claims/a b(1).yaml"), "claims/a%20b%281%29.yaml");
    }

    #[test]
    fn truncation_keeps_characters_whole() {
        assert_eq!(truncate("short", 10), "short");
        let long = "é".repeat(10);
        let t = truncate(&long, 5);
        assert!(t.starts_with("éé…"), "{t}");
        assert!(t.contains("more bytes"));
    }
}
