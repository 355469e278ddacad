//! Resolving names to declared entities and properties through their aliases.
//!
//! Names match after folding case, punctuation and possessives ("Iran's Revolutionary Guard
//! Corps" = "irans revolutionary guard corps"). Unknown names get "did you mean" suggestions
//! scored with strsim over candidates found through a word index, never by comparing every pair.

use crate::model::{EntityDef, PropertyDef};
use rustc_hash::FxHashMap as HashMap;

/// Folds a name into its lookup key: lower case, letters and digits only, single spaces.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    key_into(name, &mut out);
    out
}

/// [`key`], written into `out` (cleared first), so lookups can reuse one buffer.
fn key_into(name: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for c in name.chars() {
        // "Iran's" and "Irans" are the same name; drop apostrophes rather than splitting.
        if matches!(c, '\'' | '\u{2019}' | '\u{2018}') {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            space = true;
        }
    }
}

/// A name index over one vocabulary.
#[derive(Debug, Default, Clone)]
pub struct Index {
    by_key: HashMap<String, u32>,
    /// Display names, for suggestions.
    names: Vec<(String, u32)>,
    /// Built on the first suggestion: most runs resolve every name and never need it.
    words: std::sync::OnceLock<WordIndex>,
}

#[derive(Debug, Default, Clone)]
struct WordIndex {
    by_word: HashMap<String, Vec<u32>>,
    /// The indexed words in order, for prefix look-ups.
    words: Vec<String>,
}

/// An alias claimed by two different ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub alias: String,
    pub first: u32,
    pub second: u32,
}

impl Index {
    /// Builds the index from `(id, names...)` rows; returns the clashes it found.
    pub fn build<'a, I, N>(rows: I) -> (Index, Vec<Clash>)
    where
        I: IntoIterator<Item = (u32, N)>,
        N: IntoIterator<Item = &'a str>,
    {
        use rayon::prelude::*;
        let rows: Vec<(u32, &str)> = rows
            .into_iter()
            .flat_map(|(id, names)| names.into_iter().map(move |n| (id, n)))
            .collect();
        // Folding is the costly part and independent per name; insertion order decides which
        // declaration comes first, so it stays sequential.
        let keys: Vec<String> = rows.par_iter().map(|&(_, name)| key(name)).collect();
        let mut idx = Index::default();
        idx.by_key.reserve(rows.len());
        let mut clashes = Vec::new();
        for ((id, name), k) in rows.into_iter().zip(keys) {
            if k.is_empty() {
                continue;
            }
            match idx.by_key.get(&k) {
                Some(&other) if other != id => clashes.push(Clash {
                    alias: name.to_string(),
                    first: other,
                    second: id,
                }),
                Some(_) => {}
                None => {
                    idx.by_key.insert(k, id);
                    idx.names.push((name.to_string(), id));
                }
            }
        }
        (idx, clashes)
    }

    fn word_index(&self) -> &WordIndex {
        self.words.get_or_init(|| {
            let mut w = WordIndex::default();
            for (n, (name, _)) in self.names.iter().enumerate() {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                for word in key(name).split(' ') {
                    w.by_word.entry(word.to_string()).or_default().push(n);
                }
            }
            w.words = w.by_word.keys().cloned().collect();
            w.words.sort_unstable();
            w
        })
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        // Called for every distinct spelling of a large dossier: the key is folded into a
        // buffer kept per thread rather than a new string per call.
        thread_local! {
            static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        BUF.with_borrow_mut(|buf| {
            key_into(name, buf);
            self.by_key.get(buf.as_str()).copied()
        })
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// Up to three declared names close to `name`, best first.
    pub fn suggest(&self, name: &str) -> Vec<String> {
        let k = key(name);
        if k.is_empty() {
            return Vec::new();
        }
        let mut candidates: Vec<u32> = Vec::new();
        if self.names.len() <= 2_000 {
            candidates.extend(0..u32::try_from(self.names.len()).unwrap_or(u32::MAX));
        } else {
            // Blocking: names sharing a word with the query, or a word that starts with the
            // same three letters (catches typos past the third letter). Very common words
            // ("the", "province") carry no signal and are skipped.
            const COMMON: usize = 1_000;
            let WordIndex { by_word, words } = self.word_index();
            for w in k.split(' ') {
                if let Some(v) = by_word.get(w).filter(|v| v.len() <= COMMON) {
                    candidates.extend(v);
                }
                let stem: String = w.chars().take(3).collect();
                let from = words.partition_point(|x| x.as_str() < stem.as_str());
                for word in words[from..]
                    .iter()
                    .take_while(|x| x.starts_with(&stem))
                    .take(200)
                {
                    if let Some(v) = by_word.get(word).filter(|v| v.len() <= COMMON) {
                        candidates.extend(v);
                    }
                }
                if candidates.len() > 20_000 {
                    break;
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
        }
        let mut scored: Vec<(f64, &str)> = candidates
            .iter()
            .filter_map(|&i| self.names.get(i as usize))
            .map(|(n, _)| (strsim::jaro_winkler(&k, &key(n)), n.as_str()))
            .filter(|(s, _)| *s >= 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, n) in scored {
            if !out.iter().any(|o| o == n) {
                out.push(n.to_string());
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

/// Up to three of `candidates` close to `name`, best first: the "did you mean" of any list
/// of names (command-line values, field names, rule codes).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let (idx, _) = Index::build(
        candidates
            .into_iter()
            .enumerate()
            .map(|(i, c)| (u32::try_from(i).unwrap_or(u32::MAX), [c])),
    );
    idx.suggest(name)
}

/// `; did you mean `x`?` for suggestions, or nothing without any.
pub fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => format!(
            "; did you mean one of {}?",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The resolved vocabularies of a dossier.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    pub entities: Index,
    pub properties: Index,
    pub entity_clashes: Vec<Clash>,
    pub property_clashes: Vec<Clash>,
}

impl Vocabulary {
    pub fn new(entities: &[EntityDef], properties: &[PropertyDef]) -> Vocabulary {
        let (e, ec) = Index::build(entities.iter().enumerate().map(|(i, e)| {
            (
                u32::try_from(i).unwrap_or(u32::MAX),
                std::iter::once(e.id.as_str())
                    .chain(std::iter::once(e.name.as_str()))
                    .chain(e.aliases.iter().map(String::as_str)),
            )
        }));
        let (p, pc) = Index::build(properties.iter().enumerate().map(|(i, p)| {
            (
                u32::try_from(i).unwrap_or(u32::MAX),
                std::iter::once(p.id.as_str())
                    .chain(std::iter::once(p.name.as_str()))
                    .chain(p.aliases.iter().map(String::as_str)),
            )
        }));
        Vocabulary {
            entities: e,
            properties: p,
            entity_clashes: ec,
            property_clashes: pc,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_punctuation_and_possessives() {
        assert_eq!(
            key("Iran’s Revolutionary Guard Corps"),
            "irans revolutionary guard corps"
        );
        assert_eq!(key("  I.R.G.C. "), "i r g c");
        assert_eq!(key("ISIS-Khorasan"), "isis khorasan");
    }

    #[test]
    fn aliases_resolve_and_clashes_are_reported() {
        let (idx, clashes) = Index::build([
            (
                0u32,
                vec!["irgc", "IRGC", "Islamic Revolutionary Guard Corps"],
            ),
            (1u32, vec!["iskp", "ISIS-Khorasan", "IRGC"]),
        ]);
        assert_eq!(idx.get("islamic revolutionary guard corps"), Some(0));
        assert_eq!(idx.get("Isis Khorasan"), Some(1));
        assert_eq!(clashes.len(), 1);
        assert_eq!(
            idx.suggest("Islamic Revolutionary Guards Corps")[0],
            "Islamic Revolutionary Guard Corps"
        );
        assert!(idx.suggest("zzzzzz").is_empty());
        assert_eq!(closest("valeu", ["id", "subject", "value"]), ["value"]);
        assert_eq!(
            did_you_mean(&closest("confilct", ["conflict", "falling-total"])),
            "; did you mean `conflict`?"
        );
    }

    #[test]
    fn suggestions_use_blocking_on_large_vocabularies() {
        let names: Vec<(u32, Vec<String>)> = (0..5_000u32)
            .map(|i| (i, vec![format!("entity number {i}")]))
            .collect();
        let (idx, _) = Index::build(
            names
                .iter()
                .map(|(i, n)| (*i, n.iter().map(String::as_str))),
        );
        let s = idx.suggest("entity number 4999x");
        assert!(s.iter().any(|n| n == "entity number 4999"), "{s:?}");
    }
}
