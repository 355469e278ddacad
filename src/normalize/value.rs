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
        && t.get(i + 1).is_some()
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
        // The main figure's own rounding: half a percent either way.
        let main = Interval {
            low: a.interval.low.map(|l| l - l.abs() * 0.005),
            high: a.interval.high.map(|h| h + h.abs() * 0.005),
            ..a.interval
        };
        out.conversion = Some(Conversion {
            stated: text.get(s..e).unwrap_or("").to_string(),
            interval: iv,
            consistent: main.overlaps(&iv),
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
            let d = date::date(&t, i, ctx.reference, true);
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
            (Some(want), Some(got)) if want != got && !(want == "ordinal" || got == "ordinal") => {
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
                | "no"
                | "least"
                | "most"
                | "more"
                | "less"
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
        && matches!(
            t[start].word(),
            Some("one" | "a" | "an" | "half" | "zero" | "second")
        )
    {
        return false;
    }
    true
}

fn json_end(a: &Assertion, low: bool) -> serde_json::Value {
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
                let (s, e) = (t[i].start, t[end - 1].end);
                let (ss, se) = crate::text::sentence_bounds(text, s, e);
                out.push(Extracted::new(&text[s..e], s, e, &text[ss..se], a));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}
