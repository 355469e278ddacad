//! Writes a synthetic dossier for benchmarks and stress tests, deterministically from a seed:
//!
//! cargo run --release --example gen-dossier -- --sources N --claims-per-source M \
//!     --output DIR [--format yaml|jsonl] [--seed S] [--entities E] [--big-group K]
//! cargo run --release --example gen-dossier -- --shape SHAPE --sources N --output DIR
//!
//! The shapes are the inputs that once took polynomial time, each of size N: `chain` (N
//! sources, each relaying the one before, all stating one fact), `star` (one wire story and
//! N - 1 outlets relaying it), `nested` (N text values of one fact, `t0`, `t0 t1`, ...; the
//! input grows as N²), `lattice` (a `part_of` hierarchy N levels deep, two entities a level,
//! each part of both above) and `cyrillic` (a table of N source names without ASCII letters,
//! written as `table.csv` for `corroborate import`).
//!
//! It has shared vocabularies with aliases, seed texts that contain every quote, values in the
//! styles the normalizer reads, and facts that agree, overlap, conflict, are revised, are
//! relayed or are stated by a single source, plus one very large group (one fact stated by K
//! claims).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

struct Args {
    sources: usize,
    per_source: usize,
    output: PathBuf,
    jsonl: bool,
    seed: u64,
    entities: usize,
    big_group: usize,
    shape: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        sources: 100,
        per_source: 100,
        output: PathBuf::from("dossier"),
        jsonl: false,
        seed: 1,
        entities: 0,
        big_group: 0,
        shape: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--sources" => a.sources = val()?.parse().map_err(|e| format!("--sources: {e}"))?,
            "--claims-per-source" => a.per_source = val()?.parse().map_err(|e| format!("--claims-per-source: {e}"))?,
            "--output" => a.output = PathBuf::from(val()?),
            "--format" => a.jsonl = match val()?.as_str() { "jsonl" => true, "yaml" => false, f => return Err(format!("--format {f}: yaml or jsonl")) },
            "--seed" => a.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--entities" => a.entities = val()?.parse().map_err(|e| format!("--entities: {e}"))?,
            "--big-group" => a.big_group = val()?.parse().map_err(|e| format!("--big-group: {e}"))?,
            "--shape" => a.shape = Some(val()?),
            "-h" | "--help" => return Err("usage: gen-dossier --sources N --claims-per-source M --output DIR [--format yaml|jsonl] [--seed S] [--entities E] [--big-group K]".into()),
            f => return Err(format!("unknown flag {f}")),
        }
    }
    if a.sources == 0 {
        return Err("--sources must be at least 1".into());
    }
    Ok(a)
}

/// Properties: (id, name, kind, unit, temporal).
const PROPS: [(&str, &str, &str, &str, &str); 6] = [
    (
        "death-toll",
        "death toll",
        "quantity",
        "people",
        "cumulative",
    ),
    ("budget", "budget", "money", "", "fixed"),
    ("length", "length", "quantity", "km", "fixed"),
    ("start-date", "start date", "date", "", "fixed"),
    ("duration", "duration", "duration", "", "fixed"),
    ("members", "members", "quantity", "people", "varying"),
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn with_commas(n: u64) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The stated value of a fact whose true value is `x`, in one of several styles; `off`
/// shifts it far enough to conflict.
fn state(rng: &mut fastrand::Rng, prop: usize, x: u64, off: bool) -> String {
    let x = if off { x * 3 + 7 } else { x };
    match PROPS[prop].2 {
        "money" => match rng.usize(0..3) {
            0 => format!("£{} million", x),
            1 => format!("£{}m", x),
            _ => format!("about £{} million", x),
        },
        "date" => {
            let (y, m, d) = (2000 + (x % 24) as i32, (x % 12) as usize, 1 + (x % 28));
            match rng.usize(0..3) {
                0 => format!("{d} {} {y}", MONTHS[m]),
                1 => format!("{} {y}", MONTHS[m]),
                _ => format!("{} {d}, {y}", &MONTHS[m][..3]),
            }
        }
        "duration" => match rng.usize(0..3) {
            0 => format!("{} months", x % 48 + 1),
            1 => format!("nearly {} months", x % 48 + 2),
            _ => format!("more than {} days", (x % 48) * 30),
        },
        _ => {
            let unit = if PROPS[prop].3 == "km" { " km" } else { "" };
            match rng.usize(0..6) {
                0 => format!("{}{unit}", with_commas(x)),
                1 => format!("about {}{unit}", with_commas(x)),
                2 => format!("over {}{unit}", with_commas(x.saturating_sub(x / 10 + 1))),
                3 => format!(
                    "between {} and {}{unit}",
                    with_commas(x - x / 20),
                    with_commas(x + x / 20)
                ),
                4 => format!("at least {}{unit}", with_commas(x.saturating_sub(x / 50))),
                _ => format!("roughly {}{unit}", with_commas(x)),
            }
        }
    }
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    f.write_all(text.as_bytes())?;
    f.flush()
}

fn main() {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let result = match &a.shape {
        Some(shape) => generate_shape(&a, shape),
        None => generate(&a),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// One of the shapes that once blew up (see the top of this file), as a JSON Lines dossier.
fn generate_shape(a: &Args, shape: &str) -> std::io::Result<()> {
    let n = a.sources;
    let claims_dir = a.output.join("claims");
    std::fs::create_dir_all(&claims_dir)?;
    let source = |id: &str, up: &[String]| {
        format!(
            "{{\"id\":\"{id}\",\"title\":\"{id}\",\"publisher\":\"p\",\"published\":\"2024\",\"derived_from\":{}}}\n",
            serde_json_list(up)
        )
    };
    let claim = |src: &str, property: &str, value: &str| {
        format!(
            "{{\"source\":\"{src}\",\"id\":\"c\",\"subject\":\"x\",\"property\":\"{property}\",\"value\":\"{value}\"}}\n"
        )
    };
    let mut entities = String::from("entities:\n  - id: x\n");
    let (mut sources, mut claims) = (String::new(), String::new());
    match shape {
        "chain" => {
            for i in 0..n {
                let up = if i == 0 {
                    vec![]
                } else {
                    vec![format!("s{}", i - 1)]
                };
                sources.push_str(&source(&format!("s{i}"), &up));
                claims.push_str(&claim(&format!("s{i}"), "toll", "95"));
            }
        }
        "star" => {
            sources.push_str(&source("wire", &[]));
            claims.push_str(&claim("wire", "toll", "95"));
            for i in 1..n {
                sources.push_str(&source(&format!("s{i}"), &["wire".to_string()]));
                claims.push_str(&claim(&format!("s{i}"), "toll", "95"));
            }
        }
        "nested" => {
            let mut words = String::new();
            for i in 0..n {
                if i > 0 {
                    words.push(' ');
                }
                let _ = write!(words, "t{i}");
                sources.push_str(&source(&format!("s{i}"), &[]));
                claims.push_str(&claim(&format!("s{i}"), "what", &words));
            }
        }
        "lattice" => {
            for level in 0..n {
                for side in ["a", "b"] {
                    let _ = writeln!(entities, "  - id: {side}{level}");
                    if level + 1 < n {
                        let _ = writeln!(entities, "    part_of: [a{}, b{}]", level + 1, level + 1);
                    }
                }
            }
            sources.push_str(&source("s1", &[]));
            sources.push_str(&source("s2", &[]));
            claims.push_str(&claim("s1", "who", "a0"));
            claims.push_str(&claim("s2", "who", &format!("b{}", n.saturating_sub(1))));
        }
        "cyrillic" => {
            let mut table = String::from("object,property,value,source\n");
            for i in 0..n {
                let name: String = i
                    .to_string()
                    .chars()
                    .filter_map(|c| c.to_digit(10).and_then(|d| char::from_u32(0x430 + d)))
                    .collect();
                let _ = writeln!(table, "x,p,{i},Источник {name}");
            }
            return write(&a.output.join("table.csv"), &table);
        }
        other => {
            return Err(std::io::Error::other(format!(
                "unknown shape {other}: chain, star, nested, lattice or cyrillic"
            )));
        }
    }
    write(
        &claims_dir.join("properties.yaml"),
        "quotes_optional: true\nproperties:\n  - id: toll\n    kind: quantity\n    single_valued: true\n  - id: what\n    kind: text\n    single_valued: true\n  - id: who\n    kind: entity\n    single_valued: true\n",
    )?;
    write(&claims_dir.join("entities.yaml"), &entities)?;
    write(&claims_dir.join("sources.jsonl"), &sources)?;
    write(&claims_dir.join("claims.jsonl"), &claims)
}

fn serde_json_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(","))
}

fn generate(a: &Args) -> std::io::Result<()> {
    let mut rng = fastrand::Rng::with_seed(a.seed);
    let total = a.sources * a.per_source;
    // Facts: subjects × properties. Shared facts are stated by several sources.
    let subjects = (total / 8).max(10);
    let n_entities = a.entities.max(subjects);
    // A machine-made vocabulary is written as JSON Lines with the machine-made claims.
    if a.jsonl {
        let mut ent = String::new();
        for e in 0..n_entities {
            let _ = writeln!(
                ent,
                "{{\"id\":\"e{e}\",\"name\":\"Subject number {e}\",\"aliases\":[\"S-{e}\",\"subject {e} group\"]}}"
            );
        }
        write(&a.output.join("claims/entities.jsonl"), &ent)?;
    } else {
        let mut ent = String::from("entities:\n");
        for e in 0..n_entities {
            let _ = writeln!(
                ent,
                "  - id: e{e}\n    name: Subject number {e}\n    aliases: [S-{e}, subject {e} group]"
            );
        }
        write(&a.output.join("claims/entities.yaml"), &ent)?;
    }
    let mut props = String::from("properties:\n");
    for (id, name, kind, unit, temporal) in PROPS {
        let _ = writeln!(
            props,
            "  - id: {id}\n    name: {name}\n    aliases: [the {name}]\n    kind: {kind}\n    single_valued: true\n    temporal: {temporal}"
        );
        if !unit.is_empty() {
            let _ = writeln!(props, "    unit: {unit}");
        }
    }
    write(&a.output.join("claims/properties.yaml"), &props)?;

    let truth: Vec<u64> = (0..subjects * PROPS.len())
        .map(|_| rng.u64(100..100_000))
        .collect();
    let mut sources_jsonl = String::new();
    let mut claims_out: Vec<String> = Vec::new();
    let mut big_left = a.big_group;
    let mut prev_seed = String::new();
    for s in 0..a.sources {
        let id = format!("src{s}");
        // One source in ten relays the previous one: it copies its text and says so.
        let relay = s > 0 && s % 10 == 0;
        let mut seed = String::new();
        if relay {
            let mut cut = prev_seed.len().min(2000);
            while !prev_seed.is_char_boundary(cut) {
                cut -= 1;
            }
            seed.push_str(&prev_seed[..cut]);
            seed.push('\n');
        }
        let mut claims = String::new();
        for c in 0..a.per_source {
            // The big group: every source's first claim, and enough more to reach --big-group.
            let big_share = a.big_group / a.sources.max(1) + 1;
            let (subj, prop, off, single) =
                if big_left > 0 && (c == 0 || rng.usize(0..a.per_source.max(1)) < big_share) {
                    big_left -= 1;
                    (0, 0, false, false)
                } else {
                    let roll = rng.usize(0..100);
                    let prop = rng.usize(0..PROPS.len());
                    if roll < 15 {
                        // Single-source fact: a subject of its own range.
                        (
                            subjects / 2 + (s * a.per_source + c) % (subjects / 2).max(1),
                            prop,
                            false,
                            true,
                        )
                    } else {
                        (rng.usize(1..(subjects / 2).max(2)), prop, roll < 22, false)
                    }
                };
            let fact = subj * PROPS.len() + prop;
            let value = state(&mut rng, prop, truth[fact % truth.len()], off);
            let alias = match rng.usize(0..3) {
                0 => format!("Subject number {subj}"),
                1 => format!("S-{subj}"),
                _ => format!("subject {subj} group"),
            };
            let pname = if rng.bool() {
                PROPS[prop].1.to_string()
            } else {
                format!("the {}", PROPS[prop].1)
            };
            let quote = format!(
                "Reporters for {id} found that the {} of {alias} was {value} in claim {c}.",
                PROPS[prop].1
            );
            let _ = writeln!(
                seed,
                "{quote} Officials did not comment further on the matter at the time."
            );
            let revised = !single && PROPS[prop].4 != "fixed" && rng.usize(0..20) == 0;
            let as_of = if revised {
                format!("20{:02}-0{}", 10 + s % 14, 1 + c % 9)
            } else {
                String::new()
            };
            if a.jsonl {
                let mut obj = serde_json::json!({"source": id, "id": format!("c{c}"), "subject": alias, "property": pname, "value": value, "quote": quote});
                if revised {
                    obj["as_of"] = serde_json::json!(as_of);
                }
                claims.push_str(&obj.to_string());
                claims.push('\n');
            } else {
                let _ = write!(
                    claims,
                    "  - id: c{c}\n    subject: {}\n    property: {}\n    value: {}\n    quote: {}\n",
                    yaml_str(&alias),
                    yaml_str(&pname),
                    yaml_str(&value),
                    yaml_str(&quote)
                );
                if revised {
                    let _ = writeln!(claims, "    as_of: {as_of}");
                }
            }
        }
        let seed_path = format!("seeds/{id}.txt");
        write(&a.output.join(&seed_path), &seed)?;
        let derived = if relay {
            format!("src{}", s - 1)
        } else {
            String::new()
        };
        if a.jsonl {
            let mut obj = serde_json::json!({"id": id, "title": format!("Report {s}"), "publisher": format!("Outlet {}", s % 50), "published": format!("20{:02}-{:02}-{:02}", 10 + s % 14, 1 + s % 12, 1 + s % 28), "text": seed_path});
            if relay {
                obj["derived_from"] = serde_json::json!([derived]);
            }
            sources_jsonl.push_str(&obj.to_string());
            sources_jsonl.push('\n');
            claims_out.push(claims);
        } else {
            let derived_line = if relay {
                format!("  derived_from: [{derived}]\n")
            } else {
                String::new()
            };
            let text = format!(
                "source:\n  id: {id}\n  title: Report {s}\n  publisher: Outlet {}\n  published: 20{:02}-{:02}-{:02}\n  text: {seed_path}\n{derived_line}claims:\n{claims}",
                s % 50,
                10 + s % 14,
                1 + s % 12,
                1 + s % 28
            );
            write(&a.output.join(format!("claims/{id}.yaml")), &text)?;
        }
        prev_seed = seed;
    }
    if a.jsonl {
        write(&a.output.join("claims/sources.jsonl"), &sources_jsonl)?;
        // Claims in files of about 10,000 lines, so loading can spread over cores.
        let per_file = (10_000 / a.per_source.max(1)).max(1);
        for (i, chunk) in claims_out.chunks(per_file).enumerate() {
            write(
                &a.output.join(format!("claims/claims-{i:05}.jsonl")),
                &chunk.concat(),
            )?;
        }
    }
    eprintln!(
        "wrote {} sources, {} claims to {}",
        a.sources,
        total,
        a.output.display()
    );
    Ok(())
}
