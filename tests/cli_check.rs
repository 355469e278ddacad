//! `corroborate check` on fixture dossiers: each failure class gives its rule code, the
//! file:line it points at, and the documented exit code.

mod common;
use common::*;

#[test]
fn the_small_dossier_is_clean() {
    let d = small();
    let (code, out, _) = run(&["check", d.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("checked 2 sources, 5 claims, 5 quotes"),
        "{out}"
    );
}

#[test]
fn the_bundled_dossier_is_clean_and_says_what_it_checked() {
    let (code, out, err) = run(&["check", env!("CARGO_MANIFEST_DIR")]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("checked 5 sources"), "{out}");
    assert!(out.contains("quotes against 5 seed texts"), "{out}");
    // One dated conflict and three contested accusations of responsibility.
    assert!(out.contains("4 acknowledged"), "{out}");
}

#[test]
fn one_changed_character_in_a_quote_is_caught_at_its_line() {
    let d = bundled_copy();
    let file = d
        .path()
        .join("claims/diplomat-iran-taliban-cooperation-kerman.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("quote: The attack claimed the lives of over 90 people"))
        .unwrap()
        + 1;
    std::fs::write(
        &file,
        text.replacen(
            "claimed the lives of over 90 people",
            "claimed the lives of over 91 people",
            1,
        ),
    )
    .unwrap();
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    let want = format!(
        "claims/diplomat-iran-taliban-cooperation-kerman.yaml:{line}:12: error[quote-not-found]"
    );
    assert!(out.contains(&want), "{want}\n{out}");
    let (_, human, _) = run(&["check", d.path().to_str().unwrap()]);
    assert!(
        human.contains("closest passage: seeds/diplomat-iran-taliban-cooperation-kerman.txt:19"),
        "{human}"
    );
    assert!(human.contains("«90 people"), "{human}");
}

#[test]
fn malformed_yaml_exits_2_with_position() {
    let d = small();
    write(
        d.path(),
        "claims/bad.yaml",
        "source:\n  id: x\n  title: [unclosed\n",
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("claims/bad.yaml:"), "{out}");
    assert!(
        out.contains("[yaml-syntax]") || out.contains("[invalid-field]"),
        "{out}"
    );
}

#[test]
fn unknown_field_exits_2_at_its_line() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace(
            "    value: over 90\n",
            "    value: over 90\n    valeu: typo\n",
        ),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(
            "claims/a.yaml:12:5: error[invalid-field] claim `toll`: unknown field `valeu`; did you mean `value`?"
        ),
        "{out}"
    );
}

#[test]
fn wrong_type_and_missing_field_exit_2() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("    value: over 90\n", "    value: [over, 90]\n"),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("claims/a.yaml:11:") && out.contains("[invalid-field]"),
        "{out}"
    );

    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace(
            "    subject: Kerman attack\n    property: death toll\n",
            "    property: death toll\n",
        ),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    // At the claim's first line, naming it.
    assert!(
        out.contains("claims/a.yaml:8:5: error[invalid-field] claim `toll` has no `subject`"),
        "{out}"
    );
}

#[test]
fn duplicate_keys_exit_2() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace(
            "  title: Article A\n",
            "  title: Article A\n  title: Again\n",
        ),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("claims/a.yaml:4:") && out.contains("appears twice"),
        "{out}"
    );
}

#[test]
fn duplicate_claim_ids_point_at_the_second() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("  - id: date\n", "  - id: toll\n"),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("claims/a.yaml:13:5: error[duplicate-id] claim id `toll` is used twice"),
        "{out}"
    );
}

#[test]
fn undeclared_property_and_entity_suggest_a_fix() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A
            .replace("property: death toll", "property: death tol")
            .replace(
                "subject: Kerman attack\n    property: date",
                "subject: Kerman atack\n    property: date",
            ),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("claims/a.yaml:10:15: error[unknown-property]")
            && out.contains("did you mean"),
        "{out}"
    );
    assert!(
        out.contains("claims/a.yaml:14:14: error[unknown-entity]")
            && out.contains("`Kerman attack`"),
        "{out}"
    );
}

#[test]
fn empty_values_are_findings() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("value: over 90", "value: '  '"),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("claims/a.yaml:11:12: error[empty-value]"),
        "{out}"
    );
}

#[test]
fn a_missing_seed_is_reported_at_the_text_field() {
    let d = small();
    std::fs::remove_file(d.path().join("seeds/b.txt")).unwrap();
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("claims/b.yaml:6:9: error[seed-missing]"),
        "{out}"
    );
}

#[test]
fn seed_paths_outside_the_root_are_refused() {
    for bad in ["../outside.txt", "/etc/hostname", "seeds/../../outside.txt"] {
        let d = small();
        write(
            d.path(),
            "claims/a.yaml",
            &SOURCE_A.replace("seeds/a.txt", bad),
        );
        let (code, out, _) = check_brief(d.path());
        assert_eq!(code, 1, "{bad}: {out}");
        assert!(
            out.contains("claims/a.yaml:6:9: error[unsafe-path]"),
            "{bad}: {out}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_link_leading_outside_is_refused_and_its_target_never_read() {
    let outside = tempfile::tempdir().unwrap();
    // A FIFO: opening it for reading would block, so a test that finishes proves it was not read.
    let fifo = outside.path().join("trap");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("mkfifo unavailable; skipping");
        return;
    }
    let d = small();
    std::os::unix::fs::symlink(&fifo, d.path().join("seeds/a.txt.link")).unwrap();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("seeds/a.txt", "seeds/a.txt.link"),
    );
    std::os::unix::fs::symlink(&fifo, d.path().join("claims/evil.yaml")).unwrap();
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("claims/a.yaml:6:9: error[unsafe-path]"),
        "{out}"
    );
    assert!(
        out.contains("claims/evil.yaml:1:1: error[unsafe-path]"),
        "{out}"
    );
}

#[test]
fn a_missing_claims_folder_exits_2() {
    let d = tempfile::tempdir().unwrap();
    let (code, _, err) = check_brief(d.path());
    assert_eq!(code, 2);
    assert!(err.contains("has no claims/ folder"), "{err}");
}

#[test]
fn a_new_contradiction_fails_and_passes_once_accepted() {
    // The Diplomat's toll of an earlier attack, misread as the Kerman toll: the source then
    // states two tolls of the Kerman attack at once.
    let d = bundled_copy();
    let file = d
        .path()
        .join("claims/diplomat-iran-taliban-cooperation-kerman.yaml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("  - id: kerman-toll-wrong\n    subject: Kerman attack\n    property: death toll\n    value: '17'\n    quote: killed 17 locals\n");
    std::fs::write(&file, text).unwrap();
    let root = d.path().to_str().unwrap();
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[internal-conflict]") && out.contains("death toll"),
        "{out}"
    );
    // Against the other source, both published in January 2024, the order is unknown.
    assert!(out.contains("info[order-unknown]"), "{out}");

    let (code, _, err) = run(&[
        "accept",
        root,
        "--rule",
        "internal-conflict",
        "--reason",
        "test: reviewed",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 0, "{out}");
    // The acknowledged contradiction still shows in the report, beside the dated one.
    let (_, report, _) = run(&["report", root, "--verdict", "conflict", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(v["summary"]["verdicts"]["conflict"], 2, "{report}");
}

#[test]
fn fail_on_warning_is_stricter() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("value: over 90", "value: umpteen"),
    );
    let (code, out, _) = run(&["check", "--format", "brief", d.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("warning[unparsed-value]"), "{out}");
    let (code, _, _) = run(&["check", "--fail-on", "warning", d.path().to_str().unwrap()]);
    assert_eq!(code, 1);
}

#[test]
fn json_lines_mix_with_yaml_and_point_at_their_lines() {
    let d = small();
    write(
        d.path(),
        "claims/sources.jsonl",
        "{\"id\":\"c\",\"title\":\"Wire C\",\"publisher\":\"Wire\",\"published\":\"2024-01-12\",\"text\":\"seeds/c.txt\",\"derived_from\":[\"a\"]}\n",
    );
    write(
        d.path(),
        "seeds/c.txt",
        "The bombing in Kerman killed 95 people on January 3.\n",
    );
    write(
        d.path(),
        "claims/claims.jsonl",
        concat!(
            "{\"source\":\"c\",\"id\":\"toll\",\"subject\":\"Kerman attack\",\"property\":\"death toll\",\"value\":95,\"quote\":\"killed 95 people\"}\n",
            "\n",
            "{\"source\":\"b\",\"id\":\"extra\",\"subject\":\"Kerman attack\",\"property\":\"date\",\"value\":\"January 3\",\"quote\":\"on January 3\"}\n",
        ),
    );
    let (code, out, _) = run(&["check", d.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("checked 3 sources, 7 claims, 7 quotes"),
        "{out}"
    );

    // A bad quote, an unknown field and an unknown source, each at its line.
    write(
        d.path(),
        "claims/claims.jsonl",
        concat!(
            "{\"source\":\"c\",\"id\":\"toll\",\"subject\":\"Kerman attack\",\"property\":\"death toll\",\"value\":95,\"quote\":\"killed 96 people\"}\n",
            "{\"source\":\"nobody\",\"id\":\"x\",\"subject\":\"Kerman attack\",\"property\":\"date\",\"value\":\"January 3\",\"quote\":\"x\"}\n",
            "{\"source\":\"c\",\"id\":\"y\",\"subject\":\"Kerman attack\",\"property\":\"date\",\"valeu\":\"January 3\"}\n",
            "{not json\n",
        ),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("claims/claims.jsonl:1:88: error[quote-not-found]"),
        "{out}"
    );
    assert!(
        out.contains("claims/claims.jsonl:2:1: error[unknown-source]"),
        "{out}"
    );
    assert!(
        out.contains("claims/claims.jsonl:3:") && out.contains("unknown field `valeu`"),
        "{out}"
    );
    assert!(
        out.contains("claims/claims.jsonl:4:") && out.contains("is not valid JSON"),
        "{out}"
    );
}

#[test]
fn the_same_dossier_in_yaml_and_json_lines_gives_the_same_verdicts() {
    // The small fixture, written as JSON Lines by hand, must give the same verdicts.
    let d = tempfile::tempdir().unwrap();
    let yaml = small();
    write(d.path(), "claims/properties.yaml", PROPERTIES);
    write(d.path(), "claims/entities.yaml", ENTITIES);
    write(d.path(), "seeds/a.txt", SEED_A);
    write(d.path(), "seeds/b.txt", SEED_B);
    write(
        d.path(),
        "claims/sources.jsonl",
        concat!(
            "{\"id\":\"a\",\"title\":\"Article A\",\"publisher\":\"Example Times\",\"published\":\"2024-01-10\",\"text\":\"seeds/a.txt\"}\n",
            "{\"id\":\"b\",\"title\":\"Article B\",\"publisher\":\"Example Post\",\"published\":\"2024-01-11\",\"text\":\"seeds/b.txt\"}\n",
        ),
    );
    write(
        d.path(),
        "claims/claims.jsonl",
        concat!(
            "{\"source\":\"a\",\"id\":\"toll\",\"subject\":\"Kerman attack\",\"property\":\"death toll\",\"value\":\"over 90\",\"quote\":\"The attack claimed the lives of over 90 people\"}\n",
            "{\"source\":\"a\",\"id\":\"date\",\"subject\":\"Kerman attack\",\"property\":\"date\",\"value\":\"January 3\",\"quote\":\"On January 3, the Islamic State (IS) group targeted\"}\n",
            "{\"source\":\"a\",\"id\":\"who\",\"subject\":\"Kerman attack\",\"property\":\"responsibility\",\"value\":\"Islamic State\",\"quote\":\"the Islamic State (IS) group targeted a gathering\"}\n",
            "{\"source\":\"b\",\"id\":\"toll\",\"subject\":\"Kerman bombing\",\"property\":\"killed\",\"value\":\"95\",\"quote\":\"killed 95 people\"}\n",
            "{\"source\":\"b\",\"id\":\"date\",\"subject\":\"Kerman bombing\",\"property\":\"date\",\"value\":\"January 3\",\"quote\":\"in Kerman on January 3\"}\n",
        ),
    );
    let verdicts = |dir: &std::path::Path| {
        let (_, out, _) = run(&["report", dir.to_str().unwrap(), "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut g: Vec<String> = v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| format!("{} {} {}", g["key"]["property"], g["verdict"], g["reason"]))
            .collect();
        g.sort();
        g
    };
    assert_eq!(verdicts(yaml.path()), verdicts(d.path()));
}

/// The fixture's entities, as `claims/entities.jsonl` lines.
const ENTITIES_JSONL: &str = concat!(
    "{\"id\":\"kerman-bombing\",\"name\":\"Kerman bombing\",\"aliases\":[\"Kerman attack\"]}\n",
    "{\"id\":\"islamic-state\",\"name\":\"Islamic State\",\"aliases\":[\"IS\"]}\n",
    "\n",
    "{\"id\":\"iskp\",\"name\":\"Islamic State Khorasan Province\",\"aliases\":[\"ISKP\"],\"part_of\":[\"islamic-state\"]}\n",
    "{\"id\":\"israel\",\"name\":\"Israel\"}\n",
);

#[test]
fn entities_can_be_json_lines_and_point_at_their_lines() {
    let yaml = small();
    let d = small();
    std::fs::remove_file(d.path().join("claims/entities.yaml")).unwrap();
    write(d.path(), "claims/entities.jsonl", ENTITIES_JSONL);
    let report = |dir: &std::path::Path| {
        let (code, out, err) = run(&["report", dir.to_str().unwrap(), "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["groups"].clone()
    };
    // Aliases and part_of work as in YAML: the same groups, verdicts and reasons.
    assert_eq!(report(yaml.path()), report(d.path()));

    // A bad line and a duplicate id across both files, each at its file and line.
    write(
        d.path(),
        "claims/entities.jsonl",
        &format!("{ENTITIES_JSONL}{{\"id\":\"x\",\"alias\":[\"y\"]}}\n"),
    );
    write(
        d.path(),
        "claims/entities.yaml",
        "entities:\n  - id: israel\n    name: Israel\n",
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("claims/entities.jsonl:6:") && out.contains("unknown field `alias`"),
        "{out}"
    );
    assert_eq!(
        out.matches("error[duplicate-id] entities: `israel` is declared twice")
            .count(),
        1,
        "{out}"
    );
}

#[test]
fn extract_drafts_json_lines_claims_whose_quotes_check() {
    let d = small();
    let seed = d.path().join("seeds/a.txt");
    let (code, out, err) = run(&[
        "extract",
        "--format",
        "claims-jsonl",
        "--published",
        "2024-01-10",
        seed.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 2, "{out}");
    assert!(lines.iter().all(|l| l["source"] == "a"), "{out}");
    assert!(lines.iter().any(|l| l["value"] == "over 90"), "{out}");
    // Loaded beside the YAML claims (the source `a` is declared there): every quote is found
    // in the seed; only the subjects and properties are left to fill in.
    write(d.path(), "claims/drafts.jsonl", &out);
    let (code, brief, _) = check_brief(d.path());
    assert_eq!(code, 1, "{brief}");
    assert!(!brief.contains("quote-not-found"), "{brief}");
    assert!(brief.contains("claims/drafts.jsonl:1:"), "{brief}");
    assert!(brief.contains("`TODO`"), "{brief}");
}

#[test]
fn acknowledgements_from_earlier_releases_still_match_and_values_fold() {
    // Earlier releases fingerprinted a finding with the normalized reading of each value
    // (`islamic-state`, `israel`); such entries keep acknowledging the same finding.
    let d = with_rival_claim();
    write(
        d.path(),
        "claims/accepted.yaml",
        "accepted:\n  - fingerprint: \"conflict:kerman-bombing:responsibility::a/who=islamic-state,b/who=israel\"\n    rule: conflict\n    reason: reviewed by an earlier release\n",
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("stale-acknowledgement"), "{out}");

    // Today's fingerprint carries the stated values, folded for case, spacing and typography.
    let root = d.path().to_str().unwrap();
    let (_, json, _) = run(&["check", root, "--format", "json", "--fail-on", "never"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let fps: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "conflict")
        .filter_map(|f| f["fingerprint"].as_str())
        .collect();
    assert_eq!(
        fps,
        ["conflict:kerman-bombing:responsibility::a/who=\"islamic state\",b/who=\"israel\""]
    );
    // Restyling a value's case and spacing keeps the acknowledgement.
    write(
        d.path(),
        "claims/accepted.yaml",
        &format!(
            "accepted:\n  - fingerprint: {}\n    rule: conflict\n    reason: reviewed\n",
            serde_json::to_string(fps[0]).unwrap()
        ),
    );
    let a = std::fs::read_to_string(d.path().join("claims/a.yaml")).unwrap();
    write(
        d.path(),
        "claims/a.yaml",
        &a.replace("value: Islamic State", "value: \"ISLAMIC  State\""),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 0, "{out}");
}

#[test]
fn acknowledgements_of_load_findings_in_earlier_forms_still_match() {
    // Earlier releases fingerprinted findings about files and empty values with a short
    // prefix (`io:`, `size:`, `utf8:`, `empty:`, `stale:`) instead of their rule's code; such
    // entries migrate on read and keep acknowledging the same finding.
    let findings = |dir: &std::path::Path| -> Vec<serde_json::Value> {
        let root = dir.to_str().unwrap();
        let (_, json, _) = run(&["check", root, "--format", "json", "--fail-on", "never"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["findings"].as_array().unwrap().clone()
    };
    let d = small();
    let a = std::fs::read_to_string(d.path().join("claims/a.yaml")).unwrap();
    write(
        d.path(),
        "claims/a.yaml",
        &a.replacen("value: over 90", "value: \"\"", 1),
    );
    write(
        d.path(),
        "claims/accepted.yaml",
        "accepted:\n  - fingerprint: \"empty:a:toll:value\"\n    reason: reviewed by an earlier release\n  - fingerprint: \"io:claims/gone.yaml\"\n    reason: a file since removed\n",
    );
    let all = findings(d.path());
    let empty: Vec<&serde_json::Value> =
        all.iter().filter(|f| f["rule"] == "empty-value").collect();
    assert_eq!(empty.len(), 1, "{all:?}");
    assert_eq!(empty[0]["fingerprint"], "empty-value:a:toll:value");
    assert_eq!(empty[0]["acknowledged"], "reviewed by an earlier release");
    // A stale entry is named as it is written, under its rule's code.
    let stale: Vec<&str> = all
        .iter()
        .filter(|f| f["rule"] == "stale-acknowledgement")
        .filter_map(|f| f["fingerprint"].as_str())
        .collect();
    assert_eq!(stale, ["stale-acknowledgement:io:claims/gone.yaml"]);

    let d = small();
    std::fs::write(
        d.path().join("claims/latin1.yaml"),
        b"source:\n  id: caf\xe9\n",
    )
    .unwrap();
    write(
        d.path(),
        "claims/accepted.yaml",
        "accepted:\n  - fingerprint: \"utf8:claims/latin1.yaml\"\n    reason: reviewed\n",
    );
    let all = findings(d.path());
    let bad: Vec<&serde_json::Value> = all.iter().filter(|f| f["rule"] == "bad-encoding").collect();
    assert_eq!(bad.len(), 1, "{all:?}");
    assert_eq!(bad[0]["fingerprint"], "bad-encoding:claims/latin1.yaml");
    assert_eq!(bad[0]["acknowledged"], "reviewed");
}
