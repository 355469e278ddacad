//! A self-contained HTML discrepancy report: no network, no external scripts, fonts or
//! styles; it works from a file:// URL and as an email attachment. Each quantitative fact gets
//! a number line (inline SVG) with every source's interval; every claim's evidence is one
//! click away. All text from claim files and seeds is escaped.

use super::data::{ClaimEntry, GroupEntry, Report, SourceEntry};
use crate::model::Date;
use maud::{DOCTYPE, Markup, PreEscaped, Render, html};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Text from claim files and seeds, as the page shows it. maud escapes every splice; this
/// escaping adds to it what a report of untrusted text needs: `'` as well, and hidden
/// characters (bidi overrides, zero-width and control characters) shown as `\u{...}` instead
/// of interpreted, so they cannot reorder or hide what the reader sees.
struct Text<'a>(&'a str);

impl Render for Text<'_> {
    fn render_to(&self, out: &mut String) {
        out.reserve(self.0.len());
        for c in self.0.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c if c != '\n' && c != '\t' && super::escape::is_hidden(c) => {
                    let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
                }
                c => out.push(c),
            }
        }
    }
}

/// A coordinate to a tenth of a pixel.
struct Px(f64);

impl Render for Px {
    fn render_to(&self, out: &mut String) {
        let _ = write!(out, "{:.1}", self.0);
    }
}

/// A URL is linked only when it is http(s); anything else (javascript:, data:) is shown as text.
fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(url)
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

/// The page's Content-Security-Policy: exactly the inline script above may run (by its
/// SHA-256, checked against [`SCRIPT`] by a test), so even if escaping were ever wrong an
/// injected `<script>` would not execute.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-LO26zb6Pz1jCMKEKr/VCCMaht0kJ14ryQ7Kx9aUspm8='; img-src data:";

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
    claim: &'a ClaimEntry<'a>,
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

/// The longest row label a chart shows whole.
const MAX_LABEL: usize = 60;

/// The number line of one quantitative fact, with related scopes in a muted colour.
fn chart(r: &Report, g: &GroupEntry) -> Markup {
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
        *per_source.entry(row.claim.source).or_default() += 1;
    }
    let labels: Vec<String> = rows
        .iter()
        .map(|row| {
            let c = row.claim;
            let mut label = if per_source[c.source] > 1 {
                format!("{} · {}", c.source, c.id)
            } else {
                c.source.to_string()
            };
            if let Some(a) = &c.as_of {
                label = format!("{a} · {label}");
            }
            label
        })
        .collect();
    // The label column is as wide as the longest label needs (about 7 px a character at the
    // chart's font size), within bounds; a longer label is shortened, whole in its tooltip.
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
    let title = format!("{} — {}", g.key.subject_name, g.key.property_name);
    let w = left + width + 70.0;
    // The gap of a conflict: between the lowest upper end and the highest lower end.
    let mut gap = None;
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
            gap = Some((x(min_high), (x(max_low) - x(min_high)).max(2.0)));
        }
    }
    let axis_y = top + rows.len() as f64 * row_h + 6.0;
    // Markers and patterns are defined once per page (see DEFS), not once per chart.
    html! {
        svg class="chart" role="img" viewBox={ "0 0 " (w) " " (height) } width=(w) height=(height)
            data-subject=(Text(&g.key.subject)) data-property=(Text(&g.key.property))
            aria-label=(Text(&title)) {
            title { (Text(&title)) }
            @if let Some((gx, gw)) = gap {
                rect class="gap" x=(Px(gx)) y=(top) width=(Px(gw)) height=(Px(rows.len() as f64 * row_h)) fill="url(#hatch)" {
                    title { "gap between the values" }
                }
            }
            @for (i, (row, label)) in rows.iter().zip(&labels).enumerate() {
                (chart_row(row, label, top + i as f64 * row_h + row_h / 2.0, left, width, &x))
            }
            // Axis, with ticks at round values, each at the place of its value.
            line x1=(left) y1=(axis_y) x2=(left + width) y2=(axis_y) stroke="#555" {}
            @for (t, label) in &axis.ticks {
                @let xx = left + (t - a0) / (a1 - a0) * width;
                line x1=(Px(xx)) y1=(axis_y) x2=(Px(xx)) y2=(axis_y + 4.0) stroke="#555" {}
                text x=(Px(xx)) y=(axis_y + 18.0) text-anchor="middle" { (Text(label)) }
            }
            @if !caption.is_empty() {
                text class="caption muted" x=(left + width) y=(axis_y + 34.0) text-anchor="end" {
                    (Text(&caption.join(", ")))
                }
            }
        }
    }
}

/// One row of a chart: the label, the interval as a line (open ends as arrows) or a point,
/// its ends filled when inclusive.
fn chart_row(
    row: &Row,
    label: &str,
    y: f64,
    left: f64,
    width: f64,
    x: &dyn Fn(f64) -> f64,
) -> Markup {
    let muted = row.related.is_some();
    let color = if muted { "#9a9a9a" } else { "#0072B2" };
    let c = row.claim;
    let shown: String = if label.chars().count() > MAX_LABEL {
        let cut: String = label.chars().take(MAX_LABEL - 1).collect();
        format!("{cut}…")
    } else {
        label.to_string()
    };
    let x0 = row.low.map_or(left - 4.0, x);
    let x1 = row.high.map_or(left + width + 4.0, x);
    let fill = |inclusive: bool| if inclusive { color } else { "#fff" };
    html! {
        g class={ "row" @if muted { " related" } } data-source=(Text(c.source)) {
            text x=(left - 8.0) y=(y + 4.0) text-anchor="end" { (Text(&shown)) }
            title {
                (Text(label)) ": " (Text(c.stated))
                @if let Some(d) = row.related { " (related, " (Text(d)) ")" }
            }
            @if (x1 - x0).abs() < 0.5 {
                circle cx=(Px(x0)) cy=(y) r="5" fill=(fill(c.normalized.low_inclusive)) stroke=(color) stroke-width="2" {}
            } @else {
                line x1=(Px(x0)) y1=(y) x2=(Px(x1)) y2=(y) stroke=(color) stroke-width="5"
                    stroke-dasharray=[muted.then_some("5 3")]
                    marker-start=[row.low.is_none().then_some("url(#arrow)")]
                    marker-end=[row.high.is_none().then_some("url(#arrow)")] {}
                @for (end, inclusive, present) in [
                    (x0, c.normalized.low_inclusive, row.low.is_some()),
                    (x1, c.normalized.high_inclusive, row.high.is_some()),
                ] {
                    @if present {
                        circle cx=(Px(end)) cy=(y) r="4" fill=(fill(inclusive)) stroke=(color) stroke-width="2" {}
                    }
                }
            }
            text x=(left + width + 8.0) y=(y + 4.0) class="muted" { @if muted { "~" } }
        }
    }
}

/// One claim's evidence: the quote in its sentence, the source, and how the value was read.
fn evidence(c: &ClaimEntry, sources: &HashMap<&str, &SourceEntry>) -> Markup {
    let quote = match (&c.context, &c.quote) {
        (Some(ctx), _)
            if ctx.sentence.is_char_boundary(ctx.start)
                && ctx.sentence.is_char_boundary(ctx.end)
                && ctx.start <= ctx.end =>
        {
            Some((
                &ctx.sentence[..ctx.start],
                &ctx.sentence[ctx.start..ctx.end],
                &ctx.sentence[ctx.end..],
            ))
        }
        (_, Some(q)) => Some(("", *q, "")),
        _ => None,
    };
    html! {
        details class="claim" data-source=(Text(c.source)) {
            summary {
                (Text(c.source)) ": " (Text(c.stated))
                @if c.negated { " " em { "(denied)" } }
                @if c.hedge != "stated" { " " span class="muted" { "[" (Text(c.hedge)) "]" } }
                @if let Some(a) = &c.attribution { " " span class="muted" { "per " (Text(a)) } }
            }
            @if let Some((before, quoted, after)) = quote {
                blockquote { (Text(before)) mark { (Text(quoted)) } (Text(after)) }
            }
            dl {
                @if let Some(src) = sources.get(c.source) {
                    dt { "source" } dd { (Text(&src.title)) }
                    dt { "publisher" } dd { (Text(&src.publisher)) }
                    dt { "published" } dd { (Text(&src.published)) }
                    @if let Some(u) = &src.url {
                        dt { "url" }
                        dd {
                            @if let Some(href) = safe_url(u) {
                                a href=(Text(href)) rel="noopener noreferrer" { (Text(href)) }
                            } @else {
                                (Text(u))
                            }
                        }
                    }
                }
                dt { "read as" } dd { (Text(&c.normalized.rule)) }
                @if let Some(a) = &c.attribution { dt { "attribution" } dd { (Text(a)) } }
                dt { "hedge" } dd { (Text(c.hedge)) }
                @if let Some(a) = &c.as_of { dt { "as of" } dd { (Text(a)) } }
                dt { "claim" } dd { code { (Text(c.file)) ":" (c.line) } " (" (Text(c.id)) ")" }
            }
        }
    }
}

/// One fact: verdict, names, reason, and (drawn at once or lazily) its chart and evidence.
fn section(
    r: &Report,
    gi: usize,
    g: &GroupEntry,
    lazy: Option<usize>,
    sources: &HashMap<&str, &SourceEntry>,
) -> Markup {
    let mut srcs: Vec<&str> = g.claims.iter().map(|c| c.source).collect();
    srcs.sort_unstable();
    srcs.dedup();
    let v = g.verdict.name();
    html! {
        section class={ "group v-" (v) } id={ "g" (gi) } data-verdict=(v)
            data-subject=(Text(&g.key.subject)) data-property=(Text(&g.key.property))
            data-sources=(Text(&srcs.join(" "))) {
            h3 {
                span class="badge" { (v) }
                @if let Some(a) = g.acknowledgement() { " " span class="badge ack" { (a) } }
                " " (Text(&g.key.subject_name)) " — " (Text(&g.key.property_name))
                @if let Some(s) = &g.key.scope { " " span class="muted" { "(scope: " (Text(s)) ")" } }
            }
            @if let Some(ack) = g.acknowledgement() {
                p class="ack" { b { (ack) } " in claims/accepted.yaml: " (Text(&g.acknowledged.join("; "))) }
            }
            p class="reason" { (Text(&g.reason)) }
            p class="muted" {
                (g.sources) " source" @if g.sources != 1 { "s" } ", " (g.independent_sources) " independent"
            }
            @match lazy {
                Some(i) => div class="lazy" data-i=(i) {},
                None => (details_of(r, g, sources)),
            }
        }
    }
}

/// A fact's chart, evidence and related scopes: the heavy part, drawn lazily on long pages.
fn details_of(r: &Report, g: &GroupEntry, sources: &HashMap<&str, &SourceEntry>) -> Markup {
    html! {
        @if is_chartable(g) { (chart(r, g)) }
        @for c in &g.claims { (evidence(c, sources)) }
        @for rel in &g.related {
            p class="muted" {
                "~ related (" a href={ "#g" (rel.group) } { (Text(&rel.differs)) } "): "
                (Text(&rel.stated.join("; ")))
            }
        }
    }
}

/// The whole page.
pub fn html(r: &Report, title: &str) -> String {
    let sources: HashMap<&str, &SourceEntry> =
        r.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let errors: Vec<String> = r
        .input_errors()
        .map(super::data::input_error_line)
        .collect();
    let mut subjects: Vec<(&str, &str)> = r
        .groups
        .iter()
        .map(|g| (g.key.subject.as_str(), g.key.subject_name.as_str()))
        .collect();
    subjects.sort_by_key(|s| s.1.to_lowercase());
    subjects.dedup();
    let lazy = r.groups.len() >= LAZY_FROM;
    // On long pages each fact's heavy part waits in a JSON data block, by index.
    let mut heavy: Vec<String> = Vec::new();
    let page = html! {
        (DOCTYPE) "\n"
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(POLICY);
                title { (Text(title)) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (Text(title)) }
                    p class="muted" {
                        (crate::text::plural(r.summary.groups, "fact", "facts")) " from "
                        (crate::text::plural(r.summary.claims, "claim", "claims")) " in "
                        (crate::text::plural(r.summary.sources, "source", "sources")) "."
                    }
                    ul class="counts" id="verdict-counts" {
                        @for (v, n) in &r.summary.verdicts {
                            li class={ "v-" (v) } data-verdict=(v) { b class="count" { (n) } " " (v) }
                        }
                    }
                    @if !errors.is_empty() {
                        div class="incomplete" role="alert" {
                            p {
                                b { "Incomplete:" } " " (errors.len())
                                @if errors.len() == 1 { " input error" } @else { " input errors" }
                                " left part of the dossier unread; this report leaves out what it says."
                            }
                            ul { @for e in &errors { li { code { (Text(e)) } } } }
                        }
                    }
                }
                form class="filters" onsubmit="return false" {
                    label { "verdict " select id="f-verdict" {
                        option value="" { "all" }
                        @for v in crate::compare::Verdict::ALL { option value=(v.name()) { (v.name()) } }
                    } }
                    label { "subject " select id="f-subject" {
                        option value="" { "all" }
                        @for (id, name) in &subjects { option value=(Text(id)) { (Text(name)) } }
                    } }
                    label { "source " select id="f-source" {
                        option value="" { "all" }
                        @for s in &r.sources { option value=(Text(&s.id)) { (Text(&s.id)) } }
                    } }
                    span class="muted" { span id="shown" { (r.groups.len()) } " shown" }
                }
                (PreEscaped(DEFS))
                main {
                    @for (gi, g) in r.groups.iter().enumerate() {
                        @let at = lazy.then(|| {
                            heavy.push(details_of(r, g, &sources).into_string());
                            heavy.len() - 1
                        });
                        (section(r, gi, g, at, &sources))
                    }
                }
                h2 id="sources" { "Sources" }
                table {
                    thead { tr {
                        th { "source" } th { "publisher" } th { "published" } th { "claims" }
                        th { "relays" } th { "facts by verdict" }
                    } }
                    tbody {
                        @for s in &r.sources { (source_row(s)) }
                    }
                }
                @if lazy {
                    // A data block, never executed. `<` is escaped so no text inside can close
                    // the element.
                    script type="application/json" id="heavy" {
                        (PreEscaped(serde_json::to_string(&heavy)
                            .unwrap_or_else(|_| "[]".into())
                            .replace('<', "\\u003c")))
                    }
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

fn source_row(s: &SourceEntry) -> Markup {
    let verdicts: Vec<String> = s.verdicts.iter().map(|(v, n)| format!("{n} {v}")).collect();
    let relays = if s.derived_from.is_empty() {
        s.same_origin_as.join(", ")
    } else {
        format!("derived from {}", s.derived_from.join(", "))
    };
    html! {
        tr class="source" data-source=(Text(&s.id)) {
            td { b { (Text(&s.id)) } br; span class="muted" { (Text(&s.title)) } }
            td { (Text(&s.publisher)) }
            td { (Text(&s.published)) }
            td { (s.claims) }
            td { (Text(&relays)) }
            td { (Text(&verdicts.join(", "))) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        html! { (Text(s)) }.into_string()
    }

    #[test]
    fn escaping_neutralises_markup_and_shows_hidden_characters() {
        assert_eq!(
            text("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            text("\"><img onerror=x> 'a' & b"),
            "&quot;&gt;&lt;img onerror=x&gt; &#39;a&#39; &amp; b"
        );
        assert_eq!(text("a\u{202E}b\tc\nd"), "a\\u{202E}b\tc\nd");
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(
            safe_url(" HTTPS://example.org/a "),
            Some("HTTPS://example.org/a")
        );
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_script() {
        use base64::Engine as _;
        use sha2::Digest as _;
        let hash = base64::engine::general_purpose::STANDARD
            .encode(sha2::Sha256::digest(SCRIPT.as_bytes()));
        assert!(
            POLICY.contains(&format!("script-src 'sha256-{hash}';")),
            "the inline script changed: its hash is now {hash}; put it in POLICY"
        );
    }
}
