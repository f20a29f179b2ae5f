//! Reading inputs as article streams: JSON Lines line by line (a bad line, invalid UTF-8
//! included, skips only itself), plain text, feeds sniffed whatever their name, folders walked,
//! empty and unreadable inputs reported in place; and no input makes a reader panic.

use proptest::prelude::*;
use std::path::PathBuf;
use tripwire_sources::input::expand;
use tripwire_sources::{open, parse_date, read_bytes, Articles, Input, ReadOptions, SourceError};

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tripwire-sources-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn dated() -> ReadOptions {
    ReadOptions { date: parse_date("2026-02-08"), ..ReadOptions::default() }
}

fn messages(results: &[Result<tripwire_coder::Article, SourceError>]) -> Vec<String> {
    results.iter().filter_map(|r| r.as_ref().err()).map(ToString::to_string).collect()
}

#[test]
fn invalid_utf8_line_is_skipped_with_file_and_line() {
    let dir = scratch("utf8");
    let path = dir.join("news.jsonl");
    let mut bytes = b"{\"id\":\"a\",\"date\":\"2026-02-06\",\"text\":\"Iran criticized Israel.\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"id\":\"b\",\"date\":\"2026-02-06\",\"text\":\"Caf\xe9 talks.\"}\n");
    bytes.extend_from_slice(b"{\"id\":\"c\",\"date\":\"2026-02-06\",\"text\":\"Russia met with China.\"}\n");
    std::fs::write(&path, &bytes).expect("write");
    let results: Vec<_> = open(&Input::File(path.clone()), &ReadOptions::default()).expect("opens").collect();
    let ids: Vec<&str> = results.iter().filter_map(|r| r.as_ref().ok()).map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"], "the lines around the bad one are read");
    let errors = messages(&results);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with(&format!("{}:2: invalid UTF-8 at byte offset 105", path.display())), "{}", errors[0]);
    assert!(results[1].as_ref().is_err_and(SourceError::is_record));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn plain_text_is_one_dated_article_named_by_its_file() {
    let dir = scratch("plain");
    let path = dir.join("egypt-sudan.txt");
    std::fs::write(&path, "\u{feff}Egypt praised Sudan for the ceasefire.").expect("write");
    let articles: Vec<_> = open(&Input::File(path.clone()), &dated()).expect("opens").collect();
    let article = articles[0].as_ref().expect("an article");
    assert_eq!(article.id, "egypt-sudan");
    assert_eq!(article.text, "Egypt praised Sudan for the ceasefire.");
    assert_eq!(article.date, parse_date("2026-02-08"));
    let error = open(&Input::File(path), &ReadOptions::default()).err().expect("no date");
    assert!(matches!(error, SourceError::NoDate { .. }), "{error}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn invalid_utf8_in_plain_text_names_offset_and_line_and_lossy_reads_on() {
    let bytes = b"Iran imposed new sanctions.\nOn Israel \xff\xfe today.".to_vec();
    let error = read_bytes(bytes.clone(), "bad.txt", &dated()).err().expect("not UTF-8");
    assert_eq!(error.to_string(), "bad.txt:2: invalid UTF-8 at byte offset 38; use --lossy to replace bad bytes");
    let lossy = ReadOptions { lossy: true, ..dated() };
    let articles: Vec<_> = read_bytes(bytes, "bad.txt", &lossy).expect("lossy reads").collect();
    assert!(articles[0].as_ref().is_ok_and(|a| a.text.contains('\u{FFFD}')));
}

#[test]
fn empty_and_blank_inputs_are_empty_whatever_their_kind() {
    for bytes in [&b""[..], b"   \n\n\t", b"\xEF\xBB\xBF\n"] {
        let error = read_bytes(bytes.to_vec(), "e.jsonl", &dated()).err().expect("empty");
        assert_eq!(error.to_string(), "e.jsonl: empty input");
    }
}

#[test]
fn a_feed_is_recognised_by_its_content_and_undated_items_are_reported_with_their_line() {
    let feed = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>\n\
        <item><guid>w-1</guid><pubDate>Sat, 07 Feb 2026 09:00:00 GMT</pubDate><title>India threatened Pakistan.</title></item>\n\
        <item><guid>w-2</guid><title>Undated talks.</title></item>\n\
        <item><guid>w-3</guid><pubDate>Sat, 07 Feb 2026 10:00:00 GMT</pubDate></item>\n\
        </channel></rss>";
    let results: Vec<_> = read_bytes(feed.into(), "feed.txt", &ReadOptions::default()).expect("a feed").collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().map(|a| a.id.as_str()).ok(), Some("w-1"));
    let errors = messages(&results);
    assert!(errors[0].starts_with("feed.txt:4: item w-2: no date"), "{}", errors[0]);
    assert!(errors[1].starts_with("feed.txt:5: item w-3: no title and no text"), "{}", errors[1]);
    // The caller's date stands in for a missing one.
    let with_date: Vec<_> = read_bytes(feed.into(), "feed.txt", &dated()).expect("a feed").collect();
    assert_eq!(with_date[1].as_ref().ok().and_then(|a| a.date), parse_date("2026-02-08"));
}

#[test]
fn json_lines_are_streamed_in_order() {
    // A file far larger than any one line: read line by line, every article comes out in order.
    let mut big = Vec::new();
    for i in 0..20_000 {
        big.extend_from_slice(
            format!("{{\"id\":\"a{i}\",\"date\":\"2026-02-06\",\"text\":\"Iran criticized Israel {i}.\"}}\n")
                .as_bytes(),
        );
    }
    let count = read_bytes(big, "big.jsonl", &ReadOptions::default()).expect("opens").filter(Result::is_ok).count();
    assert_eq!(count, 20_000);
}

#[test]
fn folders_expand_recursively_in_order_keeping_article_files_only() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("b/inner")).expect("folders");
    for name in ["b/inner/z.jsonl", "b/a.txt", "a.rss", "notes.pdf", "c.JSON"] {
        std::fs::write(dir.join(name), "x").expect("write");
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dir, dir.join("b/inner/loop")).expect("a symlink loop");
    let root = dir.display().to_string();
    let found: Vec<String> = expand(std::slice::from_ref(&root))
        .into_iter()
        .map(|i| i.expect("readable").name().trim_start_matches(&root).to_string())
        .collect();
    assert_eq!(found, ["/a.rss", "/b/a.txt", "/b/inner/z.jsonl", "/c.JSON"]);
    let missing = expand(&["/no/such/thing".into()]);
    assert!(matches!(&missing[0], Err(SourceError::NotFound { name }) if name == "/no/such/thing"));
    assert_eq!(
        expand(&["HTTPS://example.org/feed".into()])[0].as_ref().ok(),
        Some(&Input::Url("HTTPS://example.org/feed".into()))
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn articles_chain_inputs_and_report_unreadable_ones_in_place() {
    let dir = scratch("chain");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        path.display().to_string()
    };
    let good = write("good.jsonl", b"{\"id\":\"g\",\"date\":\"2026-02-06\",\"text\":\"Iran criticized Israel.\"}\n");
    let empty = write("empty.txt", b"");
    let random = write("random.bin", &[0x00, 0x9f, 0xff, 0x80, 0x12, 0xfe]);
    let missing = dir.join("missing.txt").display().to_string();
    let results: Vec<_> = Articles::new(&[good, empty.clone(), random.clone(), missing.clone()], dated()).collect();
    assert_eq!(results.len(), 4);
    assert!(results[0].is_ok());
    let errors = messages(&results);
    assert_eq!(errors[0], format!("{empty}: empty input"));
    assert!(errors[1].starts_with(&format!("{random}:1: invalid UTF-8 at byte offset 1")), "{}", errors[1]);
    assert_eq!(errors[2], format!("{missing}: no such file or folder"));
    assert!(results[1..].iter().all(|r| r.as_ref().is_err_and(|e| !e.is_record())));
    std::fs::remove_dir_all(&dir).ok();
}

fn no_panic_on(bytes: Vec<u8>, options: &ReadOptions) {
    if let Ok(articles) = read_bytes(bytes, "fuzz", options) {
        for article in articles.flatten() {
            assert!(!article.text.trim().is_empty());
            assert!(article.date.is_some());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn reading_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400), lossy in any::<bool>(), json in proptest::option::of(any::<bool>())) {
        let options = ReadOptions { lossy, json_lines: json, ..dated() };
        no_panic_on(bytes, &options);
    }

    #[test]
    fn reading_json_lines_like_input(lines in proptest::collection::vec("\\{(\"(id|date|text|title)\": ?(\"[^\"]{0,20}\"|[0-9]{1,5}|null)(, )?){0,4}\\}?", 0..6)) {
        no_panic_on(lines.join("\n").into_bytes(), &ReadOptions::default());
    }
}
