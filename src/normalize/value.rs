//! The entry points: what one value string means ([`normalize_value`]), and every
//! quantity, amount, duration and date in an article ([`extract`]).

use super::amount::{self, AmountOptions};
use super::date::{self, Reference};
use super::lexer::{Tok, Token, lex};
use super::units::{self, Dim};
use crate::model::{
    Assertion, AssertionKind, Conversion, DateOrder, DateRange, Interval, ValueKind,
};
use serde::Serialize;

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

/// A time of day in minutes after midnight: "7:10 a.m.", "7:10am", "7:10 PM", "19:10",
/// "7 a.m.", "noon", "midnight", and the flight-board form "7:10aDec 1" (the date must be
/// one, see [`time_in_stamp`]).
pub fn time_of_day(text: &str) -> Option<(f64, &'static str)> {
    time_in_stamp(text, &lex(text), None).ok()
}

/// A time of day at the start of `text`, and the bytes it takes. A number alone is no time:
/// it needs minutes ("19:10") or a meridiem ("7 p.m.").
pub fn time_prefix(text: &str) -> Option<(f64, &'static str, usize)> {
    time_prefix_with(text, false)
}

/// A cheap test before [`word_time`]: a figure, "half" or "quarter", followed by a word a time
/// in words goes on with.
fn may_start_word_time(text: &str, t: &[Token], i: usize) -> bool {
    let Some(n) = t.get(i + 1) else {
        return false;
    };
    let next_ok = match n.tok {
        // "o'clock"
        Tok::Word(None) => {
            let b = &text.as_bytes()[n.start..];
            b.len() > 2
                && (b[0] | 0x20) == b'o'
                && (b[1] == b'\'' || b.starts_with("o\u{2019}".as_bytes()))
        }
        Tok::Word(Some(w)) => matches!(
            w,
            "last" | "to" | "in" | "at" | "minute" | "after" | "before" | "am" | "pm" | "quarter"
        ),
        _ => false,
    };
    next_ok
        && match t[i].tok {
            // "9am" is the clock's own form, read with the digits below.
            Tok::Num { .. } => !matches!(n.word(), Some("am" | "pm")),
            Tok::Word(Some(w)) => {
                matches!(w, "half" | "quarter" | "a")
                    || amount::figure(t, i, true).is_some_and(|(f, end)| end == i + 1 && !f.ordinal)
            }
            _ => false,
        }
}

/// A time of day in words at `i`: "half past seven in the evening", "quarter to midnight",
/// "twenty past nine", "seven o'clock at night", "at seven in the evening". The reading and
/// the token after it. Without a part of the day the twelve-hour clock leaves morning or
/// evening open: the time is reported unread, saying so. `whole` is set when the words are
/// the whole value (a property of kind time), so "seven in the evening" needs no "at".
fn word_time(text: &str, t: &[Token], i: usize, whole: bool) -> Option<(Assertion, usize)> {
    let raw = |k: usize| t.get(k).map(|x| text[x.start..x.end].to_ascii_lowercase());
    let is_raw = |k: usize, w: &str| raw(k).as_deref() == Some(w);
    // The hour: 1-12 in words or digits, noon or midnight. Minutes after midnight of the hour
    // on the morning clock, and whether it is noon or midnight (no part of the day needed).
    let hour_at = |k: usize| -> Option<(i64, bool, usize)> {
        let x = t.get(k)?;
        match x.tok {
            Tok::Num {
                value,
                int_digits: 1 | 2,
                ordinal: false,
                ..
            } if value.fract() == 0.0 && (1.0..=12.0).contains(&value) => {
                Some((value as i64 % 12 * 60, false, k + 1))
            }
            Tok::Word(Some(w)) => {
                let (f, end) = amount::figure(t, k, true)?;
                (end == k + 1 || w == "twelve")
                    .then_some(())
                    .filter(|_| !f.ordinal && f.value.fract() == 0.0)
                    .filter(|_| (1.0..=12.0).contains(&f.value))?;
                Some((f.value as i64 % 12 * 60, false, end))
            }
            _ => match raw(k)?.as_str() {
                "noon" | "midday" => Some((720, true, k + 1)),
                "midnight" => Some((0, true, k + 1)),
                _ => None,
            },
        }
    };
    // Minutes before or after the hour: "half past", "a quarter to", "twenty past", "ten
    // minutes to".
    let mut k = i;
    let mut offset: Option<i64> = None;
    let mut bare_count = false;
    let a = if t.get(k).is_some_and(|x| x.is("a")) {
        k + 1
    } else {
        k
    };
    let minutes = if t.get(a).is_some_and(|x| x.is("half")) && a == k {
        Some((30, a + 1, false))
    } else if t.get(a).is_some_and(|x| x.is("quarter")) {
        Some((15, a + 1, false))
    } else {
        amount::figure(t, k, true)
            .filter(|(f, _)| !f.ordinal && f.value.fract() == 0.0 && (1.0..60.0).contains(&f.value))
            .map(|(f, end)| {
                if t.get(end).is_some_and(|x| x.is("minute")) {
                    (f.value as i64, end + 1, false)
                } else {
                    (f.value as i64, end, true)
                }
            })
    };
    if let Some((m, after, bare)) = minutes {
        let dir = raw(after);
        let sign = match dir.as_deref() {
            Some("past" | "after") => Some(1),
            // ("a quarter of 5" is a fraction more often than the American quarter to five.)
            Some("to" | "before") => Some(-1),
            _ => None,
        };
        if let Some(sign) = sign
            && hour_at(after + 1).is_some()
        {
            offset = Some(sign * m);
            bare_count = bare;
            k = after + 1;
        }
    }
    let (hour, fixed, mut end) = hour_at(k)?;
    let mut oclock = false;
    if is_raw(end, "o'clock") || is_raw(end, "o\u{2019}clock") {
        oclock = true;
        end += 1;
    }
    // The part of the day: "in the morning", "in the evening", "at night", "a.m.", "p.m.".
    let mut pm: Option<bool> = None;
    let mut meridiem = false;
    if t.get(end).is_some_and(|x| x.is("in")) && t.get(end + 1).is_some_and(|x| x.is("the")) {
        pm = match raw(end + 2).as_deref() {
            Some("morning") => Some(false),
            Some("afternoon" | "evening") => Some(true),
            _ => None,
        };
        if pm.is_some() {
            end += 3;
        }
    } else if t.get(end).is_some_and(|x| x.is("at")) && is_raw(end + 1, "night") {
        // "at night": the evening hours; "two at night" is the small hours.
        pm = Some(hour >= 6 * 60);
        end += 2;
    } else if let Some(w @ ("am" | "pm")) = t.get(end).and_then(|x| x.word()) {
        pm = Some(w == "pm");
        meridiem = true;
        end += 1;
    }
    // A number is a time only when the words say so: minutes before or after it, "o'clock",
    // or a part of the day after a preposition of time ("at seven in the evening"; "killed
    // seven in the evening raid" is a count).
    let before_ok = whole
        || (i > 0
            && matches!(
                raw(i - 1).as_deref(),
                Some(
                    "at" | "by"
                        | "until"
                        | "till"
                        | "from"
                        | "around"
                        | "about"
                        | "after"
                        | "before"
                        | "since"
                )
            ));
    let said = (offset.is_some() && !bare_count)
        || oclock
        || meridiem
        || (pm.is_some() && (before_ok || offset.is_some()));
    if !said || (fixed && offset.is_none()) {
        return None;
    }
    let spoken = text[t[i].start..t[end - 1].end].to_string();
    let base = match (fixed, pm) {
        (true, _) => hour,
        (false, Some(true)) => hour + 720,
        (false, Some(false)) => hour,
        (false, None) => {
            let mut out = Assertion::unparsed(format!(
                "\"{spoken}\" is a time on the twelve-hour clock, and nothing says whether morning or evening"
            ));
            out.rule = "nothing, since morning or evening is not stated".into();
            return Some((out, end));
        }
    };
    let minutes = (base + offset.unwrap_or(0)).rem_euclid(1440) as f64;
    let mut out = Assertion::of_kind(
        AssertionKind::Time,
        "time of day in words: minutes after midnight",
    );
    out.interval = Some(Interval::point(minutes));
    out.stated = Some(minutes);
    out.unit = Some("minute");
    Some((out, end))
}

/// "2:01:09", "1:58:12.5": hours, minutes and seconds on a race clock, in days, and the bytes
/// they take. `None` unless `text` starts with one and no meridiem follows.
fn clock_duration(text: &str) -> Option<(f64, usize)> {
    let b = text.as_bytes();
    let mut k = 0;
    while k < b.len() && b[k].is_ascii_digit() {
        k += 1;
    }
    if !(1..=2).contains(&k) {
        return None;
    }
    let h: f64 = text[..k].parse().ok()?;
    let two = |at: usize| -> Option<f64> {
        (b.get(at) == Some(&b':') && b.get(at + 1..at + 3)?.iter().all(u8::is_ascii_digit))
            .then(|| text[at + 1..at + 3].parse::<f64>().ok())
            .flatten()
            .filter(|v| *v < 60.0)
    };
    let m = two(k)?;
    let sec = two(k + 3)?;
    let mut end = k + 6;
    let mut frac = 0.0;
    if b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
        let start = end;
        end += 1;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        frac = text[start..end].parse().ok()?;
    }
    if b.get(end).is_some_and(|c| c.is_ascii_digit() || *c == b':') {
        return None;
    }
    let rest = text[end..].trim_start().to_ascii_lowercase();
    if rest.starts_with("am")
        || rest.starts_with("pm")
        || rest.starts_with("a.m")
        || rest.starts_with("p.m")
    {
        return None;
    }
    Some(((h * 3600.0 + m * 60.0 + sec + frac) / 86_400.0, end))
}

/// An ISO 8601 date and time ("2024-03-17T14:30:00Z", "2011-12-01T19:45"): its day and the
/// bytes it takes, or `None` when `text` does not start with one.
fn iso_stamp(text: &str) -> Option<(Option<DateRange>, usize)> {
    let lead = text.len() - text.trim_start().len();
    let b = text.as_bytes();
    let at = |k: usize| b.get(lead + k).copied();
    let digits = |r: std::ops::Range<usize>| {
        r.into_iter()
            .all(|k| at(k).is_some_and(|c| c.is_ascii_digit()))
    };
    let shape = digits(0..4)
        && at(4) == Some(b'-')
        && digits(5..7)
        && at(7) == Some(b'-')
        && digits(8..10)
        && matches!(at(10), Some(b'T' | b't'));
    if !shape {
        return None;
    }
    let day = crate::model::Date::parse_iso(&text[lead..lead + 10])?;
    let rest = &text[lead + 11..];
    let (_, _, n) = time_prefix_with(rest, true)?;
    // The stamp runs to the next space; a zone ("Z", "+01:00") may close it.
    let tail_len = rest[n..]
        .find(char::is_whitespace)
        .unwrap_or(rest.len() - n);
    let tail = rest[n..n + tail_len].trim_end_matches(['.', ',', ';']);
    let zone_ok = tail.is_empty()
        || time_zone(tail)
        || (tail.len() == 6
            && matches!(tail.as_bytes()[0], b'+' | b'-')
            && tail.as_bytes()[3] == b':');
    zone_ok.then_some((Some(day), lead + 11 + n + tail.len()))
}

/// Time-zone abbreviations that may stand beside a time.
fn time_zone(w: &str) -> bool {
    matches!(
        w.trim().to_ascii_uppercase().as_str(),
        "GMT"
            | "UTC"
            | "Z"
            | "BST"
            | "CET"
            | "CEST"
            | "EET"
            | "EEST"
            | "EST"
            | "EDT"
            | "CST"
            | "CDT"
            | "MST"
            | "MDT"
            | "PST"
            | "PDT"
            | "IST"
            | "JST"
            | "AEST"
            | "AEDT"
            | "MSK"
            | "LOCAL TIME"
            | "LOCAL"
    )
}

/// [`time_prefix`]; `dot_ok` also takes "21.45" without a meridiem (a value known to be a
/// time; in prose it is more often a decimal).
fn time_prefix_with(text: &str, dot_ok: bool) -> Option<(f64, &'static str, usize)> {
    let t = text;
    let lower = t.get(..9).unwrap_or(t).to_ascii_lowercase();
    if lower.starts_with("noon") {
        return Some((720.0, "time of day: noon", 4));
    }
    if lower.starts_with("midday") {
        return Some((720.0, "time of day: noon", 6));
    }
    // "1930 hours": the 24-hour clock as armies and police write it.
    if t.len() >= 10
        && t.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && t.as_bytes().get(4) == Some(&b' ')
        && let Some(rest) = t.get(5..)
    {
        let word = rest
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        if matches!(word.to_ascii_lowercase().as_str(), "hours" | "hrs")
            && let (Ok(h), Ok(m)) = (t[..2].parse::<u32>(), t[2..4].parse::<u32>())
            && h < 24
            && m < 60
        {
            return Some((
                f64::from(h * 60 + m),
                "time of day: 24-hour clock",
                5 + word.len(),
            ));
        }
    }
    if lower.starts_with("midnight") {
        return Some((0.0, "time of day: midnight", 8));
    }
    let b = t.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        t[start..*i].parse::<u32>().ok().filter(|_| *i - start <= 2)
    };
    let hour = digits(&mut i)?;
    // "12/1" or "12-1" is a date, not twelve o'clock; "21,007" a number.
    if matches!(b.get(i), Some(b'/' | b'-' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let mut minute = None;
    if i < b.len() && (b[i] == b':' || b[i] == b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        i += 1;
        let start = i;
        minute = Some(digits(&mut i)?);
        if i - start != 2 || b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        // Seconds are read and dropped in a value known to be a time ("19:45:30"); in prose
        // "2:01:09" is as often a race time.
        if dot_ok
            && b.get(i) == Some(&b':')
            && b.get(i + 1..i + 3)
                .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
            && b.get(i + 3).is_none_or(|c| !c.is_ascii_digit())
        {
            i += 3;
        }
    }
    let dot = !dot_ok && minute.is_some() && b.get(i.saturating_sub(3)) == Some(&b'.');
    // "12 noon", "12 midnight"
    if minute.is_none() && hour == 12 {
        let rest = t[i..].trim_start().to_ascii_lowercase();
        for (word, m) in [("noon", 720.0), ("midday", 720.0), ("midnight", 0.0)] {
            if rest.starts_with(word) {
                let n = t.len() - t[i..].trim_start().len() + word.len();
                return Some((m, "time of day: noon or midnight", n));
            }
        }
    }
    let before_meridiem = i;
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    let meridiem = match b.get(i).map(u8::to_ascii_lowercase) {
        Some(c @ (b'a' | b'p')) => {
            // "a", "am", "a.m." — but not the start of an ordinary word ("at", "past").
            let mut k = i + 1;
            let next = b.get(k).copied();
            let ok = match next {
                None => true,
                Some(b'.') if b.get(k + 1).is_some_and(|m| m.eq_ignore_ascii_case(&b'm')) => {
                    k += 2;
                    if b.get(k) == Some(&b'.') {
                        k += 1;
                    }
                    b.get(k).is_none_or(|n| !n.is_ascii_alphanumeric())
                }
                Some(n) if n.eq_ignore_ascii_case(&b'm') => {
                    k += 1;
                    if b.get(k) == Some(&b'.') {
                        k += 1;
                    }
                    b.get(k).is_none_or(|n| !n.is_ascii_alphabetic())
                }
                Some(n) => !n.is_ascii_lowercase(),
            };
            ok.then_some((c, k))
        }
        _ => None,
    };
    let minute_v = minute.unwrap_or(0);
    let (hour, end) = match meridiem {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some((b'a', k)) => (hour % 12, k),
        Some((_, k)) => (hour % 12 + 12, k),
        // "17.08" is a decimal unless a meridiem follows ("7.30pm").
        None if hour <= 24 && minute.is_some() && !dot => (hour % 24, before_meridiem),
        None => return None,
    };
    if minute_v >= 60 {
        return None;
    }
    Some((
        f64::from(hour * 60 + minute_v),
        "time of day: minutes after midnight",
        end,
    ))
}

/// Whether `text` is empty or a date (or weekday) written beside a time: "12/1", "Fri",
/// "Jan 03", "Dec 1", "3 January 2024,".
fn stamp_date_part(text: &str, order: Option<DateOrder>) -> bool {
    let text = text.trim().trim_end_matches(',').trim();
    if text.is_empty() {
        return true;
    }
    let t = lex(text);
    let mut k = 0;
    if t.first().is_some_and(|x| x.is("on") || x.is("at")) {
        k = 1;
    }
    if k == t.len() {
        return true;
    }
    if let Some(d) = date::date(&t, k, None, true, order) {
        let mut end = d.end;
        if t.get(end).is_some_and(|x| x.is_punct(b',') || x.is("at")) {
            end += 1;
        }
        return end == t.len();
    }
    // "12/1": month and day, in whichever order, with no year.
    matches!(
        (t.get(k).map(|x| x.tok), t.get(k + 1), t.get(k + 2).map(|x| x.tok), t.len()),
        (Some(Tok::Num { value: a, .. }), Some(s), Some(Tok::Num { value: b, .. }), n)
            if s.is_punct(b'/') && n == k + 3 && (1.0..=31.0).contains(&a) && (1.0..=31.0).contains(&b)
    )
}

/// The time of day in a value that may also carry a date: "7:45 p.m.", "12/1 7:45 p.m.",
/// "Fri 21:40", "Jan 03 12:15 a.m.", "7:10aDec 1". The date around the time must be a date,
/// so a day of the month is never taken for the hour.
pub fn time_in_stamp(
    text: &str,
    t: &[Token],
    order: Option<DateOrder>,
) -> Result<(f64, &'static str), String> {
    // ISO 8601 date and time: "2011-12-01T19:45", "2024-03-17T14:30:00Z".
    let trimmed = text.trim();
    if let Some((date_part, time_part)) = trimmed.split_once(['T', 't'])
        && date_part.len() == 10
        && crate::model::Date::parse_iso(date_part).is_some()
    {
        return match time_prefix_with(time_part, true) {
            Some((m, _, n)) if time_part[n..].trim().is_empty() || time_zone(&time_part[n..]) => {
                Ok((m, "time of day: the time part of an ISO date and time"))
            }
            _ => Err(format!(
                "\"{trimmed}\" has no time of day corroborate can read"
            )),
        };
    }
    for (k, x) in t.iter().enumerate() {
        let starts = matches!(x.tok, Tok::Num { .. })
            || matches!(
                text[x.start..]
                    .get(..4)
                    .map(str::to_ascii_lowercase)
                    .as_deref(),
                Some("noon" | "midn" | "midd")
            );
        if !starts {
            continue;
        }
        let Some((minutes, rule, n)) = time_prefix_with(&text[x.start..], true) else {
            continue;
        };
        let mut before = text[..t[k].start].trim_end();
        // A zone before the time: "GMT 12:23".
        let last = before.rsplit(' ').next().unwrap_or("");
        if !last.is_empty() && time_zone(last) {
            before = before[..before.len() - last.len()].trim_end();
        }
        let after = text[x.start + n..].trim().trim_start_matches(',').trim();
        // A zone after it: "8:56 AM CDT", "Jul 2, 2012 8:56 AM CDT".
        let after = match after.split_once(' ') {
            _ if time_zone(after) => "",
            Some((z, rest)) if time_zone(z) => rest,
            _ => after,
        };
        if stamp_date_part(before, order) && stamp_date_part(after, order) {
            return Ok((minutes, rule));
        }
        return Err(format!(
            "\"{}\" is a time of day, but \"{}\" beside it is not a date corroborate can read",
            text[x.start..x.start + n].trim(),
            if stamp_date_part(before, order) {
                after.trim()
            } else {
                before.trim()
            }
        ));
    }
    Err(format!(
        "\"{}\" is not a time of day corroborate can read",
        text.trim()
    ))
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

/// One expression found in an article.
#[derive(Debug, Clone, Serialize)]
pub struct Extracted {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub value: Option<f64>,
    pub low: serde_json::Value,
    pub high: serde_json::Value,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
    pub unit: Option<&'static str>,
    pub currency: Option<&'static str>,
    pub sentence: String,
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unresolved: Option<String>,
    /// A property of the dossier that words near the figure name ("killed" for the death
    /// toll), as a suggestion for a draft claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
}

impl Extracted {
    /// The report of one expression: `text` at `start..end`, inside `sentence`.
    pub fn new(text: &str, start: usize, end: usize, sentence: &str, a: Assertion) -> Extracted {
        Extracted {
            text: text.to_string(),
            start,
            end,
            kind: a.kind.name(),
            value: a
                .interval
                .filter(Interval::is_point)
                .and_then(|iv| iv.low)
                .filter(|_| a.date.is_none()),
            low: json_end(&a, true),
            high: json_end(&a, false),
            low_inclusive: a.interval.is_none_or(|iv| iv.low_inclusive),
            high_inclusive: a.interval.is_none_or(|iv| iv.high_inclusive),
            unit: a.unit,
            currency: a.currency,
            sentence: sentence.to_string(),
            rule: a.rule,
            unresolved: a.unresolved,
            property: None,
        }
    }
}

fn can_start(t: &[Token], i: usize) -> bool {
    let tok = &t[i];
    let next = t.get(i + 1);
    let glued_num = next.is_some_and(|n| !n.spaced && matches!(n.tok, Tok::Num { .. }));
    match tok.tok {
        Tok::Num { .. } | Tok::Currency(_) => true,
        // Signs and comparison symbols: "-16°C", "+2.9%", "< 10 million", "~300".
        Tok::Dash | Tok::Punct(b'+') => {
            glued_num
                && (i == 0 || tok.spaced || !matches!(t[i - 1].tok, Tok::Num { .. } | Tok::Word(_)))
        }
        Tok::Punct(b'<' | b'>' | b'~') => true,
        // "in excess of"; "by 2030". ("in three months" in prose is as often "within the
        // last three months" as a date ahead: read as the duration it states.)
        Tok::Word(Some("in")) => next.is_some_and(|n| n.is("excess")),
        Tok::Word(Some("by")) => {
            next.is_some_and(|n| n.word().is_some() || matches!(n.tok, Tok::Num { .. }))
        }
        Tok::Word(Some(w)) => !matches!(
            w,
            "and"
                | "or"
                | "of"
                | "to"
                | "the"
                | "on"
                | "than"
                | "per"
                | "cent"
                | "ordinal-suffix"
                | "s"
                | "so"
                | "k"
                | "m"
                | "b"
                | "us"
                | "long"
                | "ago"
                | "end"
                | "beginning"
                | "first"
                | "least"
                | "most"
                | "little"
                | "much"
                | "short"
                | "excess"
                | "plus"
                | "higher"
                | "lower"
                | "extent"
                | "but"
                | "nor"
                | "pence"
                | "grand"
                | "crore"
                | "lakh"
                | "am"
                | "pm"
                | "point"
                | "square"
                | "cubic"
                | "out"
                | "every"
                | "f"
                | "°"
                | "²"
                | "³"
        ),
        _ => false,
    }
}

fn digit_separator(x: &Token) -> bool {
    x.tok == Tok::Dash || matches!(x.tok, Tok::Punct(b'.' | b',' | b'/' | b':'))
}

/// Whether the token before `i` continues a run of digits glued to it.
fn glued_to_digits_before(t: &[Token], i: usize) -> bool {
    if t[i].spaced || i == 0 {
        return false;
    }
    let prev = &t[i - 1];
    matches!(prev.tok, Tok::Num { .. })
        || (digit_separator(prev)
            && !prev.spaced
            && i >= 2
            && matches!(t[i - 2].tok, Tok::Num { .. }))
}

/// Whether the value ending before `end` runs on into more digits: "192.168" of
/// "192.168.1.1", "555" of "555-123-4567".
fn glued_to_digits_after(t: &[Token], end: usize) -> bool {
    let Some(next) = t.get(end) else { return false };
    if next.spaced {
        return false;
    }
    matches!(next.tok, Tok::Num { .. })
        || (digit_separator(next)
            && t.get(end + 1)
                .is_some_and(|x| !x.spaced && matches!(x.tok, Tok::Num { .. })))
}

/// Whether a property of this kind can take what was found.
fn kind_fits(found: &str, kind: ValueKind) -> bool {
    matches!(
        (found, kind),
        ("date", ValueKind::Date)
            | ("money", ValueKind::Money)
            | ("duration", ValueKind::Duration)
            | ("time", ValueKind::Time)
            | ("number" | "range" | "quantity", ValueKind::Quantity)
    )
}

/// Suggests, for each figure, the property of `properties` whose name or alias the words
/// around it (up to six on either side, within its sentence) spell, the nearest first. A
/// suggestion needs the property's kind to fit what was found.
pub fn suggest_properties(found: &mut [Extracted], properties: &[crate::model::PropertyDef]) {
    let names: Vec<(Vec<String>, &crate::model::PropertyDef)> = properties
        .iter()
        .flat_map(|p| {
            std::iter::once(p.name.as_str())
                .chain(std::iter::once(p.id.as_str()))
                .chain(p.aliases.iter().map(String::as_str))
                .map(move |n| {
                    let words: Vec<String> = super::vocab::key(&n.replace('-', " "))
                        .split_whitespace()
                        .map(str::to_string)
                        .collect();
                    (words, p)
                })
        })
        .filter(|(w, _)| !w.is_empty())
        .collect();
    for e in found.iter_mut() {
        let Some(offset) = e.sentence.find(&e.text) else {
            continue;
        };
        let before: Vec<String> = super::vocab::key(&e.sentence[..offset])
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let after: Vec<String> = super::vocab::key(&e.sentence[offset + e.text.len()..])
            .split_whitespace()
            .map(str::to_string)
            .collect();
        // Words by distance from the figure: (distance, word index in the side, side).
        let mut best: Option<(usize, &crate::model::PropertyDef)> = None;
        for (words, p) in &names {
            if !kind_fits(e.kind, p.kind) {
                continue;
            }
            let n = words.len();
            let near_before = (0..before.len().saturating_sub(n - 1))
                .filter(|&k| before[k..k + n] == words[..])
                .map(|k| before.len() - k - n + 1)
                .min();
            let near_after = (0..after.len().saturating_sub(n - 1))
                .filter(|&k| after[k..k + n] == words[..])
                .map(|k| k + 1)
                .min();
            if let Some(d) = near_before.into_iter().chain(near_after).min()
                && d <= 6
                && best.is_none_or(|(bd, _)| d < bd)
            {
                best = Some((d, p));
            }
        }
        e.property = best.map(|(_, p)| p.name.clone());
    }
}

/// An expression worth reporting: a lone "one" or "a" counts nothing by itself.
fn worth_it(t: &[Token], start: usize, end: usize, a: &Assertion) -> bool {
    if end == start + 1
        && a.kind == AssertionKind::Number
        && matches!(t[start].word(), Some("one" | "a" | "an" | "half" | "zero"))
    {
        return false;
    }
    true
}

/// One end of a value as JSON: an ISO date for dates, a number otherwise, null when open.
pub fn json_end(a: &Assertion, low: bool) -> serde_json::Value {
    if let Some(d) = a.date {
        let v = if low { d.first } else { d.last };
        return v.map_or(serde_json::Value::Null, |d| {
            serde_json::Value::String(d.to_string())
        });
    }
    let v = a.interval.and_then(|i| if low { i.low } else { i.high });
    v.map_or(serde_json::Value::Null, |x| serde_json::json!(x))
}

/// Finds every number, range, amount of money, quantity, duration and date in `text`.
/// Relative dates are resolved against `published` when given.
pub fn extract(text: &str, published: Option<DateRange>) -> Vec<Extracted> {
    readings(text, published)
        .into_iter()
        .map(|(s, e, a)| {
            let (ss, se) = crate::text::sentence_bounds(text, s, e);
            Extracted::new(&text[s..e], s, e, &text[ss..se], a)
        })
        .collect()
}

/// Every figure and date in `text` with its byte range, as [`extract`] finds them, without
/// the report around each.
pub fn readings(text: &str, published: Option<DateRange>) -> Vec<(usize, usize, Assertion)> {
    let t = lex(text);
    let reference = published.map(|range| Reference {
        range,
        label: "publication date",
    });
    // In running text "3/4" may be a date or a score as well as a fraction.
    let o = AmountOptions {
        slash_fractions: false,
        restatement: false,
        extent: false,
        ..AmountOptions::default()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        // "noon", "midnight", "midday": times of day with no digits.
        if t[i].tok == Tok::Word(None)
            && (4..=8).contains(&(t[i].end - t[i].start))
            && matches!(text.as_bytes()[t[i].start], b'n' | b'N' | b'm' | b'M')
            && let Some((minutes, rule, n)) = time_prefix(&text[t[i].start..])
            && n == t[i].end - t[i].start
        {
            let mut a = Assertion::of_kind(AssertionKind::Time, rule);
            a.interval = Some(Interval::point(minutes));
            a.stated = Some(minutes);
            a.unit = Some("minute");
            out.push((t[i].start, t[i].end, a));
            i += 1;
            continue;
        }
        // "in two weeks" after a word of the future ("will reopen in two weeks") is the day
        // two weeks on; elsewhere ("the first death in two weeks") it stays a duration.
        if t[i].is("in")
            && let Some(p) = date::ago(&t, i, reference)
            && future_before(text, &t, i)
        {
            out.push((t[i].start, t[p.end - 1].end, from_date(&p)));
            i = p.end;
            continue;
        }
        // "the first half", "the third quarter": a part of the year, read from "the".
        if t[i].is("the")
            && matches!(
                t.get(i + 1).and_then(|x| x.word()),
                Some("first" | "second" | "third" | "fourth")
            )
            && matches!(
                t.get(i + 2).and_then(|x| x.word()),
                Some("quarter" | "half")
            )
            && let Some(d) = date::date(&t, i + 1, reference, false, None)
            && d.end > i + 2
        {
            out.push((t[i].start, t[d.end - 1].end, from_date(&d)));
            i = d.end;
            continue;
        }
        if !can_start(&t, i) {
            i += 1;
            continue;
        }
        // A figure glued to digits before it ("192.168.1.1", "555-123-4567") is part of a
        // code, not a value.
        if glued_to_digits_before(&t, i) {
            i += 1;
            continue;
        }
        // A verb that leaves the figure as stated ("totalled", "reached", "rose to") is not
        // part of the value.
        if matches!(t[i].word(), Some("reached" | "moved")) {
            let (h, at) = amount::verb_hedge(&t, i);
            if h == amount::Hedge::Exact && at > i {
                i = at;
                continue;
            }
        }
        // "2024-03-17T14:30:00Z" in prose: the day it stamps.
        if matches!(t[i].tok, Tok::Num { int_digits: 4, .. })
            && let Some((Some(day), n)) = iso_stamp(&text[t[i].start..])
        {
            let e = t[i].start + n;
            let mut a = Assertion::of_kind(AssertionKind::Date, "the day of an ISO date and time");
            a.date = Some(day);
            a.interval = Some(day.as_interval());
            out.push((t[i].start, e, a));
            i = t.partition_point(|x| x.start < e);
            continue;
        }
        // Times in words: "half past seven in the evening", "quarter to midnight".
        if may_start_word_time(text, &t, i)
            && let Some((a, end)) = word_time(text, &t, i, false)
        {
            out.push((t[i].start, t[end - 1].end, a));
            i = end;
            continue;
        }
        // "finished in 2:01:09": a race clock's hours, minutes and seconds are a duration;
        // a clock time with seconds is written with two-digit hours ("14:30:00") or "at".
        if matches!(t[i].tok, Tok::Num { int_digits: 1, .. })
            && !(i > 0 && t[i - 1].is("at"))
            && !glued_to_digits_before(&t, i)
            && let Some((days, n)) = clock_duration(&text[t[i].start..])
        {
            let e = t[i].start + n;
            let mut a = Assertion::of_kind(
                AssertionKind::Duration,
                "hours:minutes:seconds on a clock, in days",
            );
            a.interval = Some(Interval::point(days));
            a.stated = Some(days);
            a.unit = Some("day");
            out.push((t[i].start, e, a));
            i = t.partition_point(|x| x.start < e);
            continue;
        }
        // Times of day: "9:45 PM", "21:45", "7 a.m." (not the numbers 9 and 45).
        if matches!(t[i].tok, Tok::Num { .. })
            && let Some((minutes, rule, n)) = time_prefix(&text[t[i].start..])
        {
            let e = t[i].start + n;
            let mut end = i;
            while end < t.len() && t[end].end <= e {
                end += 1;
            }
            if end > i && t[end - 1].end == e && !glued_to_digits_after(&t, end) {
                let mut a = Assertion::of_kind(AssertionKind::Time, rule);
                a.interval = Some(Interval::point(minutes));
                a.stated = Some(minutes);
                a.unit = Some("minute");
                out.push((t[i].start, e, a));
                i = end;
                continue;
            }
        }
        // After a verb of change, "from A to B" is where a figure went, not a range: the
        // two figures are read apart ("rose from 4.3% to 4.4%").
        // ("rose from January to March" is the period it rose over.)
        if t[i].is("from")
            && change_before(&t, i)
            && date::date(&t, i + 1, reference, false, None).is_none()
        {
            i += 1;
            continue;
        }
        // "seven cities over 17 days": a count spread over a period, not "more than 17 days".
        if t[i].is("over") && spread_over(&t, i, out.last().map(|x| x.1)) {
            i += 1;
            continue;
        }
        let year_like = matches!(t[i].tok, Tok::Num { int_digits: 4, grouped: false, ordinal: false, value, .. } if (1000.0..=2999.0).contains(&value));
        let d = date::date(&t, i, reference, year_like, None);
        let a = amount::amount(&t, i, o).map(|a| prose_amount(text, &t, i, a, o));
        let found = match (d, a) {
            (Some(d), Some(a)) if a.end > d.end => Some((from_amount(&a, text), a.end)),
            (Some(d), _) => Some((from_date(&d), d.end)),
            (None, Some(a)) => Some((from_amount(&a, text), a.end)),
            (None, None) => None,
        };
        match found {
            Some((_, end))
                if glued_to_digits_after(&t, end)
                    || t.get(end)
                        .is_some_and(|x| !x.spaced && x.tok == Tok::Word(None)) =>
            {
                // Skip the whole run of glued digits and separators.
                let mut k = i + 1;
                while k < t.len() && !t[k].spaced {
                    k += 1;
                }
                i = k;
            }
            // "more than a year ago": a hedged offset the date reader does not read; the
            // duration alone would be a misreading.
            Some((ref a, end))
                if a.kind == AssertionKind::Duration && t.get(end).is_some_and(|x| x.is("ago")) =>
            {
                i = end + 1;
            }
            // "$100 a barrel", "£10 an hour": "a" unit right after a figure is the rate's
            // denominator, not one barrel or one hour.
            Some((ref a, end))
                if matches!(t[i].word(), Some("a" | "an"))
                    && a.kind != AssertionKind::Date
                    && i > 0
                    && out.last().is_some_and(|x| x.1 == t[i - 1].end) =>
            {
                i = end;
            }
            Some((a, end)) if end > i && worth_it(&t, i, end, &a) => {
                // "3.458 Tonnen": a figure followed by a unit the reader does not know is no
                // bare number; "the l00s of millions": a garbled figure scales the amount.
                let bare = a.kind == AssertionKind::Number && a.unit.is_none();
                let (start, end, a) = match unknown_unit_after(text, &t, end)
                    .filter(|_| bare)
                    .or_else(|| garbled_before(text, &t, i, &a))
                {
                    Some((s, e, why)) => (s.min(t[i].start), e.max(t[end - 1].end), {
                        let mut u = Assertion::unparsed(why.clone());
                        u.rule = format!("nothing, since {why}");
                        u
                    }),
                    None => (t[i].start, t[end - 1].end, a),
                };
                out.push((start, end, a));
                i = t.partition_point(|x| x.start < end);
            }
            _ => i += 1,
        }
    }
    out
}

/// The words a reporter uses for a time ahead: "will", "is expected to", "is due to".
fn future_before(text: &str, t: &[Token], i: usize) -> bool {
    let mut k = i;
    let mut seen = 0;
    while k > 0 && seen < 12 {
        k -= 1;
        seen += 1;
        let x = &t[k];
        if matches!(x.tok, Tok::Punct(b'.' | b'!' | b'?' | b';')) {
            return false;
        }
        let raw = text[x.start..x.end].to_ascii_lowercase();
        if matches!(
            raw.as_str(),
            "will"
                | "shall"
                | "would"
                | "could"
                | "might"
                | "expected"
                | "expects"
                | "due"
                | "scheduled"
                | "planned"
                | "plans"
                | "intends"
                | "going"
                | "soon"
        ) || raw.ends_with("'ll")
            || raw.ends_with("\u{2019}ll")
        {
            return true;
        }
    }
    false
}

/// Whether a verb of change comes right before `i` ("rose 27,000", "rose by 27,000",
/// "rose from 4.3%").
fn change_before(t: &[Token], i: usize) -> bool {
    let moved = |k: usize| t.get(k).is_some_and(|x| x.is("moved"));
    (i >= 1 && moved(i - 1))
        || (i >= 2 && t[i - 1].word().is_some_and(|w| matches!(w, "by" | "from")) && moved(i - 2))
}

/// "seven cities over 17 days", "12 concerts over three nights": "over" after a counted
/// noun spreads the count over the period that follows. `prev_end` is where the last figure
/// read ends.
fn spread_over(t: &[Token], i: usize, prev_end: Option<usize>) -> bool {
    let Some(prev_end) = prev_end else {
        return false;
    };
    // "5 inches over two days", "seven cities over 17 days": the figure, perhaps with what
    // it counts, right before "over".
    let words_between = (0..=3).find(|&d| {
        i > d
            && t[i - d - 1].end == prev_end
            && t[i - d..i].iter().all(|x| matches!(x.tok, Tok::Word(_)))
    });
    words_between.is_some()
        && amount::amount(t, i + 1, AmountOptions::default())
            .is_some_and(|a| a.kind == AssertionKind::Duration)
}

/// An amount as running text states it: the words that leave it ambiguous settled from its
/// sentence where the sentence says; a change ("jumped 27,000 to 263,000") and a range written
/// high to low ("a majority of 10 to 2") read as two figures; ages ("aged 8-16") in years.
fn prose_amount(
    text: &str,
    t: &[Token],
    i: usize,
    mut a: amount::Amount,
    o: AmountOptions,
) -> amount::Amount {
    let apart = AmountOptions {
        to_range: false,
        ..o
    };
    let reversed = a
        .warning
        .as_deref()
        .is_some_and(|w| w.contains("high to low"));
    let from_change = i >= 1 && t[i - 1].is("from") && change_before(t, i);
    if (reversed || change_before(t, i))
        && let Some(first) = amount::amount(t, i, apart)
        && first.end < a.end
        && t.get(first.end).is_some_and(|x| x.is("to"))
    {
        let second = amount::amount(t, first.end + 1, apart);
        let ratio = second.map(|b| b.stated / first.stated);
        // "rose 27,000 to 263,000": a change and the level it reached; "rose 10 to 15 per
        // cent" a range of the change. Ends of one range are of a size; ends a factor of 3
        // apart, or falling, are two figures; in between, nothing says which.
        if reversed || from_change || ratio.is_some_and(|r| !(1.0..3.0).contains(&r)) {
            a = first;
        } else {
            a.ambiguous = Some(amount::Ambiguity::ChangeOrRange);
        }
    }
    for _ in 0..3 {
        let Some(why) = a.ambiguous else { break };
        let Some(settled) = settle(text, t, i, a.end, why, o) else {
            break;
        };
        a = settled;
    }
    // "children aged 8-16": ages in years.
    if a.unit.is_none()
        && a.currency.is_none()
        && !a.ordinal
        && matches!(a.kind, AssertionKind::Number | AssertionKind::Range)
        && i > 0
        && ["aged", "ages"]
            .iter()
            .any(|w| text[t[i - 1].start..t[i - 1].end].eq_ignore_ascii_case(w))
        && let Some(year) = units::unit("year")
    {
        a.interval = a.interval.scale(year.factor);
        a.stated *= year.factor;
        a.unit = Some(year.canonical);
        a.kind = AssertionKind::Duration;
        a.rule = format!("{}; ages, in years", a.rule);
    }
    a
}

/// Reads the amount at `i` again with what its sentence says about the word `why` names:
/// the weight or sterling sense of "pounds", the currency of "cents" and "grand", the scale of
/// bare "degrees". `None` when the sentence says nothing, or says both.
fn settle(
    text: &str,
    t: &[Token],
    i: usize,
    end: usize,
    why: amount::Ambiguity,
    o: AmountOptions,
) -> Option<amount::Amount> {
    use amount::Ambiguity;
    let (ss, se) = crate::text::sentence_bounds(text, t[i].start, t[end.max(i + 1) - 1].end);
    let first = t.partition_point(|x| x.start < ss);
    let last = t.partition_point(|x| x.start < se);
    let raw = |k: usize| text[t[k].start..t[k].end].to_ascii_lowercase();
    let mut o = o;
    match why {
        Ambiguity::Pound => {
            // "pounds of fireworks" is a weight, "pounds of taxpayers' money" sterling.
            let pound_at = (i..end).find(|&k| t[k].is("pound"))?;
            let of_noun = if t.get(pound_at + 1).is_some_and(|x| x.is("of")) {
                let nouns = (pound_at + 2..(pound_at + 4).min(last)).map(raw);
                Some(nouns.clone().any(|w| money_noun(&w)))
            } else {
                None
            };
            let mut mass = false;
            let mut money = false;
            for (k, x) in t.iter().enumerate().take(last).skip(first) {
                if (i..end).contains(&k) {
                    continue;
                }
                match x.tok {
                    Tok::Currency("GBP") => money = true,
                    Tok::Word(_) => {
                        let w = raw(k);
                        mass |= mass_word(&w);
                        money |= money_word(&w);
                    }
                    _ => {}
                }
            }
            // What the pounds are of says most; then the sentence's other words.
            o.pound_mass = Some(match (of_noun, mass, money) {
                (Some(of_money), _, _) => !of_money,
                (None, true, false) => true,
                (None, false, true) => false,
                _ => return None,
            });
        }
        Ambiguity::Currency => {
            let mut named: Option<&'static str> = None;
            for (k, x) in t.iter().enumerate().take(last).skip(first) {
                if (i..end).contains(&k) {
                    continue;
                }
                let c = match x.tok {
                    Tok::Currency(c) => Some(c),
                    Tok::Word(Some(w)) if w != "pound" => amount::currency_word(w),
                    _ => None,
                };
                match (named, c) {
                    (None, Some(c)) => named = Some(c),
                    (Some(n), Some(c)) if n != c => return None,
                    _ => {}
                }
            }
            o.currency = Some(named?);
        }
        Ambiguity::Degree => {
            let mut scale: Option<&'static str> = None;
            for k in first..last {
                let w = raw(k);
                let s = match w.as_str() {
                    "celsius" | "centigrade" => Some("°C"),
                    "fahrenheit" => Some("°F"),
                    "c" | "f" if k > 0 && t[k - 1].is("°") => {
                        Some(if w == "c" { "°C" } else { "°F" })
                    }
                    _ => None,
                };
                match (scale, s) {
                    (None, Some(s)) => scale = Some(s),
                    (Some(a), Some(b)) if a != b => return None,
                    _ => {}
                }
            }
            o.degrees = Some(scale?);
        }
        Ambiguity::Contradiction | Ambiguity::ChangeOrRange | Ambiguity::UnknownCurrency => {
            return None;
        }
    }
    amount::amount(t, i, o)
}

/// Words that say a sentence's "pounds" are a weight.
fn mass_word(w: &str) -> bool {
    matches!(
        w,
        "weigh"
            | "weighs"
            | "weighed"
            | "weighing"
            | "weight"
            | "weights"
            | "heavy"
            | "heavier"
            | "heaviest"
            | "lighter"
            | "lb"
            | "lbs"
            | "kg"
            | "kilos"
            | "kilograms"
            | "ounces"
            | "tonnes"
            | "tons"
            | "grams"
    )
}

/// Words that say a sentence's "pounds" are sterling.
fn money_word(w: &str) -> bool {
    money_noun(w)
        || matches!(
            w,
            "cost"
                | "costs"
                | "costing"
                | "paid"
                | "pay"
                | "pays"
                | "paying"
                | "fine"
                | "fined"
                | "worth"
                | "price"
                | "prices"
                | "priced"
                | "spent"
                | "spend"
                | "earn"
                | "earns"
                | "earned"
                | "sold"
                | "bought"
                | "buy"
                | "sterling"
                | "salary"
                | "budget"
                | "bill"
                | "fee"
                | "fees"
                | "rent"
                | "prize"
                | "donated"
                | "invested"
                | "raised"
        )
}

/// What "pounds of ..." may be pounds of when they are sterling.
fn money_noun(w: &str) -> bool {
    matches!(
        w.trim_end_matches(['\'', '\u{2019}'])
            .trim_end_matches("'s"),
        "money"
            | "cash"
            | "funding"
            | "funds"
            | "investment"
            | "investments"
            | "aid"
            | "damage"
            | "damages"
            | "savings"
            | "debt"
            | "debts"
            | "revenue"
            | "taxpayers"
            | "taxpayer"
            | "public"
            | "assets"
            | "spending"
            | "losses"
            | "profit"
            | "profits"
            | "contracts"
            | "sales"
            | "compensation"
            | "income"
            | "wages"
            | "benefits"
            | "fraud"
            | "fines"
            | "shopping"
            | "shares"
            | "bonds"
            | "subsidies"
            | "donations"
            | "loans"
            | "grants"
            | "tax"
            | "taxes"
            | "stock"
    )
}

/// "3.458 Tonnen", "12 Kilometern": a word right after a figure that is a unit the reader
/// knows with a foreign or garbled ending. The span and why it is not read.
fn unknown_unit_after(text: &str, t: &[Token], end: usize) -> Option<(usize, usize, String)> {
    let x = t.get(end)?;
    if x.tok != Tok::Word(None) || !x.spaced || end == 0 {
        return None;
    }
    if !(5..=16).contains(&(x.end - x.start)) {
        return None;
    }
    let word = text[x.start..x.end].to_lowercase();
    let unit = units::UNIT_WORDS
        .iter()
        .flat_map(|(spellings, _)| spellings.iter())
        .find(|s| s.len() >= 4 && word.len() <= s.len() + 2 && word.starts_with(*s))?;
    Some((
        t[end - 1].start,
        x.end,
        format!(
            "\"{}\" looks like the unit {unit}, but is no spelling of it the reader knows",
            &text[x.start..x.end]
        ),
    ))
}

/// "the l00s of millions": a vague amount after "of" whose multiplier is a token mixing
/// digits and letters, a figure misprinted or misread by OCR.
fn garbled_before(
    text: &str,
    t: &[Token],
    i: usize,
    a: &Assertion,
) -> Option<(usize, usize, String)> {
    if i < 2 || !a.rule.starts_with("vague") || !t[i - 1].is("of") {
        return None;
    }
    let x = &t[i - 2];
    let raw = &text[x.start..x.end];
    (x.tok == Tok::Word(None) && raw.bytes().any(|b| b.is_ascii_digit())).then(|| {
        (
            x.start,
            x.end,
            format!("\"{raw}\" mixes digits and letters: the figure it stands for cannot be read"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, DateOrder, Precision};

    fn n(text: &str) -> Assertion {
        normalize_value(text, &Context::default())
    }
    fn iv(text: &str) -> Interval {
        n(text)
            .interval
            .unwrap_or_else(|| panic!("no interval for {text:?}"))
    }
    fn ends(text: &str) -> (Option<f64>, Option<f64>, bool, bool) {
        let i = iv(text);
        (i.low, i.high, i.low_inclusive, i.high_inclusive)
    }

    #[test]
    fn policy_exact() {
        assert_eq!(ends("130"), (Some(130.0), Some(130.0), true, true));
        assert_eq!(ends("6,900"), (Some(6900.0), Some(6900.0), true, true));
        assert_eq!(ends("1.15"), (Some(1.15), Some(1.15), true, true));
    }

    #[test]
    fn policy_approximately_uses_rounding_and_margin() {
        // ± half of 1,000 + 5% of 25,000
        assert_eq!(
            ends("approximately 25,000"),
            (Some(23_250.0), Some(26_750.0), true, true)
        );
        for h in [
            "about",
            "around",
            "some",
            "roughly",
            "an estimated",
            "approx.",
        ] {
            assert_eq!(
                iv(&format!("{h} 25,000")),
                iv("approximately 25,000"),
                "{h}"
            );
        }
        let narrow = normalize_value(
            "about 90",
            &Context {
                margin: Some(0.0),
                ..Context::default()
            },
        );
        assert_eq!(narrow.interval, Some(Interval::closed(85.0, 95.0)));
    }

    #[test]
    fn policy_open_and_closed_bounds() {
        for h in ["over", "more than", "upwards of", "in excess of"] {
            assert_eq!(
                ends(&format!("{h} 90")),
                (Some(90.0), None, false, false),
                "{h}"
            );
        }
        assert_eq!(ends("at least 90"), (Some(90.0), None, true, false));
        assert_eq!(ends("90 or more"), (Some(90.0), None, true, false));
        for h in ["under", "less than", "fewer than"] {
            assert_eq!(
                ends(&format!("{h} 100")),
                (Some(0.0), Some(100.0), true, false),
                "{h}"
            );
        }
        for h in ["up to", "at most", "no more than"] {
            assert_eq!(
                ends(&format!("{h} 100")),
                (Some(0.0), Some(100.0), true, true),
                "{h}"
            );
        }
    }

    #[test]
    fn policy_nearly_is_just_below() {
        let (lo, hi, li, hi_inc) = ends("nearly 100");
        assert_eq!((lo, hi, li, hi_inc), (Some(90.0), Some(100.0), true, false));
        assert_eq!(iv("almost 100"), iv("nearly 100"));
        assert_eq!(iv("just under 100"), iv("nearly 100"));
        let (lo, hi, ..) = ends("just over 100");
        assert_eq!((lo, hi), (Some(100.0), Some(110.0)));
    }

    #[test]
    fn policy_ranges() {
        let want = Interval::closed(80_000.0, 100_000.0);
        for s in [
            "between 80,000 and 100,000",
            "80,000 to 100,000",
            "80,000-100,000",
            "80,000–100,000",
            "from 80,000 to 100,000",
            "between 80 and 100 thousand",
        ] {
            assert_eq!(iv(s), want, "{s}");
        }
        assert_eq!(n("£5-7bn").currency, Some("GBP"));
        assert_eq!(iv("£5-7bn"), Interval::closed(5e9, 7e9));
    }

    #[test]
    fn policy_vague_amounts() {
        assert_eq!(ends("dozens"), (Some(24.0), Some(100.0), true, false));
        assert_eq!(ends("hundreds"), (Some(200.0), Some(1000.0), true, false));
        assert_eq!(ends("thousands"), (Some(2000.0), Some(1e6), true, false));
        assert_eq!(
            ends("tens of thousands"),
            (Some(20_000.0), Some(100_000.0), true, false)
        );
        assert_eq!(
            ends("hundreds of thousands"),
            (Some(200_000.0), Some(1e6), true, false)
        );
        assert_eq!(ends("billions"), (Some(2e9), Some(1e12), true, false));
        assert_eq!(iv("several"), Interval::closed(3.0, 9.0));
        assert_eq!(iv("several hundred"), Interval::closed(300.0, 900.0));
        assert_eq!(iv("a few thousand"), Interval::closed(2000.0, 5000.0));
    }

    #[test]
    fn number_words_scales_fractions_percentages_ordinals() {
        for (s, v) in [
            ("two", 2.0),
            ("twenty-one", 21.0),
            ("a dozen", 12.0),
            ("a hundred and fifty", 150.0),
            ("two hundred thousand", 200_000.0),
            ("7 billion", 7e9),
            ("7billion", 7e9),
            ("1.2 million", 1.2e6),
            ("850m", 850e6),
            ("half a million", 5e5),
            ("a third", 1.0 / 3.0),
            ("two thirds", 2.0 / 3.0),
        ] {
            assert_eq!(n(s).stated, Some(v), "{s}");
        }
        assert_eq!(n("40 per cent").unit, Some("%"));
        assert_eq!(n("12%").stated, Some(12.0));
        let third = n("third");
        assert_eq!((third.stated, third.unit), (Some(3.0), Some("ordinal")));
    }

    #[test]
    fn units_and_money_convert_to_canonical() {
        let d = n("510 miles (820 kms)");
        assert_eq!(d.unit, Some("km"));
        assert!((d.stated.unwrap() - 820.765).abs() < 0.01);
        assert!(d.conversion.as_ref().unwrap().consistent);
        assert!(!n("510 miles (920 km)").conversion.unwrap().consistent);
        assert_eq!(n("950-km-long").stated, Some(950.0));
        let m = n("£7 billion");
        assert_eq!(
            (m.kind, m.currency, m.stated),
            (AssertionKind::Money, Some("GBP"), Some(7e9))
        );
        // Bare "pounds" are sterling only where the property takes money.
        assert_eq!(n("7 billion pounds").kind, AssertionKind::Unparsed);
        let money = Context {
            expect: Some(ValueKind::Money),
            ..Context::default()
        };
        assert_eq!(
            normalize_value("7 billion pounds", &money).currency,
            Some("GBP")
        );
        assert_eq!(n("$5m").currency, Some("USD"));
        assert_eq!(n("EUR 3bn").currency, Some("EUR"));
        let metres = normalize_value(
            "850m",
            &Context {
                unit: Some("km"),
                expect: Some(ValueKind::Quantity),
                ..Context::default()
            },
        );
        assert_eq!(metres.stated, Some(0.85));
    }

    #[test]
    fn a_lone_number_is_a_year_only_where_news_years_fall() {
        assert_eq!(n("2022").kind, AssertionKind::Date);
        assert_eq!(n("1000").kind, AssertionKind::Number);
        assert_eq!(n("2,022").kind, AssertionKind::Number);
        let quantity = normalize_value(
            "2022",
            &Context {
                expect: Some(ValueKind::Quantity),
                ..Context::default()
            },
        );
        assert_eq!(quantity.stated, Some(2022.0));
    }

    #[test]
    fn times_of_day() {
        for (s, m) in [
            ("7:10 a.m.", 430.0),
            ("7:10am", 430.0),
            ("7:10 PM", 1150.0),
            ("19:10", 1150.0),
            ("7:10aDec 1", 430.0),
            ("12:05 a.m.", 5.0),
            ("noon", 720.0),
            ("7 p.m.", 1140.0),
        ] {
            assert_eq!(time_of_day(s).map(|t| t.0), Some(m), "{s}");
        }
        for s in ["7", "25:00", "7:75", "13 p.m.", "about"] {
            assert_eq!(time_of_day(s), None, "{s}");
        }
    }

    #[test]
    fn date_and_time_stamps_give_their_time_never_the_month_for_the_hour() {
        for (s, m) in [
            ("12/1 7:45 p.m.", 1185.0),
            ("12/01/2011 7:45 PM", 1185.0),
            ("Fri 21:40", 1300.0),
            ("Jan 03 12:15 a.m.", 15.0),
            ("Dec 1, 2011 at 6:05am", 365.0),
            ("Thursday, Dec. 1 23:56", 1436.0),
            ("2011-12-01T19:45", 1185.0),
            ("2011-12-01 19:45", 1185.0),
        ] {
            assert_eq!(time_of_day(s).map(|t| t.0), Some(m), "{s}");
        }
        // A stamp without a readable time is unreadable, not twelve o'clock or one o'clock.
        for s in ["12/1", "12/1 p.m.", "Jan 03", "Fri", "12-1"] {
            assert_eq!(time_of_day(s), None, "{s}");
        }
    }

    #[test]
    fn durations_in_days() {
        let d = n("nearly two years");
        assert_eq!(d.kind, AssertionKind::Duration);
        let i = d.interval.unwrap();
        assert!(i.low.unwrap() > 500.0 && i.high == Some(730.485) && !i.high_inclusive);
        assert_eq!(
            ends("more than 600 days"),
            (Some(600.0), None, false, false)
        );
        assert!((n("21 months").stated.unwrap() - 639.17).abs() < 0.01);
        assert_eq!(n("almost two weeks").interval.unwrap().high, Some(14.0));
    }

    fn date_ctx(reference: Option<&str>) -> Context<'static> {
        Context {
            expect: Some(ValueKind::Date),
            reference: reference.map(|r| Reference {
                range: Date::parse_iso(r).unwrap(),
                label: "publication date",
            }),
            ..Context::default()
        }
    }
    fn dr(text: &str, reference: Option<&str>) -> (String, Option<Precision>, Option<String>) {
        let a = normalize_value(text, &date_ctx(reference));
        (
            a.date.map(|d| d.to_string()).unwrap_or_default(),
            a.date.map(|d| d.precision),
            a.unresolved,
        )
    }

    #[test]
    fn absolute_and_partial_dates() {
        assert_eq!(dr("3 January 2024", None).0, "2024-01-03");
        assert_eq!(dr("Jan. 4, 2024", None).0, "2024-01-04");
        assert_eq!(dr("February 2022", None).0, "2022-02-01..2022-02-28");
        assert_eq!(dr("2022", None).1, Some(Precision::Year));
        // A year in thirds of four months, a month in thirds of ten days.
        assert_eq!(dr("early 2022", None).0, "2022-01-01..2022-04-30");
        assert_eq!(dr("mid-2021", None).0, "2021-05-01..2021-08-31");
        assert_eq!(dr("late March 2024", None).0, "2024-03-21..2024-03-31");
        assert_eq!(dr("2024-01-03", None).0, "2024-01-03");
        assert_eq!(
            dr("between 2011 and 2017", None).0,
            "2011-01-01..2017-12-31"
        );
        assert!(
            dr("31 February 2024", None)
                .2
                .unwrap()
                .contains("not a real date")
        );
        assert!(
            dr("Wednesday, Jan. 4, 2024", None)
                .2
                .unwrap()
                .contains("Thursday")
        );
    }

    #[test]
    fn relative_dates_resolve_against_the_reference() {
        assert_eq!(dr("January 3", Some("2024-01-20")).0, "2024-01-03");
        assert_eq!(
            dr("October", Some("2025-08-01")).0,
            "2025-10-01..2025-10-31"
        );
        assert_eq!(
            dr("last month", Some("2025-08-14")).0,
            "2025-07-01..2025-07-31"
        );
        assert_eq!(dr("Tuesday", Some("2024-09-05")).0, "2024-09-03");
        assert_eq!(
            dr("last year", Some("2024-09-05")).0,
            "2023-01-01..2023-12-31"
        );
        assert_eq!(
            dr("March of this year", Some("2024")).0,
            "2024-03-01..2024-03-31"
        );
        // An offset in weeks is the day, stated to the week.
        assert_eq!(dr("two weeks ago", Some("2024-09-15")).0, "2024-09-01");
        assert_eq!(
            normalize_value("two weeks ago", &date_ctx(Some("2024-09-15"))).resolution,
            Some(7.0)
        );
        // A coarse reference gives a wider, still honest, range.
        assert_eq!(dr("last month", Some("2025")).0, "2024-12-01..2025-11-30");
    }

    #[test]
    fn relative_dates_without_reference_stay_open_with_a_reason() {
        let (range, _, why) = dr("last month", None);
        assert!(range.is_empty());
        assert!(why.unwrap().contains("publication date"));
        let (_, _, why) = dr("Tuesday", Some("2024"));
        assert!(why.unwrap().contains("precise to the day"));
    }

    fn q(text: &str, unit: Option<&'static str>) -> Assertion {
        normalize_value(
            text,
            &Context {
                expect: Some(ValueKind::Quantity),
                unit,
                ..Context::default()
            },
        )
    }
    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-6 * b.abs().max(1.0))
    }

    #[test]
    fn every_word_is_accounted_for_or_the_value_is_unparsed() {
        for s in [
            "1,2OO",
            "14 apples",
            "3 January 20245",
            "over 90 Afghans",
            "about 25,000 or so more",
            "12,34",
            "1.2.3",
        ] {
            assert_eq!(n(s).kind, AssertionKind::Unparsed, "{s}");
        }
        let why = n("1,2OO").unresolved.unwrap();
        assert!(why.contains("2OO"), "{why}");
        // Count nouns and participles after them are recognised, not skipped.
        for s in [
            "over 90 people",
            "90 people killed",
            "12 injured",
            "thousands of civilians",
        ] {
            assert_ne!(q(s, Some("people")).kind, AssertionKind::Unparsed, "{s}");
        }
        // Dot-separated thousands are read whole, never as 1.
        assert_eq!(n("1.000.000").stated, Some(1e6));
        assert_eq!(
            n("2005-11-20").date.map(|d| d.to_string()).unwrap(),
            "2005-11-20"
        );
    }

    #[test]
    fn signs_fractions_and_ratios() {
        assert_eq!(n("minus 12").stated, Some(-12.0));
        assert_eq!(n("negative 3.5").stated, Some(-3.5));
        assert_eq!(q("\u{2212}40", None).stated, Some(-40.0));
        assert_eq!(n("3/4").stated, Some(0.75));
        assert_eq!(n("½").stated, Some(0.5));
        assert_eq!(n("2½ million").stated, Some(2.5e6));
        assert_eq!(n("2 million and a half").stated, Some(2.5e6));
        assert_eq!(n("half a billion").stated, Some(5e8));
        assert!(close(n("two-thirds").stated, 2.0 / 3.0));
        assert!(close(n("a sixth").stated, 1.0 / 6.0));
        assert_eq!(n("a sixth").unit, None, "a fraction, not an ordinal");
        assert_eq!(n("one in eight").stated, Some(0.125));
        assert_eq!(n("three out of four").stated, Some(0.75));
        assert_eq!(n("a quarter").stated, Some(0.25));
        // For a percentage property, a fraction is its percentage.
        let p = q("one in eight", Some("%"));
        assert_eq!((p.stated, p.unit), (Some(12.5), Some("%")));
    }

    #[test]
    fn bounds_verbs_and_alternatives() {
        assert_eq!(ends("14 or 15"), (Some(14.0), Some(15.0), true, true));
        assert_eq!(ends("two or three"), (Some(2.0), Some(3.0), true, true));
        assert_eq!(iv("two or three hundred"), Interval::closed(200.0, 300.0));
        assert_eq!(ends("500 or greater"), (Some(500.0), None, true, false));
        assert_eq!(ends("500 or higher"), (Some(500.0), None, true, false));
        assert_eq!(ends("≥ 5"), (Some(5.0), None, true, false));
        assert_eq!(ends("<100"), (Some(0.0), Some(100.0), true, false));
        assert_eq!(ends("≤ 7"), (Some(0.0), Some(7.0), true, true));
        assert_eq!(
            ends("more than 40 but fewer than 60"),
            (Some(40.0), Some(60.0), false, false)
        );
        assert_eq!(
            ends("at least 3 and at most 5"),
            (Some(3.0), Some(5.0), true, true)
        );
        assert_eq!(
            ends("between 2 and 3 per cent"),
            (Some(2.0), Some(3.0), true, true)
        );
        assert_eq!(n("between 2 and 3 per cent").unit, Some("%"));
        for s in [
            "exceeded 1,000",
            "topped 1,000",
            "surpassed 1,000",
            "will exceed 1,000",
        ] {
            assert_eq!(ends(s), (Some(1000.0), None, false, false), "{s}");
        }
        assert_eq!(iv("rose to 50"), Interval::point(50.0));
        assert_eq!(iv("fell to 12"), Interval::point(12.0));
        assert_eq!(iv("nearly reached 1,000"), iv("nearly 1,000"));
    }

    #[test]
    fn reversed_ranges_are_read_low_to_high_with_a_warning() {
        let a = n("between 100 and 10");
        assert_eq!(a.interval, Some(Interval::closed(10.0, 100.0)));
        assert!(a.unresolved.unwrap().contains("high to low"));
        // A dash "range" written high to low is a score or a code: unreadable.
        assert_eq!(n("100-10").kind, AssertionKind::Unparsed);
    }

    #[test]
    fn units_convert_to_one_canonical_unit_per_dimension() {
        for (s, v, unit) in [
            ("6 ft 1 in", 0.001_854_2, "km"),
            ("1 hour 20 minutes", 80.0 / 1440.0, "day"),
            (
                "two years and three months",
                2.0 * 365.2425 + 3.0 * 30.436_875,
                "day",
            ),
            ("3000 tonnes", 3e6, "kg"),
            ("200 lbs", 90.718_474, "kg"),
            ("120 km/h", 120.0, "km/h"),
            ("70 miles per hour", 112.654_08, "km/h"),
            ("50 mph", 80.4672, "km/h"),
            ("50 square miles", 129.499_4, "km²"),
            ("400 hectares", 4.0, "km²"),
            ("20 km²", 20.0, "km²"),
            ("5m3", 5000.0, "litre"),
            ("2 cubic metres", 2000.0, "litre"),
            ("1,000 barrels", 158_987.294_928, "litre"),
            ("104 degrees Fahrenheit", 40.0, "°C"),
            ("40°C", 40.0, "°C"),
            ("forty minutes", 40.0 / 1440.0, "day"),
            ("3 percentage points", 3.0, "percentage point"),
        ] {
            let a = n(s);
            assert!(close(a.stated, v), "{s}: {:?}", a.stated);
            assert_eq!(a.unit, Some(unit), "{s}");
        }
        // "m": metres by the text or the property, millions after money.
        assert!(close(n("2.1m tall").stated, 0.0021));
        assert_eq!(n("£2.1m").stated, Some(2.1e6));
        assert!(close(q("850m", Some("km")).stated, 0.85));
        assert_eq!(n("850m").stated, Some(850e6));
        // A number followed by a unit is never a year.
        assert_eq!(n("2000 tonnes").kind, AssertionKind::Quantity);
        assert_eq!(n("2020 km").kind, AssertionKind::Quantity);
        // Pounds of mass for a mass property, sterling otherwise.
        assert_eq!(q("200 pounds", Some("kg")).unit, Some("kg"));
        assert_eq!(q("200 pounds", None).unit, Some("kg"));
        assert_eq!(n("200 pounds").kind, AssertionKind::Unparsed);
        // Degrees alone are the property's.
        assert_eq!(q("40 degrees", Some("°C")).stated, Some(40.0));
        assert_eq!(n("40 degrees").kind, AssertionKind::Unparsed);
    }

    #[test]
    fn money_in_every_spelling() {
        for (s, v, cur) in [
            ("USD12.50", 12.5, "USD"),
            ("USD 12.50", 12.5, "USD"),
            ("12.50 USD", 12.5, "USD"),
            ("45 €", 45.0, "EUR"),
            ("45€", 45.0, "EUR"),
            ("€45", 45.0, "EUR"),
            ("RM90", 90.0, "MYR"),
            ("C$12", 12.0, "CAD"),
            ("A$3bn", 3e9, "AUD"),
            ("NZ$40", 40.0, "NZD"),
            ("HK$1.2m", 1.2e6, "HKD"),
            ("US$5 million", 5e6, "USD"),
            ("$7 and 25 cents", 7.25, "USD"),
            ("$4.99", 4.99, "USD"),
            ("50 bucks", 50.0, "USD"),
            ("20 quid", 20.0, "GBP"),
            ("Rs 12 crore", 1.2e8, "INR"),
            ("Rs. 3 lakh", 3e5, "INR"),
            ("75p", 0.75, "GBP"),
        ] {
            let a = n(s);
            assert_eq!(a.kind, AssertionKind::Money, "{s}");
            assert!(close(a.stated, v), "{s}: {:?}", a.stated);
            assert_eq!(a.currency, Some(cur), "{s}");
        }
        // "grand" and "cents" are of the currency the property declares; of none, unread.
        assert_eq!(n("5 grand").kind, AssertionKind::Unparsed);
        let usd = |v: &str| {
            normalize_value(
                v,
                &Context {
                    expect: Some(ValueKind::Money),
                    unit: Some("USD"),
                    ..Context::default()
                },
            )
        };
        assert_eq!(
            (usd("5 grand").stated, usd("5 grand").currency),
            (Some(5000.0), Some("USD"))
        );
        assert!(close(usd("99 cents").stated, 0.99));
        assert_eq!(usd("99 cents").currency, Some("USD"));
        assert_eq!(n("3 lakh").stated, Some(3e5));
        // "c." is circa; "C$" is a currency.
        assert_eq!(n("c. 1,500").rule, n("about 1,500").rule);
        assert_eq!(n("C$1,500").currency, Some("CAD"));
    }

    #[test]
    fn stated_resolution_follows_the_way_of_writing() {
        assert_eq!(n("640 million").resolution, Some(1e7));
        assert_eq!(n("640,000,000").resolution, Some(0.0));
        assert_eq!(n("1.2bn").resolution, Some(1e8));
        assert_eq!(n("£5-7bn").resolution, Some(1e9));
        assert_eq!(n("twenty-one").resolution, Some(0.0));
        assert_eq!(n("three hundred").resolution, Some(0.0));
        assert_eq!(n("two million").resolution, Some(1e6));
        assert_eq!(n("25k").resolution, Some(1e3));
        assert_eq!(n("February 2022").resolution, None);
    }

    #[test]
    fn numeric_dates_and_the_declared_order() {
        assert_eq!(dr("17/03/2021", None).0, "2021-03-17");
        assert_eq!(dr("3/17/2021", None).0, "2021-03-17");
        assert_eq!(dr("2021/03/17", None).0, "2021-03-17");
        assert_eq!(dr("17-Mar-2021", None).0, "2021-03-17");
        let (range, _, why) = dr("04/05/2021", None);
        assert!(range.is_empty());
        assert!(why.unwrap().contains("date_order"));
        let with = |order| {
            normalize_value(
                "04/05/2021",
                &Context {
                    date_order: Some(order),
                    ..date_ctx(None)
                },
            )
            .date
            .map(|d| d.to_string())
        };
        assert_eq!(with(DateOrder::Dmy).as_deref(), Some("2021-05-04"));
        assert_eq!(with(DateOrder::Mdy).as_deref(), Some("2021-04-05"));
        assert!(
            dr("31/02/2021", None)
                .2
                .unwrap()
                .contains("not a real date")
        );
    }

    #[test]
    fn date_ranges_periods_weeks_and_offsets() {
        let r = Some("2024-09-05");
        for (s, want) in [
            ("from June to October 2022", "2022-06-01..2022-10-31"),
            ("June-October 2022", "2022-06-01..2022-10-31"),
            ("between 3 and 5 March 2023", "2023-03-03..2023-03-05"),
            ("March 3-5, 2022", "2022-03-03..2022-03-05"),
            ("from November to February 2023", "2022-11-01..2023-02-28"),
            ("Q3 2020", "2020-07-01..2020-09-30"),
            ("2020 q3", "2020-07-01..2020-09-30"),
            ("H1 2022", "2022-01-01..2022-06-30"),
            ("the second half of 2021", "2021-07-01..2021-12-31"),
            ("the first quarter of 2024", "2024-01-01..2024-03-31"),
            ("last quarter", "2024-04-01..2024-06-30"),
            ("the week of 4 March", "2024-03-04..2024-03-10"),
            ("the following week", "2024-09-09..2024-09-15"),
            ("June of 2011", "2011-06-01..2011-06-30"),
            ("9 May last year", "2023-05-09"),
            ("two days earlier", "2024-09-03"),
            ("three days later", "2024-09-08"),
            ("in two weeks", "2024-09-19"),
        ] {
            assert_eq!(dr(s, r).0, want, "{s}");
        }
        assert_eq!(dr("since August 2023", r).0, "2023-08-01..");
        assert_eq!(dr("starting 7 January", r).0, "2024-01-07..");
        let start = normalize_value(
            "since August 2023",
            &Context {
                start: true,
                ..date_ctx(r)
            },
        );
        assert_eq!(start.date.unwrap().to_string(), "2023-08-01..2023-08-31");
        assert!(is_start_property(&["start date"]) && !is_start_property(&["death toll"]));
    }

    #[test]
    fn times_in_date_and_time_stamps() {
        let time = |s: &str| {
            let a = normalize_value(
                s,
                &Context {
                    expect: Some(ValueKind::Time),
                    ..Context::default()
                },
            );
            a.stated.ok_or(a.unresolved.unwrap_or_default())
        };
        assert_eq!(time("12/1 7:45 p.m."), Ok(1185.0));
        assert_eq!(time("Fri 21:40"), Ok(1300.0));
        assert_eq!(time("Jan 03 12:15 a.m."), Ok(15.0));
        assert_eq!(time("7:10aDec 1"), Ok(430.0));
        assert_eq!(time("9:45 PM"), Ok(1305.0));
        // The day of the month is never the hour.
        assert!(time("Jan 03").is_err());
        assert!(time("7:45 p.m. tomorrow-ish").is_err());
    }

    #[test]
    fn extract_keeps_codes_whole_and_reads_times_and_durations() {
        let text = "At 9:45 PM, 14 or 15 people were hurt; forty minutes later police arrived. \
                    Call 555-123-4567 or see 192.168.1.1. On 2005-11-20 the 2.1m wall fell.";
        let found = extract(text, Date::parse_iso("2024-01"));
        let got: Vec<(&str, &str)> = found.iter().map(|e| (e.text.as_str(), e.kind)).collect();
        assert_eq!(
            got,
            [
                ("9:45 PM", "time"),
                ("14 or 15", "range"),
                ("forty minutes", "duration"),
                ("2005-11-20", "date"),
                ("2.1m", "number"),
            ]
        );
    }

    #[test]
    fn digit_groupings_and_ambiguous_separators() {
        assert_eq!(n("about 300 000").stated, Some(300_000.0));
        assert_eq!(n("1\u{a0}000\u{a0}000").stated, Some(1e6));
        assert_eq!(n("12,00,000").stated, Some(1.2e6));
        assert_eq!(n("1,20,00,000").stated, Some(1.2e7));
        // "120.000" is 120 in English and 120,000 in German: not guessed.
        assert_eq!(n("120.000").kind, AssertionKind::Unparsed);
        assert_eq!(n("1O%").kind, AssertionKind::Unparsed);
    }

    #[test]
    fn durations_with_articles_halves_and_compound_units() {
        let d = |s: &str| {
            normalize_value(
                s,
                &Context {
                    expect: Some(ValueKind::Duration),
                    ..Context::default()
                },
            )
        };
        assert_eq!(d("a fortnight").stated, Some(14.0));
        assert!(close(d("an hour").stated, 1.0 / 24.0));
        assert!(close(d("half an hour").stated, 1.0 / 48.0));
        assert_eq!(d("a day and a half").stated, Some(1.5));
        assert_eq!(
            d("more than a decade").interval.and_then(|i| i.low),
            Some(3652.425)
        );
        assert!(close(n("30 m/s").stated, 108.0));
        assert_eq!(n("a quarter of a million").stated, Some(250_000.0));
        assert_eq!(n("three-quarters of a million").stated, Some(750_000.0));
        assert_eq!(n("2 ½").stated, Some(2.5));
        assert_eq!(
            ends("between five and ten"),
            (Some(5.0), Some(10.0), true, true)
        );
        // "from 714 to 692" states a change, not a range.
        assert_eq!(
            q("from 714 billion yen to 692 billion yen", None).kind,
            AssertionKind::Unparsed
        );
    }

    #[test]
    fn temperatures_by_letter_and_sign() {
        assert_eq!(n("42C").stated, Some(42.0));
        assert!(close(n("104F").stated, 40.0));
        assert_eq!(n("-16°C").stated, Some(-16.0));
        assert_eq!(n("minus 20 degrees Celsius").stated, Some(-20.0));
        assert_eq!(ends("below zero"), (None, Some(0.0), true, false));
        assert_eq!(
            n("more than 16 metric tonnes").interval.and_then(|i| i.low),
            Some(16_000.0)
        );
    }

    #[test]
    fn more_times_of_day() {
        let time = |s: &str| {
            normalize_value(
                s,
                &Context {
                    expect: Some(ValueKind::Time),
                    ..Context::default()
                },
            )
            .stated
        };
        assert_eq!(time("midday"), Some(720.0));
        assert_eq!(time("12 noon"), Some(720.0));
        assert_eq!(time("1930 hours"), Some(1170.0));
        assert_eq!(time("21.45"), Some(1305.0));
        assert_eq!(time("8:56 AM CDT"), Some(536.0));
        assert_eq!(time("GMT 12:23"), Some(743.0));
        assert_eq!(time("Jul 2, 2012 8:56 AM CDT"), Some(536.0));
        assert_eq!(dr("15 March 2024, 14:30", None).0, "2024-03-15");
        assert_eq!(dr("by 2030", None).0, "..2030-12-31");
        assert_eq!(
            dr("February 28 to March 3, 2023", None).0,
            "2023-02-28..2023-03-03"
        );
        assert_eq!(
            dr("2024-04-01 to 2024-09-30", None).0,
            "2024-04-01..2024-09-30"
        );
        // A weekday that contradicts the date leaves the day unknown.
        assert!(dr("Wednesday, Jan. 4, 2024", None).0.is_empty());
    }

    #[test]
    fn property_units_are_matched_by_dimension_and_slips_are_read() {
        assert_eq!(q("14 tons", Some("tonnes")).unresolved, None);
        assert_eq!(
            q("more than 30 million cubic meters", Some("cubic metres")).unresolved,
            None
        );
        assert!(q("14 km", Some("tonnes")).unresolved.is_some());
        assert_eq!(
            iv("between 18,000 to 20,000"),
            Interval::closed(18_000.0, 20_000.0)
        );
        assert_eq!(dr("Sunday night", Some("2024-09-05")).0, "2024-09-01");
    }

    #[test]
    fn hedges_before_ranges_and_contradicting_hedges() {
        assert_eq!(
            ends("as much as 10-15"),
            (Some(0.0), Some(15.0), true, true)
        );
        assert_eq!(ends("more than 10-15"), (Some(10.0), None, false, false));
        assert_eq!(
            q("up to 20 feet or more", None).kind,
            AssertionKind::Unparsed
        );
        let age = normalize_value(
            "28-year-old",
            &Context {
                expect: Some(ValueKind::Duration),
                ..Context::default()
            },
        );
        assert!(close(age.stated, 28.0 * 365.2425));
        let found = extract("He left more than a year ago.", None);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn extract_finds_figures_in_prose() {
        let text = "In February 2022, a breach exposed approximately 25,000 Afghans. \
                    The £7 billion scheme ran for nearly two years; over 90 died on January 3.";
        let found = extract(text, Date::parse_iso("2024-01"));
        let texts: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "February 2022",
                "approximately 25,000",
                "£7 billion",
                "nearly two years",
                "over 90",
                "January 3"
            ]
        );
        for e in &found {
            assert_eq!(&text[e.start..e.end], e.text);
            assert!(e.sentence.contains(&e.text));
        }
    }

    /// What `extract` finds in a sentence: (span, kind, low, high, unit, currency).
    fn found(text: &str, published: Option<&str>) -> Vec<(String, &'static str, String, String)> {
        extract(text, published.and_then(Date::parse_iso))
            .into_iter()
            .map(|e| {
                let what = format!(
                    "{}{}",
                    e.unit.map(|u| format!(" {u}")).unwrap_or_default(),
                    e.currency.map(|c| format!(" {c}")).unwrap_or_default()
                );
                let lo = match &e.low {
                    serde_json::Value::Number(n) => {
                        format!("{}", (n.as_f64().unwrap_or(0.0) * 1e4).round() / 1e4)
                    }
                    other => other.to_string(),
                };
                (e.text, e.kind, lo, what)
            })
            .collect()
    }

    fn one(text: &str, published: Option<&str>, span: &str) -> (&'static str, String, String) {
        let f = found(text, published);
        let hit = f
            .iter()
            .find(|x| x.0 == span)
            .unwrap_or_else(|| panic!("{span:?} not found in {text:?}: {f:?}"));
        (hit.1, hit.2.clone(), hit.3.clone())
    }

    #[test]
    fn offsets_in_weeks_are_the_day_stated_to_the_week() {
        let r = Some("2024-03-15");
        assert_eq!(dr("three weeks later", r).0, "2024-04-05");
        assert_eq!(dr("in two weeks", r).0, "2024-03-29");
        assert_eq!(dr("a fortnight ago", r).0, "2024-03-01");
        let a = normalize_value("three weeks later", &date_ctx(r));
        assert_eq!(a.resolution, Some(7.0));
        // In prose, after a word of the future it is the day two weeks on; elsewhere the
        // duration it states.
        let (kind, low, _) = one(
            "The airport will reopen in two weeks, officials said.",
            r,
            "in two weeks",
        );
        assert_eq!((kind, low.as_str()), ("date", "\"2024-03-29\""));
        let (kind, ..) = one("It was the first death in two weeks.", r, "two weeks");
        assert_eq!(kind, "duration");
    }

    #[test]
    fn pounds_are_sterling_or_weight_as_the_sentence_says_or_unread() {
        let kg = |s: &str, span: &str| one(s, None, span);
        assert_eq!(
            kg("Police seized 5,000 pounds of fireworks.", "5,000 pounds"),
            ("quantity", "2267.9619".into(), " kg".into())
        );
        assert_eq!(
            kg(
                "A cubic yard of sea water weighs 1,728 pounds.",
                "1,728 pounds"
            )
            .2,
            " kg"
        );
        assert_eq!(
            kg("The repairs cost 500 pounds.", "500 pounds"),
            ("money", "500".into(), " GBP".into())
        );
        assert_eq!(
            kg(
                "It wasted 9 million pounds of taxpayers' money.",
                "9 million pounds"
            )
            .2,
            " GBP"
        );
        assert_eq!(kg("He gave her 500 pounds.", "500 pounds").0, "unparsed");
        assert_eq!(
            kg(
                "He was paid 500 pounds and weighed 200 pounds.",
                "500 pounds"
            )
            .0,
            "unparsed"
        );
        // "sterling" and "£" settle it.
        assert_eq!(
            kg("He gave 500 pounds sterling.", "500 pounds sterling").2,
            " GBP"
        );
    }

    #[test]
    fn cents_and_grand_take_the_currency_the_sentence_names_or_stay_unread() {
        assert_eq!(
            one(
                "Average hourly earnings rose by 9 cents, or 0.3%, to $36.00.",
                None,
                "9 cents"
            ),
            ("money", "0.09".into(), " USD".into())
        );
        assert_eq!(
            one("A man lost 20 grand to the scam.", None, "20 grand").0,
            "unparsed"
        );
        assert_eq!(
            one("A ticket costs 99 cents or €1.", None, "99 cents"),
            ("money", "0.99".into(), " EUR".into())
        );
        assert_eq!(n("99 cents").kind, AssertionKind::Unparsed);
    }

    #[test]
    fn bracketed_restatements_in_prose_are_figures_of_their_own() {
        let f = found(
            "France registered 45.9C (114.6F), and the record was 42C (108F).",
            None,
        );
        let spans: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(spans, ["45.9C", "114.6F", "42C", "108F"]);
        assert_eq!(f[1].2, "45.8889");
        assert!(f.iter().all(|x| x.3 == " °C"));
        // A claim's value still reads one figure and checks the restatement.
        assert!(n("45.9C (114.6F)").conversion.is_some_and(|c| c.consistent));
    }

    #[test]
    fn changes_are_two_figures_and_ambiguous_ones_unread() {
        let spans = |s: &str| -> Vec<(String, String)> {
            found(s, None).into_iter().map(|x| (x.0, x.2)).collect()
        };
        assert_eq!(
            spans("The unemployment rate rose from 4.3% to 4.4%."),
            [("4.3%".into(), "4.3".into()), ("4.4%".into(), "4.4".into())]
        );
        assert_eq!(
            one(
                "Prices rose from January to March, it said.",
                Some("2024-05-01"),
                "from January to March"
            )
            .1,
            "\"2024-01-01\""
        );
        assert_eq!(
            spans("Weekly claims jumped 27,000 to 263,000."),
            [
                ("27,000".into(), "27000".into()),
                ("263,000".into(), "263000".into())
            ]
        );
        assert_eq!(
            spans("The panel voted by a majority of 10 to 2."),
            [("10".into(), "10".into()), ("2".into(), "2".into())]
        );
        assert_eq!(
            spans("It cut its forecast from 714 billion yen to 692 billion yen, it said."),
            [
                ("714 billion yen".into(), "714000000000".into()),
                ("692 billion yen".into(), "692000000000".into())
            ]
        );
        // "rose 10 to 15 percent": a range of the change, or a change to 15%? Unread.
        assert_eq!(
            one("Prices rose 10 to 15 percent.", None, "10 to 15 percent").0,
            "unparsed"
        );
        // Without a verb of change, a range stays a range.
        assert_eq!(
            one(
                "It will cost 10 to 15 percent more.",
                None,
                "10 to 15 percent"
            )
            .0,
            "range"
        );
    }

    #[test]
    fn prose_spans_end_at_the_unit() {
        assert_eq!(
            one("A record course must be 42.195 km long.", None, "42.195 km").2,
            " km"
        );
        assert_eq!(
            one("A swath 50 to 100 miles wide.", None, "50 to 100 miles").1,
            "80.4672"
        );
        // In a value the extent word belongs to it.
        assert_eq!(n("42.195 km long").stated, Some(42.195));
    }

    #[test]
    fn halves_and_times_in_words() {
        let years = normalize_value(
            "seven-and-a-half years",
            &Context {
                expect: Some(ValueKind::Duration),
                ..Context::default()
            },
        );
        assert!(close(years.stated, 7.5 * 365.2425));
        assert_eq!(n("two and a half million").stated, Some(2.5e6));
        assert_eq!(n("one and a half").stated, Some(1.5));
        assert_eq!(n("7 and a half").stated, Some(7.5));
        let time = |v: &str| {
            normalize_value(
                v,
                &Context {
                    expect: Some(ValueKind::Time),
                    ..Context::default()
                },
            )
        };
        assert_eq!(time("half past seven in the evening").stated, Some(1170.0));
        assert_eq!(time("half past nine in the morning").stated, Some(570.0));
        assert_eq!(time("quarter to midnight").stated, Some(1425.0));
        assert_eq!(time("twenty past nine p.m.").stated, Some(1280.0));
        assert_eq!(time("nine pm").stated, Some(1260.0));
        assert_eq!(time("seven o'clock at night").stated, Some(1140.0));
        // The twelve-hour clock without a part of the day: morning or evening is not said.
        assert_eq!(time("half past seven").kind, AssertionKind::Unparsed);
        assert_eq!(
            one(
                "The show starts at half past seven in the evening.",
                None,
                "half past seven in the evening"
            ),
            ("time", "1170".into(), " minute".into())
        );
        assert_eq!(
            one("Gunmen killed seven in the evening raid.", None, "seven").0,
            "number"
        );
        assert!(
            found("A quarter of 5 people agreed.", None)
                .iter()
                .all(|x| x.1 != "time" && x.1 != "unparsed")
        );
        assert_eq!(
            one(
                "He will serve seven-and-a-half years.",
                None,
                "seven-and-a-half years"
            )
            .0,
            "duration"
        );
    }

    #[test]
    fn bare_degrees_take_the_scale_the_sentence_states_or_stay_unread() {
        assert_eq!(
            one(
                "July highs are 21 degrees Celsius, with night lows of 12 degrees.",
                None,
                "12 degrees"
            ),
            ("quantity", "12".into(), " °C".into())
        );
        assert_eq!(
            one("The ramp rises at 12 degrees.", None, "12 degrees").0,
            "unparsed"
        );
        let fahrenheit = normalize_value(
            "104 degrees",
            &Context {
                expect: Some(ValueKind::Quantity),
                unit: Some("°F"),
                ..Context::default()
            },
        );
        assert!(close(fahrenheit.stated, 40.0));
    }

    #[test]
    fn thresholds_ages_spread_periods_and_garbled_figures() {
        assert_eq!(one("The toll would cross 100.", None, "cross 100").1, "100");
        assert_eq!(one("They crossed 3 rivers.", None, "3").0, "number");
        assert_eq!(
            one("It surveyed children aged 8-16.", None, "8-16"),
            ("duration", "2921.94".into(), " day".into())
        );
        assert_eq!(
            one(
                "The tour takes in seven cities over 17 days, with nine concerts.",
                None,
                "17 days"
            )
            .1,
            "17"
        );
        assert_eq!(
            one(
                "The strike lasted over 17 days, they said.",
                None,
                "over 17 days"
            )
            .0,
            "duration"
        );
        assert_eq!(
            one("Rainfall of 5 inches over two days.", None, "two days").1,
            "2"
        );
        assert_eq!(
            one(
                "Storm tides can reach up to 20 feet or more.",
                None,
                "reach up to 20 feet or more"
            )
            .0,
            "unparsed"
        );
        assert_eq!(
            one(
                "Die Polizei stellte 3.458 Tonnen Kokain sicher.",
                None,
                "3.458 Tonnen"
            )
            .0,
            "unparsed"
        );
        assert_eq!(
            one(
                "Losses ran into the l00s of millions.",
                None,
                "l00s of millions"
            )
            .0,
            "unparsed"
        );
        // A unit the reader knows stays read.
        assert_eq!(one("It weighs 3 tonnes.", None, "3 tonnes").0, "quantity");
    }

    #[test]
    fn iso_months_weeks_reported_quarters_and_stamps() {
        let r = Some("2024-05-02");
        assert_eq!(dr("2021-03", r).0, "2021-03-01..2021-03-31");
        // A season stays the years it names.
        assert_eq!(dr("2011-12", r).0, "2011-01-01..2012-12-31");
        assert_eq!(dr("week 12 of 2024", r).0, "2024-03-18..2024-03-24");
        assert_eq!(dr("week 1 2021", r).0, "2021-01-04..2021-01-10");
        assert_eq!(dr("4Q12", r).0, "2012-10-01..2012-12-31");
        assert_eq!(dr("3Q2012", r).0, "2012-07-01..2012-09-30");
        assert_eq!(dr("mid-March", r).0, "2024-03-11..2024-03-20");
        assert_eq!(dr("2024-03-17T14:30:00Z", r).0, "2024-03-17");
        assert_eq!(
            one(
                "The alarm was logged at 2024-03-17T14:30:00Z.",
                None,
                "2024-03-17T14:30:00Z"
            ),
            ("date", "\"2024-03-17\"".into(), String::new())
        );
        assert_eq!(
            one(
                "Prices rose 5-7% in the first half, it said.",
                Some("2023-08-01"),
                "the first half"
            )
            .1,
            "\"2023-01-01\""
        );
        // A capitalised May after "in" is the month; at the head of a sentence it is not read.
        assert_eq!(
            one(
                "Forecasters expect 188,000 new jobs in May.",
                Some("2023-05-31"),
                "May"
            )
            .0,
            "date"
        );
        assert!(
            found("May I ask about 12 things?", Some("2023-05-31"))
                .iter()
                .all(|x| x.0 != "May")
        );
        // "ten years after a discount" counts from something else than the reference.
        assert_eq!(
            one(
                "He will serve seven years, down from ten years after a discount.",
                Some("2023-05-31"),
                "ten years"
            )
            .0,
            "duration"
        );
    }

    #[test]
    fn race_clocks_mixed_fractions_and_swiss_grouping() {
        assert_eq!(
            one(
                "Kipchoge crossed the finish line in 2:01:09.",
                None,
                "2:01:09"
            ),
            ("duration", "0.0841".into(), " day".into())
        );
        let race = normalize_value(
            "2:01:09",
            &Context {
                expect: Some(ValueKind::Duration),
                ..Context::default()
            },
        );
        assert!(close(race.stated, (2.0 * 3600.0 + 69.0) / 86_400.0));
        assert_eq!(n("6-1/2").stated, Some(6.5));
        assert_eq!(
            one(
                "He held out for nearly 6-1/2 hours, police said.",
                None,
                "nearly 6-1/2 hours"
            )
            .0,
            "duration"
        );
        assert_eq!(n("1'000'000").stated, Some(1e6));
    }

    #[test]
    fn decimals_in_words_and_without_a_leading_zero() {
        assert_eq!(n("three point five million").stated, Some(3.5e6));
        assert!(close(n("one point two four").stated, 1.24));
        assert_eq!(n(".5").stated, Some(0.5));
        assert_eq!(
            one(
                "It cost three point five million dollars.",
                None,
                "three point five million dollars"
            ),
            ("money", "3500000".into(), " USD".into())
        );
        assert_eq!(one("Each costs $.75, it said.", None, "$.75").1, "0.75");
        // "three points" is a count of points, and "No.5" a name.
        assert_eq!(one("He scored three points.", None, "three").1, "3");
        assert!(
            found("It was No.5 on the list.", None)
                .iter()
                .all(|x| x.2 != "0.5")
        );
    }

    #[test]
    fn a_countrys_currency_by_its_adjective_or_unread() {
        for (s, span, cur) in [
            ("It costs 5 US dollars.", "5 US dollars", " USD"),
            (
                "Tickets are 15 Canadian dollars.",
                "15 Canadian dollars",
                " CAD",
            ),
            (
                "They raised 1.2 million Australian dollars.",
                "1.2 million Australian dollars",
                " AUD",
            ),
            (
                "He sold it for 100 British pounds.",
                "100 British pounds",
                " GBP",
            ),
            (
                "The loan was 5 million Swiss francs.",
                "5 million Swiss francs",
                " CHF",
            ),
        ] {
            assert_eq!(one(s, None, span).2, cur, "{s}");
        }
        // A country's name the reader does not pair with the word: unread, not a bare number.
        for (s, span) in [
            ("It cost 100 Zimbabwean dollars.", "100 Zimbabwean dollars"),
            ("It cost 5 New Zealand dollars.", "5 New Zealand dollars"),
            ("He paid 5 extra dollars.", "5 extra dollars"),
        ] {
            assert_eq!(one(s, None, span).0, "unparsed", "{s}");
        }
        let money = Context {
            expect: Some(ValueKind::Money),
            ..Context::default()
        };
        assert_eq!(
            normalize_value("15 Canadian dollars", &money).currency,
            Some("CAD")
        );
        assert_eq!(
            normalize_value("100 Zimbabwean dollars", &money).kind,
            AssertionKind::Unparsed
        );
    }

    #[test]
    fn a_unit_after_a_figure_is_the_rate_not_one_unit() {
        let f = found("Oil hit $100 a barrel and wages rose to £10 an hour.", None);
        let spans: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(spans, ["$100", "£10"]);
        assert_eq!(one("The well is a mile deep.", None, "a mile").2, " km");
    }
}
