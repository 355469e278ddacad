//! One figure: digits or words, signs, scales ("2.1m", "3 lakh"), fractions and ratios.

use super::*;

/// A figure with a sign: "-5", "−5", "minus 5", "negative 5".
pub(super) fn signed_figure(
    t: &[Token],
    i: usize,
    m: MMode,
    opts: AmountOptions,
) -> Option<(Figure, usize)> {
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

pub(super) fn scale_after(t: &[Token], j: usize, m: MMode) -> Option<f64> {
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
pub(super) fn figure_m(
    t: &[Token],
    i: usize,
    m: MMode,
    opts: AmountOptions,
) -> Option<(Figure, usize)> {
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
            // "2 lakh crore", "5 thousand crore": Indian scales compound.
            if t.get(j).is_some_and(|x| x.is("crore")) && matches!(s, 1e3 | 1e5) {
                f.value *= 1e7;
                f.ulp *= 1e7;
                f.scale *= 1e7;
                j += 1;
            }
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
pub(super) fn denominator(w: &str, plural: bool) -> Option<f64> {
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
pub(super) fn fraction_at(t: &[Token], i: usize) -> Option<(Figure, usize)> {
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
pub(super) fn ratio_at(t: &[Token], a: Figure, after_a: usize) -> Option<(Figure, usize)> {
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
pub(super) fn resolution(f: &Figure, factor: f64) -> f64 {
    if f.scale >= 1e3 { f.ulp * factor } else { 0.0 }
}
