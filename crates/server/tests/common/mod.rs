//! A server on a free loopback port for the tests, and plain HTTP requests to it — raw ones too,
//! so paths reach the server exactly as written.

#![allow(dead_code)]

use chrono::NaiveDate;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;
use tripwire_server::{ServeConfig, Server};
use tripwire_store::{EventRecord, Store};
use tripwire_watch::testing::government_event;

pub const TOKEN: &str = "a-test-token-that-is-long-enough";

/// A running server; dropping it shuts the server down.
pub struct Running {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Running {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// GET: (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        answer(ureq::get(&self.url(path)).timeout(Duration::from_secs(60)).call())
    }

    /// POST a body with headers: (status, body).
    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
        let mut request = ureq::post(&self.url(path)).timeout(Duration::from_secs(60));
        for (name, value) in headers {
            request = request.set(name, value);
        }
        answer(request.send_string(body))
    }

    /// A request written byte for byte: (status, body).
    pub fn raw(&self, request_line: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(self.addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        write!(stream, "{request_line}\r\nHost: localhost\r\nConnection: close\r\n\r\n").expect("write");
        let mut text = String::new();
        stream.read_to_string(&mut text).expect("read");
        let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }

    /// Waits until the watch has finished fitting (or given up).
    pub fn wait_for_watch(&self) {
        for _ in 0..600 {
            let (_, body) = self.get("/api/health");
            if !body.contains("\"watch\":\"fitting\"") {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the watch did not finish fitting in a minute");
    }
}

fn answer(result: Result<ureq::Response, ureq::Error>) -> (u16, String) {
    match result {
        Ok(response) => (response.status(), response.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(status, response)) => (status, response.into_string().unwrap_or_default()),
        Err(error) => panic!("request failed: {error}"),
    }
}

/// Starts a server with `config` (its address replaced by a free loopback port).
pub fn start(mut config: ServeConfig) -> Running {
    config.bind = "127.0.0.1:0".parse().expect("address");
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        runtime.block_on(async move {
            let server = Server::bind(&config).await.expect("bind");
            addr_tx.send(server.local_addr()).expect("send address");
            server
                .run(async {
                    let _ = stopped.await;
                })
                .await
                .expect("serve");
        });
    });
    let addr = addr_rx.recv_timeout(Duration::from_secs(30)).expect("the server did not start");
    Running { addr, stop: Some(stop), thread: Some(thread) }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// A store with a few imported events, one of them carrying hostile text.
pub fn small_store(path: &Path) -> Vec<EventRecord> {
    let mut rows = Vec::new();
    for n in 0..40 {
        let date = day(2015, 1, 1) + chrono::Days::new(n as u64 * 3);
        let (code, goldstein, quad) = if n % 4 == 0 { ("190", -10.0, 4) } else { ("042", 1.9, 1) };
        rows.push(government_event(n, date, ("IRN", "USA"), code, goldstein, quad));
    }
    let mut hostile = government_event(99, day(2015, 4, 1), ("IRN", "USA"), "112", -2.0, 3);
    hostile.sentence = Some("Iran <script>window.pwned=1</script> accused <img src=x onerror=alert(1)> the US.".into());
    hostile.source_text = Some("<b onmouseover=alert(2)>Iran</b>".into());
    hostile.url = Some("javascript:alert(3)".into());
    hostile.outlet = Some("<svg onload=alert(4)>".into());
    rows.push(hostile);
    let mut store = Store::open(path).expect("store");
    store.insert_imported_batch(&rows).expect("insert");
    rows
}
