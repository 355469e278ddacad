//! Every writer emits what the readers accept: whatever text goes in (controls, DEL, C1,
//! U+FFFE, bidi, YAML syntax), the file written loads back, with the same text.

use corroborate::acknowledge::{Entry, append};
use corroborate::import::{ImportOptions, import};
use corroborate::pipeline;
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\u{7F}".to_string()),
        Just("\u{85}".to_string()),
        Just("\u{92}".to_string()),
        Just("\u{9F}".to_string()),
        Just("\u{FFFE}".to_string()),
        Just("\u{FFFF}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{1}".to_string()),
        Just("\u{1F600}".to_string()),
        Just("\u{E0041}".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("'".to_string()),
        Just(": ".to_string()),
        Just(" #".to_string()),
        Just("- ".to_string()),
        Just("&a *b !t %".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("Кириллица".to_string()),
        "[a-z ]{0,8}",
        any::<char>()
            .prop_filter("NUL is not text a table can carry", |&c| c != '\0')
            .prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..6).prop_map(|v| v.concat())
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn yaml_scalars_round_trip(s in text()) {
        let back: String = serde_saphyr::from_str(&corroborate::text::yaml_quoted(&s)).unwrap();
        prop_assert_eq!(back, s);
    }

    #[test]
    fn imported_tables_load(object in text(), source in text(), property in text(), value in text()) {
        let dir = tempfile::tempdir().unwrap();
        let table = dir.path().join("t.csv");
        std::fs::write(&table, format!(
            "object,property,value,source\n{},{},{},{}\n{},{},{},other\n",
            csv_field(&object), csv_field(&property), csv_field(&value), csv_field(&source),
            csv_field(&object), csv_field(&property), csv_field("12"),
        )).unwrap();
        let out = dir.path().join("d");
        let opts = ImportOptions { columns: None, header: true, value_columns: Vec::new(), hierarchy: None, delimiter: None, property: "value".into(), kind: None, overwrite: false };
        let stats = match import(&table, &out, &opts) {
            Ok(s) => s,
            // Only a row without a value (after trimming) is refused: the other row has one.
            Err(e) => panic!("{e}"),
        };
        let a = pipeline::analyze(&out).unwrap();
        let errors: Vec<_> = a.findings.iter().filter(|f| f.rule.is_input_error()).collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        prop_assert_eq!(a.loaded.dossier.claims.len(), stats.claims);
        let name = object.trim();
        if !name.is_empty() {
            prop_assert!(a.loaded.dossier.entities.iter().any(|e| e.name == name));
        }
    }

    #[test]
    fn accepted_entries_load(fingerprint in text(), reason in text(), note in text()) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("claims")).unwrap();
        let path = dir.path().join("claims/accepted.yaml");
        let e = Entry { fingerprint: fingerprint.clone(), rule: "conflict".into(), reason: reason.clone(), note: Some(note) };
        prop_assert_eq!(append(&path, &[e]).unwrap(), 1);
        let a = pipeline::analyze(dir.path()).unwrap();
        let errors: Vec<_> = a.findings.iter().filter(|f| f.rule.is_input_error()).collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        prop_assert_eq!(a.loaded.accepted.len(), 1);
        prop_assert_eq!(&a.loaded.accepted[0].fingerprint, fingerprint.trim());
        prop_assert_eq!(&a.loaded.accepted[0].reason, reason.trim());
    }

    #[test]
    fn extracted_drafts_load(article in text(), stem in "[a-z\u{7F}\u{85}\u{202E} '\"#:]{1,12}") {
        let dir = tempfile::tempdir().unwrap();
        let article = format!("{article} killed 95 people on 3 January 2024. {article}");
        let file = std::path::Path::new("seeds").join(format!("{stem}.txt"));
        let found = corroborate::normalize::extract(&article, None);
        let yaml = corroborate::report::extracted_yaml(&article, &found, &file, None);
        let jsonl = corroborate::report::extracted_claims_jsonl(&article, &found, &file);
        std::fs::create_dir_all(dir.path().join("claims")).unwrap();
        std::fs::write(dir.path().join("claims/draft.yaml"), &yaml).unwrap();
        std::fs::write(dir.path().join("claims/draft.jsonl"), &jsonl).unwrap();
        let a = pipeline::analyze(dir.path()).unwrap();
        let broken: Vec<_> = a.findings.iter()
            .filter(|f| matches!(f.rule.code(), "yaml-syntax" | "schema" | "bad-encoding"))
            .collect();
        prop_assert!(broken.is_empty(), "{:?}\n{}", broken, yaml);
        prop_assert!(a.loaded.dossier.claims.len() >= found.len());
    }
}

#[test]
fn a_header_only_table_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("t.csv");
    std::fs::write(&table, "object,property,value,source\n").unwrap();
    let opts = ImportOptions {
        columns: None,
        header: true,
        value_columns: Vec::new(),
        hierarchy: None,
        delimiter: None,
        property: "value".into(),
        kind: None,
        overwrite: false,
    };
    let e = import(&table, &dir.path().join("d"), &opts).unwrap_err();
    assert!(e.to_string().contains("no row with a value"), "{e}");
    assert!(!dir.path().join("d/claims").exists(), "nothing written");
}

#[test]
fn forced_import_swaps_the_whole_dossier() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("t.csv");
    let out = dir.path().join("d");
    let mut opts = ImportOptions {
        columns: None,
        header: true,
        value_columns: Vec::new(),
        hierarchy: None,
        delimiter: None,
        property: "value".into(),
        kind: None,
        overwrite: false,
    };
    std::fs::write(&table, "object,property,value,source\nx,p,1,s\n").unwrap();
    import(&table, &out, &opts).unwrap();
    std::fs::write(out.join("claims/old.jsonl"), "").unwrap();
    assert!(
        import(&table, &out, &opts).is_err(),
        "no overwrite without force"
    );
    opts.overwrite = true;
    std::fs::write(&table, "object,property,value,source\ny,q,2,t\n").unwrap();
    import(&table, &out, &opts).unwrap();
    assert!(
        !out.join("claims/old.jsonl").exists(),
        "the old dossier is gone whole"
    );
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("claims")],
        "no temporary folders"
    );
    let a = pipeline::analyze(&out).unwrap();
    assert_eq!(a.loaded.dossier.entities[0].name, "y");
}
