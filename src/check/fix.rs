//! Rewriting a text with its deprecated renderings replaced.

use super::{Finding, Kind};
use crate::Lang;

/// `text` with every deprecated rendering replaced by the preferred one. A
/// replacement starting a sentence keeps the capital; a leading "the" is not
/// doubled when the text already has one before the term.
pub fn fix(text: &str, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut fixes: Vec<&Finding> = findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Deprecated | Kind::Superseded) && f.side == Lang::En)
        .collect();
    fixes.sort_by_key(|f| f.start);
    for f in fixes {
        if f.start < last {
            continue;
        }
        out.push_str(&text[last..f.start]);
        let before =
            text[..f.start].trim_end_matches(|c: char| c.is_whitespace() || "\"“‘'".contains(c));
        let mut replacement = f.preferred.clone();
        let lower_before = before.to_lowercase();
        if let Some(rest) = replacement.strip_prefix("the ") {
            if lower_before.ends_with(" the") || lower_before == "the" {
                replacement = rest.to_string();
            }
        }
        let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', '。', '\n']);
        if sentence_start && f.found.starts_with(char::is_uppercase) {
            let mut chars = replacement.chars();
            if let Some(first) = chars.next() {
                replacement = first.to_uppercase().chain(chars).collect();
            }
        }
        out.push_str(&replacement);
        last = f.end;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_english, CheckOptions, Checker};
    use crate::glossary::test_glossary;

    #[test]
    fn fixes_keep_capitals_and_articles() {
        let m = Checker::new(test_glossary(), CheckOptions::default()).unwrap();
        let cases = [
            (
                "achieve the “two maintenances.”",
                "achieve the “Two Upholds.”",
            ),
            ("Two maintenances matter.", "The Two Upholds matter."),
            (
                "promoting comprehensive and strict party governance.",
                "promoting full and rigorous Party self-governance.",
            ),
            ("They said: two maintenances", "They said: the Two Upholds"),
        ];
        for (input, want) in cases {
            let f = check_english(&m, input).unwrap();
            assert_eq!(fix(input, &f), want, "{input}");
        }
    }
}
