//! Segmentation throughput on English and Chinese prose.
//!
//! Run with `cargo bench --bench segment`. The text is the project's own
//! bundled reports (tm/), repeated to the size below, so the figure is
//! reproducible on any clone. Prints MB/s (best of several runs, one core).

mod common;

use std::time::Instant;

use tifa::{segment, Lang};

const TARGET_BYTES: usize = 100 << 20;
const RUNS: usize = 3;

fn corpus(lang: Lang) -> String {
    let text = common::reports(lang);
    let mut out = String::with_capacity(TARGET_BYTES + text.len());
    while out.len() < TARGET_BYTES {
        out.push_str(&text);
    }
    out
}

fn bench(lang: Lang) {
    let text = corpus(lang);
    let mb = text.len() as f64 / (1 << 20) as f64;
    let mut best = f64::MAX;
    let mut sentences = 0usize;
    for _ in 0..RUNS {
        let start = Instant::now();
        let mut n = 0usize;
        segment::for_each(&text, lang, |s| {
            n += 1;
            std::hint::black_box(&s);
        });
        best = best.min(start.elapsed().as_secs_f64());
        sentences = n;
    }
    println!(
        "segment {lang}: {mb:.1} MB, {sentences} sentences, best of {RUNS}: {best:.3} s = {:.1} MB/s ({:.0} sentences/s)",
        mb / best,
        sentences as f64 / best
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing we need.
    bench(Lang::En);
    bench(Lang::Zh);
}
