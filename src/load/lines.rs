//! The lines of dossier files, read on demand for diagnostics that show the line a finding
//! points at.

use super::{MAX_CLAIM_FILE_BYTES, resolve_seed};
use crate::model::Finding;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Reads lines of dossier files on demand for diagnostics, one file at a time, and only
/// files that have something to show.
pub struct FileLines {
    root: PathBuf,
    /// Lines read ahead for a known set of findings: file -> line -> text.
    wanted: HashMap<Arc<str>, HashMap<u32, String>>,
    cache: std::sync::Mutex<LineCache>,
}

/// Files read so far, each with when it was last used. Findings of one file come together
/// but point at lines of others, so files are kept until a byte budget is spent, then the
/// least recently used are dropped.
#[derive(Default)]
struct LineCache {
    files: HashMap<Arc<str>, (u64, Option<Arc<LineText>>)>,
    clock: u64,
    bytes: usize,
}

const FILE_LINES_BUDGET: usize = 512 * 1024 * 1024;

/// One file's text with the byte offset where each line starts.
struct LineText {
    text: String,
    starts: Vec<usize>,
}

impl LineText {
    fn new(text: String) -> LineText {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineText { text, starts }
    }

    fn line(&self, line: u32) -> Option<&str> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let end = self.starts.get(i + 1).map_or(self.text.len(), |&e| e - 1);
        if start > end {
            return None;
        }
        Some(self.text[start..end].trim_end_matches('\r'))
    }

    fn size(&self) -> usize {
        self.text.len() + self.starts.len() * std::mem::size_of::<usize>()
    }
}

impl FileLines {
    pub fn new(root: &Path) -> FileLines {
        FileLines {
            root: root.to_path_buf(),
            wanted: HashMap::new(),
            cache: std::sync::Mutex::new(LineCache::default()),
        }
    }

    /// Reads, once per file and in parallel, just the lines these findings point at (their
    /// own and their related places), so that showing them keeps only those lines in memory
    /// rather than whole claim files.
    pub fn for_findings(root: &Path, findings: &[Finding]) -> FileLines {
        let mut per_file: HashMap<Arc<str>, Vec<u32>> = HashMap::new();
        for f in findings {
            for loc in f.loc.iter().chain(f.related.iter().map(|r| &r.loc)) {
                per_file.entry(loc.file.clone()).or_default().push(loc.line);
            }
        }
        let files: Vec<(Arc<str>, Vec<u32>)> = per_file
            .into_iter()
            .map(|(file, mut lines)| {
                lines.sort_unstable();
                lines.dedup();
                (file, lines)
            })
            .collect();
        let mut lines = FileLines::new(root);
        lines.wanted = files
            .par_iter()
            .map(|(file, wanted)| {
                let text = lines.read(file);
                let found = wanted
                    .iter()
                    .filter_map(|&l| Some((l, text.as_ref()?.line(l)?.to_string())))
                    .collect();
                (file.clone(), found)
            })
            .collect();
        lines
    }

    fn read(&self, file: &str) -> Option<Arc<LineText>> {
        // Same guards as loading: nothing outside the root, nothing oversized.
        let path = resolve_seed(&self.root, file).ok()?;
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > MAX_CLAIM_FILE_BYTES {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        Some(Arc::new(LineText::new(text)))
    }
}

impl crate::model::LineSource for FileLines {
    fn line(&self, file: &str, line: u32) -> Option<String> {
        if let Some(text) = self.wanted.get(file).and_then(|f| f.get(&line)) {
            return Some(text.clone());
        }
        let mut cache = self.cache.lock().ok()?;
        cache.clock += 1;
        let now = cache.clock;
        if let Some(entry) = cache.files.get_mut(file) {
            entry.0 = now;
            let text = entry.1.clone()?;
            return text.line(line).map(str::to_string);
        }
        let text = self.read(file);
        let size = text.as_ref().map_or(0, |t| t.size());
        while cache.bytes + size > FILE_LINES_BUDGET && !cache.files.is_empty() {
            let oldest = cache
                .files
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(f, _)| f.clone());
            let Some(oldest) = oldest else { break };
            if let Some((_, Some(t))) = cache.files.remove(&oldest) {
                cache.bytes -= t.size();
            }
        }
        cache.bytes += size;
        cache.files.insert(Arc::from(file), (now, text.clone()));
        text?.line(line).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_lines_gives_each_line_without_its_ending() {
        let t = LineText::new("one\r\ntwo\n\nfour".to_string());
        assert_eq!(t.line(1), Some("one"));
        assert_eq!(t.line(2), Some("two"));
        assert_eq!(t.line(3), Some(""));
        assert_eq!(t.line(4), Some("four"));
        assert_eq!(t.line(5), None);
        assert_eq!(t.line(0), None);
    }
}
