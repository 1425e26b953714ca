//! The recorder: a thread that owns a database connection and writes the events and records
//! handed to it, so the UI thread never waits on the disk. If a write fails (disk full,
//! database locked) they stay queued in memory and are retried; nothing is dropped.

use std::collections::VecDeque;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::session::{Journal, KnownStatusReply, LearnerProgress, ReadFailure};
use crate::store::{LocalEvent, LocalRecord, LocalStore};

/// How often queued events are retried after a failed write.
const RETRY_EVERY: Duration = Duration::from_secs(5);

enum Command {
    Record(LocalEvent),
    Keep(LocalRecord),
    /// A read, answered after the writes queued before it.
    Read(Box<dyn FnOnce(&LocalStore) + Send>),
    Flush(mpsc::Sender<Result<(), String>>),
}

/// Hands events to the writer thread. Dropping it writes what is queued, then stops the thread.
pub struct Recorder {
    commands: Option<mpsc::Sender<Command>>,
    thread: Option<JoinHandle<()>>,
}

/// Why a flush could not confirm everything is on disk.
#[derive(Debug, thiserror::Error)]
pub enum RecorderError {
    /// Writing failed; the events are still queued and will be retried.
    #[error("events are queued but not yet on disk: {0}")]
    NotWritten(String),
    /// The writer thread is gone.
    #[error("the event writer has stopped")]
    Stopped,
}

impl Recorder {
    /// Starts the writer thread. `after_write` runs on that thread after each successful
    /// write (the kiosk uses it to wake the sync task).
    pub fn spawn(
        store: LocalStore,
        after_write: impl Fn() + Send + 'static,
    ) -> std::io::Result<Recorder> {
        let (commands, receiver) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("event-recorder".into())
            .spawn(move || writer_loop(store, receiver, after_write))?;
        Ok(Recorder {
            commands: Some(commands),
            thread: Some(thread),
        })
    }

    /// Waits until every event recorded so far is on disk.
    pub fn flush(&self) -> Result<(), RecorderError> {
        let (reply, answer) = mpsc::channel();
        self.send(Command::Flush(reply))
            .map_err(|_| RecorderError::Stopped)?;
        answer
            .recv()
            .map_err(|_| RecorderError::Stopped)?
            .map_err(RecorderError::NotWritten)
    }

    /// Runs `query` on the writer's thread after the writes queued before it, and hands its
    /// answer (or why there is none, also when the writer has stopped) to `reply`.
    fn read<T: 'static>(
        &self,
        query: impl FnOnce(&LocalStore) -> Result<T, crate::store::StoreError> + Send + 'static,
        reply: Box<dyn FnOnce(Result<T, ReadFailure>) + Send>,
    ) {
        // The reply is shared with the read, so it is answered even if the read never runs.
        let reply = std::sync::Arc::new(std::sync::Mutex::new(Some(reply)));
        let answer = reply.clone();
        let read = Command::Read(Box::new(move |store: &LocalStore| {
            if let Some(reply) = answer.lock().ok().and_then(|mut r| r.take()) {
                reply(query(store).map_err(ReadFailure::from));
            }
        }));
        if self.send(read).is_err()
            && let Some(reply) = reply.lock().ok().and_then(|mut r| r.take())
        {
            reply(Err(ReadFailure::Stopped));
        }
    }

    /// Hands a command to the writer; gives it back if the writer has stopped.
    fn send(&self, command: Command) -> Result<(), Box<Command>> {
        match &self.commands {
            Some(sender) => sender
                .send(command)
                .map_err(|mpsc::SendError(command)| Box::new(command)),
            None => Err(Box::new(command)),
        }
    }
}

impl Journal for Recorder {
    fn record(&self, event: LocalEvent) {
        if self.send(Command::Record(event)).is_err() {
            tracing::error!("the event writer has stopped; an event could not be queued");
        }
    }

    fn keep(&self, record: LocalRecord) {
        if self.send(Command::Keep(record)).is_err() {
            tracing::error!("the event writer has stopped; a record could not be queued");
        }
    }

    fn load_learner(&self, learner_code: String, reply: Box<dyn FnOnce(LearnerProgress) + Send>) {
        self.read(move |store| store.learner_progress(&learner_code), reply);
    }

    fn known_status(&self, reference: String, reply: KnownStatusReply) {
        self.read(move |store| store.known_status(&reference), reply);
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.commands.take();
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the event writer panicked");
        }
    }
}

fn writer_loop(mut store: LocalStore, commands: mpsc::Receiver<Command>, after_write: impl Fn()) {
    let mut queue: VecDeque<LocalEvent> = VecDeque::new();
    let mut records: VecDeque<LocalRecord> = VecDeque::new();
    loop {
        let command = if queue.is_empty() && records.is_empty() {
            match commands.recv() {
                Ok(command) => Some(command),
                Err(_) => break,
            }
        } else {
            match commands.recv_timeout(RETRY_EVERY) {
                Ok(command) => Some(command),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        };
        let mut flush_replies = Vec::new();
        let mut reads = Vec::new();
        let mut take = |command| match command {
            Command::Record(event) => queue.push_back(event),
            Command::Keep(record) => records.push_back(record),
            Command::Read(read) => reads.push(read),
            Command::Flush(reply) => flush_replies.push(reply),
        };
        if let Some(command) = command {
            take(command);
        }
        // Write everything already waiting in one transaction.
        while let Ok(command) = commands.try_recv() {
            take(command);
        }
        let pending = !queue.is_empty() || !records.is_empty();
        let outcome =
            write(&mut store, &mut queue, &mut records).map_err(|error| error.to_string());
        match &outcome {
            Ok(()) if pending => after_write(),
            Ok(()) => {}
            Err(error) => {
                tracing::warn!(%error, queued = queue.len() + records.len(), "cannot write yet; will retry")
            }
        }
        // Reads come after the writes queued before them, so learners see their own progress.
        for read in reads {
            read(&store);
        }
        for reply in flush_replies {
            let _ = reply.send(outcome.clone());
        }
    }
    // The kiosk is closing: one last try for anything still queued.
    if let Err(error) = write(&mut store, &mut queue, &mut records) {
        tracing::error!(%error, lost = queue.len() + records.len(), "could not write before exit");
    }
}

/// Writes what is queued; whatever was written leaves its queue, so a failure part-way never
/// writes anything twice on the retry.
fn write(
    store: &mut LocalStore,
    events: &mut VecDeque<LocalEvent>,
    records: &mut VecDeque<LocalRecord>,
) -> Result<(), crate::store::StoreError> {
    if !events.is_empty() {
        store.append_events(&events.iter().cloned().collect::<Vec<_>>())?;
        events.clear();
    }
    if !records.is_empty() {
        store.save_records(
            &records.iter().cloned().collect::<Vec<_>>(),
            crate::clock::now(),
        )?;
        records.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use wire::EventKind;

    fn event() -> LocalEvent {
        LocalEvent {
            session: "d".repeat(32),
            hour: 0,
            kind: EventKind::SessionStarted,
        }
    }

    #[test]
    fn recorded_events_reach_the_database() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("k.sqlite3");
        let writes = Arc::new(AtomicUsize::new(0));
        let counter = writes.clone();
        let recorder = Recorder::spawn(LocalStore::open(&path)?, move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })?;
        for _ in 0..25 {
            recorder.record(event());
        }
        recorder.flush()?;
        assert_eq!(LocalStore::open(&path)?.unsent_count()?, 25);
        assert!(writes.load(Ordering::SeqCst) >= 1);
        Ok(())
    }

    #[test]
    fn dropping_the_recorder_writes_what_is_queued() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("k.sqlite3");
        let recorder = Recorder::spawn(LocalStore::open(&path)?, || {})?;
        recorder.record(event());
        recorder.record(event());
        drop(recorder);
        assert_eq!(LocalStore::open(&path)?.unsent_count()?, 2);
        Ok(())
    }

    #[test]
    fn records_are_kept_and_learners_read_back_their_progress()
    -> Result<(), Box<dyn std::error::Error>> {
        use crate::store::{LocalRecord, ModuleProgress};
        let dir = tempfile::tempdir()?;
        let recorder = Recorder::spawn(LocalStore::open(&dir.path().join("k.sqlite3"))?, || {})?;
        let progress = ModuleProgress {
            steps_done: ["intro".to_owned()].into(),
            best_score: Some(4),
            passed: true,
        };
        recorder.keep(LocalRecord::Progress {
            learner_code: "K7PQM3XZA".into(),
            module: "strong-passwords".into(),
            progress: progress.clone(),
        });
        let (reply, answer) = mpsc::channel();
        recorder.load_learner(
            "K7PQM3XZA".into(),
            Box::new(move |loaded| {
                let _ = reply.send(loaded);
            }),
        );
        let loaded = answer.recv()??;
        assert_eq!(loaded.get("strong-passwords"), Some(&progress));
        Ok(())
    }

    #[test]
    fn a_failed_write_keeps_the_events_and_says_so() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("k.sqlite3");
        let store = LocalStore::open(&path)?;
        // Another connection holds the write lock, as a stuck process would.
        let blocker = rusqlite::Connection::open(&path)?;
        blocker.busy_timeout(Duration::from_millis(0))?;
        blocker.execute_batch("BEGIN IMMEDIATE")?;
        let mut store = store;
        store.set_busy_timeout_for_tests(Duration::from_millis(50))?;
        let recorder = Recorder::spawn(store, || {})?;
        recorder.record(event());
        let error = recorder
            .flush()
            .expect_err("the write cannot succeed while locked");
        assert!(error.to_string().contains("locked"), "{error}");
        blocker.execute_batch("ROLLBACK")?;
        // Retried on the next command: the event was not lost.
        recorder.record(event());
        recorder.flush()?;
        assert_eq!(LocalStore::open(&path)?.unsent_count()?, 2);
        Ok(())
    }
}
