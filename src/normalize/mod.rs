//! Turning what a claim states into something comparable: names resolved through the
//! vocabulary, values parsed into intervals, dates, money and entities. No I/O here.

pub mod amount;
pub mod date;
pub mod declared;
pub mod lexer;
pub mod names;
pub mod quote;
pub mod units;
pub mod value;
pub mod vocab;

pub use value::{Context, Found, extract, normalize_value, suggest_properties};

use crate::model::{Assertion, AssertionKind, Date, Dossier, Finding, Rule, ValueKind};
use rayon::prelude::*;
use vocab::Vocabulary;

/// A claim's names resolved to vocabulary indices (`None` where unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Names {
    pub subject: Option<u32>,
    pub property: Option<u32>,
}

use vocab::did_you_mean;

/// Resolves every claim's subject and property, and reports vocabulary clashes.
pub fn resolve_names(d: &Dossier, vocab: &Vocabulary) -> (Vec<Names>, Vec<Finding>) {
    let mut findings = Vec::new();
    for (clashes, what, locs) in [
        (
            &vocab.entity_clashes,
            "entities",
            d.entities
                .iter()
                .map(|e| (&e.id, &e.loc))
                .collect::<Vec<_>>(),
        ),
        (
            &vocab.property_clashes,
            "properties",
            d.properties.iter().map(|p| (&p.id, &p.loc)).collect(),
        ),
    ] {
        // An entry declared twice clashes on its id and again on each shared name: say it once.
        let mut twice = rustc_hash::FxHashSet::default();
        for c in clashes {
            let (a, aloc) = locs[c.first as usize];
            let (b, bloc) = locs[c.second as usize];
            if a == b && !twice.insert((c.first, c.second)) {
                continue;
            }
            let rule = if a == b {
                Rule::DuplicateId
            } else {
                Rule::AmbiguousAlias
            };
            findings.push(
                Finding::new(
                    rule,
                    Some(bloc.clone()),
                    if a == b {
                        format!("{what}: `{b}` is declared twice")
                    } else {
                        format!(
                            "{what}: the name `{}` is given to both `{a}` and `{b}`",
                            c.alias
                        )
                    },
                    format!("{}:{what}:{}", rule.code(), vocab::key(&c.alias)),
                )
                .with_related(aloc.clone(), format!("`{a}` declared here")),
            );
        }
    }
    // Claims repeat the same few names: each parallel job (a handful per thread) resolves
    // each spelling it meets once, remembering the answer for its later claims.
    type Seen<'a> = rustc_hash::FxHashMap<&'a str, Option<u32>>;
    fn lookup<'a>(seen: &mut Seen<'a>, index: &vocab::Index, name: &'a str) -> Option<u32> {
        *seen.entry(name).or_insert_with(|| index.get(name))
    }
    // Unzipped in parallel: collecting pairs and splitting them afterwards copied a million
    // entries on one thread into freshly faulted memory.
    let (names, per_claim): (Vec<Names>, Vec<Vec<Finding>>) = d
        .claims
        .par_iter()
        .map_init(
            || (Seen::default(), Seen::default()),
            |(seen_subjects, seen_properties), c| {
            let mut f = Vec::new();
            let subject = lookup(seen_subjects, &vocab.entities, &c.subject);
            if subject.is_none() {
                let src = &d.sources[c.source as usize].id;
                f.push(
                    Finding::new(
                        Rule::UnknownEntity,
                        Some(c.locs.subject()),
                        format!(
                            "subject `{}` of claim `{}` is not declared in claims/entities.yaml{}",
                            c.subject,
                            c.id,
                            did_you_mean(&vocab.entities.suggest(&c.subject))
                        ),
                        format!("unknown-entity:{src}:{}:{}", c.id, vocab::key(&c.subject)),
                    )
                    .with_help(Rule::UnknownEntity.fix()),
                );
            }
            let property = lookup(seen_properties, &vocab.properties, &c.property);
            if property.is_none() {
                let src = &d.sources[c.source as usize].id;
                f.push(
                    Finding::new(
                        Rule::UnknownProperty,
                        Some(c.locs.property()),
                        format!(
                            "property `{}` of claim `{}` is not declared in claims/properties.yaml{}",
                            c.property,
                            c.id,
                            did_you_mean(&vocab.properties.suggest(&c.property))
                        ),
                        format!("unknown-property:{src}:{}:{}", c.id, vocab::key(&c.property)),
                    )
                    .with_help(Rule::UnknownProperty.fix()),
                );
            }
            (Names { subject, property }, f)
            },
        )
        .unzip();
    findings.extend(per_claim.into_iter().flatten());
    (names, findings)
}

/// Why the quote does not support the claim's value, if it does not: quantities, money,
/// durations and dates by their figures, entities by their names. Values that could not be
/// read (reported already) and texts are not checked.
fn unsupported(
    d: &Dossier,
    c: &crate::model::Claim,
    a: &Assertion,
    p: &crate::model::PropertyDef,
    quote: &str,
    reference: Option<crate::model::DateRange>,
) -> Option<String> {
    // A denial's quote often refers back to the figure it denies ("rejected the numbers").
    if c.negated || quote.trim().is_empty() || quote::verbatim(&c.value, quote) {
        return None;
    }
    match p.kind {
        ValueKind::Entity => {
            let e = &d.entities[a.entity? as usize];
            let names = std::iter::once(e.id.as_str())
                .chain(std::iter::once(e.name.as_str()))
                .chain(e.aliases.iter().map(String::as_str));
            (!quote::names_occur(names, quote)).then(|| {
                format!(
                    "the quote names neither `{}` nor any of its aliases",
                    e.name
                )
            })
        }
        ValueKind::Quantity | ValueKind::Money | ValueKind::Duration | ValueKind::Date => {
            if a.kind == AssertionKind::Unparsed || a.interval.is_none() || a.unresolved.is_some() {
                return None;
            }
            let factor = match p.unit.as_deref().and_then(declared::read) {
                Some(declared::Declared::Unit(u)) => Some(u.factor),
                _ => None,
            };
            (!quote::figures_support(a, quote, reference, factor))
                .then(|| "no figure or date in the quote overlaps its reading".to_string())
        }
        _ => None,
    }
}

/// Normalizes every claim's value, guided by its property; entity values are resolved
/// through the vocabulary. Returns one assertion per claim and the problems found.
pub fn assertions(
    d: &Dossier,
    vocab: &Vocabulary,
    names: &[Names],
) -> (Vec<Assertion>, Vec<Finding>) {
    // Properties that name a start ("start date", "began") read "since X" as X.
    let starts: Vec<bool> = d
        .properties
        .iter()
        .map(|p| {
            p.kind == ValueKind::Date
                && value::is_start_property(
                    &std::iter::once(p.id.as_str())
                        .chain(std::iter::once(p.name.as_str()))
                        .chain(p.aliases.iter().map(String::as_str))
                        .collect::<Vec<_>>(),
                )
        })
        .collect();
    // Each property's declared unit, read once.
    let units: Vec<Option<declared::Declared>> = d
        .properties
        .iter()
        .map(|p| p.unit.as_deref().and_then(declared::read))
        .collect();
    let (out, per_claim): (Vec<Assertion>, Vec<Vec<Finding>>) = d
        .claims
        .par_iter()
        .zip(names.par_iter())
        .map(|(c, n)| {
            let mut f = Vec::new();
            let Some(p) = n.property.map(|p| &d.properties[p as usize]) else {
                return (Assertion::unparsed("the property is not declared"), f);
            };
            let source = &d.sources[c.source as usize];
            let reference = match c.as_of.as_deref().and_then(Date::parse_iso) {
                Some(range) => Some(date::Reference {
                    range,
                    label: "claim's as_of date",
                    ahead: false,
                }),
                None => source.published.range().map(|range| date::Reference {
                    range,
                    label: "publication date",
                    ahead: false,
                }),
            };
            let ctx = Context {
                expect: Some(p.kind),
                unit: p.unit.as_deref(),
                reference,
                margin: None,
                date_order: d.date_order,
                start: n.property.is_some_and(|k| starts[k as usize]),
            };
            let mut a = normalize_value(&c.value, &ctx);
            declared::apply_read(&mut a, p.kind, p.unit.as_deref(), units[n.property.unwrap_or(0) as usize]);
            if p.kind == ValueKind::Entity {
                a.kind = AssertionKind::Entity;
                a.entity = vocab.entities.get(&c.value);
                if a.entity.is_none() {
                    f.push(
                        Finding::new(
                            Rule::UnknownEntity,
                            Some(c.locs.value()),
                            format!(
                                "value `{}` of claim `{}` is not a declared entity, but property `{}` takes entities{}",
                                c.value,
                                c.id,
                                p.id,
                                did_you_mean(&vocab.entities.suggest(&c.value))
                            ),
                            format!("unknown-entity:{}:{}:{}", source.id, c.id, vocab::key(&c.value)),
                        )
                        .with_help(Rule::UnknownEntity.fix()),
                    );
                }
            }
            if a.kind == AssertionKind::Unparsed
                || (a.unresolved.is_some() && a.interval.is_none() && a.kind != AssertionKind::Date)
            {
                f.push(
                    Finding::new(
                        Rule::UnparsedValue,
                        Some(c.locs.value()),
                        format!(
                            "value `{}` of claim `{}` could not be read as a {}: {}",
                            c.value,
                            c.id,
                            p.kind.name(),
                            a.unresolved.as_deref().unwrap_or("unknown form")
                        ),
                        format!("unparsed-value:{}:{}", source.id, c.id),
                    )
                    .with_help(Rule::UnparsedValue.fix()),
                );
            } else if a.unresolved.is_some() && a.kind != AssertionKind::Date {
                f.push(Finding::new(
                    Rule::UnparsedValue,
                    Some(c.locs.value()),
                    format!(
                        "value `{}` of claim `{}`: {}",
                        c.value,
                        c.id,
                        a.unresolved.as_deref().unwrap_or("")
                    ),
                    format!("unparsed-value:{}:{}", source.id, c.id),
                ));
            }
            if a.wrong_weekday {
                f.push(
                    Finding::new(
                        Rule::WrongWeekday,
                        Some(c.locs.value()),
                        format!(
                            "value `{}` of claim `{}`: {}",
                            c.value,
                            c.id,
                            a.unresolved.as_deref().unwrap_or("the weekday does not match")
                        ),
                        format!("wrong-weekday:{}:{}", source.id, c.id),
                    )
                    .with_help(Rule::WrongWeekday.fix()),
                );
            }
            if let Some(conv) = a.conversion.as_ref().filter(|c| !c.consistent) {
                f.push(Finding::new(
                    Rule::InconsistentConversion,
                    Some(c.locs.value()),
                    format!(
                        "value `{}` of claim `{}` restates itself as `{}`, which does not match ({} vs {})",
                        c.value,
                        c.id,
                        conv.stated,
                        a.interval.map(|i| i.to_string()).unwrap_or_default(),
                        conv.interval
                    ),
                    format!("inconsistent-conversion:{}:{}", source.id, c.id),
                ));
            }
            if let Some(q) = c.quote.as_deref()
                && let Some(why) = unsupported(d, c, &a, p, q, reference.map(|r| r.range))
            {
                f.push(
                    Finding::new(
                        Rule::ValueNotInQuote,
                        Some(c.locs.value()),
                        format!(
                            "value `{}` of claim `{}` is not what its quote says: {why}",
                            c.value, c.id
                        ),
                        format!(
                            "value-not-in-quote:{}:{}:{}",
                            source.id,
                            c.id,
                            crate::model::fold_stated(&c.value)
                        ),
                    )
                    .with_related(c.locs.quote(), "the quote")
                    .with_help(Rule::ValueNotInQuote.fix()),
                );
            }
            (a, f)
        })
        .unzip();
    let findings = per_claim.into_iter().flatten().collect();
    (out, findings)
}
