//! What stands before and after a figure: currency signs and codes, units, temperature letters.

use super::*;

pub(super) fn pre_currency(t: &[Token], i: usize) -> (Option<&'static str>, usize) {
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
pub(super) struct Post {
    pub(super) unit: Option<Unit>,
    pub(super) currency: Option<&'static str>,
    pub(super) factor: f64,
    pub(super) end: usize,
    pub(super) ambiguous: Option<Ambiguity>,
}

pub(super) fn temperature_letter(t: &[Token], k: usize) -> Option<Unit> {
    let x = t.get(k)?;
    // One letter, perhaps with the sentence's full stop: "23°C."
    if x.end - x.start <= 2 || matches!(x.word(), Some("celsius" | "fahrenheit")) {
        return match x.word()? {
            "approximately" | "celsius" => crate::normalize::units::unit("°C"),
            "f" | "fahrenheit" => crate::normalize::units::unit("°F"),
            _ => None,
        };
    }
    None
}

/// Reads the unit or currency after a figure: "km", "-km-long", "per cent", "%", "pounds",
/// "square miles", "km/h", "°F", "pence".
pub(super) fn post_unit(t: &[Token], i: usize, opts: AmountOptions) -> Post {
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
    let percent = crate::normalize::units::unit("percent");
    let pp = crate::normalize::units::unit("pp");
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
                unit: crate::normalize::units::unit("bps"),
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
                    unit: crate::normalize::units::unit(scale),
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
                unit: crate::normalize::units::unit(c),
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
        && let Some(u) =
            crate::normalize::units::power_of(len, if word == "square" { 2 } else { 3 })
    {
        return Post {
            unit: Some(u),
            end: j + 2,
            ..none
        };
    }
    if word == "metric" && matches!(w(j + 1), Some("ton" | "tonne")) {
        return Post {
            unit: crate::normalize::units::unit("tonne"),
            end: j + 2,
            ..none
        };
    }
    if word == "nautical" && w(j + 1) == Some("mile") {
        return Post {
            unit: crate::normalize::units::unit("nmi"),
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
                unit: crate::normalize::units::unit("lb"),
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
            unit: crate::normalize::units::unit(if word == "f" { "°F" } else { "°C" }),
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
                u = crate::normalize::units::power_of(u, 2).unwrap_or(u);
                j += 1;
            }
            Some("³") => {
                u = crate::normalize::units::power_of(u, 3).unwrap_or(u);
                j += 1;
            }
            _ => {}
        }
        // "km/h", "miles per hour", "metres a second"
        let per =
            t.get(j).is_some_and(|x| x.is_punct(b'/')) || matches!(w(j), Some("per" | "a" | "an"));
        if per
            && let Some(time) = unit_of(j + 1).or_else(|| match w(j + 1) {
                Some("h") => crate::normalize::units::unit("hour"),
                Some("s") => crate::normalize::units::unit("second"),
                _ => None,
            })
            && let Some(speed) = crate::normalize::units::speed_of(u, time)
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
pub(super) fn unknown_currency(t: &[Token], j: usize) -> Option<usize> {
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
pub(super) fn national_currency(adjective: &str, noun: &str) -> Option<&'static str> {
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
pub(super) fn m_is_length_at(t: &[Token], k: usize) -> bool {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    matches!(w(k + 1), Some("extent" | "long" | "²" | "³"))
        || (t
            .get(k + 1)
            .is_some_and(|x| x.is_punct(b'/') || x.tok == Tok::Dash)
            && matches!(w(k + 2), Some("second" | "h" | "hour" | "long" | "extent")))
        || (w(k + 1) == Some("per") && matches!(w(k + 2), Some("second" | "hour")))
}

pub(super) fn affine(iv: Interval, u: Option<Unit>) -> Interval {
    let Some(u) = u else { return iv };
    Interval {
        low: iv.low.map(|x| x * u.factor + u.offset),
        high: iv.high.map(|x| x * u.factor + u.offset),
        ..iv
    }
}
