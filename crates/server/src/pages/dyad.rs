//! A dyad's page (`/dyads/CHN-JPN?from=…&to=…&directed=…`): its conflict–cooperation series raw
//! and normalized, with change points and alarm days on the same time axis; the probability per
//! horizon with its history; and the events behind the forecast, with their sentences.

use super::page;
use crate::api::dyads::{changes_of, series_of, undirected, SeriesParams};
use crate::api::model::{ChangeOut, EventOut, ForecastOut, SeriesOut};
use crate::error::ApiError;
use crate::extract::{ApiPath, ApiQuery};
use crate::filters::EventParams;
use crate::highlight::{pieces, Piece};
use crate::state::AppState;
use crate::watch_cache::ProbabilityDay;
use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

/// Days of probability history shown.
const HISTORY_DAYS: usize = 365;
/// Recent events listed.
const RECENT_EVENTS: usize = 20;

/// An event with its sentence cut for highlighting.
#[derive(Serialize)]
pub struct ShownEvent {
    pub event: EventOut,
    pub pieces: Vec<Piece>,
}

impl ShownEvent {
    pub fn of(event: EventOut) -> ShownEvent {
        let pieces = event
            .sentence
            .as_deref()
            .map(|s| pieces(s, event.source_text.as_deref(), event.target_text.as_deref(), event.verb_text.as_deref()))
            .unwrap_or_default();
        ShownEvent { event, pieces }
    }
}

/// Consecutive days at or above the 30-day alarm threshold.
#[derive(Serialize)]
struct Spell {
    from: NaiveDate,
    to: NaiveDate,
    peak: String,
}

fn spells(history: &[ProbabilityDay], slot: usize, threshold: f64) -> Vec<Spell> {
    let mut out: Vec<Spell> = Vec::new();
    let mut open: Option<(NaiveDate, NaiveDate, f64)> = None;
    for day in history {
        let p = day.probabilities.get(slot).copied().unwrap_or(0.0);
        open = match (open, p > threshold) {
            (Some((from, to, peak)), true) if (day.date - to).num_days() == 1 => Some((from, day.date, peak.max(p))),
            (previous, true) => {
                if let Some((from, to, peak)) = previous {
                    out.push(Spell { from, to, peak: super::percent(peak) });
                }
                Some((day.date, day.date, p))
            }
            (Some((from, to, peak)), false) => {
                out.push(Spell { from, to, peak: super::percent(peak) });
                None
            }
            (None, false) => None,
        };
    }
    if let Some((from, to, peak)) = open {
        out.push(Spell { from, to, peak: super::percent(peak) });
    }
    out
}

fn seconds(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp())
}

/// The numbers the charts draw, for the page's JSON data block.
fn chart_data(
    series: &SeriesOut,
    changes: &[ChangeOut],
    history: &[ProbabilityDay],
    alarm_days: &[NaiveDate],
) -> serde_json::Value {
    json!({
        "x": series.days.iter().map(|d| seconds(d.date)).collect::<Vec<_>>(),
        "raw": series.days.iter().map(|d| d.net_conflict).collect::<Vec<_>>(),
        "normalized": series.days.iter().map(|d| d.net_conflict_per_1000).collect::<Vec<_>>(),
        "material_conflict": series.days.iter().map(|d| d.quad[3]).collect::<Vec<_>>(),
        "changes": changes.iter().map(|c| json!({"t": seconds(c.date), "coercion": c.direction == "toward coercion"})).collect::<Vec<_>>(),
        "alarms": alarm_days.iter().map(|d| seconds(*d)).collect::<Vec<_>>(),
        "history": {
            "x": history.iter().map(|d| seconds(d.date)).collect::<Vec<_>>(),
            "p": (0..3).map(|i| history.iter().map(|d| d.probabilities.get(i).copied()).collect::<Vec<_>>()).collect::<Vec<_>>(),
        },
    })
}

pub async fn dyad(
    State(state): State<AppState>,
    path: Result<ApiPath<String>, ApiError>,
    query: Result<ApiQuery<SeriesParams>, ApiError>,
) -> Response {
    let render = async {
        let ApiPath(name) = path?;
        let ApiQuery(params) = query?;
        let dyad = undirected(&name)?;
        let series = series_of(&state, &name, &params).await?;
        let changes = changes_of(&state, &dyad).await?;
        let mut context = json!({
            "title": format!("Dyad {}", series.dyad), "dyad": series.dyad, "watch_dyad": dyad.to_string(),
            "from": params.from, "to": params.to, "directed": series.directed,
            "first": series.from, "last": series.to, "days": series.days.len(),
            "changes": changes,
        });
        let mut history = Vec::new();
        let mut alarm_days = Vec::new();
        let mut behind = Vec::new();
        match state.watch().results() {
            Ok(results) => match results.forecast(&dyad) {
                Some(found) => {
                    let forecast = ForecastOut::of(found, &results.thresholds());
                    history = results.history(&dyad, HISTORY_DAYS);
                    let slot = results.watch.models.iter().position(|(h, _)| *h == 30).unwrap_or(0);
                    let threshold = results.thresholds().get(slot).map_or(1.0, |t| t.1);
                    alarm_days = history
                        .iter()
                        .filter(|d| d.probabilities.get(slot).is_some_and(|p| *p > threshold))
                        .map(|d| d.date)
                        .collect();
                    context["spells"] = serde_json::to_value(spells(&history, slot, threshold)).unwrap_or_default();
                    behind = forecast.conflict_events.iter().chain(&forecast.cooperative_events).copied().collect();
                    context["forecast"] = serde_json::to_value(&forecast).unwrap_or_default();
                    context["history_table"] =
                        serde_json::to_value(history.iter().rev().step_by(7).collect::<Vec<_>>()).unwrap_or_default();
                }
                None => {
                    context["watch_note"] = json!(format!(
                    "{dyad} is not among the dyads the watch follows (too few events, or none in the last 90 days)."
                ))
                }
            },
            Err(error) => context["watch_note"] = json!(error.message),
        }
        let events_behind = state
            .read(move |reader| {
                let mut out = Vec::new();
                for id in behind {
                    if let Some(detail) = reader.event(id)? {
                        out.push(ShownEvent::of(EventOut::from(&detail.event)));
                    }
                }
                Ok(out)
            })
            .await?;
        let recent_params = EventParams {
            dyad: Some(series.dyad.clone()),
            both: Some((!series.directed).to_string()),
            newest: Some("true".into()),
            size: Some(RECENT_EVENTS.to_string()),
            ..EventParams::default()
        };
        let recent = crate::api::events::page(&state, recent_params.clone()).await?;
        context["events_behind"] = serde_json::to_value(events_behind).unwrap_or_default();
        context["recent"] =
            serde_json::to_value(recent.events.into_iter().map(ShownEvent::of).collect::<Vec<_>>()).unwrap_or_default();
        context["recent_link"] =
            json!(format!("/events?{}", EventParams { size: None, ..recent_params }.query_string(None)));
        context["chart"] = chart_data(&series, &changes, &history, &alarm_days);
        context["series_table"] = serde_json::to_value(weekly_rows(&series)).unwrap_or_default();
        state.templates().render("dyad.html", context)
    };
    page(&state, render).await
}

/// The series as weekly sums, the chart's table equivalent (a daily table would be thousands of
/// rows).
#[derive(Serialize)]
struct WeekRow {
    week: NaiveDate,
    mentions: u64,
    net_conflict: i64,
    normalized: String,
    material_conflict: u64,
}

fn weekly_rows(series: &SeriesOut) -> Vec<WeekRow> {
    series
        .days
        .chunks(7)
        .filter_map(|week| {
            let first = week.first()?;
            let volume: u64 = week.iter().map(|d| d.volume).sum();
            let net: i64 = week.iter().map(|d| d.net_conflict).sum();
            Some(WeekRow {
                week: first.date,
                mentions: week.iter().map(|d| d.mentions).sum(),
                net_conflict: net,
                normalized: if volume > 0 {
                    format!("{:.2}", net as f64 * 1000.0 / volume as f64)
                } else {
                    String::new()
                },
                material_conflict: week.iter().map(|d| d.quad[3]).sum(),
            })
        })
        .collect()
}
