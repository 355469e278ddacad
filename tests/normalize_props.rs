//! Property tests for the normalizer: the same figure written in many styles reads as the
//! same interval, and no input makes it panic.

use corroborate::model::Interval;
use corroborate::normalize::{Context, extract, normalize_value};
use proptest::prelude::*;

fn interval(text: &str) -> Option<Interval> {
    normalize_value(text, &Context::default()).interval
}

fn with_separators(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English words for 1..=999, written independently of the parser under test.
fn words(n: u64) -> String {
    let mut parts = Vec::new();
    let hundreds = n / 100;
    let rest = n % 100;
    if hundreds > 0 {
        parts.push(format!("{} hundred", UNITS[hundreds as usize]));
    }
    if rest > 0 {
        if hundreds > 0 {
            parts.push("and".to_string());
        }
        if rest < 20 {
            parts.push(UNITS[rest as usize].to_string());
        } else if rest.is_multiple_of(10) {
            parts.push(TENS[(rest / 10) as usize].to_string());
        } else {
            parts.push(format!(
                "{}-{}",
                TENS[(rest / 10) as usize],
                UNITS[(rest % 10) as usize]
            ));
        }
    }
    parts.join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn separators_do_not_change_the_value(n in 1u64..10_000_000_000) {
        // Documented policy: with no kind given, a lone 1800-2199 is read as a year.
        prop_assume!(!(1800..2200).contains(&n));
        prop_assert_eq!(interval(&n.to_string()), interval(&with_separators(n)));
        prop_assert_eq!(interval(&n.to_string()), Some(Interval::point(n as f64)));
    }

    #[test]
    fn words_read_as_their_digits(n in 1u64..1000) {
        prop_assume!(!(1800..2200).contains(&n));
        prop_assert_eq!(interval(&words(n)), interval(&n.to_string()), "{}", words(n));
    }

    #[test]
    fn scale_words_and_abbreviations_agree(n in 1u64..1000, scale in 0usize..3) {
        let (word, abbr, factor) = [("thousand", "k", 1e3), ("million", "m", 1e6), ("billion", "bn", 1e9)][scale];
        let want = Some(Interval::point(n as f64 * factor));
        prop_assert_eq!(interval(&format!("{n} {word}")), want);
        prop_assert_eq!(interval(&format!("{n}{abbr}")), want);
        prop_assert_eq!(interval(&format!("{} {word}", words(n))), want);
        prop_assert_eq!(interval(&with_separators(n * factor as u64)), want);
    }

    #[test]
    fn synonymous_hedges_agree(n in 1u64..1_000_000) {
        let s = with_separators(n);
        let approx = interval(&format!("approximately {s}"));
        for h in ["about", "around", "roughly", "an estimated", "some"] {
            prop_assert_eq!(interval(&format!("{h} {s}")), approx);
        }
        let over = interval(&format!("over {s}"));
        prop_assert_eq!(interval(&format!("more than {s}")), over);
        prop_assert_eq!(interval(&format!("upwards of {s}")), over);
        let under = interval(&format!("less than {s}"));
        prop_assert_eq!(interval(&format!("fewer than {s}")), under);
        prop_assert_eq!(interval(&format!("under {s}")), under);
    }

    #[test]
    fn hedged_intervals_contain_or_bound_the_figure(n in 1u64..1_000_000) {
        let x = n as f64;
        let s = with_separators(n);
        let a = interval(&format!("approximately {s}")).unwrap();
        prop_assert!(a.low.unwrap() < x && a.high.unwrap() > x);
        let o = interval(&format!("over {s}")).unwrap();
        prop_assert!(o.low == Some(x) && !o.low_inclusive && o.high.is_none());
        let nearly = interval(&format!("nearly {s}")).unwrap();
        prop_assert!(nearly.high == Some(x) && !nearly.high_inclusive && nearly.low.unwrap() < x);
    }

    #[test]
    fn ranges_in_any_style_agree(a in 1u64..100_000, d in 1u64..100_000) {
        let b = a + d;
        let (sa, sb) = (with_separators(a), with_separators(b));
        let want = Some(Interval::closed(a as f64, b as f64));
        for s in [format!("between {sa} and {sb}"), format!("{sa} to {sb}"), format!("{sa}-{sb}"), format!("{sa}\u{2013}{sb}"), format!("from {sa} to {sb}")] {
            prop_assert_eq!(interval(&s), want, "{}", s);
        }
    }

    #[test]
    fn no_value_makes_it_panic(s in "\\PC{0,60}") {
        let _ = normalize_value(&s, &Context::default());
    }

    #[test]
    fn newsy_noise_never_panics_and_offsets_are_valid(s in "([0-9]{1,7}|[,.\\-–()%£$€ ]|over|about|between|and|to|January|May|Tuesday|last|month|ago|several|million|bn|km|miles|nearly|years|the|3rd|2024){0,30}") {
        let found = extract(&s, None);
        for e in found {
            prop_assert!(s.is_char_boundary(e.start) && s.is_char_boundary(e.end) && e.start < e.end);
            prop_assert!(e.sentence.start <= e.start && e.end <= e.sentence.end);
            prop_assert!(s.is_char_boundary(e.sentence.start) && s.is_char_boundary(e.sentence.end));
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let _ = extract(&s, None);
    }
}

/// Readable values of many forms, built from parts the reader documents.
fn readable() -> impl Strategy<Value = String> {
    let hedge = prop::sample::select(vec![
        "",
        "about ",
        "over ",
        "at least ",
        "nearly ",
        "up to ",
        "more than ",
        "exceeded ",
    ]);
    let unit = prop::sample::select(vec![
        "",
        " km",
        " miles",
        " tonnes",
        " per cent",
        "%",
        " days",
        " hours",
        " square miles",
        " km/h",
        " people",
        " people killed",
        " pounds",
        " and a half hours",
    ]);
    (hedge, 1u64..10_000_000, unit).prop_map(|(h, n, u)| format!("{h}{}{u}", with_separators(n)))
}

fn quantity(text: &str) -> corroborate::model::Assertion {
    normalize_value(
        text,
        &Context {
            expect: Some(corroborate::model::ValueKind::Quantity),
            ..Context::default()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every word of a value is accounted for, or the value is unparsed: a word the reader
    /// does not know, or a stray group of digits, after a readable value is never ignored.
    #[test]
    fn every_word_is_accounted_for_or_unparsed(
        v in readable(),
        junk in "[qxz][bcdfghjklmnpqrstvwxz]{3,8}",
        digits in 1u32..1000,
    ) {
        use corroborate::model::AssertionKind::Unparsed;
        let base = quantity(&v);
        prop_assert_ne!(base.kind, Unparsed, "{} should read: {:?}", v, base.unresolved);
        for tail in [format!(" {junk}"), format!(" {digits}"), format!(",{digits}O"), format!(" and {junk}")] {
            let s = format!("{v}{tail}");
            prop_assert_eq!(quantity(&s).kind, Unparsed, "{}", s);
            prop_assert_eq!(normalize_value(&s, &Context::default()).kind, Unparsed, "{}", s);
        }
        // Before the value, too.
        let s = format!("{junk} {v}");
        prop_assert_eq!(quantity(&s).kind, Unparsed, "{}", s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Words that can mean two things are never read with confidence when nothing settles
    /// them: bare pounds (sterling or weight), cents and grand (of what currency), bare degrees
    /// (which scale, or an angle).
    #[test]
    fn ambiguous_words_are_reported_not_guessed(n in 1u64..1_000_000, pick in 0usize..4) {
        use corroborate::model::AssertionKind::Unparsed;
        let word = ["pounds", "cents", "grand", "degrees"][pick];
        let v = format!("{} {word}", with_separators(n));
        prop_assert_eq!(normalize_value(&v, &Context::default()).kind, Unparsed, "{}", v);
        let sentence = format!("He said it was {v} on the day.");
        for e in corroborate::normalize::extract(&sentence, None) {
            if e.text(&sentence).contains(word) {
                prop_assert_eq!(e.assertion.kind, Unparsed, "{}: {:?}", sentence, e);
            }
        }
    }
}
