//! A USB barcode/QR scanner that acts as a keyboard, read from its event device. The device
//! is grabbed (`EVIOCGRAB`) so its keystrokes never reach the UI, and its events are read by
//! the `evdev` crate, which also resynchronises key state after the kernel drops events
//! (`SYN_DROPPED`). A plain file or FIFO of input-event records (recorded streams, tests) is
//! read by [`EventReader`] instead. Keys become text in the layout `hardware.toml` names,
//! through libxkbcommon ([`ScanDecoder`]). A thread does the blocking reads and hands scans
//! over a channel, so [`Scanner::next_scan`] waits only as long as it is told.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use super::input_event::{EventReader, InputEvent};
use super::keymap::{Layout, ScanDecoder};
use super::{Scan, Scanner, ScannerError};
use crate::device::DriverInfo;

/// A scanner on an evdev device (or any file carrying input-event records).
#[derive(Debug)]
pub struct EvdevScanner {
    path: PathBuf,
    scans: mpsc::Receiver<Result<Scan, ScannerError>>,
    ended: bool,
}

impl EvdevScanner {
    /// Opens `path`; with `grab`, takes the device for ourselves so the UI never sees its
    /// keys (needs an evdev device; tests pass plain files or FIFOs without grab).
    pub fn open(path: &Path, grab: bool, layout: &Layout) -> Result<EvdevScanner, ScannerError> {
        // The keymap is compiled here once to refuse an unknown layout at start; the reading
        // thread compiles its own (libxkbcommon's state stays on one thread).
        ScanDecoder::new(layout)?;
        let open_error = |source: std::io::Error| ScannerError::Open {
            path: path.to_owned(),
            source,
        };
        let source = if grab {
            let mut device = evdev::Device::open(path).map_err(open_error)?;
            device.grab().map_err(|source| ScannerError::Grab {
                path: path.to_owned(),
                source,
            })?;
            EventSource::Device(Box::new(device))
        } else {
            EventSource::Records(File::open(path).map_err(open_error)?, EventReader::new())
        };
        let (sender, scans) = mpsc::channel();
        let thread_path = path.to_owned();
        let layout = layout.clone();
        std::thread::Builder::new()
            .name("scanner".into())
            .spawn(move || read_loop(source, &thread_path, &layout, &sender))
            .map_err(open_error)?;
        Ok(EvdevScanner {
            path: path.to_owned(),
            scans,
            ended: false,
        })
    }
}

/// Where the reading thread gets its events.
enum EventSource {
    /// A grabbed event device, read by the `evdev` crate (the grab lasts as long as it).
    Device(Box<evdev::Device>),
    /// A file or FIFO of raw input-event records.
    Records(File, EventReader),
}

impl EventSource {
    /// Blocks for the next events (an empty list when a read brought only part of a record);
    /// `Ok(None)` at the end of a recorded stream.
    fn next_events(&mut self, buffer: &mut [u8]) -> std::io::Result<Option<Vec<InputEvent>>> {
        match self {
            EventSource::Device(device) => Ok(Some(
                device
                    .fetch_events()?
                    .map(|event| InputEvent {
                        seconds: 0,
                        microseconds: 0,
                        kind: event.event_type().0,
                        code: event.code(),
                        value: event.value(),
                    })
                    .collect(),
            )),
            EventSource::Records(file, reader) => match file.read(buffer)? {
                0 => Ok(None),
                read => Ok(Some(reader.feed(&buffer[..read]))),
            },
        }
    }
}

/// Reads until the device goes away, sending one message per scan and a last one saying why
/// it stopped.
fn read_loop(
    mut source: EventSource,
    path: &Path,
    layout: &Layout,
    sender: &mpsc::Sender<Result<Scan, ScannerError>>,
) {
    let mut decoder = match ScanDecoder::new(layout) {
        Ok(decoder) => decoder,
        Err(error) => {
            let _ = sender.send(Err(error));
            return;
        }
    };
    let mut buffer = [0u8; 24 * 64];
    loop {
        let events = match source.next_events(&mut buffer) {
            Ok(Some(events)) => events,
            Ok(None) => {
                let _ = sender.send(Err(ScannerError::Disconnected {
                    path: path.to_owned(),
                    reason: "end of the event stream".into(),
                }));
                return;
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => {
                let _ = sender.send(Err(ScannerError::Disconnected {
                    path: path.to_owned(),
                    reason: error.to_string(),
                }));
                return;
            }
        };
        for event in events {
            if let Some(text) = decoder.event(&event)
                && sender.send(Ok(Scan { text })).is_err()
            {
                return;
            }
        }
    }
}

impl Scanner for EvdevScanner {
    fn driver(&self) -> DriverInfo {
        DriverInfo::with_target("evdev", self.path.display().to_string())
    }

    fn next_scan(&mut self, timeout: Duration) -> Result<Option<Scan>, ScannerError> {
        if self.ended {
            return Err(ScannerError::Disconnected {
                path: self.path.clone(),
                reason: "the scanner was unplugged or closed".into(),
            });
        }
        match self.scans.recv_timeout(timeout) {
            Ok(Ok(scan)) => Ok(Some(scan)),
            Ok(Err(error)) => {
                self.ended = true;
                Err(error)
            }
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => {
                self.ended = true;
                Err(ScannerError::Disconnected {
                    path: self.path.clone(),
                    reason: "the reader stopped".into(),
                })
            }
        }
    }
}
