//! The HTTPS client a kiosk uses to talk to its server (reqwest on rustls, with the server's
//! certificate pinned by fingerprint).

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wire::{ApiError, EnrolRequest, EnrolResponse, Hello, HelloAnswer, UploadState, paths};

use super::device_key::DeviceKey;
use super::error::SyncError;
use super::fingerprint::Fingerprint;
use super::pinning::{is_fingerprint_mismatch, pinned_client_config};

/// Talks to one server.
pub struct SyncClient {
    http: reqwest::Client,
    base_url: String,
    token: Option<String>,
    signer: Option<DeviceKey>,
}

/// HTTPS connections kept from one sync pass to the next. The worker holds one for the
/// lifetime of its runtime, so a kiosk that syncs after each visit sends over the connection
/// (and TLS session) it already has instead of paying TCP and TLS handshakes every pass.
/// Clones share the same connections. Use it only within one Tokio runtime: connections are
/// driven by the runtime that opened them.
#[derive(Debug, Clone, Default)]
pub struct Connections(std::sync::Arc<std::sync::Mutex<Option<KeptClient>>>);

impl Connections {
    /// Drops the kept connections: the next pass opens new ones (after a failed pass, so a
    /// connection that went bad is not tried again).
    pub fn forget(&self) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

/// The client kept, with what it was made for.
#[derive(Debug)]
struct KeptClient {
    base_url: String,
    fingerprint: String,
    http: reqwest::Client,
}

impl SyncClient {
    /// A client for `server_url` trusting only the certificate with `fingerprint`; `token` is
    /// the device credential (absent while enrolling).
    pub fn new(
        server_url: &str,
        fingerprint: Fingerprint,
        token: Option<String>,
    ) -> Result<SyncClient, SyncError> {
        SyncClient::reusing(server_url, fingerprint, token, None)
    }

    /// [`SyncClient::new`], over the connections `kept` holds for the same server and
    /// certificate if any (and kept there for the next pass).
    pub fn reusing(
        server_url: &str,
        fingerprint: Fingerprint,
        token: Option<String>,
        kept: Option<&Connections>,
    ) -> Result<SyncClient, SyncError> {
        let base_url = normalise_url(server_url)?;
        let pinned = fingerprint.to_string();
        let mut slot = kept.map(|kept| kept.0.lock().unwrap_or_else(|p| p.into_inner()));
        let reusable = slot.as_deref().and_then(Option::as_ref).and_then(|client| {
            (client.base_url == base_url && client.fingerprint == pinned)
                .then(|| client.http.clone())
        });
        let http = match reusable {
            Some(http) => http,
            None => {
                let tls = pinned_client_config(fingerprint)
                    .map_err(|e| SyncError::Config(format!("TLS setup failed: {e}")))?;
                let http = reqwest::Client::builder()
                    .tls_backend_preconfigured(tls)
                    .connect_timeout(Duration::from_secs(10))
                    .timeout(Duration::from_secs(60))
                    .user_agent(concat!("inclusion-kiosk/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .map_err(|e| {
                        SyncError::Config(format!("cannot set up the HTTPS client: {e}"))
                    })?;
                if let Some(slot) = slot.as_deref_mut() {
                    *slot = Some(KeptClient {
                        base_url: base_url.clone(),
                        fingerprint: pinned,
                        http: http.clone(),
                    });
                }
                http
            }
        };
        Ok(SyncClient {
            http,
            base_url,
            token,
            signer: None,
        })
    }

    /// Signs every request with the kiosk's device key (counter and signature headers).
    pub fn signed_with(mut self, key: Option<DeviceKey>) -> SyncClient {
        self.signer = key;
        self
    }

    /// Trades an enrolment code for a device credential.
    pub async fn enrol(&self, code: &str) -> Result<EnrolResponse, SyncError> {
        let request = EnrolRequest {
            code: code.to_owned(),
            software_version: env!("CARGO_PKG_VERSION").into(),
            device_key: self.signer.as_ref().map(DeviceKey::public_base64),
        };
        self.post(paths::ENROL, &request).await
    }

    /// Asks for the server's sealing key.
    pub async fn sealing_key(&self) -> Result<wire::SealingKeyResponse, SyncError> {
        let request = self.request(Method::GET, paths::SEALING_KEY)?;
        self.answer(paths::SEALING_KEY, request).await
    }

    /// The handshake: what the server holds of this kiosk's records.
    pub async fn hello(&self, hello: &Hello) -> Result<HelloAnswer, SyncError> {
        self.post(paths::HELLO, hello).await
    }

    /// A learner's progress merged from every kiosk.
    pub async fn learner_progress(
        &self,
        learner_code: &str,
    ) -> Result<Vec<wire::ProgressRecord>, SyncError> {
        let path = format!("{}/{learner_code}/progress", paths::LEARNERS);
        let request = self.request(Method::GET, &path)?;
        self.answer(&path, request).await
    }

    /// Where a resident's request stands; `None` if it has not reached the server.
    pub async fn request_status(
        &self,
        reference: &crate::codes::Reference,
    ) -> Result<Option<wire::RequestStatusAnswer>, SyncError> {
        let path = format!("{}/{reference}/status", paths::REQUESTS);
        let request = self.request(Method::GET, &path)?;
        match self.answer(&path, request).await {
            Ok(answer) => Ok(Some(answer)),
            Err(SyncError::Rejected { status: 404, .. }) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// The signed manifest of the published content; `None` if nothing is published.
    pub async fn content_manifest(&self) -> Result<Option<wire::SignedManifest>, SyncError> {
        let request = self.request(Method::GET, paths::CONTENT_MANIFEST)?;
        match self.answer(paths::CONTENT_MANIFEST, request).await {
            Ok(signed) => Ok(Some(signed)),
            Err(SyncError::Rejected { status: 404, .. }) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Streams content file `hash` from byte `offset` on (HTTP Range, to resume) into `sink`,
    /// piece by piece as it arrives, so a dropped link keeps what came; returns the bytes
    /// received.
    pub async fn content_file(
        &self,
        hash: &str,
        offset: u64,
        sink: &mut (dyn std::io::Write + Send),
    ) -> Result<u64, SyncError> {
        self.stream(paths::CONTENT_FILES, "content file", hash, offset, sink)
            .await
    }

    /// Streams content file `to` as a delta against file `from`, from byte `offset` on, into
    /// `sink`, as [`SyncClient::content_file`] does; `Rejected` with status 404 when the
    /// server has no delta to send.
    pub async fn content_delta(
        &self,
        from: &str,
        to: &str,
        offset: u64,
        sink: &mut (dyn std::io::Write + Send),
    ) -> Result<u64, SyncError> {
        self.stream(
            paths::CONTENT_DELTAS,
            "content delta",
            &format!("{from}/{to}"),
            offset,
            sink,
        )
        .await
    }

    /// The signed list of kiosk software releases; `None` if nothing is published.
    pub async fn release_manifest(&self) -> Result<Option<wire::SignedManifest>, SyncError> {
        let request = self.request(Method::GET, paths::RELEASE_MANIFEST)?;
        match self.answer(paths::RELEASE_MANIFEST, request).await {
            Ok(signed) => Ok(Some(signed)),
            Err(SyncError::Rejected { status: 404, .. }) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Streams release package `hash` from byte `offset` on into `sink`, as
    /// [`SyncClient::content_file`] does.
    pub async fn release_file(
        &self,
        hash: &str,
        offset: u64,
        sink: &mut (dyn std::io::Write + Send),
    ) -> Result<u64, SyncError> {
        self.stream(paths::RELEASE_FILES, "kiosk package", hash, offset, sink)
            .await
    }

    async fn stream(
        &self,
        under: &str,
        what: &str,
        hash: &str,
        offset: u64,
        sink: &mut (dyn std::io::Write + Send),
    ) -> Result<u64, SyncError> {
        let path = format!("{under}/{hash}");
        let mut request = self.request(Method::GET, &path)?;
        if offset > 0 {
            request = request.header(reqwest::header::RANGE, format!("bytes={offset}-"));
        }
        let mut response = request.send().await.map_err(classify_transport_error)?;
        let status = response.status();
        let expected = if offset == 0 {
            StatusCode::OK
        } else {
            StatusCode::PARTIAL_CONTENT
        };
        if status != expected {
            return Err(SyncError::Rejected {
                status: status.as_u16(),
                message: format!("{what} {hash} could not be fetched"),
            });
        }
        let mut received = 0;
        while let Some(piece) = response.chunk().await.map_err(classify_transport_error)? {
            sink.write_all(&piece).map_err(|e| {
                SyncError::Config(format!("cannot keep the downloaded {what}: {e}"))
            })?;
            received += piece.len() as u64;
        }
        Ok(received)
    }

    /// How much of upload `id` the server has staged (to resume from there).
    pub async fn upload_state(&self, id: &str) -> Result<UploadState, SyncError> {
        let path = format!("{}/{id}", paths::UPLOADS);
        let request = self.request(Method::GET, &path)?;
        self.answer(&path, request).await
    }

    /// Sends the bytes of upload `id` starting at `offset`, of a batch `total` bytes long.
    /// When the server's staged length differs (a chunk lost on the way), its answer says
    /// where to continue.
    pub async fn send_chunk(
        &self,
        id: &str,
        offset: u64,
        total: u64,
        bytes: Vec<u8>,
    ) -> Result<UploadState, SyncError> {
        let path = format!("{}/{id}", paths::UPLOADS);
        let request = self.request_with_body(
            Method::PUT,
            &format!("{path}?offset={offset}&total={total}"),
            bytes,
            "application/octet-stream",
        )?;
        self.answer(&path, request).await
    }

    /// Hands the server a bundle this kiosk carried for another; the answer holds the
    /// acknowledgement to carry back. `Rejected` with status 422 when the server refuses the
    /// bundle for good.
    pub async fn relay(&self, bundle: Vec<u8>) -> Result<wire::RelayReceipt, SyncError> {
        let request = self.request_with_body(
            Method::POST,
            paths::RELAY,
            bundle,
            "application/octet-stream",
        )?;
        self.answer(paths::RELAY, request).await
    }

    async fn post<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R, SyncError> {
        let json = serde_json::to_vec(body)
            .map_err(|e| SyncError::Config(format!("cannot encode a request: {e}")))?;
        let request = self.request_with_body(Method::POST, path, json, "application/json")?;
        self.answer(path, request).await
    }

    fn request(&self, method: Method, path: &str) -> Result<reqwest::RequestBuilder, SyncError> {
        self.signed(method, path, b"")
    }

    /// A request with a body; the signature covers the body's hash.
    fn request_with_body(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
        content_type: &'static str,
    ) -> Result<reqwest::RequestBuilder, SyncError> {
        Ok(self
            .signed(method, path, &body)?
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body))
    }

    fn signed(
        &self,
        method: Method,
        path: &str,
        body: &[u8],
    ) -> Result<reqwest::RequestBuilder, SyncError> {
        let url = reqwest::Url::parse(&format!("{}{path}", self.base_url))
            .map_err(|e| SyncError::Config(format!("bad request URL: {e}")))?;
        let path_and_query = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        let mut request = self.http.request(method.clone(), url);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = &self.signer {
            let (counter, signature) = key
                .sign(method.as_str(), &path_and_query, body)
                .map_err(|e| SyncError::Config(e.to_string()))?;
            request = request
                .header(wire::headers::COUNTER, counter)
                .header(wire::headers::SIGNATURE, signature);
        }
        Ok(request)
    }

    /// Sends a request and reads its JSON answer; an upload's 409 carries its state too.
    async fn answer<R: DeserializeOwned>(
        &self,
        path: &str,
        request: reqwest::RequestBuilder,
    ) -> Result<R, SyncError> {
        let response = request.send().await.map_err(classify_transport_error)?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        let bytes = response.bytes().await.map_err(classify_transport_error)?;
        let is_upload_conflict = status == StatusCode::CONFLICT && path.starts_with(paths::UPLOADS);
        if status.is_success() || is_upload_conflict {
            return serde_json::from_slice(&bytes).map_err(|e| SyncError::Protocol(e.to_string()));
        }
        let message = serde_json::from_slice::<ApiError>(&bytes)
            .map(|e| e.error)
            .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).chars().take(200).collect());
        Err(match status.as_u16() {
            401 | 403 if path == paths::ENROL => SyncError::CodeRefused(message),
            401 => SyncError::CredentialRefused(message),
            403 => SyncError::Suspended(message),
            408 | 429 | 500..=599 => SyncError::ServerTrouble {
                status: status.as_u16(),
                message,
                retry_after,
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
    // Without the URL: a learner's code travels in one (`/learners/{code}/progress`), and this
    // message is logged and shown.
    let error = error.without_url();
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
