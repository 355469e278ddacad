//! Rendering `resolve`: the chosen value of each fact, its confidence and sources, and each
//! source's estimated reliability.

use super::sanitize;
use crate::compare::Comparison;
use crate::model::{Assertion, Dossier};
use crate::resolve::Outcome;
use serde_json::json;

fn key(d: &Dossier, cmp: &Comparison, group: u32) -> serde_json::Value {
    let g = &cmp.groups[group as usize];
    json!({
        "subject": d.entities[g.subject as usize].id,
        "subject_name": d.entities[g.subject as usize].name,
        "property": d.properties[g.property as usize].id,
        "scope": g.scope,
    })
}

pub fn json(d: &Dossier, assertions: &[Assertion], cmp: &Comparison, o: &Outcome) -> String {
    let groups: Vec<serde_json::Value> = o
        .resolutions
        .iter()
        .map(|r| {
            let g = &cmp.groups[r.group as usize];
            let claim = g.values[r.value].claims[0];
            let a = &assertions[claim as usize];
            json!({
                "key": key(d, cmp, r.group),
                "value": {
                    "stated": d.claims[claim as usize].value,
                    "normalized": {
                        "kind": a.kind.name(),
                        "low": crate::normalize::value::json_end(a, true),
                        "high": crate::normalize::value::json_end(a, false),
                        "unit": a.unit,
                        "currency": a.currency,
                        "entity": a.entity.map(|e| d.entities[e as usize].id.clone()),
                        "text": a.text,
                    }
                },
                "confidence": r.confidence,
                "sources": r.sources.iter().map(|&s| d.sources[s as usize].id.clone()).collect::<Vec<_>>(),
                "independent_sources": r.independent_sources,
                "verdict": g.verdict.name(),
                "explanation": r.explanation,
            })
        })
        .collect();
    let mut claims_per_source = vec![0usize; d.sources.len()];
    for c in &d.claims {
        claims_per_source[c.source as usize] += 1;
    }
    let sources: Vec<serde_json::Value> = d
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| json!({"id": s.id, "reliability": o.reliability[i], "claims": claims_per_source[i]}))
        .collect();
    let copying: Vec<serde_json::Value> = o
        .copying
        .iter()
        .take(1000)
        .map(|&(a, b, p)| json!({"sources": [d.sources[a as usize].id, d.sources[b as usize].id], "probability": p}))
        .collect();
    let v = json!({
        "method": o.method.name(),
        "iterations": o.iterations,
        "groups": groups,
        "sources": sources,
        "copying": copying,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// A table of the contested facts (more than one value), then the sources by reliability.
pub fn table(d: &Dossier, cmp: &Comparison, o: &Outcome, all: bool, width: Option<u16>) -> String {
    use comfy_table::{ContentArrangement, Table, presets};
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .force_no_tty()
        .set_header(vec!["fact", "most likely", "confidence", "why"]);
    if let Some(w) = width {
        t.set_width(w);
    }
    let mut shown = 0;
    for r in &o.resolutions {
        let g = &cmp.groups[r.group as usize];
        if !all && g.values.len() < 2 {
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
        let stated = &d.claims[g.values[r.value].claims[0] as usize].value;
        t.add_row(vec![
            sanitize(&fact),
            sanitize(stated),
            format!("{:.2}", r.confidence),
            sanitize(&r.explanation),
        ]);
    }
    let mut out = format!("{t}\n");
    let mut order: Vec<usize> = (0..d.sources.len()).collect();
    order.sort_by(|&a, &b| {
        o.reliability[b]
            .total_cmp(&o.reliability[a])
            .then(a.cmp(&b))
    });
    out.push_str(&format!(
        "{shown} {} facts resolved with {} in {} iterations; sources by estimated reliability:\n",
        if all { "" } else { "contested" },
        o.method.name(),
        o.iterations
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
