//! Parts of a period: quarters and halves ("Q3 2020", "the second half of 2021"), early,
//! mid and late parts, and ranges of months or days ("June-October", "between 3 and 5 March").

use super::*;

/// Part of a period: "early" = first third, "mid" = middle third, "late" = last third (of a
/// year, four months each; of a month, the 1st-10th, 11th-20th and 21st to the end).
pub(super) fn part_of(range: DateRange, part: &str) -> DateRange {
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

/// A quarter or half of a year (`parts` = 4 or 2; `n` counts from 1).
pub(super) fn period_of_year(y: i32, parts: u8, n: u8) -> Option<DateRange> {
    let len = 12 / parts;
    let m1 = (n - 1) * len + 1;
    let m2 = m1 + len - 1;
    Some(DateRange::span(
        Date::new(y, m1, 1)?,
        Date::new(y, m2, days_in_month(y, m2))?,
        Precision::Quarter,
    ))
}

pub(super) fn period_name(parts: u8, n: u8) -> String {
    format!("{}{n}", if parts == 4 { "Q" } else { "H" })
}

/// "Q3 2020", "2020 Q3", "H1 2022", "the second half of 2021", "the first quarter of 2024",
/// "Q3" and "the third quarter" (in the reference year), "last quarter", "next quarter".
pub(super) fn part_of_year(
    t: &[Token],
    i: usize,
    reference: Option<Reference>,
) -> Option<DateParse> {
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
        // "the final quarter", "the last half of 2008": the last part. "Last quarter" alone
        // is the one before the reference's, so "last" names the last part only when a year
        // follows.
        let last_of_year = o == "final" || (o == "last" && names_year(t, i + 2));
        if n > 0 && parts > 0 && n <= parts {
            (parts, n, i + 2)
        } else if parts > 0 && last_of_year {
            (parts, parts, i + 2)
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

/// A fiscal year: "fiscal year 2014", "fiscal 2019", "FY2020", "FY 2019-20", "FY20",
/// "2019-20 fiscal year", "the 2014 financial year". Its days depend on who keeps it (the
/// US federal year runs October to September, the British and Indian April to March, the
/// Australian July to June), so it is read as the phrase it is and left unresolved, never as
/// the calendar year its number names.
pub(super) fn fiscal_year(t: &[Token], i: usize) -> Option<DateParse> {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    // The year and a second one after a dash or slash ("2019-20", "2019/2020", "19/20").
    let years_at = |k: usize, short_ok: bool| -> Option<usize> {
        let (v, digits, ordinal) = int_at(t, k)?;
        let first = match digits {
            4 if (1000..=2999).contains(&v) => true,
            2 if short_ok => true,
            _ => false,
        };
        if !first || ordinal {
            return None;
        }
        let glued = |j: usize| t.get(j).is_some_and(|x| !x.spaced);
        if t.get(k + 1)
            .is_some_and(|x| x.tok == Tok::Dash || x.is_punct(b'/'))
            && glued(k + 1)
            && glued(k + 2)
            && matches!(int_at(t, k + 2), Some((_, 2 | 4, false)))
        {
            return Some(k + 3);
        }
        Some(k + 1)
    };
    // After "fiscal" or "FY", the years it names: "fiscal year 2014", "FY2020", "FY 20"
    // (the letters say fiscal year, so two digits are a year too).
    let led = |k: usize| -> Option<usize> {
        match w(k)? {
            "fiscal" => {
                let k = if w(k + 1) == Some("year") {
                    k + 2
                } else {
                    k + 1
                };
                years_at(k, false)
            }
            _ => years_at(k + 1, true),
        }
    };
    let end = match w(i) {
        Some("fiscal" | "fy") => {
            let short = w(i) == Some("fy");
            let mut end = led(i)?;
            // "fiscal years 2019 and 2020": every year the phrase lists is a fiscal one; the
            // later ones are not calendar years either.
            while t
                .get(end)
                .is_some_and(|x| x.is("and") || x.is("or") || x.is("to") || x.is("through"))
            {
                match years_at(end + 1, short) {
                    Some(e) => end = e,
                    None => break,
                }
            }
            end
        }
        _ => {
            let k = years_at(i, false)?;
            (w(k) == Some("fiscal") && w(k + 1) == Some("year")).then_some(k + 2)?
        }
    };
    unresolved(
        "a fiscal year: its calendar depends on who keeps it".into(),
        "fiscal year",
        end,
    )
}

/// Whether a year follows a part of the year at `k`: "of 2008", ", 2008", "of last year",
/// "of the year".
fn names_year(t: &[Token], k: usize) -> bool {
    let w = |k: usize| t.get(k).and_then(|x| x.word());
    let k = if t.get(k).is_some_and(|x| x.is_punct(b',')) {
        k + 1
    } else {
        k
    };
    let k = if w(k) == Some("of") { k + 1 } else { k };
    year_at(t, k).is_some()
        || year_word(t, k).is_some()
        || (w(k) == Some("the") && w(k + 1) == Some("year"))
}

/// "from June to October 2022", "June-October", "between 3 and 5 March", "3-5 March 2022",
/// "March 3-5, 2022". A year written once applies to both ends; without one, the reference
/// year.
pub(super) fn month_or_day_range(
    t: &[Token],
    i: usize,
    reference: Option<Reference>,
) -> Option<DateParse> {
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
