//! The published PETRARCH2 dictionaries (shared/data/cameo): the Phoenix set and the validation
//! set load without error, and what they hold matches entries checked by hand in the files.

use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::Instant;
use tripwire_dictionaries::petrarch::{
    load_dir, load_set, load_set_with, read_actors, read_agents, read_verbs, NoteKind, PetrarchFiles, ReadOptions,
    StemRule,
};
use tripwire_dictionaries::{AgentPlacement, Dictionaries, EventCodeSpec, PatternItem, Phrase, VerbEntry, Word};

fn cameo_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/cameo");
    if dir.join("CAMEO.2.0.txt").is_file() {
        Some(dir)
    } else {
        println!("skipping: {} not found", dir.display());
        None
    }
}

fn text(phrase: &Phrase) -> String {
    phrase.0.iter().map(Word::text).collect::<Vec<_>>().join(" ")
}

fn forms(entry: &VerbEntry) -> Vec<String> {
    entry.forms.iter().map(text).collect()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn code(primary: &str, paired: Option<&str>) -> EventCodeSpec {
    EventCodeSpec::Code { primary: primary.into(), paired: paired.map(Into::into) }
}

fn word(w: &str, joined: bool) -> PatternItem {
    PatternItem::Word { word: Word::Exact(w.into()), joined }
}

/// The entry of `block` whose forms start with `first`.
fn verb<'a>(d: &'a Dictionaries, block: &str, first: &str) -> &'a VerbEntry {
    d.verbs
        .iter()
        .find(|v| &*v.block == block && v.forms.first().is_some_and(|f| text(f) == first))
        .unwrap_or_else(|| panic!("no verb {first} in block {block}"))
}

fn actor<'a>(d: &'a Dictionaries, name: &str) -> &'a tripwire_dictionaries::ActorEntry {
    d.actors
        .iter()
        .find(|a| a.phrases.first().is_some_and(|p| text(p) == name))
        .unwrap_or_else(|| panic!("no actor {name}"))
}

fn agent<'a>(d: &'a Dictionaries, name: &str) -> &'a tripwire_dictionaries::AgentEntry {
    d.agents
        .iter()
        .find(|a| a.phrases.first().is_some_and(|p| text(p) == name))
        .unwrap_or_else(|| panic!("no agent {name}"))
}

#[test]
fn phoenix_set_loads_completely() {
    let Some(dir) = cameo_dir() else { return };
    let started = Instant::now();
    let loaded = load_set_with(&dir, &PetrarchFiles::phoenix(), &ReadOptions::default()).unwrap();
    println!("Phoenix set loaded in {:?}", started.elapsed());
    let d = &loaded.dictionaries;
    // 397 blocks; 393 with verbs of their own plus 124 verb lines carrying their own code.
    assert_eq!(d.verbs.len(), 517);
    assert_eq!(d.verbs.iter().map(|v| &v.block).collect::<std::collections::BTreeSet<_>>().len(), 397);
    assert_eq!(d.synsets.len(), 40);
    // Root lines: 18390 countries, 7841 international, 1021 militant and non-state groups.
    assert_eq!(d.actors.len(), 18390 + 7841 + 1021);
    assert_eq!(d.agents.len(), 2244);
    assert_eq!(d.discards.len(), 506);
    assert_eq!(d.discards.iter().filter(|x| x.story).count(), 64);
    assert!(d.issues.len() > 3000);

    let report = &loaded.report;
    assert_eq!(report.count(NoteKind::TransformationSkipped), 8);
    assert_eq!(report.count(NoteKind::IssueExclusionSkipped), 181);
    assert_eq!(report.count(NoteKind::AgentWithoutCodeSkipped), 1); // ISLAMIC_EXTREMIST
    assert_eq!(report.count(NoteKind::CodeClosedWithBrace), 1); // [~ENV}
    assert_eq!(report.count(NoteKind::LoneDateReadAsFrom), 2); // [MNEGOV 20121204], [USAGOV 19820101]
    assert_eq!(report.count(NoteKind::UnbalancedPatternBrackets), 2);
    assert_eq!(report.count(NoteKind::PatternWithUndefinedSynsetSkipped), 2); // &WEATHER, &DEMONSTRATION
    assert_eq!(report.count(NoteKind::TrailingTextIgnored), 7); // 3 companies, 4 issue lines
    assert_eq!(report.count(NoteKind::ActorWithoutCode), 40);
    assert_eq!(report.count(NoteKind::ExtraHeaderCodeIgnored), 0);
    assert_eq!(report.count(NoteKind::BlockWithoutVerbs), 0);
    assert_eq!(report.skipped_lines(), 8 + 181 + 1 + 2);

    let via_dir = load_dir(&dir).unwrap();
    assert_eq!((via_dir.verbs.len(), via_dir.actors.len()), (d.verbs.len(), d.actors.len()));
}

#[test]
fn cameo_verb_forms() {
    let Some(dir) = cameo_dir() else { return };
    let d = read_verbs(&dir.join("CAMEO.2.0.txt")).unwrap();

    // ---  INVADE   [192]  ---: regular forms derived, irregular ones as listed.
    let invade = verb(&d, "INVADE", "INFEST");
    assert_eq!(invade.code, Some(code("192", None)));
    assert_eq!(invade.origin.line, 9121);
    let invade_forms = forms(invade);
    for form in ["INFEST", "INFESTS", "INFESTED", "INFESTING", "OCCUPY", "OCCUPIES", "OCCUPIED", "OVERRAN", "RESIDING"]
    {
        assert!(invade_forms.contains(&form.to_string()), "{form}");
    }
    assert!(!invade_forms.contains(&"OCCUPYED".to_string()));

    // ---  SEARCH   [---]  ---: verbs with their own code are entries of their own, sharing the
    // block's patterns.
    let search = verb(&d, "SEARCH", "LOOK FOR");
    assert_eq!(search.code, None);
    assert!(forms(search).contains(&"LOOKING FOR".to_string()));
    assert!(forms(search).contains(&"SEARCHED FOR".to_string()));
    let seek = verb(&d, "SEARCH", "SEEK");
    assert_eq!(seek.code, Some(code("030", None)));
    assert_eq!(forms(seek), ["SEEK", "SEEKS", "SEEKING", "SOUGHT"]);
    assert_eq!(seek.origin.line, 3350);
    assert_eq!(seek.patterns, search.patterns);
    assert_eq!(seek.patterns.len(), 55);

    // +CALL_OFF [160]: a multi-word verb with its own code inflects its first word.
    let call_off = verb(&d, "CANCEL", "CALL OFF");
    assert_eq!(call_off.code, Some(code("160", None)));
    assert_eq!(forms(call_off), ["CALL OFF", "CALLS OFF", "CALLED OFF", "CALLING OFF"]);
    let cancel = verb(&d, "CANCEL", "SHUT DOWN");
    assert_eq!(&forms(cancel)[..3], ["SHUT DOWN", "SHUTS DOWN", "SHUTTING DOWN"]);

    // ---  OFFEND   [:110]  ---: only the reverse event.
    assert_eq!(verb(&d, "OFFEND", "APPALL").code, Some(code("", Some("110"))));
}

#[test]
fn cameo_patterns_and_synsets() {
    let Some(dir) = cameo_dir() else { return };
    let d = read_verbs(&dir.join("CAMEO.2.0.txt")).unwrap();

    assert_eq!(text(&d.synsets["AUXVERB1"][0]), "WAS");
    assert_eq!(d.synsets["AUXVERB1"].len(), 3); // &AUXVERB1_: no plurals
    let currency: Vec<String> = d.synsets["CURRENCY"].iter().map(text).collect();
    for member in ["DOLLAR", "DOLLARS", "CASH", "WON", "PA'ANGA"] {
        assert!(currency.contains(&member.to_string()), "{member}");
    }
    assert!(!currency.contains(&"WONS".to_string())); // +WON_
    assert!(d.synsets["MILITARY"].iter().any(|p| text(p) == "ARMED FORCES"));

    // ADD: a bracketed phrase after the verb, then the source slot.
    let add = verb(&d, "ADD", "ADD");
    let pattern = add.patterns.iter().find(|p| p.origin.line == 738).unwrap();
    assert!(pattern.before.is_empty());
    assert_eq!(pattern.after, [word("TO", false), word("BANNED", false), word("PARTIES", false), PatternItem::Source]);
    assert_eq!(pattern.code, code("1722", None));

    // ALERT: synsets before and inside a bracketed phrase.
    let alert = verb(&d, "ALERT", "ALERT");
    assert_eq!(alert.patterns[0].after[0], PatternItem::Synset { name: "SECURITY".into(), joined: false });
    assert_eq!(alert.patterns[0].after[2], PatternItem::Synset { name: "WEAPON".into(), joined: false });

    // ACCELERATE: a paired code on a pattern; a bare prepositional phrase holds the target.
    let accelerate = verb(&d, "ACCELERATE", "ACCELERATE");
    assert_eq!(accelerate.patterns[0].code, code("042", Some("043")));
    assert_eq!(accelerate.patterns[0].after, [word("TO", false), PatternItem::Target]);

    // Underscores next to the verb slot: adjacency on both sides of the verb.
    let elect = verb(&d, "NAME", "PUT FORWARD");
    let laws = elect.patterns.iter().find(|p| p.origin.line == 2471).unwrap();
    assert!(laws.verb_joined);
    assert_eq!(laws.code, EventCodeSpec::Null);
    let plan = verb(&d, "INTEND", "INTEND");
    let spy = plan.patterns.iter().find(|p| p.origin.line == 4935).unwrap();
    assert_eq!(spy.before, [word("SPY", true)]);
    assert_eq!(spy.after, [word("DEAL", false)]);
    assert!(spy.verb_joined);
}

#[test]
fn phoenix_actors() {
    let Some(dir) = cameo_dir() else { return };
    let d = read_actors(&dir.join("Phoenix.Countries.actors.txt")).unwrap();

    let afghanistan = actor(&d, "AFGHANISTAN");
    assert_eq!(afghanistan.origin.line, 45);
    assert_eq!(afghanistan.code_on(day(2010, 1, 1)), Some("AFG"));
    assert!(afghanistan.phrases.iter().any(|p| text(p) == "KABUL"));
    assert!(afghanistan.phrases.iter().any(|p| text(p) == "ISLAMIC REPUBLIC OF AFGHANISTAN"));
    assert!(afghanistan.phrases.iter().flat_map(|p| &p.0).all(|w| matches!(w, Word::Exact(_))));

    // ARMENIA_: [USRARM <900823] [ARMUNR 9008223-911221] [ARM >911221]; the 7-digit date reads
    // as 900822 the way PETRARCH reads it.
    let armenia = actor(&d, "ARMENIA");
    assert_eq!(armenia.codes.len(), 3);
    assert_eq!(armenia.code_on(day(1990, 8, 22)), Some("USRARM"));
    assert_eq!(armenia.code_on(day(1990, 8, 23)), Some("ARMUNR"));
    assert_eq!(armenia.code_on(day(1991, 12, 21)), Some("ARMUNR"));
    assert_eq!(armenia.code_on(day(1995, 1, 1)), Some("ARM"));

    // ABDUL_QADIR_: dated codes, then an undated default.
    let qadir = actor(&d, "ABDUL QADIR");
    assert_eq!(qadir.code_on(day(1978, 4, 28)), Some("AFGGOV"));
    assert_eq!(qadir.code_on(day(2000, 1, 1)), Some("AFGELI"));

    let international = read_actors(&dir.join("Phoenix.International.actors.txt")).unwrap();
    // MICHELE_MONTAS_	[HTIOPPMED <061231] [IGOUNOMED]	[---]
    let montas = actor(&international, "MICHELE MONTAS");
    assert_eq!(montas.codes.iter().map(|c| &*c.code).collect::<Vec<_>>(), ["HTIOPPMED", "IGOUNOMED", "---"]);
    assert_eq!(montas.code_on(day(2006, 12, 30)), Some("HTIOPPMED"));
    assert_eq!(montas.code_on(day(2007, 1, 1)), Some("IGOUNOMED"));
}

#[test]
fn phoenix_agents() {
    let Some(dir) = cameo_dir() else { return };
    let d = read_agents(&dir.join("Phoenix.agents.txt")).unwrap();

    let president = agent(&d, "PRESIDENT");
    assert_eq!((&*president.code, president.placement), ("GOV", AgentPlacement::Suffix));
    assert_eq!(president.phrases.iter().map(text).collect::<Vec<_>>(), ["PRESIDENT", "PRESIDENTS"]);
    assert_eq!(president.origin.line, 1141);

    let prefixed: Vec<_> = d.agents.iter().filter(|a| a.placement == AgentPlacement::Prefix).collect();
    assert_eq!(prefixed.len(), 3);
    assert!(prefixed.iter().all(|a| &*a.code == "IGO"));
    // PEACEKEEPING_TROOPS {} [IGO~]: no plural.
    assert_eq!(agent(&d, "PEACEKEEPING TROOPS").phrases.len(), 1);

    // !MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
    // !MINIST! FOR_AGRICULTURE [~GOVAGR]
    let agriculture = agent(&d, "MINISTER FOR AGRICULTURE");
    assert_eq!(agriculture.origin.line, 818);
    assert_eq!(&*agriculture.code, "GOVAGR");
    assert_eq!(
        agriculture.phrases.iter().map(text).collect::<Vec<_>>(),
        [
            "MINISTER FOR AGRICULTURE",
            "MINISTERS FOR AGRICULTURE",
            "MINISTRY FOR AGRICULTURE",
            "MINISTRIES FOR AGRICULTURE"
        ]
    );
    // CATTLE!PERSON! [~AGR]
    assert_eq!(agent(&d, "CATTLEMAN").phrases.len(), 5);
    // THIEF {THIEVES} [~CRM]
    assert_eq!(agent(&d, "THIEF").phrases.iter().map(text).collect::<Vec<_>>(), ["THIEF", "THIEVES"]);
}

#[test]
fn phoenix_discards_and_issues() {
    let Some(dir) = cameo_dir() else { return };
    let d = load_set(
        &dir,
        &PetrarchFiles {
            discards: vec!["Phoenix.discards.txt".into()],
            issues: vec!["Phoenix.IssueCoding.txt".into()],
            ..PetrarchFiles::default()
        },
    )
    .unwrap();
    let golf = d.discards.iter().find(|x| text(&x.phrase) == "WORLD GOLF CHAMPIONSHIPS").unwrap();
    assert!(golf.story);
    assert!(d.discards.iter().any(|x| text(&x.phrase) == "1914" && !x.story));

    let issue = |phrase: &str| {
        d.issues
            .iter()
            .find(|i| text(&i.phrase) == phrase)
            .map(|i| &*i.code)
            .unwrap_or_else(|| panic!("no issue {phrase}"))
    };
    assert_eq!(issue("TEACHERS"), "TEACHERS"); // n:teacher [TEACHERS]
    assert_eq!(issue("PRE-SCHOOLS"), "EARLY_CHILDHOOD_EDUCATION"); // pre+n:school
    assert_eq!(issue("EUROZONE"), "EUROPEAN_UNION"); // no code: the block's category
    assert_eq!(issue("KIDNAPS"), "KIDNAP"); // v:kidnap in <ISSUE CATEGORY="KIDNAP">
    assert!(d.issues.iter().all(|i| text(&i.phrase) != "A HEAD START")); // ~a head start
}

#[test]
fn validate_set() {
    let Some(dir) = cameo_dir() else { return };
    let loaded = load_set_with(&dir, &PetrarchFiles::validate(), &ReadOptions::default()).unwrap();
    let d = &loaded.dictionaries;
    assert_eq!(d.verbs.len(), 264); // 261 blocks, 3 verb lines with their own code
    assert_eq!(d.synsets.len(), 17);
    assert_eq!(d.actors.len(), 128);
    assert_eq!(d.agents.len(), 88);
    assert_eq!(d.discards.len(), 9);
    assert_eq!(loaded.report.count(NoteKind::ExtraHeaderCodeIgnored), 1); // --- DELAY [120] [031:031] ---
    assert_eq!(loaded.report.notes.len(), 1);

    // --- ADMIT [013:012] ---
    assert_eq!(verb(d, "ADMIT", "ADMIT").code, Some(code("013", Some("012"))));
    // KLM_NOP_+RST [002] inside ABANDON
    let rst = verb(d, "ABANDON", "KLM NOP RST");
    assert_eq!(rst.code, Some(code("002", None)));
    assert!(forms(rst).contains(&"KLM NOP RSTED".to_string()));
    assert_eq!(verb(d, "ABANDON", "ABANDON").patterns.len(), 5);
    // BREAK { BROKE BROKEN  } and +BREAK_DOWN {+BREAKS_DOWN ...}
    assert_eq!(&forms(verb(d, "BREAK", "BREAK"))[..4], ["BREAK", "BROKE", "BROKEN", "BREAK DOWN"]);
    // &ACCORDSYN holds &TIETYPES and &CURRENCY.
    let accord: Vec<String> = d.synsets["ACCORDSYN"].iter().map(text).collect();
    for member in ["MILITARY", "CLOSER", "GOLDEN GOBLIN GALLEONS", "SWISS FRANCS"] {
        assert!(accord.contains(&member.to_string()), "{member}");
    }
    // ABANDON's first pattern: a word, a synset and a word, all joined.
    let abandon = verb(d, "ABANDON", "ABANDON");
    assert_eq!(
        abandon.patterns[0].after,
        [word("NEW", true), PatternItem::Synset { name: "TIETYPES".into(), joined: true }, word("RELATIONS", false)]
    );
    assert_eq!(abandon.patterns[0].code, code("903", None));

    let gollum = actor(d, "GOLLUM");
    assert_eq!(gollum.phrases.len(), 4);
    assert_eq!(gollum.code_on(day(1995, 5, 31)), Some("HOB"));
    assert_eq!(gollum.code_on(day(1997, 1, 1)), Some("HOBGOV"));
    assert_eq!(gollum.code_on(day(1999, 8, 16)), Some("HOBREB"));
    let sam = actor(d, "SAM GAMGEE");
    assert_eq!(sam.code_on(day(2010, 1, 10)), Some("ORCHOB"));
    assert_eq!(sam.code_on(day(2009, 1, 1)), Some("HOBMIL"));
    assert_eq!(sam.code_on(day(2014, 1, 1)), Some("HOBELI"));

    let body = agent(d, "HUMAN RIGHTS BODY");
    assert_eq!((&*body.code, body.placement), ("NGO", AgentPlacement::Prefix));
    assert_eq!(agent(d, "CONGRESS").phrases.iter().map(text).collect::<Vec<_>>(), ["CONGRESS", "CONGRESSES"]);
    assert_eq!(agent(d, "MINISTER OF SILLY WALKS").phrases.len(), 4);
}

#[test]
fn tabari_stems_are_an_option() {
    let Some(dir) = cameo_dir() else { return };
    let tabari = ReadOptions { stems: StemRule::Tabari };
    let d = load_set_with(&dir, &PetrarchFiles::validate(), &tabari).unwrap().dictionaries;
    assert_eq!(actor(&d, "ARGENTIN").phrases[0].0, [Word::Stem("ARGENTIN".into())]);
    assert_eq!(actor(&d, "ARNOR").phrases[0].0, [Word::Exact("ARNOR".into())]);
}
