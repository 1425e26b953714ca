//! The certificate the server presents and the ones kiosks may see. Either the self-signed
//! identity made in the data directory, or the city's own certificate and key (PEM files,
//! e.g. from Let's Encrypt), re-read whenever the files change so a renewal needs no restart.
//! Certificates of a TLS-terminating proxy in front (`public_certificates`) are watched the
//! same way. Kiosks learn which certificates are genuine from the identity proof
//! (`GET /api/v2/identity`, see ARCHITECTURE.md "Certificates"), signed with the key they
//! pinned at enrolment.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;

use crate::tls::{TlsError, TlsIdentity, fingerprint_of};

/// Where the certificate the server presents comes from.
#[derive(Debug, Clone)]
pub enum CertificateSource {
    /// The self-signed identity in `<data-dir>/tls`, made on first start for these names.
    SelfSigned {
        /// The folder holding `cert.pem` and `key.pem`.
        dir: PathBuf,
        /// The names it is issued for.
        names: Vec<String>,
    },
    /// The city's own chain and key, PEM.
    Files {
        /// The certificate chain, leaf first.
        cert: PathBuf,
        /// The private key.
        key: PathBuf,
    },
}

/// The served certificate, reloaded when its files change, and the fingerprints kiosks may
/// see.
pub struct ServedCertificates {
    source: CertificateSource,
    public: Vec<PathBuf>,
    current: RwLock<Loaded>,
    checked: Mutex<Vec<Stamp>>,
}

struct Loaded {
    key: Arc<CertifiedKey>,
    fingerprint: String,
    public_fingerprints: Vec<String>,
}

impl std::fmt::Debug for ServedCertificates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServedCertificates")
            .field("source", &self.source)
            .field("fingerprint", &self.fingerprint())
            .finish_non_exhaustive()
    }
}

impl ServedCertificates {
    /// Loads the served certificate (making the self-signed one if needed) and the public
    /// ones.
    pub fn load(
        source: CertificateSource,
        public: Vec<PathBuf>,
    ) -> Result<Arc<ServedCertificates>, TlsError> {
        let loaded = load(&source, &public)?;
        let certificates = ServedCertificates {
            checked: Mutex::new(stamps(&source, &public)),
            source,
            public,
            current: RwLock::new(loaded),
        };
        Ok(Arc::new(certificates))
    }

    /// A rustls configuration that always presents the current certificate.
    pub fn server_config(self: &Arc<Self>) -> Result<Arc<rustls::ServerConfig>, TlsError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| TlsError::Unusable {
                path: PathBuf::from("(TLS settings)"),
                reason: e.to_string(),
            })?
            .with_no_client_auth()
            .with_cert_resolver(Arc::new(Resolver(self.clone())));
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }

    /// The SHA-256 fingerprint of the certificate the server presents now.
    pub fn fingerprint(&self) -> String {
        self.read(|loaded| loaded.fingerprint.clone())
    }

    /// The fingerprints a kiosk may see: those of the proxy certificates in front when any
    /// are configured (kiosks never reach the server directly then), and the served one.
    pub fn kiosk_facing(&self) -> Vec<String> {
        self.read(|loaded| {
            let mut all = loaded.public_fingerprints.clone();
            if !all.contains(&loaded.fingerprint) {
                all.push(loaded.fingerprint.clone());
            }
            all
        })
    }

    /// The fingerprint to announce to new kiosks (in enrolment tickets): the first proxy
    /// certificate if there is one, else the served one.
    pub fn announced(&self) -> String {
        self.read(|loaded| {
            loaded
                .public_fingerprints
                .first()
                .cloned()
                .unwrap_or_else(|| loaded.fingerprint.clone())
        })
    }

    /// Re-reads the files if any changed since the last look. A file caught half-written
    /// (a renewal in progress) leaves the current certificate in use and is tried again at
    /// the next look. Returns whether anything was replaced.
    pub fn reload_if_changed(&self) -> Result<bool, TlsError> {
        let now = stamps(&self.source, &self.public);
        {
            let checked = self
                .checked
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if *checked == now {
                return Ok(false);
            }
        }
        let loaded = load(&self.source, &self.public)?;
        let changed = self.read(|current| {
            current.fingerprint != loaded.fingerprint
                || current.public_fingerprints != loaded.public_fingerprints
        });
        *self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = loaded;
        *self
            .checked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = now;
        Ok(changed)
    }

    fn read<T>(&self, with: impl FnOnce(&Loaded) -> T) -> T {
        with(
            &self
                .current
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }
}

#[derive(Debug)]
struct Resolver(Arc<ServedCertificates>);

impl ResolvesServerCert for Resolver {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.0.read(|loaded| loaded.key.clone()))
    }
}

/// What tells a file changed: its time, size and inode (a renewal usually renames a new file
/// into place, which changes the inode even within one clock tick).
type Stamp = Option<(SystemTime, u64, u64)>;

fn modified(path: &Path) -> Stamp {
    use std::os::unix::fs::MetadataExt as _;
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len(), metadata.ino()))
}

fn stamps(source: &CertificateSource, public: &[PathBuf]) -> Vec<Stamp> {
    let mut files: Vec<&Path> = match source {
        CertificateSource::SelfSigned { .. } => Vec::new(),
        CertificateSource::Files { cert, key } => vec![cert, key],
    };
    files.extend(public.iter().map(PathBuf::as_path));
    files.into_iter().map(modified).collect()
}

fn unusable(path: &Path, reason: impl std::fmt::Display) -> TlsError {
    TlsError::Unusable {
        path: path.to_owned(),
        reason: reason.to_string(),
    }
}

/// The leaf certificate of a PEM chain file.
fn leaf_of(path: &Path) -> Result<CertificateDer<'static>, TlsError> {
    CertificateDer::pem_file_iter(path)
        .map_err(|e| unusable(path, e))?
        .next()
        .ok_or_else(|| unusable(path, "no certificate in it"))?
        .map_err(|e| unusable(path, e))
}

fn load(source: &CertificateSource, public: &[PathBuf]) -> Result<Loaded, TlsError> {
    let (chain, key) = match source {
        CertificateSource::SelfSigned { dir, names } => {
            let identity = TlsIdentity::load_or_create(dir, names)?;
            identity.parts()
        }
        CertificateSource::Files { cert, key } => {
            let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
                .map_err(|e| unusable(cert, e))?
                .collect::<Result<_, _>>()
                .map_err(|e| unusable(cert, e))?;
            if chain.is_empty() {
                return Err(unusable(cert, "no certificate in it"));
            }
            let private = PrivateKeyDer::from_pem_file(key).map_err(|e| unusable(key, e))?;
            (chain, private)
        }
    };
    let fingerprint = fingerprint_of(chain[0].as_ref());
    let key_path = match source {
        CertificateSource::SelfSigned { dir, .. } => dir.join("key.pem"),
        CertificateSource::Files { key, .. } => key.clone(),
    };
    let signing =
        rustls::crypto::ring::sign::any_supported_type(&key).map_err(|e| unusable(&key_path, e))?;
    let certified = CertifiedKey::new(chain, signing);
    certified.keys_match().map_err(|e| {
        unusable(
            &key_path,
            format!("the key does not belong to the certificate: {e}"),
        )
    })?;
    let public_fingerprints = public
        .iter()
        .map(|path| leaf_of(path).map(|leaf| fingerprint_of(leaf.as_ref())))
        .collect::<Result<_, _>>()?;
    Ok(Loaded {
        key: Arc::new(certified),
        fingerprint,
        public_fingerprints,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_pair(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
        let key = rcgen::KeyPair::generate().expect("key");
        let params = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
        let certificate = params.self_signed(&key).expect("certificate");
        let (cert_path, key_path) = (
            dir.join(format!("{name}.pem")),
            dir.join(format!("{name}.key")),
        );
        std::fs::write(&cert_path, certificate.pem()).expect("write");
        std::fs::write(&key_path, key.serialize_pem()).expect("write");
        (cert_path, key_path)
    }

    #[test]
    fn the_citys_certificate_is_reloaded_when_its_files_change() -> Result<(), TlsError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let (cert, key) = write_pair(dir.path(), "live");
        let served = ServedCertificates::load(
            CertificateSource::Files {
                cert: cert.clone(),
                key: key.clone(),
            },
            Vec::new(),
        )?;
        let first = served.fingerprint();
        assert!(!served.reload_if_changed()?, "nothing changed");
        // A renewal with a new key, written over the same paths.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let (new_cert, new_key) = write_pair(dir.path(), "renewed");
        std::fs::rename(&new_key, &key).expect("rename");
        std::fs::rename(&new_cert, &cert).expect("rename");
        assert!(served.reload_if_changed()?);
        assert_ne!(served.fingerprint(), first);
        assert_eq!(served.kiosk_facing(), [served.fingerprint()]);
        // A key that does not match its certificate is refused; the old pair stays in use.
        let (_, other_key) = write_pair(dir.path(), "other");
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::rename(&other_key, &key).expect("rename");
        let kept = served.fingerprint();
        assert!(served.reload_if_changed().is_err());
        assert_eq!(served.fingerprint(), kept);
        served.server_config()?;
        Ok(())
    }

    #[test]
    fn a_proxys_certificate_is_what_kiosks_see_and_what_is_announced() -> Result<(), TlsError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let (proxy_cert, _) = write_pair(dir.path(), "proxy");
        let served = ServedCertificates::load(
            CertificateSource::SelfSigned {
                dir: dir.path().join("tls"),
                names: vec!["localhost".into()],
            },
            vec![proxy_cert.clone()],
        )?;
        let proxy = fingerprint_of(leaf_of(&proxy_cert)?.as_ref());
        assert_eq!(served.announced(), proxy);
        assert_eq!(served.kiosk_facing(), [proxy, served.fingerprint()]);
        Ok(())
    }
}
