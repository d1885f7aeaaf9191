//! Case: concepts whose case matters (the glossary's `case` column) are
//! reported when a text lowers a capital, on a real press sentence; extra
//! capitals (headlines) are not; `--case ignore` turns it off; `--fix`
//! restores the capitals; a bad `case` cell is refused with its line.

mod common;

use common::{report, tifa, with_glossary};

#[test]
fn a_lowered_capital_is_a_finding() {
    let dir = with_glossary();
    // The Chongqing report (press copy) writes "party building" where the
    // official English writes "Party building".
    let text =
        std::fs::read_to_string(report("chongqing-plenary-2023-07-report-a.en.txt")).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("party building"))
        .expect("a line with \"party building\"")
        .to_string();
    let draft = format!("PARTY BUILDING IN THE NEW ERA\n\n{line}\n");
    std::fs::write(dir.path().join("draft.txt"), &draft).unwrap();

    let out = tifa(dir.path())
        .args(["check", "--format", "jsonl", "draft.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let case: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["kind"] == "case")
        .collect();
    assert!(!case.is_empty(), "{stdout}");
    assert!(
        case.iter()
            .all(|f| f["place"].as_str().unwrap().starts_with("draft.txt:3:")),
        "{stdout}"
    );
    assert!(
        case.iter()
            .any(|f| f["found"] == "party building" && f["like"] == "Party building"),
        "{stdout}"
    );

    let out = tifa(dir.path())
        .args([
            "check",
            "--format",
            "jsonl",
            "--case",
            "ignore",
            "draft.txt",
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout)
        .unwrap()
        .contains("\"kind\":\"case\""));

    let fixed = tifa(dir.path())
        .args(["check", "--fix", "draft.txt"])
        .output()
        .unwrap();
    let fixed = String::from_utf8(fixed.stdout).unwrap();
    assert!(
        fixed.starts_with("PARTY BUILDING IN THE NEW ERA\n"),
        "{fixed}"
    );
    assert!(
        !fixed.contains("party building") && fixed.contains("Party building"),
        "{fixed}"
    );
}

#[test]
fn the_case_column_is_read_written_and_checked() {
    let dir = with_glossary();
    let out = tifa(dir.path())
        .args(["glossary", "export", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.lines().next().unwrap().ends_with(",id,case"),
        "{}",
        csv.lines().next().unwrap()
    );
    assert!(csv.lines().any(|l| l.ends_with(",party-committee,strict")));

    std::fs::write(
        dir.path().join("bad.csv"),
        "id,category,zh,en,note,sources,case\nx-term,theory,某某,some term,,,loud\n",
    )
    .unwrap();
    let out = tifa(dir.path())
        .args(["glossary", "import", "bad.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.csv") && err.contains('2') && err.contains("\"loud\""),
        "{err}"
    );
}
