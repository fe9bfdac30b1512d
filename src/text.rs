//! Substring search by a plain forward scan. The standard library's `str` methods with a
//! string needle (`contains`, `find`, `split_once`, `replace`) bring in its two-way
//! searcher and, through the panics it can raise, `core`'s `Debug` formatting of
//! characters and ranges; the texts searched here are short (URLs, messages, headers).

/// The byte offset of the first `needle` in `haystack`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let bytes = haystack.as_bytes();
    // A match of valid UTF-8 in valid UTF-8 starts on a character boundary.
    (0..=bytes.len()).find(|&i| {
        bytes
            .get(i..)
            .is_some_and(|rest| rest.starts_with(needle.as_bytes()))
    })
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `haystack` before and after the first `needle`.
pub fn split_once<'a>(haystack: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find(haystack, needle)?;
    Some((
        haystack.get(..at)?,
        haystack.get(at.checked_add(needle.len())?..)?,
    ))
}

/// `haystack` with its first `limit` occurrences of a non-empty `from` replaced by `to`
/// (an empty `from` replaces nothing).
pub fn replace(haystack: &str, from: &str, to: &str, limit: usize) -> String {
    let mut out = String::with_capacity(haystack.len());
    let mut rest = haystack;
    let mut done = 0;
    while done < limit && !from.is_empty() {
        let Some((before, after)) = split_once(rest, from) else {
            break;
        };
        out.push_str(before);
        out.push_str(to);
        rest = after;
        done += 1;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_the_standard_methods_do() {
        let texts = [
            "",
            "a",
            "https://x.test/a://b",
            "héllo: wörld: ö",
            "aaa",
            "::",
        ];
        let needles = ["", "://", ": ", "ö", "aa", "a", "missing"];
        for text in texts {
            for needle in needles {
                assert_eq!(find(text, needle), text.find(needle), "{text:?} {needle:?}");
                assert_eq!(contains(text, needle), text.contains(needle));
                assert_eq!(split_once(text, needle), text.split_once(needle));
                if !needle.is_empty() {
                    assert_eq!(
                        replace(text, needle, "[x]", usize::MAX),
                        text.replace(needle, "[x]")
                    );
                    assert_eq!(
                        replace(text, needle, "[x]", 1),
                        text.replacen(needle, "[x]", 1)
                    );
                }
            }
        }
        assert_eq!(replace("abc", "", "x", usize::MAX), "abc");
    }
}
