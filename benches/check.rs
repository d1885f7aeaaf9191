//! `check` throughput with a 50,000-term glossary on 100 MB of English.
//!
//! Run with `cargo bench --bench check`. The glossary is the bundled one
//! plus deterministic synthetic concepts (English terms of two to four words
//! drawn from the vocabulary of the bundled reports, Chinese terms of four
//! characters, a quarter of them with a deprecated variant) up to 50,000
//! terms. The text is the English reports of tm/ repeated to 100 MB, checked
//! as `tifa check` does (tifa::check::check_english: a paragraph at a time,
//! long texts split across all cores). Prints MB/s.

mod common;

use std::collections::BTreeSet;
use std::time::Instant;

use tifa::check::{check_english, CheckOptions, Checker};
use tifa::glossary::{Concept, Status, Term};
use tifa::import::glossary::bundled_concepts;
use tifa::Lang;

const TERMS: usize = 50_000;
/// 100 MB, or TIFA_BENCH_MB megabytes (for profiling runs).
fn text_bytes() -> usize {
    std::env::var("TIFA_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100usize)
        << 20
}

fn glossary(reports: &str) -> Vec<Concept> {
    let mut concepts: Vec<Concept> = bundled_concepts().expect("the bundled glossary");
    let vocabulary: Vec<String> = reports
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut rng = common::Lcg(2026);
    let mut terms: usize = concepts.iter().map(|c| c.zh.len() + c.en.len()).sum();
    let mut n = 0;
    while terms < TERMS {
        n += 1;
        let words = 2 + rng.below(3);
        let phrase: Vec<&str> = (0..words)
            .map(|_| vocabulary[rng.below(vocabulary.len())].as_str())
            .collect();
        let mut en = vec![Term::new(phrase.join(" "), Status::Preferred)];
        if rng.below(4) == 0 {
            let mut variant = phrase.clone();
            variant.swap(0, words - 1);
            en.push(Term::new(variant.join(" "), Status::Deprecated));
        }
        let zh: String = (0..4)
            .map(|_| char::from_u32(0x4E00 + rng.below(0x5000) as u32).unwrap())
            .collect();
        terms += 1 + en.len();
        concepts.push(Concept {
            id: format!("synthetic-{n}"),
            category: "synthetic".into(),
            zh: vec![zh],
            en,
            note: String::new(),
            sources: vec![],
            case_sensitive: false,
        });
    }
    concepts
}

fn main() {
    let reports = common::reports(Lang::En);
    let concepts = glossary(&reports);
    let terms: usize = concepts.iter().map(|c| c.zh.len() + c.en.len()).sum();
    let started = Instant::now();
    let checker = Checker::new(concepts, CheckOptions::default()).unwrap();
    let build = started.elapsed().as_secs_f64();
    let mut text = String::with_capacity(text_bytes() + reports.len());
    while text.len() < text_bytes() {
        text.push_str(&reports);
    }
    let mb = text.len() as f64 / (1 << 20) as f64;
    let mut best = f64::MAX;
    let mut findings = 0;
    for _ in 0..3 {
        let started = Instant::now();
        findings = check_english(&checker, &text).expect("check").len();
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "check: {terms} terms ({} patterns), matcher built in {build:.2} s; {mb:.1} MB of English, {findings} findings, best of 3: {best:.2} s = {:.1} MB/s",
        checker.matcher.patterns(),
        mb / best
    );
}
