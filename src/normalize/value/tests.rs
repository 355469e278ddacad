use super::extract::*;
use super::*;
use crate::model::{Date, DateOrder, Precision};

fn n(text: &str) -> Assertion {
    normalize_value(text, &Context::default())
}
fn iv(text: &str) -> Interval {
    n(text)
        .interval
        .unwrap_or_else(|| panic!("no interval for {text:?}"))
}
fn ends(text: &str) -> (Option<f64>, Option<f64>, bool, bool) {
    let i = iv(text);
    (i.low, i.high, i.low_inclusive, i.high_inclusive)
}

#[test]
fn policy_exact() {
    assert_eq!(ends("130"), (Some(130.0), Some(130.0), true, true));
    assert_eq!(ends("6,900"), (Some(6900.0), Some(6900.0), true, true));
    assert_eq!(ends("1.15"), (Some(1.15), Some(1.15), true, true));
}

#[test]
fn policy_approximately_uses_rounding_and_margin() {
    // ± half of 1,000 + 5% of 25,000
    assert_eq!(
        ends("approximately 25,000"),
        (Some(23_250.0), Some(26_750.0), true, true)
    );
    for h in [
        "about",
        "around",
        "some",
        "roughly",
        "an estimated",
        "approx.",
    ] {
        assert_eq!(
            iv(&format!("{h} 25,000")),
            iv("approximately 25,000"),
            "{h}"
        );
    }
    let narrow = normalize_value(
        "about 90",
        &Context {
            margin: Some(0.0),
            ..Context::default()
        },
    );
    assert_eq!(narrow.interval, Some(Interval::closed(85.0, 95.0)));
}

#[test]
fn policy_open_and_closed_bounds() {
    for h in ["over", "more than", "upwards of", "in excess of"] {
        assert_eq!(
            ends(&format!("{h} 90")),
            (Some(90.0), None, false, false),
            "{h}"
        );
    }
    assert_eq!(ends("at least 90"), (Some(90.0), None, true, false));
    assert_eq!(ends("90 or more"), (Some(90.0), None, true, false));
    for h in ["under", "less than", "fewer than"] {
        assert_eq!(
            ends(&format!("{h} 100")),
            (Some(0.0), Some(100.0), true, false),
            "{h}"
        );
    }
    for h in ["up to", "at most", "no more than"] {
        assert_eq!(
            ends(&format!("{h} 100")),
            (Some(0.0), Some(100.0), true, true),
            "{h}"
        );
    }
}

#[test]
fn policy_nearly_is_just_below() {
    let (lo, hi, li, hi_inc) = ends("nearly 100");
    assert_eq!((lo, hi, li, hi_inc), (Some(90.0), Some(100.0), true, false));
    assert_eq!(iv("almost 100"), iv("nearly 100"));
    assert_eq!(iv("just under 100"), iv("nearly 100"));
    let (lo, hi, ..) = ends("just over 100");
    assert_eq!((lo, hi), (Some(100.0), Some(110.0)));
}

#[test]
fn policy_ranges() {
    let want = Interval::closed(80_000.0, 100_000.0);
    for s in [
        "between 80,000 and 100,000",
        "80,000 to 100,000",
        "80,000-100,000",
        "80,000–100,000",
        "from 80,000 to 100,000",
        "between 80 and 100 thousand",
    ] {
        assert_eq!(iv(s), want, "{s}");
    }
    assert_eq!(n("£5-7bn").currency, Some("GBP"));
    assert_eq!(iv("£5-7bn"), Interval::closed(5e9, 7e9));
}

#[test]
fn policy_vague_amounts() {
    assert_eq!(ends("dozens"), (Some(24.0), Some(100.0), true, false));
    assert_eq!(ends("hundreds"), (Some(200.0), Some(1000.0), true, false));
    assert_eq!(ends("thousands"), (Some(2000.0), Some(1e6), true, false));
    assert_eq!(
        ends("tens of thousands"),
        (Some(20_000.0), Some(100_000.0), true, false)
    );
    assert_eq!(
        ends("hundreds of thousands"),
        (Some(200_000.0), Some(1e6), true, false)
    );
    assert_eq!(ends("billions"), (Some(2e9), Some(1e12), true, false));
    assert_eq!(iv("several"), Interval::closed(3.0, 9.0));
    assert_eq!(iv("several hundred"), Interval::closed(300.0, 900.0));
    assert_eq!(iv("a few thousand"), Interval::closed(2000.0, 5000.0));
}

#[test]
fn number_words_scales_fractions_percentages_ordinals() {
    for (s, v) in [
        ("two", 2.0),
        ("twenty-one", 21.0),
        ("a dozen", 12.0),
        ("a hundred and fifty", 150.0),
        ("two hundred thousand", 200_000.0),
        ("7 billion", 7e9),
        ("7billion", 7e9),
        ("1.2 million", 1.2e6),
        ("850m", 850e6),
        ("half a million", 5e5),
        ("a third", 1.0 / 3.0),
        ("two thirds", 2.0 / 3.0),
    ] {
        assert_eq!(n(s).stated, Some(v), "{s}");
    }
    assert_eq!(n("40 per cent").unit, Some("%"));
    assert_eq!(n("12%").stated, Some(12.0));
    let third = n("third");
    assert_eq!((third.stated, third.unit), (Some(3.0), Some("ordinal")));
}

#[test]
fn units_and_money_convert_to_canonical() {
    let d = n("510 miles (820 kms)");
    assert_eq!(d.unit, Some("km"));
    assert!((d.stated.unwrap() - 820.765).abs() < 0.01);
    assert!(d.conversion.as_ref().unwrap().consistent);
    assert!(!n("510 miles (920 km)").conversion.unwrap().consistent);
    assert_eq!(n("950-km-long").stated, Some(950.0));
    let m = n("£7 billion");
    assert_eq!(
        (m.kind, m.currency, m.stated),
        (AssertionKind::Money, Some("GBP"), Some(7e9))
    );
    // Bare "pounds" are sterling only where the property takes money.
    assert_eq!(n("7 billion pounds").kind, AssertionKind::Unparsed);
    let money = Context {
        expect: Some(ValueKind::Money),
        ..Context::default()
    };
    assert_eq!(
        normalize_value("7 billion pounds", &money).currency,
        Some("GBP")
    );
    assert_eq!(n("$5m").currency, Some("USD"));
    assert_eq!(n("EUR 3bn").currency, Some("EUR"));
    let metres = normalize_value(
        "850m",
        &Context {
            unit: Some("km"),
            expect: Some(ValueKind::Quantity),
            ..Context::default()
        },
    );
    assert_eq!(metres.stated, Some(0.85));
}

#[test]
fn a_lone_number_is_a_year_only_where_news_years_fall() {
    assert_eq!(n("2022").kind, AssertionKind::Date);
    assert_eq!(n("1000").kind, AssertionKind::Number);
    assert_eq!(n("2,022").kind, AssertionKind::Number);
    let quantity = normalize_value(
        "2022",
        &Context {
            expect: Some(ValueKind::Quantity),
            ..Context::default()
        },
    );
    assert_eq!(quantity.stated, Some(2022.0));
}

#[test]
fn times_of_day() {
    for (s, m) in [
        ("7:10 a.m.", 430.0),
        ("7:10am", 430.0),
        ("7:10 PM", 1150.0),
        ("19:10", 1150.0),
        ("7:10aDec 1", 430.0),
        ("12:05 a.m.", 5.0),
        ("noon", 720.0),
        ("7 p.m.", 1140.0),
    ] {
        assert_eq!(time_of_day(s).map(|t| t.0), Some(m), "{s}");
    }
    for s in ["7", "25:00", "7:75", "13 p.m.", "about"] {
        assert_eq!(time_of_day(s), None, "{s}");
    }
}

#[test]
fn date_and_time_stamps_give_their_time_never_the_month_for_the_hour() {
    for (s, m) in [
        ("12/1 7:45 p.m.", 1185.0),
        ("12/01/2011 7:45 PM", 1185.0),
        ("Fri 21:40", 1300.0),
        ("Jan 03 12:15 a.m.", 15.0),
        ("Dec 1, 2011 at 6:05am", 365.0),
        ("Thursday, Dec. 1 23:56", 1436.0),
        ("2011-12-01T19:45", 1185.0),
        ("2011-12-01 19:45", 1185.0),
    ] {
        assert_eq!(time_of_day(s).map(|t| t.0), Some(m), "{s}");
    }
    // A stamp without a readable time is unreadable, not twelve o'clock or one o'clock.
    for s in ["12/1", "12/1 p.m.", "Jan 03", "Fri", "12-1"] {
        assert_eq!(time_of_day(s), None, "{s}");
    }
}

#[test]
fn durations_in_days() {
    let d = n("nearly two years");
    assert_eq!(d.kind, AssertionKind::Duration);
    let i = d.interval.unwrap();
    assert!(i.low.unwrap() > 500.0 && i.high == Some(730.485) && !i.high_inclusive);
    assert_eq!(
        ends("more than 600 days"),
        (Some(600.0), None, false, false)
    );
    assert!((n("21 months").stated.unwrap() - 639.17).abs() < 0.01);
    assert_eq!(n("almost two weeks").interval.unwrap().high, Some(14.0));
}

/// A value read as a property of kind time would read it.
fn as_time(text: &str) -> Assertion {
    normalize_value(
        text,
        &Context {
            expect: Some(ValueKind::Time),
            ..Context::default()
        },
    )
}

fn date_ctx(reference: Option<&str>) -> Context<'static> {
    Context {
        expect: Some(ValueKind::Date),
        reference: reference.map(|r| Reference {
            range: Date::parse_iso(r).unwrap(),
            label: "publication date",
            ahead: false,
        }),
        ..Context::default()
    }
}
fn dr(text: &str, reference: Option<&str>) -> (String, Option<Precision>, Option<String>) {
    let a = normalize_value(text, &date_ctx(reference));
    (
        a.date.map(|d| d.to_string()).unwrap_or_default(),
        a.date.map(|d| d.precision),
        a.unresolved,
    )
}

#[test]
fn absolute_and_partial_dates() {
    assert_eq!(dr("3 January 2024", None).0, "2024-01-03");
    assert_eq!(dr("Jan. 4, 2024", None).0, "2024-01-04");
    assert_eq!(dr("February 2022", None).0, "2022-02-01..2022-02-28");
    assert_eq!(dr("2022", None).1, Some(Precision::Year));
    // A year in thirds of four months, a month in thirds of ten days.
    assert_eq!(dr("early 2022", None).0, "2022-01-01..2022-04-30");
    assert_eq!(dr("mid-2021", None).0, "2021-05-01..2021-08-31");
    assert_eq!(dr("late March 2024", None).0, "2024-03-21..2024-03-31");
    assert_eq!(dr("2024-01-03", None).0, "2024-01-03");
    assert_eq!(
        dr("between 2011 and 2017", None).0,
        "2011-01-01..2017-12-31"
    );
    assert!(
        dr("31 February 2024", None)
            .2
            .unwrap()
            .contains("not a real date")
    );
    assert!(
        dr("Wednesday, Jan. 4, 2024", None)
            .2
            .unwrap()
            .contains("Thursday")
    );
}

#[test]
fn relative_dates_resolve_against_the_reference() {
    assert_eq!(dr("January 3", Some("2024-01-20")).0, "2024-01-03");
    assert_eq!(
        dr("October", Some("2025-08-01")).0,
        "2025-10-01..2025-10-31"
    );
    assert_eq!(
        dr("last month", Some("2025-08-14")).0,
        "2025-07-01..2025-07-31"
    );
    assert_eq!(dr("Tuesday", Some("2024-09-05")).0, "2024-09-03");
    assert_eq!(
        dr("last year", Some("2024-09-05")).0,
        "2023-01-01..2023-12-31"
    );
    assert_eq!(
        dr("March of this year", Some("2024")).0,
        "2024-03-01..2024-03-31"
    );
    // An offset in weeks is the day, stated to the week.
    assert_eq!(dr("two weeks ago", Some("2024-09-15")).0, "2024-09-01");
    assert_eq!(
        normalize_value("two weeks ago", &date_ctx(Some("2024-09-15"))).resolution,
        Some(7.0)
    );
    // A coarse reference gives a wider, still honest, range.
    assert_eq!(dr("last month", Some("2025")).0, "2024-12-01..2025-11-30");
}

#[test]
fn relative_dates_without_reference_stay_open_with_a_reason() {
    let (range, _, why) = dr("last month", None);
    assert!(range.is_empty());
    assert!(why.unwrap().contains("publication date"));
    let (_, _, why) = dr("Tuesday", Some("2024"));
    assert!(why.unwrap().contains("precise to the day"));
}

fn q(text: &str, unit: Option<&'static str>) -> Assertion {
    normalize_value(
        text,
        &Context {
            expect: Some(ValueKind::Quantity),
            unit,
            ..Context::default()
        },
    )
}
fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-6 * b.abs().max(1.0))
}

#[test]
fn every_word_is_accounted_for_or_the_value_is_unparsed() {
    for s in [
        "1,2OO",
        "14 apples",
        "3 January 20245",
        "over 90 Afghans",
        "about 25,000 or so more",
        "12,34",
        "1.2.3",
    ] {
        assert_eq!(n(s).kind, AssertionKind::Unparsed, "{s}");
    }
    let why = n("1,2OO").unresolved.unwrap();
    assert!(why.contains("2OO"), "{why}");
    // Count nouns and participles after them are recognised, not skipped.
    for s in [
        "over 90 people",
        "90 people killed",
        "12 injured",
        "thousands of civilians",
    ] {
        assert_ne!(q(s, Some("people")).kind, AssertionKind::Unparsed, "{s}");
    }
    // Dot-separated thousands are read whole, never as 1.
    assert_eq!(n("1.000.000").stated, Some(1e6));
    assert_eq!(
        n("2005-11-20").date.map(|d| d.to_string()).unwrap(),
        "2005-11-20"
    );
}

#[test]
fn signs_fractions_and_ratios() {
    assert_eq!(n("minus 12").stated, Some(-12.0));
    assert_eq!(n("negative 3.5").stated, Some(-3.5));
    assert_eq!(q("\u{2212}40", None).stated, Some(-40.0));
    assert_eq!(n("3/4").stated, Some(0.75));
    assert_eq!(n("½").stated, Some(0.5));
    assert_eq!(n("2½ million").stated, Some(2.5e6));
    assert_eq!(n("2 million and a half").stated, Some(2.5e6));
    assert_eq!(n("half a billion").stated, Some(5e8));
    assert!(close(n("two-thirds").stated, 2.0 / 3.0));
    assert!(close(n("a sixth").stated, 1.0 / 6.0));
    assert_eq!(n("a sixth").unit, None, "a fraction, not an ordinal");
    assert_eq!(n("one in eight").stated, Some(0.125));
    assert_eq!(n("three out of four").stated, Some(0.75));
    assert_eq!(n("a quarter").stated, Some(0.25));
    // For a percentage property, a fraction is its percentage.
    let p = q("one in eight", Some("%"));
    assert_eq!((p.stated, p.unit), (Some(12.5), Some("%")));
}

#[test]
fn bounds_verbs_and_alternatives() {
    assert_eq!(ends("14 or 15"), (Some(14.0), Some(15.0), true, true));
    assert_eq!(ends("two or three"), (Some(2.0), Some(3.0), true, true));
    assert_eq!(iv("two or three hundred"), Interval::closed(200.0, 300.0));
    assert_eq!(ends("500 or greater"), (Some(500.0), None, true, false));
    assert_eq!(ends("500 or higher"), (Some(500.0), None, true, false));
    assert_eq!(ends("≥ 5"), (Some(5.0), None, true, false));
    assert_eq!(ends("<100"), (Some(0.0), Some(100.0), true, false));
    assert_eq!(ends("≤ 7"), (Some(0.0), Some(7.0), true, true));
    assert_eq!(
        ends("more than 40 but fewer than 60"),
        (Some(40.0), Some(60.0), false, false)
    );
    assert_eq!(
        ends("at least 3 and at most 5"),
        (Some(3.0), Some(5.0), true, true)
    );
    assert_eq!(
        ends("between 2 and 3 per cent"),
        (Some(2.0), Some(3.0), true, true)
    );
    assert_eq!(n("between 2 and 3 per cent").unit, Some("%"));
    for s in [
        "exceeded 1,000",
        "topped 1,000",
        "surpassed 1,000",
        "will exceed 1,000",
    ] {
        assert_eq!(ends(s), (Some(1000.0), None, false, false), "{s}");
    }
    assert_eq!(iv("rose to 50"), Interval::point(50.0));
    assert_eq!(iv("fell to 12"), Interval::point(12.0));
    assert_eq!(iv("nearly reached 1,000"), iv("nearly 1,000"));
}

#[test]
fn reversed_ranges_are_read_low_to_high_with_a_warning() {
    let a = n("between 100 and 10");
    assert_eq!(a.interval, Some(Interval::closed(10.0, 100.0)));
    assert!(a.unresolved.unwrap().contains("high to low"));
    // A dash "range" written high to low is a score or a code: unreadable.
    assert_eq!(n("100-10").kind, AssertionKind::Unparsed);
}

#[test]
fn units_convert_to_one_canonical_unit_per_dimension() {
    for (s, v, unit) in [
        ("6 ft 1 in", 0.001_854_2, "km"),
        ("1 hour 20 minutes", 80.0 / 1440.0, "day"),
        (
            "two years and three months",
            2.0 * 365.2425 + 3.0 * 30.436_875,
            "day",
        ),
        ("3000 tonnes", 3e6, "kg"),
        ("200 lbs", 90.718_474, "kg"),
        ("120 km/h", 120.0, "km/h"),
        ("70 miles per hour", 112.654_08, "km/h"),
        ("50 mph", 80.4672, "km/h"),
        ("50 square miles", 129.499_4, "km²"),
        ("400 hectares", 4.0, "km²"),
        ("20 km²", 20.0, "km²"),
        ("5m3", 5000.0, "litre"),
        ("2 cubic metres", 2000.0, "litre"),
        ("1,000 barrels", 158_987.294_928, "litre"),
        ("104 degrees Fahrenheit", 40.0, "°C"),
        ("40°C", 40.0, "°C"),
        ("forty minutes", 40.0 / 1440.0, "day"),
        ("3 percentage points", 3.0, "percentage point"),
    ] {
        let a = n(s);
        assert!(close(a.stated, v), "{s}: {:?}", a.stated);
        assert_eq!(a.unit, Some(unit), "{s}");
    }
    // "m": metres by the text or the property, millions after money.
    assert!(close(n("2.1m tall").stated, 0.0021));
    assert_eq!(n("£2.1m").stated, Some(2.1e6));
    assert!(close(q("850m", Some("km")).stated, 0.85));
    assert_eq!(n("850m").stated, Some(850e6));
    // A number followed by a unit is never a year.
    assert_eq!(n("2000 tonnes").kind, AssertionKind::Quantity);
    assert_eq!(n("2020 km").kind, AssertionKind::Quantity);
    // Pounds of mass for a mass property, sterling otherwise.
    assert_eq!(q("200 pounds", Some("kg")).unit, Some("kg"));
    assert_eq!(q("200 pounds", None).unit, Some("kg"));
    assert_eq!(n("200 pounds").kind, AssertionKind::Unparsed);
    // Degrees alone are the property's.
    assert_eq!(q("40 degrees", Some("°C")).stated, Some(40.0));
    assert_eq!(n("40 degrees").kind, AssertionKind::Unparsed);
}

#[test]
fn money_in_every_spelling() {
    for (s, v, cur) in [
        ("USD12.50", 12.5, "USD"),
        ("USD 12.50", 12.5, "USD"),
        ("12.50 USD", 12.5, "USD"),
        ("45 €", 45.0, "EUR"),
        ("45€", 45.0, "EUR"),
        ("€45", 45.0, "EUR"),
        ("RM90", 90.0, "MYR"),
        ("C$12", 12.0, "CAD"),
        ("A$3bn", 3e9, "AUD"),
        ("NZ$40", 40.0, "NZD"),
        ("HK$1.2m", 1.2e6, "HKD"),
        ("US$5 million", 5e6, "USD"),
        ("$7 and 25 cents", 7.25, "USD"),
        ("$4.99", 4.99, "USD"),
        ("50 bucks", 50.0, "USD"),
        ("20 quid", 20.0, "GBP"),
        ("Rs 12 crore", 1.2e8, "INR"),
        ("Rs. 3 lakh", 3e5, "INR"),
        ("75p", 0.75, "GBP"),
    ] {
        let a = n(s);
        assert_eq!(a.kind, AssertionKind::Money, "{s}");
        assert!(close(a.stated, v), "{s}: {:?}", a.stated);
        assert_eq!(a.currency, Some(cur), "{s}");
    }
    // "grand" and "cents" are of the currency the property declares; of none, unread.
    assert_eq!(n("5 grand").kind, AssertionKind::Unparsed);
    let usd = |v: &str| {
        normalize_value(
            v,
            &Context {
                expect: Some(ValueKind::Money),
                unit: Some("USD"),
                ..Context::default()
            },
        )
    };
    assert_eq!(
        (usd("5 grand").stated, usd("5 grand").currency),
        (Some(5000.0), Some("USD"))
    );
    assert!(close(usd("99 cents").stated, 0.99));
    assert_eq!(usd("99 cents").currency, Some("USD"));
    assert_eq!(n("3 lakh").stated, Some(3e5));
    // "c." is circa; "C$" is a currency.
    assert_eq!(n("c. 1,500").rule, n("about 1,500").rule);
    assert_eq!(n("C$1,500").currency, Some("CAD"));
}

#[test]
fn stated_resolution_follows_the_way_of_writing() {
    assert_eq!(n("640 million").resolution, Some(1e7));
    assert_eq!(n("640,000,000").resolution, Some(0.0));
    assert_eq!(n("1.2bn").resolution, Some(1e8));
    assert_eq!(n("£5-7bn").resolution, Some(1e9));
    assert_eq!(n("twenty-one").resolution, Some(0.0));
    assert_eq!(n("three hundred").resolution, Some(0.0));
    assert_eq!(n("two million").resolution, Some(1e6));
    assert_eq!(n("25k").resolution, Some(1e3));
    assert_eq!(n("February 2022").resolution, None);
}

#[test]
fn numeric_dates_and_the_declared_order() {
    assert_eq!(dr("17/03/2021", None).0, "2021-03-17");
    assert_eq!(dr("3/17/2021", None).0, "2021-03-17");
    assert_eq!(dr("2021/03/17", None).0, "2021-03-17");
    assert_eq!(dr("17-Mar-2021", None).0, "2021-03-17");
    let (range, _, why) = dr("04/05/2021", None);
    assert!(range.is_empty());
    assert!(why.unwrap().contains("date_order"));
    let with = |order| {
        normalize_value(
            "04/05/2021",
            &Context {
                date_order: Some(order),
                ..date_ctx(None)
            },
        )
        .date
        .map(|d| d.to_string())
    };
    assert_eq!(with(DateOrder::Dmy).as_deref(), Some("2021-05-04"));
    assert_eq!(with(DateOrder::Mdy).as_deref(), Some("2021-04-05"));
    assert!(
        dr("31/02/2021", None)
            .2
            .unwrap()
            .contains("not a real date")
    );
}

#[test]
fn date_ranges_periods_weeks_and_offsets() {
    let r = Some("2024-09-05");
    for (s, want) in [
        ("from June to October 2022", "2022-06-01..2022-10-31"),
        ("June-October 2022", "2022-06-01..2022-10-31"),
        ("between 3 and 5 March 2023", "2023-03-03..2023-03-05"),
        ("March 3-5, 2022", "2022-03-03..2022-03-05"),
        ("from November to February 2023", "2022-11-01..2023-02-28"),
        ("Q3 2020", "2020-07-01..2020-09-30"),
        ("2020 q3", "2020-07-01..2020-09-30"),
        ("H1 2022", "2022-01-01..2022-06-30"),
        ("the second half of 2021", "2021-07-01..2021-12-31"),
        ("the first quarter of 2024", "2024-01-01..2024-03-31"),
        ("last quarter", "2024-04-01..2024-06-30"),
        ("the week of 4 March", "2024-03-04..2024-03-10"),
        ("the following week", "2024-09-09..2024-09-15"),
        ("June of 2011", "2011-06-01..2011-06-30"),
        ("9 May last year", "2023-05-09"),
        ("two days earlier", "2024-09-03"),
        ("three days later", "2024-09-08"),
        ("in two weeks", "2024-09-19"),
    ] {
        assert_eq!(dr(s, r).0, want, "{s}");
    }
    assert_eq!(dr("since August 2023", r).0, "2023-08-01..");
    // Eight months before the reference, 7 January is read as the coming one (the nearest).
    assert_eq!(dr("starting 7 January", r).0, "2025-01-07..");
    assert_eq!(dr("starting 7 August", r).0, "2024-08-07..");
    let start = normalize_value(
        "since August 2023",
        &Context {
            start: true,
            ..date_ctx(r)
        },
    );
    assert_eq!(start.date.unwrap().to_string(), "2023-08-01..2023-08-31");
    assert!(is_start_property(&["start date"]) && !is_start_property(&["death toll"]));
}

#[test]
fn times_in_date_and_time_stamps() {
    let time = |s: &str| {
        let a = as_time(s);
        a.stated.ok_or(a.unresolved.unwrap_or_default())
    };
    assert_eq!(time("12/1 7:45 p.m."), Ok(1185.0));
    assert_eq!(time("Fri 21:40"), Ok(1300.0));
    assert_eq!(time("Jan 03 12:15 a.m."), Ok(15.0));
    assert_eq!(time("7:10aDec 1"), Ok(430.0));
    assert_eq!(time("9:45 PM"), Ok(1305.0));
    // The day of the month is never the hour.
    assert!(time("Jan 03").is_err());
    assert!(time("7:45 p.m. tomorrow-ish").is_err());
}

#[test]
fn extract_keeps_codes_whole_and_reads_times_and_durations() {
    let text = "At 9:45 PM, 14 or 15 people were hurt; forty minutes later police arrived. \
                Call 555-123-4567 or see 192.168.1.1. On 2005-11-20 the 2.1m wall fell.";
    let found = extract(text, Date::parse_iso("2024-01"));
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|e| (e.text(text), e.assertion.kind.name()))
        .collect();
    assert_eq!(
        got,
        [
            ("9:45 PM", "time"),
            ("14 or 15", "range"),
            ("forty minutes", "duration"),
            ("2005-11-20", "date"),
            // Nothing says whether the wall is 2.1 metres or 2.1 million: unread, not a guess.
            ("2.1m", "unparsed"),
        ]
    );
}

#[test]
fn digit_groupings_and_ambiguous_separators() {
    assert_eq!(n("about 300 000").stated, Some(300_000.0));
    assert_eq!(n("1\u{a0}000\u{a0}000").stated, Some(1e6));
    assert_eq!(n("12,00,000").stated, Some(1.2e6));
    assert_eq!(n("1,20,00,000").stated, Some(1.2e7));
    // "120.000" is 120 in English and 120,000 in German: not guessed.
    assert_eq!(n("120.000").kind, AssertionKind::Unparsed);
    assert_eq!(n("1O%").kind, AssertionKind::Unparsed);
}

#[test]
fn durations_with_articles_halves_and_compound_units() {
    let d = |s: &str| {
        normalize_value(
            s,
            &Context {
                expect: Some(ValueKind::Duration),
                ..Context::default()
            },
        )
    };
    assert_eq!(d("a fortnight").stated, Some(14.0));
    assert!(close(d("an hour").stated, 1.0 / 24.0));
    assert!(close(d("half an hour").stated, 1.0 / 48.0));
    assert_eq!(d("a day and a half").stated, Some(1.5));
    assert_eq!(
        d("more than a decade").interval.and_then(|i| i.low),
        Some(3652.425)
    );
    assert!(close(n("30 m/s").stated, 108.0));
    assert_eq!(n("a quarter of a million").stated, Some(250_000.0));
    assert_eq!(n("three-quarters of a million").stated, Some(750_000.0));
    assert_eq!(n("2 ½").stated, Some(2.5));
    assert_eq!(
        ends("between five and ten"),
        (Some(5.0), Some(10.0), true, true)
    );
    // "from 714 to 692" states a change, not a range.
    assert_eq!(
        q("from 714 billion yen to 692 billion yen", None).kind,
        AssertionKind::Unparsed
    );
}

#[test]
fn temperatures_by_letter_and_sign() {
    assert_eq!(n("42C").stated, Some(42.0));
    assert!(close(n("104F").stated, 40.0));
    assert_eq!(n("-16°C").stated, Some(-16.0));
    assert_eq!(n("minus 20 degrees Celsius").stated, Some(-20.0));
    assert_eq!(ends("below zero"), (None, Some(0.0), true, false));
    assert_eq!(
        n("more than 16 metric tonnes").interval.and_then(|i| i.low),
        Some(16_000.0)
    );
}

#[test]
fn more_times_of_day() {
    let time = |s: &str| as_time(s).stated;
    assert_eq!(time("midday"), Some(720.0));
    assert_eq!(time("12 noon"), Some(720.0));
    assert_eq!(time("1930 hours"), Some(1170.0));
    assert_eq!(time("21.45"), Some(1305.0));
    assert_eq!(time("8:56 AM CDT"), Some(536.0));
    assert_eq!(time("GMT 12:23"), Some(743.0));
    assert_eq!(time("Jul 2, 2012 8:56 AM CDT"), Some(536.0));
    assert_eq!(dr("15 March 2024, 14:30", None).0, "2024-03-15");
    assert_eq!(dr("by 2030", None).0, "..2030-12-31");
    assert_eq!(
        dr("February 28 to March 3, 2023", None).0,
        "2023-02-28..2023-03-03"
    );
    assert_eq!(
        dr("2024-04-01 to 2024-09-30", None).0,
        "2024-04-01..2024-09-30"
    );
    // A weekday that contradicts the date leaves the day unknown.
    assert!(dr("Wednesday, Jan. 4, 2024", None).0.is_empty());
}

#[test]
fn property_units_are_matched_by_dimension_and_slips_are_read() {
    assert_eq!(q("14 tons", Some("tonnes")).unresolved, None);
    assert_eq!(
        q("more than 30 million cubic meters", Some("cubic metres")).unresolved,
        None
    );
    assert!(q("14 km", Some("tonnes")).unresolved.is_some());
    assert_eq!(
        iv("between 18,000 to 20,000"),
        Interval::closed(18_000.0, 20_000.0)
    );
    assert_eq!(dr("Sunday night", Some("2024-09-05")).0, "2024-09-01");
}

#[test]
fn hedges_before_ranges_and_contradicting_hedges() {
    assert_eq!(
        ends("as much as 10-15"),
        (Some(0.0), Some(15.0), true, true)
    );
    assert_eq!(ends("more than 10-15"), (Some(10.0), None, false, false));
    assert_eq!(
        q("up to 20 feet or more", None).kind,
        AssertionKind::Unparsed
    );
    let age = normalize_value(
        "28-year-old",
        &Context {
            expect: Some(ValueKind::Duration),
            ..Context::default()
        },
    );
    assert!(close(age.stated, 28.0 * 365.2425));
    let found = extract("He left more than a year ago.", None);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn extract_finds_figures_in_prose() {
    let text = "In February 2022, a breach exposed approximately 25,000 Afghans. \
                The £7 billion scheme ran for nearly two years; over 90 died on January 3.";
    let found = extract(text, Date::parse_iso("2024-01"));
    let texts: Vec<&str> = found.iter().map(|e| e.text(text)).collect();
    assert_eq!(
        texts,
        [
            "February 2022",
            "approximately 25,000",
            "£7 billion",
            "nearly two years",
            "over 90",
            "January 3"
        ]
    );
    for e in &found {
        assert!(e.sentence.start <= e.start && e.end <= e.sentence.end);
        assert!(e.sentence(text).contains(e.text(text)));
    }
}

/// What `extract` finds in a sentence: (span, kind, low, high, unit, currency).
fn found(text: &str, published: Option<&str>) -> Vec<(String, &'static str, String, String)> {
    extract(text, published.and_then(Date::parse_iso))
        .into_iter()
        .map(|e| {
            let a = &e.assertion;
            let what = format!(
                "{}{}",
                a.unit.map(|u| format!(" {u}")).unwrap_or_default(),
                a.currency.map(|c| format!(" {c}")).unwrap_or_default()
            );
            // As the JSON shows the low end: a quoted ISO day, a number, or null.
            let lo = match (a.date, a.interval.and_then(|i| i.low)) {
                (Some(d), _) => d.first.map_or("null".into(), |d| format!("\"{d}\"")),
                (None, Some(x)) => format!("{}", (x * 1e4).round() / 1e4),
                (None, None) => "null".into(),
            };
            (e.text(text).to_string(), a.kind.name(), lo, what)
        })
        .collect()
}

fn one(text: &str, published: Option<&str>, span: &str) -> (&'static str, String, String) {
    let f = found(text, published);
    let hit = f
        .iter()
        .find(|x| x.0 == span)
        .unwrap_or_else(|| panic!("{span:?} not found in {text:?}: {f:?}"));
    (hit.1, hit.2.clone(), hit.3.clone())
}

#[test]
fn offsets_in_weeks_are_the_day_stated_to_the_week() {
    let r = Some("2024-03-15");
    assert_eq!(dr("three weeks later", r).0, "2024-04-05");
    assert_eq!(dr("in two weeks", r).0, "2024-03-29");
    assert_eq!(dr("a fortnight ago", r).0, "2024-03-01");
    let a = normalize_value("three weeks later", &date_ctx(r));
    assert_eq!(a.resolution, Some(7.0));
    // In prose, after a word of the future it is the day two weeks on; elsewhere the
    // duration it states.
    let (kind, low, _) = one(
        "The airport will reopen in two weeks, officials said.",
        r,
        "in two weeks",
    );
    assert_eq!((kind, low.as_str()), ("date", "\"2024-03-29\""));
    let (kind, ..) = one("It was the first death in two weeks.", r, "two weeks");
    assert_eq!(kind, "duration");
}

#[test]
fn pounds_are_sterling_or_weight_as_the_sentence_says_or_unread() {
    let kg = |s: &str, span: &str| one(s, None, span);
    assert_eq!(
        kg("Police seized 5,000 pounds of fireworks.", "5,000 pounds"),
        ("quantity", "2267.9619".into(), " kg".into())
    );
    assert_eq!(
        kg(
            "A cubic yard of sea water weighs 1,728 pounds.",
            "1,728 pounds"
        )
        .2,
        " kg"
    );
    assert_eq!(
        kg("The repairs cost 500 pounds.", "500 pounds"),
        ("money", "500".into(), " GBP".into())
    );
    assert_eq!(
        kg(
            "It wasted 9 million pounds of taxpayers' money.",
            "9 million pounds"
        )
        .2,
        " GBP"
    );
    assert_eq!(kg("He gave her 500 pounds.", "500 pounds").0, "unparsed");
    assert_eq!(
        kg(
            "He was paid 500 pounds and weighed 200 pounds.",
            "500 pounds"
        )
        .0,
        "unparsed"
    );
    // "sterling" and "£" settle it.
    assert_eq!(
        kg("He gave 500 pounds sterling.", "500 pounds sterling").2,
        " GBP"
    );
}

#[test]
fn cents_and_grand_take_the_currency_the_sentence_names_or_stay_unread() {
    assert_eq!(
        one(
            "Average hourly earnings rose by 9 cents, or 0.3%, to $36.00.",
            None,
            "9 cents"
        ),
        ("money", "0.09".into(), " USD".into())
    );
    assert_eq!(
        one("A man lost 20 grand to the scam.", None, "20 grand").0,
        "unparsed"
    );
    assert_eq!(
        one("A ticket costs 99 cents or €1.", None, "99 cents"),
        ("money", "0.99".into(), " EUR".into())
    );
    assert_eq!(n("99 cents").kind, AssertionKind::Unparsed);
}

#[test]
fn bracketed_restatements_in_prose_are_figures_of_their_own() {
    let f = found(
        "France registered 45.9C (114.6F), and the record was 42C (108F).",
        None,
    );
    let spans: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(spans, ["45.9C", "114.6F", "42C", "108F"]);
    assert_eq!(f[1].2, "45.8889");
    assert!(f.iter().all(|x| x.3 == " °C"));
    // A claim's value still reads one figure and checks the restatement.
    assert!(n("45.9C (114.6F)").conversion.is_some_and(|c| c.consistent));
}

#[test]
fn changes_are_two_figures_and_ambiguous_ones_unread() {
    let spans = |s: &str| -> Vec<(String, String)> {
        found(s, None).into_iter().map(|x| (x.0, x.2)).collect()
    };
    assert_eq!(
        spans("The unemployment rate rose from 4.3% to 4.4%."),
        [("4.3%".into(), "4.3".into()), ("4.4%".into(), "4.4".into())]
    );
    assert_eq!(
        one(
            "Prices rose from January to March, it said.",
            Some("2024-05-01"),
            "from January to March"
        )
        .1,
        "\"2024-01-01\""
    );
    assert_eq!(
        spans("Weekly claims jumped 27,000 to 263,000."),
        [
            ("27,000".into(), "27000".into()),
            ("263,000".into(), "263000".into())
        ]
    );
    assert_eq!(
        spans("The panel voted by a majority of 10 to 2."),
        [("10".into(), "10".into()), ("2".into(), "2".into())]
    );
    assert_eq!(
        spans("It cut its forecast from 714 billion yen to 692 billion yen, it said."),
        [
            ("714 billion yen".into(), "714000000000".into()),
            ("692 billion yen".into(), "692000000000".into())
        ]
    );
    // "rose 10 to 15 percent": a range of the change, or a change to 15%? Unread.
    assert_eq!(
        one("Prices rose 10 to 15 percent.", None, "10 to 15 percent").0,
        "unparsed"
    );
    // Without a verb of change, a range stays a range.
    assert_eq!(
        one(
            "It will cost 10 to 15 percent more.",
            None,
            "10 to 15 percent"
        )
        .0,
        "range"
    );
}

#[test]
fn prose_spans_end_at_the_unit() {
    assert_eq!(
        one("A record course must be 42.195 km long.", None, "42.195 km").2,
        " km"
    );
    assert_eq!(
        one("A swath 50 to 100 miles wide.", None, "50 to 100 miles").1,
        "80.4672"
    );
    // In a value the extent word belongs to it.
    assert_eq!(n("42.195 km long").stated, Some(42.195));
}

#[test]
fn halves_and_times_in_words() {
    let years = normalize_value(
        "seven-and-a-half years",
        &Context {
            expect: Some(ValueKind::Duration),
            ..Context::default()
        },
    );
    assert!(close(years.stated, 7.5 * 365.2425));
    assert_eq!(n("two and a half million").stated, Some(2.5e6));
    assert_eq!(n("one and a half").stated, Some(1.5));
    assert_eq!(n("7 and a half").stated, Some(7.5));
    let time = as_time;
    assert_eq!(time("half past seven in the evening").stated, Some(1170.0));
    assert_eq!(time("half past nine in the morning").stated, Some(570.0));
    assert_eq!(time("quarter to midnight").stated, Some(1425.0));
    assert_eq!(time("twenty past nine p.m.").stated, Some(1280.0));
    assert_eq!(time("nine pm").stated, Some(1260.0));
    assert_eq!(time("seven o'clock at night").stated, Some(1140.0));
    // The twelve-hour clock without a part of the day: morning or evening is not said.
    assert_eq!(time("half past seven").kind, AssertionKind::Unparsed);
    assert_eq!(
        one(
            "The show starts at half past seven in the evening.",
            None,
            "half past seven in the evening"
        ),
        ("time", "1170".into(), " minute".into())
    );
    assert_eq!(
        one("Gunmen killed seven in the evening raid.", None, "seven").0,
        "number"
    );
    assert!(
        found("A quarter of 5 people agreed.", None)
            .iter()
            .all(|x| x.1 != "time" && x.1 != "unparsed")
    );
    assert_eq!(
        one(
            "He will serve seven-and-a-half years.",
            None,
            "seven-and-a-half years"
        )
        .0,
        "duration"
    );
}

#[test]
fn bare_degrees_take_the_scale_the_sentence_states_or_stay_unread() {
    assert_eq!(
        one(
            "July highs are 21 degrees Celsius, with night lows of 12 degrees.",
            None,
            "12 degrees"
        ),
        ("quantity", "12".into(), " °C".into())
    );
    assert_eq!(
        one("The ramp rises at 12 degrees.", None, "12 degrees").0,
        "unparsed"
    );
    let fahrenheit = normalize_value(
        "104 degrees",
        &Context {
            expect: Some(ValueKind::Quantity),
            unit: Some("°F"),
            ..Context::default()
        },
    );
    assert!(close(fahrenheit.stated, 40.0));
}

#[test]
fn thresholds_ages_spread_periods_and_garbled_figures() {
    assert_eq!(one("The toll would cross 100.", None, "cross 100").1, "100");
    assert_eq!(one("They crossed 3 rivers.", None, "3").0, "number");
    assert_eq!(
        one("It surveyed children aged 8-16.", None, "8-16"),
        ("duration", "2921.94".into(), " day".into())
    );
    assert_eq!(
        one(
            "The tour takes in seven cities over 17 days, with nine concerts.",
            None,
            "17 days"
        )
        .1,
        "17"
    );
    assert_eq!(
        one(
            "The strike lasted over 17 days, they said.",
            None,
            "over 17 days"
        )
        .0,
        "duration"
    );
    assert_eq!(
        one("Rainfall of 5 inches over two days.", None, "two days").1,
        "2"
    );
    assert_eq!(
        one(
            "Storm tides can reach up to 20 feet or more.",
            None,
            "reach up to 20 feet or more"
        )
        .0,
        "unparsed"
    );
    assert_eq!(
        one(
            "Die Polizei stellte 3.458 Tonnen Kokain sicher.",
            None,
            "3.458 Tonnen"
        )
        .0,
        "unparsed"
    );
    assert_eq!(
        one(
            "Losses ran into the l00s of millions.",
            None,
            "l00s of millions"
        )
        .0,
        "unparsed"
    );
    // A unit the reader knows stays read.
    assert_eq!(one("It weighs 3 tonnes.", None, "3 tonnes").0, "quantity");
}

#[test]
fn iso_months_weeks_reported_quarters_and_stamps() {
    let r = Some("2024-05-02");
    assert_eq!(dr("2021-03", r).0, "2021-03-01..2021-03-31");
    // A season stays the years it names.
    assert_eq!(dr("2011-12", r).0, "2011-01-01..2012-12-31");
    assert_eq!(dr("week 12 of 2024", r).0, "2024-03-18..2024-03-24");
    assert_eq!(dr("week 1 2021", r).0, "2021-01-04..2021-01-10");
    assert_eq!(dr("4Q12", r).0, "2012-10-01..2012-12-31");
    assert_eq!(dr("3Q2012", r).0, "2012-07-01..2012-09-30");
    assert_eq!(dr("mid-March", r).0, "2024-03-11..2024-03-20");
    assert_eq!(dr("2024-03-17T14:30:00Z", r).0, "2024-03-17");
    assert_eq!(
        one(
            "The alarm was logged at 2024-03-17T14:30:00Z.",
            None,
            "2024-03-17T14:30:00Z"
        ),
        ("date", "\"2024-03-17\"".into(), String::new())
    );
    assert_eq!(
        one(
            "Prices rose 5-7% in the first half, it said.",
            Some("2023-08-01"),
            "the first half"
        )
        .1,
        "\"2023-01-01\""
    );
    // A capitalised May after "in" is the month; at the head of a sentence it is not read.
    assert_eq!(
        one(
            "Forecasters expect 188,000 new jobs in May.",
            Some("2023-05-31"),
            "May"
        )
        .0,
        "date"
    );
    assert!(
        found("May I ask about 12 things?", Some("2023-05-31"))
            .iter()
            .all(|x| x.0 != "May")
    );
    // "ten years after a discount" counts from something else than the reference.
    assert_eq!(
        one(
            "He will serve seven years, down from ten years after a discount.",
            Some("2023-05-31"),
            "ten years"
        )
        .0,
        "duration"
    );
}

#[test]
fn race_clocks_mixed_fractions_and_swiss_grouping() {
    assert_eq!(
        one(
            "Kipchoge crossed the finish line in 2:01:09.",
            None,
            "2:01:09"
        ),
        ("duration", "0.0841".into(), " day".into())
    );
    let race = normalize_value(
        "2:01:09",
        &Context {
            expect: Some(ValueKind::Duration),
            ..Context::default()
        },
    );
    assert!(close(race.stated, (2.0 * 3600.0 + 69.0) / 86_400.0));
    assert_eq!(n("6-1/2").stated, Some(6.5));
    assert_eq!(
        one(
            "He held out for nearly 6-1/2 hours, police said.",
            None,
            "nearly 6-1/2 hours"
        )
        .0,
        "duration"
    );
    assert_eq!(n("1'000'000").stated, Some(1e6));
}

#[test]
fn decimals_in_words_and_without_a_leading_zero() {
    assert_eq!(n("three point five million").stated, Some(3.5e6));
    assert!(close(n("one point two four").stated, 1.24));
    assert_eq!(n(".5").stated, Some(0.5));
    assert_eq!(
        one(
            "It cost three point five million dollars.",
            None,
            "three point five million dollars"
        ),
        ("money", "3500000".into(), " USD".into())
    );
    assert_eq!(one("Each costs $.75, it said.", None, "$.75").1, "0.75");
    // "three points" is a count of points, and "No.5" a name.
    assert_eq!(one("He scored three points.", None, "three").1, "3");
    assert!(
        found("It was No.5 on the list.", None)
            .iter()
            .all(|x| x.2 != "0.5")
    );
}

#[test]
fn a_countrys_currency_by_its_adjective_or_unread() {
    for (s, span, cur) in [
        ("It costs 5 US dollars.", "5 US dollars", " USD"),
        (
            "Tickets are 15 Canadian dollars.",
            "15 Canadian dollars",
            " CAD",
        ),
        (
            "They raised 1.2 million Australian dollars.",
            "1.2 million Australian dollars",
            " AUD",
        ),
        (
            "He sold it for 100 British pounds.",
            "100 British pounds",
            " GBP",
        ),
        (
            "The loan was 5 million Swiss francs.",
            "5 million Swiss francs",
            " CHF",
        ),
    ] {
        assert_eq!(one(s, None, span).2, cur, "{s}");
    }
    // A country's name the reader does not pair with the word: unread, not a bare number.
    for (s, span) in [
        ("It cost 100 Zimbabwean dollars.", "100 Zimbabwean dollars"),
        ("It cost 5 New Zealand dollars.", "5 New Zealand dollars"),
        ("He paid 5 extra dollars.", "5 extra dollars"),
    ] {
        assert_eq!(one(s, None, span).0, "unparsed", "{s}");
    }
    let money = Context {
        expect: Some(ValueKind::Money),
        ..Context::default()
    };
    assert_eq!(
        normalize_value("15 Canadian dollars", &money).currency,
        Some("CAD")
    );
    assert_eq!(
        normalize_value("100 Zimbabwean dollars", &money).kind,
        AssertionKind::Unparsed
    );
}

#[test]
fn a_unit_after_a_figure_is_the_rate_not_one_unit() {
    let f = found("Oil hit $100 a barrel and wages rose to £10 an hour.", None);
    let spans: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(spans, ["$100", "£10"]);
    assert_eq!(one("The well is a mile deep.", None, "a mile").2, " km");
}

#[test]
fn suggestions_look_around_the_figure_where_it_stands() {
    // "17" also occurs inside "2017": the words around the figure itself name the property.
    let text = "In June 2017, the IS stormed the parliament and killed 17 locals.";
    let toll = crate::model::PropertyDef {
        id: "death-toll".into(),
        name: "death toll".into(),
        aliases: vec!["killed".into()],
        kind: ValueKind::Quantity,
        unit: None,
        single_valued: false,
        temporal: Default::default(),
        tolerance: None,
        description: None,
        loc: crate::model::Loc::new(&"claims/properties.yaml".into(), 1, 1),
    };
    let mut found = extract(text, None);
    suggest_properties(text, &mut found, std::slice::from_ref(&toll));
    let got: Vec<(&str, Option<&str>)> = found
        .iter()
        .map(|f| (f.text(text), f.property.as_deref()))
        .collect();
    assert_eq!(got, [("June 2017", None), ("17", Some("death toll"))]);
}

#[test]
fn hedges_within_near_and_an_article_before_the_figure() {
    assert_eq!(ends("within 30 km"), (Some(0.0), Some(30.0), true, true));
    assert_eq!(ends("near 50%"), (Some(45.0), Some(50.0), true, false));
    assert_eq!(
        ends("more than a 25 percent"),
        (Some(25.0), None, false, false)
    );
    // "over a 3-year period" is a stretch of time, not more than three years: no article
    // is skipped after a bare preposition.
    let over = n("over a 3-year");
    assert!(
        over.interval.is_none_or(|i| i.low != Some(3.0 * 365.2425)),
        "{over:?}"
    );
    let (kind, low, _) = one(
        "Talks must end within 72 hours of the vote.",
        None,
        "within 72 hours",
    );
    assert_eq!((kind, low.as_str()), ("duration", "0"));
}

#[test]
fn a_hedged_range_is_the_estimate_as_stated() {
    assert_eq!(
        ends("about 80,000-100,000"),
        (Some(8e4), Some(1e5), true, true)
    );
    assert_eq!(
        ends("an estimated 3-4 thousand"),
        (Some(3e3), Some(4e3), true, true)
    );
    // Other hedges still bound the range.
    assert_eq!(ends("more than 10-12"), (Some(10.0), None, false, false));
}

#[test]
fn suspended_hyphens_share_the_unit_of_the_second_figure() {
    let a = n("2- or 3-day");
    assert_eq!(a.kind, AssertionKind::Duration);
    assert_eq!(ends("2- or 3-day"), (Some(2.0), Some(3.0), true, true));
    let hours = ends("four- to five-hour");
    assert!(
        close(hours.0, 4.0 / 24.0) && close(hours.1, 5.0 / 24.0),
        "{hours:?}"
    );
}

#[test]
fn a_restatement_in_brackets_keeps_the_hedge_of_what_it_restates() {
    let text = "Residents within 50 km (31 miles) were moved; gusts topped 90 km/h (56 mph).";
    let got: Vec<(String, Option<f64>, Option<f64>)> = extract(text, None)
        .iter()
        .map(|f| {
            let i = f.assertion.interval;
            (
                f.text(text).to_string(),
                i.and_then(|i| i.low),
                i.and_then(|i| i.high),
            )
        })
        .collect();
    assert_eq!(got[1].0, "31 miles");
    assert_eq!(got[1].1, Some(0.0));
    assert!((got[1].2.unwrap_or(0.0) - 31.0 * 1.609344).abs() < 1e-6);
    assert_eq!(got[3].0, "56 mph");
    assert!(got[3].2.is_none(), "{got:?}");
    // A conversion into another currency is stated as it stands.
    let text = "It is worth nearly 100 million euros ($108 million).";
    let f = extract(text, None);
    assert_eq!(f[1].assertion.interval, Some(Interval::point(108e6)));
}

#[test]
fn a_glued_m_is_metres_or_millions_as_the_sentence_says() {
    let read = |s: &str, span: &str| one(s, None, span);
    assert_eq!(
        read("She swam the 200m in under two minutes.", "200m").2,
        " km"
    );
    assert_eq!(
        read("The show drew 4m viewers on Sunday.", "4m").1,
        "4000000"
    );
    assert_eq!(
        read("Its budget, 6m, was spent on salaries.", "6m").1,
        "6000000"
    );
    assert_eq!(read("The 30m span was finished.", "30m").0, "unparsed");
    assert_eq!(read("It cost £3m.", "£3m").1, "3000000");
}

#[test]
fn zero_padded_numbers_in_a_dash_run_are_references() {
    let text = "Decision 14-0317 was upheld; 10-12 people were hurt.";
    let got: Vec<&str> = extract(text, None).iter().map(|f| f.text(text)).collect();
    assert_eq!(got, ["10-12"]);
}

#[test]
fn a_determiner_makes_an_offset_a_stretch_of_time() {
    let r = Some("2021-06-01");
    assert_eq!(
        one("In the three weeks before, prices fell.", r, "three weeks").0,
        "duration"
    );
    assert_eq!(
        one("Three weeks later, prices fell.", r, "Three weeks later").0,
        "date"
    );
}

#[test]
fn four_digit_clocks_need_a_zone_or_marker() {
    let time = |s: &str| as_time(s).stated;
    assert_eq!(time("0745 UTC"), Some(465.0));
    assert_eq!(time("1815 EDT"), Some(1095.0));
    assert_eq!(time("0430Z"), Some(270.0));
    assert_eq!(time("2215 hrs"), Some(1335.0));
    assert_eq!(time("0615 local time"), Some(375.0));
    // Not a clock: the hour or minute is out of range, the zone is not written as one, or
    // nothing marks the digits as a time.
    assert_eq!(time("2475 GMT"), None);
    assert_eq!(time("1890 UTC"), None);
    assert_eq!(time("1300 est"), None);
    assert_eq!(time("0430Zulu"), None);
    assert_eq!(time("1300 sheep"), None);
    let r = Some("2021-05-04");
    let f = found(
        "Rescuers left at 0745 UTC, the villagers by 2215 hrs, and the ferry before 0615 \
         local time.",
        r,
    );
    let got: Vec<(&str, &str, &str)> = f
        .iter()
        .map(|x| (x.0.as_str(), x.1, x.2.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("0745 UTC", "time", "465"),
            ("2215 hrs", "time", "1335"),
            ("0615 local time", "time", "375"),
        ]
    );
}

#[test]
fn fiscal_years_stay_unread_whatever_their_spelling() {
    for s in [
        "fiscal year 2017",
        "fiscal 2016",
        "FY2023",
        "FY 2011",
        "FY21",
        "FY 2018-19",
        "2016-17 fiscal year",
        "the 2009 financial year",
        "financial year 2012/13",
        "fiscal years 2015 and 2016",
    ] {
        let (range, _, why) = dr(s, Some("2024-02-01"));
        assert!(range.is_empty(), "{s}: {range}");
        assert!(why.unwrap_or_default().contains("fiscal year"), "{s}");
    }
    // In prose the whole phrase is one unread span; its year is not a calendar year.
    let text = "Exports fell in fiscal 2016 and again in FY2023, and in the 2016-17 fiscal year \
                rose 4%.";
    let got: Vec<(String, &str, String)> = found(text, None)
        .into_iter()
        .map(|x| (x.0, x.1, x.2))
        .collect();
    assert_eq!(
        got,
        [
            ("fiscal 2016".into(), "date", "null".into()),
            ("FY2023".into(), "date", "null".into()),
            ("2016-17 fiscal year".into(), "date", "null".into()),
            ("4%".into(), "quantity", "4".into()),
        ]
    );
    // The plain year beside other words is still the calendar year.
    assert_eq!(dr("2016", None).0, "2016-01-01..2016-12-31");
}

#[test]
fn final_and_closing_parts_of_a_year_are_the_last() {
    let r = Some("2019-05-10");
    for (s, want) in [
        ("the final quarter of 2011", "2011-10-01..2011-12-31"),
        ("the closing quarter of 2011", "2011-10-01..2011-12-31"),
        ("the last quarter of 2011", "2011-10-01..2011-12-31"),
        ("the final half of 2011", "2011-07-01..2011-12-31"),
        ("the last half of last year", "2018-07-01..2018-12-31"),
        ("the final quarter", "2019-10-01..2019-12-31"),
        // Alone, "last quarter" is the one before the reference's.
        ("last quarter", "2019-01-01..2019-03-31"),
    ] {
        assert_eq!(dr(s, r).0, want, "{s}");
    }
    assert_eq!(
        one(
            "Sales slid in the closing quarter of 2011.",
            r,
            "the closing quarter of 2011"
        )
        .1,
        "\"2011-10-01\""
    );
}

#[test]
fn ranges_through_full_dates_and_a_comma_after_the_year() {
    for (s, want) in [
        (
            "July 1, 2016, through June 30, 2017",
            "2016-07-01..2017-06-30",
        ),
        ("July 1, 2016, to June 30, 2017", "2016-07-01..2017-06-30"),
        (
            "from April 9, 2017 through May 2, 2018",
            "2017-04-09..2018-05-02",
        ),
        ("Feb. 3 thru Feb. 17, 2022", "2022-02-03..2022-02-17"),
        ("3 Feb through 17 Feb 2022", "2022-02-03..2022-02-17"),
    ] {
        assert_eq!(dr(s, None).0, want, "{s}");
    }
    let text = "The program ran from July 1, 2016, through June 30, 2017, in two states.";
    assert_eq!(
        one(text, None, "from July 1, 2016, through June 30, 2017").1,
        "\"2016-07-01\""
    );
}

#[test]
fn a_year_at_the_end_of_a_list_of_days_is_each_ones_year() {
    let r = Some("2020-06-01");
    let days = |text: &str| -> Vec<(String, String)> {
        found(text, r).into_iter().map(|x| (x.0, x.2)).collect()
    };
    assert_eq!(
        days("The dam overflowed on 12 March and again on 2 April 2009."),
        [
            ("12 March".to_string(), "\"2009-03-12\"".to_string()),
            ("2 April 2009".into(), "\"2009-04-02\"".into()),
        ]
    );
    assert_eq!(
        days("Votes were held on May 4, June 8 or July 13, 2016."),
        [
            ("May 4".to_string(), "\"2016-05-04\"".to_string()),
            ("June 8".into(), "\"2016-06-08\"".into()),
            ("July 13, 2016".into(), "\"2016-07-13\"".into()),
        ]
    );
    // A list that may cross into the year it names leaves the earlier day unread.
    let f = days("Flights stopped on 30 November and 6 January 2011.");
    assert_eq!(f[0], ("30 November".to_string(), "null".to_string()));
    // Not one list: the sentence goes on between the two dates.
    assert_eq!(
        days("It opened on 12 March and closed after talks on 2 April 2009.")[0].1,
        "\"2020-03-12\""
    );
}

#[test]
fn pence_lire_indian_compound_scales_and_bushels() {
    let money = |s: &str| {
        let a = n(s);
        (a.currency, a.interval.and_then(|i| i.low))
    };
    assert_eq!(money("8p"), (Some("GBP"), Some(0.08)));
    assert_eq!(money("1.5p"), (Some("GBP"), Some(0.015)));
    assert_eq!(money("12,000 lire"), (Some("ITL"), Some(12_000.0)));
    assert_eq!(money("Rs 3 lakh crore"), (Some("INR"), Some(3e12)));
    assert_eq!(money("Rs 40 thousand crore"), (Some("INR"), Some(4e11)));
    let b = n("10 bushels");
    assert_eq!(b.unit, Some("litre"));
    assert!(
        close(b.interval.and_then(|i| i.low), 352.3907016688),
        "{b:?}"
    );
    // A lone "p" after a clock's colon is still the afternoon.
    assert_eq!(time_of_day("6:05p").map(|t| t.0), Some(1085.0));
    assert_eq!(time_of_day("6p").map(|t| t.0), None);
}

#[test]
fn a_denied_excess_and_additional_units() {
    let (kind, low, _) = one("Fees do not exceed 500 a year.", None, "exceed 500");
    assert_eq!((kind, low.as_str()), ("number", "0"));
    assert_eq!(n("three more weeks").interval, Some(Interval::point(21.0)));
    assert_eq!(n("40 more km").unit, Some("km"));
    assert_eq!(n("5 more than 4").kind, AssertionKind::Unparsed);
}

#[test]
fn a_day_without_a_year_is_the_nearest_or_the_next_when_the_text_looks_ahead() {
    let r = Some("2022-01-10");
    assert_eq!(dr("Nov. 28", r).0, "2021-11-28");
    assert_eq!(dr("March 2", r).0, "2022-03-02");
    assert_eq!(dr("December", r).0, "2021-12-01..2021-12-31");
    let (_, low, _) = one("The fair will open on Dec. 2.", r, "Dec. 2");
    assert_eq!(low, "\"2022-12-02\"");
    let (_, low, _) = one("The fair opened on Dec. 2.", r, "Dec. 2");
    assert_eq!(low, "\"2021-12-02\"");
    // Known only to the year, the reference keeps its year.
    assert_eq!(dr("Nov. 28", Some("2022")).0, "2022-11-28");
}
