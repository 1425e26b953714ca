//! The server's TLS identity: a self-signed certificate made on first start and kept in the
//! data directory. Kiosks trust it by its SHA-256 fingerprint, given to them at enrolment.

use std::fs;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};

const CERT_FILE: &str = "cert.pem";
const KEY_FILE: &str = "key.pem";
/// Held while the pair is made.
const CREATION_LOCK_FILE: &str = ".create.lock";

/// Why the TLS identity could not be loaded or made.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// Reading or writing a certificate file failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What we were doing.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A certificate file exists but cannot be used.
    #[error(
        "{path} is not a usable certificate or key ({reason}); move it away to have a new one made"
    )]
    Unusable {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// Making a certificate failed.
    #[error("cannot generate a certificate: {0}")]
    Generate(#[from] rcgen::Error),
}

/// The certificate and key the server presents.
pub struct TlsIdentity {
    certificate: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
}

impl std::fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsIdentity")
            .field("fingerprint", &self.fingerprint())
            .finish_non_exhaustive()
    }
}

impl TlsIdentity {
    /// Loads the identity from `dir`, or makes and saves a new self-signed one if there is none.
    /// `names` are the DNS names and IP addresses the certificate is issued for.
    pub fn load_or_create(dir: &Path, names: &[String]) -> Result<TlsIdentity, TlsError> {
        let cert_path = dir.join(CERT_FILE);
        let key_path = dir.join(KEY_FILE);
        // The key is written before the certificate, so a certificate means a whole pair.
        if !cert_path.exists() {
            // Server processes starting together on a new data directory make one pair: the
            // first to take the lock makes it, the others find it made.
            let lock = creation_lock(dir)?;
            if !cert_path.exists() {
                create(&cert_path, &key_path, names)?;
            }
            drop(lock);
        }
        let certificate =
            CertificateDer::from_pem_file(&cert_path).map_err(|e| TlsError::Unusable {
                path: cert_path.clone(),
                reason: e.to_string(),
            })?;
        let key = PrivateKeyDer::from_pem_file(&key_path).map_err(|e| TlsError::Unusable {
            path: key_path.clone(),
            reason: e.to_string(),
        })?;
        Ok(TlsIdentity { certificate, key })
    }

    /// The certificate (a chain of one) and its key.
    pub fn parts(self) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) {
        (vec![self.certificate], self.key)
    }

    /// The certificate's SHA-256 fingerprint as colon-separated upper-case hex.
    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.certificate)
    }

    /// A rustls server configuration presenting this identity.
    pub fn server_config(&self) -> Result<Arc<rustls::ServerConfig>, TlsError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|builder| {
                builder
                    .with_no_client_auth()
                    .with_single_cert(vec![self.certificate.clone()], self.key.clone_key())
            })
            .map_err(|e| TlsError::Unusable {
                path: PathBuf::from(KEY_FILE),
                reason: e.to_string(),
            })?;
        let mut config = config;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

/// The SHA-256 fingerprint of a DER certificate, as colon-separated upper-case hex.
pub fn fingerprint_of(certificate_der: &[u8]) -> String {
    Sha256::digest(certificate_der)
        .iter()
        .map(|byte| format!("{byte:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Holds the lock (`.create.lock` in `dir`) under which the pair is made, made if missing.
fn creation_lock(dir: &Path) -> Result<fs::File, TlsError> {
    fs::create_dir_all(dir).map_err(|source| TlsError::Io {
        action: "cannot create",
        path: dir.to_owned(),
        source,
    })?;
    let path = dir.join(CREATION_LOCK_FILE);
    let file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(&path)
        .and_then(|file| file.lock().map(|()| file))
        .map_err(|source| TlsError::Io {
            action: "cannot lock",
            path,
            source,
        })?;
    Ok(file)
}

fn create(cert_path: &Path, key_path: &Path, names: &[String]) -> Result<(), TlsError> {
    let mut params = rcgen::CertificateParams::new(names.to_vec())?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Inclusion kiosk sync server");
    let key_pair = rcgen::KeyPair::generate()?;
    let certificate = params.self_signed(&key_pair)?;
    // The key first, readable only by us; a crash between the two writes leaves no
    // certificate, so the next start makes a fresh pair.
    write_file(key_path, key_pair.serialize_pem().as_bytes(), 0o600)?;
    write_file(cert_path, certificate.pem().as_bytes(), 0o644)?;
    Ok(())
}

/// Writes `contents` whole ([`crate::files`]): a process that finds the file without the
/// lock never reads half of it.
fn write_file(path: &Path, contents: &[u8], mode: u32) -> Result<(), TlsError> {
    let io_error = |source| TlsError::Io {
        action: "cannot write",
        path: path.to_owned(),
        source,
    };
    crate::files::write_whole(path, contents, mode).map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn the_identity_is_made_once_and_kept() -> Result<(), TlsError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let names = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
        let first = TlsIdentity::load_or_create(dir.path(), &names)?;
        let again = TlsIdentity::load_or_create(dir.path(), &names)?;
        assert_eq!(first.fingerprint(), again.fingerprint());
        assert_eq!(first.fingerprint().len(), 32 * 3 - 1);
        let mode = fs::metadata(dir.path().join(KEY_FILE))
            .expect("key")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        first.server_config()?;
        Ok(())
    }

    #[test]
    fn processes_starting_together_make_one_pair() {
        let names = vec!["localhost".to_owned()];
        for _ in 0..5 {
            let dir = tempfile::tempdir().expect("temp dir");
            let tls = dir.path().join("tls");
            let barrier = std::sync::Barrier::new(3);
            let fingerprints: Vec<String> = std::thread::scope(|scope| {
                let starts: Vec<_> = (0..3)
                    .map(|_| {
                        scope.spawn(|| {
                            barrier.wait();
                            let identity = TlsIdentity::load_or_create(&tls, &names)?;
                            // The key each process read matches the certificate it read.
                            identity.server_config()?;
                            Ok::<_, TlsError>(identity.fingerprint())
                        })
                    })
                    .collect();
                starts
                    .into_iter()
                    .map(|start| start.join().expect("ran").expect("an identity"))
                    .collect()
            });
            assert!(
                fingerprints.iter().all(|f| *f == fingerprints[0]),
                "{fingerprints:?}"
            );
        }
    }

    #[test]
    fn a_key_without_its_certificate_is_replaced_by_a_new_pair() -> Result<(), TlsError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let names = vec!["localhost".to_owned()];
        let first = TlsIdentity::load_or_create(dir.path(), &names)?;
        // A crash between the key's write and the certificate's.
        fs::remove_file(dir.path().join(CERT_FILE)).expect("remove");
        let second = TlsIdentity::load_or_create(dir.path(), &names)?;
        second.server_config()?;
        assert_ne!(first.fingerprint(), second.fingerprint());
        Ok(())
    }

    #[test]
    fn a_corrupt_certificate_is_reported_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join(CERT_FILE), "garbage").expect("write");
        fs::write(dir.path().join(KEY_FILE), "garbage").expect("write");
        let error =
            TlsIdentity::load_or_create(dir.path(), &["localhost".into()]).expect_err("must fail");
        assert!(
            error
                .to_string()
                .contains("cert.pem is not a usable certificate"),
            "{error}"
        );
    }
}
