//! Edit distance (Levenshtein): the one implementation behind fuzzy match
//! scores (over words or characters of sentences) and glossary suggestions
//! and near misses (over the characters of terms).

/// The number of insertions, deletions and replacements that turn `a` into
/// `b`, over any kind of item (words, characters).
pub fn distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// [`distance`] over the characters of two strings. Strings whose lengths
/// differ by more than eight characters are at least that far apart, and
/// that difference is returned without computing the rest: callers only
/// ask whether two terms are a few edits apart.
pub fn chars(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 8 {
        return a.len().abs_diff(b.len());
    }
    distance(&a, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(chars("paty", "party"), 1);
        assert_eq!(chars("", "abc"), 3);
        assert_eq!(chars("两个维护", "两个确立"), 2);
        assert_eq!(distance(&["a", "b", "c"], &["a", "c"]), 1);
        assert_eq!(distance::<&str>(&[], &[]), 0);
        assert_eq!(chars("a", "abcdefghijkl"), 11);
    }
}
