//! Fetching signed content: the manifest is checked against the content key pinned at
//! enrolment and must be newer than what runs; only missing files are downloaded (resumed
//! with HTTP Range after a drop), each checked against its hash; then the version is
//! installed beside the old one and switched in atomically (see [`crate::content_dir`]).

use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use wire::{ContentManifest, SignedManifest};

use super::{SyncClient, SyncError, enrolled_client};
use crate::content_dir::ContentDir;
use crate::store::LocalStore;

/// What a content check did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentOutcome {
    /// The server has published nothing.
    NothingPublished,
    /// The kiosk already has the published version.
    UpToDate(u64),
    /// A new version was installed; it is used from the next start.
    Installed {
        /// The version.
        version: u64,
        /// Bytes downloaded for it.
        downloaded: u64,
    },
}

/// Checks a signed manifest against the pinned key and what runs; returns the manifest.
pub fn verify(
    signed: &SignedManifest,
    content_key: &str,
    running: u64,
) -> Result<ContentManifest, SyncError> {
    let refuse = |why: String| SyncError::ContentRefused(why);
    let key: [u8; 32] = base64::engine::general_purpose::STANDARD
        .decode(content_key.trim())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| {
            refuse("this kiosk has no content key: enrol it again to receive content".into())
        })?;
    let key = VerifyingKey::from_bytes(&key)
        .map_err(|_| refuse("the pinned content key is unusable: enrol the kiosk again".into()))?;
    let signature = base64::engine::general_purpose::STANDARD
        .decode(signed.signature.trim())
        .ok()
        .and_then(|bytes| Signature::from_slice(&bytes).ok())
        .ok_or_else(|| refuse("the content manifest is not signed".into()))?;
    key.verify_strict(signed.manifest.as_bytes(), &signature)
        .map_err(|_| {
            refuse(
                "the content manifest's signature does not match the server's content key".into(),
            )
        })?;
    let manifest =
        ContentManifest::parse_checked(&signed.manifest).map_err(|e| refuse(e.to_string()))?;
    if manifest.version < running {
        return Err(refuse(format!(
            "the server offers content version {} but this kiosk runs version {running}; an older version is never installed",
            manifest.version
        )));
    }
    Ok(manifest)
}

/// Fetches and installs the published content if it is newer than what the kiosk has.
pub async fn update_content(store: &LocalStore) -> Result<ContentOutcome, SyncError> {
    let (enrolment, client) = enrolled_client(store)?;
    let dir = ContentDir::new(&super::data_dir_of(store)?);
    let Some(signed) = client.content_manifest().await? else {
        return Ok(ContentOutcome::NothingPublished);
    };
    let running = dir.current_version();
    let manifest = verify(&signed, &enrolment.content_key, running)?;
    if manifest.version == running {
        // Content installed before signed manifests were kept gets its manifest now.
        if dir.signed_manifest().is_none()
            && let Err(error) = dir.save_signed_manifest(&signed)
        {
            tracing::warn!(%error, "cannot keep the signed manifest");
        }
        return Ok(ContentOutcome::UpToDate(running));
    }
    let mut downloaded = 0;
    for file in manifest.files.iter().filter(|f| !dir.has(f)) {
        // A file that changed comes as a delta against the version here when the server
        // has one; whatever goes wrong with a delta, the whole file is fetched instead.
        if let Some((base, old)) = dir.delta_base(&file.path).filter(|(h, _)| *h != file.hash) {
            match download_delta(&client, &dir, file, &base, &old).await {
                Ok(fetched) => {
                    downloaded += fetched;
                    continue;
                }
                Err(DeltaOutcome::Link(error)) => return Err(error),
                Err(DeltaOutcome::Unusable { fetched, why }) => {
                    downloaded += fetched;
                    tracing::info!(path = %file.path, %why, "fetching the whole file instead of a delta");
                }
            }
        }
        downloaded += download(&client, &dir, file).await?;
    }
    dir.install_signed(&signed, &manifest)
        .map_err(|e| SyncError::ContentRefused(e.to_string()))?;
    tracing::info!(
        version = manifest.version,
        downloaded,
        "new content installed"
    );
    Ok(ContentOutcome::Installed {
        version: manifest.version,
        downloaded,
    })
}

/// Why a delta was not used.
enum DeltaOutcome {
    /// The link failed: the download resumes at the next pass.
    Link(SyncError),
    /// No delta, or one that does not rebuild the file: fetch the whole file.
    Unusable {
        /// Bytes fetched for nothing.
        fetched: u64,
        /// Why.
        why: String,
    },
}

/// Downloads `file` as a delta against `old` (hash `base`), continuing a partial download,
/// and keeps the rebuilt file if it matches its hash; returns the bytes fetched now.
async fn download_delta(
    client: &SyncClient,
    dir: &ContentDir,
    file: &wire::ContentFile,
    base: &str,
    old: &[u8],
) -> Result<u64, DeltaOutcome> {
    let unusable = |fetched, why: String| DeltaOutcome::Unusable { fetched, why };
    let partial = dir
        .partial(&format!("{base}-{}.delta", file.hash))
        .map_err(|e| unusable(0, e.to_string()))?;
    let have = std::fs::metadata(&partial).map(|m| m.len()).unwrap_or(0);
    let mut out = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&partial)
        .map_err(|e| unusable(0, format!("cannot write {}: {e}", partial.display())))?;
    let outcome = client.content_delta(base, &file.hash, have, &mut out).await;
    let _ = out.sync_data();
    let fetched = match outcome {
        Ok(fetched) => fetched,
        Err(SyncError::Rejected { status, message }) => {
            let _ = std::fs::remove_file(&partial);
            return Err(unusable(0, format!("{status}: {message}")));
        }
        Err(error) => return Err(DeltaOutcome::Link(error)),
    };
    let rebuilt = std::fs::read(&partial)
        .map_err(|e| e.to_string())
        .and_then(|delta| wire::apply_delta(old, &delta, file.size).map_err(|e| e.to_string()))
        .and_then(|bytes| dir.accept_rebuilt(file, &bytes).map_err(|e| e.to_string()));
    let _ = std::fs::remove_file(&partial);
    rebuilt
        .map(|()| fetched)
        .map_err(|why| unusable(fetched, why))
}

/// Downloads one file, continuing a partial download; returns the bytes fetched now.
async fn download(
    client: &SyncClient,
    dir: &ContentDir,
    file: &wire::ContentFile,
) -> Result<u64, SyncError> {
    let store_error =
        |e: crate::content_dir::ContentDirError| SyncError::ContentRefused(e.to_string());
    let partial = dir.partial(&file.hash).map_err(store_error)?;
    let have = std::fs::metadata(&partial).map(|m| m.len()).unwrap_or(0);
    let have = if have > file.size {
        let _ = std::fs::remove_file(&partial);
        0
    } else {
        have
    };
    let mut fetched = 0;
    if have < file.size {
        let mut out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&partial)
            .map_err(|e| SyncError::Config(format!("cannot write {}: {e}", partial.display())))?;
        let outcome = client.content_file(&file.hash, have, &mut out).await;
        // Whatever arrived is kept for the next try, even if the link dropped.
        let _ = out.sync_data();
        fetched = outcome?;
    }
    dir.accept_download(file).map_err(store_error)?;
    Ok(fetched)
}
