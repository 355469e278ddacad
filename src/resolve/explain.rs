//! What a resolution says: the chosen value, its support, ties called ties, and why.

use super::*;

pub(super) fn explain(
    d: &Dossier,
    cmp: &Comparison,
    f: &Fact,
    p: &[f64],
    method: Method,
    copying: &FxHashMap<(u32, u32), f64>,
    known: &FxHashMap<(u32, u32), f64>,
) -> Resolution {
    let g = &cmp.groups[f.group as usize];
    let k = f.candidates.len();
    // Highest probability; among equals, the more specific value (Hier), then more sources,
    // then the earlier value (stable order).
    let depth = |i: usize| -> usize {
        if f.anc.is_empty() {
            0
        } else {
            (0..k).filter(|&j| f.anc[j * k + i]).count()
        }
    };
    let best = (0..k)
        .max_by(|&i, &j| {
            p[i].total_cmp(&p[j])
                .then(depth(i).cmp(&depth(j)))
                .then(
                    f.candidates[i]
                        .sources
                        .len()
                        .cmp(&f.candidates[j].sources.len()),
                )
                .then(j.cmp(&i))
        })
        .unwrap_or(0);
    let chosen = &f.candidates[best];
    let claim = chosen.claims[0];
    let value_index = g
        .values
        .iter()
        .position(|v| v.claims.contains(&claim))
        .unwrap_or(0);
    let mut roots: Vec<u32> = chosen
        .sources
        .iter()
        .map(|&s| cmp.origin[s as usize])
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let stated = &d.claims[claim as usize].value;
    let mut all: Vec<u32> = f
        .candidates
        .iter()
        .flat_map(|c| c.sources.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    let total_sources = all.len();
    let mut tie = false;
    let explanation = if k == 1 {
        format!(
            "\"{stated}\" is the only value ({} source{}, {} independent)",
            chosen.sources.len(),
            if chosen.sources.len() == 1 { "" } else { "s" },
            roots.len()
        )
    } else {
        // The runner-up: the most probable other value, then the one with most sources.
        let runner = (0..k)
            .filter(|&i| i != best)
            .max_by(|&i, &j| {
                p[i].total_cmp(&p[j])
                    .then(
                        f.candidates[i]
                            .sources
                            .len()
                            .cmp(&f.candidates[j].sources.len()),
                    )
                    .then(j.cmp(&i))
            })
            .unwrap_or(best);
        let most_other = (0..k)
            .filter(|&i| i != best)
            .map(|i| f.candidates[i].sources.len())
            .max()
            .unwrap_or(0);
        let mine = chosen.sources.len();
        tie = mine == most_other;
        let rc = &f.candidates[runner];
        let copied: Vec<String> = rc
            .sources
            .iter()
            .flat_map(|&a| rc.sources.iter().map(move |&b| (a, b)))
            .filter(|&(a, b)| a < b)
            .filter_map(|(a, b)| {
                let dep = known
                    .get(&(a, b))
                    .or_else(|| copying.get(&(a, b)))
                    .copied()?;
                (dep >= 0.5).then(|| {
                    format!(
                        "{} and {} look copied (p={:.2})",
                        d.sources[a as usize].id, d.sources[b as usize].id, dep
                    )
                })
            })
            .take(2)
            .collect();
        let other = format!(
            "over \"{}\" ({} of {total_sources} sources{})",
            d.claims[rc.claims[0] as usize].value,
            rc.sources.len(),
            if copied.is_empty() {
                String::new()
            } else {
                format!("; {}", copied.join(", "))
            }
        );
        let supported_by_similar = !f.sim.is_empty()
            && (0..k).any(|j| j != best && f.sim[j * k + best] > 0.5)
            && mine <= most_other;
        let why: String = if tie && method == Method::Vote {
            format!("a tie, {mine} vs {most_other} sources: chose the value stated first")
        } else if tie {
            format!("a tie, {mine} vs {most_other} sources: chose \"{stated}\" by source trust")
        } else if mine > most_other && method == Method::Vote {
            "more sources state it".into()
        } else if method == Method::Hier && depth(best) > 0 && mine <= most_other {
            "its sources and those stating a broader value that contains it outweigh the rest"
                .into()
        } else if supported_by_similar {
            "its sources, with those stating close or compatible values, outweigh the rest".into()
        } else {
            match method {
                Method::Vote => "more sources state it".into(),
                Method::TruthFinder => {
                    "its sources are more trustworthy and compatible values support it".into()
                }
                Method::Accu => "its independent, more accurate sources outweigh the rest".into(),
                Method::Crh => "its sources have the least loss against the estimated truths, \
                                so they weigh more"
                    .into(),
                Method::Investment | Method::PooledInvestment => {
                    "its sources earned more trust from the values they invested in".into()
                }
                Method::Hier => "its sources state the truth more often".into(),
            }
        };
        format!(
            "chose \"{stated}\" ({mine} of {total_sources} sources, {} independent) {other}: {why}",
            roots.len(),
        )
    };
    Resolution {
        group: f.group,
        value: value_index,
        claim,
        confidence: p[best],
        sources: chosen.sources.clone(),
        independent_sources: roots.len(),
        tie,
        explanation,
    }
}
