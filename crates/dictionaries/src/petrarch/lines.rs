//! Turns a dictionary file into its meaningful lines: PETRARCH's comment rules applied, blank
//! lines dropped, each line kept with its 1-based number.

use super::Context;
use crate::error::Result;

/// A line that still has content once comments are removed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'a> {
    pub number: u32,
    /// Trimmed, without its `#` comment.
    pub text: &'a str,
}

/// Applies the comment conventions every PETRARCH dictionary shares:
/// - `#` runs to the end of the line, except inside a closed `[...]` (TABARI-era codes such as
///   `[###]` keep their `#`);
/// - a line starting with `<!` is a comment (PETRARCH skips any line beginning `<!`, which also
///   covers the malformed `<! -- ... -->` in the validation actors); `<!--` without a `-->` on the
///   same line opens a block that ends on the first line containing `-->`.
pub(crate) fn content_lines<'a>(text: &'a str, cx: &Context) -> Result<Vec<Line<'a>>> {
    let mut lines = Vec::new();
    let mut open_comment: Option<u32> = None;
    for (index, raw) in text.split('\n').enumerate() {
        let number = line_number(index);
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if open_comment.is_some() {
            if raw.contains("-->") {
                open_comment = None;
            }
            continue;
        }
        let trimmed = raw.trim();
        if let Some(rest) = trimmed.strip_prefix("<!") {
            if rest.starts_with("--") && !rest.contains("-->") {
                open_comment = Some(number);
            }
            continue;
        }
        let text = strip_comment(trimmed).trim();
        if !text.is_empty() {
            lines.push(Line { number, text });
        }
    }
    match open_comment {
        Some(number) => Err(cx.error(number, "`<!--` comment is never closed with `-->`")),
        None => Ok(lines),
    }
}

pub(crate) fn line_number(index: usize) -> u32 {
    u32::try_from(index.saturating_add(1)).unwrap_or(u32::MAX)
}

/// Cuts `line` at the first `#` that is not inside a closed `[...]`.
pub(crate) fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => return &line[..i],
            b'[' => {
                if let Some(close) = line[i..].find(']') {
                    i += close;
                }
            }
            _ => {}
        }
        i += 1;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<(u32, String)> {
        let cx = Context::new("t.txt");
        content_lines(input, &cx).unwrap().into_iter().map(|l| (l.number, l.text.to_string())).collect()
    }

    #[test]
    fn hash_comments_and_blank_lines_go() {
        assert_eq!(
            texts("A [X] # note\n\n   \n# whole line\nB\r\n"),
            vec![(1, "A [X]".to_string()), (5, "B".to_string())]
        );
    }

    #[test]
    fn hash_inside_a_closed_code_is_kept() {
        assert_eq!(texts("- * DIPLXMATIC  [###]  # -PAS"), vec![(1, "- * DIPLXMATIC  [###]".to_string())]);
        assert_eq!(texts("X [# no close"), vec![(1, "X [".to_string())]);
    }

    #[test]
    fn xml_comments_single_and_block() {
        let input = "<!-- one -->\nA\n<!-- \n# inside\nB [X]\n# -->\nC\n<! -- odd -->\nD";
        assert_eq!(texts(input), vec![(2, "A".to_string()), (7, "C".to_string()), (9, "D".to_string())]);
    }

    #[test]
    fn unclosed_block_comment_is_an_error_at_its_opening() {
        let cx = Context::new("t.txt");
        let err = content_lines("A\n<!-- never\nB", &cx).unwrap_err();
        assert!(err.to_string().starts_with("t.txt:2:"), "{err}");
    }
}
