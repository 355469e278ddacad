//! JSON Lines files, streamed line by line so that a whole file is never in memory: claims,
//! `sources.jsonl` and `entities.jsonl`.

use super::files::{inside_root, outside_finding, rel_name};
use super::findings::FileProblem;
use super::jsonl;
use super::parse::{
    FileOut, HeaderLocs, Pending, SourceRef, entity_def, make_claim, make_source, trimmed,
    with_field_hint,
};
use super::{MAX_CLAIM_FILE_BYTES, MAX_JSONL_FILE_BYTES, SOURCES_JSONL};
use crate::model::{ClaimLocs, EntityDef, Finding, Fingerprint, Loc, Problem, Rule};
use std::path::Path;
use std::sync::Arc;

/// Finds the column of one field's key in JSON lines with a searcher prepared once per file
/// rather than a scan per key and line. A key is the quoted name with both its quotes; the
/// same name quoted inside a value is escaped (`\"subject\"`), so it never matches.
pub(super) struct KeyColumn(memchr::memmem::Finder<'static>);

impl KeyColumn {
    fn new(key: &str) -> Self {
        KeyColumn(memchr::memmem::Finder::new(format!("\"{key}\"").as_bytes()).into_owned())
    }
    /// 1-based character column of the key in `line`, or 1 if it is not there.
    fn column(&self, line: &str) -> u32 {
        column_at(line, self.0.find(line.as_bytes()))
    }
}

/// The keys of a source line that diagnostics point at.
struct SourceKeys {
    id: KeyColumn,
    title: KeyColumn,
    publisher: KeyColumn,
    published: KeyColumn,
    text: KeyColumn,
}

impl SourceKeys {
    fn new() -> Self {
        SourceKeys {
            id: KeyColumn::new("id"),
            title: KeyColumn::new("title"),
            publisher: KeyColumn::new("publisher"),
            published: KeyColumn::new("published"),
            text: KeyColumn::new("text"),
        }
    }
}

/// The keys of a claim line that diagnostics point at.
struct ClaimKeys {
    subject: KeyColumn,
    property: KeyColumn,
    value: KeyColumn,
    quote: KeyColumn,
    as_of: KeyColumn,
}

impl ClaimKeys {
    fn new() -> Self {
        ClaimKeys {
            subject: KeyColumn::new("subject"),
            property: KeyColumn::new("property"),
            value: KeyColumn::new("value"),
            quote: KeyColumn::new("quote"),
            as_of: KeyColumn::new("as_of"),
        }
    }
}

/// 1-based character column of a byte offset in `line`, or 1 without one.
pub(super) fn column_at(line: &str, at: Option<usize>) -> u32 {
    let chars = match at.and_then(|q| line.get(..q)) {
        Some(prefix) if prefix.is_ascii() => prefix.len(),
        Some(prefix) => prefix.chars().count(),
        None => return 1,
    };
    u32::try_from(chars + 1).unwrap_or(1)
}

/// Phase B: a JSON Lines file, read line by line so the whole file is never in memory.
/// `sources.jsonl` holds source headers; any other `.jsonl` file holds claims.
pub(super) fn parse_jsonl_file(root: &Path, path: &Path) -> FileOut {
    let name = rel_name(root, path);
    let is_sources = path.file_name().is_some_and(|n| n == SOURCES_JSONL);
    match std::fs::File::open(path) {
        Ok(f) => parse_jsonl_lines(
            &name,
            is_sources,
            std::io::BufReader::with_capacity(1 << 16, f),
        ),
        Err(e) => FileOut {
            findings: vec![
                FileProblem::Unreadable(&e)
                    .of(&name)
                    .finding(Some(Loc::new(&name, 1, 1))),
            ],
            ..FileOut::default()
        },
    }
}

/// Calls `each` with every non-blank line of a JSON Lines stream and its 1-based number,
/// after the checks every JSON Lines file gets (size limit, UTF-8, a leading BOM).
pub(super) fn each_json_line(
    name: &Arc<str>,
    mut reader: impl std::io::BufRead,
    findings: &mut Vec<Finding>,
    mut each: impl FnMut(&str, u32, &mut Vec<Finding>),
) {
    let mut buf = Vec::with_capacity(1024);
    let mut line_no: u32 = 0;
    let mut total: u64 = 0;
    loop {
        buf.clear();
        // One line is read into memory at most up to the size of a claim file: a longer line
        // is reported and skipped without being held, so a huge line cannot exhaust memory.
        let read = std::io::BufRead::read_until(
            &mut std::io::Read::take(&mut reader, MAX_CLAIM_FILE_BYTES + 1),
            b'\n',
            &mut buf,
        );
        if matches!(read, Ok(n) if n as u64 > MAX_CLAIM_FILE_BYTES && buf.last() != Some(&b'\n')) {
            line_no = line_no.saturating_add(1);
            buf.clear();
            let mut skipped = MAX_CLAIM_FILE_BYTES + 1;
            loop {
                let (done, used) = match reader.fill_buf() {
                    Ok([]) => (true, 0),
                    Ok(chunk) => match memchr::memchr(b'\n', chunk) {
                        Some(i) => (true, i + 1),
                        None => (false, chunk.len()),
                    },
                    Err(_) => (true, 0),
                };
                reader.consume(used);
                skipped += used as u64;
                if done {
                    break;
                }
            }
            total += skipped;
            findings.push(
                FileProblem::LineTooLong {
                    line: line_no,
                    bytes: skipped,
                }
                .of(name)
                .finding(Some(Loc::new(name, line_no, 1))),
            );
            if total > MAX_JSONL_FILE_BYTES {
                break;
            }
            continue;
        }
        match read {
            Ok(0) => break,
            Ok(n) => total += n as u64,
            Err(e) => {
                findings.push(FileProblem::Unreadable(&e).of(name).finding(Some(Loc::new(
                    name,
                    line_no + 1,
                    1,
                ))));
                break;
            }
        }
        line_no = line_no.saturating_add(1);
        if total > MAX_JSONL_FILE_BYTES {
            findings.push(
                FileProblem::StreamTooLarge
                    .of(name)
                    .finding(Some(Loc::new(name, line_no, 1))),
            );
            break;
        }
        let line =
            match std::str::from_utf8(&buf) {
                Ok(l) => l.trim_end_matches(['\n', '\r']),
                Err(e) => {
                    findings.push(FileProblem::LineNotUtf8 { line: line_no }.of(name).finding(
                        Some(Loc::new(
                            name,
                            line_no,
                            u32::try_from(e.valid_up_to() + 1).unwrap_or(1),
                        )),
                    ));
                    continue;
                }
            };
        let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        each(line, line_no, findings);
    }
}

/// Parses JSON Lines from `reader`, line by line (no filesystem access).
pub(super) fn parse_jsonl_lines(
    name: &Arc<str>,
    is_sources: bool,
    reader: impl std::io::BufRead,
) -> FileOut {
    let name = name.clone();
    let mut out = FileOut::default();
    let mut sources = Vec::new();
    let mut claims = Vec::new();
    let mut source_names: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
    let mut names_in_order: Vec<String> = Vec::new();
    let source_keys = SourceKeys::new();
    let claim_keys = ClaimKeys::new();
    each_json_line(
        &name,
        reader,
        &mut out.findings,
        |line, line_no, findings| {
            let at = |key: &KeyColumn| Loc::new(&name, line_no, key.column(line));
            let line_loc = Loc::new(&name, line_no, 1);
            if is_sources {
                match serde_json::from_str::<jsonl::SourceLine>(line) {
                    Ok(h) => {
                        let locs = HeaderLocs {
                            header: line_loc,
                            id: at(&source_keys.id),
                            title: at(&source_keys.title),
                            publisher: at(&source_keys.publisher),
                            published: at(&source_keys.published),
                            text: h.text.is_some().then(|| at(&source_keys.text)),
                        };
                        let src = make_source(h, locs, &name, findings);
                        sources.push(src);
                    }
                    Err(e) => findings.push(json_finding(&name, line_no, &e)),
                }
            } else {
                match serde_json::from_str::<jsonl::ClaimLine>(line) {
                    Ok(r) => {
                        let col = |key: &KeyColumn| (line_no, key.column(line));
                        let locs = ClaimLocs::new(
                            &name,
                            [
                                (line_no, 1),
                                col(&claim_keys.subject),
                                col(&claim_keys.property),
                                col(&claim_keys.value),
                                col(&claim_keys.quote),
                            ],
                        );
                        let as_of = r.as_of.is_some().then(|| at(&claim_keys.as_of));
                        let (source, record) = r.split();
                        let source = trimmed(source);
                        let claim = make_claim(record, locs, as_of, &source, findings);
                        // A file's claims name few sources: each name is kept once.
                        let named = match source_names.get(&source) {
                            Some(&k) => k,
                            None => {
                                let k = u32::try_from(names_in_order.len()).unwrap_or(u32::MAX);
                                names_in_order.push(source.clone());
                                source_names.insert(source, k);
                                k
                            }
                        };
                        claims.push(Pending {
                            source: SourceRef::Named(named),
                            claim,
                        });
                    }
                    Err(e) => findings.push(json_finding(&name, line_no, &e)),
                }
            }
        },
    );
    out.sources = sources;
    out.claims = claims;
    out.source_names = names_in_order;
    out
}

pub(super) fn json_finding(name: &Arc<str>, line: u32, e: &serde_json::Error) -> Finding {
    let rule = if e.is_syntax() || e.is_eof() {
        Rule::YamlSyntax
    } else {
        Rule::Schema
    };
    let msg = e.to_string();
    // serde_json appends " at line 1 column N"; the position is in the location instead.
    let msg = msg
        .rfind(" at line ")
        .map_or(msg.as_str(), |i| &msg[..i])
        .to_string();
    let message = if rule == Rule::YamlSyntax {
        format!("line {line} is not valid JSON: {msg}")
    } else {
        with_field_hint(msg)
    };
    Fingerprint::new(rule)
        .part(name)
        .part(line)
        .finding(
            Some(Loc::new(
                name,
                line,
                u32::try_from(e.column()).unwrap_or(1).max(1),
            )),
            message,
        )
        .with_help(rule.fix())
}

/// `claims/entities.jsonl`, streamed: one entity per line.
pub(super) fn load_entity_lines(
    root: &Path,
    path: &Path,
    findings: &mut Vec<Finding>,
) -> Vec<EntityDef> {
    if std::fs::symlink_metadata(path).is_err() {
        return Vec::new();
    }
    let name = rel_name(root, path);
    if !inside_root(root, path) {
        findings.push(outside_finding(&name));
        return Vec::new();
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            findings.push(
                FileProblem::Unreadable(&e)
                    .of(&name)
                    .finding(Some(Loc::new(&name, 1, 1))),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    each_json_line(
        &name,
        std::io::BufReader::with_capacity(1 << 16, file),
        findings,
        |line, line_no, findings| match serde_json::from_str::<jsonl::EntityLine>(line) {
            Ok(r) => out.push(entity_def(r, Loc::new(&name, line_no, 1))),
            Err(e) => findings.push(json_finding(&name, line_no, &e)),
        },
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlong_json_line_is_reported_and_skipped_unheld() {
        use std::io::Read;
        let long = std::io::repeat(b'x').take(MAX_CLAIM_FILE_BYTES + 10);
        let reader =
            std::io::BufReader::new(b"{\"a\":1}\n".chain(long).chain(&b"\n{\"b\":2}\n"[..]));
        let name: Arc<str> = Arc::from("claims/x.jsonl");
        let mut findings = Vec::new();
        let mut seen = Vec::new();
        each_json_line(&name, reader, &mut findings, |line, n, _| {
            seen.push((n, line.to_string()))
        });
        assert_eq!(
            seen,
            vec![(1, "{\"a\":1}".to_string()), (3, "{\"b\":2}".to_string())]
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, Rule::FileTooLarge);
        assert!(findings[0].message.contains("line 2 of claims/x.jsonl"));
    }

    #[test]
    fn json_columns_count_characters_up_to_the_key() {
        let line = r#"{"id":"c1","value":"é \"subject\"","subject":"x"}"#;
        assert_eq!(KeyColumn::new("id").column(line), 2);
        assert_eq!(KeyColumn::new("value").column(line), 12);
        // The key, not an earlier value that happens to contain its name in quotes.
        let key_at = line.rfind("\"subject\"").unwrap();
        assert_eq!(
            KeyColumn::new("subject").column(line),
            line[..key_at].chars().count() as u32 + 1
        );
        assert_eq!(KeyColumn::new("quote").column(line), 1);
    }
}
