//! Event-coding dictionaries: the [`Dictionaries`] model, a reader for tripwire's own format
//! ([`native`], documented in `docs/dictionary-format.md`, which the shipped dictionaries in
//! `data/dictionaries/` use) and readers for the public PETRARCH2/TABARI formats ([`petrarch`]),
//! so users can bring the Phoenix set or their own.
//!
//! Every reader turns text into the same model and names the file and line of anything it cannot
//! read; the coder compiles the model into matchers and never sees a file format. [`tokens`] is
//! the one tokenizer, shared with the coder, so written phrases and article text cut alike.

pub mod error;
pub mod model;
pub mod native;
pub mod petrarch;
pub mod tokens;

pub use error::{DictionaryError, Result};
pub use model::*;
