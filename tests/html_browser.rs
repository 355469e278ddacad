//! The HTML report in a real browser: headless Chromium loads it from a file:// URL, and the
//! test reads the rendered DOM. Chromium is Debian's `chromium` package, which `.ci/run`
//! installs; elsewhere the test is skipped unless CORROBORATE_REQUIRE_BROWSER is set.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Chromium, or `None` (test skipped) where it is not installed and not required.
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CORROBORATE_REQUIRE_BROWSER").is_none(),
            "chromium is required but not installed"
        );
        skip(
            "html_browser",
            "chromium is not installed (/usr/bin/chromium); set CORROBORATE_REQUIRE_BROWSER=1 to make this a failure",
        );
    }
    found
}

/// The injected scripts set `data-pwned` on <body>; the escaped text merely mentions it.
fn assert_nothing_ran(dom: &str) {
    let body_tag = &dom[dom.find("<body").unwrap()..];
    let body_tag = &body_tag[..body_tag.find('>').unwrap()];
    assert!(
        !body_tag.contains("data-pwned"),
        "an injected script ran: {body_tag}"
    );
}

/// Writes the dossier's HTML report to `report.html` in it and returns that path.
fn write_html_report(dir: &Path) -> PathBuf {
    let html = dir.join("report.html");
    let (code, _, err) = run(&[
        "report",
        dir.to_str().unwrap(),
        "--format",
        "html",
        "--output",
        html.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    html
}

fn headless(chrome: &Path, profile: &Path, extra: &[&str], url: &str) -> std::process::Output {
    Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("run chromium")
}

#[test]
fn the_bundled_report_renders_in_chromium() {
    let Some(chrome) = chromium_or_skip() else {
        return;
    };
    let d = bundled_copy();
    // An injected claim: markup in a value, an attribution and a note must render as text.
    let file = d
        .path()
        .join("claims/diplomat-iran-taliban-cooperation-kerman.yaml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(concat!(
        "  - id: injected\n",
        "    subject: Kerman attack\n",
        "    property: statement\n",
        "    value: \"<script>document.body.setAttribute('data-pwned','1')</script>\"\n",
        "    attribution: \"\\\"><img src=x onerror=\\\"document.body.setAttribute('data-pwned','2')\\\">\"\n",
        "    note: \"<script>document.title='PWNED'</script>\"\n",
        "    quote: No gunfire was reported after the attack.\n",
    ));
    std::fs::write(&file, text).unwrap();
    let html = write_html_report(d.path());
    let (_, json, _) = run(&["report", d.path().to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();

    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", html.display());
    let out = headless(&chrome, profile.path(), &["--dump-dom"], &url);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("<main>"),
        "no DOM: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The verdict counts.
    for (verdict, n) in report["summary"]["verdicts"].as_object().unwrap() {
        let want = format!("data-verdict=\"{verdict}\"><b class=\"count\">{n}</b>");
        assert!(dom.contains(&want), "missing count {want}");
    }
    // One chart per quantitative group.
    let quantitative = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| {
            ["quantity", "money", "duration", "date", "time"].contains(&g["kind"].as_str().unwrap())
        })
        .filter(|g| {
            g["claims"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| !c["normalized"]["low"].is_null() || !c["normalized"]["high"].is_null())
        })
        .count();
    assert!(quantitative > 10);
    assert_eq!(dom.matches("<svg class=\"chart\"").count(), quantitative);
    // The Kerman death toll, with both sources.
    let start = dom
        .find("data-subject=\"kerman-bombing\" data-property=\"death-toll\"")
        .expect("the Kerman death-toll chart");
    let chart = &dom[start..start + dom[start..].find("</svg>").unwrap()];
    assert!(
        chart.contains("data-source=\"atnews-iran-taliban\"")
            && chart.contains("data-source=\"diplomat-iran-taliban\""),
        "{chart}"
    );
    // The injected markup did not run, and shows as text.
    assert_nothing_ran(&dom);
    assert!(!dom.contains("<title>PWNED"), "an injected script ran");
    assert!(
        dom.contains("&lt;script&gt;document.body.setAttribute"),
        "the injected value is shown as text"
    );
    // The filter script ran (it is the only script the page's policy allows).
    assert!(dom.contains("id=\"shown\""));

    // A screenshot as a test artefact, for people to look at.
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join("report.png");
    let _ = std::fs::remove_file(&png);
    let out = headless(
        &chrome,
        profile.path(),
        &[
            "--window-size=1200,2400",
            &format!("--screenshot={}", png.display()),
        ],
        &url,
    );
    assert!(
        png.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn long_reports_draw_sections_lazily() {
    let Some(chrome) = chromium_or_skip() else {
        return;
    };
    // 320 facts, one claim each, from one source, with an injection attempt in every value.
    let n = 320;
    let d = tempfile::tempdir().unwrap();
    let mut ents = String::from("entities:\n");
    let mut seed = String::new();
    let mut claims = String::new();
    for i in 0..n {
        ents.push_str(&format!("  - id: e{i}\n"));
        seed.push_str(&format!("Attack {i} killed {} people.\n", i + 1));
        claims.push_str(&format!(
            "  - id: c{i}\n    subject: e{i}\n    property: toll\n    value: '{} </script><script>document.body.setAttribute(\"data-pwned\",\"1\")</script>'\n    quote: killed {} people\n",
            i + 1,
            i + 1
        ));
    }
    write(d.path(), "claims/entities.yaml", &ents);
    write(
        d.path(),
        "claims/properties.yaml",
        "properties:\n  - id: toll\n    kind: quantity\n    single_valued: true\n",
    );
    write(d.path(), "seeds/s.txt", &seed);
    write(
        d.path(),
        "claims/s.yaml",
        &format!(
            "source:\n  id: s\n  title: t\n  publisher: p\n  published: 2024\n  text: seeds/s.txt\nclaims:\n{claims}"
        ),
    );
    let html = write_html_report(d.path());
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(
        page.matches("class=\"lazy\"").count(),
        n,
        "every section is drawn lazily"
    );
    let profile = tempfile::tempdir().unwrap();
    let out = headless(
        &chrome,
        profile.path(),
        &["--window-size=1200,1600", "--dump-dom"],
        &format!("file://{}", html.display()),
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    assert_nothing_ran(&dom);
    // The first sections were filled when they came into view, the last ones not yet.
    let filled = dom.matches("class=\"filled\"").count();
    assert!(filled >= 3 && filled < n, "{filled} sections filled");
    let first = &dom[dom.find("id=\"g0\"").unwrap()..];
    let first = &first[..first.find("</section>").unwrap()];
    assert!(
        first.contains("<svg class=\"chart\""),
        "the first section has its chart: {first}"
    );
}
