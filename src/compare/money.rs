//! Amounts in different currencies, compared through the exchange rates a dossier declares
//! (`claims/rates.yaml`).
//!
//! A conversion picks the declared rate for the pair (either direction) whose date or period
//! is nearest the claim's own date (its `as_of`, else its source's publication date), and
//! widens the converted interval by the rate's band (3% unless the rate says otherwise), since
//! a writer converts at whatever rate they used, not the reference rate of the day. Without a
//! rate, an amount in another currency than the group's is set aside, and the rest are
//! judged.

use crate::model::{Assertion, Dossier, Finding, Fingerprint, Interval, RateDef, Rule, fmt_num};

/// An amount converted at a declared rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub interval: Interval,
    /// Index of the rate used in `Dossier::rates`.
    pub rate: u32,
    /// Whether the rate was declared the other way round (`to/from`).
    pub inverse: bool,
}

/// The days a claim's figure is dated to: its `as_of`, else its source's publication date.
pub fn claim_days(d: &Dossier, c: u32) -> Option<(i64, i64)> {
    let claim = &d.claims[c as usize];
    let range = claim
        .as_of
        .as_deref()
        .and_then(crate::model::Date::parse_iso)
        .or_else(|| d.sources[claim.source as usize].published.range())?;
    Some((
        range.first?.to_days(),
        range.last.map_or(i64::MAX, |x| x.to_days()),
    ))
}

/// Days between a rate's period and `when` (0 when they overlap); undated rates come last.
fn distance(r: &RateDef, when: Option<(i64, i64)>) -> i64 {
    match (r.first, r.last, when) {
        (Some(a), Some(b), Some((w0, w1))) => {
            let (a, b) = (a.to_days(), b.to_days());
            if b < w0 {
                w0 - b
            } else if w1 < a {
                a - w1
            } else {
                0
            }
        }
        (Some(_), Some(_), None) => i64::MAX / 4,
        _ => i64::MAX / 2,
    }
}

/// Converts `iv`, an amount in `from`, into `to` at the declared rate nearest `when`.
pub fn convert(
    d: &Dossier,
    iv: Interval,
    from: &str,
    to: &str,
    when: Option<(i64, i64)>,
) -> Option<Converted> {
    let (i, r) = d
        .rates
        .iter()
        .enumerate()
        .filter(|(_, r)| (r.from == from && r.to == to) || (r.from == to && r.to == from))
        .min_by_key(|(i, r)| (distance(r, when), *i))?;
    let inverse = r.from != from;
    let factor = if inverse { 1.0 / r.rate } else { r.rate };
    let x = iv.scale(factor);
    Some(Converted {
        interval: Interval {
            low: x.low.map(|l| l * (1.0 - r.band)),
            high: x.high.map(|h| h * (1.0 + r.band)),
            ..x
        },
        rate: i as u32,
        inverse,
    })
}

/// How the rate was applied, for reasons: "at 1 GBP = 1.25 USD (2023-09, Bank of England), ±3%".
pub fn describe(d: &Dossier, c: &Converted) -> String {
    let r = &d.rates[c.rate as usize];
    let when = r.when.as_deref().unwrap_or("undated");
    format!(
        "at 1 {} = {} {} ({when}, {}), ±{}%",
        r.from,
        fmt_rate(r.rate),
        r.to,
        r.source,
        fmt_num(r.band * 100.0)
    )
}

fn fmt_rate(x: f64) -> String {
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A group's amounts brought into one currency.
#[derive(Debug, Clone, Default)]
pub struct Harmonized {
    /// The currency the group is judged in: the most common among its claims.
    pub target: Option<&'static str>,
    /// Claims in another currency, converted.
    pub converted: Vec<(u32, Converted)>,
    /// Claims in another currency without a declared rate.
    pub set_aside: Vec<u32>,
}

impl Harmonized {
    pub fn interval(&self, c: u32) -> Option<Interval> {
        self.converted
            .iter()
            .find(|(x, _)| *x == c)
            .map(|(_, k)| k.interval)
    }
    /// The note a reason carries: which claims were converted at which rate, which set aside.
    pub fn note(&self, d: &Dossier, a: &[Assertion]) -> String {
        let mut parts = Vec::new();
        for (c, k) in self.converted.iter().take(8) {
            parts.push(format!(
                "\"{}\" ({}) converted to {} {}",
                d.claims[*c as usize].value,
                d.sources[d.claims[*c as usize].source as usize].id,
                self.target.unwrap_or("?"),
                describe(d, k)
            ));
        }
        if self.converted.len() > 8 {
            parts.push(format!("{} more converted", self.converted.len() - 8));
        }
        if !self.set_aside.is_empty() {
            let mut cur: Vec<&str> = self
                .set_aside
                .iter()
                .filter_map(|&c| a[c as usize].currency)
                .collect();
            cur.sort_unstable();
            cur.dedup();
            parts.push(format!(
                "{} in {} set aside: no exchange rate to {} is declared",
                crate::text::plural(self.set_aside.len(), "claim", "claims"),
                cur.join(", "),
                self.target.unwrap_or("?")
            ));
        }
        parts.join("; ")
    }
}

/// Brings the amounts of `claims` into the group's most common currency; `None` when they
/// are all in one currency already (the common case, decided in one pass).
pub fn harmonize(d: &Dossier, a: &[Assertion], claims: &[u32]) -> Option<Harmonized> {
    let first = a[*claims.first()? as usize].currency;
    if claims.iter().all(|&c| a[c as usize].currency == first) {
        return None;
    }
    // Most common currency; ties go to the one stated first.
    let mut counts: Vec<(Option<&'static str>, usize, usize)> = Vec::new();
    for (pos, &c) in claims.iter().enumerate() {
        let cur = a[c as usize].currency;
        match counts.iter_mut().find(|x| x.0 == cur) {
            Some(x) => x.1 += 1,
            None => counts.push((cur, 1, pos)),
        }
    }
    counts.sort_by_key(|x| (std::cmp::Reverse(x.1), x.2));
    let target = counts[0].0;
    let mut out = Harmonized {
        target,
        ..Harmonized::default()
    };
    for &c in claims {
        let x = &a[c as usize];
        if x.currency == target {
            continue;
        }
        let converted = match (x.currency, target, x.interval) {
            (Some(from), Some(to), Some(iv)) => convert(d, iv, from, to, claim_days(d, c)),
            _ => None,
        };
        match converted {
            Some(k) => out.converted.push((c, k)),
            None => out.set_aside.push(c),
        }
    }
    Some(out)
}

/// Amounts restated in another currency in their own value ("£640m ($810m)"), checked
/// against the declared rate: a finding when the restatement falls outside the converted
/// amount's band.
pub fn check_restatements(d: &Dossier, a: &[Assertion]) -> Vec<Finding> {
    if d.rates.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (c, x) in a.iter().enumerate() {
        let (Some(conv), Some(from), Some(iv)) = (&x.conversion, x.currency, x.interval) else {
            continue;
        };
        let Some(to) = conv.currency else { continue };
        let Some(k) = convert(d, iv, from, to, claim_days(d, c as u32)) else {
            continue;
        };
        if k.interval.overlaps(&conv.interval) {
            continue;
        }
        let claim = &d.claims[c];
        let src = &d.sources[claim.source as usize].id;
        let r = &d.rates[k.rate as usize];
        out.push(
            Fingerprint::new(Rule::InconsistentConversion)
                .part(src)
                .part(&claim.id)
                .finding(
                    Some(claim.locs.value()),
                    format!(
                        "value `{}` of claim `{}` restates itself as `{}`, but converted {} it is {} {}",
                        claim.value,
                        claim.id,
                        conv.stated,
                        describe(d, &k),
                        k.interval,
                        to
                    ),
                )
                .with_related(r.loc.clone(), "the declared rate"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Loc};
    use std::sync::Arc;

    fn rate(from: &'static str, to: &'static str, r: f64, when: Option<&str>) -> RateDef {
        let range = when.and_then(Date::parse_iso);
        RateDef {
            from,
            to,
            rate: r,
            first: range.and_then(|x| x.first),
            last: range.and_then(|x| x.last),
            when: when.map(str::to_string),
            source: "test".into(),
            band: 0.03,
            loc: Loc::new(&Arc::from("claims/rates.yaml"), 1, 1),
        }
    }

    #[test]
    fn the_nearest_rate_either_way_round() {
        let d = Dossier {
            rates: vec![
                rate("GBP", "USD", 1.20, Some("2022-01")),
                rate("GBP", "USD", 1.25, Some("2023-09")),
                rate("EUR", "USD", 1.07, None),
            ],
            ..Dossier::default()
        };
        let sept = Date::parse_iso("2023-09-14")
            .and_then(|r| r.first)
            .unwrap()
            .to_days();
        let k = convert(&d, Interval::point(640.0), "GBP", "USD", Some((sept, sept))).unwrap();
        assert_eq!(k.rate, 1);
        assert!(k.interval.contains_interval(&Interval::point(800.0)));
        assert!((k.interval.low.unwrap() - 640.0 * 1.25 * 0.97).abs() < 1e-9);
        let back = convert(&d, Interval::point(800.0), "USD", "GBP", Some((sept, sept))).unwrap();
        assert!(back.inverse);
        assert!(back.interval.contains_interval(&Interval::point(640.0)));
        assert!(describe(&d, &k).contains("2023-09"));
        assert!(convert(&d, Interval::point(1.0), "GBP", "EUR", None).is_none());
    }
}
