//! Export behaviour: GDELT 2.0 rows have 61 columns in codebook order and read back as the same
//! events on every field GDELT carries; JSON Lines reads back as the same records; the real
//! ICEWS history survives both round trips.

use chrono::NaiveDate;
use std::path::Path;
use tripwire_store::export::gdelt::{GdeltOptions, GDELT_COLUMNS};
use tripwire_store::export::{gdelt, jsonl, ClusterFields, Exported};
use tripwire_store::import::{import_path, import_reader, Format};
use tripwire_store::{EventRecord, LocationRecord, Origin};

fn record(id: &str, code: &str) -> EventRecord {
    EventRecord {
        origin: Origin::Tripwire,
        article_id: id.to_string(),
        sentence_index: Some(0),
        span: Some([0, 40]),
        sentence: Some("Iran's foreign minister met his Iraqi counterpart.".to_string()),
        date: NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
        source_code: "IRNGOV".to_string(),
        target_code: "IRQGOV".to_string(),
        source_country: Some("IRN".to_string()),
        target_country: Some("IRQ".to_string()),
        source_text: Some("Iran's foreign minister".to_string()),
        target_text: Some("his Iraqi\tcounterpart".to_string()),
        event_code: code.to_string(),
        event_root: code[..2].to_string(),
        goldstein: Some(2.8),
        quad_class: Some(1),
        plover_event: tripwire_ontology::plover_for(code).ok().map(|m| m.event.as_str().to_string()),
        location: Some(LocationRecord {
            name: "Baghdad".to_string(),
            country: "IRQ".to_string(),
            lat: Some(33.34058),
            lon: Some(44.40088),
            precision: "city".to_string(),
            geonames_id: Some(98182),
        }),
        outlet: Some("example.test".to_string()),
        url: Some("https://example.test/news/1".to_string()),
        issues: vec!["diplomacy".to_string()],
        matched: Some(serde_json::json!({"verb": "verbs.twd:10"})),
    }
}

/// The fields a GDELT row carries, as the importer reads them back.
fn gdelt_view(record: &EventRecord) -> EventRecord {
    let numeric = record.article_id.bytes().all(|b| b.is_ascii_digit()) && !record.article_id.is_empty();
    EventRecord {
        origin: Origin::Gdelt2,
        article_id: if numeric { record.article_id.clone() } else { String::new() },
        sentence_index: None,
        span: None,
        sentence: None,
        source_text: record.source_text.as_ref().map(|t| t.replace(['\t', '\n', '\r'], " ")),
        target_text: record.target_text.as_ref().map(|t| t.replace(['\t', '\n', '\r'], " ")),
        location: record.location.as_ref().map(|l| LocationRecord { geonames_id: None, ..l.clone() }),
        outlet: record
            .url
            .as_deref()
            .and_then(|u| u.split('/').nth(2))
            .map(|h| h.trim_start_matches("www.").to_string()),
        issues: Vec::new(),
        matched: None,
        ..record.clone()
    }
}

fn reimport(bytes: &[u8], format: Option<Format>) -> Vec<EventRecord> {
    let mut records = Vec::new();
    let report = import_reader(bytes, "export.tsv", format, &mut |r| {
        records.push(r);
        Ok(())
    })
    .unwrap();
    assert_eq!(report.rejected, 0, "{:?}", report.rejections);
    records
}

#[test]
fn gdelt_rows_have_61_columns_in_codebook_order() {
    let mut out = Vec::new();
    let summary =
        gdelt::write(&mut out, [record("a1", "036"), record("77", "0256")], GdeltOptions { header: true }).unwrap();
    assert_eq!(summary.records, 2);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], GDELT_COLUMNS);
    let column = |name: &str| GDELT_COLUMNS.iter().position(|c| *c == name).unwrap();
    for row in &lines[1..] {
        assert_eq!(row.len(), 61);
        assert_eq!(row[column("SQLDATE")], "20240229");
        assert_eq!(row[column("Actor1Type1Code")], "GOV");
        assert_eq!(row[column("ActionGeo_CountryCode")], "IZ", "GDELT geography is FIPS 10-4");
        assert_eq!(row[column("ActionGeo_Type")], "4");
        assert_eq!(row[column("DATEADDED")], "20240229000000");
    }
    assert_eq!(lines[1][column("GLOBALEVENTID")], "1", "a non-numeric id gets a running number");
    assert_eq!(lines[2][column("GLOBALEVENTID")], "77");
    assert_eq!(lines[2][column("EventBaseCode")], "025");
}

#[test]
fn gdelt_round_trip_keeps_every_field_gdelt_carries() {
    let mut odd = record("123456", "193");
    odd.location = Some(LocationRecord {
        name: "Somewhere".to_string(),
        country: "ZZZ".to_string(),
        lat: None,
        lon: Some(-0.1),
        precision: "country".to_string(),
        geonames_id: None,
    });
    odd.goldstein = None;
    odd.quad_class = None;
    odd.source_text = None;
    odd.target_code = String::new();
    odd.target_country = None;
    odd.url = None;
    let mut region = record("9", "0256");
    region.location.as_mut().unwrap().precision = "region".to_string();
    region.goldstein = Some(-7.2);
    let originals = vec![record("42", "036"), record("art-7", "112"), odd, region];

    let mut out = Vec::new();
    gdelt::write(&mut out, originals.clone(), GdeltOptions::default()).unwrap();
    let back = reimport(&out, None);
    assert_eq!(back.len(), originals.len());
    for (original, read) in originals.iter().zip(&back) {
        let mut expected = gdelt_view(original);
        if expected.article_id.is_empty() {
            expected.article_id = read.article_id.clone();
        }
        assert_eq!(read, &expected);
    }
}

#[test]
fn jsonl_round_trip_keeps_everything_and_adds_cluster_fields() {
    let originals = vec![record("a1", "036"), record("a2", "112")];
    let cluster = ClusterFields {
        cluster_id: 5,
        mentions: 3,
        sources: vec!["a".into(), "b".into()],
        urls: vec!["u1".into(), "u2".into(), "u3".into()],
        articles: 3,
        first_seen: NaiveDate::from_ymd_opt(2024, 2, 28),
        last_seen: NaiveDate::from_ymd_opt(2024, 3, 1),
    };
    let items = vec![
        Exported { record: originals[0].clone(), cluster: Some(cluster.clone()) },
        Exported::from(originals[1].clone()),
    ];
    let mut out = Vec::new();
    jsonl::write(&mut out, items.clone()).unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["mentions"], 3);
    assert_eq!(first["cluster_id"], 5);
    assert!(text.lines().nth(1).is_some_and(|l| !l.contains("cluster_id")));
    assert_eq!(reimport(&out, None), originals);

    // Cluster counts fill GDELT's NumMentions / NumSources / NumArticles.
    let mut tsv = Vec::new();
    gdelt::write(&mut tsv, items, GdeltOptions::default()).unwrap();
    let row: Vec<String> =
        String::from_utf8(tsv).unwrap().lines().next().unwrap().split('\t').map(str::to_string).collect();
    assert_eq!(&row[31..34], ["3", "2", "3"]);
}

fn shared(relative: &str) -> std::path::PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/")).join(relative)
}

#[test]
fn real_icews_history_round_trips_through_both_exports() {
    for file in ["events/icews14.tsv", "events/icews05-15-sample.tsv", "events/icews18/icews18-aug-oct.tsv"] {
        let path = shared(file);
        if !path.exists() {
            eprintln!("skipping: {} is not present", path.display());
            continue;
        }
        let mut originals = Vec::new();
        import_path(&path, None, &mut |r| {
            originals.push(r);
            Ok(())
        })
        .unwrap();
        assert!(!originals.is_empty());

        let mut json = Vec::new();
        jsonl::write(&mut json, originals.iter().cloned()).unwrap();
        assert!(reimport(&json, Some(Format::Jsonl)) == originals, "{file}: JSON Lines round trip differs");

        let mut tsv = Vec::new();
        gdelt::write(&mut tsv, originals.iter().cloned(), GdeltOptions { header: true }).unwrap();
        let back = reimport(&tsv, None);
        assert_eq!(back.len(), originals.len());
        let mut differing = 0;
        for (original, read) in originals.iter().zip(&back) {
            let mut expected = gdelt_view(original);
            expected.article_id = read.article_id.clone();
            expected.outlet = None;
            if &expected != read {
                differing += 1;
                if differing < 3 {
                    eprintln!("{file}: {expected:?}\n  != {read:?}");
                }
            }
        }
        assert_eq!(differing, 0, "{file}: GDELT round trip changed {differing} events");
        println!("{file}: {} events round-tripped through JSON Lines and GDELT 2.0 TSV", originals.len());
    }
}
