//! Another kiosk on the same LAN as a relay. A kiosk that offers to carry (`kiosk relay
//! serve`, or `relay_listen` in `kiosk.toml` for `kiosk run`) answers plain HTTP on the LAN
//! and announces itself with mDNS/DNS-SD as [`SERVICE_TYPE`], naming its server by the
//! server's long-lived public key; a kiosk with no uplink finds it ([`discover`]) and
//! exchanges with it ([`exchange`]): it hands over its bundles, takes back the server's
//! acknowledgements for it and newer signed content. No TLS is needed and none of it is
//! secret: bundles are sealed to the server and signed, acknowledgements and content are
//! signed by the server and checked against the key pinned at enrolment.
//!
//! Limits: bodies of at most [`wire::MAX_RELAY_BUNDLE`] bytes, [`MAX_CONNECTIONS`] requests
//! at once, [`wire::MAX_CARRIED_BYTES`] carried in all (past it, 507). Anyone on the LAN may
//! hand over bundles the relay cannot check; the server refuses what is not genuine at the
//! relay's next pass, and the relay then drops them and does not take them again.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use wire::{RelayBundle, SignedManifest, SignedRelayAck};

use super::{AckTaken, RelayError, own_bundles, take_ack};
use crate::content_dir::ContentDir;
use crate::data_dir::DataDir;
use crate::store::Carried;

/// The DNS-SD service type relays announce.
pub const SERVICE_TYPE: &str = "_inclusion-relay._tcp.local.";

/// The TXT key naming the server (its long-lived public key, as kiosks pin it).
const SERVER_KEY_TXT: &str = "server";

/// A kiosk's records handed to a relay on the LAN go again (to any relay) after this long
/// with no acknowledgement.
pub const HAND_AGAIN_AFTER_SECONDS: i64 = 24 * 3600;

/// Requests a relay answers at once; more wait.
pub const MAX_CONNECTIONS: usize = 4;

/// How a relay announces itself, and how a kiosk looks for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Discovery {
    /// The mDNS UDP port: 5353 in service; tests use another so they meet only each other.
    pub mdns_port: u16,
    /// Only the loopback interface (tests, where the machine has no LAN).
    pub loopback_only: bool,
}

impl Default for Discovery {
    fn default() -> Self {
        Discovery {
            mdns_port: 5353,
            loopback_only: false,
        }
    }
}

fn daemon(discovery: Discovery) -> Result<mdns_sd::ServiceDaemon, RelayError> {
    let daemon = mdns_sd::ServiceDaemon::new_with_port(discovery.mdns_port)
        .map_err(|e| mdns_error("start mDNS", e))?;
    if discovery.loopback_only {
        daemon
            .disable_interface(mdns_sd::IfKind::All)
            .and_then(|()| daemon.enable_interface(mdns_sd::IfKind::LoopbackV4))
            .map_err(|e| mdns_error("choose mDNS interfaces", e))?;
    }
    Ok(daemon)
}

fn mdns_error(action: &'static str, error: mdns_sd::Error) -> RelayError {
    RelayError::Io {
        action,
        path: SERVICE_TYPE.into(),
        source: std::io::Error::other(error.to_string()),
    }
}

/// A kiosk carrying for others on the LAN: the HTTP listener (on a thread of its own) and
/// its mDNS announcement. Dropping it stops both.
pub struct RelayListener {
    address: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    announced: Option<(mdns_sd::ServiceDaemon, String)>,
}

impl std::fmt::Debug for RelayListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelayListener")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

#[derive(Clone)]
struct Relay {
    data_dir: DataDir,
    at_once: Arc<tokio::sync::Semaphore>,
}

impl RelayListener {
    /// Listens on `bind` (port 0: any free one) for kiosks of the same server, and announces
    /// itself with mDNS unless `announce` is `None`. The kiosk must be enrolled: it names its
    /// server in the announcement.
    pub fn start(
        data_dir: DataDir,
        bind: SocketAddr,
        announce: Option<Discovery>,
    ) -> Result<RelayListener, RelayError> {
        let enrolment = data_dir
            .open_store()?
            .enrolment()?
            .ok_or(RelayError::NotEnrolled)?;
        let listener = std::net::TcpListener::bind(bind).map_err(|source| RelayError::Io {
            action: "listen on",
            path: bind.to_string().into(),
            source,
        })?;
        listener
            .set_nonblocking(true)
            .map_err(|source| RelayError::Io {
                action: "listen on",
                path: bind.to_string().into(),
                source,
            })?;
        let address = listener.local_addr().map_err(|source| RelayError::Io {
            action: "listen on",
            path: bind.to_string().into(),
            source,
        })?;
        let relay = Relay {
            data_dir,
            at_once: Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS)),
        };
        let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("relay-listener".into())
            .spawn(move || serve(listener, relay, stop))
            .map_err(|source| RelayError::Io {
                action: "start the relay listener for",
                path: bind.to_string().into(),
                source,
            })?;
        let mut started = RelayListener {
            address,
            shutdown: Some(shutdown),
            thread: Some(thread),
            announced: None,
        };
        if let Some(discovery) = announce {
            let daemon = daemon(discovery)?;
            let host = format!("{}.local.", enrolment.kiosk_id);
            let properties = [(SERVER_KEY_TXT, enrolment.content_key.as_str())];
            // Listening on every address: announce every address the machine has.
            let any = address.ip().is_unspecified();
            let ip = if any {
                String::new()
            } else {
                address.ip().to_string()
            };
            let info = mdns_sd::ServiceInfo::new(
                SERVICE_TYPE,
                &enrolment.kiosk_id,
                &host,
                ip.as_str(),
                address.port(),
                &properties[..],
            )
            .map_err(|e| mdns_error("describe the relay for mDNS", e))?;
            let info = if any { info.enable_addr_auto() } else { info };
            let fullname = info.get_fullname().to_owned();
            daemon
                .register(info)
                .map_err(|e| mdns_error("announce the relay with mDNS", e))?;
            started.announced = Some((daemon, fullname));
        }
        Ok(started)
    }

    /// Where it listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for RelayListener {
    fn drop(&mut self) {
        if let Some((daemon, fullname)) = self.announced.take() {
            if let Ok(done) = daemon.unregister(&fullname) {
                let _ = done.recv_timeout(Duration::from_secs(1));
            }
            let _ = daemon.shutdown();
        }
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(listener: std::net::TcpListener, relay: Relay, stop: tokio::sync::oneshot::Receiver<()>) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!(%error, "the relay listener cannot start");
            return;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(listener) => listener,
            Err(error) => {
                tracing::error!(%error, "the relay listener cannot start");
                return;
            }
        };
        let app = axum::Router::new()
            .route(paths::BUNDLES, axum::routing::post(take_bundle))
            .route(paths::ACKS, axum::routing::get(acks))
            .route(paths::MANIFEST, axum::routing::get(manifest))
            .route(
                &format!("{}/{{hash}}", paths::FILES),
                axum::routing::get(file),
            )
            .layer(axum::extract::DefaultBodyLimit::max(wire::MAX_RELAY_BUNDLE))
            .layer(axum::middleware::from_fn_with_state(relay.clone(), guard))
            .with_state(relay);
        let stopped = async {
            let _ = stop.await;
        };
        if let Err(error) = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(stopped)
        .await
        {
            tracing::error!(%error, "the relay listener stopped");
        }
    });
}

/// The relay's HTTP paths.
pub mod paths {
    /// `POST`: a bundle to carry.
    pub const BUNDLES: &str = "/relay/v1/bundles";
    /// `GET ?kiosk=ID`: the acknowledgements held for a kiosk.
    pub const ACKS: &str = "/relay/v1/acks";
    /// `GET`: the signed manifest of the relay's content.
    pub const MANIFEST: &str = "/relay/v1/content/manifest";
    /// `GET /{hash}`: a file of that content.
    pub const FILES: &str = "/relay/v1/content/files";
}

/// What a relay did with a bundle handed to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Taken {
    /// Taken, for the relay's next pass.
    Taken,
    /// Already carried, or already delivered.
    Known,
    /// Refused by the server before.
    RefusedBefore,
}

/// Every request: only from this kiosk's own networks (loopback, private and link-local
/// addresses: a relay is for the LAN, never the internet), and [`MAX_CONNECTIONS`] at once.
async fn guard(
    State(relay): State<Relay>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<SocketAddr>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if !is_local_network(peer.ip()) {
        return (
            StatusCode::FORBIDDEN,
            "a relay answers kiosks on its own network only",
        )
            .into_response();
    }
    let Ok(_place) = relay.at_once.clone().acquire_owned().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    next.run(request).await
}

/// True for an address of a local network: loopback, private (RFC 1918, IPv6 unique local)
/// or link-local.
pub fn is_local_network(address: std::net::IpAddr) -> bool {
    match address {
        std::net::IpAddr::V4(v4) => v4.is_loopback() || v4.is_private() || v4.is_link_local(),
        std::net::IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_local_network(v4.into());
            }
            let first = v6.segments()[0];
            v6.is_loopback() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
        }
    }
}

/// Runs `work` on the blocking pool, answering 503 when the thread cannot run and 500 with
/// the message when `work` fails.
async fn blocking<T: Send + 'static>(
    relay: &Relay,
    work: impl FnOnce(&DataDir) -> Result<T, RelayError> + Send + 'static,
) -> Result<T, Response> {
    let data_dir = relay.data_dir.clone();
    match tokio::task::spawn_blocking(move || work(&data_dir)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => {
            tracing::warn!(%error, "a relay request failed");
            Err((StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response())
        }
        Err(_) => Err(StatusCode::SERVICE_UNAVAILABLE.into_response()),
    }
}

async fn take_bundle(State(relay): State<Relay>, body: Bytes) -> Response {
    let bundle = match RelayBundle::decode(&body) {
        Ok(bundle) => bundle,
        Err(error) => return (StatusCode::BAD_REQUEST, error.to_string()).into_response(),
    };
    let outcome = blocking(&relay, move |data_dir| {
        let mut store = data_dir.open_store()?;
        // This kiosk's own records are here already.
        if store
            .enrolment()?
            .is_some_and(|enrolment| enrolment.kiosk_id == bundle.kiosk)
        {
            return Ok(Carried::AlreadyCarried);
        }
        Ok(store.carry_bundle(&bundle.id(), &bundle.kiosk, &body, crate::clock::now())?)
    })
    .await;
    match outcome {
        Ok(Carried::Taken) => Json(Taken::Taken).into_response(),
        Ok(Carried::AlreadyCarried | Carried::AlreadyDelivered) => {
            Json(Taken::Known).into_response()
        }
        Ok(Carried::Refused) => Json(Taken::RefusedBefore).into_response(),
        Ok(Carried::Full) => (
            StatusCode::INSUFFICIENT_STORAGE,
            "this kiosk already carries all it may; try another or come back after its next sync",
        )
            .into_response(),
        Err(response) => response,
    }
}

#[derive(Debug, Deserialize)]
struct ForKiosk {
    kiosk: String,
}

async fn acks(State(relay): State<Relay>, Query(asked): Query<ForKiosk>) -> Response {
    if !wire::is_kiosk_id(&asked.kiosk) {
        return (StatusCode::BAD_REQUEST, "not a kiosk id").into_response();
    }
    let found = blocking(&relay, move |data_dir| {
        let store = data_dir.open_store()?;
        Ok(store
            .carried_acks()?
            .into_iter()
            .filter(|ack| ack.kiosk == asked.kiosk)
            .map(|ack| ack.signed)
            .collect::<Vec<SignedRelayAck>>())
    })
    .await;
    match found {
        Ok(acks) => Json(acks).into_response(),
        Err(response) => response,
    }
}

async fn manifest(State(relay): State<Relay>) -> Response {
    let found = blocking(&relay, |data_dir| {
        Ok(ContentDir::new(data_dir.path()).signed_manifest())
    })
    .await;
    match found {
        Ok(Some((signed, _))) => Json(signed).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(response) => response,
    }
}

async fn file(State(relay): State<Relay>, UrlPath(hash): UrlPath<String>) -> Response {
    // Only the files of the version in use: nothing else of the data directory is reachable.
    let wanted = hash.clone();
    let found = blocking(&relay, move |data_dir| {
        let content = ContentDir::new(data_dir.path());
        let listed = content
            .signed_manifest()
            .is_some_and(|(_, manifest)| manifest.files.iter().any(|f| f.hash == wanted));
        Ok(listed.then(|| content.file(&wanted)))
    })
    .await;
    let path = match found {
        Ok(Some(path)) => path,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(response) => return response,
    };
    // Streamed from disk, never held whole in memory.
    match tokio::fs::File::open(&path).await {
        Ok(file) => {
            axum::body::Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response()
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Looks for relays of this kiosk's server on the LAN for up to `wait`; their addresses.
pub fn discover(
    server_key: &str,
    discovery: Discovery,
    wait: Duration,
) -> Result<Vec<SocketAddr>, RelayError> {
    let daemon = daemon(discovery)?;
    let events = daemon
        .browse(SERVICE_TYPE)
        .map_err(|e| mdns_error("look for relays with mDNS", e))?;
    let mut deadline = std::time::Instant::now() + wait;
    let mut found = Vec::new();
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        let Ok(event) = events.recv_timeout(left) else {
            break;
        };
        if let mdns_sd::ServiceEvent::ServiceResolved(info) = event
            && info.get_property_val_str(SERVER_KEY_TXT) == Some(server_key)
        {
            for address in info.get_addresses_v4() {
                let address = SocketAddr::from((address, info.get_port()));
                if !found.contains(&address) {
                    found.push(address);
                }
            }
            // One relay is enough; a short moment more lets others answer.
            deadline = deadline.min(std::time::Instant::now() + Duration::from_millis(300));
        }
    }
    let _ = daemon.stop_browse(SERVICE_TYPE);
    let _ = daemon.shutdown();
    Ok(found)
}

/// What an exchange with a LAN relay did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exchanged {
    /// This kiosk's records handed over, in bundles.
    pub own_records: u64,
    /// Bundles the relay took (new to it).
    pub bundles_taken: u64,
    /// Bundles of other kiosks this kiosk carried, handed on.
    pub carried_handed_on: u64,
    /// This kiosk's records newly marked sent by the relay's acknowledgements.
    pub own_records_acked: u64,
    /// Acknowledgements ignored (not signed by this kiosk's server).
    pub acks_refused: u64,
    /// A newer content version installed from the relay.
    pub content_installed: Option<u64>,
}

/// Exchanges with the relay at `address`: hands over this kiosk's waiting records (and what it
/// carries for others), takes back its acknowledgements and newer content.
pub async fn exchange(data_dir: &DataDir, address: SocketAddr) -> Result<Exchanged, RelayError> {
    let link = |e: reqwest::Error| RelayError::Io {
        action: "reach the relay at",
        path: address.to_string().into(),
        source: std::io::Error::other(e.without_url().to_string()),
    };
    let refused = |status: StatusCode, text: String| RelayError::Io {
        action: "exchange with the relay at",
        path: address.to_string().into(),
        source: std::io::Error::other(format!("{status}: {text}")),
    };
    let store = data_dir.open_store()?;
    let enrolment = store.enrolment()?.ok_or(RelayError::NotEnrolled)?;
    let fingerprint = enrolment
        .fingerprint
        .parse()
        .map_err(|_| RelayError::Enrolment("the stored server fingerprint is damaged"))?;
    // Plain HTTP on the LAN; the TLS settings are the pinned ones, never used here.
    let tls = crate::sync::pinning::pinned_client_config(fingerprint)
        .map_err(|_| RelayError::Enrolment("the stored server fingerprint is unusable"))?;
    let http = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(60))
        // Whoever answers on the LAN is not trusted: no redirects, every answer bounded.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(link)?;
    let base = format!("http://{address}");
    let mut exchanged = Exchanged::default();
    drop(store);
    // First what the relay holds for this kiosk, so records it acknowledges are not handed
    // over again.
    let response = http
        // A kiosk id is letters, digits, `-` and `_`: nothing to escape.
        .get(format!(
            "{base}{}?kiosk={}",
            paths::ACKS,
            enrolment.kiosk_id
        ))
        .send()
        .await
        .map_err(link)?;
    if !response.status().is_success() {
        let status = response.status();
        return Err(refused(status, read_text(response).await));
    }
    let acks: Vec<SignedRelayAck> =
        serde_json::from_slice(&read_capped(response, MAX_ACKS_ANSWER).await.map_err(link)?)
            .map_err(|e| {
                refused(
                    StatusCode::OK,
                    format!("its acknowledgements cannot be read: {e}"),
                )
            })?;
    let mut store = data_dir.open_store()?;
    for ack in acks.iter().take(wire::MAX_CARRIED_ACKS) {
        match take_ack(&mut store, ack, crate::clock::now())? {
            AckTaken::Mine(marked) => exchanged.own_records_acked += marked,
            AckTaken::Carried => {}
            AckTaken::Refused(why) => {
                tracing::warn!(%why, "an acknowledgement from the relay was ignored");
                exchanged.acks_refused += 1;
            }
        }
    }
    // Records handed to a relay are not handed again (to this or another one) until a day
    // has passed with no acknowledgement: a kiosk that looks for a relay every few minutes
    // does not fill it with copies.
    let now = crate::clock::now();
    let own = own_bundles(
        &store,
        data_dir.path(),
        Some(now - HAND_AGAIN_AFTER_SECONDS),
    )?;
    store.note_own_bundles(&own.ids, now)?;
    exchanged.own_records = own.records();
    let mut handing = own.bundles;
    for (id, _) in store.carried_bundles()? {
        if let Some(bytes) = store.carried_bundle(&id)? {
            handing.push(bytes);
            exchanged.carried_handed_on += 1;
        }
    }
    drop(store);
    for bundle in handing {
        let response = http
            .post(format!("{base}{}", paths::BUNDLES))
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(bundle)
            .send()
            .await
            .map_err(link)?;
        let status = response.status();
        if !status.is_success() {
            return Err(refused(status, read_text(response).await));
        }
        let taken: Taken =
            serde_json::from_slice(&read_capped(response, 1024).await.map_err(link)?)
                .map_err(|e| refused(StatusCode::OK, format!("its answer cannot be read: {e}")))?;
        if taken == Taken::Taken {
            exchanged.bundles_taken += 1;
        }
    }
    data_dir.open_store()?.mark_relay_handed(&own.seqs, now)?;
    exchanged.content_installed =
        fetch_content(&http, &base, data_dir.path(), &enrolment.content_key).await?;
    Ok(exchanged)
}

/// The largest list of acknowledgements read from a relay.
const MAX_ACKS_ANSWER: usize = 4 * 1024 * 1024;
/// The largest signed manifest read from a relay.
const MAX_MANIFEST_ANSWER: usize = 4 * 1024 * 1024;

/// An answer's body, refused past `limit` bytes.
async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            break;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// An error answer's first words, for the message.
async fn read_text(response: reqwest::Response) -> String {
    let body = read_capped(response, 512).await.unwrap_or_default();
    String::from_utf8_lossy(&body).into_owned()
}

/// Installs the relay's content if it is newer than this kiosk's and signed by its server.
async fn fetch_content(
    http: &reqwest::Client,
    base: &str,
    data_dir: &Path,
    content_key: &str,
) -> Result<Option<u64>, RelayError> {
    let link = |e: reqwest::Error| RelayError::Io {
        action: "fetch content from the relay at",
        path: base.into(),
        source: std::io::Error::other(e.without_url().to_string()),
    };
    let response = http
        .get(format!("{base}{}", paths::MANIFEST))
        .send()
        .await
        .map_err(link)?;
    if response.status() == StatusCode::NOT_FOUND {
        return Ok(None);
    }
    let signed: SignedManifest = serde_json::from_slice(
        &read_capped(
            response.error_for_status().map_err(link)?,
            MAX_MANIFEST_ANSWER,
        )
        .await
        .map_err(link)?,
    )
    .map_err(|e| RelayError::Content(format!("its manifest cannot be read: {e}")))?;
    let content = ContentDir::new(data_dir);
    let running = content.current_version();
    let manifest = match crate::sync::content::verify(&signed, content_key, running) {
        Ok(manifest) if manifest.version > running => manifest,
        Ok(_) => return Ok(None),
        Err(error) => {
            tracing::warn!(%error, "the relay's content was not installed");
            return Ok(None);
        }
    };
    for file in manifest.files.iter().filter(|file| !content.has(file)) {
        let mut response = http
            .get(format!("{base}{}/{}", paths::FILES, file.hash))
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(link)?;
        // Never more than the signed manifest says the file holds.
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(link)? {
            if (bytes.len() + chunk.len()) as u64 > file.size {
                return Err(RelayError::Content(format!(
                    "the relay sent more of {} than its {} bytes",
                    file.path, file.size
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        content
            .accept_rebuilt(file, &bytes)
            .map_err(|e| RelayError::Content(e.to_string()))?;
    }
    content
        .install_signed(&signed, &manifest)
        .map_err(|e| RelayError::Content(e.to_string()))?;
    Ok(Some(manifest.version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relay_answers_its_own_networks_only() {
        for local in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.9",
            "192.168.1.20",
            "169.254.7.7",
            "::1",
            "fd00::2",
            "fe80::1",
            "::ffff:192.168.1.20",
        ] {
            assert!(
                is_local_network(
                    local
                        .parse()
                        .unwrap_or(std::net::Ipv4Addr::UNSPECIFIED.into())
                ),
                "{local}"
            );
        }
        for remote in ["8.8.8.8", "192.0.2.2", "2001:db8::1", "::ffff:8.8.8.8"] {
            assert!(
                !is_local_network(
                    remote
                        .parse()
                        .unwrap_or(std::net::Ipv4Addr::LOCALHOST.into())
                ),
                "{remote}"
            );
        }
    }
}
