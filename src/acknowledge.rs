//! Adding entries to the acknowledged-findings file without losing a byte of it.
//!
//! New entries are appended as text (so the editors' comments and layout survive), the
//! result is parsed before it replaces the file, the replacement is atomic, and a lock file
//! keeps two concurrent writers from overwriting each other's entries.

use crate::load::yaml::AcceptedFile;
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
                "{} is locked by another corroborate process; try again, or remove the lock file if no other process runs",
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

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

struct Lock(PathBuf);

impl Lock {
    fn acquire(path: &Path) -> Result<Lock, AckError> {
        let lock = path.with_extension("yaml.lock");
        let start = Instant::now();
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock)
            {
                Ok(_) => return Ok(Lock(lock)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    // A lock left by a killed process is stale after a minute.
                    let stale = std::fs::metadata(&lock)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > Duration::from_secs(60));
                    if stale {
                        let _ = std::fs::remove_file(&lock);
                        continue;
                    }
                    if start.elapsed() > Duration::from_secs(10) {
                        return Err(AckError::Locked(lock));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(AckError::Read(lock, e)),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn parse(path: &Path, text: &str) -> Result<AcceptedFile, AckError> {
    if text.trim().is_empty() {
        return Ok(AcceptedFile {
            accepted: Vec::new(),
        });
    }
    serde_saphyr::from_str::<AcceptedFile>(text).map_err(|e| {
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

/// Appends the entries not already present; returns how many were added.
pub fn append(path: &Path, entries: &[Entry]) -> Result<usize, AckError> {
    let _lock = Lock::acquire(path)?;
    let existing = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(AckError::Read(path.to_path_buf(), e)),
    };
    let parsed = parse(path, &existing)?;
    let known: std::collections::HashSet<String> = parsed
        .accepted
        .iter()
        .map(|a| a.value.fingerprint.trim().to_string())
        .collect();
    let mut text = if existing.trim().is_empty() {
        HEADER.to_string()
    } else {
        existing.clone()
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    // An empty list written as `accepted: []` cannot take block entries after it.
    if parsed.accepted.is_empty() && !text.lines().any(|l| l.trim_end() == "accepted:") {
        text = text.replace("accepted: []", "accepted:");
        if !text.lines().any(|l| l.trim_end() == "accepted:") {
            text.push_str("accepted:\n");
        }
    }
    let mut added = 0;
    for e in entries {
        if known.contains(&e.fingerprint) {
            continue;
        }
        text.push_str(&format!(
            "  - fingerprint: {}\n    rule: {}\n    reason: {}\n",
            yaml_str(&e.fingerprint),
            yaml_str(&e.rule),
            yaml_str(&e.reason)
        ));
        if let Some(n) = &e.note {
            text.push_str(&format!("    note: {}\n", yaml_str(n)));
        }
        added += 1;
    }
    if added == 0 {
        return Ok(0);
    }
    // Never replace a file with something that would not load.
    let check = parse(path, &text)?;
    if check.accepted.len() != parsed.accepted.len() + added {
        return Err(AckError::Invalid(
            path.to_path_buf(),
            "appending would change existing entries".into(),
        ));
    }
    write_atomic(path, text.as_bytes()).map_err(AckError::Write)?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!p.with_extension("yaml.lock").exists());
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
}
