//! Machine-readable output piped into a reader that stops early
//! (`tifa export | head -2`): tifa exits quietly with status 0, as the
//! classic Unix tools do, instead of reporting a broken pipe.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{bundled_copy, stdout_of};

/// Runs tifa in `dir` with `args`, reads two lines of its output and closes
/// the pipe; returns the exit code and what tifa wrote to stderr.
fn head_two(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .current_dir(dir)
        .env_remove("TIFA_DB")
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        for _ in 0..2 {
            line.clear();
            out.read_line(&mut line).unwrap();
            assert!(!line.is_empty(), "{args:?} wrote less than two lines");
        }
        // Dropping the reader closes the pipe while tifa is still writing.
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_machine_readable_output_stops_quietly_when_the_reader_closes_the_pipe() {
    let dir = bundled_copy();
    stdout_of(dir.path(), &["build", "--no-out"]);
    // Each of these writes far more than a pipe holds (64 KiB), so tifa is
    // still writing when the reader goes away.
    let commands: &[&[&str]] = &[
        &["export"],
        &["export", "--format", "csv"],
        &["export", "--format", "tsv"],
        &["glossary", "export", "--format", "tbx"],
        &["glossary", "export", "--format", "tbx3"],
        &["glossary", "export", "--format", "csv"],
        &["glossary", "export", "--format", "omegat"],
        &["glossary", "list", "--format", "jsonl"],
        &["glossary", "list", "--format", "json"],
        &["glossary", "list", "--format", "csv"],
        &["glossary", "list"],
        &["search", "的", "--limit", "100000", "--format", "jsonl"],
        &["search", "的", "--limit", "100000", "--format", "csv"],
        &["search", "的", "--limit", "100000"],
        &["show", "national-congress-report", "--format", "jsonl"],
        &["show", "national-congress-report"],
    ];
    for args in commands {
        let (code, stderr) = head_two(dir.path(), args);
        assert_eq!(stderr, "", "{args:?}");
        assert_eq!(code, Some(0), "{args:?}");
    }
}
