//! `tifa check --format html`: the findings as one self-contained HTML page
//! (inline CSS, no script, nothing fetched), grouped by concept in the order
//! the concepts are first found, each finding with its kind, place,
//! message, the line with the span marked, the preferred rendering and the
//! source that sets it. Every piece of text is escaped.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use tifa::check::Finding;
use tifa::Lang;

use super::check::{window, Entry, Report};

const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fff; --dim: #5f6368; --line: #e3e3e3;
  --card: #f7f7f8; --mark: #ffe07a; --link: #0b57d0; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e8; --bg: #161617; --dim: #a0a4a8; --line: #333; --card: #202123;
    --mark: #806400; --link: #8ab4f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
    "Hiragino Sans GB", "Microsoft YaHei", sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; }
h2 { font-size: 1.15rem; margin: 0; }
a { color: var(--link); }
code, .place { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace;
  font-size: 0.9em; overflow-wrap: anywhere; }
.checked, .totals { margin: 0.25rem 0; }
.count { color: var(--dim); font-weight: normal; font-size: 0.9em; }
.kind { display: inline-block; padding: 0 0.4em; border-radius: 0.3em; font-size: 0.85em;
  font-weight: 600; background: #6b7280; color: #fff; }
.kind-deprecated, .kind-superseded, .kind-missing { background: #c5221f; }
.kind-misspelled, .kind-nonstandard { background: #a15c00; }
nav ol { padding-left: 1.5rem; }
section.concept { border-top: 1px solid var(--line); margin-top: 1.25rem; padding-top: 0.75rem; }
.concept-id { color: var(--dim); font-size: 0.85em; font-weight: normal; }
ol.findings { list-style: none; padding: 0; margin: 0.5rem 0 0; }
li.finding { background: var(--card); border: 1px solid var(--line); border-radius: 0.5rem;
  padding: 0.6rem 0.8rem; margin: 0.5rem 0; }
.meta { margin: 0; display: flex; flex-wrap: wrap; gap: 0.5em; align-items: baseline; }
.message { margin: 0.3rem 0; }
.line { margin: 0.3rem 0; padding: 0.3rem 0.6rem; border-left: 3px solid var(--line);
  overflow-wrap: anywhere; }
mark { background: var(--mark); color: inherit; padding: 0 0.1em; border-radius: 0.2em; }
dl { margin: 0.3rem 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; }
dt { color: var(--dim); }
dd { margin: 0; overflow-wrap: anywhere; }
.clean { font-size: 1.2rem; }
footer { color: var(--dim); font-size: 0.85em; margin-top: 2rem; }
"#;

/// The page for `report`.
pub fn page(report: &Report) -> String {
    let mut html = String::with_capacity(4096 + report.entries.len() * 1024);
    let names = if report.checked.is_empty() {
        "nothing".to_string()
    } else {
        report.checked.join(", ")
    };
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"tifa {}\">\n<title>tifa check: {}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<main>\n<header>\n<h1>tifa check</h1>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&names)
    );
    html.push_str("<p class=\"checked\">Checked: ");
    for (i, name) in report.checked.iter().enumerate() {
        if i > 0 {
            html.push_str(", ");
        }
        let _ = write!(html, "<code>{}</code>", escape(name));
    }
    html.push_str("</p>\n");

    let groups = groups(&report.entries);
    if report.entries.is_empty() {
        html.push_str("<p class=\"totals clean\">No findings.</p>\n</header>\n");
    } else {
        let mut totals: BTreeMap<_, usize> = BTreeMap::new();
        for e in &report.entries {
            *totals.entry(e.finding.kind).or_default() += 1;
        }
        let concepts = groups
            .iter()
            .filter(|g| !g[0].finding.concept.is_empty())
            .count();
        let others = groups.len() - concepts;
        let _ = write!(
            html,
            "<p class=\"totals\">{} in {}{}:",
            plural(report.entries.len(), "finding"),
            plural(concepts, "concept"),
            if others > 0 {
                format!(" and {}", plural(others, "bilingual check"))
            } else {
                String::new()
            }
        );
        for (kind, n) in &totals {
            let code = escape(kind.code());
            let _ = write!(html, " <span class=\"kind kind-{code}\">{code} {n}</span>");
        }
        html.push_str("</p>\n</header>\n");
        if groups.len() > 1 {
            html.push_str("<nav aria-label=\"Concepts\">\n<ol>\n");
            for (i, group) in groups.iter().enumerate() {
                let f = &group[0].finding;
                let _ = writeln!(
                    html,
                    "<li><a href=\"#c{}\">{}</a> <span class=\"count\">({})</span></li>",
                    i + 1,
                    title(f),
                    group.len()
                );
            }
            html.push_str("</ol>\n</nav>\n");
        }
        for (i, group) in groups.iter().enumerate() {
            section(&mut html, i + 1, group);
        }
    }
    html.push_str(
        "<footer>Made by <code>tifa check --format html</code>.</footer>\n</main>\n</body>\n</html>\n",
    );
    html
}

/// A group's title as HTML: the concept's Chinese term and preferred
/// rendering, or for the bilingual checks that concern no concept, what
/// they check.
fn title(f: &Finding) -> String {
    if f.concept.is_empty() {
        let what = match f.kind.code() {
            "number" => "Numbers one side lacks",
            "untranslated" => "Untranslated Chinese",
            "inconsistent" => "Inconsistent translations",
            other => other,
        };
        return escape(what);
    }
    format!(
        "<span lang=\"zh\">{}</span> → {}",
        escape(&f.zh),
        escape(&f.preferred)
    )
}

/// The entries grouped by concept (findings of no concept by their kind),
/// the groups in the order they are first found.
fn groups(entries: &[Entry]) -> Vec<Vec<&Entry>> {
    let mut at: HashMap<(&str, &str), usize> = HashMap::new();
    let mut groups: Vec<Vec<&Entry>> = Vec::new();
    for e in entries {
        let f = &e.finding;
        let key = if f.concept.is_empty() {
            ("", f.kind.code())
        } else {
            (f.concept.as_str(), "")
        };
        let i = *at.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[i].push(e);
    }
    groups
}

/// One concept's section: heading (Chinese term, preferred rendering,
/// concept id) and its findings.
fn section(html: &mut String, number: usize, group: &[&Entry]) {
    let first = &group[0].finding;
    let _ = write!(
        html,
        "<section class=\"concept\" id=\"c{number}\">\n<h2>{} \
         <span class=\"concept-id\">{}</span> <span class=\"count\">({})</span></h2>\n\
         <ol class=\"findings\">\n",
        title(first),
        escape(&first.concept),
        plural(group.len(), "finding")
    );
    for e in group {
        finding(html, e);
    }
    html.push_str("</ol>\n</section>\n");
}

fn finding(html: &mut String, e: &Entry) {
    let f = &e.finding;
    let code = escape(f.kind.code());
    let _ = write!(
        html,
        "<li class=\"finding kind-{code}\">\n<p class=\"meta\"><span class=\"kind kind-{code}\">{code}</span> \
         <span class=\"place\">{}</span>",
        escape(&e.place)
    );
    if let Some(side) = e.side {
        let _ = write!(html, " <span class=\"count\">[{}]</span>", side.code());
    }
    html.push_str("</p>\n");
    let _ = writeln!(html, "<p class=\"message\">{}</p>", escape(&f.message));

    let line = &*e.line;
    let start = line.floor_char_boundary(f.start.min(line.len()));
    let end = line.floor_char_boundary(f.end.min(line.len())).max(start);
    let (cut, start, end) = window(line, start, end);
    let lang = match f.side {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    let _ = writeln!(
        html,
        "<p class=\"line\" lang=\"{lang}\">{}<mark>{}</mark>{}</p>",
        escape(&cut[..start]),
        escape(&cut[start..end]),
        escape(&cut[end..])
    );

    html.push_str("<dl>\n");
    if !f.preferred.is_empty() {
        let _ = writeln!(
            html,
            "<dt>Preferred</dt><dd><strong>{}</strong> <span lang=\"zh\">({})</span></dd>",
            escape(&f.preferred),
            escape(&f.zh)
        );
    }
    if let Some(like) = &f.like {
        let score = f.score.map_or(String::new(), |s| format!(", score {s:.2}"));
        let _ = writeln!(html, "<dt>Looks like</dt><dd>{}{score}</dd>", escape(like));
    }
    if let Some(source) = &f.source {
        let title = if source.title.is_empty() {
            &source.id
        } else {
            &source.title
        };
        html.push_str("<dt>Source</dt><dd>");
        if is_web_link(&source.url) {
            let _ = write!(
                html,
                "<a href=\"{}\">{}</a>",
                escape(&source.url),
                escape(title)
            );
        } else {
            html.push_str(&escape(title));
            if !source.url.is_empty() {
                let _ = write!(html, " <code>{}</code>", escape(&source.url));
            }
        }
        for part in [&source.publisher, &source.date] {
            if !part.is_empty() {
                let _ = write!(html, ", {}", escape(part));
            }
        }
        html.push_str("</dd>\n");
    }
    html.push_str("</dl>\n</li>\n");
}

/// Only http(s) addresses become links (never `javascript:` and the like).
fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `s` safe in HTML text and in a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;
    use tifa::check::{Finding, Kind};

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("两个维护 plain"), "两个维护 plain");
    }

    fn entry(line: &str, start: usize, end: usize) -> Entry {
        Entry {
            place: "<b>a.txt</b>:1:1".into(),
            side: None,
            line: Rc::from(line),
            finding: Finding {
                kind: Kind::Deprecated,
                side: Lang::En,
                start,
                end,
                found: line[start..end].into(),
                preferred: "the \"Two\" Upholds".into(),
                zh: "两个维护".into(),
                concept: "two-upholds".into(),
                message: "<script>alert(1)</script>".into(),
                like: None,
                score: None,
                matched: Vec::new(),
                source: Some(tifa::glossary::Source {
                    id: "x".into(),
                    title: "T".into(),
                    publisher: String::new(),
                    url: "javascript:alert(1)".into(),
                    date: String::new(),
                }),
            },
        }
    }

    #[test]
    fn a_finding_is_escaped_and_marked() {
        let line = "<script>x</script> the two maintenances & more";
        let start = line.find("two").unwrap();
        let report = Report {
            checked: vec!["<i>".into()],
            entries: vec![entry(line, start, start + "two maintenances".len())],
        };
        let page = page(&report);
        assert!(!page.contains("<script>"), "{page}");
        assert!(!page.contains("<b>") && !page.contains("<i>"));
        assert!(page.contains(
            "&lt;script&gt;x&lt;/script&gt; the <mark>two maintenances</mark> &amp; more"
        ));
        assert!(page.contains("the &quot;Two&quot; Upholds"));
        assert!(!page.contains("href=\"javascript"), "{page}");
    }

    #[test]
    fn a_span_off_a_character_boundary_does_not_panic() {
        let report = Report {
            checked: vec![],
            entries: vec![entry("两个维护", 0, 3)],
        };
        let mut e = entry("两个维护", 0, 3);
        e.finding.start = 1;
        e.finding.end = 7;
        let page = page(&Report {
            entries: vec![e],
            ..report
        });
        assert!(page.contains("<mark>两个</mark>"), "{page}");
    }
}
