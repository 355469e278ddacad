//! Truth-discovery data sets with known truth, generated deterministically: sources of varied
//! accuracy and coverage, copiers (who copy a few originals, errors and all, and sometimes
//! mistype what they copy), and three kinds of values:
//!
//! - `numeric`: populations (exact figures, 500 to 5 million) with typos, stale figures that
//!   several sources share, and rounded figures;
//! - `times`: flight departures and arrivals as clock times written in many formats (including
//!   date-and-time stamps), with the scheduled time reported instead of the actual one, small
//!   offsets, gross errors, and times near midnight;
//! - `hier`: birthplaces in a country > state > city hierarchy, stated at each source's own
//!   granularity, with sibling cities and other states as errors.
//!
//! Each writes a claims table (TSV: object, property, value, source) for `corroborate import`,
//! a truth table (object, property, truth) and, for `hier`, the hierarchy table
//! (id, name, parent). Used by `tests/truthgen.rs` (small sizes) and
//! `examples/truth-eval.rs` (the sizes of the README's table).

#![allow(dead_code)]

use corroborate::import::{ImportOptions, import};
use corroborate::model::ValueKind;
use corroborate::resolve::{Method, clock_distance, resolve};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// splitmix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn f(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f()
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.f() < p
    }
}

/// One generated data set.
pub struct DataSet {
    pub name: &'static str,
    /// object \t property \t value \t source, with a header row.
    pub claims: String,
    /// object \t property \t truth.
    pub truth: String,
    /// id \t name \t parent (hier only).
    pub hierarchy: Option<String>,
    /// The kind to import the values as.
    pub kind: &'static str,
}

/// A population of sources: accuracy, coverage, and for copiers the source they copy.
struct Source {
    accuracy: f64,
    coverage: f64,
    copies: Option<usize>,
}

/// `n` sources: a few good ones, many mediocre, some bad, and `copiers` sources copying two
/// bad or mediocre originals (so a copied error can outnumber the truth).
fn sources(rng: &mut Rng, n: usize, copiers: usize) -> Vec<Source> {
    let mut out = Vec::new();
    let originals = n - copiers;
    for i in 0..originals {
        let accuracy = match i % 10 {
            0 | 1 => rng.range(0.75, 0.92),
            2..=6 => rng.range(0.4, 0.65),
            _ => rng.range(0.15, 0.35),
        };
        // Coverage is long-tailed: a few sources state most facts, most state few.
        let coverage = if i % 4 == 0 {
            rng.range(0.6, 0.95)
        } else {
            rng.range(0.05, 0.4)
        };
        out.push(Source {
            accuracy,
            coverage,
            copies: None,
        });
    }
    // The copied originals: the two least accurate of the well-covering sources.
    let mut wide: Vec<usize> = (0..originals).filter(|&i| i % 4 == 0).collect();
    wide.sort_by(|&a, &b| out[a].accuracy.total_cmp(&out[b].accuracy));
    for c in 0..copiers {
        let original = wide[c % 2.min(wide.len())];
        out.push(Source {
            accuracy: out[original].accuracy,
            coverage: out[original].coverage * rng.range(0.6, 0.9),
            copies: Some(original),
        });
    }
    out
}

/// Fills in what each source states about one fact: `state(rng, source)` draws an independent
/// value; copiers repeat their original's value (and mistype it with probability 0.1 via
/// `garble`) or, when the original is silent, state their own.
fn statements(
    rng: &mut Rng,
    srcs: &[Source],
    state: &mut dyn FnMut(&mut Rng, usize, &Source) -> String,
    garble: &mut dyn FnMut(&mut Rng, &str) -> String,
) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = vec![None; srcs.len()];
    for (i, s) in srcs.iter().enumerate() {
        if s.copies.is_none() && rng.chance(s.coverage) {
            out[i] = Some(state(rng, i, s));
        }
    }
    for (i, s) in srcs.iter().enumerate() {
        if let Some(o) = s.copies
            && rng.chance(s.coverage)
        {
            out[i] = Some(match &out[o] {
                Some(v) if rng.chance(0.9) => {
                    if rng.chance(0.1) {
                        garble(rng, v)
                    } else {
                        v.clone()
                    }
                }
                _ => state(rng, i, s),
            });
        }
    }
    out
}

fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A typo in a figure: two neighbouring digits swapped, one digit changed, dropped or doubled.
fn typo(rng: &mut Rng, n: u64) -> u64 {
    let mut d: Vec<u8> = n.to_string().into_bytes();
    let i = rng.below(d.len());
    match rng.below(4) {
        0 if d.len() > 1 => {
            let j = if i + 1 < d.len() { i + 1 } else { i - 1 };
            d.swap(i, j);
        }
        1 => d[i] = b'0' + ((d[i] - b'0' + 1 + rng.below(8) as u8) % 10),
        2 if d.len() > 2 => {
            d.remove(i);
        }
        _ => d.insert(i, d[i]),
    }
    let s = String::from_utf8(d).unwrap_or_default();
    let v = s.trim_start_matches('0').parse().unwrap_or(n + 1);
    if v == n { n + 1 } else { v }
}

fn round_sig(n: u64, digits: u32) -> u64 {
    let len = n.to_string().len() as u32;
    if len <= digits {
        return n;
    }
    let p = 10u64.pow(len - digits);
    (n + p / 2) / p * p
}

pub fn numeric(objects: usize, n_sources: usize, seed: u64) -> DataSet {
    let mut rng = Rng::new(seed);
    let srcs = sources(&mut rng, n_sources, n_sources / 4);
    let mut claims = String::from("object\tproperty\tvalue\tsource\n");
    let mut truth = String::new();
    for o in 0..objects {
        let name = format!("town {o:05}");
        let t = (500.0 * (10_000.0f64).powf(rng.f())) as u64;
        // Two stale figures per town, shared by whoever is out of date.
        let stale = [
            (t as f64 * rng.range(0.85, 0.97)) as u64,
            (t as f64 * rng.range(0.9, 0.99)) as u64,
        ];
        let _ = writeln!(truth, "{name}\tpopulation\t{t}");
        let mut state = |rng: &mut Rng, _i: usize, s: &Source| -> String {
            let v = if rng.chance(s.accuracy) {
                t
            } else {
                match rng.below(10) {
                    0..=3 => stale[rng.below(2)],
                    4..=6 => typo(rng, t),
                    // Rounded: a figure near the truth, stated as if exact.
                    7 | 8 => round_sig(t, 2 + rng.below(2) as u32),
                    _ => (t as f64 * rng.range(0.3, 3.0)) as u64,
                }
            };
            if rng.chance(0.5) {
                group_digits(v)
            } else {
                v.to_string()
            }
        };
        let mut garble = |rng: &mut Rng, v: &str| -> String {
            let n: u64 = v.replace(',', "").parse().unwrap_or(1);
            group_digits(typo(rng, n))
        };
        for (i, v) in statements(&mut rng, &srcs, &mut state, &mut garble)
            .into_iter()
            .enumerate()
        {
            if let Some(v) = v {
                let _ = writeln!(claims, "{name}\tpopulation\t{v}\tsource-{i:02}");
            }
        }
    }
    DataSet {
        name: "numeric",
        claims,
        truth,
        hierarchy: None,
        kind: "quantity",
    }
}

/// A time of day (minutes after midnight) in one of the formats flight sites use.
fn format_time(m: u32, style: usize, day: u32) -> String {
    let (h, mi) = (m / 60 % 24, m % 60);
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    let ap = if h < 12 { "a" } else { "p" };
    let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][(day % 7) as usize];
    match style {
        0 => format!("{h12}:{mi:02} {}M", ap.to_uppercase()),
        1 => format!("{h:02}:{mi:02}"),
        2 => format!("{h12}:{mi:02}{ap}m"),
        3 => format!("12/{day} {h12}:{mi:02} {ap}.m."),
        4 => format!("{weekday} {h}:{mi:02}"),
        5 => format!("Dec {day:02} {h12}:{mi:02} {ap}.m."),
        6 => format!("{h12}:{mi:02}{ap}Dec {day}"),
        _ => format!("2011-12-{day:02}T{h:02}:{mi:02}"),
    }
}

pub fn times(flights: usize, n_sources: usize, seed: u64) -> DataSet {
    let mut rng = Rng::new(seed);
    let srcs = sources(&mut rng, n_sources, n_sources / 4);
    let styles: Vec<usize> = (0..n_sources).map(|_| rng.below(8)).collect();
    let mut claims = String::from("object\tproperty\tvalue\tsource\n");
    let mut truth = String::new();
    for f in 0..flights {
        let name = format!("AA-{:04}-{}", 100 + f, f % 28 + 1);
        let day = (f % 28 + 1) as u32;
        // One flight in eight leaves close to midnight.
        let dep = if rng.chance(0.125) {
            (1440.0 + rng.range(-45.0, 45.0)) as u32 % 1440
        } else {
            rng.below(1440) as u32
        };
        let arr = (dep + 60 + rng.below(300) as u32) % 1440;
        for (prop, t) in [("departure", dep), ("arrival", arr)] {
            let delay = 5 + rng.below(60) as u32;
            let scheduled = (t + 1440 - delay) % 1440;
            let _ = writeln!(truth, "{name}\t{prop}\t{t}");
            let mut state = |rng: &mut Rng, _i: usize, s: &Source| -> String {
                let m = if rng.chance(s.accuracy) {
                    t
                } else {
                    match rng.below(10) {
                        0..=4 => scheduled,
                        5..=7 => (t + 1440 + rng.below(7) as u32 - 3) % 1440,
                        _ => rng.below(1440) as u32,
                    }
                };
                m.to_string()
            };
            let mut garble = |rng: &mut Rng, v: &str| -> String {
                let m: u32 = v.parse().unwrap_or(0);
                ((m + 1440 + rng.below(5) as u32 - 2) % 1440).to_string()
            };
            for (i, v) in statements(&mut rng, &srcs, &mut state, &mut garble)
                .into_iter()
                .enumerate()
            {
                if let Some(v) = v {
                    let m: u32 = v.parse().unwrap_or(0);
                    let text = format_time(m, styles[i], day);
                    let _ = writeln!(claims, "{name}\t{prop}\t{text}\tsource-{i:02}");
                }
            }
        }
    }
    DataSet {
        name: "times",
        claims,
        truth,
        hierarchy: None,
        kind: "time",
    }
}

const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mer", "ta", "vi", "sen", "dor", "ab", "el", "ru", "no", "qui", "zan", "fe", "gor",
    "ith",
];

fn place_name(rng: &mut Rng, taken: &mut std::collections::HashSet<String>) -> String {
    loop {
        let n = 2 + rng.below(2);
        let mut s: String = (0..n).map(|_| SYLLABLES[rng.below(16)]).collect();
        if let Some(c) = s.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        if taken.insert(s.clone()) {
            return s;
        }
    }
}

pub fn hier(people: usize, n_sources: usize, seed: u64) -> DataSet {
    let mut rng = Rng::new(seed);
    let srcs = sources(&mut rng, n_sources, n_sources / 4);
    let mut taken = std::collections::HashSet::new();
    let mut hierarchy = String::from("id\tname\tparent\n");
    // (country, state, city) names; cities listed by state.
    let mut countries = Vec::new();
    let mut states: Vec<(usize, String)> = Vec::new();
    let mut cities: Vec<(usize, String)> = Vec::new();
    for c in 0..6 {
        let cn = place_name(&mut rng, &mut taken);
        let _ = writeln!(hierarchy, "C{c}\t{cn}\t");
        countries.push(cn);
        for s in 0..5 {
            let sn = place_name(&mut rng, &mut taken);
            let si = states.len();
            let _ = writeln!(hierarchy, "C{c}S{s}\t{sn}\tC{c}");
            states.push((c, sn));
            for k in 0..8 {
                let kn = place_name(&mut rng, &mut taken);
                let _ = writeln!(hierarchy, "C{c}S{s}K{k}\t{kn}\tC{c}S{s}");
                cities.push((si, kn));
            }
        }
    }
    // Each source's granularity: mostly cities, or mostly states, or mostly countries.
    let grain: Vec<[f64; 2]> = (0..n_sources)
        .map(|i| match i % 3 {
            0 => [0.85, 0.1],
            1 => [0.3, 0.5],
            _ => [0.1, 0.3],
        })
        .collect();
    let mut claims = String::from("object\tproperty\tvalue\tsource\n");
    let mut truth = String::new();
    for p in 0..people {
        let name = format!("person {p:05}");
        let city = rng.below(cities.len());
        let (state, _) = cities[city];
        let (country, _) = states[state];
        let _ = writeln!(truth, "{name}\tbirthplace\t{}", cities[city].1);
        let mut state_fn = |rng: &mut Rng, i: usize, s: &Source| -> String {
            let g = grain[i];
            if rng.chance(s.accuracy) {
                let r = rng.f();
                if r < g[0] {
                    cities[city].1.clone()
                } else if r < g[0] + g[1] {
                    states[state].1.clone()
                } else {
                    countries[country].clone()
                }
            } else {
                match rng.below(10) {
                    // A sibling city of the same state: the classic confusion.
                    0..=4 => {
                        let base = state * 8;
                        let mut k = base + rng.below(8);
                        if k == city {
                            k = base + (k - base + 1) % 8;
                        }
                        cities[k].1.clone()
                    }
                    // A city of a neighbouring state of the same country.
                    5..=7 => {
                        let other = (state / 5) * 5 + (state % 5 + 1 + rng.below(4)) % 5;
                        cities[other * 8 + rng.below(8)].1.clone()
                    }
                    // The wrong state or country altogether.
                    8 => states[(state + 1 + rng.below(states.len() - 1)) % states.len()]
                        .1
                        .clone(),
                    _ => countries[(country + 1 + rng.below(5)) % 6].clone(),
                }
            }
        };
        let mut garble = |rng: &mut Rng, _v: &str| -> String {
            let base = state * 8;
            cities[base + rng.below(8)].1.clone()
        };
        for (i, v) in statements(&mut rng, &srcs, &mut state_fn, &mut garble)
            .into_iter()
            .enumerate()
        {
            if let Some(v) = v {
                let _ = writeln!(claims, "{name}\tbirthplace\t{v}\tsource-{i:02}");
            }
        }
    }
    DataSet {
        name: "hier",
        claims,
        truth,
        hierarchy: Some(hierarchy),
        kind: "entity",
    }
}

/// One method's result on one data set.
pub struct Score {
    pub method: Method,
    pub claims: usize,
    /// Share of facts whose chosen value is exactly the truth.
    pub accuracy: f64,
    /// For times: share within 10 minutes (around the clock).
    pub within_10: f64,
    pub seconds: f64,
    pub iterations: usize,
    pub converged: bool,
}

/// Writes the data set's tables into `dir`, imports them there with `corroborate import`, and
/// scores every method against the truth.
pub fn evaluate(set: &DataSet, dir: &Path) -> Result<Vec<Score>, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let table = dir.join("claims.tsv");
    std::fs::write(&table, &set.claims).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("truth.tsv"), &set.truth).map_err(|e| e.to_string())?;
    let hierarchy = match &set.hierarchy {
        Some(h) => {
            let p = dir.join("hierarchy.tsv");
            std::fs::write(&p, h).map_err(|e| e.to_string())?;
            Some(p)
        }
        None => None,
    };
    let opts = ImportOptions {
        columns: None,
        header: true,
        value_columns: Vec::new(),
        hierarchy,
        delimiter: Some(b'\t'),
        property: "value".into(),
        kind: match set.kind {
            "time" => Some(ValueKind::Time),
            "quantity" => Some(ValueKind::Quantity),
            // Entities: guessed from the hierarchy, as a user's import would.
            _ => None,
        },
        overwrite: true,
    };
    import(&table, dir, &opts).map_err(|e| e.to_string())?;
    let truth: HashMap<(String, String), String> = set
        .truth
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((
                (f.next()?.to_string(), f.next()?.to_string()),
                f.next()?.to_string(),
            ))
        })
        .collect();
    let a = corroborate::pipeline::analyze(dir).map_err(|e| format!("{e:?}"))?;
    let d = &a.loaded.dossier;
    let mut out = Vec::new();
    for m in Method::ALL {
        let start = Instant::now();
        let o = resolve(d, &a.assertions, &a.comparison, m);
        let seconds = start.elapsed().as_secs_f64();
        let (mut right, mut close, mut total) = (0, 0, 0);
        for r in &o.resolutions {
            let g = &a.comparison.groups[r.group as usize];
            let key = (
                d.entities[g.subject as usize].name.clone(),
                d.properties[g.property as usize].name.clone(),
            );
            let Some(want) = truth.get(&key) else {
                continue;
            };
            total += 1;
            let got = &a.assertions[r.claim as usize];
            if set.kind == "entity" {
                if got.entity.map(|e| d.entities[e as usize].name.as_str()) == Some(want.as_str()) {
                    right += 1;
                }
            } else {
                let w: f64 = want.parse().unwrap_or(f64::NAN);
                let c = got.interval.and_then(|i| i.center()).unwrap_or(f64::NAN);
                if c == w {
                    right += 1;
                }
                if set.kind == "time" && clock_distance(c, w) <= 10.0 {
                    close += 1;
                }
            }
        }
        out.push(Score {
            method: m,
            claims: d.claims.len(),
            accuracy: right as f64 / total.max(1) as f64,
            within_10: close as f64 / total.max(1) as f64,
            seconds,
            iterations: o.iterations,
            converged: o.converged,
        });
    }
    Ok(out)
}
