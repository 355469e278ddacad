//! Adding entries to the acknowledged-findings file without losing a byte of it.
//!
//! New entries are appended as text (so the editors' comments and layout survive), the
//! result is parsed before it replaces the file, the replacement is atomic, and an OS-level
//! lock keeps two concurrent writers from overwriting each other's entries.

use crate::load::yaml::AcceptedFile;
use crate::model::{Finding, Fingerprint};
use crate::text::yaml_quoted;
use crate::write::{WriteError, write_atomic};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One entry to add.
#[derive(Debug, Clone)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub reason: String,
    pub note: Option<String>,
}

#[derive(Debug)]
pub enum AckError {
    Locked(PathBuf),
    Invalid(PathBuf, String),
    Write(WriteError),
    Read(PathBuf, std::io::Error),
}

impl std::fmt::Display for AckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AckError::Locked(p) => write!(
                f,
                "{} is held by another running corroborate process; try again when it has finished",
                p.display()
            ),
            AckError::Invalid(p, e) => write!(
                f,
                "{} is not a valid acknowledged-findings file ({e}); fix it first, nothing was written",
                p.display()
            ),
            AckError::Write(e) => write!(f, "{e}"),
            AckError::Read(p, e) => write!(f, "cannot read {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for AckError {}

const HEADER: &str = "# Findings the dossier's editors reviewed and accept. `corroborate check` does not fail on\n# these; a stale entry (one that no longer matches) is reported. Each needs a reason.\naccepted:\n";

/// An OS-level lock (flock / LockFileEx) on a lock file beside `accepted.yaml`. The system
/// releases it when its process ends, however it ends, so a killed `accept` never blocks the
/// next one. The lock file itself stays (deleting it would let two writers lock two files).
struct Lock(#[allow(dead_code)] std::fs::File);

/// `claims/.accepted.yaml.lock`: hidden, so the loader never reads it as a claim file.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "accepted.yaml".into());
    path.with_file_name(format!(".{name}.lock"))
}

impl Lock {
    fn acquire(path: &Path) -> Result<Lock, AckError> {
        let lock = lock_path(path);
        if std::fs::symlink_metadata(&lock).is_ok_and(|m| !m.is_file()) {
            return Err(AckError::Read(
                lock,
                std::io::Error::other("the lock file is not a regular file"),
            ));
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)
            .map_err(|e| AckError::Read(lock.clone(), e))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock(file)),
                Err(std::fs::TryLockError::WouldBlock) => {
                    if start.elapsed() > Duration::from_secs(10) {
                        return Err(AckError::Locked(lock));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(AckError::Read(lock, e)),
            }
        }
    }
}

fn parse(path: &Path, text: &str) -> Result<AcceptedFile, AckError> {
    if text.trim().is_empty() {
        return Ok(AcceptedFile {
            accepted: Vec::new(),
        });
    }
    // The loader's own budget, so whatever `check` reads, `accept` reads.
    let options = crate::load::yaml::options(crate::load::vocab_nodes(text.len()));
    serde_saphyr::from_str_with_options::<AcceptedFile>(text, options).map_err(|e| {
        AckError::Invalid(
            path.to_path_buf(),
            e.without_snippet()
                .render_with_options(
                    serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off },
                )
                .lines()
                .next()
                .unwrap_or("")
                .to_string(),
        )
    })
}

/// The key line of the list, `accepted:` at the start of a line, with what follows the colon.
fn key_line(text: &str) -> Option<(usize, &str)> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("accepted:") {
            return Some((at, rest));
        }
        at += line.len();
    }
    None
}

/// How the file's entries are indented (`- ` after this many spaces), from its first entry.
fn entry_indent(text: &str, after: usize) -> String {
    text[after..]
        .lines()
        .skip(1)
        .map(|l| (l, l.trim_start()))
        .find(|(_, t)| !t.is_empty() && !t.starts_with('#'))
        .filter(|(_, t)| t.starts_with("- ") || *t == "-")
        .map_or_else(
            || "  ".to_string(),
            |(l, t)| l[..l.len() - t.len()].to_string(),
        )
}

fn entry_text(indent: &str, e: &Entry) -> String {
    let mut t = format!(
        "{indent}- fingerprint: {}\n{indent}  rule: {}\n{indent}  reason: {}\n",
        yaml_quoted(&e.fingerprint),
        yaml_quoted(&e.rule),
        yaml_quoted(&e.reason)
    );
    if let Some(n) = &e.note {
        t.push_str(&format!("{indent}  note: {}\n", yaml_quoted(n)));
    }
    t
}

/// The existing text with `new` appended as block entries in the file's own indentation,
/// when the file's layout allows it (a block list under `accepted:`, last in the file, or an
/// empty `accepted: []`).
fn appended(existing: &str, new: &[&Entry]) -> String {
    let mut text = if existing.trim().is_empty() {
        HEADER.to_string()
    } else {
        existing.to_string()
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let indent = match key_line(&text) {
        Some((at, rest)) => {
            let value = rest.split('#').next().unwrap_or("").trim();
            if value == "[]" {
                // `accepted: []  # comment` becomes `accepted:  # comment`.
                let pos = at + "accepted:".len() + rest.find("[]").unwrap_or(0);
                text.replace_range(pos..pos + 2, "");
            }
            entry_indent(&text, at)
        }
        None => {
            text.push_str("accepted:\n");
            "  ".to_string()
        }
    };
    for e in new {
        text.push_str(&entry_text(&indent, e));
    }
    text
}

/// The whole file written afresh: its leading comments, then every entry in block style.
/// Used only when the editors' layout (flow style, keys after the list) cannot take appended
/// entries.
fn rewritten(existing: &str, old: &AcceptedFile, new: &[&Entry]) -> String {
    let mut text: String = existing
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    if text.trim().is_empty() {
        text = HEADER.trim_end_matches("accepted:\n").to_string();
    }
    text.push_str("accepted:\n");
    for a in &old.accepted {
        let a = &a.value;
        text.push_str(&format!(
            "  - fingerprint: {}\n",
            yaml_quoted(&a.fingerprint)
        ));
        if let Some(r) = &a.rule {
            text.push_str(&format!("    rule: {}\n", yaml_quoted(r)));
        }
        text.push_str(&format!("    reason: {}\n", yaml_quoted(&a.reason)));
        if let Some(n) = &a.note {
            text.push_str(&format!("    note: {}\n", yaml_quoted(n)));
        }
    }
    for e in new {
        text.push_str(&entry_text("  ", e));
    }
    text
}

/// Whether `text` holds the old entries, in order, then exactly `added` more.
fn keeps(path: &Path, text: &str, old: &AcceptedFile, added: usize) -> bool {
    parse(path, text).is_ok_and(|f| {
        f.accepted.len() == old.accepted.len() + added
            && f.accepted.iter().zip(&old.accepted).all(|(a, b)| {
                a.value.fingerprint == b.value.fingerprint && a.value.reason == b.value.reason
            })
    })
}

/// Appends the entries not already present; returns how many were added.
pub fn append(path: &Path, entries: &[Entry]) -> Result<usize, AckError> {
    let _lock = Lock::acquire(path)?;
    let existing = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(AckError::Read(path.to_path_buf(), e)),
    };
    let parsed = parse(path, &existing)?;
    // Compared in their current form: an entry an earlier release wrote (`io:...`) already
    // acknowledges its finding (`io-error:...`).
    let mut seen: std::collections::HashSet<String> = parsed
        .accepted
        .iter()
        .map(|a| Fingerprint::migrate(a.value.fingerprint.trim()).into_owned())
        .collect();
    let new: Vec<&Entry> = entries
        .iter()
        .filter(|e| seen.insert(Fingerprint::migrate(&e.fingerprint).into_owned()))
        .collect();
    if new.is_empty() {
        return Ok(0);
    }
    let added = new.len();
    // Appended as text where the layout allows (the editors' comments survive); else the
    // file is rewritten. Either way, never replace a file with something that would not load
    // or would lose an entry.
    let mut text = appended(&existing, &new);
    if !keeps(path, &text, &parsed, added) {
        text = rewritten(&existing, &parsed, &new);
        if !keeps(path, &text, &parsed, added) {
            return Err(AckError::Invalid(
                path.to_path_buf(),
                "adding entries would change existing ones".into(),
            ));
        }
    }
    write_atomic(path, text.as_bytes()).map_err(AckError::Write)?;
    Ok(added)
}

/// The entries `accept` adds, with `reason`: one for each open finding with one of
/// `fingerprints`, or, without any, one for each open finding of the rule coded `rule`.
/// Fails with the first fingerprint no open finding has.
pub fn select(
    findings: &[Finding],
    fingerprints: &[String],
    rule: &str,
    reason: &str,
) -> Result<Vec<Entry>, String> {
    let open: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.acknowledged.is_none())
        .collect();
    let chosen: Vec<&Finding> = if fingerprints.is_empty() {
        open.into_iter().filter(|f| f.rule.code() == rule).collect()
    } else {
        fingerprints
            .iter()
            .map(|fp| {
                open.iter()
                    .find(|f| &f.fingerprint == fp)
                    .copied()
                    .ok_or_else(|| fp.clone())
            })
            .collect::<Result<_, _>>()?
    };
    Ok(chosen
        .into_iter()
        .map(|f| Entry {
            fingerprint: f.fingerprint.clone(),
            rule: f.rule.code().to_string(),
            reason: reason.to_string(),
            note: Some(f.message.clone()),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_takes_open_findings_by_rule_or_fingerprint() {
        use crate::model::Rule;
        let f = |r, fp: &str| Finding::new(r, None, format!("m {fp}"), fp.into());
        let mut acked = f(Rule::Conflict, "c2");
        acked.acknowledged = Some("known".into());
        let all = [f(Rule::Conflict, "c1"), acked, f(Rule::Contested, "v1")];
        let by_rule = select(&all, &[], "conflict", "why").unwrap();
        assert_eq!(by_rule.len(), 1);
        assert_eq!(by_rule[0].fingerprint, "c1");
        assert_eq!(by_rule[0].rule, "conflict");
        assert_eq!(by_rule[0].reason, "why");
        assert_eq!(by_rule[0].note.as_deref(), Some("m c1"));
        let by_fp = select(&all, &["v1".into(), "c1".into()], "conflict", "r").unwrap();
        let fps: Vec<&str> = by_fp.iter().map(|e| e.fingerprint.as_str()).collect();
        assert_eq!(fps, ["v1", "c1"]);
        // An acknowledged finding is not open.
        assert_eq!(
            select(&all, &["c2".into()], "conflict", "r").unwrap_err(),
            "c2"
        );
    }

    fn entry(fp: &str) -> Entry {
        Entry {
            fingerprint: fp.into(),
            rule: "conflict".into(),
            reason: "reviewed: \"quotes\" and: colons".into(),
            note: None,
        }
    }

    #[test]
    fn appends_keeps_comments_and_skips_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("accepted.yaml");
        std::fs::write(
            &p,
            "# keep me\naccepted:\n  - fingerprint: a\n    reason: old\n",
        )
        .unwrap();
        assert_eq!(append(&p, &[entry("a"), entry("b")]).unwrap(), 1);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.starts_with("# keep me\naccepted:\n  - fingerprint: a\n    reason: old\n"));
        assert_eq!(parse(&p, &text).unwrap().accepted.len(), 2);
        assert!(
            lock_path(&p).exists(),
            "the lock file stays; the lock went with its holder"
        );
    }

    #[test]
    fn an_entry_in_an_earlier_releases_form_counts_as_present() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("accepted.yaml");
        std::fs::write(
            &p,
            "accepted:\n  - fingerprint: io:claims/a.yaml\n    reason: old\n",
        )
        .unwrap();
        let added = append(
            &p,
            &[entry("io-error:claims/a.yaml"), entry("io:claims/b.yaml")],
        );
        assert_eq!(added.unwrap(), 1);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(!text.contains("io-error:claims/a.yaml"), "{text}");
        assert!(text.contains("io:claims/b.yaml"), "{text}");
    }

    #[test]
    fn a_broken_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("accepted.yaml");
        std::fs::write(&p, "accepted: {not: a list}\n").unwrap();
        assert!(matches!(
            append(&p, &[entry("x")]),
            Err(AckError::Invalid(..))
        ));
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "accepted: {not: a list}\n"
        );
    }

    #[test]
    fn concurrent_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("accepted.yaml");
        std::thread::scope(|s| {
            for t in 0..4 {
                let p = &p;
                s.spawn(move || {
                    for i in 0..10 {
                        append(p, &[entry(&format!("t{t}-{i}"))]).unwrap();
                    }
                });
            }
        });
        let text = std::fs::read_to_string(&p).unwrap();
        assert_eq!(parse(&p, &text).unwrap().accepted.len(), 40);
    }

    #[test]
    fn every_layout_check_reads_takes_new_entries() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("accepted.yaml");
        for (layout, kept) in [
            (
                "accepted:\n    -   fingerprint: a\n        reason: old\n",
                "fingerprint: a",
            ),
            (
                "accepted:\n- fingerprint: a\n  reason: old\n",
                "- fingerprint: a",
            ),
            ("accepted: [{fingerprint: a, reason: old}]\n", ""),
            ("# top\naccepted: []  # none yet\n", "# none yet"),
            ("accepted: [] # none\n", "# none"),
            (
                "accepted:\n  - {fingerprint: a, reason: old}\n",
                "{fingerprint: a",
            ),
        ] {
            std::fs::write(&p, layout).unwrap();
            let before = parse(&p, layout).unwrap().accepted.len();
            assert_eq!(append(&p, &[entry("b")]).unwrap(), 1, "{layout}");
            let text = std::fs::read_to_string(&p).unwrap();
            assert_eq!(
                parse(&p, &text).unwrap().accepted.len(),
                before + 1,
                "{text}"
            );
            assert!(text.contains(kept), "{text}");
        }
    }

    #[test]
    fn large_files_are_read_with_the_loaders_budget() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("accepted.yaml");
        let mut text = String::from("accepted:\n");
        for i in 0..36_000 {
            text.push_str(&format!("  - fingerprint: f{i}\n    reason: r\n"));
        }
        std::fs::write(&p, &text).unwrap();
        assert_eq!(append(&p, &[entry("new")]).unwrap(), 1);
    }

    #[test]
    fn a_lock_dies_with_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("accepted.yaml");
        let held = Lock::acquire(&p).unwrap();
        drop(held);
        // A lock file left behind (as by a killed process) does not block.
        assert!(lock_path(&p).exists());
        let start = Instant::now();
        assert_eq!(append(&p, &[entry("x")]).unwrap(), 1);
        assert!(start.elapsed() < Duration::from_secs(2));
    }
}
