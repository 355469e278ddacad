//! JUnit XML, the test-report format every CI system reads: one test case per claim file,
//! passing when the file has no open finding, with one `<failure>` per finding.
//!
//! Written by hand: the document has four element kinds, and escaping is the one thing to get
//! right, which `escape` does (XML 1.0 cannot carry most control characters even as
//! references, so they are spelled out instead).

use crate::model::{Dossier, Finding};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Text safe inside an XML element or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Line breaks are kept as references so attributes keep them too.
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            // Not allowed in XML 1.0 at all (control characters, surrogates are impossible in
            // a `str`, the two non-characters U+FFFE and U+FFFF).
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Every file that declares a source or holds a claim, sorted.
pub fn claim_files(d: &Dossier) -> Vec<String> {
    let files: std::collections::BTreeSet<&str> = d
        .sources
        .iter()
        .map(|s| &*s.loc.file)
        .chain(d.claims.iter().map(|c| &*c.locs.file))
        .collect();
    files.into_iter().map(str::to_string).collect()
}

/// One `<testsuite>` named `corroborate` holding a `<testcase>` per file in `files` (the
/// dossier's claim files, repository-relative through `prefix`) and per other file a finding
/// points at; findings without a place go to a test case named after the dossier. Acknowledged
/// findings are not failures.
pub fn junit(findings: &[Finding], files: &[String], prefix: &str) -> String {
    let mut cases: BTreeMap<String, Vec<&Finding>> = files
        .iter()
        .map(|f| (format!("{prefix}{f}"), Vec::new()))
        .collect();
    for f in findings.iter().filter(|f| f.acknowledged.is_none()) {
        let name = match &f.loc {
            Some(l) => format!("{prefix}{}", l.file),
            None => format!("{prefix}claims"),
        };
        cases.entry(name).or_default().push(f);
    }
    let failures: usize = cases.values().map(Vec::len).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"corroborate\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        cases.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"corroborate\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        cases.len()
    );
    for (file, found) in &cases {
        let name = escape(file);
        if found.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase name=\"{name}\" classname=\"corroborate\" file=\"{name}\"/>"
            );
            continue;
        }
        let _ = writeln!(
            out,
            "    <testcase name=\"{name}\" classname=\"corroborate\" file=\"{name}\">"
        );
        for f in found {
            let place = f
                .loc
                .as_ref()
                .map(|l| format!("{prefix}{}:{}:{}: ", l.file, l.line, l.column))
                .unwrap_or_default();
            let mut body = format!("{place}{}[{}] {}", f.severity.name(), f.rule, f.message);
            for r in &f.related {
                let _ = write!(
                    body,
                    "\n  {prefix}{}:{}:{}: {}",
                    r.loc.file, r.loc.line, r.loc.column, r.message
                );
            }
            if let Some(h) = &f.help {
                let _ = write!(body, "\n  help: {h}");
            }
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                f.rule,
                escape(&f.message),
                escape(&body)
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1b}[31m\n"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\\u{1b}[31m&#10;"
        );
    }
}
