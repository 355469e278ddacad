//! Dates as news text writes them, as the interval of days they cover.
//!
//! Relative dates ("last month", "Tuesday", "several months ago", "October") are resolved
//! against a reference: the source's publication date, or the claim's `as_of`. The reference
//! may itself be coarse ("published in 2025"): then the expression is resolved against both
//! ends of it and the result covers every day it could mean.

use super::amount::{figure, vague};
use super::lexer::{Tok, Token};
use crate::model::{Date, DateRange, Precision, days_in_month};

/// A parsed date expression.
#[derive(Debug, Clone, PartialEq)]
pub struct DateParse {
    pub range: Option<DateRange>,
    pub rule: String,
    pub unresolved: Option<String>,
    /// The date names a weekday it did not fall on; `unresolved` says which.
    pub wrong_weekday: bool,
    pub end: usize,
}

fn month_of(w: &str) -> Option<u8> {
    Some(match w {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => return None,
    })
}

fn weekday_of(w: &str) -> Option<u8> {
    Some(match w {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A plain integer token (no decimals, no separators) and its digit count.
fn int_at(t: &[Token], i: usize) -> Option<(i64, u8, bool)> {
    match t.get(i)?.tok {
        Tok::Num {
            value,
            int_digits,
            grouped: false,
            ordinal,
            ..
        } if value.fract() == 0.0 && value >= 0.0 => Some((value as i64, int_digits, ordinal)),
        _ => None,
    }
}

fn year_at(t: &[Token], i: usize) -> Option<i32> {
    match int_at(t, i)? {
        (y, 4, false) if (1000..=2999).contains(&y) => i32::try_from(y).ok(),
        _ => None,
    }
}

fn day_at(t: &[Token], i: usize) -> Option<(u8, usize)> {
    let (d, digits, _) = int_at(t, i)?;
    if digits <= 2 && (1..=31).contains(&d) {
        let mut j = i + 1;
        // "3 rd" with a space is rare; the lexer glues "3rd".
        if t.get(j).is_some_and(|x| x.is("ordinal-suffix")) {
            j += 1;
        }
        return Some((u8::try_from(d).ok()?, j));
    }
    None
}

fn add_months(year: i32, month: u8, delta: i64) -> (i32, u8) {
    let m0 = i64::from(year) * 12 + i64::from(month) - 1 + delta;
    (
        i32::try_from(m0.div_euclid(12)).unwrap_or(year),
        u8::try_from(m0.rem_euclid(12) + 1).unwrap_or(1),
    )
}

fn month_range(year: i32, month: u8) -> Option<DateRange> {
    DateRange::month(year, month)
}

/// Covers both ranges (and everything between).
pub fn hull(a: DateRange, b: DateRange) -> DateRange {
    let first = match (a.first, b.first) {
        (Some(x), Some(y)) => Some(x.min(y)),
        _ => None,
    };
    let last = match (a.last, b.last) {
        (Some(x), Some(y)) => Some(x.max(y)),
        _ => None,
    };
    DateRange {
        first,
        last,
        precision: a.precision.max(b.precision),
    }
}

/// The reference a relative date is resolved against.
#[derive(Debug, Clone, Copy)]
pub struct Reference {
    pub range: DateRange,
    pub label: &'static str,
}

/// Resolves a relative expression at both ends of the reference and covers both results.
fn relative(
    reference: Option<Reference>,
    what: &str,
    f: impl Fn(Date) -> Option<DateRange>,
) -> Result<(DateRange, String), String> {
    let Some(r) = reference else {
        return Err(format!(
            "\"{what}\" is relative, and neither the source's publication date nor the claim's as_of is known"
        ));
    };
    let (Some(a), Some(b)) = (r.range.first, r.range.last) else {
        return Err(format!(
            "\"{what}\" is relative to an open-ended {}",
            r.label
        ));
    };
    let ra = f(a).ok_or_else(|| format!("\"{what}\" cannot be resolved from {a}"))?;
    let rb = f(b).ok_or_else(|| format!("\"{what}\" cannot be resolved from {b}"))?;
    let note = if a == b {
        format!("relative to the {} {a}", r.label)
    } else {
        format!(
            "relative to the {} ({}), so it covers every day it could mean",
            r.label, r.range
        )
    };
    Ok((hull(ra, rb), note))
}

fn ok(range: DateRange, rule: impl Into<String>, end: usize) -> Option<DateParse> {
    Some(DateParse {
        range: Some(range),
        rule: rule.into(),
        unresolved: None,
        wrong_weekday: false,
        end,
    })
}

fn unresolved(why: String, rule: impl Into<String>, end: usize) -> Option<DateParse> {
    Some(DateParse {
        range: None,
        rule: rule.into(),
        unresolved: Some(why),
        wrong_weekday: false,
        end,
    })
}

fn rel(
    reference: Option<Reference>,
    what: &str,
    end: usize,
    f: impl Fn(Date) -> Option<DateRange>,
) -> Option<DateParse> {
    match relative(reference, what, f) {
        Ok((r, note)) => ok(r, format!("relative date \"{what}\", {note}"), end),
        Err(why) => unresolved(why, format!("relative date \"{what}\""), end),
    }
}

/// Part of a period: "early" = first third, "mid" = middle third, "late" = last third.
fn part_of(range: DateRange, part: &str) -> DateRange {
    let (Some(a), Some(b)) = (range.first, range.last) else {
        return range;
    };
    let (a, b) = (a.to_days(), b.to_days());
    let len = b - a + 1;
    let (s, e) = match part {
        "early" | "beginning" => (a, a + len / 3 - 1),
        "mid" => (a + len / 3, b - len / 3),
        _ => (b - len / 3 + 1, b),
    };
    DateRange::span(
        Date::from_days(s),
        Date::from_days(e),
        Precision::PartOfPeriod,
    )
}

/// Parses a date expression at `i`. `year_alone` accepts a bare four-digit year.
pub fn date(
    t: &[Token],
    i: usize,
    reference: Option<Reference>,
    year_alone: bool,
) -> Option<DateParse> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let skip_comma = |k: usize| {
        if t.get(k).is_some_and(|x| x.is_punct(b',')) {
            k + 1
        } else {
            k
        }
    };

    // Open-ended: "since 2020", "before March 2022", "after 3 January".
    if let Some(edge @ ("since" | "before" | "after" | "until")) = w(i)
        && let Some(inner) = date(t, i + 1, reference, true)
        && let Some(r) = inner.range
    {
        let range = match edge {
            "since" | "after" => DateRange {
                first: if edge == "after" {
                    r.last.map(|d| Date::from_days(d.to_days() + 1))
                } else {
                    r.first
                },
                last: None,
                precision: Precision::Unbounded,
            },
            _ => DateRange {
                first: None,
                last: if edge == "before" {
                    r.first.map(|d| Date::from_days(d.to_days() - 1))
                } else {
                    r.last
                },
                precision: Precision::Unbounded,
            },
        };
        return ok(
            range,
            format!("open-ended: \"{edge}\" {}", inner.rule),
            inner.end,
        );
    }

    // Year ranges: "between 2011 and 2017", "from 2011 to 2017", "2011-2017".
    let year_range = |a_at: usize, joiner_ok: &dyn Fn(usize) -> bool| -> Option<DateParse> {
        let y1 = year_at(t, a_at)?;
        if !joiner_ok(a_at + 1) {
            return None;
        }
        let y2 = year_at(t, a_at + 2).or_else(|| {
            // "2011-17"
            let (v, digits, _) = int_at(t, a_at + 2)?;
            (digits == 2).then(|| y1 - y1 % 100 + i32::try_from(v).unwrap_or(0))
        })?;
        if y2 < y1 {
            return None;
        }
        let r = DateRange::span(
            Date::new(y1, 1, 1)?,
            Date::new(y2, 12, 31)?,
            Precision::Year,
        );
        ok(r, format!("year range {y1}-{y2}"), a_at + 3)
    };
    match w(i) {
        Some("between") => {
            if let Some(p) = year_range(i + 1, &|k| t.get(k).is_some_and(|x| x.is("and"))) {
                return Some(p);
            }
        }
        Some("from") => {
            if let Some(p) = year_range(i + 1, &|k| {
                t.get(k).is_some_and(|x| x.is("to") || x.tok == Tok::Dash)
            }) {
                return Some(p);
            }
        }
        _ => {}
    }
    if let Some(p) = year_range(i, &|k| {
        t.get(k).is_some_and(|x| x.tok == Tok::Dash && !x.spaced)
    }) {
        return Some(p);
    }

    // ISO 8601: 2024-01-03
    if let (Some(y), Some(d1), Some(d2)) = (year_at(t, i), t.get(i + 1), t.get(i + 3))
        && d1.tok == Tok::Dash
        && !d1.spaced
        && d2.tok == Tok::Dash
        && let (Some((m, 2, _)), Some((d, 2, _))) = (int_at(t, i + 2), int_at(t, i + 4))
    {
        return match Date::new(
            y,
            u8::try_from(m).unwrap_or(0),
            u8::try_from(d).unwrap_or(0),
        ) {
            Some(date) => ok(DateRange::day(date), "ISO date", i + 5),
            None => unresolved(
                format!("{y}-{m:02}-{d:02} is not a real date"),
                "ISO date",
                i + 5,
            ),
        };
    }

    // Decades: "the 1990s"
    if let Some((v, 4, false)) = int_at(t, i)
        && v % 10 == 0
        && t.get(i + 1).is_some_and(|x| x.is("s") && !x.spaced)
    {
        let y = i32::try_from(v).ok()?;
        let r = DateRange::span(
            Date::new(y, 1, 1)?,
            Date::new(y + 9, 12, 31)?,
            Precision::Decade,
        );
        return ok(r, "decade", i + 2);
    }

    // Quarters: "Q1 2024", "the first quarter of 2024"
    let quarter = match (w(i), w(i + 1), w(i + 2)) {
        (Some("q"), _, _) => match int_at(t, i + 1) {
            Some((q @ 1..=4, 1, false)) if !t[i + 1].spaced => {
                Some((u8::try_from(q).unwrap_or(1), i + 2))
            }
            _ => None,
        },
        (Some(o @ ("first" | "second" | "third" | "fourth")), Some("quarter"), Some("of")) => {
            Some((
                match o {
                    "first" => 1,
                    "second" => 2,
                    "third" => 3,
                    _ => 4,
                },
                i + 3,
            ))
        }
        _ => None,
    };
    if let Some((q, at)) = quarter
        && let Some(y) = year_at(t, at)
    {
        let m1 = (q - 1) * 3 + 1;
        let r = DateRange::span(
            Date::new(y, m1, 1)?,
            Date::new(y, m1 + 2, days_in_month(y, m1 + 2))?,
            Precision::Quarter,
        );
        return ok(r, format!("quarter Q{q} {y}"), at + 1);
    }

    // "early 2022", "mid-October", "late last year"
    if let Some(part @ ("early" | "mid" | "late" | "beginning" | "end")) = w(i) {
        let mut k = i + 1;
        if t.get(k).is_some_and(|x| x.tok == Tok::Dash) || w(k) == Some("of") {
            k += 1;
        }
        if w(k) == Some("the") {
            k += 1;
        }
        if let Some(inner) = date(t, k, reference, true)
            && let Some(r) = inner.range
            && matches!(
                r.precision,
                Precision::Year | Precision::Month | Precision::Decade
            )
        {
            let part = if part == "end" { "late" } else { part };
            return ok(
                part_of(r, part),
                format!("{part} part of {}", inner.rule),
                inner.end,
            );
        }
    }

    // Relative words.
    match (w(i), w(i + 1)) {
        (Some("yesterday"), _) => {
            return rel(reference, "yesterday", i + 1, |d| {
                Some(DateRange::day(Date::from_days(d.to_days() - 1)))
            });
        }
        (Some("today"), _) => return rel(reference, "today", i + 1, |d| Some(DateRange::day(d))),
        (Some("tomorrow"), _) => {
            return rel(reference, "tomorrow", i + 1, |d| {
                Some(DateRange::day(Date::from_days(d.to_days() + 1)))
            });
        }
        (Some(dir @ ("last" | "this" | "next")), Some(unit @ ("week" | "month" | "year"))) => {
            let delta: i64 = match dir {
                "last" => -1,
                "this" => 0,
                _ => 1,
            };
            let what = format!("{dir} {unit}");
            return rel(reference, &what, i + 2, move |d| match unit {
                "week" => {
                    let monday = d.to_days() - i64::from(d.weekday()) + 7 * delta;
                    Some(DateRange::span(
                        Date::from_days(monday),
                        Date::from_days(monday + 6),
                        Precision::Week,
                    ))
                }
                "month" => {
                    let (y, m) = add_months(d.year, d.month, delta);
                    month_range(y, m)
                }
                _ => DateRange::year(d.year + i32::try_from(delta).unwrap_or(0)),
            });
        }
        (Some(dir @ ("earlier" | "later")), Some("this"))
            if matches!(w(i + 2), Some("year" | "month")) =>
        {
            let unit = w(i + 2).unwrap_or("year");
            let what = format!("{dir} this {unit}");
            return rel(reference, &what, i + 3, move |d| {
                let period = if unit == "year" {
                    DateRange::year(d.year)?
                } else {
                    month_range(d.year, d.month)?
                };
                Some(if dir == "earlier" {
                    DateRange::span(period.first?, d, Precision::PartOfPeriod)
                } else {
                    DateRange::span(d, period.last?, Precision::PartOfPeriod)
                })
            });
        }
        (Some(dir @ ("last" | "this" | "next")), Some(m))
            if month_of(m).is_some()
                && !(matches!(m, "may" | "march") && t.get(i + 1).is_some_and(|x| !x.capital)) =>
        {
            let month = month_of(m)?;
            let what = format!("{dir} {m}");
            return rel(reference, &what, i + 2, move |d| {
                let y = match dir {
                    "last" if month >= d.month => d.year - 1,
                    "next" if month <= d.month => d.year + 1,
                    _ => d.year,
                };
                month_range(y, month)
            });
        }
        (Some(dir @ ("last" | "this" | "next")), Some(wd)) if weekday_of(wd).is_some() => {
            let target = weekday_of(wd)?;
            return weekday(reference, &format!("{dir} {wd}"), target, dir, i + 2);
        }
        _ => {}
    }

    // "N units ago", "several months ago", "a year ago"
    if let Some(p) = ago(t, i, reference) {
        return Some(p);
    }

    // Weekday-led forms: "Tuesday", "Thursday, Jan. 4, 2024", "Tuesday, 3rd"
    let mut k = i;
    let mut wday = None;
    if let Some(wd) = w(k).and_then(weekday_of) {
        wday = Some(wd);
        k = skip_comma(k + 1);
        if w(k) == Some("the") {
            k += 1;
        }
    }

    // "3 January 2024", "3rd of January", "4 Jan."
    if let Some((d, after_d)) = day_at(t, k) {
        let mut m_at = after_d;
        if w(m_at) == Some("of") {
            m_at += 1;
        }
        if let Some(m) = w(m_at).and_then(month_of) {
            let y_at = skip_comma(m_at + 1);
            return finish_dmy(
                t,
                i,
                d,
                m,
                year_at(t, y_at).map(|y| (y, y_at + 1)),
                m_at + 1,
                wday,
                reference,
            );
        }
        if let Some(wd) = wday {
            // "Tuesday, 3rd": find when the 3rd fell on a Tuesday near the reference.
            return weekday_day(reference, wd, d, after_d);
        }
    }

    // "January 3, 2024", "Jan. 4", "February 2022", "October", "March of this year"
    if let Some(m) = w(k).and_then(month_of) {
        let mname = w(k).unwrap_or("");
        // "May" and "March" are also words; only read them as months next to a date part.
        let ambiguous =
            matches!(mname, "may" | "march") && t.get(k).is_some_and(|x| x.end - x.start <= 5);
        if let Some((d, after_d)) = day_at(t, k + 1).filter(|_| !ambiguous || t[k].capital) {
            let y_at = skip_comma(after_d);
            return finish_dmy(
                t,
                i,
                d,
                m,
                year_at(t, y_at).map(|y| (y, y_at + 1)),
                after_d,
                wday,
                reference,
            );
        }
        let y_at = skip_comma(k + 1);
        if let Some(y) = year_at(t, y_at).filter(|_| !ambiguous || t[k].capital) {
            return ok(month_range(y, m)?, "month and year", y_at + 1);
        }
        if w(k + 1) == Some("of")
            && matches!(w(k + 2), Some("this" | "last" | "next"))
            && w(k + 3) == Some("year")
        {
            let dir = w(k + 2).unwrap_or("this");
            let delta = match dir {
                "last" => -1,
                "this" => 0,
                _ => 1,
            };
            let what = format!("{mname} of {dir} year");
            return rel(reference, &what, k + 4, move |d| {
                month_range(d.year + delta, m)
            });
        }
        if ambiguous && wday.is_none() {
            return None;
        }
        let what = mname.to_string();
        return match relative(reference, &what, |d| month_range(d.year, m)) {
            Ok((r, note)) => ok(
                r,
                format!("month without a year, taken in the reference year ({note})"),
                k + 1,
            ),
            Err(why) => unresolved(why, "month without a year", k + 1),
        };
    }

    if let Some(wd) = wday {
        return weekday(reference, WEEKDAYS[wd as usize], wd, "", k);
    }

    if year_alone && let Some(y) = year_at(t, i) {
        return ok(DateRange::year(y)?, "year", i + 1);
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn finish_dmy(
    _t: &[Token],
    _i: usize,
    d: u8,
    m: u8,
    year: Option<(i32, usize)>,
    end_without_year: usize,
    wday: Option<u8>,
    reference: Option<Reference>,
) -> Option<DateParse> {
    let check_weekday = |date: Date| -> Option<String> {
        let wd = wday?;
        (date.weekday() != wd).then(|| {
            format!(
                "{date} was a {}, not a {}",
                WEEKDAYS[date.weekday() as usize],
                WEEKDAYS[wd as usize]
            )
        })
    };
    if let Some((y, end)) = year {
        return match Date::new(y, m, d) {
            Some(date) => {
                let mut p = ok(DateRange::day(date), "day, month and year", end)?;
                p.unresolved = check_weekday(date);
                p.wrong_weekday = p.unresolved.is_some();
                Some(p)
            }
            None => unresolved(
                format!("{y}-{m:02}-{d:02} is not a real date"),
                "day, month and year",
                end,
            ),
        };
    }
    match relative(reference, "day and month", |r| {
        Date::new(r.year, m, d).map(DateRange::day)
    }) {
        Ok((r, note)) => {
            let mut p = ok(
                r,
                format!("day and month, year from the reference ({note})"),
                end_without_year,
            )?;
            if let (Some(f), true) = (r.first, r.first == r.last) {
                p.unresolved = check_weekday(f);
                p.wrong_weekday = p.unresolved.is_some();
            }
            Some(p)
        }
        Err(why) => unresolved(why, "day and month without a year", end_without_year),
    }
}

/// "Tuesday", "last Tuesday": the most recent such day on or before the reference
/// ("next Tuesday": the first after it). Needs a reference precise to the week.
fn weekday(
    reference: Option<Reference>,
    what: &str,
    target: u8,
    dir: &str,
    end: usize,
) -> Option<DateParse> {
    let span = reference.and_then(|r| Some(r.range.last?.to_days() - r.range.first?.to_days()));
    if span.is_some_and(|s| s > 6) {
        return unresolved(
            format!(
                "\"{what}\" needs a reference date precise to the day; the {} is {}",
                reference.map_or("reference", |r| r.label),
                reference.map(|r| r.range.to_string()).unwrap_or_default()
            ),
            "weekday",
            end,
        );
    }
    let dir = dir.to_string();
    rel(reference, what, end, move |d| {
        let today = i64::from(d.weekday());
        let t = i64::from(target);
        let days = if dir == "next" {
            let ahead = (t - today).rem_euclid(7);
            d.to_days() + if ahead == 0 { 7 } else { ahead }
        } else {
            let back = (today - t).rem_euclid(7);
            let back = if dir == "last" && back == 0 { 7 } else { back };
            d.to_days() - back
        };
        Some(DateRange::day(Date::from_days(days)))
    })
}

/// "Tuesday, 3rd": every date within the reference period (or the year around it) when the
/// given day of the month fell on that weekday.
fn weekday_day(reference: Option<Reference>, wd: u8, day: u8, end: usize) -> Option<DateParse> {
    let what = format!("{}, {day}", WEEKDAYS[wd as usize]);
    let Some(r) = reference else {
        return unresolved(
            format!("\"{what}\" names no month, and no reference date is known"),
            "weekday and day of month",
            end,
        );
    };
    let (Some(a), Some(b)) = (r.range.first, r.range.last) else {
        return unresolved(
            format!("\"{what}\" is relative to an open-ended {}", r.label),
            "weekday and day of month",
            end,
        );
    };
    // Look back up to a year before the reference's end: news dates refer to the past.
    let (mut y, mut m) = add_months(b.year, b.month, -12);
    let start = if a.to_days() < b.to_days() - 366 {
        a
    } else {
        Date::new(y, m, 1)?
    };
    (y, m) = (start.year, start.month);
    let mut found = Vec::new();
    while (y, m) <= (b.year, b.month) {
        if let Some(d) = Date::new(y, m, day)
            && d.weekday() == wd
            && d >= start
            && d <= b
        {
            found.push(d);
        }
        (y, m) = add_months(y, m, 1);
    }
    match found.as_slice() {
        [] => unresolved(
            format!(
                "no {what} falls within a year before the {} {}",
                r.label, r.range
            ),
            "weekday and day of month",
            end,
        ),
        [one] => ok(
            DateRange::day(*one),
            format!(
                "\"{what}\": the only such day near the {} {}",
                r.label, r.range
            ),
            end,
        ),
        many => {
            let list: Vec<String> = many.iter().map(Date::to_string).collect();
            let range = DateRange::span(many[0], many[many.len() - 1], Precision::Unbounded);
            Some(DateParse {
                range: Some(range),
                rule: format!("\"{what}\" could be any of {}", list.join(", ")),
                unresolved: Some(format!(
                    "\"{what}\" names no month: {} candidates near the {}",
                    many.len(),
                    r.label
                )),
                wrong_weekday: false,
                end,
            })
        }
    }
}

/// "two weeks ago", "several months ago", "a year ago".
fn ago(t: &[Token], i: usize, reference: Option<Reference>) -> Option<DateParse> {
    let (lo, hi, after) = if let Some((iv, _, end)) = vague(t, i) {
        (iv.low?, iv.high?, end)
    } else if t.get(i).is_some_and(|x| x.is("a") || x.is("an")) {
        (1.0, 1.0, i + 1)
    } else {
        let (f, end) = figure(t, i, true)?;
        if f.ordinal {
            return None;
        }
        (f.value, f.value, end)
    };
    let unit = t.get(after)?.word()?;
    if !matches!(
        unit,
        "day" | "week" | "month" | "year" | "decade" | "fortnight"
    ) || !t.get(after + 1)?.is("ago")
    {
        return None;
    }
    let text = format!("{} ago", unit);
    let (lo, hi) = (lo.max(0.0) as i64, hi.clamp(0.0, 10_000.0) as i64);
    rel(reference, &text, after + 2, move |d| {
        Some(match unit {
            "day" => DateRange::span(
                Date::from_days(d.to_days() - hi),
                Date::from_days(d.to_days() - lo),
                Precision::Day,
            ),
            "week" | "fortnight" => {
                let k = if unit == "week" { 7 } else { 14 };
                DateRange::span(
                    Date::from_days(d.to_days() - hi * k - 3),
                    Date::from_days(d.to_days() - lo * k + 3),
                    Precision::Week,
                )
            }
            "month" => {
                let (y1, m1) = add_months(d.year, d.month, -hi);
                let (y2, m2) = add_months(d.year, d.month, -lo);
                hull(month_range(y1, m1)?, month_range(y2, m2)?)
            }
            _ => {
                let k = if unit == "decade" { 10 } else { 1 };
                let a = d.year - i32::try_from(hi * k).ok()?;
                let b = d.year - i32::try_from(lo * k).ok()?;
                hull(DateRange::year(a)?, DateRange::year(b)?)
            }
        })
    })
}
