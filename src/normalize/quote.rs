//! Does a claim's quote say what its value says? A value is supported when it occurs in the
//! quote as written (the common case, one substring search), or when a figure or date the
//! quote states overlaps the value's reading, or, for entity values, when one of the entity's
//! names occurs in the quote. Only claims that pass neither test pay for reading the quote's
//! figures, so the check stays near-linear in the dossier's text.

use super::value::readings;
use super::vocab::key;
use crate::model::{Assertion, AssertionKind, DateRange, Interval, fold_stated};

/// `needle` occurs in `hay` between word boundaries (not inside a longer number or word).
fn occurs(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let finder = memchr::memmem::Finder::new(n);
    let inner = |b: u8| b.is_ascii_alphanumeric();
    // "1,170" and "11.5" are one number: a separator between digits joins, it does not part.
    let joined = |sep: Option<u8>, digit: Option<u8>| {
        matches!(sep, Some(b',' | b'.')) && digit.is_some_and(|d| d.is_ascii_digit())
    };
    finder.find_iter(h).any(|at| {
        let before = at.checked_sub(1).map(|i| h[i]);
        let before2 = at.checked_sub(2).map(|i| h[i]);
        let after = h.get(at + n.len()).copied();
        let after2 = h.get(at + n.len() + 1).copied();
        // A boundary is needed only where the needle itself starts or ends with a word
        // character: "$10mn" may follow "announced ".
        (!inner(n[0]) || (before.is_none_or(|b| !inner(b)) && !joined(before, before2)))
            && (!inner(n[n.len() - 1])
                || (after.is_none_or(|b| !inner(b)) && !joined(after, after2)))
    })
}

/// The value as written, or folded (case, punctuation), occurs in the quote.
pub fn verbatim(value: &str, quote: &str) -> bool {
    let v = value.trim();
    // Folded for case, spacing and typography only: folding punctuation away would make
    // "170" occur in "1,170".
    occurs(quote, v) || occurs(&fold_stated(quote), &fold_stated(v))
}

/// One of `names` (an entity's id, name and aliases) occurs in the quote, folded.
pub fn names_occur<'a>(names: impl IntoIterator<Item = &'a str>, quote: &str) -> bool {
    let q = key(quote);
    // "Washington's creations" names Washington: possessives folded away too.
    let bare = key(&quote.replace("\u{2019}s", "").replace("'s", ""));
    names
        .into_iter()
        .any(|n| occurs(&q, &key(n)) || occurs(&bare, &key(n)))
}

/// Whether a figure or date in the quote supports the value's reading `a`. `declared` is the
/// factor of the property's declared unit, by which a bare figure in the quote is read too.
pub fn figures_support(
    a: &Assertion,
    quote: &str,
    reference: Option<DateRange>,
    declared: Option<f64>,
) -> bool {
    let Some(want) = a.interval else {
        return true;
    };
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() <= 0.005 * x.abs().max(y.abs()),
        _ => false,
    };
    readings(quote, reference).into_iter().any(|(_, _, q)| {
        let Some(mut got) = q.interval else {
            return false;
        };
        let mut stated = q.stated;
        if a.kind == AssertionKind::Date || q.kind == AssertionKind::Date {
            return a.kind == q.kind && got.overlaps(&want);
        }
        if q.currency.is_some() && a.currency.is_some() && q.currency != a.currency {
            return false;
        }
        match (q.unit, a.unit) {
            (Some(x), Some(y)) if x != y => return false,
            (None, Some(_)) => {
                let f = declared.unwrap_or(1.0);
                got = got.scale(f);
                stated = stated.map(|s| s * f);
            }
            _ => {}
        }
        got.overlaps(&want) || close(stated, a.stated) || contains_point(&got, a.stated)
    })
}

fn contains_point(i: &Interval, x: Option<f64>) -> bool {
    x.is_some_and(|x| i.contains_interval(&Interval::point(x)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValueKind;
    use crate::normalize::{Context, normalize_value};

    fn q(value: &str, quote: &str) -> bool {
        let a = normalize_value(
            value,
            &Context {
                expect: Some(ValueKind::Quantity),
                ..Context::default()
            },
        );
        verbatim(value, quote) || figures_support(&a, quote, None, None)
    }

    #[test]
    fn values_in_their_quotes() {
        assert!(q(
            "about 170",
            "The storm also killed about 170 people elsewhere."
        ));
        assert!(q("170", "killed an estimated 170 people"));
        assert!(q("5,300", "more than 5,300 people died"));
        assert!(q("two", "when two dams outside the city collapsed"));
        assert!(q("11,300", "the toll rose to 11300"));
        assert!(!q("1,500", "The flood destroyed 1,200 homes."));
        assert!(!q("170", "killed 1,170 people"));
        assert!(!q("5,300", "more than 15,300 people died"));
    }

    #[test]
    fn boundaries() {
        assert!(occurs("announced $10mn in aid", "$10mn"));
        assert!(!occurs("Derna's 1700 dead", "170"));
        assert!(verbatim("Red Crescent", "the Libyan red crescent said"));
        assert!(!verbatim("170", "killed 1,170 people"));
        assert!(verbatim("170", "killed 170, and 12 more"));
        assert!(names_occur(
            ["IRGC", "Revolutionary Guards"],
            "Iran's revolutionary guards said"
        ));
        assert!(!names_occur(["IRGC"], "the army said"));
        assert!(names_occur(
            ["Washington"],
            "are Washington\u{2019}s creations"
        ));
    }
}
