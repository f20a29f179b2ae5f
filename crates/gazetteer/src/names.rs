//! The matching form of place names and of the words that might spell one.
//!
//! A name and a run of text tokens match when their keys are equal. A key is the name's tokens,
//! upper-cased, joined by single spaces, with the small spelling differences of English text
//! evened out: typographic apostrophes and dashes made plain, a final period dropped ("St." is
//! "ST", "U.S." is "U.S"), a possessive `'s` and a trailing comma split off as their own tokens,
//! the way the coder's tokenizer splits them.

/// Appends the key tokens of `text` (a name, or one token of text) to `key`, each preceded by a
/// space when `key` is not empty. Returns how many tokens were added.
pub(crate) fn push_key_tokens(text: &str, key: &mut String) -> usize {
    let mut added = 0;
    let pieces: &mut dyn Iterator<Item = &str> =
        if text.is_ascii() { &mut text.split_ascii_whitespace() } else { &mut text.split_whitespace() };
    for piece in pieces {
        if !key.is_empty() {
            key.push(' ');
        }
        let start = key.len();
        if piece.is_ascii() {
            key.push_str(piece);
            key[start..].make_ascii_uppercase();
        } else {
            for c in piece.chars() {
                match c {
                    '\u{2019}' | '\u{2018}' | '\u{02BC}' => key.push('\''),
                    '\u{2013}' | '\u{2014}' | '\u{2010}' | '\u{2011}' => key.push('-'),
                    c => key.extend(c.to_uppercase()),
                }
            }
        }
        let trailing = match key.as_bytes().last() {
            Some(&mark @ (b',' | b';')) if key.len() - start > 1 => {
                key.pop();
                Some(mark as char)
            }
            _ => None,
        };
        let clitic = key.len() - start > 2 && key.ends_with("'S");
        if clitic {
            key.truncate(key.len() - 2);
        }
        if key.len() - start > 1 && key.ends_with('.') {
            key.pop();
        }
        added += 1;
        if clitic {
            key.push_str(" 'S");
            added += 1;
        }
        if let Some(mark) = trailing {
            key.push(' ');
            key.push(mark);
            added += 1;
        }
    }
    added
}

/// The key of a whole name.
pub(crate) fn key_of(name: &str) -> String {
    let mut key = String::with_capacity(name.len() + 4);
    push_key_tokens(name, &mut key);
    key
}

/// Whether a text token can be part of a place name: a word, or the comma of "Washington, D.C.".
pub(crate) fn can_continue_name(word: &str) -> bool {
    word == "," || word.chars().any(char::is_alphanumeric)
}

/// Adjectives that narrow a country to a part of it: "northern Syria", "south-east Turkey".
const DIRECTION_ADJECTIVES: &[&str] = &[
    "NORTHERN",
    "SOUTHERN",
    "EASTERN",
    "WESTERN",
    "CENTRAL",
    "NORTHEASTERN",
    "NORTHWESTERN",
    "SOUTHEASTERN",
    "SOUTHWESTERN",
    "NORTH-EASTERN",
    "NORTH-WESTERN",
    "SOUTH-EASTERN",
    "SOUTH-WESTERN",
    "NORTH",
    "SOUTH",
    "EAST",
    "WEST",
    "NORTHEAST",
    "NORTHWEST",
    "SOUTHEAST",
    "SOUTHWEST",
    "NORTH-EAST",
    "NORTH-WEST",
    "SOUTH-EAST",
    "SOUTH-WEST",
];

/// Nouns that name a part of a country before "of": "the south of Lebanon".
const DIRECTION_NOUNS: &[&str] = &[
    "NORTH",
    "SOUTH",
    "EAST",
    "WEST",
    "NORTHEAST",
    "NORTHWEST",
    "SOUTHEAST",
    "SOUTHWEST",
    "NORTH-EAST",
    "NORTH-WEST",
    "SOUTH-EAST",
    "SOUTH-WEST",
    "CENTRE",
    "CENTER",
];

pub(crate) fn is_direction_adjective(word: &str) -> bool {
    DIRECTION_ADJECTIVES.iter().any(|d| d.eq_ignore_ascii_case(word))
}

pub(crate) fn is_direction_noun(word: &str) -> bool {
    DIRECTION_NOUNS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// Whether a one-token key is a direction word, which is never a city on its own.
pub(crate) fn is_direction_key(key: &str) -> bool {
    is_direction_adjective(key) || is_direction_noun(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_even_out_english_spelling() {
        assert_eq!(key_of("São Paulo"), "SÃO PAULO");
        assert_eq!(key_of("St. John’s"), "ST JOHN 'S");
        assert_eq!(key_of("Washington, D.C."), "WASHINGTON , D.C");
        assert_eq!(key_of("  Port-au-Prince "), "PORT-AU-PRINCE");
        assert_eq!(key_of("U.S."), "U.S");
        assert_eq!(key_of("."), ".");
        assert_eq!(key_of(""), "");
    }

    #[test]
    fn text_tokens_build_the_same_key_as_the_name() {
        let mut key = String::new();
        for word in ["ST.", "JOHN", "'S"] {
            push_key_tokens(word, &mut key);
        }
        assert_eq!(key, key_of("St. John's"));
    }
}
