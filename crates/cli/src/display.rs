//! Text for people's terminals: every table and report printer passes stored or input-derived
//! text through here, so that an article carrying ESC, CR or BS cannot clear the screen, rewrite
//! a line or hide what was printed before it. JSON output needs none of this: serde escapes
//! control characters itself.

use std::borrow::Cow;

/// `text` with every control character written as a visible escape: `\t`, `\n`, `\r`, `\e` (ESC)
/// and `\u{…}` for the rest (C0, DEL, C1 and the Unicode bidirectional overrides, which can make
/// a terminal show text in another order than it is). Text without any is returned as it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// As [`escape`], for text already laid out in lines (a rendered table): line breaks and tabs
/// are kept, every other control character is escaped.
pub fn escape_keeping_lines(text: &str) -> Cow<'_, str> {
    let keeps = |c: char| c == '\n' || c == '\t';
    if !text.chars().any(|c| needs_escape(c) && !keeps(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if keeps(c) {
            out.push(c);
        } else {
            push_escaped(&mut out, c);
        }
    }
    Cow::Owned(out)
}

/// At most `max` characters of `text`, escaped, with `…` when it was cut. Cutting happens before
/// escaping, so an escape is never split in half.
pub fn shortened(text: &str, max: usize) -> String {
    let mut cut: String = text.chars().take(max).collect();
    let was_cut = text.chars().nth(max).is_some();
    cut = escape(&cut).into_owned();
    if was_cut {
        cut.push('…');
    }
    cut
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Characters that reorder how a terminal shows the text around them (the "Trojan Source"
/// characters).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\u{1b}' => out.push_str("\\e"),
        c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_untouched_and_borrowed() {
        let text = "Iran's minister met US envoys — in Muscat (مسقط).";
        assert!(matches!(escape(text), Cow::Borrowed(t) if t == text));
        assert!(matches!(escape_keeping_lines("a\tb\nc"), Cow::Borrowed(_)));
    }

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\e[2Jb");
        assert_eq!(escape("over\rwrite"), "over\\rwrite");
        assert_eq!(escape("back\u{8}space"), "back\\u{8}space");
        assert_eq!(escape("tab\there\nnewline"), "tab\\there\\nnewline");
        assert_eq!(escape("del\u{7f} c1\u{9b}"), "del\\u{7f} c1\\u{9b}");
        assert_eq!(escape("bidi\u{202e}txt"), "bidi\\u{202e}txt");
    }

    #[test]
    fn rendered_tables_keep_their_lines() {
        assert_eq!(escape_keeping_lines("a\tb\n\u{1b}[2Jc\r\n"), "a\tb\n\\e[2Jc\\r\n");
    }

    #[test]
    fn shortening_cuts_before_escaping() {
        assert_eq!(shortened("abc\u{1b}def", 4), "abc\\e…");
        assert_eq!(shortened("abc", 4), "abc");
        assert_eq!(shortened("abcd", 4), "abcd");
        assert_eq!(shortened("abcde", 4), "abcd…");
    }
}
