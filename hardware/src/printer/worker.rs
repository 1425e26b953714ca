//! The printer's I/O thread. Every job (a status query, or a status check then the document)
//! runs here; the caller waits for progress with a timeout, so a printer that stops
//! answering costs the caller at most the configured timeout, never a hang. A job still stuck
//! after its caller gave up makes later jobs fail at once as busy, so at most one thread is
//! ever stuck on a dead printer.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use super::PrinterError;
use super::status::{self, PrinterStatus};
use super::transport::{Channel, Connection};

/// Bytes written between progress reports (≈1 s at 9600 baud).
const CHUNK: usize = 1024;
/// Slack on top of the printer's own timeouts before the caller gives up.
const MARGIN: Duration = Duration::from_millis(500);

/// What a job should do.
#[derive(Debug)]
pub(crate) enum Task {
    /// Ask the status.
    Status,
    /// Check the status (when asked to), then send the bytes.
    Print {
        /// The ESC/POS stream.
        bytes: Vec<u8>,
        /// Ask the status first and refuse when the printer cannot print.
        check_status: bool,
    },
}

enum Message {
    Progress,
    Done(Result<PrinterStatus, PrinterError>),
}

struct Job {
    task: Task,
    reply: mpsc::Sender<Message>,
}

/// Handle to the I/O thread.
#[derive(Debug)]
pub(crate) struct Worker {
    jobs: mpsc::Sender<Job>,
    busy: Arc<AtomicBool>,
    timeout: Duration,
    target: String,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("task", &self.task).finish()
    }
}

impl Worker {
    /// Starts the thread for `connection`, with `timeout` for each step.
    pub(crate) fn spawn(connection: Connection, timeout: Duration) -> Result<Worker, PrinterError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let busy = Arc::new(AtomicBool::new(false));
        let target = connection.target();
        let thread_busy = Arc::clone(&busy);
        std::thread::Builder::new()
            .name("printer-io".into())
            .spawn(move || {
                for job in queue {
                    let result = run(&connection, job.task, timeout, &job.reply);
                    thread_busy.store(false, Ordering::SeqCst);
                    let _ = job.reply.send(Message::Done(result));
                }
            })
            .map_err(|source| PrinterError::Unreachable {
                target: target.clone(),
                source: Arc::new(source),
            })?;
        Ok(Worker {
            jobs,
            busy,
            timeout,
            target,
        })
    }

    /// Runs `task`, waiting at most the timeout (plus a little) between signs of life.
    pub(crate) fn run(&self, task: Task) -> Result<PrinterStatus, PrinterError> {
        if self.busy.swap(true, Ordering::SeqCst) {
            return Err(PrinterError::Busy {
                target: self.target.clone(),
            });
        }
        let (reply, replies) = mpsc::channel();
        if self.jobs.send(Job { task, reply }).is_err() {
            self.busy.store(false, Ordering::SeqCst);
            return Err(PrinterError::Stopped);
        }
        loop {
            match replies.recv_timeout(self.timeout + MARGIN) {
                Ok(Message::Progress) => continue,
                Ok(Message::Done(result)) => return result,
                Err(RecvTimeoutError::Timeout) => {
                    return Err(PrinterError::NoAnswer {
                        target: self.target.clone(),
                        seconds: self.timeout.as_secs_f64(),
                    });
                }
                Err(RecvTimeoutError::Disconnected) => return Err(PrinterError::Stopped),
            }
        }
    }
}

fn run(
    connection: &Connection,
    task: Task,
    timeout: Duration,
    progress: &mpsc::Sender<Message>,
) -> Result<PrinterStatus, PrinterError> {
    let target = connection.target();
    let mut channel = Channel::open(connection, timeout)?;
    let _ = progress.send(Message::Progress);
    let (check, bytes) = match task {
        Task::Status => (true, None),
        Task::Print {
            bytes,
            check_status,
        } => (check_status, Some(bytes)),
    };
    let status = if check {
        ask_status(&mut channel, &target, timeout)?
    } else {
        PrinterStatus::Unknown
    };
    let _ = progress.send(Message::Progress);
    if let Some(bytes) = bytes {
        if !status.can_print() {
            return Err(PrinterError::NotReady { status });
        }
        for chunk in bytes.chunks(CHUNK) {
            channel.write_all(chunk).map_err(|source| {
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) {
                    PrinterError::NoAnswer {
                        target: target.clone(),
                        seconds: timeout.as_secs_f64(),
                    }
                } else {
                    PrinterError::Write {
                        target: target.clone(),
                        source: Arc::new(source),
                    }
                }
            })?;
            let _ = progress.send(Message::Progress);
        }
    }
    channel.finish();
    Ok(status)
}

fn ask_status(
    channel: &mut Channel,
    target: &str,
    timeout: Duration,
) -> Result<PrinterStatus, PrinterError> {
    match channel.query_status(&status::QUERY, timeout) {
        Ok(Some(replies)) => status::parse(replies)
            .map(PrinterStatus::Known)
            .map_err(PrinterError::BadStatus),
        Ok(None) => Ok(PrinterStatus::Unknown),
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) =>
        {
            Err(PrinterError::NoAnswer {
                target: target.to_owned(),
                seconds: timeout.as_secs_f64(),
            })
        }
        Err(source) => Err(PrinterError::Write {
            target: target.to_owned(),
            source: Arc::new(source),
        }),
    }
}
