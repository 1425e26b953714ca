//! Batch dictionaries: trained here on the shapes of the anonymous records kiosks sent,
//! kept in `<data-dir>/content/dictionaries/<id>.zdict` for good, and published with the next
//! content version (`wire::BATCH_DICTIONARY_PATH`). Every dictionary ever trained stays, so a
//! batch made with any of them decodes: a kiosk that has not fetched newer content still syncs.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use wire::{BatchDictionary, FIRST_DICTIONARY_ID, RecordBody, WireRecord};

use crate::store::{Store, StoreError};

/// The size dictionaries are trained to: small batches gain most up to about this size, and
/// kiosks download it once per dictionary.
pub const DICTIONARY_BYTES: usize = 16 * 1024;

/// Records read to train one: enough visits for every common shape, little enough to train
/// in seconds.
pub const TRAINING_RECORDS: usize = 40_000;

/// At most this many kiosks' records are read for training.
const TRAINING_KIOSKS: usize = 400;

/// Fewer visits than this make a dictionary that fits one kiosk's habits, not the city's.
pub const MIN_TRAINING_SAMPLES: usize = 50;

/// Why a dictionary could not be trained, stored or read.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryShelfError {
    /// The records could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file could not be read or written.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What we were doing.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A stored or trained dictionary does not load.
    #[error("{path}: {source}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Why.
        source: wire::DictionaryError,
    },
    /// Too few visits stored to learn from.
    #[error(
        "only {found} visits are stored; a dictionary needs at least {MIN_TRAINING_SAMPLES} (train it once kiosks have synced for a while)"
    )]
    TooFewSamples {
        /// Visits found.
        found: usize,
    },
    /// zstd's trainer refused the samples.
    #[error("training failed: {0}")]
    Training(std::io::Error),
}

/// A dictionary the server trained, as `sync-server content dictionaries` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryInfo {
    /// Its id, named in every frame compressed with it.
    pub id: u32,
    /// Its size.
    pub bytes: u64,
}

/// The dictionaries of one server, read from disk once each.
#[derive(Debug)]
pub struct DictionaryShelf {
    dir: PathBuf,
    loaded: Mutex<HashMap<u32, Arc<BatchDictionary>>>,
}

impl DictionaryShelf {
    /// The shelf in a server's data directory.
    pub fn new(data_dir: &Path) -> DictionaryShelf {
        DictionaryShelf {
            dir: data_dir.join("content").join("dictionaries"),
            loaded: Mutex::new(HashMap::new()),
        }
    }

    fn path(&self, id: u32) -> PathBuf {
        self.dir.join(format!("{id}.zdict"))
    }

    /// The dictionary with this id, if this server ever trained it.
    pub fn get(&self, id: u32) -> Result<Option<Arc<BatchDictionary>>, DictionaryShelfError> {
        if let Some(found) = self.loaded.lock().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(Some(found));
        }
        let path = self.path(id);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(DictionaryShelfError::Io {
                    action: "read",
                    path,
                    source,
                });
            }
        };
        let dictionary = Arc::new(
            BatchDictionary::parse(bytes)
                .map_err(|source| DictionaryShelfError::Invalid { path, source })?,
        );
        if let Ok(mut loaded) = self.loaded.lock() {
            loaded.insert(id, dictionary.clone());
        }
        Ok(Some(dictionary))
    }

    /// Every dictionary trained here, oldest first.
    pub fn list(&self) -> Result<Vec<DictionaryInfo>, DictionaryShelfError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(DictionaryShelfError::Io {
                    action: "read",
                    path: self.dir.clone(),
                    source,
                });
            }
        };
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(id) = name
                .strip_suffix(".zdict")
                .and_then(|id| id.parse::<u32>().ok())
            else {
                continue;
            };
            let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
            found.push(DictionaryInfo { id, bytes });
        }
        found.sort_by_key(|info| info.id);
        Ok(found)
    }

    /// The newest dictionary: the one published with the next content version.
    pub fn newest(&self) -> Result<Option<Arc<BatchDictionary>>, DictionaryShelfError> {
        match self.list()?.last() {
            Some(info) => self.get(info.id),
            None => Ok(None),
        }
    }

    /// Trains a dictionary on the latest anonymous records in `store` and keeps it under the
    /// next id; returns it and the number of visits it learnt from.
    pub fn train(
        &self,
        store: &Store,
        records: usize,
    ) -> Result<(Arc<BatchDictionary>, usize), DictionaryShelfError> {
        let rows = store.recent_anonymous_records(TRAINING_KIOSKS, records)?;
        let samples = training_samples(&rows, &mut rand::rng());
        if samples.len() < MIN_TRAINING_SAMPLES {
            return Err(DictionaryShelfError::TooFewSamples {
                found: samples.len(),
            });
        }
        let trained = zstd::dict::from_samples(&samples, DICTIONARY_BYTES)
            .map_err(DictionaryShelfError::Training)?;
        let id = self
            .list()?
            .last()
            .map_or(FIRST_DICTIONARY_ID, |info| info.id + 1);
        let path = self.path(id);
        let dictionary = BatchDictionary::with_id(trained, id).map_err(|source| {
            DictionaryShelfError::Invalid {
                path: path.clone(),
                source,
            }
        })?;
        fs::create_dir_all(&self.dir).map_err(|source| DictionaryShelfError::Io {
            action: "create",
            path: self.dir.clone(),
            source,
        })?;
        crate::content::write_atomically(&path, dictionary.bytes()).map_err(|error| {
            DictionaryShelfError::Io {
                action: "write",
                path: path.clone(),
                source: std::io::Error::other(error.to_string()),
            }
        })?;
        let dictionary = Arc::new(dictionary);
        if let Ok(mut loaded) = self.loaded.lock() {
            loaded.insert(id, dictionary.clone());
        }
        Ok((dictionary, samples.len()))
    }
}

/// One training sample per visit, as the kiosk sends it after the visit: the visit's events
/// and the records written between them (availability, heartbeats), a CBOR list of
/// [`WireRecord`]s with their bodies packed ([`wire::pack_body`]). Each visit's session id is replaced by a new random one, so the
/// dictionary (which every kiosk receives) carries no session of a real visit.
pub fn training_samples(rows: &[(String, u64, Vec<u8>)], rng: &mut impl rand::Rng) -> Vec<Vec<u8>> {
    let mut samples = Vec::new();
    let mut visit: Vec<WireRecord> = Vec::new();
    let mut current: Option<(&str, String)> = None;
    let mut stand_in = String::new();
    fn finish(visit: &mut Vec<WireRecord>, samples: &mut Vec<Vec<u8>>) {
        if visit.is_empty() {
            return;
        }
        // Packed as kiosks send them to this server (sessions as their 16 bytes).
        samples.push(wire::batch_cbor(&wire::pack_bodies(visit)));
        visit.clear();
    }
    for (kiosk, seq, body) in rows {
        let Ok(decoded) = RecordBody::decode(body) else {
            continue;
        };
        let body = match decoded {
            RecordBody::Event(mut event) => {
                let same = current
                    .as_ref()
                    .is_some_and(|(k, s)| k == kiosk && *s == event.session);
                if !same || visit.len() >= 50 {
                    finish(&mut visit, &mut samples);
                    current = Some((kiosk.as_str(), event.session.clone()));
                    stand_in = format!("{:032x}", rng.random::<u128>());
                }
                event.session = stand_in.clone();
                RecordBody::Event(event).encode()
            }
            RecordBody::Availability(_) | RecordBody::Heartbeat(_) => body.clone(),
            // Never learnt from: they may carry a person's words or a learner code.
            RecordBody::Request(_) | RecordBody::Feedback(_) | RecordBody::Progress(_) => continue,
        };
        if current.as_ref().is_some_and(|(k, _)| k != kiosk) {
            finish(&mut visit, &mut samples);
            current = None;
        }
        visit.push(WireRecord { seq: *seq, body });
    }
    finish(&mut visit, &mut samples);
    samples
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng as _;
    use wire::{EventKind, EventRecord};

    fn event(session: &str, seq: u64) -> (String, u64, Vec<u8>) {
        let body = RecordBody::Event(EventRecord {
            session: session.into(),
            hour: 1_790_000_000 - 1_790_000_000 % 3600,
            kind: EventKind::SessionStarted,
        });
        ("kiosk-1".into(), seq, body.encode())
    }

    #[test]
    fn samples_are_one_per_visit_and_carry_no_real_session() -> Result<(), wire::DecodeError> {
        let real_a = "a".repeat(32);
        let real_b = "b".repeat(32);
        let rows = vec![
            event(&real_a, 1),
            event(&real_a, 2),
            event(&real_b, 3),
            event(&real_b, 4),
            event(&real_b, 5),
        ];
        let samples = training_samples(&rows, &mut rand::rngs::StdRng::seed_from_u64(1));
        assert_eq!(samples.len(), 2);
        let mut sessions = Vec::new();
        for (sample, expected) in samples.iter().zip([2, 3]) {
            let records = wire::decode_batch(
                &zstd::bulk::compress(sample, 1)
                    .map_err(|e| wire::DecodeError::Compression(e.to_string()))?,
                1 << 20,
                None,
            )?;
            assert_eq!(records.len(), expected);
            for record in records {
                let RecordBody::Event(event) = RecordBody::decode(&record.body)? else {
                    panic!("not an event");
                };
                assert_ne!(event.session, real_a);
                assert_ne!(event.session, real_b);
                assert!(wire::is_session_id(&event.session), "{}", event.session);
                sessions.push(event.session);
            }
        }
        sessions.dedup();
        assert_eq!(sessions.len(), 2, "one stand-in per visit");
        Ok(())
    }
}
