//! The table and JSON lines of `tripwire series --normalized`; the figures are
//! `tripwire_watch::normalized`'s.

use crate::store_cmds::TableOrJson;
use anyhow::Result;
use std::io::Write;
use tripwire_watch::normalized::NormalizedDay;

fn share(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.4}"))
}

fn z(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:+.2}"))
}

pub fn print(out: &mut impl Write, days: &[NormalizedDay], format: TableOrJson) -> Result<()> {
    if matches!(format, TableOrJson::Json) {
        for day in days {
            serde_json::to_writer(&mut *out, day)?;
            out.write_all(b"\n")?;
        }
        return Ok(());
    }
    write!(out, "{:<10} {:>8} {:>8} {:>8} {:>7} {:>7}", "date", "mentions", "volume", "coverage", "of_vol", "of_cov")?;
    for window in tripwire_watch::normalized::WINDOWS {
        write!(out, " | {:>6} {:>7} {:>7} {:>6}", format!("{window}d"), "of_vol", "of_cov", "z")?;
    }
    writeln!(out)?;
    for d in days {
        write!(
            out,
            "{:<10} {:>8} {:>8} {:>8} {:>7} {:>7}",
            d.date,
            d.counts.mentions,
            d.volume,
            d.coverage,
            share(d.share_of_volume),
            share(d.share_of_coverage)
        )?;
        for w in &d.windows {
            write!(
                out,
                " | {:>6} {:>7} {:>7} {:>6}",
                w.mentions,
                share(w.share_of_volume),
                share(w.share_of_coverage),
                z(w.z)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
