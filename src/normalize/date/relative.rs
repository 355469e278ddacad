//! Dates relative to the reference: "last month", "Tuesday", "three weeks later",
//! "several months ago", "9 May last year".

use super::*;

/// Resolves a relative expression at both ends of the reference and covers both results.
pub(super) fn relative(
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

/// The year of a day or month written without one, seen from `anchor` (one end of the
/// reference): the reference's year unless the day then lies more than seven months away,
/// else the nearest occurrence ("Oct. 25" published on 6 January is last October, "30 June"
/// published on 1 May this June); with `ahead` ("will open on 25 October") the first on or
/// after it. A reference
/// known only to the year keeps its year: nothing says which side of it the day falls. A
/// month counts from its middle; a day that does not exist in a year (29 February) is not
/// chosen there.
pub(super) fn year_of(reference: Reference, anchor: Date, month: u8, day: Option<u8>) -> i32 {
    if reference.range.precision == Precision::Year {
        return anchor.year;
    }
    let at = |y: i32| Date::new(y, month, day.unwrap_or(15)).map(Date::to_days);
    let here = anchor.to_days();
    if reference.ahead {
        return [anchor.year, anchor.year + 1]
            .into_iter()
            .find(|&y| at(y).is_some_and(|d| d >= here))
            .unwrap_or(anchor.year);
    }
    // The reference's own year unless that puts the day more than seven months away: near
    // the middle of the year either side is as likely, and the year stated by the reference
    // is the reading with least surprise.
    if at(anchor.year).is_some_and(|d| (d - here).abs() <= 214) {
        return anchor.year;
    }
    let mut best: Option<(i64, i32)> = None;
    for y in [anchor.year - 1, anchor.year, anchor.year + 1] {
        let Some(d) = at(y) else { continue };
        let distance = (d - here).abs();
        // Scanning from the past, a tie keeps the earlier year.
        if best.is_none_or(|(bd, _)| distance < bd) {
            best = Some((distance, y));
        }
    }
    best.map_or(anchor.year, |(_, y)| y)
}

pub(super) fn rel(
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

/// "Tuesday", "last Tuesday": the most recent such day on or before the reference
/// ("next Tuesday": the first after it). Needs a reference precise to the week.
pub(super) fn weekday(
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
pub(super) fn weekday_day(
    reference: Option<Reference>,
    wd: u8,
    day: u8,
    end: usize,
) -> Option<DateParse> {
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
                yearless: false,
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
pub(super) fn year_word(t: &[Token], k: usize) -> Option<i32> {
    let delta = match t.get(k)?.word()? {
        "last" => -1,
        "this" => 0,
        "next" => 1,
        _ => return None,
    };
    t.get(k + 1)?.is("year").then_some(delta)
}

pub(super) fn year_phrase(delta: i32) -> &'static str {
    match delta {
        -1 => "last year",
        0 => "this year",
        _ => "next year",
    }
}
