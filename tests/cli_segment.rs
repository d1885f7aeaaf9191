//! `tifa segment` on the bundled reports and on standard input.

mod common;

use common::{fixture, report, tifa};
use predicates::prelude::*;

#[test]
fn report_a_segments_into_15_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::stdout_of(
        dir.path(),
        &[
            "segment",
            report("chongqing-plenary-2023-07-report-a.en.txt")
                .to_str()
                .unwrap(),
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 15, "{out}");
    assert_eq!(
        lines[11],
        "In order to comprehensively improve the party’s leadership and organizational capabilities, the plenary session stressed the need to enhance the “seven capabilities.”"
    );
    assert!(lines[12].starts_with("These include improving political leadership capabilities"));
    assert!(lines[13].ends_with("resolutely achieve the “two maintenances.”"));
}

#[test]
fn report_b_segments_into_12_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::stdout_of(
        dir.path(),
        &[
            "segment",
            report("chongqing-plenary-2023-07-report-b.en.txt")
                .to_str()
                .unwrap(),
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 12, "{out}");
    assert_eq!(
        lines[10],
        "\"The key point of integrated and smart governance is to reshape the governance process and improve governance efficiency through digital empowerment,\" Yin said."
    );
    assert!(lines[11].starts_with("\"Chongqing will develop and deploy"));
}

#[test]
fn positions_and_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = report("chongqing-plenary-2023-07-report-a.en.txt");
    let table = common::stdout_of(
        dir.path(),
        &["segment", path.to_str().unwrap(), "--format", "table"],
    );
    assert!(
        table
            .lines()
            .nth(2)
            .unwrap()
            .trim_start()
            .starts_with("2.1"),
        "{table}"
    );
    let jsonl = common::stdout_of(
        dir.path(),
        &["segment", path.to_str().unwrap(), "--format", "jsonl"],
    );
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["paragraph"], 1);
    assert_eq!(first["sentence"], 1);
    assert!(first["text"]
        .as_str()
        .unwrap()
        .starts_with("The Third Plenary Session"));
}

#[test]
fn reads_standard_input_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    tifa(dir.path())
        .args(["segment", "-", "--lang", "zh"])
        .write_stdin("同志们：\n现在，我代表第十九届中央委员会向大会作报告。中国共产党已走过百年奋斗历程！\n")
        .assert()
        .success()
        .stdout("同志们：\n现在，我代表第十九届中央委员会向大会作报告。\n中国共产党已走过百年奋斗历程！\n");
}

#[test]
fn hard_wrapped_pdf_text_with_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::stdout_of(
        dir.path(),
        &[
            "segment",
            report("un-general-debate/CHN_50_1995.txt")
                .to_str()
                .unwrap(),
        ],
    );
    assert!(out.contains(
        "Peace-keeping operations should be launched only when conditions are ripe and should refrain, in whatever circumstances, from becoming a party to a conflict in deviation from the"
    ), "{out}");
    // The page number that interrupted that sentence is set apart, not lost.
    assert!(out.lines().any(|l| l == "10"));
}

#[test]
fn encodings_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let zh = common::stdout_of(
        dir.path(),
        &[
            "segment",
            fixture("report-20th-congress-opening.gb18030.txt")
                .to_str()
                .unwrap(),
        ],
    );
    assert!(
        zh.contains("现在，我代表第十九届中央委员会向大会作报告。"),
        "{zh}"
    );
    let en = common::stdout_of(
        dir.path(),
        &[
            "segment",
            fixture("un-2022-opening.utf16.txt").to_str().unwrap(),
        ],
    );
    assert!(en.starts_with("We are at a time fraught with challenges.\nThe coronavirus disease (COVID-19) keeps resurfacing.\n"), "{en}");
}

#[test]
fn undecodable_input_is_an_error_with_the_offset() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"The caf\xe9 is open.").unwrap();
    tifa(dir.path())
        .args(["segment", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("latin1.txt: cannot decode byte 7"));
}
