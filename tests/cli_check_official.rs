//! Official translations check clean: the 2018 Constitution's 382 official
//! English–Chinese paragraph pairs (tests/fixtures/parallel) as a pairs
//! file, checked with the bundled glossary.

mod common;

use common::{fixture, tifa, with_glossary};

/// The constitution as a TSV of pairs, one paragraph pair per row.
fn constitution_pairs(dir: &std::path::Path) -> std::path::PathBuf {
    let read = |lang: &str| {
        std::fs::read_to_string(fixture(&format!(
            "parallel/prc-constitution-2018.{lang}.txt"
        )))
        .unwrap()
    };
    let (en, zh) = (read("en"), read("zh"));
    let blocks = |t: &str| -> Vec<String> {
        t.split("\n\n")
            .map(|b| b.replace(['\n', '\t'], " ").trim().to_string())
            .collect()
    };
    let (en, zh) = (blocks(&en), blocks(&zh));
    assert_eq!(en.len(), 382);
    assert_eq!(zh.len(), 382);
    let mut tsv = String::from("en\tzh\n");
    for (e, z) in en.iter().zip(&zh) {
        tsv.push_str(&format!("{e}\t{z}\n"));
    }
    let path = dir.join("constitution.tsv");
    std::fs::write(&path, tsv).unwrap();
    path
}

fn findings(dir: &std::path::Path, file: &std::path::Path) -> Vec<serde_json::Value> {
    let out = tifa(dir)
        .args(["check", "--format", "jsonl"])
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.code().unwrap() <= 1, "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_constitution_in_its_official_english_checks_nearly_clean() {
    let dir = with_glossary();
    let pairs = constitution_pairs(dir.path());
    let found = findings(dir.path(), &pairs);
    let listed: Vec<String> = found
        .iter()
        .map(|f| format!("{} {} {}", f["place"], f["kind"], f["found"]))
        .collect();
    // No English finding at all: the official English is the standard.
    assert!(found.iter().all(|f| f["kind"] == "missing"), "{listed:#?}");
    // A term is not found across Chinese word boundaries: 城乡 holds no
    // 乡 (township), 地区 no 区 (district), 人民生活 no 民生.
    for word in ["乡", "镇", "民生"] {
        assert!(
            !found.iter().any(|f| f["found"] == word),
            "{word}: {listed:#?}"
        );
    }
    // A second mention need not repeat the rendering, and the rendering may
    // be inflected, coordinated ("administrative, supervisory, adjudicatory
    // and procuratorial organs") or without a modifier. What is left are
    // places where the official English chose other words ("districts"
    // for 区, "neighborhood organizations" for 街道, "ethnic minority areas" for
    // 少数民族地区 …): at most 9 of 382.
    assert!(found.len() <= 9, "{} findings: {listed:#?}", found.len());
}
