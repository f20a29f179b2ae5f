//! Reader for tripwire's own dictionary format, specified in `docs/dictionary-format.md`: the
//! format of the shipped dictionaries in `data/dictionaries/`.
//!
//! The reader is strict. Every actor, agent and event code must be known to
//! [`tripwire_ontology`], and anything it cannot read is a [`DictionaryError::Syntax`] naming the
//! file and line, so a typo in a dictionary fails loudly instead of silently never matching.

mod codes;
mod lines;
mod records;
mod words;

use crate::error::{DictionaryError, Result};
use crate::model::{Dictionaries, Origin, PatternItem};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The shipped dictionaries, embedded at build time so the binary needs no data folder. Read in
/// this order; the names are the ones errors and origins carry.
const SHIPPED: [(&str, &str); 7] = [
    ("data/dictionaries/countries.twd", include_str!("../../../../data/dictionaries/countries.twd")),
    ("data/dictionaries/igos.twd", include_str!("../../../../data/dictionaries/igos.twd")),
    ("data/dictionaries/agents.twd", include_str!("../../../../data/dictionaries/agents.twd")),
    ("data/dictionaries/leaders.twd", include_str!("../../../../data/dictionaries/leaders.twd")),
    ("data/dictionaries/leaders-world.twd", include_str!("../../../../data/dictionaries/leaders-world.twd")),
    ("data/dictionaries/verbs.twd", include_str!("../../../../data/dictionaries/verbs.twd")),
    ("data/dictionaries/nouns.twd", include_str!("../../../../data/dictionaries/nouns.twd")),
];

/// The shipped dictionary files, name and text: what [`shipped`] reads, for callers that key a
/// cache on them.
pub fn shipped_files() -> &'static [(&'static str, &'static str)] {
    &SHIPPED
}

/// The file extension of native dictionaries.
pub const EXTENSION: &str = "twd";

/// Reads one native dictionary from `text`; `file` names it in errors and origins.
///
/// Synsets a pattern uses may be defined in another file of the set, so this does not check
/// them: [`read_dir`] and [`shipped`] do, and [`check_references`] does for any combination.
pub fn parse_str(text: &str, file: &str) -> Result<Dictionaries> {
    records::parse(text, &records::Source::new(file)).map(|parsed| parsed.dictionaries)
}

/// As [`parse_str`], from bytes that must be UTF-8.
pub fn parse_bytes(bytes: &[u8], file: &str) -> Result<Dictionaries> {
    parse_str(decode(bytes, Path::new(file))?, file)
}

/// Reads the native dictionary at `path`.
pub fn read_file(path: &Path) -> Result<Dictionaries> {
    read_parsed(path).map(|parsed| parsed.dictionaries)
}

/// Reads every `*.twd` file directly inside `dir`, in file-name order, as one set, and checks
/// that every synset a pattern uses is defined exactly once in the set.
pub fn read_dir(dir: &Path) -> Result<Dictionaries> {
    let io_error = |source| DictionaryError::Io { file: dir.to_path_buf(), source };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io_error)? {
        let path = entry.map_err(io_error)?.path();
        if path.extension().is_some_and(|extension| extension == EXTENSION) && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    let mut set = SetBuilder::default();
    for path in &paths {
        set.add(read_parsed(path)?)?;
    }
    set.finish()
}

/// The dictionaries shipped with tripwire (`data/dictionaries/*.twd`): countries, international
/// and non-state actors, agents, leaders and verbs.
pub fn shipped() -> Result<Dictionaries> {
    let mut set = SetBuilder::default();
    for (file, text) in SHIPPED {
        set.add(records::parse(text, &records::Source::new(file))?)?;
    }
    set.finish()
}

/// Checks that every synset a verb pattern uses is defined; the error names the pattern's file
/// and line.
pub fn check_references(dictionaries: &Dictionaries) -> Result<()> {
    for verb in &dictionaries.verbs {
        for pattern in &verb.patterns {
            for item in pattern.before.iter().chain(&pattern.after) {
                if let PatternItem::Synset { name, .. } = item {
                    if !dictionaries.synsets.contains_key(name) {
                        return Err(syntax_at(
                            &pattern.origin,
                            format!("pattern uses synset `&{name}`, which no file of the set defines"),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn read_parsed(path: &Path) -> Result<records::Parsed> {
    let bytes = std::fs::read(path).map_err(|source| DictionaryError::Io { file: path.to_path_buf(), source })?;
    let text = decode(&bytes, path)?;
    records::parse(text, &records::Source::new(&path.display().to_string()))
}

fn decode<'a>(bytes: &'a [u8], file: &Path) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        let newlines = bytes[..offset].iter().filter(|&&byte| byte == b'\n').count();
        DictionaryError::InvalidUtf8 { file: file.to_path_buf(), line: lines::line_number(newlines), offset }
    })
}

fn syntax_at(origin: &Origin, message: String) -> DictionaryError {
    DictionaryError::syntax(PathBuf::from(&*origin.file), origin.line, message)
}

/// Combines the files of one set. `Dictionaries::extend` would let a later synset silently
/// replace an earlier one of the same name, so definitions are tracked here.
#[derive(Default)]
struct SetBuilder {
    dictionaries: Dictionaries,
    synset_origins: BTreeMap<Box<str>, Origin>,
}

impl SetBuilder {
    fn add(&mut self, parsed: records::Parsed) -> Result<()> {
        for (name, origin) in parsed.synset_origins {
            if let Some(first) = self.synset_origins.get(&name) {
                return Err(syntax_at(&origin, format!("synset `{name}` is already defined at {first}")));
            }
            self.synset_origins.insert(name, origin);
        }
        self.dictionaries.extend(parsed.dictionaries);
        Ok(())
    }

    fn finish(self) -> Result<Dictionaries> {
        check_references(&self.dictionaries)?;
        Ok(self.dictionaries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgentPlacement, DateRange, DatedCode, EventCodeSpec, Phrase, Word};
    use chrono::NaiveDate;

    fn parse(text: &str) -> Dictionaries {
        match parse_str(text, "test.twd") {
            Ok(dictionaries) => dictionaries,
            Err(error) => panic!("{error}"),
        }
    }

    /// The line of a syntax error, after checking it names the file.
    fn error_line(text: &str) -> (u32, String) {
        match parse_str(text, "test.twd") {
            Err(DictionaryError::Syntax { file, line, message }) => {
                assert_eq!(file, PathBuf::from("test.twd"));
                (line, message)
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    fn phrase(text: &str) -> Phrase {
        Phrase(text.split(' ').map(|word| Word::Exact(word.into())).collect())
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_country_gives_a_named_entry_and_a_place_entry() {
        let d = parse(
            "country IRN Iran\n  alias Islamic Republic of Iran\n  adjective Iranian\n  demonym Iranians\n  capital Tehran\n  place Qom\n",
        );
        assert_eq!(d.actors.len(), 2);
        let (state, places) = (&d.actors[0], &d.actors[1]);
        assert_eq!(
            state.phrases,
            [phrase("IRAN"), phrase("ISLAMIC REPUBLIC OF IRAN"), phrase("IRANIAN"), phrase("IRANIANS")]
        );
        assert!(!state.is_place);
        assert_eq!(state.origin.line, 1);
        assert_eq!(&*state.origin.file, "test.twd");
        assert_eq!(places.phrases, [phrase("TEHRAN"), phrase("QOM")]);
        assert!(places.is_place);
        assert_eq!(places.origin.line, 5);
        for entry in [state, places] {
            assert_eq!(entry.codes, [DatedCode { code: "IRN".into(), when: DateRange::ALWAYS }]);
        }
    }

    #[test]
    fn repeated_phrases_are_kept_once() {
        let d = parse("country IRN Iran\n  alias IRAN\n  adjective Iranian\n  demonym iranian\n");
        assert_eq!(d.actors[0].phrases, [phrase("IRAN"), phrase("IRANIAN")]);
        let d = parse("verb say says said said\n  code 010\n");
        assert_eq!(d.verbs[0].forms, [phrase("SAY"), phrase("SAYS"), phrase("SAID")]);
    }

    #[test]
    fn a_country_without_capital_has_no_place_entry() {
        assert_eq!(parse("country XKX Kosovo\n").actors.len(), 1);
    }

    #[test]
    fn an_actor_prefers_its_dated_codes() {
        let d = parse("actor AFGREB Taliban\n  alias Taleban\n  code AFGGOV 2021-08-15..\n");
        let taliban = &d.actors[0];
        assert_eq!(taliban.phrases, [phrase("TALIBAN"), phrase("TALEBAN")]);
        assert_eq!(taliban.code_on(day("2020-01-01")), Some("AFGREB"));
        assert_eq!(taliban.code_on(day("2021-08-15")), Some("AFGGOV"));
    }

    #[test]
    fn a_person_codes_only_while_a_role_holds() {
        let d = parse(
            "person Abbas Araghchi\n  alias Araghchi\n  role IRNGOV 2024-08-21..\n  role IRNGOVFRM ..2024-08-20\n",
        );
        let person = &d.actors[0];
        assert_eq!(person.phrases, [phrase("ABBAS ARAGHCHI"), phrase("ARAGHCHI")]);
        assert_eq!(person.code_on(day("2025-01-01")), Some("IRNGOV"));
        assert_eq!(person.code_on(day("2020-01-01")), Some("IRNGOVFRM"));
        let (line, _) = error_line("person Nobody\n  alias No One\n");
        assert_eq!(line, 1);
    }

    #[test]
    fn agents_have_words_and_a_placement() {
        let d = parse("agent GOV\n  word minister\n  word foreign minister\nagent NGO\n  prefix\n  word aid group\n");
        assert_eq!(d.agents.len(), 2);
        assert_eq!(&*d.agents[0].code, "GOV");
        assert_eq!(d.agents[0].phrases, [phrase("MINISTER"), phrase("FOREIGN MINISTER")]);
        assert_eq!(d.agents[0].placement, AgentPlacement::Suffix);
        assert_eq!(d.agents[1].placement, AgentPlacement::Prefix);
    }

    #[test]
    fn verbs_have_forms_codes_and_patterns() {
        let d = parse(
            "synset WEAPON\n  word missiles\n  word ballistic missile\n\
             verb impose imposes imposed imposing\n  code 163\n  pattern 163 $ * sanctions on +\n  pattern --- * fine\n\
             verb crack_down cracks_down cracked_down\n  pattern 032:033 % * not_to &weapon\n",
        );
        assert_eq!(d.synsets["WEAPON"], [phrase("MISSILES"), phrase("BALLISTIC MISSILE")]);
        let impose = &d.verbs[0];
        assert_eq!(&*impose.block, "IMPOSE");
        assert_eq!(impose.forms, [phrase("IMPOSE"), phrase("IMPOSES"), phrase("IMPOSED"), phrase("IMPOSING")]);
        assert_eq!(impose.code, Some(EventCodeSpec::Code { primary: "163".into(), paired: None }));
        assert_eq!(impose.patterns.len(), 2);
        assert_eq!(impose.patterns[0].before, [PatternItem::Source]);
        assert_eq!(impose.patterns[0].origin.line, 6);
        assert_eq!(impose.patterns[1].code, EventCodeSpec::Null);
        let crack = &d.verbs[1];
        assert_eq!(&*crack.block, "CRACK DOWN");
        assert_eq!(crack.forms[2], phrase("CRACKED DOWN"));
        assert_eq!(crack.code, None);
        assert_eq!(crack.patterns[0].code, EventCodeSpec::Code { primary: "032".into(), paired: Some("033".into()) });
        assert_eq!(crack.patterns[0].after[2], PatternItem::Synset { name: "WEAPON".into(), joined: false });
        assert!(check_references(&d).is_ok());
    }

    #[test]
    fn discards_and_issues() {
        let d = parse("discard sentence football match\ndiscard story horoscope\nissue NUCLEAR nuclear programme\n");
        assert_eq!(d.discards.len(), 2);
        assert!(!d.discards[0].story && d.discards[1].story);
        assert_eq!(d.discards[0].phrase, phrase("FOOTBALL MATCH"));
        assert_eq!(&*d.issues[0].code, "NUCLEAR");
        assert_eq!(d.issues[0].phrase, phrase("NUCLEAR PROGRAMME"));
    }

    #[test]
    fn nouns_carry_a_code_and_their_forms() {
        let d = parse("noun 040:040 meeting\n  form meetings\n  form summit meeting\nnoun 163 sanctions\n");
        assert_eq!(d.nouns.len(), 2);
        assert_eq!(d.nouns[0].code, EventCodeSpec::Code { primary: "040".into(), paired: Some("040".into()) });
        assert_eq!(d.nouns[0].phrases, [phrase("MEETING"), phrase("MEETINGS"), phrase("SUMMIT MEETING")]);
        assert_eq!(d.nouns[1].phrases, [phrase("SANCTIONS")]);
    }

    #[test]
    fn errors_name_the_line() {
        let cases: &[(&str, u32, &str)] = &[
            ("country XYZ Nowhere\n", 1, "XYZ"),
            ("country IRNGOV Iran\n", 1, "IRNGOV"),
            ("country IRN\n", 1, "name"),
            ("country IRN Iran\ncountry IRN Persia\n", 2, "already"),
            ("actor IGOUNO UN\n  alias UN\n  code IGOXYZ 2020-01-01..\n", 3, "XYZ"),
            ("actor IGOUNO UN\n  code IGOUNO\n", 2, "range"),
            ("actor IGOUNO UN\n  code IGOUNO 2020-13-01..\n", 2, "2020-13-01"),
            ("actor IGOUNO UN\n  motto peace\n", 2, "motto"),
            ("actor IGOUNO UN\n  alias\n", 2, "phrase"),
            ("agent XYZ\n  word x\n", 1, "XYZ"),
            ("agent IRN\n  word x\n", 1, "IRN"),
            ("agent GOV\n", 1, "word"),
            ("agent GOV\n  word minister\n  prefix yes\n", 3, "prefix"),
            ("verb go goes\n", 1, "neither"),
            ("verb go goes\n  code 999\n", 2, "999"),
            ("verb go\n  code 010\n  code 011\n", 3, "second"),
            ("verb go\n  pattern 010 $ to +\n", 2, "`*`"),
            ("verb go\n  pattern 010 * to * +\n", 2, "two"),
            ("verb go\n  pattern 0100 * to +\n", 2, "0100"),
            ("verb go\n  pattern 010\n", 2, "`*`"),
            ("synset S\nsynset T\n  word x\n", 1, "word"),
            ("synset S\n  word x\nsynset S\n  word y\n", 3, "already"),
            ("discard match football\n", 1, "discard"),
            ("discard sentence\n", 1, "phrase"),
            ("discard sentence football\n  word x\n", 2, "no fields"),
            ("issue NUCLEAR\n", 1, "phrase"),
            ("noun 040\n", 1, "phrase"),
            ("noun 999 talks\n", 1, "999"),
            ("noun 040 talks\n  word meeting\n", 2, "form"),
            ("blob X\n", 1, "blob"),
            ("\n\n  alias orphan\n", 3, "before any record"),
            ("actor IGOUNO UN#comment\n", 1, "#"),
            ("actor IGOUNO U*N\n", 1, "*"),
        ];
        for (text, line, needle) in cases {
            let (got_line, message) = error_line(text);
            assert_eq!(got_line, *line, "{text:?}: {message}");
            assert!(message.contains(needle), "{text:?}: {message} lacks {needle:?}");
        }
    }

    #[test]
    fn undefined_synsets_are_caught_when_the_set_is_complete() {
        let d = parse("verb fire\n  pattern 190 $ * &ROCKET at +\n");
        match check_references(&d) {
            Err(DictionaryError::Syntax { line, message, .. }) => {
                assert_eq!(line, 2);
                assert!(message.contains("&ROCKET"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_utf8_names_line_and_offset() {
        match parse_bytes(b"country IRN Iran\n  alias P\xffrsia\n", "bad.twd") {
            Err(DictionaryError::InvalidUtf8 { file, line, offset }) => {
                assert_eq!(file, PathBuf::from("bad.twd"));
                assert_eq!((line, offset), (2, 26));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_directory_is_read_in_name_order_as_one_set() {
        let dir = std::env::temp_dir().join(format!("tripwire-native-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("b.twd"), "verb fire\n  pattern 190 $ * &ROCKET at +\n").unwrap();
        std::fs::write(dir.join("a.twd"), "synset ROCKET\n  word rockets\ncountry IRN Iran\n").unwrap();
        std::fs::write(dir.join("notes.txt"), "not a dictionary").unwrap();
        let d = read_dir(&dir).unwrap();
        assert_eq!(d.actors.len(), 1);
        assert_eq!(&*d.verbs[0].patterns[0].origin.file, dir.join("b.twd").display().to_string());

        std::fs::write(dir.join("c.twd"), "synset ROCKET\n  word missiles\n").unwrap();
        match read_dir(&dir) {
            Err(DictionaryError::Syntax { file, line, message }) => {
                assert_eq!((file, line), (dir.join("c.twd"), 1));
                assert!(message.contains("a.twd:1"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        std::fs::remove_file(dir.join("c.twd")).unwrap();
        std::fs::remove_file(dir.join("a.twd")).unwrap();
        assert!(matches!(read_dir(&dir), Err(DictionaryError::Syntax { line: 2, .. })));
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(read_dir(&dir), Err(DictionaryError::Io { .. })));
        assert!(matches!(read_file(&dir.join("a.twd")), Err(DictionaryError::Io { .. })));
    }
}
