//! What the API answers with: plain records that mirror the store's and the watch's types, each
//! with its schema, so the OpenAPI document describes exactly what is sent. The dashboard
//! renders the same records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tripwire_store::read::{DailyCounts, EventDetail, Mention};
use tripwire_store::StoredEvent;
use tripwire_watch::alarms::DyadForecast;
use tripwire_watch::changes::ChangePoint;
use utoipa::ToSchema;

/// A stored event: one real-world event (deduplicated view) or one raw mention.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventOut {
    pub id: i64,
    pub cluster_id: Option<i64>,
    /// Mentions of the real-world event (1 for a raw mention or an imported event).
    pub mentions: u64,
    /// The distinct outlets that reported it, and the URLs of its first articles (at most 32).
    pub outlets: Vec<String>,
    pub urls: Vec<String>,
    /// Distinct articles that reported it.
    pub articles: u64,
    pub date: NaiveDate,
    pub first_seen: NaiveDate,
    pub last_seen: NaiveDate,
    /// tripwire, gdelt1, gdelt2, icews, phoenix.
    pub origin: String,
    pub article_id: String,
    pub source_code: String,
    pub target_code: String,
    pub source_country: Option<String>,
    pub target_country: Option<String>,
    /// The actors' words as written.
    pub source_text: Option<String>,
    pub target_text: Option<String>,
    /// The verb's words, from the coder's provenance (coded events only).
    pub verb_text: Option<String>,
    pub event_code: String,
    pub event_root: String,
    /// The CAMEO name of the event code.
    pub event_name: Option<String>,
    pub goldstein: Option<f32>,
    pub quad_class: Option<u8>,
    pub plover_event: Option<String>,
    pub sentence: Option<String>,
    /// Character offsets `[start, end)` of the event's words in the article.
    pub span: Option<[u32; 2]>,
    pub place: Option<String>,
    pub url: Option<String>,
}

/// The CAMEO name of a code, else of its root.
pub fn event_name(code: &str) -> Option<String> {
    let named = tripwire_ontology::event_type(code).ok().or_else(|| tripwire_ontology::event_type(code.get(..2)?).ok());
    named.map(|t| t.name.to_string())
}

impl From<&StoredEvent> for EventOut {
    fn from(stored: &StoredEvent) -> EventOut {
        let r = &stored.record;
        EventOut {
            id: stored.id,
            cluster_id: stored.cluster_id,
            mentions: stored.mentions,
            outlets: stored.outlets.clone(),
            urls: stored.urls.clone(),
            articles: stored.articles,
            date: r.date,
            first_seen: stored.first_seen,
            last_seen: stored.last_seen,
            origin: r.origin.as_str().to_string(),
            article_id: r.article_id.clone(),
            source_code: r.source_code.clone(),
            target_code: r.target_code.clone(),
            source_country: r.source_country.clone(),
            target_country: r.target_country.clone(),
            source_text: r.source_text.clone(),
            target_text: r.target_text.clone(),
            verb_text: verb_text(r.matched.as_ref()),
            event_code: r.event_code.clone(),
            event_root: r.event_root.clone(),
            event_name: event_name(&r.event_code),
            goldstein: r.goldstein,
            quad_class: r.quad_class,
            plover_event: r.plover_event.clone(),
            sentence: r.sentence.clone(),
            span: r.span,
            place: r.location.as_ref().map(|l| format!("{} ({})", l.name, l.country)),
            url: r.url.clone(),
        }
    }
}

/// The verb's words in a stored provenance, when it names them.
fn verb_text(matched: Option<&serde_json::Value>) -> Option<String> {
    matched?.get("verb_text")?.as_str().map(str::to_string)
}

/// One page of events.
#[derive(Serialize, ToSchema)]
pub struct PageOut {
    pub events: Vec<EventOut>,
    /// The cursor of the next page (pass it as `after`); absent on the last page.
    pub next: Option<String>,
    /// The next page's URL, filters included.
    pub next_url: Option<String>,
}

/// One stored mention of an event: where it was read and why it was coded so.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MentionOut {
    pub id: i64,
    pub article_id: String,
    pub date: NaiveDate,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub sentence_index: Option<u32>,
    pub span: Option<[u32; 2]>,
    pub sentence: Option<String>,
    pub source_text: Option<String>,
    pub target_text: Option<String>,
    /// The verb's words, from the coder's provenance.
    pub verb_text: Option<String>,
    pub source_code: String,
    pub target_code: String,
    pub event_code: String,
    /// The dictionary entries (`file:line`) that matched.
    pub entries: Vec<String>,
    /// The coder's full provenance, as stored.
    #[schema(value_type = Option<Object>)]
    pub matched: Option<serde_json::Value>,
}

impl From<&Mention> for MentionOut {
    fn from(m: &Mention) -> MentionOut {
        let verb_text = verb_text(m.matched.as_ref());
        MentionOut {
            id: m.id,
            article_id: m.article_id.clone(),
            date: m.date,
            outlet: m.outlet.clone(),
            url: m.url.clone(),
            sentence_index: m.sentence_index,
            span: m.span,
            sentence: m.sentence.clone(),
            source_text: m.source_text.clone(),
            target_text: m.target_text.clone(),
            verb_text,
            source_code: m.source_code.clone(),
            target_code: m.target_code.clone(),
            event_code: m.event_code.clone(),
            entries: m.entries.clone(),
            matched: m.matched.clone(),
        }
    }
}

/// An event with every mention behind it.
#[derive(Serialize, ToSchema)]
pub struct EventDetailOut {
    pub event: EventOut,
    pub mentions: Vec<MentionOut>,
}

impl From<&EventDetail> for EventDetailOut {
    fn from(detail: &EventDetail) -> EventDetailOut {
        EventDetailOut {
            event: EventOut::from(&detail.event),
            mentions: detail.mentions.iter().map(MentionOut::from).collect(),
        }
    }
}

/// One day of a dyad's series, raw and normalized.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SeriesDayOut {
    pub date: NaiveDate,
    pub mentions: u64,
    /// Real-world events (deduplicated).
    pub events: u64,
    pub goldstein_mean: Option<f64>,
    /// Mentions per QuadClass: verbal and material cooperation, verbal and material conflict.
    pub quad: [u64; 4],
    /// Conflict less cooperation mentions (QuadClass 3 + 4 − 1 − 2): raw.
    pub net_conflict: i64,
    /// Every stored mention that day, whatever its actors: the media volume.
    pub volume: u64,
    /// `net_conflict` per 1,000 mentions of the day's volume: normalized, so a busier news day
    /// does not look like an escalation.
    pub net_conflict_per_1000: Option<f64>,
}

impl SeriesDayOut {
    pub fn of(day: &DailyCounts, volume: u64) -> SeriesDayOut {
        let net = (day.quad3 + day.quad4) as i64 - (day.quad1 + day.quad2) as i64;
        SeriesDayOut {
            date: day.date,
            mentions: day.mentions,
            events: day.events,
            goldstein_mean: day.goldstein_mean(),
            quad: [day.quad1, day.quad2, day.quad3, day.quad4],
            net_conflict: net,
            volume,
            net_conflict_per_1000: (volume > 0).then(|| net as f64 * 1000.0 / volume as f64),
        }
    }
}

/// A dyad's dense daily series.
#[derive(Serialize, ToSchema)]
pub struct SeriesOut {
    pub dyad: String,
    /// Only source → target (false: both directions).
    pub directed: bool,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub days: Vec<SeriesDayOut>,
}

/// A change in the level of a dyad's weekly Goldstein mean (CUSUM).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ChangeOut {
    /// The first day of the week the new level starts.
    pub date: NaiveDate,
    /// The last day of the week whose data revealed it.
    pub detected: NaiveDate,
    /// "toward coercion" or "toward cooperation".
    pub direction: String,
    pub size: f64,
    pub level_before: f64,
    pub level_after: f64,
}

impl From<&ChangePoint> for ChangeOut {
    fn from(c: &ChangePoint) -> ChangeOut {
        ChangeOut {
            date: c.date,
            detected: c.detected,
            direction: c.direction.describe().to_string(),
            size: c.size,
            level_before: c.level_before,
            level_after: c.level_after,
        }
    }
}

/// One horizon's forecast.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HorizonOut {
    pub horizon: u32,
    pub probability: f64,
    pub week_before: Option<f64>,
    pub alarm: bool,
    pub threshold: Option<f64>,
}

/// A feature that moved the 30-day forecast.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DriverOut {
    pub feature: String,
    pub value: f64,
    /// Its share of the score now, and its change since a week before, in logits.
    pub contribution: f64,
    pub change: f64,
}

/// The watch's view of a dyad: probability of a surge of material conflict per horizon, what
/// moved it, the events behind it and the verdict.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ForecastOut {
    /// Two ISO-3 countries, alphabetical (CHN-JPN).
    pub dyad: String,
    pub date: NaiveDate,
    /// Material conflict already above the dyad's baseline.
    pub ongoing: bool,
    pub horizons: Vec<HorizonOut>,
    pub drivers: Vec<DriverOut>,
    pub conflict_events: Vec<i64>,
    pub cooperative_events: Vec<i64>,
    pub verdict: Option<String>,
    /// The change of the 30-day probability since a week before.
    pub change_30d: Option<f64>,
    /// One line on why: the verdict, else the feature that moved the forecast most.
    pub reason: String,
}

impl ForecastOut {
    pub fn of(forecast: &DyadForecast, thresholds: &[(u32, f64)]) -> ForecastOut {
        let horizons: Vec<HorizonOut> = forecast
            .horizons
            .iter()
            .map(|h| HorizonOut {
                horizon: h.horizon,
                probability: h.probability,
                week_before: h.week_before,
                alarm: h.alarm,
                threshold: thresholds.iter().find(|t| t.0 == h.horizon).map(|t| t.1),
            })
            .collect();
        let change_30d =
            forecast.horizons.iter().find(|h| h.horizon == 30).and_then(|h| h.week_before.map(|b| h.probability - b));
        ForecastOut {
            dyad: forecast.dyad.to_string(),
            date: forecast.date,
            ongoing: forecast.ongoing,
            horizons,
            drivers: forecast
                .drivers
                .iter()
                .map(|d| DriverOut {
                    feature: d.feature.to_string(),
                    value: d.value,
                    contribution: d.contribution,
                    change: d.change,
                })
                .collect(),
            conflict_events: forecast.conflict_events.clone(),
            cooperative_events: forecast.cooperative_events.clone(),
            verdict: forecast.verdict.clone(),
            change_30d,
            reason: reason(forecast),
        }
    }
}

/// The verdict when there is one, else the driver that moved most, in words.
fn reason(forecast: &DyadForecast) -> String {
    if let Some(verdict) = &forecast.verdict {
        return verdict.clone();
    }
    let state = if forecast.ongoing { "ongoing crisis; " } else { "" };
    match forecast.drivers.first() {
        Some(d) if d.change.abs() >= 0.005 => {
            let way = if d.change > 0.0 { "raised" } else { "lowered" };
            format!("{state}{} {way} the 30-day score by {:.2} logits this week", d.feature, d.change.abs())
        }
        _ => format!("{state}little changed this week"),
    }
}

/// The watch's alarms at its date.
#[derive(Serialize, ToSchema)]
pub struct AlarmsOut {
    pub date: NaiveDate,
    pub watched_dyads: usize,
    /// Dyads at an alarm threshold, and those whose verdict is a false alarm.
    pub alarms: Vec<ForecastOut>,
}

/// A dyad's forecast with its history.
#[derive(Serialize, ToSchema)]
pub struct DyadForecastOut {
    pub forecast: ForecastOut,
    pub history: Vec<crate::watch_cache::ProbabilityDay>,
}

/// The backtest: one score per kind (MID onset, surge) and horizon, with baselines.
#[derive(Serialize, ToSchema)]
pub struct BacktestOut {
    /// As `tripwire backtest --report` writes them to backtest.json.
    #[schema(value_type = Vec<Object>)]
    pub scores: serde_json::Value,
}

/// How the server and its store are.
#[derive(Serialize, ToSchema)]
pub struct HealthOut {
    /// "ok", or "degraded" when the store cannot be read.
    pub status: String,
    pub version: String,
    pub store: String,
    /// "ok", or why the store cannot be read.
    pub store_state: String,
    /// "ready", "fitting", or why the watch is unavailable.
    pub watch: String,
    pub backtest: String,
}

/// An article to code: as in the JSON Lines `tripwire ingest` reads.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
pub struct ArticleIn {
    pub id: String,
    /// Publication date, YYYY-MM-DD.
    pub date: Option<String>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub title: String,
    pub text: String,
}

/// Articles to code and store.
#[derive(Deserialize, ToSchema)]
pub struct IngestIn {
    pub articles: Vec<ArticleIn>,
}

/// What an ingest did.
#[derive(Serialize, ToSchema)]
pub struct IngestOut {
    pub articles_received: usize,
    pub articles_stored: u64,
    pub articles_already_stored: u64,
    pub events_stored: u64,
}
