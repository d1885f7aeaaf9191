//! `tifa build` on the bundled data, and the commands around it.

mod common;

use common::{bundled_copy, stat, stdout_of, tifa};
use predicates::prelude::*;

#[test]
fn build_imports_tm_and_summarises() {
    let dir = bundled_copy();
    let out = stdout_of(dir.path(), &["build"]);
    let concepts = tifa::import::glossary::bundled_concepts().unwrap().len();
    assert!(
        out.contains(&format!("glossary: {concepts} concepts added")),
        "{out}"
    );
    assert!(
        out.contains("tm: 6 files: 6 added, 0 updated, 0 unchanged"),
        "{out}"
    );
    assert!(dir.path().join("tifa.db").exists());
    for deliverable in [
        "memory.tmx",
        "memory.csv",
        "glossary.csv",
        "glossary.utf8",
        "glossary.tbx",
    ] {
        let path = dir.path().join("out").join(deliverable);
        assert!(
            std::fs::metadata(&path)
                .map(|m| m.len() > 1000)
                .unwrap_or(false),
            "{}",
            path.display()
        );
    }
    assert!(out.contains("deliverables in out/"), "{out}");
    assert_eq!(stat(&out, "documents"), 6);
    assert!(stat(&out, "English sentences") > 350, "{out}");
    assert!(stat(&out, "Chinese sentences") > 600, "{out}");

    let again = stdout_of(dir.path(), &["build"]);
    assert!(
        again.contains("6 files: 0 added, 0 updated, 6 unchanged"),
        "{again}"
    );
    assert!(
        again.contains(&format!(
            "glossary: 0 concepts added, 0 updated, {concepts} unchanged, 0 removed"
        )),
        "{again}"
    );
    let lookup = stdout_of(dir.path(), &["lookup", "two maintenances"]);
    assert!(
        lookup.contains("is deprecated: use \"the Two Upholds\""),
        "{lookup}"
    );
    assert_eq!(
        stat(&again, "English sentences"),
        stat(&out, "English sentences")
    );

    let report_a = stdout_of(
        dir.path(),
        &["show", "chongqing-plenary-2023-07-report-a.en.txt"],
    );
    assert_eq!(report_a.lines().count(), 1 + 15, "{report_a}");
    assert!(
        report_a.contains("    5.2   These include improving political leadership capabilities"),
        "{report_a}"
    );
}

#[test]
fn build_follows_changes_in_tm() {
    let dir = bundled_copy();
    stdout_of(dir.path(), &["build"]);
    std::fs::remove_file(
        dir.path()
            .join("tm/chongqing-plenary-2023-07-report-b.en.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("tm/new.en.txt"), "The Two Upholds.\n").unwrap();
    let out = stdout_of(dir.path(), &["build", "--verbose"]);
    assert!(
        out.contains("6 files: 1 added, 0 updated, 5 unchanged, 1 removed (file gone)"),
        "{out}"
    );
    assert!(
        out.contains("removed tm/chongqing-plenary-2023-07-report-b.en.txt"),
        "{out}"
    );
    tifa(dir.path())
        .args(["show", "chongqing-plenary-2023-07-report-b.en.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no document"));
}

#[test]
fn build_without_tm_explains() {
    let dir = tempfile::tempdir().unwrap();
    tifa(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no folder tm here"));
}

#[test]
fn show_lists_documents() {
    let dir = bundled_copy();
    stdout_of(dir.path(), &["build"]);
    let list = stdout_of(dir.path(), &["show"]);
    assert!(
        list.contains("tm/zh/cpc-20th-national-congress-report.zh.txt"),
        "{list}"
    );
    let json = stdout_of(dir.path(), &["show", "--format", "json"]);
    let docs: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(docs.as_array().unwrap().len(), 6);
    let stats = stdout_of(dir.path(), &["stats", "--format", "jsonl"]);
    let stats: serde_json::Value = serde_json::from_str(stats.trim()).unwrap();
    assert_eq!(stats["documents"], 6);
}

#[test]
fn every_command_has_help_and_completions_exist() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in [
        "build",
        "import",
        "segment",
        "stats",
        "show",
        "lookup",
        "glossary",
        "completions",
    ] {
        tifa(dir.path())
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: tifa"));
    }
    for shell in ["bash", "zsh", "fish"] {
        tifa(dir.path())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("import"));
    }
}
