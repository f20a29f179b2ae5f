//! Import behaviour: GDELT rows written by hand as the codebooks lay them out (plain, zipped,
//! gzipped), malformed rows counted with their line numbers while good rows are kept, the real
//! GDELT and ICEWS files in `../shared/data/events/` by path, Phoenix and POLECAT rows.

use std::io::Write;
use std::path::{Path, PathBuf};
use tripwire_store::export::gdelt::GDELT_COLUMNS;
use tripwire_store::import::{detect, import_path, import_reader, Format, ImportReport};
use tripwire_store::{EventRecord, Origin};

/// GDELT 1.0 event columns in codebook order (58 with SOURCEURL): 2.0 without the ADM2 columns.
fn gdelt1_columns() -> Vec<&'static str> {
    GDELT_COLUMNS.iter().copied().filter(|c| !c.ends_with("ADM2Code")).collect()
}

/// A row with the named columns set and every other column empty.
fn row(columns: &[&str], values: &[(&str, &str)]) -> String {
    let mut fields = vec![""; columns.len()];
    for (name, value) in values {
        let index = columns.iter().position(|c| c == name).unwrap_or_else(|| panic!("no column {name}"));
        fields[index] = value;
    }
    fields.join("\t")
}

fn kidnapping_row(columns: &[&str], id: &str, date: &str) -> String {
    row(
        columns,
        &[
            ("GLOBALEVENTID", id),
            ("SQLDATE", date),
            ("MonthYear", &date[..6]),
            ("Year", &date[..4]),
            ("FractionDate", "2015.4356"),
            ("Actor1Code", "NGAREB"),
            ("Actor1Name", "NIGERIA"),
            ("Actor1CountryCode", "NGA"),
            ("Actor1Type1Code", "REB"),
            ("Actor2Code", "NGACVL"),
            ("Actor2Name", "VILLAGERS"),
            ("Actor2CountryCode", "NGA"),
            ("Actor2Type1Code", "CVL"),
            ("IsRootEvent", "1"),
            ("EventCode", "181"),
            ("EventBaseCode", "181"),
            ("EventRootCode", "18"),
            ("QuadClass", "4"),
            ("GoldsteinScale", "-9.0"),
            ("NumMentions", "12"),
            ("NumSources", "3"),
            ("NumArticles", "12"),
            ("AvgTone", "-7.25"),
            ("Actor1Geo_Type", "0"),
            ("Actor2Geo_Type", "0"),
            ("ActionGeo_Type", "4"),
            ("ActionGeo_FullName", "Maiduguri, Borno, Nigeria"),
            ("ActionGeo_CountryCode", "NI"),
            ("ActionGeo_ADM1Code", "NI02"),
            ("ActionGeo_Lat", "11.8464"),
            ("ActionGeo_Long", "13.1603"),
            ("ActionGeo_FeatureID", "-2014252"),
            ("DATEADDED", "20150609120000"),
            ("SOURCEURL", "https://www.example-news.test/africa/kidnapping"),
        ],
    )
}

fn import_text(text: &[u8], format: Option<Format>) -> (ImportReport, Vec<EventRecord>) {
    let mut records = Vec::new();
    let report = import_reader(text, "test.tsv", format, &mut |r| {
        records.push(r);
        Ok(())
    })
    .expect("import");
    (report, records)
}

fn import_file(path: &Path, format: Option<Format>) -> (ImportReport, Vec<EventRecord>) {
    let mut records = Vec::new();
    let report = import_path(path, format, &mut |r| {
        records.push(r);
        Ok(())
    })
    .expect("import");
    (report, records)
}

fn assert_kidnapping(record: &EventRecord, origin: Origin, id: &str) {
    assert_eq!(record.origin, origin);
    assert_eq!(record.article_id, id);
    assert_eq!(record.date.to_string(), "2015-06-09");
    assert_eq!((record.source_code.as_str(), record.target_code.as_str()), ("NGAREB", "NGACVL"));
    assert_eq!(record.source_country.as_deref(), Some("NGA"));
    assert_eq!(record.target_text.as_deref(), Some("VILLAGERS"));
    assert_eq!((record.event_code.as_str(), record.event_root.as_str()), ("181", "18"));
    assert_eq!(record.quad_class, Some(4));
    assert_eq!(record.goldstein, Some(-9.0));
    let place = record.location.as_ref().expect("action geography");
    assert_eq!(place.country, "NGA", "FIPS NI is Nigeria, ISO NGA");
    assert_eq!(place.precision, "city");
    assert_eq!((place.lat, place.lon), (Some(11.8464), Some(13.1603)));
    assert_eq!(record.url.as_deref(), Some("https://www.example-news.test/africa/kidnapping"));
    assert_eq!(record.outlet.as_deref(), Some("example-news.test"));
}

#[test]
fn gdelt2_rows_by_the_codebook_with_and_without_header() {
    let columns: Vec<&str> = GDELT_COLUMNS.to_vec();
    let body = format!(
        "{}\n{}\n",
        kidnapping_row(&columns, "410000001", "20150609"),
        kidnapping_row(&columns, "410000002", "20150609")
    );
    let (report, records) = import_text(body.as_bytes(), None);
    assert_eq!(report.format, Some(Format::Gdelt2));
    assert_eq!((report.rows, report.accepted, report.rejected), (2, 2, 0));
    assert_kidnapping(&records[0], Origin::Gdelt2, "410000001");

    let with_header = format!("{}\n{body}", columns.join("\t"));
    let (report, records) = import_text(with_header.as_bytes(), None);
    assert_eq!((report.rows, report.accepted), (2, 2), "the header is not a row");
    assert_kidnapping(&records[1], Origin::Gdelt2, "410000002");
}

#[test]
fn gdelt1_rows_with_and_without_sourceurl() {
    let columns = gdelt1_columns();
    assert_eq!(columns.len(), 58);
    let (report, records) = import_text(format!("{}\n", kidnapping_row(&columns, "300", "20150609")).as_bytes(), None);
    assert_eq!(report.format, Some(Format::Gdelt1));
    assert_eq!(report.accepted, 1);
    assert_kidnapping(&records[0], Origin::Gdelt1, "300");

    // Before April 2013 the daily files had no SOURCEURL column.
    let short = &columns[..57];
    let line = kidnapping_row(&columns, "301", "20120301");
    let fields: Vec<&str> = line.split('\t').take(57).collect();
    let (report, records) = import_text(format!("{}\n", fields.join("\t")).as_bytes(), Some(Format::Gdelt1));
    assert_eq!((report.accepted, report.rejected), (1, 0), "{:?}", report.rejections);
    assert_eq!(records[0].url, None);
    assert_eq!(short.last(), Some(&"DATEADDED"));
}

#[test]
fn gdelt1_columns_match_the_published_codebook() {
    let path = shared("events/gdelt/gdelt1_events_codebook.csv");
    let Some(text) = read_or_skip(&path) else { return };
    // Records start with `Name,TYPE,`; descriptions run over several lines.
    let theirs: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            let mut parts = l.splitn(3, ',');
            let (name, kind) = (parts.next()?, parts.next()?);
            ["INTEGER", "STRING", "FLOAT"].contains(&kind).then_some(name)
        })
        .collect();
    let ours = gdelt1_columns();
    assert_eq!(theirs, ours);
}

#[test]
fn zipped_and_gzipped_files() {
    let dir = tempfile::tempdir().unwrap();
    let columns: Vec<&str> = GDELT_COLUMNS.to_vec();
    let body =
        format!("{}\n{}\n", kidnapping_row(&columns, "1", "20150609"), kidnapping_row(&columns, "2", "20150609"));

    let zip_path = dir.path().join("20150609.export.CSV.zip");
    let mut archive = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    archive.start_file("20150609.export.CSV", zip::write::SimpleFileOptions::default()).unwrap();
    archive.write_all(body.as_bytes()).unwrap();
    archive.finish().unwrap();
    let (report, records) = import_file(&zip_path, None);
    assert_eq!((report.accepted, report.rejected), (2, 0));
    assert_kidnapping(&records[0], Origin::Gdelt2, "1");

    let gz_path = dir.path().join("events.tsv.gz");
    let mut encoder =
        flate2::write::GzEncoder::new(std::fs::File::create(&gz_path).unwrap(), flate2::Compression::fast());
    encoder.write_all(body.as_bytes()).unwrap();
    encoder.finish().unwrap();
    let (report, _) = import_file(&gz_path, Some(Format::Gdelt2));
    assert_eq!(report.accepted, 2);

    let broken = dir.path().join("broken.zip");
    std::fs::write(&broken, b"PK not really").unwrap();
    let error = import_path(&broken, None, &mut |_| Ok(())).unwrap_err();
    assert!(error.to_string().contains("broken.zip"), "{error}");
}

#[test]
fn malformed_rows_are_counted_with_line_numbers_and_good_rows_kept() {
    let columns: Vec<&str> = GDELT_COLUMNS.to_vec();
    let good = kidnapping_row(&columns, "10", "20150609");
    let mut text = Vec::new();
    text.extend_from_slice(format!("{good}\n").as_bytes()); // line 1
    text.extend_from_slice(b"10\t20150609\tonly three columns\n"); // line 2
    text.extend_from_slice(format!("{}\n", good.replacen("20150609", "20151399", 1)).as_bytes()); // line 3
    text.extend_from_slice(format!("{}\n", good.replace("\t181\t", "\tX81\t")).as_bytes()); // line 4
    let mut invalid = good.clone().into_bytes();
    let at = invalid.len() - 5;
    invalid[at] = 0xff;
    text.extend_from_slice(&invalid); // line 5
    text.extend_from_slice(b"\n\n"); // line 6: blank, not a row
    text.extend_from_slice(format!("{}\n", good.replacen("10", "11", 1)).as_bytes()); // line 7

    let (report, records) = import_text(&text, None);
    assert_eq!(report.rows, 6);
    assert_eq!((report.accepted, report.rejected), (2, 4));
    let lines: Vec<u64> = report.rejections.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    assert!(report.rejections[0].message.contains("columns"), "{:?}", report.rejections[0]);
    assert!(report.rejections[1].message.contains("SQLDATE"), "{:?}", report.rejections[1]);
    assert!(report.rejections[2].message.contains("EventCode"), "{:?}", report.rejections[2]);
    assert!(report.rejections[3].message.contains("UTF-8"), "{:?}", report.rejections[3]);
    assert_eq!(records.iter().map(|r| r.article_id.as_str()).collect::<Vec<_>>(), ["10", "11"]);
}

#[test]
fn a_failing_sink_stops_the_import_naming_the_line() {
    let columns: Vec<&str> = GDELT_COLUMNS.to_vec();
    let text =
        format!("{}\n{}\n", kidnapping_row(&columns, "1", "20150609"), kidnapping_row(&columns, "2", "20150609"));
    let mut seen = 0;
    let error = import_reader(text.as_bytes(), "x.tsv", None, &mut |_| {
        seen += 1;
        if seen == 2 {
            Err("disk full".into())
        } else {
            Ok(())
        }
    })
    .unwrap_err();
    assert!(error.to_string().contains("x.tsv:2"), "{error}");
}

/// Files are parsed on a second thread while the sink stores: the rows still arrive in file
/// order, and a sink failing deep in a file (past the first batches between the threads) still
/// stops the import at the row it failed on.
#[test]
fn files_parsed_ahead_reach_the_sink_in_order_and_a_failure_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.tsv");
    let columns: Vec<&str> = GDELT_COLUMNS.to_vec();
    let rows: Vec<String> = (1..=30_000).map(|id| kidnapping_row(&columns, &id.to_string(), "20150609")).collect();
    std::fs::write(&path, rows.join("\n")).unwrap();
    let (report, records) = import_file(&path, None);
    assert_eq!(report.accepted, 30_000);
    assert!(records.iter().enumerate().all(|(index, record)| record.article_id == (index + 1).to_string()));

    let mut seen = 0;
    let error = import_path(&path, None, &mut |_| {
        seen += 1;
        if seen == 20_001 {
            Err("disk full".into())
        } else {
            Ok(())
        }
    })
    .unwrap_err();
    assert!(error.to_string().contains("many.tsv:20001"), "{error}");
    assert_eq!(seen, 20_001, "nothing reaches the sink after it failed");
}

#[test]
fn unknown_layouts_are_refused_with_the_file_name() {
    let error = import_reader(&b"a,b,c\n1,2,3\n"[..], "odd.csv", None, &mut |_| Ok(())).unwrap_err();
    assert!(error.to_string().contains("odd.csv:1"), "{error}");
    assert_eq!(detect("date\tsource\tevent\ttarget"), Some((Format::IcewsNames, true)));
    let (report, records) = import_text(b"", None);
    assert_eq!((report.rows, records.len()), (0, 0));
}

fn shared(relative: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/")).join(relative)
}

fn read_or_skip(path: &Path) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipping: {} is not present", path.display());
            None
        }
    }
}

#[test]
fn real_gdelt_samples() {
    for (file, format, origin) in [
        ("gdelt1_events_sample.tsv", Format::Gdelt1, Origin::Gdelt1),
        ("gdelt2_events_sample.tsv", Format::Gdelt2, Origin::Gdelt2),
    ] {
        let path = shared(&format!("events/gdelt/{file}"));
        let Some(text) = read_or_skip(&path) else { continue };
        let header: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
        let data: Vec<Vec<&str>> = text.lines().skip(1).map(|l| l.split('\t').collect()).collect();
        let (report, records) = import_file(&path, None);
        assert_eq!(report.format, Some(format));
        assert_eq!(report.rows, data.len() as u64);
        assert_eq!(report.rejected, 0, "{:?}", report.rejections);
        let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
        for (record, fields) in records.iter().zip(&data) {
            assert_eq!(record.origin, origin);
            assert_eq!(record.article_id, fields[column("GLOBALEVENTID")]);
            assert_eq!(record.date.format("%Y%m%d").to_string(), fields[column("SQLDATE")]);
            assert_eq!(record.event_code, fields[column("EventCode")]);
            assert_eq!(record.source_code, fields[column("Actor1Code")]);
            assert_eq!(record.url.as_deref().unwrap_or(""), fields[column("SOURCEURL")]);
            let geo_type = fields[column("ActionGeo_Type")];
            assert_eq!(record.location.is_some(), geo_type != "0", "{}", record.article_id);
        }
    }
}

/// Data lines of an ICEWS names file: every line after the header that is not blank.
fn data_lines(text: &str) -> u64 {
    text.lines().skip(1).filter(|l| !l.trim().is_empty()).count() as u64
}

#[test]
fn real_icews_history_resolves_and_rejects_nothing() {
    let files = ["events/icews14.tsv", "events/icews05-15-sample.tsv", "events/icews18/icews18-aug-oct.tsv"];
    for file in files {
        let path = shared(file);
        let Some(text) = read_or_skip(&path) else { continue };
        let (report, records) = import_file(&path, None);
        let sector_share = report.share_sector_places_resolved().unwrap();
        let country_share = report.share_actors_with_country().unwrap();
        let coded_share = report.share_actors_coded().unwrap();
        let event_share = report.share_event_names_resolved().unwrap();
        println!(
            "{file}: rows {} rejected {} | actor mentions {}: coded {:.4}, with country {:.4}; \"Sector (Place)\" places resolved {:.4}; event names resolved {:.4}",
            report.rows, report.rejected, report.actor_mentions, coded_share, country_share, sector_share, event_share
        );
        assert_eq!(report.format, Some(Format::IcewsNames));
        assert_eq!(report.rows, data_lines(&text), "row count equals the file's data lines");
        assert_eq!(report.rejected, 0, "{:?}", report.rejections);
        assert_eq!(records.len() as u64, report.rows);
        assert!(sector_share >= 0.97, "places named in 'Sector (Place)' resolved: {sector_share}");
        assert!(coded_share >= 0.78, "actor mentions given a code: {coded_share}");
        assert!(country_share >= 0.75, "actor mentions with a country: {country_share}");
        assert!(event_share >= 0.999, "event names resolved: {event_share}");
        // Every record keeps the names it was given, resolved or not.
        assert!(records.iter().all(|r| r.source_text.is_some() && r.target_text.is_some()));
    }
}

#[test]
fn phoenix_oeda_rows() {
    let row = [
        "42",
        "20150305",
        "2015",
        "3",
        "5",
        "SYRMIL",
        "SYR",
        "MIL",
        "",
        "SYRREB",
        "SYR",
        "REB",
        "",
        "190",
        "19",
        "4",
        "-10.0",
        "",
        "36.2",
        "37.15",
        "Aleppo",
        "Aleppo",
        "SYR",
        "5",
        "http://www.example.test/a",
        "example wire",
    ];
    let bad_date = row.iter().enumerate().map(|(i, f)| if i == 1 { "2015-13-45" } else { f }).collect::<Vec<_>>();
    let text = format!("{}\n{}\n", row.join("\t"), bad_date.join("\t"));
    let (report, records) = import_text(text.as_bytes(), None);
    assert_eq!(report.format, Some(Format::Phoenix));
    assert_eq!((report.accepted, report.rejected), (1, 1));
    assert_eq!(report.rejections[0].line, 2);
    let record = &records[0];
    assert_eq!(
        (record.source_code.as_str(), record.target_code.as_str(), record.event_code.as_str()),
        ("SYRMIL", "SYRREB", "190")
    );
    assert_eq!(record.source_country.as_deref(), Some("SYR"));
    assert_eq!(record.location.as_ref().map(|l| l.name.as_str()), Some("Aleppo"));
    assert_eq!(record.outlet.as_deref(), Some("example wire"));
}

#[test]
fn polecat_rows_by_header() {
    let header = [
        "Event ID",
        "Event Date",
        "Event Type",
        "Event Mode",
        "Intensity",
        "Quad Code",
        "Contexts",
        "Actor Name",
        "Actor Country",
        "Primary Actor Sector",
        "Recipient Name",
        "Recipient Country",
        "Primary Recipient Sector",
        "Placename",
        "Country",
        "Lat",
        "Lon",
        "GeoNames ID",
        "Source",
    ];
    let row = [
        "e-1",
        "2023-03-14",
        "consult",
        "visit",
        "1.0",
        "1",
        "diplomacy",
        "Foreign Ministry",
        "FRA",
        "Government",
        "Ministry of Foreign Affairs",
        "DEU",
        "Government",
        "Berlin",
        "Germany",
        "52.52",
        "13.405",
        "2950159",
        "example wire",
    ];
    let unknown_type = row.iter().enumerate().map(|(i, f)| if i == 2 { "dance" } else { f }).collect::<Vec<_>>();
    let text = format!("{}\n{}\n{}\n", header.join("\t"), row.join("\t"), unknown_type.join("\t"));
    let (report, records) = import_text(text.as_bytes(), None);
    assert_eq!(report.format, Some(Format::Polecat));
    assert_eq!((report.accepted, report.rejected), (1, 1));
    assert_eq!(report.rejections[0].line, 3);
    let record = &records[0];
    assert_eq!((record.source_code.as_str(), record.target_code.as_str()), ("FRAGOV", "DEUGOV"));
    assert_eq!(record.plover_event.as_deref(), Some("CONSULT"));
    assert_eq!(record.event_root, "04");
    let place = record.location.as_ref().unwrap();
    assert_eq!((place.country.as_str(), place.geonames_id), ("DEU", Some(2950159)));
}

#[test]
fn icews_dataverse_rows() {
    let header = [
        "Event ID",
        "Event Date",
        "Source Name",
        "Source Sectors",
        "Source Country",
        "Event Text",
        "CAMEO Code",
        "Intensity",
        "Target Name",
        "Target Sectors",
        "Target Country",
        "Story ID",
        "Sentence Number",
        "Publisher",
        "City",
        "District",
        "Province",
        "Country",
        "Latitude",
        "Longitude",
    ];
    let row = [
        "926685",
        "2014-02-01",
        "Police (Kenya)",
        "Police",
        "Kenya",
        "Arrest, detain, or charge with legal action",
        "173",
        "-5.0",
        "Citizen (Kenya)",
        "General Population / Civilian / Social,Social",
        "Kenya",
        "28235806",
        "2",
        "Example Daily",
        "Mombasa",
        "",
        "Coast",
        "Kenya",
        "-4.05",
        "39.66",
    ];
    // Leading zero lost: "43" is "043" (Host a visit) by the event text.
    let stripped = row
        .iter()
        .enumerate()
        .map(|(i, f)| match i {
            5 => "Host a visit",
            6 => "43",
            _ => f,
        })
        .collect::<Vec<_>>();
    let text = format!("{}\n{}\n{}\n", header.join("\t"), row.join("\t"), stripped.join("\t"));
    let (report, records) = import_text(text.as_bytes(), None);
    assert_eq!(report.format, Some(Format::Icews));
    assert_eq!((report.accepted, report.rejected), (2, 0), "{:?}", report.rejections);
    let record = &records[0];
    assert_eq!((record.source_code.as_str(), record.target_code.as_str()), ("KENCOP", "KENCVL"));
    assert_eq!((record.event_code.as_str(), record.goldstein, record.sentence_index), ("173", Some(-5.0), Some(2)));
    assert_eq!(record.outlet.as_deref(), Some("Example Daily"));
    assert_eq!(record.location.as_ref().map(|l| (l.country.as_str(), l.precision.as_str())), Some(("KEN", "city")));
    assert_eq!(records[1].event_code, "043");
}

#[test]
fn report_absorbs_per_file_counts() {
    let columns: Vec<&str> = GDELT_COLUMNS.to_vec();
    let text = format!("{}\nbroken\n", kidnapping_row(&columns, "1", "20150609"));
    let (one, _) = import_text(text.as_bytes(), None);
    let mut total = ImportReport::default();
    total.absorb(&one);
    total.absorb(&one);
    assert_eq!((total.rows, total.accepted, total.rejected), (4, 2, 2));
    assert!(total.rejections[0].message.starts_with("test.tsv"));
}
