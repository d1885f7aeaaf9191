//! Suppressions: a `.tifaignore` next to the text, or `--ignore FILE`,
//! accepts findings; they are counted, not shown.

mod common;

use common::{tifa, with_glossary};

#[test]
fn accepted_findings_are_counted_not_shown() {
    let dir = with_glossary();
    let drafts = dir.path().join("drafts");
    std::fs::create_dir(&drafts).unwrap();
    std::fs::write(
        drafts.join("a.txt"),
        "They achieve the two maintenances.\nThey promote comprehensive and strict party governance.\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = tifa(dir.path()).arg("check").args(args).output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, out, _) = run(&["drafts/a.txt"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("drafts/a.txt:1:") && out.contains("drafts/a.txt:2:"),
        "{out}"
    );

    // A .tifaignore beside the file: one line accepted by its place.
    std::fs::write(drafts.join(".tifaignore"), "# reviewed\na.txt:1\n").unwrap();
    let (code, out, err) = run(&["drafts/a.txt"]);
    assert_eq!(code, 1);
    assert!(
        !out.contains("drafts/a.txt:1:") && out.contains("drafts/a.txt:2:"),
        "{out}"
    );
    assert!(err.contains("1 accepted finding not shown"), "{err}");

    // --ignore with a concept id and a phrase: nothing left, exit 0.
    std::fs::write(
        dir.path().join("team.ignore"),
        "concept:full-and-rigorous-party-self-governance\ncomprehensive and strict party governance\n",
    )
    .unwrap();
    let (code, out, err) = run(&["drafts/a.txt", "--ignore", "team.ignore"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.contains("2 accepted findings not shown"), "{err}");

    // A bad entry is an error naming the file and line.
    std::fs::write(dir.path().join("bad.ignore"), "concept:\n").unwrap();
    let (code, _, err) = run(&["drafts/a.txt", "--ignore", "bad.ignore"]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.ignore") && err.contains('1'), "{err}");
}
