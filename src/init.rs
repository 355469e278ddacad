//! `corroborate init`: a new dossier with vocabularies, one example source, the
//! acknowledged-findings file, the JSON Schemas and a sample CI workflow.

use crate::load::schema;
use crate::write::{WriteError, write_new};
use std::path::{Path, PathBuf};

const FILES: [(&str, &str); 8] = [
    (
        "claims/properties.yaml",
        include_str!("../templates/init/claims/properties.yaml"),
    ),
    (
        "claims/entities.yaml",
        include_str!("../templates/init/claims/entities.yaml"),
    ),
    (
        "claims/example-source.yaml",
        include_str!("../templates/init/claims/example-source.yaml"),
    ),
    (
        "claims/scopes.yaml",
        include_str!("../templates/init/claims/scopes.yaml"),
    ),
    (
        "claims/rates.yaml",
        include_str!("../templates/init/claims/rates.yaml"),
    ),
    (
        "claims/accepted.yaml",
        include_str!("../templates/init/claims/accepted.yaml"),
    ),
    (
        "seeds/example-source.txt",
        include_str!("../templates/init/seeds/example-source.txt"),
    ),
    (
        ".github/workflows/corroborate.yml",
        include_str!("../docs/ci/github-workflow.yml"),
    ),
];

#[derive(Debug)]
pub enum InitError {
    /// Files that already exist; nothing was written.
    Exists(Vec<PathBuf>),
    Io(PathBuf, std::io::Error),
    Write(WriteError),
    /// A folder on the way is a symbolic link that leads outside the target.
    Outside(PathBuf),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::Exists(ps) => write!(
                f,
                "refusing to overwrite {}; nothing was written",
                ps.iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            InitError::Io(p, e) => write!(f, "cannot create {}: {e}", p.display()),
            InitError::Write(e) => write!(f, "{e}"),
            InitError::Outside(p) => write!(
                f,
                "{} is a symbolic link that leads outside the new dossier; nothing was written",
                p.display()
            ),
        }
    }
}

impl std::error::Error for InitError {}

/// Every file `init` writes, with its content.
pub fn files() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = FILES
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
    for (kind, name) in schema::SCHEMAS {
        if let Some(s) = schema::schema(kind) {
            out.push((format!("schema/{name}"), s));
        }
    }
    out
}

/// Writes a new dossier into `dir`. Refuses, before writing anything, if any file exists.
pub fn scaffold(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    let files = files();
    // A dangling link counts as existing: writing would replace it or go through it.
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(p, _)| dir.join(p))
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .collect();
    if !existing.is_empty() {
        return Err(InitError::Exists(existing));
    }
    // The target itself is the user's choice; every folder inside it that already exists
    // must really be inside it (a linked `.github` must not carry the workflow elsewhere).
    std::fs::create_dir_all(dir).map_err(|e| InitError::Io(dir.to_path_buf(), e))?;
    let real_dir = dir
        .canonicalize()
        .map_err(|e| InitError::Io(dir.to_path_buf(), e))?;
    for (rel, _) in &files {
        let mut cur = dir.to_path_buf();
        let parts: Vec<&str> = rel.split('/').collect();
        for part in &parts[..parts.len() - 1] {
            cur.push(part);
            if std::fs::symlink_metadata(&cur).is_err() {
                break;
            }
            if !cur.canonicalize().is_ok_and(|r| r.starts_with(&real_dir)) {
                return Err(InitError::Outside(cur));
            }
        }
    }
    let mut written = Vec::new();
    for (rel, content) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| InitError::Io(parent.to_path_buf(), e))?;
        }
        write_new(&path, content.as_bytes(), false).map_err(InitError::Write)?;
        written.push(path);
    }
    Ok(written)
}
