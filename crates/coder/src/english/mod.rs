//! English word data: every word class the coder's rules read, in one place.
//!
//! [`grammar`] holds the closed classes (determiners, prepositions, modals and other auxiliaries,
//! negations, pronouns, conjunctions, clause openers), [`vocabulary`] the open-class lists the
//! rules lean on (place nouns, reporting verbs, document nouns, irregular past tenses, nationality
//! suffixes …), [`references`] the words that point back at two parties already named ("the two
//! sides", "each other"), and [`orthography`] what the sentence splitter needs (abbreviations,
//! words that start sentences, punctuation classes). The shape of tokens themselves (clitics,
//! relation suffixes like "-led") belongs to the one tokenizer, [`tripwire_dictionaries::tokens`],
//! which dictionary phrases go through too.
//!
//! Words are compared in their matching form (upper case, plain apostrophes), as
//! [`crate::sentence::Token::norm`] holds them. Each class is a list and a predicate; rules use the
//! predicates, so a class can change without touching them.

pub mod grammar;
pub mod orthography;
pub mod references;
pub mod vocabulary;

pub use grammar::*;
pub use orthography::*;
pub use references::*;
pub use tripwire_dictionaries::tokens::is_relation_suffix;
pub use vocabulary::*;
