//! Dates as news text writes them, as the interval of days they cover.
//!
//! Relative dates ("last month", "Tuesday", "several months ago", "October") are resolved
//! against a reference: the source's publication date, or the claim's `as_of`. The reference
//! may itself be coarse ("published in 2025"): then the expression is resolved against both
//! ends of it and the result covers every day it could mean.

use super::amount::{figure, vague};
use super::lexer::{Tok, Token};
use crate::model::{Date, DateOrder, DateRange, Precision, days_in_month};

/// A parsed date expression.
#[derive(Debug, Clone, PartialEq)]
pub struct DateParse {
    pub range: Option<DateRange>,
    pub rule: String,
    pub unresolved: Option<String>,
    /// The date names a weekday it did not fall on; `unresolved` says which.
    pub wrong_weekday: bool,
    pub end: usize,
    /// The rounding the way of writing implies, in days: "three weeks later" is the day 21
    /// days on, stated to the week (7); 0 when the days are exactly what was said.
    pub resolution: f64,
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
        resolution: 0.0,
    })
}

fn unresolved(why: String, rule: impl Into<String>, end: usize) -> Option<DateParse> {
    Some(DateParse {
        range: None,
        rule: rule.into(),
        unresolved: Some(why),
        wrong_weekday: false,
        end,
        resolution: 0.0,
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

/// Part of a period: "early" = first third, "mid" = middle third, "late" = last third (of a
/// year, four months each; of a month, the 1st-10th, 11th-20th and 21st to the end).
fn part_of(range: DateRange, part: &str) -> DateRange {
    let (Some(a), Some(b)) = (range.first, range.last) else {
        return range;
    };
    // A year in thirds of four months, a month in thirds of ten days (the rest to the last).
    if range.precision == Precision::Year && a.month == 1 && b.month == 12 {
        let (m1, m2) = match part {
            "early" | "beginning" => (1, 4),
            "mid" => (5, 8),
            _ => (9, 12),
        };
        if let (Some(s), Some(e)) = (
            Date::new(a.year, m1, 1),
            Date::new(b.year, m2, days_in_month(b.year, m2)),
        ) {
            return DateRange::span(s, e, Precision::PartOfPeriod);
        }
    }
    if range.precision == Precision::Month {
        let (d1, d2) = match part {
            "early" | "beginning" => (1, 10),
            "mid" => (11, 20),
            _ => (21, days_in_month(a.year, a.month)),
        };
        if let (Some(s), Some(e)) = (
            Date::new(a.year, a.month, d1),
            Date::new(a.year, a.month, d2),
        ) {
            return DateRange::span(s, e, Precision::PartOfPeriod);
        }
    }
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

/// Parses a date expression at `i`. `year_alone` accepts a bare four-digit year; `order`
/// is the dossier's declared order of all-numeric dates. Two dates joined ("February 28 to
/// March 3, 2023", "from Oct. 4 to Oct. 20", "2024-04-01 to 2024-09-30") are the days from
/// the first to the last; a year written only at the end applies to the start too.
pub fn date(
    t: &[Token],
    i: usize,
    reference: Option<Reference>,
    year_alone: bool,
    order: Option<DateOrder>,
) -> Option<DateParse> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let lead = w(i).filter(|x| matches!(*x, "from" | "between"));
    let a_at = if lead.is_some() { i + 1 } else { i };
    let first = date_one(t, a_at, reference, year_alone, order);
    let joined = |k: usize| {
        t.get(k).is_some_and(|x| match lead {
            Some("between") => x.is("and"),
            _ => x.tok == Tok::Dash || x.is("to") || x.is("through") || x.is("until"),
        })
    };
    if let Some(a) = &first
        && joined(a.end)
        && let Some(b) = date_one(t, a.end + 1, reference, year_alone, order)
        && let Some(rb) = b.range
        && let (Some(_), Some(b_last)) = (rb.first, rb.last)
    {
        // The first date without a year takes the year of the last.
        let a = if date_one(t, a_at, None, year_alone, order).is_some_and(|x| x.range.is_none()) {
            date_one(
                t,
                a_at,
                DateRange::year(b_last.year).map(|range| Reference {
                    range,
                    label: "year of the range's end",
                }),
                year_alone,
                order,
            )
        } else {
            Some(a.clone())
        };
        if let Some(a) = a
            && let Some(ra) = a.range
            && let (Some(a_first), Some(_)) = (ra.first, ra.last)
            && a_first <= b_last
            && ra.precision != Precision::Unbounded
            && rb.precision != Precision::Unbounded
        {
            return ok(
                DateRange::span(a_first, b_last, ra.precision.min(rb.precision)),
                format!("from {} to {}", a.rule, b.rule),
                b.end,
            );
        }
    }
    if lead.is_some() && first.is_some() {
        // "from June" alone is not a range: leave it to the forms below.
        return date_one(t, i, reference, year_alone, order);
    }
    first.or_else(|| {
        if lead.is_some() {
            date_one(t, i, reference, year_alone, order)
        } else {
            None
        }
    })
}

fn date_one(
    t: &[Token],
    i: usize,
    reference: Option<Reference>,
    year_alone: bool,
    order: Option<DateOrder>,
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
    if let Some(edge @ ("since" | "starting" | "before" | "after" | "until" | "by")) = w(i)
        && let Some(inner) = date(t, i + 1, reference, true, order)
        && let Some(r) = inner.range
    {
        let range = match edge {
            "since" | "starting" | "after" => DateRange {
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

    // All-numeric dates: "17/03/2021", "2021/03/17", "17-03-2021", "04/05/2021".
    if let Some(p) = numeric_date(t, i, order) {
        return Some(p);
    }
    // "17-Mar-2021"
    if let Some((d, 2 | 1, false)) = int_at(t, i)
        && t.get(i + 1)
            .is_some_and(|x| x.tok == Tok::Dash && !x.spaced)
        && let Some(m) = w(i + 2).and_then(month_of)
        && t.get(i + 3)
            .is_some_and(|x| x.tok == Tok::Dash && !x.spaced)
        && let Some(y) = year_at(t, i + 4)
    {
        return finish_dmy(
            t,
            i,
            u8::try_from(d).unwrap_or(0),
            m,
            Some((y, i + 5)),
            i + 5,
            None,
            reference,
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
    // "2021-03": an ISO year and month. The month has its leading zero or is below the
    // year's last two digits, so "2011-12" stays the season or the years it names.
    if let Some(y) = year_at(t, i)
        && t.get(i + 1)
            .is_some_and(|x| x.tok == Tok::Dash && !x.spaced)
        && t.get(i + 2).is_some_and(|x| !x.spaced)
        && let Some((m, 2, false)) = int_at(t, i + 2)
        && (1..=12).contains(&m)
        && (m < 10 || m <= i64::from(y % 100))
        && t.get(i + 3).is_none_or(|x| {
            x.spaced
                || !(x.tok == Tok::Dash || x.is_punct(b'/') || matches!(x.tok, Tok::Num { .. }))
        })
    {
        return ok(
            month_range(y, u8::try_from(m).ok()?)?,
            "ISO year and month",
            i + 3,
        );
    }
    // "week 12 of 2024", "week 12 2024": an ISO week, Monday to Sunday.
    if w(i) == Some("week")
        && let Some((n, 1 | 2, false)) = int_at(t, i + 1)
        && (1..=53).contains(&n)
    {
        let y_at = if w(i + 2) == Some("of") { i + 3 } else { i + 2 };
        if let Some(y) = year_at(t, y_at) {
            let jan4 = Date::new(y, 1, 4)?;
            let monday = jan4.to_days() - i64::from(jan4.weekday()) + (n - 1) * 7;
            let last = Date::from_days(monday + 6);
            if n < 53 || last.year == y || Date::from_days(monday).year == y {
                return ok(
                    DateRange::span(Date::from_days(monday), last, Precision::Week),
                    "ISO week (Monday to Sunday)",
                    y_at + 1,
                );
            }
        }
    }
    if let Some(p) = year_range(i, &|k| {
        t.get(k).is_some_and(|x| x.tok == Tok::Dash && !x.spaced)
    }) {
        return Some(p);
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

    // Quarters and halves: "Q1 2024", "2020 q3", "H1 2022", "the second half of 2021",
    // "the first quarter of 2024", "Q3" and "the third quarter" (of the reference year),
    // "last quarter".
    if let Some(p) = part_of_year(t, i, reference) {
        return Some(p);
    }

    // Ranges of months and days: "from June to October 2022", "June-October",
    // "between 3 and 5 March", "3-5 March 2022", "March 3-5, 2022".
    if let Some(p) = month_or_day_range(t, i, reference) {
        return Some(p);
    }

    // "the week of 4 March"
    if w(i) == Some("week")
        && w(i + 1) == Some("of")
        && let Some(inner) = date(t, i + 2, reference, false, order)
        && let Some(r) = inner.range
        && r.precision == Precision::Day
        && let Some(d) = r.first
    {
        let monday = d.to_days() - i64::from(d.weekday());
        return ok(
            DateRange::span(
                Date::from_days(monday),
                Date::from_days(monday + 6),
                Precision::Week,
            ),
            format!("the week (Monday to Sunday) of {}", inner.rule),
            inner.end,
        );
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
        if let Some(inner) = date(t, k, reference, true, order)
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
        (
            Some(dir @ ("last" | "this" | "next" | "following")),
            Some(unit @ ("week" | "month" | "year")),
        ) => {
            let dir = if dir == "following" { "next" } else { dir };
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
        // "June of 2011"
        if w(k + 1) == Some("of")
            && let Some(y) = year_at(t, k + 2).filter(|_| !ambiguous || t[k].capital)
        {
            return ok(month_range(y, m)?, "month and year", k + 3);
        }
        // "May last year"
        if let Some(delta) = year_word(t, k + 1) {
            let what = format!("{mname} {}", year_phrase(delta));
            return rel(reference, &what, k + 3, move |d| {
                month_range(d.year + delta, m)
            });
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
        // Alone, a capitalised "May" or "March" is the month after a preposition of time
        // ("in May", "since March"), not at the head of a sentence or a name.
        let month_context = t[k].capital
            && k > 0
            && (matches!(
                w(k - 1),
                Some(
                    "in" | "since"
                        | "until"
                        | "by"
                        | "from"
                        | "early"
                        | "mid"
                        | "late"
                        | "through"
                        | "before"
                        | "after"
                )
            ) || (t[k - 1].tok == Tok::Dash
                && k >= 2
                && matches!(w(k - 2), Some("early" | "mid" | "late"))));
        if ambiguous && wday.is_none() && !month_context {
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

/// "17/03/2021", "3/17/2021", "2021/03/17", "17-03-2021": day, month and a four-digit year
/// joined by one separator, no spaces. When day and month could be swapped ("04/05/2021"),
/// the dossier's `date_order` decides; undeclared, the date is reported, never guessed.
fn numeric_date(t: &[Token], i: usize, order: Option<DateOrder>) -> Option<DateParse> {
    let sep = t.get(i + 1)?;
    let slash = sep.is_punct(b'/');
    if sep.spaced || !(slash || sep.tok == Tok::Dash) {
        return None;
    }
    let same = |k: usize| {
        t.get(k).is_some_and(|x| {
            !x.spaced
                && (if slash {
                    x.is_punct(b'/')
                } else {
                    x.tok == Tok::Dash
                })
        })
    };
    if !same(i + 3) || t.get(i + 2)?.spaced || t.get(i + 4)?.spaced {
        return None;
    }
    let (a, ad, _) = int_at(t, i)?;
    let (b, bd, _) = int_at(t, i + 2)?;
    let (c, cd, _) = int_at(t, i + 4)?;
    let end = i + 5;
    let rule = "all-numeric date";
    let make = |y: i64, m: i64, d: i64, how: &str| -> Option<DateParse> {
        let (y, m, d) = (
            i32::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        );
        match Date::new(y, m, d) {
            Some(date) => ok(DateRange::day(date), format!("{rule} ({how})"), end),
            None => unresolved(format!("{y}-{m:02}-{d:02} is not a real date"), rule, end),
        }
    };
    if ad == 4 && bd <= 2 && cd <= 2 {
        // Year first is always year-month-day.
        return make(a, b, c, "year, month, day");
    }
    if cd != 4 || ad > 2 || bd > 2 || !slash && ad != 2 {
        return None;
    }
    match (a > 12, b > 12) {
        (true, true) => unresolved(format!("neither {a} nor {b} can be a month"), rule, end),
        (true, false) => make(c, b, a, "day, month, year: the first number is over 12"),
        (false, true) => make(c, a, b, "month, day, year: the second number is over 12"),
        (false, false) if a == b => make(c, a, b, "day and month are the same"),
        (false, false) => match order {
            Some(DateOrder::Dmy) => make(c, b, a, "day, month, year, as the dossier declares"),
            Some(DateOrder::Mdy) => make(c, a, b, "month, day, year, as the dossier declares"),
            _ => unresolved(
                format!(
                    "{a:02}/{b:02}/{c} could be {a} {} or {b} {} {c}; declare `date_order: dmy` or `mdy` in claims/properties.yaml",
                    MONTHS[usize::try_from(b - 1).unwrap_or(0)],
                    MONTHS[usize::try_from(a - 1).unwrap_or(0)]
                ),
                rule,
                end,
            ),
        },
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

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
            // A weekday that contradicts the date leaves the day unknown, and says so.
            Some(date) => match check_weekday(date) {
                Some(why) => {
                    let mut p = unresolved(why, "day, month and year", end)?;
                    p.wrong_weekday = true;
                    Some(p)
                }
                None => ok(DateRange::day(date), "day, month and year", end),
            },
            None => unresolved(
                format!("{y}-{m:02}-{d:02} is not a real date"),
                "day, month and year",
                end,
            ),
        };
    }
    // "9 May last year"
    if let Some(delta) = year_word(_t, end_without_year) {
        let what = format!("day and month {}", year_phrase(delta));
        return match relative(reference, &what, |r| {
            Date::new(r.year + delta, m, d).map(DateRange::day)
        }) {
            Ok((r, note)) => ok(r, format!("{what} ({note})"), end_without_year + 2),
            Err(why) => unresolved(why, what, end_without_year + 2),
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
            if let (Some(f), true) = (r.first, r.first == r.last)
                && let Some(why) = check_weekday(f)
            {
                // As with a full date: the day is unknown, never guessed.
                p.range = None;
                p.unresolved = Some(why);
                p.wrong_weekday = true;
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
                resolution: 0.0,
                wrong_weekday: false,
                end,
            })
        }
    }
}

/// Offsets from the reference: "two weeks ago", "several months ago", "a year ago",
/// "three weeks later", "two days earlier", "in two weeks".
pub fn ago(t: &[Token], i: usize, reference: Option<Reference>) -> Option<DateParse> {
    let lead_in = t.get(i).is_some_and(|x| x.is("in"));
    let i = if lead_in { i + 1 } else { i };
    let (lo, hi, after) = if let Some((iv, _, end)) = vague(t, i) {
        (iv.low?, iv.high?, end)
    } else if t.get(i).is_some_and(|x| x.is("a") || x.is("an")) {
        (1.0, 1.0, i + 1)
    } else {
        let (f, end) = figure(t, i, true)?;
        if f.ordinal || f.value < 0.0 {
            return None;
        }
        (f.value, f.value, end)
    };
    let unit = t.get(after)?.word()?;
    if !matches!(
        unit,
        "day" | "week" | "month" | "year" | "decade" | "fortnight"
    ) {
        return None;
    }
    let (sign, end, dir): (i64, usize, &str) = match t.get(after + 1).and_then(|x| x.word()) {
        _ if lead_in => (1, after + 1, "from now"),
        Some("ago") => (-1, after + 2, "ago"),
        // "ten years after a discount", "two years before the war": a preposition, counted
        // from something other than the reference.
        Some("before" | "after")
            if t.get(after + 2).is_some_and(|x| {
                !matches!(x.tok, Tok::Punct(_) | Tok::Dash)
                    && !matches!(x.word(), Some("and" | "but" | "when"))
            }) =>
        {
            return None;
        }
        Some("earlier" | "before") => (-1, after + 2, "earlier"),
        Some("later" | "after") => (1, after + 2, "later"),
        _ => return None,
    };
    let text = if lead_in {
        format!("in {unit}s")
    } else {
        format!("{unit}s {dir}")
    };
    let (lo, hi) = (lo.max(0.0) as i64, hi.clamp(0.0, 10_000.0) as i64);
    // The nearer and farther offsets, as signed counts of units.
    let (near, far) = (sign * lo, sign * hi);
    let (a, b) = (near.min(far), near.max(far));
    let mut p = rel(reference, &text, end, move |d| {
        Some(match unit {
            "day" => DateRange::span(
                Date::from_days(d.to_days() + a),
                Date::from_days(d.to_days() + b),
                Precision::Day,
            ),
            // The day that many weeks on: the point a reporter means by "three weeks later",
            // stated to the week (the resolution below keeps comparisons tolerant).
            "week" | "fortnight" => {
                let k = if unit == "week" { 7 } else { 14 };
                DateRange::span(
                    Date::from_days(d.to_days() + a * k),
                    Date::from_days(d.to_days() + b * k),
                    Precision::Day,
                )
            }
            "month" => {
                let (y1, m1) = add_months(d.year, d.month, a);
                let (y2, m2) = add_months(d.year, d.month, b);
                hull(month_range(y1, m1)?, month_range(y2, m2)?)
            }
            _ => {
                let k = if unit == "decade" { 10 } else { 1 };
                let ya = d.year + i32::try_from(a * k).ok()?;
                let yb = d.year + i32::try_from(b * k).ok()?;
                hull(DateRange::year(ya)?, DateRange::year(yb)?)
            }
        })
    })?;
    if matches!(unit, "week" | "fortnight") && p.range.is_some() {
        p.resolution = if unit == "week" { 7.0 } else { 14.0 };
    }
    Some(p)
}

/// "last year", "this year", "next year" at `k`: the year offset.
fn year_word(t: &[Token], k: usize) -> Option<i32> {
    let delta = match t.get(k)?.word()? {
        "last" => -1,
        "this" => 0,
        "next" => 1,
        _ => return None,
    };
    t.get(k + 1)?.is("year").then_some(delta)
}

fn year_phrase(delta: i32) -> &'static str {
    match delta {
        -1 => "last year",
        0 => "this year",
        _ => "next year",
    }
}

/// A quarter or half of a year (`parts` = 4 or 2; `n` counts from 1).
fn period_of_year(y: i32, parts: u8, n: u8) -> Option<DateRange> {
    let len = 12 / parts;
    let m1 = (n - 1) * len + 1;
    let m2 = m1 + len - 1;
    Some(DateRange::span(
        Date::new(y, m1, 1)?,
        Date::new(y, m2, days_in_month(y, m2))?,
        Precision::Quarter,
    ))
}

fn period_name(parts: u8, n: u8) -> String {
    format!("{}{n}", if parts == 4 { "Q" } else { "H" })
}

/// "Q3 2020", "2020 Q3", "H1 2022", "the second half of 2021", "the first quarter of 2024",
/// "Q3" and "the third quarter" (in the reference year), "last quarter", "next quarter".
fn part_of_year(t: &[Token], i: usize, reference: Option<Reference>) -> Option<DateParse> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let glued_part = |k: usize| -> Option<(u8, u8)> {
        let parts = match w(k)? {
            "q" => 4,
            "h" => 2,
            _ => return None,
        };
        match int_at(t, k + 1)? {
            (n, 1, false) if !t[k + 1].spaced && (1..=i64::from(parts)).contains(&n) => {
                Some((parts, u8::try_from(n).ok()?))
            }
            _ => None,
        }
    };
    // "4Q12", "3Q2012": the quarter before the Q and the year after it, as company reports
    // write them.
    if let Some((n, 1, false)) = int_at(t, i)
        && (1..=4).contains(&n)
        && t.get(i + 1).is_some_and(|x| !x.spaced && x.is("q"))
        && t.get(i + 2).is_some_and(|x| !x.spaced)
        && let Some((y, digits @ (2 | 4), false)) = int_at(t, i + 2)
        && (digits == 2 || (1000..=2999).contains(&y))
    {
        let y = if digits == 2 { 2000 + y } else { y };
        let (y, n) = (i32::try_from(y).ok()?, u8::try_from(n).ok()?);
        return ok(
            period_of_year(y, 4, n)?,
            format!("{} {y}", period_name(4, n)),
            i + 3,
        );
    }
    // "2020 Q3"
    if let Some(y) = year_at(t, i)
        && let Some((parts, n)) = glued_part(i + 1)
    {
        return ok(
            period_of_year(y, parts, n)?,
            format!("{} {y}", period_name(parts, n)),
            i + 3,
        );
    }
    let (parts, n, after) = if let Some((parts, n)) = glued_part(i) {
        (parts, n, i + 2)
    } else if let (Some(o), Some(unit)) = (w(i), w(i + 1)) {
        let n = match o {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            "fourth" => 4,
            _ => 0,
        };
        let parts = match unit {
            "quarter" => 4,
            "half" => 2,
            _ => 0,
        };
        if n > 0 && parts > 0 && n <= parts {
            (parts, n, i + 2)
        } else if parts == 4 && matches!(o, "last" | "this" | "next" | "following") {
            // "last quarter": the quarter before the reference's.
            let delta: i64 = match o {
                "last" => -1,
                "this" => 0,
                _ => 1,
            };
            let what = format!("{o} quarter");
            return rel(reference, &what, i + 2, move |d| {
                let (y, m) = add_months(d.year, d.month, 3 * delta);
                period_of_year(y, 4, (m - 1) / 3 + 1)
            });
        } else {
            return None;
        }
    } else {
        return None;
    };
    // The year: "Q3 2020", "Q3, 2020", "first half of 2021", "first half of this year".
    let mut k = after;
    if t.get(k).is_some_and(|x| x.is_punct(b',')) {
        k += 1;
    }
    if w(k) == Some("of") {
        k += 1;
    }
    if let Some(y) = year_at(t, k) {
        return ok(
            period_of_year(y, parts, n)?,
            format!("{} {y}", period_name(parts, n)),
            k + 1,
        );
    }
    let (delta, end) = if let Some(delta) = year_word(t, k) {
        (delta, k + 2)
    } else if w(k) == Some("the") && w(k + 1) == Some("year") {
        (0, k + 2)
    } else {
        (0, after)
    };
    let what = format!("{} of {}", period_name(parts, n), year_phrase(delta));
    rel(reference, &what, end, move |d| {
        period_of_year(d.year + delta, parts, n)
    })
}

/// "from June to October 2022", "June-October", "between 3 and 5 March", "3-5 March 2022",
/// "March 3-5, 2022". A year written once applies to both ends; without one, the reference
/// year.
fn month_or_day_range(t: &[Token], i: usize, reference: Option<Reference>) -> Option<DateParse> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let lead = w(i).filter(|x| matches!(*x, "from" | "between"));
    let a_at = if lead.is_some() { i + 1 } else { i };
    let joiner = |k: usize| -> bool {
        let Some(x) = t.get(k) else { return false };
        match lead {
            Some("between") => x.is("and"),
            _ => x.tok == Tok::Dash || x.is("to") || x.is("through") || x.is("until"),
        }
    };
    let month_at = |k: usize| -> Option<u8> {
        let x = t.get(k)?;
        let m = month_of(x.word()?)?;
        // "may" and "march" are words too: months only when capitalised.
        (!matches!(x.word(), Some("may" | "march")) || x.capital).then_some(m)
    };
    let year_after = |k: usize| -> Option<(i32, usize)> {
        let k = if t.get(k).is_some_and(|x| x.is_punct(b',')) {
            k + 1
        } else {
            k
        };
        year_at(t, k).map(|y| (y, k + 1))
    };
    let finish = |first: (u8, u8), last: (u8, u8), end: usize, what: &str| -> Option<DateParse> {
        let make = move |y: i32| -> Option<DateRange> {
            // "from November to February 2023": the first month in the year before.
            let y1 = if (first.0, first.1) > (last.0, last.1) {
                y - 1
            } else {
                y
            };
            let a = Date::new(y1, first.0, if first.1 == 0 { 1 } else { first.1 })?;
            let b = Date::new(
                y,
                last.0,
                if last.1 == 0 {
                    days_in_month(y, last.0)
                } else {
                    last.1
                },
            )?;
            Some(DateRange::span(
                a,
                b,
                if first.1 == 0 {
                    Precision::Month
                } else {
                    Precision::Day
                },
            ))
        };
        match year_after(end) {
            Some((y, e)) => match make(y) {
                Some(r) => ok(r, format!("{what} {y}"), e),
                None => unresolved(
                    format!("{what} {y} is not a real date range"),
                    what.to_string(),
                    e,
                ),
            },
            None => rel(reference, what, end, move |d| make(d.year)),
        }
    };
    // Months: "June-October 2022"
    if let Some(m1) = month_at(a_at)
        && joiner(a_at + 1)
        && let Some(m2) = month_at(a_at + 2)
    {
        return finish((m1, 0), (m2, 0), a_at + 3, "range of months");
    }
    // Days then month: "3-5 March", "between 3 and 5 March"
    if let Some((d1, after1)) = day_at(t, a_at)
        && joiner(after1)
        && let Some((d2, after2)) = day_at(t, after1 + 1)
        && let Some(m) = month_at(after2)
        && d1 < d2
    {
        return finish((m, d1), (m, d2), after2 + 1, "range of days");
    }
    // Month then days: "March 3-5", "from March 3 to 5"
    if let Some(m) = month_at(a_at)
        && let Some((d1, after1)) = day_at(t, a_at + 1)
        && joiner(after1)
        && let Some((d2, after2)) = day_at(t, after1 + 1)
        && d1 < d2
    {
        return finish((m, d1), (m, d2), after2, "range of days");
    }
    None
}
