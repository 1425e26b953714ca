//! A USB barcode/QR scanner that acts as a keyboard, read from its event device. The device
//! is grabbed (`EVIOCGRAB`, through the `evdev` crate) so its keystrokes never reach the UI;
//! the raw 24-byte records are then read from the same open file and decoded by our own
//! [`EventReader`] and [`ScanDecoder`] (in the layout `hardware.toml` names, through libxkbcommon). A thread does the blocking reads and hands scans over
//! a channel, so [`Scanner::next_scan`] waits only as long as it is told.

use std::fs::File;
use std::io::Read;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use super::input_event::EventReader;
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
        let (file, device) = if grab {
            let mut device = evdev::Device::open(path).map_err(open_error)?;
            device.grab().map_err(|source| ScannerError::Grab {
                path: path.to_owned(),
                source,
            })?;
            let fd = device.as_fd().try_clone_to_owned().map_err(open_error)?;
            (File::from(fd), Some(device))
        } else {
            (File::open(path).map_err(open_error)?, None)
        };
        let (sender, scans) = mpsc::channel();
        let thread_path = path.to_owned();
        let layout = layout.clone();
        std::thread::Builder::new()
            .name("scanner".into())
            .spawn(move || read_loop(file, device, &thread_path, &layout, &sender))
            .map_err(open_error)?;
        Ok(EvdevScanner {
            path: path.to_owned(),
            scans,
            ended: false,
        })
    }
}

/// Reads until the device goes away, sending one message per scan and a last one saying why
/// it stopped. `device` is held so the grab lasts as long as the reads.
fn read_loop(
    mut file: File,
    device: Option<evdev::Device>,
    path: &Path,
    layout: &Layout,
    sender: &mpsc::Sender<Result<Scan, ScannerError>>,
) {
    let _grabbed = device;
    let mut reader = EventReader::new();
    let mut decoder = match ScanDecoder::new(layout) {
        Ok(decoder) => decoder,
        Err(error) => {
            let _ = sender.send(Err(error));
            return;
        }
    };
    let mut buffer = [0u8; 24 * 64];
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => {
                let _ = sender.send(Err(ScannerError::Disconnected {
                    path: path.to_owned(),
                    reason: "end of the event stream".into(),
                }));
                return;
            }
            Ok(n) => n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => {
                let _ = sender.send(Err(ScannerError::Disconnected {
                    path: path.to_owned(),
                    reason: error.to_string(),
                }));
                return;
            }
        };
        for event in reader.feed(&buffer[..read]) {
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
