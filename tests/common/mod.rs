//! Fixture dossiers for CLI tests: a small valid dossier written into a temporary
//! directory, which each test then breaks in one way.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub const PROPERTIES: &str = "properties:
  - id: death-toll
    name: death toll
    aliases: [killed]
    kind: quantity
    unit: people
    single_valued: true
    temporal: cumulative
  - id: date
    kind: date
    single_valued: true
  - id: responsibility
    name: responsible party
    kind: entity
    single_valued: true
";

pub const ENTITIES: &str = "entities:
  - id: kerman-bombing
    name: Kerman bombing
    aliases: [Kerman attack]
  - id: islamic-state
    name: Islamic State
    aliases: [IS]
  - id: iskp
    name: Islamic State Khorasan Province
    aliases: [ISKP]
    part_of: [islamic-state]
  - id: israel
    name: Israel
";

pub const SEED_A: &str = "On January 3, the Islamic State (IS) group targeted a gathering in Kerman.\nThe attack claimed the lives of over 90 people, with hundreds more injured.\n";
pub const SEED_B: &str = "Officials said the bombing in Kerman on January 3 killed 95 people.\nIran\u{2019}s media blamed Israel for the attack.\n";

pub const SOURCE_A: &str = "source:
  id: a
  title: Article A
  publisher: Example Times
  published: 2024-01-10
  text: seeds/a.txt
claims:
  - id: toll
    subject: Kerman attack
    property: death toll
    value: over 90
    quote: The attack claimed the lives of over 90 people
  - id: date
    subject: Kerman attack
    property: date
    value: January 3
    quote: On January 3, the Islamic State (IS) group targeted
  - id: who
    subject: Kerman attack
    property: responsibility
    value: Islamic State
    quote: the Islamic State (IS) group targeted a gathering
";

pub const SOURCE_B: &str = "source:
  id: b
  title: Article B
  publisher: Example Post
  published: 2024-01-11
  text: seeds/b.txt
claims:
  - id: toll
    subject: Kerman bombing
    property: killed
    value: '95'
    quote: killed 95 people
  - id: date
    subject: Kerman bombing
    property: date
    value: January 3
    quote: in Kerman on January 3
";

/// Writes the small dossier into a fresh temporary directory.
pub fn small() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "claims/properties.yaml", PROPERTIES);
    write(dir.path(), "claims/entities.yaml", ENTITIES);
    write(dir.path(), "claims/a.yaml", SOURCE_A);
    write(dir.path(), "claims/b.yaml", SOURCE_B);
    write(dir.path(), "seeds/a.txt", SEED_A);
    write(dir.path(), "seeds/b.txt", SEED_B);
    dir
}

pub fn write(root: &Path, rel: &str, content: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, content).expect("write");
}

pub fn bin() -> Command {
    let mut c = Command::cargo_bin("corroborate").expect("binary");
    c.env("NO_COLOR", "1").env_remove("COLUMNS");
    c
}

/// Runs `corroborate ARGS` and returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin()
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

pub fn check_brief(dir: &Path) -> (i32, String, String) {
    run(&[
        "check",
        "--format",
        "brief",
        dir.to_str().expect("utf8 path"),
    ])
}

/// Copies the bundled dossier (claims/ and seeds/) into a temporary directory.
pub fn bundled_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for sub in ["claims", "seeds"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        for e in std::fs::read_dir(root.join(sub)).expect("read_dir") {
            let e = e.expect("entry");
            std::fs::copy(e.path(), dir.path().join(sub).join(e.file_name())).expect("copy");
        }
    }
    dir
}

/// The small dossier with a rival responsibility claim: a conflict between two sources.
/// (Stated plainly: hedged `alleged`, it would be a contested voice, not a conflict.)
pub fn with_rival_claim() -> tempfile::TempDir {
    let d = small();
    write(
        d.path(),
        "claims/b.yaml",
        &format!(
            "{SOURCE_B}  - id: who\n    subject: Kerman bombing\n    property: responsibility\n    value: Israel\n    attribution: Iran's media\n    quote: media blamed Israel\n"
        ),
    );
    d
}

/// Says that a test is skipping, where `cargo test` shows it. libtest captures only the
/// `print!` family, so a direct write to the process's stderr reaches the terminal (and CI's
/// log) even for a passing test, where an `eprintln!` would be swallowed.
pub fn skip(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// `text` with the dossier `root` written as `<dossier>`, however the tool printed it: human
/// and brief output name files relative to the current directory (the crate's root under
/// `cargo test`), which is `../../.tmpXXX` in a clone under `/tmp` and the absolute path
/// elsewhere, so snapshots must not depend on where the clone is.
pub fn stable_paths(text: &str, root: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = corroborate::load::display_prefix(root, cwd.as_deref());
    let relative = relative.trim_end_matches('/');
    let mut out = text.to_string();
    if !relative.is_empty() && !relative.starts_with('/') {
        out = out.replace(&format!("{relative}/"), "<dossier>/");
    }
    out.replace(root.to_str().expect("utf8 path"), "<dossier>")
}
