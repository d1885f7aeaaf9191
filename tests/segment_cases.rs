//! Table-driven tests of the segmenter on cases taken from real text, and the
//! no-text-lost property over every text the project ships.
//!
//! The cases live in `tests/segment/en.cases` and `tests/segment/zh.cases`:
//!
//! ```text
//! === what the case shows (where the text comes from)
//! input text, as many lines as needed (blank lines count)
//! ---
//! expected sentence 1
//! expected sentence 2
//! ```
//!
//! Adding a case is adding a block. Lines starting with `#` before the first
//! `===` are comments.

use std::fs;
use std::path::{Path, PathBuf};

use tifa::segment::segment;
use tifa::Lang;

struct Case {
    name: String,
    line: usize,
    input: String,
    expected: Vec<String>,
}

fn parse_cases(path: &Path) -> Vec<Case> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases = Vec::new();
    let mut current: Option<(Case, bool)> = None;
    for (n, line) in text.lines().enumerate() {
        if let Some(name) = line.strip_prefix("=== ") {
            if let Some((case, _)) = current.take() {
                cases.push(case);
            }
            current = Some((
                Case {
                    name: name.trim().to_string(),
                    line: n + 1,
                    input: String::new(),
                    expected: Vec::new(),
                },
                false,
            ));
            continue;
        }
        let Some((case, in_expected)) = current.as_mut() else {
            continue;
        };
        if !*in_expected && line == "---" {
            *in_expected = true;
        } else if *in_expected {
            if !line.is_empty() {
                case.expected.push(line.to_string());
            }
        } else {
            case.input.push_str(line);
            case.input.push('\n');
        }
    }
    if let Some((case, _)) = current {
        cases.push(case);
    }
    cases
}

fn run_cases(file: &str, lang: Lang, minimum: usize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/segment")
        .join(file);
    let cases = parse_cases(&path);
    assert!(
        cases.len() >= minimum,
        "{file} has {} cases; keep at least {minimum}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        assert!(
            !case.expected.is_empty(),
            "{file}:{} {} expects nothing",
            case.line,
            case.name
        );
        let got: Vec<String> = segment(&case.input, lang)
            .into_iter()
            .map(|s| s.text)
            .collect();
        if got != case.expected {
            failures.push(format!(
                "{file}:{} {}\n  expected: {:#?}\n  got:      {:#?}",
                case.line, case.name, case.expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn english_cases() {
    run_cases("en.cases", Lang::En, 80);
}

#[test]
fn chinese_cases() {
    run_cases("zh.cases", Lang::Zh, 30);
}

fn texts_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            texts_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(path);
        }
    }
}

/// Every non-white-space character of the input belongs to exactly one
/// segment, and each segment's text is made of the characters of its spans.
fn assert_nothing_lost(path: &Path) {
    let bytes = fs::read(path).unwrap();
    let (text, _) = tifa::formats::decode::decode(path, &bytes).unwrap();
    let lang = Lang::detect(&text).unwrap_or(Lang::En);
    let segments = segment(&text, lang);
    let mut covered = vec![0u32; text.len()];
    for s in &segments {
        let mut from_spans = String::new();
        for span in &s.spans {
            covered[span.clone()].iter_mut().for_each(|c| *c += 1);
            from_spans.push_str(&text[span.clone()]);
        }
        let visible = |t: &str| -> String {
            use unicode_normalization::UnicodeNormalization;
            t.nfc().filter(|c| !c.is_whitespace()).collect()
        };
        assert_eq!(
            visible(&s.text),
            visible(&from_spans),
            "{}: segment {:?}",
            path.display(),
            s.text
        );
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            assert_eq!(
                covered[i],
                1,
                "{}: byte {i} ({c:?}) is in {} segments",
                path.display(),
                covered[i]
            );
        }
    }
}

#[test]
fn no_text_is_lost_in_shipped_texts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    texts_under(&root.join("tm"), &mut files);
    texts_under(&root.join("tests/fixtures"), &mut files);
    assert!(files.len() >= 6, "found only {files:?}");
    for file in files {
        // Fixtures that are deliberately not text are skipped by decode.
        let bytes = fs::read(&file).unwrap();
        if tifa::formats::decode::decode(&file, &bytes).is_ok() {
            assert_nothing_lost(&file);
        }
    }
}

/// Run with `TIFA_CORPUS=../shared/corpus cargo test -- --ignored` while
/// developing: the same property over a whole corpus of real text.
#[test]
#[ignore]
fn no_text_is_lost_in_a_corpus() {
    let dir = std::env::var_os("TIFA_CORPUS").expect(
        "set TIFA_CORPUS to a folder of .txt files (this test is run on purpose, with --ignored)",
    );
    let mut files = Vec::new();
    texts_under(Path::new(&dir), &mut files);
    assert!(!files.is_empty(), "no .txt files under {dir:?}");
    for file in files {
        assert_nothing_lost(&file);
    }
}
