//! Actor dictionaries (`Phoenix.*.actors.txt`, `PETR.Validate.actors.txt`).
//!
//! ```text
//! AFGHANISTAN_  [AFG]            an actor: its name and, optionally, codes on the same line
//! +KABUL_                        another name for it
//! GOLLUM                         codes may instead follow on their own lines:
//!     [HOB < 950601]             until 1 June 1995 (exclusive)
//!     [HOBGOV 19950601 - 19990815]  between the two days (inclusive)
//!     [HOBREB > 990816]          from 16 August 1999 (inclusive)
//!     [HOB]                      otherwise
//! ```
//!
//! Dates are read as PETRARCH reads them: up to 7 digits is `YYMMDD` (years up to 30 are 20YY,
//! later ones 19YY) and digits past the sixth are ignored (`9008223`); 8 or more is `YYYYMMDD`
//! and digits past the eighth are ignored (`201005011`). A single date with no `<`, `>` or second
//! date (`[MNEGOV 20121204]`, twice in the Phoenix files) is read as a start date.
//!
//! Codes are kept as written, `[---]` included (a code that means "no actor"). Whether the last
//! word of a name is a stem is [`StemRule`](super::StemRule)'s choice.

use super::lines::{content_lines, Line};
use super::phrase::{words, Substitutions};
use super::{Context, NoteKind, StemRule};
use crate::error::Result;
use crate::model::{ActorEntry, DateRange, DatedCode, Dictionaries, Phrase, Word};
use chrono::NaiveDate;

pub(crate) fn parse(text: &str, cx: &mut Context) -> Result<Dictionaries> {
    let mut actors = Vec::new();
    let mut current: Option<ActorEntry> = None;
    let mut substitutions = Substitutions::default();
    for Line { number, text } in content_lines(text, cx)? {
        if let Some(defined) = substitutions.define(text) {
            defined.map_err(|message| cx.error(number, message))?;
            continue;
        }
        let (name, codes) = text.split_at(text.find('[').unwrap_or(text.len()));
        let codes = parse_codes(codes, number, cx)?;
        let phrases = match name.trim() {
            "" => Vec::new(),
            name => phrases(name.trim_start_matches('+').trim(), &substitutions, cx.options().stems)
                .map_err(|message| cx.error(number, message))?,
        };
        if text.starts_with('+') || text.starts_with('[') {
            let actor = current.as_mut().ok_or_else(|| cx.error(number, "synonym or code before any actor"))?;
            if text.starts_with('+') && phrases.is_empty() {
                return Err(cx.error(number, "empty synonym"));
            }
            actor.phrases.extend(phrases);
            actor.codes.extend(codes);
        } else {
            finish(current.take(), &mut actors, cx);
            current = Some(ActorEntry { phrases, codes, is_place: false, origin: cx.origin(number) });
        }
    }
    finish(current, &mut actors, cx);
    Ok(Dictionaries { actors, ..Dictionaries::default() })
}

fn finish(actor: Option<ActorEntry>, actors: &mut Vec<ActorEntry>, cx: &mut Context) {
    if let Some(actor) = actor {
        if actor.codes.is_empty() {
            cx.note(actor.origin.line, NoteKind::ActorWithoutCode);
        }
        actors.push(actor);
    }
}

fn phrases(name: &str, substitutions: &Substitutions, stems: StemRule) -> std::result::Result<Vec<Phrase>, String> {
    let spellings = if substitutions.is_empty() { vec![name.to_string()] } else { substitutions.expand(name)? };
    let mut out = Vec::with_capacity(spellings.len());
    for spelling in spellings {
        let name_words = words(&spelling);
        if name_words.is_empty() {
            return Err(format!("empty actor name `{name}`"));
        }
        let stem_last = stems == StemRule::Tabari && !spelling.trim_end().ends_with('_');
        let count = name_words.len();
        let phrase = name_words
            .into_iter()
            .enumerate()
            .map(|(i, w)| if stem_last && i + 1 == count { Word::Stem(w.into()) } else { Word::Exact(w.into()) })
            .collect();
        out.push(Phrase(phrase));
    }
    Ok(out)
}

/// A run of `[CODE DATES]` groups. Text after them is ignored, as PETRARCH does: three
/// companies in the Phoenix file have their sector and revenue there.
fn parse_codes(text: &str, line: u32, cx: &mut Context) -> Result<Vec<DatedCode>> {
    let mut codes = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('[') else {
            cx.note(line, NoteKind::TrailingTextIgnored);
            break;
        };
        let close = inner.find(']').ok_or_else(|| cx.error(line, "`[` without `]`"))?;
        let (code, lone_date) = parse_dated_code(&inner[..close]).map_err(|message| cx.error(line, message))?;
        if lone_date {
            cx.note(line, NoteKind::LoneDateReadAsFrom);
        }
        codes.push(code);
        rest = inner[close + 1..].trim_start();
    }
    Ok(codes)
}

/// `CODE`, `CODE <DATE`, `CODE >DATE`, `CODE DATE-DATE` (blanks allowed around the operators);
/// also says whether the date was a lone one.
fn parse_dated_code(inner: &str) -> std::result::Result<(DatedCode, bool), String> {
    let inner = inner.trim();
    let code_end = inner.find(|c: char| c.is_whitespace() || c == '<' || c == '>').unwrap_or(inner.len());
    let (code, dates) = (&inner[..code_end], inner[code_end..].trim());
    if code.is_empty() {
        return Err(format!("`[{inner}]` has no actor code"));
    }
    if code.starts_with(|c: char| c.is_ascii_digit()) || (code.contains('-') && code.chars().any(|c| c != '-')) {
        return Err(format!("bad actor code `{code}`"));
    }
    let mut lone = false;
    let when = if dates.is_empty() {
        DateRange::ALWAYS
    } else if let Some(day) = dates.strip_prefix('<') {
        let until = date(day)?.pred_opt().ok_or("date out of range")?;
        DateRange { from: None, until: Some(until) }
    } else if let Some(day) = dates.strip_prefix('>') {
        DateRange { from: Some(date(day)?), until: None }
    } else if let Some((from, until)) = dates.split_once('-') {
        DateRange { from: Some(date(from)?), until: Some(date(until)?) }
    } else {
        lone = true;
        DateRange { from: Some(date(dates)?), until: None }
    };
    Ok((DatedCode { code: code.into(), when }, lone))
}

/// PETRARCH's date rule: `YYMMDD` up to 7 digits, `YYYYMMDD` from 8, extra digits ignored.
fn date(text: &str) -> std::result::Result<NaiveDate, String> {
    let digits = text.trim();
    if digits.len() < 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("bad date `{digits}`: expected YYMMDD or YYYYMMDD"));
    }
    let number = |range: std::ops::Range<usize>| digits[range].parse::<u32>().unwrap_or_default();
    let (year, month, day) = if digits.len() > 7 {
        (number(0..4) as i32, number(4..6), number(6..8))
    } else {
        let yy = number(0..2) as i32;
        (if yy <= 30 { 2000 + yy } else { 1900 + yy }, number(2..4), number(4..6))
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("no such date `{digits}`"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::petrarch::ReadOptions;
    use crate::DictionaryError;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn read_with(text: &str, stems: StemRule) -> (Dictionaries, Context) {
        let mut cx = Context::with_options("a.txt", ReadOptions { stems });
        let d = parse(text, &mut cx).unwrap_or_else(|e| panic!("{e}"));
        (d, cx)
    }

    fn read(text: &str) -> Dictionaries {
        read_with(text, StemRule::WholeWords).0
    }

    fn error_line(text: &str) -> u32 {
        let mut cx = Context::new("a.txt");
        match parse(text, &mut cx) {
            Err(DictionaryError::Syntax { line, .. }) => line,
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    fn exact(text: &str) -> Phrase {
        Phrase(words(text).into_iter().map(|w| Word::Exact(w.into())).collect())
    }

    #[test]
    fn names_synonyms_and_inline_codes() {
        let d = read(
            "AUSTRALIA [AUS]\n+AUSTRALIAN\nCARAS GALADHON [ELF] # pas\nTHE_SHIRE  [FRO/BIL/SAM]\nPALESTINIAN [pse]\n",
        );
        assert_eq!(d.actors.len(), 4);
        assert_eq!(d.actors[0].phrases, [exact("AUSTRALIA"), exact("AUSTRALIAN")]);
        assert_eq!(&*d.actors[0].codes[0].code, "AUS");
        assert_eq!(d.actors[1].phrases, [exact("CARAS GALADHON")]);
        assert_eq!(&*d.actors[2].codes[0].code, "FRO/BIL/SAM");
        assert_eq!(&*d.actors[3].codes[0].code, "pse");
        assert_eq!(d.actors[3].origin.line, 5);
    }

    #[test]
    fn dated_code_blocks() {
        let d = read(
            "GOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n#\t[950601-990815]\n\t[HOBREB > 990816]\n\t\nGONDOR [GON]\n",
        );
        let gollum = &d.actors[0];
        assert_eq!(gollum.phrases.len(), 2);
        assert_eq!(gollum.codes.len(), 3);
        assert_eq!(gollum.codes[0].when, DateRange { from: None, until: Some(day(1995, 5, 31)) });
        assert_eq!(gollum.codes[1].when, DateRange { from: Some(day(1995, 6, 1)), until: Some(day(1999, 8, 15)) });
        assert_eq!(gollum.codes[2].when, DateRange { from: Some(day(1999, 8, 16)), until: None });
        assert_eq!(gollum.code_on(day(1995, 5, 31)), Some("HOB"));
        assert_eq!(gollum.code_on(day(1995, 6, 1)), Some("HOBGOV"));
        assert_eq!(gollum.code_on(day(1999, 8, 16)), Some("HOBREB"));
        assert_eq!(d.actors.len(), 2);
    }

    #[test]
    fn several_codes_on_one_line_and_default_last() {
        let d = read("MICHELE_MONTAS_\t[HTIOPPMED <061231] [IGOUNOMED]\t[---] #MleH\nX [NGOUSAHRI <900101][NGOCANHRI]\nPRINCE OF DOL AMROTH\n\t[--- <950630]\n\t[DOL]\n");
        assert_eq!(d.actors[0].codes.len(), 3);
        assert_eq!(&*d.actors[0].codes[2].code, "---");
        assert_eq!(d.actors[1].codes.len(), 2);
        assert_eq!(d.actors[2].code_on(day(1995, 1, 1)), Some("---"));
        assert_eq!(d.actors[2].code_on(day(1996, 1, 1)), Some("DOL"));
    }

    #[test]
    fn petrarch_date_quirks() {
        let (d, cx) = read_with(
            "A\n\t[ARMUNR 9008223-911221]\n\t[IRQOCC 1920030320-20060520]\n\t[GBRGOV >201005011]\n\t[MNEGOV 20121204]\n\t[AFGELI 320101-331108]\n",
            StemRule::WholeWords,
        );
        let codes = &d.actors[0].codes;
        assert_eq!(codes[0].when.from, Some(day(1990, 8, 22)));
        assert_eq!(codes[1].when.from, Some(day(1920, 3, 3)));
        assert_eq!(codes[2].when.from, Some(day(2010, 5, 1)));
        assert_eq!(codes[3].when, DateRange { from: Some(day(2012, 12, 4)), until: None });
        assert_eq!(codes[4].when, DateRange { from: Some(day(1932, 1, 1)), until: Some(day(1933, 11, 8)) });
        assert_eq!(cx.report.count(NoteKind::LoneDateReadAsFrom), 1);
    }

    #[test]
    fn stems_follow_the_chosen_rule() {
        let text = "ARGENTIN  [ARG]\nARNOR_  [ARN]\nTHE_KU [USAEDU]\n";
        let (whole, _) = read_with(text, StemRule::WholeWords);
        assert_eq!(whole.actors[0].phrases[0], exact("ARGENTIN"));
        let (tabari, _) = read_with(text, StemRule::Tabari);
        assert_eq!(tabari.actors[0].phrases[0].0, [Word::Stem("ARGENTIN".into())]);
        assert_eq!(tabari.actors[1].phrases[0].0, [Word::Exact("ARNOR".into())]);
        assert_eq!(tabari.actors[2].phrases[0].0, [Word::Exact("THE".into()), Word::Stem("KU".into())]);
    }

    #[test]
    fn text_after_the_codes_is_ignored() {
        let (d, cx) =
            read_with("A.H._BELO_CORPORATION_\t[MNCMED]\tNewspapers/Magazines\t$137,000,000\n", StemRule::WholeWords);
        assert_eq!(d.actors[0].codes.len(), 1);
        assert_eq!(cx.report.count(NoteKind::TrailingTextIgnored), 1);
    }

    #[test]
    fn actor_without_code_is_kept_and_noted() {
        let (d, cx) = read_with("ONODOHER\nGONDOR [GON]\n", StemRule::WholeWords);
        assert_eq!(d.actors.len(), 2);
        assert!(d.actors[0].codes.is_empty());
        assert_eq!(cx.report.count(NoteKind::ActorWithoutCode), 1);
    }

    #[test]
    fn odd_but_published_names_are_kept() {
        let d = read("X [A]\n+FAEROYENE]_ \nWATCH_INDONESIA!\t[NGOIDNTMP]\n+UN_Secy_Gen\n\tJOHN_MCCLOY_\t[IGOUNODEVWBK 470301-490630]\n");
        assert_eq!(d.actors[0].phrases[1], exact("FAEROYENE]"));
        assert_eq!(d.actors[1].phrases, [exact("WATCH INDONESIA!"), exact("UN SECY GEN")]);
        assert_eq!(d.actors[2].phrases, [exact("JOHN MCCLOY")]);
    }

    #[test]
    fn substitutions_work_in_actor_files_too() {
        let d = read("!P! = MAN, WOMAN\nCHAIR!P! [X]\n");
        assert_eq!(d.actors[0].phrases, [exact("CHAIRMAN"), exact("CHAIRWOMAN")]);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        assert_eq!(error_line("+X\n"), 1);
        assert_eq!(error_line("[X]\n"), 1);
        assert_eq!(error_line("A [X]\n+\n"), 2);
        assert_eq!(error_line("A [X\n"), 1);
        assert_eq!(error_line("A\n\t[]\n"), 2);
        assert_eq!(error_line("A\n\t[950601-990815]\n"), 2);
        assert_eq!(error_line("A\n\t[AAA950601-990815]\n"), 2);
        assert_eq!(error_line("A\n\t[X <9506]\n"), 2);
        assert_eq!(error_line("A\n\t[X 20100931]\n"), 2);
        assert_eq!(error_line("A\n\t[X >95O601]\n"), 2);
        assert_eq!(error_line("A\n\t[X 950601-]\n"), 2);
        assert_eq!(error_line("_ [X]\n"), 1);
    }
}
