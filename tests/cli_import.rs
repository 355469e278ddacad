//! `corroborate import` on the tables people have, and `resolve` on what it imports: header
//! names of common exports, `--columns` with a header row, wide tables, kind guessing over all
//! values, hierarchy tables, and the resolve JSON's original names, convergence and ties.

mod common;
use common::*;
use std::path::Path;

fn import(dir: &Path, table: &str, name: &str, args: &[&str]) -> (i32, String, String) {
    write(dir, name, table);
    let t = dir.join(name);
    let out = dir.join("out");
    let mut all = vec![
        "import",
        t.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--force",
    ];
    all.extend_from_slice(args);
    run(&all)
}

fn resolve_json(dir: &Path, method: &str) -> serde_json::Value {
    let out = dir.join("out");
    let (code, json, err) = run(&[
        "resolve",
        out.to_str().unwrap(),
        "--method",
        method,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&json).unwrap()
}

fn properties(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("out/claims/properties.yaml")).unwrap()
}

#[test]
fn export_header_names_are_recognised_and_unknown_ones_named() {
    let dir = tempfile::tempdir().unwrap();
    let table = "ObjectID,PropertyID,PropertyValue,SourceID\nq1,height,120,s1\nq1,height,120,s2\nq1,height,125,s3\n";
    let (code, _, err) = import(dir.path(), table, "t.csv", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("imported 3 claims"), "{err}");
    let table = "obj,src,val,timestamp\nq1,s1,120,2020-01-01\n";
    let (code, _, err) = import(dir.path(), table, "t2.csv", &[]);
    assert_eq!(code, 0, "{err}");
    let table = "object,source,value,confidence\nq1,s1,120,0.5\n";
    let (code, _, err) = import(dir.path(), table, "t3.csv", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("\"confidence\""), "{err}");
    assert!(err.contains("--columns"), "{err}");
}

#[test]
fn columns_skip_a_header_row_and_accept_a_leading_dash() {
    let dir = tempfile::tempdir().unwrap();
    let table = "id,source,object,value\n1,s1,q1,120\n2,s2,q1,121\n";
    let (code, _, err) = import(
        dir.path(),
        table,
        "t.csv",
        &["--columns", "-,source,object,value", "--header"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("imported 2 claims (2 rows"), "{err}");
    // A first row made of column names is recognised without --header.
    let table = "source,object,value\ns1,q1,120\ns2,q1,121\n";
    let (code, _, err) = import(
        dir.path(),
        table,
        "t2.csv",
        &["--columns", "source,object,value"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("imported 2 claims (2 rows"), "{err}");
    let (code, _, err) = import(dir.path(), table, "t3.csv", &["--columns", "source,thing"]);
    assert_eq!(code, 2);
    assert!(err.contains("\"thing\""), "{err}");
}

#[test]
fn wide_tables_give_one_property_per_value_column() {
    let dir = tempfile::tempdir().unwrap();
    let table = "flight,source,sched_dep,act_dep\nAA1,s1,7:10 PM,7:25 PM\nAA1,s2,19:10,19:26\n";
    let (code, _, err) = import(
        dir.path(),
        table,
        "t.csv",
        &[
            "--columns",
            "object,source,-,-",
            "--header",
            "--value-columns",
            "sched_dep,act_dep",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("imported 4 claims"), "{err}");
    let props = properties(dir.path());
    assert!(
        props.contains("sched_dep") && props.contains("act_dep"),
        "{props}"
    );
    assert!(props.contains("kind: time"), "{props}");
    let v = resolve_json(dir.path(), "accu");
    let names: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"]["property_name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"sched_dep") && names.contains(&"act_dep"),
        "{v}"
    );
    // The original object name travels beside the generated id.
    assert_eq!(v["groups"][0]["key"]["subject_name"], "AA1", "{v}");
}

#[test]
fn kinds_are_guessed_from_all_values() {
    let dir = tempfile::tempdir().unwrap();
    let mut table = String::from("object,property,value,source\n");
    for i in 0..40 {
        let pop = if i % 10 == 0 {
            "1,790".to_string()
        } else {
            format!("{},{:03}", 20 + i, i * 7)
        };
        table.push_str(&format!("town{i},population,{pop},s1\n"));
    }
    let (code, _, err) = import(dir.path(), &table, "t.csv", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        properties(dir.path()).contains("kind: quantity"),
        "{}",
        properties(dir.path())
    );
}

#[test]
fn date_and_time_stamps_are_read_for_their_time() {
    let dir = tempfile::tempdir().unwrap();
    let table = "object,property,value,source\nAA1,departure,12/1 7:45 p.m.,s1\nAA1,departure,Fri 19:45,s2\nAA1,departure,12:00 PM,s3\n";
    let (code, _, err) = import(dir.path(), table, "t.csv", &["--kind", "time"]);
    assert_eq!(code, 0, "{err}");
    let v = resolve_json(dir.path(), "vote");
    let g = &v["groups"][0];
    assert_eq!(g["value"]["normalized"]["low"], 1185.0, "{g}");
    assert_eq!(g["sources"].as_array().unwrap().len(), 2, "{g}");
}

#[test]
fn a_hierarchy_table_gives_part_of_and_hier_picks_the_most_specific_value() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "places.csv",
        "id,name,parent\nUS,United States,\nIL,Illinois,US\nSPR,Springfield,IL\nCHI,Chicago,IL\nFR,France,\n",
    );
    let places = dir.path().join("places.csv");
    // Three sources say the country, two the city, one another city of the state, one
    // another country.
    let table = "object,property,value,source\np1,birthplace,United States,a\np1,birthplace,United States,b\np1,birthplace,United States,c\np1,birthplace,Springfield,d\np1,birthplace,Springfield,e\np1,birthplace,Chicago,f\np1,birthplace,France,g\n";
    let (code, _, err) = import(
        dir.path(),
        table,
        "t.csv",
        &["--hierarchy", places.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("hierarchy of 5 nodes"), "{err}");
    let ents = std::fs::read_to_string(dir.path().join("out/claims/entities.yaml")).unwrap();
    assert!(ents.contains("part_of"), "{ents}");
    assert!(properties(dir.path()).contains("kind: entity"));
    let v = resolve_json(dir.path(), "hier");
    assert_eq!(v["groups"][0]["value"]["stated"], "Springfield", "{v}");
    assert!(
        v["converged"].is_boolean() && v["last_change"].is_number(),
        "{v}"
    );
}

#[test]
fn ties_are_called_ties() {
    let dir = tempfile::tempdir().unwrap();
    let table = "object,property,value,source\nq1,height,120,s1\nq1,height,130,s2\n";
    let (code, _, err) = import(dir.path(), table, "t.csv", &[]);
    assert_eq!(code, 0, "{err}");
    for m in ["vote", "accu", "crh", "pooled-investment"] {
        let v = resolve_json(dir.path(), m);
        let g = &v["groups"][0];
        let why = g["explanation"].as_str().unwrap();
        assert!(why.contains("a tie, 1 vs 1 sources"), "{m}: {why}");
        assert!(!why.contains("more sources state it"), "{m}: {why}");
        assert_eq!(g["tie"], true);
    }
}

#[test]
fn the_best_supported_member_is_reported_not_the_first_in_the_file() {
    // 120 is stated first by one source; 121 by three. They are within 1% and so one value
    // cluster in the comparison, but the truth step reports the figure the most sources state.
    let dir = tempfile::tempdir().unwrap();
    let table = "object,property,value,source\nq1,height,120,s1\nq1,height,121,s2\nq1,height,121,s3\nq1,height,121,s4\nq1,height,300,s5\n";
    let (code, _, err) = import(dir.path(), table, "t.csv", &[]);
    assert_eq!(code, 0, "{err}");
    for m in corroborate::resolve::Method::NAMES {
        let v = resolve_json(dir.path(), m);
        assert_eq!(v["groups"][0]["value"]["stated"], "121", "{m}: {v}");
    }
}
