//! [`FetchPolicy`]: what the HTTP fetcher may connect to. Feed URLs come from users, from feeds
//! and from the redirects of servers nobody controls, so by default only public internet
//! addresses are fetched: loopback, private, link-local (cloud metadata at 169.254.169.254),
//! carrier-grade NAT, multicast, documentation and reserved ranges are refused, in IPv4 and IPv6,
//! and in every IPv6 form that embeds an IPv4 address (`::ffff:169.254.169.254`, NAT64, 6to4).
//! The check is made on the address the fetcher actually connects to, after DNS resolution,
//! at every redirect.

use crate::feed::MAX_FEED_BYTES;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

/// Limits and address rules for fetching feed URLs.
#[derive(Clone, Debug)]
pub struct FetchPolicy {
    /// Fetch from loopback, private and other non-public addresses too (`--allow-private`).
    pub allow_private: bool,
    /// Non-public socket addresses allowed anyway (a known local feed server).
    pub allowed: Vec<SocketAddr>,
    /// Largest response body accepted.
    pub max_bytes: u64,
    /// Most redirects followed for one fetch.
    pub max_redirects: usize,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    /// Cap on one whole request, redirects included.
    pub total_timeout: Duration,
}

impl Default for FetchPolicy {
    fn default() -> FetchPolicy {
        FetchPolicy {
            allow_private: false,
            allowed: Vec::new(),
            max_bytes: MAX_FEED_BYTES,
            max_redirects: 5,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(120),
        }
    }
}

impl FetchPolicy {
    /// The default policy, also allowing one non-public socket address.
    pub fn allowing(address: SocketAddr) -> FetchPolicy {
        FetchPolicy { allowed: vec![address], ..FetchPolicy::default() }
    }

    /// `Ok` when the fetcher may connect to `address`, else why not.
    pub fn check(&self, address: SocketAddr) -> Result<(), String> {
        if self.allow_private || self.allowed.contains(&address) {
            return Ok(());
        }
        match non_public(address.ip()) {
            None => Ok(()),
            Some(kind) => Err(format!(
                "{} is {kind}, not a public internet address (pass --allow-private to fetch from such addresses)",
                address.ip()
            )),
        }
    }
}

/// What kind of non-public address `ip` is (`"a loopback address"` …), or `None` for a public
/// one. IPv6 addresses that carry an IPv4 address are judged by that address.
pub fn non_public(ip: IpAddr) -> Option<String> {
    match ip {
        IpAddr::V4(v4) => non_public_v4(v4).map(str::to_string),
        IpAddr::V6(v6) => non_public_v6(v6),
    }
}

fn non_public_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        (0, _, _) => "an unspecified (this-network) address",
        (127, _, _) => "a loopback address",
        (10, _, _) | (192, 168, _) => "a private address",
        (172, 16..=31, _) => "a private address",
        (169, 254, _) => "a link-local address",
        (100, 64..=127, _) => "a shared (carrier-grade NAT) address",
        (192, 0, 0) => "an IETF protocol address",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "a documentation address",
        (198, 18..=19, _) => "a benchmarking address",
        (224..=239, _, _) => "a multicast address",
        (240..=255, _, _) => "a reserved address",
        _ => return None,
    })
}

fn non_public_v6(ip: Ipv6Addr) -> Option<String> {
    let segments = ip.segments();
    let embedded = |high: u16, low: u16| Ipv4Addr::new((high >> 8) as u8, high as u8, (low >> 8) as u8, low as u8);
    let judged_by = |v4: Ipv4Addr, form: &str| non_public_v4(v4).map(|kind| format!("{form} of {v4}, {kind}"));
    if ip.is_unspecified() {
        return Some("the unspecified address".into());
    }
    if ip.is_loopback() {
        return Some("a loopback address".into());
    }
    match segments {
        [0, 0, 0, 0, 0, 0xffff, high, low] => return judged_by(embedded(high, low), "the IPv4-mapped form"),
        [0, 0, 0, 0, 0, 0, high, low] => return judged_by(embedded(high, low), "the IPv4-compatible form"),
        [0x64, 0xff9b, 0, 0, 0, 0, high, low] => return judged_by(embedded(high, low), "the NAT64 form"),
        [0x2002, high, low, ..] => return judged_by(embedded(high, low), "the 6to4 form"),
        _ => {}
    }
    let first = segments[0];
    Some(
        match first {
            _ if first & 0xfe00 == 0xfc00 => "a unique local (private) address",
            _ if first & 0xffc0 == 0xfe80 => "a link-local address",
            _ if first & 0xffc0 == 0xfec0 => "a site-local (private) address",
            _ if first & 0xff00 == 0xff00 => "a multicast address",
            0x2001 if segments[1] == 0x0db8 => "a documentation address",
            // Teredo hides its IPv4 end: it cannot be checked, so it is not fetched.
            0x2001 if segments[1] == 0 => "a Teredo tunnel address",
            0x0100 if segments[1..4] == [0, 0, 0] => "a discard-only address",
            _ => return None,
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(ip: &str) -> Option<String> {
        non_public(ip.parse().expect("an address"))
    }

    #[test]
    fn public_addresses_pass_and_every_private_range_is_named() {
        for public in ["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2002:5db8:d822::1"]
        {
            assert_eq!(kind(public), None, "{public}");
        }
        let named = [
            ("127.0.0.1", "loopback"),
            ("10.1.2.3", "private"),
            ("172.31.255.255", "private"),
            ("192.168.0.10", "private"),
            ("169.254.169.254", "link-local"),
            ("100.64.0.1", "carrier-grade"),
            ("0.0.0.0", "unspecified"),
            ("255.255.255.255", "reserved"),
            ("224.0.0.1", "multicast"),
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("fd00::1", "unique local"),
            ("fe80::1", "link-local"),
            ("::ffff:169.254.169.254", "IPv4-mapped form of 169.254.169.254, a link-local"),
            ("::ffff:7f00:1", "IPv4-mapped form of 127.0.0.1"),
            ("::127.0.0.1", "IPv4-compatible"),
            ("64:ff9b::a00:1", "NAT64 form of 10.0.0.1"),
            ("2002:7f00:1::", "6to4 form of 127.0.0.1"),
            ("2001:db8::1", "documentation"),
            ("2001:0:4136:e378::1", "Teredo"),
        ];
        for (ip, expected) in named {
            let kind = kind(ip).unwrap_or_default();
            assert!(kind.contains(expected), "{ip}: {kind:?}");
        }
    }

    #[test]
    fn the_policy_allows_what_it_names_and_explains_refusals() {
        let local: SocketAddr = "127.0.0.1:8080".parse().expect("address");
        let policy = FetchPolicy::allowing(local);
        assert!(policy.check(local).is_ok());
        let other: SocketAddr = "127.0.0.1:8081".parse().expect("address");
        let refusal = policy.check(other).expect_err("another port is not allowed");
        assert!(
            refusal.contains("127.0.0.1 is a loopback address") && refusal.contains("--allow-private"),
            "{refusal}"
        );
        assert!(FetchPolicy { allow_private: true, ..FetchPolicy::default() }.check(other).is_ok());
    }
}
