//! `tifa match`: fuzzy matches from a real memory.

mod common;

use common::{fixture, report, stdout_of, tifa};

/// Imports report A into `dir`'s memory, with `more` files.
fn import_report_a(dir: &std::path::Path, more: &[std::path::PathBuf]) {
    let mut args = vec![
        "import".to_string(),
        report("chongqing-plenary-2023-07-report-a.en.txt")
            .to_string_lossy()
            .into_owned(),
    ];
    args.extend(more.iter().map(|p| p.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    stdout_of(dir, &args);
}

fn memory() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    import_report_a(
        dir.path(),
        &[
            report("zh/cpc-20th-national-congress-report.zh.txt"),
            fixture("pairs.tsv"),
        ],
    );
    dir
}

fn best(dir: &std::path::Path, query: &str) -> serde_json::Value {
    let out = stdout_of(dir, &["match", query, "--min", "0", "--format", "jsonl"]);
    serde_json::from_str(out.lines().next().expect("a match")).unwrap()
}

#[test]
fn scores_identical_changed_reordered_and_chinese() {
    let dir = memory();
    let same = "The plenary session was attended by 75 municipal party committee members and 12 alternate members.";
    let m = best(dir.path(), same);
    assert_eq!(
        (m["score"].as_u64(), m["band"].as_str()),
        (Some(100), Some("100"))
    );
    assert!(m["path"].as_str().unwrap().ends_with("report-a.en.txt"));
    let case = best(dir.path(), &same.to_uppercase());
    assert_eq!(case["score"], 99, "identical but for case is not 100");
    let one_word = best(dir.path(), &same.replace("75", "80"));
    assert_eq!(one_word["text"], same);
    assert_eq!(one_word["score"], 93, "one of 16 tokens changed");
    let reordered = best(
        dir.path(),
        "The plenary session was attended by 12 alternate members and 75 municipal party committee members.",
    );
    assert_eq!(reordered["text"], same);
    // Moving a phrase costs an edit per moved word: below the default --min.
    assert_eq!(reordered["score"], 50);
    let zh = best(dir.path(), "中国共产党已走过百年奋斗的历程。");
    assert_eq!(zh["text"], "中国共产党已走过百年奋斗历程。");
    assert_eq!(zh["score"], 93);
}

#[test]
fn translations_and_thresholds() {
    let dir = memory();
    let m = best(dir.path(), "the Two Upholds");
    assert_eq!(m["translation"], "两个维护");
    let out = stdout_of(dir.path(), &["match", "the Two Upholds"]);
    assert!(
        out.contains("100%  [100]") && out.contains("两个维护"),
        "{out}"
    );
    tifa(dir.path())
        .args(["match", "Completely unrelated words about photosynthesis."])
        .assert()
        .code(1);
    let low = stdout_of(
        dir.path(),
        &[
            "match",
            "The session was attended by members.",
            "--min",
            "30",
            "--format",
            "jsonl",
        ],
    );
    assert!(!low.is_empty());
    assert!(low.lines().count() <= 5, "--limit defaults to 5");
}

#[test]
fn every_sentence_of_a_file() {
    let dir = memory();
    std::fs::write(
        dir.path().join("new.txt"),
        "The plenary session was attended by 75 municipal party committee members and 12 alternate members. The session deliberated and approved the resolutions.\n",
    )
    .unwrap();
    let out = stdout_of(dir.path(), &["match", "--file", "new.txt"]);
    assert_eq!(out.matches("» ").count(), 2, "{out}");
    assert!(out.contains("100%"), "{out}");
}

#[test]
fn matches_name_the_glossary_concepts_they_share_with_the_query() {
    let dir = common::with_glossary();
    import_report_a(dir.path(), &[]);
    // The stored sentence uses both; the query keeps the Two Upholds (in
    // its preferred rendering) and drops the Two Establishments.
    let query = "The plenary session concluded by emphasizing the importance of always prioritizing political construction, adhering to the Party’s centralized and unified leadership, and promoting the majority of party members and cadres to resolutely achieve the Two Upholds.";
    let m = best(dir.path(), query);
    assert!(
        m["text"]
            .as_str()
            .unwrap()
            .contains("firmly support the “two establishments”"),
        "{m}"
    );
    let shared: Vec<&str> = m["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(shared.contains(&"two-upholds"), "{shared:?}");
    assert!(!shared.contains(&"two-establishments"), "{shared:?}");
    let table = stdout_of(dir.path(), &["match", query, "--min", "0"]);
    assert!(
        table.contains("shares: ") && table.contains("two-upholds"),
        "{table}"
    );
}
