//! What a property's declared `unit` means to the reader: a unit of a dimension (bare numbers
//! are read in it), a currency (bare amounts are in it), or a name for what is counted
//! (`people`, `dams`). And which kinds can use which: a unit of time on a quantity or a
//! currency on a duration is an error the loader reports at the line.

use super::amount::{Unit, unit_word};
use super::lexer::{Tok, lex};
use crate::model::{Assertion, AssertionKind, ValueKind};

/// A declared unit, as the reader uses it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Declared {
    /// A unit the reader converts (`km`, `miles`, `years`, `%`): a bare number is read in it.
    Unit(Unit),
    /// A currency (`USD`, `pounds`): a bare amount is in it.
    Currency(&'static str),
    /// Anything else names what is counted (`people`, `dams`): a bare number is a count.
    Count,
}

/// The ISO 4217 code the reader knows for `code` (a code, a symbol or a currency word), if any.
pub fn currency(code: &str) -> Option<&'static str> {
    let t = lex(code.trim());
    match t.as_slice() {
        [one] => match one.tok {
            Tok::Currency(c) => Some(c),
            Tok::Word(Some(w)) => super::amount::currency_word(w),
            _ => None,
        },
        _ => None,
    }
}

/// Reads a declared unit. `None` for an empty one.
pub fn read(unit: &str) -> Option<Declared> {
    let u = unit.trim();
    if u.is_empty() {
        return None;
    }
    if u == "%" {
        return unit_word("percent", false).map(Declared::Unit);
    }
    if let Some(c) = currency(u) {
        return Some(Declared::Currency(c));
    }
    let t = lex(u);
    // One word (or "per cent"): a unit the reader knows, else what is counted.
    let words: Vec<&'static str> = t.iter().filter_map(|x| x.word()).collect();
    let known = match words.as_slice() {
        [w] if t.len() == 1 => unit_word(w, true),
        ["per", "cent"] => unit_word("percent", false),
        _ => None,
    };
    Some(known.map_or(Declared::Count, Declared::Unit))
}

/// Whether a property of `kind` can use `unit`: `Ok` with what it means, or why not.
pub fn check(kind: ValueKind, unit: &str) -> Result<Option<Declared>, String> {
    let Some(d) = read(unit) else {
        return Ok(None);
    };
    let time = |d: &Declared| matches!(d, Declared::Unit(u) if u.kind == AssertionKind::Duration);
    match kind {
        ValueKind::Duration if time(&d) => Ok(Some(d)),
        ValueKind::Duration => Err(format!(
            "a duration is measured in units of time (days, weeks, months, years), not `{unit}`"
        )),
        ValueKind::Money => match d {
            Declared::Currency(_) => Ok(Some(d)),
            _ => Err(format!(
                "money takes a currency as its unit (USD, GBP, EUR...), and `{unit}` is not one the reader knows"
            )),
        },
        ValueKind::Quantity if time(&d) => Err(format!(
            "`{unit}` is a unit of time: declare the property with `kind: duration` so that \"7\" and \"eight years\" compare"
        )),
        ValueKind::Quantity => match d {
            Declared::Currency(c) => Err(format!(
                "`{unit}` is a currency ({c}): declare the property with `kind: money`"
            )),
            _ => Ok(Some(d)),
        },
        other => Err(format!(
            "a property of kind {} takes no unit; remove `unit: {unit}`",
            other.name()
        )),
    }
}

/// A bare number takes the property's declared unit: "7" for an age in `years` is seven
/// years, "250" for a distance in `miles` is 250 miles, "10 million" for aid in `USD` is
/// dollars. Values that state their own unit or currency are left as read.
pub fn apply(a: &mut Assertion, kind: ValueKind, unit: Option<&str>) {
    apply_read(a, kind, unit, unit.and_then(read));
}

/// [`apply`] with the declared unit already read (once per property, not per claim).
pub fn apply_read(
    a: &mut Assertion,
    kind: ValueKind,
    unit: Option<&str>,
    declared: Option<Declared>,
) {
    let Some(declared) = declared else {
        return;
    };
    if a.unit.is_some() || a.currency.is_some() {
        return;
    }
    if !matches!(a.kind, AssertionKind::Number | AssertionKind::Range) {
        return;
    }
    let unit = unit.unwrap_or_default().trim();
    match (kind, declared) {
        (ValueKind::Duration | ValueKind::Quantity, Declared::Unit(u)) => {
            a.interval = a.interval.map(|i| i.scale(u.factor));
            a.stated = a.stated.map(|x| x * u.factor);
            a.unit = Some(u.canonical);
            a.kind = u.kind;
        }
        (ValueKind::Money, Declared::Currency(c)) => {
            a.currency = Some(c);
            a.kind = AssertionKind::Money;
        }
        _ => return,
    }
    a.unresolved = None;
    a.rule.push_str(&format!(
        "; a bare number, read in the property's unit ({unit})"
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_by_kind() {
        assert!(matches!(
            check(ValueKind::Duration, "years"),
            Ok(Some(Declared::Unit(u))) if u.canonical == "day" && u.factor > 365.0
        ));
        assert!(check(ValueKind::Duration, "km").is_err());
        assert!(check(ValueKind::Duration, "people").is_err());
        assert!(check(ValueKind::Quantity, "years").is_err());
        assert!(check(ValueKind::Quantity, "USD").is_err());
        assert_eq!(
            check(ValueKind::Quantity, "people"),
            Ok(Some(Declared::Count))
        );
        assert!(matches!(
            check(ValueKind::Quantity, "miles"),
            Ok(Some(Declared::Unit(u))) if u.canonical == "km"
        ));
        assert!(matches!(
            check(ValueKind::Quantity, "%"),
            Ok(Some(Declared::Unit(u))) if u.canonical == "%"
        ));
        assert_eq!(
            check(ValueKind::Money, "pounds"),
            Ok(Some(Declared::Currency("GBP")))
        );
        assert!(check(ValueKind::Money, "people").is_err());
        assert!(check(ValueKind::Date, "days").is_err());
        assert!(check(ValueKind::Text, "people").is_err());
        assert_eq!(check(ValueKind::Date, " "), Ok(None));
    }

    #[test]
    fn bare_numbers_take_the_declared_unit() {
        use crate::normalize::{Context, normalize_value};
        let read = |v: &str, kind: ValueKind, unit: &str| {
            let ctx = Context {
                expect: Some(kind),
                unit: Some(unit),
                ..Context::default()
            };
            let mut a = normalize_value(v, &ctx);
            apply(&mut a, kind, Some(unit));
            a
        };
        let seven = read("7", ValueKind::Duration, "years");
        let eight = read("eight years", ValueKind::Duration, "years");
        assert_eq!(seven.unit, eight.unit);
        assert_eq!(seven.kind, AssertionKind::Duration);
        assert!(seven.unresolved.is_none());
        assert!((seven.stated.unwrap() / eight.stated.unwrap() - 7.0 / 8.0).abs() < 1e-9);
        let miles = read("250", ValueKind::Quantity, "miles");
        assert_eq!(miles.unit, Some("km"));
        assert!((miles.stated.unwrap() - 402.336).abs() < 0.01);
        let stated = read("300 km", ValueKind::Quantity, "miles");
        assert_eq!(stated.stated, Some(300.0));
        assert!(stated.unresolved.is_none(), "{:?}", stated.unresolved);
        let aid = read("10 million", ValueKind::Money, "USD");
        assert_eq!(
            (aid.kind, aid.currency),
            (AssertionKind::Money, Some("USD"))
        );
        let people = read("7", ValueKind::Quantity, "people");
        assert_eq!((people.unit, people.stated), (None, Some(7.0)));
    }

    #[test]
    fn currencies_by_code_symbol_or_word() {
        assert_eq!(currency("GBP"), Some("GBP"));
        assert_eq!(currency("usd"), Some("USD"));
        assert_eq!(currency("€"), Some("EUR"));
        assert_eq!(currency("XYZ"), None);
        assert_eq!(currency("GBP USD"), None);
    }
}
