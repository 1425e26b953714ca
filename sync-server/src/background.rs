//! A complete server (HTTPS, its own data directory) running on a background thread: what
//! tests, benchmarks and demos start when they need a real server without a separate process.

use std::net::SocketAddr;
use std::path::Path;
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use crate::certificates::{CertificateSource, ServedCertificates};
use crate::{AppState, DataDir, ServerError, Store};

/// A running server. Dropping it (or calling [`BackgroundServer::stop`]) shuts it down.
pub struct BackgroundServer {
    address: SocketAddr,
    fingerprint: String,
    certificates: std::sync::Arc<ServedCertificates>,
    store: Store,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<Result<(), ServerError>>>,
}

impl BackgroundServer {
    /// Starts a server on `listen` (port 0 picks a free port) keeping its data in `data_dir`.
    pub fn start(data_dir: &Path, listen: SocketAddr) -> Result<BackgroundServer, ServerError> {
        Self::start_with(data_dir, listen, crate::SyncSettings::default())
    }

    /// Starts a server with its upload settings (staging TTL, concurrent ingests).
    pub fn start_with(
        data_dir: &Path,
        listen: SocketAddr,
        settings: crate::SyncSettings,
    ) -> Result<BackgroundServer, ServerError> {
        Self::start_with_certificates(data_dir, listen, settings, None, Vec::new())
    }

    /// Starts a server presenting the city's own certificate files (`Some((cert, key))`),
    /// else the self-signed one, and telling kiosks about `public` certificates (a proxy's).
    pub fn start_with_certificates(
        data_dir: &Path,
        listen: SocketAddr,
        settings: crate::SyncSettings,
        files: Option<(std::path::PathBuf, std::path::PathBuf)>,
        public: Vec<std::path::PathBuf>,
    ) -> Result<BackgroundServer, ServerError> {
        let data_dir = DataDir::open(data_dir)?;
        let store = data_dir.open_store()?;
        let source = match files {
            Some((cert, key)) => CertificateSource::Files { cert, key },
            None => CertificateSource::SelfSigned {
                dir: data_dir.path().join("tls"),
                names: vec!["localhost".to_owned(), "127.0.0.1".to_owned()],
            },
        };
        let certificates = ServedCertificates::load(source, public)?;
        let tls = certificates.server_config()?;
        let listener = crate::bind(listen)?;
        let address = listener.local_addr().map_err(|source| ServerError::Bind {
            address: listen,
            source,
        })?;
        // Where kiosks reach it, for the staff web's enrolment tickets (as `serve` does).
        data_dir.write_announcement(&crate::data_dir::Announcement {
            url: format!("https://{address}"),
            fingerprint: certificates.announced(),
        })?;
        let (stop, stopped) = oneshot::channel::<()>();
        let state = AppState::new(store.clone(), &data_dir, settings)?
            .with_certificates(certificates.clone());
        let thread = std::thread::Builder::new()
            .name("sync-server".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .map_err(ServerError::Serve)?;
                runtime.block_on(crate::run(listener, tls, state, async {
                    let _ = stopped.await;
                }))
            })
            .map_err(ServerError::Serve)?;
        Ok(BackgroundServer {
            address,
            fingerprint: certificates.announced(),
            certificates,
            store,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The certificates it presents (to watch a renewal happen).
    pub fn certificates(&self) -> &std::sync::Arc<ServedCertificates> {
        &self.certificates
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Its base URL, e.g. `https://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("https://{}", self.address)
    }

    /// Its certificate's SHA-256 fingerprint.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Its database.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Shuts the server down and waits for it to finish.
    pub fn stop(mut self) -> Result<(), ServerError> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> Result<(), ServerError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take().map(|thread| thread.join()) {
            Some(Ok(outcome)) => outcome,
            Some(Err(_)) => Err(ServerError::Serve(std::io::Error::other(
                "the server thread panicked",
            ))),
            None => Ok(()),
        }
    }
}

impl Drop for BackgroundServer {
    fn drop(&mut self) {
        if let Err(error) = self.shutdown() {
            tracing::error!(%error, "background server stopped with an error");
        }
    }
}
