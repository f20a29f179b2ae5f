//! Behaviour of the embedded store: idempotent ingest, migrations, filters, the daily series,
//! clustering of mentions, imported rows, and order-independence of what is stored.

use chrono::NaiveDate;
use proptest::prelude::*;
use tripwire_coder::Article;
use tripwire_store::query::{EventFilter, View};
use tripwire_store::series::SeriesQuery;
use tripwire_store::{schema, EventRecord, Origin, Store};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("test dates are valid")
}

fn article(id: &str, date: &str, outlet: &str, text: &str) -> Article {
    Article {
        id: id.to_string(),
        date: Some(day(date)),
        source: outlet.to_string(),
        url: format!("https://{outlet}.example/{id}"),
        title: String::new(),
        text: text.to_string(),
    }
}

/// An event as the coder would give it for `article`, with hand-picked fields.
fn event(article: &Article, index: u32, source: &str, target: &str, code: &str, sentence: &str) -> EventRecord {
    let quad = match &code[..2] {
        "01" | "02" | "03" | "04" | "05" => 1,
        "06" | "07" | "08" => 2,
        "09" | "10" | "11" | "12" | "13" | "14" | "15" | "16" | "17" => 3,
        _ => 4,
    };
    EventRecord {
        origin: Origin::Tripwire,
        article_id: article.id.clone(),
        sentence_index: Some(index),
        span: Some([index * 100, index * 100 + 40]),
        sentence: Some(sentence.to_string()),
        date: article.date.expect("dated"),
        source_code: source.to_string(),
        target_code: target.to_string(),
        source_country: tripwire_store::record::country_of_code(source),
        target_country: tripwire_store::record::country_of_code(target),
        source_text: None,
        target_text: None,
        event_code: code.to_string(),
        event_root: code[..2].to_string(),
        goldstein: Some(match quad {
            1 => 3.5,
            2 => 7.0,
            3 => -4.0,
            _ => -10.0,
        }),
        quad_class: Some(quad),
        plover_event: None,
        location: None,
        outlet: Some(article.source.clone()),
        url: Some(article.url.clone()),
        issues: Vec::new(),
        matched: Some(serde_json::json!({"verb": "test"})),
    }
}

fn one(article: Article, events: impl FnOnce(&Article) -> Vec<EventRecord>) -> (Article, Vec<EventRecord>) {
    let e = events(&article);
    (article, e)
}

#[test]
fn the_same_article_is_stored_once_by_id_or_by_text() {
    let mut store = Store::open_in_memory().unwrap();
    let text = "Iran's foreign minister met US envoys in Muscat on Tuesday.";
    let first = one(article("a1", "2026-02-06", "wire", text), |a| vec![event(a, 0, "IRNGOV", "USAGOV", "040", text)]);
    let stats = store.ingest(std::slice::from_ref(&first)).unwrap();
    assert_eq!((stats.articles_stored, stats.articles_duplicate, stats.events_stored), (1, 0, 1));

    let again = store.ingest(&[first]).unwrap();
    assert_eq!((again.articles_stored, again.articles_duplicate, again.events_stored), (0, 1, 0));

    // Another id, the same text re-wrapped and re-cased: still the same article.
    let rewrapped = "IRAN'S foreign   minister met\nUS envoys in Muscat on Tuesday.";
    let copy = one(article("a2", "2026-02-06", "other", rewrapped), |a| {
        vec![event(a, 0, "IRNGOV", "USAGOV", "040", rewrapped)]
    });
    let copied = store.ingest(&[copy]).unwrap();
    assert_eq!((copied.articles_stored, copied.articles_duplicate), (0, 1));

    // A duplicate inside one batch is caught too.
    let x = one(article("b1", "2026-02-07", "wire", "Russia shelled Kharkiv."), |a| {
        vec![event(a, 0, "RUSMIL", "UKR", "195", "Russia shelled Kharkiv.")]
    });
    let both = store.ingest(&[x.clone(), x]).unwrap();
    assert_eq!((both.articles_stored, both.articles_duplicate, both.events_stored), (1, 1, 1));

    let counts = store.counts().unwrap();
    assert_eq!((counts.articles, counts.events), (2, 2));
    assert!(store.contains_article("a1", "whatever").unwrap());
    assert!(store.contains_article("zz", "russia   SHELLED kharkiv.").unwrap());
    assert!(!store.contains_article("zz", "Something else entirely.").unwrap());
}

#[test]
fn a_version_one_store_migrates_and_keeps_its_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/old.db");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        assert_eq!(schema::migrate_to(&mut conn, 1).unwrap(), 1);
        conn.execute(
            "INSERT INTO events (id, origin, article_id, date, source_code, target_code, source_country,
                                 target_country, event_code, event_root, goldstein, quad_class)
             VALUES (1, 'icews', 'icews:1', 20000, 'IRN', 'USA', 'IRN', 'USA', '042', '04', 1.9, 1)",
            [],
        )
        .unwrap();
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('events')")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!columns.contains(&"cluster_id".to_string()), "version 1 has no clusters");
    }
    let store = Store::open(&path).unwrap();
    assert!(!store.was_created());
    assert_eq!(store.schema_version().unwrap(), schema::CURRENT_VERSION);
    let events = store.events(&EventFilter::default(), View::Deduplicated).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].record.article_id, "icews:1");
    assert_eq!(events[0].cluster_id, None);
    assert_eq!(events[0].mentions, 1);
    drop(store);
    // Re-opening an up-to-date store changes nothing.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.counts().unwrap().events, 1);
}

/// Imported rows stay out of the article index (it serves only our own events' lookup), and the
/// lookup still finds it after the migration that made it partial.
#[test]
fn the_article_index_holds_our_own_events_only_and_serves_their_lookup() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.connection();
    let sql: String = conn
        .query_row("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'events_article'", [], |r| r.get(0))
        .unwrap();
    assert!(sql.contains("WHERE origin = 'tripwire'"), "{sql}");
    let plan: Vec<String> = conn
        .prepare(
            "EXPLAIN QUERY PLAN SELECT EXISTS (SELECT 1 FROM events WHERE article_id = ?1 AND origin = 'tripwire'
             AND sentence_index IS ?2)",
        )
        .unwrap()
        .query_map(["a", "1"], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(plan.iter().any(|step| step.contains("events_article")), "{plan:?}");
}

#[test]
fn a_store_from_a_newer_build_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE schema_version SET version = 999", []).unwrap();
    drop(conn);
    let error = Store::open(&path).err().expect("newer schema refused");
    assert!(error.to_string().contains("999"), "{error}");
}

/// Three articles: two outlets' versions of one Muscat meeting, and an unrelated strike.
fn small_corpus() -> Vec<(Article, Vec<EventRecord>)> {
    let talks_a = "Iranian and American negotiators met in Muscat for indirect nuclear talks mediated by Oman.";
    let talks_b = "Negotiators from Iran and the United States held indirect nuclear talks in Muscat, Oman mediating.";
    let strike = "Israeli aircraft struck a weapons depot outside Damascus overnight.";
    let protest = "Thousands protested against the government in Tbilisi.";
    vec![
        one(article("muscat-wire", "2026-02-06", "wire", talks_a), |a| {
            vec![event(a, 0, "IRNGOV", "USAGOV", "040", talks_a), event(a, 1, "USAGOV", "IRNGOV", "036", talks_a)]
        }),
        one(article("muscat-daily", "2026-02-07", "daily", talks_b), |a| {
            vec![event(a, 0, "IRNGOV", "USAGOV", "043", talks_b)]
        }),
        one(article("damascus", "2026-02-07", "wire", strike), |a| vec![event(a, 0, "ISRMIL", "SYR", "195", strike)]),
        one(article("tbilisi", "2026-02-09", "daily", protest), |a| {
            vec![event(a, 0, "GEOOPP", "GEOGOV", "141", protest)]
        }),
    ]
}

#[test]
fn rewrites_of_one_event_become_one_cluster_with_their_mentions() {
    let mut store = Store::open_in_memory().unwrap();
    let stats = store.ingest(&small_corpus()).unwrap();
    assert_eq!(stats.events_stored, 5);
    assert_eq!(stats.mentions_joined, 1, "{stats:?}");
    assert_eq!(stats.clusters_opened, 4);

    let talks = EventFilter { dyad: Some(("IRN".into(), "USA".into())), ..EventFilter::default() };
    let events = store.events(&talks, View::Deduplicated).unwrap();
    assert_eq!(events.len(), 1);
    let meeting = &events[0];
    assert_eq!(meeting.mentions, 2);
    assert_eq!(meeting.outlets, vec!["wire".to_string(), "daily".to_string()]);
    assert_eq!(meeting.urls.len(), 2);
    assert_eq!((meeting.first_seen, meeting.last_seen), (day("2026-02-06"), day("2026-02-07")));
    assert_eq!(meeting.record.article_id, "muscat-wire", "the first mention represents the cluster");

    let raw = store.mentions_of(meeting.cluster_id.unwrap()).unwrap();
    let ids: Vec<&str> = raw.iter().map(|e| e.record.article_id.as_str()).collect();
    assert_eq!(ids, ["muscat-wire", "muscat-daily"]);
    assert_eq!(store.events(&talks, View::Mentions).unwrap().len(), 2);

    // Re-opening the question in a later batch joins the stored cluster, not a new one.
    let later = "Iran and the US resumed indirect talks in Muscat with Omani mediation.";
    let third = one(article("muscat-radio", "2026-02-08", "radio", later), |a| {
        vec![event(a, 0, "USAGOV", "IRNGOV", "040", later)]
    });
    let stats = store.ingest(&[third]).unwrap();
    assert_eq!((stats.mentions_joined, stats.clusters_opened), (1, 0));
    let both_ways = EventFilter { both_directions: true, ..talks };
    let events = store.events(&both_ways, View::Deduplicated).unwrap();
    let meeting = events.iter().find(|e| e.record.event_root == "04").unwrap();
    assert_eq!(meeting.mentions, 3);
    assert_eq!(meeting.last_date, day("2026-02-08"));
    assert_eq!(store.counts().unwrap().distinct_events, 4);
}

#[test]
fn filters_narrow_what_is_returned() {
    let mut store = Store::open_in_memory().unwrap();
    store.ingest(&small_corpus()).unwrap();
    let ids = |filter: EventFilter| -> Vec<String> {
        store
            .events(&filter, View::Mentions)
            .unwrap()
            .into_iter()
            .map(|e| format!("{}#{}", e.record.article_id, e.record.sentence_index.unwrap()))
            .collect()
    };
    let all = ids(EventFilter::default());
    assert_eq!(all.len(), 5);
    assert_eq!(ids(EventFilter { dyad: Some(("USA".into(), "IRN".into())), ..Default::default() }), ["muscat-wire#1"]);
    assert_eq!(
        ids(EventFilter { dyad: Some(("usa".into(), "irn".into())), both_directions: true, ..Default::default() })
            .len(),
        3
    );
    assert_eq!(ids(EventFilter { actor: Some("ISR".into()), ..Default::default() }), ["damascus#0"]);
    assert_eq!(ids(EventFilter { actor: Some("GEOGOV".into()), ..Default::default() }), ["tbilisi#0"]);
    assert_eq!(ids(EventFilter { event_code: Some("04".into()), ..Default::default() }).len(), 2);
    assert_eq!(ids(EventFilter { event_code: Some("043".into()), ..Default::default() }), ["muscat-daily#0"]);
    assert_eq!(ids(EventFilter { event_root: Some("03".into()), ..Default::default() }), ["muscat-wire#1"]);
    assert_eq!(ids(EventFilter { quad_class: Some(4), ..Default::default() }), ["damascus#0"]);
    assert_eq!(ids(EventFilter { quad_class: Some(3), ..Default::default() }), ["tbilisi#0"]);
    assert_eq!(
        ids(EventFilter { from: Some(day("2026-02-07")), to: Some(day("2026-02-07")), ..Default::default() }),
        ["muscat-daily#0", "damascus#0"]
    );
    assert_eq!(ids(EventFilter { outlet: Some("daily".into()), ..Default::default() }).len(), 2);
    assert_eq!(ids(EventFilter { origin: Some(Origin::Icews), ..Default::default() }).len(), 0);
    assert_eq!(ids(EventFilter { limit: Some(2), ..Default::default() }), all[..2]);

    // Deduplicated: the Muscat meeting is found through its second outlet too.
    let by_daily =
        store.events(&EventFilter { outlet: Some("daily".into()), ..Default::default() }, View::Deduplicated).unwrap();
    let found: Vec<&str> = by_daily.iter().map(|e| e.record.article_id.as_str()).collect();
    assert_eq!(found, ["muscat-wire", "tbilisi"]);
}

#[test]
fn stored_events_read_back_field_for_field() {
    let mut store = Store::open_in_memory().unwrap();
    let corpus = small_corpus();
    store.ingest(&corpus).unwrap();
    let mut stored: Vec<EventRecord> =
        store.events(&EventFilter::default(), View::Mentions).unwrap().into_iter().map(|e| e.record).collect();
    let mut written: Vec<EventRecord> = corpus.into_iter().flat_map(|(_, e)| e).collect();
    let key = |e: &EventRecord| (e.article_id.clone(), e.sentence_index);
    stored.sort_by_key(key);
    written.sort_by_key(key);
    assert_eq!(stored, written);
}

#[test]
fn the_daily_series_matches_a_hand_count() {
    let mut store = Store::open_in_memory().unwrap();
    let text = |n: usize| format!("Report number {n} about Iran and the United States.");
    let mut batch = Vec::new();
    // Day 1: IRN→USA 040 (+3.5, q1) and 195 (-10, q4); USA→IRN 141 (-4, q3).
    // Day 3: IRN→USA 060 (+7, q2).
    let plan = [
        ("2026-03-01", "IRNGOV", "USAGOV", "040"),
        ("2026-03-01", "IRNMIL", "USAMIL", "195"),
        ("2026-03-01", "USAOPP", "IRNGOV", "141"),
        ("2026-03-03", "IRNGOV", "USA", "060"),
        ("2026-03-05", "IRNGOV", "SYR", "040"),
        ("2026-03-04", "USAGOV", "IRNGOV", "042"),
    ];
    for (n, (date, source, target, code)) in plan.iter().enumerate() {
        let a = article(&format!("s{n}"), date, "wire", &text(n));
        let e = vec![event(&a, 0, source, target, code, &text(n))];
        batch.push((a, e));
    }
    store.ingest(&batch).unwrap();

    let one_way =
        store.dyad_series(&SeriesQuery { source: "IRN".into(), target: "USA".into(), ..Default::default() }).unwrap();
    assert_eq!(one_way.len(), 2);
    assert_eq!(one_way[0].date, day("2026-03-01"));
    assert_eq!(one_way[0].events, 2);
    assert_eq!(one_way[0].goldstein_sum, 3.5 - 10.0);
    assert_eq!(one_way[0].goldstein_mean, Some((3.5 - 10.0) / 2.0));
    assert_eq!((one_way[0].quad1, one_way[0].quad2, one_way[0].quad3, one_way[0].quad4), (1, 0, 0, 1));
    assert_eq!(one_way[1].date, day("2026-03-03"));
    assert_eq!((one_way[1].events, one_way[1].goldstein_sum, one_way[1].quad2), (1, 7.0, 1));

    let both = store
        .dyad_series(&SeriesQuery {
            source: "usa".into(),
            target: "irn".into(),
            both_directions: true,
            from: Some(day("2026-03-01")),
            to: Some(day("2026-03-02")),
        })
        .unwrap();
    assert_eq!(both.len(), 1);
    assert_eq!((both[0].events, both[0].quad3), (3, 1));
    assert_eq!(both[0].goldstein_sum, 3.5 - 10.0 - 4.0);
    // Days with events in one direction only, on either side of the merge.
    let whole = store
        .dyad_series(&SeriesQuery {
            source: "IRN".into(),
            target: "USA".into(),
            both_directions: true,
            ..Default::default()
        })
        .unwrap();
    let days: Vec<(NaiveDate, u64)> = whole.iter().map(|d| (d.date, d.events)).collect();
    assert_eq!(days, [(day("2026-03-01"), 3), (day("2026-03-03"), 1), (day("2026-03-04"), 1)]);
    assert_eq!(whole[2].goldstein_mean, Some(3.5));
    assert!(store
        .dyad_series(&SeriesQuery { source: "USA".into(), target: "SYR".into(), ..Default::default() })
        .unwrap()
        .is_empty());
}

fn imported(id: &str, date: &str) -> EventRecord {
    let a = article("unused", date, "", "x");
    let mut e = event(&a, 0, "IRNGOV", "USAGOV", "042", "");
    e.origin = Origin::Icews;
    e.article_id = id.to_string();
    e.sentence = None;
    e.sentence_index = None;
    e.span = None;
    e.outlet = None;
    e.url = None;
    e.matched = None;
    e
}

#[test]
fn imported_rows_are_idempotent_and_each_its_own_event() {
    let mut store = Store::open_in_memory().unwrap();
    let rows: Vec<EventRecord> = (0..5).map(|i| imported(&format!("icews:{i}"), "2015-01-01")).collect();
    let first = store.insert_imported(rows.clone()).unwrap();
    assert_eq!((first.inserted, first.already_present), (5, 0));
    let again = store.insert_imported(rows[2..].iter().cloned().chain([imported("icews:9", "2015-01-02")])).unwrap();
    assert_eq!((again.inserted, again.already_present), (1, 3));
    // Identical content, distinct dataset ids: still distinct events (no clustering of imports).
    let deduplicated = store.events(&EventFilter::default(), View::Deduplicated).unwrap();
    assert_eq!(deduplicated.len(), 6);
    assert!(deduplicated.iter().all(|e| e.mentions == 1 && e.cluster_id.is_none()));
    // Records of our own origin given to the importer (a JSON Lines round trip) are kept once too.
    let corpus = small_corpus();
    let ours: Vec<EventRecord> = corpus.iter().flat_map(|(_, e)| e.clone()).collect();
    assert_eq!(store.insert_imported(ours.clone()).unwrap().inserted, 5);
    assert_eq!(store.insert_imported(ours).unwrap().already_present, 5);
}

#[test]
fn a_second_writer_does_not_make_the_first_lose_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut first = Store::open(&path).unwrap();
    let mut second = Store::open(&path).unwrap();
    let corpus = small_corpus();
    first.ingest(&corpus[..1]).unwrap();
    // The second handle joins the Muscat cluster the first opened…
    assert_eq!(second.ingest(&corpus[1..2]).unwrap().mentions_joined, 1);
    // …and the first, whose cache predates that, must see it rather than overwrite the count.
    let later = "Iran and the US resumed indirect talks in Muscat with Omani mediation.";
    let third = one(article("muscat-radio", "2026-02-08", "radio", later), |a| {
        vec![event(a, 0, "USAGOV", "IRNGOV", "040", later)]
    });
    assert_eq!(first.ingest(&[third]).unwrap().mentions_joined, 1);
    let talks = EventFilter { dyad: Some(("IRN".into(), "USA".into())), ..Default::default() };
    let events = first.events(&talks, View::Deduplicated).unwrap();
    assert_eq!(events[0].mentions, 3);
    assert_eq!(events[0].outlets.len(), 3);
}

/// Articles over a few dyads and days, with some exact duplicates under other ids.
fn generated_corpus(size: usize) -> Vec<(Article, Vec<EventRecord>)> {
    let dyads = [("IRNGOV", "USAGOV"), ("RUSMIL", "UKR"), ("CHN", "TWN"), ("ISRMIL", "PSE")];
    let codes = ["040", "043", "112", "190", "036"];
    (0..size)
        .map(|n| {
            // Every seventh article repeats the text of the one before under a new id.
            let text_n = if n % 7 == 6 { n - 1 } else { n };
            let text = format!("Story {text_n}: a report on the situation, number {}.", text_n * 31 % 97);
            let date = format!("2026-04-{:02}", 1 + text_n % 5);
            let a = article(&format!("g{n}"), &date, ["wire", "daily", "radio"][n % 3], &text);
            let (s, t) = dyads[text_n % dyads.len()];
            let events = (0..(1 + text_n % 3) as u32)
                .map(|i| event(&a, i, s, t, codes[(text_n + i as usize) % 5], &text))
                .collect();
            (a, events)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_batching_and_order_stores_the_same_articles_and_events(
        order in Just((0..60usize).collect::<Vec<_>>()).prop_shuffle(),
        batch in 1usize..17,
        repeat in proptest::bool::ANY,
    ) {
        let corpus = generated_corpus(60);
        let mut reference = Store::open_in_memory().unwrap();
        reference.ingest(&corpus).unwrap();
        let expected = reference.counts().unwrap();

        let shuffled: Vec<_> = order.iter().map(|&i| corpus[i].clone()).collect();
        let mut store = Store::open_in_memory().unwrap();
        let mut total = tripwire_store::IngestStats::default();
        for chunk in shuffled.chunks(batch) {
            total += store.ingest(chunk).unwrap();
            if repeat {
                // Feeding a batch twice changes nothing.
                let again = store.ingest(chunk).unwrap();
                prop_assert_eq!(again.articles_stored, 0);
            }
        }
        let counts = store.counts().unwrap();
        prop_assert_eq!(counts.articles, expected.articles);
        prop_assert_eq!(counts.events, expected.events);
        prop_assert_eq!(total.articles_stored + total.articles_duplicate, 60);
        prop_assert_eq!(total.events_stored, expected.events);
        let integrity: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(integrity, "ok");
    }
}

/// A story carried by more articles than a cluster lists: memory and the cluster's row stay
/// bounded while the article count stays exact (GDELT's NumArticles).
#[test]
fn a_cluster_lists_a_bounded_number_of_urls_and_counts_every_article() {
    use tripwire_store::ingest::MAX_LISTED_URLS;
    let mut store = Store::open_in_memory().unwrap();
    let text = "Iranian and American negotiators met in Muscat for indirect nuclear talks.";
    let reports = MAX_LISTED_URLS + 20;
    for batch in 0..3 {
        let articles: Vec<_> = (0..reports)
            .filter(|n| n % 3 == batch)
            .map(|n| {
                one(article(&format!("report-{n}"), "2026-02-06", "wire", &format!("{text} ({n})")), |a| {
                    // Two mentions of the one meeting in each article: still one article.
                    vec![event(a, 0, "IRNGOV", "USAGOV", "040", text), event(a, 1, "IRNGOV", "USAGOV", "040", text)]
                })
            })
            .collect();
        store.ingest(&articles).unwrap();
    }
    let events = store.events(&EventFilter::default(), View::Deduplicated).unwrap();
    assert_eq!(events.len(), 1, "one real-world event");
    let meeting = &events[0];
    assert_eq!(meeting.mentions, 2 * reports as u64);
    assert_eq!(meeting.articles, reports as u64);
    assert_eq!(meeting.urls.len(), MAX_LISTED_URLS);
    assert_eq!(meeting.outlets, vec!["wire".to_string()]);

    let mut tsv = Vec::new();
    let options = tripwire_store::export::gdelt::GdeltOptions::default();
    tripwire_store::export::gdelt::write(&mut tsv, events.clone(), options).unwrap();
    let row = String::from_utf8(tsv).unwrap();
    let fields: Vec<&str> = row.lines().last().unwrap().split('\t').collect();
    let column = |name: &str| {
        let index = tripwire_store::export::gdelt::GDELT_COLUMNS.iter().position(|c| *c == name).unwrap();
        fields[index]
    };
    let (mentions, sources, articles) = (column("NumMentions"), column("NumSources"), column("NumArticles"));
    assert_eq!((mentions, sources, articles), (&*(2 * reports).to_string(), "1", &*reports.to_string()));
}

/// Migration 5 counts the articles of clusters stored before it.
#[test]
fn migration_five_counts_the_articles_of_existing_clusters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        assert_eq!(schema::migrate_to(&mut conn, 4).unwrap(), 4);
        conn.execute_batch(
            "INSERT INTO clusters VALUES (7, 'k', 1, 20000, 20001, 20000, 20001, 3, '[\"wire\"]', '[\"u1\",\"u2\"]');
             INSERT INTO events (id, origin, article_id, date, source_code, target_code, event_code, event_root, cluster_id)
             VALUES (1, 'tripwire', 'a', 20000, 'IRN', 'USA', '040', '04', 7),
                    (2, 'tripwire', 'a', 20000, 'IRN', 'USA', '040', '04', 7),
                    (3, 'tripwire', 'b', 20001, 'IRN', 'USA', '040', '04', 7);",
        )
        .unwrap();
    }
    // A reader never migrates: it counts the listed URLs of the older schema.
    let reader = tripwire_store::Reader::open(&path).unwrap();
    let mut listed = Vec::new();
    reader
        .for_each(&EventFilter::default(), View::Deduplicated, |e| -> Result<(), tripwire_store::StoreError> {
            listed.push(e.articles);
            Ok(())
        })
        .unwrap();
    assert_eq!(listed, vec![2]);
    drop(reader);
    let store = Store::open(&path).unwrap();
    let events = store.events(&EventFilter::default(), View::Deduplicated).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].mentions, events[0].articles), (3, 2));
}
