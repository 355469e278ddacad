//! Small inputs that used to take polynomial time or memory, and hierarchies that used to be
//! walked wrongly. Each must finish quickly with bounded output. (Debug builds: the limits are
//! generous; `bench/scale.sh --shapes` measures the release build at n and 10n.)

mod common;
use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

const PROPS: &str = "quotes_optional: true\nproperties:\n  - id: what\n    kind: text\n    single_valued: true\n  - id: toll\n    kind: quantity\n    single_valued: true\n  - id: who\n    kind: entity\n    single_valued: true\n";

fn dossier(entities: &str, sources: &[String], claims: &[String]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "claims/properties.yaml", PROPS);
    write(d.path(), "claims/entities.yaml", entities);
    write(
        d.path(),
        "claims/sources.jsonl",
        &(sources.join("\n") + "\n"),
    );
    write(d.path(), "claims/claims.jsonl", &(claims.join("\n") + "\n"));
    d
}

fn source(id: &str, derived: &[String]) -> String {
    serde_json::json!({"id": id, "title": id, "publisher": "p", "published": "2024", "derived_from": derived}).to_string()
}

fn claim(source: &str, subject: &str, property: &str, value: &str) -> String {
    serde_json::json!({"source": source, "id": "c", "subject": subject, "property": property, "value": value}).to_string()
}

fn timed(args: &[&str]) -> (i32, String, String, Duration) {
    let start = Instant::now();
    let (code, out, err) = run(args);
    (code, out, err, start.elapsed())
}

fn report_json(dir: &Path) -> (serde_json::Value, Duration) {
    let (code, out, err, t) = timed(&["report", "--format", "json", dir.to_str().unwrap()]);
    assert!(code == 0 || code == 2, "{err}");
    (serde_json::from_str(&out).unwrap(), t)
}

#[test]
fn nested_text_values_stay_linear_and_short() {
    let n = 700;
    let sources: Vec<String> = (0..n).map(|i| source(&format!("s{i}"), &[])).collect();
    let mut words = String::new();
    let claims: Vec<String> = (0..n)
        .map(|i| {
            if i > 0 {
                words.push(' ');
            }
            words.push_str(&format!("t{i}"));
            claim(&format!("s{i}"), "x", "what", &words)
        })
        .collect();
    let d = dossier("entities:\n  - id: x\n", &sources, &claims);
    let (report, t) = report_json(d.path());
    assert!(t < Duration::from_secs(60), "took {t:?}");
    let reason = report["groups"][0]["reason"].as_str().unwrap();
    assert!(reason.len() < 8000, "reason of {} bytes", reason.len());
    assert!(reason.contains("more related pairs"), "{reason}");
    assert_eq!(report["groups"][0]["verdict"], "compatible");
}

#[test]
fn long_relay_chains_and_wide_relay_stars_are_described_briefly() {
    let n = 20_000;
    // A chain: each source relays the one before.
    let sources: Vec<String> = (0..n)
        .map(|i| {
            let up = if i == 0 {
                vec![]
            } else {
                vec![format!("s{}", i - 1)]
            };
            source(&format!("s{i}"), &up)
        })
        .collect();
    let claims: Vec<String> = (0..n)
        .map(|i| claim(&format!("s{i}"), "x", "toll", "95"))
        .collect();
    let d = dossier("entities:\n  - id: x\n", &sources, &claims);
    let (report, t) = report_json(d.path());
    assert!(t < Duration::from_secs(60), "chain took {t:?}");
    let reason = report["groups"][0]["reason"].as_str().unwrap();
    assert!(reason.len() < 2000, "{reason}");
    assert!(
        reason.contains("only 1 of 20000 sources are independent"),
        "{reason}"
    );
    assert!(reason.contains("more relaying sources"), "{reason}");
    // A star: every outlet relays one wire story.
    let mut sources = vec![source("wire", &[])];
    sources.extend((1..n).map(|i| source(&format!("s{i}"), &["wire".to_string()])));
    let mut claims = vec![claim("wire", "x", "toll", "95")];
    claims.extend((1..n).map(|i| claim(&format!("s{i}"), "x", "toll", "95")));
    let d = dossier("entities:\n  - id: x\n", &sources, &claims);
    let (report, t) = report_json(d.path());
    assert!(t < Duration::from_secs(60), "star took {t:?}");
    let reason = report["groups"][0]["reason"].as_str().unwrap();
    assert!(reason.len() < 2000, "{reason}");
}

#[test]
fn one_huge_value_gives_a_bounded_diagnostic() {
    let big = "9".repeat(4 * 1024 * 1024);
    let sources = vec![source("a", &[]), source("b", &[])];
    let claims = vec![
        claim("a", "x", "what", &format!("alpha {big}")),
        claim("b", "x", "what", "beta"),
        claim("a", "x", "toll", &format!("umpteen {big}")),
        claim("a", "x", "who", &format!("nobody {big}")),
    ];
    let d = dossier("entities:\n  - id: x\n", &sources, &claims);
    let dir = d.path().to_str().unwrap();
    for format in ["human", "brief", "github", "sarif", "json"] {
        let (code, out, err, _) = timed(&["check", "--format", format, dir]);
        assert_eq!(code, 1, "{format}: {err}");
        assert!(
            out.len() < 64 * 1024,
            "{format}: {} bytes of output",
            out.len()
        );
        assert!(
            out.contains("more bytes") || out.contains("bytes)"),
            "{format}: shown cut"
        );
    }
}

#[test]
fn import_ids_for_names_without_ascii_letters_are_linear() {
    let d = tempfile::tempdir().unwrap();
    let mut table = String::from("object,property,value,source\n");
    for i in 0..20_000 {
        // Cyrillic names: no ASCII letter, so every id starts from the same base.
        let name: String = format!("{i}")
            .chars()
            .map(|c| char::from_u32(0x430 + c.to_digit(10).unwrap()).unwrap())
            .collect();
        table.push_str(&format!("x,p,{i},Источник {name}\n"));
    }
    write(d.path(), "t.csv", &table);
    let out = d.path().join("out");
    let (code, _, err, t) = timed(&[
        "import",
        d.path().join("t.csv").to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(t < Duration::from_secs(30), "took {t:?}");
    let sources = std::fs::read_to_string(out.join("claims/sources.jsonl")).unwrap();
    assert_eq!(sources.lines().count(), 20_000);
    assert!(sources.contains("\"source-20000\""), "ids are numbered");
}

#[test]
fn deep_part_of_lattices_are_walked_in_full() {
    // 80 levels of two entities, each part of both entities of the level above: 2^80 paths
    // from the bottom to the top, 160 entities.
    let mut ents = String::from("entities:\n");
    for level in 0..80 {
        for side in ["a", "b"] {
            ents.push_str(&format!("  - id: {side}{level}\n"));
            if level < 79 {
                ents.push_str(&format!("    part_of: [a{}, b{}]\n", level + 1, level + 1));
            }
        }
    }
    let sources = vec![source("s1", &[]), source("s2", &[])];
    let claims = vec![
        claim("s1", "x", "who", "a0"),
        claim("s2", "x", "who", "b79"),
    ];
    let d = dossier(&format!("{ents}  - id: x\n"), &sources, &claims);
    let (report, _) = report_json(d.path());
    let g = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"]["property"] == "who")
        .unwrap();
    assert_eq!(g["verdict"], "compatible", "{g}");
    assert!(
        g["reason"].as_str().unwrap().contains("a0 is part of b79"),
        "{g}"
    );
}

#[test]
fn part_of_cycles_are_reported() {
    let ents = "entities:\n  - id: x\n  - id: p\n    part_of: [q]\n  - id: q\n    part_of: [r]\n  - id: r\n    part_of: [p]\n  - id: s\n    part_of: [s]\n";
    let d = dossier(ents, &[source("a", &[])], &[claim("a", "x", "who", "p")]);
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.matches("[part-of-cycle]").count(), 2, "{out}");
    assert!(out.contains("p -> q -> r -> p"), "{out}");
    assert!(out.contains("claims/entities.yaml:"), "{out}");
}
