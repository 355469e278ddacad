//! The library's layers, enforced: every `crate::` path in a module's non-test code must point
//! at a module that module may use. Data flows one way (files -> claims -> normalized
//! assertions -> groups -> verdicts -> reports); `model` holds the shared types and imports
//! nothing, so a stage that needs a type from another stage moves that type down into
//! `model` instead of importing sideways or upwards.

use std::collections::BTreeSet;
use std::path::Path;

/// Module -> the modules its non-test code may name. A new module must be added here, with
/// its place in the flow.
const ALLOWED: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("text", &[]),
    ("write", &[]),
    ("normalize", &["model", "text"]),
    ("load", &["model", "text", "normalize", "write"]),
    ("compare", &["model", "text", "normalize"]),
    ("resolve", &["model", "text", "normalize", "compare"]),
    (
        "report",
        &["model", "text", "normalize", "compare", "resolve"],
    ),
    (
        "pipeline",
        &["model", "load", "normalize", "compare", "resolve", "report"],
    ),
    ("acknowledge", &["model", "text", "load", "write"]),
    ("import", &["model", "text", "normalize", "write"]),
    ("init", &["model", "load", "write"]),
    // Presentation and policy settings: which rules, how serious.
    ("config", &["model"]),
    // Fixes edit the files the pipeline read, at the places it recorded.
    (
        "fix",
        &[
            "model",
            "text",
            "config",
            "load",
            "normalize",
            "pipeline",
            "write",
        ],
    ),
    ("watch", &[]),
    // The binary (`main.rs` and `cli/`): it reaches the library as `corroborate::`, so the
    // only `crate::` paths it may hold are its own.
    ("cli", &[]),
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The crate modules a file's code names through `crate::`, test modules excluded (they sit
/// at the end of each file, after `#[cfg(test)]`). Grouped imports (`crate::{a, b}`) count
/// each name.
fn edges(code: &str) -> BTreeSet<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for item in inner.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let first = rel.iter().next().unwrap().to_string_lossy().into_owned();
        let module = match first.trim_end_matches(".rs") {
            "lib" => continue, // the crate root sits above every layer
            "main" => "cli".to_string(),
            m => m.to_string(),
        };
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else {
            wrong.push(format!(
                "{}: module `{module}` has no place in the layer table of tests/layers.rs",
                rel.display()
            ));
            continue;
        };
        let code = std::fs::read_to_string(&file).unwrap();
        for to in edges(&code) {
            if to != module && !allowed.contains(&to.as_str()) {
                wrong.push(format!(
                    "{}: `{module}` uses `crate::{to}`, which is not below it",
                    rel.display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn the_edge_reader_sees_grouped_and_qualified_paths_but_not_tests() {
    let code = "use crate::model::Loc;\nuse crate::{text, write::atomic};\nfn f() { crate::load::x(); }\n#[cfg(test)]\nmod tests { use crate::report; }\n";
    let got: Vec<String> = edges(code).into_iter().collect();
    assert_eq!(got, ["load", "model", "text", "write"]);
}
