//! The HTTPS client a kiosk uses to talk to its server (reqwest on rustls, with the server's
//! certificate pinned by fingerprint).

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use wire::{ApiError, BatchReceipt, EnrolRequest, EnrolResponse, EventBatch, paths};

use super::error::SyncError;
use super::fingerprint::Fingerprint;
use super::pinning::{is_fingerprint_mismatch, pinned_client_config};

/// Talks to one server.
pub struct SyncClient {
    http: reqwest::Client,
    base_url: String,
    token: Option<String>,
}

impl SyncClient {
    /// A client for `server_url` trusting only the certificate with `fingerprint`; `token` is
    /// the device credential (absent while enrolling).
    pub fn new(
        server_url: &str,
        fingerprint: Fingerprint,
        token: Option<String>,
    ) -> Result<SyncClient, SyncError> {
        let base_url = normalise_url(server_url)?;
        let tls = pinned_client_config(fingerprint)
            .map_err(|e| SyncError::Config(format!("TLS setup failed: {e}")))?;
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .user_agent(concat!("inclusion-kiosk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SyncError::Config(format!("cannot set up the HTTPS client: {e}")))?;
        Ok(SyncClient {
            http,
            base_url,
            token,
        })
    }

    /// Trades an enrolment code for a device credential.
    pub async fn enrol(&self, code: &str) -> Result<EnrolResponse, SyncError> {
        let request = EnrolRequest {
            code: code.to_owned(),
            software_version: env!("CARGO_PKG_VERSION").into(),
        };
        self.post(paths::ENROL, &request).await
    }

    /// Asks for the server's sealing key.
    pub async fn sealing_key(&self) -> Result<wire::SealingKeyResponse, SyncError> {
        let mut request = self
            .http
            .get(format!("{}{}", self.base_url, paths::SEALING_KEY));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.map_err(classify_transport_error)?;
        let status = response.status();
        if status == reqwest::StatusCode::UNAUTHORIZED {
            return Err(SyncError::CredentialRefused(
                "the sealing key needs a valid credential".into(),
            ));
        }
        if !status.is_success() {
            return Err(SyncError::ServerTrouble {
                status: status.as_u16(),
                message: "no sealing key".into(),
            });
        }
        response
            .json()
            .await
            .map_err(|e| SyncError::Protocol(e.to_string()))
    }

    /// Uploads a batch of events.
    pub async fn upload_events(&self, batch: &EventBatch) -> Result<BatchReceipt, SyncError> {
        self.post(paths::EVENTS, batch).await
    }

    async fn post<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R, SyncError> {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base_url))
            .json(body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.map_err(classify_transport_error)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(classify_transport_error)?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| SyncError::Protocol(e.to_string()));
        }
        let message = serde_json::from_slice::<ApiError>(&bytes)
            .map(|e| e.error)
            .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).chars().take(200).collect());
        Err(match status.as_u16() {
            401 if path == paths::ENROL => SyncError::CodeRefused(message),
            401 => SyncError::CredentialRefused(message),
            403 if path == paths::ENROL => SyncError::CodeRefused(message),
            403 => SyncError::CredentialRefused(message),
            408 | 429 | 500..=599 => SyncError::ServerTrouble {
                status: status.as_u16(),
                message,
            },
            other => SyncError::Rejected {
                status: other,
                message,
            },
        })
    }
}

fn normalise_url(url: &str) -> Result<String, SyncError> {
    let url = url.trim().trim_end_matches('/');
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| SyncError::Config(format!("{url} is not a URL: {e}")))?;
    if parsed.scheme() != "https" {
        return Err(SyncError::Config(format!(
            "{url}: the server URL must start with https://"
        )));
    }
    Ok(url.to_owned())
}

fn classify_transport_error(error: reqwest::Error) -> SyncError {
    if is_fingerprint_mismatch(&error) {
        return SyncError::CertificateMismatch;
    }
    let mut detail = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(inner) = source {
        detail = inner.to_string();
        source = inner.source();
    }
    if error.is_timeout() {
        detail = "timed out".into();
    }
    SyncError::Unreachable(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_urls_are_accepted() {
        assert_eq!(
            normalise_url("https://127.0.0.1:8443/").ok(),
            Some("https://127.0.0.1:8443".into())
        );
        assert!(matches!(
            normalise_url("http://127.0.0.1:8443"),
            Err(SyncError::Config(_))
        ));
        assert!(matches!(
            normalise_url("not a url"),
            Err(SyncError::Config(_))
        ));
    }
}
