//! Accepted findings of `tifa check --memory`: each finding shows a stable
//! id; `--accept ID` stores it in the database, later checks leave it out
//! and count it; `--accepted` lists, `--unaccept ID` undoes; `--ignore`
//! files apply to the memory too.

mod common;

use std::path::Path;

use common::{report, tifa, with_glossary};

const REPORT: &str = "chongqing-plenary-2023-07-report-b.en.txt";

/// (exit code, stdout, stderr) of `tifa ARGS` in `dir`.
/// Runs tifa; a `check` runs with `--case ignore`, so that the report's
/// two findings these tests count are not joined by its lower-case
/// "party" (case findings, tested in cli_check_case.rs).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = tifa(dir);
    cmd.args(args);
    if args.first() == Some(&"check") {
        cmd.args(["--case", "ignore"]);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A database with the bundled glossary and the report imported as
/// report.txt, after `first` (other files imported before it).
fn memory_with_report(first: &[&str]) -> tempfile::TempDir {
    let dir = with_glossary();
    for name in first {
        std::fs::copy(report(name), dir.path().join(name)).unwrap();
        let (code, _, err) = run(dir.path(), &["import", name]);
        assert_eq!(code, 0, "{err}");
    }
    std::fs::copy(report(REPORT), dir.path().join("report.txt")).unwrap();
    let (code, _, err) = run(dir.path(), &["import", "report.txt"]);
    assert_eq!(code, 0, "{err}");
    dir
}

/// The (place, id, found) of each finding of `check --memory` in `dir`, as
/// JSON Lines give them.
fn findings(dir: &Path, extra: &[&str]) -> Vec<(String, String, String)> {
    let mut args = vec!["check", "--memory", "--format", "jsonl"];
    args.extend_from_slice(extra);
    let (_, out, err) = run(dir, &args);
    out.lines()
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l} {err}"));
            let s = |k: &str| {
                v[k].as_str()
                    .unwrap_or_else(|| panic!("no {k}: {l}"))
                    .to_string()
            };
            (s("place"), s("id"), s("found"))
        })
        .collect()
}

fn id_of<'a>(found: &'a [(String, String, String)], text: &str) -> &'a str {
    &found
        .iter()
        .find(|f| f.2 == text)
        .unwrap_or_else(|| panic!("no finding {text:?} in {found:?}"))
        .1
}

#[test]
fn accepting_a_finding_of_the_memory_hides_it_until_unaccepted() {
    let dir = memory_with_report(&[]);
    let d = dir.path();

    // The text output shows each id after the place.
    let (code, out, _) = run(d, &["check", "--memory"]);
    assert_eq!(code, 1);
    let found = findings(d, &[]);
    let paty = id_of(&found, "Communist Paty of China").to_string();
    let party = id_of(&found, "comprehensively and strictly governing the party").to_string();
    assert_eq!(paty.len(), 12);
    assert!(paty.bytes().all(|b| b.is_ascii_hexdigit()), "{paty}");
    assert_ne!(paty, party);
    assert!(
        out.contains(&format!("report.txt:1.1 [{paty}]: misspelled: ")),
        "{out}"
    );
    assert!(
        out.contains(&format!("report.txt:4.1 [{party}]: deprecated: ")),
        "{out}"
    );

    // Accept one, with a note.
    let (code, out, err) = run(
        d,
        &[
            "check",
            "--memory",
            "--accept",
            &party,
            "--note",
            "quoted from the source",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "accepted {party}: deprecated \"comprehensively and strictly governing the party\" at report.txt:4.1\n"
        )
    );

    // Left out, counted on stderr; the other finding is still shown.
    let (code, out, err) = run(d, &["check", "--memory"]);
    assert_eq!(code, 1);
    assert!(!out.contains(&party) && out.contains(&paty), "{out}");
    assert!(
        err.contains("tifa: 1 accepted finding not shown (stored with --accept)"),
        "{err}"
    );

    // Listed.
    let (code, out, _) = run(d, &["check", "--memory", "--accepted"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!(
            "{party} deprecated \"comprehensively and strictly governing the party\" at report.txt:4.1, accepted 20"
        )) && out.ends_with(": quoted from the source\n"),
        "{out}"
    );
    let (_, out, _) = run(d, &["check", "--memory", "--accepted", "--format", "jsonl"]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["id"], party.as_str());
    assert_eq!(v["concept"], "full-rigorous-party-self-governance");
    assert_eq!(v["note"], "quoted from the source");

    // An unknown id is refused by name, and nothing is stored: not even
    // the good id given with it.
    let (code, _, err) = run(
        d,
        &[
            "check",
            "--memory",
            "--accept",
            &paty,
            "--accept",
            "0123456789ab",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("0123456789ab") && err.contains("nothing was accepted"),
        "{err}"
    );
    let (_, out, _) = run(d, &["check", "--memory", "--accepted"]);
    assert_eq!(out.lines().count(), 1, "{out}");

    // Both accepted: nothing shown, exit 0.
    let (code, _, err) = run(d, &["check", "--memory", "--accept", &paty]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(d, &["check", "--memory"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(
        err.contains("2 accepted findings not shown (stored with --accept)"),
        "{err}"
    );

    // Unaccepted: back again. Unaccepting it twice is an error.
    let (code, out, _) = run(d, &["check", "--memory", "--unaccept", &party]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!("unaccepted {party}: deprecated")),
        "{out}"
    );
    let (code, out, _) = run(d, &["check", "--memory"]);
    assert_eq!(code, 1);
    assert!(out.contains(&party) && !out.contains(&paty), "{out}");
    let (code, _, err) = run(d, &["check", "--memory", "--unaccept", &party]);
    assert_eq!(code, 2);
    assert!(err.contains(&party), "{err}");
}

#[test]
fn accept_unaccept_and_accepted_require_memory() {
    let dir = memory_with_report(&[]);
    for args in [
        &["check", "--accept", "0123456789ab", "report.txt"][..],
        &["check", "--unaccept", "0123456789ab"],
        &["check", "--accepted"],
    ] {
        let (code, _, err) = run(dir.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("--memory"), "{args:?}: {err}");
    }
}

#[test]
fn ignore_files_apply_to_the_memory() {
    let dir = memory_with_report(&[]);
    let d = dir.path();
    let cases = [
        // (ignore file, findings left shown)
        ("concept:communist-party-of-china\n", 1),
        ("Communist  Paty of China\n", 1),
        ("report.txt:4\n", 1),
        ("report.txt:1\nreport.txt:4\n", 0),
        ("report.txt:2\nother.txt:4\n", 2),
    ];
    for (text, shown) in cases {
        std::fs::write(d.join("team.ignore"), text).unwrap();
        let (code, out, err) = run(d, &["check", "--memory", "--ignore", "team.ignore"]);
        assert_eq!(out.matches("report.txt:").count(), shown, "{text:?}: {out}");
        assert_eq!(code, if shown > 0 { 1 } else { 0 }, "{text:?}");
        let hidden = 2 - shown;
        if hidden > 0 {
            let s = if hidden == 1 { "" } else { "s" };
            assert!(
                err.contains(&format!(
                    "{hidden} accepted finding{s} not shown (ignore files)"
                )),
                "{text:?}: {err}"
            );
        } else {
            assert!(!err.contains("not shown"), "{err}");
        }
    }
}

#[test]
fn ids_stay_the_same_in_a_rebuilt_memory() {
    let first = memory_with_report(&[]);
    // Another report first: the report's rows get other ids.
    let second = memory_with_report(&["chongqing-plenary-2023-07-report-a.en.txt"]);
    let a = findings(first.path(), &[]);
    let b: Vec<_> = findings(second.path(), &[])
        .into_iter()
        .filter(|f| f.0.starts_with("report.txt:"))
        .collect();
    assert!(!a.is_empty());
    assert_eq!(a, b);

    // The id read from the first memory accepts the finding in the second.
    let id = id_of(&a, "Communist Paty of China");
    let (code, _, err) = run(second.path(), &["check", "--memory", "--accept", id]);
    assert_eq!(code, 0, "{err}");
    assert!(findings(second.path(), &[]).iter().all(|f| f.1 != id));

    // Re-importing the same file keeps the ids and the acceptance.
    std::fs::write(
        first.path().join("report.txt"),
        std::fs::read_to_string(report(REPORT)).unwrap() + "\nA new last line.\n",
    )
    .unwrap();
    let (code, _, err) = run(first.path(), &["import", "report.txt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(findings(first.path(), &[]), a);
}

#[test]
fn acceptances_survive_tifa_build_and_leave_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    common::copy_dir(&common::root().join("glossary"), &d.join("glossary"));
    std::fs::create_dir(d.join("tm")).unwrap();
    std::fs::copy(report(REPORT), d.join("tm/report.txt")).unwrap();
    let build = || {
        let (code, out, err) = run(d, &["build", "--no-out"]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let out = build();
    assert!(out.contains("check: 1 deprecated renderings"), "{out}");
    let found = findings(d, &[]);
    let id = id_of(&found, "comprehensively and strictly governing the party").to_string();
    let (code, _, err) = run(d, &["check", "--memory", "--accept", &id]);
    assert_eq!(code, 0, "{err}");

    // The report taken out of tm/ and put back: its sentences are stored
    // anew, under other row ids. The acceptance still holds.
    std::fs::rename(d.join("tm/report.txt"), d.join("report.txt")).unwrap();
    build();
    std::fs::rename(d.join("report.txt"), d.join("tm/report.txt")).unwrap();
    let out = build();
    assert!(out.contains("check: 0 deprecated renderings"), "{out}");
    let again = findings(d, &[]);
    assert!(again.iter().all(|f| f.1 != id), "{again:?}");
    assert_eq!(again.len(), found.len() - 1);
    let (_, out, _) = run(d, &["check", "--memory", "--accepted"]);
    assert!(out.starts_with(&id), "{out}");
}
