//! The event coder: news text in, CAMEO events out.
//!
//! A [`Coder`] holds the compiled dictionaries (a [`Lexicon`]: every phrase in one automaton), a
//! [`Policy`] (which events to emit) and, optionally, a gazetteer. It cuts an [`Article`] into
//! sentences and runs each through the named stages of [`sentence`] — tokens → actors → verbs →
//! roles → modality → events — then places each event and returns [`Event`]s. Every event carries
//! character offsets into the article, the place the text says it happened, and the dictionary
//! entries that produced it. The English word classes the stages read live in [`english`].
//!
//! Start-up and throughput: [`cache`] keeps compiled lexicons on disk so a start reads one file
//! instead of compiling, and [`ordered`] codes articles on several threads with results in input
//! order.
//!
//! [`gold`] reads the public gold-standard suites and [`evaluate`] scores a coder against them.

pub mod article;
pub mod cache;
pub mod english;
pub mod evaluate;
pub mod event;
pub mod gold;
pub mod lexicon;
pub mod ordered;
pub mod policy;
pub mod sentence;

pub use article::Article;
pub use event::{ActorRef, Event, Location, Provenance};
pub use lexicon::Lexicon;
pub use policy::Policy;
pub use sentence::{Discourse, SentenceResult, Syntax, Token, Workspace};

/// The paths callers used before the coder was cut into stages.
pub use sentence as coder;
pub use sentence::actors;
pub use sentence::tokens as text;

use chrono::NaiveDate;
use sentence::events::{self as assembled, Frame};
use sentence::tokens::CharOffsets;
use sentence::{Discarded, SentenceResult as Coded};
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

/// A ready-to-use coder: compiled dictionaries, the coding policy and, optionally, a gazetteer for
/// event locations.
pub struct Coder {
    lexicon: Lexicon,
    policy: Policy,
    gazetteer: Option<&'static Gazetteer>,
}

impl Coder {
    pub fn new(dictionaries: Dictionaries, gazetteer: Option<&'static Gazetteer>) -> Result<Coder, CoderError> {
        Ok(Coder::from_lexicon(Coder::compile(dictionaries)?, gazetteer))
    }

    /// Compiles dictionaries into the matcher a coder runs on.
    pub fn compile(dictionaries: Dictionaries) -> Result<Lexicon, CoderError> {
        Lexicon::new(dictionaries).map_err(|e| CoderError::Build(e.to_string()))
    }

    /// A coder on an already compiled lexicon (from [`Coder::compile`] or the [`cache`]).
    pub fn from_lexicon(lexicon: Lexicon, gazetteer: Option<&'static Gazetteer>) -> Coder {
        Coder { lexicon, policy: Policy::default(), gazetteer }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The coder with another policy.
    pub fn with_policy(mut self, policy: Policy) -> Coder {
        self.policy = policy;
        self
    }

    /// See [`Policy::require_dyad`].
    pub fn require_dyad(mut self, required: bool) -> Coder {
        self.policy.require_dyad = required;
        self
    }

    /// See [`Policy::read_modality`].
    pub fn read_modality(mut self, read: bool) -> Coder {
        self.policy.read_modality = read;
        self
    }

    /// Codes one tokenized sentence on `date`.
    pub fn code_sentence(&self, tokens: &[Token], date: NaiveDate, ws: &mut Workspace) -> SentenceResult {
        sentence::code_sentence(&self.lexicon, &self.policy, tokens, None, date, ws)
    }

    /// As [`Coder::code_sentence`], for a sentence of an article whose earlier sentences have left
    /// `discourse` (the parties they named, which "the two sides" points back at).
    pub fn code_sentence_in(
        &self,
        tokens: &[Token],
        date: NaiveDate,
        discourse: &mut Discourse,
        ws: &mut Workspace,
    ) -> SentenceResult {
        sentence::code_sentence_in(&self.lexicon, &self.policy, tokens, None, date, discourse, ws)
    }

    /// As [`Coder::code_sentence`], guided by a parse when there is one.
    pub fn code_sentence_with_syntax(
        &self,
        tokens: &[Token],
        syntax: Option<&Syntax>,
        date: NaiveDate,
        ws: &mut Workspace,
    ) -> SentenceResult {
        sentence::code_sentence(&self.lexicon, &self.policy, tokens, syntax, date, ws)
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
        let mut discourse = Discourse::default();
        for sentence::Sentence { index, span, tokens } in sentence::tokens::sentences(text) {
            let home = discourse.coverage.home().map(compact_str::CompactString::from);
            let coded = self.code_sentence_in(&tokens, date, &mut discourse, ws);
            match coded.discard {
                Some(Discarded::Story) => return Ok(Vec::new()),
                Some(Discarded::Sentence) => continue,
                None => {}
            }
            let location = self.place_of(&coded, &tokens, &chars, date);
            if location.is_some() {
                last_location = location.clone();
            }
            let Coded { events: found, issues, .. } = coded;
            let frame = Frame {
                article,
                date,
                index,
                span,
                tokens: &tokens,
                chars: &chars,
                issues: &issues,
                home: home.as_deref(),
            };
            events.extend(assembled::place_events(
                &self.lexicon,
                &frame,
                found,
                location.as_ref(),
                last_location.as_ref(),
            ));
        }
        Ok(events)
    }

    /// Where a coded sentence says its events happened, when it has events and the coder a
    /// gazetteer. "Missiles struck Kharkiv": the city a force verb strikes is where it happened.
    fn place_of(&self, coded: &Coded, tokens: &[Token], chars: &CharOffsets, date: NaiveDate) -> Option<Location> {
        let gazetteer = self.gazetteer.filter(|_| !coded.events.is_empty())?;
        let struck: Vec<usize> = coded
            .events
            .iter()
            .filter(|e| e.code.get(..2).is_some_and(|root| root >= "18"))
            .map(|e| e.verb.end)
            .collect();
        sentence::location::locate(gazetteer, tokens, chars, date, &struck, coded.attribution)
    }
}
