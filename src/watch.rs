//! `check --watch`: waiting for the files a check reads to change.

use notify_debouncer_mini::notify::RecursiveMode;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Editors save in bursts (a temporary file, a rename, a touch): changes this close together
/// make one re-run.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// What a check reads: the claims folder (vocabularies and acknowledgements included), each
/// seed text, and the configuration file.
pub struct Watched {
    pub claims: PathBuf,
    pub files: Vec<PathBuf>,
}

impl Watched {
    fn relevant(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // corroborate's own temporary and lock files (`write`, `acknowledge`) are not edits.
        if name.starts_with('.') && (name.ends_with(".tmp") || name.ends_with(".lock")) {
            return false;
        }
        path.starts_with(&self.claims) || self.files.iter().any(|f| f == path)
    }
}

/// Blocks until a watched file changes; returns the changed paths. `ready` is called once
/// the watches are in place (a change before then may be missed).
pub fn wait_for_change(w: &Watched, ready: &dyn Fn()) -> Result<Vec<PathBuf>, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = notify_debouncer_mini::new_debouncer(DEBOUNCE, tx)
        .map_err(|e| format!("cannot watch files: {e}"))?;
    let watcher = debouncer.watcher();
    watcher
        .watch(&w.claims, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", w.claims.display()))?;
    // A file is watched through its folder, so that an editor replacing it (a rename over
    // it) is still seen.
    let mut dirs: Vec<&Path> = w.files.iter().filter_map(|f| f.parent()).collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        if !d.starts_with(&w.claims) && d.is_dir() {
            watcher
                .watch(d, RecursiveMode::NonRecursive)
                .map_err(|e| format!("cannot watch {}: {e}", d.display()))?;
        }
    }
    ready();
    loop {
        match rx.recv() {
            Ok(Ok(events)) => {
                let changed: Vec<PathBuf> = events
                    .into_iter()
                    .map(|e| e.path)
                    .filter(|p| w.relevant(p))
                    .collect();
                if !changed.is_empty() {
                    return Ok(changed);
                }
            }
            Ok(Err(e)) => return Err(format!("watching files failed: {e}")),
            Err(_) => return Err("the file watcher stopped".into()),
        }
    }
}
