//! The sync server: enrols kiosks, stores what they upload exactly once, and shows staff
//! what the fleet is doing. The binary (`src/main.rs`) is a thin command line over this.

pub mod accounts;
pub mod api;
pub mod background;
pub mod backup;
pub mod certificates;
pub mod cli;
pub mod client_address;
pub mod clock;
pub mod content;
pub mod credentials;
pub mod data_dir;
pub mod demo;
pub mod dictionaries;
pub mod digest;
pub mod enrolment;
mod files;
pub mod fleet;
pub mod metrics;
pub mod open311;
pub mod open311_push;
pub mod ops;
pub mod releases;
pub mod sealing;
pub mod server;
pub mod staff;
pub mod staging;
pub mod store;
pub mod tls;

use std::net::SocketAddr;
use std::path::PathBuf;

/// Neighbourhood baselines, outlines and opening hours (the `places` crate).
pub use ::places;
pub use background::BackgroundServer;
pub use data_dir::{Announcement, DataDir};
pub use server::{app, bind, run};
pub use store::Store;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The public half of the server's sealing key (base64), handed to kiosks at enrolment.
    pub sealing_public_key: std::sync::Arc<str>,
    /// The server's sealing key, which opens residents' personal fields (for case workers and
    /// Open311 keys allowed them; never stored opened).
    pub sealing: std::sync::Arc<sealing::SealingKey>,
    /// Unfinished uploads.
    pub staging: std::sync::Arc<staging::Staging>,
    /// Published content (signed manifest and files).
    pub content: content::ContentShelf,
    /// Published kiosk software (signed list and packages).
    pub releases: releases::ReleaseShelf,
    /// The public half of the content signing key (base64), pinned by kiosks at enrolment.
    pub content_public_key: std::sync::Arc<str>,
    /// One permit per upload being ingested at once; when none is free, kiosks are told to
    /// come back later (503 with Retry-After).
    pub ingest_slots: std::sync::Arc<tokio::sync::Semaphore>,
    /// Computed monthly figures, reused until something they depend on changes.
    pub figures: metrics::FiguresCache,
    /// Days raw events are kept.
    pub retention_days: u64,
    /// Days residents' personal fields are kept once their request is closed.
    pub personal_data: std::sync::Arc<store::requests::PersonalDataDays>,
    /// City case systems new requests are pushed to.
    pub open311_push: std::sync::Arc<Vec<open311_push::PushTarget>>,
    /// The daily email digest, if configured.
    pub digest: Option<std::sync::Arc<digest::DigestSettings>>,
    /// Counters for `/metrics` (operations only: no resident data).
    pub ops: std::sync::Arc<ops::OpsCounters>,
    /// The data directory (for the announcement staff pages show, and uploads in progress).
    pub data_dir: std::sync::Arc<std::path::Path>,
    /// Who may reach what: trusted proxies, the `/metrics` allow-list and token.
    pub access: std::sync::Arc<AccessSettings>,
    /// Bounds the password checks running and waiting at once.
    pub password_gate: std::sync::Arc<accounts::PasswordGate>,
    /// The certificate presented and the ones kiosks may see (for the identity proof);
    /// `None` in servers made without them (some tests).
    pub certificates: Option<std::sync::Arc<certificates::ServedCertificates>>,
    /// Kiosks with an upload being stored now (one at a time per kiosk).
    pub ingesting: std::sync::Arc<std::sync::Mutex<std::collections::HashSet<String>>>,
}

/// Who may reach what, beyond logins and device credentials.
#[derive(Debug, Clone)]
pub struct AccessSettings {
    /// Reverse proxies whose `X-Forwarded-For` names the real client (for throttling).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Networks `/metrics` answers without a token (default: this machine only).
    pub metrics_allow: Vec<ipnet::IpNet>,
    /// SHA-256 (hex) of a bearer token that also opens `/metrics` from anywhere.
    pub metrics_token_hash: Option<String>,
}

impl Default for AccessSettings {
    fn default() -> Self {
        AccessSettings {
            trusted_proxies: Vec::new(),
            metrics_allow: ["127.0.0.0/8", "::1/128"]
                .iter()
                .filter_map(|net| net.parse().ok())
                .collect(),
            metrics_token_hash: None,
        }
    }
}

/// How the sync server treats uploads.
#[derive(Debug, Clone)]
pub struct SyncSettings {
    /// Unfinished uploads untouched for this long are deleted.
    pub staging_ttl: std::time::Duration,
    /// Where unfinished uploads wait (`None`: `staging/` in the data directory); shared by
    /// every server process of a city.
    pub staging_dir: Option<std::path::PathBuf>,
    /// Uploads ingested at the same time; more are answered 503 with Retry-After.
    pub max_concurrent_ingests: usize,
    /// Days raw events are kept before they are deleted (the roll-ups keep counting them).
    pub retention_days: u64,
    /// Days residents' personal fields are kept once their request is closed.
    pub personal_data: store::requests::PersonalDataDays,
    /// City case systems that new requests are pushed to over Open311.
    pub open311_push: Vec<open311_push::PushTarget>,
    /// The daily email digest of requests per form, if configured.
    pub digest: Option<digest::DigestSettings>,
}

impl Default for SyncSettings {
    fn default() -> Self {
        SyncSettings {
            staging_ttl: std::time::Duration::from_secs(24 * 3600),
            staging_dir: None,
            max_concurrent_ingests: 8,
            retention_days: 90,
            personal_data: store::requests::PersonalDataDays::default(),
            open311_push: Vec::new(),
            digest: None,
        }
    }
}

impl AppState {
    /// The state of a server keeping its data in `data_dir`.
    pub fn new(
        store: Store,
        data_dir: &DataDir,
        settings: SyncSettings,
    ) -> Result<AppState, ServerError> {
        let staging_dir = settings
            .staging_dir
            .clone()
            .unwrap_or_else(|| data_dir.path().join("staging"));
        let staging = staging::Staging::new(&staging_dir, settings.staging_ttl).map_err(|e| {
            ServerError::DataDir {
                path: staging_dir.clone(),
                reason: e.to_string(),
            }
        })?;
        let shelf = content::ContentShelf::new(data_dir.path());
        let content_public_key = shelf.public_key().map_err(|e| ServerError::DataDir {
            path: data_dir.path().to_owned(),
            reason: e.to_string(),
        })?;
        let sealing = data_dir.sealing_key()?;
        Ok(AppState {
            store,
            sealing_public_key: sealing.public_base64().into(),
            sealing: std::sync::Arc::new(sealing),
            content: shelf,
            releases: releases::ReleaseShelf::new(data_dir.path()),
            content_public_key: content_public_key.into(),
            staging: std::sync::Arc::new(staging),
            ingest_slots: std::sync::Arc::new(tokio::sync::Semaphore::new(
                settings.max_concurrent_ingests.max(1),
            )),
            figures: metrics::FiguresCache::default(),
            retention_days: settings.retention_days,
            personal_data: std::sync::Arc::new(settings.personal_data),
            open311_push: std::sync::Arc::new(settings.open311_push),
            digest: settings.digest.map(std::sync::Arc::new),
            ops: std::sync::Arc::default(),
            data_dir: data_dir.path().into(),
            access: std::sync::Arc::new(AccessSettings::default()),
            password_gate: std::sync::Arc::default(),
            certificates: None,
            ingesting: std::sync::Arc::default(),
        })
    }

    /// The same state, proving its identity over these certificates.
    pub fn with_certificates(
        mut self,
        certificates: std::sync::Arc<certificates::ServedCertificates>,
    ) -> AppState {
        self.certificates = Some(certificates);
        self
    }

    /// The same state with these access settings.
    pub fn with_access(mut self, access: AccessSettings) -> AppState {
        self.access = std::sync::Arc::new(access);
        self
    }
}

/// Why the server could not start or keep running.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The data directory is missing, unwritable or not a directory.
    #[error("cannot use the data directory {path}: {reason}")]
    DataDir {
        /// The directory as given.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The TLS certificate could not be loaded or made.
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
    /// The sealing key could not be loaded or made.
    #[error(transparent)]
    Sealing(#[from] sealing::SealingError),
    /// The listening address could not be bound.
    #[error("cannot listen on {address}: {}", bind_advice(.source))]
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The server stopped with an I/O error.
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

fn bind_advice(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::AddrInUse => {
            "the address is already in use (is another sync-server running? choose another with --listen)".into()
        }
        std::io::ErrorKind::PermissionDenied => "permission denied (ports below 1024 need privileges)".into(),
        std::io::ErrorKind::AddrNotAvailable => "this machine has no such address".into(),
        _ => error.to_string(),
    }
}
