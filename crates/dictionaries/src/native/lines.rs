//! The line structure of a native file: comments, records and their indented fields.

/// A 1-based line number from a 0-based line index, saturating on absurdly long input.
pub(super) fn line_number(index: usize) -> u32 {
    u32::try_from(index.saturating_add(1)).unwrap_or(u32::MAX)
}

/// One non-blank line, comment removed, split into whitespace-separated words.
#[derive(Debug)]
pub(super) struct Line<'a> {
    pub number: u32,
    pub words: Vec<&'a str>,
}

impl<'a> Line<'a> {
    /// The first word: a record kind or a field key. Lines are never empty.
    pub fn keyword(&self) -> &'a str {
        self.words.first().copied().unwrap_or_default()
    }

    /// The words after the keyword.
    pub fn arguments(&self) -> &[&'a str] {
        self.words.get(1..).unwrap_or_default()
    }
}

/// A record line and the indented field lines under it.
#[derive(Debug)]
pub(super) struct Record<'a> {
    pub head: Line<'a>,
    pub fields: Vec<Line<'a>>,
}

/// Why a line could not be read, and where.
#[derive(Debug)]
pub(super) struct LineError {
    pub line: u32,
    pub message: String,
}

/// Splits `text` into records. Blank and comment-only lines are dropped; a field line before any
/// record and a `#` glued to a word are errors.
pub(super) fn records(text: &str) -> Result<Vec<Record<'_>>, LineError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut records: Vec<Record<'_>> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let number = line_number(index);
        let content = strip_comment(raw).map_err(|message| LineError { line: number, message })?;
        let words: Vec<&str> = content.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let line = Line { number, words };
        if content.starts_with(char::is_whitespace) {
            match records.last_mut() {
                Some(record) => record.fields.push(line),
                None => {
                    return Err(LineError {
                        line: number,
                        message: "indented field line before any record".to_string(),
                    })
                }
            }
        } else {
            records.push(Record { head: line, fields: Vec::new() });
        }
    }
    Ok(records)
}

/// The line without its comment. A comment starts at a `#` at the start of the line or after
/// white space; a `#` inside a word is refused rather than guessed at.
fn strip_comment(line: &str) -> Result<&str, String> {
    let mut previous: Option<char> = None;
    for (offset, c) in line.char_indices() {
        if c == '#' {
            return match previous {
                Some(before) if !before.is_whitespace() => {
                    Err("`#` inside a word (a comment needs white space before it)".to_string())
                }
                _ => Ok(&line[..offset]),
            };
        }
        previous = Some(c);
    }
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_collect_their_indented_fields() {
        let text = "# header\nactor IGOUNO United Nations  # the UN\n  alias UN\n\talias U.N.\n\n  \nissue X y\n";
        let records = records(text).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].head.words, ["actor", "IGOUNO", "United", "Nations"]);
        assert_eq!(records[0].head.number, 2);
        assert_eq!(records[0].fields.iter().map(|f| f.number).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(records[0].fields[1].arguments(), ["U.N."]);
        assert_eq!(records[1].head.keyword(), "issue");
    }

    #[test]
    fn windows_line_ends_and_a_byte_order_mark_are_accepted() {
        let records = records("\u{FEFF}actor IGOUNO UN\r\n  alias U.N.\r\n").unwrap();
        assert_eq!(records[0].head.words, ["actor", "IGOUNO", "UN"]);
        assert_eq!(records[0].fields[0].words, ["alias", "U.N."]);
    }

    #[test]
    fn indented_comments_are_blank_lines() {
        let records = records("actor IGOUNO UN\n   # note\n  alias U.N.").unwrap();
        assert_eq!(records[0].fields.len(), 1);
    }

    #[test]
    fn a_hash_inside_a_word_is_an_error() {
        let error = records("actor IGOUNO UN\n  alias U#N\n").unwrap_err();
        assert_eq!(error.line, 2);
    }

    #[test]
    fn a_field_needs_a_record() {
        let error = records("\n  alias UN\n").unwrap_err();
        assert_eq!(error.line, 2);
    }
}
