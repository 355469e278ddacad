//! The verdict mechanisms on small fixture dossiers: time, contested voices, cluster-wise
//! judging, stated precision, contradictions inside one source.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

const PROPS: &str = "properties:
  - id: death-toll
    name: death toll
    kind: quantity
    unit: people
    single_valued: true
    temporal: cumulative
  - id: cost
    name: cost
    kind: money
    single_valued: true
  - id: date
    kind: date
    single_valued: true
  - id: responsibility
    name: responsible party
    kind: entity
    single_valued: true
";

const ENTS: &str = "entities:
  - id: quake
    name: the earthquake
  - id: dam
    name: the dam
  - id: rebels
    name: Northern Front
    party: true
  - id: army
    name: the army
";

/// One source: its id, publication date, seed text and claims (YAML list items).
struct Src<'a> {
    id: &'a str,
    published: &'a str,
    seed: &'a str,
    claims: &'a str,
}

fn dossier(sources: &[Src]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "claims/properties.yaml", PROPS);
    write(dir.path(), "claims/entities.yaml", ENTS);
    for s in sources {
        write(dir.path(), &format!("seeds/{}.txt", s.id), s.seed);
        write(
            dir.path(),
            &format!("claims/{}.yaml", s.id),
            &format!(
                "source:\n  id: {}\n  title: T\n  publisher: P\n  published: {}\n  text: seeds/{}.txt\nclaims:\n{}",
                s.id, s.published, s.id, s.claims
            ),
        );
    }
    dir
}

fn claim(id: &str, property: &str, value: &str, quote: &str, extra: &str) -> String {
    format!(
        "  - id: {id}\n    subject: the earthquake\n    property: {property}\n    value: '{value}'\n    quote: {quote}\n{extra}"
    )
}

fn report(dir: &Path) -> Value {
    let (code, out, err) = run(&["report", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("json")
}

fn check(dir: &Path) -> Value {
    let (_, out, err) = run(&["check", dir.to_str().unwrap(), "--format", "json"]);
    serde_json::from_str(&out).unwrap_or_else(|_| panic!("json: {out}{err}"))
}

fn group<'a>(r: &'a Value, property: &str) -> &'a Value {
    r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"]["property"] == property)
        .unwrap_or_else(|| panic!("no group for {property}: {r}"))
}

fn findings<'a>(c: &'a Value, rule: &str) -> Vec<&'a Value> {
    let all = c["findings"].as_array().or(c.as_array()).expect("findings");
    all.iter().filter(|f| f["rule"] == rule).collect()
}

fn toll_source<'a>(id: &'a str, published: &'a str, seed: &'a str, claims: &'a str) -> Src<'a> {
    Src {
        id,
        published,
        seed,
        claims,
    }
}

#[test]
fn publication_dates_order_a_changing_toll_into_a_timeline() {
    let a = claim("toll", "death toll", "40", "killed 40 people", "");
    let b = claim("toll", "death toll", "52", "killed 52 people", "");
    let c = claim("toll", "death toll", "49", "killed 49 people", "");
    let d = dossier(&[
        toll_source("a", "2024-01-03", "The quake killed 40 people.", &a),
        toll_source("b", "2024-01-04", "The quake killed 52 people.", &b),
        toll_source("c", "2024-01-06", "The quake killed 49 people.", &c),
    ]);
    let r = report(d.path());
    let g = group(&r, "death-toll");
    // The toll falls from 52 to 49: a cumulative figure cannot, so the verdict is a
    // conflict whose reason is the timeline; the finding is the fall, at its step.
    assert_eq!(g["verdict"], "conflict", "{g}");
    let reason = g["reason"].as_str().unwrap();
    assert!(
        reason.contains("40 (2024-01-03) -> 52 (2024-01-04) -> 49 (2024-01-06)"),
        "{reason}"
    );
    let c = check(d.path());
    let falls = findings(&c, "falling-total");
    assert_eq!(falls.len(), 1, "{c}");
    assert!(
        falls[0]["loc"]["file"]
            .as_str()
            .unwrap()
            .ends_with("c.yaml")
    );
    assert!(
        falls[0]["related"][0]["loc"]["file"]
            .as_str()
            .unwrap()
            .ends_with("b.yaml")
    );
    assert!(findings(&c, "conflict").is_empty(), "{c}");
}

#[test]
fn coarse_or_unknown_dates_give_order_unknown_not_conflict() {
    let a = claim("toll", "death toll", "40", "killed 40 people", "");
    let b = claim("toll", "death toll", "52", "killed 52 people", "");
    for published in ["2024-01", "unknown"] {
        let d = dossier(&[
            toll_source("a", published, "The quake killed 40 people.", &a),
            toll_source("b", "2024-01-04", "The quake killed 52 people.", &b),
        ]);
        let g = group(&report(d.path()), "death-toll").clone();
        assert_eq!(g["verdict"], "order-unknown", "{published}: {g}");
        let c = check(d.path());
        assert_eq!(findings(&c, "order-unknown").len(), 1, "{c}");
        assert!(findings(&c, "conflict").is_empty());
        assert_eq!(findings(&c, "order-unknown")[0]["severity"], "info");
    }
}

#[test]
fn an_earlier_figure_is_ordered_before_its_source_current_one() {
    let a = format!(
        "{}{}",
        claim(
            "first",
            "death toll",
            "40",
            "initially put at 40",
            "    earlier: true\n"
        ),
        claim("now", "death toll", "52", "now stands at 52", "")
    );
    let d = dossier(&[toll_source(
        "a",
        "2024-01-04",
        "The toll, initially put at 40, now stands at 52.",
        &a,
    )]);
    let g = group(&report(d.path()), "death-toll").clone();
    assert_eq!(g["verdict"], "revised", "{g}");
    assert!(
        g["reason"]
            .as_str()
            .unwrap()
            .contains("40 (earlier, by 2024-01-04) -> 52 (2024-01-04)")
    );
    let c = check(d.path());
    assert!(findings(&c, "internal-conflict").is_empty(), "{c}");
    // Without `earlier`, the same two figures are the source contradicting itself.
    let a = a.replace("    earlier: true\n", "");
    let d = dossier(&[toll_source(
        "a",
        "2024-01-04",
        "The toll, initially put at 40, now stands at 52.",
        &a,
    )]);
    let c = check(d.path());
    let internal = findings(&c, "internal-conflict");
    assert_eq!(internal.len(), 1, "{c}");
    assert_eq!(internal[0]["related"].as_array().unwrap().len(), 1);
    assert_eq!(
        group(&report(d.path()), "death-toll")["verdict"],
        "conflict"
    );
}

#[test]
fn contested_voices_stand_beside_the_fact_and_have_their_own_finding() {
    let a = claim("toll", "death toll", "95", "killed 95 people", "");
    let b = claim("toll", "death toll", "95", "95 people died", "");
    let c = claim(
        "toll",
        "death toll",
        "more than 300",
        "more than 300 soldiers",
        "    attribution: Northern Front\n",
    );
    let d = dossier(&[
        toll_source("a", "2024-01-04", "The quake killed 95 people.", &a),
        toll_source("b", "2024-01-04", "Officials said 95 people died.", &b),
        toll_source(
            "c",
            "2024-01-04",
            "The Northern Front said more than 300 soldiers were killed.",
            &c,
        ),
    ]);
    let r = report(d.path());
    let g = group(&r, "death-toll");
    assert_eq!(g["verdict"], "agree", "{g}");
    assert!(
        g["reason"]
            .as_str()
            .unwrap()
            .contains("disputed by Northern Front (per c) [stated]: more than 300"),
        "{g}"
    );
    assert_eq!(g["contested"][0]["disputes"], true);
    assert_eq!(r["summary"]["contested"], 1);
    let c = check(d.path());
    let contested = findings(&c, "contested");
    assert_eq!(contested.len(), 1, "{c}");
    assert_eq!(contested[0]["severity"], "warning");
    assert!(findings(&c, "conflict").is_empty());
    // An official voice, not marked as a party, is judged like any other.
    let c2 = claim(
        "toll",
        "death toll",
        "more than 300",
        "more than 300 soldiers",
        "    attribution: the army\n",
    );
    let d = dossier(&[
        toll_source("a", "2024-01-04", "The quake killed 95 people.", &a),
        toll_source(
            "c",
            "2024-01-04",
            "The Northern Front said more than 300 soldiers were killed.",
            &c2,
        ),
    ]);
    assert_eq!(
        group(&report(d.path()), "death-toll")["verdict"],
        "conflict"
    );
}

#[test]
fn a_rounded_amount_and_an_open_bound_at_its_figure_are_compatible() {
    let a = claim("cost", "cost", "£640 million", "cost £640 million", "");
    let b = claim("cost", "cost", "more than £640m", "more than £640m", "");
    let d = dossier(&[
        toll_source("a", "2024-01-04", "The dam cost £640 million.", &a),
        toll_source("b", "2024-01-05", "It cost more than £640m.", &b),
    ]);
    assert_eq!(group(&report(d.path()), "cost")["verdict"], "compatible");
}

#[test]
fn exact_counts_one_apart_on_the_same_day_conflict() {
    let a = claim("toll", "death toll", "130", "killed 130 people", "");
    let b = claim("toll", "death toll", "131", "131 people died", "");
    let d = dossier(&[
        toll_source("a", "2024-01-04", "The quake killed 130 people.", &a),
        toll_source("b", "2024-01-04", "Officials said 131 people died.", &b),
    ]);
    let g = group(&report(d.path()), "death-toll").clone();
    assert_eq!(g["verdict"], "conflict", "{g}");
    let c = check(d.path());
    let conflicts = findings(&c, "conflict");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0]["related"].as_array().unwrap().len(), 1);
}

#[test]
fn an_amount_in_another_currency_is_set_aside_and_the_rest_judged() {
    let a = claim("cost", "cost", "£7 billion", "£7 billion", "");
    let b = claim("cost", "cost", "£7 billion", "£7 billion", "");
    let c = claim("cost", "cost", "$9 billion", "$9 billion", "");
    let d = dossier(&[
        toll_source("a", "2024-01-04", "It cost £7 billion.", &a),
        toll_source("b", "2024-01-04", "It cost £7 billion.", &b),
        toll_source("c", "2024-01-04", "It cost $9 billion.", &c),
    ]);
    let g = group(&report(d.path()), "cost").clone();
    assert_eq!(g["verdict"], "agree", "{g}");
    assert_eq!(g["set_aside"][0]["claim"], "c/cost");
    assert!(
        g["reason"].as_str().unwrap().contains("exchange rates"),
        "{g}"
    );
}

#[test]
fn one_readable_claim_is_not_agreement() {
    let a = claim("toll", "death toll", "95", "killed 95 people", "");
    let b = claim("toll", "death toll", "umpteen", "umpteen people", "");
    let d = dossier(&[
        toll_source("a", "2024-01-04", "The quake killed 95 people.", &a),
        toll_source("b", "2024-01-04", "Officials said umpteen people died.", &b),
    ]);
    assert_eq!(
        group(&report(d.path()), "death-toll")["verdict"],
        "not-comparable"
    );
}

#[test]
fn an_impossible_weekday_is_a_finding_at_the_claim() {
    let a = claim(
        "when",
        "date",
        "Saturday, 7 January 2024",
        "Saturday, 7 January 2024",
        "",
    );
    let d = dossier(&[toll_source(
        "a",
        "2024-01-08",
        "The quake struck on Saturday, 7 January 2024.",
        &a,
    )]);
    let c = check(d.path());
    let wrong = findings(&c, "wrong-weekday");
    assert_eq!(wrong.len(), 1, "{c}");
    assert!(wrong[0]["message"].as_str().unwrap().contains("Sunday"));
    assert_eq!(wrong[0]["loc"]["line"], 11, "the value line");
}
