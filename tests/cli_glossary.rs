//! The glossary: the bundled data, `tifa lookup`, `tifa glossary import`,
//! `add`, `list` and `export`, on the real glossary files.

mod common;

use std::path::Path;

use common::{stdout_of, tifa, with_glossary};
use predicates::prelude::*;
use tifa::glossary::lint::lint;
use tifa::glossary::{validate, Entry, Status};
use tifa::import::glossary::bundled_concepts;

/// The bundled glossary holds what its README promises, every concept and
/// every rendering with its source, and is valid as a whole.
#[test]
fn the_bundled_glossary_is_large_valid_and_sourced() {
    let concepts = bundled_concepts().unwrap();
    assert!(concepts.len() >= 1500, "only {} concepts", concepts.len());
    let nonstandard: Vec<(&str, &str)> = concepts
        .iter()
        .flat_map(|c| {
            c.en.iter()
                .filter(|t| t.status.needs_replacing())
                .map(move |t| (c.id.as_str(), t.text.as_str()))
        })
        .collect();
    let with_nonstandard: std::collections::BTreeSet<&str> =
        nonstandard.iter().map(|(c, _)| *c).collect();
    assert!(
        nonstandard.len() >= 1000 && with_nonstandard.len() >= 500,
        "{} non-standard renderings on {} concepts",
        nonstandard.len(),
        with_nonstandard.len()
    );
    for c in &concepts {
        assert!(!c.sources.is_empty(), "{} has no source", c.id);
        for s in &c.sources {
            assert!(!s.url.is_empty(), "{}: source {} lacks a URL", c.id, s.id);
        }
        let preferred = c.terms_with(Status::Preferred).count();
        assert_eq!(
            preferred, 1,
            "{} has {preferred} preferred renderings",
            c.id
        );
        for t in c.en.iter().filter(|t| t.status != Status::Preferred) {
            assert!(
                !t.sources.is_empty(),
                "{}: {:?} has no source",
                c.id,
                t.text
            );
        }
    }
    let entries: Vec<Entry> = concepts
        .into_iter()
        .map(|concept| Entry { line: 0, concept })
        .collect();
    let problems = validate(&entries);
    assert!(problems.iter().all(|p| !p.fatal), "{problems:?}");
}

/// The lint finds no error in the bundled glossary.
#[test]
fn the_bundled_glossary_lints_clean() {
    let found = lint(&bundled_concepts().unwrap());
    let errors: Vec<_> = found.iter().filter(|l| l.error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let empty = tempfile::tempdir().unwrap();
    let out = stdout_of(empty.path(), &["glossary", "lint"]);
    assert!(out.contains(" 0 errors"), "{out}");
}

#[test]
fn the_deprecated_renderings_of_the_reports_are_recorded() {
    let dir = with_glossary();
    for (typed, preferred, zh) in [
        ("two maintenances", "the Two Upholds", "两个维护"),
        (
            "comprehensive and strict party governance",
            "full and rigorous Party self-governance",
            "全面从严治党",
        ),
        (
            "comprehensively and strictly governing the party",
            "full and rigorous Party self-governance",
            "全面从严治党",
        ),
    ] {
        let out = stdout_of(dir.path(), &["lookup", typed]);
        assert!(out.contains(zh), "{typed}: {out}");
        assert!(
            out.contains(&format!("{typed:?} is deprecated: use {preferred:?}")),
            "{typed}: {out}"
        );
    }
}

#[test]
fn lookup_by_chinese_variant_partial_and_misspelling() {
    let dir = with_glossary();
    let out = stdout_of(dir.path(), &["lookup", "两个确立"]);
    assert!(
        out.contains("两个确立") && out.contains("establish Comrade Xi Jinping's core position"),
        "{out}"
    );
    let out = stdout_of(dir.path(), &["lookup", "The Two Upholds"]);
    assert!(
        out.contains("\"the Two Upholds\" is the preferred rendering"),
        "{out}"
    );
    let out = stdout_of(dir.path(), &["lookup", "Communist Paty"]);
    assert!(
        out.contains("did you mean") && out.contains("Communist Party of China"),
        "{out}"
    );
    let out = stdout_of(dir.path(), &["lookup", "Xi Jinping Though"]);
    assert!(
        out.contains("did you mean")
            && out.contains(
                "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era"
            ),
        "{out}"
    );
    let out = stdout_of(dir.path(), &["lookup", "治党"]);
    assert!(
        out.contains("concepts contain \"治党\"") && out.contains("全面从严治党"),
        "{out}"
    );
    let out = stdout_of(dir.path(), &["lookup", "ＴＷＯ　ＵＰＨＯＬＤＳ"]);
    assert!(out.contains("两个维护"), "{out}");
    tifa(dir.path())
        .args(["lookup", "photosynthesis"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("nothing in the glossary"));
    let json = stdout_of(
        dir.path(),
        &["lookup", "two maintenances", "--format", "jsonl"],
    );
    let row: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(row["matched_status"], "deprecated");
    assert_eq!(row["concept"]["zh"][0], "两个维护");
}

fn write(dir: &Path, name: &str, content: &[u8]) -> String {
    std::fs::write(dir.join(name), content).unwrap();
    name.to_string()
}

fn glossary_list(dir: &Path) -> String {
    stdout_of(dir, &["glossary", "list", "--format", "jsonl"])
}

#[test]
fn bad_glossary_files_are_reported_with_lines_and_change_nothing() {
    let dir = with_glossary();
    let before = glossary_list(dir.path());
    let cases: &[(&str, &[u8], &[&str])] = &[
        (
            "missing.csv",
            b"id,zh,note\nx,\xe4\xb8\xa4,n\n",
            &["missing.csv:1: the column en is missing"],
        ),
        (
            "two-preferred.csv",
            "id,category,zh,en\na,theory,某甲,First | Second\nb,theory,某乙,Third\n".as_bytes(),
            &["two-preferred.csv:2: a: 2 preferred English renderings"],
        ),
        (
            "quoting.csv",
            "id,category,zh,en,note\na,theory,某甲,First,\"open quote\nb,theory,某乙,Second,x\n"
                .as_bytes(),
            &["quoting.csv:"],
        ),
        (
            "unknown.csv",
            "zh,en,colour\n某,Something,red\n".as_bytes(),
            &["unknown.csv:1: unknown column \"colour\""],
        ),
        (
            "claimed.csv",
            "id,category,zh,en\nmine,theory,某甲,the Two Upholds\n".as_bytes(),
            &["claimed.csv:2: mine: the English term \"the Two Upholds\" belongs to two-upholds"],
        ),
        (
            "empty.csv",
            "id,category,zh,en,admitted\na,theory,某甲,First, | x\n".as_bytes(),
            &["empty.csv:2: an empty term in the admitted column"],
        ),
    ];
    for (name, content, messages) in cases {
        let file = write(dir.path(), name, content);
        let mut assert = tifa(dir.path())
            .args(["glossary", "import", &file])
            .assert()
            .code(2);
        for m in *messages {
            assert = assert.stderr(predicate::str::contains(*m));
        }
        assert.stderr(predicate::str::contains("nothing was imported"));
    }
    let mut utf16: Vec<u8> = Vec::new();
    utf16.extend(
        "zh,en\n两个维护,the Two Upholds\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let file = write(dir.path(), "utf16.csv", &utf16);
    tifa(dir.path())
        .args(["glossary", "import", &file])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("utf16.csv: cannot decode byte 1: a NUL byte: this looks like UTF-16 without a byte order mark"));
    assert_eq!(glossary_list(dir.path()), before);
}

#[test]
fn exports_import_back_as_the_same_glossary() {
    let dir = with_glossary();
    let original = stdout_of(dir.path(), &["glossary", "export", "--format", "csv"]);
    for format in ["csv", "tbx", "tbx3"] {
        let file = format!("export.{}", if format == "csv" { "csv" } else { "tbx" });
        stdout_of(
            dir.path(),
            &["glossary", "export", "--format", format, "-o", &file],
        );
        let db = format!("{format}.db");
        stdout_of(dir.path(), &["--db", &db, "glossary", "import", &file]);
        let again = stdout_of(
            dir.path(),
            &["--db", &db, "glossary", "export", "--format", "csv"],
        );
        // TBX has no data category for the `case` column (the last one):
        // it is compared without it.
        let without_case = |csv: &str| -> Vec<String> {
            csv.lines()
                .map(|l| {
                    l.strip_suffix(",strict")
                        .or_else(|| l.strip_suffix(",case"))
                        .or_else(|| l.strip_suffix(','))
                        .unwrap_or(l)
                        .to_string()
                })
                .collect()
        };
        assert!(
            if format == "csv" {
                again == original
            } else {
                without_case(&again) == without_case(&original)
            },
            "{format} export did not import back as the same glossary"
        );
        // Importing the same file again changes nothing.
        let out = stdout_of(dir.path(), &["--db", &db, "glossary", "import", &file]);
        assert!(out.contains("0 concepts added, 0 updated"), "{out}");
    }
}

#[test]
fn export_formats_have_the_shape_cat_tools_expect() {
    let dir = with_glossary();
    let omegat = stdout_of(dir.path(), &["glossary", "export", "--format", "omegat"]);
    let first = omegat.lines().next().unwrap();
    assert!(!first.starts_with("zh"), "no header row: {first}");
    assert!(
        omegat.lines().all(|l| l.split('\t').count() == 3),
        "three columns"
    );
    assert!(
        omegat
            .lines()
            .any(|l| l.starts_with("两个维护\tthe Two Upholds\t")),
        "zh→en"
    );
    let en_zh = stdout_of(
        dir.path(),
        &[
            "glossary",
            "export",
            "--format",
            "omegat",
            "--direction",
            "en-zh",
        ],
    );
    assert!(
        en_zh
            .lines()
            .any(|l| l == "two maintenances\t两个维护\tdeprecated: use the Two Upholds"),
        "en→zh"
    );

    stdout_of(
        dir.path(),
        &[
            "glossary",
            "export",
            "--format",
            "csv",
            "--bom",
            "-o",
            "excel.csv",
        ],
    );
    let bytes = std::fs::read(dir.path().join("excel.csv")).unwrap();
    assert!(bytes.starts_with(
        b"\xEF\xBB\xBFzh,en,admitted,superseded,deprecated,category,note,sources,id,case\n"
    ));

    let martif = stdout_of(dir.path(), &["glossary", "export", "--format", "tbx"]);
    assert!(martif.contains("<martif type=\"TBX\" xml:lang=\"en\">"));
    assert!(martif.contains("<term>two maintenances</term>"));
    assert!(martif
        .contains("<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"));
    let v3 = stdout_of(dir.path(), &["glossary", "export", "--format", "tbx3"]);
    assert!(v3.contains("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"));
    assert_eq!(
        v3.matches("<conceptEntry ").count(),
        martif.matches("<termEntry ").count()
    );
}

#[test]
fn add_list_merge_and_replace() {
    let dir = with_glossary();
    let out = stdout_of(
        dir.path(),
        &[
            "glossary",
            "add",
            "--zh",
            "测试提法",
            "--en",
            "test formulation",
            "--deprecated",
            "testing formulation",
            "--category",
            "policy",
            "--source-title",
            "A test source",
            "--source-url",
            "https://example.org/t",
            "--source-date",
            "2026-11-22",
        ],
    );
    assert!(out.contains("1 concepts added"), "{out}");
    let deprecated = stdout_of(dir.path(), &["glossary", "list", "--status", "deprecated"]);
    assert!(
        deprecated.contains("\"testing formulation\" → \"test formulation\""),
        "{deprecated}"
    );
    assert!(
        deprecated.contains("\"two maintenances\" → \"the Two Upholds\""),
        "{deprecated}"
    );
    tifa(dir.path())
        .args([
            "glossary",
            "add",
            "--zh",
            "另一个",
            "--en",
            "the Two Upholds",
            "--id",
            "another",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("belongs to two-upholds"));
    let policy = stdout_of(
        dir.path(),
        &[
            "glossary",
            "list",
            "--category",
            "policy",
            "--format",
            "jsonl",
        ],
    );
    assert!(policy
        .lines()
        .all(|l| l.contains("\"category\":\"policy\"")));

    // A merge keeps what is not in the file; --replace does not.
    let small = write(
        dir.path(),
        "small.csv",
        "id,category,zh,en\nsmall-one,theory,小甲,small one\n".as_bytes(),
    );
    let out = stdout_of(dir.path(), &["glossary", "import", &small]);
    assert!(
        out.contains("1 concepts added") && !out.contains("the glossary has 1 concepts"),
        "{out}"
    );
    let out = stdout_of(dir.path(), &["glossary", "import", "--replace", &small]);
    assert!(out.contains("the glossary has 1 concepts"), "{out}");
}

#[test]
fn a_term_may_move_between_concepts_of_two_files_in_one_import() {
    let dir = tempfile::tempdir().unwrap();
    let header = "id,category,zh,en,admitted\n";
    write(
        dir.path(),
        "one.csv",
        format!("{header}a,theory,甲,Alpha,\n").as_bytes(),
    );
    write(
        dir.path(),
        "two.csv",
        format!("{header}b,theory,乙,Beta,Shared term\n").as_bytes(),
    );
    stdout_of(dir.path(), &["glossary", "import", "one.csv", "two.csv"]);
    write(
        dir.path(),
        "one.csv",
        format!("{header}a,theory,甲,Alpha,Shared term\n").as_bytes(),
    );
    write(
        dir.path(),
        "two.csv",
        format!("{header}b,theory,乙,Beta,\n").as_bytes(),
    );
    let out = stdout_of(dir.path(), &["glossary", "import", "one.csv", "two.csv"]);
    assert!(out.contains("0 concepts added, 2 updated"), "{out}");
    let found = stdout_of(dir.path(), &["lookup", "shared term"]);
    assert!(found.contains("甲  →  Alpha"), "{found}");
}
