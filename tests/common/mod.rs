//! Shared helpers for the integration tests: run the real `tifa` binary in a
//! temporary directory on real files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The project's root directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

pub fn report(name: &str) -> PathBuf {
    root().join("tm").join(name)
}

/// `tifa` run in `dir`, with no database set from outside and no colour.
pub fn tifa(dir: &Path) -> Command {
    let mut cmd = Command::from_std(std::process::Command::new(env!("CARGO_BIN_EXE_tifa")));
    cmd.current_dir(dir)
        .env_remove("TIFA_DB")
        .env("NO_COLOR", "1");
    cmd
}

/// Runs tifa and returns its stdout, asserting success.
pub fn stdout_of(dir: &Path, args: &[&str]) -> String {
    let out = tifa(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The value of a `  name   N` line in `tifa stats` output.
pub fn stat(stats: &str, name: &str) -> u64 {
    stats
        .lines()
        .find_map(|l| {
            l.trim_start()
                .strip_prefix(name)
                .map(|rest| rest.split_whitespace().next().unwrap().parse().unwrap())
        })
        .unwrap_or_else(|| panic!("no {name:?} in {stats}"))
}

/// A temporary folder holding copies of the bundled tm/ and glossary/.
pub fn bundled_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("tm"), &dir.path().join("tm"));
    copy_dir(&root().join("glossary"), &dir.path().join("glossary"));
    dir
}

/// The concept files of the bundled glossary/ (not its sources and
/// renderings files, which are found next to them).
pub fn glossary_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("glossary"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .filter(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy();
            stem != "sources" && stem != "renderings"
        })
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

/// `glossary import` of the bundled glossary/ files, with `extra`
/// arguments before them.
pub fn import_glossary(dir: &Path, extra: &[&str]) -> String {
    let files = glossary_files();
    let mut args = vec!["glossary", "import"];
    args.extend_from_slice(extra);
    args.extend(files.iter().map(String::as_str));
    stdout_of(dir, &args)
}

/// A temporary folder whose database holds the bundled glossary, imported
/// from glossary/.
pub fn with_glossary() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    import_glossary(dir.path(), &[]);
    dir
}
