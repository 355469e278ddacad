//! What a new user meets in the first hour (issue 14): broken files never silent, paths they
//! can jump to, typos caught, acknowledged findings visible, readable terminal output.

mod common;
use common::*;

fn dir(d: &tempfile::TempDir) -> &str {
    d.path().to_str().expect("utf8 path")
}

/// The small dossier with a conflict, a wrong type in one claim of source a (`value` a list)
/// and the conflict acknowledged.
fn broken_claim() -> tempfile::TempDir {
    let d = with_rival_claim();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("value: over 90", "value: [over 90]"),
    );
    d
}

#[test]
fn a_wrong_type_in_one_claim_keeps_the_files_other_claims() {
    let d = broken_claim();
    let (code, out, err) = run(&["report", dir(&d), "--format", "json"]);
    assert_eq!(code, 2, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).expect("json");
    // a's other two claims are still compared: the date agrees, the responsibility conflicts.
    let verdicts: Vec<&str> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["verdict"].as_str().unwrap())
        .collect();
    assert!(verdicts.contains(&"agree"), "{verdicts:?}");
    assert!(verdicts.contains(&"conflict"), "{verdicts:?}");
    assert_eq!(r["summary"]["claims"], 5, "all claims but the broken one");
    assert_eq!(r["summary"]["input_errors"], 1);
    assert!(
        err.contains("claims/a.yaml:11:5") && err.contains("claim `toll`"),
        "stderr names the error: {err}"
    );
}

#[test]
fn every_report_format_shows_input_errors_and_stderr_names_them() {
    let d = broken_claim();
    for format in ["table", "markdown", "json", "html"] {
        let (code, out, err) = run(&["report", dir(&d), "--format", format]);
        assert_eq!(code, 2, "{format}: {err}");
        assert!(
            out.contains("invalid type: sequence"),
            "{format} shows it: {out}"
        );
        if format != "json" {
            assert!(
                out.contains("claims/a.yaml:11:5"),
                "{format} places it: {out}"
            );
        }
        assert!(err.contains("claims/a.yaml:11:5"), "{format} stderr: {err}");
    }
    let out_file = d.path().join("r.html");
    let (code, _, err) = run(&[
        "report",
        dir(&d),
        "--format",
        "html",
        "--output",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("INCOMPLETE"), "{err}");
}

#[test]
fn snapshot_table_with_an_input_error() {
    let d = broken_claim();
    let (_, out, _) = run(&["report", dir(&d)]);
    insta::assert_snapshot!(out);
}

#[test]
fn acknowledgements_about_an_unread_file_are_not_stale() {
    let d = with_rival_claim();
    let (code, _, err) = run(&["accept", dir(&d), "--reason", "a real dispute"]);
    assert_eq!(code, 0, "{err}");
    // Source a's file fails as a whole (a YAML syntax error): its conflict cannot be seen, but
    // the acknowledgement is not called stale.
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("title: Article A", "title: [unclosed"),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(!out.contains("stale-acknowledgement"), "{out}");
    // With every file read, an entry that matches nothing is stale as before.
    write(d.path(), "claims/a.yaml", SOURCE_A);
    let (_, out, _) = check_brief(d.path());
    assert!(!out.contains("stale-acknowledgement"), "{out}");
    let b = std::fs::read_to_string(d.path().join("claims/b.yaml")).unwrap();
    write(
        d.path(),
        "claims/b.yaml",
        &b.replace("value: Israel", "value: ISKP"),
    );
    let (_, out, _) = check_brief(d.path());
    assert!(out.contains("stale-acknowledgement"), "{out}");
}

#[test]
fn a_missing_value_is_reported_at_the_claims_first_line_with_its_id() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace(
            "    value: January 3\n",
            "    hedge: reported\n    negated: false\n",
        ),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("claims/a.yaml:13:5: error[invalid-field] claim `date` has no `value`"),
        "{out}"
    );
    // The file's other claims are still read: a's toll is compared with b's.
    assert!(!out.contains("unknown-source"), "{out}");
}

#[test]
fn a_bad_indent_points_at_the_claims_first_line_and_the_broken_line() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace(
            "    property: responsibility\n",
            "   property: responsibility\n",
        ),
    );
    let (code, out, _) = run(&["check", dir(&d)]);
    assert_eq!(code, 2, "{out}");
    insta::assert_snapshot!(stable_paths(&out, d.path()));
}

#[test]
fn unknown_fields_get_a_did_you_mean() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace("value: over 90", "valeu: over 90"),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2);
    assert!(
        out.contains("claim `toll`: unknown field `valeu`; did you mean `value`?"),
        "{out}"
    );
    // In JSON Lines too.
    let d = small();
    write(
        d.path(),
        "claims/c.jsonl",
        "{\"source\":\"a\",\"id\":\"x\",\"subject\":\"Kerman attack\",\"property\":\"date\",\"value\":\"January 3\",\"qoute\":\"On January 3\"}\n",
    );
    let (_, out, _) = check_brief(d.path());
    assert!(
        out.contains("unknown field `qoute`; did you mean `quote`?"),
        "{out}"
    );
}

#[test]
fn typos_in_report_filters_and_accept_rules_are_errors_with_suggestions() {
    let d = small();
    let cases: [(&[&str], &str); 4] = [
        (
            &["report", dir(&d), "--subject", "Kerman atack"],
            "did you mean `Kerman attack`?",
        ),
        (
            &["report", dir(&d), "--source", "aa", "--format", "json"],
            "did you mean `a`?",
        ),
        (
            &["report", dir(&d), "--verdict", "conflcit"],
            "did you mean `conflict`?",
        ),
        (
            &["accept", dir(&d), "--reason", "x", "--rule", "conflcit"],
            "did you mean `conflict`?",
        ),
    ];
    for (args, hint) in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?} prints no report: {out}");
        assert!(err.contains(hint), "{args:?}: {err}");
    }
    let (code, _, err) = run(&["accept", dir(&d), "--reason", "x"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("acknowledged 0 findings"), "{err}");
}

/// Runs corroborate in `cwd`.
fn run_in(cwd: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .current_dir(cwd)
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_paths_are_relative_to_the_current_directory() {
    let d = with_rival_claim();
    let parent = d.path().parent().unwrap();
    let name = d.path().file_name().unwrap().to_str().unwrap();
    let (code, out, _) = run_in(parent, &["check", name, "--format", "brief"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with(&format!("{name}/claims/a.yaml:21:12: error[conflict]")),
        "{out}"
    );
    let (_, out, _) = run_in(parent, &["check", name]);
    assert!(
        out.contains(&format!("--> {name}/claims/a.yaml:21:12")),
        "{out}"
    );
    assert!(out.contains(&format!("::: {name}/claims/b.yaml:")), "{out}");
    // From inside the dossier, and from a folder within it.
    let (_, out, _) = run_in(d.path(), &["check", "--format", "brief"]);
    assert!(out.starts_with("claims/a.yaml:21:12:"), "{out}");
    let (_, out, _) = run_in(
        &d.path().join("seeds"),
        &["check", "..", "--format", "brief"],
    );
    assert!(out.starts_with("../claims/a.yaml:21:12:"), "{out}");
    // CI formats stay relative to the repository (here: no repository, the dossier root).
    let (_, out, _) = run_in(parent, &["check", name, "--format", "github"]);
    assert!(out.contains("file=claims/a.yaml,line=21"), "{out}");
}

#[test]
fn acknowledged_conflicts_read_as_acknowledged_with_their_reason() {
    let d = with_rival_claim();
    let (code, _, err) = run(&[
        "accept",
        dir(&d),
        "--reason",
        "A real dispute the sources report",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, table, _) = run(&["report", dir(&d), "--verdict", "conflict"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(table);
    let (_, md, _) = run(&["report", dir(&d), "--format", "markdown"]);
    assert!(
        md.contains("| conflict (acknowledged) |")
            && md.contains("_acknowledged_: A real dispute the sources report"),
        "{md}"
    );
    let (_, html, _) = run(&["report", dir(&d), "--format", "html"]);
    assert!(
        html.contains("<span class=\"badge ack\">acknowledged</span>")
            && html.contains("A real dispute the sources report"),
        "{html}"
    );
    let (_, json, _) = run(&["report", dir(&d), "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        r["groups"][0]["acknowledged"][0],
        "A real dispute the sources report"
    );
}

#[test]
fn counts_are_singular_or_plural() {
    let d = small();
    std::fs::remove_file(d.path().join("claims/b.yaml")).unwrap();
    let (_, out, _) = run(&["check", dir(&d)]);
    assert!(
        out.contains("checked 1 source, 3 claims, 3 quotes against 1 seed text\n"),
        "{out}"
    );
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    let (_, out, _) = run(&["report", dir(&d), "--verdict", "single-source"]);
    assert!(out.contains("3 groups from 3 claims in 1 source:"), "{out}");
    let (_, out, _) = run(&["check", dir(&with_rival_claim())]);
    assert!(out.contains("1 error, 0 warnings"), "{out}");
    let (_, _, err) = run(&["accept", dir(&with_rival_claim()), "--reason", "r"]);
    assert!(err.contains("acknowledged 1 finding in"), "{err}");
}

#[test]
fn piped_tables_honour_columns_and_keep_ids_whole() {
    let d = bundled_copy();
    for width in [60usize, 80, 120] {
        let out = bin()
            .env("COLUMNS", width.to_string())
            .args(["report", dir(&d)])
            .output()
            .expect("run");
        let out = String::from_utf8_lossy(&out.stdout).into_owned();
        for line in out.lines() {
            assert!(line.chars().count() <= width, "{width}: {line}");
        }
        // A source id is split only after one of its hyphens, never inside a word.
        for fragment in ["iran-seeks-british-sp", "leak-iran-ta", "diplomat-ira"] {
            assert!(
                !out.lines().any(|l| l.contains(fragment)
                    && !l.contains(&format!("{fragment}i"))
                    && !l.contains(&format!("{fragment}l"))
                    && !l.contains(&format!("{fragment}n"))),
                "{width}: {fragment} cut mid-word"
            );
        }
    }
    // The resolve table too.
    let out = bin()
        .env("COLUMNS", "60")
        .args(["resolve", dir(&d)])
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    for line in out.lines().filter(|l| l.starts_with(['│', '┌', '└', '╞'])) {
        assert!(line.chars().count() <= 60, "resolve: {line}");
    }
    let (_, out, _) = run(&["report", dir(&d)]);
    let summary: Vec<&str> = out.lines().skip_while(|l| !l.starts_with('└')).collect();
    assert!(summary.len() >= 3, "{out}");
    for line in &summary[1..] {
        assert!(line.chars().count() <= 80, "summary line too long: {line}");
    }
}

#[test]
fn force_color_colours_a_pipe_unless_no_color() {
    let d = with_rival_claim();
    let colour = |env: &[(&str, &str)]| {
        let mut c = bin();
        c.env_remove("NO_COLOR");
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.args(["check", dir(&d)]).output().expect("run");
        String::from_utf8_lossy(&out.stdout).contains('\x1b')
    };
    assert!(!colour(&[]), "a pipe is plain");
    assert!(colour(&[("FORCE_COLOR", "1")]));
    assert!(!colour(&[("FORCE_COLOR", "0")]));
    assert!(!colour(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
}

#[test]
fn the_quote_hint_shows_whole_words() {
    let d = small();
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A.replace(
            "quote: The attack claimed the lives of over 90 people",
            "quote: The attack claimed the lives of more than ninety people in Kerman",
        ),
    );
    let (_, out, _) = check_brief(d.path());
    let (_, human, _) = run(&["check", dir(&d)]);
    assert!(out.contains("quote-not-found"), "{out}");
    let help = human
        .lines()
        .find(|l| l.contains("help: closest passage"))
        .expect("a hint");
    // Every excerpt between « » starts and ends on a word boundary.
    for piece in help.split('«').skip(1) {
        let excerpt = piece.split('»').next().unwrap();
        let words: Vec<&str> = excerpt.trim_matches('…').split(' ').collect();
        let seed_words: Vec<String> = SEED_A
            .to_lowercase()
            .split([' ', '\n'])
            .map(str::to_string)
            .collect();
        let quote = "the attack claimed the lives of more than ninety people in kerman";
        for w in [words[0], words[words.len() - 1]] {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            assert!(
                w.is_empty()
                    || seed_words
                        .iter()
                        .any(|s| s.trim_matches(|c: char| !c.is_alphanumeric()) == w)
                    || quote.split(' ').any(|q| q == w),
                "excerpt `{excerpt}` cut mid-word at `{w}`: {help}"
            );
        }
    }
}

#[test]
fn the_man_page_has_exit_status_environment_and_every_command() {
    let (code, man, _) = run(&["man"]);
    assert_eq!(code, 0);
    for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH COMMANDS"] {
        assert!(man.contains(section), "{section}");
    }
    for var in ["NO_COLOR", "FORCE_COLOR", "COLUMNS", "CORROBORATE_BOOKS"] {
        assert!(man.contains(var), "{var}");
    }
    for sub in ["check", "report", "accept", "extract", "import", "resolve"] {
        assert!(man.contains(&format!(".SS \"corroborate {sub}\"")), "{sub}");
    }
    // No references to pages that are not installed (corroborate-check(1) and the like).
    assert!(
        !man.contains("corroborate\\-check") && !man.contains("(1)"),
        "{man}"
    );
}

#[test]
fn help_describes_every_argument() {
    for sub in [
        "check", "report", "accept", "extract", "import", "resolve", "init",
    ] {
        let (code, help, _) = run(&[sub, "-h"]);
        assert_eq!(code, 0);
        // clap lists an undescribed argument as a bare name with nothing after it.
        for line in help
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        {
            let line = line.trim();
            let described = line.contains("  ") || line.starts_with("-h") || line.starts_with("-V");
            assert!(described, "{sub}: `{line}` has no description\n{help}");
        }
    }
}

#[test]
fn extract_and_import_read_standard_input() {
    let out = bin()
        .args(["extract", "-"])
        .write_stdin("The attack killed 95 people on January 3, 2024.")
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("95"), "{text}");
    let out = bin()
        .args(["extract", "-", "--format", "yaml"])
        .write_stdin("It cost £7 billion.")
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("id: \"stdin\""));

    let d = tempfile::tempdir().unwrap();
    let target = d.path().join("dossier");
    let out = bin()
        .args(["import", "-", "--output", target.to_str().unwrap()])
        .write_stdin("source,object,property,value\ns1,Book A,authors,Jane Doe\ns2,Book A,authors,Jane Doe\n")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("imported 2 claims"));
    let (code, _, err) = run(&["check", target.to_str().unwrap()]);
    assert_ne!(code, 2, "{err}");
}

/// One chart of an HTML report: its tick labels, row labels and caption, and whether the
/// caption lies inside the drawing.
type Chart = (Vec<String>, Vec<String>, Option<String>, bool);

fn charts(html: &str) -> Vec<Chart> {
    let between = |s: &str, a: &str, b: &str| -> Vec<String> {
        s.split(a)
            .skip(1)
            .filter_map(|p| p.split(b).next())
            .map(|p| p.rsplit('>').next().unwrap_or(p).to_string())
            .collect()
    };
    html.split("<svg class=\"chart\"")
        .skip(1)
        .map(|c| {
            let c = c.split("</svg>").next().unwrap();
            let ticks = between(c, "text-anchor=\"middle\">", "<")
                .into_iter()
                .collect::<Vec<_>>();
            let rows: Vec<String> = c
                .split("text-anchor=\"end\">")
                .skip(1)
                .filter(|_| true)
                .map(|p| p.split('<').next().unwrap().to_string())
                .collect();
            let height: f64 = c
                .split("height=\"")
                .nth(1)
                .and_then(|h| h.split('"').next())
                .and_then(|h| h.parse().ok())
                .unwrap();
            let caption = c.split("class=\"caption muted\"").nth(1).map(|p| {
                let y: f64 = p
                    .split("y=\"")
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .and_then(|v| v.parse().ok())
                    .unwrap();
                (
                    p.split('>')
                        .nth(1)
                        .unwrap()
                        .split('<')
                        .next()
                        .unwrap()
                        .to_string(),
                    y < height,
                )
            });
            (
                ticks,
                rows,
                caption.as_ref().map(|c| c.0.clone()),
                caption.is_none_or(|c| c.1),
            )
        })
        .collect()
}

#[test]
fn html_charts_have_round_ticks_sensible_date_axes_and_told_apart_rows() {
    let d = small();
    write(
        d.path(),
        "claims/properties.yaml",
        &format!("{PROPERTIES}  - id: cost\n    kind: money\n    single_valued: true\n"),
    );
    write(
        d.path(),
        "seeds/a.txt",
        &format!("{SEED_A}Repairs will cost £7 billion. Officials first said 60 died, then 70.\n"),
    );
    write(
        d.path(),
        "claims/a.yaml",
        &format!(
            "{SOURCE_A}  - id: cost\n    subject: Kerman attack\n    property: cost\n    value: £7 billion\n    quote: Repairs will cost £7 billion\n  - id: toll-later\n    subject: Kerman attack\n    property: death toll\n    value: '70'\n    as_of: 2024-01-05\n    quote: then 70\n  - id: toll-first\n    subject: Kerman attack\n    property: death toll\n    value: '60'\n    as_of: 2024-01-04\n    quote: first said 60 died\n"
        ),
    );
    let (code, html, err) = run(&["report", dir(&d), "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let charts = charts(&html);
    assert!(charts.len() >= 3, "{charts:?}");
    for (ticks, rows, caption, inside) in &charts {
        assert!(*inside, "caption clipped: {caption:?}");
        let nums: Vec<f64> = ticks
            .iter()
            .filter_map(|t| t.replace(',', "").parse().ok())
            .collect();
        if nums.len() == ticks.len() && nums.len() > 2 && caption.as_deref() != Some("log scale") {
            // Evenly spaced at a 1-2-5 step.
            let step = nums[1] - nums[0];
            assert!(
                nums.windows(2).all(|w| (w[1] - w[0] - step).abs() < 1e-9),
                "{ticks:?}"
            );
            let mantissa = step / 10f64.powf(step.log10().floor());
            assert!(
                [1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-9),
                "{ticks:?}"
            );
        }
        // Rows of one chart are told apart.
        let mut seen = rows.clone();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), rows.len(), "{rows:?}");
    }
    // The single date (January 3) gets the days around it, not a decade.
    let date = charts
        .iter()
        .find(|c| c.0.iter().any(|t| t.starts_with("2024-01-0")))
        .expect("a date chart");
    assert!(
        date.0
            .iter()
            .all(|t| t.starts_with("2024-01") || t.starts_with("2023-12")),
        "{date:?}"
    );
    // Money shows its currency.
    assert!(
        charts.iter().any(|c| c.2.as_deref() == Some("GBP")),
        "{charts:?}"
    );
    // The revised toll reads in time order, two rows of source a told apart by claim id.
    let toll = charts
        .iter()
        .find(|c| c.1.iter().any(|r| r.contains("toll-first")))
        .expect("the toll chart");
    let first = toll
        .1
        .iter()
        .position(|r| r.contains("toll-first"))
        .unwrap();
    let later = toll
        .1
        .iter()
        .position(|r| r.contains("toll-later"))
        .unwrap();
    assert!(first < later, "{toll:?}");
    assert!(
        toll.1[first].starts_with("2024-01-04 · a · toll-first"),
        "{toll:?}"
    );
}

#[test]
fn the_log_scale_caption_is_inside_its_chart() {
    let d = bundled_copy();
    let (_, html, _) = run(&["report", dir(&d), "--format", "html"]);
    let charts = charts(&html);
    let log: Vec<_> = charts
        .iter()
        .filter(|c| c.2.as_deref().is_some_and(|t| t.contains("log scale")))
        .collect();
    assert!(!log.is_empty(), "the bundled dossier has a log-scale chart");
    for c in log {
        assert!(c.3, "{c:?}");
        // Powers of ten.
        assert!(c.0.iter().any(|t| t == "1,000"), "{c:?}");
    }
}

#[test]
fn a_wrong_field_in_one_property_keeps_the_other_properties() {
    let d = small();
    write(
        d.path(),
        "claims/properties.yaml",
        &PROPERTIES.replace("    kind: date\n", "    kind: dates\n"),
    );
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(
            "claims/properties.yaml:10:11: error[invalid-field] property `date`: unknown value `dates`; did you mean `date`?"
        ),
        "{out}"
    );
    // Only the claims about the broken property are unknown; the death toll still compares.
    assert!(!out.contains("unknown-property] claim `toll`"), "{out}");
    let (_, json, _) = run(&["report", dir(&d), "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        r["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["key"]["property"] == "death-toll" && g["verdict"] == "compatible"),
        "{json}"
    );
}
