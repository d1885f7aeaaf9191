//! The glossary in use and in upkeep: traditional Chinese, renderings in
//! time, a glossary that works from any folder, additions and team files
//! that lose nothing, spreadsheets.

mod common;

use std::path::Path;

use common::{bundled_copy, stdout_of, tifa};
use predicates::prelude::*;
use serde_json::Value;

fn write(dir: &Path, name: &str, content: &[u8]) -> String {
    std::fs::write(dir.join(name), content).unwrap();
    name.to_string()
}

/// The concept `id` as `glossary list --format jsonl` gives it.
fn concept(dir: &Path, id: &str) -> Value {
    let all = stdout_of(dir, &["glossary", "list", "--format", "jsonl"]);
    all.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no concept {id}"))
}

/// The English term `text` of a concept.
fn term<'a>(concept: &'a Value, text: &str) -> Option<&'a Value> {
    concept["en"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["text"] == text)
}

#[test]
fn traditional_chinese_is_found_in_lookup_check_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let found = stdout_of(d, &["lookup", "全面從嚴治黨"]);
    assert!(
        found.starts_with("全面从严治党  →  full and rigorous Party self-governance"),
        "{found}"
    );

    // A pair whose Chinese is traditional: the concept is found in it.
    write(
        d,
        "pairs.tsv",
        "zh\ten\n必須堅持全面從嚴治黨。\tWe must keep strict discipline.\n".as_bytes(),
    );
    tifa(d)
        .args(["check", "pairs.tsv"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "pairs.tsv:2: missing: [zh] 全面從嚴治黨 appears once, \"full and rigorous Party self-governance\" not at all",
        ));

    // A Big5 file and a UTF-8 one in traditional characters: searched in
    // either script, stored as written.
    let (big5, _, unmappable) = encoding_rs::BIG5.encode("全面從嚴治黨永遠在路上。\n");
    assert!(!unmappable);
    write(d, "big5.zh.txt", &big5);
    write(
        d,
        "hk.zh.txt",
        "我們必須堅持全面從嚴治黨，堅決做到兩個維護。\n".as_bytes(),
    );
    let out = stdout_of(d, &["import", "big5.zh.txt", "hk.zh.txt"]);
    assert!(
        out.contains("big5.zh.txt: 1 Chinese sentences (Big5)"),
        "{out}"
    );
    for query in ["全面从严治党", "全面從嚴治黨"] {
        let hits = stdout_of(d, &["search", query]);
        assert!(hits.contains("2 matches in 2 sentences"), "{query}: {hits}");
        assert!(hits.contains("全面從嚴治黨 永遠在路上。"), "{hits}");
        assert!(!hits.contains("全面从严治党 永远"), "{hits}");
    }
    let terms = stdout_of(d, &["terms"]);
    assert!(
        terms.contains("big5.zh.txt (1), hk.zh.txt (1)"),
        "term occurrences are found in traditional text: {terms}"
    );
}

#[test]
fn a_superseded_rendering_is_judged_by_the_date_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "The PLA General Staff Headquarters issued a notice on training.\n";
    write(d, "pla.txt", text.as_bytes());
    write(d, "xinhua-2015-03-02.txt", text.as_bytes());
    let flagged =
        "superseded: \"General Staff Headquarters\" → \"Joint Staff Department (of the CMC)\"";

    // Today it is superseded; in March 2015 it was the official name.
    tifa(d)
        .args(["check", "pla.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(flagged))
        .stdout(predicate::str::contains("official until 2016-01-11"));
    for date in ["2015-03-02", "2015", "2016-01"] {
        tifa(d)
            .args(["check", "--as-of", date, "pla.txt"])
            .assert()
            .success()
            .stdout("");
    }
    tifa(d)
        .args(["check", "--as-of", "2016-02", "pla.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(flagged));

    // --as-of auto reads the date in the file's name, and says when there
    // is none.
    tifa(d)
        .args(["check", "--as-of", "auto", "xinhua-2015-03-02.txt"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    tifa(d)
        .args(["check", "--as-of", "auto", "pla.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(flagged))
        .stderr(predicate::str::contains(
            "pla.txt: no date in its name or first lines; judged as of",
        ));
    // ... or in its first lines.
    write(
        d,
        "dated.txt",
        format!("Beijing, March 2, 2015 (Xinhua)\n{text}").as_bytes(),
    );
    tifa(d)
        .args(["check", "--as-of", "auto", "dated.txt"])
        .assert()
        .success()
        .stdout("");

    // A deprecated rendering is wrong at any date.
    write(
        d,
        "old.txt",
        "They vowed to achieve the two maintenances.\n".as_bytes(),
    );
    tifa(d)
        .args(["check", "--as-of", "2015", "old.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("deprecated: \"two maintenances\""));

    // Not a date: an error, not today.
    tifa(d)
        .args(["check", "--as-of", "2024-13-45", "pla.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"2024-13-45\" is not a date"));

    // lookup shows the history.
    let found = stdout_of(d, &["lookup", "General Staff Headquarters"]);
    assert!(
        found.contains("\"General Staff Headquarters\" was the official rendering until 2016-01-11: use \"Joint Staff Department (of the CMC)\""),
        "{found}"
    );
    assert!(
        found.contains(
            "  history:\n    \"General Staff Headquarters\" superseded, until 2016-01-11"
        ),
        "{found}"
    );
}

#[test]
fn variant_add_touches_only_the_variant_and_survives_a_build() {
    let dir = bundled_copy();
    let d = dir.path();
    stdout_of(d, &["build"]);
    let before = concept(d, "two-upholds");
    let add = [
        "glossary",
        "variant",
        "add",
        "两个维护",
        "two safeguardings",
        "--status",
        "deprecated",
        "--kind",
        "literal",
        "--evidence",
        "resolutely achieve the two safeguardings",
        "--note",
        "seen in a test",
        "--source-title",
        "A page where it was seen",
        "--source-url",
        "https://example.org/seen",
        "--source-publisher",
        "Example outlet",
        "--source-date",
        "2026-11-30",
    ];
    // A date that is not one is refused, and nothing changes.
    let mut bad = add.to_vec();
    *bad.last_mut().unwrap() = "2024-13-45";
    tifa(d)
        .args(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2024-13-45"));
    assert_eq!(concept(d, "two-upholds"), before);

    stdout_of(d, &add);
    let after = concept(d, "two-upholds");
    for field in ["category", "note", "sources", "zh"] {
        assert_eq!(after[field], before[field], "{field} changed");
    }
    let old_terms = before["en"].as_array().unwrap();
    assert_eq!(after["en"].as_array().unwrap().len(), old_terms.len() + 1);
    for t in old_terms {
        assert!(
            after["en"].as_array().unwrap().contains(t),
            "{t} changed or was lost"
        );
    }
    let added = term(&after, "two safeguardings").expect("the variant is there");
    assert_eq!(added["status"], "deprecated");
    assert_eq!(added["kind"], "literal");
    assert_eq!(
        added["evidence"],
        "resolutely achieve the two safeguardings"
    );
    assert_eq!(added["sources"][0]["url"], "https://example.org/seen");
    assert_eq!(added["sources"][0]["date"], "2026-11-30");

    // The check flags it, and a build that reloads glossary/ keeps it.
    write(d, "a.txt", b"We must achieve the two safeguardings.\n");
    tifa(d)
        .args(["check", "a.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "deprecated: \"two safeguardings\" → \"the Two Upholds\"",
        ));
    stdout_of(d, &["build"]);
    assert_eq!(concept(d, "two-upholds"), after);
}

#[test]
fn a_team_file_merges_and_its_conflicts_are_reported_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "ours.csv",
        b"id,category,zh,en,admitted,note,sources\n\
          two-upholds,theory,\xe4\xb8\xa4\xe4\xb8\xaa\xe7\xbb\xb4\xe6\x8a\xa4,the Two Upholds,,Our note.,https://example.org/ours\n\
          new-era,theory,\xe6\x96\xb0\xe6\x97\xb6\xe4\xbb\xa3,new era,new epoch,,https://example.org/ours\n",
    );
    stdout_of(d, &["glossary", "import", "--replace", "ours.csv"]);
    // A colleague's file, saved on Windows: CRLF, a new concept, a term
    // added to one of ours, and a conflicting preferred rendering on line 4.
    let team = "id,category,zh,en,deprecated,note,sources\r\n\
                common-prosperity,society,共同富裕,common prosperity,,,https://example.org/team\r\n\
                ,theory,两个维护,the Two Upholds,two maintenances,,https://example.org/team\r\n\
                ,theory,新时代,new period,,Their note.,https://example.org/team\r\n";
    write(d, "team.csv", team.as_bytes());
    let before = stdout_of(d, &["glossary", "list", "--format", "jsonl"]);

    // By default a conflict stops the import, naming the file and line.
    tifa(d)
        .args(["glossary", "import", "team.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("team.csv:4"))
        .stderr(
            predicate::str::contains("nothing was imported")
                .or(predicate::str::contains("nothing imported")),
        );
    assert_eq!(
        stdout_of(d, &["glossary", "list", "--format", "jsonl"]),
        before
    );

    // skip: ours stays as it is where the two disagree; the rest merges.
    let skip = tempfile::tempdir().unwrap();
    std::fs::copy(d.join("tifa.db"), skip.path().join("tifa.db")).unwrap();
    std::fs::copy(d.join("team.csv"), skip.path().join("team.csv")).unwrap();
    stdout_of(
        skip.path(),
        &["glossary", "import", "--on-conflict", "skip", "team.csv"],
    );
    let new_era = concept(skip.path(), "new-era");
    assert_eq!(new_era["en"][0]["text"], "new era");
    let upholds = concept(skip.path(), "two-upholds");
    assert_eq!(upholds["note"], "Our note.");
    assert_eq!(
        term(&upholds, "two maintenances").unwrap()["status"],
        "deprecated",
        "a term that conflicts with nothing merges"
    );
    concept(skip.path(), "common-prosperity");

    // replace: theirs wins, and our preferred rendering stays as admitted.
    stdout_of(
        d,
        &["glossary", "import", "--on-conflict", "replace", "team.csv"],
    );
    let new_era = concept(d, "new-era");
    let preferred: Vec<&Value> = new_era["en"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["status"] == "preferred")
        .collect();
    assert_eq!(preferred.len(), 1);
    assert_eq!(preferred[0]["text"], "new period");
    assert_eq!(term(&new_era, "new era").unwrap()["status"], "admitted");
    assert_eq!(term(&new_era, "new epoch").unwrap()["status"], "admitted");
    concept(d, "common-prosperity");

    // fail, given: the same as the default.
    let fresh = tempfile::tempdir().unwrap();
    std::fs::copy(d.join("ours.csv"), fresh.path().join("ours.csv")).unwrap();
    std::fs::copy(d.join("team.csv"), fresh.path().join("team.csv")).unwrap();
    stdout_of(
        fresh.path(),
        &["glossary", "import", "--replace", "ours.csv"],
    );
    tifa(fresh.path())
        .args(["glossary", "import", "--on-conflict", "fail", "team.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("team.csv:4"));
}

#[test]
fn spreadsheets_semicolons_and_chinese_headers_import() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["中文", "英文", "备注", "来源"],
        [
            "县域经济",
            "county economy",
            "a team note",
            "https://example.org/report",
        ],
        [
            "夜间经济",
            "night-time economy",
            "",
            "https://example.org/gwr",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    book.save(d.join("team.xlsx")).unwrap();
    let out = stdout_of(d, &["glossary", "import", "team.xlsx"]);
    assert!(out.contains("2 concepts added"), "{out}");
    let found = stdout_of(d, &["lookup", "夜间经济"]);
    assert!(found.contains("夜间经济  →  night-time economy"), "{found}");
    let found = stdout_of(d, &["lookup", "county economy"]);
    assert!(found.contains("note: a team note"), "{found}");

    // A semicolon CSV as a European Excel saves it, with a BOM.
    write(
        d,
        "semi.csv",
        "\u{feff}中文;英文;备注\r\n首发经济;first-launch economy;\"drones; air taxis\"\r\n"
            .as_bytes(),
    );
    let out = stdout_of(d, &["glossary", "import", "semi.csv"]);
    assert!(out.contains("1 concepts added"), "{out}");
    let found = stdout_of(d, &["lookup", "首发经济"]);
    assert!(found.contains("→  first-launch economy"), "{found}");
    assert!(found.contains("note: drones; air taxis"), "{found}");

    // A spreadsheet without the columns says which are missing.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "term").unwrap();
    book.save(d.join("bad.xlsx")).unwrap();
    tifa(d)
        .args(["glossary", "import", "bad.xlsx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.xlsx"));
}

#[test]
fn an_empty_folder_has_the_bundled_glossary_and_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let found = stdout_of(d, &["lookup", "two maintenances"]);
    assert!(found.contains("\"two maintenances\" is deprecated: use \"the Two Upholds\""));
    write(d, "a.txt", b"They upheld the Two Safeguards.\n");
    tifa(d).args(["check", "a.txt"]).assert().code(1);
    let tbx = stdout_of(d, &["glossary", "export", "--format", "tbx"]);
    assert!(tbx.matches("<termEntry ").count() >= 1000);
    assert!(tbx.contains("supersededTerm-admn-sts"));
    let v3 = stdout_of(d, &["glossary", "export", "--format", "tbx3"]);
    assert!(v3.contains("supersededTerm"));
    let csv = stdout_of(d, &["glossary", "export", "--format", "csv"]);
    assert!(
        csv.lines().next().unwrap().contains("superseded"),
        "{csv:.200}"
    );
    let omegat = stdout_of(d, &["glossary", "export", "--format", "omegat"]);
    assert!(omegat.lines().count() >= 1000);
    assert!(
        !d.join("tifa.db").exists(),
        "a read-only command made a database"
    );
    tifa(d)
        .args(["search", "party"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no database"));
    assert!(!d.join("tifa.db").exists());

    // An emptied glossary exports nothing: that is an error, not an empty file.
    write(d, "one.csv", "zh,en\n甲,alpha\n".as_bytes());
    stdout_of(d, &["glossary", "import", "--replace", "one.csv"]);
    let db = rusqlite::Connection::open(d.join("tifa.db")).unwrap();
    db.execute("DELETE FROM term", []).ok();
    db.execute("DELETE FROM concept", []).unwrap();
    drop(db);
    tifa(d)
        .args(["glossary", "export", "--format", "tbx", "-o", "out.tbx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
    assert!(!d.join("out.tbx").exists());
}

/// `tifa glossary import glossary/*.csv` (the shell's list, sources and
/// renderings files among the concept files) imports the whole folder; a
/// sources file alone, or two of them, is a clear error.
#[test]
fn a_whole_glossary_folder_imports_by_its_file_list() {
    let dir = bundled_copy();
    let d = dir.path();
    let mut files: Vec<String> = std::fs::read_dir(d.join("glossary"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(files.iter().any(|f| f.ends_with("sources.csv")));
    let mut args = vec!["glossary", "import", "--replace"];
    args.extend(files.iter().map(String::as_str));
    let out = stdout_of(d, &args);
    let concepts = tifa::import::glossary::bundled_concepts().unwrap().len();
    assert!(
        out.contains(&format!("the glossary has {concepts} concepts")),
        "{out}"
    );
    let lint = tifa(d)
        .args(["glossary", "lint"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(lint.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&lint.stdout).contains(&format!("{concepts} concepts: 0 errors"))
    );

    tifa(d)
        .args(["glossary", "import", "glossary/sources.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no concept file among glossary/sources.csv",
        ));
    std::fs::copy(d.join("glossary/sources.csv"), d.join("sources.csv")).unwrap();
    tifa(d)
        .args([
            "glossary",
            "import",
            "glossary/theory.csv",
            "glossary/sources.csv",
            "sources.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("two sources files given"));
}
