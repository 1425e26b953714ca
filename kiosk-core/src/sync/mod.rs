//! Getting the kiosk's records to the server: enrolment, one sync pass (used by
//! `kiosk sync --once` and by the background worker: handshake, plan, resumable upload of
//! compressed batches), and the worker itself.

pub mod availability;
pub mod backoff;
pub mod client;
pub mod conditions;
pub mod content;
pub mod device_key;
pub mod error;
pub mod fingerprint;
pub mod identity;
pub mod pinning;
pub mod plan;
pub mod release;
pub mod screen_enrolment;
pub mod upload;
pub mod worker;

use wire::{Heartbeat, Hello, RecordBody, encode_batch_with};

pub use client::{Connections, SyncClient};
pub use conditions::{SharedConditions, SyncConditions};
pub use content::{ContentOutcome, update_content};
pub use error::SyncError;
pub use fingerprint::Fingerprint;
pub use screen_enrolment::{EnrolEntry, EnrolFailure, EnrolledAs, Enroller};
pub use upload::LinkEstimate;
pub use worker::{LearnerPuller, RequestChecker, StatusReply, SyncWorker, WorkerSettings};

use crate::clock;
use crate::store::{Enrolment, LocalStore, SyncAttempt};

/// What a successful sync pass did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncReport {
    /// Records the server acknowledged in this pass.
    pub sent: u64,
    /// Records still waiting (written while the pass ran).
    pub remaining: u64,
    /// Bytes of record batches put on the wire (compressed, including resent chunks).
    pub bytes: u64,
    /// Records the server refused as conflicts; their content was queued again under new
    /// numbers.
    pub conflicts: u64,
    /// Records the server lacks that this kiosk had already pruned (after a server restore).
    pub lost: u64,
    /// The server's clock minus the kiosk's, in seconds.
    pub clock_offset: i64,
    /// The day's byte budget was reached: records other than requests wait until tomorrow.
    pub over_budget: bool,
    /// Bundles carried for other kiosks that the server took in this pass.
    pub relayed: u64,
}

/// Enrols this kiosk with a server using a one-time code, and saves the credential.
pub async fn enrol(
    store: &LocalStore,
    server_url: &str,
    fingerprint: Fingerprint,
    code: &str,
) -> Result<Enrolment, SyncError> {
    let dir = data_dir_of(store)?;
    // The new key replaces the live one only once the server has accepted it: a refused code,
    // or no answer, leaves a kiosk that was enrolled working as before.
    let (key, pending) = device_key::DeviceKey::create_pending(&dir)
        .map_err(|e| SyncError::Config(e.to_string()))?;
    let client = SyncClient::new(server_url, fingerprint, None)?.signed_with(Some(key));
    let response = client.enrol(code).await?;
    pending
        .install()
        .map_err(|e| SyncError::Config(e.to_string()))?;
    let enrolment = Enrolment {
        server_url: server_url.trim().trim_end_matches('/').to_owned(),
        fingerprint: fingerprint.to_string(),
        kiosk_id: response.kiosk_id,
        token: response.token,
        site: response.site,
        neighbourhood: response.neighbourhood,
        enrolled_at: clock::now(),
        sealing_key: response.sealing_key,
        content_key: response.content_key,
    };
    store.save_enrolment(&enrolment)?;
    Ok(enrolment)
}

/// What a pass may do, from the worker's settings and the hardware.
#[derive(Debug, Clone, Default)]
pub struct PassLimits {
    /// Bytes the pass may still put on the wire today; past it only residents' requests go.
    pub byte_budget_left: Option<u64>,
    /// Device statuses for the heartbeat.
    pub devices: std::collections::BTreeMap<String, String>,
    /// The same as codes and numbers (the pass adds the data disk's free space).
    pub health: wire::DeviceHealth,
    /// Connections kept from the last pass, if the caller keeps them (the worker does).
    pub connections: Option<client::Connections>,
}

/// Sends everything waiting, batch by batch, and notes the attempt in the ledger. With nothing
/// waiting it still contacts the server once, so the server knows the kiosk is alive.
pub async fn sync_now(
    store: &mut LocalStore,
    link: &mut LinkEstimate,
) -> Result<SyncReport, SyncError> {
    sync_now_within(store, link, &PassLimits::default()).await
}

/// [`sync_now`] within a byte budget, reporting device statuses in the heartbeat.
pub async fn sync_now_within(
    store: &mut LocalStore,
    link: &mut LinkEstimate,
    limits: &PassLimits,
) -> Result<SyncReport, SyncError> {
    let started_at = clock::now();
    let mut report = SyncReport::default();
    let mut outcome = send_pending(store, link, limits, &mut report).await;
    if matches!(outcome, Err(SyncError::CertificateMismatch)) {
        // Another certificate: a renewal or a proxy in front, if the server proves it with
        // the key pinned at enrolment (else nothing is sent).
        outcome = match identity::follow_certificate(store).await {
            Ok(_) => send_pending(store, link, limits, &mut report).await,
            Err(error) => Err(error),
        };
    }
    let mut message = match &outcome {
        Ok(()) if report.sent == 0 => "nothing to send; the server is reachable".to_owned(),
        Ok(()) => format!(
            "sent {} record{} ({} bytes)",
            report.sent,
            if report.sent == 1 { "" } else { "s" },
            report.bytes
        ),
        Err(error) if report.sent > 0 => format!("sent {} records, then: {error}", report.sent),
        Err(error) => error.to_string(),
    };
    if report.conflicts > 0 {
        message.push_str(&format!(
            "; the server refused {} record(s) as conflicts, queued again under new numbers",
            report.conflicts
        ));
    }
    if report.over_budget {
        message.push_str("; the daily byte budget is used up, other records wait until tomorrow (requests still go)");
    }
    if report.relayed > 0 {
        message.push_str(&format!(
            "; handed over {} bundle(s) carried for other kiosks",
            report.relayed
        ));
    }
    if report.lost > 0 {
        message.push_str(&format!(
            "; the server lacks {} record(s) this kiosk no longer keeps",
            report.lost
        ));
    }
    let attempt = SyncAttempt {
        started_at,
        finished_at: clock::now(),
        succeeded: outcome.is_ok(),
        sent: report.sent,
        bytes: report.bytes,
        clock_offset: report.clock_offset,
        message,
    };
    if let Err(error) = store.record_sync_attempt(&attempt) {
        tracing::warn!(%error, "cannot write the sync ledger");
    }
    outcome.map(|()| {
        report.remaining = store.unsent_count().unwrap_or(report.remaining);
        report
    })
}

/// Uploads everything pending, batch by batch, in priority order.
async fn send_batches(
    store: &mut LocalStore,
    client: &SyncClient,
    answer: &wire::HelloAnswer,
    link: &mut LinkEstimate,
    limits: &PassLimits,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    // Raw bodies are always larger than the compressed batch, so this keeps batches under the
    // server's limit.
    let max_raw = usize::try_from(answer.max_batch).unwrap_or(usize::MAX);
    // The content's dictionary, if the server still decodes it (else plain batches).
    let dictionary = crate::content_dir::ContentDir::new(&data_dir_of(store)?)
        .batch_dictionary()
        .filter(|dictionary| answer.batch_dictionaries.contains(&dictionary.id()));
    loop {
        // Past the day's byte budget only residents' requests still go.
        let over_budget = limits
            .byte_budget_left
            .is_some_and(|left| report.bytes >= left);
        let max_priority = if over_budget { 0 } else { u8::MAX };
        let records = store.unsent_records_up_to_priority(
            answer.records_per_batch(),
            max_raw,
            max_priority,
        )?;
        if records.is_empty() {
            if over_budget {
                report.over_budget = true;
            }
            break;
        }
        let mut batch = if answer.packed_bodies {
            encode_batch_with(&wire::pack_bodies(&records), dictionary.as_ref())
        } else {
            encode_batch_with(&records, dictionary.as_ref())
        };
        if answer.magicless_batches {
            batch = wire::without_frame_magic(batch);
        }
        let receipt =
            upload::upload(client, &batch, answer.max_chunk, link, &mut report.bytes).await?;
        let conflicts: Vec<u64> = receipt.conflicts.clone();
        let acked: Vec<u64> = records
            .iter()
            .map(|record| record.seq)
            .filter(|seq| !conflicts.contains(seq))
            .collect();
        store.mark_acked(&acked, clock::now())?;
        if !conflicts.is_empty() {
            tracing::warn!(
                ?conflicts,
                "the server holds other content under these numbers"
            );
            store.renumber(&conflicts)?;
            report.conflicts += conflicts.len() as u64;
        }
        report.sent += acked.len() as u64;
    }
    Ok(())
}

/// The enrolment and a client for its server, signing with the device key if there is one.
fn enrolled_client(store: &LocalStore) -> Result<(crate::store::Enrolment, SyncClient), SyncError> {
    enrolled_client_over(store, None)
}

/// [`enrolled_client`] over the connections `kept` holds, if any.
fn enrolled_client_over(
    store: &LocalStore,
    kept: Option<&client::Connections>,
) -> Result<(crate::store::Enrolment, SyncClient), SyncError> {
    let enrolment = store.enrolment()?.ok_or(SyncError::NotEnrolled)?;
    let fingerprint: Fingerprint = enrolment.fingerprint.parse().map_err(|_| {
        SyncError::Config("the stored server fingerprint is damaged: enrol again".into())
    })?;
    let key = device_key::DeviceKey::load(&data_dir_of(store)?)
        .map_err(|e| SyncError::Config(e.to_string()))?;
    let client = SyncClient::reusing(
        &enrolment.server_url,
        fingerprint,
        Some(enrolment.token.clone()),
        kept,
    )?
    .signed_with(key);
    Ok((enrolment, client))
}

/// Fetches what the server holds of a learner's progress (from every kiosk), merges it into
/// this kiosk's store, and returns the learner's progress as it now stands here.
pub async fn pull_learner(
    store: &mut LocalStore,
    learner_code: &str,
) -> Result<std::collections::BTreeMap<String, crate::store::ModuleProgress>, SyncError> {
    let (_, client) = enrolled_client(store)?;
    let pulled = client.learner_progress(learner_code).await?;
    store.merge_pulled_progress(learner_code, &pulled, clock::now())?;
    Ok(store.learner_progress(learner_code)?)
}

/// Asks the server where a resident's request stands (the reference already checked by its
/// check character); `None` if no such request has reached the server.
pub async fn request_status(
    store: &LocalStore,
    reference: &crate::codes::Reference,
) -> Result<Option<wire::RequestStatusAnswer>, SyncError> {
    let (_, client) = enrolled_client(store)?;
    client.request_status(reference).await
}

/// The data directory a store lives in (where the device key is kept).
fn data_dir_of(store: &LocalStore) -> Result<std::path::PathBuf, SyncError> {
    store
        .path()
        .parent()
        .map(std::path::Path::to_path_buf)
        .ok_or_else(|| SyncError::Config("the database has no data directory".into()))
}

/// Write a heartbeat record when none was written for this long.
const HEARTBEAT_EVERY: i64 = 15 * 60;

async fn send_pending(
    store: &mut LocalStore,
    link: &mut LinkEstimate,
    limits: &PassLimits,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let (enrolment, client) = enrolled_client_over(store, limits.connections.as_ref())?;
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
    let now = clock::now();
    // The handshake: what does the server hold?
    let view = store.outbox_view()?;
    let answer = client
        .hello(&Hello {
            last_seq: view.last_seq,
            kiosk_time: now,
            software_version: crate::updates::running_version(),
            status_cursor: store.status_cursor()?,
        })
        .await?;
    report.clock_offset = answer.server_time - clock::now();
    if let Err(error) = store.save_status_notes(&answer.statuses, answer.status_cursor, now) {
        tracing::warn!(%error, "cannot keep where residents' requests stand");
    }
    let plan = plan::plan(&view, &plan::ServerSaid::Holds(answer.clone()));
    if let Some(seq) = plan.skip_past {
        tracing::warn!(
            server_holds_up_to = seq,
            "the server holds records this kiosk does not remember writing; numbering continues after them"
        );
        store.skip_sequence_past(seq)?;
    }
    store.mark_acked(&plan.acknowledge, now)?;
    store.mark_unacked(&plan.resend)?;
    store.renumber(&plan.renumber)?;
    report.conflicts += plan.renumber.len() as u64;
    report.lost = plan.lost.iter().map(|range| range.len()).sum();
    if !plan.lost.is_empty() {
        tracing::warn!(records = %crate::store::describe_ranges(&plan.lost), "the server lacks records this kiosk has pruned");
    }
    send_batches(store, &client, &answer, link, limits, report).await?;
    // A sign of life saying how the kiosk is after this pass: now and then, and whenever a
    // device's status or the content version changed, so the fleet page is current.
    let content_version =
        crate::content_dir::ContentDir::new(&data_dir_of(store)?).current_version();
    let update = crate::updates::UpdateDir::new(&data_dir_of(store)?)
        .state()
        .status;
    let due = match store.last_heartbeat()? {
        None => true,
        Some((at, last)) => {
            now - at >= HEARTBEAT_EVERY
                || last.devices != limits.devices
                || last.content_version != content_version
                || last.update != update
        }
    };
    if due {
        let mut health = limits.health.clone();
        if let Some((free, total)) = conditions::disk_space(&data_dir_of(store)?) {
            health.disk_free_bytes = Some(free);
            health.disk_total_bytes = Some(total);
        }
        store.append_record(&RecordBody::Heartbeat(Heartbeat {
            at: clock::now(),
            waiting: store.unsent_count()?,
            software_version: crate::updates::running_version(),
            devices: limits.devices.clone(),
            content_version,
            health,
            update,
        }))?;
        send_batches(store, &client, &answer, link, limits, report).await?;
    }
    // Then what this kiosk carries for kiosks with no uplink of their own, within what is
    // left of the day's byte budget.
    let budget = limits
        .byte_budget_left
        .map(|left| left.saturating_sub(report.bytes));
    if budget != Some(0) {
        let mut forwarded = crate::relay::Forwarded::default();
        let outcome = crate::relay::forward_carried(store, &client, budget, &mut forwarded).await;
        report.relayed += forwarded.delivered;
        report.bytes += forwarded.bytes;
        outcome?;
    }
    Ok(())
}
