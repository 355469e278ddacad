//! The entry points: what one value string means ([`normalize_value`]), and every
//! quantity, amount, duration and date in an article ([`extract`]).

mod clock;
mod extract;
#[cfg(test)]
mod tests;

use super::amount::{self, AmountOptions};
use super::date::{self, Reference};
use super::lexer::{Tok, Token, lex};
use super::units::{self, Dim};
use crate::model::{
    Assertion, AssertionKind, Conversion, DateOrder, DateRange, Interval, ValueKind,
};
use clock::*;
pub use clock::{time_in_stamp, time_of_day, time_prefix};
pub use extract::{Found, extract, readings, suggest_properties};

/// What the caller knows about the value before reading it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The property's kind, when the value belongs to a claim.
    pub expect: Option<ValueKind>,
    /// The property's unit (`km`, `people`), which settles "m" = metres or million.
    pub unit: Option<&'a str>,
    pub reference: Option<Reference>,
    /// Relative margin for approximate figures; `None` uses the default.
    pub margin: Option<f64>,
    /// The dossier's declared order of all-numeric dates (`date_order` in properties.yaml).
    pub date_order: Option<DateOrder>,
    /// The property names the start of something ("start date", "began"): "since August
    /// 2023" then states the start, August 2023, not an open-ended period.
    pub start: bool,
}

fn opts(ctx: &Context) -> AmountOptions {
    let dim = ctx.unit.and_then(Dim::of_property_unit);
    let money = ctx.expect == Some(ValueKind::Money);
    AmountOptions {
        margin: ctx.margin.unwrap_or(amount::DEFAULT_MARGIN),
        m_is_metre: dim == Some(Dim::Length),
        dim,
        slash_fractions: true,
        money,
        // A quantity cannot be money, nor money a weight: the property settles "pounds".
        pound_mass: match ctx.expect {
            Some(ValueKind::Money) => Some(false),
            Some(ValueKind::Quantity) => Some(true),
            _ => None,
        },
        currency: if money {
            ctx.unit.and_then(super::declared::currency)
        } else {
            None
        },
        degrees: (dim == Some(Dim::Temperature)).then(|| {
            let f = ctx.unit.is_some_and(|u| {
                let u = u.to_ascii_lowercase();
                u.contains("fahrenheit") || u.trim_start_matches("degrees").trim() == "°f"
            });
            if f { "°F" } else { "°C" }
        }),
        restatement: true,
        to_range: true,
        extent: true,
    }
}

/// Whether a property's names say it is the start of something.
pub fn is_start_property(names: &[&str]) -> bool {
    names.iter().any(|n| {
        n.to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| {
                matches!(
                    w,
                    "start"
                        | "started"
                        | "began"
                        | "begin"
                        | "beginning"
                        | "since"
                        | "onset"
                        | "opened"
                        | "launched"
                        | "founded"
                        | "established"
                        | "commenced"
                        | "effective"
                        | "introduced"
                        | "first"
                )
            })
    })
}

/// Words that may precede a value without changing it ("on January 3", "in 2022").
fn skip_filler(t: &[Token], mut i: usize) -> usize {
    while t
        .get(i)
        .is_some_and(|x| matches!(x.word(), Some("on" | "in" | "the" | "of")))
        && t.get(i + 1).is_some_and(|x| !x.is("excess"))
    {
        i += 1;
    }
    i
}

fn from_amount(a: &amount::Amount, text: &str) -> Assertion {
    // Words that could mean two things are reported, never guessed.
    if let Some(why) = a.ambiguous {
        let mut out = Assertion::unparsed(why.reason());
        out.rule = format!("nothing, since {}", why.reason());
        return out;
    }
    let mut out = Assertion::of_kind(a.kind, a.rule.clone());
    out.interval = Some(a.interval);
    out.stated = Some(a.stated);
    out.unit = a.unit;
    out.currency = a.currency;
    out.resolution = Some(a.resolution);
    out.unresolved = a.warning.clone();
    if let Some((s, e, iv, _)) = a.restated {
        let stated = text.get(s..e).unwrap_or("");
        // An amount restated in another currency ("£640m ($810m)") cannot be checked here:
        // the comparison checks it against a declared exchange rate.
        let other = if a.kind == AssertionKind::Money {
            let inner = lex(stated);
            amount::amount(&inner, 0, AmountOptions::default())
                .and_then(|x| x.currency)
                .filter(|&c| Some(c) != a.currency)
        } else {
            None
        };
        // The main figure's own rounding: half a percent either way.
        let main = Interval {
            low: a.interval.low.map(|l| l - l.abs() * 0.005),
            high: a.interval.high.map(|h| h + h.abs() * 0.005),
            ..a.interval
        };
        out.conversion = Some(Conversion {
            stated: stated.to_string(),
            interval: iv,
            consistent: other.is_some() || main.overlaps(&iv),
            currency: other,
        });
    }
    out
}

fn from_date(d: &date::DateParse) -> Assertion {
    let mut out = Assertion::of_kind(AssertionKind::Date, d.rule.clone());
    out.date = d.range;
    out.interval = d.range.map(|r| r.as_interval());
    out.unresolved = d.unresolved.clone();
    out.wrong_weekday = d.wrong_weekday;
    if d.resolution > 0.0 {
        out.resolution = Some(d.resolution);
    }
    out
}

/// What a value's reading leaves unexplained: the first token from `end` that is neither a
/// count noun ("90 people", "thousands of civilians"), a participle after one ("90 people
/// killed", "12 injured") nor a final full stop. `None` when every token is accounted for.
fn unexplained(text: &str, t: &[Token], end: usize, nouns: bool) -> Option<usize> {
    let mut k = end;
    let raw = |k: usize| text[t[k].start..t[k].end].to_lowercase();
    if nouns {
        let of = t.get(k).is_some_and(|x| x.is("of"));
        let at = if of { k + 1 } else { k };
        if t.get(at).is_some_and(|_| units::count_noun(&raw(at))) {
            k = at + 1;
        }
        if t.get(k)
            .is_some_and(|_| units::count_participle(&raw(k).replace('\'', "")))
        {
            k += 1;
        }
    }
    if k + 1 == t.len() && t[k].is_punct(b'.') {
        k += 1;
    }
    (k < t.len()).then_some(k)
}

/// The reading, if it accounts for every token; otherwise the value is unreadable and says
/// what was not understood.
fn covered(text: &str, t: &[Token], end: usize, a: Assertion, nouns: bool) -> Assertion {
    match unexplained(text, t, end, nouns) {
        None => a,
        Some(k) => {
            let read = if end > 0 { &text[..t[end - 1].end] } else { "" };
            let rest = text[t[k].start..].trim();
            Assertion::unparsed(if read.trim().is_empty() {
                format!("\"{}\" is not understood", text.trim())
            } else {
                format!(
                    "\"{}\" reads as a {}, but \"{rest}\" after it is not understood",
                    read.trim(),
                    a.kind.name()
                )
            })
        }
    }
}

/// "since August 2023", "starting 7 January", "from 1 May", "as of June": for a property
/// that names a start, the date it starts.
fn start_date(t: &[Token], i: usize, ctx: &Context) -> Option<date::DateParse> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let at = match (w(i), w(i + 1)) {
        (Some("since" | "starting" | "from" | "after"), _) => i + 1,
        (Some("beginning" | "as"), Some("in" | "on" | "of")) => i + 2,
        (Some("beginning"), _) => i + 1,
        _ => return None,
    };
    let mut d = date::date(t, at, ctx.reference, true, ctx.date_order)?;
    if w(i) == Some("after") {
        return None;
    }
    d.rule = format!("start of the period: {}", d.rule);
    Some(d)
}

/// Reads one value as a claim states it.
///
/// Entity values are resolved by the caller against the vocabulary; this handles numbers,
/// amounts, durations, dates and text. A value is read completely or not at all: a word
/// the reading does not account for makes it unparsed, saying what was not understood.
pub fn normalize_value(text: &str, ctx: &Context) -> Assertion {
    let t = lex(text);
    let i = skip_filler(&t, 0);
    if t.is_empty() {
        return Assertion::unparsed("the value is empty");
    }
    let o = opts(ctx);
    match ctx.expect {
        Some(ValueKind::Text) | Some(ValueKind::Entity) => text_assertion(text),
        Some(ValueKind::NameList) => {
            let people = super::names::parse(text);
            if people.is_empty() {
                return Assertion::unparsed(format!("\"{text}\" names no person"));
            }
            let mut out = Assertion::of_kind(
                AssertionKind::NameList,
                "name list: (surname, first initial) pairs, order ignored",
            );
            out.text = Some(super::names::key(&people));
            out
        }
        Some(ValueKind::Time) => match time_in_stamp(text, &t, ctx.date_order) {
            Ok((minutes, rule)) => {
                let mut out = Assertion::of_kind(AssertionKind::Time, rule);
                out.interval = Some(Interval::point(minutes));
                out.stated = Some(minutes);
                out.unit = Some("minute");
                out
            }
            // "half past seven in the evening", "quarter to midnight": the time in words.
            Err(why) => match word_time(text, &t, 0, true) {
                Some((read, end)) if unexplained(text, &t, end, false).is_none() => read,
                _ => Assertion::unparsed(why),
            },
        },
        // "2024-03-17T14:30:00Z": a date-and-time stamp as a date is its day.
        Some(ValueKind::Date) if iso_stamp(text).is_some() => {
            let (day, _) = iso_stamp(text).unwrap_or_default();
            let mut out =
                Assertion::of_kind(AssertionKind::Date, "the day of an ISO date and time");
            out.date = day;
            out.interval = day.map(|r| r.as_interval());
            out
        }
        Some(ValueKind::Date) => {
            let parsed = if ctx.start {
                start_date(&t, i, ctx)
            } else {
                None
            }
            .or_else(|| {
                // "in two weeks": the filler "in" belongs to the offset.
                date::date(&t, 0, ctx.reference, true, ctx.date_order)
                    .filter(|_| i > 0 && t[0].is("in"))
            })
            .or_else(|| date::date(&t, i, ctx.reference, true, ctx.date_order));
            match parsed {
                Some(d) => {
                    // A time of day after the date is accounted for ("12/1 7:45 p.m.",
                    // "15 March 2024, 14:30").
                    let at = if t.get(d.end).is_some_and(|x| x.is_punct(b',') || x.is("at")) {
                        d.end + 1
                    } else {
                        d.end
                    };
                    let end = match t.get(at) {
                        Some(x)
                            if time_prefix_with(&text[x.start..], true).is_some_and(
                                |(_, _, n)| {
                                    let rest = text[x.start + n..].trim();
                                    rest.is_empty() || time_zone(rest)
                                },
                            ) =>
                        {
                            t.len()
                        }
                        _ => d.end,
                    };
                    // "Sunday night", "3 March morning": a part of the day stays that day.
                    let end = match (t.get(end), d.range) {
                        (Some(x), Some(r))
                            if r.precision == crate::model::Precision::Day
                                && matches!(
                                    text[x.start..x.end].to_ascii_lowercase().as_str(),
                                    "morning" | "afternoon" | "evening" | "night"
                                ) =>
                        {
                            end + 1
                        }
                        _ => end,
                    };
                    covered(text, &t, end, from_date(&d), false)
                }
                None => {
                    Assertion::unparsed(format!("\"{text}\" is not a date corroborate can read"))
                }
            }
        }
        // "2:01:09": a race time.
        Some(ValueKind::Duration)
            if clock_duration(text.trim()).is_some_and(|(_, n)| n == text.trim().len()) =>
        {
            let (days, _) = clock_duration(text.trim()).unwrap_or_default();
            let mut out = Assertion::of_kind(
                AssertionKind::Duration,
                "hours:minutes:seconds on a clock, in days",
            );
            out.interval = Some(Interval::point(days));
            out.stated = Some(days);
            out.unit = Some("day");
            out
        }
        Some(kind @ (ValueKind::Quantity | ValueKind::Money | ValueKind::Duration)) => {
            match amount::amount(&t, i, o) {
                Some(a) => {
                    let mut out = from_amount(&a, text);
                    check_kind(&mut out, kind, ctx.unit, a.fraction);
                    covered(text, &t, a.end, out, kind == ValueKind::Quantity)
                }
                None => Assertion::unparsed(format!(
                    "\"{text}\" is not a {} corroborate can read",
                    kind.name()
                )),
            }
        }
        None => {
            // Without a kind, a lone four-digit number is a year only where news years fall.
            let plausible_year = matches!(t.get(i).map(|x| x.tok), Some(Tok::Num { value, int_digits: 4, grouped: false, ordinal: false, .. }) if (1800.0..2200.0).contains(&value));
            let d = date::date(&t, i, ctx.reference, plausible_year, ctx.date_order);
            let a = amount::amount(&t, i, o);
            match (d, a) {
                (Some(d), Some(a)) if a.end > d.end => {
                    covered(text, &t, a.end, from_amount(&a, text), true)
                }
                (Some(d), _) => covered(text, &t, d.end, from_date(&d), false),
                (None, Some(a)) => covered(text, &t, a.end, from_amount(&a, text), true),
                // Digits nothing could read are a figure written wrongly, not text.
                (None, None)
                    if t[i].start < text.len() && text.as_bytes()[t[i].start].is_ascii_digit() =>
                {
                    Assertion::unparsed(format!("\"{}\" is not understood", text.trim()))
                }
                (None, None) => text_assertion(text),
            }
        }
    }
}

fn text_assertion(text: &str) -> Assertion {
    let mut out = Assertion::of_kind(
        AssertionKind::Text,
        "text: compared after folding case and punctuation",
    );
    out.text = Some(super::vocab::key(text));
    out
}

/// The canonical unit a property's declared unit converts to: "tonnes" -> kg, "cubic metres"
/// -> litre, "mph" -> km/h. Read as the unit of "1 <unit>", so every spelling the value
/// reader knows is understood here too.
fn canonical_unit(declared: &str) -> Option<&'static str> {
    let text = format!("1 {declared}");
    let t = lex(&text);
    let a = amount::amount(
        &t,
        0,
        AmountOptions {
            m_is_metre: true,
            dim: None,
            ..AmountOptions::default()
        },
    )?;
    (a.end == t.len()).then_some(a.unit).flatten()
}

/// Flags a value whose dimension does not fit the property (a duration for a distance).
fn check_kind(out: &mut Assertion, kind: ValueKind, unit: Option<&str>, fraction: bool) {
    if out.kind == AssertionKind::Unparsed {
        return;
    }
    // A fraction for a percentage: "two-thirds" is 66.7%.
    if fraction
        && kind == ValueKind::Quantity
        && out.unit.is_none()
        && unit.and_then(Dim::of_property_unit) == Some(Dim::Percent)
    {
        out.interval = out.interval.map(|iv| iv.scale(100.0));
        out.stated = out.stated.map(|s| s * 100.0);
        out.unit = Some("%");
    }
    let problem = match (kind, out.kind) {
        (ValueKind::Money, AssertionKind::Money) => None,
        (ValueKind::Money, _) => Some("no currency is stated".to_string()),
        (ValueKind::Duration, AssertionKind::Duration) => None,
        (ValueKind::Duration, _) => Some("no unit of time is stated".to_string()),
        (ValueKind::Quantity, AssertionKind::Money) => {
            Some("it is an amount of money, but the property is a quantity".into())
        }
        (ValueKind::Quantity, AssertionKind::Duration) => {
            Some("it is a duration, but the property is a quantity".into())
        }
        (ValueKind::Quantity, _) => match (unit, out.unit) {
            (Some(want), Some(got))
                if want != got
                    && !(want == "ordinal" || got == "ordinal")
                    && canonical_unit(want) != Some(got) =>
            {
                Some(format!(
                    "its unit is {got}, but the property is measured in {want}"
                ))
            }
            _ => None,
        },
        _ => None,
    };
    if let Some(p) = problem {
        out.unresolved = Some(p);
    }
}
