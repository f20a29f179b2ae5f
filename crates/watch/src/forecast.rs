//! The forecaster: an L2-regularized logistic regression on standardized features, fitted by
//! Newton's method, then Platt-calibrated on cross-fitted (out-of-fold) scores.
//!
//! With under twenty features Newton's method converges in a handful of iterations, each one
//! pass over the rows and a small Cholesky solve; no general solver is needed.

use crate::features::FEATURES;
use crate::WatchError;

/// The L2 penalty on the standardized weights (not the intercept) per fitting row: the fit
/// minimizes the mean log loss plus `L2_PER_ROW / 2 · |weights|²`, so the shrinkage does not
/// fade as rows are added. A fixed total penalty let collinear features (the 7-, 30- and
/// 90-day counts) take weights of opposite sign in the hundreds of logits on 100,000 rows.
/// Set from the fit-period cross-fitted AUC, never from a test year.
pub const L2_PER_ROW: f64 = 1e-3;

/// The most Newton steps a fit takes.
const MAX_NEWTON_STEPS: usize = 30;

/// A logistic model `p = σ(intercept + weights · x)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Logistic {
    pub intercept: f64,
    pub weights: Vec<f64>,
}

pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    (p / (1.0 - p)).ln()
}

impl Logistic {
    pub fn score(&self, x: &[f64]) -> f64 {
        self.intercept + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f64>()
    }

    pub fn probability(&self, x: &[f64]) -> f64 {
        sigmoid(self.score(x))
    }
}

/// Fits `targets` (each in [0, 1]; soft targets allowed) on `rows` by minimizing the log loss
/// plus `l2 / 2 · |weights|²`.
pub fn fit_logistic(rows: &[Vec<f64>], targets: &[f64], l2: f64) -> Result<Logistic, WatchError> {
    fit_logistic_from(rows, targets, l2, None)
}

/// [`fit_logistic`] starting from `start` instead of the base rate. The penalized loss is
/// strictly convex, so the optimum is the same; a start near it (a fit on most of the same
/// rows) saves Newton steps.
pub fn fit_logistic_from(
    rows: &[Vec<f64>],
    targets: &[f64],
    l2: f64,
    start: Option<&Logistic>,
) -> Result<Logistic, WatchError> {
    let n = rows.len();
    if n == 0 || targets.len() != n {
        return Err(WatchError::Fit(format!("{n} rows and {} targets", targets.len())));
    }
    let p = rows[0].len();
    if rows.iter().any(|r| r.len() != p) {
        return Err(WatchError::Fit("rows of different lengths".into()));
    }
    let d = p + 1; // intercept first
    let mut beta = vec![0.0; d];
    match start.filter(|s| s.weights.len() == p && s.intercept.is_finite()) {
        Some(start) => {
            beta[0] = start.intercept;
            beta[1..].copy_from_slice(&start.weights);
        }
        None => beta[0] = logit(targets.iter().sum::<f64>() / n as f64),
    }
    // Newton converges quadratically near the optimum; the cap only bounds a fit on nearly
    // separable rows, whose last digits do not change a forecast.
    for _ in 0..MAX_NEWTON_STEPS {
        let mut gradient = vec![0.0; d];
        let mut hessian = vec![0.0; d * d];
        let mut x = vec![0.0; d];
        for (row, &y) in rows.iter().zip(targets) {
            x[0] = 1.0;
            x[1..].copy_from_slice(row);
            let q = sigmoid(beta.iter().zip(&x).map(|(b, v)| b * v).sum());
            let weight = (q * (1.0 - q)).max(1e-12);
            for i in 0..d {
                gradient[i] += (q - y) * x[i];
                let wx = weight * x[i];
                for j in 0..=i {
                    hessian[i * d + j] += wx * x[j];
                }
            }
        }
        for i in 1..d {
            gradient[i] += l2 * beta[i];
            hessian[i * d + i] += l2;
        }
        for i in 0..d {
            for j in 0..i {
                hessian[j * d + i] = hessian[i * d + j];
            }
        }
        let step = damped_solve(&hessian, &gradient, d).ok_or_else(|| {
            WatchError::Fit("the Hessian is singular (a constant or duplicated feature without a penalty)".into())
        })?;
        // A full Newton step can overshoot when outcomes are rare and nearly separable: halve it
        // until the penalized loss falls (backtracking), so every step descends.
        let current = penalized_loss(rows, targets, l2, &beta);
        let mut scale = 1.0;
        let mut accepted = None;
        for _ in 0..40 {
            let trial: Vec<f64> = beta.iter().zip(&step).map(|(b, s)| b - scale * s).collect();
            let loss = penalized_loss(rows, targets, l2, &trial);
            if loss.is_finite() && loss <= current + 1e-12 * current.abs() {
                accepted = Some(trial);
                break;
            }
            scale /= 2.0;
        }
        let Some(next) = accepted else { break };
        let largest = beta.iter().zip(&next).map(|(b, n)| (b - n).abs()).fold(0.0f64, f64::max);
        beta = next;
        if !largest.is_finite() {
            return Err(WatchError::Fit("the fit diverged (separable data without a penalty)".into()));
        }
        // Far below any meaningful difference in a weight; tighter only chases rounding noise.
        let size = beta.iter().fold(1.0f64, |m, b| m.max(b.abs()));
        if largest < 1e-7 * size {
            break;
        }
    }
    Ok(Logistic { intercept: beta[0], weights: beta[1..].to_vec() })
}

/// The log loss of `beta` (intercept first) plus `l2 / 2 · |weights|²`.
fn penalized_loss(rows: &[Vec<f64>], targets: &[f64], l2: f64, beta: &[f64]) -> f64 {
    let mut loss = 0.0;
    for (row, &y) in rows.iter().zip(targets) {
        let z = beta[0] + beta[1..].iter().zip(row).map(|(b, v)| b * v).sum::<f64>();
        // log(1 + e^z) − y·z, computed without overflow.
        loss += z.max(0.0) + (-z.abs()).exp().ln_1p() - y * z;
    }
    loss + 0.5 * l2 * beta[1..].iter().map(|b| b * b).sum::<f64>()
}

/// Solves the Newton system; when the Hessian is numerically singular (scores so extreme that
/// every weight `q(1−q)` underflows, or a feature constant over the rows), a small ridge is
/// added, growing until the system solves: a damped step still descends.
fn damped_solve(hessian: &[f64], gradient: &[f64], d: usize) -> Option<Vec<f64>> {
    let scale = (0..d).map(|i| hessian[i * d + i].abs()).fold(0.0, f64::max).max(1e-12);
    for ridge in [0.0, 1e-10, 1e-7, 1e-4, 1e-1] {
        let mut a = hessian.to_vec();
        for i in 0..d {
            a[i * d + i] += ridge * scale;
        }
        if let Some(step) = solve_symmetric(&mut a, gradient, d) {
            return Some(step);
        }
    }
    None
}

/// Solves `a · x = b` for a symmetric positive definite `a` (row-major `d × d`) by Cholesky.
fn solve_symmetric(a: &mut [f64], b: &[f64], d: usize) -> Option<Vec<f64>> {
    for j in 0..d {
        let mut diagonal = a[j * d + j];
        for k in 0..j {
            diagonal -= a[j * d + k] * a[j * d + k];
        }
        if diagonal <= 1e-13 * a[j * d + j].abs().max(f64::MIN_POSITIVE) || !diagonal.is_finite() {
            return None;
        }
        let root = diagonal.sqrt();
        a[j * d + j] = root;
        for i in j + 1..d {
            let mut value = a[i * d + j];
            for k in 0..j {
                value -= a[i * d + k] * a[j * d + k];
            }
            a[i * d + j] = value / root;
        }
    }
    let mut y = vec![0.0; d];
    for i in 0..d {
        let mut value = b[i];
        for k in 0..i {
            value -= a[i * d + k] * y[k];
        }
        y[i] = value / a[i * d + i];
    }
    let mut x = vec![0.0; d];
    for i in (0..d).rev() {
        let mut value = y[i];
        for k in i + 1..d {
            value -= a[k * d + i] * x[k];
        }
        x[i] = value / a[i * d + i];
    }
    Some(x)
}

/// Centres and scales each feature by its mean and standard deviation over the fitting rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Standardizer {
    mean: Vec<f64>,
    scale: Vec<f64>,
}

impl Standardizer {
    pub fn fit(rows: &[[f64; FEATURES]]) -> Standardizer {
        let n = rows.len().max(1) as f64;
        let mut mean = vec![0.0; FEATURES];
        for row in rows {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v / n;
            }
        }
        let mut scale = vec![0.0; FEATURES];
        for row in rows {
            for ((s, v), m) in scale.iter_mut().zip(row).zip(&mean) {
                *s += (v - m).powi(2) / n;
            }
        }
        // A constant feature is left at zero rather than divided by zero.
        let scale = scale.into_iter().map(|v| if v > 1e-12 { v.sqrt() } else { f64::INFINITY }).collect();
        Standardizer { mean, scale }
    }

    pub fn apply(&self, row: &[f64; FEATURES]) -> Vec<f64> {
        row.iter().zip(&self.mean).zip(&self.scale).map(|((v, m), s)| (v - m) / s).collect()
    }
}

/// Platt's sigmoid `p = σ(a · score + b)` over the model's scores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Platt {
    pub a: f64,
    pub b: f64,
}

impl Platt {
    /// Fits on scores and outcomes, with Platt's smoothed targets (`(N₊+1)/(N₊+2)` for a
    /// positive, `1/(N₋+2)` for a negative) so that a small calibration set is not overfitted.
    pub fn fit(scores: &[f64], outcomes: &[bool]) -> Result<Platt, WatchError> {
        let positives = outcomes.iter().filter(|&&y| y).count() as f64;
        let negatives = outcomes.len() as f64 - positives;
        let high = (positives + 1.0) / (positives + 2.0);
        let low = 1.0 / (negatives + 2.0);
        let targets: Vec<f64> = outcomes.iter().map(|&y| if y { high } else { low }).collect();
        let rows: Vec<Vec<f64>> = scores.iter().map(|&s| vec![s]).collect();
        let fitted = fit_logistic(&rows, &targets, 0.0)?;
        Ok(Platt { a: fitted.weights[0], b: fitted.intercept })
    }

    pub fn probability(&self, score: f64) -> f64 {
        sigmoid(self.a * score + self.b)
    }
}

/// The regression on standardized features, before calibration.
#[derive(Clone, Debug)]
pub struct Regression {
    pub standardizer: Standardizer,
    pub model: Logistic,
}

impl Regression {
    pub fn fit(rows: &[([f64; FEATURES], bool)]) -> Result<Regression, WatchError> {
        Regression::fit_from(rows, None)
    }

    /// Fits starting from the same function as `near` (re-expressed in this fit's
    /// standardization): the cross-fitted folds start from the fit on all rows.
    pub fn fit_from(rows: &[([f64; FEATURES], bool)], near: Option<&Regression>) -> Result<Regression, WatchError> {
        if rows.is_empty() {
            return Err(WatchError::Fit("no rows to fit on: too little history".into()));
        }
        let raw: Vec<[f64; FEATURES]> = rows.iter().map(|(x, _)| *x).collect();
        let standardizer = Standardizer::fit(&raw);
        let standardized: Vec<Vec<f64>> = raw.iter().map(|x| standardizer.apply(x)).collect();
        let targets: Vec<f64> = rows.iter().map(|(_, y)| f64::from(u8::from(*y))).collect();
        let start = near.map(|near| near.in_standardization(&standardizer));
        let model = fit_logistic_from(&standardized, &targets, L2_PER_ROW * rows.len() as f64, start.as_ref())?;
        Ok(Regression { standardizer, model })
    }

    /// The same linear score as this regression's, with weights for features standardized by
    /// `other`; a feature constant under either standardization gets weight zero.
    fn in_standardization(&self, other: &Standardizer) -> Logistic {
        let own = &self.standardizer;
        let mut intercept = self.model.intercept;
        let mut weights = Vec::with_capacity(FEATURES);
        for i in 0..FEATURES {
            let (w, m, s) = (self.model.weights[i], own.mean[i], own.scale[i]);
            let (m2, s2) = (other.mean[i], other.scale[i]);
            if s.is_finite() && s2.is_finite() {
                // w (x − m) / s = (w s2 / s) (x − m2) / s2 + w (m2 − m) / s
                weights.push(w * s2 / s);
                intercept += w * (m2 - m) / s;
            } else {
                weights.push(0.0);
            }
        }
        Logistic { intercept, weights }
    }

    pub fn score(&self, features: &[f64; FEATURES]) -> f64 {
        self.model.score(&self.standardizer.apply(features))
    }
}

/// A fitted, calibrated forecaster for one kind and horizon.
#[derive(Clone, Debug)]
pub struct Forecaster {
    pub regression: Regression,
    pub platt: Platt,
    /// The calibrated out-of-fold forecasts Platt was fitted on, and their outcomes.
    pub out_of_fold: Vec<f64>,
    pub out_of_fold_outcomes: Vec<bool>,
}

impl Forecaster {
    /// Fits the regression on every row, and calibrates it by cross-fitting over `groups`
    /// (years, say): each group's rows are scored by a regression fitted on the other groups,
    /// and Platt's sigmoid is fitted on those out-of-fold scores. With rare outcomes this uses
    /// every positive for calibration, where one held-out year would hold a handful.
    pub fn cross_fitted(rows: &[([f64; FEATURES], bool)], groups: &[i32]) -> Result<Forecaster, WatchError> {
        let regression = Regression::fit(rows)?;
        let mut distinct: Vec<i32> = groups.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let mut scores = Vec::new();
        let mut outcomes = Vec::new();
        for &held in &distinct {
            let train: Vec<([f64; FEATURES], bool)> =
                rows.iter().zip(groups).filter(|(_, g)| **g != held).map(|(r, _)| *r).collect();
            if !train.iter().any(|(_, y)| *y) {
                continue;
            }
            let fold = Regression::fit_from(&train, Some(&regression))?;
            for ((x, y), _) in rows.iter().zip(groups).filter(|(_, g)| **g == held) {
                scores.push(fold.score(x));
                outcomes.push(*y);
            }
        }
        if scores.is_empty() {
            return Err(WatchError::Fit("no fold to calibrate on: fewer than two groups, or no outcome at all".into()));
        }
        let platt = Platt::fit(&scores, &outcomes)?;
        let out_of_fold = scores.iter().map(|&s| platt.probability(s)).collect();
        Ok(Forecaster { regression, platt, out_of_fold, out_of_fold_outcomes: outcomes })
    }

    pub fn probability(&self, features: &[f64; FEATURES]) -> f64 {
        self.platt.probability(self.regression.score(features))
    }

    /// Each feature's contribution to the score (weight × standardized value), in logits
    /// before calibration (Platt's `a` scales them all alike).
    pub fn contributions(&self, features: &[f64; FEATURES]) -> Vec<f64> {
        let standardized = self.regression.standardizer.apply(features);
        standardized.iter().zip(&self.regression.model.weights).map(|(x, w)| x * w).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_the_closed_form_solution_of_a_binary_feature() {
        // x = 0: 2 positives in 10; x = 1: 6 in 8. Unpenalized, the MLE is the log odds of each
        // group: intercept = logit(0.2), weight = logit(0.75) − logit(0.2).
        let mut rows = Vec::new();
        let mut targets = Vec::new();
        for (x, positives, total) in [(0.0, 2, 10), (1.0, 6, 8)] {
            for i in 0..total {
                rows.push(vec![x]);
                targets.push(if i < positives { 1.0 } else { 0.0 });
            }
        }
        let fitted = fit_logistic(&rows, &targets, 0.0).unwrap();
        assert!((fitted.intercept - logit(0.2)).abs() < 1e-9, "{fitted:?}");
        assert!((fitted.weights[0] - (logit(0.75) - logit(0.2))).abs() < 1e-9, "{fitted:?}");
        // A penalty shrinks the weight toward zero.
        let shrunk = fit_logistic(&rows, &targets, 5.0).unwrap();
        assert!(shrunk.weights[0] > 0.0 && shrunk.weights[0] < fitted.weights[0]);
    }

    #[test]
    fn separable_data_needs_the_penalty_and_solves_linear_systems() {
        let rows = vec![vec![-1.0], vec![-0.5], vec![0.5], vec![1.0]];
        let targets = [0.0, 0.0, 1.0, 1.0];
        let penalized = fit_logistic(&rows, &targets, 0.1).unwrap();
        assert!(penalized.probability(&[1.0]) > 0.8 && penalized.probability(&[-1.0]) < 0.2);
        let mut a = vec![4.0, 2.0, 2.0, 3.0];
        let x = solve_symmetric(&mut a, &[2.0, 1.0], 2).unwrap();
        assert!((x[0] - 0.5).abs() < 1e-12 && x[1].abs() < 1e-12, "{x:?}");
        assert!(fit_logistic(&[], &[], 1.0).is_err());
    }

    #[test]
    fn a_fit_started_elsewhere_reaches_the_same_optimum() {
        let rows: Vec<Vec<f64>> = (0..400).map(|i| vec![f64::from(i % 17) / 4.0, f64::from(i % 5) - 2.0]).collect();
        let targets: Vec<f64> = (0..400).map(|i| f64::from(u8::from(i % 17 > 11 || i % 11 == 0))).collect();
        let plain = fit_logistic(&rows, &targets, 0.4).unwrap();
        let far = Logistic { intercept: 3.0, weights: vec![-2.0, 1.5] };
        let started = fit_logistic_from(&rows, &targets, 0.4, Some(&far)).unwrap();
        assert!((plain.intercept - started.intercept).abs() < 1e-6, "{plain:?} {started:?}");
        for (a, b) in plain.weights.iter().zip(&started.weights) {
            assert!((a - b).abs() < 1e-6, "{plain:?} {started:?}");
        }
    }

    #[test]
    fn a_regression_re_expressed_in_another_standardization_scores_alike() {
        let row = |i: u32| {
            let mut x = [0.0; FEATURES];
            for (k, v) in x.iter_mut().enumerate() {
                *v = f64::from((i * (k as u32 + 3)) % 13) + k as f64;
            }
            (x, i.is_multiple_of(4))
        };
        let rows: Vec<_> = (0..300).map(row).collect();
        let regression = Regression::fit(&rows).unwrap();
        let other = Standardizer::fit(&(100..250).map(|i| row(i * 7).0).collect::<Vec<_>>());
        let moved = regression.in_standardization(&other);
        for (x, _) in rows.iter().take(20) {
            let (a, b) = (regression.score(x), moved.score(&other.apply(x)));
            assert!((a - b).abs() < 1e-9, "{a} {b}");
        }
    }

    #[test]
    fn rare_nearly_separable_outcomes_still_converge() {
        // Three positives in 20 000 rows, all at the far end of the feature: an undamped Newton
        // step overshoots here; the damped fit must still lower the loss and stay finite.
        let rows: Vec<Vec<f64>> = (0..20_000).map(|i| vec![f64::from(i) / 2_000.0, f64::from(i % 7)]).collect();
        let targets: Vec<f64> = (0..20_000).map(|i| if i >= 19_997 { 1.0 } else { 0.0 }).collect();
        let l2 = 20_000.0 * 1e-3;
        let fitted = fit_logistic(&rows, &targets, l2).unwrap();
        assert!(fitted.weights.iter().all(|w| w.is_finite() && w.abs() < 50.0), "{fitted:?}");
        let start = vec![logit(3.0 / 20_000.0), 0.0, 0.0];
        let mut beta = vec![fitted.intercept];
        beta.extend(&fitted.weights);
        assert!(penalized_loss(&rows, &targets, l2, &beta) < penalized_loss(&rows, &targets, l2, &start));
        assert!(fitted.probability(&[9.999, 0.0]) > fitted.probability(&[1.0, 0.0]));
    }

    #[test]
    fn platt_maps_scores_onto_observed_rates() {
        // Scores 0 and 1, observed rates 10% and 50%: Platt recovers them (smoothing aside).
        let mut scores = Vec::new();
        let mut outcomes = Vec::new();
        for (score, positives, total) in [(0.0, 100, 1000), (1.0, 500, 1000)] {
            for i in 0..total {
                scores.push(score);
                outcomes.push(i < positives);
            }
        }
        let platt = Platt::fit(&scores, &outcomes).unwrap();
        assert!((platt.probability(0.0) - 0.1).abs() < 0.01, "{platt:?}");
        assert!((platt.probability(1.0) - 0.5).abs() < 0.01, "{platt:?}");
    }
}
