//! Where the dossier sits in its git repository, for CI formats that name files from the
//! repository's root.

use std::path::Path;

/// The dossier root's path from the enclosing git repository's root, with a trailing `/`
/// (empty when the dossier is the repository root or not in one), so that CI formats can
/// give repository-relative paths.
pub fn repo_prefix(root: &Path) -> String {
    let mut dir = Some(root);
    while let Some(d) = dir {
        if d.join(".git").exists() {
            let rel = root.strip_prefix(d).unwrap_or(Path::new(""));
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            return if parts.is_empty() {
                String::new()
            } else {
                format!("{}/", parts.join("/"))
            };
        }
        dir = d.parent();
    }
    String::new()
}
