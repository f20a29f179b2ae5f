//! `GET /api/alarms` (the dyads at an alarm threshold, and those de-escalating, with what drove
//! them) and `GET /api/backtest` (the rolling-origin backtest's scores beside its baselines).

use super::model::{AlarmsOut, BacktestOut, ForecastOut};
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiQuery;
use crate::filters::flag;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlarmParams {
    /// Every watched dyad, not only those alarmed (true/false).
    pub all: Option<String>,
}

/// The alarms at the store's last day, with their explanations; 503 while the watch fits.
#[utoipa::path(get, path = "/api/alarms", tag = "watch", params(AlarmParams),
    responses((status = 200, body = AlarmsOut), (status = 400, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn alarms(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<AlarmParams>,
) -> Result<Json<AlarmsOut>, ApiError> {
    let all = flag("all", &params.all)?;
    let results = state.watch().results()?;
    let thresholds = results.thresholds();
    let alarms = results
        .forecasts
        .iter()
        .filter(|f| {
            all || f.horizons.iter().any(|h| h.alarm)
                || f.verdict.as_deref().is_some_and(|v| v.starts_with("false alarm"))
        })
        .map(|f| ForecastOut::of(f, &thresholds))
        .collect();
    Ok(Json(AlarmsOut { date: results.watch.date, watched_dyads: results.forecasts.len(), alarms }))
}

/// The backtest's scores; 503 while it runs or when no ground truth is configured.
#[utoipa::path(get, path = "/api/backtest", tag = "watch",
    responses((status = 200, body = BacktestOut), (status = 503, body = ErrorBody)))]
pub async fn backtest(State(state): State<AppState>) -> Result<Json<BacktestOut>, ApiError> {
    let scores = state.watch().backtest()?;
    let scores = serde_json::to_value(&*scores).map_err(|e| ApiError::internal("the backtest scores", &e))?;
    Ok(Json(BacktestOut { scores }))
}
