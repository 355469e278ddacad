//! The entry points: what one value string means ([`normalize_value`]), and every
//! quantity, amount, duration and date in an article ([`extract`]).

use super::amount::{self, AmountOptions};
use super::date::{self, Reference};
use super::lexer::{Tok, Token, lex};
use crate::model::{Assertion, AssertionKind, Conversion, DateRange, Interval, ValueKind};
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
}

fn opts(ctx: &Context) -> AmountOptions {
    AmountOptions {
        margin: ctx.margin.unwrap_or(amount::DEFAULT_MARGIN),
        m_is_metre: matches!(ctx.unit, Some("km" | "m" | "metre" | "metres")),
    }
}

/// Words that may precede a value without changing it ("on January 3", "in 2022").
fn skip_filler(t: &[Token], mut i: usize) -> usize {
    while t
        .get(i)
        .is_some_and(|x| matches!(x.word(), Some("on" | "in" | "the" | "by" | "of")))
        && t.get(i + 1).is_some_and(|x| !x.is("excess"))
    {
        i += 1;
    }
    i
}

fn from_amount(a: &amount::Amount, text: &str) -> Assertion {
    let mut out = Assertion::of_kind(a.kind, a.rule.clone());
    out.interval = Some(a.interval);
    out.stated = Some(a.stated);
    out.unit = a.unit;
    out.currency = a.currency;
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
    out
}

/// Reads one value as a claim states it.
///
/// Entity values are resolved by the caller against the vocabulary; this handles numbers,
/// amounts, durations, dates and text.
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
        Some(ValueKind::Time) => match time_of_day(text) {
            Some((minutes, rule)) => {
                let mut out = Assertion::of_kind(AssertionKind::Time, rule);
                out.interval = Some(Interval::point(minutes));
                out.stated = Some(minutes);
                out.unit = Some("minute");
                out
            }
            None => Assertion::unparsed(format!(
                "\"{text}\" is not a time of day corroborate can read"
            )),
        },
        Some(ValueKind::Date) => match date::date(&t, i, ctx.reference, true) {
            Some(d) => from_date(&d),
            None => Assertion::unparsed(format!("\"{text}\" is not a date corroborate can read")),
        },
        Some(kind @ (ValueKind::Quantity | ValueKind::Money | ValueKind::Duration)) => {
            match amount::amount(&t, i, o) {
                Some(a) => {
                    let mut out = from_amount(&a, text);
                    check_kind(&mut out, kind, ctx.unit);
                    out
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
            let d = date::date(&t, i, ctx.reference, plausible_year);
            let a = amount::amount(&t, i, o);
            match (d, a) {
                (Some(d), Some(a)) if a.end > d.end => from_amount(&a, text),
                (Some(d), _) => from_date(&d),
                (None, Some(a)) => from_amount(&a, text),
                (None, None) => text_assertion(text),
            }
        }
    }
}

/// A time of day in minutes after midnight: "7:10 a.m.", "7:10am", "7:10 PM", "19:10",
/// "7 a.m.", "noon", "midnight", and the flight-board form "7:10aDec 1" (the date is ignored).
pub fn time_of_day(text: &str) -> Option<(f64, &'static str)> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("noon") {
        return Some((720.0, "time of day: noon"));
    }
    if lower.starts_with("midnight") {
        return Some((0.0, "time of day: midnight"));
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
    let mut minute = 0;
    if i < b.len() && (b[i] == b':' || b[i] == b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        i += 1;
        let start = i;
        minute = digits(&mut i)?;
        if i - start != 2 {
            return None;
        }
    }
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    let meridiem = match b.get(i).map(u8::to_ascii_lowercase) {
        Some(c @ (b'a' | b'p')) => {
            // "a", "am", "a.m." — but not the start of an ordinary word ("at", "past").
            let next = b.get(i + 1).copied();
            let ok = match next {
                None => true,
                Some(n) if n == b'.' || n.eq_ignore_ascii_case(&b'm') => true,
                Some(n) => !n.is_ascii_lowercase(),
            };
            ok.then_some(c)
        }
        _ => None,
    };
    let hour = match meridiem {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(b'a') => hour % 12,
        Some(_) => hour % 12 + 12,
        None if hour <= 24 && (i > 1 || minute > 0) => hour % 24,
        None => return None,
    };
    if minute >= 60 {
        return None;
    }
    Some((
        f64::from(hour * 60 + minute),
        "time of day: minutes after midnight",
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

/// Flags a value whose dimension does not fit the property (a duration for a distance).
fn check_kind(out: &mut Assertion, kind: ValueKind, unit: Option<&str>) {
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
                    && !matches!(super::declared::read(want), Some(super::declared::Declared::Unit(u)) if u.canonical == got) =>
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
        }
    }
}

fn can_start(tok: &Token) -> bool {
    match tok.tok {
        Tok::Num { .. } | Tok::Currency(_) => true,
        Tok::Word(Some(w)) => !matches!(
            w,
            "and"
                | "or"
                | "of"
                | "to"
                | "the"
                | "in"
                | "on"
                | "by"
                | "than"
                | "as"
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
        ),
        _ => false,
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
    let o = AmountOptions::default();
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if !can_start(&t[i]) {
            i += 1;
            continue;
        }
        let year_like = matches!(t[i].tok, Tok::Num { int_digits: 4, grouped: false, ordinal: false, value, .. } if (1000.0..=2999.0).contains(&value));
        let d = date::date(&t, i, reference, year_like);
        let a = amount::amount(&t, i, o);
        let found = match (d, a) {
            (Some(d), Some(a)) if a.end > d.end => Some((from_amount(&a, text), a.end)),
            (Some(d), _) => Some((from_date(&d), d.end)),
            (None, Some(a)) => Some((from_amount(&a, text), a.end)),
            (None, None) => None,
        };
        match found {
            Some((a, end)) if end > i && worth_it(&t, i, end, &a) => {
                out.push((t[i].start, t[end - 1].end, a));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Precision};

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
        assert_eq!(n("7 billion pounds").currency, Some("GBP"));
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
        assert_eq!(dr("early 2022", None).0, "2022-01-01..2022-05-01");
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
        assert_eq!(
            dr("two weeks ago", Some("2024-09-15")).1,
            Some(Precision::Week)
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
}
