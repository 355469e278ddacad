//! The dossier's own vocabulary beyond entities and properties (issue 18): declared scopes
//! with parts and totals, exchange rates, units of bare numbers, and each value checked
//! against its own quote. Small fixture dossiers, good and bad input.

mod common;
use common::*;

const PROPS: &str = "properties:
  - id: exposed
    name: people exposed
    kind: quantity
    unit: people
    single_valued: true
  - id: cost
    name: cost
    kind: money
    single_valued: true
  - id: age
    name: age
    kind: duration
    unit: years
    single_valued: true
  - id: homes
    name: homes destroyed
    kind: quantity
    unit: homes
    single_valued: true
  - id: by
    name: responsible party
    kind: entity
    single_valued: true
";

const ENTS: &str = "entities:
  - id: leak
    name: the data leak
  - id: scheme
    name: the relocation scheme
  - id: amir
    name: Amir Saleh
  - id: flood
    name: the flood
  - id: army
    name: the army
    aliases: [soldiers]
";

/// A dossier of these sources, each `(id, seed text, claims YAML)`, plus extra files.
fn dossier(sources: &[(&str, &str, &str)], extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "claims/properties.yaml", PROPS);
    write(dir.path(), "claims/entities.yaml", ENTS);
    for (id, seed, claims) in sources {
        write(dir.path(), &format!("seeds/{id}.txt"), seed);
        write(
            dir.path(),
            &format!("claims/{id}.yaml"),
            &format!(
                "source:\n  id: {id}\n  title: {id}\n  publisher: P\n  published: 2023-09-14\n  text: seeds/{id}.txt\nclaims:\n{claims}"
            ),
        );
    }
    for (rel, text) in extra {
        write(dir.path(), rel, text);
    }
    dir
}

fn claim(id: &str, subject: &str, property: &str, value: &str, quote: &str, more: &str) -> String {
    format!(
        "  - id: {id}\n    subject: {subject}\n    property: {property}\n    value: '{value}'\n    quote: '{quote}'\n{more}"
    )
}

fn json_check(dir: &std::path::Path) -> (i32, serde_json::Value) {
    let (code, out, err) = run(&["check", "--format", "json", dir.to_str().unwrap()]);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    (code, v)
}

fn with_rule<'a>(v: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

fn report_json(dir: &std::path::Path) -> serde_json::Value {
    let (_, out, err) = run(&["report", "--format", "json", dir.to_str().unwrap()]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"))
}

const SCOPES: &str = "scopes:
  - id: all
    name: everyone exposed
    unscoped: true
    total_of: [applicants, relatives]
  - id: applicants
    name: applicants
    aliases: [Afghan applicants, relocation applicants]
  - id: relatives
    name: relatives
    aliases: [family members]
";

const LEAK_A: &str = "The leak named about 12,000 applicants and 4,000 of their relatives.";
const LEAK_B: &str = "More than 30,000 people were exposed by the leak.";

fn leak() -> tempfile::TempDir {
    dossier(
        &[
            (
                "a",
                LEAK_A,
                &(claim(
                    "app",
                    "the data leak",
                    "exposed",
                    "about 12,000",
                    "about 12,000 applicants",
                    "    scope: Afghan applicants\n",
                ) + &claim(
                    "rel",
                    "the data leak",
                    "exposed",
                    "4,000",
                    "4,000 of their relatives",
                    "    scope: family members\n",
                )),
            ),
            (
                "b",
                LEAK_B,
                &claim(
                    "all",
                    "the data leak",
                    "exposed",
                    "more than 30,000",
                    "More than 30,000 people were exposed",
                    "",
                ),
            ),
        ],
        &[("claims/scopes.yaml", SCOPES)],
    )
}

#[test]
fn a_total_is_checked_against_the_sum_of_its_parts_across_sources() {
    let d = leak();
    let (code, v) = json_check(d.path());
    let found = with_rule(&v, "total-mismatch");
    assert_eq!(found.len(), 1, "{v:#}");
    let f = found[0];
    let msg = f["message"].as_str().unwrap();
    // about 12,000 = [10,900, 13,100] (±500 rounding + 5%); plus 4,000.
    assert!(msg.contains("larger than its parts"), "{msg}");
    assert!(msg.contains("[14,900, 17,100]"), "{msg}");
    assert_eq!(f["loc"]["file"], "claims/b.yaml");
    assert_eq!(f["severity"], "warning");
    // A warning: `check` fails on errors by default.
    assert_eq!(code, 0);
    // Scope aliases group with their scope's name.
    let r = report_json(d.path());
    let scoped: Vec<&serde_json::Value> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["key"]["scope"] != serde_json::Value::Null)
        .collect();
    assert_eq!(scoped.len(), 2, "{r:#}");
}

#[test]
fn hedged_parts_that_can_reach_the_total_are_no_finding() {
    let d = leak();
    write(
        d.path(),
        "seeds/b.txt",
        "About 16,000 people were exposed by the leak.",
    );
    write(
        d.path(),
        "claims/b.yaml",
        &format!(
            "source:\n  id: b\n  title: b\n  publisher: P\n  published: 2023-09-14\n  text: seeds/b.txt\nclaims:\n{}",
            claim(
                "all",
                "the data leak",
                "exposed",
                "About 16,000",
                "About 16,000 people",
                ""
            )
        ),
    );
    let (_, v) = json_check(d.path());
    assert!(with_rule(&v, "total-mismatch").is_empty(), "{v:#}");
}

#[test]
fn a_source_whose_parts_exceed_its_own_total_is_caught_within_the_source() {
    let seed = "The leak named 12,000 applicants and 4,000 relatives, 9,000 people in all.";
    let d = dossier(
        &[(
            "a",
            seed,
            &(claim(
                "app",
                "the data leak",
                "exposed",
                "12,000",
                "12,000 applicants",
                "    scope: applicants\n",
            ) + &claim(
                "rel",
                "the data leak",
                "exposed",
                "4,000",
                "4,000 relatives",
                "    scope: relatives\n",
            ) + &claim(
                "all",
                "the data leak",
                "exposed",
                "9,000",
                "9,000 people in all",
                "",
            )),
        )],
        &[("claims/scopes.yaml", SCOPES)],
    );
    let (_, v) = json_check(d.path());
    let found = with_rule(&v, "total-mismatch");
    assert_eq!(found.len(), 1, "{v:#}");
    let msg = found[0]["message"].as_str().unwrap();
    assert!(msg.contains("smaller than its parts"), "{msg}");
    assert!(msg.contains("16,000"), "{msg}");
    assert!(msg.contains("as a itself states them"), "{msg}");
    assert_eq!(found[0]["related"].as_array().unwrap().len(), 2);
}

#[test]
fn an_unknown_scope_and_a_cycle_point_at_their_lines() {
    let d = leak();
    write(
        d.path(),
        "claims/scopes.yaml",
        "scopes:
  - id: all
    total_of: [applicants, relativs]
  - id: applicants
    part_of: [relatives]
  - id: relatives
    part_of: [applicants]
",
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("claims/scopes.yaml:3:28: error[unknown-scope]")
            && out.contains("did you mean `relatives`?"),
        "{out}"
    );
    assert!(
        out.contains("error[scope-cycle] scopes are parts of themselves: applicants -> relatives -> applicants"),
        "{out}"
    );
}

#[test]
fn only_declared_scopes_rejects_free_text_with_a_suggestion() {
    let d = leak();
    write(
        d.path(),
        "claims/scopes.yaml",
        &format!("only_declared: true\n{SCOPES}"),
    );
    let (_, out, _) = check_brief(d.path());
    assert!(!out.contains("unknown-scope"), "{out}");
    let text = std::fs::read_to_string(d.path().join("claims/a.yaml")).unwrap();
    write(
        d.path(),
        "claims/a.yaml",
        &text.replace("scope: family members", "scope: family membres"),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("claims/a.yaml:14:5: error[unknown-scope] scope `family membres`")
            && out.contains("did you mean `family members`?"),
        "{out}"
    );
}

#[test]
fn a_scopes_file_with_a_wrong_field_exits_2_at_its_line() {
    let d = leak();
    write(
        d.path(),
        "claims/scopes.yaml",
        "scopes:\n  - id: all\n    totl_of: [a]\n",
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("claims/scopes.yaml:3:5: error[invalid-field]"),
        "{out}"
    );
}

const COST_A: &str = "The scheme cost £640 million.";
const COST_B: &str = "The scheme cost $800 million, officials said.";
const COST_C: &str = "The scheme cost about $800 million in all.";

fn costs(rates: Option<&str>) -> tempfile::TempDir {
    let mut extra = Vec::new();
    if let Some(r) = rates {
        extra.push(("claims/rates.yaml", r));
    }
    dossier(
        &[
            (
                "a",
                COST_A,
                &claim(
                    "cost",
                    "the relocation scheme",
                    "cost",
                    "£640 million",
                    "cost £640 million",
                    "",
                ),
            ),
            (
                "b",
                COST_B,
                &claim(
                    "cost",
                    "the relocation scheme",
                    "cost",
                    "$800 million",
                    "cost $800 million",
                    "",
                ),
            ),
            (
                "c",
                COST_C,
                &claim(
                    "cost",
                    "the relocation scheme",
                    "cost",
                    "about $800 million",
                    "cost about $800 million",
                    "",
                ),
            ),
        ],
        &extra,
    )
}

fn the_fact(r: &serde_json::Value) -> &serde_json::Value {
    &r["groups"].as_array().unwrap()[0]
}

#[test]
fn amounts_in_two_currencies_compare_at_a_declared_rate_with_its_date() {
    let d = costs(Some(
        "rates:\n  - pair: GBP/USD\n    rate: 1.25\n    date: 2023-09\n    source: Bank of England monthly average\n",
    ));
    let r = report_json(d.path());
    let g = the_fact(&r);
    assert_eq!(g["verdict"], "compatible", "{g:#}");
    let why = g["reason"].as_str().unwrap();
    assert!(
        why.contains("at 1 GBP = 1.25 USD (2023-09, Bank of England monthly average), ±3%"),
        "{why}"
    );
}

#[test]
fn without_a_rate_the_foreign_amount_is_set_aside_not_the_group() {
    let d = costs(None);
    let r = report_json(d.path());
    let g = the_fact(&r);
    assert_eq!(g["verdict"], "compatible", "{g:#}");
    assert!(
        g["reason"]
            .as_str()
            .unwrap()
            .contains("1 claim in GBP set aside: no exchange rate to USD is declared"),
        "{g:#}"
    );
    let (_, v) = json_check(d.path());
    let nc = with_rule(&v, "not-comparable");
    assert_eq!(nc.len(), 1, "{v:#}");
    assert_eq!(nc[0]["loc"]["file"], "claims/a.yaml");
}

#[test]
fn a_rate_for_an_unknown_currency_or_with_a_wrong_field_points_at_its_line() {
    let d = costs(Some(
        "rates:\n  - pair: GBP/XYZ\n    rate: 1.25\n    source: nowhere\n  - pair: GBP/USD\n    rate: -2\n    source: typo\n  - pair: EUR/USD\n    rate: 1.1\n    date: last week\n    source: x\n",
    ));
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("claims/rates.yaml:2:11: error[invalid-rate] `XYZ` in `pair: GBP/XYZ` is not a currency the reader knows"),
        "{out}"
    );
    assert!(
        out.contains(
            "claims/rates.yaml:6:11: error[invalid-rate] `rate: -2` is not a positive number"
        ),
        "{out}"
    );
    assert!(
        out.contains("claims/rates.yaml:10:11: error[invalid-rate] `date: last week`"),
        "{out}"
    );
    let d = costs(Some(
        "rates:\n  - pair: GBP/USD\n    rat: 1.25\n    source: x\n",
    ));
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("claims/rates.yaml:3:5: error[invalid-field]"),
        "{out}"
    );
}

#[test]
fn an_amount_restated_in_another_currency_is_checked_against_the_rate() {
    let seed = "The 640-million-pound scheme, £640 million ($810 million), was cut.";
    let make = |rate: &str| {
        dossier(
            &[(
                "a",
                seed,
                &claim(
                    "cost",
                    "the relocation scheme",
                    "cost",
                    "£640 million ($810 million)",
                    "£640 million ($810 million)",
                    "",
                ),
            )],
            &[(
                "claims/rates.yaml",
                &format!(
                    "rates:\n  - pair: USD/GBP\n    rate: {rate}\n    date: 2023-09-01..2023-09-30\n    source: ECB\n"
                ),
            )],
        )
    };
    let (_, v) = json_check(make("0.79").path());
    assert!(with_rule(&v, "inconsistent-conversion").is_empty(), "{v:#}");
    let (_, v) = json_check(make("0.6").path());
    let found = with_rule(&v, "inconsistent-conversion");
    assert_eq!(found.len(), 1, "{v:#}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("at 1 USD = 0.6 GBP (2023-09-01..2023-09-30, ECB)")
    );
}

#[test]
fn a_bare_number_takes_the_propertys_unit() {
    let d = dossier(
        &[
            (
                "a",
                "Amir Saleh, 7, was rescued.",
                &claim("age", "Amir Saleh", "age", "7", "Amir Saleh, 7", ""),
            ),
            (
                "b",
                "The boy, eight years old, was rescued.",
                &claim(
                    "age",
                    "Amir Saleh",
                    "age",
                    "eight years",
                    "eight years old",
                    "",
                ),
            ),
        ],
        &[],
    );
    let r = report_json(d.path());
    let g = the_fact(&r);
    // Not "not-comparable": both are ages in years, and they differ.
    assert_eq!(g["verdict"], "conflict", "{g:#}");
}

#[test]
fn a_unit_the_kind_cannot_use_is_an_error_at_its_line() {
    let d = dossier(&[], &[]);
    write(
        d.path(),
        "claims/properties.yaml",
        "properties:\n  - id: age\n    kind: quantity\n    unit: years\n  - id: lead-time\n    kind: duration\n    unit: km\n  - id: when\n    kind: date\n    unit: days\n",
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("claims/properties.yaml:4:11: error[invalid-unit] property `age` declares `unit: years`, but `years` is a unit of time"), "{out}");
    assert!(
        out.contains("claims/properties.yaml:7:11: error[invalid-unit]"),
        "{out}"
    );
    assert!(
        out.contains("claims/properties.yaml:10:11: error[invalid-unit]"),
        "{out}"
    );
}

#[test]
fn a_value_its_quote_does_not_state_is_a_warning_at_the_value() {
    let seed = "The flood destroyed 1,200 homes. Soldiers were blamed by residents.";
    let d = dossier(
        &[(
            "a",
            seed,
            &(claim(
                "homes",
                "the flood",
                "homes",
                "1,500",
                "The flood destroyed 1,200 homes.",
                "",
            ) + &claim(
                "ok",
                "the flood",
                "homes",
                "about 1,200",
                "The flood destroyed 1,200 homes.",
                "",
            ) + &claim(
                "by",
                "the flood",
                "by",
                "the army",
                "Soldiers were blamed",
                "",
            ) + &claim(
                "by2",
                "the flood",
                "by",
                "the army",
                "blamed by residents",
                "",
            )),
        )],
        &[],
    );
    let (_, v) = json_check(d.path());
    let found = with_rule(&v, "value-not-in-quote");
    let msgs: Vec<&str> = found
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(found.len(), 2, "{msgs:#?}");
    assert!(
        msgs[0].starts_with("value `1,500` of claim `homes`"),
        "{msgs:?}"
    );
    assert!(
        msgs[1].contains("names neither `the army` nor any of its aliases"),
        "{msgs:?}"
    );
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["loc"]["line"], 11);
}
