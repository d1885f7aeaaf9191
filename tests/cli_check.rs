//! `tifa check` on the bundled reports and on texts and pairs.

mod common;

use common::{report, stdout_of, tifa, with_glossary};
use predicates::prelude::*;

fn check(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = tifa(dir).arg("check").args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn the_bundled_reports_show_every_deprecated_rendering_and_the_typo() {
    let dir = with_glossary();
    let a = report("chongqing-plenary-2023-07-report-a.en.txt");
    let b = report("chongqing-plenary-2023-07-report-b.en.txt");
    let (code, out) = check(
        dir.path(),
        &[
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(code, 1, "{out}");
    let findings: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["kind"].as_str().unwrap(), f["found"].as_str().unwrap()))
        .collect();
    for want in [
        ("deprecated", "two maintenances"),
        ("deprecated", "comprehensive and strict party governance"),
        (
            "deprecated",
            "comprehensively and strictly governing the party",
        ),
        (
            "deprecated",
            "Xi Jinping’s New Era of Socialism with Chinese Characteristics",
        ),
        ("deprecated", "party members and cadres"),
        ("deprecated", "political construction"),
        ("misspelled", "Communist Paty of China"),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
    let typo = findings.iter().find(|f| f["kind"] == "misspelled").unwrap();
    assert_eq!(typo["preferred"], "Communist Party of China");
    assert!(
        typo["place"]
            .as_str()
            .unwrap()
            .ends_with("report-b.en.txt:1:52"),
        "{typo}"
    );
}

#[test]
fn compiler_style_output_with_a_caret() {
    let dir = with_glossary();
    let a = report("chongqing-plenary-2023-07-report-a.en.txt");
    let (code, out) = check(dir.path(), &[a.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(!out.contains('\u{1b}'), "no colour when piped");
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| {
            l.contains("deprecated: \"two maintenances\" → \"the Two Upholds\" (两个维护)")
        })
        .unwrap();
    assert!(
        lines[at].contains("report-a.en.txt:11:294:"),
        "{}",
        lines[at]
    );
    let caret_line = lines[at + 2];
    let text_line = lines[at + 1];
    // Every character before the span is one column wide here.
    let col = caret_line.find('^').unwrap();
    let under: String = text_line
        .chars()
        .skip(col)
        .take("two maintenances".len())
        .collect();
    assert_eq!(under, "two maintenances");
    let (_, coloured) = check(dir.path(), &[a.to_str().unwrap(), "--color", "always"]);
    assert!(coloured.contains("\u{1b}[1;31mdeprecated:"));
}

#[test]
fn a_text_with_only_preferred_renderings_is_clean() {
    let dir = with_glossary();
    let a = report("chongqing-plenary-2023-07-report-a.en.txt");
    let fixed = stdout_of(dir.path(), &["check", "--fix", a.to_str().unwrap()]);
    assert!(
        fixed.contains("resolutely achieve the “Two Upholds.”"),
        "{fixed}"
    );
    assert!(
        fixed.contains("promoting full and rigorous Party self-governance"),
        "{fixed}"
    );
    std::fs::write(dir.path().join("fixed.txt"), &fixed).unwrap();
    let (code, out) = check(dir.path(), &["fixed.txt"]);
    assert_eq!((code, out.as_str()), (0, ""));
    tifa(dir.path())
        .args(["check", "-"])
        .write_stdin(
            "The Party upholds the Two Upholds and full and rigorous Party self-governance.\n",
        )
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn pairs_are_checked_per_occurrence() {
    let dir = with_glossary();
    std::fs::write(
        dir.path().join("pairs.tsv"),
        "zh\ten\n坚决做到“两个维护”，始终坚持“两个维护”。\tResolutely uphold them.\n坚持全面从严治党。\tWe will exercise full and rigorous Party self-governance.\n",
    )
    .unwrap();
    let (code, out) = check(dir.path(), &["pairs.tsv"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "pairs.tsv:2: missing: [zh] 两个维护 appears twice, \"the Two Upholds\" not at all"
        ),
        "{out}"
    );
    assert!(!out.contains("pairs.tsv:3:"), "{out}");
}

#[test]
fn json_output_and_errors() {
    let dir = with_glossary();
    let (code, out) = check(dir.path(), &["-", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(out, "[]\n");
    tifa(dir.path())
        .args(["check", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
    // In a folder with no database, the bundled glossary checks the text
    // (and no database is created there).
    let empty = tempfile::tempdir().unwrap();
    tifa(empty.path())
        .args(["check", "-"])
        .write_stdin("They resolutely achieve the two maintenances.")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("the Two Upholds"));
    assert!(!empty.path().join("tifa.db").exists());
    // A glossary emptied on purpose is an error, not a clean check.
    std::fs::write(empty.path().join("none.csv"), "zh,en\n").unwrap();
    stdout_of(
        empty.path(),
        &["glossary", "import", "--replace", "none.csv"],
    );
    tifa(empty.path())
        .args(["check", "-"])
        .write_stdin("text")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the glossary is empty"));
}

/// A drifted rendering nobody listed is found as `nonstandard`, with its
/// score and the words that matched; `--min-score` above 1 turns that off;
/// official English (China's UN statements) gives no such finding.
#[test]
fn near_renderings_are_found_in_drifted_text_and_not_in_official_text() {
    let dir = with_glossary();
    std::fs::write(
        dir.path().join("drift.txt"),
        "The plenum called for governing the Party comprehensively and strictly.\n\
         We will uphold full and rigorous Party self-governance.\n",
    )
    .unwrap();
    let (code, out) = check(dir.path(), &["drift.txt"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "drift.txt:1:23: nonstandard: \"governing the Party comprehensively and strictly\" looks like"
        ),
        "{out}"
    );
    assert!(
        out.contains("use \"full and rigorous Party self-governance\""),
        "{out}"
    );
    assert_eq!(out.matches("nonstandard").count(), 1, "{out}");
    let (_, json) = check(dir.path(), &["--format", "json", "drift.txt"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let near = rows
        .iter()
        .find(|r| r["kind"] == "nonstandard")
        .expect("a nonstandard finding");
    assert_eq!(near["concept"], "full-rigorous-party-self-governance");
    let score = near["score"].as_f64().unwrap();
    assert!((0.5..1.0).contains(&score), "{score}");
    assert_eq!(
        near["matched"],
        serde_json::json!(["governing", "party", "comprehensively", "strictly"])
    );
    let (code, out) = check(dir.path(), &["--min-score", "1.01", "drift.txt"]);
    assert_eq!((code, out.as_str()), (0, ""));
    tifa(dir.path())
        .args(["check", "--min-score", "3", "drift.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a score from 0 to 1"));

    let un = common::root().join("tm/un-general-debate");
    let mut args = vec!["--format".to_string(), "json".to_string()];
    for e in std::fs::read_dir(&un).unwrap() {
        args.push(e.unwrap().path().to_string_lossy().into_owned());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, json) = check(dir.path(), &args);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let near: Vec<&serde_json::Value> =
        rows.iter().filter(|r| r["kind"] == "nonstandard").collect();
    assert!(near.is_empty(), "{near:?}");
}

/// `tifa glossary substitutions` lists the word substitutions learnt from
/// the bundled glossary, each seen in two or more concepts.
#[test]
fn substitutions_are_listed_with_their_concepts() {
    let dir = with_glossary();
    let out = stdout_of(
        dir.path(),
        &["glossary", "substitutions", "--format", "json"],
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(rows.len() >= 5, "{out}");
    assert!(rows
        .iter()
        .all(|r| r["concepts"].as_array().unwrap().len() >= 2));
    assert!(
        rows.iter().any(|r| r["from"] == "cpc" && r["to"] == "ccp"),
        "{out}"
    );
}

/// Ordinary English that happens to be an attested non-standard rendering
/// (one word: "President" for 主席团, "duties" for 党员义务) or one letter
/// from a term ("There must" and "Three Musts") is not a finding; a
/// one-word acronym still is.
#[test]
fn ordinary_words_are_not_findings() {
    let dir = with_glossary();
    std::fs::write(
        dir.path().join("plain.txt"),
        "Mr. President, the representatives will perform their duties.\n\
         There must not be any delay in reaching a settlement.\n",
    )
    .unwrap();
    let (code, out) = check(dir.path(), &["plain.txt"]);
    assert_eq!((code, out.as_str()), (0, ""));
    tifa(dir.path())
        .args(["check", "-"])
        .write_stdin("The CCP met in Beijing.\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("deprecated: \"CCP\""));
}
