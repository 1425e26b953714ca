//! The byte pipes to a printer: a device file (USB printer class `/dev/usb/lp0`, a serial port,
//! or a plain file that captures the stream) or a TCP connection (port 9100). Every read and
//! connect has a timeout; writes that could block for ever are bounded by the worker thread
//! that runs them (see `worker.rs`).

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::os::fd::AsFd;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::termios::{self, BaudRate, SetArg};

use super::PrinterError;

/// The default port of network receipt printers ("raw", "JetDirect").
pub const DEFAULT_TCP_PORT: u16 = 9100;

/// Where a printer is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    /// A device file: `/dev/usb/lp0`, `/dev/ttyUSB0`, or a plain file to capture into.
    Device {
        /// The path.
        path: PathBuf,
        /// Serial speed to set, if any.
        baud_rate: Option<u32>,
    },
    /// A network printer, `host:port` (port 9100 if not given).
    Tcp {
        /// The address as configured.
        address: String,
    },
}

impl Connection {
    /// The path or address, for messages.
    pub fn target(&self) -> String {
        match self {
            Connection::Device { path, .. } => path.display().to_string(),
            Connection::Tcp { address } => address.clone(),
        }
    }
}

/// The termios speed for a baud rate we support.
pub fn baud_rate(baud: u32) -> Option<BaudRate> {
    match baud {
        9600 => Some(BaudRate::B9600),
        19200 => Some(BaudRate::B19200),
        38400 => Some(BaudRate::B38400),
        57600 => Some(BaudRate::B57600),
        115200 => Some(BaudRate::B115200),
        _ => None,
    }
}

/// An open pipe to the printer for one job.
#[derive(Debug)]
pub(crate) enum Channel {
    /// A regular file: the stream is appended; there is nobody to ask for status.
    Capture(File),
    /// A character device (USB printer, serial port).
    Device(File),
    /// A TCP connection.
    Tcp(TcpStream),
}

impl Channel {
    /// Opens the connection, waiting at most `timeout` to connect.
    pub(crate) fn open(
        connection: &Connection,
        timeout: Duration,
    ) -> Result<Channel, PrinterError> {
        let target = connection.target();
        let unreachable = |source: io::Error| PrinterError::Unreachable {
            target: target.clone(),
            source: Arc::new(source),
        };
        match connection {
            Connection::Device {
                path,
                baud_rate: baud,
            } => {
                // Never create: a missing /dev/usb/lp0 means the printer is unplugged.
                let metadata = std::fs::metadata(path).map_err(unreachable)?;
                if metadata.is_file() {
                    let file = OpenOptions::new()
                        .append(true)
                        .open(path)
                        .map_err(unreachable)?;
                    return Ok(Channel::Capture(file));
                }
                let file = OpenOptions::new()
                    .read(true)
                    .write(true)
                    .custom_flags(nix::fcntl::OFlag::O_NOCTTY.bits())
                    .open(path)
                    .map_err(unreachable)?;
                if let Some(speed) = baud.and_then(baud_rate)
                    && metadata.file_type().is_char_device()
                {
                    set_serial_speed(&file, speed).map_err(unreachable)?;
                }
                Ok(Channel::Device(file))
            }
            Connection::Tcp { address } => {
                let addresses = resolve(address).map_err(unreachable)?;
                let mut last = io::Error::new(io::ErrorKind::NotFound, "no address");
                for addr in addresses {
                    match TcpStream::connect_timeout(&addr, timeout) {
                        Ok(stream) => {
                            stream
                                .set_write_timeout(Some(timeout))
                                .map_err(unreachable)?;
                            stream
                                .set_read_timeout(Some(timeout))
                                .map_err(unreachable)?;
                            stream.set_nodelay(true).map_err(unreachable)?;
                            return Ok(Channel::Tcp(stream));
                        }
                        Err(error) => last = error,
                    }
                }
                Err(unreachable(last))
            }
        }
    }

    /// Writes all of `bytes`.
    pub(crate) fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Channel::Capture(file) | Channel::Device(file) => {
                file.write_all(bytes)?;
                file.flush()
            }
            Channel::Tcp(stream) => stream.write_all(bytes),
        }
    }

    /// Sends the status queries and reads the four replies. `Ok(None)` when the printer
    /// cannot be asked (a capture file, a port that reads nothing back);
    /// `Err(ErrorKind::TimedOut)` when it could be asked but did not answer in `timeout`.
    pub(crate) fn query_status(
        &mut self,
        query: &[u8],
        timeout: Duration,
    ) -> io::Result<Option<[u8; 4]>> {
        if matches!(self, Channel::Capture(_)) {
            return Ok(None);
        }
        self.write_all(query)?;
        let mut replies = [0u8; 4];
        let mut filled = 0;
        let deadline = std::time::Instant::now() + timeout;
        while filled < replies.len() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "no status reply"));
            }
            let read = match self {
                Channel::Capture(_) => return Ok(None),
                Channel::Device(file) => {
                    if !wait_readable(file, left)? {
                        return Err(io::Error::new(io::ErrorKind::TimedOut, "no status reply"));
                    }
                    match file.read(&mut replies[filled..]) {
                        Ok(n) => n,
                        // A one-way port: cannot be asked.
                        Err(e) if e.kind() == io::ErrorKind::InvalidInput => return Ok(None),
                        Err(e) => return Err(e),
                    }
                }
                Channel::Tcp(stream) => {
                    stream.set_read_timeout(Some(left))?;
                    match stream.read(&mut replies[filled..]) {
                        Ok(n) => n,
                        Err(e)
                            if matches!(
                                e.kind(),
                                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                            ) =>
                        {
                            return Err(io::Error::new(io::ErrorKind::TimedOut, "no status reply"));
                        }
                        Err(e) => return Err(e),
                    }
                }
            };
            if read == 0 {
                return Ok(None);
            }
            filled += read;
        }
        Ok(Some(replies))
    }

    /// Ends the job: a TCP printer sees the end of the stream.
    pub(crate) fn finish(self) {
        if let Channel::Tcp(stream) = self {
            let _ = stream.shutdown(std::net::Shutdown::Write);
        }
    }
}

fn resolve(address: &str) -> io::Result<Vec<SocketAddr>> {
    let with_port = if address.parse::<SocketAddr>().is_ok() || has_port(address) {
        address.to_owned()
    } else {
        format!("{address}:{DEFAULT_TCP_PORT}")
    };
    Ok(with_port.to_socket_addrs()?.collect())
}

/// `host:port` or `[v6]:port`, as opposed to a bare host or IPv6 address.
fn has_port(address: &str) -> bool {
    if let Some(rest) = address.strip_prefix('[') {
        return rest.contains("]:");
    }
    address.matches(':').count() == 1
}

fn set_serial_speed(file: &File, speed: BaudRate) -> io::Result<()> {
    let mut settings = termios::tcgetattr(file.as_fd()).map_err(io::Error::from)?;
    termios::cfmakeraw(&mut settings);
    termios::cfsetspeed(&mut settings, speed).map_err(io::Error::from)?;
    termios::tcsetattr(file.as_fd(), SetArg::TCSANOW, &settings).map_err(io::Error::from)
}

/// True when `file` has data to read within `timeout`.
fn wait_readable(file: &File, timeout: Duration) -> io::Result<bool> {
    let timeout = PollTimeout::try_from(timeout).unwrap_or(PollTimeout::MAX);
    let mut fds = [PollFd::new(file.as_fd(), PollFlags::POLLIN)];
    let ready = poll(&mut fds, timeout).map_err(io::Error::from)?;
    Ok(ready > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_get_the_default_port() {
        assert!(has_port("printer.local:9100"));
        assert!(!has_port("printer.local"));
        assert!(has_port("[::1]:9100"));
        assert!(!has_port("::1"));
        let resolved = resolve("127.0.0.1").unwrap();
        assert_eq!(resolved, vec!["127.0.0.1:9100".parse().unwrap()]);
    }

    #[test]
    fn a_missing_device_is_unreachable_and_never_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lp0");
        let error = Channel::open(
            &Connection::Device {
                path: path.clone(),
                baud_rate: None,
            },
            Duration::from_secs(1),
        )
        .unwrap_err();
        assert!(matches!(error, PrinterError::Unreachable { .. }), "{error}");
        assert!(!path.exists());
    }
}
