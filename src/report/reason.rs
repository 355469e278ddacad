//! A group's reason, from the data the comparison decided to the sentence every format
//! shows: the verdict's reason, then what was set aside, the contested voices, and who
//! relays whom.

use crate::compare::{Comparison, Group, Reason, SetAside, claim_label, date_interval, voice};
use crate::model::{Dossier, ValueKind, fmt_num};

/// At most this many moments of a timeline are written out.
const TIMELINE_SHOWN: usize = 12;
/// A value quoted in a reason is cut after this many bytes.
const MAX_QUOTED: usize = 200;

/// A claim's value as a reason quotes it, cut so that a 50 MB value cannot make a 50 MB reason.
fn q(value: &str) -> std::borrow::Cow<'_, str> {
    super::escape::truncate(value, MAX_QUOTED)
}

/// At most [`MAX_LISTED`] items joined by `sep`, then how many more `what` there are: a
/// reason stays short however many claims a fact has.
fn listed(items: impl ExactSizeIterator<Item = String>, sep: &str, what: &str) -> String {
    let total = items.len();
    let mut s = items.take(MAX_LISTED).collect::<Vec<_>>().join(sep);
    if total > MAX_LISTED {
        s.push_str(&format!("{sep}and {} more {what}", total - MAX_LISTED));
    }
    s
}

/// The whole reason of group `gi`.
pub fn render(d: &Dossier, cmp: &Comparison, gi: usize) -> String {
    let g = &cmp.groups[gi];
    let mut out = verdict_reason(d, cmp, g);
    let notes = notes(d, g);
    if !notes.is_empty() {
        out.push_str("; ");
        out.push_str(&notes.join("; "));
    }
    if g.independent_sources < g.sources && !matches!(g.reason, Reason::OneSource { .. }) {
        out.push_str(&format!(
            "; only {} of {} sources are independent ({})",
            g.independent_sources,
            g.sources,
            relays(d, cmp, g)
        ));
    }
    out
}

fn verdict_reason(d: &Dossier, cmp: &Comparison, g: &Group) -> String {
    let prop = &d.properties[g.property as usize];
    let is_date = prop.kind == ValueKind::Date;
    let value = |c: u32| format!("\"{}\"", q(&d.claims[c as usize].value));
    match &g.reason {
        Reason::AllDeny => "every claim denies it".into(),
        Reason::Agree { claims } => {
            if is_date {
                format!("all {claims} readable claims state the same dates")
            } else {
                match prop.tolerance {
                    Some(t) => format!(
                        "all {claims} readable claims state the same value within the declared {}% tolerance",
                        fmt_num(t * 100.0)
                    ),
                    None => format!("all {claims} readable claims state the same value"),
                }
            }
        }
        Reason::Overlap { common } => {
            let unit = prop
                .unit
                .as_deref()
                .filter(|_| !is_date && prop.kind != ValueKind::Money)
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            format!(
                "the values overlap but are not the same: every claim allows {}{unit} ({})",
                if is_date {
                    date_interval(*common)
                } else {
                    common.to_string()
                },
                cluster_list(d, g)
            )
        }
        Reason::Related { pairs } => {
            let explained = pairs.iter().map(|p| {
                let (a, b) = (&d.claims[p.a as usize], &d.claims[p.b as usize]);
                match prop.kind {
                    ValueKind::Entity => format!("{} is part of {}", q(&a.value), q(&b.value)),
                    _ => format!(
                        "\"{}\" and \"{}\" differ only in detail",
                        q(&a.value),
                        q(&b.value)
                    ),
                }
            });
            listed(explained, "; ", "related pairs")
        }
        Reason::SeveralValues { values } => format!(
            "{} can take several values; the sources name {values} different ones",
            prop.name
        ),
        Reason::Denied { affirmed, denied } => format!(
            "{} affirms {}, but {} denies it",
            voice(d, &d.claims[*affirmed as usize]),
            value(*affirmed),
            voice(d, &d.claims[*denied as usize])
        ),
        Reason::Conflict { pair, conflicts } => {
            let more = if *conflicts > 1 {
                format!(" ({conflicts} conflicts between adjacent values)")
            } else {
                String::new()
            };
            format!(
                "{} and {} cannot both be true{more}; values: {}",
                claim_label(d, pair.a),
                claim_label(d, pair.b),
                cluster_list(d, g)
            )
        }
        Reason::OrderUnknown { pair, count } => {
            let more = if *count > 1 {
                format!(" ({count} such pairs)")
            } else {
                String::new()
            };
            format!(
                "{} changes, but the order of {} ({}) and {} ({}) cannot be told{more}",
                prop.name,
                claim_label(d, pair.a),
                crate::compare::time_of(d, pair.a),
                claim_label(d, pair.b),
                crate::compare::time_of(d, pair.b)
            )
        }
        Reason::Revised { timeline, falls } => {
            let step = |c: &u32| {
                format!(
                    "{} ({})",
                    d.claims[*c as usize].value,
                    crate::compare::time_of(d, *c)
                )
            };
            let mut steps: Vec<String> = timeline.iter().take(TIMELINE_SHOWN).map(step).collect();
            if timeline.len() > TIMELINE_SHOWN {
                steps.push(format!("... {} more", timeline.len() - TIMELINE_SHOWN));
            }
            format!(
                "{} changes over time: {}{}",
                prop.name,
                steps.join(" -> "),
                if *falls > 0 {
                    "; the total FALLS, which a cumulative figure should not"
                } else {
                    ""
                }
            )
        }
        Reason::TooFewComparable { readable } => format!(
            "{} readable claim{} left to compare once the others were set aside",
            readable,
            if *readable == 1 { "" } else { "s" }
        ),
        Reason::OneSource { claims } => {
            let only = g
                .claims
                .first()
                .map(|&c| d.sources[d.claims[c as usize].source as usize].id.as_str())
                .unwrap_or("");
            if *claims > 1 {
                format!("only {only} states this ({claims} claims); uncorroborated")
            } else {
                format!("only {only} states this; uncorroborated")
            }
        }
        Reason::ScopeDiffers { other } => {
            let other = &cmp.groups[*other as usize];
            let mine = g
                .claims
                .first()
                .map(|&c| d.sources[d.claims[c as usize].source as usize].id.as_str())
                .unwrap_or("");
            format!(
                "only {mine} states this figure for scope \"{}\"; other sources count \"{}\" ({}), so the figures differ in what they count, not necessarily in fact",
                g.scope.as_deref().unwrap_or("(none)"),
                other.scope.as_deref().unwrap_or("(none)"),
                listed(
                    other.values.iter().map(|v| q(&v.stated).into_owned()),
                    ", ",
                    "values"
                )
            )
        }
    }
}

/// The clusters by value, each as stated with its number of sources.
fn cluster_list(d: &Dossier, g: &Group) -> String {
    const SHOWN: usize = 8;
    let mut parts: Vec<String> = g
        .values
        .iter()
        .take(SHOWN)
        .map(|v| {
            format!(
                "\"{}\" ({} source{})",
                q(&v.stated),
                v.sources,
                if v.sources == 1 { "" } else { "s" }
            )
        })
        .collect();
    if g.values.len() > SHOWN {
        parts.push(format!("{} more", g.values.len() - SHOWN));
    }
    let numeric = !matches!(
        d.properties[g.property as usize].kind,
        ValueKind::Entity | ValueKind::Text | ValueKind::NameList
    );
    parts.join(if numeric { " < " } else { ", " })
}

/// Set-aside claims and contested voices, beside the verdict.
fn notes(d: &Dossier, g: &Group) -> Vec<String> {
    let mut out: Vec<String> = g.money.iter().cloned().collect();
    let (mut unreadable, mut superseded) = (Vec::new(), Vec::new());
    let mut other_dims: Vec<String> = Vec::new();
    for (c, why) in &g.set_aside {
        let cl = &d.claims[*c as usize];
        match why {
            SetAside::Unreadable => unreadable.push(format!("\"{}\"", q(&cl.value))),
            SetAside::Superseded => superseded.push(format!("\"{}\"", q(&cl.value))),
            SetAside::OtherDimension { dim, judged } => other_dims.push(format!(
                "\"{}\" ({})",
                q(&cl.value),
                crate::compare::dimension_note(*dim, *judged)
            )),
        }
    }
    if !unreadable.is_empty() {
        out.push(format!(
            "set aside, unreadable: {}",
            listed(unreadable.into_iter(), ", ", "values")
        ));
    }
    if !other_dims.is_empty() {
        out.push(format!(
            "set aside: {}",
            listed(other_dims.into_iter(), ", ", "values")
        ));
    }
    if !superseded.is_empty() {
        out.push(format!(
            "set aside as earlier figures the source itself superseded: {}",
            listed(superseded.into_iter(), ", ", "values")
        ));
    }
    let (mut disputing, mut concurring) = (Vec::new(), Vec::new());
    for c in &g.contested {
        let cl = &d.claims[c.claim as usize];
        let who = format!("{} [{}]: {}", voice(d, cl), cl.hedge.name(), q(&cl.value));
        if c.disputes.is_some() {
            disputing.push(who);
        } else {
            concurring.push(who);
        }
    }
    if !disputing.is_empty() {
        out.push(format!(
            "disputed by {}",
            listed(disputing.into_iter(), "; ", "contested voices")
        ));
    }
    if !concurring.is_empty() {
        out.push(format!(
            "also asserted by contested voices {}",
            listed(concurring.into_iter(), "; ", "contested voices")
        ));
    }
    out
}

/// Reasons name at most this many relays and count the rest, so a reason stays short however
/// many outlets reprint one story.
const MAX_LISTED: usize = 8;

/// Who relays whom among a group's sources: linear in the sources and their declared links
/// (a 100,000-source `derived_from` chain or a 50,000-outlet star stays fast).
fn relays(d: &Dossier, cmp: &Comparison, g: &Group) -> String {
    let srcs = d.sources_of(&g.claims);
    let in_group: std::collections::HashMap<&str, u32> = srcs
        .iter()
        .map(|&s| (d.sources[s as usize].id.as_str(), s))
        .collect();
    let mut relayed = Vec::new();
    let mut relaying = 0usize;
    for &s in &srcs {
        let src = &d.sources[s as usize];
        let mut up: Vec<&str> = src
            .derived_from
            .iter()
            .filter_map(|x| in_group.get(x.as_str()).copied())
            .filter(|&o| o != s && cmp.origin[o as usize] == cmp.origin[s as usize])
            .map(|o| d.sources[o as usize].id.as_str())
            .collect();
        if up.is_empty() {
            continue;
        }
        relaying += 1;
        if relayed.len() < MAX_LISTED {
            up.sort_unstable();
            up.dedup();
            let more = up.len().saturating_sub(MAX_LISTED);
            up.truncate(MAX_LISTED);
            let mut line = format!("{} relays {}", src.id, up.join(", "));
            if more > 0 {
                line.push_str(&format!(" and {more} more"));
            }
            relayed.push(line);
        }
    }
    if relaying > relayed.len() {
        relayed.push(format!(
            "{} more relaying sources",
            relaying - relayed.len()
        ));
    }
    if relayed.is_empty() {
        "some share an origin".to_string()
    } else {
        relayed.join("; ")
    }
}
