//! Where articles come from: files, folders, standard input, JSON Lines, RSS/Atom feeds and feed
//! URLs, each read as a stream of [`Article`]s.
//!
//! An [`Input`] is one place to read (a file, `<stdin>`, a URL); [`input::expand`] turns
//! command-line names into inputs, walking folders. [`open`] reads one input, choosing by its
//! first bytes: a feed ([`feed`], read whole up to [`feed::MAX_FEED_BYTES`]), JSON Lines
//! ([`jsonl::JsonLines`], one line in memory at a time), or one plain-text article. [`Articles`]
//! chains all the inputs of a command line into one `Iterator<Item = Result<Article,
//! SourceError>>`: a bad record or an unreadable input is an `Err` item naming its file and line,
//! and reading goes on. Feed URLs are fetched by [`http`] under a [`FetchPolicy`] (public
//! addresses only unless allowed, redirects checked hop by hop, sizes and times capped), and
//! [`follow::poll`] asks only for what changed.
//!
//! [`Article`]: tripwire_coder::Article

mod date;
mod error;
pub mod feed;
#[cfg(feature = "http")]
pub mod follow;
#[cfg(feature = "http")]
pub mod http;
pub mod input;
pub mod jsonl;
mod lines;
pub mod policy;
mod read;
#[cfg(feature = "testing")]
pub mod testing;

pub use date::parse_date;
pub use error::SourceError;
pub use input::Input;
pub use policy::FetchPolicy;
pub use read::{open, read_bytes, Articles, InputArticles, ReadOptions, MAX_ARTICLE_BYTES};
