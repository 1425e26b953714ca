//! Why a sync failed, told apart by what to do next: retry soon (the link or the server is
//! having a bad moment) or stop and wait for a person (the kiosk needs enrolling again).

use crate::store::StoreError;

/// A failed sync or enrolment.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The kiosk has no enrolment yet.
    #[error(
        "this kiosk is not enrolled: run `kiosk enrol --server URL --fingerprint HEX --code CODE`"
    )]
    NotEnrolled,
    /// The server could not be reached (no network, server down, timeout).
    #[error("the server could not be reached ({0})")]
    Unreachable(String),
    /// The server presented another certificate than the one pinned at enrolment.
    #[error(
        "the server's certificate does not match the fingerprint given at enrolment: check the fingerprint, or enrol again if the server was reinstalled"
    )]
    CertificateMismatch,
    /// The server presented another certificate and could not prove it genuine with the
    /// key pinned at enrolment: someone else is answering.
    #[error(
        "the server presented a certificate it could not prove its own ({0}); nothing was sent"
    )]
    IdentityRefused(String),
    /// The server refused the kiosk's credential.
    #[error("the server refused this kiosk's credential ({0}): enrol the kiosk again")]
    CredentialRefused(String),
    /// Staff quarantined this kiosk: the server refuses its uploads until they release it.
    #[error(
        "the server has put this kiosk on hold ({0}); records stay here until staff release it"
    )]
    Suspended(String),
    /// Content from the server was refused: unsigned, tampered with, or older than what runs.
    #[error("new content was refused: {0}")]
    ContentRefused(String),
    /// The server refused the enrolment code.
    #[error("the server refused the enrolment code: {0}")]
    CodeRefused(String),
    /// The server is busy or failing; try later.
    #[error("the server is busy or having trouble (HTTP {status}: {message})")]
    ServerTrouble {
        /// The HTTP status.
        status: u16,
        /// What the server said.
        message: String,
        /// Seconds the server asked the kiosk to wait (`Retry-After`), if it said.
        retry_after: Option<u64>,
    },
    /// The server refused the request as malformed: a bug on one side.
    #[error("the server rejected the upload (HTTP {status}: {message})")]
    Rejected {
        /// The HTTP status.
        status: u16,
        /// What the server said.
        message: String,
    },
    /// The server answered something the kiosk does not understand.
    #[error("the server's answer could not be understood ({0})")]
    Protocol(String),
    /// The URL or fingerprint given is not usable.
    #[error("{0}")]
    Config(String),
    /// The local database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    /// True when trying again later, unchanged, may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            SyncError::Unreachable(_)
                // Another certificate that is not the server's may be a captive portal or
                // a passing fault: try again later, sending nothing meanwhile.
                | SyncError::IdentityRefused(_)
                | SyncError::ServerTrouble { .. }
                | SyncError::Protocol(_)
                | SyncError::Store(_)
        )
    }
}
