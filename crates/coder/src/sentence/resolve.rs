//! Stage 2, actors in context: what the words around a mention say about whose it is — the
//! borders of the day, nationality adjectives before a people, possessive pronouns, titles before
//! unknown names, and "ethnic".

use chrono::NaiveDate;

use super::actors::{Mention, NO_COUNTRY};
use super::tokens::Token;
use crate::english::{is_nationality_adjective, is_possessive_pronoun};

/// Rewrites mention codes from their context, in place.
pub fn resolve(tokens: &[Token], mentions: &mut Vec<Mention>, date: NaiveDate) {
    for mention in mentions.iter_mut().filter(|m| m.is_place) {
        let earlier = mention.code.get(..3).and_then(|country| country_on(country, date));
        if let Some(earlier) = earlier {
            mention.code = compact_str::format_compact!("{earlier}{}", &mention.code[3..]);
        }
    }
    merge_nationality_with_people(tokens, mentions);
    resolve_possessives(tokens, mentions);
    resolve_named_officials(tokens, mentions);
    resolve_ethnic_groups(tokens, mentions);
}

/// The country a place belonged to on `date`, when it lies in a state that did not exist yet:
/// Juba in 2000 was in Sudan. The gazetteer knows today's borders only.
pub fn country_on(country: &str, date: NaiveDate) -> Option<&'static str> {
    let (predecessor, independence) = match country {
        "SSD" => ("SDN", (2011, 7, 9)),
        "XKX" => ("SRB", (2008, 2, 17)),
        "ERI" => ("ETH", (1993, 5, 24)),
        _ => return None,
    };
    let (y, m, d) = independence;
    NaiveDate::from_ymd_opt(y, m, d).filter(|day| date < *day).map(|_| predecessor)
}

/// The country of a mention whose code starts with one.
pub fn country_of_mention(mention: &Mention) -> Option<String> {
    let country = mention.code.get(..3)?;
    tripwire_ontology::country(country).is_ok().then(|| country.to_string())
}

/// A bare role's code with `country` in place of [`NO_COUNTRY`].
fn with_country(mention: &Mention, country: &str) -> compact_str::CompactString {
    compact_str::format_compact!("{country}{}", &mention.code[NO_COUNTRY.len()..])
}

/// "its troops", "their government": a role named with a possessive pronoun belongs to the
/// nearest named country before it.
fn resolve_possessives(tokens: &[Token], mentions: &mut [Mention]) {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !m.is_bare_role() || m.tokens.start == 0 || !is_possessive_pronoun(&tokens[m.tokens.start - 1].norm) {
            continue;
        }
        if let Some(country) = mentions[..i].iter().rev().find_map(country_of_mention) {
            mentions[i].code = with_country(&mentions[i], &country);
        }
    }
}

/// "Bosnian Serbs", "Iraqi Kurds", "Turkish Kurd refugees": a people named with the adjective of
/// the state they live in are that state's. One mention, of the adjective's country and the
/// people's role.
fn merge_nationality_with_people(tokens: &[Token], mentions: &mut Vec<Mention>) {
    let mut i = 0;
    while i + 1 < mentions.len() {
        let (first, second) = (&mentions[i], &mentions[i + 1]);
        let adjective = first.tokens.len() == 1
            && first.code.len() == 3
            && is_nationality_adjective(&tokens[first.tokens.start].norm);
        let people = second.tokens.start == first.tokens.end
            && tokens[second.tokens.start].capitalized
            && second.code.get(..3).is_some_and(|c| c != first.code.as_str())
            && (second.tokens.len() > 1 || tokens[second.tokens.start].norm.ends_with('S'));
        if adjective && people && tripwire_ontology::country(&first.code).is_ok() {
            let merged = Mention {
                tokens: first.tokens.start..second.tokens.end,
                code: compact_str::format_compact!("{}{}", first.code, second.code.get(3..).unwrap_or("")),
                entries: first.entries.iter().chain(&second.entries).copied().collect(),
                is_place: false,
                group: first.group,
                is_location: false,
                refers_to_dyad: false,
                is_topic: false,
            };
            mentions[i] = merged;
            mentions.remove(i + 1);
        }
        i += 1;
    }
}

/// "ethnic Albanians in Serbia": a people named by its nationality is not that state. It becomes a
/// bare civilian role, which the sentence's context then places.
fn resolve_ethnic_groups(tokens: &[Token], mentions: &mut [Mention]) {
    for mention in mentions.iter_mut() {
        let start = mention.tokens.start;
        if start == 0 || tokens[start - 1].norm != "ETHNIC" {
            continue;
        }
        let role = mention.code.get(3..).filter(|r| !r.is_empty()).unwrap_or("CVL").to_string();
        mention.code = compact_str::format_compact!("{NO_COUNTRY}{role}");
    }
}

/// "President Yoweri Museveni", "Judge Alejandro Rivera": a title followed by a name the
/// dictionaries do not know is an official of the country the sentence is about, the first
/// country it names.
fn resolve_named_officials(tokens: &[Token], mentions: &mut [Mention]) {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !m.is_bare_role() {
            continue;
        }
        let name_follows = tokens
            .get(m.tokens.end)
            .is_some_and(|t| t.capitalized && t.norm.chars().all(|c| c.is_alphabetic() || c == '-'))
            && !mentions.iter().any(|o| o.tokens.contains(&m.tokens.end));
        if !name_follows {
            continue;
        }
        let country = mentions.iter().enumerate().filter(|(j, _)| *j != i).find_map(|(_, o)| country_of_mention(o));
        if let Some(country) = country {
            mentions[i].code = with_country(&mentions[i], &country);
        }
    }
}
