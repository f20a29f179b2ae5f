//! The backtest as a Markdown report: one summary table, then per kind and horizon the skill
//! over each baseline with its interval, and the reliability bins with their counts.

use crate::backtest::Score;
use std::fmt::Write;

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.3}"))
}

fn interval(value: Option<(f64, f64)>) -> String {
    value.map_or_else(|| "–".to_string(), |(low, high)| format!("[{low:+.3}, {high:+.3}]"))
}

/// The summary table (also what the CLI prints).
pub fn summary_table(scores: &[Score]) -> String {
    let mut out = String::new();
    out.push_str("| kind | h (days) | test origins | onsets | base rate | Brier | BSS vs base rate | BSS vs persistence | BSS vs trailing 12 mo | BSS vs naive alarm | AUC | AUPR | hit rate | false-alarm rate | fit-period cross-fitted AUC |\n");
    out.push_str("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for s in scores {
        let bss = |i: usize| {
            s.versus.get(i).map_or_else(|| "–".to_string(), |v| format!("{} {}", figure(v.skill), interval(v.interval)))
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.4} | {:.4} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            s.kind.name(),
            s.horizon,
            s.test_examples,
            s.test_onsets,
            s.base_rate,
            s.brier,
            bss(0),
            bss(1),
            bss(2),
            bss(3),
            figure(s.auc),
            figure(s.aupr),
            figure(s.hit_rate),
            figure(s.false_alarm_rate),
            figure(s.fit_cross_fitted_auc),
        );
    }
    out
}

/// A plot written beside the report: its title and file name.
pub struct PlotLink {
    pub title: String,
    pub file: String,
}

/// The full report; `plots` are linked under their own heading.
pub fn markdown(scores: &[Score], command: &str, plots: &[PlotLink]) -> String {
    let mut out = String::from("# tripwire watch: backtest\n\n");
    let _ = writeln!(out, "Produced by `{command}`. Definitions, splits and caveats: `docs/watch.md`.\n");
    if !plots.is_empty() {
        out.push_str("## Plots\n\n");
        for plot in plots {
            let _ = writeln!(out, "- [{}]({})\n\n  ![{0}]({1})\n", plot.title, plot.file);
        }
    }
    out.push_str("Brier skill scores (BSS) are `1 − Brier(model)/Brier(baseline)`, with a 95% bootstrap interval over origin days; positive means the model beats the baseline.\n\n");
    out.push_str(&summary_table(scores));
    for s in scores {
        let _ = writeln!(out, "\n## {} within {} days\n", s.kind.name(), s.horizon);
        let _ = writeln!(
            out,
            "Fit on quiet origins from {} whose outcome closed by {} ({} examples; Platt calibration cross-fitted by year); test {} to {} ({} dyads).\n",
            s.split.fit_from,
            s.split.fit_to,
            s.fit_examples,
            s.split.test_from(),
            s.split.test_to,
            s.dyads
        );
        out.push_str("| forecast | Brier | AUC | BSS of the model over it | 95% interval |\n|---|---|---|---|---|\n");
        let _ = writeln!(out, "| model | {:.4} | {} | | |", s.brier, figure(s.auc));
        for v in &s.versus {
            let _ = writeln!(
                out,
                "| {} | {:.4} | {} | {} | {} |",
                v.baseline,
                v.brier,
                figure(v.auc),
                figure(v.skill),
                interval(v.interval)
            );
        }
        let _ = writeln!(
            out,
            "\nAUPR {} beside a base rate of {:.4}. Alarm threshold {:.4} (the {:.0}th percentile of the cross-fitted forecasts; an alarm is above it): hit rate {}, false-alarm rate {}; the naive alarm: hit rate {}, false-alarm rate {}.\n",
            figure(s.aupr),
            s.base_rate,
            s.alarm_threshold,
            crate::backtest::ALARM_QUANTILE * 100.0,
            figure(s.hit_rate),
            figure(s.false_alarm_rate),
            figure(s.naive_hit_rate),
            figure(s.naive_false_alarm_rate)
        );
        out.push_str("Reliability, in bins of about equal count:\n\n");
        out.push_str("| forecasts from–to | count | mean forecast | observed rate |\n|---|---|---|---|\n");
        for bin in &s.reliability {
            let _ = writeln!(
                out,
                "| {:.4}–{:.4} | {} | {:.4} | {:.4} |",
                bin.low, bin.high, bin.count, bin.mean_forecast, bin.observed_rate
            );
        }
    }
    out
}
