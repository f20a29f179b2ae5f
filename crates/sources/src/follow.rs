//! Polling a feed URL for what is new: [`poll`] asks the server only for a changed feed (by the
//! `ETag` and `Last-Modified` it gave last time) and reads a changed one into articles. What was
//! already stored is for the caller to skip; the validators are for it to keep between polls
//! and across restarts.

use crate::http::{fetch_if_changed, Validators};
use crate::read::{read_bytes, ReadOptions};
use crate::SourceError;
use tripwire_coder::Article;

/// What one poll of a feed found.
#[derive(Debug)]
pub enum Poll {
    /// `304 Not Modified`: nothing new since the validators given.
    Unchanged,
    /// The feed as it is now.
    Changed {
        /// Its items, each an article or why it was skipped (naming its line).
        articles: Vec<Result<Article, SourceError>>,
        /// What to send next time.
        validators: Validators,
    },
}

/// Polls `url`, sending `known` validators; the feed's items are read with `options`.
pub fn poll(url: &str, known: &Validators, options: &ReadOptions) -> Result<Poll, SourceError> {
    let Some(fetched) = fetch_if_changed(url, &options.fetch, known)? else {
        return Ok(Poll::Unchanged);
    };
    let articles = read_bytes(fetched.bytes, url, options)?.collect();
    Ok(Poll::Changed { articles, validators: fetched.validators })
}
