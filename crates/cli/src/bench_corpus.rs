//! The synthetic corpus `tripwire bench store` measures with: events shaped like coded news (a
//! long-tailed distribution of countries and roles, common CAMEO codes weighted as in wire news,
//! a sentence and provenance per event, outlets re-reporting recent events in other words) and
//! rows of published history in the ICEWS layout.

use chrono::NaiveDate;
use serde_json::json;
use tripwire_coder::Article;
use tripwire_store::{EventRecord, Origin};

/// Made-up ICEWS event names (all in the CAMEO codebook) and actors of the kinds ICEWS names.
pub const ICEWS_EVENTS: &[&str] = &["Consult", "Make statement", "Accuse", "Host a visit", "Engage in negotiation"];
const ICEWS_SECTORS: &[&str] = &["Government", "Citizen", "Police", "Military", "Protester", "Media"];

impl Synthetic {
    /// An ICEWS actor name: a country, or a sector of one ("Police (Kenya)").
    pub fn icews_actor(&mut self) -> String {
        let country = tripwire_ontology::country(COUNTRIES[self.zipf(COUNTRIES.len())])
            .map(|c| c.name.to_string())
            .unwrap_or_else(|_| "Kenya".to_string());
        match self.below(3) {
            0 => country,
            _ => format!("{} ({country})", ICEWS_SECTORS[self.below(ICEWS_SECTORS.len() as u64) as usize]),
        }
    }
}

/// A seeded generator of coded-news-like events (splitmix64: fast, reproducible).
pub struct Synthetic {
    state: u64,
    start: NaiveDate,
    /// Days the events are spread over.
    pub days: u64,
    article: u64,
    /// Recent events an outlet may re-report.
    recent: Vec<EventRecord>,
}

/// Countries in rough order of news volume.
const COUNTRIES: &[&str] = &[
    "USA", "CHN", "RUS", "GBR", "IND", "ISR", "UKR", "IRN", "FRA", "DEU", "JPN", "PAK", "TUR", "SYR", "IRQ", "AFG",
    "KOR", "PRK", "SAU", "EGY", "NGA", "BRA", "AUS", "CAN", "MEX", "ZAF", "ITA", "ESP", "PSE", "LBN", "YEM", "SDN",
    "ETH", "KEN", "SOM", "LBY", "VEN", "COL", "PHL", "IDN", "THA", "MMR", "BGD", "LKA", "NPL", "GEO", "ARM", "AZE",
    "POL", "BLR",
];
const ROLES: &[&str] = &["GOV", "", "MIL", "CVL", "OPP", "COP", "BUS", "MED", "JUD", "REB"];
/// CAMEO codes with weights roughly as in wire news (verbal cooperation dominates).
const CODES: &[(&str, u32)] = &[
    ("010", 10),
    ("020", 5),
    ("036", 6),
    ("040", 12),
    ("042", 8),
    ("043", 8),
    ("046", 4),
    ("051", 6),
    ("057", 3),
    ("061", 2),
    ("071", 2),
    ("0331", 2),
    ("111", 5),
    ("112", 5),
    ("120", 2),
    ("130", 3),
    ("141", 3),
    ("163", 2),
    ("173", 3),
    ("190", 3),
    ("193", 2),
    ("195", 2),
];
const VERBS: &[&str] = &[
    "said it would",
    "met with",
    "criticised",
    "accused",
    "pledged aid to",
    "threatened",
    "attacked",
    "hosted talks with",
];
const PLACES: &[&str] = &["the capital", "the border region", "the north", "the south", "a coastal city", "the port"];

impl Synthetic {
    pub fn new(seed: u64) -> Synthetic {
        Synthetic {
            state: seed,
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
            days: 365,
            article: 0,
            recent: Vec::new(),
        }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A long-tailed pick: index `i` with weight about 1 / (i + 1).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n - 1)
    }

    /// A pronounceable made-up word from a vocabulary of about 36,000.
    fn word(&mut self) -> String {
        const ONSETS: &[&str] =
            &["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "gr"];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai"];
        let mut word = String::new();
        for _ in 0..3 {
            word.push_str(ONSETS[self.below(ONSETS.len() as u64) as usize]);
            word.push_str(VOWELS[self.below(VOWELS.len() as u64) as usize]);
        }
        word
    }

    fn code(&mut self) -> &'static str {
        let total: u32 = CODES.iter().map(|c| c.1).sum();
        let mut pick = self.below(total.into()) as u32;
        for (code, weight) in CODES {
            if pick < *weight {
                return code;
            }
            pick -= weight;
        }
        CODES[0].0
    }

    fn event(&mut self, origin: Origin, id: String, date: NaiveDate, outlet: Option<String>) -> EventRecord {
        let source_country = COUNTRIES[self.zipf(COUNTRIES.len())];
        let target_country = if self.below(3) == 0 { source_country } else { COUNTRIES[self.zipf(COUNTRIES.len())] };
        let source_code = format!("{source_country}{}", ROLES[self.zipf(ROLES.len())]);
        let target_code = format!("{target_country}{}", ROLES[self.zipf(ROLES.len())]);
        let code = self.code();
        let info = tripwire_ontology::event_type(code).ok();
        let verb = VERBS[self.below(VERBS.len() as u64) as usize];
        let place = PLACES[self.below(PLACES.len() as u64) as usize];
        let figure = self.below(200);
        let coded = origin == Origin::Tripwire;
        // Each story has its own content words, as real ones do; only re-reports share them.
        let words: Vec<String> = (0..6).map(|_| self.word()).collect();
        let words = words.join(" ");
        let sentence = coded
            .then(|| format!("{source_code} {verb} {target_code} in {place} over {words}, with {figure} present."));
        EventRecord {
            origin,
            article_id: id,
            sentence_index: coded.then_some(0),
            span: coded.then_some([0, 60]),
            sentence,
            date,
            source_code: source_code.clone(),
            target_code: target_code.clone(),
            source_country: Some(source_country.to_string()),
            target_country: Some(target_country.to_string()),
            source_text: Some(format!("officials of {source_code}")),
            target_text: Some(target_code.clone()),
            event_code: code.to_string(),
            event_root: code[..2].to_string(),
            goldstein: info.map(|t| t.goldstein),
            quad_class: info.map(|t| t.quad_class.number()),
            plover_event: info.map(|t| t.plover().event.as_str().to_string()),
            location: None,
            outlet,
            url: None,
            issues: Vec::new(),
            matched: coded.then(|| {
                json!({"verb": 1000 + figure, "verb_text": verb, "pattern": null,
                       "source_entries": [format!("countries.twd:{}", figure)], "target_entries": [], "rules": []})
            }),
        }
    }

    /// One coded article of one to five events, a third of them re-reports of recent events.
    pub fn article(&mut self) -> (Article, Vec<EventRecord>) {
        self.article += 1;
        // Publication order: dates advance with the article number.
        let day = (self.article / 900) % self.days;
        let date = self.start + chrono::Days::new(day);
        let outlet = format!("outlet{}", self.zipf(60));
        let id = format!("synthetic-{}", self.article);
        let url = format!("https://{outlet}.example/{}", self.article);
        let mut events = Vec::new();
        let mut text = String::new();
        for index in 0..1 + self.below(5) as u32 {
            let mut event = if !self.recent.is_empty() && self.below(3) == 0 {
                // Another outlet's account of a recent event: the same actors and act, re-worded.
                let pick = self.below(self.recent.len() as u64) as usize;
                let mut again = self.recent[pick].clone();
                again.sentence = again.sentence.map(|s| format!("According to {outlet}, {s}"));
                again.date = date;
                again
            } else {
                let fresh = self.event(Origin::Tripwire, id.clone(), date, None);
                if self.recent.len() < 256 {
                    self.recent.push(fresh.clone());
                } else {
                    let slot = self.below(256) as usize;
                    self.recent[slot] = fresh.clone();
                }
                fresh
            };
            event.article_id = id.clone();
            event.sentence_index = Some(index);
            event.outlet = Some(outlet.clone());
            event.url = Some(url.clone());
            text.push_str(event.sentence.as_deref().unwrap_or(""));
            text.push(' ');
            events.push(event);
        }
        let article =
            Article { id, date: Some(date), source: outlet, url, title: format!("Report {}", self.article), text };
        (article, events)
    }

    /// Imported row `n` of `total` (GDELT-like: dataset id, no sentence), dates in order over
    /// `days`.
    pub fn imported(&mut self, n: u64, total: u64) -> EventRecord {
        let day = (n * self.days / total.max(1)).min(self.days - 1);
        let date = self.start + chrono::Days::new(day);
        self.event(Origin::Gdelt2, n.to_string(), date, None)
    }
}
