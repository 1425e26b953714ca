//! The server's sealing key: an X25519 key pair made on first start and kept in the data
//! directory (mode 0600). Kiosks receive the public half at enrolment and seal residents'
//! personal data to it (libsodium sealed boxes), so only this server can read it.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use crypto_box::SecretKey;

/// Why the sealing key could not be loaded, made or used.
#[derive(Debug, thiserror::Error)]
pub enum SealingError {
    /// Reading or writing the key file failed.
    #[error("cannot {action} the sealing key {path}: {source}")]
    Io {
        /// What we were doing.
        action: &'static str,
        /// The key file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The key file exists but is not a key.
    #[error(
        "{0} is not a key (32 bytes); restore it from backup, or move it away to make a new one (what was sealed to or signed with the old key then no longer opens or verifies)"
    )]
    Corrupt(PathBuf),
    /// A sealed box could not be opened (tampered with, or sealed to another key).
    #[error("a sealed record could not be opened")]
    Unseal,
}

/// The server's X25519 key pair.
pub struct SealingKey {
    secret: SecretKey,
}

/// A 32-byte secret kept in a file only its owner can read: read if it is there, otherwise
/// made from the system's random source and written (mode 0600). The new file is written
/// whole under a name of its own and then linked into place, which fails if the name is
/// taken: server processes starting together on a new data directory all end up with the
/// one secret that was linked first, and none ever reads a half-written file.
pub(crate) fn secret_file(path: &Path) -> Result<[u8; 32], SealingError> {
    match read_secret(path) {
        Err(SealingError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {}
        read => return read,
    }
    let secret: [u8; 32] = rand::random();
    match crate::files::write_new(path, &secret, 0o600) {
        Ok(()) => Ok(secret),
        // Another process made it first: theirs is the one.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => read_secret(path),
        Err(source) => Err(SealingError::Io {
            action: "write",
            path: path.to_owned(),
            source,
        }),
    }
}

fn read_secret(path: &Path) -> Result<[u8; 32], SealingError> {
    fs::read(path)
        .map_err(|source| SealingError::Io {
            action: "read",
            path: path.to_owned(),
            source,
        })?
        .try_into()
        .map_err(|_| SealingError::Corrupt(path.to_owned()))
}

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealingKey")
            .field("public", &self.public_base64())
            .finish_non_exhaustive()
    }
}

impl SealingKey {
    /// Loads the key from `path`, or makes and saves a new one if there is none.
    pub fn load_or_create(path: &Path) -> Result<SealingKey, SealingError> {
        Ok(SealingKey {
            secret: SecretKey::from_bytes(secret_file(path)?),
        })
    }

    /// The public key as standard base64, as kiosks receive it.
    pub fn public_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.secret.public_key().as_bytes())
    }

    /// Opens a sealed box made with this key's public half.
    pub fn unseal(&self, sealed: &[u8]) -> Result<Vec<u8>, SealingError> {
        self.secret.unseal(sealed).map_err(|_| SealingError::Unseal)
    }

    /// Opens a resident's sealed personal fields (field id → value, as the kiosk seals them).
    pub fn open_fields(
        &self,
        sealed: &[u8],
    ) -> Result<std::collections::BTreeMap<String, String>, SealingError> {
        serde_json::from_slice(&self.unseal(sealed)?).map_err(|_| SealingError::Unseal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn made_once_kept_private_and_opens_what_was_sealed_to_it() -> Result<(), SealingError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sealing.key");
        let key = SealingKey::load_or_create(&path)?;
        let again = SealingKey::load_or_create(&path)?;
        assert_eq!(key.public_base64(), again.public_base64());
        assert_eq!(
            fs::metadata(&path).expect("exists").permissions().mode() & 0o777,
            0o600
        );

        let public = crypto_box::PublicKey::from(key.secret.public_key().to_bytes());
        let sealed = public
            .seal(&mut crypto_box::aead::OsRng, b"Ana, 555 0142")
            .expect("seal");
        assert_eq!(again.unseal(&sealed)?, b"Ana, 555 0142");
        let mut tampered = sealed.clone();
        tampered[40] ^= 1;
        assert!(matches!(key.unseal(&tampered), Err(SealingError::Unseal)));
        Ok(())
    }

    #[test]
    fn a_damaged_key_file_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sealing.key");
        fs::write(&path, b"short").expect("write");
        let error = SealingKey::load_or_create(&path).expect_err("must fail");
        assert!(matches!(error, SealingError::Corrupt(_)), "{error}");
    }

    #[test]
    fn processes_starting_together_share_one_key() {
        for _ in 0..20 {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("sealing.key");
            let barrier = std::sync::Barrier::new(4);
            let keys: Vec<String> = std::thread::scope(|scope| {
                let starts: Vec<_> = (0..4)
                    .map(|_| {
                        scope.spawn(|| {
                            barrier.wait();
                            SealingKey::load_or_create(&path).map(|key| key.public_base64())
                        })
                    })
                    .collect();
                starts
                    .into_iter()
                    .map(|start| start.join().expect("ran").expect("a key"))
                    .collect()
            });
            assert!(keys.iter().all(|key| *key == keys[0]), "{keys:?}");
            let left: Vec<_> = fs::read_dir(dir.path())
                .expect("list")
                .map(|entry| entry.expect("entry").file_name())
                .collect();
            assert_eq!(left, ["sealing.key"], "no partial file is left");
        }
    }
}
