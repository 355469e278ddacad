//! Chart axes: a domain and ticks at round values, for numbers (1-2-5 steps), logarithmic
//! scales (powers of ten) and dates (days, weeks, months or years).

use crate::model::{Date, fmt_num};

/// An axis: the domain its ends stand for (in the drawn coordinate: log10 of the value on a
/// log scale, day numbers for dates) and the ticks within it, each with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub start: f64,
    pub end: f64,
    /// Tick positions (drawn coordinate) and labels.
    pub ticks: Vec<(f64, String)>,
}

/// 1, 2 or 5 times a power of ten, the smallest of them at least `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let n = if f <= 1.0 + 1e-9 {
        1.0
    } else if f <= 2.0 + 1e-9 {
        2.0
    } else if f <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    n * mag
}

/// A linear axis over `[lo, hi]` with about `target` ticks at multiples of a 1-2-5 step;
/// the domain runs from the tick at or below `lo` to the tick at or above `hi`, so every
/// value sits at its place among the ticks.
pub fn linear(lo: f64, hi: f64, target: usize) -> Axis {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        // One value: a little room either side of it.
        let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo - d, hi + d)
    };
    let step = nice_step((hi - lo) / target.max(1) as f64);
    let first = (lo / step + 1e-9).floor() as i64;
    let last = (hi / step - 1e-9).ceil() as i64;
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    let ticks = (first..=last)
        .map(|k| {
            let v = k as f64 * step;
            let label = if decimals == 0 {
                fmt_num(v.round())
            } else {
                format!("{v:.decimals$}")
            };
            (v, label)
        })
        .collect();
    Axis {
        start: first as f64 * step,
        end: last as f64 * step,
        ticks,
    }
}

/// A log-scale axis over `[lo, hi]` (both positive): ticks at powers of ten, with 2 and 5
/// times them when the range spans few decades. Positions are log10 of the values.
pub fn logarithmic(lo: f64, hi: f64) -> Axis {
    let first = lo.log10().floor() as i32;
    let last = (hi.log10().ceil() as i32).max(first + 1);
    let few = last - first <= 3;
    let mut ticks = Vec::new();
    for e in first..=last {
        for m in [1.0, 2.0, 5.0] {
            if m > 1.0 && (!few || e == last) {
                continue;
            }
            let v = m * 10f64.powi(e);
            ticks.push((v.log10(), fmt_num(v)));
        }
    }
    Axis {
        start: f64::from(first),
        end: f64::from(last),
        ticks,
    }
}

/// A time axis over day numbers `[lo, hi]`: ticks at days, weeks, month starts or year
/// starts, whichever gives at most six; a single day gets the week around it.
pub fn dates(lo: f64, hi: f64) -> Axis {
    let (lo, hi) = if hi - lo < 1.0 {
        (lo - 3.0, hi + 3.0)
    } else {
        (lo, hi)
    };
    let (lo_d, hi_d) = (lo.floor() as i64, hi.ceil() as i64);
    for days in [1i64, 2, 7, 14] {
        let first = lo_d.div_euclid(days) * days;
        let last = (hi_d + days - 1).div_euclid(days) * days;
        if (last - first) / days <= 6 {
            let ticks = (0..=(last - first) / days)
                .map(|k| {
                    let d = first + k * days;
                    (d as f64, Date::from_days(d).to_string())
                })
                .collect();
            return Axis {
                start: first as f64,
                end: last as f64,
                ticks,
            };
        }
    }
    let (a, b) = (Date::from_days(lo_d), Date::from_days(hi_d));
    let month_of = |d: Date| i64::from(d.year) * 12 + i64::from(d.month) - 1;
    let (ma, mb) = (month_of(a), month_of(b) + 1);
    for months in [1i64, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200] {
        let first = ma.div_euclid(months) * months;
        let last = (mb + months - 1).div_euclid(months) * months;
        if (last - first) / months <= 6 || months == 1200 {
            let ticks: Vec<(f64, String)> = (0..=(last - first) / months)
                .map(|k| {
                    let m = first + k * months;
                    let year = i32::try_from(m.div_euclid(12)).unwrap_or(i32::MAX);
                    let month = u8::try_from(m.rem_euclid(12) + 1).unwrap_or(1);
                    let day = Date {
                        year,
                        month,
                        day: 1,
                    };
                    let label = if months >= 12 {
                        year.to_string()
                    } else {
                        format!("{year}-{month:02}")
                    };
                    (day.to_days() as f64, label)
                })
                .collect();
            let start = ticks.first().map_or(lo, |t| t.0);
            let end = ticks.last().map_or(hi, |t| t.0);
            return Axis { start, end, ticks };
        }
    }
    linear(lo, hi, 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(a: &Axis) -> Vec<&str> {
        a.ticks.iter().map(|t| t.1.as_str()).collect()
    }

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(1.3), 2.0);
        assert_eq!(nice_step(0.26), 0.5);
        assert_eq!(nice_step(700.0), 1000.0);
        assert_eq!(nice_step(5.0), 5.0);
    }

    #[test]
    fn linear_ticks_are_round_and_cover_the_values() {
        // The "8.6, 10, 12, 13, 14".
        let a = linear(9.0, 14.0, 5);
        assert_eq!(labels(&a), ["9", "10", "11", "12", "13", "14"]);
        assert_eq!((a.start, a.end), (9.0, 14.0));
        let a = linear(23_250.0, 100_000.0, 5);
        assert_eq!(
            labels(&a),
            ["20,000", "40,000", "60,000", "80,000", "100,000"]
        );
        let a = linear(0.2, 0.9, 4);
        assert_eq!(labels(&a), ["0.2", "0.4", "0.6", "0.8", "1.0"]);
        // One value still gets an axis around it.
        let a = linear(95.0, 95.0, 5);
        assert!(a.start < 95.0 && a.end > 95.0, "{a:?}");
    }

    #[test]
    fn log_ticks_are_powers_of_ten() {
        let a = logarithmic(40.0, 7e9);
        assert_eq!(a.ticks.first().unwrap().1, "10");
        assert_eq!(a.ticks.last().unwrap().1, "10,000,000,000");
        assert_eq!((a.start, a.end), (1.0, 10.0));
    }

    #[test]
    fn a_single_date_gets_the_days_around_it_and_long_spans_get_years() {
        let day = Date::new(2024, 1, 3).unwrap().to_days() as f64;
        let a = dates(day, day);
        assert!(a.start < day && a.end > day);
        assert!(a.end - a.start <= 14.0, "{a:?}");
        assert!(
            labels(&a)
                .iter()
                .all(|l| l.starts_with("2023-12") || l.starts_with("2024-01"))
        );
        let feb = Date::new(2022, 2, 1).unwrap().to_days() as f64;
        let a = dates(feb, feb + 27.0);
        assert!(labels(&a).len() <= 7, "{a:?}");
        let a = dates(feb, day);
        assert_eq!(
            labels(&a),
            [
                "2022-01", "2022-07", "2023-01", "2023-07", "2024-01", "2024-07"
            ]
        );
        let a = dates(feb - 3650.0, day);
        assert!(labels(&a).iter().all(|l| l.len() == 4), "{a:?}");
    }
}
