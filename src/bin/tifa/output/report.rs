//! Summaries several commands print: what an import did, what a glossary
//! import did, the counts of the memory.

use std::io::Write;

use tifa::import::glossary::Outcome;
use tifa::import::{FileReport, FileStatus, ImportReport};
use tifa::store::{DocumentFormat, Stats};
use tifa::Lang;

/// "added tm/a.txt: 15 English sentences (UTF-8)"
pub fn describe(file: &FileReport) -> String {
    let status = match file.status {
        FileStatus::Added => "added",
        FileStatus::Updated => "updated",
        FileStatus::Unchanged => "unchanged",
    };
    let what = match (file.format, file.lang) {
        (DocumentFormat::Text, Some(Lang::En)) => "English sentences",
        (DocumentFormat::Text, Some(Lang::Zh)) => "Chinese sentences",
        (DocumentFormat::Text, None) => "sentences",
        _ => "units",
    };
    let mut line = format!(
        "{status} {}: {} {what} ({})",
        file.path, file.units, file.encoding
    );
    if file.skipped_rows > 0 {
        let what = if file.format == DocumentFormat::Tmx {
            "tu elements without text"
        } else {
            "empty rows"
        };
        line.push_str(&format!("; {} {what} skipped", file.skipped_rows));
    }
    line
}

pub fn summary(report: &ImportReport) -> String {
    let mut s = format!(
        "{} files: {} added, {} updated, {} unchanged",
        report.files.len(),
        report.count(FileStatus::Added),
        report.count(FileStatus::Updated),
        report.count(FileStatus::Unchanged)
    );
    if !report.removed.is_empty() {
        s.push_str(&format!(", {} removed (file gone)", report.removed.len()));
    }
    s
}

/// Prints an import's warnings and a one-line summary.
pub fn report_import(out: &mut dyn Write, label: &str, outcome: &Outcome) -> anyhow::Result<()> {
    for (path, w) in outcome.warnings.iter().filter(|(_, p)| !p.fatal) {
        eprintln!(
            "tifa: warning: {}:{}: {}",
            path.display(),
            w.line,
            w.message
        );
    }
    let c = &outcome.changes;
    writeln!(
        out,
        "{label}: {} concepts added, {} updated, {} unchanged, {} removed; the glossary has {} concepts",
        c.added.len(),
        c.updated.len(),
        c.unchanged,
        c.removed.len(),
        outcome.concepts
    )?;
    Ok(())
}

pub fn print_stats(out: &mut dyn Write, s: &Stats) -> std::io::Result<()> {
    writeln!(out, "  documents          {:>9}", s.documents)?;
    writeln!(out, "  English sentences  {:>9}", s.sentences_en)?;
    writeln!(out, "  Chinese sentences  {:>9}", s.sentences_zh)?;
    writeln!(
        out,
        "  units              {:>9}  ({} bilingual, {} English only, {} Chinese only)",
        s.units, s.units_bilingual, s.units_en_only, s.units_zh_only
    )?;
    writeln!(out, "  occurrences        {:>9}", s.occurrences)
}
