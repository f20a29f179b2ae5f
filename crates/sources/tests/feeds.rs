//! Feeds written by hand for these tests: RSS 2.0 with CDATA bodies, Atom 1.0 with xhtml content,
//! items without dates, inline DTDs, malformed XML, invalid UTF-8; and arbitrary bytes.

use proptest::prelude::*;
use tripwire_sources::feed::{looks_like_feed, parse_feed, parse_feed_items};
use tripwire_sources::SourceError;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Levant Herald &amp; Wire</title>
    <link>https://levantherald.example/</link>
    <description>News from the region</description>
    <lastBuildDate>Wed, 15 Apr 2026 08:00:00 +0000</lastBuildDate>
    <item>
      <title>Three killed in raid on Jenin camp</title>
      <link>https://levantherald.example/westbank/jenin-raid</link>
      <guid isPermaLink="false">lh-2026-0414-001</guid>
      <pubDate>Tue, 14 Apr 2026 09:15:00 +0300</pubDate>
      <description>Short teaser that the full content replaces.</description>
      <content:encoded><![CDATA[<p>Israeli forces killed three gunmen in <b>Jenin</b> on Tuesday, the health ministry said.</p><p>The army said its troops came under fire &amp; responded.</p>]]></content:encoded>
    </item>
    <item>
      <title>Twelve detained near Nablus</title>
      <link>https://levantherald.example/westbank/nablus</link>
      <description>&lt;p&gt;Israeli troops detained twelve Palestinians near Nablus, a rights group said.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>
"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Baltic Post</title>
  <updated>2026-04-17T06:00:00Z</updated>
  <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
  <entry>
    <title>Seven killed as missiles hit Kharkiv</title>
    <link rel="self" href="https://balticpost.example/api/entries/1"/>
    <link href="https://balticpost.example/news/2026-04-16/kharkiv"/>
    <id>tag:balticpost.example,2026:kharkiv-1</id>
    <published>2026-04-16T22:40:00+03:00</published>
    <updated>2026-04-17T07:00:00+03:00</updated>
    <summary>Missiles hit Kharkiv.</summary>
    <content type="xhtml">
      <div xmlns="http://www.w3.org/1999/xhtml">
        <p>Russian missiles struck a residential district of <em>Kharkiv</em> on Thursday, killing seven people.</p>
        <p>Rescuers searched the rubble &amp; pulled out survivors.</p>
      </div>
    </content>
  </entry>
  <entry>
    <title>Drones hit Odesa port</title>
    <link rel="alternate" type="text/html" href="https://balticpost.example/news/2026-04-16/odesa"/>
    <id>tag:balticpost.example,2026:odesa-1</id>
    <updated>2026-04-16T12:00:00Z</updated>
    <content type="html">&lt;p&gt;Russian drones attacked the port of Odesa, injuring four dock workers.&lt;/p&gt;</content>
  </entry>
</feed>
"#;

#[test]
fn rss_items_become_articles_with_cdata_bodies_stripped_of_html() {
    assert!(looks_like_feed(RSS.as_bytes()));
    let articles = parse_feed(RSS.as_bytes(), "levant.xml").expect("the RSS feed parses");
    assert_eq!(articles.len(), 2);
    let first = &articles[0];
    assert_eq!(first.id, "lh-2026-0414-001");
    assert_eq!(first.date.map(|d| d.to_string()).as_deref(), Some("2026-04-14"));
    assert_eq!(first.source, "Levant Herald & Wire");
    assert_eq!(first.url, "https://levantherald.example/westbank/jenin-raid");
    assert_eq!(first.title, "Three killed in raid on Jenin camp");
    assert_eq!(
        first.text,
        "Israeli forces killed three gunmen in Jenin on Tuesday, the health ministry said.\n\n\
         The army said its troops came under fire & responded."
    );
    // No guid: the link is the id. No pubDate: the channel's date stands in.
    let second = &articles[1];
    assert_eq!(second.id, "https://levantherald.example/westbank/nablus");
    assert_eq!(second.date.map(|d| d.to_string()).as_deref(), Some("2026-04-15"));
    assert_eq!(second.text, "Israeli troops detained twelve Palestinians near Nablus, a rights group said.");
}

#[test]
fn atom_entries_read_xhtml_and_escaped_html_content() {
    assert!(looks_like_feed(ATOM.as_bytes()));
    let articles = parse_feed(ATOM.as_bytes(), "baltic.atom").expect("the Atom feed parses");
    assert_eq!(articles.len(), 2);
    let first = &articles[0];
    assert_eq!(first.id, "tag:balticpost.example,2026:kharkiv-1");
    assert_eq!(first.url, "https://balticpost.example/news/2026-04-16/kharkiv", "the alternate link, not self");
    // `published` wins over `updated`, and keeps its own offset's day.
    assert_eq!(first.date.map(|d| d.to_string()).as_deref(), Some("2026-04-16"));
    assert_eq!(first.source, "Baltic Post");
    assert_eq!(
        first.text,
        "Russian missiles struck a residential district of Kharkiv on Thursday, killing seven people.\n\n\
         Rescuers searched the rubble & pulled out survivors."
    );
    let second = &articles[1];
    assert_eq!(second.date.map(|d| d.to_string()).as_deref(), Some("2026-04-16"));
    assert_eq!(second.text, "Russian drones attacked the port of Odesa, injuring four dock workers.");
}

#[test]
fn items_without_any_date_have_none_and_headline_only_items_keep_their_headline() {
    let feed = r#"<rss version="2.0"><channel><title>Wire</title>
        <item><title>Iran and U.S. hold talks in Muscat</title><pubDate>sometime soon</pubDate></item>
        </channel></rss>"#;
    let articles = parse_feed(feed.as_bytes(), "wire.rss").expect("parses");
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].date, None);
    assert_eq!(articles[0].text, "Iran and U.S. hold talks in Muscat");
    assert_eq!(articles[0].id, "wire.rss#1", "no guid and no link: numbered by position");
}

#[test]
fn malformed_xml_is_an_error_with_its_line() {
    let feed =
        "<rss version=\"2.0\">\n<channel>\n<title>Wire</title>\n<item><title>One</titel></item>\n</channel>\n</rss>\n";
    let error = parse_feed(feed.as_bytes(), "broken.rss").expect_err("mismatched tags are an error");
    match &error {
        SourceError::FeedXml { name, line, .. } => {
            assert_eq!(name, "broken.rss");
            assert_eq!(*line, 4);
        }
        other => panic!("expected an XML error, got {other}"),
    }
    assert!(error.to_string().starts_with("broken.rss:4: malformed XML"), "{error}");

    let truncated = "<rss version=\"2.0\">\n<channel>\n<item><title>One</title>\n";
    let error = parse_feed(truncated.as_bytes(), "cut.rss").expect_err("a truncated feed is an error");
    assert!(error.to_string().contains("cut.rss"), "{error}");
}

#[test]
fn invalid_utf8_is_an_error_with_its_line() {
    let mut feed = b"<rss version=\"2.0\">\n<channel>\n<title>Caf".to_vec();
    feed.push(0xE9); // Latin-1 'é', not UTF-8
    feed.extend_from_slice(b"</title>\n</channel>\n</rss>\n");
    let error = parse_feed(&feed, "latin1.rss").expect_err("invalid UTF-8 is an error");
    assert!(matches!(error, SourceError::InvalidUtf8 { line: 3, .. }), "{error}");
    assert!(error.to_string().starts_with("latin1.rss:3:"), "{error}");
}

#[test]
fn documents_that_are_not_feeds_are_recognised() {
    assert!(!looks_like_feed(b"<html><body>hello</body></html>"));
    assert!(!looks_like_feed(b"{\"id\": \"a\", \"text\": \"json lines\"}"));
    assert!(!looks_like_feed(b"Iran and the United States held talks."));
    assert!(!looks_like_feed(b""));
    assert!(looks_like_feed(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!DOCTYPE rss>\n<rss version=\"2.0\"></rss>"));
    assert!(looks_like_feed(b"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"></rdf:RDF>"));
    let error = parse_feed(b"<html><body>hello</body></html>", "page.html").expect_err("not a feed");
    assert!(matches!(error, SourceError::NotAFeed { .. }), "{error}");
}

#[test]
fn rss_1_0_items_are_read() {
    let feed = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel><title>Asia Ledger</title></channel>
  <item><title>Pakistani jets strike Khost</title><link>https://asialedger.example/khost</link>
    <dc:date>2026-04-25T10:00:00+04:30</dc:date>
    <description>Pakistani warplanes bombed hideouts in Khost province, killing eight people.</description></item>
</rdf:RDF>"#;
    let articles = parse_feed(feed.as_bytes(), "ledger.rdf").expect("parses");
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].source, "Asia Ledger");
    assert_eq!(articles[0].date.map(|d| d.to_string()).as_deref(), Some("2026-04-25"));
    assert_eq!(articles[0].id, "https://asialedger.example/khost");
}

const INLINE_DOCTYPE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [
  <!ENTITY wire "Levant Wire">
  <!ENTITY secret SYSTEM "file:///etc/passwd">
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!-- a comment with a > in it -->
]>
<rss version="2.0">
  <channel>
    <title>Levant Herald</title>
    <item>
      <guid>lh-1</guid>
      <pubDate>Tue, 14 Apr 2026 09:15:00 +0300</pubDate>
      <title>Talks in Amman</title>
      <description>Jordan hosted talks, &wire; reported. &secret; &lol2;</description>
    </item>
  </channel>
</rss>
"#;

#[test]
fn inline_doctype_feed_is_read_as_a_feed() {
    assert!(looks_like_feed(INLINE_DOCTYPE.as_bytes()), "an inline DTD subset does not hide the root");
    let items = parse_feed_items(INLINE_DOCTYPE.as_bytes(), "amman.rss").expect("the feed parses");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].line, 12, "the line of <item>");
    let article = &items[0].article;
    assert_eq!(article.id, "lh-1");
    assert_eq!(article.source, "Levant Herald");
    // Declared entities are neither expanded nor fetched: they stay as written.
    assert_eq!(article.text, "Jordan hosted talks, &wire; reported. &secret; &lol2;");
    assert!(!article.text.contains("root:"), "no external entity is read");
}

#[test]
fn a_doctype_without_a_subset_and_a_long_prolog_are_feeds_too() {
    assert!(looks_like_feed(
        b"<!DOCTYPE rss PUBLIC \"-//Netscape//DTD RSS 0.91//EN\" \"http://x.example/rss.dtd\">\n<rss/>"
    ));
    let mut long = String::from("<?xml version=\"1.0\"?>\n<!-- ");
    long.push_str(&"licence text ".repeat(2000));
    long.push_str("-->\n<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>");
    assert!(long.len() > 20_000);
    assert!(looks_like_feed(long.as_bytes()));
    assert!(!looks_like_feed(b"<!DOCTYPE html><html></html>"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = looks_like_feed(&bytes);
        let _ = parse_feed(&bytes, "random");
    }

    #[test]
    fn mangled_feeds_never_panic(cut in 0usize..RSS.len(), insert in "[<>&;/!\\[\\]a-z\"' ]{0,8}") {
        let mut text = RSS.as_bytes()[..cut].to_vec();
        text.extend_from_slice(insert.as_bytes());
        text.extend_from_slice(&RSS.as_bytes()[cut..]);
        let _ = parse_feed(&text, "mangled");
    }
}
