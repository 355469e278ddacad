//! Files corroborate writes are never truncated or lost: a writer killed midway leaves the old
//! file or the complete new one, and concurrent writers keep each other's entries.

mod common;
use common::*;
use std::time::Duration;

#[cfg(unix)]
#[test]
fn a_write_killed_midway_leaves_the_old_file_or_the_whole_new_one() {
    let d = tempfile::tempdir().unwrap();
    // An article big enough that extracting and writing takes a while.
    let article =
        "On January 3, the attack claimed over 90 lives and injured hundreds. ".repeat(150_000);
    std::fs::write(d.path().join("big.txt"), &article).unwrap();
    let out = d.path().join("out.jsonl");
    let bin = assert_cmd::cargo::cargo_bin("corroborate");
    let mut outcomes = (0, 0);
    for delay_ms in [5u64, 20, 50, 100, 200, 400, 800, 1600] {
        std::fs::write(&out, "OLD\n").unwrap();
        let mut child = std::process::Command::new(&bin)
            .args(["extract", "big.txt", "--output", "out.jsonl", "--force"])
            .current_dir(d.path())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let text = std::fs::read_to_string(&out).unwrap();
        if text == "OLD\n" {
            outcomes.0 += 1;
        } else {
            assert!(text.ends_with('\n'), "truncated after {delay_ms} ms");
            for line in text.lines() {
                serde_json::from_str::<serde_json::Value>(line)
                    .unwrap_or_else(|e| panic!("partial line after {delay_ms} ms: {e}"));
            }
            outcomes.1 += 1;
        }
        // No temporary file is left to be mistaken for the output.
        let stray: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(stray.len() <= 1, "{stray:?}");
        for n in stray {
            std::fs::remove_file(d.path().join(n)).unwrap();
        }
    }
    assert!(
        outcomes.0 > 0,
        "some runs were killed before the rename: {outcomes:?}"
    );
}

#[test]
fn two_accept_processes_at_once_keep_both_entries() {
    for _ in 0..5 {
        let d = small();
        // One conflict and one unreadable value: two findings of different rules.
        write(
            d.path(),
            "claims/b.yaml",
            &format!(
                "{SOURCE_B}  - id: who\n    subject: Kerman bombing\n    property: responsibility\n    value: Israel\n    quote: media blamed Israel\n"
            ),
        );
        write(
            d.path(),
            "claims/a.yaml",
            &SOURCE_A.replace("value: over 90", "value: umpteen"),
        );
        let root = d.path().to_str().unwrap().to_string();
        let bin = assert_cmd::cargo::cargo_bin("corroborate");
        let spawn = |rule: &str| {
            std::process::Command::new(&bin)
                .args(["accept", &root, "--reason", "reviewed", "--rule", rule])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("conflict"), spawn("unparsed-value"));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        assert!(
            a.status.success() && b.status.success(),
            "{} {}",
            String::from_utf8_lossy(&a.stderr),
            String::from_utf8_lossy(&b.stderr)
        );
        let text = std::fs::read_to_string(d.path().join("claims/accepted.yaml")).unwrap();
        assert_eq!(text.matches("- fingerprint:").count(), 2, "{text}");
        let (code, out, _) = run(&["check", "--fail-on", "warning", &root]);
        assert_eq!(code, 0, "{out}");
    }
}
