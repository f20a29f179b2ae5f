//! The read API on real store files: a read-only `Reader` that never creates a store, active
//! dyads, dense daily series checked against the stored rows, events by id with their mentions,
//! keyset paging (also while rows are inserted), many threads at once, and exports through one
//! sink trait.

use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tripwire_coder::Article;
use tripwire_store::export::gdelt::{GdeltOptions, GdeltSink};
use tripwire_store::export::jsonl::JsonLinesSink;
use tripwire_store::read::{
    DailySeriesQuery, DyadQuery, EventFilter, PageQuery, Reader, SeriesScope, StoredEvent, View, MAX_SERIES_DAYS,
};
use tripwire_store::{EventRecord, Origin, Store, StoreError};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("test dates are valid")
}

const DYADS: [(&str, &str); 5] =
    [("IRNGOV", "USAGOV"), ("USAGOV", "IRNGOV"), ("RUSMIL", "UKRMIL"), ("CHNGOV", "TWNGOV"), ("IGOUNO", "SDNREB")];
const CODES: [(&str, f32, u8); 5] =
    [("040", 1.0, 1), ("057", 8.0, 2), ("111", -2.0, 3), ("190", -10.0, 4), ("0331", 5.2, 2)];

/// A coded event as the coder would give it.
fn coded(article: &Article, index: u32, (source, target): (&str, &str), code: usize, sentence: &str) -> EventRecord {
    let (event_code, goldstein, quad) = CODES[code];
    EventRecord {
        origin: Origin::Tripwire,
        article_id: article.id.clone(),
        sentence_index: Some(index),
        span: Some([0, 20]),
        sentence: Some(sentence.to_string()),
        date: article.date.expect("dated"),
        source_code: source.to_string(),
        target_code: target.to_string(),
        source_country: tripwire_store::record::country_of_code(source),
        target_country: tripwire_store::record::country_of_code(target),
        source_text: Some(format!("words for {source}")),
        target_text: Some(format!("words for {target}")),
        event_code: event_code.to_string(),
        event_root: event_code[..2].to_string(),
        // Every ninth event has no score, as some codes have none.
        goldstein: (index % 9 != 8).then_some(goldstein),
        quad_class: Some(quad),
        plover_event: None,
        location: None,
        outlet: Some(article.source.clone()),
        url: Some(article.url.clone()),
        issues: Vec::new(),
        matched: Some(serde_json::json!({"verb": format!("verbs.twd:{}", 10 + code), "pattern": null,
                                         "source_entries": [format!("actors.twd:{index}")], "target_entries": []})),
    }
}

/// A made-up word for `n`, distinct for every `n`.
fn word(n: usize) -> String {
    const SYLLABLES: [&str; 12] = ["ka", "lo", "mi", "tu", "re", "sa", "no", "vi", "ze", "po", "gu", "da"];
    let mut n = n + 12;
    let mut word = String::new();
    while n > 0 {
        word.push_str(SYLLABLES[n % 12]);
        n /= 12;
    }
    word
}

/// Stories over a few dyads and three weeks, each told by one to three outlets in the same words
/// on nearby days (so deduplication joins them), with a gap of empty days in the middle.
fn coded_corpus(stories: usize, first_story: usize) -> Vec<(Article, Vec<EventRecord>)> {
    let mut batch = Vec::new();
    for story in first_story..first_story + stories {
        let dyad = DYADS[story % DYADS.len()];
        let code = story % CODES.len();
        // Each story has words of its own, as real ones do: only its retellings share them.
        let words: Vec<String> = (0..6).map(|i| word(story * 6 + i)).collect();
        let sentence = format!("{} {} {}: {}.", dyad.0, words[..3].join(" "), dyad.1, words[3..].join(" "));
        // Days 1–6 and 12–20 of March: 7 to 11 stay empty.
        let offset = story % 15;
        let first_day = 1 + if offset < 6 { offset } else { offset + 5 };
        for teller in 0..1 + story % 3 {
            let outlet = ["wire", "daily", "radio"][teller];
            let date = NaiveDate::from_ymd_opt(2026, 3, (first_day + teller % 2) as u32).expect("valid day");
            let id = format!("s{story}-{outlet}");
            let article = Article {
                id: id.clone(),
                date: Some(date),
                source: outlet.to_string(),
                url: format!("https://{outlet}.example/{id}"),
                title: String::new(),
                text: format!("{outlet} reports. {sentence}"),
            };
            let events = vec![coded(&article, story as u32, dyad, code, &sentence)];
            batch.push((article, events));
        }
    }
    batch
}

/// An imported event (its own event, no cluster), optionally without countries.
fn imported(n: usize, date: &str, countries: bool) -> EventRecord {
    let (source, target) = DYADS[n % DYADS.len()];
    let article = Article { id: String::new(), date: Some(day(date)), ..Article::default() };
    let mut record = coded(&article, n as u32, (source, target), n % CODES.len(), "");
    record.origin = Origin::Icews;
    record.article_id = format!("icews:{n}");
    record.sentence = None;
    record.sentence_index = None;
    record.span = None;
    record.outlet = None;
    record.url = None;
    record.matched = None;
    if !countries {
        record.source_country = None;
        record.target_country = None;
    }
    record
}

/// A store file holding imported history (some rows without countries) and clustered coded news.
fn filled_store(dir: &Path) -> PathBuf {
    let path = dir.join("store.db");
    let mut store = Store::open(&path).expect("store opens");
    let rows: Vec<EventRecord> =
        (0..40).map(|n| imported(n, &format!("2026-02-{:02}", 1 + n % 20), n % 8 != 0)).collect();
    store.insert_imported(rows).expect("import");
    for chunk in coded_corpus(60, 0).chunks(25) {
        store.ingest(chunk).expect("ingest");
    }
    path
}

fn all_mentions(reader: &Reader) -> Vec<StoredEvent> {
    let mut found = Vec::new();
    reader
        .for_each(&EventFilter::default(), View::Mentions, |e| {
            found.push(e);
            Ok::<(), StoreError>(())
        })
        .expect("read");
    found
}

/// The counts of one day as the series defines them, from the stored rows.
#[derive(Debug, Default, PartialEq)]
struct Expected {
    mentions: u64,
    events: u64,
    goldstein_sum: f64,
    scored: u64,
    quads: [u64; 4],
}

fn expected_by_day(
    mentions: &[StoredEvent],
    representatives: &BTreeSet<i64>,
    keep: impl Fn(&EventRecord) -> bool,
) -> BTreeMap<NaiveDate, Expected> {
    let mut days: BTreeMap<NaiveDate, Expected> = BTreeMap::new();
    for m in mentions.iter().filter(|m| keep(&m.record)) {
        let d = days.entry(m.record.date).or_default();
        d.mentions += 1;
        if m.cluster_id.is_none() || representatives.contains(&m.id) {
            d.events += 1;
        }
        if let Some(g) = m.record.goldstein {
            // The store keeps a score as the decimal it was written as (5.2, not 5.19999…).
            d.goldstein_sum += g.to_string().parse::<f64>().expect("a number");
            d.scored += 1;
        }
        if let Some(q @ 1..=4) = m.record.quad_class {
            d.quads[usize::from(q) - 1] += 1;
        }
    }
    days
}

fn check_series(reader: &Reader, scope: SeriesScope, keep: impl Fn(&EventRecord) -> bool) {
    let mentions = all_mentions(reader);
    let representatives: BTreeSet<i64> = {
        let mut ids = BTreeSet::new();
        reader
            .for_each(&EventFilter::default(), View::Deduplicated, |e| {
                ids.insert(e.id);
                Ok::<(), StoreError>(())
            })
            .expect("read");
        ids
    };
    let expected = expected_by_day(&mentions, &representatives, &keep);
    let series = reader.daily_series(&DailySeriesQuery { scope: scope.clone(), from: None, to: None }).expect("series");
    let (first, last) = (*expected.keys().next().expect("days"), *expected.keys().last().expect("days"));
    assert_eq!((series.from, series.to), (Some(first), Some(last)), "{scope:?}");
    assert_eq!(series.days.len() as i64, (last - first).num_days() + 1, "every day of the range: {scope:?}");
    for (i, counts) in series.days.iter().enumerate() {
        assert_eq!(counts.date, first + chrono::Days::new(i as u64), "consecutive days");
        let want = expected.get(&counts.date);
        let got = Expected {
            mentions: counts.mentions,
            events: counts.events,
            goldstein_sum: counts.goldstein_sum,
            scored: counts.scored,
            quads: [counts.quad1, counts.quad2, counts.quad3, counts.quad4],
        };
        match want {
            Some(want) => {
                assert_eq!(got.mentions, want.mentions, "{scope:?} {}", counts.date);
                assert_eq!(got.events, want.events, "{scope:?} {}", counts.date);
                assert_eq!((got.scored, got.quads), (want.scored, want.quads), "{scope:?} {}", counts.date);
                assert!((got.goldstein_sum - want.goldstein_sum).abs() < 1e-9, "{scope:?} {}", counts.date);
                assert_eq!(counts.material_conflict(), want.quads[3]);
            }
            None => assert_eq!(got, Expected::default(), "a day without events is zeros: {}", counts.date),
        }
    }
    let totals: u64 = series.days.iter().map(|d| d.mentions).sum();
    assert_eq!(totals, mentions.iter().filter(|m| keep(&m.record)).count() as u64);
}

fn countries(r: &EventRecord) -> (Option<&str>, Option<&str>) {
    (r.source_country.as_deref(), r.target_country.as_deref())
}

#[test]
fn dense_series_sums_equal_the_stored_events() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reader = Reader::open(filled_store(dir.path())).expect("reader");
    let mentions = all_mentions(&reader);
    assert!(mentions.iter().any(|m| m.cluster_id.is_some() && m.mentions >= 2), "the corpus has joined mentions");

    check_series(&reader, SeriesScope::Directed { source: "IRN".into(), target: "USA".into() }, |r| {
        countries(r) == (Some("IRN"), Some("USA"))
    });
    check_series(&reader, SeriesScope::Undirected { a: "usa".into(), b: "irn".into() }, |r| {
        matches!(countries(r), (Some("IRN"), Some("USA")) | (Some("USA"), Some("IRN")))
    });
    check_series(&reader, SeriesScope::Directed { source: "RUS".into(), target: "UKR".into() }, |r| {
        countries(r) == (Some("RUS"), Some("UKR"))
    });
    check_series(&reader, SeriesScope::All, |_| true);
}

#[test]
fn a_series_range_is_dense_beyond_the_events_and_bounded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reader = Reader::open(filled_store(dir.path())).expect("reader");
    let scope = SeriesScope::Directed { source: "CHN".into(), target: "TWN".into() };
    let query = DailySeriesQuery { scope: scope.clone(), from: Some(day("2026-01-15")), to: Some(day("2026-04-15")) };
    let series = reader.daily_series(&query).expect("series");
    assert_eq!(series.days.len(), 91);
    assert_eq!(series.days[0].date, day("2026-01-15"));
    assert_eq!(series.days[90].date, day("2026-04-15"));
    assert!(series.days[..17].iter().all(|d| d.mentions == 0 && d.goldstein_mean().is_none()));
    let inside: u64 = series.days.iter().map(|d| d.mentions).sum();
    let unbounded =
        reader.daily_series(&DailySeriesQuery { scope: scope.clone(), from: None, to: None }).expect("series");
    assert_eq!(inside, unbounded.days.iter().map(|d| d.mentions).sum::<u64>());

    let nobody = DailySeriesQuery {
        scope: SeriesScope::Directed { source: "FRA".into(), target: "DEU".into() },
        from: None,
        to: None,
    };
    let empty = reader.daily_series(&nobody).expect("series");
    assert!(empty.days.is_empty() && empty.from.is_none());

    let huge = DailySeriesQuery { scope, from: Some(day("1000-01-01")), to: Some(day("2026-01-01")) };
    match reader.daily_series(&huge) {
        Err(StoreError::SeriesTooLong { days, max }) => assert!(days > max && max == MAX_SERIES_DAYS),
        other => panic!("a 1,000-year series is refused, not allocated: {other:?}"),
    }
}

#[test]
fn active_dyads_list_every_dyad_with_its_mentions_and_dates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reader = Reader::open(filled_store(dir.path())).expect("reader");
    let mentions = all_mentions(&reader);
    let expect = |from: NaiveDate, to: NaiveDate| {
        let mut dyads: BTreeMap<(String, String), (u64, NaiveDate, NaiveDate)> = BTreeMap::new();
        for m in mentions.iter().filter(|m| m.record.date >= from && m.record.date <= to) {
            let (Some(s), Some(t)) = countries(&m.record) else { continue };
            let entry = dyads.entry((s.to_string(), t.to_string())).or_insert((0, m.record.date, m.record.date));
            entry.0 += 1;
            entry.1 = entry.1.min(m.record.date);
            entry.2 = entry.2.max(m.record.date);
        }
        dyads
    };
    for (from, to) in [(None, None), (Some(day("2026-03-01")), Some(day("2026-03-05")))] {
        let listed = reader.active_dyads(&DyadQuery { from, to, min_mentions: 0 }).expect("dyads");
        let want = expect(from.unwrap_or(NaiveDate::MIN), to.unwrap_or(NaiveDate::MAX));
        let got: BTreeMap<(String, String), (u64, NaiveDate, NaiveDate)> = listed
            .iter()
            .map(|d| ((d.source.clone(), d.target.clone()), (d.mentions, d.first_date, d.last_date)))
            .collect();
        assert_eq!(got, want, "range {from:?}..{to:?}");
        assert!(listed.windows(2).all(|w| w[0].mentions >= w[1].mentions), "most mentions first");
    }
    let busy = reader.active_dyads(&DyadQuery { min_mentions: 25, ..DyadQuery::default() }).expect("dyads");
    assert!(!busy.is_empty() && busy.iter().all(|d| d.mentions >= 25));
}

#[test]
fn an_event_by_id_comes_with_every_mention_behind_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reader = Reader::open(filled_store(dir.path())).expect("reader");
    let mentions = all_mentions(&reader);
    let joined = mentions.iter().find(|m| m.mentions >= 3).expect("a story three outlets told");
    let mut cluster: Vec<&StoredEvent> = mentions.iter().filter(|m| m.cluster_id == joined.cluster_id).collect();
    cluster.sort_by_key(|m| m.id);
    let later = cluster.last().expect("mentions");
    let detail = reader.event(later.id).expect("read").expect("the event exists");
    assert_eq!(detail.event.id, cluster[0].id, "asked by any mention, the event is its first");
    assert_eq!(detail.event.mentions, 3);
    assert_eq!(
        detail.mentions.iter().map(|m| m.id).collect::<Vec<_>>(),
        cluster.iter().map(|m| m.id).collect::<Vec<_>>()
    );
    for (mention, stored) in detail.mentions.iter().zip(&cluster) {
        assert_eq!(mention.article_id, stored.record.article_id);
        assert_eq!(mention.sentence, stored.record.sentence);
        assert_eq!(mention.url, stored.record.url);
        assert_eq!(mention.outlet, stored.record.outlet);
        assert_eq!(mention.entries.len(), 2, "verb and source entry: {:?}", mention.entries);
        assert!(mention.entries[0].starts_with("verbs.twd:"));
    }
    let outlets: BTreeSet<&str> = detail.mentions.iter().filter_map(|m| m.outlet.as_deref()).collect();
    assert_eq!(outlets, BTreeSet::from(["wire", "daily", "radio"]));

    let import = mentions.iter().find(|m| m.record.origin == Origin::Icews).expect("an imported event");
    let detail = reader.event(import.id).expect("read").expect("exists");
    assert_eq!((detail.event.id, detail.mentions.len()), (import.id, 1));
    assert!(detail.mentions[0].entries.is_empty());
    assert!(reader.event(10_000_000).expect("read").is_none());
}

/// Every page of a query, following the cursors.
fn every_page(reader: &Reader, query: &PageQuery, mut between: impl FnMut(usize)) -> Vec<i64> {
    let mut seen = Vec::new();
    let mut query = query.clone();
    for page_number in 0.. {
        let page = reader.page(&query).expect("page");
        assert!(page.events.len() <= query.size);
        seen.extend(page.events.iter().map(|e| e.id));
        match page.next {
            Some(next) => {
                assert_eq!(page.events.len(), query.size, "only the last page is short");
                // Cursors survive a trip through text (a URL).
                query.after = Some(next.to_string().parse().expect("cursor"));
            }
            None => break,
        }
        between(page_number);
    }
    seen
}

#[test]
fn paging_visits_every_event_exactly_once_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reader = Reader::open(filled_store(dir.path())).expect("reader");
    for view in [View::Mentions, View::Deduplicated] {
        for filter in [
            EventFilter::default(),
            EventFilter { dyad: Some(("IRN".into(), "USA".into())), both_directions: true, ..Default::default() },
        ] {
            let mut all: Vec<(NaiveDate, i64)> = Vec::new();
            reader
                .for_each(&filter, view, |e| {
                    all.push((e.record.date, e.id));
                    Ok::<(), StoreError>(())
                })
                .expect("read");
            for newest_first in [false, true] {
                for size in [1, 7, 1000] {
                    let query = PageQuery { filter: filter.clone(), view, newest_first, after: None, size };
                    let seen = every_page(&reader, &query, |_| {});
                    let mut want: Vec<i64> = all.iter().map(|(_, id)| *id).collect();
                    if newest_first {
                        want.reverse();
                    }
                    assert_eq!(seen, want, "{view:?} newest_first={newest_first} size={size}");
                }
            }
        }
    }
}

#[test]
fn paging_is_stable_while_events_are_inserted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = filled_store(dir.path());
    let reader = Reader::open(&path).expect("reader");
    let before: BTreeSet<i64> = all_mentions(&reader).iter().map(|e| e.id).collect();
    let mut writer = Store::open(&path).expect("writer");
    let mut extra = 0;
    let query = PageQuery { view: View::Mentions, size: 9, ..PageQuery::default() };
    let seen = every_page(&reader, &query, |page| {
        // Between pages: new imported rows dated before, inside and after the pages read so far,
        // and new coded stories.
        let rows: Vec<EventRecord> = ["2026-01-10", "2026-02-10", "2026-03-10", "2026-05-01"]
            .iter()
            .map(|date| {
                extra += 1;
                imported(1000 + extra, date, true)
            })
            .collect();
        writer.insert_imported(rows).expect("insert");
        writer.ingest(&coded_corpus(2, 1000 + page * 2)).expect("ingest");
    });
    let unique: BTreeSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no event is returned twice");
    assert!(before.is_subset(&unique), "every event stored before paging began is returned");
    assert!(all_mentions(&reader).len() > before.len(), "rows were inserted meanwhile");
}

#[test]
fn many_threads_read_at_once_while_a_writer_ingests() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = filled_store(dir.path());
    let reader = Reader::open(&path).expect("reader");
    let mut writer = Store::open(&path).expect("writer");
    std::thread::scope(|scope| {
        let readers: Vec<_> = (0..8)
            .map(|n| {
                let reader = reader.clone();
                scope.spawn(move || {
                    for round in 0..15 {
                        let scope = if n % 2 == 0 {
                            SeriesScope::All
                        } else {
                            SeriesScope::Undirected { a: "IRN".into(), b: "USA".into() }
                        };
                        let series =
                            reader.daily_series(&DailySeriesQuery { scope, from: None, to: None }).expect("series");
                        let (mentions, events): (u64, u64) =
                            series.days.iter().fold((0, 0), |(m, e), d| (m + d.mentions, e + d.events));
                        assert!(events <= mentions && mentions > 0);
                        let page = reader.page(&PageQuery { size: 5, ..PageQuery::default() }).expect("page");
                        let first = page.events.first().expect("events");
                        assert!(reader.event(first.id).expect("event").is_some());
                        if round % 5 == 0 {
                            assert!(!reader.active_dyads(&DyadQuery::default()).expect("dyads").is_empty());
                        }
                    }
                })
            })
            .collect();
        for round in 0..10 {
            writer.ingest(&coded_corpus(3, 2000 + round * 3)).expect("ingest");
        }
        for handle in readers {
            handle.join().expect("a reader thread");
        }
    });
    // After the writes, a reader sees all of them.
    let counts = writer.counts().expect("counts");
    assert_eq!(all_mentions(&reader).len() as u64, counts.events);
}

#[test]
fn a_reader_never_creates_a_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("typo/store.db");
    match Reader::open(&missing) {
        Err(StoreError::NotFound { path }) => assert_eq!(path, missing),
        other => panic!("a missing store is an error: {other:?}"),
    }
    assert!(!dir.path().join("typo").exists(), "no folder was made");

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "not a database, just words that are long enough to fill a header page").expect("write");
    let error = Reader::open(&text).expect_err("a text file is not a store");
    assert!(matches!(error, StoreError::NotAStore { .. }), "{error}");
    assert!(error.to_string().contains("notes.db"), "{error}");

    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").expect("write");
    assert!(matches!(Reader::open(&empty), Err(StoreError::NotAStore { .. })));
    assert_eq!(std::fs::metadata(&empty).expect("still there").len(), 0, "nothing was written to it");

    let folder = dir.path().join("a-folder.db");
    std::fs::create_dir(&folder).expect("mkdir");
    assert!(matches!(Reader::open(&folder), Err(StoreError::NotAStore { .. })));
}

#[test]
fn a_store_too_old_to_read_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("sqlite");
        tripwire_store::schema::migrate_to(&mut conn, 1).expect("version 1");
    }
    match Reader::open(&path) {
        Err(StoreError::TooOld { found: 1, .. }) => {}
        other => panic!("a version-1 store is refused: {other:?}"),
    }
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    assert_eq!(tripwire_store::schema::version(&conn).expect("version"), 1, "reading did not migrate it");
}

#[test]
fn exporters_are_sinks_fed_by_the_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reader = Reader::open(filled_store(dir.path())).expect("reader");
    let filter = EventFilter { dyad: Some(("IRN".into(), "USA".into())), ..Default::default() };
    let mut expected = 0;
    reader
        .for_each(&filter, View::Deduplicated, |_| {
            expected += 1;
            Ok::<(), StoreError>(())
        })
        .expect("read");

    let mut json = JsonLinesSink::new(Vec::new());
    let summary = reader.export(&filter, View::Deduplicated, &mut json).expect("export");
    assert_eq!(summary.records, expected);
    let lines = String::from_utf8(json.into_inner()).expect("utf-8");
    assert_eq!(lines.lines().count() as u64, expected);
    let clustered = lines.lines().filter(|l| l.contains("\"cluster_id\"")).count();
    assert!(clustered > 0, "deduplicated events carry their cluster's fields");

    let mut tsv = GdeltSink::new(Vec::new(), GdeltOptions { header: true });
    let summary = reader.export(&filter, View::Mentions, &mut tsv).expect("export");
    let text = String::from_utf8(tsv.into_inner()).expect("utf-8");
    assert_eq!(text.lines().count() as u64, summary.records + 1, "a header and one row per mention");
    assert!(text.lines().all(|l| l.split('\t').count() == 61));

    // A header alone when nothing matches.
    let none = EventFilter { dyad: Some(("FRA".into(), "DEU".into())), ..Default::default() };
    let mut tsv = GdeltSink::new(Vec::new(), GdeltOptions { header: true });
    assert_eq!(reader.export(&none, View::Mentions, &mut tsv).expect("export").records, 0);
    assert_eq!(String::from_utf8(tsv.into_inner()).expect("utf-8").lines().count(), 1);
}
