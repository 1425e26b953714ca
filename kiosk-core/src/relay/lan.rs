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
            let mut info = mdns_sd::ServiceInfo::new(
                SERVICE_TYPE,
                &enrolment.kiosk_id,
                &host,
                "",
                address.port(),
                &properties[..],
            )
            .map_err(|e| mdns_error("describe the relay for mDNS", e))?;
            info = if address.ip().is_unspecified() {
                info.enable_addr_auto()
            } else {
                mdns_sd::ServiceInfo::new(
                    SERVICE_TYPE,
                    &enrolment.kiosk_id,
                    &host,
                    address.ip(),
                    address.port(),
                    &properties[..],
                )
                .map_err(|e| mdns_error("describe the relay for mDNS", e))?
            };
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
            .with_state(relay);
        let stopped = async {
            let _ = stop.await;
        };
        if let Err(error) = axum::serve(listener, app)
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

/// Runs `work` on the blocking pool with one of the relay's places, answering 503 when the
/// thread cannot run and 500 with the message when `work` fails.
async fn blocking<T: Send + 'static>(
    relay: &Relay,
    work: impl FnOnce(&DataDir) -> Result<T, RelayError> + Send + 'static,
) -> Result<T, Response> {
    let Ok(_place) = relay.at_once.clone().acquire_owned().await else {
        return Err(StatusCode::SERVICE_UNAVAILABLE.into_response());
    };
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
        let id = RelayBundle::id_of(&body);
        Ok(store.carry_bundle(&id, &bundle.kiosk, &body, crate::clock::now())?)
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
    match ContentDir::new(relay.data_dir.path()).signed_manifest() {
        Some((signed, _)) => Json(signed).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn file(State(relay): State<Relay>, UrlPath(hash): UrlPath<String>) -> Response {
    let content = ContentDir::new(relay.data_dir.path());
    // Only the files of the version in use: nothing else of the data directory is reachable.
    let listed = content
        .signed_manifest()
        .is_some_and(|(_, manifest)| manifest.files.iter().any(|f| f.hash == hash));
    if !listed {
        return StatusCode::NOT_FOUND.into_response();
    }
    match tokio::fs::read(content.file(&hash)).await {
        Ok(bytes) => bytes.into_response(),
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
        .build()
        .map_err(link)?;
    let base = format!("http://{address}");
    let mut exchanged = Exchanged::default();
    drop(store);
    // First what the relay holds for this kiosk, so records it acknowledges are not handed
    // over again.
    let response = http
        .get(format!("{base}{}", paths::ACKS))
        .query(&[("kiosk", enrolment.kiosk_id.as_str())])
        .send()
        .await
        .map_err(link)?;
    if !response.status().is_success() {
        let status = response.status();
        return Err(refused(status, response.text().await.unwrap_or_default()));
    }
    let acks: Vec<SignedRelayAck> = response.json().await.map_err(link)?;
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
    let after = match store.relay_handed()? {
        Some((seq, at)) if now - at < HAND_AGAIN_AFTER_SECONDS => seq,
        _ => 0,
    };
    let own = own_bundles(&store, data_dir.path(), after)?;
    exchanged.own_records = own.records;
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
            return Err(refused(status, response.text().await.unwrap_or_default()));
        }
        if response.json::<Taken>().await.map_err(link)? == Taken::Taken {
            exchanged.bundles_taken += 1;
        }
    }
    if own.records > 0 {
        data_dir.open_store()?.set_relay_handed(own.last_seq, now)?;
    }
    exchanged.content_installed =
        fetch_content(&http, &base, data_dir.path(), &enrolment.content_key).await?;
    Ok(exchanged)
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
    let signed: SignedManifest = response
        .error_for_status()
        .map_err(link)?
        .json()
        .await
        .map_err(link)?;
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
        .install(&manifest)
        .map_err(|e| RelayError::Content(e.to_string()))?;
    if let Err(error) = content.save_signed_manifest(&signed) {
        tracing::warn!(%error, "cannot keep the signed manifest");
    }
    Ok(Some(manifest.version))
}
