//! Verdicts and reports on small fixture dossiers, with snapshot tests of each format.

mod common;
use common::*;
use serde_json::Value;

fn report_json(dir: &std::path::Path, extra: &[&str]) -> Value {
    let mut args = vec!["report", dir.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("json")
}

fn group<'a>(r: &'a Value, property: &str) -> &'a Value {
    r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"]["property"] == property)
        .unwrap_or_else(|| panic!("no group for {property}"))
}

#[test]
fn overlapping_values_are_compatible_and_equal_ones_agree() {
    let d = small();
    let r = report_json(d.path(), &[]);
    let toll = group(&r, "death-toll");
    assert_eq!(toll["verdict"], "compatible", "{toll}");
    assert!(toll["reason"].as_str().unwrap().contains("overlap"));
    let date = group(&r, "date");
    assert_eq!(date["verdict"], "agree", "{date}");
    assert_eq!(group(&r, "responsibility")["verdict"], "single-source");
}

#[test]
fn disjoint_values_conflict_with_the_gap() {
    let d = small();
    write(
        d.path(),
        "claims/b.yaml",
        &SOURCE_B
            .replace("value: '95'", "value: '85'")
            .replace("killed 95 people", "Officials said")
            // Published the same day: a day later, a cumulative toll that falls is a
            // revision flagged as `falling-total`, not a conflict.
            .replace("published: 2024-01-11", "published: 2024-01-10"),
    );
    let r = report_json(d.path(), &[]);
    let toll = group(&r, "death-toll");
    assert_eq!(toll["verdict"], "conflict", "{toll}");
    assert_eq!(toll["gap"]["absolute"], 5.0);
    assert!(
        toll["reason"]
            .as_str()
            .unwrap()
            .contains("cannot both be true")
    );
}

#[test]
fn a_later_higher_cumulative_figure_is_a_revision_and_a_falling_one_is_flagged() {
    let d = small();
    write(
        d.path(),
        "claims/b.yaml",
        &SOURCE_B
            .replace("value: '95'", "value: '85'\n    as_of: 2024-01-04")
            .replace("killed 95 people", "Officials said"),
    );
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("value: over 90", "value: over 90\n    as_of: 2024-01-10"),
    );
    let r = report_json(d.path(), &[]);
    assert_eq!(group(&r, "death-toll")["verdict"], "revised");
    assert!(
        !r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "falling-total")
    );

    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("value: over 90", "value: over 90\n    as_of: 2024-01-03"),
    );
    let r = report_json(d.path(), &[]);
    // A cumulative figure cannot fall: a conflict, with the timeline as its reason.
    assert_eq!(group(&r, "death-toll")["verdict"], "conflict");
    assert!(
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "falling-total"),
        "{}",
        r["findings"]
    );
}

#[test]
fn an_entity_that_is_part_of_another_is_compatible_and_a_rival_conflicts() {
    let d = small();
    let extra = "  - id: who\n    subject: Kerman bombing\n    property: responsibility\n    value: ISKP\n    quote: the bombing in Kerman\n";
    write(d.path(), "claims/b.yaml", &format!("{SOURCE_B}{extra}"));
    let r = report_json(d.path(), &[]);
    let who = group(&r, "responsibility");
    assert_eq!(who["verdict"], "compatible", "{who}");
    assert!(
        who["reason"].as_str().unwrap().contains("is part of"),
        "{who}"
    );

    let rival = "  - id: who\n    subject: Kerman bombing\n    property: responsibility\n    value: Israel\n    attribution: Iran's media\n    quote: media blamed Israel\n";
    write(d.path(), "claims/b.yaml", &format!("{SOURCE_B}{rival}"));
    let r = report_json(d.path(), &[]);
    let who = group(&r, "responsibility");
    assert_eq!(who["verdict"], "conflict", "{who}");
    assert!(
        who["reason"].as_str().unwrap().contains("Iran's media"),
        "attribution is named: {who}"
    );
    // Alleged, the rival is a contested voice: beside the fact, not deciding it.
    let alleged = rival.replace("    quote:", "    hedge: alleged\n    quote:");
    write(d.path(), "claims/b.yaml", &format!("{SOURCE_B}{alleged}"));
    let r = report_json(d.path(), &[]);
    let who = group(&r, "responsibility");
    assert_eq!(who["verdict"], "single-source", "{who}");
    assert!(
        who["reason"]
            .as_str()
            .unwrap()
            .contains("disputed by Iran's media (per b) [alleged]: Israel"),
        "{who}"
    );
}

#[test]
fn affirmed_and_denied_conflict() {
    let d = small();
    let denial = "  - id: who\n    subject: Kerman bombing\n    property: responsibility\n    value: Islamic State\n    negated: true\n    quote: media blamed Israel\n";
    write(d.path(), "claims/b.yaml", &format!("{SOURCE_B}{denial}"));
    let r = report_json(d.path(), &[]);
    let who = group(&r, "responsibility");
    assert_eq!(who["verdict"], "conflict", "{who}");
    assert!(who["reason"].as_str().unwrap().contains("denies"), "{who}");
}

#[test]
fn mixed_currencies_are_not_comparable() {
    let d = small();
    write(
        d.path(),
        "claims/properties.yaml",
        &format!("{PROPERTIES}  - id: cost\n    kind: money\n    single_valued: true\n"),
    );
    write(
        d.path(),
        "seeds/a.txt",
        &format!("{SEED_A}It cost £7 billion.\n"),
    );
    write(
        d.path(),
        "seeds/b.txt",
        &format!("{SEED_B}It cost $9 billion.\n"),
    );
    write(
        d.path(),
        "claims/a.yaml",
        &format!(
            "{SOURCE_A}  - id: cost\n    subject: Kerman attack\n    property: cost\n    value: £7 billion\n    quote: It cost £7 billion.\n"
        ),
    );
    write(
        d.path(),
        "claims/b.yaml",
        &format!(
            "{SOURCE_B}  - id: cost\n    subject: Kerman attack\n    property: cost\n    value: $9 billion\n    quote: It cost $9 billion.\n"
        ),
    );
    let r = report_json(d.path(), &[]);
    let cost = group(&r, "cost");
    assert_eq!(cost["verdict"], "not-comparable", "{cost}");
    assert!(cost["reason"].as_str().unwrap().contains("exchange rates"));
}

#[test]
fn relayed_sources_do_not_count_as_independent() {
    let d = small();
    write(
        d.path(),
        "claims/b.yaml",
        &SOURCE_B.replace(
            "  text: seeds/b.txt\n",
            "  text: seeds/b.txt\n  derived_from: [a]\n",
        ),
    );
    let r = report_json(d.path(), &[]);
    let date = group(&r, "date");
    assert_eq!(
        (
            date["sources"].as_u64(),
            date["independent_sources"].as_u64()
        ),
        (Some(2), Some(1))
    );
    assert!(
        date["reason"].as_str().unwrap().contains("b relays a"),
        "{date}"
    );
}

#[test]
fn undeclared_relaying_is_detected_from_the_texts() {
    let d = small();
    let shared = "Officials in Tehran said the twin bombings near the cemetery were the deadliest attack in the country since the revolution and that the authorities had arrested several suspects in three provinces over the following days. The interior ministry added that the investigation would examine how the attackers passed the security cordon and whether foreign intelligence services had helped to plan the operation.";
    write(d.path(), "seeds/a.txt", &format!("{SEED_A}{shared}\n"));
    write(d.path(), "seeds/b.txt", &format!("{SEED_B}{shared}\n"));
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 0, "a warning does not fail by default: {out}");
    assert!(out.contains("warning[undeclared-relay]"), "{out}");
}

#[test]
fn different_scopes_are_related_not_conflicting() {
    let d = small();
    let extra = "  - id: toll-families\n    subject: Kerman bombing\n    property: killed\n    scope: victims and bystanders\n    value: '300'\n    quote: killed 95 people\n";
    write(d.path(), "claims/b.yaml", &format!("{SOURCE_B}{extra}"));
    let r = report_json(d.path(), &[]);
    let scoped = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"]["scope"] == "victims and bystanders")
        .unwrap();
    assert_eq!(scoped["verdict"], "scope-differs", "{scoped}");
    assert!(
        scoped["related"][0]["differs"]
            .as_str()
            .unwrap()
            .starts_with("scope")
    );
}

#[test]
fn filters_select_groups() {
    let d = small();
    let r = report_json(d.path(), &["--verdict", "agree"]);
    assert_eq!(r["groups"].as_array().unwrap().len(), 1);
    let r = report_json(d.path(), &["--subject", "Kerman bombing", "--source", "a"]);
    assert_eq!(r["groups"].as_array().unwrap().len(), 3);
    let (code, _, err) = run(&[
        "report",
        d.path().to_str().unwrap(),
        "--verdict",
        "nonsense",
    ]);
    assert_eq!(code, 2, "{err}");
}

fn snapshot_dossier() -> tempfile::TempDir {
    with_rival_claim()
}

/// Temporary paths differ between runs; snapshots keep only the dossier-relative part.
fn stable(text: &str, root: &std::path::Path) -> String {
    stable_paths(text, root)
}

#[test]
fn snapshot_table() {
    let d = snapshot_dossier();
    let (_, out, _) = run(&["report", d.path().to_str().unwrap()]);
    insta::assert_snapshot!(stable(&out, d.path()));
}

#[test]
fn snapshot_markdown() {
    let d = snapshot_dossier();
    let (_, out, _) = run(&["report", d.path().to_str().unwrap(), "--format", "markdown"]);
    insta::assert_snapshot!(stable(&out, d.path()));
}

/// The whole HTML page (style, script and its policy hash included): a change to the template
/// shows here as a reviewed diff.
#[test]
fn snapshot_html() {
    let d = snapshot_dossier();
    let (_, out, _) = run(&["report", d.path().to_str().unwrap(), "--format", "html"]);
    insta::assert_snapshot!(stable(&out, d.path()));
}

#[test]
fn snapshot_json() {
    let d = snapshot_dossier();
    let (_, out, _) = run(&["report", d.path().to_str().unwrap(), "--format", "json"]);
    insta::assert_snapshot!(stable(&out, d.path()));
}

#[test]
fn snapshot_check_human_and_brief() {
    let d = snapshot_dossier();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("over 90 people", "over 80 people"),
    );
    write(d.path(), "claims/c.yaml", "source: [not, a, map]\n");
    let (code, human, _) = run(&["check", d.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("check_human", stable(&human, d.path()));
    let (_, brief, _) = check_brief(d.path());
    insta::assert_snapshot!("check_brief", stable(&brief, d.path()));
}
