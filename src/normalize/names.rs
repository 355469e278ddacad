//! Lists of person names ("Russell, Stuart J.; Norvig, Peter", "Kenneth L. Calvert, Michael
//! J. Donahoo", "By (author) Calvert, Kenneth L.") read into (surname, first initial) pairs,
//! and one rule for when two lists name the same people.
//!
//! The rule: same number of names, and each name of one list pairs with a distinct name of the
//! other whose surname is within Jaro-Winkler 0.92 (misspellings) and whose first initial is
//! equal when both are known. Order does not matter; stores disagree on it.

/// One person: lower-case ASCII-folded surname and first initial if known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Person {
    pub surname: String,
    pub initial: Option<char>,
}

const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "dr", "prof", "ed", "eds", "editor",
];

/// Replaces HTML entities the way a reader would see them: `&oacute;` -> `o`, `&amp;` -> `&`.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match tail.find(';').filter(|&j| j <= 10) {
            Some(j) => {
                let name = &tail[1..j];
                match name {
                    "amp" => out.push('&'),
                    "quot" => out.push('"'),
                    "apos" => out.push('\''),
                    "nbsp" => out.push(' '),
                    _ if name.len() > 1 && name.chars().all(|c| c.is_ascii_alphabetic()) => {
                        // &oacute; &uuml; &ccedil; -> the base letter
                        out.push(name.chars().next().unwrap_or(' '));
                    }
                    _ => out.push_str(&tail[..=j]),
                }
                rest = &tail[j + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Lower-case ASCII letters of a word, accents folded to their base letter where common.
fn fold_word(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                'a'
            }
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
                'o'
            }
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            c => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .collect()
}

fn person_from_full(name: &str) -> Option<Person> {
    let ws: Vec<&str> = words(name)
        .into_iter()
        .filter(|w| !SUFFIXES.contains(&fold_word(w).as_str()))
        .collect();
    let last = ws.last()?;
    let surname = fold_word(last);
    if surname.is_empty() {
        return None;
    }
    let initial = if ws.len() > 1 {
        fold_word(ws[0]).chars().next()
    } else {
        None
    };
    Some(Person { surname, initial })
}

fn person_from_inverted(last: &str, first: &str) -> Option<Person> {
    let surname: String = words(last)
        .into_iter()
        .filter(|w| !SUFFIXES.contains(&fold_word(w).as_str()))
        .map(fold_word)
        .collect::<Vec<_>>()
        .join(" ");
    if surname.is_empty() {
        return None;
    }
    let initial = words(first)
        .into_iter()
        .map(fold_word)
        .find(|w| !w.is_empty() && !SUFFIXES.contains(&w.as_str()))
        .and_then(|w| w.chars().next());
    Some(Person { surname, initial })
}

/// Reads a list of names. Returns an empty list for "Not Available"-style placeholders.
pub fn parse(text: &str) -> Vec<Person> {
    let mut s = decode_entities(text);
    // Role notes in brackets separate names: "Curland, Matthew J. (Author) Storage, Bill (Joint Author)".
    let mut cleaned = String::with_capacity(s.len());
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                if depth == 1 {
                    cleaned.push(';');
                }
            }
            ')' | ']' => depth = (depth - 1).max(0),
            _ if depth == 0 => cleaned.push(c),
            _ => {}
        }
    }
    s = cleaned;
    let mut people = Vec::new();
    for segment in s.split([';', '&', '|', '/', '\n']) {
        // Placeholders name nobody; the rest of the list still counts.
        let lower = segment.trim().to_lowercase();
        if lower.is_empty()
            || lower.contains("not available")
            || lower == "n/a"
            || lower == "na"
            || lower.contains("unknown")
        {
            continue;
        }
        for part in split_and(segment) {
            let part = strip_by(part.trim());
            if part.is_empty() {
                continue;
            }
            let pieces: Vec<&str> = part
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            match pieces.as_slice() {
                [] => {}
                [one] => people.extend(person_from_full(one)),
                [first, ..] if words(first).len() == 1 => {
                    // "Last, First" pairs, possibly several: "Lutz, Mark, Ascher, David".
                    for pair in pieces.chunks(2) {
                        match pair {
                            [last, first] => people.extend(person_from_inverted(last, first)),
                            [last] => people.extend(person_from_full(last)),
                            _ => {}
                        }
                    }
                }
                _ => people.extend(pieces.iter().filter_map(|p| person_from_full(p))),
            }
        }
    }
    // Not people: "et al.", "etc.", publishers and series that stores put in the author field.
    people.retain(|p| !NOT_PEOPLE.contains(&p.surname.as_str()));
    // Stores list an author twice ("Witt, Graham; Simsion, Graeme; Witt, Graham C.").
    let mut unique: Vec<Person> = Vec::with_capacity(people.len());
    for p in people {
        if !unique.iter().any(|q| same_person(q, &p)) {
            unique.push(p);
        }
    }
    unique
}

const NOT_PEOPLE: &[&str] = &[
    "al",
    "etc",
    "others",
    "press",
    "conference",
    "proceedings",
    "certification",
    "staff",
    "inc",
    "llc",
    "ltd",
    "corp",
    "corporation",
    "university",
    "series",
    "publishing",
    "publications",
];

fn split_and(segment: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = segment;
    loop {
        let lower = rest.to_ascii_lowercase();
        match lower.find(" and ") {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i + 5..];
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
}

fn strip_by(s: &str) -> &str {
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("by ") {
        &s[3..]
    } else if lower == "by" {
        ""
    } else {
        s
    }
}

/// A canonical text form: names sorted, `surname i` joined by `; `.
pub fn key(people: &[Person]) -> String {
    let mut v: Vec<String> = people
        .iter()
        .map(|p| match p.initial {
            Some(i) => format!("{} {i}", p.surname),
            None => p.surname.clone(),
        })
        .collect();
    v.sort();
    v.join("; ")
}

/// Reads a key written by [`key`] back into people.
pub fn from_key(k: &str) -> Vec<Person> {
    k.split("; ")
        .filter(|s| !s.is_empty())
        .map(|s| match s.rsplit_once(' ') {
            Some((surname, i)) if i.chars().count() == 1 => Person {
                surname: surname.to_string(),
                initial: i.chars().next(),
            },
            _ => Person {
                surname: s.to_string(),
                initial: None,
            },
        })
        .collect()
}

fn same_person(a: &Person, b: &Person) -> bool {
    let initials_agree = match (a.initial, b.initial) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    initials_agree
        && (a.surname == b.surname || strsim::jaro_winkler(&a.surname, &b.surname) >= 0.92)
}

/// How many names of `a` pair with distinct names of `b` (greedy, in order of closeness).
fn matched(a: &[Person], b: &[Person]) -> usize {
    let mut used = vec![false; b.len()];
    let mut n = 0;
    for x in a {
        if let Some(j) = (0..b.len()).find(|&j| !used[j] && same_person(x, &b[j])) {
            used[j] = true;
            n += 1;
        }
    }
    n
}

/// Whether two lists name the same people.
pub fn same_list(a: &[Person], b: &[Person]) -> bool {
    !a.is_empty() && a.len() == b.len() && matched(a, b) == a.len()
}

/// Share of names in common, relative to the longer list (0..1).
pub fn similarity(a: &[Person], b: &[Person]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 0.0;
    }
    matched(a, b) as f64 / longest as f64
}

/// How much of `a` is in `b` (0..1): a partial list is wholly contained in the full one, so it
/// supports it, while the full list only partly supports the partial one.
pub fn containment(a: &[Person], b: &[Person]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    matched(a, b) as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> String {
        key(&parse(s))
    }

    #[test]
    fn the_store_formats_read_alike() {
        let want = "calvert k; donahoo m";
        assert_eq!(k("Calvert, Kenneth L.; Donahoo, Michael J."), want);
        assert_eq!(k("Kenneth L. Calvert, Michael J. Donahoo"), want);
        assert_eq!(
            k("By (author) Calvert, Kenneth L. By (author) Donahoo, Michael J."),
            want
        );
        assert_eq!(k("Kenneth L. Calvert and Michael J. Donahoo"), want);
        assert_eq!(
            k("Donahoo, Michael J. (Author) Calvert, Kenneth L. (Joint Author)"),
            want
        );
        assert_eq!(k("Lientz,Bennet"), "lientz b");
        assert_eq!(k("Nick Rozanski, E&oacute;in Woods"), "rozanski n; woods e");
        assert_eq!(
            k("o'leary, timothy j.;  o'leary, linda i.;  "),
            "oleary l; oleary t"
        );
        assert_eq!(k("Not Available"), "");
        assert_eq!(k("Not Available; Knuth, Donald Ervin"), "knuth d");
        assert_eq!(k("Knuth"), "knuth");
        assert_eq!(
            k("Witt, Graham; Simsion, Graeme; Witt, Graham C."),
            "simsion g; witt g"
        );
        assert_eq!(k("Eberhart, Russell, et al."), "eberhart r");
    }

    #[test]
    fn lists_match_despite_order_initials_and_misspellings() {
        let a = parse("Russell, Stuart J.; Norvig, Peter");
        assert!(same_list(&a, &parse("Peter Norvig, Stuart Russel")));
        assert!(same_list(&a, &parse("Russell; Norvig")));
        assert!(!same_list(&a, &parse("Stuart Russell")));
        assert!(!same_list(
            &a,
            &parse("Russell, Stuart J.; Norvig, Quentin")
        ));
        assert_eq!(similarity(&a, &parse("Stuart Russell")), 0.5);
        assert_eq!(from_key(&key(&a)), {
            let mut v = a.clone();
            v.sort();
            v
        });
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "", "&", "&;", "(", ")))", ",,,", "By", "by by", "and and", "Á, é", "&#x20;", "((((a",
        ] {
            let _ = parse(s);
        }
    }
}
