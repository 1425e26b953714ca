//! A virtual X display (Xvfb) for tests that run the real `kiosk run`, and child processes
//! that are killed when the test ends.

use std::io::Read as _;
use std::process::{Child, Command, Stdio};

/// A child process killed when the test ends, however it ends.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An Xvfb server on a display number it picks itself; its number, e.g. ":3".
pub fn virtual_display() -> (Killed, String) {
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1366x768x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb runs (install it with scripts/setup --display)");
    let mut number = String::new();
    let mut stdout = child.stdout.take().expect("Xvfb's standard output");
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).expect("Xvfb says its display") == 1 && byte[0] != b'\n' {
        number.push(char::from(byte[0]));
    }
    assert!(!number.is_empty(), "Xvfb did not start");
    (Killed(child), format!(":{}", number.trim()))
}
