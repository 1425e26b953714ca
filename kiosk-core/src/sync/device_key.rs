//! The kiosk's device identity: an Ed25519 key pair made at enrolment, whose private half
//! never leaves the data directory (`device.key`, mode 0600), and a request counter that only
//! goes up (`request-counter`), so the server can refuse a replayed request.

use std::fs::{self, OpenOptions};
use std::io::Write as _;
use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey};

const KEY_FILE: &str = "device.key";
const COUNTER_FILE: &str = "request-counter";

/// Why the device key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DeviceKeyError {
    /// The file could not be read or written.
    #[error("cannot use the device key {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not a key, or others can read it.
    #[error("the device key {path} {problem}")]
    Unsafe {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        problem: &'static str,
    },
}

/// A new key on disk that is not in use yet. Dropping it without [`PendingKey::install`]
/// deletes it and leaves the live key as it was.
#[derive(Debug)]
pub struct PendingKey {
    temporary: Option<PathBuf>,
    path: PathBuf,
}

impl PendingKey {
    /// Puts the new key in place of the live one (an atomic rename).
    pub fn install(mut self) -> Result<(), DeviceKeyError> {
        if let Some(temporary) = self.temporary.take() {
            fs::rename(&temporary, &self.path).map_err(|source| DeviceKeyError::Io {
                path: self.path.clone(),
                source,
            })?;
        }
        Ok(())
    }
}

impl Drop for PendingKey {
    fn drop(&mut self) {
        if let Some(temporary) = self.temporary.take() {
            let _ = fs::remove_file(temporary);
        }
    }
}

/// Signs this kiosk's requests.
#[derive(Clone)]
pub struct DeviceKey {
    key: SigningKey,
    counter_path: PathBuf,
}

impl std::fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceKey")
            .field("public", &self.public_base64())
            .finish_non_exhaustive()
    }
}

impl DeviceKey {
    /// Makes a new key in `dir`, replacing any old one.
    pub fn create(dir: &Path) -> Result<DeviceKey, DeviceKeyError> {
        let (key, pending) = DeviceKey::create_pending(dir)?;
        pending.install()?;
        Ok(key)
    }

    /// Makes a new key written beside the live one, which stays in use until
    /// [`PendingKey::install`] (at enrolment: once the server accepted the new key).
    pub fn create_pending(dir: &Path) -> Result<(DeviceKey, PendingKey), DeviceKeyError> {
        let temporary = dir.join(format!("{KEY_FILE}.new"));
        let io = |source| DeviceKeyError::Io {
            path: temporary.clone(),
            source,
        };
        let secret: [u8; 32] = rand::random();
        let _ = fs::remove_file(&temporary);
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temporary)
            .map_err(io)?;
        file.write_all(&secret)
            .and_then(|()| file.sync_all())
            .map_err(io)?;
        let key = DeviceKey {
            key: SigningKey::from_bytes(&secret),
            counter_path: dir.join(COUNTER_FILE),
        };
        let pending = PendingKey {
            temporary: Some(temporary),
            path: dir.join(KEY_FILE),
        };
        Ok((key, pending))
    }

    /// The key in `dir`, if this kiosk has one (kiosks enrolled before device keys have none).
    pub fn load(dir: &Path) -> Result<Option<DeviceKey>, DeviceKeyError> {
        let path = dir.join(KEY_FILE);
        let metadata = match fs::metadata(&path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(DeviceKeyError::Io { path, source }),
        };
        if metadata.permissions().mode() & 0o077 != 0 {
            return Err(DeviceKeyError::Unsafe {
                path,
                problem: "can be read by other users: run `chmod 600` on it",
            });
        }
        let bytes = fs::read(&path).map_err(|source| DeviceKeyError::Io {
            path: path.clone(),
            source,
        })?;
        let secret: [u8; 32] = bytes.try_into().map_err(|_| DeviceKeyError::Unsafe {
            path: path.clone(),
            problem: "is damaged: enrol the kiosk again",
        })?;
        Ok(Some(DeviceKey {
            key: SigningKey::from_bytes(&secret),
            counter_path: dir.join(COUNTER_FILE),
        }))
    }

    /// The public half, as the server stores it.
    pub fn public_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.key.verifying_key().as_bytes())
    }

    /// The next request counter: above every one used before (kept on disk) and at least the
    /// current time in microseconds, so even a lost counter file keeps going up.
    pub fn next_counter(&self) -> Result<u64, DeviceKeyError> {
        let io = |source| DeviceKeyError::Io {
            path: self.counter_path.clone(),
            source,
        };
        let last = fs::read_to_string(&self.counter_path)
            .ok()
            .and_then(|text| text.trim().parse::<u64>().ok())
            .unwrap_or(0);
        let now_micros = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
            .unwrap_or(0);
        let next = last.saturating_add(1).max(now_micros);
        let temporary = self.counter_path.with_extension("new");
        let mut file = fs::File::create(&temporary).map_err(io)?;
        file.write_all(next.to_string().as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(io)?;
        fs::rename(&temporary, &self.counter_path).map_err(io)?;
        Ok(next)
    }

    /// Signs a request: the counter and the signature for the two headers, over the method,
    /// path, counter and the body's hash.
    pub fn sign(
        &self,
        method: &str,
        path_and_query: &str,
        body: &[u8],
    ) -> Result<(u64, String), DeviceKeyError> {
        let counter = self.next_counter()?;
        let message = wire::signing_message(method, path_and_query, counter, body);
        let signature = self.key.sign(message.as_bytes());
        Ok((
            counter,
            base64::engine::general_purpose::STANDARD.encode(signature.to_bytes()),
        ))
    }

    /// Signs a relay bundle's message ([`wire::bundle_signing_message`]): no counter, since a
    /// bundle may rightly arrive more than once.
    pub fn sign_bundle(&self, kiosk: &str, sealed: &[u8]) -> [u8; 64] {
        self.key
            .sign(&wire::bundle_signing_message(kiosk, sealed))
            .to_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_private_to_its_owner_and_counters_only_go_up()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        assert!(DeviceKey::load(dir.path())?.is_none());
        let made = DeviceKey::create(dir.path())?;
        let mode = fs::metadata(dir.path().join(KEY_FILE))?
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let loaded = DeviceKey::load(dir.path())?.ok_or("no key")?;
        assert_eq!(loaded.public_base64(), made.public_base64());
        let (first, _) = loaded.sign("POST", "/api/v2/sync/hello", b"{}")?;
        let (second, signature) = loaded.sign("POST", "/api/v2/sync/hello", b"{}")?;
        assert!(second > first);
        assert_eq!(
            base64::engine::general_purpose::STANDARD
                .decode(signature)?
                .len(),
            64
        );
        // Readable by others: refused, with the fix in the message.
        fs::set_permissions(dir.path().join(KEY_FILE), fs::Permissions::from_mode(0o644))?;
        let error = DeviceKey::load(dir.path()).err().ok_or("accepted")?;
        assert!(error.to_string().contains("chmod 600"), "{error}");
        Ok(())
    }
}
