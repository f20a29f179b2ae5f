//! `tripwire bench server`: the server's latency and throughput on loopback over a store of
//! 10,000,000 events (the store benchmark's, built once through the store's bulk path), one
//! JSON object per line: for the dyad-series, events and alarms endpoints and the dashboard's
//! dyad page, the p50 and p99 latency and requests per second at 64 concurrent clients.
//!
//! Each endpoint is measured twice: with the server's answer cache off (every request reads the
//! store) and on (repeated requests are answered from the cache until the store changes). The
//! alarms are measured once the watch has fitted on the big store. Each run is bounded in
//! requests and in time and stops by itself; every request goes to 127.0.0.1, to a server this
//! process starts and stops.

use crate::bench_store::{query_store, StoreBench};
use anyhow::{bail, Context, Result};
use serde_json::json;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tripwire_server::{ServeConfig, Server};

/// What the server benchmark is asked to do.
pub struct ServerBench {
    /// Events in the store it runs over.
    pub events: u64,
    pub work: PathBuf,
    /// Concurrent clients.
    pub clients: usize,
    /// Requests per endpoint, at most.
    pub requests: usize,
    /// Time per endpoint, at most.
    pub seconds: u64,
}

fn emit(metric: &str, value: f64, unit: &str, extra: serde_json::Value) {
    let mut line =
        json!({"bench": "server", "metric": metric, "value": (value * 1000.0).round() / 1000.0, "unit": unit});
    if let (Some(line), Some(extra)) = (line.as_object_mut(), extra.as_object()) {
        line.extend(extra.clone());
    }
    println!("{line}");
}

/// The longest the watch may take to fit on the big store before the alarm endpoint is left out.
const FIT_LIMIT: Duration = Duration::from_secs(900);

pub fn run(bench: &ServerBench) -> Result<()> {
    std::fs::create_dir_all(&bench.work).with_context(|| format!("{}: cannot create", bench.work.display()))?;
    let store_bench = StoreBench {
        ingest_events: 0,
        query_events: bench.events,
        batch_articles: 0,
        work: bench.work.clone(),
        parts: Vec::new(),
    };
    let db = query_store(&store_bench)?;
    for cache in [false, true] {
        let mut config = ServeConfig::new(&db);
        config.bind = SocketAddr::from(([127, 0, 0, 1], 0));
        config.concurrency = bench.clients.max(1) * 2;
        config.cache_answers = cache;
        // The watch is fitted by the second server only: its answers come from memory either way.
        config.fit_watch = cache;
        with_server(config, |base, started| measure_all(bench, base, cache, started))?;
    }
    Ok(())
}

/// Runs `work` against a server started with `config`, then stops the server.
fn with_server(config: ServeConfig, work: impl FnOnce(&str, Instant) -> Result<()>) -> Result<()> {
    let started = Instant::now();
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || -> Result<()> {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
        runtime.block_on(async move {
            let server = Server::bind(&config).await?;
            let _ = addr_tx.send(server.local_addr());
            server
                .run(async {
                    let _ = stopped.await;
                })
                .await?;
            Ok(())
        })
    });
    let addr = addr_rx.recv_timeout(Duration::from_secs(60)).context("the server did not start")?;
    let base = format!("http://{addr}");
    let outcome = work(&base, started);
    let _ = stop.send(());
    match server.join() {
        Ok(result) => result?,
        Err(_) => bail!("the server thread panicked"),
    }
    outcome
}

fn measure_all(bench: &ServerBench, base: &str, cache: bool, server_started: Instant) -> Result<()> {
    let dyads = busiest_dyads(base)?;
    let events = bench.events;
    let series: Vec<String> = dyads.iter().map(|d| format!("/api/dyads/{d}/series")).collect();
    let listing: Vec<String> =
        dyads.iter().map(|d| format!("/api/events?dyad={d}&both=true&newest=true&size=50")).collect();
    let pages: Vec<String> = dyads.iter().map(|d| format!("/dyads/{d}")).collect();
    measure(bench, base, "dyad_series", &series, events, cache)?;
    measure(bench, base, "events", &listing, events, cache)?;
    measure(bench, base, "dyad_page", &pages, events, cache)?;
    if !cache {
        return Ok(());
    }
    loop {
        let health: serde_json::Value =
            serde_json::from_str(&agent().get(&format!("{base}/api/health")).call()?.into_string()?)?;
        match health["watch"].as_str() {
            Some("ready") => break,
            Some("fitting") if server_started.elapsed() < FIT_LIMIT => std::thread::sleep(Duration::from_millis(500)),
            other => {
                println!(
                    "{}",
                    json!({"bench": "server", "note": format!("alarms not measured: the watch is {other:?}")})
                );
                return Ok(());
            }
        }
    }
    // An upper bound: the fit runs in the background from the server's start, beside the
    // measurements above, and is only looked for after them.
    emit("watch_ready_within_s", server_started.elapsed().as_secs_f64(), "s", json!({"store_events": events}));
    measure(bench, base, "alarms", &["/api/alarms".to_string()], events, cache)?;
    Ok(())
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().timeout(Duration::from_secs(60)).build()
}

/// The eight interstate dyads most frequent among the store's first 1,000 events, asked of the
/// API: busy dyads, as an analyst would open.
fn busiest_dyads(base: &str) -> Result<Vec<String>> {
    let page: serde_json::Value =
        serde_json::from_str(&agent().get(&format!("{base}/api/events?size=1000")).call()?.into_string()?)?;
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for event in page["events"].as_array().into_iter().flatten() {
        if let (Some(a), Some(b)) = (event["source_country"].as_str(), event["target_country"].as_str()) {
            if a != b {
                *counts.entry(format!("{a}-{b}")).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let dyads: Vec<String> = ranked.into_iter().take(8).map(|(d, _)| d).collect();
    if dyads.is_empty() {
        bail!("the store has no interstate events to ask about");
    }
    Ok(dyads)
}

/// `clients` threads, each with its own keep-alive connection, request `paths` in turn until
/// `requests` are done or `seconds` have passed; then the latency quantiles and the rate.
fn measure(
    bench: &ServerBench,
    base: &str,
    name: &str,
    paths: &[String],
    store_events: u64,
    cache: bool,
) -> Result<()> {
    for path in paths {
        // The first request of each fills the server's caches (the volume the series normalize by).
        agent().get(&format!("{base}{path}")).call().with_context(|| format!("{path}: warm-up failed"))?;
    }
    let issued = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(bench.seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..bench.clients.max(1))
        .map(|client| {
            let (issued, paths, base) = (Arc::clone(&issued), paths.to_vec(), base.to_string());
            let limit = bench.requests;
            std::thread::spawn(move || -> Result<Vec<f64>> {
                let agent = agent();
                let mut latencies = Vec::new();
                loop {
                    let n = issued.fetch_add(1, Ordering::Relaxed);
                    if n >= limit || Instant::now() >= deadline {
                        return Ok(latencies);
                    }
                    let path = &paths[(n + client) % paths.len()];
                    let t = Instant::now();
                    let response = agent.get(&format!("{base}{path}")).call()?;
                    let _ = response.into_string()?;
                    latencies.push(t.elapsed().as_secs_f64() * 1000.0);
                }
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for worker in workers {
        match worker.join() {
            Ok(result) => latencies.extend(result?),
            Err(_) => bail!("a client thread panicked"),
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    if latencies.is_empty() {
        bail!("{name}: no request finished");
    }
    let quantile = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    let extra = json!({"endpoint": paths[0], "distinct_urls": paths.len(), "clients": bench.clients, "cache": cache,
                       "requests": latencies.len(), "store_events": store_events});
    let name = if cache { format!("{name}_cached") } else { name.to_string() };
    emit(&format!("{name}_p50_ms"), quantile(0.5), "ms", extra.clone());
    emit(&format!("{name}_p99_ms"), quantile(0.99), "ms", extra.clone());
    emit(&format!("{name}_requests_per_s"), latencies.len() as f64 / elapsed, "req/s", extra);
    Ok(())
}
