//! Fetching feed URLs over HTTP(S), safely: [`fetch`] and [`fetch_if_changed`].
//!
//! Redirects are followed here, not by the HTTP client, so that every hop is checked like the
//! first: only `http`/`https` URLs with a host (the scheme in any case), at most
//! [`FetchPolicy::max_redirects`] hops, and every address the host resolves to is checked
//! against the [`FetchPolicy`] before connecting; the client then connects only to the addresses
//! that passed (a second DNS answer cannot swap them). Responses are capped in size and time.
//! [`fetch_if_changed`] sends `If-None-Match`/`If-Modified-Since` and reports `304 Not Modified`.

use crate::policy::FetchPolicy;
use crate::SourceError;
use std::io::Read;
use std::net::{SocketAddr, ToSocketAddrs};
use url::{Host, Url};

/// What a server said last time about a feed, to ask only for a changed one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response body and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The URL that answered, after redirects.
    pub url: String,
    /// The response's `ETag` and `Last-Modified`.
    pub validators: Validators,
}

/// Downloads `url` under `policy`.
pub fn fetch(url: &str, policy: &FetchPolicy) -> Result<Fetched, SourceError> {
    fetch_if_changed(url, policy, &Validators::default())?.ok_or_else(|| SourceError::Http {
        url: url.to_string(),
        message: "304 Not Modified to a plain request".into(),
    })
}

/// Downloads `url` unless the server says it has not changed since `known` (`Ok(None)`).
pub fn fetch_if_changed(url: &str, policy: &FetchPolicy, known: &Validators) -> Result<Option<Fetched>, SourceError> {
    let mut current = http_url(url).map_err(|reason| SourceError::UnsupportedUrl { url: url.to_string(), reason })?;
    let mut addresses = checked_addresses(&current, policy).map_err(|problem| match problem {
        Unusable::Refused(reason) => SourceError::Refused { url: url.to_string(), reason },
        Unusable::Unresolved(message) => SourceError::Http { url: url.to_string(), message },
    })?;
    for _hop in 0..=policy.max_redirects {
        let response = request(&current, addresses, policy, known)?;
        match response.status() {
            304 => return Ok(None),
            301 | 302 | 303 | 307 | 308 => {
                let location = response.header("Location").unwrap_or_default().to_string();
                let refused = |reason: String| SourceError::RedirectRefused {
                    url: current.to_string(),
                    location: location.clone(),
                    reason,
                };
                let next = redirect_target(&current, &location).map_err(refused)?;
                addresses = checked_addresses(&next, policy).map_err(|problem| refused(problem.into_reason()))?;
                current = next;
            }
            200..=299 => return read_body(response, &current, policy).map(Some),
            status => return Err(SourceError::Status { url: current.to_string(), status }),
        }
    }
    Err(SourceError::TooManyRedirects { url: url.to_string(), limit: policy.max_redirects })
}

/// `text` as an http(s) URL with a host; why not, otherwise.
fn http_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text.trim()).map_err(|e| e.to_string())?;
    check_fetchable(&url)?;
    Ok(url)
}

fn check_fetchable(url: &Url) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("only http and https URLs are fetched, not {}:", url.scheme()));
    }
    match url.host() {
        Some(Host::Domain("")) => Err("the URL has no host".into()),
        Some(_) => Ok(()),
        None => Err("the URL has no host".into()),
    }
}

/// Where a redirect's `Location` points, relative to the URL that answered.
fn redirect_target(from: &Url, location: &str) -> Result<Url, String> {
    if location.trim().is_empty() {
        return Err("the redirect has no Location".into());
    }
    let next = from.join(location.trim()).map_err(|e| format!("not a URL: {e}"))?;
    check_fetchable(&next)?;
    Ok(next)
}

/// Why a host cannot be connected to.
enum Unusable {
    /// Every address it stands for is one the policy refuses.
    Refused(String),
    /// It stands for no address (DNS failed).
    Unresolved(String),
}

impl Unusable {
    fn into_reason(self) -> String {
        match self {
            Unusable::Refused(reason) | Unusable::Unresolved(reason) => reason,
        }
    }
}

/// The socket addresses `url`'s host stands for that the policy allows.
fn checked_addresses(url: &Url, policy: &FetchPolicy) -> Result<Vec<SocketAddr>, Unusable> {
    let port = url.port_or_known_default().ok_or_else(|| Unusable::Unresolved("the URL has no port".into()))?;
    let resolved: Vec<SocketAddr> = match url.host() {
        Some(Host::Ipv4(ip)) => vec![SocketAddr::new(ip.into(), port)],
        Some(Host::Ipv6(ip)) => vec![SocketAddr::new(ip.into(), port)],
        Some(Host::Domain(domain)) => (domain, port)
            .to_socket_addrs()
            .map_err(|e| Unusable::Unresolved(format!("cannot resolve {domain}: {e}")))?
            .collect(),
        None => return Err(Unusable::Unresolved("the URL has no host".into())),
    };
    let mut refusals = Vec::new();
    let allowed: Vec<SocketAddr> = resolved
        .into_iter()
        .filter(|address| match policy.check(*address) {
            Ok(()) => true,
            Err(reason) => {
                refusals.push(reason);
                false
            }
        })
        .collect();
    if allowed.is_empty() {
        let host = url.host_str().unwrap_or_default();
        return Err(match refusals.first() {
            // A name is said with the address it stands for; an address speaks for itself.
            Some(reason) if matches!(url.host(), Some(Host::Domain(_))) => {
                Unusable::Refused(format!("{host}: {reason}"))
            }
            Some(reason) => Unusable::Refused(reason.clone()),
            None => Unusable::Unresolved(format!("{host} resolves to no address")),
        });
    }
    Ok(allowed)
}

/// One GET, no redirects followed, connecting only to `addresses`.
fn request(
    url: &Url,
    addresses: Vec<SocketAddr>,
    policy: &FetchPolicy,
    known: &Validators,
) -> Result<ureq::Response, SourceError> {
    let agent = ureq::AgentBuilder::new()
        .redirects(0)
        .timeout_connect(policy.connect_timeout)
        .timeout_read(policy.read_timeout)
        .timeout(policy.total_timeout)
        .user_agent(concat!("tripwire/", env!("CARGO_PKG_VERSION")))
        .resolver(move |_netloc: &str| Ok(addresses.clone()))
        .build();
    let mut request = agent
        .request_url("GET", url)
        .set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5");
    if let Some(etag) = &known.etag {
        request = request.set("If-None-Match", etag);
    }
    if let Some(modified) = &known.last_modified {
        request = request.set("If-Modified-Since", modified);
    }
    request.call().map_err(|e| match e {
        ureq::Error::Status(status, _) => SourceError::Status { url: url.to_string(), status },
        ureq::Error::Transport(t) => {
            // ureq names the URL itself; the error names it once.
            let message = t.to_string();
            let message = message.strip_prefix(&format!("{url}: ")).map_or(message.clone(), str::to_string);
            SourceError::Http { url: url.to_string(), message }
        }
    })
}

fn read_body(response: ureq::Response, url: &Url, policy: &FetchPolicy) -> Result<Fetched, SourceError> {
    let too_large = || SourceError::TooLarge { name: url.to_string(), limit: policy.max_bytes };
    if let Some(length) = response.header("Content-Length").and_then(|l| l.trim().parse::<u64>().ok()) {
        if length > policy.max_bytes {
            return Err(too_large());
        }
    }
    let header = |name: &str| response.header(name).map(str::to_string);
    let validators = Validators { etag: header("ETag"), last_modified: header("Last-Modified") };
    let mut bytes = Vec::new();
    response
        .into_reader()
        .take(policy.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SourceError::Http { url: url.to_string(), message: format!("reading the response: {e}") })?;
    if bytes.len() as u64 > policy.max_bytes {
        return Err(too_large());
    }
    Ok(Fetched { bytes, url: url.to_string(), validators })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_with_a_host_are_fetchable_in_any_case() {
        assert!(http_url("HTTP://Example.ORG/feed").is_ok());
        assert_eq!(http_url("HtTpS://example.org/").map(|u| u.scheme().to_string()), Ok("https".into()));
        for bad in ["file:///etc/passwd", "data:text/plain,hi", "mailto:a@b.example", "javascript:alert(1)", "http://"]
        {
            assert!(http_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn redirects_resolve_relative_locations_and_refuse_other_schemes() {
        let from = Url::parse("https://example.org/feeds/world.rss").expect("url");
        assert_eq!(
            redirect_target(&from, "/v2/world.rss").map(|u| u.to_string()),
            Ok("https://example.org/v2/world.rss".into())
        );
        assert_eq!(
            redirect_target(&from, "//cdn.example.net/w").map(|u| u.to_string()),
            Ok("https://cdn.example.net/w".into())
        );
        for bad in ["file:///etc/passwd", "data:,x", "mailto:x@example.org", "javascript:alert(1)", " ", "http://"] {
            assert!(redirect_target(&from, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_spelling_of_a_private_host_is_checked_as_its_address() {
        let policy = FetchPolicy::default();
        for spelling in [
            "http://127.0.0.1/",
            "http://0x7f000001/",
            "http://2130706433/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://[::1]/",
            "http://[::ffff:169.254.169.254]/",
            "http://[::ffff:a9fe:a9fe]/",
            "http://169.254.169.254./",
            "HTTP://10.0.0.1:8080/",
            "http://localhost/",
        ] {
            let url = http_url(spelling).expect("a URL");
            let Err(Unusable::Refused(refusal)) = checked_addresses(&url, &policy) else {
                panic!("{spelling}: not refused");
            };
            assert!(refusal.contains("not a public internet address"), "{spelling}: {refusal}");
        }
    }
}
