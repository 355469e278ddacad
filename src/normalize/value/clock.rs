//! Times of day, clock durations and date-and-time stamps.

use super::*;

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
pub(super) fn may_start_word_time(text: &str, t: &[Token], i: usize) -> bool {
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
pub(super) fn word_time(
    text: &str,
    t: &[Token],
    i: usize,
    whole: bool,
) -> Option<(Assertion, usize)> {
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
pub(super) fn clock_duration(text: &str) -> Option<(f64, usize)> {
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
pub(super) fn iso_stamp(text: &str) -> Option<(Option<DateRange>, usize)> {
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
pub(super) fn time_zone(w: &str) -> bool {
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

/// The bytes "HHMM" and its marker take at the start of `text`: "hours" or "hrs", a time
/// zone ("GMT", "local time"), or a glued military "Z". `None` unless HH < 24 and MM < 60.
pub(super) fn four_digit_clock(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (h, m) = (
        text[..2].parse::<u32>().ok()?,
        text[2..4].parse::<u32>().ok()?,
    );
    if h >= 24 || m >= 60 {
        return None;
    }
    let ends_word = |k: usize| b.get(k).is_none_or(|c| !c.is_ascii_alphanumeric());
    if b[4] == b'Z' && ends_word(5) {
        return Some(5);
    }
    if b[4] != b' ' {
        return None;
    }
    let word_at = |k: usize| {
        let rest = text.get(k..).unwrap_or("");
        let n = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        &rest[..n]
    };
    let word = word_at(5);
    let lower = word.to_ascii_lowercase();
    if matches!(lower.as_str(), "hours" | "hrs") {
        return Some(5 + word.len());
    }
    if lower == "local" {
        let next = word_at(6 + word.len());
        if b.get(5 + word.len()) == Some(&b' ') && next.eq_ignore_ascii_case("time") {
            return Some(6 + word.len() + next.len());
        }
    }
    // Zones are written in capitals; "1100 est" is no zone.
    (word.len() >= 3 && word.bytes().all(|c| c.is_ascii_uppercase()) && time_zone(word))
        .then_some(5 + word.len())
}

/// [`time_prefix`]; `dot_ok` also takes "21.45" without a meridiem (a value known to be a
/// time; in prose it is more often a decimal).
pub(super) fn time_prefix_with(text: &str, dot_ok: bool) -> Option<(f64, &'static str, usize)> {
    let t = text;
    let lower = t.get(..9).unwrap_or(t).to_ascii_lowercase();
    if lower.starts_with("noon") {
        return Some((720.0, "time of day: noon", 4));
    }
    if lower.starts_with("midday") {
        return Some((720.0, "time of day: noon", 6));
    }
    // "1930 hours", "1100 GMT", "1400 local time", "0900Z": the 24-hour clock as armies,
    // police and wire services write it. Four digits alone are a count or a year; the marker
    // or zone after them is what makes them a time.
    if let Some(n) = four_digit_clock(t) {
        let (h, m) = (t[..2].parse::<u32>().ok()?, t[2..4].parse::<u32>().ok()?);
        return Some((f64::from(h * 60 + m), "time of day: 24-hour clock", n));
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
    // A lone "a" or "p" is a meridiem only after a clock's colon ("7:10p"): "5p" and "3.06p"
    // are pence.
    let meridiem = meridiem.filter(|&(_, k)| k > i + 1 || (minute.is_some() && !dot));
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
pub(super) fn stamp_date_part(text: &str, order: Option<DateOrder>) -> bool {
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
