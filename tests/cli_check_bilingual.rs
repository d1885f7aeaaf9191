//! Bilingual QA: numbers that differ between the sides, Chinese left in the
//! English, a Chinese sentence with no English, and one sentence translated
//! two ways, in a TMX file (checked as pairs, not as XML text), a pairs file
//! and the stored memory. The units are the Constitution's official
//! articles (tests/fixtures/parallel) and copies of them with one error
//! each.

mod common;

use common::{fixture, tifa, with_glossary};

/// Article 34 (official), Article 34 with "18" changed to "16", Article 35
/// with a Chinese word left in, Article 79 with no English.
fn units() -> Vec<(Option<String>, String)> {
    let read = |lang: &str| {
        std::fs::read_to_string(fixture(&format!(
            "parallel/prc-constitution-2018.{lang}.txt"
        )))
        .unwrap()
    };
    let (en, zh) = (read("en"), read("zh"));
    let para = |text: &str, start: &str| -> String {
        text.split("\n\n")
            .find(|p| p.starts_with(start))
            .unwrap_or_else(|| panic!("no paragraph starts with {start}"))
            .trim()
            .to_string()
    };
    let (e34, z34) = (para(&en, "Article 34 "), para(&zh, "第三十四条"));
    let (e35, z35) = (para(&en, "Article 35 "), para(&zh, "第三十五条"));
    assert!(e34.contains("age of 18") && e35.contains("freedom of speech"));
    vec![
        (Some(e34.clone()), z34.clone()),
        (Some(e34.replace("age of 18", "age of 16")), z34),
        (
            Some(e35.replace("freedom of speech", "freedom of speech (言论)")),
            z35,
        ),
        (None, para(&zh, "第七十九条")),
    ]
}

fn tmx(units: &[(Option<String>, String)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n\
         <header creationtool=\"test\" creationtoolversion=\"1\" segtype=\"paragraph\" \
         o-tmf=\"none\" adminlang=\"en\" srclang=\"zh-CN\" datatype=\"plaintext\"/>\n<body>\n",
    );
    for (en, zh) in units {
        out.push_str(&format!(
            "<tu>\n<tuv xml:lang=\"zh-CN\"><seg>{zh}</seg></tuv>\n"
        ));
        if let Some(en) = en {
            out.push_str(&format!("<tuv xml:lang=\"en\"><seg>{en}</seg></tuv>\n"));
        }
        out.push_str("</tu>\n");
    }
    out.push_str("</body>\n</tmx>\n");
    out
}

/// (place, kind, side, found) of each finding.
fn findings(dir: &std::path::Path, args: &[&str]) -> Vec<(String, String, String, String)> {
    let out = tifa(dir)
        .args(["check", "--format", "jsonl"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("place"), s("kind"), s("side"), s("found"))
        })
        .collect()
}

fn row(place: &str, kind: &str, side: &str, found: &str) -> (String, String, String, String) {
    (place.into(), kind.into(), side.into(), found.into())
}

#[test]
fn a_tmx_file_is_checked_as_pairs() {
    let dir = with_glossary();
    let units = units();
    std::fs::write(dir.path().join("qa.tmx"), tmx(&units)).unwrap();
    let found = findings(dir.path(), &["qa.tmx"]);
    let z79 = units[3].1.clone();
    assert_eq!(
        found,
        [
            row("qa.tmx:9", "number", "en", "16"),
            row("qa.tmx:9", "inconsistent", "en", "16"),
            row("qa.tmx:13", "untranslated", "en", "言论"),
            row("qa.tmx:17", "untranslated", "zh", &z79),
        ]
    );
    // The messages say what the other side has.
    let text = tifa(dir.path()).args(["check", "qa.tmx"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("number: [en] \"16\" is not in the Chinese; the Chinese has \"十八\" (18)"),
        "{text}"
    );
    assert!(
        text.contains("the same Chinese is translated otherwise at line 5: \"…reached the age of 18, regardless"),
        "{text}"
    );
    // In the HTML report they are grouped by what they check, with no
    // "Preferred" rendering (they concern no concept).
    let html = tifa(dir.path())
        .args(["check", "--format", "html", "qa.tmx"])
        .output()
        .unwrap();
    let html = String::from_utf8(html.stdout).unwrap();
    for heading in [
        "Numbers one side lacks",
        "Inconsistent translations",
        "Untranslated Chinese",
    ] {
        assert!(html.contains(heading), "{heading}: {html}");
    }
    assert!(html.contains("<mark>16</mark>"), "{html}");
    assert!(!html.contains("<dt>Preferred</dt>"), "{html}");
    // --fix rewrites text, not units.
    let out = tifa(dir.path())
        .args(["check", "--fix", "qa.tmx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("qa.tmx"));
}

#[test]
fn a_pairs_file_and_the_memory_get_the_same_checks() {
    let dir = with_glossary();
    let units = units();
    let mut tsv = String::from("en\tzh\n");
    for (en, zh) in &units {
        tsv.push_str(&format!("{}\t{zh}\n", en.clone().unwrap_or_default()));
    }
    std::fs::write(dir.path().join("qa.tsv"), &tsv).unwrap();
    let kinds: Vec<(String, String)> = findings(dir.path(), &["qa.tsv"])
        .into_iter()
        .map(|(place, kind, _, _)| (place, kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("qa.tsv:3".to_string(), "number".to_string()),
            ("qa.tsv:3".into(), "inconsistent".into()),
            ("qa.tsv:4".into(), "untranslated".into()),
            ("qa.tsv:5".into(), "untranslated".into()),
        ]
    );

    // A Chinese-only memory file is not "untranslated".
    std::fs::write(dir.path().join("zh.tmx"), tmx(&units[3..])).unwrap();
    tifa(dir.path())
        .args(["check", "zh.tmx"])
        .assert()
        .success();

    // The memory: the same units imported from TMX.
    std::fs::write(dir.path().join("qa.tmx"), tmx(&units)).unwrap();
    tifa(dir.path())
        .args(["import", "qa.tmx"])
        .assert()
        .success();
    let found = findings(dir.path(), &["--memory"]);
    let kinds: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(
        kinds,
        ["number", "inconsistent", "untranslated"],
        "{found:?}"
    );
    assert_eq!(found[1].0, "qa.tmx:9.1");
}
