//! Export throughput and peak memory at 1,000,000 units.
//!
//! Run with `cargo bench --bench export` (TIFA_BENCH_UNITS changes the
//! count). Builds a memory of deterministic synthetic pairs (the bundled
//! reports' sentences, numbered so that each is new, with Chinese sentences
//! from the bundled 20th Congress report) by importing a TSV with the real
//! `tifa` binary, then runs `tifa export` to TMX and to CSV as separate
//! processes and reports units/s and the export process's peak resident
//! memory (VmHWM from /proc).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn sentences(root: &Path, file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    tifa::segment::segment(&text, tifa::Lang::detect(&text).unwrap())
        .into_iter()
        .map(|s| s.text)
        .filter(|s| !s.contains('\t'))
        .collect()
}

/// Runs a command, sampling its peak resident memory; returns (seconds, peak KiB).
fn run_measured(cmd: &mut Command) -> (f64, u64) {
    let started = Instant::now();
    let mut child = cmd.spawn().expect("run tifa");
    let status_path = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak = 0u64;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_path) {
            for line in status.lines() {
                if let Some(v) = line.strip_prefix("VmHWM:") {
                    peak = peak.max(v.trim().trim_end_matches(" kB").trim().parse().unwrap_or(0));
                }
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{cmd:?} failed");
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (started.elapsed().as_secs_f64(), peak)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
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
        sentences(root, "tm/un-general-debate/CHN_77_2022.txt"),
        sentences(root, "tm/un-general-debate/CHN_79_2024.txt"),
    ]
    .concat();
    let zh = sentences(root, "tm/zh/cpc-20th-national-congress-report.zh.txt");
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
    let (seconds, peak) = run_measured(
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
        let (seconds, peak) = run_measured(
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
