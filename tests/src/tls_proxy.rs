//! A small TLS-terminating proxy for tests: it presents its own certificate to clients and
//! passes the bytes on, over a second TLS connection, to a backend it can be pointed at. It
//! plays a city's reverse proxy (with its own certificate, renewed at will) and a stranger
//! in the middle (relaying to the real server, or to a server of its own).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use tokio::net::{TcpListener, TcpStream};

/// A certificate and key written as PEM files (what `--tls-cert`/`--tls-key` take).
pub struct CertificateFiles {
    /// The certificate (PEM).
    pub cert: PathBuf,
    /// The private key (PEM).
    pub key: PathBuf,
}

impl CertificateFiles {
    /// A new self-signed certificate for localhost and 127.0.0.1, written into `dir` as
    /// `<name>.pem` and `<name>.key`.
    pub fn make(dir: &Path, name: &str) -> anyhow::Result<CertificateFiles> {
        let key = rcgen::KeyPair::generate()?;
        let params =
            rcgen::CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])?;
        let certificate = params.self_signed(&key)?;
        let files = CertificateFiles {
            cert: dir.join(format!("{name}.pem")),
            key: dir.join(format!("{name}.key")),
        };
        std::fs::write(&files.cert, certificate.pem())?;
        std::fs::write(&files.key, key.serialize_pem())?;
        Ok(files)
    }

    /// Moves these files over `target`'s (as a renewal does), certificate last.
    pub fn replace(self, target: &CertificateFiles) -> anyhow::Result<()> {
        std::fs::rename(&self.key, &target.key)?;
        std::fs::rename(&self.cert, &target.cert)?;
        Ok(())
    }

    /// The SHA-256 fingerprint of the certificate, as kiosks pin it.
    pub fn fingerprint(&self) -> anyhow::Result<String> {
        let der = CertificateDer::from_pem_file(&self.cert)?;
        Ok(sync_server::tls::fingerprint_of(der.as_ref()))
    }

    fn server_config(&self) -> anyhow::Result<Arc<rustls::ServerConfig>> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from_pem_file(&self.cert)?],
                PrivateKeyDer::from_pem_file(&self.key)?,
            )?;
        Ok(Arc::new(config))
    }
}

struct Settings {
    tls: Arc<rustls::ServerConfig>,
    backend: SocketAddr,
}

/// A running proxy; stops with its runtime when dropped.
pub struct TlsProxy {
    address: SocketAddr,
    settings: Arc<Mutex<Settings>>,
    _runtime: tokio::runtime::Runtime,
}

impl TlsProxy {
    /// A proxy on a free port presenting `certificate` and passing connections to `backend`.
    pub fn start(certificate: &CertificateFiles, backend: SocketAddr) -> anyhow::Result<TlsProxy> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()?;
        let settings = Arc::new(Mutex::new(Settings {
            tls: certificate.server_config()?,
            backend,
        }));
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0"))?;
        let address = listener.local_addr()?;
        let shared = settings.clone();
        runtime.spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (tls, backend) = match shared.lock() {
                    Ok(settings) => (settings.tls.clone(), settings.backend),
                    Err(_) => return,
                };
                tokio::spawn(async move {
                    let _ = relay(client, tls, backend).await;
                });
            }
        });
        Ok(TlsProxy {
            address,
            settings,
            _runtime: runtime,
        })
    }

    /// `https://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("https://{}", self.address)
    }

    /// Presents another certificate to new connections.
    pub fn present(&self, certificate: &CertificateFiles) -> anyhow::Result<()> {
        let tls = certificate.server_config()?;
        if let Ok(mut settings) = self.settings.lock() {
            settings.tls = tls;
        }
        Ok(())
    }

    /// Passes new connections to another backend.
    pub fn point_at(&self, backend: SocketAddr) {
        if let Ok(mut settings) = self.settings.lock() {
            settings.backend = backend;
        }
    }
}

async fn relay(
    client: TcpStream,
    tls: Arc<rustls::ServerConfig>,
    backend: SocketAddr,
) -> anyhow::Result<()> {
    let mut front = tokio_rustls::TlsAcceptor::from(tls).accept(client).await?;
    // The proxy trusts its backend (it is configured to reach it).
    let seen = Arc::new(Mutex::new(None));
    let config = kiosk_core::sync::pinning::observing_client_config(seen)?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let stream = TcpStream::connect(backend).await?;
    let mut back = connector
        .connect(ServerName::try_from("localhost")?.to_owned(), stream)
        .await?;
    tokio::io::copy_bidirectional(&mut front, &mut back).await?;
    Ok(())
}
