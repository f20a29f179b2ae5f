//! Actor mentions: dictionary hits for actors and agents turned into coded mentions, with agents
//! attached to their actor ("Iranian Foreign Minister" → IRNGOV, "police of Gondor" → GONCOP) and
//! lists joined into compounds ("Gondor, Rohan and Bree" → three members acting together).

use chrono::NaiveDate;
use compact_str::CompactString;
use std::ops::Range;
use tripwire_dictionaries::{AgentPlacement, Dictionaries};

use crate::lexicon::{Entry, Hit};
use crate::text::Token;

/// The code given to an agent named without any country ("a senior official" → `---GOV`), as
/// PETRARCH and TABARI write it.
pub const NO_COUNTRY: &str = "---";

/// One coded actor in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Tokens covered, agents included.
    pub tokens: Range<usize>,
    pub code: CompactString,
    /// The dictionary entries used (their `file:line` is in the lexicon).
    pub entries: Vec<Entry>,
    /// A capital or city used as a metonym: also a place, so "talks in Muscat" is a location.
    pub is_place: bool,
    /// Index of the compound this mention belongs to (mentions joined by "and" or commas).
    pub group: usize,
}

const JOINERS: &[&str] = &["AND", ",", "OR", "&"];
const OF_WORDS: &[&str] = &["OF", "FROM", "IN", "FOR"];
/// Words that never sit inside one noun phrase: a gap containing one separates two mentions.
const CLAUSE_WORDS: &[&str] = &[
    "OF", "IN", "WITH", "TO", "FOR", "BY", "ON", "AT", "FROM", "THAT", "WHICH", "WHO", "SAID", "SAYS", "AGAINST",
    "INTO", "OVER", "ABOUT", "AFTER", "BEFORE",
];
const FILLER: &[&str] = &["THE", "A", "AN", "ITS", "THEIR", "OTHER", "SENIOR", "TOP", "HIGH-RANKING", "LEADING"];

/// Finds the actor mentions of a sentence from its dictionary hits.
pub fn find_mentions(tokens: &[Token], hits: &[Hit], dictionaries: &Dictionaries, date: NaiveDate) -> Vec<Mention> {
    // Longest-leftmost choice among actor and agent phrases; an actor beats an agent of equal length.
    let mut candidates: Vec<&Hit> =
        hits.iter().filter(|h| matches!(h.entry, Entry::Actor(_) | Entry::Agent(_))).collect();
    candidates.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end), matches!(h.entry, Entry::Agent(_))));
    let mut chosen: Vec<&Hit> = Vec::new();
    let mut covered_until = 0;
    for hit in candidates {
        if hit.start < covered_until {
            continue;
        }
        // A person or actor whose code does not apply on this date is not an actor here.
        if let Entry::Actor(i) = hit.entry {
            if dictionaries.actors[i as usize].code_on(date).is_none() {
                continue;
            }
        }
        covered_until = hit.end;
        chosen.push(hit);
    }

    // Pieces: actors and agents in text order, then glued.
    enum Piece {
        Actor { tokens: Range<usize>, code: CompactString, entry: Entry, is_place: bool },
        Agent { tokens: Range<usize>, code: CompactString, placement: AgentPlacement, entry: Entry },
    }
    let pieces: Vec<Piece> = chosen
        .iter()
        .filter_map(|hit| match hit.entry {
            Entry::Actor(i) => {
                let actor = &dictionaries.actors[i as usize];
                actor.code_on(date).map(|code| Piece::Actor {
                    tokens: hit.start..hit.end,
                    code: CompactString::from(code),
                    entry: hit.entry,
                    is_place: actor.is_place,
                })
            }
            Entry::Agent(i) => {
                let agent = &dictionaries.agents[i as usize];
                Some(Piece::Agent {
                    tokens: hit.start..hit.end,
                    code: CompactString::from(&*agent.code),
                    placement: agent.placement,
                    entry: hit.entry,
                })
            }
            _ => None,
        })
        .collect();

    let norm = |i: usize| tokens.get(i).map_or("", |t| t.norm.as_str());
    // Tokens that a verb form covers: never part of a noun phrase gap.
    let mut verb_token = vec![false; tokens.len()];
    for hit in hits.iter().filter(|h| matches!(h.entry, Entry::Verb(_))) {
        for flag in verb_token.iter_mut().take(hit.end).skip(hit.start) {
            *flag = true;
        }
    }
    // Tokens between two pieces, all of which are in `allowed`.
    let gap_is = |from: usize, to: usize, allowed: &[&str]| (from..to).all(|i| allowed.contains(&norm(i)));

    let mut mentions: Vec<Mention> = Vec::new();
    let mut used = vec![false; pieces.len()];
    for i in 0..pieces.len() {
        if used[i] {
            continue;
        }
        match &pieces[i] {
            Piece::Actor { tokens: span, code, entry, is_place } => {
                used[i] = true;
                let mut mention = Mention {
                    tokens: span.clone(),
                    code: code.clone(),
                    entries: vec![*entry],
                    is_place: *is_place,
                    group: 0,
                };
                // Actor then agents: "Iranian foreign minister", "Iran's army", "Gondor border police".
                let mut j = i + 1;
                while j < pieces.len() {
                    let Piece::Agent { tokens: agent_span, code: agent_code, placement, entry } = &pieces[j] else {
                        // "Foreign Minister Araghchi": a person right after the agent words wins.
                        break;
                    };
                    let gap = mention.tokens.end..agent_span.start;
                    let plain_gap = gap.clone().all(|k| {
                        !is_boundary(norm(k))
                            && !CLAUSE_WORDS.contains(&norm(k))
                            && !verb_token[k]
                            && !verb_like(norm(k))
                    });
                    // "Iran's army", "Gondor border police", "Ithilen's awful and evil minister".
                    // "Vietnamese-led forces", "Iran-backed militias": the relation suffix split off
                    // by the tokenizer sits between the actor and its agent.
                    let relation = gap.len() == 2
                        && norm(gap.start) == "-"
                        && crate::text::is_relation_suffix(norm(gap.start + 1));
                    let gap_ok = gap.is_empty()
                        || relation
                        || gap_is(gap.start, gap.end, &["'S", "'"])
                        || (gap.len() == 1 && plain_gap)
                        || (gap.len() <= 4 && plain_gap && matches!(norm(gap.start), "'S" | "'"));
                    if !gap_ok {
                        break;
                    }
                    attach_agent(&mut mention.code, agent_code, *placement);
                    mention.tokens.end = agent_span.end;
                    mention.entries.push(*entry);
                    mention.is_place = false;
                    used[j] = true;
                    j += 1;
                    // Agent then name ("Prime Minister Romendacil"): the name is the same actor,
                    // and a person's own code, when it has a role, is more precise.
                    if let Some(Piece::Actor { tokens: person, code: person_code, entry, .. }) = pieces.get(j) {
                        if person.start == mention.tokens.end {
                            if person_code.len() > 3 {
                                mention.code = person_code.clone();
                            }
                            mention.tokens.end = person.end;
                            mention.entries.push(*entry);
                            used[j] = true;
                            j += 1;
                        }
                    }
                }
                // "FRO/BIL/SAM": one name standing for several actors.
                for code in split_codes(&mention.code).collect::<Vec<_>>() {
                    mentions.push(Mention { code, ..mention.clone() });
                }
            }
            Piece::Agent { tokens: agent_span, code: agent_code, placement, entry } => {
                used[i] = true;
                let mut agent_tokens = agent_span.clone();
                let mut agent_entries = vec![*entry];
                let mut agent_codes = vec![(agent_code.clone(), *placement)];
                // Several agent words in a row ("security officials", "border police").
                let mut j = i + 1;
                while let Some(Piece::Agent { tokens: next, code, placement, entry }) = pieces.get(j) {
                    if next.start != agent_tokens.end {
                        break;
                    }
                    agent_tokens.end = next.end;
                    agent_codes.push((code.clone(), *placement));
                    agent_entries.push(*entry);
                    used[j] = true;
                    j += 1;
                }
                // Agent words then a name: "Foreign Minister Araghchi" (a person with a role keeps
                // the person's code), "MSF Arnor" (the agent applies to the actor).
                if let Some(Piece::Actor { tokens: person, code, entry, .. }) = pieces.get(j) {
                    if person.start == agent_tokens.end {
                        used[j] = true;
                        agent_entries.push(*entry);
                        let mut full = code.clone();
                        if code.len() <= 3 {
                            for (agent_code, placement) in &agent_codes {
                                attach_agent(&mut full, agent_code, *placement);
                            }
                        }
                        mentions.extend(split_codes(&full).map(|code| Mention {
                            tokens: agent_tokens.start..person.end,
                            code,
                            entries: agent_entries.clone(),
                            is_place: false,
                            group: 0,
                        }));
                        continue;
                    }
                }
                // "police of Gondor", "soldiers from Gondor", "lawmakers in Fornost and Gondor":
                // the agent applies to every member of the following list.
                let mut owners: Vec<usize> = Vec::new();
                let mut cursor = agent_tokens.end;
                let mut k = j;
                if cursor < tokens.len() && OF_WORDS.contains(&norm(cursor)) {
                    cursor += 1;
                    while let Some(Piece::Actor { tokens: actor_span, .. }) = pieces.get(k) {
                        if !gap_is(cursor, actor_span.start, FILLER) {
                            break;
                        }
                        owners.push(k);
                        cursor = actor_span.end;
                        k += 1;
                        // Continue through "A, B and C".
                        let mut next_start = cursor;
                        while next_start < tokens.len()
                            && (JOINERS.contains(&norm(next_start)) || FILLER.contains(&norm(next_start)))
                        {
                            next_start += 1;
                        }
                        match pieces.get(k) {
                            Some(Piece::Actor { tokens: s, .. })
                                if s.start == next_start
                                    && next_start > cursor
                                    && (cursor..next_start).any(|t| JOINERS.contains(&norm(t))) =>
                            {
                                cursor = next_start;
                            }
                            _ => break,
                        }
                    }
                }
                if owners.is_empty() {
                    let mut code = CompactString::from(NO_COUNTRY);
                    for (agent_code, placement) in &agent_codes {
                        attach_agent(&mut code, agent_code, *placement);
                    }
                    mentions.push(Mention {
                        tokens: agent_tokens,
                        code,
                        entries: agent_entries,
                        is_place: false,
                        group: 0,
                    });
                } else {
                    for owner in owners {
                        used[owner] = true;
                        if let Piece::Actor { tokens: actor_span, code, entry, .. } = &pieces[owner] {
                            let mut full = code.clone();
                            for (agent_code, placement) in &agent_codes {
                                attach_agent(&mut full, agent_code, *placement);
                            }
                            let mut entries = agent_entries.clone();
                            entries.push(*entry);
                            mentions.push(Mention {
                                tokens: agent_tokens.start.min(actor_span.start)..actor_span.end,
                                code: full,
                                entries,
                                is_place: false,
                                group: 0,
                            });
                        }
                    }
                    // Members of one "agent of A and B" phrase form one compound.
                }
            }
        }
    }

    // Compounds: consecutive mentions separated only by joiners and fillers.
    let mut group = 0;
    for m in 0..mentions.len() {
        if m > 0 {
            let (prev_end, start) = (mentions[m - 1].tokens.end, mentions[m].tokens.start);
            // "A, B and C", "Evil Mordor, the awful Fornost, and good Gondor": a joiner between, and
            // nothing that would start a new phrase.
            let gap = prev_end..start.max(prev_end);
            // Nothing may follow the previous name before the joiner ("Iran last year, and
            // Israel" is two clauses); modifiers of the next name may come after it.
            let first_joiner = gap.clone().find(|&t| JOINERS.contains(&norm(t)));
            // A name and title the dictionaries do not know may close the previous phrase
            // ("Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov").
            let nothing_before_joiner = first_joiner.is_some_and(|j| {
                (prev_end..j).all(|t| {
                    FILLER.contains(&norm(t))
                        || (tokens[t].capitalized && !verb_token[t])
                        || matches!(norm(t), "LEADER" | "CHIEF" | "RULER" | "STRONGMAN")
                })
            });
            // ", the World Food Program said": a name that a reporting verb follows opens a new
            // clause (a parenthesised acronym may stand between).
            let mut after = mentions[m].tokens.end;
            if norm(after) == "(" {
                while after < tokens.len() && norm(after) != ")" {
                    after += 1;
                }
                after += 1;
            }
            let reporter = matches!(norm(after), "SAID" | "SAYS" | "SAY" | "REPORTED" | "TOLD" | "ANNOUNCED" | "ADDED");
            // "Pakistan, a key U.S. ally, …": an indefinite article after the comma describes the
            // name before it.
            let appositive = gap.clone().any(|t| norm(t) == "," && matches!(norm(t + 1), "A" | "AN"));
            let joined = start >= prev_end
                && !appositive
                && !(reporter && gap.clone().any(|t| norm(t) == ","))
                && (start == prev_end
                    || (gap.len() <= 5
                        && nothing_before_joiner
                        && gap.clone().all(|t| {
                            let w = norm(t);
                            JOINERS.contains(&w)
                                || FILLER.contains(&w)
                                || (!CLAUSE_WORDS.contains(&w) && !is_boundary(w) && !verb_like(w) && !verb_token[t])
                        })));
            // Overlapping mentions come from one "agent of A and B" phrase.
            if !(joined || start < prev_end) {
                group += 1;
            }
        }
        mentions[m].group = group;
    }
    mentions
}

/// Codes written `A/B/C` in a dictionary name several actors at once.
fn split_codes(code: &str) -> impl Iterator<Item = CompactString> + '_ {
    code.split('/').filter(|c| !c.is_empty()).map(CompactString::from)
}

/// Auxiliaries and common verb endings: a word like this between two names means a clause.
fn verb_like(word: &str) -> bool {
    matches!(word, "IS" | "ARE" | "WAS" | "WERE" | "HAS" | "HAVE" | "HAD" | "WILL" | "WOULD" | "SAID" | "SAYS")
}

/// Adds an agent code to an actor code unless the code already carries it.
fn attach_agent(code: &mut CompactString, agent: &str, placement: AgentPlacement) {
    if agent.is_empty() || code.ends_with(agent) || code.starts_with(agent) {
        return;
    }
    match placement {
        AgentPlacement::Suffix => code.push_str(agent),
        AgentPlacement::Prefix => {
            let rest = CompactString::from(code.strip_prefix(NO_COUNTRY).unwrap_or(code));
            *code = compact_str::format_compact!("{agent}{rest}");
        }
    }
}

/// Tokens that end a noun phrase: verbs of saying aside, punctuation that separates clauses.
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

pub fn is_boundary(norm: &str) -> bool {
    matches!(norm, "," | ";" | ":" | "." | "!" | "?" | "--" | "-" | "(" | ")" | "\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_attach_once() {
        let mut code = CompactString::from("USAGOV");
        attach_agent(&mut code, "GOV", AgentPlacement::Suffix);
        assert_eq!(code, "USAGOV");
        let mut code = CompactString::from("ARN");
        attach_agent(&mut code, "NGO", AgentPlacement::Prefix);
        assert_eq!(code, "NGOARN");
        let mut code = CompactString::from(NO_COUNTRY);
        attach_agent(&mut code, "GOV", AgentPlacement::Suffix);
        assert_eq!(code, "---GOV");
    }
}
