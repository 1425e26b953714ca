//! The kiosk's [`Devices`] on real (or simulated, by configuration) peripherals from the
//! `hardware` crate: documents go to the receipt printer through its layouts, speech to
//! espeak-ng. Every device call leaves the caller's thread at once: it is handed to a device
//! worker over a channel (as events are to the recorder), so the UI thread never waits on
//! espeak-ng, a printer or the lock that guards them. Print results come back as hardware
//! events, read on a thread of their own.

use std::collections::HashMap;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use hardware::printer::{Certificate, Document, Fonts, LearnerCard, Ticket, templates};
use hardware::{Hardware, HardwareConfig, HardwareEvent, PrintJob};

use crate::devices::{Devices, PrintDone, PrintFailure, Printout};

type Pending = Arc<Mutex<HashMap<PrintJob, PrintDone>>>;

/// What the device worker is asked to do.
enum Job {
    Print {
        printout: Printout,
        locale: String,
        done: PrintDone,
    },
    Speak {
        text: String,
        locale: String,
    },
    StopSpeaking,
    ResetForNewSession,
}

impl Job {
    /// Speaking and stopping: only the latest of a run of them matters.
    fn is_speech(&self) -> bool {
        matches!(self, Job::Speak { .. } | Job::StopSpeaking)
    }
}

/// Printer and voice from the `hardware` crate.
pub struct HardwareDevices {
    hardware: Arc<Mutex<Hardware>>,
    jobs: mpsc::Sender<Job>,
    /// Whether each language can be spoken, found once at start (the UI asks often).
    voices: HashMap<String, bool>,
}

impl HardwareDevices {
    /// Starts the devices `config` chooses, drawing printed text with the kiosk's fonts.
    /// Other hardware events (scans, presence, power, link) are passed to `on_event`, on the
    /// hardware's event thread; [`device_event`] says which of them the UI acts on.
    pub fn start(
        config: &HardwareConfig,
        on_event: impl Fn(HardwareEvent) + Send + 'static,
    ) -> std::io::Result<HardwareDevices> {
        let mut fonts = Fonts::new();
        for (_, bytes) in crate::fonts::embedded_files() {
            fonts = fonts.with(bytes);
        }
        let (mut hardware, events) = Hardware::start(config, &fonts);
        let voices = crate::i18n::locale_tags()
            .map(|locale| (locale.to_owned(), speaks(&mut hardware, locale)))
            .collect();
        let pending: Pending = Arc::default();
        let waiting = Arc::clone(&pending);
        std::thread::Builder::new()
            .name("hardware-events".into())
            .spawn(move || watch(events, waiting, on_event))?;
        let hardware = Arc::new(Mutex::new(hardware));
        let (jobs, queue) = mpsc::channel();
        let worker = Arc::clone(&hardware);
        std::thread::Builder::new()
            .name("devices".into())
            .spawn(move || work(queue, worker, pending))?;
        Ok(HardwareDevices {
            hardware,
            jobs,
            voices,
        })
    }

    /// The hardware hub, for status reports.
    pub fn hardware(&self) -> Arc<Mutex<Hardware>> {
        Arc::clone(&self.hardware)
    }

    fn hand_over(&self, job: Job) {
        if let Err(mpsc::SendError(job)) = self.jobs.send(job) {
            // The worker is gone (it never stops while the kiosk runs): say so to a print.
            tracing::error!("the device worker has stopped");
            if let Job::Print { done, .. } = job {
                done(Err(PrintFailure::Unavailable));
            }
        }
    }
}

/// Whether `locale` can be spoken: a speech driver is there and has a voice for it.
fn speaks(hardware: &mut Hardware, locale: &str) -> bool {
    let speech = hardware.speech();
    speech.driver().driver != "none" && speech.voice_for(locale).is_ok()
}

/// The device worker: takes jobs in order, and of a run of speech jobs queued meanwhile only
/// the last (what the resident asked for most recently).
fn work(queue: mpsc::Receiver<Job>, hardware: Arc<Mutex<Hardware>>, pending: Pending) {
    while let Ok(first) = queue.recv() {
        let mut jobs = vec![first];
        jobs.extend(queue.try_iter());
        let last_speech = jobs.iter().rposition(Job::is_speech);
        for (index, job) in jobs.into_iter().enumerate() {
            if job.is_speech() && Some(index) != last_speech {
                continue;
            }
            run(job, &hardware, &pending);
        }
    }
}

fn run(job: Job, hardware: &Mutex<Hardware>, pending: &Pending) {
    match job {
        Job::Print {
            printout,
            locale,
            done,
        } => {
            let document = document(&printout, &locale);
            // Hold the pending list while queueing, so the result cannot arrive before its
            // entry.
            let (Ok(mut hardware), Ok(mut pending)) = (hardware.lock(), pending.lock()) else {
                done(Err(PrintFailure::Unavailable));
                return;
            };
            let job = hardware.print(document);
            pending.insert(job, done);
        }
        Job::Speak { text, locale } => {
            if let Ok(mut hardware) = hardware.lock()
                && let Err(error) = hardware.speech().speak(&locale, &text)
            {
                tracing::warn!(%error, "cannot speak");
            }
        }
        Job::StopSpeaking => {
            if let Ok(mut hardware) = hardware.lock() {
                hardware.speech().stop();
            }
        }
        Job::ResetForNewSession => {
            if let Ok(mut hardware) = hardware.lock() {
                hardware.speech().reset_for_new_session();
            }
        }
    }
}

fn watch(
    events: mpsc::Receiver<HardwareEvent>,
    pending: Pending,
    on_event: impl Fn(HardwareEvent),
) {
    for event in events {
        match event {
            HardwareEvent::Printed { job, result } => {
                let done = pending
                    .lock()
                    .ok()
                    .and_then(|mut pending| pending.remove(&job));
                if let Some(done) = done {
                    done(result.map(|_| ()).map_err(PrintFailure::from));
                }
            }
            other => on_event(other),
        }
    }
}

/// The UI's view of a hardware event, if the UI acts on it.
pub fn device_event(event: &HardwareEvent) -> Option<crate::devices::DeviceEvent> {
    match event {
        HardwareEvent::Scanned(scan) => {
            Some(crate::devices::DeviceEvent::Scanned(scan.text.clone()))
        }
        HardwareEvent::Presence(presence) => Some(crate::devices::DeviceEvent::Presence(
            *presence == hardware::presence::Presence::Arrived,
        )),
        HardwareEvent::Power(power) => Some(crate::devices::DeviceEvent::Power {
            low: power.level != hardware::power::PowerLevel::Normal,
            critical: power.level == hardware::power::PowerLevel::Critical,
        }),
        _ => None,
    }
}

/// The printer's layout for a printout.
pub fn document(printout: &Printout, locale: &str) -> Document {
    match printout {
        Printout::Service {
            title,
            lines,
            link,
            link_note,
        } => templates::ticket(
            locale,
            &Ticket {
                title: title.clone(),
                details: lines
                    .iter()
                    .map(|line| (String::new(), line.clone()))
                    .collect(),
                reference_label: String::new(),
                reference: String::new(),
                qr: link.clone(),
                qr_caption: link.as_ref().map(|_| link_note.clone()),
                pending_note: None,
                footer: None,
            },
        ),
        Printout::Request {
            title,
            reference_label,
            reference,
            lines,
            offline_note,
        } => templates::ticket(
            locale,
            &Ticket {
                title: title.clone(),
                details: lines
                    .iter()
                    .map(|line| (String::new(), line.clone()))
                    .collect(),
                reference_label: reference_label.clone(),
                reference: reference.clone(),
                qr: None,
                qr_caption: None,
                pending_note: offline_note.clone(),
                footer: None,
            },
        ),
        Printout::LearnerCard { title, code, note } => templates::learner_card(
            locale,
            &LearnerCard {
                title: title.clone(),
                code_label: String::new(),
                code: code.clone(),
                note: Some(note.clone()),
            },
        ),
        Printout::Certificate { title, body, code } => templates::certificate(
            locale,
            &Certificate {
                title: title.clone(),
                statement: body.clone(),
                module: String::new(),
                date: String::new(),
                code_label: String::new(),
                code: code.clone(),
            },
        ),
    }
}

impl Devices for HardwareDevices {
    fn print(&self, printout: Printout, locale: &str, done: PrintDone) {
        self.hand_over(Job::Print {
            printout,
            locale: locale.to_owned(),
            done,
        });
    }

    fn speak(&self, text: &str, locale: &str) {
        self.hand_over(Job::Speak {
            text: text.to_owned(),
            locale: locale.to_owned(),
        });
    }

    fn stop_speaking(&self) {
        self.hand_over(Job::StopSpeaking);
    }

    fn can_speak(&self, locale: &str) -> bool {
        match self.voices.get(locale) {
            Some(can) => *can,
            // A language the kiosk does not carry (from published content): asked only when
            // the worker is not using the hardware, never waited for.
            None => self
                .hardware
                .try_lock()
                .is_ok_and(|mut hardware| speaks(&mut hardware, locale)),
        }
    }

    fn reset_for_new_session(&self) {
        self.hand_over(Job::ResetForNewSession);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printout_reaches_a_file_printer_and_the_result_comes_back()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let device = dir.path().join("lp0");
        std::fs::write(&device, b"")?;
        let text = format!(
            "[printer]\ndriver = \"device\"\ndevice = {:?}\nstatus_query = false\n",
            device.display().to_string()
        );
        let config = HardwareConfig::parse(&text, std::path::Path::new("hardware.toml"))?;
        let devices = HardwareDevices::start(&config, |_| {})?;
        let (sender, receiver) = mpsc::channel();
        devices.print(
            Printout::Request {
                title: "طلب معاودة الاتصال".into(),
                reference_label: "المرجع".into(),
                reference: "K7PQ-M3XZ-R9".into(),
                lines: vec!["سيتصل بك مستشار خلال يومي عمل.".into()],
                offline_note: None,
            },
            "ar",
            Box::new(move |result| {
                let _ = sender.send(result);
            }),
        );
        let result = receiver.recv_timeout(std::time::Duration::from_secs(20))?;
        assert!(result.is_ok(), "{result:?}");
        let bytes = std::fs::read(&device)?;
        assert!(
            bytes.len() > 1000,
            "the ticket (with its Arabic drawn as images) reached the device"
        );
        assert!(
            bytes.windows(2).any(|w| w == b"\x1d\x76"),
            "raster images were sent (GS v 0)"
        );
        Ok(())
    }
}
