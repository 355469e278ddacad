//! Text renderers of the report: a terminal table, Markdown and JSON.

use super::data::{ClaimEntry, GroupEntry, Report};
use super::sanitize;
use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

fn verdict_color(v: &str) -> Color {
    match v {
        "conflict" => Color::Red,
        "revised" | "order-unknown" | "not-comparable" => Color::Yellow,
        "scope-differs" => Color::Magenta,
        "compatible" => Color::Cyan,
        "agree" => Color::Green,
        _ => Color::Grey,
    }
}

fn subject_cell(g: &GroupEntry) -> String {
    let mut s = format!("{}\n{}", g.key.subject_name, g.key.property_name);
    if let Some(scope) = &g.key.scope {
        s.push_str(&format!("\nscope: {scope}"));
    }
    s
}

fn claim_line(c: &ClaimEntry) -> String {
    let mut s = format!("{}: {}", c.source, c.stated);
    if c.negated {
        s.push_str(" (denied)");
    }
    let mut quals = Vec::new();
    if c.hedge != "stated" {
        quals.push(c.hedge.to_string());
    }
    if let Some(a) = &c.attribution {
        quals.push(format!("per {a}"));
    }
    if let Some(a) = &c.as_of {
        quals.push(format!("as of {a}"));
    }
    if !quals.is_empty() {
        s.push_str(&format!(" [{}]", quals.join("; ")));
    }
    s
}

fn independence(g: &GroupEntry) -> String {
    if g.sources == 1 {
        "1 source".to_string()
    } else if g.sources == g.independent_sources {
        format!("{} sources", g.sources)
    } else {
        format!(
            "{} sources, {} independent",
            g.sources, g.independent_sources
        )
    }
}

/// The summary never runs past a classic 80-column terminal.
const SUMMARY_WIDTH: usize = 80;

/// The summary line: groups by verdict.
pub fn summary_line(r: &Report) -> String {
    summary_of(&r.summary)
}

pub fn summary_of(summary: &super::data::Summary) -> String {
    summary_at(summary, SUMMARY_WIDTH)
}

/// The summary wrapped to `width` columns (at most 80).
pub fn summary_at(summary: &super::data::Summary, width: usize) -> String {
    let width = width.clamp(20, SUMMARY_WIDTH);
    let r = summary;
    let mut parts: Vec<String> = r
        .verdicts
        .iter()
        .filter(|&(_, &n)| n > 0)
        .map(|(v, n)| format!("{n} {v}"))
        .collect();
    if r.contested > 0 {
        parts.push(format!(
            "{} set aside",
            plural(r.contested, "contested voice", "contested voices")
        ));
    }
    let head = format!(
        "{} from {} in {}:",
        plural(r.groups, "group", "groups"),
        plural(r.claims, "claim", "claims"),
        plural(r.sources, "source", "sources"),
    );
    let tail = if parts.is_empty() {
        "nothing to compare".to_string()
    } else {
        parts.join(", ")
    };
    // One line where it fits a narrow terminal; otherwise the counts go under the totals,
    // wrapped at commas.
    if head.chars().count() + 1 + tail.chars().count() <= width {
        return format!("{head} {tail}");
    }
    let mut out = head;
    let mut line = String::from(" ");
    for (i, part) in parts.iter().enumerate() {
        let piece = if i + 1 < parts.len() {
            format!("{part},")
        } else {
            part.clone()
        };
        if line.chars().count() + 1 + piece.chars().count() > width && line.len() > 1 {
            out.push('\n');
            out.push_str(&line);
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(&piece);
    }
    if parts.is_empty() {
        line.push_str(" nothing to compare");
    }
    out.push('\n');
    out.push_str(&line);
    out
}

const HEADER: [&str; 4] = ["verdict", "fact", "what the sources say", "why"];

/// Content widths for columns whose widest lines are `natural`, within `avail` characters:
/// each column gets its natural width if it fits an equal share of what is left, and the
/// wide ones split the rest.
fn share_widths(natural: &[usize], avail: usize) -> Vec<usize> {
    let mut widths = natural.to_vec();
    if natural.iter().sum::<usize>() <= avail {
        return widths;
    }
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&c| natural[c]);
    let mut left = avail;
    for (k, &c) in order.iter().enumerate() {
        let share = left / (natural.len() - k);
        widths[c] = natural[c].min(share).max(6);
        left = left.saturating_sub(widths[c]);
    }
    widths
}

/// Shares the width of `t` (when it has one: set, or the terminal's) among columns with this
/// header and these rows, fixes each column to its share, and returns the content widths to
/// [`wrap`] the cells to. Borders and padding are those of the UTF8_FULL_CONDENSED preset.
pub fn layout<'a>(
    t: &mut Table,
    header: &[&str],
    rows: impl Iterator<Item = &'a [String]> + Clone,
) -> Option<Vec<usize>> {
    let w = t.width()?;
    let n = header.len();
    let natural: Vec<usize> = (0..n)
        .map(|c| {
            rows.clone()
                .filter_map(|cells| cells.get(c))
                .flat_map(|cell| cell.lines())
                .chain(header[c].lines())
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(1)
        })
        .collect();
    // Two spaces of padding per column, and a border between and around them.
    let widths = share_widths(&natural, usize::from(w).saturating_sub(n * 2 + n + 1));
    for (c, w) in widths.iter().enumerate() {
        if let Some(col) = t.column_mut(c) {
            col.set_constraint(comfy_table::ColumnConstraint::Absolute(
                comfy_table::Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)),
            ));
        }
    }
    Some(widths)
}

/// Wraps `text` to `width` characters a line: at spaces, then a word too long for a line
/// after one of its hyphens or slashes, and only a word with none of those mid-word.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut len = 0usize;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let wlen = word.chars().count();
            if len > 0 && len + 1 + wlen <= width {
                line.push(' ');
                line.push_str(word);
                len += 1 + wlen;
                continue;
            }
            if len > 0 {
                out.push(std::mem::take(&mut line));
            }
            let mut rest: Vec<char> = word.chars().collect();
            while rest.len() > width {
                let cut = rest[..width]
                    .iter()
                    .rposition(|&c| matches!(c, '-' | '/' | '_'))
                    .map_or(width, |k| k + 1);
                out.push(rest[..cut].iter().collect());
                rest.drain(..cut);
            }
            len = rest.len();
            line = rest.into_iter().collect();
        }
        out.push(line);
    }
    out.join("\n")
}

/// The terminal table: one row per fact, conflicts first, grouped by subject within each
/// verdict. `width` wraps to the terminal; `color` adds ANSI styles.
pub fn table(r: &Report, color: bool, width: Option<u16>) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(HEADER.to_vec());
    if let Some(w) = width {
        t.set_width(w);
    }
    if !color {
        t.force_no_tty();
    } else {
        t.enforce_styling();
    }
    let mut rows: Vec<([String; 4], &'static str)> = Vec::with_capacity(r.groups.len());
    for g in &r.groups {
        let v = g.verdict.name();
        let mut values: Vec<String> = g.claims.iter().map(|c| cell(&claim_line(c))).collect();
        for rel in &g.related {
            let other = if rel.differs.starts_with("scope") {
                format!("scope \"{}\"", rel.key.scope.as_deref().unwrap_or("(none)"))
            } else {
                format!("property \"{}\"", rel.key.property_name)
            };
            values.push(cell(&format!(
                "~ related, {other}: {}",
                rel.stated.join("; ")
            )));
        }
        let mut why = cell(&g.reason);
        why.push_str(&format!("\n({})", independence(g)));
        let mut shown = v.to_string();
        if let Some(ack) = g.acknowledgement() {
            shown.push_str(&format!("\n({ack})"));
            for reason in &g.acknowledged {
                why.push_str(&format!("\nacknowledged: {}", sanitize(reason)));
            }
        }
        rows.push(([shown, cell(&subject_cell(g)), values.join("\n"), why], v));
    }
    // The table's own layout breaks a word longer than its column anywhere
    // (`iran-seeks-british-sp` / `ies`): the cells are wrapped here instead, long ids after
    // a hyphen, to widths shared out as comfy-table would.
    let widths = layout(
        &mut t,
        &HEADER,
        rows.iter().map(|(cells, _)| cells.as_slice()),
    );
    for (cells, v) in rows {
        let cells: Vec<String> = match &widths {
            Some(widths) => cells
                .iter()
                .zip(widths)
                .map(|(text, &w)| wrap(text, w))
                .collect(),
            None => cells.to_vec(),
        };
        let mut row: Vec<Cell> = cells.into_iter().map(Cell::new).collect();
        if color {
            row[0] = Cell::new(row[0].content()).fg(verdict_color(v));
        }
        t.add_row(row);
    }
    let summary = summary_at(&r.summary, t.width().map_or(SUMMARY_WIDTH, usize::from));
    format!("{t}\n{summary}\n{}", incomplete_text(r))
}

/// A table cell or a claim's value is cut after this many bytes (with a count of the rest).
const MAX_CELL: usize = 2000;

/// The warning a report carries when input errors left part of the dossier unread, with
/// each error: a table without some sources must never pass for the whole picture.
pub fn incomplete_text(r: &Report) -> String {
    incomplete_of(&r.findings)
}

/// [`incomplete_text`] from the findings alone (for stderr, whatever the format).
pub fn incomplete_of(findings: &[crate::model::Finding]) -> String {
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.rule.is_input_error())
        .map(|f| format!("  {}\n", sanitize(&super::data::input_error_line(f))))
        .collect();
    if errors.is_empty() {
        return String::new();
    }
    format!(
        "INCOMPLETE: {} left part of the dossier unread; this report leaves out what it says:\n{}",
        plural(errors.len(), "input error", "input errors"),
        errors.concat()
    )
}

pub use crate::text::plural;

fn md_escape(s: &str) -> String {
    super::escape::markdown(&super::escape::truncate(s, MAX_CELL))
}

fn cell(s: &str) -> String {
    sanitize(&super::escape::truncate(s, MAX_CELL))
}

/// Markdown for a pull-request comment or a published dossier.
pub fn markdown(r: &Report) -> String {
    let mut out = String::from("# Discrepancy report\n\n");
    out.push_str(&format!("{}\n\n", md_escape(&summary_line(r))));
    let errors: Vec<String> = r
        .input_errors()
        .map(|f| format!("- {}\n", md_escape(&super::data::input_error_line(f))))
        .collect();
    if !errors.is_empty() {
        out.push_str(&format!(
            "> **Incomplete**: {} left part of the dossier unread; this report leaves out what it says.\n\n{}\n",
            plural(errors.len(), "input error", "input errors"),
            errors.concat()
        ));
    }
    out.push_str("| verdict | fact | what the sources say | why |\n|---|---|---|---|\n");
    for g in &r.groups {
        let fact = format!(
            "**{}** / {}{}",
            md_escape(&g.key.subject_name),
            md_escape(&g.key.property_name),
            g.key
                .scope
                .as_ref()
                .map(|s| format!(" (scope: {})", md_escape(s)))
                .unwrap_or_default()
        );
        let mut says: Vec<String> = g
            .claims
            .iter()
            .map(|c| {
                format!(
                    "{} ([{}:{}]({}#L{}))",
                    md_escape(&claim_line(c)),
                    md_escape(c.file),
                    c.line,
                    super::escape::url_path(c.file),
                    c.line
                )
            })
            .collect();
        for rel in &g.related {
            says.push(format!(
                "_related_ ({}): {}",
                md_escape(&rel.differs),
                md_escape(&rel.values.join("; "))
            ));
        }
        let (ack, reasons) = match g.acknowledgement() {
            Some(a) => (
                format!(" ({a})"),
                g.acknowledged
                    .iter()
                    .map(|r| format!("<br>_acknowledged_: {}", md_escape(r)))
                    .collect::<String>(),
            ),
            None => (String::new(), String::new()),
        };
        out.push_str(&format!(
            "| {}{ack} | {} | {} | {} ({}){reasons} |\n",
            g.verdict.name(),
            fact,
            says.join("<br>"),
            md_escape(&g.reason),
            independence(g)
        ));
    }
    if !r.sources.is_empty() {
        out.push_str("\n## Sources\n\n| id | title | publisher | published | claims | relays |\n|---|---|---|---|---|---|\n");
        for s in &r.sources {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                md_escape(&s.id),
                md_escape(&s.title),
                md_escape(&s.publisher),
                md_escape(&s.published),
                s.claims,
                md_escape(&s.derived_from.join(", "))
            ));
        }
    }
    out
}

/// The report as pretty JSON, exactly as `serde_json::to_string_pretty` writes it.
pub fn json(r: &Report) -> String {
    let mut out = Vec::with_capacity(1024 + r.groups.len() * 2048);
    // Writing to memory cannot fail.
    let _ = write_json(r, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Streams the JSON report to `w` (a large dossier's report is larger than its claims), the
/// long arrays rendered in parallel.
pub fn write_json(r: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut o = super::json::PrettyObject::begin(w)?;
    o.field("summary", &r.summary)?;
    o.array("sources", &r.sources)?;
    o.array("groups", &r.groups)?;
    o.array("findings", &r.findings)?;
    o.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ids_wrap_after_a_hyphen_and_words_stay_whole() {
        assert_eq!(
            wrap("iran-seeks-british-spies: several months ago", 18),
            "iran-seeks-\nbritish-spies:\nseveral months ago"
        );
        assert_eq!(wrap("a b\nc", 10), "a b\nc");
        assert_eq!(wrap("abcdefghij", 4), "abcd\nefgh\nij");
    }

    #[test]
    fn narrow_columns_keep_their_width_and_wide_ones_share_the_rest() {
        assert_eq!(share_widths(&[10, 20, 30], 100), [10, 20, 30]);
        assert_eq!(share_widths(&[14, 40, 60, 60], 67), [14, 17, 18, 18]);
    }
}
