//! Numbers, hedges, ranges, vague amounts, units and money, parsed from tokens.
//!
//! The policy table (README, "How values are read") is implemented by [`Hedge::interval`]
//! and [`vague`]; every interval carries the name of the rule that produced it.

use super::lexer::{Tok, Token};
use crate::model::{AssertionKind, Interval, fmt_num};

mod figure;
mod suffix;
mod words;

pub use figure::*;
use suffix::*;
pub use words::*;

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
    /// "ran 100m", "3m viewers": a glued "m" with no currency is metres or millions.
    MetreOrMillion,
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
            Ambiguity::MetreOrMillion => {
                "a glued \"m\" with no currency may be metres or millions, and nothing around it says which"
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
fn hedged_range(mut r: Amount, h: Hedge) -> Amount {
    let (Some(lo), Some(hi)) = (r.interval.low, r.interval.high) else {
        return r;
    };
    let open = |low: Option<f64>, li: bool, high: Option<f64>, hi_inc: bool| Interval {
        low,
        high,
        low_inclusive: li,
        high_inclusive: hi_inc,
    };
    // "an estimated 9-10 thousand", "about 80,000-100,000": the range already is the
    // estimate; widening it again would claim less than the source does.
    if h == Hedge::Approximate {
        r.rule = format!("approximate range, read as stated: {}", r.rule);
        return r;
    }
    r.interval = match h {
        Hedge::Exact | Hedge::Approximate => return r,
        Hedge::AtMost => open((hi > 0.0).then_some(0.0), true, Some(hi), true),
        Hedge::Under => open((hi > 0.0).then_some(0.0), true, Some(hi), false),
        Hedge::AtLeast => open(Some(lo), true, None, false),
        Hedge::Over => open(Some(lo), false, None, false),
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
    // "5- or 6-year", "two- to three-day": a suspended hyphen, the unit after the second
    // figure serving both.
    let join_at = if t
        .get(after_a)
        .is_some_and(|x| x.tok == Tok::Dash && !x.spaced)
        && t.get(after_a + 1)
            .is_some_and(|x| x.spaced && (x.is("or") || x.is("to")))
    {
        after_a + 1
    } else {
        after_a
    };
    if !a.ordinal
        && !fraction
        && let Some(j) = joiner(join_at)
    {
        let (cur_b, b_at) = pre_currency(t, join_at + 1);
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
                return Some(hedged_range(r, h));
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
    // "two more days", "350,000 more acres": "more" as "additional" leaves the unit the
    // figure's ("more than" is a hedge, read before the figure).
    if w(after_a) == Some("more")
        && w(after_a + 1) != Some("than")
        && post_unit(t, after_a + 1, opts).unit.is_some()
    {
        after_a += 1;
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
