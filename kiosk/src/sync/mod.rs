//! Getting the kiosk's records to the server: enrolment, one sync pass (used by
//! `kiosk sync --once` and by the background worker), and the worker itself.

pub mod backoff;
pub mod client;
pub mod error;
pub mod fingerprint;
pub mod pinning;
pub mod worker;

use wire::{EventBatch, MAX_EVENTS_PER_BATCH};

pub use client::SyncClient;
pub use error::SyncError;
pub use fingerprint::Fingerprint;
pub use worker::{SyncWorker, WorkerSettings};

use crate::clock;
use crate::store::{Enrolment, LocalStore, SyncAttempt};

/// What a successful sync pass did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncReport {
    /// Records the server acknowledged in this pass.
    pub sent: u64,
    /// Records still waiting (written while the pass ran).
    pub remaining: u64,
}

/// Enrols this kiosk with a server using a one-time code, and saves the credential.
pub async fn enrol(
    store: &LocalStore,
    server_url: &str,
    fingerprint: Fingerprint,
    code: &str,
) -> Result<Enrolment, SyncError> {
    let client = SyncClient::new(server_url, fingerprint, None)?;
    let response = client.enrol(code).await?;
    let enrolment = Enrolment {
        server_url: server_url.trim().trim_end_matches('/').to_owned(),
        fingerprint: fingerprint.to_string(),
        kiosk_id: response.kiosk_id,
        token: response.token,
        site: response.site,
        neighbourhood: response.neighbourhood,
        enrolled_at: clock::now(),
        sealing_key: response.sealing_key,
    };
    store.save_enrolment(&enrolment)?;
    Ok(enrolment)
}

/// Sends everything waiting, batch by batch, and notes the attempt in the ledger. With nothing
/// waiting it still contacts the server once, so the server knows the kiosk is alive.
pub async fn sync_now(store: &mut LocalStore) -> Result<SyncReport, SyncError> {
    let started_at = clock::now();
    let mut sent = 0;
    let outcome = send_pending(store, &mut sent).await;
    let message = match &outcome {
        Ok(report) if report.sent == 0 => "nothing to send; the server is reachable".to_owned(),
        Ok(report) => format!(
            "sent {} record{}",
            report.sent,
            if report.sent == 1 { "" } else { "s" }
        ),
        Err(error) if sent > 0 => format!("sent {sent} records, then: {error}"),
        Err(error) => error.to_string(),
    };
    let attempt = SyncAttempt {
        started_at,
        finished_at: clock::now(),
        succeeded: outcome.is_ok(),
        sent,
        message,
    };
    if let Err(error) = store.record_sync_attempt(&attempt) {
        tracing::warn!(%error, "cannot write the sync ledger");
    }
    outcome
}

async fn send_pending(store: &mut LocalStore, sent: &mut u64) -> Result<SyncReport, SyncError> {
    let enrolment = store.enrolment()?.ok_or(SyncError::NotEnrolled)?;
    let fingerprint: Fingerprint = enrolment.fingerprint.parse().map_err(|_| {
        SyncError::Config("the stored server fingerprint is damaged: enrol again".into())
    })?;
    let client = SyncClient::new(
        &enrolment.server_url,
        fingerprint,
        Some(enrolment.token.clone()),
    )?;
    // Kiosks enrolled before the server handed out its sealing key fetch it once.
    if enrolment
        .sealing_key
        .parse::<crate::sealing::SealingKey>()
        .is_err()
    {
        let key = client.sealing_key().await?;
        if key
            .sealing_key
            .parse::<crate::sealing::SealingKey>()
            .is_ok()
        {
            store.save_enrolment(&crate::store::Enrolment {
                sealing_key: key.sealing_key,
                ..enrolment.clone()
            })?;
        }
    }
    loop {
        let events = store.unsent_events(MAX_EVENTS_PER_BATCH)?;
        let count = events.len();
        let seqs: Vec<u64> = events.iter().map(|event| event.seq).collect();
        let receipt = client.upload_events(&EventBatch { events }).await?;
        if (receipt.stored + receipt.already_had) as usize != count {
            return Err(SyncError::Protocol(format!(
                "the server acknowledged {} of {count} records",
                receipt.stored + receipt.already_had
            )));
        }
        store.mark_sent(&seqs, clock::now())?;
        *sent += count as u64;
        if count < MAX_EVENTS_PER_BATCH {
            break;
        }
    }
    Ok(SyncReport {
        sent: *sent,
        remaining: store.unsent_count()?,
    })
}
