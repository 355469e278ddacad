//! Rendering `resolve`: the chosen value of each fact, its confidence and sources, and each
//! source's estimated reliability.

use super::sanitize;
use crate::compare::Comparison;
use crate::model::{Assertion, Dossier};
use crate::resolve::Outcome;
use serde::Serialize;

// Typed, borrowed rows: a million-claim dossier has hundreds of thousands of groups, and a
// `serde_json::Value` tree of them took several times the memory of the output itself.

#[derive(Serialize)]
struct Key<'a> {
    subject: &'a str,
    subject_name: &'a str,
    property: &'a str,
    property_name: &'a str,
    scope: &'a Option<String>,
}

#[derive(Serialize)]
struct Normalized<'a> {
    kind: &'static str,
    low: serde_json::Value,
    high: serde_json::Value,
    unit: Option<&'static str>,
    currency: Option<&'static str>,
    entity: Option<&'a str>,
    text: &'a Option<String>,
}

#[derive(Serialize)]
struct Chosen<'a> {
    stated: &'a str,
    normalized: Normalized<'a>,
}

#[derive(Serialize)]
struct GroupRow<'a> {
    key: Key<'a>,
    value: Chosen<'a>,
    confidence: f64,
    sources: Vec<&'a str>,
    independent_sources: usize,
    tie: bool,
    verdict: &'static str,
    explanation: &'a str,
}

#[derive(Serialize)]
struct SourceRow<'a> {
    id: &'a str,
    reliability: f64,
    claims: usize,
}

#[derive(Serialize)]
struct CopyRow<'a> {
    sources: [&'a str; 2],
    probability: f64,
}

/// The outcome as JSON: every fact, every source, the likeliest copying pairs.
pub fn json(d: &Dossier, assertions: &[Assertion], cmp: &Comparison, o: &Outcome) -> String {
    let mut out = Vec::with_capacity(o.resolutions.len() * 600);
    // Writing to memory cannot fail.
    let _ = write_json(&mut out, d, assertions, cmp, o);
    String::from_utf8(out).unwrap_or_default()
}

/// [`json`], streamed to `w`, the long arrays rendered in parallel.
pub fn write_json(
    w: &mut dyn std::io::Write,
    d: &Dossier,
    assertions: &[Assertion],
    cmp: &Comparison,
    o: &Outcome,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let groups: Vec<GroupRow> = o
        .resolutions
        .par_iter()
        .map(|r| {
            let g = &cmp.groups[r.group as usize];
            let claim = r.claim;
            let a = &assertions[claim as usize];
            let p = super::normalized::Projection::of(a);
            GroupRow {
                key: Key {
                    subject: &d.entities[g.subject as usize].id,
                    subject_name: &d.entities[g.subject as usize].name,
                    property: &d.properties[g.property as usize].id,
                    property_name: &d.properties[g.property as usize].name,
                    scope: &g.scope,
                },
                value: Chosen {
                    stated: &d.claims[claim as usize].value,
                    normalized: Normalized {
                        kind: p.kind,
                        low: p.low,
                        high: p.high,
                        unit: p.unit,
                        currency: p.currency,
                        entity: a.entity.map(|e| d.entities[e as usize].id.as_str()),
                        text: &a.text,
                    },
                },
                confidence: r.confidence,
                sources: r
                    .sources
                    .iter()
                    .map(|&s| d.sources[s as usize].id.as_str())
                    .collect(),
                independent_sources: r.independent_sources,
                tie: r.tie,
                verdict: g.verdict.name(),
                explanation: &r.explanation,
            }
        })
        .collect();
    let mut claims_per_source = vec![0usize; d.sources.len()];
    for c in &d.claims {
        claims_per_source[c.source as usize] += 1;
    }
    let sources: Vec<SourceRow> = d
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| SourceRow {
            id: &s.id,
            reliability: o.reliability[i],
            claims: claims_per_source[i],
        })
        .collect();
    let copying: Vec<CopyRow> = o
        .copying
        .iter()
        .take(1000)
        .map(|&(a, b, p)| CopyRow {
            sources: [&d.sources[a as usize].id, &d.sources[b as usize].id],
            probability: p,
        })
        .collect();
    let mut obj = super::json::PrettyObject::begin(w)?;
    obj.field("method", o.method.name())?;
    obj.field("iterations", &o.iterations)?;
    obj.field("converged", &o.converged)?;
    obj.field("last_change", &o.last_change)?;
    obj.array("groups", &groups)?;
    obj.array("sources", &sources)?;
    obj.array("copying", &copying)?;
    obj.end()
}

/// A table of the contested facts (more than one value), at most `limit` of them (0: all),
/// then the sources by reliability.
pub fn table(
    d: &Dossier,
    cmp: &Comparison,
    o: &Outcome,
    all: bool,
    limit: usize,
    width: Option<u16>,
) -> String {
    use comfy_table::{ContentArrangement, Table, presets};
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .force_no_tty()
        .set_header(HEADER.to_vec());
    if let Some(w) = width {
        t.set_width(w);
    }
    const HEADER: [&str; 4] = ["fact", "most likely", "confidence", "why"];
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut shown = 0;
    let mut left_out = 0;
    for r in &o.resolutions {
        let g = &cmp.groups[r.group as usize];
        if !all && g.values.len() < 2 {
            continue;
        }
        if limit > 0 && shown == limit {
            left_out += 1;
            continue;
        }
        shown += 1;
        let fact = format!(
            "{}\n{}{}",
            d.entities[g.subject as usize].name,
            d.properties[g.property as usize].name,
            g.scope
                .as_ref()
                .map(|s| format!("\nscope: {s}"))
                .unwrap_or_default()
        );
        let stated = &d.claims[r.claim as usize].value;
        rows.push(vec![
            sanitize(&fact),
            sanitize(stated),
            format!("{:.2}", r.confidence),
            sanitize(&r.explanation),
        ]);
    }
    // Wrapped by corroborate, so that ids break after a hyphen, never mid-word.
    let widths = super::render::layout(&mut t, &HEADER, rows.iter().map(Vec::as_slice));
    for row in rows {
        match &widths {
            Some(widths) => t.add_row(
                row.iter()
                    .zip(widths)
                    .map(|(cell, &w)| super::render::wrap(cell, w))
                    .collect::<Vec<_>>(),
            ),
            None => t.add_row(row),
        };
    }
    let mut out = format!("{t}\n");
    if left_out > 0 {
        out.push_str(&format!(
            "... and {left_out} more (--limit 0 shows every one; --format json lists them all)\n"
        ));
    }
    let mut order: Vec<usize> = (0..d.sources.len()).collect();
    order.sort_by(|&a, &b| {
        o.reliability[b]
            .total_cmp(&o.reliability[a])
            .then(a.cmp(&b))
    });
    out.push_str(&format!(
        "{} resolved with {} in {} ({}); sources by estimated reliability:\n",
        match (all, shown + left_out == 1) {
            (true, true) => "1 fact".to_string(),
            (true, false) => format!("{} facts", shown + left_out),
            (false, true) => "1 contested fact".to_string(),
            (false, false) => format!("{} contested facts", shown + left_out),
        },
        o.method.name(),
        crate::text::plural(o.iterations, "iteration", "iterations"),
        if o.converged {
            format!("converged, last change {:.1e}", o.last_change)
        } else {
            format!(
                "stopped at the iteration cap without converging, last change {:.1e}",
                o.last_change
            )
        }
    ));
    for &i in order.iter().take(20) {
        out.push_str(&format!(
            "  {:>5.3}  {}\n",
            o.reliability[i],
            sanitize(&d.sources[i].id)
        ));
    }
    if order.len() > 20 {
        out.push_str(&format!(
            "  ... and {} more (use --format json)\n",
            order.len() - 20
        ));
    }
    for &(a, b, p) in o.copying.iter().take(5) {
        out.push_str(&format!(
            "  likely copying: {} and {} (p={p:.2})\n",
            sanitize(&d.sources[a as usize].id),
            sanitize(&d.sources[b as usize].id)
        ));
    }
    out
}
