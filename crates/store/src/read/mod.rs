//! The read API the watch, the server and the read commands share.
//!
//! A [`Reader`] is a read-only handle on a store file: it never creates, migrates or writes one,
//! is `Send + Sync` and cheap to clone, and lends each call its own pooled connection, so many
//! threads read at once while a writer ingests. Every call reads one consistent snapshot.
//!
//! - [`Reader::active_dyads`]: the directed country pairs with events in a range ([`DyadQuery`]
//!   → [`ActiveDyad`]: mentions, first and last date).
//! - [`Reader::daily_series`]: a dense [`DailySeries`] — one [`DailyCounts`] per day, zeros
//!   included — for a directed or undirected dyad or for every event ([`SeriesScope`]).
//! - [`Reader::event`]: one event by id as an [`EventDetail`], with each [`Mention`] behind it
//!   (sentence, article, outlet, URL, matched dictionary entries).
//! - [`Reader::page`]: events a [`PageQuery`] selects, one [`Page`] at a time, continued from a
//!   [`Cursor`] (keyset paging, stable while events are added).
//! - [`Reader::for_each`] streams every selected event; [`Reader::export`] streams them into an
//!   [`EventSink`] (JSON Lines, GDELT TSV, Parquet).
//!
//! The write handle, [`Store`](crate::Store), answers the same series and event queries on its
//! own connection (the demo, tests, a store in memory); the SQL lives once, in these modules.

mod daily;
mod detail;
mod dyads;
mod handle;
mod paging;

pub use crate::export::EventSink;
pub use crate::query::{EventFilter, StoredEvent, View};
pub use daily::{DailyCounts, DailySeries, DailySeriesQuery, SeriesScope, MAX_SERIES_DAYS};
pub use detail::{EventDetail, Mention};
pub use dyads::{ActiveDyad, DyadQuery};
pub use handle::{Reader, OLDEST_READABLE_VERSION};
pub use paging::{cursor_at, Cursor, Page, PageQuery, MAX_PAGE_SIZE};

pub(crate) use daily::{daily_series_in, directed_totals, DayTotals};

use crate::db::{Store, StoreError};
use crate::export::{ExportError, ExportSummary, Exported};

impl Reader {
    /// The directed dyads with events in the query's range, most mentions first.
    pub fn active_dyads(&self, query: &DyadQuery) -> Result<Vec<ActiveDyad>, StoreError> {
        self.with_snapshot(|conn| dyads::active_dyads_in(conn, query))
    }

    /// The dense daily series the query asks for.
    pub fn daily_series(&self, query: &DailySeriesQuery) -> Result<DailySeries, StoreError> {
        self.with_snapshot(|conn| daily_series_in(conn, query))
    }

    /// The event with id `id` (a representative or any of its mentions) and all its mentions;
    /// `None` when there is no such event.
    pub fn event(&self, id: i64) -> Result<Option<EventDetail>, StoreError> {
        self.with_snapshot(|conn| detail::event_detail_in(conn, id))
    }

    /// One page of the events the query selects.
    pub fn page(&self, query: &PageQuery) -> Result<Page, StoreError> {
        self.with_snapshot(|conn| paging::page_in(conn, query))
    }

    /// Calls `each` for every event the filter selects, ordered by date then id, and returns how
    /// many there were; stops at the first error `each` returns. One snapshot throughout: events
    /// stored meanwhile are not seen.
    pub fn for_each<E: From<StoreError>>(
        &self,
        filter: &EventFilter,
        view: View,
        each: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<u64, E> {
        self.with_snapshot(|conn| crate::query::for_each_in(conn, filter, view, each))
    }

    /// Streams the events the filter selects into `sink` and finishes it.
    pub fn export(
        &self,
        filter: &EventFilter,
        view: View,
        sink: &mut dyn EventSink,
    ) -> Result<ExportSummary, ExportError> {
        self.for_each(filter, view, |event| sink.accept(&Exported::from(event)))?;
        sink.finish()
    }
}

impl Store {
    /// [`Reader::daily_series`] on the write handle (a store in memory has no reader).
    pub fn daily_series(&self, query: &DailySeriesQuery) -> Result<DailySeries, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let series = daily_series_in(&tx, query)?;
        tx.commit()?;
        Ok(series)
    }

    /// [`Reader::event`] on the write handle.
    pub fn event(&self, id: i64) -> Result<Option<EventDetail>, StoreError> {
        detail::event_detail_in(&self.conn, id)
    }

    /// [`Reader::page`] on the write handle.
    pub fn page(&self, query: &PageQuery) -> Result<Page, StoreError> {
        paging::page_in(&self.conn, query)
    }

    /// [`Reader::active_dyads`] on the write handle.
    pub fn active_dyads(&self, query: &DyadQuery) -> Result<Vec<ActiveDyad>, StoreError> {
        dyads::active_dyads_in(&self.conn, query)
    }
}
