//! Background jobs run by one server process at a time (retention, Open311 pushes, digests):
//! on PostgreSQL a session advisory lock per job, held while the job runs and released when
//! its [`JobLock`] is dropped (or its process dies); on SQLite, whose file one server
//! process uses, every job may run.

use super::db::{block_on, lock_key};
use super::{Backend, Store, StoreError};

/// A job's lock, held until dropped.
pub struct JobLock {
    held: Option<(Box<deadpool_postgres::Object>, i64)>,
}

impl std::fmt::Debug for JobLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobLock")
            .field("key", &self.held.as_ref().map(|(_, key)| key))
            .finish()
    }
}

impl Drop for JobLock {
    fn drop(&mut self) {
        if let Some((client, key)) = self.held.take() {
            // Closing the connection would release it too; unlocking keeps the connection.
            if let Err(error) = block_on(client.execute("SELECT pg_advisory_unlock($1)", &[&key])) {
                tracing::warn!(%error, "cannot release a job's lock; its connection will");
            }
        }
    }
}

impl Store {
    /// [`Store::try_job_lock`] for async loops: `None` when another process runs `job` or the
    /// database cannot be asked (said in the log); the loop skips its round either way.
    pub async fn job_lock(&self, job: impl Into<String>) -> Option<JobLock> {
        let job = job.into();
        let name = job.clone();
        match self.call(move |store| store.try_job_lock(&name)).await {
            Ok(lock) => lock,
            Err(error) => {
                tracing::warn!(%error, %job, "cannot take a job's lock; will try again");
                None
            }
        }
    }

    /// The lock of `job` if no other process holds it (`None`: another process is running
    /// it; skip this round).
    pub fn try_job_lock(&self, job: &str) -> Result<Option<JobLock>, StoreError> {
        match &*self.backend {
            Backend::Sqlite { .. } => Ok(Some(JobLock { held: None })),
            Backend::Postgres(pool) => {
                let client = pool.get()?;
                let key = lock_key(&format!("job:{job}"));
                let taken: bool =
                    block_on(client.query_one("SELECT pg_try_advisory_lock($1)", &[&key]))?.get(0);
                Ok(taken.then(|| JobLock {
                    held: Some((Box::new(client), key)),
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::temp_store;
    use super::*;

    #[test]
    fn a_job_runs_in_one_process_at_a_time() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        let first = store.try_job_lock("prune")?;
        assert!(first.is_some());
        if store.dialect() == super::super::db::Dialect::Postgres {
            // Another process (here: another pool on the same database) is kept out…
            let url = match &*store.backend {
                Backend::Postgres(pool) => pool.url().to_owned(),
                Backend::Sqlite { .. } => unreachable!(),
            };
            let other = Store::open_postgres(&url)?;
            assert!(other.try_job_lock("prune")?.is_none());
            // …from that job only…
            assert!(other.try_job_lock("digest")?.is_some());
            // …until the first lets go.
            drop(first);
            assert!(other.try_job_lock("prune")?.is_some());
        }
        Ok(())
    }
}
