//! A self-contained HTML discrepancy report: no network, no external scripts, fonts or
//! styles; it works from a file:// URL and as an email attachment. Each quantitative fact gets
//! a number line (inline SVG) with every source's interval; every claim's evidence is one
//! click away. All text from claim files and seeds is escaped.

use super::data::{ClaimEntry, GroupEntry, Report, SourceEntry};
use crate::model::Date;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Shown, not interpreted: a bidi override must not reorder what the reader sees.
            c if c != '\n' && c != '\t' && super::escape::is_hidden(c) => {
                let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// A URL is linked only when it is http(s); anything else (javascript:, data:) is shown as text.
fn safe_url(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then(|| esc(url.trim()))
}

const CSS: &str = r#"
:root { --fg:#1b1b1b; --muted:#6b6b6b; --line:#d0d0d0; --bg:#fff; --conflict:#D55E00; --revised:#E69F00; --compatible:#56B4E9; --agree:#009E73; --single:#999999; --scope:#CC79A7; --main:#0072B2; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; margin: .75rem 0; padding: 0; list-style: none; }
.ack { border-left: 4px solid var(--agree); padding-left: .5rem; } .badge.ack { background: var(--agree); color: #fff; }
.incomplete { border: 2px solid var(--conflict); padding: .25rem 1rem; margin: .75rem 0; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: .3rem .6rem; }
.counts b { font-size: 1.1rem; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1rem 0; padding: .75rem; background: #f6f6f6; border-radius: 6px; }
.group { content-visibility: auto; contain-intrinsic-size: auto 320px; border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
.group[hidden] { display: none; }
.lazy { min-height: 220px; }
.v-conflict { border-left-color: var(--conflict); } .v-revised { border-left-color: var(--revised); } .v-not-comparable { border-left-color: var(--revised); } .v-order-unknown { border-left-color: var(--revised); }
.v-scope-differs { border-left-color: var(--scope); } .v-compatible { border-left-color: var(--compatible); } .v-agree { border-left-color: var(--agree); } .v-single-source { border-left-color: var(--single); }
.badge { display: inline-block; font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; padding: .05rem .4rem; border-radius: 4px; border: 1px solid currentColor; }
.reason { margin: .35rem 0; } .muted { color: var(--muted); }
details { margin: .2rem 0; } summary { cursor: pointer; }
blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .6rem; border-left: 3px solid var(--line); }
mark { background: #fff1a8; padding: 0 .1em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0 .3rem 1rem; font-size: .9rem; }
dt { color: var(--muted); }
svg.chart { display: block; max-width: 100%; height: auto; margin: .4rem 0; }
svg text { font: 12px system-ui, sans-serif; fill: var(--fg); }
table { border-collapse: collapse; width: 100%; font-size: .92rem; } th, td { border-bottom: 1px solid var(--line); padding: .3rem .4rem; text-align: left; vertical-align: top; }
"#;

const SCRIPT: &str = r#"
(function () {
  var v = document.getElementById('f-verdict'), s = document.getElementById('f-subject'), o = document.getElementById('f-source');
  function apply() {
    var groups = document.querySelectorAll('section.group'), shown = 0;
    for (var i = 0; i < groups.length; i++) {
      var g = groups[i];
      var ok = (!v.value || g.getAttribute('data-verdict') === v.value)
        && (!s.value || g.getAttribute('data-subject') === s.value)
        && (!o.value || (' ' + g.getAttribute('data-sources') + ' ').indexOf(' ' + o.value + ' ') >= 0);
      g.hidden = !ok; if (ok) shown++;
    }
    document.getElementById('shown').textContent = shown;
  }
  v.onchange = s.onchange = o.onchange = apply;
  // Long reports: each section's chart and evidence are drawn when it nears the viewport.
  var lazy = document.querySelectorAll('.lazy'), data = null;
  function fill(el) {
    if (!data) data = JSON.parse(document.getElementById('heavy').textContent);
    el.innerHTML = data[+el.getAttribute('data-i')];
    el.className = 'filled';
  }
  if (lazy.length) {
    // The first screenful is drawn at once, so the page never opens on empty sections.
    var first = Math.min(6, lazy.length);
    for (var f = 0; f < first; f++) fill(lazy[f]);
    lazy = Array.prototype.slice.call(lazy, first);
    if ('IntersectionObserver' in window) {
      var io = new IntersectionObserver(function (es) {
        for (var i = 0; i < es.length; i++) if (es[i].isIntersecting) { fill(es[i].target); io.unobserve(es[i].target); }
      }, { rootMargin: '1200px' });
      for (var i = 0; i < lazy.length; i++) io.observe(lazy[i]);
    } else {
      for (var j = 0; j < lazy.length; j++) fill(lazy[j]);
    }
  }
})();
"#;

/// Above this many facts, charts and evidence are drawn lazily: a page of thousands of charts
/// takes seconds to parse and lay out all at once.
pub const LAZY_FROM: usize = 300;

/// Shared by every chart on the page: the arrow of an open end, the hatch of a conflict gap.
const DEFS: &str = r##"<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="#D55E00" opacity="0.55"/></pattern></defs></svg>"##;

/// A finite coordinate of a normalized end: a number, or an ISO date as a day number.
fn coord(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64().filter(|x| x.is_finite()),
        serde_json::Value::String(s) => Date::parse_iso(s)
            .and_then(|r| r.first)
            .map(|d| d.to_days() as f64),
        _ => None,
    }
}

struct Row<'a> {
    claim: &'a ClaimEntry,
    low: Option<f64>,
    high: Option<f64>,
    related: Option<&'a str>,
}

fn is_chartable(g: &GroupEntry) -> bool {
    matches!(g.kind, "quantity" | "money" | "duration" | "date" | "time")
        && g.claims
            .iter()
            .any(|c| coord(&c.normalized.low).is_some() || coord(&c.normalized.high).is_some())
}

/// The number line of one quantitative fact, with related scopes in a muted colour.
fn chart(r: &Report, g: &GroupEntry) -> String {
    let is_date = g.kind == "date";
    let mut rows: Vec<Row> = g
        .claims
        .iter()
        .map(|c| Row {
            claim: c,
            low: coord(&c.normalized.low),
            high: coord(&c.normalized.high),
            related: None,
        })
        .filter(|row| row.low.is_some() || row.high.is_some())
        .collect();
    // Revisions read as a timeline: earliest `as_of` first, undated claims after.
    let as_of_day = |c: &ClaimEntry| {
        c.as_of
            .as_deref()
            .and_then(Date::parse_iso)
            .and_then(|r| r.first)
            .map(|d| d.to_days())
    };
    rows.sort_by_key(|r| (as_of_day(r.claim).is_none(), as_of_day(r.claim)));
    // Related scopes give context; a few rows of them are enough.
    const MAX_RELATED_ROWS: usize = 8;
    let mut related_rows = 0;
    for rel in &g.related {
        if let Some(other) = r.groups.get(rel.group) {
            for c in &other.claims {
                if related_rows == MAX_RELATED_ROWS {
                    break;
                }
                related_rows += 1;
                let (low, high) = (coord(&c.normalized.low), coord(&c.normalized.high));
                if low.is_some() || high.is_some() {
                    rows.push(Row {
                        claim: c,
                        low,
                        high,
                        related: Some(rel.differs.as_str()),
                    });
                }
            }
        }
    }
    let ends: Vec<f64> = rows
        .iter()
        .flat_map(|r| [r.low, r.high])
        .flatten()
        .collect();
    let (lo, hi) = ends
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    let log = !is_date && lo > 0.0 && hi / lo > 1000.0;
    let axis = if is_date {
        super::axis::dates(lo, hi)
    } else if log {
        super::axis::logarithmic(lo, hi)
    } else {
        super::axis::linear(lo, hi, 5)
    };
    let (a0, a1) = (axis.start, axis.end);
    // Rows sharing a source are told apart by their claim ids; revisions lead with their date.
    let mut per_source: HashMap<&str, usize> = HashMap::new();
    for row in &rows {
        *per_source.entry(row.claim.source.as_str()).or_default() += 1;
    }
    let labels: Vec<String> = rows
        .iter()
        .map(|row| {
            let c = row.claim;
            let mut label = if per_source[c.source.as_str()] > 1 {
                format!("{} · {}", c.source, c.id)
            } else {
                c.source.clone()
            };
            if let Some(a) = &c.as_of {
                label = format!("{a} · {label}");
            }
            label
        })
        .collect();
    // The label column is as wide as the longest label needs (about 7 px a character at the
    // chart's font size), within bounds; a longer label is shortened, whole in its tooltip.
    const MAX_LABEL: usize = 60;
    let longest = labels
        .iter()
        .map(|l| l.chars().count().min(MAX_LABEL))
        .max()
        .unwrap_or(0);
    let left = (longest as f64 * 7.0 + 16.0).clamp(120.0, 440.0);
    let (width, row_h, top) = (520.0, 24.0, 10.0);
    let x = |v: f64| {
        let t = if log {
            v.max(f64::MIN_POSITIVE).log10()
        } else {
            v
        };
        left + (t - a0) / (a1 - a0) * width
    };
    // What the axis counts: the currency of money, the unit of a quantity, and the scale.
    let first = rows.first().map(|r| &r.claim.normalized);
    let mut caption: Vec<String> = Vec::new();
    if let Some(n) = first {
        if let Some(cur) = n.currency {
            caption.push(cur.to_string());
        } else if let Some(u) = n.unit
            && !is_date
        {
            caption.push(u.to_string());
        }
    }
    if log {
        caption.push("log scale".into());
    }
    let height = top + rows.len() as f64 * row_h + if caption.is_empty() { 34.0 } else { 50.0 };
    let mut s = String::new();
    let title = format!("{} — {}", g.key.subject_name, g.key.property_name);
    let _ = write!(
        s,
        r#"<svg class="chart" role="img" viewBox="0 0 {w} {height}" width="{w}" height="{height}" data-subject="{}" data-property="{}" aria-label="{}"><title>{}</title>"#,
        esc(&g.key.subject),
        esc(&g.key.property),
        esc(&title),
        esc(&title),
        w = left + width + 70.0,
    );
    // Markers and patterns are defined once per page (see DEFS), not once per chart.
    // The gap of a conflict: between the lowest upper end and the highest lower end.
    if g.verdict == crate::compare::Verdict::Conflict {
        let main: Vec<&Row> = rows.iter().filter(|r| r.related.is_none()).collect();
        let min_high = main
            .iter()
            .filter_map(|r| r.high)
            .fold(f64::INFINITY, f64::min);
        let max_low = main
            .iter()
            .filter_map(|r| r.low)
            .fold(f64::NEG_INFINITY, f64::max);
        if min_high.is_finite() && max_low.is_finite() && max_low > min_high {
            let _ = write!(
                s,
                r#"<rect class="gap" x="{:.1}" y="{top}" width="{:.1}" height="{:.1}" fill="url(#hatch)"><title>gap between the values</title></rect>"#,
                x(min_high),
                (x(max_low) - x(min_high)).max(2.0),
                rows.len() as f64 * row_h
            );
        }
    }
    for (i, (row, label)) in rows.iter().zip(&labels).enumerate() {
        let y = top + i as f64 * row_h + row_h / 2.0;
        let muted = row.related.is_some();
        let color = if muted { "#9a9a9a" } else { "#0072B2" };
        let dash = if muted {
            r#" stroke-dasharray="5 3""#
        } else {
            ""
        };
        let c = row.claim;
        let shown: String = if label.chars().count() > MAX_LABEL {
            let cut: String = label.chars().take(MAX_LABEL - 1).collect();
            format!("{cut}…")
        } else {
            label.clone()
        };
        let _ = write!(
            s,
            r#"<g class="row{}" data-source="{}"><text x="{}" y="{}" text-anchor="end">{}</text>"#,
            if muted { " related" } else { "" },
            esc(&c.source),
            left - 8.0,
            y + 4.0,
            esc(&shown)
        );
        let _ = write!(
            s,
            "<title>{}: {}{}</title>",
            esc(label),
            esc(&c.stated),
            row.related
                .map(|d| format!(" (related, {})", esc(d)))
                .unwrap_or_default()
        );
        let x0 = row.low.map_or(left - 4.0, x);
        let x1 = row.high.map_or(left + width + 4.0, x);
        if (x1 - x0).abs() < 0.5 {
            let fill = if c.normalized.low_inclusive {
                color
            } else {
                "#fff"
            };
            let _ = write!(
                s,
                r#"<circle cx="{x0:.1}" cy="{y}" r="5" fill="{fill}" stroke="{color}" stroke-width="2"/>"#
            );
        } else {
            let start = if row.low.is_none() {
                r#" marker-start="url(#arrow)""#
            } else {
                ""
            };
            let end = if row.high.is_none() {
                r#" marker-end="url(#arrow)""#
            } else {
                ""
            };
            let _ = write!(
                s,
                r#"<line x1="{x0:.1}" y1="{y}" x2="{x1:.1}" y2="{y}" stroke="{color}" stroke-width="5"{dash}{start}{end}/>"#
            );
            for (end, inclusive, present) in [
                (x0, c.normalized.low_inclusive, row.low.is_some()),
                (x1, c.normalized.high_inclusive, row.high.is_some()),
            ] {
                if present {
                    let fill = if inclusive { color } else { "#fff" };
                    let _ = write!(
                        s,
                        r#"<circle cx="{end:.1}" cy="{y}" r="4" fill="{fill}" stroke="{color}" stroke-width="2"/>"#
                    );
                }
            }
        }
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" class="muted">{}</text></g>"#,
            left + width + 8.0,
            y + 4.0,
            if muted { "~" } else { "" }
        );
    }
    // Axis with five ticks.
    let axis_y = top + rows.len() as f64 * row_h + 6.0;
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{axis_y}" x2="{}" y2="{axis_y}" stroke="#555"/>"##,
        left + width
    );
    // Ticks at round values, each at the place of its value.
    for (t, label) in &axis.ticks {
        let xx = left + (t - a0) / (a1 - a0) * width;
        let _ = write!(
            s,
            r##"<line x1="{xx:.1}" y1="{axis_y}" x2="{xx:.1}" y2="{}" stroke="#555"/><text x="{xx:.1}" y="{}" text-anchor="middle">{}</text>"##,
            axis_y + 4.0,
            axis_y + 18.0,
            esc(label)
        );
    }
    if !caption.is_empty() {
        let _ = write!(
            s,
            r#"<text class="caption muted" x="{}" y="{}" text-anchor="end">{}</text>"#,
            left + width,
            axis_y + 34.0,
            esc(&caption.join(", "))
        );
    }
    s.push_str("</svg>");
    s
}

fn evidence(c: &ClaimEntry, sources: &HashMap<&str, &SourceEntry>) -> String {
    let mut s = String::new();
    let mut summary = format!("{}: {}", esc(&c.source), esc(&c.stated));
    if c.negated {
        summary.push_str(" <em>(denied)</em>");
    }
    if c.hedge != "stated" {
        summary.push_str(&format!(" <span class=\"muted\">[{}]</span>", esc(c.hedge)));
    }
    if let Some(a) = &c.attribution {
        summary.push_str(&format!(" <span class=\"muted\">per {}</span>", esc(a)));
    }
    let _ = write!(
        s,
        r#"<details class="claim" data-source="{}"><summary>{summary}</summary>"#,
        esc(&c.source)
    );
    match (&c.context, &c.quote) {
        (Some(ctx), _)
            if ctx.sentence.is_char_boundary(ctx.start)
                && ctx.sentence.is_char_boundary(ctx.end)
                && ctx.start <= ctx.end =>
        {
            let _ = write!(
                s,
                "<blockquote>{}<mark>{}</mark>{}</blockquote>",
                esc(&ctx.sentence[..ctx.start]),
                esc(&ctx.sentence[ctx.start..ctx.end]),
                esc(&ctx.sentence[ctx.end..])
            );
        }
        (_, Some(q)) => {
            let _ = write!(s, "<blockquote><mark>{}</mark></blockquote>", esc(q));
        }
        _ => {}
    }
    s.push_str("<dl>");
    if let Some(src) = sources.get(c.source.as_str()) {
        let _ = write!(
            s,
            "<dt>source</dt><dd>{}</dd><dt>publisher</dt><dd>{}</dd><dt>published</dt><dd>{}</dd>",
            esc(&src.title),
            esc(&src.publisher),
            esc(&src.published)
        );
        if let Some(u) = &src.url {
            match safe_url(u) {
                Some(href) => {
                    let _ = write!(
                        s,
                        r#"<dt>url</dt><dd><a href="{href}" rel="noopener noreferrer">{href}</a></dd>"#
                    );
                }
                None => {
                    let _ = write!(s, "<dt>url</dt><dd>{}</dd>", esc(u));
                }
            }
        }
    }
    let _ = write!(s, "<dt>read as</dt><dd>{}</dd>", esc(&c.normalized.rule));
    if let Some(a) = &c.attribution {
        let _ = write!(s, "<dt>attribution</dt><dd>{}</dd>", esc(a));
    }
    let _ = write!(s, "<dt>hedge</dt><dd>{}</dd>", esc(c.hedge));
    if let Some(a) = &c.as_of {
        let _ = write!(s, "<dt>as of</dt><dd>{}</dd>", esc(a));
    }
    let _ = write!(
        s,
        "<dt>claim</dt><dd><code>{}:{}</code> ({})</dd>",
        esc(&c.file),
        c.line,
        esc(&c.id)
    );
    s.push_str("</dl></details>");
    s
}

/// The whole page.
pub fn html(r: &Report, title: &str) -> String {
    let sources: HashMap<&str, &SourceEntry> =
        r.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut out = String::with_capacity(4096 + r.groups.len() * 2048);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{}'; img-src data:\"><title>{}</title><style>{CSS}</style></head><body>",
        sha256_base64(SCRIPT),
        esc(title)
    );
    let _ = write!(
        out,
        "<header><h1>{}</h1><p class=\"muted\">{} from {} in {}.</p><ul class=\"counts\" id=\"verdict-counts\">",
        esc(title),
        crate::text::plural(r.summary.groups, "fact", "facts"),
        crate::text::plural(r.summary.claims, "claim", "claims"),
        crate::text::plural(r.summary.sources, "source", "sources")
    );
    for (v, n) in &r.summary.verdicts {
        let _ = write!(
            out,
            "<li class=\"v-{v}\" data-verdict=\"{v}\"><b class=\"count\">{n}</b> {v}</li>"
        );
    }
    out.push_str("</ul>");
    let errors: Vec<String> = r
        .input_errors()
        .map(|f| {
            format!(
                "<li><code>{}</code></li>",
                esc(&super::data::input_error_line(f))
            )
        })
        .collect();
    if !errors.is_empty() {
        let _ = write!(
            out,
            "<div class=\"incomplete\" role=\"alert\"><p><b>Incomplete:</b> {} {} left part of the dossier unread; this report leaves out what it says.</p><ul>{}</ul></div>",
            errors.len(),
            if errors.len() == 1 {
                "input error"
            } else {
                "input errors"
            },
            errors.concat()
        );
    }
    out.push_str("</header>");
    // Filters.
    let mut subjects: Vec<(&str, &str)> = r
        .groups
        .iter()
        .map(|g| (g.key.subject.as_str(), g.key.subject_name.as_str()))
        .collect();
    subjects.sort_by_key(|s| s.1.to_lowercase());
    subjects.dedup();
    out.push_str("<form class=\"filters\" onsubmit=\"return false\"><label>verdict <select id=\"f-verdict\"><option value=\"\">all</option>");
    for v in crate::compare::Verdict::ALL {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", v.name());
    }
    out.push_str(
        "</select></label><label>subject <select id=\"f-subject\"><option value=\"\">all</option>",
    );
    for (id, name) in &subjects {
        let _ = write!(out, "<option value=\"{}\">{}</option>", esc(id), esc(name));
    }
    out.push_str(
        "</select></label><label>source <select id=\"f-source\"><option value=\"\">all</option>",
    );
    for s in &r.sources {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            esc(&s.id),
            esc(&s.id)
        );
    }
    let _ = write!(
        out,
        "</select></label><span class=\"muted\"><span id=\"shown\">{}</span> shown</span></form>",
        r.groups.len()
    );

    out.push_str(DEFS);
    out.push_str("<main>");
    let lazy = r.groups.len() >= LAZY_FROM;
    let mut heavy: Vec<String> = Vec::new();
    for (gi, g) in r.groups.iter().enumerate() {
        let mut srcs: Vec<&str> = g.claims.iter().map(|c| c.source.as_str()).collect();
        srcs.sort_unstable();
        srcs.dedup();
        let v = g.verdict.name();
        let _ = write!(
            out,
            "<section class=\"group v-{v}\" id=\"g{gi}\" data-verdict=\"{v}\" data-subject=\"{}\" data-property=\"{}\" data-sources=\"{}\"><h3><span class=\"badge\">{v}</span>{} {} — {}{}</h3>",
            esc(&g.key.subject),
            esc(&g.key.property),
            esc(&srcs.join(" ")),
            g.acknowledgement()
                .map(|a| format!(" <span class=\"badge ack\">{a}</span>"))
                .unwrap_or_default(),
            esc(&g.key.subject_name),
            esc(&g.key.property_name),
            g.key
                .scope
                .as_ref()
                .map(|s| format!(" <span class=\"muted\">(scope: {})</span>", esc(s)))
                .unwrap_or_default()
        );
        if let Some(ack) = g.acknowledgement() {
            let _ = write!(
                out,
                "<p class=\"ack\"><b>{ack}</b> in claims/accepted.yaml: {}</p>",
                g.acknowledged
                    .iter()
                    .map(|r| esc(r))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
        let _ = write!(
            out,
            "<p class=\"reason\">{}</p><p class=\"muted\">{} source{}, {} independent</p>",
            esc(&g.reason),
            g.sources,
            if g.sources == 1 { "" } else { "s" },
            g.independent_sources
        );
        let mut body = String::new();
        if is_chartable(g) {
            body.push_str(&chart(r, g));
        }
        for c in &g.claims {
            body.push_str(&evidence(c, &sources));
        }
        for rel in &g.related {
            let _ = write!(
                body,
                "<p class=\"muted\">~ related (<a href=\"#g{}\">{}</a>): {}</p>",
                rel.group,
                esc(&rel.differs),
                esc(&rel.stated.join("; "))
            );
        }
        if lazy {
            let _ = write!(out, "<div class=\"lazy\" data-i=\"{}\"></div>", heavy.len());
            heavy.push(body);
        } else {
            out.push_str(&body);
        }
        out.push_str("</section>");
    }
    out.push_str("</main><h2 id=\"sources\">Sources</h2><table><thead><tr><th>source</th><th>publisher</th><th>published</th><th>claims</th><th>relays</th><th>facts by verdict</th></tr></thead><tbody>");
    for s in &r.sources {
        let verdicts: Vec<String> = s.verdicts.iter().map(|(v, n)| format!("{n} {v}")).collect();
        let relays = if s.derived_from.is_empty() {
            s.same_origin_as.join(", ")
        } else {
            format!("derived from {}", s.derived_from.join(", "))
        };
        let _ = write!(
            out,
            "<tr class=\"source\" data-source=\"{}\"><td><b>{}</b><br><span class=\"muted\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s.id),
            esc(&s.id),
            esc(&s.title),
            esc(&s.publisher),
            esc(&s.published),
            s.claims,
            esc(&relays),
            esc(&verdicts.join(", "))
        );
    }
    out.push_str("</tbody></table>");
    if lazy {
        // A data block, never executed. `<` is escaped so no text inside can close the element.
        let json = serde_json::to_string(&heavy)
            .unwrap_or_else(|_| "[]".into())
            .replace('<', "\\u003c");
        let _ = write!(
            out,
            "<script type=\"application/json\" id=\"heavy\">{json}</script>"
        );
    }
    let _ = writeln!(out, "<script>{SCRIPT}</script></body></html>");
    out
}

/// Base64 of the SHA-256 of the inline script, for the Content-Security-Policy that lets
/// exactly that script run and nothing else: even if escaping were ever wrong, an injected
/// `<script>` would not execute.
fn sha256_base64(text: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_markup() {
        assert_eq!(
            esc("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(esc("\"><img onerror=x>"), "&quot;&gt;&lt;img onerror=x&gt;");
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert!(
            safe_url("https://example.org/a?b=1&c=2")
                .unwrap()
                .contains("&amp;")
        );
    }

    #[test]
    fn the_policy_hash_is_sha256_in_base64() {
        assert_eq!(
            sha256_base64("abc"),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
    }
}
