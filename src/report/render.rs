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

/// The summary line: groups by verdict.
pub fn summary_line(r: &Report) -> String {
    summary_of(&r.summary)
}

pub fn summary_of(summary: &super::data::Summary) -> String {
    let r = summary;
    let parts: Vec<String> = r
        .verdicts
        .iter()
        .filter(|&(_, &n)| n > 0)
        .map(|(v, n)| format!("{n} {v}"))
        .collect();
    let contested = match r.contested {
        0 => String::new(),
        1 => "; 1 contested voice set aside".into(),
        n => format!("; {n} contested voices set aside"),
    };
    format!(
        "{} groups from {} claims in {} sources: {}{contested}",
        r.groups,
        r.claims,
        r.sources,
        if parts.is_empty() {
            "nothing to compare".into()
        } else {
            parts.join(", ")
        }
    )
}

/// The terminal table: one row per fact, conflicts first, grouped by subject within each
/// verdict. `width` wraps to the terminal; `color` adds ANSI styles.
pub fn table(r: &Report, color: bool, width: Option<u16>) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec!["verdict", "fact", "what the sources say", "why"]);
    if let Some(w) = width {
        t.set_width(w);
    }
    if !color {
        t.force_no_tty();
    } else {
        t.enforce_styling();
    }
    for g in &r.groups {
        let v = g.verdict.name();
        let mut values: Vec<String> = g.claims.iter().map(|c| sanitize(&claim_line(c))).collect();
        for rel in &g.related {
            let other = if rel.differs.starts_with("scope") {
                format!("scope \"{}\"", rel.key.scope.as_deref().unwrap_or("(none)"))
            } else {
                format!("property \"{}\"", rel.key.property_name)
            };
            values.push(sanitize(&format!(
                "~ related, {other}: {}",
                rel.stated.join("; ")
            )));
        }
        let mut why = sanitize(&g.reason);
        why.push_str(&format!("\n({})", independence(g)));
        let mut vcell = Cell::new(v);
        if color {
            vcell = vcell.fg(verdict_color(v));
        }
        t.add_row(vec![
            vcell,
            Cell::new(sanitize(&subject_cell(g))),
            Cell::new(values.join("\n")),
            Cell::new(why),
        ]);
    }
    format!("{t}\n{}\n", summary_line(r))
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in sanitize(s).chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// Markdown for a pull-request comment or a published dossier.
pub fn markdown(r: &Report) -> String {
    let mut out = String::from("# Discrepancy report\n\n");
    out.push_str(&format!("{}\n\n", md_escape(&summary_line(r))));
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
                    md_escape(&c.file),
                    c.line,
                    c.file,
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
        out.push_str(&format!(
            "| {} | {} | {} | {} ({}) |\n",
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
    let summary = serde_json::to_string_pretty(&r.summary).unwrap_or_else(|_| "{}".into());
    write!(
        w,
        "{{\n  \"summary\": {},\n  \"sources\": ",
        summary.replace('\n', "\n  ")
    )?;
    super::write_pretty_array(w, &r.sources, 1)?;
    w.write_all(b",\n  \"groups\": ")?;
    super::write_pretty_array(w, &r.groups, 1)?;
    w.write_all(b",\n  \"findings\": ")?;
    super::write_pretty_array(w, &r.findings, 1)?;
    w.write_all(b"\n}\n")
}
