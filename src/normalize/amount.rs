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
fn and_a_half(t: &[Token], j: usize) -> Option<usize> {
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
        (Some("as"), Some("many" | "much" | "extent"), Some("as")) => (Hedge::AtMost, i + 3),
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

pub use super::units::{Dim, Unit};

/// A unit by its lexer id, as the amount parser may read it after a figure: "m" only when
/// the caller decided it is metres.
pub fn unit_word(w: &str, m_is_metre: bool) -> Option<Unit> {
    match w {
        "m" if !m_is_metre => None,
        _ => super::units::unit(w),
    }
}

pub fn currency_word(w: &str) -> Option<&'static str> {
    super::units::currency_word(w)
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
    /// The rounding the way of writing implies, in the canonical unit: the unit of the last
    /// significant digit when a scale word carries the figure ("640 million": 10 million), 0
    /// when every digit is written out ("640,000,000", "twenty-one").
    pub resolution: f64,
    /// Something the reader did to make sense of the value that the user should know.
    pub warning: Option<String>,
    /// A fraction or ratio ("two-thirds", "one in eight"), which a percentage property reads
    /// times 100.
    pub fraction: bool,
    /// Why the words cannot be read with confidence ("pounds" with nothing to say whether of
    /// sterling or of weight; "cents" of no stated currency; bare "degrees"): the caller
    /// reports the value unreadable, or settles it from context and reads again.
    pub ambiguous: Option<Ambiguity>,
}

/// A word whose meaning the figure alone does not settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ambiguity {
    /// "pounds": sterling or the unit of mass.
    Pound,
    /// "cents", "grand": a part or a multiple of a currency the words do not name.
    Currency,
    /// "degrees": of which temperature scale, or of an angle.
    Degree,
    /// Two hedges that contradict each other: "up to 20 feet or more".
    Contradiction,
    /// "rose 10 to 15": a range of the change, or a change of 10 to the level 15.
    ChangeOrRange,
    /// "100 Zimbabwean dollars": a currency word of a country the reader does not know.
    UnknownCurrency,
}

impl Ambiguity {
    pub fn reason(self) -> &'static str {
        match self {
            Ambiguity::Pound => {
                "\"pounds\" may be sterling or a weight, and nothing around it says which"
            }
            Ambiguity::Currency => "the amount names no currency (cents or grand of what?)",
            Ambiguity::Degree => {
                "\"degrees\" names no scale (Celsius or Fahrenheit), nor whether it is an angle"
            }
            Ambiguity::Contradiction => {
                "its hedges contradict each other (at most and at least the same figure)"
            }
            Ambiguity::UnknownCurrency => {
                "a word the reader does not know (a country's name?) qualifies the currency word, so which currency is not certain"
            }
            Ambiguity::ChangeOrRange => {
                "after a verb of change, \"A to B\" may be a range of the change or a change to the level B"
            }
        }
    }
}

/// Options that resolve ambiguities from what the caller expects.
#[derive(Debug, Clone, Copy)]
pub struct AmountOptions {
    pub margin: f64,
    /// Read a bare `m` as metres (the property measures length).
    pub m_is_metre: bool,
    /// The dimension of the property's unit: "pounds" are lb for a mass, "degrees" are the
    /// property's degrees.
    pub dim: Option<Dim>,
    /// Whether "3/4" may be a fraction (in a value field); in running text it may as well be
    /// a date or a score.
    pub slash_fractions: bool,
    /// Whether the property takes money ("pounds" are sterling, not lb).
    pub money: bool,
    /// What "pounds" without "£" or "sterling" are: `Some(true)` a weight, `Some(false)`
    /// sterling, `None` not known (the amount is then ambiguous).
    pub pound_mass: Option<bool>,
    /// The currency of amounts that name none of their own ("99 cents", "20 grand"): the
    /// property's declared currency, or the one the sentence names.
    pub currency: Option<&'static str>,
    /// The scale of bare "degrees": the property's, or the one the sentence states.
    pub degrees: Option<&'static str>,
    /// Whether a bracketed restatement ("510 miles (820 kms)") belongs to the figure: in a
    /// claim's value it does (and is checked); in running text it is a figure of its own.
    pub restatement: bool,
    /// Whether "A to B" may be a range; after a verb of change ("jumped 27,000 to 263,000")
    /// the caller reads the two figures apart.
    pub to_range: bool,
    /// Whether "long", "tall", "wide" after a length belong to it ("42.195 km long"): in a
    /// claim's value they do; in running text the figure ends at its unit.
    pub extent: bool,
}

impl Default for AmountOptions {
    fn default() -> Self {
        AmountOptions {
            margin: DEFAULT_MARGIN,
            m_is_metre: false,
            dim: None,
            slash_fractions: true,
            money: false,
            pound_mass: None,
            currency: None,
            degrees: None,
            restatement: true,
            to_range: true,
            extent: true,
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
        // Codes before figures are short and written in capitals: "GBP 7bn", "Rs 12 crore",
        // not "pounds 7" nor "Euro 2024".
        Some(Tok::Word(Some(w)))
            if currency_word(w).is_some()
                && t[i].capital
                && t[i].end - t[i].start <= 4
                && t.get(i + 1).is_some_and(|x| {
                    matches!(x.tok, Tok::Num { .. })
                        || (x.is_punct(b'.')
                            && t.get(i + 2)
                                .is_some_and(|y| matches!(y.tok, Tok::Num { .. })))
                }) =>
        {
            let skip = if t[i + 1].is_punct(b'.') { 2 } else { 1 };
            (currency_word(w), i + skip)
        }
        _ => (None, i),
    }
}

/// What follows a figure: its unit or currency, and a factor the figure takes (pence, cents).
#[derive(Debug, Clone, Copy)]
struct Post {
    unit: Option<Unit>,
    currency: Option<&'static str>,
    factor: f64,
    end: usize,
    ambiguous: Option<Ambiguity>,
}

fn temperature_letter(t: &[Token], k: usize) -> Option<Unit> {
    let x = t.get(k)?;
    // One letter, perhaps with the sentence's full stop: "23°C."
    if x.end - x.start <= 2 || matches!(x.word(), Some("celsius" | "fahrenheit")) {
        return match x.word()? {
            "approximately" | "celsius" => super::units::unit("°C"),
            "f" | "fahrenheit" => super::units::unit("°F"),
            _ => None,
        };
    }
    None
}

/// Reads the unit or currency after a figure: "km", "-km-long", "per cent", "%", "pounds",
/// "square miles", "km/h", "°F", "pence".
fn post_unit(t: &[Token], i: usize, opts: AmountOptions) -> Post {
    let none = Post {
        unit: None,
        currency: None,
        factor: 1.0,
        end: i,
        ambiguous: None,
    };
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let mut j = i;
    let unit_of = |k: usize| w(k).and_then(|x| unit_word(x, true));
    // "950-km-long"
    if t.get(j).is_some_and(|x| x.tok == Tok::Dash && !x.spaced) && unit_of(j + 1).is_some() {
        j += 1;
    }
    let percent = super::units::unit("percent");
    let pp = super::units::unit("pp");
    if t.get(j).is_some_and(|x| x.is_punct(b'%')) {
        return Post {
            unit: percent,
            end: j + 1,
            ..none
        };
    }
    match (w(j), w(j + 1)) {
        (Some("per"), Some("cent")) => {
            return Post {
                unit: percent,
                end: j + 2,
                ..none
            };
        }
        (Some("percentage"), Some("point")) => {
            return Post {
                unit: pp,
                end: j + 2,
                ..none
            };
        }
        (Some("basis"), Some("point")) => {
            return Post {
                unit: super::units::unit("bps"),
                end: j + 2,
                ..none
            };
        }
        (Some("°" | "degree"), _) => {
            let mut k = j + 1;
            if let Some(u) = temperature_letter(t, k) {
                k += 1;
                return Post {
                    unit: Some(u),
                    end: k,
                    ..none
                };
            }
            // Bare degrees are the property's own scale, or the one the sentence states;
            // otherwise the figure says nothing certain.
            if let Some(scale) = opts
                .degrees
                .or_else(|| (opts.dim == Some(Dim::Temperature)).then_some("°C"))
            {
                return Post {
                    unit: super::units::unit(scale),
                    end: k,
                    ..none
                };
            }
            return Post {
                end: k,
                ambiguous: Some(Ambiguity::Degree),
                ..none
            };
        }
        (Some(c @ ("°C" | "°F")), _) => {
            return Post {
                unit: super::units::unit(c),
                end: j + 1,
                ..none
            };
        }
        _ => {}
    }
    if let Some(Tok::Currency(c)) = t.get(j).map(|x| x.tok) {
        return Post {
            currency: Some(c),
            end: j + 1,
            ..none
        };
    }
    if let Some(end) = unknown_currency(t, j) {
        return Post {
            end,
            ambiguous: Some(Ambiguity::UnknownCurrency),
            ..none
        };
    }
    let Some(word) = w(j) else {
        return none;
    };
    // Areas and volumes: "square miles", "sq km", "cubic metres", "km²", "m3".
    if matches!(word, "square" | "cubic")
        && let Some(len) = unit_of(j + 1)
        && let Some(u) = super::units::power_of(len, if word == "square" { 2 } else { 3 })
    {
        return Post {
            unit: Some(u),
            end: j + 2,
            ..none
        };
    }
    if word == "metric" && matches!(w(j + 1), Some("ton" | "tonne")) {
        return Post {
            unit: super::units::unit("tonne"),
            end: j + 2,
            ..none
        };
    }
    if word == "nautical" && w(j + 1) == Some("mile") {
        return Post {
            unit: super::units::unit("nmi"),
            end: j + 2,
            ..none
        };
    }
    // "pounds" without "£" is sterling or a weight: the property or the sentence says which.
    if word == "pound" {
        if w(j + 1) == Some("GBP") {
            return Post {
                currency: Some("GBP"),
                end: j + 2,
                ..none
            };
        }
        let mass = if opts.money {
            Some(false)
        } else if opts.dim == Some(Dim::Mass) {
            Some(true)
        } else {
            opts.pound_mass
        };
        return match mass {
            Some(true) => Post {
                unit: super::units::unit("lb"),
                end: j + 1,
                ..none
            },
            Some(false) => Post {
                currency: Some("GBP"),
                end: j + 1,
                ..none
            },
            None => Post {
                currency: Some("GBP"),
                end: j + 1,
                ambiguous: Some(Ambiguity::Pound),
                ..none
            },
        };
    }
    if word == "pence" {
        return Post {
            currency: Some("GBP"),
            factor: 0.01,
            end: j + 1,
            ..none
        };
    }
    // Cents of the currency the property or the sentence names; of none, unreadable.
    if word == "cent" {
        return Post {
            factor: 0.01,
            end: j + 1,
            currency: opts.currency,
            ambiguous: opts.currency.is_none().then_some(Ambiguity::Currency),
            ..none
        };
    }
    // "42C", "104F", "38.7 C": a capital C or F right after a figure is a temperature.
    if t[j].capital
        && t[j].end - t[j].start <= 2
        && matches!(word, "approximately" | "f")
        && t.get(j + 1)
            .is_none_or(|n| n.spaced || !matches!(n.tok, Tok::Word(_) | Tok::Num { .. }))
    {
        return Post {
            unit: super::units::unit(if word == "f" { "°F" } else { "°C" }),
            end: j + 1,
            ..none
        };
    }
    // Single letters are units only in lower case: "5g" is five grams, "5G" a network.
    let single_upper = t[j].capital && t[j].end - t[j].start == 1;
    if let Some(mut u) = unit_word(word, true).filter(|_| !single_upper) {
        j += 1;
        match w(j) {
            Some("²") => {
                u = super::units::power_of(u, 2).unwrap_or(u);
                j += 1;
            }
            Some("³") => {
                u = super::units::power_of(u, 3).unwrap_or(u);
                j += 1;
            }
            _ => {}
        }
        // "km/h", "miles per hour", "metres a second"
        let per =
            t.get(j).is_some_and(|x| x.is_punct(b'/')) || matches!(w(j), Some("per" | "a" | "an"));
        if per
            && let Some(time) = unit_of(j + 1).or_else(|| match w(j + 1) {
                Some("h") => super::units::unit("hour"),
                Some("s") => super::units::unit("second"),
                _ => None,
            })
            && let Some(speed) = super::units::speed_of(u, time)
        {
            u = speed;
            j += 2;
        }
        // "28-year-old": an age, a duration.
        if u.dim == Dim::Time
            && t.get(j).is_some_and(|x| x.tok == Tok::Dash && !x.spaced)
            && w(j + 1) == Some("old")
        {
            j += 2;
        }
        // "-long", "tall", "high"
        if u.dim == Dim::Length {
            if t.get(j).is_some_and(|x| x.tok == Tok::Dash)
                && matches!(w(j + 1), Some("long" | "extent"))
            {
                j += 2;
            } else if opts.extent && matches!(w(j), Some("long" | "extent")) {
                j += 1;
            }
        }
        return Post {
            unit: Some(u),
            end: j,
            ..none
        };
    }
    if let Some(c) = currency_word(word) {
        return Post {
            currency: Some(c),
            end: j + 1,
            ..none
        };
    }
    // "5 US dollars", "15 Canadian dollars", "100 British pounds": a country's own currency.
    if let Some(noun) = w(j + 1).filter(|n| *n == "pound" || currency_word(n).is_some())
        && let Some(code) = national_currency(word, noun)
    {
        return Post {
            currency: Some(code),
            end: j + 2,
            ..none
        };
    }
    none
}

/// "100 Zimbabwean dollars", "5 New Zealand dollars": one or two capitalised words the reader
/// does not know before a currency word name a currency it cannot tell; the figure is unread,
/// never a bare number. Where the currency word ends.
fn unknown_currency(t: &[Token], j: usize) -> Option<usize> {
    let name = |k: usize| {
        t.get(k)
            .is_some_and(|x| x.tok == Tok::Word(None) && x.capital && x.spaced)
    };
    // One unknown word in lower case says as little: "5 extra dollars" of which currency?
    if !(name(j)
        || t.get(j)
            .is_some_and(|x| x.tok == Tok::Word(None) && x.spaced))
    {
        return None;
    }
    let k = if name(j + 1) { j + 2 } else { j + 1 };
    let noun = t.get(k).and_then(|x| x.word())?;
    (noun == "pound" || currency_word(noun).is_some()).then_some(k + 1)
}

/// The currency a country's adjective names with a currency word: "Canadian" + "dollars".
fn national_currency(adjective: &str, noun: &str) -> Option<&'static str> {
    Some(match (adjective, noun) {
        ("us" | "american", "USD") => "USD",
        ("canadian", "USD") => "CAD",
        ("australian", "USD") => "AUD",
        ("singapore", "USD") => "SGD",
        ("taiwan", "USD") => "TWD",
        ("british", "pound" | "GBP") => "GBP",
        ("egyptian", "pound") => "EGP",
        ("swiss", "CHF") => "CHF",
        ("indian", "INR") => "INR",
        ("pakistani", "INR") => "PKR",
        ("japanese", "JPY") => "JPY",
        ("chinese", "CNY") => "CNY",
        ("russian", "RUB") => "RUB",
        ("turkish", "TRY") => "TRY",
        _ => return None,
    })
}

/// Whether a glued "m" at `k` is a length: "2.1m tall", "5m²", "10m/s".
fn m_is_length_at(t: &[Token], k: usize) -> bool {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    matches!(w(k + 1), Some("extent" | "long" | "²" | "³"))
        || (t
            .get(k + 1)
            .is_some_and(|x| x.is_punct(b'/') || x.tok == Tok::Dash)
            && matches!(w(k + 2), Some("second" | "h" | "hour" | "long" | "extent")))
        || (w(k + 1) == Some("per") && matches!(w(k + 2), Some("second" | "hour")))
}

fn affine(iv: Interval, u: Option<Unit>) -> Interval {
    let Some(u) = u else { return iv };
    Interval {
        low: iv.low.map(|x| x * u.factor + u.offset),
        high: iv.high.map(|x| x * u.factor + u.offset),
        ..iv
    }
}

/// A figure with a sign: "-5", "−5", "minus 5", "negative 5".
fn signed_figure(t: &[Token], i: usize, m: MMode, opts: AmountOptions) -> Option<(Figure, usize)> {
    let tok = t.get(i)?;
    if tok.is_punct(b'+')
        && t.get(i + 1)
            .is_some_and(|n| !n.spaced && matches!(n.tok, Tok::Num { .. }))
    {
        return figure_m(t, i + 1, m, opts);
    }
    let minus = (tok.tok == Tok::Dash
        && t.get(i + 1)
            .is_some_and(|n| !n.spaced && matches!(n.tok, Tok::Num { .. })))
        || tok.is("minus");
    if minus {
        let (mut f, end) = figure_m(t, i + 1, m, opts)?;
        if f.ordinal {
            return None;
        }
        f.value = -f.value;
        return Some((f, end));
    }
    figure_m(t, i, m, opts)
}

/// How "m" after a figure is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MMode {
    /// After a currency: "£2.1m" is millions.
    Million,
    /// The property measures length: "850m" is metres.
    Metre,
    /// Glued, million unless a length follows ("2.1m tall"); spaced, metres ("100 m").
    Guess,
}

fn scale_after(t: &[Token], j: usize, m: MMode) -> Option<f64> {
    let x = t.get(j)?;
    let w = x.word()?;
    match w {
        "m" => match m {
            MMode::Million => Some(1e6),
            MMode::Metre => None,
            MMode::Guess => (!x.spaced && !m_is_length_at(t, j)).then_some(1e6),
        },
        // A glued "b" or "k" is a scale; spaced, it is more likely a letter or a word.
        "b" | "k" if x.spaced => None,
        "crore" => Some(1e7),
        "lakh" => Some(1e5),
        "hundred" => Some(100.0),
        "dozen" => Some(12.0),
        _ => scale_word(w, true),
    }
}

/// A figure at `i`: digits with a scale word, a slash fraction, a fraction glyph, or words.
fn figure_m(t: &[Token], i: usize, m: MMode, opts: AmountOptions) -> Option<(Figure, usize)> {
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
        // "3/4": a fraction, when the caller allows it.
        if !ordinal
            && opts.slash_fractions
            && t.get(j).is_some_and(|x| x.is_punct(b'/') && !x.spaced)
            && let Some(Tok::Num {
                value: d,
                ordinal: false,
                ..
            }) = t.get(j + 1).filter(|x| !x.spaced).map(|x| x.tok)
            && d != 0.0
            && value.fract() == 0.0
            && d.fract() == 0.0
        {
            let v = value / d;
            return Some((
                Figure {
                    value: v,
                    ulp: 1.0 / d,
                    ordinal: false,
                    scale: 1.0,
                },
                j + 2,
            ));
        }
        // "2 ½"
        if let Some(Tok::Num {
            value: g,
            int_digits: 0,
            ..
        }) = t.get(j).map(|x| x.tok)
            && value.fract() == 0.0
            && !ordinal
        {
            f.value += g;
            f.ulp = g;
            j += 1;
        }
        // "6-1/2": a whole number and a fraction, as American copy writes them.
        if !ordinal
            && value.fract() == 0.0
            && t.get(j).is_some_and(|x| x.tok == Tok::Dash && !x.spaced)
            && t.get(j + 2).is_some_and(|x| x.is_punct(b'/') && !x.spaced)
            && let (Some(n), Some(d)) = (t.get(j + 1), t.get(j + 3))
            && !n.spaced
            && !d.spaced
            && let (
                Tok::Num {
                    value: nv,
                    ordinal: false,
                    int_digits: 1,
                    ..
                },
                Tok::Num {
                    value: dv,
                    ordinal: false,
                    int_digits: 1 | 2,
                    ..
                },
            ) = (n.tok, d.tok)
            && nv.fract() == 0.0
            && dv.fract() == 0.0
            && nv >= 1.0
            && nv < dv
            && dv <= 16.0
            && t.get(j + 4)
                .is_none_or(|x| x.spaced || !matches!(x.tok, Tok::Num { .. } | Tok::Punct(b'/')))
        {
            f.value += nv / dv;
            f.ulp = 1.0 / dv;
            j += 4;
        }
        // "7 and a half", "2-and-a-half"
        if !ordinal
            && value.fract() == 0.0
            && f.value == value
            && let Some(e) = and_a_half(t, j)
        {
            f.value += 0.5;
            f.ulp = 0.5;
            j = e;
        }
        if !ordinal && let Some(s) = scale_after(t, j, m) {
            f.value *= s;
            f.ulp *= s;
            f.scale = s;
            j += 1;
            // "2 million and a half"
            if t.get(j).is_some_and(|x| x.is("and"))
                && t.get(j + 1).is_some_and(|x| x.is("a"))
                && t.get(j + 2).is_some_and(|x| x.is("half"))
            {
                f.value += 0.5 * s;
                f.ulp = f.ulp.min(0.5 * s);
                j += 3;
            }
        }
        return Some((f, j));
    }
    word_figure(t, i)
}

/// Parses a figure at `i`: digits or number words, with a scale word.
pub fn figure(t: &[Token], i: usize, m_is_million: bool) -> Option<(Figure, usize)> {
    figure_m(
        t,
        i,
        if m_is_million {
            MMode::Guess
        } else {
            MMode::Metre
        },
        AmountOptions::default(),
    )
}

/// Numerator words and fraction denominators: "two-thirds", "a sixth", "three quarters".
fn denominator(w: &str, plural: bool) -> Option<f64> {
    Some(match (w, plural) {
        ("half", false) | ("halves", true) => 2.0,
        ("third", false) | ("thirds", true) => 3.0,
        ("quarter", false) | ("quarters", true) | ("fourth", false) | ("fourths", true) => 4.0,
        ("fifth", false) | ("fifths", true) => 5.0,
        ("sixth", false) | ("sixths", true) => 6.0,
        ("seventh", false) | ("sevenths", true) => 7.0,
        ("eighth", false) | ("eighths", true) => 8.0,
        ("ninth", false) | ("ninths", true) => 9.0,
        ("tenth", false) | ("tenths", true) => 10.0,
        ("hundredth", false) | ("hundredths", true) => 100.0,
        ("thousandth", false) | ("thousandths", true) => 1000.0,
        _ => return None,
    })
}

/// "a sixth", "one-fifth", "two-thirds", "three quarters", "1 in 8", "one in eight",
/// "one out of five".
fn fraction_at(t: &[Token], i: usize) -> Option<(Figure, usize)> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let numerator = match w(i) {
        Some("a" | "an") => 1.0,
        Some(x) => units_word(x)?,
        None => return None,
    };
    if numerator == 0.0 {
        return None;
    }
    let mut k = i + 1;
    if t.get(k).is_some_and(|x| x.tok == Tok::Dash && !x.spaced) {
        k += 1;
    }
    let d = denominator(w(k)?, numerator != 1.0)?;
    let v = numerator / d;
    Some((
        Figure {
            value: v,
            ulp: 1.0 / d,
            ordinal: false,
            scale: 1.0,
        },
        k + 1,
    ))
}

/// "one in eight", "1 in 8", "three out of five": a ratio of two small whole numbers.
fn ratio_at(t: &[Token], a: Figure, after_a: usize) -> Option<(Figure, usize)> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let b_at = match (w(after_a), w(after_a + 1)) {
        (Some("in"), _) => after_a + 1,
        (Some("out"), Some("of")) => after_a + 2,
        _ => return None,
    };
    if a.ordinal || a.scale != 1.0 || a.value.fract() != 0.0 || a.value < 1.0 {
        return None;
    }
    let (b, end) = word_figure(t, b_at).or_else(|| match t.get(b_at)?.tok {
        Tok::Num {
            value,
            int_digits,
            ordinal: false,
            ..
        } if int_digits < 4 => Some((
            Figure {
                value,
                ulp: 1.0,
                ordinal: false,
                scale: 1.0,
            },
            b_at + 1,
        )),
        _ => None,
    })?;
    if b.ordinal || b.value.fract() != 0.0 || b.value <= a.value {
        return None;
    }
    Some((
        Figure {
            value: a.value / b.value,
            ulp: 1.0 / b.value,
            ordinal: false,
            scale: 1.0,
        },
        end,
    ))
}

/// "hundred" and "dozen" are multipliers a range shares, but not scale words: "three hundred"
/// is as exact as "300".
fn resolution(f: &Figure, factor: f64) -> f64 {
    if f.scale >= 1e3 { f.ulp * factor } else { 0.0 }
}

/// Quantity verbs and hedges before a figure: "exceeded", "will top", "rose to",
/// "nearly reached", "≥", "<", "~".
pub fn verb_hedge(t: &[Token], i: usize) -> (Hedge, usize) {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    // Symbols.
    if let Some(x) = t.get(i) {
        let glued_eq = t.get(i + 1).is_some_and(|n| n.is_punct(b'=') && !n.spaced);
        let sym = match (x.tok, glued_eq) {
            (Tok::Punct(b'>'), true) => Some((Hedge::AtLeast, i + 2)),
            (Tok::Punct(b'<'), true) => Some((Hedge::AtMost, i + 2)),
            (Tok::Punct(b'>'), false) => Some((Hedge::Over, i + 1)),
            (Tok::Punct(b'<'), false) => Some((Hedge::Under, i + 1)),
            (Tok::Punct(b'~'), _) => Some((Hedge::Approximate, i + 1)),
            (Tok::Word(Some("≥")), _) => Some((Hedge::AtLeast, i + 1)),
            (Tok::Word(Some("≤")), _) => Some((Hedge::AtMost, i + 1)),
            _ => None,
        };
        if let Some(s) = sym {
            return s;
        }
    }
    let mut k = i;
    let mut nearly = false;
    if matches!(w(k), Some("nearly" | "almost"))
        && matches!(w(k + 1), Some("reached" | "exceeded" | "moved"))
    {
        nearly = true;
        k += 1;
    }
    if matches!(w(k), Some("will" | "could" | "would"))
        && matches!(w(k + 1), Some("reached" | "exceeded"))
    {
        k += 1;
    }
    match w(k) {
        Some("crossed") if !nearly && crosses_threshold(t, k + 1) => return (Hedge::Over, k + 1),
        Some("exceeded") if !nearly => return (Hedge::Over, k + 1),
        Some("exceeded") => return (Hedge::Nearly, k + 1),
        Some("reached") => k += 1,
        Some("moved") if w(k + 1) == Some("to") => k += 2,
        _ => return hedge(t, i),
    }
    if nearly {
        return (Hedge::Nearly, k);
    }
    // "rose to nearly 100", "reached over 90"
    hedge(t, k)
}

/// "cross 100", "crossed the 1,000 mark" is not read; "crossed 3 rivers" is no bound: a
/// figure after "cross" is a threshold only when nothing it counts follows it.
fn crosses_threshold(t: &[Token], at: usize) -> bool {
    let Some((_, after)) = figure(t, at, true) else {
        return false;
    };
    match t.get(after) {
        None => true,
        Some(x) if x.tok == Tok::Word(None) => false,
        // "crossed 40 degrees" is a threshold; "crossed 100 km" a distance travelled.
        Some(_) => post_unit(t, after, AmountOptions::default())
            .unit
            .is_none_or(|u| u.dim != Dim::Length),
    }
}

#[allow(clippy::too_many_arguments)]
fn finish_range(
    t: &[Token],
    mut a: Figure,
    unit_a: Option<Unit>,
    b: Figure,
    after_b: usize,
    currency: Option<&'static str>,
    opts: AmountOptions,
    rule: &str,
    swap: bool,
) -> Option<Amount> {
    // "between 80 and 100 million", "£5-7bn", "two or three hundred": the scale written once
    // applies to both.
    let mut a_res = resolution(&a, 1.0);
    if b.scale > 1.0 && a.scale == 1.0 && a.value * b.scale <= b.value {
        a.value *= b.scale;
        a.ulp *= b.scale;
        a.scale = b.scale;
        a_res = a.ulp;
    }
    let post = post_unit(t, after_b, opts);
    let unit = post.unit.or(unit_a);
    if let (Some(ua), Some(ub)) = (unit_a, post.unit)
        && ua.dim != ub.dim
    {
        return None;
    }
    let currency = currency.or(post.currency);
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
    let (lo, hi) = (a.value * post.factor, b.value * post.factor);
    let mut warning = None;
    let (lo, hi) = if lo > hi {
        if !swap {
            return None;
        }
        warning = Some(format!(
            "the range is written high to low; read as from {} to {}",
            fmt_num(hi),
            fmt_num(lo)
        ));
        (hi, lo)
    } else {
        (lo, hi)
    };
    let iv = affine(Interval::closed(lo, hi), unit);
    let factor = unit.map_or(1.0, |u| u.factor) * post.factor;
    Some(Amount {
        kind,
        interval: iv,
        stated: iv.center().unwrap_or(0.0),
        unit: unit.map(|u| u.canonical),
        currency,
        ordinal: false,
        rule: rule.to_string(),
        end: post.end,
        restated: None,
        resolution: a_res.max(resolution(&b, 1.0)) * factor,
        warning,
        fraction: false,
        ambiguous: post.ambiguous,
    })
}

/// A four-digit whole number where news years fall: "2020 or 2021" are years, not a count.
fn year_like(t: &[Token], k: usize) -> bool {
    matches!(t.get(k).map(|x| x.tok), Some(Tok::Num { value, int_digits: 4, grouped: false, ordinal: false, .. }) if (1800.0..2200.0).contains(&value))
}

/// A hedge before a range: "as much as 10-15 inches" is at most 15, "more than 10-15" more
/// than 10, "about 10-15" 10-15 widened at both ends as "about" widens a figure.
fn hedged_range(mut r: Amount, h: Hedge, margin: f64) -> Amount {
    let (Some(lo), Some(hi)) = (r.interval.low, r.interval.high) else {
        return r;
    };
    let open = |low: Option<f64>, li: bool, high: Option<f64>, hi_inc: bool| Interval {
        low,
        high,
        low_inclusive: li,
        high_inclusive: hi_inc,
    };
    r.interval = match h {
        Hedge::Exact => return r,
        Hedge::AtMost => open((hi > 0.0).then_some(0.0), true, Some(hi), true),
        Hedge::Under => open((hi > 0.0).then_some(0.0), true, Some(hi), false),
        Hedge::AtLeast => open(Some(lo), true, None, false),
        Hedge::Over => open(Some(lo), false, None, false),
        Hedge::Approximate => open(
            Some(lo - margin * lo.abs()),
            true,
            Some(hi + margin * hi.abs()),
            true,
        ),
        Hedge::Nearly => open(Some(lo - 0.1 * lo.abs()), true, Some(hi), false),
        Hedge::JustOver => open(Some(lo), false, Some(hi + 0.1 * hi.abs()), true),
    };
    r.rule = format!("{} before a range: {}", h.name(), r.rule);
    r
}

/// Adds the smaller units of a compound measure: "6 ft 1 in", "1 hour 20 minutes",
/// "two years and three months". Returns the extra amount in the first unit and the end.
fn compound(t: &[Token], mut end: usize, first: Unit, opts: AmountOptions) -> (f64, usize) {
    let mut extra = 0.0;
    let mut last = first;
    loop {
        let mut k = end;
        if t.get(k).is_some_and(|x| x.is("and") || x.is_punct(b',')) {
            k += 1;
        }
        let Some((f, after)) = figure_m(t, k, MMode::Metre, opts) else {
            break;
        };
        if f.ordinal || f.value < 0.0 {
            break;
        }
        // "in" is an inch only right after feet.
        let is_foot = super::units::unit("foot").is_some_and(|ft| ft.factor == last.factor);
        let post = if is_foot && t.get(after).is_some_and(|x| x.is("in")) {
            Post {
                unit: super::units::unit("inch"),
                currency: None,
                factor: 1.0,
                end: after + 1,
                ambiguous: None,
            }
        } else {
            post_unit(t, after, opts)
        };
        match post.unit {
            Some(u) if u.dim == last.dim && u.factor < last.factor && u.offset == 0.0 => {
                extra += f.value * u.factor / first.factor;
                last = u;
                end = post.end;
            }
            _ => break,
        }
    }
    (extra, end)
}

/// Parses an amount at `i`: `[hedge] [currency] figure [unit] [(restatement)]`,
/// `between A and B`, `from A to B`, `A-B`, `A to B`, `A or B`, or a vague amount.
pub fn amount(t: &[Token], i: usize, opts: AmountOptions) -> Option<Amount> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let m_mode = |cur: Option<&str>| {
        if cur.is_some() {
            MMode::Million
        } else if opts.m_is_metre {
            MMode::Metre
        } else {
            MMode::Guess
        }
    };
    // Ranges introduced by a word.
    if matches!(w(i), Some("between" | "from")) {
        let (cur, a_at) = pre_currency(t, i + 1);
        let (a, after_a) = signed_figure(t, a_at, m_mode(cur), opts)?;
        let pa = post_unit(t, after_a, opts);
        let joiner = if w(i) == Some("between") { "and" } else { "to" };
        let mut k = pa.end;
        // "between 18,000 to 20,000" is a slip for "and", with one meaning.
        if w(k) == Some(joiner)
            || (joiner == "and" && w(k) == Some("to"))
            || (w(i) == Some("from") && t.get(k).is_some_and(|x| x.tok == Tok::Dash))
        {
            k += 1;
            let (cur_b, b_at) = pre_currency(t, k);
            let cur = cur.or(cur_b).or(pa.currency);
            let (b, after_b) = signed_figure(t, b_at, m_mode(cur), opts)?;
            return finish_range(
                t,
                a,
                pa.unit,
                b,
                after_b,
                cur,
                opts,
                &format!("range: \"{} A {joiner} B\" = [A, B]", w(i).unwrap_or("")),
                // "from 714 to 692" is a change, not a range; "between 100 and 10" a slip.
                w(i) == Some("between"),
            )
            .map(|mut r| {
                r.ambiguous = r.ambiguous.or(pa.ambiguous);
                r
            });
        }
        return None;
    }
    if let Some((iv, rule, end)) = vague(t, i) {
        // "thousands of Afghans", "billions of dollars"
        let mut k = end;
        if w(k) == Some("of") {
            k += 1;
        }
        let post = post_unit(t, k, opts);
        let (end, unit, kind) = match (post.unit, post.currency) {
            (Some(u), _) => (post.end, Some(u), u.kind),
            (None, Some(_)) => (post.end, None, AssertionKind::Money),
            _ => (end, None, AssertionKind::Number),
        };
        let iv = affine(iv, unit);
        return Some(Amount {
            kind,
            interval: iv,
            stated: iv.center().unwrap_or(0.0),
            unit: unit.map(|u| u.canonical),
            currency: post.currency,
            ordinal: false,
            rule,
            end,
            restated: None,
            resolution: 0.0,
            warning: None,
            fraction: false,
            ambiguous: post.ambiguous,
        });
    }
    let (h, at) = verb_hedge(t, i);
    let (mut currency, fig_at) = pre_currency(t, at);
    let mut fraction = false;
    let one = |v: f64| Figure {
        value: v,
        ulp: 1.0,
        ordinal: false,
        scale: 1.0,
    };
    // Only units of time take "a" for one ("a year", "an hour"): "a second" is mostly the
    // ordinal, "a ton of" a manner of speaking.
    // Other units take it where one of them is a measure ("a kilo", "a cubic yard", "half a
    // percent"), not where the word has another sense ("a foot", "a ton of", "a pound").
    let unit_next = |k: usize| {
        let Some(word) = w(k) else { return false };
        if matches!(
            word,
            "second" | "ton" | "pound" | "foot" | "yard" | "stone" | "point" | "degree" | "°"
        ) {
            return false;
        }
        post_unit(t, k, opts).unit.is_some_and(|u| {
            u.dim == Dim::Time || !matches!(u.dim, Dim::Temperature | Dim::PercentagePoint)
        })
    };
    let (mut a, mut after_a) = match fraction_at(t, fig_at) {
        Some(f) => {
            fraction = true;
            f
        }
        // "a year", "an hour", "a fortnight"
        None if matches!(w(fig_at), Some("a" | "an")) && unit_next(fig_at + 1) => {
            (one(1.0), fig_at + 1)
        }
        // "half an hour", "half a day"
        None if w(fig_at) == Some("half")
            && matches!(w(fig_at + 1), Some("a" | "an"))
            && unit_next(fig_at + 2) =>
        {
            (one(0.5), fig_at + 2)
        }
        None => signed_figure(t, fig_at, m_mode(currency), opts)?,
    };
    // "a quarter of a million", "three-quarters of a million"
    if fraction
        && w(after_a) == Some("of")
        && matches!(w(after_a + 1), Some("a" | "an"))
        && let Some(s) = w(after_a + 2)
            .and_then(|x| scale_word(x, true))
            .filter(|s| *s >= 1e3)
    {
        a.value *= s;
        a.ulp *= s;
        a.scale = s;
        after_a += 3;
        fraction = false;
    }
    if let Some((r, end)) = ratio_at(t, a, after_a) {
        (a, after_a, fraction) = (r, end, true);
    }
    // "5 grand": thousands, of money.
    let mut grand = false;
    if w(after_a) == Some("grand") && !a.ordinal {
        a.value *= 1e3;
        a.ulp *= 1e3;
        a.scale = 1e3;
        after_a += 1;
        grand = true;
    }
    // A range with a dash, "to" or "or": "80,000-100,000", "£5-7bn", "14 or 15".
    let joiner = |k: usize| -> Option<&'static str> {
        let x = t.get(k)?;
        if x.tok == Tok::Dash && !(x.spaced && t.get(k + 1).is_some_and(|n| !n.spaced)) {
            return Some("dash");
        }
        if h != Hedge::Exact {
            return None;
        }
        match x.word() {
            Some("to") if opts.to_range => Some("to"),
            Some("or")
                if !year_like(t, i)
                    && !matches!(
                        w(k + 1),
                        Some(
                            "more"
                                | "over"
                                | "above"
                                | "less"
                                | "fewer"
                                | "under"
                                | "below"
                                | "so"
                                | "greater"
                                | "higher"
                                | "lower"
                        )
                    ) =>
            {
                Some("or")
            }
            _ => None,
        }
    };
    if !a.ordinal
        && !fraction
        && let Some(j) = joiner(after_a)
    {
        let (cur_b, b_at) = pre_currency(t, after_a + 1);
        let cur = currency.or(cur_b);
        if let Some((b, after_b)) = signed_figure(t, b_at, m_mode(cur), opts)
            && !b.ordinal
        {
            let rule = match j {
                "or" => "alternatives: \"A or B\" = [A, B]",
                _ => "range: \"A-B\" or \"A to B\" = [A, B]",
            };
            // A dash range written high to low is more likely a score or a code than a
            // range: left to the caller to report.
            if let Some(r) = finish_range(t, a, None, b, after_b, cur, opts, rule, j != "dash") {
                return Some(hedged_range(r, h, opts.margin));
            }
        }
    }
    // "2% to 2.5%", "3 km to 5 km": the unit written on both ends.
    if !a.ordinal && !fraction {
        let pa = post_unit(t, after_a, opts);
        if pa.end > after_a
            && pa.factor == 1.0
            && let Some(j) = joiner(pa.end).filter(|j| *j != "or")
        {
            let (cur_b, b_at) = pre_currency(t, pa.end + 1);
            let cur = currency.or(pa.currency).or(cur_b);
            let pb = |after_b: usize| post_unit(t, after_b, opts);
            if let Some((b, after_b)) = signed_figure(t, b_at, m_mode(cur), opts)
                && !b.ordinal
                // The same unit or currency on both ends: "28% to 120.6 billion yen" is two
                // figures, not a range.
                && cur_b.is_none()
                && pb(after_b).unit.map(|u| u.dim) == pa.unit.map(|u| u.dim)
                && pb(after_b).currency == pa.currency
                && let Some(r) = finish_range(
                    t,
                    a,
                    pa.unit,
                    b,
                    after_b,
                    cur,
                    opts,
                    "range: \"A to B\" with the unit on both = [A, B]",
                    j != "dash",
                )
            {
                return Some(r);
            }
        }
    }
    let mut end = after_a;
    let post = post_unit(t, end, opts);
    let mut ambiguous = post.ambiguous;
    if post.currency.is_some() {
        // "£5 pounds": the symbol settles what the word leaves open.
        if currency.is_some() && ambiguous == Some(Ambiguity::Pound) {
            ambiguous = None;
        }
        currency = currency.or(post.currency);
    }
    // "20 grand": thousands of the currency the property or the sentence names.
    if grand && currency.is_none() {
        currency = opts.currency;
        if currency.is_none() {
            ambiguous = ambiguous.or(Some(Ambiguity::Currency));
        }
    }
    let unit = post.unit;
    end = post.end;
    let mut factor_extra = post.factor;
    // "6 ft 1 in", "1 hour 20 minutes"
    if let Some(u) = unit
        && matches!(u.dim, Dim::Length | Dim::Time | Dim::Mass)
    {
        let (extra, e) = compound(t, end, u, opts);
        if e > end {
            a.value += extra;
            a.ulp = a.ulp.min(1.0);
            end = e;
        }
    }
    // "a day and a half", "two years and a half"
    if let Some(u) = unit
        && u.offset == 0.0
        && w(end) == Some("and")
        && w(end + 1) == Some("a")
        && w(end + 2) == Some("half")
    {
        a.value += 0.5;
        a.ulp = a.ulp.min(0.5);
        end += 3;
    }
    // "$7 and 25 cents"
    if currency.is_some()
        && post.factor == 1.0
        && w(end) == Some("and")
        && let Some(Tok::Num {
            value: c,
            ordinal: false,
            ..
        }) = t.get(end + 1).map(|x| x.tok)
        && w(end + 2) == Some("cent")
        && c < 100.0
    {
        a.value += c / 100.0;
        a.ulp = 0.01;
        end += 3;
    }
    // A second hedge after a hedged figure contradicts or repeats the first ("up to 20 feet
    // or more"): no reading is safe.
    if h != Hedge::Exact
        && w(end) == Some("or")
        && matches!(
            w(end + 1),
            Some(
                "more"
                    | "over"
                    | "above"
                    | "greater"
                    | "higher"
                    | "less"
                    | "fewer"
                    | "under"
                    | "below"
                    | "lower"
            )
        )
    {
        ambiguous = Some(Ambiguity::Contradiction);
        end += 2;
    }
    // Trailing hedges: "90 or more", "90-plus", "90+", "90 or so", "90 or higher".
    let mut h = h;
    if h == Hedge::Exact {
        if w(end) == Some("or")
            && matches!(
                w(end + 1),
                Some("more" | "over" | "above" | "greater" | "higher")
            )
        {
            h = Hedge::AtLeast;
            end += 2;
        } else if w(end) == Some("or")
            && matches!(
                w(end + 1),
                Some("less" | "fewer" | "under" | "below" | "lower")
            )
        {
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
    if factor_extra != 1.0 {
        a.value *= factor_extra;
        a.ulp *= factor_extra;
        factor_extra = 1.0;
    }
    let _ = factor_extra;
    let (mut iv, mut rule) = h.interval(a, opts.margin);
    // Two-sided: "more than 40 but fewer than 60", "at least 3 and at most 5".
    if matches!(h, Hedge::Over | Hedge::AtLeast)
        && matches!(w(end), Some("but" | "and"))
        && let (h2 @ (Hedge::Under | Hedge::AtMost), b_at) = hedge(t, end + 1)
        && let Some((b, after_b)) = signed_figure(t, b_at, m_mode(currency), opts)
        && !b.ordinal
        && b.value > a.value
    {
        let post_b = post_unit(t, after_b, opts);
        if post_b.unit.is_none() || post_b.unit.map(|u| u.dim) == unit.map(|u| u.dim) {
            let upper = h2.interval(b, opts.margin).0;
            iv = Interval {
                low: iv.low,
                low_inclusive: iv.low_inclusive,
                high: upper.high,
                high_inclusive: upper.high_inclusive,
            };
            rule = format!("two-sided: {} and {}", h.name(), h2.name());
            end = post_b.end;
        }
    }
    let (kind, unit_name) = match (unit, currency) {
        (_, Some(_)) => (AssertionKind::Money, None),
        (Some(u), None) => {
            iv = affine(iv, Some(u));
            if u.dim == Dim::Temperature && matches!(h, Hedge::Under | Hedge::AtMost) {
                // Temperatures have no floor at zero.
                iv.low = None;
            }
            (u.kind, Some(u.canonical))
        }
        (None, None) if grand => (AssertionKind::Money, None),
        (None, None) if post.factor != 1.0 => (AssertionKind::Money, None),
        (None, None) if a.ordinal => (AssertionKind::Number, Some("ordinal")),
        (None, None) => (AssertionKind::Number, None),
    };
    if a.ordinal {
        rule = "ordinal: the position stated".into();
    } else if fraction && h == Hedge::Exact {
        rule = "fraction: the ratio stated".into();
    }
    let stated = a.value * unit.map_or(1.0, |u| u.factor) + unit.map_or(0.0, |u| u.offset);
    let res = resolution(&a, unit.map_or(1.0, |u| u.factor));
    // A restatement in brackets: "510 miles (820 kms)".
    let mut restated = None;
    if opts.restatement
        && t.get(end).is_some_and(|x| x.is_punct(b'('))
        && let Some(inner) = amount(t, end + 1, opts)
        && t.get(inner.end).is_some_and(|x| x.is_punct(b')'))
        && inner.kind == kind
        && inner.unit == unit_name
        // In a money claim's value, "£640m ($810m)" is one amount restated in another
        // currency, checked later against a declared rate; in running text the two stay
        // separate figures.
        && (inner.currency == currency || opts.money)
    {
        let inner_fig = figure(t, hedge(t, end + 1).1, !opts.m_is_metre).map(|(f, _)| f);
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
        resolution: res,
        warning: None,
        fraction,
        ambiguous,
    })
}
