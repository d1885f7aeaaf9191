//! `tifa check --format html|xlsx` and `-o FILE`: the reports as a reader
//! gets them, from the real binary; and, with chromium, the page as a
//! browser shows it.

mod common;

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use common::{report, tifa, with_glossary};

/// Runs `tifa check ARGS` in `dir`: exit code, stdout bytes, stderr.
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = tifa(dir).arg("check").args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

const DRAFT: &str = "They achieve the two maintenances.\n\
<script>alert('x')</script> They promote comprehensive and strict party governance & \"the two maintenances\".\n";

#[test]
fn the_html_page_groups_by_concept_marks_the_span_and_escapes_everything() {
    let dir = with_glossary();
    std::fs::write(dir.path().join("a<b>.txt"), DRAFT).unwrap();
    let (code, out, err) = check(dir.path(), &["a<b>.txt", "--format", "html"]);
    assert_eq!(code, 1, "{err}");
    let page = String::from_utf8(out).unwrap();

    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{page}"
    );
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("name=\"viewport\""));
    assert!(page.contains("\"Noto Sans CJK SC\"") && page.contains("\"Microsoft YaHei\""));
    assert!(page.trim_end().ends_with("</html>"));
    // Self-contained: no script, nothing fetched.
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<link") && !page.contains("src="));

    // What was checked, escaped, and the totals per kind.
    assert!(page.contains("<code>a&lt;b&gt;.txt</code>"), "{page}");
    assert!(page.contains("3 findings in 2 concepts:"), "{page}");
    assert!(page.contains("deprecated 3"), "{page}");

    // Two sections, in the order the concepts are first found; the Two
    // Upholds' holds both of its findings.
    let sections: Vec<&str> = page.split("<section class=\"concept\"").skip(1).collect();
    assert_eq!(sections.len(), 2, "{page}");
    assert!(sections[0].contains("两个维护</span> → the Two Upholds"));
    assert!(sections[0].contains("(2 findings)"));
    assert_eq!(sections[0].matches("<li class=\"finding").count(), 2);
    assert!(sections[1].contains("全面从严治党</span> → full and rigorous Party self-governance"));
    assert_eq!(sections[1].matches("<li class=\"finding").count(), 1);

    // Each finding: kind, place, the line with the span marked, the
    // preferred rendering and its source.
    assert!(sections[0].contains("<span class=\"kind kind-deprecated\">deprecated</span>"));
    assert!(
        sections[0].contains("a&lt;b&gt;.txt:1:18"),
        "{}",
        sections[0]
    );
    assert!(sections[0].contains(
        "<p class=\"line\" lang=\"en\">They achieve the <mark>two maintenances</mark>.</p>"
    ));
    assert!(sections[0].contains("<dt>Preferred</dt><dd><strong>the Two Upholds</strong>"));
    assert!(sections[0].contains("<dt>Source</dt><dd><a href=\"http"));

    // The hostile line, escaped whole.
    assert!(
        sections[1].contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; They promote \
             <mark>comprehensive and strict party governance</mark> &amp; \
             &quot;the two maintenances&quot;."
        ),
        "{}",
        sections[1]
    );
}

#[test]
fn a_clean_text_makes_a_page_that_says_no_findings() {
    let dir = with_glossary();
    let out = tifa(dir.path())
        .args(["check", "--format", "html", "-"])
        .write_stdin("The Party upholds the Two Upholds.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("No findings"), "{page}");
    assert!(page.contains("<code>&lt;stdin&gt;</code>"), "{page}");
    assert!(!page.contains("<section"));
}

/// The Findings sheet of an .xlsx file's bytes, and its formulas.
fn findings_sheet(bytes: &[u8]) -> (calamine::Range<Data>, calamine::Range<String>) {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(book.sheet_names(), ["Findings"]);
    let cells = book.worksheet_range("Findings").unwrap();
    let formulas = book.worksheet_formula("Findings").unwrap();
    (cells, formulas)
}

fn text(cells: &calamine::Range<Data>, row: usize, col: usize) -> String {
    match cells.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        other => panic!("({row}, {col}) is not text: {other:?}"),
    }
}

#[test]
fn the_workbook_has_a_header_a_row_per_finding_and_keeps_text_as_text() {
    let dir = with_glossary();
    std::fs::write(
        dir.path().join("=1+1.txt"),
        "=SUM(A1) They achieve the two maintenances.\n\
         The plenum called for governing the Party comprehensively and strictly.\n",
    )
    .unwrap();
    // Standard output is a pipe here: the workbook comes out on it.
    let (code, bytes, err) = check(dir.path(), &["=1+1.txt", "--format", "xlsx"]);
    assert_eq!(code, 1, "{err}");
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");
    let (cells, formulas) = findings_sheet(&bytes);

    let header: Vec<String> = (0..13).map(|c| text(&cells, 0, c)).collect();
    assert_eq!(
        header,
        [
            "place",
            "kind",
            "side",
            "found",
            "preferred",
            "concept",
            "zh",
            "message",
            "line",
            "score",
            "source",
            "source date",
            "source url"
        ]
    );
    assert_eq!(cells.height(), 3, "a header and two findings");

    let row = 1;
    assert_eq!(text(&cells, row, 0), "=1+1.txt:1:27");
    assert_eq!(text(&cells, row, 1), "deprecated");
    assert_eq!(text(&cells, row, 2), "en");
    assert_eq!(text(&cells, row, 3), "two maintenances");
    assert_eq!(text(&cells, row, 4), "the Two Upholds");
    assert_eq!(text(&cells, row, 6), "两个维护");
    assert_eq!(
        text(&cells, row, 8),
        "=SUM(A1) They achieve the two maintenances."
    );
    assert!(!text(&cells, row, 10).is_empty(), "the source's title");
    assert!(
        text(&cells, row, 12).starts_with("http"),
        "the source's url"
    );

    // The near rendering's score is a number.
    let near = 2;
    assert_eq!(text(&cells, near, 1), "nonstandard");
    match cells.get((near, 9)) {
        Some(Data::Float(score)) => assert!((0.0..=1.0).contains(score), "{score}"),
        other => panic!("the score is not a number: {other:?}"),
    }

    // Nothing was written as a formula.
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "{formulas:?}"
    );
}

#[test]
fn dash_o_writes_the_file_whole_and_nothing_to_standard_output() {
    let dir = with_glossary();
    std::fs::write(dir.path().join("draft.txt"), DRAFT).unwrap();
    let (_, text_out, _) = check(dir.path(), &["draft.txt"]);
    assert!(!text_out.is_empty());
    for (format, file) in [
        ("text", "out.txt"),
        ("jsonl", "out.jsonl"),
        ("json", "out.json"),
        ("html", "out.html"),
        ("xlsx", "out.xlsx"),
    ] {
        let (code, out, err) = check(dir.path(), &["draft.txt", "--format", format, "-o", file]);
        assert_eq!(
            code, 1,
            "{format}: exit 1 for findings, whatever the format: {err}"
        );
        assert!(out.is_empty(), "{format}: nothing on standard output");
        let written = std::fs::read(dir.path().join(file)).unwrap();
        assert!(!written.is_empty(), "{format}");
        // The file holds what standard output would.
        let (_, piped, _) = check(dir.path(), &["draft.txt", "--format", format]);
        if format != "xlsx" {
            assert_eq!(written, piped, "{format}");
        } else {
            let (cells, _) = findings_sheet(&written);
            assert_eq!(cells.height(), 4);
        }
    }
    let written = std::fs::read(dir.path().join("out.txt")).unwrap();
    assert_eq!(written, text_out, "the text format is unchanged");

    // `--output` is the long name; `-o -` is standard output.
    let (_, out, _) = check(
        dir.path(),
        &["draft.txt", "--output", "long.html", "--format", "html"],
    );
    assert!(out.is_empty() && dir.path().join("long.html").is_file());
    let (_, out, _) = check(dir.path(), &["draft.txt", "-o", "-"]);
    assert_eq!(out, text_out);

    // A clean text: exit 0, the file says so.
    std::fs::write(dir.path().join("clean.txt"), "The Two Upholds.\n").unwrap();
    let (code, out, _) = check(
        dir.path(),
        &["clean.txt", "--format", "html", "-o", "clean.html"],
    );
    assert_eq!((code, out.len()), (0, 0));
    let page = std::fs::read_to_string(dir.path().join("clean.html")).unwrap();
    assert!(page.contains("No findings"));
}

#[test]
fn a_failed_check_leaves_no_file_and_fix_takes_no_dash_o() {
    let dir = with_glossary();
    std::fs::write(dir.path().join("draft.txt"), DRAFT).unwrap();
    let (code, _, err) = check(
        dir.path(),
        &[
            "draft.txt",
            "missing.txt",
            "--format",
            "html",
            "-o",
            "r.html",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    assert!(!dir.path().join("r.html").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tifa-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let (code, _, err) = check(dir.path(), &["--fix", "draft.txt", "-o", "fixed.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    assert!(!dir.path().join("fixed.txt").exists());
}

/// chromium on PATH, as Debian (chromium) or Ubuntu (chromium-browser)
/// names it.
fn chromium() -> std::path::PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser"] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!("neither chromium nor chromium-browser is on PATH");
}

#[test]
#[ignore = "needs chromium (Debian package chromium); run by .ci/run after it installs it"]
fn chromium_renders_the_page_of_a_real_report() {
    let dir = with_glossary();
    let text = report("chongqing-plenary-2023-07-report-a.en.txt");
    let (code, _, err) = check(
        dir.path(),
        &[
            text.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            "report.html",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let page = dir.path().join("report.html");
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let browser = chromium();
    let profile = dir.path().join("chromium-profile");
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(&browser)
            .args(["--headless", "--no-sandbox", "--disable-gpu"])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(extra)
            .arg(&url)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };

    let shot = dir.path().join("report.png");
    run(&[
        &format!("--screenshot={}", shot.display()),
        "--window-size=1200,900",
    ]);
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(
        png.len() > 20_000,
        "a page, not a blank: {} bytes",
        png.len()
    );

    let dom = String::from_utf8(run(&["--dump-dom"])).unwrap();
    assert!(dom.contains("<mark>two maintenances</mark>"), "{dom}");
    assert!(dom.contains("the Two Upholds"));
    assert!(dom.contains("<section class=\"concept\""));
}

/// On a terminal (util-linux `script` gives the command one), xlsx without
/// `-o` is refused, and `-o FILE` gets no colour under `--color auto`.
#[test]
fn xlsx_on_a_terminal_needs_dash_o() {
    if !Path::new("/usr/bin/script").is_file() {
        eprintln!("no /usr/bin/script: skipped");
        return;
    }
    let dir = with_glossary();
    std::fs::write(dir.path().join("draft.txt"), DRAFT).unwrap();
    let on_terminal = |args: &str| {
        let command = format!("{} check draft.txt {args}", env!("CARGO_BIN_EXE_tifa"));
        let out = std::process::Command::new("/usr/bin/script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(dir.path())
            .env_remove("TIFA_DB")
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = on_terminal("--format xlsx");
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("--format xlsx writes a binary file: give -o FILE"),
        "{out}"
    );
    let (code, out) = on_terminal("--format xlsx -o r.xlsx");
    assert_eq!(code, 1, "{out}");
    assert!(std::fs::read(dir.path().join("r.xlsx"))
        .unwrap()
        .starts_with(b"PK"));
    let (code, _) = on_terminal("-o r.txt");
    assert_eq!(code, 1);
    let text = std::fs::read_to_string(dir.path().join("r.txt")).unwrap();
    assert!(
        text.contains("deprecated:") && !text.contains('\u{1b}'),
        "{text}"
    );
}
