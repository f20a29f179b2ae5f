//! [`BoundedLines`]: lines of a byte stream, one at a time, with a cap on the length of a line,
//! so that reading a file of any size holds one line in memory and a runaway line (a file with
//! no newlines) costs at most the cap.

use std::io::{self, BufRead};

/// One line as read.
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the line's first byte in the stream.
    pub offset: u64,
    /// The line without its `\n`, or `None` when it was longer than the cap (its bytes were read
    /// and dropped).
    pub bytes: Option<&'a [u8]>,
}

pub(crate) struct BoundedLines<R> {
    reader: R,
    limit: usize,
    buffer: Vec<u8>,
    number: usize,
    offset: u64,
}

/// Past this capacity the line buffer is given back after use: one long line should not keep
/// its memory for the rest of the file.
const KEEP_CAPACITY: usize = 1 << 20;

impl<R: BufRead> BoundedLines<R> {
    pub(crate) fn new(reader: R, limit: usize) -> BoundedLines<R> {
        BoundedLines { reader, limit, buffer: Vec::new(), number: 0, offset: 0 }
    }

    /// The longest line returned whole.
    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// The number of the last line returned.
    pub(crate) fn line_number(&self) -> usize {
        self.number
    }

    /// The next line, `None` at the end of the stream.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        if self.buffer.capacity() > KEEP_CAPACITY {
            self.buffer = Vec::new();
        }
        self.buffer.clear();
        let mut length: u64 = 0;
        let mut too_long = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if length == 0 {
                    return Ok(None);
                }
                break;
            }
            let (taken, ends) = match memchr::memchr(b'\n', available) {
                Some(at) => (at + 1, true),
                None => (available.len(), false),
            };
            if !too_long {
                if self.buffer.len() + taken > self.limit.saturating_add(1) {
                    too_long = true;
                    self.buffer = Vec::new();
                } else {
                    self.buffer.extend_from_slice(&available[..taken]);
                }
            }
            self.reader.consume(taken);
            length += taken as u64;
            if ends {
                break;
            }
        }
        self.number += 1;
        let offset = self.offset;
        self.offset += length;
        if too_long {
            return Ok(Some(Line { number: self.number, offset, bytes: None }));
        }
        let mut line = self.buffer.as_slice();
        line = line.strip_suffix(b"\n").unwrap_or(line);
        if line.len() > self.limit {
            return Ok(Some(Line { number: self.number, offset, bytes: None }));
        }
        Ok(Some(Line { number: self.number, offset, bytes: Some(line) }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8], limit: usize) -> Vec<(usize, u64, Option<Vec<u8>>)> {
        // A tiny buffer makes lines span many reads.
        let mut lines = BoundedLines::new(io::BufReader::with_capacity(3, input), limit);
        let mut out = Vec::new();
        while let Some(line) = lines.next_line().expect("reads") {
            out.push((line.number, line.offset, line.bytes.map(<[u8]>::to_vec)));
        }
        out
    }

    #[test]
    fn lines_numbers_and_offsets() {
        let got = all(b"ab\n\ncdef\ng", 10);
        assert_eq!(
            got,
            vec![
                (1, 0, Some(b"ab".to_vec())),
                (2, 3, Some(Vec::new())),
                (3, 4, Some(b"cdef".to_vec())),
                (4, 9, Some(b"g".to_vec()))
            ]
        );
        assert!(all(b"", 10).is_empty());
    }

    #[test]
    fn a_line_over_the_cap_is_reported_and_the_next_read() {
        let got = all(b"short\nmuch too long a line\nok\n", 8);
        assert_eq!(got[0].2.as_deref(), Some(&b"short"[..]));
        assert_eq!(got[1], (2, 6, None));
        assert_eq!(got[2], (3, 27, Some(b"ok".to_vec())));
        // Exactly at the cap is fine, with or without the newline.
        assert_eq!(all(b"12345678\n12345678", 8).iter().filter(|l| l.2.is_some()).count(), 2);
    }
}
