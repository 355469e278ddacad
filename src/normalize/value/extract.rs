//! Every figure in an article: where it is, what it reads, and what settles an ambiguous one.

use super::*;

/// One figure found in an article: where it stands, in which sentence, and what it reads.
/// How it is shown (JSON, draft claims) is the report's business.
#[derive(Debug, Clone)]
pub struct Found {
    /// The figure's bytes in the article.
    pub start: usize,
    pub end: usize,
    /// Its sentence's bytes in the article.
    pub sentence: std::ops::Range<usize>,
    pub assertion: Assertion,
    /// A property of the dossier that words near the figure name ("killed" for the death
    /// toll), as a suggestion for a draft claim.
    pub property: Option<String>,
}

impl Found {
    /// The figure as written.
    pub fn text<'a>(&self, article: &'a str) -> &'a str {
        &article[self.start..self.end]
    }

    /// The sentence that holds it.
    pub fn sentence<'a>(&self, article: &'a str) -> &'a str {
        &article[self.sentence.clone()]
    }
}

pub(super) fn can_start(t: &[Token], i: usize) -> bool {
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

pub(super) fn digit_separator(x: &Token) -> bool {
    x.tok == Tok::Dash || matches!(x.tok, Tok::Punct(b'.' | b',' | b'/' | b':'))
}

/// Whether the token before `i` continues a run of digits glued to it.
pub(super) fn glued_to_digits_before(t: &[Token], i: usize) -> bool {
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
pub(super) fn glued_to_digits_after(t: &[Token], end: usize) -> bool {
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
pub(super) fn kind_fits(found: &str, kind: ValueKind) -> bool {
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
pub fn suggest_properties(
    article: &str,
    found: &mut [Found],
    properties: &[crate::model::PropertyDef],
) {
    let names: Vec<(Vec<String>, &crate::model::PropertyDef)> = properties
        .iter()
        .flat_map(|p| {
            std::iter::once(p.name.as_str())
                .chain(std::iter::once(p.id.as_str()))
                .chain(p.aliases.iter().map(String::as_str))
                .map(move |n| {
                    let words: Vec<String> = crate::normalize::vocab::key(&n.replace('-', " "))
                        .split_whitespace()
                        .map(str::to_string)
                        .collect();
                    (words, p)
                })
        })
        .filter(|(w, _)| !w.is_empty())
        .collect();
    for e in found.iter_mut() {
        let sentence = e.sentence(article);
        let offset = e.start - e.sentence.start;
        let before: Vec<String> = crate::normalize::vocab::key(&sentence[..offset])
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let after: Vec<String> =
            crate::normalize::vocab::key(&sentence[offset + (e.end - e.start)..])
                .split_whitespace()
                .map(str::to_string)
                .collect();
        // Words by distance from the figure: (distance, word index in the side, side).
        let mut best: Option<(usize, &crate::model::PropertyDef)> = None;
        for (words, p) in &names {
            if !kind_fits(e.assertion.kind.name(), p.kind) {
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
pub(super) fn worth_it(t: &[Token], start: usize, end: usize, a: &Assertion) -> bool {
    if end == start + 1
        && a.kind == AssertionKind::Number
        && matches!(t[start].word(), Some("one" | "a" | "an" | "half" | "zero"))
    {
        return false;
    }
    true
}

/// Finds every number, range, amount of money, quantity, duration and date in `text`.
/// Relative dates are resolved against `published` when given.
pub fn extract(text: &str, published: Option<DateRange>) -> Vec<Found> {
    readings(text, published)
        .into_iter()
        .map(|(start, end, assertion)| {
            let (ss, se) = crate::text::sentence_bounds(text, start, end);
            Found {
                start,
                end,
                sentence: ss..se,
                assertion,
                property: None,
            }
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
        ahead: false,
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
                Some("first" | "second" | "third" | "fourth" | "final" | "last")
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
        // "by 2330 hrs", "since 0600 GMT": the word leads a time of day, not a year; the time
        // is read from its digits next.
        if t[i].word().is_some()
            && t.get(i + 1).is_some_and(|x| {
                matches!(x.tok, Tok::Num { int_digits: 4, .. })
                    && four_digit_clock(&text[x.start..]).is_some()
            })
        {
            i += 1;
            continue;
        }
        let year_like = matches!(t[i].tok, Tok::Num { int_digits: 4, grouped: false, ordinal: false, value, .. } if (1000.0..=2999.0).contains(&value));
        let mut d = date::date(&t, i, reference, year_like, None);
        // A day or month without a year in a sentence that looks ahead ("will tour from
        // Oct. 4") is the next one, not the nearest.
        if d.as_ref().is_some_and(|d| d.yearless) && future_before(text, &t, i) {
            let ahead = reference.map(|r| Reference { ahead: true, ..r });
            d = date::date(&t, i, ahead, year_like, None);
        }
        let a = amount::amount(&t, i, o).map(|a| prose_amount(text, &t, i, a, o));
        // "in the five months before", "the three weeks after": with a determiner the
        // figure names a stretch of time, not the day that far from the reference.
        let stretch = i > 0
            && [
                "the",
                "those",
                "these",
                "its",
                "their",
                "past",
                "previous",
                "preceding",
            ]
            .iter()
            .any(|w| t[i - 1].is(w))
            && a.as_ref()
                .is_some_and(|a| a.kind == AssertionKind::Duration);
        let d = d.filter(|_| !stretch);
        let found = match (d, a) {
            (Some(d), Some(a)) if a.end > d.end => Some((from_amount(&a, text), a.end)),
            (Some(d), _) => Some((from_date(&d), d.end)),
            (None, Some(a)) => Some((from_amount(&a, text), a.end)),
            (None, None) => None,
        };
        // "does not exceed 10,000", "never topped 40": a denied excess is an upper bound.
        let found = found.map(|(mut a, end)| {
            let denied = i > 0
                && t[i].is("exceeded")
                && ["not", "never", "n't", "n\u{2019}t"]
                    .iter()
                    .any(|n| text[t[i - 1].start..t[i - 1].end].eq_ignore_ascii_case(n));
            if denied
                && let Some(iv) = a.interval
                && iv.high.is_none()
                && let Some(x) = iv.low
            {
                a.interval = Some(Interval {
                    low: (x > 0.0).then_some(0.0),
                    high: Some(x),
                    low_inclusive: true,
                    high_inclusive: true,
                });
                a.rule = "a denied excess (\"does not exceed X\"): at most X".into();
            }
            (a, end)
        });
        match found {
            // "Order No. 12-0529", "case 07-1123": a zero-padded number glued into a dash
            // run is a reference number, not a range or a quantity.
            Some((ref a, end))
                if a.kind != AssertionKind::Date
                    && (i..end).any(|k| {
                        matches!(t[k].tok, Tok::Num { .. })
                            && ((k > i && !t[k].spaced) || t.get(k + 1).is_some_and(|n| !n.spaced))
                            && zero_padded(&text[t[k].start..t[k].end])
                    }) =>
            {
                let mut k = i + 1;
                while k < t.len() && !t[k].spaced {
                    k += 1;
                }
                i = k;
            }
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
    carry_hedges_into_restatements(text, &t, &mut out, o);
    out
}

/// "within 100 km (62 miles)", "gusts above 125 km/h (77 mph)": a figure in brackets right
/// after a hedged one restates it in other units, hedge and all, so it is read with the same
/// hedge words in front of it. Only where the restatement has no hedge of its own and reads
/// as a quantity in the same canonical unit.
pub(super) fn carry_hedges_into_restatements(
    text: &str,
    t: &[Token],
    out: &mut [(usize, usize, Assertion)],
    o: AmountOptions,
) {
    for k in 1..out.len() {
        let (s0, e0) = (out[k - 1].0, out[k - 1].1);
        let (s1, e1) = (out[k].0, out[k].1);
        if text[e0..s1].trim() != "(" || !text[e1..].trim_start().starts_with(')') {
            continue;
        }
        let (a0, a1) = (&out[k - 1].2, &out[k].2);
        // Money in another currency is a conversion at some rate, rounded by the publisher:
        // its figure is stated as it stands.
        let same_thing = a0.kind == a1.kind && a0.unit.is_some() && a0.unit == a1.unit;
        if !same_thing {
            continue;
        }
        let i0 = t.partition_point(|x| x.start < s0);
        let i1 = t.partition_point(|x| x.start < s1);
        let (h, at) = amount::verb_hedge(t, i0);
        if h == amount::Hedge::Exact
            || t.get(at).is_none_or(|x| x.start >= e0)
            || amount::verb_hedge(t, i1).0 != amount::Hedge::Exact
        {
            continue;
        }
        let phrase = format!("{}{}", &text[s0..t[at].start], &text[s1..e1]);
        let pt = lex(&phrase);
        if let Some(a) = amount::amount(&pt, 0, o).filter(|a| a.end == pt.len()) {
            let mut b = from_amount(&a, &phrase);
            if b.kind == a1.kind && b.unit == a1.unit {
                b.rule = format!("{}, carried from the figure it restates", b.rule);
                out[k].2 = b;
            }
        }
    }
}

/// "0529", "07": digits with a leading zero, as codes and clocks write them, never a
/// quantity ("0.5" is a decimal).
pub(super) fn zero_padded(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() >= 2 && b[0] == b'0' && b[1].is_ascii_digit()
}

/// The words a reporter uses for a time ahead: "will", "is expected to", "is due to".
pub(super) fn future_before(text: &str, t: &[Token], i: usize) -> bool {
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
pub(super) fn change_before(t: &[Token], i: usize) -> bool {
    let moved = |k: usize| t.get(k).is_some_and(|x| x.is("moved"));
    (i >= 1 && moved(i - 1))
        || (i >= 2 && t[i - 1].word().is_some_and(|w| matches!(w, "by" | "from")) && moved(i - 2))
}

/// "seven cities over 17 days", "12 concerts over three nights": "over" after a counted
/// noun spreads the count over the period that follows. `prev_end` is where the last figure
/// read ends.
pub(super) fn spread_over(t: &[Token], i: usize, prev_end: Option<usize>) -> bool {
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
pub(super) fn prose_amount(
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
    // In running text a glued "m" without a currency ("ran 100m", "3m viewers") is read
    // as millions by the figure reader; the sentence decides (see `settle`).
    if a.ambiguous.is_none()
        && a.currency.is_none()
        && a.unit.is_none()
        && (i..a.end).any(|k| {
            matches!(t[k].tok, Tok::Num { .. })
                && t.get(k + 1).is_some_and(|m| !m.spaced && m.is("m"))
        })
    {
        a.ambiguous = Some(amount::Ambiguity::MetreOrMillion);
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
pub(super) fn settle(
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
        Ambiguity::MetreOrMillion => {
            // Words of length or movement say metres; money, a currency or what a count
            // counts ("3m viewers") say millions; both or neither, nothing.
            let mut length = false;
            let mut million = false;
            for (k, x) in t.iter().enumerate().take(last).skip(first) {
                if (i..end).contains(&k) {
                    continue;
                }
                match x.tok {
                    Tok::Currency(_) => million = true,
                    Tok::Word(_) => {
                        let w = raw(k);
                        length |= length_word(&w);
                        million |= money_word(&w) || crate::normalize::units::count_noun(&w);
                    }
                    _ => {}
                }
            }
            // What the figure counts, right after it, says most.
            // ("4m viewers", "2m homes": a plural noun; "the 200m freestyle" is singular).
            let counted = t.get(end).is_some_and(|x| {
                let w = raw(end);
                x.spaced
                    && matches!(x.tok, Tok::Word(_))
                    && (crate::normalize::units::count_noun(&w)
                        || (w.len() > 3
                            && w.ends_with('s')
                            && !w.ends_with("ss")
                            && !length_word(&w)))
            });
            match (counted, length, million) {
                (true, _, _) | (false, false, true) => {}
                (false, true, false) => o.m_is_metre = true,
                _ => return None,
            }
        }
        Ambiguity::Contradiction | Ambiguity::ChangeOrRange | Ambiguity::UnknownCurrency => {
            return None;
        }
    }
    amount::amount(t, i, o)
}

/// Words that say a sentence's glued "m" is metres: length, height, depth, distance and the
/// sports measured in metres.
pub(super) fn length_word(w: &str) -> bool {
    matches!(
        w,
        "tall"
            | "high"
            | "height"
            | "deep"
            | "depth"
            | "wide"
            | "width"
            | "long"
            | "length"
            | "distance"
            | "away"
            | "run"
            | "ran"
            | "running"
            | "race"
            | "sprint"
            | "sprinter"
            | "hurdles"
            | "relay"
            | "freestyle"
            | "backstroke"
            | "breaststroke"
            | "butterfly"
            | "swim"
            | "swam"
            | "jump"
            | "jumped"
            | "throw"
            | "threw"
            | "altitude"
            | "elevation"
            | "metres"
            | "meters"
    )
}

/// Words that say a sentence's "pounds" are a weight.
pub(super) fn mass_word(w: &str) -> bool {
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
pub(super) fn money_word(w: &str) -> bool {
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
pub(super) fn money_noun(w: &str) -> bool {
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
pub(super) fn unknown_unit_after(
    text: &str,
    t: &[Token],
    end: usize,
) -> Option<(usize, usize, String)> {
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
pub(super) fn garbled_before(
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
