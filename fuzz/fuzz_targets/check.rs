#![no_main]
//! The whole check on a generated dossier whose values, quotes and vocabulary come from the
//! input: claims are built from fuzz bytes split into fields. No panic anywhere in the pipeline.
use libfuzzer_sys::fuzz_target;

fn yaml(s: &str) -> String {
    format!("{:?}", s)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fields: Vec<&str> = text.split('|').collect();
    let get = |i: usize| fields.get(i).copied().unwrap_or("");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("claims")).unwrap();
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    let kinds = ["quantity", "money", "date", "duration", "entity", "text", "name-list", "time"];
    let kind = kinds[data.first().copied().unwrap_or(0) as usize % kinds.len()];
    std::fs::write(root.join("claims/properties.yaml"), format!("properties:\n  - id: p\n    kind: {kind}\n    single_valued: true\n    temporal: cumulative\n")).unwrap();
    std::fs::write(root.join("claims/entities.yaml"), format!("entities:\n  - id: e\n    aliases: [{}]\n  - id: f\n    part_of: [e]\n", yaml(get(0)))).unwrap();
    std::fs::write(root.join("seeds/s.txt"), get(1)).unwrap();
    let mut claims = String::new();
    for (i, chunk) in fields.iter().skip(2).enumerate().take(20) {
        let (value, quote) = chunk.split_once('~').unwrap_or((chunk, chunk));
        claims.push_str(&format!(
            "  - id: c{i}\n    subject: e\n    property: p\n    value: {}\n    quote: {}\n    as_of: {}\n",
            yaml(value),
            yaml(quote),
            yaml(&format!("2024-0{}", 1 + i % 9))
        ));
    }
    for s in ["a", "b"] {
        std::fs::write(
            root.join(format!("claims/{s}.yaml")),
            format!("source:\n  id: {s}\n  title: t\n  publisher: p\n  published: 2024\n  text: seeds/s.txt\nclaims:\n{claims}"),
        )
        .unwrap();
    }
    if let Ok(a) = corroborate::pipeline::analyze(root) {
        use corroborate::report::{self, diagnostics, escape};
        let hidden = |out: &str| out.chars().any(|c| c != '\n' && escape::is_hidden(c));
        let lines = corroborate::load::FileLines::for_findings(&a.loaded.root, &a.findings);
        let human = diagnostics::human(&a.findings, &lines, false);
        assert!(!hidden(&human));
        let brief = diagnostics::brief(&a.findings);
        assert!(!hidden(&brief));
        assert_eq!(brief.lines().count(), a.findings.len());
        for line in escape::github_log(&human).lines() {
            assert!(!line.trim_start().starts_with("::") && !line.contains("##["));
        }
        let annotations = report::ci::github(&a.findings, "");
        assert!(!hidden(&annotations) && !annotations.contains("##["));
        let sarif = report::ci::sarif(&a.findings, "", "0");
        assert!(!hidden(&sarif));
        let r = a.report(&Default::default());
        assert!(!hidden(&corroborate::report::render::table(&r, false, Some(100))));
        assert!(!hidden(&corroborate::report::render::markdown(&r)));
        assert!(!hidden(&corroborate::report::render::json(&r)));
        let _ = corroborate::report::html::html(&r, "t");
        for m in corroborate::resolve::Method::ALL {
            let _ = corroborate::resolve::resolve(&a.loaded.dossier, &a.assertions, &a.comparison, m);
        }
    }
});
