//! Export throughput and peak memory at 1,000,000 units.
//!
//! Run with `cargo bench --bench export` (TIFA_BENCH_UNITS changes the
//! count). Builds a memory of deterministic synthetic pairs (the bundled
//! reports' sentences, numbered so that each is new, with Chinese sentences
//! from the bundled 20th Congress report) by importing a TSV with the real
//! `tifa` binary, then runs `tifa export` to TMX and to CSV as separate
//! processes and reports units/s and the export process's peak resident
//! memory (VmHWM from /proc).

mod common;

use std::io::Write;
use std::process::Command;

fn main() {
    let root = common::root();
    let units: usize = std::env::var("TIFA_BENCH_UNITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let tifa = root.join("target/release/tifa");
    assert!(
        tifa.exists(),
        "build the release binary first: cargo build --release"
    );
    let en = [
        common::sentences("tm/un-general-debate/CHN_77_2022.txt"),
        common::sentences("tm/un-general-debate/CHN_79_2024.txt"),
    ]
    .concat();
    let zh = common::sentences("tm/zh/cpc-20th-national-congress-report.zh.txt");
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("pairs.tsv");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tsv).unwrap());
        writeln!(w, "en\tzh").unwrap();
        for i in 0..units {
            writeln!(w, "{} ({i})\t{}（{i}）", en[i % en.len()], zh[i % zh.len()]).unwrap();
        }
    }
    let db = dir.path().join("bench.db");
    let (seconds, peak) = common::run_measured(
        Command::new(&tifa)
            .arg("--db")
            .arg(&db)
            .args(["import", "-q"])
            .arg(&tsv),
    );
    println!(
        "import {units} pairs from TSV: {seconds:.1} s = {:.0} units/s, peak {:.0} MB",
        units as f64 / seconds,
        peak as f64 / 1024.0
    );
    for (format, name) in [("tmx", "out.tmx"), ("csv", "out.csv")] {
        let out = dir.path().join(name);
        let (seconds, peak) = common::run_measured(
            Command::new(&tifa)
                .arg("--db")
                .arg(&db)
                .args(["export", "--format", format, "-o"])
                .arg(&out),
        );
        let size = std::fs::metadata(&out).unwrap().len() as f64 / (1 << 20) as f64;
        println!(
            "export {units} units to {format}: {seconds:.1} s = {:.0} units/s, {size:.0} MB written, peak memory {:.1} MB",
            units as f64 / seconds,
            peak as f64 / 1024.0
        );
    }
}
