//! TLS that trusts exactly one certificate: the server's, by the fingerprint given at
//! enrolment. No certificate authority is involved, so a self-signed server certificate
//! works and nothing else does.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};

use super::fingerprint::Fingerprint;

/// The error a pinned verifier raises for any other certificate; recognised by
/// [`is_fingerprint_mismatch`].
#[derive(Debug)]
pub struct FingerprintMismatch;

impl std::fmt::Display for FingerprintMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the server's certificate does not match the fingerprint given at enrolment")
    }
}

impl std::error::Error for FingerprintMismatch {}

#[derive(Debug)]
struct PinnedVerifier {
    expected: Fingerprint,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if Fingerprint::of_certificate(end_entity.as_ref()) == self.expected {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::InvalidCertificate(CertificateError::Other(
                rustls::OtherError(Arc::new(FingerprintMismatch)),
            )))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// A rustls client configuration that accepts only the certificate with this fingerprint
/// (and still checks the server holds its private key).
pub fn pinned_client_config(expected: Fingerprint) -> Result<rustls::ClientConfig, rustls::Error> {
    let provider: Arc<CryptoProvider> = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(PinnedVerifier {
        expected,
        algorithms: provider.signature_verification_algorithms,
    });
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    // TLS sessions are resumed across passes (a new connection after each drop of a bad
    // link skips the certificate exchange), from a cache kept per pinned certificate: a
    // session is only ever resumed with the server whose certificate it first checked.
    config.resumption = rustls::client::Resumption::store(session_cache(expected));
    Ok(config)
}

/// The process's TLS session cache for servers with this certificate.
fn session_cache(pinned: Fingerprint) -> Arc<dyn rustls::client::ClientSessionStore> {
    type Caches = std::collections::HashMap<String, Arc<rustls::client::ClientSessionMemoryCache>>;
    static CACHES: std::sync::LazyLock<std::sync::Mutex<Caches>> =
        std::sync::LazyLock::new(Default::default);
    let mut caches = CACHES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // A kiosk pins one server, two while it follows a renewal: a few caches at most.
    if caches.len() > 8 {
        caches.clear();
    }
    caches
        .entry(pinned.to_string())
        .or_insert_with(|| Arc::new(rustls::client::ClientSessionMemoryCache::new(32)))
        .clone()
}

/// Accepts any certificate (still checking the server holds its key) and notes its
/// fingerprint: used only to ask a server for its signed identity proof, never to send
/// anything that matters.
#[derive(Debug)]
struct ObservingVerifier {
    seen: Arc<std::sync::Mutex<Option<Fingerprint>>>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for ObservingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some(Fingerprint::of_certificate(end_entity.as_ref()));
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// A client configuration that accepts whatever certificate the server presents and writes
/// its fingerprint into `seen` (for the identity proof only; see `sync::identity`).
pub fn observing_client_config(
    seen: Arc<std::sync::Mutex<Option<Fingerprint>>>,
) -> Result<rustls::ClientConfig, rustls::Error> {
    let provider: Arc<CryptoProvider> = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(ObservingVerifier {
        seen,
        algorithms: provider.signature_verification_algorithms,
    });
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

/// True when `error` (or anything it wraps) is a pinned-certificate mismatch.
pub fn is_fingerprint_mismatch(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        if error.downcast_ref::<FingerprintMismatch>().is_some() {
            return true;
        }
        if let Some(rustls::Error::InvalidCertificate(CertificateError::Other(other))) =
            error.downcast_ref::<rustls::Error>()
            && other.0.downcast_ref::<FingerprintMismatch>().is_some()
        {
            return true;
        }
        if let Some(io) = error.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
            && is_fingerprint_mismatch(inner)
        {
            return true;
        }
        current = error.source();
    }
    false
}
