//! Cursor paging through events: a [`PageQuery`] gives one [`Page`] and the [`Cursor`] of the
//! next.
//!
//! Paging is by keyset — the next page is the events after the last one returned in the order
//! `(date, id)` — never by offset, so it is stable while events are added: every event stored
//! when paging began is returned exactly once, none twice, whatever is inserted meanwhile (an
//! event added later appears only if it sorts after the cursor). Each page costs one index seek,
//! however deep into the results it is.

use crate::db::{day_number, StoreError};
use crate::query::{select_sql, stored_from_row, EventFilter, StoredEvent, View, Window};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

/// The largest page a query returns, whatever it asks for.
pub const MAX_PAGE_SIZE: usize = 10_000;

/// Where a page starts: just after the event `(date, id)` that ended the previous one. As text
/// (its `Display`, parsed back with `FromStr`) it is an opaque token for URLs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    day: i64,
    id: i64,
}

impl Cursor {
    /// The position just after `event`.
    pub fn after(event: &StoredEvent) -> Cursor {
        Cursor { day: day_number(event.record.date), id: event.id }
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.day, self.id)
    }
}

impl std::str::FromStr for Cursor {
    type Err = StoreError;

    fn from_str(text: &str) -> Result<Cursor, StoreError> {
        let bad = || StoreError::BadCursor { text: text.chars().take(64).collect() };
        let (day, id) = text.split_once('.').ok_or_else(bad)?;
        Ok(Cursor { day: day.parse().map_err(|_| bad())?, id: id.parse().map_err(|_| bad())? })
    }
}

impl Serialize for Cursor {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Which page to read.
#[derive(Clone, Debug, PartialEq)]
pub struct PageQuery {
    /// Which events (its `limit` is ignored: `size` bounds a page).
    pub filter: EventFilter,
    pub view: View,
    /// Latest events first instead of oldest first.
    pub newest_first: bool,
    /// Continue after this position; `None` for the first page.
    pub after: Option<Cursor>,
    /// Events per page (at least 1, at most [`MAX_PAGE_SIZE`]).
    pub size: usize,
}

impl Default for PageQuery {
    fn default() -> Self {
        PageQuery { filter: EventFilter::default(), view: View::default(), newest_first: false, after: None, size: 100 }
    }
}

/// One page of events and where the next one starts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Page {
    pub events: Vec<StoredEvent>,
    /// `None` when this page is the last.
    pub next: Option<Cursor>,
}

/// Where a page of events starts in the store's order: on or after `date` (oldest first), or on
/// or before it (newest first). Handy for opening a listing at a day.
pub fn cursor_at(date: NaiveDate, newest_first: bool) -> Cursor {
    if newest_first {
        Cursor { day: day_number(date), id: i64::MAX }
    } else {
        Cursor { day: day_number(date), id: i64::MIN }
    }
}

pub(crate) fn page_in(conn: &Connection, query: &PageQuery) -> Result<Page, StoreError> {
    let size = query.size.clamp(1, MAX_PAGE_SIZE);
    let window = Window {
        newest_first: query.newest_first,
        after: query.after.map(|c| (c.day, c.id)),
        // One more than the page, to know whether another follows.
        limit: Some(size as u64 + 1),
    };
    let (sql, values) = select_sql(conn, &query.filter, query.view, &window)?;
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    let mut events = Vec::with_capacity(size + 1);
    while let Some(row) = rows.next()? {
        events.push(stored_from_row(row)?);
    }
    let next = if events.len() > size {
        events.truncate(size);
        events.last().map(Cursor::after)
    } else {
        None
    };
    Ok(Page { events, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_and_foreign_text_is_refused() {
        let cursor = Cursor { day: 20_500, id: 42 };
        assert_eq!(cursor.to_string().parse::<Cursor>().ok(), Some(cursor));
        let negative = Cursor { day: -3, id: i64::MIN };
        assert_eq!(negative.to_string().parse::<Cursor>().ok(), Some(negative));
        for bad in ["", "12", "a.b", "1.2.3", "1.", ".1", "99999999999999999999.1"] {
            assert!(bad.parse::<Cursor>().is_err(), "{bad:?}");
        }
    }
}
