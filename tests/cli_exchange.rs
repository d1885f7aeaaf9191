//! `tifa export` (TMX, CSV, TSV) and `tifa import` of TMX: round trips,
//! other tools' files, malformed files, filters.

mod common;

use std::collections::BTreeSet;

use common::{fixture, stdout_of, tifa};
use predicates::prelude::*;

fn pairs_of_csv(csv: &str) -> BTreeSet<(String, String)> {
    let mut r =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[0].to_string(), rec[1].to_string())
        })
        .collect()
}

#[test]
fn tmx_round_trip_keeps_text_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    stdout_of(
        dir.path(),
        &[
            "import",
            fixture("tricky.tsv").to_str().unwrap(),
            fixture("pairs.tsv").to_str().unwrap(),
        ],
    );
    let first = stdout_of(dir.path(), &["export", "--format", "csv"]);
    stdout_of(dir.path(), &["export", "-o", "memory.tmx"]);
    stdout_of(dir.path(), &["--db", "second.db", "import", "memory.tmx"]);
    let second = stdout_of(
        dir.path(),
        &["--db", "second.db", "export", "--format", "csv"],
    );
    assert_eq!(pairs_of_csv(&first), pairs_of_csv(&second));
    assert!(pairs_of_csv(&second).contains(&(
        "five &lt; six is written literally.".to_string(),
        "“五 &lt; 六”按字面书写。".to_string()
    )));
    stdout_of(
        dir.path(),
        &["--db", "second.db", "export", "-o", "again.tmx"],
    );
    stdout_of(dir.path(), &["--db", "third.db", "import", "again.tmx"]);
    let third = stdout_of(
        dir.path(),
        &["--db", "third.db", "export", "--format", "csv"],
    );
    assert_eq!(pairs_of_csv(&first), pairs_of_csv(&third));
}

#[test]
fn tmx_export_has_the_header_props_and_languages_cat_tools_need() {
    let dir = tempfile::tempdir().unwrap();
    stdout_of(
        dir.path(),
        &["import", fixture("pairs.tsv").to_str().unwrap()],
    );
    let tmx = stdout_of(dir.path(), &["export", "--bilingual-only"]);
    for needle in [
        "<tmx version=\"1.4\">",
        "creationtool=\"tifa\"",
        "segtype=\"sentence\"",
        "o-tmf=\"tifa\"",
        "adminlang=\"en\"",
        "srclang=\"en\"",
        "datatype=\"plaintext\"",
        "<prop type=\"x-document\">",
        "<prop type=\"x-paragraph\">2</prop>",
        "<tuv xml:lang=\"en\">",
        "<tuv xml:lang=\"zh-CN\">",
        "<seg>the Two Upholds</seg>",
    ] {
        assert!(tmx.contains(needle), "{needle} missing:\n{tmx}");
    }
    assert_eq!(tmx.matches("<tu ").count(), 3, "only the bilingual units");
    let zh_first = stdout_of(
        dir.path(),
        &["export", "--bilingual-only", "--source-lang", "zh"],
    );
    assert!(zh_first.contains("srclang=\"zh-CN\""));
}

#[test]
fn another_tools_utf16_tmx_with_inline_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(
        dir.path(),
        &["import", fixture("other-tool-utf16.tmx").to_str().unwrap()],
    );
    assert!(out.contains("3 units (UTF-16LE)"), "{out}");
    let shown = stdout_of(
        dir.path(),
        &["show", "other-tool-utf16.tmx", "--format", "jsonl"],
    );
    let second: serde_json::Value = serde_json::from_str(shown.lines().nth(1).unwrap()).unwrap();
    assert_eq!(second["en"], "Press OK now.");
    assert_eq!(second["zh"], "现在按确定。");
}

#[test]
fn a_malformed_tmx_is_an_error_with_line_and_column_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    stdout_of(
        dir.path(),
        &["import", fixture("pairs.tsv").to_str().unwrap()],
    );
    let db = dir.path().join("tifa.db");
    let before = std::fs::read(&db).unwrap();
    tifa(dir.path())
        .args(["import", fixture("malformed.tmx").to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(
            predicate::str::is_match(r"malformed\.tmx:\d+: column \d+: malformed TMX").unwrap(),
        );
    assert!(before == std::fs::read(&db).unwrap());
}

#[test]
fn csv_for_spreadsheets() {
    let dir = tempfile::tempdir().unwrap();
    stdout_of(
        dir.path(),
        &["import", fixture("tricky.tsv").to_str().unwrap()],
    );
    stdout_of(
        dir.path(),
        &["export", "-o", "m.csv", "--bom", "--escape-formulas"],
    );
    let bytes = std::fs::read(dir.path().join("m.csv")).unwrap();
    assert!(bytes
        .starts_with("\u{feff}en,zh,document,paragraph,sentence,concepts,created,id\n".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("'=SUM(A1) starts a formula.,'=SUM(A1) 是公式。"),
        "{text}"
    );
    assert!(text.contains("\"He said \"\"yes\"\" and 'no'.\""), "{text}");
    let tsv = stdout_of(dir.path(), &["export", "--format", "tsv"]);
    assert!(tsv.lines().all(|l| l.split('\t').count() == 8), "{tsv}");
}

#[test]
fn filters() {
    let dir = tempfile::tempdir().unwrap();
    common::import_glossary(dir.path(), &[]);
    stdout_of(
        dir.path(),
        &[
            "import",
            fixture("pairs.tsv").to_str().unwrap(),
            common::report("chongqing-plenary-2023-07-report-a.en.txt")
                .to_str()
                .unwrap(),
        ],
    );
    let count = |args: &[&str]| {
        let mut all = vec!["export", "--format", "csv"];
        all.extend_from_slice(args);
        stdout_of(dir.path(), &all).lines().count() - 1
    };
    assert_eq!(count(&[]), 4 + 15);
    assert_eq!(count(&["--bilingual-only"]), 3);
    assert_eq!(count(&["--doc", "report-a"]), 15);
    assert_eq!(
        count(&["--term", "两个维护"]),
        2,
        "the pair and report a's sentence"
    );
    assert_eq!(count(&["--since", "2000-01-01"]), 19);
    assert_eq!(count(&["--since", "2999-01-01"]), 0);
    let concepts = stdout_of(dir.path(), &["export", "--term", "two-upholds"]);
    assert!(concepts.contains("<prop type=\"x-concept\">two-upholds</prop>"));
    tifa(dir.path())
        .args(["export", "--since", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}
