//! Any string in any field of a dossier, rendered by every output format, carries no raw
//! control, bidi or invisible character, no workflow command a CI runner would execute, no
//! forged `brief` line and no live Markdown or HTML.

use corroborate::load::FileLines;
use corroborate::pipeline;
use corroborate::report::{self, diagnostics, escape};
use proptest::prelude::*;

fn hostile_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n::error file=x.yaml,line=1::forged\n".to_string()),
        Just("\n  ::add-mask::secret".to_string()),
        Just("##[command]rm -rf".to_string()),
        Just("\r\n".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{2066}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\u{E0041}".to_string()),
        Just("\u{85}".to_string()),
        Just("\u{7F}".to_string()),
        Just("\x1b[31m".to_string()),
        Just("\t".to_string()),
        Just("|".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=y>".to_string()),
        Just("@octocat".to_string()),
        Just("https://evil.example/x".to_string()),
        Just("www.evil.example".to_string()),
        Just("[link](javascript:x)".to_string()),
        Just("`".to_string()),
        Just("%0A".to_string()),
        Just("::".to_string()),
        Just(" ".to_string()),
        "[a-zA-Z0-9 ,.:]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_piece(), 1..6).prop_map(|v| v.concat())
}

fn no_hidden(what: &str, out: &str) {
    for c in out.chars() {
        assert!(
            c == '\n' || !escape::is_hidden(c),
            "{what}: raw U+{:04X} in output",
            u32::from(c)
        );
    }
}

/// A dossier whose every text field carries `s`, in JSON Lines (any string survives JSON).
fn dossier(s: &str, file_tag: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims");
    std::fs::create_dir_all(&claims).unwrap();
    std::fs::write(
        claims.join("properties.yaml"),
        "quotes_optional: true\nproperties:\n  - id: toll\n    kind: quantity\n    single_valued: true\n  - id: who\n    kind: entity\n    single_valued: true\n  - id: what\n    kind: text\n    single_valued: true\n",
    )
    .unwrap();
    std::fs::write(
        claims.join("entities.yaml"),
        "entities:\n  - id: x\n    name: X\n  - id: y\n    name: Y\n",
    )
    .unwrap();
    let src = |id: &str| {
        serde_json::json!({"id": id, "title": s, "publisher": s, "published": "2024-01-01", "url": s, "note": s})
            .to_string()
    };
    std::fs::write(
        claims.join("sources.jsonl"),
        format!("{}\n{}\n", src("a"), src(s)),
    )
    .unwrap();
    let claim = |source: &str, id: &str, subject: &str, property: &str, value: &str| {
        serde_json::json!({"source": source, "id": id, "subject": subject, "property": property,
            "value": value, "attribution": s, "scope": "people"})
        .to_string()
    };
    let lines = [
        claim("a", "t", "x", "toll", "90"),
        claim(s, "t", "x", "toll", s),
        claim("a", "w", "x", "who", "X"),
        claim(s, "w", "x", "who", s),
        claim("a", "v", "x", "what", "plain words"),
        claim(s, s, "x", "what", s),
        claim("a", "u", s, s, "1"),
    ];
    // The file name carries the string too, as far as a file system allows.
    let name: String = file_tag
        .chars()
        .filter(|&c| c != '/' && c != '\0')
        .take(40)
        .collect();
    std::fs::write(
        claims.join(format!("c{name}.jsonl")),
        lines.join("\n") + "\n",
    )
    .unwrap();
    dir
}

/// Markdown text with its code spans (a run of n backticks to the next run of exactly n)
/// removed: what a renderer would parse as markup.
fn outside_code_spans(md: &str) -> String {
    let b = md.as_bytes();
    let run_at = |i: usize| b[i..].iter().take_while(|&&c| c == b'`').count();
    let mut out = String::new();
    let mut i = 0;
    let mut start = 0;
    while i < b.len() {
        let escaped = b[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1;
        if b[i] != b'`' || escaped {
            i += 1;
            continue;
        }
        let n = run_at(i);
        let mut j = i + n;
        let mut close = None;
        while j < b.len() {
            if b[j] == b'`' {
                let m = run_at(j);
                if m == n {
                    close = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                out.push_str(&md[start..i]);
                out.push(' ');
                start = end;
                i = end;
            }
            None => i += n,
        }
    }
    out.push_str(&md[start..]);
    out
}

fn check_all_formats(s: &str) {
    let dir = dossier(s, s);
    let analysis = pipeline::analyze(dir.path()).unwrap();
    let open: Vec<_> = analysis
        .findings
        .iter()
        .filter(|f| f.acknowledged.is_none())
        .cloned()
        .collect();
    assert!(!open.is_empty(), "the dossier makes findings to render");
    let lines = FileLines::for_findings(&analysis.loaded.root, &open);

    let human = diagnostics::human(&open, &lines, false);
    no_hidden("human", &human);

    let brief = diagnostics::brief(&open);
    no_hidden("brief", &brief);
    assert_eq!(
        brief.lines().count(),
        open.len(),
        "one line per finding: {brief}"
    );

    let annotations = report::ci::github(&analysis.findings, "");
    let log = escape::github_log(&human);
    no_hidden("github", &annotations);
    no_hidden("github", &log);
    assert_eq!(annotations.lines().count(), open.len(), "{annotations}");
    for line in annotations.lines() {
        let cmd = line.split(' ').next().unwrap_or("");
        assert!(
            ["::error", "::warning", "::notice"].contains(&cmd),
            "an annotation line of ours: {line}"
        );
        assert!(!line.contains("##["), "{line}");
    }
    for line in log.lines() {
        assert!(!line.trim_start().starts_with("::"), "summary line: {line}");
        assert!(!line.contains("##["), "summary line: {line}");
    }

    let sarif = report::ci::sarif(&analysis.findings, "", "0");
    no_hidden("sarif", &sarif);
    assert!(!sarif.contains("##["));
    serde_json::from_str::<serde_json::Value>(&sarif).unwrap();

    let junit = report::junit::junit(
        &analysis.findings,
        &report::junit::claim_files(&analysis.loaded.dossier),
        "",
    );
    for c in junit.chars() {
        assert!(
            c == '\n' || !escape::is_hidden(c),
            "junit: raw U+{:04X}",
            u32::from(c)
        );
    }
    assert!(!junit.contains("##["));
    let gitlab = report::gitlab::gitlab(&analysis.findings, "");
    no_hidden("gitlab", &gitlab);
    assert!(!gitlab.contains("##["));
    serde_json::from_str::<serde_json::Value>(&gitlab).unwrap();

    let r = analysis.report(&report::data::Filter::default());
    assert!(r.groups.len() >= 3, "the dossier makes facts to report");
    let table = report::render::table(&r, false, Some(120));
    no_hidden("table", &table);

    let md = report::render::markdown(&r);
    no_hidden("markdown", &md);
    let prose = outside_code_spans(&md);
    assert!(
        !prose.replace("<br>", "").contains('<'),
        "raw HTML in Markdown: {md}"
    );
    for line in md.lines().filter(|l| l.starts_with('|')) {
        // Every row has its table's cell count: `|` inside text is escaped.
        let cells = line.replace("\\|", "").matches('|').count();
        assert!(cells == 5 || cells == 7, "a forged cell: {line}");
    }
    for word in prose.split_whitespace() {
        assert!(
            !word.contains('@') && !word.contains("://"),
            "a live mention or link: {word} in {md}"
        );
    }

    let json = report::render::json(&r);
    no_hidden("json", &json);
    assert!(!json.contains("##["));
    serde_json::from_str::<serde_json::Value>(&json).unwrap();

    let html = report::html::html(&r, "t");
    for c in html.chars() {
        assert!(
            c == '\n' || c == '\t' || !escape::is_hidden(c),
            "html: raw U+{:04X}",
            u32::from(c)
        );
    }
    assert!(!html.contains("<script>alert"), "injected script");
    assert!(!html.contains("<img src=x"), "injected markup");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn every_format_neutralises_any_string(s in hostile()) {
        check_all_formats(&s);
    }
}

#[test]
fn the_known_attacks_are_neutralised() {
    for s in [
        "x\n::error file=claims/a.yaml,line=1::forged",
        "##[command]echo pwned",
        "a\u{202E}gnp.exe",
        "<script>alert(1)</script> | forged | row |\n| x |",
        "@octocat https://evil.example",
    ] {
        check_all_formats(s);
    }
}
