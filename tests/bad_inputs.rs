//! The bad-input corpus: every case must end in a clear message naming the file (and line
//! where there is one) with exit code 2 (could not read) or 1 (a finding), never a panic and
//! never a hang. Limits are documented in the README.

mod common;
use common::*;
use std::path::Path;

/// Runs `check --format brief` and asserts no panic, the exit code, and that the file is named.
fn expect(dir: &Path, code: i32, file: &str, contains: &str) -> String {
    let (got, out, err) = check_brief(dir);
    assert!(
        !err.contains("panicked") && !out.contains("panicked"),
        "panic: {err}"
    );
    assert_eq!(got, code, "{out}{err}");
    let all = format!("{out}{err}");
    assert!(all.contains(file), "{file} not named: {all}");
    assert!(all.contains(contains), "`{contains}` not in: {all}");
    all
}

fn with_claim_file(content: &[u8]) -> tempfile::TempDir {
    let d = small();
    std::fs::write(d.path().join("claims/bad.yaml"), content).unwrap();
    d
}

#[test]
fn empty_file() {
    let d = with_claim_file(b"");
    expect(d.path(), 2, "claims/bad.yaml:", "error[");
}

#[test]
fn byte_order_mark_is_accepted() {
    let d = small();
    let with_bom = format!("\u{FEFF}{SOURCE_A}");
    std::fs::write(d.path().join("claims/a.yaml"), with_bom).unwrap();
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 0, "a BOM is an editor's habit, not an error: {out}");
}

#[test]
fn invalid_utf8() {
    let mut bytes = SOURCE_A.as_bytes().to_vec();
    bytes.extend_from_slice(b"    note: caf\xe9\n");
    let d = with_claim_file(&bytes);
    expect(d.path(), 2, "claims/bad.yaml:23:14", "error[bad-encoding]");
}

#[test]
fn tabs_for_indentation() {
    let d = with_claim_file(b"source:\n\tid: x\n");
    expect(d.path(), 2, "claims/bad.yaml:2:", "error[");
}

#[test]
fn duplicate_keys() {
    let d = with_claim_file(
        SOURCE_A
            .replace("  id: a\n", "  id: z\n  id: y\n")
            .as_bytes(),
    );
    expect(d.path(), 2, "claims/bad.yaml:3:", "appears twice");
}

#[test]
fn unknown_fields() {
    let d = with_claim_file(
        SOURCE_A
            .replace("  id: a\n", "  id: z\n  author: nobody\n")
            .as_bytes(),
    );
    expect(d.path(), 2, "claims/bad.yaml:3:", "unknown field `author`");
}

#[test]
fn wrong_types() {
    let d = with_claim_file(
        SOURCE_A
            .replace("  id: a\n", "  id: z\n")
            .replace("    negated: false\n", "")
            .replace("value: over 90", "value: over 90\n    negated: sometimes")
            .as_bytes(),
    );
    expect(d.path(), 2, "claims/bad.yaml:12:", "error[invalid-field]");
}

#[test]
fn a_list_where_a_map_belongs() {
    let d = with_claim_file(b"source:\n  - id: x\n");
    expect(d.path(), 2, "claims/bad.yaml:2:", "expected a mapping");
}

#[test]
fn numbers_that_overflow() {
    let d = with_claim_file(
        SOURCE_A
            .replace("  id: a\n", "  id: z\n")
            .replace("value: over 90", "value: 1e400")
            .as_bytes(),
    );
    expect(d.path(), 2, "claims/bad.yaml:11:", "non-finite");
    // As text, a huge figure is just a huge number.
    let d = with_claim_file(
        SOURCE_A
            .replace("  id: a\n", "  id: z\n")
            .replace(
                "value: over 90",
                "value: '99999999999999999999999999999999 people'",
            )
            .as_bytes(),
    );
    let (code, _, err) = check_brief(d.path());
    assert!(code <= 1 && !err.contains("panicked"));
}

#[test]
fn nan_and_infinities() {
    for v in [".nan", ".inf", "-.inf"] {
        let d = with_claim_file(
            SOURCE_A
                .replace("  id: a\n", "  id: z\n")
                .replace("value: over 90", &format!("value: {v}"))
                .as_bytes(),
        );
        expect(d.path(), 2, "claims/bad.yaml:11:", "non-finite");
    }
}

#[test]
fn absurd_dates() {
    let d = with_claim_file(
        SOURCE_A
            .replace("  id: a\n", "  id: z\n")
            .replace("published: 2024-01-10", "published: 2024-13-01")
            .as_bytes(),
    );
    expect(d.path(), 1, "claims/bad.yaml:5:", "error[invalid-date]");
    let d = with_claim_file(
        SOURCE_A
            .replace("  id: a\n", "  id: z\n")
            .replace("value: over 90", "value: over 90\n    as_of: 2023-02-31")
            .as_bytes(),
    );
    expect(d.path(), 1, "claims/bad.yaml:12:", "error[invalid-date]");
    // A value that is an impossible date is read as unresolved, with the reason.
    let d = with_claim_file(
        SOURCE_A
            .replace("  id: a\n", "  id: z\n")
            .replace("value: January 3", "value: 31 February 2024")
            .as_bytes(),
    );
    let (code, out, _) = run(&["report", d.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    assert!(out.contains("is not a real date"), "{out}");
}

#[test]
fn enormous_strings_and_files() {
    let big = "x".repeat(8 * 1024 * 1024);
    let d = with_claim_file(
        SOURCE_A
            .replace("  id: a\n", "  id: z\n")
            .replace(
                "value: over 90",
                &format!("value: over 90\n    note: {big}"),
            )
            .as_bytes(),
    );
    let (code, _, err) = check_brief(d.path());
    assert!(code <= 1 && !err.contains("panicked"), "{err}");
    // Over the size limit: refused before it is read (a sparse file costs no disk).
    let d = small();
    let f = std::fs::File::create(d.path().join("claims/huge.yaml")).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap();
    expect(d.path(), 2, "claims/huge.yaml:1:1", "error[file-too-large]");
}

#[test]
fn alias_expansion_bomb() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    let d = with_claim_file(bomb.as_bytes());
    let start = std::time::Instant::now();
    expect(d.path(), 2, "claims/bad.yaml:", "error[");
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn deep_nesting() {
    let deep = format!("source: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let d = with_claim_file(deep.as_bytes());
    expect(d.path(), 2, "claims/bad.yaml:1:", "error[");
}

#[test]
fn anchors_and_tags() {
    // Anchors and aliases within the limits are ordinary YAML.
    let anchored = SOURCE_A
        .replace("  id: a\n", "  id: z\n")
        .replace(
            "subject: Kerman attack\n    property: date",
            "subject: &s Kerman attack\n    property: date",
        )
        .replace(
            "subject: Kerman attack\n    property: responsibility",
            "subject: *s\n    property: responsibility",
        );
    let d = with_claim_file(anchored.as_bytes());
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 0, "{out}");
    // Tags are not object construction: a tagged value is refused or read as its text.
    let d = with_claim_file(
        SOURCE_A
            .replace("  id: a\n", "  id: z\n")
            .replace(
                "value: over 90",
                "value: !!python/object:os.system 'rm -rf /'",
            )
            .as_bytes(),
    );
    let (code, out, err) = check_brief(d.path());
    assert!(code <= 2 && !err.contains("panicked"), "{out}{err}");
}

#[test]
fn multiple_documents() {
    let two = format!(
        "{}---\n{}",
        SOURCE_A.replace("  id: a\n", "  id: z\n"),
        SOURCE_B
    );
    let d = with_claim_file(two.as_bytes());
    expect(d.path(), 2, "claims/bad.yaml:", "error[");
}

#[cfg(unix)]
#[test]
fn a_claim_file_that_is_a_symbolic_link() {
    // Inside the root: followed. Outside: refused, not read.
    let d = small();
    std::fs::rename(d.path().join("claims/b.yaml"), d.path().join("b.yaml")).unwrap();
    std::os::unix::fs::symlink(d.path().join("b.yaml"), d.path().join("claims/b.yaml")).unwrap();
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 0, "{out}");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("x.yaml"),
        SOURCE_B.replace("id: b\n", "id: x\n"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("x.yaml"),
        d.path().join("claims/x.yaml"),
    )
    .unwrap();
    expect(d.path(), 1, "claims/x.yaml:1:1", "error[unsafe-path]");
}

#[test]
fn seed_paths_that_escape() {
    for (path, what) in [
        ("../x.txt", "contains `..`"),
        ("/etc/passwd", "absolute"),
        ("seeds/../../x.txt", "contains `..`"),
    ] {
        let d = small();
        std::fs::write(
            d.path().join("claims/a.yaml"),
            SOURCE_A.replace("seeds/a.txt", path),
        )
        .unwrap();
        expect(d.path(), 1, "claims/a.yaml:6:9", what);
    }
}

#[cfg(unix)]
#[test]
fn a_seed_link_that_leads_outside() {
    let d = small();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.txt"),
        "the lives of over 90 people",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        d.path().join("seeds/link.txt"),
    )
    .unwrap();
    std::fs::write(
        d.path().join("claims/a.yaml"),
        SOURCE_A.replace("seeds/a.txt", "seeds/link.txt"),
    )
    .unwrap();
    expect(d.path(), 1, "claims/a.yaml:6:9", "outside the dossier root");
}

#[test]
fn a_seed_that_is_a_directory() {
    let d = small();
    std::fs::create_dir_all(d.path().join("seeds/dir.txt")).unwrap();
    std::fs::write(
        d.path().join("claims/a.yaml"),
        SOURCE_A.replace("seeds/a.txt", "seeds/dir.txt"),
    )
    .unwrap();
    expect(d.path(), 1, "claims/a.yaml:6:9", "is not a regular file");
}

#[test]
fn a_binary_seed() {
    let d = small();
    std::fs::write(
        d.path().join("seeds/a.txt"),
        [0xffu8, 0xfe, 0x00, 0x81, 0x9f, 0x00],
    )
    .unwrap();
    expect(d.path(), 2, "seeds/a.txt", "error[bad-encoding]");
}

#[test]
fn a_missing_claims_folder() {
    let d = tempfile::tempdir().unwrap();
    let (code, _, err) = check_brief(d.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("has no claims/ folder") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn json_lines_garbage() {
    let d = small();
    std::fs::write(
        d.path().join("claims/x.jsonl"),
        b"\x00\x01\x02\n{\"source\":1}\n[[[[\n\xff\xfe\n",
    )
    .unwrap();
    let all = expect(d.path(), 2, "claims/x.jsonl:", "error[");
    assert!(
        all.contains("claims/x.jsonl:4:"),
        "each line has its own position: {all}"
    );
}

// ---- What dossier text can do to the outputs that show it ----

#[test]
fn values_cannot_inject_ci_commands_or_forge_lines() {
    let d = with_rival_claim();
    let b = std::fs::read_to_string(d.path().join("claims/b.yaml")).unwrap();
    std::fs::write(
        d.path().join("claims/b.yaml"),
        b.replace(
            "attribution: Iran's media",
            "attribution: \"Iran's media\\n::error file=claims/a.yaml,line=1::forged\\n  ::add-mask::x ##[command]echo\"",
        ),
    )
    .unwrap();
    let dir = d.path().to_str().unwrap();
    let (code, out, err) = run(&["check", "--format", "github", dir]);
    assert_eq!(code, 1, "{out}{err}");
    let mut ours = 0;
    for line in out.lines() {
        assert!(!line.contains("##["), "{line}");
        if line.trim_start().starts_with("::") {
            assert!(
                line.starts_with("::error file=claims/b.yaml,")
                    || line.starts_with("::error file=claims/a.yaml,line=21"),
                "forged: {line}"
            );
            ours += 1;
        }
    }
    assert_eq!(ours, 1, "one annotation, no forged one: {out}");
    let (_, brief, _) = check_brief(d.path());
    assert_eq!(brief.lines().count(), 1, "one finding, one line: {brief}");
    assert!(
        brief.contains("\\n::error"),
        "the newline is shown: {brief}"
    );
}

#[test]
fn file_names_and_invisible_characters_are_shown_not_obeyed() {
    let d = small();
    let name = "claims/x\u{1b}[31m\u{202E}lmay.yaml";
    std::fs::write(d.path().join(name), "source: [not a map]\n").unwrap();
    let dir = d.path().to_str().unwrap();
    for format in ["brief", "human", "github"] {
        let (code, out, _) = run(&["check", "--format", format, dir]);
        assert_eq!(code, 2, "{out}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202E}'),
            "{format}: {out}"
        );
        assert!(
            out.contains("\\u{1B}[31m\\u{202E}lmay.yaml"),
            "{format}: {out}"
        );
    }
}

#[cfg(unix)]
#[test]
fn vocabularies_and_claims_folder_linked_outside_are_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.yaml"),
        "entities: [SECRET-CONTENT\n",
    )
    .unwrap();
    for file in [
        "entities.yaml",
        "properties.yaml",
        "accepted.yaml",
        "entities.jsonl",
    ] {
        let d = small();
        let p = d.path().join("claims").join(file);
        let _ = std::fs::remove_file(&p);
        std::os::unix::fs::symlink(outside.path().join("secret.yaml"), &p).unwrap();
        let (code, out, err) = check_brief(d.path());
        let all = format!("{out}{err}");
        assert!(!all.contains("SECRET-CONTENT"), "{file}: {all}");
        assert!(
            all.contains(&format!("claims/{file}:1:1")) && all.contains("unsafe-path"),
            "{file}: {all}"
        );
        assert_ne!(code, 0, "{all}");
    }
    // Links that stay inside are fine.
    let d = small();
    std::fs::rename(
        d.path().join("claims/entities.yaml"),
        d.path().join("ents.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        d.path().join("ents.yaml"),
        d.path().join("claims/entities.yaml"),
    )
    .unwrap();
    assert_eq!(check_brief(d.path()).0, 0);
    // claims/ itself linked outside.
    let d = small();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::rename(d.path().join("claims"), elsewhere.path().join("claims")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("claims"), d.path().join("claims")).unwrap();
    let (code, _, err) = check_brief(d.path());
    assert_eq!(code, 2);
    assert!(err.contains("leads outside the dossier root"), "{err}");
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_link_outside() {
    let target = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), target.path().join(".github")).unwrap();
    let (code, _, err) = run(&["init", target.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".github") && err.contains("outside"), "{err}");
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "nothing written outside"
    );
    assert!(
        !target.path().join("claims").exists(),
        "nothing written at all"
    );
}

#[cfg(unix)]
#[test]
fn report_output_never_overwrites_silently() {
    use std::os::unix::fs::PermissionsExt;
    let d = small();
    let dir = d.path().to_str().unwrap();
    let claim = d.path().join("claims/a.yaml");
    let (code, _, err) = run(&["report", dir, "--output", claim.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&claim).unwrap(),
        SOURCE_A,
        "the claim file is untouched"
    );
    let real = d.path().join("real.md");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = d.path().join("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (code, _, err) = run(&[
        "report",
        dir,
        "--output",
        link.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&[
        "report",
        dir,
        "--output",
        link.to_str().unwrap(),
        "--format",
        "markdown",
        "--force",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .starts_with("# Discrepancy report")
    );
    assert_eq!(
        std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn accept_edits_what_check_reads() {
    let d = with_rival_claim();
    let dir = d.path().to_str().unwrap();
    std::fs::write(
        d.path().join("claims/accepted.yaml"),
        "accepted: []  # nothing yet\n",
    )
    .unwrap();
    let (code, _, err) = run(&[
        "accept",
        dir,
        "--reason",
        "a real dispute \u{7F}\u{92}\u{FFFE}",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = check_brief(d.path());
    assert_eq!(code, 0, "acknowledged and loadable: {out}");
}
