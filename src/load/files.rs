//! The dossier's files as files: which ones are claim files, the one path policy (nothing
//! outside the root is opened), reading under a size limit as UTF-8, and how a file's name is
//! shown.

use super::findings::FileProblem;
use super::{ACCEPTED_FILE, ENTITIES_FILE, ENTITIES_JSONL, PROPERTIES_FILE, vocabulary};
use crate::model::{Finding, Loc, Problem};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// The one path policy for every file corroborate discovers in a dossier or that a dossier
/// file names: its real path, with every symbolic link resolved, lies inside the (canonical)
/// root. Links that stay inside are fine. A path that does not exist passes (reading it then
/// fails with its own message); nothing outside is ever opened.
pub fn inside_root(root: &Path, path: &Path) -> bool {
    match path.canonicalize() {
        Ok(real) => real.starts_with(root),
        Err(_) => std::fs::symlink_metadata(path).is_err(),
    }
}

pub(super) fn outside_finding(name: &Arc<str>) -> Finding {
    FileProblem::Outside
        .of(name)
        .finding(Some(Loc::new(name, 1, 1)))
}

pub(super) fn rel_name(root: &Path, path: &Path) -> Arc<str> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Arc::from(s.join("/"))
}

/// Reads a file under the size limit as UTF-8, with a finding naming it otherwise.
// The error is a finding that goes straight into the report; it is rare, so its size is moot.
#[allow(clippy::result_large_err)]
pub(super) fn read_text(path: &Path, name: &Arc<str>, limit: u64) -> Result<String, Finding> {
    let file_loc = Some(Loc::new(name, 1, 1));
    let unreadable = |e: std::io::Error| {
        FileProblem::Unreadable(&e)
            .of(name)
            .finding(file_loc.clone())
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(FileProblem::NotAFile.of(name).finding(file_loc));
    }
    if meta.len() > limit {
        let bytes = meta.len();
        return Err(FileProblem::TooLarge { bytes, limit }
            .of(name)
            .finding(file_loc));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        let col = 1 + at
            - bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
        FileProblem::NotUtf8 { offset: at }
            .of(name)
            .finding(Some(Loc::new(
                name,
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(col).unwrap_or(u32::MAX),
            )))
    })?;
    // A byte-order mark is an editor's habit, not content.
    if text.starts_with('\u{FEFF}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Validates a seed path and resolves it inside the root, without touching anything outside.
pub fn resolve_seed(root: &Path, text: &str) -> Result<PathBuf, String> {
    let rel = Path::new(text);
    if text.trim().is_empty() {
        return Err("the seed path is empty".into());
    }
    if text.contains('\\') || text.contains('\0') {
        return Err(format!(
            "seed path `{text}` must use `/` separators and no control characters"
        ));
    }
    for c in rel.components() {
        match c {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => {
                return Err(format!("seed path `{text}` contains `..`"));
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!(
                    "seed path `{text}` is absolute; write it relative to the dossier root"
                ));
            }
        }
    }
    let joined = root.join(rel);
    // canonicalize resolves symbolic links; a link that leads outside is refused before
    // anything is opened.
    match joined.canonicalize() {
        Ok(real) if real.starts_with(root) => Ok(real),
        Ok(_) => Err(format!(
            "seed path `{text}` leads outside the dossier root through a symbolic link"
        )),
        Err(_) => Ok(joined),
    }
}

pub(super) fn extension(p: &Path) -> Option<&str> {
    p.extension().and_then(|e| e.to_str())
}

/// Lists the claim files of `claims/` (YAML and JSON Lines), refusing links that lead outside
/// the root.
pub(super) fn claim_files(root: &Path, claims: &Path, findings: &mut Vec<Finding>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(claims) {
        Ok(e) => e,
        Err(e) => {
            findings.push(FileProblem::Unlisted(&e).of("claims").finding(None));
            return out;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let fname = entry.file_name();
        let fname = fname.to_string_lossy();
        if !matches!(extension(&path), Some("yaml" | "yml" | "jsonl"))
            || fname.starts_with('.')
            || [
                ENTITIES_FILE,
                ENTITIES_JSONL,
                PROPERTIES_FILE,
                ACCEPTED_FILE,
                vocabulary::SCOPES_FILE,
                vocabulary::RATES_FILE,
            ]
            .contains(&fname.as_ref())
        {
            continue;
        }
        let is_link = entry.file_type().map(|t| t.is_symlink()).unwrap_or(false);
        if is_link && !inside_root(root, &path) {
            findings.push(outside_finding(&rel_name(root, &path)));
            continue;
        }
        out.push(path);
    }
    out.sort();
    out
}

/// How to write the dossier root `dir` (as given on the command line) before its files' names
/// so that they are relative to the current directory `cwd`: empty for the current
/// directory, `mydossier/` for a subfolder, `../x/` when it is beside, the absolute path when
/// it is elsewhere. Always ends with `/` unless empty.
pub fn display_prefix(dir: &Path, cwd: Option<&Path>) -> String {
    let relative = if dir.is_absolute() {
        let real = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        match cwd.and_then(|c| c.canonicalize().ok()) {
            Some(c) => relative_to(&real, &c).unwrap_or(real),
            None => real,
        }
    } else {
        dir.to_path_buf()
    };
    let mut parts: Vec<String> = Vec::new();
    for c in relative.components() {
        match c {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    if parts.is_empty() {
        return String::new();
    }
    if parts == [""] {
        return "/".into();
    }
    format!("{}/", parts.join("/"))
}

/// `target` as seen from `base` (both absolute): `sub/dir`, `..`, `../other`; `None` when
/// they share nothing but the filesystem root, where the absolute path reads better.
pub(super) fn relative_to(target: &Path, base: &Path) -> Option<PathBuf> {
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common <= 1 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_paths_must_stay_inside() {
        let root = std::env::temp_dir();
        assert!(
            resolve_seed(&root, "../etc/passwd")
                .unwrap_err()
                .contains("..")
        );
        assert!(
            resolve_seed(&root, "/etc/passwd")
                .unwrap_err()
                .contains("absolute")
        );
        assert!(resolve_seed(&root, "seeds/ok.txt").is_ok());
        assert!(resolve_seed(&root, "").is_err());
    }

    #[test]
    fn display_prefixes_are_relative_to_the_current_directory() {
        assert_eq!(display_prefix(Path::new("."), None), "");
        assert_eq!(display_prefix(Path::new("mydossier"), None), "mydossier/");
        assert_eq!(display_prefix(Path::new("./a/b/"), None), "a/b/");
        assert_eq!(display_prefix(Path::new("../x"), None), "../x/");
        let here = std::env::temp_dir().canonicalize().unwrap();
        assert_eq!(display_prefix(&here, Some(&here)), "");
        let inner = here.join("corroborate-prefix-test");
        std::fs::create_dir_all(&inner).unwrap();
        assert_eq!(
            display_prefix(&inner, Some(&here)),
            "corroborate-prefix-test/"
        );
        assert_eq!(display_prefix(&here, Some(&inner)), "../");
    }
}
