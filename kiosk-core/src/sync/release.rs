//! Fetching kiosk software: the release list is checked against the key pinned at enrolment;
//! if a higher version than the one running is published (and has not failed here before),
//! its package is downloaded in the background, resumably, within the day's byte budget,
//! and checked against its hash; so is the package of the running version, so that the
//! privileged helper can roll back to it. The update then waits for a quiet hour
//! ([`super::super::updates`]).

use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use wire::{ReleaseInfo, ReleaseManifest, SignedManifest, UpdateStatus};

use super::{SyncClient, SyncError, enrolled_client};
use crate::store::LocalStore;
use crate::updates::UpdateDir;

/// What a release check did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReleaseOutcome {
    /// Nothing published, or nothing newer than what runs.
    UpToDate,
    /// A newer version is downloaded and waits for a quiet hour.
    Ready(String),
    /// Part of it came; the rest comes at the next pass (the byte budget ran out).
    Downloading(String),
    /// A newer version exists but cannot be installed here (said why in the status).
    Blocked(String),
}

/// Checks a signed release list against the pinned key; returns the list.
pub fn verify(signed: &SignedManifest, content_key: &str) -> Result<ReleaseManifest, SyncError> {
    let refuse = |why: String| SyncError::ContentRefused(why);
    let key: [u8; 32] = base64::engine::general_purpose::STANDARD
        .decode(content_key.trim())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| refuse("this kiosk has no server key: enrol it again".into()))?;
    let key = VerifyingKey::from_bytes(&key)
        .map_err(|_| refuse("the pinned server key is unusable: enrol the kiosk again".into()))?;
    let signature = base64::engine::general_purpose::STANDARD
        .decode(signed.signature.trim())
        .ok()
        .and_then(|bytes| Signature::from_slice(&bytes).ok())
        .ok_or_else(|| refuse("the release list is not signed".into()))?;
    key.verify_strict(
        wire::release_signing_message(&signed.manifest).as_bytes(),
        &signature,
    )
    .map_err(|_| refuse("the release list's signature does not match the server's key".into()))?;
    ReleaseManifest::parse_checked(&signed.manifest)
        .map_err(|why| refuse(format!("the release list is malformed: {why}")))
}

/// Looks for newer kiosk software and downloads it (and the package of `running`, to roll
/// back to), spending at most `byte_budget` bytes (None: no limit). Returns what it did and
/// the bytes it fetched.
pub async fn update_software(
    store: &LocalStore,
    running: &str,
    byte_budget: Option<u64>,
) -> Result<(ReleaseOutcome, u64), SyncError> {
    let (enrolment, client) = enrolled_client(store)?;
    let updates = UpdateDir::new(&super::data_dir_of(store)?);
    let Some(signed) = client.release_manifest().await? else {
        return Ok((ReleaseOutcome::UpToDate, 0));
    };
    let manifest = verify(&signed, &enrolment.content_key)?;
    let Some(latest) = manifest.release(&manifest.latest).cloned() else {
        return Ok((ReleaseOutcome::UpToDate, 0));
    };
    let local = |e: crate::updates::UpdateDirError| SyncError::Config(e.to_string());
    if wire::compare_versions(&latest.version, running) != std::cmp::Ordering::Greater {
        // Nothing to do; what was downloaded for an earlier update goes.
        updates.prune(&[]);
        if updates
            .state()
            .status
            .is_some_and(|s| s.state != "installed" && s.state != "rolled_back")
        {
            updates.set_status(None).map_err(local)?;
        }
        return Ok((ReleaseOutcome::UpToDate, 0));
    }
    let status = |state: &str, detail: String| {
        updates.set_status(Some(UpdateStatus {
            state: state.into(),
            version: latest.version.clone(),
            detail,
        }))
    };
    if updates.state().failed_versions.contains(&latest.version) {
        status("blocked", "it failed here before".into()).map_err(local)?;
        return Ok((ReleaseOutcome::Blocked(latest.version), 0));
    }
    let Some(current) = manifest.release(running).cloned() else {
        status(
            "blocked",
            format!("{running} is not published, so the update could not be undone"),
        )
        .map_err(local)?;
        return Ok((ReleaseOutcome::Blocked(latest.version), 0));
    };
    updates.save_release(&signed).map_err(local)?;
    updates.prune(&[latest.blake3.as_str(), current.blake3.as_str()]);
    let mut fetched = 0;
    for release in [&current, &latest] {
        let left = byte_budget.map(|budget| budget.saturating_sub(fetched));
        match download(&client, &updates, release, left).await? {
            Some(bytes) => fetched += bytes,
            None => {
                let have = [&current, &latest]
                    .iter()
                    .map(|r| {
                        if updates.package(&r.blake3).is_file() {
                            r.size
                        } else {
                            updates
                                .partial(&r.blake3)
                                .ok()
                                .and_then(|p| std::fs::metadata(p).ok())
                                .map(|m| m.len())
                                .unwrap_or(0)
                        }
                    })
                    .sum::<u64>();
                let total = (current.size + latest.size).max(1);
                status("downloading", (have * 100 / total).to_string()).map_err(local)?;
                return Ok((ReleaseOutcome::Downloading(latest.version.clone()), fetched));
            }
        }
    }
    if updates
        .state()
        .status
        .is_none_or(|s| s.state != "ready" || s.version != latest.version)
    {
        status("ready", String::new()).map_err(local)?;
    }
    Ok((ReleaseOutcome::Ready(latest.version), fetched))
}

/// Downloads one package, continuing a partial download, within `budget` bytes. Returns the
/// bytes fetched, or `None` if the budget ran out first (what came is kept).
async fn download(
    client: &SyncClient,
    updates: &UpdateDir,
    release: &ReleaseInfo,
    budget: Option<u64>,
) -> Result<Option<u64>, SyncError> {
    if updates.package(&release.blake3).is_file() {
        return Ok(Some(0));
    }
    let local = |e: crate::updates::UpdateDirError| SyncError::Config(e.to_string());
    let partial = updates.partial(&release.blake3).map_err(local)?;
    let have = std::fs::metadata(&partial).map(|m| m.len()).unwrap_or(0);
    let have = if have > release.size {
        let _ = std::fs::remove_file(&partial);
        0
    } else {
        have
    };
    if budget.is_some_and(|left| left < release.size - have) {
        return Ok(None);
    }
    let mut fetched = 0;
    if have < release.size {
        let mut out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&partial)
            .map_err(|e| SyncError::Config(format!("cannot write {}: {e}", partial.display())))?;
        let outcome = client.release_file(&release.blake3, have, &mut out).await;
        // Whatever arrived is kept for the next try, even if the link dropped.
        let _ = out.sync_data();
        fetched = outcome?;
    }
    if !updates
        .accept_download(&release.blake3, release.size)
        .map_err(local)?
    {
        return Err(SyncError::ContentRefused(format!(
            "the package of {} does not match its hash; it was deleted and will be fetched again",
            release.version
        )));
    }
    Ok(Some(fetched))
}
