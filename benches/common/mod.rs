//! What the benchmarks share: the bundled texts, a deterministic generator,
//! and running the real binary while watching its peak memory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tifa::formats::decode::decode;
use tifa::Lang;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A small deterministic generator (64-bit LCG), so every run is the same.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

/// Every bundled report in `lang` (tm/), one after the other.
pub fn reports(lang: Lang) -> String {
    let mut files = Vec::new();
    collect(&root().join("tm"), &mut files);
    let mut text = String::new();
    for file in files {
        let bytes = std::fs::read(&file).expect("read tm/");
        let (t, _) = decode(&file, &bytes).expect("decode tm/");
        if Lang::detect(&t) == Some(lang) {
            text.push_str(&t);
            text.push_str("\n\n");
        }
    }
    assert!(!text.is_empty(), "no {lang} text in tm/");
    text
}

/// The sentences of a bundled file (path under the project), without tabs.
pub fn sentences(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    tifa::segment::segment(&text, Lang::detect(&text).unwrap())
        .into_iter()
        .map(|s| s.text)
        .filter(|s| !s.contains('\t'))
        .collect()
}

/// Runs a command to its end, sampling its peak resident memory (VmHWM in
/// /proc/PID/status every 5 ms); returns (seconds, peak KiB). The command
/// must succeed.
pub fn run_measured(cmd: &mut Command) -> (f64, u64) {
    run_measured_allowing(cmd, &[0])
}

/// [`run_measured`] for a command that may end with any of `codes`.
pub fn run_measured_allowing(cmd: &mut Command, codes: &[i32]) -> (f64, u64) {
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
            assert!(
                status.code().is_some_and(|c| codes.contains(&c)),
                "{cmd:?} failed: {status}"
            );
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (started.elapsed().as_secs_f64(), peak)
}
