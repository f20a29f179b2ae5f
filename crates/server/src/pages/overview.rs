//! The overview (`/`): the dyads whose 30-day escalation probability rose most and fell most in
//! the last week, each with a sparkline of that probability and a one-line reason.

use super::sparkline::{sparkline, Sparkline};
use super::{page, waiting_status};
use crate::api::model::ForecastOut;
use crate::state::AppState;
use crate::watch_cache::WatchResults;
use axum::extract::State;
use axum::response::Response;
use serde::Serialize;

/// Dyads listed on each side.
const LISTED: usize = 12;
/// Days the sparklines cover.
const SPARK_DAYS: usize = 90;

#[derive(Serialize)]
struct Row {
    dyad: String,
    p30: String,
    change: String,
    alarm: bool,
    ongoing: bool,
    reason: String,
    sparkline: Option<Sparkline>,
}

fn rows(results: &WatchResults, forecasts: &[&ForecastOut]) -> Vec<Row> {
    let slot = results.watch.models.iter().position(|(h, _)| *h == 30).unwrap_or(0);
    forecasts
        .iter()
        .map(|f| {
            let p30 = f.horizons.iter().find(|h| h.horizon == 30);
            let history: Vec<f64> = tripwire_watch::load::Dyad::parse(&f.dyad)
                .map(|d| results.history(&d, SPARK_DAYS))
                .unwrap_or_default()
                .iter()
                .filter_map(|day| day.probabilities.get(slot).copied())
                .collect();
            Row {
                dyad: f.dyad.clone(),
                p30: p30.map_or_else(String::new, |h| super::percent(h.probability)),
                change: f.change_30d.map_or_else(String::new, super::points),
                alarm: f.horizons.iter().any(|h| h.alarm),
                ongoing: f.ongoing,
                reason: f.reason.clone(),
                sparkline: sparkline(&history, "30-day probability over the last 90 days"),
            }
        })
        .collect()
}

pub async fn overview(State(state): State<AppState>) -> Response {
    let render = async {
        let store_problem = state.store_status().await.err().map(|e| e.message);
        let mut context = serde_json::json!({"title": "Overview", "store_problem": store_problem});
        match state.watch().results() {
            Ok(results) => {
                let thresholds = results.thresholds();
                let all: Vec<ForecastOut> = results.forecasts.iter().map(|f| ForecastOut::of(f, &thresholds)).collect();
                let mut moved: Vec<&ForecastOut> = all.iter().filter(|f| f.change_30d.is_some()).collect();
                moved.sort_by(|x, y| y.change_30d.unwrap_or(0.0).total_cmp(&x.change_30d.unwrap_or(0.0)));
                let rising: Vec<&ForecastOut> =
                    moved.iter().copied().filter(|f| f.change_30d.unwrap_or(0.0) > 0.0).take(LISTED).collect();
                let falling: Vec<&ForecastOut> =
                    moved.iter().rev().copied().filter(|f| f.change_30d.unwrap_or(0.0) < 0.0).take(LISTED).collect();
                context["date"] = serde_json::json!(results.watch.date);
                context["watched"] = serde_json::json!(all.len());
                context["alarms"] =
                    serde_json::json!(all.iter().filter(|f| f.horizons.iter().any(|h| h.alarm)).count());
                context["rising"] = serde_json::to_value(rows(&results, &rising)).unwrap_or_default();
                context["falling"] = serde_json::to_value(rows(&results, &falling)).unwrap_or_default();
            }
            Err(error) => {
                context["waiting"] = serde_json::json!(waiting_status(&error).unwrap_or(error.message));
                context["refresh"] =
                    serde_json::json!(matches!(state.watch().watch_state(), crate::watch_cache::Fit::Running));
            }
        }
        state.templates().render("overview.html", context)
    };
    page(&state, render).await
}
