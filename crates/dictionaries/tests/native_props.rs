//! Whatever the input, the native reader returns dictionaries or an error naming a line of the
//! input; it never panics. Well-formed input always reads.

use proptest::prelude::*;
use tripwire_dictionaries::native::{check_references, parse_bytes, parse_str};
use tripwire_dictionaries::{DictionaryError, Word};

/// Lines of every record and field kind, valid and nearly valid.
const SEEDS: &[&str] = &[
    "# a comment",
    "country IRN Iran",
    "country XKX Kosovo  # territory",
    "  alias Islamic Republic of Iran",
    "  adjective Iranian",
    "  demonym Iranians",
    "  capital Tehran",
    "  place Qom",
    "actor IGOUNO United Nations",
    "actor AFGREB Taliban",
    "  code AFGGOV 2021-08-15..",
    "  code AFGGOV ..2021-08-15",
    "  code AFGGOV 2001-01-01..2021-08-15",
    "\talias U.N.",
    "  alias Democratic People's Republic of Korea",
    "  alias Cocos (Keeling) Islands",
    "  alias Argentin*",
    "person Abbas Araghchi",
    "  role IRNGOV 2024-08-21..",
    "agent GOV",
    "agent NGO",
    "  prefix",
    "  word foreign minister",
    "verb impose imposes imposed imposing",
    "verb crack_down cracks_down cracked_down",
    "  code 163",
    "  code ---",
    "  pattern 163 $ * sanctions on +",
    "  pattern 032:033 % * not_to &WEAPON",
    "  pattern --- *_out +",
    "  pattern 190 $ did_not_* &WEAPON_at +",
    "synset WEAPON",
    "  word missiles",
    "  word ballistic missile*",
    "discard sentence football match",
    "discard story horoscope",
    "issue NUCLEAR nuclear programme",
    "",
    "   ",
];

/// Characters that mean something to the reader, plus a few that mean nothing.
const SPECIALS: &[char] = &[
    '#', '*', '_', '$', '+', '%', '&', ':', '.', '-', '\'', '\u{2019}', '(', ')', ',', ' ', '\t', '\r', '\0', '0', '9',
    'é', 'ß', '日', '\u{a0}', '\u{feff}', 'İ',
];

#[derive(Clone, Debug)]
enum Mutation {
    Insert(usize, char),
    Delete(usize, usize),
    Truncate(usize),
    Repeat(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), prop::sample::select(SPECIALS)).prop_map(|(at, c)| Mutation::Insert(at, c)),
        2 => (any::<usize>(), 1usize..6).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (1usize..200).prop_map(Mutation::Repeat),
    ]
}

fn apply(line: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    for mutation in mutations {
        match *mutation {
            Mutation::Insert(at, c) => chars.insert(at % (chars.len() + 1), c),
            Mutation::Delete(at, n) => {
                if !chars.is_empty() {
                    let start = at % chars.len();
                    let end = (start + n).min(chars.len());
                    chars.drain(start..end);
                }
            }
            Mutation::Truncate(at) => chars.truncate(at % (chars.len() + 1)),
            Mutation::Repeat(times) => {
                let once = chars.clone();
                let times = times.min(10_000 / (once.len() + 1));
                for _ in 0..times {
                    chars.push(' ');
                    chars.extend_from_slice(&once);
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn dictionary_line() -> impl Strategy<Value = String> {
    (prop::sample::select(SEEDS), prop::collection::vec(mutation(), 0..4)).prop_map(|(seed, ms)| apply(seed, &ms))
}

/// A file of dictionary-ish lines, sometimes with CRLF endings and a stray invalid byte.
fn dictionary_file() -> impl Strategy<Value = Vec<u8>> {
    (prop::collection::vec(dictionary_line(), 0..30), any::<bool>(), prop::option::of((any::<usize>(), 0x80u8..=0xff)))
        .prop_map(|(lines, crlf, bad_byte)| {
            let mut bytes = lines.join(if crlf { "\r\n" } else { "\n" }).into_bytes();
            if let Some((at, byte)) = bad_byte {
                bytes.insert(at % (bytes.len() + 1), byte);
            }
            bytes
        })
}

/// No panic, and any error names a line of `input`.
fn check(input: &[u8]) -> Result<(), TestCaseError> {
    let lines = u32::try_from(input.iter().filter(|&&b| b == b'\n').count() + 1).unwrap_or(u32::MAX);
    match parse_bytes(input, "input.twd") {
        Ok(dictionaries) => {
            // Reference checking works on anything the reader accepted.
            if let Err(DictionaryError::Syntax { line, .. }) = check_references(&dictionaries) {
                prop_assert!((1..=lines).contains(&line));
            }
        }
        Err(DictionaryError::Syntax { file, line, message }) => {
            prop_assert_eq!(file.to_str(), Some("input.twd"));
            prop_assert!((1..=lines).contains(&line), "line {line} of {lines}: {message}");
            prop_assert!(!message.is_empty());
        }
        Err(DictionaryError::InvalidUtf8 { line, offset, .. }) => {
            prop_assert!((1..=lines).contains(&line), "line {line} of {lines}");
            prop_assert!(offset < input.len());
        }
        Err(other) => prop_assert!(false, "unexpected error {other}"),
    }
    Ok(())
}

fn word() -> impl Strategy<Value = String> {
    "[A-Za-zÀ-ÿ][a-zà-ÿ'.-]{0,10}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(input in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&input)?;
    }

    #[test]
    fn arbitrary_text(input in ".{0,600}") {
        check(input.as_bytes())?;
    }

    #[test]
    fn mutated_dictionary_lines(input in dictionary_file()) {
        check(&input)?;
    }

    /// Any phrase of ordinary words reads, upper-cased, with no word empty or containing blanks.
    #[test]
    fn well_formed_records_read(name in prop::collection::vec(word(), 1..5), aliases in prop::collection::vec(prop::collection::vec(word(), 1..4), 0..5)) {
        let mut text = format!("actor IGOUNO {}\n", name.join(" "));
        for alias in &aliases {
            text.push_str(&format!("  alias {}\n", alias.join(" ")));
        }
        let dictionaries = match parse_str(&text, "generated.twd") {
            Ok(dictionaries) => dictionaries,
            Err(error) => return Err(TestCaseError::fail(format!("{error}\n{text}"))),
        };
        prop_assert_eq!(dictionaries.actors.len(), 1);
        let actor = &dictionaries.actors[0];
        prop_assert!(!actor.phrases.is_empty() && actor.phrases.len() <= aliases.len() + 1);
        for phrase in &actor.phrases {
            for word in &phrase.0 {
                prop_assert!(matches!(word, Word::Exact(_)));
                let text = word.text();
                prop_assert!(!text.is_empty() && !text.contains(char::is_whitespace));
                prop_assert_eq!(text.to_uppercase(), text);
            }
        }
    }
}

#[test]
fn every_seed_line_alone() {
    for seed in SEEDS {
        check(seed.as_bytes()).unwrap();
    }
}
