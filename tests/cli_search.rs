//! `tifa search` and `tifa terms` on the bundled memory, and term
//! occurrences kept current when the glossary changes.

mod common;

use common::{stdout_of, tifa};

fn built() -> tempfile::TempDir {
    let dir = common::bundled_copy();
    stdout_of(dir.path(), &["build"]);
    dir
}

fn jsonl(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn english_phrases_are_whole_words_any_case_hyphen_or_space() {
    let dir = built();
    let rows = jsonl(&stdout_of(
        dir.path(),
        &["search", "party building", "--format", "jsonl"],
    ));
    let matched: Vec<&str> = rows
        .iter()
        .map(|r| r["matched"].as_str().unwrap())
        .collect();
    assert!(matched.contains(&"Party-building"), "{matched:?}");
    assert!(matched.contains(&"party building"), "{matched:?}");
    assert!(
        matched
            .iter()
            .all(|m| m.to_lowercase().replace('-', " ") == "party building"),
        "{matched:?}"
    );
    let table = stdout_of(
        dir.path(),
        &["search", "Party building", "--doc", "report-b"],
    );
    assert!(table.contains("report-b.en.txt:1.1"), "{table}");
    assert!(!table.contains("report-a"), "{table}");
    tifa(dir.path())
        .args(["search", "photosynthesis"])
        .assert()
        .code(1);
}

#[test]
fn chinese_substrings_of_one_and_two_characters() {
    let dir = built();
    let rows = jsonl(&stdout_of(
        dir.path(),
        &["search", "治党", "--format", "jsonl"],
    ));
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r["matched"] == "治党" && r["lang"] == "zh"));
    assert!(rows
        .iter()
        .any(|r| r["text"].as_str().unwrap().contains("全面从严治党")));
    let one = jsonl(&stdout_of(
        dir.path(),
        &["search", "党", "--limit", "5", "--format", "jsonl"],
    ));
    assert!(!one.is_empty() && one.iter().all(|r| r["matched"] == "党"));
}

#[test]
fn term_search_finds_every_rendering_with_its_status() {
    let dir = built();
    let all = jsonl(&stdout_of(
        dir.path(),
        &["search", "--term", "全面从严治党", "--format", "jsonl"],
    ));
    let matched: Vec<&str> = all.iter().map(|r| r["matched"].as_str().unwrap()).collect();
    assert!(
        matched.contains(&"comprehensive and strict party governance"),
        "{matched:?}"
    );
    assert!(
        matched.contains(&"comprehensively and strictly governing the party"),
        "{matched:?}"
    );
    assert!(matched.contains(&"全面从严治党"), "{matched:?}");
    let deprecated = jsonl(&stdout_of(
        dir.path(),
        &[
            "search",
            "--term",
            "full-rigorous-party-self-governance",
            "--status",
            "deprecated",
            "--format",
            "jsonl",
        ],
    ));
    assert_eq!(deprecated.len(), 2, "{deprecated:?}");
    let typo = jsonl(&stdout_of(
        dir.path(),
        &[
            "search",
            "--term",
            "Communist Party of China",
            "--status",
            "misspelled",
            "--format",
            "jsonl",
        ],
    ));
    assert_eq!(typo.len(), 1);
    assert_eq!(typo[0]["matched"], "Communist Paty of China");
}

#[test]
fn the_consistency_report_shows_both_renderings_of_political_ecology() {
    let dir = built();
    let out = stdout_of(dir.path(), &["terms", "--inconsistent"]);
    let at = out.find("政治生态  →").expect("政治生态 listed");
    let section: String = out[at..]
        .lines()
        .take_while(|l| l.starts_with("政治生态") || l.starts_with("    "))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        section.contains("political ecology") && section.contains("report-a"),
        "{section}"
    );
    assert!(
        section.contains("political ecosystem") && section.contains("report-b"),
        "{section}"
    );
    let records = jsonl(&stdout_of(dir.path(), &["terms", "--format", "jsonl"]));
    assert!(records.iter().any(|r| r["concept"] == "two-upholds"
        && r["term"] == "two maintenances"
        && r["status"] == "deprecated"));
}

#[test]
fn occurrences_follow_glossary_changes() {
    let dir = built();
    // A new concept whose term is already in the memory is found at once.
    tifa(dir.path())
        .args(["search", "--term", "new highland for party building"])
        .assert()
        .code(2);
    stdout_of(
        dir.path(),
        &[
            "glossary",
            "add",
            "--id",
            "test-grid",
            "--zh",
            "党建高地测试",
            "--en",
            "new highland for party building",
            "--source-title",
            "t",
            "--source-url",
            "https://example.org/grid",
        ],
    );
    let rows = jsonl(&stdout_of(
        dir.path(),
        &["search", "--term", "test-grid", "--format", "jsonl"],
    ));
    // Report a has the phrase in two sentences.
    assert_eq!(rows.len(), 2);
    assert!(rows
        .iter()
        .all(|r| r["matched"] == "new highland for party building"));
    // Replacing the glossary by one without it removes its occurrences.
    std::fs::write(
        dir.path().join("g.csv"),
        "id,category,zh,en\nonly,theory,测试专用术语,the only test concept\n",
    )
    .unwrap();
    stdout_of(dir.path(), &["glossary", "import", "--replace", "g.csv"]);
    tifa(dir.path())
        .args(["search", "--term", "two-upholds"])
        .assert()
        .code(2);
    tifa(dir.path()).args(["terms"]).assert().code(1);
    // And importing the real glossary again brings them back.
    common::import_glossary(dir.path(), &["--replace"]);
    let back = jsonl(&stdout_of(
        dir.path(),
        &["search", "--term", "two-upholds", "--format", "jsonl"],
    ));
    assert_eq!(back.len(), 1);
}
