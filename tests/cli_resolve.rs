//! `corroborate resolve` on the bundled dossier: the table, its limit, and the JSON contract.

mod common;
use common::*;

fn bundled_root() -> String {
    env!("CARGO_MANIFEST_DIR").to_string()
}

#[test]
fn the_table_explains_each_contested_fact_and_respects_the_limit() {
    let root = bundled_root();
    let (code, out, err) = run(&["resolve", &root]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("contested facts resolved with hier"), "{out}");
    assert!(out.contains("chose \""), "{out}");
    let total: usize = out
        .lines()
        .find_map(|l| {
            l.split(" contested facts resolved")
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .unwrap();
    assert!(total >= 2, "{out}");
    let (code, limited, _) = run(&["resolve", &root, "--limit", "1"]);
    assert_eq!(code, 0);
    assert!(
        limited.contains(&format!("... and {} more", total - 1)),
        "{limited}"
    );
    // The count of facts is the same whatever is shown.
    assert!(
        limited.contains(&format!("{total} contested facts resolved")),
        "{limited}"
    );
}

#[test]
fn json_gives_key_value_confidence_and_sources_deterministically() {
    let root = bundled_root();
    for method in corroborate::resolve::Method::NAMES {
        let (code, out, err) = run(&["resolve", &root, "--method", method, "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let (_, again, _) = run(&["resolve", &root, "--method", method, "--format", "json"]);
        assert_eq!(out, again, "{method} is not deterministic");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["method"], method);
        let groups = v["groups"].as_array().unwrap();
        assert!(!groups.is_empty());
        for g in groups {
            assert!(g["key"]["subject"].is_string() && g["key"]["property"].is_string());
            assert!(g["value"]["stated"].is_string());
            assert!(g["value"]["normalized"]["kind"].is_string());
            let c = g["confidence"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&c), "{g}");
            assert!(!g["sources"].as_array().unwrap().is_empty(), "{g}");
        }
        let sources = v["sources"].as_array().unwrap();
        assert_eq!(sources.len(), 5);
        for s in sources {
            let r = s["reliability"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&r), "{s}");
        }
    }
}
