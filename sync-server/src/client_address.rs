//! Who is asking: the client's network address, taken from the connection, or from the
//! `X-Forwarded-For` header when the connection comes from a reverse proxy the server was
//! told to trust. Login throttling and the `/metrics` allow-list use it.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::AppState;

/// The client's address as login throttling counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    /// The key attempts are counted under: the whole IPv4 address, or the /64 network of
    /// an IPv6 address (one household or machine usually holds a whole /64).
    pub fn throttle_key(&self) -> String {
        match self.0 {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
        }
    }
}

/// The address a request comes from: the peer, or, when the peer is a trusted proxy, the
/// nearest address in `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_of(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    // Proxies append: the rightmost entries are the nearest hops.
    let mut client = peer;
    for hop in header.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(address) => {
                client = address;
                if !trusted.contains(&address) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ClientAddress, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip())
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|value| value.to_str().ok());
        Ok(ClientAddress(client_of(
            peer,
            forwarded,
            &state.access.trusted_proxies,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("test address")
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxy = ip("10.0.0.2");
        assert_eq!(
            client_of(ip("203.0.113.9"), Some("198.51.100.1"), &[proxy]),
            ip("203.0.113.9"),
            "an untrusted peer cannot claim another address"
        );
        assert_eq!(
            client_of(proxy, Some("198.51.100.7, 203.0.113.9"), &[proxy]),
            ip("203.0.113.9"),
            "the hop the proxy saw, not what the client wrote before it"
        );
        assert_eq!(client_of(proxy, None, &[proxy]), proxy);
        assert_eq!(client_of(proxy, Some("garbage"), &[proxy]), proxy);
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_network() {
        let a = ClientAddress(ip("2001:db8:1:2:aaaa::1"));
        let b = ClientAddress(ip("2001:db8:1:2:bbbb::9"));
        assert_eq!(a.throttle_key(), b.throttle_key());
        assert_eq!(
            ClientAddress(ip("::ffff:192.0.2.1")).throttle_key(),
            "192.0.2.1"
        );
    }
}
