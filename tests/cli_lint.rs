//! The conventions of the linters people already use: corroborate.toml, --select/--ignore and
//! rule severities, --fix/--diff, --watch, --quiet, --statistics, --output, and the JUnit
//! and GitLab formats.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn p(d: &Path) -> &str {
    d.to_str().unwrap()
}

/// Runs in `cwd` instead of naming the dossier.
fn run_in(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .current_dir(cwd)
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The small dossier made into a repository, so configuration search stops at it.
fn repo() -> tempfile::TempDir {
    let d = small();
    std::fs::create_dir_all(d.path().join(".git")).unwrap();
    d
}

// ---- configuration ----

#[test]
fn configuration_is_found_from_inside_claims() {
    let d = with_rival_claim();
    std::fs::create_dir_all(d.path().join(".git")).unwrap();
    write(
        d.path(),
        "corroborate.toml",
        "# team defaults\n[check]\nformat = \"brief\"\nignore = [\"conflict\"]\n",
    );
    let (code, out, err) = run_in(&d.path().join("claims"), &["check"]);
    assert_eq!(code, 0, "the conflict is ignored: {out}{err}");
    assert_eq!(out, "", "brief format, nothing to report");
    // Flags win over the file.
    let (code, out, _) = run_in(
        &d.path().join("claims"),
        &["check", "--select", "conflict", "--format", "json"],
    );
    assert_eq!(code, 1, "--select replaces the configured selection");
    assert!(out.contains("\"rule\": \"conflict\""), "{out}");
    // --isolated reads no file.
    let (code, out, _) = run_in(&d.path().join("claims"), &["check", "--isolated"]);
    assert_eq!(code, 1);
    assert!(out.contains("error[conflict]"), "{out}");
}

#[test]
fn configuration_errors_point_at_the_line_and_suggest() {
    let d = repo();
    write(
        d.path(),
        "corroborate.toml",
        "[check]\nformat = \"brief\"\nfail_on = \"warning\"\n",
    );
    let (code, _, err) = check_brief(d.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("corroborate.toml:3:1: unknown key `fail_on`"),
        "{err}"
    );
    assert!(err.contains("did you mean `fail-on`?"), "{err}");
    // Commands that read no dossier are not stopped by it.
    let (code, _, err) = run_in(d.path(), &["normalize", "about 90"]);
    assert_eq!(code, 0, "{err}");
    write(
        d.path(),
        "corroborate.toml",
        "[rules]\nconflict = \"eror\"\n",
    );
    let (code, _, err) = check_brief(d.path());
    assert_eq!(code, 2);
    assert!(err.contains("corroborate.toml:2:12:"), "{err}");
    assert!(err.contains("did you mean `error`?"), "{err}");
    write(d.path(), "corroborate.toml", "[check\n");
    let (code, _, err) = check_brief(d.path());
    assert_eq!(code, 2);
    assert!(err.contains("corroborate.toml:1:"), "{err}");
    assert!(err.contains("not valid TOML"), "{err}");
}

#[test]
fn an_explicit_configuration_file_and_rule_severities() {
    let d = with_rival_claim();
    let cfg = tempfile::tempdir().unwrap();
    let file = cfg.path().join("strict.toml");
    std::fs::write(&file, "[rules]\nconflict = \"warning\"\n").unwrap();
    let (code, out, _) = run(&[
        "check",
        "--config",
        p(&file),
        "--format",
        "brief",
        p(d.path()),
    ]);
    assert_eq!(code, 0, "a conflict graded a warning does not fail: {out}");
    assert!(out.contains("warning[conflict]"), "{out}");
    let (code, _, _) = run(&[
        "check",
        "--config",
        p(&file),
        "--fail-on",
        "warning",
        p(d.path()),
    ]);
    assert_eq!(code, 1);
    let (code, _, err) = run(&["check", "--config", "no-such.toml", p(d.path())]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such.toml"), "{err}");
}

#[test]
fn report_format_comes_from_the_configuration() {
    let d = repo();
    write(
        d.path(),
        "corroborate.toml",
        "[report]\nformat = \"markdown\"\n",
    );
    let (code, out, _) = run(&["report", p(d.path())]);
    assert_eq!(code, 0);
    assert!(out.starts_with('#') || out.contains("| verdict"), "{out}");
}

// ---- rule selection ----

#[test]
fn unknown_rule_codes_get_a_suggestion_and_exit_2() {
    let d = small();
    let (code, _, err) = run(&["check", "--select", "quote-not-fund", p(d.path())]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--select: unknown rule code `quote-not-fund`"),
        "{err}"
    );
    assert!(err.contains("did you mean `quote-not-found`?"), "{err}");
    let (code, _, err) = run(&["check", "--ignore", "conflict,bogus", p(d.path())]);
    assert_eq!(code, 2);
    assert!(err.contains("--ignore: unknown rule code `bogus`"), "{err}");
}

#[test]
fn ignore_and_select_filter_findings_but_never_input_errors() {
    let d = with_rival_claim();
    write(d.path(), "claims/c.yaml", "source: [not, a, map]\n");
    let (code, out, _) = run(&[
        "check",
        "--format",
        "brief",
        "--select",
        "quote-not-found",
        p(d.path()),
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("invalid-field") || out.contains("syntax-error"),
        "{out}"
    );
    assert!(!out.contains("[conflict]"), "{out}");
}

// ---- fixes ----

const TYPOS: &str = "# yaml-language-server: $schema=../schema/claims.schema.json
source:
  id: a
  title: Article A
  publisher: Example Times
  published: 2024-01-10
  text: seeds/a.txt   # the text as received
claims:
  # the toll, as the article states it
  - id: toll
    subject: \"Kerman atack\"   # typo
    property: death tol
    value: over 90
    quote: The attack claimed the lifes of over 90 people
  - id: who
    subject: Kerman attack
    property: responsibility
    value: 'Islamic Stat'
    quote: the Islamic State (IS) group targeted a gathering
  - id: date
    subject: Kerman attack
    property: date
    value: January 3
    quote: On January 3, the Islamic State (IS) group targeted
";

fn typo_dossier() -> tempfile::TempDir {
    let d = repo();
    write(d.path(), "claims/a.yaml", TYPOS);
    write(
        d.path(),
        "claims/accepted.yaml",
        "accepted:\n  # kept\n  - fingerprint: 'conflict:gone'\n    rule: conflict\n    reason: a conflict since resolved\n",
    );
    d
}

fn read(d: &Path, rel: &str) -> String {
    std::fs::read_to_string(d.join(rel)).unwrap()
}

#[test]
fn diff_previews_and_fix_applies_idempotently() {
    let d = typo_dossier();
    let (code, diff, err) = run(&["check", "--diff", p(d.path())]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        read(d.path(), "claims/a.yaml"),
        TYPOS,
        "--diff writes nothing"
    );
    insta::assert_snapshot!("fix_diff", diff);
    // A stale acknowledgement waits for the names to be fixed (they could be hiding what it
    // acknowledges), so the preview shows the first round.
    assert!(err.contains("4 fixable findings in 1 file;"), "{err}");

    let (code, out, err) = run(&["check", "--fix", "--format", "brief", p(d.path())]);
    assert_eq!(code, 0, "everything was fixable: {out}{err}");
    assert!(err.contains("fixed 5 findings"), "{err}");
    let fixed = read(d.path(), "claims/a.yaml");
    assert!(
        fixed.contains("    subject: \"Kerman attack\"   # typo\n"),
        "{fixed}"
    );
    assert!(fixed.contains("    property: death toll\n"), "{fixed}");
    assert!(fixed.contains("    value: 'Islamic State'\n"), "{fixed}");
    assert!(
        fixed.contains("    quote: The attack claimed the lives of over 90 people\n"),
        "{fixed}"
    );
    for comment in [
        "# yaml-language-server",
        "# the text as received",
        "# the toll",
    ] {
        assert!(fixed.contains(comment), "{comment} kept");
    }
    let accepted = read(d.path(), "claims/accepted.yaml");
    assert_eq!(
        accepted, "accepted: []\n  # kept\n",
        "an empty list, the comment kept"
    );

    let before: Vec<String> = ["claims/a.yaml", "claims/accepted.yaml"]
        .iter()
        .map(|f| read(d.path(), f))
        .collect();
    let (code, _, err) = run(&["check", "--fix", p(d.path())]);
    assert_eq!(code, 0);
    assert!(!err.contains("fixed"), "nothing left to fix: {err}");
    let after: Vec<String> = ["claims/a.yaml", "claims/accepted.yaml"]
        .iter()
        .map(|f| read(d.path(), f))
        .collect();
    assert_eq!(before, after, "a second --fix changes nothing");
}

/// The hazard: a misspelt subject hides an acknowledged conflict, so its acknowledgement
/// looks stale. Removing it and fixing the name in one go would bring the conflict back
/// unacknowledged.
#[test]
fn acknowledgements_hidden_by_a_misspelt_name_survive_fixing() {
    let d = with_rival_claim();
    let (code, _, err) = run(&["accept", "--reason", "a real dispute", p(d.path())]);
    assert_eq!(code, 0, "{err}");
    let accepted = read(d.path(), "claims/accepted.yaml");
    let b = read(d.path(), "claims/b.yaml");
    let rival = "subject: Kerman bombing\n    property: responsibility";
    assert!(b.contains(rival));
    // Fixable: the name is fixed, the conflict is back and still acknowledged.
    write(
        d.path(),
        "claims/b.yaml",
        &b.replace(
            rival,
            "subject: Kerman bombng\n    property: responsibility",
        ),
    );
    let (code, out, err) = run(&["check", "--fix", "--format", "brief", p(d.path())]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("fixed 1 finding\n"), "{err}");
    assert_eq!(read(d.path(), "claims/accepted.yaml"), accepted);
    assert_eq!(read(d.path(), "claims/b.yaml"), b);
    // Not fixable: the acknowledgement is kept, and the run says why.
    write(
        d.path(),
        "claims/b.yaml",
        &b.replace(rival, "subject: Tehran\n    property: responsibility"),
    );
    let (code, _, err) = run(&["check", "--fix", p(d.path())]);
    assert_eq!(code, 1);
    assert!(err.contains("kept 1 stale acknowledgement:"), "{err}");
    assert_eq!(read(d.path(), "claims/accepted.yaml"), accepted);
}

#[test]
fn unsafe_fixes_are_not_made() {
    let d = repo();
    // A different figure, an ambiguous name and a far-off name stay for a person to judge.
    write(
        d.path(),
        "claims/a.yaml",
        &SOURCE_A
            .replace("lives of over 90 people", "lives of over 80 people")
            .replace("value: Islamic State", "value: Islamic Stte Khorasan"),
    );
    write(
        d.path(),
        "claims/b.yaml",
        &SOURCE_B.replace(
            "subject: Kerman bombing\n    property: killed",
            "subject: Tehran\n    property: killed",
        ),
    );
    let before = read(d.path(), "claims/a.yaml");
    let (code, _, err) = run(&["check", "--fix", p(d.path())]);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("fixed"), "{err}");
    assert_eq!(read(d.path(), "claims/a.yaml"), before);
}

#[test]
fn ignored_rules_are_not_fixed() {
    let d = typo_dossier();
    let (_, _, err) = run(&[
        "check",
        "--fix",
        "--ignore",
        "quote-not-found,stale-acknowledgement",
        p(d.path()),
    ]);
    assert!(err.contains("fixed 3 findings"), "{err}");
    assert!(read(d.path(), "claims/a.yaml").contains("the lifes of"));
}

#[test]
fn json_lines_claims_are_fixed_in_place() {
    let d = repo();
    write(
        d.path(),
        "claims/b.yaml",
        SOURCE_B
            .replace("claims:\n", "claims: []\n")
            .split("  - id: toll")
            .next()
            .unwrap(),
    );
    let line = r#"{"source": "b", "id": "t2", "subject": "Kerman bombng", "property": "killed", "value": "95", "quote": "killed 95 people"}"#;
    write(d.path(), "claims/more.jsonl", &format!("{line}\n"));
    let (code, out, err) = run(&["check", "--fix", "--format", "brief", p(d.path())]);
    assert!(err.contains("fixed 1 finding\n"), "{out}{err}");
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        read(d.path(), "claims/more.jsonl"),
        format!("{}\n", line.replace("Kerman bombng", "Kerman bombing"))
    );
}

// ---- output options ----

#[test]
fn statistics_quiet_and_output() {
    let d = typo_dossier();
    let (code, out, _) = run(&["check", "--statistics", p(d.path())]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("statistics", out);
    let (_, out, _) = run(&["check", "--statistics", "--format", "json", p(d.path())]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["rule"], "unknown-entity");
    assert_eq!(v[0]["count"], 2);
    let (code, _, err) = run(&["check", "--statistics", "--format", "sarif", p(d.path())]);
    assert_eq!(code, 2, "{err}");

    let (_, out, _) = run(&["check", "--quiet", p(d.path())]);
    assert!(out.contains("error[quote-not-found]"), "{out}");
    assert!(!out.contains("checked 2 sources"), "{out}");

    let target = d.path().join("findings.txt");
    let (code, out, _) = run(&[
        "check",
        "--format",
        "brief",
        "--output",
        p(&target),
        p(d.path()),
    ]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(read(d.path(), "findings.txt").contains("[quote-not-found]"));
    std::fs::write(&target, "keep me").unwrap();
    let (code, _, err) = run(&["check", "--output", p(&target), p(d.path())]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists; pass --force"), "{err}");
    assert_eq!(read(d.path(), "findings.txt"), "keep me");
    let (code, _, _) = run(&["check", "--output", p(&target), "--force", p(d.path())]);
    assert_eq!(code, 1);
    assert!(read(d.path(), "findings.txt").contains("error[quote-not-found]"));
}

// ---- CI formats ----

/// Findings with hostile text: markup, quotes, an escape sequence.
fn hostile() -> tempfile::TempDir {
    let d = typo_dossier();
    write(
        d.path(),
        "claims/b.yaml",
        &SOURCE_B.replace(
            "subject: Kerman bombing\n    property: killed",
            "subject: \"<b>&\\\"K'</b>\\e[31m\"\n    property: killed",
        ),
    );
    d
}

fn stable(text: &str, root: &Path) -> String {
    text.replace(root.to_str().unwrap(), "<dossier>")
}

#[test]
fn junit_has_a_case_per_claim_file_and_a_failure_per_finding() {
    use quick_xml::events::Event;
    let d = hostile();
    let (code, out, _) = run(&["check", "--format", "junit", p(d.path())]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_junit", stable(&out, d.path()));
    // A real XML parser reads it back: the structure and the hostile text survive.
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut cases, mut failures, mut texts) = (Vec::new(), 0, String::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "testcase" => {
                let name = e.try_get_attribute("name").unwrap().unwrap();
                let version = quick_xml::XmlVersion::Implicit1_0;
                cases.push(name.normalized_value(version).unwrap().into_owned());
            }
            Event::Start(e) if e.name().as_ref() == "failure" => failures += 1,
            Event::Text(t) => texts.push_str(&t.into_inner()),
            Event::GeneralRef(r) => match r.resolve_char_ref().unwrap() {
                Some(c) => texts.push(c),
                None => texts.push(match &*r.into_inner() {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unexpected entity {other}"),
                }),
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(
        cases,
        ["claims/a.yaml", "claims/accepted.yaml", "claims/b.yaml"]
    );
    let (_, brief, _) = check_brief(d.path());
    assert_eq!(failures, brief.lines().count(), "one failure per finding");
    assert!(
        texts.contains("<b>&\"K'</b>\\u{1b}[31m"),
        "the text reads back: {texts}"
    );
    assert!(!out.contains('\u{1b}'), "no raw escape character");
}

#[test]
fn gitlab_code_quality_matches_the_documented_format() {
    let d = hostile();
    let (code, out, _) = run(&["check", "--format", "gitlab", p(d.path())]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_gitlab", stable(&out, d.path()));
    let v: Value = serde_json::from_str(&out).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/gitlab-codequality.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let fps: std::collections::HashSet<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(
        fps.len(),
        v.as_array().unwrap().len(),
        "fingerprints are unique"
    );
}

// ---- watch ----

#[test]
fn watch_checks_again_when_a_claim_file_changes() {
    use std::io::{BufRead, BufReader, Read};
    use std::sync::mpsc;
    let d = repo();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("corroborate"))
        .args(["check", "--watch", "--format", "brief", p(d.path())])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wait_for = |what: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(l) if l.contains(what) => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
        false
    };
    let first = wait_for("watching for changes");
    if first {
        // The message comes once the watches are in place; the pause keeps the write apart
        // from the first run's own reads in coarse-grained file systems.
        std::thread::sleep(std::time::Duration::from_millis(200));
        write(
            d.path(),
            "claims/a.yaml",
            &SOURCE_A.replace(
                "subject: Kerman attack\n    property: death toll",
                "subject: Kerman atack\n    property: death toll",
            ),
        );
    }
    let changed = first && wait_for("changed: a.yaml");
    let second = changed && wait_for("watching for changes");
    let _ = child.kill();
    let _ = child.wait();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    assert!(first, "the first run finished");
    assert!(changed && second, "the change was noticed and checked");
    assert!(
        out.contains("claims/a.yaml:9:14: error[unknown-entity]"),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn linked_claim_files_are_not_replaced() {
    let d = typo_dossier();
    std::fs::rename(d.path().join("claims/a.yaml"), d.path().join("a-real.yaml")).unwrap();
    std::os::unix::fs::symlink(d.path().join("a-real.yaml"), d.path().join("claims/a.yaml"))
        .unwrap();
    let (_, _, err) = run(&["check", "--fix", p(d.path())]);
    assert!(
        err.contains("claims/a.yaml: not fixed: it is a symbolic link"),
        "{err}"
    );
    let meta = std::fs::symlink_metadata(d.path().join("claims/a.yaml")).unwrap();
    assert!(meta.file_type().is_symlink());
    assert_eq!(read(d.path(), "a-real.yaml"), TYPOS);
}
