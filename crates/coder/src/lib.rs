//! The event coder: news text in, CAMEO events out.
//!
//! An [`Article`] is split into sentences and tokens ([`text`]), every dictionary phrase in a
//! sentence is found in one pass of a compiled [`Lexicon`], actor and agent hits become coded
//! [`actors::Mention`]s, and the assembler ([`coder`]) takes each verb, picks the most specific
//! pattern that fits, finds source and target around it (passive voice, compounds, reported speech,
//! negation, intent and demand read from "will" and "must"), and emits [`Event`]s. Each event carries character offsets into the article, the
//! place the text says it happened, and the dictionary entries that produced it.
//!
//! [`gold`] reads the public gold-standard suites and scores a coder against them.

pub mod actors;
pub mod article;
pub mod coder;
pub mod evaluate;
pub mod event;
pub mod gold;
pub mod lexicon;
pub mod text;

pub use article::Article;
pub use event::{ActorRef, Event, Location, Provenance};
pub use lexicon::Lexicon;

use chrono::NaiveDate;
use coder::{Discarded, SentenceEvent, Workspace};
use tripwire_dictionaries::Dictionaries;
use tripwire_gazetteer::Gazetteer;

/// Errors from coding an article.
#[derive(Debug, thiserror::Error)]
pub enum CoderError {
    #[error("article {id}: no date (give the article a date, or --date for plain text)")]
    MissingDate { id: String },
    #[error("article {id}: empty text")]
    EmptyText { id: String },
    #[error("cannot compile dictionaries: {0}")]
    Build(String),
}

/// A ready-to-use coder: compiled dictionaries and, optionally, a gazetteer for event locations.
pub struct Coder {
    lexicon: Lexicon,
    gazetteer: Option<&'static Gazetteer>,
}

impl Coder {
    pub fn new(dictionaries: Dictionaries, gazetteer: Option<&'static Gazetteer>) -> Result<Coder, CoderError> {
        let lexicon = Lexicon::new(dictionaries).map_err(|e| CoderError::Build(e.to_string()))?;
        Ok(Coder { lexicon, gazetteer })
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Code only events that have both a source and a target, as PETRARCH does by default
    /// (`require_dyad`). Off by default: CAMEO codes some events without a target ("thousands
    /// protested in Tbilisi").
    pub fn require_dyad(mut self, required: bool) -> Coder {
        self.lexicon.require_dyad = required;
        self
    }

    /// Code future acts ("will send aid") as intentions and "X must …" as demands, as CAMEO's
    /// manual asks. On by default; PETRARCH codes the verb as written, so its suite turns it off.
    pub fn read_modality(mut self, read: bool) -> Coder {
        self.lexicon.read_modality = read;
        self
    }

    /// Codes an article. Sentences that a discard phrase voids produce nothing; a story-level discard
    /// voids the whole article.
    pub fn code_article(&self, article: &Article) -> Result<Vec<Event>, CoderError> {
        let mut ws = Workspace::default();
        self.code_article_with(article, &mut ws)
    }

    /// As [`Coder::code_article`], reusing scratch buffers across calls.
    pub fn code_article_with(&self, article: &Article, ws: &mut Workspace) -> Result<Vec<Event>, CoderError> {
        let date = article.date.ok_or_else(|| CoderError::MissingDate { id: article.id.clone() })?;
        if article.text.trim().is_empty() {
            return Err(CoderError::EmptyText { id: article.id.clone() });
        }
        let text = article.text.as_str();
        let chars = CharOffsets::new(text);
        let mut events = Vec::new();
        let mut last_location: Option<Location> = None;
        for (index, range) in text::split_sentences(text).into_iter().enumerate() {
            let tokens = text::tokenize(text, range.clone());
            let result = self.lexicon.code_sentence(&tokens, date, ws);
            match result.discard {
                Some(Discarded::Story) => return Ok(Vec::new()),
                Some(Discarded::Sentence) => continue,
                None => {}
            }
            // "Missiles struck Kharkiv": the city a force verb strikes is where it happened.
            let struck: Vec<usize> = result
                .events
                .iter()
                .filter(|e| e.code.get(..2).is_some_and(|root| root >= "18"))
                .map(|e| e.verb.end)
                .collect();
            let location = if result.events.is_empty() {
                None
            } else {
                self.locate(&tokens, &chars, date, &struck, result.attribution)
            };
            if location.is_some() {
                last_location = location.clone();
            }
            for raw in result.events {
                // "Protesters rallied in Tbilisi. Police fired water cannon.": a role the sentence
                // gives no country is placed where the article last said things happened.
                let bare =
                    |m: &Option<actors::Mention>| m.as_ref().is_none_or(|m| m.code.starts_with(actors::NO_COUNTRY));
                let inherited =
                    location.is_none() && (bare(&raw.source) || bare(&raw.target)) && last_location.is_some();
                let location = if inherited { last_location.clone() } else { location.clone() };
                events.extend(self.finish(
                    article,
                    date,
                    index,
                    range.clone(),
                    &tokens,
                    &chars,
                    raw,
                    &result.issues,
                    location,
                    inherited,
                ));
            }
        }
        Ok(events)
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        article: &Article,
        date: NaiveDate,
        sentence_index: usize,
        sentence: std::ops::Range<usize>,
        tokens: &[text::Token],
        chars: &CharOffsets,
        raw: SentenceEvent,
        issues: &[String],
        location: Option<Location>,
        inherited_location: bool,
    ) -> Option<Event> {
        let text = article.text.as_str();
        let byte_span = |r: &std::ops::Range<usize>| tokens[r.start].span.start..tokens[r.end - 1].span.end;
        let actor_ref = |m: &actors::Mention| {
            let span = byte_span(&m.tokens);
            ActorRef { text: text[span.clone()].to_string(), span: [chars.at(span.start), chars.at(span.end)] }
        };
        let cover = byte_span(&raw.cover);
        let info = tripwire_ontology::event_type(&raw.code).ok();
        let plover = info.map(|t| t.plover());
        let mut target_code = raw.target.as_ref().map(|m| m.code.to_string()).unwrap_or_default();
        if raw.rules.contains(&coder::NEEDS_PLACE) && location.is_none() {
            return None;
        }
        let mut rules: Vec<&'static str> = raw.rules.iter().copied().filter(|r| *r != coder::NEEDS_PLACE).collect();
        if inherited_location {
            rules.push("place from an earlier sentence");
        }
        // "Gunmen killed ten people in Kabul": force, protest or coercion against people the text
        // does not name falls on the country where it happened, as its civilians unless a role is
        // named.
        // Easing restrictions ("lifted the curfew in Sudan") is done for the people of the place too.
        // Curfews, states of emergency, bans on parties: imposed, eased or threatened, they fall on
        // the source's own country when no other is named.
        let domestic = ["081", "0351", "132", "172"].iter().any(|prefix| raw.code.starts_with(prefix));
        // "Russian drones killed two workers in Kharkiv": people a foreign force strikes where it
        // happened are that place's, not the attacker's own.
        if let Some(place) = location.as_ref() {
            let force = raw.code.get(..2).is_some_and(|root| root >= "18");
            let source_country = raw.source.as_ref().and_then(|m| m.code.get(..3));
            if force && raw.rules.contains(&"domestic target") && source_country != Some(place.place.country.as_str()) {
                if let Some(role) = target_code.get(3..).map(str::to_string) {
                    target_code = format!("{}{role}", place.place.country);
                    rules.push("target from place");
                }
            }
        }
        let conflict = domestic
            || info.is_some_and(|t| {
                t.quad_class.number() == 4 || raw.code.starts_with("08") || raw.code.starts_with("035")
            });
        if conflict && (target_code.is_empty() || target_code.starts_with(actors::NO_COUNTRY)) {
            // A protest with no named target is addressed to the authorities of its country.
            let protest = raw.code.starts_with("14");
            let default_role = if protest { "GOV" } else { "CVL" };
            let source_country = raw
                .source
                .as_ref()
                .and_then(|m| m.code.get(..3))
                .filter(|c| tripwire_ontology::country(c).is_ok())
                .map(str::to_string);
            let country =
                location.as_ref().map(|l| l.place.country.clone()).or(source_country.filter(|_| protest || domestic));
            if let Some(country) = country {
                let role =
                    target_code.strip_prefix(actors::NO_COUNTRY).filter(|r| !r.is_empty()).unwrap_or(default_role);
                let placed = format!("{country}{role}");
                // Not when it would make the source act on itself ("Ukrainian forces shot down drones").
                if raw.source.as_ref().is_none_or(|m| m.code.as_str() != placed) {
                    target_code = placed;
                    rules.push("target from place");
                }
            }
        }
        // Force by someone the text does not name: attributed to unidentified armed men of the
        // country where it happened (ICEWS's "Unidentified Gunmen"), or not coded at all.
        let mut source_code = match (&raw.source, location.as_ref()) {
            (Some(m), _) => m.code.to_string(),
            (None, Some(l)) => format!("{}UAF", l.place.country),
            (None, None) => return None,
        };
        // A role the text gives no country ("police in Tbilisi", "opposition leaders … in Baku") is
        // of the place; protesters without a place are of the country they protest against.
        if let Some(role) = source_code.strip_prefix(actors::NO_COUNTRY) {
            let protest = raw.code.starts_with("14");
            let country = location.as_ref().map(|l| l.place.country.clone()).or_else(|| {
                target_code.get(..3).filter(|c| protest && tripwire_ontology::country(c).is_ok()).map(str::to_string)
            });
            if let Some(country) = country {
                source_code = format!("{country}{role}");
                rules.push("source from place");
            }
        }
        Some(Event {
            article_id: article.id.clone(),
            sentence_index,
            span: [chars.at(cover.start), chars.at(cover.end)],
            sentence_span: [chars.at(sentence.start), chars.at(sentence.end)],
            date,
            source_code,
            target_code,
            source: raw.source.as_ref().map(actor_ref),
            target: raw.target.as_ref().map(actor_ref),
            event_code: raw.code.clone(),
            event_name: info.map(|t| t.name),
            goldstein: info.map(|t| t.goldstein),
            quad_class: info.map(|t| t.quad_class.number()),
            plover_event: plover.map(|p| p.event.as_str()),
            plover_mode: plover.and_then(|p| p.mode),
            plover_context: plover.and_then(|p| p.context),
            issues: issues.to_vec(),
            location,
            matched: Provenance {
                verb: raw.verb_entry,
                verb_text: text[byte_span(&raw.verb)].to_string(),
                pattern: raw.pattern,
                source_entries: self.origins(raw.source.as_ref()),
                target_entries: self.origins(raw.target.as_ref()),
                rules,
            },
        })
    }

    fn origins(&self, mention: Option<&actors::Mention>) -> Vec<String> {
        mention.map(|m| m.entries.iter().map(|&e| self.lexicon.origin(e).to_string()).collect()).unwrap_or_default()
    }

    /// The place a sentence says its events happened: a gazetteer name right after a locative
    /// preposition ("in Muscat", "near northern Syria"). Nothing stated, nothing returned.
    fn locate(
        &self,
        tokens: &[text::Token],
        chars: &CharOffsets,
        date: NaiveDate,
        struck: &[usize],
        attribution: Option<usize>,
    ) -> Option<Location> {
        let gazetteer = self.gazetteer?;
        // The place a reporter speaks from ("…, officials in Nairobi said") is not the event's.
        let end = attribution.unwrap_or(tokens.len());
        let words: Vec<&str> = tokens[..end].iter().map(|t| t.norm.as_str()).collect();
        for (i, word) in words.iter().enumerate() {
            // "in", "near"…; "the port of Odesa"; or right after a force verb (`struck`).
            let locative = matches!(*word, "IN" | "AT" | "NEAR" | "OUTSIDE" | "INSIDE")
                || (*word == "OF" && i > 0 && coder::PLACE_NOUNS.contains(&words[i - 1]))
                || struck.contains(&(i + 1));
            if !locative {
                continue;
            }
            // "in the northern city of Kirkuk", "outside of the Iraqi city of Basra": the place name
            // may come a few words after the preposition, within the same phrase.
            let mut start = i + 1;
            if words.get(start) == Some(&"THE") {
                start += 1;
            }
            let found = (start..words.len().min(i + 8))
                .take_while(|&j| !matches!(words[j], "," | "." | ";" | ":" | "(" | ")"))
                .find_map(|j| {
                    let descriptive = j == start
                        || (start..j).all(|k| {
                            matches!(
                                words[k],
                                "OF" | "THE"
                                    | "CITY"
                                    | "TOWN"
                                    | "VILLAGE"
                                    | "PROVINCE"
                                    | "REGION"
                                    | "DISTRICT"
                                    | "CAPITAL"
                                    | "AREA"
                            ) || words[k].ends_with("ERN")
                                || tokens[k].capitalized
                        });
                    descriptive.then(|| gazetteer.match_location_phrase(&words, j).map(|f| (j, f))).flatten()
                });
            if let Some((start, found)) = found {
                let bytes = tokens[start].span.start..tokens[start + found.len - 1].span.end;
                let mut place = found.place.clone();
                if let Some(earlier) = actors::country_on(&place.country, date) {
                    place.country = earlier.to_string();
                }
                return Some(Location { place, span: [chars.at(bytes.start), chars.at(bytes.end)] });
            }
        }
        None
    }
}

/// Byte → character offset conversion for one text; free for ASCII.
struct CharOffsets {
    /// For non-ASCII text: the byte offset of every character boundary, in order.
    boundaries: Option<Vec<usize>>,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        if text.is_ascii() {
            CharOffsets { boundaries: None }
        } else {
            let mut b: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            b.push(text.len());
            CharOffsets { boundaries: Some(b) }
        }
    }

    fn at(&self, byte: usize) -> usize {
        match &self.boundaries {
            None => byte,
            Some(b) => b.partition_point(|&x| x < byte),
        }
    }
}
