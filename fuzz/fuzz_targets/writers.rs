#![no_main]
//! Every writer's output loads back, and every escaping layer keeps its promise, for any
//! input: the YAML scalar writer round-trips, `accept` writes a file the loader reads with the
//! same entries, `import` either refuses a table or writes a dossier that loads without input
//! errors, and the output channels carry no hidden character or CI command.
use corroborate::report::escape;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let s = text.as_ref();

    let back: String = serde_saphyr::from_str(&corroborate::text::yaml_quoted(s)).unwrap();
    assert_eq!(back, s);

    for c in escape::visible(s).chars() {
        assert!(c == '\n' || !escape::is_hidden(c));
    }
    assert!(!escape::one_line(s).contains('\n'));
    let log = escape::github_log(&escape::visible(s));
    for line in log.lines() {
        assert!(!line.trim_start().starts_with("::") && !line.contains("##["));
    }
    let json = serde_json::to_string(s).unwrap();
    let safe = escape::json_text(&json);
    assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), s);
    let md = escape::markdown(s);
    assert!(!md.contains('\n'));

    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims");
    std::fs::create_dir_all(&claims).unwrap();
    let accepted = claims.join("accepted.yaml");
    let entry = corroborate::acknowledge::Entry {
        fingerprint: s.to_string(),
        rule: "conflict".into(),
        reason: format!("r{s}"),
        note: Some(s.to_string()),
    };
    assert_eq!(corroborate::acknowledge::append(&accepted, &[entry]).unwrap(), 1);
    let a = corroborate::pipeline::analyze(dir.path()).unwrap();
    assert!(!a.has_input_errors());
    assert_eq!(a.loaded.accepted.len(), 1);

    let table = dir.path().join("t.csv");
    std::fs::write(&table, data).unwrap();
    let out = dir.path().join("out");
    let opts = corroborate::import::ImportOptions {
        header: false,
        value_columns: Vec::new(),
        hierarchy: None,
        columns: Some(vec![
            corroborate::import::Role::Object,
            corroborate::import::Role::Property,
            corroborate::import::Role::Value,
            corroborate::import::Role::Source,
        ]),
        delimiter: Some(b','),
        property: "value".into(),
        kind: None,
        overwrite: false,
    };
    if corroborate::import::import(&table, &out, &opts).is_ok() {
        let a = corroborate::pipeline::analyze(&out).unwrap();
        assert!(!a.has_input_errors(), "{:?}", a.findings);
    }
});
