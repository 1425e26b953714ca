//! Server-side staging of unfinished uploads: each upload's bytes so far in a file under
//! `<data-dir>/staging/<kiosk>/<upload id>.part`, appended chunk by chunk, checked against the
//! upload id (the BLAKE3 hash of the whole batch) when complete, and expired after a TTL so
//! abandoned uploads cannot fill the disk. Several server processes may share the directory:
//! a kiosk's chunks are appended under a lock on `<kiosk>.lock` (an advisory file lock), so
//! its next chunk may reach any process.

use std::fs::{self, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The largest batch (compressed) the server accepts; kiosks also keep a batch's raw record
/// bodies under it. Each kiosk has at most one upload staged, so this is also the most a
/// kiosk can hold on the server's disk.
pub const MAX_BATCH: u64 = 4 * 1024 * 1024;
/// The largest chunk the server accepts in one request.
pub const MAX_CHUNK: u64 = 1024 * 1024;

/// Where unfinished uploads wait, and for how long.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    ttl: Duration,
}

/// What a chunk did.
#[derive(Debug, PartialEq, Eq)]
pub enum Appended {
    /// More is expected: the server holds this many bytes.
    Partial(u64),
    /// The batch is complete and matches its id: here it is (the file is still there until
    /// [`Staging::remove`], so a crash before storing loses nothing).
    Complete(Vec<u8>),
}

/// Why a chunk was not taken.
#[derive(Debug, thiserror::Error)]
pub enum StagingError {
    /// The chunk does not start where the staged bytes end.
    #[error("this upload continues at byte {received}")]
    WrongOffset {
        /// Bytes staged so far.
        received: u64,
    },
    /// Too large, or running past the announced total.
    #[error("{0}")]
    Invalid(String),
    /// The complete batch does not hash to its id: it was damaged on the way (discarded).
    #[error("the uploaded batch does not match its id; it was discarded, send it again")]
    Damaged,
    /// The disk failed (full, read-only…).
    #[error("cannot stage the upload: {0}")]
    Io(#[from] std::io::Error),
}

impl Staging {
    /// Staging under `dir` (created if needed), expiring uploads untouched for `ttl`.
    pub fn new(dir: &Path, ttl: Duration) -> std::io::Result<Staging> {
        fs::create_dir_all(dir)?;
        Ok(Staging {
            dir: dir.to_owned(),
            ttl,
        })
    }

    fn file(&self, kiosk_id: &str, upload_id: &str) -> PathBuf {
        // Both are checked by the caller: kiosk ids are the server's own, upload ids hex.
        self.dir.join(kiosk_id).join(format!("{upload_id}.part"))
    }

    /// Bytes staged so far for an upload (0 if none).
    pub fn received(&self, kiosk_id: &str, upload_id: &str) -> u64 {
        fs::metadata(self.file(kiosk_id, upload_id))
            .map(|m| m.len())
            .unwrap_or(0)
    }

    /// Appends `bytes` at `offset` to the upload, which is `total` bytes in all.
    pub fn append(
        &self,
        kiosk_id: &str,
        upload_id: &str,
        offset: u64,
        total: u64,
        bytes: &[u8],
    ) -> Result<Appended, StagingError> {
        if total == 0 || total > MAX_BATCH {
            return Err(StagingError::Invalid(format!(
                "a batch is 1 to {MAX_BATCH} bytes; this one says {total}"
            )));
        }
        if bytes.len() as u64 > MAX_CHUNK {
            return Err(StagingError::Invalid(format!(
                "a chunk is at most {MAX_CHUNK} bytes"
            )));
        }
        // One append per kiosk at a time, in this process or another: a kiosk's chunks
        // arrive one by one anyway, and this keeps two racing retries from interleaving bytes.
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(format!("{kiosk_id}.lock")))?;
        lock.lock()?;
        let path = self.file(kiosk_id, upload_id);
        let received = self.received(kiosk_id, upload_id);
        if offset != received {
            return Err(StagingError::WrongOffset { received });
        }
        if offset + bytes.len() as u64 > total {
            return Err(StagingError::Invalid(format!(
                "the chunk runs past the batch's {total} bytes"
            )));
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
            if offset == 0 {
                // A kiosk sends one batch at a time: starting another abandons the rest.
                self.remove_others(parent, &path);
            }
        }
        let mut file = OpenOptions::new().create(true).append(true).open(&path)?;
        if let Err(error) = file.write_all(bytes).and_then(|()| file.sync_data()) {
            // Never leave a torn chunk: cut back to what was there.
            let _ = file.set_len(received);
            return Err(error.into());
        }
        let now_held = received + bytes.len() as u64;
        if now_held < total {
            return Ok(Appended::Partial(now_held));
        }
        let batch = fs::read(&path)?;
        if wire::upload_id(&batch) != upload_id {
            let _ = fs::remove_file(&path);
            return Err(StagingError::Damaged);
        }
        Ok(Appended::Complete(batch))
    }

    fn remove_others(&self, kiosk_dir: &Path, keep: &Path) {
        let Ok(files) = fs::read_dir(kiosk_dir) else {
            return;
        };
        for file in files.flatten() {
            if file.path() != keep {
                let _ = fs::remove_file(file.path());
            }
        }
    }

    /// Bytes staged for a kiosk, over all its uploads.
    pub fn staged_bytes(&self, kiosk_id: &str) -> u64 {
        fs::read_dir(self.dir.join(kiosk_id))
            .map(|files| {
                files
                    .flatten()
                    .filter_map(|f| f.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }

    /// Forgets an upload (after it was stored, or refused).
    pub fn remove(&self, kiosk_id: &str, upload_id: &str) {
        let _ = fs::remove_file(self.file(kiosk_id, upload_id));
    }

    /// Deletes uploads untouched for longer than the TTL; returns how many.
    pub fn sweep(&self, now: SystemTime) -> usize {
        let mut removed = 0;
        let Ok(kiosks) = fs::read_dir(&self.dir) else {
            return 0;
        };
        for kiosk in kiosks.flatten() {
            if !kiosk.path().is_dir() {
                continue;
            }
            let Ok(files) = fs::read_dir(kiosk.path()) else {
                continue;
            };
            for file in files.flatten() {
                let expired = file
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|modified| {
                        now.duration_since(modified).unwrap_or_default() > self.ttl
                    });
                if expired && fs::remove_file(file.path()).is_ok() {
                    removed += 1;
                }
            }
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIOSK: &str = "k-1";

    fn staging() -> (tempfile::TempDir, Staging) {
        let dir = tempfile::tempdir().expect("temp dir");
        let staging =
            Staging::new(&dir.path().join("staging"), Duration::from_secs(3600)).expect("staging");
        (dir, staging)
    }

    #[test]
    fn chunks_add_up_to_the_batch_and_resume_where_they_stopped()
    -> Result<(), Box<dyn std::error::Error>> {
        let (_dir, staging) = staging();
        let batch: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let id = wire::upload_id(&batch);
        let total = batch.len() as u64;
        assert_eq!(
            staging.append(KIOSK, &id, 0, total, &batch[..4000])?,
            Appended::Partial(4000)
        );
        // A retry of the same chunk (its answer was lost) is told where to continue.
        assert!(matches!(
            staging.append(KIOSK, &id, 0, total, &batch[..4000]),
            Err(StagingError::WrongOffset { received: 4000 })
        ));
        assert_eq!(staging.received(KIOSK, &id), 4000);
        assert_eq!(
            staging.append(KIOSK, &id, 4000, total, &batch[4000..])?,
            Appended::Complete(batch.clone())
        );
        staging.remove(KIOSK, &id);
        assert_eq!(staging.received(KIOSK, &id), 0);
        Ok(())
    }

    #[test]
    fn a_damaged_batch_is_discarded_and_oversized_ones_refused() {
        let (_dir, staging) = staging();
        let id = wire::upload_id(b"the real batch");
        assert!(matches!(
            staging.append(KIOSK, &id, 0, 14, b"a forged batch"),
            Err(StagingError::Damaged)
        ));
        assert_eq!(staging.received(KIOSK, &id), 0);
        assert!(matches!(
            staging.append(KIOSK, &id, 0, MAX_BATCH + 1, b"x"),
            Err(StagingError::Invalid(_))
        ));
        assert!(matches!(
            staging.append(KIOSK, &id, 0, 3, b"four"),
            Err(StagingError::Invalid(_))
        ));
    }

    #[test]
    fn a_kiosk_holds_one_upload_at_a_time() -> Result<(), Box<dyn std::error::Error>> {
        let (_dir, staging) = staging();
        let (first, second) = (
            wire::upload_id(b"0123456789"),
            wire::upload_id(b"abcdefghij"),
        );
        staging.append(KIOSK, &first, 0, 10, b"01234")?;
        staging.append("k-2", &first, 0, 10, b"01234")?;
        staging.append(KIOSK, &second, 0, 10, b"abcde")?;
        assert_eq!(
            staging.received(KIOSK, &first),
            0,
            "abandoned for the new one"
        );
        assert_eq!(staging.staged_bytes(KIOSK), 5);
        assert_eq!(
            staging.received("k-2", &first),
            5,
            "other kiosks keep theirs"
        );
        Ok(())
    }

    #[test]
    fn abandoned_uploads_expire() -> Result<(), Box<dyn std::error::Error>> {
        let (_dir, staging) = staging();
        let id = wire::upload_id(b"0123456789");
        staging.append(KIOSK, &id, 0, 10, b"01234")?;
        assert_eq!(staging.sweep(SystemTime::now()), 0, "still fresh");
        let later = SystemTime::now() + Duration::from_secs(3601);
        assert_eq!(staging.sweep(later), 1);
        assert_eq!(staging.received(KIOSK, &id), 0);
        Ok(())
    }
}
