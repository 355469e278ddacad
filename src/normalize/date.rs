//! Dates as news text writes them, as the interval of days they cover.
//!
//! Relative dates ("last month", "Tuesday", "several months ago", "October") are resolved
//! against a reference: the source's publication date, or the claim's `as_of`. The reference
//! may itself be coarse ("published in 2025"): then the expression is resolved against both
//! ends of it and the result covers every day it could mean.

mod numeric;
mod period;
mod relative;
use numeric::*;
use period::*;
pub use relative::ago;
use relative::*;

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
    /// A day or month written without a year, whose year came from the reference (and
    /// would come out otherwise if the text looked ahead).
    pub yearless: bool,
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
    /// The text looks ahead ("will open on 25 October"): a day or month written without a
    /// year is the next one on or after the reference, not the last one on or before it.
    pub ahead: bool,
}

fn ok(range: DateRange, rule: impl Into<String>, end: usize) -> Option<DateParse> {
    Some(DateParse {
        range: Some(range),
        rule: rule.into(),
        unresolved: None,
        wrong_weekday: false,
        end,
        resolution: 0.0,
        yearless: false,
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
        yearless: false,
    })
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
    // "October 1, 2019, through September 30, 2020": the comma that closes a year written
    // after the day stands before the joining word.
    let join_at = |a: &DateParse| {
        if t.get(a.end).is_some_and(|x| x.is_punct(b','))
            && a.end > 0
            && year_at(t, a.end - 1).is_some()
            && t.get(a.end + 1)
                .is_some_and(|x| x.is("to") || x.is("through") || x.is("until"))
            && lead != Some("between")
        {
            a.end + 1
        } else {
            a.end
        }
    };
    if let Some(a) = &first
        && joined(join_at(a))
        && let Some(b) = date_one(t, join_at(a) + 1, reference, year_alone, order)
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
                    ahead: false,
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
    // "on 29 August and again on 4 September 2012": a year written once at the end of a
    // list of days is the year of each.
    if lead.is_none()
        && let Some(a) = &first
        && day_month_at(t, a_at)
        && date_one(t, a_at, None, year_alone, order).is_some_and(|x| x.range.is_none())
        && let Some(last) = listed_year(t, a.end, order)
    {
        let with_year = |y: i32| {
            date_one(
                t,
                a_at,
                DateRange::year(y).map(|range| Reference {
                    range,
                    label: "year written with the last date of the list",
                    ahead: false,
                }),
                year_alone,
                order,
            )
        };
        let mine = with_year(last.year)
            .and_then(|p| p.range)
            .and_then(|r| r.first);
        return match mine {
            Some(d) if d <= last => with_year(last.year),
            // "29 December and 4 January 2013": the list may cross into the year it names.
            _ => unresolved(
                format!(
                    "the list's year ({}) is written with a later date that falls earlier \
                     in the year, so this one may be in the year before",
                    last.year
                ),
                "day and month in a list",
                a.end,
            ),
        };
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

/// A day and a month at `k`, in either order: "29 August", "3rd of May", "Sept. 4".
fn day_month_at(t: &[Token], k: usize) -> bool {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    if let Some((_, after)) = day_at(t, k) {
        let m = if w(after) == Some("of") {
            after + 1
        } else {
            after
        };
        return w(m).and_then(month_of).is_some();
    }
    w(k).and_then(month_of).is_some() && day_at(t, k + 1).is_some()
}

/// The day written with its year at the end of a list that goes on from `k`: ", 4 September
/// 2012", " and again on 4 September 2012", ", 3 May and 9 June 2012". Only days and months
/// may stand between; anything else ends the list without a year.
fn listed_year(t: &[Token], mut k: usize, order: Option<DateOrder>) -> Option<Date> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    loop {
        let mut j = k;
        let comma = t.get(j).is_some_and(|x| x.is_punct(b','));
        if comma {
            j += 1;
        }
        let conj = matches!(w(j), Some("and" | "or"));
        if conj {
            j += 1;
        }
        if !comma && !conj {
            return None;
        }
        if w(j) == Some("again") {
            j += 1;
        }
        if w(j) == Some("on") {
            j += 1;
        }
        if !day_month_at(t, j) {
            return None;
        }
        let p = date_one(t, j, None, false, order)?;
        match p.range {
            Some(r) if r.precision == Precision::Day && r.first == r.last => return r.first,
            None if p.unresolved.is_some() => k = p.end,
            _ => return None,
        }
    }
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

    if let Some(p) = fiscal_year(t, i) {
        return Some(p);
    }

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
        return match relative(reference, &what, |d| {
            month_range(reference.map_or(d.year, |rf| year_of(rf, d, m, None)), m)
        }) {
            Ok((r, note)) => ok(
                r,
                format!(
                    "month without a year, year from the reference: the {} such month ({note})",
                    if reference.is_some_and(|r| r.ahead) {
                        "next"
                    } else {
                        "nearest"
                    }
                ),
                k + 1,
            )
            .map(|p| DateParse {
                yearless: true,
                ..p
            }),
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
