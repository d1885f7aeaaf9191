//! `tifa check --fix`: replacements that keep the sentence English, files
//! rewritten in place with a backup, and fixes that cannot be made reported.

mod common;

use common::{tifa, with_glossary};

#[test]
fn fix_in_place_keeps_a_backup_and_says_what_changed() {
    let dir = with_glossary();
    let original = "Two maintenances were stressed.\nThey stressed the “two maintenances”.\n";
    std::fs::write(dir.path().join("draft.txt"), original).unwrap();
    let out = tifa(dir.path())
        .args(["check", "--fix", "--in-place", "draft.txt"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out,
        "draft.txt:1:1: \"Two maintenances\" → \"The Two Upholds\"\n\
         draft.txt:2:20: \"two maintenances\" → \"Two Upholds\"\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.txt")).unwrap(),
        "The Two Upholds were stressed.\nThey stressed the “Two Upholds”.\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.txt.orig")).unwrap(),
        original
    );
    // Without a backup; a clean file is not touched and gets no backup.
    std::fs::write(dir.path().join("second.txt"), original).unwrap();
    std::fs::write(dir.path().join("clean.txt"), "The Two Upholds.\n").unwrap();
    tifa(dir.path())
        .args([
            "check",
            "--fix",
            "--in-place",
            "--no-backup",
            "second.txt",
            "clean.txt",
        ])
        .assert()
        .success();
    assert!(!dir.path().join("second.txt.orig").exists());
    assert!(!dir.path().join("clean.txt.orig").exists());
    assert!(std::fs::read_to_string(dir.path().join("second.txt"))
        .unwrap()
        .starts_with("The Two Upholds"));
}

#[test]
fn a_fix_that_would_break_the_sentence_is_reported_not_made() {
    let dir = with_glossary();
    // Sentences as the press writes them, with the bundled glossary's
    // deprecated "central Politburo" and "CCP".
    let text = "Xi presided over a central Politburo meeting on Monday.\n\
                The central Politburo met on Friday.\n\
                CCP officials said the CCP's plan works.\n";
    let assert = tifa(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(text)
        .assert()
        .code(1);
    let output = assert.get_output();
    let fixed = String::from_utf8(output.stdout.clone()).unwrap();
    let errors = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(
        fixed,
        "Xi presided over a central Politburo meeting on Monday.\n\
         The Political Bureau of the CPC Central Committee met on Friday.\n\
         CCP officials said the Communist Party of China's plan works.\n"
    );
    assert!(
        errors.contains("<stdin>:1:20: not fixed: \"central Politburo\""),
        "{errors}"
    );
    assert!(
        errors.contains("<stdin>:3:1: not fixed: \"CCP\""),
        "{errors}"
    );
    assert!(!fixed.contains("the the") && !fixed.contains("a the"));
}
