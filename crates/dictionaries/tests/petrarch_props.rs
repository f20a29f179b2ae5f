//! Whatever the input, the PETRARCH readers return a dictionary or an error that names a line of
//! the input; they never panic.

use proptest::prelude::*;
use tripwire_dictionaries::petrarch::{parse_bytes, FileKind, ReadOptions, StemRule};
use tripwire_dictionaries::DictionaryError;

const KINDS: [FileKind; 5] =
    [FileKind::Verbs, FileKind::Actors, FileKind::Agents, FileKind::Discards, FileKind::Issues];

/// Lines in the style of every file kind, including the irregular ones the published files have.
const SEEDS: &[&str] = &[
    "&CURRENCY",
    "&PREPOSIT1_",
    "+DOLLAR",
    "+CASH_",
    "+&TIETYPES",
    "+YUM YENNYEN ",
    "---  ACCELERATE   [---]  ---",
    "--- ADMIT  [013:012] ---",
    "--- DELAY  [120]  [031:031]  ---",
    "---  OFFEND   [:110]  ---",
    "ACCELERATE ",
    "HURRY {HURRIES HURRYING HURRIED }",
    "+SHUT_DOWN {+SHUTS_DOWN +SHUTTING_DOWN }",
    "KLM_NOP_+RST [002]",
    "+IS_DETERMINED {+WAS_DETERMINED , +BE_DETERMINED} [030]",
    "SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93",
    "- * (TO {BANNED PARTIES}) $                           [1722]        # ADD",
    "- SO IN_AND_*_OUT_AGAIN NOW [074]",
    "- + WAS_ * TO_ ^ FROM $  [174]",
    "- * NEW_&TIETYPES_RELATIONS [903]",
    "- % * [030:030]  # pas",
    "- *SCEPTICAL [012]",
    "- * VENTURE (WITH VISIT)   VISIT)[042:043]",
    "- * DIPLXMATIC  [###]",
    "~ a (a b ATTACK) SAY = a b 015",
    "AFGHANISTAN_  [AFG]",
    "+KABUL_ ",
    "GOLLUM  # pas 27 Apr 03",
    "\t[HOB < 950601]",
    "\t[HOBGOV 19950601 - 19990815]",
    "\t[HOBREB > 990816]",
    "\t[ARMUNR 9008223-911221]",
    "\t[MNEGOV 20121204]",
    "MICHELE_MONTAS_\t[HTIOPPMED <061231] [IGOUNOMED]\t[---] #MleH",
    "A.H._BELO_CORPORATION_\t[MNCMED]\tNewspapers/Magazines\t$137,000,000",
    "<!-- comment -->",
    "<! -- NEW ACTORS -->",
    "<!--",
    "-->",
    "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON",
    "CONGRESS!PERSON! [~LEG]",
    "!MINIST! FOR_AGRICULTURE [~GOVAGR]",
    "HUMAN_RIGHTS_BODY  [NGO~] # BNL",
    "THIEF {THIEVES} [~CRM]",
    "POLICE {} [ ~COP]",
    "DEPARMENT_OF_ENVIRONMENT [~ENV}",
    "ISLAMIC_EXTREMIST",
    "+World Golf Championships   # pas",
    "MONTHS LATER",
    "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">",
    "</ISSUE>",
    "pre+n:school [EARLY_CHILDHOOD_EDUCATION]",
    "v:arrest n:journalist [MEDIA_CENSORSHIP]",
    "~a head start",
    "aqim [NAMED_TERROR_GROUP] [NAMED_TERROR_GROUP]",
    "eurozone",
    "",
];

/// Characters that mean something to some reader, plus a few that mean nothing to any.
const SPECIALS: &[char] = &[
    '[', ']', '{', '}', '(', ')', '_', '+', '-', '*', '$', '%', '&', '^', '~', '!', '#', '<', '>', ':', '=', ',', ';',
    ' ', '\t', '\0', '0', '9', 'é', '日', 'Ÿ', '\u{a0}', '"',
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
        1 => (1usize..400).prop_map(Mutation::Repeat),
    ]
}

fn apply(line: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    for m in mutations {
        match *m {
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
                // Long lines, but not so long that generating them is the test.
                let once = chars.clone();
                let times = times.min(20_000 / (once.len() + 1));
                for _ in 0..times {
                    chars.extend_from_slice(&once);
                    chars.push(' ');
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn dictionary_line() -> impl Strategy<Value = String> {
    (prop::sample::select(SEEDS), prop::collection::vec(mutation(), 0..4)).prop_map(|(seed, ms)| apply(seed, &ms))
}

/// A file of dictionary-ish lines, sometimes with CRLF endings and stray invalid UTF-8.
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

/// Every reader, with both stem rules: no panic, and any error names a line of `input`.
fn check_all_readers(input: &[u8]) -> Result<(), TestCaseError> {
    let lines = input.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    for kind in KINDS {
        for stems in [StemRule::WholeWords, StemRule::Tabari] {
            match parse_bytes(kind, input, "input.txt", &ReadOptions { stems }) {
                Ok(_) => {}
                Err(DictionaryError::Syntax { file, line, message }) => {
                    prop_assert_eq!(file.to_str(), Some("input.txt"));
                    prop_assert!((1..=lines).contains(&line), "{kind:?}: line {line} of {lines}: {message}");
                    prop_assert!(!message.is_empty());
                }
                Err(DictionaryError::InvalidUtf8 { line, offset, .. }) => {
                    prop_assert!((1..=lines).contains(&line), "{kind:?}: line {line} of {lines}");
                    prop_assert!(offset < input.len());
                }
                Err(other) => prop_assert!(false, "{kind:?}: unexpected error {other}"),
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(input in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_all_readers(&input)?;
    }

    #[test]
    fn arbitrary_text(input in ".{0,600}") {
        check_all_readers(input.as_bytes())?;
    }

    #[test]
    fn mutated_dictionary_lines(input in dictionary_file()) {
        check_all_readers(&input)?;
    }

    #[test]
    fn huge_expansions_are_refused_not_attempted(word in "[a-z]{1,8}", count in 1usize..40) {
        let issue = format!("{} [X]\n", vec![format!("v:{word}+n:{word}"); count].join(" "));
        check_all_readers(issue.as_bytes())?;
        let agents = format!("!A! = 1, 2, 3, 4, 5, 6, 7, 8\n{} [~X]\n", "!A!".repeat(count));
        check_all_readers(agents.as_bytes())?;
        let synsets: String = (0..count * 3).map(|i| format!("&S{i}\n+&S{}\n", i + 1)).collect();
        check_all_readers(format!("{synsets}&S{}\n+END\n", count * 3).as_bytes())?;
    }
}

#[test]
fn every_seed_line_alone() {
    for seed in SEEDS {
        check_all_readers(seed.as_bytes()).unwrap();
    }
}
