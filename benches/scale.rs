//! tifa at the scale of a real memory: every figure of issue 6 at 10k, 100k
//! and 1M units.
//!
//! Run with `cargo build --release && cargo bench --bench scale`
//! (TIFA_BENCH_SIZES=10000,100000 for other sizes; TIFA_BENCH_STEPS to run
//! only some of text,tsv,match,search,check,export: match, search, check
//! and export use the TSV import's memory, which TIFA_BENCH_DIR=DIR keeps
//! for the next run). For each size it writes deterministic
//! synthetic report sentences (the bundled reports' English sentences with
//! numbered variants, so many are near-duplicates, and exact repeats) and
//! measures, with the real `tifa` binary on a database holding the bundled
//! glossary:
//! - import of a plain English text file of that many sentences
//!   (segmentation, deduplication, term annotation): time, MB/s, peak memory;
//! - import of a TSV of that many pairs (each English sentence with a
//!   Chinese sentence of the 20th Congress report): time, units/s, database
//!   size, peak memory;
//! - 200 fuzzy-match queries that are edited copies of stored sentences (a
//!   word deleted, replaced, or two words swapped) through the library:
//!   latency p50/p95/p99 and how often the intended sentence ranks first;
//!   and 20 whole `tifa match` processes;
//! - 200 `search` queries (two-word phrases, 50 hits);
//! - `tifa check` of the text file against the glossary: MB/s;
//! - `tifa export` of the memory to TMX and CSV: units/s and peak memory.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use tifa::fuzzy::find_matches;
use tifa::search::{search, SearchQuery};
use tifa::store::Store;
use tifa::Lang;

/// Sentences of a bundled file long enough to edit (six words, or twelve
/// Chinese characters).
fn sentences(file: &str) -> Vec<String> {
    common::sentences(file)
        .into_iter()
        .filter(|s| s.split(' ').count() >= 6 || s.chars().count() >= 12)
        .collect()
}

/// The i-th synthetic English sentence: a report sentence with a number
/// woven in, so that sentences are distinct but many are near-duplicates.
fn english(base: &[String], i: usize) -> String {
    let s = &base[i % base.len()];
    let n = i / base.len();
    match s.find(' ') {
        Some(at) if n > 0 => format!("{} {} in {}{}", &s[..at], n, 1950 + n % 75, &s[at..]),
        _ => s.clone(),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// An edited copy of a sentence: a word deleted, replaced, or two swapped.
fn edit(s: &str, rng: &mut common::Lcg) -> String {
    let mut words: Vec<&str> = s.split(' ').collect();
    let i = 1 + rng.below(words.len() - 2);
    match rng.below(3) {
        0 => {
            words.remove(i);
        }
        1 => words[i] = "notably",
        _ => words.swap(i, i + 1),
    }
    words.join(" ")
}

fn mb(path: &Path) -> f64 {
    std::fs::metadata(path).unwrap().len() as f64 / (1 << 20) as f64
}

/// A database holding the bundled glossary.
fn database(tifa: &Path, dir: &Path, name: &str) -> std::path::PathBuf {
    let db = dir.join(name);
    let glossary = common::root().join("glossary/glossary.csv");
    let status = Command::new(tifa)
        .arg("--db")
        .arg(&db)
        .args(["glossary", "import"])
        .arg(glossary)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    db
}

fn main() {
    let root = common::root();
    let tifa = root.join("target/release/tifa");
    assert!(
        tifa.exists(),
        "build the release binary first: cargo build --release"
    );
    let sizes: Vec<usize> = std::env::var("TIFA_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let steps = std::env::var("TIFA_BENCH_STEPS")
        .unwrap_or_else(|_| "text,tsv,match,search,check,export".into());
    let step = |name: &str| steps.split(',').any(|s| s.trim() == name);
    let base = [
        sentences("tm/un-general-debate/CHN_77_2022.txt"),
        sentences("tm/un-general-debate/CHN_79_2024.txt"),
        sentences("tm/un-general-debate/CHN_50_1995.txt"),
        sentences("tm/chongqing-plenary-2023-07-report-a.en.txt"),
    ]
    .concat();
    // The text file's sentences are the shorter ones, so that a million of
    // them make about 105 MB, as in issue 6.
    let short: Vec<String> = base.iter().filter(|s| s.len() <= 170).cloned().collect();
    let zh = sentences("tm/zh/cpc-20th-national-congress-report.zh.txt");
    for size in sizes {
        // TIFA_BENCH_DIR keeps the files and databases (for profiling).
        let temp = tempfile::tempdir().unwrap();
        let dir = match std::env::var_os("TIFA_BENCH_DIR") {
            Some(d) => {
                let d = Path::new(&d).join(size.to_string());
                std::fs::create_dir_all(&d).unwrap();
                for (db, made_by) in [("text.db", "text"), ("bench.db", "tsv")] {
                    if step(made_by) {
                        for end in ["", "-wal", "-shm"] {
                            let _ = std::fs::remove_file(d.join(format!("{db}{end}")));
                        }
                    }
                }
                d
            }
            None => temp.path().to_path_buf(),
        };
        let dir = dir.as_path();

        // A report of `size` sentences, five to a paragraph; every tenth is
        // an exact repeat of a bundled sentence.
        let text = dir.join("report.txt");
        {
            let mut w = std::io::BufWriter::new(std::fs::File::create(&text).unwrap());
            for i in 0..size {
                let sentence = if i % 10 == 9 {
                    short[i % short.len()].clone()
                } else {
                    english(&short, i)
                };
                let end = if i % 5 == 4 { "\n\n" } else { " " };
                write!(w, "{sentence}{end}").unwrap();
            }
        }
        if step("text") {
            let db = database(&tifa, dir, "text.db");
            let (secs, peak) = common::run_measured(
                Command::new(&tifa)
                    .arg("--db")
                    .arg(&db)
                    .args(["import", "-q", "--lang", "en"])
                    .arg(&text),
            );
            let stats = Store::open(&db).unwrap().stats().unwrap();
            println!(
                "[{size} units] import of a {:.0} MB English text file: {secs:.1} s = {:.1} MB/s, {:.0} sentences/s; {} occurrences, {} distinct sentences; database {:.0} MB; peak {:.0} MB",
                mb(&text),
                mb(&text) / secs,
                stats.occurrences as f64 / secs,
                stats.occurrences,
                stats.sentences_en,
                mb(&db),
                peak as f64 / 1024.0
            );
        }

        let tsv = dir.join("pairs.tsv");
        {
            let mut w = std::io::BufWriter::new(std::fs::File::create(&tsv).unwrap());
            writeln!(w, "en\tzh").unwrap();
            for i in 0..size {
                writeln!(w, "{}\t{}（{}）", english(&base, i), zh[i % zh.len()], i).unwrap();
            }
        }
        let db = dir.join("bench.db");
        if step("tsv") || !db.exists() {
            let db = database(&tifa, dir, "bench.db");
            let (secs, peak) = common::run_measured(
                Command::new(&tifa)
                    .arg("--db")
                    .arg(&db)
                    .args(["import", "-q"])
                    .arg(&tsv),
            );
            println!(
                "[{size} units] import of a {:.0} MB TSV of pairs: {secs:.1} s = {:.0} units/s; database {:.0} MB; peak {:.0} MB",
                mb(&tsv),
                size as f64 / secs,
                mb(&db),
                peak as f64 / 1024.0
            );
        }

        let store = Store::open(&db).unwrap();
        let mut rng = common::Lcg(size as u64);
        if step("match") {
            let mut latencies = Vec::new();
            let mut first = 0;
            let queries = 200;
            for _ in 0..queries {
                let intended = english(&base, rng.below(size));
                let query = edit(&intended, &mut rng);
                let started = Instant::now();
                let found = find_matches(&store, &query, Lang::En, 5, 0).unwrap();
                latencies.push(started.elapsed().as_secs_f64() * 1000.0);
                if found.first().is_some_and(|m| m.text == intended) {
                    first += 1;
                } else if std::env::var_os("TIFA_BENCH_DEBUG").is_some() {
                    eprintln!(
                        "query:    {query}\nintended: {intended}\nfirst:    {:?}\n",
                        found.first().map(|m| (&m.text, m.score))
                    );
                }
            }
            latencies.sort_by(|a, b| a.total_cmp(b));
            println!(
                "[{size} units] match in one process: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms; intended sentence first in {:.1}% of {queries}",
                percentile(&latencies, 0.5),
                percentile(&latencies, 0.95),
                percentile(&latencies, 0.99),
                100.0 * first as f64 / queries as f64
            );

            let mut process = Vec::new();
            for _ in 0..20 {
                let query = edit(&english(&base, rng.below(size)), &mut rng);
                let started = Instant::now();
                let out = Command::new(&tifa)
                    .arg("--db")
                    .arg(&db)
                    .args(["match", &query, "--min", "0"])
                    .output()
                    .unwrap();
                assert!(out.status.success());
                process.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            process.sort_by(|a, b| a.total_cmp(b));
            println!(
                "[{size} units] whole `tifa match` process: p50 {:.1} ms, p95 {:.1} ms (20 runs)",
                percentile(&process, 0.5),
                percentile(&process, 0.95)
            );
        }

        if step("search") {
            let mut search_ms = Vec::new();
            for _ in 0..200 {
                let s = english(&base, rng.below(size));
                let words: Vec<&str> = s
                    .split(' ')
                    .filter(|w| w.chars().all(char::is_alphabetic))
                    .collect();
                if words.len() < 2 {
                    continue;
                }
                let i = rng.below(words.len() - 1);
                let phrase = format!("{} {}", words[i], words[i + 1]);
                let started = Instant::now();
                let hits = search(
                    &store,
                    &SearchQuery {
                        text: Some(phrase),
                        limit: 50,
                        ..SearchQuery::default()
                    },
                )
                .unwrap();
                search_ms.push(started.elapsed().as_secs_f64() * 1000.0);
                std::hint::black_box(hits);
            }
            search_ms.sort_by(|a, b| a.total_cmp(b));
            println!(
                "[{size} units] search (two-word phrases, 50 hits): p50 {:.1} ms, p95 {:.1} ms",
                percentile(&search_ms, 0.5),
                percentile(&search_ms, 0.95)
            );
        }
        drop(store);

        if step("check") {
            let (secs, peak) = common::run_measured_allowing(
                Command::new(&tifa)
                    .arg("--db")
                    .arg(&db)
                    .args(["check", "--format", "jsonl"])
                    .arg(&text)
                    .stdout(std::process::Stdio::null()),
                &[0, 1],
            );
            println!(
                "[{size} units] check of the {:.0} MB text file against the glossary: {secs:.2} s = {:.1} MB/s; peak {:.0} MB",
                mb(&text),
                mb(&text) / secs,
                peak as f64 / 1024.0
            );
        }

        if step("export") {
            for format in ["tmx", "csv"] {
                let out = dir.join(format!("out.{format}"));
                let (secs, peak) = common::run_measured(
                    Command::new(&tifa)
                        .arg("--db")
                        .arg(&db)
                        .args(["export", "--format", format, "-o"])
                        .arg(&out),
                );
                println!(
                    "[{size} units] export to {format}: {secs:.2} s = {:.0} units/s, {:.0} MB written; peak {:.1} MB",
                    size as f64 / secs,
                    mb(&out),
                    peak as f64 / 1024.0
                );
            }
        }
    }
}
