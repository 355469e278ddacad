//! All-numeric dates ("2005-11-20", "17/03/2021", "04/05/2021" with or without a declared
//! order), and the last step of every day, month and year found (the year, or the reference's;
//! a stated weekday checked against the date).

use super::*;

/// "17/03/2021", "3/17/2021", "2021/03/17", "17-03-2021": day, month and a four-digit year
/// joined by one separator, no spaces. When day and month could be swapped ("04/05/2021"),
/// the dossier's `date_order` decides; undeclared, the date is reported, never guessed.
pub(super) fn numeric_date(t: &[Token], i: usize, order: Option<DateOrder>) -> Option<DateParse> {
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

pub(super) const MONTHS: [&str; 12] = [
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
pub(super) fn finish_dmy(
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
        let y = reference.map_or(r.year, |rf| year_of(rf, r, m, Some(d)));
        Date::new(y, m, d).map(DateRange::day)
    }) {
        Ok((r, note)) => {
            let which = if reference.is_some_and(|r| r.ahead) {
                "next"
            } else {
                "nearest"
            };
            let mut p = ok(
                r,
                format!("day and month, year from the reference: the {which} such day ({note})"),
                end_without_year,
            )?;
            p.yearless = true;
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
