//! Rendering findings for people (`human`, with the offending lines) and for grep-like
//! tools (`brief`: `path:line:col: rule message`).

use super::sanitize;
pub use crate::model::LineSource;
use crate::model::{Finding, Loc, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Byte range from a 1-based character column to the end of the line's content.
fn span_of(text: &str, column: u32) -> std::ops::Range<usize> {
    let start = text
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(text.len(), |(i, _)| i);
    let end = text.trim_end().len().max(start);
    if start == end {
        // Point at something even on an empty line.
        return start..(start + text[start..].chars().next().map_or(0, char::len_utf8));
    }
    start..end
}

fn snippet<'a>(
    lines: &dyn LineSource,
    loc: &'a Loc,
    label: String,
    primary: bool,
    prefix: &str,
) -> Option<Snippet<'a, annotate_snippets::Annotation<'a>>> {
    let text = sanitize(&lines.line(&loc.file, loc.line)?);
    let span = span_of(&text, loc.column);
    let kind = if primary {
        AnnotationKind::Primary
    } else {
        AnnotationKind::Context
    };
    Some(
        Snippet::source(text)
            .line_start(loc.line as usize)
            .path(format!("{prefix}{}", loc.file))
            .fold(false)
            .annotation(kind.span(span).label(label)),
    )
}

/// Renders findings as rustc-style diagnostics. `color` adds ANSI styles. Findings are
/// rendered in parallel (tens of thousands on a large dossier) and joined in order.
pub fn human(findings: &[Finding], lines: &(dyn LineSource + Sync), color: bool) -> String {
    human_at(findings, lines, color, "")
}

/// [`human`] with `prefix` before every dossier path, so that paths are relative to where
/// the user stands (`mydossier/claims/x.yaml`) and terminals and editors can open them.
pub fn human_at(
    findings: &[Finding],
    lines: &(dyn LineSource + Sync),
    color: bool,
    prefix: &str,
) -> String {
    use rayon::prelude::*;
    findings
        .par_iter()
        .map(|f| render_one(f, lines, color, prefix))
        .collect::<Vec<String>>()
        .concat()
}

fn render_one(f: &Finding, lines: &dyn LineSource, color: bool, prefix: &str) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let message = sanitize(&f.message);
    let mut group = Group::with_title(level(f.severity).primary_title(message).id(f.rule.code()));
    let mut placed = false;
    if let Some(loc) = &f.loc
        && let Some(s) = snippet(lines, loc, String::new(), true, prefix)
    {
        group = group.element(s);
        placed = true;
    }
    for r in &f.related {
        if let Some(s) = snippet(lines, &r.loc, sanitize(&r.message), false, prefix) {
            group = group.element(s);
        } else {
            group = group.element(Level::NOTE.message(format!(
                "{prefix}{}: {}",
                r.loc,
                sanitize(&r.message)
            )));
        }
    }
    if !placed && let Some(loc) = &f.loc {
        group = group.element(Level::NOTE.message(format!("at {prefix}{loc}")));
    }
    if let Some(h) = &f.help {
        group = group.element(Level::HELP.message(sanitize(h)));
    }
    let mut out = renderer.render(&[group]);
    out.push_str("\n\n");
    out
}

/// One line per finding: `path:line:col: severity[rule] message`.
pub fn brief(findings: &[Finding]) -> String {
    brief_at(findings, "")
}

/// [`brief`] with `prefix` before every dossier path (see [`human_at`]).
pub fn brief_at(findings: &[Finding], prefix: &str) -> String {
    let mut out = String::new();
    for f in findings {
        let place = f
            .loc
            .as_ref()
            .map_or_else(|| "<dossier>".to_string(), |l| format!("{prefix}{l}"));
        out.push_str(&format!(
            "{place}: {}[{}] {}\n",
            f.severity.name(),
            f.rule.code(),
            sanitize(&f.message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rule;
    use std::sync::Arc;

    struct Fixed;
    impl LineSource for Fixed {
        fn line(&self, _: &str, line: u32) -> Option<String> {
            (line == 3).then(|| "    quote: \"over 80 lives\"".to_string())
        }
    }

    #[test]
    fn human_output_shows_the_line_and_rule() {
        let file: Arc<str> = Arc::from("claims/a.yaml");
        let f = Finding::new(
            Rule::QuoteNotFound,
            Some(Loc::new(&file, 3, 12)),
            "the quote does not occur".into(),
            "x".into(),
        )
        .with_help("closest passage: seeds/a.txt:1");
        let out = human(std::slice::from_ref(&f), &Fixed, false);
        assert!(out.contains("error[quote-not-found]"), "{out}");
        assert!(out.contains("claims/a.yaml:3:12"), "{out}");
        assert!(out.contains("quote: \"over 80 lives\""), "{out}");
        assert!(out.contains("help: closest passage"), "{out}");
        assert_eq!(
            brief(&[f]),
            "claims/a.yaml:3:12: error[quote-not-found] the quote does not occur\n"
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let f = Finding::new(
            Rule::EmptyValue,
            None,
            "evil \x1b[31m red".into(),
            "x".into(),
        );
        assert!(!brief(std::slice::from_ref(&f)).contains('\x1b'));
        assert!(!human(&[f], &Fixed, false).contains('\x1b'));
    }
}
