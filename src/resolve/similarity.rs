//! How far one stated value supports another: precision units, circular clock distances,
//! ancestors in a hierarchy, and interval overlap, by kind of value.

use super::*;

/// The unit of the last significant digit of a stated figure: 1,000 for 25,000, 1 for 25,417,
/// 0.01 for 7.25.
pub fn precision_unit(x: f64) -> f64 {
    let x = x.abs();
    if !x.is_finite() || x == 0.0 {
        return 1.0;
    }
    if x.fract() == 0.0 {
        let mut p = 1.0;
        while p * 10.0 <= x && (x / (p * 10.0)).fract() == 0.0 {
            p *= 10.0;
        }
        p
    } else {
        let mut p = 1.0;
        while p > 1e-6 && ((x / p) - (x / p).round()).abs() > 1e-9 * (x / p).abs().max(1.0) {
            p /= 10.0;
        }
        p
    }
}

/// Distance between two times of day (minutes after midnight) around the clock.
pub fn clock_distance(a: f64, b: f64) -> f64 {
    let d = (a - b).abs() % 1440.0;
    d.min(1440.0 - d)
}

pub(super) fn scale_of(a: &Assertion) -> Scale {
    match a.kind {
        AssertionKind::Entity | AssertionKind::Text | AssertionKind::NameList => Scale::None,
        AssertionKind::Time => Scale::Clock,
        AssertionKind::Date => Scale::Days,
        _ => Scale::Linear,
    }
}

/// Is value `a` strictly broader than `b` and containing it (a country and one of its cities,
/// a year and one of its days)?
pub(super) fn ancestor(entities: &Hierarchy, a: &Assertion, b: &Assertion) -> bool {
    match (a.kind, b.kind) {
        (AssertionKind::Entity, AssertionKind::Entity) => match (a.entity, b.entity) {
            (Some(x), Some(y)) => x != y && entities.is_part_of(y, x),
            _ => false,
        },
        (AssertionKind::Date, AssertionKind::Date) => match (a.interval, b.interval) {
            (Some(x), Some(y)) => x.contains_interval(&y) && !y.contains_interval(&x),
            _ => false,
        },
        // A partial author list is the broader statement: every name it gives is in the
        // fuller list.
        (AssertionKind::NameList, AssertionKind::NameList) => {
            let x = names::from_key(a.text.as_deref().unwrap_or(""));
            let y = names::from_key(b.text.as_deref().unwrap_or(""));
            !x.is_empty() && x.len() < y.len() && names::containment(&x, &y) == 1.0
        }
        _ => false,
    }
}

/// How far value `a` supports value `b` (0..1). An ancestor supports its descendants fully
/// and a descendant its ancestors not at all (the truth is the most specific supported value).
/// Figures support each other by their distance in units of their stated precision; times of
/// day and dates by absolute distances, times around the clock. For name lists it is the share
/// of `a`'s names that `b` contains, as TruthFinder's implication for author lists.
pub(super) fn similarity(entities: &Hierarchy, a: &Assertion, b: &Assertion) -> f64 {
    match (a.kind, b.kind) {
        (AssertionKind::NameList, AssertionKind::NameList) => {
            if ancestor(entities, b, a) {
                // The fuller list does not speak for the partial one.
                0.0
            } else {
                names::containment(
                    &names::from_key(a.text.as_deref().unwrap_or("")),
                    &names::from_key(b.text.as_deref().unwrap_or("")),
                )
            }
        }
        (AssertionKind::Entity, AssertionKind::Entity) => {
            if ancestor(entities, a, b) {
                1.0
            } else {
                0.0
            }
        }
        (AssertionKind::Text, AssertionKind::Text) => {
            let wa: Vec<&str> = a.text.as_deref().unwrap_or("").split(' ').collect();
            let wb: Vec<&str> = b.text.as_deref().unwrap_or("").split(' ').collect();
            let common = wa.iter().filter(|w| wb.contains(w)).count();
            common as f64 / wa.len().max(wb.len()).max(1) as f64
        }
        (AssertionKind::Time, AssertionKind::Time) => match (a.interval, b.interval) {
            (Some(x), Some(y)) => match (x.center(), y.center()) {
                (Some(p), Some(q)) => (-clock_distance(p, q) / CLOCK_SCALE).exp(),
                _ => 0.0,
            },
            _ => 0.0,
        },
        (AssertionKind::Date, AssertionKind::Date) => match (a.interval, b.interval) {
            (Some(x), Some(y)) => {
                if ancestor(entities, b, a) {
                    0.0
                } else if x.overlaps(&y) {
                    1.0
                } else {
                    (-x.gap(&y) / DAY_SCALE).exp()
                }
            }
            _ => 0.0,
        },
        _ => match (a.interval, b.interval) {
            (Some(x), Some(y)) => {
                let unit = precision_unit(a.stated.or(x.center()).unwrap_or(0.0))
                    .max(precision_unit(b.stated.or(y.center()).unwrap_or(0.0)));
                interval_similarity(&x, &y, unit)
            }
            _ => 0.0,
        },
    }
}

/// Overlapping intervals are fully similar; disjoint ones fade with their gap counted in units
/// of the coarser stated precision (a typo in the last digit of 25,417 is one unit away; 24,000
/// against 25,417 is more than one unit of the thousands).
pub(super) fn interval_similarity(x: &Interval, y: &Interval, unit: f64) -> f64 {
    if x.overlaps(y) {
        return 1.0;
    }
    (-x.gap(y) / unit.max(1e-9)).exp()
}
