//! What residents leave besides anonymous events: service requests (personal fields sealed),
//! ratings and survey answers, and learning progress under a learner code.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension as _, params};
use wire::{FeedbackRecord, ProgressRecord, RecordBody, RequestRecord};

pub use crate::model::{FeedbackKind, LocalRecord, ModuleProgress, StoredFeedback, StoredRequest};

use super::{LocalStore, StoreError, outbox};

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl LocalStore {
    /// Stores records in one transaction, each with its outbox entry.
    pub fn save_records(&mut self, records: &[LocalRecord], now: i64) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        for record in records {
            match record {
                LocalRecord::Request(request) => {
                    let body = RecordBody::Request(RequestRecord {
                        reference: request.reference.clone(),
                        form: request.form.clone(),
                        topic: request.topic.clone(),
                        answers: request.answers.clone(),
                        sealed: request.sealed.clone(),
                        hour: request.hour,
                    });
                    outbox::append(&transaction, &body, Some(&request.reference), now)?;
                    transaction.execute(
                        "INSERT INTO requests (reference, form, topic, answers, sealed, hour) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            request.reference,
                            request.form,
                            request.topic,
                            to_json(&request.answers)?,
                            request.sealed,
                            request.hour
                        ],
                    )?;
                }
                LocalRecord::Feedback(feedback) => {
                    transaction.execute(
                        "INSERT INTO feedback (kind, subject, answers, sealed_comment, hour) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![
                            feedback.kind.as_str(),
                            feedback.subject,
                            to_json(&feedback.answers)?,
                            feedback.sealed_comment,
                            feedback.hour
                        ],
                    )?;
                    let body = RecordBody::Feedback(FeedbackRecord {
                        kind: feedback.kind.as_str().to_owned(),
                        subject: feedback.subject.clone(),
                        answers: feedback.answers.clone(),
                        sealed_comment: feedback.sealed_comment.clone(),
                        hour: feedback.hour,
                    });
                    let id = transaction.last_insert_rowid().to_string();
                    outbox::append(&transaction, &body, Some(&id), now)?;
                }
                LocalRecord::Progress {
                    learner_code,
                    module,
                    progress,
                } => {
                    let body = RecordBody::Progress(ProgressRecord {
                        learner_code: learner_code.clone(),
                        module: module.clone(),
                        steps_done: progress.steps_done.clone(),
                        best_score: progress.best_score,
                        passed: progress.passed,
                    });
                    outbox::append(&transaction, &body, None, now)?;
                    merge_progress(&transaction, learner_code, module, progress, now)?;
                }
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Merges progress the server holds for a learner (from other kiosks) into what is stored
    /// here. Not queued for sending: it came from the server.
    pub fn merge_pulled_progress(
        &mut self,
        learner_code: &str,
        pulled: &[wire::ProgressRecord],
        now: i64,
    ) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        for record in pulled.iter().filter(|r| r.learner_code == learner_code) {
            let progress = ModuleProgress {
                steps_done: record.steps_done.clone(),
                best_score: record.best_score,
                passed: record.passed,
            };
            merge_progress(&transaction, learner_code, &record.module, &progress, now)?;
        }
        transaction.commit()?;
        Ok(())
    }

    /// A learner's progress in every module they have started here.
    pub fn learner_progress(
        &self,
        learner_code: &str,
    ) -> Result<BTreeMap<String, ModuleProgress>, StoreError> {
        let mut query = self.connection.prepare_cached(
            "SELECT module, steps_done, best_score, passed FROM learner_progress WHERE learner_code = ?1",
        )?;
        let rows = query.query_map(params![learner_code], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<u32>>(2)?,
                row.get::<_, bool>(3)?,
            ))
        })?;
        let mut progress = BTreeMap::new();
        for row in rows {
            let (module, steps, best_score, passed) = row?;
            let steps_done =
                serde_json::from_str(&steps).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            progress.insert(
                module,
                ModuleProgress {
                    steps_done,
                    best_score,
                    passed,
                },
            );
        }
        Ok(progress)
    }

    /// Every stored request, oldest first.
    pub fn requests(&self) -> Result<Vec<StoredRequest>, StoreError> {
        let mut query = self.connection.prepare(
            "SELECT reference, form, topic, answers, sealed, hour FROM requests ORDER BY rowid",
        )?;
        let rows = query.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, Option<Vec<u8>>>(4)?,
                row.get::<_, i64>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (reference, form, topic, answers, sealed, hour) = row?;
            let answers =
                serde_json::from_str(&answers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            Ok(StoredRequest {
                reference,
                form,
                topic,
                answers,
                sealed,
                hour,
            })
        })
        .collect()
    }

    /// Every stored rating and survey answer, oldest first.
    pub fn feedback(&self) -> Result<Vec<StoredFeedback>, StoreError> {
        let mut query = self.connection.prepare(
            "SELECT kind, subject, answers, sealed_comment, hour FROM feedback ORDER BY id",
        )?;
        let rows = query.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<Vec<u8>>>(3)?,
                row.get::<_, i64>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (kind, subject, answers, sealed_comment, hour) = row?;
            let kind = if kind == "rating" {
                FeedbackKind::Rating
            } else {
                FeedbackKind::Survey
            };
            let answers =
                serde_json::from_str(&answers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            Ok(StoredFeedback {
                kind,
                subject,
                answers,
                sealed_comment,
                hour,
            })
        })
        .collect()
    }
}

/// Merges `progress` into what is stored for this learner and module.
fn merge_progress(
    connection: &rusqlite::Connection,
    learner_code: &str,
    module: &str,
    progress: &ModuleProgress,
    now: i64,
) -> Result<(), StoreError> {
    let merged = progress_row(connection, learner_code, module)?
        .unwrap_or_default()
        .merge(progress);
    connection.execute(
        "INSERT OR REPLACE INTO learner_progress
             (learner_code, module, steps_done, best_score, passed, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            learner_code,
            module,
            to_json(&merged.steps_done)?,
            merged.best_score,
            merged.passed,
            now
        ],
    )?;
    Ok(())
}

fn progress_row(
    connection: &rusqlite::Connection,
    learner_code: &str,
    module: &str,
) -> Result<Option<ModuleProgress>, StoreError> {
    let row = connection
        .query_row(
            "SELECT steps_done, best_score, passed FROM learner_progress WHERE learner_code = ?1 AND module = ?2",
            params![learner_code, module],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, Option<u32>>(1)?, row.get::<_, bool>(2)?)),
        )
        .optional()?;
    row.map(|(steps, best_score, passed)| {
        let steps_done =
            serde_json::from_str(&steps).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(ModuleProgress {
            steps_done,
            best_score,
            passed,
        })
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::super::temp_store;
    use super::*;

    fn progress(steps: &[&str], best_score: Option<u32>, passed: bool) -> ModuleProgress {
        ModuleProgress {
            steps_done: steps.iter().map(|s| s.to_string()).collect(),
            best_score,
            passed,
        }
    }

    #[test]
    fn progress_merges_into_what_is_stored() -> Result<(), StoreError> {
        let (_dir, mut store) = temp_store();
        let save = |store: &mut LocalStore, p: ModuleProgress| {
            store.save_records(
                &[LocalRecord::Progress {
                    learner_code: "K7PQM3XZA".into(),
                    module: "passwords".into(),
                    progress: p,
                }],
                0,
            )
        };
        save(&mut store, progress(&["a", "b"], Some(3), false))?;
        save(&mut store, progress(&["c"], Some(2), false))?;
        save(&mut store, progress(&[], Some(5), true))?;
        let stored = store.learner_progress("K7PQM3XZA")?;
        assert_eq!(
            stored.get("passwords"),
            Some(&progress(&["a", "b", "c"], Some(5), true))
        );
        assert!(store.learner_progress("OTHERCODE")?.is_empty());
        Ok(())
    }

    #[test]
    fn requests_and_feedback_round_trip() -> Result<(), StoreError> {
        let (_dir, mut store) = temp_store();
        let request = StoredRequest {
            reference: "K7PQ-M3XZ-R9".into(),
            form: "callback".into(),
            topic: "contact.callback".into(),
            answers: [("topic".to_owned(), "housing".to_owned())].into(),
            sealed: Some(vec![1, 2, 3]),
            hour: 3600,
        };
        let feedback = StoredFeedback {
            kind: FeedbackKind::Rating,
            subject: "education.library".into(),
            answers: [("rating".to_owned(), vec!["4".to_owned()])].into(),
            sealed_comment: None,
            hour: 3600,
        };
        store.save_records(
            &[
                LocalRecord::Request(request.clone()),
                LocalRecord::Feedback(feedback.clone()),
            ],
            0,
        )?;
        assert_eq!(store.requests()?, vec![request]);
        assert_eq!(store.feedback()?, vec![feedback]);
        Ok(())
    }
}
