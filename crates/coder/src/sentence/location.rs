//! Stage 6, location: where a sentence says its events happened (a gazetteer name after "in",
//! "near", "the port of", or right after a force verb), and what the place says about roles the
//! text gives no country ("police in Tbilisi", "gunmen killed ten people in Kabul").

use chrono::NaiveDate;
use tripwire_gazetteer::Gazetteer;

use super::actors::{Mention, NO_COUNTRY};
use super::events::NEEDS_PLACE;
use super::resolve::{country_of_mention, country_on};
use super::tokens::{CharOffsets, Token};
use super::SentenceEvent;
use crate::english::{ends_clause, is_locative, is_motion_verb, is_place_group_noun, is_place_noun};
use crate::Location;

/// How many words after a locative the place name may start ("in the northern city of Kirkuk").
const PLACE_REACH: usize = 8;

/// The place a sentence says its events happened: a gazetteer name right after a locative
/// preposition ("in Muscat", "near northern Syria"), after "the port of", or right after a verb
/// of force ending at one of `struck`. The place a closing attribution speaks from (words from
/// `attribution` on) is not the event's. Nothing stated, nothing returned.
pub fn locate(
    gazetteer: &Gazetteer,
    tokens: &[Token],
    chars: &CharOffsets,
    date: NaiveDate,
    struck: &[usize],
    attribution: Option<usize>,
) -> Option<Location> {
    let end = attribution.unwrap_or(tokens.len());
    let words: Vec<&str> = tokens[..end].iter().map(|t| t.norm.as_str()).collect();
    for (i, word) in words.iter().enumerate() {
        let locative =
            is_locative(word) || (*word == "OF" && i > 0 && is_place_noun(words[i - 1])) || struck.contains(&(i + 1));
        if !locative {
            continue;
        }
        let mut start = i + 1;
        if words.get(start) == Some(&"THE") {
            start += 1;
        }
        // "in the northern city of Kirkuk", "outside of the Iraqi city of Basra": the place name
        // may come a few words after the preposition, within the same phrase, past words that
        // only describe it.
        let descriptive = |k: usize| {
            matches!(words[k], "OF" | "THE")
                || is_place_noun(words[k])
                || words[k].ends_with("ERN")
                || tokens[k].capitalized
        };
        let found = (start..words.len().min(i + PLACE_REACH))
            .take_while(|&j| !ends_clause(words[j]) && !matches!(words[j], "," | "(" | ")"))
            .find_map(|j| {
                let described = (start..j).all(descriptive);
                described.then(|| gazetteer.match_location_phrase(&words, j).map(|f| (j, f))).flatten()
            });
        if let Some((start, found)) = found {
            let bytes = tokens[start].span.start..tokens[start + found.len - 1].span.end;
            let mut place = found.place.clone();
            if let Some(earlier) = country_on(&place.country, date) {
                place.country = earlier.to_string();
            }
            return Some(Location { place, span: [chars.at(bytes.start), chars.at(bytes.end)] });
        }
    }
    None
}

/// How many describing words may stand between a locative and the country it places ("in the
/// nations of", "across northern").
const LOCATIVE_REACH: usize = 4;

/// Marks the country mentions that name where something happens or where someone goes — after
/// "across", "near" or "inside", after "in" naming a list or a set of places ("in Peru and
/// Chile", "in nations including Denmark"), after "to"/"from" following a verb of motion
/// ("travelling to France") — and the rest of their list ("France, Germany and Italy"). They are
/// places: no rule takes them as a party, only a verb pattern that names its slot ("* visit to
/// +"). A single country after a bare "in" or "at" stays a candidate party ("fired shells at
/// Gondor", "appealed for peace in Ithilen"), as PETRARCH codes it.
pub fn mark_locations(tokens: &[Token], mentions: &mut [Mention]) {
    let mut located_groups = Vec::new();
    for k in 0..mentions.len() {
        let mention = &mentions[k];
        // A country or region by its name alone ("Georgia", "the Eastern Mediterranean"), not
        // one with an agent ("Georgian police") or owning something ("Iran's army").
        let plain_country = mention.entries.len() == 1
            && mention.code.len() == 3
            && !mention.is_bare_role()
            && tokens.get(mention.tokens.end).is_none_or(|t| t.norm != "'S");
        let listed = mentions.get(k + 1).is_some_and(|next| next.group == mention.group);
        let placed = located_groups.contains(&mention.group)
            || is_address(tokens, mention)
            || match placed_by_preposition(tokens, mention.tokens.start) {
                Placing::Always => true,
                Placing::InAList => listed,
                Placing::No => false,
            };
        if plain_country && placed {
            located_groups.push(mention.group);
            mentions[k].is_location = true;
        }
    }
}

/// "Moscow said", "Tehran rejected the offer": a capital or city that stands for its state, and
/// is no place here (not after "in", "to", "from" …), is that state's government. Run after
/// [`mark_locations`].
pub fn capitals_as_governments(tokens: &[Token], mentions: &mut [Mention]) {
    for mention in mentions.iter_mut() {
        let plain_state = mention.code.len() == 3 && tripwire_ontology::country(&mention.code).is_ok();
        if mention.is_place && plain_state && !mention.is_place_after_locative(tokens) {
            mention.code.push_str("GOV");
        }
    }
}

/// What the words before a country say about it.
enum Placing {
    /// It is where something happens or someone goes.
    Always,
    /// "in": a place when it opens a list of places.
    InAList,
    No,
}

/// "Nakamichi Corp, Tokyo, has agreed": a city set off by commas right after a name is where
/// that name is based, not a party.
fn is_address(tokens: &[Token], mention: &Mention) -> bool {
    let start = mention.tokens.start;
    let after_name = start >= 2 && tokens[start - 1].norm == "," && {
        let before = &tokens[start - 2];
        before.capitalized || before.norm == ">" || before.norm.ends_with('.')
    };
    let closed = tokens.get(mention.tokens.end).is_none_or(|t| matches!(t.norm.as_str(), "," | "."));
    mention.is_place && after_name && closed
}

/// Whether the words before `start` place what follows: a locative, or "to"/"from" after a verb
/// of motion, with only describing words between.
fn placed_by_preposition(tokens: &[Token], start: usize) -> Placing {
    let lowest = start.saturating_sub(LOCATIVE_REACH + 1);
    let mut set_of_places = false;
    let mut i = start;
    while i > lowest {
        i -= 1;
        let word = tokens[i].norm.as_str();
        if matches!(word, "IN" | "AT") {
            return if set_of_places { Placing::Always } else { Placing::InAList };
        }
        if is_locative(word) || word == "THROUGHOUT" {
            return Placing::Always;
        }
        if matches!(word, "TO" | "FROM") {
            let motion = i > 0 && is_motion_verb(&tokens[i - 1].norm);
            return if motion { Placing::Always } else { Placing::No };
        }
        set_of_places |= is_place_group_noun(word) || is_place_noun(word);
        let describing = matches!(word, "THE" | "OF" | "INCLUDING" | "SUCH" | "AS")
            || is_place_noun(word)
            || is_place_group_noun(word)
            || word.ends_with("ERN");
        if !describing {
            return Placing::No;
        }
    }
    Placing::No
}

/// The source and target codes of `raw` once its place is known, and the rules that placed them;
/// `None` when the event cannot stand: its parties are roles only and no place is known, or force
/// by someone unnamed has no place to attribute it to.
pub fn place_roles(
    raw: &SentenceEvent,
    location: Option<&Location>,
    rules: &mut Vec<&'static str>,
) -> Option<(String, String)> {
    if raw.rules.contains(&NEEDS_PLACE) && location.is_none() {
        return None;
    }
    let target_code = target_from_place(raw, location, rules);
    // Force by someone the text does not name: attributed to unidentified armed men of the
    // country where it happened (ICEWS's "Unidentified Gunmen"), or not coded at all.
    let mut source_code = match (&raw.source, location) {
        (Some(m), _) => m.code.to_string(),
        (None, Some(l)) => format!("{}UAF", l.place.country),
        (None, None) => return None,
    };
    // A role the text gives no country ("police in Tbilisi", "opposition leaders … in Baku") is
    // of the place; protesters without a place are of the country they protest against.
    if let Some(role) = source_code.strip_prefix(NO_COUNTRY) {
        let protest = raw.code.starts_with("14");
        let country = location.map(|l| l.place.country.clone()).or_else(|| {
            target_code.get(..3).filter(|c| protest && tripwire_ontology::country(c).is_ok()).map(str::to_string)
        });
        if let Some(country) = country {
            source_code = format!("{country}{role}");
            rules.push("source from place");
        }
    }
    Some((source_code, target_code))
}

/// Whether a party of `raw` is a role the sentence gives no country, which only a place can give
/// one (a bare target the source's own country claims has one).
pub fn lacks_country(raw: &SentenceEvent) -> bool {
    let bare = |m: &Option<Mention>| m.as_ref().is_none_or(Mention::is_bare_role);
    bare(&raw.source) || (bare(&raw.target) && domestic_role(raw).is_none())
}

/// "Georgian police arrested demonstrators": a bare role acted on by a country's actor is that
/// country's own, for concessions and conflictual acts (in "contribute troops" or "aid to
/// refugees" the bare role is what is given or whom it helps, not the giver's own people). A
/// demand is made of the one named, as named. The source's country and the target's role.
fn domestic_role(raw: &SentenceEvent) -> Option<(String, &str)> {
    let (source, target) = (raw.source.as_ref()?, raw.target.as_ref()?);
    let role = target.code.strip_prefix(NO_COUNTRY)?;
    let conflictual = raw.code.get(..2).is_some_and(|root| root >= "08");
    if !conflictual || raw.rules.contains(&"obligation") || source.code.get(3..) == Some(role) {
        return None;
    }
    Some((country_of_mention(source)?, role))
}

/// The one decision on whose a bare target is when the source has a country: the source's own,
/// unless a foreign force strikes it where it happened ("Russian drones killed two workers in
/// Kharkiv"), when the people are the place's.
fn domestic_target(raw: &SentenceEvent, location: Option<&Location>, rules: &mut Vec<&'static str>) -> Option<String> {
    let (country, role) = domestic_role(raw)?;
    let force = raw.code.get(..2).is_some_and(|root| root >= "18");
    match location.map(|l| l.place.country.as_str()) {
        Some(place) if force && place != country => {
            rules.push("target from place");
            Some(format!("{place}{role}"))
        }
        _ => {
            rules.push("domestic target");
            Some(format!("{country}{role}"))
        }
    }
}

/// The target code of `raw` with its place known.
fn target_from_place(raw: &SentenceEvent, location: Option<&Location>, rules: &mut Vec<&'static str>) -> String {
    let mut target_code = raw.target.as_ref().map(|m| m.code.to_string()).unwrap_or_default();
    // Curfews, states of emergency, bans on parties; easing restrictions ("lifted the curfew in
    // Sudan"): imposed, eased or threatened, they fall on the people of the place, or the source's
    // own country when no other is named.
    let domestic = ["081", "0351", "132", "172"].iter().any(|prefix| raw.code.starts_with(prefix));
    let source_country = raw.source.as_ref().and_then(|m| m.code.get(..3));
    if let Some(code) = domestic_target(raw, location, rules) {
        target_code = code;
    }
    // "Gunmen killed ten people in Kabul": force, protest or coercion against people the text does
    // not name falls on the country where it happened, as its civilians unless a role is named.
    let info = tripwire_ontology::event_type(&raw.code).ok();
    let conflict = domestic
        || info
            .is_some_and(|t| t.quad_class.number() == 4 || raw.code.starts_with("08") || raw.code.starts_with("035"));
    if !conflict || !(target_code.is_empty() || target_code.starts_with(NO_COUNTRY)) {
        return target_code;
    }
    // A protest with no named target is addressed to the authorities of its country.
    let protest = raw.code.starts_with("14");
    let default_role = if protest { "GOV" } else { "CVL" };
    let source_country = source_country.filter(|c| tripwire_ontology::country(c).is_ok()).map(str::to_string);
    let country = location.map(|l| l.place.country.clone()).or(source_country.filter(|_| protest || domestic));
    if let Some(country) = country {
        let role = target_code.strip_prefix(NO_COUNTRY).filter(|r| !r.is_empty()).unwrap_or(default_role);
        let placed = format!("{country}{role}");
        // Not when it would make the source act on itself ("Ukrainian forces shot down drones").
        if raw.source.as_ref().is_none_or(|m| m.code.as_str() != placed) {
            target_code = placed;
            rules.push("target from place");
        }
    }
    target_code
}
