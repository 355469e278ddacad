//! Number words, hedges, vague amounts, and the words of units and currencies.

use super::*;

pub(super) fn units_word(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        _ => return None,
    })
}

pub(super) fn tens_word(w: &str) -> Option<f64> {
    Some(match w {
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

pub(super) fn ordinal_word(w: &str) -> Option<f64> {
    Some(match w {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "thirteenth" => 13.0,
        "fourteenth" => 14.0,
        "fifteenth" => 15.0,
        "twentieth" => 20.0,
        "thirtieth" => 30.0,
        "hundredth" => 100.0,
        _ => return None,
    })
}

/// Multipliers a figure may carry. `m` is million unless the caller expects lengths.
pub(super) fn scale_word(w: &str, m_is_million: bool) -> Option<f64> {
    Some(match w {
        "thousand" | "k" => 1e3,
        "million" => 1e6,
        "m" if m_is_million => 1e6,
        "billion" | "b" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Unit of the last significant digit of a whole number: 25000 -> 1000.
pub fn ulp_of(value: f64) -> f64 {
    if value == 0.0 || value.fract() != 0.0 || !value.is_finite() {
        return 1.0;
    }
    let mut u = 1.0;
    while u < 1e15 && (value / (u * 10.0)).fract() == 0.0 {
        u *= 10.0;
    }
    u
}

/// Number words: "twenty-one", "a hundred and fifty", "two million", "half a million",
/// "a dozen", "a third", ordinals ("third").
pub(super) fn word_figure(t: &[Token], i: usize) -> Option<(Figure, usize)> {
    let w0 = t.get(i)?.word()?;
    if let Some(v) = ordinal_word(w0) {
        // "a third" is a fraction; "third" alone an ordinal.
        let after_article = i > 0 && matches!(t[i - 1].word(), Some("a" | "an" | "one"));
        if !(w0 == "third" && after_article) {
            let mut j = i + 1;
            if t.get(j).is_some_and(|x| x.tok == Tok::Dash) {
                // "second-largest": the ordinal stands alone.
                j = i + 1;
            }
            return Some((
                Figure {
                    value: v,
                    ulp: 1.0,
                    ordinal: true,
                    scale: 1.0,
                },
                j,
            ));
        }
    }
    let mut total = 0.0;
    let mut current: Option<f64> = None;
    let mut j = i;
    let mut any = false;
    let mut scale: f64 = 1.0;
    let mut last_unit: f64 = 1.0;
    while let Some(tok) = t.get(j) {
        // "two and a half", "seven-and-a-half", "one and a half million"
        if any && let Some(e) = and_a_half(t, j) {
            match current {
                Some(c) => current = Some(c + 0.5),
                None => total += 0.5 * scale,
            }
            last_unit = 0.5 * if current.is_some() { 1.0 } else { scale };
            j = e;
            continue;
        }
        let Some(w) = tok.word() else { break };
        if let Some(v) = units_word(w) {
            if current.is_some_and(|c| c % 100.0 != 0.0 && c % 10.0 == 0.0 && v < 10.0) {
                current = current.map(|c| c + v);
            } else if current.is_some_and(|c| c >= 100.0 && c % 100.0 == 0.0) {
                current = current.map(|c| c + v);
            } else if current.is_some() {
                break;
            } else {
                current = Some(v);
            }
            last_unit = 1.0;
            any = true;
            j += 1;
        } else if let Some(v) = tens_word(w) {
            if current.is_some_and(|c| c >= 100.0 && c % 100.0 == 0.0) {
                current = current.map(|c| c + v);
            } else if current.is_some() {
                break;
            } else {
                current = Some(v);
            }
            last_unit = 10.0;
            any = true;
            j += 1;
            // "twenty-one"
            if t.get(j).is_some_and(|x| x.tok == Tok::Dash && !x.spaced)
                && let Some(u) = t.get(j + 1).and_then(|x| x.word()).and_then(units_word)
                && u < 10.0
            {
                current = current.map(|c| c + u);
                last_unit = 1.0;
                j += 2;
            }
        } else if matches!(w, "a" | "an") && !any {
            // "a hundred", "a dozen", "a million", "a third", "a half"
            match t.get(j + 1).and_then(|x| x.word()) {
                Some("hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen") => {
                    current = Some(1.0);
                    j += 1;
                }
                Some("third" | "quarter" | "half") => {
                    let v = match t[j + 1].word() {
                        Some("third") => 1.0 / 3.0,
                        Some("quarter") => 0.25,
                        _ => 0.5,
                    };
                    return Some((
                        Figure {
                            value: v,
                            ulp: v,
                            ordinal: false,
                            scale: 1.0,
                        },
                        j + 2,
                    ));
                }
                _ => break,
            }
        } else if w == "hundred" && any_or(current) {
            current = Some(current.unwrap_or(1.0) * 100.0);
            last_unit = 100.0;
            scale = scale.max(100.0);
            any = true;
            j += 1;
        } else if w == "point" && any && current.is_some() && total == 0.0 {
            // "three point five", "one point two four million": digits after the point in words.
            let mut k = j + 1;
            let mut frac = 0.0;
            let mut unit = 1.0;
            while let Some(d) = t
                .get(k)
                .and_then(|x| x.word())
                .and_then(units_word)
                .filter(|d| *d < 10.0)
            {
                unit /= 10.0;
                frac += d * unit;
                k += 1;
            }
            if k == j + 1 {
                break;
            }
            current = current.map(|c| c + frac);
            last_unit = unit;
            j = k;
        } else if w == "dozen" && any_or(current) {
            current = Some(current.unwrap_or(1.0) * 12.0);
            last_unit = 12.0;
            scale = scale.max(12.0);
            any = true;
            j += 1;
        } else if let Some(s) = scale_word(w, true).filter(|_| w != "k" && w != "m" && w != "b") {
            if !any && current.is_none() {
                break;
            }
            total += current.unwrap_or(1.0) * s;
            last_unit = s * last_unit.min(100.0);
            current = None;
            scale = s;
            any = true;
            j += 1;
        } else if w == "and" && any && (current.is_some_and(|c| c >= 100.0) || total > 0.0) {
            // "a hundred and fifty", "one and a half million"
            match t.get(j + 1).and_then(|x| x.word()) {
                Some(n) if units_word(n).is_some() || tens_word(n).is_some() => j += 1,
                Some("a") if t.get(j + 2).is_some_and(|x| x.is("half")) => {
                    // "one and a half million"; "two million and a half"
                    match current {
                        Some(c) => current = Some(c + 0.5),
                        None => {
                            total += 0.5 * scale;
                            last_unit = last_unit.min(0.5 * scale);
                        }
                    }
                    j += 3;
                }
                _ => break,
            }
        } else if w == "half" {
            // "half a million"
            if t.get(j + 1).is_some_and(|x| x.is("a"))
                && let Some(s) = t
                    .get(j + 2)
                    .and_then(|x| x.word())
                    .and_then(|w| scale_word(w, true))
            {
                total += 0.5 * s;
                scale = s;
                any = true;
                last_unit = s / 10.0;
                j += 3;
                continue;
            }
            if !any {
                return Some((
                    Figure {
                        value: 0.5,
                        ulp: 0.5,
                        ordinal: false,
                        scale: 1.0,
                    },
                    j + 1,
                ));
            }
            break;
        } else if matches!(w, "thirds" | "quarters") && current.is_some() {
            let d = if w == "thirds" { 3.0 } else { 4.0 };
            let v = current.unwrap_or(1.0) / d;
            return Some((
                Figure {
                    value: v,
                    ulp: 1.0 / d,
                    ordinal: false,
                    scale: 1.0,
                },
                j + 1,
            ));
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    let value = total + current.unwrap_or(0.0);
    let ulp = if value.fract() == 0.0 {
        ulp_of(value).max(if last_unit >= 1.0 { 1.0 } else { last_unit })
    } else {
        last_unit.max(0.1)
    };
    Some((
        Figure {
            value,
            ulp,
            ordinal: false,
            scale,
        },
        j,
    ))
}

/// "and a half" at `j`, spaced or hyphenated ("seven-and-a-half"): where it ends.
pub(super) fn and_a_half(t: &[Token], j: usize) -> Option<usize> {
    let glued_dash = |k: usize| t.get(k).is_some_and(|x| x.tok == Tok::Dash && !x.spaced);
    let mut k = j;
    let hyphenated = glued_dash(k);
    if hyphenated {
        k += 1;
    }
    for word in ["and", "a", "half"] {
        if !t.get(k).is_some_and(|x| x.is(word)) {
            return None;
        }
        k += 1;
        if word != "half" && hyphenated {
            if !glued_dash(k) {
                return None;
            }
            k += 1;
        }
    }
    Some(k)
}

pub(super) fn any_or(current: Option<f64>) -> bool {
    current.is_none_or(|c| c < 100.0 || c % 100.0 != 0.0)
}

/// How a figure was qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hedge {
    Exact,
    Approximate,
    Over,
    AtLeast,
    Under,
    AtMost,
    Nearly,
    JustOver,
}

impl Hedge {
    pub fn name(self) -> &'static str {
        match self {
            Hedge::Exact => "exact",
            Hedge::Approximate => "approximately",
            Hedge::Over => "over",
            Hedge::AtLeast => "at least",
            Hedge::Under => "under",
            Hedge::AtMost => "up to",
            Hedge::Nearly => "nearly",
            Hedge::JustOver => "just over",
        }
    }

    /// The interval a hedged figure denotes (see the policy table in the README).
    pub fn interval(self, f: Figure, margin: f64) -> (Interval, String) {
        let x = f.value;
        let half = f.ulp / 2.0;
        match self {
            Hedge::Exact => (Interval::point(x), "exact: the figure itself".into()),
            Hedge::Approximate => {
                let tol = half + margin * x.abs();
                (
                    Interval::closed(x - tol, x + tol),
                    format!(
                        "approximately: ± half the last significant digit ({}) + {}% of the figure",
                        fmt_num(half),
                        fmt_num(margin * 100.0)
                    ),
                )
            }
            Hedge::Over => (
                Interval {
                    low: Some(x),
                    high: None,
                    low_inclusive: false,
                    high_inclusive: false,
                },
                "over/more than: open lower bound".into(),
            ),
            Hedge::AtLeast => (
                Interval {
                    low: Some(x),
                    high: None,
                    low_inclusive: true,
                    high_inclusive: false,
                },
                "at least: closed lower bound".into(),
            ),
            Hedge::Under => (
                Interval {
                    // "below zero", "under -5": no floor.
                    low: (x > 0.0).then_some(0.0),
                    high: Some(x),
                    low_inclusive: true,
                    high_inclusive: false,
                },
                "under/less than: open upper bound".into(),
            ),
            Hedge::AtMost => (
                Interval {
                    low: (x > 0.0).then_some(0.0),
                    high: Some(x),
                    low_inclusive: true,
                    high_inclusive: true,
                },
                "up to/at most: closed upper bound".into(),
            ),
            Hedge::Nearly => {
                let d = 0.1 * x.abs();
                (
                    Interval {
                        low: Some(x - d),
                        high: Some(x),
                        low_inclusive: true,
                        high_inclusive: false,
                    },
                    "nearly/almost: below, by at most 10% of the figure".into(),
                )
            }
            Hedge::JustOver => {
                let d = 0.1 * x.abs();
                (
                    Interval {
                        low: Some(x),
                        high: Some(x + d),
                        low_inclusive: false,
                        high_inclusive: true,
                    },
                    "just over: above, by at most 10% of the figure".into(),
                )
            }
        }
    }
}

/// Reads a hedge phrase at `i`; returns it and where the figure starts.
pub(super) fn hedge(t: &[Token], i: usize) -> (Hedge, usize) {
    let (h, at) = hedge_words(t, i);
    // "more than a 40 percent rise", "nearly a 10% drop": an article between the hedge and
    // digits belongs to the noun the figure qualifies ("a third" stays a fraction).
    // Not after a preposition that may be no hedge at all ("over a 5-year period").
    if h != Hedge::Exact
        && !t.get(i).is_some_and(|x| {
            ["over", "under", "above", "below", "within"]
                .iter()
                .any(|p| x.is(p))
        })
        && t.get(at).is_some_and(|x| x.is("a") || x.is("an"))
        && t.get(at + 1)
            .is_some_and(|x| matches!(x.tok, Tok::Num { .. }))
    {
        return (h, at + 1);
    }
    (h, at)
}

fn hedge_words(t: &[Token], i: usize) -> (Hedge, usize) {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    match (w(i), w(i + 1), w(i + 2)) {
        (Some("an"), Some("estimated"), _) => (Hedge::Approximate, i + 2),
        (Some("approximately" | "about" | "around" | "roughly" | "estimated"), _, _) => {
            (Hedge::Approximate, i + 1)
        }
        (Some("some"), _, _) if starts_figure(t, i + 1) => (Hedge::Approximate, i + 1),
        (Some("close"), Some("to"), _) => (Hedge::Nearly, i + 2),
        (Some("just" | "slightly"), Some("under" | "below"), _) => (Hedge::Nearly, i + 2),
        (Some("just" | "slightly"), Some("short"), Some("of")) => (Hedge::Nearly, i + 3),
        (Some("just" | "slightly"), Some("over" | "above"), _) => (Hedge::JustOver, i + 2),
        (Some("slightly"), Some("more"), Some("than")) => (Hedge::JustOver, i + 3),
        (Some("a"), Some("little"), Some("over" | "more")) => {
            let skip = if w(i + 3) == Some("than") { 4 } else { 3 };
            (Hedge::JustOver, i + skip)
        }
        (Some("nearly" | "almost" | "approaching"), _, _) => (Hedge::Nearly, i + 1),
        // "a near 20% slump": near as an adjective of the figure is nearly.
        (Some("near"), _, _) if starts_figure(t, i + 1) => (Hedge::Nearly, i + 1),
        (Some("more" | "greater"), Some("than"), _) => (Hedge::Over, i + 2),
        (Some("over" | "above" | "exceeding"), _, _) => (Hedge::Over, i + 1),
        (Some("upwards"), Some("of"), _) => (Hedge::Over, i + 2),
        (Some("in"), Some("excess"), Some("of")) => (Hedge::Over, i + 3),
        (Some("at"), Some("least"), _) => (Hedge::AtLeast, i + 2),
        (Some("no"), Some("fewer" | "less"), Some("than")) => (Hedge::AtLeast, i + 3),
        (Some("a"), Some("minimum"), Some("of")) => (Hedge::AtLeast, i + 3),
        (Some("less" | "fewer"), Some("than"), _) => (Hedge::Under, i + 2),
        (Some("under" | "below"), _, _) => (Hedge::Under, i + 1),
        (Some("up"), Some("to"), _) => (Hedge::AtMost, i + 2),
        // "within 100 km", "within 48 hours": anything from nothing up to the figure.
        (Some("within"), _, _) if starts_figure(t, i + 1) => (Hedge::AtMost, i + 1),
        (Some("at"), Some("most"), _) => (Hedge::AtMost, i + 2),
        (Some("as"), Some("many" | "much" | "extent"), Some("as")) => (Hedge::AtMost, i + 3),
        (Some("no"), Some("more"), Some("than")) => (Hedge::AtMost, i + 3),
        (Some("a"), Some("maximum"), Some("of")) => (Hedge::AtMost, i + 3),
        _ => (Hedge::Exact, i),
    }
}

pub(super) fn starts_figure(t: &[Token], i: usize) -> bool {
    match t.get(i).map(|x| x.tok) {
        Some(Tok::Num { .. }) | Some(Tok::Currency(_)) => true,
        Some(Tok::Word(Some(w))) => {
            units_word(w).is_some()
                || tens_word(w).is_some()
                || matches!(w, "a" | "an" | "hundred" | "dozen")
        }
        _ => false,
    }
}

/// Vague amounts and their intervals: the plural names at least two of the unit, and fewer
/// than the amount the next word up would name.
pub fn vague(t: &[Token], i: usize) -> Option<(Interval, String, usize)> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let half_open = |lo: f64, hi: f64| Interval {
        low: Some(lo),
        high: Some(hi),
        low_inclusive: true,
        high_inclusive: false,
    };
    // "tens of thousands", "hundreds of millions"
    if let (Some(a @ ("tens" | "hundreds")), Some("of"), Some(b)) = (w(i), w(i + 1), w(i + 2)) {
        let s = match b {
            "thousands" => 1e3,
            "millions" => 1e6,
            "billions" => 1e9,
            _ => 0.0,
        };
        if s > 0.0 {
            let base = if a == "tens" { 10.0 } else { 100.0 };
            return Some((
                half_open(2.0 * base * s, 10.0 * base * s),
                format!(
                    "vague: \"{a} of {b}\" = at least {} and fewer than {}",
                    fmt_num(2.0 * base * s),
                    fmt_num(10.0 * base * s)
                ),
                i + 3,
            ));
        }
    }
    // "several hundred", "a few thousand", "a couple of dozen"
    let (q, next) = match (w(i), w(i + 1), w(i + 2)) {
        (Some("several"), _, _) => (Some((3.0, 9.0, "several")), i + 1),
        (Some("a"), Some("few"), _) => (Some((2.0, 5.0, "a few")), i + 2),
        (Some("few"), _, _) => (Some((2.0, 5.0, "few")), i + 1),
        (Some("a"), Some("couple"), Some("of")) => (Some((2.0, 2.0, "a couple of")), i + 3),
        (Some("a"), Some("couple"), _) => (Some((2.0, 2.0, "a couple")), i + 2),
        (Some("a"), Some("handful"), Some("of")) => (Some((2.0, 6.0, "a handful of")), i + 3),
        (Some("a"), Some("handful"), _) => (Some((2.0, 6.0, "a handful")), i + 2),
        _ => (None, i),
    };
    if let Some((lo, hi, name)) = q {
        if let Some(s) = w(next).and_then(|x| match x {
            "dozen" => Some(12.0),
            "hundred" => Some(100.0),
            "thousand" => Some(1e3),
            "million" => Some(1e6),
            "billion" => Some(1e9),
            _ => None,
        }) {
            return Some((
                Interval::closed(lo * s, hi * s),
                format!(
                    "vague: \"{name} {}\" = {} to {}",
                    w(next).unwrap_or(""),
                    fmt_num(lo * s),
                    fmt_num(hi * s)
                ),
                next + 1,
            ));
        }
        return Some((
            Interval::closed(lo, hi),
            format!("vague: \"{name}\" = {} to {}", fmt_num(lo), fmt_num(hi)),
            next,
        ));
    }
    let (lo, hi) = match w(i)? {
        "dozens" => (24.0, 100.0),
        "scores" => (40.0, 200.0),
        "hundreds" => (200.0, 1e3),
        "thousands" => (2e3, 1e6),
        "millions" => (2e6, 1e9),
        "billions" => (2e9, 1e12),
        "trillions" => (2e12, 1e15),
        _ => return None,
    };
    let word = w(i)?;
    Some((
        half_open(lo, hi),
        format!(
            "vague: \"{word}\" = at least {} and fewer than {}",
            fmt_num(lo),
            fmt_num(hi)
        ),
        i + 1,
    ))
}

pub use crate::normalize::units::{Dim, Unit};

/// A unit by its lexer id, as the amount parser may read it after a figure: "m" only when
/// the caller decided it is metres.
pub fn unit_word(w: &str, m_is_metre: bool) -> Option<Unit> {
    match w {
        "m" if !m_is_metre => None,
        _ => crate::normalize::units::unit(w),
    }
}

pub fn currency_word(w: &str) -> Option<&'static str> {
    crate::normalize::units::currency_word(w)
}
