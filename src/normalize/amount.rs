//! Numbers, hedges, ranges, vague amounts, units and money, parsed from tokens.
//!
//! The policy table (README, "How values are read") is implemented by [`Hedge::interval`]
//! and [`vague`]; every interval carries the name of the rule that produced it.

use super::lexer::{Tok, Token};
use crate::model::{AssertionKind, Interval, fmt_num};

/// Relative margin added to the rounding tolerance of approximate figures.
pub const DEFAULT_MARGIN: f64 = 0.05;

/// A number as written, before hedges: its value and the unit of its last significant digit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub ulp: f64,
    pub ordinal: bool,
    /// The scale word applied ("7 billion" -> 1e9), 1 when none, so ranges can share it.
    pub scale: f64,
}

fn units_word(w: &str) -> Option<f64> {
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

fn tens_word(w: &str) -> Option<f64> {
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

fn ordinal_word(w: &str) -> Option<f64> {
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
fn scale_word(w: &str, m_is_million: bool) -> Option<f64> {
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

/// Parses a figure at `i`: digits or number words, with a scale word.
pub fn figure(t: &[Token], i: usize, m_is_million: bool) -> Option<(Figure, usize)> {
    let tok = t.get(i)?;
    if let Tok::Num {
        value,
        ulp,
        ordinal,
        ..
    } = tok.tok
    {
        let mut j = i + 1;
        let mut f = Figure {
            value,
            ulp,
            ordinal,
            scale: 1.0,
        };
        if !ordinal
            && let Some(s) = t
                .get(j)
                .and_then(|n| n.word())
                .and_then(|w| scale_word(w, m_is_million))
        {
            // A glued "b" or "k" is a scale; spaced, it is more likely a letter or a word.
            let w = t[j].word().unwrap_or("");
            if !matches!(w, "b" | "k" | "m") || !t[j].spaced {
                f.value *= s;
                f.ulp *= s;
                f.scale = s;
                j += 1;
            }
        }
        return Some((f, j));
    }
    word_figure(t, i)
}

/// Number words: "twenty-one", "a hundred and fifty", "two million", "half a million",
/// "a dozen", "a third", ordinals ("third").
fn word_figure(t: &[Token], i: usize) -> Option<(Figure, usize)> {
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
    let mut scale = 1.0;
    let mut last_unit: f64 = 1.0;
    while let Some(tok) = t.get(j) {
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
            any = true;
            j += 1;
        } else if w == "dozen" && any_or(current) {
            current = Some(current.unwrap_or(1.0) * 12.0);
            last_unit = 12.0;
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
        } else if w == "and" && any {
            // "a hundred and fifty", "one and a half million"
            match t.get(j + 1).and_then(|x| x.word()) {
                Some(n) if units_word(n).is_some() || tens_word(n).is_some() => j += 1,
                Some("a") if t.get(j + 2).is_some_and(|x| x.is("half")) => {
                    current = Some(current.unwrap_or(0.0) + 0.5);
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

fn any_or(current: Option<f64>) -> bool {
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
                    low: Some(0.0_f64.min(x)),
                    high: Some(x),
                    low_inclusive: true,
                    high_inclusive: false,
                },
                "under/less than: open upper bound".into(),
            ),
            Hedge::AtMost => (
                Interval {
                    low: Some(0.0_f64.min(x)),
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
fn hedge(t: &[Token], i: usize) -> (Hedge, usize) {
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
        (Some("at"), Some("most"), _) => (Hedge::AtMost, i + 2),
        (Some("as"), Some("many" | "much"), Some("as")) => (Hedge::AtMost, i + 3),
        (Some("no"), Some("more"), Some("than")) => (Hedge::AtMost, i + 3),
        (Some("a"), Some("maximum"), Some("of")) => (Hedge::AtMost, i + 3),
        _ => (Hedge::Exact, i),
    }
}

fn starts_figure(t: &[Token], i: usize) -> bool {
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

/// A unit's dimension and factor to the canonical unit of that dimension.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub canonical: &'static str,
    pub factor: f64,
    pub kind: AssertionKind,
}

pub fn unit_word(w: &str, m_is_metre: bool) -> Option<Unit> {
    let q = AssertionKind::Quantity;
    let d = AssertionKind::Duration;
    Some(match w {
        "km" => Unit {
            canonical: "km",
            factor: 1.0,
            kind: q,
        },
        "mile" => Unit {
            canonical: "km",
            factor: 1.609_344,
            kind: q,
        },
        "metre" => Unit {
            canonical: "km",
            factor: 0.001,
            kind: q,
        },
        "m" if m_is_metre => Unit {
            canonical: "km",
            factor: 0.001,
            kind: q,
        },
        "day" => Unit {
            canonical: "day",
            factor: 1.0,
            kind: d,
        },
        "week" => Unit {
            canonical: "day",
            factor: 7.0,
            kind: d,
        },
        "fortnight" => Unit {
            canonical: "day",
            factor: 14.0,
            kind: d,
        },
        "month" => Unit {
            canonical: "day",
            factor: 30.436_875,
            kind: d,
        },
        "year" => Unit {
            canonical: "day",
            factor: 365.2425,
            kind: d,
        },
        "decade" => Unit {
            canonical: "day",
            factor: 3652.425,
            kind: d,
        },
        "hour" => Unit {
            canonical: "day",
            factor: 1.0 / 24.0,
            kind: d,
        },
        "percent" => Unit {
            canonical: "%",
            factor: 1.0,
            kind: q,
        },
        _ => return None,
    })
}

pub fn currency_word(w: &str) -> Option<&'static str> {
    match w {
        "GBP" => Some("GBP"),
        "USD" => Some("USD"),
        "EUR" => Some("EUR"),
        "JPY" => Some("JPY"),
        "INR" => Some("INR"),
        "IRR" => Some("IRR"),
        "AFN" => Some("AFN"),
        "RUB" => Some("RUB"),
        "CNY" => Some("CNY"),
        "CHF" => Some("CHF"),
        _ => None,
    }
}

/// A parsed amount: a figure or range with its hedge, unit and currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub kind: AssertionKind,
    pub interval: Interval,
    pub stated: f64,
    pub unit: Option<&'static str>,
    pub currency: Option<&'static str>,
    pub ordinal: bool,
    pub rule: String,
    pub end: usize,
    /// "510 miles (820 kms)": the bracketed restatement and its interval, canonical unit.
    pub restated: Option<(usize, usize, Interval, Option<&'static str>)>,
}

/// Options that resolve ambiguities from what the caller expects.
#[derive(Debug, Clone, Copy)]
pub struct AmountOptions {
    pub margin: f64,
    /// Read a bare `m` as metres (the property measures length).
    pub m_is_metre: bool,
}

impl Default for AmountOptions {
    fn default() -> Self {
        AmountOptions {
            margin: DEFAULT_MARGIN,
            m_is_metre: false,
        }
    }
}

fn pre_currency(t: &[Token], i: usize) -> (Option<&'static str>, usize) {
    match t.get(i).map(|x| x.tok) {
        Some(Tok::Currency(c)) => (Some(c), i + 1),
        Some(Tok::Word(Some("us")))
            if t.get(i + 1).is_some_and(|x| x.tok == Tok::Currency("USD")) =>
        {
            (Some("USD"), i + 2)
        }
        Some(Tok::Word(Some(w)))
            if currency_word(w).is_some() && w.len() == 3 && {
                // Codes before figures are written in capitals: "GBP 7bn", not "pounds 7".
                t.get(i + 1)
                    .is_some_and(|x| matches!(x.tok, Tok::Num { .. }))
            } =>
        {
            (currency_word(w), i + 1)
        }
        _ => (None, i),
    }
}

/// Reads the unit or currency after a figure: "km", "-km-long", "per cent", "%", "pounds".
fn post_unit(
    t: &[Token],
    i: usize,
    opts: AmountOptions,
) -> (Option<Unit>, Option<&'static str>, usize) {
    let mut j = i;
    // "950-km-long"
    if t.get(j).is_some_and(|x| x.tok == Tok::Dash)
        && t.get(j + 1)
            .and_then(|x| x.word())
            .and_then(|w| unit_word(w, true))
            .is_some()
    {
        j += 1;
    }
    if t.get(j).is_some_and(|x| x.is_punct(b'%')) {
        return (unit_word("percent", false), None, j + 1);
    }
    if t.get(j).is_some_and(|x| x.is("per")) && t.get(j + 1).is_some_and(|x| x.is("cent")) {
        return (unit_word("percent", false), None, j + 2);
    }
    let Some(w) = t.get(j).and_then(|x| x.word()) else {
        return (None, None, i);
    };
    if let Some(u) = unit_word(w, opts.m_is_metre) {
        j += 1;
        // "-long", "-old"
        if t.get(j).is_some_and(|x| x.tok == Tok::Dash)
            && t.get(j + 1).is_some_and(|x| x.is("long"))
        {
            j += 2;
        }
        return (Some(u), None, j);
    }
    if let Some(c) = currency_word(w) {
        return (None, Some(c), j + 1);
    }
    (None, None, i)
}

/// Parses an amount at `i`: `[hedge] [currency] figure [unit] [(restatement)]`,
/// `between A and B`, `from A to B`, `A-B`, `A to B`, or a vague amount.
pub fn amount(t: &[Token], i: usize, opts: AmountOptions) -> Option<Amount> {
    let m_is_million = !opts.m_is_metre;
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    // Ranges introduced by a word.
    if matches!(w(i), Some("between" | "from")) {
        let (cur, a_at) = pre_currency(t, i + 1);
        if let Some((a, after_a)) = figure(t, a_at, m_is_million) {
            let (ua, _, after_ua) = post_unit(t, after_a, opts);
            let joiner = if w(i) == Some("between") { "and" } else { "to" };
            let mut k = after_ua;
            if w(k) == Some(joiner)
                || (w(i) == Some("from") && t.get(k).is_some_and(|x| x.tok == Tok::Dash))
            {
                k += 1;
                let (cur_b, b_at) = pre_currency(t, k);
                if let Some((b, after_b)) = figure(t, b_at, m_is_million) {
                    return Some(finish_range(
                        t,
                        i,
                        a,
                        ua,
                        b,
                        after_b,
                        cur.or(cur_b),
                        opts,
                        &format!("range: \"{} A {joiner} B\" = [A, B]", w(i).unwrap_or("")),
                    ));
                }
            }
        }
        return None;
    }
    if let Some((iv, rule, end)) = vague(t, i) {
        // "thousands of Afghans", "billions of dollars"
        let mut k = end;
        if w(k) == Some("of") {
            k += 1;
        }
        let (u, c, after) = post_unit(t, k, opts);
        let (end, unit, kind, factor) = match (u, c) {
            (Some(u), _) => (after, Some(u.canonical), u.kind, u.factor),
            (None, Some(_)) => (after, None, AssertionKind::Money, 1.0),
            _ => (end, None, AssertionKind::Number, 1.0),
        };
        return Some(Amount {
            kind,
            interval: iv.scale(factor),
            stated: iv.center().unwrap_or(0.0) * factor,
            unit,
            currency: c,
            ordinal: false,
            rule,
            end,
            restated: None,
        });
    }
    let (h, at) = hedge(t, i);
    let (mut currency, fig_at) = pre_currency(t, at);
    let (a, after_a) = figure(t, fig_at, m_is_million)?;
    // A range with a dash or "to": "80,000-100,000", "£5-7bn", "80,000 to 100,000".
    let is_joiner = |k: usize| {
        t.get(k).is_some_and(|x| {
            x.tok == Tok::Dash && !(x.spaced && t.get(k + 1).is_some_and(|n| !n.spaced))
        }) || (w(k) == Some("to") && h == Hedge::Exact)
    };
    if !a.ordinal && is_joiner(after_a) {
        let (cur_b, b_at) = pre_currency(t, after_a + 1);
        if let Some((b, after_b)) = figure(t, b_at, m_is_million)
            && !b.ordinal
        {
            let r = finish_range(
                t,
                i,
                a,
                None,
                b,
                after_b,
                currency.or(cur_b),
                opts,
                "range: \"A-B\" or \"A to B\" = [A, B]",
            );
            if r.interval.low <= r.interval.high {
                return Some(r);
            }
        }
    }
    let mut end = after_a;
    let (unit, post_cur, after_unit) = post_unit(t, end, opts);
    if post_cur.is_some() {
        currency = currency.or(post_cur);
    }
    end = after_unit;
    // Trailing hedges: "90 or more", "90-plus", "90+", "90 or so".
    let mut h = h;
    if h == Hedge::Exact {
        if w(end) == Some("or") && matches!(w(end + 1), Some("more" | "over" | "above")) {
            h = Hedge::AtLeast;
            end += 2;
        } else if w(end) == Some("or") && matches!(w(end + 1), Some("less" | "fewer" | "under")) {
            h = Hedge::AtMost;
            end += 2;
        } else if w(end) == Some("or") && w(end + 1) == Some("so") {
            h = Hedge::Approximate;
            end += 2;
        } else if w(end) == Some("plus")
            || t.get(end).is_some_and(|x| x.is_punct(b'+') && !x.spaced)
        {
            h = Hedge::AtLeast;
            end += 1;
        } else if t.get(end).is_some_and(|x| x.tok == Tok::Dash && !x.spaced)
            && w(end + 1) == Some("plus")
        {
            h = Hedge::AtLeast;
            end += 2;
        }
    }
    let (mut iv, mut rule) = h.interval(a, opts.margin);
    let (kind, unit_name) = match (unit, currency) {
        (_, Some(_)) => (AssertionKind::Money, None),
        (Some(u), None) => {
            iv = iv.scale(u.factor);
            (u.kind, Some(u.canonical))
        }
        (None, None) if a.ordinal => (AssertionKind::Number, Some("ordinal")),
        (None, None) => (AssertionKind::Number, None),
    };
    if a.ordinal {
        rule = "ordinal: the position stated".into();
    }
    let stated = a.value * unit.map_or(1.0, |u| u.factor);
    // A restatement in brackets: "510 miles (820 kms)".
    let mut restated = None;
    if t.get(end).is_some_and(|x| x.is_punct(b'('))
        && let Some(inner) = amount(t, end + 1, opts)
        && t.get(inner.end).is_some_and(|x| x.is_punct(b')'))
        && inner.kind == kind
        && inner.unit == unit_name
    {
        let inner_fig = figure(t, hedge(t, end + 1).1, m_is_million).map(|(f, _)| f);
        let widen = |f: Option<Figure>, factor: f64, iv: Interval| match f {
            Some(f) => Interval {
                low: iv.low.map(|l| l - f.ulp / 2.0 * factor),
                high: iv.high.map(|h| h + f.ulp / 2.0 * factor),
                ..iv
            },
            None => iv,
        };
        let inner_factor = inner.unit.map_or(1.0, |_| {
            t.get(inner.end.saturating_sub(1))
                .and_then(|x| x.word())
                .and_then(|w| unit_word(w, opts.m_is_metre))
                .map_or(1.0, |u| u.factor)
        });
        let inner_iv = widen(inner_fig, inner_factor, inner.interval);
        restated = Some((t[end + 1].start, t[inner.end - 1].end, inner_iv, inner.unit));
        end = inner.end + 1;
    }
    Some(Amount {
        kind,
        interval: iv,
        stated,
        unit: unit_name,
        currency,
        ordinal: a.ordinal,
        rule,
        end,
        restated,
    })
}

#[allow(clippy::too_many_arguments)]
fn finish_range(
    t: &[Token],
    _start: usize,
    mut a: Figure,
    unit_a: Option<Unit>,
    b: Figure,
    after_b: usize,
    currency: Option<&'static str>,
    opts: AmountOptions,
    rule: &str,
) -> Amount {
    // "between 80 and 100 million", "£5-7bn": the scale written once applies to both.
    if b.scale > 1.0 && a.scale == 1.0 && a.value * b.scale <= b.value {
        a.value *= b.scale;
        a.ulp *= b.scale;
        a.scale = b.scale;
    }
    let (unit_b, cur_b, end) = post_unit(t, after_b, opts);
    let unit = unit_b.or(unit_a);
    let factor = unit.map_or(1.0, |u| u.factor);
    let currency = currency.or(cur_b);
    let kind = if currency.is_some() {
        AssertionKind::Money
    } else if let Some(u) = unit {
        if u.kind == AssertionKind::Duration {
            AssertionKind::Duration
        } else {
            AssertionKind::Range
        }
    } else {
        AssertionKind::Range
    };
    let iv = Interval::closed(a.value * factor, b.value * factor);
    Amount {
        kind,
        interval: iv,
        stated: iv.center().unwrap_or(0.0),
        unit: unit.map(|u| u.canonical),
        currency,
        ordinal: false,
        rule: rule.to_string(),
        end,
        restated: None,
    }
}
