//! `tifa import`: encodings, pairs, transactions and provenance, on real files.

mod common;

use std::path::Path;

use common::{fixture, report, stat, stdout_of, tifa};
use predicates::prelude::*;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn imports_gb18030_chinese_and_utf16_english() {
    let dir = tempfile::tempdir().unwrap();
    let gb = fixture("report-20th-congress-opening.gb18030.txt");
    let utf16 = fixture("un-2022-opening.utf16.txt");
    let out = stdout_of(dir.path(), &["import", s(&gb), s(&utf16)]);
    assert!(out.contains("Chinese sentences (GB18030)"), "{out}");
    assert!(out.contains("English sentences (UTF-16LE)"), "{out}");
    let shown = stdout_of(
        dir.path(),
        &["show", "report-20th-congress-opening.gb18030.txt"],
    );
    assert!(
        shown.contains("现在，我代表第十九届中央委员会向大会作报告。"),
        "{shown}"
    );
    let shown = stdout_of(dir.path(), &["show", "un-2022-opening.utf16.txt"]);
    assert!(
        shown.contains("1.2   The coronavirus disease (COVID-19) keeps resurfacing."),
        "{shown}"
    );
}

#[test]
fn bom_and_cr_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(dir.path(), &["import", s(&fixture("un-1991-bom-cr.txt"))]);
    assert!(out.contains("(UTF-8 with BOM)"), "{out}");
    let shown = stdout_of(dir.path(), &["show", "un-1991-bom-cr.txt"]);
    assert!(
        shown.contains("1.1   Sir, first of all, please allow me"),
        "{shown}"
    );
    assert!(
        shown.contains("\n    2.1   Seven new Members have been admitted"),
        "{shown}"
    );
}

#[test]
fn a_binary_file_fails_and_leaves_the_database_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    stdout_of(
        dir.path(),
        &[
            "import",
            s(&report("chongqing-plenary-2023-07-report-a.en.txt")),
        ],
    );
    let db = dir.path().join("tifa.db");
    let before = std::fs::read(&db).unwrap();
    let binary = dir.path().join("scan.txt");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    std::fs::write(&binary, &bytes).unwrap();
    let report_b = report("chongqing-plenary-2023-07-report-b.en.txt");
    tifa(dir.path())
        .args(["import", s(&report_b), s(&binary)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("scan.txt: cannot decode byte"))
        .stderr(predicate::str::contains("nothing was stored"));
    assert!(
        before == std::fs::read(&db).unwrap(),
        "the database file changed"
    );
    let stats = stdout_of(dir.path(), &["stats"]);
    assert_eq!(stat(&stats, "documents"), 1);
    assert_eq!(stat(&stats, "English sentences"), 15);
}

#[test]
fn broken_utf8_that_is_not_gb18030_names_the_offset() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.txt");
    std::fs::write(&bad, b"Line one.\nThe r\xe9sum\xe9 of the session.\n").unwrap();
    tifa(dir.path())
        .args(["import", s(&bad)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "notes.txt: cannot decode byte 15: invalid UTF-8, and not GB18030 or Big5 either",
        ));
    let stats = stdout_of(dir.path(), &["stats"]);
    assert_eq!(stat(&stats, "documents"), 0);
}

#[test]
fn reimport_skips_unchanged_and_replaces_changed_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    std::fs::copy(report("chongqing-plenary-2023-07-report-b.en.txt"), &file).unwrap();
    let out = stdout_of(dir.path(), &["import", "report.txt"]);
    assert!(
        out.contains("added report.txt: 12 English sentences"),
        "{out}"
    );
    let out = stdout_of(dir.path(), &["import", "./report.txt"]);
    assert!(out.contains("unchanged report.txt"), "{out}");

    let text = std::fs::read_to_string(&file).unwrap();
    let cut: String = text.lines().take(2).collect::<Vec<_>>().join("\n");
    std::fs::write(&file, cut + "\nA new closing sentence.\n").unwrap();
    let out = stdout_of(dir.path(), &["import", "report.txt"]);
    assert!(
        out.contains("updated report.txt: 3 English sentences"),
        "{out}"
    );
    let stats = stdout_of(dir.path(), &["stats"]);
    assert_eq!(stat(&stats, "documents"), 1);
    assert_eq!(stat(&stats, "English sentences"), 3);
    assert_eq!(stat(&stats, "occurrences"), 3);
}

#[test]
fn a_sentence_in_two_documents_keeps_both_provenances() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("one.txt"),
        "The plenary session was held in Chongqing. It closed on July 7.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("two.txt"),
        "Reporters were briefed.\n\nThe plenary session was held in Chongqing.\n",
    )
    .unwrap();
    stdout_of(dir.path(), &["import", "one.txt", "two.txt"]);
    let stats = stdout_of(dir.path(), &["stats"]);
    assert_eq!(stat(&stats, "English sentences"), 3);
    assert_eq!(stat(&stats, "occurrences"), 4);
    assert!(stdout_of(dir.path(), &["show", "one.txt"])
        .contains("1.1   The plenary session was held in Chongqing."));
    assert!(stdout_of(dir.path(), &["show", "two.txt"])
        .contains("2.1   The plenary session was held in Chongqing."));
    // Removing one document keeps the sentence for the other.
    std::fs::write(dir.path().join("two.txt"), "Reporters were briefed.\n").unwrap();
    stdout_of(dir.path(), &["import", "two.txt"]);
    assert!(stdout_of(dir.path(), &["show", "one.txt"])
        .contains("The plenary session was held in Chongqing."));
}

#[test]
fn pairs_files_become_units() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(dir.path(), &["import", s(&fixture("pairs.tsv"))]);
    assert!(
        out.contains("pairs.tsv: 4 units (UTF-8); 1 empty rows skipped"),
        "{out}"
    );
    tifa(dir.path())
        .args(["import", s(&fixture("pairs.csv"))])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pairs.csv:1: a 'source' column needs --source-lang",
        ));
    stdout_of(
        dir.path(),
        &[
            "import",
            s(&fixture("pairs.csv")),
            "--source-lang",
            "zh",
            "--target-lang",
            "en",
        ],
    );
    let stats = stdout_of(dir.path(), &["stats"]);
    // 两个维护 / the Two Upholds is in both files: one unit, two occurrences.
    assert_eq!(stat(&stats, "units"), 6);
    assert!(
        stats.contains("(5 bilingual, 0 English only, 1 Chinese only)"),
        "{stats}"
    );
    let shown = stdout_of(dir.path(), &["show", "pairs.tsv", "--format", "jsonl"]);
    let first: serde_json::Value = serde_json::from_str(shown.lines().next().unwrap()).unwrap();
    assert_eq!(first["en"], "the Two Upholds");
    assert_eq!(first["zh"], "两个维护");
    assert_eq!(first["paragraph"], 2, "the row's line in the file");
}

#[test]
fn malformed_pairs_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.csv"),
        "en,zh\n\"the Two Upholds\",\"两个维护\"\n\"unclosed,x,y\n",
    )
    .unwrap();
    tifa(dir.path())
        .args(["import", "bad.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.csv:3:"));
    std::fs::write(dir.path().join("cols.tsv"), "english\tfrench\nx\ty\n").unwrap();
    tifa(dir.path())
        .args(["import", "cols.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cols.tsv:1: the header needs an 'en' and a 'zh' column",
        ));
}

#[test]
fn directories_are_walked_for_known_extensions() {
    let dir = tempfile::tempdir().unwrap();
    let tm = dir.path().join("in");
    std::fs::create_dir_all(tm.join("sub/.hidden")).unwrap();
    std::fs::copy(
        report("chongqing-plenary-2023-07-report-a.en.txt"),
        tm.join("a.txt"),
    )
    .unwrap();
    std::fs::copy(
        report("chongqing-plenary-2023-07-report-b.en.txt"),
        tm.join("sub/b.md"),
    )
    .unwrap();
    std::fs::copy(fixture("pairs.tsv"), tm.join("sub/pairs.tsv")).unwrap();
    std::fs::write(tm.join("sub/data.json"), "{}").unwrap();
    std::fs::write(tm.join("sub/.hidden/x.txt"), "Hidden.").unwrap();
    let out = stdout_of(dir.path(), &["import", "in"]);
    assert!(out.contains("3 files: 3 added"), "{out}");
    assert!(
        out.contains("added in/sub/b.md: 12 English sentences"),
        "{out}"
    );
}

#[test]
fn database_location_from_flag_and_environment() {
    let dir = tempfile::tempdir().unwrap();
    let a = s(&fixture("pairs.tsv")).to_string();
    tifa(dir.path())
        .args(["--db", "flag.db", "import", &a])
        .assert()
        .success();
    tifa(dir.path())
        .env("TIFA_DB", "env.db")
        .args(["import", &a])
        .assert()
        .success();
    assert!(dir.path().join("flag.db").exists());
    assert!(dir.path().join("env.db").exists());
    assert!(!dir.path().join("tifa.db").exists());
}

#[test]
fn killing_an_import_leaves_the_previous_state() {
    let dir = tempfile::tempdir().unwrap();
    stdout_of(
        dir.path(),
        &[
            "import",
            s(&report("chongqing-plenary-2023-07-report-b.en.txt")),
        ],
    );
    let before = stdout_of(dir.path(), &["stats"]);

    // A large real text: the UN statements, repeated with numbered sentences
    // so that every sentence is new.
    let base = std::fs::read_to_string(report("un-general-debate/CHN_77_2022.txt")).unwrap();
    let mut big = String::new();
    let mut n = 0;
    while big.len() < 40 << 20 {
        n += 1;
        big.push_str(&base.replace(". ", &format!(" ({n}). ")));
    }
    std::fs::write(dir.path().join("big.txt"), &big).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tifa"))
        .current_dir(dir.path())
        .env_remove("TIFA_DB")
        .args(["import", "big.txt"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import is well under way (its write-ahead log grows, or
    // it has run for two seconds of its many), then kill it.
    let wal = dir.path().join("tifa.db-wal");
    let started = std::time::Instant::now();
    loop {
        let writing = std::fs::metadata(&wal)
            .map(|m| m.len() > 1 << 20)
            .unwrap_or(false);
        if writing || started.elapsed().as_secs_f64() > 2.0 {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the import finished ({status}) before it could be interrupted");
        }
        assert!(
            started.elapsed().as_secs() < 120,
            "the import never started writing"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(stdout_of(dir.path(), &["stats"]), before);
}
